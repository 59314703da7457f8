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

#ifndef __GST_SIP_SDP_NEGOTIATOR_PRIVATE_H__
#define __GST_SIP_SDP_NEGOTIATOR_PRIVATE_H__

#include "sip-sdp-negotiator.h"

G_BEGIN_DECLS

/* whether an exchange completed, without parsing the remote description
 * that gst_sip_sdp_negotiator_get_remote_description() would keep */
G_GNUC_INTERNAL
gboolean _gst_sip_sdp_negotiator_has_remote_description (
    GstSipSdpNegotiator *negotiator);

/* a copy of gst_sip_sdp_negotiator_get_local_description(), or NULL;
 * unlike it, keeps no parsed description in @negotiator */
G_GNUC_INTERNAL
GstSDPMessage *_gst_sip_sdp_negotiator_copy_local_description (
    GstSipSdpNegotiator *negotiator);

G_END_DECLS

#endif /* __GST_SIP_SDP_NEGOTIATOR_PRIVATE_H__ */
