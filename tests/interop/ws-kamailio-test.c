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

/* SIP over WebSocket (RFC 7118) against kamailio's websocket module
 * (tests/common/kamailio.h with websocket enabled), as registrar and
 * record-routing proxy with digest authentication.
 *
 * alice and bob are WebSocket clients of kamailio: each opens one
 * connection to ws://127.0.0.1:PORT/, registers a Contact with an .invalid
 * host over it (kamailio keeps the source address of the REGISTER), and
 * gets every request for her or him over that same connection, which
 * kamailio keeps alive by answering the client's pings.  alice
 * calls bob through kamailio and bob hangs up; a MESSAGE from outside the
 * domain reaches alice through her registration.
 *
 * Skipped when kamailio or its websocket module is not installed. */

#include <string.h>

#include <sip/sip.h>

#include "kamailio.h"
#include "test-utils.h"
#include "sip/sip-transport-private.h"

#define T1 20
#define WAIT_MS 10000
#define LOG_TIMEOUT_MS 5000

#define ADDRESS "127.0.0.1"
#define DOMAIN "example.test"
#define ALICE_PASSWORD "alice-secret"
#define BOB_PASSWORD "bob:secret"

typedef struct
{
  const gchar *name;
  GstSipUserAgent *ua;
  GstSipTransport *transport;
  GstSipAccount *account;
  GstSipCall *call;
  GPtrArray *messages; /* incoming MESSAGE requests */
  gboolean done;
  guint code;
  GError *error;
} Party;

typedef struct
{
  GstSipTestKamailio *kamailio;
  Party alice, bob;
  gboolean dialed;
  guint dial_status;
  GError *dial_error;
  gboolean request_done;
  GstSipMessage *response;
  GError *request_error;
} Fixture;

static const gchar *const users[] = { "alice:" ALICE_PASSWORD,
  "bob:" BOB_PASSWORD, NULL };

static void
registered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Party *p = user_data;

  p->code = gst_sip_account_register_finish (
      GST_SIP_ACCOUNT (source), result, &p->error);
  p->done = TRUE;
}

static void
unregistered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Party *p = user_data;

  p->code = gst_sip_account_unregister_finish (
      GST_SIP_ACCOUNT (source), result, &p->error);
  p->done = TRUE;
}

static gboolean
party_done (gpointer user_data)
{
  return ((Party *) user_data)->done;
}

static void
on_incoming_message (GstSipUserAgent *ua, GstSipMessage *msg, Party *p)
{
  g_ptr_array_add (p->messages, gst_sip_message_ref (msg));
}

static void
party_init (Fixture *f, Party *p, const gchar *name, const gchar *password)
{
  GError *error = NULL;
  gchar *aor, *server;

  p->name = name;
  p->messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
  p->ua = gst_sip_test_user_agent_new (T1);
  p->transport = gst_sip_user_agent_add_transport (
      p->ua, GST_SIP_TRANSPORT_PROTOCOL_WS, ADDRESS, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (p->transport);
  g_signal_connect (
      p->ua, "incoming-message", G_CALLBACK (on_incoming_message), p);

  aor = g_strdup_printf ("sip:%s@" DOMAIN, name);
  p->account = gst_sip_account_new (p->ua, aor, &error);
  g_assert_no_error (error);
  server = gst_sip_test_kamailio_dup_uri (f->kamailio, "ws");
  g_object_set (p->account, "transport", GST_SIP_TRANSPORT_PROTOCOL_WS,
      "registrar", server, "proxy", server, "password", password, NULL);
  g_free (server);
  g_free (aor);
}

static void
party_register (Fixture *f, Party *p)
{
  gchar *saved;
  const gchar *contact;

  p->done = FALSE;
  gst_sip_account_register_async (p->account, NULL, registered_cb, p);
  g_assert_true (gst_sip_test_wait (party_done, p, WAIT_MS));
  g_assert_no_error (p->error);
  g_assert_cmpuint (p->code, ==, 200);
  g_assert_cmpint (gst_sip_account_get_state (p->account), ==,
      GST_SIP_ACCOUNT_STATE_REGISTERED);

  /* RFC 7118 section 5: the Contact names the flow, not an address */
  contact = gst_sip_account_get_contact (p->account);
  g_assert_nonnull (contact);
  g_assert_nonnull (strstr (contact, ".invalid"));
  g_assert_nonnull (strstr (contact, "transport=ws"));

  saved = g_strdup_printf ("REGISTER sip:%s@" DOMAIN ": saved", p->name);
  g_assert_true (
      gst_sip_test_kamailio_wait_log (f->kamailio, saved, LOG_TIMEOUT_MS));
  g_free (saved);

  /* one WebSocket connection, to kamailio */
  g_assert_cmpuint (_gst_sip_transport_get_n_connections (p->transport), ==, 1);
}

static void
party_unregister (Fixture *f, Party *p)
{
  p->done = FALSE;
  gst_sip_account_unregister_async (p->account, NULL, unregistered_cb, p);
  g_assert_true (gst_sip_test_wait (party_done, p, WAIT_MS));
  g_assert_no_error (p->error);
  g_assert_cmpuint (p->code, ==, 200);
}

static void
party_clear (Party *p)
{
  g_clear_object (&p->call);
  g_clear_object (&p->account);
  g_clear_object (&p->ua);
  g_clear_error (&p->error);
  g_clear_pointer (&p->messages, g_ptr_array_unref);
}

static gboolean
all_quiet (gpointer user_data)
{
  Fixture *f = user_data;

  return gst_sip_user_agent_get_n_calls (f->alice.ua) == 0 &&
      gst_sip_user_agent_get_n_calls (f->bob.ua) == 0 &&
      gst_sip_user_agent_get_n_transactions (f->alice.ua) == 0 &&
      gst_sip_user_agent_get_n_transactions (f->bob.ua) == 0;
}

/* FALSE when the test is skipped */
static gboolean
start (Fixture *f)
{
  GstSipTestKamailioConfig config = { 0 };
  GError *error = NULL;

  config.address = ADDRESS;
  config.domain = DOMAIN;
  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  config.record_route = TRUE;
  config.websocket = TRUE;
  f->kamailio = gst_sip_test_kamailio_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_clear_error (&error);
    return FALSE;
  }
  g_assert_no_error (error);
  g_assert_nonnull (f->kamailio);
  g_assert_cmpuint (gst_sip_test_kamailio_get_ws_port (f->kamailio), !=, 0);

  party_init (f, &f->alice, "alice", ALICE_PASSWORD);
  party_init (f, &f->bob, "bob", BOB_PASSWORD);
  return TRUE;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  memset (f, 0, sizeof (*f));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->alice.ua) {
    g_assert_true (gst_sip_test_wait (all_quiet, f, WAIT_MS));
    party_clear (&f->alice);
    party_clear (&f->bob);
    gst_sip_test_run_for (50);
  }
  g_clear_pointer (&f->kamailio, gst_sip_test_kamailio_free);
  g_clear_error (&f->dial_error);
  g_clear_error (&f->request_error);
  g_clear_pointer (&f->response, gst_sip_message_unref);
}

/* ---------------------------------------------------------------------- */

static gboolean
got_pong (gpointer user_data)
{
  return _gst_sip_transport_ws_get_n_pongs (GST_SIP_TRANSPORT_WS (user_data)) >
      0;
}

static void
test_register (Fixture *f, gconstpointer data)
{
  if (!start (f))
    return;

  /* the first REGISTER is challenged, the second saved */
  g_object_set (f->alice.transport, "keepalive-interval", 1, NULL);
  party_register (f, &f->alice);
  g_assert_true (gst_sip_test_kamailio_wait_log (f->kamailio,
      "REGISTER sip:alice@" DOMAIN ": challenged", LOG_TIMEOUT_MS));

  /* kamailio answers the pings of the connection */
  g_assert_true (gst_sip_test_wait (got_pong, f->alice.transport, 5000));
  g_assert_cmpuint (
      _gst_sip_transport_get_n_connections (f->alice.transport), ==, 1);
  party_unregister (f, &f->alice);
}

static GstSipSdpNegotiator *
new_negotiator (guint port)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new (ADDRESS);

  gst_sip_sdp_negotiator_add_media (n, "audio", port, NULL);
  return n;
}

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, Fixture *f)
{
  GstSipSdpNegotiator *n = new_negotiator (40010);
  GError *error = NULL;

  g_assert_null (f->bob.call);
  f->bob.call = g_object_ref (call);
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
test_call (Fixture *f, gconstpointer data)
{
  GstSipSdpNegotiator *n;

  if (!start (f))
    return;
  party_register (f, &f->bob);
  party_register (f, &f->alice);
  g_signal_connect (
      f->bob.ua, "incoming-call", G_CALLBACK (on_incoming_call), f);

  /* alice calls bob's address of record; kamailio challenges her (407),
   * finds bob's binding and forwards the INVITE over bob's connection */
  n = new_negotiator (40000);
  f->alice.call = gst_sip_call_new (f->alice.ua, f->alice.account);
  gst_sip_call_set_negotiator (f->alice.call, n);
  g_object_unref (n);
  gst_sip_call_dial_async (
      f->alice.call, "sip:bob@" DOMAIN, NULL, dial_done, f);
  g_assert_true (gst_sip_test_wait (is_dialed, f, WAIT_MS));
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 200);
  wait_state (&f->alice.call, GST_SIP_CALL_STATE_ESTABLISHED);
  wait_state (&f->bob.call, GST_SIP_CALL_STATE_ESTABLISHED);
  g_assert_nonnull (gst_sip_call_get_remote_description (f->alice.call));
  g_assert_nonnull (gst_sip_call_get_remote_description (f->bob.call));
  g_assert_true (gst_sip_test_kamailio_wait_log (f->kamailio,
      "INVITE to sip:bob@" DOMAIN ": forwarding to", LOG_TIMEOUT_MS));

  /* bob hangs up: kamailio routes his BYE to alice's .invalid Contact
   * over her connection (the alias it added) */
  gst_sip_call_hangup (f->bob.call);
  wait_state (&f->bob.call, GST_SIP_CALL_STATE_ENDED);
  wait_state (&f->alice.call, GST_SIP_CALL_STATE_ENDED);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->bob.call), ==, 200);
  g_assert_true (gst_sip_test_kamailio_wait_log (
      f->kamailio, "in-dialog BYE to", LOG_TIMEOUT_MS));

  /* still one connection each: everything went over the flows */
  g_assert_cmpuint (
      _gst_sip_transport_get_n_connections (f->alice.transport), ==, 1);
  g_assert_cmpuint (
      _gst_sip_transport_get_n_connections (f->bob.transport), ==, 1);

  g_assert_true (gst_sip_test_wait (all_quiet, f, WAIT_MS));
  party_unregister (f, &f->alice);
  party_unregister (f, &f->bob);
}

static void
request_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->response = gst_sip_user_agent_request_finish (
      GST_SIP_USER_AGENT (source), result, &f->request_error);
  f->request_done = TRUE;
}

static gboolean
is_request_done (gpointer user_data)
{
  return ((Fixture *) user_data)->request_done;
}

static gboolean
alice_has_message (gpointer user_data)
{
  return ((Fixture *) user_data)->alice.messages->len > 0;
}

/* a MESSAGE from outside the domain reaches alice through kamailio, over
 * the connection she registered on */
static void
test_incoming_request (Fixture *f, gconstpointer data)
{
  GstSipUri *ruri;
  GstSipMessage *message;
  gchar *route;
  GBytes *body, *received;

  if (!start (f))
    return;
  party_register (f, &f->alice);

  ruri = gst_sip_uri_new ("sip:alice@" DOMAIN, NULL);
  message = gst_sip_message_new_request ("MESSAGE", ruri);
  gst_sip_uri_free (ruri);
  gst_sip_message_set_header (message, "From", "<sip:carol@elsewhere.test>");
  route = g_strdup_printf ("<sip:" ADDRESS ":%u;transport=ws;lr>",
      gst_sip_test_kamailio_get_ws_port (f->kamailio));
  gst_sip_message_set_header (message, "Route", route);
  body = g_bytes_new_static ("over the flow", 13);
  gst_sip_message_set_body (message, "text/plain", body);
  g_bytes_unref (body);

  /* bob's user agent sends it, without an account */
  gst_sip_user_agent_request_async (f->bob.ua, message, NULL, request_done, f);
  g_assert_true (gst_sip_test_wait (is_request_done, f, WAIT_MS));
  g_assert_no_error (f->request_error);
  g_assert_cmpuint (gst_sip_message_get_status_code (f->response), ==, 200);
  g_assert_true (gst_sip_test_wait (alice_has_message, f, WAIT_MS));

  received =
      gst_sip_message_get_body (g_ptr_array_index (f->alice.messages, 0));
  g_assert_cmpmem (g_bytes_get_data (received, NULL),
      g_bytes_get_size (received), "over the flow", 13);
  g_bytes_unref (received);
  g_assert_cmpuint (
      _gst_sip_transport_get_n_connections (f->alice.transport), ==, 1);

  gst_sip_message_unref (message);
  g_free (route);
  party_unregister (f, &f->alice);
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/interop/ws-kamailio/register", Fixture, NULL, fixture_setup,
      test_register, fixture_teardown);
  g_test_add ("/interop/ws-kamailio/call", Fixture, NULL, fixture_setup,
      test_call, fixture_teardown);
  g_test_add ("/interop/ws-kamailio/incoming-request", Fixture, NULL,
      fixture_setup, test_incoming_request, fixture_teardown);

  return g_test_run ();
}
