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

#ifndef __GST_SIP_SDP_NEGOTIATOR_H__
#define __GST_SIP_SDP_NEGOTIATOR_H__

#include <gio/gio.h>
#include <gst/sdp/sdp.h>
#include <sip/sip-prelude.h>
#include <sip/sip-enums.h>
#include <sip/sip-codec.h>

G_BEGIN_DECLS

/**
 * GstSipSdpStream:
 *
 * What was negotiated for one m-line: the media, whether it is in use, the
 * direction seen from this endpoint, the local port, the remote RTP and
 * RTCP addresses, the codec to send (with the payload type the peer
 * expects), the codecs to receive (with our payload types), and the
 * telephone-event payload type.
 *
 * Since: 0.1
 */
typedef struct _GstSipSdpStream GstSipSdpStream;

#define GST_TYPE_SIP_SDP_STREAM (gst_sip_sdp_stream_get_type ())

GST_SIP_API
GType gst_sip_sdp_stream_get_type (void);

GST_SIP_API
GstSipSdpStream *gst_sip_sdp_stream_copy (const GstSipSdpStream *stream);

GST_SIP_API
void gst_sip_sdp_stream_free (GstSipSdpStream *stream);

GST_SIP_API
guint gst_sip_sdp_stream_get_index (const GstSipSdpStream *stream);

GST_SIP_API
const gchar *gst_sip_sdp_stream_get_media (const GstSipSdpStream *stream);

GST_SIP_API
gboolean gst_sip_sdp_stream_is_enabled (const GstSipSdpStream *stream);

GST_SIP_API
GstSipMediaDirection gst_sip_sdp_stream_get_direction (
    const GstSipSdpStream *stream);

GST_SIP_API
guint gst_sip_sdp_stream_get_local_port (const GstSipSdpStream *stream);

GST_SIP_API
GInetSocketAddress *gst_sip_sdp_stream_get_remote_rtp_address (
    const GstSipSdpStream *stream);

GST_SIP_API
GInetSocketAddress *gst_sip_sdp_stream_get_remote_rtcp_address (
    const GstSipSdpStream *stream);

GST_SIP_API
const GstSipCodec *gst_sip_sdp_stream_get_send_codec (
    const GstSipSdpStream *stream);

GST_SIP_API
GList *gst_sip_sdp_stream_get_receive_codecs (const GstSipSdpStream *stream);

GST_SIP_API
gint gst_sip_sdp_stream_get_telephone_event_pt (const GstSipSdpStream *stream);

GST_SIP_API
guint gst_sip_sdp_stream_get_ptime (const GstSipSdpStream *stream);

GST_SIP_API
guint gst_sip_sdp_stream_get_max_bitrate (const GstSipSdpStream *stream);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipSdpStream, gst_sip_sdp_stream_free)

#define GST_TYPE_SIP_SDP_NEGOTIATOR (gst_sip_sdp_negotiator_get_type ())

GST_SIP_API
G_DECLARE_FINAL_TYPE (GstSipSdpNegotiator, gst_sip_sdp_negotiator, GST,
    SIP_SDP_NEGOTIATOR, GObject)

GST_SIP_API
GstSipSdpNegotiator *gst_sip_sdp_negotiator_new (const gchar *local_address);

GST_SIP_API
guint gst_sip_sdp_negotiator_add_media (GstSipSdpNegotiator *negotiator,
    const gchar *media, guint port, GList *codecs);

GST_SIP_API
void gst_sip_sdp_negotiator_set_media_port (
    GstSipSdpNegotiator *negotiator, guint index, guint port);

GST_SIP_API
void gst_sip_sdp_negotiator_set_media_codecs (
    GstSipSdpNegotiator *negotiator, guint index, GList *codecs);

GST_SIP_API
void gst_sip_sdp_negotiator_set_ptime (
    GstSipSdpNegotiator *negotiator, guint index, guint ptime);

GST_SIP_API
void gst_sip_sdp_negotiator_set_direction (
    GstSipSdpNegotiator *negotiator, GstSipMediaDirection direction);

GST_SIP_API
GstSipMediaDirection gst_sip_sdp_negotiator_get_direction (
    GstSipSdpNegotiator *negotiator);

GST_SIP_API
GstSDPMessage *gst_sip_sdp_negotiator_create_offer (
    GstSipSdpNegotiator *negotiator, GError **error);

GST_SIP_API
GstSDPMessage *gst_sip_sdp_negotiator_create_answer (
    GstSipSdpNegotiator *negotiator, const GstSDPMessage *offer,
    GError **error);

GST_SIP_API
gboolean gst_sip_sdp_negotiator_set_answer (GstSipSdpNegotiator *negotiator,
    const GstSDPMessage *answer, GError **error);

GST_SIP_API
void gst_sip_sdp_negotiator_cancel_offer (GstSipSdpNegotiator *negotiator);

GST_SIP_API
void gst_sip_sdp_negotiator_renew_keys (GstSipSdpNegotiator *negotiator);

GST_SIP_API
gboolean gst_sip_sdp_media_has_rtcp_fb (
    const GstSDPMedia *media, const gchar *type);

GST_SIP_API
gboolean gst_sip_sdp_negotiator_has_pending_offer (
    GstSipSdpNegotiator *negotiator);

GST_SIP_API
const GstSDPMessage *gst_sip_sdp_negotiator_get_local_description (
    GstSipSdpNegotiator *negotiator);

GST_SIP_API
const GstSDPMessage *gst_sip_sdp_negotiator_get_remote_description (
    GstSipSdpNegotiator *negotiator);

GST_SIP_API
GList *gst_sip_sdp_negotiator_get_streams (GstSipSdpNegotiator *negotiator);

G_END_DECLS

#endif /* __GST_SIP_SDP_NEGOTIATOR_H__ */
