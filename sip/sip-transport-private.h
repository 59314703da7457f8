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

#ifndef __GST_SIP_TRANSPORT_PRIVATE_H__
#define __GST_SIP_TRANSPORT_PRIVATE_H__

#include "sip-transport.h"
#include "sip-message-private.h"

G_BEGIN_DECLS

/*
 * Transports move bytes and nothing else: they bind or listen, frame and
 * parse what arrives, and send what they are given.  Everything runs on
 * the GMainContext that was thread-default when the transport was created.
 *
 * A received message is stamped with its origin
 * (_gst_sip_message_set_origin(): protocol, transport, connection, remote
 * and local address) before it is handed to the receive callback.
 */

/* Called for every message that arrives.  @msg is NULL when the start line
 * or header syntax was unreadable (then there is nothing to answer);
 * @error is set, with @msg non-NULL, when only header values are invalid,
 * so that a request can still be answered with a 400 (see @fault).
 * Never called with a lock held. */
typedef void (*GstSipTransportReceiveFunc) (GstSipTransport *transport,
    GstSipMessage *msg, const GstSipParseFault *fault, const GError *error,
    gpointer user_data);

/* Called when sending to @remote failed after _gst_sip_transport_send()
 * returned (a TCP connect that failed, a connection reset with data still
 * queued).  The user agent fails the transactions that use @remote. */
typedef void (*GstSipTransportErrorFunc) (GstSipTransport *transport,
    GSocketAddress *remote, const GError *error, gpointer user_data);

G_GNUC_INTERNAL
GstSipTransport *_gst_sip_transport_new (GstSipTransportProtocol protocol,
    const gchar *address, guint port, GError **error);

G_GNUC_INTERNAL
void _gst_sip_transport_set_callbacks (GstSipTransport *transport,
    GstSipTransportReceiveFunc receive, GstSipTransportErrorFunc error,
    gpointer user_data);

G_GNUC_INTERNAL
gboolean _gst_sip_transport_start (GstSipTransport *transport, GError **error);

G_GNUC_INTERNAL
void _gst_sip_transport_stop (GstSipTransport *transport);

/* Sends @data to @destination.  On stream transports @connection, when
 * non-NULL and still open, is used; otherwise an open connection to
 * @destination is reused or a new one is made.  Returns FALSE with @error
 * for failures known at once; later failures go to the error callback. */
G_GNUC_INTERNAL
gboolean _gst_sip_transport_send (GstSipTransport *transport, GBytes *data,
    GSocketAddress *destination, GObject *connection, GError **error);

/* whether @connection (from a received message) is still open */
G_GNUC_INTERNAL
gboolean _gst_sip_transport_connection_is_open (
    GstSipTransport *transport, GObject *connection);

/* the local address a datagram or connection towards @destination would use
 * (with the port of the transport); for transports bound to a wildcard
 * address this asks the routing table.  NULL before the transport is
 * started. */
G_GNUC_INTERNAL
GInetSocketAddress *_gst_sip_transport_get_local_address_for (
    GstSipTransport *transport, GSocketAddress *destination);

G_GNUC_INTERNAL
guint _gst_sip_transport_get_n_connections (GstSipTransport *transport);

/* subclasses: sip-transport-udp.c, sip-transport-tcp.c */
#define GST_TYPE_SIP_TRANSPORT_UDP (_gst_sip_transport_udp_get_type ())
G_GNUC_INTERNAL
G_DECLARE_FINAL_TYPE (GstSipTransportUdp, _gst_sip_transport_udp, GST,
    SIP_TRANSPORT_UDP, GstSipTransport)

#define GST_TYPE_SIP_TRANSPORT_TCP (_gst_sip_transport_tcp_get_type ())
G_GNUC_INTERNAL
G_DECLARE_FINAL_TYPE (GstSipTransportTcp, _gst_sip_transport_tcp, GST,
    SIP_TRANSPORT_TCP, GstSipTransport)

/* for subclasses */
G_GNUC_INTERNAL
void _gst_sip_transport_deliver (GstSipTransport *transport, GstSipMessage *msg,
    const GstSipParseFault *fault, const GError *error);

G_GNUC_INTERNAL
void _gst_sip_transport_report_error (
    GstSipTransport *transport, GSocketAddress *remote, const GError *error);

G_GNUC_INTERNAL
void _gst_sip_transport_set_local_address (
    GstSipTransport *transport, GInetSocketAddress *address);

G_GNUC_INTERNAL
GMainContext *_gst_sip_transport_get_context (GstSipTransport *transport);

G_GNUC_INTERNAL
const gchar *_gst_sip_transport_get_address (GstSipTransport *transport);

G_GNUC_INTERNAL
gsize _gst_sip_transport_get_max_message_size (GstSipTransport *transport);

/* TCP internals behind _gst_sip_transport_connection_is_open() and
 * _gst_sip_transport_get_n_connections() */
G_GNUC_INTERNAL
gboolean _gst_sip_transport_tcp_connection_is_open (
    GstSipTransportTcp *transport, GObject *connection);

G_GNUC_INTERNAL
guint _gst_sip_transport_tcp_get_n_connections (GstSipTransportTcp *transport);

G_GNUC_INTERNAL
void _gst_sip_transport_tcp_idle_timeout_changed (
    GstSipTransportTcp *transport);

/* the idle-timeout property in milliseconds (tests use short ones) */
G_GNUC_INTERNAL
void _gst_sip_transport_set_idle_timeout_ms (
    GstSipTransport *transport, guint timeout_ms);

G_GNUC_INTERNAL
guint _gst_sip_transport_get_idle_timeout_ms (GstSipTransport *transport);

/* "192.0.2.1:5060" or "[2001:db8::1]:5060", for logs and error messages */
G_GNUC_INTERNAL
gchar *_gst_sip_socket_address_to_string (GSocketAddress *address);

/* sipwire: logs a message sent to or received from @remote at the LOG
 * level of the "sipwire" debug category, with credentials masked; costs
 * nothing when that level is off.  @transport and @remote may be NULL
 * (a send function in place of the transports). */
G_GNUC_INTERNAL
void _gst_sip_wire_log (GstSipTransport *transport, gboolean sent,
    GSocketAddress *remote, const guint8 *data, gsize len);

/* the text of a message for logs: the value of every Authorization and
 * Proxy-Authorization header is replaced by its scheme, its username
 * parameter and "<masked>"; control characters become '.' */
G_GNUC_INTERNAL
gchar *_gst_sip_wire_mask (const guint8 *data, gsize len);

G_END_DECLS

#endif /* __GST_SIP_TRANSPORT_PRIVATE_H__ */
