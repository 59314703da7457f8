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

/* Transports on loopback, against plain sockets and against each other.
 * Tests under /transport/unit/ open no socket. */

#include <string.h>

#include <sip/sip.h>
#include "sip/sip-transport-private.h"

/* every wait is bounded by this */
#define WAIT_TIMEOUT_MS 5000

#define WAIT_UNTIL(cond)                                                 \
  G_STMT_START                                                           \
  {                                                                      \
    gint64 _deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * 1000; \
    while (!(cond)) {                                                    \
      if (g_get_monotonic_time () > _deadline)                           \
        g_error ("timed out waiting for %s", #cond);                     \
      iterate ();                                                        \
    }                                                                    \
  }                                                                      \
  G_STMT_END

static void
iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

/* runs the main context for a while, to see that nothing happens */
static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    iterate ();
}

/* ---------------------------------------------------------------------- */
/* recording what a transport reports */

typedef struct
{
  GPtrArray *messages;
  guint n_received;
  guint n_unreadable; /* msg == NULL */
  GError *receive_error; /* the last one */
  GstSipParseFault fault; /* the last one */
  guint n_errors;
  GError *transport_error;
  GSocketAddress *error_remote;
} Recorder;

static void
on_receive (GstSipTransport *transport, GstSipMessage *msg,
    const GstSipParseFault *fault, const GError *error, gpointer user_data)
{
  Recorder *rec = user_data;

  rec->n_received++;
  if (msg)
    g_ptr_array_add (rec->messages, gst_sip_message_ref (msg));
  else
    rec->n_unreadable++;
  g_clear_error (&rec->receive_error);
  if (error)
    rec->receive_error = g_error_copy (error);
  if (fault)
    rec->fault = *fault;
}

static void
on_error (GstSipTransport *transport, GSocketAddress *remote,
    const GError *error, gpointer user_data)
{
  Recorder *rec = user_data;

  rec->n_errors++;
  g_clear_error (&rec->transport_error);
  rec->transport_error = g_error_copy (error);
  g_set_object (&rec->error_remote, remote);
}

static void
recorder_init (Recorder *rec)
{
  memset (rec, 0, sizeof (Recorder));
  rec->messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
}

static void
recorder_clear (Recorder *rec)
{
  g_ptr_array_unref (rec->messages);
  g_clear_error (&rec->receive_error);
  g_clear_error (&rec->transport_error);
  g_clear_object (&rec->error_remote);
}

static GstSipTransport *
start_transport (GstSipTransportProtocol protocol, const gchar *address,
    guint port, Recorder *rec)
{
  GError *error = NULL;
  GstSipTransport *transport;

  transport = _gst_sip_transport_new (protocol, address, port, &error);
  g_assert_no_error (error);
  g_assert_nonnull (transport);
  if (rec)
    _gst_sip_transport_set_callbacks (transport, on_receive, on_error, rec);
  g_assert_true (_gst_sip_transport_start (transport, &error));
  g_assert_no_error (error);

  return transport;
}

/* ---------------------------------------------------------------------- */
/* messages and plain sockets */

static gchar *
make_request (const gchar *protocol, const gchar *call_id,
    const gchar *extra_headers, const gchar *body)
{
  if (body == NULL)
    body = "";
  return g_strdup_printf ("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
                          "Via: SIP/2.0/%s 127.0.0.1:5999;branch=z9hG4bK-%s\r\n"
                          "Max-Forwards: 70\r\n"
                          "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
                          "To: <sip:bob@127.0.0.1>\r\n"
                          "Call-ID: %s\r\n"
                          "CSeq: 1 OPTIONS\r\n"
                          "%s"
                          "Content-Length: %u\r\n"
                          "\r\n"
                          "%s",
      protocol, call_id, call_id, extra_headers ? extra_headers : "",
      (guint) strlen (body), body);
}

static GSocketAddress *
socket_address (const gchar *host, guint port)
{
  return g_inet_socket_address_new_from_string (host, port);
}

static guint
address_port (GSocketAddress *address)
{
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

static GSocket *
plain_socket (GSocketFamily family, GSocketType type)
{
  GError *error = NULL;
  GSocket *socket;

  socket = g_socket_new (family, type,
      type == G_SOCKET_TYPE_DATAGRAM ? G_SOCKET_PROTOCOL_UDP
                                     : G_SOCKET_PROTOCOL_TCP,
      &error);
  g_assert_no_error (error);
  return socket;
}

/* a plain UDP socket on @host, port 0; blocking with a timeout */
static GSocket *
plain_udp_socket (const gchar *host)
{
  GSocketAddress *address = socket_address (host, 0);
  GError *error = NULL;
  GSocket *socket;

  socket = plain_socket (
      g_socket_address_get_family (address), G_SOCKET_TYPE_DATAGRAM);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (socket, WAIT_TIMEOUT_MS / 1000);
  g_object_unref (address);

  return socket;
}

static GSocketAddress *
local_address (GSocket *socket)
{
  GError *error = NULL;
  GSocketAddress *address = g_socket_get_local_address (socket, &error);

  g_assert_no_error (error);
  return address;
}

static void
send_datagram (
    GSocket *socket, GSocketAddress *to, const gchar *data, gsize len)
{
  GError *error = NULL;
  gssize sent;

  sent = g_socket_send_to (socket, to, data, len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sent, ==, len);
}

/* a TCP connection from a plain socket, non-blocking once connected */
static GSocket *
plain_tcp_connect (GSocketAddress *to)
{
  GError *error = NULL;
  GSocket *socket;

  socket =
      plain_socket (g_socket_address_get_family (to), G_SOCKET_TYPE_STREAM);
  g_socket_set_timeout (socket, WAIT_TIMEOUT_MS / 1000);
  g_socket_connect (socket, to, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);

  return socket;
}

static void
stream_write (GSocket *socket, const gchar *data, gsize len)
{
  gsize done = 0;

  while (done < len) {
    GError *error = NULL;
    gssize n = g_socket_send (socket, data + done, len - done, NULL, &error);

    if (n < 0) {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
      g_clear_error (&error);
      iterate ();
      continue;
    }
    done += n;
  }
}

/* Reads what is there into @out.  Returns FALSE at the end of the stream
 * (or when the peer reset it). */
static gboolean
stream_read_available (GSocket *socket, GString *out)
{
  gchar buf[4096];

  for (;;) {
    GError *error = NULL;
    gssize n = g_socket_receive (socket, buf, sizeof (buf), NULL, &error);

    if (n < 0) {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
        g_clear_error (&error);
        return TRUE;
      }
      g_clear_error (&error);
      return FALSE;
    }
    if (n == 0)
      return FALSE;
    g_string_append_len (out, buf, n);
  }
}

/* waits until the peer has closed the connection */
static void
wait_stream_closed (GSocket *socket)
{
  GString *junk = g_string_new (NULL);

  WAIT_UNTIL (!stream_read_available (socket, junk));
  g_string_free (junk, TRUE);
}

/* a listening plain socket on @host port 0, non-blocking */
static GSocket *
plain_tcp_listener (const gchar *host)
{
  GSocketAddress *address = socket_address (host, 0);
  GError *error = NULL;
  GSocket *socket;

  socket = plain_socket (
      g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);
  g_object_unref (address);

  return socket;
}

static GSocket *
plain_accept (GSocket *listener)
{
  GSocket *socket = NULL;

  WAIT_UNTIL ((socket = g_socket_accept (listener, NULL, NULL)) != NULL);
  g_socket_set_blocking (socket, FALSE);
  return socket;
}

/* a port nobody listens on, for now */
static guint
unused_port (const gchar *host, GSocketType type)
{
  GSocket *socket;
  GSocketAddress *address;
  guint port;

  if (type == G_SOCKET_TYPE_DATAGRAM)
    socket = plain_udp_socket (host);
  else
    socket = plain_tcp_listener (host);
  address = local_address (socket);
  port = address_port (address);
  g_object_unref (address);
  g_socket_close (socket, NULL);
  g_object_unref (socket);

  return port;
}

static gboolean
can_bind (const gchar *host)
{
  GSocketAddress *address = socket_address (host, 0);
  GSocket *socket;
  gboolean ok;

  socket = g_socket_new (g_socket_address_get_family (address),
      G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  ok = socket && g_socket_bind (socket, address, FALSE, NULL);
  g_clear_object (&socket);
  g_object_unref (address);

  return ok;
}

static GBytes *
bytes_from_string (const gchar *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
transport_send (GstSipTransport *transport, const gchar *text,
    GSocketAddress *to, GObject *connection)
{
  GBytes *bytes = bytes_from_string (text);
  GError *error = NULL;

  g_assert_true (
      _gst_sip_transport_send (transport, bytes, to, connection, &error));
  g_assert_no_error (error);
  g_bytes_unref (bytes);
}

static GstSipMessage *
nth_message (Recorder *rec, guint i)
{
  g_assert_cmpuint (i, <, rec->messages->len);
  return g_ptr_array_index (rec->messages, i);
}

/* ---------------------------------------------------------------------- */
/* UDP */

static void
check_udp (const gchar *host)
{
  GstSipTransport *transport;
  GSocket *peer;
  GSocketAddress *transport_address, *peer_address, *remote, *local;
  GInetSocketAddress *bound = NULL;
  GstSipMessage *msg;
  Recorder rec;
  gchar *text, buf[2048];
  guint port;
  gssize n;

  recorder_init (&rec);
  transport = start_transport (GST_SIP_TRANSPORT_PROTOCOL_UDP, host, 0, &rec);

  /* the bound port is readable */
  g_object_get (transport, "port", &port, "local-address", &bound, NULL);
  g_assert_cmpuint (port, !=, 0);
  g_assert_cmpuint (port, ==, gst_sip_transport_get_port (transport));
  g_assert_nonnull (bound);
  g_assert_cmpuint (g_inet_socket_address_get_port (bound), ==, port);
  g_assert_true (bound == gst_sip_transport_get_local_address (transport));
  g_object_unref (bound);
  g_assert_cmpstr (gst_sip_transport_get_host (transport), ==, host);
  g_assert_false (gst_sip_transport_is_reliable (transport));
  g_assert_cmpint (gst_sip_transport_get_protocol (transport), ==,
      GST_SIP_TRANSPORT_PROTOCOL_UDP);

  transport_address = socket_address (host, port);
  peer = plain_udp_socket (host);
  peer_address = local_address (peer);

  /* a keep-alive is dropped quietly, then a request arrives */
  send_datagram (peer, transport_address, "\r\n\r\n", 4);
  text = make_request ("UDP", "udp-1", NULL, "hello");
  send_datagram (peer, transport_address, text, strlen (text));
  g_free (text);
  WAIT_UNTIL (rec.n_received == 1);
  iterate_for (50);
  g_assert_cmpuint (rec.n_received, ==, 1);
  g_assert_no_error (rec.receive_error);

  msg = nth_message (&rec, 0);
  g_assert_cmpstr (gst_sip_message_get_call_id (msg), ==, "udp-1");
  g_assert_cmpint (gst_sip_message_get_transport_protocol (msg), ==,
      GST_SIP_TRANSPORT_PROTOCOL_UDP);
  g_assert_true (_gst_sip_message_get_transport (msg) == G_OBJECT (transport));
  g_assert_null (_gst_sip_message_get_connection (msg));
  remote = gst_sip_message_get_remote_address (msg);
  g_assert_nonnull (remote);
  g_assert_cmpuint (address_port (remote), ==, address_port (peer_address));
  local = gst_sip_message_get_local_address (msg);
  g_assert_nonnull (local);
  g_assert_cmpuint (address_port (local), ==, port);

  /* sending reaches the plain socket byte for byte */
  text = make_request ("UDP", "udp-2", NULL, NULL);
  transport_send (transport, text, peer_address, NULL);
  n = g_socket_receive (peer, buf, sizeof (buf), NULL, NULL);
  g_assert_cmpint (n, ==, strlen (text));
  g_assert_true (memcmp (buf, text, n) == 0);
  g_free (text);

  _gst_sip_transport_stop (transport);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (transport), ==, 0);
  g_object_unref (transport);
  g_object_unref (peer);
  g_object_unref (peer_address);
  g_object_unref (transport_address);
  recorder_clear (&rec);
}

static void
test_udp_ipv4 (void)
{
  check_udp ("127.0.0.1");
}

static void
test_udp_ipv6 (void)
{
  if (!can_bind ("::1")) {
    g_test_skip ("cannot bind ::1");
    return;
  }
  check_udp ("::1");
}

static void
test_udp_invalid (void)
{
  GstSipTransport *transport;
  GSocket *peer;
  GSocketAddress *to;
  GstSipMessage *msg;
  Recorder rec;
  gchar *text;
  static const gchar garbage[] = "this is not a SIP message at all";

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &rec);
  to = socket_address ("127.0.0.1", gst_sip_transport_get_port (transport));
  peer = plain_udp_socket ("127.0.0.1");

  /* unreadable: no message, an error */
  send_datagram (peer, to, garbage, strlen (garbage));
  WAIT_UNTIL (rec.n_received == 1);
  g_assert_cmpuint (rec.n_unreadable, ==, 1);
  g_assert_nonnull (rec.receive_error);

  /* a bad header value: the message, an error and the fault */
  text = make_request ("UDP", "bad-1", NULL, NULL);
  {
    gchar *bad = strstr (text, "Max-Forwards: 70");

    g_assert_nonnull (bad);
    memcpy (bad, "Max-Forwards: xx", 16);
  }
  send_datagram (peer, to, text, strlen (text));
  g_free (text);
  WAIT_UNTIL (rec.n_received == 2);
  g_assert_cmpuint (rec.messages->len, ==, 1);
  msg = nth_message (&rec, 0);
  g_assert_cmpstr (gst_sip_message_get_call_id (msg), ==, "bad-1");
  g_assert_nonnull (rec.receive_error);
  g_assert_cmpint (rec.fault.kind, ==, GST_SIP_FAULT_MALFORMED);

  /* too large for max-message-size */
  g_object_set (transport, "max-message-size", 300, NULL);
  {
    gchar *body = g_strnfill (400, 'x');

    text = make_request ("UDP", "big-1", NULL, body);
    g_free (body);
  }
  send_datagram (peer, to, text, strlen (text));
  g_free (text);
  WAIT_UNTIL (rec.n_received == 3);
  g_assert_cmpuint (rec.n_unreadable, ==, 2);
  g_assert_error (rec.receive_error, GST_SIP_ERROR, GST_SIP_ERROR_TOO_LARGE);

  /* still working */
  g_object_set (transport, "max-message-size", GST_SIP_MAX_MESSAGE_SIZE, NULL);
  text = make_request ("UDP", "good-1", NULL, NULL);
  send_datagram (peer, to, text, strlen (text));
  g_free (text);
  WAIT_UNTIL (rec.n_received == 4);
  g_assert_no_error (rec.receive_error);
  g_assert_cmpuint (rec.messages->len, ==, 2);

  g_object_unref (transport);
  g_object_unref (peer);
  g_object_unref (to);
  recorder_clear (&rec);
}

/* a datagram to a closed port comes back as ICMP; the transport keeps
 * receiving */
static void
test_udp_unreachable (void)
{
  GstSipTransport *transport;
  GSocket *peer;
  GSocketAddress *to, *closed;
  Recorder rec;
  gchar *text;
  guint i;

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &rec);
  to = socket_address ("127.0.0.1", gst_sip_transport_get_port (transport));
  closed = socket_address (
      "127.0.0.1", unused_port ("127.0.0.1", G_SOCKET_TYPE_DATAGRAM));
  peer = plain_udp_socket ("127.0.0.1");

  text = make_request ("UDP", "icmp", NULL, NULL);
  for (i = 0; i < 3; i++) {
    transport_send (transport, text, closed, NULL);
    iterate_for (10);
    send_datagram (peer, to, text, strlen (text));
    WAIT_UNTIL (rec.n_received == i + 1);
  }
  g_free (text);
  g_assert_cmpuint (rec.messages->len, ==, 3);
  g_assert_cmpuint (rec.n_errors, ==, 0);

  g_object_unref (transport);
  g_object_unref (peer);
  g_object_unref (to);
  g_object_unref (closed);
  recorder_clear (&rec);
}

/* a wildcard bind: the Via host and the local address of a destination */
static void
test_udp_wildcard (void)
{
  GstSipTransport *transport;
  GSocket *peer;
  GSocketAddress *to, *dest;
  GInetSocketAddress *local;
  GstSipMessage *msg;
  Recorder rec;
  gchar *text, *host;
  guint port;

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_UDP, "0.0.0.0", 0, &rec);
  port = gst_sip_transport_get_port (transport);
  g_assert_cmpuint (port, !=, 0);
  g_assert_cmpstr (gst_sip_transport_get_host (transport), ==, "127.0.0.1");

  dest = socket_address ("127.0.0.1", 5060);
  local = _gst_sip_transport_get_local_address_for (transport, dest);
  g_assert_nonnull (local);
  host = g_inet_address_to_string (g_inet_socket_address_get_address (local));
  g_assert_cmpstr (host, ==, "127.0.0.1");
  g_assert_cmpuint (g_inet_socket_address_get_port (local), ==, port);
  g_free (host);
  g_object_unref (local);
  g_object_unref (dest);

  /* a received message names the address it arrived on */
  to = socket_address ("127.0.0.1", port);
  peer = plain_udp_socket ("127.0.0.1");
  text = make_request ("UDP", "any", NULL, NULL);
  send_datagram (peer, to, text, strlen (text));
  g_free (text);
  WAIT_UNTIL (rec.n_received == 1);
  msg = nth_message (&rec, 0);
  host = g_inet_address_to_string (g_inet_socket_address_get_address (
      G_INET_SOCKET_ADDRESS (gst_sip_message_get_local_address (msg))));
  g_assert_cmpstr (host, ==, "127.0.0.1");
  g_free (host);

  g_object_unref (transport);
  g_object_unref (peer);
  g_object_unref (to);
  recorder_clear (&rec);
}

/* IPv4 and IPv6 wildcard transports share a port */
static void
test_udp_dual_stack (void)
{
  GstSipTransport *v6, *v4;
  guint port;

  if (!can_bind ("::1")) {
    g_test_skip ("cannot bind ::1");
    return;
  }

  v6 = start_transport (GST_SIP_TRANSPORT_PROTOCOL_UDP, "::", 0, NULL);
  port = gst_sip_transport_get_port (v6);
  g_assert_cmpstr (gst_sip_transport_get_host (v6), ==, "::1");
  v4 = start_transport (GST_SIP_TRANSPORT_PROTOCOL_UDP, "0.0.0.0", port, NULL);
  g_assert_cmpuint (gst_sip_transport_get_port (v4), ==, port);

  g_object_unref (v4);
  g_object_unref (v6);
}

static void
test_errors (void)
{
  GstSipTransport *transport, *other;
  GError *error = NULL;
  GBytes *bytes;
  GSocketAddress *to;

  /* not an address */
  g_assert_null (_gst_sip_transport_new (
      GST_SIP_TRANSPORT_PROTOCOL_UDP, "localhost", 0, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT);
  g_clear_error (&error);
  g_assert_null (_gst_sip_transport_new (
      GST_SIP_TRANSPORT_PROTOCOL_WS, "localhost", 0, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT);
  g_clear_error (&error);

  /* sending before start */
  transport = _gst_sip_transport_new (
      GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  bytes = bytes_from_string ("x");
  to = socket_address ("127.0.0.1", 5060);
  g_assert_false (_gst_sip_transport_send (transport, bytes, to, NULL, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE);
  g_clear_error (&error);

  /* a port in use */
  g_assert_true (_gst_sip_transport_start (transport, &error));
  other = _gst_sip_transport_new (GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1",
      gst_sip_transport_get_port (transport), &error);
  g_assert_false (_gst_sip_transport_start (other, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT);
  g_clear_error (&error);
  g_object_unref (other);

  /* stop and start again */
  _gst_sip_transport_stop (transport);
  g_assert_true (_gst_sip_transport_start (transport, &error));
  g_assert_no_error (error);

  g_bytes_unref (bytes);
  g_object_unref (to);
  g_object_unref (transport);
}

/* ---------------------------------------------------------------------- */
/* TCP */

static void
test_tcp_receive (void)
{
  GstSipTransport *transport;
  GSocket *client;
  GSocketAddress *to, *client_address;
  GstSipMessage *msg;
  GObject *connection;
  Recorder rec;
  gchar *one, *two, *three, *both;
  gsize i, len;

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &rec);
  g_assert_true (gst_sip_transport_is_reliable (transport));
  g_assert_cmpuint (gst_sip_transport_get_port (transport), !=, 0);
  to = socket_address ("127.0.0.1", gst_sip_transport_get_port (transport));

  client = plain_tcp_connect (to);
  client_address = local_address (client);
  WAIT_UNTIL (_gst_sip_transport_get_n_connections (transport) == 1);

  /* two messages in one write */
  one = make_request ("TCP", "tcp-1", NULL, "body one");
  two = make_request ("TCP", "tcp-2", NULL, NULL);
  both = g_strconcat (one, two, NULL);
  stream_write (client, both, strlen (both));
  WAIT_UNTIL (rec.n_received == 2);
  g_assert_cmpuint (rec.messages->len, ==, 2);
  g_assert_no_error (rec.receive_error);
  msg = nth_message (&rec, 0);
  g_assert_cmpstr (gst_sip_message_get_call_id (msg), ==, "tcp-1");
  g_assert_cmpstr (
      gst_sip_message_get_call_id (nth_message (&rec, 1)), ==, "tcp-2");
  g_assert_cmpint (gst_sip_message_get_transport_protocol (msg), ==,
      GST_SIP_TRANSPORT_PROTOCOL_TCP);
  g_assert_cmpuint (address_port (gst_sip_message_get_remote_address (msg)), ==,
      address_port (client_address));
  g_assert_cmpuint (address_port (gst_sip_message_get_local_address (msg)), ==,
      gst_sip_transport_get_port (transport));
  connection = _gst_sip_message_get_connection (msg);
  g_assert_nonnull (connection);
  g_assert_true (_gst_sip_transport_connection_is_open (transport, connection));
  g_assert_true (
      _gst_sip_message_get_connection (nth_message (&rec, 1)) == connection);
  {
    GBytes *body = gst_sip_message_get_body (msg);
    gsize size;
    const gchar *data = g_bytes_get_data (body, &size);

    g_assert_cmpmem (data, size, "body one", 8);
    g_bytes_unref (body);
  }

  /* one message, a byte at a time, with stray CRLF before it */
  three = make_request ("TCP", "tcp-3", NULL, "split body");
  stream_write (client, "\r\n", 2);
  len = strlen (three);
  for (i = 0; i < len; i++) {
    stream_write (client, three + i, 1);
    iterate ();
    iterate ();
    if (i + 1 < len)
      g_assert_cmpuint (rec.n_received, ==, 2);
  }
  WAIT_UNTIL (rec.n_received == 3);
  iterate_for (50);
  g_assert_cmpuint (rec.n_received, ==, 3);
  g_assert_cmpstr (
      gst_sip_message_get_call_id (nth_message (&rec, 2)), ==, "tcp-3");
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (transport), ==, 1);

  /* the client goes away */
  g_socket_close (client, NULL);
  WAIT_UNTIL (_gst_sip_transport_get_n_connections (transport) == 0);
  g_assert_false (
      _gst_sip_transport_connection_is_open (transport, connection));
  g_assert_cmpuint (rec.n_errors, ==, 0);

  g_free (one);
  g_free (two);
  g_free (three);
  g_free (both);
  g_object_unref (client);
  g_object_unref (client_address);
  g_object_unref (to);
  g_object_unref (transport);
  recorder_clear (&rec);
}

static void
test_tcp_keep_alive (void)
{
  GstSipTransport *transport;
  GSocket *client;
  GSocketAddress *to;
  GString *in = g_string_new (NULL);
  Recorder rec;
  gchar *text;

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &rec);
  to = socket_address ("127.0.0.1", gst_sip_transport_get_port (transport));
  client = plain_tcp_connect (to);

  /* RFC 5626: ping, pong */
  stream_write (client, "\r\n\r\n", 4);
  WAIT_UNTIL (stream_read_available (client, in) && in->len >= 2);
  iterate_for (50);
  g_assert_true (stream_read_available (client, in));
  g_assert_cmpstr (in->str, ==, "\r\n");

  /* a single CRLF (a pong) gets no answer, and the stream goes on */
  g_string_truncate (in, 0);
  text = make_request ("TCP", "after-ping", NULL, NULL);
  stream_write (client, "\r\n", 2);
  stream_write (client, text, strlen (text));
  g_free (text);
  WAIT_UNTIL (rec.n_received == 1);
  g_assert_true (stream_read_available (client, in));
  g_assert_cmpuint (in->len, ==, 0);
  g_assert_cmpuint (rec.messages->len, ==, 1);

  g_string_free (in, TRUE);
  g_object_unref (client);
  g_object_unref (to);
  g_object_unref (transport);
  recorder_clear (&rec);
}

/* input that cannot be framed closes the connection */
static void
check_tcp_framing_error (
    const gchar *input, guint max_message_size, gint error_code)
{
  GstSipTransport *transport;
  GSocket *client;
  GSocketAddress *to;
  Recorder rec;

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &rec);
  g_object_set (transport, "max-message-size", max_message_size, NULL);
  to = socket_address ("127.0.0.1", gst_sip_transport_get_port (transport));
  client = plain_tcp_connect (to);

  stream_write (client, input, strlen (input));
  WAIT_UNTIL (rec.n_received == 1);
  g_assert_cmpuint (rec.n_unreadable, ==, 1);
  g_assert_error (rec.receive_error, GST_SIP_ERROR, error_code);
  WAIT_UNTIL (_gst_sip_transport_get_n_connections (transport) == 0);
  wait_stream_closed (client);
  g_assert_cmpuint (rec.n_errors, ==, 0);

  g_object_unref (client);
  g_object_unref (to);
  g_object_unref (transport);
  recorder_clear (&rec);
}

static void
test_tcp_no_content_length (void)
{
  static const gchar request[] =
      "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-x\r\n"
      "Max-Forwards: 70\r\n"
      "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
      "To: <sip:bob@127.0.0.1>\r\n"
      "Call-ID: no-clen\r\n"
      "CSeq: 1 OPTIONS\r\n"
      "\r\n";

  check_tcp_framing_error (
      request, GST_SIP_MAX_MESSAGE_SIZE, GST_SIP_ERROR_PARSE);
}

static void
test_tcp_too_large (void)
{
  gchar *request, *headers;

  /* a Content-Length beyond the limit */
  headers = make_request ("TCP", "large", NULL, NULL);
  *strstr (headers, "Content-Length: 0") = '\0';
  request = g_strconcat (headers, "Content-Length: 9000\r\n\r\n", NULL);
  check_tcp_framing_error (request, 1024, GST_SIP_ERROR_TOO_LARGE);
  g_free (request);
  g_free (headers);

  /* a header section that never ends */
  headers = g_strnfill (2000, 'a');
  request =
      g_strdup_printf ("OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nX: %s", headers);
  check_tcp_framing_error (request, 1024, GST_SIP_ERROR_TOO_LARGE);
  g_free (request);
  g_free (headers);
}

/* sending opens one connection and reuses it; the answer comes back on
 * it */
static void
test_tcp_connect_and_reuse (void)
{
  GstSipTransport *transport;
  GSocket *listener, *server;
  GSocketAddress *server_address;
  GString *in = g_string_new (NULL);
  GstSipMessage *msg;
  Recorder rec;
  gchar *one, *two, *both, *response;

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &rec);
  listener = plain_tcp_listener ("127.0.0.1");
  server_address = local_address (listener);

  one = make_request ("TCP", "out-1", NULL, NULL);
  two = make_request ("TCP", "out-2", NULL, "second");
  both = g_strconcat (one, two, NULL);

  transport_send (transport, one, server_address, NULL);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (transport), ==, 1);
  transport_send (transport, two, server_address, NULL);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (transport), ==, 1);

  server = plain_accept (listener);
  WAIT_UNTIL (stream_read_available (server, in) && in->len >= strlen (both));
  g_assert_cmpstr (in->str, ==, both);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (transport), ==, 1);

  /* the server answers on the same connection */
  response =
      g_strdup_printf ("SIP/2.0 200 OK\r\n"
                       "Via: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-out-1\r\n"
                       "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
                       "To: <sip:bob@127.0.0.1>;tag=b1\r\n"
                       "Call-ID: out-1\r\n"
                       "CSeq: 1 OPTIONS\r\n"
                       "Content-Length: 0\r\n\r\n");
  stream_write (server, response, strlen (response));
  WAIT_UNTIL (rec.n_received == 1);
  msg = nth_message (&rec, 0);
  g_assert_cmpuint (gst_sip_message_get_status_code (msg), ==, 200);
  g_assert_nonnull (_gst_sip_message_get_connection (msg));
  g_assert_true (_gst_sip_transport_connection_is_open (
      transport, _gst_sip_message_get_connection (msg)));
  g_assert_cmpuint (address_port (gst_sip_message_get_remote_address (msg)), ==,
      address_port (server_address));

  /* the connection of a message is used even without a destination */
  g_string_truncate (in, 0);
  transport_send (transport, one, NULL, _gst_sip_message_get_connection (msg));
  WAIT_UNTIL (stream_read_available (server, in) && in->len >= strlen (one));
  g_assert_cmpstr (in->str, ==, one);

  /* the server closes: nothing was pending, so no error */
  g_socket_close (server, NULL);
  WAIT_UNTIL (_gst_sip_transport_get_n_connections (transport) == 0);
  g_assert_false (_gst_sip_transport_connection_is_open (
      transport, _gst_sip_message_get_connection (msg)));
  g_assert_cmpuint (rec.n_errors, ==, 0);

  g_free (one);
  g_free (two);
  g_free (both);
  g_free (response);
  g_string_free (in, TRUE);
  g_object_unref (server);
  g_object_unref (listener);
  g_object_unref (server_address);
  g_object_unref (transport);
  recorder_clear (&rec);
}

/* a lot of data to a slow reader: partial writes, queued in order */
static void
test_tcp_large_writes (void)
{
  GstSipTransport *transport;
  GSocket *listener, *server;
  GSocketAddress *server_address;
  GString *expected = g_string_new (NULL), *in = g_string_new (NULL);
  Recorder rec;
  guint i;

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &rec);
  listener = plain_tcp_listener ("127.0.0.1");
  server_address = local_address (listener);

  for (i = 0; i < 64; i++) {
    gchar *body = g_strnfill (60000, 'a' + i % 26);
    gchar *call_id = g_strdup_printf ("large-%u", i);
    gchar *text = make_request ("TCP", call_id, NULL, body);

    transport_send (transport, text, server_address, NULL);
    g_string_append (expected, text);
    g_free (text);
    g_free (call_id);
    g_free (body);
  }
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (transport), ==, 1);

  server = plain_accept (listener);
  WAIT_UNTIL (stream_read_available (server, in) && in->len >= expected->len);
  g_assert_cmpuint (in->len, ==, expected->len);
  g_assert_true (memcmp (in->str, expected->str, in->len) == 0);
  g_assert_cmpuint (rec.n_errors, ==, 0);

  g_string_free (expected, TRUE);
  g_string_free (in, TRUE);
  g_object_unref (server);
  g_object_unref (listener);
  g_object_unref (server_address);
  g_object_unref (transport);
  recorder_clear (&rec);
}

/* the peer goes away while data is still queued: an error for its
 * address */
static void
test_tcp_reset_with_queued_data (void)
{
  GstSipTransport *transport;
  GSocket *listener, *server;
  GSocketAddress *server_address;
  gchar *body, *text;
  Recorder rec;
  guint i;

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &rec);
  listener = plain_tcp_listener ("127.0.0.1");
  server_address = local_address (listener);

  /* more than the socket buffers of both sides hold */
  body = g_strnfill (65000, 'x');
  text = make_request ("TCP", "reset", NULL, body);
  for (i = 0; i < 512; i++)
    transport_send (transport, text, server_address, NULL);
  g_free (text);
  g_free (body);

  server = plain_accept (listener);
  iterate_for (100);
  g_assert_cmpuint (rec.n_errors, ==, 0);
  /* unread data: the close resets the connection */
  g_socket_close (server, NULL);

  WAIT_UNTIL (rec.n_errors == 1);
  g_assert_error (rec.transport_error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT);
  g_assert_cmpuint (
      address_port (rec.error_remote), ==, address_port (server_address));
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (transport), ==, 0);

  g_object_unref (server);
  g_object_unref (listener);
  g_object_unref (server_address);
  g_object_unref (transport);
  recorder_clear (&rec);
}

static void
test_tcp_connect_refused (void)
{
  GstSipTransport *transport;
  GSocketAddress *closed;
  GBytes *bytes;
  GError *error = NULL;
  Recorder rec;
  gchar *text;

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &rec);
  closed = socket_address (
      "127.0.0.1", unused_port ("127.0.0.1", G_SOCKET_TYPE_STREAM));

  text = make_request ("TCP", "refused", NULL, NULL);
  bytes = bytes_from_string (text);
  g_assert_true (
      _gst_sip_transport_send (transport, bytes, closed, NULL, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (rec.n_errors == 1);
  g_assert_error (rec.transport_error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT);
  g_assert_nonnull (rec.error_remote);
  g_assert_cmpuint (address_port (rec.error_remote), ==, address_port (closed));
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (transport), ==, 0);
  iterate_for (50);
  g_assert_cmpuint (rec.n_errors, ==, 1);

  /* an IPv6 destination from an IPv4 transport fails at once */
  if (can_bind ("::1")) {
    GSocketAddress *v6 = socket_address ("::1", 5060);

    g_assert_false (
        _gst_sip_transport_send (transport, bytes, v6, NULL, &error));
    g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT);
    g_clear_error (&error);
    g_object_unref (v6);
  }

  g_free (text);
  g_bytes_unref (bytes);
  g_object_unref (closed);
  g_object_unref (transport);
  recorder_clear (&rec);
}

static void
test_tcp_idle_timeout (void)
{
  GstSipTransport *transport;
  GSocket *client;
  GSocketAddress *to;
  Recorder rec;
  gchar *text;
  guint timeout;
  gint64 start;

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &rec);
  g_object_get (transport, "idle-timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 120);
  _gst_sip_transport_set_idle_timeout_ms (transport, 200);
  to = socket_address ("127.0.0.1", gst_sip_transport_get_port (transport));

  client = plain_tcp_connect (to);
  start = g_get_monotonic_time ();
  text = make_request ("TCP", "idle", NULL, NULL);
  stream_write (client, text, strlen (text));
  g_free (text);
  WAIT_UNTIL (rec.n_received == 1);

  /* traffic keeps it open, silence closes it */
  WAIT_UNTIL (_gst_sip_transport_get_n_connections (transport) == 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  wait_stream_closed (client);
  g_assert_cmpuint (rec.n_errors, ==, 0);

  /* 0 disables it */
  g_object_set (transport, "idle-timeout", 0, NULL);
  g_object_unref (client);
  client = plain_tcp_connect (to);
  WAIT_UNTIL (_gst_sip_transport_get_n_connections (transport) == 1);
  iterate_for (300);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (transport), ==, 1);

  g_object_unref (client);
  g_object_unref (to);
  g_object_unref (transport);
  recorder_clear (&rec);
}

/* two transports talk to each other both ways */
static void
test_tcp_transport_to_transport (void)
{
  GstSipTransport *a, *b;
  GSocketAddress *a_address, *b_address;
  GstSipMessage *request, *response;
  Recorder rec_a, rec_b;
  GObject *b_connection;
  gchar *text;

  recorder_init (&rec_a);
  recorder_init (&rec_b);
  a = start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &rec_a);
  b = start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &rec_b);
  a_address = socket_address ("127.0.0.1", gst_sip_transport_get_port (a));
  b_address = socket_address ("127.0.0.1", gst_sip_transport_get_port (b));

  /* a -> b, and the response back on the connection of the request */
  text = make_request ("TCP", "a-to-b", NULL, "from a");
  transport_send (a, text, b_address, NULL);
  g_free (text);
  WAIT_UNTIL (rec_b.n_received == 1);
  request = nth_message (&rec_b, 0);
  b_connection = _gst_sip_message_get_connection (request);
  g_assert_true (_gst_sip_transport_connection_is_open (b, b_connection));
  g_assert_false (_gst_sip_transport_connection_is_open (a, b_connection));

  response = gst_sip_message_new_response_for_request (request, 200, NULL);
  {
    GBytes *bytes = gst_sip_message_to_bytes (response);
    GError *error = NULL;

    g_assert_true (_gst_sip_transport_send (b, bytes,
        gst_sip_message_get_remote_address (request), b_connection, &error));
    g_assert_no_error (error);
    g_bytes_unref (bytes);
  }
  gst_sip_message_unref (response);
  WAIT_UNTIL (rec_a.n_received == 1);
  g_assert_cmpuint (
      gst_sip_message_get_status_code (nth_message (&rec_a, 0)), ==, 200);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (a), ==, 1);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (b), ==, 1);

  /* b -> a's listening port: a new connection */
  text = make_request ("TCP", "b-to-a", NULL, NULL);
  transport_send (b, text, a_address, NULL);
  g_free (text);
  WAIT_UNTIL (rec_a.n_received == 2);
  g_assert_cmpstr (
      gst_sip_message_get_call_id (nth_message (&rec_a, 1)), ==, "b-to-a");
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (b), ==, 2);
  WAIT_UNTIL (_gst_sip_transport_get_n_connections (a) == 2);

  /* stopping closes everything; the other side sees it */
  _gst_sip_transport_stop (b);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (b), ==, 0);
  g_assert_false (_gst_sip_transport_connection_is_open (b, b_connection));
  WAIT_UNTIL (_gst_sip_transport_get_n_connections (a) == 0);
  g_assert_cmpuint (rec_a.n_errors, ==, 0);
  g_assert_cmpuint (rec_b.n_errors, ==, 0);

  g_object_unref (a);
  g_object_unref (b);
  g_object_unref (a_address);
  g_object_unref (b_address);
  recorder_clear (&rec_a);
  recorder_clear (&rec_b);
}

static void
test_tcp_ipv6 (void)
{
  GstSipTransport *transport;
  GSocket *client;
  GSocketAddress *to;
  Recorder rec;
  gchar *text;

  if (!can_bind ("::1")) {
    g_test_skip ("cannot bind ::1");
    return;
  }

  recorder_init (&rec);
  transport = start_transport (GST_SIP_TRANSPORT_PROTOCOL_TCP, "::1", 0, &rec);
  to = socket_address ("::1", gst_sip_transport_get_port (transport));
  client = plain_tcp_connect (to);
  text = make_request ("TCP", "v6", NULL, NULL);
  stream_write (client, text, strlen (text));
  g_free (text);
  WAIT_UNTIL (rec.n_received == 1);
  g_assert_cmpint (
      g_socket_address_get_family (
          gst_sip_message_get_remote_address (nth_message (&rec, 0))),
      ==, G_SOCKET_FAMILY_IPV6);

  g_object_unref (client);
  g_object_unref (to);
  g_object_unref (transport);
  recorder_clear (&rec);
}

/* a receive callback that stops and drops the transport must not crash */
static void
on_receive_drop (GstSipTransport *transport, GstSipMessage *msg,
    const GstSipParseFault *fault, const GError *error, gpointer user_data)
{
  GstSipTransport **slot = user_data;

  _gst_sip_transport_stop (transport);
  g_clear_object (slot);
}

static void
test_drop_in_callback (void)
{
  GstSipTransportProtocol protocols[] = { GST_SIP_TRANSPORT_PROTOCOL_UDP,
    GST_SIP_TRANSPORT_PROTOCOL_TCP };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (protocols); i++) {
    GstSipTransport *transport;
    GSocketAddress *to;
    GSocket *peer;
    gchar *text, *twice;

    transport = start_transport (protocols[i], "127.0.0.1", 0, NULL);
    _gst_sip_transport_set_callbacks (
        transport, on_receive_drop, NULL, &transport);
    to = socket_address ("127.0.0.1", gst_sip_transport_get_port (transport));
    text = make_request ("X", "drop", NULL, NULL);
    twice = g_strconcat (text, text, NULL);
    if (protocols[i] == GST_SIP_TRANSPORT_PROTOCOL_UDP) {
      peer = plain_udp_socket ("127.0.0.1");
      send_datagram (peer, to, text, strlen (text));
      send_datagram (peer, to, text, strlen (text));
    } else {
      peer = plain_tcp_connect (to);
      stream_write (peer, twice, strlen (twice));
    }
    WAIT_UNTIL (transport == NULL);
    iterate_for (20);

    g_free (text);
    g_free (twice);
    g_object_unref (peer);
    g_object_unref (to);
  }
}

/* ---------------------------------------------------------------------- */
/* sipwire */

static const gchar credentials_message[] =
    "REGISTER sip:example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-reg\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:alice@example.com>;tag=r1\r\n"
    "To: <sip:alice@example.com>\r\n"
    "Call-ID: reg-1\r\n"
    "CSeq: 2 REGISTER\r\n"
    "Authorization: Digest username=\"alice\", realm=\"example.com\",\r\n"
    " nonce=\"NONCE1234\", uri=\"sip:example.com\",\r\n"
    " response=\"RESPONSE5678\", algorithm=MD5\r\n"
    "proxy-authorization :Digest realm=\"proxy\", username=\"bob\", "
    "nonce=\"PNONCE\", response=\"PRESPONSE\", cnonce=\"CNONCE\"\r\n"
    "Proxy-Authorization: Bearer SECRET-TOKEN\r\n"
    "Authorization: garbage \"unbalanced\r\n"
    "Content-Length: 4\r\n"
    "\r\n"
    "a\001b\n";

static void
check_masked (const gchar *text)
{
  static const gchar *const secrets[] = { "NONCE1234", "RESPONSE5678", "PNONCE",
    "PRESPONSE", "CNONCE", "SECRET-TOKEN", "unbalanced", "example.com\",",
    "proxy\"" };
  guint i;

  g_assert_nonnull (strstr (
      text, "\r\nAuthorization: Digest username=\"alice\", <masked>\r\n"));
  g_assert_nonnull (strstr (
      text, "\r\nproxy-authorization : Digest username=\"bob\", <masked>\r\n"));
  g_assert_nonnull (
      strstr (text, "\r\nProxy-Authorization: Bearer <masked>\r\n"));
  g_assert_nonnull (strstr (text, "\r\nAuthorization: <masked>\r\n"));
  for (i = 0; i < G_N_ELEMENTS (secrets); i++) {
    if (strstr (text, secrets[i]))
      g_error ("\"%s\" was not masked in:\n%s", secrets[i], text);
  }
  /* the rest is as it was */
  g_assert_nonnull (strstr (text, "REGISTER sip:example.com SIP/2.0\r\n"));
  g_assert_nonnull (strstr (text, "\r\nCall-ID: reg-1\r\n"));
  g_assert_nonnull (strstr (text, "\r\nContent-Length: 4\r\n\r\na.b\n"));
}

static void
test_wire_mask (void)
{
  gchar *text;

  text = _gst_sip_wire_mask (
      (const guint8 *) credentials_message, strlen (credentials_message));
  check_masked (text);
  g_free (text);

  /* nothing to mask */
  text = _gst_sip_wire_mask ((const guint8 *) "SIP/2.0 200 OK\r\n\r\n", 18);
  g_assert_cmpstr (text, ==, "SIP/2.0 200 OK\r\n\r\n");
  g_free (text);
  text = _gst_sip_wire_mask ((const guint8 *) "Authorization", 13);
  g_assert_cmpstr (text, ==, "Authorization");
  g_free (text);
  text = _gst_sip_wire_mask (NULL, 0);
  g_assert_cmpstr (text, ==, "");
  g_free (text);
}

/* The sipwire category logs received and sent messages, masked.  The
 * subprocess turns it on and logs with the default log function; its
 * stderr is checked here. */
static void
test_wire_log (void)
{
  static const gchar *const secrets[] = { "*NONCE1234*", "*RESPONSE5678*",
    "*PNONCE*", "*PRESPONSE*", "*CNONCE*", "*SECRET-TOKEN*", "*unbalanced*" };
  GstSipTransport *transport;
  GSocket *peer;
  GSocketAddress *to, *peer_address;
  Recorder rec;
  gchar buf[2048];
  guint i;

  if (!g_test_subprocess ()) {
    g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, 0);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stderr ("*received 569 bytes UDP from 127.0.0.1:*"
                               "\nAuthorization: Digest username=\"alice\", "
                               "<masked>\r"
                               "\nproxy-authorization : Digest "
                               "username=\"bob\", <masked>\r"
                               "\nProxy-Authorization: Bearer <masked>\r"
                               "\nAuthorization: <masked>\r\n*"
                               "sent 569 bytes UDP to 127.0.0.1:*"
                               "\nAuthorization: Digest username=\"alice\", "
                               "<masked>\r\n*");
    g_test_trap_assert_stderr ("*sent 25 bytes - to (none):*");
    for (i = 0; i < G_N_ELEMENTS (secrets); i++)
      g_test_trap_assert_stderr_unmatched (secrets[i]);
    return;
  }

  gst_debug_set_threshold_for_name ("sipwire", GST_LEVEL_LOG);

  /* before any transport, without one (a send function) */
  _gst_sip_wire_log (
      NULL, TRUE, NULL, (const guint8 *) "OPTIONS sip:x SIP/2.0\r\n\r\n", 25);

  recorder_init (&rec);
  transport =
      start_transport (GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &rec);
  to = socket_address ("127.0.0.1", gst_sip_transport_get_port (transport));
  peer = plain_udp_socket ("127.0.0.1");
  peer_address = local_address (peer);

  send_datagram (peer, to, credentials_message, strlen (credentials_message));
  WAIT_UNTIL (rec.n_received == 1);
  transport_send (transport, credentials_message, peer_address, NULL);
  g_assert_cmpint (
      g_socket_receive (peer, buf, sizeof (buf), NULL, NULL), >, 0);

  g_object_unref (transport);
  g_object_unref (peer);
  g_object_unref (peer_address);
  g_object_unref (to);
  recorder_clear (&rec);
}

int
main (int argc, char **argv)
{
  gst_init (NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transport/unit/wire-mask", test_wire_mask);

  g_test_add_func ("/transport/errors", test_errors);
  g_test_add_func ("/transport/udp/ipv4", test_udp_ipv4);
  g_test_add_func ("/transport/udp/ipv6", test_udp_ipv6);
  g_test_add_func ("/transport/udp/invalid", test_udp_invalid);
  g_test_add_func ("/transport/udp/unreachable", test_udp_unreachable);
  g_test_add_func ("/transport/udp/wildcard", test_udp_wildcard);
  g_test_add_func ("/transport/udp/dual-stack", test_udp_dual_stack);
  g_test_add_func ("/transport/tcp/receive", test_tcp_receive);
  g_test_add_func ("/transport/tcp/keep-alive", test_tcp_keep_alive);
  g_test_add_func (
      "/transport/tcp/no-content-length", test_tcp_no_content_length);
  g_test_add_func ("/transport/tcp/too-large", test_tcp_too_large);
  g_test_add_func (
      "/transport/tcp/connect-and-reuse", test_tcp_connect_and_reuse);
  g_test_add_func ("/transport/tcp/connect-refused", test_tcp_connect_refused);
  g_test_add_func ("/transport/tcp/large-writes", test_tcp_large_writes);
  g_test_add_func (
      "/transport/tcp/reset-with-queued-data", test_tcp_reset_with_queued_data);
  g_test_add_func ("/transport/tcp/idle-timeout", test_tcp_idle_timeout);
  g_test_add_func (
      "/transport/tcp/transport-to-transport", test_tcp_transport_to_transport);
  g_test_add_func ("/transport/tcp/ipv6", test_tcp_ipv6);
  g_test_add_func ("/transport/drop-in-callback", test_drop_in_callback);
  g_test_add_func ("/transport/wire-log", test_wire_log);

  return g_test_run ();
}
