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

#include "peer.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

#ifdef __linux__
#include <sys/prctl.h>
#endif

/* How often the /proc tables are read again while waiting for a port. */
#define PORT_POLL_INTERVAL_MS 20

/* How long gst_sip_test_peer_free() waits for the pending exit watch to
 * report its cancellation. */
#define CANCEL_TIMEOUT_MS 5000

/* How many times gst_sip_test_reserve_port() looks for a port that is free
 * for both UDP and TCP. */
#define RESERVE_BOTH_ATTEMPTS 32

/* Linux socket states as printed in /proc/net/{udp,tcp}{,6}. */
#define PROC_STATE_TCP_LISTEN 0x0A
#define PROC_STATE_UDP_UNCONNECTED 0x07

struct _GstSipTestPeer
{
  GSubprocess *process;
  GMainContext *context;
  GCancellable *cancellable;
  GPid pid;

  gchar *program;
  gchar *workdir;
  gboolean own_workdir;
  gchar *log_path;
  gchar *log;

  /* Written by on_process_exited() on @context. */
  gboolean wait_pending;
  gboolean exited;
  gint exit_status;
};

typedef enum
{
  WAIT_CONTINUE,
  WAIT_DONE,
  WAIT_FAILED,
} WaitResult;

typedef WaitResult (*WaitFunc) (GstSipTestPeer *peer, gpointer user_data);

typedef struct
{
  const gchar *table;
  guint state;
  /* Address in network order, 4 or 16 bytes; address_len 0 matches any. */
  guint8 address[16];
  gsize address_len;
  guint16 port;
} PortQuery;

static guint peer_counter = 0;

/* Ports */

static GInetAddress *
inet_address_for (GSocketFamily family, const gchar *address)
{
  GInetAddress *inet;

  if (address == NULL)
    return g_inet_address_new_loopback (family);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    return NULL;

  if (g_inet_address_get_family (inet) != family) {
    g_object_unref (inet);
    return NULL;
  }

  return inet;
}

/* Binds a socket of @type to @inet port @port; returns the bound port, or 0.
 * With @keep the socket is returned in @keep instead of being closed. */
static guint16
bind_port (GInetAddress *inet, GSocketType type, guint16 port, GSocket **keep)
{
  GSocket *socket = NULL;
  GSocketAddress *bind_address = NULL;
  GSocketAddress *local = NULL;
  GError *error = NULL;
  guint16 result = 0;

  socket = g_socket_new (g_inet_address_get_family (inet), type,
      G_SOCKET_PROTOCOL_DEFAULT, &error);
  if (socket == NULL)
    goto failed;

  bind_address = g_inet_socket_address_new (inet, port);
  if (!g_socket_bind (socket, bind_address, FALSE, &error))
    goto failed;

  local = g_socket_get_local_address (socket, &error);
  if (local == NULL)
    goto failed;

  result = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

done:
  if (socket != NULL) {
    if (keep != NULL && result != 0)
      *keep = g_object_ref (socket);
    else
      g_socket_close (socket, NULL);
  }
  g_clear_object (&local);
  g_clear_object (&bind_address);
  g_clear_object (&socket);
  return result;

  /* ERRORS */
failed : {
  if (port == 0)
    g_test_message ("cannot bind a %s socket to port 0: %s",
        type == G_SOCKET_TYPE_STREAM ? "TCP" : "UDP", error->message);
  g_clear_error (&error);
  goto done;
}
}

/**
 * gst_sip_test_reserve_port:
 * @family: %G_SOCKET_FAMILY_IPV4 or %G_SOCKET_FAMILY_IPV6, or
 *     %G_SOCKET_FAMILY_INVALID to take it from @address
 * @type: %G_SOCKET_TYPE_DATAGRAM (UDP), %G_SOCKET_TYPE_STREAM (TCP), or
 *     %G_SOCKET_TYPE_INVALID for a port that is free for both UDP and TCP
 *     (for peers that listen on both, as SIP servers do)
 * @address: (nullable): the local address, "127.0.0.1" or "::1"; %NULL for
 *     the loopback address of @family
 *
 * Finds a port that is currently free on @address: binds port 0, reads the
 * port the kernel chose back and closes the socket again, so that a peer
 * program can be told to listen there.
 *
 * This is racy by nature: another process may take the port between this
 * call and the moment the peer binds it.  The kernel hands out ports from
 * the ephemeral range in turn, so that is rare; a peer that fails to bind
 * exits (sipp with status 254), which a test sees as a failed wait for its
 * port.  Tests accept that race; it is no way to allocate ports in
 * production code.
 *
 * Returns: the port, or 0 on failure (the reason is printed as a test
 *     message).
 */
guint16
gst_sip_test_reserve_port (
    GSocketFamily family, GSocketType type, const gchar *address)
{
  GInetAddress *inet;
  guint16 port = 0;
  guint attempt;

  g_return_val_if_fail (type == G_SOCKET_TYPE_DATAGRAM ||
          type == G_SOCKET_TYPE_STREAM || type == G_SOCKET_TYPE_INVALID,
      0);

  if (family == G_SOCKET_FAMILY_INVALID) {
    g_return_val_if_fail (address != NULL, 0);
    inet = g_inet_address_new_from_string (address);
  } else {
    inet = inet_address_for (family, address);
  }
  if (inet == NULL) {
    g_test_message ("cannot reserve a port: invalid address \"%s\"",
        address ? address : "(null)");
    return 0;
  }

  if (type != G_SOCKET_TYPE_INVALID) {
    port = bind_port (inet, type, 0, NULL);
    goto done;
  }

  /* Both: hold a UDP port while checking the same TCP port. */
  for (attempt = 0; attempt < RESERVE_BOTH_ATTEMPTS && port == 0; attempt++) {
    GSocket *udp = NULL;
    guint16 candidate;

    candidate = bind_port (inet, G_SOCKET_TYPE_DATAGRAM, 0, &udp);
    if (candidate == 0)
      break;
    if (bind_port (inet, G_SOCKET_TYPE_STREAM, candidate, NULL) == candidate)
      port = candidate;
    g_socket_close (udp, NULL);
    g_object_unref (udp);
  }
  if (port == 0)
    g_test_message ("cannot find a port free for both UDP and TCP");

done:
  g_object_unref (inet);
  return port;
}

/**
 * gst_sip_test_find_program:
 * @name: a program name, or a path
 *
 * Looks @name up in PATH, then in /usr/local/sbin, /usr/sbin and /sbin,
 * where daemons such as kamailio live but which are often not in the PATH
 * of an unprivileged user.  A @name containing a slash is only checked for
 * being executable.
 *
 * Returns: (transfer full) (nullable): the absolute path of the program, or
 *     %NULL when it is not installed.
 */
gchar *
gst_sip_test_find_program (const gchar *name)
{
  static const gchar *const extra_dirs[] = { "/usr/local/sbin", "/usr/sbin",
    "/sbin", NULL };
  gchar *path;
  guint i;

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  path = g_find_program_in_path (name);
  if (path != NULL || strchr (name, '/') != NULL)
    return path;

  for (i = 0; extra_dirs[i] != NULL; i++) {
    path = g_build_filename (extra_dirs[i], name, NULL);
    if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) &&
        !g_file_test (path, G_FILE_TEST_IS_DIR))
      return path;
    g_free (path);
  }

  return NULL;
}

/* Waiting */

static gboolean
on_wait_tick (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Calls @func, then iterates the peer's context until @func is done or
 * fails, @timeout_ms passed, or the peer exited.  @func runs again after
 * every iteration and at least every @interval_ms. */
static gboolean
wait_until (GstSipTestPeer *peer, WaitFunc func, gpointer user_data,
    guint timeout_ms, guint interval_ms)
{
  gint64 deadline;

  deadline =
      g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  for (;;) {
    GSource *tick;
    gboolean fired = FALSE;
    gint64 remaining;
    gboolean exited;
    WaitResult result;

    result = func (peer, user_data);
    if (result != WAIT_CONTINUE)
      return result == WAIT_DONE;

    remaining = deadline - g_get_monotonic_time ();
    if (remaining <= 0)
      return FALSE;

    remaining =
        (remaining + G_TIME_SPAN_MILLISECOND - 1) / G_TIME_SPAN_MILLISECOND;
    tick = g_timeout_source_new (MIN ((gint64) interval_ms, remaining));
    g_source_set_callback (tick, on_wait_tick, &fired, NULL);
    g_source_attach (tick, peer->context);

    /* Return early when the peer exits: every wait cares about that. */
    exited = peer->exited;
    while (!fired && peer->exited == exited) {
      g_main_context_iteration (peer->context, TRUE);
      if (func (peer, user_data) != WAIT_CONTINUE)
        break;
    }

    g_source_destroy (tick);
    g_source_unref (tick);
  }
}

static void
on_process_exited (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GstSipTestPeer *peer = user_data;
  GSubprocess *process = G_SUBPROCESS (source);
  GError *error = NULL;

  peer->wait_pending = FALSE;

  if (!g_subprocess_wait_finish (process, result, &error)) {
    /* Cancelled by gst_sip_test_peer_free() */
    g_clear_error (&error);
    return;
  }

  if (g_subprocess_get_if_exited (process))
    peer->exit_status = g_subprocess_get_exit_status (process);
  else if (g_subprocess_get_if_signaled (process))
    peer->exit_status = -g_subprocess_get_term_sig (process);
  else
    peer->exit_status = G_MININT;

  peer->exited = TRUE;
}

#ifdef __linux__
typedef struct
{
  pid_t parent;
  gint death_signal;
} ChildSetup;

static void
child_setup (gpointer user_data)
{
  const ChildSetup *setup = user_data;

  /* Only async-signal-safe calls here: this runs between fork and exec. */
  prctl (PR_SET_PDEATHSIG, setup->death_signal);
  if (getppid () != setup->parent)
    _exit (127);
}
#endif

/* Spawning */

/**
 * gst_sip_test_peer_spawn:
 * @argv: (array zero-terminated=1): the command line; argv[0] is looked up
 *     with gst_sip_test_find_program()
 * @workdir: (nullable): the peer's working directory, created if needed;
 *     %NULL for a new temporary directory, removed again by
 *     gst_sip_test_peer_free() (set GST_SIP_TEST_KEEP_PEER_DIRS to keep it)
 * @error: return location for a #GError
 *
 * Starts @argv as a child process in @workdir, with standard input from
 * /dev/null and standard output and standard error both written to a log
 * file in @workdir (see gst_sip_test_peer_get_log()).  The peer belongs to
 * the thread-default #GMainContext of the caller: waits iterate that
 * context, and the peer must be used from that thread.
 *
 * Same as gst_sip_test_peer_spawn_full() with %SIGKILL as the death signal.
 *
 * Returns: (transfer full) (nullable): the peer, or %NULL with @error set
 *     when the program is not installed or cannot be started.
 */
GstSipTestPeer *
gst_sip_test_peer_spawn (
    const gchar *const *argv, const gchar *workdir, GError **error)
{
  return gst_sip_test_peer_spawn_full (argv, workdir, SIGKILL, error);
}

/**
 * gst_sip_test_peer_spawn_full:
 * @argv: (array zero-terminated=1): the command line; argv[0] is looked up
 *     with gst_sip_test_find_program()
 * @workdir: (nullable): the peer's working directory, see
 *     gst_sip_test_peer_spawn()
 * @death_signal: the signal the peer gets when the thread that spawned it
 *     exits (Linux only)
 * @error: return location for a #GError
 *
 * Like gst_sip_test_peer_spawn(), with a choice of the signal that ends the
 * peer when the test dies without stopping it.  %SIGKILL suits programs
 * that run alone; a program that forks workers of its own, such as
 * kamailio, needs %SIGTERM: its main process then stops its workers before
 * it exits, where %SIGKILL would leave them running.
 *
 * Returns: (transfer full) (nullable): the peer, or %NULL with @error set
 *     when the program is not installed or cannot be started.
 */
GstSipTestPeer *
gst_sip_test_peer_spawn_full (const gchar *const *argv, const gchar *workdir,
    gint death_signal, GError **error)
{
  GstSipTestPeer *peer;
  GSubprocessLauncher *launcher = NULL;
  GPtrArray *args = NULL;
  gchar *basename = NULL;
  const gchar *identifier;
  guint i;
  gint fd;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);
  g_return_val_if_fail (death_signal > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  peer = g_new0 (GstSipTestPeer, 1);
  peer->exit_status = G_MININT;

  peer->program = gst_sip_test_find_program (argv[0]);
  if (peer->program == NULL)
    goto not_found;

  if (workdir != NULL) {
    if (g_mkdir_with_parents (workdir, 0755) != 0)
      goto no_workdir;
    peer->workdir = g_strdup (workdir);
  } else {
    peer->workdir = gst_sip_test_make_tmp_dir ("peer", error);
    if (peer->workdir == NULL)
      goto failed;
    peer->own_workdir = TRUE;
  }

  basename = g_path_get_basename (peer->program);
  peer->log_path = g_strdup_printf ("%s/%s.%d.%u.log", peer->workdir, basename,
      (gint) getpid (), g_atomic_int_add (&peer_counter, 1));
  fd = g_open (peer->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    goto no_log;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, peer->workdir);
  g_subprocess_launcher_take_stdout_fd (launcher, fd);
#ifdef __linux__
  {
    ChildSetup *setup = g_new0 (ChildSetup, 1);

    setup->parent = getpid ();
    setup->death_signal = death_signal;
    g_subprocess_launcher_set_child_setup (
        launcher, child_setup, setup, g_free);
  }
#endif

  args = g_ptr_array_new ();
  g_ptr_array_add (args, peer->program);
  for (i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  peer->process = g_subprocess_launcher_spawnv (
      launcher, (const gchar *const *) args->pdata, error);
  if (peer->process == NULL)
    goto failed;

  identifier = g_subprocess_get_identifier (peer->process);
  peer->pid = identifier ? (GPid) atoi (identifier) : 0;

  peer->context = g_main_context_ref_thread_default ();
  peer->cancellable = g_cancellable_new ();
  peer->wait_pending = TRUE;
  /* The callback is dispatched on the thread-default context. */
  g_subprocess_wait_async (
      peer->process, peer->cancellable, on_process_exited, peer);

  g_ptr_array_unref (args);
  g_object_unref (launcher);
  g_free (basename);
  return peer;

  /* ERRORS */
not_found : {
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
      "Program \"%s\" not found in PATH, /usr/local/sbin, /usr/sbin or /sbin",
      argv[0]);
  goto failed;
}
no_workdir : {
  gint errsv = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
      "Cannot create directory \"%s\": %s", workdir, g_strerror (errsv));
  goto failed;
}
no_log : {
  gint errsv = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
      "Cannot create log file \"%s\": %s", peer->log_path, g_strerror (errsv));
  goto failed;
}
failed : {
  if (args != NULL)
    g_ptr_array_unref (args);
  g_clear_object (&launcher);
  g_free (basename);
  gst_sip_test_peer_free (peer);
  return NULL;
}
}

/**
 * gst_sip_test_peer_get_pid:
 * @peer: a #GstSipTestPeer
 *
 * Returns: the process ID the peer was started with.  After the peer exited
 *     the ID may belong to another process: never signal it directly, use
 *     gst_sip_test_peer_stop().
 */
GPid
gst_sip_test_peer_get_pid (GstSipTestPeer *peer)
{
  g_return_val_if_fail (peer != NULL, 0);

  return peer->pid;
}

/**
 * gst_sip_test_peer_get_workdir:
 * @peer: a #GstSipTestPeer
 *
 * Returns: the peer's working directory, where it also writes its traces
 *     (sipp -trace_msg, -trace_err).
 */
const gchar *
gst_sip_test_peer_get_workdir (GstSipTestPeer *peer)
{
  g_return_val_if_fail (peer != NULL, NULL);

  return peer->workdir;
}

/**
 * gst_sip_test_peer_get_log_path:
 * @peer: a #GstSipTestPeer
 *
 * Returns: the file that receives the peer's standard output and standard
 *     error.
 */
const gchar *
gst_sip_test_peer_get_log_path (GstSipTestPeer *peer)
{
  g_return_val_if_fail (peer != NULL, NULL);

  return peer->log_path;
}

/**
 * gst_sip_test_peer_get_log:
 * @peer: a #GstSipTestPeer
 *
 * Reads what the peer wrote to its standard output and standard error so
 * far, for instance to print it with g_test_message() when a test fails.
 *
 * Returns: the captured output ("" when there is none); valid until the
 *     next call or gst_sip_test_peer_free().
 */
const gchar *
gst_sip_test_peer_get_log (GstSipTestPeer *peer)
{
  gchar *contents = NULL;

  g_return_val_if_fail (peer != NULL, NULL);

  g_clear_pointer (&peer->log, g_free);
  if (peer->log_path == NULL ||
      !g_file_get_contents (peer->log_path, &contents, NULL, NULL))
    contents = g_strdup ("");
  peer->log = contents;

  return peer->log;
}

/* Listening sockets, from /proc/net */

static gboolean
parse_proc_address (const gchar *hex, guint8 *address, gsize *len)
{
  gsize hex_len = strlen (hex);
  gsize i;

  if (hex_len != 8 && hex_len != 32)
    return FALSE;

  /* The kernel prints each 32-bit word of the address (network order in
   * memory) as a host-order integer: reading the integer back and storing
   * it in host order restores the bytes. */
  for (i = 0; i < hex_len / 8; i++) {
    gchar word[9];
    guint32 value;

    memcpy (word, hex + i * 8, 8);
    word[8] = '\0';
    value = (guint32) g_ascii_strtoull (word, NULL, 16);
    memcpy (address + i * 4, &value, 4);
  }
  *len = hex_len / 2;

  return TRUE;
}

static gboolean
address_matches (const PortQuery *query, const guint8 *address, gsize len)
{
  static const guint8 zeros[16] = {
    0,
  };
  static const guint8 v4_mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff,
    0xff };

  if (query->address_len == 0)
    return TRUE;

  /* A socket bound to the wildcard address receives on every address of its
   * family; an IPv6 wildcard socket also receives IPv4 unless it is
   * IPV6_V6ONLY, which /proc does not show. */
  if (memcmp (address, zeros, len) == 0)
    return len == query->address_len || len == 16;

  if (len == query->address_len)
    return memcmp (address, query->address, len) == 0;

  if (len == 16 && query->address_len == 4)
    return memcmp (address, v4_mapped, 12) == 0 &&
        memcmp (address + 12, query->address, 4) == 0;

  return FALSE;
}

static gboolean
proc_table_has_socket (const gchar *path, const PortQuery *query)
{
  gchar *contents = NULL;
  gchar **lines;
  gboolean found = FALSE;
  guint i;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  /* The first line holds the column titles. */
  for (i = 1; lines[0] != NULL && lines[i] != NULL && !found; i++) {
    gchar local[33];
    guint port, state;
    guint8 address[16];
    gsize len;

    if (sscanf (lines[i], " %*u: %32[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %x", local,
            &port, &state) != 3)
      continue;
    if (port != query->port || state != query->state)
      continue;
    if (!parse_proc_address (local, address, &len))
      continue;

    found = address_matches (query, address, len);
  }

  g_strfreev (lines);
  g_free (contents);
  return found;
}

static WaitResult
check_port (GstSipTestPeer *peer, gpointer user_data)
{
  const PortQuery *query = user_data;
  gchar *path;
  gboolean found;

  path = g_strdup_printf ("/proc/net/%s", query->table);
  found = proc_table_has_socket (path, query);
  g_free (path);

  if (!found) {
    path = g_strdup_printf ("/proc/net/%s6", query->table);
    found = proc_table_has_socket (path, query);
    g_free (path);
  }

  if (found)
    return WAIT_DONE;

  return peer->exited ? WAIT_FAILED : WAIT_CONTINUE;
}

static gboolean
wait_port (GstSipTestPeer *peer, const gchar *table, guint state,
    const gchar *address, guint16 port, guint timeout_ms)
{
  PortQuery query = {
    0,
  };
  gboolean found;

  query.table = table;
  query.state = state;
  query.port = port;

  if (address != NULL) {
    GInetAddress *inet = g_inet_address_new_from_string (address);

    g_return_val_if_fail (inet != NULL, FALSE);
    query.address_len = g_inet_address_get_native_size (inet);
    memcpy (query.address, g_inet_address_to_bytes (inet), query.address_len);
    g_object_unref (inet);
  }

  found =
      wait_until (peer, check_port, &query, timeout_ms, PORT_POLL_INTERVAL_MS);
  if (!found)
    g_test_message ("%s (pid %d) is not listening on %s %s port %u%s",
        peer->program, (gint) peer->pid, table, address ? address : "any", port,
        peer->exited ? ": it exited" : "");

  return found;
}

/**
 * gst_sip_test_peer_wait_udp_port:
 * @peer: a #GstSipTestPeer
 * @address: (nullable): the address the peer should bind, "127.0.0.1" or
 *     "::1"; %NULL for any address
 * @port: the UDP port the peer should bind
 * @timeout_ms: how long to wait at most
 *
 * Waits until a UDP socket is bound to @address (or to the wildcard address
 * of its family) and @port, by reading /proc/net/udp and /proc/net/udp6
 * every few milliseconds; no packet is sent to the peer.  The socket is not
 * checked to be the peer's own, so pass a port reserved for this peer with
 * gst_sip_test_reserve_port().
 *
 * Returns: %TRUE when the port is bound, %FALSE after @timeout_ms or as soon
 *     as the peer exited.
 */
gboolean
gst_sip_test_peer_wait_udp_port (
    GstSipTestPeer *peer, const gchar *address, guint16 port, guint timeout_ms)
{
  g_return_val_if_fail (peer != NULL, FALSE);
  g_return_val_if_fail (port != 0, FALSE);

  return wait_port (
      peer, "udp", PROC_STATE_UDP_UNCONNECTED, address, port, timeout_ms);
}

/**
 * gst_sip_test_peer_wait_tcp_port:
 * @peer: a #GstSipTestPeer
 * @address: (nullable): the address the peer should listen on, "127.0.0.1"
 *     or "::1"; %NULL for any address
 * @port: the TCP port the peer should listen on
 * @timeout_ms: how long to wait at most
 *
 * Waits until a TCP socket listens on @address (or on the wildcard address
 * of its family) and @port, by reading /proc/net/tcp and /proc/net/tcp6;
 * the peer sees no probe connection.  See gst_sip_test_peer_wait_udp_port().
 *
 * Returns: %TRUE when the port listens, %FALSE after @timeout_ms or as soon
 *     as the peer exited.
 */
gboolean
gst_sip_test_peer_wait_tcp_port (
    GstSipTestPeer *peer, const gchar *address, guint16 port, guint timeout_ms)
{
  g_return_val_if_fail (peer != NULL, FALSE);
  g_return_val_if_fail (port != 0, FALSE);

  return wait_port (
      peer, "tcp", PROC_STATE_TCP_LISTEN, address, port, timeout_ms);
}

/* Exit */

static WaitResult
check_exited (GstSipTestPeer *peer, gpointer user_data)
{
  return peer->exited ? WAIT_DONE : WAIT_CONTINUE;
}

/**
 * gst_sip_test_peer_wait_exit:
 * @peer: a #GstSipTestPeer
 * @timeout_ms: how long to wait at most; 0 only checks
 * @exit_status: (out) (optional): the exit status
 *
 * Waits until the peer exits.  @exit_status receives the status the peer
 * passed to exit() (0 to 255: sipp's -1 and -2 are 255 and 254), or minus
 * the signal number when a signal killed it.
 *
 * Returns: %TRUE when the peer has exited, %FALSE when it still runs after
 *     @timeout_ms.
 */
gboolean
gst_sip_test_peer_wait_exit (
    GstSipTestPeer *peer, guint timeout_ms, gint *exit_status)
{
  gboolean exited;

  g_return_val_if_fail (peer != NULL, FALSE);

  exited = peer->process != NULL &&
      wait_until (peer, check_exited, NULL, timeout_ms, timeout_ms);

  if (exited && exit_status != NULL)
    *exit_status = peer->exit_status;

  return exited;
}

/**
 * gst_sip_test_peer_stop:
 * @peer: a #GstSipTestPeer
 *
 * Stops the peer if it still runs: sends SIGTERM to its process (only to
 * that process, and only while GLib has not reaped it, so the signal never
 * reaches a process that reused the ID), waits up to
 * %GST_SIP_TEST_PEER_STOP_TIMEOUT_MS, then sends SIGKILL and waits again.
 * Its exit status is then available from gst_sip_test_peer_wait_exit().
 */
void
gst_sip_test_peer_stop (GstSipTestPeer *peer)
{
  g_return_if_fail (peer != NULL);

  if (peer->process == NULL || peer->exited)
    return;

  g_subprocess_send_signal (peer->process, SIGTERM);
  if (gst_sip_test_peer_wait_exit (
          peer, GST_SIP_TEST_PEER_STOP_TIMEOUT_MS, NULL))
    return;

  g_test_message ("%s (pid %d) ignored SIGTERM for %u ms, killing it",
      peer->program, (gint) peer->pid, GST_SIP_TEST_PEER_STOP_TIMEOUT_MS);
  g_subprocess_force_exit (peer->process);
  if (!gst_sip_test_peer_wait_exit (
          peer, GST_SIP_TEST_PEER_STOP_TIMEOUT_MS, NULL))
    g_test_message ("%s (pid %d) survived SIGKILL for %u ms", peer->program,
        (gint) peer->pid, GST_SIP_TEST_PEER_STOP_TIMEOUT_MS);
}

/* Freeing */

static WaitResult
check_wait_done (GstSipTestPeer *peer, gpointer user_data)
{
  return peer->wait_pending ? WAIT_CONTINUE : WAIT_DONE;
}

/**
 * gst_sip_test_remove_tree:
 * @path: a file or directory
 *
 * Removes @path and, for a directory, everything in it; symbolic links are
 * removed, not followed.
 */
void
gst_sip_test_remove_tree (const gchar *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode)) {
    GDir *dir = g_dir_open (path, 0, NULL);
    const gchar *name;

    if (dir != NULL) {
      while ((name = g_dir_read_name (dir)) != NULL) {
        gchar *child = g_build_filename (path, name, NULL);

        gst_sip_test_remove_tree (child);
        g_free (child);
      }
      g_dir_close (dir);
    }
    g_rmdir (path);
  } else {
    g_remove (path);
  }
}

/**
 * gst_sip_test_peer_free:
 * @peer: (nullable): a #GstSipTestPeer
 *
 * Stops the peer (see gst_sip_test_peer_stop()) and frees it, removing its
 * working directory when gst_sip_test_peer_spawn() created it.
 */
void
gst_sip_test_peer_free (GstSipTestPeer *peer)
{
  if (peer == NULL)
    return;

  gst_sip_test_peer_stop (peer);

  if (peer->wait_pending) {
    g_cancellable_cancel (peer->cancellable);
    if (!wait_until (peer, check_wait_done, NULL, CANCEL_TIMEOUT_MS,
            CANCEL_TIMEOUT_MS)) {
      /* on_process_exited() still holds the pointer: leak rather than
       * crash later. */
      g_test_message ("%s (pid %d): exit watch still pending, leaking it",
          peer->program, (gint) peer->pid);
      return;
    }
  }

  if (peer->own_workdir && g_getenv ("GST_SIP_TEST_KEEP_PEER_DIRS") == NULL)
    gst_sip_test_remove_tree (peer->workdir);

  g_clear_object (&peer->process);
  g_clear_object (&peer->cancellable);
  g_clear_pointer (&peer->context, g_main_context_unref);
  g_free (peer->program);
  g_free (peer->workdir);
  g_free (peer->log_path);
  g_free (peer->log);
  g_free (peer);
}

/**
 * gst_sip_test_make_tmp_dir:
 * @name: what the directory is for, a part of its name
 * @error: return location for a #GError
 *
 * Creates a new private directory `gst-sip-@name-` plus a unique suffix in
 * the temporary directory.
 *
 * Returns: (transfer full): its path, or %NULL with @error set
 */
gchar *
gst_sip_test_make_tmp_dir (const gchar *name, GError **error)
{
  /* g_dir_make_tmp() replaces the six trailing X */
  gchar *suffix = g_strnfill (6, 'X');
  gchar *template = g_strdup_printf ("gst-sip-%s-%s", name, suffix);
  gchar *dir = g_dir_make_tmp (template, error);

  g_free (template);
  g_free (suffix);
  return dir;
}

/**
 * gst_sip_test_peer_read_file:
 * @peer: a #GstSipTestPeer
 * @name: a file in its working directory
 *
 * Returns: (transfer full): the contents of the file, or `(none)` when it
 *   cannot be read, for failure reports
 */
gchar *
gst_sip_test_peer_read_file (GstSipTestPeer *peer, const gchar *name)
{
  gchar *path, *contents = NULL;

  path = g_build_filename (gst_sip_test_peer_get_workdir (peer), name, NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    contents = g_strdup ("(none)\n");
  g_free (path);
  return contents;
}

/**
 * gst_sip_test_sipp_assert_succeeds:
 * @peer: a sipp #GstSipTestPeer
 * @what: what the run was, for the report
 * @timeout_ms: how long to wait for sipp to exit
 *
 * Waits for sipp to exit and fails the test with its output, error log and
 * message trace unless it exited with status 0.  With --verbose, a
 * successful run's message trace is shown too.
 */
void
gst_sip_test_sipp_assert_succeeds (
    GstSipTestPeer *peer, const gchar *what, guint timeout_ms)
{
  gint status = G_MININT;
  gboolean exited;
  gchar *errors, *messages, *outcome, *report, *text;
  gchar **lines;

  exited = gst_sip_test_peer_wait_exit (peer, timeout_ms, &status);
  if (exited && status == 0) {
    if (g_test_verbose ()) {
      messages =
          gst_sip_test_peer_read_file (peer, GST_SIP_TEST_SIPP_MESSAGE_FILE);
      g_test_message ("sipp %s messages:\n%s", what, messages);
      g_free (messages);
    }
    return;
  }

  errors = gst_sip_test_peer_read_file (peer, GST_SIP_TEST_SIPP_ERROR_FILE);
  messages = gst_sip_test_peer_read_file (peer, GST_SIP_TEST_SIPP_MESSAGE_FILE);
  if (exited)
    outcome = g_strdup_printf ("exited with status %d", status);
  else
    outcome = g_strdup_printf ("still ran after %u ms", timeout_ms);
  report = g_strdup_printf ("sipp %s (pid %d, in %s) %s\n"
                            "--- output ---\n%s\n"
                            "--- errors ---\n%s\n"
                            "--- messages ---\n%s",
      what, (gint) gst_sip_test_peer_get_pid (peer),
      gst_sip_test_peer_get_workdir (peer), outcome,
      gst_sip_test_peer_get_log (peer), errors, messages);
  g_free (outcome);
  /* the assertion message goes to a TAP "Bail out!" line: make the lines
   * after the first TAP comments */
  lines = g_strsplit (report, "\n", -1);
  text = g_strjoinv ("\n# ", lines);
  g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, text);
  g_free (text);
  g_strfreev (lines);
  g_free (report);
  g_free (errors);
  g_free (messages);
}

/**
 * gst_sip_test_find_modules_dir:
 * @program: the program the modules belong to, for messages
 * @env: an environment variable that names the directory, or %NULL
 * @candidates: (array zero-terminated=1): where distributions install them
 * @required: (array zero-terminated=1): modules (file names without `.so`)
 *   the directory must have; the first one also identifies it
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the directory of the modules of @program: @env
 *   when set, else the first of @candidates with the first of @required;
 *   %NULL with a %G_IO_ERROR_NOT_FOUND error when there is none or a
 *   required module is missing
 */
gchar *
gst_sip_test_find_modules_dir (const gchar *program, const gchar *env,
    const gchar *const *candidates, const gchar *const *required,
    GError **error)
{
  const gchar *value = env ? g_getenv (env) : NULL;
  gchar *dir = NULL;
  guint i;

  if (value != NULL && *value != '\0') {
    dir = g_strdup (value);
  } else {
    gchar *marker = g_strconcat (required[0], ".so", NULL);

    for (i = 0; candidates[i] != NULL && dir == NULL; i++) {
      gchar *path = g_build_filename (candidates[i], marker, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        dir = g_strdup (candidates[i]);
      g_free (path);
    }
    g_free (marker);
    if (dir == NULL) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
          "%s modules not found (set %s to their directory)", program,
          env ? env : "their path");
      return NULL;
    }
  }

  for (i = 0; required[i] != NULL; i++) {
    gchar *name = g_strconcat (required[i], ".so", NULL);
    gchar *path = g_build_filename (dir, name, NULL);
    gboolean found = g_file_test (path, G_FILE_TEST_EXISTS);

    g_free (path);
    g_free (name);
    if (!found) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
          "%s module %s not found in %s", program, required[i], dir);
      g_free (dir);
      return NULL;
    }
  }
  return dir;
}
