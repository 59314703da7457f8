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

/* The time from the INVITE to the first decoded video frame, over calls
 * placed one after the other between two sipcallbins of this process on
 * 127.0.0.1, both with decode=true and latency=50 and live raw test
 * sources for audio and video, which they encode themselves (x264enc,
 * zerolatency: the encoder of a call starts with an IDR).
 *
 * For each call a new callee is set up and waits in PLAYING; a new caller
 * is set to PLAYING, which dials.  The clock starts when the caller's call
 * goes to "calling" (the INVITE is sent, GstSipCallBin::call-state-changed)
 * and stops at the first buffer at the fakesink behind the callee's
 * video_src pad (forward) and the caller's (reverse).
 *
 * This is an on-demand benchmark, never a test: see bench/README.md.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gst/gst.h>
#include <sip/sip.h>

#include "bench-common.h"

#ifndef BENCH_BUILDTYPE
#define BENCH_BUILDTYPE "unknown"
#endif

#define DEFAULT_CALLS 100
#define DEFAULT_LATENCY 50
#define DEFAULT_TIMEOUT_S 10
#define WARM_UP_CALLS 2

/* what the issue asks for: p99 of the forward direction, in ms */
#define TARGET_P99_MS 100.0

static gint opt_calls = DEFAULT_CALLS;
static gint opt_latency = DEFAULT_LATENCY;
static gint opt_width = 320;
static gint opt_height = 240;
static gint opt_fps = 30;
static gint opt_timeout = DEFAULT_TIMEOUT_S;
static gboolean opt_csv = FALSE;

typedef struct
{
  GstElement *pipeline;
  GstElement *bin;
  gint64 invite_us; /* caller: the call went to "calling" */
  gint64 first_video_us; /* the first decoded frame at the fakesink */
  gint video_seen, video_done;
  gint ended;
  gint errors;
} Endpoint;

static GstBusSyncReply
watch_errors (GstBus *bus, GstMessage *msg, gpointer user_data)
{
  Endpoint *ep = user_data;

  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    GError *error = NULL;

    gst_message_parse_error (msg, &error, NULL);
    bench_info ("%s: %s\n", GST_OBJECT_NAME (msg->src), error->message);
    g_error_free (error);
    g_atomic_int_inc (&ep->errors);
  }
  return GST_BUS_DROP;
}

static GstPadProbeReturn
first_frame (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Endpoint *ep = user_data;
  gint64 now = g_get_monotonic_time ();

  if (g_atomic_int_compare_and_exchange (&ep->video_seen, 0, 1)) {
    ep->first_video_us = now;
    g_atomic_int_set (&ep->video_done, 1);
  }
  return GST_PAD_PROBE_REMOVE;
}

static void
on_pad_added (GstElement *bin, GstPad *pad, Endpoint *ep)
{
  gboolean video = g_str_has_prefix (GST_PAD_NAME (pad), "video_src_");
  GstElement *sink;
  GstPad *sinkpad;

  if (GST_PAD_IS_SINK (pad))
    return;
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (ep->pipeline), sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  if (video)
    gst_pad_add_probe (
        sinkpad, GST_PAD_PROBE_TYPE_BUFFER, first_frame, ep, NULL);
  if (gst_pad_link (pad, sinkpad) != GST_PAD_LINK_OK)
    bench_info ("could not link %s\n", GST_PAD_NAME (pad));
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

static void
on_call_state (GstElement *bin, GstSipCallState state, guint code,
    const gchar *reason, Endpoint *ep)
{
  if (state == GST_SIP_CALL_STATE_CALLING && ep->invite_us == 0)
    ep->invite_us = g_get_monotonic_time ();
  else if (state == GST_SIP_CALL_STATE_ENDED)
    g_atomic_int_set (&ep->ended, 1);
}

static void
endpoint_init (Endpoint *ep, const gchar *name, const gchar *remote_uri)
{
  GError *error = NULL;
  GstElement *src;
  gchar *desc, *uri;
  GstBus *bus;

  memset (ep, 0, sizeof *ep);
  ep->pipeline = gst_pipeline_new (name);
  ep->bin = gst_element_factory_make ("sipcallbin", NULL);
  if (!ep->bin)
    g_error (
        "the sipcallbin element is missing (looked in %s)", BENCH_PLUGIN_DIR);
  uri = g_strdup_printf ("sip:%s@127.0.0.1", name);
  g_object_set (ep->bin, "sip-port", 0, "address", "127.0.0.1", "local-uri",
      uri, "decode", TRUE, "latency", opt_latency, "auto-answer",
      remote_uri == NULL, "remote-uri", remote_uri, NULL);
  g_free (uri);
  gst_bin_add (GST_BIN (ep->pipeline), ep->bin);
  g_signal_connect (ep->bin, "pad-added", G_CALLBACK (on_pad_added), ep);
  g_signal_connect (
      ep->bin, "call-state-changed", G_CALLBACK (on_call_state), ep);

  src = gst_parse_bin_from_description (
      "audiotestsrc is-live=true wave=sine", TRUE, &error);
  if (!src)
    g_error ("audiotestsrc: %s", error->message);
  gst_bin_add (GST_BIN (ep->pipeline), src);
  if (!gst_element_link_pads (src, "src", ep->bin, "audio_sink"))
    g_error ("could not link the audio source");
  desc = g_strdup_printf ("videotestsrc is-live=true pattern=ball ! "
                          "capsfilter caps=\"video/x-raw,width=%d,height=%d,"
                          "framerate=%d/1\"",
      opt_width, opt_height, opt_fps);
  src = gst_parse_bin_from_description (desc, TRUE, &error);
  if (!src)
    g_error ("%s: %s", desc, error->message);
  g_free (desc);
  gst_bin_add (GST_BIN (ep->pipeline), src);
  if (!gst_element_link_pads (src, "src", ep->bin, "video_sink"))
    g_error ("could not link the video source");

  bus = gst_element_get_bus (ep->pipeline);
  gst_bus_set_sync_handler (bus, watch_errors, ep, NULL);
  gst_object_unref (bus);
}

static void
endpoint_clear (Endpoint *ep)
{
  gst_element_set_state (ep->pipeline, GST_STATE_NULL);
  gst_object_unref (ep->pipeline);
}

static guint
n_src_pads (Endpoint *ep)
{
  guint n;

  GST_OBJECT_LOCK (ep->bin);
  n = GST_ELEMENT (ep->bin)->numsrcpads;
  GST_OBJECT_UNLOCK (ep->bin);
  return n;
}

/* one call: the forward and reverse times in ms, or FALSE */
static gboolean
one_call (gdouble *forward_ms, gdouble *reverse_ms)
{
  Endpoint callee, caller;
  guint port = 0;
  gchar *uri;
  gint64 end;
  gboolean ok = FALSE, hung_up = FALSE;

  endpoint_init (&callee, "callee", NULL);
  if (gst_element_set_state (callee.pipeline, GST_STATE_READY) ==
      GST_STATE_CHANGE_FAILURE)
    g_error ("the callee does not start");
  g_object_get (callee.bin, "sip-port", &port, NULL);
  gst_element_set_state (callee.pipeline, GST_STATE_PLAYING);

  uri = g_strdup_printf ("sip:callee@127.0.0.1:%u", port);
  endpoint_init (&caller, "caller", uri);
  g_free (uri);
  if (gst_element_set_state (caller.pipeline, GST_STATE_READY) ==
      GST_STATE_CHANGE_FAILURE)
    g_error ("the caller does not start");
  /* dials */
  gst_element_set_state (caller.pipeline, GST_STATE_PLAYING);

  end = g_get_monotonic_time () + opt_timeout * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end && !g_atomic_int_get (&callee.errors) &&
      !g_atomic_int_get (&caller.errors)) {
    if (g_atomic_int_get (&callee.video_done) &&
        g_atomic_int_get (&caller.video_done) && caller.invite_us) {
      ok = TRUE;
      break;
    }
    g_usleep (5 * 1000);
  }
  if (ok) {
    *forward_ms = (callee.first_video_us - caller.invite_us) / 1000.0;
    *reverse_ms = (caller.first_video_us - caller.invite_us) / 1000.0;
  }

  /* hang up and let both ends stop their media (they end their streams
   * and remove their source pads) before the pipelines stop: a bin that
   * ends its streams while its pipeline pauses the sinks behind it waits
   * for them forever */
  g_signal_emit_by_name (caller.bin, "hangup", &hung_up);
  end = g_get_monotonic_time () + opt_timeout * G_USEC_PER_SEC;
  while (hung_up && g_get_monotonic_time () < end &&
      !(g_atomic_int_get (&caller.ended) && g_atomic_int_get (&callee.ended) &&
          n_src_pads (&caller) == 0 && n_src_pads (&callee) == 0))
    g_usleep (5 * 1000);

  endpoint_clear (&caller);
  endpoint_clear (&callee);
  return ok;
}

/* nearest rank */
static gdouble
percentile (GArray *sorted, gdouble p)
{
  guint rank = (guint) ceil (p / 100.0 * sorted->len);

  return g_array_index (sorted, gdouble, MAX (rank, 1) - 1);
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "calls", 'n', 0, G_OPTION_ARG_INT, &opt_calls,
        "Calls placed one after the other (default 100)", "N" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &opt_latency,
        "The jitterbuffer latency, in ms (default 50)", "MS" },
    { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Video width (default 320)",
        "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &opt_height,
        "Video height (default 240)", "H" },
    { "fps", 0, 0, G_OPTION_ARG_INT, &opt_fps,
        "Video frames per second (default 30)", "FPS" },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &opt_timeout,
        "Give up on a call after S seconds (default 10)", "S" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &opt_csv,
        "Print the time of every call as CSV on stdout", NULL },
    { NULL }
  };
  GOptionContext *ctx;
  GError *error = NULL;
  GArray *times[2];
  const gchar *names[2] = { "forward (caller to callee)",
    "reverse (callee to caller)" };
  const gchar *path;
  gchar *plugin_path;
  guint failed = 0, d;
  gint i;

  path = g_getenv ("GST_PLUGIN_PATH_1_0");
  plugin_path = path && *path ? g_strconcat (BENCH_PLUGIN_DIR, ":", path, NULL)
                              : g_strdup (BENCH_PLUGIN_DIR);
  g_setenv ("GST_PLUGIN_PATH_1_0", plugin_path, TRUE);
  g_free (plugin_path);
  g_setenv ("GST_REGISTRY_1_0", BENCH_REGISTRY, FALSE);

  ctx = g_option_context_new ("- INVITE to first decoded frame of sipcallbin");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("%s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);
  gst_init (NULL, NULL);
  if (opt_calls <= 0 || opt_fps <= 0) {
    g_printerr ("bad --calls or --fps\n");
    return 2;
  }
  bench_info_out = opt_csv ? stderr : stdout;

  bench_info ("sipcallbin-latency-bench: buildtype %s, %s, %d "
              "CPUs, %d calls, latency %d ms, decode, H.264 %dx%d at %d fps "
              "and audio both ways\n",
      BENCH_BUILDTYPE, gst_version_string (), (gint) g_get_num_processors (),
      opt_calls, opt_latency, opt_width, opt_height, opt_fps);
  if (opt_csv)
    printf ("call,forward_ms,reverse_ms\n");

  for (d = 0; d < 2; d++)
    times[d] = g_array_new (FALSE, FALSE, sizeof (gdouble));
  for (i = -WARM_UP_CALLS; i < opt_calls; i++) {
    gdouble forward = 0, reverse = 0;

    if (!one_call (&forward, &reverse)) {
      bench_info ("call %d: no video within %d s\n", i, opt_timeout);
      failed++;
      continue;
    }
    if (i < 0)
      continue;
    g_array_append_val (times[0], forward);
    g_array_append_val (times[1], reverse);
    if (opt_csv)
      printf ("%d,%.3f,%.3f\n", i, forward, reverse);
  }

  bench_info ("\n%-28s %6s %8s %8s %8s %8s %8s\n", "INVITE to first frame",
      "calls", "min ms", "p50 ms", "p90 ms", "p99 ms", "max ms");
  for (d = 0; d < 2; d++) {
    GArray *t = times[d];

    if (t->len == 0)
      continue;
    g_array_sort (t, bench_compare_double);
    bench_info ("%-28s %6u %8.1f %8.1f %8.1f %8.1f %8.1f\n", names[d], t->len,
        g_array_index (t, gdouble, 0), percentile (t, 50), percentile (t, 90),
        percentile (t, 99), g_array_index (t, gdouble, t->len - 1));
  }
  if (failed)
    bench_info ("%u call(s) failed\n", failed);
  if (times[0]->len > 0)
    bench_info ("\nforward p99 %.1f ms; target < %.0f ms: %s\n",
        percentile (times[0], 99), TARGET_P99_MS,
        percentile (times[0], 99) < TARGET_P99_MS && !failed ? "met"
                                                             : "NOT MET");
  for (d = 0; d < 2; d++)
    g_array_unref (times[d]);
  return failed ? 1 : 0;
}
