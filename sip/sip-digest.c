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

/*
 * HTTP Digest authentication as SIP uses it: the request-digest of RFC 2617
 * section 3.2.2 and RFC 7616 section 3.4.1, the algorithms of RFC 7616 and
 * RFC 8760, and the RFC 2069 form without qop that some servers still use.
 *
 * MD5 and SHA-256 come from GChecksum.  GChecksum has no SHA-512/256, so it
 * is implemented here after FIPS 180-4: the SHA-512 compression function
 * started from the SHA-512/256 initial hash value, the output truncated to
 * 256 bits.  Note that the SHA-512-256 example of RFC 7616 section 3.9.2
 * was computed with SHA-512 truncated to 256 bits (its userhash and
 * response do not match SHA-512/256); RFC 8760 and FIPS 180-4 define the
 * algorithm, and this file follows them.
 *
 * Strength, for choosing among offered algorithms and ordering challenges:
 * SHA-512-256 > SHA-256 > MD5, and each -sess variant ranks just above its
 * base algorithm (it uses the same hash function, and binds H(A1) to the
 * nonce and the client nonce), below the next stronger hash.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "sip-digest-private.h"

#ifndef GST_DISABLE_GST_DEBUG
#define GST_CAT_DEFAULT ensure_debug_category ()

static GstDebugCategory *
ensure_debug_category (void)
{
  static gsize cat_gonce = 0;

  if (g_once_init_enter (&cat_gonce)) {
    GstDebugCategory *cat = NULL;

    /* the same category as the verifier: the name is looked up */
    GST_DEBUG_CATEGORY_INIT (cat, "sipauth", 0, "SIP digest authentication");
    g_once_init_leave (&cat_gonce, (gsize) cat);
  }
  return (GstDebugCategory *) cat_gonce;
}
#endif /* GST_DISABLE_GST_DEBUG */

typedef struct
{
  const gchar *name;
  GstSipDigestAlgorithm algorithm;
  guint strength;
} AlgorithmInfo;

static const AlgorithmInfo algorithms[] = {
  { "MD5", GST_SIP_DIGEST_ALGORITHM_MD5, 1 },
  { "MD5-sess", GST_SIP_DIGEST_ALGORITHM_MD5_SESS, 2 },
  { "SHA-256", GST_SIP_DIGEST_ALGORITHM_SHA256, 3 },
  { "SHA-256-sess", GST_SIP_DIGEST_ALGORITHM_SHA256_SESS, 4 },
  { "SHA-512-256", GST_SIP_DIGEST_ALGORITHM_SHA512_256, 5 },
  { "SHA-512-256-sess", GST_SIP_DIGEST_ALGORITHM_SHA512_256_SESS, 6 },
};

static const AlgorithmInfo *
algorithm_info (GstSipDigestAlgorithm algorithm)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (algorithms); i++) {
    if (algorithms[i].algorithm == algorithm)
      return &algorithms[i];
  }
  return NULL;
}

GstSipDigestAlgorithm
_gst_sip_digest_algorithm_from_string (const gchar *name)
{
  guint i;

  /* RFC 2617 3.2.1: "If this is not present it is assumed to be MD5" */
  if (name == NULL)
    return GST_SIP_DIGEST_ALGORITHM_MD5;

  for (i = 0; i < G_N_ELEMENTS (algorithms); i++) {
    if (g_ascii_strcasecmp (name, algorithms[i].name) == 0)
      return algorithms[i].algorithm;
  }
  return GST_SIP_DIGEST_ALGORITHM_UNKNOWN;
}

const gchar *
_gst_sip_digest_algorithm_to_string (GstSipDigestAlgorithm algorithm)
{
  const AlgorithmInfo *info = algorithm_info (algorithm);

  return info ? info->name : NULL;
}

guint
_gst_sip_digest_algorithm_strength (GstSipDigestAlgorithm algorithm)
{
  const AlgorithmInfo *info = algorithm_info (algorithm);

  return info ? info->strength : 0;
}

gboolean
_gst_sip_digest_algorithm_is_session (GstSipDigestAlgorithm algorithm)
{
  return algorithm == GST_SIP_DIGEST_ALGORITHM_MD5_SESS ||
      algorithm == GST_SIP_DIGEST_ALGORITHM_SHA256_SESS ||
      algorithm == GST_SIP_DIGEST_ALGORITHM_SHA512_256_SESS;
}

gsize
_gst_sip_digest_algorithm_hex_length (GstSipDigestAlgorithm algorithm)
{
  switch (algorithm) {
    case GST_SIP_DIGEST_ALGORITHM_MD5:
    case GST_SIP_DIGEST_ALGORITHM_MD5_SESS:
      return 32;
    case GST_SIP_DIGEST_ALGORITHM_SHA256:
    case GST_SIP_DIGEST_ALGORITHM_SHA256_SESS:
    case GST_SIP_DIGEST_ALGORITHM_SHA512_256:
    case GST_SIP_DIGEST_ALGORITHM_SHA512_256_SESS:
      return 64;
    case GST_SIP_DIGEST_ALGORITHM_UNKNOWN:
    default:
      return 0;
  }
}

/* ---------------------------------------------------------------------- */
/* SHA-512/256, FIPS 180-4 sections 4.1.3, 4.2.3, 5.1.2, 5.3.6.2 and 6.4 */

#define SHA512_BLOCK 128

/* the first 64 bits of the fractional parts of the cube roots of the first
 * 80 primes */
static const guint64 sha512_k[80] = {
  G_GUINT64_CONSTANT (0x428a2f98d728ae22),
  G_GUINT64_CONSTANT (0x7137449123ef65cd),
  G_GUINT64_CONSTANT (0xb5c0fbcfec4d3b2f),
  G_GUINT64_CONSTANT (0xe9b5dba58189dbbc),
  G_GUINT64_CONSTANT (0x3956c25bf348b538),
  G_GUINT64_CONSTANT (0x59f111f1b605d019),
  G_GUINT64_CONSTANT (0x923f82a4af194f9b),
  G_GUINT64_CONSTANT (0xab1c5ed5da6d8118),
  G_GUINT64_CONSTANT (0xd807aa98a3030242),
  G_GUINT64_CONSTANT (0x12835b0145706fbe),
  G_GUINT64_CONSTANT (0x243185be4ee4b28c),
  G_GUINT64_CONSTANT (0x550c7dc3d5ffb4e2),
  G_GUINT64_CONSTANT (0x72be5d74f27b896f),
  G_GUINT64_CONSTANT (0x80deb1fe3b1696b1),
  G_GUINT64_CONSTANT (0x9bdc06a725c71235),
  G_GUINT64_CONSTANT (0xc19bf174cf692694),
  G_GUINT64_CONSTANT (0xe49b69c19ef14ad2),
  G_GUINT64_CONSTANT (0xefbe4786384f25e3),
  G_GUINT64_CONSTANT (0x0fc19dc68b8cd5b5),
  G_GUINT64_CONSTANT (0x240ca1cc77ac9c65),
  G_GUINT64_CONSTANT (0x2de92c6f592b0275),
  G_GUINT64_CONSTANT (0x4a7484aa6ea6e483),
  G_GUINT64_CONSTANT (0x5cb0a9dcbd41fbd4),
  G_GUINT64_CONSTANT (0x76f988da831153b5),
  G_GUINT64_CONSTANT (0x983e5152ee66dfab),
  G_GUINT64_CONSTANT (0xa831c66d2db43210),
  G_GUINT64_CONSTANT (0xb00327c898fb213f),
  G_GUINT64_CONSTANT (0xbf597fc7beef0ee4),
  G_GUINT64_CONSTANT (0xc6e00bf33da88fc2),
  G_GUINT64_CONSTANT (0xd5a79147930aa725),
  G_GUINT64_CONSTANT (0x06ca6351e003826f),
  G_GUINT64_CONSTANT (0x142929670a0e6e70),
  G_GUINT64_CONSTANT (0x27b70a8546d22ffc),
  G_GUINT64_CONSTANT (0x2e1b21385c26c926),
  G_GUINT64_CONSTANT (0x4d2c6dfc5ac42aed),
  G_GUINT64_CONSTANT (0x53380d139d95b3df),
  G_GUINT64_CONSTANT (0x650a73548baf63de),
  G_GUINT64_CONSTANT (0x766a0abb3c77b2a8),
  G_GUINT64_CONSTANT (0x81c2c92e47edaee6),
  G_GUINT64_CONSTANT (0x92722c851482353b),
  G_GUINT64_CONSTANT (0xa2bfe8a14cf10364),
  G_GUINT64_CONSTANT (0xa81a664bbc423001),
  G_GUINT64_CONSTANT (0xc24b8b70d0f89791),
  G_GUINT64_CONSTANT (0xc76c51a30654be30),
  G_GUINT64_CONSTANT (0xd192e819d6ef5218),
  G_GUINT64_CONSTANT (0xd69906245565a910),
  G_GUINT64_CONSTANT (0xf40e35855771202a),
  G_GUINT64_CONSTANT (0x106aa07032bbd1b8),
  G_GUINT64_CONSTANT (0x19a4c116b8d2d0c8),
  G_GUINT64_CONSTANT (0x1e376c085141ab53),
  G_GUINT64_CONSTANT (0x2748774cdf8eeb99),
  G_GUINT64_CONSTANT (0x34b0bcb5e19b48a8),
  G_GUINT64_CONSTANT (0x391c0cb3c5c95a63),
  G_GUINT64_CONSTANT (0x4ed8aa4ae3418acb),
  G_GUINT64_CONSTANT (0x5b9cca4f7763e373),
  G_GUINT64_CONSTANT (0x682e6ff3d6b2b8a3),
  G_GUINT64_CONSTANT (0x748f82ee5defb2fc),
  G_GUINT64_CONSTANT (0x78a5636f43172f60),
  G_GUINT64_CONSTANT (0x84c87814a1f0ab72),
  G_GUINT64_CONSTANT (0x8cc702081a6439ec),
  G_GUINT64_CONSTANT (0x90befffa23631e28),
  G_GUINT64_CONSTANT (0xa4506cebde82bde9),
  G_GUINT64_CONSTANT (0xbef9a3f7b2c67915),
  G_GUINT64_CONSTANT (0xc67178f2e372532b),
  G_GUINT64_CONSTANT (0xca273eceea26619c),
  G_GUINT64_CONSTANT (0xd186b8c721c0c207),
  G_GUINT64_CONSTANT (0xeada7dd6cde0eb1e),
  G_GUINT64_CONSTANT (0xf57d4f7fee6ed178),
  G_GUINT64_CONSTANT (0x06f067aa72176fba),
  G_GUINT64_CONSTANT (0x0a637dc5a2c898a6),
  G_GUINT64_CONSTANT (0x113f9804bef90dae),
  G_GUINT64_CONSTANT (0x1b710b35131c471b),
  G_GUINT64_CONSTANT (0x28db77f523047d84),
  G_GUINT64_CONSTANT (0x32caab7b40c72493),
  G_GUINT64_CONSTANT (0x3c9ebe0a15c9bebc),
  G_GUINT64_CONSTANT (0x431d67c49c100d4c),
  G_GUINT64_CONSTANT (0x4cc5d4becb3e42b6),
  G_GUINT64_CONSTANT (0x597f299cfc657e2a),
  G_GUINT64_CONSTANT (0x5fcb6fab3ad6faec),
  G_GUINT64_CONSTANT (0x6c44198c4a475817),
};

/* FIPS 180-4 5.3.6.2 */
static const guint64 sha512_256_h0[8] = {
  G_GUINT64_CONSTANT (0x22312194fc2bf72c),
  G_GUINT64_CONSTANT (0x9f555fa3c84c64c2),
  G_GUINT64_CONSTANT (0x2393b86b6f53b151),
  G_GUINT64_CONSTANT (0x963877195940eabd),
  G_GUINT64_CONSTANT (0x96283ee2a88effe3),
  G_GUINT64_CONSTANT (0xbe5e1e2553863992),
  G_GUINT64_CONSTANT (0x2b0199fc2c85b8aa),
  G_GUINT64_CONSTANT (0x0eb72ddc81c52ca2),
};

#define ROTR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static inline guint64
load_be64 (const guint8 *p)
{
  return ((guint64) p[0] << 56) | ((guint64) p[1] << 48) |
      ((guint64) p[2] << 40) | ((guint64) p[3] << 32) | ((guint64) p[4] << 24) |
      ((guint64) p[5] << 16) | ((guint64) p[6] << 8) | (guint64) p[7];
}

static inline void
store_be64 (guint8 *p, guint64 v)
{
  guint i;

  for (i = 0; i < 8; i++)
    p[i] = (guint8) (v >> (56 - 8 * i));
}

static void
sha512_compress (guint64 state[8], const guint8 *block)
{
  guint64 w[80];
  guint64 a, b, c, d, e, f, g, h;
  guint i;

  for (i = 0; i < 16; i++)
    w[i] = load_be64 (block + 8 * i);
  for (i = 16; i < 80; i++) {
    guint64 s0 =
        ROTR64 (w[i - 15], 1) ^ ROTR64 (w[i - 15], 8) ^ (w[i - 15] >> 7);
    guint64 s1 =
        ROTR64 (w[i - 2], 19) ^ ROTR64 (w[i - 2], 61) ^ (w[i - 2] >> 6);

    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }

  a = state[0];
  b = state[1];
  c = state[2];
  d = state[3];
  e = state[4];
  f = state[5];
  g = state[6];
  h = state[7];

  for (i = 0; i < 80; i++) {
    guint64 sum1 = ROTR64 (e, 14) ^ ROTR64 (e, 18) ^ ROTR64 (e, 41);
    guint64 ch = (e & f) ^ (~e & g);
    guint64 t1 = h + sum1 + ch + sha512_k[i] + w[i];
    guint64 sum0 = ROTR64 (a, 28) ^ ROTR64 (a, 34) ^ ROTR64 (a, 39);
    guint64 maj = (a & b) ^ (a & c) ^ (b & c);
    guint64 t2 = sum0 + maj;

    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }

  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

void
_gst_sip_sha512_256 (const guint8 *data, gsize len, guint8 digest[32])
{
  guint64 state[8];
  guint8 tail[2 * SHA512_BLOCK];
  gsize full, rest, tail_len, i;
  guint64 len64 = len;

  g_return_if_fail (data != NULL || len == 0);
  g_return_if_fail (digest != NULL);

  memcpy (state, sha512_256_h0, sizeof (state));

  full = len - len % SHA512_BLOCK;
  for (i = 0; i < full; i += SHA512_BLOCK)
    sha512_compress (state, data + i);

  /* 5.1.2: the rest, a 1 bit, zeros, and the length in bits as a 128-bit
   * big-endian number, in one or two blocks */
  rest = len - full;
  memset (tail, 0, sizeof (tail));
  if (rest > 0)
    memcpy (tail, data + full, rest);
  tail[rest] = 0x80;
  tail_len = rest < SHA512_BLOCK - 16 ? SHA512_BLOCK : 2 * SHA512_BLOCK;
  store_be64 (tail + tail_len - 16, len64 >> 61);
  store_be64 (tail + tail_len - 8, len64 << 3);
  for (i = 0; i < tail_len; i += SHA512_BLOCK)
    sha512_compress (state, tail + i);

  for (i = 0; i < 4; i++)
    store_be64 (digest + 8 * i, state[i]);
}

/* ---------------------------------------------------------------------- */
/* hashing */

static gchar *
hex_encode (const guint8 *data, gsize len)
{
  static const gchar digits[] = "0123456789abcdef";
  gchar *hex = g_malloc (2 * len + 1);
  gsize i;

  for (i = 0; i < len; i++) {
    hex[2 * i] = digits[data[i] >> 4];
    hex[2 * i + 1] = digits[data[i] & 0xf];
  }
  hex[2 * len] = '\0';
  return hex;
}

gchar *
_gst_sip_digest_hash (
    GstSipDigestAlgorithm algorithm, const guint8 *data, gsize len)
{
  GChecksumType type;
  GChecksum *checksum;
  gchar *hex;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  switch (algorithm) {
    case GST_SIP_DIGEST_ALGORITHM_MD5:
    case GST_SIP_DIGEST_ALGORITHM_MD5_SESS:
      type = G_CHECKSUM_MD5;
      break;
    case GST_SIP_DIGEST_ALGORITHM_SHA256:
    case GST_SIP_DIGEST_ALGORITHM_SHA256_SESS:
      type = G_CHECKSUM_SHA256;
      break;
    case GST_SIP_DIGEST_ALGORITHM_SHA512_256:
    case GST_SIP_DIGEST_ALGORITHM_SHA512_256_SESS: {
      guint8 digest[32];

      _gst_sip_sha512_256 (data, len, digest);
      return hex_encode (digest, sizeof (digest));
    }
    case GST_SIP_DIGEST_ALGORITHM_UNKNOWN:
    default:
      return NULL;
  }

  checksum = g_checksum_new (type);
  if (len > 0)
    g_checksum_update (checksum, data, len);
  hex = g_strdup (g_checksum_get_string (checksum));
  g_checksum_free (checksum);
  return hex;
}

/* H(first ":" second ":" ...), the list ends with NULL */
static gchar *hash_joined (GstSipDigestAlgorithm algorithm, const gchar *first,
    ...) G_GNUC_NULL_TERMINATED;

static gchar *
hash_joined (GstSipDigestAlgorithm algorithm, const gchar *first, ...)
{
  GString *text = g_string_new (first);
  const gchar *part;
  gchar *hex;
  va_list args;

  va_start (args, first);
  while ((part = va_arg (args, const gchar *)) != NULL) {
    g_string_append_c (text, ':');
    g_string_append (text, part);
  }
  va_end (args);

  hex = _gst_sip_digest_hash (algorithm, (const guint8 *) text->str, text->len);
  /* the text may hold a password */
  memset (text->str, 0, text->len);
  g_string_free (text, TRUE);
  return hex;
}

gchar *
_gst_sip_digest_compute_ha1 (GstSipDigestAlgorithm algorithm,
    const gchar *username, const gchar *realm, const gchar *password)
{
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (realm != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  return hash_joined (algorithm, username, realm, password, NULL);
}

gchar *
_gst_sip_digest_compute_userhash (
    GstSipDigestAlgorithm algorithm, const gchar *username, const gchar *realm)
{
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (realm != NULL, NULL);

  return hash_joined (algorithm, username, realm, NULL);
}

/* a precomputed H(A1) in lower case, or NULL if it is not a digest of
 * @algorithm */
static gchar *
normalize_ha1 (GstSipDigestAlgorithm algorithm, const gchar *ha1)
{
  gsize len = strlen (ha1), i;

  if (len != _gst_sip_digest_algorithm_hex_length (algorithm))
    return NULL;
  for (i = 0; i < len; i++) {
    if (!g_ascii_isxdigit (ha1[i]))
      return NULL;
  }
  return g_ascii_strdown (ha1, len);
}

gchar *
_gst_sip_digest_compute_response (const GstSipDigestParams *params)
{
  GstSipDigestAlgorithm algorithm;
  gchar *ha1 = NULL, *ha2 = NULL, *response = NULL;
  gboolean auth_int = FALSE;
  gchar nc[9];

  g_return_val_if_fail (params != NULL, NULL);

  algorithm = params->algorithm;
  if (_gst_sip_digest_algorithm_hex_length (algorithm) == 0)
    goto missing;
  if (!params->nonce || !params->method || !params->uri)
    goto missing;
  if (params->qop) {
    if (strcmp (params->qop, "auth-int") == 0)
      auth_int = TRUE;
    else if (strcmp (params->qop, "auth") != 0)
      goto missing;
    if (!params->cnonce)
      goto missing;
  }
  if (_gst_sip_digest_algorithm_is_session (algorithm) && !params->cnonce)
    goto missing;

  /* A1 = unq(username) ":" unq(realm) ":" passwd */
  if (params->ha1) {
    ha1 = normalize_ha1 (algorithm, params->ha1);
  } else if (params->username && params->realm && params->password) {
    ha1 = _gst_sip_digest_compute_ha1 (
        algorithm, params->username, params->realm, params->password);
  }
  if (!ha1)
    goto missing;

  /* -sess: A1 = H(username:realm:passwd) ":" unq(nonce) ":" unq(cnonce) */
  if (_gst_sip_digest_algorithm_is_session (algorithm)) {
    gchar *inner = ha1;

    ha1 = hash_joined (algorithm, inner, params->nonce, params->cnonce, NULL);
    g_free (inner);
  }

  /* A2 = Method ":" request-uri [ ":" H(entity-body) ] */
  if (auth_int) {
    gchar *hbody = _gst_sip_digest_hash (algorithm,
        params->body_len > 0 ? params->body : (const guint8 *) "",
        params->body_len);

    ha2 = hash_joined (algorithm, params->method, params->uri, hbody, NULL);
    g_free (hbody);
  } else {
    ha2 = hash_joined (algorithm, params->method, params->uri, NULL);
  }

  if (params->qop) {
    g_snprintf (nc, sizeof (nc), "%08x", params->nc);
    response = hash_joined (algorithm, ha1, params->nonce, nc, params->cnonce,
        params->qop, ha2, NULL);
  } else {
    /* RFC 2069 */
    response = hash_joined (algorithm, ha1, params->nonce, ha2, NULL);
  }

  memset (ha1, 0, strlen (ha1));
  g_free (ha1);
  g_free (ha2);
  return response;

  /* ERRORS */
missing : {
  GST_DEBUG ("cannot compute a %s response: a parameter is missing or "
             "invalid",
      GST_STR_NULL (_gst_sip_digest_algorithm_to_string (algorithm)));
  return NULL;
}
}

gboolean
_gst_sip_digest_equal (const gchar *a, const gchar *b)
{
  gsize len, i;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;

  /* the length of a digest is no secret */
  len = strlen (a);
  if (strlen (b) != len)
    return FALSE;

  for (i = 0; i < len; i++)
    diff |= (guint8) a[i] ^ (guint8) b[i];
  return diff == 0;
}

void
_gst_sip_digest_random_bytes (guint8 *buf, gsize len)
{
  gsize got = 0;

  g_return_if_fail (buf != NULL || len == 0);

#ifdef G_OS_UNIX
  {
    gint flags = O_RDONLY;
    gint fd;

#ifdef O_CLOEXEC
    flags |= O_CLOEXEC;
#endif
    fd = g_open ("/dev/urandom", flags, 0);
    if (fd >= 0) {
      while (got < len) {
        gssize n = read (fd, buf + got, len - got);

        if (n < 0 && errno == EINTR)
          continue;
        if (n <= 0)
          break;
        got += n;
      }
      g_close (fd, NULL);
    }
  }
#endif

  /* GLib has no cryptographic random number generator; g_random is seeded
   * from /dev/urandom or the time, but its output is predictable once
   * enough of it has been seen */
  if (got < len) {
    GST_WARNING ("no /dev/urandom, using g_random for %" G_GSIZE_FORMAT
                 " random octets",
        len - got);
    for (; got < len; got++)
      buf[got] = (guint8) g_random_int_range (0, 256);
  }
}

gchar *
_gst_sip_digest_new_cnonce (void)
{
  guint8 bytes[16];

  _gst_sip_digest_random_bytes (bytes, sizeof (bytes));
  return hex_encode (bytes, sizeof (bytes));
}
