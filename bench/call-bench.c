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
 * call-bench: how many calls per second a process running gst-sip holds as
 * the callee, against kamailio as a stateful proxy in front of a sipp
 * callee, in the same run, and what the user agent does when it is offered
 * more than it can take.
 *
 * Both systems are driven by sipp's built-in UAC (`sipp -sn uac`: INVITE
 * with SDP, 200, ACK, BYE at once, 200) over UDP on 127.0.0.1:
 *  - gst-sip: this process, one GstSipUserAgent with one UDP transport and
 *    GstSipUserAgent:auto-answer, which answers every call with 200 OK
 *    (signalling only, no media);
 *  - kamailio: the harness of the test suite (tests/common/kamailio.h) as a
 *    stateful proxy (tm's t_relay(), no authentication, no per-request log)
 *    that relays every request to `sipp -sn uas`.
 * For each system the rate is stepped (sipp -r RATE for -d seconds): up by
 * half until a step fails, then halving the interval between the highest
 * passing and the lowest failing rate.  A step passes when every call
 * succeeded (no failed call) and the mean time from INVITE to 200 stayed
 * below --max-response ms, so that the callee kept up instead of queueing.
 * Each gst-sip step gets a new user agent, so that no step inherits the
 * transactions of the one before (RFC 3261 keeps them 32 s over UDP).
 *
 * The maximum of gst-sip is searched with its overload control off, as
 * kamailio has none.  Then the overload runs (--overload-rounds, the
 * median counts) offer --overload times that maximum, with
 * GstSipUserAgent:max-queue-delay on, and measure the goodput, the
 * successful calls per second: the user agent is expected to refuse what
 * it cannot take with 503 and Retry-After instead of letting calls time
 * out.
 *
 * CPU time: getrusage() of this process for gst-sip; /proc of kamailio's
 * processes and of the sipp UAS; wait4() of the sipp UAC.
 *
 * This is an on-demand benchmark, never a test: see bench/README.md.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
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

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <sip/sip.h>

#include "kamailio.h"
#include "bench-common.h"

#ifndef BENCH_BUILDTYPE
#define BENCH_BUILDTYPE "unknown"
#endif

#define DEFAULT_DURATION_S 4
#define DEFAULT_START_RATE 1000
#define DEFAULT_MAX_RATE 40000
#define DEFAULT_PRECISION 0.05
#define DEFAULT_MAX_RESPONSE_MS 100
#define DEFAULT_OVERLOAD 2.0
#define DEFAULT_OVERLOAD_DURATION_S 10
#define DEFAULT_OVERLOAD_ROUNDS 3
#define MAX_OVERLOAD_ROUNDS 9
#define DEFAULT_MAX_QUEUE_DELAY_MS 100
#define DEFAULT_KAMAILIO_WORKERS 1
#define DEFAULT_KAMAILIO_SHM_MB 1024

/* what the issue asks for */
#define TARGET_RATIO 1.0
#define TARGET_GOODPUT 0.9

/* the rate grows by half until a step fails, and at most this many steps
 * are run per system */
#define GROWTH 1.5
#define MAX_STEPS 14
#define MIN_RATE 50
/* sipp's socket buffers, and the one the user agent's socket gets from the
 * kernel by itself */
#define SIPP_BUFFER "4194304"
/* how long sipp waits for any one expected message; a failing step ends
 * this long after its last call */
#define SIPP_RECV_TIMEOUT_MS 3000
/* rest between steps; after a failing kamailio step its transactions (5 s
 * wait timer) and the retransmissions of the sipp UAS die down first */
#define SETTLE_MS 500
#define SETTLE_FAILED_MS 6000

static gint opt_duration = DEFAULT_DURATION_S;
static gint opt_start = DEFAULT_START_RATE;
static gint opt_max_rate = DEFAULT_MAX_RATE;
static gdouble opt_precision = DEFAULT_PRECISION;
static gint opt_max_response = DEFAULT_MAX_RESPONSE_MS;
static gdouble opt_overload = DEFAULT_OVERLOAD;
static gint opt_overload_duration = DEFAULT_OVERLOAD_DURATION_S;
static gint opt_overload_rounds = DEFAULT_OVERLOAD_ROUNDS;
static gint opt_max_queue_delay = DEFAULT_MAX_QUEUE_DELAY_MS;
static gint opt_max_calls;
static gint opt_kamailio_workers = DEFAULT_KAMAILIO_WORKERS;
static gint opt_kamailio_shm = DEFAULT_KAMAILIO_SHM_MB;
static gint opt_gst_sip_rate;
static gboolean opt_csv;
static gboolean opt_verbose;
static gchar *opt_sipp;
static gchar *opt_only;


typedef enum
{
  SYSTEM_GST_SIP,
  SYSTEM_KAMAILIO,
  N_SYSTEMS
} System;

static const gchar *const system_names[N_SYSTEMS] = { "gst-sip", "kamailio" };

/* one run of the sipp UAC */
typedef struct
{
  gboolean valid;
  gboolean pass;
  guint rate; /* offered, calls per second */
  guint calls; /* placed */
  guint ok;
  guint failed;
  guint unexpected; /* failed on an unexpected message, such as a 503 */
  guint retransmissions;
  gdouble response_ms; /* mean INVITE to 200 */
  gdouble elapsed_s; /* sipp's start to its last call */
  gdouble server_cpu_s; /* gst-sip: this process; kamailio: its processes */
  gdouble uas_cpu_s; /* kamailio: the sipp UAS */
  gdouble uac_cpu_s;
  guint peak_calls; /* gst-sip: most calls held at once */
  GString *series; /* per second: successful, failed, retransmissions */
  GString *ua_series; /* per second: CPU, transactions of the user agent */
} Run;

typedef struct
{
  gchar *tmpdir;
  gchar *sipp;
  guint step;

  /* gst-sip */
  GstSipUserAgent *ua;
  guint16 ua_port;
  GMainContext *context;

  /* kamailio */
  GstSipTestKamailio *kamailio;
  GstSipTestPeer *uas;
  guint16 uas_port;
} Bench;


/* ---------------------------------------------------------------------- */
/* CPU time */

static gchar *
load_average (void)
{
  gchar *contents = NULL, *ret;
  gchar **fields;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (contents, " ", 4);
  ret = g_strv_length (fields) >= 3
      ? g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2])
      : g_strdup ("unknown");
  g_strfreev (fields);
  g_free (contents);
  return ret;
}

/* ---------------------------------------------------------------------- */
/* sipp's statistics file (-trace_stat): a header line and one line per
 * -fd second, fields separated by ';', the last line cumulative */

typedef struct
{
  gchar **names;
  GPtrArray *rows; /* gchar **, one per line after the header */
} Stats;

static void
stats_clear (Stats *stats)
{
  g_strfreev (stats->names);
  if (stats->rows)
    g_ptr_array_unref (stats->rows);
  memset (stats, 0, sizeof (*stats));
}

static gboolean
stats_load (Stats *stats, const gchar *path)
{
  gchar *contents = NULL;
  gchar **lines;
  guint i;

  memset (stats, 0, sizeof (*stats));
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  g_free (contents);
  stats->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (i = 0; lines[i]; i++) {
    if (lines[i][0] == '\0')
      continue;
    if (!stats->names)
      stats->names = g_strsplit (lines[i], ";", -1);
    else
      g_ptr_array_add (stats->rows, g_strsplit (lines[i], ";", -1));
  }
  g_strfreev (lines);
  return stats->names != NULL && stats->rows->len > 0;
}

static const gchar *
stats_field (const Stats *stats, guint row, const gchar *name)
{
  gchar **values;
  guint i;

  if (row >= stats->rows->len)
    return NULL;
  values = g_ptr_array_index (stats->rows, row);
  for (i = 0; stats->names[i]; i++) {
    if (g_str_equal (stats->names[i], name))
      return i < g_strv_length (values) ? values[i] : NULL;
  }
  return NULL;
}

static guint
stats_uint (const Stats *stats, guint row, const gchar *name)
{
  const gchar *value = stats_field (stats, row, name);

  return value ? (guint) g_ascii_strtoull (value, NULL, 10) : 0;
}

/* "2026-11-21\t02:54:52.201280\t1795229692.201280": the epoch seconds */
static gdouble
stats_time (const Stats *stats, guint row, const gchar *name)
{
  const gchar *value = stats_field (stats, row, name);
  const gchar *tab = value ? strrchr (value, '\t') : NULL;

  return tab ? g_ascii_strtod (tab + 1, NULL) : 0;
}

/* "00:00:00:004000": hours, minutes, seconds, microseconds */
static gdouble
stats_duration_ms (const Stats *stats, guint row, const gchar *name)
{
  const gchar *value = stats_field (stats, row, name);
  gchar **parts;
  gdouble ms = 0;

  if (!value)
    return 0;
  parts = g_strsplit (value, ":", -1);
  if (g_strv_length (parts) == 4)
    ms = (g_ascii_strtod (parts[0], NULL) * 3600 +
             g_ascii_strtod (parts[1], NULL) * 60 +
             g_ascii_strtod (parts[2], NULL)) *
            1e3 +
        g_ascii_strtod (parts[3], NULL) / 1e3;
  g_strfreev (parts);
  return ms;
}

/* ---------------------------------------------------------------------- */
/* sipp */

typedef struct
{
  GPid pid;
  gboolean exited;
  gboolean timed_out;
} Child;

static gboolean
on_child_exit (gint fd, GIOCondition condition, gpointer user_data)
{
  ((Child *) user_data)->exited = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_child_poll (gpointer user_data)
{
  Child *child = user_data;
  siginfo_t si;

  memset (&si, 0, sizeof (si));
  if (waitid (P_PID, child->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
      si.si_pid == child->pid) {
    child->exited = TRUE;
    return G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_child_timeout (gpointer user_data)
{
  ((Child *) user_data)->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* what the user agent holds, looked at while sipp runs */
typedef struct
{
  Bench *bench;
  guint peak_calls;
  guint ticks;
  gdouble last_cpu;
  GString *series; /* verbose: per second, CPU and transactions */
} Watch;

static gboolean
on_watch (gpointer user_data)
{
  Watch *w = user_data;
  GstSipUserAgent *ua = w->bench->ua;

  if (!ua)
    return G_SOURCE_CONTINUE;
  w->peak_calls = MAX (w->peak_calls, gst_sip_user_agent_get_n_calls (ua));
  if (opt_verbose && ++w->ticks % 10 == 0) {
    gdouble cpu = bench_self_cpu_s ();

    g_string_append_printf (w->series, "%s%.0f%%/%u", w->series->len ? " " : "",
        (cpu - w->last_cpu) * 100, gst_sip_user_agent_get_n_transactions (ua));
    w->last_cpu = cpu;
  }
  return G_SOURCE_CONTINUE;
}

/* Waits for @pid to exit, at most @timeout_s, running @context meanwhile
 * (the user agent answers from it), and reaps it with its resource usage;
 * kills it (by its ID) when it does not exit in time. */
static gboolean
run_until_exit (GMainContext *context, GPid pid, guint timeout_s, Watch *watch,
    gint *status, struct rusage *ru)
{
  GSource *exit_source = NULL, *timeout, *watch_source;
  Child child = { pid, FALSE, FALSE };
  gint fd = -1;

#ifdef SYS_pidfd_open
  fd = syscall (SYS_pidfd_open, pid, 0);
#endif
  if (fd >= 0) {
    exit_source = g_unix_fd_source_new (fd, G_IO_IN);
    g_source_set_callback (
        exit_source, G_SOURCE_FUNC (on_child_exit), &child, NULL);
  } else {
    /* without pidfd: look every few milliseconds */
    exit_source = g_timeout_source_new (5);
    g_source_set_callback (exit_source, on_child_poll, &child, NULL);
  }
  g_source_attach (exit_source, context);
  timeout = g_timeout_source_new_seconds (timeout_s);
  g_source_set_callback (timeout, on_child_timeout, &child, NULL);
  g_source_attach (timeout, context);
  watch_source = g_timeout_source_new (100);
  g_source_set_callback (watch_source, on_watch, watch, NULL);
  g_source_attach (watch_source, context);

  while (!child.exited && !child.timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (watch_source);
  g_source_unref (watch_source);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  g_source_destroy (exit_source);
  g_source_unref (exit_source);
  if (fd >= 0)
    close (fd);

  if (!child.exited)
    kill (pid, SIGKILL);
  while (wait4 (pid, status, 0, ru) < 0 && errno == EINTR)
    ;
  return child.exited;
}

/* the per-second lines of the statistics: successful, failed and
 * retransmissions of each second */
static GString *
series_of (const Stats *stats)
{
  GString *s = g_string_new (NULL);
  guint i;

  /* the last line repeats the cumulative values */
  for (i = 0; i + 1 < stats->rows->len; i++)
    g_string_append_printf (s, "%s%u/%u/%u", i ? " " : "",
        stats_uint (stats, i, "SuccessfulCall(P)"),
        stats_uint (stats, i, "FailedCall(P)"),
        stats_uint (stats, i, "Retransmissions(P)"));
  return s;
}

/* Runs `sipp -sn uac` against @host:@port at @rate for @seconds. */
static gboolean
run_uac (Bench *b, const gchar *host, guint16 port, guint rate, guint seconds,
    Run *run)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  gchar *log_path, *stats_path, *screen = NULL;
  GError *error = NULL;
  struct rusage ru;
  Watch watch = { b, 0, 0, 0, NULL };
  Stats stats;
  gint status = 0, log_fd;
  guint calls = MAX (rate * seconds, 1), last;
  gboolean exited;
  GPid pid;

  memset (run, 0, sizeof (*run));
  run->rate = rate;
  b->step++;
  log_path = g_strdup_printf ("%s/sipp-%u.log", b->tmpdir, b->step);
  stats_path = g_strdup_printf ("%s/sipp-%u.csv", b->tmpdir, b->step);

  g_ptr_array_add (argv, g_strdup (b->sipp));
  g_ptr_array_add (argv, g_strdup ("-sn"));
  g_ptr_array_add (argv, g_strdup ("uac"));
  g_ptr_array_add (argv, g_strdup ("-i"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup ("0"));
  g_ptr_array_add (argv, g_strdup ("-r"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", rate));
  g_ptr_array_add (argv, g_strdup ("-rp"));
  g_ptr_array_add (argv, g_strdup ("1000"));
  g_ptr_array_add (argv, g_strdup ("-m"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", calls));
  /* never slow down because of the calls in progress */
  g_ptr_array_add (argv, g_strdup ("-l"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", calls));
  g_ptr_array_add (argv, g_strdup ("-buff_size"));
  g_ptr_array_add (argv, g_strdup (SIPP_BUFFER));
  g_ptr_array_add (argv, g_strdup ("-nostdin"));
  g_ptr_array_add (argv, g_strdup ("-recv_timeout"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", SIPP_RECV_TIMEOUT_MS));
  g_ptr_array_add (argv, g_strdup ("-timeout"));
  g_ptr_array_add (argv, g_strdup_printf ("%us", seconds + 30));
  g_ptr_array_add (argv, g_strdup ("-trace_stat"));
  g_ptr_array_add (argv, g_strdup ("-stf"));
  g_ptr_array_add (argv, g_strdup (stats_path));
  g_ptr_array_add (argv, g_strdup ("-fd"));
  g_ptr_array_add (argv, g_strdup ("1"));
  g_ptr_array_add (argv, g_strdup_printf ("%s:%u", host, port));
  g_ptr_array_add (argv, NULL);

  log_fd = g_open (log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log_fd < 0) {
    bench_info ("  sipp: cannot create %s: %s\n", log_path, g_strerror (errno));
    goto failed;
  }
  if (!g_spawn_async_with_fds (b->tmpdir, (gchar **) argv->pdata, NULL,
          G_SPAWN_DO_NOT_REAP_CHILD, bench_child_setup, NULL, &pid, -1, log_fd,
          log_fd, &error)) {
    close (log_fd);
    bench_info ("  sipp: %s\n", error->message);
    g_clear_error (&error);
    goto failed;
  }
  close (log_fd);

  watch.series = g_string_new (NULL);
  watch.last_cpu = bench_self_cpu_s ();
  exited = run_until_exit (b->context, pid, seconds + 60, &watch, &status, &ru);
  run->ua_series = watch.series;
  run->uac_cpu_s = ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
      (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  run->peak_calls = watch.peak_calls;

  if (!exited || !WIFEXITED (status) ||
      (WEXITSTATUS (status) != 0 && WEXITSTATUS (status) != 1)) {
    g_file_get_contents (log_path, &screen, NULL, NULL);
    bench_info ("  sipp %s, status %d; its output:\n%s\n",
        exited ? "failed" : "did not exit in time and was killed", status,
        screen ? screen : "(none)");
    g_free (screen);
    goto failed;
  }
  if (!stats_load (&stats, stats_path)) {
    bench_info ("  sipp wrote no statistics to %s\n", stats_path);
    stats_clear (&stats);
    goto failed;
  }
  last = stats.rows->len - 1;
  run->valid = TRUE;
  run->calls = stats_uint (&stats, last, "OutgoingCall(C)");
  run->ok = stats_uint (&stats, last, "SuccessfulCall(C)");
  run->failed = stats_uint (&stats, last, "FailedCall(C)");
  run->unexpected = stats_uint (&stats, last, "FailedUnexpectedMessage(C)");
  run->retransmissions = stats_uint (&stats, last, "Retransmissions(C)");
  run->response_ms = stats_duration_ms (&stats, last, "ResponseTime1(C)");
  run->elapsed_s = stats_time (&stats, last, "CurrentTime") -
      stats_time (&stats, last, "StartTime");
  run->series = series_of (&stats);
  stats_clear (&stats);

  g_free (stats_path);
  g_free (log_path);
  g_ptr_array_unref (argv);
  return TRUE;

  /* ERRORS */
failed:
  g_free (stats_path);
  g_free (log_path);
  g_ptr_array_unref (argv);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* the systems */

static gboolean
start_user_agent (
    Bench *b, guint max_queue_delay, gboolean overload_control, GError **error)
{
  GstSipTransport *transport;

  b->ua = gst_sip_user_agent_new ();
  g_object_set (
      b->ua, "auto-answer", TRUE, "max-queue-delay", max_queue_delay, NULL);
  /* the overload runs only: max-calls is an overload control too */
  if (overload_control)
    g_object_set (b->ua, "max-calls", (guint) opt_max_calls, NULL);
  transport = gst_sip_user_agent_add_transport (
      b->ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, error);
  if (!transport) {
    g_clear_object (&b->ua);
    return FALSE;
  }
  b->ua_port = gst_sip_transport_get_port (transport);
  return TRUE;
}

static void
stop_user_agent (Bench *b)
{
  g_clear_object (&b->ua);
}

/* runs the context for @ms */
static void
settle (Bench *b, guint ms)
{
  GSource *source = g_timeout_source_new (ms);
  gboolean done = FALSE;

  g_source_set_callback (source, bench_idle_a_moment, &done, NULL);
  g_source_attach (source, b->context);
  while (!done)
    g_main_context_iteration (b->context, TRUE);
  g_source_unref (source);
}

static gboolean
start_kamailio (Bench *b, GError **error)
{
  GstSipTestKamailioConfig config;
  gchar *forward_to;
  const gchar *argv[] = { b->sipp, "-sn", "uas", "-i", "127.0.0.1", "-p", NULL,
    "-buff_size", SIPP_BUFFER, "-nostdin", NULL };
  gchar *port;

  b->uas_port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, "127.0.0.1");
  if (!b->uas_port) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
        "no free port for the sipp UAS");
    return FALSE;
  }
  port = g_strdup_printf ("%u", b->uas_port);
  argv[6] = port;
  b->uas = gst_sip_test_peer_spawn (argv, b->tmpdir, error);
  g_free (port);
  if (!b->uas)
    return FALSE;
  if (!gst_sip_test_peer_wait_udp_port (
          b->uas, "127.0.0.1", b->uas_port, 10000)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
        "the sipp UAS does not listen on 127.0.0.1:%u: %s", b->uas_port,
        gst_sip_test_peer_get_log (b->uas));
    return FALSE;
  }

  forward_to = g_strdup_printf ("127.0.0.1:%u", b->uas_port);
  memset (&config, 0, sizeof (config));
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_FORWARD;
  config.forward_to = forward_to;
  config.workers = opt_kamailio_workers;
  config.shm_mb = opt_kamailio_shm;
  /* the fastest of its memory managers; the default one, qm, spent most of
   * the time of a call looking for free memory in earlier runs */
  config.memory_manager = "tlsf";
  b->kamailio = gst_sip_test_kamailio_start (&config, error);
  g_free (forward_to);
  return b->kamailio != NULL;
}

static void
stop_kamailio (Bench *b)
{
  if (b->uas) {
    gst_sip_test_peer_stop (b->uas);
    gst_sip_test_peer_free (b->uas);
    b->uas = NULL;
  }
  g_clear_pointer (&b->kamailio, gst_sip_test_kamailio_free);
}

/* one step against @system at @rate for @seconds; the user agent refuses
 * calls under overload when @overload_control */
static gboolean
run_step (Bench *b, System system, guint rate, guint seconds,
    gboolean overload_control, Run *run)
{
  GError *error = NULL;
  gdouble cpu0 = 0, cpu1 = 0, uas0 = 0, uas1 = 0;
  gboolean ok;

  if (system == SYSTEM_GST_SIP) {
    if (!start_user_agent (b, overload_control ? opt_max_queue_delay : 0,
            overload_control, &error)) {
      bench_info ("  gst-sip: %s\n", error->message);
      g_clear_error (&error);
      return FALSE;
    }
    settle (b, SETTLE_MS);
    cpu0 = bench_self_cpu_s ();
    ok = run_uac (b, "127.0.0.1", b->ua_port, rate, seconds, run);
    cpu1 = bench_self_cpu_s ();
    stop_user_agent (b);
  } else {
    settle (b, SETTLE_MS);
    cpu0 = bench_kamailio_cpu_s (b->kamailio);
    uas0 = bench_process_cpu_s (gst_sip_test_peer_get_pid (b->uas));
    ok = run_uac (b, gst_sip_test_kamailio_get_address (b->kamailio),
        gst_sip_test_kamailio_get_port (b->kamailio), rate, seconds, run);
    cpu1 = bench_kamailio_cpu_s (b->kamailio);
    uas1 = bench_process_cpu_s (gst_sip_test_peer_get_pid (b->uas));
  }
  run->server_cpu_s = cpu1 - cpu0;
  run->uas_cpu_s = uas1 - uas0;
  run->pass = ok && run->valid && run->failed == 0 && run->ok == run->calls &&
      run->calls >= rate * seconds && run->response_ms <= opt_max_response;
  return ok;
}

/* ---------------------------------------------------------------------- */
/* results */

static void
run_clear (Run *run)
{
  if (run->series)
    g_string_free (run->series, TRUE);
  if (run->ua_series)
    g_string_free (run->ua_series, TRUE);
  memset (run, 0, sizeof (*run));
}

static gdouble
goodput (const Run *run)
{
  return run->elapsed_s > 0 ? run->ok / run->elapsed_s : 0;
}

static gdouble
per_call_us (gdouble seconds, guint ok)
{
  return ok ? seconds * 1e6 / ok : 0;
}

static void
print_run_header (void)
{
  if (opt_csv)
    printf ("system,kind,rate,calls,successful,failed,unexpected,"
            "retransmissions,response_ms,elapsed_s,successful_per_s,"
            "server_cpu_us_per_call,uas_cpu_us_per_call,"
            "uac_cpu_us_per_call,peak_calls,pass\n");
  else
    bench_info ("%-8s %6s %7s %7s %6s %6s %7s %8s %8s %9s %9s %6s\n", "system",
        "rate", "calls", "ok", "failed", "503ish", "retrans", "resp ms", "ok/s",
        "srv us/c", "uas us/c", "pass");
}

static void
print_run (System system, const gchar *kind, const Run *run)
{
  if (opt_csv) {
    printf ("%s,%s,%u,%u,%u,%u,%u,%u,%.2f,%.3f,%.1f,%.1f,%.1f,%.1f,%u,%s\n",
        system_names[system], kind, run->rate, run->calls, run->ok, run->failed,
        run->unexpected, run->retransmissions, run->response_ms, run->elapsed_s,
        goodput (run), per_call_us (run->server_cpu_s, run->ok),
        per_call_us (run->uas_cpu_s, run->ok),
        per_call_us (run->uac_cpu_s, run->ok), run->peak_calls,
        run->pass ? "yes" : "no");
    fflush (stdout);
  } else {
    gchar uas[32];

    if (system == SYSTEM_KAMAILIO)
      g_snprintf (
          uas, sizeof (uas), "%9.1f", per_call_us (run->uas_cpu_s, run->ok));
    else
      g_snprintf (uas, sizeof (uas), "%9s", "-");
    bench_info ("%-8s %6u %7u %7u %6u %6u %7u %8.1f %8.0f %9.1f %s %6s\n",
        system_names[system], run->rate, run->calls, run->ok, run->failed,
        run->unexpected, run->retransmissions, run->response_ms, goodput (run),
        per_call_us (run->server_cpu_s, run->ok), uas,
        run->pass ? "yes" : "NO");
  }
  if (opt_verbose && run->series)
    bench_info ("         per second (ok/failed/retransmissions): %s\n",
        run->series->str);
  if (opt_verbose && run->ua_series && run->ua_series->len)
    bench_info (
        "         per second (CPU/transactions of the user agent): %s\n",
        run->ua_series->str);
}

static guint
round_rate (gdouble rate)
{
  guint r = (guint) (rate + 0.5);

  if (r >= 1000)
    r = (r + 25) / 50 * 50;
  else
    r = (r + 5) / 10 * 10;
  return MAX (r, MIN_RATE);
}

/* Steps the rate as described at the top; returns the highest passing rate
 * (0 when none passed) and fills @best with its run. */
static guint
find_maximum (Bench *b, System system, Run *best)
{
  guint lo = 0, hi = 0, rate = round_rate (opt_start), step;

  memset (best, 0, sizeof (*best));
  for (step = 0; step < MAX_STEPS; step++) {
    Run run;
    guint next;

    if (!run_step (b, system, rate, opt_duration, FALSE, &run)) {
      bench_info (
          "%-8s %6u: the step could not run\n", system_names[system], rate);
      run_clear (&run);
      run.rate = rate;
    }
    print_run (system, "step", &run);
    if (run.pass) {
      lo = rate;
      run_clear (best);
      *best = run;
      memset (&run, 0, sizeof (run));
    } else {
      hi = rate;
      if (system == SYSTEM_KAMAILIO)
        settle (b, SETTLE_FAILED_MS);
    }
    run_clear (&run);

    if (lo && hi && hi - lo <= opt_precision * lo)
      break;
    if (!hi) {
      if (rate >= (guint) opt_max_rate)
        break;
      next = MIN (round_rate (rate * GROWTH), (guint) opt_max_rate);
    } else if (!lo) {
      if (rate <= MIN_RATE)
        break;
      next = round_rate (rate / 2.0);
    } else {
      next = round_rate ((lo + hi) / 2.0);
    }
    if (next == rate || next == lo || next == hi)
      break;
    rate = next;
  }
  return lo;
}

/* ---------------------------------------------------------------------- */

static gboolean
parse_only (gboolean *selected)
{
  guint s;

  for (s = 0; s < N_SYSTEMS; s++)
    selected[s] = opt_only == NULL || g_str_equal (opt_only, system_names[s]);
  if (opt_only && !selected[SYSTEM_GST_SIP] && !selected[SYSTEM_KAMAILIO]) {
    g_printerr ("call-bench: --only takes gst-sip or kamailio\n");
    return FALSE;
  }
  return TRUE;
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = { { "duration", 'd', 0, G_OPTION_ARG_INT,
                                 &opt_duration,
                                 "Seconds of calls per step (default 4)", "S" },
    { "start", 's', 0, G_OPTION_ARG_INT, &opt_start,
        "The first rate, in calls per second (default 1000)", "RATE" },
    { "max-rate", 0, 0, G_OPTION_ARG_INT, &opt_max_rate,
        "Never offer more than this (default 40000)", "RATE" },
    { "precision", 'p', 0, G_OPTION_ARG_DOUBLE, &opt_precision,
        "Stop when the highest passing and the lowest failing rate are "
        "this close, relatively (default 0.05)",
        "P" },
    { "max-response", 0, 0, G_OPTION_ARG_INT, &opt_max_response,
        "A step passes only if the mean time from INVITE to 200 stays below "
        "this (default 100)",
        "MS" },
    { "overload", 'o', 0, G_OPTION_ARG_DOUBLE, &opt_overload,
        "Offer this times the maximum of gst-sip in the overload run; 0 "
        "skips it (default 2)",
        "F" },
    { "overload-duration", 0, 0, G_OPTION_ARG_INT, &opt_overload_duration,
        "Seconds of each overload run (default 10)", "S" },
    { "overload-rounds", 0, 0, G_OPTION_ARG_INT, &opt_overload_rounds,
        "Overload runs; the summary takes the median (default 3, at most 9)",
        "N" },
    { "rate", 'r', 0, G_OPTION_ARG_INT, &opt_gst_sip_rate,
        "Do not search the maximum of gst-sip: take this one", "RATE" },
    { "max-queue-delay", 'q', 0, G_OPTION_ARG_INT, &opt_max_queue_delay,
        "GstSipUserAgent:max-queue-delay of the user agent; 0 disables "
        "its overload control (default 100)",
        "MS" },
    { "max-calls", 0, 0, G_OPTION_ARG_INT, &opt_max_calls,
        "GstSipUserAgent:max-calls of the user agent in the overload runs "
        "(default 0: no limit)",
        "N" },
    { "kamailio-workers", 'w', 0, G_OPTION_ARG_INT, &opt_kamailio_workers,
        "kamailio's UDP worker processes (default 1; with more, a 200 may "
        "overtake its 180, which sipp's UAC counts as a failed call)",
        "N" },
    { "kamailio-shm", 0, 0, G_OPTION_ARG_INT, &opt_kamailio_shm,
        "kamailio's shared memory (default 1024)", "MB" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only,
        "Only search the maximum of this system: gst-sip or kamailio",
        "SYSTEM" },
    { "sipp", 0, 0, G_OPTION_ARG_FILENAME, &opt_sipp,
        "The sipp program (default sipp)", "PATH" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose,
        "Print each run's successful and failed calls second by second", NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &opt_csv, "Print CSV instead of tables",
        NULL },
    { NULL } };
  GOptionContext *ctx;
  GError *error = NULL;
  gboolean selected[N_SYSTEMS];
  guint max[N_SYSTEMS] = { 0, 0 };
  Run best[N_SYSTEMS], overload[MAX_OVERLOAD_ROUNDS];
  gdouble goodputs[MAX_OVERLOAD_ROUNDS];
  guint n_overload = 0, r;
  gchar *load;
  Bench b;
  guint s;
  gint ret = 1;

  ctx = g_option_context_new ("- calls per second as a callee, against "
                              "kamailio");
  g_option_context_set_summary (ctx,
      "Finds the highest rate of sipp's built-in UAC (sipp -sn uac) that a "
      "gst-sip user agent answering every call (auto-answer, no media) "
      "holds with no failed call, and the same for kamailio as a stateful "
      "proxy in front of sipp's built-in UAS; then offers the user agent "
      "twice its maximum and measures the successful calls per second.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("call-bench: %s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);
  if (opt_duration < 1 || opt_start < MIN_RATE || opt_max_rate < opt_start ||
      opt_precision <= 0 || opt_max_response < 1 || opt_overload < 0 ||
      opt_overload_duration < 1 || opt_overload_rounds < 1 ||
      opt_overload_rounds > MAX_OVERLOAD_ROUNDS || opt_gst_sip_rate < 0 ||
      opt_max_queue_delay < 0 || opt_max_calls < 0 ||
      opt_kamailio_workers < 1 || opt_kamailio_shm < 64) {
    g_printerr ("call-bench: bad option value (see --help)\n");
    return 2;
  }
  if (!parse_only (selected))
    return 2;

  /* the kamailio harness reports through g_test_message(), which prints */
  bench_info_out = opt_csv ? stderr : stdout;
  g_set_print_handler (bench_print_to_info);

  gst_init (NULL, NULL);

  memset (&b, 0, sizeof (b));
  memset (best, 0, sizeof (best));
  memset (overload, 0, sizeof (overload));
  b.context = g_main_context_ref_thread_default ();
  b.sipp = gst_sip_test_find_program (opt_sipp ? opt_sipp : "sipp");
  if (!b.sipp) {
    g_printerr ("call-bench: sipp not found (--sipp PATH)\n");
    return 1;
  }

  load = load_average ();
  bench_info (
      "call-bench: buildtype %s%s, GLib %u.%u.%u, %ld CPUs online, load "
      "average %s\n",
      BENCH_BUILDTYPE,
#ifdef __OPTIMIZE__
      "",
#else
      " (NOT OPTIMISED: numbers are meaningless)",
#endif
      glib_major_version, glib_minor_version, glib_micro_version,
      sysconf (_SC_NPROCESSORS_ONLN), load);
  g_free (load);

  b.tmpdir = gst_sip_test_make_tmp_dir ("call-bench", &error);
  if (!b.tmpdir)
    goto error;

  bench_info (
      "caller: %s -sn uac over UDP, -d %d s per step; a step passes with "
      "no failed call and a mean INVITE-200 time below %d ms\n",
      b.sipp, opt_duration, opt_max_response);
  bench_info (
      "gst-sip: one GstSipUserAgent, UDP on 127.0.0.1, auto-answer, a new "
      "one for every step; max-queue-delay off while the maximum is "
      "searched (kamailio has no such control either), %d ms in the "
      "overload runs (max-calls %d)\n",
      opt_max_queue_delay, opt_max_calls);
  if (selected[SYSTEM_KAMAILIO]) {
    if (!start_kamailio (&b, &error))
      goto error;
    bench_info (
        "kamailio (pid %d): stateful proxy (t_relay) on 127.0.0.1:%u, %d "
        "UDP worker(s), %d MB shared memory (tlsf), to sipp -sn uas (pid %d) on "
        "127.0.0.1:%u\n",
        (gint) gst_sip_test_kamailio_get_pid (b.kamailio),
        gst_sip_test_kamailio_get_port (b.kamailio), opt_kamailio_workers,
        opt_kamailio_shm, (gint) gst_sip_test_peer_get_pid (b.uas), b.uas_port);
  }
  bench_info ("\n");

  print_run_header ();
  for (s = 0; s < N_SYSTEMS; s++) {
    if (!selected[s])
      continue;
    if (s == SYSTEM_GST_SIP && opt_gst_sip_rate) {
      max[s] = opt_gst_sip_rate;
      continue;
    }
    max[s] = find_maximum (&b, s, &best[s]);
    if (!max[s])
      bench_info (
          "%s: no step passed, even at the lowest rate\n", system_names[s]);
  }

  if (selected[SYSTEM_GST_SIP] && max[SYSTEM_GST_SIP] && opt_overload > 0) {
    guint rate = round_rate (max[SYSTEM_GST_SIP] * opt_overload);

    for (r = 0; r < (guint) opt_overload_rounds; r++) {
      if (!run_step (&b, SYSTEM_GST_SIP, rate, opt_overload_duration, TRUE,
              &overload[n_overload])) {
        run_clear (&overload[n_overload]);
        continue;
      }
      print_run (SYSTEM_GST_SIP, "overload", &overload[n_overload]);
      goodputs[n_overload] = goodput (&overload[n_overload]);
      n_overload++;
    }
  }

  if (!opt_csv) {
    bench_info ("\n%-8s %12s %16s %16s %16s\n", "", "max calls/s",
        "server us/call", "sipp UAS us/call", "sipp UAC us/call");
    for (s = 0; s < N_SYSTEMS; s++) {
      gchar uas[32];

      if (!selected[s] || !best[s].valid)
        continue;
      if (s == SYSTEM_KAMAILIO)
        g_snprintf (uas, sizeof (uas), "%.1f",
            per_call_us (best[s].uas_cpu_s, best[s].ok));
      else
        g_strlcpy (uas, "-", sizeof (uas));
      bench_info ("%-8s %12u %16.1f %16s %16.1f\n", system_names[s], max[s],
          per_call_us (best[s].server_cpu_s, best[s].ok), uas,
          per_call_us (best[s].uac_cpu_s, best[s].ok));
    }
    bench_info (
        "(CPU time per successful call at the maximum; server: this "
        "process for gst-sip, all of kamailio's processes for kamailio)\n");
  }

  if (max[SYSTEM_GST_SIP] && max[SYSTEM_KAMAILIO]) {
    gdouble ratio = (gdouble) max[SYSTEM_GST_SIP] / max[SYSTEM_KAMAILIO];

    bench_info (
        "\ngst-sip/kamailio calls per second with no failed call: %.2fx "
        "(%u vs %u); target >= %.1f: %s\n",
        ratio, max[SYSTEM_GST_SIP], max[SYSTEM_KAMAILIO], TARGET_RATIO,
        ratio >= TARGET_RATIO ? "OK" : "NOT MET");
  }
  if (n_overload > 0) {
    const Run *median = NULL;
    gdouble sorted[MAX_OVERLOAD_ROUNDS], ratio;

    /* the run with the median goodput */
    memcpy (sorted, goodputs, n_overload * sizeof (gdouble));
    qsort (sorted, n_overload, sizeof (gdouble), bench_compare_double);
    for (r = 0; r < n_overload && !median; r++) {
      if (goodputs[r] == sorted[n_overload / 2])
        median = &overload[r];
    }
    ratio = goodput (median) / max[SYSTEM_GST_SIP];
    bench_info (
        "gst-sip offered %u calls/s (%.1fx its maximum of %u): %.0f "
        "successful calls/s (median of %u runs, %.0f to %.0f), %.2fx the "
        "maximum; %u refused (503) or failed on another unexpected "
        "response, %u failed otherwise; target >= %.1f: %s\n",
        median->rate, opt_overload, max[SYSTEM_GST_SIP], goodput (median),
        n_overload, sorted[0], sorted[n_overload - 1], ratio,
        median->unexpected, median->failed - median->unexpected, TARGET_GOODPUT,
        ratio >= TARGET_GOODPUT ? "OK" : "NOT MET");
  }
  ret = 0;

done:
  for (s = 0; s < N_SYSTEMS; s++) {
    run_clear (&best[s]);
  }
  for (r = 0; r < n_overload; r++)
    run_clear (&overload[r]);
  stop_user_agent (&b);
  stop_kamailio (&b);
  if (b.tmpdir)
    bench_remove_dir (b.tmpdir);
  g_free (b.tmpdir);
  g_free (b.sipp);
  g_main_context_unref (b.context);
  g_free (opt_sipp);
  g_free (opt_only);
  return ret;

  /* ERRORS */
error:
  g_printerr ("call-bench: %s\n", error ? error->message : "failed");
  g_clear_error (&error);
  goto done;
}
