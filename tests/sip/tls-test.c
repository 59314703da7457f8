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

/* The TLS transport between two user agents on loopback, with a throwaway
 * certificate authority and certificates made by openssl at start:
 * requests, a call, and every way a certificate is refused (another host,
 * an unknown authority, expired), the accept-certificate signal and client
 * certificates.  A plain TCP listener checks that nothing but a TLS
 * ClientHello is sent before the handshake succeeds. */

#include <string.h>

#include "test-utils.h"
#include "sip/sip-transport-private.h"

/* handshakes take a while under valgrind: Timer F (64 T1) leaves room */
#define T1 100
/* clients that fail after the handshake wait for Timer F */
#define FAST_T1 20
#define CALL_T1 50
#define WAIT_MS 20000

static gchar *certdir;

/* ---------------------------------------------------------------------- */
/* certificates */

static void
make_certificates (void)
{
  gst_sip_test_tls_make_ca (certdir, "ca");
  gst_sip_test_tls_make_ca (certdir, "rogue-ca");
  gst_sip_test_tls_make_cert (
      certdir, "server", "ca", "DNS:localhost,IP:127.0.0.1", 2, 2);
  gst_sip_test_tls_make_cert (
      certdir, "wrong-host", "ca", "DNS:wrong.example", 2, 3);
  gst_sip_test_tls_make_cert (
      certdir, "expired", "ca", "DNS:localhost,IP:127.0.0.1", -1, 4);
  gst_sip_test_tls_make_cert (
      certdir, "rogue", "rogue-ca", "DNS:localhost,IP:127.0.0.1", 2, 5);
  gst_sip_test_tls_make_cert (
      certdir, "alice", "ca", "DNS:alice.example", 2, 6);
  gst_sip_test_tls_make_cert (
      certdir, "rogue-alice", "rogue-ca", "DNS:alice.example", 2, 7);
}

static gchar *
cert_path (const gchar *name)
{
  return gst_sip_test_tls_path (certdir, name);
}

/* ---------------------------------------------------------------------- */
/* user agents */

typedef struct
{
  GstSipUserAgent *ua;
  guint port;
  guint n_requests;
  GstSipMessage *last_request;
  /* accept-certificate */
  gboolean accept;
  guint n_accept;
  GTlsCertificateFlags accept_errors;
} Peer;

static void
on_message_received (GstSipUserAgent *ua, GstSipMessage *msg, Peer *peer)
{
  if (!gst_sip_message_is_request (msg))
    return;
  peer->n_requests++;
  if (peer->last_request)
    gst_sip_message_unref (peer->last_request);
  peer->last_request = gst_sip_message_ref (msg);
}

static gboolean
on_accept_certificate (GstSipUserAgent *ua, GTlsConnection *connection,
    GTlsCertificate *certificate, GTlsCertificateFlags errors, Peer *peer)
{
  /* on the user agent's context, from the thread that runs it */
  g_assert_true (g_main_context_is_owner (gst_sip_user_agent_get_context (ua)));
  g_assert_true (G_IS_TLS_CONNECTION (connection));
  g_assert_true (G_IS_TLS_CERTIFICATE (certificate));
  peer->n_accept++;
  peer->accept_errors |= errors;
  return peer->accept;
}

/* @cert: the name of the certificate to present, or NULL; @ca: the CA file
 * to trust, or NULL for the system's */
static void
peer_init (Peer *peer, const gchar *from, const gchar *cert, const gchar *ca)
{
  GstSipTransport *transport;
  GError *error = NULL;

  memset (peer, 0, sizeof (Peer));
  peer->ua = gst_sip_test_user_agent_new (T1);
  g_object_set (peer->ua, "from", from, NULL);
  if (cert) {
    gchar *path = cert_path (cert);

    g_assert_true (gst_sip_user_agent_set_tls_certificate_from_files (
        peer->ua, path, NULL, &error));
    g_assert_no_error (error);
    g_free (path);
  }
  if (ca) {
    gchar *path = cert_path (ca);

    g_object_set (peer->ua, "tls-ca-file", path, NULL);
    g_free (path);
  }
  transport = gst_sip_user_agent_add_transport (
      peer->ua, GST_SIP_TRANSPORT_PROTOCOL_TLS, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_sip_transport_get_protocol (transport), ==,
      GST_SIP_TRANSPORT_PROTOCOL_TLS);
  g_assert_true (gst_sip_transport_is_reliable (transport));
  peer->port = gst_sip_transport_get_port (transport);
  g_assert_cmpuint (peer->port, >, 0);

  g_signal_connect (
      peer->ua, "message-received", G_CALLBACK (on_message_received), peer);
  g_signal_connect (
      peer->ua, "accept-certificate", G_CALLBACK (on_accept_certificate), peer);
}

static gboolean
peer_quiet (gpointer user_data)
{
  Peer *peer = user_data;

  return gst_sip_user_agent_get_n_transactions (peer->ua) == 0 &&
      gst_sip_user_agent_get_n_calls (peer->ua) == 0;
}

static void
peer_clear (Peer *peer)
{
  g_assert_true (gst_sip_test_wait (peer_quiet, peer, WAIT_MS));
  g_clear_object (&peer->ua);
  g_clear_pointer (&peer->last_request, gst_sip_message_unref);
}

static guint
n_connections (Peer *peer)
{
  GList *transports = gst_sip_user_agent_get_transports (peer->ua);
  guint n = _gst_sip_transport_get_n_connections (transports->data);

  g_list_free (transports);
  return n;
}

typedef struct
{
  GstSipMessage *response;
  GError *error;
} Result;

static void
request_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  r->response = gst_sip_user_agent_request_finish (
      GST_SIP_USER_AGENT (source), result, &r->error);
}

static gboolean
result_done (gpointer user_data)
{
  Result *r = user_data;

  return r->response || r->error;
}

/* sends OPTIONS to @uri; the response, or NULL with @error */
static GstSipMessage *
options (Peer *from, const gchar *uri, GError **error)
{
  Result r = { NULL, NULL };
  GstSipUri *target = gst_sip_uri_new (uri, NULL);
  GstSipMessage *request;

  g_assert_nonnull (target);
  request = gst_sip_message_new_request ("OPTIONS", target);
  gst_sip_user_agent_request_async (from->ua, request, NULL, request_done, &r);
  g_assert_true (gst_sip_test_wait (result_done, &r, WAIT_MS));
  gst_sip_message_unref (request);
  gst_sip_uri_free (target);
  if (r.error)
    g_propagate_error (error, r.error);
  return r.response;
}

static void
assert_options_ok (Peer *from, const gchar *uri)
{
  GError *error = NULL;
  GstSipMessage *response = options (from, uri, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (gst_sip_message_get_status_code (response), ==, 200);
  g_assert_cmpint (gst_sip_message_get_transport_protocol (response), ==,
      GST_SIP_TRANSPORT_PROTOCOL_TLS);
  gst_sip_message_unref (response);
}

/* the request is refused with a certificate error that says @why */
static void
assert_options_refused (Peer *from, const gchar *uri, const gchar *why)
{
  GError *error = NULL;
  GstSipMessage *response = options (from, uri, &error);

  g_assert_null (response);
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE);
  if (!strstr (error->message, why))
    g_error ("\"%s\" does not say \"%s\"", error->message, why);
  g_error_free (error);
}

/* ---------------------------------------------------------------------- */
/* tests */

static void
test_requests (void)
{
  Peer alice, bob;
  GstSipVia *via;
  gchar *uri;
  Result r = { NULL, NULL };
  GBytes *body, *got;
  guint n;

  peer_init (&alice, "<sip:alice@localhost>", NULL, "ca");
  peer_init (&bob, "<sip:bob@localhost>", "server", "ca");

  /* sips: selects TLS; the name checked is the domain, "localhost" */
  uri = g_strdup_printf ("sips:bob@localhost:%u", bob.port);
  assert_options_ok (&alice, uri);
  g_assert_cmpuint (bob.n_requests, ==, 1);
  via = gst_sip_message_get_via (bob.last_request, 0);
  g_assert_cmpstr (gst_sip_via_get_transport (via), ==, "TLS");
  gst_sip_via_free (via);
  g_assert_cmpint (gst_sip_message_get_transport_protocol (bob.last_request),
      ==, GST_SIP_TRANSPORT_PROTOCOL_TLS);
  n = n_connections (&alice);
  g_assert_cmpuint (n, >=, 1);

  /* the connection is reused */
  assert_options_ok (&alice, uri);
  g_assert_cmpuint (bob.n_requests, ==, 2);
  g_assert_cmpuint (n_connections (&alice), ==, n);
  g_free (uri);

  /* transport=tls to an address: the certificate names the address */
  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u;transport=tls", bob.port);
  body = g_bytes_new_static ("hello over TLS", 14);
  gst_sip_user_agent_send_message_async (
      alice.ua, uri, "text/plain", body, NULL, request_done, &r);
  g_assert_true (gst_sip_test_wait (result_done, &r, WAIT_MS));
  g_assert_no_error (r.error);
  g_assert_cmpuint (gst_sip_message_get_status_code (r.response), ==, 200);
  g_assert_cmpuint (bob.n_requests, ==, 3);
  g_assert_cmpint (gst_sip_message_get_method (bob.last_request), ==,
      GST_SIP_METHOD_MESSAGE);
  got = gst_sip_message_get_body (bob.last_request);
  g_assert_true (g_bytes_equal (got, body));
  g_bytes_unref (got);
  g_bytes_unref (body);
  gst_sip_message_unref (r.response);
  g_free (uri);

  /* no certificate was questioned */
  g_assert_cmpuint (alice.n_accept, ==, 0);
  g_assert_cmpuint (bob.n_accept, ==, 0);

  peer_clear (&alice);
  peer_clear (&bob);
}

static GstSipSdpNegotiator *
new_negotiator (void)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new ("127.0.0.1");

  gst_sip_sdp_negotiator_add_media (n, "audio", 40000, NULL);
  return n;
}

typedef struct
{
  GstSipCall *bob_call;
  gboolean dialed;
  guint status;
  GError *error;
} CallState;

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, CallState *s)
{
  GstSipSdpNegotiator *n = new_negotiator ();
  GError *error = NULL;

  s->bob_call = g_object_ref (call);
  gst_sip_call_set_negotiator (call, n);
  g_object_unref (n);
  g_assert_true (gst_sip_call_answer (call, &error));
  g_assert_no_error (error);
  return TRUE;
}

static void
dial_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CallState *s = user_data;

  s->status =
      gst_sip_call_dial_finish (GST_SIP_CALL (source), result, &s->error);
  s->dialed = TRUE;
}

static gboolean
is_dialed (gpointer user_data)
{
  return ((CallState *) user_data)->dialed;
}

typedef struct
{
  GstSipCall *call;
  GstSipCallState state;
} StateWait;

static gboolean
has_state (gpointer user_data)
{
  StateWait *w = user_data;

  return gst_sip_call_get_state (w->call) == w->state;
}

static void
wait_state (GstSipCall *call, GstSipCallState state)
{
  StateWait w = { call, state };

  g_assert_nonnull (call);
  g_assert_true (gst_sip_test_wait (has_state, &w, WAIT_MS));
}

static void
test_call (void)
{
  Peer alice, bob;
  CallState s = { NULL, FALSE, 0, NULL };
  GstSipSdpNegotiator *n = new_negotiator ();
  GstSipCall *call;
  gchar *uri;

  /* both ends listen with a certificate: bob's BYE opens a connection to
   * alice's Contact */
  peer_init (&alice, "<sips:alice@localhost>", "server", "ca");
  peer_init (&bob, "<sips:bob@localhost>", "server", "ca");
  g_signal_connect (bob.ua, "incoming-call", G_CALLBACK (on_incoming_call), &s);
  /* the accepted INVITE transaction stays for Timer L, 64 T1 */
  g_object_set (alice.ua, "t1", CALL_T1, NULL);
  g_object_set (bob.ua, "t1", CALL_T1, NULL);

  call = gst_sip_call_new (alice.ua, NULL);
  gst_sip_call_set_negotiator (call, n);
  g_object_unref (n);
  uri = g_strdup_printf ("sips:bob@localhost:%u", bob.port);
  gst_sip_call_dial_async (call, uri, NULL, dial_done, &s);
  g_assert_true (gst_sip_test_wait (is_dialed, &s, WAIT_MS));
  g_assert_no_error (s.error);
  g_assert_cmpuint (s.status, ==, 200);
  wait_state (call, GST_SIP_CALL_STATE_ESTABLISHED);
  wait_state (s.bob_call, GST_SIP_CALL_STATE_ESTABLISHED);

  /* the INVITE came over TLS with a sips Contact */
  {
    GList *contacts;

    contacts = gst_sip_message_get_addresses (bob.last_request, "Contact");
    if (gst_sip_message_get_method (bob.last_request) ==
        GST_SIP_METHOD_INVITE) {
      g_assert_nonnull (contacts);
      g_assert_true (
          gst_sip_uri_is_secure (gst_sip_address_get_uri (contacts->data)));
    }
    g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);
  }

  gst_sip_call_hangup (s.bob_call);
  wait_state (call, GST_SIP_CALL_STATE_ENDED);
  wait_state (s.bob_call, GST_SIP_CALL_STATE_ENDED);
  g_assert_cmpint (gst_sip_message_get_transport_protocol (alice.last_request),
      ==, GST_SIP_TRANSPORT_PROTOCOL_TLS);
  g_assert_cmpint (
      gst_sip_message_get_method (alice.last_request), ==, GST_SIP_METHOD_BYE);

  g_object_unref (call);
  g_clear_object (&s.bob_call);
  g_free (uri);
  peer_clear (&alice);
  peer_clear (&bob);
}

static void
test_wrong_host (void)
{
  Peer alice, bob;
  gchar *uri;

  peer_init (&alice, "<sip:alice@localhost>", NULL, "ca");
  peer_init (&bob, "<sip:bob@localhost>", "wrong-host", "ca");

  uri = g_strdup_printf ("sips:bob@localhost:%u", bob.port);
  assert_options_refused (&alice, uri, "is not valid for “localhost”");
  g_assert_cmpuint (bob.n_requests, ==, 0);
  g_assert_cmpuint (alice.n_accept, ==, 1);
  g_assert_true (alice.accept_errors & G_TLS_CERTIFICATE_BAD_IDENTITY);
  g_assert_cmpuint (n_connections (&alice), ==, 0);
  g_free (uri);

  peer_clear (&alice);
  peer_clear (&bob);
}

/* RFC 5922 with a strict router in front (a Route without lr): the
 * request goes to the router, whose name is the one checked, not the name
 * in the Route that the rewrite for the router put first */
static void
test_strict_router (void)
{
  Peer alice, bob;
  Result r = { NULL, NULL };
  GstSipUri *ruri = gst_sip_uri_new ("sip:carol@wrong.example", NULL);
  GstSipMessage *request;
  gchar *route;

  peer_init (&alice, "<sip:alice@localhost>", NULL, "ca");
  peer_init (&bob, "<sip:bob@localhost>", "server", "ca");

  request = gst_sip_message_new_request ("OPTIONS", ruri);
  route = g_strdup_printf ("<sip:localhost:%u;transport=tls>", bob.port);
  gst_sip_message_append_header (request, "Route", route);
  gst_sip_user_agent_request_async (alice.ua, request, NULL, request_done, &r);
  g_assert_true (gst_sip_test_wait (result_done, &r, WAIT_MS));
  g_assert_no_error (r.error);
  g_assert_cmpuint (gst_sip_message_get_status_code (r.response), ==, 200);
  g_assert_cmpuint (alice.n_accept, ==, 0);

  /* bob got the rewritten request: his URI first, the target last */
  g_assert_cmpuint (bob.n_requests, ==, 1);
  g_assert_cmpstr (
      gst_sip_uri_get_host (gst_sip_message_get_request_uri (bob.last_request)),
      ==, "localhost");
  g_assert_nonnull (strstr (
      gst_sip_message_get_header (bob.last_request, "Route"), "wrong.example"));

  gst_sip_message_unref (r.response);
  gst_sip_message_unref (request);
  gst_sip_uri_free (ruri);
  g_free (route);
  peer_clear (&alice);
  peer_clear (&bob);
}

/* a plain TCP listener that records what the client sends */
typedef struct
{
  GSocket *listener, *client;
  GByteArray *received;
  gboolean closed;
} Sink;

static gboolean
on_sink_readable (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  Sink *sink = user_data;
  guint8 buf[4096];
  gssize n;

  n = g_socket_receive (socket, (gchar *) buf, sizeof (buf), NULL, NULL);
  if (n > 0)
    g_byte_array_append (sink->received, buf, n);
  /* answer nothing: close once the ClientHello record is in */
  if (n <= 0 || sink->received->len >= 5) {
    g_socket_close (socket, NULL);
    sink->closed = TRUE;
    return G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_sink_incoming (GSocket *listener, GIOCondition condition, gpointer user_data)
{
  Sink *sink = user_data;
  GSource *source;

  sink->client = g_socket_accept (listener, NULL, NULL);
  if (sink->client == NULL)
    return G_SOURCE_CONTINUE;
  source = g_socket_create_source (sink->client, G_IO_IN, NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (on_sink_readable), sink, NULL);
  g_source_attach (source, NULL);
  g_source_unref (source);
  return G_SOURCE_REMOVE;
}

static void
test_nothing_in_clear (void)
{
  Peer alice;
  Sink sink = { NULL, NULL, NULL, FALSE };
  GSocketAddress *address, *bound;
  GInetAddress *loopback;
  GSource *source;
  GError *error = NULL;
  GstSipMessage *response;
  gchar *uri;
  guint port;

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  sink.listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
      G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (sink.listener, address, TRUE, &error));
  g_assert_true (g_socket_listen (sink.listener, &error));
  bound = g_socket_get_local_address (sink.listener, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  sink.received = g_byte_array_new ();
  source = g_socket_create_source (sink.listener, G_IO_IN, NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (on_sink_incoming), &sink, NULL);
  g_source_attach (source, NULL);

  peer_init (&alice, "<sip:alice@localhost>", NULL, "ca");
  uri = g_strdup_printf ("sips:bob@127.0.0.1:%u", port);
  response = options (&alice, uri, &error);
  g_assert_null (response);
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT);
  g_assert_nonnull (strstr (error->message, "TLS"));
  g_clear_error (&error);

  /* a TLS handshake record, and no SIP */
  g_assert_true (sink.closed);
  g_assert_cmpuint (sink.received->len, >=, 5);
  g_assert_cmphex (sink.received->data[0], ==, 0x16);
  g_assert_cmphex (sink.received->data[1], ==, 0x03);
  g_assert_null (g_strstr_len (
      (const gchar *) sink.received->data, sink.received->len, "OPTIONS"));
  g_assert_null (g_strstr_len (
      (const gchar *) sink.received->data, sink.received->len, "SIP/2.0"));

  g_free (uri);
  peer_clear (&alice);
  g_source_destroy (source);
  g_source_unref (source);
  g_clear_object (&sink.client);
  g_object_unref (sink.listener);
  g_byte_array_unref (sink.received);
  g_object_unref (bound);
  g_object_unref (address);
  g_object_unref (loopback);
}

static void
test_untrusted (void)
{
  Peer alice, bob, carol;
  gchar *uri;

  /* signed by an authority alice does not know */
  peer_init (&alice, "<sip:alice@localhost>", NULL, "ca");
  peer_init (&bob, "<sip:bob@localhost>", "rogue", "ca");
  uri = g_strdup_printf ("sips:bob@localhost:%u", bob.port);
  assert_options_refused (
      &alice, uri, "is not signed by a trusted certificate authority");
  g_assert_cmpuint (bob.n_requests, ==, 0);
  g_assert_true (alice.accept_errors & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_free (uri);

  /* the system's authorities do not know the test's */
  peer_init (&carol, "<sip:carol@localhost>", "server", NULL);
  uri = g_strdup_printf ("sips:carol@localhost:%u", carol.port);
  g_object_set (alice.ua, "tls-ca-file", NULL, NULL);
  alice.accept_errors = 0;
  assert_options_refused (
      &alice, uri, "is not signed by a trusted certificate authority");
  g_assert_true (alice.accept_errors & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_cmpuint (carol.n_requests, ==, 0);
  g_free (uri);

  /* a CA file that cannot be loaded trusts nothing */
  g_object_set (alice.ua, "tls-ca-file", "/nonexistent/ca.pem", NULL);
  uri = g_strdup_printf ("sips:carol@localhost:%u", carol.port);
  assert_options_refused (&alice, uri, "/nonexistent/ca.pem");
  g_assert_cmpuint (carol.n_requests, ==, 0);
  g_free (uri);

  peer_clear (&alice);
  peer_clear (&bob);
  peer_clear (&carol);
}

static void
test_expired (void)
{
  Peer alice, bob;
  gchar *uri;

  peer_init (&alice, "<sip:alice@localhost>", NULL, "ca");
  peer_init (&bob, "<sip:bob@localhost>", "expired", "ca");
  uri = g_strdup_printf ("sips:bob@localhost:%u", bob.port);
  assert_options_refused (&alice, uri, "has expired");
  g_assert_true (alice.accept_errors & G_TLS_CERTIFICATE_EXPIRED);
  g_assert_cmpuint (bob.n_requests, ==, 0);
  g_free (uri);

  peer_clear (&alice);
  peer_clear (&bob);
}

static void
test_accept_certificate (void)
{
  Peer alice, bob;
  gchar *uri;

  peer_init (&alice, "<sip:alice@localhost>", NULL, "ca");
  peer_init (&bob, "<sip:bob@localhost>", "rogue", "ca");
  alice.accept = TRUE;

  uri = g_strdup_printf ("sips:bob@localhost:%u", bob.port);
  assert_options_ok (&alice, uri);
  g_assert_cmpuint (alice.n_accept, ==, 1);
  g_assert_cmphex (alice.accept_errors, ==, G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_cmpuint (bob.n_requests, ==, 1);

  /* the vouched-for connection stays and is reused */
  assert_options_ok (&alice, uri);
  g_assert_cmpuint (alice.n_accept, ==, 1);
  g_assert_cmpuint (bob.n_requests, ==, 2);
  g_free (uri);

  peer_clear (&alice);
  peer_clear (&bob);
}

static gboolean
bob_was_asked (gpointer user_data)
{
  return ((Peer *) user_data)->n_accept > 0;
}

static void
test_client_certificate (void)
{
  Peer alice, rogue, anonymous, bob;
  GstSipMessage *response;
  GError *error = NULL;
  gchar *uri;

  peer_init (&bob, "<sip:bob@localhost>", "server", "ca");
  g_object_set (
      bob.ua, "tls-authentication-mode", G_TLS_AUTHENTICATION_REQUIRED, NULL);
  uri = g_strdup_printf ("sips:bob@localhost:%u", bob.port);

  /* a client certificate from the trusted authority */
  peer_init (&alice, "<sip:alice@localhost>", "alice", "ca");
  assert_options_ok (&alice, uri);
  g_assert_cmpuint (bob.n_requests, ==, 1);
  g_assert_cmpuint (bob.n_accept, ==, 0);

  /* one from another authority: bob is asked, and refuses; with TLS 1.3
   * the client learns it after its handshake, and hears nothing */
  peer_init (&rogue, "<sip:rogue@localhost>", "rogue-alice", "ca");
  g_object_set (rogue.ua, "t1", FAST_T1, NULL);
  response = options (&rogue, uri, &error);
  g_assert_null (response);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (gst_sip_test_wait (bob_was_asked, &bob, WAIT_MS));
  g_assert_cmpuint (bob.n_accept, ==, 1);
  g_assert_true (bob.accept_errors & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_cmpuint (bob.n_requests, ==, 1);

  /* none at all */
  peer_init (&anonymous, "<sip:anonymous@localhost>", NULL, "ca");
  g_object_set (anonymous.ua, "t1", FAST_T1, NULL);
  response = options (&anonymous, uri, &error);
  g_assert_null (response);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (bob.n_requests, ==, 1);

  g_free (uri);
  peer_clear (&alice);
  peer_clear (&rogue);
  peer_clear (&anonymous);
  peer_clear (&bob);
}

static void
test_unit_certificate_files (void)
{
  GstSipUserAgent *ua = gst_sip_user_agent_new ();
  GTlsCertificate *cert = NULL;
  GError *error = NULL;
  gchar *path = cert_path ("server");

  g_assert_true (gst_sip_user_agent_set_tls_certificate_from_files (
      ua, path, NULL, &error));
  g_assert_no_error (error);
  g_object_get (ua, "tls-certificate", &cert, NULL);
  g_assert_true (G_IS_TLS_CERTIFICATE (cert));
  g_object_unref (cert);

  g_assert_false (gst_sip_user_agent_set_tls_certificate_from_files (
      ua, "/nonexistent/cert.pem", NULL, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE);
  g_clear_error (&error);

  g_free (path);
  g_object_unref (ua);
}

int
main (int argc, char **argv)
{
  GError *error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  if (!gst_sip_test_tls_available ()) {
    g_test_skip ("openssl is not installed");
    return g_test_run ();
  }
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ())) {
    g_test_skip ("GIO has no TLS backend (glib-networking)");
    return g_test_run ();
  }
  certdir = gst_sip_test_make_tmp_dir ("tls", &error);
  g_assert_no_error (error);
  make_certificates ();

  g_test_add_func ("/tls/certificate-files", test_unit_certificate_files);
  g_test_add_func ("/tls/requests", test_requests);
  g_test_add_func ("/tls/call", test_call);
  g_test_add_func ("/tls/wrong-host", test_wrong_host);
  g_test_add_func ("/tls/strict-router", test_strict_router);
  g_test_add_func ("/tls/nothing-in-clear", test_nothing_in_clear);
  g_test_add_func ("/tls/untrusted", test_untrusted);
  g_test_add_func ("/tls/expired", test_expired);
  g_test_add_func ("/tls/accept-certificate", test_accept_certificate);
  g_test_add_func ("/tls/client-certificate", test_client_certificate);

  ret = g_test_run ();
  gst_sip_test_remove_tree (certdir);
  g_free (certdir);
  return ret;
}
