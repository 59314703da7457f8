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

/* Credentials never reach the logs.  The test runs this program again as
 * a child with every debug category at its highest level (GST_DEBUG=*:9)
 * and every GLib debug message on (G_MESSAGES_DEBUG=all); the child
 * registers against a registrar on loopback (a second user agent with a
 * GstSipDigestVerifier) with a challenge, a refresh and an unregister.  The
 * parent captures everything the child writes and looks for the password,
 * the H(A1) values derived from it and a configured H(A1), in any case. */

#include <string.h>

#include "test-utils.h"
#include "sip/sip-digest-private.h"

/* the argument that makes this program the child, followed by the mode */
#define CHILD_ARG "--log-test-child"

#define T1 20
#define WAIT_MS 10000
/* how long the parent lets a child run */
#define CHILD_TIMEOUT_MS 60000

#define USER "alice"
#define REALM "log.example.test"
/* given to the library as a password */
#define PASSWORD "Pa55-wOrd-XYZZY"
/* never given to the library: only its H(A1), in another realm */
#define HA1_REALM "ha1.example.test"
#define HA1_PASSWORD "Ha1-0nly-QUUX-Plugh"

/* ---------------------------------------------------------------------- */
/* the child: registrations with logging on */

typedef struct
{
  GstSipUserAgent *ua;
  GstSipDigestVerifier *verifier;
  guint port;
  guint n_challenged;
  guint n_authorized;
  guint n_removed;
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

  result = gst_sip_digest_verifier_verify (r->verifier, request, &user);
  if (result != GST_SIP_DIGEST_RESULT_OK) {
    r->n_challenged++;
    g_assert_true (gst_sip_digest_verifier_challenge (
        r->verifier, tx, result == GST_SIP_DIGEST_RESULT_STALE, NULL));
    return TRUE;
  }
  r->n_authorized++;
  g_assert_cmpstr (user, ==, USER);
  g_free (user);

  gst_sip_message_get_expires (request, &expires);
  response = gst_sip_server_transaction_create_response (tx, 200, NULL);
  if (expires == 0) {
    r->n_removed++;
  } else {
    /* a one-second binding: the account refreshes it at once */
    contacts = gst_sip_message_get_addresses (request, "Contact");
    for (l = contacts; l; l = l->next) {
      GstSipAddress *binding = gst_sip_address_copy (l->data);
      gchar *text;

      gst_sip_address_set_param (binding, "expires", "1");
      text = gst_sip_address_to_string (binding);
      gst_sip_message_append_header (response, "Contact", text);
      g_free (text);
      gst_sip_address_free (binding);
    }
    g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);
  }
  g_assert_true (gst_sip_server_transaction_respond (tx, response, NULL));
  gst_sip_message_unref (response);
  return TRUE;
}

static void
registrar_init (Registrar *r, const gchar *realm, const gchar *algorithm)
{
  const gchar *algorithms[] = { algorithm, NULL };
  GError *error = NULL;
  GstSipTransport *transport;

  memset (r, 0, sizeof (*r));
  r->ua = gst_sip_test_user_agent_new (T1);
  transport = gst_sip_user_agent_add_transport (
      r->ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  r->port = gst_sip_transport_get_port (transport);
  r->verifier = gst_sip_digest_verifier_new (realm);
  g_object_set (r->verifier, "algorithms", algorithms, NULL);
  gst_sip_user_agent_add_allowed_method (r->ua, "REGISTER");
  g_signal_connect (
      r->ua, "incoming-request::REGISTER", G_CALLBACK (on_register), r);
}

static void
registrar_clear (Registrar *r)
{
  g_object_unref (r->ua);
  g_object_unref (r->verifier);
}

/* the registrar's user database for the H(A1) run: H(A1) only */
static gboolean
lookup_ha1 (GstSipDigestVerifier *verifier, const gchar *username,
    const gchar *realm, const gchar *algorithm, gchar **password, gchar **ha1,
    gpointer user_data)
{
  if (g_strcmp0 (username, USER) != 0 ||
      g_ascii_strcasecmp (algorithm, "MD5") != 0)
    return FALSE;
  *ha1 = g_strdup (user_data);
  return TRUE;
}

static gboolean
on_authenticate (GstSipUserAgent *ua, GstSipAuth *auth, gboolean retrying,
    gpointer user_data)
{
  g_assert_false (retrying);
  gst_sip_auth_authenticate (auth, USER, PASSWORD);
  return TRUE;
}

typedef struct
{
  gboolean done;
  guint code;
  GError *error;
} Outcome;

static void
registered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Outcome *outcome = user_data;

  outcome->code = gst_sip_account_register_finish (
      GST_SIP_ACCOUNT (source), result, &outcome->error);
  outcome->done = TRUE;
}

static void
unregistered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Outcome *outcome = user_data;

  outcome->code = gst_sip_account_unregister_finish (
      GST_SIP_ACCOUNT (source), result, &outcome->error);
  outcome->done = TRUE;
}

static gboolean
is_done (gpointer user_data)
{
  return ((Outcome *) user_data)->done;
}

typedef struct
{
  Registrar *registrar;
  guint n_authorized;
} Refresh;

static gboolean
refreshed (gpointer user_data)
{
  Refresh *refresh = user_data;

  return refresh->registrar->n_authorized > refresh->n_authorized;
}

typedef enum
{
  CREDENTIALS_PROPERTY,
  CREDENTIALS_SETTER,
  CREDENTIALS_SIGNAL,
  CREDENTIALS_HA1,
} Credentials;

/* one registration with a challenge, a refresh and an unregister */
static void
run_registration (const gchar *algorithm, Credentials credentials)
{
  const gchar *realm = credentials == CREDENTIALS_HA1 ? HA1_REALM : REALM;
  Registrar registrar;
  GstSipUserAgent *ua;
  GstSipAccount *account;
  Outcome outcome = { FALSE, 0, NULL };
  Refresh refresh;
  GError *error = NULL;
  gchar *uri, *ha1 = NULL;

  registrar_init (&registrar, realm, algorithm);
  ua = gst_sip_test_user_agent_new (T1);
  gst_sip_user_agent_add_transport (
      ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  g_assert_no_error (error);

  account = gst_sip_account_new (ua, "sip:" USER "@" REALM, &error);
  g_assert_no_error (error);
  uri = g_strdup_printf ("sip:127.0.0.1:%u", registrar.port);
  g_object_set (account, "registrar", uri, NULL);
  g_free (uri);

  switch (credentials) {
    case CREDENTIALS_PROPERTY:
      gst_sip_digest_verifier_add_user (registrar.verifier, USER, PASSWORD);
      g_object_set (account, "password", PASSWORD, NULL);
      break;
    case CREDENTIALS_SETTER:
      gst_sip_digest_verifier_add_user (registrar.verifier, USER, PASSWORD);
      gst_sip_account_set_password (account, PASSWORD);
      break;
    case CREDENTIALS_SIGNAL:
      gst_sip_digest_verifier_add_user (registrar.verifier, USER, PASSWORD);
      g_signal_connect (ua, "authenticate", G_CALLBACK (on_authenticate), NULL);
      break;
    case CREDENTIALS_HA1: {
      gchar *upper;

      ha1 = g_compute_checksum_for_string (
          G_CHECKSUM_MD5, USER ":" HA1_REALM ":" HA1_PASSWORD, -1);
      gst_sip_digest_verifier_set_lookup_func (
          registrar.verifier, lookup_ha1, g_strdup (ha1), g_free);
      /* as carriers hand it out, in upper case */
      upper = g_ascii_strup (ha1, -1);
      g_object_set (account, "ha1", upper, "realm", HA1_REALM, NULL);
      g_free (upper);
      break;
    }
  }

  gst_sip_account_register_async (account, NULL, registered_cb, &outcome);
  g_assert_true (gst_sip_test_wait (is_done, &outcome, WAIT_MS));
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.code, ==, 200);
  g_assert_cmpuint (registrar.n_challenged, ==, 1);

  /* the binding lasts one second: a refresh comes before it ends */
  refresh.registrar = &registrar;
  refresh.n_authorized = registrar.n_authorized;
  g_assert_true (gst_sip_test_wait (refreshed, &refresh, WAIT_MS));
  g_assert_cmpint (gst_sip_account_get_state (account), ==,
      GST_SIP_ACCOUNT_STATE_REGISTERED);

  outcome.done = FALSE;
  gst_sip_account_unregister_async (account, NULL, unregistered_cb, &outcome);
  g_assert_true (gst_sip_test_wait (is_done, &outcome, WAIT_MS));
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.code, ==, 200);
  g_assert_cmpuint (registrar.n_removed, ==, 1);
  /* the nonce stayed good: one challenge in all */
  g_assert_cmpuint (registrar.n_challenged, ==, 1);

  g_object_unref (account);
  /* let the transactions end */
  gst_sip_test_run_for (64 * T1 + 100);
  g_object_unref (ua);
  registrar_clear (&registrar);
  g_free (ha1);
}

static int
child_main (const gchar *mode)
{
  gst_init (NULL, NULL);
  GST_INFO ("log test child: %s", mode);

  if (g_str_equal (mode, "password")) {
    run_registration ("MD5", CREDENTIALS_PROPERTY);
    run_registration ("SHA-256", CREDENTIALS_SETTER);
    run_registration ("SHA-512-256", CREDENTIALS_SIGNAL);
  } else if (g_str_equal (mode, "ha1")) {
    run_registration ("MD5", CREDENTIALS_HA1);
  } else {
    g_printerr ("unknown mode %s\n", mode);
    return 2;
  }
  g_print ("log test child: %s done\n", mode);
  return 0;
}

/* ---------------------------------------------------------------------- */
/* the parent */

static gchar *self_path;

typedef struct
{
  gboolean done;
  GBytes *output;
  GError *error;
} Captured;

static void
communicated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Captured *captured = user_data;

  g_subprocess_communicate_finish (
      G_SUBPROCESS (source), result, &captured->output, NULL, &captured->error);
  captured->done = TRUE;
}

static gboolean
captured_done (gpointer user_data)
{
  return ((Captured *) user_data)->done;
}

static guint
count (const gchar *haystack, const gchar *needle)
{
  const gchar *p = haystack;
  guint n = 0;

  while ((p = strstr (p, needle)) != NULL) {
    n++;
    p += strlen (needle);
  }
  return n;
}

/* runs the child in @mode with all logging on; returns everything it wrote
 * to stdout and stderr, lower case, or %NULL when it failed */
static gchar *
run_child (const gchar *mode)
{
  GSubprocessLauncher *launcher;
  GSubprocess *child;
  Captured captured = { FALSE, NULL, NULL };
  GError *error = NULL;
  gsize size, i;
  const gchar *data;
  gchar *text, *done;

  launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "GST_DEBUG", "*:9", TRUE);
  g_subprocess_launcher_setenv (launcher, "GST_DEBUG_NO_COLOR", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "GST_DEBUG_FILE");
  child = g_subprocess_launcher_spawn (
      launcher, &error, self_path, CHILD_ARG, mode, NULL);
  g_assert_no_error (error);
  g_object_unref (launcher);

  g_subprocess_communicate_async (
      child, NULL, NULL, communicated_cb, &captured);
  if (!gst_sip_test_wait (captured_done, &captured, CHILD_TIMEOUT_MS)) {
    g_subprocess_force_exit (child);
    g_assert_true (gst_sip_test_wait (captured_done, &captured, WAIT_MS));
    g_test_fail_printf (
        "the %s child did not finish within %u ms", mode, CHILD_TIMEOUT_MS);
    goto failed;
  }
  g_assert_no_error (captured.error);
  g_assert_true (g_subprocess_wait (child, NULL, NULL));
  if (!g_subprocess_get_successful (child)) {
    data = g_bytes_get_data (captured.output, &size);
    /* the end of its output says why */
    g_test_message (
        "%.*s", (gint) MIN (size, 4000), data + size - MIN (size, 4000));
    if (g_subprocess_get_if_signaled (child))
      g_test_fail_printf ("the %s child was killed by signal %d", mode,
          g_subprocess_get_term_sig (child));
    else
      g_test_fail_printf ("the %s child failed (exit status %d)", mode,
          g_subprocess_get_exit_status (child));
    goto failed;
  }
  g_object_unref (child);

  data = g_bytes_get_data (captured.output, &size);
  g_test_message ("the %s child wrote %" G_GSIZE_FORMAT " bytes", mode, size);
  /* logging was on: a lot was written, with the messages on the wire */
  g_assert_cmpuint (size, >, 16 * 1024);
  /* as a string: a NUL byte must not hide what follows it */
  text = g_malloc (size + 1);
  for (i = 0; i < size; i++)
    text[i] = data[i] ? data[i] : '.';
  text[size] = '\0';
  g_bytes_unref (captured.output);
  /* four requests and their responses, each sent and received */
  g_assert_cmpuint (count (text, " sipwire "), >=, 16);
  g_assert_nonnull (strstr (text, "REGISTER sip:127.0.0.1:"));
  g_assert_nonnull (strstr (text, "401 Unauthorized"));
  g_assert_nonnull (strstr (text, "Expires: 0"));
  /* the credentials went out, masked */
  g_assert_nonnull (
      strstr (text, "Authorization: Digest username=\"" USER "\", <masked>"));
  done = g_strdup_printf ("log test child: %s done", mode);
  g_assert_nonnull (strstr (text, done));
  g_free (done);

  {
    gchar *lower = g_ascii_strdown (text, -1);

    g_free (text);
    return lower;
  }

  /* ERRORS */
failed:
  g_clear_pointer (&captured.output, g_bytes_unref);
  g_clear_error (&captured.error);
  g_object_unref (child);
  return NULL;
}

/* fails if @log (lower case) contains @secret in any case */
static void
assert_absent (const gchar *log, const gchar *what, const gchar *secret)
{
  gchar *needle = g_ascii_strdown (secret, -1);

  /* never print the secret itself */
  if (strstr (log, needle) != NULL)
    g_test_fail_printf ("the log contains %s", what);
  g_free (needle);
}

static void
assert_no_ha1 (const gchar *log, const gchar *realm, const gchar *password)
{
  static const GstSipDigestAlgorithm algorithms[] = {
    GST_SIP_DIGEST_ALGORITHM_MD5, GST_SIP_DIGEST_ALGORITHM_SHA256,
    GST_SIP_DIGEST_ALGORITHM_SHA512_256
  };
  gchar *input = g_strconcat (USER ":", realm, ":", password, NULL);
  gchar *ha1;
  guint i;

  /* GChecksum, independently of the library */
  ha1 = g_compute_checksum_for_string (G_CHECKSUM_MD5, input, -1);
  assert_absent (log, "the MD5 H(A1)", ha1);
  g_free (ha1);
  ha1 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, input, -1);
  assert_absent (log, "the SHA-256 H(A1)", ha1);
  g_free (ha1);

  /* and as the library computes them, SHA-512-256 too */
  for (i = 0; i < G_N_ELEMENTS (algorithms); i++) {
    gchar *what = g_strdup_printf (
        "the %s H(A1)", _gst_sip_digest_algorithm_to_string (algorithms[i]));

    ha1 = _gst_sip_digest_compute_ha1 (algorithms[i], USER, realm, password);
    assert_absent (log, what, ha1);
    g_free (ha1);
    g_free (what);
  }
  g_free (input);
}

static void
test_password (void)
{
  gchar *log = run_child ("password");

  if (!log)
    return;
  assert_absent (log, "the password", PASSWORD);
  assert_no_ha1 (log, REALM, PASSWORD);
  g_free (log);
}

static void
test_ha1 (void)
{
  gchar *log = run_child ("ha1");

  if (!log)
    return;
  assert_absent (log, "the password behind the H(A1)", HA1_PASSWORD);
  assert_no_ha1 (log, HA1_REALM, HA1_PASSWORD);
  /* and the other secrets are not there either */
  assert_absent (log, "the password", PASSWORD);
  g_free (log);
}

int
main (int argc, char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], CHILD_ARG))
    return child_main (argv[2]);

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_canonicalize_filename (argv[0], NULL);

  g_test_add_func ("/log/password", test_password);
  g_test_add_func ("/log/ha1", test_ha1);

  {
    int ret = g_test_run ();

    g_free (self_path);
    return ret;
  }
}
