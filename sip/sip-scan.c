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

#include "sip-scan-private.h"

/* The table is generated from the ABNF character sets of RFC 3261 25.1. */
#define C_A GST_SIP_CHAR_ALPHA
#define C_D GST_SIP_CHAR_DIGIT
#define C_T GST_SIP_CHAR_TOKEN
#define C_W GST_SIP_CHAR_WORD
#define C_U GST_SIP_CHAR_UNRESERVED
#define C_US GST_SIP_CHAR_USER
#define C_PW GST_SIP_CHAR_PASSWORD
#define C_PA GST_SIP_CHAR_PARAM
#define C_HV GST_SIP_CHAR_HNV
#define C_HO GST_SIP_CHAR_HOST
#define C_UC GST_SIP_CHAR_URIC
#define C_X GST_SIP_CHAR_HEX
#define C_S GST_SIP_CHAR_SCHEME
#define C_SP GST_SIP_CHAR_WS

const guint16 _gst_sip_char_class[256] = {
  /* 0x00 */ 0,
  /* 0x01 */ 0,
  /* 0x02 */ 0,
  /* 0x03 */ 0,
  /* 0x04 */ 0,
  /* 0x05 */ 0,
  /* 0x06 */ 0,
  /* 0x07 */ 0,
  /* 0x08 */ 0,
  /* 0x09 */ C_SP,
  /* 0x0a */ 0,
  /* 0x0b */ 0,
  /* 0x0c */ 0,
  /* 0x0d */ 0,
  /* 0x0e */ 0,
  /* 0x0f */ 0,
  /* 0x10 */ 0,
  /* 0x11 */ 0,
  /* 0x12 */ 0,
  /* 0x13 */ 0,
  /* 0x14 */ 0,
  /* 0x15 */ 0,
  /* 0x16 */ 0,
  /* 0x17 */ 0,
  /* 0x18 */ 0,
  /* 0x19 */ 0,
  /* 0x1a */ 0,
  /* 0x1b */ 0,
  /* 0x1c */ 0,
  /* 0x1d */ 0,
  /* 0x1e */ 0,
  /* 0x1f */ 0,
  /* 0x20 */ C_SP,
  /* '!' */ C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_UC,
  /* '"' */ C_W,
  /* '#' */ 0,
  /* '$' */ C_US | C_PW | C_PA | C_HV | C_UC,
  /* '%' */ C_T | C_W,
  /* '&' */ C_US | C_PW | C_PA | C_UC,
  /* 0x27 */ C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_UC,
  /* '(' */ C_W | C_U | C_US | C_PW | C_PA | C_HV | C_UC,
  /* ')' */ C_W | C_U | C_US | C_PW | C_PA | C_HV | C_UC,
  /* '*' */ C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_UC,
  /* '+' */ C_T | C_W | C_US | C_PW | C_PA | C_HV | C_UC | C_S,
  /* ',' */ C_US | C_PW | C_UC,
  /* '-' */ C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC | C_S,
  /* '.' */ C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC | C_S,
  /* '/' */ C_W | C_US | C_PA | C_HV | C_UC,
  /* '0' */ C_D | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* '1' */ C_D | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* '2' */ C_D | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* '3' */ C_D | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* '4' */ C_D | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* '5' */ C_D | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* '6' */ C_D | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* '7' */ C_D | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* '8' */ C_D | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* '9' */ C_D | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* ':' */ C_W | C_PA | C_HV | C_UC,
  /* ';' */ C_US | C_UC,
  /* '<' */ C_W,
  /* '=' */ C_US | C_PW | C_UC,
  /* '>' */ C_W,
  /* '?' */ C_W | C_US | C_HV | C_UC,
  /* '@' */ C_UC,
  /* 'A' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'B' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'C' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'D' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'E' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'F' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'G' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'H' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'I' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'J' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'K' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'L' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'M' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'N' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'O' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'P' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'Q' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'R' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'S' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'T' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'U' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'V' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'W' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'X' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'Y' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'Z' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* '[' */ C_W | C_PA | C_HV | C_UC,
  /* 0x5c */ C_W,
  /* ']' */ C_W | C_PA | C_HV | C_UC,
  /* '^' */ 0,
  /* '_' */ C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC,
  /* '`' */ C_T | C_W,
  /* 'a' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'b' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'c' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'd' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'e' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'f' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_X | C_S,
  /* 'g' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'h' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'i' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'j' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'k' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'l' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'm' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'n' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'o' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'p' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'q' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'r' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 's' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 't' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'u' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'v' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'w' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'x' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'y' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* 'z' */ C_A | C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_HO | C_UC |
      C_S,
  /* '{' */ C_W,
  /* '|' */ 0,
  /* '}' */ C_W,
  /* '~' */ C_T | C_W | C_U | C_US | C_PW | C_PA | C_HV | C_UC,
  /* 0x7f */ 0,
  /* 0x80 */ 0,
  /* 0x81 */ 0,
  /* 0x82 */ 0,
  /* 0x83 */ 0,
  /* 0x84 */ 0,
  /* 0x85 */ 0,
  /* 0x86 */ 0,
  /* 0x87 */ 0,
  /* 0x88 */ 0,
  /* 0x89 */ 0,
  /* 0x8a */ 0,
  /* 0x8b */ 0,
  /* 0x8c */ 0,
  /* 0x8d */ 0,
  /* 0x8e */ 0,
  /* 0x8f */ 0,
  /* 0x90 */ 0,
  /* 0x91 */ 0,
  /* 0x92 */ 0,
  /* 0x93 */ 0,
  /* 0x94 */ 0,
  /* 0x95 */ 0,
  /* 0x96 */ 0,
  /* 0x97 */ 0,
  /* 0x98 */ 0,
  /* 0x99 */ 0,
  /* 0x9a */ 0,
  /* 0x9b */ 0,
  /* 0x9c */ 0,
  /* 0x9d */ 0,
  /* 0x9e */ 0,
  /* 0x9f */ 0,
  /* 0xa0 */ 0,
  /* 0xa1 */ 0,
  /* 0xa2 */ 0,
  /* 0xa3 */ 0,
  /* 0xa4 */ 0,
  /* 0xa5 */ 0,
  /* 0xa6 */ 0,
  /* 0xa7 */ 0,
  /* 0xa8 */ 0,
  /* 0xa9 */ 0,
  /* 0xaa */ 0,
  /* 0xab */ 0,
  /* 0xac */ 0,
  /* 0xad */ 0,
  /* 0xae */ 0,
  /* 0xaf */ 0,
  /* 0xb0 */ 0,
  /* 0xb1 */ 0,
  /* 0xb2 */ 0,
  /* 0xb3 */ 0,
  /* 0xb4 */ 0,
  /* 0xb5 */ 0,
  /* 0xb6 */ 0,
  /* 0xb7 */ 0,
  /* 0xb8 */ 0,
  /* 0xb9 */ 0,
  /* 0xba */ 0,
  /* 0xbb */ 0,
  /* 0xbc */ 0,
  /* 0xbd */ 0,
  /* 0xbe */ 0,
  /* 0xbf */ 0,
  /* 0xc0 */ 0,
  /* 0xc1 */ 0,
  /* 0xc2 */ 0,
  /* 0xc3 */ 0,
  /* 0xc4 */ 0,
  /* 0xc5 */ 0,
  /* 0xc6 */ 0,
  /* 0xc7 */ 0,
  /* 0xc8 */ 0,
  /* 0xc9 */ 0,
  /* 0xca */ 0,
  /* 0xcb */ 0,
  /* 0xcc */ 0,
  /* 0xcd */ 0,
  /* 0xce */ 0,
  /* 0xcf */ 0,
  /* 0xd0 */ 0,
  /* 0xd1 */ 0,
  /* 0xd2 */ 0,
  /* 0xd3 */ 0,
  /* 0xd4 */ 0,
  /* 0xd5 */ 0,
  /* 0xd6 */ 0,
  /* 0xd7 */ 0,
  /* 0xd8 */ 0,
  /* 0xd9 */ 0,
  /* 0xda */ 0,
  /* 0xdb */ 0,
  /* 0xdc */ 0,
  /* 0xdd */ 0,
  /* 0xde */ 0,
  /* 0xdf */ 0,
  /* 0xe0 */ 0,
  /* 0xe1 */ 0,
  /* 0xe2 */ 0,
  /* 0xe3 */ 0,
  /* 0xe4 */ 0,
  /* 0xe5 */ 0,
  /* 0xe6 */ 0,
  /* 0xe7 */ 0,
  /* 0xe8 */ 0,
  /* 0xe9 */ 0,
  /* 0xea */ 0,
  /* 0xeb */ 0,
  /* 0xec */ 0,
  /* 0xed */ 0,
  /* 0xee */ 0,
  /* 0xef */ 0,
  /* 0xf0 */ 0,
  /* 0xf1 */ 0,
  /* 0xf2 */ 0,
  /* 0xf3 */ 0,
  /* 0xf4 */ 0,
  /* 0xf5 */ 0,
  /* 0xf6 */ 0,
  /* 0xf7 */ 0,
  /* 0xf8 */ 0,
  /* 0xf9 */ 0,
  /* 0xfa */ 0,
  /* 0xfb */ 0,
  /* 0xfc */ 0,
  /* 0xfd */ 0,
  /* 0xfe */ 0,
  /* 0xff */ 0,
};

#undef C_A
#undef C_D
#undef C_T
#undef C_W
#undef C_U
#undef C_US
#undef C_PW
#undef C_PA
#undef C_HV
#undef C_HO
#undef C_UC
#undef C_X
#undef C_S
#undef C_SP

gboolean
_gst_sip_slice_equal (const GstSipSlice *s, const gchar *str)
{
  gsize len = strlen (str);

  return s->ptr && s->len == len && memcmp (s->ptr, str, len) == 0;
}

gboolean
_gst_sip_slice_equal_ci (const GstSipSlice *s, const gchar *str)
{
  gsize len = strlen (str);

  return s->ptr && s->len == len && g_ascii_strncasecmp (s->ptr, str, len) == 0;
}

gboolean
_gst_sip_slices_equal_ci (const GstSipSlice *a, const GstSipSlice *b)
{
  return a->len == b->len &&
      (a->len == 0 || g_ascii_strncasecmp (a->ptr, b->ptr, a->len) == 0);
}

gchar *
_gst_sip_slice_dup (const GstSipSlice *s)
{
  return s->ptr ? g_strndup (s->ptr, s->len) : NULL;
}

GstSipSlice
_gst_sip_slice_trim (GstSipSlice s)
{
  while (s.len > 0 && GST_SIP_IS_CHAR (s.ptr[0], GST_SIP_CHAR_WS)) {
    s.ptr++;
    s.len--;
  }
  while (s.len > 0 && GST_SIP_IS_CHAR (s.ptr[s.len - 1], GST_SIP_CHAR_WS))
    s.len--;
  return s;
}

gboolean
_gst_sip_slice_to_uint (const GstSipSlice *s, guint64 max, guint64 *value)
{
  guint64 v = 0;
  gsize i;

  if (s->len == 0)
    return FALSE;

  for (i = 0; i < s->len; i++) {
    guint d;

    if (!g_ascii_isdigit (s->ptr[i]))
      return FALSE;
    d = s->ptr[i] - '0';
    if (v > (max - d) / 10)
      return FALSE;
    v = v * 10 + d;
  }
  *value = v;
  return TRUE;
}

gboolean
_gst_sip_scanner_accept_sep (GstSipScanner *sc, gchar c)
{
  const gchar *save = sc->p;

  _gst_sip_scanner_skip_ws (sc);
  if (sc->p < sc->end && *sc->p == c) {
    sc->p++;
    _gst_sip_scanner_skip_ws (sc);
    return TRUE;
  }
  sc->p = save;
  return FALSE;
}

GstSipSlice
_gst_sip_scanner_read_class (GstSipScanner *sc, guint16 cls)
{
  const gchar *start = sc->p;

  while (sc->p < sc->end && GST_SIP_IS_CHAR (*sc->p, cls))
    sc->p++;

  return _gst_sip_slice (start, sc->p - start);
}

gboolean
_gst_sip_scanner_read_escaped (GstSipScanner *sc, guint16 cls, GstSipSlice *out)
{
  const gchar *start = sc->p;

  while (sc->p < sc->end) {
    if (*sc->p == '%') {
      if (sc->end - sc->p < 3 ||
          !GST_SIP_IS_CHAR (sc->p[1], GST_SIP_CHAR_HEX) ||
          !GST_SIP_IS_CHAR (sc->p[2], GST_SIP_CHAR_HEX))
        return FALSE;
      sc->p += 3;
    } else if (GST_SIP_IS_CHAR (*sc->p, cls)) {
      sc->p++;
    } else {
      break;
    }
  }
  *out = _gst_sip_slice (start, sc->p - start);
  return TRUE;
}

gboolean
_gst_sip_scanner_read_quoted (GstSipScanner *sc, GstSipSlice *out)
{
  const gchar *start = sc->p;

  if (sc->p >= sc->end || *sc->p != '"')
    return FALSE;

  for (sc->p++; sc->p < sc->end; sc->p++) {
    guint8 c = *sc->p;

    if (c == '\\') {
      /* quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F) */
      if (sc->p + 1 >= sc->end)
        break;
      c = sc->p[1];
      if (c == '\r' || c == '\n' || c > 0x7f)
        break;
      sc->p++;
    } else if (c == '"') {
      sc->p++;
      *out = _gst_sip_slice (start, sc->p - start);
      return TRUE;
    } else if (c < 0x20 && c != '\t') {
      break;
    } else if (c == 0x7f) {
      break;
    }
  }

  sc->p = start;
  return FALSE;
}

gchar *
_gst_sip_unquote (const GstSipSlice *quoted)
{
  GString *out;
  gsize i;

  g_return_val_if_fail (quoted->len >= 2, NULL);

  out = g_string_sized_new (quoted->len);
  for (i = 1; i < quoted->len - 1; i++) {
    if (quoted->ptr[i] == '\\' && i + 1 < quoted->len - 1)
      i++;
    g_string_append_c (out, quoted->ptr[i]);
  }

  return g_string_free (out, FALSE);
}

void
_gst_sip_append_quoted (GString *out, const gchar *str)
{
  g_string_append_c (out, '"');
  for (; *str; str++) {
    guint8 c = *str;

    if (c == '\r' || c == '\n') {
      /* no quoted-pair can carry them: a line break becomes a space */
      g_string_append_c (out, ' ');
      continue;
    }
    /* quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F) */
    if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f)
      g_string_append_c (out, '\\');
    g_string_append_c (out, c);
  }
  g_string_append_c (out, '"');
}

static inline guint
hex_value (gchar c)
{
  return g_ascii_isdigit (c) ? c - '0' : g_ascii_tolower (c) - 'a' + 10;
}

/* the next decoded byte of @s at *@i */
static guint8
next_decoded (const GstSipSlice *s, gsize *i)
{
  guint8 c = s->ptr[*i];

  if (c == '%' && *i + 2 < s->len) {
    c = (hex_value (s->ptr[*i + 1]) << 4) | hex_value (s->ptr[*i + 2]);
    *i += 3;
  } else {
    *i += 1;
  }
  return c;
}

gboolean
_gst_sip_escaped_equal_ci (const GstSipSlice *a, const GstSipSlice *b)
{
  gsize i = 0, j = 0;

  while (i < a->len && j < b->len) {
    if (g_ascii_tolower (next_decoded (a, &i)) !=
        g_ascii_tolower (next_decoded (b, &j)))
      return FALSE;
  }
  return i == a->len && j == b->len;
}


gchar *
_gst_sip_unescape (const GstSipSlice *s)
{
  gchar *out, *o;
  gsize i;

  if (!s->ptr)
    return NULL;

  o = out = g_malloc (s->len + 1);
  for (i = 0; i < s->len; i++) {
    if (s->ptr[i] == '%' && i + 2 < s->len) {
      gchar c = (hex_value (s->ptr[i + 1]) << 4) | hex_value (s->ptr[i + 2]);

      /* %00 cannot live in a C string: it stays escaped */
      if (c == '\0') {
        memcpy (o, "%00", 3);
        o += 3;
      } else {
        *o++ = c;
      }
      i += 2;
    } else {
      *o++ = s->ptr[i];
    }
  }
  *o = '\0';

  return out;
}

void
_gst_sip_append_escaped (GString *out, const gchar *str, guint16 allowed)
{
  static const gchar hex[] = "0123456789ABCDEF";

  for (; *str; str++) {
    guint8 c = *str;

    if (c == '%' && str[1] == '0' && str[2] == '0') {
      /* an escaped NUL kept by _gst_sip_unescape() */
      g_string_append_len (out, str, 3);
      str += 2;
    } else if (GST_SIP_IS_CHAR (c, allowed)) {
      g_string_append_c (out, c);
    } else {
      g_string_append_c (out, '%');
      g_string_append_c (out, hex[c >> 4]);
      g_string_append_c (out, hex[c & 0xf]);
    }
  }
}

static gboolean
ipv4_is_valid (const GstSipSlice *s)
{
  guint parts = 0, digits = 0, value = 0;
  gsize i;

  for (i = 0; i < s->len; i++) {
    gchar c = s->ptr[i];

    if (g_ascii_isdigit (c)) {
      value = value * 10 + (c - '0');
      if (++digits > 3 || value > 255)
        return FALSE;
    } else if (c == '.') {
      if (digits == 0)
        return FALSE;
      parts++;
      digits = value = 0;
    } else {
      return FALSE;
    }
  }

  return digits > 0 && parts == 3;
}

static gboolean
ipv6_is_valid (const gchar *p, gsize len)
{
  gchar buf[64];

  /* let GIO do the real work; this only bounds the copy */
  if (len == 0 || len >= sizeof (buf))
    return FALSE;
  memcpy (buf, p, len);
  buf[len] = '\0';

  return strchr (buf, ':') != NULL && g_hostname_is_ip_address (buf);
}

gboolean
_gst_sip_host_is_valid (const GstSipSlice *s)
{
  gsize i, label_len = 0;
  gboolean all_numeric = TRUE;

  if (s->len == 0)
    return FALSE;

  if (s->ptr[0] == '[')
    return s->len > 2 && s->ptr[s->len - 1] == ']' &&
        ipv6_is_valid (s->ptr + 1, s->len - 2);

  for (i = 0; i < s->len; i++) {
    gchar c = s->ptr[i];

    if (c == '.') {
      /* no empty labels, but a trailing dot is allowed */
      if (label_len == 0 || s->ptr[i - 1] == '-')
        return FALSE;
      label_len = 0;
      continue;
    }
    if (!GST_SIP_IS_CHAR (c, GST_SIP_CHAR_HOST))
      return FALSE;
    if (c == '-' && label_len == 0)
      return FALSE;
    if (!g_ascii_isdigit (c))
      all_numeric = FALSE;
    label_len++;
  }
  if (label_len > 0 && s->ptr[s->len - 1] == '-')
    return FALSE;

  /* dotted digits must be a valid IPv4 address; a lone number is accepted
   * as a host name, as GB28181 platforms use domain IDs such as 34020000 */
  if (all_numeric && memchr (s->ptr, '.', s->len))
    return ipv4_is_valid (s);

  return TRUE;
}

gboolean
_gst_sip_split_list (
    const gchar *value, gsize len, GstSipElementFunc func, gpointer user_data)
{
  const gchar *p = value, *end = value + len, *start = value;
  gboolean in_quotes = FALSE, in_angle = FALSE;

  for (; p <= end; p++) {
    if (p == end || (*p == ',' && !in_quotes && !in_angle)) {
      GstSipSlice elem =
          _gst_sip_slice_trim (_gst_sip_slice (start, p - start));

      if (elem.len > 0 && !func (&elem, user_data))
        return FALSE;
      start = p + 1;
      continue;
    }
    if (in_quotes) {
      if (*p == '\\' && p + 1 < end)
        p++;
      else if (*p == '"')
        in_quotes = FALSE;
    } else if (*p == '"') {
      in_quotes = TRUE;
    } else if (*p == '<') {
      in_angle = TRUE;
    } else if (*p == '>') {
      in_angle = FALSE;
    }
  }

  return TRUE;
}

gboolean
_gst_sip_scanner_read_generic_param (
    GstSipScanner *sc, GstSipSlice *name, GstSipSlice *value, gboolean *quoted)
{
  *name = _gst_sip_scanner_read_class (sc, GST_SIP_CHAR_TOKEN);
  *value = _gst_sip_slice (NULL, 0);
  *quoted = FALSE;
  if (name->len == 0)
    return FALSE;

  if (_gst_sip_scanner_accept_sep (sc, '=')) {
    if (_gst_sip_scanner_peek (sc) == '"') {
      if (!_gst_sip_scanner_read_quoted (sc, value))
        return FALSE;
      *quoted = TRUE;
    } else {
      const gchar *start = sc->p;

      while (sc->p < sc->end &&
          (GST_SIP_IS_CHAR (*sc->p, GST_SIP_CHAR_TOKEN) || *sc->p == ':' ||
              *sc->p == '[' || *sc->p == ']'))
        sc->p++;
      *value = _gst_sip_slice (start, sc->p - start);
      if (value->len == 0)
        return FALSE;
    }
  }
  return TRUE;
}

gboolean
_gst_sip_scanner_read_generic_params (GstSipScanner *sc, GstSipSlice *raw)
{
  const gchar *start;

  _gst_sip_scanner_skip_ws (sc);
  start = sc->p;
  while (_gst_sip_scanner_accept_sep (sc, ';')) {
    GstSipSlice name, value;
    gboolean quoted;

    if (!_gst_sip_scanner_read_generic_param (sc, &name, &value, &quoted))
      return FALSE;
  }
  *raw = _gst_sip_slice (start, sc->p - start);
  _gst_sip_scanner_skip_ws (sc);

  return TRUE;
}

void
_gst_sip_generic_params_to_list (const GstSipSlice *raw, GstSipParams *params)
{
  GstSipScanner sc;

  _gst_sip_scanner_init (&sc, raw->ptr, raw->len);
  while (_gst_sip_scanner_accept_sep (&sc, ';')) {
    GstSipSlice name, value;
    gboolean quoted;

    if (!_gst_sip_scanner_read_generic_param (&sc, &name, &value, &quoted))
      break;
    _gst_sip_params_append_take (params, _gst_sip_slice_dup (&name),
        quoted ? _gst_sip_unquote (&value) : _gst_sip_slice_dup (&value),
        quoted);
  }
}
