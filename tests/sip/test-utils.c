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

#include <string.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "test-utils.h"

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
gst_sip_test_wait (
    GstSipTestCondition condition, gpointer user_data, guint timeout_ms)
{
  GMainContext *context = g_main_context_ref_thread_default ();
  gboolean timed_out = FALSE, ok;
  GSource *timeout = g_timeout_source_new (timeout_ms);

  g_source_set_callback (timeout, timeout_cb, &timed_out, NULL);
  g_source_attach (timeout, context);

  while (!(ok = (condition && condition (user_data))) && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  g_source_unref (timeout);
  g_main_context_unref (context);
  return ok;
}

void
gst_sip_test_run_for (guint ms)
{
  gst_sip_test_wait (NULL, NULL, ms);
}

GstSipMessage *
gst_sip_test_message_new (const gchar *format, ...)
{
  GError *error = NULL;
  GstSipMessage *msg;
  GString *crlf;
  va_list args;
  gchar *text;
  const gchar *p;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  crlf = g_string_new (NULL);
  for (p = text; *p; p++) {
    if (*p == '\n' && (p == text || p[-1] != '\r'))
      g_string_append_c (crlf, '\r');
    g_string_append_c (crlf, *p);
  }
  msg = gst_sip_message_new_from_bytes (
      (const guint8 *) crlf->str, crlf->len, &error);
  g_assert_no_error (error);
  g_string_free (crlf, TRUE);
  g_free (text);
  return msg;
}

static gboolean
capture_send (GstSipUserAgent *ua, GstSipMessage *message, gpointer user_data)
{
  GstSipTestCapture *capture = user_data;

  if (capture->refuse)
    return FALSE;
  g_ptr_array_add (capture->sent, gst_sip_message_copy (message));
  return TRUE;
}

static void
capture_free (GstSipTestCapture *capture)
{
  g_ptr_array_unref (capture->sent);
  g_free (capture);
}

GstSipTestCapture *
gst_sip_test_capture_new (GstSipUserAgent *ua)
{
  GstSipTestCapture *capture = g_new0 (GstSipTestCapture, 1);

  capture->sent =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_message_unref);
  gst_sip_user_agent_set_send_func (
      ua, capture_send, capture, (GDestroyNotify) capture_free);
  return capture;
}

static gboolean
message_is (GstSipMessage *msg, const gchar *what)
{
  if (gst_sip_message_is_request (msg))
    return g_strcmp0 (gst_sip_message_get_method_name (msg), what) == 0;
  return (guint) atoi (what) == gst_sip_message_get_status_code (msg);
}

guint
gst_sip_test_capture_count (
    GstSipTestCapture *capture, const gchar *method_or_code)
{
  guint i, n = 0;

  for (i = 0; i < capture->sent->len; i++) {
    if (message_is (g_ptr_array_index (capture->sent, i), method_or_code))
      n++;
  }
  return n;
}

GstSipMessage *
gst_sip_test_capture_last (GstSipTestCapture *capture)
{
  g_assert_cmpuint (capture->sent->len, >, 0);
  return g_ptr_array_index (capture->sent, capture->sent->len - 1);
}

void
gst_sip_test_capture_clear (GstSipTestCapture *capture)
{
  g_ptr_array_set_size (capture->sent, 0);
}

GstSipUserAgent *
gst_sip_test_user_agent_new (guint t1)
{
  /* the RFC 3261 ratios: T2 = 8 T1, T4 = 10 T1 */
  return g_object_new (
      GST_TYPE_SIP_USER_AGENT, "t1", t1, "t2", 8 * t1, "t4", 10 * t1, NULL);
}

/* ---------------------------------------------------------------------- */
/* TLS certificates */

#define OPENSSL_TIMEOUT "30"

gboolean
gst_sip_test_tls_available (void)
{
  gchar *openssl = g_find_program_in_path ("openssl");
  gchar *timeout = g_find_program_in_path ("timeout");
  gboolean found = openssl && timeout;

  g_free (openssl);
  g_free (timeout);
  return found;
}

static void
openssl (const gchar *dir, const gchar *first, ...)
{
  GPtrArray *argv = g_ptr_array_new ();
  const gchar *arg;
  gchar *out = NULL, *err = NULL;
  GError *error = NULL;
  gint status;
  va_list ap;

  /* bounded: coreutils' timeout stops a stuck openssl */
  g_ptr_array_add (argv, (gpointer) "timeout");
  g_ptr_array_add (argv, (gpointer) OPENSSL_TIMEOUT);
  g_ptr_array_add (argv, (gpointer) "openssl");
  va_start (ap, first);
  for (arg = first; arg; arg = va_arg (ap, const gchar *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (dir, (gchar **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL,
      NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl %s failed: %s", first, err);
  g_free (out);
  g_free (err);
  g_ptr_array_unref (argv);
}

gchar *
gst_sip_test_tls_path (const gchar *dir, const gchar *name)
{
  gchar *file = g_strconcat (name, ".pem", NULL);
  gchar *path = g_build_filename (dir, file, NULL);

  g_free (file);
  return path;
}

void
gst_sip_test_tls_make_ca (const gchar *dir, const gchar *name)
{
  gchar *key = g_strconcat (name, ".key", NULL);
  gchar *pem = g_strconcat (name, ".pem", NULL);
  gchar *subject = g_strdup_printf ("/CN=gst-sip test %s", name);

  openssl (dir, "req", "-x509", "-newkey", "ec", "-pkeyopt",
      "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", pem,
      "-subj", subject, "-days", "2", "-addext",
      "basicConstraints=critical,CA:TRUE", "-addext",
      "keyUsage=critical,keyCertSign,cRLSign", NULL);
  g_free (key);
  g_free (pem);
  g_free (subject);
}

void
gst_sip_test_tls_make_cert (const gchar *dir, const gchar *name,
    const gchar *ca, const gchar *san, gint days, guint serial)
{
  gchar *key = g_strconcat (name, ".key", NULL);
  gchar *csr = g_strconcat (name, ".csr", NULL);
  gchar *crt = g_strconcat (name, ".crt", NULL);
  gchar *ext = g_strconcat (name, ".ext", NULL);
  gchar *ca_pem = g_strconcat (ca, ".pem", NULL);
  gchar *ca_key = g_strconcat (ca, ".key", NULL);
  gchar *subject = g_strdup_printf ("/CN=%s", name);
  gchar *serial_text = g_strdup_printf ("%u", serial);
  gchar *days_text = g_strdup_printf ("%d", days);
  gchar *path, *text, *cert_text, *key_text;
  GError *error = NULL;

  path = g_build_filename (dir, ext, NULL);
  text = g_strdup_printf ("subjectAltName=%s\nbasicConstraints=CA:FALSE\n"
                          "extendedKeyUsage=serverAuth,clientAuth\n",
      san);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_free (text);
  g_free (path);

  openssl (dir, "req", "-newkey", "ec", "-pkeyopt",
      "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", csr,
      "-subj", subject, NULL);
  openssl (dir, "x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key,
      "-set_serial", serial_text, "-days", days_text, "-extfile", ext, "-out",
      crt, NULL);

  path = g_build_filename (dir, crt, NULL);
  g_file_get_contents (path, &cert_text, NULL, &error);
  g_assert_no_error (error);
  g_free (path);
  path = g_build_filename (dir, key, NULL);
  g_file_get_contents (path, &key_text, NULL, &error);
  g_assert_no_error (error);
  g_free (path);
  text = g_strconcat (cert_text, key_text, NULL);
  path = gst_sip_test_tls_path (dir, name);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  g_free (path);
  g_free (text);
  g_free (cert_text);
  g_free (key_text);
  g_free (key);
  g_free (csr);
  g_free (crt);
  g_free (ext);
  g_free (ca_pem);
  g_free (ca_key);
  g_free (subject);
  g_free (serial_text);
  g_free (days_text);
}
