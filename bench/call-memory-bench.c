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
 * call-memory-bench: the memory a user agent holds per established call
 * (dialog), with N of them up at once.
 *
 * Three runs, each in this process over UDP on 127.0.0.1, each with its
 * own user agents, and a look at one part of it:
 *  - callee: a GstSipUserAgent with auto-answer holds N calls that
 *    `sipp -sn uac` placed and keeps up (-d: a pause longer than the run);
 *  - caller: a GstSipUserAgent places N calls (GstSipCall, an audio offer)
 *    to `sipp -sn uas`, which answers and waits for a BYE;
 *  - both: one user agent calls the other, N times, in this process.
 * The heap in use (mallinfo2(): uordblks + hblkhd) and the resident set
 * size are taken once the user agents are ready and a few calls went
 * through (so that what is set up once is not counted), and again once all
 * N calls are established and every transaction ended (Timer L, M and the
 * like: the user agents run with T1 = --t1 ms so that this takes seconds);
 * the difference divided by N is the memory per call.  In the first two
 * runs the other end is a separate process, so the figure belongs to one
 * side alone.  The "sdp" line then measures N SDP negotiators left as
 * auto-answer leaves the one of each call (the default audio codecs and
 * sipp's offer answered), the largest part of a call.
 *
 * This is an on-demand benchmark, never a test: see bench/README.md.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sip/sip.h>

#include "peer.h"
#include "bench-common.h"

#ifndef BENCH_BUILDTYPE
#define BENCH_BUILDTYPE "unknown"
#endif

#define DEFAULT_CALLS 10000
#define DEFAULT_CONCURRENCY 100
#define DEFAULT_RATE 2000
#define DEFAULT_T1 50
#define DEFAULT_TIMEOUT_S 120
#define WARM_UP_CALLS 20

/* what the issue asks for */
#define TARGET_BYTES 4096

#define SIPP_BUFFER "4194304"

static gint opt_calls = DEFAULT_CALLS;
static gint opt_concurrency = DEFAULT_CONCURRENCY;
static gint opt_rate = DEFAULT_RATE;
static gint opt_t1 = DEFAULT_T1;
static gint opt_timeout = DEFAULT_TIMEOUT_S;
static gchar *opt_sipp;
static gchar *opt_only;

typedef enum
{
  SIDE_CALLEE,
  SIDE_CALLER,
  SIDE_BOTH,
  SIDE_NEGOTIATOR,
  N_SIDES
} Side;

static const gchar *const side_names[N_SIDES] = { "callee", "caller", "both",
  "sdp" };

static const gchar *const side_descriptions[N_SIDES] = {
  "gst-sip answers (auto-answer), sipp -sn uac calls",
  "gst-sip calls (GstSipCall), sipp -sn uas answers",
  "one gst-sip user agent calls another, in this process",
  /* parenthesised: one string, not a missing comma */
  ("of which the SDP negotiator of an answered call: default audio codecs, "
   "sipp's offer answered"),
};

/* the offer of sipp -sn uac */
#define SIPP_OFFER                                   \
  "v=0\r\n"                                          \
  "o=user1 53655765 2353687637 IN IP4 127.0.0.1\r\n" \
  "s=-\r\n"                                          \
  "c=IN IP4 127.0.0.1\r\n"                           \
  "t=0 0\r\n"                                        \
  "m=audio 6000 RTP/AVP 0\r\n"                       \
  "a=rtpmap:0 PCMU/8000\r\n"

typedef struct
{
  gsize heap;
  gsize rss;
} Snapshot;

typedef struct
{
  gboolean valid;
  guint established;
  Snapshot before, after;
  gdouble setup_s;
} Result;

/* ---------------------------------------------------------------------- */
/* memory */

static gsize
resident_bytes (void)
{
  gchar *contents = NULL;
  gsize rss = 0;

  /* "size resident shared ...", in pages */
  if (g_file_get_contents ("/proc/self/statm", &contents, NULL, NULL)) {
    gchar **fields = g_strsplit (contents, " ", 3);

    if (g_strv_length (fields) >= 2)
      rss = g_ascii_strtoull (fields[1], NULL, 10) * sysconf (_SC_PAGESIZE);
    g_strfreev (fields);
  }
  g_free (contents);
  return rss;
}

static void
snapshot (Snapshot *s)
{
  struct mallinfo2 mi = mallinfo2 ();

  s->heap = mi.uordblks + mi.hblkhd;
  s->rss = resident_bytes ();
}

static gdouble
per_call (gsize before, gsize after, guint n)
{
  return n ? ((gdouble) after - (gdouble) before) / n : 0;
}

/* ---------------------------------------------------------------------- */
/* waiting */

typedef gboolean (*Condition) (gpointer user_data);

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* runs the default context until @condition holds, at most @timeout_s;
 * looks at it at least every 50 ms */
static gboolean
run_until (Condition condition, gpointer user_data, guint timeout_s)
{
  GSource *timeout = g_timeout_source_new_seconds (timeout_s);
  GSource *tick = g_timeout_source_new (50);
  gboolean timed_out = FALSE, ok;

  g_source_set_callback (timeout, on_timeout, &timed_out, NULL);
  g_source_attach (timeout, NULL);
  g_source_set_callback (tick, on_tick, NULL, NULL);
  g_source_attach (tick, NULL);
  while (!(ok = condition (user_data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (tick);
  g_source_unref (tick);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  return ok;
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* the user agents */

typedef struct
{
  GstSipUserAgent *callee; /* auto-answer */
  guint16 callee_port;
  GstSipUserAgent *caller;
  GPtrArray *calls; /* GstSipCall the caller placed */
  guint next;
  guint in_flight;
  guint done;
  guint established;
  guint failed;
  guint target;
  gchar *uri;
} Run;

static GstSipUserAgent *
new_user_agent (guint16 *port)
{
  GstSipUserAgent *ua = g_object_new (GST_TYPE_SIP_USER_AGENT, "t1", opt_t1,
      "t2", 8 * opt_t1, "t4", 10 * opt_t1, NULL);
  GstSipTransport *transport;
  GError *error = NULL;

  transport = gst_sip_user_agent_add_transport (
      ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  if (!transport)
    g_error ("cannot listen on UDP: %s", error->message);
  if (port)
    *port = gst_sip_transport_get_port (transport);
  return ua;
}

static void dial_more (Run *run);

static void
dial_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;
  GError *error = NULL;
  guint code = gst_sip_call_dial_finish (GST_SIP_CALL (source), result, &error);

  if (code == 200) {
    run->established++;
  } else {
    run->failed++;
    if (run->failed <= 5)
      g_printerr (
          "  a call failed: %u %s\n", code, error ? error->message : "");
  }
  g_clear_error (&error);
  run->in_flight--;
  run->done++;
  dial_more (run);
}

static void
dial_more (Run *run)
{
  while (run->in_flight < (guint) opt_concurrency && run->next < run->target) {
    GstSipCall *call = gst_sip_call_new (run->caller, NULL);
    GstSipSdpNegotiator *negotiator = gst_sip_sdp_negotiator_new ("127.0.0.1");

    /* signalling only: the discard port, as auto-answer does */
    gst_sip_sdp_negotiator_add_media (negotiator, "audio", 9, NULL);
    gst_sip_call_set_negotiator (call, negotiator);
    g_object_unref (negotiator);
    g_ptr_array_add (run->calls, call);
    run->next++;
    run->in_flight++;
    gst_sip_call_dial_async (call, run->uri, NULL, dial_done, run);
  }
}

static gboolean
all_dialed (gpointer user_data)
{
  Run *run = user_data;

  return run->done >= run->target;
}

/* the caller dials @n calls more to run->uri */
static gboolean
place_calls (Run *run, guint n)
{
  run->target += n;
  dial_more (run);
  return run_until (all_dialed, run, opt_timeout);
}

typedef struct
{
  GstSipUserAgent *a, *b;
  guint calls; /* calls the callee must hold */
} Quiet;

/* all calls up and every transaction over: what is left is the dialogs */
static gboolean
is_quiet (gpointer user_data)
{
  Quiet *q = user_data;

  if (q->b && gst_sip_user_agent_get_n_calls (q->b) != q->calls)
    return FALSE;
  return (!q->a || gst_sip_user_agent_get_n_transactions (q->a) == 0) &&
      (!q->b || gst_sip_user_agent_get_n_transactions (q->b) == 0);
}

/* ---------------------------------------------------------------------- */
/* sipp */

/* sipp's built-in UAC calls @remote @calls times, holding each call for
 * longer than the run when @hold; or its built-in UAS answers on @port */
static GstSipTestPeer *
spawn_sipp (const gchar *sipp, const gchar *tmpdir, gboolean uac, guint16 port,
    const gchar *remote, guint calls, gboolean hold)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  GstSipTestPeer *peer;
  GError *error = NULL;

  g_ptr_array_add (argv, g_strdup (sipp));
  g_ptr_array_add (argv, g_strdup ("-sn"));
  g_ptr_array_add (argv, g_strdup (uac ? "uac" : "uas"));
  g_ptr_array_add (argv, g_strdup ("-i"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  g_ptr_array_add (argv, g_strdup ("-buff_size"));
  g_ptr_array_add (argv, g_strdup (SIPP_BUFFER));
  g_ptr_array_add (argv, g_strdup ("-nostdin"));
  if (uac) {
    g_ptr_array_add (argv, g_strdup ("-r"));
    g_ptr_array_add (argv, g_strdup_printf ("%d", opt_rate));
    g_ptr_array_add (argv, g_strdup ("-m"));
    g_ptr_array_add (argv, g_strdup_printf ("%u", calls));
    g_ptr_array_add (argv, g_strdup ("-l"));
    g_ptr_array_add (argv, g_strdup_printf ("%u", calls));
    g_ptr_array_add (argv, g_strdup ("-d"));
    g_ptr_array_add (
        argv, g_strdup_printf ("%d", hold ? (opt_timeout + 60) * 1000 : 0));
    g_ptr_array_add (argv, g_strdup (remote));
  }
  g_ptr_array_add (argv, NULL);

  peer = gst_sip_test_peer_spawn (
      (const gchar *const *) argv->pdata, tmpdir, &error);
  if (!peer) {
    g_printerr ("call-memory-bench: cannot start sipp: %s\n", error->message);
    g_clear_error (&error);
  }
  g_ptr_array_unref (argv);
  return peer;
}

/* ---------------------------------------------------------------------- */
/* the runs */

static void
run_free (Run *run)
{
  g_clear_pointer (&run->calls, g_ptr_array_unref);
  /* the calls that are up hold their user agent: dispose it first, which
   * ends them */
  if (run->caller)
    g_object_run_dispose (G_OBJECT (run->caller));
  if (run->callee)
    g_object_run_dispose (G_OBJECT (run->callee));
  g_clear_object (&run->caller);
  g_clear_object (&run->callee);
  g_free (run->uri);
}

/* gst-sip answers: sipp places the calls and holds them */
static void
measure_callee (const gchar *sipp, const gchar *tmpdir, Result *result)
{
  Run run;
  Quiet quiet = { NULL, NULL, 0 };
  GstSipTestPeer *peer;
  gchar *remote;
  gint64 t0;

  memset (&run, 0, sizeof (run));
  run.callee = new_user_agent (&run.callee_port);
  g_object_set (run.callee, "auto-answer", TRUE, NULL);
  remote = g_strdup_printf ("127.0.0.1:%u", run.callee_port);
  quiet.b = run.callee;

  /* warm-up: calls that start and end */
  peer = spawn_sipp (sipp, tmpdir, TRUE, 0, remote, WARM_UP_CALLS, FALSE);
  if (!peer)
    goto done;
  if (!gst_sip_test_peer_wait_exit (peer, opt_timeout * 1000, NULL)) {
    g_printerr ("  callee: the warm-up calls did not end\n");
    goto stop;
  }
  gst_sip_test_peer_free (peer);
  peer = NULL;
  quiet.calls = 0;
  run_until (is_quiet, &quiet, opt_timeout);

  snapshot (&result->before);
  t0 = g_get_monotonic_time ();
  peer = spawn_sipp (sipp, tmpdir, TRUE, 0, remote, opt_calls, TRUE);
  if (!peer)
    goto done;
  quiet.calls = opt_calls;
  if (!run_until (is_quiet, &quiet, opt_timeout)) {
    g_printerr ("  callee: %u of %d calls up, %u transactions after %d s\n",
        gst_sip_user_agent_get_n_calls (run.callee), opt_calls,
        gst_sip_user_agent_get_n_transactions (run.callee), opt_timeout);
    goto stop;
  }
  result->setup_s = (g_get_monotonic_time () - t0) / 1e6;
  snapshot (&result->after);
  result->established = gst_sip_user_agent_get_n_calls (run.callee);
  result->valid = TRUE;

stop:
  if (peer) {
    gst_sip_test_peer_stop (peer);
    gst_sip_test_peer_free (peer);
  }
done:
  g_free (remote);
  run_free (&run);
}

static gboolean
listening (GstSipTestPeer *peer, guint16 port)
{
  return gst_sip_test_peer_wait_udp_port (peer, "127.0.0.1", port, 10000);
}

/* gst-sip calls: sipp answers them and waits for the BYE */
static void
measure_caller (const gchar *sipp, const gchar *tmpdir, Result *result)
{
  Run run;
  Quiet quiet = { NULL, NULL, 0 };
  GstSipTestPeer *peer;
  guint16 port;
  gint64 t0;

  memset (&run, 0, sizeof (run));
  port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, "127.0.0.1");
  peer = spawn_sipp (sipp, tmpdir, FALSE, port, NULL, 0, FALSE);
  if (!peer)
    return;
  if (!listening (peer, port)) {
    g_printerr ("  caller: sipp does not listen on 127.0.0.1:%u\n", port);
    goto done;
  }
  run.caller = new_user_agent (NULL);
  run.calls = g_ptr_array_new_with_free_func (g_object_unref);
  run.uri = g_strdup_printf ("sip:service@127.0.0.1:%u", port);
  quiet.a = run.caller;

  if (!place_calls (&run, WARM_UP_CALLS) || run.established != WARM_UP_CALLS)
    goto done;
  run_until (is_quiet, &quiet, opt_timeout);

  snapshot (&result->before);
  t0 = g_get_monotonic_time ();
  if (!place_calls (&run, opt_calls) ||
      run.established != WARM_UP_CALLS + (guint) opt_calls) {
    g_printerr ("  caller: %u of %d calls established\n",
        run.established - WARM_UP_CALLS, opt_calls);
    goto done;
  }
  if (!run_until (is_quiet, &quiet, opt_timeout)) {
    g_printerr ("  caller: %u transactions left after %d s\n",
        gst_sip_user_agent_get_n_transactions (run.caller), opt_timeout);
    goto done;
  }
  result->setup_s = (g_get_monotonic_time () - t0) / 1e6;
  snapshot (&result->after);
  result->established = run.established - WARM_UP_CALLS;
  result->valid = TRUE;

done:
  gst_sip_test_peer_stop (peer);
  gst_sip_test_peer_free (peer);
  run_free (&run);
}

/* one user agent calls the other */
static void
measure_both (Result *result)
{
  Run run;
  Quiet quiet = { NULL, NULL, 0 };
  gint64 t0;

  memset (&run, 0, sizeof (run));
  run.callee = new_user_agent (&run.callee_port);
  g_object_set (run.callee, "auto-answer", TRUE, NULL);
  run.caller = new_user_agent (NULL);
  run.calls = g_ptr_array_new_with_free_func (g_object_unref);
  run.uri = g_strdup_printf ("sip:service@127.0.0.1:%u", run.callee_port);
  quiet.a = run.caller;
  quiet.b = run.callee;

  quiet.calls = WARM_UP_CALLS;
  if (!place_calls (&run, WARM_UP_CALLS) || run.established != WARM_UP_CALLS)
    goto done;
  run_until (is_quiet, &quiet, opt_timeout);

  snapshot (&result->before);
  t0 = g_get_monotonic_time ();
  quiet.calls = WARM_UP_CALLS + opt_calls;
  if (!place_calls (&run, opt_calls) ||
      run.established != WARM_UP_CALLS + (guint) opt_calls) {
    g_printerr ("  both: %u of %d calls established\n",
        run.established - WARM_UP_CALLS, opt_calls);
    goto done;
  }
  if (!run_until (is_quiet, &quiet, opt_timeout)) {
    g_printerr ("  both: %u and %u transactions left after %d s\n",
        gst_sip_user_agent_get_n_transactions (run.caller),
        gst_sip_user_agent_get_n_transactions (run.callee), opt_timeout);
    goto done;
  }
  result->setup_s = (g_get_monotonic_time () - t0) / 1e6;
  snapshot (&result->after);
  result->established = run.established - WARM_UP_CALLS;
  result->valid = TRUE;

done:
  run_free (&run);
}

/* what auto-answer leaves in the negotiator of a call, N times */
static void
measure_negotiator (Result *result)
{
  GstSipSdpNegotiator **negotiators = g_new0 (GstSipSdpNegotiator *, opt_calls);
  GstSDPMessage *offer = NULL;
  guint i;

  gst_sdp_message_new_from_text (SIPP_OFFER, &offer);
  snapshot (&result->before);
  for (i = 0; i < (guint) opt_calls; i++) {
    GstSDPMessage *answer;

    negotiators[i] = gst_sip_sdp_negotiator_new ("127.0.0.1");
    gst_sip_sdp_negotiator_add_media (negotiators[i], "audio", 9, NULL);
    answer = gst_sip_sdp_negotiator_create_answer (negotiators[i], offer, NULL);
    if (answer)
      gst_sdp_message_free (answer);
  }
  snapshot (&result->after);
  result->established = opt_calls;
  result->valid = TRUE;
  for (i = 0; i < (guint) opt_calls; i++)
    g_object_unref (negotiators[i]);
  g_free (negotiators);
  gst_sdp_message_free (offer);
}

/* ---------------------------------------------------------------------- */

/* GLib 2.74's slice allocator keeps freed blocks in its own caches, which
 * malloc counts as in use; G_SLICE=always-malloc makes every block a
 * malloc() of its own, so that the heap in use is what is allocated.  The
 * variable is read once, possibly before main(), so the benchmark runs
 * itself again with it. */
static void
ensure_slice_always_malloc (char **argv)
{
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") == 0 ||
      g_getenv ("CALL_MEMORY_BENCH_REEXECED") != NULL)
    return;
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_setenv ("CALL_MEMORY_BENCH_REEXECED", "1", TRUE);
  execv ("/proc/self/exe", argv);
  g_printerr ("call-memory-bench: warning: could not run again with "
              "G_SLICE=always-malloc: %s\n",
      g_strerror (errno));
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = { { "calls", 'n', 0, G_OPTION_ARG_INT, &opt_calls,
                                 "Calls held at once (default 10000)", "N" },
    { "concurrency", 'c', 0, G_OPTION_ARG_INT, &opt_concurrency,
        "Calls gst-sip dials at a time (default 100)", "C" },
    { "rate", 'r', 0, G_OPTION_ARG_INT, &opt_rate,
        "Calls per second sipp places (default 2000)", "RATE" },
    { "t1", 0, 0, G_OPTION_ARG_INT, &opt_t1,
        "T1 of the user agents, in ms; transactions end 64*T1 after the "
        "call is up (default 50)",
        "MS" },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &opt_timeout,
        "Give up on a run after this many seconds (default 120)", "S" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only,
        "Only this run: callee, caller, both or sdp", "RUN" },
    { "sipp", 0, 0, G_OPTION_ARG_FILENAME, &opt_sipp,
        "The sipp program (default sipp)", "PATH" },
    { NULL } };
  GOptionContext *ctx;
  GError *error = NULL;
  Result results[N_SIDES];
  gboolean selected[N_SIDES];
  gchar *sipp = NULL, *tmpdir = NULL;
  guint s;

  ensure_slice_always_malloc (argv);

  ctx = g_option_context_new ("- memory per established call");
  g_option_context_set_summary (ctx,
      "Measures the heap (mallinfo2) and the resident memory a gst-sip user "
      "agent holds per established call, with N calls up at once: as the "
      "callee of sipp -sn uac, as the caller of sipp -sn uas, and both "
      "sides in one process.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("call-memory-bench: %s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);
  if (opt_calls < 1 || opt_concurrency < 1 || opt_rate < 1 || opt_t1 < 1 ||
      opt_timeout < 1) {
    g_printerr ("call-memory-bench: the counts must be positive\n");
    return 2;
  }
  for (s = 0; s < N_SIDES; s++)
    selected[s] = !opt_only || g_str_equal (opt_only, side_names[s]);
  if (opt_only && !selected[SIDE_CALLEE] && !selected[SIDE_CALLER] &&
      !selected[SIDE_BOTH] && !selected[SIDE_NEGOTIATOR]) {
    g_printerr (
        "call-memory-bench: --only takes callee, caller, both or sdp\n");
    return 2;
  }

  gst_init (NULL, NULL);

  if (selected[SIDE_CALLEE] || selected[SIDE_CALLER]) {
    sipp = gst_sip_test_find_program (opt_sipp ? opt_sipp : "sipp");
    if (!sipp) {
      g_printerr ("call-memory-bench: sipp not found (--sipp PATH, or "
                  "--only both)\n");
      return 1;
    }
    tmpdir = gst_sip_test_make_tmp_dir ("call-memory-bench", &error);
    if (!tmpdir) {
      g_printerr ("call-memory-bench: %s\n", error->message);
      g_clear_error (&error);
      g_free (sipp);
      return 1;
    }
  }

  printf ("call-memory-bench: buildtype %s, GLib %u.%u.%u, G_SLICE=%s, %d "
          "calls held, T1 %d ms\n\n",
      BENCH_BUILDTYPE, glib_major_version, glib_minor_version,
      glib_micro_version, g_getenv ("G_SLICE") ? g_getenv ("G_SLICE") : "",
      opt_calls, opt_t1);
  fflush (stdout);

  memset (results, 0, sizeof (results));
  for (s = 0; s < N_SIDES; s++) {
    if (!selected[s])
      continue;
    printf ("%s: %s\n", side_names[s], side_descriptions[s]);
    fflush (stdout);
    if (s == SIDE_CALLEE)
      measure_callee (sipp, tmpdir, &results[s]);
    else if (s == SIDE_CALLER)
      measure_caller (sipp, tmpdir, &results[s]);
    else if (s == SIDE_BOTH)
      measure_both (&results[s]);
    else
      measure_negotiator (&results[s]);
    /* let what the run freed settle before the next one */
    run_until (never, NULL, 1);
  }

  printf ("\n%-7s %7s %12s %12s %12s %12s %9s\n", "run", "calls", "heap before",
      "heap after", "heap B/call", "RSS B/call", "set-up s");
  for (s = 0; s < N_SIDES; s++) {
    const Result *r = &results[s];

    if (!selected[s])
      continue;
    if (!r->valid) {
      printf ("%-7s (failed)\n", side_names[s]);
      continue;
    }
    printf ("%-7s %7u %12" G_GSIZE_FORMAT " %12" G_GSIZE_FORMAT
            " %12.0f %12.0f %9.2f\n",
        side_names[s], r->established, r->before.heap, r->after.heap,
        per_call (r->before.heap, r->after.heap, r->established),
        per_call (r->before.rss, r->after.rss, r->established), r->setup_s);
  }
  printf ("\n");
  for (s = 0; s < N_SIDES; s++) {
    const Result *r = &results[s];
    gdouble bytes;

    if (!selected[s] || !r->valid || s == SIDE_BOTH || s == SIDE_NEGOTIATOR)
      continue;
    bytes = per_call (r->before.heap, r->after.heap, r->established);
    printf ("%s: %.0f bytes of heap per established call; target <= %d: "
            "%s\n",
        side_names[s], bytes, TARGET_BYTES,
        bytes <= TARGET_BYTES ? "OK" : "NOT MET");
  }

  if (tmpdir)
    bench_remove_dir (tmpdir);
  g_free (tmpdir);
  g_free (sipp);
  g_free (opt_sipp);
  g_free (opt_only);
  return 0;
}
