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

/*
 * Lexical helpers shared by the URI, header and message parsers.  Everything
 * here works on length-bounded byte ranges (GstSipSlice) and never reads
 * outside them; nothing allocates unless the name says so.
 */

#ifndef __GST_SIP_SCAN_PRIVATE_H__
#define __GST_SIP_SCAN_PRIVATE_H__

#include <glib.h>

#include "sip-params-private.h"

G_BEGIN_DECLS

/* character classes of RFC 3261 section 25.1 */
enum
{
  GST_SIP_CHAR_ALPHA = 1 << 0,
  GST_SIP_CHAR_DIGIT = 1 << 1,
  GST_SIP_CHAR_TOKEN = 1 << 2, /* token */
  GST_SIP_CHAR_WORD = 1 << 3, /* word (Call-ID) */
  GST_SIP_CHAR_UNRESERVED = 1 << 4, /* alphanum / mark */
  GST_SIP_CHAR_USER = 1 << 5, /* unreserved / user-unreserved */
  GST_SIP_CHAR_PASSWORD = 1 << 6, /* unreserved / "&=+$," */
  GST_SIP_CHAR_PARAM = 1 << 7, /* unreserved / param-unreserved */
  GST_SIP_CHAR_HNV = 1 << 8, /* unreserved / hnv-unreserved */
  GST_SIP_CHAR_HOST = 1 << 9, /* alphanum / "-" / "." (and "_") */
  GST_SIP_CHAR_URIC = 1 << 10, /* unreserved / reserved (absoluteURI) */
  GST_SIP_CHAR_HEX = 1 << 11,
  GST_SIP_CHAR_SCHEME = 1 << 12, /* ALPHA / DIGIT / "+" / "-" / "." */
  GST_SIP_CHAR_WS = 1 << 13, /* SP / HTAB */
};

G_GNUC_INTERNAL extern const guint16 _gst_sip_char_class[256];

#define GST_SIP_IS_CHAR(c, cls) \
  ((_gst_sip_char_class[(guint8) (c)] & (cls)) != 0)

/**
 * GstSipSlice:
 *
 * A byte range inside a buffer owned by somebody else; not NUL-terminated.
 */
typedef struct
{
  const gchar *ptr;
  gsize len;
} GstSipSlice;

#define GST_SIP_SLICE_INIT \
  {                        \
    NULL, 0                \
  }

static inline gboolean
_gst_sip_slice_is_set (const GstSipSlice *s)
{
  return s->ptr != NULL;
}

static inline GstSipSlice
_gst_sip_slice (const gchar *ptr, gsize len)
{
  GstSipSlice s = { ptr, len };
  return s;
}

G_GNUC_INTERNAL
gboolean _gst_sip_slice_equal (const GstSipSlice *s, const gchar *str);

G_GNUC_INTERNAL
gboolean _gst_sip_slice_equal_ci (const GstSipSlice *s, const gchar *str);

G_GNUC_INTERNAL
gboolean _gst_sip_slices_equal_ci (const GstSipSlice *a, const GstSipSlice *b);

G_GNUC_INTERNAL
gchar *_gst_sip_slice_dup (const GstSipSlice *s);

/* compares two validated, %HH-escaped ranges by their decoded bytes,
 * case-insensitively */
G_GNUC_INTERNAL
gboolean _gst_sip_escaped_equal_ci (const GstSipSlice *a, const GstSipSlice *b);

G_GNUC_INTERNAL
GstSipSlice _gst_sip_slice_trim (GstSipSlice s);

/* Parses a decimal number without sign, rejecting overflow past @max. */
G_GNUC_INTERNAL
gboolean _gst_sip_slice_to_uint (
    const GstSipSlice *s, guint64 max, guint64 *value);

/**
 * GstSipScanner:
 *
 * A cursor over a length-bounded range.
 */
typedef struct
{
  const gchar *p;
  const gchar *end;
} GstSipScanner;

static inline void
_gst_sip_scanner_init (GstSipScanner *sc, const gchar *p, gsize len)
{
  sc->p = p;
  sc->end = p + len;
}

static inline gboolean
_gst_sip_scanner_eof (const GstSipScanner *sc)
{
  return sc->p >= sc->end;
}

static inline gint
_gst_sip_scanner_peek (const GstSipScanner *sc)
{
  return sc->p < sc->end ? (guint8) *sc->p : -1;
}

/* skips SP / HTAB (header values are already unfolded) */
static inline void
_gst_sip_scanner_skip_ws (GstSipScanner *sc)
{
  while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t'))
    sc->p++;
}

/* skips optional whitespace, then @c, then optional whitespace */
G_GNUC_INTERNAL
gboolean _gst_sip_scanner_accept_sep (GstSipScanner *sc, gchar c);

/* a run of characters of class @cls (may be empty) */
G_GNUC_INTERNAL
GstSipSlice _gst_sip_scanner_read_class (GstSipScanner *sc, guint16 cls);

/* a run of characters of class @cls or %HH escapes; FALSE on a bad escape */
G_GNUC_INTERNAL
gboolean _gst_sip_scanner_read_escaped (
    GstSipScanner *sc, guint16 cls, GstSipSlice *out);

/* a quoted-string including both DQUOTEs; FALSE if unterminated */
G_GNUC_INTERNAL
gboolean _gst_sip_scanner_read_quoted (GstSipScanner *sc, GstSipSlice *out);

/* removes the DQUOTEs and resolves quoted-pairs into a new string */
G_GNUC_INTERNAL
gchar *_gst_sip_unquote (const GstSipSlice *quoted);

/* appends @str as a quoted-string, escaping '"' and '\' */
G_GNUC_INTERNAL
void _gst_sip_append_quoted (GString *out, const gchar *str);

/* decodes %HH escapes into a new string; the input must be validated */
G_GNUC_INTERNAL
gchar *_gst_sip_unescape (const GstSipSlice *s);

/* appends @str, escaping every byte that is not in @allowed as %HH */
G_GNUC_INTERNAL
void _gst_sip_append_escaped (GString *out, const gchar *str, guint16 allowed);

/* whether @s is a valid host: hostname, IPv4address or IPv6reference */
G_GNUC_INTERNAL
gboolean _gst_sip_host_is_valid (const GstSipSlice *s);

/* one generic-param after a ';' separator: token [ "=" (token / host /
 * quoted-string) ]; @value is unset for a parameter without a value and
 * includes the DQUOTEs when @quoted */
G_GNUC_INTERNAL
gboolean _gst_sip_scanner_read_generic_param (
    GstSipScanner *sc, GstSipSlice *name, GstSipSlice *value, gboolean *quoted);

/* a run of generic-params ";a=b;c" (possibly empty); FALSE on bad syntax */
G_GNUC_INTERNAL
gboolean _gst_sip_scanner_read_generic_params (
    GstSipScanner *sc, GstSipSlice *raw);

/* builds an owned parameter list from a range returned by
 * _gst_sip_scanner_read_generic_params() */
G_GNUC_INTERNAL
void _gst_sip_generic_params_to_list (
    const GstSipSlice *raw, GstSipParams *params);

/* splits a header value into its comma-separated elements, respecting
 * quoted strings and <...>; calls @func for each trimmed non-empty element */
typedef gboolean (*GstSipElementFunc) (
    const GstSipSlice *element, gpointer user_data);

G_GNUC_INTERNAL
gboolean _gst_sip_split_list (
    const gchar *value, gsize len, GstSipElementFunc func, gpointer user_data);

G_END_DECLS

#endif /* __GST_SIP_SCAN_PRIVATE_H__ */
