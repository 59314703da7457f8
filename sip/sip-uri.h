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

#ifndef __GST_SIP_URI_H__
#define __GST_SIP_URI_H__

#include <sip/sip-prelude.h>

G_BEGIN_DECLS

/**
 * GstSipUri:
 *
 * A SIP or SIPS URI (RFC 3261 section 19.1), a `tel:` URI (RFC 3966), or an
 * absolute URI of any other scheme, kept as its scheme and opaque text.
 *
 * Components are stored decoded: `%HH` escapes are resolved on parsing and
 * written again where the grammar needs them by gst_sip_uri_to_string().
 *
 * Since: 0.1
 */
typedef struct _GstSipUri GstSipUri;

#define GST_TYPE_SIP_URI (gst_sip_uri_get_type ())

GST_SIP_API
GType gst_sip_uri_get_type (void);

GST_SIP_API
GstSipUri *gst_sip_uri_new (const gchar *text, GError **error);

GST_SIP_API
GstSipUri *gst_sip_uri_new_sip (
    gboolean secure, const gchar *user, const gchar *host, guint port);

GST_SIP_API
GstSipUri *gst_sip_uri_copy (const GstSipUri *uri);

GST_SIP_API
void gst_sip_uri_free (GstSipUri *uri);

GST_SIP_API
gchar *gst_sip_uri_to_string (const GstSipUri *uri);

GST_SIP_API
gboolean gst_sip_uri_equal (const GstSipUri *uri1, const GstSipUri *uri2);

GST_SIP_API
const gchar *gst_sip_uri_get_scheme (const GstSipUri *uri);

GST_SIP_API
gboolean gst_sip_uri_is_sip (const GstSipUri *uri);

GST_SIP_API
gboolean gst_sip_uri_is_secure (const GstSipUri *uri);

GST_SIP_API
gboolean gst_sip_uri_is_tel (const GstSipUri *uri);

GST_SIP_API
void gst_sip_uri_set_secure (GstSipUri *uri, gboolean secure);

GST_SIP_API
const gchar *gst_sip_uri_get_user (const GstSipUri *uri);

GST_SIP_API
void gst_sip_uri_set_user (GstSipUri *uri, const gchar *user);

GST_SIP_API
const gchar *gst_sip_uri_get_password (const GstSipUri *uri);

GST_SIP_API
void gst_sip_uri_set_password (GstSipUri *uri, const gchar *password);

GST_SIP_API
const gchar *gst_sip_uri_get_host (const GstSipUri *uri);

GST_SIP_API
gboolean gst_sip_uri_set_host (GstSipUri *uri, const gchar *host);

GST_SIP_API
guint gst_sip_uri_get_port (const GstSipUri *uri);

GST_SIP_API
void gst_sip_uri_set_port (GstSipUri *uri, guint port);

GST_SIP_API
const gchar *gst_sip_uri_get_opaque (const GstSipUri *uri);

GST_SIP_API
gboolean gst_sip_uri_has_param (const GstSipUri *uri, const gchar *name);

GST_SIP_API
const gchar *gst_sip_uri_get_param (const GstSipUri *uri, const gchar *name);

GST_SIP_API
void gst_sip_uri_set_param (
    GstSipUri *uri, const gchar *name, const gchar *value);

GST_SIP_API
gboolean gst_sip_uri_remove_param (GstSipUri *uri, const gchar *name);

GST_SIP_API
gchar **gst_sip_uri_get_param_names (const GstSipUri *uri);

GST_SIP_API
const gchar *gst_sip_uri_get_header (const GstSipUri *uri, const gchar *name);

GST_SIP_API
void gst_sip_uri_set_header (
    GstSipUri *uri, const gchar *name, const gchar *value);

GST_SIP_API
gboolean gst_sip_uri_remove_header (GstSipUri *uri, const gchar *name);

GST_SIP_API
gchar **gst_sip_uri_get_header_names (const GstSipUri *uri);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipUri, gst_sip_uri_free)

G_END_DECLS

#endif /* __GST_SIP_URI_H__ */
