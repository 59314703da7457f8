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

/* Tests for the peer spawning functions, with real programs: sh, sleep and
 * sipp on loopback addresses. */

#include "peer.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

/* Upper bound for one sipp call on loopback, generous for loaded CI hosts;
 * sipp's own -timeout is shorter so that it exits first. */
#define SIPP_EXIT_TIMEOUT_MS 30000
#define SIPP_TIMEOUT "20s"
#define SIPP_RECV_TIMEOUT "10000"
#define LISTEN_TIMEOUT_MS 10000

static gchar *sipp;

static gboolean
ipv6_loopback_available (void)
{
  GSocket *socket;
  GInetAddress *inet;
  GSocketAddress *address;
  gboolean ok;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_DEFAULT, NULL);
  if (socket == NULL)
    return FALSE;

  inet = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  address = g_inet_socket_address_new (inet, 0);
  ok = g_socket_bind (socket, address, FALSE, NULL);
  g_object_unref (address);
  g_object_unref (inet);
  g_object_unref (socket);

  return ok;
}

/* Whether @port is free again for @type on @address. */
static gboolean
port_is_free (const gchar *address, GSocketType type, guint16 port)
{
  GSocket *socket;
  GInetAddress *inet;
  GSocketAddress *socket_address;
  gboolean ok;

  inet = g_inet_address_new_from_string (address);
  socket = g_socket_new (
      g_inet_address_get_family (inet), type, G_SOCKET_PROTOCOL_DEFAULT, NULL);
  g_assert_nonnull (socket);
  socket_address = g_inet_socket_address_new (inet, port);
  ok = g_socket_bind (socket, socket_address, FALSE, NULL);
  g_socket_close (socket, NULL);
  g_object_unref (socket_address);
  g_object_unref (inet);
  g_object_unref (socket);

  return ok;
}

static void
print_log (GstSipTestPeer *peer, const gchar *what)
{
  g_test_message ("%s (pid %d) output:\n%s", what,
      (gint) gst_sip_test_peer_get_pid (peer),
      gst_sip_test_peer_get_log (peer));
}

static void
assert_exits_with (GstSipTestPeer *peer, const gchar *what, gint expected)
{
  gint status = G_MININT;
  gboolean exited;

  exited = gst_sip_test_peer_wait_exit (peer, SIPP_EXIT_TIMEOUT_MS, &status);
  if (!exited || status != expected)
    print_log (peer, what);
  g_assert_true (exited);
  g_assert_cmpint (status, ==, expected);
}

static gboolean
count_tick (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static void
test_find_program (void)
{
  gchar *path;

  path = gst_sip_test_find_program ("sh");
  g_assert_nonnull (path);
  g_assert_true (g_path_is_absolute (path));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE));
  g_free (path);

  path = gst_sip_test_find_program ("/bin/sh");
  g_assert_cmpstr (path, ==, "/bin/sh");
  g_free (path);

  g_assert_null (gst_sip_test_find_program ("gst-sip-no-such-program"));
  g_assert_null (gst_sip_test_find_program ("/nonexistent/sh"));

  /* Daemons in sbin are found even when sbin is not in PATH. */
  if (g_file_test ("/usr/sbin/kamailio", G_FILE_TEST_IS_EXECUTABLE)) {
    gchar *old_path = g_strdup (g_getenv ("PATH"));

    g_setenv ("PATH", "/usr/bin:/bin", TRUE);
    path = gst_sip_test_find_program ("kamailio");
    g_setenv ("PATH", old_path, TRUE);
    g_assert_cmpstr (path, ==, "/usr/sbin/kamailio");
    g_free (path);
    g_free (old_path);
  }
}

static void
check_reserve (GSocketFamily family, const gchar *address)
{
  guint16 port;

  port = gst_sip_test_reserve_port (family, G_SOCKET_TYPE_DATAGRAM, address);
  g_assert_cmpuint (port, !=, 0);
  g_assert_true (port_is_free (address, G_SOCKET_TYPE_DATAGRAM, port));

  port = gst_sip_test_reserve_port (family, G_SOCKET_TYPE_STREAM, address);
  g_assert_cmpuint (port, !=, 0);
  g_assert_true (port_is_free (address, G_SOCKET_TYPE_STREAM, port));

  port = gst_sip_test_reserve_port (family, G_SOCKET_TYPE_INVALID, address);
  g_assert_cmpuint (port, !=, 0);
  g_assert_true (port_is_free (address, G_SOCKET_TYPE_DATAGRAM, port));
  g_assert_true (port_is_free (address, G_SOCKET_TYPE_STREAM, port));
}

static void
test_reserve_port (void)
{
  check_reserve (G_SOCKET_FAMILY_IPV4, "127.0.0.1");
  /* The family can come from the address. */
  g_assert_cmpuint (gst_sip_test_reserve_port (G_SOCKET_FAMILY_INVALID,
                        G_SOCKET_TYPE_DATAGRAM, "127.0.0.1"),
      !=, 0);
  /* NULL is the loopback address. */
  g_assert_cmpuint (gst_sip_test_reserve_port (
                        G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, NULL),
      !=, 0);

  if (ipv6_loopback_available ())
    check_reserve (G_SOCKET_FAMILY_IPV6, "::1");
  else
    g_test_message ("no IPv6 loopback, IPv6 not checked");
}

static void
test_spawn_missing (void)
{
  const gchar *argv[] = { "gst-sip-no-such-program", NULL };
  GstSipTestPeer *peer;
  GError *error = NULL;

  peer = gst_sip_test_peer_spawn (argv, NULL, &error);
  g_assert_null (peer);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_log (void)
{
  const gchar *argv[] = { "sh", "-c",
    "echo to-stdout; echo to-stderr >&2; pwd; exit 3", NULL };
  GstSipTestPeer *peer;
  GError *error = NULL;
  gchar *workdir;
  gchar *basename;
  const gchar *log;

  workdir = gst_sip_test_make_tmp_dir ("peer-test", &error);
  g_assert_no_error (error);

  peer = gst_sip_test_peer_spawn (argv, workdir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (peer);
  g_assert_cmpint (gst_sip_test_peer_get_pid (peer), >, 0);
  g_assert_cmpstr (gst_sip_test_peer_get_workdir (peer), ==, workdir);
  g_assert_true (
      g_str_has_prefix (gst_sip_test_peer_get_log_path (peer), workdir));

  assert_exits_with (peer, "sh", 3);

  log = gst_sip_test_peer_get_log (peer);
  g_assert_nonnull (strstr (log, "to-stdout\n"));
  g_assert_nonnull (strstr (log, "to-stderr\n"));
  /* It ran in the working directory. */
  basename = g_path_get_basename (workdir);
  g_assert_nonnull (strstr (log, basename));
  g_free (basename);

  /* A caller's working directory is left alone. */
  gst_sip_test_peer_free (peer);
  g_assert_true (g_file_test (workdir, G_FILE_TEST_IS_DIR));

  /* Clean up the log file and the directory. */
  {
    GDir *dir = g_dir_open (workdir, 0, NULL);
    const gchar *name;

    g_assert_nonnull (dir);
    while ((name = g_dir_read_name (dir)) != NULL) {
      gchar *path = g_build_filename (workdir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
      g_free (path);
    }
    g_dir_close (dir);
    g_assert_cmpint (g_rmdir (workdir), ==, 0);
  }
  g_free (workdir);
}

static void
test_temp_workdir (void)
{
  const gchar *argv[] = { "sh", "-c", "echo hello > file.txt", NULL };
  GstSipTestPeer *peer;
  GError *error = NULL;
  gchar *workdir;
  gchar *file;

  peer = gst_sip_test_peer_spawn (argv, NULL, &error);
  g_assert_no_error (error);
  assert_exits_with (peer, "sh", 0);

  workdir = g_strdup (gst_sip_test_peer_get_workdir (peer));
  file = g_build_filename (workdir, "file.txt", NULL);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  /* The temporary directory goes away with the peer. */
  gst_sip_test_peer_free (peer);
  g_assert_false (g_file_test (workdir, G_FILE_TEST_EXISTS));
  g_free (file);
  g_free (workdir);
}

/* Waits are bounded and keep the caller's (thread-default) context
 * running. */
static void
test_bounded_waits (void)
{
  const gchar *argv[] = { "sleep", "30", NULL };
  GMainContext *context;
  GstSipTestPeer *peer;
  GError *error = NULL;
  GSource *source;
  guint ticks = 0;
  guint16 port;
  gint64 start, elapsed;
  gint status = 0;

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  source = g_timeout_source_new (10);
  g_source_set_callback (source, count_tick, &ticks, NULL);
  g_source_attach (source, context);

  peer = gst_sip_test_peer_spawn (argv, NULL, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_false (gst_sip_test_peer_wait_exit (peer, 300, &status));
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, >=, 300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 5 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (ticks, >=, 5);
  g_assert_cmpint (status, ==, 0);

  /* Nobody listens there. */
  port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, "127.0.0.1");
  g_assert_cmpuint (port, !=, 0);
  start = g_get_monotonic_time ();
  g_assert_false (
      gst_sip_test_peer_wait_udp_port (peer, "127.0.0.1", port, 200));
  g_assert_false (
      gst_sip_test_peer_wait_tcp_port (peer, "127.0.0.1", port, 200));
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, >=, 400 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 5 * G_TIME_SPAN_SECOND);

  /* sleep does not handle SIGTERM: it dies of it. */
  ticks = 0;
  gst_sip_test_peer_stop (peer);
  g_assert_true (gst_sip_test_peer_wait_exit (peer, 0, &status));
  g_assert_cmpint (status, ==, -SIGTERM);
  /* Stopping again is harmless. */
  gst_sip_test_peer_stop (peer);
  gst_sip_test_peer_free (peer);

  g_source_destroy (source);
  g_source_unref (source);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
}

/* Spawns a shell that reports SIGTERM from a thread of its own, and
 * returns once the shell is ready, ending the thread. */
static gpointer
spawn_in_thread (gpointer user_data)
{
  const gchar *argv[] = { "sh", "-c",
    "trap 'echo got TERM; exit 3' TERM; echo ready; "
    "while :; do sleep 0.05; done",
    NULL };
  GMainContext *context;
  GstSipTestPeer *peer;
  GError *error = NULL;
  gint64 deadline;

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  peer = gst_sip_test_peer_spawn_full (argv, NULL, SIGTERM, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);

  /* the trap must be set before the thread ends */
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (strstr (gst_sip_test_peer_get_log (peer), "ready") == NULL &&
      g_get_monotonic_time () < deadline)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);

  return peer;
}

/* The death signal of gst_sip_test_peer_spawn_full() reaches the peer when
 * the thread that spawned it ends. */
static void
test_death_signal (void)
{
  GstSipTestPeer *peer;
  GThread *thread;
  gint status = G_MININT;

#ifndef __linux__
  g_test_skip ("death signals are a Linux feature");
  return;
#endif

  thread = g_thread_new ("spawner", spawn_in_thread, NULL);
  peer = g_thread_join (thread);
  g_assert_nonnull (peer);
  g_assert_nonnull (strstr (gst_sip_test_peer_get_log (peer), "ready"));

  /* waits iterate the context of the ended thread, which nobody owns */
  assert_exits_with (peer, "sh", 3);
  g_assert_true (gst_sip_test_peer_wait_exit (peer, 0, &status));
  g_assert_nonnull (strstr (gst_sip_test_peer_get_log (peer), "got TERM"));

  gst_sip_test_peer_free (peer);
}

/* A wait for a port gives up as soon as the peer exits. */
static void
test_wait_port_peer_exited (void)
{
  const gchar *argv[] = { "sh", "-c", "exit 7", NULL };
  GstSipTestPeer *peer;
  GError *error = NULL;
  guint16 port;
  gint64 start;
  gint status = 0;

  port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, "127.0.0.1");
  peer = gst_sip_test_peer_spawn (argv, NULL, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_false (gst_sip_test_peer_wait_udp_port (
      peer, "127.0.0.1", port, LISTEN_TIMEOUT_MS));
  g_assert_cmpint (g_get_monotonic_time () - start, <,
      (LISTEN_TIMEOUT_MS / 2) * G_TIME_SPAN_MILLISECOND);
  g_assert_true (gst_sip_test_peer_wait_exit (peer, 0, &status));
  g_assert_cmpint (status, ==, 7);

  gst_sip_test_peer_free (peer);
}

static GstSipTestPeer *
spawn_sipp (const gchar *const *args, const gchar *what)
{
  GPtrArray *argv;
  GstSipTestPeer *peer;
  GError *error = NULL;
  guint i;

  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, sipp);
  for (i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  /* Never read the keyboard; keep the remote control socket (UDP 8888 and
   * up, all addresses by default) on loopback; bound every run; log failed
   * calls. */
  g_ptr_array_add (argv, (gpointer) "-nostdin");
  g_ptr_array_add (argv, (gpointer) "-ci");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1");
  g_ptr_array_add (argv, (gpointer) "-timeout");
  g_ptr_array_add (argv, (gpointer) SIPP_TIMEOUT);
  g_ptr_array_add (argv, (gpointer) "-trace_err");
  g_ptr_array_add (argv, NULL);

  peer = gst_sip_test_peer_spawn (
      (const gchar *const *) argv->pdata, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (peer);
  g_test_message (
      "started %s as pid %d", what, (gint) gst_sip_test_peer_get_pid (peer));
  g_ptr_array_unref (argv);

  return peer;
}

/* Over TCP the built-in "uas" scenario ends with a 4 s timewait, and sipp
 * counts the call as failed when the UAC closes the connection during it:
 * the TCP test uses these two scenarios, which end with the last message. */
static const gchar ping_uac_xml[] =
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n"
    "<scenario name=\"ping\">\n"
    "  <send retrans=\"500\"><![CDATA[\n"
    "\n"
    "OPTIONS sip:[service]@[remote_ip]:[remote_port] SIP/2.0\n"
    "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]\n"
    "Max-Forwards: 70\n"
    "From: <sip:ping@[local_ip]:[local_port]>;tag=[pid]ping[call_number]\n"
    "To: <sip:[service]@[remote_ip]:[remote_port]>\n"
    "Call-ID: [call_id]\n"
    "CSeq: 1 OPTIONS\n"
    "Content-Length: [len]\n"
    "\n"
    "]]></send>\n"
    "  <recv response=\"200\"/>\n"
    "</scenario>\n";

static const gchar pong_uas_xml[] =
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n"
    "<scenario name=\"pong\">\n"
    "  <recv request=\"OPTIONS\"/>\n"
    "  <send><![CDATA[\n"
    "\n"
    "SIP/2.0 200 OK\n"
    "[last_Via:]\n"
    "[last_From:]\n"
    "[last_To:];tag=[pid]pong[call_number]\n"
    "[last_Call-ID:]\n"
    "[last_CSeq:]\n"
    "Content-Length: 0\n"
    "\n"
    "]]></send>\n"
    "</scenario>\n";

/* Runs one call between two sipp instances; @uas_xml and @uac_xml are
 * scenario texts, or NULL for sipp's built-in "uas" and "uac". */
static void
run_sipp_call (GSocketFamily family, const gchar *address,
    const gchar *transport, const gchar *uas_xml, const gchar *uac_xml)
{
  gboolean tcp = g_str_equal (transport, "t1");
  GSocketType type = tcp ? G_SOCKET_TYPE_STREAM : G_SOCKET_TYPE_DATAGRAM;
  GstSipTestPeer *uas, *uac;
  guint16 uas_port, uac_port;
  gchar *uas_port_str, *uac_port_str, *target;
  gchar *dir = NULL, *uas_path = NULL, *uac_path = NULL;
  GError *error = NULL;
  gboolean listening;

  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return;
  }

  if (uas_xml != NULL || uac_xml != NULL) {
    dir = gst_sip_test_make_tmp_dir ("peer-test", &error);
    g_assert_no_error (error);
    uas_path = g_build_filename (dir, "uas.xml", NULL);
    uac_path = g_build_filename (dir, "uac.xml", NULL);
    g_file_set_contents (uas_path, uas_xml, -1, &error);
    g_assert_no_error (error);
    g_file_set_contents (uac_path, uac_xml, -1, &error);
    g_assert_no_error (error);
  }

  uas_port = gst_sip_test_reserve_port (family, type, address);
  uac_port = gst_sip_test_reserve_port (family, type, address);
  g_assert_cmpuint (uas_port, !=, 0);
  g_assert_cmpuint (uac_port, !=, 0);
  uas_port_str = g_strdup_printf ("%u", uas_port);
  uac_port_str = g_strdup_printf ("%u", uac_port);
  if (family == G_SOCKET_FAMILY_IPV6)
    target = g_strdup_printf ("[%s]:%u", address, uas_port);
  else
    target = g_strdup_printf ("%s:%u", address, uas_port);

  {
    const gchar *args[] = { dir ? "-sf" : "-sn", dir ? uas_path : "uas", "-t",
      transport, "-i", address, "-p", uas_port_str, "-m", "1", "-timeout_error",
      NULL };
    uas = spawn_sipp (args, "sipp UAS");
  }

  if (tcp)
    listening = gst_sip_test_peer_wait_tcp_port (
        uas, address, uas_port, LISTEN_TIMEOUT_MS);
  else
    listening = gst_sip_test_peer_wait_udp_port (
        uas, address, uas_port, LISTEN_TIMEOUT_MS);
  if (!listening)
    print_log (uas, "sipp UAS");
  g_assert_true (listening);

  {
    const gchar *args[] = { dir ? "-sf" : "-sn", dir ? uac_path : "uac", "-t",
      transport, "-i", address, "-p", uac_port_str, "-m", "1", "-recv_timeout",
      SIPP_RECV_TIMEOUT, "-timeout_error", target, NULL };
    uac = spawn_sipp (args, "sipp UAC");
  }

  assert_exits_with (uac, "sipp UAC", 0);
  assert_exits_with (uas, "sipp UAS", 0);

  gst_sip_test_peer_free (uac);
  gst_sip_test_peer_free (uas);
  if (dir != NULL) {
    g_assert_cmpint (g_remove (uas_path), ==, 0);
    g_assert_cmpint (g_remove (uac_path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
  g_free (uac_path);
  g_free (uas_path);
  g_free (dir);
  g_free (target);
  g_free (uac_port_str);
  g_free (uas_port_str);
}

static void
test_sipp_udp (void)
{
  run_sipp_call (G_SOCKET_FAMILY_IPV4, "127.0.0.1", "u1", NULL, NULL);
}

static void
test_sipp_tcp (void)
{
  run_sipp_call (
      G_SOCKET_FAMILY_IPV4, "127.0.0.1", "t1", pong_uas_xml, ping_uac_xml);
}

static void
test_sipp_udp_ipv6 (void)
{
  if (!ipv6_loopback_available ()) {
    g_test_skip ("no IPv6 loopback");
    return;
  }
  run_sipp_call (G_SOCKET_FAMILY_IPV6, "::1", "u1", NULL, NULL);
}

/* A sipp UAS without -m runs until it is stopped. */
static void
test_sipp_stop (void)
{
  GstSipTestPeer *uas;
  guint16 port;
  gchar *port_str;
  gint status = G_MININT;

  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return;
  }

  port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, "127.0.0.1");
  g_assert_cmpuint (port, !=, 0);
  port_str = g_strdup_printf ("%u", port);

  {
    const gchar *args[] = { "-sn", "uas", "-i", "127.0.0.1", "-p", port_str,
      NULL };
    uas = spawn_sipp (args, "sipp UAS");
  }

  if (!gst_sip_test_peer_wait_udp_port (
          uas, "127.0.0.1", port, LISTEN_TIMEOUT_MS))
    print_log (uas, "sipp UAS");
  g_assert_false (port_is_free ("127.0.0.1", G_SOCKET_TYPE_DATAGRAM, port));
  g_assert_false (gst_sip_test_peer_wait_exit (uas, 100, NULL));

  gst_sip_test_peer_stop (uas);
  g_assert_true (gst_sip_test_peer_wait_exit (uas, 0, &status));
  /* sipp handles SIGTERM: it exits normally, 0 as no call failed. */
  if (status != 0)
    print_log (uas, "sipp UAS");
  g_assert_cmpint (status, ==, 0);
  g_assert_true (port_is_free ("127.0.0.1", G_SOCKET_TYPE_DATAGRAM, port));

  gst_sip_test_peer_free (uas);
  g_free (port_str);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  sipp = gst_sip_test_find_program ("sipp");

  g_test_add_func ("/peer/find-program", test_find_program);
  g_test_add_func ("/peer/reserve-port", test_reserve_port);
  g_test_add_func ("/peer/spawn-missing", test_spawn_missing);
  g_test_add_func ("/peer/log", test_log);
  g_test_add_func ("/peer/temp-workdir", test_temp_workdir);
  g_test_add_func ("/peer/bounded-waits", test_bounded_waits);
  g_test_add_func ("/peer/wait-port-peer-exited", test_wait_port_peer_exited);
  g_test_add_func ("/peer/death-signal", test_death_signal);
  g_test_add_func ("/peer/sipp/udp", test_sipp_udp);
  g_test_add_func ("/peer/sipp/tcp", test_sipp_tcp);
  g_test_add_func ("/peer/sipp/udp-ipv6", test_sipp_udp_ipv6);
  g_test_add_func ("/peer/sipp/stop", test_sipp_stop);

  ret = g_test_run ();

  g_free (sipp);

  return ret;
}
