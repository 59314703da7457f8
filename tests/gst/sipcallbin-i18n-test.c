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

/* The error of a failing call reaches the application in its language:
 * with LANGUAGE=es, a sipcallbin that dials a TCP port nobody listens on
 * (127.0.0.1, connection refused at once) posts an error whose text is the
 * Spanish translation from po/es.po.  The translations are those of the
 * build directory (<builddir>/po/es/LC_MESSAGES/gst-sip-1.0.mo). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gst/check/gstcheck.h>
#include <sip/sip.h>

#define T1 20
#define WAIT_SECONDS 10

/* gettext translates only under a locale other than C and POSIX, whatever
 * LANGUAGE says */
#define SPANISH_LOCALE "es_ES.UTF-8"

/* a TCP port on 127.0.0.1 that refuses connections: bound, then closed */
static guint
refusing_tcp_port (void)
{
  GInetAddress *loopback;
  GSocketAddress *sa;
  GSocket *socket;
  guint port;

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  socket = g_socket_new (
      G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  fail_unless (socket != NULL);
  sa = g_inet_socket_address_new (loopback, 0);
  fail_unless (g_socket_bind (socket, sa, FALSE, NULL));
  g_object_unref (sa);
  sa = g_socket_get_local_address (socket, NULL);
  fail_unless (sa != NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (sa));
  g_object_unref (sa);
  g_socket_close (socket, NULL);
  g_object_unref (socket);
  g_object_unref (loopback);
  return port;
}

/* the translation of @msgid in the catalogue of the build directory */
static const gchar *
spanish (const gchar *msgid)
{
  const gchar *text = g_dgettext (GETTEXT_PACKAGE, msgid);

  fail_if (g_strcmp0 (text, msgid) == 0,
      "no Spanish translation of \"%s\" in %s/es/LC_MESSAGES/%s.mo", msgid,
      GST_SIP_BUILD_LOCALEDIR, GETTEXT_PACKAGE);
  return text;
}

GST_START_TEST (test_unreachable_error_in_spanish)
{
  const gchar *msgid = "Could not reach %s.";
  GstElement *pipeline, *bin;
  GstSipUserAgent *ua = NULL;
  GstMessage *msg;
  GstBus *bus;
  GError *error = NULL;
  gchar *debug = NULL, *uri, *where, **parts;
  const gchar *translation;

  pipeline = gst_pipeline_new (NULL);
  bin = gst_element_factory_make ("sipcallbin", NULL);
  fail_unless (bin != NULL);
  /* loading the plugin bound the domain to the installation prefix: the
   * catalogues to test are those of the build directory */
  fail_unless (bindtextdomain (GETTEXT_PACKAGE, GST_SIP_BUILD_LOCALEDIR));
  translation = spanish (msgid);

  where = g_strdup_printf ("127.0.0.1:%u", refusing_tcp_port ());
  uri = g_strdup_printf ("sip:bob@%s", where);
  g_object_set (bin, "transport", GST_SIP_TRANSPORT_PROTOCOL_TCP, "address",
      "127.0.0.1", "sip-port", 0, "remote-uri", uri, NULL);
  gst_bin_add (GST_BIN (pipeline), bin);
  bus = gst_element_get_bus (pipeline);

  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  g_object_get (bin, "user-agent", &ua, NULL);
  fail_unless (ua != NULL);
  g_object_set (ua, "t1", T1, NULL);
  g_object_unref (ua);
  fail_unless (gst_element_set_state (pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);

  msg = gst_bus_timed_pop_filtered (
      bus, WAIT_SECONDS * GST_SECOND, GST_MESSAGE_ERROR);
  fail_unless (msg != NULL, "no error within %d s", WAIT_SECONDS);
  gst_message_parse_error (msg, &error, &debug);
  GST_INFO ("error: %s (%s)", error->message, debug);
  fail_unless (g_error_matches (
      error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ_WRITE));

  /* the translation, with the URI of the peer in place of its %s */
  parts = g_strsplit (translation, "%s", -1);
  fail_unless_equals_int (g_strv_length (parts), 2);
  fail_unless (g_str_has_prefix (error->message, parts[0]),
      "\"%s\" is not \"%s\"", error->message, translation);
  fail_unless (g_str_has_suffix (error->message, parts[1]),
      "\"%s\" is not \"%s\"", error->message, translation);
  fail_unless (strlen (error->message) > strlen (parts[0]) + strlen (parts[1]));
  fail_unless (strstr (error->message + strlen (parts[0]), where) != NULL,
      "\"%s\" does not name %s", error->message, uri);
  fail_if (strstr (error->message, "Could not") != NULL);

  g_strfreev (parts);
  g_error_free (error);
  g_free (debug);
  gst_message_unref (msg);
  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
  g_free (uri);
  g_free (where);
}

GST_END_TEST;

static Suite *
sipcallbin_i18n_suite (void)
{
  Suite *s = suite_create ("sipcallbin-i18n");
  TCase *tc = tcase_create ("spanish");

  tcase_set_timeout (tc, 60);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_unreachable_error_in_spanish);
  return s;
}

int
main (int argc, char **argv)
{
  Suite *s;

  g_setenv ("LANGUAGE", "es", TRUE);
  if (!setlocale (LC_ALL, SPANISH_LOCALE)) {
    g_printerr ("The %s locale is missing: scripts/install-deps.sh "
                "generates it.\n",
        SPANISH_LOCALE);
    return 1;
  }

  gst_check_init (&argc, &argv);
  s = sipcallbin_i18n_suite ();
  return gst_check_run_suite (s, "sipcallbin-i18n", __FILE__);
}
