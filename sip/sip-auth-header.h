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

#ifndef __GST_SIP_AUTH_HEADER_H__
#define __GST_SIP_AUTH_HEADER_H__

#include <sip/sip-prelude.h>

G_BEGIN_DECLS

/**
 * GstSipAuthHeader:
 *
 * The value of a WWW-Authenticate or Proxy-Authenticate header (a
 * challenge) or of an Authorization or Proxy-Authorization header
 * (credentials): an authentication scheme such as `Digest` followed by
 * comma-separated auth-params, or by a token68.
 *
 * Since: 0.1
 */
typedef struct _GstSipAuthHeader GstSipAuthHeader;

#define GST_TYPE_SIP_AUTH_HEADER (gst_sip_auth_header_get_type ())

GST_SIP_API
GType gst_sip_auth_header_get_type (void);

GST_SIP_API
GstSipAuthHeader *gst_sip_auth_header_new (const gchar *scheme);

GST_SIP_API
GstSipAuthHeader *gst_sip_auth_header_new_from_string (
    const gchar *text, GError **error);

GST_SIP_API
GstSipAuthHeader *gst_sip_auth_header_copy (const GstSipAuthHeader *header);

GST_SIP_API
void gst_sip_auth_header_free (GstSipAuthHeader *header);

GST_SIP_API
gchar *gst_sip_auth_header_to_string (const GstSipAuthHeader *header);

GST_SIP_API
const gchar *gst_sip_auth_header_get_scheme (const GstSipAuthHeader *header);

GST_SIP_API
const gchar *gst_sip_auth_header_get_token68 (const GstSipAuthHeader *header);

GST_SIP_API
gboolean gst_sip_auth_header_has_param (
    const GstSipAuthHeader *header, const gchar *name);

GST_SIP_API
const gchar *gst_sip_auth_header_get_param (
    const GstSipAuthHeader *header, const gchar *name);

GST_SIP_API
void gst_sip_auth_header_set_param (GstSipAuthHeader *header, const gchar *name,
    const gchar *value, gboolean quoted);

GST_SIP_API
gboolean gst_sip_auth_header_remove_param (
    GstSipAuthHeader *header, const gchar *name);

GST_SIP_API
gchar **gst_sip_auth_header_get_param_names (const GstSipAuthHeader *header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipAuthHeader, gst_sip_auth_header_free)

G_END_DECLS

#endif /* __GST_SIP_AUTH_HEADER_H__ */
