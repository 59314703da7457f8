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

/* The WebSocket transport (RFC 7118) between two user agents on loopback:
 * bob listens (a SoupServer on 127.0.0.1 port 0), alice connects to him as
 * a WebSocket client, and everything bob sends to alice goes back over
 * alice's connection. */

#include <string.h>
#include <libsoup/soup.h>

#include "test-utils.h"
#include "sip/sip-transport-private.h"

/* the first connection loads libsoup and GIO modules, slow under
 * valgrind: Timer F (64 T1) leaves room */
#define T1 100
#define WAIT_MS 10000

typedef struct
{
  GstSipUserAgent *alice, *bob;
  GstSipTransport *alice_ws, *bob_ws;
  guint bob_port;
  gchar *bob_uri;

  GPtrArray *alice_received; /* requests */
  GPtrArray *bob_received; /* requests */
  GPtrArray *bob_messages; /* MESSAGE */
  GPtrArray *alice_messages; /* MESSAGE */
  guint lost;
  guint registers;
  gboolean drop_after_register;

  GstSipCall *alice_call, *bob_call;
  gboolean dialed;
  guint dial_status;
  GError *dial_error;

  gboolean done;
  GstSipMessage *response;
  GError *error;
} Fixture;

static void
on_received (GstSipUserAgent *ua, GstSipMessage *msg, GPtrArray *list)
{
  if (gst_sip_message_is_request (msg))
    g_ptr_array_add (list, gst_sip_message_ref (msg));
}

static void
on_incoming_message (GstSipUserAgent *ua, GstSipMessage *msg, GPtrArray *list)
{
  g_ptr_array_add (list, gst_sip_message_ref (msg));
}

static void
on_lost (GstSipTransport *transport, GInetSocketAddress *remote,
    const GError *error, Fixture *f)
{
  g_assert_nonnull (remote);
  g_assert_nonnull (error);
  f->lost++;
}

static gboolean
drop_bob_connections (gpointer user_data)
{
  Fixture *f = user_data;

  _gst_sip_transport_ws_close_connections (GST_SIP_TRANSPORT_WS (f->bob_ws));
  return G_SOURCE_REMOVE;
}

/* bob is a registrar too, for the account test */
static gboolean
on_register (GstSipUserAgent *ua, GstSipServerTransaction *tx, Fixture *f)
{
  GstSipMessage *request =
      gst_sip_transaction_get_request (GST_SIP_TRANSACTION (tx));
  GstSipMessage *response =
      gst_sip_server_transaction_create_response (tx, 200, NULL);
  const gchar *contact = gst_sip_message_get_header (request, "Contact");

  f->registers++;
  g_assert_nonnull (contact);
  gst_sip_message_set_header (response, "Contact", contact);
  gst_sip_message_set_expires (response, 3600);
  g_assert_true (gst_sip_server_transaction_respond (tx, response, NULL));
  gst_sip_message_unref (response);
  if (f->drop_after_register)
    g_idle_add (drop_bob_connections, f);
  return TRUE;
}

static GstSipUserAgent *
new_user_agent (const gchar *from, GstSipTransport **transport)
{
  GstSipUserAgent *ua = gst_sip_test_user_agent_new (T1);
  GError *error = NULL;

  g_object_set (ua, "from", from, NULL);
  *transport = gst_sip_user_agent_add_transport (
      ua, GST_SIP_TRANSPORT_PROTOCOL_WS, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*transport);
  return ua;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->alice = new_user_agent ("<sip:alice@example.com>", &f->alice_ws);
  f->bob = new_user_agent ("<sip:bob@example.com>", &f->bob_ws);
  f->bob_port = gst_sip_transport_get_port (f->bob_ws);
  g_assert_cmpuint (f->bob_port, !=, 0);
  f->bob_uri =
      g_strdup_printf ("sip:bob@127.0.0.1:%u;transport=ws", f->bob_port);

  f->alice_received =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
  f->bob_received =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
  f->alice_messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
  f->bob_messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
  g_signal_connect (f->alice, "message-received", G_CALLBACK (on_received),
      f->alice_received);
  g_signal_connect (
      f->bob, "message-received", G_CALLBACK (on_received), f->bob_received);
  g_signal_connect (f->alice, "incoming-message",
      G_CALLBACK (on_incoming_message), f->alice_messages);
  g_signal_connect (f->bob, "incoming-message",
      G_CALLBACK (on_incoming_message), f->bob_messages);
  g_signal_connect (f->alice_ws, "connection-lost", G_CALLBACK (on_lost), f);
  gst_sip_user_agent_add_allowed_method (f->bob, "REGISTER");
  g_signal_connect (
      f->bob, "incoming-request::REGISTER", G_CALLBACK (on_register), f);

  _gst_sip_transport_ws_set_reconnect_delay_ms (
      GST_SIP_TRANSPORT_WS (f->alice_ws), 20, 200);
}

static gboolean
all_quiet (gpointer user_data)
{
  Fixture *f = user_data;

  return gst_sip_user_agent_get_n_calls (f->alice) == 0 &&
      gst_sip_user_agent_get_n_calls (f->bob) == 0 &&
      gst_sip_user_agent_get_n_transactions (f->alice) == 0 &&
      gst_sip_user_agent_get_n_transactions (f->bob) == 0;
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_assert_true (gst_sip_test_wait (all_quiet, f, WAIT_MS));

  g_clear_object (&f->alice_call);
  g_clear_object (&f->bob_call);
  g_clear_object (&f->alice);
  g_clear_object (&f->bob);
  /* let the closing handshakes finish */
  gst_sip_test_run_for (50);
  g_clear_error (&f->dial_error);
  g_clear_error (&f->error);
  g_clear_pointer (&f->response, gst_sip_message_unref);
  g_ptr_array_unref (f->alice_received);
  g_ptr_array_unref (f->bob_received);
  g_ptr_array_unref (f->alice_messages);
  g_ptr_array_unref (f->bob_messages);
  g_free (f->bob_uri);
}

/* ---------------------------------------------------------------------- */

static gboolean
is_done (gpointer user_data)
{
  return ((Fixture *) user_data)->done;
}

static void
request_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  g_clear_pointer (&f->response, gst_sip_message_unref);
  g_clear_error (&f->error);
  f->response = gst_sip_user_agent_request_finish (
      GST_SIP_USER_AGENT (source), result, &f->error);
  f->done = TRUE;
}

static void
message_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  g_clear_pointer (&f->response, gst_sip_message_unref);
  g_clear_error (&f->error);
  f->response = gst_sip_user_agent_send_message_finish (
      GST_SIP_USER_AGENT (source), result, &f->error);
  f->done = TRUE;
}

/* a request from @from to @uri, answered with @code */
static GstSipMessage *
request (Fixture *f, GstSipUserAgent *from, const gchar *method,
    const gchar *uri, guint code)
{
  GstSipUri *ruri = gst_sip_uri_new (uri, NULL);
  GstSipMessage *req;

  g_assert_nonnull (ruri);
  req = gst_sip_message_new_request (method, ruri);
  gst_sip_uri_free (ruri);
  f->done = FALSE;
  gst_sip_user_agent_request_async (from, req, NULL, request_done, f);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_no_error (f->error);
  g_assert_nonnull (f->response);
  g_assert_cmpuint (gst_sip_message_get_status_code (f->response), ==, code);
  return req;
}

static void
send_message (
    Fixture *f, GstSipUserAgent *from, const gchar *uri, const gchar *text)
{
  GBytes *body = g_bytes_new (text, strlen (text));

  f->done = FALSE;
  gst_sip_user_agent_send_message_async (
      from, uri, "text/plain", body, NULL, message_done, f);
  g_bytes_unref (body);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_no_error (f->error);
  g_assert_cmpuint (gst_sip_message_get_status_code (f->response), ==, 200);
}

static void
assert_body (GstSipMessage *msg, const gchar *text)
{
  GBytes *body = gst_sip_message_get_body (msg);

  g_assert_nonnull (body);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), text,
      strlen (text));
  g_bytes_unref (body);
}

static const gchar *
alice_host (Fixture *f)
{
  return _gst_sip_transport_ws_get_flow_host (
      GST_SIP_TRANSPORT_WS (f->alice_ws));
}

/* alice's requests name her .invalid host, as a WebSocket client */
static void
assert_client_via (Fixture *f, GstSipMessage *msg)
{
  GstSipVia *via = gst_sip_message_get_via (msg, 0);

  g_assert_nonnull (via);
  g_assert_cmpstr (gst_sip_via_get_transport (via), ==, "WS");
  g_assert_cmpstr (gst_sip_via_get_host (via), ==, alice_host (f));
  g_assert_true (g_str_has_suffix (gst_sip_via_get_host (via), ".invalid"));
  g_assert_cmpint (gst_sip_message_get_transport_protocol (msg), ==,
      GST_SIP_TRANSPORT_PROTOCOL_WS);
  gst_sip_via_free (via);
}

static gboolean
one_connection_each (gpointer user_data)
{
  Fixture *f = user_data;

  return _gst_sip_transport_get_n_connections (f->alice_ws) == 1 &&
      _gst_sip_transport_get_n_connections (f->bob_ws) == 1;
}

/* ---------------------------------------------------------------------- */

static void
test_ws_options (Fixture *f, gconstpointer data)
{
  GstSipMessage *req;

  g_assert_cmpint (gst_sip_transport_get_protocol (f->bob_ws), ==,
      GST_SIP_TRANSPORT_PROTOCOL_WS);
  g_assert_true (gst_sip_transport_is_reliable (f->bob_ws));

  req = request (f, f->alice, "OPTIONS", f->bob_uri, 200);
  gst_sip_message_unref (req);

  g_assert_cmpuint (f->bob_received->len, ==, 1);
  assert_client_via (f, g_ptr_array_index (f->bob_received, 0));
  g_assert_cmpint (gst_sip_message_get_transport_protocol (f->response), ==,
      GST_SIP_TRANSPORT_PROTOCOL_WS);
  g_assert_true (one_connection_each (f));

  /* a second request reuses the connection */
  req = request (f, f->alice, "OPTIONS", f->bob_uri, 200);
  gst_sip_message_unref (req);
  g_assert_cmpuint (f->bob_received->len, ==, 2);
  g_assert_true (one_connection_each (f));
  g_assert_cmpuint (
      _gst_sip_transport_ws_get_n_connects (GST_SIP_TRANSPORT_WS (f->alice_ws)),
      ==, 1);
}

static void
test_ws_message (Fixture *f, gconstpointer data)
{
  send_message (f, f->alice, f->bob_uri, "hello over WebSocket");
  g_assert_cmpuint (f->bob_messages->len, ==, 1);
  assert_body (g_ptr_array_index (f->bob_messages, 0), "hello over WebSocket");
  assert_client_via (f, g_ptr_array_index (f->bob_messages, 0));
}

/* bob reaches alice, who listens too, only over her connection: her
 * .invalid host names the flow */
static void
test_ws_incoming_request (Fixture *f, gconstpointer data)
{
  gchar *alice_uri;
  GstSipMessage *req, *received;

  send_message (f, f->alice, f->bob_uri, "ping");
  g_assert_true (one_connection_each (f));

  alice_uri = g_strdup_printf ("sip:alice@%s;transport=ws", alice_host (f));
  send_message (f, f->bob, alice_uri, "pong");
  g_assert_cmpuint (f->alice_messages->len, ==, 1);
  received = g_ptr_array_index (f->alice_messages, 0);
  assert_body (received, "pong");
  /* over the same connection: no new one either way */
  g_assert_true (one_connection_each (f));
  g_assert_true (_gst_sip_message_get_connection (received) != NULL);

  /* bob is the server: his Via names his address */
  {
    GstSipVia *via = gst_sip_message_get_via (received, 0);

    g_assert_cmpstr (gst_sip_via_get_host (via), ==, "127.0.0.1");
    g_assert_cmpuint (gst_sip_via_get_port (via), ==, f->bob_port);
    gst_sip_via_free (via);
  }

  /* OPTIONS the other way, answered over the flow */
  req = request (f, f->bob, "OPTIONS", alice_uri, 200);
  gst_sip_message_unref (req);
  g_assert_true (one_connection_each (f));
  g_free (alice_uri);
}

/* ---------------------------------------------------------------------- */
/* a call */

static GstSipSdpNegotiator *
new_negotiator (void)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new ("127.0.0.1");

  gst_sip_sdp_negotiator_add_media (n, "audio", 40000, NULL);
  return n;
}

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, Fixture *f)
{
  GstSipSdpNegotiator *n = new_negotiator ();
  GError *error = NULL;

  f->bob_call = g_object_ref (call);
  gst_sip_call_set_negotiator (call, n);
  g_object_unref (n);
  g_assert_true (gst_sip_call_answer (call, &error));
  g_assert_no_error (error);
  return TRUE;
}

static void
dial_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->dial_status =
      gst_sip_call_dial_finish (GST_SIP_CALL (source), result, &f->dial_error);
  f->dialed = TRUE;
}

static gboolean
is_dialed (gpointer user_data)
{
  return ((Fixture *) user_data)->dialed;
}

typedef struct
{
  GstSipCall **call;
  GstSipCallState state;
} StateWait;

static gboolean
has_state (gpointer user_data)
{
  StateWait *w = user_data;

  return *w->call && gst_sip_call_get_state (*w->call) == w->state;
}

static void
wait_state (GstSipCall **call, GstSipCallState state)
{
  StateWait w = { call, state };

  g_assert_true (gst_sip_test_wait (has_state, &w, WAIT_MS));
}

static void
test_ws_call (Fixture *f, gconstpointer data)
{
  GstSipSdpNegotiator *n = new_negotiator ();
  GstSipMessage *invite = NULL;
  GList *contacts;
  const GstSipUri *uri;
  guint i;

  g_signal_connect (f->bob, "incoming-call", G_CALLBACK (on_incoming_call), f);
  f->alice_call = gst_sip_call_new (f->alice, NULL);
  gst_sip_call_set_negotiator (f->alice_call, n);
  g_object_unref (n);
  gst_sip_call_dial_async (f->alice_call, f->bob_uri, NULL, dial_done, f);

  g_assert_true (gst_sip_test_wait (is_dialed, f, WAIT_MS));
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 200);
  wait_state (&f->alice_call, GST_SIP_CALL_STATE_ESTABLISHED);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_ESTABLISHED);
  g_assert_nonnull (gst_sip_call_get_remote_description (f->alice_call));
  g_assert_nonnull (gst_sip_call_get_remote_description (f->bob_call));

  /* alice's Contact is her flow (RFC 7118 section 5) */
  for (i = 0; i < f->bob_received->len && !invite; i++) {
    GstSipMessage *msg = g_ptr_array_index (f->bob_received, i);

    if (gst_sip_message_get_method (msg) == GST_SIP_METHOD_INVITE)
      invite = msg;
  }
  g_assert_nonnull (invite);
  assert_client_via (f, invite);
  contacts = gst_sip_message_get_addresses (invite, "Contact");
  g_assert_nonnull (contacts);
  uri = gst_sip_address_get_uri (contacts->data);
  g_assert_cmpstr (gst_sip_uri_get_host (uri), ==, alice_host (f));
  g_assert_cmpstr (gst_sip_uri_get_param (uri, "transport"), ==, "ws");
  g_assert_true (gst_sip_uri_has_param (uri, "ob"));
  g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);

  /* bob hangs up: his BYE goes to alice's .invalid Contact, over her
   * connection */
  gst_sip_call_hangup (f->bob_call);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_ENDED);
  wait_state (&f->alice_call, GST_SIP_CALL_STATE_ENDED);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->bob_call), ==, 200);
  g_assert_true (one_connection_each (f));
}

/* ---------------------------------------------------------------------- */
/* keep-alive and reconnection */

static gboolean
got_pong (gpointer user_data)
{
  Fixture *f = user_data;

  return _gst_sip_transport_ws_get_n_pongs (
             GST_SIP_TRANSPORT_WS (f->alice_ws)) > 0;
}

static void
test_ws_keepalive (Fixture *f, gconstpointer data)
{
  GstSipMessage *req;

  g_object_set (f->alice_ws, "keepalive-interval", 1, NULL);
  req = request (f, f->alice, "OPTIONS", f->bob_uri, 200);
  gst_sip_message_unref (req);
  g_assert_cmpuint (
      _gst_sip_transport_ws_get_n_pongs (GST_SIP_TRANSPORT_WS (f->alice_ws)),
      ==, 0);

  /* a ping a second, answered by bob's side */
  g_assert_true (gst_sip_test_wait (got_pong, f, 5000));
  g_assert_true (one_connection_each (f));
}

static gboolean
reconnected (gpointer user_data)
{
  Fixture *f = user_data;

  return _gst_sip_transport_ws_get_n_connects (
             GST_SIP_TRANSPORT_WS (f->alice_ws)) == 2 &&
      one_connection_each (f);
}

/* bob sends his requests to alice over her connection */
static void
use_flow (Fixture *f)
{
  GstSipMessage *req;
  gchar *alice_uri;

  req = request (f, f->alice, "OPTIONS", f->bob_uri, 200);
  gst_sip_message_unref (req);
  alice_uri = g_strdup_printf ("sip:alice@%s;transport=ws", alice_host (f));
  send_message (f, f->bob, alice_uri, "hello");
  g_assert_cmpuint (f->alice_messages->len, ==, 1);
  g_assert_true (one_connection_each (f));
  g_free (alice_uri);
}

static void
test_ws_reconnect (Fixture *f, gconstpointer data)
{
  GstSipMessage *req;
  gchar *alice_uri;

  use_flow (f);

  /* bob drops the connection; alice opens it again by herself */
  _gst_sip_transport_ws_close_connections (GST_SIP_TRANSPORT_WS (f->bob_ws));
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->bob_ws), ==, 0);
  g_assert_true (gst_sip_test_wait (reconnected, f, WAIT_MS));
  g_assert_cmpuint (f->lost, ==, 1);

  /* the new connection carries requests both ways */
  req = request (f, f->alice, "OPTIONS", f->bob_uri, 200);
  gst_sip_message_unref (req);
  alice_uri = g_strdup_printf ("sip:alice@%s;transport=ws", alice_host (f));
  send_message (f, f->bob, alice_uri, "back again");
  g_assert_cmpuint (f->alice_messages->len, ==, 2);
  g_assert_true (one_connection_each (f));
  g_free (alice_uri);
}

/* a flow that only carried alice's own requests is not opened again */
static void
test_ws_no_reconnect_one_off (Fixture *f, gconstpointer data)
{
  GstSipMessage *req;

  req = request (f, f->alice, "OPTIONS", f->bob_uri, 200);
  gst_sip_message_unref (req);
  g_assert_true (one_connection_each (f));

  _gst_sip_transport_ws_close_connections (GST_SIP_TRANSPORT_WS (f->bob_ws));
  gst_sip_test_run_for (500);
  g_assert_cmpuint (f->lost, ==, 1);
  g_assert_cmpuint (
      _gst_sip_transport_ws_get_n_attempts (GST_SIP_TRANSPORT_WS (f->alice_ws)),
      ==, 1);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->alice_ws), ==, 0);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->bob_ws), ==, 0);

  /* the next request opens a new one */
  req = request (f, f->alice, "OPTIONS", f->bob_uri, 200);
  gst_sip_message_unref (req);
  g_assert_true (one_connection_each (f));
}

/* bob went away for good: alice keeps trying, less and less often, and
 * gives up after ten attempts */
static void
test_ws_reconnect_backoff (Fixture *f, gconstpointer data)
{
  use_flow (f);

  gst_sip_user_agent_remove_transport (f->bob, f->bob_ws);
  f->bob_ws = NULL;
  /* 20, 40, 80, 160, 200, 200... ms: about eight attempts in 1.3 s, where
   * a fixed 20 ms delay would make sixty */
  gst_sip_test_run_for (1300);
  g_assert_cmpuint (f->lost, ==, 1);
  g_assert_cmpuint (
      _gst_sip_transport_ws_get_n_attempts (GST_SIP_TRANSPORT_WS (f->alice_ws)),
      >=, 1 + 5);
  g_assert_cmpuint (
      _gst_sip_transport_ws_get_n_attempts (GST_SIP_TRANSPORT_WS (f->alice_ws)),
      <=, 1 + 12);
  g_assert_cmpuint (
      _gst_sip_transport_ws_get_n_connects (GST_SIP_TRANSPORT_WS (f->alice_ws)),
      ==, 1);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->alice_ws), <=, 1);

  /* 20 + 40 + 80 + 160 + 6 * 200 ms: the last attempt is long gone */
  gst_sip_test_run_for (1500);
  g_assert_cmpuint (
      _gst_sip_transport_ws_get_n_attempts (GST_SIP_TRANSPORT_WS (f->alice_ws)),
      ==, 1 + 10);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->alice_ws), ==, 0);
}

static void
register_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;
  guint code;

  code = gst_sip_account_register_finish (
      GST_SIP_ACCOUNT (source), result, &f->error);
  g_assert_no_error (f->error);
  g_assert_cmpuint (code, ==, 200);
  f->done = TRUE;
}

static gboolean
registered_twice (gpointer user_data)
{
  Fixture *f = user_data;

  return f->registers == 2;
}

static gboolean
account_registered (gpointer user_data)
{
  return gst_sip_account_get_state (user_data) ==
      GST_SIP_ACCOUNT_STATE_REGISTERED;
}

/* an account registered over a connection that drops registers again over
 * the new one */
static void
test_ws_account_reregisters (Fixture *f, gconstpointer data)
{
  GstSipAccount *account;
  gchar *registrar = g_strdup_printf ("sip:127.0.0.1:%u", f->bob_port);
  const gchar *contact;
  GError *error = NULL;

  account = gst_sip_account_new (f->alice, "sip:alice@example.com", &error);
  g_assert_no_error (error);
  g_object_set (account, "registrar", registrar, "transport",
      GST_SIP_TRANSPORT_PROTOCOL_WS, "retry-interval", 1, NULL);
  gst_sip_account_register_async (account, NULL, register_done, f);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_cmpuint (f->registers, ==, 1);

  contact = gst_sip_account_get_contact (account);
  g_assert_nonnull (contact);
  g_assert_nonnull (strstr (contact, alice_host (f)));
  g_assert_nonnull (strstr (contact, "transport=ws"));
  g_assert_nonnull (strstr (contact, ";ob"));

  _gst_sip_transport_ws_close_connections (GST_SIP_TRANSPORT_WS (f->bob_ws));
  g_assert_true (gst_sip_test_wait (registered_twice, f, WAIT_MS));
  g_assert_true (gst_sip_test_wait (account_registered, account, WAIT_MS));
  g_assert_true (one_connection_each (f));
  g_assert_cmpuint (f->lost, ==, 1);

  /* the REGISTER with Expires: 0 when the account goes */
  g_object_unref (account);
  g_assert_true (gst_sip_test_wait (all_quiet, f, WAIT_MS));
  g_assert_cmpuint (f->registers, ==, 3);
  g_free (registrar);
}

static GstSipAccount *
register_account (Fixture *f)
{
  GstSipAccount *account;
  gchar *registrar = g_strdup_printf ("sip:127.0.0.1:%u", f->bob_port);
  GError *error = NULL;

  account = gst_sip_account_new (f->alice, "sip:alice@example.com", &error);
  g_assert_no_error (error);
  g_object_set (account, "registrar", registrar, "transport",
      GST_SIP_TRANSPORT_PROTOCOL_WS, "retry-interval", 1, NULL);
  f->done = FALSE;
  gst_sip_account_register_async (account, NULL, register_done, f);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_cmpuint (f->registers, ==, 1);
  g_free (registrar);
  return account;
}

/* a registrar that drops every connection once it answered: a REGISTER a
 * retry interval (1 s here), not one a round trip */
static void
test_ws_account_drop_no_loop (Fixture *f, gconstpointer data)
{
  GstSipAccount *account;

  f->drop_after_register = TRUE;
  account = register_account (f);
  gst_sip_test_run_for (1500);
  g_assert_cmpuint (f->lost, >=, 1);
  g_assert_cmpuint (f->registers, >=, 2);
  g_assert_cmpuint (f->registers, <=, 3);

  f->drop_after_register = FALSE;
  g_assert_true (gst_sip_test_wait (account_registered, account, WAIT_MS));
  g_object_unref (account);
  g_assert_true (gst_sip_test_wait (all_quiet, f, WAIT_MS));
}

/* a lost flow to another peer leaves the registration alone */
static void
test_ws_account_other_flow (Fixture *f, gconstpointer data)
{
  GstSipAccount *account;
  GstSipTransport *carol_ws;
  GstSipUserAgent *carol =
      new_user_agent ("<sip:carol@example.com>", &carol_ws);
  gchar *carol_uri = g_strdup_printf ("sip:carol@127.0.0.1:%u;transport=ws",
      gst_sip_transport_get_port (carol_ws));
  GstSipMessage *req;

  account = register_account (f);
  req = request (f, f->alice, "OPTIONS", carol_uri, 200);
  gst_sip_message_unref (req);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->alice_ws), ==, 2);

  _gst_sip_transport_ws_close_connections (GST_SIP_TRANSPORT_WS (carol_ws));
  gst_sip_test_run_for (1500);
  g_assert_cmpuint (f->lost, ==, 1);
  g_assert_cmpuint (f->registers, ==, 1);
  g_assert_true (one_connection_each (f));

  g_object_unref (account);
  g_assert_true (gst_sip_test_wait (all_quiet, f, WAIT_MS));
  g_object_unref (carol);
  g_free (carol_uri);
}

/* a registrar given by its WebSocket URL */
static void
test_ws_url_registrar (Fixture *f, gconstpointer data)
{
  GstSipAccount *account;
  gchar *url = g_strdup_printf ("ws://127.0.0.1:%u/sip", f->bob_port);
  gchar *registrar = NULL, *expected, *path = NULL;
  GError *error = NULL;

  account = gst_sip_account_new (f->alice, "sip:alice@example.com", &error);
  g_assert_no_error (error);
  g_object_set (account, "transport", GST_SIP_TRANSPORT_PROTOCOL_WS,
      "registrar", url, NULL);
  g_object_get (account, "registrar", &registrar, NULL);
  expected = g_strdup_printf ("sip:127.0.0.1:%u;transport=ws", f->bob_port);
  g_assert_cmpstr (registrar, ==, expected);

  gst_sip_account_register_async (account, NULL, register_done, f);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_cmpuint (f->registers, ==, 1);
  g_object_get (f->alice_ws, "path", &path, NULL);
  g_assert_cmpstr (path, ==, "/sip");

  g_object_unref (account);
  g_assert_true (gst_sip_test_wait (all_quiet, f, WAIT_MS));
  g_free (path);
  g_free (expected);
  g_free (registrar);
  g_free (url);
}

static void
test_ws_url (void)
{
  struct
  {
    const gchar *url, *uri, *path;
  } vectors[] = {
    { "ws://127.0.0.1:8080/ws", "sip:127.0.0.1:8080;transport=ws", "/ws" },
    { "wss://proxy.example.com", "sip:proxy.example.com:443;transport=wss",
        "/" },
    { "ws://[::1]:81/a/b", "sip:[::1]:81;transport=ws", "/a/b" },
    { "ws://example.com/", "sip:example.com:80;transport=ws", "/" },
    { "http://example.com/", NULL, NULL },
    { "ws://", NULL, NULL },
    { "wss:example.com", NULL, NULL },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (vectors); i++) {
    gchar *path = NULL;
    GstSipUri *uri = _gst_sip_ws_url_to_uri (vectors[i].url, &path);

    if (vectors[i].uri == NULL) {
      g_assert_null (uri);
      g_assert_null (path);
    } else {
      gchar *text;

      g_assert_nonnull (uri);
      text = gst_sip_uri_to_string (uri);
      g_assert_cmpstr (text, ==, vectors[i].uri);
      g_assert_cmpstr (path, ==, vectors[i].path);
      g_free (text);
      gst_sip_uri_free (uri);
    }
    g_free (path);
  }
}

/* ---------------------------------------------------------------------- */
/* the server side refuses what is not SIP over WebSocket */

static void
ws_connect_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;
  SoupWebsocketConnection *conn;

  conn = soup_session_websocket_connect_finish (
      SOUP_SESSION (source), result, &f->error);
  if (conn) {
    soup_websocket_connection_close (conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    g_object_unref (conn);
  }
  f->done = TRUE;
}

static void
test_ws_needs_sip_subprotocol (Fixture *f, gconstpointer data)
{
  SoupSession *session =
      soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  gchar *url = g_strdup_printf ("ws://127.0.0.1:%u/", f->bob_port);
  const char *chat[] = { "chat", NULL };
  SoupMessage *msg = soup_message_new ("GET", url);

  soup_session_websocket_connect_async (session, msg, NULL, (char **) chat,
      G_PRIORITY_DEFAULT, NULL, ws_connect_done, f);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_nonnull (f->error);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->bob_ws), ==, 0);

  g_object_unref (msg);
  g_object_unref (session);
  g_free (url);
}

/* ---------------------------------------------------------------------- */
/* WSS: bob presents a certificate of the test's authority */

static gchar *certdir;

static gboolean
accept_any (GstSipUserAgent *ua, GTlsConnection *connection,
    GTlsCertificate *certificate, GTlsCertificateFlags errors, guint *count)
{
  g_assert_nonnull (certificate);
  g_assert_true (errors & G_TLS_CERTIFICATE_UNKNOWN_CA);
  (*count)++;
  return TRUE;
}

typedef struct
{
  /* bob's certificate */
  const gchar *cert;
  /* the host alice sends to */
  const gchar *host;
  /* alice trusts the authority */
  gboolean trust;
  /* alice's accept-certificate handler accepts any certificate */
  gboolean accept;
  /* alice's tls-ca-file cannot be loaded */
  gboolean bad_ca_file;
  /* the TLS settings change after the transports started */
  gboolean late;
  /* 0: the request succeeds */
  gint error;
} WssCase;

static void
wss_options (const WssCase *c)
{
  Fixture f = { 0 };
  gchar *ca = c->bad_ca_file ? g_build_filename (certdir, "missing.pem", NULL)
                             : gst_sip_test_tls_path (certdir, "ca");
  gchar *cert = gst_sip_test_tls_path (certdir, c->cert);
  GstSipMessage *req;
  GstSipUri *ruri;
  GError *error = NULL;
  guint accepted = 0;

  f.alice = gst_sip_test_user_agent_new (T1);
  f.bob = gst_sip_test_user_agent_new (T1);
  g_assert_true (gst_sip_user_agent_set_tls_certificate_from_files (
      f.bob, cert, NULL, &error));
  g_assert_no_error (error);
  if (c->accept)
    g_signal_connect (
        f.alice, "accept-certificate", G_CALLBACK (accept_any), &accepted);
  if (!c->late && (c->trust || c->bad_ca_file))
    g_object_set (f.alice, "tls-ca-file", ca, NULL);
  f.alice_ws = gst_sip_user_agent_add_transport (
      f.alice, GST_SIP_TRANSPORT_PROTOCOL_WSS, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  f.bob_ws = gst_sip_user_agent_add_transport (
      f.bob, GST_SIP_TRANSPORT_PROTOCOL_WSS, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  f.bob_port = gst_sip_transport_get_port (f.bob_ws);
  g_assert_cmpuint (f.bob_port, !=, 0);
  if (c->late) {
    /* a CA file, then none (the default authorities), then the one that
     * counts */
    g_object_set (f.alice, "tls-ca-file", ca, NULL);
    g_object_set (f.alice, "tls-ca-file", NULL, NULL);
    if (c->trust || c->bad_ca_file)
      g_object_set (f.alice, "tls-ca-file", ca, NULL);
  }

  f.bob_uri = g_strdup_printf ("sip:bob@%s:%u;transport=wss",
      c->host ? c->host : "127.0.0.1", f.bob_port);
  ruri = gst_sip_uri_new (f.bob_uri, NULL);
  req = gst_sip_message_new_request ("OPTIONS", ruri);
  gst_sip_uri_free (ruri);
  gst_sip_user_agent_request_async (f.alice, req, NULL, request_done, &f);
  g_assert_true (gst_sip_test_wait (is_done, &f, WAIT_MS));

  if (c->error == 0) {
    GstSipVia *via;

    g_assert_no_error (f.error);
    g_assert_cmpuint (gst_sip_message_get_status_code (f.response), ==, 200);
    via = gst_sip_message_get_via (req, 0);
    g_assert_cmpstr (gst_sip_via_get_transport (via), ==, "WSS");
    g_assert_true (g_str_has_suffix (gst_sip_via_get_host (via), ".invalid"));
    gst_sip_via_free (via);
    g_assert_cmpuint (_gst_sip_transport_get_n_connections (f.bob_ws), ==, 1);
    g_assert_cmpuint (accepted, ==, c->trust ? 0 : 1);
  } else {
    /* refused before anything was sent */
    g_assert_error (f.error, GST_SIP_ERROR, c->error);
    g_assert_null (f.response);
    g_assert_cmpuint (_gst_sip_transport_get_n_connections (f.alice_ws), ==, 0);
    g_assert_cmpuint (_gst_sip_transport_get_n_connections (f.bob_ws), ==, 0);
    if (c->bad_ca_file) {
      /* not even a connection: no authority fits */
      g_assert_cmpuint (accepted, ==, 0);
      g_assert_cmpuint (_gst_sip_transport_ws_get_n_attempts (
                            GST_SIP_TRANSPORT_WS (f.alice_ws)),
          ==, 0);
    }
  }

  gst_sip_message_unref (req);
  g_clear_pointer (&f.response, gst_sip_message_unref);
  g_clear_error (&f.error);
  g_object_unref (f.alice);
  g_object_unref (f.bob);
  gst_sip_test_run_for (50);
  g_free (f.bob_uri);
  g_free (ca);
  g_free (cert);
}

static void
test_wss_trusted (void)
{
  WssCase c = { "bob", NULL, TRUE, FALSE, FALSE, FALSE, 0 };

  wss_options (&c);
}

static void
test_wss_accepted (void)
{
  WssCase c = { "bob", NULL, FALSE, TRUE, FALSE, FALSE, 0 };

  wss_options (&c);
}

static void
test_wss_untrusted (void)
{
  WssCase c = { "bob", NULL, FALSE, FALSE, FALSE, FALSE,
    GST_SIP_ERROR_CERTIFICATE };

  wss_options (&c);
}

/* RFC 5922: the certificate names the host of the URI, not its address */
static void
test_wss_server_name (void)
{
  WssCase c = { "localhost", "localhost", TRUE, FALSE, FALSE, FALSE, 0 };

  wss_options (&c);
}

static void
test_wss_wrong_name (void)
{
  WssCase c = { "other", "localhost", TRUE, FALSE, FALSE, FALSE,
    GST_SIP_ERROR_CERTIFICATE };

  wss_options (&c);
}

/* a CA file that cannot be loaded fails every connection, even with a
 * handler that accepts anything, rather than trust other authorities */
static void
test_wss_bad_ca_file (void)
{
  WssCase c = { "bob", NULL, FALSE, TRUE, TRUE, FALSE,
    GST_SIP_ERROR_CERTIFICATE };

  wss_options (&c);
}

/* TLS settings that change after the transport started still apply, and
 * no CA file means the default authorities, not none */
static void
test_wss_late_settings (void)
{
  WssCase trusted = { "bob", NULL, TRUE, FALSE, FALSE, TRUE, 0 };
  WssCase accepted = { "bob", NULL, FALSE, TRUE, FALSE, TRUE, 0 };
  WssCase bad = { "bob", NULL, FALSE, TRUE, TRUE, TRUE,
    GST_SIP_ERROR_CERTIFICATE };

  wss_options (&trusted);
  wss_options (&accepted);
  wss_options (&bad);
}

/* ---------------------------------------------------------------------- */
/* a bare WebSocket client: messages without Content-Length, and requests
 * back to its .invalid host over its connection */

typedef struct
{
  Fixture *f;
  SoupWebsocketConnection *conn;
  GPtrArray *received; /* gchar * */
} RawClient;

static void
raw_on_message (
    SoupWebsocketConnection *conn, gint type, GBytes *message, RawClient *raw)
{
  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_ptr_array_add (raw->received,
      g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message)));
}

static void
raw_connect_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RawClient *raw = user_data;

  raw->conn = soup_session_websocket_connect_finish (
      SOUP_SESSION (source), result, &raw->f->error);
  raw->f->done = TRUE;
}

static gboolean
raw_received (gpointer user_data)
{
  RawClient *raw = user_data;

  return raw->received->len > 0;
}

static void
test_ws_raw_client (Fixture *f, gconstpointer data)
{
  SoupSession *session =
      soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  gchar *url = g_strdup_printf ("ws://127.0.0.1:%u/", f->bob_port);
  const char *sip[] = { "sip", NULL };
  SoupMessage *msg = soup_message_new ("GET", url);
  RawClient raw = { f, NULL, NULL };
  const gchar *options =
      "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/WS raw7118client.invalid;branch=z9hG4bK-raw-1;rport\r\n"
      "Max-Forwards: 70\r\n"
      "To: <sip:bob@127.0.0.1>\r\n"
      "From: <sip:raw@example.com>;tag=raw1\r\n"
      "Call-ID: raw-call-1\r\n"
      "CSeq: 1 OPTIONS\r\n"
      "\r\n";
  GstSipMessage *response;

  raw.received = g_ptr_array_new_with_free_func (g_free);
  soup_session_websocket_connect_async (session, msg, NULL, (char **) sip,
      G_PRIORITY_DEFAULT, NULL, raw_connect_done, &raw);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_no_error (f->error);
  g_assert_cmpstr (
      soup_websocket_connection_get_protocol (raw.conn), ==, "sip");
  g_signal_connect (raw.conn, "message", G_CALLBACK (raw_on_message), &raw);

  /* no Content-Length: the WebSocket message is the SIP message */
  soup_websocket_connection_send_text (raw.conn, options);
  g_assert_true (gst_sip_test_wait (raw_received, &raw, WAIT_MS));
  response = gst_sip_test_message_new (
      "%s", (const gchar *) g_ptr_array_index (raw.received, 0));
  g_assert_nonnull (response);
  g_assert_cmpuint (gst_sip_message_get_status_code (response), ==, 200);
  g_assert_cmpstr (gst_sip_message_get_call_id (response), ==, "raw-call-1");
  gst_sip_message_unref (response);
  g_ptr_array_set_size (raw.received, 0);

  /* bob reaches the client at its .invalid host, over its connection */
  f->done = FALSE;
  {
    GBytes *body = g_bytes_new_static ("hi", 2);

    gst_sip_user_agent_send_message_async (f->bob,
        "sip:raw@raw7118client.invalid;transport=ws", "text/plain", body, NULL,
        message_done, f);
    g_bytes_unref (body);
  }
  g_assert_true (gst_sip_test_wait (raw_received, &raw, WAIT_MS));
  {
    GstSipMessage *request = gst_sip_test_message_new (
        "%s", (const gchar *) g_ptr_array_index (raw.received, 0));
    GstSipMessage *ok;
    gchar *text;

    g_assert_nonnull (request);
    g_assert_cmpint (
        gst_sip_message_get_method (request), ==, GST_SIP_METHOD_MESSAGE);
    ok = gst_sip_message_new_response_for_request (request, 200, NULL);
    gst_sip_message_set_to_tag (ok, "raw2");
    text = gst_sip_message_to_string (ok);
    soup_websocket_connection_send_text (raw.conn, text);
    g_free (text);
    gst_sip_message_unref (ok);
    gst_sip_message_unref (request);
  }
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_no_error (f->error);
  g_assert_cmpuint (gst_sip_message_get_status_code (f->response), ==, 200);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->bob_ws), ==, 1);

  soup_websocket_connection_close (raw.conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  gst_sip_test_run_for (50);
  g_object_unref (raw.conn);
  g_ptr_array_unref (raw.received);
  g_object_unref (msg);
  g_object_unref (session);
  g_free (url);
}

/* ---------------------------------------------------------------------- */
/* bare clients on a main context of their own, which the test iterates
 * only when it wants them to answer */

typedef struct
{
  Fixture *f;
  GMainContext *context;
  SoupSession *session;
  SoupWebsocketConnection *conn;
  GPtrArray *received; /* gchar * */
  gboolean connected;
} Client;

static void
client_connect_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Client *c = user_data;
  GError *error = NULL;

  c->conn = soup_session_websocket_connect_finish (
      SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  c->connected = TRUE;
}

static void
client_on_message (
    SoupWebsocketConnection *conn, gint type, GBytes *message, Client *c)
{
  g_ptr_array_add (c->received,
      g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message)));
}

/* iterates the default context and the contexts of @clients */
static gboolean
wait_with (Client **clients, GstSipTestCondition condition, gpointer user_data,
    guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * (gint64) 1000;

  while (!condition (user_data)) {
    guint i;

    if (g_get_monotonic_time () > deadline)
      return FALSE;
    for (i = 0; clients[i]; i++) {
      g_main_context_push_thread_default (clients[i]->context);
      while (g_main_context_iteration (clients[i]->context, FALSE))
        ;
      g_main_context_pop_thread_default (clients[i]->context);
    }
    gst_sip_test_run_for (2);
  }
  return TRUE;
}

static gboolean
client_connected (gpointer user_data)
{
  return ((Client *) user_data)->connected;
}

static gboolean
client_received (gpointer user_data)
{
  return ((Client *) user_data)->received->len > 0;
}

static Client *
client_new (Fixture *f)
{
  Client *c = g_new0 (Client, 1);
  Client *all[] = { c, NULL };
  gchar *url = g_strdup_printf ("ws://127.0.0.1:%u/", f->bob_port);
  const char *sip[] = { "sip", NULL };
  SoupMessage *msg;

  c->f = f;
  c->context = g_main_context_new ();
  c->received = g_ptr_array_new_with_free_func (g_free);
  g_main_context_push_thread_default (c->context);
  c->session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  msg = soup_message_new ("GET", url);
  soup_session_websocket_connect_async (c->session, msg, NULL, (char **) sip,
      G_PRIORITY_DEFAULT, NULL, client_connect_done, c);
  g_main_context_pop_thread_default (c->context);
  g_assert_true (wait_with (all, client_connected, c, WAIT_MS));
  g_signal_connect (c->conn, "message", G_CALLBACK (client_on_message), c);
  g_object_unref (msg);
  g_free (url);
  return c;
}

static void
client_send (Client *c, const gchar *text)
{
  g_main_context_push_thread_default (c->context);
  soup_websocket_connection_send_text (c->conn, text);
  g_main_context_pop_thread_default (c->context);
}

/* an OPTIONS that names the client @host in its Via, answered */
static void
client_options (Client *c, const gchar *host, guint n)
{
  Client *all[] = { c, NULL };
  gchar *text =
      g_strdup_printf ("OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
                       "Via: SIP/2.0/WS %s;branch=z9hG4bK-c%u;rport\r\n"
                       "Max-Forwards: 70\r\n"
                       "To: <sip:bob@127.0.0.1>\r\n"
                       "From: <sip:c@example.com>;tag=c%u\r\n"
                       "Call-ID: client-%u\r\n"
                       "CSeq: 1 OPTIONS\r\n"
                       "\r\n",
          host, n, n, n);

  client_send (c, text);
  g_assert_true (wait_with (all, client_received, c, WAIT_MS));
  g_assert_true (
      g_str_has_prefix (g_ptr_array_index (c->received, 0), "SIP/2.0 200 "));
  g_ptr_array_set_size (c->received, 0);
  g_free (text);
}

static gboolean
client_closed (gpointer user_data)
{
  Client *c = user_data;

  return soup_websocket_connection_get_state (c->conn) ==
      SOUP_WEBSOCKET_STATE_CLOSED;
}

static void
client_free (Client *c)
{
  Client *all[] = { c, NULL };

  if (soup_websocket_connection_get_state (c->conn) ==
      SOUP_WEBSOCKET_STATE_OPEN) {
    g_main_context_push_thread_default (c->context);
    soup_websocket_connection_close (
        c->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    g_main_context_pop_thread_default (c->context);
  }
  g_assert_true (wait_with (all, client_closed, c, WAIT_MS));
  g_main_context_push_thread_default (c->context);
  g_object_unref (c->conn);
  g_object_unref (c->session);
  while (g_main_context_iteration (c->context, FALSE))
    ;
  g_main_context_pop_thread_default (c->context);
  g_main_context_unref (c->context);
  g_ptr_array_unref (c->received);
  g_free (c);
}

static void
send_message_async (Fixture *f, const gchar *uri)
{
  GBytes *body = g_bytes_new_static ("hi", 2);

  f->done = FALSE;
  gst_sip_user_agent_send_message_async (
      f->bob, uri, "text/plain", body, NULL, message_done, f);
  g_bytes_unref (body);
}

static gboolean
bob_has_no_connection (gpointer user_data)
{
  Fixture *f = user_data;

  return _gst_sip_transport_get_n_connections (f->bob_ws) == 0;
}

/* the client's close frame ends the flow at once: a request to it then
 * fails, rather than vanish into a closing connection */
static void
test_ws_peer_closing (Fixture *f, gconstpointer data)
{
  Client *c = client_new (f);
  Client *none[] = { NULL };

  client_options (c, "closing7118.invalid", 1);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->bob_ws), ==, 1);

  /* the close frame goes out; the client then sleeps (its context is not
   * iterated), leaving bob's end of the connection closing */
  g_main_context_push_thread_default (c->context);
  soup_websocket_connection_close (c->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_main_context_pop_thread_default (c->context);
  g_assert_true (wait_with (none, bob_has_no_connection, f, 2000));

  send_message_async (f, "sip:c@closing7118.invalid;transport=ws");
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_nonnull (f->error);
  g_assert_null (f->response);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->bob_ws), ==, 0);

  client_free (c);
}

/* a client naming another's .invalid host in its Via does not get the
 * requests meant for it */
static void
test_ws_flow_not_hijacked (Fixture *f, gconstpointer data)
{
  Client *victim = client_new (f);
  Client *thief = client_new (f);
  Client *both[] = { victim, thief, NULL };
  GstSipMessage *request, *ok;
  gchar *text;

  client_options (victim, "victim7118.invalid", 1);
  client_options (thief, "victim7118.invalid", 2);
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (f->bob_ws), ==, 2);

  send_message_async (f, "sip:v@victim7118.invalid;transport=ws");
  g_assert_true (wait_with (both, client_received, victim, WAIT_MS));
  gst_sip_test_run_for (50);
  g_assert_cmpuint (thief->received->len, ==, 0);

  request = gst_sip_test_message_new (
      "%s", (const gchar *) g_ptr_array_index (victim->received, 0));
  g_assert_nonnull (request);
  ok = gst_sip_message_new_response_for_request (request, 200, NULL);
  gst_sip_message_set_to_tag (ok, "v1");
  text = gst_sip_message_to_string (ok);
  client_send (victim, text);
  g_assert_true (wait_with (both, is_done, f, WAIT_MS));
  g_assert_no_error (f->error);
  g_assert_cmpuint (gst_sip_message_get_status_code (f->response), ==, 200);

  g_free (text);
  gst_sip_message_unref (ok);
  gst_sip_message_unref (request);
  client_free (thief);
  client_free (victim);
}

/* ---------------------------------------------------------------------- */
/* WSS: a client that connects and never starts its TLS handshake */

static gboolean
n_handshakes_is (GstSipTransport *ws, guint n)
{
  return _gst_sip_transport_ws_get_n_handshakes (GST_SIP_TRANSPORT_WS (ws)) ==
      n;
}

static gboolean
one_handshake (gpointer user_data)
{
  return n_handshakes_is (user_data, 1);
}

static gboolean
no_handshake (gpointer user_data)
{
  return n_handshakes_is (user_data, 0);
}

/* the server closed the connection */
static gboolean
socket_closed (gpointer user_data)
{
  GSocket *socket = user_data;
  gchar buf[16];
  GError *error = NULL;
  gssize n;

  n = g_socket_receive (socket, buf, sizeof (buf), NULL, &error);
  if (n < 0) {
    gboolean waiting =
        g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);

    g_error_free (error);
    return !waiting;
  }
  return n == 0;
}

/* @stop: the transport stops while the handshake waits; otherwise the
 * handshake times out */
static void
wss_silent_client (gboolean stop)
{
  GstSipUserAgent *bob = gst_sip_test_user_agent_new (T1);
  gchar *cert = gst_sip_test_tls_path (certdir, "bob");
  Client *none[] = { NULL };
  GstSipTransport *ws;
  GSocketClient *client;
  GSocketConnection *connection;
  GSocket *socket;
  GError *error = NULL;

  g_assert_true (gst_sip_user_agent_set_tls_certificate_from_files (
      bob, cert, NULL, &error));
  g_assert_no_error (error);
  ws = gst_sip_user_agent_add_transport (
      bob, GST_SIP_TRANSPORT_PROTOCOL_WSS, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  g_object_ref (ws);
  _gst_sip_transport_ws_set_handshake_timeout_ms (
      GST_SIP_TRANSPORT_WS (ws), stop ? 60000 : 200);

  client = g_socket_client_new ();
  /* no proxy lookup (libproxy and its threads) */
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (
      client, "127.0.0.1", gst_sip_transport_get_port (ws), NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  g_socket_set_blocking (socket, FALSE);
  g_assert_true (gst_sip_test_wait (one_handshake, ws, WAIT_MS));

  if (stop)
    gst_sip_user_agent_remove_transport (bob, ws);
  g_assert_true (wait_with (none, no_handshake, ws, 5000));
  g_assert_true (wait_with (none, socket_closed, socket, 5000));
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (ws), ==, 0);

  g_object_unref (connection);
  g_object_unref (client);
  g_object_unref (ws);
  g_object_unref (bob);
  gst_sip_test_run_for (50);
  g_free (cert);
}

static void
test_wss_handshake_timeout (void)
{
  wss_silent_client (FALSE);
}

static void
test_wss_handshake_stop (void)
{
  wss_silent_client (TRUE);
}

int
main (int argc, char **argv)
{
  GError *error = NULL;
  gint ret;

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ws/options", Fixture, NULL, fixture_set_up, test_ws_options,
      fixture_tear_down);
  g_test_add ("/ws/message", Fixture, NULL, fixture_set_up, test_ws_message,
      fixture_tear_down);
  g_test_add ("/ws/incoming-request", Fixture, NULL, fixture_set_up,
      test_ws_incoming_request, fixture_tear_down);
  g_test_add ("/ws/call", Fixture, NULL, fixture_set_up, test_ws_call,
      fixture_tear_down);
  g_test_add ("/ws/keepalive", Fixture, NULL, fixture_set_up, test_ws_keepalive,
      fixture_tear_down);
  g_test_add ("/ws/reconnect", Fixture, NULL, fixture_set_up, test_ws_reconnect,
      fixture_tear_down);
  g_test_add ("/ws/reconnect-backoff", Fixture, NULL, fixture_set_up,
      test_ws_reconnect_backoff, fixture_tear_down);
  g_test_add ("/ws/no-reconnect-one-off", Fixture, NULL, fixture_set_up,
      test_ws_no_reconnect_one_off, fixture_tear_down);
  g_test_add ("/ws/account-reregisters", Fixture, NULL, fixture_set_up,
      test_ws_account_reregisters, fixture_tear_down);
  g_test_add ("/ws/account-drop-no-loop", Fixture, NULL, fixture_set_up,
      test_ws_account_drop_no_loop, fixture_tear_down);
  g_test_add ("/ws/account-other-flow", Fixture, NULL, fixture_set_up,
      test_ws_account_other_flow, fixture_tear_down);
  g_test_add ("/ws/needs-sip-subprotocol", Fixture, NULL, fixture_set_up,
      test_ws_needs_sip_subprotocol, fixture_tear_down);
  g_test_add ("/ws/url-registrar", Fixture, NULL, fixture_set_up,
      test_ws_url_registrar, fixture_tear_down);
  g_test_add_func ("/ws/url", test_ws_url);
  g_test_add ("/ws/peer-closing", Fixture, NULL, fixture_set_up,
      test_ws_peer_closing, fixture_tear_down);
  g_test_add ("/ws/flow-not-hijacked", Fixture, NULL, fixture_set_up,
      test_ws_flow_not_hijacked, fixture_tear_down);
  g_test_add ("/ws/raw-client", Fixture, NULL, fixture_set_up,
      test_ws_raw_client, fixture_tear_down);

  /* WSS with certificates made by openssl */
  if (gst_sip_test_tls_available ()) {
    certdir = gst_sip_test_make_tmp_dir ("wss", &error);
    g_assert_no_error (error);
    gst_sip_test_tls_make_ca (certdir, "ca");
    gst_sip_test_tls_make_cert (certdir, "bob", "ca", "IP:127.0.0.1", 2, 1);
    gst_sip_test_tls_make_cert (
        certdir, "localhost", "ca", "DNS:localhost", 2, 2);
    gst_sip_test_tls_make_cert (
        certdir, "other", "ca", "DNS:other.example", 2, 3);
    g_test_add_func ("/ws/wss/trusted", test_wss_trusted);
    g_test_add_func ("/ws/wss/accepted", test_wss_accepted);
    g_test_add_func ("/ws/wss/untrusted", test_wss_untrusted);
    g_test_add_func ("/ws/wss/server-name", test_wss_server_name);
    g_test_add_func ("/ws/wss/wrong-name", test_wss_wrong_name);
    g_test_add_func ("/ws/wss/bad-ca-file", test_wss_bad_ca_file);
    g_test_add_func ("/ws/wss/late-settings", test_wss_late_settings);
    g_test_add_func ("/ws/wss/handshake-timeout", test_wss_handshake_timeout);
    g_test_add_func ("/ws/wss/handshake-stop", test_wss_handshake_stop);
  }

  ret = g_test_run ();
  if (certdir) {
    gst_sip_test_remove_tree (certdir);
    g_free (certdir);
  }
  return ret;
}
