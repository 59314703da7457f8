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

#ifndef __GST_SIP_VIA_H__
#define __GST_SIP_VIA_H__

#include <sip/sip-prelude.h>

G_BEGIN_DECLS

/**
 * GstSipVia:
 *
 * One element of a Via header (a via-parm of RFC 3261 section 20.42): the
 * sent protocol, the sent-by host and port, and the parameters, with typed
 * access to `branch`, `received`, `rport` (RFC 3581), `maddr` and `ttl`.
 *
 * Since: 0.1
 */
typedef struct _GstSipVia GstSipVia;

#define GST_TYPE_SIP_VIA (gst_sip_via_get_type ())

GST_SIP_API
GType gst_sip_via_get_type (void);

GST_SIP_API
GstSipVia *gst_sip_via_new (
    const gchar *transport, const gchar *host, guint port);

GST_SIP_API
GstSipVia *gst_sip_via_new_from_string (const gchar *text, GError **error);

GST_SIP_API
GstSipVia *gst_sip_via_copy (const GstSipVia *via);

GST_SIP_API
void gst_sip_via_free (GstSipVia *via);

GST_SIP_API
gchar *gst_sip_via_to_string (const GstSipVia *via);

GST_SIP_API
const gchar *gst_sip_via_get_protocol (const GstSipVia *via);

GST_SIP_API
const gchar *gst_sip_via_get_transport (const GstSipVia *via);

GST_SIP_API
const gchar *gst_sip_via_get_host (const GstSipVia *via);

GST_SIP_API
guint gst_sip_via_get_port (const GstSipVia *via);

GST_SIP_API
const gchar *gst_sip_via_get_branch (const GstSipVia *via);

GST_SIP_API
void gst_sip_via_set_branch (GstSipVia *via, const gchar *branch);

GST_SIP_API
const gchar *gst_sip_via_get_received (const GstSipVia *via);

GST_SIP_API
void gst_sip_via_set_received (GstSipVia *via, const gchar *received);

GST_SIP_API
gint gst_sip_via_get_rport (const GstSipVia *via);

GST_SIP_API
void gst_sip_via_set_rport (GstSipVia *via, gint rport);

GST_SIP_API
const gchar *gst_sip_via_get_maddr (const GstSipVia *via);

GST_SIP_API
gint gst_sip_via_get_ttl (const GstSipVia *via);

GST_SIP_API
gboolean gst_sip_via_has_param (const GstSipVia *via, const gchar *name);

GST_SIP_API
const gchar *gst_sip_via_get_param (const GstSipVia *via, const gchar *name);

GST_SIP_API
void gst_sip_via_set_param (
    GstSipVia *via, const gchar *name, const gchar *value);

GST_SIP_API
gboolean gst_sip_via_remove_param (GstSipVia *via, const gchar *name);

GST_SIP_API
gchar **gst_sip_via_get_param_names (const GstSipVia *via);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipVia, gst_sip_via_free)

G_END_DECLS

#endif /* __GST_SIP_VIA_H__ */
