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

#ifndef __GST_SIP_AUTH_H__
#define __GST_SIP_AUTH_H__

#include <sip/sip-prelude.h>

G_BEGIN_DECLS

#define GST_TYPE_SIP_AUTH (gst_sip_auth_get_type ())

GST_SIP_API
G_DECLARE_FINAL_TYPE (GstSipAuth, gst_sip_auth, GST, SIP_AUTH, GObject)

GST_SIP_API
const gchar *gst_sip_auth_get_scheme (GstSipAuth *auth);

GST_SIP_API
const gchar *gst_sip_auth_get_realm (GstSipAuth *auth);

GST_SIP_API
const gchar *gst_sip_auth_get_algorithm (GstSipAuth *auth);

GST_SIP_API
gboolean gst_sip_auth_is_for_proxy (GstSipAuth *auth);

GST_SIP_API
gboolean gst_sip_auth_is_authenticated (GstSipAuth *auth);

GST_SIP_API
void gst_sip_auth_authenticate (
    GstSipAuth *auth, const gchar *username, const gchar *password);

GST_SIP_API
void gst_sip_auth_authenticate_ha1 (
    GstSipAuth *auth, const gchar *username, const gchar *ha1);

GST_SIP_API
void gst_sip_auth_cancel (GstSipAuth *auth);

G_END_DECLS

#endif /* __GST_SIP_AUTH_H__ */
