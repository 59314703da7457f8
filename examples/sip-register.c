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
 * sip-register: register an address of record at its registrar and stay
 * registered.
 *
 *   sip-register [OPTIONS] AOR
 *
 * The account answers the registrar's digest challenge with the password,
 * refreshes the binding before it expires, and removes it (REGISTER with
 * Expires: 0) on Ctrl-C or after --duration seconds.  Every change of the
 * registration state is printed.  For example:
 *
 *   SIP_PASSWORD=secret sip-register -r sip:pbx.example.com
 * sip:alice@example.com
 *
 * The password comes from --password or from the SIP_PASSWORD environment
 * variable (which, unlike the command line, other users cannot read in the
 * process list).
 */

#include <stdlib.h>
#include <string.h>
#include <glib-unix.h>

#include <sip/sip.h>

static gchar *address = NULL;
static gint port = 0;
static gchar *transport_name = NULL;
static gchar *registrar = NULL;
static gchar *proxy = NULL;
static gchar *username = NULL;
static gchar *password = NULL;
static gint expires = 0;
static gint duration = 0;

static GOptionEntry entries[] = {
  { "address", 'a', 0, G_OPTION_ARG_STRING, &address,
      "Local address to listen on (default 127.0.0.1)", "ADDRESS" },
  { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      "Local port (default: any free port)", "PORT" },
  { "transport", 't', 0, G_OPTION_ARG_STRING, &transport_name,
      "udp or tcp (default udp)", "TRANSPORT" },
  { "registrar", 'r', 0, G_OPTION_ARG_STRING, &registrar,
      "Registrar URI (default: the domain of the AOR)", "URI" },
  { "proxy", 'x', 0, G_OPTION_ARG_STRING, &proxy,
      "Outbound proxy URI, e.g. sip:192.0.2.1:5080", "URI" },
  { "username", 'u', 0, G_OPTION_ARG_STRING, &username,
      "Authentication user name (default: the user of the AOR)", "NAME" },
  { "password", 'P', 0, G_OPTION_ARG_STRING, &password,
      "Password (default: $SIP_PASSWORD)", "PASSWORD" },
  { "expires", 'e', 0, G_OPTION_ARG_INT, &expires,
      "Registration interval to ask for, in seconds (default 3600)",
      "SECONDS" },
  { "duration", 'd', 0, G_OPTION_ARG_INT, &duration,
      "Unregister and exit after SECONDS (default: on Ctrl-C)", "SECONDS" },
  { NULL }
};

typedef struct
{
  GMainLoop *loop;
  GstSipAccount *account;
  gboolean stopping;
  gint exit_status;
} App;

static const gchar *
state_name (GstSipAccountState state)
{
  GEnumClass *klass = g_type_class_peek (GST_TYPE_SIP_ACCOUNT_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value ? value->value_nick : "unknown";
}

static void
on_state (GstSipAccount *account, GParamSpec *pspec, App *app)
{
  GstSipAccountState state = gst_sip_account_get_state (account);

  switch (state) {
    case GST_SIP_ACCOUNT_STATE_REGISTERED:
      g_print ("state: %s as %s for %u s\n", state_name (state),
          gst_sip_account_get_contact (account),
          gst_sip_account_get_expires (account));
      break;
    case GST_SIP_ACCOUNT_STATE_FAILED:
      g_print ("state: %s (%u %s)\n", state_name (state),
          gst_sip_account_get_status_code (account),
          gst_sip_account_get_reason (account)
              ? gst_sip_account_get_reason (account)
              : "");
      break;
    default:
      g_print ("state: %s\n", state_name (state));
      break;
  }
}

static void
unregistered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  App *app = user_data;
  GError *error = NULL;
  guint code;

  code = gst_sip_account_unregister_finish (
      GST_SIP_ACCOUNT (source), result, &error);
  if (error) {
    g_printerr ("Could not unregister: %s\n", error->message);
    g_error_free (error);
    app->exit_status = 1;
  } else if (!GST_SIP_STATUS_IS_SUCCESS (code)) {
    g_printerr ("Could not unregister: %u %s\n", code,
        gst_sip_account_get_reason (GST_SIP_ACCOUNT (source)));
    app->exit_status = 1;
  }
  g_main_loop_quit (app->loop);
}

static void
stop (App *app)
{
  if (app->stopping) {
    /* a second Ctrl-C: do not wait for the registrar */
    g_main_loop_quit (app->loop);
    return;
  }
  app->stopping = TRUE;
  g_print ("unregistering\n");
  gst_sip_account_unregister_async (app->account, NULL, unregistered, app);
}

static gboolean
on_signal (gpointer user_data)
{
  stop (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_duration (gpointer user_data)
{
  stop (user_data);
  return G_SOURCE_REMOVE;
}

static void
registered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  App *app = user_data;
  GError *error = NULL;
  guint code;

  code = gst_sip_account_register_finish (
      GST_SIP_ACCOUNT (source), result, &error);
  if (error) {
    g_printerr ("Could not register: %s\n", error->message);
    g_error_free (error);
    app->exit_status = 1;
    g_main_loop_quit (app->loop);
    return;
  }
  if (!GST_SIP_STATUS_IS_SUCCESS (code)) {
    g_printerr ("Could not register: %u %s\n", code,
        gst_sip_account_get_reason (GST_SIP_ACCOUNT (source)));
    app->exit_status = 1;
    g_main_loop_quit (app->loop);
    return;
  }
  if (duration > 0 && !app->stopping)
    g_timeout_add_seconds (duration, on_duration, app);
}

int
main (int argc, char **argv)
{
  GOptionContext *context;
  GError *error = NULL;
  GstSipUserAgent *ua;
  GstSipTransport *transport;
  GstSipTransportProtocol protocol = GST_SIP_TRANSPORT_PROTOCOL_UDP;
  App app = { NULL, NULL, FALSE, 0 };
  guint sigint, sigterm;

  context = g_option_context_new ("AOR");
  g_option_context_set_summary (context,
      "Registers the address of record AOR, such as sip:alice@example.com, "
      "until Ctrl-C.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    g_printerr ("%s\n", error->message);
    return 2;
  }
  g_option_context_free (context);

  if (argc != 2) {
    g_printerr ("Usage: %s [OPTIONS] AOR\n", argv[0]);
    return 2;
  }
  if (transport_name &&
      !gst_sip_transport_protocol_from_string (transport_name, &protocol)) {
    g_printerr ("Unknown transport %s\n", transport_name);
    return 2;
  }
  if (!password && g_getenv ("SIP_PASSWORD"))
    password = g_strdup (g_getenv ("SIP_PASSWORD"));

  app.loop = g_main_loop_new (NULL, FALSE);
  ua = gst_sip_user_agent_new ();
  transport = gst_sip_user_agent_add_transport (
      ua, protocol, address ? address : "127.0.0.1", port, &error);
  if (!transport) {
    g_printerr ("Could not listen: %s\n", error->message);
    return 1;
  }

  app.account = gst_sip_account_new (ua, argv[1], &error);
  if (!app.account) {
    g_printerr ("Invalid address of record %s: %s\n", argv[1], error->message);
    return 2;
  }
  g_object_set (app.account, "transport", protocol, NULL);
  if (registrar)
    g_object_set (app.account, "registrar", registrar, NULL);
  if (proxy)
    g_object_set (app.account, "proxy", proxy, NULL);
  if (username)
    g_object_set (app.account, "username", username, NULL);
  if (expires > 0)
    g_object_set (app.account, "requested-expires", (guint) expires, NULL);
  if (password)
    gst_sip_account_set_password (app.account, password);
  g_signal_connect (app.account, "notify::state", G_CALLBACK (on_state), &app);

  sigint = g_unix_signal_add (SIGINT, on_signal, &app);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &app);

  g_print ("Registering %s from %s %s:%u\n",
      gst_sip_account_get_aor (app.account),
      gst_sip_transport_protocol_to_string (protocol),
      gst_sip_transport_get_host (transport),
      gst_sip_transport_get_port (transport));
  gst_sip_account_register_async (app.account, NULL, registered, &app);
  g_main_loop_run (app.loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_object_unref (app.account);
  g_object_unref (ua);
  g_main_loop_unref (app.loop);
  g_free (password);
  return app.exit_status;
}
