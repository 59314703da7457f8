/* GStreamer SIP library
 * Copyright (C) 2026 The gst-sip authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Library General Public
 * License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 *
 * This library is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
 * Library General Public License for more details.
 *
 * You should have received a copy of the GNU Library General Public
 * License along with this library; if not, write to the
 * Free Software Foundation, Inc., 51 Franklin St, Fifth Floor,
 * Boston, MA 02110-1301, USA.
 */

/* SDP offer/answer: the codec rules, the answers to the offers of the
 * field captures in vectors/, and exchanges between two negotiators. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <sip/sip.h>

/* ---------------------------------------------------------------------- */
/* utilities */

static GstSDPMessage *
sdp_parse (const gchar *text)
{
  GstSDPMessage *msg;
  GString *crlf = g_string_new (NULL);
  const gchar *p;

  /* the literals below use LF; SDP uses CRLF */
  for (p = text; *p; p++) {
    if (*p == '\n' && (p == text || p[-1] != '\r'))
      g_string_append_c (crlf, '\r');
    g_string_append_c (crlf, *p);
  }
  gst_sdp_message_new (&msg);
  g_assert_cmpint (
      gst_sdp_message_parse_buffer ((const guint8 *) crlf->str, crlf->len, msg),
      ==, GST_SDP_OK);
  g_string_free (crlf, TRUE);
  return msg;
}

/* the SDP body of a captured message, with the placeholders of the source
 * document replaced: @subst is a NULL-terminated list of pairs */
static GstSDPMessage *
vector_sdp (const gchar *file, const gchar *const *subst)
{
  gchar *path = g_test_build_filename (G_TEST_DIST, "vectors", file, NULL);
  gchar *contents, *body;
  GstSDPMessage *msg;
  gsize length;
  guint i;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  body = strstr (contents, "\r\n\r\n");
  g_assert_nonnull (body);
  body = g_strdup (body + 4);
  for (i = 0; subst && subst[i]; i += 2) {
    gchar **parts = g_strsplit (body, subst[i], -1);

    g_free (body);
    body = g_strjoinv (subst[i + 1], parts);
    g_strfreev (parts);
  }
  g_assert_true (g_str_has_prefix (body, "v=0\r\n"));
  gst_sdp_message_new (&msg);
  g_assert_cmpint (
      gst_sdp_message_parse_buffer ((const guint8 *) body, strlen (body), msg),
      ==, GST_SDP_OK);
  g_free (body);
  g_free (contents);
  g_free (path);
  return msg;
}

static void
dump (const gchar *what, const GstSDPMessage *msg)
{
  gchar *text = gst_sdp_message_as_text (msg);

  g_test_message ("%s:\n%s", what, text);
  g_free (text);
}

static const GstSDPMedia *
media (const GstSDPMessage *msg, guint i)
{
  g_assert_cmpuint (gst_sdp_message_medias_len (msg), >, i);
  return gst_sdp_message_get_media (msg, i);
}

/* "0 8 101" */
static gchar *
formats (const GstSDPMedia *m)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < gst_sdp_media_formats_len (m); i++)
    g_string_append_printf (
        s, "%s%s", i ? " " : "", gst_sdp_media_get_format (m, i));
  return g_string_free (s, FALSE);
}

#define assert_formats(m, expected)     \
  G_STMT_START                          \
  {                                     \
    gchar *_f = formats (m);            \
    g_assert_cmpstr (_f, ==, expected); \
    g_free (_f);                        \
  }                                     \
  G_STMT_END

/* the value of a=<name>:<pt> ..., after the payload type */
static const gchar *
attr_for_pt (const GstSDPMedia *m, const gchar *name, guint pt)
{
  gchar *prefix = g_strdup_printf ("%u ", pt);
  const gchar *result = NULL;
  guint i;

  for (i = 0;; i++) {
    const gchar *v = gst_sdp_media_get_attribute_val_n (m, name, i);

    if (!v)
      break;
    if (g_str_has_prefix (v, prefix)) {
      result = v + strlen (prefix);
      break;
    }
  }
  g_free (prefix);
  return result;
}

static gboolean
has_attr (const GstSDPMedia *m, const gchar *key)
{
  guint i;

  for (i = 0; i < gst_sdp_media_attributes_len (m); i++) {
    if (g_strcmp0 (gst_sdp_media_get_attribute (m, i)->key, key) == 0)
      return TRUE;
  }
  return FALSE;
}

static guint64
origin_version (const GstSDPMessage *msg)
{
  return g_ascii_strtoull (
      gst_sdp_message_get_origin (msg)->sess_version, NULL, 10);
}

static GList *
streams_of (GstSipSdpNegotiator *n)
{
  return gst_sip_sdp_negotiator_get_streams (n);
}

static void
streams_free (GList *streams)
{
  g_list_free_full (streams, (GDestroyNotify) gst_sip_sdp_stream_free);
}

static const GstSipSdpStream *
nth_stream (GList *streams, guint i)
{
  GList *l = g_list_nth (streams, i);

  g_assert_nonnull (l);
  return l->data;
}

static void
assert_address (GInetSocketAddress *sa, const gchar *host, guint port)
{
  gchar *text;

  g_assert_nonnull (sa);
  text = g_inet_address_to_string (g_inet_socket_address_get_address (sa));
  g_assert_cmpstr (text, ==, host);
  g_assert_cmpuint (g_inet_socket_address_get_port (sa), ==, port);
  g_free (text);
}

static void
assert_send (const GstSipSdpStream *s, const gchar *name, guint pt)
{
  const GstSipCodec *c = gst_sip_sdp_stream_get_send_codec (s);

  g_assert_true (gst_sip_sdp_stream_is_enabled (s));
  g_assert_nonnull (c);
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, name);
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, pt);
}

/* "PCMU/0 PCMA/8" */
static gchar *
receive_list (const GstSipSdpStream *s)
{
  GString *str = g_string_new (NULL);
  GList *l;

  for (l = gst_sip_sdp_stream_get_receive_codecs (s); l; l = l->next)
    g_string_append_printf (str, "%s%s/%u", str->len ? " " : "",
        gst_sip_codec_get_encoding_name (l->data),
        gst_sip_codec_get_payload_type (l->data));
  return g_string_free (str, FALSE);
}

#define assert_receive(s, expected)     \
  G_STMT_START                          \
  {                                     \
    gchar *_r = receive_list (s);       \
    g_assert_cmpstr (_r, ==, expected); \
    g_free (_r);                        \
  }                                     \
  G_STMT_END

static const GstSipCodec *
receive_codec (const GstSipSdpStream *s, guint pt)
{
  GList *l;

  for (l = gst_sip_sdp_stream_get_receive_codecs (s); l; l = l->next) {
    if (gst_sip_codec_get_payload_type (l->data) == pt)
      return l->data;
  }
  g_assert_not_reached ();
  return NULL;
}

static GstSipCodec *
codec (const gchar *media_type, const gchar *name, guint rate, guint pt,
    const gchar *fmtp)
{
  GstSipCodec *c = gst_sip_codec_new (media_type, name, rate, 0);

  gst_sip_codec_set_payload_type (c, pt);
  gst_sip_codec_set_fmtp (c, fmtp);
  return c;
}

static void
codecs_free (GList *list)
{
  g_list_free_full (list, (GDestroyNotify) gst_sip_codec_free);
}

/* a negotiator with default audio on 40000 and video on 40002 */
static GstSipSdpNegotiator *
default_negotiator (const gchar *address, gboolean video)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new (address);

  g_assert_cmpuint (
      gst_sip_sdp_negotiator_add_media (n, "audio", 40000, NULL), ==, 0);
  if (video)
    g_assert_cmpuint (
        gst_sip_sdp_negotiator_add_media (n, "video", 40002, NULL), ==, 1);
  return n;
}

static GstSDPMessage *
answer_ok (GstSipSdpNegotiator *n, const GstSDPMessage *offer)
{
  GError *error = NULL;
  GstSDPMessage *answer;

  answer = gst_sip_sdp_negotiator_create_answer (n, offer, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  dump ("answer", answer);
  return answer;
}

static GstSDPMessage *
offer_ok (GstSipSdpNegotiator *n)
{
  GError *error = NULL;
  GstSDPMessage *offer = gst_sip_sdp_negotiator_create_offer (n, &error);

  g_assert_no_error (error);
  g_assert_nonnull (offer);
  g_assert_true (gst_sip_sdp_negotiator_has_pending_offer (n));
  dump ("offer", offer);
  return offer;
}

static void
set_answer_ok (GstSipSdpNegotiator *n, const GstSDPMessage *answer)
{
  GError *error = NULL;

  g_assert_true (gst_sip_sdp_negotiator_set_answer (n, answer, &error));
  g_assert_no_error (error);
  g_assert_false (gst_sip_sdp_negotiator_has_pending_offer (n));
}

/* a complete exchange from @offerer to @answerer */
static void
exchange (GstSipSdpNegotiator *offerer, GstSipSdpNegotiator *answerer)
{
  GstSDPMessage *offer = offer_ok (offerer);
  GstSDPMessage *answer = answer_ok (answerer, offer);

  set_answer_ok (offerer, answer);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);
}

static void
assert_not_acceptable (GstSipSdpNegotiator *n, const GstSDPMessage *offer)
{
  GError *error = NULL;

  g_assert_null (gst_sip_sdp_negotiator_create_answer (n, offer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
  g_error_free (error);
}

/* ---------------------------------------------------------------------- */
/* codecs */

static void
test_codec_basics (void)
{
  GstSipCodec *c, *copy;

  c = gst_sip_codec_new ("audio", "pcmu", 8000, 0);
  g_assert_cmpstr (gst_sip_codec_get_media (c), ==, "audio");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "PCMU");
  g_assert_cmpuint (gst_sip_codec_get_clock_rate (c), ==, 8000);
  g_assert_cmpuint (gst_sip_codec_get_channels (c), ==, 1);
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, 0);
  g_assert_null (gst_sip_codec_get_fmtp (c));
  g_assert_false (gst_sip_codec_is_telephone_event (c));
  gst_sip_codec_free (c);

  c = gst_sip_codec_new ("Audio", "PCMA", 8000, 1);
  g_assert_cmpstr (gst_sip_codec_get_media (c), ==, "audio");
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, 8);
  gst_sip_codec_free (c);

  c = gst_sip_codec_new ("video", "h263", 90000, 0);
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "H263");
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, 34);
  g_assert_cmpuint (gst_sip_codec_get_channels (c), ==, 0);
  /* the odd separators of a carrier's 200 OK */
  gst_sip_codec_set_fmtp (c, "QCIF=2 SQCIF=2/MaxBR=560");
  g_assert_cmpstr (gst_sip_codec_get_fmtp (c), ==, "QCIF=2 SQCIF=2/MaxBR=560");
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "qcif"), ==, "2");
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "SQCIF"), ==, "2");
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "maxbr"), ==, "560");
  g_assert_null (gst_sip_codec_get_fmtp_param (c, "CIF"));
  copy = gst_sip_codec_copy (c);
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (copy, "MaxBR"), ==, "560");
  gst_sip_codec_set_payload_type (copy, 100);
  g_assert_cmpuint (gst_sip_codec_get_payload_type (copy), ==, 100);
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, 34);
  gst_sip_codec_free (copy);
  gst_sip_codec_set_fmtp (c, "  ");
  g_assert_null (gst_sip_codec_get_fmtp (c));
  gst_sip_codec_free (c);

  c = gst_sip_codec_new ("audio", "TELEPHONE-EVENT", 8000, 0);
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "telephone-event");
  g_assert_true (gst_sip_codec_is_telephone_event (c));
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, 96);
  gst_sip_codec_set_fmtp (c, "0-15");
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "0-15"), ==, "");
  gst_sip_codec_free (c);

  c = gst_sip_codec_new ("audio", "speex", 16000, 0);
  gst_sip_codec_set_fmtp (c, "vbr=on;mode=6");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "speex");
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "mode"), ==, "6");
  gst_sip_codec_free (c);

  c = gst_sip_codec_new ("video", "H264", 90000, 0);
  gst_sip_codec_set_fmtp (c,
      "profile-level-id=42e00b; packetization-mode=1;"
      "sprop-parameter-sets=Z0LgC5ZUCg/I,aM4BrFSAa");
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (c, "packetization-mode"), ==, "1");
  /* base64 keeps its '/' */
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "sprop-parameter-sets"), ==,
      "Z0LgC5ZUCg/I,aM4BrFSAa");
  gst_sip_codec_free (c);
}

static void
test_codec_defaults (void)
{
  static const struct
  {
    const gchar *name;
    guint pt;
    const gchar *fmtp;
  } audio[] = {
    { "PCMU", 0, NULL },
    { "PCMA", 8, NULL },
    { "AMR", 96, "octet-align=1" },
    { "AMR", 97, NULL },
    { "telephone-event", 101, "0-15" },
  }, video[] = {
    { "H264", 98,
        "profile-level-id=42e01f;packetization-mode=1;"
        "level-asymmetry-allowed=1" },
    { "H263-1998", 99, "CIF=1;QCIF=1;SQCIF=1" },
    { "H263", 34, "CIF=1;QCIF=1;SQCIF=1" },
    { "MP4V-ES", 100, "profile-level-id=3" },
  };
  GList *list, *l;
  guint i;

  list = gst_sip_codec_list_defaults ("audio");
  g_assert_cmpuint (g_list_length (list), ==, G_N_ELEMENTS (audio));
  for (l = list, i = 0; l; l = l->next, i++) {
    g_assert_cmpstr (
        gst_sip_codec_get_encoding_name (l->data), ==, audio[i].name);
    g_assert_cmpuint (gst_sip_codec_get_clock_rate (l->data), ==, 8000);
    g_assert_cmpuint (
        gst_sip_codec_get_payload_type (l->data), ==, audio[i].pt);
    g_assert_cmpstr (gst_sip_codec_get_fmtp (l->data), ==, audio[i].fmtp);
  }
  codecs_free (list);

  list = gst_sip_codec_list_defaults ("video");
  g_assert_cmpuint (g_list_length (list), ==, G_N_ELEMENTS (video));
  for (l = list, i = 0; l; l = l->next, i++) {
    g_assert_cmpstr (
        gst_sip_codec_get_encoding_name (l->data), ==, video[i].name);
    g_assert_cmpuint (gst_sip_codec_get_clock_rate (l->data), ==, 90000);
    g_assert_cmpuint (
        gst_sip_codec_get_payload_type (l->data), ==, video[i].pt);
    g_assert_cmpstr (gst_sip_codec_get_fmtp (l->data), ==, video[i].fmtp);
  }
  codecs_free (list);

  g_assert_null (gst_sip_codec_list_defaults ("application"));
}

static void
assert_caps_string (
    const GstCaps *caps, const gchar *field, const gchar *expected)
{
  const GstStructure *s = gst_caps_get_structure (caps, 0);

  g_assert_cmpstr (gst_structure_get_string (s, field), ==, expected);
}

static void
assert_caps_int (const GstCaps *caps, const gchar *field, gint expected)
{
  const GstStructure *s = gst_caps_get_structure (caps, 0);
  gint value = -1;

  g_assert_true (gst_structure_get_int (s, field, &value));
  g_assert_cmpint (value, ==, expected);
}

static void
test_codec_to_caps (void)
{
  GstSipCodec *c;
  GstCaps *caps;
  const GstStructure *s;

  c = gst_sip_codec_new ("audio", "PCMU", 8000, 0);
  caps = gst_sip_codec_to_caps (c);
  s = gst_caps_get_structure (caps, 0);
  g_assert_cmpstr (gst_structure_get_name (s), ==, "application/x-rtp");
  assert_caps_string (caps, "media", "audio");
  assert_caps_string (caps, "encoding-name", "PCMU");
  assert_caps_int (caps, "clock-rate", 8000);
  assert_caps_int (caps, "payload", 0);
  g_assert_false (gst_structure_has_field (s, "encoding-params"));
  gst_caps_unref (caps);
  gst_sip_codec_free (c);

  c = codec ("audio", "AMR", 8000, 114, "octet-align=1;mode-set=0,2");
  caps = gst_sip_codec_to_caps (c);
  assert_caps_string (caps, "encoding-name", "AMR");
  assert_caps_int (caps, "payload", 114);
  assert_caps_string (caps, "octet-align", "1");
  assert_caps_string (caps, "mode-set", "0,2");
  gst_caps_unref (caps);
  gst_sip_codec_free (c);

  /* event lists are no caps field */
  c = codec ("audio", "telephone-event", 8000, 101, "0-15");
  caps = gst_sip_codec_to_caps (c);
  s = gst_caps_get_structure (caps, 0);
  assert_caps_string (caps, "encoding-name", "TELEPHONE-EVENT");
  g_assert_cmpuint (gst_structure_n_fields (s), ==, 4);
  gst_caps_unref (caps);
  gst_sip_codec_free (c);

  /* names in lower case, parameters split as an H.263 peer writes them */
  c = codec ("video", "H263", 90000, 34, "QCIF=2 SQCIF=2/MaxBR=560");
  caps = gst_sip_codec_to_caps (c);
  assert_caps_string (caps, "encoding-name", "H263");
  assert_caps_int (caps, "clock-rate", 90000);
  assert_caps_string (caps, "qcif", "2");
  assert_caps_string (caps, "sqcif", "2");
  assert_caps_string (caps, "maxbr", "560");
  gst_caps_unref (caps);
  gst_sip_codec_free (c);

  c = codec ("video", "H264", 90000, 126,
      "profile-level-id=42e00b;packetization-mode=1");
  caps = gst_sip_codec_to_caps (c);
  assert_caps_string (caps, "profile-level-id", "42e00b");
  assert_caps_string (caps, "packetization-mode", "1");
  gst_caps_unref (caps);
  gst_sip_codec_free (c);

  /* as gst_sdp_media_get_caps_from_media(): level asymmetry gives a
   * profile */
  c = codec ("video", "H264", 90000, 98,
      "profile-level-id=42e01f;level-asymmetry-allowed=1");
  caps = gst_sip_codec_to_caps (c);
  s = gst_caps_get_structure (caps, 0);
  assert_caps_string (caps, "profile", "constrained-baseline");
  g_assert_false (gst_structure_has_field (s, "profile-level-id"));
  gst_caps_unref (caps);
  gst_sip_codec_free (c);

  c = gst_sip_codec_new ("audio", "L16", 44100, 2);
  caps = gst_sip_codec_to_caps (c);
  assert_caps_string (caps, "encoding-params", "2");
  assert_caps_int (caps, "payload", 10);
  gst_caps_unref (caps);
  gst_sip_codec_free (c);
}

static GstSipCodec *
from_caps (const gchar *text)
{
  GstCaps *caps = gst_caps_from_string (text);
  GstSipCodec *c;

  g_assert_nonnull (caps);
  c = gst_sip_codec_new_from_caps (caps);
  gst_caps_unref (caps);
  return c;
}

static void
test_codec_from_caps (void)
{
  GstSipCodec *c, *back;
  GstCaps *caps;
  GstBuffer *buffer;
  static const guint8 vol[] = { 0x00, 0x00, 0x01, 0xb0, 0x03 };

  /* a payloader's src caps */
  c = from_caps (
      "application/x-rtp, media=(string)video, "
      "clock-rate=(int)90000, encoding-name=(string)H264, payload=(int)96, "
      "packetization-mode=(string)1, profile-level-id=(string)42e01f, "
      "sprop-parameter-sets=(string)\"Z0LgH5ZUBQHsgA\\=\\=,aM4BrFSAa\", "
      "ssrc=(uint)1234, timestamp-offset=(uint)5, seqnum-offset=(uint)6");
  g_assert_nonnull (c);
  g_assert_cmpstr (gst_sip_codec_get_media (c), ==, "video");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "H264");
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, 96);
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (c, "packetization-mode"), ==, "1");
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (c, "profile-level-id"), ==, "42e01f");
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "sprop-parameter-sets"), ==,
      "Z0LgH5ZUBQHsgA==,aM4BrFSAa");
  g_assert_null (gst_sip_codec_get_fmtp_param (c, "ssrc"));
  /* back and forth */
  caps = gst_sip_codec_to_caps (c);
  back = gst_sip_codec_new_from_caps (caps);
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (back, "profile-level-id"), ==, "42e01f");
  g_assert_cmpuint (gst_sip_codec_get_payload_type (back), ==, 96);
  gst_caps_unref (caps);
  gst_sip_codec_free (back);
  gst_sip_codec_free (c);

  /* a template with ranges: the fixed parts only */
  c = from_caps ("application/x-rtp, media=(string)audio, "
                 "payload=(int)[ 96, 127 ], clock-rate=(int)8000, "
                 "encoding-name=(string)AMR, encoding-params=(string)1, "
                 "octet-align=(string)1, mode-set=(int)[ 0, 7 ]");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "AMR");
  g_assert_cmpuint (gst_sip_codec_get_channels (c), ==, 1);
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, 96);
  g_assert_cmpstr (gst_sip_codec_get_fmtp (c), ==, "octet-align=1");
  gst_sip_codec_free (c);

  /* static payload type without an encoding name */
  c = from_caps ("application/x-rtp, media=(string)audio, payload=(int)8, "
                 "clock-rate=(int)8000");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "PCMA");
  gst_sip_codec_free (c);

  /* level asymmetry as caps carry it */
  c = from_caps ("application/x-rtp, media=(string)video, "
                 "clock-rate=(int)90000, encoding-name=(string)H264, "
                 "profile=(string)constrained-baseline");
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (c, "level-asymmetry-allowed"), ==, "1");
  gst_sip_codec_free (c);

  c = from_caps ("audio/x-mulaw, rate=(int)8000, channels=(int)1");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "PCMU");
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, 0);
  gst_sip_codec_free (c);

  c = from_caps ("audio/x-alaw, rate=(int)8000, channels=(int)1");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "PCMA");
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, 8);
  gst_sip_codec_free (c);

  c = from_caps ("audio/AMR, rate=(int)8000, channels=(int)1");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "AMR");
  g_assert_cmpuint (gst_sip_codec_get_clock_rate (c), ==, 8000);
  g_assert_cmpstr (gst_sip_codec_get_fmtp (c), ==, "octet-align=1");
  gst_sip_codec_free (c);

  c = from_caps ("video/x-h264, stream-format=(string)byte-stream, "
                 "alignment=(string)au, profile=(string)constrained-baseline, "
                 "level=(string)3.1");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "H264");
  g_assert_cmpstr (gst_sip_codec_get_fmtp (c), ==,
      "profile-level-id=42e01f;packetization-mode=1");
  gst_sip_codec_free (c);

  c = from_caps ("video/x-h264, profile=(string)high, level=(string)4");
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (c, "profile-level-id"), ==, "640028");
  gst_sip_codec_free (c);

  c = from_caps ("video/x-h264, profile=(string)baseline, level=(string)1b");
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (c, "profile-level-id"), ==, "42100b");
  gst_sip_codec_free (c);

  c = from_caps ("video/x-h263, variant=(string)itu, "
                 "h263version=(string)h263");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "H263");
  g_assert_cmpuint (gst_sip_codec_get_payload_type (c), ==, 34);
  gst_sip_codec_free (c);

  c = from_caps ("video/x-h263, variant=(string)itu, "
                 "h263version=(string)h263p");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "H263-1998");
  gst_sip_codec_free (c);

  c = from_caps ("video/x-h263, variant=(string)itu, "
                 "h263version=(string)h263pp");
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "H263-2000");
  gst_sip_codec_free (c);

  g_assert_null (from_caps ("video/x-h263, variant=(string)lead"));

  caps = gst_caps_new_simple ("video/mpeg", "mpegversion", G_TYPE_INT, 4,
      "systemstream", G_TYPE_BOOLEAN, FALSE, NULL);
  buffer = gst_buffer_new_memdup (vol, sizeof (vol));
  gst_caps_set_simple (caps, "codec_data", GST_TYPE_BUFFER, buffer, NULL);
  gst_buffer_unref (buffer);
  c = gst_sip_codec_new_from_caps (caps);
  gst_caps_unref (caps);
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (c), ==, "MP4V-ES");
  g_assert_cmpstr (gst_sip_codec_get_fmtp (c), ==, "config=000001B003");
  gst_sip_codec_free (c);

  g_assert_null (from_caps ("video/mpeg, mpegversion=(int)2"));
  g_assert_null (from_caps ("audio/x-raw, rate=(int)8000"));
  g_assert_null (from_caps ("application/x-rtp, media=(string)audio"));
  caps = gst_caps_new_empty ();
  g_assert_null (gst_sip_codec_new_from_caps (caps));
  gst_caps_unref (caps);
  caps = gst_caps_new_any ();
  g_assert_null (gst_sip_codec_new_from_caps (caps));
  gst_caps_unref (caps);
}

/* ---------------------------------------------------------------------- */
/* codec rules, through one-codec offers */

/* the answer to a one-m-line offer of @media_type with the given formats,
 * attributes and local codecs; returns the fmtp of @pt in the answer, or
 * NULL when the codec was declined */
static gchar *
answer_fmtp (
    const gchar *media_type, const gchar *offer_body, GList *local, guint pt)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new ("192.0.2.2");
  gchar *text = g_strdup_printf ("v=0\n"
                                 "o=- 1 1 IN IP4 192.0.2.1\n"
                                 "s=-\n"
                                 "c=IN IP4 192.0.2.1\n"
                                 "t=0 0\n"
                                 "%s",
      offer_body);
  GstSDPMessage *offer = sdp_parse (text), *answer;
  GError *error = NULL;
  gchar *result = NULL;

  gst_sip_sdp_negotiator_add_media (n, media_type, 30000, local);
  answer = gst_sip_sdp_negotiator_create_answer (n, offer, &error);
  if (answer) {
    const GstSDPMedia *m = media (answer, 0);
    gchar *fmts = formats (m);
    gchar *pt_text = g_strdup_printf ("%u", pt);
    gchar **items = g_strsplit (fmts, " ", -1);

    if (g_strv_contains ((const gchar *const *) items, pt_text)) {
      const gchar *fmtp = attr_for_pt (m, "fmtp", pt);

      result = g_strdup (fmtp ? fmtp : "");
    }
    g_strfreev (items);
    g_free (pt_text);
    g_free (fmts);
    gst_sdp_message_free (answer);
  } else {
    g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
    g_clear_error (&error);
  }
  gst_sdp_message_free (offer);
  g_free (text);
  g_object_unref (n);
  return result;
}

#define assert_answer_fmtp(media_type, body, local, pt, expected) \
  G_STMT_START                                                    \
  {                                                               \
    gchar *_a = answer_fmtp (media_type, body, local, pt);        \
    g_assert_cmpstr (_a, ==, expected);                           \
    g_free (_a);                                                  \
  }                                                               \
  G_STMT_END

static void
test_rules_h264 (void)
{
  GList *local = g_list_append (NULL,
      codec ("video", "H264", 90000, 96,
          "profile-level-id=42e01f;packetization-mode=1;"
          "level-asymmetry-allowed=1"));
  GList *local_sym = g_list_append (
      NULL, codec ("video", "H264", 90000, 96, "profile-level-id=42e01f"));
  GList *local_high = g_list_append (NULL,
      codec ("video", "H264", 90000, 96,
          "profile-level-id=64002a;level-asymmetry-allowed=1;max-fs=8160"));

  /* the level of the offer when it is lower and there is no asymmetry;
   * unknown parameters are dropped; no packetization-mode means 0 */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 126\n"
      "a=rtpmap:126 H264/90000\n"
      "a=fmtp:126 profile-level-id=42e00b;cif=1;fps=10\n",
      local, 126, "profile-level-id=42e00b");
  /* both allow asymmetry: our own level */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 97\n"
      "a=rtpmap:97 H264/90000\n"
      "a=fmtp:97 profile-level-id=42e00b;packetization-mode=1;"
      "level-asymmetry-allowed=1\n",
      local, 97,
      "profile-level-id=42e01f;packetization-mode=1;"
      "level-asymmetry-allowed=1");
  /* without asymmetry, the lower of both, here ours */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 97\n"
      "a=rtpmap:97 H264/90000\n"
      "a=fmtp:97 profile-level-id=42e028;packetization-mode=1\n",
      local_sym, 97, "profile-level-id=42e01f;packetization-mode=1");
  /* a Baseline decoder takes a Main stream with constraint_set1 (constrained
   * baseline), answered in the offered profile */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 97\n"
      "a=rtpmap:97 H264/90000\n"
      "a=fmtp:97 profile-level-id=4d401e\n",
      local, 97, "profile-level-id=4d401e");
  /* level 1b */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 97\n"
      "a=rtpmap:97 H264/90000\n"
      "a=fmtp:97 profile-level-id=42f00b\n",
      local, 97, "profile-level-id=42f00b");
  /* no profile-level-id: Baseline level 1 */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 97\n"
      "a=rtpmap:97 H264/90000\n",
      local, 97, "profile-level-id=42000a");
  /* High offered, constrained baseline here: declined */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 97\n"
      "a=rtpmap:97 H264/90000\n"
      "a=fmtp:97 profile-level-id=640028;packetization-mode=1\n",
      local, 97, NULL);
  /* High both sides, asymmetry, our receiver limits in the answer */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 97\n"
      "a=rtpmap:97 H264/90000\n"
      "a=fmtp:97 profile-level-id=640028;level-asymmetry-allowed=1\n",
      local_high, 97,
      "profile-level-id=64002a;level-asymmetry-allowed=1;max-fs=8160");
  /* interleaved mode is not ours */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 97\n"
      "a=rtpmap:97 H264/90000\n"
      "a=fmtp:97 profile-level-id=42e01f;packetization-mode=2\n",
      local, 97, NULL);
  /* both modes offered: both answered, in the offer's order */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 97 98\n"
      "a=rtpmap:97 H264/90000\n"
      "a=fmtp:97 profile-level-id=42e01f;packetization-mode=1\n"
      "a=rtpmap:98 H264/90000\n"
      "a=fmtp:98 profile-level-id=42e01f\n",
      local, 98, "profile-level-id=42e01f");
  /* a broken profile-level-id */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 97\n"
      "a=rtpmap:97 H264/90000\n"
      "a=fmtp:97 profile-level-id=42e0\n",
      local, 97, NULL);

  codecs_free (local);
  codecs_free (local_sym);
  codecs_free (local_high);
}

static void
test_rules_amr (void)
{
  GList *defaults = gst_sip_codec_list_defaults ("audio");
  GList *oa = g_list_append (NULL,
      codec ("audio", "AMR", 8000, 96,
          "octet-align=1;mode-set=2,5,7;mode-change-capability=2"));

  /* bandwidth-efficient, as in the soft switch captures */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 114\n"
      "a=rtpmap:114 AMR/8000\n"
      "a=fmtp:114 mode-set=0\n",
      defaults, 114, "mode-set=0");
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 114\n"
      "a=rtpmap:114 AMR/8000/1\n"
      "a=fmtp:114 octet-align=1\n",
      defaults, 114, "octet-align=1");
  /* the mode-set intersection, the offer's mode change rules, our
   * capability */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 96\n"
      "a=rtpmap:96 AMR/8000\n"
      "a=fmtp:96 octet-align=1; mode-set=0,2,4,7; mode-change-period=2; "
      "mode-change-neighbor=1\n",
      oa, 96,
      "octet-align=1;mode-set=2,7;mode-change-period=2;"
      "mode-change-neighbor=1;mode-change-capability=2");
  /* octet-align must match */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 96\n"
      "a=rtpmap:96 AMR/8000\n",
      oa, 96, NULL);
  /* no common mode */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 96\n"
      "a=rtpmap:96 AMR/8000\n"
      "a=fmtp:96 octet-align=1;mode-set=0,1\n",
      oa, 96, NULL);
  /* crc is not ours */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 96\n"
      "a=rtpmap:96 AMR/8000\n"
      "a=fmtp:96 octet-align=1;crc=1\n",
      oa, 96, NULL);
  /* AMR-WB is another format */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 96 0\n"
      "a=rtpmap:96 AMR-WB/16000\n"
      "a=fmtp:96 octet-align=1\n",
      defaults, 96, NULL);

  codecs_free (defaults);
  codecs_free (oa);
}

static void
test_rules_h263 (void)
{
  GList *defaults = gst_sip_codec_list_defaults ("video");
  GList *small = g_list_append (NULL,
      codec ("video", "H263-1998", 90000, 96,
          "QCIF=2;SQCIF=1;CUSTOM=320,240,2;MaxBR=1000;F=1;I=1"));

  /* the carrier's 200 OK: spaces and a slash */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 34\n"
      "a=rtpmap:34 H263/90000\n"
      "a=fmtp:34 QCIF=2 SQCIF=2/MaxBR=560\n",
      defaults, 34, "SQCIF=2;QCIF=2;MaxBR=560");
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 34\n"
      "a=rtpmap:34 H263/90000\n"
      "a=fmtp:34 QCIF=1 CIF=1 MaxBR=4520\n",
      defaults, 34, "QCIF=1;CIF=1;MaxBR=4520");
  /* static payload type without rtpmap nor sizes: our sizes */
  assert_answer_fmtp ("video", "m=video 5000 RTP/AVP 34\n", defaults, 34,
      "SQCIF=1;QCIF=1;CIF=1");
  /* the larger interval of each common size, the smaller MaxBR, common
   * annexes, custom sizes */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 96\n"
      "a=rtpmap:96 H263-1998/90000\n"
      "a=fmtp:96 CIF=1;QCIF=1;SQCIF=3;CUSTOM=320,240,1;MaxBR=2000;F=1;J=1\n",
      small, 96, "SQCIF=3;QCIF=2;CUSTOM=320,240,2;MaxBR=1000;F=1");
  /* no size in common */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 96\n"
      "a=rtpmap:96 H263-1998/90000\n"
      "a=fmtp:96 CIF=1\n",
      small, 96, NULL);
  /* H263-2000 is not H263-1998 */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 96\n"
      "a=rtpmap:96 H263-2000/90000\n"
      "a=fmtp:96 QCIF=1\n",
      small, 96, NULL);
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 96\n"
      "a=rtpmap:96 H263-2000/90000\n"
      "a=fmtp:96 PROFILE=0;LEVEL=45;QCIF=1\n",
      defaults, 96, NULL);

  codecs_free (defaults);
  codecs_free (small);
}

static void
test_rules_other (void)
{
  GList *audio = gst_sip_codec_list_defaults ("audio");
  GList *video = gst_sip_codec_list_defaults ("video");

  /* telephone-event: the events both sides have */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 0 101\n"
      "a=rtpmap:101 telephone-event/8000\n"
      "a=fmtp:101 0-11,16\n",
      audio, 101, "0-11");
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 0 101\n"
      "a=rtpmap:101 telephone-event/8000\n",
      audio, 101, "0-15");
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 0 101\n"
      "a=rtpmap:101 telephone-event/8000\n"
      "a=fmtp:101 32-40\n",
      audio, 101, NULL);
  /* telephone-event alone is no codec in common */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 101\n"
      "a=rtpmap:101 telephone-event/8000\n",
      audio, 101, NULL);
  /* MP4V-ES: our profile-level-id, no config of theirs */
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 98\n"
      "a=rtpmap:98 MP4V-ES/90000\n"
      "a=fmtp:98 profile-level-id=1;config=000001B001\n",
      video, 98, "profile-level-id=3");
  /* PCMU with a channel count and no rtpmap */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 0\n"
      "a=rtpmap:0 PCMU/8000/1\n",
      audio, 0, "");
  assert_answer_fmtp ("audio", "m=audio 5000 RTP/AVP 8\n", audio, 8, "");
  /* not ours: declined */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 18 3 97 98 111\n"
      "a=rtpmap:97 speex/8000\n"
      "a=rtpmap:98 iLBC/8000\n"
      "a=rtpmap:111 opus/48000/2\n",
      audio, 18, NULL);
  assert_answer_fmtp ("video",
      "m=video 5000 RTP/AVP 100\n"
      "a=rtpmap:100 VP8/90000\n",
      video, 100, NULL);
  /* PCMU at another rate is another format */
  assert_answer_fmtp ("audio",
      "m=audio 5000 RTP/AVP 96\n"
      "a=rtpmap:96 PCMU/16000\n",
      audio, 96, NULL);

  codecs_free (audio);
  codecs_free (video);
}

/* ---------------------------------------------------------------------- */
/* the field captures */

/* seed 000: the offer in the carrier's 200 OK (late offer), with the
 * document's placeholders */
static const gchar *const seed000_subst[] = { "localIP", "172.16.90.74",
  "audioPort", "30000", "videoPort", "30002", NULL };

static void
test_seed000_offer_as_captured (void)
{
  GstSDPMessage *offer = vector_sdp ("seed000-08-200-invite-sdp.sip", NULL);
  GstSipSdpNegotiator *n = default_negotiator ("192.0.2.2", TRUE);

  /* "audioPort" reads as port 0, "localIP" is no address: nothing can be
   * accepted, and nothing crashes */
  g_assert_cmpuint (gst_sdp_media_get_port (media (offer, 0)), ==, 0);
  assert_not_acceptable (n, offer);
  g_assert_null (gst_sip_sdp_negotiator_get_local_description (n));
  g_assert_null (gst_sip_sdp_negotiator_get_streams (n));

  gst_sdp_message_free (offer);
  g_object_unref (n);
}

static void
test_seed000_offer (void)
{
  GstSDPMessage *offer =
      vector_sdp ("seed000-08-200-invite-sdp.sip", seed000_subst);
  GstSipSdpNegotiator *n = default_negotiator ("192.0.2.2", TRUE);
  GstSDPMessage *answer = answer_ok (n, offer);
  const GstSDPMedia *audio = media (answer, 0), *video = media (answer, 1);
  const GstSipSdpStream *s;
  const GstSipCodec *c;
  GList *streams;

  g_assert_cmpstr (
      gst_sdp_message_get_connection (answer)->address, ==, "192.0.2.2");
  g_assert_cmpstr (
      gst_sdp_message_get_connection (answer)->addrtype, ==, "IP4");
  g_assert_cmpstr (gst_sdp_message_get_session_name (answer), ==, "-");
  g_assert_cmpstr (gst_sdp_message_get_origin (answer)->username, ==, "-");

  /* speex declined, PCMU and PCMA in our order, telephone-event */
  g_assert_cmpstr (gst_sdp_media_get_media (audio), ==, "audio");
  g_assert_cmpuint (gst_sdp_media_get_port (audio), ==, 40000);
  g_assert_cmpstr (gst_sdp_media_get_proto (audio), ==, "RTP/AVP");
  assert_formats (audio, "0 8 104");
  g_assert_cmpstr (attr_for_pt (audio, "rtpmap", 0), ==, "PCMU/8000");
  g_assert_cmpstr (attr_for_pt (audio, "rtpmap", 8), ==, "PCMA/8000");
  g_assert_cmpstr (
      attr_for_pt (audio, "rtpmap", 104), ==, "telephone-event/8000");
  g_assert_cmpstr (attr_for_pt (audio, "fmtp", 104), ==, "0-15");
  g_assert_null (attr_for_pt (audio, "rtpmap", 101));
  g_assert_true (has_attr (audio, "sendrecv"));
  g_assert_false (has_attr (audio, "ptime"));

  /* H263 before MP4V-ES (our order), the picture sizes in common */
  g_assert_cmpuint (gst_sdp_media_get_port (video), ==, 40002);
  assert_formats (video, "34 97");
  g_assert_cmpstr (attr_for_pt (video, "rtpmap", 34), ==, "H263/90000");
  g_assert_cmpstr (
      attr_for_pt (video, "fmtp", 34), ==, "SQCIF=2;QCIF=2;MaxBR=560");
  g_assert_cmpstr (attr_for_pt (video, "rtpmap", 97), ==, "MP4V-ES/90000");
  g_assert_cmpstr (attr_for_pt (video, "fmtp", 97), ==, "profile-level-id=3");

  streams = streams_of (n);
  g_assert_cmpuint (g_list_length (streams), ==, 2);
  s = nth_stream (streams, 0);
  g_assert_cmpuint (gst_sip_sdp_stream_get_index (s), ==, 0);
  g_assert_cmpstr (gst_sip_sdp_stream_get_media (s), ==, "audio");
  g_assert_cmpint (gst_sip_sdp_stream_get_direction (s), ==,
      GST_SIP_MEDIA_DIRECTION_SENDRECV);
  g_assert_cmpuint (gst_sip_sdp_stream_get_local_port (s), ==, 40000);
  assert_send (s, "PCMU", 0);
  assert_receive (s, "PCMU/0 PCMA/8 telephone-event/104");
  g_assert_cmpint (gst_sip_sdp_stream_get_telephone_event_pt (s), ==, 104);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "172.16.90.74", 30000);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtcp_address (s), "172.16.90.74", 30001);
  g_assert_cmpuint (gst_sip_sdp_stream_get_ptime (s), ==, 0);

  s = nth_stream (streams, 1);
  assert_send (s, "H263", 34);
  c = gst_sip_sdp_stream_get_send_codec (s);
  /* we send what the peer receives */
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "QCIF"), ==, "2");
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "MaxBR"), ==, "560");
  g_assert_cmpint (gst_sip_sdp_stream_get_telephone_event_pt (s), ==, -1);
  assert_receive (s, "H263/34 MP4V-ES/97");
  /* the offered MPEG-4 parameters, for our decoder */
  c = receive_codec (s, 97);
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (c, "profile-level-id"), ==, "1");
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "172.16.90.74", 30002);
  streams_free (streams);

  /* descriptions */
  g_assert_true (gst_sip_sdp_negotiator_get_remote_description (n) != NULL);
  g_assert_cmpstr (gst_sdp_message_get_origin (
                       gst_sip_sdp_negotiator_get_remote_description (n))
                       ->sess_version,
      ==, "29246");
  g_assert_cmpuint (
      origin_version (gst_sip_sdp_negotiator_get_local_description (n)), ==,
      origin_version (answer));

  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);
  g_object_unref (n);
}

/* seed 000: we send that offer in our 200 OK; the ACK has the answer, with
 * c= at media level only and a maxptime */
static void
test_seed000_late_offer_ack (void)
{
  static const gchar *const subst[] = { "remoteAudioPort", "41000",
    "remoteVideoPort", "41002", NULL };
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new ("172.16.90.74");
  GList *audio = NULL, *video = NULL, *streams;
  GstSDPMessage *offer, *answer;
  const GstSDPMedia *m;
  const GstSipSdpStream *s;

  audio = g_list_append (
      audio, codec ("audio", "speex", 16000, 101, "vbr=on;mode=6"));
  audio = g_list_append (
      audio, codec ("audio", "speex", 8000, 99, "vbr=on;mode=3"));
  audio = g_list_append (audio, codec ("audio", "PCMU", 8000, 0, NULL));
  audio = g_list_append (audio, codec ("audio", "PCMA", 8000, 8, NULL));
  audio = g_list_append (
      audio, codec ("audio", "telephone-event", 8000, 104, "0-15"));
  video = g_list_append (
      video, codec ("video", "MP4V-ES", 90000, 97, "profile-level-id=1"));
  video = g_list_append (
      video, codec ("video", "H263", 90000, 34, "QCIF=2 SQCIF=2/MaxBR=560"));
  gst_sip_sdp_negotiator_add_media (n, "audio", 30000, audio);
  gst_sip_sdp_negotiator_add_media (n, "video", 30002, video);
  codecs_free (audio);
  codecs_free (video);

  /* the same m-lines as the carrier's */
  offer = offer_ok (n);
  m = media (offer, 0);
  assert_formats (m, "101 99 0 8 104");
  g_assert_cmpstr (attr_for_pt (m, "rtpmap", 0), ==, "PCMU/8000");
  g_assert_cmpstr (attr_for_pt (m, "fmtp", 101), ==, "vbr=on;mode=6");
  g_assert_cmpstr (attr_for_pt (m, "fmtp", 104), ==, "0-15");
  m = media (offer, 1);
  assert_formats (m, "97 34");
  g_assert_cmpstr (attr_for_pt (m, "fmtp", 34), ==, "QCIF=2;SQCIF=2;MaxBR=560");
  g_assert_null (gst_sip_sdp_negotiator_get_streams (n));

  answer = vector_sdp ("seed000-09-ack-sdp.sip", subst);
  set_answer_ok (n, answer);
  streams = streams_of (n);
  s = nth_stream (streams, 0);
  assert_send (s, "PCMU", 0);
  assert_receive (s, "PCMU/0");
  g_assert_cmpint (gst_sip_sdp_stream_get_telephone_event_pt (s), ==, -1);
  g_assert_cmpint (gst_sip_sdp_stream_get_direction (s), ==,
      GST_SIP_MEDIA_DIRECTION_SENDRECV);
  /* c= of the m-line */
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "195.76.180.160", 41000);
  /* only a=maxptime:400: no ptime asked for */
  g_assert_cmpuint (gst_sip_sdp_stream_get_ptime (s), ==, 0);
  s = nth_stream (streams, 1);
  assert_send (s, "H263", 34);
  assert_receive (s, "H263/34");
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "195.76.180.160", 41002);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtcp_address (s), "195.76.180.160", 41003);
  streams_free (streams);

  g_assert_true (gst_sip_sdp_negotiator_get_local_description (n) != NULL);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);

  /* and that answer read as an offer */
  {
    GstSipSdpNegotiator *b = default_negotiator ("192.0.2.2", TRUE);
    GstSDPMessage *o = vector_sdp ("seed000-09-ack-sdp.sip", subst);
    GstSDPMessage *a = answer_ok (b, o);

    assert_formats (media (a, 0), "0");
    assert_formats (media (a, 1), "34");
    g_assert_cmpstr (
        attr_for_pt (media (a, 1), "fmtp", 34), ==, "SQCIF=1;QCIF=1;CIF=1");
    gst_sdp_message_free (a);
    gst_sdp_message_free (o);
    g_object_unref (b);
  }
  g_object_unref (n);
}

/* seed 001: AMR + H.264 from the soft-switch client; the same body in the
 * INVITE, in the INVITE with credentials, and in the callee's 200 OK */
static void
check_seed001_answer (
    const gchar *file, const gchar *peer, guint audio_port, guint video_port)
{
  GstSDPMessage *offer = vector_sdp (file, NULL);
  GstSipSdpNegotiator *n = default_negotiator ("192.0.2.2", TRUE);
  GstSDPMessage *answer = answer_ok (n, offer);
  const GstSDPMedia *audio = media (answer, 0), *video = media (answer, 1);
  const GstSipSdpStream *s;
  const GstSipCodec *c;
  GList *streams;

  assert_formats (audio, "114 101");
  g_assert_cmpstr (attr_for_pt (audio, "rtpmap", 114), ==, "AMR/8000");
  g_assert_cmpstr (attr_for_pt (audio, "fmtp", 114), ==, "mode-set=0");
  g_assert_cmpstr (attr_for_pt (audio, "fmtp", 101), ==, "0-15");
  g_assert_false (has_attr (audio, "ptime"));
  assert_formats (video, "126");
  g_assert_cmpstr (attr_for_pt (video, "rtpmap", 126), ==, "H264/90000");
  g_assert_cmpstr (
      attr_for_pt (video, "fmtp", 126), ==, "profile-level-id=42e00b");

  streams = streams_of (n);
  s = nth_stream (streams, 0);
  assert_send (s, "AMR", 114);
  c = gst_sip_sdp_stream_get_send_codec (s);
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "mode-set"), ==, "0");
  g_assert_null (gst_sip_codec_get_fmtp_param (c, "octet-align"));
  assert_receive (s, "AMR/114 telephone-event/101");
  g_assert_cmpint (gst_sip_sdp_stream_get_telephone_event_pt (s), ==, 101);
  g_assert_cmpuint (gst_sip_sdp_stream_get_ptime (s), ==, 100);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), peer, audio_port);
  s = nth_stream (streams, 1);
  assert_send (s, "H264", 126);
  c = gst_sip_sdp_stream_get_send_codec (s);
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (c, "profile-level-id"), ==, "42e00b");
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (c, "fps"), ==, "10");
  assert_receive (s, "H264/126");
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), peer, video_port);
  streams_free (streams);

  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);
  g_object_unref (n);
}

static void
test_seed001_offers (void)
{
  check_seed001_answer (
      "seed001-01-invite-sdp.sip", "10.230.9.106", 21000, 21070);
  check_seed001_answer (
      "seed001-04-invite-proxy-auth.sip", "10.230.9.106", 21000, 21070);
  check_seed001_answer (
      "seed001-10-200-b2bua-sdp.sip", "192.168.2.63", 21000, 21070);
  check_seed001_answer (
      "seed001-12-200-invite-sdp.sip", "39.106.209.165", 18582, 49166);
}

/* seed 001: the B2BUA's richer offer */
static void
test_seed001_b2bua_offer (void)
{
  GstSDPMessage *offer = vector_sdp ("seed001-06-invite-b2bua-sdp.sip", NULL);
  GstSipSdpNegotiator *n = default_negotiator ("192.0.2.2", TRUE);
  GstSDPMessage *answer = answer_ok (n, offer);
  const GstSDPMedia *audio = media (answer, 0), *video = media (answer, 1);
  GList *streams, *amr_first = NULL;
  const GstSipSdpStream *s;

  /* our order: PCMU, PCMA, AMR; G729 and GSM declined */
  assert_formats (audio, "0 8 114 101");
  g_assert_cmpstr (attr_for_pt (audio, "fmtp", 114), ==, "mode-set=0");
  assert_formats (video, "126 34 98");
  g_assert_cmpstr (
      attr_for_pt (video, "fmtp", 126), ==, "profile-level-id=42e00b");
  g_assert_cmpstr (
      attr_for_pt (video, "fmtp", 34), ==, "QCIF=1;CIF=1;MaxBR=4520");
  g_assert_cmpstr (attr_for_pt (video, "fmtp", 98), ==, "profile-level-id=3");

  streams = streams_of (n);
  s = nth_stream (streams, 0);
  assert_send (s, "PCMU", 0);
  assert_receive (s, "PCMU/0 PCMA/8 AMR/114 telephone-event/101");
  g_assert_cmpuint (gst_sip_sdp_stream_get_ptime (s), ==, 100);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "39.106.209.165", 24594);
  s = nth_stream (streams, 1);
  assert_send (s, "H264", 126);
  assert_receive (s, "H264/126 H263/34 MP4V-ES/98");
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (receive_codec (s, 98), "profile-level-id"),
      ==, "3");
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "39.106.209.165", 40270);
  streams_free (streams);
  gst_sdp_message_free (answer);
  g_object_unref (n);

  /* an application that prefers AMR, with a ptime of its own */
  n = gst_sip_sdp_negotiator_new ("192.0.2.2");
  amr_first = g_list_append (amr_first, codec ("audio", "AMR", 8000, 96, NULL));
  amr_first = g_list_append (amr_first, codec ("audio", "PCMA", 8000, 8, NULL));
  amr_first = g_list_append (
      amr_first, codec ("audio", "telephone-event", 8000, 101, "0-15"));
  gst_sip_sdp_negotiator_add_media (n, "audio", 40000, amr_first);
  gst_sip_sdp_negotiator_set_ptime (n, 0, 20);
  codecs_free (amr_first);
  answer = answer_ok (n, offer);
  /* the video m-line kept, rejected */
  g_assert_cmpuint (gst_sdp_message_medias_len (answer), ==, 2);
  assert_formats (media (answer, 0), "114 8 101");
  g_assert_cmpstr (
      gst_sdp_media_get_attribute_val (media (answer, 0), "ptime"), ==, "20");
  g_assert_cmpuint (gst_sdp_media_get_port (media (answer, 1)), ==, 0);
  g_assert_cmpstr (gst_sdp_media_get_media (media (answer, 1)), ==, "video");
  assert_formats (media (answer, 1), "126 34 98");
  streams = streams_of (n);
  assert_send (nth_stream (streams, 0), "AMR", 114);
  g_assert_false (gst_sip_sdp_stream_is_enabled (nth_stream (streams, 1)));
  g_assert_null (gst_sip_sdp_stream_get_send_codec (nth_stream (streams, 1)));
  g_assert_null (
      gst_sip_sdp_stream_get_remote_rtp_address (nth_stream (streams, 1)));
  streams_free (streams);
  gst_sdp_message_free (answer);
  g_object_unref (n);

  gst_sdp_message_free (offer);
}

/* seed 001 from the offerer's side: our offers rebuild the captured ones
 * and the captured answers complete them */
static void
test_seed001_as_offerer (void)
{
  GstSipSdpNegotiator *n;
  GList *audio = NULL, *video = NULL, *streams;
  GstSDPMessage *offer, *answer;
  const GstSipSdpStream *s;

  /* the client's INVITE, answered by the soft switch's 200 OK */
  n = gst_sip_sdp_negotiator_new ("10.230.9.106");
  audio =
      g_list_append (audio, codec ("audio", "AMR", 8000, 114, "mode-set=0"));
  audio = g_list_append (
      audio, codec ("audio", "telephone-event", 8000, 101, "0-15"));
  video = g_list_append (
      video, codec ("video", "H264", 90000, 126, "profile-level-id=42e00b"));
  gst_sip_sdp_negotiator_add_media (n, "audio", 21000, audio);
  gst_sip_sdp_negotiator_add_media (n, "video", 21070, video);
  gst_sip_sdp_negotiator_set_ptime (n, 0, 100);
  codecs_free (audio);
  codecs_free (video);
  offer = offer_ok (n);
  assert_formats (media (offer, 0), "114 101");
  g_assert_cmpstr (
      gst_sdp_media_get_attribute_val (media (offer, 0), "ptime"), ==, "100");
  assert_formats (media (offer, 1), "126");
  answer = vector_sdp ("seed001-12-200-invite-sdp.sip", NULL);
  set_answer_ok (n, answer);
  streams = streams_of (n);
  s = nth_stream (streams, 0);
  assert_send (s, "AMR", 114);
  assert_receive (s, "AMR/114 telephone-event/101");
  g_assert_cmpint (gst_sip_sdp_stream_get_telephone_event_pt (s), ==, 101);
  g_assert_cmpuint (gst_sip_sdp_stream_get_ptime (s), ==, 100);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "39.106.209.165", 18582);
  s = nth_stream (streams, 1);
  assert_send (s, "H264", 126);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "39.106.209.165", 49166);
  streams_free (streams);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);
  g_object_unref (n);

  /* the B2BUA's leg, answered by the callee */
  n = gst_sip_sdp_negotiator_new ("39.106.209.165");
  audio = NULL;
  video = NULL;
  audio =
      g_list_append (audio, codec ("audio", "AMR", 8000, 114, "mode-set=0"));
  audio = g_list_append (audio, codec ("audio", "PCMU", 8000, 0, NULL));
  audio = g_list_append (audio, codec ("audio", "PCMA", 8000, 8, NULL));
  audio = g_list_append (audio, codec ("audio", "G729", 8000, 18, NULL));
  audio = g_list_append (audio, codec ("audio", "GSM", 8000, 3, NULL));
  audio = g_list_append (
      audio, codec ("audio", "telephone-event", 8000, 101, "0-15"));
  video = g_list_append (
      video, codec ("video", "H264", 90000, 126, "profile-level-id=42e00b"));
  video = g_list_append (
      video, codec ("video", "H263", 90000, 34, "QCIF=1 CIF=1 MaxBR=4520"));
  video = g_list_append (
      video, codec ("video", "MP4V-ES", 90000, 98, "profile-level-id=3"));
  gst_sip_sdp_negotiator_add_media (n, "audio", 24594, audio);
  gst_sip_sdp_negotiator_add_media (n, "video", 40270, video);
  codecs_free (audio);
  codecs_free (video);
  offer = offer_ok (n);
  assert_formats (media (offer, 0), "114 0 8 18 3 101");
  assert_formats (media (offer, 1), "126 34 98");
  g_assert_cmpstr (attr_for_pt (media (offer, 1), "fmtp", 34), ==,
      "QCIF=1;CIF=1;MaxBR=4520");
  answer = vector_sdp ("seed001-10-200-b2bua-sdp.sip", NULL);
  set_answer_ok (n, answer);
  streams = streams_of (n);
  s = nth_stream (streams, 0);
  assert_send (s, "AMR", 114);
  assert_receive (s, "AMR/114 telephone-event/101");
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "192.168.2.63", 21000);
  s = nth_stream (streams, 1);
  assert_send (s, "H264", 126);
  assert_receive (s, "H264/126");
  streams_free (streams);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);
  g_object_unref (n);
}

/* ---------------------------------------------------------------------- */
/* exchanges between two negotiators */

static void
test_early_offer (void)
{
  GstSipSdpNegotiator *a = default_negotiator ("192.0.2.1", TRUE);
  GstSipSdpNegotiator *b = gst_sip_sdp_negotiator_new ("192.0.2.2");
  GList *b_audio = NULL, *sa, *sb;
  GstSDPMessage *offer, *answer;
  const GstSDPMedia *m;
  const GstSipSdpStream *s;

  /* b prefers PCMA and has no video */
  b_audio = g_list_append (b_audio, codec ("audio", "PCMA", 8000, 8, NULL));
  b_audio = g_list_append (b_audio, codec ("audio", "PCMU", 8000, 0, NULL));
  b_audio = g_list_append (
      b_audio, codec ("audio", "telephone-event", 8000, 96, "0-16"));
  gst_sip_sdp_negotiator_add_media (b, "audio", 50000, b_audio);
  codecs_free (b_audio);

  g_assert_null (gst_sip_sdp_negotiator_get_local_description (a));
  offer = offer_ok (a);
  g_assert_cmpstr (gst_sdp_message_get_version (offer), ==, "0");
  g_assert_cmpstr (gst_sdp_message_get_origin (offer)->addrtype, ==, "IP4");
  g_assert_cmpstr (gst_sdp_message_get_origin (offer)->addr, ==, "192.0.2.1");
  g_assert_cmpstr (
      gst_sdp_message_get_connection (offer)->address, ==, "192.0.2.1");
  g_assert_cmpuint (gst_sdp_message_times_len (offer), ==, 1);
  g_assert_cmpstr (gst_sdp_message_get_time (offer, 0)->start, ==, "0");
  m = media (offer, 0);
  g_assert_cmpuint (gst_sdp_media_get_port (m), ==, 40000);
  assert_formats (m, "0 8 96 97 101");
  g_assert_cmpstr (attr_for_pt (m, "rtpmap", 0), ==, "PCMU/8000");
  g_assert_cmpstr (attr_for_pt (m, "rtpmap", 96), ==, "AMR/8000");
  g_assert_cmpstr (attr_for_pt (m, "fmtp", 96), ==, "octet-align=1");
  g_assert_cmpstr (attr_for_pt (m, "rtpmap", 97), ==, "AMR/8000");
  g_assert_null (attr_for_pt (m, "fmtp", 97));
  g_assert_true (has_attr (m, "sendrecv"));
  m = media (offer, 1);
  assert_formats (m, "98 99 34 100");
  g_assert_cmpstr (attr_for_pt (m, "fmtp", 98), ==,
      "profile-level-id=42e01f;packetization-mode=1;"
      "level-asymmetry-allowed=1");
  g_assert_cmpstr (attr_for_pt (m, "rtpmap", 99), ==, "H263-1998/90000");
  g_assert_true (gst_sip_sdp_negotiator_get_local_description (a) != NULL);
  g_assert_null (gst_sip_sdp_negotiator_get_remote_description (a));

  answer = answer_ok (b, offer);
  m = media (answer, 0);
  assert_formats (m, "8 0 101");
  g_assert_cmpstr (attr_for_pt (m, "fmtp", 101), ==, "0-15");
  m = media (answer, 1);
  g_assert_cmpuint (gst_sdp_media_get_port (m), ==, 0);
  assert_formats (m, "98 99 34 100");
  g_assert_cmpuint (gst_sdp_media_attributes_len (m), ==, 0);
  set_answer_ok (a, answer);

  sa = streams_of (a);
  sb = streams_of (b);
  s = nth_stream (sa, 0);
  assert_send (s, "PCMA", 8);
  /* in the answer's order */
  assert_receive (s, "PCMA/8 PCMU/0 telephone-event/101");
  g_assert_cmpint (gst_sip_sdp_stream_get_telephone_event_pt (s), ==, 101);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "192.0.2.2", 50000);
  g_assert_false (gst_sip_sdp_stream_is_enabled (nth_stream (sa, 1)));
  g_assert_cmpint (gst_sip_sdp_stream_get_direction (nth_stream (sa, 1)), ==,
      GST_SIP_MEDIA_DIRECTION_INACTIVE);
  s = nth_stream (sb, 0);
  assert_send (s, "PCMA", 8);
  assert_receive (s, "PCMA/8 PCMU/0 telephone-event/101");
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "192.0.2.1", 40000);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtcp_address (s), "192.0.2.1", 40001);
  g_assert_cmpuint (g_list_length (sb), ==, 2);
  g_assert_false (gst_sip_sdp_stream_is_enabled (nth_stream (sb, 1)));
  streams_free (sa);
  streams_free (sb);

  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);
  g_object_unref (a);
  g_object_unref (b);
}

/* an INVITE without SDP: the side that received it makes the offer in its
 * 200 OK, the ACK carries the answer */
static void
test_late_offer (void)
{
  GstSipSdpNegotiator *caller = default_negotiator ("192.0.2.1", TRUE);
  GstSipSdpNegotiator *callee = default_negotiator ("192.0.2.2", TRUE);
  GList *sa, *sb;

  g_assert_null (gst_sip_sdp_negotiator_get_remote_description (caller));
  exchange (callee, caller);
  g_assert_true (
      gst_sip_sdp_negotiator_get_remote_description (caller) != NULL);
  sa = streams_of (caller);
  sb = streams_of (callee);
  assert_send (nth_stream (sa, 0), "PCMU", 0);
  assert_send (nth_stream (sb, 0), "PCMU", 0);
  assert_send (nth_stream (sa, 1), "H264", 98);
  assert_send (nth_stream (sb, 1), "H264", 98);
  assert_receive (
      nth_stream (sb, 0), "PCMU/0 PCMA/8 AMR/96 AMR/97 telephone-event/101");
  assert_receive (nth_stream (sa, 1),
      "H264/98 H263-1998/99 H263/34 "
      "MP4V-ES/100");
  g_assert_cmpstr (gst_sip_codec_get_fmtp (
                       gst_sip_sdp_stream_get_send_codec (nth_stream (sa, 1))),
      ==,
      "profile-level-id=42e01f;packetization-mode=1;"
      "level-asymmetry-allowed=1");
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (nth_stream (sa, 1)),
      "192.0.2.2", 40002);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (nth_stream (sb, 1)),
      "192.0.2.1", 40002);
  streams_free (sa);
  streams_free (sb);
  g_object_unref (caller);
  g_object_unref (callee);
}

static GstSipMediaDirection
direction_of (GstSipSdpNegotiator *n, guint i)
{
  GList *streams = streams_of (n);
  GstSipMediaDirection d =
      gst_sip_sdp_stream_get_direction (nth_stream (streams, i));

  streams_free (streams);
  return d;
}

static void
test_hold_resume (void)
{
  GstSipSdpNegotiator *a = default_negotiator ("192.0.2.1", TRUE);
  GstSipSdpNegotiator *b = default_negotiator ("192.0.2.2", TRUE);
  GstSDPMessage *offer, *answer;
  guint64 va, vb;

  exchange (a, b);
  va = origin_version (gst_sip_sdp_negotiator_get_local_description (a));
  vb = origin_version (gst_sip_sdp_negotiator_get_local_description (b));

  /* a puts b on hold */
  gst_sip_sdp_negotiator_set_direction (a, GST_SIP_MEDIA_DIRECTION_SENDONLY);
  g_assert_cmpint (gst_sip_sdp_negotiator_get_direction (a), ==,
      GST_SIP_MEDIA_DIRECTION_SENDONLY);
  offer = offer_ok (a);
  g_assert_cmpuint (origin_version (offer), ==, va + 1);
  g_assert_true (has_attr (media (offer, 0), "sendonly"));
  g_assert_true (has_attr (media (offer, 1), "sendonly"));
  g_assert_false (has_attr (media (offer, 0), "sendrecv"));
  /* the streams stay as negotiated until the answer */
  g_assert_cmpint (direction_of (a, 0), ==, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  answer = answer_ok (b, offer);
  g_assert_true (has_attr (media (answer, 0), "recvonly"));
  g_assert_cmpuint (origin_version (answer), ==, vb + 1);
  set_answer_ok (a, answer);
  g_assert_cmpint (direction_of (a, 0), ==, GST_SIP_MEDIA_DIRECTION_SENDONLY);
  g_assert_cmpint (direction_of (b, 0), ==, GST_SIP_MEDIA_DIRECTION_RECVONLY);
  g_assert_cmpint (direction_of (b, 1), ==, GST_SIP_MEDIA_DIRECTION_RECVONLY);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);

  /* b, on hold, asks to resume; a still holds: sendonly again */
  offer = offer_ok (b);
  g_assert_true (has_attr (media (offer, 0), "sendrecv"));
  answer = answer_ok (a, offer);
  g_assert_true (has_attr (media (answer, 0), "sendonly"));
  set_answer_ok (b, answer);
  g_assert_cmpint (direction_of (b, 0), ==, GST_SIP_MEDIA_DIRECTION_RECVONLY);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);

  /* a resumes */
  gst_sip_sdp_negotiator_set_direction (a, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  va = origin_version (gst_sip_sdp_negotiator_get_local_description (a));
  offer = offer_ok (a);
  g_assert_cmpuint (origin_version (offer), ==, va + 1);
  g_assert_true (has_attr (media (offer, 0), "sendrecv"));
  answer = answer_ok (b, offer);
  g_assert_true (has_attr (media (answer, 0), "sendrecv"));
  set_answer_ok (a, answer);
  g_assert_cmpint (direction_of (a, 0), ==, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  g_assert_cmpint (direction_of (b, 1), ==, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);

  /* a both-sides hold: inactive */
  gst_sip_sdp_negotiator_set_direction (a, GST_SIP_MEDIA_DIRECTION_INACTIVE);
  offer = offer_ok (a);
  g_assert_true (has_attr (media (offer, 0), "inactive"));
  answer = answer_ok (b, offer);
  g_assert_true (has_attr (media (answer, 0), "inactive"));
  set_answer_ok (a, answer);
  g_assert_cmpint (direction_of (a, 0), ==, GST_SIP_MEDIA_DIRECTION_INACTIVE);
  g_assert_cmpint (direction_of (b, 0), ==, GST_SIP_MEDIA_DIRECTION_INACTIVE);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);

  /* recvonly offered: sendonly answered */
  gst_sip_sdp_negotiator_set_direction (a, GST_SIP_MEDIA_DIRECTION_RECVONLY);
  offer = offer_ok (a);
  answer = answer_ok (b, offer);
  g_assert_true (has_attr (media (answer, 1), "sendonly"));
  set_answer_ok (a, answer);
  g_assert_cmpint (direction_of (a, 1), ==, GST_SIP_MEDIA_DIRECTION_RECVONLY);
  g_assert_cmpint (direction_of (b, 1), ==, GST_SIP_MEDIA_DIRECTION_SENDONLY);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);

  g_object_unref (a);
  g_object_unref (b);
}

/* RFC 2543 hold: c=0.0.0.0, a session-level direction attribute */
static void
test_old_hold (void)
{
  GstSipSdpNegotiator *n = default_negotiator ("192.0.2.2", FALSE);
  GstSDPMessage *offer = sdp_parse ("v=0\n"
                                    "o=- 1 2 IN IP4 192.0.2.1\n"
                                    "s=-\n"
                                    "c=IN IP4 0.0.0.0\n"
                                    "t=0 0\n"
                                    "m=audio 5000 RTP/AVP 0\n");
  GstSDPMessage *answer = answer_ok (n, offer);

  g_assert_true (has_attr (media (answer, 0), "recvonly"));
  g_assert_cmpint (direction_of (n, 0), ==, GST_SIP_MEDIA_DIRECTION_RECVONLY);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  offer = sdp_parse ("v=0\n"
                     "o=- 1 3 IN IP4 192.0.2.1\n"
                     "s=-\n"
                     "c=IN IP4 192.0.2.1\n"
                     "t=0 0\n"
                     "a=sendonly\n"
                     "m=audio 5000 RTP/AVP 0\n");
  answer = answer_ok (n, offer);
  g_assert_true (has_attr (media (answer, 0), "recvonly"));
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* the m-line's attribute wins */
  offer = sdp_parse ("v=0\n"
                     "o=- 1 4 IN IP4 192.0.2.1\n"
                     "s=-\n"
                     "c=IN IP4 192.0.2.1\n"
                     "t=0 0\n"
                     "a=sendonly\n"
                     "m=audio 5000 RTP/AVP 0\n"
                     "a=inactive\n");
  answer = answer_ok (n, offer);
  g_assert_true (has_attr (media (answer, 0), "inactive"));
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);
  g_object_unref (n);
}

static void
test_reoffer_keeps_pts (void)
{
  GstSipSdpNegotiator *a = gst_sip_sdp_negotiator_new ("192.0.2.1");
  GstSipSdpNegotiator *b = default_negotiator ("192.0.2.2", TRUE);
  GList *audio = NULL, *video = NULL, *sb;
  GstSDPMessage *offer, *answer, *again;
  guint64 v;
  gchar *t1, *t2;

  /* a numbers things its own way */
  audio =
      g_list_append (audio, codec ("audio", "AMR", 8000, 110, "octet-align=1"));
  audio = g_list_append (
      audio, codec ("audio", "telephone-event", 8000, 97, "0-15"));
  video =
      g_list_append (video, codec ("video", "H263-1998", 90000, 96, "QCIF=1"));
  gst_sip_sdp_negotiator_add_media (a, "audio", 40000, audio);
  gst_sip_sdp_negotiator_add_media (a, "video", 40002, video);
  codecs_free (audio);
  codecs_free (video);

  offer = offer_ok (a);
  assert_formats (media (offer, 0), "110 97");
  assert_formats (media (offer, 1), "96");
  answer = answer_ok (b, offer);
  assert_formats (media (answer, 0), "110 97");
  assert_formats (media (answer, 1), "96");
  set_answer_ok (a, answer);
  sb = streams_of (b);
  assert_send (nth_stream (sb, 0), "AMR", 110);
  g_assert_cmpint (
      gst_sip_sdp_stream_get_telephone_event_pt (nth_stream (sb, 0)), ==, 97);
  assert_send (nth_stream (sb, 1), "H263-1998", 96);
  streams_free (sb);
  v = origin_version (answer);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);

  /* b's re-offer keeps the negotiated numbers and gives its other codecs
   * numbers that do not collide (RFC 3264 8.3.2) */
  offer = offer_ok (b);
  g_assert_cmpuint (origin_version (offer), ==, v + 1);
  assert_formats (media (offer, 0), "0 8 110 96 97");
  g_assert_cmpstr (
      attr_for_pt (media (offer, 0), "rtpmap", 110), ==, "AMR/8000");
  g_assert_cmpstr (
      attr_for_pt (media (offer, 0), "fmtp", 110), ==, "octet-align=1");
  g_assert_cmpstr (
      attr_for_pt (media (offer, 0), "rtpmap", 96), ==, "AMR/8000");
  g_assert_null (attr_for_pt (media (offer, 0), "fmtp", 96));
  g_assert_cmpstr (
      attr_for_pt (media (offer, 0), "rtpmap", 97), ==, "telephone-event/8000");
  assert_formats (media (offer, 1), "98 96 34 100");
  g_assert_cmpstr (
      attr_for_pt (media (offer, 1), "rtpmap", 96), ==, "H263-1998/90000");
  g_assert_cmpstr (
      attr_for_pt (media (offer, 1), "rtpmap", 98), ==, "H264/90000");
  answer = answer_ok (a, offer);
  assert_formats (media (answer, 0), "110 97");
  set_answer_ok (b, answer);
  gst_sdp_message_free (answer);

  /* the same offer again: same version, same text */
  again = offer_ok (b);
  g_assert_cmpuint (origin_version (again), ==, origin_version (offer));
  t1 = gst_sdp_message_as_text (offer);
  t2 = gst_sdp_message_as_text (again);
  g_assert_cmpstr (t1, ==, t2);
  g_free (t1);
  g_free (t2);
  answer = answer_ok (a, again);
  set_answer_ok (b, answer);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (again);
  gst_sdp_message_free (offer);

  /* a's own re-offer says what its last answer said: same version */
  v = origin_version (gst_sip_sdp_negotiator_get_local_description (a));
  offer = offer_ok (a);
  assert_formats (media (offer, 0), "110 97");
  g_assert_cmpuint (origin_version (offer), ==, v);
  answer = answer_ok (b, offer);
  set_answer_ok (a, answer);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);
  offer = offer_ok (a);
  g_assert_cmpuint (origin_version (offer), ==, v);
  gst_sip_sdp_negotiator_cancel_offer (a);
  gst_sdp_message_free (offer);
  /* and a change moves it on */
  gst_sip_sdp_negotiator_set_ptime (a, 0, 20);
  offer = offer_ok (a);
  g_assert_cmpuint (origin_version (offer), ==, v + 1);
  gst_sip_sdp_negotiator_cancel_offer (a);
  gst_sdp_message_free (offer);

  g_object_unref (a);
  g_object_unref (b);
}

/* a refused re-offer (488, 491): back to the last exchange */
static void
test_cancel_offer (void)
{
  GstSipSdpNegotiator *a = default_negotiator ("192.0.2.1", FALSE);
  GstSipSdpNegotiator *b = default_negotiator ("192.0.2.2", FALSE);
  const GstSDPMessage *before;
  GstSDPMessage *offer, *theirs, *answer;
  GError *error = NULL;
  guint64 v;

  gst_sip_sdp_negotiator_cancel_offer (a);
  exchange (a, b);
  before = gst_sip_sdp_negotiator_get_local_description (a);
  v = origin_version (before);

  gst_sip_sdp_negotiator_set_direction (a, GST_SIP_MEDIA_DIRECTION_SENDONLY);
  offer = offer_ok (a);
  g_assert_cmpuint (origin_version (offer), ==, v + 1);
  g_assert_true (gst_sip_sdp_negotiator_get_local_description (a) != before);

  /* glare: b's offer crosses ours */
  theirs = offer_ok (b);
  g_assert_null (gst_sip_sdp_negotiator_create_answer (a, theirs, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE);
  g_clear_error (&error);

  /* 491 to both; a withdraws its offer */
  gst_sip_sdp_negotiator_cancel_offer (a);
  gst_sip_sdp_negotiator_cancel_offer (b);
  g_assert_false (gst_sip_sdp_negotiator_has_pending_offer (a));
  g_assert_cmpuint (
      origin_version (gst_sip_sdp_negotiator_get_local_description (a)), ==, v);
  g_assert_true (has_attr (
      media (gst_sip_sdp_negotiator_get_local_description (a), 0), "sendrecv"));
  g_assert_cmpint (direction_of (a, 0), ==, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  gst_sip_sdp_negotiator_set_direction (a, GST_SIP_MEDIA_DIRECTION_SENDRECV);

  /* b's offer is now answered */
  answer = answer_ok (a, theirs);
  /* the hold offer was seen: the version moves on past it */
  g_assert_cmpuint (origin_version (answer), ==, v + 2);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (theirs);
  gst_sdp_message_free (offer);

  /* set_answer without offer */
  answer = sdp_parse ("v=0\n"
                      "o=- 1 1 IN IP4 192.0.2.2\n"
                      "s=-\n"
                      "c=IN IP4 192.0.2.2\n"
                      "t=0 0\n"
                      "m=audio 5000 RTP/AVP 0\n");
  g_assert_false (gst_sip_sdp_negotiator_set_answer (a, answer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE);
  g_clear_error (&error);
  gst_sdp_message_free (answer);

  g_object_unref (a);
  g_object_unref (b);
}

static void
test_reject (void)
{
  GstSipSdpNegotiator *n = default_negotiator ("192.0.2.2", TRUE);
  GstSDPMessage *offer, *answer;
  const GstSDPMedia *m;
  GList *streams;

  /* nothing in common: 488 */
  offer = sdp_parse ("v=0\n"
                     "o=- 1 1 IN IP4 192.0.2.1\n"
                     "s=-\n"
                     "c=IN IP4 192.0.2.1\n"
                     "t=0 0\n"
                     "m=audio 5000 RTP/AVP 18 3 101\n"
                     "a=rtpmap:101 telephone-event/8000\n"
                     "m=video 5002 RTP/AVP 100\n"
                     "a=rtpmap:100 VP8/90000\n");
  assert_not_acceptable (n, offer);
  g_assert_null (gst_sip_sdp_negotiator_get_local_description (n));
  gst_sdp_message_free (offer);

  /* one of two streams rejected: port 0, m-line kept */
  offer = sdp_parse ("v=0\n"
                     "o=- 1 1 IN IP4 192.0.2.1\n"
                     "s=-\n"
                     "c=IN IP4 192.0.2.1\n"
                     "t=0 0\n"
                     "m=audio 5000 RTP/AVP 0\n"
                     "m=video 5002 RTP/AVP 100 101\n"
                     "a=rtpmap:100 VP8/90000\n"
                     "a=rtpmap:101 VP9/90000\n");
  answer = answer_ok (n, offer);
  g_assert_cmpuint (gst_sdp_message_medias_len (answer), ==, 2);
  assert_formats (media (answer, 0), "0");
  m = media (answer, 1);
  g_assert_cmpstr (gst_sdp_media_get_media (m), ==, "video");
  g_assert_cmpuint (gst_sdp_media_get_port (m), ==, 0);
  g_assert_cmpstr (gst_sdp_media_get_proto (m), ==, "RTP/AVP");
  assert_formats (m, "100 101");
  streams = streams_of (n);
  g_assert_true (gst_sip_sdp_stream_is_enabled (nth_stream (streams, 0)));
  g_assert_false (gst_sip_sdp_stream_is_enabled (nth_stream (streams, 1)));
  g_assert_cmpuint (
      gst_sip_sdp_stream_get_local_port (nth_stream (streams, 1)), ==, 0);
  streams_free (streams);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* our re-offer keeps the rejected m-line at port 0 */
  offer = offer_ok (n);
  g_assert_cmpuint (gst_sdp_message_medias_len (offer), ==, 2);
  assert_formats (media (offer, 0), "0 8 96 97 101");
  g_assert_cmpuint (gst_sdp_media_get_port (media (offer, 1)), ==, 0);
  g_assert_cmpstr (gst_sdp_media_get_media (media (offer, 1)), ==, "video");
  gst_sip_sdp_negotiator_cancel_offer (n);
  gst_sdp_message_free (offer);

  /* a port 0 in the offer: rejected, whatever the codecs */
  offer = sdp_parse ("v=0\n"
                     "o=- 1 2 IN IP4 192.0.2.1\n"
                     "s=-\n"
                     "c=IN IP4 192.0.2.1\n"
                     "t=0 0\n"
                     "m=audio 0 RTP/AVP 0\n"
                     "m=video 5002 RTP/AVP 34\n");
  answer = answer_ok (n, offer);
  g_assert_cmpuint (gst_sdp_media_get_port (media (answer, 0)), ==, 0);
  g_assert_cmpuint (gst_sdp_media_get_port (media (answer, 1)), ==, 40002);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* an offer may not drop m-lines */
  offer = sdp_parse ("v=0\n"
                     "o=- 1 3 IN IP4 192.0.2.1\n"
                     "s=-\n"
                     "c=IN IP4 192.0.2.1\n"
                     "t=0 0\n"
                     "m=audio 5000 RTP/AVP 0\n");
  assert_not_acceptable (n, offer);
  gst_sdp_message_free (offer);
  g_object_unref (n);
}

static void
test_unknown_media (void)
{
  GstSipSdpNegotiator *n = default_negotiator ("192.0.2.2", TRUE);
  GstSDPMessage *offer = sdp_parse ("v=0\n"
                                    "o=- 1 1 IN IP4 192.0.2.1\n"
                                    "s=-\n"
                                    "c=IN IP4 192.0.2.1\n"
                                    "t=0 0\n"
                                    "m=application 5004 udp wb\n"
                                    "a=orient:portrait\n"
                                    "m=text 5006 RTP/AVP 98\n"
                                    "a=rtpmap:98 t140/1000\n"
                                    "m=audio 5000 RTP/AVP 0\n"
                                    "m=audio 5008 RTP/AVP 0\n"
                                    "m=video 5010 RTP/SAVP 34\n"
                                    "m=message 5012 TCP/MSRP *\n");
  GstSDPMessage *answer = answer_ok (n, offer);
  const GstSDPMedia *m;
  GList *streams;

  g_assert_cmpuint (gst_sdp_message_medias_len (answer), ==, 6);
  m = media (answer, 0);
  g_assert_cmpstr (gst_sdp_media_get_media (m), ==, "application");
  g_assert_cmpuint (gst_sdp_media_get_port (m), ==, 0);
  g_assert_cmpstr (gst_sdp_media_get_proto (m), ==, "udp");
  assert_formats (m, "wb");
  m = media (answer, 1);
  g_assert_cmpstr (gst_sdp_media_get_media (m), ==, "text");
  g_assert_cmpuint (gst_sdp_media_get_port (m), ==, 0);
  assert_formats (m, "98");
  /* the first audio m-line is ours, the second has no stream left */
  g_assert_cmpuint (gst_sdp_media_get_port (media (answer, 2)), ==, 40000);
  g_assert_cmpuint (gst_sdp_media_get_port (media (answer, 3)), ==, 0);
  /* SRTP is not ours */
  g_assert_cmpuint (gst_sdp_media_get_port (media (answer, 4)), ==, 0);
  g_assert_cmpstr (gst_sdp_media_get_proto (media (answer, 4)), ==, "RTP/SAVP");
  m = media (answer, 5);
  g_assert_cmpstr (gst_sdp_media_get_media (m), ==, "message");
  assert_formats (m, "*");

  streams = streams_of (n);
  g_assert_cmpuint (g_list_length (streams), ==, 6);
  g_assert_false (gst_sip_sdp_stream_is_enabled (nth_stream (streams, 0)));
  g_assert_cmpstr (
      gst_sip_sdp_stream_get_media (nth_stream (streams, 1)), ==, "text");
  assert_send (nth_stream (streams, 2), "PCMU", 0);
  g_assert_cmpuint (
      gst_sip_sdp_stream_get_index (nth_stream (streams, 2)), ==, 2);
  streams_free (streams);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* our re-offer keeps the six m-lines; the video we have was never in the
   * session and is not added */
  offer = offer_ok (n);
  g_assert_cmpuint (gst_sdp_message_medias_len (offer), ==, 6);
  g_assert_cmpstr (
      gst_sdp_media_get_media (media (offer, 0)), ==, "application");
  g_assert_cmpuint (gst_sdp_media_get_port (media (offer, 0)), ==, 0);
  g_assert_cmpuint (gst_sdp_media_get_port (media (offer, 2)), ==, 40000);
  g_assert_cmpuint (gst_sdp_media_get_port (media (offer, 4)), ==, 0);
  gst_sdp_message_free (offer);

  /* a stream added later is appended */
  gst_sip_sdp_negotiator_add_media (n, "audio", 40004, NULL);
  offer = offer_ok (n);
  g_assert_cmpuint (gst_sdp_message_medias_len (offer), ==, 7);
  g_assert_cmpuint (gst_sdp_media_get_port (media (offer, 6)), ==, 40004);
  gst_sdp_message_free (offer);
  g_object_unref (n);
}

static void
test_ipv6 (void)
{
  GstSipSdpNegotiator *a = default_negotiator ("2001:db8::1", FALSE);
  GstSipSdpNegotiator *b = default_negotiator ("2001:db8::2", FALSE);
  GstSipSdpNegotiator *c = default_negotiator ("192.0.2.3", FALSE);
  GstSDPMessage *offer, *answer;
  GList *streams;
  gchar *address;

  offer = offer_ok (a);
  g_assert_cmpstr (gst_sdp_message_get_connection (offer)->addrtype, ==, "IP6");
  g_assert_cmpstr (
      gst_sdp_message_get_connection (offer)->address, ==, "2001:db8::1");
  g_assert_cmpstr (gst_sdp_message_get_origin (offer)->addrtype, ==, "IP6");
  answer = answer_ok (b, offer);
  g_assert_cmpstr (
      gst_sdp_message_get_connection (answer)->addrtype, ==, "IP6");
  g_assert_cmpstr (
      gst_sdp_message_get_origin (answer)->addr, ==, "2001:db8::2");
  set_answer_ok (a, answer);
  streams = streams_of (a);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (nth_stream (streams, 0)),
      "2001:db8::2", 40000);
  streams_free (streams);
  gst_sdp_message_free (answer);

  /* answered from an IPv4 address: IN IP4 */
  answer = answer_ok (c, offer);
  g_assert_cmpstr (
      gst_sdp_message_get_connection (answer)->addrtype, ==, "IP4");
  streams = streams_of (c);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (nth_stream (streams, 0)),
      "2001:db8::1", 40000);
  streams_free (streams);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* the address is a property */
  g_object_set (c, "local-address", "2001:db8::3", NULL);
  g_object_get (c, "local-address", &address, NULL);
  g_assert_cmpstr (address, ==, "2001:db8::3");
  g_free (address);
  offer = offer_ok (c);
  g_assert_cmpstr (gst_sdp_message_get_connection (offer)->addrtype, ==, "IP6");
  gst_sdp_message_free (offer);

  g_object_unref (a);
  g_object_unref (b);
  g_object_unref (c);
}

/* a=rtcp (RFC 3605), c= per m-line, b=, ptime */
static void
test_attributes (void)
{
  GstSipSdpNegotiator *n = default_negotiator ("192.0.2.2", TRUE);
  GstSDPMessage *offer = sdp_parse ("v=0\n"
                                    "o=- 1 1 IN IP4 192.0.2.1\n"
                                    "s=-\n"
                                    "b=AS:512\n"
                                    "t=0 0\n"
                                    "m=audio 5000 RTP/AVP 8\n"
                                    "c=IN IP4 198.51.100.7\n"
                                    "a=rtcp:5011\n"
                                    "a=ptime:30\n"
                                    "a=maxptime:20\n"
                                    "m=video 5002 RTP/AVP 34\n"
                                    "c=IN IP4 198.51.100.8\n"
                                    "b=TIAS:256000\n"
                                    "b=AS:300\n"
                                    "a=rtcp:6001 IN IP4 203.0.113.9\n");
  GstSDPMessage *answer = answer_ok (n, offer);
  const GstSipSdpStream *s;
  GList *streams;

  /* the offer's limits in the answer */
  g_assert_cmpuint (gst_sdp_media_bandwidths_len (media (answer, 0)), ==, 0);
  g_assert_cmpuint (gst_sdp_media_bandwidths_len (media (answer, 1)), ==, 2);
  g_assert_cmpstr (
      gst_sdp_media_get_bandwidth (media (answer, 1), 0)->bwtype, ==, "TIAS");

  streams = streams_of (n);
  s = nth_stream (streams, 0);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "198.51.100.7", 5000);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtcp_address (s), "198.51.100.7", 5011);
  /* ptime, capped by maxptime */
  g_assert_cmpuint (gst_sip_sdp_stream_get_ptime (s), ==, 20);
  /* the session's b=AS */
  g_assert_cmpuint (gst_sip_sdp_stream_get_max_bitrate (s), ==, 512000);
  s = nth_stream (streams, 1);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (s), "198.51.100.8", 5002);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtcp_address (s), "203.0.113.9", 6001);
  g_assert_cmpuint (gst_sip_sdp_stream_get_max_bitrate (s), ==, 256000);
  streams_free (streams);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* ptime set on our side, b= absent */
  gst_sip_sdp_negotiator_set_ptime (n, 0, 40);
  offer = offer_ok (n);
  g_assert_cmpstr (
      gst_sdp_media_get_attribute_val (media (offer, 0), "ptime"), ==, "40");
  g_assert_null (gst_sdp_media_get_attribute_val (media (offer, 1), "ptime"));
  gst_sip_sdp_negotiator_cancel_offer (n);
  gst_sdp_message_free (offer);
  g_object_unref (n);
}

/* port and codec changes between exchanges */
static void
test_media_changes (void)
{
  GstSipSdpNegotiator *a = default_negotiator ("192.0.2.1", TRUE);
  GstSipSdpNegotiator *b = default_negotiator ("192.0.2.2", TRUE);
  GstSDPMessage *offer, *answer;
  GList *pcma = NULL, *streams;

  exchange (a, b);

  /* a new port, and no video any more */
  gst_sip_sdp_negotiator_set_media_port (a, 0, 42000);
  gst_sip_sdp_negotiator_set_media_port (a, 1, 0);
  offer = offer_ok (a);
  g_assert_cmpuint (gst_sdp_media_get_port (media (offer, 0)), ==, 42000);
  g_assert_cmpuint (gst_sdp_media_get_port (media (offer, 1)), ==, 0);
  answer = answer_ok (b, offer);
  g_assert_cmpuint (gst_sdp_media_get_port (media (answer, 1)), ==, 0);
  set_answer_ok (a, answer);
  streams = streams_of (b);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (nth_stream (streams, 0)),
      "192.0.2.1", 42000);
  g_assert_false (gst_sip_sdp_stream_is_enabled (nth_stream (streams, 1)));
  streams_free (streams);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);

  /* PCMA only: keeps 8; telephone-event keeps its number */
  pcma = g_list_append (pcma, codec ("audio", "PCMA", 8000, 8, NULL));
  pcma = g_list_append (
      pcma, codec ("audio", "telephone-event", 8000, 96, "0-15"));
  gst_sip_sdp_negotiator_set_media_codecs (a, 0, pcma);
  codecs_free (pcma);
  offer = offer_ok (a);
  assert_formats (media (offer, 0), "8 101");
  answer = answer_ok (b, offer);
  set_answer_ok (a, answer);
  streams = streams_of (a);
  assert_send (nth_stream (streams, 0), "PCMA", 8);
  g_assert_cmpint (
      gst_sip_sdp_stream_get_telephone_event_pt (nth_stream (streams, 0)), ==,
      101);
  streams_free (streams);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);

  /* back to the defaults */
  gst_sip_sdp_negotiator_set_media_codecs (a, 0, NULL);
  offer = offer_ok (a);
  assert_formats (media (offer, 0), "0 8 96 97 101");
  gst_sdp_message_free (offer);

  g_object_unref (a);
  g_object_unref (b);
}

/* answers that do not answer the offer */
static void
test_bad_answers (void)
{
  GstSipSdpNegotiator *a = default_negotiator ("192.0.2.1", TRUE);
  GstSDPMessage *offer, *answer;
  GError *error = NULL;
  GList *streams;

  /* one m-line for two */
  offer = offer_ok (a);
  answer = sdp_parse ("v=0\n"
                      "o=- 1 1 IN IP4 192.0.2.2\n"
                      "s=-\n"
                      "c=IN IP4 192.0.2.2\n"
                      "t=0 0\n"
                      "m=audio 5000 RTP/AVP 0\n");
  g_assert_false (gst_sip_sdp_negotiator_set_answer (a, answer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
  g_clear_error (&error);
  /* the offer is withdrawn */
  g_assert_false (gst_sip_sdp_negotiator_has_pending_offer (a));
  g_assert_null (gst_sip_sdp_negotiator_get_local_description (a));
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* m-lines swapped */
  offer = offer_ok (a);
  answer = sdp_parse ("v=0\n"
                      "o=- 1 1 IN IP4 192.0.2.2\n"
                      "s=-\n"
                      "c=IN IP4 192.0.2.2\n"
                      "t=0 0\n"
                      "m=video 5002 RTP/AVP 34\n"
                      "m=audio 5000 RTP/AVP 0\n");
  g_assert_false (gst_sip_sdp_negotiator_set_answer (a, answer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
  g_clear_error (&error);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* codecs we did not offer are ignored; an m-line left without a codec
   * is disabled; a different payload type for an offered codec is taken */
  offer = offer_ok (a);
  answer = sdp_parse ("v=0\n"
                      "o=- 1 1 IN IP4 192.0.2.2\n"
                      "s=-\n"
                      "c=IN IP4 192.0.2.2\n"
                      "t=0 0\n"
                      "m=audio 5000 RTP/AVP 18 120 112\n"
                      "a=rtpmap:120 PCMA/8000\n"
                      "a=rtpmap:112 telephone-event/8000\n"
                      "m=video 5002 RTP/AVP 100\n"
                      "a=rtpmap:100 VP8/90000\n");
  set_answer_ok (a, answer);
  streams = streams_of (a);
  assert_send (nth_stream (streams, 0), "PCMA", 120);
  assert_receive (nth_stream (streams, 0), "PCMA/8 telephone-event/101");
  g_assert_cmpint (
      gst_sip_sdp_stream_get_telephone_event_pt (nth_stream (streams, 0)), ==,
      112);
  g_assert_false (gst_sip_sdp_stream_is_enabled (nth_stream (streams, 1)));
  streams_free (streams);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* an answer with no usable address disables the streams */
  offer = offer_ok (a);
  answer = sdp_parse ("v=0\n"
                      "o=- 1 1 IN IP4 host.example.com\n"
                      "s=-\n"
                      "c=IN IP4 host.example.com\n"
                      "t=0 0\n"
                      "m=audio 5000 RTP/AVP 0\n"
                      "m=video 5002 RTP/AVP 34\n");
  set_answer_ok (a, answer);
  streams = streams_of (a);
  g_assert_false (gst_sip_sdp_stream_is_enabled (nth_stream (streams, 0)));
  g_assert_false (gst_sip_sdp_stream_is_enabled (nth_stream (streams, 1)));
  streams_free (streams);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  g_object_unref (a);
}

/* offers that are malformed one way or another: errors, never crashes */
static const gchar *const malformed[] = {
  "",
  "v=0\n",
  "garbage\n\n\x01\x02",
  "v=0\no=\ns=\nt=\nm=\n",
  "v=0\nm=audio\n",
  "v=0\nm=audio 5000\n",
  "v=0\nm=audio 5000 RTP/AVP\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=audio 99999 RTP/AVP 0\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=audio -5 RTP/AVP 0\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 96\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 96\na=rtpmap:96 PCMU\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 96\na=rtpmap:96 /8000\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 96\na=rtpmap:96 PCMU/0\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 96\na=rtpmap:96 PCMU/x/y\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 300 abc -1\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 0\na=fmtp:0\na=rtpmap:\n"
  "a=rtcp:\na=rtcp:0\na=rtcp:70000 IN IP4\na=ptime:\na=fmtp:\n",
  "v=0\nc=IN IP4\nm=audio 5000 RTP/AVP 0\n",
  "v=0\nc=IN IP4 999.1.1.1\nm=audio 5000 RTP/AVP 0\n",
  "v=0\nm=audio 5000 RTP/AVP 0\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=video 5000 RTP/AVP 97 34\n"
  "a=rtpmap:97 H264/90000\na=fmtp:97 profile-level-id=zzzzzz;"
  "packetization-mode=x\na=fmtp:34 QCIF=99;CIF=;CUSTOM=1,2;/;;==\n",
  "v=0\nc=IN IP4 192.0.2.1\nm=audio 5000 RTP/AVP 96 97 101\n"
  "a=rtpmap:96 AMR/8000/0\na=rtpmap:97 AMR/8000\n"
  "a=fmtp:97 mode-set=9,x,;octet-align=2\n"
  "a=rtpmap:101 telephone-event/8000\na=fmtp:101 15-0,300,-,a-b\n",
};

static void
test_malformed (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (malformed); i++) {
    GstSipSdpNegotiator *n = default_negotiator ("192.0.2.2", TRUE);
    const gchar *text = malformed[i];
    GstSDPMessage *offer, *answer;
    GError *error = NULL;

    /* GStreamer refuses an empty buffer */
    gst_sdp_message_new (&offer);
    if (*text)
      gst_sdp_message_parse_buffer (
          (const guint8 *) text, strlen (text), offer);
    answer = gst_sip_sdp_negotiator_create_answer (n, offer, &error);
    if (answer) {
      GList *streams = streams_of (n);

      g_test_message ("malformed %u answered", i);
      g_assert_no_error (error);
      gst_sdp_message_free (answer);
      streams_free (streams);
    } else {
      g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
      g_clear_error (&error);
    }
    /* as an answer too */
    gst_sip_sdp_negotiator_cancel_offer (n);
    answer = gst_sip_sdp_negotiator_create_offer (n, NULL);
    gst_sdp_message_free (answer);
    if (!gst_sip_sdp_negotiator_set_answer (n, offer, &error)) {
      g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
      g_clear_error (&error);
    } else {
      GList *streams = streams_of (n);

      streams_free (streams);
    }
    gst_sdp_message_free (offer);
    g_object_unref (n);
  }
}

/* every prefix of the captured bodies, and every byte changed: parsed,
 * answered or refused, never a crash */
static void
test_mutations (void)
{
  static const gchar *const files[] = { "seed000-08-200-invite-sdp.sip",
    "seed001-06-invite-b2bua-sdp.sip" };
  guint f;

  for (f = 0; f < G_N_ELEMENTS (files); f++) {
    GstSDPMessage *orig = vector_sdp (files[f], seed000_subst);
    gchar *text = gst_sdp_message_as_text (orig);
    gsize len = strlen (text), i;
    GstSipSdpNegotiator *n = default_negotiator ("192.0.2.2", TRUE);

    for (i = 0; i < len; i++) {
      GstSDPMessage *offer, *answer;
      gchar *copy = g_strdup (text);
      guint round;

      for (round = 0; round < 2; round++) {
        if (round == 0)
          copy[i] = '\0';
        else
          copy[i] = "0 /=;:-9\x7f"[i % 9];
        gst_sdp_message_new (&offer);
        if (*copy)
          gst_sdp_message_parse_buffer (
              (const guint8 *) copy, strlen (copy), offer);
        answer = gst_sip_sdp_negotiator_create_answer (n, offer, NULL);
        if (answer)
          gst_sdp_message_free (answer);
        gst_sdp_message_free (offer);
        g_free (copy);
        copy = g_strdup (text);
      }
      g_free (copy);
      /* a fresh session now and then, so that later offers are not held to
       * the m-line count of earlier ones */
      if (i % 16 == 0) {
        g_object_unref (n);
        n = default_negotiator ("192.0.2.2", TRUE);
      }
    }
    g_object_unref (n);
    g_free (text);
    gst_sdp_message_free (orig);
  }
}

static void
test_boxed (void)
{
  GstSipSdpNegotiator *a = default_negotiator ("192.0.2.1", TRUE);
  GstSipSdpNegotiator *b = default_negotiator ("192.0.2.2", TRUE);
  GstSipSdpStream *copy;
  GList *streams;
  GValue value = G_VALUE_INIT;

  g_assert_true (G_TYPE_IS_BOXED (GST_TYPE_SIP_CODEC));
  g_assert_true (G_TYPE_IS_BOXED (GST_TYPE_SIP_SDP_STREAM));
  exchange (a, b);
  streams = streams_of (a);
  copy = gst_sip_sdp_stream_copy (nth_stream (streams, 0));
  streams_free (streams);
  assert_send (copy, "PCMU", 0);
  assert_address (
      gst_sip_sdp_stream_get_remote_rtp_address (copy), "192.0.2.2", 40000);
  assert_receive (copy, "PCMU/0 PCMA/8 AMR/96 AMR/97 telephone-event/101");
  g_value_init (&value, GST_TYPE_SIP_SDP_STREAM);
  g_value_take_boxed (&value, copy);
  g_value_unset (&value);

  g_value_init (&value, GST_TYPE_SIP_MEDIA_DIRECTION);
  g_object_get_property (G_OBJECT (a), "direction", &value);
  g_assert_cmpint (
      g_value_get_enum (&value), ==, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  g_value_unset (&value);
  g_object_set (a, "direction", GST_SIP_MEDIA_DIRECTION_SENDONLY, NULL);
  g_assert_cmpint (gst_sip_sdp_negotiator_get_direction (a), ==,
      GST_SIP_MEDIA_DIRECTION_SENDONLY);

  g_object_unref (a);
  g_object_unref (b);
}

/* RFC 4585 / RFC 5104 key frame requests: every video offer has PLI and
 * FIR, audio none; an answer keeps those the offer has */
static gboolean
has_rtcp_fb (const GstSDPMedia *m, const gchar *value)
{
  guint i;

  for (i = 0; i < gst_sdp_media_attributes_len (m); i++) {
    const GstSDPAttribute *a = gst_sdp_media_get_attribute (m, i);

    if (g_strcmp0 (a->key, "rtcp-fb") == 0 && g_strcmp0 (a->value, value) == 0)
      return TRUE;
  }
  return FALSE;
}

static void
test_rtcp_fb (void)
{
  GstSipSdpNegotiator *a = gst_sip_sdp_negotiator_new ("192.0.2.1");
  GstSipSdpNegotiator *b = gst_sip_sdp_negotiator_new ("192.0.2.2");
  GstSDPMessage *offer, *answer;

  gst_sip_sdp_negotiator_add_media (a, "audio", 5000, NULL);
  gst_sip_sdp_negotiator_add_media (a, "video", 5002, NULL);
  offer = gst_sip_sdp_negotiator_create_offer (a, NULL);
  g_assert_nonnull (offer);
  g_assert_false (has_attr (media (offer, 0), "rtcp-fb"));
  g_assert_true (has_rtcp_fb (media (offer, 1), "* nack pli"));
  g_assert_true (has_rtcp_fb (media (offer, 1), "* ccm fir"));
  gst_sdp_message_free (offer);
  g_object_unref (a);

  /* only PLI, for one payload type */
  gst_sip_sdp_negotiator_add_media (b, "video", 6002, NULL);
  offer = sdp_parse ("v=0\n"
                     "o=- 1 1 IN IP4 192.0.2.3\n"
                     "s=-\n"
                     "c=IN IP4 192.0.2.3\n"
                     "t=0 0\n"
                     "m=video 7000 RTP/AVP 97\n"
                     "a=rtpmap:97 H264/90000\n"
                     "a=fmtp:97 profile-level-id=42e01f;packetization-mode=1\n"
                     "a=rtcp-fb:97 nack pli\n");
  answer = gst_sip_sdp_negotiator_create_answer (b, offer, NULL);
  g_assert_nonnull (answer);
  g_assert_true (has_rtcp_fb (media (answer, 0), "* nack pli"));
  g_assert_false (has_rtcp_fb (media (answer, 0), "* ccm fir"));
  /* the public check, for the offer's payload type and the answer's `*` */
  g_assert_true (gst_sip_sdp_media_has_rtcp_fb (media (offer, 0), NULL));
  g_assert_true (gst_sip_sdp_media_has_rtcp_fb (media (offer, 0), "NACK PLI"));
  g_assert_false (gst_sip_sdp_media_has_rtcp_fb (media (offer, 0), "nack"));
  g_assert_false (gst_sip_sdp_media_has_rtcp_fb (media (offer, 0), "ccm fir"));
  g_assert_true (gst_sip_sdp_media_has_rtcp_fb (media (answer, 0), "nack pli"));
  g_assert_false (gst_sip_sdp_media_has_rtcp_fb (media (answer, 0), "ccm fir"));
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* none offered: none answered */
  offer =
      sdp_parse ("v=0\n"
                 "o=- 1 2 IN IP4 192.0.2.3\n"
                 "s=-\n"
                 "c=IN IP4 192.0.2.3\n"
                 "t=0 0\n"
                 "m=video 7000 RTP/AVP 97\n"
                 "a=rtpmap:97 H264/90000\n"
                 "a=fmtp:97 profile-level-id=42e01f;packetization-mode=1\n");
  answer = gst_sip_sdp_negotiator_create_answer (b, offer, NULL);
  g_assert_nonnull (answer);
  g_assert_false (has_attr (media (answer, 0), "rtcp-fb"));
  g_assert_false (gst_sip_sdp_media_has_rtcp_fb (media (offer, 0), NULL));
  g_assert_false (gst_sip_sdp_media_has_rtcp_fb (media (answer, 0), NULL));
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);
  g_object_unref (b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  g_test_add_func ("/sdp/codec/basics", test_codec_basics);
  g_test_add_func ("/sdp/codec/defaults", test_codec_defaults);
  g_test_add_func ("/sdp/codec/to-caps", test_codec_to_caps);
  g_test_add_func ("/sdp/codec/from-caps", test_codec_from_caps);
  g_test_add_func ("/sdp/rules/h264", test_rules_h264);
  g_test_add_func ("/sdp/rules/amr", test_rules_amr);
  g_test_add_func ("/sdp/rules/h263", test_rules_h263);
  g_test_add_func ("/sdp/rules/other", test_rules_other);
  g_test_add_func (
      "/sdp/seed000/offer-as-captured", test_seed000_offer_as_captured);
  g_test_add_func ("/sdp/seed000/offer", test_seed000_offer);
  g_test_add_func ("/sdp/seed000/late-offer-ack", test_seed000_late_offer_ack);
  g_test_add_func ("/sdp/seed001/offers", test_seed001_offers);
  g_test_add_func ("/sdp/seed001/b2bua-offer", test_seed001_b2bua_offer);
  g_test_add_func ("/sdp/seed001/as-offerer", test_seed001_as_offerer);
  g_test_add_func ("/sdp/exchange/early-offer", test_early_offer);
  g_test_add_func ("/sdp/exchange/late-offer", test_late_offer);
  g_test_add_func ("/sdp/exchange/hold-resume", test_hold_resume);
  g_test_add_func ("/sdp/exchange/old-hold", test_old_hold);
  g_test_add_func ("/sdp/exchange/reoffer-keeps-pts", test_reoffer_keeps_pts);
  g_test_add_func ("/sdp/exchange/cancel-offer", test_cancel_offer);
  g_test_add_func ("/sdp/exchange/reject", test_reject);
  g_test_add_func ("/sdp/exchange/unknown-media", test_unknown_media);
  g_test_add_func ("/sdp/exchange/ipv6", test_ipv6);
  g_test_add_func ("/sdp/exchange/attributes", test_attributes);
  g_test_add_func ("/sdp/exchange/media-changes", test_media_changes);
  g_test_add_func ("/sdp/exchange/bad-answers", test_bad_answers);
  g_test_add_func ("/sdp/exchange/boxed", test_boxed);
  g_test_add_func ("/sdp/exchange/rtcp-fb", test_rtcp_fb);
  g_test_add_func ("/sdp/malformed/offers", test_malformed);
  g_test_add_func ("/sdp/malformed/mutations", test_mutations);

  return g_test_run ();
}
