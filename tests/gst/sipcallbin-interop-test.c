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

/* sipcallbin against independent SIP software on 127.0.0.1:
 *
 * - baresip (tests/common/baresip.h) answers a call of a sipcallbin by
 *   itself, and calls a sipcallbin that answers by itself.  baresip sends
 *   a sine wave (its ausine module): our side decodes it; we send a sine
 *   wave too, and baresip's own RTP statistics (its audio_debug command)
 *   show that it received our packets.  Video too: baresip's fakevideo
 *   module sends a test picture in H.264 (its avcodec module), which we
 *   decode, and baresip reports the size of the pictures it decodes from
 *   ours.
 * - kamailio (tests/common/kamailio.h) as registrar and record-routing
 *   proxy with digest authentication: two sipcallbins register with their
 *   user names and passwords; alice calls bob by his address of record,
 *   answers kamailio's 407 challenge, and audio and video flow both ways
 *   through the proxied call.
 *
 * Each test passes without doing anything when its peer is not
 * installed. */

#include <stdio.h>
#include <string.h>
#include <gst/check/gstcheck.h>
#include <sip/sip.h>

#include "baresip.h"
#include "kamailio.h"

#define T1 20
#define WAIT_MS 20000

#define DOMAIN "example.test"
#define ALICE_PASSWORD "alice-secret"
#define BOB_PASSWORD "bob:secret"

typedef struct
{
  gint buffers;
  gint64 bytes;
  gchar *caps; /* the first caps seen */
} Counter;

typedef struct
{
  const gchar *name;
  GstElement *pipeline;
  GstElement *bin;
  GstBus *bus;
  Counter audio, video;
  GstSipCallState state;
  gboolean established;
  gboolean registered;
  gboolean error;
  gchar *error_text;
  gint incoming;
} Endpoint;

typedef struct
{
  Endpoint alice, bob;
  GstSipTestBaresip *baresip;
  GstSipTestKamailio *kamailio;
} Test;

/* ---------------------------------------------------------------------- */
/* the sipcallbins */

static GstPadProbeReturn
count_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Counter *counter = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

  /* one writer per counter: the streaming thread of its pad */
  counter->bytes += gst_buffer_get_size (buffer);
  if (!counter->caps) {
    GstCaps *caps = gst_pad_get_current_caps (pad);

    if (caps) {
      counter->caps = gst_caps_to_string (caps);
      gst_caps_unref (caps);
    }
  }
  g_atomic_int_inc (&counter->buffers);
  return GST_PAD_PROBE_OK;
}

static void
on_pad_added (GstElement *bin, GstPad *pad, Endpoint *ep)
{
  gboolean video = g_str_has_prefix (GST_PAD_NAME (pad), "video_src_");
  GstElement *sink;
  GstPad *sinkpad;

  if (GST_PAD_IS_SINK (pad))
    return;
  fail_unless (g_str_has_prefix (GST_PAD_NAME (pad), "audio_src_") || video);
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (ep->pipeline), sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer,
      video ? &ep->video : &ep->audio, NULL);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

static void
on_incoming_call (
    GstElement *bin, const gchar *from, GstSDPMessage *offer, Endpoint *ep)
{
  g_atomic_int_inc (&ep->incoming);
}

/* a live test source for the @media ("audio" or "video") sink pad */
static void
add_source (Endpoint *ep, const gchar *media)
{
  GError *error = NULL;
  GstElement *src;
  const gchar *desc;
  gchar *pad;

  if (strcmp (media, "audio") == 0)
    desc = "audiotestsrc is-live=true wave=sine freq=660";
  else
    desc = "videotestsrc is-live=true ! capsfilter "
           "caps=\"video/x-raw,width=320,height=240,framerate=30/1\"";
  src = gst_parse_bin_from_description (desc, TRUE, &error);
  fail_unless (src != NULL, "%s: %s", desc, error ? error->message : "");
  gst_bin_add (GST_BIN (ep->pipeline), src);
  pad = g_strdup_printf ("%s_sink", media);
  fail_unless (gst_element_link_pads (src, "src", ep->bin, pad));
  g_free (pad);
}

/* a pipeline with a sipcallbin of @local_uri that decodes what it
 * receives */
static void
endpoint_init (Endpoint *ep, const gchar *name, const gchar *local_uri,
    const gchar *codecs, gboolean video)
{
  ep->name = name;
  ep->pipeline = gst_pipeline_new (name);
  ep->bin = gst_element_factory_make ("sipcallbin", name);
  fail_unless (ep->bin != NULL);
  g_object_set (ep->bin, "sip-port", 0, "address", "127.0.0.1", "local-uri",
      local_uri, "decode", TRUE, "latency", 50, "codecs", codecs, NULL);
  gst_bin_add (GST_BIN (ep->pipeline), ep->bin);
  g_signal_connect (ep->bin, "pad-added", G_CALLBACK (on_pad_added), ep);
  g_signal_connect (
      ep->bin, "incoming-call", G_CALLBACK (on_incoming_call), ep);
  add_source (ep, "audio");
  if (video)
    add_source (ep, "video");
  ep->bus = gst_element_get_bus (ep->pipeline);
}

/* to READY (the user agent starts), with short timers, then PLAYING */
static void
endpoint_start (Endpoint *ep)
{
  GstSipUserAgent *ua = NULL;

  fail_unless_equals_int (gst_element_set_state (ep->pipeline, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  g_object_get (ep->bin, "user-agent", &ua, NULL);
  fail_unless (ua != NULL);
  g_object_set (ua, "t1", T1, NULL);
  g_object_unref (ua);
  fail_unless (gst_element_set_state (ep->pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);
}

static guint
endpoint_sip_port (Endpoint *ep)
{
  guint port = 0;

  g_object_get (ep->bin, "sip-port", &port, NULL);
  fail_unless (port != 0);
  return port;
}

static void
endpoint_clear (Endpoint *ep)
{
  if (!ep->pipeline)
    return;
  fail_unless_equals_int (gst_element_set_state (ep->pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (ep->bus);
  gst_object_unref (ep->pipeline);
  g_free (ep->audio.caps);
  g_free (ep->video.caps);
  g_free (ep->error_text);
  memset (ep, 0, sizeof (*ep));
}

static void
poll_bus (Endpoint *ep)
{
  GstMessage *msg;

  if (!ep->bus)
    return;
  while ((msg = gst_bus_pop (ep->bus))) {
    const GstStructure *s = gst_message_get_structure (msg);

    switch (GST_MESSAGE_TYPE (msg)) {
      case GST_MESSAGE_ELEMENT:
        if (gst_structure_has_name (s, "sip-call-state")) {
          fail_unless (gst_structure_get_enum (
              s, "state", GST_TYPE_SIP_CALL_STATE, (gint *) &ep->state));
          if (ep->state == GST_SIP_CALL_STATE_ESTABLISHED)
            ep->established = TRUE;
        }
        break;
      case GST_MESSAGE_PROGRESS: {
        GstProgressType type;
        gchar *code = NULL, *text = NULL;

        gst_message_parse_progress (msg, &type, &code, &text);
        if (g_strcmp0 (code, "register") == 0 &&
            type == GST_PROGRESS_TYPE_COMPLETE)
          ep->registered = TRUE;
        g_free (code);
        g_free (text);
        break;
      }
      case GST_MESSAGE_ERROR: {
        GError *error = NULL;

        gst_message_parse_error (msg, &error, NULL);
        GST_INFO ("%s: error: %s", ep->name, error->message);
        ep->error = TRUE;
        g_free (ep->error_text);
        ep->error_text = g_strdup (error->message);
        g_error_free (error);
        break;
      }
      default:
        break;
    }
    gst_message_unref (msg);
  }
}

typedef gboolean (*Condition) (Test *test);

/* polls the buses and iterates the default context, where the harnesses
 * read their peers, until @condition holds or @timeout_ms passed */
static gboolean
wait_for (Test *test, Condition condition, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  do {
    poll_bus (&test->alice);
    poll_bus (&test->bob);
    if (test->baresip)
      gst_sip_test_baresip_count_events (test->baresip, "");
    if (condition (test))
      return TRUE;
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_usleep (10 * 1000);
  } while (g_get_monotonic_time () < end);
  return FALSE;
}

static gboolean
nothing (Test *test)
{
  return FALSE;
}

static void
run_for (Test *test, guint ms)
{
  wait_for (test, nothing, ms);
}

/* how many RTP packets of @media ("audio" or "video") @ep sent */
static guint64
packets_sent (Endpoint *ep, const gchar *media)
{
  GstStructure *stats = NULL, *s = NULL;
  guint64 packets = 0;

  g_signal_emit_by_name (ep->bin, "get-stats", &stats);
  fail_unless (stats != NULL);
  if (gst_structure_get (stats, media, GST_TYPE_STRUCTURE, &s, NULL)) {
    gst_structure_get_uint64 (s, "packets-sent", &packets);
    gst_structure_free (s);
  }
  gst_structure_free (stats);
  return packets;
}

static void
hang_up (Endpoint *ep)
{
  gboolean ret = FALSE;

  g_signal_emit_by_name (ep->bin, "hangup", &ret);
  fail_unless (ret);
}

/* ---------------------------------------------------------------------- */
/* baresip */

/* baresip with audio and video, and the media encryption @mediaenc, or
 * NULL when it is not installed */
static GstSipTestBaresip *
start_baresip_with (const gchar *mediaenc)
{
  GstSipTestBaresipConfig config = { 0 };
  GstSipTestBaresip *baresip;
  GError *error = NULL;

  config.audio_codecs = "PCMU/8000/1";
  config.video = TRUE;
  config.media_encryption = mediaenc;
  baresip = gst_sip_test_baresip_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    GST_WARNING ("skipped: %s", error->message);
    g_error_free (error);
    return NULL;
  }
  fail_unless (baresip != NULL, "%s", error ? error->message : "");
  return baresip;
}

static GstSipTestBaresip *
start_baresip (void)
{
  return start_baresip_with (NULL);
}

static void
baresip_command (
    Test *test, const gchar *command, const gchar *params, gchar **data)
{
  GError *error = NULL;

  fail_unless (gst_sip_test_baresip_command (
                   test->baresip, command, params, data, &error),
      "%s: %s\n%s", command, error ? error->message : "",
      gst_sip_test_baresip_get_log (test->baresip));
}

static void
baresip_wait_event (Test *test, const gchar *type)
{
  fail_unless (
      gst_sip_test_baresip_wait_event (test->baresip, type, WAIT_MS) != NULL,
      "no %s from baresip\n%s\n%s", type,
      gst_sip_test_baresip_get_control_log (test->baresip),
      gst_sip_test_baresip_get_log (test->baresip));
}

/* baresip decoded our video */
static void
baresip_wait_log (Test *test, const gchar *text)
{
  fail_unless (gst_sip_test_baresip_wait_log (test->baresip, text, WAIT_MS),
      "no \"%s\" from baresip\n%s", text,
      gst_sip_test_baresip_get_log (test->baresip));
}

/* how many RTP packets of audio baresip received in its call: the
 * "rcvd=N" of the members of its RTCP session, as its audio_debug command
 * prints them */
static guint
baresip_received_packets (Test *test)
{
  gchar *data = NULL;
  const gchar *p;
  guint rx = 0;

  baresip_command (test, "audio_debug", NULL, &data);
  fail_unless (data != NULL);
  GST_LOG ("baresip audio: %s", data);
  p = strstr (data, "RTCP Session");
  fail_unless (p != NULL, "%s", data);
  while ((p = strstr (p, "rcvd=")) != NULL) {
    p += strlen ("rcvd=");
    rx += (guint) g_ascii_strtoull (p, NULL, 10);
  }
  g_free (data);
  return rx;
}

static gboolean
audio_decoded (Endpoint *ep)
{
  /* a second of 20 ms packets */
  return g_atomic_int_get (&ep->audio.buffers) >= 50;
}

static gboolean
alice_established (Test *test)
{
  return test->alice.established;
}

static gboolean
video_decoded (Endpoint *ep)
{
  return g_atomic_int_get (&ep->video.buffers) >= 10;
}

static gboolean
alice_got_media (Test *test)
{
  return audio_decoded (&test->alice) && video_decoded (&test->alice) &&
      packets_sent (&test->alice, "audio") >= 50 &&
      packets_sent (&test->alice, "video") >= 10;
}

static gboolean
alice_ended (Test *test)
{
  return test->alice.state == GST_SIP_CALL_STATE_ENDED;
}

static gboolean
baresip_got_audio (Test *test)
{
  return baresip_received_packets (test) >= 50;
}

/* what came is decoded audio, and enough of it */
static void
check_decoded_audio (Endpoint *ep)
{
  fail_unless (ep->audio.caps != NULL);
  fail_unless (
      g_str_has_prefix (ep->audio.caps, "audio/x-raw"), "%s", ep->audio.caps);
  /* 16-bit samples: more than half a second at 8 kHz */
  fail_unless (ep->audio.bytes / 2 > 4000);
}

static void
check_decoded_video (Endpoint *ep)
{
  fail_unless (ep->video.caps != NULL);
  fail_unless (
      g_str_has_prefix (ep->video.caps, "video/x-raw"), "%s", ep->video.caps);
}

GST_START_TEST (test_call_baresip)
{
  Test test = { { 0 } };
  gchar *uri;

  test.baresip = start_baresip ();
  if (!test.baresip)
    return;

  endpoint_init (
      &test.alice, "alice", "sip:alice@127.0.0.1", "PCMU,H264", TRUE);
  uri = gst_sip_test_baresip_dup_uri (test.baresip, NULL);
  g_object_set (test.alice.bin, "remote-uri", uri, NULL);
  g_free (uri);
  endpoint_start (&test.alice);

  fail_unless (wait_for (&test, alice_established, WAIT_MS),
      "not established: %d\n%s", test.alice.state,
      gst_sip_test_baresip_get_log (test.baresip));
  baresip_wait_event (&test, "CALL_ESTABLISHED");

  /* baresip's sine wave, decoded; ours, sent and received by baresip */
  fail_unless (wait_for (&test, alice_got_media, WAIT_MS),
      "alice decoded %d audio buffers and %d video frames, sent %" G_GUINT64_FORMAT
      " audio and %" G_GUINT64_FORMAT " video packets",
      test.alice.audio.buffers, test.alice.video.buffers,
      packets_sent (&test.alice, "audio"), packets_sent (&test.alice, "video"));
  check_decoded_audio (&test.alice);
  check_decoded_video (&test.alice);
  fail_unless (wait_for (&test, baresip_got_audio, WAIT_MS));
  baresip_wait_log (&test, "video: receiving with resolution 320 x 240");
  fail_if (test.alice.error, "%s", test.alice.error_text);

  hang_up (&test.alice);
  fail_unless (wait_for (&test, alice_ended, WAIT_MS));
  baresip_wait_event (&test, "CALL_CLOSED");

  endpoint_clear (&test.alice);
  gst_sip_test_baresip_free (test.baresip);
}

GST_END_TEST;

static gboolean
bob_established (Test *test)
{
  return test->bob.established;
}

static gboolean
bob_got_media (Test *test)
{
  return audio_decoded (&test->bob) && video_decoded (&test->bob) &&
      packets_sent (&test->bob, "audio") >= 50 &&
      packets_sent (&test->bob, "video") >= 10;
}

static gboolean
bob_ended (Test *test)
{
  return test->bob.state == GST_SIP_CALL_STATE_ENDED;
}

GST_START_TEST (test_baresip_calls)
{
  Test test = { { 0 } };
  gchar *uri;

  test.baresip = start_baresip ();
  if (!test.baresip)
    return;

  endpoint_init (&test.bob, "bob", "sip:bob@127.0.0.1", "PCMU,H264", TRUE);
  g_object_set (test.bob.bin, "auto-answer", TRUE, NULL);
  endpoint_start (&test.bob);

  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", endpoint_sip_port (&test.bob));
  baresip_command (&test, "dial", uri, NULL);
  g_free (uri);

  fail_unless (wait_for (&test, bob_established, WAIT_MS),
      "not established: %d\n%s", test.bob.state,
      gst_sip_test_baresip_get_log (test.baresip));
  fail_unless_equals_int (g_atomic_int_get (&test.bob.incoming), 1);
  baresip_wait_event (&test, "CALL_ESTABLISHED");

  fail_unless (wait_for (&test, bob_got_media, WAIT_MS),
      "bob decoded %d audio buffers and %d video frames, sent %" G_GUINT64_FORMAT
      " audio and %" G_GUINT64_FORMAT " video packets",
      test.bob.audio.buffers, test.bob.video.buffers,
      packets_sent (&test.bob, "audio"), packets_sent (&test.bob, "video"));
  check_decoded_audio (&test.bob);
  check_decoded_video (&test.bob);
  fail_unless (wait_for (&test, baresip_got_audio, WAIT_MS));
  baresip_wait_log (&test, "video: receiving with resolution 320 x 240");
  fail_if (test.bob.error, "%s", test.bob.error_text);

  /* baresip hangs up */
  baresip_command (&test, "hangup", NULL, NULL);
  fail_unless (wait_for (&test, bob_ended, WAIT_MS));
  baresip_wait_event (&test, "CALL_CLOSED");

  endpoint_clear (&test.bob);
  gst_sip_test_baresip_free (test.baresip);
}

GST_END_TEST;

/* the SRTP suite of the audio of @ep, or NULL for plain RTP */
static gchar *
srtp_suite (Endpoint *ep)
{
  GstStructure *stats = NULL, *audio = NULL;
  gchar *suite;

  g_signal_emit_by_name (ep->bin, "get-stats", &stats);
  fail_unless (stats != NULL);
  fail_unless (
      gst_structure_get (stats, "audio", GST_TYPE_STRUCTURE, &audio, NULL));
  suite = g_strdup (gst_structure_get_string (audio, "srtp-suite"));
  gst_structure_free (audio);
  gst_structure_free (stats);
  return suite;
}

/* an SRTP call with baresip's @mediaenc and our @mode, placed by us or by
 * baresip: audio and video decoded at both ends */
static void
run_baresip_srtp (const gchar *mediaenc, const gchar *mode, gboolean we_call)
{
  Test test = { { 0 } };
  Endpoint *ep = we_call ? &test.alice : &test.bob;
  gchar *uri, *suite;

  test.baresip = start_baresip_with (mediaenc);
  if (!test.baresip)
    return;

  GST_INFO ("baresip %s, sipcallbin %s, %s calls", mediaenc, mode,
      we_call ? "sipcallbin" : "baresip");
  if (we_call) {
    endpoint_init (ep, "alice", "sip:alice@127.0.0.1", "PCMU,H264", TRUE);
    gst_util_set_object_arg (G_OBJECT (ep->bin), "srtp", mode);
    uri = gst_sip_test_baresip_dup_uri (test.baresip, NULL);
    g_object_set (ep->bin, "remote-uri", uri, NULL);
    g_free (uri);
    endpoint_start (ep);
  } else {
    endpoint_init (ep, "bob", "sip:bob@127.0.0.1", "PCMU,H264", TRUE);
    gst_util_set_object_arg (G_OBJECT (ep->bin), "srtp", mode);
    g_object_set (ep->bin, "auto-answer", TRUE, NULL);
    endpoint_start (ep);
    uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", endpoint_sip_port (ep));
    baresip_command (&test, "dial", uri, NULL);
    g_free (uri);
  }

  fail_unless (
      wait_for (&test, we_call ? alice_established : bob_established, WAIT_MS),
      "not established: %d\n%s", ep->state,
      gst_sip_test_baresip_get_log (test.baresip));
  baresip_wait_event (&test, "CALL_ESTABLISHED");
  fail_unless (
      wait_for (&test, we_call ? alice_got_media : bob_got_media, WAIT_MS),
      "%s decoded %d audio buffers and %d video frames\n%s", ep->name,
      ep->audio.buffers, ep->video.buffers,
      gst_sip_test_baresip_get_log (test.baresip));
  check_decoded_audio (ep);
  check_decoded_video (ep);
  fail_unless (wait_for (&test, baresip_got_audio, WAIT_MS));
  baresip_wait_log (&test, "video: receiving with resolution 320 x 240");
  suite = srtp_suite (ep);
  fail_unless (suite != NULL, "the call is not SRTP");
  g_free (suite);
  fail_if (ep->error, "%s", ep->error_text);

  hang_up (ep);
  fail_unless (wait_for (&test, we_call ? alice_ended : bob_ended, WAIT_MS));
  baresip_wait_event (&test, "CALL_CLOSED");
  endpoint_clear (ep);
  gst_sip_test_baresip_free (test.baresip);
}

GST_START_TEST (test_baresip_srtp)
{
  run_baresip_srtp ("srtp", "optional", TRUE);
  run_baresip_srtp ("srtp", "optional", FALSE);
  run_baresip_srtp ("srtp", "mandatory", FALSE);
  run_baresip_srtp ("srtp-mand", "mandatory", TRUE);
  run_baresip_srtp ("srtp-mand", "mandatory", FALSE);
  run_baresip_srtp ("srtp-mand", "optional", FALSE);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* kamailio */

static gboolean
bob_registered (Test *test)
{
  return test->bob.registered || test->bob.error;
}

static gboolean
alice_registered (Test *test)
{
  return test->alice.registered || test->alice.error;
}

static gboolean
both_established (Test *test)
{
  return test->alice.established && test->bob.established;
}

static gboolean
both_ended (Test *test)
{
  return test->alice.state == GST_SIP_CALL_STATE_ENDED &&
      test->bob.state == GST_SIP_CALL_STATE_ENDED;
}

/* a second of audio and ten video frames each way */
static gboolean
media_both_ways (Test *test)
{
  Endpoint *eps[2] = { &test->alice, &test->bob };
  guint i;

  for (i = 0; i < 2; i++) {
    if (g_atomic_int_get (&eps[i]->audio.buffers) < 50 ||
        g_atomic_int_get (&eps[i]->video.buffers) < 10)
      return FALSE;
  }
  return TRUE;
}

/* a sipcallbin with an account at kamailio, its registrar and proxy */
static void
kamailio_endpoint_init (
    Test *test, Endpoint *ep, const gchar *name, const gchar *password)
{
  gchar *aor = g_strdup_printf ("sip:%s@" DOMAIN, name);
  gchar *server = gst_sip_test_kamailio_dup_uri (test->kamailio, NULL);

  endpoint_init (ep, name, aor, "PCMU,H264", TRUE);
  g_object_set (ep->bin, "registrar", server, "proxy", server, "username", name,
      "password", password, NULL);
  g_free (server);
  g_free (aor);
}

static const gchar *
kamailio_log (Test *test)
{
  return gst_sip_test_kamailio_get_log (test->kamailio);
}

GST_START_TEST (test_kamailio)
{
  static const gchar *const users[] = { "alice:" ALICE_PASSWORD,
    "bob:" BOB_PASSWORD, NULL };
  GstSipTestKamailioConfig config = { 0 };
  Test test = { { 0 } };
  GError *error = NULL;
  GstSDPMessage *sdp = NULL;
  gboolean ret = FALSE;

  config.address = "127.0.0.1";
  config.domain = DOMAIN;
  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  config.record_route = TRUE;
  test.kamailio = gst_sip_test_kamailio_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    GST_WARNING ("skipped: %s", error->message);
    g_error_free (error);
    return;
  }
  fail_unless (test.kamailio != NULL, "%s", error ? error->message : "");

  /* bob registers and waits */
  kamailio_endpoint_init (&test, &test.bob, "bob", BOB_PASSWORD);
  g_object_set (test.bob.bin, "auto-answer", TRUE, NULL);
  endpoint_start (&test.bob);
  fail_unless (
      wait_for (&test, bob_registered, WAIT_MS), "%s", kamailio_log (&test));
  fail_if (test.bob.error, "%s", test.bob.error_text);
  fail_unless (gst_sip_test_kamailio_wait_log (
      test.kamailio, "REGISTER sip:bob@" DOMAIN ": saved", WAIT_MS));

  /* alice registers, then calls bob's address of record */
  kamailio_endpoint_init (&test, &test.alice, "alice", ALICE_PASSWORD);
  endpoint_start (&test.alice);
  fail_unless (
      wait_for (&test, alice_registered, WAIT_MS), "%s", kamailio_log (&test));
  fail_if (test.alice.error, "%s", test.alice.error_text);
  g_signal_emit_by_name (test.alice.bin, "dial", "sip:bob@" DOMAIN, &ret);
  fail_unless (ret);

  fail_unless (wait_for (&test, both_established, WAIT_MS),
      "not established: alice %d, bob %d\n%s", test.alice.state, test.bob.state,
      kamailio_log (&test));
  fail_unless_equals_int (g_atomic_int_get (&test.bob.incoming), 1);
  /* the proxy challenged the INVITE and forwarded the answered one */
  fail_unless (strstr (kamailio_log (&test),
                   "INVITE from sip:alice@" DOMAIN ": challenged") != NULL,
      "%s", kamailio_log (&test));
  fail_unless (strstr (kamailio_log (&test),
                   "INVITE to sip:bob@" DOMAIN ": forwarding to") != NULL,
      "%s", kamailio_log (&test));

  fail_unless (wait_for (&test, media_both_ways, WAIT_MS),
      "media: alice got %d audio, %d video; bob %d audio, %d video",
      test.alice.audio.buffers, test.alice.video.buffers,
      test.bob.audio.buffers, test.bob.video.buffers);
  check_decoded_audio (&test.alice);
  check_decoded_audio (&test.bob);
  fail_unless (g_str_has_prefix (test.alice.video.caps, "video/x-raw"));
  fail_unless (g_str_has_prefix (test.bob.video.caps, "video/x-raw"));
  g_object_get (test.alice.bin, "remote-description", &sdp, NULL);
  fail_unless (sdp != NULL);
  fail_unless_equals_int (gst_sdp_message_medias_len (sdp), 2);
  gst_sdp_message_free (sdp);
  fail_if (test.alice.error, "%s", test.alice.error_text);
  fail_if (test.bob.error, "%s", test.bob.error_text);

  /* the BYE follows the record-route through the proxy */
  hang_up (&test.alice);
  fail_unless (
      wait_for (&test, both_ended, WAIT_MS), "%s", kamailio_log (&test));
  fail_unless (
      gst_sip_test_kamailio_wait_log (test.kamailio, "in-dialog BYE", WAIT_MS));
  run_for (&test, 100);

  endpoint_clear (&test.alice);
  endpoint_clear (&test.bob);
  gst_sip_test_kamailio_free (test.kamailio);
}

GST_END_TEST;

static Suite *
sipcallbin_interop_suite (void)
{
  Suite *s = suite_create ("sipcallbin-interop");
  TCase *tc = tcase_create ("interop");

  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_call_baresip);
  tcase_add_test (tc, test_baresip_calls);
  tcase_add_test (tc, test_baresip_srtp);
  tcase_add_test (tc, test_kamailio);
  return s;
}

GST_CHECK_MAIN (sipcallbin_interop);
