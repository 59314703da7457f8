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

#ifndef __GST_SIP_VIA_PRIVATE_H__
#define __GST_SIP_VIA_PRIVATE_H__

#include "sip-via.h"
#include "sip-scan-private.h"

G_BEGIN_DECLS

/* the RFC 3261 branch magic cookie */
#define GST_SIP_BRANCH_MAGIC "z9hG4bK"

typedef struct
{
  GstSipSlice protocol; /* "SIP/2.0" (may contain LWS) */
  GstSipSlice transport;
  GstSipSlice host; /* without the brackets of IPv6 */
  guint port; /* 0 when absent */
  GstSipSlice params; /* ";a=b;c" */
  GstSipSlice branch;
  GstSipSlice received;
  GstSipSlice maddr;
  gint rport; /* -1 absent, 0 without value */
  gint ttl; /* -1 absent */
} GstSipViaView;

/* parses one via-parm and stops before a ',' or at the end */
G_GNUC_INTERNAL
gboolean _gst_sip_via_parse_view (
    GstSipScanner *sc, GstSipViaView *view, GError **error);

G_GNUC_INTERNAL
GstSipVia *_gst_sip_via_new_from_view (const GstSipViaView *view);

G_GNUC_INTERNAL
void _gst_sip_via_append (const GstSipVia *via, GString *out);

G_END_DECLS

#endif /* __GST_SIP_VIA_PRIVATE_H__ */
