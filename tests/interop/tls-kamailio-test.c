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

/* The TLS transport against kamailio's tls module (tests/common/kamailio.h)
 * as registrar and record-routing proxy with digest authentication, on
 * 127.0.0.1.  The test makes a throwaway certificate authority with
 * openssl, and certificates for kamailio and the user agents (kamailio
 * connects to the Contact of a user agent over TLS as well).
 *
 * alice and bob register over TLS (401, then 200), then alice calls bob by
 * his address of record through kamailio: the INVITE is challenged with
 * 407 and forwarded to bob over TLS, and the call is set up and hung up
 * along the record-routed path.  kamailio's log shows that it received the
 * requests over TLS.  A user agent that does not trust kamailio's
 * authority fails to register with the certificate error, and kamailio
 * sees no request from it.
 *
 * Skipped when kamailio, its tls module or openssl is not installed. */

#include <string.h>

#include <sip/sip.h>

#include "kamailio.h"
#include "test-utils.h"

/* handshakes take a while under valgrind: Timer F (64 T1) leaves room */
#define T1 100
#define WAIT_MS 20000
#define LOG_TIMEOUT_MS 5000

#define ADDRESS "127.0.0.1"
#define DOMAIN "example.test"
#define ALICE_PASSWORD "alice-secret"
#define BOB_PASSWORD "bob-secret"

static const gchar *const users[] = { "alice:" ALICE_PASSWORD,
  "bob:" BOB_PASSWORD, NULL };

typedef struct
{
  const gchar *name;
  GstSipUserAgent *ua;
  GstSipAccount *account;
  gboolean done;
  guint code;
  GError *error;
} Party;

typedef struct
{
  gchar *certdir;
  GstSipTestKamailio *kamailio;
  Party alice, bob;
  GstSipCall *alice_call, *bob_call;
  gboolean dialed;
  guint dial_status;
  GError *dial_error;
} Fixture;

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

/* a user agent with a TLS transport and an account at kamailio over TLS;
 * @ca: the authority it trusts */
static void
party_init (Fixture *f, Party *p, const gchar *name, const gchar *password,
    const gchar *ca)
{
  GError *error = NULL;
  gchar *aor, *server, *path;

  memset (p, 0, sizeof (Party));
  p->name = name;
  p->ua = gst_sip_test_user_agent_new (T1);

  path = gst_sip_test_tls_path (f->certdir, "ua");
  g_assert_true (gst_sip_user_agent_set_tls_certificate_from_files (
      p->ua, path, NULL, &error));
  g_assert_no_error (error);
  g_free (path);
  path = gst_sip_test_tls_path (f->certdir, ca);
  g_object_set (p->ua, "tls-ca-file", path, NULL);
  g_free (path);
  gst_sip_user_agent_add_transport (
      p->ua, GST_SIP_TRANSPORT_PROTOCOL_TLS, ADDRESS, 0, &error);
  g_assert_no_error (error);

  aor = g_strdup_printf ("sip:%s@" DOMAIN, name);
  p->account = gst_sip_account_new (p->ua, aor, &error);
  g_assert_no_error (error);
  server = gst_sip_test_kamailio_dup_uri (f->kamailio, "tls");
  g_object_set (p->account, "transport", GST_SIP_TRANSPORT_PROTOCOL_TLS,
      "registrar", server, "proxy", server, "password", password, NULL);
  g_free (server);
  g_free (aor);
}

static void
party_register (Party *p)
{
  p->done = FALSE;
  g_clear_error (&p->error);
  gst_sip_account_register_async (p->account, NULL, registered_cb, p);
  g_assert_true (gst_sip_test_wait (party_done, p, WAIT_MS));
}

static void
party_unregister (Party *p)
{
  p->done = FALSE;
  g_clear_error (&p->error);
  gst_sip_account_unregister_async (p->account, NULL, unregistered_cb, p);
  g_assert_true (gst_sip_test_wait (party_done, p, WAIT_MS));
  g_assert_no_error (p->error);
  g_assert_cmpuint (p->code, ==, 200);
}

static gboolean
party_quiet (gpointer user_data)
{
  Party *p = user_data;

  return gst_sip_user_agent_get_n_transactions (p->ua) == 0 &&
      gst_sip_user_agent_get_n_calls (p->ua) == 0;
}

static void
party_clear (Party *p)
{
  if (p->ua)
    g_assert_true (gst_sip_test_wait (party_quiet, p, WAIT_MS));
  g_clear_object (&p->account);
  g_clear_object (&p->ua);
  g_clear_error (&p->error);
}

static void
assert_log_contains (Fixture *f, const gchar *text)
{
  if (!gst_sip_test_kamailio_wait_log (f->kamailio, text, LOG_TIMEOUT_MS))
    g_error ("kamailio did not log \"%s\":\n%s", text,
        gst_sip_test_kamailio_get_log (f->kamailio));
}

/* FALSE when the test is skipped */
static gboolean
start (Fixture *f)
{
  GstSipTestKamailioConfig config = { 0 };
  GError *error = NULL;
  gchar *cert, *key;

  if (!gst_sip_test_tls_available ()) {
    g_test_skip ("openssl is not installed");
    return FALSE;
  }
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ())) {
    g_test_skip ("GIO has no TLS backend (glib-networking)");
    return FALSE;
  }
  f->certdir = gst_sip_test_make_tmp_dir ("tls", &error);
  g_assert_no_error (error);
  gst_sip_test_tls_make_ca (f->certdir, "ca");
  gst_sip_test_tls_make_ca (f->certdir, "other-ca");
  gst_sip_test_tls_make_cert (
      f->certdir, "kamailio", "ca", "DNS:" DOMAIN ",IP:" ADDRESS, 2, 2);
  gst_sip_test_tls_make_cert (f->certdir, "ua", "ca", "IP:" ADDRESS, 2, 3);

  cert = g_build_filename (f->certdir, "kamailio.crt", NULL);
  key = g_build_filename (f->certdir, "kamailio.key", NULL);
  config.address = ADDRESS;
  config.domain = DOMAIN;
  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  config.record_route = TRUE;
  config.tls_certificate = cert;
  config.tls_private_key = key;
  f->kamailio = gst_sip_test_kamailio_start (&config, &error);
  g_free (cert);
  g_free (key);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_clear_error (&error);
    return FALSE;
  }
  g_assert_no_error (error);
  g_assert_cmpuint (gst_sip_test_kamailio_get_tls_port (f->kamailio), >, 0);
  return TRUE;
}

static void
finish (Fixture *f)
{
  party_clear (&f->alice);
  party_clear (&f->bob);
  g_clear_object (&f->alice_call);
  g_clear_object (&f->bob_call);
  g_clear_error (&f->dial_error);
  g_clear_pointer (&f->kamailio, gst_sip_test_kamailio_free);
  if (f->certdir)
    gst_sip_test_remove_tree (f->certdir);
  g_free (f->certdir);
}

/* ---------------------------------------------------------------------- */
/* calls */

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

/* ---------------------------------------------------------------------- */
/* tests */

static void
test_register_and_call (void)
{
  Fixture f = { 0 };
  GstSipSdpNegotiator *n;

  if (!start (&f))
    return;

  /* digest over TLS */
  party_init (&f, &f.bob, "bob", BOB_PASSWORD, "ca");
  party_init (&f, &f.alice, "alice", ALICE_PASSWORD, "ca");
  g_signal_connect (
      f.bob.ua, "incoming-call", G_CALLBACK (on_incoming_call), &f);
  party_register (&f.bob);
  g_assert_no_error (f.bob.error);
  g_assert_cmpuint (f.bob.code, ==, 200);
  assert_log_contains (
      &f, "REGISTER sip:bob@" DOMAIN ": saved, contact <sips:");
  party_register (&f.alice);
  g_assert_no_error (f.alice.error);
  g_assert_cmpuint (f.alice.code, ==, 200);
  g_assert_cmpint (gst_sip_account_get_state (f.alice.account), ==,
      GST_SIP_ACCOUNT_STATE_REGISTERED);
  assert_log_contains (&f, "REGISTER sip:alice@" DOMAIN ": saved");
  assert_log_contains (&f, "over tls");

  /* alice calls bob's address of record through kamailio */
  n = new_negotiator (40000);
  f.alice_call = gst_sip_call_new (f.alice.ua, f.alice.account);
  gst_sip_call_set_negotiator (f.alice_call, n);
  g_object_unref (n);
  gst_sip_call_dial_async (
      f.alice_call, "sip:bob@" DOMAIN, NULL, dial_done, &f);
  g_assert_true (gst_sip_test_wait (is_dialed, &f, WAIT_MS));
  g_assert_no_error (f.dial_error);
  g_assert_cmpuint (f.dial_status, ==, 200);
  wait_state (&f.alice_call, GST_SIP_CALL_STATE_ESTABLISHED);
  wait_state (&f.bob_call, GST_SIP_CALL_STATE_ESTABLISHED);
  assert_log_contains (&f, "INVITE to sip:bob@" DOMAIN ": forwarding to sips:");

  gst_sip_call_hangup (f.alice_call);
  wait_state (&f.alice_call, GST_SIP_CALL_STATE_ENDED);
  wait_state (&f.bob_call, GST_SIP_CALL_STATE_ENDED);
  assert_log_contains (&f, "in-dialog BYE");

  party_unregister (&f.alice);
  party_unregister (&f.bob);
  finish (&f);
}

static void
test_untrusted_server (void)
{
  Fixture f = { 0 };

  if (!start (&f))
    return;

  /* alice trusts another authority: the REGISTER is never sent */
  party_init (&f, &f.alice, "alice", ALICE_PASSWORD, "other-ca");
  party_register (&f.alice);
  g_assert_error (f.alice.error, GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE);
  g_assert_nonnull (strstr (f.alice.error->message,
      "is not signed by a trusted certificate authority"));
  g_assert_cmpint (gst_sip_account_get_state (f.alice.account), !=,
      GST_SIP_ACCOUNT_STATE_REGISTERED);
  g_assert_null (
      strstr (gst_sip_test_kamailio_get_log (f.kamailio), "request REGISTER"));

  finish (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  g_test_add_func ("/tls-kamailio/register-and-call", test_register_and_call);
  g_test_add_func ("/tls-kamailio/untrusted-server", test_untrusted_server);

  return g_test_run ();
}
