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

#ifndef __GST_SIP_URI_PRIVATE_H__
#define __GST_SIP_URI_PRIVATE_H__

#include "sip-uri.h"
#include "sip-scan-private.h"

G_BEGIN_DECLS

typedef enum
{
  GST_SIP_URI_KIND_SIP,
  GST_SIP_URI_KIND_SIPS,
  GST_SIP_URI_KIND_TEL,
  GST_SIP_URI_KIND_OTHER,
} GstSipUriKind;

/* A parsed, validated URI as slices of the input; nothing is decoded. */
typedef struct
{
  GstSipUriKind kind;
  GstSipSlice scheme;
  GstSipSlice user; /* the number for tel: */
  GstSipSlice password;
  GstSipSlice host; /* without the brackets of an IPv6 reference */
  guint port; /* 0 when absent */
  GstSipSlice params; /* ";a=b;c", with the leading ';' */
  GstSipSlice headers; /* "a=b&c=d", without the '?' */
  GstSipSlice opaque; /* everything after "scheme:" for OTHER */
} GstSipUriView;

G_GNUC_INTERNAL
gboolean _gst_sip_uri_parse_view (
    const gchar *text, gsize len, GstSipUriView *view, GError **error);

G_GNUC_INTERNAL
GstSipUri *_gst_sip_uri_new_from_view (const GstSipUriView *view);

G_GNUC_INTERNAL
GstSipUriKind _gst_sip_uri_get_kind (const GstSipUri *uri);

/* appends the URI to @out */
G_GNUC_INTERNAL
void _gst_sip_uri_append (const GstSipUri *uri, GString *out);

/* the transport a request to @uri would use by default (RFC 3263) */
G_GNUC_INTERNAL
const gchar *_gst_sip_uri_get_transport_param (const GstSipUri *uri);

G_END_DECLS

#endif /* __GST_SIP_URI_PRIVATE_H__ */
