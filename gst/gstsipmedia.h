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

#ifndef __GST_SIP_MEDIA_H__
#define __GST_SIP_MEDIA_H__

#include <gst/gst.h>
#include <sip/sip.h>

G_BEGIN_DECLS

/* One media stream of a call (one m-line): its pre-bound RTP/RTCP socket
 * pair, the udpsrc and udpsink elements sharing each socket, the rtpbin
 * session, the input valve, the sender (encoder and payloader), the
 * receiver (depayloader, parser, decoder) and telephone-events.  Owned by
 * sipcallbin, which adds its elements to itself. */

#define GST_TYPE_SIP_MEDIA (gst_sip_media_get_type ())
G_DECLARE_FINAL_TYPE (GstSipMedia, gst_sip_media, GST, SIP_MEDIA, GstObject)

/**
 * GstSipMediaDtmfFunc:
 * @media: the #GstSipMedia
 * @digit: the digit received, as text
 * @duration: its duration in milliseconds
 * @user_data: the data given to gst_sip_media_new()
 *
 * Called from a streaming thread for each telephone-event received.
 */
typedef void (*GstSipMediaDtmfFunc) (
    GstSipMedia *media, const gchar *digit, guint duration, gpointer user_data);

G_GNUC_INTERNAL
GstSipMedia *gst_sip_media_new (GstBin *bin, GstElement *rtpbin,
    const gchar *media, guint session, GstSipMediaDtmfFunc dtmf_func,
    gpointer user_data);

G_GNUC_INTERNAL
const gchar *gst_sip_media_get_media (GstSipMedia *media);

G_GNUC_INTERNAL
guint gst_sip_media_get_session (GstSipMedia *media);

G_GNUC_INTERNAL
gboolean gst_sip_media_bind (GstSipMedia *media, const gchar *address,
    guint port_min, guint port_max, GError **error);

G_GNUC_INTERNAL
guint gst_sip_media_get_port (GstSipMedia *media);

G_GNUC_INTERNAL
void gst_sip_media_unbind (GstSipMedia *media);

G_GNUC_INTERNAL
GstPad *gst_sip_media_get_input (GstSipMedia *media);

G_GNUC_INTERNAL
void gst_sip_media_set_input_raw (GstSipMedia *media, gboolean raw);

G_GNUC_INTERNAL
gboolean gst_sip_media_has_input (GstSipMedia *media);

G_GNUC_INTERNAL
gboolean gst_sip_media_configure (GstSipMedia *media,
    const GstSipSdpStream *stream, gboolean decode, GError **error);

G_GNUC_INTERNAL
gboolean gst_sip_media_is_configured (GstSipMedia *media);

G_GNUC_INTERNAL
GstElement *gst_sip_media_request_srtp_encoder (
    GstSipMedia *media, gboolean rtcp);

G_GNUC_INTERNAL
GstElement *gst_sip_media_request_srtp_decoder (GstSipMedia *media);

G_GNUC_INTERNAL
gboolean gst_sip_media_receives (GstSipMedia *media);

G_GNUC_INTERNAL
GstCaps *gst_sip_media_get_caps_for_pt (GstSipMedia *media, guint pt);

G_GNUC_INTERNAL
void gst_sip_media_set_remote_feedback (
    GstSipMedia *media, const GstSDPMedia *remote);

G_GNUC_INTERNAL
GstPad *gst_sip_media_link_rtp_pad (
    GstSipMedia *media, GstPad *rtp_pad, guint pt, GError **error);

G_GNUC_INTERNAL
void gst_sip_media_unlink_rtp_pad (GstSipMedia *media, GstPad *rtp_pad);

G_GNUC_INTERNAL
gboolean gst_sip_media_start_dtmf (GstSipMedia *media, gint event);

G_GNUC_INTERNAL
void gst_sip_media_stop_dtmf (GstSipMedia *media);

G_GNUC_INTERNAL
gboolean gst_sip_media_can_send_dtmf (GstSipMedia *media);

G_GNUC_INTERNAL
gint64 gst_sip_media_get_last_activity (GstSipMedia *media);

G_GNUC_INTERNAL
GstStructure *gst_sip_media_get_stats (GstSipMedia *media);

G_GNUC_INTERNAL
const GstSipCodec *gst_sip_media_get_send_codec (GstSipMedia *media);

G_GNUC_INTERNAL
const GstSipCodec *gst_sip_media_get_receive_codec (GstSipMedia *media);

G_GNUC_INTERNAL
void gst_sip_media_stop (GstSipMedia *media, gboolean playing);

G_END_DECLS

#endif /* __GST_SIP_MEDIA_H__ */
