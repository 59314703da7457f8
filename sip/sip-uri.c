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
 * SECTION:sip-uri
 * @title: GstSipUri
 * @short_description: SIP, SIPS and tel URIs
 *
 * #GstSipUri parses, builds, writes and compares the URIs found in
 * Request-Lines and in From, To, Contact, Route and similar headers.  `sip:`
 * and `sips:` URIs are parsed into their components (RFC 3261 section 19.1),
 * `tel:` URIs (RFC 3966) into the number and its parameters, and any other
 * scheme is kept as an absolute URI.
 *
 * gst_sip_uri_equal() implements the comparison rules of RFC 3261 section
 * 19.1.4.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-enums.h"
#include "sip-uri-private.h"
#include "sip-params-private.h"

struct _GstSipUri
{
  GstSipUriKind kind;
  gchar *scheme;
  gchar *user;
  gchar *password;
  gchar *host;
  guint port;
  GstSipParams params;
  GstSipParams headers;
  gchar *opaque;
};

G_DEFINE_BOXED_TYPE (
    GstSipUri, gst_sip_uri, gst_sip_uri_copy, gst_sip_uri_free);

#define TEL_CHARS "0123456789abcdefABCDEF*#+-.()"

static gboolean
uri_error (GError **error, const gchar *text, gsize len, const gchar *reason)
{
  gchar *copy, *escaped;

  if (!error)
    return FALSE;

  copy = g_strndup (text, MIN (len, 128));
  escaped = g_strescape (copy, NULL);
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
      _ ("Invalid URI “%s”: %s"), escaped, reason);
  g_free (escaped);
  g_free (copy);

  return FALSE;
}

static gboolean
bad_char_error (
    GError **error, const gchar *text, gsize len, const gchar *where, gchar c)
{
  gchar *reason;
  gboolean ret;

  if (!error)
    return FALSE;

  if (g_ascii_isprint (c))
    reason =
        g_strdup_printf (_ ("unexpected character ‘%c’ in the %s"), c, where);
  else
    reason = g_strdup_printf (
        _ ("unexpected byte 0x%02x in the %s"), (guint8) c, where);
  ret = uri_error (error, text, len, reason);
  g_free (reason);

  return ret;
}

/* ;name[=value] pairs (uri-parameters) */
static gboolean
scan_params (GstSipScanner *sc, const gchar *text, gsize len, GError **error)
{
  GstSipSlice seen[32];
  guint n_seen = 0, i;

  while (_gst_sip_scanner_peek (sc) == ';') {
    GstSipSlice name, value;

    sc->p++;
    if (!_gst_sip_scanner_read_escaped (sc, GST_SIP_CHAR_PARAM, &name))
      return uri_error (error, text, len, _ ("invalid escape in a parameter"));
    if (name.len == 0)
      return uri_error (error, text, len, _ ("empty parameter name"));
    if (_gst_sip_scanner_peek (sc) == '=') {
      sc->p++;
      if (!_gst_sip_scanner_read_escaped (sc, GST_SIP_CHAR_PARAM, &value))
        return uri_error (
            error, text, len, _ ("invalid escape in a parameter"));
      if (value.len == 0)
        return uri_error (error, text, len, _ ("empty parameter value"));
    }

    /* RFC 3261 19.1.1: a parameter name appears at most once */
    for (i = 0; i < n_seen; i++) {
      if (_gst_sip_escaped_equal_ci (&seen[i], &name))
        return uri_error (error, text, len, _ ("repeated parameter"));
    }
    if (n_seen == G_N_ELEMENTS (seen))
      return uri_error (error, text, len, _ ("too many parameters"));
    seen[n_seen++] = name;
  }
  return TRUE;
}

/* hname=hvalue pairs separated by '&' */
static gboolean
scan_headers (GstSipScanner *sc, const gchar *text, gsize len, GError **error)
{
  while (TRUE) {
    GstSipSlice name, value;

    if (!_gst_sip_scanner_read_escaped (sc, GST_SIP_CHAR_HNV, &name) ||
        name.len == 0 || _gst_sip_scanner_peek (sc) != '=')
      return uri_error (error, text, len, _ ("malformed URI header"));
    sc->p++;
    if (!_gst_sip_scanner_read_escaped (sc, GST_SIP_CHAR_HNV, &value))
      return uri_error (error, text, len, _ ("malformed URI header"));
    if (_gst_sip_scanner_peek (sc) != '&')
      return TRUE;
    sc->p++;
  }
}

static gboolean
parse_sip_view (const gchar *text, gsize len, GstSipScanner *sc,
    GstSipUriView *view, GError **error)
{
  const gchar *at = memchr (sc->p, '@', sc->end - sc->p);
  const gchar *params_start;
  GstSipSlice host;

  if (at) {
    GstSipScanner ui;

    _gst_sip_scanner_init (&ui, sc->p, at - sc->p);
    if (!_gst_sip_scanner_read_escaped (&ui, GST_SIP_CHAR_USER, &view->user))
      return uri_error (error, text, len, _ ("invalid escape in the user"));
    if (view->user.len == 0)
      return uri_error (error, text, len, _ ("empty user"));
    if (_gst_sip_scanner_peek (&ui) == ':') {
      ui.p++;
      if (!_gst_sip_scanner_read_escaped (
              &ui, GST_SIP_CHAR_PASSWORD, &view->password))
        return uri_error (
            error, text, len, _ ("invalid escape in the password"));
    }
    if (!_gst_sip_scanner_eof (&ui))
      return bad_char_error (error, text, len, _ ("user part"), *ui.p);
    sc->p = at + 1;
  }

  if (_gst_sip_scanner_peek (sc) == '[') {
    const gchar *close = memchr (sc->p, ']', sc->end - sc->p);

    if (!close)
      return uri_error (error, text, len, _ ("unterminated IPv6 reference"));
    host = _gst_sip_slice (sc->p, close + 1 - sc->p);
    sc->p = close + 1;
  } else {
    host = _gst_sip_scanner_read_class (sc, GST_SIP_CHAR_HOST);
  }
  if (host.len == 0) {
    if (!_gst_sip_scanner_eof (sc))
      return bad_char_error (error, text, len, _ ("host"), *sc->p);
    return uri_error (error, text, len, _ ("missing host"));
  }
  if (!_gst_sip_host_is_valid (&host))
    return uri_error (error, text, len, _ ("invalid host"));
  if (host.ptr[0] == '[')
    view->host = _gst_sip_slice (host.ptr + 1, host.len - 2);
  else
    view->host = host;

  if (_gst_sip_scanner_peek (sc) == ':') {
    GstSipSlice port;
    guint64 value;

    sc->p++;
    port = _gst_sip_scanner_read_class (sc, GST_SIP_CHAR_DIGIT);
    if (!_gst_sip_slice_to_uint (&port, 65535, &value) || value == 0)
      return uri_error (error, text, len, _ ("invalid port"));
    view->port = value;
  }

  params_start = sc->p;
  if (!scan_params (sc, text, len, error))
    return FALSE;
  view->params = _gst_sip_slice (params_start, sc->p - params_start);

  if (_gst_sip_scanner_peek (sc) == '?') {
    const gchar *headers_start = ++sc->p;

    if (!scan_headers (sc, text, len, error))
      return FALSE;
    view->headers = _gst_sip_slice (headers_start, sc->p - headers_start);
  }

  if (!_gst_sip_scanner_eof (sc))
    return bad_char_error (error, text, len, _ ("URI"), *sc->p);

  return TRUE;
}

static gboolean
parse_tel_view (const gchar *text, gsize len, GstSipScanner *sc,
    GstSipUriView *view, GError **error)
{
  const gchar *start = sc->p, *params_start;

  while (sc->p < sc->end && strchr (TEL_CHARS, *sc->p) && *sc->p)
    sc->p++;
  view->user = _gst_sip_slice (start, sc->p - start);
  if (view->user.len == 0)
    return uri_error (error, text, len, _ ("missing telephone number"));

  params_start = sc->p;
  if (!scan_params (sc, text, len, error))
    return FALSE;
  view->params = _gst_sip_slice (params_start, sc->p - params_start);

  if (!_gst_sip_scanner_eof (sc))
    return bad_char_error (error, text, len, _ ("telephone number"), *sc->p);

  return TRUE;
}

gboolean
_gst_sip_uri_parse_view (
    const gchar *text, gsize len, GstSipUriView *view, GError **error)
{
  GstSipScanner sc;

  memset (view, 0, sizeof (*view));
  _gst_sip_scanner_init (&sc, text, len);

  view->scheme = _gst_sip_scanner_read_class (&sc, GST_SIP_CHAR_SCHEME);
  if (view->scheme.len == 0 || !g_ascii_isalpha (view->scheme.ptr[0]) ||
      _gst_sip_scanner_peek (&sc) != ':')
    return uri_error (error, text, len, _ ("missing scheme"));
  sc.p++;

  if (_gst_sip_slice_equal_ci (&view->scheme, "sip")) {
    view->kind = GST_SIP_URI_KIND_SIP;
    return parse_sip_view (text, len, &sc, view, error);
  } else if (_gst_sip_slice_equal_ci (&view->scheme, "sips")) {
    view->kind = GST_SIP_URI_KIND_SIPS;
    return parse_sip_view (text, len, &sc, view, error);
  } else if (_gst_sip_slice_equal_ci (&view->scheme, "tel")) {
    view->kind = GST_SIP_URI_KIND_TEL;
    return parse_tel_view (text, len, &sc, view, error);
  }

  view->kind = GST_SIP_URI_KIND_OTHER;
  if (!_gst_sip_scanner_read_escaped (&sc, GST_SIP_CHAR_URIC, &view->opaque))
    return uri_error (error, text, len, _ ("invalid escape"));
  if (!_gst_sip_scanner_eof (&sc))
    return bad_char_error (error, text, len, _ ("URI"), *sc.p);
  if (view->opaque.len == 0)
    return uri_error (error, text, len, _ ("empty URI"));

  return TRUE;
}

/* builds the parameter list from a validated ";a=b;c" or "a=b&c=d" range */
static void
params_from_slice (
    GstSipParams *params, const GstSipSlice *raw, gboolean uri_headers)
{
  guint16 cls = uri_headers ? GST_SIP_CHAR_HNV : GST_SIP_CHAR_PARAM;
  GstSipScanner sc;

  if (!raw->ptr || raw->len == 0)
    return;

  _gst_sip_scanner_init (&sc, raw->ptr, raw->len);
  if (!uri_headers)
    sc.p++; /* the leading ';' */

  while (TRUE) {
    GstSipSlice name, value = GST_SIP_SLICE_INIT;

    _gst_sip_scanner_read_escaped (&sc, cls, &name);
    if (_gst_sip_scanner_peek (&sc) == '=') {
      sc.p++;
      _gst_sip_scanner_read_escaped (&sc, cls, &value);
    }
    _gst_sip_params_append_take (
        params, _gst_sip_unescape (&name), _gst_sip_unescape (&value), FALSE);

    if (_gst_sip_scanner_eof (&sc))
      break;
    sc.p++; /* ';' or '&' */
  }
}

GstSipUri *
_gst_sip_uri_new_from_view (const GstSipUriView *view)
{
  GstSipUri *uri = g_new0 (GstSipUri, 1);

  uri->kind = view->kind;
  uri->scheme = g_ascii_strdown (view->scheme.ptr, view->scheme.len);

  if (view->kind == GST_SIP_URI_KIND_OTHER) {
    uri->opaque = _gst_sip_slice_dup (&view->opaque);
    return uri;
  }

  uri->user = _gst_sip_unescape (&view->user);
  uri->password = _gst_sip_unescape (&view->password);
  uri->host = _gst_sip_slice_dup (&view->host);
  uri->port = view->port;
  params_from_slice (&uri->params, &view->params, FALSE);
  params_from_slice (&uri->headers, &view->headers, TRUE);

  return uri;
}

GstSipUriKind
_gst_sip_uri_get_kind (const GstSipUri *uri)
{
  return uri->kind;
}

/**
 * gst_sip_uri_new: (constructor)
 * @text: the URI as text, for example `sip:alice@example.com;transport=tcp`
 * @error: return location for a #GError, or %NULL
 *
 * Parses @text.  Schemes other than `sip`, `sips` and `tel` are accepted as
 * absolute URIs and kept as their opaque text.
 *
 * Returns: (transfer full) (nullable): the new #GstSipUri, or %NULL with
 *   @error set to %GST_SIP_ERROR_PARSE when @text is not a valid URI
 *
 * Since: 0.1
 */
GstSipUri *
gst_sip_uri_new (const gchar *text, GError **error)
{
  GstSipUriView view;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_gst_sip_uri_parse_view (text, strlen (text), &view, error))
    return NULL;

  return _gst_sip_uri_new_from_view (&view);
}

/**
 * gst_sip_uri_new_sip: (constructor)
 * @secure: %TRUE for a `sips:` URI
 * @user: (nullable): the user part, unescaped
 * @host: a host name, IPv4 address or IPv6 address (with or without
 *   brackets)
 * @port: the port, or 0 for none
 *
 * Builds a `sip:` or `sips:` URI from its parts.
 *
 * Returns: (transfer full) (nullable): the new #GstSipUri, or %NULL if @host
 *   is not a valid host
 *
 * Since: 0.1
 */
GstSipUri *
gst_sip_uri_new_sip (
    gboolean secure, const gchar *user, const gchar *host, guint port)
{
  GstSipUri *uri;

  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (port <= 65535, NULL);

  uri = g_new0 (GstSipUri, 1);
  uri->kind = secure ? GST_SIP_URI_KIND_SIPS : GST_SIP_URI_KIND_SIP;
  uri->scheme = g_strdup (secure ? "sips" : "sip");
  uri->user = g_strdup (user);
  uri->port = port;
  if (!gst_sip_uri_set_host (uri, host)) {
    gst_sip_uri_free (uri);
    return NULL;
  }

  return uri;
}

/**
 * gst_sip_uri_copy:
 * @uri: a #GstSipUri
 *
 * Returns: (transfer full): a copy of @uri
 *
 * Since: 0.1
 */
GstSipUri *
gst_sip_uri_copy (const GstSipUri *uri)
{
  GstSipUri *copy;

  g_return_val_if_fail (uri != NULL, NULL);

  copy = g_new0 (GstSipUri, 1);
  copy->kind = uri->kind;
  copy->scheme = g_strdup (uri->scheme);
  copy->user = g_strdup (uri->user);
  copy->password = g_strdup (uri->password);
  copy->host = g_strdup (uri->host);
  copy->port = uri->port;
  copy->opaque = g_strdup (uri->opaque);
  _gst_sip_params_copy (&copy->params, &uri->params);
  _gst_sip_params_copy (&copy->headers, &uri->headers);

  return copy;
}

/**
 * gst_sip_uri_free:
 * @uri: (transfer full): a #GstSipUri
 *
 * Frees @uri.
 *
 * Since: 0.1
 */
void
gst_sip_uri_free (GstSipUri *uri)
{
  if (!uri)
    return;

  g_free (uri->scheme);
  g_free (uri->user);
  g_free (uri->password);
  g_free (uri->host);
  g_free (uri->opaque);
  _gst_sip_params_clear (&uri->params);
  _gst_sip_params_clear (&uri->headers);
  g_free (uri);
}

void
_gst_sip_uri_append (const GstSipUri *uri, GString *out)
{
  g_string_append (out, uri->scheme);
  g_string_append_c (out, ':');

  switch (uri->kind) {
    case GST_SIP_URI_KIND_OTHER:
      g_string_append (out, uri->opaque);
      return;
    case GST_SIP_URI_KIND_TEL:
      g_string_append (out, uri->user);
      break;
    case GST_SIP_URI_KIND_SIP:
    case GST_SIP_URI_KIND_SIPS:
      if (uri->user) {
        _gst_sip_append_escaped (out, uri->user, GST_SIP_CHAR_USER);
        if (uri->password) {
          g_string_append_c (out, ':');
          _gst_sip_append_escaped (out, uri->password, GST_SIP_CHAR_PASSWORD);
        }
        g_string_append_c (out, '@');
      }
      if (strchr (uri->host, ':'))
        g_string_append_printf (out, "[%s]", uri->host);
      else
        g_string_append (out, uri->host);
      if (uri->port)
        g_string_append_printf (out, ":%u", uri->port);
      break;
  }

  _gst_sip_params_write (&uri->params, out, GST_SIP_PARAMS_STYLE_URI);
  _gst_sip_params_write (&uri->headers, out, GST_SIP_PARAMS_STYLE_URI_HEADERS);
}

/**
 * gst_sip_uri_to_string:
 * @uri: a #GstSipUri
 *
 * Writes @uri as text, escaping what the grammar requires.
 *
 * Returns: (transfer full): the URI as a string
 *
 * Since: 0.1
 */
gchar *
gst_sip_uri_to_string (const GstSipUri *uri)
{
  GString *out;

  g_return_val_if_fail (uri != NULL, NULL);

  out = g_string_sized_new (64);
  _gst_sip_uri_append (uri, out);

  return g_string_free (out, FALSE);
}

static gboolean
str_equal0_ci (const gchar *a, const gchar *b)
{
  if (!a || !b)
    return a == b;
  return g_ascii_strcasecmp (a, b) == 0;
}

/* RFC 3261 19.1.4: user, ttl, method, maddr and transport must match when
 * either URI has them; other parameters must match only when both do */
static gboolean
sip_params_equal (const GstSipParams *a, const GstSipParams *b)
{
  static const gchar *const required[] = { "user", "ttl", "method", "maddr",
    "transport" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (required); i++) {
    const GstSipParam *pa = _gst_sip_params_find (a, required[i]);
    const GstSipParam *pb = _gst_sip_params_find (b, required[i]);

    if ((pa == NULL) != (pb == NULL))
      return FALSE;
  }

  for (i = 0; i < a->len; i++) {
    const GstSipParam *pb = _gst_sip_params_find (b, a->items[i].name);

    if (pb && !str_equal0_ci (a->items[i].value, pb->value))
      return FALSE;
  }

  return TRUE;
}

/* header components are never ignored */
static gboolean
uri_headers_equal (const GstSipParams *a, const GstSipParams *b)
{
  gboolean *used;
  gboolean equal = TRUE;
  guint i, j;

  if (a->len != b->len)
    return FALSE;

  /* URI headers may repeat (two Route headers): compare them as multisets,
   * names case-insensitively, values exactly */
  used = g_new0 (gboolean, b->len + 1);
  for (i = 0; i < a->len && equal; i++) {
    equal = FALSE;
    for (j = 0; j < b->len; j++) {
      if (!used[j] &&
          g_ascii_strcasecmp (a->items[i].name, b->items[j].name) == 0 &&
          g_strcmp0 (a->items[i].value, b->items[j].value) == 0) {
        used[j] = equal = TRUE;
        break;
      }
    }
  }
  g_free (used);

  return equal;
}

static gchar *
tel_number_normalize (const gchar *number)
{
  GString *out = g_string_new (NULL);

  for (; *number; number++) {
    if (!strchr ("-.()", *number))
      g_string_append_c (out, g_ascii_tolower (*number));
  }
  return g_string_free (out, FALSE);
}

/* RFC 3966 section 4: the same parameters, in any order */
static gboolean
tel_params_equal (const GstSipParams *a, const GstSipParams *b)
{
  guint i;

  if (a->len != b->len)
    return FALSE;

  for (i = 0; i < a->len; i++) {
    const GstSipParam *pb = _gst_sip_params_find (b, a->items[i].name);

    if (!pb || !str_equal0_ci (a->items[i].value, pb->value))
      return FALSE;
  }
  return TRUE;
}

/**
 * gst_sip_uri_equal:
 * @uri1: a #GstSipUri
 * @uri2: another #GstSipUri
 *
 * Compares two URIs with the rules of RFC 3261 section 19.1.4 for `sip:`
 * and `sips:` (user and password case-sensitively, host case-insensitively,
 * a missing port differs from an explicit default port, `user`, `ttl`,
 * `method`, `maddr` and `transport` must match when either URI has them,
 * other parameters only when both have them, URI headers always), of RFC
 * 3966 for `tel:` (visual separators ignored), and by exact text otherwise.
 *
 * Returns: %TRUE if @uri1 and @uri2 are equivalent
 *
 * Since: 0.1
 */
gboolean
gst_sip_uri_equal (const GstSipUri *uri1, const GstSipUri *uri2)
{
  g_return_val_if_fail (uri1 != NULL, FALSE);
  g_return_val_if_fail (uri2 != NULL, FALSE);

  if (uri1->kind != uri2->kind || strcmp (uri1->scheme, uri2->scheme) != 0)
    return FALSE;

  switch (uri1->kind) {
    case GST_SIP_URI_KIND_OTHER:
      return strcmp (uri1->opaque, uri2->opaque) == 0;
    case GST_SIP_URI_KIND_TEL: {
      gchar *n1 = tel_number_normalize (uri1->user);
      gchar *n2 = tel_number_normalize (uri2->user);
      gboolean equal = strcmp (n1, n2) == 0;

      g_free (n1);
      g_free (n2);
      return equal && tel_params_equal (&uri1->params, &uri2->params);
    }
    case GST_SIP_URI_KIND_SIP:
    case GST_SIP_URI_KIND_SIPS:
      break;
  }

  return g_strcmp0 (uri1->user, uri2->user) == 0 &&
      g_strcmp0 (uri1->password, uri2->password) == 0 &&
      g_ascii_strcasecmp (uri1->host, uri2->host) == 0 &&
      uri1->port == uri2->port &&
      sip_params_equal (&uri1->params, &uri2->params) &&
      sip_params_equal (&uri2->params, &uri1->params) &&
      uri_headers_equal (&uri1->headers, &uri2->headers);
}

/**
 * gst_sip_uri_get_scheme:
 * @uri: a #GstSipUri
 *
 * Returns: the scheme in lower case, such as `sip`, `sips` or `tel`
 *
 * Since: 0.1
 */
const gchar *
gst_sip_uri_get_scheme (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return uri->scheme;
}

/**
 * gst_sip_uri_is_sip:
 * @uri: a #GstSipUri
 *
 * Returns: %TRUE for `sip:` and `sips:` URIs
 *
 * Since: 0.1
 */
gboolean
gst_sip_uri_is_sip (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  return uri->kind == GST_SIP_URI_KIND_SIP ||
      uri->kind == GST_SIP_URI_KIND_SIPS;
}

/**
 * gst_sip_uri_is_secure:
 * @uri: a #GstSipUri
 *
 * Returns: %TRUE for `sips:` URIs
 *
 * Since: 0.1
 */
gboolean
gst_sip_uri_is_secure (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  return uri->kind == GST_SIP_URI_KIND_SIPS;
}

/**
 * gst_sip_uri_is_tel:
 * @uri: a #GstSipUri
 *
 * Returns: %TRUE for `tel:` URIs
 *
 * Since: 0.1
 */
gboolean
gst_sip_uri_is_tel (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  return uri->kind == GST_SIP_URI_KIND_TEL;
}

/**
 * gst_sip_uri_set_secure:
 * @uri: a `sip:` or `sips:` #GstSipUri
 * @secure: %TRUE for `sips:`
 *
 * Switches @uri between the `sip` and `sips` schemes.
 *
 * Since: 0.1
 */
void
gst_sip_uri_set_secure (GstSipUri *uri, gboolean secure)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (gst_sip_uri_is_sip (uri));

  uri->kind = secure ? GST_SIP_URI_KIND_SIPS : GST_SIP_URI_KIND_SIP;
  g_free (uri->scheme);
  uri->scheme = g_strdup (secure ? "sips" : "sip");
}

/**
 * gst_sip_uri_get_user:
 * @uri: a #GstSipUri
 *
 * Returns: (nullable): the unescaped user part of a `sip:` or `sips:` URI,
 *   or the number of a `tel:` URI
 *
 * Since: 0.1
 */
const gchar *
gst_sip_uri_get_user (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return uri->user;
}

/**
 * gst_sip_uri_set_user:
 * @uri: a `sip:` or `sips:` #GstSipUri
 * @user: (nullable): the new user part, unescaped
 *
 * Since: 0.1
 */
void
gst_sip_uri_set_user (GstSipUri *uri, const gchar *user)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (gst_sip_uri_is_sip (uri));

  g_free (uri->user);
  uri->user = g_strdup (user);
}

/**
 * gst_sip_uri_get_password:
 * @uri: a #GstSipUri
 *
 * Returns: (nullable): the password of the userinfo part.  Putting
 *   passwords in URIs is not recommended (RFC 3261 section 19.1.1).
 *
 * Since: 0.1
 */
const gchar *
gst_sip_uri_get_password (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return uri->password;
}

/**
 * gst_sip_uri_set_password:
 * @uri: a `sip:` or `sips:` #GstSipUri with a user part
 * @password: (nullable): the new password
 *
 * Since: 0.1
 */
void
gst_sip_uri_set_password (GstSipUri *uri, const gchar *password)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (gst_sip_uri_is_sip (uri));

  g_free (uri->password);
  uri->password = g_strdup (password);
}

/**
 * gst_sip_uri_get_host:
 * @uri: a #GstSipUri
 *
 * Returns: (nullable): the host of a `sip:` or `sips:` URI; IPv6 addresses
 *   are returned without brackets
 *
 * Since: 0.1
 */
const gchar *
gst_sip_uri_get_host (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return uri->host;
}

/**
 * gst_sip_uri_set_host:
 * @uri: a `sip:` or `sips:` #GstSipUri
 * @host: a host name, IPv4 address, or IPv6 address with or without
 *   brackets
 *
 * Returns: %TRUE if @host is valid and was set
 *
 * Since: 0.1
 */
gboolean
gst_sip_uri_set_host (GstSipUri *uri, const gchar *host)
{
  GstSipSlice s;
  gsize len;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (gst_sip_uri_is_sip (uri), FALSE);

  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']') {
    host++;
    len -= 2;
  }

  if (memchr (host, ':', len)) {
    gchar *bracketed = g_strdup_printf ("[%.*s]", (gint) len, host);
    gboolean valid;

    s = _gst_sip_slice (bracketed, len + 2);
    valid = _gst_sip_host_is_valid (&s);
    g_free (bracketed);
    if (!valid)
      return FALSE;
  } else {
    s = _gst_sip_slice (host, len);
    if (!_gst_sip_host_is_valid (&s))
      return FALSE;
  }

  g_free (uri->host);
  uri->host = g_strndup (host, len);

  return TRUE;
}

/**
 * gst_sip_uri_get_port:
 * @uri: a #GstSipUri
 *
 * Returns: the explicit port, or 0 when the URI has none
 *
 * Since: 0.1
 */
guint
gst_sip_uri_get_port (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, 0);
  return uri->port;
}

/**
 * gst_sip_uri_set_port:
 * @uri: a `sip:` or `sips:` #GstSipUri
 * @port: the port, or 0 to remove it
 *
 * Since: 0.1
 */
void
gst_sip_uri_set_port (GstSipUri *uri, guint port)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (port <= 65535);
  g_return_if_fail (gst_sip_uri_is_sip (uri));

  uri->port = port;
}

/**
 * gst_sip_uri_get_opaque:
 * @uri: a #GstSipUri
 *
 * Returns: (nullable): for a URI of a scheme other than `sip`, `sips` and
 *   `tel`, everything after the colon; %NULL otherwise
 *
 * Since: 0.1
 */
const gchar *
gst_sip_uri_get_opaque (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return uri->opaque;
}

/**
 * gst_sip_uri_has_param:
 * @uri: a #GstSipUri
 * @name: a parameter name, compared case-insensitively
 *
 * Returns: %TRUE if @uri has the parameter, with or without a value (like
 *   `lr`)
 *
 * Since: 0.1
 */
gboolean
gst_sip_uri_has_param (const GstSipUri *uri, const gchar *name)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _gst_sip_params_find (&uri->params, name) != NULL;
}

/**
 * gst_sip_uri_get_param:
 * @uri: a #GstSipUri
 * @name: a parameter name, compared case-insensitively
 *
 * Returns: (nullable): the unescaped value, or %NULL if @uri does not have
 *   the parameter or it has no value
 *
 * Since: 0.1
 */
const gchar *
gst_sip_uri_get_param (const GstSipUri *uri, const gchar *name)
{
  const GstSipParam *param;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  param = _gst_sip_params_find (&uri->params, name);
  return param ? param->value : NULL;
}

/**
 * gst_sip_uri_set_param:
 * @uri: a `sip:`, `sips:` or `tel:` #GstSipUri
 * @name: a parameter name
 * @value: (nullable): the unescaped value, or %NULL for a parameter without
 *   a value
 *
 * Adds a URI parameter or replaces the value of an existing one.
 *
 * Since: 0.1
 */
void
gst_sip_uri_set_param (GstSipUri *uri, const gchar *name, const gchar *value)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (uri->kind != GST_SIP_URI_KIND_OTHER);

  _gst_sip_params_set (&uri->params, name, value, FALSE);
}

/**
 * gst_sip_uri_remove_param:
 * @uri: a #GstSipUri
 * @name: a parameter name
 *
 * Returns: %TRUE if the parameter was there
 *
 * Since: 0.1
 */
gboolean
gst_sip_uri_remove_param (GstSipUri *uri, const gchar *name)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _gst_sip_params_remove (&uri->params, name);
}

/**
 * gst_sip_uri_get_param_names:
 * @uri: a #GstSipUri
 *
 * Returns: (transfer full) (array zero-terminated=1): the names of the URI
 *   parameters, in order
 *
 * Since: 0.1
 */
gchar **
gst_sip_uri_get_param_names (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return _gst_sip_params_get_names (&uri->params);
}

/**
 * gst_sip_uri_get_header:
 * @uri: a #GstSipUri
 * @name: a header name, compared case-insensitively
 *
 * Returns: (nullable): the unescaped value of a URI header (the
 *   `?name=value` part)
 *
 * Since: 0.1
 */
const gchar *
gst_sip_uri_get_header (const GstSipUri *uri, const gchar *name)
{
  const GstSipParam *param;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  param = _gst_sip_params_find (&uri->headers, name);
  return param ? (param->value ? param->value : "") : NULL;
}

/**
 * gst_sip_uri_set_header:
 * @uri: a `sip:` or `sips:` #GstSipUri
 * @name: a header name
 * @value: the unescaped value
 *
 * Adds a URI header or replaces the value of an existing one.
 *
 * Since: 0.1
 */
void
gst_sip_uri_set_header (GstSipUri *uri, const gchar *name, const gchar *value)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);
  g_return_if_fail (gst_sip_uri_is_sip (uri));

  _gst_sip_params_set (&uri->headers, name, value, FALSE);
}

/**
 * gst_sip_uri_remove_header:
 * @uri: a #GstSipUri
 * @name: a header name
 *
 * Returns: %TRUE if the URI header was there
 *
 * Since: 0.1
 */
gboolean
gst_sip_uri_remove_header (GstSipUri *uri, const gchar *name)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _gst_sip_params_remove (&uri->headers, name);
}

/**
 * gst_sip_uri_get_header_names:
 * @uri: a #GstSipUri
 *
 * Returns: (transfer full) (array zero-terminated=1): the names of the URI
 *   headers, in order
 *
 * Since: 0.1
 */
gchar **
gst_sip_uri_get_header_names (const GstSipUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return _gst_sip_params_get_names (&uri->headers);
}

const gchar *
_gst_sip_uri_get_transport_param (const GstSipUri *uri)
{
  return gst_sip_uri_get_param (uri, "transport");
}
