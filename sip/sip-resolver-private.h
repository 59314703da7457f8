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

#ifndef __GST_SIP_RESOLVER_PRIVATE_H__
#define __GST_SIP_RESOLVER_PRIVATE_H__

#include <gio/gio.h>
#include "sip-uri.h"
#include "sip-enums.h"

G_BEGIN_DECLS

/* One place to send a request to, in the order to try (RFC 3263 4.3). */
typedef struct
{
  GstSipTransportProtocol protocol;
  GInetSocketAddress *address;
} GstSipTarget;

G_GNUC_INTERNAL
void _gst_sip_target_free (GstSipTarget *target);

/* bit (1 << GstSipTransportProtocol) for each protocol the caller has */
typedef guint GstSipProtocolMask;

/* The transport and port a request to @uri uses before any DNS work:
 * the transport parameter, then sips -> TLS, otherwise UDP; the explicit
 * port or the protocol's default.  Returns FALSE if @uri names a transport
 * outside @supported or is not a sip/sips URI. */
G_GNUC_INTERNAL
gboolean _gst_sip_resolve_protocol (const GstSipUri *uri,
    GstSipProtocolMask supported, GstSipTransportProtocol *protocol,
    guint *port);

/* Resolves @uri (its maddr parameter, else its host) to an ordered list of
 * targets (RFC 3263 section 4): an IP address needs no lookup; a name with
 * a port gets A/AAAA; a name without one gets SRV for the chosen or
 * supported transports, then A/AAAA of each SRV target, and plain A/AAAA
 * on the default port when there is no SRV record.  Runs on the
 * thread-default context of the caller.  The result is a GPtrArray of
 * GstSipTarget (with a free function). */
G_GNUC_INTERNAL
void _gst_sip_resolve_async (GResolver *resolver, const GstSipUri *uri,
    GstSipProtocolMask supported, GCancellable *cancellable,
    GAsyncReadyCallback callback, gpointer user_data);

G_GNUC_INTERNAL
GPtrArray *_gst_sip_resolve_finish (GAsyncResult *result, GError **error);

G_END_DECLS

#endif /* __GST_SIP_RESOLVER_PRIVATE_H__ */
