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

/* a re-INVITE from @call, after gst_sip_sdp_negotiator_renew_keys() with
 * @renew */
static void
renegotiate (Fixture *f, GstSipCall *call, gboolean renew)
{
  if (renew)
    gst_sip_sdp_negotiator_renew_keys (gst_sip_call_get_negotiator (call));
  f->done = FALSE;
  gst_sip_call_renegotiate_async (call, FALSE, NULL, renegotiated, f);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->status, ==, 200);
}

/* the send keys of both sides, checked against the receive keys of the
 * other side */
static void
get_keys (Fixture *f, GBytes **alice_key, GBytes **bob_key)
{
  g_autoptr (GstSipSdpStream) a = first_stream (f->alice_call);
  g_autoptr (GstSipSdpStream) b = first_stream (f->bob_call);

  g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (a), ==,
      GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80);
  g_assert_true (g_bytes_equal (gst_sip_sdp_stream_get_srtp_send_key (a),
      gst_sip_sdp_stream_get_srtp_receive_key (b)));
  g_assert_true (g_bytes_equal (gst_sip_sdp_stream_get_srtp_send_key (b),
      gst_sip_sdp_stream_get_srtp_receive_key (a)));
  g_assert_false (g_bytes_equal (gst_sip_sdp_stream_get_srtp_send_key (a),
      gst_sip_sdp_stream_get_srtp_send_key (b)));
  *alice_key = g_bytes_ref (gst_sip_sdp_stream_get_srtp_send_key (a));
  *bob_key = g_bytes_ref (gst_sip_sdp_stream_get_srtp_send_key (b));
}

/* each side sends with the key the other receives with; re-INVITEs keep
 * the keys (RFC 4568 7.1.4) unless a side asks for new ones, which the
 * other side then takes */
static void
test_keys (Fixture *f, gconstpointer data)
{
  static const struct
  {
    gboolean from_alice, renew, alice_new, bob_new;
  } rounds[] = {
    { TRUE, FALSE, FALSE, FALSE },
    { FALSE, FALSE, FALSE, FALSE },
    { TRUE, TRUE, TRUE, FALSE },
    { FALSE, TRUE, FALSE, TRUE },
    { TRUE, FALSE, FALSE, FALSE },
  };
  GBytes *alice_key, *bob_key;
  gchar *uri = bob_uri (f);
  guint i;

  f->alice_mode = GST_SIP_SRTP_MODE_MANDATORY;
  f->bob_mode = GST_SIP_SRTP_MODE_MANDATORY;
  dial (f, uri);
  g_free (uri);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->status, ==, 200);
  wait_state (f->bob_call, GST_SIP_CALL_STATE_ESTABLISHED);
  get_keys (f, &alice_key, &bob_key);

  for (i = 0; i < G_N_ELEMENTS (rounds); i++) {
    GBytes *a, *b;

    renegotiate (
        f, rounds[i].from_alice ? f->alice_call : f->bob_call, rounds[i].renew);
    get_keys (f, &a, &b);
    g_assert_true (g_bytes_equal (a, alice_key) != rounds[i].alice_new);
    g_assert_true (g_bytes_equal (b, bob_key) != rounds[i].bob_new);
    g_bytes_unref (alice_key);
    g_bytes_unref (bob_key);
    alice_key = a;
    bob_key = b;
  }
  g_bytes_unref (alice_key);
  g_bytes_unref (bob_key);

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
/* the next request of @method, skipping retransmissions and others; for
 * an INVITE, with a To tag (a re-INVITE) when @in_dialog */
static GstSipMessage *
raw_receive_request (GSocket *socket, GSocketAddress **from,
    GstSipMethod method, gboolean in_dialog)
{
  guint n;

  for (n = 0; n < 20; n++) {
    GSocketAddress *address = NULL;
    GstSipMessage *msg = raw_receive (socket, &address);

    if (gst_sip_message_is_request (msg) &&
        gst_sip_message_get_method (msg) == method &&
        (!in_dialog || gst_sip_message_get_to_tag (msg))) {
      if (from)
        *from = address;
      else
        g_object_unref (address);
      return msg;
    }
    g_object_unref (address);
    gst_sip_message_unref (msg);
  }
  g_error ("no %s came", gst_sip_method_to_string (method));
  return NULL;
}

/* a response to @request from the bare peer, with @sdp */
static void
raw_respond (GSocket *socket, GSocketAddress *to, GstSipMessage *request,
    guint code, const gchar *uri, const gchar *sdp)
{
  GstSipMessage *response =
      gst_sip_message_new_response_for_request (request, code, NULL);

  if (!gst_sip_message_get_to_tag (response))
    gst_sip_message_set_to_tag (response, "peer1");
  gst_sip_message_set_header (response, "Contact", uri);
  if (sdp) {
    GBytes *body = g_bytes_new (sdp, strlen (sdp));

    gst_sip_message_set_body (response, "application/sdp", body);
    g_bytes_unref (body);
  }
  raw_send (socket, to, response);
  gst_sip_message_unref (response);
}

typedef enum
{
  PLAIN_IN_2XX, /* the 2xx to the INVITE */
  PLAIN_IN_18X, /* a 183 before it, then the 2xx */
  PLAIN_IN_REINVITE, /* the 2xx to a re-INVITE of an SRTP call */
} PlainCase;

/* a bare peer answers an SRTP-only offer with plain RTP: the call ends
 * with an ACK and a BYE with a 488 reason */
static void
test_plain_answer (Fixture *f, gconstpointer data)
{
  PlainCase plain_case = GPOINTER_TO_INT (data);
  static const gchar plain[] = "v=0\r\n"
                               "o=- 1 1 IN IP4 127.0.0.1\r\n"
                               "s=-\r\n"
                               "c=IN IP4 127.0.0.1\r\n"
                               "t=0 0\r\n"
                               "m=audio 7078 RTP/AVP 0\r\n"
                               "a=rtpmap:0 PCMU/8000\r\n";
  static const gchar srtp[] =
      "v=0\r\n"
      "o=- 1 1 IN IP4 127.0.0.1\r\n"
      "s=-\r\n"
      "c=IN IP4 127.0.0.1\r\n"
      "t=0 0\r\n"
      "m=audio 7078 RTP/SAVP 0\r\n"
      "a=rtpmap:0 PCMU/8000\r\n"
      "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
      "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n";
  GInetAddress *loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *local = g_inet_socket_address_new (loopback, 0), *from = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, NULL);
  GstSipMessage *invite, *msg;
  GSocketAddress *bound;
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

  invite = raw_receive_request (socket, &from, GST_SIP_METHOD_INVITE, FALSE);
  if (plain_case == PLAIN_IN_18X) {
    /* an unreliable 183: its answer is the one of the 2xx */
    raw_respond (socket, from, invite, 183, uri, plain);
    wait_state (f->alice_call, GST_SIP_CALL_STATE_EARLY);
  }
  raw_respond (socket, from, invite, 200, uri,
      plain_case == PLAIN_IN_REINVITE ? srtp : plain);
  msg = raw_receive_request (socket, NULL, GST_SIP_METHOD_ACK, FALSE);
  gst_sip_message_unref (msg);

  if (plain_case == PLAIN_IN_REINVITE) {
    g_autoptr (GstSipSdpStream) stream = NULL;

    g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
    g_assert_no_error (f->error);
    g_assert_cmpuint (f->status, ==, 200);
    wait_state (f->alice_call, GST_SIP_CALL_STATE_ESTABLISHED);
    stream = first_stream (f->alice_call);
    g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (stream), ==,
        GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80);

    f->done = FALSE;
    gst_sip_call_renegotiate_async (
        f->alice_call, FALSE, NULL, renegotiated, f);
    gst_sip_message_unref (invite);
    invite = raw_receive_request (socket, NULL, GST_SIP_METHOD_INVITE, TRUE);
    raw_respond (socket, from, invite, 200, uri, plain);
    msg = raw_receive_request (socket, NULL, GST_SIP_METHOD_ACK, FALSE);
    gst_sip_message_unref (msg);
  }

  /* then a BYE with a 488 reason */
  msg = raw_receive_request (socket, NULL, GST_SIP_METHOD_BYE, FALSE);
  reason = gst_sip_message_get_header (msg, "Reason");
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "cause=488"));
  raw_respond (socket, from, msg, 200, uri, NULL);
  gst_sip_message_unref (msg);

  wait_state (f->alice_call, GST_SIP_CALL_STATE_ENDED);
  g_assert_cmpuint (gst_sip_call_get_status_code (f->alice_call), ==, 488);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  if (plain_case == PLAIN_IN_REINVITE)
    g_assert_error (f->error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE);

  gst_sip_message_unref (invite);
  g_free (uri);
  g_object_unref (bound);
  g_object_unref (from);
  g_object_unref (socket);
  g_object_unref (local);
  g_object_unref (loopback);
}

/* a request of the bare peer (the UAS of the dialog of @invite, tag
 * "peer1") to alice, in that dialog, with @sdp */
static GstSipMessage *
raw_request (GstSipMessage *invite, const gchar *method, guint32 cseq,
    const gchar *branch, const gchar *uri, const gchar *sdp)
{
  GList *contacts = gst_sip_message_get_addresses (invite, "Contact");
  GstSipAddress *from = gst_sip_message_get_to (invite);
  GstSipAddress *to = gst_sip_message_get_from (invite);
  GstSipMessage *request;
  gchar *via;

  g_assert_nonnull (contacts);
  request = gst_sip_message_new_request (
      method, gst_sip_address_get_uri (contacts->data));
  via = g_strdup_printf (
      "SIP/2.0/UDP %s;branch=%s", uri + strlen ("sip:peer@"), branch);
  gst_sip_message_set_header (request, "Via", via);
  g_free (via);
  gst_sip_message_set_max_forwards (request, 70);
  gst_sip_address_set_tag (from, "peer1");
  gst_sip_message_set_from (request, from);
  gst_sip_message_set_to (request, to);
  gst_sip_message_set_call_id (request, gst_sip_message_get_call_id (invite));
  gst_sip_message_set_cseq (request, cseq, method);
  gst_sip_message_set_header (request, "Contact", uri);
  if (sdp) {
    GBytes *body = g_bytes_new (sdp, strlen (sdp));

    gst_sip_message_set_body (request, "application/sdp", body);
    g_bytes_unref (body);
  }
  gst_sip_address_free (from);
  gst_sip_address_free (to);
  g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);
  return request;
}

/* the next response for CSeq @cseq, skipping retransmissions */
static GstSipMessage *
raw_receive_response (GSocket *socket, guint32 cseq)
{
  guint n;

  for (n = 0; n < 20; n++) {
    GstSipMessage *msg = raw_receive (socket, NULL);
    guint32 seq = 0;

    if (gst_sip_message_is_response (msg) &&
        gst_sip_message_get_cseq (msg, &seq, NULL) && seq == cseq)
      return msg;
    gst_sip_message_unref (msg);
  }
  g_error ("no response came");
  return NULL;
}

/* a bare peer took SRTP in optional mode, then re-offers plain RTP, then
 * RTP/SAVP again: the m-line keeps SRTP, the switch gets a 488 and the
 * call goes on with its keys */
static void
test_peer_switch (Fixture *f, gconstpointer data)
{
#define SDP_HEAD                  \
  "v=0\r\n"                       \
  "o=- 1 %u IN IP4 127.0.0.1\r\n" \
  "s=-\r\n"                       \
  "c=IN IP4 127.0.0.1\r\n"        \
  "t=0 0\r\n"
  static const gchar srtp_fmt[] =
      SDP_HEAD "m=audio 7078 RTP/AVP 0\r\n"
               "a=rtpmap:0 PCMU/8000\r\n"
               "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
               "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n";
  static const gchar plain_fmt[] = SDP_HEAD "m=audio 7078 RTP/AVP 0\r\n"
                                            "a=rtpmap:0 PCMU/8000\r\n";
#undef SDP_HEAD
  GInetAddress *loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *local = g_inet_socket_address_new (loopback, 0), *from = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, NULL);
  GstSipMessage *invite, *msg, *request;
  GSocketAddress *bound;
  GBytes *send_key, *receive_key;
  gchar *uri, *sdp;
  guint i;

  g_assert_true (g_socket_bind (socket, local, TRUE, NULL));
  g_socket_set_blocking (socket, FALSE);
  bound = g_socket_get_local_address (socket, NULL);
  uri = g_strdup_printf ("sip:peer@127.0.0.1:%u",
      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  f->alice_mode = GST_SIP_SRTP_MODE_OPTIONAL;
  f->alice_call = gst_sip_call_new (f->alice, NULL);
  {
    GstSipSdpNegotiator *n = new_negotiator (f->alice_mode);

    gst_sip_call_set_negotiator (f->alice_call, n);
    g_object_unref (n);
  }
  gst_sip_call_dial_async (f->alice_call, uri, NULL, dial_done, f);
  invite = raw_receive_request (socket, &from, GST_SIP_METHOD_INVITE, FALSE);
  sdp = g_strdup_printf (srtp_fmt, 1);
  raw_respond (socket, from, invite, 200, uri, sdp);
  g_free (sdp);
  msg = raw_receive_request (socket, NULL, GST_SIP_METHOD_ACK, FALSE);
  gst_sip_message_unref (msg);
  g_assert_true (gst_sip_test_wait (is_done, f, WAIT_MS));
  g_assert_cmpuint (f->status, ==, 200);
  {
    g_autoptr (GstSipSdpStream) stream = first_stream (f->alice_call);

    g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (stream), ==,
        GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80);
    send_key = g_bytes_ref (gst_sip_sdp_stream_get_srtp_send_key (stream));
    receive_key =
        g_bytes_ref (gst_sip_sdp_stream_get_srtp_receive_key (stream));
  }

  for (i = 0; i < 2; i++) {
    g_autoptr (GstSipSdpStream) stream = NULL;
    gchar branch[32];

    /* plain RTP, then RTP/SAVP with a key */
    g_snprintf (branch, sizeof (branch), "z9hG4bKswitch%u", i);
    sdp = i == 0 ? g_strdup_printf (plain_fmt, 2 + i)
                 : g_strdup_printf (
                       "v=0\r\no=- 1 %u IN IP4 127.0.0.1\r\ns=-\r\n"
                       "c=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                       "m=audio 7078 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                       "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                       "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n",
                       2 + i);
    request = raw_request (invite, "INVITE", 2 + i, branch, uri, sdp);
    g_free (sdp);
    raw_send (socket, from, request);
    gst_sip_message_unref (request);
    msg = raw_receive_response (socket, 2 + i);
    if (i == 0) {
      /* 488, acknowledged in its transaction */
      g_assert_cmpuint (gst_sip_message_get_status_code (msg), ==, 488);
      request = raw_request (invite, "ACK", 2 + i, branch, uri, NULL);
      {
        GstSipAddress *to = gst_sip_message_get_to (msg);

        gst_sip_message_set_to (request, to);
        gst_sip_address_free (to);
      }
      raw_send (socket, from, request);
      gst_sip_message_unref (request);
    } else {
      /* RTP/SAVP for an m-line that runs SRTP over RTP/AVP: taken, with
       * our key */
      g_assert_cmpuint (gst_sip_message_get_status_code (msg), ==, 200);
      request =
          raw_request (invite, "ACK", 2 + i, "z9hG4bKswitchack", uri, NULL);
      raw_send (socket, from, request);
      gst_sip_message_unref (request);
    }
    gst_sip_message_unref (msg);

    g_assert_cmpint (gst_sip_call_get_state (f->alice_call), ==,
        GST_SIP_CALL_STATE_ESTABLISHED);
    stream = first_stream (f->alice_call);
    g_assert_true (gst_sip_sdp_stream_is_enabled (stream));
    g_assert_cmpint (gst_sip_sdp_stream_get_srtp_suite (stream), ==,
        GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80);
    g_assert_true (g_bytes_equal (
        send_key, gst_sip_sdp_stream_get_srtp_send_key (stream)));
    g_assert_true (g_bytes_equal (
        receive_key, gst_sip_sdp_stream_get_srtp_receive_key (stream)));
  }

  /* alice hangs up */
  gst_sip_call_hangup (f->alice_call);
  msg = raw_receive_request (socket, NULL, GST_SIP_METHOD_BYE, FALSE);
  raw_respond (socket, from, msg, 200, uri, NULL);
  gst_sip_message_unref (msg);
  wait_state (f->alice_call, GST_SIP_CALL_STATE_ENDED);

  g_bytes_unref (send_key);
  g_bytes_unref (receive_key);
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
  g_test_add ("/call-srtp/plain-answer", Fixture,
      GINT_TO_POINTER (PLAIN_IN_2XX), fixture_set_up, test_plain_answer,
      fixture_tear_down);
  g_test_add ("/call-srtp/plain-early-answer", Fixture,
      GINT_TO_POINTER (PLAIN_IN_18X), fixture_set_up, test_plain_answer,
      fixture_tear_down);
  g_test_add ("/call-srtp/peer-switch", Fixture, NULL, fixture_set_up,
      test_peer_switch, fixture_tear_down);
  g_test_add ("/call-srtp/plain-reinvite-answer", Fixture,
      GINT_TO_POINTER (PLAIN_IN_REINVITE), fixture_set_up, test_plain_answer,
      fixture_tear_down);
  return g_test_run ();
}
