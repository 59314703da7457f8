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

/* subclasses: sip-transport-udp.c, sip-transport-tcp.c,
 * sip-transport-tls.c */
#define GST_TYPE_SIP_TRANSPORT_UDP (_gst_sip_transport_udp_get_type ())
G_GNUC_INTERNAL
G_DECLARE_FINAL_TYPE (GstSipTransportUdp, _gst_sip_transport_udp, GST,
    SIP_TRANSPORT_UDP, GstSipTransport)

/* derivable, with its instance structure here for sip-transport-tls.c */
#define GST_TYPE_SIP_TRANSPORT_TCP (_gst_sip_transport_tcp_get_type ())
#define GST_SIP_TRANSPORT_TCP(obj) \
  (G_TYPE_CHECK_INSTANCE_CAST (    \
      (obj), GST_TYPE_SIP_TRANSPORT_TCP, GstSipTransportTcp))
#define GST_IS_SIP_TRANSPORT_TCP(obj) \
  (G_TYPE_CHECK_INSTANCE_TYPE ((obj), GST_TYPE_SIP_TRANSPORT_TCP))
#define GST_SIP_TRANSPORT_TCP_CLASS(klass) \
  (G_TYPE_CHECK_CLASS_CAST (               \
      (klass), GST_TYPE_SIP_TRANSPORT_TCP, GstSipTransportTcpClass))
#define GST_SIP_TRANSPORT_TCP_GET_CLASS(obj) \
  (G_TYPE_INSTANCE_GET_CLASS (               \
      (obj), GST_TYPE_SIP_TRANSPORT_TCP, GstSipTransportTcpClass))

typedef struct _GstSipTransportTcp GstSipTransportTcp;
typedef struct _GstSipTransportTcpClass GstSipTransportTcpClass;

G_GNUC_INTERNAL
GType _gst_sip_transport_tcp_get_type (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipTransportTcp, g_object_unref)

struct _GstSipTransportTcp
{
  GstSipTransport parent;

  GSocket *listener;
  GSource *listen_source;

  /* every open connection, with a reference */
  GHashTable *connections;
  /* remote "ip:port", or "ip:port/server-name" for connections opened
   * towards a named server -> connection (no reference) */
  GHashTable *by_remote;
};

/* The TCP transport frames messages on any stream.  A subclass that sets
 * secure (TLS) gets every connected stream, accepted (@incoming) or
 * opened towards @server_name (NULL: known only by @remote), before a byte
 * is read or written; it wraps the stream and calls
 * _gst_sip_transport_tcp_connection_secured() once, from the transport's
 * context, with the stream to use or the reason to close.  Until then,
 * what is sent waits in the connection's queue.  @cancellable is cancelled
 * when the connection closes first. */
struct _GstSipTransportTcpClass
{
  GstSipTransportClass parent_class;

  void (*secure) (GstSipTransportTcp *tcp, GObject *connection,
      GIOStream *stream, gboolean incoming, GSocketAddress *remote,
      const gchar *server_name, GCancellable *cancellable);
};

G_GNUC_INTERNAL
void _gst_sip_transport_tcp_connection_secured (
    GObject *connection, GIOStream *stream, const GError *error);

/* _gst_sip_transport_send() with the name of the server (the host of the
 * URI the destination was resolved from) when a connection is opened:
 * connections are reused by remote address and this name */
G_GNUC_INTERNAL
gboolean _gst_sip_transport_tcp_send (GstSipTransportTcp *tcp, GBytes *data,
    GSocketAddress *destination, GObject *connection, const gchar *server_name,
    GError **error);

/* sip-transport-tls.c: TLS on the TCP transport's connections */
#define GST_TYPE_SIP_TRANSPORT_TLS (_gst_sip_transport_tls_get_type ())
G_GNUC_INTERNAL
G_DECLARE_FINAL_TYPE (GstSipTransportTls, _gst_sip_transport_tls, GST,
    SIP_TRANSPORT_TLS, GstSipTransportTcp)

/* asks the application whether to accept a certificate that failed
 * validation (GTlsConnection::accept-certificate) */
typedef gboolean (*GstSipTransportAcceptCertificateFunc) (
    GstSipTransport *transport, GTlsConnection *connection,
    GTlsCertificate *certificate, GTlsCertificateFlags errors,
    gpointer user_data);

/* @database: NULL for the system's (the TLS backend's default database);
 * @database_error: set when the configured CA file could not be loaded:
 * then every handshake fails with it; @certificate: ours, for the server
 * side and as client certificate (NULL: incoming connections are refused)
 */
G_GNUC_INTERNAL
void _gst_sip_transport_tls_configure (GstSipTransportTls *tls,
    GTlsDatabase *database, const GError *database_error,
    GTlsCertificate *certificate, GTlsAuthenticationMode authentication_mode,
    GstSipTransportAcceptCertificateFunc accept, gpointer user_data);

/* _gst_sip_transport_send() with the name of the server a new connection
 * must prove to be; NULL for the IP address of @destination */
G_GNUC_INTERNAL
gboolean _gst_sip_transport_send_to_host (GstSipTransport *transport,
    GBytes *data, GSocketAddress *destination, GObject *connection,
    const gchar *server_name, GError **error);

/* sip-transport-ws.c: WebSocket (RFC 7118) on libsoup */
#define GST_TYPE_SIP_TRANSPORT_WS (_gst_sip_transport_ws_get_type ())
G_GNUC_INTERNAL
G_DECLARE_FINAL_TYPE (GstSipTransportWs, _gst_sip_transport_ws, GST,
    SIP_TRANSPORT_WS, GstSipTransport)

G_GNUC_INTERNAL
gboolean _gst_sip_transport_ws_connection_is_open (
    GstSipTransportWs *ws, GObject *connection);

G_GNUC_INTERNAL
guint _gst_sip_transport_ws_get_n_connections (GstSipTransportWs *ws);

/* the random .invalid host of this transport (RFC 7118 section 5) */
G_GNUC_INTERNAL
const gchar *_gst_sip_transport_ws_get_flow_host (GstSipTransportWs *ws);

/* the host for the Via and Contact of a message to @remote (or over
 * @connection): our .invalid host when we are the client of that
 * connection, NULL (the bound address) when the peer connected to us */
G_GNUC_INTERNAL
const gchar *_gst_sip_transport_ws_get_via_host (
    GstSipTransportWs *ws, GSocketAddress *remote, GObject *connection);

/* the remote address of the open connection of the client that calls
 * itself @host (an .invalid host), or NULL */
G_GNUC_INTERNAL
GSocketAddress *_gst_sip_transport_ws_lookup_flow (
    GstSipTransportWs *ws, const gchar *host);

/* @database: for the certificates of servers (NULL: the default);
 * @database_error: set when the authorities asked for could not be loaded,
 * which fails every WSS connection we open; @certificate: ours, which a WSS
 * transport needs to listen (when it starts: one set later only serves as
 * a client certificate) */
G_GNUC_INTERNAL
void _gst_sip_transport_ws_configure_tls (GstSipTransportWs *ws,
    GTlsDatabase *database, const GError *database_error,
    GTlsCertificate *certificate, GstSipTransportAcceptCertificateFunc accept,
    gpointer user_data);

/* _gst_sip_transport_send() with the name of the server (the host of the
 * URI the message goes to): a connection opened for it asks for that host
 * (WSS: and checks the server's certificate against it, RFC 5922) while it
 * connects to @destination.  NULL, an address or an .invalid host: none. */
G_GNUC_INTERNAL
gboolean _gst_sip_transport_ws_send (GstSipTransportWs *ws, GBytes *data,
    GSocketAddress *destination, GObject *connection, const gchar *server_name,
    GError **error);

/* the URI of a Contact of ours: sips: when @sips, with a transport
 * parameter when @transport is not NULL; an .invalid @host, a WebSocket
 * client's (RFC 7118 section 5), gets no port and the ;ob of RFC 5626, for
 * requests to come back over the client's flow */
G_GNUC_INTERNAL
GstSipUri *_gst_sip_contact_uri_new (gboolean sips, const gchar *user,
    const gchar *host, guint port, const gchar *transport);

/* a WebSocket URL, "ws://host[:port][/path]" or "wss://...", as the SIP
 * URI of that server ("sip:host:port;transport=ws", port 80 or 443 by
 * default) and the path; NULL if @url is not one */
G_GNUC_INTERNAL
GstSipUri *_gst_sip_ws_url_to_uri (const gchar *url, gchar **path);

/* for tests */
G_GNUC_INTERNAL
void _gst_sip_transport_ws_set_reconnect_delay_ms (
    GstSipTransportWs *ws, guint min_ms, guint max_ms);

G_GNUC_INTERNAL
void _gst_sip_transport_ws_close_connections (GstSipTransportWs *ws);

/* the time limit of the TLS handshakes of accepted WSS connections */
G_GNUC_INTERNAL
void _gst_sip_transport_ws_set_handshake_timeout_ms (
    GstSipTransportWs *ws, guint timeout_ms);

/* TLS handshakes of accepted WSS connections under way */
G_GNUC_INTERNAL
guint _gst_sip_transport_ws_get_n_handshakes (GstSipTransportWs *ws);

G_GNUC_INTERNAL
guint _gst_sip_transport_ws_get_n_pongs (GstSipTransportWs *ws);

G_GNUC_INTERNAL
guint _gst_sip_transport_ws_get_n_connects (GstSipTransportWs *ws);

/* connections opened, successfully or not */
G_GNUC_INTERNAL
guint _gst_sip_transport_ws_get_n_attempts (GstSipTransportWs *ws);

/* emits GstSipTransport::connection-lost */
G_GNUC_INTERNAL
void _gst_sip_transport_connection_lost (
    GstSipTransport *transport, GSocketAddress *remote, const GError *error);

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

/* A non-blocking socket of @type (UDP for datagrams, TCP for streams) on
 * the transport's address and port, IPv6 only for an IPv6 address, bound
 * (and listening, for streams), and the transport's local address set from
 * it.  On failure %NULL, with *@bad_address set when the address is not an
 * IP address, or else @error set with the socket's error. */
G_GNUC_INTERNAL
GSocket *_gst_sip_transport_open_socket (GstSipTransport *transport,
    GSocketType type, gboolean *bad_address, GError **error);

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
