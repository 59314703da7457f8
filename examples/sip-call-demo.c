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
 * sip-call-demo: an audio and video call between two sipcallbins on
 * 127.0.0.1, headless.
 *
 *   sip-call-demo [-d SECONDS] [-c CODECS] [-o DIR]
 *
 * bob waits with auto-answer; alice calls him.  Each sends live test
 * sources (a tone and a test picture) and decodes what the other sends.
 * The program prints the SIP messages as they arrive, the negotiated
 * codecs, and the frames and samples each side received; after the call it
 * saves the last video frame each side received as a PNG file.  It exits
 * with 0 when media went both ways.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gst/gst.h>
#include <gst/audio/audio.h>
#include <gst/video/video.h>
#include <gst/sdp/sdp.h>
#include <sip/sip.h>

#define WATCHDOG_SECONDS 25

static gint duration = 4;
static gchar *codecs = NULL;
static gchar *output_dir = NULL;

static GOptionEntry entries[] = {
  { "duration", 'd', 0, G_OPTION_ARG_INT, &duration,
      "Seconds to talk before alice hangs up (default 4)", "SECONDS" },
  { "codecs", 'c', 0, G_OPTION_ARG_STRING, &codecs,
      "Codecs in the order of preference, e.g. H263-1998,PCMA "
      "(default: all installed)",
      "CODECS" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir,
      "Directory of the PNG snapshots (default: the current one)", "DIR" },
  { NULL }
};

typedef struct
{
  const gchar *name;
  const gchar *peer;
  GstElement *pipeline;
  GstElement *bin;

  GMutex lock;
  guint64 audio_samples;
  guint audio_rate;
  guint video_frames;
  GstSample *last_frame;
  GstSipCallState state;
  gboolean established;
  GstStructure *stats;
} Party;

static GMainLoop *loop;
static gint64 start_time;
static GMutex print_lock;
static Party alice, bob;
static gboolean failed;

/* ---------------------------------------------------------------------- */
/* the SIP ladder */

/* "audio PCMU PCMA, video H264" from an SDP body */
static gchar *
describe_sdp (GstSipMessage *msg)
{
  GBytes *body = gst_sip_message_get_body (msg);
  GstSDPMessage *sdp = NULL;
  GString *s;
  guint i, j;

  if (!body)
    return NULL;
  if (!gst_sip_message_has_content_type (msg, "application/sdp")) {
    g_bytes_unref (body);
    return NULL;
  }
  gst_sdp_message_new (&sdp);
  if (gst_sdp_message_parse_buffer (g_bytes_get_data (body, NULL),
          g_bytes_get_size (body), sdp) != GST_SDP_OK) {
    gst_sdp_message_free (sdp);
    g_bytes_unref (body);
    return g_strdup ("unreadable SDP");
  }
  g_bytes_unref (body);

  s = g_string_new (NULL);
  for (i = 0; i < gst_sdp_message_medias_len (sdp); i++) {
    const GstSDPMedia *m = gst_sdp_message_get_media (sdp, i);

    g_string_append_printf (
        s, "%s%s", i ? ", " : "", gst_sdp_media_get_media (m));
    if (gst_sdp_media_get_port (m) == 0) {
      g_string_append (s, " refused");
      continue;
    }
    for (j = 0; j < gst_sdp_media_attributes_len (m); j++) {
      const GstSDPAttribute *a = gst_sdp_media_get_attribute (m, j);

      if (g_strcmp0 (a->key, "rtpmap") == 0 && a->value) {
        const gchar *name = strchr (a->value, ' ');
        gchar *slash;
        gchar *text;

        if (!name)
          continue;
        text = g_strdup (name + 1);
        slash = strchr (text, '/');
        if (slash)
          *slash = '\0';
        g_string_append_printf (s, " %s", text);
        g_free (text);
      } else if (g_strcmp0 (a->key, "sendonly") == 0 ||
          g_strcmp0 (a->key, "recvonly") == 0 ||
          g_strcmp0 (a->key, "inactive") == 0) {
        g_string_append_printf (s, " (%s)", a->key);
      }
    }
  }
  gst_sdp_message_free (sdp);
  return g_string_free (s, FALSE);
}

/* printed by the receiver, before it answers: the lines keep the order of
 * cause and effect across the two signalling threads */
static void
on_message_received (GstSipUserAgent *ua, GstSipMessage *msg, Party *to)
{
  Party *from = to == &alice ? &bob : &alice;
  gchar *what, *sdp = describe_sdp (msg);
  gdouble t = (g_get_monotonic_time () - start_time) / 1e6;

  if (gst_sip_message_is_request (msg))
    what = g_strdup (gst_sip_message_get_method_name (msg));
  else
    what = g_strdup_printf ("%u %s (%s)", gst_sip_message_get_status_code (msg),
        gst_sip_message_get_reason_phrase (msg),
        gst_sip_message_get_cseq_method_name (msg));

  g_mutex_lock (&print_lock);
  g_print ("  [%6.3f s] %5s -> %-5s  %s", t, from->name, from->peer, what);
  if (sdp)
    g_print ("   SDP: %s", sdp);
  g_print ("\n");
  g_mutex_unlock (&print_lock);
  g_free (what);
  g_free (sdp);
}

/* ---------------------------------------------------------------------- */
/* counting what comes in */

static GstPadProbeReturn
count_audio (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Party *party = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstCaps *caps = gst_pad_get_current_caps (pad);
  GstAudioInfo ainfo;

  if (caps && gst_audio_info_from_caps (&ainfo, caps) && ainfo.bpf > 0) {
    g_mutex_lock (&party->lock);
    party->audio_samples += gst_buffer_get_size (buffer) / ainfo.bpf;
    party->audio_rate = ainfo.rate;
    g_mutex_unlock (&party->lock);
  }
  if (caps)
    gst_caps_unref (caps);
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
count_video (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Party *party = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstCaps *caps = gst_pad_get_current_caps (pad);

  g_mutex_lock (&party->lock);
  party->video_frames++;
  if (caps) {
    if (party->last_frame)
      gst_sample_unref (party->last_frame);
    party->last_frame = gst_sample_new (buffer, caps, NULL, NULL);
  }
  g_mutex_unlock (&party->lock);
  if (caps)
    gst_caps_unref (caps);
  return GST_PAD_PROBE_OK;
}

static void
on_pad_added (GstElement *bin, GstPad *pad, Party *party)
{
  gboolean video = g_str_has_prefix (GST_PAD_NAME (pad), "video_src_");
  GstElement *sink;
  GstPad *sinkpad;

  if (!GST_PAD_IS_SRC (pad))
    return;
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (party->pipeline), sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER,
      video ? count_video : count_audio, party, NULL);
  gst_pad_link (pad, sinkpad);
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

/* ---------------------------------------------------------------------- */
/* the call */

static gboolean
hang_up (gpointer user_data)
{
  gboolean ret;

  /* the statistics while the media are up */
  g_signal_emit_by_name (alice.bin, "get-stats", &alice.stats);
  g_signal_emit_by_name (bob.bin, "get-stats", &bob.stats);
  g_signal_emit_by_name (alice.bin, "hangup", &ret);
  return G_SOURCE_REMOVE;
}

static gboolean
watchdog (gpointer user_data)
{
  g_printerr ("The call did not end within %d seconds.\n", WATCHDOG_SECONDS);
  failed = TRUE;
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *msg, gpointer user_data)
{
  Party *party = user_data;
  const GstStructure *s;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ERROR: {
      GError *error = NULL;
      gchar *debug = NULL;

      gst_message_parse_error (msg, &error, &debug);
      g_printerr ("%s: error: %s (%s)\n", party->name, error->message,
          GST_STR_NULL (debug));
      g_error_free (error);
      g_free (debug);
      failed = TRUE;
      g_main_loop_quit (loop);
      break;
    }
    case GST_MESSAGE_ELEMENT:
      s = gst_message_get_structure (msg);
      if (gst_structure_has_name (s, "sip-call-state")) {
        gint state;

        gst_structure_get_enum (s, "state", GST_TYPE_SIP_CALL_STATE, &state);
        party->state = state;
        if (state == GST_SIP_CALL_STATE_ESTABLISHED && !party->established) {
          party->established = TRUE;
          if (party == &alice)
            g_timeout_add_seconds (duration, hang_up, NULL);
        }
        if (alice.state == GST_SIP_CALL_STATE_ENDED &&
            bob.state == GST_SIP_CALL_STATE_ENDED)
          g_main_loop_quit (loop);
      }
      break;
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

static GstElement *
make_pipeline (Party *party, const gchar *audio, const gchar *video)
{
  GError *error = NULL;
  gchar *desc;
  GstElement *pipeline;

  desc = g_strdup_printf ("sipcallbin name=%s address=127.0.0.1 sip-port=0 "
                          "local-uri=sip:%s@127.0.0.1 decode=true "
                          "latency=100 "
                          "audiotestsrc is-live=true %s ! %s.audio_sink "
                          "videotestsrc is-live=true %s ! "
                          "video/x-raw,width=352,height=288,framerate=15/1 ! "
                          "%s.video_sink",
      party->name, party->name, audio, party->name, video, party->name);
  pipeline = gst_parse_launch (desc, &error);
  g_free (desc);
  if (!pipeline) {
    g_printerr ("Could not build the pipeline: %s\n", error->message);
    g_error_free (error);
    exit (1);
  }
  party->pipeline = pipeline;
  party->bin = gst_bin_get_by_name (GST_BIN (pipeline), party->name);
  if (codecs)
    g_object_set (party->bin, "codecs", codecs, NULL);
  g_signal_connect (party->bin, "pad-added", G_CALLBACK (on_pad_added), party);
  gst_bus_add_watch (GST_ELEMENT_BUS (pipeline), on_bus_message, party);
  g_mutex_init (&party->lock);
  return pipeline;
}

static void
watch_user_agent (Party *party)
{
  GstSipUserAgent *ua = NULL;

  g_object_get (party->bin, "user-agent", &ua, NULL);
  g_signal_connect (
      ua, "message-received", G_CALLBACK (on_message_received), party);
  g_object_unref (ua);
}

/* ---------------------------------------------------------------------- */
/* the report */

static const gchar *
stream_codec (Party *party, const gchar *media, const gchar *field)
{
  const GValue *v;

  if (!party->stats)
    return "?";
  v = gst_structure_get_value (party->stats, media);
  if (!v || !GST_VALUE_HOLDS_STRUCTURE (v))
    return "none";
  return GST_STR_NULL (
      gst_structure_get_string (gst_value_get_structure (v), field));
}

static gboolean
report (Party *party, const gchar *dir)
{
  gboolean ok;
  gchar *file = NULL;

  g_mutex_lock (&party->lock);
  g_print ("  %-5s received from %s:  audio %s: %" G_GUINT64_FORMAT
           " samples (%.1f s);  video %s: %u frames",
      party->name, party->peer, stream_codec (party, "audio", "receive-codec"),
      party->audio_samples,
      party->audio_rate ? (gdouble) party->audio_samples / party->audio_rate
                        : 0.0,
      stream_codec (party, "video", "receive-codec"), party->video_frames);
  if (party->last_frame) {
    GstCaps *png = gst_caps_new_empty_simple ("image/png");
    GstSample *converted;
    GError *error = NULL;
    GstVideoInfo vinfo;

    if (gst_video_info_from_caps (
            &vinfo, gst_sample_get_caps (party->last_frame)))
      g_print (" of %dx%d", vinfo.width, vinfo.height);
    converted = gst_video_convert_sample (
        party->last_frame, png, 5 * GST_SECOND, &error);
    gst_caps_unref (png);
    if (converted) {
      GstMapInfo map;
      GstBuffer *buffer = gst_sample_get_buffer (converted);
      gchar *name = g_strdup_printf ("%s-received.png", party->name);

      file = g_build_filename (dir, name, NULL);
      g_free (name);
      if (gst_buffer_map (buffer, &map, GST_MAP_READ)) {
        if (!g_file_set_contents (
                file, (const gchar *) map.data, map.size, &error)) {
          g_clear_pointer (&file, g_free);
        }
        gst_buffer_unmap (buffer, &map);
      }
      gst_sample_unref (converted);
    }
    if (error) {
      g_printerr ("Could not save a snapshot: %s\n", error->message);
      g_error_free (error);
    }
  }
  g_print ("\n");
  if (file)
    g_print ("         last frame saved as %s\n", file);
  ok = party->audio_samples > 0 && party->video_frames > 0;
  g_mutex_unlock (&party->lock);
  g_free (file);
  return ok;
}

int
main (int argc, char **argv)
{
  GOptionContext *context;
  GError *error = NULL;
  GstElementFactory *factory;
  guint port = 0;
  gchar *uri;
  gboolean ok;

  context = g_option_context_new ("- an audio and video SIP call on loopback");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    g_printerr ("%s\n", error->message);
    return 2;
  }
  g_option_context_free (context);
  if (!output_dir)
    output_dir = g_strdup (".");

#ifdef GST_SIP_PLUGIN_DIR
  /* run from the build directory: the plugin sits next to us */
  factory = gst_element_factory_find ("sipcallbin");
  if (!factory)
    gst_registry_scan_path (gst_registry_get (), GST_SIP_PLUGIN_DIR);
  else
    gst_object_unref (factory);
#endif
  factory = gst_element_factory_find ("sipcallbin");
  if (!factory) {
    g_printerr ("The sipcallbin element is not installed "
                "(set GST_PLUGIN_PATH to the build's gst directory).\n");
    return 1;
  }
  gst_object_unref (factory);

  loop = g_main_loop_new (NULL, FALSE);
  alice.name = "alice";
  alice.peer = "bob";
  bob.name = "bob";
  bob.peer = "alice";
  make_pipeline (&alice, "wave=sine freq=440", "pattern=smpte");
  make_pipeline (&bob, "wave=sine freq=660", "pattern=ball");

  /* bob waits on a free port */
  g_object_set (bob.bin, "auto-answer", TRUE, NULL);
  if (gst_element_set_state (bob.pipeline, GST_STATE_READY) ==
      GST_STATE_CHANGE_FAILURE)
    return 1;
  g_object_get (bob.bin, "sip-port", &port, NULL);
  watch_user_agent (&bob);
  gst_element_set_state (bob.pipeline, GST_STATE_PLAYING);

  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", port);
  g_print (
      "bob waits for calls at %s (auto-answer); alice calls him.\n\n", uri);
  g_print ("SIP messages:\n");
  g_object_set (alice.bin, "remote-uri", uri, NULL);
  g_free (uri);
  if (gst_element_set_state (alice.pipeline, GST_STATE_READY) ==
      GST_STATE_CHANGE_FAILURE)
    return 1;
  watch_user_agent (&alice);
  start_time = g_get_monotonic_time ();
  gst_element_set_state (alice.pipeline, GST_STATE_PLAYING);

  g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog, NULL);
  g_main_loop_run (loop);

  gst_element_set_state (alice.pipeline, GST_STATE_NULL);
  gst_element_set_state (bob.pipeline, GST_STATE_NULL);

  g_print ("\nNegotiated codecs:\n");
  g_print ("  alice sends audio %s and video %s; bob sends audio %s and "
           "video %s\n",
      stream_codec (&alice, "audio", "send-codec"),
      stream_codec (&alice, "video", "send-codec"),
      stream_codec (&bob, "audio", "send-codec"),
      stream_codec (&bob, "video", "send-codec"));
  g_print ("\nMedia received during the %d s call (decoded):\n", duration);
  ok = report (&alice, output_dir);
  ok &= report (&bob, output_dir);
  ok &= alice.established && bob.established && !failed;
  g_print ("\n%s\n",
      ok ? "The call worked both ways." : "The call FAILED: see above.");

  g_clear_pointer (&alice.stats, gst_structure_free);
  g_clear_pointer (&bob.stats, gst_structure_free);
  g_clear_pointer (&alice.last_frame, gst_sample_unref);
  g_clear_pointer (&bob.last_frame, gst_sample_unref);
  gst_object_unref (alice.bin);
  gst_object_unref (bob.bin);
  gst_object_unref (alice.pipeline);
  gst_object_unref (bob.pipeline);
  g_main_loop_unref (loop);
  g_free (codecs);
  g_free (output_dir);
  return ok ? 0 : 1;
}
