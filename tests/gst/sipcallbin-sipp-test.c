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

/* sipcallbin against sipp with RTP echo: sipp plays the other party of a
 * captured call (scenarios/call-*-echo-*.xml, see scenarios/README.md) and
 * sends every RTP packet it gets back to where it came from, so that the
 * bin receives, depayloads and decodes its own media in the negotiated
 * codecs.  The bin's user agent runs with T1 = 20 ms.  The tests do
 * nothing when sipp is not installed. */

#include <string.h>
#include <gst/audio/audio.h>
#include <gst/check/gstcheck.h>
#include <sip/sip.h>

#include "peer.h"

#define T1 20
#define ADDRESS "127.0.0.1"
#define WAIT_MS 20000
#define LISTEN_TIMEOUT_MS 10000
/* sipp's own limits are shorter than the test's wait for it to exit */
#define SIPP_EXIT_TIMEOUT_MS 40000
#define SIPP_TIMEOUT "30s"
#define SIPP_RECV_TIMEOUT "25000"
#define SIPP_ERROR_FILE GST_SIP_TEST_SIPP_ERROR_FILE
#define SIPP_MESSAGE_FILE GST_SIP_TEST_SIPP_MESSAGE_FILE
#define SIPP_LOG_FILE "logs.log"

/* what came back: a second of decoded audio, ten decoded pictures */
#define MIN_AUDIO_SAMPLES 8000
#define MIN_VIDEO_FRAMES 10

typedef struct
{
  GstElement *pipeline;
  GstElement *bin;
  GstBus *bus;
  /* written by the streaming threads of the source pads */
  GMutex lock;
  gint audio_buffers;
  gint video_frames;
  gint64 audio_samples;
  GstCaps *audio_caps;
  GstCaps *video_caps;
  GstSipCallState state;
  GArray *states;
  gboolean error;
  gchar *error_text;
} Endpoint;

static gchar *sipp;

/* ---------------------------------------------------------------------- */

/* waits for sipp to exit and fails with what it wrote unless it exited
 * with status 0 */
static void
assert_sipp_succeeds (GstSipTestPeer *peer)
{
  gint status = G_MININT;
  gboolean exited;
  gchar *errors, *messages;

  exited = gst_sip_test_peer_wait_exit (peer, SIPP_EXIT_TIMEOUT_MS, &status);
  if (exited && status == 0)
    return;
  errors = gst_sip_test_peer_read_file (peer, SIPP_ERROR_FILE);
  messages = gst_sip_test_peer_read_file (peer, SIPP_MESSAGE_FILE);
  fail ("sipp (pid %d) %s %d\n--- output ---\n%s\n--- errors ---\n%s\n"
        "--- messages ---\n%s",
      (gint) gst_sip_test_peer_get_pid (peer),
      exited ? "exited with status" : "still ran after (ms)",
      exited ? status : SIPP_EXIT_TIMEOUT_MS, gst_sip_test_peer_get_log (peer),
      errors, messages);
  g_free (errors);
  g_free (messages);
}

/* Starts sipp with @scenario on @port, echoing RTP on the media ports it
 * picks ([media_port] and [media_port+2] in the scenario), then @extra.
 * See scenarios/README.md for the options. */
static GstSipTestPeer *
spawn_sipp (const gchar *scenario, guint16 port, const gchar *const *extra)
{
  GstSipTestPeer *peer;
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;
  guint i;

  g_ptr_array_add (argv, g_strdup (sipp));
  g_ptr_array_add (argv, g_strdup ("-sf"));
  g_ptr_array_add (
      argv, g_build_filename (GST_SIP_SCENARIO_DIR, scenario, NULL));
  g_ptr_array_add (argv, g_strdup ("-t"));
  g_ptr_array_add (argv, g_strdup ("u1"));
  g_ptr_array_add (argv, g_strdup ("-i"));
  g_ptr_array_add (argv, g_strdup (ADDRESS));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  g_ptr_array_add (argv, g_strdup ("-ci"));
  g_ptr_array_add (argv, g_strdup (ADDRESS));
  g_ptr_array_add (argv, g_strdup ("-rtp_echo"));
  g_ptr_array_add (argv, g_strdup ("-m"));
  g_ptr_array_add (argv, g_strdup ("1"));
  g_ptr_array_add (argv, g_strdup ("-nostdin"));
  g_ptr_array_add (argv, g_strdup ("-timeout"));
  g_ptr_array_add (argv, g_strdup (SIPP_TIMEOUT));
  g_ptr_array_add (argv, g_strdup ("-timeout_error"));
  g_ptr_array_add (argv, g_strdup ("-recv_timeout"));
  g_ptr_array_add (argv, g_strdup (SIPP_RECV_TIMEOUT));
  g_ptr_array_add (argv, g_strdup ("-trace_err"));
  g_ptr_array_add (argv, g_strdup ("-error_file"));
  g_ptr_array_add (argv, g_strdup (SIPP_ERROR_FILE));
  g_ptr_array_add (argv, g_strdup ("-trace_msg"));
  g_ptr_array_add (argv, g_strdup ("-message_file"));
  g_ptr_array_add (argv, g_strdup (SIPP_MESSAGE_FILE));
  g_ptr_array_add (argv, g_strdup ("-trace_logs"));
  g_ptr_array_add (argv, g_strdup ("-log_file"));
  g_ptr_array_add (argv, g_strdup (SIPP_LOG_FILE));
  for (i = 0; extra && extra[i]; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);

  peer = gst_sip_test_peer_spawn (
      (const gchar *const *) argv->pdata, NULL, &error);
  fail_unless (peer != NULL, "%s", error ? error->message : "");
  GST_INFO ("started sipp %s as pid %d", scenario,
      (gint) gst_sip_test_peer_get_pid (peer));
  g_ptr_array_unref (argv);
  return peer;
}

static guint16
reserve_port (void)
{
  guint16 port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_INVALID, G_SOCKET_TYPE_INVALID, ADDRESS);

  fail_unless (port != 0);
  return port;
}

/* ---------------------------------------------------------------------- */
/* the bin */

static GstPadProbeReturn
count_audio (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Endpoint *ep = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstAudioInfo audio_info;

  if (!ep->audio_caps)
    ep->audio_caps = gst_pad_get_current_caps (pad);
  fail_unless (ep->audio_caps != NULL);
  fail_unless (gst_audio_info_from_caps (&audio_info, ep->audio_caps));
  g_mutex_lock (&ep->lock);
  ep->audio_samples +=
      gst_buffer_get_size (buffer) / GST_AUDIO_INFO_BPF (&audio_info);
  g_mutex_unlock (&ep->lock);
  g_atomic_int_inc (&ep->audio_buffers);
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
count_video (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Endpoint *ep = user_data;

  if (!ep->video_caps)
    ep->video_caps = gst_pad_get_current_caps (pad);
  g_atomic_int_inc (&ep->video_frames);
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
  fail_unless (video || g_str_has_prefix (GST_PAD_NAME (pad), "audio_src_"));
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (ep->pipeline), sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER,
      video ? count_video : count_audio, ep, NULL);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

static void
add_source (Endpoint *ep, const gchar *media, const gchar *desc)
{
  GError *error = NULL;
  GstElement *src;
  gchar *pad;

  src = gst_parse_bin_from_description (desc, TRUE, &error);
  fail_unless (src != NULL, "%s: %s", desc, error ? error->message : "");
  gst_bin_add (GST_BIN (ep->pipeline), src);
  pad = g_strdup_printf ("%s_sink", media);
  fail_unless (gst_element_link_pads (src, "src", ep->bin, pad));
  g_free (pad);
}

/* RTP comes back from sipp with the SSRC the bin sends with, which its
 * rtpbin rightly takes for a loop (RFC 3550 8.2) and drops.  A decoder
 * element that rtpbin puts in front of each session gives the echoed
 * packets another SSRC, as if a peer had sent them. */
#define ECHO_SSRC_MASK 0x5eed0001

static GstPadProbeReturn
rename_source (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstMapInfo map;

  buffer = gst_buffer_make_writable (buffer);
  GST_PAD_PROBE_INFO_DATA (info) = buffer;
  if (gst_buffer_map (buffer, &map, GST_MAP_READWRITE)) {
    if (map.size >= 12 && (map.data[0] >> 6) == 2)
      GST_WRITE_UINT32_BE (
          map.data + 8, GST_READ_UINT32_BE (map.data + 8) ^ ECHO_SSRC_MASK);
    gst_buffer_unmap (buffer, &map);
  }
  return GST_PAD_PROBE_OK;
}

static GstElement *
on_request_rtp_decoder (GstElement *rtpbin, guint session, gpointer user_data)
{
  GstElement *bin = gst_bin_new (NULL);
  GstElement *identity = gst_element_factory_make ("identity", NULL);
  GstPad *pad;

  fail_unless (identity != NULL);
  gst_bin_add (GST_BIN (bin), identity);
  pad = gst_element_get_static_pad (identity, "sink");
  gst_element_add_pad (bin, gst_ghost_pad_new ("rtp_sink", pad));
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, rename_source, NULL, NULL);
  gst_object_unref (pad);
  pad = gst_element_get_static_pad (identity, "src");
  gst_element_add_pad (bin, gst_ghost_pad_new ("rtp_src", pad));
  gst_object_unref (pad);
  return bin;
}

static void
on_new_manager (GstElement *bin, GstElement *rtpbin, gpointer user_data)
{
  g_signal_connect (
      rtpbin, "request-rtp-decoder", G_CALLBACK (on_request_rtp_decoder), NULL);
}

/* a bin with live audio and video sources, decoding what it receives */
static void
endpoint_init (Endpoint *ep, const gchar *local_uri)
{
  g_mutex_init (&ep->lock);
  ep->states = g_array_new (FALSE, FALSE, sizeof (GstSipCallState));
  ep->pipeline = gst_pipeline_new (NULL);
  ep->bin = gst_element_factory_make ("sipcallbin", NULL);
  fail_unless (ep->bin != NULL);
  g_object_set (ep->bin, "sip-port", 0, "address", ADDRESS, "local-uri",
      local_uri, "decode", TRUE, "latency", 50, NULL);
  gst_bin_add (GST_BIN (ep->pipeline), ep->bin);
  g_signal_connect (ep->bin, "pad-added", G_CALLBACK (on_pad_added), ep);
  g_signal_connect (ep->bin, "new-manager", G_CALLBACK (on_new_manager), NULL);
  add_source (ep, "audio", "audiotestsrc is-live=true wave=sine");
  add_source (ep, "video",
      "videotestsrc is-live=true ! capsfilter "
      "caps=\"video/x-raw,width=320,height=240,framerate=30/1\"");
  ep->bus = gst_element_get_bus (ep->pipeline);
}

static void
endpoint_clear (Endpoint *ep)
{
  fail_unless_equals_int (gst_element_set_state (ep->pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (ep->bus);
  gst_object_unref (ep->pipeline);
  gst_clear_caps (&ep->audio_caps);
  gst_clear_caps (&ep->video_caps);
  g_array_unref (ep->states);
  g_free (ep->error_text);
  g_mutex_clear (&ep->lock);
}

/* goes to READY with short SIP timers, then to PLAYING */
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

static void
poll_bus (Endpoint *ep)
{
  GstMessage *msg;

  while ((msg = gst_bus_pop (ep->bus))) {
    const GstStructure *s = gst_message_get_structure (msg);

    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ELEMENT &&
        gst_structure_has_name (s, "sip-call-state")) {
      fail_unless (gst_structure_get_enum (
          s, "state", GST_TYPE_SIP_CALL_STATE, (gint *) &ep->state));
      g_array_append_val (ep->states, ep->state);
    } else if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
      GError *error = NULL;

      gst_message_parse_error (msg, &error, NULL);
      GST_INFO ("error: %s", error->message);
      ep->error = TRUE;
      g_free (ep->error_text);
      ep->error_text = g_strdup (error->message);
      g_error_free (error);
    }
    gst_message_unref (msg);
  }
}

typedef gboolean (*Condition) (Endpoint *ep);

/* polls the bus until @condition holds, the bin posts an error or
 * @timeout_ms passed */
static gboolean
wait_for (Endpoint *ep, Condition condition, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  do {
    poll_bus (ep);
    if (ep->error || condition (ep))
      return condition (ep);
    g_usleep (10 * 1000);
  } while (g_get_monotonic_time () < end);
  return FALSE;
}

static gboolean
established (Endpoint *ep)
{
  return ep->state == GST_SIP_CALL_STATE_ESTABLISHED;
}

static gboolean
ended (Endpoint *ep)
{
  return ep->state == GST_SIP_CALL_STATE_ENDED;
}

static gint64
audio_samples (Endpoint *ep)
{
  gint64 samples;

  g_mutex_lock (&ep->lock);
  samples = ep->audio_samples;
  g_mutex_unlock (&ep->lock);
  return samples;
}

static gboolean
media_came_back (Endpoint *ep)
{
  return g_atomic_int_get (&ep->video_frames) >= MIN_VIDEO_FRAMES &&
      g_atomic_int_get (&ep->audio_buffers) > 0 &&
      audio_samples (ep) >= MIN_AUDIO_SAMPLES;
}

static gboolean
saw_state (Endpoint *ep, GstSipCallState state)
{
  guint i;

  for (i = 0; i < ep->states->len; i++)
    if (g_array_index (ep->states, GstSipCallState, i) == state)
      return TRUE;
  return FALSE;
}

/* the send and receive codecs of @media in the bin's stats */
static void
assert_codecs (Endpoint *ep, const gchar *media, const gchar *codec)
{
  GstStructure *stats = NULL, *s = NULL;

  g_signal_emit_by_name (ep->bin, "get-stats", &stats);
  fail_unless (stats != NULL);
  fail_unless (gst_structure_get (stats, media, GST_TYPE_STRUCTURE, &s, NULL),
      "no %s in %" GST_PTR_FORMAT, media, stats);
  fail_unless_equals_string (gst_structure_get_string (s, "send-codec"), codec);
  fail_unless_equals_string (
      gst_structure_get_string (s, "receive-codec"), codec);
  gst_structure_free (s);
  gst_structure_free (stats);
}

/* waits for the media the bin sent to come back decoded, checks the
 * codecs and hangs up */
static void
check_echo_and_hang_up (Endpoint *ep, GstSipTestPeer *peer,
    const gchar *audio_codec, const gchar *video_codec)
{
  gboolean ret = FALSE;

  fail_unless (wait_for (ep, established, WAIT_MS),
      "not established (state %d, %s)\n%s", ep->state,
      ep->error_text ? ep->error_text : "no error",
      gst_sip_test_peer_get_log (peer));
  fail_unless (wait_for (ep, media_came_back, WAIT_MS),
      "media: %d video frames, %d audio buffers (%" G_GINT64_FORMAT
      " samples)%s%s",
      g_atomic_int_get (&ep->video_frames),
      g_atomic_int_get (&ep->audio_buffers), audio_samples (ep),
      ep->error_text ? ": " : "", ep->error_text ? ep->error_text : "");
  fail_if (ep->error, "%s", ep->error_text);
  fail_unless (ep->audio_caps != NULL);
  fail_unless (gst_structure_has_name (
      gst_caps_get_structure (ep->audio_caps, 0), "audio/x-raw"));
  fail_unless (ep->video_caps != NULL);
  fail_unless (gst_structure_has_name (
      gst_caps_get_structure (ep->video_caps, 0), "video/x-raw"));
  assert_codecs (ep, "audio", audio_codec);
  assert_codecs (ep, "video", video_codec);

  g_signal_emit_by_name (ep->bin, "hangup", &ret);
  fail_unless (ret);
  fail_unless (wait_for (ep, ended, WAIT_MS), "the call did not end");
}

/* ---------------------------------------------------------------------- */

/* Seed 000, the callee's side: sipp's INVITE has no SDP, the bin
 * auto-answers with an offer of its codecs in the 200, and sipp's ACK
 * answers with H.263 (34) and PCMU on its echo ports. */
GST_START_TEST (test_late_offer_h263_pcmu)
{
  const gchar *scenario = "call-late-offer-echo-uac.xml";
  Endpoint ep = { 0 };
  GstSipTestPeer *peer;
  gchar *target;
  guint port = 0;
  const gchar *extra[] = { "-default_behaviors", "all,-bye", "-s",
    "34600123456", NULL, NULL };

  if (!sipp)
    return;

  endpoint_init (&ep, "sip:34600123456@" ADDRESS);
  g_object_set (ep.bin, "auto-answer", TRUE, NULL);
  endpoint_start (&ep);
  g_object_get (ep.bin, "sip-port", &port, NULL);
  fail_unless (port != 0);

  target = g_strdup_printf ("%s:%u", ADDRESS, port);
  extra[4] = target;
  peer = spawn_sipp (scenario, reserve_port (), extra);

  check_echo_and_hang_up (&ep, peer, "PCMU", "H263");
  fail_unless (saw_state (&ep, GST_SIP_CALL_STATE_PROCEEDING) ||
      saw_state (&ep, GST_SIP_CALL_STATE_RINGING));
  assert_sipp_succeeds (peer);

  gst_sip_test_peer_free (peer);
  g_free (target);
  endpoint_clear (&ep);
}

GST_END_TEST;

static gchar *md5_hex (const gchar *format, ...) G_GNUC_PRINTF (1, 2);

static gchar *
md5_hex (const gchar *format, ...)
{
  va_list args;
  gchar *text, *hex;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  hex = g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);
  g_free (text);
  return hex;
}

/* the quoted parameter @name of the credentials @line */
static gchar *
digest_param (const gchar *line, const gchar *name)
{
  gchar *pattern, *value = NULL;
  GRegex *regex;
  GMatchInfo *match = NULL;

  pattern = g_strdup_printf ("[ ,]%s=\"([^\"]*)\"", name);
  regex = g_regex_new (pattern, 0, 0, NULL);
  if (g_regex_match (regex, line, 0, &match))
    value = g_match_info_fetch (match, 1);
  g_match_info_free (match);
  g_regex_unref (regex);
  g_free (pattern);
  fail_unless (value != NULL, "no %s in %s", name, line);
  return value;
}

/* the RFC 2069 response of the Proxy-Authorization sipp logged */
static void
assert_logged_digest (
    GstSipTestPeer *peer, const gchar *user, const gchar *password)
{
  gchar *log = gst_sip_test_peer_read_file (peer, SIPP_LOG_FILE);
  gchar *line, *realm, *nonce, *uri, *response, *ha1, *ha2, *expected;
  const gchar *found;

  found = strstr (log, "Proxy-Authorization: Digest ");
  fail_unless (found != NULL, "%s", log);
  line = g_strndup (found, strcspn (found, "\r\n"));
  realm = digest_param (line, "realm");
  nonce = digest_param (line, "nonce");
  uri = digest_param (line, "uri");
  response = digest_param (line, "response");
  ha1 = md5_hex ("%s:%s:%s", user, realm, password);
  ha2 = md5_hex ("INVITE:%s", uri);
  expected = md5_hex ("%s:%s:%s", ha1, nonce, ha2);
  fail_unless_equals_string (response, expected);

  g_free (expected);
  g_free (ha2);
  g_free (ha1);
  g_free (response);
  g_free (uri);
  g_free (nonce);
  g_free (realm);
  g_free (line);
  g_free (log);
}

/* Seed 001, the caller's side: the bin dials sipp, which challenges the
 * INVITE with a 407 without qop, then answers with AMR (octet-aligned) and
 * H.264 on its echo ports. */
GST_START_TEST (test_auth_407_amr_h264)
{
  const gchar *scenario = "call-auth-407-echo-uas.xml";
  const gchar *extra[] = { "-key", "user", "20002230001", NULL };
  Endpoint ep = { 0 };
  GstSipTestPeer *peer;
  guint16 port;
  gchar *uri;
  guint status = 0;

  if (!sipp)
    return;

  port = reserve_port ();
  peer = spawn_sipp (scenario, port, extra);
  fail_unless (
      gst_sip_test_peer_wait_udp_port (peer, ADDRESS, port, LISTEN_TIMEOUT_MS),
      "%s", gst_sip_test_peer_get_log (peer));

  endpoint_init (&ep, "sip:20002230001@" ADDRESS);
  uri = g_strdup_printf ("sip:20002230000@%s:%u", ADDRESS, port);
  g_object_set (ep.bin, "remote-uri", uri, "username", "20002230001",
      "password", "ASG-secret", "codecs", "AMR,H264", NULL);
  g_free (uri);
  endpoint_start (&ep);

  check_echo_and_hang_up (&ep, peer, "AMR", "H264");
  fail_unless (saw_state (&ep, GST_SIP_CALL_STATE_RINGING));
  g_object_get (ep.bin, "status-code", &status, NULL);
  fail_unless_equals_int (status, 200);
  assert_sipp_succeeds (peer);
  assert_logged_digest (peer, "20002230001", "ASG-secret");

  gst_sip_test_peer_free (peer);
  endpoint_clear (&ep);
}

GST_END_TEST;

static Suite *
sipcallbin_sipp_suite (void)
{
  Suite *s = suite_create ("sipcallbin-sipp");
  TCase *tc = tcase_create ("interop");

  sipp = gst_sip_test_find_program ("sipp");
  if (!sipp)
    GST_WARNING ("sipp is not installed: the tests do nothing");
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_late_offer_h263_pcmu);
  tcase_add_test (tc, test_auth_407_amr_h264);
  return s;
}

GST_CHECK_MAIN (sipcallbin_sipp);
