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

/**
 * SECTION:sip-message
 * @title: GstSipMessage
 * @short_description: SIP requests and responses
 *
 * #GstSipMessage is a SIP request or response. gst_sip_message_new_from_bytes()
 * parses one message from a buffer and gst_sip_message_to_bytes() writes
 * it; what the parser does not interpret (unknown headers, their order,
 * repeated header lines, the spelling of header names) is written back as it
 * was received.
 *
 * Parsing accepts compact header forms, folded header lines and
 * case-insensitive header names, and checks the headers the stack relies on
 * (Via, From, To, Call-ID, CSeq, Max-Forwards, Contact, Route,
 * Record-Route, Content-Length, Content-Type, Expires, Min-Expires): a
 * message with a malformed or missing mandatory header is refused with a
 * #GError that names the header and the line.  Bodies are bytes, framed by
 * Content-Length; octets after the body of a datagram are ignored.
 *
 * A parsed message is held in a single allocation.  Getters that return
 * `const` strings return pointers into the message that stay valid until
 * the message is modified or freed.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-message-private.h"
#include "sip-address-private.h"
#include "sip-uri-private.h"
#include "sip-scan-private.h"

GST_DEBUG_CATEGORY_STATIC (sip_message_debug);
#define GST_CAT_DEFAULT sip_message_debug

typedef struct
{
  const gchar *name;
  const gchar *value;
  gsize value_len;
  guint16 name_len;
  guint16 line; /* 0 when added by the API */
  guint8 id; /* GstSipHeaderId */
  guint8 flags;
} GstSipHeader;

enum
{
  HEADER_OWNS_NAME = 1 << 0,
  HEADER_OWNS_VALUE = 1 << 1,
};

enum
{
  OWNS_METHOD = 1 << 0,
  OWNS_REQUEST_URI_TEXT = 1 << 1,
  OWNS_VERSION = 1 << 2,
  OWNS_REASON = 1 << 3,
  OWNS_HEADERS = 1 << 4,
};

struct _GstSipMessage
{
  gint refcount;
  GstSipMessageType type;
  guint owns;

  /* start line */
  const gchar *method;
  GstSipMethod method_id;
  const gchar *request_uri_text; /* as received, NULL when built */
  GstSipUri *request_uri; /* parsed lazily from the text */
  const gchar *version;
  guint status_code;
  const gchar *reason;

  GstSipHeader *headers;
  guint n_headers;
  guint headers_alloc;

  /* body: either inside the message (parsed) or in @body_bytes (set) */
  const guint8 *body;
  gsize body_len;
  GBytes *body_bytes;

  /* derived values, computed lazily and dropped on modification */
  gchar *from_tag;
  gchar *to_tag;

  /* where a received message came from */
  GstSipTransportProtocol protocol;
  GObject *transport;
  GObject *connection;
  GSocketAddress *remote;
  GSocketAddress *local;
  gint64 arrival; /* g_get_real_time() units, 0 when unknown */
};

G_DEFINE_BOXED_TYPE_WITH_CODE (GstSipMessage, gst_sip_message,
    gst_sip_message_ref, gst_sip_message_unref,
    GST_DEBUG_CATEGORY_INIT (
        sip_message_debug, "sipmessage", 0, "SIP messages"));

/* the block of a parsed message: struct, header array, text, body */
#define BLOCK_ALIGN(n) (((n) + 15) & ~(gsize) 15)

static inline gboolean
header_is (
    const GstSipHeader *h, GstSipHeaderId id, const gchar *name, gsize len)
{
  if (id != GST_SIP_HDR_OTHER)
    return h->id == id;
  return h->id == GST_SIP_HDR_OTHER && h->name_len == len &&
      g_ascii_strncasecmp (h->name, name, len) == 0;
}

static const GstSipHeader *
find_header (const GstSipMessage *msg, GstSipHeaderId id)
{
  guint i;

  for (i = 0; i < msg->n_headers; i++) {
    if (msg->headers[i].id == id)
      return &msg->headers[i];
  }
  return NULL;
}

static GstSipMessage *
message_new (GstSipMessageType type)
{
  GstSipMessage *msg = g_new0 (GstSipMessage, 1);

  msg->refcount = 1;
  msg->type = type;
  msg->protocol = GST_SIP_TRANSPORT_PROTOCOL_UDP;
  return msg;
}

static void
drop_caches (GstSipMessage *msg)
{
  g_clear_pointer (&msg->from_tag, g_free);
  g_clear_pointer (&msg->to_tag, g_free);
}

static void
set_start_string (
    GstSipMessage *msg, const gchar **slot, guint bit, const gchar *value)
{
  if (msg->owns & bit)
    g_free ((gchar *) *slot);
  *slot = g_strdup (value);
  msg->owns |= bit;
}

static GstSipHeader *insert_header (GstSipMessage *msg, guint index);

/* appends a copy of @h, byte for byte */
static void
copy_header (GstSipMessage *msg, const GstSipHeader *h)
{
  GstSipHeader *copy = insert_header (msg, msg->n_headers);

  copy->id = h->id;
  copy->name = g_strdup (_gst_sip_header_canonical_name (h->id));
  copy->name_len = strlen (copy->name);
  copy->value = g_memdup2 (h->value, h->value_len + 1);
  copy->value_len = h->value_len;
  copy->line = 0;
  copy->flags = HEADER_OWNS_NAME | HEADER_OWNS_VALUE;
}

/**
 * gst_sip_message_new_request: (constructor)
 * @method: the method, such as `INVITE` or an extension method token
 * @request_uri: the Request-URI
 *
 * Creates a request with no headers.  gst_sip_user_agent_send_request()
 * completes what is missing (Via, Max-Forwards, Call-ID, CSeq, tags).
 *
 * Returns: (transfer full): a new #GstSipMessage
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_message_new_request (const gchar *method, const GstSipUri *request_uri)
{
  GstSipMessage *msg;
  const gchar *p;

  g_return_val_if_fail (method != NULL && *method != '\0', NULL);
  g_return_val_if_fail (request_uri != NULL, NULL);
  for (p = method; *p; p++)
    g_return_val_if_fail (GST_SIP_IS_CHAR (*p, GST_SIP_CHAR_TOKEN), NULL);

  msg = message_new (GST_SIP_MESSAGE_TYPE_REQUEST);
  set_start_string (msg, &msg->method, OWNS_METHOD, method);
  msg->method_id = gst_sip_method_from_string (method);
  msg->request_uri = gst_sip_uri_copy (request_uri);
  msg->version = "SIP/2.0";

  return msg;
}

/**
 * gst_sip_message_new_response: (constructor)
 * @status_code: a status code from 100 to 699
 * @reason_phrase: (nullable): the reason phrase, or %NULL for the standard
 *   one
 *
 * Creates a response with no headers.  Most code wants
 * gst_sip_message_new_response_for_request() instead.
 *
 * Returns: (transfer full): a new #GstSipMessage
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_message_new_response (guint status_code, const gchar *reason_phrase)
{
  GstSipMessage *msg;

  g_return_val_if_fail (status_code >= 100 && status_code <= 699, NULL);

  msg = message_new (GST_SIP_MESSAGE_TYPE_RESPONSE);
  msg->version = "SIP/2.0";
  gst_sip_message_set_status (msg, status_code, reason_phrase);

  return msg;
}

/**
 * gst_sip_message_new_response_for_request: (constructor)
 * @request: the request to answer
 * @status_code: a status code from 100 to 699
 * @reason_phrase: (nullable): the reason phrase, or %NULL for the standard
 *   one
 *
 * Creates a response to @request as RFC 3261 section 8.2.6 says: the Via
 * headers, From, To, Call-ID and CSeq are copied, and so is Timestamp in a
 * 100 Trying.  A To tag is not added; see gst_sip_message_set_to_tag().
 *
 * Returns: (transfer full): a new #GstSipMessage
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_message_new_response_for_request (
    const GstSipMessage *request, guint status_code, const gchar *reason_phrase)
{
  GstSipMessage *msg;
  guint i;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->type == GST_SIP_MESSAGE_TYPE_REQUEST, NULL);

  msg = gst_sip_message_new_response (status_code, reason_phrase);
  if (!msg)
    return NULL;

  for (i = 0; i < request->n_headers; i++) {
    const GstSipHeader *h = &request->headers[i];

    switch (h->id) {
      case GST_SIP_HDR_TIMESTAMP:
        if (status_code != 100)
          break;
        G_GNUC_FALLTHROUGH;
      case GST_SIP_HDR_VIA:
      case GST_SIP_HDR_FROM:
      case GST_SIP_HDR_TO:
      case GST_SIP_HDR_CALL_ID:
      case GST_SIP_HDR_CSEQ:
        copy_header (msg, h);
        break;
      default:
        break;
    }
  }

  return msg;
}

/**
 * gst_sip_message_ref:
 * @msg: a #GstSipMessage
 *
 * Returns: (transfer full): @msg
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_message_ref (GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);

  g_atomic_int_inc (&msg->refcount);
  return msg;
}

/**
 * gst_sip_message_unref:
 * @msg: (transfer full): a #GstSipMessage
 *
 * Drops a reference and frees the message when it was the last one.
 *
 * Since: 0.1
 */
void
gst_sip_message_unref (GstSipMessage *msg)
{
  guint i;

  g_return_if_fail (msg != NULL);

  if (!g_atomic_int_dec_and_test (&msg->refcount))
    return;

  for (i = 0; i < msg->n_headers; i++) {
    if (msg->headers[i].flags & HEADER_OWNS_NAME)
      g_free ((gchar *) msg->headers[i].name);
    if (msg->headers[i].flags & HEADER_OWNS_VALUE)
      g_free ((gchar *) msg->headers[i].value);
  }
  if (msg->owns & OWNS_HEADERS)
    g_free (msg->headers);
  if (msg->owns & OWNS_METHOD)
    g_free ((gchar *) msg->method);
  if (msg->owns & OWNS_REQUEST_URI_TEXT)
    g_free ((gchar *) msg->request_uri_text);
  if (msg->owns & OWNS_VERSION)
    g_free ((gchar *) msg->version);
  if (msg->owns & OWNS_REASON)
    g_free ((gchar *) msg->reason);
  gst_sip_uri_free (msg->request_uri);
  if (msg->body_bytes)
    g_bytes_unref (msg->body_bytes);
  drop_caches (msg);
  g_clear_object (&msg->transport);
  g_clear_object (&msg->connection);
  g_clear_object (&msg->remote);
  g_clear_object (&msg->local);

  /* a parsed message is one block, headers and text included */
  g_free (msg);
}

/* ---------------------------------------------------------------------- */
/* parsing */

static gboolean fail (GError **error, GstSipParseFault *fault,
    GstSipFaultKind kind, GstSipHeaderId header, GstSipError code,
    const gchar *format, ...) G_GNUC_PRINTF (6, 7);

static gboolean
fail (GError **error, GstSipParseFault *fault, GstSipFaultKind kind,
    GstSipHeaderId header, GstSipError code, const gchar *format, ...)
{
  va_list args;

  if (fault) {
    fault->kind = kind;
    fault->header = header;
  }
  if (error) {
    va_start (args, format);
    *error = g_error_new_valist (GST_SIP_ERROR, code, format, args);
    va_end (args);
  }
  return FALSE;
}

static gboolean
version_is_valid (const gchar *p, gsize len)
{
  gsize i = 4, digits;

  if (len < 7 || g_ascii_strncasecmp (p, "SIP/", 4) != 0)
    return FALSE;
  for (digits = 0; i < len && g_ascii_isdigit (p[i]); i++)
    digits++;
  if (digits == 0 || i >= len || p[i++] != '.')
    return FALSE;
  for (digits = 0; i < len && g_ascii_isdigit (p[i]); i++)
    digits++;
  return digits > 0 && i == len;
}

static gboolean
parse_start_line (GstSipMessage *msg, gchar *line, gchar *line_end,
    GstSipParseFault *fault, GError **error)
{
  gchar *sp1, *sp2;

  *line_end = '\0';
  sp1 = memchr (line, ' ', line_end - line);
  if (!sp1 || sp1 == line)
    goto bad_start_line;

  if (version_is_valid (line, sp1 - line)) {
    /* Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF */
    gchar *code = sp1 + 1;
    guint i;

    msg->type = GST_SIP_MESSAGE_TYPE_RESPONSE;
    msg->version = line;
    *sp1 = '\0';

    for (i = 0; i < 3; i++) {
      if (code + i >= line_end || !g_ascii_isdigit (code[i]))
        goto bad_status;
    }
    if (code + 3 < line_end && code[3] != ' ')
      goto bad_status;
    msg->status_code =
        (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
    if (msg->status_code < 100 || msg->status_code > 699)
      goto bad_status;
    msg->reason = code + 3 < line_end ? code + 4 : "";

    for (i = 0; msg->reason[i]; i++) {
      if ((guint8) msg->reason[i] < 0x20 && msg->reason[i] != '\t')
        goto bad_start_line;
    }
    return TRUE;
  }

  /* Request-Line = Method SP Request-URI SP SIP-Version CRLF */
  sp2 = memchr (sp1 + 1, ' ', line_end - sp1 - 1);
  if (!sp2 || sp2 == sp1 + 1 || sp2 + 1 >= line_end)
    goto bad_start_line;
  if (memchr (sp2 + 1, ' ', line_end - sp2 - 1))
    goto bad_start_line;
  {
    GstSipSlice method = _gst_sip_slice (line, sp1 - line);
    GstSipUriView view;
    GError *uri_error = NULL;
    gsize i;

    for (i = 0; i < method.len; i++) {
      if (!GST_SIP_IS_CHAR (method.ptr[i], GST_SIP_CHAR_TOKEN))
        goto bad_method;
    }
    if (!version_is_valid (sp2 + 1, line_end - sp2 - 1))
      goto bad_version;
    if (!_gst_sip_uri_parse_view (sp1 + 1, sp2 - sp1 - 1, &view, &uri_error)) {
      fail (NULL, fault, GST_SIP_FAULT_REQUEST_URI, GST_SIP_HDR_OTHER, 0, NULL);
      g_propagate_prefixed_error (
          error, uri_error, _ ("Malformed Request-URI: "));
      return FALSE;
    }
  }
  *sp1 = '\0';
  *sp2 = '\0';
  msg->type = GST_SIP_MESSAGE_TYPE_REQUEST;
  msg->method = line;
  msg->method_id = gst_sip_method_from_string (line);
  msg->request_uri_text = sp1 + 1;
  msg->version = sp2 + 1;

  return TRUE;

  /* ERRORS */
bad_start_line:
  return fail (error, fault, GST_SIP_FAULT_START_LINE, GST_SIP_HDR_OTHER,
      GST_SIP_ERROR_PARSE, _ ("Malformed start line"));
bad_status:
  return fail (error, fault, GST_SIP_FAULT_START_LINE, GST_SIP_HDR_OTHER,
      GST_SIP_ERROR_PARSE, _ ("Invalid status code in the Status-Line"));
bad_method:
  return fail (error, fault, GST_SIP_FAULT_START_LINE, GST_SIP_HDR_OTHER,
      GST_SIP_ERROR_PARSE, _ ("Invalid method in the Request-Line"));
bad_version:
  return fail (error, fault, GST_SIP_FAULT_START_LINE, GST_SIP_HDR_OTHER,
      GST_SIP_ERROR_PARSE, _ ("Invalid SIP version in the Request-Line"));
}

/* callid = word [ "@" word ] */
static gboolean
call_id_is_valid (const gchar *p, gsize len)
{
  const gchar *at = memchr (p, '@', len);
  gsize i;

  if (len == 0 || at == p || (at && at == p + len - 1))
    return FALSE;
  for (i = 0; i < len; i++) {
    if (p + i != at && !GST_SIP_IS_CHAR (p[i], GST_SIP_CHAR_WORD))
      return FALSE;
  }
  return TRUE;
}

/* CSeq = 1*DIGIT LWS Method */
static gboolean
parse_cseq (const gchar *value, gsize len, guint32 *seq, GstSipSlice *method)
{
  GstSipScanner sc;
  GstSipSlice digits;
  guint64 v;

  _gst_sip_scanner_init (&sc, value, len);
  digits = _gst_sip_scanner_read_class (&sc, GST_SIP_CHAR_DIGIT);
  if (!_gst_sip_slice_to_uint (&digits, G_MAXUINT32, &v))
    return FALSE;
  if (!GST_SIP_IS_CHAR (_gst_sip_scanner_peek (&sc), GST_SIP_CHAR_WS))
    return FALSE;
  _gst_sip_scanner_skip_ws (&sc);
  *method = _gst_sip_scanner_read_class (&sc, GST_SIP_CHAR_TOKEN);
  if (method->len == 0 || !_gst_sip_scanner_eof (&sc))
    return FALSE;
  *seq = v;
  return TRUE;
}

/* delta-seconds, or any other unsigned decimal value up to @max */
static gboolean
parse_uint_value (const gchar *value, gsize len, guint64 max, guint64 *out)
{
  GstSipSlice s = _gst_sip_slice (value, len);

  return _gst_sip_slice_to_uint (&s, max, out);
}

/* media-type = m-type SLASH m-subtype *(SEMI m-parameter) */
static gboolean
media_type_is_valid (const gchar *value, gsize len)
{
  GstSipScanner sc;
  GstSipSlice type, subtype, params;

  _gst_sip_scanner_init (&sc, value, len);
  type = _gst_sip_scanner_read_class (&sc, GST_SIP_CHAR_TOKEN);
  if (type.len == 0 || !_gst_sip_scanner_accept_sep (&sc, '/'))
    return FALSE;
  subtype = _gst_sip_scanner_read_class (&sc, GST_SIP_CHAR_TOKEN);
  if (subtype.len == 0)
    return FALSE;
  return _gst_sip_scanner_read_generic_params (&sc, &params) &&
      _gst_sip_scanner_eof (&sc);
}

static gboolean
check_vias (const GstSipHeader *h, guint *count, GError **error)
{
  GstSipScanner sc;

  _gst_sip_scanner_init (&sc, h->value, h->value_len);
  while (TRUE) {
    GstSipViaView view;

    if (!_gst_sip_via_parse_view (&sc, &view, error))
      return FALSE;
    (*count)++;
    if (_gst_sip_scanner_eof (&sc))
      return TRUE;
    sc.p++; /* ',' */
  }
}

static gboolean
check_addresses (const GstSipHeader *h, gboolean list, GError **error)
{
  GstSipScanner sc;

  _gst_sip_scanner_init (&sc, h->value, h->value_len);
  while (TRUE) {
    GstSipAddressView view;

    if (!_gst_sip_address_parse_view (
            &sc, h->id == GST_SIP_HDR_CONTACT, &view, error))
      return FALSE;
    if (_gst_sip_scanner_eof (&sc))
      return TRUE;
    if (!list) {
      g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
          _ ("more than one address"));
      return FALSE;
    }
    sc.p++; /* ',' */
  }
}

/* checks the values of the headers the stack relies on */
static gboolean
validate_headers (GstSipMessage *msg, GstSipParseFault *fault, GError **error)
{
  const GstSipHeader *seen[GST_SIP_HDR_LAST] = {
    NULL,
  };
  GError *err = NULL;
  guint i, n_vias = 0;
  GstSipHeaderId missing = GST_SIP_HDR_OTHER;

  for (i = 0; i < msg->n_headers; i++) {
    const GstSipHeader *h = &msg->headers[i];
    gboolean ok = TRUE;
    guint64 v;

    if (h->id != GST_SIP_HDR_OTHER &&
        (_gst_sip_header_info[h->id].flags & GST_SIP_HDR_FLAG_SINGLE) &&
        seen[h->id]) {
      /* a repeated Content-Length is refused even with the same value */
      fail (NULL, fault, GST_SIP_FAULT_DUPLICATE, h->id, 0, NULL);
      g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
          _ ("Line %u: more than one %s header"), h->line,
          _gst_sip_header_info[h->id].name);
      return FALSE;
    }
    seen[h->id] = h;

    switch (h->id) {
      case GST_SIP_HDR_VIA:
        ok = check_vias (h, &n_vias, &err);
        break;
      case GST_SIP_HDR_FROM:
      case GST_SIP_HDR_TO:
        ok = check_addresses (h, FALSE, &err);
        break;
      case GST_SIP_HDR_CONTACT:
      case GST_SIP_HDR_ROUTE:
      case GST_SIP_HDR_RECORD_ROUTE:
        ok = check_addresses (h, TRUE, &err);
        break;
      case GST_SIP_HDR_CALL_ID:
        ok = call_id_is_valid (h->value, h->value_len);
        break;
      case GST_SIP_HDR_CSEQ: {
        guint32 seq;
        GstSipSlice method;

        ok = parse_cseq (h->value, h->value_len, &seq, &method);
        if (ok && msg->type == GST_SIP_MESSAGE_TYPE_REQUEST &&
            !_gst_sip_slice_equal (&method, msg->method)) {
          fail (NULL, fault, GST_SIP_FAULT_CSEQ_METHOD, h->id, 0, NULL);
          g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
              _ ("Line %u: the CSeq method does not match the request "
                 "method %s"),
              h->line, msg->method);
          return FALSE;
        }
        break;
      }
      case GST_SIP_HDR_MAX_FORWARDS:
        ok = parse_uint_value (h->value, h->value_len, 255, &v);
        break;
      case GST_SIP_HDR_CONTENT_LENGTH:
        ok = parse_uint_value (h->value, h->value_len, G_MAXINT32, &v);
        break;
      case GST_SIP_HDR_EXPIRES:
      case GST_SIP_HDR_MIN_EXPIRES:
        ok = parse_uint_value (h->value, h->value_len, G_MAXUINT32, &v);
        break;
      case GST_SIP_HDR_CONTENT_TYPE:
        ok = media_type_is_valid (h->value, h->value_len);
        break;
      default:
        break;
    }

    if (!ok) {
      fail (NULL, fault, GST_SIP_FAULT_MALFORMED, h->id, 0, NULL);
      if (err) {
        g_propagate_prefixed_error (error, err, _ ("Line %u, %s header: "),
            h->line, _gst_sip_header_info[h->id].name);
      } else {
        g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
            _ ("Line %u: malformed %s header"), h->line,
            _gst_sip_header_info[h->id].name);
      }
      return FALSE;
    }
  }

  if (!seen[GST_SIP_HDR_VIA])
    missing = GST_SIP_HDR_VIA;
  else if (!seen[GST_SIP_HDR_FROM])
    missing = GST_SIP_HDR_FROM;
  else if (!seen[GST_SIP_HDR_TO])
    missing = GST_SIP_HDR_TO;
  else if (!seen[GST_SIP_HDR_CALL_ID])
    missing = GST_SIP_HDR_CALL_ID;
  else if (!seen[GST_SIP_HDR_CSEQ])
    missing = GST_SIP_HDR_CSEQ;

  if (missing != GST_SIP_HDR_OTHER)
    return fail (error, fault, GST_SIP_FAULT_MISSING, missing,
        GST_SIP_ERROR_PARSE, _ ("Missing mandatory %s header"),
        _gst_sip_header_info[missing].name);

  return TRUE;
}

static guint
count_lines (const gchar *start, const gchar *at)
{
  guint lines = 1;

  for (; start < at; start++) {
    if (*start == '\n')
      lines++;
  }
  return lines;
}

GstSipMessage *
_gst_sip_message_parse (const guint8 *data, gsize length,
    const GstSipParseOptions *options, GstSipParseFault *fault, GError **error)
{
  const gchar *p = (const gchar *) data, *end;
  const gchar *line, *header_end = NULL, *body_start = NULL;
  gsize header_len, body_avail, struct_size, alloc;
  guint n_lines = 0, max_headers, lineno;
  GstSipMessage *msg;
  gchar *text, *text_end, *cur, *nl, *line_end;
  const GstSipHeader *clen;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (fault) {
    fault->kind = GST_SIP_FAULT_NONE;
    fault->header = GST_SIP_HDR_OTHER;
  }
  max_headers = options && options->max_headers ? options->max_headers
                                                : GST_SIP_DEFAULT_MAX_HEADERS;

  if (options && options->max_size && length > options->max_size) {
    fail (error, fault, GST_SIP_FAULT_TOO_LARGE, GST_SIP_HDR_OTHER,
        GST_SIP_ERROR_TOO_LARGE, _ ("The message is larger than %zu bytes"),
        options->max_size);
    return NULL;
  }

  if (length == 0) {
    fail (error, fault, GST_SIP_FAULT_START_LINE, GST_SIP_HDR_OTHER,
        GST_SIP_ERROR_PARSE, _ ("Empty message"));
    return NULL;
  }
  end = p + length;

  /* RFC 3261 7.5: CRLFs before the start line are ignored */
  while (p < end && (*p == '\r' || *p == '\n'))
    p++;
  if (p == end) {
    fail (error, fault, GST_SIP_FAULT_START_LINE, GST_SIP_HDR_OTHER,
        GST_SIP_ERROR_PARSE, _ ("Empty message"));
    return NULL;
  }

  /* find the empty line that ends the headers, counting lines */
  for (line = p; line < end; line = nl + 1) {
    nl = memchr (line, '\n', end - line);
    if (!nl)
      break;
    n_lines++;
    if (nl == line || (nl == line + 1 && *line == '\r')) {
      header_end = line;
      body_start = nl + 1;
      break;
    }
  }
  if (!header_end) {
    fail (error, fault, GST_SIP_FAULT_HEADER_SYNTAX, GST_SIP_HDR_OTHER,
        GST_SIP_ERROR_PARSE,
        _ ("The header section is not terminated by an "
           "empty line"));
    return NULL;
  }
  if (n_lines - 2 > max_headers) {
    fail (error, fault, GST_SIP_FAULT_TOO_LARGE, GST_SIP_HDR_OTHER,
        GST_SIP_ERROR_TOO_LARGE, _ ("More than %u header lines"), max_headers);
    return NULL;
  }

  header_len = header_end - p;
  /* a CR only ends a line */
  for (line = p; (nl = memchr (line, '\r', header_end - line)); line = nl + 1) {
    if (nl[1] != '\n') {
      fail (error, fault, GST_SIP_FAULT_HEADER_SYNTAX, GST_SIP_HDR_OTHER,
          GST_SIP_ERROR_PARSE, _ ("Line %u: CR without LF"),
          count_lines (p, nl));
      return NULL;
    }
  }
  /* a NUL is only allowed as a quoted-pair (RFC 3261 25.1, RFC 4475
   * 3.1.1.2) */
  for (line = p; (nl = memchr (line, '\0', header_end - line)); line = nl + 1) {
    if (nl == p || nl[-1] != '\\') {
      fail (error, fault, GST_SIP_FAULT_HEADER_SYNTAX, GST_SIP_HDR_OTHER,
          GST_SIP_ERROR_PARSE, _ ("Line %u: NUL byte in the header section"),
          count_lines (p, nl));
      return NULL;
    }
  }
  body_avail = end - body_start;

  /* one allocation: the message, its header array, the header text and
   * the body */
  struct_size = BLOCK_ALIGN (sizeof (GstSipMessage));
  alloc = struct_size + BLOCK_ALIGN (n_lines * sizeof (GstSipHeader)) +
      header_len + 1 + body_avail;
  msg = g_malloc (alloc);
  memset (msg, 0, sizeof (GstSipMessage));
  msg->refcount = 1;
  msg->protocol = GST_SIP_TRANSPORT_PROTOCOL_UDP;
  msg->headers = (GstSipHeader *) ((guint8 *) msg + struct_size);
  msg->headers_alloc = n_lines;
  text = (gchar *) msg->headers + BLOCK_ALIGN (n_lines * sizeof (GstSipHeader));
  memcpy (text, p, header_len);
  text[header_len] = '\0';
  text_end = text + header_len;
  msg->body = (guint8 *) text_end + 1;
  memcpy ((guint8 *) msg->body, body_start, body_avail);

  /* start line */
  nl = memchr (text, '\n', header_len);
  line_end = nl > text && nl[-1] == '\r' ? nl - 1 : nl;
  if (!parse_start_line (msg, text, line_end, fault, error))
    goto failed;

  /* header fields, unfolding continuation lines in place */
  lineno = 2;
  for (cur = nl + 1; cur < text_end; cur = nl + 1, lineno++) {
    gchar *colon, *name_end, *value, *value_end, *name = cur;
    GstSipHeader *h;
    guint first_line = lineno;

    nl = memchr (cur, '\n', text_end - cur);
    line_end = nl > cur && nl[-1] == '\r' ? nl - 1 : nl;

    if (*cur == ' ' || *cur == '\t') {
      fail (error, fault, GST_SIP_FAULT_HEADER_SYNTAX, GST_SIP_HDR_OTHER,
          GST_SIP_ERROR_PARSE,
          _ ("Line %u: continuation line without a "
             "header"),
          lineno);
      goto failed;
    }
    colon = memchr (cur, ':', line_end - cur);
    if (!colon) {
      fail (error, fault, GST_SIP_FAULT_HEADER_SYNTAX, GST_SIP_HDR_OTHER,
          GST_SIP_ERROR_PARSE, _ ("Line %u: header line without a colon"),
          lineno);
      goto failed;
    }
    name_end = colon;
    while (name_end > cur && (name_end[-1] == ' ' || name_end[-1] == '\t'))
      name_end--;
    if (name_end == cur) {
      fail (error, fault, GST_SIP_FAULT_HEADER_SYNTAX, GST_SIP_HDR_OTHER,
          GST_SIP_ERROR_PARSE, _ ("Line %u: empty header name"), lineno);
      goto failed;
    }
    for (value = cur; value < name_end; value++) {
      if (!GST_SIP_IS_CHAR (*value, GST_SIP_CHAR_TOKEN)) {
        fail (error, fault, GST_SIP_FAULT_HEADER_SYNTAX, GST_SIP_HDR_OTHER,
            GST_SIP_ERROR_PARSE,
            _ ("Line %u: invalid character in a header "
               "name"),
            lineno);
        goto failed;
      }
    }

    /* RFC 3261 7.3.1: a line starting with SP or HTAB continues the value;
     * the line break becomes white space */
    while (nl + 1 < text_end && (nl[1] == ' ' || nl[1] == '\t')) {
      memset (line_end, ' ', nl + 1 - line_end);
      cur = nl + 1;
      nl = memchr (cur, '\n', text_end - cur);
      line_end = nl > cur && nl[-1] == '\r' ? nl - 1 : nl;
      lineno++;
    }

    value = colon + 1;
    while (value < line_end && (*value == ' ' || *value == '\t'))
      value++;
    value_end = line_end;
    while (value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t'))
      value_end--;

    h = &msg->headers[msg->n_headers++];
    h->name = name;
    h->name_len = name_end - name;
    h->value = value;
    h->value_len = value_end - value;
    h->line = MIN (first_line, G_MAXUINT16);
    h->id = _gst_sip_header_lookup (h->name, h->name_len);
    h->flags = 0;
    *name_end = '\0';
    *value_end = '\0';
  }

  if (!validate_headers (msg, fault, error))
    return msg;

  /* Content-Length frames the body (RFC 3261 18.3); without it a datagram
   * extends to its end */
  clen = find_header (msg, GST_SIP_HDR_CONTENT_LENGTH);
  if (clen) {
    guint64 v;

    parse_uint_value (clen->value, clen->value_len, G_MAXINT32, &v);
    if (v > body_avail) {
      fail (error, fault, GST_SIP_FAULT_BODY, GST_SIP_HDR_CONTENT_LENGTH,
          GST_SIP_ERROR_PARSE,
          _ ("Content-Length is %u but only %zu bytes of body follow"),
          (guint) v, body_avail);
      return msg;
    }
    msg->body_len = v;
  } else if (options && options->stream) {
    fail (error, fault, GST_SIP_FAULT_MISSING, GST_SIP_HDR_CONTENT_LENGTH,
        GST_SIP_ERROR_PARSE,
        _ ("Missing Content-Length on a stream "
           "transport"));
    return msg;
  } else {
    msg->body_len = body_avail;
  }

  return msg;

failed:
  g_free (msg);
  return NULL;
}

/**
 * gst_sip_message_new_from_bytes: (constructor)
 * @data: (array length=length): the bytes of one message
 * @length: the number of bytes in @data
 * @error: return location for a #GError, or %NULL
 *
 * Parses one SIP message, as received in one UDP datagram: a body extends
 * to the end of @data unless Content-Length says otherwise, and octets
 * after Content-Length are ignored.  Messages larger than
 * %GST_SIP_MAX_MESSAGE_SIZE bytes or with more than 256 header lines are
 * refused with %GST_SIP_ERROR_TOO_LARGE.
 *
 * Returns: (transfer full) (nullable): the new #GstSipMessage, or %NULL
 *   with @error set (%GST_SIP_ERROR_PARSE or %GST_SIP_ERROR_TOO_LARGE)
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_message_new_from_bytes (
    const guint8 *data, gsize length, GError **error)
{
  static const GstSipParseOptions default_options = { GST_SIP_MAX_MESSAGE_SIZE,
    GST_SIP_DEFAULT_MAX_HEADERS, FALSE };
  GError *err = NULL;
  GstSipMessage *msg;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  msg = _gst_sip_message_parse (data, length, &default_options, NULL, &err);
  if (err) {
    g_clear_pointer (&msg, gst_sip_message_unref);
    g_propagate_error (error, err);
  }

  return msg;
}

GstSipFrameResult
_gst_sip_message_frame (const guint8 *data, gsize length, gsize max_size,
    gsize *skip, gsize *msg_length, GError **error)
{
  const gchar *p = (const gchar *) data, *end, *line, *nl;
  const gchar *start;
  gboolean have_clen = FALSE;
  guint64 clen = 0;

  *skip = 0;
  *msg_length = 0;
  if (length == 0)
    return GST_SIP_FRAME_NEED_MORE;
  end = p + length;

  while (p < end && (*p == '\r' || *p == '\n'))
    p++;
  *skip = p - (const gchar *) data;
  start = p;

  for (line = p; line < end; line = nl + 1) {
    const gchar *line_end, *colon;

    nl = memchr (line, '\n', end - line);
    if (!nl)
      break;
    line_end = nl > line && nl[-1] == '\r' ? nl - 1 : nl;

    if (line_end == line) {
      gsize total = nl + 1 - start;

      if (!have_clen) {
        g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
            _ ("Missing Content-Length on a stream transport"));
        return GST_SIP_FRAME_ERROR;
      }
      if (max_size && total + clen > max_size)
        goto too_large;
      if ((gsize) (end - start) < total + clen)
        return GST_SIP_FRAME_NEED_MORE;
      *msg_length = total + clen;
      return GST_SIP_FRAME_COMPLETE;
    }

    if (line == start || *line == ' ' || *line == '\t')
      continue;
    colon = memchr (line, ':', line_end - line);
    if (colon) {
      const gchar *name_end = colon;

      while (name_end > line && (name_end[-1] == ' ' || name_end[-1] == '\t'))
        name_end--;
      if (_gst_sip_header_lookup (line, name_end - line) ==
          GST_SIP_HDR_CONTENT_LENGTH) {
        GstSipSlice value = _gst_sip_slice_trim (
            _gst_sip_slice (colon + 1, line_end - colon - 1));
        guint64 v;

        if (!_gst_sip_slice_to_uint (&value, G_MAXINT32, &v) ||
            (have_clen && v != clen)) {
          g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
              _ ("Invalid Content-Length on a stream transport"));
          return GST_SIP_FRAME_ERROR;
        }
        clen = v;
        have_clen = TRUE;
      }
    }
  }

  if (max_size && (gsize) (end - start) > max_size)
    goto too_large;

  return GST_SIP_FRAME_NEED_MORE;

too_large:
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TOO_LARGE,
      _ ("The message is larger than %zu bytes"), max_size);
  return GST_SIP_FRAME_ERROR;
}

gchar *
_gst_sip_parse_fault_to_reason (const GstSipParseFault *fault)
{
  const gchar *name = _gst_sip_header_info[fault->header].name;

  /* reason phrases go on the wire: never translated */
  switch (fault->kind) {
    case GST_SIP_FAULT_START_LINE:
      return g_strdup ("Malformed Request-Line");
    case GST_SIP_FAULT_REQUEST_URI:
      return g_strdup ("Malformed Request-URI");
    case GST_SIP_FAULT_HEADER_SYNTAX:
      return g_strdup ("Malformed Header Line");
    case GST_SIP_FAULT_MALFORMED:
      return g_strdup_printf ("Malformed %s Header", name);
    case GST_SIP_FAULT_MISSING:
      return g_strdup_printf ("Missing %s Header", name);
    case GST_SIP_FAULT_DUPLICATE:
      return g_strdup_printf ("Multiple %s Headers", name);
    case GST_SIP_FAULT_CSEQ_METHOD:
      return g_strdup ("CSeq Method Mismatch");
    case GST_SIP_FAULT_BODY:
      return g_strdup ("Content-Length Mismatch");
    case GST_SIP_FAULT_TOO_LARGE:
      return g_strdup ("Message Too Large");
    case GST_SIP_FAULT_NONE:
      break;
  }
  return g_strdup ("Bad Request");
}

/* ---------------------------------------------------------------------- */
/* writing */

static const gchar *
request_uri_text (const GstSipMessage *msg, gchar **tmp)
{
  *tmp = NULL;
  if (msg->request_uri_text)
    return msg->request_uri_text;
  return *tmp = gst_sip_uri_to_string (msg->request_uri);
}

static void
get_body (const GstSipMessage *msg, const guint8 **data, gsize *len)
{
  if (msg->body_bytes) {
    *data = g_bytes_get_data (msg->body_bytes, len);
  } else {
    *data = msg->body;
    *len = msg->body_len;
  }
}

static gchar *
write_message (const GstSipMessage *msg, gsize *out_len)
{
  const guint8 *body;
  gsize body_len, size, i;
  gchar *uri_tmp = NULL, *buf, *o, clen_buf[24] = "";
  const gchar *uri = NULL;
  gchar status[4];

  get_body (msg, &body, &body_len);

  if (msg->type == GST_SIP_MESSAGE_TYPE_REQUEST) {
    uri = request_uri_text (msg, &uri_tmp);
    size =
        strlen (msg->method) + 1 + strlen (uri) + 1 + strlen (msg->version) + 2;
  } else {
    g_snprintf (status, sizeof (status), "%03u", msg->status_code);
    size = strlen (msg->version) + 1 + 3 + 1 + strlen (msg->reason) + 2;
  }
  for (i = 0; i < msg->n_headers; i++)
    size += msg->headers[i].name_len + 2 + msg->headers[i].value_len + 2;
  /* streams need Content-Length; always write one */
  if (!find_header (msg, GST_SIP_HDR_CONTENT_LENGTH))
    size += g_snprintf (clen_buf, sizeof (clen_buf),
        "Content-Length: %" G_GSIZE_FORMAT "\r\n", body_len);
  size += 2 + body_len;

  o = buf = g_malloc (size + 1);
#define PUT(s, n)         \
  G_STMT_START            \
  {                       \
    memcpy (o, (s), (n)); \
    o += (n);             \
  }                       \
  G_STMT_END
#define PUTS(s) PUT ((s), strlen (s))
  if (msg->type == GST_SIP_MESSAGE_TYPE_REQUEST) {
    PUTS (msg->method);
    *o++ = ' ';
    PUTS (uri);
    *o++ = ' ';
    PUTS (msg->version);
  } else {
    PUTS (msg->version);
    *o++ = ' ';
    PUT (status, 3);
    *o++ = ' ';
    PUTS (msg->reason);
  }
  PUT ("\r\n", 2);
  for (i = 0; i < msg->n_headers; i++) {
    PUT (msg->headers[i].name, msg->headers[i].name_len);
    PUT (": ", 2);
    PUT (msg->headers[i].value, msg->headers[i].value_len);
    PUT ("\r\n", 2);
  }
  PUTS (clen_buf);
  PUT ("\r\n", 2);
  if (body_len)
    PUT (body, body_len);
#undef PUTS
#undef PUT
  *o = '\0';

  g_assert ((gsize) (o - buf) == size);
  g_free (uri_tmp);
  *out_len = size;

  return buf;
}

/**
 * gst_sip_message_to_bytes:
 * @msg: a #GstSipMessage
 *
 * Writes @msg in wire format.  Headers are written in order, with the
 * names and values they have; a Content-Length header is added when the
 * message has none.
 *
 * Returns: (transfer full): the message bytes
 *
 * Since: 0.1
 */
GBytes *
gst_sip_message_to_bytes (const GstSipMessage *msg)
{
  gsize len;
  gchar *buf;

  g_return_val_if_fail (msg != NULL, NULL);

  buf = write_message (msg, &len);
  return g_bytes_new_take (buf, len);
}

/**
 * gst_sip_message_to_string:
 * @msg: a #GstSipMessage
 *
 * Like gst_sip_message_to_bytes(), as a string for logging and debugging.
 * A body containing NUL bytes is cut at the first one.
 *
 * Returns: (transfer full): the message as text
 *
 * Since: 0.1
 */
gchar *
gst_sip_message_to_string (const GstSipMessage *msg)
{
  gsize len;

  g_return_val_if_fail (msg != NULL, NULL);

  return write_message (msg, &len);
}

/* ---------------------------------------------------------------------- */
/* copying */

/**
 * gst_sip_message_copy:
 * @msg: a #GstSipMessage
 *
 * Makes a deep, writable copy of @msg, including where it came from.
 *
 * Returns: (transfer full): the copy
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_message_copy (const GstSipMessage *msg)
{
  GstSipMessage *copy;
  const guint8 *body;
  gsize body_len;
  guint i;

  g_return_val_if_fail (msg != NULL, NULL);

  copy = message_new (msg->type);
  if (msg->type == GST_SIP_MESSAGE_TYPE_REQUEST) {
    set_start_string (copy, &copy->method, OWNS_METHOD, msg->method);
    copy->method_id = msg->method_id;
    if (msg->request_uri_text)
      set_start_string (copy, &copy->request_uri_text, OWNS_REQUEST_URI_TEXT,
          msg->request_uri_text);
    else
      copy->request_uri = gst_sip_uri_copy (msg->request_uri);
  } else {
    copy->status_code = msg->status_code;
    set_start_string (copy, &copy->reason, OWNS_REASON, msg->reason);
  }
  set_start_string (copy, &copy->version, OWNS_VERSION, msg->version);

  copy->headers = g_new (GstSipHeader, MAX (msg->n_headers, 1));
  copy->headers_alloc = MAX (msg->n_headers, 1);
  copy->owns |= OWNS_HEADERS;
  for (i = 0; i < msg->n_headers; i++) {
    GstSipHeader *h = &copy->headers[i];

    *h = msg->headers[i];
    h->name = g_strndup (h->name, h->name_len);
    /* values may hold an escaped NUL (a quoted-pair): copy the bytes */
    h->value = g_memdup2 (h->value, h->value_len + 1);
    h->flags = HEADER_OWNS_NAME | HEADER_OWNS_VALUE;
  }
  copy->n_headers = msg->n_headers;

  get_body (msg, &body, &body_len);
  if (body_len)
    copy->body_bytes = g_bytes_new (body, body_len);

  _gst_sip_message_set_origin (copy, msg->protocol, msg->transport,
      msg->connection, msg->remote, msg->local);

  return copy;
}

/* ---------------------------------------------------------------------- */
/* start line */

/**
 * gst_sip_message_get_message_type:
 * @msg: a #GstSipMessage
 *
 * Returns: whether @msg is a request or a response
 *
 * Since: 0.1
 */
GstSipMessageType
gst_sip_message_get_message_type (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, GST_SIP_MESSAGE_TYPE_REQUEST);
  return msg->type;
}

/**
 * gst_sip_message_is_request:
 * @msg: a #GstSipMessage
 *
 * Returns: %TRUE if @msg is a request
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_is_request (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, FALSE);
  return msg->type == GST_SIP_MESSAGE_TYPE_REQUEST;
}

/**
 * gst_sip_message_is_response:
 * @msg: a #GstSipMessage
 *
 * Returns: %TRUE if @msg is a response
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_is_response (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, FALSE);
  return msg->type == GST_SIP_MESSAGE_TYPE_RESPONSE;
}

/**
 * gst_sip_message_get_method:
 * @msg: a #GstSipMessage
 *
 * Returns: the method of a request, or for a response the method of the
 *   request it answers (from CSeq); %GST_SIP_METHOD_UNKNOWN for extension
 *   methods
 *
 * Since: 0.1
 */
GstSipMethod
gst_sip_message_get_method (const GstSipMessage *msg)
{
  GstSipMethod method = GST_SIP_METHOD_UNKNOWN;

  g_return_val_if_fail (msg != NULL, GST_SIP_METHOD_UNKNOWN);

  if (msg->type == GST_SIP_MESSAGE_TYPE_REQUEST)
    return msg->method_id;

  gst_sip_message_get_cseq (msg, NULL, &method);
  return method;
}

/**
 * gst_sip_message_get_method_name:
 * @msg: a #GstSipMessage
 *
 * Returns: (nullable): the method name of a request, or for a response the
 *   CSeq method
 *
 * Since: 0.1
 */
const gchar *
gst_sip_message_get_method_name (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);

  if (msg->type == GST_SIP_MESSAGE_TYPE_REQUEST)
    return msg->method;
  return gst_sip_message_get_cseq_method_name (msg);
}

/**
 * gst_sip_message_get_request_uri:
 * @msg: a request
 *
 * Returns: (transfer none) (nullable): the Request-URI
 *
 * Since: 0.1
 */
const GstSipUri *
gst_sip_message_get_request_uri (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);

  if (msg->type != GST_SIP_MESSAGE_TYPE_REQUEST)
    return NULL;

  if (!g_atomic_pointer_get (&((GstSipMessage *) msg)->request_uri)) {
    GstSipUri *uri = gst_sip_uri_new (msg->request_uri_text, NULL);
    GstSipMessage *m = (GstSipMessage *) msg;

    /* the text was validated when the message was parsed */
    g_assert (uri != NULL);
    if (!g_atomic_pointer_compare_and_exchange (&m->request_uri, NULL, uri))
      gst_sip_uri_free (uri);
  }

  return msg->request_uri;
}

/**
 * gst_sip_message_set_request_uri:
 * @msg: a request
 * @uri: the new Request-URI
 *
 * Since: 0.1
 */
void
gst_sip_message_set_request_uri (GstSipMessage *msg, const GstSipUri *uri)
{
  g_return_if_fail (msg != NULL);
  g_return_if_fail (msg->type == GST_SIP_MESSAGE_TYPE_REQUEST);
  g_return_if_fail (uri != NULL);

  gst_sip_uri_free (msg->request_uri);
  msg->request_uri = gst_sip_uri_copy (uri);
  if (msg->owns & OWNS_REQUEST_URI_TEXT)
    g_free ((gchar *) msg->request_uri_text);
  msg->owns &= ~OWNS_REQUEST_URI_TEXT;
  msg->request_uri_text = NULL;
}

/**
 * gst_sip_message_get_version:
 * @msg: a #GstSipMessage
 *
 * Returns: the protocol version of the start line, normally `SIP/2.0`
 *
 * Since: 0.1
 */
const gchar *
gst_sip_message_get_version (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return msg->version;
}

/**
 * gst_sip_message_get_status_code:
 * @msg: a #GstSipMessage
 *
 * Returns: the status code of a response, 0 for a request
 *
 * Since: 0.1
 */
guint
gst_sip_message_get_status_code (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, 0);
  return msg->status_code;
}

/**
 * gst_sip_message_get_reason_phrase:
 * @msg: a #GstSipMessage
 *
 * Returns: (nullable): the reason phrase of a response
 *
 * Since: 0.1
 */
const gchar *
gst_sip_message_get_reason_phrase (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return msg->reason;
}

/**
 * gst_sip_message_set_status:
 * @msg: a response
 * @status_code: a status code from 100 to 699
 * @reason_phrase: (nullable): the reason phrase, or %NULL for the standard
 *   one
 *
 * Since: 0.1
 */
void
gst_sip_message_set_status (
    GstSipMessage *msg, guint status_code, const gchar *reason_phrase)
{
  const gchar *p;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (msg->type == GST_SIP_MESSAGE_TYPE_RESPONSE);
  g_return_if_fail (status_code >= 100 && status_code <= 699);

  if (!reason_phrase)
    reason_phrase = gst_sip_status_get_phrase (status_code);
  for (p = reason_phrase; *p; p++)
    g_return_if_fail (*p != '\r' && *p != '\n');

  msg->status_code = status_code;
  set_start_string (msg, &msg->reason, OWNS_REASON, reason_phrase);
}

/* ---------------------------------------------------------------------- */
/* generic header access */

static GstSipHeaderId
lookup_name (const gchar *name, gsize *len)
{
  *len = strlen (name);
  return _gst_sip_header_lookup (name, *len);
}

/**
 * gst_sip_message_get_n_headers:
 * @msg: a #GstSipMessage
 *
 * Returns: the number of header lines (after unfolding)
 *
 * Since: 0.1
 */
guint
gst_sip_message_get_n_headers (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, 0);
  return msg->n_headers;
}

/**
 * gst_sip_message_get_nth_header:
 * @msg: a #GstSipMessage
 * @index: a header index, from 0 to gst_sip_message_get_n_headers() - 1
 * @name: (out) (optional) (transfer none): the header name as written
 * @value: (out) (optional) (transfer none): the header value
 *
 * Returns: %TRUE if @index is valid
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_get_nth_header (const GstSipMessage *msg, guint index,
    const gchar **name, const gchar **value)
{
  g_return_val_if_fail (msg != NULL, FALSE);

  if (index >= msg->n_headers)
    return FALSE;
  if (name)
    *name = msg->headers[index].name;
  if (value)
    *value = msg->headers[index].value;
  return TRUE;
}

/**
 * gst_sip_message_get_header:
 * @msg: a #GstSipMessage
 * @name: a header name; case does not matter and compact forms are
 *   equivalent to the long ones
 *
 * Returns: (nullable): the value of the first header line with that name
 *
 * Since: 0.1
 */
const gchar *
gst_sip_message_get_header (const GstSipMessage *msg, const gchar *name)
{
  GstSipHeaderId id;
  gsize len;
  guint i;

  g_return_val_if_fail (msg != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  id = lookup_name (name, &len);
  for (i = 0; i < msg->n_headers; i++) {
    if (header_is (&msg->headers[i], id, name, len))
      return msg->headers[i].value;
  }
  return NULL;
}

/**
 * gst_sip_message_get_header_values:
 * @msg: a #GstSipMessage
 * @name: a header name
 *
 * Returns: (transfer full) (array zero-terminated=1): the values of every
 *   header line with that name, in order; comma-separated lists are not
 *   split (see gst_sip_message_get_tokens())
 *
 * Since: 0.1
 */
gchar **
gst_sip_message_get_header_values (const GstSipMessage *msg, const gchar *name)
{
  GPtrArray *values;
  GstSipHeaderId id;
  gsize len;
  guint i;

  g_return_val_if_fail (msg != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  values = g_ptr_array_new ();
  id = lookup_name (name, &len);
  for (i = 0; i < msg->n_headers; i++) {
    if (header_is (&msg->headers[i], id, name, len))
      g_ptr_array_add (values, g_strdup (msg->headers[i].value));
  }
  g_ptr_array_add (values, NULL);

  return (gchar **) g_ptr_array_free (values, FALSE);
}

/**
 * gst_sip_message_count_headers:
 * @msg: a #GstSipMessage
 * @name: a header name
 *
 * Returns: how many header lines have that name
 *
 * Since: 0.1
 */
guint
gst_sip_message_count_headers (const GstSipMessage *msg, const gchar *name)
{
  GstSipHeaderId id;
  gsize len;
  guint i, count = 0;

  g_return_val_if_fail (msg != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  id = lookup_name (name, &len);
  for (i = 0; i < msg->n_headers; i++) {
    if (header_is (&msg->headers[i], id, name, len))
      count++;
  }
  return count;
}

static gboolean
name_is_valid (const gchar *name)
{
  if (!*name)
    return FALSE;
  for (; *name; name++) {
    if (!GST_SIP_IS_CHAR (*name, GST_SIP_CHAR_TOKEN))
      return FALSE;
  }
  return TRUE;
}

static gboolean
value_is_valid (const gchar *value)
{
  for (; *value; value++) {
    if (*value == '\r' || *value == '\n')
      return FALSE;
  }
  return TRUE;
}

static void
invalidate (GstSipMessage *msg, GstSipHeaderId id)
{
  if (id == GST_SIP_HDR_FROM || id == GST_SIP_HDR_TO)
    drop_caches (msg);
}

/* makes room for one more header at @index */
static GstSipHeader *
insert_header (GstSipMessage *msg, guint index)
{
  if (msg->n_headers == msg->headers_alloc || !(msg->owns & OWNS_HEADERS)) {
    guint alloc = MAX (16, msg->headers_alloc * 2);
    GstSipHeader *headers = g_new (GstSipHeader, alloc);

    if (msg->n_headers)
      memcpy (headers, msg->headers, msg->n_headers * sizeof (GstSipHeader));
    if (msg->owns & OWNS_HEADERS)
      g_free (msg->headers);
    msg->headers = headers;
    msg->headers_alloc = alloc;
    msg->owns |= OWNS_HEADERS;
  }
  memmove (&msg->headers[index + 1], &msg->headers[index],
      (msg->n_headers - index) * sizeof (GstSipHeader));
  msg->n_headers++;

  return &msg->headers[index];
}

static void
fill_header (GstSipHeader *h, const gchar *name, gsize name_len,
    GstSipHeaderId id, const gchar *value)
{
  h->name = g_strndup (name, name_len);
  h->name_len = name_len;
  h->value = g_strdup (value);
  h->value_len = strlen (value);
  h->id = id;
  h->line = 0;
  h->flags = HEADER_OWNS_NAME | HEADER_OWNS_VALUE;
}

static void
clear_header (GstSipHeader *h)
{
  if (h->flags & HEADER_OWNS_NAME)
    g_free ((gchar *) h->name);
  if (h->flags & HEADER_OWNS_VALUE)
    g_free ((gchar *) h->value);
}

static void
remove_header_at (GstSipMessage *msg, guint index)
{
  clear_header (&msg->headers[index]);
  memmove (&msg->headers[index], &msg->headers[index + 1],
      (msg->n_headers - index - 1) * sizeof (GstSipHeader));
  msg->n_headers--;
}

/**
 * gst_sip_message_append_header:
 * @msg: a #GstSipMessage
 * @name: a header name (a token)
 * @value: the header value, without line breaks
 *
 * Adds a header line after all the others.
 *
 * Since: 0.1
 */
void
gst_sip_message_append_header (
    GstSipMessage *msg, const gchar *name, const gchar *value)
{
  GstSipHeaderId id;
  gsize len;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (name != NULL && name_is_valid (name));
  g_return_if_fail (value != NULL && value_is_valid (value));

  id = lookup_name (name, &len);
  invalidate (msg, id);
  fill_header (insert_header (msg, msg->n_headers), name, len, id, value);
}

/**
 * gst_sip_message_prepend_header:
 * @msg: a #GstSipMessage
 * @name: a header name (a token)
 * @value: the header value, without line breaks
 *
 * Adds a header line before the first one with the same name, or at the
 * top when there is none: the place a new Via or Route goes.
 *
 * Since: 0.1
 */
void
gst_sip_message_prepend_header (
    GstSipMessage *msg, const gchar *name, const gchar *value)
{
  GstSipHeaderId id;
  gsize len;
  guint i;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (name != NULL && name_is_valid (name));
  g_return_if_fail (value != NULL && value_is_valid (value));

  id = lookup_name (name, &len);
  for (i = 0; i < msg->n_headers; i++) {
    if (header_is (&msg->headers[i], id, name, len))
      break;
  }
  if (i == msg->n_headers)
    i = 0;
  invalidate (msg, id);
  fill_header (insert_header (msg, i), name, len, id, value);
}

/**
 * gst_sip_message_set_header:
 * @msg: a #GstSipMessage
 * @name: a header name (a token)
 * @value: the header value, without line breaks
 *
 * Replaces the value of the first header line with that name and removes
 * the others, or appends a new line when there is none.
 *
 * Since: 0.1
 */
void
gst_sip_message_set_header (
    GstSipMessage *msg, const gchar *name, const gchar *value)
{
  GstSipHeaderId id;
  gboolean found = FALSE;
  gsize len;
  guint i;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (name != NULL && name_is_valid (name));
  g_return_if_fail (value != NULL && value_is_valid (value));

  id = lookup_name (name, &len);
  invalidate (msg, id);
  for (i = 0; i < msg->n_headers;) {
    GstSipHeader *h = &msg->headers[i];

    if (!header_is (h, id, name, len)) {
      i++;
    } else if (found) {
      remove_header_at (msg, i);
    } else {
      if (h->flags & HEADER_OWNS_VALUE)
        g_free ((gchar *) h->value);
      h->value = g_strdup (value);
      h->value_len = strlen (value);
      h->flags |= HEADER_OWNS_VALUE;
      found = TRUE;
      i++;
    }
  }
  if (!found)
    fill_header (insert_header (msg, msg->n_headers), name, len, id, value);
}

/**
 * gst_sip_message_remove_header:
 * @msg: a #GstSipMessage
 * @name: a header name
 *
 * Removes every header line with that name.
 *
 * Returns: %TRUE if there was at least one
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_remove_header (GstSipMessage *msg, const gchar *name)
{
  GstSipHeaderId id;
  gboolean removed = FALSE;
  gsize len;
  guint i;

  g_return_val_if_fail (msg != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  id = lookup_name (name, &len);
  invalidate (msg, id);
  for (i = 0; i < msg->n_headers;) {
    if (header_is (&msg->headers[i], id, name, len)) {
      remove_header_at (msg, i);
      removed = TRUE;
    } else {
      i++;
    }
  }
  return removed;
}

typedef struct
{
  GPtrArray *tokens;
  const gchar *find;
  gboolean found;
} TokenCollect;

static gboolean
collect_token (const GstSipSlice *element, gpointer user_data)
{
  TokenCollect *c = user_data;

  if (c->find) {
    if (_gst_sip_slice_equal_ci (element, c->find)) {
      c->found = TRUE;
      return FALSE;
    }
  } else {
    g_ptr_array_add (c->tokens, _gst_sip_slice_dup (element));
  }
  return TRUE;
}

static void
foreach_list_element (const GstSipMessage *msg, const gchar *name,
    GstSipElementFunc func, gpointer user_data)
{
  GstSipHeaderId id;
  gsize len;
  guint i;

  id = lookup_name (name, &len);
  for (i = 0; i < msg->n_headers; i++) {
    const GstSipHeader *h = &msg->headers[i];

    if (header_is (h, id, name, len) &&
        !_gst_sip_split_list (h->value, h->value_len, func, user_data))
      return;
  }
}

/**
 * gst_sip_message_get_tokens:
 * @msg: a #GstSipMessage
 * @name: the name of a comma-separated list header, such as `Allow`,
 *   `Supported`, `Require`, `Unsupported` or `Accept`
 *
 * Returns: (transfer full) (array zero-terminated=1): the elements of every
 *   header line with that name, in order, trimmed
 *
 * Since: 0.1
 */
gchar **
gst_sip_message_get_tokens (const GstSipMessage *msg, const gchar *name)
{
  TokenCollect c = { NULL, NULL, FALSE };

  g_return_val_if_fail (msg != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  c.tokens = g_ptr_array_new ();
  foreach_list_element (msg, name, collect_token, &c);
  g_ptr_array_add (c.tokens, NULL);

  return (gchar **) g_ptr_array_free (c.tokens, FALSE);
}

/**
 * gst_sip_message_has_token:
 * @msg: a #GstSipMessage
 * @name: the name of a comma-separated list header
 * @token: the element to look for, compared case-insensitively
 *
 * Returns: %TRUE if any header line with that name lists @token
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_has_token (
    const GstSipMessage *msg, const gchar *name, const gchar *token)
{
  TokenCollect c = { NULL, token, FALSE };

  g_return_val_if_fail (msg != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  foreach_list_element (msg, name, collect_token, &c);
  return c.found;
}

/* ---------------------------------------------------------------------- */
/* Via */

typedef struct
{
  guint index;
  guint count;
  GstSipVia *via;
} ViaFind;

static gboolean
find_via (const GstSipSlice *element, gpointer user_data)
{
  ViaFind *f = user_data;
  GstSipScanner sc;
  GstSipViaView view;

  if (f->count++ != f->index)
    return TRUE;

  _gst_sip_scanner_init (&sc, element->ptr, element->len);
  if (_gst_sip_via_parse_view (&sc, &view, NULL))
    f->via = _gst_sip_via_new_from_view (&view);
  return FALSE;
}

/**
 * gst_sip_message_get_n_vias:
 * @msg: a #GstSipMessage
 *
 * Returns: the number of Via elements, counting each comma-separated value
 *
 * Since: 0.1
 */
guint
gst_sip_message_get_n_vias (const GstSipMessage *msg)
{
  ViaFind f = { G_MAXUINT, 0, NULL };

  g_return_val_if_fail (msg != NULL, 0);

  foreach_list_element (msg, "Via", find_via, &f);
  return f.count;
}

/**
 * gst_sip_message_get_via:
 * @msg: a #GstSipMessage
 * @index: 0 for the top Via
 *
 * Returns: (transfer full) (nullable): the Via element at @index
 *
 * Since: 0.1
 */
GstSipVia *
gst_sip_message_get_via (const GstSipMessage *msg, guint index)
{
  ViaFind f = { index, 0, NULL };

  g_return_val_if_fail (msg != NULL, NULL);

  foreach_list_element (msg, "Via", find_via, &f);
  return f.via;
}

gboolean
_gst_sip_message_get_top_via_view (
    const GstSipMessage *msg, GstSipViaView *view)
{
  const GstSipHeader *h = find_header (msg, GST_SIP_HDR_VIA);
  GstSipScanner sc;

  if (!h)
    return FALSE;

  _gst_sip_scanner_init (&sc, h->value, h->value_len);
  return _gst_sip_via_parse_view (&sc, view, NULL);
}

/**
 * gst_sip_message_prepend_via:
 * @msg: a request
 * @via: the new top Via
 *
 * Since: 0.1
 */
void
gst_sip_message_prepend_via (GstSipMessage *msg, const GstSipVia *via)
{
  gchar *value;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (via != NULL);

  value = gst_sip_via_to_string (via);
  gst_sip_message_prepend_header (msg, "Via", value);
  g_free (value);
}

/**
 * gst_sip_message_set_top_via:
 * @msg: a #GstSipMessage with at least one Via
 * @via: the replacement for the top Via
 *
 * Replaces the top Via element and keeps the others, for instance to add
 * `received` and `rport` values to a request that arrived (RFC 3581).
 *
 * Since: 0.1
 */
void
gst_sip_message_set_top_via (GstSipMessage *msg, const GstSipVia *via)
{
  GstSipHeader *h;
  GstSipScanner sc;
  GstSipViaView view;
  GString *value;
  guint i;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (via != NULL);

  for (i = 0; i < msg->n_headers; i++) {
    if (msg->headers[i].id == GST_SIP_HDR_VIA)
      break;
  }
  g_return_if_fail (i < msg->n_headers);
  h = &msg->headers[i];

  value = g_string_sized_new (h->value_len + 32);
  _gst_sip_via_append (via, value);
  _gst_sip_scanner_init (&sc, h->value, h->value_len);
  if (_gst_sip_via_parse_view (&sc, &view, NULL) && !_gst_sip_scanner_eof (&sc))
    g_string_append_len (value, sc.p, sc.end - sc.p); /* ", other vias" */

  if (h->flags & HEADER_OWNS_VALUE)
    g_free ((gchar *) h->value);
  h->value_len = value->len;
  h->value = g_string_free (value, FALSE);
  h->flags |= HEADER_OWNS_VALUE;
}

/* ---------------------------------------------------------------------- */
/* From, To and other addresses */

static GstSipAddress *
get_single_address (const GstSipMessage *msg, GstSipHeaderId id)
{
  const GstSipHeader *h = find_header (msg, id);
  GstSipAddressView view;
  GstSipScanner sc;

  if (!h)
    return NULL;

  _gst_sip_scanner_init (&sc, h->value, h->value_len);
  if (!_gst_sip_address_parse_view (&sc, FALSE, &view, NULL))
    return NULL;
  return _gst_sip_address_new_from_view (&view);
}

static void
set_address (
    GstSipMessage *msg, const gchar *name, const GstSipAddress *address)
{
  gchar *value = gst_sip_address_to_string (address);

  gst_sip_message_set_header (msg, name, value);
  g_free (value);
}

static const gchar *
get_tag (const GstSipMessage *msg, GstSipHeaderId id, gchar **cache)
{
  const GstSipHeader *h;
  GstSipAddressView view;
  GstSipScanner sc;
  gchar *tag;

  if (g_atomic_pointer_get (cache))
    return *cache;

  h = find_header (msg, id);
  if (!h)
    return NULL;
  _gst_sip_scanner_init (&sc, h->value, h->value_len);
  if (!_gst_sip_address_parse_view (&sc, FALSE, &view, NULL) || !view.tag.ptr)
    return NULL;

  tag = _gst_sip_slice_dup (&view.tag);
  if (!g_atomic_pointer_compare_and_exchange (cache, NULL, tag))
    g_free (tag);
  return *cache;
}

/**
 * gst_sip_message_get_from:
 * @msg: a #GstSipMessage
 *
 * Returns: (transfer full) (nullable): the From address
 *
 * Since: 0.1
 */
GstSipAddress *
gst_sip_message_get_from (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return get_single_address (msg, GST_SIP_HDR_FROM);
}

/**
 * gst_sip_message_set_from:
 * @msg: a #GstSipMessage
 * @from: the From address
 *
 * Since: 0.1
 */
void
gst_sip_message_set_from (GstSipMessage *msg, const GstSipAddress *from)
{
  g_return_if_fail (msg != NULL);
  g_return_if_fail (from != NULL && !gst_sip_address_is_wildcard (from));

  set_address (msg, "From", from);
}

/**
 * gst_sip_message_get_from_tag:
 * @msg: a #GstSipMessage
 *
 * Returns: (nullable): the tag of the From header
 *
 * Since: 0.1
 */
const gchar *
gst_sip_message_get_from_tag (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return get_tag (msg, GST_SIP_HDR_FROM, &((GstSipMessage *) msg)->from_tag);
}

/**
 * gst_sip_message_get_to:
 * @msg: a #GstSipMessage
 *
 * Returns: (transfer full) (nullable): the To address
 *
 * Since: 0.1
 */
GstSipAddress *
gst_sip_message_get_to (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return get_single_address (msg, GST_SIP_HDR_TO);
}

/**
 * gst_sip_message_set_to:
 * @msg: a #GstSipMessage
 * @to: the To address
 *
 * Since: 0.1
 */
void
gst_sip_message_set_to (GstSipMessage *msg, const GstSipAddress *to)
{
  g_return_if_fail (msg != NULL);
  g_return_if_fail (to != NULL && !gst_sip_address_is_wildcard (to));

  set_address (msg, "To", to);
}

/**
 * gst_sip_message_get_to_tag:
 * @msg: a #GstSipMessage
 *
 * Returns: (nullable): the tag of the To header
 *
 * Since: 0.1
 */
const gchar *
gst_sip_message_get_to_tag (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return get_tag (msg, GST_SIP_HDR_TO, &((GstSipMessage *) msg)->to_tag);
}

/**
 * gst_sip_message_set_to_tag:
 * @msg: a #GstSipMessage with a To header
 * @tag: the tag
 *
 * Sets the tag parameter of the To header, as a UAS does in its responses.
 *
 * Since: 0.1
 */
void
gst_sip_message_set_to_tag (GstSipMessage *msg, const gchar *tag)
{
  const GstSipHeader *h;
  GstSipAddress *to;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (tag != NULL);

  /* the common case, a To without a tag (a response of a UAS): append the
   * parameter to the text as it is, without parsing and rewriting the
   * address; not for a value with an escaped NUL, which only the address
   * writer carries over */
  h = find_header (msg, GST_SIP_HDR_TO);
  if (h && !gst_sip_message_get_to_tag (msg) && name_is_valid (tag) &&
      !memchr (h->value, '\0', h->value_len)) {
    GstSipAddressView view;
    GstSipScanner sc;

    _gst_sip_scanner_init (&sc, h->value, h->value_len);
    if (_gst_sip_address_parse_view (&sc, FALSE, &view, NULL) &&
        (_gst_sip_scanner_skip_ws (&sc), _gst_sip_scanner_eof (&sc))) {
      gchar *value =
          g_strdup_printf ("%.*s;tag=%s", (gint) h->value_len, h->value, tag);

      gst_sip_message_set_header (msg, "To", value);
      g_free (value);
      return;
    }
  }

  to = gst_sip_message_get_to (msg);
  g_return_if_fail (to != NULL);
  gst_sip_address_set_tag (to, tag);
  set_address (msg, "To", to);
  gst_sip_address_free (to);
}

typedef struct
{
  GList *list;
  gboolean wildcard_ok;
} AddressCollect;

static gboolean
collect_address (const GstSipSlice *element, gpointer user_data)
{
  AddressCollect *c = user_data;
  GstSipAddressView view;
  GstSipScanner sc;

  _gst_sip_scanner_init (&sc, element->ptr, element->len);
  if (_gst_sip_address_parse_view (&sc, c->wildcard_ok, &view, NULL))
    c->list = g_list_prepend (c->list, _gst_sip_address_new_from_view (&view));
  else
    GST_DEBUG ("skipping a malformed address: %.*s", (gint) element->len,
        element->ptr);
  return TRUE;
}

/**
 * gst_sip_message_get_addresses:
 * @msg: a #GstSipMessage
 * @name: the name of an address header: `Contact`, `Route`,
 *   `Record-Route`, `Path`, `P-Asserted-Identity`, ...
 *
 * Returns: (transfer full) (element-type GstSipAddress): the addresses of
 *   every header line with that name, in order; comma-separated values are
 *   split
 *
 * Since: 0.1
 */
GList *
gst_sip_message_get_addresses (const GstSipMessage *msg, const gchar *name)
{
  AddressCollect c = { NULL, FALSE };
  gsize len;

  g_return_val_if_fail (msg != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  c.wildcard_ok = lookup_name (name, &len) == GST_SIP_HDR_CONTACT;
  foreach_list_element (msg, name, collect_address, &c);
  return g_list_reverse (c.list);
}

/**
 * gst_sip_message_append_address:
 * @msg: a #GstSipMessage
 * @name: the name of an address header
 * @address: the address
 *
 * Appends a header line with @address as its value.
 *
 * Since: 0.1
 */
void
gst_sip_message_append_address (
    GstSipMessage *msg, const gchar *name, const GstSipAddress *address)
{
  gchar *value;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (address != NULL);

  value = gst_sip_address_to_string (address);
  gst_sip_message_append_header (msg, name, value);
  g_free (value);
}

/* ---------------------------------------------------------------------- */
/* Call-ID, CSeq, Max-Forwards, Expires and friends */

/**
 * gst_sip_message_get_call_id:
 * @msg: a #GstSipMessage
 *
 * Returns: (nullable): the Call-ID
 *
 * Since: 0.1
 */
const gchar *
gst_sip_message_get_call_id (const GstSipMessage *msg)
{
  const GstSipHeader *h;

  g_return_val_if_fail (msg != NULL, NULL);

  h = find_header (msg, GST_SIP_HDR_CALL_ID);
  return h ? h->value : NULL;
}

/**
 * gst_sip_message_set_call_id:
 * @msg: a #GstSipMessage
 * @call_id: the Call-ID (`word [ "@" word ]`)
 *
 * Since: 0.1
 */
void
gst_sip_message_set_call_id (GstSipMessage *msg, const gchar *call_id)
{
  g_return_if_fail (msg != NULL);
  g_return_if_fail (
      call_id != NULL && call_id_is_valid (call_id, strlen (call_id)));

  gst_sip_message_set_header (msg, "Call-ID", call_id);
}

/**
 * gst_sip_message_get_cseq:
 * @msg: a #GstSipMessage
 * @seq: (out) (optional): the sequence number
 * @method: (out) (optional): the method
 *
 * Returns: %TRUE if @msg has a valid CSeq header
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_get_cseq (
    const GstSipMessage *msg, guint32 *seq, GstSipMethod *method)
{
  const GstSipHeader *h;
  GstSipSlice m;
  guint32 s;

  g_return_val_if_fail (msg != NULL, FALSE);

  h = find_header (msg, GST_SIP_HDR_CSEQ);
  if (!h || !parse_cseq (h->value, h->value_len, &s, &m))
    return FALSE;
  if (seq)
    *seq = s;
  if (method)
    *method = gst_sip_method_from_string (m.ptr);
  return TRUE;
}

/**
 * gst_sip_message_get_cseq_method_name:
 * @msg: a #GstSipMessage
 *
 * Returns: (nullable): the method of the CSeq header
 *
 * Since: 0.1
 */
const gchar *
gst_sip_message_get_cseq_method_name (const GstSipMessage *msg)
{
  const GstSipHeader *h;
  GstSipSlice m;
  guint32 s;

  g_return_val_if_fail (msg != NULL, NULL);

  h = find_header (msg, GST_SIP_HDR_CSEQ);
  if (!h || !parse_cseq (h->value, h->value_len, &s, &m))
    return NULL;
  /* the method ends the trimmed value, so it is NUL-terminated */
  return m.ptr;
}

/**
 * gst_sip_message_set_cseq:
 * @msg: a #GstSipMessage
 * @seq: the sequence number
 * @method: the method
 *
 * Since: 0.1
 */
void
gst_sip_message_set_cseq (GstSipMessage *msg, guint32 seq, const gchar *method)
{
  gchar *value;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (method != NULL && name_is_valid (method));

  value = g_strdup_printf ("%u %s", seq, method);
  gst_sip_message_set_header (msg, "CSeq", value);
  g_free (value);
}

static gboolean
get_uint_header (
    const GstSipMessage *msg, GstSipHeaderId id, guint64 max, guint64 *value)
{
  const GstSipHeader *h = find_header (msg, id);

  return h && parse_uint_value (h->value, h->value_len, max, value);
}

/**
 * gst_sip_message_get_max_forwards:
 * @msg: a #GstSipMessage
 *
 * Returns: the Max-Forwards value, or -1 when there is none
 *
 * Since: 0.1
 */
gint
gst_sip_message_get_max_forwards (const GstSipMessage *msg)
{
  guint64 v;

  g_return_val_if_fail (msg != NULL, -1);

  return get_uint_header (msg, GST_SIP_HDR_MAX_FORWARDS, 255, &v) ? (gint) v
                                                                  : -1;
}

/**
 * gst_sip_message_set_max_forwards:
 * @msg: a request
 * @max_forwards: a value from 0 to 255
 *
 * Since: 0.1
 */
void
gst_sip_message_set_max_forwards (GstSipMessage *msg, guint max_forwards)
{
  gchar value[4];

  g_return_if_fail (msg != NULL);
  g_return_if_fail (max_forwards <= 255);

  g_snprintf (value, sizeof (value), "%u", max_forwards);
  gst_sip_message_set_header (msg, "Max-Forwards", value);
}

/**
 * gst_sip_message_get_expires:
 * @msg: a #GstSipMessage
 * @expires: (out) (optional): the value of the Expires header, in seconds
 *
 * Returns: %TRUE if @msg has a valid Expires header
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_get_expires (const GstSipMessage *msg, guint32 *expires)
{
  guint64 v;

  g_return_val_if_fail (msg != NULL, FALSE);

  if (!get_uint_header (msg, GST_SIP_HDR_EXPIRES, G_MAXUINT32, &v))
    return FALSE;
  if (expires)
    *expires = v;
  return TRUE;
}

/**
 * gst_sip_message_set_expires:
 * @msg: a #GstSipMessage
 * @expires: the value in seconds
 *
 * Since: 0.1
 */
void
gst_sip_message_set_expires (GstSipMessage *msg, guint32 expires)
{
  gchar value[12];

  g_return_if_fail (msg != NULL);

  g_snprintf (value, sizeof (value), "%u", expires);
  gst_sip_message_set_header (msg, "Expires", value);
}

/**
 * gst_sip_message_get_min_expires:
 * @msg: a #GstSipMessage
 * @min_expires: (out) (optional): the value of the Min-Expires header
 *
 * Returns: %TRUE if @msg has a valid Min-Expires header (in a 423)
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_get_min_expires (const GstSipMessage *msg, guint32 *min_expires)
{
  guint64 v;

  g_return_val_if_fail (msg != NULL, FALSE);

  if (!get_uint_header (msg, GST_SIP_HDR_MIN_EXPIRES, G_MAXUINT32, &v))
    return FALSE;
  if (min_expires)
    *min_expires = v;
  return TRUE;
}

/* a "token-or-number *(;params)" header value: the leading value and the
 * parameters as a list */
static gboolean
parse_valued_params (const GstSipMessage *msg, GstSipHeaderId id,
    guint16 value_class, GstSipSlice *value, GstSipParams *params)
{
  const GstSipHeader *h = find_header (msg, id);
  GstSipScanner sc;
  GstSipSlice raw;

  if (!h)
    return FALSE;

  _gst_sip_scanner_init (&sc, h->value, h->value_len);
  *value = _gst_sip_scanner_read_class (&sc, value_class);
  if (value->len == 0)
    return FALSE;
  _gst_sip_scanner_skip_ws (&sc);
  /* Retry-After may carry a comment before its parameters */
  if (_gst_sip_scanner_peek (&sc) == '(') {
    const gchar *close = memchr (sc.p, ')', sc.end - sc.p);

    if (!close)
      return FALSE;
    sc.p = close + 1;
  }
  if (!_gst_sip_scanner_read_generic_params (&sc, &raw) ||
      !_gst_sip_scanner_eof (&sc))
    return FALSE;
  if (params)
    _gst_sip_generic_params_to_list (&raw, params);
  return TRUE;
}

static gboolean
parse_delta_params (const GstSipMessage *msg, GstSipHeaderId id, guint32 *delta,
    GstSipParams *params)
{
  GstSipSlice value;
  guint64 v;

  if (!parse_valued_params (msg, id, GST_SIP_CHAR_DIGIT, &value, params))
    return FALSE;
  if (!_gst_sip_slice_to_uint (&value, G_MAXUINT32, &v)) {
    if (params)
      _gst_sip_params_clear (params);
    return FALSE;
  }
  if (delta)
    *delta = v;
  return TRUE;
}

/**
 * gst_sip_message_get_retry_after:
 * @msg: a #GstSipMessage
 * @seconds: (out) (optional): the delay in seconds
 *
 * Returns: %TRUE if @msg has a valid Retry-After header
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_get_retry_after (const GstSipMessage *msg, guint32 *seconds)
{
  g_return_val_if_fail (msg != NULL, FALSE);
  return parse_delta_params (msg, GST_SIP_HDR_RETRY_AFTER, seconds, NULL);
}

/**
 * gst_sip_message_get_session_expires:
 * @msg: a #GstSipMessage
 * @delta: (out) (optional): the session interval in seconds
 * @refresher: (out) (optional) (nullable) (transfer full): the refresher
 *   parameter (`uac` or `uas`), or %NULL
 *
 * Returns: %TRUE if @msg has a valid Session-Expires header (RFC 4028)
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_get_session_expires (
    const GstSipMessage *msg, guint32 *delta, gchar **refresher)
{
  GstSipParams params = { NULL, 0, 0 };
  const GstSipParam *param;

  g_return_val_if_fail (msg != NULL, FALSE);

  if (!parse_delta_params (msg, GST_SIP_HDR_SESSION_EXPIRES, delta, &params))
    return FALSE;
  if (refresher) {
    param = _gst_sip_params_find (&params, "refresher");
    *refresher =
        param ? g_ascii_strdown (param->value ? param->value : "", -1) : NULL;
  }
  _gst_sip_params_clear (&params);
  return TRUE;
}

/**
 * gst_sip_message_get_min_se:
 * @msg: a #GstSipMessage
 * @delta: (out) (optional): the minimum session interval in seconds
 *
 * Returns: %TRUE if @msg has a valid Min-SE header (RFC 4028)
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_get_min_se (const GstSipMessage *msg, guint32 *delta)
{
  g_return_val_if_fail (msg != NULL, FALSE);
  return parse_delta_params (msg, GST_SIP_HDR_MIN_SE, delta, NULL);
}

/**
 * gst_sip_message_get_event:
 * @msg: a #GstSipMessage
 * @id: (out) (optional) (nullable) (transfer full): the id parameter
 *
 * Returns: (transfer full) (nullable): the event package of the Event
 *   header (RFC 6665), such as `refer` or `presence`
 *
 * Since: 0.1
 */
gchar *
gst_sip_message_get_event (const GstSipMessage *msg, gchar **id)
{
  GstSipParams params = { NULL, 0, 0 };
  GstSipSlice value;
  const GstSipParam *param;
  gchar *package;

  g_return_val_if_fail (msg != NULL, NULL);

  if (!parse_valued_params (
          msg, GST_SIP_HDR_EVENT, GST_SIP_CHAR_TOKEN, &value, &params))
    return NULL;
  package = _gst_sip_slice_dup (&value);
  if (id) {
    param = _gst_sip_params_find (&params, "id");
    *id = param ? g_strdup (param->value) : NULL;
  }
  _gst_sip_params_clear (&params);
  return package;
}

/**
 * gst_sip_message_get_subscription_state:
 * @msg: a #GstSipMessage
 * @reason: (out) (optional) (nullable) (transfer full): the reason
 *   parameter
 * @expires: (out) (optional): the expires parameter, or -1
 *
 * Returns: (transfer full) (nullable): the state of the Subscription-State
 *   header (`active`, `pending`, `terminated` or an extension)
 *
 * Since: 0.1
 */
gchar *
gst_sip_message_get_subscription_state (
    const GstSipMessage *msg, gchar **reason, gint *expires)
{
  GstSipParams params = { NULL, 0, 0 };
  GstSipSlice value;
  const GstSipParam *param;
  gchar *state;
  guint64 v;

  g_return_val_if_fail (msg != NULL, NULL);

  if (!parse_valued_params (msg, GST_SIP_HDR_SUBSCRIPTION_STATE,
          GST_SIP_CHAR_TOKEN, &value, &params))
    return NULL;
  state = g_ascii_strdown (value.ptr, value.len);
  if (reason) {
    param = _gst_sip_params_find (&params, "reason");
    *reason = param ? g_strdup (param->value) : NULL;
  }
  if (expires) {
    param = _gst_sip_params_find (&params, "expires");
    *expires = param && param->value &&
            g_ascii_string_to_unsigned (param->value, 10, 0, G_MAXINT, &v, NULL)
        ? (gint) v
        : -1;
  }
  _gst_sip_params_clear (&params);
  return state;
}

/**
 * gst_sip_message_get_auth_headers:
 * @msg: a #GstSipMessage
 * @name: `WWW-Authenticate`, `Proxy-Authenticate`, `Authorization` or
 *   `Proxy-Authorization`
 *
 * Returns: (transfer full) (element-type GstSipAuthHeader): the challenges
 *   or credentials of every header line with that name, in order; malformed
 *   values are skipped
 *
 * Since: 0.1
 */
GList *
gst_sip_message_get_auth_headers (const GstSipMessage *msg, const gchar *name)
{
  GList *list = NULL;
  GstSipHeaderId id;
  gsize len;
  guint i;

  g_return_val_if_fail (msg != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  id = lookup_name (name, &len);
  for (i = 0; i < msg->n_headers; i++) {
    GstSipAuthHeader *auth;

    if (!header_is (&msg->headers[i], id, name, len))
      continue;
    auth = gst_sip_auth_header_new_from_string (msg->headers[i].value, NULL);
    if (auth)
      list = g_list_prepend (list, auth);
  }
  return g_list_reverse (list);
}

/* ---------------------------------------------------------------------- */
/* body */

/**
 * gst_sip_message_get_content_type:
 * @msg: a #GstSipMessage
 *
 * Returns: (nullable): the Content-Type value, parameters included
 *
 * Since: 0.1
 */
const gchar *
gst_sip_message_get_content_type (const GstSipMessage *msg)
{
  const GstSipHeader *h;

  g_return_val_if_fail (msg != NULL, NULL);

  h = find_header (msg, GST_SIP_HDR_CONTENT_TYPE);
  return h ? h->value : NULL;
}

/**
 * gst_sip_message_has_content_type:
 * @msg: a #GstSipMessage
 * @media_type: a media type such as `application/sdp`
 *
 * Returns: %TRUE if the Content-Type of @msg is @media_type, compared
 *   case-insensitively and ignoring parameters
 *
 * Since: 0.1
 */
gboolean
gst_sip_message_has_content_type (
    const GstSipMessage *msg, const gchar *media_type)
{
  const gchar *ct;
  gsize len;

  g_return_val_if_fail (msg != NULL, FALSE);
  g_return_val_if_fail (media_type != NULL, FALSE);

  ct = gst_sip_message_get_content_type (msg);
  if (!ct)
    return FALSE;
  len = strcspn (ct, "; \t");
  return len == strlen (media_type) &&
      g_ascii_strncasecmp (ct, media_type, len) == 0;
}

/**
 * gst_sip_message_get_body:
 * @msg: a #GstSipMessage
 *
 * Returns: (transfer full) (nullable): the body, or %NULL when it is empty
 *
 * Since: 0.1
 */
GBytes *
gst_sip_message_get_body (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);

  if (msg->body_bytes)
    return g_bytes_get_size (msg->body_bytes) ? g_bytes_ref (msg->body_bytes)
                                              : NULL;
  return msg->body_len ? g_bytes_new (msg->body, msg->body_len) : NULL;
}

gsize
_gst_sip_message_get_body_size (const GstSipMessage *msg)
{
  return msg->body_bytes ? g_bytes_get_size (msg->body_bytes) : msg->body_len;
}

/**
 * gst_sip_message_set_body:
 * @msg: a #GstSipMessage
 * @content_type: (nullable): the media type of @body, or %NULL to remove
 *   Content-Type
 * @body: (nullable): the body, or %NULL for none
 *
 * Sets the body and the Content-Type and Content-Length headers.
 *
 * Since: 0.1
 */
void
gst_sip_message_set_body (
    GstSipMessage *msg, const gchar *content_type, GBytes *body)
{
  gchar len[24];

  g_return_if_fail (msg != NULL);
  g_return_if_fail (content_type == NULL ||
      media_type_is_valid (content_type, strlen (content_type)));

  if (msg->body_bytes)
    g_bytes_unref (msg->body_bytes);
  msg->body_bytes = body ? g_bytes_ref (body) : g_bytes_new (NULL, 0);

  if (content_type)
    gst_sip_message_set_header (msg, "Content-Type", content_type);
  else
    gst_sip_message_remove_header (msg, "Content-Type");
  g_snprintf (len, sizeof (len), "%" G_GSIZE_FORMAT,
      g_bytes_get_size (msg->body_bytes));
  gst_sip_message_set_header (msg, "Content-Length", len);
}

/* ---------------------------------------------------------------------- */
/* origin */

void
_gst_sip_message_set_origin (GstSipMessage *msg,
    GstSipTransportProtocol protocol, GObject *transport, GObject *connection,
    GSocketAddress *remote, GSocketAddress *local)
{
  msg->protocol = protocol;
  g_set_object (&msg->transport, transport);
  g_set_object (&msg->connection, connection);
  g_set_object (&msg->remote, remote);
  g_set_object (&msg->local, local);
}

GObject *
_gst_sip_message_get_transport (const GstSipMessage *msg)
{
  return msg->transport;
}

GObject *
_gst_sip_message_get_connection (const GstSipMessage *msg)
{
  return msg->connection;
}

void
_gst_sip_message_set_arrival (GstSipMessage *msg, gint64 arrival)
{
  msg->arrival = arrival;
}

gint64
_gst_sip_message_get_arrival (const GstSipMessage *msg)
{
  return msg->arrival;
}

/**
 * gst_sip_message_get_transport_protocol:
 * @msg: a #GstSipMessage
 *
 * Returns: the transport a received message arrived on
 *
 * Since: 0.1
 */
GstSipTransportProtocol
gst_sip_message_get_transport_protocol (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, GST_SIP_TRANSPORT_PROTOCOL_UDP);
  return msg->protocol;
}

/**
 * gst_sip_message_get_remote_address:
 * @msg: a #GstSipMessage
 *
 * Returns: (transfer none) (nullable): the address a received message came
 *   from
 *
 * Since: 0.1
 */
GSocketAddress *
gst_sip_message_get_remote_address (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return msg->remote;
}

/**
 * gst_sip_message_get_local_address:
 * @msg: a #GstSipMessage
 *
 * Returns: (transfer none) (nullable): the local address a received message
 *   arrived on
 *
 * Since: 0.1
 */
GSocketAddress *
gst_sip_message_get_local_address (const GstSipMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);
  return msg->local;
}
