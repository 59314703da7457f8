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

#ifndef __GST_SIP_DIGEST_PRIVATE_H__
#define __GST_SIP_DIGEST_PRIVATE_H__

#include <glib.h>

G_BEGIN_DECLS

/*
 * HTTP Digest authentication as SIP uses it (RFC 2617, RFC 7616, RFC 8760):
 * pure functions shared by the client side (GstSipAuth) and the server-side
 * verifier (GstSipDigestVerifier).  Hex digests are lower case.
 */

typedef enum
{
  GST_SIP_DIGEST_ALGORITHM_UNKNOWN = 0,
  GST_SIP_DIGEST_ALGORITHM_MD5,
  GST_SIP_DIGEST_ALGORITHM_MD5_SESS,
  GST_SIP_DIGEST_ALGORITHM_SHA256,
  GST_SIP_DIGEST_ALGORITHM_SHA256_SESS,
  GST_SIP_DIGEST_ALGORITHM_SHA512_256,
  GST_SIP_DIGEST_ALGORITHM_SHA512_256_SESS,
} GstSipDigestAlgorithm;

/* "MD5", "md5", "SHA-256-sess", ...; NULL (no algorithm parameter) is MD5 */
G_GNUC_INTERNAL
GstSipDigestAlgorithm _gst_sip_digest_algorithm_from_string (const gchar *name);

/* the canonical spelling: "MD5", "MD5-sess", "SHA-256", "SHA-512-256" ... */
G_GNUC_INTERNAL
const gchar *_gst_sip_digest_algorithm_to_string (
    GstSipDigestAlgorithm algorithm);

/* higher is stronger; 0 for UNKNOWN */
G_GNUC_INTERNAL
guint _gst_sip_digest_algorithm_strength (GstSipDigestAlgorithm algorithm);

G_GNUC_INTERNAL
gboolean _gst_sip_digest_algorithm_is_session (GstSipDigestAlgorithm algorithm);

/* the number of hex digits of H() */
G_GNUC_INTERNAL
gsize _gst_sip_digest_algorithm_hex_length (GstSipDigestAlgorithm algorithm);

/* H(data) in hex */
G_GNUC_INTERNAL
gchar *_gst_sip_digest_hash (
    GstSipDigestAlgorithm algorithm, const guint8 *data, gsize len);

/* H(username ":" realm ":" password), the HA1 carriers hand out */
G_GNUC_INTERNAL
gchar *_gst_sip_digest_compute_ha1 (GstSipDigestAlgorithm algorithm,
    const gchar *username, const gchar *realm, const gchar *password);

/* RFC 7616 3.4.4: H(username ":" realm) */
G_GNUC_INTERNAL
gchar *_gst_sip_digest_compute_userhash (
    GstSipDigestAlgorithm algorithm, const gchar *username, const gchar *realm);

typedef struct
{
  GstSipDigestAlgorithm algorithm;
  /* HA1 = H(username:realm:password); either @password or @ha1 */
  const gchar *username;
  const gchar *realm;
  const gchar *password;
  const gchar *ha1; /* hex, for the non-session algorithm */
  const gchar *nonce;
  const gchar *cnonce; /* needed with qop and -sess */
  const gchar *qop; /* NULL (RFC 2069), "auth" or "auth-int" */
  guint32 nc;
  const gchar *method;
  const gchar *uri; /* the digest-uri, the Request-URI as sent */
  const guint8 *body; /* for auth-int */
  gsize body_len;
} GstSipDigestParams;

/* the request-digest (the "response" parameter) in hex; NULL when a
 * parameter the algorithm needs is missing */
G_GNUC_INTERNAL
gchar *_gst_sip_digest_compute_response (const GstSipDigestParams *params);

/* compares two hex digests in constant time */
G_GNUC_INTERNAL
gboolean _gst_sip_digest_equal (const gchar *a, const gchar *b);

/* a fresh client nonce: 128 random bits in hex */
G_GNUC_INTERNAL
gchar *_gst_sip_digest_new_cnonce (void);

/* fills @buf with random octets: /dev/urandom where there is one, else
 * (or if it fails) g_random, which is not cryptographically strong */
G_GNUC_INTERNAL
void _gst_sip_digest_random_bytes (guint8 *buf, gsize len);

/* SHA-512/256 (FIPS 180-4), which GChecksum does not provide */
G_GNUC_INTERNAL
void _gst_sip_sha512_256 (const guint8 *data, gsize len, guint8 digest[32]);

G_END_DECLS

#endif /* __GST_SIP_DIGEST_PRIVATE_H__ */
