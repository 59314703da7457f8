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

/* Two sipcallbins in one process call each other on 127.0.0.1: alice
 * dials, bob answers.  Live test sources feed their sink pads; what comes
 * out of their source pads is counted (decoded frames and audio samples,
 * or encoded buffers) to prove that media flows both ways. */

#include <string.h>
#include <gst/check/gstcheck.h>
#include <gst/pbutils/pbutils.h>
#include <gst/app/app.h>
#include <gst/rtp/rtp.h>
#include <gst/video/video.h>
#include <sip/sip.h>

#define T1 20
#define WAIT_MS 20000

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
  GMutex lock;
  Counter audio, video;
  GPtrArray *states; /* GstSipCallState, from the element messages */
  GString *dtmf;
  GstSipCallState state;
  guint status;
  gboolean error;
  gchar *error_text;
  gboolean missing_plugin;
  gboolean no_more_pads;
  gint incoming;
  gint src_pads;
  gchar *missing_reason;
} Endpoint;

typedef struct
{
  Endpoint alice, bob;
  guint bob_port;
  /* what the bob's incoming-call handler does */
  guint reject_code;
} Call;

/* ---------------------------------------------------------------------- */

static GstPadProbeReturn
count_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Counter *counter = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

  g_atomic_int_inc (&counter->buffers);
  /* one writer per counter: the streaming thread of its pad */
  counter->bytes += gst_buffer_get_size (buffer);
  if (!counter->caps) {
    GstCaps *caps = gst_pad_get_current_caps (pad);

    if (caps) {
      counter->caps = gst_caps_to_string (caps);
      gst_caps_unref (caps);
    }
  }
  return GST_PAD_PROBE_OK;
}

static void
on_pad_added (GstElement *bin, GstPad *pad, Endpoint *ep)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  gboolean video = g_str_has_prefix (GST_PAD_NAME (pad), "video_src_");
  GstPad *sinkpad;

  if (GST_PAD_IS_SINK (pad)) {
    /* our own request for audio_sink or video_sink */
    gst_object_unref (sink);
    return;
  }
  fail_unless (g_str_has_prefix (GST_PAD_NAME (pad), "audio_src_") || video);
  g_atomic_int_inc (&ep->src_pads);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (ep->pipeline), sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer,
      video ? &ep->video : &ep->audio, NULL);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

/* counts what a pad the launch line links gives */
static void
count_pad_added (GstElement *bin, GstPad *pad, Endpoint *ep)
{
  gboolean video = g_str_has_prefix (GST_PAD_NAME (pad), "video_src_");

  if (GST_PAD_IS_SINK (pad))
    return;
  g_atomic_int_inc (&ep->src_pads);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer,
      video ? &ep->video : &ep->audio, NULL);
}

static void
on_no_more_pads (GstElement *bin, Endpoint *ep)
{
  ep->no_more_pads = TRUE;
}

static void
on_dtmf (GstElement *bin, const gchar *digit, guint duration, Endpoint *ep)
{
  g_mutex_lock (&ep->lock);
  g_string_append (ep->dtmf, digit);
  g_mutex_unlock (&ep->lock);
}

static void
on_incoming_call (
    GstElement *bin, const gchar *from, GstSDPMessage *offer, Call *call)
{
  gboolean ret = FALSE;

  g_atomic_int_inc (&call->bob.incoming);
  fail_unless (g_str_has_prefix (from, "sip:alice@"));
  if (call->reject_code) {
    g_signal_emit_by_name (bin, "reject", call->reject_code, NULL, &ret);
    fail_unless (ret);
  }
}

/* the source branch of one media: raw test source, or encoded with
 * @encoder ("x264enc ...") */
static void
add_source (Endpoint *ep, const gchar *media, const gchar *encoder)
{
  GError *error = NULL;
  GstElement *src;
  gchar *desc;

  if (strcmp (media, "audio") == 0)
    desc = g_strdup_printf ("audiotestsrc is-live=true wave=sine%s%s",
        encoder ? " ! " : "", encoder ? encoder : "");
  else
    desc = g_strdup_printf ("videotestsrc is-live=true ! capsfilter "
                            "caps=\"video/x-raw,width=320,height=240,"
                            "framerate=30/1\""
                            "%s%s",
        encoder ? " ! " : "", encoder ? encoder : "");
  src = gst_parse_bin_from_description (desc, TRUE, &error);
  fail_unless (src != NULL, "%s: %s", desc, error ? error->message : "");
  g_free (desc);
  gst_bin_add (GST_BIN (ep->pipeline), src);
  desc = g_strdup_printf ("%s_sink", media);
  fail_unless (gst_element_link_pads (src, "src", ep->bin, desc));
  g_free (desc);
}

static void
endpoint_init (Endpoint *ep, const gchar *name, gboolean audio, gboolean video,
    const gchar *audio_encoder, const gchar *video_encoder)
{
  gchar *uri = g_strdup_printf ("sip:%s@127.0.0.1", name);

  ep->name = name;
  g_mutex_init (&ep->lock);
  ep->states = g_ptr_array_new ();
  ep->dtmf = g_string_new (NULL);
  ep->pipeline = gst_pipeline_new (name);
  ep->bin = gst_element_factory_make ("sipcallbin", name);
  fail_unless (ep->bin != NULL);
  g_object_set (ep->bin, "sip-port", 0, "address", "127.0.0.1", "local-uri",
      uri, "decode", TRUE, "latency", 50, NULL);
  g_free (uri);
  gst_bin_add (GST_BIN (ep->pipeline), ep->bin);
  g_signal_connect (ep->bin, "pad-added", G_CALLBACK (on_pad_added), ep);
  g_signal_connect (ep->bin, "no-more-pads", G_CALLBACK (on_no_more_pads), ep);
  g_signal_connect (ep->bin, "dtmf-received", G_CALLBACK (on_dtmf), ep);
  if (audio)
    add_source (ep, "audio", audio_encoder);
  if (video)
    add_source (ep, "video", video_encoder);
  ep->bus = gst_element_get_bus (ep->pipeline);
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
  g_ptr_array_unref (ep->states);
  g_string_free (ep->dtmf, TRUE);
  g_free (ep->audio.caps);
  g_free (ep->video.caps);
  g_free (ep->error_text);
  g_free (ep->missing_reason);
  g_mutex_clear (&ep->lock);
}

/* reads what the bus has */
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
          GstSipCallState state;

          fail_unless (gst_structure_get_enum (
              s, "state", GST_TYPE_SIP_CALL_STATE, (gint *) &state));
          fail_unless (gst_structure_get_uint (s, "status-code", &ep->status));
          ep->state = state;
          g_ptr_array_add (ep->states, GINT_TO_POINTER (state));
        } else if (gst_is_missing_plugin_message (msg)) {
          ep->missing_plugin = TRUE;
          g_free (ep->missing_reason);
          ep->missing_reason =
              g_strdup (gst_structure_get_string (s, "sip-reason"));
        }
        break;
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

typedef gboolean (*Condition) (Call *call);

static gboolean
wait_for (Call *call, Condition condition, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  do {
    poll_bus (&call->alice);
    poll_bus (&call->bob);
    if (condition (call))
      return TRUE;
    /* a user agent of the test's own runs on this thread's context */
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_usleep (10 * 1000);
  } while (g_get_monotonic_time () < end);
  return FALSE;
}

static gboolean
saw_state (Endpoint *ep, GstSipCallState state)
{
  guint i;

  for (i = 0; i < ep->states->len; i++)
    if (GPOINTER_TO_INT (g_ptr_array_index (ep->states, i)) == (gint) state)
      return TRUE;
  return FALSE;
}

static gboolean
both_established (Call *call)
{
  return call->alice.state == GST_SIP_CALL_STATE_ESTABLISHED &&
      call->bob.state == GST_SIP_CALL_STATE_ESTABLISHED;
}

static gboolean
both_ended (Call *call)
{
  return call->alice.state == GST_SIP_CALL_STATE_ENDED &&
      call->bob.state == GST_SIP_CALL_STATE_ENDED;
}

static gboolean
alice_ended (Call *call)
{
  return call->alice.state == GST_SIP_CALL_STATE_ENDED;
}

static gboolean
alice_error (Call *call)
{
  return call->alice.error;
}

/* a second of audio and ten frames each way */
static gboolean
media_both_ways (Call *call)
{
  Endpoint *eps[2] = { &call->alice, &call->bob };
  guint i;

  for (i = 0; i < 2; i++) {
    if (g_atomic_int_get (&eps[i]->audio.buffers) < 55 ||
        g_atomic_int_get (&eps[i]->video.buffers) < 10)
      return FALSE;
  }
  return TRUE;
}

static void
set_short_timers (Endpoint *ep)
{
  GstSipUserAgent *ua = NULL;

  g_object_get (ep->bin, "user-agent", &ua, NULL);
  fail_unless (ua != NULL);
  g_object_set (ua, "t1", T1, NULL);
  g_object_unref (ua);
}

/* bob waits in PLAYING; alice dials him when she goes to PLAYING */
static void
start_call (Call *call, const gchar *codecs)
{
  gchar *uri;

  g_signal_connect (
      call->bob.bin, "incoming-call", G_CALLBACK (on_incoming_call), call);
  if (codecs) {
    g_object_set (call->alice.bin, "codecs", codecs, NULL);
    g_object_set (call->bob.bin, "codecs", codecs, NULL);
  }
  g_object_set (call->bob.bin, "auto-answer", call->reject_code == 0, NULL);
  fail_unless_equals_int (
      gst_element_set_state (call->bob.pipeline, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  g_object_get (call->bob.bin, "sip-port", &call->bob_port, NULL);
  fail_unless (call->bob_port != 0);
  set_short_timers (&call->bob);
  fail_unless (gst_element_set_state (call->bob.pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);

  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", call->bob_port);
  g_object_set (call->alice.bin, "remote-uri", uri, NULL);
  g_free (uri);
  fail_unless_equals_int (
      gst_element_set_state (call->alice.pipeline, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  set_short_timers (&call->alice);
  fail_unless (gst_element_set_state (call->alice.pipeline,
                   GST_STATE_PLAYING) != GST_STATE_CHANGE_FAILURE);
}

static void
call_clear (Call *call)
{
  endpoint_clear (&call->alice);
  endpoint_clear (&call->bob);
}

static void
hang_up (Call *call, Endpoint *by)
{
  gboolean ret = FALSE;
  GstSipCallState state;

  g_signal_emit_by_name (by->bin, "hangup", &ret);
  fail_unless (ret);
  fail_unless (wait_for (call, both_ended, WAIT_MS), "the call did not end");
  fail_unless (saw_state (&call->alice, GST_SIP_CALL_STATE_CALLING));
  fail_unless (saw_state (&call->bob, GST_SIP_CALL_STATE_PROCEEDING));
  g_object_get (call->alice.bin, "call-state", &state, NULL);
  fail_unless_equals_int (state, GST_SIP_CALL_STATE_ENDED);
  g_object_get (call->bob.bin, "call-state", &state, NULL);
  fail_unless_equals_int (state, GST_SIP_CALL_STATE_ENDED);
}

/* a call with both media, raw in, decoded out, with @codecs */
static void
run_call (const gchar *codecs, const gchar *audio_codec,
    const gchar *video_codec, gboolean callee_hangs_up)
{
  Call call = { 0 };
  GstStructure *stats = NULL;
  const GstStructure *audio;
  GstSDPMessage *sdp = NULL;
  guint status = 0;

  endpoint_init (&call.alice, "alice", TRUE, TRUE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, TRUE, NULL, NULL);
  start_call (&call, codecs);

  fail_unless (wait_for (&call, both_established, WAIT_MS),
      "not established: alice %d, bob %d", call.alice.state, call.bob.state);
  fail_unless_equals_int (g_atomic_int_get (&call.bob.incoming), 1);
  fail_unless (wait_for (&call, media_both_ways, WAIT_MS),
      "media: alice got %d audio, %d video; bob %d audio, %d video",
      call.alice.audio.buffers, call.alice.video.buffers,
      call.bob.audio.buffers, call.bob.video.buffers);
  fail_unless (call.alice.no_more_pads);
  fail_unless (call.bob.no_more_pads);
  fail_if (call.alice.error || call.bob.error);

  /* decoded: raw audio samples and video frames */
  fail_unless (g_str_has_prefix (call.alice.audio.caps, "audio/x-raw"));
  fail_unless (g_str_has_prefix (call.bob.video.caps, "video/x-raw"));
  fail_unless (call.bob.audio.bytes / 2 > 8000);
  fail_unless (call.alice.audio.bytes / 2 > 8000);

  g_object_get (
      call.alice.bin, "status-code", &status, "remote-description", &sdp, NULL);
  fail_unless_equals_int (status, 200);
  fail_unless (sdp != NULL);
  fail_unless_equals_int (gst_sdp_message_medias_len (sdp), 2);
  gst_sdp_message_free (sdp);

  g_signal_emit_by_name (call.alice.bin, "get-stats", &stats);
  fail_unless (stats != NULL);
  fail_unless (
      gst_structure_get (stats, "audio", GST_TYPE_STRUCTURE, &audio, NULL));
  fail_unless_equals_string (
      gst_structure_get_string (audio, "send-codec"), audio_codec);
  gst_structure_free ((GstStructure *) audio);
  fail_unless (
      gst_structure_get (stats, "video", GST_TYPE_STRUCTURE, &audio, NULL));
  fail_unless_equals_string (
      gst_structure_get_string (audio, "send-codec"), video_codec);
  fail_unless_equals_string (
      gst_structure_get_string (audio, "receive-codec"), video_codec);
  gst_structure_free ((GstStructure *) audio);
  gst_structure_free (stats);

  hang_up (&call, callee_hangs_up ? &call.bob : &call.alice);
  call_clear (&call);
}

/* ---------------------------------------------------------------------- */

GST_START_TEST (test_pcmu_h264)
{
  run_call ("PCMU,H264", "PCMU", "H264", FALSE);
}

GST_END_TEST;

GST_START_TEST (test_pcma_h264_callee_hangs_up)
{
  run_call ("PCMA,H264", "PCMA", "H264", TRUE);
}

GST_END_TEST;

GST_START_TEST (test_default_codecs)
{
  /* the library's order: PCMU and H264 first */
  run_call (NULL, "PCMU", "H264", FALSE);
}

GST_END_TEST;

GST_START_TEST (test_h263_pcmu)
{
  /* RFC 2190: the picture is scaled to CIF for avenc_h263 */
  run_call ("H263,PCMU", "PCMU", "H263", FALSE);
}

GST_END_TEST;

GST_START_TEST (test_h263_1998_pcma)
{
  run_call ("H263-1998,PCMA", "PCMA", "H263-1998", TRUE);
}

GST_END_TEST;

GST_START_TEST (test_mp4v_amr)
{
  /* octet-aligned AMR: the good plugins have nothing else */
  run_call ("MP4V-ES,AMR", "AMR", "MP4V-ES", FALSE);
}

GST_END_TEST;

GST_START_TEST (test_h264_amr)
{
  run_call ("AMR,H264", "AMR", "H264", FALSE);
}

GST_END_TEST;

GST_START_TEST (test_reject)
{
  Call call = { 0 };
  gchar *reason = NULL;
  guint status = 0;

  call.reject_code = 486;
  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  start_call (&call, NULL);

  fail_unless (wait_for (&call, both_ended, WAIT_MS));
  g_object_get (
      call.alice.bin, "status-code", &status, "reason", &reason, NULL);
  fail_unless_equals_int (status, 486);
  fail_unless_equals_string (reason, "Busy Here");
  g_free (reason);
  fail_if (saw_state (&call.alice, GST_SIP_CALL_STATE_ESTABLISHED));
  /* busy is an answer, not an error */
  fail_if (call.alice.error);
  call_clear (&call);
}

GST_END_TEST;

GST_START_TEST (test_unreachable)
{
  Call call = { 0 };
  GSocket *socket;
  GSocketAddress *sa;
  GInetAddress *loopback;
  guint port;
  gchar *uri;

  /* a port nobody answers on: bound, then closed */
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, NULL);
  sa = g_inet_socket_address_new (loopback, 0);
  fail_unless (g_socket_bind (socket, sa, FALSE, NULL));
  g_object_unref (sa);
  sa = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (sa));
  g_object_unref (sa);
  g_object_unref (socket);
  g_object_unref (loopback);

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", port);
  g_object_set (call.alice.bin, "remote-uri", uri, NULL);
  g_free (uri);
  fail_unless_equals_int (
      gst_element_set_state (call.alice.pipeline, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  set_short_timers (&call.alice);
  endpoint_init (&call.bob, "bob", FALSE, FALSE, NULL, NULL);
  fail_unless (gst_element_set_state (call.alice.pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);

  /* Timer B: 64*T1 */
  fail_unless (wait_for (&call, alice_error, WAIT_MS));
  fail_unless (strstr (call.alice.error_text, "Could not reach") != NULL, "%s",
      call.alice.error_text);
  fail_unless (wait_for (&call, alice_ended, WAIT_MS));
  call_clear (&call);
}

GST_END_TEST;


/* ---------------------------------------------------------------------- */
/* helpers for the tests below */

static gboolean
has_attribute (const GstSDPAttribute *attributes, guint n, const gchar *key)
{
  guint i;

  for (i = 0; i < n; i++)
    if (g_strcmp0 (attributes[i].key, key) == 0)
      return TRUE;
  return FALSE;
}

/* whether an m-line (or the session) has a flag attribute such as
 * a=sendonly */
static gboolean
sdp_media_has (
    GstElement *bin, const gchar *property, guint index, const gchar *attribute)
{
  GstSDPMessage *sdp = NULL;
  gboolean ret = FALSE;

  g_object_get (bin, property, &sdp, NULL);
  if (sdp && index < gst_sdp_message_medias_len (sdp)) {
    const GstSDPMedia *m = gst_sdp_message_get_media (sdp, index);

    ret = has_attribute ((const GstSDPAttribute *) m->attributes->data,
              m->attributes->len, attribute) ||
        has_attribute ((const GstSDPAttribute *) sdp->attributes->data,
            sdp->attributes->len, attribute);
  }
  if (sdp)
    gst_sdp_message_free (sdp);
  return ret;
}

/* the encoding names of the rtpmap lines of an m-line, "H264 ..." */
static gchar *
sdp_media_codecs (GstElement *bin, const gchar *property, guint index)
{
  GstSDPMessage *sdp = NULL;
  GString *s = g_string_new (NULL);
  const GstSDPMedia *m;
  guint i;

  g_object_get (bin, property, &sdp, NULL);
  fail_unless (sdp != NULL);
  fail_unless (index < gst_sdp_message_medias_len (sdp));
  m = gst_sdp_message_get_media (sdp, index);
  for (i = 0; i < gst_sdp_media_attributes_len (m); i++) {
    const GstSDPAttribute *a = gst_sdp_media_get_attribute (m, i);
    const gchar *name;

    if (g_strcmp0 (a->key, "rtpmap") != 0 || !a->value)
      continue;
    name = strchr (a->value, ' ');
    if (name)
      g_string_append_printf (s, "%s%.*s", s->len ? " " : "",
          (gint) strcspn (name + 1, "/"), name + 1);
  }
  gst_sdp_message_free (sdp);
  return g_string_free (s, FALSE);
}

static guint
sdp_media_port (GstElement *bin, const gchar *property, guint index)
{
  GstSDPMessage *sdp = NULL;
  guint port;

  g_object_get (bin, property, &sdp, NULL);
  fail_unless (sdp != NULL);
  port = gst_sdp_media_get_port (gst_sdp_message_get_media (sdp, index));
  gst_sdp_message_free (sdp);
  return port;
}

/* lets the media run for @ms while polling the buses */
static gboolean
never (Call *call)
{
  return FALSE;
}

static void
run_for (Call *call, guint ms)
{
  wait_for (call, never, ms);
}

static gboolean hold_expected;

static gboolean
hold_settled (Call *call)
{
  if (hold_expected)
    return sdp_media_has (
               call->alice.bin, "local-description", 0, "sendonly") &&
        sdp_media_has (call->bob.bin, "local-description", 0, "recvonly");
  return !sdp_media_has (call->alice.bin, "local-description", 0, "sendonly") &&
      !sdp_media_has (call->bob.bin, "local-description", 0, "recvonly");
}

static void
establish (Call *call, const gchar *codecs)
{
  start_call (call, codecs);
  fail_unless (wait_for (call, both_established, WAIT_MS),
      "not established: alice %d, bob %d", call->alice.state, call->bob.state);
}

static gboolean
audio_both_ways (Call *call)
{
  return g_atomic_int_get (&call->alice.audio.buffers) >= 25 &&
      g_atomic_int_get (&call->bob.audio.buffers) >= 25;
}

/* ---------------------------------------------------------------------- */

GST_START_TEST (test_hold_resume)
{
  Call call = { 0 };
  GstElement *receiver_before, *receiver_after;
  gint alice_before, bob_before;
  gboolean ret = FALSE;

  endpoint_init (&call.alice, "alice", TRUE, TRUE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, TRUE, NULL, NULL);
  establish (&call, "PCMU,H264");
  fail_unless (wait_for (&call, media_both_ways, WAIT_MS));
  receiver_before =
      gst_bin_get_by_name (GST_BIN (call.alice.bin), "receive-PCMU");
  fail_unless (receiver_before != NULL);

  /* alice holds: she still sends, bob does not */
  hold_expected = TRUE;
  g_signal_emit_by_name (call.alice.bin, "hold", TRUE, &ret);
  fail_unless (ret);
  fail_unless (wait_for (&call, hold_settled, WAIT_MS));
  run_for (&call, 400);
  alice_before = g_atomic_int_get (&call.alice.audio.buffers);
  bob_before = g_atomic_int_get (&call.bob.audio.buffers);
  run_for (&call, 600);
  fail_unless (g_atomic_int_get (&call.alice.audio.buffers) - alice_before <= 2,
      "alice still receives on hold: %d",
      g_atomic_int_get (&call.alice.audio.buffers) - alice_before);
  fail_unless (g_atomic_int_get (&call.bob.audio.buffers) - bob_before >= 15);
  fail_unless_equals_int (call.alice.state, GST_SIP_CALL_STATE_ESTABLISHED);

  /* resumed: both ways again, through the same elements and pads */
  hold_expected = FALSE;
  g_signal_emit_by_name (call.alice.bin, "hold", FALSE, &ret);
  fail_unless (wait_for (&call, hold_settled, WAIT_MS));
  alice_before = g_atomic_int_get (&call.alice.audio.buffers);
  run_for (&call, 1000);
  fail_unless (
      g_atomic_int_get (&call.alice.audio.buffers) - alice_before >= 20,
      "alice does not receive after resuming");
  receiver_after =
      gst_bin_get_by_name (GST_BIN (call.alice.bin), "receive-PCMU");
  fail_unless (receiver_after == receiver_before);
  gst_object_unref (receiver_before);
  gst_object_unref (receiver_after);
  fail_unless_equals_int (g_atomic_int_get (&call.alice.src_pads), 2);
  fail_unless_equals_int (g_atomic_int_get (&call.bob.src_pads), 2);
  fail_if (call.alice.error || call.bob.error);

  hang_up (&call, &call.bob);
  call_clear (&call);
}

GST_END_TEST;

static gboolean
dtmf_done (Call *call)
{
  gboolean ret;

  g_mutex_lock (&call->bob.lock);
  ret = call->bob.dtmf->len >= 3;
  g_mutex_unlock (&call->bob.lock);
  g_mutex_lock (&call->alice.lock);
  ret &= call->alice.dtmf->len >= 1;
  g_mutex_unlock (&call->alice.lock);
  return ret;
}

GST_START_TEST (test_dtmf)
{
  Call call = { 0 };
  gboolean ret = FALSE;
  gchar *codecs;

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  establish (&call, "PCMA");
  codecs = sdp_media_codecs (call.alice.bin, "remote-description", 0);
  fail_unless (strstr (codecs, "telephone-event") != NULL, "%s", codecs);
  g_free (codecs);
  fail_unless (wait_for (&call, audio_both_ways, WAIT_MS));

  /* RFC 4733 events both ways, played one after the other */
  g_signal_emit_by_name (call.alice.bin, "send-dtmf", "1", 80, &ret);
  fail_unless (ret);
  g_signal_emit_by_name (call.alice.bin, "send-dtmf", "#", 80, &ret);
  g_signal_emit_by_name (call.alice.bin, "send-dtmf", "9", 80, &ret);
  g_signal_emit_by_name (call.bob.bin, "send-dtmf", "A", 120, &ret);
  g_signal_emit_by_name (call.bob.bin, "send-dtmf", "x", 120, &ret);
  fail_if (ret);
  fail_unless (wait_for (&call, dtmf_done, WAIT_MS));
  fail_unless_equals_string (call.bob.dtmf->str, "1#9");
  fail_unless_equals_string (call.alice.dtmf->str, "A");

  hang_up (&call, &call.alice);
  call_clear (&call);
}

GST_END_TEST;

GST_START_TEST (test_encoded_input)
{
  Call call = { 0 };
  gchar *codecs;

  /* alice sends what her own encoders made: her offer has only that */
  endpoint_init (&call.alice, "alice", TRUE, TRUE,
      "capsfilter caps=audio/x-raw,rate=8000,channels=1 ! mulawenc",
      "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=15 ! "
      "capsfilter caps=video/x-h264,profile=constrained-baseline");
  endpoint_init (&call.bob, "bob", TRUE, TRUE, NULL, NULL);
  establish (&call, NULL);
  codecs = sdp_media_codecs (call.alice.bin, "local-description", 0);
  fail_unless_equals_string (codecs, "PCMU telephone-event");
  g_free (codecs);
  codecs = sdp_media_codecs (call.alice.bin, "local-description", 1);
  fail_unless_equals_string (codecs, "H264");
  g_free (codecs);
  fail_unless (wait_for (&call, media_both_ways, WAIT_MS),
      "media: alice got %d audio, %d video; bob %d audio, %d video",
      call.alice.audio.buffers, call.alice.video.buffers,
      call.bob.audio.buffers, call.bob.video.buffers);
  fail_unless (g_str_has_prefix (call.bob.video.caps, "video/x-raw"));
  hang_up (&call, &call.alice);
  call_clear (&call);
}

GST_END_TEST;

GST_START_TEST (test_decode_off)
{
  Call call = { 0 };

  endpoint_init (&call.alice, "alice", TRUE, TRUE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, TRUE, NULL, NULL);
  g_object_set (call.alice.bin, "decode", FALSE, NULL);
  g_object_set (call.bob.bin, "decode", FALSE, NULL);
  establish (&call, "PCMA,H264");
  fail_unless (wait_for (&call, media_both_ways, WAIT_MS),
      "media: alice got %d audio, %d video; bob %d audio, %d video",
      call.alice.audio.buffers, call.alice.video.buffers,
      call.bob.audio.buffers, call.bob.video.buffers);
  /* depayloaded and parsed, not decoded */
  fail_unless (g_str_has_prefix (call.alice.audio.caps, "audio/x-alaw"));
  fail_unless (g_str_has_prefix (call.alice.video.caps, "video/x-h264"));
  fail_unless (strstr (call.bob.video.caps, "parsed=(boolean)true") != NULL,
      "%s", call.bob.video.caps);
  hang_up (&call, &call.alice);
  call_clear (&call);
}

GST_END_TEST;

static gboolean
both_errors (Call *call)
{
  return call->alice.error && call->bob.error;
}

GST_START_TEST (test_no_common_codec)
{
  Call call = { 0 };

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  g_object_set (call.bob.bin, "codecs", "PCMA", NULL);
  g_object_set (call.alice.bin, "codecs", "PCMU", NULL);
  start_call (&call, NULL);
  fail_unless (wait_for (&call, both_errors, WAIT_MS));
  fail_unless (strstr (call.alice.error_text, "no codec in common") != NULL,
      "%s", call.alice.error_text);
  fail_unless (strstr (call.bob.error_text, "no codec in common") != NULL, "%s",
      call.bob.error_text);
  fail_unless (wait_for (&call, both_ended, WAIT_MS));
  fail_unless_equals_int (call.alice.status, 488);
  call_clear (&call);
}

GST_END_TEST;

static gboolean
session_has_ssrc (GstElement *bin, guint session, guint32 ssrc)
{
  GstElement *rtpbin = gst_bin_get_by_name (GST_BIN (bin), "rtpbin");
  GObject *internal = NULL;
  GstStructure *stats = NULL;
  const GValue *sources;
  gboolean found = FALSE;
  guint i;

  fail_unless (rtpbin != NULL);
  g_signal_emit_by_name (rtpbin, "get-internal-session", session, &internal);
  fail_unless (internal != NULL);
  g_object_get (internal, "stats", &stats, NULL);
  sources = gst_structure_get_value (stats, "source-stats");
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    GValueArray *array = g_value_get_boxed (sources);

    for (i = 0; array && i < array->n_values; i++) {
      const GstStructure *src = gst_value_get_structure (&array->values[i]);
      guint value = 0;

      if (gst_structure_get_uint (src, "ssrc", &value) && value == ssrc)
        found = TRUE;
    }
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
  gst_structure_free (stats);
  g_object_unref (internal);
  gst_object_unref (rtpbin);
  return found;
}

GST_START_TEST (test_injected_rtp_dropped)
{
  Call call = { 0 };
  GInetAddress *loopback;
  GSocketAddress *target;
  GSocket *socket;
  guint8 packet[12 + 160];
  guint port, i;

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  establish (&call, "PCMU");
  fail_unless (wait_for (&call, audio_both_ways, WAIT_MS));

  /* PCMU packets of another SSRC, from a third socket, to bob's RTP port */
  port = sdp_media_port (call.alice.bin, "remote-description", 0);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  target = g_inet_socket_address_new (loopback, port);
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, NULL);
  memset (packet, 0xff, sizeof (packet));
  for (i = 0; i < 50; i++) {
    packet[0] = 0x80;
    packet[1] = 0; /* PCMU */
    packet[2] = i >> 8;
    packet[3] = i & 0xff;
    GST_WRITE_UINT32_BE (packet + 4, i * 160);
    GST_WRITE_UINT32_BE (packet + 8, 0xdeadbeef);
    fail_unless (g_socket_send_to (socket, target, (gchar *) packet,
                     sizeof (packet), NULL, NULL) == sizeof (packet));
    g_usleep (2000);
  }
  run_for (&call, 300);
  fail_if (session_has_ssrc (call.bob.bin, 0, 0xdeadbeef));
  fail_unless_equals_int (g_atomic_int_get (&call.bob.src_pads), 1);
  g_object_unref (socket);
  g_object_unref (target);
  g_object_unref (loopback);

  hang_up (&call, &call.alice);
  call_clear (&call);
}

GST_END_TEST;

static gboolean
bob_ended (Call *call)
{
  return call->bob.state == GST_SIP_CALL_STATE_ENDED;
}

GST_START_TEST (test_media_timeout)
{
  Call call = { 0 };
  gchar *reason = NULL;

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  g_object_set (call.bob.bin, "media-timeout", 1, NULL);
  establish (&call, "PCMU");
  fail_unless (wait_for (&call, audio_both_ways, WAIT_MS));

  /* alice falls silent: no RTP, no RTCP; her signalling goes on */
  gst_element_set_state (call.alice.pipeline, GST_STATE_PAUSED);
  fail_unless (wait_for (&call, bob_ended, WAIT_MS));
  g_object_get (call.bob.bin, "reason", &reason, NULL);
  fail_unless_equals_string (reason, "Media timeout");
  g_free (reason);
  fail_unless (wait_for (&call, both_ended, WAIT_MS));
  call_clear (&call);
}

GST_END_TEST;

GST_START_TEST (test_uri_handler)
{
  GError *error = NULL;
  GstElement *element;
  gchar *uri = NULL;

  element = gst_element_make_from_uri (
      GST_URI_SRC, "sip:bob@127.0.0.1:5999", NULL, &error);
  fail_unless (element != NULL, "%s", error ? error->message : "");
  fail_unless_equals_string (
      GST_OBJECT_NAME (gst_element_get_factory (element)), "sipcallbin");
  g_object_get (element, "remote-uri", &uri, NULL);
  fail_unless_equals_string (uri, "sip:bob@127.0.0.1:5999");
  g_free (uri);
  gst_object_unref (element);
}

GST_END_TEST;


static gboolean
bob_ringing_alice (Call *call)
{
  /* bob's own state arrives on his bus, independently of alice's */
  return saw_state (&call->alice, GST_SIP_CALL_STATE_RINGING) &&
      saw_state (&call->bob, GST_SIP_CALL_STATE_RINGING) &&
      g_atomic_int_get (&call->bob.incoming) == 1;
}

GST_START_TEST (test_dial_and_answer_actions)
{
  Call call = { 0 };
  gboolean ret = FALSE;
  gchar *uri;

  endpoint_init (&call.alice, "alice", TRUE, TRUE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, TRUE, NULL, NULL);
  g_signal_connect (
      call.bob.bin, "incoming-call", G_CALLBACK (on_incoming_call), &call);
  fail_unless_equals_int (
      gst_element_set_state (call.bob.pipeline, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  g_object_get (call.bob.bin, "sip-port", &call.bob_port, NULL);
  set_short_timers (&call.bob);
  fail_unless (gst_element_set_state (call.bob.pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);
  fail_unless_equals_int (
      gst_element_set_state (call.alice.pipeline, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  set_short_timers (&call.alice);
  fail_unless (gst_element_set_state (call.alice.pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);

  /* no remote-uri: alice dials when told; bob rings until told */
  run_for (&call, 200);
  fail_unless_equals_int (call.alice.state, GST_SIP_CALL_STATE_IDLE);
  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", call.bob_port);
  g_signal_emit_by_name (call.alice.bin, "dial", uri, &ret);
  fail_unless (ret);
  g_free (uri);
  fail_unless (wait_for (&call, bob_ringing_alice, WAIT_MS));
  fail_unless_equals_int (call.bob.state, GST_SIP_CALL_STATE_RINGING);
  g_signal_emit_by_name (call.bob.bin, "answer", &ret);
  fail_unless (ret);
  fail_unless (wait_for (&call, both_established, WAIT_MS));
  fail_unless (wait_for (&call, media_both_ways, WAIT_MS));
  hang_up (&call, &call.alice);
  call_clear (&call);
}

GST_END_TEST;

/* an application's own user agent takes the call and gives it to a bin */
typedef struct
{
  Call *call;
  GstSipUserAgent *ua;
} AppCall;

static gboolean
on_app_incoming_call (GstSipUserAgent *ua, GstSipCall *sip_call, AppCall *app)
{
  Endpoint *bob = &app->call->bob;

  endpoint_init (bob, "bob", TRUE, TRUE, NULL, NULL);
  g_object_set (bob->bin, "call", sip_call, "auto-answer", TRUE, NULL);
  fail_unless (gst_element_set_state (bob->pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);
  return TRUE;
}

GST_START_TEST (test_app_call)
{
  Call call = { 0 };
  AppCall app = { &call, NULL };
  GstSipTransport *transport;
  GstSipUserAgent *ua = NULL;
  GError *error = NULL;
  gchar *uri;

  app.ua = gst_sip_user_agent_new ();
  g_object_set (app.ua, "t1", T1, NULL);
  transport = gst_sip_user_agent_add_transport (
      app.ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  fail_unless (transport != NULL);
  g_signal_connect (
      app.ua, "incoming-call", G_CALLBACK (on_app_incoming_call), &app);

  endpoint_init (&call.alice, "alice", TRUE, TRUE, NULL, NULL);
  uri = g_strdup_printf (
      "sip:bob@127.0.0.1:%u", gst_sip_transport_get_port (transport));
  g_object_set (call.alice.bin, "remote-uri", uri, NULL);
  g_free (uri);
  fail_unless_equals_int (
      gst_element_set_state (call.alice.pipeline, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  set_short_timers (&call.alice);
  fail_unless (gst_element_set_state (call.alice.pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);

  fail_unless (wait_for (&call, both_established, WAIT_MS));
  g_object_get (call.bob.bin, "user-agent", &ua, NULL);
  fail_unless (ua == app.ua);
  g_object_unref (ua);
  fail_unless (wait_for (&call, media_both_ways, WAIT_MS));
  hang_up (&call, &call.bob);
  call_clear (&call);
  g_object_unref (app.ua);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* the gst-launch-1.0 lines of the element's documentation */

/* the |[ ... ]| blocks of gstsipcallbin.c, as one line each, without
 * "gst-launch-1.0" */
static GPtrArray *
doc_launch_lines (void)
{
  gchar *path =
      g_build_filename (GST_SIP_SOURCE_ROOT, "gst", "gstsipcallbin.c", NULL);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  gchar *text = NULL, **source;
  GString *current = NULL;
  guint i;

  fail_unless (g_file_get_contents (path, &text, NULL, NULL), "%s", path);
  source = g_strsplit (text, "\n", -1);
  for (i = 0; source[i]; i++) {
    gchar *line = g_strstrip (source[i]);

    if (g_str_has_prefix (line, "*"))
      line = g_strstrip (line + 1);
    if (strcmp (line, "|[") == 0) {
      current = g_string_new (NULL);
      continue;
    }
    if (!current)
      continue;
    if (g_str_has_prefix (line, "]|")) {
      g_ptr_array_add (lines, g_string_free (current, FALSE));
      current = NULL;
      continue;
    }
    if (g_str_has_suffix (line, "\\"))
      line[strlen (line) - 1] = '\0';
    if (g_str_has_prefix (line, "gst-launch-1.0 "))
      line += strlen ("gst-launch-1.0 ");
    g_string_append_printf (current, "%s ", line);
  }
  g_strfreev (source);
  g_free (text);
  g_free (path);
  return lines;
}

/* @line with the fixed port replaced by @port and the audio and video
 * outputs by fakesinks: the test runs headless */
static gchar *
headless (const gchar *line, guint port)
{
  gchar *port_text = g_strdup_printf ("%u", port);
  gchar **parts = g_strsplit (line, "5070", -1);
  gchar *joined = g_strjoinv (port_text, parts), *result;
  GRegex *sinks = g_regex_new ("auto(audio|video)sink", 0, 0, NULL);

  result = g_regex_replace_literal (sinks, joined, -1, 0, "fakesink", 0, NULL);
  g_regex_unref (sinks);
  g_strfreev (parts);
  g_free (joined);
  g_free (port_text);
  return result;
}

static guint
free_udp_port (void)
{
  GInetAddress *loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *sa = g_inet_socket_address_new (loopback, 0);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, NULL);
  guint port;

  fail_unless (g_socket_bind (socket, sa, FALSE, NULL));
  g_object_unref (sa);
  sa = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (sa));
  g_object_unref (sa);
  g_object_unref (socket);
  g_object_unref (loopback);
  return port;
}

static GstElement *
find_call_bin (GstElement *pipeline)
{
  GstIterator *it = gst_bin_iterate_all_by_element_factory_name (
      GST_BIN (pipeline), "sipcallbin");
  GValue item = G_VALUE_INIT;
  GstElement *bin = NULL;

  if (gst_iterator_next (it, &item) == GST_ITERATOR_OK) {
    bin = g_value_dup_object (&item);
    g_value_unset (&item);
  }
  gst_iterator_free (it);
  fail_unless (bin != NULL);
  return bin;
}

/* an endpoint from a launch line: its sipcallbin counts what it gives */
static void
endpoint_from_line (Endpoint *ep, const gchar *name, const gchar *line)
{
  GError *error = NULL;

  ep->name = name;
  g_mutex_init (&ep->lock);
  ep->states = g_ptr_array_new ();
  ep->dtmf = g_string_new (NULL);
  ep->pipeline = gst_parse_launch (line, &error);
  fail_unless (
      ep->pipeline != NULL, "%s: %s", line, error ? error->message : "");
  fail_if (error != NULL, "%s: %s", line, error ? error->message : "");
  ep->bin = find_call_bin (ep->pipeline);
  gst_object_unref (ep->bin); /* the pipeline holds it */
  g_signal_connect (ep->bin, "pad-added", G_CALLBACK (count_pad_added), ep);
  ep->bus = gst_element_get_bus (ep->pipeline);
}

GST_START_TEST (test_doc_launch_lines)
{
  GPtrArray *lines = doc_launch_lines ();
  guint i;

  /* the first line is the callee, the others call it */
  fail_unless (lines->len >= 3, "%u launch lines", lines->len);
  for (i = 1; i < lines->len; i++) {
    Call call = { 0 };
    guint port = free_udp_port ();
    gchar *callee = headless (g_ptr_array_index (lines, 0), port);
    gchar *caller = headless (g_ptr_array_index (lines, i), port);
    gboolean ret = FALSE;

    GST_INFO ("callee: %s", callee);
    GST_INFO ("caller: %s", caller);
    endpoint_from_line (&call.bob, "bob", callee);
    endpoint_from_line (&call.alice, "alice", caller);
    fail_unless (gst_element_set_state (call.bob.pipeline, GST_STATE_PLAYING) !=
        GST_STATE_CHANGE_FAILURE);
    fail_unless (gst_element_set_state (call.alice.pipeline,
                     GST_STATE_PLAYING) != GST_STATE_CHANGE_FAILURE);
    fail_unless (wait_for (&call, both_established, WAIT_MS), "%s", caller);
    fail_unless (wait_for (&call, media_both_ways, WAIT_MS),
        "%s: alice got %d audio, %d video; bob %d audio, %d video", caller,
        call.alice.audio.buffers, call.alice.video.buffers,
        call.bob.audio.buffers, call.bob.video.buffers);
    fail_if (call.alice.error, "%s: %s", caller, call.alice.error_text);
    fail_if (call.bob.error, "%s: %s", callee, call.bob.error_text);
    g_signal_emit_by_name (call.alice.bin, "hangup", &ret);
    fail_unless (wait_for (&call, both_ended, WAIT_MS));
    call_clear (&call);
    g_free (callee);
    g_free (caller);
  }
  g_ptr_array_unref (lines);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* payload formats: bandwidth-efficient AMR, H.264 packetization mode 0,
 * parameter sets in the SDP, key frame requests */

/* the a=fmtp value of payload type @pt in an m-line, or NULL */
static gchar *
sdp_media_fmtp (GstElement *bin, const gchar *property, guint index, guint pt)
{
  GstSDPMessage *sdp = NULL;
  gchar *prefix = g_strdup_printf ("%u ", pt), *ret = NULL;
  const GstSDPMedia *m;
  guint i;

  g_object_get (bin, property, &sdp, NULL);
  fail_unless (sdp != NULL);
  m = gst_sdp_message_get_media (sdp, index);
  for (i = 0; i < gst_sdp_media_attributes_len (m); i++) {
    const GstSDPAttribute *a = gst_sdp_media_get_attribute (m, i);

    if (g_strcmp0 (a->key, "fmtp") == 0 && a->value &&
        g_str_has_prefix (a->value, prefix))
      ret = g_strdup (a->value + strlen (prefix));
  }
  g_free (prefix);
  gst_sdp_message_free (sdp);
  return ret;
}

/* whether an element made by @factory is somewhere in @bin */
static gboolean
bin_has_factory (GstElement *bin, const gchar *factory)
{
  GstIterator *it = gst_bin_iterate_recurse (GST_BIN (bin));
  GValue item = G_VALUE_INIT;
  gboolean found = FALSE;

  while (!found && gst_iterator_next (it, &item) == GST_ITERATOR_OK) {
    GstElementFactory *f = gst_element_get_factory (g_value_get_object (&item));

    found = f && strcmp (GST_OBJECT_NAME (f), factory) == 0;
    g_value_reset (&item);
  }
  g_value_unset (&item);
  gst_iterator_free (it);
  return found;
}

static gboolean
audio_seconds_both_ways (Call *call)
{
  /* S16 mono at 8 kHz: two seconds */
  return call->alice.audio.bytes / 2 >= 16000 &&
      call->bob.audio.bytes / 2 >= 16000;
}

/* RFC 4867 bandwidth-efficient mode, which only sipamrbepay and
 * sipamrbedepay carry here: the offer has AMR without octet-align, both
 * sides decode two seconds of audio */
GST_START_TEST (test_amr_bandwidth_efficient)
{
  Call call = { 0 };
  gchar *codecs, *fmtp;

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  establish (&call, "AMR;octet-align=0");
  codecs = sdp_media_codecs (call.alice.bin, "local-description", 0);
  fail_unless_equals_string (codecs, "AMR telephone-event");
  g_free (codecs);
  fmtp = sdp_media_fmtp (call.bob.bin, "local-description", 0, 97);
  fail_unless (
      fmtp == NULL || strstr (fmtp, "octet-align=1") == NULL, "%s", fmtp);
  g_free (fmtp);

  fail_unless (wait_for (&call, audio_seconds_both_ways, WAIT_MS),
      "audio: alice got %" G_GINT64_FORMAT " bytes, bob %" G_GINT64_FORMAT,
      call.alice.audio.bytes, call.bob.audio.bytes);
  fail_unless (g_str_has_prefix (call.alice.audio.caps, "audio/x-raw"));
  fail_unless (g_str_has_prefix (call.bob.audio.caps, "audio/x-raw"));
  if (!gst_registry_check_feature_version (
          gst_registry_get (), "rtpamrpay2", 0, 0, 0)) {
    fail_unless (bin_has_factory (call.alice.bin, "sipamrbepay"));
    fail_unless (bin_has_factory (call.bob.bin, "sipamrbedepay"));
  }
  fail_if (call.alice.error || call.bob.error);
  hang_up (&call, &call.alice);
  call_clear (&call);
}

GST_END_TEST;

/* both AMR modes offered by default; the answer takes the offerer's */
GST_START_TEST (test_amr_both_modes_offered)
{
  Call call = { 0 };
  gchar *codecs, *fmtp;

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  g_object_set (call.bob.bin, "codecs", "AMR", NULL);
  g_object_set (call.alice.bin, "codecs", "AMR", NULL);
  establish (&call, NULL);
  codecs = sdp_media_codecs (call.alice.bin, "local-description", 0);
  fail_unless_equals_string (codecs, "AMR AMR telephone-event");
  g_free (codecs);
  fmtp = sdp_media_fmtp (call.alice.bin, "local-description", 0, 96);
  fail_unless (fmtp && strstr (fmtp, "octet-align=1"));
  g_free (fmtp);
  fail_unless (wait_for (&call, audio_both_ways, WAIT_MS));
  hang_up (&call, &call.alice);
  call_clear (&call);
}

GST_END_TEST;

typedef struct
{
  gint packets;
  gint bad; /* STAP, MTAP, FU */
  gint idr; /* NAL units of type 5 */
  guint8 last_bad;
  /* the most packets of one key frame: more than one when it was sliced */
  guint32 idr_timestamp;
  gint idr_packets, max_idr_packets;
} NalCount;

static GstPadProbeReturn
count_nal_types (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  NalCount *count = user_data;
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  guint type;

  if (!gst_rtp_buffer_map (
          GST_PAD_PROBE_INFO_BUFFER (info), GST_MAP_READ, &rtp))
    return GST_PAD_PROBE_OK;
  if (gst_rtp_buffer_get_payload_len (&rtp) > 0) {
    type = ((guint8 *) gst_rtp_buffer_get_payload (&rtp))[0] & 0x1f;
    g_atomic_int_inc (&count->packets);
    if (type == 5) {
      guint32 timestamp = gst_rtp_buffer_get_timestamp (&rtp);

      /* one writer: the streaming thread of the udpsink */
      if (count->idr == 0 || timestamp != count->idr_timestamp)
        count->idr_packets = 0;
      count->idr_timestamp = timestamp;
      count->idr_packets++;
      g_atomic_int_set (&count->max_idr_packets,
          MAX (count->max_idr_packets, count->idr_packets));
      g_atomic_int_inc (&count->idr);
    }
    if (type < 1 || type > 23) {
      count->last_bad = type;
      g_atomic_int_inc (&count->bad);
    }
  }
  gst_rtp_buffer_unmap (&rtp);
  return GST_PAD_PROBE_OK;
}

/* a probe on what the video udpsink of @ep sends */
static void
probe_video_rtp (Endpoint *ep, GstPadProbeCallback callback, gpointer data)
{
  GstElement *sink = gst_bin_get_by_name (GST_BIN (ep->bin), "video-rtp-sink");
  GstPad *pad;

  fail_unless (sink != NULL);
  pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, callback, data, NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);
}

static gboolean
video_both_ways (Call *call)
{
  return g_atomic_int_get (&call->alice.video.buffers) >= 30 &&
      g_atomic_int_get (&call->bob.video.buffers) >= 30;
}

/* RFC 6184 packetization mode 0: single NAL units only, at 640x480 where
 * a key frame does not fit in one packet: x264enc slices the pictures */
GST_START_TEST (test_h264_packetization_mode_0)
{
  Call call = { 0 };
  NalCount sent = { 0 };
  gchar *fmtp;

  endpoint_init (&call.alice, "alice", FALSE, TRUE, NULL,
      "videoscale ! capsfilter caps=video/x-raw,width=640,height=480");
  endpoint_init (&call.bob, "bob", FALSE, TRUE, NULL, NULL);
  establish (&call, "H264;packetization-mode=0");
  fmtp = sdp_media_fmtp (call.alice.bin, "local-description", 0, 102);
  fail_unless (fmtp && strstr (fmtp, "packetization-mode=0"), "%s", fmtp);
  g_free (fmtp);
  fmtp = sdp_media_fmtp (call.bob.bin, "local-description", 0, 102);
  fail_unless (fmtp && strstr (fmtp, "packetization-mode=0"), "%s", fmtp);
  g_free (fmtp);
  probe_video_rtp (&call.alice, count_nal_types, &sent);

  fail_unless (wait_for (&call, video_both_ways, WAIT_MS),
      "video: alice got %d, bob %d", call.alice.video.buffers,
      call.bob.video.buffers);
  fail_unless (g_str_has_prefix (call.bob.video.caps, "video/x-raw"));
  fail_unless (g_atomic_int_get (&sent.packets) > 30);
  fail_unless (g_atomic_int_get (&sent.idr) > 0);
  /* key frames larger than a packet went as several slices */
  fail_unless (g_atomic_int_get (&sent.max_idr_packets) > 1);
  fail_unless_equals_int (g_atomic_int_get (&sent.bad), 0);
  hang_up (&call, &call.alice);
  call_clear (&call);
}

GST_END_TEST;

typedef struct
{
  GPtrArray *buffers;
  GstElement *appsrc;
  GThread *thread;
  gint stop;
} Feeder;

/* loops over the encoded frames at 30 frames a second */
static gpointer
feed (gpointer data)
{
  Feeder *feeder = data;
  guint i = 0;

  while (!g_atomic_int_get (&feeder->stop)) {
    GstBuffer *buffer = gst_buffer_copy (
        g_ptr_array_index (feeder->buffers, i % feeder->buffers->len));

    GST_BUFFER_PTS (buffer) = GST_BUFFER_DTS (buffer) = GST_CLOCK_TIME_NONE;
    if (gst_app_src_push_buffer (GST_APP_SRC (feeder->appsrc), buffer) !=
        GST_FLOW_OK)
      break;
    i++;
    g_usleep (33 * 1000);
  }
  return NULL;
}

/* H.264 in the avc format made by x264enc beforehand: its caps with the
 * codec_data and its frames */
static GstCaps *
encode_h264 (GPtrArray *frames)
{
  GstElement *pipeline, *sink;
  GError *error = NULL;
  GstSample *sample;
  GstCaps *caps = NULL;

  pipeline = gst_parse_launch (
      "videotestsrc num-buffers=30 ! video/x-raw,width=320,height=240,"
      "framerate=30/1 ! x264enc tune=zerolatency speed-preset=ultrafast "
      "key-int-max=10 ! h264parse ! video/x-h264,stream-format=avc,"
      "alignment=au,profile=constrained-baseline ! appsink name=sink "
      "sync=false",
      &error);
  fail_unless (pipeline != NULL, "%s", error ? error->message : "");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  fail_if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  while ((sample = gst_app_sink_try_pull_sample (
              GST_APP_SINK (sink), 10 * GST_SECOND))) {
    if (!caps)
      caps = gst_caps_ref (gst_sample_get_caps (sample));
    g_ptr_array_add (frames, gst_buffer_ref (gst_sample_get_buffer (sample)));
    gst_sample_unref (sample);
  }
  fail_unless (caps != NULL);
  fail_unless_equals_int (frames->len, 30);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  return caps;
}

/* an encoded input with codec_data: its parameter sets and profile are in
 * the offer (RFC 6184 section 8.1), the peer decodes */
GST_START_TEST (test_h264_sprop_parameter_sets)
{
  Call call = { 0 };
  Feeder feeder = { 0 };
  GstElement *filter;
  const GValue *value;
  GstMapInfo map;
  GstCaps *caps;
  gchar *fmtp, *sps, *expected;

  feeder.buffers =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_buffer_unref);
  caps = encode_h264 (feeder.buffers);
  value =
      gst_structure_get_value (gst_caps_get_structure (caps, 0), "codec_data");
  fail_unless (value != NULL);
  /* avcC: the first SPS from octet 8, its length in octets 6-7 */
  gst_buffer_map (gst_value_get_buffer (value), &map, GST_MAP_READ);
  sps = g_base64_encode (map.data + 8, map.data[6] << 8 | map.data[7]);
  expected = g_strdup_printf (
      "profile-level-id=%02x%02x%02x", map.data[1], map.data[2], map.data[3]);
  gst_buffer_unmap (gst_value_get_buffer (value), &map);

  endpoint_init (&call.alice, "alice", FALSE, FALSE, NULL, NULL);
  feeder.appsrc = gst_element_factory_make ("appsrc", NULL);
  g_object_set (feeder.appsrc, "caps", caps, "is-live", TRUE, "format",
      GST_FORMAT_TIME, "do-timestamp", TRUE, NULL);
  filter = gst_element_factory_make ("capsfilter", NULL);
  /* what the offer reads: an appsrc answers caps queries with ANY */
  g_object_set (filter, "caps", caps, NULL);
  gst_bin_add_many (GST_BIN (call.alice.pipeline), feeder.appsrc, filter, NULL);
  fail_unless (gst_element_link (feeder.appsrc, filter));
  fail_unless (
      gst_element_link_pads (filter, "src", call.alice.bin, "video_sink"));
  endpoint_init (&call.bob, "bob", FALSE, TRUE, NULL, NULL);
  establish (&call, NULL);
  feeder.thread = g_thread_new ("feeder", feed, &feeder);

  fmtp = sdp_media_fmtp (call.alice.bin, "local-description", 0, 98);
  fail_unless (fmtp != NULL);
  fail_unless (strstr (fmtp, "sprop-parameter-sets=") != NULL, "%s", fmtp);
  fail_unless (strstr (fmtp, sps) != NULL, "%s lacks %s", fmtp, sps);
  fail_unless (strstr (fmtp, expected) != NULL, "%s lacks %s", fmtp, expected);
  g_free (fmtp);
  /* bob got them in the offer, for his depayloader */
  fmtp = sdp_media_fmtp (call.bob.bin, "remote-description", 0, 98);
  fail_unless (fmtp && strstr (fmtp, sps) != NULL, "%s", fmtp);
  g_free (fmtp);

  fail_unless (wait_for (&call, video_both_ways, WAIT_MS),
      "video: alice got %d, bob %d", call.alice.video.buffers,
      call.bob.video.buffers);
  fail_unless (g_str_has_prefix (call.bob.video.caps, "video/x-raw"));
  g_atomic_int_set (&feeder.stop, 1);
  g_thread_join (feeder.thread);
  hang_up (&call, &call.alice);
  call_clear (&call);
  g_ptr_array_unref (feeder.buffers);
  gst_caps_unref (caps);
  g_free (sps);
  g_free (expected);
}

GST_END_TEST;

typedef struct
{
  gint keyframes; /* of the sender's encoder */
  gint pli, fir; /* in the receiver's RTCP */
} KeyFrames;

static GstPadProbeReturn
count_keyframes (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  KeyFrames *count = user_data;

  if (!GST_BUFFER_FLAG_IS_SET (
          GST_PAD_PROBE_INFO_BUFFER (info), GST_BUFFER_FLAG_DELTA_UNIT))
    g_atomic_int_inc (&count->keyframes);
  return GST_PAD_PROBE_OK;
}

/* PLI (RFC 4585 6.3.1) and FIR (RFC 5104 4.3.1) in compound RTCP */
static GstPadProbeReturn
count_key_requests (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  KeyFrames *count = user_data;
  GstRTCPBuffer rtcp = GST_RTCP_BUFFER_INIT;
  GstRTCPPacket packet;
  gboolean more;

  if (!gst_rtcp_buffer_map (
          GST_PAD_PROBE_INFO_BUFFER (info), GST_MAP_READ, &rtcp))
    return GST_PAD_PROBE_OK;
  for (more = gst_rtcp_buffer_get_first_packet (&rtcp, &packet); more;
       more = gst_rtcp_packet_move_to_next (&packet)) {
    if (gst_rtcp_packet_get_type (&packet) != GST_RTCP_TYPE_PSFB)
      continue;
    if (gst_rtcp_packet_fb_get_type (&packet) == GST_RTCP_PSFB_TYPE_PLI)
      g_atomic_int_inc (&count->pli);
    else if (gst_rtcp_packet_fb_get_type (&packet) == GST_RTCP_PSFB_TYPE_FIR)
      g_atomic_int_inc (&count->fir);
  }
  gst_rtcp_buffer_unmap (&rtcp);
  return GST_PAD_PROBE_OK;
}

static KeyFrames *key_frames;
static gint key_frames_before, key_requests_before;

static gint
key_requests (void)
{
  return g_atomic_int_get (&key_frames->pli) +
      g_atomic_int_get (&key_frames->fir);
}

/* the PLI and FIR the sessions of @ep sent, from their source statistics:
 * those of the start of the stream may leave before a pad probe can be
 * put on the RTCP path */
static guint
sent_key_requests (Endpoint *ep)
{
  GstElement *rtpbin = gst_bin_get_by_name (GST_BIN (ep->bin), "rtpbin");
  guint id, i, sent = 0;

  fail_unless (rtpbin != NULL);
  for (id = 0; id < 2; id++) {
    GObject *session = NULL;
    GstStructure *stats = NULL;
    const GValue *sources;

    g_signal_emit_by_name (rtpbin, "get-internal-session", id, &session);
    if (!session)
      continue;
    g_object_get (session, "stats", &stats, NULL);
    sources = gst_structure_get_value (stats, "source-stats");
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    {
      GValueArray *array = g_value_get_boxed (sources);

      for (i = 0; array && i < array->n_values; i++) {
        const GstStructure *source =
            gst_value_get_structure (&array->values[i]);
        guint pli = 0, fir = 0;

        gst_structure_get_uint (source, "sent-pli-count", &pli);
        gst_structure_get_uint (source, "sent-fir-count", &fir);
        sent += pli + fir;
      }
    }
    G_GNUC_END_IGNORE_DEPRECATIONS
    gst_structure_free (stats);
    g_object_unref (session);
  }
  gst_object_unref (rtpbin);
  return sent;
}

static gboolean
bob_asked_at_start (Call *call)
{
  return g_atomic_int_get (&call->bob.video.buffers) >= 30 &&
      sent_key_requests (&call->bob) > 0;
}

static gboolean
new_key_frame (Call *call)
{
  return g_atomic_int_get (&key_frames->keyframes) > key_frames_before &&
      key_requests () > key_requests_before;
}

/* the RTP profile of the video session of @ep */
static GstRTPProfile
video_rtp_profile (Endpoint *ep)
{
  GstElement *rtpbin = gst_bin_get_by_name (GST_BIN (ep->bin), "rtpbin");
  GstRTPProfile profile = GST_RTP_PROFILE_UNKNOWN;
  GObject *session = NULL;
  guint id;

  fail_unless (rtpbin != NULL);
  /* a video-only call: its one session */
  for (id = 0; id < 2 && !session; id++)
    g_signal_emit_by_name (rtpbin, "get-internal-session", id, &session);
  fail_unless (session != NULL);
  g_object_get (session, "rtp-profile", &profile, NULL);
  g_object_unref (session);
  gst_object_unref (rtpbin);
  return profile;
}

/* asks for a key frame the way a decoder does: upstream from the bin's
 * video source pad */
static void
request_key_frame (Endpoint *ep)
{
  GstIterator *it = gst_element_iterate_src_pads (ep->bin);
  GValue item = G_VALUE_INIT;
  gboolean sent = FALSE;

  while (!sent && gst_iterator_next (it, &item) == GST_ITERATOR_OK) {
    GstPad *pad = g_value_get_object (&item);

    if (g_str_has_prefix (GST_PAD_NAME (pad), "video_src_"))
      sent = gst_pad_send_event (pad,
          gst_video_event_new_upstream_force_key_unit (
              GST_CLOCK_TIME_NONE, TRUE, 0));
    g_value_reset (&item);
  }
  g_value_unset (&item);
  gst_iterator_free (it);
  fail_unless (sent);
}

/* RFC 4585/5104 key frame requests: offered and answered with a=rtcp-fb,
 * the sessions in AVPF; the receiver asks at the start of the stream and
 * when its decoder asks, the sender's encoder (outside the bin, key frames
 * otherwise only every 100000 frames) makes a new one within a second */
GST_START_TEST (test_key_frame_requests)
{
  Call call = { 0 };
  KeyFrames count = { 0 };
  GstElement *enc, *rtcp_sink;
  GstPad *pad;

  endpoint_init (&call.alice, "alice", FALSE, TRUE, NULL,
      "x264enc name=aliceenc tune=zerolatency speed-preset=ultrafast "
      "key-int-max=100000 ! capsfilter "
      "caps=video/x-h264,profile=constrained-baseline");
  endpoint_init (&call.bob, "bob", FALSE, TRUE, NULL, NULL);
  key_frames = &count;
  enc = gst_bin_get_by_name (GST_BIN (call.alice.pipeline), "aliceenc");
  fail_unless (enc != NULL);
  pad = gst_element_get_static_pad (enc, "src");
  gst_pad_add_probe (
      pad, GST_PAD_PROBE_TYPE_BUFFER, count_keyframes, &count, NULL);
  gst_object_unref (pad);
  gst_object_unref (enc);

  establish (&call, NULL);
  fail_unless (
      sdp_media_has (call.alice.bin, "local-description", 0, "rtcp-fb"));
  fail_unless (sdp_media_has (call.bob.bin, "local-description", 0, "rtcp-fb"));
  fail_unless_equals_int (
      video_rtp_profile (&call.alice), GST_RTP_PROFILE_AVPF);
  fail_unless_equals_int (video_rtp_profile (&call.bob), GST_RTP_PROFILE_AVPF);
  rtcp_sink = gst_bin_get_by_name (GST_BIN (call.bob.bin), "video-rtcp-sink");
  fail_unless (rtcp_sink != NULL);
  pad = gst_element_get_static_pad (rtcp_sink, "sink");
  gst_pad_add_probe (
      pad, GST_PAD_PROBE_TYPE_BUFFER, count_key_requests, &count, NULL);
  gst_object_unref (pad);
  gst_object_unref (rtcp_sink);

  fail_unless (wait_for (&call, bob_asked_at_start, WAIT_MS),
      "bob decoded %d frames, sent %u PLI or FIR", call.bob.video.buffers,
      sent_key_requests (&call.bob));
  /* the requests of the start are answered */
  run_for (&call, 500);
  key_frames_before = g_atomic_int_get (&count.keyframes);
  key_requests_before = key_requests ();
  fail_unless (key_frames_before >= 1);

  request_key_frame (&call.bob);
  fail_unless (wait_for (&call, new_key_frame, 2000),
      "key frames %d -> %d, requests %d -> %d", key_frames_before,
      count.keyframes, key_requests_before, key_requests ());
  fail_if (call.alice.error || call.bob.error);
  hang_up (&call, &call.alice);
  call_clear (&call);
  key_frames = NULL;
}

GST_END_TEST;

/* runs last: it takes an encoder out of the registry of the process */
GST_START_TEST (test_missing_encoder)
{
  Call call = { 0 };
  GstPluginFeature *feature;

  feature = gst_registry_lookup_feature (gst_registry_get (), "avenc_h263");
  fail_unless (feature != NULL);
  gst_registry_remove_feature (gst_registry_get (), feature);
  gst_object_unref (feature);

  endpoint_init (&call.alice, "alice", FALSE, TRUE, NULL, NULL);
  endpoint_init (&call.bob, "bob", FALSE, TRUE, NULL, NULL);
  establish (&call, "H263,H264");
  fail_unless (call.alice.missing_plugin);
  fail_unless (call.alice.missing_reason != NULL);
  fail_unless (strstr (call.alice.missing_reason, "H263") != NULL &&
          strstr (call.alice.missing_reason, "avenc_h263") != NULL,
      "%s", call.alice.missing_reason);
  /* H.264 instead, in packetization modes 1 and 0 */
  {
    gchar *codecs = sdp_media_codecs (call.alice.bin, "local-description", 0);

    fail_unless_equals_string (codecs, "H264 H264");
    g_free (codecs);
  }
  hang_up (&call, &call.alice);
  call_clear (&call);
}

GST_END_TEST;

static Suite *
sipcallbin_suite (void)
{
  Suite *s = suite_create ("sipcallbin");
  TCase *tc = tcase_create ("loopback");

  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_pcmu_h264);
  tcase_add_test (tc, test_pcma_h264_callee_hangs_up);
  tcase_add_test (tc, test_default_codecs);
  tcase_add_test (tc, test_h263_pcmu);
  tcase_add_test (tc, test_h263_1998_pcma);
  tcase_add_test (tc, test_mp4v_amr);
  tcase_add_test (tc, test_h264_amr);
  tcase_add_test (tc, test_reject);
  tcase_add_test (tc, test_unreachable);
  tcase_add_test (tc, test_hold_resume);
  tcase_add_test (tc, test_dtmf);
  tcase_add_test (tc, test_encoded_input);
  tcase_add_test (tc, test_decode_off);
  tcase_add_test (tc, test_no_common_codec);
  tcase_add_test (tc, test_injected_rtp_dropped);
  tcase_add_test (tc, test_media_timeout);
  tcase_add_test (tc, test_uri_handler);
  tcase_add_test (tc, test_dial_and_answer_actions);
  tcase_add_test (tc, test_app_call);
  tcase_add_test (tc, test_doc_launch_lines);
  tcase_add_test (tc, test_amr_bandwidth_efficient);
  tcase_add_test (tc, test_amr_both_modes_offered);
  tcase_add_test (tc, test_h264_packetization_mode_0);
  tcase_add_test (tc, test_h264_sprop_parameter_sets);
  tcase_add_test (tc, test_key_frame_requests);
  tcase_add_test (tc, test_missing_encoder);
  return s;
}

GST_CHECK_MAIN (sipcallbin);
