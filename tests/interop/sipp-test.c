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

/* Interoperability with sipp: the scenarios of scenarios/ (see
 * scenarios/README.md) run against a GstSipUserAgent on loopback, over UDP
 * and TCP.  sipp plays the UAC of OPTIONS and MESSAGE requests and of
 * requests the user agent must reject, and the UAS of a MESSAGE the user
 * agent sends.  The tests are skipped when sipp is not installed. */

#include <string.h>

#include <sip/sip.h>

#include "peer.h"
#include "test-utils.h"

/* Upper bound for one sipp run on loopback, generous for loaded CI hosts;
 * sipp's own -timeout is shorter so that it exits first. */
#define SIPP_EXIT_TIMEOUT_MS 30000
#define SIPP_TIMEOUT "20s"
#define SIPP_RECV_TIMEOUT "5000"
#define LISTEN_TIMEOUT_MS 10000
#define WAIT_MS 10000

/* Names of sipp's -trace_err and -trace_msg files in its working
 * directory. */
#define SIPP_ERROR_FILE GST_SIP_TEST_SIPP_ERROR_FILE
#define SIPP_MESSAGE_FILE GST_SIP_TEST_SIPP_MESSAGE_FILE

typedef struct
{
  GstSipTransportProtocol protocol;
  const gchar *address;
} Params;

typedef struct
{
  GstSipUserAgent *ua;
  GstSipTransport *transport;
  GPtrArray *messages; /* GstSipMessage, from incoming-message */
} Fixture;

static gchar *sipp;

static gboolean
params_tcp (const Params *p)
{
  return p->protocol == GST_SIP_TRANSPORT_PROTOCOL_TCP;
}

static gboolean
params_ipv6 (const Params *p)
{
  return strchr (p->address, ':') != NULL;
}

static gboolean
address_available (const gchar *address)
{
  GInetAddress *inet = g_inet_address_new_from_string (address);
  GSocketAddress *socket_address;
  GSocket *socket;
  gboolean ok;

  socket = g_socket_new (g_inet_address_get_family (inet),
      G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_DEFAULT, NULL);
  socket_address = g_inet_socket_address_new (inet, 0);
  ok = socket != NULL && g_socket_bind (socket, socket_address, FALSE, NULL);
  g_clear_object (&socket);
  g_object_unref (socket_address);
  g_object_unref (inet);

  return ok;
}

/* Whether the test can run; marks it skipped otherwise. */
static gboolean
can_run (const Params *p)
{
  if (sipp == NULL) {
    g_test_skip ("sipp is not installed");
    return FALSE;
  }
  if (!address_available (p->address)) {
    g_test_skip ("address family not available");
    return FALSE;
  }
  return TRUE;
}


/* Starts sipp with @scenario from scenarios/ and the options every run
 * shares (see scenarios/README.md), then @extra. */
static GstSipTestPeer *
spawn_sipp (const Params *p, const gchar *scenario, guint16 port,
    const gchar *const *extra)
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
  g_ptr_array_add (argv, (gpointer) (params_tcp (p) ? "t1" : "u1"));
  g_ptr_array_add (argv, (gpointer) "-i");
  g_ptr_array_add (argv, (gpointer) p->address);
  g_ptr_array_add (argv, (gpointer) "-p");
  g_ptr_array_add (argv, port_str);
  /* the remote control socket (UDP 8888 and up) stays on loopback */
  g_ptr_array_add (argv, (gpointer) "-ci");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1");
  g_ptr_array_add (argv, (gpointer) "-m");
  g_ptr_array_add (argv, (gpointer) "1");
  g_ptr_array_add (argv, (gpointer) "-nostdin");
  g_ptr_array_add (argv, (gpointer) "-timeout");
  g_ptr_array_add (argv, (gpointer) SIPP_TIMEOUT);
  g_ptr_array_add (argv, (gpointer) "-timeout_error");
  g_ptr_array_add (argv, (gpointer) "-trace_err");
  g_ptr_array_add (argv, (gpointer) "-error_file");
  g_ptr_array_add (argv, (gpointer) SIPP_ERROR_FILE);
  g_ptr_array_add (argv, (gpointer) "-trace_msg");
  g_ptr_array_add (argv, (gpointer) "-message_file");
  g_ptr_array_add (argv, (gpointer) SIPP_MESSAGE_FILE);
  for (i = 0; extra[i] != NULL; i++)
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

static guint16
reserve_port (const Params *p)
{
  guint16 port;

  /* sipp binds both kinds of socket in TCP mode */
  port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_INVALID, G_SOCKET_TYPE_INVALID, p->address);
  g_assert_cmpuint (port, !=, 0);

  return port;
}

/* Runs the UAC @scenario against the user agent of @f and waits for it to
 * succeed, iterating the user agent's context meanwhile. */
static void
run_uac_scenario (Fixture *f, const Params *p, const gchar *scenario)
{
  GstSipTestPeer *peer;
  gchar *target;

  if (params_ipv6 (p))
    target = g_strdup_printf (
        "[%s]:%u", p->address, gst_sip_transport_get_port (f->transport));
  else
    target = g_strdup_printf (
        "%s:%u", p->address, gst_sip_transport_get_port (f->transport));

  {
    const gchar *extra[] = { "-recv_timeout", SIPP_RECV_TIMEOUT,
      "-default_behaviors", "all,-bye", target, NULL };

    peer = spawn_sipp (p, scenario, reserve_port (p), extra);
  }

  gst_sip_test_sipp_assert_succeeds (peer, scenario, SIPP_EXIT_TIMEOUT_MS);

  gst_sip_test_peer_free (peer);
  g_free (target);
}

static void
on_incoming_message (
    GstSipUserAgent *ua, GstSipMessage *request, gpointer user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->messages, gst_sip_message_ref (request));
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *accept[] = { "text/plain", "application/manscdp+xml", NULL };
  GError *error = NULL;

  memset (f, 0, sizeof (*f));
  f->messages =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
  if (!can_run (p))
    return;

  /* on the thread-default context, which the peer waits iterate */
  f->ua = gst_sip_user_agent_new ();
  g_object_set (f->ua, "accept", accept, NULL);
  g_signal_connect (
      f->ua, "incoming-message", G_CALLBACK (on_incoming_message), f);

  f->transport = gst_sip_user_agent_add_transport (
      f->ua, p->protocol, p->address, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->transport);
  g_assert_cmpuint (gst_sip_transport_get_port (f->transport), >, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->ua);
  g_ptr_array_unref (f->messages);
}

/* 1. OPTIONS: a 200 with the user agent's capabilities. */
static void
test_options_uac (Fixture *f, gconstpointer data)
{
  if (f->ua == NULL)
    return;

  run_uac_scenario (f, data, "options-uac.xml");
  g_assert_cmpuint (f->messages->len, ==, 0);
}

static gchar *
body_text (GstSipMessage *message)
{
  GBytes *body = gst_sip_message_get_body (message);
  gsize size = 0;
  const gchar *bytes;
  gchar *text;

  g_assert_nonnull (body);
  bytes = g_bytes_get_data (body, &size);
  text = g_strndup (bytes, size);
  g_bytes_unref (body);

  return text;
}

/* 2. MESSAGE: plain text, then a GB/T 28181 keepalive; both reach the
 * application. */
static void
test_message_uac (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  GstSipMessage *message;
  gchar *text, *expected;

  if (f->ua == NULL)
    return;

  run_uac_scenario (f, p, "message-uac.xml");

  g_assert_cmpuint (f->messages->len, ==, 2);

  message = g_ptr_array_index (f->messages, 0);
  g_assert_cmpstr (gst_sip_message_get_method_name (message), ==, "MESSAGE");
  g_assert_true (gst_sip_message_has_content_type (message, "text/plain"));
  text = body_text (message);
  expected = g_strdup_printf (
      "Hello from sipp over %s.\r\n", params_tcp (p) ? "TCP" : "UDP");
  g_assert_cmpstr (text, ==, expected);
  g_free (expected);
  g_free (text);

  message = g_ptr_array_index (f->messages, 1);
  g_assert_cmpstr (gst_sip_message_get_method_name (message), ==, "MESSAGE");
  /* the type as the device wrote it */
  g_assert_cmpstr (gst_sip_message_get_content_type (message), ==,
      "Application/MANSCDP+xml");
  g_assert_true (
      gst_sip_message_has_content_type (message, "application/manscdp+xml"));
  /* a GB/T 28181 device ID as the Request-URI user */
  g_assert_cmpstr (
      gst_sip_uri_get_user (gst_sip_message_get_request_uri (message)), ==,
      "34020000001320000010");
  text = body_text (message);
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<CmdType>Keepalive</CmdType>"));
  g_assert_nonnull (strstr (text, "<Status>OK</Status>"));
  g_assert_cmpuint (strlen (text), ==, 191);
  g_free (text);
}

/* 3. Requests the user agent must reject. */
static void
test_unknown_method_uac (Fixture *f, gconstpointer data)
{
  if (f->ua == NULL)
    return;

  run_uac_scenario (f, data, "unknown-method-uac.xml");
  g_assert_cmpuint (f->messages->len, ==, 0);
}

typedef struct
{
  GstSipMessage *response;
  GError *error;
} Result;

static void
message_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  r->response = gst_sip_user_agent_send_message_finish (
      GST_SIP_USER_AGENT (source), result, &r->error);
}

static gboolean
result_done (gpointer user_data)
{
  Result *r = user_data;

  return r->response != NULL || r->error != NULL;
}

/* 4. The user agent sends a MESSAGE to sipp. */
static void
test_message_uas (Fixture *f, gconstpointer data)
{
  const Params *p = data;
  const gchar *const no_extra[] = { NULL };
  Result r = { NULL, NULL };
  GstSipTestPeer *peer;
  GBytes *body;
  guint16 port;
  gboolean listening;
  gchar *uri;

  if (f->ua == NULL)
    return;

  port = reserve_port (p);
  peer = spawn_sipp (p, "message-uas.xml", port, no_extra);

  if (params_tcp (p))
    listening = gst_sip_test_peer_wait_tcp_port (
        peer, p->address, port, LISTEN_TIMEOUT_MS);
  else
    listening = gst_sip_test_peer_wait_udp_port (
        peer, p->address, port, LISTEN_TIMEOUT_MS);
  if (!listening)
    gst_sip_test_sipp_assert_succeeds (
        peer, "message-uas.xml", SIPP_EXIT_TIMEOUT_MS);
  g_assert_true (listening);

  uri = g_strdup_printf (params_ipv6 (p) ? "sip:service@[%s]:%u;transport=%s"
                                         : "sip:service@%s:%u;transport=%s",
      p->address, port, params_tcp (p) ? "tcp" : "udp");
  body = g_bytes_new_static ("Hello sipp.", strlen ("Hello sipp."));
  gst_sip_user_agent_send_message_async (
      f->ua, uri, "text/plain", body, NULL, message_sent, &r);
  g_bytes_unref (body);

  if (!gst_sip_test_wait (result_done, &r, WAIT_MS))
    gst_sip_test_sipp_assert_succeeds (
        peer, "message-uas.xml", SIPP_EXIT_TIMEOUT_MS);
  g_assert_true (result_done (&r));
  if (r.error != NULL)
    gst_sip_test_sipp_assert_succeeds (
        peer, "message-uas.xml", SIPP_EXIT_TIMEOUT_MS);
  g_assert_no_error (r.error);
  g_assert_cmpuint (gst_sip_message_get_status_code (r.response), ==, 200);
  g_assert_cmpint (
      gst_sip_message_get_transport_protocol (r.response), ==, p->protocol);

  /* sipp's checks of the request */
  gst_sip_test_sipp_assert_succeeds (
      peer, "message-uas.xml", SIPP_EXIT_TIMEOUT_MS);

  gst_sip_message_unref (r.response);
  gst_sip_test_peer_free (peer);
  g_free (uri);
}

int
main (int argc, char **argv)
{
  static const Params udp4 = { GST_SIP_TRANSPORT_PROTOCOL_UDP, "127.0.0.1" };
  static const Params tcp4 = { GST_SIP_TRANSPORT_PROTOCOL_TCP, "127.0.0.1" };
  static const Params udp6 = { GST_SIP_TRANSPORT_PROTOCOL_UDP, "::1" };
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  sipp = gst_sip_test_find_program ("sipp");

#define ADD(path, params, func)                                             \
  g_test_add ("/interop/sipp/" path, Fixture, &params, fixture_setup, func, \
      fixture_teardown)
  ADD ("udp4/options-uac", udp4, test_options_uac);
  ADD ("udp4/message-uac", udp4, test_message_uac);
  ADD ("udp4/unknown-method-uac", udp4, test_unknown_method_uac);
  ADD ("udp4/message-uas", udp4, test_message_uas);
  ADD ("tcp4/options-uac", tcp4, test_options_uac);
  ADD ("tcp4/message-uac", tcp4, test_message_uac);
  ADD ("tcp4/unknown-method-uac", tcp4, test_unknown_method_uac);
  ADD ("tcp4/message-uas", tcp4, test_message_uas);
  ADD ("udp6/options-uac", udp6, test_options_uac);
  ADD ("udp6/message-uac", udp6, test_message_uac);
  ADD ("udp6/unknown-method-uac", udp6, test_unknown_method_uac);
  ADD ("udp6/message-uas", udp6, test_message_uas);
#undef ADD

  ret = g_test_run ();

  g_free (sipp);

  return ret;
}
