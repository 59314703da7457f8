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

/*
 * The TCP transport: a listening socket and a set of connections, accepted
 * or opened on demand (RFC 3261 section 18).
 *
 * Each connection is a GstSipConnection: a GIOStream read and written only
 * through its pollable streams, so nothing ever blocks the main context.
 * Input collects in a buffer that is cut into messages by Content-Length
 * (_gst_sip_message_frame()); output is a queue of GBytes written as far as
 * the socket takes them.  A message that cannot be framed (no or a bad
 * Content-Length, too large) leaves no way to find the next one, so the
 * connection is closed.  RFC 5626 keep-alives are answered: a CRLFCRLF ping
 * gets a CRLF pong.
 *
 * Connections are found again by the remote address ("ip:port"), so a
 * request to an address that already has a connection, accepted or opened,
 * reuses it.  A connection without traffic for the idle timeout is closed.
 *
 * A subclass may secure the streams (sip-transport-tls.c): a connected
 * stream then goes to its secure() method first, and nothing is read or
 * written until it hands back the stream to use.  Connections opened
 * towards a named server are found by address and that name.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gnetworking.h>

#include "sip-transport-private.h"

GST_DEBUG_CATEGORY_STATIC (sip_transport_debug);
#define GST_CAT_DEFAULT sip_transport_debug

#define MAX_ACCEPTS_PER_DISPATCH 16
#define MAX_READS_PER_DISPATCH 16
#define READ_CHUNK_SIZE 16384

/* ---------------------------------------------------------------------- */
/* GstSipConnection */

#define GST_TYPE_SIP_CONNECTION (_gst_sip_connection_get_type ())
G_GNUC_INTERNAL
G_DECLARE_FINAL_TYPE (
    GstSipConnection, _gst_sip_connection, GST, SIP_CONNECTION, GObject)

struct _GstSipConnection
{
  GObject parent;

  /* the transport, not a reference; NULL once the connection is closed */
  GstSipTransportTcp *tcp;
  gboolean open;

  GSocket *socket;
  /* NULL while connecting (and securing) */
  GIOStream *stream;
  GCancellable *cancellable;
  gboolean incoming;
  GPollableInputStream *input;
  GPollableOutputStream *output;

  GSource *connect_source;
  GSource *read_source;
  GSource *write_source;
  GSource *idle_source;
  GError *connect_error;

  GByteArray *input_buffer;
  GQueue output_queue; /* GBytes */
  gsize output_offset; /* in the head of output_queue */

  GSocketAddress *remote;
  GSocketAddress *local; /* once connected */
  gchar *key; /* remote as text */
  gchar *server_name; /* the server a connection was opened to, or NULL */
  gchar *index; /* in by_remote: key, or key "/" server_name */
  gint64 last_activity;
};

G_DEFINE_TYPE (GstSipConnection, _gst_sip_connection, G_TYPE_OBJECT);

static void
_gst_sip_connection_init (GstSipConnection *conn)
{
  g_queue_init (&conn->output_queue);
  conn->input_buffer = g_byte_array_new ();
  conn->cancellable = g_cancellable_new ();
}

static void
gst_sip_connection_finalize (GObject *object)
{
  GstSipConnection *conn = GST_SIP_CONNECTION (object);

  /* a connection is closed before its last reference goes */
  g_warn_if_fail (!conn->open);

  g_queue_clear_full (&conn->output_queue, (GDestroyNotify) g_bytes_unref);
  g_clear_pointer (&conn->input_buffer, g_byte_array_unref);
  g_clear_error (&conn->connect_error);
  g_clear_object (&conn->stream);
  g_clear_object (&conn->cancellable);
  g_clear_object (&conn->socket);
  g_clear_object (&conn->remote);
  g_clear_object (&conn->local);
  g_free (conn->key);
  g_free (conn->server_name);
  g_free (conn->index);

  G_OBJECT_CLASS (_gst_sip_connection_parent_class)->finalize (object);
}

static void
_gst_sip_connection_class_init (GstSipConnectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gst_sip_connection_finalize;
}

/* ---------------------------------------------------------------------- */
/* GstSipTransportTcp */

G_DEFINE_TYPE_WITH_CODE (GstSipTransportTcp, _gst_sip_transport_tcp,
    GST_TYPE_SIP_TRANSPORT,
    GST_DEBUG_CATEGORY_INIT (
        sip_transport_debug, "siptransport", 0, "SIP transports"));

static gboolean gst_sip_transport_tcp_start (
    GstSipTransport *transport, GError **error);
static void gst_sip_transport_tcp_stop (GstSipTransport *transport);
static gboolean gst_sip_transport_tcp_send (GstSipTransport *transport,
    GBytes *data, GSocketAddress *destination, GObject *connection,
    GError **error);
static void gst_sip_transport_tcp_dispose (GObject *object);
static void gst_sip_transport_tcp_finalize (GObject *object);

static void connection_close (GstSipConnection *conn, const GError *reason);
static gboolean connection_flush (GstSipConnection *conn);
static void connection_rearm_idle (GstSipConnection *conn);

static void
_gst_sip_transport_tcp_class_init (GstSipTransportTcpClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstSipTransportClass *transport_class = GST_SIP_TRANSPORT_CLASS (klass);

  gobject_class->dispose = gst_sip_transport_tcp_dispose;
  gobject_class->finalize = gst_sip_transport_tcp_finalize;

  transport_class->start = gst_sip_transport_tcp_start;
  transport_class->stop = gst_sip_transport_tcp_stop;
  transport_class->send = gst_sip_transport_tcp_send;
}

static void
_gst_sip_transport_tcp_init (GstSipTransportTcp *tcp)
{
  tcp->connections = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  tcp->by_remote = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
gst_sip_transport_tcp_dispose (GObject *object)
{
  _gst_sip_transport_stop (GST_SIP_TRANSPORT (object));

  G_OBJECT_CLASS (_gst_sip_transport_tcp_parent_class)->dispose (object);
}

static void
gst_sip_transport_tcp_finalize (GObject *object)
{
  GstSipTransportTcp *tcp = GST_SIP_TRANSPORT_TCP (object);

  g_hash_table_unref (tcp->by_remote);
  g_hash_table_unref (tcp->connections);

  G_OBJECT_CLASS (_gst_sip_transport_tcp_parent_class)->finalize (object);
}


void
_gst_sip_transport_tcp_idle_timeout_changed (GstSipTransportTcp *tcp)
{
  GHashTableIter iter;
  gpointer conn;

  g_hash_table_iter_init (&iter, tcp->connections);
  while (g_hash_table_iter_next (&iter, &conn, NULL))
    connection_rearm_idle (conn);
}

gboolean
_gst_sip_transport_tcp_connection_is_open (
    GstSipTransportTcp *tcp, GObject *connection)
{
  GstSipConnection *conn;

  if (!GST_IS_SIP_CONNECTION (connection))
    return FALSE;
  conn = GST_SIP_CONNECTION (connection);
  return conn->open && conn->tcp == tcp;
}

guint
_gst_sip_transport_tcp_get_n_connections (GstSipTransportTcp *tcp)
{
  return g_hash_table_size (tcp->connections);
}

static void
set_tcp_nodelay (GSocket *socket)
{
  GError *err = NULL;

  if (!g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, &err)) {
    GST_DEBUG ("could not set TCP_NODELAY: %s", err->message);
    g_clear_error (&err);
  }
}

/* ---------------------------------------------------------------------- */
/* connections: idle timeout */

static gboolean
idle_source_dispatch (GSource *source, GSourceFunc callback, gpointer user_data)
{
  return callback (user_data);
}

static GSourceFuncs idle_source_funcs = {
  NULL,
  NULL,
  idle_source_dispatch,
  NULL,
  NULL,
  NULL,
};

static void
connection_touch (GstSipConnection *conn)
{
  /* the idle source looks at this when its (older) deadline comes */
  conn->last_activity = g_get_monotonic_time ();
}

static void
connection_rearm_idle (GstSipConnection *conn)
{
  guint timeout_ms;

  if (conn->idle_source == NULL || conn->tcp == NULL)
    return;

  timeout_ms =
      _gst_sip_transport_get_idle_timeout_ms (GST_SIP_TRANSPORT (conn->tcp));
  if (timeout_ms == 0)
    g_source_set_ready_time (conn->idle_source, -1);
  else
    g_source_set_ready_time (
        conn->idle_source, conn->last_activity + (gint64) timeout_ms * 1000);
}

static gboolean
on_idle_check (gpointer user_data)
{
  GstSipConnection *conn = user_data;
  guint timeout_ms =
      _gst_sip_transport_get_idle_timeout_ms (GST_SIP_TRANSPORT (conn->tcp));
  gint64 deadline = conn->last_activity + (gint64) timeout_ms * 1000;
  GError *err;

  if (timeout_ms == 0 || g_get_monotonic_time () < deadline) {
    connection_rearm_idle (conn);
    return G_SOURCE_CONTINUE;
  }

  GST_DEBUG_OBJECT (conn->tcp, "closing idle connection %s", conn->key);
  if (conn->stream)
    err = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("The connection to %s was closed after %u ms without traffic"),
        conn->key, timeout_ms);
  else
    err = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("Timed out connecting to %s"), conn->key);
  connection_close (conn, err);
  g_error_free (err);

  return G_SOURCE_CONTINUE;
}

/* ---------------------------------------------------------------------- */
/* connections: input */

static void
connection_queue (GstSipConnection *conn, GBytes *bytes)
{
  g_queue_push_tail (&conn->output_queue, g_bytes_ref (bytes));
  if (conn->stream && conn->write_source == NULL)
    connection_flush (conn);
}

static void
deliver_message (GstSipConnection *conn, const guint8 *data, gsize len)
{
  GstSipTransport *transport = GST_SIP_TRANSPORT (conn->tcp);
  GstSipParseOptions options = {
    0,
  };
  GstSipParseFault fault;
  GstSipMessage *msg;
  GError *err = NULL;

  _gst_sip_wire_log (transport, FALSE, conn->remote, data, len);

  options.max_size = _gst_sip_transport_get_max_message_size (transport);
  options.stream = TRUE;
  msg = _gst_sip_message_parse (data, len, &options, &fault, &err);
  if (msg)
    _gst_sip_message_set_origin (msg,
        gst_sip_transport_get_protocol (transport), G_OBJECT (transport),
        G_OBJECT (conn), conn->remote, conn->local);
  if (err)
    GST_DEBUG_OBJECT (
        transport, "invalid message from %s: %s", conn->key, err->message);

  _gst_sip_transport_deliver (transport, msg, &fault, err);

  g_clear_error (&err);
  if (msg)
    gst_sip_message_unref (msg);
}

static void
framing_error (GstSipConnection *conn, GError *err)
{
  GstSipTransport *transport = g_object_ref (GST_SIP_TRANSPORT (conn->tcp));
  GstSipParseFault fault;

  GST_WARNING_OBJECT (
      transport, "cannot frame a message from %s: %s", conn->key, err->message);

  if (g_error_matches (err, GST_SIP_ERROR, GST_SIP_ERROR_TOO_LARGE)) {
    fault.kind = GST_SIP_FAULT_TOO_LARGE;
    fault.header = GST_SIP_HDR_OTHER;
  } else {
    fault.kind = GST_SIP_FAULT_BODY;
    fault.header = GST_SIP_HDR_CONTENT_LENGTH;
  }

  /* the next message cannot be found: close, then tell */
  connection_close (conn, err);
  _gst_sip_transport_deliver (transport, NULL, &fault, err);
  g_object_unref (transport);
}

/* Cuts the input into messages and hands them on.  Stops when the
 * connection is closed under it (by a receive callback, for instance). */
static void
connection_process_input (GstSipConnection *conn)
{
  static const guint8 ping[] = "\r\n\r\n";
  gsize offset = 0;

  while (conn->open) {
    GByteArray *buf = conn->input_buffer;
    const guint8 *data = buf->data + offset;
    gsize len = buf->len - offset, skip, msg_length;
    GstSipFrameResult res;
    GError *err = NULL;

    if (len == 0)
      break;

    /* RFC 5626 section 3.5.1: CRLFCRLF is a ping, answered by CRLF; a
     * lone CRLF is a pong or stray octets before a message */
    if (data[0] == '\r' || data[0] == '\n') {
      if (len >= 4 && memcmp (data, ping, 4) == 0) {
        static const guint8 pong[] = "\r\n";
        GBytes *bytes = g_bytes_new_static (pong, 2);

        GST_LOG_OBJECT (conn->tcp, "keep-alive ping from %s", conn->key);
        offset += 4;
        connection_touch (conn);
        connection_queue (conn, bytes);
        g_bytes_unref (bytes);
        continue;
      }
      if (len < 4 && memcmp (data, ping, len) == 0)
        break;
      offset++;
      continue;
    }

    res = _gst_sip_message_frame (data, len,
        _gst_sip_transport_get_max_message_size (GST_SIP_TRANSPORT (conn->tcp)),
        &skip, &msg_length, &err);
    if (res == GST_SIP_FRAME_NEED_MORE)
      break;
    if (res == GST_SIP_FRAME_ERROR) {
      framing_error (conn, err);
      g_clear_error (&err);
      return;
    }

    offset += skip + msg_length;
    deliver_message (conn, data + skip, msg_length);
  }

  if (conn->open && offset > 0)
    g_byte_array_remove_range (conn->input_buffer, 0, offset);
}

static gboolean
on_readable (GObject *stream, gpointer user_data)
{
  GstSipConnection *conn = user_data;
  GstSipTransportTcp *tcp = g_object_ref (conn->tcp);
  guint i;

  /* a receive callback may drop the last references */
  g_object_ref (conn);
  for (i = 0; i < MAX_READS_PER_DISPATCH && conn->open; i++) {
    GByteArray *buf = conn->input_buffer;
    guint old_len = buf->len;
    GError *err = NULL, *reason;
    gssize n;

    g_byte_array_set_size (buf, old_len + READ_CHUNK_SIZE);
    n = g_pollable_input_stream_read_nonblocking (
        conn->input, buf->data + old_len, READ_CHUNK_SIZE, NULL, &err);
    g_byte_array_set_size (buf, old_len + MAX (n, 0));

    if (n < 0) {
      if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
        g_clear_error (&err);
        break;
      }
      GST_DEBUG_OBJECT (
          conn->tcp, "read error on %s: %s", conn->key, err->message);
      reason = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
          _ ("The connection to %s failed: %s"), conn->key, err->message);
      connection_close (conn, reason);
      g_error_free (reason);
      g_clear_error (&err);
      break;
    }
    if (n == 0) {
      GST_DEBUG_OBJECT (conn->tcp, "%s closed the connection", conn->key);
      reason = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
          _ ("The connection to %s was closed by the peer"), conn->key);
      connection_close (conn, reason);
      g_error_free (reason);
      break;
    }

    connection_touch (conn);
    connection_process_input (conn);
  }
  g_object_unref (conn);
  g_object_unref (tcp);

  return G_SOURCE_CONTINUE;
}

/* ---------------------------------------------------------------------- */
/* connections: output */

static gboolean
on_writable (GObject *stream, gpointer user_data)
{
  GstSipConnection *conn = user_data;

  g_object_ref (conn);
  connection_flush (conn);
  g_object_unref (conn);

  return G_SOURCE_CONTINUE;
}

/* Writes as much of the queue as the socket takes; waits for the socket to
 * become writable for the rest.  Returns FALSE if the connection failed. */
static gboolean
connection_flush (GstSipConnection *conn)
{
  GBytes *bytes;

  while ((bytes = g_queue_peek_head (&conn->output_queue))) {
    gsize len;
    const guint8 *data = g_bytes_get_data (bytes, &len);
    GError *err = NULL, *reason;
    gssize n;

    n = g_pollable_output_stream_write_nonblocking (conn->output,
        data + conn->output_offset, len - conn->output_offset, NULL, &err);
    if (n < 0) {
      if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
        g_clear_error (&err);
        if (conn->write_source == NULL) {
          conn->write_source =
              g_pollable_output_stream_create_source (conn->output, NULL);
          g_source_set_callback (
              conn->write_source, G_SOURCE_FUNC (on_writable), conn, NULL);
          g_source_set_static_name (
              conn->write_source, "GstSipConnection write");
          g_source_attach (conn->write_source,
              _gst_sip_transport_get_context (GST_SIP_TRANSPORT (conn->tcp)));
        }
        return TRUE;
      }
      reason = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
          _ ("Could not send to %s: %s"), conn->key, err->message);
      connection_close (conn, reason);
      g_error_free (reason);
      g_clear_error (&err);
      return FALSE;
    }

    connection_touch (conn);
    conn->output_offset += n;
    if (conn->output_offset == len) {
      g_bytes_unref (g_queue_pop_head (&conn->output_queue));
      conn->output_offset = 0;
    }
  }

  if (conn->write_source) {
    g_source_destroy (conn->write_source);
    g_clear_pointer (&conn->write_source, g_source_unref);
  }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* connections: life cycle */

static void
destroy_source (GSource **source)
{
  if (*source) {
    g_source_destroy (*source);
    g_clear_pointer (source, g_source_unref);
  }
}

static gchar *
connection_index (const gchar *key, const gchar *server_name)
{
  return server_name ? g_strconcat (key, "/", server_name, NULL)
                     : g_strdup (key);
}

static GstSipConnection *
connection_new (GstSipTransportTcp *tcp, GSocket *socket,
    GSocketAddress *remote, const gchar *server_name)
{
  GstSipConnection *conn = g_object_new (GST_TYPE_SIP_CONNECTION, NULL);

  conn->tcp = tcp;
  conn->open = TRUE;
  conn->socket = g_object_ref (socket);
  conn->remote = g_object_ref (remote);
  conn->key = _gst_sip_socket_address_to_string (remote);
  conn->server_name = g_strdup (server_name);
  conn->index = connection_index (conn->key, server_name);
  connection_touch (conn);

  conn->idle_source = g_source_new (&idle_source_funcs, sizeof (GSource));
  g_source_set_callback (conn->idle_source, on_idle_check, conn, NULL);
  g_source_set_static_name (conn->idle_source, "GstSipConnection idle");
  g_source_attach (conn->idle_source,
      _gst_sip_transport_get_context (GST_SIP_TRANSPORT (tcp)));
  connection_rearm_idle (conn);

  /* the table owns the reference */
  g_hash_table_add (tcp->connections, conn);
  if (!g_hash_table_contains (tcp->by_remote, conn->index))
    g_hash_table_insert (tcp->by_remote, conn->index, conn);

  return conn;
}

/* the stream is ready: start reading, write what was queued */
static void
connection_start (GstSipConnection *conn, GIOStream *stream)
{
  conn->stream = g_object_ref (stream);
  conn->input =
      G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (conn->stream));
  conn->output =
      G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (conn->stream));

  conn->read_source = g_pollable_input_stream_create_source (conn->input, NULL);
  g_source_set_callback (
      conn->read_source, G_SOURCE_FUNC (on_readable), conn, NULL);
  g_source_set_static_name (conn->read_source, "GstSipConnection read");
  g_source_attach (conn->read_source,
      _gst_sip_transport_get_context (GST_SIP_TRANSPORT (conn->tcp)));

  connection_touch (conn);
  if (!g_queue_is_empty (&conn->output_queue))
    connection_flush (conn);
}

/* the socket is connected: secure the stream first if the class does */
static void
connection_established (GstSipConnection *conn)
{
  GstSipTransportTcpClass *klass = GST_SIP_TRANSPORT_TCP_GET_CLASS (conn->tcp);
  GIOStream *stream = G_IO_STREAM (
      g_socket_connection_factory_create_connection (conn->socket));

  conn->local = g_socket_get_local_address (conn->socket, NULL);
  if (klass->secure) {
    g_object_ref (conn);
    klass->secure (conn->tcp, G_OBJECT (conn), stream, conn->incoming,
        conn->remote, conn->server_name, conn->cancellable);
    g_object_unref (conn);
  } else {
    connection_start (conn, stream);
  }
  g_object_unref (stream);
}

void
_gst_sip_transport_tcp_connection_secured (
    GObject *connection, GIOStream *stream, const GError *error)
{
  GstSipConnection *conn;

  g_return_if_fail (GST_IS_SIP_CONNECTION (connection));

  conn = GST_SIP_CONNECTION (connection);
  if (!conn->open)
    return;
  if (error) {
    connection_close (conn, error);
    return;
  }
  GST_DEBUG_OBJECT (conn->tcp, "connection %s secured", conn->key);
  connection_start (conn, stream);
}

static void
connection_close (GstSipConnection *conn, const GError *reason)
{
  GstSipTransportTcp *tcp = conn->tcp;
  gboolean lost;

  if (!conn->open)
    return;

  GST_DEBUG_OBJECT (tcp, "closing connection %s%s%s", conn->index,
      reason ? ": " : "", reason ? reason->message : "");

  g_object_ref (conn);
  conn->open = FALSE;
  g_cancellable_cancel (conn->cancellable);
  /* data is lost when some is queued or when a connect failed */
  lost = !g_queue_is_empty (&conn->output_queue) || conn->stream == NULL;

  destroy_source (&conn->connect_source);
  destroy_source (&conn->read_source);
  destroy_source (&conn->write_source);
  destroy_source (&conn->idle_source);

  g_queue_clear_full (&conn->output_queue, (GDestroyNotify) g_bytes_unref);
  conn->output_offset = 0;
  g_byte_array_set_size (conn->input_buffer, 0);

  if (conn->stream)
    g_io_stream_close (conn->stream, NULL, NULL);
  g_socket_close (conn->socket, NULL);

  if (g_hash_table_lookup (tcp->by_remote, conn->index) == conn)
    g_hash_table_remove (tcp->by_remote, conn->index);
  g_hash_table_remove (tcp->connections, conn);
  conn->tcp = NULL;

  /* data was lost: the user agent fails what waited for it */
  if (reason && lost)
    _gst_sip_transport_report_error (
        GST_SIP_TRANSPORT (tcp), conn->remote, reason);

  g_object_unref (conn);
}

static gboolean
on_connected (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  GstSipConnection *conn = user_data;
  GError *err = NULL, *reason;

  destroy_source (&conn->connect_source);

  if (conn->connect_error == NULL &&
      g_socket_check_connect_result (socket, &err)) {
    GST_DEBUG_OBJECT (conn->tcp, "connected to %s", conn->key);
    connection_established (conn);
    return G_SOURCE_REMOVE;
  }

  if (err == NULL)
    err = g_error_copy (conn->connect_error);
  GST_DEBUG_OBJECT (
      conn->tcp, "could not connect to %s: %s", conn->key, err->message);
  reason = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("Could not connect to %s: %s"), conn->key, err->message);
  connection_close (conn, reason);
  g_error_free (reason);
  g_error_free (err);

  return G_SOURCE_REMOVE;
}

static gboolean
on_connect_failed (gpointer user_data)
{
  GstSipConnection *conn = user_data;

  return on_connected (conn->socket, 0, conn);
}

static GstSipConnection *
connection_open (GstSipTransportTcp *tcp, GSocketAddress *remote,
    const gchar *server_name, GError **error)
{
  GstSipTransport *transport = GST_SIP_TRANSPORT (tcp);
  GInetSocketAddress *bound = gst_sip_transport_get_local_address (transport);
  GInetAddress *bound_address = g_inet_socket_address_get_address (bound);
  GSocketFamily family = g_socket_address_get_family (remote);
  GstSipConnection *conn;
  GSocket *socket;
  GError *err = NULL;
  gchar *where;

  if (family != g_inet_address_get_family (bound_address))
    goto wrong_family;

  socket =
      g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &err);
  if (socket == NULL)
    goto socket_failed;
  g_socket_set_blocking (socket, FALSE);
  set_tcp_nodelay (socket);

  /* leave from the bound address, the one a Via names */
  if (!g_inet_address_get_is_any (bound_address)) {
    GSocketAddress *source = g_inet_socket_address_new (bound_address, 0);
    gboolean bound_ok = g_socket_bind (socket, source, FALSE, &err);

    g_object_unref (source);
    if (!bound_ok)
      goto bind_failed;
  }

  conn = connection_new (tcp, socket, remote, server_name);

  GST_DEBUG_OBJECT (tcp, "connecting to %s", conn->index);
  if (g_socket_connect (socket, remote, NULL, &err)) {
    connection_established (conn);
  } else if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_PENDING)) {
    g_clear_error (&err);
    conn->connect_source = g_socket_create_source (socket, G_IO_OUT, NULL);
    g_source_set_callback (
        conn->connect_source, G_SOURCE_FUNC (on_connected), conn, NULL);
  } else {
    /* refused at once (loopback): report it like a failure found later,
     * from the main context */
    conn->connect_error = err;
    conn->connect_source = g_timeout_source_new (0);
    g_source_set_callback (conn->connect_source, on_connect_failed, conn, NULL);
  }
  if (conn->connect_source) {
    g_source_set_static_name (conn->connect_source, "GstSipConnection connect");
    g_source_attach (
        conn->connect_source, _gst_sip_transport_get_context (transport));
  }
  g_object_unref (socket);

  return conn;

  /* ERRORS */
wrong_family : {
  where = _gst_sip_socket_address_to_string (remote);
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("A TCP transport on %s cannot reach %s"),
      _gst_sip_transport_get_address (transport), where);
  g_free (where);
  return NULL;
}
socket_failed : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("Could not create a TCP socket: %s"), err->message);
  g_clear_error (&err);
  return NULL;
}
bind_failed : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("Could not bind a TCP socket to %s: %s"),
      _gst_sip_transport_get_address (transport), err->message);
  g_clear_error (&err);
  g_object_unref (socket);
  return NULL;
}
}

/* ---------------------------------------------------------------------- */
/* the listening socket */

static gboolean
on_incoming (GSocket *listener, GIOCondition condition, gpointer user_data)
{
  GstSipTransportTcp *tcp = user_data;
  guint i;

  for (i = 0; i < MAX_ACCEPTS_PER_DISPATCH && tcp->listener; i++) {
    GSocket *socket;
    GSocketAddress *remote;
    GstSipConnection *conn;
    GError *err = NULL;

    socket = g_socket_accept (tcp->listener, NULL, &err);
    if (socket == NULL) {
      if (!g_error_matches (err, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        GST_WARNING_OBJECT (tcp, "accept failed: %s", err->message);
      g_clear_error (&err);
      break;
    }

    remote = g_socket_get_remote_address (socket, &err);
    if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote)) {
      GST_WARNING_OBJECT (tcp, "accepted a connection without an address");
      g_clear_error (&err);
      g_clear_object (&remote);
      g_socket_close (socket, NULL);
      g_object_unref (socket);
      continue;
    }

    g_socket_set_blocking (socket, FALSE);
    set_tcp_nodelay (socket);
    conn = connection_new (tcp, socket, remote, NULL);
    conn->incoming = TRUE;
    GST_DEBUG_OBJECT (tcp, "accepted a connection from %s", conn->key);
    connection_established (conn);

    g_object_unref (remote);
    g_object_unref (socket);
  }

  return G_SOURCE_CONTINUE;
}

static gboolean
gst_sip_transport_tcp_start (GstSipTransport *transport, GError **error)
{
  GstSipTransportTcp *tcp = GST_SIP_TRANSPORT_TCP (transport);
  GError *err = NULL;
  gboolean bad_address;

  tcp->listener = _gst_sip_transport_open_socket (
      transport, G_SOCKET_TYPE_STREAM, &bad_address, &err);
  if (tcp->listener == NULL)
    goto listen_failed;

  tcp->listen_source = g_socket_create_source (tcp->listener, G_IO_IN, NULL);
  g_source_set_callback (
      tcp->listen_source, G_SOURCE_FUNC (on_incoming), tcp, NULL);
  g_source_set_static_name (tcp->listen_source, "GstSipTransportTcp");
  g_source_attach (
      tcp->listen_source, _gst_sip_transport_get_context (transport));
  return TRUE;

  /* ERRORS */
listen_failed : {
  const gchar *address = _gst_sip_transport_get_address (transport);
  guint port;

  g_object_get (transport, "port", &port, NULL);
  if (bad_address)
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("\"%s\" is not an IP address"), address);
  else
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("Could not listen for TCP on %s port %u: %s"), address, port,
        err->message);
  g_clear_error (&err);
  return FALSE;
}
}

static void
gst_sip_transport_tcp_stop (GstSipTransport *transport)
{
  GstSipTransportTcp *tcp = GST_SIP_TRANSPORT_TCP (transport);
  GList *conns, *l;

  destroy_source (&tcp->listen_source);
  if (tcp->listener) {
    g_socket_close (tcp->listener, NULL);
    g_clear_object (&tcp->listener);
  }

  /* closing removes from the table: close a copy */
  conns = g_hash_table_get_keys (tcp->connections);
  for (l = conns; l; l = l->next)
    g_object_ref (l->data);
  for (l = conns; l; l = l->next)
    connection_close (l->data, NULL);
  g_list_free_full (conns, g_object_unref);
}

static gboolean
gst_sip_transport_tcp_send (GstSipTransport *transport, GBytes *data,
    GSocketAddress *destination, GObject *connection, GError **error)
{
  return _gst_sip_transport_tcp_send (GST_SIP_TRANSPORT_TCP (transport), data,
      destination, connection, NULL, error);
}

gboolean
_gst_sip_transport_tcp_send (GstSipTransportTcp *tcp, GBytes *data,
    GSocketAddress *destination, GObject *connection, const gchar *server_name,
    GError **error)
{
  GstSipTransport *transport = GST_SIP_TRANSPORT (tcp);
  GstSipConnection *conn = NULL;
  const guint8 *bytes;
  gsize len;

  if (connection &&
      _gst_sip_transport_tcp_connection_is_open (tcp, connection)) {
    conn = GST_SIP_CONNECTION (connection);
  } else if (destination) {
    gchar *key = _gst_sip_socket_address_to_string (destination);
    gchar *index = connection_index (key, server_name);

    conn = g_hash_table_lookup (tcp->by_remote, index);
    g_free (index);
    g_free (key);
    if (conn == NULL)
      conn = connection_open (tcp, destination, server_name, error);
    if (conn == NULL)
      return FALSE;
  } else {
    goto no_destination;
  }

  bytes = g_bytes_get_data (data, &len);
  _gst_sip_wire_log (transport, TRUE, conn->remote, bytes, len);
  connection_queue (conn, data);

  return TRUE;

  /* ERRORS */
no_destination : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("The connection is closed and there is no destination to "
         "connect to"));
  return FALSE;
}
}
