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
 * SECTION:sip-via
 * @title: GstSipVia
 * @short_description: one element of a Via header
 *
 * A #GstSipVia is one via-parm: `SIP/2.0/UDP host:port;branch=...`.
 * gst_sip_message_get_via() returns them from a message, top first, and
 * gst_sip_message_prepend_via() adds one.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-enums.h"
#include "sip-via-private.h"
#include "sip-params-private.h"

struct _GstSipVia
{
  gchar *protocol;
  gchar *transport;
  gchar *host;
  guint port;
  GstSipParams params;
};

G_DEFINE_BOXED_TYPE (
    GstSipVia, gst_sip_via, gst_sip_via_copy, gst_sip_via_free);

static gboolean
via_error (GError **error, const gchar *reason)
{
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
      _ ("Malformed Via: %s"), reason);
  return FALSE;
}

static gboolean
address_is_valid (const GstSipSlice *s)
{
  gchar buf[64];

  if (s->len == 0 || s->len >= sizeof (buf))
    return FALSE;

  if (s->ptr[0] == '[')
    return _gst_sip_host_is_valid (s);

  memcpy (buf, s->ptr, s->len);
  buf[s->len] = '\0';
  return g_hostname_is_ip_address (buf);
}

gboolean
_gst_sip_via_parse_view (GstSipScanner *sc, GstSipViaView *view, GError **error)
{
  GstSipSlice name, version, host;
  const gchar *start;

  memset (view, 0, sizeof (*view));
  view->rport = -1;
  view->ttl = -1;

  _gst_sip_scanner_skip_ws (sc);
  start = sc->p;
  name = _gst_sip_scanner_read_class (sc, GST_SIP_CHAR_TOKEN);
  if (name.len == 0 || !_gst_sip_scanner_accept_sep (sc, '/'))
    return via_error (error, _ ("missing sent-protocol"));
  version = _gst_sip_scanner_read_class (sc, GST_SIP_CHAR_TOKEN);
  if (version.len == 0 || !_gst_sip_scanner_accept_sep (sc, '/'))
    return via_error (error, _ ("missing protocol version"));
  view->protocol = _gst_sip_slice (start, version.ptr + version.len - start);
  view->transport = _gst_sip_scanner_read_class (sc, GST_SIP_CHAR_TOKEN);
  if (view->transport.len == 0)
    return via_error (error, _ ("missing transport"));

  start = sc->p;
  _gst_sip_scanner_skip_ws (sc);
  if (sc->p == start)
    return via_error (error, _ ("missing space before sent-by"));

  if (_gst_sip_scanner_peek (sc) == '[') {
    const gchar *close = memchr (sc->p, ']', sc->end - sc->p);

    if (!close)
      return via_error (error, _ ("unterminated IPv6 reference"));
    host = _gst_sip_slice (sc->p, close + 1 - sc->p);
    sc->p = close + 1;
  } else {
    host = _gst_sip_scanner_read_class (sc, GST_SIP_CHAR_HOST);
  }
  if (!_gst_sip_host_is_valid (&host))
    return via_error (error, _ ("invalid sent-by host"));
  view->host =
      host.ptr[0] == '[' ? _gst_sip_slice (host.ptr + 1, host.len - 2) : host;

  if (_gst_sip_scanner_accept_sep (sc, ':')) {
    GstSipSlice port = _gst_sip_scanner_read_class (sc, GST_SIP_CHAR_DIGIT);
    guint64 value;

    if (!_gst_sip_slice_to_uint (&port, 65535, &value) || value == 0)
      return via_error (error, _ ("invalid sent-by port"));
    view->port = value;
  }

  _gst_sip_scanner_skip_ws (sc);
  start = sc->p;
  while (_gst_sip_scanner_accept_sep (sc, ';')) {
    GstSipSlice pname, pvalue;
    gboolean quoted;
    guint64 value;

    if (!_gst_sip_scanner_read_generic_param (sc, &pname, &pvalue, &quoted))
      return via_error (error, _ ("malformed parameter"));

    if (_gst_sip_slice_equal_ci (&pname, "branch")) {
      if (pvalue.len == 0 || quoted)
        return via_error (error, _ ("invalid branch"));
      view->branch = pvalue;
    } else if (_gst_sip_slice_equal_ci (&pname, "received")) {
      if (quoted || !address_is_valid (&pvalue))
        return via_error (error, _ ("invalid received parameter"));
      view->received = pvalue;
    } else if (_gst_sip_slice_equal_ci (&pname, "rport")) {
      if (!pvalue.ptr) {
        view->rport = 0;
      } else if (!quoted && _gst_sip_slice_to_uint (&pvalue, 65535, &value) &&
          value > 0) {
        view->rport = value;
      } else {
        return via_error (error, _ ("invalid rport parameter"));
      }
    } else if (_gst_sip_slice_equal_ci (&pname, "maddr")) {
      if (quoted || !_gst_sip_host_is_valid (&pvalue))
        return via_error (error, _ ("invalid maddr parameter"));
      view->maddr = pvalue;
    } else if (_gst_sip_slice_equal_ci (&pname, "ttl")) {
      if (quoted || !_gst_sip_slice_to_uint (&pvalue, 255, &value))
        return via_error (error, _ ("invalid ttl parameter"));
      view->ttl = value;
    }
  }
  view->params = _gst_sip_slice (start, sc->p - start);

  _gst_sip_scanner_skip_ws (sc);
  if (!_gst_sip_scanner_eof (sc) && *sc->p != ',')
    return via_error (error, _ ("unexpected text after the parameters"));

  return TRUE;
}

GstSipVia *
_gst_sip_via_new_from_view (const GstSipViaView *view)
{
  GstSipVia *via = g_new0 (GstSipVia, 1);
  GString *protocol = g_string_sized_new (8);
  gsize i;

  /* normalise "SIP / 2.0" to "SIP/2.0" */
  for (i = 0; i < view->protocol.len; i++) {
    if (!GST_SIP_IS_CHAR (view->protocol.ptr[i], GST_SIP_CHAR_WS))
      g_string_append_c (protocol, view->protocol.ptr[i]);
  }
  via->protocol = g_string_free (protocol, FALSE);
  via->transport = g_ascii_strup (view->transport.ptr, view->transport.len);
  via->host = _gst_sip_slice_dup (&view->host);
  via->port = view->port;
  _gst_sip_generic_params_to_list (&view->params, &via->params);

  return via;
}

/**
 * gst_sip_via_new: (constructor)
 * @transport: the transport, such as `UDP` or `TCP`
 * @host: the sent-by host or address (IPv6 with or without brackets)
 * @port: the sent-by port, or 0 for none
 *
 * Builds a `SIP/2.0` Via without parameters.
 *
 * Returns: (transfer full): a new #GstSipVia
 *
 * Since: 0.1
 */
GstSipVia *
gst_sip_via_new (const gchar *transport, const gchar *host, guint port)
{
  GstSipVia *via;
  gsize len;

  g_return_val_if_fail (transport != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (port <= 65535, NULL);

  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']') {
    host++;
    len -= 2;
  }

  via = g_new0 (GstSipVia, 1);
  via->protocol = g_strdup ("SIP/2.0");
  via->transport = g_ascii_strup (transport, -1);
  via->host = g_strndup (host, len);
  via->port = port;

  return via;
}

/**
 * gst_sip_via_new_from_string: (constructor)
 * @text: one via-parm, such as `SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1`
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the new #GstSipVia, or %NULL with
 *   @error set if @text is not a single valid via-parm
 *
 * Since: 0.1
 */
GstSipVia *
gst_sip_via_new_from_string (const gchar *text, GError **error)
{
  GstSipScanner sc;
  GstSipViaView view;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _gst_sip_scanner_init (&sc, text, strlen (text));
  if (!_gst_sip_via_parse_view (&sc, &view, error))
    return NULL;
  if (!_gst_sip_scanner_eof (&sc)) {
    via_error (error, _ ("more than one Via"));
    return NULL;
  }

  return _gst_sip_via_new_from_view (&view);
}

/**
 * gst_sip_via_copy:
 * @via: a #GstSipVia
 *
 * Returns: (transfer full): a copy of @via
 *
 * Since: 0.1
 */
GstSipVia *
gst_sip_via_copy (const GstSipVia *via)
{
  GstSipVia *copy;

  g_return_val_if_fail (via != NULL, NULL);

  copy = g_new0 (GstSipVia, 1);
  copy->protocol = g_strdup (via->protocol);
  copy->transport = g_strdup (via->transport);
  copy->host = g_strdup (via->host);
  copy->port = via->port;
  _gst_sip_params_copy (&copy->params, &via->params);

  return copy;
}

/**
 * gst_sip_via_free:
 * @via: (transfer full): a #GstSipVia
 *
 * Since: 0.1
 */
void
gst_sip_via_free (GstSipVia *via)
{
  if (!via)
    return;

  g_free (via->protocol);
  g_free (via->transport);
  g_free (via->host);
  _gst_sip_params_clear (&via->params);
  g_free (via);
}

void
_gst_sip_via_append (const GstSipVia *via, GString *out)
{
  g_string_append_printf (out, "%s/%s ", via->protocol, via->transport);
  if (strchr (via->host, ':'))
    g_string_append_printf (out, "[%s]", via->host);
  else
    g_string_append (out, via->host);
  if (via->port)
    g_string_append_printf (out, ":%u", via->port);
  _gst_sip_params_write (&via->params, out, GST_SIP_PARAMS_STYLE_HEADER);
}

/**
 * gst_sip_via_to_string:
 * @via: a #GstSipVia
 *
 * Returns: (transfer full): @via as the text of a Via header value
 *
 * Since: 0.1
 */
gchar *
gst_sip_via_to_string (const GstSipVia *via)
{
  GString *out;

  g_return_val_if_fail (via != NULL, NULL);

  out = g_string_sized_new (96);
  _gst_sip_via_append (via, out);
  return g_string_free (out, FALSE);
}

/**
 * gst_sip_via_get_protocol:
 * @via: a #GstSipVia
 *
 * Returns: the protocol name and version, normally `SIP/2.0`
 *
 * Since: 0.1
 */
const gchar *
gst_sip_via_get_protocol (const GstSipVia *via)
{
  g_return_val_if_fail (via != NULL, NULL);
  return via->protocol;
}

/**
 * gst_sip_via_get_transport:
 * @via: a #GstSipVia
 *
 * Returns: the transport in upper case, such as `UDP`, `TCP`, `TLS` or `WS`
 *
 * Since: 0.1
 */
const gchar *
gst_sip_via_get_transport (const GstSipVia *via)
{
  g_return_val_if_fail (via != NULL, NULL);
  return via->transport;
}

/**
 * gst_sip_via_get_host:
 * @via: a #GstSipVia
 *
 * Returns: the sent-by host (IPv6 addresses without brackets)
 *
 * Since: 0.1
 */
const gchar *
gst_sip_via_get_host (const GstSipVia *via)
{
  g_return_val_if_fail (via != NULL, NULL);
  return via->host;
}

/**
 * gst_sip_via_get_port:
 * @via: a #GstSipVia
 *
 * Returns: the sent-by port, or 0 if there is none
 *
 * Since: 0.1
 */
guint
gst_sip_via_get_port (const GstSipVia *via)
{
  g_return_val_if_fail (via != NULL, 0);
  return via->port;
}

/**
 * gst_sip_via_get_branch:
 * @via: a #GstSipVia
 *
 * Returns: (nullable): the branch parameter
 *
 * Since: 0.1
 */
const gchar *
gst_sip_via_get_branch (const GstSipVia *via)
{
  return gst_sip_via_get_param (via, "branch");
}

/**
 * gst_sip_via_set_branch:
 * @via: a #GstSipVia
 * @branch: (nullable): the new branch, or %NULL to remove it
 *
 * Since: 0.1
 */
void
gst_sip_via_set_branch (GstSipVia *via, const gchar *branch)
{
  g_return_if_fail (via != NULL);

  if (branch)
    gst_sip_via_set_param (via, "branch", branch);
  else
    gst_sip_via_remove_param (via, "branch");
}

/**
 * gst_sip_via_get_received:
 * @via: a #GstSipVia
 *
 * Returns: (nullable): the received parameter (RFC 3261 section 18.2.1)
 *
 * Since: 0.1
 */
const gchar *
gst_sip_via_get_received (const GstSipVia *via)
{
  return gst_sip_via_get_param (via, "received");
}

/**
 * gst_sip_via_set_received:
 * @via: a #GstSipVia
 * @received: (nullable): the source address, or %NULL to remove it
 *
 * Since: 0.1
 */
void
gst_sip_via_set_received (GstSipVia *via, const gchar *received)
{
  g_return_if_fail (via != NULL);

  if (received)
    gst_sip_via_set_param (via, "received", received);
  else
    gst_sip_via_remove_param (via, "received");
}

/**
 * gst_sip_via_get_rport:
 * @via: a #GstSipVia
 *
 * Returns: -1 without an rport parameter, 0 for an rport parameter without
 *   a value (a request for symmetric response routing, RFC 3581), otherwise
 *   the port the request came from
 *
 * Since: 0.1
 */
gint
gst_sip_via_get_rport (const GstSipVia *via)
{
  const GstSipParam *param;
  guint64 value;

  g_return_val_if_fail (via != NULL, -1);

  param = _gst_sip_params_find (&via->params, "rport");
  if (!param)
    return -1;
  if (!param->value)
    return 0;
  if (!g_ascii_string_to_unsigned (param->value, 10, 1, 65535, &value, NULL))
    return -1;
  return value;
}

/**
 * gst_sip_via_set_rport:
 * @via: a #GstSipVia
 * @rport: -1 to remove the parameter, 0 for an empty `rport`, or a port
 *
 * Since: 0.1
 */
void
gst_sip_via_set_rport (GstSipVia *via, gint rport)
{
  gchar buf[8];

  g_return_if_fail (via != NULL);
  g_return_if_fail (rport >= -1 && rport <= 65535);

  if (rport < 0) {
    gst_sip_via_remove_param (via, "rport");
  } else if (rport == 0) {
    _gst_sip_params_set (&via->params, "rport", NULL, FALSE);
  } else {
    g_snprintf (buf, sizeof (buf), "%d", rport);
    _gst_sip_params_set (&via->params, "rport", buf, FALSE);
  }
}

/**
 * gst_sip_via_get_maddr:
 * @via: a #GstSipVia
 *
 * Returns: (nullable): the maddr parameter
 *
 * Since: 0.1
 */
const gchar *
gst_sip_via_get_maddr (const GstSipVia *via)
{
  return gst_sip_via_get_param (via, "maddr");
}

/**
 * gst_sip_via_get_ttl:
 * @via: a #GstSipVia
 *
 * Returns: the ttl parameter, or -1 if there is none
 *
 * Since: 0.1
 */
gint
gst_sip_via_get_ttl (const GstSipVia *via)
{
  const gchar *ttl = gst_sip_via_get_param (via, "ttl");
  guint64 value;

  if (!ttl || !g_ascii_string_to_unsigned (ttl, 10, 0, 255, &value, NULL))
    return -1;
  return value;
}

/**
 * gst_sip_via_has_param:
 * @via: a #GstSipVia
 * @name: a parameter name, compared case-insensitively
 *
 * Returns: %TRUE if @via has the parameter
 *
 * Since: 0.1
 */
gboolean
gst_sip_via_has_param (const GstSipVia *via, const gchar *name)
{
  g_return_val_if_fail (via != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _gst_sip_params_find (&via->params, name) != NULL;
}

/**
 * gst_sip_via_get_param:
 * @via: a #GstSipVia
 * @name: a parameter name, compared case-insensitively
 *
 * Returns: (nullable): the value (unquoted), or %NULL if the parameter is
 *   absent or has no value
 *
 * Since: 0.1
 */
const gchar *
gst_sip_via_get_param (const GstSipVia *via, const gchar *name)
{
  const GstSipParam *param;

  g_return_val_if_fail (via != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  param = _gst_sip_params_find (&via->params, name);
  return param ? param->value : NULL;
}

/**
 * gst_sip_via_set_param:
 * @via: a #GstSipVia
 * @name: a parameter name (a token)
 * @value: (nullable): the value, or %NULL for a parameter without a value
 *
 * Adds a parameter or replaces the value of an existing one.  Values that
 * are not tokens are written as quoted strings.
 *
 * Since: 0.1
 */
void
gst_sip_via_set_param (GstSipVia *via, const gchar *name, const gchar *value)
{
  g_return_if_fail (via != NULL);
  g_return_if_fail (name != NULL && *name != '\0');

  _gst_sip_params_set (&via->params, name, value, FALSE);
}

/**
 * gst_sip_via_remove_param:
 * @via: a #GstSipVia
 * @name: a parameter name
 *
 * Returns: %TRUE if the parameter was there
 *
 * Since: 0.1
 */
gboolean
gst_sip_via_remove_param (GstSipVia *via, const gchar *name)
{
  g_return_val_if_fail (via != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _gst_sip_params_remove (&via->params, name);
}

/**
 * gst_sip_via_get_param_names:
 * @via: a #GstSipVia
 *
 * Returns: (transfer full) (array zero-terminated=1): the parameter names,
 *   in order
 *
 * Since: 0.1
 */
gchar **
gst_sip_via_get_param_names (const GstSipVia *via)
{
  g_return_val_if_fail (via != NULL, NULL);
  return _gst_sip_params_get_names (&via->params);
}
