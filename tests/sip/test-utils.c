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
