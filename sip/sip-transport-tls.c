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
 * The TLS transport (RFC 3261 section 26.2, RFC 5922): the TCP transport
 * with every connection wrapped in a GTlsConnection before the first byte
 * of SIP goes either way.  Framing, keep-alives, idle timeouts and the
 * reuse of connections are the TCP transport's (sip-transport-tcp.c); this
 * file only does the handshakes.
 *
 * A connection opened towards a server checks the server's certificate
 * against the name of the server, the host of the URI the destination was
 * resolved from (RFC 5922 section 4), not the resolved address, and against
 * the configured certificate authorities (a CA file, or the system's).  A
 * certificate that fails goes to the accept function (the user agent's
 * accept-certificate signal) and, refused, closes the connection with a
 * GST_SIP_ERROR_CERTIFICATE error saying why; what waited to be sent is
 * dropped, never sent in clear.
 *
 * Accepted connections present our certificate; without one they are
 * closed.  Client certificates are asked for following the authentication
 * mode and checked against the same authorities.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <glib/gi18n-lib.h>

#include "sip-transport-private.h"

GST_DEBUG_CATEGORY_STATIC (sip_transport_debug);
#define GST_CAT_DEFAULT sip_transport_debug

struct _GstSipTransportTls
{
  GstSipTransportTcp parent;

  GTlsDatabase *database; /* NULL: the backend's default */
  GError *database_error;
  GTlsCertificate *certificate;
  GTlsAuthenticationMode authentication_mode;

  GstSipTransportAcceptCertificateFunc accept;
  gpointer accept_data;
};

G_DEFINE_TYPE_WITH_CODE (GstSipTransportTls, _gst_sip_transport_tls,
    GST_TYPE_SIP_TRANSPORT_TCP,
    GST_DEBUG_CATEGORY_INIT (
        sip_transport_debug, "siptransport", 0, "SIP transports"));

static void gst_sip_transport_tls_secure (GstSipTransportTcp *tcp,
    GObject *connection, GIOStream *stream, gboolean incoming,
    GSocketAddress *remote, const gchar *server_name,
    GCancellable *cancellable);
static void gst_sip_transport_tls_finalize (GObject *object);

static void
_gst_sip_transport_tls_class_init (GstSipTransportTlsClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstSipTransportTcpClass *tcp_class = GST_SIP_TRANSPORT_TCP_CLASS (klass);

  gobject_class->finalize = gst_sip_transport_tls_finalize;
  tcp_class->secure = gst_sip_transport_tls_secure;
}

static void
_gst_sip_transport_tls_init (GstSipTransportTls *tls)
{
  tls->authentication_mode = G_TLS_AUTHENTICATION_NONE;
}

static void
gst_sip_transport_tls_finalize (GObject *object)
{
  GstSipTransportTls *tls = GST_SIP_TRANSPORT_TLS (object);

  g_clear_object (&tls->database);
  g_clear_error (&tls->database_error);
  g_clear_object (&tls->certificate);

  G_OBJECT_CLASS (_gst_sip_transport_tls_parent_class)->finalize (object);
}

void
_gst_sip_transport_tls_configure (GstSipTransportTls *tls,
    GTlsDatabase *database, const GError *database_error,
    GTlsCertificate *certificate, GTlsAuthenticationMode authentication_mode,
    GstSipTransportAcceptCertificateFunc accept, gpointer user_data)
{
  g_return_if_fail (GST_IS_SIP_TRANSPORT_TLS (tls));

  g_set_object (&tls->database, database);
  g_clear_error (&tls->database_error);
  if (database_error)
    tls->database_error = g_error_copy (database_error);
  g_set_object (&tls->certificate, certificate);
  tls->authentication_mode = authentication_mode;
  tls->accept = accept;
  tls->accept_data = user_data;
}

/* ---------------------------------------------------------------------- */
/* handshakes */

typedef struct
{
  GstSipTransportTls *tls;
  GObject *connection;
  GTlsConnection *tls_connection;
  /* cancelled when the connection closes (and with it the user agent) */
  GCancellable *cancellable;
  /* who the peer is, for messages: the server name and the address, or
   * the address */
  gchar *peer;
  gchar *address;
  gchar *server_name;
  gboolean incoming;
  /* the validation errors of the peer's certificate, once seen */
  GTlsCertificateFlags errors;
  gboolean refused;
} Handshake;

static void
handshake_free (Handshake *hs)
{
  g_object_unref (hs->tls);
  g_object_unref (hs->connection);
  g_clear_object (&hs->tls_connection);
  g_object_unref (hs->cancellable);
  g_free (hs->peer);
  g_free (hs->address);
  g_free (hs->server_name);
  g_free (hs);
}

static gboolean
on_accept_certificate (GTlsConnection *tls_connection,
    GTlsCertificate *certificate, GTlsCertificateFlags errors,
    gpointer user_data)
{
  Handshake *hs = user_data;
  gboolean accepted = FALSE;

  /* a server is asked about every client certificate, valid or not */
  if (errors == 0)
    return TRUE;

  hs->errors = errors;
  /* the connection closed: nobody to ask */
  if (hs->tls->accept && !g_cancellable_is_cancelled (hs->cancellable))
    accepted = hs->tls->accept (GST_SIP_TRANSPORT (hs->tls), tls_connection,
        certificate, errors, hs->tls->accept_data);
  GST_INFO_OBJECT (hs->tls, "certificate of %s failed validation (0x%x): %s",
      hs->peer, errors, accepted ? "accepted by the application" : "refused");
  hs->refused = !accepted;

  return accepted;
}

/* why the certificate of @peer was refused, from the validation errors */
static GError *
certificate_error (Handshake *hs, GTlsCertificateFlags errors)
{
  const gchar *peer = hs->peer;

  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
        _ ("The TLS certificate of %s is not valid for “%s”"), hs->address,
        hs->server_name ? hs->server_name : hs->address);
  if (errors & G_TLS_CERTIFICATE_EXPIRED)
    return g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
        _ ("The TLS certificate of %s has expired"), peer);
  if (errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
        _ ("The TLS certificate of %s is not valid yet"), peer);
  if (errors & G_TLS_CERTIFICATE_REVOKED)
    return g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
        _ ("The TLS certificate of %s has been revoked"), peer);
  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
        _ ("The TLS certificate of %s is not signed by a trusted "
           "certificate authority"),
        peer);
  if (errors & G_TLS_CERTIFICATE_INSECURE)
    return g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
        _ ("The TLS certificate of %s uses an insecure algorithm"), peer);
  return g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
      _ ("The TLS certificate of %s is not valid"), peer);
}

static void
on_handshake_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Handshake *hs = user_data;
  GError *err = NULL, *reason = NULL;

  if (g_tls_connection_handshake_finish (hs->tls_connection, result, &err)) {
    GST_DEBUG_OBJECT (hs->tls, "TLS handshake with %s done (%s)", hs->peer,
        g_tls_connection_get_ciphersuite_name (hs->tls_connection));
    _gst_sip_transport_tcp_connection_secured (
        hs->connection, G_IO_STREAM (hs->tls_connection), NULL);
    handshake_free (hs);
    return;
  }

  if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    /* the connection was closed first */
    g_error_free (err);
    handshake_free (hs);
    return;
  }

  GST_INFO_OBJECT (
      hs->tls, "TLS handshake with %s failed: %s", hs->peer, err->message);
  if (hs->refused)
    reason = certificate_error (hs, hs->errors);
  else if (hs->incoming &&
      g_error_matches (err, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED))
    reason = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
        _ ("%s presented no TLS certificate"), hs->peer);
  else
    reason = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("The TLS handshake with %s failed: %s"), hs->peer, err->message);

  _gst_sip_transport_tcp_connection_secured (hs->connection, NULL, reason);
  g_error_free (reason);
  g_error_free (err);
  handshake_free (hs);
}

static void
gst_sip_transport_tls_secure (GstSipTransportTcp *tcp, GObject *connection,
    GIOStream *stream, gboolean incoming, GSocketAddress *remote,
    const gchar *server_name, GCancellable *cancellable)
{
  GstSipTransportTls *tls = GST_SIP_TRANSPORT_TLS (tcp);
  GMainContext *context =
      _gst_sip_transport_get_context (GST_SIP_TRANSPORT (tcp));
  GSocketConnectable *identity = NULL;
  GIOStream *tls_stream = NULL;
  GError *err = NULL, *reason = NULL;
  gchar *where = _gst_sip_socket_address_to_string (remote);
  Handshake *hs;

  if (tls->database_error)
    goto no_database;

  if (incoming) {
    if (tls->certificate == NULL)
      goto no_certificate;
    tls_stream = g_tls_server_connection_new (stream, tls->certificate, &err);
    if (tls_stream)
      g_object_set (
          tls_stream, "authentication-mode", tls->authentication_mode, NULL);
  } else {
    /* RFC 5922 section 4: the server proves the name of the URI; with an
     * address only, the address */
    if (server_name)
      identity = g_network_address_new (server_name,
          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote)));
    else
      identity = G_SOCKET_CONNECTABLE (g_object_ref (remote));
    tls_stream = g_tls_client_connection_new (stream, identity, &err);
    if (tls_stream && tls->certificate)
      g_tls_connection_set_certificate (
          G_TLS_CONNECTION (tls_stream), tls->certificate);
  }
  if (tls_stream == NULL)
    goto no_tls;

  if (tls->database)
    g_tls_connection_set_database (
        G_TLS_CONNECTION (tls_stream), tls->database);
  /* a peer that closes without close_notify merely closed: SIP frames its
   * messages itself */
  g_tls_connection_set_require_close_notify (
      G_TLS_CONNECTION (tls_stream), FALSE);

  hs = g_new0 (Handshake, 1);
  hs->tls = g_object_ref (tls);
  hs->connection = g_object_ref (connection);
  hs->tls_connection = G_TLS_CONNECTION (tls_stream);
  hs->cancellable = g_object_ref (cancellable);
  hs->incoming = incoming;
  hs->peer = server_name ? g_strdup_printf ("%s (%s)", server_name, where)
                         : g_strdup (where);
  hs->address = g_strdup (where);
  hs->server_name = g_strdup (server_name);
  g_signal_connect (hs->tls_connection, "accept-certificate",
      G_CALLBACK (on_accept_certificate), hs);

  GST_DEBUG_OBJECT (tls, "TLS handshake with %s (%s)", hs->peer,
      incoming ? "server side" : "client side");
  g_main_context_push_thread_default (context);
  g_tls_connection_handshake_async (hs->tls_connection, G_PRIORITY_DEFAULT,
      cancellable, on_handshake_done, hs);
  g_main_context_pop_thread_default (context);

  g_clear_object (&identity);
  g_free (where);
  return;

  /* ERRORS */
no_database : {
  _gst_sip_transport_tcp_connection_secured (
      connection, NULL, tls->database_error);
  g_free (where);
  return;
}
no_certificate : {
  GST_WARNING_OBJECT (tls,
      "refusing a TLS connection from %s: no certificate configured", where);
  reason = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
      _ ("No TLS certificate is configured to accept the connection "
         "from %s"),
      where);
  _gst_sip_transport_tcp_connection_secured (connection, NULL, reason);
  g_error_free (reason);
  g_free (where);
  return;
}
no_tls : {
  reason = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_UNSUPPORTED,
      _ ("TLS is not available: %s"), err->message);
  _gst_sip_transport_tcp_connection_secured (connection, NULL, reason);
  g_error_free (reason);
  g_error_free (err);
  g_clear_object (&identity);
  g_free (where);
  return;
}
}
