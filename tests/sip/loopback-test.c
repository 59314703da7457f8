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

/* Two user agents on loopback, real sockets on port 0: OPTIONS and
 * MESSAGE over UDP and TCP, IPv4 and IPv6. */

#include <string.h>

#include "test-utils.h"

#define T1 20
#define WAIT_MS 10000

typedef struct
{
  GstSipTransportProtocol protocol;
  const gchar *address;
} Params;

typedef struct
{
  GstSipUserAgent *alice;
  GstSipUserAgent *bob;
  GstSipTransport *bob_transport;
  gchar *bob_uri;
  guint n_messages;
  GstSipMessage *last_message;
} Fixture;

static gboolean
family_available (const gchar *address)
{
  GInetAddress *addr = g_inet_address_new_from_string (address);
  GSocket *socket;
  GSocketAddress *sa;
  gboolean ok;

  socket = g_socket_new (g_inet_address_get_family (addr),
      G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  sa = g_inet_socket_address_new (addr, 0);
  ok = socket && g_socket_bind (socket, sa, FALSE, NULL);
  g_clear_object (&socket);
  g_object_unref (sa);
  g_object_unref (addr);
  return ok;
}

static void
on_message (GstSipUserAgent *ua, GstSipMessage *request, Fixture *f)
{
  f->n_messages++;
  if (f->last_message)
    gst_sip_message_unref (f->last_message);
  f->last_message = gst_sip_message_ref (request);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  GError *error = NULL;
  const gchar *accept[] = { "text/plain", "application/manscdp+xml", NULL };

  memset (f, 0, sizeof (*f));
  if (!family_available (p->address))
    return;

  f->alice = gst_sip_test_user_agent_new (T1);
  f->bob = gst_sip_test_user_agent_new (T1);
  g_object_set (f->bob, "accept", accept, NULL);
  g_signal_connect (f->bob, "incoming-message", G_CALLBACK (on_message), f);

  gst_sip_user_agent_add_transport (
      f->alice, p->protocol, p->address, 0, &error);
  g_assert_no_error (error);
  f->bob_transport = gst_sip_user_agent_add_transport (
      f->bob, p->protocol, p->address, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gst_sip_transport_get_port (f->bob_transport), >, 0);

  f->bob_uri =
      g_strdup_printf (strchr (p->address, ':') ? "sip:bob@[%s]:%u;transport=%s"
                                                : "sip:bob@%s:%u;transport=%s",
          p->address, gst_sip_transport_get_port (f->bob_transport),
          p->protocol == GST_SIP_TRANSPORT_PROTOCOL_TCP ? "tcp" : "udp");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->alice);
  g_clear_object (&f->bob);
  g_free (f->bob_uri);
  if (f->last_message)
    gst_sip_message_unref (f->last_message);
}

typedef struct
{
  GstSipMessage *response;
  GError *error;
} Result;

static void
request_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  r->response = gst_sip_user_agent_request_finish (
      GST_SIP_USER_AGENT (source), result, &r->error);
}

static gboolean
result_done (gpointer user_data)
{
  Result *r = user_data;

  return r->response || r->error;
}

static gboolean
no_transactions (gpointer user_data)
{
  Fixture *f = user_data;

  return gst_sip_user_agent_get_n_transactions (f->alice) == 0 &&
      gst_sip_user_agent_get_n_transactions (f->bob) == 0;
}

static void
test_options (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  Result r = { NULL, NULL };
  GstSipUri *uri;
  GstSipMessage *request;
  GstSipVia *via;

  if (!f->alice) {
    g_test_skip ("address family not available");
    return;
  }

  uri = gst_sip_uri_new (f->bob_uri, NULL);
  request = gst_sip_message_new_request ("OPTIONS", uri);
  gst_sip_user_agent_request_async (f->alice, request, NULL, request_done, &r);
  g_assert_true (gst_sip_test_wait (result_done, &r, WAIT_MS));
  g_assert_no_error (r.error);
  g_assert_cmpuint (gst_sip_message_get_status_code (r.response), ==, 200);
  g_assert_true (gst_sip_message_has_token (r.response, "Allow", "MESSAGE"));
  g_assert_cmpint (
      gst_sip_message_get_transport_protocol (r.response), ==, p->protocol);

  /* RFC 3581: bob noted where the request came from */
  via = gst_sip_message_get_via (r.response, 0);
  g_assert_cmpstr (gst_sip_via_get_received (via), ==, p->address);
  g_assert_cmpint (gst_sip_via_get_rport (via), >, 0);
  gst_sip_via_free (via);

  gst_sip_message_unref (r.response);
  gst_sip_message_unref (request);
  gst_sip_uri_free (uri);
  g_assert_true (gst_sip_test_wait (no_transactions, f, WAIT_MS));
}

static void
test_message (Fixture *f, gconstpointer data)
{
  Result r = { NULL, NULL };
  GBytes *body, *got;
  guint i;

  if (!f->alice) {
    g_test_skip ("address family not available");
    return;
  }

  for (i = 0; i < 3; i++) {
    gchar *text = g_strdup_printf ("<Notify><CmdType>Keepalive</CmdType>"
                                   "<SN>%u</SN></Notify>",
        i);

    body = g_bytes_new_take (text, strlen (text));
    gst_sip_user_agent_send_message_async (f->alice, f->bob_uri,
        "Application/MANSCDP+xml", body, NULL, request_done, &r);
    g_assert_true (gst_sip_test_wait (result_done, &r, WAIT_MS));
    g_assert_no_error (r.error);
    g_assert_cmpuint (gst_sip_message_get_status_code (r.response), ==, 200);
    g_assert_cmpuint (f->n_messages, ==, i + 1);
    got = gst_sip_message_get_body (f->last_message);
    g_assert_true (g_bytes_equal (got, body));
    g_bytes_unref (got);
    g_bytes_unref (body);
    g_clear_pointer (&r.response, gst_sip_message_unref);
  }

  /* a type bob does not take */
  body = g_bytes_new_static ("{}", 2);
  gst_sip_user_agent_send_message_async (
      f->alice, f->bob_uri, "application/json", body, NULL, request_done, &r);
  g_bytes_unref (body);
  g_assert_true (gst_sip_test_wait (result_done, &r, WAIT_MS));
  g_assert_cmpuint (gst_sip_message_get_status_code (r.response), ==, 415);
  g_assert_cmpuint (f->n_messages, ==, 3);
  gst_sip_message_unref (r.response);

  g_assert_true (gst_sip_test_wait (no_transactions, f, WAIT_MS));
}

/* ---------------------------------------------------------------------- */
/* raw bytes against a user agent */

static GSocket *
raw_udp_socket (GSocketAddress **local)
{
  GInetAddress *lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *any = g_inet_socket_address_new (lo, 0);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, NULL);

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  g_socket_set_timeout (socket, 5);
  *local = g_socket_get_local_address (socket, NULL);
  g_object_unref (any);
  g_object_unref (lo);
  return socket;
}

/* sends @text to the user agent and returns what comes back, pumping the
 * user agent's context while waiting */
static GstSipMessage *
exchange (GstSipTransport *transport, GSocket *socket, const gchar *text,
    gboolean expect_answer)
{
  GInetSocketAddress *dest = gst_sip_transport_get_local_address (transport);
  gchar buf[65536];
  gssize n = -1;
  gint64 deadline =
      g_get_monotonic_time () + (expect_answer ? 5 : 1) * G_USEC_PER_SEC;
  GstSipMessage *msg;
  GError *error = NULL;

  g_assert_cmpint (g_socket_send_to (socket, G_SOCKET_ADDRESS (dest), text,
                       strlen (text), NULL, NULL),
      ==, (gssize) strlen (text));
  while (g_get_monotonic_time () < deadline) {
    g_main_context_iteration (NULL, FALSE);
    if (g_socket_condition_check (socket, G_IO_IN)) {
      n = g_socket_receive (socket, buf, sizeof (buf), NULL, NULL);
      break;
    }
    g_usleep (1000);
  }
  if (!expect_answer) {
    g_assert_cmpint (n, <, 0);
    return NULL;
  }
  g_assert_cmpint (n, >, 0);
  msg = gst_sip_message_new_from_bytes ((guint8 *) buf, n, &error);
  g_assert_no_error (error);
  return msg;
}

static void
test_malformed (void)
{
  GstSipUserAgent *ua = gst_sip_test_user_agent_new (T1);
  GstSipTransport *transport;
  GSocketAddress *local;
  GSocket *socket = raw_udp_socket (&local);
  GstSipMessage *r;
  GError *error = NULL;
  static const struct
  {
    const gchar *header;
    const gchar *reason;
  } cases[] = {
    { "Max-Forwards: 256\r\n", "Malformed Max-Forwards Header" },
    { "Contact: <sip:bob@h\r\n", "Malformed Contact Header" },
    { "Expires: 99999999999\r\n", "Malformed Expires Header" },
    { "Content-Length: 10\r\n", "Content-Length Mismatch" },
    { "Content-Length: 0\r\nContent-Length: 0\r\n",
        "Multiple Content-Length Headers" },
  };
  guint i;

  transport = gst_sip_user_agent_add_transport (
      ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  g_assert_no_error (error);

  for (i = 0; i < G_N_ELEMENTS (cases); i++) {
    gchar *text = g_strdup_printf (
        "OPTIONS sip:a@127.0.0.1 SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 127.0.0.1:%u;branch=z9hG4bKm%u;rport\r\n"
        "From: <sip:b@127.0.0.1>;tag=1\r\nTo: <sip:a@127.0.0.1>\r\n"
        "Call-ID: m%u\r\nCSeq: 1 OPTIONS\r\n%s\r\n",
        g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)), i, i,
        cases[i].header);

    r = exchange (transport, socket, text, TRUE);
    g_assert_cmpuint (gst_sip_message_get_status_code (r), ==, 400);
    g_assert_cmpstr (
        gst_sip_message_get_reason_phrase (r), ==, cases[i].reason);
    gst_sip_message_unref (r);
    g_free (text);
  }

  /* nothing can be answered without a usable Via, and garbage is dropped;
   * the user agent still works afterwards */
  exchange (transport, socket,
      "OPTIONS sip:a@127.0.0.1 SIP/2.0\r\n"
      "From: <sip:b@h>;tag=1\r\nTo: <sip:a@h>\r\nCall-ID: x\r\n"
      "CSeq: 1 OPTIONS\r\n\r\n",
      FALSE);
  exchange (transport, socket, "\x01\x02garbage\r\n\r\n", FALSE);
  exchange (transport, socket, "SIP/2.0 200 OK\r\nVia: broken\r\n\r\n", FALSE);
  {
    gchar *text = g_strdup_printf (
        "OPTIONS sip:a@127.0.0.1 SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 127.0.0.1:%u;branch=z9hG4bKok;rport\r\n"
        "From: <sip:b@127.0.0.1>;tag=1\r\nTo: <sip:a@127.0.0.1>\r\n"
        "Call-ID: ok\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n",
        g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));

    r = exchange (transport, socket, text, TRUE);
    g_assert_cmpuint (gst_sip_message_get_status_code (r), ==, 200);
    gst_sip_message_unref (r);
    g_free (text);
  }

  g_object_unref (local);
  g_object_unref (socket);
  g_object_unref (ua);
}

/* RFC 3261 18.1.1: a request over 1300 bytes leaves UDP for TCP */
static void
test_large_request (void)
{
  GstSipUserAgent *alice = gst_sip_test_user_agent_new (T1);
  GstSipUserAgent *bob = gst_sip_test_user_agent_new (T1);
  GstSipTransport *udp;
  Result r = { NULL, NULL };
  GError *error = NULL;
  gchar *uri, *big;
  GBytes *body;
  guint port;

  g_assert_nonnull (gst_sip_user_agent_add_transport (
      alice, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error));
  g_assert_nonnull (gst_sip_user_agent_add_transport (
      alice, GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", 0, &error));
  /* bob listens on the same port number for both */
  udp = gst_sip_user_agent_add_transport (
      bob, GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  port = gst_sip_transport_get_port (udp);
  g_assert_nonnull (gst_sip_user_agent_add_transport (
      bob, GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1", port, &error));
  g_assert_no_error (error);

  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", port);
  big = g_strnfill (2000, 'x');
  body = g_bytes_new_take (big, 2000);
  gst_sip_user_agent_send_message_async (
      alice, uri, "text/plain", body, NULL, request_done, &r);
  g_assert_true (gst_sip_test_wait (result_done, &r, WAIT_MS));
  g_assert_no_error (r.error);
  g_assert_cmpuint (gst_sip_message_get_status_code (r.response), ==, 200);
  g_assert_cmpint (gst_sip_message_get_transport_protocol (r.response), ==,
      GST_SIP_TRANSPORT_PROTOCOL_TCP);

  gst_sip_message_unref (r.response);
  g_bytes_unref (body);
  g_free (uri);
  g_object_unref (alice);
  g_object_unref (bob);
}

int
main (int argc, char **argv)
{
  static const Params udp4 = { GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1" };
  static const Params tcp4 = { GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1" };
  static const Params udp6 = { GST_SIP_TRANSPORT_PROTOCOL_UDP, "::1" };
  static const Params tcp6 = { GST_SIP_TRANSPORT_PROTOCOL_TCP, "::1" };

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

#define ADD(path, params, func)                                         \
  g_test_add ("/loopback/" path, Fixture, &params, fixture_setup, func, \
      fixture_teardown)
  ADD ("udp4/options", udp4, test_options);
  ADD ("udp4/message", udp4, test_message);
  ADD ("tcp4/options", tcp4, test_options);
  ADD ("tcp4/message", tcp4, test_message);
  ADD ("udp6/options", udp6, test_options);
  ADD ("udp6/message", udp6, test_message);
  ADD ("tcp6/options", tcp6, test_options);
  ADD ("tcp6/message", tcp6, test_message);
#undef ADD
  g_test_add_func ("/loopback/malformed", test_malformed);
  g_test_add_func ("/loopback/large-request", test_large_request);

  return g_test_run ();
}
