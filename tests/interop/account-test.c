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

/* Interoperability of GstSipAccount, the registration client, with
 * independent registrars on loopback:
 *
 * - kamailio (tests/common/kamailio.h) as registrar and proxy with digest
 *   authentication, MD5 or SHA-256 with qop=auth, over UDP and TCP: the
 *   binding is checked by a MESSAGE that sipp sends to the address of
 *   record through kamailio (scenarios/message-aor-uac.xml), which must
 *   reach the user agent;
 * - sipp playing the registrar (scenarios/registrar-*.xml, see
 *   scenarios/README.md): challenges of several kinds, 423, 503 with
 *   Retry-After, no answer at all, and a short registration to refresh.
 *
 * Each test is skipped when sipp or kamailio is not installed. */

#include <string.h>

#include <sip/sip.h>

#include "kamailio.h"
#include "peer.h"
#include "test-utils.h"

/* Upper bound for one sipp run on loopback, generous for loaded CI hosts;
 * sipp's own -timeout is shorter so that it exits first. */
#define SIPP_EXIT_TIMEOUT_MS 30000
#define SIPP_TIMEOUT "20s"
#define SIPP_RECV_TIMEOUT "5000"
#define LISTEN_TIMEOUT_MS 10000
#define LOG_TIMEOUT_MS 5000
/* Upper bound for a registration or unregistration on loopback */
#define WAIT_MS 10000

/* T1 for the test of a registrar that never answers: Timer F fires after
 * 64*T1, 1.28 s */
#define SHORT_T1 20
/* how long registrar-silent.xml waits for retransmissions, longer than
 * 64*SHORT_T1 */
#define SILENT_MS "3000"

#define ADDRESS "127.0.0.1"
/* kamailio's domain and realm */
#define DOMAIN "example.test"
/* The password of bob contains a colon, which db_text needs escaped. */
#define ALICE_PASSWORD "alice-secret"
#define BOB_PASSWORD "bob:secret"

/* the realm of the registrar-*.xml scenarios, and the password their
 * `password` key gives for alice */
#define SIPP_REALM "registrar.test"
#define SIPP_PASSWORD "secret"

/* Names of sipp's -trace_err, -trace_msg and -trace_logs files in its
 * working directory. */
#define SIPP_ERROR_FILE GST_SIP_TEST_SIPP_ERROR_FILE
#define SIPP_MESSAGE_FILE GST_SIP_TEST_SIPP_MESSAGE_FILE
#define SIPP_LOG_FILE "logs.log"

typedef struct
{
  GstSipTransportProtocol protocol;
  /* kamailio's digest algorithm */
  const gchar *algorithm;
} Params;

/* One account and what happened to it. */
typedef struct
{
  GstSipAccount *account;
  /* the last register_async() or unregister_async() */
  gboolean done;
  guint code;
  GError *error;
  /* every state it went through, for the failure report */
  GString *states;
  /* how often it left GST_SIP_ACCOUNT_STATE_REGISTERED */
  GstSipAccountState last;
  guint n_left_registered;
} Registration;

typedef struct
{
  GstSipUserAgent *ua;
  GstSipTransport *transport;
  GstSipTestKamailio *kamailio;
  /* the sipp that runs now, for the failure report */
  GstSipTestPeer *sipp;
  gchar *sipp_scenario;
  Registration alice;
  Registration bob;
  GPtrArray *messages; /* GstSipMessage, from incoming-message */
} Fixture;

static const gchar *const users[] = { "alice:" ALICE_PASSWORD,
  "bob:" BOB_PASSWORD, NULL };

static gchar *sipp;

static gboolean
params_tcp (const Params *p)
{
  return p->protocol == GST_SIP_TRANSPORT_PROTOCOL_TCP;
}

static const gchar *
state_name (GstSipAccountState state)
{
  GEnumClass *klass = g_type_class_ref (GST_TYPE_SIP_ACCOUNT_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);
  const gchar *name = value ? value->value_nick : "?";

  g_type_class_unref (klass);
  return name;
}


static void
append_registration (GString *report, const gchar *name, Registration *r)
{
  if (r->account == NULL)
    return;
  g_string_append_printf (report,
      "--- account %s ---\nstate %s, status %u (%s), expires %u, contact %s\n"
      "states: %s\n",
      name, state_name (gst_sip_account_get_state (r->account)),
      gst_sip_account_get_status_code (r->account),
      gst_sip_account_get_reason (r->account)
          ? gst_sip_account_get_reason (r->account)
          : "",
      gst_sip_account_get_expires (r->account),
      gst_sip_account_get_contact (r->account)
          ? gst_sip_account_get_contact (r->account)
          : "(none)",
      r->states->str);
  if (r->error != NULL)
    g_string_append_printf (report, "last error: %s\n", r->error->message);
}

/* Fails the test with @problem, what the accounts went through, and the
 * logs of the peers: sipp's output and traces, kamailio's log. */
static void
fail_with_logs (Fixture *f, const gchar *file, gint line, const gchar *func,
    const gchar *problem)
{
  GString *report = g_string_new (problem);
  gchar **lines;
  gchar *text;

  g_string_append_c (report, '\n');
  append_registration (report, "alice", &f->alice);
  append_registration (report, "bob", &f->bob);
  if (f->sipp != NULL) {
    gchar *errors = gst_sip_test_peer_read_file (f->sipp, SIPP_ERROR_FILE);
    gchar *messages = gst_sip_test_peer_read_file (f->sipp, SIPP_MESSAGE_FILE);
    gchar *logs = gst_sip_test_peer_read_file (f->sipp, SIPP_LOG_FILE);

    g_string_append_printf (report,
        "--- sipp %s (pid %d, in %s) output ---\n%s\n"
        "--- sipp errors ---\n%s\n"
        "--- sipp messages ---\n%s\n"
        "--- sipp logs ---\n%s\n",
        f->sipp_scenario, (gint) gst_sip_test_peer_get_pid (f->sipp),
        gst_sip_test_peer_get_workdir (f->sipp),
        gst_sip_test_peer_get_log (f->sipp), errors, messages, logs);
    g_free (logs);
    g_free (messages);
    g_free (errors);
  }
  if (f->kamailio != NULL)
    g_string_append_printf (report, "--- kamailio log ---\n%s",
        gst_sip_test_kamailio_get_log (f->kamailio));

  /* the assertion message goes to a TAP "Bail out!" line: make the lines
   * after the first TAP comments */
  lines = g_strsplit (report->str, "\n", -1);
  text = g_strjoinv ("\n# ", lines);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, text);
  g_free (text);
  g_strfreev (lines);
  g_string_free (report, TRUE);
}

/* g_assert_*() with the logs of the peers */
#define CHECK(f, expr)                                                   \
  G_STMT_START                                                           \
  {                                                                      \
    if (!(expr))                                                         \
      fail_with_logs (                                                   \
          f, __FILE__, __LINE__, G_STRFUNC, "assertion failed: " #expr); \
  }                                                                      \
  G_STMT_END

#define CHECK_CMPUINT(f, a, op, b)                                             \
  G_STMT_START                                                                 \
  {                                                                            \
    guint64 check_a = (a), check_b = (b);                                      \
    if (!(check_a op check_b)) {                                               \
      gchar *check_s = g_strdup_printf ("assertion failed: " #a " " #op " " #b \
                                        " (%" G_GUINT64_FORMAT " " #op         \
                                        " %" G_GUINT64_FORMAT ")",             \
          check_a, check_b);                                                   \
      fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, check_s);              \
      g_free (check_s);                                                        \
    }                                                                          \
  }                                                                            \
  G_STMT_END

#define CHECK_STATE(f, r, expected)                                            \
  G_STMT_START                                                                 \
  {                                                                            \
    GstSipAccountState check_state = gst_sip_account_get_state ((r)->account); \
    if (check_state != (expected)) {                                           \
      gchar *check_s =                                                         \
          g_strdup_printf ("assertion failed: state %s, expected %s",          \
              state_name (check_state), state_name (expected));                \
      fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, check_s);              \
      g_free (check_s);                                                        \
    }                                                                          \
  }                                                                            \
  G_STMT_END

#define CHECK_NO_ERROR(f, r)                            \
  G_STMT_START                                          \
  {                                                     \
    if ((r)->error != NULL)                             \
      fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, \
          "assertion failed: no error in " #r);         \
  }                                                     \
  G_STMT_END

#define CHECK_ERROR(f, r, code)                               \
  G_STMT_START                                                \
  {                                                           \
    if (!g_error_matches ((r)->error, GST_SIP_ERROR, (code))) \
      fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC,       \
          "assertion failed: " #r " failed with " #code);     \
  }                                                           \
  G_STMT_END

/* Accounts */

static void
on_state (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  Registration *r = user_data;
  GstSipAccountState state = gst_sip_account_get_state (r->account);

  g_string_append_printf (r->states, " %s", state_name (state));
  if (r->last == GST_SIP_ACCOUNT_STATE_REGISTERED &&
      state != GST_SIP_ACCOUNT_STATE_REGISTERED)
    r->n_left_registered++;
  r->last = state;
}

static void
registration_init (Registration *r)
{
  memset (r, 0, sizeof (*r));
  r->states = g_string_new ("");
}

static void
registration_clear (Registration *r)
{
  g_clear_object (&r->account);
  g_clear_error (&r->error);
  g_string_free (r->states, TRUE);
}

/* A new account for @aor on the fixture's user agent, with the transport
 * of @p; its state changes go to @r. */
static void
new_account (Fixture *f, Registration *r, const Params *p, const gchar *aor)
{
  GError *error = NULL;

  r->account = gst_sip_account_new (f->ua, aor, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r->account);
  g_object_set (r->account, "transport", p->protocol, NULL);
  r->last = gst_sip_account_get_state (r->account);
  g_string_append (r->states, state_name (r->last));
  g_signal_connect (r->account, "notify::state", G_CALLBACK (on_state), r);
}

static void
registered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Registration *r = user_data;

  r->code = gst_sip_account_register_finish (
      GST_SIP_ACCOUNT (source), result, &r->error);
  r->done = TRUE;
}

static void
unregistered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Registration *r = user_data;

  r->code = gst_sip_account_unregister_finish (
      GST_SIP_ACCOUNT (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
registration_done (gpointer user_data)
{
  return ((Registration *) user_data)->done;
}

static void
start_register (Registration *r)
{
  r->done = FALSE;
  r->code = 0;
  g_clear_error (&r->error);
  gst_sip_account_register_async (r->account, NULL, registered_cb, r);
}

static void
start_unregister (Registration *r)
{
  r->done = FALSE;
  r->code = 0;
  g_clear_error (&r->error);
  gst_sip_account_unregister_async (r->account, NULL, unregistered_cb, r);
}

/* Registers @r and waits for the outcome, iterating the main context. */
static void
do_register (Fixture *f, Registration *r)
{
  start_register (r);
  CHECK (f, gst_sip_test_wait (registration_done, r, WAIT_MS));
}

static void
do_unregister (Fixture *f, Registration *r)
{
  start_unregister (r);
  CHECK (f, gst_sip_test_wait (registration_done, r, WAIT_MS));
}

/* Registered with a 2xx: state, expiration and contact. */
static void
check_registered (Fixture *f, Registration *r, guint expires)
{
  CHECK_NO_ERROR (f, r);
  CHECK_CMPUINT (f, r->code, ==, 200);
  CHECK_STATE (f, r, GST_SIP_ACCOUNT_STATE_REGISTERED);
  CHECK_CMPUINT (f, gst_sip_account_get_status_code (r->account), ==, 200);
  if (expires != 0)
    CHECK_CMPUINT (f, gst_sip_account_get_expires (r->account), ==, expires);
  else
    CHECK_CMPUINT (f, gst_sip_account_get_expires (r->account), >, 0);
  CHECK (f, gst_sip_account_get_contact (r->account) != NULL);
}

/* The Contact the account registers: its user at the transport's address,
 * as it was sent, with the transport parameter for TCP. */
static void
check_contact (Fixture *f, Registration *r, const Params *p, const gchar *user)
{
  gchar *expected;

  expected = g_strdup_printf ("sip:%s@%s:%u%s", user, ADDRESS,
      gst_sip_transport_get_port (f->transport),
      params_tcp (p) ? ";transport=tcp" : "");
  if (g_strcmp0 (gst_sip_account_get_contact (r->account), expected) != 0) {
    gchar *problem = g_strdup_printf ("contact %s, expected %s",
        gst_sip_account_get_contact (r->account), expected);

    fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, problem);
    g_free (problem);
  }
  g_free (expected);
}

static void
check_unregistered (Fixture *f, Registration *r)
{
  CHECK_NO_ERROR (f, r);
  CHECK_CMPUINT (f, r->code, ==, 200);
  CHECK_STATE (f, r, GST_SIP_ACCOUNT_STATE_UNREGISTERED);
  CHECK_CMPUINT (f, gst_sip_account_get_expires (r->account), ==, 0);
  CHECK (f, gst_sip_account_get_contact (r->account) == NULL);
}

/* Fixture */

static void
on_incoming_message (
    GstSipUserAgent *ua, GstSipMessage *request, gpointer user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->messages, gst_sip_message_ref (request));
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  memset (f, 0, sizeof (*f));
  registration_init (&f->alice);
  registration_init (&f->bob);
  f->messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
}

/* The user agent under test, on the thread-default context (which the
 * waits of the peers iterate), with one transport of @p's protocol. */
static void
start_user_agent (Fixture *f, const Params *p, guint t1)
{
  GError *error = NULL;

  f->ua = t1 ? g_object_new (GST_TYPE_SIP_USER_AGENT, "t1", t1, NULL)
             : gst_sip_user_agent_new ();
  g_signal_connect (
      f->ua, "incoming-message", G_CALLBACK (on_incoming_message), f);
  f->transport =
      gst_sip_user_agent_add_transport (f->ua, p->protocol, ADDRESS, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->transport);
  g_assert_cmpuint (gst_sip_transport_get_port (f->transport), >, 0);
}

static void
free_sipp (Fixture *f)
{
  g_clear_pointer (&f->sipp, gst_sip_test_peer_free);
  g_clear_pointer (&f->sipp_scenario, g_free);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  /* registered accounts remove their bindings as they go */
  registration_clear (&f->alice);
  registration_clear (&f->bob);
  g_clear_object (&f->ua);
  free_sipp (f);
  g_clear_pointer (&f->kamailio, gst_sip_test_kamailio_free);
  g_ptr_array_unref (f->messages);
}

/* sipp */

static guint16
reserve_port (void)
{
  guint16 port;

  /* sipp binds both kinds of socket in TCP mode */
  port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_INVALID, G_SOCKET_TYPE_INVALID, ADDRESS);
  g_assert_cmpuint (port, !=, 0);

  return port;
}

/* Starts sipp with @scenario from scenarios/ and the options every run
 * shares (see scenarios/README.md), then @extra, then @remote for a UAC
 * (%NULL for a UAS).  It becomes the fixture's current sipp. */
static void
spawn_sipp (Fixture *f, GstSipTransportProtocol protocol, const gchar *scenario,
    guint16 port, const gchar *const *extra, const gchar *remote)
{
  GPtrArray *argv;
  GError *error = NULL;
  gchar *path, *port_str;
  guint i;

  free_sipp (f);

  path = g_test_build_filename (G_TEST_DIST, "scenarios", scenario, NULL);
  port_str = g_strdup_printf ("%u", port);

  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, sipp);
  g_ptr_array_add (argv, (gpointer) "-sf");
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, (gpointer) "-t");
  g_ptr_array_add (argv,
      (gpointer) (protocol == GST_SIP_TRANSPORT_PROTOCOL_TCP ? "t1" : "u1"));
  g_ptr_array_add (argv, (gpointer) "-i");
  g_ptr_array_add (argv, (gpointer) ADDRESS);
  g_ptr_array_add (argv, (gpointer) "-p");
  g_ptr_array_add (argv, port_str);
  /* the remote control socket (UDP 8888 and up) stays on loopback */
  g_ptr_array_add (argv, (gpointer) "-ci");
  g_ptr_array_add (argv, (gpointer) ADDRESS);
  g_ptr_array_add (argv, (gpointer) "-m");
  g_ptr_array_add (argv, (gpointer) "1");
  g_ptr_array_add (argv, (gpointer) "-nostdin");
  g_ptr_array_add (argv, (gpointer) "-timeout");
  g_ptr_array_add (argv, (gpointer) SIPP_TIMEOUT);
  g_ptr_array_add (argv, (gpointer) "-timeout_error");
  g_ptr_array_add (argv, (gpointer) "-trace_err");
  g_ptr_array_add (argv, (gpointer) "-error_file");
  g_ptr_array_add (argv, (gpointer) SIPP_ERROR_FILE);
  g_ptr_array_add (argv, (gpointer) "-trace_msg");
  g_ptr_array_add (argv, (gpointer) "-message_file");
  g_ptr_array_add (argv, (gpointer) SIPP_MESSAGE_FILE);
  if (remote != NULL) {
    g_ptr_array_add (argv, (gpointer) "-default_behaviors");
    g_ptr_array_add (argv, (gpointer) "all,-bye");
  }
  for (i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  if (remote != NULL)
    g_ptr_array_add (argv, (gpointer) remote);
  g_ptr_array_add (argv, NULL);

  f->sipp = gst_sip_test_peer_spawn (
      (const gchar *const *) argv->pdata, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->sipp);
  f->sipp_scenario = g_strdup (scenario);
  g_test_message ("started sipp %s as pid %d", scenario,
      (gint) gst_sip_test_peer_get_pid (f->sipp));

  g_ptr_array_unref (argv);
  g_free (port_str);
  g_free (path);
}

/* Waits for the current sipp to exit with @expected (iterating the main
 * context meanwhile), failing with all logs otherwise.  With
 * @expected_text, sipp's message trace or error log must contain it too. */
static void
assert_sipp_exits (Fixture *f, gint expected, const gchar *expected_text)
{
  gint status = G_MININT;
  gboolean exited;
  gchar *problem = NULL;

  exited = gst_sip_test_peer_wait_exit (f->sipp, SIPP_EXIT_TIMEOUT_MS, &status);
  if (!exited) {
    problem = g_strdup_printf ("still ran after %u ms", SIPP_EXIT_TIMEOUT_MS);
  } else if (status != expected) {
    problem = g_strdup_printf (
        "exited with status %d instead of %d", status, expected);
  } else if (expected_text != NULL) {
    gchar *errors = gst_sip_test_peer_read_file (f->sipp, SIPP_ERROR_FILE);
    gchar *messages = gst_sip_test_peer_read_file (f->sipp, SIPP_MESSAGE_FILE);

    if (strstr (errors, expected_text) == NULL &&
        strstr (messages, expected_text) == NULL)
      problem = g_strdup_printf ("received no \"%s\"", expected_text);
    g_free (messages);
    g_free (errors);
  }

  if (problem != NULL) {
    gchar *full = g_strdup_printf ("sipp %s %s", f->sipp_scenario, problem);

    fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, full);
    g_free (full);
  }
  g_free (problem);
}

/* Starts a registrar-*.xml scenario on a new port and waits for it to
 * listen; returns the registrar URI for the account. */
static gchar *
start_sipp_registrar (Fixture *f, const Params *p, const gchar *scenario,
    const gchar *const *extra)
{
  guint16 port = reserve_port ();
  gboolean listening;

  spawn_sipp (f, p->protocol, scenario, port, extra, NULL);
  if (params_tcp (p))
    listening = gst_sip_test_peer_wait_tcp_port (
        f->sipp, ADDRESS, port, LISTEN_TIMEOUT_MS);
  else
    listening = gst_sip_test_peer_wait_udp_port (
        f->sipp, ADDRESS, port, LISTEN_TIMEOUT_MS);
  if (!listening)
    assert_sipp_exits (f, 0, NULL);
  CHECK (f, listening);

  return g_strdup_printf ("sip:%s:%u", ADDRESS, port);
}

/* Whether the test can run with sipp as the registrar; the user agent and
 * alice's account (sip:alice@registrar.test) are set up then. */
static gboolean
setup_sipp_registrar (Fixture *f, const Params *p, guint t1)
{
  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return FALSE;
  }
  start_user_agent (f, p, t1);
  new_account (f, &f->alice, p, "sip:alice@" SIPP_REALM);
  return TRUE;
}

/* The value of the header line @name ("Authorization") that a scenario
 * logged to its -trace_logs file. */
static gchar *
logged_header (Fixture *f, const gchar *name)
{
  gchar *logs = gst_sip_test_peer_read_file (f->sipp, SIPP_LOG_FILE);
  gchar **lines = g_strsplit (logs, "\n", -1);
  gchar *prefix = g_strdup_printf ("%s: ", name);
  gchar *value = NULL;
  guint i;

  for (i = 0; lines[i] != NULL && value == NULL; i++) {
    if (g_str_has_prefix (lines[i], prefix))
      value = g_strdup (g_strstrip (lines[i] + strlen (prefix)));
  }
  g_free (prefix);
  g_strfreev (lines);
  g_free (logs);

  CHECK (f, value != NULL);
  return value;
}

static gchar *hash_printf (GChecksumType type, const gchar *format, ...)
    G_GNUC_PRINTF (2, 3);

static gchar *
hash_printf (GChecksumType type, const gchar *format, ...)
{
  va_list args;
  gchar *text, *hash;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  hash = g_compute_checksum_for_string (type, text, -1);
  g_free (text);

  return hash;
}

/* Recomputes the digest response of the credentials @value (RFC 2617 and
 * RFC 8760, with GChecksum rather than gst-sip's own digest code) for
 * alice's password and a REGISTER, and compares. */
static void
verify_credentials (Fixture *f, const gchar *value, GChecksumType type)
{
  GstSipAuthHeader *header;
  GError *error = NULL;
  const gchar *nonce, *uri, *qop, *response;
  gchar *ha1, *ha2, *expected;

  header = gst_sip_auth_header_new_from_string (value, &error);
  g_assert_no_error (error);
  CHECK (f,
      g_ascii_strcasecmp (gst_sip_auth_header_get_scheme (header), "Digest") ==
          0);
  CHECK (f,
      g_strcmp0 (gst_sip_auth_header_get_param (header, "username"), "alice") ==
          0);
  CHECK (f,
      g_strcmp0 (gst_sip_auth_header_get_param (header, "realm"), SIPP_REALM) ==
          0);
  nonce = gst_sip_auth_header_get_param (header, "nonce");
  uri = gst_sip_auth_header_get_param (header, "uri");
  qop = gst_sip_auth_header_get_param (header, "qop");
  response = gst_sip_auth_header_get_param (header, "response");
  CHECK (f, nonce != NULL && uri != NULL && response != NULL);

  ha1 = hash_printf (type, "alice:" SIPP_REALM ":" SIPP_PASSWORD);
  ha2 = hash_printf (type, "REGISTER:%s", uri);
  if (qop != NULL) {
    const gchar *nc = gst_sip_auth_header_get_param (header, "nc");
    const gchar *cnonce = gst_sip_auth_header_get_param (header, "cnonce");

    CHECK (f, nc != NULL && cnonce != NULL);
    expected = hash_printf (
        type, "%s:%s:%s:%s:%s:%s", ha1, nonce, nc, cnonce, qop, ha2);
  } else {
    expected = hash_printf (type, "%s:%s:%s", ha1, nonce, ha2);
  }
  if (g_strcmp0 (response, expected) != 0) {
    gchar *problem =
        g_strdup_printf ("digest response %s, expected %s", response, expected);

    fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, problem);
    g_free (problem);
  }

  g_free (expected);
  g_free (ha2);
  g_free (ha1);
  gst_sip_auth_header_free (header);
}

/* kamailio */

/* Whether the test can run with kamailio; starts kamailio as registrar
 * and proxy with @p's digest algorithm (and qop=auth) and the user agent
 * then. */
static gboolean
setup_kamailio (Fixture *f, const Params *p)
{
  GstSipTestKamailioConfig config = { 0 };
  GError *error = NULL;

  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return FALSE;
  }

  config.address = ADDRESS;
  config.domain = DOMAIN;
  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  config.algorithm = p->algorithm;
  config.qop = "auth";
  /* so that the account can register for 2 s */
  config.min_expires = 1;
  f->kamailio = gst_sip_test_kamailio_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_clear_error (&error);
    return FALSE;
  }
  g_assert_no_error (error);
  g_assert_nonnull (f->kamailio);

  start_user_agent (f, p, 0);
  return TRUE;
}

/* An account of kamailio's domain, registering at kamailio directly. */
static void
new_kamailio_account (Fixture *f, Registration *r, const Params *p,
    const gchar *user, const gchar *password)
{
  gchar *aor = g_strdup_printf ("sip:%s@" DOMAIN, user);
  gchar *registrar = gst_sip_test_kamailio_dup_uri (f->kamailio, NULL);

  new_account (f, r, p, aor);
  g_object_set (r->account, "registrar", registrar, NULL);
  if (password != NULL)
    g_object_set (r->account, "password", password, NULL);
  g_free (registrar);
  g_free (aor);
}

static guint
count_occurrences (const gchar *haystack, const gchar *needle)
{
  guint n = 0;
  const gchar *p = haystack;

  while ((p = strstr (p, needle)) != NULL) {
    n++;
    p += strlen (needle);
  }
  return n;
}

static guint
count_log (Fixture *f, const gchar *text)
{
  return count_occurrences (gst_sip_test_kamailio_get_log (f->kamailio), text);
}

typedef struct
{
  Fixture *f;
  const gchar *text;
  guint count;
} LogCount;

static gboolean
log_has_count (gpointer user_data)
{
  LogCount *c = user_data;

  return count_log (c->f, c->text) >= c->count;
}

static gboolean
poll_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Waits until kamailio logged @text @count times.  Nothing in the main
 * context tells when kamailio writes its log: a timeout wakes the wait up
 * to read it every 20 ms. */
static void
wait_log_count (Fixture *f, const gchar *text, guint count, guint timeout_ms)
{
  LogCount c = { f, text, count };
  GSource *tick = g_timeout_source_new (20);
  gboolean found;

  g_source_set_callback (tick, poll_tick, NULL, NULL);
  g_source_attach (tick, g_main_context_get_thread_default ());
  found = gst_sip_test_wait (log_has_count, &c, timeout_ms);
  g_source_destroy (tick);
  g_source_unref (tick);
  if (!found) {
    gchar *problem = g_strdup_printf (
        "kamailio logged \"%s\" %u times within %u ms, expected %u", text,
        count_log (f, text), timeout_ms, count);

    fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, problem);
    g_free (problem);
  }
}

static void
assert_log_contains (Fixture *f, const gchar *text)
{
  if (!gst_sip_test_kamailio_wait_log (f->kamailio, text, LOG_TIMEOUT_MS)) {
    gchar *problem = g_strdup_printf ("kamailio did not log \"%s\"", text);

    fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, problem);
    g_free (problem);
  }
}

typedef struct
{
  Fixture *f;
  guint count;
} MessageCount;

static gboolean
has_messages (gpointer user_data)
{
  MessageCount *c = user_data;

  return c->f->messages->len >= c->count;
}

/* sipp, a user agent of another domain, sends a MESSAGE to sip:USER@DOMAIN
 * through kamailio (message-aor-uac.xml).  With @routable it must reach the
 * user agent under test at @user's contact; otherwise kamailio must answer
 * 404. */
static void
check_routing (Fixture *f, const gchar *user, gboolean routable)
{
  const gchar *extra[] = { "-recv_timeout", SIPP_RECV_TIMEOUT, "-key", "domain",
    DOMAIN, "-s", user, NULL };
  MessageCount c = { f, f->messages->len + 1 };
  guint before = f->messages->len;
  gchar *remote;

  remote = g_strdup_printf (
      "%s:%u", ADDRESS, gst_sip_test_kamailio_get_port (f->kamailio));
  spawn_sipp (f, GST_SIP_TRANSPORT_PROTOCOL_UDP, "message-aor-uac.xml",
      reserve_port (), extra, remote);
  g_free (remote);

  if (!routable) {
    assert_sipp_exits (f, 1, "SIP/2.0 404 Not Found");
    CHECK_CMPUINT (f, f->messages->len, ==, before);
  } else {
    GstSipMessage *message;
    const GstSipUri *ruri;
    GBytes *body;
    gchar *text;

    assert_sipp_exits (f, 0, NULL);
    CHECK (f, gst_sip_test_wait (has_messages, &c, WAIT_MS));
    CHECK_CMPUINT (f, f->messages->len, ==, before + 1);
    message = g_ptr_array_index (f->messages, before);
    /* kamailio rewrote the Request-URI to the contact of @user */
    ruri = gst_sip_message_get_request_uri (message);
    CHECK (f, g_strcmp0 (gst_sip_uri_get_user (ruri), user) == 0);
    CHECK (f, g_strcmp0 (gst_sip_uri_get_host (ruri), ADDRESS) == 0);
    CHECK_CMPUINT (f, gst_sip_uri_get_port (ruri), ==,
        gst_sip_transport_get_port (f->transport));
    CHECK_CMPUINT (f, gst_sip_message_get_transport_protocol (message), ==,
        gst_sip_transport_get_protocol (f->transport));
    body = gst_sip_message_get_body (message);
    CHECK (f, body != NULL);
    text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    CHECK (f, g_str_has_prefix (text, "Hello "));
    CHECK (f, strstr (text, user) != NULL);
    g_free (text);
    g_bytes_unref (body);
  }
  free_sipp (f);
}

/* Tests with kamailio */

/* 1. Registration, the binding in use, unregistration. */
static void
test_kamailio_register (Fixture *f, gconstpointer data)
{
  const Params *p = data;

  if (!setup_kamailio (f, p))
    return;

  new_kamailio_account (f, &f->alice, p, "alice", ALICE_PASSWORD);
  do_register (f, &f->alice);
  check_registered (f, &f->alice, 3600);
  check_contact (f, &f->alice, p, "alice");
  assert_log_contains (f, "REGISTER sip:alice@" DOMAIN ": saved");
  /* one challenge */
  CHECK_CMPUINT (
      f, count_log (f, "REGISTER sip:alice@" DOMAIN ": challenged"), ==, 1);

  check_routing (f, "alice", TRUE);

  do_unregister (f, &f->alice);
  check_unregistered (f, &f->alice);
  check_routing (f, "alice", FALSE);
  /* the nonce was still good: no second challenge */
  CHECK_CMPUINT (
      f, count_log (f, "REGISTER sip:alice@" DOMAIN ": challenged"), ==, 1);
}

/* 2. A binding of 2 s is refreshed in time, twice, and keeps working after
 * its first lifetime; unregistration removes it. */
static void
test_kamailio_refresh (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *saved = "REGISTER sip:alice@" DOMAIN ": saved";

  if (!setup_kamailio (f, p))
    return;

  new_kamailio_account (f, &f->alice, p, "alice", ALICE_PASSWORD);
  g_object_set (f->alice.account, "requested-expires", 2, NULL);
  do_register (f, &f->alice);
  check_registered (f, &f->alice, 2);
  wait_log_count (f, saved, 1, LOG_TIMEOUT_MS);

  /* two refreshes, the first within 2 s */
  wait_log_count (f, saved, 2, 2000 + LOG_TIMEOUT_MS);
  wait_log_count (f, saved, 3, 2000 + LOG_TIMEOUT_MS);
  CHECK_STATE (f, &f->alice, GST_SIP_ACCOUNT_STATE_REGISTERED);
  CHECK_CMPUINT (f, f->alice.n_left_registered, ==, 0);
  CHECK_CMPUINT (f, gst_sip_account_get_expires (f->alice.account), ==, 2);
  /* the refreshes reused the nonce (next nonce count): one challenge */
  CHECK_CMPUINT (
      f, count_log (f, "REGISTER sip:alice@" DOMAIN ": challenged"), ==, 1);

  /* more than 2 s after the first registration */
  check_routing (f, "alice", TRUE);
  CHECK_STATE (f, &f->alice, GST_SIP_ACCOUNT_STATE_REGISTERED);
  CHECK_CMPUINT (f, f->alice.n_left_registered, ==, 0);

  do_unregister (f, &f->alice);
  check_unregistered (f, &f->alice);
  check_routing (f, "alice", FALSE);
}

/* 3. A wrong password: one retry with credentials, then failure, and no
 * further attempt. */
static void
test_kamailio_wrong_password (Fixture *f, gconstpointer data)
{
  const Params *p = data;

  if (!setup_kamailio (f, p))
    return;

  new_kamailio_account (f, &f->alice, p, "alice", "wrong-secret");
  g_object_set (f->alice.account, "retry-interval", 1, NULL);
  do_register (f, &f->alice);
  CHECK_ERROR (f, &f->alice, GST_SIP_ERROR_AUTH_FAILED);
  CHECK_CMPUINT (f, f->alice.code, ==, 0);
  CHECK_STATE (f, &f->alice, GST_SIP_ACCOUNT_STATE_FAILED);
  CHECK_CMPUINT (
      f, gst_sip_account_get_status_code (f->alice.account), ==, 401);
  CHECK_CMPUINT (f, gst_sip_account_get_expires (f->alice.account), ==, 0);

  /* -2: invalid password */
  assert_log_contains (
      f, "REGISTER sip:alice@" DOMAIN ": challenged (auth_check returned -2)");
  CHECK_CMPUINT (f, count_log (f, "request REGISTER "), ==, 2);
  /* not retried, not even after the retry interval */
  gst_sip_test_run_for (1500);
  CHECK_CMPUINT (f, count_log (f, "request REGISTER "), ==, 2);
  CHECK_CMPUINT (f, count_log (f, ": saved"), ==, 0);
  CHECK_STATE (f, &f->alice, GST_SIP_ACCOUNT_STATE_FAILED);
}

/* 4. Two accounts on one user agent, registered at once, each reachable at
 * its own contact. */
static void
test_kamailio_two_accounts (Fixture *f, gconstpointer data)
{
  const Params *p = data;

  if (!setup_kamailio (f, p))
    return;

  new_kamailio_account (f, &f->alice, p, "alice", ALICE_PASSWORD);
  new_kamailio_account (f, &f->bob, p, "bob", BOB_PASSWORD);
  start_register (&f->alice);
  start_register (&f->bob);
  CHECK (f, gst_sip_test_wait (registration_done, &f->alice, WAIT_MS));
  CHECK (f, gst_sip_test_wait (registration_done, &f->bob, WAIT_MS));
  check_registered (f, &f->alice, 3600);
  check_registered (f, &f->bob, 3600);
  check_contact (f, &f->alice, p, "alice");
  check_contact (f, &f->bob, p, "bob");
  assert_log_contains (f, "REGISTER sip:alice@" DOMAIN ": saved");
  assert_log_contains (f, "REGISTER sip:bob@" DOMAIN ": saved");

  check_routing (f, "alice", TRUE);
  check_routing (f, "bob", TRUE);

  /* bob goes; alice stays */
  do_unregister (f, &f->bob);
  check_unregistered (f, &f->bob);
  check_routing (f, "bob", FALSE);
  check_routing (f, "alice", TRUE);
  CHECK_STATE (f, &f->alice, GST_SIP_ACCOUNT_STATE_REGISTERED);
}

/* 5. The registrar is the domain, which does not resolve; the outbound
 * proxy, kamailio, takes the REGISTER (a pre-loaded Route) and, as the
 * domain is its alias, is the registrar too. */
static void
test_kamailio_outbound_proxy (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  gchar *proxy;

  if (!setup_kamailio (f, p))
    return;

  new_account (f, &f->alice, p, "sip:alice@" DOMAIN);
  proxy = gst_sip_test_kamailio_dup_uri (f->kamailio, NULL);
  g_object_set (f->alice.account, "registrar", "sip:" DOMAIN, "proxy", proxy,
      "password", ALICE_PASSWORD, NULL);
  g_free (proxy);

  do_register (f, &f->alice);
  check_registered (f, &f->alice, 3600);
  check_contact (f, &f->alice, p, "alice");
  /* the Request-URI is the registrar's, not the proxy's */
  assert_log_contains (f,
      params_tcp (p) ? "request REGISTER sip:" DOMAIN ";transport=tcp from"
                     : "request REGISTER sip:" DOMAIN " from");
  assert_log_contains (f, "REGISTER sip:alice@" DOMAIN ": saved");
  check_routing (f, "alice", TRUE);

  do_unregister (f, &f->alice);
  check_unregistered (f, &f->alice);
  check_routing (f, "alice", FALSE);
}

/* 6. H(A1) instead of the password, with the hash of kamailio's
 * algorithm. */
static void
test_kamailio_ha1 (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  GChecksumType type;
  gchar *ha1;

  if (!setup_kamailio (f, p))
    return;

  type = g_strcmp0 (p->algorithm, "SHA-256") == 0 ? G_CHECKSUM_SHA256
                                                  : G_CHECKSUM_MD5;
  ha1 = g_compute_checksum_for_string (
      type, "alice:" DOMAIN ":" ALICE_PASSWORD, -1);
  new_kamailio_account (f, &f->alice, p, "alice", NULL);
  g_object_set (f->alice.account, "ha1", ha1, "realm", DOMAIN, NULL);
  g_free (ha1);

  do_register (f, &f->alice);
  check_registered (f, &f->alice, 3600);
  assert_log_contains (f, "REGISTER sip:alice@" DOMAIN ": saved");
  check_routing (f, "alice", TRUE);

  do_unregister (f, &f->alice);
  check_unregistered (f, &f->alice);
}

/* Tests with sipp as the registrar */

/* 401 with an MD5 challenge (qop=auth, opaque), which sipp verifies. */
static void
test_sipp_401_md5 (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *extra[] = { "-recv_timeout", SIPP_RECV_TIMEOUT, "-key", "user",
    "alice", "-key", "password", SIPP_PASSWORD, NULL };
  gchar *registrar;

  if (!setup_sipp_registrar (f, p, 0))
    return;

  registrar = start_sipp_registrar (f, p, "registrar-401-md5.xml", extra);
  g_object_set (f->alice.account, "registrar", registrar, "password",
      SIPP_PASSWORD, NULL);
  g_free (registrar);

  do_register (f, &f->alice);
  check_registered (f, &f->alice, 3600);
  check_contact (f, &f->alice, p, "alice");
  assert_sipp_exits (f, 0, NULL);
}

/* 401 with a SHA-256 challenge: sipp checks the form of the credentials
 * and logs them; the response is verified here. */
static void
test_sipp_401_sha256 (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *extra[] = { "-recv_timeout", SIPP_RECV_TIMEOUT, "-trace_logs",
    "-log_file", SIPP_LOG_FILE, "-key", "user", "alice", NULL };
  gchar *registrar, *credentials;

  if (!setup_sipp_registrar (f, p, 0))
    return;

  registrar = start_sipp_registrar (f, p, "registrar-401-sha256.xml", extra);
  g_object_set (f->alice.account, "registrar", registrar, "password",
      SIPP_PASSWORD, NULL);
  g_free (registrar);

  do_register (f, &f->alice);
  check_registered (f, &f->alice, 3600);
  assert_sipp_exits (f, 0, NULL);

  credentials = logged_header (f, "Authorization");
  verify_credentials (f, credentials, G_CHECKSUM_SHA256);
  g_free (credentials);
}

/* 407 in the style of RFC 2069 (no qop, no algorithm): Proxy-Authorization,
 * verified here. */
static void
test_sipp_407 (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *extra[] = { "-recv_timeout", SIPP_RECV_TIMEOUT, "-trace_logs",
    "-log_file", SIPP_LOG_FILE, "-key", "user", "alice", NULL };
  gchar *registrar, *credentials;

  if (!setup_sipp_registrar (f, p, 0))
    return;

  registrar = start_sipp_registrar (f, p, "registrar-407.xml", extra);
  g_object_set (f->alice.account, "registrar", registrar, "password",
      SIPP_PASSWORD, NULL);
  g_free (registrar);

  do_register (f, &f->alice);
  check_registered (f, &f->alice, 3600);
  assert_sipp_exits (f, 0, NULL);

  credentials = logged_header (f, "Proxy-Authorization");
  verify_credentials (f, credentials, G_CHECKSUM_MD5);
  g_free (credentials);
}

/* stale=true: retried at once with the new nonce, never reported as an
 * authentication failure. */
static void
test_sipp_stale (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *extra[] = { "-recv_timeout", SIPP_RECV_TIMEOUT, "-key", "user",
    "alice", "-key", "password", SIPP_PASSWORD, NULL };
  gchar *registrar;

  if (!setup_sipp_registrar (f, p, 0))
    return;

  registrar = start_sipp_registrar (f, p, "registrar-stale.xml", extra);
  g_object_set (f->alice.account, "registrar", registrar, "password",
      SIPP_PASSWORD, NULL);
  g_free (registrar);

  do_register (f, &f->alice);
  check_registered (f, &f->alice, 3600);
  CHECK (f, strstr (f->alice.states->str, "failed") == NULL);
  assert_sipp_exits (f, 0, NULL);
}

/* 423 Interval Too Brief: registered again for Min-Expires. */
static void
test_sipp_423 (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *extra[] = { "-recv_timeout", SIPP_RECV_TIMEOUT, NULL };
  gchar *registrar;

  if (!setup_sipp_registrar (f, p, 0))
    return;

  registrar = start_sipp_registrar (f, p, "registrar-423.xml", extra);
  g_object_set (
      f->alice.account, "registrar", registrar, "requested-expires", 1, NULL);
  g_free (registrar);

  do_register (f, &f->alice);
  check_registered (f, &f->alice, 60);
  assert_sipp_exits (f, 0, NULL);
}

static gboolean
is_registered (gpointer user_data)
{
  Registration *r = user_data;

  return gst_sip_account_get_state (r->account) ==
      GST_SIP_ACCOUNT_STATE_REGISTERED;
}

/* 503 with Retry-After: 1: the registration fails with 503, and the
 * account registers again by itself a second later.  The retry interval
 * stays at its default (30 s): only Retry-After can bring it back so
 * soon. */
static void
test_sipp_503 (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *extra[] = { "-recv_timeout", SIPP_RECV_TIMEOUT, NULL };
  gchar *registrar;
  gint64 failed_at, elapsed;

  if (!setup_sipp_registrar (f, p, 0))
    return;

  registrar = start_sipp_registrar (f, p, "registrar-503.xml", extra);
  g_object_set (f->alice.account, "registrar", registrar, NULL);
  g_free (registrar);

  do_register (f, &f->alice);
  failed_at = g_get_monotonic_time ();
  /* a refusal is a result, not an error */
  CHECK_NO_ERROR (f, &f->alice);
  CHECK_CMPUINT (f, f->alice.code, ==, 503);
  CHECK_STATE (f, &f->alice, GST_SIP_ACCOUNT_STATE_FAILED);
  CHECK_CMPUINT (
      f, gst_sip_account_get_status_code (f->alice.account), ==, 503);

  CHECK (f, gst_sip_test_wait (is_registered, &f->alice, 6000));
  elapsed = g_get_monotonic_time () - failed_at;
  CHECK_CMPUINT (f, elapsed, >=, 900 * G_TIME_SPAN_MILLISECOND);
  CHECK_CMPUINT (f, elapsed, <, 4 * G_TIME_SPAN_SECOND);
  CHECK_CMPUINT (
      f, gst_sip_account_get_status_code (f->alice.account), ==, 200);
  CHECK_CMPUINT (f, gst_sip_account_get_expires (f->alice.account), ==, 3600);
  assert_sipp_exits (f, 0, NULL);
}

/* No answer: with T1 = 20 ms, Timer F ends the transaction after 1.28 s;
 * the account fails with a timeout (408) and does not try again before
 * its retry interval (30 s by default). */
static void
test_sipp_silent (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *extra[] = { "-d", SILENT_MS, NULL };
  gchar *registrar, *messages;
  gint64 start;

  if (!setup_sipp_registrar (f, p, SHORT_T1))
    return;

  registrar = start_sipp_registrar (f, p, "registrar-silent.xml", extra);
  g_object_set (f->alice.account, "registrar", registrar, NULL);
  g_free (registrar);

  start = g_get_monotonic_time ();
  do_register (f, &f->alice);
  CHECK_ERROR (f, &f->alice, GST_SIP_ERROR_TIMEOUT);
  CHECK_CMPUINT (f, f->alice.code, ==, 0);
  CHECK_STATE (f, &f->alice, GST_SIP_ACCOUNT_STATE_FAILED);
  CHECK_CMPUINT (
      f, gst_sip_account_get_status_code (f->alice.account), ==, 408);
  /* 64*T1, not much less, and far from the 32 s of the default T1 */
  CHECK_CMPUINT (f, g_get_monotonic_time () - start, >=,
      64 * SHORT_T1 * G_TIME_SPAN_MILLISECOND - 50 * G_TIME_SPAN_MILLISECOND);
  CHECK_CMPUINT (f, g_get_monotonic_time () - start, <, 5 * G_TIME_SPAN_SECOND);

  /* sipp saw the REGISTER and its retransmissions, and nothing else */
  assert_sipp_exits (f, 0, NULL);
  messages = gst_sip_test_peer_read_file (f->sipp, SIPP_MESSAGE_FILE);
  CHECK_CMPUINT (f, count_occurrences (messages, "REGISTER sip:"), >=, 2);
  g_free (messages);
  CHECK_STATE (f, &f->alice, GST_SIP_ACCOUNT_STATE_FAILED);
}

static gboolean
expires_is_3600 (gpointer user_data)
{
  Registration *r = user_data;

  return gst_sip_account_get_expires (r->account) == 3600;
}

/* 200 for 2 s: refreshed within them (sipp answers the refresh with 3600),
 * then unregistered. */
static void
test_sipp_refresh (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *extra[] = { "-recv_timeout", SIPP_RECV_TIMEOUT, NULL };
  gchar *registrar;

  if (!setup_sipp_registrar (f, p, 0))
    return;

  registrar = start_sipp_registrar (f, p, "registrar-refresh.xml", extra);
  g_object_set (f->alice.account, "registrar", registrar, NULL);
  g_free (registrar);

  do_register (f, &f->alice);
  check_registered (f, &f->alice, 2);
  check_contact (f, &f->alice, p, "alice");

  CHECK (f, gst_sip_test_wait (expires_is_3600, &f->alice, 2000 + WAIT_MS));
  CHECK_STATE (f, &f->alice, GST_SIP_ACCOUNT_STATE_REGISTERED);
  CHECK_CMPUINT (f, f->alice.n_left_registered, ==, 0);

  do_unregister (f, &f->alice);
  check_unregistered (f, &f->alice);
  assert_sipp_exits (f, 0, NULL);
}

int
main (int argc, char **argv)
{
  static const Params udp_md5 = { GST_SIP_TRANSPORT_PROTOCOL_UDP, "MD5" };
  static const Params tcp_md5 = { GST_SIP_TRANSPORT_PROTOCOL_TCP, "MD5" };
  static const Params udp_sha256 = { GST_SIP_TRANSPORT_PROTOCOL_UDP,
    "SHA-256" };
  static const Params tcp_sha256 = { GST_SIP_TRANSPORT_PROTOCOL_TCP,
    "SHA-256" };
  static const Params udp = { GST_SIP_TRANSPORT_PROTOCOL_UDP, NULL };
  static const Params tcp = { GST_SIP_TRANSPORT_PROTOCOL_TCP, NULL };
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  sipp = gst_sip_test_find_program ("sipp");

#define ADD(path, params, func)                                                \
  g_test_add ("/interop/account/" path, Fixture, &params, fixture_setup, func, \
      fixture_teardown)
  ADD ("kamailio/udp/md5/register", udp_md5, test_kamailio_register);
  ADD ("kamailio/tcp/md5/register", tcp_md5, test_kamailio_register);
  ADD ("kamailio/udp/sha-256/register", udp_sha256, test_kamailio_register);
  ADD ("kamailio/tcp/sha-256/register", tcp_sha256, test_kamailio_register);
  ADD ("kamailio/udp/md5/refresh", udp_md5, test_kamailio_refresh);
  ADD ("kamailio/tcp/md5/refresh", tcp_md5, test_kamailio_refresh);
  ADD (
      "kamailio/udp/md5/wrong-password", udp_md5, test_kamailio_wrong_password);
  ADD ("kamailio/udp/sha-256/wrong-password", udp_sha256,
      test_kamailio_wrong_password);
  ADD ("kamailio/udp/md5/two-accounts", udp_md5, test_kamailio_two_accounts);
  ADD ("kamailio/tcp/sha-256/two-accounts", tcp_sha256,
      test_kamailio_two_accounts);
  ADD (
      "kamailio/udp/md5/outbound-proxy", udp_md5, test_kamailio_outbound_proxy);
  ADD (
      "kamailio/tcp/md5/outbound-proxy", tcp_md5, test_kamailio_outbound_proxy);
  ADD ("kamailio/udp/md5/ha1", udp_md5, test_kamailio_ha1);
  ADD ("kamailio/udp/sha-256/ha1", udp_sha256, test_kamailio_ha1);
  ADD ("sipp/udp/registrar-401-md5", udp, test_sipp_401_md5);
  ADD ("sipp/tcp/registrar-401-md5", tcp, test_sipp_401_md5);
  ADD ("sipp/udp/registrar-401-sha256", udp, test_sipp_401_sha256);
  ADD ("sipp/udp/registrar-407", udp, test_sipp_407);
  ADD ("sipp/udp/registrar-stale", udp, test_sipp_stale);
  ADD ("sipp/udp/registrar-423", udp, test_sipp_423);
  ADD ("sipp/udp/registrar-503", udp, test_sipp_503);
  ADD ("sipp/udp/registrar-silent", udp, test_sipp_silent);
  ADD ("sipp/udp/registrar-refresh", udp, test_sipp_refresh);
  ADD ("sipp/tcp/registrar-refresh", tcp, test_sipp_refresh);
#undef ADD

  ret = g_test_run ();

  g_free (sipp);

  return ret;
}
