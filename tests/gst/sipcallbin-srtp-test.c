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

/* SRTP (SDES, RFC 4568) between two sipcallbins on loopback: media both
 * ways, mismatched modes, packets injected from the peer's own socket, and
 * keys kept or renewed on re-INVITE. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <gst/check/gstcheck.h>
#include <gst/pbutils/pbutils.h>
#include <gst/rtp/rtp.h>
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

/* ---------------------------------------------------------------------- */

static gboolean
audio_both_ways (Call *call)
{
  return g_atomic_int_get (&call->alice.audio.buffers) >= 25 &&
      g_atomic_int_get (&call->bob.audio.buffers) >= 25;
}

/* the RTP port of bob's audio, from alice's remote description */
static guint
sdp_media_port_of (GstElement *bin)
{
  GstSDPMessage *sdp = NULL;
  guint port;

  g_object_get (bin, "remote-description", &sdp, NULL);
  fail_unless (sdp != NULL);
  port = gst_sdp_media_get_port (gst_sdp_message_get_media (sdp, 0));
  gst_sdp_message_free (sdp);
  return port;
}

static void
set_srtp (Call *call, const gchar *alice, const gchar *bob)
{
  gst_util_set_object_arg (G_OBJECT (call->alice.bin), "srtp", alice);
  gst_util_set_object_arg (G_OBJECT (call->bob.bin), "srtp", bob);
}

/* the a=crypto lines of m-line @index of a description of @bin, joined */
static gchar *
sdp_crypto (
    GstElement *bin, const gchar *property, guint index, const gchar **proto)
{
  GstSDPMessage *sdp = NULL;
  const GstSDPMedia *m;
  GString *s = g_string_new (NULL);
  guint i;

  g_object_get (bin, property, &sdp, NULL);
  fail_unless (sdp != NULL);
  m = gst_sdp_message_get_media (sdp, index);
  fail_unless (m != NULL);
  if (proto)
    *proto = g_intern_string (gst_sdp_media_get_proto (m));
  for (i = 0; i < gst_sdp_media_attributes_len (m); i++) {
    const GstSDPAttribute *a = gst_sdp_media_get_attribute (m, i);

    if (g_strcmp0 (a->key, "crypto") == 0)
      g_string_append_printf (s, "%s\n", a->value);
  }
  gst_sdp_message_free (sdp);
  return g_string_free (s, FALSE);
}

/* the stats of @media of @bin */
static GstStructure *
media_stats (GstElement *bin, const gchar *media)
{
  GstStructure *stats = NULL, *out = NULL;

  g_signal_emit_by_name (bin, "get-stats", &stats);
  fail_unless (stats != NULL);
  fail_unless (
      gst_structure_get (stats, media, GST_TYPE_STRUCTURE, &out, NULL));
  gst_structure_free (stats);
  return out;
}

static guint64
srtpdec_stat (GstElement *bin, const gchar *media, const gchar *field)
{
  gchar *name = g_strdup_printf ("srtpdec_%s", media);
  GstElement *dec = gst_bin_get_by_name (GST_BIN (bin), name);
  GstStructure *stats = NULL;
  GValue v = G_VALUE_INIT;
  guint64 result;

  fail_unless (dec != NULL, "no %s", name);
  g_free (name);
  g_object_get (dec, "stats", &stats, NULL);
  fail_unless (stats != NULL);
  g_value_init (&v, G_TYPE_UINT64);
  fail_unless (g_value_transform (gst_structure_get_value (stats, field), &v));
  result = g_value_get_uint64 (&v);
  gst_structure_free (stats);
  gst_object_unref (dec);
  return result;
}

GST_START_TEST (test_srtp_call)
{
  Call call = { 0 };
  const gchar *proto = NULL;
  GstStructure *stats;
  gchar *crypto, *text, **lines, **f;
  const gchar *media[2] = { "audio", "video" };
  guint i;

  endpoint_init (&call.alice, "alice", TRUE, TRUE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, TRUE, NULL, NULL);
  set_srtp (&call, "mandatory", "mandatory");
  start_call (&call, "PCMU,H264");
  fail_unless (wait_for (&call, both_established, WAIT_MS),
      "not established: alice %d, bob %d", call.alice.state, call.bob.state);
  fail_unless (wait_for (&call, media_both_ways, WAIT_MS),
      "media: alice got %d audio, %d video; bob %d audio, %d video",
      call.alice.audio.buffers, call.alice.video.buffers,
      call.bob.audio.buffers, call.bob.video.buffers);
  fail_unless (g_str_has_prefix (call.alice.audio.caps, "audio/x-raw"));
  fail_unless (g_str_has_prefix (call.bob.video.caps, "video/x-raw"));
  fail_if (call.alice.error || call.bob.error);

  for (i = 0; i < 2; i++) {
    /* alice offered every suite on RTP/SAVP, bob answered the first */
    crypto = sdp_crypto (call.alice.bin, "local-description", i, &proto);
    fail_unless_equals_string (proto, "RTP/SAVP");
    lines = g_strsplit (crypto, "\n", -1);
    fail_unless_equals_int (g_strv_length (lines), 7);
    g_strfreev (lines);
    g_free (crypto);
    crypto = sdp_crypto (call.bob.bin, "local-description", i, &proto);
    fail_unless_equals_string (proto, "RTP/SAVP");
    fail_unless (
        g_str_has_prefix (crypto, "1 AES_CM_128_HMAC_SHA1_80 inline:"));

    /* the stats tell the suite, never the key */
    stats = media_stats (call.bob.bin, media[i]);
    fail_unless_equals_string (gst_structure_get_string (stats, "srtp-suite"),
        "AES_CM_128_HMAC_SHA1_80");
    text = gst_structure_to_string (stats);
    f = g_strsplit_set (crypto, ":|\n", -1);
    fail_unless (g_strv_length (f) >= 2);
    fail_if (strstr (text, f[1]) != NULL);
    g_strfreev (f);
    g_free (text);
    g_free (crypto);
    gst_structure_free (stats);
    fail_unless (srtpdec_stat (call.bob.bin, media[i], "recv-count") > 0);
  }

  hang_up (&call, &call.alice);
  call_clear (&call);
}

GST_END_TEST;

/* @alice and @bob modes: the call fails with a 488 */
static void
run_mismatch (const gchar *alice, const gchar *bob)
{
  Call call = { 0 };

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  set_srtp (&call, alice, bob);
  start_call (&call, "PCMU");
  fail_unless (wait_for (&call, both_ended, WAIT_MS), "alice %d, bob %d",
      call.alice.state, call.bob.state);
  fail_unless_equals_int (call.alice.status, 488);
  fail_if (saw_state (&call.alice, GST_SIP_CALL_STATE_ESTABLISHED));
  call_clear (&call);
}

/* @alice and @bob modes: a call with audio both ways, SRTP or not */
static void
run_compatible (
    const gchar *alice, const gchar *bob, const gchar *proto, gboolean srtp)
{
  Call call = { 0 };
  const gchar *p = NULL;
  GstStructure *stats;
  gchar *crypto;

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  set_srtp (&call, alice, bob);
  start_call (&call, "PCMU");
  fail_unless (wait_for (&call, both_established, WAIT_MS));
  fail_unless (wait_for (&call, audio_both_ways, WAIT_MS));
  crypto = sdp_crypto (call.bob.bin, "local-description", 0, &p);
  fail_unless_equals_string (p, proto);
  fail_unless_equals_int (*crypto != '\0', srtp);
  g_free (crypto);
  stats = media_stats (call.alice.bin, "audio");
  fail_unless_equals_int (gst_structure_has_field (stats, "srtp-suite"), srtp);
  gst_structure_free (stats);
  hang_up (&call, &call.bob);
  call_clear (&call);
}

GST_START_TEST (test_srtp_modes)
{
  run_mismatch ("mandatory", "disabled");
  run_mismatch ("disabled", "mandatory");
  run_compatible ("optional", "disabled", "RTP/AVP", FALSE);
  run_compatible ("disabled", "optional", "RTP/AVP", FALSE);
  run_compatible ("optional", "mandatory", "RTP/AVP", TRUE);
  run_compatible ("optional", "optional", "RTP/AVP", TRUE);
  run_compatible ("mandatory", "optional", "RTP/SAVP", TRUE);
}

GST_END_TEST;

/* injection: what alice's RTP socket last sent, and what reaches bob's
 * srtpdec */
typedef struct
{
  GMutex lock;
  GBytes *last_sent;
  guint16 bad_seq[2]; /* the range of the tampered sequence numbers */
  gint tampered_in, tampered_out, plain_in, plain_out;
} Injection;

static GstPadProbeReturn
capture_sent (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Injection *inj = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstMapInfo map;

  if (gst_buffer_map (buffer, &map, GST_MAP_READ)) {
    g_mutex_lock (&inj->lock);
    if (inj->last_sent)
      g_bytes_unref (inj->last_sent);
    inj->last_sent = g_bytes_new (map.data, map.size);
    g_mutex_unlock (&inj->lock);
    gst_buffer_unmap (buffer, &map);
  }
  return GST_PAD_PROBE_OK;
}

/* counts the injected packets on a pad of bob's srtpdec: @user_data is
 * the Injection, the pad's direction tells in or out */
static GstPadProbeReturn
count_injected (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Injection *inj = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  gboolean in = GST_PAD_IS_SINK (pad);
  GstMapInfo map;
  guint16 seq;
  guint32 ssrc;

  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_PAD_PROBE_OK;
  if (map.size >= 12) {
    seq = GST_READ_UINT16_BE (map.data + 2);
    ssrc = GST_READ_UINT32_BE (map.data + 8);
    g_mutex_lock (&inj->lock);
    if (ssrc == 0xdeadbeef)
      g_atomic_int_inc (in ? &inj->plain_in : &inj->plain_out);
    else if ((guint16) (seq - inj->bad_seq[0]) <
        (guint16) (inj->bad_seq[1] - inj->bad_seq[0]))
      g_atomic_int_inc (in ? &inj->tampered_in : &inj->tampered_out);
    g_mutex_unlock (&inj->lock);
  }
  gst_buffer_unmap (buffer, &map);
  return GST_PAD_PROBE_OK;
}

static void
probe_pad (GstElement *element, const gchar *name, GstPadProbeCallback func,
    gpointer data)
{
  GstPad *pad = gst_element_get_static_pad (element, name);

  fail_unless (pad != NULL, "no pad %s", name);
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, func, data, NULL);
  gst_object_unref (pad);
}

static void
run_for (Call *call, guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end) {
    poll_bus (&call->alice);
    poll_bus (&call->bob);
    g_usleep (10 * 1000);
  }
}

GST_START_TEST (test_srtp_injection)
{
  Call call = { 0 };
  Injection inj;
  GstElement *sink, *dec;
  GSocket *socket = NULL;
  GSocketAddress *target;
  GInetAddress *loopback;
  guint8 packet[12 + 160];
  guint16 first_seq;
  guint64 drops_before;
  gint audio_before;
  GBytes *captured;
  gsize size;
  guint port, i;

  memset (&inj, 0, sizeof (inj));
  g_mutex_init (&inj.lock);
  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  set_srtp (&call, "mandatory", "mandatory");
  start_call (&call, "PCMU");
  fail_unless (wait_for (&call, both_established, WAIT_MS));
  fail_unless (wait_for (&call, audio_both_ways, WAIT_MS));

  /* alice's RTP socket: the injected packets come from the negotiated
   * peer address, so that only SRTP can tell them apart */
  sink = gst_bin_get_by_name (GST_BIN (call.alice.bin), "audio-rtp-sink");
  fail_unless (sink != NULL);
  g_object_get (sink, "socket", &socket, NULL);
  fail_unless (socket != NULL);
  probe_pad (sink, "sink", capture_sent, &inj);
  dec = gst_bin_get_by_name (GST_BIN (call.bob.bin), "srtpdec_audio");
  fail_unless (dec != NULL);
  probe_pad (dec, "rtp_sink", count_injected, &inj);
  probe_pad (dec, "rtp_src", count_injected, &inj);
  run_for (&call, 200);

  g_mutex_lock (&inj.lock);
  captured = g_bytes_ref (inj.last_sent);
  first_seq = GST_READ_UINT16_BE (
                  (const guint8 *) g_bytes_get_data (captured, NULL) + 2) +
      20000;
  inj.bad_seq[0] = first_seq;
  inj.bad_seq[1] = first_seq + 50;
  g_mutex_unlock (&inj.lock);

  port = sdp_media_port_of (call.alice.bin);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  target = g_inet_socket_address_new (loopback, port);
  drops_before = srtpdec_stat (call.bob.bin, "audio", "recv-drop-count");
  audio_before = g_atomic_int_get (&call.bob.audio.buffers);

  for (i = 0; i < 50; i++) {
    guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (captured), &size);

    /* a captured SRTP packet, another sequence number, a payload byte
     * flipped: the authentication fails */
    GST_WRITE_UINT16_BE (copy + 2, first_seq + i);
    copy[20] ^= 0x5a;
    fail_unless (g_socket_send_to (socket, target, (gchar *) copy, size, NULL,
                     NULL) == (gssize) size);
    g_free (copy);

    /* plain RTP of another SSRC */
    memset (packet, 0xff, sizeof (packet));
    packet[0] = 0x80;
    packet[1] = 0;
    GST_WRITE_UINT16_BE (packet + 2, i);
    GST_WRITE_UINT32_BE (packet + 4, i * 160);
    GST_WRITE_UINT32_BE (packet + 8, 0xdeadbeef);
    fail_unless (g_socket_send_to (socket, target, (gchar *) packet,
                     sizeof (packet), NULL, NULL) == sizeof (packet));
    g_usleep (2000);
  }
  run_for (&call, 500);

  /* they reached srtpdec, which dropped them all, and the call goes on */
  fail_unless_equals_int (g_atomic_int_get (&inj.tampered_in), 50);
  fail_unless_equals_int (g_atomic_int_get (&inj.plain_in), 50);
  fail_unless_equals_int (g_atomic_int_get (&inj.tampered_out), 0);
  fail_unless_equals_int (g_atomic_int_get (&inj.plain_out), 0);
  fail_unless (srtpdec_stat (call.bob.bin, "audio", "recv-drop-count") >=
      drops_before + 100);
  fail_unless (g_atomic_int_get (&call.bob.audio.buffers) > audio_before + 10);
  fail_unless_equals_int (g_atomic_int_get (&call.bob.src_pads), 1);

  g_bytes_unref (captured);
  g_object_unref (target);
  g_object_unref (loopback);
  g_object_unref (socket);
  gst_object_unref (sink);
  gst_object_unref (dec);
  hang_up (&call, &call.alice);
  call_clear (&call);
  g_clear_pointer (&inj.last_sent, g_bytes_unref);
  g_mutex_clear (&inj.lock);
}

GST_END_TEST;

static gboolean hold_expected;

static gboolean
sdp_has (GstElement *bin, const gchar *property, const gchar *key)
{
  GstSDPMessage *sdp = NULL;
  gboolean found;

  g_object_get (bin, property, &sdp, NULL);
  if (!sdp)
    return FALSE;
  found = gst_sdp_media_get_attribute_val (
              gst_sdp_message_get_media (sdp, 0), key) != NULL;
  gst_sdp_message_free (sdp);
  return found;
}

static gboolean
hold_settled (Call *call)
{
  return hold_expected ==
      sdp_has (call->alice.bin, "local-description", "sendonly") &&
      hold_expected == sdp_has (call->bob.bin, "local-description", "recvonly");
}

static gint alice_key_requests;
static GstElement *alice_dec;
static GstSipCall *bob_sip_call;
static gint bob_renewed;

/* the key requests of alice's srtpdec: one per SSRC, and again after each
 * clear-keys */
static gboolean
count_key_request (GSignalInvocationHint *hint, guint n_params,
    const GValue *params, gpointer user_data)
{
  if (g_value_get_object (&params[0]) == (gpointer) alice_dec)
    g_atomic_int_inc (&alice_key_requests);
  return TRUE;
}

/* bob's GstSipCall, from his user agent's incoming-call (signalling
 * thread) */
static gboolean
keep_incoming_call (GSignalInvocationHint *hint, guint n_params,
    const GValue *params, gpointer user_data)
{
  GstSipCall *sip_call = g_value_get_object (&params[1]);

  if (!g_atomic_pointer_get (&bob_sip_call))
    g_atomic_pointer_set (&bob_sip_call, g_object_ref (sip_call));
  return TRUE;
}

/* on bob's signalling thread */
static gboolean
renew_bob_keys (gpointer user_data)
{
  gst_sip_sdp_negotiator_renew_keys (
      gst_sip_call_get_negotiator (bob_sip_call));
  g_atomic_int_set (&bob_renewed, 1);
  return G_SOURCE_REMOVE;
}

/* the current key of an srtpenc: a new buffer whenever it is set */
static GstBuffer *
encoder_key (GstElement *enc)
{
  GstBuffer *key = NULL;

  g_object_get (enc, "key", &key, NULL);
  fail_unless (key != NULL);
  return key;
}

/* the a=crypto lines of the exchange: bob's, and alice's with its tag */
static void
exchange_lines (Call *call, gchar **alice_line, gchar **bob_line)
{
  gchar *alice = sdp_crypto (call->alice.bin, "local-description", 0, NULL);
  gchar *bob = sdp_crypto (call->bob.bin, "local-description", 0, NULL);
  gchar **lines = g_strsplit (alice, "\n", -1), **l;
  gchar *tag;

  fail_unless (strchr (bob, ' ') != NULL);
  tag = g_strndup (bob, strchr (bob, ' ') - bob + 1);
  *alice_line = NULL;
  for (l = lines; *l; l++) {
    if (g_str_has_prefix (*l, tag))
      *alice_line = g_strdup (*l);
  }
  fail_unless (*alice_line != NULL);
  *bob_line = bob;
  g_strfreev (lines);
  g_free (tag);
  g_free (alice);
}

/* re-INVITEs keep the keys (RFC 4568 7.1.4) and srtpenc and srtpdec keep
 * theirs; new keys asked for with gst_sip_sdp_negotiator_renew_keys() reach
 * the elements */
GST_START_TEST (test_srtp_rekey)
{
  static const struct
  {
    gboolean hold, renew;
  } rounds[] = {
    { FALSE, FALSE }, /* the call */
    { TRUE, FALSE }, { FALSE, FALSE }, { TRUE, FALSE },
    { FALSE, TRUE }, /* resumed with new keys */
  };
  Call call = { 0 };
  GstElement *enc_before, *dec_before, *enc_after, *dec_after, *bob_enc;
  GstBuffer *alice_key, *bob_key, *key;
  gchar *lines[G_N_ELEMENTS (rounds)][2];
  GstSipUserAgent *bob_ua = NULL;
  gint before, requests;
  gboolean ret = FALSE;
  guint round, hook, signal_id, call_hook, call_signal_id;

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  set_srtp (&call, "mandatory", "mandatory");
  g_type_class_unref (g_type_class_ref (GST_TYPE_SIP_USER_AGENT));
  call_signal_id = g_signal_lookup ("incoming-call", GST_TYPE_SIP_USER_AGENT);
  call_hook = g_signal_add_emission_hook (
      call_signal_id, 0, keep_incoming_call, NULL, NULL);
  start_call (&call, "PCMU");
  fail_unless (wait_for (&call, both_established, WAIT_MS));
  fail_unless (wait_for (&call, audio_both_ways, WAIT_MS));
  g_signal_remove_emission_hook (call_signal_id, call_hook);
  fail_unless (g_atomic_pointer_get (&bob_sip_call) != NULL);
  g_object_get (call.bob.bin, "user-agent", &bob_ua, NULL);
  fail_unless (bob_ua != NULL);

  enc_before = gst_bin_get_by_name (GST_BIN (call.alice.bin), "srtpenc_audio");
  dec_before = gst_bin_get_by_name (GST_BIN (call.alice.bin), "srtpdec_audio");
  bob_enc = gst_bin_get_by_name (GST_BIN (call.bob.bin), "srtpenc_audio");
  fail_unless (enc_before && dec_before && bob_enc);
  alice_dec = dec_before;
  signal_id = g_signal_lookup ("request-key", G_OBJECT_TYPE (alice_dec));
  fail_unless (signal_id != 0);
  hook =
      g_signal_add_emission_hook (signal_id, 0, count_key_request, NULL, NULL);
  alice_key = encoder_key (enc_before);
  bob_key = encoder_key (bob_enc);

  for (round = 0; round < G_N_ELEMENTS (rounds); round++) {
    gboolean renew = rounds[round].renew;

    requests = g_atomic_int_get (&alice_key_requests);
    if (round > 0) {
      if (renew) {
        /* new keys of bob's in his answer */
        g_atomic_int_set (&bob_renewed, 0);
        g_main_context_invoke (
            gst_sip_user_agent_get_context (bob_ua), renew_bob_keys, NULL);
        while (!g_atomic_int_get (&bob_renewed))
          g_usleep (1000);
      }
      /* a re-INVITE from alice (hold, then resume) */
      hold_expected = rounds[round].hold;
      g_signal_emit_by_name (call.alice.bin, "hold", hold_expected, &ret);
      fail_unless (ret);
      fail_unless (wait_for (&call, hold_settled, WAIT_MS));
      run_for (&call, 300);
    }
    exchange_lines (&call, &lines[round][0], &lines[round][1]);
    if (round > 0) {
      fail_unless_equals_string (lines[round][0], lines[round - 1][0]);
      fail_unless (g_str_equal (lines[round][1], lines[round - 1][1]) != renew);
      /* the elements were rekeyed for a new key only */
      key = encoder_key (enc_before);
      fail_unless (key == alice_key);
      gst_buffer_unref (key);
      key = encoder_key (bob_enc);
      fail_unless ((key != bob_key) == renew);
      gst_buffer_unref (bob_key);
      bob_key = key;
    }
    /* bob receives, on hold or not */
    before = g_atomic_int_get (&call.bob.audio.buffers);
    run_for (&call, 600);
    fail_unless (g_atomic_int_get (&call.bob.audio.buffers) - before >= 15,
        "bob: %d buffers after re-INVITE %u",
        g_atomic_int_get (&call.bob.audio.buffers) - before, round);
    /* alice's srtpdec asked for a key again for bob's new key only */
    if (round > 0 && renew)
      fail_unless (g_atomic_int_get (&alice_key_requests) > requests);
    else if (round > 0)
      fail_unless_equals_int (g_atomic_int_get (&alice_key_requests), requests);
  }
  /* resumed: alice receives with bob's new key */
  before = g_atomic_int_get (&call.alice.audio.buffers);
  run_for (&call, 600);
  fail_unless (g_atomic_int_get (&call.alice.audio.buffers) - before >= 15);
  g_signal_remove_emission_hook (signal_id, hook);

  /* the same elements throughout */
  enc_after = gst_bin_get_by_name (GST_BIN (call.alice.bin), "srtpenc_audio");
  dec_after = gst_bin_get_by_name (GST_BIN (call.alice.bin), "srtpdec_audio");
  fail_unless (enc_after == enc_before && dec_after == dec_before);
  alice_dec = NULL;
  gst_buffer_unref (alice_key);
  gst_buffer_unref (bob_key);
  gst_object_unref (enc_before);
  gst_object_unref (dec_before);
  gst_object_unref (enc_after);
  gst_object_unref (dec_after);
  gst_object_unref (bob_enc);
  fail_unless_equals_int (g_atomic_int_get (&call.alice.src_pads), 1);
  fail_if (call.alice.error || call.bob.error);
  for (round = 0; round < G_N_ELEMENTS (rounds); round++) {
    g_free (lines[round][0]);
    g_free (lines[round][1]);
  }

  hang_up (&call, &call.bob);
  g_object_unref (bob_ua);
  call_clear (&call);
  g_clear_object (&bob_sip_call);
}

GST_END_TEST;

static gint second_call_base[2];

static gboolean
audio_both_ways_again (Call *call)
{
  return g_atomic_int_get (&call->alice.audio.buffers) >=
      second_call_base[0] + 25 &&
      g_atomic_int_get (&call->bob.audio.buffers) >= second_call_base[1] + 25;
}

/* the same bins call again: new SRTP elements, new keys */
GST_START_TEST (test_srtp_second_call)
{
  Call call = { 0 };
  GstElement *dec;
  gboolean ret = FALSE;
  gchar *uri;

  endpoint_init (&call.alice, "alice", TRUE, FALSE, NULL, NULL);
  endpoint_init (&call.bob, "bob", TRUE, FALSE, NULL, NULL);
  set_srtp (&call, "mandatory", "mandatory");
  start_call (&call, "PCMU");
  fail_unless (wait_for (&call, both_established, WAIT_MS));
  fail_unless (wait_for (&call, audio_both_ways, WAIT_MS));
  hang_up (&call, &call.alice);

  second_call_base[0] = g_atomic_int_get (&call.alice.audio.buffers);
  second_call_base[1] = g_atomic_int_get (&call.bob.audio.buffers);
  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", call.bob_port);
  g_signal_emit_by_name (call.alice.bin, "dial", uri, &ret);
  g_free (uri);
  fail_unless (ret);
  fail_unless (wait_for (&call, both_established, WAIT_MS));
  fail_unless (wait_for (&call, audio_both_ways_again, WAIT_MS),
      "second call: alice %d, bob %d audio buffers",
      g_atomic_int_get (&call.alice.audio.buffers) - second_call_base[0],
      g_atomic_int_get (&call.bob.audio.buffers) - second_call_base[1]);
  dec = gst_bin_get_by_name (GST_BIN (call.bob.bin), "srtpdec_audio");
  fail_unless (dec != NULL);
  gst_object_unref (dec);
  fail_unless (srtpdec_stat (call.bob.bin, "audio", "recv-count") > 0);
  fail_if (call.alice.error || call.bob.error);

  hang_up (&call, &call.bob);
  call_clear (&call);
}

GST_END_TEST;

static Suite *
sipcallbin_srtp_suite (void)
{
  Suite *s = suite_create ("sipcallbin-srtp");
  TCase *tc = tcase_create ("loopback");
  GstElementFactory *enc = gst_element_factory_find ("srtpenc");

  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  if (!enc)
    return s;
  gst_object_unref (enc);
  tcase_add_test (tc, test_srtp_call);
  tcase_add_test (tc, test_srtp_modes);
  tcase_add_test (tc, test_srtp_injection);
  tcase_add_test (tc, test_srtp_rekey);
  tcase_add_test (tc, test_srtp_second_call);
  return s;
}

GST_CHECK_MAIN (sipcallbin_srtp);
