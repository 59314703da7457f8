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

#ifndef __GST_SIP_ADDRESS_H__
#define __GST_SIP_ADDRESS_H__

#include <sip/sip-prelude.h>
#include <sip/sip-uri.h>

G_BEGIN_DECLS

/**
 * GstSipAddress:
 *
 * A name-addr or addr-spec with header parameters, as found in From, To,
 * Contact, Route, Record-Route, Reply-To, Refer-To and similar headers:
 * `"Alice" <sip:alice@example.com>;tag=1928301774`.  A Contact of `*` is a
 * wildcard address.
 *
 * Since: 0.1
 */
typedef struct _GstSipAddress GstSipAddress;

#define GST_TYPE_SIP_ADDRESS (gst_sip_address_get_type ())

GST_SIP_API
GType gst_sip_address_get_type (void);

GST_SIP_API
GstSipAddress *gst_sip_address_new (
    const GstSipUri *uri, const gchar *display_name);

GST_SIP_API
GstSipAddress *gst_sip_address_new_from_string (
    const gchar *text, GError **error);

GST_SIP_API
GstSipAddress *gst_sip_address_new_wildcard (void);

GST_SIP_API
GstSipAddress *gst_sip_address_copy (const GstSipAddress *address);

GST_SIP_API
void gst_sip_address_free (GstSipAddress *address);

GST_SIP_API
gchar *gst_sip_address_to_string (const GstSipAddress *address);

GST_SIP_API
gboolean gst_sip_address_is_wildcard (const GstSipAddress *address);

GST_SIP_API
const gchar *gst_sip_address_get_display_name (const GstSipAddress *address);

GST_SIP_API
void gst_sip_address_set_display_name (
    GstSipAddress *address, const gchar *display_name);

GST_SIP_API
const GstSipUri *gst_sip_address_get_uri (const GstSipAddress *address);

GST_SIP_API
void gst_sip_address_set_uri (GstSipAddress *address, const GstSipUri *uri);

GST_SIP_API
const gchar *gst_sip_address_get_tag (const GstSipAddress *address);

GST_SIP_API
void gst_sip_address_set_tag (GstSipAddress *address, const gchar *tag);

GST_SIP_API
gboolean gst_sip_address_has_param (
    const GstSipAddress *address, const gchar *name);

GST_SIP_API
const gchar *gst_sip_address_get_param (
    const GstSipAddress *address, const gchar *name);

GST_SIP_API
void gst_sip_address_set_param (
    GstSipAddress *address, const gchar *name, const gchar *value);

GST_SIP_API
gboolean gst_sip_address_remove_param (
    GstSipAddress *address, const gchar *name);

GST_SIP_API
gchar **gst_sip_address_get_param_names (const GstSipAddress *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipAddress, gst_sip_address_free)

G_END_DECLS

#endif /* __GST_SIP_ADDRESS_H__ */
