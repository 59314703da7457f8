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

#ifndef __GST_SIP_SDP_CRYPTO_PRIVATE_H__
#define __GST_SIP_SDP_CRYPTO_PRIVATE_H__

#include <gst/sdp/sdp.h>

#include "sip-sdp-crypto.h"

G_BEGIN_DECLS

/* the SRTP parameters of a negotiated stream */
typedef struct _GstSipSdpCrypto GstSipSdpCrypto;

G_GNUC_INTERNAL
GstSipSdpCrypto *_gst_sip_sdp_crypto_copy (const GstSipSdpCrypto *crypto);

G_GNUC_INTERNAL
void _gst_sip_sdp_crypto_free (GstSipSdpCrypto *crypto);

/* defined in sip-sdp-negotiator.c */
G_GNUC_INTERNAL
const GstSipSdpCrypto *_gst_sip_sdp_stream_get_crypto (
    const GstSipSdpStream *stream);

/* whether @media is RTP/SAVP */
G_GNUC_INTERNAL
gboolean _gst_sip_sdp_crypto_is_savp (const GstSDPMedia *media);

/* adds the transport and a=crypto lines (with new keys) of an offered
 * m-line @m for @mode */
G_GNUC_INTERNAL
void _gst_sip_sdp_crypto_offer (GstSipSrtpMode mode, GstSDPMedia *m);

/* completes our answer @m to the offered m-line @offered: transport and
 * a=crypto with a new key; FALSE when the m-line must be rejected */
G_GNUC_INTERNAL
gboolean _gst_sip_sdp_crypto_answer (
    GstSipSrtpMode mode, const GstSDPMedia *offered, GstSDPMedia *m);

/* whether @answer answers the a=crypto of our @offer as @mode requires;
 * %GST_SIP_ERROR_NOT_ACCEPTABLE otherwise */
G_GNUC_INTERNAL
gboolean _gst_sip_sdp_crypto_check_answer (GstSipSrtpMode mode,
    const GstSDPMessage *offer, const GstSDPMessage *answer, GError **error);

/* the SRTP parameters of an accepted m-line, from our m-line @ours and the
 * peer's @theirs; NULL for plain RTP */
G_GNUC_INTERNAL
GstSipSdpCrypto *_gst_sip_sdp_crypto_for_stream (
    const GstSDPMedia *ours, const GstSDPMedia *theirs, gboolean we_offered);

/* overwrites the keys of the `inline:` key parameters in @text with `*` */
G_GNUC_INTERNAL
void _gst_sip_sdp_crypto_mask_keys (gchar *text, gsize len);

G_END_DECLS

#endif /* __GST_SIP_SDP_CRYPTO_PRIVATE_H__ */
