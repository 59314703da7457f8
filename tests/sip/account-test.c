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

/* Registration against a registrar on loopback: a second user agent with
 * a GstSipDigestVerifier, real sockets, short timers. */

#include <stdlib.h>
#include <string.h>

#include "test-utils.h"
#include "sip/sip-digest-verifier-private.h"

#define T1 20
#define WAIT_MS 10000
#define REALM "example.test"
#define PASSWORD "s3cret-Pa55"

typedef struct
{
  GstSipUserAgent *ua;
  GstSipDigestVerifier *verifier;
  guint port;
  /* behaviour */
  guint grant; /* expires granted, 0: as asked */
  guint min_expires; /* 423 below this */
  guint fail_code; /* answer the next n_fail REGISTERs so */
  guint n_fail;
  guint retry_after;
  gboolean silent;
  gboolean no_auth;
  const gchar *nat_received; /* rewrite the Via as a NAT would */
  gint nat_rport;
  /* what happened */
  guint n_register;
  guint n_challenged;
  guint n_authorized;
  GPtrArray *requests;
  GHashTable *bindings; /* contact -> expires */
} Registrar;

static gboolean
on_register (GstSipUserAgent *ua, GstSipServerTransaction *tx, Registrar *r)
{
  GstSipMessage *request =
      gst_sip_transaction_get_request (GST_SIP_TRANSACTION (tx));
  GstSipMessage *response;
  GstSipDigestResult result;
  GList *contacts, *l;
  guint32 expires = 3600;
  gchar *user = NULL;

  r->n_register++;
  g_ptr_array_add (r->requests, gst_sip_message_ref (request));
  if (r->silent)
    return TRUE;

  if (r->n_fail > 0) {
    r->n_fail--;
    response =
        gst_sip_server_transaction_create_response (tx, r->fail_code, NULL);
    if (r->retry_after) {
      gchar *value = g_strdup_printf ("%u", r->retry_after);

      gst_sip_message_append_header (response, "Retry-After", value);
      g_free (value);
    }
    g_assert_true (gst_sip_server_transaction_respond (tx, response, NULL));
    gst_sip_message_unref (response);
    return TRUE;
  }

  if (!r->no_auth) {
    result = gst_sip_digest_verifier_verify (r->verifier, request, &user);
    if (result != GST_SIP_DIGEST_RESULT_OK) {
      r->n_challenged++;
      g_assert_true (gst_sip_digest_verifier_challenge (
          r->verifier, tx, result == GST_SIP_DIGEST_RESULT_STALE, NULL));
      return TRUE;
    }
    r->n_authorized++;
    g_assert_true (g_str_equal (user, "alice") || g_str_equal (user, "bob"));
    g_free (user);
  }

  gst_sip_message_get_expires (request, &expires);
  if (r->min_expires && expires > 0 && expires < r->min_expires) {
    gchar *value = g_strdup_printf ("%u", r->min_expires);

    response = gst_sip_server_transaction_create_response (tx, 423, NULL);
    gst_sip_message_append_header (response, "Min-Expires", value);
    g_assert_true (gst_sip_server_transaction_respond (tx, response, NULL));
    gst_sip_message_unref (response);
    g_free (value);
    return TRUE;
  }

  response = gst_sip_server_transaction_create_response (tx, 200, NULL);
  contacts = gst_sip_message_get_addresses (request, "Contact");
  for (l = contacts; l; l = l->next) {
    const gchar *param = gst_sip_address_get_param (l->data, "expires");
    guint e = param ? (guint) atoi (param) : expires;
    gchar *uri = gst_sip_uri_to_string (gst_sip_address_get_uri (l->data));

    if (e > 0 && r->grant)
      e = r->grant;
    if (e == 0) {
      g_hash_table_remove (r->bindings, uri);
      g_free (uri);
    } else {
      GstSipAddress *binding = gst_sip_address_copy (l->data);
      gchar *text, *value = g_strdup_printf ("%u", e);

      g_hash_table_insert (r->bindings, uri, GUINT_TO_POINTER (e));
      gst_sip_address_set_param (binding, "expires", value);
      text = gst_sip_address_to_string (binding);
      gst_sip_message_append_header (response, "Contact", text);
      g_free (text);
      g_free (value);
      gst_sip_address_free (binding);
    }
  }
  g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);

  if (r->nat_received) {
    GstSipVia *via = gst_sip_message_get_via (response, 0);

    gst_sip_via_set_received (via, r->nat_received);
    gst_sip_via_set_rport (via, r->nat_rport);
    gst_sip_message_set_top_via (response, via);
    gst_sip_via_free (via);
  }
  g_assert_true (gst_sip_server_transaction_respond (tx, response, NULL));
  gst_sip_message_unref (response);
  return TRUE;
}

static void
registrar_init (Registrar *r)
{
  GError *error = NULL;
  GstSipTransport *transport;

  memset (r, 0, sizeof (*r));
  r->ua = gst_sip_test_user_agent_new (T1);
  transport = gst_sip_user_agent_add_transport (
      r->ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  r->port = gst_sip_transport_get_port (transport);
  r->verifier = gst_sip_digest_verifier_new (REALM);
  gst_sip_digest_verifier_add_user (r->verifier, "alice", PASSWORD);
  r->requests =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
  r->bindings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gst_sip_user_agent_add_allowed_method (r->ua, "REGISTER");
  g_signal_connect (
      r->ua, "incoming-request::REGISTER", G_CALLBACK (on_register), r);
}

static void
registrar_clear (Registrar *r)
{
  g_object_unref (r->ua);
  g_object_unref (r->verifier);
  g_ptr_array_unref (r->requests);
  g_hash_table_unref (r->bindings);
}

static GstSipMessage *
last_request (Registrar *r)
{
  g_assert_cmpuint (r->requests->len, >, 0);
  return g_ptr_array_index (r->requests, r->requests->len - 1);
}

typedef struct
{
  Registrar registrar;
  GstSipUserAgent *ua;
  GstSipAccount *account;
  guint code;
  GError *error;
  gboolean done;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  GError *error = NULL;
  gchar *registrar;

  memset (f, 0, sizeof (*f));
  registrar_init (&f->registrar);
  f->ua = gst_sip_test_user_agent_new (T1);
  gst_sip_user_agent_add_transport (
      f->ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  g_assert_no_error (error);

  f->account = gst_sip_account_new (f->ua, "sip:alice@" REALM, &error);
  g_assert_no_error (error);
  registrar = g_strdup_printf ("sip:127.0.0.1:%u", f->registrar.port);
  g_object_set (f->account, "registrar", registrar, "password", PASSWORD,
      "retry-interval", 1, NULL);
  g_free (registrar);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->account);
  g_object_unref (f->ua);
  registrar_clear (&f->registrar);
  g_clear_error (&f->error);
}

static void
registered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->code = gst_sip_account_register_finish (
      GST_SIP_ACCOUNT (source), result, &f->error);
  f->done = TRUE;
}

static void
unregistered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->code = gst_sip_account_unregister_finish (
      GST_SIP_ACCOUNT (source), result, &f->error);
  f->done = TRUE;
}

static gboolean
is_done (gpointer user_data)
{
  return ((Fixture *) user_data)->done;
}

static void
do_register (Fixture *f)
{
  f->done = FALSE;
  g_clear_error (&f->error);
  gst_sip_account_register_async (f->account, NULL, registered_cb, f);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
}

static void
do_unregister (Fixture *f)
{
  f->done = FALSE;
  g_clear_error (&f->error);
  gst_sip_account_unregister_async (f->account, NULL, unregistered_cb, f);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
}

static GstSipAccountState
state (Fixture *f)
{
  return gst_sip_account_get_state (f->account);
}

static void
test_register (Fixture *f, gconstpointer data)
{
  const gchar *algorithm = data;
  const gchar *algorithms[] = { algorithm, NULL };
  GstSipMessage *request;
  GList *auth;
  gchar *call_id;
  guint32 seq1, seq2;

  g_object_set (f->registrar.verifier, "algorithms", algorithms, NULL);
  do_register (f);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->code, ==, 200);
  g_assert_cmpint (state (f), ==, GST_SIP_ACCOUNT_STATE_REGISTERED);
  g_assert_cmpuint (gst_sip_account_get_expires (f->account), ==, 3600);
  g_assert_nonnull (gst_sip_account_get_contact (f->account));
  g_assert_true (g_hash_table_contains (
      f->registrar.bindings, gst_sip_account_get_contact (f->account)));

  /* one challenge, one authorized REGISTER: same Call-ID, CSeq + 1 */
  g_assert_cmpuint (f->registrar.n_register, ==, 2);
  g_assert_cmpuint (f->registrar.n_challenged, ==, 1);
  call_id = g_strdup (gst_sip_message_get_call_id (
      g_ptr_array_index (f->registrar.requests, 0)));
  gst_sip_message_get_cseq (
      g_ptr_array_index (f->registrar.requests, 0), &seq1, NULL);
  request = last_request (&f->registrar);
  gst_sip_message_get_cseq (request, &seq2, NULL);
  g_assert_cmpstr (gst_sip_message_get_call_id (request), ==, call_id);
  g_assert_cmpuint (seq2, ==, seq1 + 1);
  auth = gst_sip_message_get_auth_headers (request, "Authorization");
  g_assert_cmpuint (g_list_length (auth), ==, 1);
  g_assert_cmpstr (
      gst_sip_auth_header_get_param (auth->data, "algorithm"), ==, algorithm);
  {
    gchar *ruri =
        gst_sip_uri_to_string (gst_sip_message_get_request_uri (request));

    /* the digest URI is the Request-URI */
    g_assert_cmpstr (
        gst_sip_auth_header_get_param (auth->data, "uri"), ==, ruri);
    g_free (ruri);
  }
  g_list_free_full (auth, (GDestroyNotify) gst_sip_auth_header_free);

  do_unregister (f);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->code, ==, 200);
  g_assert_cmpint (state (f), ==, GST_SIP_ACCOUNT_STATE_UNREGISTERED);
  g_assert_cmpuint (gst_sip_account_get_expires (f->account), ==, 0);
  request = last_request (&f->registrar);
  g_assert_cmpstr (gst_sip_message_get_header (request, "Expires"), ==, "0");
  g_assert_cmpstr (gst_sip_message_get_call_id (request), ==, call_id);
  /* the nonce is known: no new challenge */
  g_assert_cmpuint (f->registrar.n_challenged, ==, 1);
  g_assert_cmpuint (g_hash_table_size (f->registrar.bindings), ==, 0);
  g_free (call_id);
}

static gboolean
registered_times (gpointer user_data)
{
  Fixture *f = user_data;

  return f->registrar.n_authorized >= 3;
}

static void
test_refresh (Fixture *f, gconstpointer data)
{
  GList *auth;
  guint32 seq;

  f->registrar.grant = 1;
  do_register (f);
  g_assert_cmpuint (f->code, ==, 200);
  g_assert_cmpuint (gst_sip_account_get_expires (f->account), ==, 1);
  /* refreshed before the second is up, twice, with the next nonce count */
  g_assert_true (gst_sip_test_wait (registered_times, f, WAIT_MS));
  g_assert_cmpuint (f->registrar.n_challenged, ==, 1);
  auth = gst_sip_message_get_auth_headers (
      last_request (&f->registrar), "Authorization");
  g_assert_cmpstr (
      gst_sip_auth_header_get_param (auth->data, "nc"), ==, "00000003");
  g_list_free_full (auth, (GDestroyNotify) gst_sip_auth_header_free);
  gst_sip_message_get_cseq (last_request (&f->registrar), &seq, NULL);
  g_assert_cmpuint (seq, ==, 4);
  g_assert_cmpint (state (f), ==, GST_SIP_ACCOUNT_STATE_REGISTERED);
}

static void
test_wrong_password (Fixture *f, gconstpointer data)
{
  g_object_set (f->account, "password", "wrong", NULL);
  do_register (f);
  g_assert_error (f->error, GST_SIP_ERROR, GST_SIP_ERROR_AUTH_FAILED);
  g_assert_cmpint (state (f), ==, GST_SIP_ACCOUNT_STATE_FAILED);
  g_assert_cmpuint (gst_sip_account_get_status_code (f->account), ==, 401);
  /* exactly one retry, and nothing after it */
  g_assert_cmpuint (f->registrar.n_register, ==, 2);
  gst_sip_test_run_for (1500);
  g_assert_cmpuint (f->registrar.n_register, ==, 2);
}

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

static void
test_stale (Fixture *f, gconstpointer data)
{
  gint64 now = 1000;

  _gst_sip_digest_verifier_set_clock (f->registrar.verifier, fake_clock, &now);
  g_object_set (f->registrar.verifier, "nonce-lifetime", 5, NULL);
  do_register (f);
  g_assert_cmpuint (f->code, ==, 200);
  g_assert_cmpuint (f->registrar.n_challenged, ==, 1);

  /* the nonce expires; the next REGISTER gets stale=true and is retried at
   * once with the same credentials */
  now += 10;
  do_register (f);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->code, ==, 200);
  g_assert_cmpuint (f->registrar.n_challenged, ==, 2);
  g_assert_cmpuint (f->registrar.n_register, ==, 4);
  _gst_sip_digest_verifier_set_clock (f->registrar.verifier, NULL, NULL);
}

static void
test_interval_too_brief (Fixture *f, gconstpointer data)
{
  f->registrar.min_expires = 60;
  g_object_set (f->account, "requested-expires", 5, NULL);
  do_register (f);
  g_assert_cmpuint (f->code, ==, 200);
  g_assert_cmpuint (gst_sip_account_get_expires (f->account), ==, 60);
  g_assert_cmpstr (
      gst_sip_message_get_header (last_request (&f->registrar), "Expires"), ==,
      "60");
}

static void
test_service_unavailable (Fixture *f, gconstpointer data)
{
  gint64 start;

  f->registrar.fail_code = 503;
  f->registrar.n_fail = 1;
  f->registrar.retry_after = 1;
  do_register (f);
  /* a refusal is a result */
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->code, ==, 503);
  g_assert_cmpint (state (f), ==, GST_SIP_ACCOUNT_STATE_FAILED);

  /* retried after Retry-After */
  start = g_get_monotonic_time ();
  while (state (f) != GST_SIP_ACCOUNT_STATE_REGISTERED &&
      g_get_monotonic_time () - start < WAIT_MS * 1000)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (state (f), ==, GST_SIP_ACCOUNT_STATE_REGISTERED);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
}

static void
test_forbidden (Fixture *f, gconstpointer data)
{
  f->registrar.fail_code = 403;
  f->registrar.n_fail = 1;
  do_register (f);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->code, ==, 403);
  g_assert_cmpint (state (f), ==, GST_SIP_ACCOUNT_STATE_FAILED);
  g_assert_cmpstr (gst_sip_account_get_reason (f->account), ==, "Forbidden");
  /* final: not retried */
  gst_sip_test_run_for (1500);
  g_assert_cmpuint (f->registrar.n_register, ==, 1);
}

static void
test_no_answer (Fixture *f, gconstpointer data)
{
  f->registrar.silent = TRUE;
  do_register (f);
  g_assert_error (f->error, GST_SIP_ERROR, GST_SIP_ERROR_TIMEOUT);
  g_assert_cmpint (state (f), ==, GST_SIP_ACCOUNT_STATE_FAILED);
  g_assert_cmpuint (gst_sip_account_get_status_code (f->account), ==, 408);
  /* the registrar's transaction absorbed the retransmissions; after the
   * retry interval a new REGISTER comes */
  g_assert_cmpuint (f->registrar.n_register, ==, 1);
  gst_sip_test_run_for (1500);
  g_assert_cmpuint (f->registrar.n_register, ==, 2);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  GCancellable *cancellable = g_cancellable_new ();

  /* the registrar does not answer; the application gives up */
  f->registrar.silent = TRUE;
  f->done = FALSE;
  gst_sip_account_register_async (f->account, cancellable, registered_cb, f);
  gst_sip_test_run_for (5 * T1);
  g_assert_false (f->done);
  g_cancellable_cancel (cancellable);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->code, ==, 0);
  /* the registration stopped: it unregisters instead of retrying */
  g_assert_cmpint (state (f), !=, GST_SIP_ACCOUNT_STATE_REGISTERING);
  g_assert_cmpint (state (f), !=, GST_SIP_ACCOUNT_STATE_REGISTERED);

  /* with an answering registrar it registers again, unless the
   * cancellable is cancelled already */
  f->registrar.silent = FALSE;
  f->done = FALSE;
  g_clear_error (&f->error);
  gst_sip_account_register_async (f->account, cancellable, registered_cb, f);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_object_unref (cancellable);

  do_register (f);
  g_assert_no_error (f->error);
  g_assert_cmpint (state (f), ==, GST_SIP_ACCOUNT_STATE_REGISTERED);
}

static void
test_ha1 (Fixture *f, gconstpointer data)
{
  const gchar *md5[] = { "MD5", NULL };
  gchar *ha1 = g_compute_checksum_for_string (
      G_CHECKSUM_MD5, "alice:" REALM ":" PASSWORD, -1);

  /* carriers hand out MD5 H(A1): it can only answer MD5 */
  g_object_set (f->registrar.verifier, "algorithms", md5, NULL);
  g_object_set (f->account, "password", NULL, "ha1", ha1, "realm", REALM, NULL);
  do_register (f);
  g_assert_cmpuint (f->code, ==, 200);
  g_free (ha1);
}

typedef struct
{
  guint count;
  gboolean answer;
  gchar *realm;
} AuthSeen;

static gboolean
on_authenticate (
    GstSipUserAgent *ua, GstSipAuth *auth, gboolean retrying, AuthSeen *seen)
{
  seen->count++;
  g_free (seen->realm);
  seen->realm = g_strdup (gst_sip_auth_get_realm (auth));
  g_assert_false (gst_sip_auth_is_for_proxy (auth));
  if (!seen->answer)
    return FALSE;
  gst_sip_auth_authenticate (auth, "alice", PASSWORD);
  return TRUE;
}

static void
test_realm (Fixture *f, gconstpointer data)
{
  AuthSeen seen = { 0, FALSE, NULL };

  /* credentials for another realm are not sent */
  g_object_set (f->account, "realm", "other.example", NULL);
  g_signal_connect (f->ua, "authenticate", G_CALLBACK (on_authenticate), &seen);
  do_register (f);
  g_assert_error (f->error, GST_SIP_ERROR, GST_SIP_ERROR_AUTH_FAILED);
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_cmpstr (seen.realm, ==, REALM);
  g_assert_cmpuint (f->registrar.n_register, ==, 1);

  /* the application answers */
  seen.answer = TRUE;
  do_register (f);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->code, ==, 200);
  g_assert_cmpuint (seen.count, ==, 2);

  g_free (seen.realm);
}

static void
test_any_realm (Fixture *f, gconstpointer data)
{
  g_object_set (f->account, "realm", "other.example", "any-realm", TRUE, NULL);
  do_register (f);
  g_assert_cmpuint (f->code, ==, 200);
}

static void
test_nat (Fixture *f, gconstpointer data)
{
  GList *contacts;

  f->registrar.nat_received = "198.51.100.7";
  f->registrar.nat_rport = 45678;
  do_register (f);
  g_assert_cmpuint (f->code, ==, 200);
  g_assert_cmpstr (gst_sip_account_get_contact (f->account), ==,
      "sip:alice@198.51.100.7:45678");
  /* the REGISTER with the public address also removed the private one */
  contacts =
      gst_sip_message_get_addresses (last_request (&f->registrar), "Contact");
  g_assert_cmpuint (g_list_length (contacts), ==, 2);
  g_assert_cmpstr (
      gst_sip_address_get_param (contacts->next->data, "expires"), ==, "0");
  g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);
  g_assert_cmpuint (g_hash_table_size (f->registrar.bindings), ==, 1);
}

static void
test_two_accounts (Fixture *f, gconstpointer data)
{
  GstSipAccount *bob;
  GError *error = NULL;
  gchar *registrar;
  guint n;

  gst_sip_digest_verifier_add_user (f->registrar.verifier, "bob", "bobpw");
  bob = gst_sip_account_new (f->ua, "sip:bob@" REALM, &error);
  g_assert_no_error (error);
  g_object_get (f->account, "registrar", &registrar, NULL);
  g_object_set (bob, "registrar", registrar, "password", "bobpw", NULL);
  g_free (registrar);

  f->registrar.no_auth = FALSE;
  do_register (f);
  g_assert_cmpuint (f->code, ==, 200);
  gst_sip_account_register_async (bob, NULL, NULL, NULL);
  while (gst_sip_account_get_state (bob) != GST_SIP_ACCOUNT_STATE_REGISTERED &&
      gst_sip_account_get_state (bob) != GST_SIP_ACCOUNT_STATE_FAILED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (
      gst_sip_account_get_state (bob), ==, GST_SIP_ACCOUNT_STATE_REGISTERED);
  /* two bindings, one per address of record */
  g_assert_cmpuint (g_hash_table_size (f->registrar.bindings), ==, 2);

  /* dropping a registered account removes its binding */
  n = f->registrar.n_register;
  g_object_unref (bob);
  while (f->registrar.n_register == n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (
      gst_sip_message_get_header (last_request (&f->registrar), "Expires"), ==,
      "0");
  gst_sip_test_run_for (100);
  g_assert_cmpuint (g_hash_table_size (f->registrar.bindings), ==, 1);
  g_assert_cmpint (state (f), ==, GST_SIP_ACCOUNT_STATE_REGISTERED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

#define ADD(path, data, func) \
  g_test_add (                \
      "/account/" path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("register/md5", "MD5", test_register);
  ADD ("register/sha-256", "SHA-256", test_register);
  ADD ("register/sha-512-256", "SHA-512-256", test_register);
  ADD ("refresh", NULL, test_refresh);
  ADD ("wrong-password", NULL, test_wrong_password);
  ADD ("stale", NULL, test_stale);
  ADD ("interval-too-brief", NULL, test_interval_too_brief);
  ADD ("service-unavailable", NULL, test_service_unavailable);
  ADD ("forbidden", NULL, test_forbidden);
  ADD ("no-answer", NULL, test_no_answer);
  ADD ("cancel", NULL, test_cancel);
  ADD ("ha1", NULL, test_ha1);
  ADD ("realm", NULL, test_realm);
  ADD ("any-realm", NULL, test_any_realm);
  ADD ("nat", NULL, test_nat);
  ADD ("two-accounts", NULL, test_two_accounts);
#undef ADD

  return g_test_run ();
}
