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

/**
 * SECTION:sip-transport
 * @title: GstSipTransport
 * @short_description: a socket that carries SIP messages
 *
 * A #GstSipTransport binds one local address and port for one transport
 * protocol (UDP, TCP, TLS, or WebSocket: WS and WSS) and moves SIP messages
 * in and out of it.
 * Transports are created and started by gst_sip_user_agent_add_transport();
 * the application reads their properties, for instance
 * #GstSipTransport:port after binding to port 0.
 *
 * A transport does all its work on the #GMainContext that was the
 * thread-default context when it was created, and must only be used from
 * the thread that runs that context.
 *
 * The debug category `sipwire` logs every message sent and received, at
 * the LOG level, with the credentials of Authorization and
 * Proxy-Authorization headers and the SRTP keys of `a=crypto` lines
 * masked.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gnetworking.h>

#include "sip-transport-private.h"
#include "sip-auth-header.h"
#include "sip-scan-private.h"
#include "sip-sdp-crypto-private.h"
#include "sip/sip-enumtypes.h"

GST_DEBUG_CATEGORY_STATIC (sip_transport_debug);
#define GST_CAT_DEFAULT sip_transport_debug
GST_DEBUG_CATEGORY_STATIC (sip_wire_debug);

#define DEFAULT_PROTOCOL GST_SIP_TRANSPORT_PROTOCOL_UDP
#define DEFAULT_ADDRESS "0.0.0.0"
#define DEFAULT_PORT 0
#define DEFAULT_MAX_MESSAGE_SIZE GST_SIP_MAX_MESSAGE_SIZE
#define DEFAULT_IDLE_TIMEOUT 120

enum
{
  PROP_0,
  PROP_PROTOCOL,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_LOCAL_ADDRESS,
  PROP_MAX_MESSAGE_SIZE,
  PROP_IDLE_TIMEOUT,
};

typedef struct
{
  GstSipTransportProtocol protocol;
  gchar *address;
  guint port;
  guint max_message_size;
  guint idle_timeout_ms;

  /* the host part of a Via sent-by */
  gchar *host;
  GInetSocketAddress *local_address;
  gboolean started;

  GMainContext *context;

  GstSipTransportReceiveFunc receive;
  GstSipTransportErrorFunc error;
  gpointer user_data;
} GstSipTransportPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (
    GstSipTransport, gst_sip_transport, G_TYPE_OBJECT,
    G_ADD_PRIVATE (GstSipTransport);
    GST_DEBUG_CATEGORY_INIT (
        sip_transport_debug, "siptransport", 0, "SIP transports");
    GST_DEBUG_CATEGORY_INIT (
        sip_wire_debug, "sipwire", 0, "SIP messages on the wire (LOG level)"));

enum
{
  SIGNAL_CONNECTION_LOST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void gst_sip_transport_finalize (GObject *object);
static void gst_sip_transport_constructed (GObject *object);
static void gst_sip_transport_set_property (
    GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec);
static void gst_sip_transport_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec);

static void
gst_sip_transport_class_init (GstSipTransportClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  gobject_class->constructed = gst_sip_transport_constructed;
  gobject_class->finalize = gst_sip_transport_finalize;
  gobject_class->set_property = gst_sip_transport_set_property;
  gobject_class->get_property = gst_sip_transport_get_property;

  /**
   * GstSipTransport:protocol:
   *
   * The transport protocol.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_PROTOCOL,
      g_param_spec_enum ("protocol", "Protocol", "The transport protocol",
          GST_TYPE_SIP_TRANSPORT_PROTOCOL, DEFAULT_PROTOCOL,
          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * GstSipTransport:address:
   *
   * The local IP address to bind, as text: a specific address such as
   * `127.0.0.1` or `::1`, or the wildcard `0.0.0.0` or `::` for every
   * address of the family.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_ADDRESS,
      g_param_spec_string ("address", "Address", "The local IP address to bind",
          DEFAULT_ADDRESS,
          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * GstSipTransport:port:
   *
   * The local port.  Set 0 to let the system choose a free port; once the
   * transport is started this property holds the port actually bound.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_PORT,
      g_param_spec_uint ("port", "Port",
          "The local port (0 = chosen by the system; the bound port once "
          "started)",
          0, G_MAXUINT16, DEFAULT_PORT,
          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * GstSipTransport:local-address:
   *
   * The address and port the transport is bound to, %NULL until it is
   * started.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_LOCAL_ADDRESS,
      g_param_spec_object ("local-address", "Local address",
          "The address and port the transport is bound to",
          G_TYPE_INET_SOCKET_ADDRESS,
          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GstSipTransport:max-message-size:
   *
   * The largest message, in bytes, that is accepted.  Larger datagrams are
   * dropped; a connection that carries a larger message is closed.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_MAX_MESSAGE_SIZE,
      g_param_spec_uint ("max-message-size", "Maximum message size",
          "The largest message accepted, in bytes", 256, G_MAXINT32,
          DEFAULT_MAX_MESSAGE_SIZE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  /**
   * GstSipTransport:idle-timeout:
   *
   * For connection-oriented transports (TCP, TLS): a connection that
   * carries no data in either direction for this many seconds is closed.
   * 0 keeps idle connections open.  Datagram transports ignore it.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_IDLE_TIMEOUT,
      g_param_spec_uint ("idle-timeout", "Idle timeout",
          "Close connections idle for this many seconds (0 = never)", 0,
          G_MAXUINT / 1000, DEFAULT_IDLE_TIMEOUT,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));

  /**
   * GstSipTransport::connection-lost:
   * @transport: the #GstSipTransport
   * @remote: the address of the peer
   * @error: why the connection closed
   *
   * Emitted when a connection that the transport opened to a server (a
   * proxy or a registrar) closes without being asked to.  The WS and WSS
   * transports open it again by themselves, after a delay that doubles on
   * each failed attempt; a #GstSipAccount registered over the transport
   * registers again, so that requests reach it over the new connection.
   *
   * Since: 0.1
   */
  signals[SIGNAL_CONNECTION_LOST] = g_signal_new ("connection-lost",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 2, G_TYPE_INET_SOCKET_ADDRESS,
      G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gst_sip_transport_init (GstSipTransport *transport)
{
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  priv->protocol = DEFAULT_PROTOCOL;
  priv->port = DEFAULT_PORT;
  priv->max_message_size = DEFAULT_MAX_MESSAGE_SIZE;
  priv->idle_timeout_ms = DEFAULT_IDLE_TIMEOUT * 1000;
  priv->context = g_main_context_ref_thread_default ();
}

static gboolean
address_is_any (const gchar *address)
{
  GInetAddress *inet = g_inet_address_new_from_string (address);
  gboolean any = inet == NULL || g_inet_address_get_is_any (inet);

  g_clear_object (&inet);
  return any;
}

static void
gst_sip_transport_constructed (GObject *object)
{
  GstSipTransport *transport = GST_SIP_TRANSPORT (object);
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  G_OBJECT_CLASS (gst_sip_transport_parent_class)->constructed (object);

  if (priv->address == NULL)
    priv->address = g_strdup (DEFAULT_ADDRESS);

  /* a wildcard bind has no address of its own to put in a Via; the
   * loopback address of the family is the one that is always there */
  if (address_is_any (priv->address))
    priv->host = g_strdup (strchr (priv->address, ':') ? "::1" : "127.0.0.1");
  else
    priv->host = g_strdup (priv->address);
}

static void
gst_sip_transport_finalize (GObject *object)
{
  GstSipTransport *transport = GST_SIP_TRANSPORT (object);
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  g_free (priv->address);
  g_free (priv->host);
  g_clear_object (&priv->local_address);
  g_main_context_unref (priv->context);

  G_OBJECT_CLASS (gst_sip_transport_parent_class)->finalize (object);
}

static void
gst_sip_transport_set_property (
    GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstSipTransport *transport = GST_SIP_TRANSPORT (object);
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  switch (prop_id) {
    case PROP_PROTOCOL:
      priv->protocol = g_value_get_enum (value);
      break;
    case PROP_ADDRESS:
      g_free (priv->address);
      priv->address = g_value_dup_string (value);
      break;
    case PROP_PORT:
      priv->port = g_value_get_uint (value);
      break;
    case PROP_MAX_MESSAGE_SIZE:
      priv->max_message_size = g_value_get_uint (value);
      break;
    case PROP_IDLE_TIMEOUT:
      _gst_sip_transport_set_idle_timeout_ms (
          transport, g_value_get_uint (value) * 1000);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_transport_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipTransport *transport = GST_SIP_TRANSPORT (object);
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  switch (prop_id) {
    case PROP_PROTOCOL:
      g_value_set_enum (value, priv->protocol);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, priv->address);
      break;
    case PROP_PORT:
      g_value_set_uint (value, gst_sip_transport_get_port (transport));
      break;
    case PROP_LOCAL_ADDRESS:
      g_value_set_object (value, priv->local_address);
      break;
    case PROP_MAX_MESSAGE_SIZE:
      g_value_set_uint (value, priv->max_message_size);
      break;
    case PROP_IDLE_TIMEOUT:
      g_value_set_uint (value, priv->idle_timeout_ms / 1000);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

/**
 * gst_sip_transport_get_protocol:
 * @transport: a #GstSipTransport
 *
 * Returns: the transport protocol of @transport
 *
 * Since: 0.1
 */
GstSipTransportProtocol
gst_sip_transport_get_protocol (GstSipTransport *transport)
{
  GstSipTransportPrivate *priv;

  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), DEFAULT_PROTOCOL);

  priv = gst_sip_transport_get_instance_private (transport);
  return priv->protocol;
}

/**
 * gst_sip_transport_is_reliable:
 * @transport: a #GstSipTransport
 *
 * Returns: %TRUE if @transport delivers reliably (every protocol but UDP)
 *
 * Since: 0.1
 */
gboolean
gst_sip_transport_is_reliable (GstSipTransport *transport)
{
  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), FALSE);

  return gst_sip_transport_protocol_is_reliable (
      gst_sip_transport_get_protocol (transport));
}

/**
 * gst_sip_transport_get_local_address:
 * @transport: a #GstSipTransport
 *
 * Returns: (transfer none) (nullable): the address and port @transport is
 *   bound to, or %NULL if it is not started
 *
 * Since: 0.1
 */
GInetSocketAddress *
gst_sip_transport_get_local_address (GstSipTransport *transport)
{
  GstSipTransportPrivate *priv;

  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), NULL);

  priv = gst_sip_transport_get_instance_private (transport);
  return priv->local_address;
}

/**
 * gst_sip_transport_get_port:
 * @transport: a #GstSipTransport
 *
 * Returns: the port @transport is bound to once started; before that the
 *   configured port (0 for a port chosen by the system)
 *
 * Since: 0.1
 */
guint
gst_sip_transport_get_port (GstSipTransport *transport)
{
  GstSipTransportPrivate *priv;

  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), 0);

  priv = gst_sip_transport_get_instance_private (transport);
  if (priv->local_address)
    return g_inet_socket_address_get_port (priv->local_address);
  return priv->port;
}

/**
 * gst_sip_transport_get_host:
 * @transport: a #GstSipTransport
 *
 * Returns the host to write in the sent-by of a Via header: the bound
 * address as text, without brackets for IPv6.  A transport bound to the
 * wildcard address (`0.0.0.0` or `::`) has no single address of its own;
 * for it this returns the loopback address of the family (`127.0.0.1` or
 * `::1`), and the user agent picks the address of the interface that
 * reaches each destination instead.
 *
 * Returns: (transfer none): the host part of a Via sent-by
 *
 * Since: 0.1
 */
const gchar *
gst_sip_transport_get_host (GstSipTransport *transport)
{
  GstSipTransportPrivate *priv;

  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), NULL);

  priv = gst_sip_transport_get_instance_private (transport);
  return priv->host;
}

/* ---------------------------------------------------------------------- */
/* internal API */

GstSipTransport *
_gst_sip_transport_new (GstSipTransportProtocol protocol, const gchar *address,
    guint port, GError **error)
{
  GInetAddress *inet;
  GType type;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (protocol) {
    case GST_SIP_TRANSPORT_PROTOCOL_UDP:
      type = GST_TYPE_SIP_TRANSPORT_UDP;
      break;
    case GST_SIP_TRANSPORT_PROTOCOL_TCP:
      type = GST_TYPE_SIP_TRANSPORT_TCP;
      break;
    case GST_SIP_TRANSPORT_PROTOCOL_TLS:
      type = GST_TYPE_SIP_TRANSPORT_TLS;
      break;
    case GST_SIP_TRANSPORT_PROTOCOL_WS:
    case GST_SIP_TRANSPORT_PROTOCOL_WSS:
      type = GST_TYPE_SIP_TRANSPORT_WS;
      break;
    default:
      goto unsupported;
  }

  if (address == NULL)
    address = DEFAULT_ADDRESS;
  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    goto bad_address;
  g_object_unref (inet);

  if (port > G_MAXUINT16)
    goto bad_port;

  return g_object_new (
      type, "protocol", protocol, "address", address, "port", port, NULL);

  /* ERRORS */
unsupported : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_UNSUPPORTED,
      _ ("The %s transport is not supported"),
      gst_sip_transport_protocol_to_string (protocol));
  return NULL;
}
bad_address : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("\"%s\" is not an IP address"), address);
  return NULL;
}
bad_port : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("%u is not a valid port"), port);
  return NULL;
}
}

void
_gst_sip_transport_set_callbacks (GstSipTransport *transport,
    GstSipTransportReceiveFunc receive, GstSipTransportErrorFunc error,
    gpointer user_data)
{
  GstSipTransportPrivate *priv;

  g_return_if_fail (GST_IS_SIP_TRANSPORT (transport));

  priv = gst_sip_transport_get_instance_private (transport);
  priv->receive = receive;
  priv->error = error;
  priv->user_data = user_data;
}

gboolean
_gst_sip_transport_start (GstSipTransport *transport, GError **error)
{
  GstSipTransportPrivate *priv;
  GstSipTransportClass *klass;

  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv = gst_sip_transport_get_instance_private (transport);
  klass = GST_SIP_TRANSPORT_GET_CLASS (transport);

  if (priv->started)
    return TRUE;

  if (!klass->start (transport, error))
    return FALSE;

  priv->started = TRUE;
  GST_INFO_OBJECT (transport, "started %s on %s port %u",
      gst_sip_transport_protocol_to_string (priv->protocol), priv->address,
      gst_sip_transport_get_port (transport));
  return TRUE;
}

void
_gst_sip_transport_stop (GstSipTransport *transport)
{
  GstSipTransportPrivate *priv;
  GstSipTransportClass *klass;

  g_return_if_fail (GST_IS_SIP_TRANSPORT (transport));

  priv = gst_sip_transport_get_instance_private (transport);
  klass = GST_SIP_TRANSPORT_GET_CLASS (transport);

  if (!priv->started)
    return;

  priv->started = FALSE;
  klass->stop (transport);
  GST_INFO_OBJECT (transport, "stopped");
}

gboolean
_gst_sip_transport_send (GstSipTransport *transport, GBytes *data,
    GSocketAddress *destination, GObject *connection, GError **error)
{
  GstSipTransportPrivate *priv;
  GstSipTransportClass *klass;

  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (
      destination == NULL || G_IS_INET_SOCKET_ADDRESS (destination), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv = gst_sip_transport_get_instance_private (transport);
  klass = GST_SIP_TRANSPORT_GET_CLASS (transport);

  if (!priv->started)
    goto not_started;

  return klass->send (transport, data, destination, connection, error);

  /* ERRORS */
not_started : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
      _ ("The %s transport is not started"),
      gst_sip_transport_protocol_to_string (priv->protocol));
  return FALSE;
}
}

gboolean
_gst_sip_transport_send_to_host (GstSipTransport *transport, GBytes *data,
    GSocketAddress *destination, GObject *connection, const gchar *server_name,
    GError **error)
{
  GstSipTransportPrivate *priv;

  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), FALSE);

  priv = gst_sip_transport_get_instance_private (transport);
  if (!(GST_IS_SIP_TRANSPORT_TLS (transport) ||
          GST_IS_SIP_TRANSPORT_WS (transport)) ||
      !priv->started)
    return _gst_sip_transport_send (
        transport, data, destination, connection, error);

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (
      destination == NULL || G_IS_INET_SOCKET_ADDRESS (destination), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (GST_IS_SIP_TRANSPORT_WS (transport))
    return _gst_sip_transport_ws_send (GST_SIP_TRANSPORT_WS (transport), data,
        destination, connection, server_name, error);
  return _gst_sip_transport_tcp_send (GST_SIP_TRANSPORT_TCP (transport), data,
      destination, connection, server_name, error);
}

gboolean
_gst_sip_transport_connection_is_open (
    GstSipTransport *transport, GObject *connection)
{
  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), FALSE);

  if (connection == NULL)
    return FALSE;
  if (GST_IS_SIP_TRANSPORT_TCP (transport))
    return _gst_sip_transport_tcp_connection_is_open (
        GST_SIP_TRANSPORT_TCP (transport), connection);
  if (GST_IS_SIP_TRANSPORT_WS (transport))
    return _gst_sip_transport_ws_connection_is_open (
        GST_SIP_TRANSPORT_WS (transport), connection);
  return FALSE;
}

guint
_gst_sip_transport_get_n_connections (GstSipTransport *transport)
{
  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), 0);

  if (GST_IS_SIP_TRANSPORT_TCP (transport))
    return _gst_sip_transport_tcp_get_n_connections (
        GST_SIP_TRANSPORT_TCP (transport));
  if (GST_IS_SIP_TRANSPORT_WS (transport))
    return _gst_sip_transport_ws_get_n_connections (
        GST_SIP_TRANSPORT_WS (transport));
  return 0;
}

/* Asks the routing table which local address reaches @destination: a UDP
 * socket that is connected sends nothing but gets a source address. */
static GInetAddress *
route_source_address (GSocketAddress *destination)
{
  GSocket *socket;
  GSocketAddress *local = NULL;
  GInetAddress *result = NULL;
  GError *err = NULL;

  socket = g_socket_new (g_socket_address_get_family (destination),
      G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &err);
  if (socket == NULL)
    goto failed;
  if (!g_socket_connect (socket, destination, NULL, &err))
    goto failed;
  local = g_socket_get_local_address (socket, &err);
  if (local == NULL)
    goto failed;

  result = g_object_ref (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  g_object_unref (local);
  g_object_unref (socket);
  return result;

  /* ERRORS */
failed : {
  GST_DEBUG ("no route: %s", err->message);
  g_clear_error (&err);
  g_clear_object (&socket);
  return NULL;
}
}

GInetSocketAddress *
_gst_sip_transport_get_local_address_for (
    GstSipTransport *transport, GSocketAddress *destination)
{
  GstSipTransportPrivate *priv;
  GInetAddress *bound, *source;
  GInetSocketAddress *result;

  g_return_val_if_fail (GST_IS_SIP_TRANSPORT (transport), NULL);
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (destination), NULL);

  priv = gst_sip_transport_get_instance_private (transport);
  if (priv->local_address == NULL)
    return NULL;

  bound = g_inet_socket_address_get_address (priv->local_address);
  if (!g_inet_address_get_is_any (bound))
    return g_object_ref (priv->local_address);

  if (g_socket_address_get_family (destination) !=
      g_inet_address_get_family (bound))
    return g_object_ref (priv->local_address);

  source = route_source_address (destination);
  if (source == NULL)
    return g_object_ref (priv->local_address);

  result = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (
      source, g_inet_socket_address_get_port (priv->local_address)));
  g_object_unref (source);
  return result;
}

/* for subclasses */

void
_gst_sip_transport_deliver (GstSipTransport *transport, GstSipMessage *msg,
    const GstSipParseFault *fault, const GError *error)
{
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  if (priv->receive == NULL) {
    GST_DEBUG_OBJECT (transport, "no receiver, dropping a message");
    return;
  }
  priv->receive (transport, msg, fault, error, priv->user_data);
}

void
_gst_sip_transport_report_error (
    GstSipTransport *transport, GSocketAddress *remote, const GError *error)
{
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  GST_INFO_OBJECT (transport, "transport error: %s", error->message);
  if (priv->error == NULL)
    return;
  priv->error (transport, remote, error, priv->user_data);
}

void
_gst_sip_transport_connection_lost (
    GstSipTransport *transport, GSocketAddress *remote, const GError *error)
{
  GST_INFO_OBJECT (transport, "connection lost: %s", error->message);
  g_signal_emit (transport, signals[SIGNAL_CONNECTION_LOST], 0, remote, error);
}

void
_gst_sip_transport_set_local_address (
    GstSipTransport *transport, GInetSocketAddress *address)
{
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);
  guint old_port = gst_sip_transport_get_port (transport);

  if (!g_set_object (&priv->local_address, address))
    return;

  g_object_notify (G_OBJECT (transport), "local-address");
  if (gst_sip_transport_get_port (transport) != old_port)
    g_object_notify (G_OBJECT (transport), "port");
}

/* the backlog of listening stream sockets */
#define LISTEN_BACKLOG 128

GSocket *
_gst_sip_transport_open_socket (GstSipTransport *transport, GSocketType type,
    gboolean *bad_address, GError **error)
{
  const gchar *address = _gst_sip_transport_get_address (transport);
  gboolean stream = type == G_SOCKET_TYPE_STREAM;
  GInetAddress *inet;
  GSocketAddress *bind_address = NULL, *local = NULL;
  GSocketFamily family;
  GSocket *socket;
  GError *err = NULL;
  guint port;

  *bad_address = FALSE;
  inet = g_inet_address_new_from_string (address);
  if (inet == NULL) {
    *bad_address = TRUE;
    return NULL;
  }
  family = g_inet_address_get_family (inet);
  g_object_get (transport, "port", &port, NULL);

  socket = g_socket_new (family, type,
      stream ? G_SOCKET_PROTOCOL_TCP : G_SOCKET_PROTOCOL_UDP, error);
  if (socket == NULL)
    goto done;
  g_socket_set_blocking (socket, FALSE);

  /* IPv4 and IPv6 transports are separate: an IPv6 socket must leave the
   * port free for an IPv4 one */
  if (family == G_SOCKET_FAMILY_IPV6 &&
      !g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, 1, &err)) {
    GST_WARNING_OBJECT (
        transport, "could not set IPV6_V6ONLY: %s", err->message);
    g_clear_error (&err);
  }

  bind_address = g_inet_socket_address_new (inet, port);
  if (!g_socket_bind (socket, bind_address, stream, error))
    goto failed;
  if (stream) {
    g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
    if (!g_socket_listen (socket, error))
      goto failed;
  }
  local = g_socket_get_local_address (socket, error);
  if (local == NULL)
    goto failed;
  _gst_sip_transport_set_local_address (
      transport, G_INET_SOCKET_ADDRESS (local));
  g_object_unref (local);

done:
  g_clear_object (&bind_address);
  g_object_unref (inet);
  return socket;

failed:
  g_clear_object (&socket);
  goto done;
}

GMainContext *
_gst_sip_transport_get_context (GstSipTransport *transport)
{
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  return priv->context;
}

const gchar *
_gst_sip_transport_get_address (GstSipTransport *transport)
{
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  return priv->address;
}

gsize
_gst_sip_transport_get_max_message_size (GstSipTransport *transport)
{
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  return priv->max_message_size;
}

void
_gst_sip_transport_set_idle_timeout_ms (
    GstSipTransport *transport, guint timeout_ms)
{
  GstSipTransportPrivate *priv;

  g_return_if_fail (GST_IS_SIP_TRANSPORT (transport));

  priv = gst_sip_transport_get_instance_private (transport);
  priv->idle_timeout_ms = timeout_ms;
  if (GST_IS_SIP_TRANSPORT_TCP (transport))
    _gst_sip_transport_tcp_idle_timeout_changed (
        GST_SIP_TRANSPORT_TCP (transport));
}

guint
_gst_sip_transport_get_idle_timeout_ms (GstSipTransport *transport)
{
  GstSipTransportPrivate *priv =
      gst_sip_transport_get_instance_private (transport);

  return priv->idle_timeout_ms;
}

gchar *
_gst_sip_socket_address_to_string (GSocketAddress *address)
{
  GInetSocketAddress *inet;
  gchar *host, *result;

  if (address == NULL || !G_IS_INET_SOCKET_ADDRESS (address))
    return g_strdup ("(none)");

  inet = G_INET_SOCKET_ADDRESS (address);
  host = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
  if (g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    result = g_strdup_printf (
        "[%s]:%u", host, g_inet_socket_address_get_port (inet));
  else
    result =
        g_strdup_printf ("%s:%u", host, g_inet_socket_address_get_port (inet));
  g_free (host);
  return result;
}

/* ---------------------------------------------------------------------- */
/* sipwire */

static gboolean
header_name_is (const gchar *line, gsize name_len, const gchar *name)
{
  return name_len == strlen (name) &&
      g_ascii_strncasecmp (line, name, name_len) == 0;
}

/* Writes the masked value of an Authorization or Proxy-Authorization
 * header: the scheme, the username parameter and nothing else. */
static void
append_masked_credentials (GString *out, const gchar *value, gsize len)
{
  gchar *text = g_strndup (value, len);
  GstSipAuthHeader *header;
  const gchar *username;

  /* folded lines are one value; a value that does not parse is masked
   * whole */
  g_strdelimit (text, "\r\n", ' ');
  header = gst_sip_auth_header_new_from_string (g_strstrip (text), NULL);
  if (header == NULL) {
    g_string_append (out, "<masked>");
    g_free (text);
    return;
  }

  g_string_append (out, gst_sip_auth_header_get_scheme (header));
  username = gst_sip_auth_header_get_param (header, "username");
  if (username) {
    g_string_append (out, " username=");
    _gst_sip_append_quoted (out, username);
    g_string_append (out, ", <masked>");
  } else {
    g_string_append (out, " <masked>");
  }

  gst_sip_auth_header_free (header);
  g_free (text);
}

static void
append_printable (GString *out, const gchar *p, gsize len)
{
  gsize i;

  for (i = 0; i < len; i++) {
    guchar c = p[i];

    if ((c < 0x20 && c != '\r' && c != '\n' && c != '\t') || c == 0x7f)
      g_string_append_c (out, '.');
    else
      g_string_append_c (out, c);
  }
}

gchar *
_gst_sip_wire_mask (const guint8 *data, gsize len)
{
  const gchar *p = (const gchar *) data, *end;
  GString *out = g_string_sized_new (len + 32);
  gsize body;

  if (len == 0)
    return g_string_free (out, FALSE);
  end = p + len;

  /* header section: line by line, with folded lines joined to the header
   * they continue */
  while (p < end) {
    const gchar *line = p, *line_end, *colon, *name_end, *nl;

    nl = memchr (p, '\n', end - p);
    line_end = nl ? nl + 1 : end;
    /* continuation lines */
    while (nl && line_end < end && (*line_end == ' ' || *line_end == '\t')) {
      nl = memchr (line_end, '\n', end - line_end);
      line_end = nl ? nl + 1 : end;
    }
    p = line_end;

    if (line[0] == '\n' ||
        (line[0] == '\r' && line + 1 < end && line[1] == '\n')) {
      /* the empty line: the body follows */
      append_printable (out, line, line_end - line);
      break;
    }

    colon = memchr (line, ':', line_end - line);
    name_end = colon;
    while (name_end && name_end > line &&
        (name_end[-1] == ' ' || name_end[-1] == '\t'))
      name_end--;
    if (colon &&
        (header_name_is (line, name_end - line, "Authorization") ||
            header_name_is (line, name_end - line, "Proxy-Authorization"))) {
      const gchar *value_end = line_end;

      while (value_end > colon + 1 &&
          (value_end[-1] == '\n' || value_end[-1] == '\r'))
        value_end--;
      g_string_append_len (out, line, colon + 1 - line);
      g_string_append_c (out, ' ');
      append_masked_credentials (out, colon + 1, value_end - colon - 1);
      g_string_append_len (out, value_end, line_end - value_end);
    } else {
      append_printable (out, line, line_end - line);
    }
  }

  /* the body, with the SRTP keys of SDP masked */
  body = out->len;
  append_printable (out, p, end - p);
  _gst_sip_sdp_crypto_mask_keys (out->str + body, out->len - body);

  return g_string_free (out, FALSE);
}

void
_gst_sip_wire_log (GstSipTransport *transport, gboolean sent,
    GSocketAddress *remote, const guint8 *data, gsize len)
{
#ifndef GST_DISABLE_GST_DEBUG
  const gchar *protocol = "-";
  gchar *text, *where;

  /* the category comes with the type; a send function may log before any
   * transport exists */
  if (G_UNLIKELY (sip_wire_debug == NULL))
    g_type_ensure (GST_TYPE_SIP_TRANSPORT);

  if (G_LIKELY (
          gst_debug_category_get_threshold (sip_wire_debug) < GST_LEVEL_LOG))
    return;

  if (transport)
    protocol = gst_sip_transport_protocol_to_string (
        gst_sip_transport_get_protocol (transport));
  text = _gst_sip_wire_mask (data, len);
  where = _gst_sip_socket_address_to_string (remote);
  GST_CAT_LOG_OBJECT (sip_wire_debug, transport,
      "%s %" G_GSIZE_FORMAT " bytes %s %s %s:\n%s", sent ? "sent" : "received",
      len, protocol, sent ? "to" : "from", where, text);
  g_free (where);
  g_free (text);
#endif
}
