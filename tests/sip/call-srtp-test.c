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

/* SRTP keying in calls between two user agents on loopback: keys that
 * match at both ends, new keys with every re-INVITE, a 488 when the callee
 * refuses SRTP, and a BYE when the callee answers an SRTP-only offer with
 * plain RTP (a bare UDP peer). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "test-utils.h"

#define T1 20
#define WAIT_MS 5000

typedef struct
{
  GstSipUserAgent *alice, *bob;
  guint bob_port;
  GstSipSrtpMode alice_mode, bob_mode;
  GstSipCall *alice_call, *bob_call;
  gboolean done;
  guint status;
  GError *error;
} Fixture;

static GstSipSdpNegotiator *
new_negotiator (GstSipSrtpMode mode)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new ("127.0.0.1");

  g_object_set (n, "srtp", mode, NULL);
  gst_sip_sdp_negotiator_add_media (n, "audio", 40000, NULL);
  return n;
}

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, Fixture *f)
{
  GstSipSdpNegotiator *n = new_negotiator (f->bob_mode);
  GError *error = NULL;

  f->bob_call = g_object_ref (call);
  gst_sip_call_set_negotiator (call, n);
  g_object_unref (n);
  /* a refused offer makes it a 488 */
  if (!gst_sip_call_answer (call, &error)) {
    g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);
    g_error_free (error);
  }
  return TRUE;
}

static GstSipUserAgent *
new_user_agent (const gchar *from, guint *port)
{
  GstSipUserAgent *ua = gst_sip_test_user_agent_new (T1);
  GstSipTransport *transport;
  GError *error = NULL;

  g_object_set (ua, "from", from, NULL);
  transport = gst_sip_user_agent_add_transport (
      ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  if (port)
    *port = gst_sip_transport_get_port (transport);
  return ua;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->alice = new_user_agent ("<sip:alice@127.0.0.1>", NULL);
  f->bob = new_user_agent ("<sip:bob@127.0.0.1>", &f->bob_port);
  g_signal_connect (f->bob, "incoming-call", G_CALLBACK (on_incoming_call), f);
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
  g_assert_true (gst_sip_test_wait (all_quiet, f, WAIT_MS));
  g_clear_object (&f->alice_call);
  g_clear_object (&f->bob_call);
  g_clear_object (&f->alice);
  g_clear_object (&f->bob);
  g_clear_error (&f->error);
}

static void
dial_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->status =
      gst_sip_call_dial_finish (GST_SIP_CALL (source), result, &f->error);
  f->done = TRUE;
}

static void
renegotiated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->status = gst_sip_call_renegotiate_finish (
      GST_SIP_CALL (source), result, &f->error);
  f->done = TRUE;
}

static gboolean
is_done (gpointer user_data)
{
  return ((Fixture *) user_data)->done;
}

static void
dial (Fixture *f, const gchar *uri)
{
  GstSipSdpNegotiator *n = new_negotiator (f->alice_mode);

  f->alice_call = gst_sip_call_new (f->alice, NULL);
  gst_sip_call_set_negotiator (f->alice_call, n);
  g_object_unref (n);
  f->done = FALSE;
  gst_sip_call_dial_async (f->alice_call, uri, NULL, dial_done, f);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
}

static gchar *
bob_uri (Fixture *f)
{
  return g_strdup_printf ("sip:bob@127.0.0.1:%u", f->bob_port);
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

typedef struct
{
  GstSipCall *call;
  GstSipCallState state;
} StateWait;

static gboolean
has_state (gpointer user_data)
{
  StateWait *w = user_data;

  return gst_sip_call_get_state (w->call) == w->state;
}

static void
wait_state (GstSipCall *call, GstSipCallState state)
{
  StateWait w = { call, state };

  g_assert_true (gst_sip_test_wait (has_state, &w, WAIT_MS));
}

/* ---------------------------------------------------------------------- */

static void
test_keys (Fixture *f, gconstpointer data)
{
  GBytes *previous[2] = { NULL, NULL };
  gchar *uri = bob_uri (f);
  guint round;

  f->alice_mode = GST_SIP_SRTP_MODE_MANDATORY;
  f->bob_mode = GST_SIP_SRTP_MODE_MANDATORY;
  dial (f, uri);
  g_free (uri);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->status, ==, 200);
  wait_state (f->bob_call, GST_SIP_CALL_STATE_ESTABLISHED);

  for (round = 0; round < 3; round++) {
    g_autoptr (GstSipSdpStream) a = NULL;
    g_autoptr (GstSipSdpStream) b = NULL;

    if (round > 0) {
      /* a re-INVITE from either side */
      f->done = FALSE;
      gst_sip_call_renegotiate_async (round == 1 ? f->alice_call : f->bob_call,
          FALSE, NULL, renegotiated, f);
      g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
      g_assert_no_error (f->error);
      g_assert_cmpuint (f->status, ==, 200);
    }
    a = first_stream (f->alice_call);
    b = first_stream (f->bob_call);
    g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (a), ==,
        GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80);
    g_assert_true (g_bytes_equal (gst_sip_sdp_stream_get_srtp_send_key (a),
        gst_sip_sdp_stream_get_srtp_receive_key (b)));
    g_assert_true (g_bytes_equal (gst_sip_sdp_stream_get_srtp_send_key (b),
        gst_sip_sdp_stream_get_srtp_receive_key (a)));
    if (previous[0]) {
      g_assert_false (g_bytes_equal (
          previous[0], gst_sip_sdp_stream_get_srtp_send_key (a)));
      g_assert_false (g_bytes_equal (
          previous[1], gst_sip_sdp_stream_get_srtp_send_key (b)));
      g_bytes_unref (previous[0]);
      g_bytes_unref (previous[1]);
    }
    previous[0] = g_bytes_ref (gst_sip_sdp_stream_get_srtp_send_key (a));
    previous[1] = g_bytes_ref (gst_sip_sdp_stream_get_srtp_send_key (b));
  }
  g_bytes_unref (previous[0]);
  g_bytes_unref (previous[1]);

  gst_sip_call_hangup (f->alice_call);
  wait_state (f->alice_call, GST_SIP_CALL_STATE_ENDED);
  wait_state (f->bob_call, GST_SIP_CALL_STATE_ENDED);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  gchar *uri = bob_uri (f);

  f->alice_mode = GST_SIP_SRTP_MODE_MANDATORY;
  f->bob_mode = GST_SIP_SRTP_MODE_DISABLED;
  dial (f, uri);
  g_free (uri);
  g_assert_cmpuint (f->status, ==, 488);
  wait_state (f->alice_call, GST_SIP_CALL_STATE_ENDED);
}

/* a bare UDP peer: what it received next, within WAIT_MS */
static GstSipMessage *
raw_receive (GSocket *socket, GSocketAddress **from)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * 1000;
  gchar buf[8192];

  while (g_get_monotonic_time () < end) {
    gssize n =
        g_socket_receive_from (socket, from, buf, sizeof (buf), NULL, NULL);

    if (n > 0) {
      GstSipMessage *msg =
          gst_sip_message_new_from_bytes ((const guint8 *) buf, n, NULL);

      g_assert_nonnull (msg);
      return msg;
    }
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_usleep (2000);
  }
  g_error ("the bare peer received nothing");
  return NULL;
}

static void
raw_send (GSocket *socket, GSocketAddress *to, GstSipMessage *msg)
{
  GBytes *bytes = gst_sip_message_to_bytes (msg);
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  g_assert_cmpint (
      g_socket_send_to (socket, to, data, size, NULL, NULL), ==, (gssize) size);
  g_bytes_unref (bytes);
}

/* the peer answers an RTP/SAVP offer with plain RTP: alice acknowledges
 * the 2xx and hangs up with a 488 reason */
static void
test_plain_answer (Fixture *f, gconstpointer data)
{
  static const gchar plain[] = "v=0\r\n"
                               "o=- 1 1 IN IP4 127.0.0.1\r\n"
                               "s=-\r\n"
                               "c=IN IP4 127.0.0.1\r\n"
                               "t=0 0\r\n"
                               "m=audio 7078 RTP/AVP 0\r\n"
                               "a=rtpmap:0 PCMU/8000\r\n";
  GInetAddress *loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *local = g_inet_socket_address_new (loopback, 0), *from = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, NULL);
  GstSipMessage *invite, *ok, *msg;
  GSocketAddress *bound;
  GBytes *body;
  gchar *uri;
  const gchar *reason;

  g_assert_true (g_socket_bind (socket, local, TRUE, NULL));
  g_socket_set_blocking (socket, FALSE);
  bound = g_socket_get_local_address (socket, NULL);
  uri = g_strdup_printf ("sip:peer@127.0.0.1:%u",
      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  f->alice_mode = GST_SIP_SRTP_MODE_MANDATORY;
  f->alice_call = gst_sip_call_new (f->alice, NULL);
  {
    GstSipSdpNegotiator *n = new_negotiator (f->alice_mode);

    gst_sip_call_set_negotiator (f->alice_call, n);
    g_object_unref (n);
  }
  gst_sip_call_dial_async (f->alice_call, uri, NULL, dial_done, f);

  invite = raw_receive (socket, &from);
  g_assert_cmpint (
      gst_sip_message_get_method (invite), ==, GST_SIP_METHOD_INVITE);
  ok = gst_sip_message_new_response_for_request (invite, 200, NULL);
  gst_sip_message_set_to_tag (ok, "peer1");
  gst_sip_message_set_header (ok, "Contact", uri);
  body = g_bytes_new_static (plain, strlen (plain));
  gst_sip_message_set_body (ok, "application/sdp", body);
  g_bytes_unref (body);
  raw_send (socket, from, ok);

  /* the ACK, then a BYE with a 488 reason */
  msg = raw_receive (socket, NULL);
  g_assert_cmpint (gst_sip_message_get_method (msg), ==, GST_SIP_METHOD_ACK);
  gst_sip_message_unref (msg);
  msg = raw_receive (socket, NULL);
  g_assert_cmpint (gst_sip_message_get_method (msg), ==, GST_SIP_METHOD_BYE);
  reason = gst_sip_message_get_header (msg, "Reason");
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "cause=488"));
  gst_sip_message_unref (ok);
  ok = gst_sip_message_new_response_for_request (msg, 200, NULL);
  raw_send (socket, from, ok);
  gst_sip_message_unref (msg);

  wait_state (f->alice_call, GST_SIP_CALL_STATE_ENDED);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->alice_call), ==, 488);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));

  gst_sip_message_unref (ok);
  gst_sip_message_unref (invite);
  g_free (uri);
  g_object_unref (bound);
  g_object_unref (from);
  g_object_unref (socket);
  g_object_unref (local);
  g_object_unref (loopback);
}

int
main (int argc, char **argv)
{
  gst_init (NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/call-srtp/keys", Fixture, NULL, fixture_set_up, test_keys,
      fixture_tear_down);
  g_test_add ("/call-srtp/refused", Fixture, NULL, fixture_set_up, test_refused,
      fixture_tear_down);
  g_test_add ("/call-srtp/plain-answer", Fixture, NULL, fixture_set_up,
      test_plain_answer, fixture_tear_down);
  return g_test_run ();
}
