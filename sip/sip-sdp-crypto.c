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

/**
 * SECTION:sip-sdp-crypto
 * @title: SRTP keying
 * @short_description: SDP security descriptions for SRTP (RFC 4568)
 *
 * With #GstSipSdpNegotiator:srtp set to %GST_SIP_SRTP_MODE_OPTIONAL or
 * %GST_SIP_SRTP_MODE_MANDATORY, the negotiator keys SRTP with `a=crypto`
 * lines (SDES, RFC 4568):
 *
 * - offers of a new m-line (or after
 *   gst_sip_sdp_negotiator_renew_keys()) list one `a=crypto` line per
 *   suite, each with a key of its own, tags from 1 in this order:
 *   `AES_CM_128_HMAC_SHA1_80`, `AES_CM_128_HMAC_SHA1_32`,
 *   `AES_256_CM_HMAC_SHA1_80`, `AES_256_CM_HMAC_SHA1_32` (RFC 6188),
 *   `AEAD_AES_128_GCM` and `AEAD_AES_256_GCM` (RFC 7714).  Mandatory
 *   SRTP offers `RTP/SAVP`; optional SRTP offers `RTP/AVP` with the same
 *   `a=crypto` lines, the best-effort practice of many user agents, so
 *   that peers without SRTP still answer with plain RTP;
 * - answers take the first offered line whose suite and parameters are
 *   supported, and answer it with the same tag and suite and a key of our
 *   own; an answer must echo one offered tag with its suite, and tag 0,
 *   which RFC 4568 does not allow, is refused; lines with several keys,
 *   an MKI, or session parameters other than `KDR=0`, `WSH=` and
 *   ignorable ones (starting with `-`) are skipped; the lifetime is
 *   checked for syntax only;
 * - an m-line keeps the security it was first negotiated with: once it
 *   runs SRTP, later offers and answers for it require `a=crypto`, and
 *   once it runs plain RTP, they leave it out; an offer that would switch
 *   has that m-line rejected;
 * - later offers and answers of an m-line that runs SRTP repeat our
 *   current `a=crypto` line (same tag, suite and key, RFC 4568 section
 *   7.1.4) when the suite stays the same (an answer prefers an offered
 *   line of that suite), so that session refreshes and hold keep the keys;
 *   new keys of the peer are taken as they come.
 *   gst_sip_sdp_negotiator_renew_keys() asks for new keys of ours in the
 *   next offer or answer.
 *
 * Keys are key||salt, base64-encoded, made with the kernel's random
 * generator (getrandom(2)).
 *
 * The keys of a negotiated stream are read with
 * gst_sip_sdp_stream_get_srtp_send_key() and
 * gst_sip_sdp_stream_get_srtp_receive_key().  Session descriptions carry
 * the keys in clear text: they must only travel over a signalling path
 * that is itself protected (TLS) for the media to be private, and must not
 * be logged.  The `sipwire` debug category masks them.  The library
 * overwrites the memory of the keys and descriptions it holds before
 * freeing it.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <glib/gi18n-lib.h>

#include "sip-sdp-crypto-private.h"

GST_DEBUG_CATEGORY_STATIC (sip_sdp_crypto_debug);
#define GST_CAT_DEFAULT sip_sdp_crypto_debug

#define MAX_KEY_LENGTH 46

typedef struct
{
  GstSipSrtpSuite suite;
  const gchar *name;
  gsize key_length; /* master key and salt */
} SuiteInfo;

/* in the order of our offers */
static const SuiteInfo suites[] = {
  { GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80, "AES_CM_128_HMAC_SHA1_80", 30 },
  { GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32, "AES_CM_128_HMAC_SHA1_32", 30 },
  { GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_80, "AES_256_CM_HMAC_SHA1_80", 46 },
  { GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_32, "AES_256_CM_HMAC_SHA1_32", 46 },
  { GST_SIP_SRTP_SUITE_AEAD_AES_128_GCM, "AEAD_AES_128_GCM", 28 },
  { GST_SIP_SRTP_SUITE_AEAD_AES_256_GCM, "AEAD_AES_256_GCM", 44 },
};

struct _GstSipSdpCrypto
{
  GstSipSrtpSuite suite;
  GBytes *send_key;
  GBytes *receive_key;
};

/* one parsed a=crypto line */
typedef struct
{
  guint tag;
  GstSipSrtpSuite suite;
  GBytes *key;
} CryptoLine;

void
_gst_sip_sdp_crypto_wipe (gpointer data, gsize len)
{
  if (data && len)
    explicit_bzero (data, len);
}

void
_gst_sip_sdp_crypto_free_text (gchar *text)
{
  if (text) {
    _gst_sip_sdp_crypto_wipe (text, strlen (text));
    g_free (text);
  }
}

void
_gst_sip_sdp_crypto_free_message (GstSDPMessage *msg)
{
  guint i, j;

  if (!msg)
    return;
  for (i = 0; i < gst_sdp_message_medias_len (msg); i++) {
    const GstSDPMedia *m = gst_sdp_message_get_media (msg, i);

    for (j = 0; j < gst_sdp_media_attributes_len (m); j++) {
      const GstSDPAttribute *a = gst_sdp_media_get_attribute (m, j);

      /* the message is ours to free: its strings too */
      if (a->key && a->value && g_ascii_strcasecmp (a->key, "crypto") == 0)
        _gst_sip_sdp_crypto_wipe ((gchar *) a->value, strlen (a->value));
    }
  }
  gst_sdp_message_free (msg);
}

/* the free function of the key GBytes: a block of MAX_KEY_LENGTH bytes */
static void
free_key (gpointer key)
{
  _gst_sip_sdp_crypto_wipe (key, MAX_KEY_LENGTH);
  g_free (key);
}

/* a GBytes with a copy of the @len bytes of @data, wiped when freed */
static GBytes *
new_key (gconstpointer data, gsize len)
{
  guint8 *key = g_malloc0 (MAX_KEY_LENGTH);

  g_assert (len <= MAX_KEY_LENGTH);
  memcpy (key, data, len);
  return g_bytes_new_with_free_func (key, len, free_key, key);
}

static void
ensure_debug (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
    GST_DEBUG_CATEGORY_INIT (
        sip_sdp_crypto_debug, "sipsdpcrypto", 0, "SIP SDP security");
    g_once_init_leave (&done, 1);
  }
}

static const SuiteInfo *
suite_info (GstSipSrtpSuite suite)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (suites); i++) {
    if (suites[i].suite == suite)
      return &suites[i];
  }
  return NULL;
}

/**
 * gst_sip_srtp_suite_to_string:
 * @suite: a #GstSipSrtpSuite
 *
 * Returns: (nullable): the name of @suite in `a=crypto` lines, such as
 *   `AES_CM_128_HMAC_SHA1_80`, or %NULL for %GST_SIP_SRTP_SUITE_NONE
 *
 * Since: 0.1
 */
const gchar *
gst_sip_srtp_suite_to_string (GstSipSrtpSuite suite)
{
  const SuiteInfo *info = suite_info (suite);

  return info ? info->name : NULL;
}

/**
 * gst_sip_srtp_suite_from_string:
 * @name: the name of a crypto suite
 *
 * Returns: the suite named @name (compared without case), or
 *   %GST_SIP_SRTP_SUITE_NONE when it is not supported
 *
 * Since: 0.1
 */
GstSipSrtpSuite
gst_sip_srtp_suite_from_string (const gchar *name)
{
  guint i;

  g_return_val_if_fail (name != NULL, GST_SIP_SRTP_SUITE_NONE);

  for (i = 0; i < G_N_ELEMENTS (suites); i++) {
    if (g_ascii_strcasecmp (suites[i].name, name) == 0)
      return suites[i].suite;
  }
  return GST_SIP_SRTP_SUITE_NONE;
}

/**
 * gst_sip_srtp_suite_get_key_length:
 * @suite: a #GstSipSrtpSuite
 *
 * Returns: the length in bytes of the master key and salt of @suite (30
 *   for the AES-128 counter mode suites, 46 for AES-256, 28 and 44 for
 *   GCM), 0 for %GST_SIP_SRTP_SUITE_NONE
 *
 * Since: 0.1
 */
gsize
gst_sip_srtp_suite_get_key_length (GstSipSrtpSuite suite)
{
  const SuiteInfo *info = suite_info (suite);

  return info ? info->key_length : 0;
}

/* ---------------------------------------------------------------------- */
/* negotiated parameters */

GstSipSdpCrypto *
_gst_sip_sdp_crypto_copy (const GstSipSdpCrypto *crypto)
{
  GstSipSdpCrypto *copy = g_new0 (GstSipSdpCrypto, 1);

  copy->suite = crypto->suite;
  copy->send_key = g_bytes_ref (crypto->send_key);
  copy->receive_key = g_bytes_ref (crypto->receive_key);
  return copy;
}

/* the keys are wiped with their last reference (see new_key()) */
void
_gst_sip_sdp_crypto_free (GstSipSdpCrypto *crypto)
{
  g_bytes_unref (crypto->send_key);
  g_bytes_unref (crypto->receive_key);
  g_free (crypto);
}

/**
 * gst_sip_sdp_stream_get_srtp_suite:
 * @stream: a #GstSipSdpStream
 *
 * Returns: the SRTP suite of the stream, %GST_SIP_SRTP_SUITE_NONE for
 *   plain RTP or a disabled stream
 *
 * Since: 0.1
 */
GstSipSrtpSuite
gst_sip_sdp_stream_get_srtp_suite (const GstSipSdpStream *stream)
{
  const GstSipSdpCrypto *crypto;

  g_return_val_if_fail (stream != NULL, GST_SIP_SRTP_SUITE_NONE);

  crypto = _gst_sip_sdp_stream_get_crypto (stream);
  return crypto ? crypto->suite : GST_SIP_SRTP_SUITE_NONE;
}

/**
 * gst_sip_sdp_stream_get_srtp_send_key:
 * @stream: a #GstSipSdpStream
 *
 * The master key and salt (key||salt) that protect what we send: the key
 * of our own `a=crypto` line.
 *
 * Returns: (transfer none) (nullable): the key, or %NULL for plain RTP
 *
 * Since: 0.1
 */
GBytes *
gst_sip_sdp_stream_get_srtp_send_key (const GstSipSdpStream *stream)
{
  const GstSipSdpCrypto *crypto;

  g_return_val_if_fail (stream != NULL, NULL);

  crypto = _gst_sip_sdp_stream_get_crypto (stream);
  return crypto ? crypto->send_key : NULL;
}

/**
 * gst_sip_sdp_stream_get_srtp_receive_key:
 * @stream: a #GstSipSdpStream
 *
 * The master key and salt (key||salt) of what the peer sends: the key of
 * its `a=crypto` line.
 *
 * Returns: (transfer none) (nullable): the key, or %NULL for plain RTP
 *
 * Since: 0.1
 */
GBytes *
gst_sip_sdp_stream_get_srtp_receive_key (const GstSipSdpStream *stream)
{
  const GstSipSdpCrypto *crypto;

  g_return_val_if_fail (stream != NULL, NULL);

  crypto = _gst_sip_sdp_stream_get_crypto (stream);
  return crypto ? crypto->receive_key : NULL;
}

/* ---------------------------------------------------------------------- */
/* parsing */

static gboolean
is_digits (const gchar *s, gsize max)
{
  gsize n = strlen (s), i;

  if (n == 0 || n > max)
    return FALSE;
  for (i = 0; i < n; i++) {
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  }
  return TRUE;
}

/* a lifetime: a number of packets or 2^n */
static gboolean
valid_lifetime (const gchar *s)
{
  guint64 v;

  if (g_str_has_prefix (s, "2^")) {
    if (!is_digits (s + 2, 2))
      return FALSE;
    v = g_ascii_strtoull (s + 2, NULL, 10);
    return v >= 1 && v <= 64;
  }
  if (!is_digits (s, 20))
    return FALSE;
  return g_ascii_strtoull (s, NULL, 10) > 0;
}

/* the key||salt of @text (base64, padding optional), exactly @length
 * bytes */
static GBytes *
decode_key (const gchar *text, gsize length)
{
  gsize n = strlen (text), i, out_len = 0, padded_len;
  gchar *padded;
  guchar *key;
  GBytes *bytes = NULL;

  if (n == 0 || n > 2 * MAX_KEY_LENGTH)
    return NULL;
  for (i = 0; i < n; i++) {
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/' &&
        !(text[i] == '=' && i >= n - 2))
      return NULL;
  }
  padded_len = n + (4 - n % 4) % 4;
  padded = g_strnfill (padded_len, '=');
  memcpy (padded, text, n);
  key = g_base64_decode (padded, &out_len);
  _gst_sip_sdp_crypto_wipe (padded, padded_len);
  g_free (padded);
  if (key && out_len == length)
    bytes = new_key (key, out_len);
  if (key)
    _gst_sip_sdp_crypto_wipe (key, out_len);
  g_free (key);
  return bytes;
}

/* the key parameters: one `inline:` key, with an optional lifetime and no
 * MKI */
static GBytes *
parse_key_params (const gchar *params, gsize length)
{
  gchar **parts;
  GBytes *key = NULL;
  guint i;

  if (strchr (params, ';')) {
    GST_DEBUG ("several keys: not supported");
    return NULL;
  }
  if (g_ascii_strncasecmp (params, "inline:", 7) != 0) {
    GST_DEBUG ("key method is not inline");
    return NULL;
  }
  parts = g_strsplit (params + 7, "|", -1);
  /* "inline:" alone splits into no part at all */
  if (!parts[0]) {
    GST_DEBUG ("no key");
    goto done;
  }
  for (i = 1; parts[i]; i++) {
    if (strchr (parts[i], ':')) {
      GST_DEBUG ("MKI: not supported");
      goto done;
    }
    if (i > 1 || !valid_lifetime (parts[i])) {
      GST_DEBUG ("invalid lifetime");
      goto done;
    }
  }
  key = decode_key (parts[0], length);
  if (!key)
    GST_DEBUG ("invalid key for the suite");

done:
  g_strfreev (parts);
  return key;
}

static gboolean
supported_session_param (const gchar *param)
{
  guint64 v;

  if (param[0] == '-')
    return TRUE;
  if (g_ascii_strncasecmp (param, "KDR=", 4) == 0)
    return strcmp (param + 4, "0") == 0;
  if (g_ascii_strncasecmp (param, "WSH=", 4) == 0) {
    if (!is_digits (param + 4, 9))
      return FALSE;
    v = g_ascii_strtoull (param + 4, NULL, 10);
    return v >= 64;
  }
  return FALSE;
}

/* parses an a=crypto value; FALSE for a line we cannot use */
static gboolean
parse_crypto (const gchar *value, CryptoLine *line)
{
  gchar **tokens, **t;
  const gchar *fields[3] = { NULL, NULL, NULL };
  guint n = 0;
  gboolean ok = FALSE;

  memset (line, 0, sizeof (*line));
  if (!value)
    return FALSE;
  tokens = g_strsplit_set (value, " \t", -1);
  for (t = tokens; *t; t++) {
    if (**t == '\0')
      continue;
    if (n < 3) {
      fields[n++] = *t;
      continue;
    }
    if (!supported_session_param (*t)) {
      GST_DEBUG ("unsupported session parameter");
      goto done;
    }
  }
  if (n < 3 || !is_digits (fields[0], 9)) {
    GST_DEBUG ("malformed a=crypto");
    goto done;
  }
  /* RFC 4568 section 9.1: tags are 1 to 999999999 */
  line->tag = (guint) g_ascii_strtoull (fields[0], NULL, 10);
  if (line->tag == 0) {
    GST_DEBUG ("a=crypto tag 0");
    goto done;
  }
  line->suite = gst_sip_srtp_suite_from_string (fields[1]);
  if (line->suite == GST_SIP_SRTP_SUITE_NONE) {
    GST_DEBUG ("unsupported suite %s", fields[1]);
    goto done;
  }
  line->key = parse_key_params (
      fields[2], gst_sip_srtp_suite_get_key_length (line->suite));
  ok = line->key != NULL;

done:
  g_strfreev (tokens);
  return ok;
}

static void
crypto_line_clear (CryptoLine *line)
{
  g_clear_pointer (&line->key, g_bytes_unref);
}

static guint
count_crypto (const GstSDPMedia *media)
{
  guint i, n = 0;

  for (i = 0; i < gst_sdp_media_attributes_len (media); i++) {
    const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, i);

    if (a->key && g_ascii_strcasecmp (a->key, "crypto") == 0)
      n++;
  }
  return n;
}

/* the first usable a=crypto line of @media: with @any, whatever its tag
 * and suite, or else the first one with @tag and @suite; @value (when not
 * NULL) points to its attribute value in @media */
static gboolean
find_crypto (const GstSDPMedia *media, gboolean any, guint tag,
    GstSipSrtpSuite suite, CryptoLine *line, const gchar **value)
{
  guint i;

  ensure_debug ();
  for (i = 0; i < gst_sdp_media_attributes_len (media); i++) {
    const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, i);

    if (!a->key || g_ascii_strcasecmp (a->key, "crypto") != 0)
      continue;
    if (!parse_crypto (a->value, line))
      continue;
    if (any || (line->tag == tag && line->suite == suite)) {
      if (value)
        *value = a->value;
      return TRUE;
    }
    crypto_line_clear (line);
  }
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* writing */

static void
random_bytes (guint8 *buf, gsize len)
{
  gsize done = 0;

  while (done < len) {
    gssize n = getrandom (buf + done, len - done, 0);

    if (n < 0) {
      FILE *f;

      if (errno == EINTR)
        continue;
      /* kernels without getrandom(2) */
      f = fopen ("/dev/urandom", "rb");
      if (!f || fread (buf + done, 1, len - done, f) != len - done)
        g_error ("no random source for SRTP keys");
      fclose (f);
      return;
    }
    done += n;
  }
}

/* an a=crypto line with the key||salt @keep, or a new one for NULL */
static void
add_crypto (GstSDPMedia *m, guint tag, const SuiteInfo *info, GBytes *keep)
{
  guint8 key[MAX_KEY_LENGTH];
  gchar *b64, *value;

  if (keep) {
    g_assert (g_bytes_get_size (keep) == info->key_length);
    memcpy (key, g_bytes_get_data (keep, NULL), info->key_length);
  } else {
    random_bytes (key, info->key_length);
  }
  b64 = g_base64_encode (key, info->key_length);
  value = g_strdup_printf ("%u %s inline:%s", tag, info->name, b64);
  gst_sdp_media_add_attribute (m, "crypto", value);
  _gst_sip_sdp_crypto_wipe (key, sizeof (key));
  _gst_sip_sdp_crypto_free_text (b64);
  _gst_sip_sdp_crypto_free_text (value);
}

gboolean
_gst_sip_sdp_crypto_is_savp (const GstSDPMedia *media)
{
  const gchar *proto = gst_sdp_media_get_proto (media);

  return proto && g_ascii_strcasecmp (proto, "RTP/SAVP") == 0;
}

void
_gst_sip_sdp_crypto_offer (
    GstSipSrtpMode mode, gboolean savp, const gchar *keep, GstSDPMedia *m)
{
  guint i;

  if (mode == GST_SIP_SRTP_MODE_DISABLED)
    return;
  if (savp)
    gst_sdp_media_set_proto (m, "RTP/SAVP");
  if (keep) {
    gst_sdp_media_add_attribute (m, "crypto", keep);
    return;
  }
  for (i = 0; i < G_N_ELEMENTS (suites); i++)
    add_crypto (m, i + 1, &suites[i], NULL);
}

gboolean
_gst_sip_sdp_crypto_answer (GstSipSrtpMode mode, const gchar *keep,
    const GstSDPMedia *offered, GstSDPMedia *m)
{
  gboolean savp = _gst_sip_sdp_crypto_is_savp (offered);
  CryptoLine line, kept;
  GBytes *key = NULL;
  gboolean found = FALSE;

  ensure_debug ();
  if (mode == GST_SIP_SRTP_MODE_DISABLED) {
    if (savp)
      GST_DEBUG ("RTP/SAVP offered, SRTP disabled");
    return !savp;
  }
  /* our current key, when the offer keeps its suite */
  if (keep && parse_crypto (keep, &kept)) {
    /* the same tag, or else any tag with that suite */
    found = find_crypto (offered, FALSE, kept.tag, kept.suite, &line, NULL);
    if (!found) {
      guint i;

      for (i = 0; i < gst_sdp_media_attributes_len (offered) && !found; i++) {
        const GstSDPAttribute *a = gst_sdp_media_get_attribute (offered, i);

        if (!a->key || g_ascii_strcasecmp (a->key, "crypto") != 0)
          continue;
        if (parse_crypto (a->value, &line) && line.suite == kept.suite)
          found = TRUE;
        else
          crypto_line_clear (&line);
      }
    }
    if (found)
      key = g_bytes_ref (kept.key);
    crypto_line_clear (&kept);
  }
  if (!found &&
      !find_crypto (offered, TRUE, 0, GST_SIP_SRTP_SUITE_NONE, &line, NULL)) {
    if (savp || mode == GST_SIP_SRTP_MODE_MANDATORY) {
      GST_DEBUG (
          "no usable a=crypto in the offer (%u lines)", count_crypto (offered));
      return FALSE;
    }
    return TRUE;
  }
  gst_sdp_media_set_proto (m, gst_sdp_media_get_proto (offered));
  add_crypto (m, line.tag, suite_info (line.suite), key);
  GST_DEBUG ("answering a=crypto tag %u, %s, %s key", line.tag,
      gst_sip_srtp_suite_to_string (line.suite), key ? "same" : "new");
  crypto_line_clear (&line);
  g_clear_pointer (&key, g_bytes_unref);
  return TRUE;
}

gboolean
_gst_sip_sdp_crypto_check_answer (GstSipSrtpMode mode, const GstSDPMedia *ours,
    const GstSDPMedia *theirs, guint index, GError **error)
{
  CryptoLine line, offered;
  guint count;

  ensure_debug ();
  if (gst_sdp_media_get_port (ours) == 0 ||
      gst_sdp_media_get_port (theirs) == 0 || count_crypto (ours) == 0)
    return TRUE;
  count = count_crypto (theirs);
  if (count == 0) {
    if (mode == GST_SIP_SRTP_MODE_MANDATORY)
      goto no_crypto;
    return TRUE;
  }
  /* RFC 4568 section 5.1.2: one line, with an offered tag and its suite */
  if (count > 1 ||
      !find_crypto (theirs, TRUE, 0, GST_SIP_SRTP_SUITE_NONE, &line, NULL))
    goto bad_crypto;
  if (!find_crypto (ours, FALSE, line.tag, line.suite, &offered, NULL)) {
    GST_DEBUG ("answered tag %u with %s: not offered", line.tag,
        gst_sip_srtp_suite_to_string (line.suite));
    crypto_line_clear (&line);
    goto bad_crypto;
  }
  crypto_line_clear (&line);
  crypto_line_clear (&offered);
  return TRUE;

  /* ERRORS */
no_crypto : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE,
      _ ("Media line %u of the answer has no SRTP key"), index);
  return FALSE;
}
bad_crypto : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE,
      _ ("Media line %u of the answer does not answer the offered SRTP "
         "keys"),
      index);
  return FALSE;
}
}

/* the a=crypto lines of the established SRTP of an m-line, ours and the
 * peer's */
static gboolean
stream_lines (const GstSDPMedia *ours, const GstSDPMedia *theirs,
    gboolean we_offered, CryptoLine *our_line, CryptoLine *their_line,
    const gchar **our_value)
{
  if (we_offered) {
    if (!find_crypto (
            theirs, TRUE, 0, GST_SIP_SRTP_SUITE_NONE, their_line, NULL))
      return FALSE;
    if (!find_crypto (ours, FALSE, their_line->tag, their_line->suite, our_line,
            our_value)) {
      crypto_line_clear (their_line);
      return FALSE;
    }
  } else {
    if (!find_crypto (
            ours, TRUE, 0, GST_SIP_SRTP_SUITE_NONE, our_line, our_value))
      return FALSE;
    if (!find_crypto (
            theirs, FALSE, our_line->tag, our_line->suite, their_line, NULL)) {
      crypto_line_clear (our_line);
      return FALSE;
    }
  }
  return TRUE;
}

GstSipSdpCrypto *
_gst_sip_sdp_crypto_for_stream (
    const GstSDPMedia *ours, const GstSDPMedia *theirs, gboolean we_offered)
{
  CryptoLine our_line, their_line;
  GstSipSdpCrypto *crypto;

  if (!stream_lines (ours, theirs, we_offered, &our_line, &their_line, NULL))
    return NULL;
  crypto = g_new0 (GstSipSdpCrypto, 1);
  crypto->suite = our_line.suite;
  crypto->send_key = our_line.key;
  crypto->receive_key = their_line.key;
  return crypto;
}

const gchar *
_gst_sip_sdp_crypto_current (
    const GstSDPMedia *ours, const GstSDPMedia *theirs, gboolean we_offered)
{
  CryptoLine our_line, their_line;
  const gchar *value = NULL;

  if (gst_sdp_media_get_port (ours) == 0 ||
      gst_sdp_media_get_port (theirs) == 0)
    return NULL;
  if (!stream_lines (ours, theirs, we_offered, &our_line, &their_line, &value))
    return NULL;
  crypto_line_clear (&our_line);
  crypto_line_clear (&their_line);
  return value;
}

/* ---------------------------------------------------------------------- */
/* logs */

void
_gst_sip_sdp_crypto_mask_keys (gchar *text, gsize len)
{
  gsize i = 0;

  while (i + 7 <= len) {
    if (g_ascii_strncasecmp (text + i, "inline:", 7) != 0) {
      i++;
      continue;
    }
    i += 7;
    while (i < len && text[i] != '|' && text[i] != ';' && text[i] != ' ' &&
        text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
      text[i++] = '*';
  }
}
