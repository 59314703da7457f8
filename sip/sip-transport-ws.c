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
 * The WebSocket transports, WS and WSS (RFC 7118), on libsoup 3.
 *
 * The transport listens on its address and port, accepts TCP connections
 * (and does the TLS handshake for WSS) and hands them to a SoupServer,
 * which upgrades those that offer the `sip` subprotocol to WebSocket (a
 * WSS handshake has 10 s, and stops with the transport).  A SoupSession
 * of its own opens each client connection, on demand, to ws://host:port/path
 * (wss:// for WSS): the host is the name of the server when there is one,
 * which the certificate must be for (RFC 5922), and the session connects
 * to the address RFC 3263 found for it.  Each WebSocket message, text or
 * binary, carries exactly one SIP message, so there is no stream framing:
 * a Content-Length is accepted but not needed.
 *
 * Connections are found again by the remote address ("ip:port", and
 * "ip:port/name" for one opened to a named server), like the TCP
 * transport's.  A connection we opened is a client flow (RFC 7118
 * section 5): the Via and Contact of what we send over it name a random
 * `.invalid` host of this transport, which nobody can connect to, so the
 * peer (a proxy, a registrar, another user agent) sends its requests back
 * over the same connection.  The other way round, the transport learns the
 * `.invalid` host of each client that connected to us from the Via of its
 * requests and the Contact of its messages (a host keeps the connection
 * that named it first while that is open), and
 * _gst_sip_transport_ws_lookup_flow() gives the connection to use for a
 * request to that host.
 *
 * Client connections send WebSocket pings every keep-alive interval.  When
 * one closes without us asking for it (or the peer's close frame arrives),
 * the transport emits GstSipTransport::connection-lost (an account
 * registered over it registers again) and, when the peer sent requests
 * over it, opens it again after a delay that doubles on each failed
 * attempt, up to a cap, a bounded number of times.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gnetworking.h>
#include <libsoup/soup.h>

#include "sip-transport-private.h"
#include "sip-message.h"
#include "sip-via.h"
#include "sip-address.h"

GST_DEBUG_CATEGORY_STATIC (sip_transport_debug);
#define GST_CAT_DEFAULT sip_transport_debug

#define DEFAULT_PATH "/"
#define DEFAULT_KEEPALIVE_INTERVAL 30
#define DEFAULT_RECONNECT_MIN_MS 1000
#define DEFAULT_RECONNECT_MAX_MS 60000
/* a client flow that dropped is opened again this many times at most */
#define MAX_RECONNECT_ATTEMPTS 10
#define DEFAULT_HANDSHAKE_TIMEOUT_MS 10000
#define MAX_ACCEPTS_PER_DISPATCH 16

static const char *sip_protocols[] = { "sip", NULL };

/* libsoup attaches the sources of each call to the thread-default context
 * of the moment: make it the transport's */
#define PUSH_CONTEXT(ws)               \
  g_main_context_push_thread_default ( \
      _gst_sip_transport_get_context (GST_SIP_TRANSPORT (ws)))
#define POP_CONTEXT(ws)               \
  g_main_context_pop_thread_default ( \
      _gst_sip_transport_get_context (GST_SIP_TRANSPORT (ws)))

/* ---------------------------------------------------------------------- */
/* GstSipWsConnection */

#define GST_TYPE_SIP_WS_CONNECTION (_gst_sip_ws_connection_get_type ())
G_GNUC_INTERNAL
G_DECLARE_FINAL_TYPE (
    GstSipWsConnection, _gst_sip_ws_connection, GST, SIP_WS_CONNECTION, GObject)

struct _GstSipWsConnection
{
  GObject parent;

  /* the transport, not a reference; NULL once the connection is closed */
  GstSipTransportWs *ws;
  gboolean open;
  /* opened by us (a client flow), or accepted by the server */
  gboolean client;

  /* NULL while connecting */
  SoupWebsocketConnection *socket;
  GCancellable *cancellable;
  GQueue pending; /* GBytes sent while connecting */

  GSocketAddress *remote;
  GSocketAddress *local;
  gchar *key; /* remote as text */
  /* the server a client connection was opened to, or NULL */
  gchar *server_name;
  gchar *index; /* in by_remote: key, or key "/" server_name */
  /* client connections: a session of their own, which connects to
   * @remote whatever the host of the URL */
  SoupSession *session;
  /* a client connection that carried requests to us: opened again when it
   * drops */
  gboolean used;
};

G_DEFINE_TYPE (GstSipWsConnection, _gst_sip_ws_connection, G_TYPE_OBJECT);

static void
_gst_sip_ws_connection_init (GstSipWsConnection *conn)
{
  g_queue_init (&conn->pending);
}

static void
gst_sip_ws_connection_finalize (GObject *object)
{
  GstSipWsConnection *conn = GST_SIP_WS_CONNECTION (object);

  g_warn_if_fail (!conn->open);

  g_queue_clear_full (&conn->pending, (GDestroyNotify) g_bytes_unref);
  g_clear_object (&conn->socket);
  g_clear_object (&conn->session);
  g_clear_object (&conn->cancellable);
  g_clear_object (&conn->remote);
  g_clear_object (&conn->local);
  g_free (conn->key);
  g_free (conn->server_name);
  g_free (conn->index);

  G_OBJECT_CLASS (_gst_sip_ws_connection_parent_class)->finalize (object);
}

static void
_gst_sip_ws_connection_class_init (GstSipWsConnectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gst_sip_ws_connection_finalize;
}

/* ---------------------------------------------------------------------- */
/* GstSipWsHost */

/* The name of a server with the address RFC 3263 found for it: libsoup
 * connects to what its remote connectable enumerates, the address, and
 * checks the certificate of the server against the same connectable,
 * which as a GNetworkAddress gives the name. */
#define GST_TYPE_SIP_WS_HOST (_gst_sip_ws_host_get_type ())
G_GNUC_INTERNAL
G_DECLARE_FINAL_TYPE (
    GstSipWsHost, _gst_sip_ws_host, GST, SIP_WS_HOST, GNetworkAddress)

struct _GstSipWsHost
{
  GNetworkAddress parent;

  GSocketAddress *address;
};

static void gst_sip_ws_host_connectable_init (GSocketConnectableIface *iface);

G_DEFINE_TYPE_WITH_CODE (GstSipWsHost, _gst_sip_ws_host, G_TYPE_NETWORK_ADDRESS,
    G_IMPLEMENT_INTERFACE (
        G_TYPE_SOCKET_CONNECTABLE, gst_sip_ws_host_connectable_init));

static void
_gst_sip_ws_host_init (GstSipWsHost *host)
{
}

static void
gst_sip_ws_host_finalize (GObject *object)
{
  g_clear_object (&GST_SIP_WS_HOST (object)->address);

  G_OBJECT_CLASS (_gst_sip_ws_host_parent_class)->finalize (object);
}

static void
_gst_sip_ws_host_class_init (GstSipWsHostClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gst_sip_ws_host_finalize;
}

static GSocketAddressEnumerator *
gst_sip_ws_host_enumerate (GSocketConnectable *connectable)
{
  return g_socket_connectable_enumerate (
      G_SOCKET_CONNECTABLE (GST_SIP_WS_HOST (connectable)->address));
}

static gchar *
gst_sip_ws_host_to_string (GSocketConnectable *connectable)
{
  return g_strdup (
      g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable)));
}

static void
gst_sip_ws_host_connectable_init (GSocketConnectableIface *iface)
{
  iface->enumerate = gst_sip_ws_host_enumerate;
  iface->proxy_enumerate = gst_sip_ws_host_enumerate;
  iface->to_string = gst_sip_ws_host_to_string;
}

static GSocketConnectable *
ws_host_new (const gchar *name, guint port, GSocketAddress *address)
{
  GstSipWsHost *host =
      g_object_new (GST_TYPE_SIP_WS_HOST, "hostname", name, "port", port, NULL);

  host->address = g_object_ref (address);
  return G_SOCKET_CONNECTABLE (host);
}

/* ---------------------------------------------------------------------- */
/* GstSipTransportWs */

typedef struct
{
  GstSipTransportWs *ws;
  GSocketAddress *remote;
  gchar *server_name;
  gchar *key; /* the index of the connection */
  guint delay_ms;
  guint attempts;
  GSource *timer;
} Reconnect;

struct _GstSipTransportWs
{
  GstSipTransport parent;

  GSocket *listener;
  GSource *listen_source;
  SoupServer *server;
  gboolean started;
  gboolean stopping;
  /* WSS: the TLS handshakes of accepted connections under way */
  GList *handshakes;
  guint handshake_timeout_ms;

  /* every open connection, with a reference */
  GHashTable *connections;
  /* remote "ip:port", or "ip:port/server-name" for connections opened
   * towards a named server -> connection (no reference) */
  GHashTable *by_remote;
  /* the .invalid host of a client -> its connection (no reference) */
  GHashTable *flows;
  /* remote "ip:port" -> Reconnect, for client flows that dropped */
  GHashTable *reconnects;

  /* our own .invalid host, for the Via and Contact of client flows */
  gchar *via_host;
  gchar *path;
  guint keepalive_interval;
  guint reconnect_min_ms;
  guint reconnect_max_ms;

  GTlsDatabase *tls_database;
  GError *tls_database_error;
  GTlsCertificate *tls_certificate;
  GstSipTransportAcceptCertificateFunc accept;
  gpointer accept_data;

  /* for tests */
  guint n_pongs;
  guint n_connects;
  guint n_attempts;
};

enum
{
  PROP_0,
  PROP_PATH,
  PROP_KEEPALIVE_INTERVAL,
};

G_DEFINE_TYPE_WITH_CODE (GstSipTransportWs, _gst_sip_transport_ws,
    GST_TYPE_SIP_TRANSPORT,
    GST_DEBUG_CATEGORY_INIT (
        sip_transport_debug, "siptransport", 0, "SIP transports"));

static gboolean gst_sip_transport_ws_start (
    GstSipTransport *transport, GError **error);
static void gst_sip_transport_ws_stop (GstSipTransport *transport);
static gboolean gst_sip_transport_ws_send (GstSipTransport *transport,
    GBytes *data, GSocketAddress *destination, GObject *connection,
    GError **error);
static void gst_sip_transport_ws_dispose (GObject *object);
static void gst_sip_transport_ws_finalize (GObject *object);
static void gst_sip_transport_ws_set_property (
    GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec);
static void gst_sip_transport_ws_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec);

static void connection_close (
    GstSipWsConnection *conn, const GError *reason, gboolean by_us);
static GstSipWsConnection *connection_open (GstSipTransportWs *ws,
    GSocketAddress *remote, const gchar *server_name, GError **error);

static void
reconnect_free (Reconnect *r)
{
  if (r->timer) {
    g_source_destroy (r->timer);
    g_source_unref (r->timer);
  }
  g_object_unref (r->remote);
  g_free (r->server_name);
  g_free (r->key);
  g_free (r);
}

static void
_gst_sip_transport_ws_class_init (GstSipTransportWsClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstSipTransportClass *transport_class = GST_SIP_TRANSPORT_CLASS (klass);

  gobject_class->dispose = gst_sip_transport_ws_dispose;
  gobject_class->finalize = gst_sip_transport_ws_finalize;
  gobject_class->set_property = gst_sip_transport_ws_set_property;
  gobject_class->get_property = gst_sip_transport_ws_get_property;

  transport_class->start = gst_sip_transport_ws_start;
  transport_class->stop = gst_sip_transport_ws_stop;
  transport_class->send = gst_sip_transport_ws_send;

  /* The type is internal: these two are documented for users in
   * docs/interop.md, "SIP over WebSocket". */

  /**
   * GstSipTransport:path:
   *
   * WS and WSS transports only: the path of the WebSocket URL that
   * connections opened by the transport ask for (`ws://host:port/path`).
   * The server side accepts every path.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_PATH,
      g_param_spec_string ("path", "Path",
          "The path of the WebSocket URL of connections opened by the "
          "transport",
          DEFAULT_PATH, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  /**
   * GstSipTransport:keepalive-interval:
   *
   * WS and WSS transports only: the seconds between WebSocket pings on the
   * connections the transport opened, which keep NAT bindings and proxies'
   * idle timers alive; 0 sends none.  Applies to connections opened after
   * the change.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_KEEPALIVE_INTERVAL,
      g_param_spec_uint ("keepalive-interval", "Keep-alive interval",
          "Seconds between WebSocket pings on connections the transport "
          "opened (0 = none)",
          0, G_MAXUINT, DEFAULT_KEEPALIVE_INTERVAL,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
_gst_sip_transport_ws_init (GstSipTransportWs *ws)
{
  gchar *token;
  guint i;

  ws->connections = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  ws->by_remote = g_hash_table_new (g_str_hash, g_str_equal);
  ws->flows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ws->reconnects = g_hash_table_new_full (
      g_str_hash, g_str_equal, NULL, (GDestroyNotify) reconnect_free);
  ws->path = g_strdup (DEFAULT_PATH);
  ws->keepalive_interval = DEFAULT_KEEPALIVE_INTERVAL;
  ws->reconnect_min_ms = DEFAULT_RECONNECT_MIN_MS;
  ws->reconnect_max_ms = DEFAULT_RECONNECT_MAX_MS;
  ws->handshake_timeout_ms = DEFAULT_HANDSHAKE_TIMEOUT_MS;

  /* RFC 7118 section 5: a random domain that cannot resolve */
  token = g_malloc (13);
  for (i = 0; i < 12; i++)
    token[i] =
        "abcdefghijklmnopqrstuvwxyz0123456789"[g_random_int_range (0, 36)];
  token[12] = '\0';
  ws->via_host = g_strconcat (token, ".invalid", NULL);
  g_free (token);
}

static void
gst_sip_transport_ws_dispose (GObject *object)
{
  _gst_sip_transport_stop (GST_SIP_TRANSPORT (object));

  G_OBJECT_CLASS (_gst_sip_transport_ws_parent_class)->dispose (object);
}

static void
gst_sip_transport_ws_finalize (GObject *object)
{
  GstSipTransportWs *ws = GST_SIP_TRANSPORT_WS (object);

  g_hash_table_unref (ws->reconnects);
  g_hash_table_unref (ws->flows);
  g_hash_table_unref (ws->by_remote);
  g_hash_table_unref (ws->connections);
  g_clear_object (&ws->server);
  g_clear_object (&ws->tls_database);
  g_clear_error (&ws->tls_database_error);
  g_clear_object (&ws->tls_certificate);
  g_free (ws->via_host);
  g_free (ws->path);

  G_OBJECT_CLASS (_gst_sip_transport_ws_parent_class)->finalize (object);
}

static void
gst_sip_transport_ws_set_property (
    GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstSipTransportWs *ws = GST_SIP_TRANSPORT_WS (object);

  switch (prop_id) {
    case PROP_PATH:
      g_free (ws->path);
      ws->path = g_value_dup_string (value);
      if (ws->path == NULL || ws->path[0] != '/') {
        gchar *path = g_strconcat ("/", ws->path ? ws->path : "", NULL);

        g_free (ws->path);
        ws->path = path;
      }
      break;
    case PROP_KEEPALIVE_INTERVAL:
      ws->keepalive_interval = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_transport_ws_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipTransportWs *ws = GST_SIP_TRANSPORT_WS (object);

  switch (prop_id) {
    case PROP_PATH:
      g_value_set_string (value, ws->path);
      break;
    case PROP_KEEPALIVE_INTERVAL:
      g_value_set_uint (value, ws->keepalive_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static gboolean
is_secure (GstSipTransportWs *ws)
{
  return gst_sip_transport_get_protocol (GST_SIP_TRANSPORT (ws)) ==
      GST_SIP_TRANSPORT_PROTOCOL_WSS;
}

/* ---------------------------------------------------------------------- */
/* flows */

static gboolean
is_invalid_host (const gchar *host)
{
  gsize len;

  if (host == NULL)
    return FALSE;
  len = strlen (host);
  return len > 8 && g_ascii_strcasecmp (host + len - 8, ".invalid") == 0;
}

/* @sent_by: @host is the sent-by of a request's top Via, the client
 * itself; otherwise from a Contact, which a proxy's connection carries for
 * other clients too and which never replaces what a Via said.  A host
 * whose connection is still open keeps it: another client naming that
 * host in its Via does not take the requests meant for it. */
static void
learn_flow (GstSipWsConnection *conn, const gchar *host, gboolean sent_by)
{
  GstSipWsConnection *known;
  GstSipTransportWs *ws = conn->ws;
  gchar *key;

  if (!is_invalid_host (host) || g_ascii_strcasecmp (host, ws->via_host) == 0)
    return;

  key = g_ascii_strdown (host, -1);
  known = g_hash_table_lookup (ws->flows, key);
  if (known == conn || (known && (!sent_by || known->open))) {
    if (known && known != conn && sent_by)
      GST_DEBUG_OBJECT (ws, "%s claims %s, which %s already uses", conn->key,
          key, known->key);
    g_free (key);
    return;
  }
  GST_DEBUG_OBJECT (ws, "%s is reached through %s", key, conn->key);
  g_hash_table_replace (ws->flows, key, conn);
}

static gboolean
is_flow_of (gpointer key, gpointer value, gpointer user_data)
{
  return value == user_data;
}

/* RFC 7118 section 5: a client names itself with an .invalid host in its
 * Via and Contact; its requests come back over this connection */
static void
learn_flows (GstSipWsConnection *conn, GstSipMessage *msg)
{
  GList *contacts, *l;

  if (gst_sip_message_is_request (msg)) {
    GstSipVia *via = gst_sip_message_get_via (msg, 0);

    /* the peer sends its requests to us over this flow: keep it up */
    conn->used = TRUE;
    if (via) {
      learn_flow (conn, gst_sip_via_get_host (via), TRUE);
      gst_sip_via_free (via);
    }
  }

  contacts = gst_sip_message_get_addresses (msg, "Contact");
  for (l = contacts; l; l = l->next) {
    const GstSipUri *uri = gst_sip_address_get_uri (l->data);

    if (uri && gst_sip_uri_is_sip (uri))
      learn_flow (conn, gst_sip_uri_get_host (uri), FALSE);
  }
  g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);
}

GSocketAddress *
_gst_sip_transport_ws_lookup_flow (GstSipTransportWs *ws, const gchar *host)
{
  GstSipWsConnection *conn;
  gchar *key;

  if (!is_invalid_host (host))
    return NULL;
  key = g_ascii_strdown (host, -1);
  conn = g_hash_table_lookup (ws->flows, key);
  g_free (key);
  if (conn == NULL || !conn->open)
    return NULL;
  return g_object_ref (conn->remote);
}

const gchar *
_gst_sip_transport_ws_get_flow_host (GstSipTransportWs *ws)
{
  return ws->via_host;
}

const gchar *
_gst_sip_transport_ws_get_via_host (
    GstSipTransportWs *ws, GSocketAddress *remote, GObject *connection)
{
  GstSipWsConnection *conn = NULL;

  if (connection && GST_IS_SIP_WS_CONNECTION (connection))
    conn = GST_SIP_WS_CONNECTION (connection);
  if ((conn == NULL || !conn->open) && remote) {
    gchar *key = _gst_sip_socket_address_to_string (remote);

    conn = g_hash_table_lookup (ws->by_remote, key);
    g_free (key);
  }

  /* over a connection the peer opened we are the server, with an address
   * it reached; otherwise we are (or will be) the client */
  if (conn && conn->open && !conn->client)
    return NULL;
  return ws->via_host;
}

/* ---------------------------------------------------------------------- */
/* input */

static void
on_message (SoupWebsocketConnection *socket, gint type, GBytes *message,
    gpointer user_data)
{
  GstSipWsConnection *conn = user_data;
  GstSipTransport *transport;
  GstSipParseOptions options = {
    0,
  };
  GstSipParseFault fault;
  GstSipMessage *msg;
  GError *err = NULL;
  const guint8 *data;
  gsize len, i;

  if (!conn->open)
    return;

  data = g_bytes_get_data (message, &len);
  /* stray line breaks (keep-alives of RFC 5626) carry no message */
  for (i = 0; i < len && (data[i] == '\r' || data[i] == '\n'); i++)
    ;
  if (i == len) {
    GST_LOG_OBJECT (conn->ws, "keep-alive from %s", conn->key);
    return;
  }

  transport = g_object_ref (GST_SIP_TRANSPORT (conn->ws));
  g_object_ref (conn);
  _gst_sip_wire_log (transport, FALSE, conn->remote, data, len);

  options.max_size = _gst_sip_transport_get_max_message_size (transport);
  /* one message per WebSocket message: no stream framing */
  options.stream = FALSE;
  msg = _gst_sip_message_parse (data, len, &options, &fault, &err);
  if (msg) {
    _gst_sip_message_set_origin (msg,
        gst_sip_transport_get_protocol (transport), G_OBJECT (transport),
        G_OBJECT (conn), conn->remote, conn->local);
    learn_flows (conn, msg);
  }
  if (err)
    GST_DEBUG_OBJECT (
        transport, "invalid message from %s: %s", conn->key, err->message);

  _gst_sip_transport_deliver (transport, msg, &fault, err);

  g_clear_error (&err);
  if (msg)
    gst_sip_message_unref (msg);
  g_object_unref (conn);
  g_object_unref (transport);
}

static void
on_pong (SoupWebsocketConnection *socket, GBytes *message, gpointer user_data)
{
  GstSipWsConnection *conn = user_data;

  if (!conn->open)
    return;
  GST_LOG_OBJECT (conn->ws, "pong from %s", conn->key);
  conn->ws->n_pongs++;
}

static void
on_error (SoupWebsocketConnection *socket, GError *error, gpointer user_data)
{
  GstSipWsConnection *conn = user_data;

  GST_DEBUG_OBJECT (conn->ws, "WebSocket error on %s: %s", conn->key,
      error ? error->message : "");
}

static void
on_closed (SoupWebsocketConnection *socket, gpointer user_data)
{
  GstSipWsConnection *conn = user_data;
  GError *reason;

  if (!conn->open)
    return;

  GST_DEBUG_OBJECT (conn->ws, "%s closed the connection (code %u)", conn->key,
      soup_websocket_connection_get_close_code (socket));
  reason = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("The connection to %s was closed by the peer"), conn->key);
  connection_close (conn, reason, FALSE);
  g_error_free (reason);
}

/* ---------------------------------------------------------------------- */
/* connections */

static gboolean
connection_write (GstSipWsConnection *conn, GBytes *bytes, GError **error)
{
  gsize len;
  const gchar *data = g_bytes_get_data (bytes, &len);

  /* after a close frame libsoup sends nothing more */
  if (soup_websocket_connection_get_state (conn->socket) !=
      SOUP_WEBSOCKET_STATE_OPEN)
    goto closing;

  /* SIP is text; a body that is not UTF-8 goes in a binary message */
  PUSH_CONTEXT (conn->ws);
  if (g_utf8_validate (data, len, NULL))
    soup_websocket_connection_send_message (
        conn->socket, SOUP_WEBSOCKET_DATA_TEXT, bytes);
  else
    soup_websocket_connection_send_message (
        conn->socket, SOUP_WEBSOCKET_DATA_BINARY, bytes);
  POP_CONTEXT (conn->ws);
  return TRUE;

  /* ERRORS */
closing : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("The connection to %s is closing"), conn->key);
  return FALSE;
}
}

static gchar *
connection_index (const gchar *key, const gchar *server_name)
{
  return server_name ? g_strconcat (key, "/", server_name, NULL)
                     : g_strdup (key);
}

/* whether @name names a server whose certificate (for WSS) and Host header
 * carry it: not an address, nor the .invalid host of a WebSocket client */
static gboolean
is_server_name (const gchar *name)
{
  return name && *name && name[0] != '[' && !g_hostname_is_ip_address (name) &&
      !is_invalid_host (name);
}

static GstSipWsConnection *
connection_new (GstSipTransportWs *ws, GSocketAddress *remote,
    const gchar *server_name, gboolean client)
{
  GstSipWsConnection *conn = g_object_new (GST_TYPE_SIP_WS_CONNECTION, NULL);

  conn->ws = ws;
  conn->open = TRUE;
  conn->client = client;
  conn->remote = g_object_ref (remote);
  conn->key = _gst_sip_socket_address_to_string (remote);
  conn->server_name = g_strdup (server_name);
  conn->index = connection_index (conn->key, server_name);

  /* the table owns the reference */
  g_hash_table_add (ws->connections, conn);
  g_hash_table_replace (ws->by_remote, conn->index, conn);
  return conn;
}

/* the local address of the socket under a WebSocket connection */
static GSocketAddress *
stream_local_address (GIOStream *stream)
{
  while (stream) {
    GIOStream *base = NULL;

    if (G_IS_SOCKET_CONNECTION (stream))
      return g_socket_connection_get_local_address (
          G_SOCKET_CONNECTION (stream), NULL);
    if (g_object_class_find_property (
            G_OBJECT_GET_CLASS (stream), "base-io-stream"))
      g_object_get (stream, "base-io-stream", &base, NULL);
    else if (g_object_class_find_property (
                 G_OBJECT_GET_CLASS (stream), "base-iostream"))
      g_object_get (stream, "base-iostream", &base, NULL);
    if (base == NULL)
      return NULL;
    /* the wrapper holds it */
    g_object_unref (base);
    stream = base;
  }
  return NULL;
}

static void
connection_attach (GstSipWsConnection *conn, SoupWebsocketConnection *socket)
{
  GstSipTransportWs *ws = conn->ws;

  conn->socket = g_object_ref (socket);
  if (conn->local == NULL)
    conn->local =
        stream_local_address (soup_websocket_connection_get_io_stream (socket));

  soup_websocket_connection_set_max_incoming_payload_size (
      socket, _gst_sip_transport_get_max_message_size (GST_SIP_TRANSPORT (ws)));
  if (conn->client) {
    PUSH_CONTEXT (ws);
    soup_websocket_connection_set_keepalive_interval (
        socket, ws->keepalive_interval);
    POP_CONTEXT (ws);
  }

  g_signal_connect (socket, "message", G_CALLBACK (on_message), conn);
  g_signal_connect (socket, "pong", G_CALLBACK (on_pong), conn);
  g_signal_connect (socket, "error", G_CALLBACK (on_error), conn);
  g_signal_connect (socket, "closed", G_CALLBACK (on_closed), conn);
  /* the peer's close frame: nothing can be sent any more */
  g_signal_connect (socket, "closing", G_CALLBACK (on_closed), conn);

  while (!g_queue_is_empty (&conn->pending)) {
    GBytes *bytes = g_queue_pop_head (&conn->pending);

    connection_write (conn, bytes, NULL);
    g_bytes_unref (bytes);
  }
}

static gboolean reconnect_fired (gpointer user_data);

static void
schedule_reconnect (GstSipTransportWs *ws, GstSipWsConnection *conn)
{
  Reconnect *r = g_hash_table_lookup (ws->reconnects, conn->index);

  if (r == NULL) {
    r = g_new0 (Reconnect, 1);
    r->ws = ws;
    r->remote = g_object_ref (conn->remote);
    r->server_name = g_strdup (conn->server_name);
    r->key = g_strdup (conn->index);
    r->delay_ms = ws->reconnect_min_ms;
    g_hash_table_insert (ws->reconnects, r->key, r);
  } else if (r->attempts >= MAX_RECONNECT_ATTEMPTS) {
    GST_INFO_OBJECT (ws, "giving up on %s after %u attempts to connect again",
        r->key, r->attempts);
    g_hash_table_remove (ws->reconnects, conn->index);
    return;
  } else {
    r->delay_ms = MIN ((guint64) r->delay_ms * 2, ws->reconnect_max_ms);
    r->delay_ms = MAX (r->delay_ms, ws->reconnect_min_ms);
  }

  if (r->timer) {
    g_source_destroy (r->timer);
    g_source_unref (r->timer);
  }
  GST_INFO_OBJECT (ws, "connecting to %s again in %u ms", r->key, r->delay_ms);
  r->timer = g_timeout_source_new (r->delay_ms);
  g_source_set_callback (r->timer, reconnect_fired, r, NULL);
  g_source_set_static_name (r->timer, "GstSipTransportWs reconnect");
  g_source_attach (
      r->timer, _gst_sip_transport_get_context (GST_SIP_TRANSPORT (ws)));
}

static gboolean
reconnect_fired (gpointer user_data)
{
  Reconnect *r = user_data;
  GstSipTransportWs *ws = r->ws;
  GError *err = NULL;

  g_source_unref (r->timer);
  r->timer = NULL;
  r->attempts++;

  /* something sent in the meantime already connects */
  if (g_hash_table_contains (ws->by_remote, r->key))
    return G_SOURCE_REMOVE;

  GST_DEBUG_OBJECT (ws, "reconnecting to %s, attempt %u", r->key, r->attempts);
  if (!connection_open (ws, r->remote, r->server_name, &err)) {
    GST_WARNING_OBJECT (ws, "cannot reconnect: %s", err->message);
    g_clear_error (&err);
    g_hash_table_remove (ws->reconnects, r->key);
  }
  return G_SOURCE_REMOVE;
}

static void
connection_close (
    GstSipWsConnection *conn, const GError *reason, gboolean by_us)
{
  GstSipTransportWs *ws = conn->ws;
  gboolean lost, established;

  if (!conn->open)
    return;

  GST_DEBUG_OBJECT (ws, "closing connection %s%s%s", conn->index,
      reason ? ": " : "", reason ? reason->message : "");

  g_object_ref (conn);
  PUSH_CONTEXT (ws);
  conn->open = FALSE;
  established = conn->socket != NULL;
  /* what waited for the connection is lost */
  lost = !g_queue_is_empty (&conn->pending) || !established;
  g_queue_clear_full (&conn->pending, (GDestroyNotify) g_bytes_unref);

  if (conn->cancellable)
    g_cancellable_cancel (conn->cancellable);
  if (conn->socket) {
    g_signal_handlers_disconnect_by_data (conn->socket, conn);
    if (soup_websocket_connection_get_state (conn->socket) ==
        SOUP_WEBSOCKET_STATE_OPEN)
      soup_websocket_connection_close (
          conn->socket, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  }

  g_hash_table_foreach_remove (ws->flows, is_flow_of, conn);
  if (g_hash_table_lookup (ws->by_remote, conn->index) == conn)
    g_hash_table_remove (ws->by_remote, conn->index);
  g_hash_table_remove (ws->connections, conn);
  conn->ws = NULL;

  if (reason && lost)
    _gst_sip_transport_report_error (
        GST_SIP_TRANSPORT (ws), conn->remote, reason);

  /* a client flow that went away: open it again when the peer sends its
   * requests over it (a one-off flow to a peer is not worth it; accounts
   * register again by themselves, which opens a new one) */
  if (conn->client && !by_us && !ws->stopping) {
    if ((established && conn->used) ||
        g_hash_table_contains (ws->reconnects, conn->index))
      schedule_reconnect (ws, conn);
    else if (established)
      GST_DEBUG_OBJECT (ws,
          "not connecting to %s again: no requests came over it", conn->index);
    if (established && reason)
      _gst_sip_transport_connection_lost (
          GST_SIP_TRANSPORT (ws), conn->remote, reason);
  }

  g_object_unref (conn);
  POP_CONTEXT (ws);
}

static void
on_connected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GstSipWsConnection *conn = user_data;
  SoupWebsocketConnection *socket;
  GError *err = NULL, *reason;

  socket = soup_session_websocket_connect_finish (
      SOUP_SESSION (source), result, &err);

  if (!conn->open) {
    /* closed while connecting; the transport may be gone, the context of
     * the call is still there */
    if (socket) {
      GMainContext *context =
          G_IS_TASK (result) ? g_task_get_context (G_TASK (result)) : NULL;

      g_main_context_push_thread_default (context);
      soup_websocket_connection_close (
          socket, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_main_context_pop_thread_default (context);
      g_object_unref (socket);
    }
    g_clear_error (&err);
    g_object_unref (conn);
    return;
  }
  g_clear_object (&conn->cancellable);

  if (socket == NULL) {
    GST_DEBUG_OBJECT (
        conn->ws, "could not connect to %s: %s", conn->index, err->message);
    /* WSS: a server certificate that failed validation */
    reason = g_error_new (GST_SIP_ERROR,
        err->domain == G_TLS_ERROR ? GST_SIP_ERROR_CERTIFICATE
                                   : GST_SIP_ERROR_TRANSPORT,
        _ ("Could not open a WebSocket connection to %s: %s"),
        conn->server_name ? conn->server_name : conn->key, err->message);
    connection_close (conn, reason, FALSE);
    g_error_free (reason);
    g_error_free (err);
    g_object_unref (conn);
    return;
  }

  GST_DEBUG_OBJECT (conn->ws, "connected to %s (subprotocol %s)", conn->index,
      soup_websocket_connection_get_protocol (socket));
  conn->ws->n_connects++;
  /* a flow opened again is kept up like the one it replaces */
  if (g_hash_table_remove (conn->ws->reconnects, conn->index))
    conn->used = TRUE;
  connection_attach (conn, socket);
  g_object_unref (socket);
  g_object_unref (conn);
}

static gboolean
on_accept_certificate (SoupMessage *msg, GTlsCertificate *certificate,
    GTlsCertificateFlags errors, gpointer user_data)
{
  GstSipWsConnection *conn = user_data;
  GstSipTransportWs *ws = conn->ws;

  if (ws == NULL || ws->accept == NULL)
    return FALSE;
  return ws->accept (
      GST_SIP_TRANSPORT (ws), NULL, certificate, errors, ws->accept_data);
}

static GstSipWsConnection *
connection_open (GstSipTransportWs *ws, GSocketAddress *remote,
    const gchar *server_name, GError **error)
{
  GstSipTransport *transport = GST_SIP_TRANSPORT (ws);
  GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (remote);
  guint port = g_inet_socket_address_get_port (inet);
  GSocketConnectable *connectable;
  GstSipWsConnection *conn;
  SoupSession *session;
  SoupMessage *msg;
  GMainContext *context = _gst_sip_transport_get_context (transport);
  gchar *host, *url;

  /* RFC 5922: without the authorities asked for, no server can be trusted,
   * and falling back to others would trust the wrong ones */
  if (is_secure (ws) && ws->tls_database_error)
    goto no_database;

  if (server_name) {
    host = g_strdup (server_name);
    connectable = ws_host_new (server_name, port, remote);
  } else {
    gchar *ip =
        g_inet_address_to_string (g_inet_socket_address_get_address (inet));

    host = g_socket_address_get_family (remote) == G_SOCKET_FAMILY_IPV6
        ? g_strdup_printf ("[%s]", ip)
        : g_strdup (ip);
    g_free (ip);
    connectable = G_SOCKET_CONNECTABLE (g_object_ref (remote));
  }
  url = g_strdup_printf (
      "%s://%s:%u%s", is_secure (ws) ? "wss" : "ws", host, port, ws->path);
  g_free (host);

  msg = soup_message_new ("GET", url);
  if (msg == NULL) {
    g_object_unref (connectable);
    goto bad_url;
  }

  /* a session per connection: the TCP connection goes to @remote, which
   * RFC 3263 found, while the URL names the server for the Host header,
   * the TLS server name indication and the check of its certificate; and
   * never through an HTTP proxy (nor to the system's proxy configuration
   * and its threads) */
  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("user-agent", NULL, "timeout", 0,
      "idle-timeout", 0, "proxy-resolver", NULL, "remote-connectable",
      connectable, NULL);
  if (ws->tls_database)
    soup_session_set_tls_database (session, ws->tls_database);
  g_object_unref (connectable);

  conn = connection_new (ws, remote, server_name, TRUE);
  conn->session = session;
  conn->cancellable = g_cancellable_new ();
  ws->n_attempts++;
  g_signal_connect_object (
      msg, "accept-certificate", G_CALLBACK (on_accept_certificate), conn, 0);

  GST_DEBUG_OBJECT (ws, "connecting to %s (%s)", url, conn->key);
  soup_session_websocket_connect_async (session, msg, NULL,
      (char **) sip_protocols, G_PRIORITY_DEFAULT, conn->cancellable,
      on_connected, g_object_ref (conn));
  g_main_context_pop_thread_default (context);

  g_object_unref (msg);
  g_free (url);
  return conn;

  /* ERRORS */
no_database : {
  GST_DEBUG_OBJECT (ws, "not connecting: %s", ws->tls_database_error->message);
  g_propagate_error (error, g_error_copy (ws->tls_database_error));
  return NULL;
}
bad_url : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("“%s” is not a valid WebSocket URL"), url);
  g_free (url);
  return NULL;
}
}

/* ---------------------------------------------------------------------- */
/* the server */

static void
on_websocket (SoupServer *server, SoupServerMessage *msg, const char *path,
    SoupWebsocketConnection *socket, gpointer user_data)
{
  GstSipTransportWs *ws = user_data;
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  GSocketAddress *local = soup_server_message_get_local_address (msg);
  GstSipWsConnection *conn;

  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote)) {
    GST_WARNING_OBJECT (ws, "a WebSocket connection without an address");
    soup_websocket_connection_close (
        socket, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
    return;
  }

  conn = connection_new (ws, remote, NULL, FALSE);
  if (local)
    conn->local = g_object_ref (local);
  GST_DEBUG_OBJECT (
      ws, "accepted a WebSocket connection from %s on %s", conn->key, path);
  connection_attach (conn, socket);
}

/* Connections are accepted here and handed to the SoupServer, which only
 * speaks HTTP and WebSocket on them: libsoup 3.2's own listener keeps a
 * reference to every socket it accepts, and a WSS connection gets its TLS
 * handshake done before libsoup sees it, within a time limit and cancelled
 * when the transport stops. */
typedef struct
{
  GstSipTransportWs *ws;
  GSocketAddress *local;
  GSocketAddress *remote;
  GCancellable *cancellable;
  GSource *timeout;
} Accepted;

static void
accepted_free (Accepted *a)
{
  if (a->timeout) {
    g_source_destroy (a->timeout);
    g_source_unref (a->timeout);
  }
  g_object_unref (a->cancellable);
  g_object_unref (a->ws);
  g_clear_object (&a->local);
  g_clear_object (&a->remote);
  g_free (a);
}

static void
hand_to_server (GstSipTransportWs *ws, GIOStream *stream, GSocketAddress *local,
    GSocketAddress *remote)
{
  GError *err = NULL;

  if (ws->server == NULL ||
      !soup_server_accept_iostream (ws->server, stream, local, remote, &err)) {
    GST_DEBUG_OBJECT (ws, "dropping an accepted connection: %s",
        err ? err->message : "stopped");
    g_clear_error (&err);
    g_io_stream_close (stream, NULL, NULL);
  }
}

static gboolean
on_handshake_timeout (gpointer user_data)
{
  Accepted *a = user_data;

  GST_DEBUG_OBJECT (a->ws, "the TLS handshake takes too long");
  g_clear_pointer (&a->timeout, g_source_unref);
  g_cancellable_cancel (a->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_handshake (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Accepted *a = user_data;
  GError *err = NULL;

  a->ws->handshakes = g_list_remove (a->ws->handshakes, a);
  if (!g_tls_connection_handshake_finish (
          G_TLS_CONNECTION (source), result, &err)) {
    GST_DEBUG_OBJECT (a->ws, "TLS handshake failed: %s", err->message);
    g_clear_error (&err);
    g_io_stream_close (G_IO_STREAM (source), NULL, NULL);
  } else {
    PUSH_CONTEXT (a->ws);
    hand_to_server (a->ws, G_IO_STREAM (source), a->local, a->remote);
    POP_CONTEXT (a->ws);
  }
  accepted_free (a);
}

static void
start_handshake (GstSipTransportWs *ws, GIOStream *tls, GSocketAddress *local,
    GSocketAddress *remote)
{
  Accepted *a = g_new0 (Accepted, 1);

  a->ws = g_object_ref (ws);
  a->local = g_object_ref (local);
  a->remote = g_object_ref (remote);
  a->cancellable = g_cancellable_new ();
  a->timeout = g_timeout_source_new (ws->handshake_timeout_ms);
  g_source_set_callback (a->timeout, on_handshake_timeout, a, NULL);
  g_source_set_static_name (a->timeout, "GstSipTransportWs handshake");
  g_source_attach (
      a->timeout, _gst_sip_transport_get_context (GST_SIP_TRANSPORT (ws)));
  ws->handshakes = g_list_prepend (ws->handshakes, a);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
      a->cancellable, on_handshake, a);
}

static gboolean
on_incoming (GSocket *listener, GIOCondition condition, gpointer user_data)
{
  GstSipTransportWs *ws = user_data;
  guint i;

  PUSH_CONTEXT (ws);
  for (i = 0; i < MAX_ACCEPTS_PER_DISPATCH && ws->listener; i++) {
    GSocket *socket;
    GSocketAddress *remote, *local;
    GIOStream *stream;
    GError *err = NULL;

    socket = g_socket_accept (ws->listener, NULL, &err);
    if (socket == NULL) {
      if (!g_error_matches (err, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        GST_WARNING_OBJECT (ws, "accept failed: %s", err->message);
      g_clear_error (&err);
      break;
    }
    g_socket_set_blocking (socket, FALSE);
    if (!g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, &err)) {
      GST_DEBUG_OBJECT (ws, "could not set TCP_NODELAY: %s", err->message);
      g_clear_error (&err);
    }
    remote = g_socket_get_remote_address (socket, NULL);
    local = g_socket_get_local_address (socket, NULL);
    stream =
        G_IO_STREAM (g_socket_connection_factory_create_connection (socket));

    if (remote == NULL || local == NULL) {
      g_io_stream_close (stream, NULL, NULL);
    } else if (is_secure (ws)) {
      GIOStream *tls =
          g_tls_server_connection_new (stream, ws->tls_certificate, &err);

      if (tls == NULL) {
        GST_WARNING_OBJECT (ws, "no TLS: %s", err->message);
        g_clear_error (&err);
        g_io_stream_close (stream, NULL, NULL);
      } else {
        start_handshake (ws, tls, local, remote);
        g_object_unref (tls);
      }
    } else {
      hand_to_server (ws, stream, local, remote);
    }

    g_clear_object (&remote);
    g_clear_object (&local);
    g_object_unref (stream);
    g_object_unref (socket);
  }
  POP_CONTEXT (ws);

  return G_SOURCE_CONTINUE;
}

static gboolean
gst_sip_transport_ws_start (GstSipTransport *transport, GError **error)
{
  GstSipTransportWs *ws = GST_SIP_TRANSPORT_WS (transport);
  const gchar *address = _gst_sip_transport_get_address (transport);
  GError *err = NULL;
  gboolean bad_address = FALSE;
  guint port;

  g_object_get (transport, "port", &port, NULL);
  ws->stopping = FALSE;

  if (is_secure (ws) && ws->tls_certificate == NULL) {
    /* no certificate: a client only, which still needs an address for the
     * user agent to pick it */
    GInetAddress *inet = g_inet_address_new_from_string (address);
    GSocketAddress *local;

    if (inet == NULL) {
      bad_address = TRUE;
      goto listen_failed;
    }
    local = g_inet_socket_address_new (inet, port);
    _gst_sip_transport_set_local_address (
        transport, G_INET_SOCKET_ADDRESS (local));
    g_object_unref (local);
    g_object_unref (inet);
    goto done;
  }

  ws->listener = _gst_sip_transport_open_socket (
      transport, G_SOCKET_TYPE_STREAM, &bad_address, &err);
  if (ws->listener == NULL)
    goto listen_failed;

  ws->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_websocket_handler (
      ws->server, NULL, NULL, (char **) sip_protocols, on_websocket, ws, NULL);

  ws->listen_source = g_socket_create_source (ws->listener, G_IO_IN, NULL);
  g_source_set_callback (
      ws->listen_source, G_SOURCE_FUNC (on_incoming), ws, NULL);
  g_source_set_static_name (ws->listen_source, "GstSipTransportWs");
  g_source_attach (
      ws->listen_source, _gst_sip_transport_get_context (transport));

done:
  ws->started = TRUE;
  return TRUE;

  /* ERRORS */
listen_failed : {
  if (bad_address)
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("\"%s\" is not an IP address"), address);
  else
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("Could not listen for WebSocket connections on %s port %u: %s"),
        address, port, err->message);
  g_clear_error (&err);
  return FALSE;
}
}

static void
gst_sip_transport_ws_stop (GstSipTransport *transport)
{
  GstSipTransportWs *ws = GST_SIP_TRANSPORT_WS (transport);
  GList *l;

  ws->stopping = TRUE;
  ws->started = FALSE;
  g_hash_table_remove_all (ws->reconnects);

  PUSH_CONTEXT (ws);
  if (ws->listen_source) {
    g_source_destroy (ws->listen_source);
    g_clear_pointer (&ws->listen_source, g_source_unref);
  }
  if (ws->listener) {
    g_socket_close (ws->listener, NULL);
    g_clear_object (&ws->listener);
  }
  /* the handshakes finish (failing) on their own */
  for (l = ws->handshakes; l; l = l->next)
    g_cancellable_cancel (((Accepted *) l->data)->cancellable);
  if (ws->server) {
    soup_server_disconnect (ws->server);
    g_clear_object (&ws->server);
  }

  _gst_sip_transport_ws_close_connections (ws);
  POP_CONTEXT (ws);
}

gboolean
_gst_sip_transport_ws_send (GstSipTransportWs *ws, GBytes *data,
    GSocketAddress *destination, GObject *connection, const gchar *server_name,
    GError **error)
{
  GstSipTransport *transport = GST_SIP_TRANSPORT (ws);
  GstSipWsConnection *conn = NULL;
  const guint8 *bytes;
  gsize len;

  if (connection && _gst_sip_transport_ws_connection_is_open (ws, connection)) {
    conn = GST_SIP_WS_CONNECTION (connection);
  } else if (destination) {
    gchar *key = _gst_sip_socket_address_to_string (destination);
    gchar *index;

    if (!is_server_name (server_name))
      server_name = NULL;
    index = connection_index (key, server_name);
    conn = g_hash_table_lookup (ws->by_remote, index);
    g_free (index);
    g_free (key);
    if (conn == NULL)
      conn = connection_open (ws, destination, server_name, error);
    if (conn == NULL)
      return FALSE;
  } else {
    goto no_destination;
  }

  bytes = g_bytes_get_data (data, &len);
  if (conn->socket) {
    if (!connection_write (conn, data, error))
      return FALSE;
  } else {
    g_queue_push_tail (&conn->pending, g_bytes_ref (data));
  }
  _gst_sip_wire_log (transport, TRUE, conn->remote, bytes, len);

  return TRUE;

  /* ERRORS */
no_destination : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("The connection is closed and there is no destination to "
         "connect to"));
  return FALSE;
}
}

static gboolean
gst_sip_transport_ws_send (GstSipTransport *transport, GBytes *data,
    GSocketAddress *destination, GObject *connection, GError **error)
{
  return _gst_sip_transport_ws_send (GST_SIP_TRANSPORT_WS (transport), data,
      destination, connection, NULL, error);
}

/* ---------------------------------------------------------------------- */
/* internal API */

gboolean
_gst_sip_transport_ws_connection_is_open (
    GstSipTransportWs *ws, GObject *connection)
{
  GstSipWsConnection *conn;

  if (!GST_IS_SIP_WS_CONNECTION (connection))
    return FALSE;
  conn = GST_SIP_WS_CONNECTION (connection);
  return conn->open && conn->ws == ws;
}

guint
_gst_sip_transport_ws_get_n_connections (GstSipTransportWs *ws)
{
  return g_hash_table_size (ws->connections);
}

void
_gst_sip_transport_ws_configure_tls (GstSipTransportWs *ws,
    GTlsDatabase *database, const GError *database_error,
    GTlsCertificate *certificate, GstSipTransportAcceptCertificateFunc accept,
    gpointer user_data)
{
  GHashTableIter iter;
  gpointer conn;

  g_set_object (&ws->tls_database, database);
  g_clear_error (&ws->tls_database_error);
  if (database_error)
    ws->tls_database_error = g_error_copy (database_error);
  if (is_secure (ws) && ws->started && ws->listener == NULL && certificate &&
      ws->tls_certificate == NULL)
    GST_WARNING_OBJECT (ws,
        "a certificate set after the WSS transport "
        "started: it connects to servers only, add it "
        "again to accept connections");
  g_set_object (&ws->tls_certificate, certificate);
  ws->accept = accept;
  ws->accept_data = user_data;

  /* connections still connecting check the server with the new
   * authorities; NULL is the TLS backend's default, never none */
  if (database == NULL)
    database =
        g_tls_backend_get_default_database (g_tls_backend_get_default ());
  else
    g_object_ref (database);
  g_hash_table_iter_init (&iter, ws->connections);
  while (g_hash_table_iter_next (&iter, &conn, NULL)) {
    GstSipWsConnection *c = conn;

    if (c->session && c->socket == NULL)
      soup_session_set_tls_database (c->session, database);
  }
  g_clear_object (&database);
}

void
_gst_sip_transport_ws_set_reconnect_delay_ms (
    GstSipTransportWs *ws, guint min_ms, guint max_ms)
{
  ws->reconnect_min_ms = MAX (min_ms, 1);
  ws->reconnect_max_ms = MAX (max_ms, ws->reconnect_min_ms);
}

void
_gst_sip_transport_ws_close_connections (GstSipTransportWs *ws)
{
  GList *conns, *l;

  conns = g_hash_table_get_keys (ws->connections);
  for (l = conns; l; l = l->next)
    g_object_ref (l->data);
  for (l = conns; l; l = l->next)
    connection_close (l->data, NULL, TRUE);
  g_list_free_full (conns, g_object_unref);
}

void
_gst_sip_transport_ws_set_handshake_timeout_ms (
    GstSipTransportWs *ws, guint timeout_ms)
{
  ws->handshake_timeout_ms = MAX (timeout_ms, 1);
}

guint
_gst_sip_transport_ws_get_n_handshakes (GstSipTransportWs *ws)
{
  return g_list_length (ws->handshakes);
}

guint
_gst_sip_transport_ws_get_n_pongs (GstSipTransportWs *ws)
{
  return ws->n_pongs;
}

guint
_gst_sip_transport_ws_get_n_connects (GstSipTransportWs *ws)
{
  return ws->n_connects;
}

guint
_gst_sip_transport_ws_get_n_attempts (GstSipTransportWs *ws)
{
  return ws->n_attempts;
}

GstSipUri *
_gst_sip_contact_uri_new (gboolean sips, const gchar *user, const gchar *host,
    guint port, const gchar *transport)
{
  gboolean flow = is_invalid_host (host);
  GstSipUri *uri = gst_sip_uri_new_sip (sips, user, host, flow ? 0 : port);

  if (uri && transport)
    gst_sip_uri_set_param (uri, "transport", transport);
  if (uri && flow)
    gst_sip_uri_set_param (uri, "ob", NULL);
  return uri;
}

GstSipUri *
_gst_sip_ws_url_to_uri (const gchar *url, gchar **path)
{
  GUri *guri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const gchar *scheme;
  GstSipUri *uri = NULL;
  gboolean secure;
  gint port;

  if (guri == NULL)
    return NULL;
  scheme = g_uri_get_scheme (guri);
  secure = g_ascii_strcasecmp (scheme, "wss") == 0;
  if ((secure || g_ascii_strcasecmp (scheme, "ws") == 0) &&
      g_uri_get_host (guri) && *g_uri_get_host (guri)) {
    port = g_uri_get_port (guri);
    uri = gst_sip_uri_new_sip (FALSE, NULL, g_uri_get_host (guri),
        port > 0 ? port : (secure ? 443 : 80));
    if (uri)
      gst_sip_uri_set_param (uri, "transport", secure ? "wss" : "ws");
    if (uri && path)
      *path = g_strdup (*g_uri_get_path (guri) ? g_uri_get_path (guri) : "/");
  }
  g_uri_unref (guri);
  return uri;
}
