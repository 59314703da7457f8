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

#ifndef __GST_SIP_CODEC_PRIVATE_H__
#define __GST_SIP_CODEC_PRIVATE_H__

#include <gst/sdp/sdp.h>

#include "sip-codec.h"

G_BEGIN_DECLS

/* the payload type of a codec without a static one, until the offer gives
 * it a number of its own */
#define GST_SIP_CODEC_FIRST_DYNAMIC_PT 96
#define GST_SIP_CODEC_LAST_DYNAMIC_PT 127

/* the codec that @media declares for its format @format (from a=rtpmap, or
 * the RFC 3551 table for static payload types), with the a=fmtp of that
 * format; NULL when @format is not an RTP payload type or has no rtpmap */
G_GNUC_INTERNAL
GstSipCodec *_gst_sip_codec_new_from_sdp_media (
    const GstSDPMedia *media, const gchar *format);

/* adds @codec to @media: the format, a=rtpmap and a=fmtp */
G_GNUC_INTERNAL
void _gst_sip_codec_add_to_sdp_media (
    const GstSipCodec *codec, GstSDPMedia *media);

/* the RFC 3551 static payload type of @codec's format, or -1 */
G_GNUC_INTERNAL
gint _gst_sip_codec_get_static_payload_type (const GstSipCodec *codec);

/* whether @a and @b have the same encoding name (case-insensitive), clock
 * rate and channels */
G_GNUC_INTERNAL
gboolean _gst_sip_codec_same_format (
    const GstSipCodec *a, const GstSipCodec *b);

/* answerer side: whether our codec @local can take the offered @offered,
 * following the format's offer/answer rules; @answer_fmtp is set to the
 * fmtp to write in the answer (NULL for none) */
G_GNUC_INTERNAL
gboolean _gst_sip_codec_answer (
    const GstSipCodec *local, const GstSipCodec *offered, gchar **answer_fmtp);

/* offerer side: whether the answered @answered is a valid answer to the
 * codec @offered we offered */
G_GNUC_INTERNAL
gboolean _gst_sip_codec_accepts_answer (
    const GstSipCodec *offered, const GstSipCodec *answered);

/* the codec to send: @peer as the peer described it (its payload type and
 * its receive parameters); when we answered, the parameters that an answer
 * negotiates for both directions are taken from @ours */
G_GNUC_INTERNAL
GstSipCodec *_gst_sip_codec_for_sending (
    const GstSipCodec *peer, const GstSipCodec *ours, gboolean we_answered);

/* the codec to receive: @ours as we described it (our payload type), with
 * the parameters that describe the peer's stream (sprop-parameter-sets,
 * config) taken from @peer */
G_GNUC_INTERNAL
GstSipCodec *_gst_sip_codec_for_receiving (
    const GstSipCodec *ours, const GstSipCodec *peer);

/* gst_sip_codec_list_defaults() of @media, shared: the list and its codecs
 * belong to the library and must not be changed or freed; NULL for a media
 * type without defaults */
G_GNUC_INTERNAL
GList *_gst_sip_codec_get_shared_defaults (const gchar *media);

G_END_DECLS

#endif /* __GST_SIP_CODEC_PRIVATE_H__ */
