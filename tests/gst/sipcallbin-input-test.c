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

/* A non-live, encoded input of sipcallbin: an H.264 clip in a matroska
 * file the test makes, read by filesrc ! [queue !] matroskademux !
 * h264parse, as in the "Send an encoded file" recipe of
 * docs/gst-launch-recipes.md.
 *
 * The demuxer's source pad comes once it reads the file, so when the
 * pipeline goes to PAUSED the demuxer is linked to nothing, like the
 * sometimes source pads of sipcallbin.  The pipeline must still start the
 * elements between the demuxer and sipcallbin before the demuxer: started
 * first, the demuxer streams into a parser that is not activated yet, gets
 * FLUSHING back and stops for good, and the call has no video.
 *
 * - /order: the parser and sipcallbin reach PAUSED before the demuxer,
 *   the queue and filesrc, with and without the queue (no peer needed);
 * - /call: alice sends the file without the queue (the demuxer pulls from
 *   filesrc: its streaming thread starts in its state change) and a live
 *   audio source to bob, who answers; bob receives the video, and EOS
 *   sent to alice's pipeline comes out of it.  Several calls in a row. */

#include <string.h>
#include <glib/gstdio.h>
#include <gst/check/gstcheck.h>
#include <sip/sip.h>

#include "peer.h"

#define T1 20
#define WAIT_MS 20000
/* the calls of /call */
#define CALLS 30
/* what bob must receive from alice's file */
#define MIN_VIDEO 5

static gchar *workdir;
static gchar *clip;

/* ---------------------------------------------------------------------- */
/* the clip */

static gboolean
have (const gchar *factory)
{
  GstElementFactory *f = gst_element_factory_find (factory);

  if (f)
    gst_object_unref (f);
  return f != NULL;
}

static gboolean
have_elements (void)
{
  return have ("x264enc") && have ("matroskamux") && have ("matroskademux") &&
      have ("h264parse") && have ("rtph264pay") && have ("rtpbin");
}

/* ten seconds of small constrained baseline H.264 in matroska */
static void
make_clip (void)
{
  GError *error = NULL;
  GstElement *pipeline;
  GstMessage *msg;
  GstBus *bus;
  gchar *desc;

  workdir = gst_sip_test_make_tmp_dir ("sipcallbin-input", &error);
  fail_unless (workdir != NULL, "%s", error ? error->message : "");
  clip = g_build_filename (workdir, "clip.mkv", NULL);
  desc = g_strdup_printf (
      "videotestsrc num-buffers=150 ! "
      "video/x-raw,format=I420,width=160,height=120,framerate=15/1 ! "
      "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=15 ! "
      "video/x-h264,profile=constrained-baseline ! h264parse ! "
      "matroskamux ! filesink location=\"%s\"",
      clip);
  pipeline = gst_parse_launch (desc, &error);
  fail_unless (pipeline != NULL, "%s", error ? error->message : "");
  g_free (desc);
  fail_unless (gst_element_set_state (pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);
  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_timed_pop_filtered (
      bus, WAIT_MS * GST_MSECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (msg && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS,
      "the clip was not made");
  gst_message_unref (msg);
  gst_object_unref (bus);
  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (pipeline);
}

static void
remove_clip (void)
{
  if (workdir)
    gst_sip_test_remove_tree (workdir);
  g_clear_pointer (&clip, g_free);
  g_clear_pointer (&workdir, g_free);
}

/* ---------------------------------------------------------------------- */
/* the order of the state change */

/* the names of the elements, in the order they reached PAUSED */
static GstBusSyncReply
record_paused (GstBus *bus, GstMessage *msg, gpointer user_data)
{
  GPtrArray *order = user_data;
  GstState old_state, new_state;

  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_STATE_CHANGED &&
      GST_IS_ELEMENT (GST_MESSAGE_SRC (msg))) {
    gst_message_parse_state_changed (msg, &old_state, &new_state, NULL);
    if (old_state == GST_STATE_READY && new_state == GST_STATE_PAUSED)
      g_ptr_array_add (order, g_strdup (GST_MESSAGE_SRC_NAME (msg)));
  }
  return GST_BUS_PASS;
}

static gint
position (GPtrArray *order, const gchar *name)
{
  guint i;

  for (i = 0; i < order->len; i++) {
    if (strcmp (g_ptr_array_index (order, i), name) == 0)
      return i;
  }
  fail ("%s did not reach PAUSED", name);
  return -1;
}

static void
check_order (gboolean with_queue)
{
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;
  GstElement *pipeline;
  GstBus *bus;
  gchar *desc;
  gint demux;

  desc = g_strdup_printf (
      "sipcallbin name=call address=127.0.0.1 sip-port=0 "
      "filesrc name=src location=\"%s\" ! %s matroskademux name=demux ! "
      "h264parse name=parse ! call.video_sink "
      "audiotestsrc is-live=true ! call.audio_sink",
      clip, with_queue ? "queue name=queue !" : "");
  pipeline = gst_parse_launch (desc, &error);
  fail_unless (pipeline != NULL, "%s", error ? error->message : "");
  g_free (desc);
  bus = gst_element_get_bus (pipeline);
  gst_bus_set_sync_handler (bus, record_paused, order, NULL);

  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_PAUSED),
      GST_STATE_CHANGE_NO_PREROLL);
  demux = position (order, "demux");
  fail_unless (position (order, "parse") < demux,
      "the parser reached PAUSED after the demuxer");
  fail_unless (position (order, "call") < demux,
      "sipcallbin reached PAUSED after the demuxer");
  fail_unless (demux < position (order, "src"));
  if (with_queue)
    fail_unless (demux < position (order, "queue"));

  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
  g_ptr_array_unref (order);
}

GST_START_TEST (test_order)
{
  if (!have_elements ())
    return;
  make_clip ();
  check_order (FALSE);
  check_order (TRUE);
  remove_clip ();
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* calls */

typedef struct
{
  GstElement *pipeline;
  GstElement *bin;
  GstBus *bus;
  gint audio, video;
  gboolean eos;
} Party;

static GstPadProbeReturn
count_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  g_atomic_int_inc ((gint *) user_data);
  return GST_PAD_PROBE_OK;
}

static void
on_pad_added (GstElement *bin, GstPad *pad, Party *party)
{
  GstElement *sink;
  GstPad *sinkpad;

  if (!GST_PAD_IS_SRC (pad))
    return;
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (party->pipeline), sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer,
      g_str_has_prefix (GST_PAD_NAME (pad), "video_") ? &party->video
                                                      : &party->audio,
      NULL);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

static Party *
party_new (const gchar *desc)
{
  Party *party = g_new0 (Party, 1);
  GError *error = NULL;
  GstSipUserAgent *ua = NULL;

  party->pipeline = gst_parse_launch (desc, &error);
  fail_unless (party->pipeline != NULL, "%s", error ? error->message : "");
  party->bin = gst_bin_get_by_name (GST_BIN (party->pipeline), "call");
  g_signal_connect (party->bin, "pad-added", G_CALLBACK (on_pad_added), party);
  party->bus = gst_element_get_bus (party->pipeline);
  fail_unless_equals_int (
      gst_element_set_state (party->pipeline, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  g_object_get (party->bin, "user-agent", &ua, NULL);
  g_object_set (ua, "t1", T1, NULL);
  g_object_unref (ua);
  return party;
}

static void
party_play (Party *party)
{
  fail_unless (gst_element_set_state (party->pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);
}

static void
party_poll (Party *party)
{
  GstMessage *msg;

  while ((msg = gst_bus_pop_filtered (
              party->bus, GST_MESSAGE_ERROR | GST_MESSAGE_EOS))) {
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
      GError *error = NULL;
      gchar *debug = NULL;

      gst_message_parse_error (msg, &error, &debug);
      fail ("%s: %s (%s)", GST_MESSAGE_SRC_NAME (msg), error->message,
          GST_STR_NULL (debug));
    }
    party->eos = TRUE;
    gst_message_unref (msg);
  }
}

static void
party_free (Party *party)
{
  fail_unless_equals_int (
      gst_element_set_state (party->pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (party->bus);
  gst_object_unref (party->bin);
  gst_object_unref (party->pipeline);
  g_free (party);
}

typedef gboolean (*Condition) (Party *alice, Party *bob);

static gboolean
wait_for (Party *alice, Party *bob, Condition condition)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  do {
    party_poll (alice);
    party_poll (bob);
    if (condition (alice, bob))
      return TRUE;
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  } while (g_get_monotonic_time () < end);
  return FALSE;
}

static gboolean
bob_has_media (Party *alice, Party *bob)
{
  return g_atomic_int_get (&bob->video) >= MIN_VIDEO &&
      g_atomic_int_get (&bob->audio) >= MIN_VIDEO;
}

static gboolean
alice_eos (Party *alice, Party *bob)
{
  return alice->eos;
}

static void
call_once (guint n)
{
  Party *alice, *bob;
  gchar *desc;
  guint port = 0;

  bob = party_new ("sipcallbin name=call address=127.0.0.1 sip-port=0 "
                   "auto-answer=true latency=50 "
                   "audiotestsrc is-live=true ! call.audio_sink "
                   "videotestsrc is-live=true ! "
                   "video/x-raw,width=160,height=120,framerate=15/1 ! "
                   "call.video_sink");
  g_object_get (bob->bin, "sip-port", &port, NULL);
  fail_unless (port != 0);
  party_play (bob);

  /* the recipe without its queue: the demuxer pulls from filesrc */
  desc = g_strdup_printf (
      "sipcallbin name=call address=127.0.0.1 sip-port=0 latency=50 "
      "remote-uri=sip:bob@127.0.0.1:%u "
      "filesrc location=\"%s\" ! matroskademux ! h264parse ! clocksync ! "
      "call.video_sink audiotestsrc is-live=true ! call.audio_sink",
      port, clip);
  alice = party_new (desc);
  g_free (desc);
  party_play (alice);

  fail_unless (wait_for (alice, bob, bob_has_media),
      "call %u: bob received %d audio and %d video buffers", n,
      g_atomic_int_get (&bob->audio), g_atomic_int_get (&bob->video));

  /* gst-launch-1.0 -e: EOS gets out of alice's pipeline (filesrc, which
   * the demuxer pulls from, refuses it: its EOS comes from the demuxer) */
  gst_element_send_event (alice->pipeline, gst_event_new_eos ());
  fail_unless (wait_for (alice, bob, alice_eos), "call %u: no EOS", n);

  party_free (alice);
  party_free (bob);
}

GST_START_TEST (test_call)
{
  guint i;

  if (!have_elements ())
    return;
  make_clip ();
  for (i = 1; i <= CALLS; i++)
    call_once (i);
  remove_clip ();
}

GST_END_TEST;

static Suite *
sipcallbin_input_suite (void)
{
  Suite *s = suite_create ("sipcallbin-input");
  TCase *tc = tcase_create ("file");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_order);
  tcase_add_test (tc, test_call);
  return s;
}

GST_CHECK_MAIN (sipcallbin_input);
