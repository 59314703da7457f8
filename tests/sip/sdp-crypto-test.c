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

/* SRTP keying with SDP security descriptions (RFC 4568): offers, answers,
 * the parsing of a=crypto lines, rekeying, and the masking of keys in
 * logs. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <sip/sip.h>

#include "sip/sip-transport-private.h"

#define KEY30 "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"
#define KEY46 "LjU8Q0pRWF9mbXR7gomQl56lrLO6wcjP1t3k6/L5AAcOFRwjKjE4P0ZNVFtiaQ=="
#define KEY28 "HCMqMTg/Rk1UW2JpcHd+hYyTmqGor7a9xMvS2Q=="

static GstSDPMessage *
sdp_parse (const gchar *text)
{
  GstSDPMessage *msg;
  GString *crlf = g_string_new (NULL);
  const gchar *p;

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

/* an offer of one audio m-line with @proto and the a=crypto @lines
 * (separated by newlines) */
static GstSDPMessage *
offer_with (const gchar *proto, const gchar *lines)
{
  GString *s = g_string_new (NULL);
  GstSDPMessage *msg;
  gchar **v;
  guint i;

  g_string_append_printf (s,
      "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
      "m=audio 40000 %s 0\na=rtpmap:0 PCMU/8000\n",
      proto);
  v = g_strsplit (lines ? lines : "", "\n", -1);
  for (i = 0; v[i]; i++) {
    if (*v[i])
      g_string_append_printf (s, "a=crypto:%s\n", v[i]);
  }
  g_strfreev (v);
  msg = sdp_parse (s->str);
  g_string_free (s, TRUE);
  return msg;
}

static GList *
pcmu (void)
{
  return g_list_append (NULL, gst_sip_codec_new ("audio", "PCMU", 8000, 0));
}

static GstSipSdpNegotiator *
new_negotiator (GstSipSrtpMode mode, guint port)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new ("127.0.0.1");
  GList *codecs = pcmu ();

  g_object_set (n, "srtp", mode, NULL);
  gst_sip_sdp_negotiator_add_media (n, "audio", port, codecs);
  g_list_free_full (codecs, (GDestroyNotify) gst_sip_codec_free);
  return n;
}

static guint
count_attributes (const GstSDPMedia *m, const gchar *key)
{
  guint i, n = 0;

  for (i = 0; i < gst_sdp_media_attributes_len (m); i++) {
    if (g_strcmp0 (gst_sdp_media_get_attribute (m, i)->key, key) == 0)
      n++;
  }
  return n;
}

/* the only stream of @n */
static GstSipSdpStream *
only_stream (GstSipSdpNegotiator *n)
{
  GList *streams = gst_sip_sdp_negotiator_get_streams (n);
  GstSipSdpStream *stream;

  g_assert_cmpuint (g_list_length (streams), ==, 1);
  stream = streams->data;
  g_list_free (streams);
  return stream;
}

static GBytes *
decode (const gchar *b64)
{
  gsize len;
  guchar *data = g_base64_decode (b64, &len);

  return g_bytes_new_take (data, len);
}

/* ---------------------------------------------------------------------- */

static void
test_suites (void)
{
  static const struct
  {
    const gchar *name;
    GstSipSrtpSuite suite;
    gsize length;
  } table[] = {
    { "AES_CM_128_HMAC_SHA1_80", GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80,
        30 },
    { "AES_CM_128_HMAC_SHA1_32", GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32,
        30 },
    { "AES_256_CM_HMAC_SHA1_80", GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_80,
        46 },
    { "AES_256_CM_HMAC_SHA1_32", GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_32,
        46 },
    { "AEAD_AES_128_GCM", GST_SIP_SRTP_SUITE_AEAD_AES_128_GCM, 28 },
    { "AEAD_AES_256_GCM", GST_SIP_SRTP_SUITE_AEAD_AES_256_GCM, 44 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (table); i++) {
    g_assert_cmpstr (
        gst_sip_srtp_suite_to_string (table[i].suite), ==, table[i].name);
    g_assert_cmpint (
        gst_sip_srtp_suite_from_string (table[i].name), ==, table[i].suite);
    g_assert_cmpuint (gst_sip_srtp_suite_get_key_length (table[i].suite), ==,
        table[i].length);
  }
  g_assert_cmpint (gst_sip_srtp_suite_from_string ("aes_cm_128_hmac_sha1_80"),
      ==, GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80);
  g_assert_cmpint (gst_sip_srtp_suite_from_string ("F8_128_HMAC_SHA1_80"), ==,
      GST_SIP_SRTP_SUITE_NONE);
  g_assert_null (gst_sip_srtp_suite_to_string (GST_SIP_SRTP_SUITE_NONE));
}

/* offers: the transport and one a=crypto per suite, fresh keys each time */
static void
test_offer (void)
{
  static const GstSipSrtpMode modes[] = { GST_SIP_SRTP_MODE_DISABLED,
    GST_SIP_SRTP_MODE_OPTIONAL, GST_SIP_SRTP_MODE_MANDATORY };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (modes); i++) {
    GstSipSdpNegotiator *n = new_negotiator (modes[i], 40000);
    GstSDPMessage *offer = gst_sip_sdp_negotiator_create_offer (n, NULL);
    GstSDPMessage *again = gst_sip_sdp_negotiator_create_offer (n, NULL);
    const GstSDPMedia *m = gst_sdp_message_get_media (offer, 0);
    const GstSDPMedia *m2 = gst_sdp_message_get_media (again, 0);
    guint j;

    g_assert_cmpstr (gst_sdp_media_get_proto (m), ==,
        modes[i] == GST_SIP_SRTP_MODE_MANDATORY ? "RTP/SAVP" : "RTP/AVP");
    if (modes[i] == GST_SIP_SRTP_MODE_DISABLED) {
      g_assert_cmpuint (count_attributes (m, "crypto"), ==, 0);
    } else {
      g_assert_cmpuint (count_attributes (m, "crypto"), ==, 6);
      for (j = 0; j < 6; j++) {
        const gchar *v = gst_sdp_media_get_attribute_val_n (m, "crypto", j);
        const gchar *v2 = gst_sdp_media_get_attribute_val_n (m2, "crypto", j);
        gchar **f = g_strsplit (v, " ", -1);
        GstSipSrtpSuite suite;
        gsize len = 0;
        guchar *key;

        g_assert_cmpuint (g_strv_length (f), ==, 3);
        g_assert_cmpuint (atoi (f[0]), ==, j + 1);
        suite = gst_sip_srtp_suite_from_string (f[1]);
        g_assert_cmpint (suite, !=, GST_SIP_SRTP_SUITE_NONE);
        g_assert_true (g_str_has_prefix (f[2], "inline:"));
        key = g_base64_decode (f[2] + 7, &len);
        g_assert_cmpuint (len, ==, gst_sip_srtp_suite_get_key_length (suite));
        g_free (key);
        /* rekeyed: another offer has other keys */
        g_assert_cmpstr (v, !=, v2);
        g_strfreev (f);
      }
    }
    gst_sdp_message_free (offer);
    gst_sdp_message_free (again);
    g_object_unref (n);
  }
}

/* answers: the first supported suite of the offer, or a rejection */
static void
test_answer_choice (void)
{
  static const struct
  {
    GstSipSrtpMode mode;
    const gchar *proto;
    const gchar *lines;
    gint tag; /* answered tag, 0 for plain RTP, -1 for a 488 */
    GstSipSrtpSuite suite;
  } table[] = {
    /* the first supported line wins */
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/SAVP",
        "1 F8_128_HMAC_SHA1_80 inline:" KEY30 "\n"
        "2 AES_CM_128_HMAC_SHA1_32 inline:" KEY30 "\n"
        "3 AES_CM_128_HMAC_SHA1_80 inline:" KEY30,
        2, GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32 },
    { GST_SIP_SRTP_MODE_OPTIONAL, "RTP/SAVP",
        "7 AES_256_CM_HMAC_SHA1_80 inline:" KEY46, 7,
        GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_80 },
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/SAVP",
        "4 AES_256_CM_HMAC_SHA1_32 inline:" KEY46 "|2^20", 4,
        GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_32 },
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/SAVP",
        "5 AEAD_AES_128_GCM inline:" KEY28, 5,
        GST_SIP_SRTP_SUITE_AEAD_AES_128_GCM },
    /* unpadded base64 of a 46-byte key */
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/SAVP",
        "1 AES_256_CM_HMAC_SHA1_80 inline:"
        "LjU8Q0pRWF9mbXR7gomQl56lrLO6wcjP1t3k6/L5AAcOFRwjKjE4P0ZNVFtiaQ",
        1, GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_80 },
    /* lifetime in packets, ignorable and supported session parameters */
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/SAVP",
        "9 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "|1048576 KDR=0 WSH=128 "
        "-X_VENDOR",
        9, GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80 },
    /* best-effort SRTP on RTP/AVP */
    { GST_SIP_SRTP_MODE_OPTIONAL, "RTP/AVP",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30, 1,
        GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80 },
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/AVP",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30, 1,
        GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80 },
    { GST_SIP_SRTP_MODE_DISABLED, "RTP/AVP",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30, 0, GST_SIP_SRTP_SUITE_NONE },
    /* plain RTP */
    { GST_SIP_SRTP_MODE_OPTIONAL, "RTP/AVP", NULL, 0, GST_SIP_SRTP_SUITE_NONE },
    { GST_SIP_SRTP_MODE_DISABLED, "RTP/AVP", NULL, 0, GST_SIP_SRTP_SUITE_NONE },
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/AVP", NULL, -1,
        GST_SIP_SRTP_SUITE_NONE },
    /* SRTP refused */
    { GST_SIP_SRTP_MODE_DISABLED, "RTP/SAVP",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30, -1,
        GST_SIP_SRTP_SUITE_NONE },
    /* nothing usable */
    { GST_SIP_SRTP_MODE_OPTIONAL, "RTP/SAVP", NULL, -1,
        GST_SIP_SRTP_SUITE_NONE },
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/SAVP",
        "1 F8_128_HMAC_SHA1_80 inline:" KEY30, -1, GST_SIP_SRTP_SUITE_NONE },
    /* a key of the wrong length for the suite */
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/SAVP",
        "1 AES_256_CM_HMAC_SHA1_80 inline:" KEY30, -1,
        GST_SIP_SRTP_SUITE_NONE },
    /* not base64 */
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/SAVP",
        "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9Cn!!"
        "bGVz",
        -1, GST_SIP_SRTP_SUITE_NONE },
    /* an MKI, several keys, other key methods, unsupported session
     * parameters, malformed lines: skipped */
    { GST_SIP_SRTP_MODE_MANDATORY, "RTP/SAVP",
        "1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "|2^20|1:4\n"
        "2 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "|2^20|1:4;inline:" KEY30
        "|2^20|2:4\n"
        "3 AES_CM_128_HMAC_SHA1_80 uri:http://example.com/key\n"
        "4 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 " UNENCRYPTED_SRTP\n"
        "5 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 " KDR=24\n"
        "6 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 " WSH=10\n"
        "7 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "|2^99\n"
        "8 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "|0\n"
        "x AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "\n"
        "9 AES_CM_128_HMAC_SHA1_80\n"
        "11 AES_CM_128_HMAC_SHA1_80 inline:\n"
        "12 AES_CM_128_HMAC_SHA1_80 inline:|2^20\n"
        "10",
        -1, GST_SIP_SRTP_SUITE_NONE },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (table); i++) {
    GstSipSdpNegotiator *n = new_negotiator (table[i].mode, 50000);
    GstSDPMessage *offer = offer_with (table[i].proto, table[i].lines);
    GError *error = NULL;
    GstSDPMessage *answer;
    GstSipSdpStream *stream;
    const GstSDPMedia *m;

    g_test_message ("case %u", i);
    answer = gst_sip_sdp_negotiator_create_answer (n, offer, &error);
    if (table[i].tag < 0) {
      /* the only m-line rejected: a 488 */
      g_assert_null (answer);
      g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
      g_clear_error (&error);
      gst_sdp_message_free (offer);
      g_object_unref (n);
      continue;
    }
    g_assert_no_error (error);
    m = gst_sdp_message_get_media (answer, 0);
    g_assert_cmpuint (gst_sdp_media_get_port (m), ==, 50000);
    g_assert_cmpstr (gst_sdp_media_get_proto (m), ==, table[i].proto);
    stream = only_stream (n);
    g_assert_true (gst_sip_sdp_stream_is_enabled (stream));
    g_assert_cmpint (
        gst_sip_sdp_stream_get_srtp_suite (stream), ==, table[i].suite);
    if (table[i].tag == 0) {
      g_assert_cmpuint (count_attributes (m, "crypto"), ==, 0);
      g_assert_null (gst_sip_sdp_stream_get_srtp_send_key (stream));
      g_assert_null (gst_sip_sdp_stream_get_srtp_receive_key (stream));
    } else {
      const gchar *v = gst_sdp_media_get_attribute_val (m, "crypto");
      gchar *prefix = g_strdup_printf ("%d %s inline:", table[i].tag,
          gst_sip_srtp_suite_to_string (table[i].suite));
      gsize len = gst_sip_srtp_suite_get_key_length (table[i].suite);
      GBytes *ours = decode (v + strlen (prefix));

      g_assert_cmpuint (count_attributes (m, "crypto"), ==, 1);
      g_assert_true (g_str_has_prefix (v, prefix));
      g_assert_cmpuint (g_bytes_get_size (ours), ==, len);
      g_assert_true (
          g_bytes_equal (ours, gst_sip_sdp_stream_get_srtp_send_key (stream)));
      g_assert_cmpuint (
          g_bytes_get_size (gst_sip_sdp_stream_get_srtp_receive_key (stream)),
          ==, len);
      g_assert_false (g_bytes_equal (
          ours, gst_sip_sdp_stream_get_srtp_receive_key (stream)));
      g_bytes_unref (ours);
      g_free (prefix);
    }
    gst_sip_sdp_stream_free (stream);
    gst_sdp_message_free (answer);
    gst_sdp_message_free (offer);
    g_object_unref (n);
  }
}

/* the offered key is the one we receive with */
static void
test_answer_keys (void)
{
  GstSipSdpNegotiator *n = new_negotiator (GST_SIP_SRTP_MODE_MANDATORY, 50000);
  GstSDPMessage *offer = offer_with (
      "RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "|2^31");
  GstSDPMessage *answer = gst_sip_sdp_negotiator_create_answer (n, offer, NULL);
  GstSipSdpStream *stream = only_stream (n);
  GBytes *expected = decode (KEY30);

  g_assert_nonnull (answer);
  g_assert_true (g_bytes_equal (
      expected, gst_sip_sdp_stream_get_srtp_receive_key (stream)));
  g_bytes_unref (expected);
  gst_sip_sdp_stream_free (stream);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);
  g_object_unref (n);
}

/* an exchange of two negotiators */
static void
exchange (GstSipSdpNegotiator *offerer, GstSipSdpNegotiator *answerer)
{
  GstSDPMessage *offer, *answer;
  GError *error = NULL;

  offer = gst_sip_sdp_negotiator_create_offer (offerer, &error);
  g_assert_no_error (error);
  answer = gst_sip_sdp_negotiator_create_answer (answerer, offer, &error);
  g_assert_no_error (error);
  g_assert_true (gst_sip_sdp_negotiator_set_answer (offerer, answer, &error));
  g_assert_no_error (error);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);
}

/* the a=crypto values of the only m-line of @sdp, newline-separated */
static gchar *
crypto_lines (const GstSDPMessage *sdp)
{
  const GstSDPMedia *m = gst_sdp_message_get_media (sdp, 0);
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < gst_sdp_media_attributes_len (m); i++) {
    const GstSDPAttribute *a = gst_sdp_media_get_attribute (m, i);

    if (g_strcmp0 (a->key, "crypto") == 0)
      g_string_append_printf (s, "%s%s", s->len ? "\n" : "", a->value);
  }
  return g_string_free (s, FALSE);
}

/* the send keys of the only streams of @a and @b, checked against each
 * other's receive keys */
static void
get_keys (GstSipSdpNegotiator *a, GstSipSdpNegotiator *b, GBytes **key_a,
    GBytes **key_b)
{
  GstSipSdpStream *sa = only_stream (a), *sb = only_stream (b);

  g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (sa), ==,
      GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80);
  g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (sb), ==,
      GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80);
  g_assert_true (g_bytes_equal (gst_sip_sdp_stream_get_srtp_send_key (sa),
      gst_sip_sdp_stream_get_srtp_receive_key (sb)));
  g_assert_true (g_bytes_equal (gst_sip_sdp_stream_get_srtp_send_key (sb),
      gst_sip_sdp_stream_get_srtp_receive_key (sa)));
  g_assert_false (g_bytes_equal (gst_sip_sdp_stream_get_srtp_send_key (sa),
      gst_sip_sdp_stream_get_srtp_send_key (sb)));
  *key_a = g_bytes_ref (gst_sip_sdp_stream_get_srtp_send_key (sa));
  *key_b = g_bytes_ref (gst_sip_sdp_stream_get_srtp_send_key (sb));
  gst_sip_sdp_stream_free (sa);
  gst_sip_sdp_stream_free (sb);
}

/* re-offers and their answers keep the keys (RFC 4568 7.1.4) until
 * gst_sip_sdp_negotiator_renew_keys() asks for new ones */
static void
test_rekey (void)
{
  static const GstSipSrtpMode modes[][2] = {
    { GST_SIP_SRTP_MODE_MANDATORY, GST_SIP_SRTP_MODE_MANDATORY },
    { GST_SIP_SRTP_MODE_OPTIONAL, GST_SIP_SRTP_MODE_MANDATORY },
    { GST_SIP_SRTP_MODE_MANDATORY, GST_SIP_SRTP_MODE_OPTIONAL },
    { GST_SIP_SRTP_MODE_OPTIONAL, GST_SIP_SRTP_MODE_OPTIONAL },
  };
  guint i, round;

  for (i = 0; i < G_N_ELEMENTS (modes); i++) {
    GstSipSdpNegotiator *a = new_negotiator (modes[i][0], 40000);
    GstSipSdpNegotiator *b = new_negotiator (modes[i][1], 50000);
    GBytes *first_a, *first_b, *key_a, *key_b;

    exchange (a, b);
    get_keys (a, b, &first_a, &first_b);

    /* re-INVITEs both ways, hold included: the same keys */
    for (round = 0; round < 4; round++) {
      GstSDPMessage *offer;
      gchar *lines;

      if (round == 2)
        g_object_set (a, "direction", GST_SIP_MEDIA_DIRECTION_SENDONLY, NULL);
      if (round == 3)
        g_object_set (a, "direction", GST_SIP_MEDIA_DIRECTION_SENDRECV, NULL);
      /* one line: the current one */
      offer = gst_sip_sdp_negotiator_create_offer (round % 2 ? b : a, NULL);
      lines = crypto_lines (offer);
      g_assert_null (strchr (lines, '\n'));
      g_assert_true (g_str_has_prefix (lines, "1 AES_CM_128_HMAC_SHA1_80 "));
      g_free (lines);
      gst_sip_sdp_negotiator_cancel_offer (round % 2 ? b : a);
      gst_sdp_message_free (offer);

      if (round % 2 == 0)
        exchange (a, b);
      else
        exchange (b, a);
      get_keys (a, b, &key_a, &key_b);
      g_assert_true (g_bytes_equal (key_a, first_a));
      g_assert_true (g_bytes_equal (key_b, first_b));
      g_bytes_unref (key_a);
      g_bytes_unref (key_b);
    }

    /* new keys of the offerer: the answerer keeps its own */
    gst_sip_sdp_negotiator_renew_keys (a);
    exchange (a, b);
    get_keys (a, b, &key_a, &key_b);
    g_assert_false (g_bytes_equal (key_a, first_a));
    g_assert_true (g_bytes_equal (key_b, first_b));
    g_bytes_unref (first_a);
    first_a = key_a;
    g_bytes_unref (key_b);

    /* the request held for one exchange only */
    exchange (b, a);
    get_keys (a, b, &key_a, &key_b);
    g_assert_true (g_bytes_equal (key_a, first_a));
    g_assert_true (g_bytes_equal (key_b, first_b));
    g_bytes_unref (key_a);
    g_bytes_unref (key_b);

    /* new keys of the answerer */
    gst_sip_sdp_negotiator_renew_keys (b);
    exchange (a, b);
    get_keys (a, b, &key_a, &key_b);
    g_assert_true (g_bytes_equal (key_a, first_a));
    g_assert_false (g_bytes_equal (key_b, first_b));
    g_bytes_unref (key_a);
    g_bytes_unref (key_b);

    g_bytes_unref (first_a);
    g_bytes_unref (first_b);
    g_object_unref (a);
    g_object_unref (b);
  }
}

/* a re-offer of the peer with a new key of its own is taken, and we keep
 * ours when the suite stays; another suite gets a new key */
static void
test_peer_rekey (void)
{
  GstSipSdpNegotiator *n = new_negotiator (GST_SIP_SRTP_MODE_MANDATORY, 50000);
  GstSDPMessage *offer, *answer;
  GstSipSdpStream *stream;
  GBytes *send, *expected;
  gchar *first, *lines;

  offer = offer_with ("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30);
  answer = gst_sip_sdp_negotiator_create_answer (n, offer, NULL);
  g_assert_nonnull (answer);
  first = crypto_lines (answer);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);
  stream = only_stream (n);
  send = g_bytes_ref (gst_sip_sdp_stream_get_srtp_send_key (stream));
  gst_sip_sdp_stream_free (stream);

  /* the same suite with another key and another tag first */
  offer = offer_with ("RTP/SAVP",
      "7 AES_CM_128_HMAC_SHA1_32 inline:" KEY30 "\n"
      "1 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk");
  answer = gst_sip_sdp_negotiator_create_answer (n, offer, NULL);
  g_assert_nonnull (answer);
  lines = crypto_lines (answer);
  g_assert_cmpstr (lines, ==, first);
  g_free (lines);
  stream = only_stream (n);
  expected = decode ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk");
  g_assert_true (g_bytes_equal (
      expected, gst_sip_sdp_stream_get_srtp_receive_key (stream)));
  g_assert_true (
      g_bytes_equal (send, gst_sip_sdp_stream_get_srtp_send_key (stream)));
  g_bytes_unref (expected);
  gst_sip_sdp_stream_free (stream);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* the same suite under another tag: the same key, with that tag */
  offer = offer_with ("RTP/SAVP", "5 AES_CM_128_HMAC_SHA1_80 inline:" KEY30);
  answer = gst_sip_sdp_negotiator_create_answer (n, offer, NULL);
  g_assert_nonnull (answer);
  lines = crypto_lines (answer);
  g_assert_true (g_str_has_prefix (lines, "5 AES_CM_128_HMAC_SHA1_80 "));
  g_assert_cmpstr (strchr (lines, ' '), ==, strchr (first, ' '));
  g_free (lines);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  /* another suite: a new key of its length */
  offer = offer_with ("RTP/SAVP", "2 AES_256_CM_HMAC_SHA1_80 inline:" KEY46);
  answer = gst_sip_sdp_negotiator_create_answer (n, offer, NULL);
  g_assert_nonnull (answer);
  stream = only_stream (n);
  g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (stream), ==,
      GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_80);
  g_assert_cmpuint (
      g_bytes_get_size (gst_sip_sdp_stream_get_srtp_send_key (stream)), ==, 46);
  gst_sip_sdp_stream_free (stream);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);

  g_bytes_unref (send);
  g_free (first);
  g_object_unref (n);
}

/* an optional offer answered without SRTP, and the mandatory refusals */
static void
test_modes (void)
{
  GstSipSdpNegotiator *a, *b;
  GstSDPMessage *offer, *answer;
  GstSipSdpStream *stream;
  GError *error = NULL;

  /* optional offer, SRTP-less answerer: plain RTP */
  a = new_negotiator (GST_SIP_SRTP_MODE_OPTIONAL, 40000);
  b = new_negotiator (GST_SIP_SRTP_MODE_DISABLED, 50000);
  exchange (a, b);
  stream = only_stream (a);
  g_assert_true (gst_sip_sdp_stream_is_enabled (stream));
  g_assert_cmpint (
      gst_sip_sdp_stream_get_srtp_suite (stream), ==, GST_SIP_SRTP_SUITE_NONE);
  gst_sip_sdp_stream_free (stream);
  g_object_unref (a);
  g_object_unref (b);

  /* mandatory offer, SRTP-less answerer: 488 */
  a = new_negotiator (GST_SIP_SRTP_MODE_MANDATORY, 40000);
  b = new_negotiator (GST_SIP_SRTP_MODE_DISABLED, 50000);
  offer = gst_sip_sdp_negotiator_create_offer (a, NULL);
  g_assert_null (gst_sip_sdp_negotiator_create_answer (b, offer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
  g_clear_error (&error);
  gst_sdp_message_free (offer);
  g_object_unref (b);

  /* mandatory offerer, plain answer (a peer that ignored RTP/SAVP) */
  offer = gst_sip_sdp_negotiator_create_offer (a, NULL);
  gst_sdp_message_free (offer);
  answer = sdp_parse ("v=0\no=- 2 2 IN IP4 127.0.0.1\ns=-\n"
                      "c=IN IP4 127.0.0.1\nt=0 0\n"
                      "m=audio 50000 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n");
  g_assert_false (gst_sip_sdp_negotiator_set_answer (a, answer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
  g_clear_error (&error);
  g_assert_false (gst_sip_sdp_negotiator_has_pending_offer (a));
  gst_sdp_message_free (answer);

  /* an answer with a tag we did not offer, or with two lines */
  offer = gst_sip_sdp_negotiator_create_offer (a, NULL);
  gst_sdp_message_free (offer);
  answer = sdp_parse ("v=0\no=- 2 2 IN IP4 127.0.0.1\ns=-\n"
                      "c=IN IP4 127.0.0.1\nt=0 0\n"
                      "m=audio 50000 RTP/SAVP 0\na=rtpmap:0 PCMU/8000\n"
                      "a=crypto:42 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "\n");
  g_assert_false (gst_sip_sdp_negotiator_set_answer (a, answer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
  g_clear_error (&error);
  gst_sdp_message_free (answer);
  offer = gst_sip_sdp_negotiator_create_offer (a, NULL);
  gst_sdp_message_free (offer);
  answer = sdp_parse ("v=0\no=- 2 2 IN IP4 127.0.0.1\ns=-\n"
                      "c=IN IP4 127.0.0.1\nt=0 0\n"
                      "m=audio 50000 RTP/SAVP 0\na=rtpmap:0 PCMU/8000\n"
                      "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "\n"
                      "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" KEY30 "\n");
  g_assert_false (gst_sip_sdp_negotiator_set_answer (a, answer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
  g_clear_error (&error);
  gst_sdp_message_free (answer);

  /* a good answer: tag 2 of the offer */
  offer = gst_sip_sdp_negotiator_create_offer (a, NULL);
  gst_sdp_message_free (offer);
  answer = sdp_parse ("v=0\no=- 2 2 IN IP4 127.0.0.1\ns=-\n"
                      "c=IN IP4 127.0.0.1\nt=0 0\n"
                      "m=audio 50000 RTP/SAVP 0\na=rtpmap:0 PCMU/8000\n"
                      "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" KEY30 "\n");
  g_assert_true (gst_sip_sdp_negotiator_set_answer (a, answer, &error));
  g_assert_no_error (error);
  stream = only_stream (a);
  g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (stream), ==,
      GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32);
  gst_sip_sdp_stream_free (stream);
  gst_sdp_message_free (answer);
  g_object_unref (a);
}

/* an answer must echo an offered tag with its suite (RFC 4568 5.1.2);
 * tags are 1 to 999999999 */
static void
test_answer_tag (void)
{
  static const gchar *const bad[] = {
    /* tag 0, with a suite and key length we offered under another tag */
    "0 AES_256_CM_HMAC_SHA1_80 inline:" KEY46,
    "0 AES_CM_128_HMAC_SHA1_80 inline:" KEY30,
    /* an offered tag with another offered suite */
    "1 AES_256_CM_HMAC_SHA1_80 inline:" KEY46,
    "3 AES_CM_128_HMAC_SHA1_80 inline:" KEY30,
    "5 AEAD_AES_256_GCM inline:" KEY46,
    /* a tag beyond 999999999 */
    "1000000001 AES_CM_128_HMAC_SHA1_80 inline:" KEY30,
  };
  GstSipSrtpMode modes[] = { GST_SIP_SRTP_MODE_MANDATORY,
    GST_SIP_SRTP_MODE_OPTIONAL };
  GstSipSdpNegotiator *n;
  GstSDPMessage *offer, *answer;
  GstSipSdpStream *stream;
  GError *error = NULL;
  guint i, j;

  for (j = 0; j < G_N_ELEMENTS (modes); j++) {
    n = new_negotiator (modes[j], 40000);
    for (i = 0; i < G_N_ELEMENTS (bad); i++) {
      offer = gst_sip_sdp_negotiator_create_offer (n, NULL);
      gst_sdp_message_free (offer);
      answer = offer_with ("RTP/SAVP", bad[i]);
      g_assert_false (gst_sip_sdp_negotiator_set_answer (n, answer, &error));
      g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
      g_clear_error (&error);
      g_assert_false (gst_sip_sdp_negotiator_has_pending_offer (n));
      gst_sdp_message_free (answer);
    }

    /* tag 3 with its own suite is fine */
    offer = gst_sip_sdp_negotiator_create_offer (n, NULL);
    gst_sdp_message_free (offer);
    answer = offer_with ("RTP/SAVP", "3 AES_256_CM_HMAC_SHA1_80 inline:" KEY46);
    g_assert_true (gst_sip_sdp_negotiator_set_answer (n, answer, &error));
    g_assert_no_error (error);
    stream = only_stream (n);
    g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (stream), ==,
        GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_80);
    g_assert_cmpuint (
        g_bytes_get_size (gst_sip_sdp_stream_get_srtp_send_key (stream)), ==,
        46);
    g_assert_cmpuint (
        g_bytes_get_size (gst_sip_sdp_stream_get_srtp_receive_key (stream)), ==,
        46);
    gst_sip_sdp_stream_free (stream);
    gst_sdp_message_free (answer);
    g_object_unref (n);
  }

  /* an offered line with tag 0 is not usable */
  n = new_negotiator (GST_SIP_SRTP_MODE_MANDATORY, 50000);
  offer = offer_with ("RTP/SAVP", "0 AES_CM_128_HMAC_SHA1_80 inline:" KEY30);
  g_assert_null (gst_sip_sdp_negotiator_create_answer (n, offer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
  g_clear_error (&error);
  gst_sdp_message_free (offer);
  offer = offer_with ("RTP/SAVP",
      "0 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "\n"
      "9 AES_CM_128_HMAC_SHA1_32 inline:" KEY30);
  answer = gst_sip_sdp_negotiator_create_answer (n, offer, &error);
  g_assert_no_error (error);
  stream = only_stream (n);
  g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (stream), ==,
      GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32);
  gst_sip_sdp_stream_free (stream);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);
  g_object_unref (n);
}

/* the keys of the only stream of @n, or NULLs for plain RTP */
static void
stream_keys (GstSipSdpNegotiator *n, GBytes **send, GBytes **receive)
{
  GstSipSdpStream *stream = only_stream (n);
  GBytes *s = gst_sip_sdp_stream_get_srtp_send_key (stream);
  GBytes *r = gst_sip_sdp_stream_get_srtp_receive_key (stream);

  g_assert_true (gst_sip_sdp_stream_is_enabled (stream));
  *send = s ? g_bytes_ref (s) : NULL;
  *receive = r ? g_bytes_ref (r) : NULL;
  gst_sip_sdp_stream_free (stream);
}

/* the answer to @offer text from @n fails with 488 and leaves the stream
 * as it was */
static void
refuse_offer (GstSipSdpNegotiator *n, GstSDPMessage *offer)
{
  GBytes *send, *receive, *send2, *receive2;
  GError *error = NULL;

  stream_keys (n, &send, &receive);
  g_assert_null (gst_sip_sdp_negotiator_create_answer (n, offer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
  g_clear_error (&error);
  stream_keys (n, &send2, &receive2);
  g_assert_true (send == send2 || g_bytes_equal (send, send2));
  g_assert_true (receive == receive2 || g_bytes_equal (receive, receive2));
  g_clear_pointer (&send, g_bytes_unref);
  g_clear_pointer (&receive, g_bytes_unref);
  g_clear_pointer (&send2, g_bytes_unref);
  g_clear_pointer (&receive2, g_bytes_unref);
  gst_sdp_message_free (offer);
}

/* an m-line keeps its security once accepted: a peer cannot switch SRTP
 * on or off with a re-offer, whatever the mode */
static void
test_switch (void)
{
  GstSipSdpNegotiator *a, *b, *peer;
  GstSDPMessage *offer, *answer;
  GstSipSdpStream *stream;
  GError *error = NULL;
  gchar *lines;

  /* SRTP in optional mode: a re-offer without a=crypto is refused */
  a = new_negotiator (GST_SIP_SRTP_MODE_OPTIONAL, 40000);
  b = new_negotiator (GST_SIP_SRTP_MODE_OPTIONAL, 50000);
  exchange (a, b);
  refuse_offer (b, offer_with ("RTP/AVP", NULL));
  /* nor is an unusable one */
  refuse_offer (
      b, offer_with ("RTP/AVP", "1 F8_128_HMAC_SHA1_80 inline:" KEY30));
  /* the application turning SRTP off changes nothing for the m-line */
  g_object_set (a, "srtp", GST_SIP_SRTP_MODE_DISABLED, NULL);
  g_object_set (b, "srtp", GST_SIP_SRTP_MODE_DISABLED, NULL);
  offer = gst_sip_sdp_negotiator_create_offer (a, NULL);
  lines = crypto_lines (offer);
  g_assert_true (g_str_has_prefix (lines, "1 AES_CM_128_HMAC_SHA1_80 "));
  g_free (lines);
  gst_sdp_message_free (offer);
  gst_sip_sdp_negotiator_cancel_offer (a);
  exchange (a, b);
  stream = only_stream (b);
  g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (stream), ==,
      GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80);
  gst_sip_sdp_stream_free (stream);
  /* an answer without a=crypto is refused by the offerer */
  offer = gst_sip_sdp_negotiator_create_offer (a, NULL);
  gst_sdp_message_free (offer);
  answer = offer_with ("RTP/AVP", NULL);
  g_assert_false (gst_sip_sdp_negotiator_set_answer (a, answer, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
  g_clear_error (&error);
  gst_sdp_message_free (answer);
  g_object_unref (a);
  g_object_unref (b);

  /* plain RTP in optional mode: SRTP cannot come in */
  a = new_negotiator (GST_SIP_SRTP_MODE_OPTIONAL, 40000);
  peer = new_negotiator (GST_SIP_SRTP_MODE_DISABLED, 50000);
  exchange (a, peer);
  stream = only_stream (a);
  g_assert_cmpint (
      gst_sip_sdp_stream_get_srtp_suite (stream), ==, GST_SIP_SRTP_SUITE_NONE);
  gst_sip_sdp_stream_free (stream);
  /* RTP/SAVP: refused */
  refuse_offer (
      a, offer_with ("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30));
  /* RTP/AVP with a=crypto: answered with plain RTP */
  offer = offer_with ("RTP/AVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30);
  answer = gst_sip_sdp_negotiator_create_answer (a, offer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (
      count_attributes (gst_sdp_message_get_media (answer, 0), "crypto"), ==,
      0);
  stream = only_stream (a);
  g_assert_true (gst_sip_sdp_stream_is_enabled (stream));
  g_assert_cmpint (
      gst_sip_sdp_stream_get_srtp_suite (stream), ==, GST_SIP_SRTP_SUITE_NONE);
  gst_sip_sdp_stream_free (stream);
  gst_sdp_message_free (answer);
  gst_sdp_message_free (offer);
  /* our own re-offers stay without a=crypto */
  g_object_set (a, "srtp", GST_SIP_SRTP_MODE_MANDATORY, NULL);
  offer = gst_sip_sdp_negotiator_create_offer (a, NULL);
  g_assert_cmpuint (
      count_attributes (gst_sdp_message_get_media (offer, 0), "crypto"), ==, 0);
  g_assert_cmpstr (
      gst_sdp_media_get_proto (gst_sdp_message_get_media (offer, 0)), ==,
      "RTP/AVP");
  gst_sdp_message_free (offer);
  g_object_unref (a);
  g_object_unref (peer);
}

/* keys never reach the sipwire log */
static void
test_mask (void)
{
  const gchar *msg =
      "INVITE sip:b@127.0.0.1 SIP/2.0\r\nContent-Type: application/sdp\r\n\r\n"
      "v=0\r\nm=audio 4000 RTP/SAVP 0\r\n"
      "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" KEY30 "|2^20|1:4\r\n"
      "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" KEY30 "\r\n";
  gchar *masked = _gst_sip_wire_mask ((const guint8 *) msg, strlen (msg));

  g_assert_null (strstr (masked, KEY30));
  g_assert_nonnull (strstr (masked,
      "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
      "inline:****************************************|2^20|1:4\r\n"));
  g_assert_nonnull (strstr (masked,
      "a=crypto:2 AES_CM_128_HMAC_SHA1_32 "
      "inline:****************************************\r\n"));
  g_free (masked);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sdp-crypto/suites", test_suites);
  g_test_add_func ("/sdp-crypto/offer", test_offer);
  g_test_add_func ("/sdp-crypto/answer-choice", test_answer_choice);
  g_test_add_func ("/sdp-crypto/answer-keys", test_answer_keys);
  g_test_add_func ("/sdp-crypto/answer-tag", test_answer_tag);
  g_test_add_func ("/sdp-crypto/rekey", test_rekey);
  g_test_add_func ("/sdp-crypto/peer-rekey", test_peer_rekey);
  g_test_add_func ("/sdp-crypto/switch", test_switch);
  g_test_add_func ("/sdp-crypto/modes", test_modes);
  g_test_add_func ("/sdp-crypto/mask", test_mask);
  return g_test_run ();
}
