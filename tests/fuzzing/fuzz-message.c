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

/* libFuzzer target for the message parser and writer.
 *
 * The input is parsed as one datagram and as one message of a stream, and
 * it is also cut into messages as a stream transport does.  Every message
 * that results, valid or not, goes through the accessors a user agent
 * calls (a UAS answers 400 from what it can read of an invalid request).
 * A message accepted without error must be written as bytes that parse
 * again without error, frame as exactly one message, and are written again
 * unchanged. */

#include "fuzz-common.h"
#include "sip/sip-message-private.h"

/* how many messages of one stream buffer are cut and parsed at most */
#define MAX_FRAMES 8

static const GstSipParseOptions datagram_options = { GST_SIP_MAX_MESSAGE_SIZE,
  0, FALSE };

static const GstSipParseOptions stream_options = { GST_SIP_MAX_MESSAGE_SIZE, 0,
  TRUE };

/* small limits, to reach the size and header-count checks */
static const GstSipParseOptions small_options = { 1024, 16, FALSE };

/* A written message may be larger than the one read (": " after every
 * name, a Content-Length added) and may have one more header line. */
static const GstSipParseOptions reparse_options = { 0, G_MAXUINT, TRUE };

static void
exercise_uri (const GstSipUri *uri)
{
  GstSipUri *reparsed;
  gchar *text;

  (void) gst_sip_uri_get_scheme (uri);
  (void) gst_sip_uri_get_user (uri);
  (void) gst_sip_uri_get_host (uri);
  (void) gst_sip_uri_get_port (uri);
  (void) gst_sip_uri_get_param (uri, "transport");
  (void) gst_sip_uri_has_param (uri, "lr");

  text = gst_sip_uri_to_string (uri);
  reparsed = gst_sip_uri_new (text, NULL);
  if (!reparsed)
    fuzz_fail ("a written URI parses again", text);
  FUZZ_CHECK (gst_sip_uri_equal (uri, reparsed), text);
  gst_sip_uri_free (reparsed);
  g_free (text);
}

static void
exercise_address (const GstSipAddress *address)
{
  const GstSipUri *uri;

  (void) gst_sip_address_get_display_name (address);
  (void) gst_sip_address_get_tag (address);
  (void) gst_sip_address_get_param (address, "expires");
  uri = gst_sip_address_get_uri (address);
  if (uri)
    exercise_uri (uri);
  g_free (gst_sip_address_to_string (address));
}

static void
exercise_addresses (const GstSipMessage *msg, const gchar *name)
{
  GList *list, *l;

  list = gst_sip_message_get_addresses (msg, name);
  for (l = list; l; l = l->next)
    exercise_address (l->data);
  g_list_free_full (list, (GDestroyNotify) gst_sip_address_free);
}

static void
exercise_auth_headers (const GstSipMessage *msg, const gchar *name)
{
  GList *list, *l;

  list = gst_sip_message_get_auth_headers (msg, name);
  for (l = list; l; l = l->next) {
    GstSipAuthHeader *auth = l->data;
    gchar **names;

    (void) gst_sip_auth_header_get_scheme (auth);
    (void) gst_sip_auth_header_get_token68 (auth);
    (void) gst_sip_auth_header_get_param (auth, "realm");
    (void) gst_sip_auth_header_get_param (auth, "nonce");
    names = gst_sip_auth_header_get_param_names (auth);
    g_strfreev (names);
    g_free (gst_sip_auth_header_to_string (auth));
  }
  g_list_free_full (list, (GDestroyNotify) gst_sip_auth_header_free);
}

static void
exercise_tokens (const GstSipMessage *msg, const gchar *name)
{
  g_strfreev (gst_sip_message_get_tokens (msg, name));
  (void) gst_sip_message_has_token (msg, name, "100rel");
}

static void
exercise_vias (const GstSipMessage *msg)
{
  GstSipVia *via;
  guint i, n_vias;

  n_vias = gst_sip_message_get_n_vias (msg);
  for (i = 0; (via = gst_sip_message_get_via (msg, i)); i++) {
    FUZZ_CHECK (i < n_vias, NULL);
    (void) gst_sip_via_get_transport (via);
    (void) gst_sip_via_get_host (via);
    (void) gst_sip_via_get_port (via);
    (void) gst_sip_via_get_branch (via);
    (void) gst_sip_via_get_received (via);
    (void) gst_sip_via_get_rport (via);
    (void) gst_sip_via_get_maddr (via);
    g_free (gst_sip_via_to_string (via));
    gst_sip_via_free (via);
  }
}

/* what a user agent reads of a message it received */
static void
exercise_message (const GstSipMessage *msg)
{
  GstSipAddress *address;
  const GstSipUri *ruri;
  const gchar *name, *value;
  gchar *str, *extra;
  GstSipMethod method;
  GBytes *body;
  guint32 u32;
  gint expires;
  guint i;

  (void) gst_sip_message_get_version (msg);
  if (gst_sip_message_is_request (msg)) {
    (void) gst_sip_message_get_method (msg);
    (void) gst_sip_message_get_method_name (msg);
    ruri = gst_sip_message_get_request_uri (msg);
    if (ruri)
      exercise_uri (ruri);
  } else {
    FUZZ_CHECK (gst_sip_message_is_response (msg), NULL);
    (void) gst_sip_message_get_status_code (msg);
    (void) gst_sip_message_get_reason_phrase (msg);
  }

  for (i = 0; gst_sip_message_get_nth_header (msg, i, &name, &value); i++)
    FUZZ_CHECK (name != NULL && value != NULL, NULL);
  FUZZ_CHECK (i == gst_sip_message_get_n_headers (msg), NULL);

  exercise_vias (msg);

  address = gst_sip_message_get_from (msg);
  if (address) {
    exercise_address (address);
    gst_sip_address_free (address);
  }
  address = gst_sip_message_get_to (msg);
  if (address) {
    exercise_address (address);
    gst_sip_address_free (address);
  }
  (void) gst_sip_message_get_from_tag (msg);
  (void) gst_sip_message_get_to_tag (msg);
  (void) gst_sip_message_get_call_id (msg);
  (void) gst_sip_message_get_cseq (msg, &u32, &method);
  (void) gst_sip_message_get_cseq_method_name (msg);
  (void) gst_sip_message_get_max_forwards (msg);

  exercise_addresses (msg, "Contact");
  exercise_addresses (msg, "Route");
  exercise_addresses (msg, "Record-Route");

  exercise_auth_headers (msg, "WWW-Authenticate");
  exercise_auth_headers (msg, "Proxy-Authenticate");
  exercise_auth_headers (msg, "Authorization");
  exercise_auth_headers (msg, "Proxy-Authorization");

  exercise_tokens (msg, "Allow");
  exercise_tokens (msg, "Supported");
  exercise_tokens (msg, "Require");

  (void) gst_sip_message_get_expires (msg, &u32);
  (void) gst_sip_message_get_min_expires (msg, &u32);
  (void) gst_sip_message_get_retry_after (msg, &u32);
  extra = NULL;
  if (gst_sip_message_get_session_expires (msg, &u32, &extra))
    g_free (extra);
  (void) gst_sip_message_get_min_se (msg, &u32);
  extra = NULL;
  str = gst_sip_message_get_event (msg, &extra);
  g_free (str);
  g_free (extra);
  extra = NULL;
  str = gst_sip_message_get_subscription_state (msg, &extra, &expires);
  g_free (str);
  g_free (extra);

  (void) gst_sip_message_get_content_type (msg);
  (void) gst_sip_message_has_content_type (msg, "application/sdp");
  body = gst_sip_message_get_body (msg);
  if (body)
    g_bytes_unref (body);

  g_free (gst_sip_message_to_string (msg));
}

/* What a UAS sends back: a 100 Trying (Timestamp copied) and a final
 * response built from the request.  A response to a request that was
 * accepted without error must itself parse without error. */
static void
answer_request (const GstSipMessage *msg, gboolean valid)
{
  static const guint codes[] = { 100, 400 };
  guint i;

  if (!gst_sip_message_is_request (msg))
    return;

  for (i = 0; i < G_N_ELEMENTS (codes); i++) {
    GstSipMessage *response, *reparsed;
    GError *error = NULL;
    GBytes *bytes;
    const guint8 *data;
    gsize size;

    response = gst_sip_message_new_response_for_request (msg, codes[i], NULL);
    FUZZ_CHECK (response != NULL, NULL);
    bytes = gst_sip_message_to_bytes (response);
    if (valid) {
      data = g_bytes_get_data (bytes, &size);
      reparsed =
          _gst_sip_message_parse (data, size, &reparse_options, NULL, &error);
      if (!reparsed || error) {
        g_printerr ("%s\n", error ? error->message : "(no error)");
        fuzz_fail ("a response to a valid request parses without error",
            (const gchar *) data);
      }
      gst_sip_message_unref (reparsed);
    }
    g_bytes_unref (bytes);
    gst_sip_message_unref (response);
  }
}

/* @msg was accepted without error: its written form parses again */
static void
check_round_trip (const GstSipMessage *msg)
{
  GstSipMessage *reparsed;
  GstSipParseFault fault;
  GError *error = NULL;
  GBytes *bytes, *rebytes;
  const guint8 *data;
  gsize size, skip, length;
  GstSipFrameResult result;

  bytes = gst_sip_message_to_bytes (msg);
  data = g_bytes_get_data (bytes, &size);

  reparsed =
      _gst_sip_message_parse (data, size, &reparse_options, &fault, &error);
  if (!reparsed || error) {
    g_printerr ("%s\n", error ? error->message : "(no error)");
    fuzz_fail (
        "a written message parses again without error", (const gchar *) data);
  }

  result = _gst_sip_message_frame (data, size, 0, &skip, &length, &error);
  if (result != GST_SIP_FRAME_COMPLETE || skip != 0 || length != size) {
    g_printerr ("frame: result %d skip %" G_GSIZE_FORMAT
                " length %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT "\n",
        result, skip, length, size);
    fuzz_fail (
        "a written message frames as one whole message", (const gchar *) data);
  }

  rebytes = gst_sip_message_to_bytes (reparsed);
  if (!g_bytes_equal (bytes, rebytes))
    fuzz_fail ("a written message is written again unchanged",
        (const gchar *) g_bytes_get_data (rebytes, NULL));
  g_bytes_unref (rebytes);

  gst_sip_message_unref (reparsed);
  g_bytes_unref (bytes);
}

/* the changes a user agent makes to what it received, then written */
static void
check_modified_copy (const GstSipMessage *msg)
{
  GstSipMessage *copy, *reparsed;
  GBytes *bytes, *copy_bytes;
  GstSipVia *via;
  GError *error = NULL;
  const guint8 *data;
  gsize size;

  copy = gst_sip_message_copy (msg);
  bytes = gst_sip_message_to_bytes (msg);
  copy_bytes = gst_sip_message_to_bytes (copy);
  if (!g_bytes_equal (bytes, copy_bytes))
    fuzz_fail ("a copy is written like the original",
        (const gchar *) g_bytes_get_data (copy_bytes, NULL));
  g_bytes_unref (copy_bytes);
  g_bytes_unref (bytes);

  /* RFC 3581: received and rport on the top Via of a request */
  via = gst_sip_message_get_via (copy, 0);
  if (via) {
    gst_sip_via_set_received (via, "192.0.2.1");
    gst_sip_via_set_rport (via, 5060);
    gst_sip_message_set_top_via (copy, via);
    gst_sip_via_free (via);
  }
  if (gst_sip_message_get_to_tag (copy) == NULL)
    gst_sip_message_set_to_tag (copy, "fuzz1");
  gst_sip_message_set_max_forwards (copy, 69);

  bytes = gst_sip_message_to_bytes (copy);
  data = g_bytes_get_data (bytes, &size);
  reparsed =
      _gst_sip_message_parse (data, size, &reparse_options, NULL, &error);
  if (!reparsed || error) {
    g_printerr ("%s\n", error ? error->message : "(no error)");
    fuzz_fail (
        "a modified message parses again without error", (const gchar *) data);
  }
  gst_sip_message_unref (reparsed);
  g_bytes_unref (bytes);
  gst_sip_message_unref (copy);
}

static void
parse_one (const guint8 *data, gsize size, const GstSipParseOptions *options)
{
  GstSipMessage *msg;
  GstSipParseFault fault;
  GError *error = NULL;

  msg = _gst_sip_message_parse (data, size, options, &fault, &error);
  if (!msg) {
    FUZZ_CHECK (error != NULL && fault.kind != GST_SIP_FAULT_NONE, NULL);
    g_free (_gst_sip_parse_fault_to_reason (&fault));
    g_error_free (error);
    return;
  }

  exercise_message (msg);
  answer_request (msg, error == NULL);

  if (error) {
    FUZZ_CHECK (fault.kind != GST_SIP_FAULT_NONE, NULL);
    g_free (_gst_sip_parse_fault_to_reason (&fault));
    g_error_free (error);
  } else {
    FUZZ_CHECK (fault.kind == GST_SIP_FAULT_NONE, NULL);
    check_round_trip (msg);
    check_modified_copy (msg);
  }

  gst_sip_message_unref (msg);
}

/* what a stream transport does with a receive buffer */
static void
parse_stream (const guint8 *data, gsize size)
{
  gsize offset = 0;
  guint n;

  for (n = 0; n < MAX_FRAMES && offset < size; n++) {
    GstSipFrameResult result;
    GError *error = NULL;
    gsize skip, length, prefix_skip, prefix_length;

    result = _gst_sip_message_frame (data + offset, size - offset,
        GST_SIP_MAX_MESSAGE_SIZE, &skip, &length, &error);
    if (result != GST_SIP_FRAME_COMPLETE) {
      FUZZ_CHECK ((result == GST_SIP_FRAME_ERROR) == (error != NULL), NULL);
      g_clear_error (&error);
      return;
    }
    FUZZ_CHECK (error == NULL, NULL);
    FUZZ_CHECK (length > 0 && skip + length <= size - offset, NULL);

    /* the same message arriving one byte short is not complete yet */
    result = _gst_sip_message_frame (data + offset, skip + length - 1,
        GST_SIP_MAX_MESSAGE_SIZE, &prefix_skip, &prefix_length, &error);
    FUZZ_CHECK (result == GST_SIP_FRAME_NEED_MORE, NULL);
    FUZZ_CHECK (error == NULL, NULL);

    parse_one (data + offset + skip, length, &stream_options);
    offset += skip + length;
  }
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GstSipMessage *msg, *public_msg;
  GError *error = NULL;

  parse_one (data, size, &datagram_options);
  parse_one (data, size, &stream_options);
  parse_one (data, size, &small_options);
  parse_stream (data, size);

  /* the public constructor refuses exactly what the datagram parse
   * reports an error for */
  msg = _gst_sip_message_parse (data, size, &datagram_options, NULL, &error);
  public_msg = gst_sip_message_new_from_bytes (data, size, NULL);
  FUZZ_CHECK ((public_msg != NULL) == (msg != NULL && error == NULL), NULL);
  g_clear_error (&error);
  g_clear_pointer (&msg, gst_sip_message_unref);
  g_clear_pointer (&public_msg, gst_sip_message_unref);

  return 0;
}
