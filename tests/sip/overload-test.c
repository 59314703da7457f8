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

/* GstSipUserAgent:max-queue-delay on loopback: bob answers calls
 * (auto-answer) over UDP; the caller is a plain UDP socket that writes the
 * requests itself.  To make requests wait in bob's receive queue, the test
 * sends them and then does not run the main context for STALL_MS. */

#include <string.h>

#include "test-utils.h"

#define T1 20
#define WAIT_MS 10000
/* bob's max-queue-delay, and how long the test keeps requests waiting:
 * longer than the limit and than the interval over which the user agent
 * looks for a standing queue (100 ms) */
#define LIMIT_MS 150
#define STALL_MS 300

#define SDP_OFFER                     \
  "v=0\r\n"                           \
  "o=caller 1 1 IN IP4 127.0.0.1\r\n" \
  "s=-\r\n"                           \
  "c=IN IP4 127.0.0.1\r\n"            \
  "t=0 0\r\n"                         \
  "m=audio 40000 RTP/AVP 0\r\n"       \
  "a=rtpmap:0 PCMU/8000\r\n"

typedef struct
{
  GstSipUserAgent *bob;
  guint bob_port;
  GSocket *caller;
  guint caller_port;
  GSource *source;
  GQueue received; /* GstSipMessage, responses and requests from bob */
  guint n_calls; /* incoming-call emissions */
} Fixture;

/* one dialog the caller set up: what its in-dialog requests need */
typedef struct
{
  gchar *call_id;
  gchar *remote_tag;
  guint32 cseq;
} Dialog;

static gboolean
on_caller_readable (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  Fixture *f = user_data;
  gchar buffer[4096];
  gssize len;

  while ((len = g_socket_receive (
              socket, buffer, sizeof (buffer), NULL, NULL)) > 0) {
    GError *error = NULL;
    GstSipMessage *msg =
        gst_sip_message_new_from_bytes ((const guint8 *) buffer, len, &error);

    g_assert_no_error (error);
    g_queue_push_tail (&f->received, msg);
  }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, Fixture *f)
{
  f->n_calls++;
  /* not handled: auto-answer takes it */
  return FALSE;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  guint limit = GPOINTER_TO_UINT (data);
  GstSipTransport *transport;
  GSocketAddress *address;
  GInetAddress *loopback;
  GError *error = NULL;

  f->bob = gst_sip_test_user_agent_new (T1);
  g_object_set (f->bob, "auto-answer", TRUE, "max-queue-delay", limit, NULL);
  g_signal_connect (f->bob, "incoming-call", G_CALLBACK (on_incoming_call), f);
  transport = gst_sip_user_agent_add_transport (
      f->bob, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  f->bob_port = gst_sip_transport_get_port (transport);

  f->caller = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (f->caller, FALSE);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (f->caller, address, FALSE, &error));
  g_assert_no_error (error);
  g_object_unref (address);
  g_object_unref (loopback);
  address = g_socket_get_local_address (f->caller, &error);
  g_assert_no_error (error);
  f->caller_port =
      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_object_unref (address);

  f->source = g_socket_create_source (f->caller, G_IO_IN, NULL);
  g_source_set_callback (
      f->source, G_SOURCE_FUNC (on_caller_readable), f, NULL);
  g_source_attach (f->source, NULL);
  g_queue_init (&f->received);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_source_destroy (f->source);
  g_source_unref (f->source);
  g_socket_close (f->caller, NULL);
  g_object_unref (f->caller);
  g_object_unref (f->bob);
  g_queue_clear_full (&f->received, (GDestroyNotify) gst_sip_message_unref);
}

static void
send_text (Fixture *f, const gchar *text)
{
  GInetAddress *loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *bob = g_inet_socket_address_new (loopback, f->bob_port);
  GError *error = NULL;
  GString *crlf = g_string_new (NULL);
  const gchar *p;

  /* the texts below use \n line ends */
  for (p = text; *p; p++) {
    if (*p == '\n' && (p == text || p[-1] != '\r'))
      g_string_append_c (crlf, '\r');
    g_string_append_c (crlf, *p);
  }
  g_assert_cmpint (
      g_socket_send_to (f->caller, bob, crlf->str, crlf->len, NULL, &error), ==,
      crlf->len);
  g_assert_no_error (error);
  g_string_free (crlf, TRUE);
  g_object_unref (bob);
  g_object_unref (loopback);
}

/* an INVITE outside any dialog, with an offer; @branch names its
 * transaction */
static void
send_invite (Fixture *f, const gchar *call_id, const gchar *branch)
{
  gchar *text =
      g_strdup_printf ("INVITE sip:bob@127.0.0.1:%u SIP/2.0\n"
                       "Via: SIP/2.0/UDP 127.0.0.1:%u;branch=z9hG4bK-%s\n"
                       "Max-Forwards: 70\n"
                       "From: <sip:caller@127.0.0.1>;tag=from-%s\n"
                       "To: <sip:bob@127.0.0.1>\n"
                       "Call-ID: %s\n"
                       "CSeq: 1 INVITE\n"
                       "Contact: <sip:caller@127.0.0.1:%u>\n"
                       "Content-Type: application/sdp\n"
                       "Content-Length: %u\n"
                       "\n" SDP_OFFER,
          f->bob_port, f->caller_port, branch, call_id, call_id, f->caller_port,
          (guint) strlen (SDP_OFFER));

  send_text (f, text);
  g_free (text);
}

/* the ACK of a final response to the INVITE of @call_id: for a 2xx a new
 * transaction, otherwise the branch of the INVITE */
static void
send_ack (
    Fixture *f, const gchar *call_id, const gchar *to_tag, const gchar *branch)
{
  gchar *text = g_strdup_printf ("ACK sip:bob@127.0.0.1:%u SIP/2.0\n"
                                 "Via: SIP/2.0/UDP 127.0.0.1:%u;branch="
                                 "z9hG4bK-%s\n"
                                 "Max-Forwards: 70\n"
                                 "From: <sip:caller@127.0.0.1>;tag=from-%s\n"
                                 "To: <sip:bob@127.0.0.1>;tag=%s\n"
                                 "Call-ID: %s\n"
                                 "CSeq: 1 ACK\n"
                                 "Content-Length: 0\n"
                                 "\n",
      f->bob_port, f->caller_port, branch, call_id, to_tag, call_id);

  send_text (f, text);
  g_free (text);
}

static void
send_in_dialog (Fixture *f, Dialog *d, const gchar *method)
{
  gchar *text;

  d->cseq++;
  text = g_strdup_printf ("%s sip:bob@127.0.0.1:%u SIP/2.0\n"
                          "Via: SIP/2.0/UDP 127.0.0.1:%u;branch=z9hG4bK-%s-%u\n"
                          "Max-Forwards: 70\n"
                          "From: <sip:caller@127.0.0.1>;tag=from-%s\n"
                          "To: <sip:bob@127.0.0.1>;tag=%s\n"
                          "Call-ID: %s\n"
                          "CSeq: %u %s\n"
                          "Content-Length: 0\n"
                          "\n",
      method, f->bob_port, f->caller_port, d->call_id, d->cseq, d->call_id,
      d->remote_tag, d->call_id, d->cseq, method);
  send_text (f, text);
  g_free (text);
}

static void
send_options (Fixture *f, const gchar *call_id)
{
  gchar *text = g_strdup_printf ("OPTIONS sip:bob@127.0.0.1:%u SIP/2.0\n"
                                 "Via: SIP/2.0/UDP 127.0.0.1:%u;branch="
                                 "z9hG4bK-%s\n"
                                 "Max-Forwards: 70\n"
                                 "From: <sip:caller@127.0.0.1>;tag=from-%s\n"
                                 "To: <sip:bob@127.0.0.1>\n"
                                 "Call-ID: %s\n"
                                 "CSeq: 1 OPTIONS\n"
                                 "Content-Length: 0\n"
                                 "\n",
      f->bob_port, f->caller_port, call_id, call_id, call_id);

  send_text (f, text);
  g_free (text);
}

/* keeps what was sent waiting in bob's receive queue */
static void
stall (void)
{
  g_usleep (STALL_MS * G_TIME_SPAN_MILLISECOND);
}

typedef struct
{
  Fixture *f;
  const gchar *call_id;
  const gchar *method;
  GstSipMessage *found;
} Match;

static gboolean
find_response (gpointer user_data)
{
  Match *m = user_data;
  GList *l;

  for (l = m->f->received.head; l; l = l->next) {
    GstSipMessage *msg = l->data;

    if (gst_sip_message_is_response (msg) &&
        g_strcmp0 (gst_sip_message_get_call_id (msg), m->call_id) == 0 &&
        g_strcmp0 (gst_sip_message_get_cseq_method_name (msg), m->method) ==
            0 &&
        gst_sip_message_get_status_code (msg) >= 200) {
      m->found = msg;
      g_queue_delete_link (&m->f->received, l);
      return TRUE;
    }
  }
  return FALSE;
}

/* the next final response to @method of @call_id (retransmissions of
 * others stay queued) */
static GstSipMessage *
wait_response (Fixture *f, const gchar *call_id, const gchar *method)
{
  Match m = { f, call_id, method, NULL };

  g_assert_true (gst_sip_test_wait (find_response, &m, WAIT_MS));
  return m.found;
}

/* calls @call_id, which bob answers at once with 200: ACK, and returns the
 * dialog */
static Dialog *
establish (Fixture *f, const gchar *call_id)
{
  GstSipMessage *ok;
  Dialog *d = g_new0 (Dialog, 1);
  gchar *ack_branch = g_strdup_printf ("%s-ack", call_id);

  send_invite (f, call_id, call_id);
  ok = wait_response (f, call_id, "INVITE");
  g_assert_cmpuint (gst_sip_message_get_status_code (ok), ==, 200);
  d->call_id = g_strdup (call_id);
  d->remote_tag = g_strdup (gst_sip_message_get_to_tag (ok));
  d->cseq = 1;
  g_assert_nonnull (d->remote_tag);
  send_ack (f, call_id, d->remote_tag, ack_branch);
  gst_sip_message_unref (ok);
  g_free (ack_branch);
  return d;
}

static void
hang_up (Fixture *f, Dialog *d)
{
  GstSipMessage *ok;

  send_in_dialog (f, d, "BYE");
  ok = wait_response (f, d->call_id, "BYE");
  g_assert_cmpuint (gst_sip_message_get_status_code (ok), ==, 200);
  gst_sip_message_unref (ok);
}

static void
dialog_free (Dialog *d)
{
  g_free (d->call_id);
  g_free (d->remote_tag);
  g_free (d);
}

/* whether anything from bob about @call_id is waiting */
static gboolean
has_message_for (Fixture *f, const gchar *call_id)
{
  GList *l;

  for (l = f->received.head; l; l = l->next) {
    if (g_strcmp0 (gst_sip_message_get_call_id (l->data), call_id) == 0)
      return TRUE;
  }
  return FALSE;
}

static GstSipMessage *
assert_refused (Fixture *f, const gchar *call_id)
{
  GstSipMessage *response = wait_response (f, call_id, "INVITE");

  g_assert_cmpuint (gst_sip_message_get_status_code (response), ==, 503);
  g_assert_cmpstr (
      gst_sip_message_get_header (response, "Retry-After"), !=, NULL);
  g_assert_nonnull (gst_sip_message_get_to_tag (response));
  return response;
}

/* A request that waited once is served; when requests keep waiting longer
 * than max-queue-delay, a new INVITE gets 503 with Retry-After, with no
 * call and no transaction, while requests in dialogs still go through and
 * a request that did not wait is taken again. */
static void
test_overload_refuse (Fixture *f, gconstpointer data)
{
  GstSipMessage *first, *again, *response;
  Dialog *a, *c;
  guint n_transactions;

  g_assert_cmpuint (f->n_calls, ==, 0);
  a = establish (f, "call-a");
  g_assert_cmpuint (f->n_calls, ==, 1);

  /* one request that waited: a burst, not a standing queue, served */
  send_options (f, "options-1");
  stall ();
  response = wait_response (f, "options-1", "OPTIONS");
  g_assert_cmpuint (gst_sip_message_get_status_code (response), ==, 200);
  gst_sip_message_unref (response);

  /* everything read for an interval waited: the next INVITE that waited
   * is refused, statelessly */
  n_transactions = gst_sip_user_agent_get_n_transactions (f->bob);
  send_invite (f, "call-b", "call-b");
  stall ();
  first = assert_refused (f, "call-b");
  g_assert_cmpuint (f->n_calls, ==, 1);
  g_assert_cmpuint (gst_sip_user_agent_get_n_calls (f->bob), ==, 1);
  g_assert_cmpuint (
      gst_sip_user_agent_get_n_transactions (f->bob), <=, n_transactions);

  /* its retransmission, still overloaded: the same answer, same To tag */
  send_invite (f, "call-b", "call-b");
  stall ();
  again = assert_refused (f, "call-b");
  g_assert_cmpstr (gst_sip_message_get_to_tag (again), ==,
      gst_sip_message_get_to_tag (first));
  g_assert_cmpuint (f->n_calls, ==, 1);

  /* a request inside a dialog waited as long, and is served */
  send_in_dialog (f, a, "BYE");
  stall ();
  response = wait_response (f, "call-a", "BYE");
  g_assert_cmpuint (gst_sip_message_get_status_code (response), ==, 200);
  gst_sip_message_unref (response);
  g_assert_cmpuint (gst_sip_user_agent_get_n_calls (f->bob), ==, 0);

  /* the ACK of the 503 matches nothing and is dropped without a word */
  send_ack (f, "call-b", gst_sip_message_get_to_tag (first), "call-b");
  gst_sip_test_run_for (5 * T1);
  g_assert_false (has_message_for (f, "call-b"));
  g_assert_cmpuint (gst_sip_user_agent_get_n_calls (f->bob), ==, 0);

  /* an INVITE that did not wait is taken */
  c = establish (f, "call-c");
  g_assert_cmpuint (f->n_calls, ==, 2);
  hang_up (f, c);

  gst_sip_message_unref (first);
  gst_sip_message_unref (again);
  dialog_free (a);
  dialog_free (c);
}

/* max-queue-delay 0 (the default): requests that waited are all served */
static void
test_overload_off (Fixture *f, gconstpointer data)
{
  Dialog *d;
  guint i;

  for (i = 0; i < 3; i++) {
    gchar *call_id = g_strdup_printf ("late-%u", i);

    send_invite (f, call_id, call_id);
    stall ();
    d = g_new0 (Dialog, 1);
    {
      GstSipMessage *ok = wait_response (f, call_id, "INVITE");
      gchar *ack_branch = g_strdup_printf ("%s-ack", call_id);

      g_assert_cmpuint (gst_sip_message_get_status_code (ok), ==, 200);
      d->call_id = g_strdup (call_id);
      d->remote_tag = g_strdup (gst_sip_message_get_to_tag (ok));
      d->cseq = 1;
      send_ack (f, call_id, d->remote_tag, ack_branch);
      gst_sip_message_unref (ok);
      g_free (ack_branch);
    }
    hang_up (f, d);
    dialog_free (d);
    g_free (call_id);
  }
  g_assert_cmpuint (f->n_calls, ==, 3);
}

static void
test_overload_property (void)
{
  GstSipUserAgent *ua = gst_sip_user_agent_new ();
  guint limit = 1;

  g_object_get (ua, "max-queue-delay", &limit, NULL);
  g_assert_cmpuint (limit, ==, 0);
  g_object_set (ua, "max-queue-delay", 250, NULL);
  g_object_get (ua, "max-queue-delay", &limit, NULL);
  g_assert_cmpuint (limit, ==, 250);
  g_object_unref (ua);
}

int
main (int argc, char **argv)
{
  gst_init (NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/overload/property", test_overload_property);
  g_test_add ("/overload/udp/refuse", Fixture, GUINT_TO_POINTER (LIMIT_MS),
      fixture_set_up, test_overload_refuse, fixture_tear_down);
  g_test_add ("/overload/udp/off", Fixture, GUINT_TO_POINTER (0),
      fixture_set_up, test_overload_off, fixture_tear_down);

  return g_test_run ();
}
