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

#ifndef __GST_SIP_ADDRESS_PRIVATE_H__
#define __GST_SIP_ADDRESS_PRIVATE_H__

#include "sip-address.h"
#include "sip-uri-private.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean wildcard;
  GstSipSlice display; /* raw, with the DQUOTEs when quoted */
  gboolean display_quoted;
  GstSipSlice uri;
  GstSipUriView uri_view;
  GstSipSlice params; /* ";a=b;c" */
  GstSipSlice tag;
} GstSipAddressView;

/* parses one (name-addr / addr-spec) *(;param) and stops before a ',' or at
 * the end */
G_GNUC_INTERNAL
gboolean _gst_sip_address_parse_view (GstSipScanner *sc,
    gboolean allow_wildcard, GstSipAddressView *view, GError **error);

G_GNUC_INTERNAL
GstSipAddress *_gst_sip_address_new_from_view (const GstSipAddressView *view);

G_GNUC_INTERNAL
void _gst_sip_address_append (const GstSipAddress *address, GString *out);

G_END_DECLS

#endif /* __GST_SIP_ADDRESS_PRIVATE_H__ */
