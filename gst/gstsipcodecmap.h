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

#ifndef __GST_SIP_CODEC_MAP_H__
#define __GST_SIP_CODEC_MAP_H__

#include <gst/gst.h>
#include <sip/sip.h>

G_BEGIN_DECLS

/* The GStreamer side of each payload format the library negotiates: which
 * elements encode and payload it, which depayload, parse and decode it.
 * Nothing here touches a pipeline; the functions build small bins that
 * gstsipmedia.c links. */

/* What a stream of this format is used for, to know which elements it
 * needs. */
typedef enum
{
  GST_SIP_CODEC_USE_RECEIVE = 1 << 0, /* depayloader (and parser) */
  GST_SIP_CODEC_USE_DECODE = 1 << 1, /* decoder */
  GST_SIP_CODEC_USE_SEND = 1 << 2, /* payloader (and parser) */
  GST_SIP_CODEC_USE_ENCODE = 1 << 3, /* encoder, converters, scaler */
} GstSipCodecUse;

G_GNUC_INTERNAL
gboolean gst_sip_codec_map_knows (const GstSipCodec *codec);

G_GNUC_INTERNAL
gboolean gst_sip_codec_map_check (
    const GstSipCodec *codec, GstSipCodecUse use, const gchar **missing);

G_GNUC_INTERNAL
gboolean gst_sip_codec_map_caps_are_raw (const GstCaps *caps);

G_GNUC_INTERNAL
gboolean gst_sip_codec_map_caps_match (
    const GstSipCodec *codec, const GstCaps *caps);

G_GNUC_INTERNAL
GstElement *gst_sip_codec_map_make_sender (const GstSipCodec *codec,
    gboolean encode, guint ptime, guint max_bitrate, GError **error);

G_GNUC_INTERNAL
GstElement *gst_sip_codec_map_make_receiver (
    const GstSipCodec *codec, gboolean decode, GError **error);

G_GNUC_INTERNAL
const gchar *gst_sip_codec_map_get_encoder (const GstSipCodec *codec);

G_GNUC_INTERNAL
void gst_sip_codec_map_request_key_unit (GstElement *sender);

G_GNUC_INTERNAL
void gst_sip_codec_map_describe_stream (
    GstSipCodec *codec, const GstCaps *caps);

G_END_DECLS

#endif /* __GST_SIP_CODEC_MAP_H__ */
