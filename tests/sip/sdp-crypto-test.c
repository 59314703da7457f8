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

/* two negotiators: each one sends with the key the other receives with,
 * and every exchange changes the keys */
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
    GBytes *previous[2] = { NULL, NULL };

    for (round = 0; round < 4; round++) {
      GstSipSdpStream *sa, *sb;

      /* both directions of re-INVITE */
      if (round % 2 == 0)
        exchange (a, b);
      else
        exchange (b, a);
      sa = only_stream (a);
      sb = only_stream (b);
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
      if (previous[0]) {
        g_assert_false (g_bytes_equal (
            previous[0], gst_sip_sdp_stream_get_srtp_send_key (sa)));
        g_assert_false (g_bytes_equal (
            previous[1], gst_sip_sdp_stream_get_srtp_send_key (sb)));
        g_bytes_unref (previous[0]);
        g_bytes_unref (previous[1]);
      }
      previous[0] = g_bytes_ref (gst_sip_sdp_stream_get_srtp_send_key (sa));
      previous[1] = g_bytes_ref (gst_sip_sdp_stream_get_srtp_send_key (sb));
      gst_sip_sdp_stream_free (sa);
      gst_sip_sdp_stream_free (sb);
    }
    g_bytes_unref (previous[0]);
    g_bytes_unref (previous[1]);
    g_object_unref (a);
    g_object_unref (b);
  }
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
  g_test_add_func ("/sdp-crypto/rekey", test_rekey);
  g_test_add_func ("/sdp-crypto/modes", test_modes);
  g_test_add_func ("/sdp-crypto/mask", test_mask);
  return g_test_run ();
}
