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
 * SECTION:sip-auth-header
 * @title: GstSipAuthHeader
 * @short_description: challenges and credentials
 *
 * #GstSipAuthHeader parses and writes the values of the WWW-Authenticate,
 * Proxy-Authenticate, Authorization and Proxy-Authorization headers:
 * `Digest realm="example.com", nonce="...", qop="auth"`.  Parameter values
 * are stored unquoted; whether a value is written as a quoted-string is
 * chosen per parameter when it is set, because digest authentication
 * requires some values quoted (`realm`, `nonce`, `response`) and others not
 * (`algorithm`, `nc`).
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-enums.h"
#include "sip-auth-header.h"
#include "sip-params-private.h"
#include "sip-scan-private.h"

struct _GstSipAuthHeader
{
  gchar *scheme;
  gchar *token68;
  GstSipParams params;
};

G_DEFINE_BOXED_TYPE (GstSipAuthHeader, gst_sip_auth_header,
    gst_sip_auth_header_copy, gst_sip_auth_header_free);

static gboolean
is_token68 (const gchar *p, const gchar *end)
{
  const gchar *start = p;

  while (p < end && (g_ascii_isalnum (*p) || strchr ("-._~+/", *p)))
    p++;
  if (p == start)
    return FALSE;
  while (p < end && *p == '=')
    p++;
  return p == end;
}

/**
 * gst_sip_auth_header_new: (constructor)
 * @scheme: the authentication scheme, such as `Digest`
 *
 * Returns: (transfer full): a new #GstSipAuthHeader without parameters
 *
 * Since: 0.1
 */
GstSipAuthHeader *
gst_sip_auth_header_new (const gchar *scheme)
{
  GstSipAuthHeader *header;

  g_return_val_if_fail (scheme != NULL && *scheme != '\0', NULL);

  header = g_new0 (GstSipAuthHeader, 1);
  header->scheme = g_strdup (scheme);
  return header;
}

/**
 * gst_sip_auth_header_new_from_string: (constructor)
 * @text: a challenge or credentials, such as `Digest realm="x", nonce="y"`
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the new #GstSipAuthHeader, or %NULL
 *   with @error set if @text is malformed
 *
 * Since: 0.1
 */
GstSipAuthHeader *
gst_sip_auth_header_new_from_string (const gchar *text, GError **error)
{
  GstSipAuthHeader *header = NULL;
  GstSipScanner sc;
  GstSipSlice scheme;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _gst_sip_scanner_init (&sc, text, strlen (text));
  _gst_sip_scanner_skip_ws (&sc);
  scheme = _gst_sip_scanner_read_class (&sc, GST_SIP_CHAR_TOKEN);
  if (scheme.len == 0)
    goto bad_scheme;

  header = g_new0 (GstSipAuthHeader, 1);
  header->scheme = _gst_sip_slice_dup (&scheme);
  _gst_sip_scanner_skip_ws (&sc);
  if (_gst_sip_scanner_eof (&sc))
    return header;

  if (is_token68 (sc.p, sc.end)) {
    header->token68 = g_strndup (sc.p, sc.end - sc.p);
    return header;
  }

  while (TRUE) {
    GstSipSlice name, value;
    gboolean quoted;

    if (!_gst_sip_scanner_read_generic_param (&sc, &name, &value, &quoted) ||
        !value.ptr)
      goto bad_param;
    _gst_sip_params_append_take (&header->params, _gst_sip_slice_dup (&name),
        quoted ? _gst_sip_unquote (&value) : _gst_sip_slice_dup (&value),
        quoted);

    _gst_sip_scanner_skip_ws (&sc);
    if (_gst_sip_scanner_eof (&sc))
      break;
    if (!_gst_sip_scanner_accept_sep (&sc, ','))
      goto bad_param;
  }

  return header;

  /* ERRORS */
bad_scheme : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
      _ ("Malformed authentication header: missing scheme"));
  return NULL;
}
bad_param : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
      _ ("Malformed authentication header: bad parameter at offset %u"),
      (guint) (sc.p - text));
  gst_sip_auth_header_free (header);
  return NULL;
}
}

/**
 * gst_sip_auth_header_copy:
 * @header: a #GstSipAuthHeader
 *
 * Returns: (transfer full): a copy of @header
 *
 * Since: 0.1
 */
GstSipAuthHeader *
gst_sip_auth_header_copy (const GstSipAuthHeader *header)
{
  GstSipAuthHeader *copy;

  g_return_val_if_fail (header != NULL, NULL);

  copy = g_new0 (GstSipAuthHeader, 1);
  copy->scheme = g_strdup (header->scheme);
  copy->token68 = g_strdup (header->token68);
  _gst_sip_params_copy (&copy->params, &header->params);
  return copy;
}

/**
 * gst_sip_auth_header_free:
 * @header: (transfer full): a #GstSipAuthHeader
 *
 * Since: 0.1
 */
void
gst_sip_auth_header_free (GstSipAuthHeader *header)
{
  if (!header)
    return;

  g_free (header->scheme);
  g_free (header->token68);
  _gst_sip_params_clear (&header->params);
  g_free (header);
}

/**
 * gst_sip_auth_header_to_string:
 * @header: a #GstSipAuthHeader
 *
 * Returns: (transfer full): @header as header value text
 *
 * Since: 0.1
 */
gchar *
gst_sip_auth_header_to_string (const GstSipAuthHeader *header)
{
  GString *out;

  g_return_val_if_fail (header != NULL, NULL);

  out = g_string_new (header->scheme);
  if (header->token68) {
    g_string_append_c (out, ' ');
    g_string_append (out, header->token68);
  } else if (header->params.len > 0) {
    g_string_append_c (out, ' ');
    _gst_sip_params_write (&header->params, out, GST_SIP_PARAMS_STYLE_AUTH);
  }
  return g_string_free (out, FALSE);
}

/**
 * gst_sip_auth_header_get_scheme:
 * @header: a #GstSipAuthHeader
 *
 * Returns: the scheme as written, such as `Digest`; compare it
 *   case-insensitively
 *
 * Since: 0.1
 */
const gchar *
gst_sip_auth_header_get_scheme (const GstSipAuthHeader *header)
{
  g_return_val_if_fail (header != NULL, NULL);
  return header->scheme;
}

/**
 * gst_sip_auth_header_get_token68:
 * @header: a #GstSipAuthHeader
 *
 * Returns: (nullable): the token68 of schemes that use one instead of
 *   parameters
 *
 * Since: 0.1
 */
const gchar *
gst_sip_auth_header_get_token68 (const GstSipAuthHeader *header)
{
  g_return_val_if_fail (header != NULL, NULL);
  return header->token68;
}

/**
 * gst_sip_auth_header_has_param:
 * @header: a #GstSipAuthHeader
 * @name: a parameter name, compared case-insensitively
 *
 * Returns: %TRUE if the parameter is present
 *
 * Since: 0.1
 */
gboolean
gst_sip_auth_header_has_param (
    const GstSipAuthHeader *header, const gchar *name)
{
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _gst_sip_params_find (&header->params, name) != NULL;
}

/**
 * gst_sip_auth_header_get_param:
 * @header: a #GstSipAuthHeader
 * @name: a parameter name, compared case-insensitively
 *
 * Returns: (nullable): the unquoted value of the parameter
 *
 * Since: 0.1
 */
const gchar *
gst_sip_auth_header_get_param (
    const GstSipAuthHeader *header, const gchar *name)
{
  const GstSipParam *param;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  param = _gst_sip_params_find (&header->params, name);
  return param ? param->value : NULL;
}

/**
 * gst_sip_auth_header_set_param:
 * @header: a #GstSipAuthHeader
 * @name: a parameter name (a token)
 * @value: the unquoted value
 * @quoted: whether to write the value as a quoted-string; values that are
 *   not tokens are always quoted
 *
 * Since: 0.1
 */
void
gst_sip_auth_header_set_param (GstSipAuthHeader *header, const gchar *name,
    const gchar *value, gboolean quoted)
{
  g_return_if_fail (header != NULL);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);

  _gst_sip_params_set (&header->params, name, value, quoted);
}

/**
 * gst_sip_auth_header_remove_param:
 * @header: a #GstSipAuthHeader
 * @name: a parameter name
 *
 * Returns: %TRUE if the parameter was there
 *
 * Since: 0.1
 */
gboolean
gst_sip_auth_header_remove_param (GstSipAuthHeader *header, const gchar *name)
{
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _gst_sip_params_remove (&header->params, name);
}

/**
 * gst_sip_auth_header_get_param_names:
 * @header: a #GstSipAuthHeader
 *
 * Returns: (transfer full) (array zero-terminated=1): the parameter names,
 *   in order
 *
 * Since: 0.1
 */
gchar **
gst_sip_auth_header_get_param_names (const GstSipAuthHeader *header)
{
  g_return_val_if_fail (header != NULL, NULL);
  return _gst_sip_params_get_names (&header->params);
}
