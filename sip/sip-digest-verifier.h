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

#ifndef __GST_SIP_DIGEST_VERIFIER_H__
#define __GST_SIP_DIGEST_VERIFIER_H__

#include <sip/sip-prelude.h>
#include <sip/sip-enums.h>
#include <sip/sip-message.h>
#include <sip/sip-server-transaction.h>

G_BEGIN_DECLS

#define GST_TYPE_SIP_DIGEST_VERIFIER (gst_sip_digest_verifier_get_type ())

GST_SIP_API
G_DECLARE_FINAL_TYPE (GstSipDigestVerifier, gst_sip_digest_verifier, GST,
    SIP_DIGEST_VERIFIER, GObject)

/**
 * GstSipDigestLookupFunc:
 * @verifier: the #GstSipDigestVerifier
 * @username: the user name of the credentials
 * @realm: the realm
 * @algorithm: the algorithm of the credentials, such as `MD5` or `SHA-256`
 * @password: (out) (optional) (transfer full): the password, or %NULL
 * @ha1: (out) (optional) (transfer full): instead of a password, H(A1) in
 *   hex for @algorithm
 * @user_data: the data given to gst_sip_digest_verifier_set_lookup_func()
 *
 * Looks a user up.  Set either @password or @ha1.
 *
 * Returns: %TRUE if the user exists
 *
 * Since: 0.1
 */
typedef gboolean (*GstSipDigestLookupFunc) (GstSipDigestVerifier *verifier,
    const gchar *username, const gchar *realm, const gchar *algorithm,
    gchar **password, gchar **ha1, gpointer user_data);

GST_SIP_API
GstSipDigestVerifier *gst_sip_digest_verifier_new (const gchar *realm);

GST_SIP_API
void gst_sip_digest_verifier_set_lookup_func (GstSipDigestVerifier *verifier,
    GstSipDigestLookupFunc func, gpointer user_data, GDestroyNotify notify);

GST_SIP_API
void gst_sip_digest_verifier_add_user (GstSipDigestVerifier *verifier,
    const gchar *username, const gchar *password);

GST_SIP_API
GstSipDigestResult gst_sip_digest_verifier_verify (
    GstSipDigestVerifier *verifier, GstSipMessage *request, gchar **username);

GST_SIP_API
void gst_sip_digest_verifier_add_challenge (
    GstSipDigestVerifier *verifier, GstSipMessage *response, gboolean stale);

GST_SIP_API
gboolean gst_sip_digest_verifier_challenge (GstSipDigestVerifier *verifier,
    GstSipServerTransaction *transaction, gboolean stale, GError **error);

G_END_DECLS

#endif /* __GST_SIP_DIGEST_VERIFIER_H__ */
