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

/* Tests for the kamailio harness, with sipp as the user agents: digest
 * authenticated registration (401), a wrong password, and a MESSAGE from
 * one registered user to another through the authenticating proxy (407),
 * over UDP and TCP on 127.0.0.1.  Skipped when kamailio or sipp is not
 * installed. */

#include "kamailio.h"

#include <string.h>

#ifndef SCENARIOS_DIR
#error "SCENARIOS_DIR must name tests/interop/scenarios"
#endif

/* Upper bound for one sipp run on loopback, generous for loaded CI hosts;
 * sipp's own -timeout is shorter so that it exits first. */
#define SIPP_EXIT_TIMEOUT_MS 30000
#define SIPP_TIMEOUT "20s"
#define SIPP_RECV_TIMEOUT "5000"
#define LISTEN_TIMEOUT_MS 10000
#define LOG_TIMEOUT_MS 5000

#define ADDRESS "127.0.0.1"
#define DOMAIN "example.test"

/* Names of sipp's -trace_err and -trace_msg files in its working
 * directory. */
#define SIPP_ERROR_FILE GST_SIP_TEST_SIPP_ERROR_FILE
#define SIPP_MESSAGE_FILE GST_SIP_TEST_SIPP_MESSAGE_FILE

/* The password of bob contains a colon, which db_text needs escaped. */
#define ALICE_PASSWORD "alice-secret"
#define BOB_PASSWORD "bob:secret"

typedef struct
{
  const gchar *transport; /* sipp's -t */
  gboolean record_route;
  gboolean use_received;
} Params;

static const gchar *const users[] = { "alice:" ALICE_PASSWORD,
  "bob:" BOB_PASSWORD, NULL };

static gchar *sipp;

/* Skips the test unless kamailio can run; returns it running otherwise. */
static GstSipTestKamailio *
start_kamailio (const GstSipTestKamailioConfig *config)
{
  GstSipTestKamailio *kamailio;
  GError *error = NULL;

  kamailio = gst_sip_test_kamailio_start (config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_clear_error (&error);
    return NULL;
  }
  g_assert_no_error (error);
  g_assert_nonnull (kamailio);

  return kamailio;
}

static gboolean
port_is_free (GSocketType type, guint16 port)
{
  GSocket *socket;
  GInetAddress *inet;
  GSocketAddress *address;
  gboolean ok;

  inet = g_inet_address_new_from_string (ADDRESS);
  socket = g_socket_new (
      G_SOCKET_FAMILY_IPV4, type, G_SOCKET_PROTOCOL_DEFAULT, NULL);
  g_assert_nonnull (socket);
  address = g_inet_socket_address_new (inet, port);
  ok = g_socket_bind (socket, address, FALSE, NULL);
  g_socket_close (socket, NULL);
  g_object_unref (address);
  g_object_unref (inet);
  g_object_unref (socket);

  return ok;
}

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


/* Fails the test with @problem, the output and traces of sipp and the log
 * of kamailio. */
static void
fail_with_logs (GstSipTestKamailio *kamailio, GstSipTestPeer *peer,
    const gchar *what, const gchar *problem)
{
  gchar *errors, *messages, *report, *text;
  gchar **lines;

  errors = gst_sip_test_peer_read_file (peer, SIPP_ERROR_FILE);
  messages = gst_sip_test_peer_read_file (peer, SIPP_MESSAGE_FILE);
  report = g_strdup_printf ("sipp %s (pid %d, in %s) %s\n"
                            "--- output ---\n%s\n"
                            "--- errors ---\n%s\n"
                            "--- messages ---\n%s\n"
                            "--- kamailio log ---\n%s",
      what, (gint) gst_sip_test_peer_get_pid (peer),
      gst_sip_test_peer_get_workdir (peer), problem,
      gst_sip_test_peer_get_log (peer), errors, messages,
      gst_sip_test_kamailio_get_log (kamailio));
  /* the assertion message goes to a TAP "Bail out!" line: make the lines
   * after the first TAP comments */
  lines = g_strsplit (report, "\n", -1);
  text = g_strjoinv ("\n# ", lines);
  g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, text);
  g_free (text);
  g_strfreev (lines);
  g_free (report);
  g_free (messages);
  g_free (errors);
}

/* Waits for sipp to exit with @expected, failing with all logs otherwise.
 * With @expected_text, sipp's message trace or error log must contain it
 * too. */
static void
assert_sipp_exits (GstSipTestKamailio *kamailio, GstSipTestPeer *peer,
    const gchar *what, gint expected, const gchar *expected_text)
{
  gint status = G_MININT;
  gboolean exited;
  gchar *problem = NULL;

  exited = gst_sip_test_peer_wait_exit (peer, SIPP_EXIT_TIMEOUT_MS, &status);
  if (!exited) {
    problem = g_strdup_printf ("still ran after %u ms", SIPP_EXIT_TIMEOUT_MS);
  } else if (status != expected) {
    problem = g_strdup_printf (
        "exited with status %d instead of %d", status, expected);
  } else if (expected_text != NULL) {
    gchar *errors = gst_sip_test_peer_read_file (peer, SIPP_ERROR_FILE);
    gchar *messages = gst_sip_test_peer_read_file (peer, SIPP_MESSAGE_FILE);

    if (strstr (errors, expected_text) == NULL &&
        strstr (messages, expected_text) == NULL)
      problem = g_strdup_printf ("received no \"%s\"", expected_text);
    g_free (messages);
    g_free (errors);
  }

  if (problem != NULL)
    fail_with_logs (kamailio, peer, what, problem);
  g_free (problem);
}

/* Starts sipp on @scenario from tests/interop/scenarios with the options
 * every run shares (see the README there), then @extra.  For a UAC
 * @kamailio is the remote host. */
static GstSipTestPeer *
spawn_sipp (GstSipTestKamailio *kamailio, const Params *p,
    const gchar *scenario, gboolean uac, guint16 port,
    const gchar *const *extra)
{
  GstSipTestPeer *peer;
  GPtrArray *argv;
  GError *error = NULL;
  gchar *path, *port_str, *remote;
  guint i;

  path = g_build_filename (SCENARIOS_DIR, scenario, NULL);
  port_str = g_strdup_printf ("%u", port);
  remote =
      g_strdup_printf ("%s:%u", gst_sip_test_kamailio_get_address (kamailio),
          gst_sip_test_kamailio_get_port (kamailio));

  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, sipp);
  g_ptr_array_add (argv, (gpointer) "-sf");
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, (gpointer) "-t");
  g_ptr_array_add (argv, (gpointer) p->transport);
  g_ptr_array_add (argv, (gpointer) "-i");
  g_ptr_array_add (argv, (gpointer) ADDRESS);
  g_ptr_array_add (argv, (gpointer) "-p");
  g_ptr_array_add (argv, port_str);
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
  if (uac) {
    g_ptr_array_add (argv, (gpointer) "-recv_timeout");
    g_ptr_array_add (argv, (gpointer) SIPP_RECV_TIMEOUT);
    g_ptr_array_add (argv, (gpointer) "-default_behaviors");
    g_ptr_array_add (argv, (gpointer) "all,-bye");
  }
  for (i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  if (uac)
    g_ptr_array_add (argv, remote);
  g_ptr_array_add (argv, NULL);

  peer = gst_sip_test_peer_spawn (
      (const gchar *const *) argv->pdata, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (peer);
  g_test_message ("started sipp %s as pid %d", scenario,
      (gint) gst_sip_test_peer_get_pid (peer));

  g_ptr_array_unref (argv);
  g_free (remote);
  g_free (port_str);
  g_free (path);

  return peer;
}

/* Runs register-auth-uac.xml (or @scenario) for @user with @password from
 * @port, registering the Contact sip:USER@127.0.0.1:PORT for @expires
 * seconds, and waits for sipp to exit with @status. */
static void
run_register (GstSipTestKamailio *kamailio, const Params *p,
    const gchar *scenario, const gchar *user, const gchar *password,
    guint16 port, const gchar *expires, gint status, const gchar *text)
{
  const gchar *domain = gst_sip_test_kamailio_get_domain (kamailio);
  const gchar *extra[] = { "-key", "user", user, "-key", "domain", domain,
    "-key", "expires", expires, "-au", user, "-ap", password, "-auth_uri",
    domain, NULL };
  GstSipTestPeer *peer;

  peer = spawn_sipp (kamailio, p, scenario, TRUE, port, extra);
  assert_sipp_exits (kamailio, peer, scenario, status, text);
  gst_sip_test_peer_free (peer);
}

/* Runs message-auth-uac.xml: @from sends a MESSAGE to @to through
 * kamailio. */
static void
run_message (GstSipTestKamailio *kamailio, const Params *p, const gchar *from,
    const gchar *password, const gchar *to, guint16 port, gint status,
    const gchar *text)
{
  const gchar *domain = gst_sip_test_kamailio_get_domain (kamailio);
  gchar *auth_uri = g_strdup_printf ("%s@%s", to, domain);
  const gchar *extra[] = { "-key", "user", from, "-key", "domain", domain, "-s",
    to, "-au", from, "-ap", password, "-auth_uri", auth_uri, NULL };
  GstSipTestPeer *peer;

  peer = spawn_sipp (kamailio, p, "message-auth-uac.xml", TRUE, port, extra);
  assert_sipp_exits (kamailio, peer, "message-auth-uac.xml", status, text);
  gst_sip_test_peer_free (peer);
  g_free (auth_uri);
}

static void
assert_log_contains (GstSipTestKamailio *kamailio, const gchar *text)
{
  if (!gst_sip_test_kamailio_wait_log (kamailio, text, LOG_TIMEOUT_MS))
    g_test_message (
        "kamailio log:\n%s", gst_sip_test_kamailio_get_log (kamailio));
  g_assert_true (gst_sip_test_kamailio_wait_log (kamailio, text, 0));
}

/* Tests */

/* Start, getters, stop: afterwards no process holds the port. */
static void
test_start_stop (void)
{
  GstSipTestKamailioConfig config = { 0 };
  GstSipTestKamailio *kamailio;
  gchar *uri, *expected, *path;
  guint16 port;

  config.users = users;
  kamailio = start_kamailio (&config);
  if (kamailio == NULL)
    return;

  port = gst_sip_test_kamailio_get_port (kamailio);
  g_assert_cmpuint (port, !=, 0);
  g_assert_cmpstr (gst_sip_test_kamailio_get_address (kamailio), ==, ADDRESS);
  g_assert_cmpstr (gst_sip_test_kamailio_get_domain (kamailio), ==, DOMAIN);
  g_assert_cmpint (gst_sip_test_kamailio_get_pid (kamailio), >, 0);
  g_assert_nonnull (strstr (
      gst_sip_test_kamailio_get_log (kamailio), GST_SIP_TEST_KAMAILIO_READY));

  uri = gst_sip_test_kamailio_dup_uri (kamailio, "tcp");
  expected = g_strdup_printf ("sip:%s:%u;transport=tcp", ADDRESS, port);
  g_assert_cmpstr (uri, ==, expected);
  g_free (expected);
  g_free (uri);
  uri = gst_sip_test_kamailio_dup_uri (kamailio, NULL);
  expected = g_strdup_printf ("sip:%s:%u", ADDRESS, port);
  g_assert_cmpstr (uri, ==, expected);
  g_free (expected);
  g_free (uri);

  path = g_build_filename (
      gst_sip_test_kamailio_get_workdir (kamailio), "kamailio.cfg", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_free (path);

  g_assert_false (port_is_free (G_SOCKET_TYPE_DATAGRAM, port));
  g_assert_false (port_is_free (G_SOCKET_TYPE_STREAM, port));

  gst_sip_test_kamailio_stop (kamailio);
  /* the workers are gone too */
  g_assert_true (port_is_free (G_SOCKET_TYPE_DATAGRAM, port));
  g_assert_true (port_is_free (G_SOCKET_TYPE_STREAM, port));
  /* stopping twice is fine */
  gst_sip_test_kamailio_stop (kamailio);

  gst_sip_test_kamailio_free (kamailio);
}

/* Bad configurations fail before anything runs. */
static void
test_bad_config (void)
{
  const gchar *const no_password[] = { "alice:", NULL };
  const gchar *const no_colon[] = { "alice", NULL };
  GstSipTestKamailioConfig config = { 0 };
  GError *error = NULL;

  config.users = no_password;
  g_assert_null (gst_sip_test_kamailio_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  config.users = no_colon;
  g_assert_null (gst_sip_test_kamailio_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  config.users = users;
  config.algorithm = "SHA-512";
  g_assert_null (gst_sip_test_kamailio_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  config.algorithm = NULL;
  config.qop = "auth-conf";
  g_assert_null (gst_sip_test_kamailio_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  config.qop = NULL;
  config.domain = "example.test\"";
  g_assert_null (gst_sip_test_kamailio_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  config.domain = NULL;
  config.address = "localhost";
  g_assert_null (gst_sip_test_kamailio_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  config.address = NULL;
  config.memory_manager = "malloc";
  g_assert_null (gst_sip_test_kamailio_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* forwarding needs a destination */
  config.memory_manager = NULL;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_FORWARD;
  g_assert_null (gst_sip_test_kamailio_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
}

/* kamailio cannot bind an address of another host: the error carries its
 * log. */
static void
test_start_failure (void)
{
  GstSipTestKamailioConfig config = { 0 };
  GstSipTestKamailio *kamailio;
  GError *error = NULL;

  /* TEST-NET-1 (RFC 5737), not an address of this host */
  config.address = "192.0.2.1";
  config.port = reserve_port ();
  config.users = users;
  kamailio = gst_sip_test_kamailio_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_clear_error (&error);
    return;
  }
  g_assert_null (kamailio);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "--- kamailio log ---"));
  g_assert_nonnull (strstr (error->message, "192.0.2.1"));
  g_clear_error (&error);
}

/* REGISTER with digest authentication: 401, then 200; with a wrong
 * password 401, then 401 again. */
static void
test_register (gconstpointer data)
{
  const Params *p = data;
  GstSipTestKamailioConfig config = { 0 };
  GstSipTestKamailio *kamailio;

  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return;
  }

  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  kamailio = start_kamailio (&config);
  if (kamailio == NULL)
    return;

  run_register (kamailio, p, "register-auth-uac.xml", "alice", ALICE_PASSWORD,
      reserve_port (), "60", 0, NULL);
  assert_log_contains (kamailio, "REGISTER sip:alice@" DOMAIN ": saved");

  /* the colon in the password */
  run_register (kamailio, p, "register-auth-uac.xml", "bob", BOB_PASSWORD,
      reserve_port (), "60", 0, NULL);
  assert_log_contains (kamailio, "REGISTER sip:bob@" DOMAIN ": saved");

  run_register (kamailio, p, "register-auth-rejected-uac.xml", "alice", "wrong",
      reserve_port (), "60", 0, NULL);
  /* -2: invalid password */
  assert_log_contains (kamailio,
      "REGISTER sip:alice@" DOMAIN ": challenged (auth_check returned -2)");

  gst_sip_test_kamailio_free (kamailio);
}

/* With reject_brief, an expiration below min_expires gets 423 with
 * Min-Expires; register-auth-uac.xml does not expect that. */
static void
test_register_brief (gconstpointer data)
{
  const Params *p = data;
  GstSipTestKamailioConfig config = { 0 };
  GstSipTestKamailio *kamailio;

  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return;
  }

  config.users = users;
  config.min_expires = 60;
  config.reject_brief = TRUE;
  kamailio = start_kamailio (&config);
  if (kamailio == NULL)
    return;

  run_register (kamailio, p, "register-auth-uac.xml", "alice", ALICE_PASSWORD,
      reserve_port (), "1", 1, "Min-Expires: 60");

  gst_sip_test_kamailio_free (kamailio);
}

/* Registrar only: a MESSAGE gets 405 instead of a challenge. */
static void
test_registrar_only (gconstpointer data)
{
  const Params *p = data;
  GstSipTestKamailioConfig config = { 0 };
  GstSipTestKamailio *kamailio;

  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return;
  }

  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_REGISTRAR;
  kamailio = start_kamailio (&config);
  if (kamailio == NULL)
    return;

  run_register (kamailio, p, "register-auth-uac.xml", "bob", BOB_PASSWORD,
      reserve_port (), "60", 0, NULL);
  run_message (kamailio, p, "alice", ALICE_PASSWORD, "bob", reserve_port (), 1,
      "SIP/2.0 405 Method Not Allowed");

  gst_sip_test_kamailio_free (kamailio);
}

/* alice and bob register; alice's MESSAGE to bob is challenged with 407,
 * then forwarded to bob's contact, where a sipp UAS answers.  Once bob
 * unregistered, the MESSAGE gets 404. */
static void
test_message (gconstpointer data)
{
  const Params *p = data;
  const gchar *const no_extra[] = { NULL };
  GstSipTestKamailioConfig config = { 0 };
  GstSipTestKamailio *kamailio;
  GstSipTestPeer *uas;
  guint16 alice_port, bob_port;
  gboolean listening;
  gchar *messages, *forwarded;

  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return;
  }

  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  config.record_route = p->record_route;
  config.use_received = p->use_received;
  kamailio = start_kamailio (&config);
  if (kamailio == NULL)
    return;

  alice_port = reserve_port ();
  bob_port = reserve_port ();
  run_register (kamailio, p, "register-auth-uac.xml", "bob", BOB_PASSWORD,
      bob_port, "60", 0, NULL);
  run_register (kamailio, p, "register-auth-uac.xml", "alice", ALICE_PASSWORD,
      alice_port, "60", 0, NULL);

  /* bob's user agent, on the port of its Contact */
  uas = spawn_sipp (
      kamailio, p, "message-proxied-uas.xml", FALSE, bob_port, no_extra);
  if (g_str_equal (p->transport, "t1"))
    listening = gst_sip_test_peer_wait_tcp_port (
        uas, ADDRESS, bob_port, LISTEN_TIMEOUT_MS);
  else
    listening = gst_sip_test_peer_wait_udp_port (
        uas, ADDRESS, bob_port, LISTEN_TIMEOUT_MS);
  if (!listening)
    fail_with_logs (kamailio, uas, "message-proxied-uas.xml", "not listening");

  run_message (
      kamailio, p, "alice", ALICE_PASSWORD, "bob", alice_port, 0, NULL);
  assert_sipp_exits (kamailio, uas, "message-proxied-uas.xml", 0, NULL);

  forwarded = g_strdup_printf ("MESSAGE to sip:bob@" DOMAIN
                               ": forwarding to sip:bob@%s:%u",
      ADDRESS, bob_port);
  assert_log_contains (kamailio, forwarded);
  g_free (forwarded);

  messages = gst_sip_test_peer_read_file (uas, SIPP_MESSAGE_FILE);
  if (p->record_route)
    g_assert_nonnull (strstr (messages, "Record-Route: <sip:" ADDRESS));
  else
    g_assert_null (strstr (messages, "Record-Route:"));
  g_free (messages);
  gst_sip_test_peer_free (uas);

  /* bob unregisters: nobody to forward to */
  run_register (kamailio, p, "register-auth-uac.xml", "bob", BOB_PASSWORD,
      bob_port, "0", 0, NULL);
  run_message (kamailio, p, "alice", ALICE_PASSWORD, "bob", alice_port, 1,
      "SIP/2.0 404 Not Found");

  gst_sip_test_kamailio_free (kamailio);
}

/* Spawns sipp with one of its built-in scenarios (-sn) and @extra, the
 * options of spawn_sipp() that apply. */
static GstSipTestPeer *
spawn_sipp_builtin (
    const gchar *scenario, guint16 port, const gchar *const *extra)
{
  GstSipTestPeer *peer;
  GPtrArray *argv;
  GError *error = NULL;
  gchar *port_str;
  guint i;

  port_str = g_strdup_printf ("%u", port);
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, sipp);
  g_ptr_array_add (argv, (gpointer) "-sn");
  g_ptr_array_add (argv, (gpointer) scenario);
  g_ptr_array_add (argv, (gpointer) "-i");
  g_ptr_array_add (argv, (gpointer) ADDRESS);
  g_ptr_array_add (argv, (gpointer) "-p");
  g_ptr_array_add (argv, port_str);
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
  for (i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);

  peer = gst_sip_test_peer_spawn (
      (const gchar *const *) argv->pdata, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (peer);
  g_test_message ("started sipp -sn %s as pid %d", scenario,
      (gint) gst_sip_test_peer_get_pid (peer));

  g_ptr_array_unref (argv);
  g_free (port_str);

  return peer;
}

/* The forwarding proxy of load tests: sipp's built-in UAC places three
 * calls (INVITE, ACK, BYE) through kamailio, which relays every request to
 * sipp's built-in UAS whatever the Request-URI says. */
static void
test_forward (void)
{
  GstSipTestKamailioConfig config = { 0 };
  GstSipTestKamailio *kamailio;
  GstSipTestPeer *uas, *uac;
  guint16 uas_port, uac_port;
  gchar *forward_to, *remote, *messages, *proxy_via;

  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return;
  }

  uas_port = reserve_port ();
  uac_port = reserve_port ();
  forward_to = g_strdup_printf ("%s:%u", ADDRESS, uas_port);
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_FORWARD;
  config.forward_to = forward_to;
  config.workers = 1;
  config.shm_mb = 96;
  config.memory_manager = "tlsf";
  kamailio = start_kamailio (&config);
  g_free (forward_to);
  if (kamailio == NULL)
    return;

  {
    const gchar *const uas_extra[] = { "-m", "3", NULL };

    uas = spawn_sipp_builtin ("uas", uas_port, uas_extra);
    if (!gst_sip_test_peer_wait_udp_port (
            uas, ADDRESS, uas_port, LISTEN_TIMEOUT_MS))
      fail_with_logs (kamailio, uas, "-sn uas", "not listening");
  }

  remote =
      g_strdup_printf ("%s:%u", gst_sip_test_kamailio_get_address (kamailio),
          gst_sip_test_kamailio_get_port (kamailio));
  {
    const gchar *const uac_extra[] = { "-m", "3", "-r", "10", "-recv_timeout",
      SIPP_RECV_TIMEOUT, remote, NULL };

    uac = spawn_sipp_builtin ("uac", uac_port, uac_extra);
  }
  assert_sipp_exits (kamailio, uac, "-sn uac", 0, NULL);
  assert_sipp_exits (kamailio, uas, "-sn uas", 0, NULL);

  /* what reached the UAS came through the proxy: its Via on top */
  messages = gst_sip_test_peer_read_file (uas, SIPP_MESSAGE_FILE);
  proxy_via = g_strdup_printf ("Via: SIP/2.0/UDP %s:%u;branch=", ADDRESS,
      gst_sip_test_kamailio_get_port (kamailio));
  g_assert_nonnull (strstr (messages, "BYE sip:"));
  g_assert_nonnull (strstr (messages, proxy_via));
  g_free (proxy_via);
  g_free (messages);

  gst_sip_test_peer_free (uac);
  gst_sip_test_peer_free (uas);
  g_free (remote);
  gst_sip_test_kamailio_free (kamailio);
}

int
main (int argc, char **argv)
{
  static const Params udp = { "u1", FALSE, FALSE };
  static const Params tcp = { "t1", FALSE, FALSE };
  static const Params udp_rr = { "u1", TRUE, FALSE };
  static const Params tcp_rr = { "t1", TRUE, FALSE };
  static const Params tcp_received = { "t1", TRUE, TRUE };
  int ret;

  g_test_init (&argc, &argv, NULL);

  sipp = gst_sip_test_find_program ("sipp");

  g_test_add_func ("/kamailio/start-stop", test_start_stop);
  g_test_add_func ("/kamailio/bad-config", test_bad_config);
  g_test_add_func ("/kamailio/start-failure", test_start_failure);
  g_test_add_data_func ("/kamailio/udp/register", &udp, test_register);
  g_test_add_data_func ("/kamailio/tcp/register", &tcp, test_register);
  g_test_add_data_func (
      "/kamailio/udp/register-brief", &udp, test_register_brief);
  g_test_add_data_func (
      "/kamailio/udp/registrar-only", &udp, test_registrar_only);
  g_test_add_data_func ("/kamailio/udp/message", &udp, test_message);
  g_test_add_data_func ("/kamailio/tcp/message", &tcp, test_message);
  g_test_add_data_func (
      "/kamailio/udp/message-record-route", &udp_rr, test_message);
  g_test_add_data_func (
      "/kamailio/tcp/message-record-route", &tcp_rr, test_message);
  g_test_add_data_func (
      "/kamailio/tcp/message-received", &tcp_received, test_message);
  g_test_add_func ("/kamailio/udp/forward", test_forward);

  ret = g_test_run ();

  g_free (sipp);

  return ret;
}
