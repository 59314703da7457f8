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

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "sip-params-private.h"
#include "sip-scan-private.h"

void
_gst_sip_params_clear (GstSipParams *params)
{
  guint i;

  for (i = 0; i < params->len; i++) {
    g_free (params->items[i].name);
    g_free (params->items[i].value);
  }
  g_free (params->items);
  params->items = NULL;
  params->len = params->alloc = 0;
}

void
_gst_sip_params_copy (GstSipParams *dest, const GstSipParams *src)
{
  guint i;

  dest->len = dest->alloc = src->len;
  dest->items = src->len ? g_new (GstSipParam, src->len) : NULL;
  for (i = 0; i < src->len; i++) {
    dest->items[i].name = g_strdup (src->items[i].name);
    dest->items[i].value = g_strdup (src->items[i].value);
    dest->items[i].quoted = src->items[i].quoted;
  }
}

const GstSipParam *
_gst_sip_params_find (const GstSipParams *params, const gchar *name)
{
  guint i;

  for (i = 0; i < params->len; i++) {
    if (g_ascii_strcasecmp (params->items[i].name, name) == 0)
      return &params->items[i];
  }
  return NULL;
}

void
_gst_sip_params_append_take (
    GstSipParams *params, gchar *name, gchar *value, gboolean quoted)
{
  GstSipParam *param;

  if (params->len == params->alloc) {
    params->alloc = MAX (4, params->alloc * 2);
    params->items = g_renew (GstSipParam, params->items, params->alloc);
  }
  param = &params->items[params->len++];
  param->name = name;
  param->value = value;
  param->quoted = quoted;
}

void
_gst_sip_params_set (GstSipParams *params, const gchar *name,
    const gchar *value, gboolean quoted)
{
  GstSipParam *param = (GstSipParam *) _gst_sip_params_find (params, name);

  if (param) {
    gchar *old = param->value;

    param->value = g_strdup (value);
    param->quoted = quoted;
    g_free (old);
  } else {
    _gst_sip_params_append_take (
        params, g_strdup (name), g_strdup (value), quoted);
  }
}

gboolean
_gst_sip_params_remove (GstSipParams *params, const gchar *name)
{
  guint i;

  for (i = 0; i < params->len; i++) {
    if (g_ascii_strcasecmp (params->items[i].name, name) == 0) {
      g_free (params->items[i].name);
      g_free (params->items[i].value);
      memmove (&params->items[i], &params->items[i + 1],
          (params->len - i - 1) * sizeof (GstSipParam));
      params->len--;
      return TRUE;
    }
  }
  return FALSE;
}

gchar **
_gst_sip_params_get_names (const GstSipParams *params)
{
  gchar **names = g_new (gchar *, params->len + 1);
  guint i;

  for (i = 0; i < params->len; i++)
    names[i] = g_strdup (params->items[i].name);
  names[i] = NULL;

  return names;
}

static gboolean
needs_quotes (const gchar *value)
{
  if (*value == '\0')
    return TRUE;
  for (; *value; value++) {
    if (!GST_SIP_IS_CHAR (*value, GST_SIP_CHAR_TOKEN) && *value != ':' &&
        *value != '[' && *value != ']')
      return TRUE;
  }
  return FALSE;
}

void
_gst_sip_params_write (
    const GstSipParams *params, GString *out, GstSipParamsStyle style)
{
  guint i;

  for (i = 0; i < params->len; i++) {
    const GstSipParam *param = &params->items[i];

    switch (style) {
      case GST_SIP_PARAMS_STYLE_URI:
        g_string_append_c (out, ';');
        _gst_sip_append_escaped (out, param->name, GST_SIP_CHAR_PARAM);
        if (param->value) {
          g_string_append_c (out, '=');
          _gst_sip_append_escaped (out, param->value, GST_SIP_CHAR_PARAM);
        }
        break;
      case GST_SIP_PARAMS_STYLE_URI_HEADERS:
        g_string_append_c (out, i == 0 ? '?' : '&');
        _gst_sip_append_escaped (out, param->name, GST_SIP_CHAR_HNV);
        g_string_append_c (out, '=');
        if (param->value)
          _gst_sip_append_escaped (out, param->value, GST_SIP_CHAR_HNV);
        break;
      case GST_SIP_PARAMS_STYLE_HEADER:
      case GST_SIP_PARAMS_STYLE_AUTH:
        if (style == GST_SIP_PARAMS_STYLE_HEADER)
          g_string_append_c (out, ';');
        else if (i > 0)
          g_string_append (out, ", ");
        g_string_append (out, param->name);
        if (param->value) {
          g_string_append_c (out, '=');
          if (param->quoted || needs_quotes (param->value))
            _gst_sip_append_quoted (out, param->value);
          else
            g_string_append (out, param->value);
        }
        break;
    }
  }
}
