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

#ifndef __GST_SIP_PARAMS_PRIVATE_H__
#define __GST_SIP_PARAMS_PRIVATE_H__

#include <glib.h>

G_BEGIN_DECLS

/* One ";name=value" parameter of a URI or header, or one auth-param.
 * Names compare case-insensitively. */
typedef struct
{
  gchar *name;
  gchar *value; /* NULL for a parameter without a value */
  gboolean quoted; /* written as a quoted-string */
} GstSipParam;

typedef struct
{
  GstSipParam *items;
  guint len;
  guint alloc;
} GstSipParams;

typedef enum
{
  GST_SIP_PARAMS_STYLE_URI, /* ;name=value, escaped */
  GST_SIP_PARAMS_STYLE_URI_HEADERS, /* ?name=value&name=value, escaped */
  GST_SIP_PARAMS_STYLE_HEADER, /* ;name=value, token or quoted-string */
  GST_SIP_PARAMS_STYLE_AUTH, /* name=value, name=value */
} GstSipParamsStyle;

G_GNUC_INTERNAL
void _gst_sip_params_clear (GstSipParams *params);

G_GNUC_INTERNAL
void _gst_sip_params_copy (GstSipParams *dest, const GstSipParams *src);

G_GNUC_INTERNAL
const GstSipParam *_gst_sip_params_find (
    const GstSipParams *params, const gchar *name);

G_GNUC_INTERNAL
void _gst_sip_params_set (GstSipParams *params, const gchar *name,
    const gchar *value, gboolean quoted);

G_GNUC_INTERNAL
void _gst_sip_params_append_take (
    GstSipParams *params, gchar *name, gchar *value, gboolean quoted);

G_GNUC_INTERNAL
gboolean _gst_sip_params_remove (GstSipParams *params, const gchar *name);

G_GNUC_INTERNAL
gchar **_gst_sip_params_get_names (const GstSipParams *params);

G_GNUC_INTERNAL
void _gst_sip_params_write (
    const GstSipParams *params, GString *out, GstSipParamsStyle style);

G_END_DECLS

#endif /* __GST_SIP_PARAMS_PRIVATE_H__ */
