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

/*
 * register-bench: what registering many accounts with digest authentication
 * costs a process running gst-sip, against sipp doing the same with the
 * same registrar in the same run.
 *
 * A kamailio registrar (tests/common/kamailio.h) on 127.0.0.1 knows N users.
 * Each round registers all of them twice, over UDP, at most C at a time:
 *  - gst-sip: this process, one GstSipUserAgent with one UDP transport and
 *    N GstSipAccounts; a new gst_sip_account_register_async() starts
 *    whenever one finishes, so that C are in flight;
 *  - sipp: bench/register-bench-uac.xml, one sipp "call" per registration,
 *    the users from an injection file, -l C (-m N, a rate sipp never
 *    reaches).
 * Each registration is REGISTER, 401, REGISTER with Authorization, 200.
 * The benchmark measures the wall time until all are done and the CPU time
 * of the client over that time (getrusage() of this process; wait4() of
 * sipp), and the CPU time of all of kamailio's processes, which shows that
 * the registrar had the same work both times.  Between the runs every
 * binding is removed again, outside the timed part.
 *
 * This is an on-demand benchmark, never a test: see bench/README.md.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <sip/sip.h>

#include "kamailio.h"
#include "bench-common.h"

#ifndef BENCH_BUILDTYPE
#define BENCH_BUILDTYPE "unknown"
#endif

#ifndef BENCH_SCENARIO
#define BENCH_SCENARIO "register-bench-uac.xml"
#endif

#define DEFAULT_ACCOUNTS 1000
#define DEFAULT_CONCURRENCY 50
#define DEFAULT_ROUNDS 3
#define DEFAULT_TIMEOUT_S 120

#define DOMAIN "example.test"
#define EXPIRES 3600

/* what "comparable" means: gst-sip's CPU per registration at most this
 * many times sipp's */
#define TARGET_RATIO 2.0

/* how long the registrar's log may lag behind its last response */
#define LOG_SETTLE_MS 3000
/* a quiet moment before every timed run */
#define IDLE_MS 200
/* sipp runs with a single registration, for its start-up cost */
#define CALIBRATION_RUNS 3

static gint opt_accounts = DEFAULT_ACCOUNTS;
static gint opt_concurrency = DEFAULT_CONCURRENCY;
static gint opt_rounds = DEFAULT_ROUNDS;
static gint opt_timeout = DEFAULT_TIMEOUT_S;
static gboolean opt_csv;
static gchar *opt_sipp;
static gchar *opt_only;


/* the clients; "sipp-net" is not run: it is sipp's runs less what a run
 * with a single registration costs (calibrate_sipp()) */
typedef enum
{
  CLIENT_GST_SIP,
  CLIENT_SIPP,
  CLIENT_SIPP_NET,
  N_CLIENTS
} Client;

#define N_RUN_CLIENTS 2

static const gchar *const client_names[N_CLIENTS] = { "gst-sip", "sipp",
  "sipp-net" };

typedef struct
{
  gboolean valid;
  guint ok;
  guint failed;
  gdouble wall_s;
  gdouble cpu_s; /* the client's */
  gdouble tail_cpu_s; /* gst-sip: after the last 200, until its
                       * transactions ended */
  gdouble kamailio_cpu_s;
  guint kamailio_requests; /* REGISTER requests the registrar received */
  guint kamailio_saved; /* bindings it saved */
} Run;

typedef struct
{
  GstSipTestKamailio *kamailio;
  gchar *registrar;
  gchar *tmpdir;
  gchar *inf_path;
  gchar *sipp;
  guint16 sipp_port;
  gsize log_offset;
  gboolean have_sipp_fixed;
  gdouble sipp_fixed_cpu_s;
  gdouble sipp_fixed_wall_s;

  GstSipUserAgent *ua;
  GstSipAccount **accounts;
  guint n;
  guint limit;
} Bench;


/* ---------------------------------------------------------------------- */
/* CPU time */

static gdouble
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* ---------------------------------------------------------------------- */
/* the registrar's log */

static guint
count_text (const gchar *text, const gchar *needle)
{
  guint n = 0;

  while ((text = strstr (text, needle)) != NULL) {
    n++;
    text += strlen (needle);
  }
  return n;
}

static const gchar *
new_log (Bench *b)
{
  const gchar *log = gst_sip_test_kamailio_get_log (b->kamailio);

  return strlen (log) >= b->log_offset ? log + b->log_offset : "";
}

static void
mark_log (Bench *b)
{
  b->log_offset = strlen (gst_sip_test_kamailio_get_log (b->kamailio));
}

/* counts the REGISTER requests and saved bindings in what kamailio logged
 * since mark_log(); it logs a binding after sending the 200, so wait a
 * little for the last ones (not timed) */
static void
count_log (Bench *b, Run *run, guint expected_saved)
{
  gint64 deadline = g_get_monotonic_time () + LOG_SETTLE_MS * 1000;
  const gchar *log;

  do {
    log = new_log (b);
    run->kamailio_saved = count_text (log, ": saved, contact");
    if (run->kamailio_saved >= expected_saved)
      break;
    g_usleep (20 * 1000);
  } while (g_get_monotonic_time () < deadline);
  run->kamailio_requests = count_text (log, "request REGISTER ");
}

/* ---------------------------------------------------------------------- */
/* gst-sip */

typedef struct
{
  Bench *bench;
  gboolean unregister;
  guint next;
  guint in_flight;
  guint done;
  guint ok;
  guint failed;
  gboolean timed_out;
} Driver;

static void start_more (Driver *d);

static void
finished (Driver *d, GstSipAccount *account, guint code, GError *error)
{
  if (code >= 200 && code < 300) {
    d->ok++;
  } else {
    d->failed++;
    if (d->failed <= 5)
      bench_info ("  %s of %s failed: %u %s\n",
          d->unregister ? "unregistration" : "registration",
          gst_sip_account_get_aor (account), code, error ? error->message : "");
  }
  d->in_flight--;
  d->done++;
  start_more (d);
}

static void
register_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GstSipAccount *account = GST_SIP_ACCOUNT (source);
  GError *error = NULL;
  guint code = gst_sip_account_register_finish (account, result, &error);

  finished (user_data, account, code, error);
  g_clear_error (&error);
}

static void
unregister_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GstSipAccount *account = GST_SIP_ACCOUNT (source);
  GError *error = NULL;
  guint code = gst_sip_account_unregister_finish (account, result, &error);

  finished (user_data, account, code, error);
  g_clear_error (&error);
}

static void
start_more (Driver *d)
{
  Bench *b = d->bench;

  while (d->in_flight < b->limit && d->next < b->n) {
    GstSipAccount *account = b->accounts[d->next++];

    d->in_flight++;
    if (d->unregister)
      gst_sip_account_unregister_async (account, NULL, unregister_done, d);
    else
      gst_sip_account_register_async (account, NULL, register_done, d);
  }
}

static gboolean
on_timeout (gpointer user_data)
{
  Driver *d = user_data;

  d->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* registers or unregisters every account, C at a time; never inlined, so
 * that a profiler can be told to look at it alone (see README.md) */
static G_GNUC_NO_INLINE void
drive (Bench *b, Driver *d, gboolean unregister)
{
  GSource *timeout;

  memset (d, 0, sizeof (*d));
  d->bench = b;
  d->unregister = unregister;

  timeout = g_timeout_source_new_seconds (opt_timeout);
  g_source_set_callback (timeout, on_timeout, d, NULL);
  g_source_attach (timeout, gst_sip_user_agent_get_context (b->ua));

  start_more (d);
  while (d->done < b->n && !d->timed_out)
    g_main_context_iteration (gst_sip_user_agent_get_context (b->ua), TRUE);

  g_source_destroy (timeout);
  g_source_unref (timeout);
  if (d->timed_out)
    bench_info ("  %s: %u of %u not done after %d s\n",
        unregister ? "unregistration" : "registration", b->n - d->done, b->n,
        opt_timeout);
}

/* iterates until the user agent has no transaction left: the client
 * transactions of the REGISTERs end T4 (5 s) after their final response
 * over UDP (Timer K, RFC 3261 17.1.2.2); never inlined, like drive() */
static G_GNUC_NO_INLINE gboolean
wait_transactions_gone (Bench *b)
{
  GMainContext *context = gst_sip_user_agent_get_context (b->ua);
  GSource *timeout;
  Driver d;

  memset (&d, 0, sizeof (d));
  timeout = g_timeout_source_new_seconds (opt_timeout);
  g_source_set_callback (timeout, on_timeout, &d, NULL);
  g_source_attach (timeout, context);
  while (gst_sip_user_agent_get_n_transactions (b->ua) > 0 && !d.timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  if (d.timed_out)
    bench_info ("  gst-sip: %u transactions still live after %d s\n",
        gst_sip_user_agent_get_n_transactions (b->ua), opt_timeout);
  return !d.timed_out;
}

static gboolean
setup_gst_sip (Bench *b, GError **error)
{
  GstSipTransport *transport;

  b->ua = gst_sip_user_agent_new ();
  transport = gst_sip_user_agent_add_transport (
      b->ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, error);
  if (!transport)
    return FALSE;
  bench_info ("gst-sip: one user agent on udp 127.0.0.1:%u, %u accounts\n",
      gst_sip_transport_get_port (transport), b->n);
  return TRUE;
}

static void
free_accounts (Bench *b)
{
  guint i;

  if (!b->accounts)
    return;
  for (i = 0; i < b->n; i++)
    g_clear_object (&b->accounts[i]);
  g_clear_pointer (&b->accounts, g_free);
}

/* New accounts for every run: an account that registered before answers
 * the registrar's last challenge at once (nonce count + 1), which would
 * save the 401 round trip sipp makes. */
static void
create_accounts (Bench *b)
{
  guint i;

  free_accounts (b);
  b->accounts = g_new0 (GstSipAccount *, b->n);
  for (i = 0; i < b->n; i++) {
    gchar *aor = g_strdup_printf ("sip:user%04u@" DOMAIN, i);
    gchar *password = g_strdup_printf ("pw-%04u-secret", i);

    b->accounts[i] = gst_sip_account_new (b->ua, aor, NULL);
    if (!b->accounts[i])
      g_error ("cannot create the account %s", aor);
    g_object_set (b->accounts[i], "registrar", b->registrar,
        "requested-expires", EXPIRES, NULL);
    gst_sip_account_set_password (b->accounts[i], password);
    g_free (password);
    g_free (aor);
  }
}

static void
run_gst_sip (Bench *b, Run *run)
{
  Driver d;
  gdouble kam0, kam1, cpu0, cpu1, cpu2, t0, t1;
  guint i, registered = 0;

  create_accounts (b);
  mark_log (b);
  kam0 = bench_kamailio_cpu_s (b->kamailio);
  cpu0 = bench_self_cpu_s ();
  t0 = now_s ();

  drive (b, &d, FALSE);

  t1 = now_s ();
  cpu1 = bench_self_cpu_s ();
  kam1 = bench_kamailio_cpu_s (b->kamailio);
  /* what the registrations cost includes the end of their transactions,
   * which sipp does not wait for: the wait is not part of the wall time */
  wait_transactions_gone (b);
  cpu2 = bench_self_cpu_s ();

  for (i = 0; i < b->n; i++) {
    if (gst_sip_account_get_state (b->accounts[i]) ==
        GST_SIP_ACCOUNT_STATE_REGISTERED)
      registered++;
  }
  if (registered != d.ok)
    bench_info ("  gst-sip: %u registrations succeeded but %u accounts are "
                "registered\n",
        d.ok, registered);

  run->valid = TRUE;
  run->ok = d.ok;
  run->failed = b->n - d.ok;
  run->wall_s = t1 - t0;
  run->cpu_s = cpu2 - cpu0;
  run->tail_cpu_s = cpu2 - cpu1;
  run->kamailio_cpu_s = kam1 - kam0;
  count_log (b, run, d.ok);

  /* remove the bindings again, not timed */
  drive (b, &d, TRUE);
  wait_transactions_gone (b);
  if (d.ok != run->ok)
    bench_info ("  gst-sip: %u of %u unregistrations succeeded\n", d.ok, b->n);
  free_accounts (b);
}

/* ---------------------------------------------------------------------- */
/* sipp */

static gboolean
write_injection_file (Bench *b, GError **error)
{
  GString *s = g_string_new ("SEQUENTIAL\n");
  gboolean ok;
  guint i;

  for (i = 0; i < b->n; i++)
    g_string_append_printf (s, "user%04u;pw-%04u-secret\n", i, i);
  b->inf_path = g_build_filename (b->tmpdir, "users.csv", NULL);
  ok = g_file_set_contents_full (
      b->inf_path, s->str, s->len, G_FILE_SET_CONTENTS_NONE, 0600, error);
  g_string_free (s, TRUE);
  return ok;
}

/* waits for @pid to exit, at most @timeout_ms, and reaps it with its
 * resource usage; kills it (by its ID) when it does not exit in time */
static gboolean
wait_child (GPid pid, guint timeout_ms, gint *status, struct rusage *ru)
{
  gboolean exited = FALSE;
  gint fd = -1;

#ifdef SYS_pidfd_open
  fd = syscall (SYS_pidfd_open, pid, 0);
#endif
  if (fd >= 0) {
    struct pollfd pfd = { fd, POLLIN, 0 };
    gint r;

    do {
      r = poll (&pfd, 1, timeout_ms);
    } while (r < 0 && errno == EINTR);
    exited = r > 0;
    close (fd);
  } else {
    gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

    /* without pidfd: look every millisecond */
    while (!exited && g_get_monotonic_time () < deadline) {
      siginfo_t si;

      memset (&si, 0, sizeof (si));
      if (waitid (P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
          si.si_pid == pid)
        exited = TRUE;
      else
        g_usleep (1000);
    }
  }
  if (!exited)
    kill (pid, SIGKILL);
  while (wait4 (pid, status, 0, ru) < 0 && errno == EINTR)
    ;
  return exited;
}

/* parses "Successful call" and "Failed call" from sipp's final screen:
 * "  Successful call   |   0   |   1000   ", cumulative last */
static guint
sipp_screen_count (const gchar *screen, const gchar *label)
{
  const gchar *line = NULL, *p = screen;
  gchar **cells, *text;
  guint value = 0, n;

  while ((p = strstr (p, label)) != NULL) {
    line = p;
    p += strlen (label);
  }
  if (!line)
    return 0;
  p = strchr (line, '\n');
  text = p ? g_strndup (line, p - line) : g_strdup (line);
  cells = g_strsplit (text, "|", -1);
  g_free (text);
  n = g_strv_length (cells);
  if (n >= 3)
    value = atoi (g_strstrip (cells[n - 1]));
  g_strfreev (cells);
  return value;
}

static gboolean
run_sipp (Bench *b, guint count, guint expires, Run *run)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  gchar *log_path = NULL, *screen = NULL;
  GError *error = NULL;
  struct rusage ru;
  gdouble kam0, kam1, t0, t1;
  gint status = 0, log_fd;
  gboolean exited;
  GPid pid;

  g_ptr_array_add (argv, g_strdup (b->sipp));
  g_ptr_array_add (argv, g_strdup ("-sf"));
  g_ptr_array_add (argv, g_strdup (BENCH_SCENARIO));
  g_ptr_array_add (argv, g_strdup ("-t"));
  g_ptr_array_add (argv, g_strdup ("u1"));
  g_ptr_array_add (argv, g_strdup ("-i"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", b->sipp_port));
  g_ptr_array_add (argv, g_strdup ("-ci"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("-inf"));
  g_ptr_array_add (argv, g_strdup (b->inf_path));
  g_ptr_array_add (argv, g_strdup ("-m"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", count));
  g_ptr_array_add (argv, g_strdup ("-l"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", MIN (count, b->limit)));
  /* far more calls per second than the limit lets through */
  g_ptr_array_add (argv, g_strdup ("-r"));
  g_ptr_array_add (argv, g_strdup ("1000000"));
  g_ptr_array_add (argv, g_strdup ("-rp"));
  g_ptr_array_add (argv, g_strdup ("1000"));
  g_ptr_array_add (argv, g_strdup ("-key"));
  g_ptr_array_add (argv, g_strdup ("domain"));
  g_ptr_array_add (argv, g_strdup (DOMAIN));
  g_ptr_array_add (argv, g_strdup ("-key"));
  g_ptr_array_add (argv, g_strdup ("expires"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", expires));
  g_ptr_array_add (argv, g_strdup ("-auth_uri"));
  g_ptr_array_add (argv, g_strdup (DOMAIN));
  g_ptr_array_add (argv, g_strdup ("-nostdin"));
  g_ptr_array_add (argv, g_strdup ("-recv_timeout"));
  g_ptr_array_add (argv, g_strdup ("10000"));
  g_ptr_array_add (argv, g_strdup ("-timeout"));
  g_ptr_array_add (argv, g_strdup_printf ("%ds", opt_timeout));
  g_ptr_array_add (argv, g_strdup ("-timeout_error"));
  g_ptr_array_add (argv, g_strdup ("-default_behaviors"));
  g_ptr_array_add (argv, g_strdup ("all,-bye"));
  g_ptr_array_add (argv, g_strdup ("-trace_err"));
  g_ptr_array_add (argv, g_strdup ("-error_file"));
  g_ptr_array_add (argv, g_build_filename (b->tmpdir, "sipp-errors.log", NULL));
  g_ptr_array_add (argv,
      g_strdup_printf ("%s:%u", gst_sip_test_kamailio_get_address (b->kamailio),
          gst_sip_test_kamailio_get_port (b->kamailio)));
  g_ptr_array_add (argv, NULL);

  log_path = g_build_filename (b->tmpdir, "sipp.log", NULL);
  log_fd = g_open (log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log_fd < 0) {
    bench_info ("  sipp: cannot create %s: %s\n", log_path, g_strerror (errno));
    goto failed;
  }

  mark_log (b);
  kam0 = bench_kamailio_cpu_s (b->kamailio);
  t0 = now_s ();
  if (!g_spawn_async_with_fds (b->tmpdir, (gchar **) argv->pdata, NULL,
          G_SPAWN_DO_NOT_REAP_CHILD, bench_child_setup, NULL, &pid, -1, log_fd,
          log_fd, &error)) {
    close (log_fd);
    bench_info ("  sipp: %s\n", error->message);
    g_clear_error (&error);
    goto failed;
  }
  close (log_fd);
  exited = wait_child (pid, (opt_timeout + 10) * 1000, &status, &ru);
  t1 = now_s ();
  kam1 = bench_kamailio_cpu_s (b->kamailio);

  g_file_get_contents (log_path, &screen, NULL, NULL);
  if (!exited || !WIFEXITED (status) || WEXITSTATUS (status) != 0) {
    bench_info ("  sipp (%s) %s, status %d; its output:\n%s\n",
        expires ? "registration" : "unregistration",
        exited ? "failed" : "did not exit in time and was killed", status,
        screen ? screen : "(none)");
  }

  run->valid = TRUE;
  run->ok = screen ? sipp_screen_count (screen, "Successful call") : 0;
  run->failed = count - run->ok;
  run->wall_s = t1 - t0;
  run->cpu_s = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
      (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  run->kamailio_cpu_s = kam1 - kam0;
  count_log (b, run, run->ok);

  g_free (screen);
  g_free (log_path);
  g_ptr_array_unref (argv);
  return TRUE;

  /* ERRORS */
failed:
  g_free (log_path);
  g_ptr_array_unref (argv);
  return FALSE;
}

static void
run_sipp_round (Bench *b, Run *run)
{
  Run unregistration;

  if (!run_sipp (b, b->n, EXPIRES, run))
    return;
  /* remove the bindings again, not timed */
  memset (&unregistration, 0, sizeof (unregistration));
  if (run_sipp (b, b->n, 0, &unregistration) && unregistration.ok != run->ok)
    bench_info ("  sipp: %u of %u unregistrations succeeded\n",
        unregistration.ok, b->n);
}

/* What sipp costs besides the registrations: starting (reading the
 * scenario and the injection file, opening its sockets) and exiting, which
 * the sipp runs include and the gst-sip runs do not.  Measured as the
 * median of CALIBRATION_RUNS runs with a single registration. */
static void
calibrate_sipp (Bench *b)
{
  gdouble cpu[CALIBRATION_RUNS], wall[CALIBRATION_RUNS];
  guint i, j, n = 0;

  for (i = 0; i < CALIBRATION_RUNS; i++) {
    Run run, unregistration;

    memset (&run, 0, sizeof (run));
    memset (&unregistration, 0, sizeof (unregistration));
    if (!run_sipp (b, 1, EXPIRES, &run) || run.ok != 1)
      continue;
    run_sipp (b, 1, 0, &unregistration);
    /* insertion sort, it is three values */
    for (j = n; j > 0 && cpu[j - 1] > run.cpu_s; j--)
      cpu[j] = cpu[j - 1];
    cpu[j] = run.cpu_s;
    for (j = n; j > 0 && wall[j - 1] > run.wall_s; j--)
      wall[j] = wall[j - 1];
    wall[j] = run.wall_s;
    n++;
  }
  if (n == 0) {
    bench_info (
        "sipp: the single-registration runs failed, its start-up cost is "
        "unknown\n");
    return;
  }
  b->sipp_fixed_cpu_s = cpu[n / 2];
  b->sipp_fixed_wall_s = wall[n / 2];
  b->have_sipp_fixed = TRUE;
  bench_info ("sipp: a run with one registration takes %.1f ms of CPU time and "
              "%.1f ms (medians of %u): its start-up and exit\n",
      b->sipp_fixed_cpu_s * 1e3, b->sipp_fixed_wall_s * 1e3, n);
}

/* ---------------------------------------------------------------------- */
/* results */

static gdouble
per_reg_us (gdouble seconds, guint ok)
{
  return ok ? seconds * 1e6 / ok : 0;
}

static gdouble
rate (const Run *run)
{
  return run->wall_s > 0 ? run->ok / run->wall_s : 0;
}

static void
print_run (guint round, Client client, const Run *run, guint n)
{
  gdouble requests = run->ok ? (gdouble) run->kamailio_requests / run->ok : 0;

  if (opt_csv) {
    printf ("%u,%s,%u,%d,%u,%u,%.4f,%.1f,%.1f,%.1f,%.1f,%.3f\n", round + 1,
        client_names[client], n, opt_concurrency, run->ok, run->failed,
        run->wall_s, rate (run), per_reg_us (run->cpu_s, run->ok),
        per_reg_us (run->tail_cpu_s, run->ok),
        per_reg_us (run->kamailio_cpu_s, run->ok), requests);
    fflush (stdout);
    return;
  }
  bench_info ("%5u  %-8s %6u %6u %8.3f %9.0f %10.1f %9.1f %10.1f %8.2f\n",
      round + 1, client_names[client], run->ok, run->failed, run->wall_s,
      rate (run), per_reg_us (run->cpu_s, run->ok),
      per_reg_us (run->tail_cpu_s, run->ok),
      per_reg_us (run->kamailio_cpu_s, run->ok), requests);
}

typedef enum
{
  STAT_RATE,
  STAT_CPU,
  STAT_KAMAILIO_CPU,
} Stat;

static gdouble
stat_of (const Run *run, Stat stat)
{
  switch (stat) {
    case STAT_RATE:
      return rate (run);
    case STAT_CPU:
      return per_reg_us (run->cpu_s, run->ok);
    case STAT_KAMAILIO_CPU:
      return per_reg_us (run->kamailio_cpu_s, run->ok);
  }
  return 0;
}

/* the median and the best (highest rate, lowest CPU) of the complete runs */
static gboolean
summarise (const Run *runs, guint n_runs, guint n, Stat stat, gdouble *median,
    gdouble *best)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (gdouble));
  guint i, len;

  for (i = 0; i < n_runs; i++) {
    gdouble v;

    if (!runs[i].valid || runs[i].ok != n)
      continue;
    v = stat_of (&runs[i], stat);
    g_array_append_val (values, v);
  }
  len = values->len;
  if (len > 0) {
    g_array_sort (values, bench_compare_double);
    *median = len % 2 ? g_array_index (values, gdouble, len / 2)
                      : (g_array_index (values, gdouble, len / 2 - 1) +
                            g_array_index (values, gdouble, len / 2)) /
            2;
    *best = stat == STAT_RATE ? g_array_index (values, gdouble, len - 1)
                              : g_array_index (values, gdouble, 0);
  }
  g_array_unref (values);
  return len > 0;
}

static void
print_summary (Run **runs, guint n_rounds, guint n, gboolean *selected)
{
  gdouble rate_med[N_CLIENTS], rate_best[N_CLIENTS];
  gdouble cpu_med[N_CLIENTS], cpu_best[N_CLIENTS];
  gdouble kam_med[N_CLIENTS], kam_best[N_CLIENTS];
  gboolean have[N_CLIENTS];
  Run *by_client;
  guint c, r;

  by_client = g_new0 (Run, n_rounds);
  for (c = 0; c < N_CLIENTS; c++) {
    for (r = 0; r < n_rounds; r++)
      by_client[r] = runs[r][c];
    have[c] = selected[c] &&
        summarise (
            by_client, n_rounds, n, STAT_RATE, &rate_med[c], &rate_best[c]) &&
        summarise (
            by_client, n_rounds, n, STAT_CPU, &cpu_med[c], &cpu_best[c]) &&
        summarise (by_client, n_rounds, n, STAT_KAMAILIO_CPU, &kam_med[c],
            &kam_best[c]);
    if (selected[c] && !have[c] && c != CLIENT_SIPP_NET)
      bench_info (
          "%s: no round registered all %u accounts\n", client_names[c], n);
    if (have[c] && opt_csv) {
      printf ("median,%s,%u,%d,,,,%.1f,%.1f,,%.1f,\n", client_names[c], n,
          opt_concurrency, rate_med[c], cpu_med[c], kam_med[c]);
      printf ("best,%s,%u,%d,,,,%.1f,%.1f,,%.1f,\n", client_names[c], n,
          opt_concurrency, rate_best[c], cpu_best[c], kam_best[c]);
    }
  }
  g_free (by_client);

  if (!opt_csv) {
    bench_info ("\n%-8s %12s %12s %15s %15s %15s\n", "", "reg/s median",
        "reg/s best", "CPU us/reg med", "CPU us/reg best", "kam us/reg med");
    for (c = 0; c < N_CLIENTS; c++) {
      if (have[c])
        bench_info ("%-8s %12.0f %12.0f %15.1f %15.1f %15.1f\n",
            client_names[c], rate_med[c], rate_best[c], cpu_med[c], cpu_best[c],
            kam_med[c]);
    }
    if (have[CLIENT_SIPP_NET])
      bench_info ("(sipp-net: sipp less its start-up and exit, see above)\n");
  }

  if (have[CLIENT_GST_SIP] && have[CLIENT_SIPP]) {
    gdouble ratio = cpu_med[CLIENT_GST_SIP] / cpu_med[CLIENT_SIPP];
    gdouble strict = have[CLIENT_SIPP_NET]
        ? cpu_med[CLIENT_GST_SIP] / cpu_med[CLIENT_SIPP_NET]
        : ratio;

    bench_info (
        "\ngst-sip/sipp CPU per registration: %.2fx (medians; best runs "
        "%.2fx)",
        ratio, cpu_best[CLIENT_GST_SIP] / cpu_best[CLIENT_SIPP]);
    if (have[CLIENT_SIPP_NET])
      bench_info (", %.2fx against sipp without its start-up", strict);
    bench_info ("; target <= %.1f: %s\n", TARGET_RATIO,
        strict <= TARGET_RATIO ? "OK" : "NOT MET");
    bench_info ("gst-sip/sipp registrations per second: %.2fx (medians)\n",
        rate_med[CLIENT_GST_SIP] / rate_med[CLIENT_SIPP]);
  }
}

/* sipp's run less its start-up and exit */
static void
derive_sipp_net (const Bench *b, const Run *sipp, Run *net)
{
  *net = *sipp;
  if (!b->have_sipp_fixed || !sipp->valid) {
    net->valid = FALSE;
    return;
  }
  net->cpu_s = MAX (sipp->cpu_s - b->sipp_fixed_cpu_s, 0);
  net->wall_s = MAX (sipp->wall_s - b->sipp_fixed_wall_s, 1e-6);
}

/* ---------------------------------------------------------------------- */

static gboolean
parse_only (gboolean *selected)
{
  guint c;

  for (c = 0; c < N_RUN_CLIENTS; c++)
    selected[c] = opt_only == NULL || g_str_equal (opt_only, client_names[c]);
  selected[CLIENT_SIPP_NET] = selected[CLIENT_SIPP];
  if (opt_only && !selected[CLIENT_GST_SIP] && !selected[CLIENT_SIPP]) {
    g_printerr ("register-bench: --only takes gst-sip or sipp\n");
    return FALSE;
  }
  return TRUE;
}

/* lets the registrar finish what it was doing, running our context */
static void
settle (Bench *b)
{
  GMainContext *context = gst_sip_user_agent_get_context (b->ua);
  GSource *source = g_timeout_source_new (IDLE_MS);
  gboolean done = FALSE;

  g_source_set_callback (source, bench_idle_a_moment, &done, NULL);
  g_source_attach (source, context);
  while (!done)
    g_main_context_iteration (context, TRUE);
  g_source_unref (source);
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "accounts", 'n', 0, G_OPTION_ARG_INT, &opt_accounts,
        "Accounts (registrar users) (default 1000)", "N" },
    { "concurrency", 'c', 0, G_OPTION_ARG_INT, &opt_concurrency,
        "Registrations in flight at a time, for both clients (default 50)",
        "C" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &opt_rounds,
        "Rounds of both clients; the summary gives the median and the best "
        "(default 3)",
        "R" },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &opt_timeout,
        "Give up on a run after this many seconds (default 120)", "S" },
    { "sipp", 0, 0, G_OPTION_ARG_FILENAME, &opt_sipp,
        "The sipp program (default sipp)", "PATH" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only,
        "Only run this client: gst-sip or sipp", "CLIENT" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &opt_csv, "Print CSV instead of tables",
        NULL },
    { NULL }
  };
  GstSipTestKamailioConfig config;
  GOptionContext *ctx;
  GError *error = NULL;
  gboolean selected[N_CLIENTS];
  gchar **users;
  Run **runs;
  Bench b;
  guint i, r;
  gint ret = 1;

  ctx = g_option_context_new ("- registrations against kamailio, with sipp");
  g_option_context_set_summary (ctx,
      "Registers N accounts with digest authentication at a kamailio "
      "registrar, C at a time, with gst-sip and with sipp, and compares "
      "the registrations per second and the CPU time per registration.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("register-bench: %s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);
  if (opt_accounts < 1 || opt_accounts > 10000 || opt_concurrency < 1 ||
      opt_rounds < 1 || opt_timeout < 1) {
    g_printerr ("register-bench: accounts must be 1 to 10000, the other "
                "counts positive\n");
    return 2;
  }
  if (!parse_only (selected))
    return 2;
  if (opt_concurrency > opt_accounts)
    opt_concurrency = opt_accounts;

  /* the kamailio harness reports through g_test_message(), which prints */
  bench_info_out = opt_csv ? stderr : stdout;
  g_set_print_handler (bench_print_to_info);

  gst_init (NULL, NULL);

  memset (&b, 0, sizeof (b));
  b.n = opt_accounts;
  b.limit = opt_concurrency;

  if (selected[CLIENT_SIPP]) {
    b.sipp = gst_sip_test_find_program (opt_sipp ? opt_sipp : "sipp");
    if (!b.sipp) {
      g_printerr ("register-bench: sipp not found (--sipp PATH, or --only "
                  "gst-sip)\n");
      return 1;
    }
  }

  bench_info (
      "register-bench: buildtype %s%s, GLib %u.%u.%u, %ld CPUs online\n",
      BENCH_BUILDTYPE,
#ifdef __OPTIMIZE__
      "",
#else
      " (NOT OPTIMISED: numbers are meaningless)",
#endif
      glib_major_version, glib_minor_version, glib_micro_version,
      sysconf (_SC_NPROCESSORS_ONLN));

  users = g_new0 (gchar *, b.n + 1);
  for (i = 0; i < b.n; i++)
    users[i] = g_strdup_printf ("user%04u:pw-%04u-secret", i, i);
  memset (&config, 0, sizeof (config));
  config.domain = DOMAIN;
  config.users = (const gchar *const *) users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_REGISTRAR;
  config.default_expires = EXPIRES;
  b.kamailio = gst_sip_test_kamailio_start (&config, &error);
  g_strfreev (users);
  if (!b.kamailio) {
    g_printerr ("register-bench: %s\n", error->message);
    g_clear_error (&error);
    return 1;
  }
  b.registrar = gst_sip_test_kamailio_dup_uri (b.kamailio, NULL);
  bench_info ("kamailio (pid %d): registrar %s, %u users, MD5 digest with "
              "qop=auth, logging every REGISTER\n",
      (gint) gst_sip_test_kamailio_get_pid (b.kamailio), b.registrar, b.n);

  b.tmpdir = gst_sip_test_make_tmp_dir ("register-bench", &error);
  if (!b.tmpdir)
    goto error;
  if (!setup_gst_sip (&b, &error))
    goto error;
  if (selected[CLIENT_SIPP]) {
    b.sipp_port = gst_sip_test_reserve_port (
        G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, "127.0.0.1");
    if (!b.sipp_port || !write_injection_file (&b, &error))
      goto error;
    bench_info (
        "sipp: %s on udp 127.0.0.1:%u, %s, users from an injection file\n",
        b.sipp, b.sipp_port, BENCH_SCENARIO);
    calibrate_sipp (&b);
  }
  bench_info ("each round: %u registrations per client, at most %u in flight, "
              "over UDP; the order of the clients alternates\n\n",
      b.n, b.limit);

  if (opt_csv)
    printf ("round,client,accounts,concurrency,registered,failed,wall_s,"
            "reg_per_s,cpu_us_per_reg,tail_cpu_us_per_reg,"
            "kamailio_cpu_us_per_reg,register_requests_per_reg\n");
  else
    bench_info ("%5s  %-8s %6s %6s %8s %9s %10s %9s %10s %8s\n", "round",
        "client", "ok", "failed", "wall s", "reg/s", "CPU us/reg", "tail",
        "kam us/reg", "REG/reg");

  runs = g_new0 (Run *, opt_rounds);
  for (r = 0; r < (guint) opt_rounds; r++) {
    guint k;

    runs[r] = g_new0 (Run, N_CLIENTS);
    for (k = 0; k < N_RUN_CLIENTS; k++) {
      Client c = (k + r) % N_RUN_CLIENTS;

      if (!selected[c])
        continue;
      settle (&b);
      if (c == CLIENT_GST_SIP)
        run_gst_sip (&b, &runs[r][c]);
      else
        run_sipp_round (&b, &runs[r][c]);
      if (runs[r][c].valid)
        print_run (r, c, &runs[r][c], b.n);
    }
    derive_sipp_net (&b, &runs[r][CLIENT_SIPP], &runs[r][CLIENT_SIPP_NET]);
    if (opt_csv && runs[r][CLIENT_SIPP_NET].valid)
      print_run (r, CLIENT_SIPP_NET, &runs[r][CLIENT_SIPP_NET], b.n);
  }

  print_summary (runs, opt_rounds, b.n, selected);
  if (!opt_csv)
    bench_info (
        "\nCPU us/reg: the client's CPU time per registration, for gst-sip "
        "until its transactions ended (Timer K, 5 s after the 200; the "
        "wall time stops at the last 200); tail: the part of it after the "
        "last 200; kam us/reg: the CPU time of all of kamailio's "
        "processes; REG/reg: the REGISTER requests kamailio received (2 "
        "without retransmissions)\n");

  for (r = 0; r < (guint) opt_rounds; r++)
    g_free (runs[r]);
  g_free (runs);
  ret = 0;

done:
  free_accounts (&b);
  g_clear_object (&b.ua);
  gst_sip_test_kamailio_free (b.kamailio);
  if (b.tmpdir)
    bench_remove_dir (b.tmpdir);
  g_free (b.inf_path);
  g_free (b.tmpdir);
  g_free (b.registrar);
  g_free (b.sipp);
  g_free (opt_sipp);
  g_free (opt_only);
  return ret;

  /* ERRORS */
error:
  g_printerr (
      "register-bench: %s\n", error ? error->message : "no free port for sipp");
  g_clear_error (&error);
  goto done;
}
