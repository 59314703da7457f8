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

/* The RFC 3261 section 17 state machines, through the user agent's send
 * function: no sockets, a short T1, and exact retransmission counts. */

#include <string.h>

#include "test-utils.h"
#include "sip/sip-timer-private.h"

#define T1 10
#define WAIT_MS 5000

typedef struct
{
  GstSipUserAgent *ua;
  GstSipTestCapture *capture;
  GPtrArray *responses; /* what the client transaction reported */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->ua = gst_sip_test_user_agent_new (T1);
  f->capture = gst_sip_test_capture_new (f->ua);
  f->responses =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_object_unref (f->ua);
  g_ptr_array_unref (f->responses);
}

static void
on_response (GstSipClientTransaction *tx, GstSipMessage *response, Fixture *f)
{
  g_ptr_array_add (f->responses, gst_sip_message_ref (response));
}

static GstSipClientTransaction *
send (Fixture *f, const gchar *method, const gchar *uri)
{
  GstSipUri *target = gst_sip_uri_new (uri, NULL);
  GstSipMessage *request = gst_sip_message_new_request (method, target);
  GstSipClientTransaction *tx;
  GError *error = NULL;

  tx = gst_sip_user_agent_send_request (f->ua, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tx);
  g_signal_connect (tx, "response", G_CALLBACK (on_response), f);
  gst_sip_message_unref (request);
  gst_sip_uri_free (target);
  return tx;
}

static gboolean
is_terminated (gpointer tx)
{
  return gst_sip_transaction_get_state (tx) ==
      GST_SIP_TRANSACTION_STATE_TERMINATED;
}

static gboolean
no_transactions (gpointer ua)
{
  return gst_sip_user_agent_get_n_transactions (ua) == 0;
}

/* a response to the request the client sent, as the far end writes it */
static void
respond (Fixture *f, GstSipMessage *request, guint code, const gchar *tag)
{
  GstSipMessage *response =
      gst_sip_message_new_response_for_request (request, code, NULL);

  if (tag)
    gst_sip_message_set_to_tag (response, tag);
  gst_sip_user_agent_handle_message (f->ua, response);
  gst_sip_message_unref (response);
}

static GstSipMessage *
first_sent (Fixture *f, const gchar *method)
{
  guint i;

  for (i = 0; i < f->capture->sent->len; i++) {
    GstSipMessage *msg = g_ptr_array_index (f->capture->sent, i);

    if (gst_sip_message_is_request (msg) &&
        g_str_equal (gst_sip_message_get_method_name (msg), method))
      return msg;
  }
  g_assert_not_reached ();
  return NULL;
}

static void
test_invite_timeout (Fixture *f, gconstpointer data)
{
  GstSipClientTransaction *tx = send (f, "INVITE", "sip:bob@192.0.2.1");
  const GError *error;

  g_assert_true (gst_sip_test_wait (is_terminated, tx, WAIT_MS));
  /* Timer A: at T1, 3 T1, 7 T1, 15 T1, 31 T1, 63 T1; Timer B at 64 T1 */
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "INVITE"), ==, 7);
  error = gst_sip_client_transaction_get_error (tx);
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TIMEOUT);
  g_assert_cmpuint (f->responses->len, ==, 0);
  g_assert_cmpuint (gst_sip_user_agent_get_n_transactions (f->ua), ==, 0);
  g_object_unref (tx);
}

static void
test_non_invite_timeout (Fixture *f, gconstpointer data)
{
  GstSipClientTransaction *tx = send (f, "OPTIONS", "sip:bob@192.0.2.1");

  g_assert_true (gst_sip_test_wait (is_terminated, tx, WAIT_MS));
  /* Timer E doubles up to T2 = 8 T1: 1 + 10 retransmissions in 64 T1 */
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "OPTIONS"), ==, 11);
  g_assert_error (gst_sip_client_transaction_get_error (tx), GST_SIP_ERROR,
      GST_SIP_ERROR_TIMEOUT);
  g_object_unref (tx);
}

static void
test_reliable_no_retransmission (Fixture *f, gconstpointer data)
{
  GstSipClientTransaction *tx =
      send (f, "INVITE", "sip:bob@192.0.2.1;transport=tcp");
  GstSipVia *via;

  g_assert_true (gst_sip_test_wait (is_terminated, tx, WAIT_MS));
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "INVITE"), ==, 1);
  g_assert_error (gst_sip_client_transaction_get_error (tx), GST_SIP_ERROR,
      GST_SIP_ERROR_TIMEOUT);
  via = gst_sip_message_get_via (first_sent (f, "INVITE"), 0);
  g_assert_cmpstr (gst_sip_via_get_transport (via), ==, "TCP");
  gst_sip_via_free (via);
  g_object_unref (tx);
}

static void
test_completed_request (Fixture *f, gconstpointer data)
{
  GstSipClientTransaction *tx = send (f, "OPTIONS", "sip:bob@192.0.2.1");
  GstSipMessage *request = first_sent (f, "OPTIONS");
  GstSipVia *via;
  GstSipAddress *from;
  guint32 seq;

  /* RFC 3261 8.1.1: what the user agent completed */
  g_assert_cmpint (gst_sip_message_get_max_forwards (request), ==, 70);
  g_assert_nonnull (gst_sip_message_get_call_id (request));
  g_assert_true (gst_sip_message_get_cseq (request, &seq, NULL));
  g_assert_cmpuint (seq, ==, 1);
  from = gst_sip_message_get_from (request);
  g_assert_cmpstr (gst_sip_address_get_display_name (from), ==, "Anonymous");
  g_assert_nonnull (gst_sip_address_get_tag (from));
  gst_sip_address_free (from);
  g_assert_cmpstr (
      gst_sip_message_get_header (request, "To"), ==, "<sip:bob@192.0.2.1>");
  g_assert_true (g_str_has_prefix (
      gst_sip_message_get_header (request, "User-Agent"), "gst-sip/"));
  via = gst_sip_message_get_via (request, 0);
  g_assert_true (g_str_has_prefix (gst_sip_via_get_branch (via), "z9hG4bK"));
  g_assert_cmpstr (gst_sip_via_get_branch (via), ==,
      gst_sip_transaction_get_branch (GST_SIP_TRANSACTION (tx)));
  g_assert_cmpint (gst_sip_via_get_rport (via), ==, 0);
  gst_sip_via_free (via);

  respond (f, request, 200, "abc");
  g_assert_cmpint (gst_sip_transaction_get_state (GST_SIP_TRANSACTION (tx)), ==,
      GST_SIP_TRANSACTION_STATE_COMPLETED);
  /* a retransmitted final response is absorbed */
  respond (f, request, 200, "abc");
  g_assert_cmpuint (f->responses->len, ==, 1);
  g_assert_true (gst_sip_test_wait (is_terminated, tx, WAIT_MS));
  g_assert_null (gst_sip_client_transaction_get_error (tx));
  g_assert_cmpuint (
      gst_sip_message_get_status_code (
          gst_sip_transaction_get_last_response (GST_SIP_TRANSACTION (tx))),
      ==, 200);
  g_object_unref (tx);
}

static void
test_invite_rejected (Fixture *f, gconstpointer data)
{
  GstSipClientTransaction *tx = send (f, "INVITE", "sip:bob@192.0.2.1");
  GstSipMessage *invite = first_sent (f, "INVITE"), *ack;
  guint n_invites;
  GstSipMethod method;
  guint32 seq, ack_seq;
  GstSipVia *via1, *via2;

  respond (f, invite, 180, "bob-tag");
  g_assert_cmpint (gst_sip_transaction_get_state (GST_SIP_TRANSACTION (tx)), ==,
      GST_SIP_TRANSACTION_STATE_PROCEEDING);
  /* no retransmission after a provisional response */
  n_invites = gst_sip_test_capture_count (f->capture, "INVITE");
  gst_sip_test_run_for (10 * T1);
  g_assert_cmpuint (
      gst_sip_test_capture_count (f->capture, "INVITE"), ==, n_invites);

  respond (f, invite, 486, "bob-tag");
  g_assert_cmpint (gst_sip_transaction_get_state (GST_SIP_TRANSACTION (tx)), ==,
      GST_SIP_TRANSACTION_STATE_COMPLETED);
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "ACK"), ==, 1);

  /* RFC 3261 17.1.1.3 */
  ack = gst_sip_test_capture_last (f->capture);
  g_assert_true (gst_sip_uri_equal (gst_sip_message_get_request_uri (ack),
      gst_sip_message_get_request_uri (invite)));
  via1 = gst_sip_message_get_via (ack, 0);
  via2 = gst_sip_message_get_via (invite, 0);
  g_assert_cmpstr (
      gst_sip_via_get_branch (via1), ==, gst_sip_via_get_branch (via2));
  gst_sip_via_free (via1);
  gst_sip_via_free (via2);
  g_assert_cmpuint (gst_sip_message_get_n_vias (ack), ==, 1);
  g_assert_cmpstr (gst_sip_message_get_to_tag (ack), ==, "bob-tag");
  g_assert_cmpstr (gst_sip_message_get_from_tag (ack), ==,
      gst_sip_message_get_from_tag (invite));
  g_assert_cmpstr (gst_sip_message_get_call_id (ack), ==,
      gst_sip_message_get_call_id (invite));
  gst_sip_message_get_cseq (invite, &seq, NULL);
  g_assert_true (gst_sip_message_get_cseq (ack, &ack_seq, &method));
  g_assert_cmpuint (seq, ==, ack_seq);
  g_assert_cmpint (method, ==, GST_SIP_METHOD_ACK);

  /* the response again: the ACK again */
  respond (f, invite, 486, "bob-tag");
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "ACK"), ==, 2);
  g_assert_cmpuint (f->responses->len, ==, 2);

  /* Timer D */
  g_assert_true (gst_sip_test_wait (is_terminated, tx, WAIT_MS));
  g_assert_null (gst_sip_client_transaction_get_error (tx));
  g_object_unref (tx);
}

static void
test_invite_accepted (Fixture *f, gconstpointer data)
{
  GstSipClientTransaction *tx = send (f, "INVITE", "sip:bob@192.0.2.1");
  GstSipMessage *invite = first_sent (f, "INVITE");

  respond (f, invite, 200, "bob-tag");
  g_assert_cmpint (gst_sip_transaction_get_state (GST_SIP_TRANSACTION (tx)), ==,
      GST_SIP_TRANSACTION_STATE_ACCEPTED);
  /* RFC 6026: retransmitted 2xx reach the TU, which sends each ACK */
  respond (f, invite, 200, "bob-tag");
  g_assert_cmpuint (f->responses->len, ==, 2);
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "ACK"), ==, 0);
  /* Timer M */
  g_assert_true (gst_sip_test_wait (is_terminated, tx, WAIT_MS));
  /* nothing matches any more */
  respond (f, invite, 200, "bob-tag");
  g_assert_cmpuint (f->responses->len, ==, 2);
  g_object_unref (tx);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  GstSipClientTransaction *tx = send (f, "INVITE", "sip:bob@192.0.2.1");
  GstSipMessage *invite = first_sent (f, "INVITE"), *cancel;
  GError *error = NULL;
  guint32 seq, cseq;
  GstSipMethod method;
  GstSipVia *v1, *v2;

  /* RFC 3261 9.1: no CANCEL before a provisional response */
  g_assert_true (gst_sip_client_transaction_cancel (tx, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "CANCEL"), ==, 0);

  respond (f, invite, 180, "t");
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "CANCEL"), ==, 1);
  cancel = first_sent (f, "CANCEL");
  v1 = gst_sip_message_get_via (cancel, 0);
  v2 = gst_sip_message_get_via (invite, 0);
  g_assert_cmpstr (
      gst_sip_via_get_branch (v1), ==, gst_sip_via_get_branch (v2));
  gst_sip_via_free (v1);
  gst_sip_via_free (v2);
  gst_sip_message_get_cseq (invite, &seq, NULL);
  g_assert_true (gst_sip_message_get_cseq (cancel, &cseq, &method));
  g_assert_cmpuint (seq, ==, cseq);
  g_assert_cmpint (method, ==, GST_SIP_METHOD_CANCEL);
  g_assert_null (gst_sip_message_get_to_tag (cancel));

  /* the CANCEL gets its own 200; the INVITE its 487, which is acked */
  respond (f, cancel, 200, "t");
  respond (f, invite, 487, "t");
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "ACK"), ==, 1);
  g_assert_false (gst_sip_client_transaction_cancel (tx, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE);
  g_clear_error (&error);

  g_assert_true (gst_sip_test_wait (no_transactions, f->ua, WAIT_MS));
  g_object_unref (tx);
}

static void
test_transport_refused (Fixture *f, gconstpointer data)
{
  GstSipClientTransaction *tx;

  f->capture->refuse = TRUE;
  tx = send (f, "OPTIONS", "sip:bob@192.0.2.1");
  g_assert_true (is_terminated (tx));
  g_assert_error (gst_sip_client_transaction_get_error (tx), GST_SIP_ERROR,
      GST_SIP_ERROR_TRANSPORT);
  g_assert_cmpuint (gst_sip_user_agent_get_n_transactions (f->ua), ==, 0);
  g_object_unref (tx);
}

/* ---------------------------------------------------------------------- */
/* server transactions */

#define REQUEST(method, branch, extra)                         \
  method " sip:alice@192.0.2.2 SIP/2.0\n"                      \
         "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=" branch "\n" \
         "Max-Forwards: 70\n"                                  \
         "From: <sip:bob@192.0.2.1>;tag=bobtag\n"              \
         "To: <sip:alice@192.0.2.2>" extra "\n"                \
         "Call-ID: 3848276298220188511@192.0.2.1\n"            \
         "CSeq: 1 " method "\n"                                \
         "Content-Length: 0\n\n"

static void
inject (Fixture *f, const gchar *text)
{
  GstSipMessage *msg = gst_sip_test_message_new ("%s", text);

  gst_sip_user_agent_handle_message (f->ua, msg);
  gst_sip_message_unref (msg);
}

static void
test_server_non_invite (Fixture *f, gconstpointer data)
{
  GstSipMessage *response;

  inject (f, REQUEST ("OPTIONS", "z9hG4bKopt1", ""));
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "200"), ==, 1);
  response = gst_sip_test_capture_last (f->capture);
  g_assert_nonnull (gst_sip_message_get_to_tag (response));
  g_assert_cmpuint (gst_sip_user_agent_get_n_transactions (f->ua), ==, 1);

  /* a retransmission is answered again, identically */
  inject (f, REQUEST ("OPTIONS", "z9hG4bKopt1", ""));
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "200"), ==, 2);
  g_assert_cmpstr (
      gst_sip_message_get_to_tag (gst_sip_test_capture_last (f->capture)), ==,
      gst_sip_message_get_to_tag (response));

  /* Timer J */
  g_assert_true (gst_sip_test_wait (no_transactions, f->ua, WAIT_MS));
}

typedef struct
{
  Fixture *f;
  GstSipServerTransaction *tx;
  guint code;
  guint n_cancelled;
  guint n_ack_timeouts;
} InviteHandler;

static void
on_cancelled (GstSipServerTransaction *tx, InviteHandler *h)
{
  h->n_cancelled++;
}

static void
on_ack_timeout (GstSipServerTransaction *tx, InviteHandler *h)
{
  h->n_ack_timeouts++;
}

static gboolean
on_invite (GstSipUserAgent *ua, GstSipServerTransaction *tx, InviteHandler *h)
{
  GError *error = NULL;

  g_set_object (&h->tx, tx);
  g_signal_connect (tx, "cancelled", G_CALLBACK (on_cancelled), h);
  g_signal_connect (tx, "ack-timeout", G_CALLBACK (on_ack_timeout), h);
  if (h->code) {
    g_assert_true (
        gst_sip_server_transaction_reply (tx, h->code, NULL, &error));
    g_assert_no_error (error);
  }
  return TRUE;
}

static void
invite_handler_init (InviteHandler *h, Fixture *f, guint code)
{
  memset (h, 0, sizeof (*h));
  h->f = f;
  h->code = code;
  gst_sip_user_agent_add_allowed_method (f->ua, "INVITE");
  g_signal_connect (
      f->ua, "incoming-request::INVITE", G_CALLBACK (on_invite), h);
}

static gboolean
is_state (GstSipServerTransaction *tx, GstSipTransactionState state)
{
  return gst_sip_transaction_get_state (GST_SIP_TRANSACTION (tx)) == state;
}

static void
test_server_invite_rejected (Fixture *f, gconstpointer data)
{
  InviteHandler h;
  gchar *ack;
  guint n;

  invite_handler_init (&h, f, 486);
  inject (f, REQUEST ("INVITE", "z9hG4bKinv1", ""));
  /* answered at once, so no 100 Trying */
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "100"), ==, 0);
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "486"), ==, 1);
  g_assert_true (is_state (h.tx, GST_SIP_TRANSACTION_STATE_COMPLETED));

  /* Timer G: T1, 3 T1, 7 T1, ... */
  gst_sip_test_run_for (8 * T1);
  n = gst_sip_test_capture_count (f->capture, "486");
  g_assert_cmpuint (n, >=, 3);

  ack = g_strdup_printf (REQUEST ("ACK", "z9hG4bKinv1", ";tag=%s"),
      gst_sip_server_transaction_get_local_tag (h.tx));
  inject (f, ack);
  g_free (ack);
  g_assert_true (is_state (h.tx, GST_SIP_TRANSACTION_STATE_CONFIRMED));
  n = gst_sip_test_capture_count (f->capture, "486");
  gst_sip_test_run_for (10 * T1);
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "486"), ==, n);

  /* Timer I */
  g_assert_true (gst_sip_test_wait (no_transactions, f->ua, WAIT_MS));
  g_assert_cmpuint (h.n_ack_timeouts, ==, 0);
  g_clear_object (&h.tx);
}

static void
test_server_invite_no_ack (Fixture *f, gconstpointer data)
{
  InviteHandler h;

  invite_handler_init (&h, f, 603);
  inject (f, REQUEST ("INVITE", "z9hG4bKinv2", ""));
  /* Timer H */
  g_assert_true (gst_sip_test_wait (no_transactions, f->ua, WAIT_MS));
  g_assert_cmpuint (h.n_ack_timeouts, ==, 1);
  /* Timer G capped at T2: 0, 1, 3, 7, 15, 23, ..., 63 T1 */
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "603"), ==, 11);
  g_clear_object (&h.tx);
}

static void
test_server_invite_accepted (Fixture *f, gconstpointer data)
{
  InviteHandler h;
  GError *error = NULL;

  invite_handler_init (&h, f, 0);
  inject (f, REQUEST ("INVITE", "z9hG4bKinv3", ""));
  /* 17.2.1: nobody answered yet, so 100 Trying */
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "100"), ==, 1);
  g_assert_null (
      gst_sip_message_get_to_tag (gst_sip_test_capture_last (f->capture)));

  /* a retransmitted INVITE gets the 100 again */
  inject (f, REQUEST ("INVITE", "z9hG4bKinv3", ""));
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "100"), ==, 2);

  g_assert_true (gst_sip_server_transaction_reply (h.tx, 180, NULL, &error));
  g_assert_true (gst_sip_server_transaction_reply (h.tx, 200, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (is_state (h.tx, GST_SIP_TRANSACTION_STATE_ACCEPTED));
  g_assert_cmpstr (
      gst_sip_message_get_to_tag (gst_sip_test_capture_last (f->capture)), ==,
      gst_sip_server_transaction_get_local_tag (h.tx));
  /* the TU retransmits its 2xx through the transaction */
  g_assert_true (gst_sip_server_transaction_reply (h.tx, 200, NULL, &error));
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "200"), ==, 2);
  /* but nothing else */
  g_assert_false (gst_sip_server_transaction_reply (h.tx, 486, NULL, &error));
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE);
  g_clear_error (&error);
  /* retransmitted INVITEs are absorbed silently (RFC 6026) */
  {
    guint n = f->capture->sent->len;

    inject (f, REQUEST ("INVITE", "z9hG4bKinv3", ""));
    g_assert_cmpuint (f->capture->sent->len, ==, n);
  }
  /* Timer L */
  g_assert_true (gst_sip_test_wait (no_transactions, f->ua, WAIT_MS));
  g_clear_object (&h.tx);
}

static void
test_server_cancel (Fixture *f, gconstpointer data)
{
  InviteHandler h;
  gchar *ack;

  invite_handler_init (&h, f, 0);
  inject (f, REQUEST ("INVITE", "z9hG4bKinv4", ""));
  inject (f, REQUEST ("CANCEL", "z9hG4bKinv4", ""));
  g_assert_cmpuint (h.n_cancelled, ==, 1);
  g_assert_true (gst_sip_server_transaction_is_cancelled (h.tx));
  /* 9.2: 200 for the CANCEL, 487 for the INVITE */
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "200"), ==, 1);
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "487"), ==, 1);
  g_assert_cmpstr (gst_sip_message_get_cseq_method_name (
                       gst_sip_test_capture_last (f->capture)),
      ==, "INVITE");
  ack = g_strdup_printf (REQUEST ("ACK", "z9hG4bKinv4", ";tag=%s"),
      gst_sip_server_transaction_get_local_tag (h.tx));
  inject (f, ack);
  g_free (ack);
  g_assert_true (is_state (h.tx, GST_SIP_TRANSACTION_STATE_CONFIRMED));

  /* a CANCEL for nothing */
  inject (f, REQUEST ("CANCEL", "z9hG4bKnothing", ""));
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "481"), ==, 1);

  g_assert_true (gst_sip_test_wait (no_transactions, f->ua, WAIT_MS));
  g_clear_object (&h.tx);
}

static void
test_server_rfc2543 (Fixture *f, gconstpointer data)
{
  InviteHandler h;
  gchar *ack;

  /* seed 000: "branch=callBranch" has no magic cookie */
  invite_handler_init (&h, f, 0);
  inject (f, REQUEST ("INVITE", "callBranch", ""));
  inject (f, REQUEST ("INVITE", "callBranch", ""));
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "100"), ==, 2);
  g_assert_cmpuint (gst_sip_user_agent_get_n_transactions (f->ua), ==, 1);

  g_assert_true (gst_sip_server_transaction_reply (h.tx, 480, NULL, NULL));
  /* an ACK with another To tag is not ours */
  inject (f, REQUEST ("ACK", "callBranch", ";tag=someoneelse"));
  g_assert_true (is_state (h.tx, GST_SIP_TRANSACTION_STATE_COMPLETED));
  ack = g_strdup_printf (REQUEST ("ACK", "callBranch", ";tag=%s"),
      gst_sip_server_transaction_get_local_tag (h.tx));
  inject (f, ack);
  g_free (ack);
  g_assert_true (is_state (h.tx, GST_SIP_TRANSACTION_STATE_CONFIRMED));
  g_assert_true (gst_sip_test_wait (no_transactions, f->ua, WAIT_MS));
  g_clear_object (&h.tx);
}

static void
test_merged_request (Fixture *f, gconstpointer data)
{
  /* the same request through two proxies: 8.2.2.2 */
  inject (f, REQUEST ("OPTIONS", "z9hG4bKpath1", ""));
  inject (f, REQUEST ("OPTIONS", "z9hG4bKpath2", ""));
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "200"), ==, 1);
  g_assert_cmpuint (gst_sip_test_capture_count (f->capture, "482"), ==, 1);
  g_assert_true (gst_sip_test_wait (no_transactions, f->ua, WAIT_MS));
}

/* ---------------------------------------------------------------------- */
/* the timer heap */

typedef struct
{
  GstSipTimer timer;
  gint64 fired_at;
  guint id;
  gboolean cancelled;
} TestTimer;

static GArray *fired_order;

static void
test_timer_fired (gpointer user_data)
{
  TestTimer *t = user_data;

  g_assert_false (t->cancelled);
  t->fired_at = t->timer.deadline;
  g_array_append_val (fired_order, t->id);
}

static gboolean
all_fired (gpointer user_data)
{
  return _gst_sip_timer_queue_get_size (user_data) == 0;
}

static void
test_timer_queue (void)
{
  GstSipTimerQueue *q = _gst_sip_timer_queue_new (NULL, NULL);
  const guint n = 10000;
  TestTimer *timers = g_new0 (TestTimer, n);
  GRand *rand = g_rand_new_with_seed (42);
  guint i, n_live = 0;

  fired_order = g_array_new (FALSE, FALSE, sizeof (guint));
  for (i = 0; i < n; i++) {
    timers[i].id = i;
    _gst_sip_timer_init (&timers[i].timer, test_timer_fired, &timers[i]);
    _gst_sip_timer_queue_schedule (
        q, &timers[i].timer, g_rand_int_range (rand, 0, 200));
  }
  /* re-arm some, cancel others */
  for (i = 0; i < n; i += 3)
    _gst_sip_timer_queue_schedule (
        q, &timers[i].timer, g_rand_int_range (rand, 0, 200));
  for (i = 1; i < n; i += 4) {
    _gst_sip_timer_queue_cancel (q, &timers[i].timer);
    timers[i].cancelled = TRUE;
  }
  for (i = 0; i < n; i++)
    n_live += !timers[i].cancelled;
  g_assert_cmpuint (_gst_sip_timer_queue_get_size (q), ==, n_live);

  g_assert_true (gst_sip_test_wait (all_fired, q, 5000));
  g_assert_cmpuint (fired_order->len, ==, n_live);
  for (i = 1; i < fired_order->len; i++) {
    TestTimer *a = &timers[g_array_index (fired_order, guint, i - 1)];
    TestTimer *b = &timers[g_array_index (fired_order, guint, i)];

    g_assert_cmpint (a->fired_at, <=, b->fired_at);
  }

  g_array_unref (fired_order);
  g_rand_free (rand);
  g_free (timers);
  _gst_sip_timer_queue_free (q);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

#define ADD(path, func)                                                 \
  g_test_add ("/transaction/" path, Fixture, NULL, fixture_setup, func, \
      fixture_teardown)
  ADD ("client/invite-timeout", test_invite_timeout);
  ADD ("client/non-invite-timeout", test_non_invite_timeout);
  ADD ("client/reliable", test_reliable_no_retransmission);
  ADD ("client/completed", test_completed_request);
  ADD ("client/invite-rejected", test_invite_rejected);
  ADD ("client/invite-accepted", test_invite_accepted);
  ADD ("client/cancel", test_cancel);
  ADD ("client/transport-refused", test_transport_refused);
  ADD ("server/non-invite", test_server_non_invite);
  ADD ("server/invite-rejected", test_server_invite_rejected);
  ADD ("server/invite-no-ack", test_server_invite_no_ack);
  ADD ("server/invite-accepted", test_server_invite_accepted);
  ADD ("server/cancel", test_server_cancel);
  ADD ("server/rfc2543", test_server_rfc2543);
  ADD ("server/merged-request", test_merged_request);
#undef ADD
  g_test_add_func ("/transaction/timer-queue", test_timer_queue);

  return g_test_run ();
}
