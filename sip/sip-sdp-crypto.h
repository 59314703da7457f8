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

#ifndef __GST_SIP_SDP_CRYPTO_H__
#define __GST_SIP_SDP_CRYPTO_H__

#include <glib.h>
#include <sip/sip-prelude.h>
#include <sip/sip-enums.h>
#include <sip/sip-sdp-negotiator.h>

G_BEGIN_DECLS

GST_SIP_API
const gchar *gst_sip_srtp_suite_to_string (GstSipSrtpSuite suite);

GST_SIP_API
GstSipSrtpSuite gst_sip_srtp_suite_from_string (const gchar *name);

GST_SIP_API
gsize gst_sip_srtp_suite_get_key_length (GstSipSrtpSuite suite);

GST_SIP_API
GstSipSrtpSuite gst_sip_sdp_stream_get_srtp_suite (
    const GstSipSdpStream *stream);

GST_SIP_API
GBytes *gst_sip_sdp_stream_get_srtp_send_key (const GstSipSdpStream *stream);

GST_SIP_API
GBytes *gst_sip_sdp_stream_get_srtp_receive_key (const GstSipSdpStream *stream);

G_END_DECLS

#endif /* __GST_SIP_SDP_CRYPTO_H__ */
