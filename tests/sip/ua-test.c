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

/* What the user agent answers to requests it receives (RFC 3261 section
 * 8.2), and how it completes and routes requests it sends; no sockets. */

#include <string.h>

#include "test-utils.h"

#define T1 10
#define WAIT_MS 5000

typedef struct
{
  GstSipUserAgent *ua;
  GstSipTestCapture *capture;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->ua = gst_sip_test_user_agent_new (T1);
  f->capture = gst_sip_test_capture_new (f->ua);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_object_unref (f->ua);
}

/* a request from bob; @headers and @body are inserted verbatim */
static GstSipMessage *
answer (Fixture *f, const gchar *request_line, const gchar *method,
    const gchar *headers, const gchar *body)
{
  GstSipMessage *msg = gst_sip_test_message_new (
      "%s\n"
      "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK%08x\n"
      "Max-Forwards: 70\n"
      "From: <sip:bob@192.0.2.1>;tag=%08x\n"
      "To: <sip:alice@192.0.2.2>\n"
      "Call-ID: %08x@192.0.2.1\n"
      "CSeq: 7 %s\n"
      "%s"
      "Content-Length: %u\n\n%s",
      request_line, g_random_int (), g_random_int (), g_random_int (), method,
      headers, (guint) strlen (body), body);

  gst_sip_test_capture_clear (f->capture);
  gst_sip_user_agent_handle_message (f->ua, msg);
  gst_sip_message_unref (msg);
  g_assert_cmpuint (f->capture->sent->len, ==, 1);
  return gst_sip_test_capture_last (f->capture);
}

static void
assert_status (GstSipMessage *response, guint code)
{
  g_assert_true (gst_sip_message_is_response (response));
  g_assert_cmpuint (gst_sip_message_get_status_code (response), ==, code);
  /* 8.2.6.2: a To tag on every final response */
  if (code >= 200)
    g_assert_nonnull (gst_sip_message_get_to_tag (response));
}

static void
test_options (Fixture *f, gconstpointer data)
{
  GstSipMessage *r = answer (f, "OPTIONS sip:alice@192.0.2.2 SIP/2.0",
      "OPTIONS", "Accept: application/sdp\n", "");

  assert_status (r, 200);
  /* 11.2 */
  g_assert_true (gst_sip_message_has_token (r, "Allow", "OPTIONS"));
  g_assert_true (gst_sip_message_has_token (r, "Allow", "MESSAGE"));
  g_assert_true (gst_sip_message_has_token (r, "Allow", "CANCEL"));
  g_assert_true (gst_sip_message_has_token (r, "Accept", "application/sdp"));
  g_assert_nonnull (gst_sip_message_get_header (r, "Supported"));
  g_assert_nonnull (gst_sip_message_get_header (r, "Accept-Encoding"));
  g_assert_true (
      g_str_has_prefix (gst_sip_message_get_header (r, "Server"), "gst-sip/"));
}

static void
test_unknown_method (Fixture *f, gconstpointer data)
{
  GstSipMessage *r =
      answer (f, "FOOBAR sip:alice@192.0.2.2 SIP/2.0", "FOOBAR", "", "");

  assert_status (r, 501);
  g_assert_true (gst_sip_message_has_token (r, "Allow", "OPTIONS"));

  /* a method the library knows but nobody handles */
  r = answer (f, "SUBSCRIBE sip:alice@192.0.2.2 SIP/2.0", "SUBSCRIBE",
      "Event: presence\n", "");
  assert_status (r, 405);
  g_assert_false (gst_sip_message_has_token (r, "Allow", "SUBSCRIBE"));
}

static gboolean
on_subscribe (GstSipUserAgent *ua, GstSipServerTransaction *tx, guint *count)
{
  (*count)++;
  g_assert_true (gst_sip_server_transaction_reply (tx, 489, NULL, NULL));
  return TRUE;
}

static void
test_allowed_method (Fixture *f, gconstpointer data)
{
  guint count = 0;
  gchar **allowed;
  GstSipMessage *r;

  gst_sip_user_agent_add_allowed_method (f->ua, "SUBSCRIBE");
  allowed = gst_sip_user_agent_get_allowed_methods (f->ua);
  g_assert_true (g_strv_contains ((const gchar *const *) allowed, "SUBSCRIBE"));
  g_strfreev (allowed);

  /* a detailed handler for another method does not see it */
  g_signal_connect (
      f->ua, "incoming-request::NOTIFY", G_CALLBACK (on_subscribe), &count);
  r = answer (f, "SUBSCRIBE sip:alice@192.0.2.2 SIP/2.0", "SUBSCRIBE",
      "Event: presence\n", "");
  assert_status (r, 501);
  g_assert_cmpuint (count, ==, 0);

  g_signal_connect (
      f->ua, "incoming-request::SUBSCRIBE", G_CALLBACK (on_subscribe), &count);
  r = answer (f, "SUBSCRIBE sip:alice@192.0.2.2 SIP/2.0", "SUBSCRIBE",
      "Event: presence\n", "");
  assert_status (r, 489);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_require (Fixture *f, gconstpointer data)
{
  GstSipMessage *r = answer (f, "OPTIONS sip:alice@192.0.2.2 SIP/2.0",
      "OPTIONS", "Require: nonexistent-ext, path\n", "");
  const gchar *supported[] = { "path", NULL };

  /* 8.2.2.3 */
  assert_status (r, 420);
  g_assert_cmpstr (gst_sip_message_get_header (r, "Unsupported"), ==,
      "nonexistent-ext, path");

  g_object_set (f->ua, "supported", supported, NULL);
  r = answer (f, "OPTIONS sip:alice@192.0.2.2 SIP/2.0", "OPTIONS",
      "Require: nonexistent-ext, path\n", "");
  assert_status (r, 420);
  g_assert_cmpstr (
      gst_sip_message_get_header (r, "Unsupported"), ==, "nonexistent-ext");

  r = answer (f, "OPTIONS sip:alice@192.0.2.2 SIP/2.0", "OPTIONS",
      "Require: path\n", "");
  assert_status (r, 200);
  g_assert_cmpstr (gst_sip_message_get_header (r, "Supported"), ==, "path");
}

static void
test_uri_scheme (Fixture *f, gconstpointer data)
{
  GstSipMessage *r =
      answer (f, "OPTIONS xmpp:alice@example.com SIP/2.0", "OPTIONS", "", "");

  /* 8.2.2.1 */
  assert_status (r, 416);
  r = answer (f, "OPTIONS tel:+15551234 SIP/2.0", "OPTIONS", "", "");
  assert_status (r, 200);
  /* RFC 4475 3.1.2.11 */
  r = answer (f, "OPTIONS sip:alice@192.0.2.2?Route=%3Csip:x%3E SIP/2.0",
      "OPTIONS", "", "");
  assert_status (r, 400);
}

static void
test_version (Fixture *f, gconstpointer data)
{
  GstSipMessage *r =
      answer (f, "OPTIONS sip:alice@192.0.2.2 SIP/7.0", "OPTIONS", "", "");

  assert_status (r, 505);
}

static void
test_unknown_dialog (Fixture *f, gconstpointer data)
{
  GstSipMessage *msg = gst_sip_test_message_new (
      "BYE sip:alice@192.0.2.2 SIP/2.0\n"
      "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKbye1\n"
      "From: <sip:bob@192.0.2.1>;tag=b\nTo: <sip:alice@192.0.2.2>;tag=a\n"
      "Call-ID: nosuchdialog\nCSeq: 2 BYE\nContent-Length: 0\n\n");

  /* 15.1.2: BYE for a dialog that does not exist */
  gst_sip_user_agent_handle_message (f->ua, msg);
  assert_status (gst_sip_test_capture_last (f->capture), 481);
  gst_sip_message_unref (msg);

  /* OPTIONS inside a dialog nobody knows: 481 */
  msg = gst_sip_test_message_new (
      "OPTIONS sip:alice@192.0.2.2 SIP/2.0\n"
      "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKopt9\n"
      "From: <sip:bob@192.0.2.1>;tag=b\nTo: <sip:alice@192.0.2.2>;tag=a\n"
      "Call-ID: nosuchdialog\nCSeq: 3 OPTIONS\nContent-Length: 0\n\n");
  gst_sip_user_agent_handle_message (f->ua, msg);
  assert_status (gst_sip_test_capture_last (f->capture), 481);
  g_assert_cmpstr (
      gst_sip_message_get_to_tag (gst_sip_test_capture_last (f->capture)), ==,
      "a");
  gst_sip_message_unref (msg);
}

typedef struct
{
  guint count;
  gchar *content_type;
  GBytes *body;
} MessageSeen;

static void
on_message (GstSipUserAgent *ua, GstSipMessage *request, MessageSeen *seen)
{
  seen->count++;
  g_free (seen->content_type);
  seen->content_type = g_strdup (gst_sip_message_get_content_type (request));
  g_clear_pointer (&seen->body, g_bytes_unref);
  seen->body = gst_sip_message_get_body (request);
}

static void
test_message (Fixture *f, gconstpointer data)
{
  static const gchar keepalive[] =
      "<?xml version=\"1.0\" encoding=\"GB2312\"?>\n<Notify>\n"
      "<CmdType>Keepalive</CmdType>\n<SN>3634867</SN>\n"
      "<DeviceID>34020000001320000002</DeviceID>\n<Status>OK</Status>\n"
      "</Notify>\n";
  const gchar *accept[] = { "text/plain", "application/*", NULL };
  MessageSeen seen = { 0, NULL, NULL };
  GstSipMessage *r;

  g_signal_connect (f->ua, "incoming-message", G_CALLBACK (on_message), &seen);
  r = answer (f, "MESSAGE sip:alice@192.0.2.2 SIP/2.0", "MESSAGE",
      "Content-Type: text/plain\n", "Watson, come here.");
  assert_status (r, 200);
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_cmpstr (seen.content_type, ==, "text/plain");
  g_assert_cmpmem (g_bytes_get_data (seen.body, NULL),
      g_bytes_get_size (seen.body), "Watson, come here.", 18);

  /* 8.2.3: a body type the user agent does not accept */
  r = answer (f, "MESSAGE sip:alice@192.0.2.2 SIP/2.0", "MESSAGE",
      "Content-Type: Application/MANSCDP+xml\n", keepalive);
  assert_status (r, 415);
  g_assert_true (gst_sip_message_has_token (r, "Accept", "text/plain"));
  g_assert_cmpuint (seen.count, ==, 1);

  g_object_set (f->ua, "accept", accept, NULL);
  r = answer (f, "MESSAGE sip:alice@192.0.2.2 SIP/2.0", "MESSAGE",
      "Content-Type: Application/MANSCDP+xml\n", keepalive);
  assert_status (r, 200);
  g_assert_cmpuint (seen.count, ==, 2);
  g_assert_cmpuint (g_bytes_get_size (seen.body), ==, strlen (keepalive));

  /* a body without a type */
  r = answer (f, "MESSAGE sip:alice@192.0.2.2 SIP/2.0", "MESSAGE", "", "hello");
  assert_status (r, 400);
  /* an encoding we do not do */
  r = answer (f, "MESSAGE sip:alice@192.0.2.2 SIP/2.0", "MESSAGE",
      "Content-Type: text/plain\nContent-Encoding: gzip\n", "hello");
  assert_status (r, 415);
  g_assert_cmpstr (
      gst_sip_message_get_header (r, "Accept-Encoding"), ==, "identity");

  g_free (seen.content_type);
  g_bytes_unref (seen.body);
}

typedef struct
{
  GMainLoop *loop;
  GstSipMessage *response;
  GError *error;
} AsyncResult;

static void
message_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncResult *r = user_data;

  r->response = gst_sip_user_agent_send_message_finish (
      GST_SIP_USER_AGENT (source), result, &r->error);
}

static gboolean
async_done (gpointer user_data)
{
  AsyncResult *r = user_data;

  return r->response || r->error;
}

static void
test_send_message (Fixture *f, gconstpointer data)
{
  AsyncResult r = { NULL, NULL, NULL };
  GstSipMessage *request, *response;
  GBytes *body = g_bytes_new_static ("hi", 2);

  g_object_set (f->ua, "from", "\"Alice\" <sip:alice@192.0.2.2>", NULL);
  gst_sip_user_agent_send_message_async (f->ua,
      "sip:34020000001320000001@3402000000", "text/plain", body, NULL,
      message_sent, &r);
  g_bytes_unref (body);

  request = gst_sip_test_capture_last (f->capture);
  g_assert_cmpstr (gst_sip_message_get_method_name (request), ==, "MESSAGE");
  g_assert_cmpstr (gst_sip_message_get_header (request, "To"), ==,
      "<sip:34020000001320000001@3402000000>");
  g_assert_true (g_str_has_prefix (gst_sip_message_get_header (request, "From"),
      "\"Alice\" <sip:alice@192.0.2.2>;tag="));
  g_assert_cmpstr (
      gst_sip_message_get_header (request, "Content-Length"), ==, "2");

  response = gst_sip_message_new_response_for_request (request, 200, NULL);
  gst_sip_message_set_to_tag (response, "x");
  gst_sip_user_agent_handle_message (f->ua, response);
  gst_sip_message_unref (response);

  g_assert_true (gst_sip_test_wait (async_done, &r, WAIT_MS));
  g_assert_no_error (r.error);
  g_assert_cmpuint (gst_sip_message_get_status_code (r.response), ==, 200);
  gst_sip_message_unref (r.response);
}

static void
test_request_timeout (Fixture *f, gconstpointer data)
{
  AsyncResult r = { NULL, NULL, NULL };
  GBytes *body = g_bytes_new_static ("hi", 2);

  gst_sip_user_agent_send_message_async (
      f->ua, "sip:bob@192.0.2.1", "text/plain", body, NULL, message_sent, &r);
  g_bytes_unref (body);
  g_assert_true (gst_sip_test_wait (async_done, &r, WAIT_MS));
  g_assert_error (r.error, GST_SIP_ERROR, GST_SIP_ERROR_TIMEOUT);
  g_clear_error (&r.error);
}

static void
test_request_cancelled (Fixture *f, gconstpointer data)
{
  AsyncResult r = { NULL, NULL, NULL };
  GCancellable *cancellable = g_cancellable_new ();
  GBytes *body = g_bytes_new_static ("hi", 2);

  gst_sip_user_agent_send_message_async (f->ua, "sip:bob@192.0.2.1",
      "text/plain", body, cancellable, message_sent, &r);
  g_bytes_unref (body);
  g_cancellable_cancel (cancellable);
  g_assert_true (gst_sip_test_wait (async_done, &r, WAIT_MS));
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  g_object_unref (cancellable);

  /* a bad URI fails at once */
  body = g_bytes_new_static ("hi", 2);
  gst_sip_user_agent_send_message_async (
      f->ua, "not a uri", "text/plain", body, NULL, message_sent, &r);
  g_bytes_unref (body);
  g_assert_true (gst_sip_test_wait (async_done, &r, WAIT_MS));
  g_assert_error (r.error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
  g_clear_error (&r.error);
}

static void
test_strict_route (Fixture *f, gconstpointer data)
{
  GstSipUri *uri = gst_sip_uri_new ("sip:bob@192.0.2.1", NULL);
  GstSipMessage *request = gst_sip_message_new_request ("OPTIONS", uri);
  GstSipClientTransaction *tx;
  GList *routes;
  gchar *text;

  /* 12.2.1.1: a strict router becomes the Request-URI */
  gst_sip_message_append_header (request, "Route", "<sip:proxy.example.com>");
  gst_sip_message_append_header (request, "Route", "<sip:p2.example.com;lr>");
  tx = gst_sip_user_agent_send_request (f->ua, request, NULL);
  text = gst_sip_uri_to_string (gst_sip_message_get_request_uri (request));
  g_assert_cmpstr (text, ==, "sip:proxy.example.com");
  g_free (text);
  routes = gst_sip_message_get_addresses (request, "Route");
  g_assert_cmpuint (g_list_length (routes), ==, 2);
  text = gst_sip_address_to_string (g_list_last (routes)->data);
  g_assert_cmpstr (text, ==, "<sip:bob@192.0.2.1>");
  g_free (text);
  g_list_free_full (routes, (GDestroyNotify) gst_sip_address_free);

  g_object_unref (tx);
  gst_sip_message_unref (request);
  gst_sip_uri_free (uri);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

#define ADD(path, func)                                                \
  g_test_add ("/user-agent/" path, Fixture, NULL, fixture_setup, func, \
      fixture_teardown)
  ADD ("options", test_options);
  ADD ("unknown-method", test_unknown_method);
  ADD ("allowed-method", test_allowed_method);
  ADD ("require", test_require);
  ADD ("uri-scheme", test_uri_scheme);
  ADD ("version", test_version);
  ADD ("unknown-dialog", test_unknown_dialog);
  ADD ("message", test_message);
  ADD ("send-message", test_send_message);
  ADD ("request-timeout", test_request_timeout);
  ADD ("request-cancelled", test_request_cancelled);
  ADD ("strict-route", test_strict_route);
#undef ADD

  return g_test_run ();
}
