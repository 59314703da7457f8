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

/* Calls (GstSipCall) against sipp: the call scenarios of scenarios/ (see
 * scenarios/README.md) play the other party of a call, the caller (the
 * *-uac.xml ones) or the callee (the *-uas.xml ones), on 127.0.0.1 over
 * UDP.  The user agent runs with T1 = 20 ms, so that its retransmission
 * and timeout timers run in a fraction of a second.  The tests are skipped
 * when sipp is not installed. */

#include <stdarg.h>
#include <string.h>

#include <sip/sip.h>

#include "peer.h"
#include "test-utils.h"

#define T1 20
/* Upper bound for one sipp run on loopback, generous for loaded CI hosts
 * and valgrind; sipp's own -timeout is shorter so that it exits first. */
#define SIPP_EXIT_TIMEOUT_MS 30000
#define SIPP_TIMEOUT "20s"
#define SIPP_RECV_TIMEOUT "10000"
#define LISTEN_TIMEOUT_MS 10000
#define WAIT_MS 15000

/* Names of sipp's -trace_err, -trace_msg and -trace_logs files in its
 * working directory. */
#define SIPP_ERROR_FILE GST_SIP_TEST_SIPP_ERROR_FILE
#define SIPP_MESSAGE_FILE GST_SIP_TEST_SIPP_MESSAGE_FILE
#define SIPP_LOG_FILE "logs.log"

#define ADDRESS "127.0.0.1"

typedef enum
{
  /* answer at once */
  CALLEE_ANSWER,
  /* ring (reliably when the caller requires 100rel); the test answers */
  CALLEE_RING_THEN_ANSWER,
} CalleeMode;

typedef GstSipSdpNegotiator *(*NegotiatorFunc) (void);

typedef struct
{
  GstSipUserAgent *ua;
  GstSipTransport *transport;
  guint16 port;

  /* the call under test: the incoming one, or the one the test dialed */
  CalleeMode callee_mode;
  NegotiatorFunc callee_negotiator;
  guint n_incoming;
  GstSipCall *call;
  GArray *states;
  gboolean answer_failed;
  GError *answer_error;
  /* the streams when the call became early and established */
  GList *early_streams;
  GList *established_streams;
  gint64 answering_time;
  gint64 ended_time;

  /* an outgoing call */
  gboolean dialed;
  guint dial_status;
  GError *dial_error;

  /* a call placed for a transfer */
  gboolean accept_transfer;
  GstSipCall *transfer_call;
  gchar *transfer_target;
  GArray *transfer_states;
} Fixture;

static gchar *sipp;

/* ---------------------------------------------------------------------- */
/* sipp */


static guint16
reserve_port (void)
{
  guint16 port;

  port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_INVALID, G_SOCKET_TYPE_INVALID, ADDRESS);
  g_assert_cmpuint (port, !=, 0);

  return port;
}

/* Starts sipp with @scenario from scenarios/ on @port and the options every
 * run shares (see scenarios/README.md), then @extra. */
static GstSipTestPeer *
spawn_sipp (const gchar *scenario, guint16 port, const gchar *const *extra)
{
  GstSipTestPeer *peer;
  GPtrArray *argv;
  GError *error = NULL;
  gchar *path, *port_str;
  guint i;

  path = g_test_build_filename (G_TEST_DIST, "scenarios", scenario, NULL);
  port_str = g_strdup_printf ("%u", port);

  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, sipp);
  g_ptr_array_add (argv, (gpointer) "-sf");
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, (gpointer) "-t");
  g_ptr_array_add (argv, (gpointer) "u1");
  g_ptr_array_add (argv, (gpointer) "-i");
  g_ptr_array_add (argv, (gpointer) ADDRESS);
  g_ptr_array_add (argv, (gpointer) "-p");
  g_ptr_array_add (argv, port_str);
  g_ptr_array_add (argv, (gpointer) "-ci");
  g_ptr_array_add (argv, (gpointer) ADDRESS);
  g_ptr_array_add (argv, (gpointer) "-m");
  g_ptr_array_add (argv, (gpointer) "1");
  g_ptr_array_add (argv, (gpointer) "-nostdin");
  g_ptr_array_add (argv, (gpointer) "-timeout");
  g_ptr_array_add (argv, (gpointer) SIPP_TIMEOUT);
  g_ptr_array_add (argv, (gpointer) "-timeout_error");
  g_ptr_array_add (argv, (gpointer) "-recv_timeout");
  g_ptr_array_add (argv, (gpointer) SIPP_RECV_TIMEOUT);
  g_ptr_array_add (argv, (gpointer) "-trace_err");
  g_ptr_array_add (argv, (gpointer) "-error_file");
  g_ptr_array_add (argv, (gpointer) SIPP_ERROR_FILE);
  g_ptr_array_add (argv, (gpointer) "-trace_msg");
  g_ptr_array_add (argv, (gpointer) "-message_file");
  g_ptr_array_add (argv, (gpointer) SIPP_MESSAGE_FILE);
  g_ptr_array_add (argv, (gpointer) "-trace_logs");
  g_ptr_array_add (argv, (gpointer) "-log_file");
  g_ptr_array_add (argv, (gpointer) SIPP_LOG_FILE);
  for (i = 0; extra && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);

  peer = gst_sip_test_peer_spawn (
      (const gchar *const *) argv->pdata, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (peer);
  g_test_message ("started sipp %s as pid %d", scenario,
      (gint) gst_sip_test_peer_get_pid (peer));

  g_ptr_array_unref (argv);
  g_free (port_str);
  g_free (path);

  return peer;
}

/* Starts sipp as the caller of @scenario towards the user agent of @f. */
static GstSipTestPeer *
spawn_uac (Fixture *f, const gchar *scenario, const gchar *const *extra)
{
  GstSipTestPeer *peer;
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);
  guint i;

  /* when a check fails sipp must not send a BYE of its own */
  g_ptr_array_add (args, g_strdup ("-default_behaviors"));
  g_ptr_array_add (args, g_strdup ("all,-bye"));
  g_ptr_array_add (args, g_strdup ("-s"));
  g_ptr_array_add (args, g_strdup ("34600123456"));
  for (i = 0; extra && extra[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (extra[i]));
  g_ptr_array_add (args, g_strdup_printf ("%s:%u", ADDRESS, f->port));
  g_ptr_array_add (args, NULL);

  peer = spawn_sipp (
      scenario, reserve_port (), (const gchar *const *) args->pdata);
  g_ptr_array_unref (args);

  return peer;
}

/* Starts sipp as the callee of @scenario and waits until it listens; its
 * port in @port. */
static GstSipTestPeer *
spawn_uas (const gchar *scenario, const gchar *const *extra, guint16 *port)
{
  GstSipTestPeer *peer;

  *port = reserve_port ();
  peer = spawn_sipp (scenario, *port, extra);
  if (!gst_sip_test_peer_wait_udp_port (
          peer, ADDRESS, *port, LISTEN_TIMEOUT_MS))
    gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);

  return peer;
}

/* ---------------------------------------------------------------------- */
/* media */

static void
add_codec (GList **codecs, const gchar *media, const gchar *name,
    guint clock_rate, guint pt, const gchar *fmtp)
{
  GstSipCodec *codec = gst_sip_codec_new (
      media, name, clock_rate, g_str_equal (media, "audio") ? 1 : 0);

  gst_sip_codec_set_payload_type (codec, pt);
  if (fmtp)
    gst_sip_codec_set_fmtp (codec, fmtp);
  *codecs = g_list_append (*codecs, codec);
}

static void
add_media (
    GstSipSdpNegotiator *n, const gchar *media, guint port, GList *codecs)
{
  gst_sip_sdp_negotiator_add_media (n, media, port, codecs);
  g_list_free_full (codecs, (GDestroyNotify) gst_sip_codec_free);
}

/* what the operator's video terminal offered in its 200 to the operator's
 * INVITE without SDP: speex, PCMU, PCMA and telephone-event; MPEG-4 and
 * H.263 video */
static GstSipSdpNegotiator *
negotiator_video_terminal (void)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new (ADDRESS);
  GList *codecs = NULL;

  add_codec (&codecs, "audio", "speex", 16000, 101, "vbr=on;mode=6");
  add_codec (&codecs, "audio", "speex", 8000, 99, "vbr=on;mode=3");
  add_codec (&codecs, "audio", "PCMU", 8000, 0, NULL);
  add_codec (&codecs, "audio", "PCMA", 8000, 8, NULL);
  add_codec (&codecs, "audio", "telephone-event", 8000, 104, "0-15");
  add_media (n, "audio", 40000, codecs);
  codecs = NULL;
  add_codec (&codecs, "video", "MP4V-ES", 90000, 97, "profile-level-id=1");
  add_codec (&codecs, "video", "H263", 90000, 34, "QCIF=2;SQCIF=2");
  add_media (n, "video", 40002, codecs);

  return n;
}

/* the caller of the softswitch's call flow: AMR and telephone-event with a
 * 100 ms ptime, H.264; with PCMU and an H.264 packetization mode 1
 * alternative that the callee does not take */
static GstSipSdpNegotiator *
negotiator_amr_h264 (void)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new (ADDRESS);
  GList *codecs = NULL;
  guint index;

  add_codec (&codecs, "audio", "AMR", 8000, 114, "mode-set=0");
  add_codec (&codecs, "audio", "PCMU", 8000, 0, NULL);
  add_codec (&codecs, "audio", "telephone-event", 8000, 101, "0-15");
  index = gst_sip_sdp_negotiator_add_media (n, "audio", 21000, codecs);
  g_list_free_full (codecs, (GDestroyNotify) gst_sip_codec_free);
  gst_sip_sdp_negotiator_set_ptime (n, index, 100);
  codecs = NULL;
  add_codec (&codecs, "video", "H264", 90000, 98,
      "profile-level-id=42e01f;packetization-mode=1");
  add_codec (&codecs, "video", "H264", 90000, 126,
      "profile-level-id=42e00b;cif=1;fps=10");
  add_media (n, "video", 21070, codecs);

  return n;
}

/* audio with the default codecs */
static GstSipSdpNegotiator *
negotiator_audio (void)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new (ADDRESS);

  gst_sip_sdp_negotiator_add_media (n, "audio", 40000, NULL);
  return n;
}

static const GstSipSdpStream *
find_stream (GList *streams, const gchar *media)
{
  GList *l;

  for (l = streams; l; l = l->next) {
    if (g_strcmp0 (gst_sip_sdp_stream_get_media (l->data), media) == 0)
      return l->data;
  }
  g_error ("no %s stream", media);
  return NULL;
}

static void
assert_remote_rtp (const GstSipSdpStream *stream, guint port)
{
  GInetSocketAddress *address =
      gst_sip_sdp_stream_get_remote_rtp_address (stream);
  gchar *ip;

  g_assert_nonnull (address);
  ip = g_inet_address_to_string (g_inet_socket_address_get_address (address));
  g_assert_cmpstr (ip, ==, ADDRESS);
  g_assert_cmpuint (g_inet_socket_address_get_port (address), ==, port);
  g_free (ip);
}

static void
assert_send_codec (const GstSipSdpStream *stream, const gchar *name,
    guint clock_rate, guint pt)
{
  const GstSipCodec *codec = gst_sip_sdp_stream_get_send_codec (stream);

  g_assert_true (gst_sip_sdp_stream_is_enabled (stream));
  g_assert_nonnull (codec);
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (codec), ==, name);
  g_assert_cmpuint (gst_sip_codec_get_clock_rate (codec), ==, clock_rate);
  g_assert_cmpuint (gst_sip_codec_get_payload_type (codec), ==, pt);
}

static GList *
copy_streams (GstSipCall *call)
{
  GstSipSdpNegotiator *n = gst_sip_call_get_negotiator (call);

  return n ? gst_sip_sdp_negotiator_get_streams (n) : NULL;
}

static void
free_streams (GList *streams)
{
  g_list_free_full (streams, (GDestroyNotify) gst_sip_sdp_stream_free);
}

/* ---------------------------------------------------------------------- */
/* the call under test */

static void
on_state (GstSipCall *call, GParamSpec *pspec, Fixture *f)
{
  GstSipCallState state = gst_sip_call_get_state (call);

  g_array_append_val (f->states, state);
  if (state == GST_SIP_CALL_STATE_ANSWERING)
    f->answering_time = g_get_monotonic_time ();
  else if (state == GST_SIP_CALL_STATE_ENDED)
    f->ended_time = g_get_monotonic_time ();
  if (state == GST_SIP_CALL_STATE_EARLY && !f->early_streams)
    f->early_streams = copy_streams (call);
  else if (state == GST_SIP_CALL_STATE_ESTABLISHED && !f->established_streams)
    f->established_streams = copy_streams (call);
}

static void
watch_call (Fixture *f, GstSipCall *call)
{
  g_assert_null (f->call);
  f->call = g_object_ref (call);
  g_signal_connect (call, "notify::state", G_CALLBACK (on_state), f);
}

static void
on_transfer_state (GstSipCall *call, GParamSpec *pspec, Fixture *f)
{
  GstSipCallState state = gst_sip_call_get_state (call);

  g_array_append_val (f->transfer_states, state);
}

static gboolean
on_transfer_requested (
    GstSipCall *call, GstSipCall *new_call, const gchar *target, Fixture *f)
{
  GstSipSdpNegotiator *n;

  g_assert_null (f->transfer_call);
  g_assert_cmpint (gst_sip_call_get_direction (new_call), ==,
      GST_SIP_CALL_DIRECTION_OUTGOING);
  f->transfer_target = g_strdup (target);
  f->transfer_call = g_object_ref (new_call);
  g_signal_connect (
      new_call, "notify::state", G_CALLBACK (on_transfer_state), f);
  n = negotiator_audio ();
  gst_sip_call_set_negotiator (new_call, n);
  g_object_unref (n);
  gst_sip_call_dial_async (new_call, target, NULL, NULL, NULL);

  return TRUE;
}

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, Fixture *f)
{
  GstSipSdpNegotiator *n;

  f->n_incoming++;
  watch_call (f, call);
  g_assert_cmpint (
      gst_sip_call_get_direction (call), ==, GST_SIP_CALL_DIRECTION_INCOMING);
  g_assert_cmpint (
      gst_sip_call_get_state (call), ==, GST_SIP_CALL_STATE_PROCEEDING);

  if (f->accept_transfer)
    g_signal_connect (
        call, "transfer-requested", G_CALLBACK (on_transfer_requested), f);

  n = f->callee_negotiator ();
  gst_sip_call_set_negotiator (call, n);
  g_object_unref (n);

  switch (f->callee_mode) {
    case CALLEE_ANSWER:
      if (!gst_sip_call_answer (call, &f->answer_error))
        f->answer_failed = TRUE;
      break;
    case CALLEE_RING_THEN_ANSWER:
      if (!gst_sip_call_ring (call, FALSE, &f->answer_error))
        f->answer_failed = TRUE;
      break;
  }
  return TRUE;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  GError *error = NULL;

  memset (f, 0, sizeof (*f));
  f->states = g_array_new (FALSE, FALSE, sizeof (GstSipCallState));
  f->transfer_states = g_array_new (FALSE, FALSE, sizeof (GstSipCallState));
  f->callee_negotiator = negotiator_audio;
  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return;
  }

  /* on the thread-default context, which the peer waits iterate */
  f->ua = gst_sip_test_user_agent_new (T1);
  g_object_set (f->ua, "from", "<sip:gst-sip@" ADDRESS ">", NULL);
  g_signal_connect (f->ua, "incoming-call", G_CALLBACK (on_incoming_call), f);
  f->transport = gst_sip_user_agent_add_transport (
      f->ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, ADDRESS, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->transport);
  f->port = gst_sip_transport_get_port (f->transport);
  g_assert_cmpuint (f->port, >, 0);
}

static gboolean
all_quiet (gpointer user_data)
{
  Fixture *f = user_data;

  return gst_sip_user_agent_get_n_calls (f->ua) == 0 &&
      gst_sip_user_agent_get_n_transactions (f->ua) == 0;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->ua) {
    /* every test ends its calls: nothing may be left once the timers
     * ran */
    if (!gst_sip_test_wait (all_quiet, f, WAIT_MS))
      g_error ("%u calls and %u transactions left",
          gst_sip_user_agent_get_n_calls (f->ua),
          gst_sip_user_agent_get_n_transactions (f->ua));
  }
  g_clear_object (&f->call);
  g_clear_object (&f->transfer_call);
  g_clear_object (&f->ua);
  g_clear_error (&f->answer_error);
  g_clear_error (&f->dial_error);
  free_streams (f->early_streams);
  free_streams (f->established_streams);
  g_array_unref (f->states);
  g_array_unref (f->transfer_states);
  g_free (f->transfer_target);
}

static gboolean
states_contain (GArray *states, GstSipCallState state)
{
  guint i;

  for (i = 0; i < states->len; i++)
    if (g_array_index (states, GstSipCallState, i) == state)
      return TRUE;
  return FALSE;
}

typedef struct
{
  GstSipCall **call;
  GstSipCallState state;
} StateWait;

static gboolean
has_state (gpointer user_data)
{
  StateWait *w = user_data;

  /* an ended call reaches no other state */
  return *w->call &&
      (gst_sip_call_get_state (*w->call) == w->state ||
          gst_sip_call_get_state (*w->call) == GST_SIP_CALL_STATE_ENDED);
}

/* waits for *@call to exist and reach @state; @peer's report if not */
static void
wait_state (GstSipCall **call, GstSipCallState state, GstSipTestPeer *peer,
    const gchar *what)
{
  StateWait w = { call, state };

  if (!gst_sip_test_wait (has_state, &w, WAIT_MS) ||
      gst_sip_call_get_state (*call) != state) {
    g_test_message ("call %s: state %d (status %u, %s), waited for %d",
        *call ? gst_sip_call_get_call_id (*call) : "(none)",
        *call ? (gint) gst_sip_call_get_state (*call) : -1,
        *call ? gst_sip_call_get_status_code (*call) : 0,
        *call ? gst_sip_call_get_reason (*call) : "", state);
    if (peer) {
      gst_sip_test_peer_stop (peer);
      gst_sip_test_sipp_assert_succeeds (peer, what, SIPP_EXIT_TIMEOUT_MS);
    }
    g_error ("the call did not reach state %d", state);
  }
}

static void
dial_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->dial_status =
      gst_sip_call_dial_finish (GST_SIP_CALL (source), result, &f->dial_error);
  f->dialed = TRUE;
}

static gboolean
is_dialed (gpointer user_data)
{
  return ((Fixture *) user_data)->dialed;
}

/* creates the outgoing call under test with the negotiator @n */
static void
prepare_call (Fixture *f, GstSipAccount *account, GstSipSdpNegotiator *n)
{
  GstSipCall *call = gst_sip_call_new (f->ua, account);

  watch_call (f, call);
  g_object_unref (call);
  gst_sip_call_set_negotiator (f->call, n);
  g_object_unref (n);
}

/* dials the call under test: @user at sipp's @port */
static void
place_call (Fixture *f, const gchar *user, guint16 port)
{
  gchar *uri = g_strdup_printf ("sip:%s@%s:%u", user, ADDRESS, port);

  gst_sip_call_dial_async (f->call, uri, NULL, dial_done, f);
  g_free (uri);
}

static void
dial (Fixture *f, GstSipAccount *account, GstSipSdpNegotiator *n,
    const gchar *user, guint16 port)
{
  prepare_call (f, account, n);
  place_call (f, user, port);
}

static void
wait_dialed (Fixture *f, GstSipTestPeer *peer, const gchar *what)
{
  if (!gst_sip_test_wait (is_dialed, f, WAIT_MS))
    gst_sip_test_sipp_assert_succeeds (peer, what, SIPP_EXIT_TIMEOUT_MS);
  g_assert_true (f->dialed);
}

/* ---------------------------------------------------------------------- */
/* the tests */

/* An operator's video call, the callee's side: its INVITE without SDP; we
 * offer audio and video in the 200 and the ACK answers. */
static void
test_late_offer_callee (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-late-offer-uac.xml";
  GstSipTestPeer *peer;
  const GstSipSdpStream *audio, *video;

  if (!f->ua)
    return;
  f->callee_negotiator = negotiator_video_terminal;

  peer = spawn_uac (f, scenario, NULL);
  wait_state (&f->call, GST_SIP_CALL_STATE_ESTABLISHED, peer, scenario);
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  gst_sip_test_peer_free (peer);

  g_assert_cmpuint (f->n_incoming, ==, 1);
  g_assert_false (f->answer_failed);
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_ANSWERING));
  /* the BYE of the caller */
  g_assert_cmpuint (gst_sip_call_get_status_code (f->call), ==, 200);
  g_assert_cmpstr (
      gst_sip_call_get_remote_uri (f->call), ==, "sip:calling@" ADDRESS);

  /* what the answer in the ACK chose, with our payload types */
  g_assert_cmpuint (g_list_length (f->established_streams), ==, 2);
  audio = find_stream (f->established_streams, "audio");
  assert_send_codec (audio, "PCMU", 8000, 0);
  assert_remote_rtp (audio, 7078);
  g_assert_cmpuint (gst_sip_sdp_stream_get_local_port (audio), ==, 40000);
  g_assert_cmpint (gst_sip_sdp_stream_get_direction (audio), ==,
      GST_SIP_MEDIA_DIRECTION_SENDRECV);
  /* the answer has no telephone-event */
  g_assert_cmpint (gst_sip_sdp_stream_get_telephone_event_pt (audio), <, 0);
  video = find_stream (f->established_streams, "video");
  assert_send_codec (video, "H263", 90000, 34);
  assert_remote_rtp (video, 9078);
  g_assert_cmpuint (gst_sip_sdp_stream_get_local_port (video), ==, 40002);
  g_assert_cmpint (gst_sip_sdp_stream_get_direction (video), ==,
      GST_SIP_MEDIA_DIRECTION_SENDRECV);
}

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

/* the value of the quoted parameter @name of the credentials @line */
static gchar *
digest_param (const gchar *line, const gchar *name)
{
  gchar *pattern, *value = NULL;
  GRegex *regex;
  GMatchInfo *match;

  pattern = g_strdup_printf ("[ ,]%s=\"([^\"]*)\"", name);
  regex = g_regex_new (pattern, 0, 0, NULL);
  g_assert_nonnull (regex);
  if (g_regex_match (regex, line, 0, &match))
    value = g_match_info_fetch (match, 1);
  g_match_info_free (match);
  g_regex_unref (regex);
  g_free (pattern);
  g_assert_nonnull (value);

  return value;
}

/* Checks the Proxy-Authorization that sipp logged: the RFC 2069 response
 * MD5(HA1:nonce:HA2) for @method. */
static void
assert_logged_digest (GstSipTestPeer *peer, const gchar *method,
    const gchar *user, const gchar *password)
{
  gchar *log = gst_sip_test_peer_read_file (peer, SIPP_LOG_FILE);
  const gchar *found;
  gchar *line, *realm, *nonce, *uri, *response, *ha1, *ha2, *expected;

  /* the header line, in a string of its own */
  found = strstr (log, "Proxy-Authorization: Digest ");
  g_assert_nonnull (found);
  line = g_strndup (found, strcspn (found, "\n"));
  g_free (log);
  g_test_message ("sipp logged %s", line);

  g_assert_nonnull (strstr (line, "username=\""));
  realm = digest_param (line, "realm");
  nonce = digest_param (line, "nonce");
  uri = digest_param (line, "uri");
  response = digest_param (line, "response");
  ha1 = md5_hex ("%s:%s:%s", user, realm, password);
  ha2 = md5_hex ("%s:%s", method, uri);
  expected = md5_hex ("%s:%s:%s", ha1, nonce, ha2);
  g_assert_cmpstr (response, ==, expected);

  g_free (expected);
  g_free (ha2);
  g_free (ha1);
  g_free (response);
  g_free (uri);
  g_free (nonce);
  g_free (realm);
  g_free (line);
}

/* A softswitch's video call, the caller's side: a 407 without qop, the
 * INVITE again with Proxy-Authorization, then a 200 that picks AMR and
 * H.264. */
static void
test_auth_407_caller (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-auth-407-uas.xml";
  const gchar *extra[] = { "-key", "user", "20002230001", NULL };
  GstSipTestPeer *peer;
  GstSipAccount *account;
  const GstSipSdpStream *audio, *video;
  const GstSipCodec *codec;
  GError *error = NULL;
  guint16 port;

  if (!f->ua)
    return;

  peer = spawn_uas (scenario, extra, &port);
  account = gst_sip_account_new (f->ua, "sip:20002230001@" ADDRESS, &error);
  g_assert_no_error (error);
  g_object_set (account, "password", "ASG-secret", NULL);
  dial (f, account, negotiator_amr_h264 (), "20002230000", port);
  g_object_unref (account);

  wait_dialed (f, peer, scenario);
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 200);
  g_assert_cmpint (
      gst_sip_call_get_state (f->call), ==, GST_SIP_CALL_STATE_ESTABLISHED);
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_RINGING));

  /* the softswitch's answer, with the payload types of our offer */
  g_assert_cmpuint (g_list_length (f->established_streams), ==, 2);
  audio = find_stream (f->established_streams, "audio");
  assert_send_codec (audio, "AMR", 8000, 114);
  codec = gst_sip_sdp_stream_get_send_codec (audio);
  g_assert_cmpstr (gst_sip_codec_get_fmtp_param (codec, "mode-set"), ==, "0");
  /* bandwidth-efficient, as offered and answered */
  g_assert_null (gst_sip_codec_get_fmtp_param (codec, "octet-align"));
  g_assert_cmpint (gst_sip_sdp_stream_get_telephone_event_pt (audio), ==, 101);
  g_assert_cmpuint (gst_sip_sdp_stream_get_ptime (audio), ==, 100);
  g_assert_cmpuint (gst_sip_sdp_stream_get_local_port (audio), ==, 21000);
  assert_remote_rtp (audio, 18582);
  video = find_stream (f->established_streams, "video");
  /* 126, not the packetization-mode=1 alternative 98 */
  assert_send_codec (video, "H264", 90000, 126);
  codec = gst_sip_sdp_stream_get_send_codec (video);
  g_assert_cmpstr (
      gst_sip_codec_get_fmtp_param (codec, "profile-level-id"), ==, "42e00b");
  /* no packetization-mode: single NAL unit mode (RFC 6184 8.1) */
  g_assert_null (gst_sip_codec_get_fmtp_param (codec, "packetization-mode"));
  g_assert_cmpuint (gst_sip_sdp_stream_get_local_port (video), ==, 21070);
  assert_remote_rtp (video, 49166);

  gst_sip_call_hangup (f->call);
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->call), ==, 200);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  assert_logged_digest (peer, "INVITE", "20002230001", "ASG-secret");
  gst_sip_test_peer_free (peer);
}

/* How many messages sipp received (in its -trace_msg file) that start
 * with @start_line and carry @cseq. */
static guint
count_received (
    GstSipTestPeer *peer, const gchar *start_line, const gchar *cseq)
{
  gchar *log = gst_sip_test_peer_read_file (peer, SIPP_MESSAGE_FILE);
  gchar **blocks =
      g_strsplit (log, "-----------------------------------------------", -1);
  guint i, n = 0;

  for (i = 0; blocks[i]; i++) {
    const gchar *message = strstr (blocks[i], "message received");

    if (!message || !(message = strchr (message, '\n')))
      continue;
    while (*message == '\n' || *message == '\r')
      message++;
    if (g_str_has_prefix (message, start_line) &&
        strstr (message, cseq) != NULL)
      n++;
  }
  g_strfreev (blocks);
  g_free (log);

  return n;
}

/* The caller never sends the ACK: the 200 goes again and again, then a BYE
 * ends the session (RFC 3261 13.3.1.4). */
static void
test_no_ack (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-no-ack-uac.xml";
  GstSipTestPeer *peer;
  guint copies;

  if (!f->ua)
    return;

  peer = spawn_uac (f, scenario, NULL);
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);

  g_assert_false (f->answer_failed);
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_ANSWERING));
  g_assert_false (states_contain (f->states, GST_SIP_CALL_STATE_ESTABLISHED));
  g_assert_cmpuint (gst_sip_call_get_status_code (f->call), ==, 408);
  /* the 2xx went on for 64*T1 */
  g_assert_cmpint (f->ended_time - f->answering_time, >=, 64 * T1 * 1000);
  /* T1, 2 T1, 4 T1, then T2 = 8 T1: at least 7 copies in 64 T1 */
  copies = count_received (peer, "SIP/2.0 200 OK", "CSeq: 1 INVITE");
  g_test_message ("sipp received the 200 %u times", copies);
  g_assert_cmpuint (copies, >=, 7);
  gst_sip_test_peer_free (peer);
}

/* The callee's 200 arrives three times: each copy gets an ACK, the call
 * stays up until the callee hangs up. */
static void
test_2xx_retransmit (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-2xx-retransmit-uas.xml";
  GstSipTestPeer *peer;
  guint16 port;

  if (!f->ua)
    return;

  peer = spawn_uas (scenario, NULL, &port);
  dial (f, NULL, negotiator_audio (), "callee", port);
  wait_dialed (f, peer, scenario);
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 200);

  /* sipp's BYE after the third ACK */
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_ESTABLISHED));
  g_assert_false (states_contain (f->states, GST_SIP_CALL_STATE_ENDING));
  g_assert_cmpuint (gst_sip_call_get_status_code (f->call), ==, 200);
  g_assert_cmpuint (count_received (peer, "ACK ", "CSeq: 1 ACK"), ==, 3);
  gst_sip_test_peer_free (peer);
}

/* The callee sends its answer in a 183 first: early media. */
static void
test_early_media (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-early-media-uas.xml";
  GstSipTestPeer *peer;
  const GstSipSdpStream *audio;
  guint16 port;

  if (!f->ua)
    return;

  peer = spawn_uas (scenario, NULL, &port);
  dial (f, NULL, negotiator_audio (), "callee", port);
  wait_dialed (f, peer, scenario);
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 200);

  /* the early state had the media of the 183 already */
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_EARLY));
  g_assert_false (states_contain (f->states, GST_SIP_CALL_STATE_RINGING));
  g_assert_cmpuint (g_list_length (f->early_streams), ==, 1);
  audio = find_stream (f->early_streams, "audio");
  assert_send_codec (audio, "PCMU", 8000, 0);
  assert_remote_rtp (audio, 7078);
  g_assert_cmpint (gst_sip_sdp_stream_get_direction (audio), ==,
      GST_SIP_MEDIA_DIRECTION_SENDRECV);
  audio = find_stream (f->established_streams, "audio");
  assert_send_codec (audio, "PCMU", 8000, 0);
  assert_remote_rtp (audio, 7078);

  gst_sip_call_hangup (f->call);
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->call), ==, 200);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  gst_sip_test_peer_free (peer);
}

/* The callee's 180 is reliable: we PRACK it. */
static void
test_100rel_caller (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-100rel-uas.xml";
  GstSipTestPeer *peer;
  guint16 port;

  if (!f->ua)
    return;

  peer = spawn_uas (scenario, NULL, &port);
  dial (f, NULL, negotiator_audio (), "callee", port);
  wait_dialed (f, peer, scenario);
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 200);
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_RINGING));

  gst_sip_call_hangup (f->call);
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  g_assert_cmpuint (count_received (peer, "PRACK ", "PRACK"), ==, 1);
  gst_sip_test_peer_free (peer);
}

static gboolean
prack_answered (gpointer user_data)
{
  Fixture *f = user_data;

  /* the INVITE's server transaction and the PRACK's */
  return f->call &&
      gst_sip_call_get_state (f->call) == GST_SIP_CALL_STATE_RINGING &&
      gst_sip_user_agent_get_n_transactions (f->ua) >= 2;
}

/* The caller requires 100rel: our 180 is reliable, we answer its PRACK,
 * then the call. */
static void
test_100rel_callee (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-100rel-uac.xml";
  GstSipTestPeer *peer;
  GError *error = NULL;

  if (!f->ua)
    return;
  f->callee_mode = CALLEE_RING_THEN_ANSWER;

  peer = spawn_uac (f, scenario, NULL);
  if (!gst_sip_test_wait (prack_answered, f, WAIT_MS))
    gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  g_assert_true (prack_answered (f));
  g_assert_true (gst_sip_call_answer (f->call, &error));
  g_assert_no_error (error);

  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  g_assert_false (f->answer_failed);
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_ESTABLISHED));
  g_assert_cmpuint (gst_sip_call_get_status_code (f->call), ==, 200);
  /* one reliable 180 (retransmissions aside), with an RSeq */
  g_assert_cmpuint (count_received (peer, "SIP/2.0 180", "RSeq:"), >=, 1);
  gst_sip_test_peer_free (peer);
}

/* The caller puts us on hold: a=sendonly is answered with a=recvonly. */
static void
test_hold_callee (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-hold-uac.xml";
  GstSipTestPeer *peer;
  GList *streams;
  const GstSipSdpStream *audio;

  if (!f->ua)
    return;

  peer = spawn_uac (f, scenario, NULL);
  wait_state (&f->call, GST_SIP_CALL_STATE_ESTABLISHED, peer, scenario);
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->call), ==, 200);

  audio = find_stream (f->established_streams, "audio");
  g_assert_cmpint (gst_sip_sdp_stream_get_direction (audio), ==,
      GST_SIP_MEDIA_DIRECTION_SENDRECV);
  /* after the re-INVITE: we only receive */
  streams = copy_streams (f->call);
  audio = find_stream (streams, "audio");
  g_assert_cmpint (gst_sip_sdp_stream_get_direction (audio), ==,
      GST_SIP_MEDIA_DIRECTION_RECVONLY);
  assert_send_codec (audio, "PCMU", 8000, 0);
  free_streams (streams);
  /* the caller hung up, not we */
  g_assert_false (states_contain (f->states, GST_SIP_CALL_STATE_ENDING));
  gst_sip_test_peer_free (peer);
}

/* The caller refreshes the session with an UPDATE without SDP. */
static void
test_session_refresh_callee (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-refresh-uac.xml";
  GstSipTestPeer *peer;
  guint interval = 0;

  if (!f->ua)
    return;

  peer = spawn_uac (f, scenario, NULL);
  wait_state (&f->call, GST_SIP_CALL_STATE_ESTABLISHED, peer, scenario);
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  /* ended by the caller's BYE, not by a session timer */
  g_assert_cmpuint (gst_sip_call_get_status_code (f->call), ==, 200);
  g_assert_false (states_contain (f->states, GST_SIP_CALL_STATE_ENDING));
  g_object_get (f->call, "session-expires", &interval, NULL);
  g_assert_cmpuint (interval, >, 0);
  gst_sip_test_peer_free (peer);
}

/* An offer broken in many ways: 400 or 488, no call left, no crash. */
static void
test_malformed_sdp (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-malformed-sdp-uac.xml";
  GstSipTestPeer *peer;
  guint code;

  if (!f->ua)
    return;

  peer = spawn_uac (f, scenario, NULL);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  gst_sip_test_peer_free (peer);

  /* refused before the application saw it (400), or by the answer (488) */
  g_assert_cmpuint (f->n_incoming, <=, 1);
  if (f->call) {
    wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, NULL, scenario);
    code = gst_sip_call_get_status_code (f->call);
    g_assert_true (code == 400 || code == 488);
    if (f->answer_failed)
      g_assert_error (
          f->answer_error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
  }

  /* and the next call works */
  g_clear_object (&f->call);
  g_array_set_size (f->states, 0);
  free_streams (f->established_streams);
  f->established_streams = NULL;
  f->n_incoming = 0;
  peer = spawn_uac (f, "call-hold-uac.xml", NULL);
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, "call-hold-uac.xml");
  gst_sip_test_sipp_assert_succeeds (
      peer, "call-hold-uac.xml", SIPP_EXIT_TIMEOUT_MS);
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_ESTABLISHED));
  gst_sip_test_peer_free (peer);
}

/* A 422 with a Min-SE: the INVITE again with that session interval. */
static void
test_422_min_se (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-422-uas.xml";
  GstSipTestPeer *peer;
  guint interval = 0, min_se = 0;
  guint16 port;

  if (!f->ua)
    return;

  peer = spawn_uas (scenario, NULL, &port);
  prepare_call (f, NULL, negotiator_audio ());
  g_object_set (f->call, "session-expires", 300, "min-se", 90, NULL);
  place_call (f, "callee", port);
  wait_dialed (f, peer, scenario);
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 200);
  g_object_get (f->call, "session-expires", &interval, "min-se", &min_se, NULL);
  g_assert_cmpuint (interval, ==, 1800);
  g_assert_cmpuint (min_se, ==, 1800);

  gst_sip_call_hangup (f->call);
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  gst_sip_test_peer_free (peer);
}

/* A 302: the INVITE goes to its Contact, a second sipp, which answers. */
static void
test_redirect (Fixture *f, gconstpointer data)
{
  GstSipTestPeer *redirector, *callee;
  guint16 redirector_port, callee_port;
  gchar *contact;

  if (!f->ua)
    return;

  {
    const gchar *extra[] = { "-key", "user", "moved", "-key", "invite_cseq",
      "2", NULL };

    callee = spawn_uas ("call-answer-uas.xml", extra, &callee_port);
  }
  contact = g_strdup_printf ("sip:moved@%s:%u", ADDRESS, callee_port);
  {
    const gchar *extra[] = { "-key", "contact", contact, NULL };

    redirector = spawn_uas ("call-redirect-uas.xml", extra, &redirector_port);
  }

  dial (f, NULL, negotiator_audio (), "callee", redirector_port);
  wait_dialed (f, callee, "call-answer-uas.xml");
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 200);
  gst_sip_test_sipp_assert_succeeds (
      redirector, "call-redirect-uas.xml", SIPP_EXIT_TIMEOUT_MS);
  g_assert_cmpint (
      gst_sip_call_get_state (f->call), ==, GST_SIP_CALL_STATE_ESTABLISHED);

  gst_sip_call_hangup (f->call);
  wait_state (
      &f->call, GST_SIP_CALL_STATE_ENDED, callee, "call-answer-uas.xml");
  gst_sip_test_sipp_assert_succeeds (
      callee, "call-answer-uas.xml", SIPP_EXIT_TIMEOUT_MS);
  gst_sip_test_peer_free (callee);
  gst_sip_test_peer_free (redirector);
  g_free (contact);
}

/* A REFER in the call: we are the transferee, call the target (a second
 * sipp), report to the transferor with NOTIFYs and hang up. */
static void
test_refer_transferee (Fixture *f, gconstpointer data)
{
  GstSipTestPeer *transferor, *target;
  guint16 target_port;
  gchar *refer_to;

  if (!f->ua)
    return;
  f->accept_transfer = TRUE;

  {
    const gchar *extra[] = { "-key", "user", "target", "-key", "invite_cseq",
      "1", NULL };

    target = spawn_uas ("call-answer-uas.xml", extra, &target_port);
  }
  refer_to = g_strdup_printf ("sip:target@%s:%u", ADDRESS, target_port);
  {
    const gchar *extra[] = { "-key", "refer_to", refer_to, NULL };

    transferor = spawn_uac (f, "call-refer-uac.xml", extra);
  }

  wait_state (&f->transfer_call, GST_SIP_CALL_STATE_ESTABLISHED, transferor,
      "call-refer-uac.xml");
  g_assert_cmpstr (f->transfer_target, ==, refer_to);
  /* the transferred call ends once the new one is up */
  wait_state (
      &f->call, GST_SIP_CALL_STATE_ENDED, transferor, "call-refer-uac.xml");
  gst_sip_test_sipp_assert_succeeds (
      transferor, "call-refer-uac.xml", SIPP_EXIT_TIMEOUT_MS);
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_ESTABLISHED));
  g_assert_true (
      states_contain (f->transfer_states, GST_SIP_CALL_STATE_RINGING));

  gst_sip_call_hangup (f->transfer_call);
  wait_state (&f->transfer_call, GST_SIP_CALL_STATE_ENDED, target,
      "call-answer-uas.xml");
  gst_sip_test_sipp_assert_succeeds (
      target, "call-answer-uas.xml", SIPP_EXIT_TIMEOUT_MS);
  gst_sip_test_peer_free (transferor);
  gst_sip_test_peer_free (target);
  g_free (refer_to);
}

/* Two 2xx with different To tags: the first is the call, the second is
 * acknowledged and hung up. */
static void
test_forking (Fixture *f, gconstpointer data)
{
  const gchar *scenario = "call-fork-uas.xml";
  GstSipTestPeer *peer;
  guint16 port;

  if (!f->ua)
    return;

  peer = spawn_uas (scenario, NULL, &port);
  dial (f, NULL, negotiator_audio (), "callee", port);
  wait_dialed (f, peer, scenario);
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 200);

  /* sipp hangs up the first dialog after we ended the second */
  wait_state (&f->call, GST_SIP_CALL_STATE_ENDED, peer, scenario);
  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_RINGING));
  g_assert_true (states_contain (f->states, GST_SIP_CALL_STATE_ESTABLISHED));
  g_assert_false (states_contain (f->states, GST_SIP_CALL_STATE_ENDING));
  g_assert_cmpuint (gst_sip_call_get_status_code (f->call), ==, 200);
  g_assert_cmpuint (count_received (peer, "ACK ", "CSeq:"), ==, 2);
  g_assert_cmpuint (count_received (peer, "BYE ", "CSeq:"), ==, 1);
  gst_sip_test_peer_free (peer);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  sipp = gst_sip_test_find_program ("sipp");

#define ADD(path, func)                                                      \
  g_test_add ("/interop/call-sipp/udp4/" path, Fixture, NULL, fixture_setup, \
      func, fixture_teardown)
  ADD ("late-offer-callee", test_late_offer_callee);
  ADD ("auth-407-caller", test_auth_407_caller);
  ADD ("no-ack", test_no_ack);
  ADD ("2xx-retransmit", test_2xx_retransmit);
  ADD ("early-media", test_early_media);
  ADD ("100rel-caller", test_100rel_caller);
  ADD ("100rel-callee", test_100rel_callee);
  ADD ("hold-callee", test_hold_callee);
  ADD ("session-refresh-callee", test_session_refresh_callee);
  ADD ("malformed-sdp", test_malformed_sdp);
  ADD ("422-min-se", test_422_min_se);
  ADD ("redirect", test_redirect);
  ADD ("refer-transferee", test_refer_transferee);
  ADD ("forking", test_forking);
#undef ADD

  ret = g_test_run ();

  g_free (sipp);

  return ret;
}
