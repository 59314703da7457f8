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

/* Tests for the baresip harness: starting and stopping, bad settings, a
 * port that is taken, commands, and a call between two baresips on
 * 127.0.0.1 over UDP and TCP, driven and observed through their control
 * connections.  Skipped when baresip is not installed. */

#include "baresip.h"

#include <string.h>

#define ADDRESS "127.0.0.1"
#define WAIT_MS 10000

/* Skips the test unless baresip can run; returns it running otherwise. */
static GstSipTestBaresip *
start_baresip (const GstSipTestBaresipConfig *config)
{
  GstSipTestBaresip *baresip;
  GError *error = NULL;

  baresip = gst_sip_test_baresip_start (config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_clear_error (&error);
    return NULL;
  }
  g_assert_no_error (error);
  g_assert_nonnull (baresip);

  return baresip;
}

static gboolean
port_is_free (GSocketType type, guint16 port)
{
  GSocket *socket;
  GInetAddress *inet;
  GSocketAddress *address;
  gboolean ok;

  inet = g_inet_address_new_from_string (ADDRESS);
  socket = g_socket_new (
      G_SOCKET_FAMILY_IPV4, type, G_SOCKET_PROTOCOL_DEFAULT, NULL);
  g_assert_nonnull (socket);
  address = g_inet_socket_address_new (inet, port);
  ok = g_socket_bind (socket, address, FALSE, NULL);
  g_socket_close (socket, NULL);
  g_object_unref (address);
  g_object_unref (inet);
  g_object_unref (socket);

  return ok;
}

static void
test_start_stop (void)
{
  GstSipTestBaresipConfig config = { 0 };
  GstSipTestBaresip *baresip;
  gchar *workdir, *uri, *data = NULL;
  guint16 port;
  GError *error = NULL;

  config.user = "carol";
  baresip = start_baresip (&config);
  if (baresip == NULL)
    return;

  port = gst_sip_test_baresip_get_port (baresip);
  g_assert_cmpuint (port, !=, 0);
  g_assert_cmpstr (gst_sip_test_baresip_get_address (baresip), ==, ADDRESS);
  g_assert_cmpint (gst_sip_test_baresip_get_pid (baresip), >, 0);
  g_assert_false (port_is_free (G_SOCKET_TYPE_DATAGRAM, port));
  g_assert_false (port_is_free (G_SOCKET_TYPE_STREAM, port));
  g_assert_nonnull (strstr (
      gst_sip_test_baresip_get_log (baresip), GST_SIP_TEST_BARESIP_READY));

  uri = gst_sip_test_baresip_dup_uri (baresip, NULL);
  g_assert_true (g_str_has_prefix (uri, "sip:carol@" ADDRESS ":"));
  g_free (uri);
  uri = gst_sip_test_baresip_dup_uri (baresip, "tcp");
  g_assert_true (g_str_has_suffix (uri, ";transport=tcp"));
  g_free (uri);

  /* the configuration it runs with */
  workdir = g_strdup (gst_sip_test_baresip_get_workdir (baresip));
  g_assert_true (g_file_test (workdir, G_FILE_TEST_IS_DIR));
  {
    gchar *path = g_build_filename (workdir, "accounts", NULL);
    gchar *accounts = NULL;

    g_assert_true (g_file_get_contents (path, &accounts, NULL, NULL));
    g_assert_nonnull (strstr (accounts, "<sip:carol@" ADDRESS ">;regint=0"));
    g_free (accounts);
    g_free (path);
  }

  /* a command with an answer */
  g_assert_true (
      gst_sip_test_baresip_command (baresip, "listcalls", NULL, &data, &error));
  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_free (data);

  /* an unknown one is refused */
  g_assert_false (gst_sip_test_baresip_command (
      baresip, "no-such-command", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no-such-command"));
  g_clear_error (&error);

  /* stopped: the ports are free again, the log stays */
  gst_sip_test_baresip_stop (baresip);
  g_assert_true (port_is_free (G_SOCKET_TYPE_DATAGRAM, port));
  g_assert_true (port_is_free (G_SOCKET_TYPE_STREAM, port));
  g_assert_nonnull (strstr (
      gst_sip_test_baresip_get_log (baresip), GST_SIP_TEST_BARESIP_READY));
  g_assert_false (
      gst_sip_test_baresip_command (baresip, "listcalls", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  gst_sip_test_baresip_free (baresip);
  if (g_getenv ("GST_SIP_TEST_KEEP_PEER_DIRS") == NULL)
    g_assert_false (g_file_test (workdir, G_FILE_TEST_EXISTS));
  g_free (workdir);
}

static void
test_bad_config (void)
{
  GstSipTestBaresipConfig config = { 0 };
  GError *error = NULL;

  config.address = "::1";
  g_assert_null (gst_sip_test_baresip_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  config.address = NULL;
  config.user = "bad user";
  g_assert_null (gst_sip_test_baresip_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  config.user = NULL;
  config.audio_codecs = "PCMU;answermode=auto";
  g_assert_null (gst_sip_test_baresip_start (&config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
}

/* A SIP port that is taken: baresip exits, the error carries its log. */
static void
test_start_failure (void)
{
  GstSipTestBaresipConfig config = { 0 };
  GstSipTestBaresip *baresip;
  GSocket *socket;
  GInetAddress *inet;
  GSocketAddress *address, *local;
  GError *error = NULL;
  gchar *program;

  program = gst_sip_test_find_program ("baresip");
  if (program == NULL) {
    g_test_skip ("baresip is not installed");
    return;
  }
  g_free (program);

  inet = g_inet_address_new_from_string (ADDRESS);
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (inet, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  local = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  config.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  baresip = gst_sip_test_baresip_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
  } else {
    g_assert_null (baresip);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "--- baresip log ---"));
  }
  g_clear_error (&error);

  g_socket_close (socket, NULL);
  g_object_unref (local);
  g_object_unref (address);
  g_object_unref (inet);
  g_object_unref (socket);
}

/* alice dials bob, who answers by himself; alice hangs up.  Both report
 * each step. */
static void
test_call (gconstpointer data)
{
  const gchar *transport = data;
  GstSipTestBaresipConfig config = { 0 };
  GstSipTestBaresip *alice, *bob;
  const GstSipTestBaresipEvent *event;
  gchar *uri, *call_id;
  GError *error = NULL;

  config.user = "bob";
  bob = start_baresip (&config);
  if (bob == NULL)
    return;
  config.user = "alice";
  alice = start_baresip (&config);
  g_assert_nonnull (alice);

  uri = gst_sip_test_baresip_dup_uri (bob, transport);
  g_assert_true (
      gst_sip_test_baresip_command (alice, "dial", uri, NULL, &error));
  g_assert_no_error (error);

  event = gst_sip_test_baresip_wait_event (alice, "CALL_ESTABLISHED", WAIT_MS);
  g_assert_nonnull (event);
  g_assert_cmpstr (event->klass, ==, "call");
  g_assert_cmpstr (event->direction, ==, "outgoing");
  g_assert_cmpstr (event->peer_uri, ==, uri);
  g_assert_nonnull (event->call_id);
  g_assert_nonnull (strstr (event->json, "\"CALL_ESTABLISHED\""));
  call_id = g_strdup (event->call_id);

  event = gst_sip_test_baresip_wait_event (bob, "CALL_ESTABLISHED", WAIT_MS);
  g_assert_nonnull (event);
  g_assert_cmpstr (event->direction, ==, "incoming");
  g_assert_cmpstr (event->call_id, ==, call_id);
  g_assert_true (g_str_has_prefix (event->peer_uri, "sip:alice@" ADDRESS));

  /* events are taken once, in order */
  g_assert_null (
      gst_sip_test_baresip_wait_event (alice, "CALL_ESTABLISHED", 0));
  g_assert_cmpuint (
      gst_sip_test_baresip_count_events (alice, "CALL_ESTABLISHED"), ==, 1);

  g_assert_true (
      gst_sip_test_baresip_command (alice, "hangup", NULL, NULL, &error));
  g_assert_no_error (error);
  event = gst_sip_test_baresip_wait_event (alice, "CALL_CLOSED", WAIT_MS);
  g_assert_nonnull (event);
  g_assert_cmpstr (event->call_id, ==, call_id);
  event = gst_sip_test_baresip_wait_event (bob, "CALL_CLOSED", WAIT_MS);
  g_assert_nonnull (event);
  g_assert_cmpstr (event->call_id, ==, call_id);
  g_assert_cmpstr (event->param, ==, "Connection reset by peer");

  /* the SIP trace shows the transport */
  g_assert_true (gst_sip_test_baresip_wait_log (
      bob, g_strcmp0 (transport, "tcp") == 0 ? "\nTCP " : "\nUDP ", 0));
  g_assert_true (gst_sip_test_baresip_wait_log (bob, "\nBYE sip:", 0));
  g_assert_nonnull (
      strstr (gst_sip_test_baresip_get_control_log (bob), "\"CALL_CLOSED\""));

  g_free (call_id);
  g_free (uri);
  gst_sip_test_baresip_free (alice);
  gst_sip_test_baresip_free (bob);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/baresip/start-stop", test_start_stop);
  g_test_add_func ("/baresip/bad-config", test_bad_config);
  g_test_add_func ("/baresip/start-failure", test_start_failure);
  g_test_add_data_func ("/baresip/udp/call", NULL, test_call);
  g_test_add_data_func ("/baresip/tcp/call", "tcp", test_call);

  return g_test_run ();
}
