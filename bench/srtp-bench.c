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

/* srtp-bench: the CPU of sipcallbin calls with SRTP against the same calls
 * without it, in the same process and the same run.  N pairs of
 * sipcallbins call each other on loopback with encoded input (PCMU from
 * mulawenc, H.264 from x264enc) and without decoding; the process CPU time
 * of a measuring window is taken for plain RTP, then for SRTP
 * (AES_CM_128_HMAC_SHA1_80), and the ratio and the extra CPU per call are
 * printed.  See bench/README.md. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <gst/gst.h>
#include <sip/sip.h>

#include "bench-common.h"

typedef struct
{
  GstElement *pipeline, *bin;
} Side;

typedef struct
{
  Side alice, bob;
} Pair;

static void
on_pad_added (GstElement *bin, GstPad *pad, GstElement *pipeline)
{
  GstElement *sink;
  GstPad *sinkpad;

  if (GST_PAD_IS_SINK (pad))
    return;
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (pipeline), sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_link (pad, sinkpad);
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

static gboolean
side_init (Side *side, const gchar *name, const gchar *srtp)
{
  GError *error = NULL;
  gchar *desc = g_strdup_printf (
      "sipcallbin name=call sip-port=0 address=127.0.0.1 decode=false "
      "codecs=PCMU,H264 srtp=%s local-uri=sip:%s@127.0.0.1 "
      "audiotestsrc is-live=true ! mulawenc ! call.audio_sink "
      "videotestsrc is-live=true ! video/x-raw,format=I420,width=320,"
      "height=240,framerate=30/1 ! x264enc tune=zerolatency "
      "speed-preset=ultrafast "
      "bitrate=300 key-int-max=60 ! call.video_sink",
      srtp, name);

  side->pipeline = gst_parse_launch (desc, &error);
  g_free (desc);
  if (!side->pipeline) {
    bench_info ("cannot build the pipeline: %s\n", error->message);
    g_error_free (error);
    return FALSE;
  }
  side->bin = gst_bin_get_by_name (GST_BIN (side->pipeline), "call");
  if (!side->bin) {
    bench_info ("no sipcallbin in the pipeline\n");
    return FALSE;
  }
  g_signal_connect (
      side->bin, "pad-added", G_CALLBACK (on_pad_added), side->pipeline);
  return TRUE;
}

static void
side_clear (Side *side)
{
  if (!side->pipeline)
    return;
  gst_element_set_state (side->pipeline, GST_STATE_NULL);
  if (side->bin)
    gst_object_unref (side->bin);
  gst_object_unref (side->pipeline);
}

static gboolean
established (Side *side)
{
  GstSipCallState state;

  g_object_get (side->bin, "call-state", &state, NULL);
  return state == GST_SIP_CALL_STATE_ESTABLISHED;
}

/* CPU seconds of the process during @seconds with @n calls in @srtp mode,
 * or a negative value on failure */
static gdouble
run (guint n, gdouble seconds, const gchar *srtp)
{
  Pair *pairs = g_new0 (Pair, n);
  gdouble cpu = -1, start;
  gint64 end;
  guint i, up = 0;
  guint port;
  gchar *uri;

  for (i = 0; i < n; i++) {
    if (!side_init (&pairs[i].bob, "bob", srtp) ||
        !side_init (&pairs[i].alice, "alice", srtp))
      goto done;
    g_object_set (pairs[i].bob.bin, "auto-answer", TRUE, NULL);
    gst_element_set_state (pairs[i].bob.pipeline, GST_STATE_PLAYING);
    g_object_get (pairs[i].bob.bin, "sip-port", &port, NULL);
    uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", port);
    g_object_set (pairs[i].alice.bin, "remote-uri", uri, NULL);
    g_free (uri);
    gst_element_set_state (pairs[i].alice.pipeline, GST_STATE_PLAYING);
  }
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end) {
    for (i = 0, up = 0; i < n; i++)
      up += established (&pairs[i].alice) && established (&pairs[i].bob);
    if (up == n)
      break;
    g_usleep (50 * 1000);
  }
  if (up != n) {
    bench_info ("only %u of %u calls were established\n", up, n);
    goto done;
  }
  /* let the encoders and the jitterbuffers settle */
  g_usleep (G_USEC_PER_SEC);
  start = bench_self_cpu_s ();
  g_usleep ((gulong) (seconds * G_USEC_PER_SEC));
  cpu = bench_self_cpu_s () - start;

done:
  for (i = 0; i < n; i++) {
    side_clear (&pairs[i].alice);
    side_clear (&pairs[i].bob);
  }
  g_free (pairs);
  return cpu;
}

int
main (int argc, char **argv)
{
  gint pairs = 4, rounds = 1;
  gdouble seconds = 5;
  GOptionEntry entries[] = {
    { "pairs", 'n', 0, G_OPTION_ARG_INT, &pairs,
        "Calls at once (pairs of sipcallbins, default 4)", "N" },
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds,
        "Measuring window of each run (default 5)", "S" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds,
        "Alternate plain and SRTP runs this many times (default 1)", "R" },
    { NULL }
  };
  GOptionContext *ctx = g_option_context_new ("- SRTP CPU cost");
  GError *error = NULL;
  const gchar *old = g_getenv ("GST_PLUGIN_PATH_1_0");
  gdouble plain = 0, srtp = 0;
  gchar *path;
  gint r;

  /* the plugin of this build, before the option group starts GStreamer */
  path = old && *old ? g_strconcat (BENCH_PLUGIN_DIR, ":", old, NULL)
                     : g_strdup (BENCH_PLUGIN_DIR);
  g_setenv ("GST_PLUGIN_PATH_1_0", path, TRUE);
  g_free (path);
  g_setenv ("GST_REGISTRY_1_0", BENCH_REGISTRY, FALSE);
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("%s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);
  gst_init (NULL, NULL);
  bench_info_out = stderr;
  if (pairs < 1 || seconds <= 0 || rounds < 1) {
    g_printerr ("bad options\n");
    return 2;
  }
  for (r = 0; r < 2; r++) {
    GstElementFactory *factory =
        gst_element_factory_find (r == 0 ? "srtpenc" : "x264enc");

    if (!factory) {
      g_printerr ("srtpenc or x264enc is not installed\n");
      return 77;
    }
    gst_object_unref (factory);
  }

  bench_info ("srtp-bench: %d calls (PCMU + H.264 320x240@30), %.1f s per "
              "run, %d round(s), %s build\n",
      pairs, seconds, rounds, BENCH_BUILDTYPE);
  for (r = 0; r < rounds; r++) {
    gdouble p = run (pairs, seconds, "disabled");
    gdouble s = run (pairs, seconds, "mandatory");

    if (p < 0 || s < 0)
      return 1;
    bench_info ("round %d: plain %.3f s CPU, SRTP %.3f s CPU\n", r + 1, p, s);
    plain += p;
    srtp += s;
  }
  g_print ("plain RTP: %.2f ms CPU per call-second\n",
      1000 * plain / (rounds * pairs * seconds));
  g_print ("SRTP:      %.2f ms CPU per call-second\n",
      1000 * srtp / (rounds * pairs * seconds));
  g_print ("SRTP/plain CPU ratio: %.3f (+%.2f ms CPU per call-second)\n",
      srtp / plain, 1000 * (srtp - plain) / (rounds * pairs * seconds));
  return 0;
}
