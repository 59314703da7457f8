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

#ifndef __GST_SIP_DIGEST_VERIFIER_PRIVATE_H__
#define __GST_SIP_DIGEST_VERIFIER_PRIVATE_H__

#include "sip-digest-verifier.h"

G_BEGIN_DECLS

/* the time in seconds on some monotonic clock */
typedef gint64 (*GstSipDigestClockFunc) (gpointer user_data);

/* replaces the clock that dates nonces (by default g_get_monotonic_time()
 * in seconds from a random origin), for tests of nonce expiry; %NULL
 * restores the default */
G_GNUC_INTERNAL
void _gst_sip_digest_verifier_set_clock (GstSipDigestVerifier *verifier,
    GstSipDigestClockFunc func, gpointer user_data);

/* the number of nonces whose highest nonce-count is remembered */
G_GNUC_INTERNAL
guint _gst_sip_digest_verifier_get_n_nonces (GstSipDigestVerifier *verifier);

G_END_DECLS

#endif /* __GST_SIP_DIGEST_VERIFIER_PRIVATE_H__ */
