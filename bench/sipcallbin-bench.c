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

/* The CPU time and memory per call of N sipcallbins receiving N calls at
 * once, against hand-built receiving pipelines (udpsrc ! rtpbin !
 * depayloader [! h264parse] [! decoder] ! fakesink, with the caps set by
 * hand) receiving the same streams in the same run.
 *
 * Each run has two processes besides this one:
 *
 * - the receiver holds the N receiving ends: N sipcallbins with
 *   auto-answer, or N baseline pipelines, all in one pipeline;
 * - the sender sends N copies of the same H.264 video and PCMU audio, from
 *   buffers encoded once before the run and looped, so that nothing is
 *   encoded while the receiver is measured: N calling sipcallbins with
 *   encoded input, or N rtpbins with payloaders and udpsinks.
 *
 * Once every call of the receiver is established (sipcallbin) and both
 * media arrive at its N pairs of fakesinks, the receiver waits --settle
 * seconds and measures its own CPU time (getrusage(), every thread) over a
 * window of --window seconds, in which there is no signalling; its resident
 * set size and heap in use (mallinfo2()) at the end of the window, less
 * what it had before it built the pipelines, divided by N, is the memory
 * per call.
 *
 * This is an on-demand benchmark, never a test: see bench/README.md.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <gst/gst.h>
#include <sip/sip.h>

#include "bench-common.h"

#ifndef BENCH_BUILDTYPE
#define BENCH_BUILDTYPE "unknown"
#endif

#define DEFAULT_CALLS "1,10,50,100"
#define DEFAULT_WINDOW_S 10
#define DEFAULT_SETTLE_S 2
#define DEFAULT_TIMEOUT_S 60
#define DEFAULT_LATENCY 200
#define DEFAULT_WIDTH 320
#define DEFAULT_HEIGHT 240
#define DEFAULT_FPS 30
#define DEFAULT_BITRATE 256

/* what the issue asks for: sipcallbin/baseline CPU per call */
#define TARGET_RATIO 1.05

#define VIDEO_PT 96
#define AUDIO_PT 0
/* 20 ms of PCMU */
#define AUDIO_FRAME_BYTES 160
#define AUDIO_FRAME_NS (20 * GST_MSECOND)
/* when the sender's sipcallbins dial, in running time */
#define DIAL_AFTER (200 * GST_MSECOND)

typedef enum
{
  IMPL_BASELINE,
  IMPL_SIPCALLBIN,
  N_IMPLS
} Impl;

static const gchar *const impl_names[N_IMPLS] = { "baseline", "sipcallbin" };

enum
{
  AUDIO,
  VIDEO,
  N_KINDS
};

static const gchar *const kind_names[N_KINDS] = { "audio", "video" };

static gchar *opt_calls = NULL;
static gchar *opt_mode = NULL;
static gint opt_window = DEFAULT_WINDOW_S;
static gint opt_settle = DEFAULT_SETTLE_S;
static gint opt_rounds = 1;
static gint opt_timeout = DEFAULT_TIMEOUT_S;
static gint opt_latency = DEFAULT_LATENCY;
static gint opt_width = DEFAULT_WIDTH;
static gint opt_height = DEFAULT_HEIGHT;
static gint opt_fps = DEFAULT_FPS;
static gint opt_bitrate = DEFAULT_BITRATE;
static gboolean opt_raw_baseline = FALSE;
static gboolean opt_csv = FALSE;
/* the two child roles */
static gchar *opt_receiver = NULL;
static gchar *opt_sender = NULL;
static gint opt_n = 0;
static gboolean opt_decode = FALSE;
static gchar *opt_targets = NULL;

static gboolean
parse_impl (const gchar *name, Impl *impl)
{
  guint i;

  for (i = 0; i < N_IMPLS; i++) {
    if (g_strcmp0 (name, impl_names[i]) == 0) {
      *impl = i;
      return TRUE;
    }
  }
  return FALSE;
}

static void
set_up_environment (void)
{
  const gchar *old = g_getenv ("GST_PLUGIN_PATH_1_0");
  gchar *path;

  /* the sip plugin of this build, the others from the system; a registry
   * of our own, so that the user's does not learn of the build directory */
  path = old && *old ? g_strconcat (BENCH_PLUGIN_DIR, ":", old, NULL)
                     : g_strdup (BENCH_PLUGIN_DIR);
  g_setenv ("GST_PLUGIN_PATH_1_0", path, TRUE);
  g_free (path);
  g_setenv ("GST_REGISTRY_1_0", BENCH_REGISTRY, FALSE);
}

/* ---------------------------------------------------------------------- */
/* memory */

static gint64
rss_bytes (void)
{
  gchar *contents = NULL;
  gint64 pages = 0;

  if (g_file_get_contents ("/proc/self/statm", &contents, NULL, NULL)) {
    gchar **fields = g_strsplit (contents, " ", 3);

    if (g_strv_length (fields) >= 2)
      pages = g_ascii_strtoll (fields[1], NULL, 10);
    g_strfreev (fields);
  }
  g_free (contents);
  return pages * sysconf (_SC_PAGESIZE);
}

static gint64
heap_bytes (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return (gint64) (mi.uordblks + mi.hblkhd);
}

/* ---------------------------------------------------------------------- */
/* the receiver */

typedef struct
{
  GstElement *pipeline;
  GstElement *bin; /* sipcallbin, or the baseline's rtpbin */
  GSocket *sockets[N_KINDS][2]; /* baseline: RTP and RTCP */
  GstElement *depay[N_KINDS]; /* baseline: first element after rtpbin */
  gint buffers[N_KINDS];
} Receiver;

static gint receiver_errors;

static GstBusSyncReply
drop_messages (GstBus *bus, GstMessage *msg, gpointer user_data)
{
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    GError *error = NULL;
    gchar *debug = NULL;

    gst_message_parse_error (msg, &error, &debug);
    g_printerr ("%s: %s: %s (%s)\n", (const gchar *) user_data,
        GST_OBJECT_NAME (msg->src), error->message, debug ? debug : "");
    g_error_free (error);
    g_free (debug);
    g_atomic_int_inc (&receiver_errors);
  }
  /* nothing reads the bus: what N calls post would pile up */
  return GST_BUS_DROP;
}

static GstPadProbeReturn
count_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  g_atomic_int_inc ((gint *) user_data);
  return GST_PAD_PROBE_OK;
}

static GstElement *
make_counting_sink (GstElement *pipeline, gint *counter)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  GstPad *pad;

  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (
      pad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer, counter, NULL);
  gst_object_unref (pad);
  gst_bin_add (GST_BIN (pipeline), sink);
  return sink;
}

static void
on_callbin_pad_added (GstElement *bin, GstPad *pad, Receiver *r)
{
  gint kind;
  GstElement *sink;
  GstPad *sinkpad;

  if (GST_PAD_IS_SINK (pad))
    return;
  kind = g_str_has_prefix (GST_PAD_NAME (pad), "video_") ? VIDEO : AUDIO;
  sink = make_counting_sink (r->pipeline, &r->buffers[kind]);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  if (gst_pad_link (pad, sinkpad) != GST_PAD_LINK_OK)
    g_printerr ("receiver: could not link %s\n", GST_PAD_NAME (pad));
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

static void
add_callbin_receiver (Receiver *r, guint index, gboolean decode)
{
  gchar *name = g_strdup_printf ("callee%u", index);
  gchar *uri = g_strdup_printf ("sip:callee%u@127.0.0.1", index);

  r->bin = gst_element_factory_make ("sipcallbin", name);
  if (!r->bin)
    g_error (
        "the sipcallbin element is missing (looked in %s)", BENCH_PLUGIN_DIR);
  g_object_set (r->bin, "sip-port", 0, "address", "127.0.0.1", "local-uri", uri,
      "auto-answer", TRUE, "decode", decode, "latency", opt_latency, NULL);
  g_signal_connect (r->bin, "pad-added", G_CALLBACK (on_callbin_pad_added), r);
  gst_bin_add (GST_BIN (r->pipeline), r->bin);
  g_free (name);
  g_free (uri);
}

static GSocket *
bind_loopback (GError **error)
{
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, error);
  GInetAddress *loopback;
  GSocketAddress *address;
  gboolean ok;

  if (!socket)
    return NULL;
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  ok = g_socket_bind (socket, address, FALSE, error);
  g_object_unref (address);
  g_object_unref (loopback);
  if (!ok)
    g_clear_object (&socket);
  return socket;
}

static guint
socket_port (GSocket *socket)
{
  GSocketAddress *address = g_socket_get_local_address (socket, NULL);
  guint port = 0;

  if (address) {
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
    g_object_unref (address);
  }
  return port;
}

static void
on_rtpbin_pad_added (GstElement *rtpbin, GstPad *pad, Receiver *r)
{
  guint session, ssrc, pt;
  GstPad *sinkpad;

  if (sscanf (GST_PAD_NAME (pad), "recv_rtp_src_%u_%u_%u", &session, &ssrc,
          &pt) != 3 ||
      session >= N_KINDS)
    return;
  sinkpad = gst_element_get_static_pad (r->depay[session], "sink");
  if (!gst_pad_is_linked (sinkpad) &&
      gst_pad_link (pad, sinkpad) != GST_PAD_LINK_OK)
    g_printerr ("receiver: could not link %s\n", GST_PAD_NAME (pad));
  gst_object_unref (sinkpad);
}

static gboolean
link_request (GstElement *src, const gchar *src_pad, GstElement *sink,
    const gchar *sink_pad)
{
  return gst_element_link_pads (src, src_pad, sink, sink_pad);
}

/* what sipcallbin builds for a stream, by hand: the RTP and RTCP sockets,
 * udpsrcs with the caps, the rtpbin session, RTCP out of the RTCP socket,
 * the depayloader (set up like sipcallbin's), the parser of the video
 * (sipcallbin's video output is parsed; not with --raw-baseline unless
 * decoding), the decoder */
static void
add_baseline_receiver (
    Receiver *r, guint index, gboolean decode, guint rtcp_dump_port)
{
  GError *error = NULL;
  gint kind;

  r->bin = gst_element_factory_make ("rtpbin", NULL);
  g_object_set (r->bin, "latency", opt_latency, "do-lost", TRUE, NULL);
  g_signal_connect (r->bin, "pad-added", G_CALLBACK (on_rtpbin_pad_added), r);
  gst_bin_add (GST_BIN (r->pipeline), r->bin);

  for (kind = 0; kind < N_KINDS; kind++) {
    GstElement *rtp_src, *rtcp_src, *rtcp_sink, *last, *element;
    GstCaps *caps;
    gchar *pad_name;
    guint i;

    for (i = 0; i < 2; i++) {
      r->sockets[kind][i] = bind_loopback (&error);
      if (!r->sockets[kind][i])
        g_error ("binding a UDP socket: %s", error->message);
    }
    if (kind == VIDEO)
      caps = gst_caps_new_simple ("application/x-rtp", "media", G_TYPE_STRING,
          "video", "clock-rate", G_TYPE_INT, 90000, "encoding-name",
          G_TYPE_STRING, "H264", "payload", G_TYPE_INT, VIDEO_PT, NULL);
    else
      caps = gst_caps_new_simple ("application/x-rtp", "media", G_TYPE_STRING,
          "audio", "clock-rate", G_TYPE_INT, 8000, "encoding-name",
          G_TYPE_STRING, "PCMU", "payload", G_TYPE_INT, AUDIO_PT, NULL);
    rtp_src = gst_element_factory_make ("udpsrc", NULL);
    g_object_set (rtp_src, "socket", r->sockets[kind][0], "close-socket", FALSE,
        "caps", caps, NULL);
    gst_caps_unref (caps);
    caps = gst_caps_new_empty_simple ("application/x-rtcp");
    rtcp_src = gst_element_factory_make ("udpsrc", NULL);
    g_object_set (rtcp_src, "socket", r->sockets[kind][1], "close-socket",
        FALSE, "caps", caps, NULL);
    gst_caps_unref (caps);
    rtcp_sink = gst_element_factory_make ("udpsink", NULL);
    g_object_set (rtcp_sink, "socket", r->sockets[kind][1], "close-socket",
        FALSE, "sync", FALSE, "async", FALSE, "host", "127.0.0.1", "port",
        rtcp_dump_port, NULL);
    gst_bin_add_many (
        GST_BIN (r->pipeline), rtp_src, rtcp_src, rtcp_sink, NULL);

    pad_name = g_strdup_printf ("recv_rtp_sink_%d", kind);
    if (!link_request (rtp_src, "src", r->bin, pad_name))
      g_error ("could not link %s", pad_name);
    g_free (pad_name);
    pad_name = g_strdup_printf ("recv_rtcp_sink_%d", kind);
    if (!link_request (rtcp_src, "src", r->bin, pad_name))
      g_error ("could not link %s", pad_name);
    g_free (pad_name);
    pad_name = g_strdup_printf ("send_rtcp_src_%d", kind);
    if (!link_request (r->bin, pad_name, rtcp_sink, "sink"))
      g_error ("could not link %s", pad_name);
    g_free (pad_name);

    last = r->depay[kind] = gst_element_factory_make (
        kind == VIDEO ? "rtph264depay" : "rtppcmudepay", NULL);
    if (kind == VIDEO)
      g_object_set (
          last, "request-keyframe", TRUE, "wait-for-keyframe", TRUE, NULL);
    gst_bin_add (GST_BIN (r->pipeline), last);
    if (kind == VIDEO && (decode || !opt_raw_baseline)) {
      element = gst_element_factory_make ("h264parse", NULL);
      gst_bin_add (GST_BIN (r->pipeline), element);
      gst_element_link (last, element);
      last = element;
    }
    if (decode) {
      element = gst_element_factory_make (
          kind == VIDEO ? "avdec_h264" : "mulawdec", NULL);
      if (!element)
        g_error ("the decoder of the %s is missing", kind_names[kind]);
      gst_bin_add (GST_BIN (r->pipeline), element);
      gst_element_link (last, element);
      last = element;
    }
    element = make_counting_sink (r->pipeline, &r->buffers[kind]);
    gst_element_link (last, element);
  }
}

/* every element the runs use, created once before the memory is taken, so
 * that loading the plugins is not counted */
static void
preload_elements (void)
{
  static const gchar *const factories[] = { "sipcallbin", "rtpbin", "udpsrc",
    "udpsink", "rtph264depay", "rtph264pay", "h264parse", "avdec_h264",
    "rtppcmudepay", "rtppcmupay", "mulawdec", "fakesink", "valve",
    "rtpdtmfdepay", "capsfilter", "queue" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (factories); i++) {
    GstElement *element = gst_element_factory_make (factories[i], NULL);

    if (element) {
      gst_element_set_state (element, GST_STATE_READY);
      gst_element_set_state (element, GST_STATE_NULL);
      gst_object_unref (gst_object_ref_sink (element));
    }
  }
}

static gboolean
all_flowing (Receiver *receivers, guint n, Impl impl)
{
  guint i;
  gint kind;

  for (i = 0; i < n; i++) {
    for (kind = 0; kind < N_KINDS; kind++) {
      if (g_atomic_int_get (&receivers[i].buffers[kind]) == 0)
        return FALSE;
    }
    if (impl == IMPL_SIPCALLBIN) {
      GstSipCallState state;

      g_object_get (receivers[i].bin, "call-state", &state, NULL);
      if (state != GST_SIP_CALL_STATE_ESTABLISHED)
        return FALSE;
    }
  }
  return TRUE;
}

static void
sum_buffers (Receiver *receivers, guint n, gint64 sums[N_KINDS])
{
  guint i;
  gint kind;

  for (kind = 0; kind < N_KINDS; kind++)
    sums[kind] = 0;
  for (i = 0; i < n; i++)
    for (kind = 0; kind < N_KINDS; kind++)
      sums[kind] += g_atomic_int_get (&receivers[i].buffers[kind]);
}

static int
receiver_main (Impl impl, guint n, gboolean decode)
{
  GstElement *pipeline;
  Receiver *receivers = g_new0 (Receiver, n);
  GSocket *dump = NULL;
  GError *error = NULL;
  GString *targets = g_string_new ("targets");
  gint64 rss0, heap0, rss1, heap1, end, buffers0[N_KINDS], buffers1[N_KINDS];
  gdouble cpu0, cpu1, t0, t1;
  GstBus *bus;
  guint i;

  preload_elements ();
  rss0 = rss_bytes ();
  heap0 = heap_bytes ();

  pipeline = gst_pipeline_new ("receiver");
  bus = gst_element_get_bus (pipeline);
  gst_bus_set_sync_handler (bus, drop_messages, (gpointer) "receiver", NULL);
  gst_object_unref (bus);

  /* where the baseline's RTCP goes; sipcallbin sends its own to the
   * sender */
  if (impl == IMPL_BASELINE && !(dump = bind_loopback (&error)))
    g_error ("binding a UDP socket: %s", error->message);

  for (i = 0; i < n; i++) {
    receivers[i].pipeline = pipeline;
    if (impl == IMPL_SIPCALLBIN)
      add_callbin_receiver (&receivers[i], i, decode);
    else
      add_baseline_receiver (&receivers[i], i, decode, socket_port (dump));
  }
  if (gst_element_set_state (pipeline, GST_STATE_READY) ==
      GST_STATE_CHANGE_FAILURE)
    g_error ("the receiver pipeline does not start");
  for (i = 0; i < n; i++) {
    if (impl == IMPL_SIPCALLBIN) {
      guint port = 0;

      g_object_get (receivers[i].bin, "sip-port", &port, NULL);
      g_string_append_printf (targets, " %u", port);
    } else {
      g_string_append_printf (targets, " %u,%u,%u,%u",
          socket_port (receivers[i].sockets[VIDEO][0]),
          socket_port (receivers[i].sockets[VIDEO][1]),
          socket_port (receivers[i].sockets[AUDIO][0]),
          socket_port (receivers[i].sockets[AUDIO][1]));
    }
  }
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE)
    g_error ("the receiver pipeline does not start");
  printf ("%s\n", targets->str);
  fflush (stdout);
  g_string_free (targets, TRUE);

  end = g_get_monotonic_time () + opt_timeout * G_USEC_PER_SEC;
  while (!all_flowing (receivers, n, impl)) {
    if (g_get_monotonic_time () > end || g_atomic_int_get (&receiver_errors)) {
      printf ("error: the media of %u calls did not arrive within %d s\n", n,
          opt_timeout);
      fflush (stdout);
      _exit (1);
    }
    g_usleep (20 * 1000);
  }
  printf ("flowing\n");
  fflush (stdout);
  /* with GST_DEBUG_DUMP_DOT_DIR set, the graphs to compare */
  {
    gchar *dot = g_strdup_printf ("sipcallbin-bench-%s-%s-%u", impl_names[impl],
        decode ? "decode" : "depayload", n);

    GST_DEBUG_BIN_TO_DOT_FILE (
        GST_BIN (pipeline), GST_DEBUG_GRAPH_SHOW_ALL, dot);
    g_free (dot);
  }

  /* the signalling is over: let the jitterbuffers and decoders settle,
   * then measure */
  g_usleep (opt_settle * G_USEC_PER_SEC);
  sum_buffers (receivers, n, buffers0);
  t0 = g_get_monotonic_time () / 1e6;
  cpu0 = bench_self_cpu_s ();
  g_usleep (opt_window * G_USEC_PER_SEC);
  cpu1 = bench_self_cpu_s ();
  t1 = g_get_monotonic_time () / 1e6;
  sum_buffers (receivers, n, buffers1);
  rss1 = rss_bytes ();
  heap1 = heap_bytes ();

  printf ("result %.6f %.6f %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
          " %" G_GINT64_FORMAT " %d\n",
      cpu1 - cpu0, t1 - t0, rss1 - rss0, heap1 - heap0,
      buffers1[VIDEO] - buffers0[VIDEO], buffers1[AUDIO] - buffers0[AUDIO],
      rss0, heap0, g_atomic_int_get (&receiver_errors));
  fflush (stdout);
  /* the sender is killed without hanging up: no need to tear N calls
   * down */
  _exit (0);
}

/* ---------------------------------------------------------------------- */
/* the sender */

typedef struct
{
  GPtrArray *frames; /* encoded video, one access unit each */
  GstCaps *caps;
} Encoded;

static GstPadProbeReturn
keep_frame (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Encoded *encoded = user_data;

  if (!encoded->caps)
    encoded->caps = gst_pad_get_current_caps (pad);
  g_ptr_array_add (
      encoded->frames, gst_buffer_ref (GST_PAD_PROBE_INFO_BUFFER (info)));
  return GST_PAD_PROBE_OK;
}

/* two seconds of video, starting with an IDR, encoded once */
static void
encode_video (Encoded *encoded)
{
  GError *error = NULL;
  GstElement *pipeline, *sink;
  GstMessage *msg;
  GstBus *bus;
  GstPad *pad;
  gchar *desc;

  desc = g_strdup_printf (
      "videotestsrc num-buffers=%d pattern=ball ! "
      "video/x-raw,format=I420,width=%d,height=%d,framerate=%d/1 ! "
      "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=%d "
      "bitrate=%d ! video/x-h264,profile=constrained-baseline,"
      "stream-format=byte-stream,alignment=au ! fakesink name=sink",
      2 * opt_fps, opt_width, opt_height, opt_fps, 2 * opt_fps, opt_bitrate);
  pipeline = gst_parse_launch (desc, &error);
  if (!pipeline)
    g_error ("%s: %s", desc, error->message);
  g_free (desc);
  encoded->frames =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_buffer_unref);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, keep_frame, encoded, NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_timed_pop_filtered (
      bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (!msg || GST_MESSAGE_TYPE (msg) != GST_MESSAGE_EOS)
    g_error ("encoding the video failed");
  gst_message_unref (msg);
  gst_object_unref (bus);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  if (encoded->frames->len == 0 || !encoded->caps)
    g_error ("the encoder gave nothing");
}

static GstElement *
make_appsrc (GstElement *pipeline, GstCaps *caps)
{
  GstElement *src = gst_element_factory_make ("appsrc", NULL);

  g_object_set (
      src, "caps", caps, "is-live", TRUE, "format", GST_FORMAT_TIME, NULL);
  gst_bin_add (GST_BIN (pipeline), src);
  return src;
}

/* pushes a copy of @buffer stamped @pts into each of @srcs */
static void
push_to_all (
    GPtrArray *srcs, GstBuffer *buffer, GstClockTime pts, GstClockTime duration)
{
  guint i;

  for (i = 0; i < srcs->len; i++) {
    GstBuffer *copy = gst_buffer_copy (buffer);
    GstFlowReturn ret;

    GST_BUFFER_PTS (copy) = pts;
    GST_BUFFER_DTS (copy) = GST_CLOCK_TIME_NONE;
    GST_BUFFER_DURATION (copy) = duration;
    g_signal_emit_by_name (
        g_ptr_array_index (srcs, i), "push-buffer", copy, &ret);
    gst_buffer_unref (copy);
  }
}

/* rtpbin with the payloaders, sending to the ports of one baseline
 * receiver: "video-rtp,video-rtcp,audio-rtp,audio-rtcp" */
static GstElement *
make_baseline_sender (const gchar *target)
{
  guint ports[4];
  GError *error = NULL;
  GstElement *bin;
  gchar *desc;

  if (sscanf (target, "%u,%u,%u,%u", &ports[0], &ports[1], &ports[2],
          &ports[3]) != 4)
    g_error ("bad target %s", target);
  desc = g_strdup_printf (
      "rtpbin name=r latency=%d "
      "rtph264pay name=vpay pt=%d mtu=1200 config-interval=-1 "
      "! r.send_rtp_sink_1 r.send_rtp_src_1 ! udpsink host=127.0.0.1 "
      "port=%u sync=false async=false "
      "r.send_rtcp_src_1 ! udpsink host=127.0.0.1 port=%u sync=false "
      "async=false "
      "rtppcmupay name=apay pt=%d ! r.send_rtp_sink_0 r.send_rtp_src_0 "
      "! udpsink host=127.0.0.1 port=%u sync=false async=false "
      "r.send_rtcp_src_0 ! udpsink host=127.0.0.1 port=%u sync=false "
      "async=false",
      opt_latency, VIDEO_PT, ports[0], ports[1], AUDIO_PT, ports[2], ports[3]);
  bin = gst_parse_bin_from_description (desc, FALSE, &error);
  if (!bin)
    g_error ("%s: %s", desc, error->message);
  g_free (desc);
  return bin;
}

static void
ghost (GstElement *bin, const gchar *element, const gchar *name)
{
  GstElement *e = gst_bin_get_by_name (GST_BIN (bin), element);
  GstPad *pad = gst_element_get_static_pad (e, "sink");

  gst_element_add_pad (bin, gst_ghost_pad_new (name, pad));
  gst_object_unref (pad);
  gst_object_unref (e);
}

static int
sender_main (Impl impl, const gchar *targets_text)
{
  gchar **targets = g_strsplit (targets_text, " ", -1);
  GPtrArray *vsrcs = g_ptr_array_new (), *asrcs = g_ptr_array_new ();
  GPtrArray *callers = g_ptr_array_new ();
  gboolean dialed = FALSE;
  GstElement *pipeline, *vsrc, *asrc;
  GstBuffer *silence;
  Encoded encoded = { 0 };
  GstCaps *acaps;
  GstClock *clock;
  GstClockTime base, next_video = 0, next_audio = 0, now;
  GstBus *bus;
  guint i, frame = 0;

  encode_video (&encoded);
  acaps = gst_caps_new_simple ("audio/x-mulaw", "rate", G_TYPE_INT, 8000,
      "channels", G_TYPE_INT, 1, NULL);
  silence = gst_buffer_new_allocate (NULL, AUDIO_FRAME_BYTES, NULL);
  gst_buffer_memset (silence, 0, 0xff, AUDIO_FRAME_BYTES);

  pipeline = gst_pipeline_new ("sender");
  bus = gst_element_get_bus (pipeline);
  gst_bus_set_sync_handler (bus, drop_messages, (gpointer) "sender", NULL);
  gst_object_unref (bus);

  /* an appsrc per call and medium, all pushed from this thread */
  for (i = 0; targets[i]; i++) {
    GstElement *bin;

    if (!*targets[i])
      continue;
    vsrc = make_appsrc (pipeline, encoded.caps);
    asrc = make_appsrc (pipeline, acaps);
    g_ptr_array_add (vsrcs, vsrc);
    g_ptr_array_add (asrcs, asrc);
    if (impl == IMPL_SIPCALLBIN) {
      gchar *uri = g_strdup_printf ("sip:callee%u@127.0.0.1:%s", i, targets[i]);
      gchar *local = g_strdup_printf ("sip:caller%u@127.0.0.1", i);

      bin = gst_element_factory_make ("sipcallbin", NULL);
      g_object_set (bin, "sip-port", 0, "address", "127.0.0.1", "local-uri",
          local, "latency", opt_latency, NULL);
      g_object_set_data_full (G_OBJECT (bin), "bench-uri", uri, g_free);
      g_ptr_array_add (callers, bin);
      g_free (local);
      gst_bin_add (GST_BIN (pipeline), bin);
      if (!link_request (vsrc, "src", bin, "video_sink") ||
          !link_request (asrc, "src", bin, "audio_sink"))
        g_error ("could not link the sender's sipcallbin");
    } else {
      bin = make_baseline_sender (targets[i]);
      ghost (bin, "vpay", "video_sink");
      ghost (bin, "apay", "audio_sink");
      gst_bin_add (GST_BIN (pipeline), bin);
      if (!link_request (vsrc, "src", bin, "video_sink") ||
          !link_request (asrc, "src", bin, "audio_sink"))
        g_error ("could not link the baseline sender");
    }
  }
  g_strfreev (targets);
  gst_caps_unref (acaps);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE)
    g_error ("the sender pipeline does not start");
  gst_element_get_state (pipeline, NULL, NULL, 5 * GST_SECOND);
  clock = gst_pipeline_get_clock (GST_PIPELINE (pipeline));
  base = gst_element_get_base_time (pipeline);

  /* until the benchmark kills it: a frame every 1/fps, 20 ms of audio
   * every 20 ms, stamped with the running time */
  for (;;) {
    GstClockTime due = MIN (next_video, next_audio);
    GstClockID id = gst_clock_new_single_shot_id (clock, base + due);

    gst_clock_id_wait (id, NULL);
    gst_clock_id_unref (id);
    now = gst_clock_get_time (clock) - base;
    if (next_video <= now) {
      push_to_all (vsrcs,
          g_ptr_array_index (encoded.frames, frame % encoded.frames->len),
          next_video, GST_SECOND / opt_fps);
      frame++;
      next_video = gst_util_uint64_scale (frame, GST_SECOND, opt_fps);
    }
    if (next_audio <= now) {
      push_to_all (asrcs, silence, next_audio, AUDIO_FRAME_NS);
      next_audio += AUDIO_FRAME_NS;
    }
    /* the callers dial once their appsrcs have caps: before, they answer
     * the caps query with ANY, which a sipcallbin takes for raw input */
    if (!dialed && now >= DIAL_AFTER) {
      for (i = 0; i < callers->len; i++) {
        GObject *bin = g_ptr_array_index (callers, i);
        gboolean ok = FALSE;

        g_signal_emit_by_name (
            bin, "dial", g_object_get_data (bin, "bench-uri"), &ok);
        if (!ok)
          g_error ("the caller could not dial");
      }
      dialed = TRUE;
    }
  }
  return 0;
}

/* ---------------------------------------------------------------------- */
/* the driver */

typedef struct
{
  gboolean ok;
  gdouble cpu_s, window_s;
  gint64 rss, heap; /* in the window, less before the pipelines */
  gint64 video, audio; /* buffers received in the window */
  gdouble sender_cpu_s;
} Result;

/* a line from @fd within @timeout_ms, without the newline */
static gchar *
read_line (gint fd, GString *pending, gint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;) {
    gchar *nl = memchr (pending->str, '\n', pending->len);
    struct pollfd pfd = { fd, POLLIN, 0 };
    gchar chunk[512];
    gint left;
    gssize got;

    if (nl) {
      gchar *line = g_strndup (pending->str, nl - pending->str);

      g_string_erase (pending, 0, nl - pending->str + 1);
      return line;
    }
    left = (gint) ((end - g_get_monotonic_time ()) / 1000);
    if (left <= 0)
      return NULL;
    if (poll (&pfd, 1, left) <= 0)
      continue;
    got = read (fd, chunk, sizeof chunk);
    if (got <= 0)
      return NULL;
    g_string_append_len (pending, chunk, got);
  }
}

static GPid
spawn_child (gchar **argv, gint *out_fd)
{
  GError *error = NULL;
  GPid pid = 0;

  if (!g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
          bench_child_setup, NULL, &pid, NULL, out_fd, NULL, &error))
    g_error ("spawning %s: %s", argv[0], error->message);
  return pid;
}

static void
end_child (GPid pid)
{
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

static void
common_args (GPtrArray *args)
{
  g_ptr_array_add (args, g_strdup_printf ("--latency=%d", opt_latency));
  g_ptr_array_add (args, g_strdup_printf ("--window=%d", opt_window));
  g_ptr_array_add (args, g_strdup_printf ("--settle=%d", opt_settle));
  g_ptr_array_add (args, g_strdup_printf ("--timeout=%d", opt_timeout));
  g_ptr_array_add (args, g_strdup_printf ("--width=%d", opt_width));
  g_ptr_array_add (args, g_strdup_printf ("--height=%d", opt_height));
  g_ptr_array_add (args, g_strdup_printf ("--fps=%d", opt_fps));
  g_ptr_array_add (args, g_strdup_printf ("--bitrate=%d", opt_bitrate));
  if (opt_raw_baseline)
    g_ptr_array_add (args, g_strdup ("--raw-baseline"));
}

static Result
run_once (const gchar *self, Impl impl, guint n, gboolean decode)
{
  Result result = { 0 };
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  GString *pending = g_string_new (NULL);
  GPid receiver, sender = 0;
  gchar *line = NULL, *targets = NULL;
  gint fd = -1;
  gdouble sender_cpu0 = 0;
  guint waited = (guint) (opt_timeout + opt_settle + opt_window + 30) * 1000;

  g_ptr_array_add (args, g_strdup (self));
  g_ptr_array_add (args, g_strdup_printf ("--receiver=%s", impl_names[impl]));
  g_ptr_array_add (args, g_strdup_printf ("--n=%u", n));
  if (decode)
    g_ptr_array_add (args, g_strdup ("--decode"));
  common_args (args);
  g_ptr_array_add (args, NULL);
  receiver = spawn_child ((gchar **) args->pdata, &fd);
  g_ptr_array_set_size (args, 0);

  line = read_line (fd, pending, 60 * 1000);
  if (!line || !g_str_has_prefix (line, "targets "))
    goto failed;
  targets = g_strdup (line + strlen ("targets "));
  g_free (line);

  g_ptr_array_add (args, g_strdup (self));
  g_ptr_array_add (args, g_strdup_printf ("--sender=%s", impl_names[impl]));
  g_ptr_array_add (args, g_strdup_printf ("--targets=%s", targets));
  common_args (args);
  g_ptr_array_add (args, NULL);
  sender = spawn_child ((gchar **) args->pdata, NULL);

  line = read_line (fd, pending, (opt_timeout + 60) * 1000);
  if (!line || strcmp (line, "flowing") != 0)
    goto failed;
  g_free (line);
  g_usleep (opt_settle * G_USEC_PER_SEC);
  sender_cpu0 = bench_process_cpu_s (sender);

  line = read_line (fd, pending, waited);
  if (!line ||
      sscanf (line,
          "result %lf %lf %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
          &result.cpu_s, &result.window_s, &result.rss, &result.heap,
          &result.video, &result.audio) != 6)
    goto failed;
  result.sender_cpu_s = bench_process_cpu_s (sender) - sender_cpu0;
  result.ok = TRUE;

done:
  g_free (line);
  g_free (targets);
  if (sender)
    end_child (sender);
  end_child (receiver);
  if (fd >= 0)
    close (fd);
  g_string_free (pending, TRUE);
  g_ptr_array_unref (args);
  return result;

  /* ERRORS */
failed : {
  bench_info ("%s, %u calls, %s: the run failed%s%s\n", impl_names[impl], n,
      decode ? "decode" : "depayload", line ? ": " : "", line ? line : "");
  goto done;
}
}

static gdouble
cpu_ms_per_s (const Result *r, guint n)
{
  return r->cpu_s / r->window_s / n * 1000;
}

static gint
parse_calls (const gchar *text, GArray *calls)
{
  gchar **parts = g_strsplit (text, ",", -1);
  guint i;

  for (i = 0; parts[i]; i++) {
    guint n = (guint) g_ascii_strtoull (parts[i], NULL, 10);

    if (n == 0) {
      g_strfreev (parts);
      return -1;
    }
    g_array_append_val (calls, n);
  }
  g_strfreev (parts);
  return calls->len > 0 ? 0 : -1;
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "calls", 'N', 0, G_OPTION_ARG_STRING, &opt_calls,
        "Numbers of calls received at once (default 1,10,50,100)", "LIST" },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &opt_mode,
        "depayload, decode or both (default both)", "MODE" },
    { "window", 'w', 0, G_OPTION_ARG_INT, &opt_window,
        "Seconds of CPU time measured per run (default 10)", "S" },
    { "settle", 0, 0, G_OPTION_ARG_INT, &opt_settle,
        "Seconds between the media flowing and the window (default 2)", "S" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &opt_rounds,
        "Runs of each and the least CPU time kept (default 1)", "R" },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &opt_timeout,
        "Give up when the media do not flow within S seconds (default 60)",
        "S" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &opt_latency,
        "The jitterbuffer latency of both, in ms (default 200)", "MS" },
    { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Video width (default 320)",
        "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &opt_height,
        "Video height (default 240)", "H" },
    { "fps", 0, 0, G_OPTION_ARG_INT, &opt_fps,
        "Video frames per second (default 30)", "FPS" },
    { "bitrate", 0, 0, G_OPTION_ARG_INT, &opt_bitrate,
        "Video bit rate in kbit/s (default 256)", "KBPS" },
    { "raw-baseline", 0, 0, G_OPTION_ARG_NONE, &opt_raw_baseline,
        "Without decoding, no h264parse after the baseline's depayloader "
        "(sipcallbin's video output is parsed)",
        NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &opt_csv, "Print CSV on stdout", NULL },
    { "receiver", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &opt_receiver,
        NULL, NULL },
    { "sender", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &opt_sender, NULL,
        NULL },
    { "n", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &opt_n, NULL, NULL },
    { "decode", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opt_decode, NULL,
        NULL },
    { "targets", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &opt_targets,
        NULL, NULL },
    { NULL }
  };
  GOptionContext *ctx;
  GError *error = NULL;
  GArray *calls = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean modes[2] = { TRUE, TRUE };
  gdouble worst = 0, flat_min = G_MAXDOUBLE, flat_max = 0;
  gboolean all_ok = TRUE;
  gchar *self;
  guint m, c;
  Impl impl;

  set_up_environment ();
  ctx = g_option_context_new ("- CPU and memory per call of sipcallbin");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("%s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);
  gst_init (NULL, NULL);

  if (opt_receiver) {
    if (!parse_impl (opt_receiver, &impl) || opt_n <= 0)
      return 2;
    return receiver_main (impl, opt_n, opt_decode);
  }
  if (opt_sender) {
    if (!parse_impl (opt_sender, &impl) || !opt_targets)
      return 2;
    return sender_main (impl, opt_targets);
  }

  bench_info_out = opt_csv ? stderr : stdout;
  if (parse_calls (opt_calls ? opt_calls : DEFAULT_CALLS, calls) < 0) {
    g_printerr ("bad --calls\n");
    return 2;
  }
  if (opt_mode && strcmp (opt_mode, "depayload") == 0)
    modes[1] = FALSE;
  else if (opt_mode && strcmp (opt_mode, "decode") == 0)
    modes[0] = FALSE;
  else if (opt_mode && strcmp (opt_mode, "both") != 0) {
    g_printerr ("bad --mode\n");
    return 2;
  }
  if (opt_window <= 0 || opt_rounds <= 0 || opt_fps <= 0) {
    g_printerr ("bad --window, --rounds or --fps\n");
    return 2;
  }
  /* the children count the heap without the slice allocator's chunks */
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  self = g_file_read_link ("/proc/self/exe", NULL);

  bench_info ("sipcallbin-bench: buildtype %s, %s, %d CPUs, "
              "video H.264 %dx%d at %d fps, %d kbit/s, PCMU audio, "
              "latency %d ms, window %d s, %d round(s)%s\n",
      BENCH_BUILDTYPE, gst_version_string (), (gint) g_get_num_processors (),
      opt_width, opt_height, opt_fps, opt_bitrate, opt_latency, opt_window,
      opt_rounds, opt_raw_baseline ? ", baseline without h264parse" : "");
  if (opt_csv)
    printf ("mode,calls,impl,cpu_ms_per_s_per_call,rss_kb_per_call,"
            "heap_kb_per_call,video_fps_per_call,audio_pps_per_call,"
            "sender_cpu_ms_per_s\n");
  else
    bench_info ("\n%-9s %5s  %-10s %9s %9s %9s %7s %7s %9s\n", "mode", "calls",
        "receiver", "CPU ms/s", "RSS KB", "heap KB", "video/s", "audio/s",
        "sender");

  for (m = 0; m < 2; m++) {
    if (!modes[m])
      continue;
    for (c = 0; c < calls->len; c++) {
      guint n = g_array_index (calls, guint, c);
      Result best[N_IMPLS];
      gint r;

      memset (best, 0, sizeof best);
      for (r = 0; r < opt_rounds; r++) {
        guint k;

        /* the order alternates, so that a change in the load of the
         * machine hits both alike */
        for (k = 0; k < N_IMPLS; k++) {
          Result result;

          impl = (k + r + c) % N_IMPLS;
          result = run_once (self, impl, n, m == 1);
          if (result.ok &&
              (!best[impl].ok ||
                  cpu_ms_per_s (&result, n) < cpu_ms_per_s (&best[impl], n)))
            best[impl] = result;
        }
      }
      for (impl = 0; impl < N_IMPLS; impl++) {
        const Result *b = &best[impl];

        if (!b->ok) {
          all_ok = FALSE;
          continue;
        }
        if (opt_csv)
          printf ("%s,%u,%s,%.3f,%.1f,%.1f,%.2f,%.2f,%.1f\n",
              m ? "decode" : "depayload", n, impl_names[impl],
              cpu_ms_per_s (b, n), b->rss / 1024.0 / n, b->heap / 1024.0 / n,
              b->video / b->window_s / n, b->audio / b->window_s / n,
              b->sender_cpu_s / b->window_s * 1000);
        else
          bench_info ("%-9s %5u  %-10s %9.3f %9.1f %9.1f %7.2f %7.2f %9.1f\n",
              m ? "decode" : "depayload", n, impl_names[impl],
              cpu_ms_per_s (b, n), b->rss / 1024.0 / n, b->heap / 1024.0 / n,
              b->video / b->window_s / n, b->audio / b->window_s / n,
              b->sender_cpu_s / b->window_s * 1000);
      }
      if (best[IMPL_BASELINE].ok && best[IMPL_SIPCALLBIN].ok) {
        gdouble ratio = cpu_ms_per_s (&best[IMPL_SIPCALLBIN], n) /
            cpu_ms_per_s (&best[IMPL_BASELINE], n);

        bench_info ("%-9s %5u  %-10s %9.2fx %8.2fx %8.2fx\n",
            m ? "decode" : "depayload", n, "ratio", ratio,
            (gdouble) best[IMPL_SIPCALLBIN].rss /
                MAX (best[IMPL_BASELINE].rss, 1),
            (gdouble) best[IMPL_SIPCALLBIN].heap /
                MAX (best[IMPL_BASELINE].heap, 1));
        worst = MAX (worst, ratio);
        flat_min = MIN (flat_min, ratio);
        flat_max = MAX (flat_max, ratio);
      }
    }
  }

  if (worst > 0)
    bench_info ("\nsipcallbin/baseline CPU per call: at most %.2fx (%.2fx to "
                "%.2fx over the runs); target <= %.2fx: %s\n",
        worst, flat_min, flat_max, TARGET_RATIO,
        worst <= TARGET_RATIO ? "met" : "NOT MET");
  g_free (self);
  g_array_unref (calls);
  return all_ok ? 0 : 1;
}
