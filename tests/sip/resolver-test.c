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

/* RFC 3263 server location.
 *
 * The tests under /resolver/unit/ need no DNS.  /resolver/localhost/ uses
 * the system resolver for "localhost".  /resolver/dns runs only as root
 * with dnsmasq and unshare: it runs this program again in a private mount
 * namespace whose /etc/resolv.conf names a dnsmasq on a loopback address,
 * serving SRV and A records for names under .test.  The real
 * /etc/resolv.conf is never touched. */

#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <glib/gstdio.h>
#include <sip/sip.h>
#include "peer.h"
#include "sip/sip-resolver-private.h"
#include "sip/sip-transport-private.h"

#define RESOLVE_TIMEOUT_MS 15000
#define CHILD_TIMEOUT_MS 60000
#define DNSMASQ_START_TIMEOUT_MS 5000
#define DNSMASQ_STOP_TIMEOUT_MS 5000

#define BIT(p) (1u << GST_SIP_TRANSPORT_PROTOCOL_##p)
#define ALL (BIT (UDP) | BIT (TCP) | BIT (TLS) | BIT (WS) | BIT (WSS))

/* exit status of the child when the DNS test cannot run here */
#define EXIT_SKIP 77

static void
iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

/* ---------------------------------------------------------------------- */
/* resolving */

typedef struct
{
  gboolean done;
  GPtrArray *targets;
  GError *error;
} Result;

static void
on_resolved (GObject *source, GAsyncResult *res, gpointer user_data)
{
  Result *result = user_data;

  result->targets = _gst_sip_resolve_finish (res, &result->error);
  result->done = TRUE;
}

/* Resolves @text; FALSE when that took longer than @timeout_ms (the lookup
 * is cancelled then). */
static gboolean
resolve (const gchar *text, GstSipProtocolMask supported, guint timeout_ms,
    Result *result)
{
  GCancellable *cancellable = g_cancellable_new ();
  GError *error = NULL;
  GstSipUri *uri;
  gint64 deadline;
  gboolean in_time = TRUE;

  memset (result, 0, sizeof (Result));
  uri = gst_sip_uri_new (text, &error);
  g_assert_no_error (error);

  _gst_sip_resolve_async (
      NULL, uri, supported, cancellable, on_resolved, result);
  gst_sip_uri_free (uri);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  while (!result->done) {
    if (in_time && g_get_monotonic_time () > deadline) {
      in_time = FALSE;
      g_cancellable_cancel (cancellable);
      deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    } else if (!in_time && g_get_monotonic_time () > deadline) {
      g_error ("resolving %s did not end after it was cancelled", text);
    }
    iterate ();
  }
  g_object_unref (cancellable);

  return in_time;
}

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->targets, g_ptr_array_unref);
  g_clear_error (&result->error);
}

static gchar *
targets_to_string (GPtrArray *targets)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < targets->len; i++) {
    GstSipTarget *target = g_ptr_array_index (targets, i);
    gchar *address =
        _gst_sip_socket_address_to_string (G_SOCKET_ADDRESS (target->address));

    g_string_append_printf (out, "%s%s %s", i ? ", " : "",
        gst_sip_transport_protocol_to_string (target->protocol), address);
    g_free (address);
  }
  return g_string_free (out, FALSE);
}

/* resolves @text and compares the targets with @expected, as
 * "UDP 127.0.0.1:5060, TCP [::1]:5070" */
static void
check_resolve (
    const gchar *text, GstSipProtocolMask supported, const gchar *expected)
{
  Result result;
  gchar *got;

  g_assert_true (resolve (text, supported, RESOLVE_TIMEOUT_MS, &result));
  if (result.error)
    g_error ("%s: %s", text, result.error->message);
  g_assert_nonnull (result.targets);
  got = targets_to_string (result.targets);
  if (g_strcmp0 (got, expected) != 0)
    g_error ("%s: expected \"%s\", got \"%s\"", text, expected, got);
  g_free (got);
  result_clear (&result);
}

static void
check_resolve_error (const gchar *text, GstSipProtocolMask supported, gint code,
    const gchar *in_message)
{
  Result result;

  g_assert_true (resolve (text, supported, RESOLVE_TIMEOUT_MS, &result));
  g_assert_null (result.targets);
  g_assert_error (result.error, GST_SIP_ERROR, code);
  if (in_message && !strstr (result.error->message, in_message))
    g_error (
        "%s: \"%s\" does not name %s", text, result.error->message, in_message);
  result_clear (&result);
}

/* ---------------------------------------------------------------------- */
/* /resolver/unit */

typedef struct
{
  const gchar *uri;
  GstSipProtocolMask supported;
  gboolean ok;
  GstSipTransportProtocol protocol;
  guint port;
} ProtocolCase;

static const ProtocolCase protocol_cases[] = {
  { "sip:a.example", ALL, TRUE, GST_SIP_TRANSPORT_PROTOCOL_UDP, 5060 },
  { "sip:a.example:5070", ALL, TRUE, GST_SIP_TRANSPORT_PROTOCOL_UDP, 5070 },
  { "sip:192.0.2.1", ALL, TRUE, GST_SIP_TRANSPORT_PROTOCOL_UDP, 5060 },
  { "sip:a.example;transport=TCP", ALL, TRUE, GST_SIP_TRANSPORT_PROTOCOL_TCP,
      5060 },
  { "sip:a.example;transport=tls", ALL, TRUE, GST_SIP_TRANSPORT_PROTOCOL_TLS,
      5061 },
  { "sip:a.example;transport=ws", ALL, TRUE, GST_SIP_TRANSPORT_PROTOCOL_WS,
      5060 },
  { "sips:a.example", ALL, TRUE, GST_SIP_TRANSPORT_PROTOCOL_TLS, 5061 },
  { "sips:a.example:5071", ALL, TRUE, GST_SIP_TRANSPORT_PROTOCOL_TLS, 5071 },
  { "sips:a.example;transport=tcp", ALL, TRUE, GST_SIP_TRANSPORT_PROTOCOL_TLS,
      5061 },
  { "sips:a.example;transport=ws", ALL, TRUE, GST_SIP_TRANSPORT_PROTOCOL_WSS,
      5061 },
  { "sip:a.example", BIT (TCP), TRUE, GST_SIP_TRANSPORT_PROTOCOL_TCP, 5060 },
  { "sip:a.example", BIT (TLS), TRUE, GST_SIP_TRANSPORT_PROTOCOL_TLS, 5061 },
  { "sips:a.example;transport=udp", ALL, FALSE },
  { "sip:a.example;transport=sctp", ALL, FALSE },
  { "sip:a.example;transport=ws", BIT (UDP) | BIT (TCP), FALSE },
  { "sip:a.example;transport=tcp", BIT (UDP), FALSE },
  { "sips:a.example", BIT (UDP) | BIT (TCP), FALSE },
  { "sip:a.example", 0, FALSE },
  { "tel:+1-201-555-0123", ALL, FALSE },
};

static void
test_protocol (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (protocol_cases); i++) {
    const ProtocolCase *c = &protocol_cases[i];
    GstSipTransportProtocol protocol = GST_SIP_TRANSPORT_PROTOCOL_WSS + 1;
    guint port = 0;
    GstSipUri *uri;
    gboolean ok;

    uri = gst_sip_uri_new (c->uri, NULL);
    g_assert_nonnull (uri);
    ok = _gst_sip_resolve_protocol (uri, c->supported, &protocol, &port);
    if (ok != c->ok)
      g_error ("%s: expected %s", c->uri, c->ok ? "success" : "failure");
    if (ok) {
      g_assert_cmpint (protocol, ==, c->protocol);
      g_assert_cmpuint (port, ==, c->port);
    }
    gst_sip_uri_free (uri);
  }
}

/* IP addresses need no lookup */
static void
test_numeric (void)
{
  check_resolve ("sip:127.0.0.1", ALL, "UDP 127.0.0.1:5060");
  check_resolve ("sip:bob@127.0.0.1:5070", ALL, "UDP 127.0.0.1:5070");
  check_resolve ("sip:[::1]", ALL, "UDP [::1]:5060");
  check_resolve (
      "sip:[2001:db8::5]:5080;transport=tcp", ALL, "TCP [2001:db8::5]:5080");
  check_resolve ("sip:192.0.2.7;transport=TCP", ALL, "TCP 192.0.2.7:5060");
  check_resolve ("sips:192.0.2.7", ALL, "TLS 192.0.2.7:5061");
  check_resolve ("sip:192.0.2.7", BIT (TCP), "TCP 192.0.2.7:5060");
  /* maddr replaces the host, the port stays */
  check_resolve ("sip:alice@unresolvable.invalid:5090;maddr=192.0.2.9", ALL,
      "UDP 192.0.2.9:5090");
  check_resolve (
      "sip:alice@192.0.2.1;maddr=[::1];transport=tcp", ALL, "TCP [::1]:5060");
}

static void
test_errors (void)
{
  check_resolve_error ("sip:127.0.0.1;transport=sctp", ALL,
      GST_SIP_ERROR_UNSUPPORTED, "127.0.0.1");
  check_resolve_error ("sip:127.0.0.1;transport=tls", BIT (UDP) | BIT (TCP),
      GST_SIP_ERROR_UNSUPPORTED, "127.0.0.1");
  check_resolve_error (
      "sips:127.0.0.1;transport=udp", ALL, GST_SIP_ERROR_UNSUPPORTED, NULL);
  check_resolve_error (
      "tel:+1-201-555-0123", ALL, GST_SIP_ERROR_UNSUPPORTED, "tel:");
}

/* ---------------------------------------------------------------------- */
/* /resolver/localhost: the system resolver, /etc/hosts */

static gboolean
targets_have (GPtrArray *targets, GstSipTransportProtocol protocol,
    const gchar *host, guint port)
{
  guint i;

  for (i = 0; i < targets->len; i++) {
    GstSipTarget *target = g_ptr_array_index (targets, i);
    gchar *text = g_inet_address_to_string (
        g_inet_socket_address_get_address (target->address));
    gboolean match = target->protocol == protocol &&
        g_strcmp0 (text, host) == 0 &&
        g_inet_socket_address_get_port (target->address) == port;

    g_free (text);
    if (match)
      return TRUE;
  }
  return FALSE;
}

static void
test_localhost_port (void)
{
  Result result;

  g_assert_true (
      resolve ("sip:localhost:5070;transport=tcp", ALL, 15000, &result));
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.targets->len, >=, 1);
  g_assert_true (targets_have (
      result.targets, GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 5070));
  result_clear (&result);

  check_resolve_error ("sip:nothing.invalid:5060", ALL, GST_SIP_ERROR_RESOLVE,
      "nothing.invalid");
}

/* no port, no SRV record: A/AAAA on the default port.  The SRV queries go
 * to the configured name server, which may not answer here. */
static void
test_localhost_no_srv (void)
{
  Result result;

  if (!resolve ("sip:localhost", BIT (UDP) | BIT (TCP), 15000, &result)) {
    result_clear (&result);
    g_test_skip ("the name server does not answer in time");
    return;
  }
  g_assert_no_error (result.error);
  g_assert_true (targets_have (
      result.targets, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 5060));
  result_clear (&result);
}

/* ---------------------------------------------------------------------- */
/* /resolver/dns: SRV records from a dnsmasq in a private mount namespace */

static const gchar *const dns_records[] = {
  "--srv-host=_sip._udp.example.test,sip2.example.test,5072,20,10",
  "--srv-host=_sip._udp.example.test,sip1.example.test,5070,10,50",
  "--srv-host=_sip._tcp.example.test,sip1.example.test,5071,10,50",
  "--srv-host=_sips._tcp.example.test,sip3.example.test,5081,10,50",
  "--srv-host=_sip._tcp.tcponly.test,sip1.example.test,6000,10,10",
  "--srv-host=_sip._udp.dangling.test,gone.example.test,5070,10,10",
  "--host-record=example.test,127.0.0.5",
  "--host-record=sip1.example.test,127.0.0.1",
  "--host-record=sip2.example.test,127.0.0.2",
  "--host-record=sip3.example.test,127.0.0.3",
  "--host-record=nosrv.test,127.0.0.9",
  "--host-record=v6.test,::1",
  /* answer for .test here, NXDOMAIN for the rest */
  "--local=/test/",
};

static void
test_dns_srv_order (void)
{
  /* priority 10 before 20, whatever the order in the zone */
  check_resolve (
      "sip:example.test", ALL, "UDP 127.0.0.1:5070, UDP 127.0.0.2:5072");
  check_resolve (
      "sip:alice@example.test;transport=tcp", ALL, "TCP 127.0.0.1:5071");
  check_resolve ("sips:example.test", ALL, "TLS 127.0.0.3:5081");
  /* only the supported transports are looked up */
  check_resolve ("sip:example.test", BIT (TCP), "TCP 127.0.0.1:5071");
  /* no UDP records: the next transport */
  check_resolve (
      "sip:tcponly.test", BIT (UDP) | BIT (TCP), "TCP 127.0.0.1:6000");
}

static void
test_dns_no_srv (void)
{
  check_resolve ("sip:nosrv.test", ALL, "UDP 127.0.0.9:5060");
  check_resolve ("sip:nosrv.test", BIT (TCP), "TCP 127.0.0.9:5060");
  check_resolve ("sip:nosrv.test;transport=tcp", ALL, "TCP 127.0.0.9:5060");
  check_resolve ("sips:nosrv.test", ALL, "TLS 127.0.0.9:5061");
  check_resolve (
      "sip:x@unknown.test;maddr=nosrv.test", ALL, "UDP 127.0.0.9:5060");
}

static void
test_dns_port (void)
{
  /* a port means no SRV lookup */
  check_resolve ("sip:example.test:5999", ALL, "UDP 127.0.0.5:5999");
  check_resolve ("sip:v6.test:5090;transport=tcp", ALL, "TCP [::1]:5090");
}

static void
test_dns_errors (void)
{
  check_resolve_error (
      "sip:missing.test", ALL, GST_SIP_ERROR_RESOLVE, "missing.test");
  check_resolve_error (
      "sip:missing.test:5060", ALL, GST_SIP_ERROR_RESOLVE, "missing.test");
  /* an SRV target without an address */
  check_resolve_error (
      "sip:dangling.test", BIT (UDP), GST_SIP_ERROR_RESOLVE, "dangling.test");
}

#ifdef __linux__
static void
kill_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}
#endif

/* waits (bounded) for the child @pid to exit; FALSE if it did not */
static gboolean
wait_pid (GPid pid, guint timeout_ms, gint *status)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (waitpid (pid, status, WNOHANG) == 0) {
    if (g_get_monotonic_time () > deadline)
      return FALSE;
    g_usleep (10000);
  }
  return TRUE;
}

static void
stop_pid (GPid pid)
{
  gint status;

  kill (pid, SIGTERM);
  if (!wait_pid (pid, DNSMASQ_STOP_TIMEOUT_MS, &status)) {
    kill (pid, SIGKILL);
    wait_pid (pid, DNSMASQ_STOP_TIMEOUT_MS, &status);
  }
}

/* whether something has bound UDP @address:53 */
static gboolean
port_53_in_use (const gchar *address)
{
  GSocketAddress *sa = g_inet_socket_address_new_from_string (address, 53);
  GSocket *socket;
  GError *error = NULL;
  gboolean in_use = FALSE;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, NULL);
  if (socket && !g_socket_bind (socket, sa, FALSE, &error)) {
    in_use = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
    g_clear_error (&error);
  }
  g_clear_object (&socket);
  g_object_unref (sa);

  return in_use;
}

/* runs inside the private mount namespace:
 * self --dns-child ADDRESS WORKDIR DNSMASQ */
static int
dns_child_main (int argc, char **argv)
{
  const gchar *address, *workdir, *dnsmasq;
  gchar *resolv = NULL, *expected, *log_file, *pid_file;
  GPtrArray *args;
  GError *error = NULL;
  GPid pid;
  gint64 deadline;
  gint status, ret;
  guint i;
  gchar *test_argv[] = { argv[0], NULL };
  gchar **targv = test_argv;
  gint targc = 1;

  if (argc != 5) {
    g_printerr ("usage: %s --dns-child ADDRESS WORKDIR DNSMASQ\n", argv[0]);
    return 1;
  }
  address = argv[2];
  workdir = argv[3];
  dnsmasq = argv[4];

  /* never go on with the real resolver configuration */
  expected = g_strdup_printf ("nameserver %s\n", address);
  if (!g_file_get_contents ("/etc/resolv.conf", &resolv, NULL, NULL) ||
      !g_str_has_prefix (resolv, expected)) {
    g_printerr ("/etc/resolv.conf is not the test one\n");
    return 1;
  }
  g_free (resolv);
  g_free (expected);

  log_file = g_strdup_printf ("--log-facility=%s/dnsmasq.log", workdir);
  pid_file = g_strdup_printf ("--pid-file=%s/dnsmasq.pid", workdir);
  args = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (args, g_strdup (dnsmasq));
  g_ptr_array_add (args, g_strdup ("--keep-in-foreground"));
  g_ptr_array_add (args, g_strdup ("--conf-file=/dev/null"));
  g_ptr_array_add (args, g_strdup ("--port=53"));
  g_ptr_array_add (args, g_strdup_printf ("--listen-address=%s", address));
  g_ptr_array_add (args, g_strdup ("--bind-interfaces"));
  g_ptr_array_add (args, g_strdup ("--no-resolv"));
  g_ptr_array_add (args, g_strdup ("--no-hosts"));
  g_ptr_array_add (args, g_strdup ("--user=root"));
  g_ptr_array_add (args, log_file);
  g_ptr_array_add (args, pid_file);
  for (i = 0; i < G_N_ELEMENTS (dns_records); i++)
    g_ptr_array_add (args, g_strdup (dns_records[i]));
  g_ptr_array_add (args, NULL);

#ifdef __linux__
  g_spawn_async (NULL, (gchar **) args->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
      kill_with_parent, NULL, &pid, &error);
#else
  g_spawn_async (NULL, (gchar **) args->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
      NULL, NULL, &pid, &error);
#endif
  g_ptr_array_unref (args);
  if (error) {
    g_printerr ("cannot start dnsmasq: %s\n", error->message);
    g_clear_error (&error);
    return EXIT_SKIP;
  }

  /* listening once its port is taken */
  deadline = g_get_monotonic_time () + DNSMASQ_START_TIMEOUT_MS * 1000;
  while (!port_53_in_use (address)) {
    if (waitpid (pid, &status, WNOHANG) == pid) {
      g_printerr ("dnsmasq exited at once\n");
      return EXIT_SKIP;
    }
    if (g_get_monotonic_time () > deadline) {
      g_printerr ("dnsmasq does not listen on %s\n", address);
      stop_pid (pid);
      return 1;
    }
    g_usleep (10000);
  }

  g_test_init (&targc, &targv, NULL);
  g_test_add_func ("/resolver/dns/srv-order", test_dns_srv_order);
  g_test_add_func ("/resolver/dns/no-srv", test_dns_no_srv);
  g_test_add_func ("/resolver/dns/port", test_dns_port);
  g_test_add_func ("/resolver/dns/errors", test_dns_errors);
  ret = g_test_run ();

  stop_pid (pid);
  return ret;
}

static gchar *
find_sbin_program (const gchar *name)
{
  static const gchar *const dirs[] = { "/usr/sbin", "/sbin" };
  gchar *path = g_find_program_in_path (name);
  guint i;

  for (i = 0; path == NULL && i < G_N_ELEMENTS (dirs); i++) {
    path = g_build_filename (dirs[i], name, NULL);
    if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
      g_clear_pointer (&path, g_free);
  }
  return path;
}

/* a loopback address with port 53 free */
static gchar *
pick_dns_address (void)
{
  guint i, base = getpid ();

  for (i = 0; i < 32; i++) {
    guint n = base + i;
    gchar *address =
        g_strdup_printf ("127.53.%u.%u", (n >> 8) % 250 + 1, n % 250 + 1);
    GSocketAddress *sa = g_inet_socket_address_new_from_string (address, 53);
    GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4,
        G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
    gboolean free_port = socket && g_socket_bind (socket, sa, FALSE, NULL);

    g_clear_object (&socket);
    g_object_unref (sa);
    if (free_port)
      return address;
    g_free (address);
  }
  return NULL;
}

typedef struct
{
  gboolean done;
  gchar *output;
  GError *error;
} ChildResult;

static void
on_child_output (GObject *source, GAsyncResult *res, gpointer user_data)
{
  ChildResult *result = user_data;

  g_subprocess_communicate_utf8_finish (
      G_SUBPROCESS (source), res, &result->output, NULL, &result->error);
  result->done = TRUE;
}

/* whether @pid runs (and is not a zombie) */
static gboolean
process_alive (GPid pid)
{
  gchar *path = g_strdup_printf ("/proc/%d/stat", (gint) pid);
  gchar *stat = NULL, *end;
  gboolean alive = FALSE;

  if (g_file_get_contents (path, &stat, NULL, NULL)) {
    end = strrchr (stat, ')');
    alive = end && end[1] == ' ' && end[2] != 'Z' && end[2] != 'X';
  }
  g_free (stat);
  g_free (path);

  return alive;
}

/* When the child failed before stopping its dnsmasq, stop it here: the
 * pid file in @workdir names it, and its command line names @workdir. */
static void
stop_leftover_dnsmasq (const gchar *workdir)
{
  gchar *pid_path = g_build_filename (workdir, "dnsmasq.pid", NULL);
  gchar *text = NULL, *cmdline = NULL, *cmdline_path = NULL;
  gsize len = 0, i;
  gint64 deadline;
  GPid pid;

  if (!g_file_get_contents (pid_path, &text, NULL, NULL))
    goto done;
  pid = atoi (text);
  if (pid <= 1 || !process_alive (pid))
    goto done;
  cmdline_path = g_strdup_printf ("/proc/%d/cmdline", (gint) pid);
  if (!g_file_get_contents (cmdline_path, &cmdline, &len, NULL))
    goto done;
  for (i = 0; i < len; i++) {
    if (cmdline[i] == '\0')
      cmdline[i] = ' ';
  }
  if (!strstr (cmdline, workdir))
    goto done;

  g_test_message ("stopping the name server, pid %d", (gint) pid);
  kill (pid, SIGTERM);
  deadline = g_get_monotonic_time () + DNSMASQ_STOP_TIMEOUT_MS * 1000;
  while (process_alive (pid) && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  if (process_alive (pid))
    kill (pid, SIGKILL);

done:
  g_free (cmdline);
  g_free (cmdline_path);
  g_free (text);
  g_free (pid_path);
}

static void
test_dns (void)
{
  gchar *unshare = NULL, *mount = NULL, *dnsmasq = NULL, *self = NULL;
  gchar *address = NULL, *workdir = NULL, *resolv = NULL, *text;
  GSubprocess *child;
  ChildResult result = {
    0,
  };
  GError *error = NULL;
  gchar **lines;
  gint64 deadline;
  guint i;
  gboolean exited, skipped;
  gint status;

  if (getuid () != 0) {
    g_test_skip ("needs root for a private mount namespace");
    return;
  }
  unshare = find_sbin_program ("unshare");
  mount = find_sbin_program ("mount");
  dnsmasq = find_sbin_program ("dnsmasq");
  if (!unshare || !mount || !dnsmasq) {
    g_test_skip ("needs unshare, mount and dnsmasq (dnsmasq-base)");
    goto done;
  }
  address = pick_dns_address ();
  if (address == NULL) {
    g_test_skip ("no free loopback address for a name server");
    goto done;
  }

  workdir = gst_sip_test_make_tmp_dir ("dns", &error);
  g_assert_no_error (error);
  resolv = g_build_filename (workdir, "resolv.conf", NULL);
  text = g_strdup_printf (
      "nameserver %s\noptions timeout:1 attempts:1\n", address);
  g_file_set_contents (resolv, text, -1, &error);
  g_assert_no_error (error);
  g_free (text);
  self = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);

  /* the bind mount exists only in the new namespace */
  child = g_subprocess_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
      unshare, "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
      "\"$0\" --bind \"$1\" /etc/resolv.conf && "
      "exec \"$2\" --dns-child \"$3\" \"$4\" \"$5\"",
      mount, resolv, self, address, workdir, dnsmasq, NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (
      child, NULL, NULL, on_child_output, &result);
  deadline = g_get_monotonic_time () + CHILD_TIMEOUT_MS * 1000;
  while (!result.done) {
    if (g_get_monotonic_time () > deadline) {
      g_subprocess_force_exit (child);
      deadline = G_MAXINT64;
      g_test_message ("the DNS test did not end in time");
    }
    iterate ();
  }
  g_assert_no_error (result.error);
  g_subprocess_wait (child, NULL, NULL);

  lines = g_strsplit (result.output ? result.output : "", "\n", -1);
  for (i = 0; lines[i]; i++) {
    if (*lines[i])
      g_test_message ("%s", lines[i]);
  }
  g_strfreev (lines);

  exited = g_subprocess_get_if_exited (child);
  status = exited ? g_subprocess_get_exit_status (child) : -1;
  skipped = exited && status == EXIT_SKIP;
  g_object_unref (child);
  g_free (result.output);

  /* clean up first, then judge */
  stop_leftover_dnsmasq (workdir);
  gst_sip_test_remove_tree (workdir);
  g_clear_pointer (&workdir, g_free);

  if (skipped) {
    g_test_skip ("dnsmasq could not run here");
  } else {
    g_assert_true (exited);
    g_assert_cmpint (status, ==, 0);
  }

done:
  g_free (workdir);
  g_free (resolv);
  g_free (self);
  g_free (address);
  g_free (unshare);
  g_free (mount);
  g_free (dnsmasq);
}

int
main (int argc, char **argv)
{
  if (argc > 1 && strcmp (argv[1], "--dns-child") == 0)
    return dns_child_main (argc, argv);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/resolver/unit/protocol", test_protocol);
  g_test_add_func ("/resolver/unit/numeric", test_numeric);
  g_test_add_func ("/resolver/unit/errors", test_errors);
  g_test_add_func ("/resolver/localhost/port", test_localhost_port);
  g_test_add_func ("/resolver/localhost/no-srv", test_localhost_no_srv);
  g_test_add_func ("/resolver/dns", test_dns);

  return g_test_run ();
}
