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

/* adds the transport (RTP/SAVP with @savp) and a=crypto lines of an
 * offered m-line @m for @mode: @keep, our current a=crypto value, or else
 * one line per suite with new keys */
G_GNUC_INTERNAL
void _gst_sip_sdp_crypto_offer (
    GstSipSrtpMode mode, gboolean savp, const gchar *keep, GstSDPMedia *m);

/* completes our answer @m to the offered m-line @offered: transport and
 * a=crypto, with the key of @keep (our current a=crypto value) when the
 * offer keeps its suite, or else a new key; FALSE when the m-line must be
 * rejected */
G_GNUC_INTERNAL
gboolean _gst_sip_sdp_crypto_answer (GstSipSrtpMode mode, const gchar *keep,
    const GstSDPMedia *offered, GstSDPMedia *m);

/* whether the answered m-line @theirs answers the a=crypto of our offered
 * m-line @ours (m-line @index) as @mode requires;
 * %GST_SIP_ERROR_NOT_ACCEPTABLE otherwise */
G_GNUC_INTERNAL
gboolean _gst_sip_sdp_crypto_check_answer (GstSipSrtpMode mode,
    const GstSDPMedia *ours, const GstSDPMedia *theirs, guint index,
    GError **error);

/* the SRTP parameters of an accepted m-line, from our m-line @ours and the
 * peer's @theirs; NULL for plain RTP */
G_GNUC_INTERNAL
GstSipSdpCrypto *_gst_sip_sdp_crypto_for_stream (
    const GstSDPMedia *ours, const GstSDPMedia *theirs, gboolean we_offered);

/* our a=crypto value (in @ours) of the SRTP an accepted m-line runs, or
 * NULL for plain RTP or a rejected m-line */
G_GNUC_INTERNAL
const gchar *_gst_sip_sdp_crypto_current (
    const GstSDPMedia *ours, const GstSDPMedia *theirs, gboolean we_offered);

/* overwrites @len bytes of @data with zeros, in a way the compiler keeps */
G_GNUC_INTERNAL
void _gst_sip_sdp_crypto_wipe (gpointer data, gsize len);

/* g_free() of a string that may hold keys, wiped first */
G_GNUC_INTERNAL
void _gst_sip_sdp_crypto_free_text (gchar *text);

/* gst_sdp_message_free() of a description that may hold keys: its a=crypto
 * values are wiped first */
G_GNUC_INTERNAL
void _gst_sip_sdp_crypto_free_message (GstSDPMessage *msg);

/* overwrites the keys of the `inline:` key parameters in @text with `*` */
G_GNUC_INTERNAL
void _gst_sip_sdp_crypto_mask_keys (gchar *text, gsize len);

G_END_DECLS

#endif /* __GST_SIP_SDP_CRYPTO_PRIVATE_H__ */
