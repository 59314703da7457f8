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
 * SECTION:sip-address
 * @title: GstSipAddress
 * @short_description: name-addr values of From, To, Contact and Route
 *
 * A #GstSipAddress holds a display name, a #GstSipUri and header parameters
 * such as `tag`, `expires`, `q` or `lr`.  When an addr-spec is written
 * without angle brackets, the parameters after it belong to the header, not
 * to the URI (RFC 3261 section 20.10).
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-enums.h"
#include "sip-address-private.h"
#include "sip-params-private.h"

struct _GstSipAddress
{
  gboolean wildcard;
  gchar *display_name;
  GstSipUri *uri;
  GstSipParams params;
};

G_DEFINE_BOXED_TYPE (
    GstSipAddress, gst_sip_address, gst_sip_address_copy, gst_sip_address_free);

static gboolean
address_error (GError **error, const gchar *reason)
{
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
      _ ("Malformed address: %s"), reason);
  return FALSE;
}

/* *(token LWS) followed by '<'; UTF-8 is tolerated as some peers send it
 * unquoted */
static gboolean
scan_unquoted_display (GstSipScanner *sc, GstSipSlice *display)
{
  const gchar *start = sc->p;

  while (sc->p < sc->end &&
      (GST_SIP_IS_CHAR (*sc->p, GST_SIP_CHAR_TOKEN) ||
          GST_SIP_IS_CHAR (*sc->p, GST_SIP_CHAR_WS) || (guint8) *sc->p >= 0x80))
    sc->p++;

  if (_gst_sip_scanner_peek (sc) != '<') {
    sc->p = start;
    return FALSE;
  }
  *display = _gst_sip_slice_trim (_gst_sip_slice (start, sc->p - start));
  return TRUE;
}

gboolean
_gst_sip_address_parse_view (GstSipScanner *sc, gboolean allow_wildcard,
    GstSipAddressView *view, GError **error)
{
  GError *uri_error = NULL;

  memset (view, 0, sizeof (*view));
  _gst_sip_scanner_skip_ws (sc);

  if (allow_wildcard && _gst_sip_scanner_peek (sc) == '*') {
    sc->p++;
    _gst_sip_scanner_skip_ws (sc);
    if (!_gst_sip_scanner_eof (sc))
      return address_error (error, _ ("text after ‘*’"));
    view->wildcard = TRUE;
    return TRUE;
  }

  if (_gst_sip_scanner_peek (sc) == '"') {
    if (!_gst_sip_scanner_read_quoted (sc, &view->display))
      return address_error (error, _ ("unterminated quoted display name"));
    view->display_quoted = TRUE;
    _gst_sip_scanner_skip_ws (sc);
    if (_gst_sip_scanner_peek (sc) != '<')
      return address_error (error, _ ("missing ‘<’ after the display name"));
  } else {
    scan_unquoted_display (sc, &view->display);
  }

  if (_gst_sip_scanner_peek (sc) == '<') {
    const gchar *close = memchr (sc->p, '>', sc->end - sc->p);

    if (!close)
      return address_error (error, _ ("missing ‘>’"));
    view->uri = _gst_sip_slice (sc->p + 1, close - sc->p - 1);
    sc->p = close + 1;
  } else {
    const gchar *start = sc->p;

    while (sc->p < sc->end && *sc->p != ';' && *sc->p != ',' &&
        !GST_SIP_IS_CHAR (*sc->p, GST_SIP_CHAR_WS))
      sc->p++;
    view->uri = _gst_sip_slice (start, sc->p - start);
  }

  if (!_gst_sip_uri_parse_view (
          view->uri.ptr, view->uri.len, &view->uri_view, &uri_error)) {
    g_propagate_error (error, uri_error);
    return FALSE;
  }
  /* RFC 3261 20: a URI with a comma, question mark or semicolon must be
   * enclosed in angle brackets */
  if (sc->p == view->uri.ptr + view->uri.len &&
      memchr (view->uri.ptr, '?', view->uri.len))
    return address_error (error,
        _ ("a URI with headers must be enclosed in "
           "‘<’ and ‘>’"));

  if (!_gst_sip_scanner_read_generic_params (sc, &view->params))
    return address_error (error, _ ("malformed parameter"));
  if (!_gst_sip_scanner_eof (sc) && *sc->p != ',')
    return address_error (error, _ ("unexpected text after the address"));

  if (view->params.len > 0) {
    GstSipScanner ps;

    _gst_sip_scanner_init (&ps, view->params.ptr, view->params.len);
    while (_gst_sip_scanner_accept_sep (&ps, ';')) {
      GstSipSlice name, value;
      gboolean quoted;

      _gst_sip_scanner_read_generic_param (&ps, &name, &value, &quoted);
      if (_gst_sip_slice_equal_ci (&name, "tag")) {
        if (!value.ptr || quoted)
          return address_error (error, _ ("invalid tag"));
        view->tag = value;
      }
    }
  }

  return TRUE;
}

GstSipAddress *
_gst_sip_address_new_from_view (const GstSipAddressView *view)
{
  GstSipAddress *address = g_new0 (GstSipAddress, 1);

  if (view->wildcard) {
    address->wildcard = TRUE;
    return address;
  }

  if (view->display_quoted)
    address->display_name = _gst_sip_unquote (&view->display);
  else if (view->display.len > 0)
    address->display_name = _gst_sip_slice_dup (&view->display);
  address->uri = _gst_sip_uri_new_from_view (&view->uri_view);
  _gst_sip_generic_params_to_list (&view->params, &address->params);

  return address;
}

/**
 * gst_sip_address_new: (constructor)
 * @uri: a #GstSipUri
 * @display_name: (nullable): the display name
 *
 * Returns: (transfer full): a new #GstSipAddress
 *
 * Since: 0.1
 */
GstSipAddress *
gst_sip_address_new (const GstSipUri *uri, const gchar *display_name)
{
  GstSipAddress *address;

  g_return_val_if_fail (uri != NULL, NULL);

  address = g_new0 (GstSipAddress, 1);
  address->uri = gst_sip_uri_copy (uri);
  address->display_name = g_strdup (display_name);

  return address;
}

/**
 * gst_sip_address_new_from_string: (constructor)
 * @text: a name-addr or addr-spec with parameters, or `*`
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the new #GstSipAddress, or %NULL
 *   with @error set if @text is not a single valid address
 *
 * Since: 0.1
 */
GstSipAddress *
gst_sip_address_new_from_string (const gchar *text, GError **error)
{
  GstSipAddressView view;
  GstSipScanner sc;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _gst_sip_scanner_init (&sc, text, strlen (text));
  if (!_gst_sip_address_parse_view (&sc, TRUE, &view, error))
    return NULL;
  if (!_gst_sip_scanner_eof (&sc)) {
    address_error (error, _ ("more than one address"));
    return NULL;
  }

  return _gst_sip_address_new_from_view (&view);
}

/**
 * gst_sip_address_new_wildcard: (constructor)
 *
 * Returns: (transfer full): the `*` Contact of a REGISTER that removes all
 *   bindings
 *
 * Since: 0.1
 */
GstSipAddress *
gst_sip_address_new_wildcard (void)
{
  GstSipAddress *address = g_new0 (GstSipAddress, 1);

  address->wildcard = TRUE;
  return address;
}

/**
 * gst_sip_address_copy:
 * @address: a #GstSipAddress
 *
 * Returns: (transfer full): a copy of @address
 *
 * Since: 0.1
 */
GstSipAddress *
gst_sip_address_copy (const GstSipAddress *address)
{
  GstSipAddress *copy;

  g_return_val_if_fail (address != NULL, NULL);

  copy = g_new0 (GstSipAddress, 1);
  copy->wildcard = address->wildcard;
  copy->display_name = g_strdup (address->display_name);
  copy->uri = address->uri ? gst_sip_uri_copy (address->uri) : NULL;
  _gst_sip_params_copy (&copy->params, &address->params);

  return copy;
}

/**
 * gst_sip_address_free:
 * @address: (transfer full): a #GstSipAddress
 *
 * Since: 0.1
 */
void
gst_sip_address_free (GstSipAddress *address)
{
  if (!address)
    return;

  g_free (address->display_name);
  gst_sip_uri_free (address->uri);
  _gst_sip_params_clear (&address->params);
  g_free (address);
}

void
_gst_sip_address_append (const GstSipAddress *address, GString *out)
{
  if (address->wildcard) {
    g_string_append_c (out, '*');
    return;
  }

  if (address->display_name && *address->display_name) {
    _gst_sip_append_quoted (out, address->display_name);
    g_string_append_c (out, ' ');
  }
  /* always the name-addr form, which is valid wherever addresses go */
  g_string_append_c (out, '<');
  _gst_sip_uri_append (address->uri, out);
  g_string_append_c (out, '>');
  _gst_sip_params_write (&address->params, out, GST_SIP_PARAMS_STYLE_HEADER);
}

/**
 * gst_sip_address_to_string:
 * @address: a #GstSipAddress
 *
 * Writes @address in the name-addr form, with a quoted display name.
 *
 * Returns: (transfer full): @address as header value text
 *
 * Since: 0.1
 */
gchar *
gst_sip_address_to_string (const GstSipAddress *address)
{
  GString *out;

  g_return_val_if_fail (address != NULL, NULL);

  out = g_string_sized_new (96);
  _gst_sip_address_append (address, out);
  return g_string_free (out, FALSE);
}

/**
 * gst_sip_address_is_wildcard:
 * @address: a #GstSipAddress
 *
 * Returns: %TRUE for the `*` Contact
 *
 * Since: 0.1
 */
gboolean
gst_sip_address_is_wildcard (const GstSipAddress *address)
{
  g_return_val_if_fail (address != NULL, FALSE);
  return address->wildcard;
}

/**
 * gst_sip_address_get_display_name:
 * @address: a #GstSipAddress
 *
 * Returns: (nullable): the display name, unquoted
 *
 * Since: 0.1
 */
const gchar *
gst_sip_address_get_display_name (const GstSipAddress *address)
{
  g_return_val_if_fail (address != NULL, NULL);
  return address->display_name;
}

/**
 * gst_sip_address_set_display_name:
 * @address: a #GstSipAddress
 * @display_name: (nullable): the new display name
 *
 * Since: 0.1
 */
void
gst_sip_address_set_display_name (
    GstSipAddress *address, const gchar *display_name)
{
  g_return_if_fail (address != NULL);
  g_return_if_fail (!address->wildcard);

  g_free (address->display_name);
  address->display_name = g_strdup (display_name);
}

/**
 * gst_sip_address_get_uri:
 * @address: a #GstSipAddress
 *
 * Returns: (transfer none) (nullable): the URI, or %NULL for the wildcard
 *
 * Since: 0.1
 */
const GstSipUri *
gst_sip_address_get_uri (const GstSipAddress *address)
{
  g_return_val_if_fail (address != NULL, NULL);
  return address->uri;
}

/**
 * gst_sip_address_set_uri:
 * @address: a #GstSipAddress
 * @uri: the new URI
 *
 * Since: 0.1
 */
void
gst_sip_address_set_uri (GstSipAddress *address, const GstSipUri *uri)
{
  g_return_if_fail (address != NULL);
  g_return_if_fail (uri != NULL);

  gst_sip_uri_free (address->uri);
  address->uri = gst_sip_uri_copy (uri);
  address->wildcard = FALSE;
}

/**
 * gst_sip_address_get_tag:
 * @address: a #GstSipAddress
 *
 * Returns: (nullable): the tag parameter of a From or To address
 *
 * Since: 0.1
 */
const gchar *
gst_sip_address_get_tag (const GstSipAddress *address)
{
  return gst_sip_address_get_param (address, "tag");
}

/**
 * gst_sip_address_set_tag:
 * @address: a #GstSipAddress
 * @tag: (nullable): the new tag, or %NULL to remove it
 *
 * Since: 0.1
 */
void
gst_sip_address_set_tag (GstSipAddress *address, const gchar *tag)
{
  g_return_if_fail (address != NULL);

  if (tag)
    gst_sip_address_set_param (address, "tag", tag);
  else
    gst_sip_address_remove_param (address, "tag");
}

/**
 * gst_sip_address_has_param:
 * @address: a #GstSipAddress
 * @name: a parameter name, compared case-insensitively
 *
 * Returns: %TRUE if @address has the header parameter
 *
 * Since: 0.1
 */
gboolean
gst_sip_address_has_param (const GstSipAddress *address, const gchar *name)
{
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _gst_sip_params_find (&address->params, name) != NULL;
}

/**
 * gst_sip_address_get_param:
 * @address: a #GstSipAddress
 * @name: a parameter name, compared case-insensitively
 *
 * Returns: (nullable): the value of the header parameter (unquoted), or
 *   %NULL if it is absent or has no value
 *
 * Since: 0.1
 */
const gchar *
gst_sip_address_get_param (const GstSipAddress *address, const gchar *name)
{
  const GstSipParam *param;

  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  param = _gst_sip_params_find (&address->params, name);
  return param ? param->value : NULL;
}

/**
 * gst_sip_address_set_param:
 * @address: a #GstSipAddress
 * @name: a parameter name (a token)
 * @value: (nullable): the value, or %NULL for a parameter without a value
 *
 * Since: 0.1
 */
void
gst_sip_address_set_param (
    GstSipAddress *address, const gchar *name, const gchar *value)
{
  g_return_if_fail (address != NULL);
  g_return_if_fail (name != NULL && *name != '\0');

  _gst_sip_params_set (&address->params, name, value, FALSE);
}

/**
 * gst_sip_address_remove_param:
 * @address: a #GstSipAddress
 * @name: a parameter name
 *
 * Returns: %TRUE if the parameter was there
 *
 * Since: 0.1
 */
gboolean
gst_sip_address_remove_param (GstSipAddress *address, const gchar *name)
{
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _gst_sip_params_remove (&address->params, name);
}

/**
 * gst_sip_address_get_param_names:
 * @address: a #GstSipAddress
 *
 * Returns: (transfer full) (array zero-terminated=1): the header parameter
 *   names, in order
 *
 * Since: 0.1
 */
gchar **
gst_sip_address_get_param_names (const GstSipAddress *address)
{
  g_return_val_if_fail (address != NULL, NULL);
  return _gst_sip_params_get_names (&address->params);
}
