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

#ifndef __GST_SIP_TRANSPORT_H__
#define __GST_SIP_TRANSPORT_H__

#include <gio/gio.h>
#include <sip/sip-prelude.h>
#include <sip/sip-enums.h>

G_BEGIN_DECLS

#define GST_TYPE_SIP_TRANSPORT (gst_sip_transport_get_type ())

GST_SIP_API
G_DECLARE_DERIVABLE_TYPE (
    GstSipTransport, gst_sip_transport, GST, SIP_TRANSPORT, GObject)

/**
 * GstSipTransportClass:
 * @parent_class: the parent class
 *
 * The class of SIP transports.  The virtual methods are private: transports
 * are created by gst_sip_user_agent_add_transport().
 *
 * Since: 0.1
 */
struct _GstSipTransportClass
{
  GObjectClass parent_class;

  /*< private >*/
  gboolean (*start) (GstSipTransport *transport, GError **error);
  void (*stop) (GstSipTransport *transport);
  gboolean (*send) (GstSipTransport *transport, GBytes *data,
      GSocketAddress *destination, GObject *connection, GError **error);

  gpointer _gst_reserved[8];
};

GST_SIP_API
GstSipTransportProtocol gst_sip_transport_get_protocol (
    GstSipTransport *transport);

GST_SIP_API
gboolean gst_sip_transport_is_reliable (GstSipTransport *transport);

GST_SIP_API
GInetSocketAddress *gst_sip_transport_get_local_address (
    GstSipTransport *transport);

GST_SIP_API
guint gst_sip_transport_get_port (GstSipTransport *transport);

GST_SIP_API
const gchar *gst_sip_transport_get_host (GstSipTransport *transport);

G_END_DECLS

#endif /* __GST_SIP_TRANSPORT_H__ */
