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

/* Calls between a GstSipUserAgent and baresip, an independent user agent
 * (tests/common/baresip.h), on 127.0.0.1 over UDP and TCP:
 *
 * - outgoing: the user agent calls baresip, which answers by itself (or
 *   rings, or sends early media, until told to answer); the call is
 *   established on both sides with the same Call-ID and codec, then one
 *   side hangs up and both see the call end; we cancel a ringing call,
 *   baresip rejects one;
 * - incoming: baresip dials the user agent (the "dial" command on its
 *   control connection), whose incoming-call handler answers (or rings,
 *   sends early media, rejects); then one side hangs up, or baresip
 *   cancels;
 * - in the call: hold and resume both ways, re-INVITE from baresip, an
 *   UPDATE that baresip refuses, DTMF by INFO, a session timer that only
 *   our side knows; out of calls: OPTIONS from baresip.
 *
 * baresip offers and accepts PCMU and PCMA, or only PCMA for the tests
 * that check the choice of the codec.  No media flows: the user agent
 * only negotiates.  Each test is skipped when baresip is not installed. */

#include <string.h>

#include <sip/sip.h>

#include "baresip.h"
#include "test-utils.h"

#define T1 20
/* Upper bound for a call to be set up or torn down on loopback, and for
 * baresip to report it */
#define WAIT_MS 10000

#define ADDRESS "127.0.0.1"
#define USER "gst"

typedef enum
{
  HANGUP_LOCAL,
  HANGUP_REMOTE,
} Hangup;

/* What our incoming-call handler does */
typedef enum
{
  INCOMING_ANSWER,
  INCOMING_RING,
  INCOMING_REJECT,
  INCOMING_EARLY_MEDIA,
} Incoming;

typedef struct
{
  GstSipTransportProtocol protocol;
  /* baresip's audio codecs (NULL: PCMU, PCMA) and what the call must use */
  const gchar *audio_codecs;
  const gchar *codec;
  guint payload_type;
  /* who ends the call */
  Hangup hangup;
  /* baresip's answer mode: NULL for "auto" */
  const gchar *answer_mode;
} Params;

typedef struct
{
  const Params *params;
  GstSipUserAgent *ua;
  gchar *uri; /* ours, for baresip to dial */
  guint16 rtp_port;
  GstSipTestBaresip *baresip;

  Incoming incoming;
  guint session_expires; /* of our calls; 0 keeps the default */
  GstSipCall *call;
  GString *states;
  guint n_incoming;
  gboolean dialed;
  guint dial_status;
  GError *dial_error;
} Fixture;

static gboolean
params_tcp (const Params *p)
{
  return p->protocol == GST_SIP_TRANSPORT_PROTOCOL_TCP;
}

static const gchar *
state_name (GstSipCallState state)
{
  GEnumClass *klass = g_type_class_ref (GST_TYPE_SIP_CALL_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);
  const gchar *name = value ? value->value_nick : "?";

  g_type_class_unref (klass);
  return name;
}

/* Failure reports */

/* Fails the test with @problem, what our call went through, and baresip's
 * output and control connection. */
static void
fail_with_logs (Fixture *f, const gchar *file, gint line, const gchar *func,
    const gchar *problem)
{
  GString *report = g_string_new (problem);
  gchar **lines;
  gchar *text;

  g_string_append_c (report, '\n');
  if (f->call != NULL) {
    g_string_append_printf (report,
        "--- our call %s ---\nstate %s, status %u (%s), states:%s\n",
        gst_sip_call_get_call_id (f->call),
        state_name (gst_sip_call_get_state (f->call)),
        gst_sip_call_get_status_code (f->call),
        gst_sip_call_get_reason (f->call) ? gst_sip_call_get_reason (f->call)
                                          : "",
        f->states->str);
  }
  if (f->dial_error != NULL)
    g_string_append_printf (report, "dial error: %s\n", f->dial_error->message);
  if (f->baresip != NULL) {
    g_string_append_printf (report,
        "--- baresip (pid %d, in %s) control connection ---\n%s"
        "--- baresip log ---\n%s",
        (gint) gst_sip_test_baresip_get_pid (f->baresip),
        gst_sip_test_baresip_get_workdir (f->baresip),
        gst_sip_test_baresip_get_control_log (f->baresip),
        gst_sip_test_baresip_get_log (f->baresip));
  }

  /* the assertion message goes to a TAP "Bail out!" line: make the lines
   * after the first TAP comments */
  lines = g_strsplit (report->str, "\n", -1);
  text = g_strjoinv ("\n# ", lines);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, text);
  g_free (text);
  g_strfreev (lines);
  g_string_free (report, TRUE);
}

/* g_assert_*() with the logs of baresip */
#define CHECK(f, expr)                                                   \
  G_STMT_START                                                           \
  {                                                                      \
    if (!(expr))                                                         \
      fail_with_logs (                                                   \
          f, __FILE__, __LINE__, G_STRFUNC, "assertion failed: " #expr); \
  }                                                                      \
  G_STMT_END

#define CHECK_CMPUINT(f, a, op, b)                                             \
  G_STMT_START                                                                 \
  {                                                                            \
    guint64 check_a = (a), check_b = (b);                                      \
    if (!(check_a op check_b)) {                                               \
      gchar *check_s = g_strdup_printf ("assertion failed: " #a " " #op " " #b \
                                        " (%" G_GUINT64_FORMAT " " #op         \
                                        " %" G_GUINT64_FORMAT ")",             \
          check_a, check_b);                                                   \
      fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, check_s);              \
      g_free (check_s);                                                        \
    }                                                                          \
  }                                                                            \
  G_STMT_END

#define CHECK_CMPSTR(f, a, b)                                              \
  G_STMT_START                                                             \
  {                                                                        \
    const gchar *check_a = (a), *check_b = (b);                            \
    if (g_strcmp0 (check_a, check_b) != 0) {                               \
      gchar *check_s =                                                     \
          g_strdup_printf ("assertion failed: " #a " == " #b " (\"%s\" "   \
                           "== \"%s\")",                                   \
              check_a ? check_a : "(null)", check_b ? check_b : "(null)"); \
      fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, check_s);          \
      g_free (check_s);                                                    \
    }                                                                      \
  }                                                                        \
  G_STMT_END

/* Our side */

static GstSipSdpNegotiator *
new_negotiator (Fixture *f)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new (ADDRESS);

  /* the default codecs: PCMU, PCMA, AMR and telephone-event */
  gst_sip_sdp_negotiator_add_media (n, "audio", f->rtp_port, NULL);
  return n;
}

static void
on_state (GstSipCall *call, GParamSpec *pspec, Fixture *f)
{
  g_string_append_printf (
      f->states, " %s", state_name (gst_sip_call_get_state (call)));
}

static void
watch_call (Fixture *f, GstSipCall *call)
{
  f->call = g_object_ref (call);
  g_string_append_printf (
      f->states, " %s", state_name (gst_sip_call_get_state (call)));
  g_signal_connect (call, "notify::state", G_CALLBACK (on_state), f);
}

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, Fixture *f)
{
  GstSipSdpNegotiator *n;
  GError *error = NULL;

  f->n_incoming++;
  if (f->call != NULL)
    return FALSE;

  watch_call (f, call);
  n = new_negotiator (f);
  gst_sip_call_set_negotiator (call, n);
  g_object_unref (n);
  if (f->session_expires != 0)
    g_object_set (
        call, "session-expires", f->session_expires, "min-se", 1, NULL);
  switch (f->incoming) {
    case INCOMING_ANSWER:
      gst_sip_call_answer (call, &error);
      break;
    case INCOMING_RING:
      gst_sip_call_ring (call, FALSE, &error);
      break;
    case INCOMING_REJECT:
      gst_sip_call_reject (call, 486, NULL, &error);
      break;
    case INCOMING_EARLY_MEDIA:
      gst_sip_call_ring (call, TRUE, &error);
      break;
  }
  if (error != NULL) {
    g_test_message ("cannot handle the incoming call: %s", error->message);
    g_error_free (error);
  }
  return TRUE;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  GstSipTransport *transport;
  GError *error = NULL;

  memset (f, 0, sizeof (*f));
  f->params = p;
  f->states = g_string_new (NULL);

  f->ua = gst_sip_test_user_agent_new (T1);
  g_object_set (f->ua, "from", "<sip:" USER "@" ADDRESS ">", NULL);
  g_signal_connect (f->ua, "incoming-call", G_CALLBACK (on_incoming_call), f);
  transport =
      gst_sip_user_agent_add_transport (f->ua, p->protocol, ADDRESS, 0, &error);
  g_assert_no_error (error);
  f->uri = g_strdup_printf ("sip:" USER "@" ADDRESS ":%u%s",
      gst_sip_transport_get_port (transport),
      params_tcp (p) ? ";transport=tcp" : "");

  /* the port of our media: free when the test starts, so that baresip's
   * RTP goes to no socket of another test */
  f->rtp_port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, ADDRESS);
  g_assert_cmpuint (f->rtp_port, !=, 0);
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
  g_clear_pointer (&f->baresip, gst_sip_test_baresip_free);
  g_clear_object (&f->call);
  g_clear_object (&f->ua);
  g_clear_error (&f->dial_error);
  g_string_free (f->states, TRUE);
  g_free (f->uri);
}

/* Starts baresip with the codecs of the test; %FALSE when the test is
 * skipped. */
static gboolean
start_baresip (Fixture *f)
{
  GstSipTestBaresipConfig config = { 0 };
  GError *error = NULL;

  config.address = ADDRESS;
  config.audio_codecs = f->params->audio_codecs;
  config.answer_mode = f->params->answer_mode;
  f->baresip = gst_sip_test_baresip_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_error_free (error);
    return FALSE;
  }
  g_assert_no_error (error);
  return TRUE;
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

typedef struct
{
  Fixture *f;
  GstSipCallState state;
} StateWait;

static gboolean
has_state (gpointer user_data)
{
  StateWait *w = user_data;

  return w->f->call != NULL && gst_sip_call_get_state (w->f->call) == w->state;
}

static void
wait_state (Fixture *f, GstSipCallState state, const gchar *file, gint line)
{
  StateWait w = { f, state };

  if (!gst_sip_test_wait (has_state, &w, WAIT_MS)) {
    gchar *problem =
        g_strdup_printf ("our call did not reach state %s", state_name (state));

    fail_with_logs (f, file, line, G_STRFUNC, problem);
    g_free (problem);
  }
}

#define WAIT_STATE(f, state) wait_state (f, state, __FILE__, __LINE__)

/* Waits for baresip to report an event of @type about our call. */
static const GstSipTestBaresipEvent *
wait_event (Fixture *f, const gchar *type, const gchar *file, gint line)
{
  const GstSipTestBaresipEvent *event;

  event = gst_sip_test_baresip_wait_event (f->baresip, type, WAIT_MS);
  if (event == NULL) {
    gchar *problem = g_strdup_printf ("baresip did not report %s", type);

    fail_with_logs (f, file, line, G_STRFUNC, problem);
    g_free (problem);
  }
  return event;
}

#define WAIT_EVENT(f, type) wait_event (f, type, __FILE__, __LINE__)

/* Has baresip carry out a command of its menu. */
static void
command (Fixture *f, const gchar *name, const gchar *params, const gchar *file,
    gint line)
{
  GError *error = NULL;

  if (!gst_sip_test_baresip_command (f->baresip, name, params, NULL, &error)) {
    fail_with_logs (f, file, line, G_STRFUNC, error->message);
    g_error_free (error);
  }
}

#define COMMAND(f, name, params) command (f, name, params, __FILE__, __LINE__)

/* Checks */

/* The call is established on both sides: the same dialog, and the codec
 * of the test in both directions. */
static void
check_established (Fixture *f, const GstSipTestBaresipEvent *event,
    const gchar *baresip_direction)
{
  const Params *p = f->params;
  GList *streams;
  GstSipSdpStream *stream;
  const GstSipCodec *codec;
  gchar *encoder;

  CHECK_CMPSTR (f, event->direction, baresip_direction);
  CHECK_CMPSTR (f, event->call_id, gst_sip_call_get_call_id (f->call));
  CHECK (f, gst_sip_call_get_local_description (f->call) != NULL);
  CHECK (f, gst_sip_call_get_remote_description (f->call) != NULL);
  CHECK_CMPUINT (f, gst_sip_user_agent_get_n_calls (f->ua), ==, 1);

  streams = gst_sip_sdp_negotiator_get_streams (
      gst_sip_call_get_negotiator (f->call));
  CHECK_CMPUINT (f, g_list_length (streams), ==, 1);
  stream = streams->data;
  CHECK (f, gst_sip_sdp_stream_is_enabled (stream));
  CHECK_CMPUINT (f, gst_sip_sdp_stream_get_direction (stream), ==,
      GST_SIP_MEDIA_DIRECTION_SENDRECV);
  CHECK_CMPUINT (
      f, gst_sip_sdp_stream_get_local_port (stream), ==, f->rtp_port);
  codec = gst_sip_sdp_stream_get_send_codec (stream);
  CHECK (f, codec != NULL);
  CHECK_CMPSTR (f, gst_sip_codec_get_encoding_name (codec), p->codec);
  CHECK_CMPUINT (
      f, gst_sip_codec_get_payload_type (codec), ==, p->payload_type);
  /* baresip offers and accepts telephone-event as 101 */
  CHECK_CMPUINT (
      f, gst_sip_sdp_stream_get_telephone_event_pt (stream), ==, 101);
  g_list_free_full (streams, (GDestroyNotify) gst_sip_sdp_stream_free);

  /* and baresip sends with it too */
  encoder = g_strdup_printf ("Set audio encoder: %s 8000Hz", p->codec);
  CHECK (f, gst_sip_test_baresip_wait_log (f->baresip, encoder, WAIT_MS));
  g_free (encoder);
}

/* One side hangs up; both see the call end. */
static void
hang_up (Fixture *f)
{
  const GstSipTestBaresipEvent *closed;

  if (f->params->hangup == HANGUP_LOCAL) {
    gst_sip_call_hangup (f->call);
    WAIT_STATE (f, GST_SIP_CALL_STATE_ENDED);
    /* baresip answered our BYE */
    CHECK_CMPUINT (f, gst_sip_call_get_status_code (f->call), ==, 200);
    closed = WAIT_EVENT (f, "CALL_CLOSED");
    /* baresip's words for a BYE it received */
    CHECK_CMPSTR (f, closed->param, "Connection reset by peer");
  } else {
    COMMAND (f, "hangup", NULL);
    closed = WAIT_EVENT (f, "CALL_CLOSED");
    /* baresip's words for a call it ended */
    CHECK_CMPSTR (f, closed->param, "Connection reset by user");
    WAIT_STATE (f, GST_SIP_CALL_STATE_ENDED);
    CHECK (f, strstr (f->states->str, "ending") == NULL);
  }
  CHECK_CMPSTR (f, closed->call_id, gst_sip_call_get_call_id (f->call));
  CHECK_CMPUINT (
      f, gst_sip_test_baresip_count_events (f->baresip, "CALL_CLOSED"), ==, 1);

  /* the BYE went over the transport of the test, both ways */
  CHECK (f,
      strstr (gst_sip_test_baresip_get_log (f->baresip),
          params_tcp (f->params) ? "TCP " : "UDP ") != NULL);
  CHECK (f,
      strstr (gst_sip_test_baresip_get_log (f->baresip), "\nBYE sip:") != NULL);

  /* nothing is left on our side once the transactions ran out */
  CHECK (f, gst_sip_test_wait (all_quiet, f, WAIT_MS));
}

/* Our call to baresip */
static void
dial_baresip (Fixture *f)
{
  GstSipSdpNegotiator *n;
  GstSipCall *call;
  gchar *uri;

  call = gst_sip_call_new (f->ua, NULL);
  watch_call (f, call);
  g_object_unref (call);
  n = new_negotiator (f);
  gst_sip_call_set_negotiator (f->call, n);
  g_object_unref (n);
  if (f->session_expires != 0)
    g_object_set (
        f->call, "session-expires", f->session_expires, "min-se", 1, NULL);
  uri = gst_sip_test_baresip_dup_uri (
      f->baresip, params_tcp (f->params) ? "tcp" : NULL);
  gst_sip_call_dial_async (f->call, uri, NULL, dial_done, f);
  g_free (uri);
}

/* Waits until our call to baresip is answered. */
static void
wait_answered (Fixture *f)
{
  const GstSipTestBaresipEvent *event;

  CHECK (f, gst_sip_test_wait (is_dialed, f, WAIT_MS));
  CHECK (f, f->dial_error == NULL);
  CHECK_CMPUINT (f, f->dial_status, ==, 200);
  WAIT_STATE (f, GST_SIP_CALL_STATE_ESTABLISHED);
  CHECK_CMPUINT (f, gst_sip_call_get_direction (f->call), ==,
      GST_SIP_CALL_DIRECTION_OUTGOING);

  event = WAIT_EVENT (f, "CALL_ESTABLISHED");
  check_established (f, event, "incoming");
}

/* Waits until baresip alerts (180 Ringing) for our call, in the answer
 * mode "manual". */
static void
wait_alerting (Fixture *f)
{
  const GstSipTestBaresipEvent *event;

  WAIT_STATE (f, GST_SIP_CALL_STATE_RINGING);
  event = WAIT_EVENT (f, "CALL_INCOMING");
  CHECK_CMPSTR (f, event->call_id, gst_sip_call_get_call_id (f->call));
  CHECK_CMPSTR (f, event->direction, "incoming");
  CHECK (f, !f->dialed);
}

/* The call was set up by baresip; we answer. */
static void
wait_incoming_answered (Fixture *f)
{
  const GstSipTestBaresipEvent *event;

  WAIT_STATE (f, GST_SIP_CALL_STATE_ESTABLISHED);
  CHECK_CMPUINT (f, f->n_incoming, ==, 1);
  CHECK_CMPUINT (f, gst_sip_call_get_direction (f->call), ==,
      GST_SIP_CALL_DIRECTION_INCOMING);
  CHECK (f, strstr (f->states->str, "answering") != NULL);

  event = WAIT_EVENT (f, "CALL_ESTABLISHED");
  check_established (f, event, "outgoing");
  CHECK (f, g_str_has_prefix (event->peer_uri, "sip:" USER "@" ADDRESS));
}

static GstSipMediaDirection
media_direction (Fixture *f)
{
  GList *streams = gst_sip_sdp_negotiator_get_streams (
      gst_sip_call_get_negotiator (f->call));
  GstSipMediaDirection direction = GST_SIP_MEDIA_DIRECTION_INACTIVE;

  if (streams != NULL)
    direction = gst_sip_sdp_stream_get_direction (streams->data);
  g_list_free_full (streams, (GDestroyNotify) gst_sip_sdp_stream_free);
  return direction;
}

typedef struct
{
  Fixture *f;
  GstSipMediaDirection direction;
} DirectionWait;

static gboolean
has_direction (gpointer user_data)
{
  DirectionWait *w = user_data;

  return media_direction (w->f) == w->direction;
}

static void
wait_direction (
    Fixture *f, GstSipMediaDirection direction, const gchar *file, gint line)
{
  DirectionWait w = { f, direction };

  if (!gst_sip_test_wait (has_direction, &w, WAIT_MS)) {
    gchar *problem = g_strdup_printf (
        "our media direction is %d, not %d", media_direction (f), direction);

    fail_with_logs (f, file, line, G_STRFUNC, problem);
    g_free (problem);
  }
}

#define WAIT_DIRECTION(f, direction) \
  wait_direction (f, direction, __FILE__, __LINE__)

static void
hold_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  guint *status = user_data;
  GError *error = NULL;

  *status = gst_sip_call_hold_finish (GST_SIP_CALL (source), result, &error);
  if (error != NULL) {
    g_test_message ("hold failed: %s", error->message);
    *status = 1;
    g_error_free (error);
  }
}

static gboolean
is_nonzero (gpointer user_data)
{
  return *(guint *) user_data != 0;
}

/* Holds or resumes our call by re-INVITE. */
static void
hold (Fixture *f, gboolean on)
{
  guint status = 0;

  gst_sip_call_hold_async (f->call, on, NULL, hold_done, &status);
  CHECK (f, gst_sip_test_wait (is_nonzero, &status, WAIT_MS));
  CHECK_CMPUINT (f, status, ==, 200);
  CHECK_CMPUINT (
      f, gst_sip_call_get_state (f->call), ==, GST_SIP_CALL_STATE_ESTABLISHED);
}

/* Tests */

/* We call baresip, which answers by itself. */
static void
test_outgoing (Fixture *f, gconstpointer data)
{
  if (!start_baresip (f))
    return;

  dial_baresip (f);
  wait_answered (f);
  hang_up (f);
}

/* baresip calls us; we answer. */
static void
test_incoming (Fixture *f, gconstpointer data)
{
  if (!start_baresip (f))
    return;

  COMMAND (f, "dial", f->uri);
  wait_incoming_answered (f);
  hang_up (f);
}

/* baresip rings, then is told to answer. */
static void
test_outgoing_accept (Fixture *f, gconstpointer data)
{
  if (!start_baresip (f))
    return;

  dial_baresip (f);
  wait_alerting (f);
  COMMAND (f, "accept", NULL);
  wait_answered (f);
  hang_up (f);
}

/* We cancel while baresip rings. */
static void
test_outgoing_cancel (Fixture *f, gconstpointer data)
{
  const GstSipTestBaresipEvent *closed;

  if (!start_baresip (f))
    return;

  dial_baresip (f);
  wait_alerting (f);
  gst_sip_call_hangup (f->call);

  CHECK (f, gst_sip_test_wait (is_dialed, f, WAIT_MS));
  CHECK (f, f->dial_error == NULL);
  CHECK_CMPUINT (f, f->dial_status, ==, 487);
  WAIT_STATE (f, GST_SIP_CALL_STATE_ENDED);
  CHECK_CMPUINT (f, gst_sip_call_get_status_code (f->call), ==, 487);
  closed = WAIT_EVENT (f, "CALL_CLOSED");
  CHECK_CMPSTR (f, closed->call_id, gst_sip_call_get_call_id (f->call));
  CHECK (f,
      strstr (gst_sip_test_baresip_get_log (f->baresip), "\nCANCEL sip:") !=
          NULL);
  CHECK_CMPUINT (f,
      gst_sip_test_baresip_count_events (f->baresip, "CALL_ESTABLISHED"), ==,
      0);
  CHECK (f, gst_sip_test_wait (all_quiet, f, WAIT_MS));
}

/* baresip rings, then is told to hang up: it rejects the call. */
static void
test_outgoing_rejected (Fixture *f, gconstpointer data)
{
  const GstSipTestBaresipEvent *closed;

  if (!start_baresip (f))
    return;

  dial_baresip (f);
  wait_alerting (f);
  COMMAND (f, "hangup", NULL);

  CHECK (f, gst_sip_test_wait (is_dialed, f, WAIT_MS));
  /* a final response is a result, not an error */
  CHECK (f, f->dial_error == NULL);
  CHECK_CMPUINT (f, f->dial_status, >=, 400);
  CHECK_CMPUINT (f, f->dial_status, <, 700);
  WAIT_STATE (f, GST_SIP_CALL_STATE_ENDED);
  CHECK_CMPUINT (f, gst_sip_call_get_status_code (f->call), ==, f->dial_status);
  closed = WAIT_EVENT (f, "CALL_CLOSED");
  CHECK_CMPSTR (f, closed->call_id, gst_sip_call_get_call_id (f->call));
  CHECK (f, gst_sip_test_wait (all_quiet, f, WAIT_MS));
}

/* baresip calls us, we ring, and baresip cancels. */
static void
test_incoming_cancel (Fixture *f, gconstpointer data)
{
  const GstSipTestBaresipEvent *event;

  f->incoming = INCOMING_RING;
  if (!start_baresip (f))
    return;

  COMMAND (f, "dial", f->uri);
  WAIT_STATE (f, GST_SIP_CALL_STATE_RINGING);
  event = WAIT_EVENT (f, "CALL_RINGING");
  CHECK_CMPSTR (f, event->call_id, gst_sip_call_get_call_id (f->call));

  COMMAND (f, "hangup", NULL);
  WAIT_STATE (f, GST_SIP_CALL_STATE_ENDED);
  CHECK_CMPUINT (f, gst_sip_call_get_status_code (f->call), ==, 487);
  event = WAIT_EVENT (f, "CALL_CLOSED");
  CHECK_CMPSTR (f, event->call_id, gst_sip_call_get_call_id (f->call));
  CHECK (f,
      strstr (gst_sip_test_baresip_get_log (f->baresip), "\nCANCEL sip:") !=
          NULL);
  /* baresip got the 487 and acknowledged it */
  CHECK (f, gst_sip_test_baresip_wait_log (f->baresip, "\nACK sip:", WAIT_MS));
  CHECK (f, gst_sip_test_wait (all_quiet, f, WAIT_MS));
}

/* baresip calls us and we reject the call. */
static void
test_incoming_reject (Fixture *f, gconstpointer data)
{
  const GstSipTestBaresipEvent *closed;

  f->incoming = INCOMING_REJECT;
  if (!start_baresip (f))
    return;

  COMMAND (f, "dial", f->uri);
  closed = WAIT_EVENT (f, "CALL_CLOSED");
  CHECK (f, f->call != NULL);
  CHECK_CMPSTR (f, closed->call_id, gst_sip_call_get_call_id (f->call));
  CHECK_CMPSTR (f, closed->param, "486 Busy Here");
  WAIT_STATE (f, GST_SIP_CALL_STATE_ENDED);
  CHECK_CMPUINT (f, gst_sip_call_get_status_code (f->call), ==, 486);
  CHECK (f, gst_sip_test_baresip_wait_log (f->baresip, "\nACK sip:", WAIT_MS));
  CHECK (f, gst_sip_test_wait (all_quiet, f, WAIT_MS));
}

static gboolean
has_early_answer (gpointer user_data)
{
  Fixture *f = user_data;

  return gst_sip_call_get_status_code (f->call) == 183 &&
      gst_sip_call_get_remote_description (f->call) != NULL;
}

/* baresip rings (180), sends early media (183 with SDP), then is told to
 * answer. */
static void
test_outgoing_early (Fixture *f, gconstpointer data)
{
  if (!start_baresip (f))
    return;

  /* no CALL_INCOMING event in this answer mode */
  dial_baresip (f);
  /* the answer came in the 183; a call that rang stays ringing */
  CHECK (f, gst_sip_test_wait (has_early_answer, f, WAIT_MS));
  CHECK (f,
      gst_sip_call_get_state (f->call) == GST_SIP_CALL_STATE_RINGING ||
          gst_sip_call_get_state (f->call) == GST_SIP_CALL_STATE_EARLY);
  CHECK (f, !f->dialed);

  COMMAND (f, "accept", NULL);
  wait_answered (f);
  hang_up (f);
}

/* baresip calls us; we send early media (183 with SDP), then answer. */
static void
test_incoming_early (Fixture *f, gconstpointer data)
{
  const GstSipTestBaresipEvent *event;
  GError *error = NULL;

  f->incoming = INCOMING_EARLY_MEDIA;
  if (!start_baresip (f))
    return;

  COMMAND (f, "dial", f->uri);
  event = WAIT_EVENT (f, "CALL_PROGRESS");
  CHECK (f, f->call != NULL);
  CHECK_CMPSTR (f, event->call_id, gst_sip_call_get_call_id (f->call));
  CHECK (f,
      gst_sip_test_baresip_wait_log (
          f->baresip, "SIP/2.0 183 Session Progress", WAIT_MS));
  CHECK_CMPUINT (
      f, gst_sip_call_get_state (f->call), ==, GST_SIP_CALL_STATE_EARLY);

  CHECK (f, gst_sip_call_answer (f->call, &error));
  CHECK (f, error == NULL);
  wait_incoming_answered (f);
  hang_up (f);
}

/* baresip asks for our capabilities, out of any dialog. */
static void
test_options (Fixture *f, gconstpointer data)
{
  const gchar *report;

  if (!start_baresip (f))
    return;

  COMMAND (f, "options", f->uri);
  /* baresip prints the response it got */
  CHECK (f,
      gst_sip_test_baresip_wait_log (
          f->baresip, "----- OPTIONS of sip:" USER "@", WAIT_MS));
  report = strstr (gst_sip_test_baresip_get_log (f->baresip),
      "----- OPTIONS of sip:" USER "@");
  CHECK (f, g_str_has_prefix (strchr (report, '\n'), "\nSIP/2.0 200 OK"));
  CHECK (f, gst_sip_test_wait (all_quiet, f, WAIT_MS));
}

/* We put baresip on hold and resume the call, by re-INVITE. */
static void
test_hold_local (Fixture *f, gconstpointer data)
{
  if (!start_baresip (f))
    return;

  dial_baresip (f);
  wait_answered (f);

  hold (f, TRUE);
  CHECK_CMPUINT (f, media_direction (f), ==, GST_SIP_MEDIA_DIRECTION_SENDONLY);
  CHECK (f, gst_sip_test_baresip_wait_log (f->baresip, "a=recvonly", WAIT_MS));
  hold (f, FALSE);
  CHECK_CMPUINT (f, media_direction (f), ==, GST_SIP_MEDIA_DIRECTION_SENDRECV);

  hang_up (f);
}

/* baresip puts us on hold and resumes the call. */
static void
test_hold_remote (Fixture *f, gconstpointer data)
{
  if (!start_baresip (f))
    return;

  dial_baresip (f);
  wait_answered (f);

  COMMAND (f, "hold", NULL);
  WAIT_DIRECTION (f, GST_SIP_MEDIA_DIRECTION_RECVONLY);
  COMMAND (f, "resume", NULL);
  WAIT_DIRECTION (f, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  CHECK_CMPUINT (
      f, gst_sip_call_get_state (f->call), ==, GST_SIP_CALL_STATE_ESTABLISHED);

  hang_up (f);
}

/* We send DTMF by SIP INFO (application/dtmf-relay); baresip reports each
 * digit. */
static void
test_dtmf_info (Fixture *f, gconstpointer data)
{
  static const gchar digits[] = "15*#";
  GError *error = NULL;
  guint i;

  if (!start_baresip (f))
    return;

  dial_baresip (f);
  wait_answered (f);

  for (i = 0; digits[i] != '\0'; i++) {
    const GstSipTestBaresipEvent *event;
    gchar digit[2] = { digits[i], '\0' };

    CHECK (f, gst_sip_call_send_dtmf (f->call, digit, 160, &error));
    CHECK (f, error == NULL);
    event = WAIT_EVENT (f, "CALL_DTMF_START");
    CHECK_CMPSTR (f, event->param, digit);
    CHECK_CMPSTR (f, event->call_id, gst_sip_call_get_call_id (f->call));
  }

  hang_up (f);
}

static void
renegotiate_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  guint *status = user_data;
  GError *error = NULL;

  *status =
      gst_sip_call_renegotiate_finish (GST_SIP_CALL (source), result, &error);
  if (error != NULL) {
    g_test_message ("renegotiation failed: %s", error->message);
    *status = 1;
    g_error_free (error);
  }
}

/* Offers again, by re-INVITE or UPDATE; returns the final status. */
static guint
renegotiate (Fixture *f, gboolean use_update)
{
  guint status = 0;

  gst_sip_call_renegotiate_async (
      f->call, use_update, NULL, renegotiate_done, &status);
  CHECK (f, gst_sip_test_wait (is_nonzero, &status, WAIT_MS));
  return status;
}

/* baresip 1.0.0 does not allow UPDATE: our UPDATE is refused, the call
 * goes on, and a re-INVITE does the job. */
static void
test_renegotiate (Fixture *f, gconstpointer data)
{
  guint status;

  if (!start_baresip (f))
    return;

  dial_baresip (f);
  wait_answered (f);

  /* baresip 1.0.0 refuses UPDATE with 501; a 405 would be as good */
  status = renegotiate (f, TRUE);
  CHECK (f, status == 405 || status == 501);
  CHECK_CMPUINT (
      f, gst_sip_call_get_state (f->call), ==, GST_SIP_CALL_STATE_ESTABLISHED);
  CHECK (f,
      !gst_sip_sdp_negotiator_has_pending_offer (
          gst_sip_call_get_negotiator (f->call)));
  CHECK_CMPUINT (f, media_direction (f), ==, GST_SIP_MEDIA_DIRECTION_SENDRECV);

  status = renegotiate (f, FALSE);
  CHECK_CMPUINT (f, status, ==, 200);
  CHECK_CMPUINT (
      f, gst_sip_call_get_state (f->call), ==, GST_SIP_CALL_STATE_ESTABLISHED);
  CHECK_CMPUINT (f, media_direction (f), ==, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  CHECK_CMPUINT (
      f, gst_sip_test_baresip_count_events (f->baresip, "CALL_CLOSED"), ==, 0);

  hang_up (f);
}

/* baresip offers again by re-INVITE; we answer. */
static void
test_reinvite_remote (Fixture *f, gconstpointer data)
{
  const GstSipTestBaresipEvent *event;

  if (!start_baresip (f))
    return;

  dial_baresip (f);
  wait_answered (f);

  COMMAND (f, "reinvite", NULL);
  /* baresip got our answer */
  event = WAIT_EVENT (f, "CALL_REMOTE_SDP");
  CHECK_CMPSTR (f, event->param, "answer");
  CHECK_CMPSTR (f, event->call_id, gst_sip_call_get_call_id (f->call));
  CHECK_CMPUINT (
      f, gst_sip_call_get_state (f->call), ==, GST_SIP_CALL_STATE_ESTABLISHED);
  CHECK_CMPUINT (f, media_direction (f), ==, GST_SIP_MEDIA_DIRECTION_SENDRECV);

  hang_up (f);
}

/* How many INVITEs baresip sent or received */
static guint
count_invites (Fixture *f)
{
  const gchar *log = gst_sip_test_baresip_get_log (f->baresip);
  const gchar *p;
  guint n = 0;

  for (p = strstr (log, "\nINVITE sip:"); p != NULL;
       p = strstr (p + 1, "\nINVITE sip:"))
    n++;
  return n;
}

/* A session timer of 2 s on our side; baresip 1.0.0 knows none.  When we
 * call, we refresh the session by re-INVITE; when baresip calls, neither
 * side asked for a timer.  Either way the call stays up. */
static void
test_session_timer (Fixture *f, gconstpointer data)
{
  const Params *p = data;

  f->session_expires = 2;
  if (!start_baresip (f))
    return;

  if (p->hangup == HANGUP_LOCAL) {
    dial_baresip (f);
    wait_answered (f);
  } else {
    COMMAND (f, "dial", f->uri);
    wait_incoming_answered (f);
  }

  /* past two intervals */
  gst_sip_test_run_for (4500);
  CHECK_CMPUINT (
      f, gst_sip_call_get_state (f->call), ==, GST_SIP_CALL_STATE_ESTABLISHED);
  CHECK (f, strstr (f->states->str, "ending") == NULL);
  CHECK_CMPUINT (
      f, gst_sip_test_baresip_count_events (f->baresip, "CALL_CLOSED"), ==, 0);
  if (p->hangup == HANGUP_LOCAL) {
    /* RFC 4028 7.2: our INVITE asked for a session timer and baresip's
     * 2xx had none: we refresh by ourselves, at least twice by now */
    CHECK_CMPUINT (f, count_invites (f), >=, 3);
  }

  hang_up (f);
}

#define UDP GST_SIP_TRANSPORT_PROTOCOL_UDP
#define TCP GST_SIP_TRANSPORT_PROTOCOL_TCP

/* The parameters of every test, for as long as the program runs */
static Params params_table[64];
static guint n_params;

/* Adds @func for UDP and TCP. */
static void
add (const gchar *name, GTestFixtureFunc func, const gchar *audio_codecs,
    const gchar *codec, guint payload_type, Hangup hangup,
    const gchar *answer_mode)
{
  static const GstSipTransportProtocol protocols[] = { UDP, TCP };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (protocols); i++) {
    Params *p;
    gchar *path;

    g_assert_cmpuint (n_params, <, G_N_ELEMENTS (params_table));
    p = &params_table[n_params++];
    p->protocol = protocols[i];
    p->audio_codecs = audio_codecs;
    p->codec = codec;
    p->payload_type = payload_type;
    p->hangup = hangup;
    p->answer_mode = answer_mode;
    path = g_strdup_printf (
        "/interop/baresip/%s/%s", protocols[i] == TCP ? "tcp" : "udp", name);
    g_test_add_vtable (path, sizeof (Fixture), p,
        (GTestFixtureFunc) fixture_setup, func,
        (GTestFixtureFunc) fixture_teardown);
    g_free (path);
  }
}

int
main (int argc, char **argv)
{
  gst_init (NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  add ("outgoing/local-hangup", (GTestFixtureFunc) test_outgoing, NULL, "PCMU",
      0, HANGUP_LOCAL, NULL);
  add ("outgoing/remote-hangup", (GTestFixtureFunc) test_outgoing, NULL, "PCMU",
      0, HANGUP_REMOTE, NULL);
  add ("outgoing/pcma", (GTestFixtureFunc) test_outgoing, "PCMA/8000/1", "PCMA",
      8, HANGUP_LOCAL, NULL);
  add ("outgoing/accept", (GTestFixtureFunc) test_outgoing_accept, NULL, "PCMU",
      0, HANGUP_LOCAL, "manual");
  add ("outgoing/cancel", (GTestFixtureFunc) test_outgoing_cancel, NULL, "PCMU",
      0, HANGUP_LOCAL, "manual");
  add ("outgoing/rejected", (GTestFixtureFunc) test_outgoing_rejected, NULL,
      "PCMU", 0, HANGUP_REMOTE, "manual");
  add ("incoming/remote-hangup", (GTestFixtureFunc) test_incoming, NULL, "PCMU",
      0, HANGUP_REMOTE, NULL);
  add ("incoming/local-hangup", (GTestFixtureFunc) test_incoming, NULL, "PCMU",
      0, HANGUP_LOCAL, NULL);
  add ("incoming/pcma", (GTestFixtureFunc) test_incoming, "PCMA/8000/1", "PCMA",
      8, HANGUP_REMOTE, NULL);
  add ("incoming/cancel", (GTestFixtureFunc) test_incoming_cancel, NULL, "PCMU",
      0, HANGUP_REMOTE, NULL);
  add ("incoming/reject", (GTestFixtureFunc) test_incoming_reject, NULL, "PCMU",
      0, HANGUP_REMOTE, NULL);
  add ("hold/local", (GTestFixtureFunc) test_hold_local, NULL, "PCMU", 0,
      HANGUP_LOCAL, NULL);
  add ("hold/remote", (GTestFixtureFunc) test_hold_remote, NULL, "PCMU", 0,
      HANGUP_REMOTE, NULL);
  add ("dtmf-info", (GTestFixtureFunc) test_dtmf_info, NULL, "PCMU", 0,
      HANGUP_LOCAL, NULL);
  add ("outgoing/early-media", (GTestFixtureFunc) test_outgoing_early, NULL,
      "PCMU", 0, HANGUP_LOCAL, "early");
  add ("incoming/early-media", (GTestFixtureFunc) test_incoming_early, NULL,
      "PCMU", 0, HANGUP_REMOTE, NULL);
  add ("options", (GTestFixtureFunc) test_options, NULL, "PCMU", 0,
      HANGUP_LOCAL, NULL);
  add ("renegotiate", (GTestFixtureFunc) test_renegotiate, NULL, "PCMU", 0,
      HANGUP_LOCAL, NULL);
  add ("reinvite-remote", (GTestFixtureFunc) test_reinvite_remote, NULL, "PCMU",
      0, HANGUP_REMOTE, NULL);
  add ("session-timer/outgoing", (GTestFixtureFunc) test_session_timer, NULL,
      "PCMU", 0, HANGUP_LOCAL, NULL);
  add ("session-timer/incoming", (GTestFixtureFunc) test_session_timer, NULL,
      "PCMU", 0, HANGUP_REMOTE, NULL);

  return g_test_run ();
}
