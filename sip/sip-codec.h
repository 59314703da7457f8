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

#ifndef __GST_SIP_CODEC_H__
#define __GST_SIP_CODEC_H__

#include <gst/gst.h>
#include <sip/sip-prelude.h>

G_BEGIN_DECLS

/**
 * GstSipCodec:
 *
 * One RTP payload format as an SDP offer or answer lists it: media type,
 * encoding name, clock rate, channels, payload type and format parameters
 * (`a=fmtp`), with the GStreamer RTP caps that describe it.
 *
 * Since: 0.1
 */
typedef struct _GstSipCodec GstSipCodec;

#define GST_TYPE_SIP_CODEC (gst_sip_codec_get_type ())

GST_SIP_API
GType gst_sip_codec_get_type (void);

GST_SIP_API
GstSipCodec *gst_sip_codec_new (const gchar *media, const gchar *encoding_name,
    guint clock_rate, guint channels);

GST_SIP_API
GstSipCodec *gst_sip_codec_copy (const GstSipCodec *codec);

GST_SIP_API
void gst_sip_codec_free (GstSipCodec *codec);

GST_SIP_API
const gchar *gst_sip_codec_get_media (const GstSipCodec *codec);

GST_SIP_API
const gchar *gst_sip_codec_get_encoding_name (const GstSipCodec *codec);

GST_SIP_API
guint gst_sip_codec_get_clock_rate (const GstSipCodec *codec);

GST_SIP_API
guint gst_sip_codec_get_channels (const GstSipCodec *codec);

GST_SIP_API
guint gst_sip_codec_get_payload_type (const GstSipCodec *codec);

GST_SIP_API
void gst_sip_codec_set_payload_type (GstSipCodec *codec, guint pt);

GST_SIP_API
const gchar *gst_sip_codec_get_fmtp (const GstSipCodec *codec);

GST_SIP_API
void gst_sip_codec_set_fmtp (GstSipCodec *codec, const gchar *fmtp);

GST_SIP_API
const gchar *gst_sip_codec_get_fmtp_param (
    const GstSipCodec *codec, const gchar *name);

GST_SIP_API
gboolean gst_sip_codec_is_telephone_event (const GstSipCodec *codec);

GST_SIP_API
GstCaps *gst_sip_codec_to_caps (const GstSipCodec *codec);

GST_SIP_API
GstSipCodec *gst_sip_codec_new_from_caps (const GstCaps *caps);

GST_SIP_API
GList *gst_sip_codec_list_defaults (const gchar *media);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipCodec, gst_sip_codec_free)

G_END_DECLS

#endif /* __GST_SIP_CODEC_H__ */
