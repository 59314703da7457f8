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

/*
 * sip-message: send and receive SIP MESSAGE and OPTIONS requests.
 *
 *   sip-message listen [-p PORT] [-n COUNT]
 *   sip-message send URI TEXT
 *   sip-message ping URI
 *
 * For example, in two terminals:
 *
 *   sip-message listen -p 5070
 *   sip-message send sip:bob@127.0.0.1:5070 "Hello, Bob"
 */

#include <stdlib.h>
#include <string.h>

#include <sip/sip.h>

static gchar *address = NULL;
static gint port = 0;
static gchar *transport_name = NULL;
static gchar *content_type = NULL;
static gint count = 0;
static gboolean verbose = FALSE;
static gchar *from = NULL;

static GOptionEntry entries[] = {
  { "address", 'a', 0, G_OPTION_ARG_STRING, &address,
      "Local address to listen on (default 127.0.0.1)", "ADDRESS" },
  { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      "Local port (default: any free port)", "PORT" },
  { "transport", 't', 0, G_OPTION_ARG_STRING, &transport_name,
      "udp or tcp (default udp)", "TRANSPORT" },
  { "content-type", 'c', 0, G_OPTION_ARG_STRING, &content_type,
      "Media type of the MESSAGE body (default text/plain)", "TYPE" },
  { "count", 'n', 0, G_OPTION_ARG_INT, &count,
      "listen: exit after COUNT messages", "COUNT" },
  { "from", 'f', 0, G_OPTION_ARG_STRING, &from,
      "From address, e.g. \"Alice <sip:alice@example.com>\"", "ADDRESS" },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print whole messages",
      NULL },
  { NULL }
};

static GMainLoop *loop;
static gint exit_status = 0;
static gint received = 0;

static void
print_message (const gchar *arrow, GstSipMessage *msg)
{
  if (gst_sip_message_is_request (msg)) {
    gchar *uri = gst_sip_uri_to_string (gst_sip_message_get_request_uri (msg));

    g_print ("%s %s %s\n", arrow, gst_sip_message_get_method_name (msg), uri);
    g_free (uri);
  } else {
    g_print ("%s %u %s\n", arrow, gst_sip_message_get_status_code (msg),
        gst_sip_message_get_reason_phrase (msg));
  }
  if (verbose) {
    gchar *text = gst_sip_message_to_string (msg);

    g_print ("%s\n", text);
    g_free (text);
  }
}

static void
on_message (GstSipUserAgent *ua, GstSipMessage *request, gpointer data)
{
  GBytes *body = gst_sip_message_get_body (request);
  GstSipAddress *sender = gst_sip_message_get_from (request);
  gchar *who = gst_sip_uri_to_string (gst_sip_address_get_uri (sender));

  print_message ("<-", request);
  g_print ("   from %s (%s): %.*s\n", who,
      gst_sip_message_get_content_type (request),
      body ? (gint) g_bytes_get_size (body) : 0,
      body ? (const gchar *) g_bytes_get_data (body, NULL) : "");
  g_print ("-> 200 OK\n");
  g_free (who);
  gst_sip_address_free (sender);
  if (body)
    g_bytes_unref (body);

  if (count > 0 && ++received >= count)
    g_main_loop_quit (loop);
}

static gboolean
on_request (GstSipUserAgent *ua, GstSipServerTransaction *tx, gpointer data)
{
  GstSipMessage *request =
      gst_sip_transaction_get_request (GST_SIP_TRANSACTION (tx));

  /* MESSAGE is printed by on_message(); show the others */
  if (gst_sip_message_get_method (request) != GST_SIP_METHOD_MESSAGE)
    print_message ("<-", request);
  return FALSE;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;
  GstSipMessage *response;

  response = gst_sip_user_agent_request_finish (
      GST_SIP_USER_AGENT (source), result, &error);
  if (!response) {
    g_printerr ("Failed: %s\n", error->message);
    g_error_free (error);
    exit_status = 1;
  } else {
    print_message ("<-", response);
    if (!GST_SIP_STATUS_IS_SUCCESS (gst_sip_message_get_status_code (response)))
      exit_status = 1;
    gst_sip_message_unref (response);
  }
  g_main_loop_quit (loop);
}

int
main (int argc, char **argv)
{
  GOptionContext *context;
  GError *error = NULL;
  GstSipUserAgent *ua;
  GstSipTransport *transport;
  GstSipTransportProtocol protocol = GST_SIP_TRANSPORT_PROTOCOL_UDP;
  const gchar *command;

  context = g_option_context_new ("listen | send URI TEXT | ping URI");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    g_printerr ("%s\n", error->message);
    return 2;
  }
  g_option_context_free (context);

  if (argc < 2) {
    g_printerr ("Usage: %s listen | send URI TEXT | ping URI\n", argv[0]);
    return 2;
  }
  command = argv[1];
  if (transport_name &&
      !gst_sip_transport_protocol_from_string (transport_name, &protocol)) {
    g_printerr ("Unknown transport %s\n", transport_name);
    return 2;
  }

  loop = g_main_loop_new (NULL, FALSE);
  ua = gst_sip_user_agent_new ();
  if (from)
    g_object_set (ua, "from", from, NULL);
  transport = gst_sip_user_agent_add_transport (
      ua, protocol, address ? address : "127.0.0.1", port, &error);
  if (!transport) {
    g_printerr ("Could not listen: %s\n", error->message);
    return 1;
  }

  if (g_str_equal (command, "listen")) {
    const gchar *accept[] = { "text/plain", "application/*", NULL };

    g_object_set (ua, "accept", accept, NULL);
    g_signal_connect (ua, "incoming-message", G_CALLBACK (on_message), NULL);
    g_signal_connect (ua, "incoming-request", G_CALLBACK (on_request), NULL);
    g_print ("Listening on %s %s:%u\n",
        gst_sip_transport_protocol_to_string (protocol),
        gst_sip_transport_get_host (transport),
        gst_sip_transport_get_port (transport));
    g_main_loop_run (loop);
  } else if ((g_str_equal (command, "send") && argc == 4) ||
      (g_str_equal (command, "ping") && argc == 3)) {
    GstSipUri *uri = gst_sip_uri_new (argv[2], &error);
    GstSipMessage *request;

    if (!uri) {
      g_printerr ("%s\n", error->message);
      return 2;
    }
    if (g_str_equal (command, "send")) {
      GBytes *body = g_bytes_new (argv[3], strlen (argv[3]));

      request = gst_sip_message_new_request ("MESSAGE", uri);
      gst_sip_message_set_body (
          request, content_type ? content_type : "text/plain", body);
      g_bytes_unref (body);
    } else {
      request = gst_sip_message_new_request ("OPTIONS", uri);
    }
    gst_sip_user_agent_request_async (ua, request, NULL, on_done, NULL);
    print_message ("->", request);
    g_main_loop_run (loop);
    gst_sip_message_unref (request);
    gst_sip_uri_free (uri);
  } else {
    g_printerr ("Usage: %s listen | send URI TEXT | ping URI\n", argv[0]);
    exit_status = 2;
  }

  g_object_unref (ua);
  g_main_loop_unref (loop);
  return exit_status;
}
