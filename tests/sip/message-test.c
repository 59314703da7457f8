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

#include <sip/sip.h>
#include "sip/sip-message-private.h"

/* Vectors whose verdict at the message layer differs from the verdict of
 * the whole stack recorded in the index: the parser accepts them because
 * they are well-formed SIP, and a higher layer answers them. */
static const struct
{
  const gchar *file;
  const gchar *why;
} accepted_by_parser[] = {
  { "rfc4475-baddate.sip", "Date is not interpreted, so a bad Date passes" },
  { "rfc4475-escruri.sip", "well-formed URI; the user agent answers 400" },
  { "rfc4475-badvers.sip", "well-formed; the user agent answers 505" },
  { "bad-version-7.sip", "well-formed; the user agent answers 505" },
};

typedef struct
{
  gchar *file;
  gboolean valid;
  gchar *kind;
  gchar *details;
} Vector;

static gchar *
vector_path (const gchar *file)
{
  return g_test_build_filename (G_TEST_DIST, "vectors", file, NULL);
}

static void vector_free (Vector *v);

static GPtrArray *
load_index (void)
{
  GPtrArray *vectors =
      g_ptr_array_new_with_free_func ((GDestroyNotify) vector_free);
  gchar *path = vector_path ("index.txt"), *contents;
  gchar **lines;
  guint i;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (i = 0; lines[i]; i++) {
    gchar **cols;
    Vector *v;

    if (lines[i][0] == '#' || lines[i][0] == '\0')
      continue;
    cols = g_strsplit (lines[i], "\t", 4);
    g_assert_cmpuint (g_strv_length (cols), ==, 4);
    v = g_new0 (Vector, 1);
    v->file = g_strdup (cols[0]);
    v->valid = g_str_equal (cols[1], "valid");
    v->kind = g_strdup (cols[2]);
    v->details = g_strdup (cols[3]);
    g_ptr_array_add (vectors, v);
    g_strfreev (cols);
  }
  g_strfreev (lines);
  g_free (contents);
  g_free (path);

  g_assert_cmpuint (vectors->len, >, 100);
  return vectors;
}

static void
vector_free (Vector *v)
{
  g_free (v->file);
  g_free (v->kind);
  g_free (v->details);
  g_free (v);
}

/* "key=value" from the details column, up to the first space */
static gchar *
detail (const Vector *v, const gchar *key)
{
  gchar *needle = g_strdup_printf ("%s=", key);
  const gchar *p = strstr (v->details, needle), *end;

  g_free (needle);
  if (!p || (p != v->details && p[-1] != ' '))
    return NULL;
  p += strlen (key) + 1;
  end = p + strcspn (p, " ;");
  return g_strndup (p, end - p);
}

static guint
detail_uint (const Vector *v, const gchar *key)
{
  gchar *s = detail (v, key);
  guint64 value;

  g_assert_nonnull (s);
  g_assert_true (
      g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT, &value, NULL));
  g_free (s);
  return value;
}

static GBytes *
load_vector (const gchar *file)
{
  gchar *path = vector_path (file), *contents;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_free (path);
  return g_bytes_new_take (contents, len);
}

static gboolean
parser_accepts (const Vector *v)
{
  guint i;

  if (v->valid)
    return TRUE;
  for (i = 0; i < G_N_ELEMENTS (accepted_by_parser); i++) {
    if (g_str_equal (v->file, accepted_by_parser[i].file))
      return TRUE;
  }
  return FALSE;
}

static void
check_valid (const Vector *v, GstSipMessage *msg)
{
  gchar *method = detail (v, "method"), *ruri = detail (v, "ruri");
  GBytes *body;
  gsize body_len;

  if (v->valid && g_str_equal (v->kind, "request")) {
    gchar *written;

    g_assert_true (gst_sip_message_is_request (msg));
    g_assert_cmpstr (gst_sip_message_get_method_name (msg), ==, method);
    written = gst_sip_uri_to_string (gst_sip_message_get_request_uri (msg));
    /* the URI parses; its text survives when it needs no re-escaping */
    g_assert_nonnull (written);
    g_free (written);
  } else if (v->valid) {
    g_assert_true (gst_sip_message_is_response (msg));
    g_assert_cmpuint (
        gst_sip_message_get_status_code (msg), ==, detail_uint (v, "status"));
  }
  if (v->valid) {
    g_assert_cmpuint (
        gst_sip_message_get_n_headers (msg), ==, detail_uint (v, "headers"));
    body = gst_sip_message_get_body (msg);
    body_len = body ? g_bytes_get_size (body) : 0;
    g_assert_cmpuint (body_len, ==, detail_uint (v, "body"));
    if (body)
      g_bytes_unref (body);
  }
  g_free (method);
  g_free (ruri);
}

/* writing a parsed message and parsing it again gives the same headers,
 * in the same order, and the same body */
static void
check_round_trip (GstSipMessage *msg)
{
  GError *error = NULL;
  GstSipMessage *again;
  GBytes *bytes, *b1, *b2;
  guint i, n;

  bytes = gst_sip_message_to_bytes (msg);
  again = gst_sip_message_new_from_bytes (
      g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);

  n = gst_sip_message_get_n_headers (msg);
  if (gst_sip_message_count_headers (msg, "Content-Length") == 0)
    g_assert_cmpuint (gst_sip_message_get_n_headers (again), ==, n + 1);
  else
    g_assert_cmpuint (gst_sip_message_get_n_headers (again), ==, n);
  for (i = 0; i < n; i++) {
    const gchar *n1, *v1, *n2, *v2;

    g_assert_true (gst_sip_message_get_nth_header (msg, i, &n1, &v1));
    g_assert_true (gst_sip_message_get_nth_header (again, i, &n2, &v2));
    g_assert_cmpstr (n1, ==, n2);
    g_assert_cmpstr (v1, ==, v2);
  }
  g_assert_cmpstr (gst_sip_message_get_version (msg), ==,
      gst_sip_message_get_version (again));
  g_assert_cmpuint (gst_sip_message_get_status_code (msg), ==,
      gst_sip_message_get_status_code (again));

  b1 = gst_sip_message_get_body (msg);
  b2 = gst_sip_message_get_body (again);
  g_assert_true ((b1 == NULL && b2 == NULL) || g_bytes_equal (b1, b2));
  if (b1)
    g_bytes_unref (b1);
  if (b2)
    g_bytes_unref (b2);

  gst_sip_message_unref (again);
  g_bytes_unref (bytes);
}

static void
test_vectors (void)
{
  GPtrArray *vectors = load_index ();
  guint i, n_valid = 0, n_invalid = 0;

  for (i = 0; i < vectors->len; i++) {
    Vector *v = g_ptr_array_index (vectors, i);
    GBytes *bytes = load_vector (v->file);
    GError *error = NULL;
    GstSipMessage *msg;

    msg = gst_sip_message_new_from_bytes (
        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);

    if (parser_accepts (v)) {
      if (!msg)
        g_error ("%s should parse: %s", v->file, error->message);
      check_valid (v, msg);
      check_round_trip (msg);
      gst_sip_message_unref (msg);
      n_valid++;
    } else {
      if (msg)
        g_error ("%s should not parse (%s)", v->file, v->details);
      if (g_str_equal (v->kind, "size"))
        g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TOO_LARGE);
      else
        g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
      g_test_message ("%s: %s", v->file, error->message);
      g_clear_error (&error);
      n_invalid++;
    }
    g_bytes_unref (bytes);
  }

  g_test_message ("%u vectors accepted, %u refused", n_valid, n_invalid);
  g_ptr_array_free (vectors, TRUE);
}

/* the error says which header and where */
typedef struct
{
  const gchar *file;
  const gchar *message_part;
  GstSipFaultKind kind;
  const gchar *reason;
} FaultVector;

static const FaultVector fault_vectors[] = {
  { "rfc4475-scalar02.sip", "CSeq", GST_SIP_FAULT_MALFORMED,
      "Malformed CSeq Header" },
  { "rfc4475-mismatch01.sip", "CSeq", GST_SIP_FAULT_CSEQ_METHOD,
      "CSeq Method Mismatch" },
  { "rfc4475-multi01.sip", "more than one", GST_SIP_FAULT_DUPLICATE, NULL },
  { "rfc4475-insuf.sip", "Missing", GST_SIP_FAULT_MISSING, NULL },
  { "rfc4475-clerr.sip", "Content-Length", GST_SIP_FAULT_BODY,
      "Content-Length Mismatch" },
  { "rfc4475-ncl.sip", "Content-Length", GST_SIP_FAULT_MALFORMED,
      "Malformed Content-Length Header" },
  { "rfc4475-quotbal.sip", "To", GST_SIP_FAULT_MALFORMED,
      "Malformed To Header" },
  { "rfc4475-ltgtruri.sip", "Request-URI", GST_SIP_FAULT_REQUEST_URI,
      "Malformed Request-URI" },
  { "rfc4475-badinv01.sip", "Via", GST_SIP_FAULT_MALFORMED,
      "Malformed Via Header" },
  { "rfc4475-regbadct.sip", "Contact", GST_SIP_FAULT_MALFORMED,
      "Malformed Contact Header" },
};

static void
test_faults (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (fault_vectors); i++) {
    const FaultVector *f = &fault_vectors[i];
    GBytes *bytes = load_vector (f->file);
    GstSipParseFault fault;
    GError *error = NULL;
    GstSipMessage *msg;
    gchar *reason;

    msg = _gst_sip_message_parse (g_bytes_get_data (bytes, NULL),
        g_bytes_get_size (bytes), NULL, &fault, &error);
    g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
    if (!strstr (error->message, f->message_part))
      g_error ("%s: “%s” does not mention %s", f->file, error->message,
          f->message_part);
    g_assert_cmpint (fault.kind, ==, f->kind);
    reason = _gst_sip_parse_fault_to_reason (&fault);
    if (f->reason)
      g_assert_cmpstr (reason, ==, f->reason);
    g_free (reason);
    g_clear_error (&error);
    if (msg)
      gst_sip_message_unref (msg);
    g_bytes_unref (bytes);
  }
}

static GstSipMessage *
parse_text (const gchar *text)
{
  GError *error = NULL;
  GstSipMessage *msg;

  msg = gst_sip_message_new_from_bytes (
      (const guint8 *) text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_nonnull (msg);
  return msg;
}

static void
test_accessors (void)
{
  GstSipMessage *msg = parse_text (
      "REGISTER sip:registrar.example.com SIP/2.0\r\n"
      "v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776;rport;received=192.0.2.9,"
      " SIP/2.0/TCP [2001:db8::9];branch=z9hG4bK1;ttl=16;maddr=224.2.0.1\r\n"
      "Via: SIP/2.0/TLS proxy.example.com:5061;branch=z9hG4bK2;rport=5070\r\n"
      "Max-Forwards: 70\r\n"
      "f: \"Bob \\\"the\\\" Builder\" <sip:bob@example.com>;tag=456248\r\n"
      "t: Bob <sip:bob@example.com>\r\n"
      "i: 843817637684230@998sdasdh09\r\n"
      "CSeq: 1826 REGISTER\r\n"
      "m: <sip:bob@192.0.2.4>;expires=3600;q=0.7, sip:bob@192.0.2.5;q=0.1\r\n"
      "Expires: 7200\r\n"
      "Authorization: Digest username=\"bob\", realm=\"example.com\",\r\n"
      "  nonce=\"dcd98b\", uri=\"sip:registrar.example.com\", qop=auth,\r\n"
      "  nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae4\", algorithm=MD5\r\n"
      "k: path, outbound\r\nSupported: gruu\r\n"
      "Allow: INVITE, ACK,CANCEL , OPTIONS\r\n"
      "Retry-After: 18000 (in a meeting);duration=3600\r\n"
      "x: 1800;refresher=UAS\r\nMin-SE: 90\r\n"
      "o: refer;id=93809824\r\n"
      "Subscription-State: terminated;reason=noresource;expires=0\r\n"
      "X-Unknown: whatever: it is, \"really\"\r\n"
      "l: 0\r\n\r\n");
  GstSipVia *via;
  GstSipAddress *addr;
  GList *list;
  guint32 seq, u;
  GstSipMethod method;
  gchar **tokens, *s, *id;
  gint expires;

  g_assert_cmpint (
      gst_sip_message_get_method (msg), ==, GST_SIP_METHOD_REGISTER);
  g_assert_cmpuint (gst_sip_message_get_n_vias (msg), ==, 3);

  via = gst_sip_message_get_via (msg, 0);
  g_assert_cmpstr (gst_sip_via_get_transport (via), ==, "UDP");
  g_assert_cmpstr (gst_sip_via_get_host (via), ==, "192.0.2.1");
  g_assert_cmpuint (gst_sip_via_get_port (via), ==, 5060);
  g_assert_cmpstr (gst_sip_via_get_branch (via), ==, "z9hG4bK776");
  g_assert_cmpint (gst_sip_via_get_rport (via), ==, 0);
  g_assert_cmpstr (gst_sip_via_get_received (via), ==, "192.0.2.9");
  gst_sip_via_free (via);

  via = gst_sip_message_get_via (msg, 1);
  g_assert_cmpstr (gst_sip_via_get_transport (via), ==, "TCP");
  g_assert_cmpstr (gst_sip_via_get_host (via), ==, "2001:db8::9");
  g_assert_cmpuint (gst_sip_via_get_port (via), ==, 0);
  g_assert_cmpint (gst_sip_via_get_ttl (via), ==, 16);
  g_assert_cmpstr (gst_sip_via_get_maddr (via), ==, "224.2.0.1");
  g_assert_cmpint (gst_sip_via_get_rport (via), ==, -1);
  gst_sip_via_free (via);

  via = gst_sip_message_get_via (msg, 2);
  g_assert_cmpstr (gst_sip_via_get_protocol (via), ==, "SIP/2.0");
  g_assert_cmpint (gst_sip_via_get_rport (via), ==, 5070);
  gst_sip_via_free (via);
  g_assert_null (gst_sip_message_get_via (msg, 3));

  addr = gst_sip_message_get_from (msg);
  g_assert_cmpstr (
      gst_sip_address_get_display_name (addr), ==, "Bob \"the\" Builder");
  g_assert_cmpstr (gst_sip_address_get_tag (addr), ==, "456248");
  gst_sip_address_free (addr);
  g_assert_cmpstr (gst_sip_message_get_from_tag (msg), ==, "456248");
  g_assert_null (gst_sip_message_get_to_tag (msg));

  g_assert_cmpstr (
      gst_sip_message_get_call_id (msg), ==, "843817637684230@998sdasdh09");
  g_assert_true (gst_sip_message_get_cseq (msg, &seq, &method));
  g_assert_cmpuint (seq, ==, 1826);
  g_assert_cmpint (method, ==, GST_SIP_METHOD_REGISTER);
  g_assert_cmpstr (gst_sip_message_get_cseq_method_name (msg), ==, "REGISTER");
  g_assert_cmpint (gst_sip_message_get_max_forwards (msg), ==, 70);

  list = gst_sip_message_get_addresses (msg, "Contact");
  g_assert_cmpuint (g_list_length (list), ==, 2);
  g_assert_cmpstr (
      gst_sip_address_get_param (list->data, "expires"), ==, "3600");
  g_assert_cmpstr (
      gst_sip_address_get_param (list->next->data, "q"), ==, "0.1");
  /* header parameters after an addr-spec belong to the header */
  g_assert_false (
      gst_sip_uri_has_param (gst_sip_address_get_uri (list->next->data), "q"));
  g_list_free_full (list, (GDestroyNotify) gst_sip_address_free);

  g_assert_true (gst_sip_message_get_expires (msg, &u));
  g_assert_cmpuint (u, ==, 7200);
  g_assert_false (gst_sip_message_get_min_expires (msg, &u));

  list = gst_sip_message_get_auth_headers (msg, "Authorization");
  g_assert_cmpuint (g_list_length (list), ==, 1);
  g_assert_cmpstr (gst_sip_auth_header_get_scheme (list->data), ==, "Digest");
  g_assert_cmpstr (
      gst_sip_auth_header_get_param (list->data, "nonce"), ==, "dcd98b");
  g_assert_cmpstr (
      gst_sip_auth_header_get_param (list->data, "NC"), ==, "00000001");
  g_assert_cmpstr (gst_sip_auth_header_get_param (list->data, "uri"), ==,
      "sip:registrar.example.com");
  g_list_free_full (list, (GDestroyNotify) gst_sip_auth_header_free);

  tokens = gst_sip_message_get_tokens (msg, "Supported");
  g_assert_cmpuint (g_strv_length (tokens), ==, 3);
  g_assert_cmpstr (tokens[0], ==, "path");
  g_assert_cmpstr (tokens[2], ==, "gruu");
  g_strfreev (tokens);
  g_assert_true (gst_sip_message_has_token (msg, "Allow", "cancel"));
  g_assert_false (gst_sip_message_has_token (msg, "Allow", "BYE"));

  g_assert_true (gst_sip_message_get_retry_after (msg, &u));
  g_assert_cmpuint (u, ==, 18000);
  g_assert_true (gst_sip_message_get_session_expires (msg, &u, &s));
  g_assert_cmpuint (u, ==, 1800);
  g_assert_cmpstr (s, ==, "uas");
  g_free (s);
  g_assert_true (gst_sip_message_get_min_se (msg, &u));
  g_assert_cmpuint (u, ==, 90);
  s = gst_sip_message_get_event (msg, &id);
  g_assert_cmpstr (s, ==, "refer");
  g_assert_cmpstr (id, ==, "93809824");
  g_free (s);
  g_free (id);
  s = gst_sip_message_get_subscription_state (msg, &id, &expires);
  g_assert_cmpstr (s, ==, "terminated");
  g_assert_cmpstr (id, ==, "noresource");
  g_assert_cmpint (expires, ==, 0);
  g_free (s);
  g_free (id);

  /* names are case-insensitive and compact forms equal long ones */
  g_assert_cmpstr (gst_sip_message_get_header (msg, "x-unknown"), ==,
      "whatever: it is, \"really\"");
  g_assert_cmpstr (gst_sip_message_get_header (msg, "FROM"), ==,
      gst_sip_message_get_header (msg, "f"));
  g_assert_cmpuint (gst_sip_message_count_headers (msg, "via"), ==, 2);
  g_assert_cmpuint (gst_sip_message_count_headers (msg, "Contact"), ==, 1);

  gst_sip_message_unref (msg);
}

static void
test_build (void)
{
  GstSipUri *uri = gst_sip_uri_new ("sip:bob@biloxi.example.com", NULL);
  GstSipMessage *req, *resp, *parsed;
  GstSipVia *via;
  GstSipAddress *from;
  GBytes *bytes, *body;
  gchar *text;
  const gchar *sdp = "v=0\r\no=- 0 0 IN IP4 192.0.2.1\r\n";

  req = gst_sip_message_new_request ("INVITE", uri);
  via = gst_sip_via_new ("udp", "192.0.2.1", 5060);
  gst_sip_via_set_branch (via, "z9hG4bKnashds8");
  gst_sip_via_set_rport (via, 0);
  gst_sip_message_prepend_via (req, via);
  gst_sip_via_free (via);
  gst_sip_message_set_max_forwards (req, 70);
  from = gst_sip_address_new_from_string (
      "Alice <sip:alice@atlanta.example.com>;tag=1928301774", NULL);
  gst_sip_message_set_from (req, from);
  gst_sip_address_set_tag (from, NULL);
  gst_sip_message_set_to (req, from);
  gst_sip_address_free (from);
  gst_sip_message_set_call_id (req, "a84b4c76e66710@pc33.atlanta.example.com");
  gst_sip_message_set_cseq (req, 314159, "INVITE");
  body = g_bytes_new_static (sdp, strlen (sdp));
  gst_sip_message_set_body (req, "application/sdp", body);
  g_bytes_unref (body);

  text = gst_sip_message_to_string (req);
  g_assert_cmpstr (text, ==,
      "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKnashds8;rport\r\n"
      "Max-Forwards: 70\r\n"
      "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
      "To: \"Alice\" <sip:alice@atlanta.example.com>\r\n"
      "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
      "CSeq: 314159 INVITE\r\n"
      "Content-Type: application/sdp\r\n"
      "Content-Length: 31\r\n\r\n"
      "v=0\r\no=- 0 0 IN IP4 192.0.2.1\r\n");
  g_free (text);

  bytes = gst_sip_message_to_bytes (req);
  parsed = gst_sip_message_new_from_bytes (
      g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  g_assert_nonnull (parsed);
  g_bytes_unref (bytes);

  resp = gst_sip_message_new_response_for_request (parsed, 180, NULL);
  gst_sip_message_set_to_tag (resp, "a6c85cf");
  text = gst_sip_message_to_string (resp);
  g_assert_cmpstr (text, ==,
      "SIP/2.0 180 Ringing\r\n"
      "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKnashds8;rport\r\n"
      "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
      "To: \"Alice\" <sip:alice@atlanta.example.com>;tag=a6c85cf\r\n"
      "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
      "CSeq: 314159 INVITE\r\n"
      "Content-Length: 0\r\n\r\n");
  g_free (text);
  g_assert_cmpstr (gst_sip_message_get_to_tag (resp), ==, "a6c85cf");

  /* a copy is independent */
  {
    GstSipMessage *copy = gst_sip_message_copy (resp);

    gst_sip_message_set_status (copy, 200, NULL);
    gst_sip_message_set_to_tag (copy, "other");
    g_assert_cmpuint (gst_sip_message_get_status_code (resp), ==, 180);
    g_assert_cmpstr (gst_sip_message_get_to_tag (resp), ==, "a6c85cf");
    g_assert_cmpstr (gst_sip_message_get_reason_phrase (copy), ==, "OK");
    gst_sip_message_unref (copy);
  }

  gst_sip_message_unref (resp);
  gst_sip_message_unref (parsed);
  gst_sip_message_unref (req);
  gst_sip_uri_free (uri);
}

static void
test_mutation (void)
{
  GstSipMessage *msg = parse_text (
      "OPTIONS sip:a@b SIP/2.0\r\n"
      "Via: SIP/2.0/UDP h1;branch=z9hG4bK1, SIP/2.0/UDP h2;branch=z9hG4bK2\r\n"
      "Via: SIP/2.0/UDP h3;branch=z9hG4bK3\r\n"
      "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\n"
      "CSeq: 1 OPTIONS\r\nX-A: 1\r\nX-A: 2\r\nContent-Length: 0\r\n\r\n");
  GstSipVia *via;
  gchar **values;

  via = gst_sip_message_get_via (msg, 0);
  gst_sip_via_set_received (via, "192.0.2.33");
  gst_sip_via_set_rport (via, 5062);
  gst_sip_message_set_top_via (msg, via);
  gst_sip_via_free (via);
  g_assert_cmpstr (gst_sip_message_get_header (msg, "Via"), ==,
      "SIP/2.0/UDP h1;branch=z9hG4bK1;received=192.0.2.33;rport=5062, "
      "SIP/2.0/UDP h2;branch=z9hG4bK2");
  g_assert_cmpuint (gst_sip_message_get_n_vias (msg), ==, 3);

  via = gst_sip_via_new ("TCP", "h0", 0);
  gst_sip_message_prepend_via (msg, via);
  gst_sip_via_free (via);
  g_assert_cmpuint (gst_sip_message_get_n_vias (msg), ==, 4);
  via = gst_sip_message_get_via (msg, 0);
  g_assert_cmpstr (gst_sip_via_get_host (via), ==, "h0");
  gst_sip_via_free (via);

  gst_sip_message_set_header (msg, "x-a", "3");
  values = gst_sip_message_get_header_values (msg, "X-A");
  g_assert_cmpuint (g_strv_length (values), ==, 1);
  g_assert_cmpstr (values[0], ==, "3");
  g_strfreev (values);
  g_assert_true (gst_sip_message_remove_header (msg, "X-A"));
  g_assert_false (gst_sip_message_remove_header (msg, "X-A"));
  gst_sip_message_prepend_header (msg, "X-First", "yes");
  g_assert_true (gst_sip_message_get_nth_header (msg, 0, NULL, NULL));
  {
    const gchar *name;

    gst_sip_message_get_nth_header (msg, 0, &name, NULL);
    g_assert_cmpstr (name, ==, "X-First");
  }

  /* many more headers than the parsed block had room for */
  {
    guint i;

    for (i = 0; i < 100; i++)
      gst_sip_message_append_header (msg, "X-Many", "v");
    g_assert_cmpuint (gst_sip_message_count_headers (msg, "X-Many"), ==, 100);
  }

  gst_sip_message_unref (msg);
}

static void
test_datagram_body (void)
{
  const gchar *text =
      "MESSAGE sip:a@b SIP/2.0\r\n"
      "Via: SIP/2.0/UDP h1;branch=z9hG4bK1\r\n"
      "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\n"
      "CSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\n"
      "Content-Length: 5\r\n\r\nhello, trailing octets are ignored";
  GstSipMessage *msg = parse_text (text);
  GBytes *body = gst_sip_message_get_body (msg);
  static const guint8 binary[] = { 'h', 0, 'i', 0xff };
  GBytes *bin;

  g_assert_cmpmem (
      g_bytes_get_data (body, NULL), g_bytes_get_size (body), "hello", 5);
  g_bytes_unref (body);
  g_assert_true (gst_sip_message_has_content_type (msg, "TEXT/plain"));

  /* bodies are bytes: NULs survive a round trip */
  bin = g_bytes_new_static (binary, sizeof (binary));
  gst_sip_message_set_body (msg, "application/octet-stream", bin);
  g_bytes_unref (bin);
  check_round_trip (msg);
  body = gst_sip_message_get_body (msg);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
      binary, sizeof (binary));
  g_bytes_unref (body);
  g_assert_cmpstr (gst_sip_message_get_header (msg, "l"), ==, "4");
  gst_sip_message_unref (msg);
}

static void
test_framing (void)
{
  const gchar *m = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h\r\n"
                   "Content-Length: 4\r\n\r\nbody";
  gchar *stream = g_strdup_printf ("\r\n\r\n%s%s", m, m);
  gsize skip, len, total = strlen (stream), mlen = strlen (m), i;
  GError *error = NULL;

  g_assert_cmpint (
      _gst_sip_message_frame ((guint8 *) stream, total, 0, &skip, &len, &error),
      ==, GST_SIP_FRAME_COMPLETE);
  g_assert_cmpuint (skip, ==, 4);
  g_assert_cmpuint (len, ==, mlen);

  /* every prefix short of a whole message asks for more */
  for (i = 0; i < 4 + mlen; i++) {
    g_assert_cmpint (
        _gst_sip_message_frame ((guint8 *) stream, i, 0, &skip, &len, &error),
        ==, GST_SIP_FRAME_NEED_MORE);
    g_assert_no_error (error);
  }

  /* a keep-alive alone */
  g_assert_cmpint (
      _gst_sip_message_frame ((guint8 *) "\r\n\r\n", 4, 0, &skip, &len, &error),
      ==, GST_SIP_FRAME_NEED_MORE);
  g_assert_cmpuint (skip, ==, 4);

  /* too large */
  g_assert_cmpint (_gst_sip_message_frame (
                       (guint8 *) stream, total, 40, &skip, &len, &error),
      ==, GST_SIP_FRAME_ERROR);
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* no Content-Length */
  g_assert_cmpint (_gst_sip_message_frame (
                       (guint8 *) "OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\n",
                       35, 0, &skip, &len, &error),
      ==, GST_SIP_FRAME_ERROR);
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
  g_clear_error (&error);

  /* conflicting Content-Length */
  {
    const gchar *bad = "OPTIONS sip:a@b SIP/2.0\r\nl: 1\r\n"
                       "Content-Length: 2\r\n\r\nab";

    g_assert_cmpint (_gst_sip_message_frame (
                         (guint8 *) bad, strlen (bad), 0, &skip, &len, &error),
        ==, GST_SIP_FRAME_ERROR);
    g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
    g_clear_error (&error);
  }

  /* an unterminated header section larger than the limit is refused
   * before it is complete */
  {
    gchar *big = g_strnfill (200, 'a');

    g_assert_cmpint (
        _gst_sip_message_frame ((guint8 *) big, 200, 100, &skip, &len, &error),
        ==, GST_SIP_FRAME_ERROR);
    g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TOO_LARGE);
    g_clear_error (&error);
    g_free (big);
  }

  g_free (stream);
}

static void
test_limits (void)
{
  GString *s =
      g_string_new ("OPTIONS sip:a@b SIP/2.0\r\n"
                    "Via: SIP/2.0/UDP h1;branch=z9hG4bK1\r\n"
                    "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\n"
                    "CSeq: 1 OPTIONS\r\n");
  GstSipParseOptions options = { 0, 10, FALSE };
  GError *error = NULL;
  GstSipMessage *msg;
  guint i;

  for (i = 0; i < 10; i++)
    g_string_append (s, "X-Filler: 1\r\n");
  g_string_append (s, "\r\n");

  msg = _gst_sip_message_parse (
      (guint8 *) s->str, s->len, &options, NULL, &error);
  g_assert_null (msg);
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TOO_LARGE);
  g_clear_error (&error);

  options.max_headers = 0;
  options.max_size = 64;
  msg = _gst_sip_message_parse (
      (guint8 *) s->str, s->len, &options, NULL, &error);
  g_assert_null (msg);
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TOO_LARGE);
  g_clear_error (&error);

  options.max_size = 0;
  msg = _gst_sip_message_parse (
      (guint8 *) s->str, s->len, &options, NULL, &error);
  g_assert_no_error (error);
  gst_sip_message_unref (msg);

  g_string_free (s, TRUE);
}

/* every prefix of every vector, and every single-byte corruption of a few,
 * is handled without crashing, reading out of bounds, or leaking */
static void
test_truncation (void)
{
  static const gchar *const files[] = {
    "seed001-06-invite-b2bua-sdp.sip",
    "rfc4475-wsinv.sip",
    "rfc4475-esc01.sip",
    "seed000-02-401.sip",
  };
  guint f;

  for (f = 0; f < G_N_ELEMENTS (files); f++) {
    GBytes *bytes = load_vector (files[f]);
    gsize len, i;
    const guint8 *data = g_bytes_get_data (bytes, &len);
    guint8 *copy = g_memdup2 (data, len);

    for (i = 0; i <= len; i++) {
      GError *error = NULL;
      GstSipMessage *msg;
      guint8 *prefix = g_memdup2 (data, i);

      /* an exactly sized buffer, so that ASan catches overreads */
      msg = gst_sip_message_new_from_bytes (prefix, i, &error);
      g_assert_true ((msg == NULL) != (error == NULL));
      g_clear_error (&error);
      if (msg)
        gst_sip_message_unref (msg);
      g_free (prefix);
    }

    for (i = 0; i < len; i++) {
      static const guint8 junk[] = { 0, ' ', ':', ';', '"', '<', ',', 0xff };
      guint j;

      for (j = 0; j < G_N_ELEMENTS (junk); j++) {
        GError *error = NULL;
        GstSipMessage *msg;
        guint8 saved = copy[i];

        copy[i] = junk[j];
        msg = gst_sip_message_new_from_bytes (copy, len, &error);
        g_assert_true ((msg == NULL) != (error == NULL));
        if (msg) {
          GBytes *out = gst_sip_message_to_bytes (msg);

          g_bytes_unref (out);
          gst_sip_message_unref (msg);
        }
        g_clear_error (&error);
        copy[i] = saved;
      }
    }
    g_free (copy);
    g_bytes_unref (bytes);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/message/vectors", test_vectors);
  g_test_add_func ("/message/faults", test_faults);
  g_test_add_func ("/message/accessors", test_accessors);
  g_test_add_func ("/message/build", test_build);
  g_test_add_func ("/message/mutation", test_mutation);
  g_test_add_func ("/message/datagram-body", test_datagram_body);
  g_test_add_func ("/message/framing", test_framing);
  g_test_add_func ("/message/limits", test_limits);
  g_test_add_func ("/message/truncation", test_truncation);

  return g_test_run ();
}
