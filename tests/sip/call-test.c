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

/* Calls between two user agents on loopback: real sockets, short timers.
 * alice calls bob; bob's incoming-call handler does what the test asks. */

#include <string.h>

#include "test-utils.h"

#define T1 20
#define WAIT_MS 10000

typedef enum
{
  BOB_ANSWER,
  BOB_RING_THEN_ANSWER,
  BOB_RING,
  BOB_REJECT,
  BOB_IGNORE,
} BobMode;

typedef struct
{
  GstSipTransportProtocol protocol;
  GstSipUserAgent *alice, *bob;
  guint bob_port;
  gchar *bob_uri;

  BobMode bob_mode;
  gboolean bob_late_offer_ok;
  guint bob_session_expires;
  GstSipCall *alice_call, *bob_call;

  /* results */
  gboolean dialed;
  guint dial_status;
  GError *dial_error;
  gboolean async_done;
  guint async_status;
  GstSipMessage *async_response;
  GString *bob_dtmf;
  guint bob_dtmf_duration;
  GPtrArray *bob_messages;
  GArray *alice_states;
  GArray *bob_states;
} Fixture;

static GstSipSdpNegotiator *
new_negotiator (void)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new ("127.0.0.1");

  gst_sip_sdp_negotiator_add_media (n, "audio", 40000, NULL);
  return n;
}

static void
on_state (GstSipCall *call, GParamSpec *pspec, GArray *states)
{
  GstSipCallState state = gst_sip_call_get_state (call);

  g_array_append_val (states, state);
}

static void
on_dtmf (GstSipCall *call, const gchar *digit, guint duration, Fixture *f)
{
  g_string_append (f->bob_dtmf, digit);
  f->bob_dtmf_duration = duration;
}

static void
on_message (GstSipCall *call, GstSipMessage *request, Fixture *f)
{
  g_ptr_array_add (f->bob_messages, gst_sip_message_ref (request));
}

static gboolean
answer_later (gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_true (gst_sip_call_answer (f->bob_call, NULL));
  return G_SOURCE_REMOVE;
}

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, Fixture *f)
{
  GstSipSdpNegotiator *n;
  GError *error = NULL;

  g_assert_null (f->bob_call);
  g_assert_cmpint (
      gst_sip_call_get_state (call), ==, GST_SIP_CALL_STATE_PROCEEDING);
  g_assert_cmpint (
      gst_sip_call_get_direction (call), ==, GST_SIP_CALL_DIRECTION_INCOMING);
  f->bob_call = g_object_ref (call);
  g_signal_connect (
      call, "notify::state", G_CALLBACK (on_state), f->bob_states);
  g_signal_connect (call, "dtmf-received", G_CALLBACK (on_dtmf), f);
  g_signal_connect (call, "message-received", G_CALLBACK (on_message), f);
  if (f->bob_session_expires)
    g_object_set (
        call, "session-expires", f->bob_session_expires, "min-se", 1, NULL);

  if (f->bob_mode == BOB_IGNORE)
    return FALSE;

  n = new_negotiator ();
  gst_sip_call_set_negotiator (call, n);
  g_object_unref (n);

  switch (f->bob_mode) {
    case BOB_ANSWER:
      g_assert_true (gst_sip_call_answer (call, &error));
      g_assert_no_error (error);
      break;
    case BOB_RING_THEN_ANSWER:
      g_assert_true (gst_sip_call_ring (call, FALSE, &error));
      g_assert_no_error (error);
      g_timeout_add (5 * T1, answer_later, f);
      break;
    case BOB_RING:
      g_assert_true (gst_sip_call_ring (call, FALSE, &error));
      g_assert_no_error (error);
      break;
    case BOB_REJECT:
      g_assert_true (gst_sip_call_reject (call, 486, NULL, &error));
      g_assert_no_error (error);
      break;
    case BOB_IGNORE:
      g_assert_not_reached ();
  }
  return TRUE;
}

static GstSipUserAgent *
new_user_agent (Fixture *f, const gchar *from, guint *port)
{
  GstSipUserAgent *ua = gst_sip_test_user_agent_new (T1);
  GstSipTransport *transport;
  GError *error = NULL;

  g_object_set (ua, "from", from, NULL);
  transport = gst_sip_user_agent_add_transport (
      ua, f->protocol, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  if (port)
    *port = gst_sip_transport_get_port (transport);
  return ua;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->protocol = GPOINTER_TO_INT (data);
  f->alice = new_user_agent (f, "\"Alice\" <sip:alice@127.0.0.1>", NULL);
  f->bob = new_user_agent (f, "<sip:bob@127.0.0.1>", &f->bob_port);
  f->bob_uri = g_strdup_printf ("sip:bob@127.0.0.1:%u%s", f->bob_port,
      f->protocol == GST_SIP_TRANSPORT_PROTOCOL_TCP ? ";transport=tcp" : "");
  g_signal_connect (f->bob, "incoming-call", G_CALLBACK (on_incoming_call), f);
  f->bob_dtmf = g_string_new (NULL);
  f->bob_messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
  f->alice_states = g_array_new (FALSE, FALSE, sizeof (GstSipCallState));
  f->bob_states = g_array_new (FALSE, FALSE, sizeof (GstSipCallState));
}

static gboolean
all_quiet (gpointer user_data)
{
  Fixture *f = user_data;

  return gst_sip_user_agent_get_n_calls (f->alice) == 0 &&
      gst_sip_user_agent_get_n_calls (f->bob) == 0 &&
      gst_sip_user_agent_get_n_transactions (f->alice) == 0 &&
      gst_sip_user_agent_get_n_transactions (f->bob) == 0;
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  /* every test ends its calls: nothing may be left once the timers ran */
  g_assert_true (gst_sip_test_wait (all_quiet, f, WAIT_MS));

  g_clear_object (&f->alice_call);
  g_clear_object (&f->bob_call);
  g_clear_object (&f->alice);
  g_clear_object (&f->bob);
  g_clear_error (&f->dial_error);
  g_clear_pointer (&f->async_response, gst_sip_message_unref);
  g_string_free (f->bob_dtmf, TRUE);
  g_ptr_array_unref (f->bob_messages);
  g_array_unref (f->alice_states);
  g_array_unref (f->bob_states);
  g_free (f->bob_uri);
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

static void
dial (Fixture *f, gboolean late_offer)
{
  GstSipSdpNegotiator *n = new_negotiator ();

  f->alice_call = gst_sip_call_new (f->alice, NULL);
  g_object_set (f->alice_call, "late-offer", late_offer, NULL);
  g_signal_connect (
      f->alice_call, "notify::state", G_CALLBACK (on_state), f->alice_states);
  gst_sip_call_set_negotiator (f->alice_call, n);
  g_object_unref (n);
  gst_sip_call_dial_async (f->alice_call, f->bob_uri, NULL, dial_done, f);
}

typedef struct
{
  GstSipCall *call;
  GstSipCallState state;
} StateWait;

static gboolean
has_state (gpointer user_data)
{
  StateWait *w = user_data;

  return w->call && gst_sip_call_get_state (w->call) == w->state;
}

static void
wait_state (GstSipCall **call, GstSipCallState state)
{
  StateWait w = { NULL, state };
  gint64 end = g_get_monotonic_time () + WAIT_MS * 1000;

  /* bob's call appears with the INVITE */
  while (!*call && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*call);
  w.call = *call;
  if (!gst_sip_test_wait (has_state, &w, WAIT_MS))
    g_error ("call %s: state %d, waited for %d",
        gst_sip_call_get_call_id (*call), gst_sip_call_get_state (*call),
        state);
}

static void
establish (Fixture *f, gboolean late_offer)
{
  dial (f, late_offer);
  g_assert_true (gst_sip_test_wait (is_dialed, f, WAIT_MS));
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 200);
  wait_state (&f->alice_call, GST_SIP_CALL_STATE_ESTABLISHED);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_ESTABLISHED);
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

static GstSipSdpStream *
first_stream (GstSipCall *call)
{
  GList *streams =
      gst_sip_sdp_negotiator_get_streams (gst_sip_call_get_negotiator (call));
  GstSipSdpStream *stream;

  g_assert_nonnull (streams);
  stream = gst_sip_sdp_stream_copy (streams->data);
  g_list_free_full (streams, (GDestroyNotify) gst_sip_sdp_stream_free);
  return stream;
}

static void
assert_media (GstSipCall *call, GstSipMediaDirection direction)
{
  g_autoptr (GstSipSdpStream) stream = first_stream (call);
  const GstSipCodec *codec = gst_sip_sdp_stream_get_send_codec (stream);

  g_assert_true (gst_sip_sdp_stream_is_enabled (stream));
  g_assert_cmpint (gst_sip_sdp_stream_get_direction (stream), ==, direction);
  g_assert_nonnull (codec);
  g_assert_cmpstr (gst_sip_codec_get_encoding_name (codec), ==, "PCMU");
  g_assert_cmpuint (gst_sip_codec_get_payload_type (codec), ==, 0);
  g_assert_cmpuint (gst_sip_sdp_stream_get_local_port (stream), ==, 40000);
}

static void
hang_up_and_check (Fixture *f, GstSipCall *by, GstSipCall *other)
{
  gst_sip_call_hangup (by);
  wait_state (&by, GST_SIP_CALL_STATE_ENDED);
  wait_state (&other, GST_SIP_CALL_STATE_ENDED);
}

/* ---------------------------------------------------------------------- */

static void
test_call_caller_hangs_up (Fixture *f, gconstpointer data)
{
  establish (f, FALSE);

  g_assert_nonnull (gst_sip_call_get_local_description (f->alice_call));
  g_assert_nonnull (gst_sip_call_get_remote_description (f->alice_call));
  g_assert_nonnull (gst_sip_call_get_local_description (f->bob_call));
  g_assert_nonnull (gst_sip_call_get_remote_description (f->bob_call));
  g_assert_cmpstr (gst_sip_call_get_call_id (f->alice_call), ==,
      gst_sip_call_get_call_id (f->bob_call));
  assert_media (f->alice_call, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  assert_media (f->bob_call, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  g_assert_cmpuint (gst_sip_user_agent_get_n_calls (f->alice), ==, 1);
  g_assert_cmpuint (gst_sip_user_agent_get_n_calls (f->bob), ==, 1);

  /* caller side went calling -> ... -> established; callee answering */
  g_assert_true (states_contain (f->alice_states, GST_SIP_CALL_STATE_CALLING));
  g_assert_true (states_contain (f->bob_states, GST_SIP_CALL_STATE_ANSWERING));

  hang_up_and_check (f, f->alice_call, f->bob_call);
  g_assert_true (states_contain (f->alice_states, GST_SIP_CALL_STATE_ENDING));
  g_assert_cmpuint (gst_sip_call_get_status_code (f->alice_call), ==, 200);
  g_assert_nonnull (gst_sip_call_get_reason (f->alice_call));
  g_assert_nonnull (gst_sip_call_get_reason (f->bob_call));
}

static void
test_call_callee_hangs_up (Fixture *f, gconstpointer data)
{
  f->bob_mode = BOB_RING_THEN_ANSWER;
  establish (f, FALSE);
  g_assert_true (states_contain (f->alice_states, GST_SIP_CALL_STATE_RINGING));
  hang_up_and_check (f, f->bob_call, f->alice_call);
  g_assert_true (states_contain (f->bob_states, GST_SIP_CALL_STATE_ENDING));
}

static void
test_call_cancel (Fixture *f, gconstpointer data)
{
  f->bob_mode = BOB_RING;
  dial (f, FALSE);
  wait_state (&f->alice_call, GST_SIP_CALL_STATE_RINGING);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_RINGING);

  gst_sip_call_hangup (f->alice_call);
  wait_state (&f->alice_call, GST_SIP_CALL_STATE_ENDED);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_ENDED);
  g_assert_true (gst_sip_test_wait (is_dialed, f, WAIT_MS));
  g_assert_cmpuint (f->dial_status, ==, 487);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->alice_call), ==, 487);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->bob_call), ==, 487);
}

static void
test_call_reject (Fixture *f, gconstpointer data)
{
  f->bob_mode = BOB_REJECT;
  dial (f, FALSE);
  g_assert_true (gst_sip_test_wait (is_dialed, f, WAIT_MS));
  /* a final response is a result, not an error */
  g_assert_no_error (f->dial_error);
  g_assert_cmpuint (f->dial_status, ==, 486);
  wait_state (&f->alice_call, GST_SIP_CALL_STATE_ENDED);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_ENDED);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->alice_call), ==, 486);
  g_assert_cmpstr (gst_sip_call_get_reason (f->alice_call), ==, "Busy Here");
  g_assert_cmpuint (gst_sip_call_get_status_code (f->bob_call), ==, 486);
}

static void
test_call_unhandled (Fixture *f, gconstpointer data)
{
  f->bob_mode = BOB_IGNORE;
  dial (f, FALSE);
  g_assert_true (gst_sip_test_wait (is_dialed, f, WAIT_MS));
  g_assert_cmpuint (f->dial_status, ==, 480);
  wait_state (&f->alice_call, GST_SIP_CALL_STATE_ENDED);
}

static void
test_call_auto_answer (Fixture *f, gconstpointer data)
{
  const GstSDPMessage *answer;

  f->bob_mode = BOB_IGNORE;
  g_object_set (f->bob, "auto-answer", TRUE, NULL);
  dial (f, FALSE);
  g_assert_true (gst_sip_test_wait (is_dialed, f, WAIT_MS));
  g_assert_cmpuint (f->dial_status, ==, 200);
  wait_state (&f->alice_call, GST_SIP_CALL_STATE_ESTABLISHED);
  answer = gst_sip_call_get_remote_description (f->alice_call);
  g_assert_nonnull (answer);
  g_assert_cmpuint (gst_sdp_message_medias_len (answer), ==, 1);
  g_assert_cmpuint (
      gst_sdp_media_get_port (gst_sdp_message_get_media (answer, 0)), ==, 9);
  gst_sip_call_hangup (f->alice_call);
  wait_state (&f->alice_call, GST_SIP_CALL_STATE_ENDED);
}

static void
test_call_max_calls (Fixture *f, gconstpointer data)
{
  f->bob_mode = BOB_RING;
  g_object_set (f->bob, "max-calls", 1, NULL);
  dial (f, FALSE);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_RINGING);

  {
    /* a second call while bob holds one: 503 */
    GstSipSdpNegotiator *n = new_negotiator ();
    GstSipCall *second = gst_sip_call_new (f->alice, NULL);
    Fixture g = { 0 };

    gst_sip_call_set_negotiator (second, n);
    g_object_unref (n);
    gst_sip_call_dial_async (second, f->bob_uri, NULL, dial_done, &g);
    g_assert_true (gst_sip_test_wait (is_dialed, &g, WAIT_MS));
    g_assert_cmpuint (g.dial_status, ==, 503);
    g_assert_cmpuint (gst_sip_call_get_status_code (second), ==, 503);
    g_object_unref (second);
  }

  gst_sip_call_hangup (f->alice_call);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_ENDED);
}

static void
test_call_late_offer (Fixture *f, gconstpointer data)
{
  establish (f, TRUE);
  g_assert_true (gst_sdp_message_medias_len (
                     gst_sip_call_get_remote_description (f->alice_call)) == 1);
  assert_media (f->alice_call, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  assert_media (f->bob_call, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  hang_up_and_check (f, f->alice_call, f->bob_call);
}

static void
async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;
  GError *error = NULL;

  f->async_status =
      gst_sip_call_hold_finish (GST_SIP_CALL (source), result, &error);
  g_assert_no_error (error);
  f->async_done = TRUE;
}

static void
renegotiate_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;
  GError *error = NULL;

  f->async_status =
      gst_sip_call_renegotiate_finish (GST_SIP_CALL (source), result, &error);
  g_assert_no_error (error);
  f->async_done = TRUE;
}

static gboolean
is_async_done (gpointer user_data)
{
  return ((Fixture *) user_data)->async_done;
}

static void
hold (Fixture *f, GstSipCall *call, gboolean on)
{
  f->async_done = FALSE;
  gst_sip_call_hold_async (call, on, NULL, async_done, f);
  g_assert_true (gst_sip_test_wait (is_async_done, f, WAIT_MS));
  g_assert_cmpuint (f->async_status, ==, 200);
}

static void
test_call_hold_resume (Fixture *f, gconstpointer data)
{
  establish (f, FALSE);

  hold (f, f->alice_call, TRUE);
  assert_media (f->alice_call, GST_SIP_MEDIA_DIRECTION_SENDONLY);
  assert_media (f->bob_call, GST_SIP_MEDIA_DIRECTION_RECVONLY);
  g_assert_cmpint (gst_sip_call_get_state (f->alice_call), ==,
      GST_SIP_CALL_STATE_ESTABLISHED);

  /* bob holds too: nothing flows */
  hold (f, f->bob_call, TRUE);
  assert_media (f->alice_call, GST_SIP_MEDIA_DIRECTION_INACTIVE);
  assert_media (f->bob_call, GST_SIP_MEDIA_DIRECTION_INACTIVE);

  hold (f, f->bob_call, FALSE);
  assert_media (f->alice_call, GST_SIP_MEDIA_DIRECTION_SENDONLY);
  hold (f, f->alice_call, FALSE);
  assert_media (f->alice_call, GST_SIP_MEDIA_DIRECTION_SENDRECV);
  assert_media (f->bob_call, GST_SIP_MEDIA_DIRECTION_SENDRECV);

  hang_up_and_check (f, f->bob_call, f->alice_call);
}

static void
test_call_update (Fixture *f, gconstpointer data)
{
  GList *codecs = NULL;
  guint version_before;

  establish (f, FALSE);
  version_before = (guint) g_ascii_strtoull (
      gst_sdp_message_get_origin (
          gst_sip_call_get_local_description (f->bob_call))
          ->sess_version,
      NULL, 10);

  /* bob changes to PCMA by UPDATE */
  codecs = g_list_append (codecs, gst_sip_codec_new ("audio", "PCMA", 8000, 1));
  gst_sip_sdp_negotiator_set_media_codecs (
      gst_sip_call_get_negotiator (f->bob_call), 0, codecs);
  g_list_free_full (codecs, (GDestroyNotify) gst_sip_codec_free);

  f->async_done = FALSE;
  gst_sip_call_renegotiate_async (f->bob_call, TRUE, NULL, renegotiate_done, f);
  g_assert_true (gst_sip_test_wait (is_async_done, f, WAIT_MS));
  g_assert_cmpuint (f->async_status, ==, 200);

  {
    g_autoptr (GstSipSdpStream) a = first_stream (f->alice_call);
    g_autoptr (GstSipSdpStream) b = first_stream (f->bob_call);

    g_assert_cmpstr (
        gst_sip_codec_get_encoding_name (gst_sip_sdp_stream_get_send_codec (a)),
        ==, "PCMA");
    g_assert_cmpstr (
        gst_sip_codec_get_encoding_name (gst_sip_sdp_stream_get_send_codec (b)),
        ==, "PCMA");
  }
  /* 5.1 of RFC 3264: a changed description has a higher version */
  g_assert_cmpuint ((guint) g_ascii_strtoull (
                        gst_sdp_message_get_origin (
                            gst_sip_call_get_local_description (f->bob_call))
                            ->sess_version,
                        NULL, 10),
      >, version_before);

  /* and back by re-INVITE from alice, who still offers PCMU first */
  f->async_done = FALSE;
  gst_sip_call_renegotiate_async (
      f->alice_call, FALSE, NULL, renegotiate_done, f);
  g_assert_true (gst_sip_test_wait (is_async_done, f, WAIT_MS));
  g_assert_cmpuint (f->async_status, ==, 200);
  g_assert_cmpint (gst_sip_call_get_state (f->alice_call), ==,
      GST_SIP_CALL_STATE_ESTABLISHED);

  hang_up_and_check (f, f->alice_call, f->bob_call);
}

static gboolean
got_all_digits (gpointer user_data)
{
  Fixture *f = user_data;

  return f->bob_dtmf->len >= 6;
}

static void
test_call_dtmf_info (Fixture *f, gconstpointer data)
{
  GError *error = NULL;
  const gchar *digits = "159*#D";
  guint i;

  establish (f, FALSE);
  for (i = 0; digits[i]; i++) {
    gchar digit[2] = { digits[i], '\0' };

    g_assert_true (gst_sip_call_send_dtmf (f->alice_call, digit, 160, &error));
    g_assert_no_error (error);
  }
  g_assert_false (gst_sip_call_send_dtmf (f->alice_call, "x", 160, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (gst_sip_call_send_dtmf (f->alice_call, "12", 160, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (gst_sip_test_wait (got_all_digits, f, WAIT_MS));
  g_assert_cmpstr (f->bob_dtmf->str, ==, digits);
  g_assert_cmpuint (f->bob_dtmf_duration, ==, 160);

  hang_up_and_check (f, f->alice_call, f->bob_call);
}

static void
request_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;
  GError *error = NULL;

  f->async_response =
      gst_sip_call_send_request_finish (GST_SIP_CALL (source), result, &error);
  g_assert_no_error (error);
  f->async_done = TRUE;
}

static void
test_call_message_in_dialog (Fixture *f, gconstpointer data)
{
  static const gchar text[] = "hello, bob";
  GBytes *body = g_bytes_new_static (text, strlen (text));
  GstSipMessage *request;
  GBytes *got;

  establish (f, FALSE);
  f->async_done = FALSE;
  gst_sip_call_send_request_async (
      f->alice_call, "MESSAGE", "text/plain", body, NULL, request_done, f);
  g_bytes_unref (body);
  g_assert_true (gst_sip_test_wait (is_async_done, f, WAIT_MS));
  g_assert_cmpuint (
      gst_sip_message_get_status_code (f->async_response), ==, 200);

  g_assert_cmpuint (f->bob_messages->len, ==, 1);
  request = g_ptr_array_index (f->bob_messages, 0);
  got = gst_sip_message_get_body (request);
  g_assert_nonnull (got);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), text,
      strlen (text));
  g_bytes_unref (got);
  g_assert_cmpstr (gst_sip_message_get_call_id (request), ==,
      gst_sip_call_get_call_id (f->alice_call));

  /* OPTIONS inside the dialog too */
  f->async_done = FALSE;
  g_clear_pointer (&f->async_response, gst_sip_message_unref);
  gst_sip_call_send_request_async (
      f->bob_call, "OPTIONS", NULL, NULL, NULL, request_done, f);
  g_assert_true (gst_sip_test_wait (is_async_done, f, WAIT_MS));
  g_assert_cmpuint (
      gst_sip_message_get_status_code (f->async_response), ==, 200);

  hang_up_and_check (f, f->alice_call, f->bob_call);
}

static void
test_call_session_timer (Fixture *f, gconstpointer data)
{
  guint interval = 0;

  /* bob asks for a 2 s session; someone must refresh it or the call ends */
  f->bob_session_expires = 2;
  dial (f, FALSE);
  g_object_set (f->alice_call, "session-expires", 2, "min-se", 1, NULL);
  g_assert_true (gst_sip_test_wait (is_dialed, f, WAIT_MS));
  g_assert_cmpuint (f->dial_status, ==, 200);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_ESTABLISHED);
  g_object_get (f->alice_call, "session-expires", &interval, NULL);
  g_assert_cmpuint (interval, ==, 2);

  /* past two intervals: refreshed, still up on both sides */
  gst_sip_test_run_for (4500);
  g_assert_cmpint (gst_sip_call_get_state (f->alice_call), ==,
      GST_SIP_CALL_STATE_ESTABLISHED);
  g_assert_cmpint (
      gst_sip_call_get_state (f->bob_call), ==, GST_SIP_CALL_STATE_ESTABLISHED);
  g_assert_false (states_contain (f->bob_states, GST_SIP_CALL_STATE_ENDING));

  hang_up_and_check (f, f->alice_call, f->bob_call);
}

static void
glare_hold_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  guint *status = user_data;
  GError *error = NULL;

  *status = gst_sip_call_hold_finish (GST_SIP_CALL (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
both_held (gpointer user_data)
{
  guint *status = user_data;

  return status[0] && status[1];
}

static void
test_call_glare (Fixture *f, gconstpointer data)
{
  guint status[2] = { 0, 0 };

  establish (f, FALSE);
  /* both re-INVITE at once: 491 for both, then the RFC 3261 14.1 back-off
   * (scaled by T1) lets one go first */
  gst_sip_call_hold_async (
      f->alice_call, TRUE, NULL, glare_hold_done, &status[0]);
  gst_sip_call_hold_async (
      f->bob_call, TRUE, NULL, glare_hold_done, &status[1]);
  g_assert_true (gst_sip_test_wait (both_held, status, WAIT_MS));
  g_assert_cmpuint (status[0], ==, 200);
  g_assert_cmpuint (status[1], ==, 200);
  assert_media (f->alice_call, GST_SIP_MEDIA_DIRECTION_INACTIVE);
  assert_media (f->bob_call, GST_SIP_MEDIA_DIRECTION_INACTIVE);
  hang_up_and_check (f, f->alice_call, f->bob_call);
}

static void
test_call_invite_timeout (Fixture *f, gconstpointer data)
{
  f->bob_mode = BOB_RING;
  dial (f, FALSE);
  g_object_set (f->alice_call, "invite-timeout", 1, NULL);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_RINGING);
  /* Timer C: the caller cancels after a second without an answer */
  wait_state (&f->alice_call, GST_SIP_CALL_STATE_ENDED);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_ENDED);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->bob_call), ==, 487);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->alice_call), ==, 408);
}

/* an application may keep one cancellable for every dial: cancelling it
 * once the call is over and gone does nothing */
static void
test_call_cancellable_outlives_call (Fixture *f, gconstpointer data)
{
  GCancellable *cancellable = g_cancellable_new ();
  GstSipSdpNegotiator *n = new_negotiator ();

  f->alice_call = gst_sip_call_new (f->alice, NULL);
  gst_sip_call_set_negotiator (f->alice_call, n);
  g_object_unref (n);
  gst_sip_call_dial_async (
      f->alice_call, f->bob_uri, cancellable, dial_done, f);
  g_assert_true (gst_sip_test_wait (is_dialed, f, WAIT_MS));
  g_assert_cmpuint (f->dial_status, ==, 200);
  wait_state (&f->bob_call, GST_SIP_CALL_STATE_ESTABLISHED);
  hang_up_and_check (f, f->alice_call, f->bob_call);
  g_assert_true (gst_sip_test_wait (all_quiet, f, WAIT_MS));
  g_clear_object (&f->alice_call);

  g_cancellable_cancel (cancellable);
  g_object_unref (cancellable);
}

static void
test_call_unreachable (Fixture *f, gconstpointer data)
{
  /* nobody listens on bob's port any more: UDP times out (Timer B), TCP
   * fails to connect; both end the call with an error, not a status */
  g_clear_object (&f->bob);
  dial (f, FALSE);
  g_assert_true (gst_sip_test_wait (is_dialed, f, WAIT_MS));
  g_assert_nonnull (f->dial_error);
  g_assert_cmpint (
      gst_sip_call_get_state (f->alice_call), ==, GST_SIP_CALL_STATE_ENDED);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->alice_call), >=, 400);
  f->bob = new_user_agent (f, "<sip:bob@127.0.0.1>", NULL);
}

static void
cancelled_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  g_assert_cmpuint (
      gst_sip_call_hold_finish (GST_SIP_CALL (source), result, error), ==, 0);
  g_assert_nonnull (*error);
}

static gboolean
has_error (gpointer user_data)
{
  return *(GError **) user_data != NULL;
}

static void
test_call_cancel_hold (Fixture *f, gconstpointer data)
{
  GCancellable *cancellable = g_cancellable_new ();
  GError *error = NULL;

  establish (f, FALSE);

  /* the second hold waits for the first exchange; cancelled from another
   * thread, it is never sent */
  f->async_done = FALSE;
  gst_sip_call_hold_async (f->alice_call, TRUE, NULL, async_done, f);
  gst_sip_call_hold_async (
      f->alice_call, FALSE, cancellable, cancelled_done, &error);
  g_thread_join (g_thread_new ("cancel",
      (GThreadFunc) (void (*) (void)) g_cancellable_cancel, cancellable));
  g_assert_true (gst_sip_test_wait (has_error, &error, WAIT_MS));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (gst_sip_test_wait (is_async_done, f, WAIT_MS));
  g_assert_cmpuint (f->async_status, ==, 200);
  gst_sip_test_run_for (10 * T1);
  assert_media (f->alice_call, GST_SIP_MEDIA_DIRECTION_SENDONLY);
  assert_media (f->bob_call, GST_SIP_MEDIA_DIRECTION_RECVONLY);

  /* already cancelled: fails at once, nothing is sent */
  gst_sip_call_hold_async (
      f->alice_call, FALSE, cancellable, cancelled_done, &error);
  g_assert_true (gst_sip_test_wait (has_error, &error, WAIT_MS));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_media (f->bob_call, GST_SIP_MEDIA_DIRECTION_RECVONLY);

  g_object_unref (cancellable);
  hang_up_and_check (f, f->alice_call, f->bob_call);
}

static void
add (const gchar *name, void (*func) (Fixture *, gconstpointer))
{
  gchar *path;

  path = g_strdup_printf ("/call/udp/%s", name);
  g_test_add (path, Fixture, GINT_TO_POINTER (GST_SIP_TRANSPORT_PROTOCOL_UDP),
      fixture_set_up, func, fixture_tear_down);
  g_free (path);
  path = g_strdup_printf ("/call/tcp/%s", name);
  g_test_add (path, Fixture, GINT_TO_POINTER (GST_SIP_TRANSPORT_PROTOCOL_TCP),
      fixture_set_up, func, fixture_tear_down);
  g_free (path);
}

int
main (int argc, char **argv)
{
  gst_init (NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  add ("caller-hangs-up", test_call_caller_hangs_up);
  add ("callee-hangs-up", test_call_callee_hangs_up);
  add ("cancel", test_call_cancel);
  add ("reject", test_call_reject);
  add ("unhandled", test_call_unhandled);
  add ("auto-answer", test_call_auto_answer);
  add ("max-calls", test_call_max_calls);
  add ("late-offer", test_call_late_offer);
  add ("hold-resume", test_call_hold_resume);
  add ("update", test_call_update);
  add ("dtmf-info", test_call_dtmf_info);
  add ("message-in-dialog", test_call_message_in_dialog);
  add ("session-timer", test_call_session_timer);
  add ("glare", test_call_glare);
  add ("cancel-hold", test_call_cancel_hold);
  add ("invite-timeout", test_call_invite_timeout);
  add ("unreachable", test_call_unreachable);
  add ("cancellable-outlives-call", test_call_cancellable_outlives_call);

  return g_test_run ();
}
