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
 * SECTION:sip-codec
 * @title: GstSipCodec
 * @short_description: RTP payload formats for SDP offer/answer
 *
 * A #GstSipCodec is one RTP payload format: media type, encoding name,
 * clock rate, channels, payload type and format parameters (`a=fmtp`).
 * A #GstSipSdpNegotiator takes lists of them in the order of preference,
 * writes them in offers and answers, and returns the negotiated ones.
 *
 * The library knows the offer/answer rules of these formats:
 *
 * - `PCMU/8000` (static payload type 0) and `PCMA/8000` (8);
 * - `AMR/8000` (RFC 4867): `octet-align`, `crc`, `robust-sorting` and
 *   `interleaving` must be the same on both sides, the answer's `mode-set`
 *   is the intersection of both, `mode-change-period` and
 *   `mode-change-neighbor` are taken from the offer and
 *   `mode-change-capability` from our side;
 * - `telephone-event/8000` (RFC 4733): the answer lists the events both
 *   sides handle (`0-15` when a side gives no list);
 * - `H263/90000` (static payload type 34, RFC 2190) and `H263-1998`,
 *   `H263-2000` (RFC 4629): the answer lists the picture sizes both sides
 *   list (`SQCIF`, `QCIF`, `CIF`, `CIF4`, `CIF16`, `CUSTOM`), each with the
 *   larger of the two minimum picture intervals, and the smaller `MaxBR`;
 *   parameters may be separated by `;`, spaces or `/`, as some peers write
 *   them;
 * - `H264/90000` (RFC 6184): the profile of `profile-level-id` must be one
 *   we decode, the level of the answer is the lower of both, or ours when
 *   both sides allow level asymmetry (`level-asymmetry-allowed=1`);
 *   `packetization-mode` 0 and 1 are accepted and answered as offered;
 *   `max-mbps`, `max-fs`, `max-br`, `max-cpb`, `max-dpb` and
 *   `sprop-parameter-sets` of the answer are ours;
 * - `MP4V-ES/90000` (RFC 6416): the answer gives our `profile-level-id` (or
 *   the offered one when we have none) and our `config`; the offered
 *   `profile-level-id` and `config` describe the peer's stream and are kept
 *   with the codecs to receive.
 *
 * Any other format (speex, G729, GSM, iLBC, opus, VP8...) is matched on its
 * encoding name, clock rate and channels only; the default codec lists do
 * not contain them, so the negotiator declines them in offers.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "sip-codec-private.h"

typedef enum
{
  RULE_GENERIC,
  RULE_TELEPHONE_EVENT,
  RULE_AMR,
  RULE_H263,
  RULE_H263_PLUS,
  RULE_H264,
  RULE_MP4V,
} CodecRule;

typedef struct
{
  const gchar *media;
  const gchar *name;
  guint clock_rate;
  guint channels; /* 0 for video */
  gint static_pt; /* -1 when none */
  CodecRule rule;
} CodecInfo;

/* the formats with rules of their own first, then the RFC 3551 static
 * payload types, to read offers that leave their rtpmap out */
static const CodecInfo codec_table[] = {
  { "audio", "PCMU", 8000, 1, 0, RULE_GENERIC },
  { "audio", "PCMA", 8000, 1, 8, RULE_GENERIC },
  { "audio", "AMR", 8000, 1, -1, RULE_AMR },
  { "audio", "telephone-event", 8000, 1, -1, RULE_TELEPHONE_EVENT },
  { "video", "H263", 90000, 0, 34, RULE_H263 },
  { "video", "H263-1998", 90000, 0, -1, RULE_H263_PLUS },
  { "video", "H263-2000", 90000, 0, -1, RULE_H263_PLUS },
  { "video", "H264", 90000, 0, -1, RULE_H264 },
  { "video", "MP4V-ES", 90000, 0, -1, RULE_MP4V },
  { "audio", "GSM", 8000, 1, 3, RULE_GENERIC },
  { "audio", "G723", 8000, 1, 4, RULE_GENERIC },
  { "audio", "DVI4", 8000, 1, 5, RULE_GENERIC },
  { "audio", "DVI4", 16000, 1, 6, RULE_GENERIC },
  { "audio", "LPC", 8000, 1, 7, RULE_GENERIC },
  { "audio", "G722", 8000, 1, 9, RULE_GENERIC },
  { "audio", "L16", 44100, 2, 10, RULE_GENERIC },
  { "audio", "L16", 44100, 1, 11, RULE_GENERIC },
  { "audio", "QCELP", 8000, 1, 12, RULE_GENERIC },
  { "audio", "CN", 8000, 1, 13, RULE_GENERIC },
  { "audio", "MPA", 90000, 1, 14, RULE_GENERIC },
  { "audio", "G728", 8000, 1, 15, RULE_GENERIC },
  { "audio", "DVI4", 11025, 1, 16, RULE_GENERIC },
  { "audio", "DVI4", 22050, 1, 17, RULE_GENERIC },
  { "audio", "G729", 8000, 1, 18, RULE_GENERIC },
  { "video", "CelB", 90000, 0, 25, RULE_GENERIC },
  { "video", "JPEG", 90000, 0, 26, RULE_GENERIC },
  { "video", "nv", 90000, 0, 28, RULE_GENERIC },
  { "video", "H261", 90000, 0, 31, RULE_GENERIC },
  { "video", "MPV", 90000, 0, 32, RULE_GENERIC },
  { "video", "MP2T", 90000, 0, 33, RULE_GENERIC },
};

typedef struct
{
  gchar *key;
  gchar *value; /* NULL for a parameter without '=' */
} Param;

struct _GstSipCodec
{
  gchar *media;
  gchar *encoding_name;
  guint clock_rate;
  guint channels;
  guint pt;
  gchar *fmtp;
  CodecRule rule;
  GPtrArray *params; /* Param, parsed from fmtp */
};

G_DEFINE_BOXED_TYPE (
    GstSipCodec, gst_sip_codec, gst_sip_codec_copy, gst_sip_codec_free);

/* ---------------------------------------------------------------------- */
/* the table */

static const CodecInfo *
info_for_name (const gchar *name)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (codec_table); i++) {
    if (g_ascii_strcasecmp (codec_table[i].name, name) == 0)
      return &codec_table[i];
  }
  return NULL;
}

static const CodecInfo *
info_for_pt (guint pt)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (codec_table); i++) {
    if (codec_table[i].static_pt == (gint) pt)
      return &codec_table[i];
  }
  return NULL;
}

static gboolean
is_video (const gchar *media)
{
  return g_ascii_strcasecmp (media, "video") == 0;
}

/* ---------------------------------------------------------------------- */
/* format parameters */

static void
param_free (Param *param)
{
  g_free (param->key);
  g_free (param->value);
  g_free (param);
}

static GPtrArray *
params_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) param_free);
}

/* Splits @text into parameters.  RFC 4566 separates them with ';'; for the
 * formats we know, spaces separate them too (`QCIF=1 CIF=1 MaxBR=4520`),
 * and for H.263 also '/' (`QCIF=2 SQCIF=2/MaxBR=560`), which their values
 * never contain.  telephone-event has a list of events, not parameters. */
static GPtrArray *
params_parse (const gchar *text, CodecRule rule)
{
  GPtrArray *params = params_new ();
  const gchar *separators;
  const gchar *p = text;

  if (!text)
    return params;

  switch (rule) {
    case RULE_GENERIC:
      separators = ";";
      break;
    case RULE_TELEPHONE_EVENT:
      separators = "";
      break;
    case RULE_H263:
    case RULE_H263_PLUS:
      separators = "; \t/";
      break;
    default:
      separators = "; \t";
      break;
  }

  while (*p) {
    gsize n = *separators ? strcspn (p, separators) : strlen (p);
    gchar *token = g_strstrip (g_strndup (p, n));
    gchar *eq = strchr (token, '=');

    if (*token && eq != token) {
      Param *param = g_new0 (Param, 1);

      if (eq && rule != RULE_TELEPHONE_EVENT) {
        *eq = '\0';
        param->key = g_strdup (g_strstrip (token));
        param->value = g_strdup (g_strstrip (eq + 1));
      } else {
        param->key = g_strdup (token);
      }
      g_ptr_array_add (params, param);
    }
    g_free (token);
    p += n;
    if (*p)
      p++;
  }
  return params;
}

static const Param *
params_find (GPtrArray *params, const gchar *key)
{
  guint i;

  for (i = 0; i < params->len; i++) {
    const Param *param = g_ptr_array_index (params, i);

    if (g_ascii_strcasecmp (param->key, key) == 0)
      return param;
  }
  return NULL;
}

static const gchar *
params_get (GPtrArray *params, const gchar *key)
{
  const Param *param = params_find (params, key);

  if (!param)
    return NULL;
  return param->value ? param->value : "";
}

static void
params_remove (GPtrArray *params, const gchar *key)
{
  guint i = 0;

  while (i < params->len) {
    const Param *param = g_ptr_array_index (params, i);

    if (g_ascii_strcasecmp (param->key, key) == 0)
      g_ptr_array_remove_index (params, i);
    else
      i++;
  }
}

/* appends, or replaces the value of the first parameter named @key */
static void
params_set (GPtrArray *params, const gchar *key, const gchar *value)
{
  Param *param = (Param *) params_find (params, key);

  if (param) {
    g_free (param->value);
    param->value = g_strdup (value);
    return;
  }
  param = g_new0 (Param, 1);
  param->key = g_strdup (key);
  param->value = g_strdup (value);
  g_ptr_array_add (params, param);
}

static void
params_set_uint (GPtrArray *params, const gchar *key, guint value)
{
  gchar text[16];

  g_snprintf (text, sizeof (text), "%u", value);
  params_set (params, key, text);
}

/* copies the parameter @key of @from into @to, when @from has it */
static void
params_copy_key (GPtrArray *to, GPtrArray *from, const gchar *key)
{
  const Param *param = params_find (from, key);

  if (param)
    params_set (to, param->key, param->value);
}

/* @with_flags: include the parameters without a value */
static gchar *
params_to_string (GPtrArray *params, gboolean with_flags)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < params->len; i++) {
    const Param *param = g_ptr_array_index (params, i);

    if (!param->value && !with_flags)
      continue;
    if (s->len)
      g_string_append_c (s, ';');
    g_string_append (s, param->key);
    if (param->value)
      g_string_append_printf (s, "=%s", param->value);
  }
  if (s->len == 0) {
    g_string_free (s, TRUE);
    return NULL;
  }
  return g_string_free (s, FALSE);
}

/* a decimal number from @text, or @fallback when @text is NULL or not a
 * number */
static guint
parse_uint (const gchar *text, guint fallback)
{
  guint64 value;

  if (!text ||
      !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return fallback;
  return (guint) value;
}

static guint
param_uint (const GstSipCodec *codec, const gchar *key, guint fallback)
{
  return parse_uint (params_get (codec->params, key), fallback);
}

/* ---------------------------------------------------------------------- */
/* the codec */

static GstSipCodec *
codec_new (const gchar *media, const gchar *encoding_name, guint clock_rate,
    guint channels)
{
  GstSipCodec *codec = g_new0 (GstSipCodec, 1);
  const CodecInfo *info = info_for_name (encoding_name);
  guint i;

  codec->media = g_ascii_strdown (media, -1);
  codec->encoding_name = g_strdup (info ? info->name : encoding_name);
  codec->clock_rate = clock_rate;
  if (is_video (codec->media))
    codec->channels = 0;
  else
    codec->channels = channels ? channels : 1;
  codec->rule = info ? info->rule : RULE_GENERIC;
  codec->params = params_new ();
  codec->pt = GST_SIP_CODEC_FIRST_DYNAMIC_PT;

  for (i = 0; i < G_N_ELEMENTS (codec_table); i++) {
    const CodecInfo *e = &codec_table[i];

    if (e->static_pt >= 0 && g_ascii_strcasecmp (e->name, encoding_name) == 0 &&
        e->clock_rate == clock_rate &&
        (e->channels == 0 || e->channels == codec->channels)) {
      codec->pt = e->static_pt;
      break;
    }
  }
  return codec;
}

/**
 * gst_sip_codec_new: (constructor)
 * @media: the media type, `audio` or `video`
 * @encoding_name: the encoding name of the `a=rtpmap` attribute, such as
 *   `PCMU`, `AMR`, `telephone-event` or `H264` (compared without regard to
 *   case)
 * @clock_rate: the RTP clock rate, such as 8000 or 90000
 * @channels: the number of audio channels, or 0 for the default (1 for
 *   audio; ignored for video)
 *
 * Creates a codec without format parameters.  Its payload type is the
 * static one of RFC 3551 when the format has one (0 for PCMU, 8 for PCMA,
 * 34 for H263), otherwise 96; a #GstSipSdpNegotiator gives the codecs of
 * its offers distinct dynamic payload types.
 *
 * Returns: (transfer full): a new #GstSipCodec
 *
 * Since: 0.1
 */
GstSipCodec *
gst_sip_codec_new (const gchar *media, const gchar *encoding_name,
    guint clock_rate, guint channels)
{
  g_return_val_if_fail (media != NULL && *media != '\0', NULL);
  g_return_val_if_fail (encoding_name != NULL && *encoding_name != '\0', NULL);
  g_return_val_if_fail (clock_rate > 0, NULL);

  return codec_new (media, encoding_name, clock_rate, channels);
}

/**
 * gst_sip_codec_copy:
 * @codec: a #GstSipCodec
 *
 * Returns: (transfer full): a copy of @codec
 *
 * Since: 0.1
 */
GstSipCodec *
gst_sip_codec_copy (const GstSipCodec *codec)
{
  GstSipCodec *copy;

  g_return_val_if_fail (codec != NULL, NULL);

  copy = g_new0 (GstSipCodec, 1);
  copy->media = g_strdup (codec->media);
  copy->encoding_name = g_strdup (codec->encoding_name);
  copy->clock_rate = codec->clock_rate;
  copy->channels = codec->channels;
  copy->pt = codec->pt;
  copy->rule = codec->rule;
  copy->fmtp = g_strdup (codec->fmtp);
  copy->params = params_parse (codec->fmtp, codec->rule);
  return copy;
}

/**
 * gst_sip_codec_free:
 * @codec: (transfer full): a #GstSipCodec
 *
 * Frees @codec.
 *
 * Since: 0.1
 */
void
gst_sip_codec_free (GstSipCodec *codec)
{
  g_return_if_fail (codec != NULL);

  g_free (codec->media);
  g_free (codec->encoding_name);
  g_free (codec->fmtp);
  g_ptr_array_unref (codec->params);
  g_free (codec);
}

/**
 * gst_sip_codec_get_media:
 * @codec: a #GstSipCodec
 *
 * Returns: the media type in lower case, such as `audio` or `video`
 *
 * Since: 0.1
 */
const gchar *
gst_sip_codec_get_media (const GstSipCodec *codec)
{
  g_return_val_if_fail (codec != NULL, NULL);

  return codec->media;
}

/**
 * gst_sip_codec_get_encoding_name:
 * @codec: a #GstSipCodec
 *
 * Returns: the encoding name; for the formats the library knows, in the
 *   spelling of their RFC (`PCMU`, `telephone-event`, `MP4V-ES`), otherwise
 *   as given
 *
 * Since: 0.1
 */
const gchar *
gst_sip_codec_get_encoding_name (const GstSipCodec *codec)
{
  g_return_val_if_fail (codec != NULL, NULL);

  return codec->encoding_name;
}

/**
 * gst_sip_codec_get_clock_rate:
 * @codec: a #GstSipCodec
 *
 * Returns: the RTP clock rate
 *
 * Since: 0.1
 */
guint
gst_sip_codec_get_clock_rate (const GstSipCodec *codec)
{
  g_return_val_if_fail (codec != NULL, 0);

  return codec->clock_rate;
}

/**
 * gst_sip_codec_get_channels:
 * @codec: a #GstSipCodec
 *
 * Returns: the number of audio channels (at least 1), or 0 for video
 *
 * Since: 0.1
 */
guint
gst_sip_codec_get_channels (const GstSipCodec *codec)
{
  g_return_val_if_fail (codec != NULL, 0);

  return codec->channels;
}

/**
 * gst_sip_codec_get_payload_type:
 * @codec: a #GstSipCodec
 *
 * Returns: the RTP payload type (0 to 127)
 *
 * Since: 0.1
 */
guint
gst_sip_codec_get_payload_type (const GstSipCodec *codec)
{
  g_return_val_if_fail (codec != NULL, 0);

  return codec->pt;
}

/**
 * gst_sip_codec_set_payload_type:
 * @codec: a #GstSipCodec
 * @pt: the RTP payload type, 0 to 127
 *
 * Sets the payload type.  A #GstSipSdpNegotiator keeps a dynamic payload
 * type (96 to 127) that is not taken yet in the m-line, and the static one
 * of the format.
 *
 * Since: 0.1
 */
void
gst_sip_codec_set_payload_type (GstSipCodec *codec, guint pt)
{
  g_return_if_fail (codec != NULL);
  g_return_if_fail (pt <= 127);

  codec->pt = pt;
}

/**
 * gst_sip_codec_get_fmtp:
 * @codec: a #GstSipCodec
 *
 * Returns: (nullable): the format parameters, the text of the `a=fmtp`
 *   attribute after the payload type, or %NULL when there are none
 *
 * Since: 0.1
 */
const gchar *
gst_sip_codec_get_fmtp (const GstSipCodec *codec)
{
  g_return_val_if_fail (codec != NULL, NULL);

  return codec->fmtp;
}

/**
 * gst_sip_codec_set_fmtp:
 * @codec: a #GstSipCodec
 * @fmtp: (nullable): the format parameters, such as
 *   `profile-level-id=42e01f;packetization-mode=1`, or %NULL for none
 *
 * Sets the format parameters.
 *
 * Since: 0.1
 */
void
gst_sip_codec_set_fmtp (GstSipCodec *codec, const gchar *fmtp)
{
  gchar *text = NULL;

  g_return_if_fail (codec != NULL);

  if (fmtp) {
    text = g_strstrip (g_strdup (fmtp));
    if (*text == '\0')
      g_clear_pointer (&text, g_free);
  }
  g_free (codec->fmtp);
  codec->fmtp = text;
  g_ptr_array_unref (codec->params);
  codec->params = params_parse (codec->fmtp, codec->rule);
}

/**
 * gst_sip_codec_get_fmtp_param:
 * @codec: a #GstSipCodec
 * @name: a parameter name, compared without regard to case
 *
 * Looks up one format parameter.  Parameters are separated by `;`; for the
 * formats the library knows also by spaces, and for H.263 by `/` as well.
 *
 * Returns: (nullable): the value of the first parameter called @name, an
 *   empty string when it has no value, or %NULL when @codec has no such
 *   parameter
 *
 * Since: 0.1
 */
const gchar *
gst_sip_codec_get_fmtp_param (const GstSipCodec *codec, const gchar *name)
{
  g_return_val_if_fail (codec != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return params_get (codec->params, name);
}

/**
 * gst_sip_codec_is_telephone_event:
 * @codec: a #GstSipCodec
 *
 * Returns: %TRUE when @codec is `telephone-event` (RFC 4733 DTMF events)
 *
 * Since: 0.1
 */
gboolean
gst_sip_codec_is_telephone_event (const GstSipCodec *codec)
{
  g_return_val_if_fail (codec != NULL, FALSE);

  return codec->rule == RULE_TELEPHONE_EVENT;
}

/* ---------------------------------------------------------------------- */
/* SDP */

static gboolean
parse_pt (const gchar *text, guint *pt)
{
  guint64 value;

  if (!text || !g_ascii_string_to_unsigned (text, 10, 0, 127, &value, NULL))
    return FALSE;
  *pt = (guint) value;
  return TRUE;
}

/* the value of the first a=@name:<pt> ... attribute of @media for @pt,
 * after the payload type and the spaces that follow it */
static const gchar *
attribute_for_pt (const GstSDPMedia *media, const gchar *name, guint pt)
{
  guint i;

  for (i = 0; i < gst_sdp_media_attributes_len (media); i++) {
    const GstSDPAttribute *attr = gst_sdp_media_get_attribute (media, i);
    const gchar *p;
    guint64 value;
    gchar *end;

    if (!attr->key || !attr->value || strcmp (attr->key, name) != 0)
      continue;
    p = attr->value;
    while (g_ascii_isspace (*p))
      p++;
    if (!g_ascii_isdigit (*p))
      continue;
    value = g_ascii_strtoull (p, &end, 10);
    if (value != pt || (*end != '\0' && !g_ascii_isspace (*end)))
      continue;
    while (g_ascii_isspace (*end))
      end++;
    return end;
  }
  return NULL;
}

/* "<name>/<rate>[/<channels>]" */
static gboolean
parse_rtpmap (const gchar *text, gchar **name, guint *rate, guint *channels)
{
  gchar **parts = g_strsplit (text, "/", 3);
  gboolean ok = FALSE;
  guint64 value;

  *channels = 0;
  if (g_strv_length (parts) < 2)
    goto done;
  g_strstrip (parts[0]);
  g_strstrip (parts[1]);
  if (*parts[0] == '\0' || strchr (parts[0], ' ') ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT32, &value, NULL))
    goto done;
  *rate = (guint) value;
  if (parts[2]) {
    g_strstrip (parts[2]);
    if (!g_ascii_string_to_unsigned (parts[2], 10, 1, 255, &value, NULL))
      goto done;
    *channels = (guint) value;
  }
  *name = g_strdup (parts[0]);
  ok = TRUE;

done:
  g_strfreev (parts);
  return ok;
}

GstSipCodec *
_gst_sip_codec_new_from_sdp_media (
    const GstSDPMedia *media, const gchar *format)
{
  const gchar *media_type = gst_sdp_media_get_media (media);
  const gchar *rtpmap, *fmtp;
  GstSipCodec *codec;
  guint pt, rate, channels;
  gchar *name = NULL;

  if (!media_type || *media_type == '\0' || !parse_pt (format, &pt))
    return NULL;

  rtpmap = attribute_for_pt (media, "rtpmap", pt);
  if (rtpmap && parse_rtpmap (rtpmap, &name, &rate, &channels)) {
    codec = codec_new (media_type, name, rate, channels);
    g_free (name);
  } else {
    const CodecInfo *info =
        pt < GST_SIP_CODEC_FIRST_DYNAMIC_PT ? info_for_pt (pt) : NULL;

    if (!info)
      return NULL;
    codec =
        codec_new (info->media, info->name, info->clock_rate, info->channels);
  }
  codec->pt = pt;

  fmtp = attribute_for_pt (media, "fmtp", pt);
  if (fmtp)
    gst_sip_codec_set_fmtp (codec, fmtp);
  return codec;
}

/* the fmtp we write in SDP (@with_flags), or give to caps: the parameters
 * as we parsed them, joined by ';'; the text as it is for the formats
 * without rules of their own */
static gchar *
sdp_fmtp (const GstSipCodec *codec, gboolean with_flags)
{
  if (!with_flags)
    return params_to_string (codec->params, FALSE);
  if (codec->rule == RULE_GENERIC || codec->rule == RULE_TELEPHONE_EVENT)
    return g_strdup (codec->fmtp);
  return params_to_string (codec->params, TRUE);
}

static void
add_to_sdp_media (
    const GstSipCodec *codec, GstSDPMedia *media, gboolean with_flags)
{
  gchar *text, *fmtp;

  text = g_strdup_printf ("%u", codec->pt);
  gst_sdp_media_add_format (media, text);
  g_free (text);

  if (codec->channels > 1)
    text = g_strdup_printf ("%u %s/%u/%u", codec->pt, codec->encoding_name,
        codec->clock_rate, codec->channels);
  else
    text = g_strdup_printf (
        "%u %s/%u", codec->pt, codec->encoding_name, codec->clock_rate);
  gst_sdp_media_add_attribute (media, "rtpmap", text);
  g_free (text);

  fmtp = sdp_fmtp (codec, with_flags);
  if (fmtp) {
    text = g_strdup_printf ("%u %s", codec->pt, fmtp);
    gst_sdp_media_add_attribute (media, "fmtp", text);
    g_free (text);
    g_free (fmtp);
  }
}

void
_gst_sip_codec_add_to_sdp_media (const GstSipCodec *codec, GstSDPMedia *media)
{
  add_to_sdp_media (codec, media, TRUE);
}

gint
_gst_sip_codec_get_static_payload_type (const GstSipCodec *codec)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (codec_table); i++) {
    const CodecInfo *e = &codec_table[i];

    if (e->static_pt >= 0 &&
        g_ascii_strcasecmp (e->name, codec->encoding_name) == 0 &&
        e->clock_rate == codec->clock_rate &&
        (e->channels == 0 || e->channels == codec->channels))
      return e->static_pt;
  }
  return -1;
}

gboolean
_gst_sip_codec_same_format (const GstSipCodec *a, const GstSipCodec *b)
{
  return g_ascii_strcasecmp (a->media, b->media) == 0 &&
      g_ascii_strcasecmp (a->encoding_name, b->encoding_name) == 0 &&
      a->clock_rate == b->clock_rate && a->channels == b->channels;
}

/* ---------------------------------------------------------------------- */
/* telephone-event (RFC 4733) */

#define N_EVENTS 256

/* "0-15,32,36-40" into @events; FALSE when nothing is valid */
static gboolean
parse_events (const gchar *text, gboolean *events)
{
  gchar **items;
  gboolean any = FALSE;
  guint i;

  memset (events, 0, N_EVENTS * sizeof (gboolean));
  if (!text || *text == '\0')
    text = "0-15";

  items = g_strsplit_set (text, ", \t", -1);
  for (i = 0; items[i]; i++) {
    gchar *dash = strchr (items[i], '-');
    guint first, last, e;

    if (*items[i] == '\0')
      continue;
    if (dash) {
      *dash = '\0';
      first = parse_uint (items[i], N_EVENTS);
      last = parse_uint (dash + 1, N_EVENTS);
    } else {
      first = last = parse_uint (items[i], N_EVENTS);
    }
    if (first >= N_EVENTS || last >= N_EVENTS || first > last)
      continue;
    for (e = first; e <= last; e++)
      events[e] = TRUE;
    any = TRUE;
  }
  g_strfreev (items);
  return any;
}

static gchar *
events_to_string (const gboolean *events)
{
  GString *s = g_string_new (NULL);
  guint e = 0;

  while (e < N_EVENTS) {
    guint last;

    if (!events[e]) {
      e++;
      continue;
    }
    last = e;
    while (last + 1 < N_EVENTS && events[last + 1])
      last++;
    if (s->len)
      g_string_append_c (s, ',');
    if (last == e)
      g_string_append_printf (s, "%u", e);
    else
      g_string_append_printf (s, "%u-%u", e, last);
    e = last + 1;
  }
  if (s->len == 0) {
    g_string_free (s, TRUE);
    return NULL;
  }
  return g_string_free (s, FALSE);
}

static gboolean
answer_telephone_event (
    const GstSipCodec *local, const GstSipCodec *offered, gchar **fmtp)
{
  gboolean ours[N_EVENTS], theirs[N_EVENTS];
  guint e;

  if (!parse_events (local->fmtp, ours) ||
      !parse_events (offered->fmtp, theirs))
    return FALSE;
  for (e = 0; e < N_EVENTS; e++)
    ours[e] = ours[e] && theirs[e];
  *fmtp = events_to_string (ours);
  return *fmtp != NULL;
}

/* ---------------------------------------------------------------------- */
/* AMR (RFC 4867 section 8.3) */

/* the mode-set as a bit mask; all eight modes when absent */
static guint
amr_mode_set (const GstSipCodec *codec)
{
  const gchar *text = params_get (codec->params, "mode-set");
  gchar **items;
  guint mask = 0, i;

  if (!text)
    return 0xff;
  items = g_strsplit (text, ",", -1);
  for (i = 0; items[i]; i++) {
    guint mode = parse_uint (g_strstrip (items[i]), 8);

    if (mode < 8)
      mask |= 1 << mode;
  }
  g_strfreev (items);
  return mask ? mask : 0xff;
}

static gchar *
amr_mode_set_to_string (guint mask)
{
  GString *s = g_string_new (NULL);
  guint mode;

  for (mode = 0; mode < 8; mode++) {
    if (mask & (1 << mode))
      g_string_append_printf (s, "%s%u", s->len ? "," : "", mode);
  }
  return g_string_free (s, FALSE);
}

/* the parameters that must be the same on both sides */
static gboolean
amr_same_framing (const GstSipCodec *a, const GstSipCodec *b)
{
  static const gchar *const keys[] = { "octet-align", "crc", "robust-sorting",
    "interleaving" };
  guint i;

  if (a->channels != b->channels)
    return FALSE;
  for (i = 0; i < G_N_ELEMENTS (keys); i++) {
    if (param_uint (a, keys[i], 0) != param_uint (b, keys[i], 0))
      return FALSE;
  }
  return TRUE;
}

static gboolean
answer_amr (
    const GstSipCodec *local, const GstSipCodec *offered, GPtrArray *out)
{
  static const gchar *const framing[] = { "octet-align", "crc",
    "robust-sorting", "interleaving" };
  guint modes, i;

  if (!amr_same_framing (local, offered))
    return FALSE;
  modes = amr_mode_set (local) & amr_mode_set (offered);
  if (modes == 0)
    return FALSE;

  for (i = 0; i < G_N_ELEMENTS (framing); i++) {
    guint value = param_uint (offered, framing[i], 0);

    if (value)
      params_set_uint (out, framing[i], value);
  }
  if (modes != 0xff) {
    gchar *text = amr_mode_set_to_string (modes);

    params_set (out, "mode-set", text);
    g_free (text);
  }
  params_copy_key (out, offered->params, "mode-change-period");
  params_copy_key (out, offered->params, "mode-change-neighbor");
  params_copy_key (out, local->params, "mode-change-capability");
  params_copy_key (out, offered->params, "max-red");
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* H.263 (RFC 2190, RFC 4629) */

static const gchar *const h263_sizes[] = { "SQCIF", "QCIF", "CIF", "CIF4",
  "CIF16" };

#define H263_N_SIZES G_N_ELEMENTS (h263_sizes)

/* the minimum picture interval of each standard size (0 when absent), and
 * the CUSTOM sizes; FALSE when no size is listed */
static gboolean
h263_parse_sizes (const GstSipCodec *codec, guint *mpi, GPtrArray *custom)
{
  gboolean any = FALSE;
  guint i, s;

  for (s = 0; s < H263_N_SIZES; s++) {
    mpi[s] = param_uint (codec, h263_sizes[s], 0);
    if (mpi[s] > 32)
      mpi[s] = 0;
    if (mpi[s])
      any = TRUE;
  }
  for (i = 0; i < codec->params->len; i++) {
    const Param *param = g_ptr_array_index (codec->params, i);

    if (param->value && g_ascii_strcasecmp (param->key, "CUSTOM") == 0) {
      g_ptr_array_add (custom, param->value);
      any = TRUE;
    }
  }
  return any;
}

/* "x,y,mpi" */
static gboolean
h263_parse_custom (const gchar *text, guint *x, guint *y, guint *mpi)
{
  gchar **parts = g_strsplit (text, ",", -1);
  gboolean ok = g_strv_length (parts) == 3;

  if (ok) {
    *x = parse_uint (parts[0], 0);
    *y = parse_uint (parts[1], 0);
    *mpi = parse_uint (parts[2], 0);
    ok = *x && *y && *mpi && *mpi <= 32;
  }
  g_strfreev (parts);
  return ok;
}

static void
h263_write_sizes (GPtrArray *out, const guint *mpi, GPtrArray *custom)
{
  guint s;

  for (s = 0; s < H263_N_SIZES; s++) {
    if (mpi[s])
      params_set_uint (out, h263_sizes[s], mpi[s]);
  }
  for (s = 0; s < custom->len; s++) {
    Param *param = g_new0 (Param, 1);

    param->key = g_strdup ("CUSTOM");
    param->value = g_strdup (g_ptr_array_index (custom, s));
    g_ptr_array_add (out, param);
  }
}

/* the minimum of two optional numbers, 0 meaning absent */
static guint
min_present (guint a, guint b)
{
  if (!a)
    return b;
  if (!b)
    return a;
  return MIN (a, b);
}

static gboolean
answer_h263 (
    const GstSipCodec *local, const GstSipCodec *offered, GPtrArray *out)
{
  static const gchar *const annexes[] = { "D", "E", "F", "G", "I", "J", "K",
    "L", "M", "N", "O", "P", "Q", "R", "S", "T" };
  guint local_mpi[H263_N_SIZES], offered_mpi[H263_N_SIZES];
  guint mpi[H263_N_SIZES];
  GPtrArray *local_custom = g_ptr_array_new ();
  GPtrArray *offered_custom = g_ptr_array_new ();
  GPtrArray *custom = g_ptr_array_new_with_free_func (g_free);
  gboolean local_any, offered_any, ok = TRUE;
  guint s, i, maxbr;

  local_any = h263_parse_sizes (local, local_mpi, local_custom);
  offered_any = h263_parse_sizes (offered, offered_mpi, offered_custom);

  if (!offered_any) {
    /* nothing to intersect with: our own sizes */
    memcpy (mpi, local_mpi, sizeof (mpi));
    for (i = 0; i < local_custom->len; i++)
      g_ptr_array_add (custom, g_strdup (g_ptr_array_index (local_custom, i)));
  } else if (!local_any) {
    memcpy (mpi, offered_mpi, sizeof (mpi));
    for (i = 0; i < offered_custom->len; i++)
      g_ptr_array_add (
          custom, g_strdup (g_ptr_array_index (offered_custom, i)));
  } else {
    gboolean common = FALSE;

    for (s = 0; s < H263_N_SIZES; s++) {
      mpi[s] = local_mpi[s] && offered_mpi[s]
          ? MAX (local_mpi[s], offered_mpi[s])
          : 0;
      if (mpi[s])
        common = TRUE;
    }
    for (i = 0; i < offered_custom->len; i++) {
      guint ox, oy, ompi, j;

      if (!h263_parse_custom (
              g_ptr_array_index (offered_custom, i), &ox, &oy, &ompi))
        continue;
      for (j = 0; j < local_custom->len; j++) {
        guint lx, ly, lmpi;

        if (h263_parse_custom (
                g_ptr_array_index (local_custom, j), &lx, &ly, &lmpi) &&
            lx == ox && ly == oy) {
          g_ptr_array_add (
              custom, g_strdup_printf ("%u,%u,%u", ox, oy, MAX (ompi, lmpi)));
          common = TRUE;
          break;
        }
      }
    }
    ok = common;
  }

  if (ok) {
    h263_write_sizes (out, mpi, custom);
    maxbr = min_present (
        param_uint (local, "MaxBR", 0), param_uint (offered, "MaxBR", 0));
    if (maxbr)
      params_set_uint (out, "MaxBR", maxbr);
  }

  if (ok && offered->rule == RULE_H263_PLUS) {
    const gchar *profile = params_get (offered->params, "PROFILE");
    const gchar *local_profile = params_get (local->params, "PROFILE");
    guint level;

    if (profile && local_profile &&
        parse_uint (profile, 0) != parse_uint (local_profile, 0))
      ok = FALSE;
    if (profile)
      params_set (out, "PROFILE", profile);
    else if (local_profile)
      params_set (out, "PROFILE", local_profile);
    level = min_present (
        param_uint (local, "LEVEL", 0), param_uint (offered, "LEVEL", 0));
    if (level)
      params_set_uint (out, "LEVEL", level);
    for (i = 0; i < G_N_ELEMENTS (annexes); i++) {
      if (params_find (local->params, annexes[i]) &&
          params_find (offered->params, annexes[i]))
        params_copy_key (out, offered->params, annexes[i]);
    }
  }

  g_ptr_array_unref (local_custom);
  g_ptr_array_unref (offered_custom);
  g_ptr_array_unref (custom);
  return ok;
}

/* ---------------------------------------------------------------------- */
/* H.264 (RFC 6184 section 8.2) */

typedef struct
{
  guint profile_idc;
  guint iop; /* constraint_set flags */
  guint level_idc;
} H264Plid;

/* RFC 6184: without profile-level-id, Baseline level 1 */
#define H264_DEFAULT_PLID "42000a"

static gboolean
h264_parse_plid (const gchar *text, H264Plid *plid)
{
  guint8 bytes[3];
  guint i;

  if (!text)
    text = H264_DEFAULT_PLID;
  if (strlen (text) != 6)
    return FALSE;
  for (i = 0; i < 3; i++) {
    gint hi = g_ascii_xdigit_value (text[2 * i]);
    gint lo = g_ascii_xdigit_value (text[2 * i + 1]);

    if (hi < 0 || lo < 0)
      return FALSE;
    bytes[i] = (guint8) (hi << 4 | lo);
  }
  plid->profile_idc = bytes[0];
  plid->iop = bytes[1];
  plid->level_idc = bytes[2];
  return TRUE;
}

static gboolean
h264_profile_has_level_1b_flag (guint profile_idc)
{
  return profile_idc == 0x42 || profile_idc == 0x4d || profile_idc == 0x58;
}

/* a number that orders the levels, level 1b between 1 and 1.1 */
static guint
h264_level_rank (const H264Plid *plid)
{
  if (plid->level_idc == 9 ||
      (plid->level_idc == 11 &&
          h264_profile_has_level_1b_flag (plid->profile_idc) &&
          (plid->iop & 0x10)))
    return 105;
  return plid->level_idc * 10;
}

/* constrained baseline: Baseline, Main or Extended with constraint_set1 */
static gboolean
h264_is_constrained_baseline (const H264Plid *plid)
{
  return (plid->profile_idc == 0x42 && (plid->iop & 0x40)) ||
      (h264_profile_has_level_1b_flag (plid->profile_idc) &&
          (plid->iop & 0x40));
}

/* whether a decoder of @ours decodes streams of @theirs */
static gboolean
h264_profile_compatible (const H264Plid *ours, const H264Plid *theirs)
{
  if (ours->profile_idc == theirs->profile_idc)
    return TRUE;
  /* a Baseline decoder decodes Constrained Baseline streams, whatever
   * profile_idc they carry */
  return ours->profile_idc == 0x42 && h264_is_constrained_baseline (theirs);
}

static gboolean
h264_level_asymmetry (const GstSipCodec *codec)
{
  return param_uint (codec, "level-asymmetry-allowed", 0) == 1;
}

static gboolean
answer_h264 (
    const GstSipCodec *local, const GstSipCodec *offered, GPtrArray *out)
{
  static const gchar *const ours[] = { "max-mbps", "max-smbps", "max-fs",
    "max-cpb", "max-dpb", "max-br", "sprop-parameter-sets" };
  H264Plid lp, op, ap;
  gboolean asymmetry;
  gchar text[8];
  guint mode, i;

  if (!h264_parse_plid (params_get (local->params, "profile-level-id"), &lp) ||
      !h264_parse_plid (params_get (offered->params, "profile-level-id"), &op))
    return FALSE;
  if (!h264_profile_compatible (&lp, &op))
    return FALSE;
  /* single NAL unit and non-interleaved; not interleaved (2) */
  mode = param_uint (offered, "packetization-mode", 0);
  if (mode > 1)
    return FALSE;

  asymmetry = h264_level_asymmetry (local) && h264_level_asymmetry (offered);
  ap = op;
  if (asymmetry || h264_level_rank (&lp) < h264_level_rank (&op)) {
    /* our level, written in the offered profile */
    ap.level_idc = lp.level_idc;
    if (h264_profile_has_level_1b_flag (op.profile_idc)) {
      if (h264_level_rank (&lp) == 105) {
        ap.level_idc = 11;
        ap.iop |= 0x10;
      } else if (ap.level_idc == 11) {
        ap.iop &= ~0x10;
      }
    }
  }
  g_snprintf (text, sizeof (text), "%02x%02x%02x", ap.profile_idc, ap.iop,
      ap.level_idc);
  params_set (out, "profile-level-id", text);
  if (mode || params_find (offered->params, "packetization-mode"))
    params_set_uint (out, "packetization-mode", mode);
  if (asymmetry)
    params_set (out, "level-asymmetry-allowed", "1");
  for (i = 0; i < G_N_ELEMENTS (ours); i++)
    params_copy_key (out, local->params, ours[i]);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* MPEG-4 part 2 (RFC 6416) */

static gboolean
answer_mp4v (
    const GstSipCodec *local, const GstSipCodec *offered, GPtrArray *out)
{
  const gchar *plid = params_get (local->params, "profile-level-id");

  if (!plid)
    plid = params_get (offered->params, "profile-level-id");
  if (plid)
    params_set (out, "profile-level-id", plid);
  params_copy_key (out, local->params, "config");
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* offer/answer */

gboolean
_gst_sip_codec_answer (
    const GstSipCodec *local, const GstSipCodec *offered, gchar **answer_fmtp)
{
  GPtrArray *out;
  gboolean ok;

  *answer_fmtp = NULL;
  if (!_gst_sip_codec_same_format (local, offered))
    return FALSE;

  out = params_new ();
  switch (local->rule) {
    case RULE_TELEPHONE_EVENT:
      g_ptr_array_unref (out);
      return answer_telephone_event (local, offered, answer_fmtp);
    case RULE_AMR:
      ok = answer_amr (local, offered, out);
      break;
    case RULE_H263:
    case RULE_H263_PLUS:
      ok = answer_h263 (local, offered, out);
      break;
    case RULE_H264:
      ok = answer_h264 (local, offered, out);
      break;
    case RULE_MP4V:
      ok = answer_mp4v (local, offered, out);
      break;
    default:
      /* what we can receive, as we described it */
      *answer_fmtp = g_strdup (local->fmtp);
      g_ptr_array_unref (out);
      return TRUE;
  }
  if (ok)
    *answer_fmtp = params_to_string (out, TRUE);
  g_ptr_array_unref (out);
  return ok;
}

gboolean
_gst_sip_codec_accepts_answer (
    const GstSipCodec *offered, const GstSipCodec *answered)
{
  if (!_gst_sip_codec_same_format (offered, answered))
    return FALSE;

  switch (offered->rule) {
    case RULE_AMR:
      return amr_same_framing (offered, answered) &&
          (amr_mode_set (offered) & amr_mode_set (answered)) != 0;
    case RULE_H264:
      return param_uint (offered, "packetization-mode", 0) ==
          param_uint (answered, "packetization-mode", 0);
    default:
      return TRUE;
  }
}

static void
codec_update_fmtp (GstSipCodec *codec)
{
  gchar *text = params_to_string (codec->params, TRUE);

  g_free (codec->fmtp);
  codec->fmtp = text;
}

GstSipCodec *
_gst_sip_codec_for_sending (
    const GstSipCodec *peer, const GstSipCodec *ours, gboolean we_answered)
{
  GstSipCodec *codec = gst_sip_codec_copy (peer);

  if (!we_answered)
    return codec;

  switch (codec->rule) {
    case RULE_AMR:
      /* the answer's mode-set holds for both directions */
      if (params_find (ours->params, "mode-set")) {
        params_copy_key (codec->params, ours->params, "mode-set");
        codec_update_fmtp (codec);
      }
      break;
    case RULE_H264:
      /* without level asymmetry, the level of the answer holds for both */
      if (!h264_level_asymmetry (ours) &&
          params_find (ours->params, "profile-level-id")) {
        params_copy_key (codec->params, ours->params, "profile-level-id");
        codec_update_fmtp (codec);
      }
      break;
    default:
      break;
  }
  return codec;
}

GstSipCodec *
_gst_sip_codec_for_receiving (const GstSipCodec *ours, const GstSipCodec *peer)
{
  static const gchar *const h264_keys[] = { "sprop-parameter-sets",
    "sprop-level-parameter-sets" };
  static const gchar *const mp4v_keys[] = { "config", "profile-level-id" };
  const gchar *const *keys;
  GstSipCodec *codec = gst_sip_codec_copy (ours);
  guint n, i;

  switch (codec->rule) {
    case RULE_H264:
      keys = h264_keys;
      n = G_N_ELEMENTS (h264_keys);
      break;
    case RULE_MP4V:
      keys = mp4v_keys;
      n = G_N_ELEMENTS (mp4v_keys);
      break;
    default:
      return codec;
  }

  /* these describe the sender's stream: ours describe ours */
  for (i = 0; i < n; i++) {
    params_remove (codec->params, keys[i]);
    params_copy_key (codec->params, peer->params, keys[i]);
  }
  codec_update_fmtp (codec);
  return codec;
}

/* ---------------------------------------------------------------------- */
/* caps */

/**
 * gst_sip_codec_to_caps:
 * @codec: a #GstSipCodec
 *
 * Describes @codec the way rtpbin and the RTP depayloaders want it:
 * `application/x-rtp` with `media`, `payload`, `clock-rate`,
 * `encoding-name` (in upper case), `encoding-params` for more than one
 * channel, and every format parameter as a string field named in lower
 * case, as gst_sdp_media_get_caps_from_media() maps an m-line.  Like that
 * function, an H.264 codec with `level-asymmetry-allowed=1` gets a
 * `profile` field instead of `profile-level-id`.  Format parameters without
 * a value, such as the event list of telephone-event, are left out.
 *
 * Returns: (transfer full): the RTP caps of @codec
 *
 * Since: 0.1
 */
GstCaps *
gst_sip_codec_to_caps (const GstSipCodec *codec)
{
  GstSDPMedia *media;
  GstCaps *caps;

  g_return_val_if_fail (codec != NULL, NULL);

  gst_sdp_media_new (&media);
  gst_sdp_media_set_media (media, codec->media);
  gst_sdp_media_set_port_info (media, 9, 1);
  gst_sdp_media_set_proto (media, "RTP/AVP");
  add_to_sdp_media (codec, media, FALSE);
  caps = gst_sdp_media_get_caps_from_media (media, codec->pt);
  gst_sdp_media_free (media);

  if (!caps) {
    /* cannot happen: the rtpmap gives the rate; keep a usable answer */
    caps = gst_caps_new_simple ("application/x-rtp", "media", G_TYPE_STRING,
        codec->media, "payload", G_TYPE_INT, (gint) codec->pt, "clock-rate",
        G_TYPE_INT, (gint) codec->clock_rate, NULL);
  } else {
    caps = gst_caps_make_writable (caps);
    gst_structure_set_name (
        gst_caps_get_structure (caps, 0), "application/x-rtp");
  }
  return caps;
}

/* caps fields that are not format parameters */
static gboolean
is_reserved_field (const gchar *name)
{
  static const gchar *const names[] = { "media", "payload", "clock-rate",
    "encoding-name", "encoding-params", "ssrc", "timestamp-offset",
    "seqnum-offset", "a-framesize" };
  static const gchar *const prefixes[] = { "srtp-", "srtcp-", "rtcp-fb-", "x-",
    "a-", "extmap-", "rid-" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++) {
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  }
  for (i = 0; i < G_N_ELEMENTS (prefixes); i++) {
    if (g_str_has_prefix (name, prefixes[i]))
      return TRUE;
  }
  return FALSE;
}

typedef struct
{
  GPtrArray *params;
  gboolean h264;
} FieldsData;

static gboolean
collect_field (GQuark field_id, const GValue *value, gpointer user_data)
{
  FieldsData *data = user_data;
  const gchar *name = g_quark_to_string (field_id);
  gchar text[32];

  if (is_reserved_field (name))
    return TRUE;
  if (data->h264 && strcmp (name, "profile") == 0) {
    /* gst_sdp_media_get_caps_from_media() turns level asymmetry into a
     * profile field */
    params_set (data->params, "level-asymmetry-allowed", "1");
    return TRUE;
  }
  if (G_VALUE_HOLDS_STRING (value)) {
    if (g_value_get_string (value))
      params_set (data->params, name, g_value_get_string (value));
  } else if (G_VALUE_HOLDS_INT (value)) {
    g_snprintf (text, sizeof (text), "%d", g_value_get_int (value));
    params_set (data->params, name, text);
  } else if (G_VALUE_HOLDS_UINT (value)) {
    g_snprintf (text, sizeof (text), "%u", g_value_get_uint (value));
    params_set (data->params, name, text);
  }
  /* lists and ranges of a template are not parameters yet */
  return TRUE;
}

static GstSipCodec *
codec_from_rtp_caps (const GstStructure *s)
{
  const gchar *media = gst_structure_get_string (s, "media");
  const gchar *name = gst_structure_get_string (s, "encoding-name");
  const gchar *params = gst_structure_get_string (s, "encoding-params");
  const CodecInfo *info = NULL;
  GstSipCodec *codec;
  gint rate = 0, pt = -1;
  FieldsData data;
  gchar *fmtp;

  gst_structure_get_int (s, "payload", &pt);
  if (!name && pt >= 0 && pt < GST_SIP_CODEC_FIRST_DYNAMIC_PT) {
    info = info_for_pt (pt);
    if (info)
      name = info->name;
  }
  if (!name)
    return NULL;
  if (!media) {
    info = info ? info : info_for_name (name);
    if (!info)
      return NULL;
    media = info->media;
  }
  if (!gst_structure_get_int (s, "clock-rate", &rate) || rate <= 0) {
    info = info ? info : info_for_name (name);
    if (!info)
      return NULL;
    rate = info->clock_rate;
  }

  codec = codec_new (media, name, rate, parse_uint (params, 0));
  if (pt >= 0 && pt <= 127)
    codec->pt = pt;

  data.params = params_new ();
  data.h264 = codec->rule == RULE_H264;
  gst_structure_foreach (s, collect_field, &data);
  fmtp = params_to_string (data.params, TRUE);
  gst_sip_codec_set_fmtp (codec, fmtp);
  g_free (fmtp);
  g_ptr_array_unref (data.params);
  return codec;
}

static gint
fixed_int (const GstStructure *s, const gchar *field, gint fallback)
{
  gint value;

  if (gst_structure_get_int (s, field, &value))
    return value;
  return fallback;
}

/* profile name and level of video/x-h264 caps into a profile-level-id */
static gchar *
h264_plid_from_caps (const GstStructure *s)
{
  static const struct
  {
    const gchar *name;
    guint profile_idc, iop;
  } profiles[] = {
    { "constrained-baseline", 0x42, 0xe0 },
    { "baseline", 0x42, 0x00 },
    { "main", 0x4d, 0x00 },
    { "extended", 0x58, 0x00 },
    { "high", 0x64, 0x00 },
    { "constrained-high", 0x64, 0x0c },
    { "progressive-high", 0x64, 0x08 },
    { "high-10", 0x6e, 0x00 },
    { "high-4:2:2", 0x7a, 0x00 },
    { "high-4:4:4", 0xf4, 0x00 },
  };
  const gchar *profile = gst_structure_get_string (s, "profile");
  const gchar *level = gst_structure_get_string (s, "level");
  guint profile_idc = 0x42, iop = 0xe0, level_idc = 0x1f, i;

  if (profile) {
    for (i = 0; i < G_N_ELEMENTS (profiles); i++) {
      if (strcmp (profile, profiles[i].name) == 0) {
        profile_idc = profiles[i].profile_idc;
        iop = profiles[i].iop;
        break;
      }
    }
  }
  if (level) {
    if (strcmp (level, "1b") == 0) {
      if (h264_profile_has_level_1b_flag (profile_idc)) {
        level_idc = 11;
        iop |= 0x10;
      } else {
        level_idc = 9;
      }
    } else {
      gchar **parts = g_strsplit (level, ".", 2);
      guint major = parse_uint (parts[0], 0);
      guint minor = parts[1] ? parse_uint (parts[1], 10) : 0;

      if (major >= 1 && major <= 6 && minor <= 9)
        level_idc = major * 10 + minor;
      g_strfreev (parts);
    }
  }
  return g_strdup_printf ("%02x%02x%02x", profile_idc, iop, level_idc);
}

static gchar *
hex_from_buffer (GstBuffer *buffer)
{
  GstMapInfo map;
  GString *s;
  gsize i;

  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return NULL;
  s = g_string_sized_new (map.size * 2 + 1);
  for (i = 0; i < map.size; i++)
    g_string_append_printf (s, "%02X", map.data[i]);
  gst_buffer_unmap (buffer, &map);
  return g_string_free (s, FALSE);
}

/**
 * gst_sip_codec_new_from_caps: (constructor)
 * @caps: caps of an encoded stream
 *
 * Describes the format of an encoded input, for instance to limit an offer
 * to what a pad will receive.  @caps can be:
 *
 * - `application/x-rtp`, the caps of a payloader's source pad: the
 *   `payload` field, when fixed, becomes the payload type and every string
 *   or integer field other than the RTP ones becomes a format parameter;
 * - `audio/x-mulaw` (PCMU), `audio/x-alaw` (PCMA), `audio/AMR` (AMR with
 *   `octet-align=1`, the mode of rtpamrpay);
 * - `video/x-h264` (H264 with `packetization-mode=1`, and a
 *   `profile-level-id` from the `profile` and `level` fields; constrained
 *   baseline level 3.1 when they are absent);
 * - `video/x-h263` with `variant=itu`: `h263version=h263` (or none) gives
 *   H263, `h263p` H263-1998 and `h263pp` H263-2000;
 * - `video/mpeg` with `mpegversion=4`: MP4V-ES, with the `codec_data` as
 *   `config`.
 *
 * Only the first structure of @caps is read.
 *
 * Returns: (transfer full) (nullable): a new #GstSipCodec, or %NULL when
 *   @caps describe no format the library knows
 *
 * Since: 0.1
 */
GstSipCodec *
gst_sip_codec_new_from_caps (const GstCaps *caps)
{
  const GstStructure *s;
  const gchar *type;
  GstSipCodec *codec = NULL;
  gint rate, channels;

  g_return_val_if_fail (GST_IS_CAPS (caps), NULL);

  if (gst_caps_is_empty (caps) || gst_caps_is_any (caps))
    return NULL;
  s = gst_caps_get_structure (caps, 0);
  type = gst_structure_get_name (s);
  rate = fixed_int (s, "rate", 8000);
  channels = fixed_int (s, "channels", 1);

  if (strcmp (type, "application/x-rtp") == 0) {
    codec = codec_from_rtp_caps (s);
  } else if (strcmp (type, "audio/x-mulaw") == 0) {
    if (rate > 0 && channels > 0)
      codec = codec_new ("audio", "PCMU", rate, channels);
  } else if (strcmp (type, "audio/x-alaw") == 0) {
    if (rate > 0 && channels > 0)
      codec = codec_new ("audio", "PCMA", rate, channels);
  } else if (strcmp (type, "audio/AMR") == 0) {
    codec = codec_new ("audio", "AMR", 8000, 1);
    gst_sip_codec_set_fmtp (codec, "octet-align=1");
  } else if (strcmp (type, "video/x-h264") == 0) {
    gchar *plid = h264_plid_from_caps (s);
    gchar *fmtp =
        g_strdup_printf ("profile-level-id=%s;packetization-mode=1", plid);

    codec = codec_new ("video", "H264", 90000, 0);
    gst_sip_codec_set_fmtp (codec, fmtp);
    g_free (fmtp);
    g_free (plid);
  } else if (strcmp (type, "video/x-h263") == 0) {
    const gchar *variant = gst_structure_get_string (s, "variant");
    const gchar *version = gst_structure_get_string (s, "h263version");

    if (variant && strcmp (variant, "itu") != 0)
      return NULL;
    if (!version || strcmp (version, "h263") == 0)
      codec = codec_new ("video", "H263", 90000, 0);
    else if (strcmp (version, "h263p") == 0)
      codec = codec_new ("video", "H263-1998", 90000, 0);
    else if (strcmp (version, "h263pp") == 0)
      codec = codec_new ("video", "H263-2000", 90000, 0);
  } else if (strcmp (type, "video/mpeg") == 0) {
    gboolean systemstream = FALSE;
    const GValue *data;

    gst_structure_get_boolean (s, "systemstream", &systemstream);
    if (fixed_int (s, "mpegversion", 0) != 4 || systemstream)
      return NULL;
    codec = codec_new ("video", "MP4V-ES", 90000, 0);
    data = gst_structure_get_value (s, "codec_data");
    if (data && GST_VALUE_HOLDS_BUFFER (data)) {
      gchar *hex = hex_from_buffer (gst_value_get_buffer (data));
      gchar *fmtp = hex ? g_strdup_printf ("config=%s", hex) : NULL;

      gst_sip_codec_set_fmtp (codec, fmtp);
      g_free (fmtp);
      g_free (hex);
    }
  }
  return codec;
}

/* ---------------------------------------------------------------------- */
/* defaults */

static GstSipCodec *
default_codec (const gchar *media, const gchar *name, guint rate, guint pt,
    const gchar *fmtp)
{
  GstSipCodec *codec = codec_new (media, name, rate, 0);

  codec->pt = pt;
  gst_sip_codec_set_fmtp (codec, fmtp);
  return codec;
}

/**
 * gst_sip_codec_list_defaults:
 * @media: `audio` or `video`
 *
 * The codecs the library offers and accepts when the application gives
 * none, in the order of preference:
 *
 * - audio: PCMU (0), PCMA (8), AMR in octet-aligned mode
 *   (`octet-align=1`, 96), AMR in bandwidth-efficient mode (97), and
 *   telephone-event with the events 0-15 (101);
 * - video: H264 (`profile-level-id=42e01f;packetization-mode=1;`
 *   `level-asymmetry-allowed=1`, 98), H263-1998 (`CIF=1;QCIF=1;SQCIF=1`,
 *   99), H263 (34, the same sizes) and MP4V-ES (`profile-level-id=3`, 100).
 *
 * Returns: (transfer full) (element-type GstSipCodec): the codecs; free
 *   with `g_list_free_full (list, (GDestroyNotify) gst_sip_codec_free)`.
 *   Empty for another media type.
 *
 * Since: 0.1
 */
GList *
gst_sip_codec_list_defaults (const gchar *media)
{
  GList *list = NULL;

  g_return_val_if_fail (media != NULL, NULL);

  if (g_ascii_strcasecmp (media, "audio") == 0) {
    list = g_list_append (list, default_codec ("audio", "PCMU", 8000, 0, NULL));
    list = g_list_append (list, default_codec ("audio", "PCMA", 8000, 8, NULL));
    list = g_list_append (
        list, default_codec ("audio", "AMR", 8000, 96, "octet-align=1"));
    list = g_list_append (list, default_codec ("audio", "AMR", 8000, 97, NULL));
    list = g_list_append (
        list, default_codec ("audio", "telephone-event", 8000, 101, "0-15"));
  } else if (g_ascii_strcasecmp (media, "video") == 0) {
    list = g_list_append (list,
        default_codec ("video", "H264", 90000, 98,
            "profile-level-id=42e01f;packetization-mode=1;"
            "level-asymmetry-allowed=1"));
    list = g_list_append (list,
        default_codec (
            "video", "H263-1998", 90000, 99, "CIF=1;QCIF=1;SQCIF=1"));
    list = g_list_append (list,
        default_codec ("video", "H263", 90000, 34, "CIF=1;QCIF=1;SQCIF=1"));
    list = g_list_append (list,
        default_codec ("video", "MP4V-ES", 90000, 100, "profile-level-id=3"));
  }
  return list;
}

/* The default codecs of @media, made once and shared by every negotiator
 * that was given no codecs of its own: read-only, never freed. */
GList *
_gst_sip_codec_get_shared_defaults (const gchar *media)
{
  static GList *audio, *video;
  GList **list;

  if (g_ascii_strcasecmp (media, "audio") == 0)
    list = &audio;
  else if (g_ascii_strcasecmp (media, "video") == 0)
    list = &video;
  else
    return NULL;

  if (g_once_init_enter (list)) {
    GList *defaults = gst_sip_codec_list_defaults (media);

    g_once_init_leave (list, defaults);
  }
  return *list;
}
