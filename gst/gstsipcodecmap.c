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

/* The elements behind each payload format.  A sender bin takes raw media
 * (or the encoded stream) on its "sink" pad and gives RTP on its "src" pad;
 * a receiver bin takes RTP and gives the depayloaded, parsed stream, or raw
 * media when it decodes. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gstsipcodecmap.h"

GST_DEBUG_CATEGORY_EXTERN (gst_sip_call_bin_debug);
#define GST_CAT_DEFAULT gst_sip_call_bin_debug

/* the MTU of the payloaders: room for the IP, UDP and RTP headers under
 * the usual 1500-byte Ethernet MTU, with margin for tunnels */
#define RTP_MTU 1200
/* the packet duration of audio when the peer asks for none */
#define DEFAULT_PTIME 20
/* video bit rate when the peer gives no b=AS: kbit/s */
#define DEFAULT_VIDEO_BITRATE 512
/* the longest gap between two key frames of what we encode, in frames */
#define KEY_INTERVAL 30

#define MAX_ALTERNATIVES 3
/* the largest RTP packet of H.264 in packetization mode 0: what fits in a
 * UDP datagram over IPv6 */
#define H264_MODE_0_MTU 65000

typedef struct
{
  const gchar *media;
  const gchar *name; /* the encoding name */
  const gchar *encoded_caps; /* the elementary stream */
  const gchar *encoders[MAX_ALTERNATIVES];
  const gchar *parser; /* NULL when the depayloader's output is fine */
  const gchar *payloader;
  const gchar *depayloader;
  const gchar *decoders[MAX_ALTERNATIVES];
} CodecElements;

static const CodecElements codec_elements[] = {
  { "audio", "PCMU", "audio/x-mulaw", { "mulawenc" }, NULL, "rtppcmupay",
      "rtppcmudepay", { "mulawdec" } },
  { "audio", "PCMA", "audio/x-alaw", { "alawenc" }, NULL, "rtppcmapay",
      "rtppcmadepay", { "alawdec" } },
  /* octet-aligned AMR: the good plugins handle only that mode */
  { "audio", "AMR", "audio/AMR", { "amrnbenc" }, NULL, "rtpamrpay",
      "rtpamrdepay", { "amrnbdec" } },
  { "video", "H264", "video/x-h264", { "x264enc", "openh264enc" }, "h264parse",
      "rtph264pay", "rtph264depay", { "avdec_h264", "openh264dec" } },
  { "video", "H263", "video/x-h263, variant=(string)itu", { "avenc_h263" },
      "h263parse", "rtph263pay", "rtph263depay", { "avdec_h263" } },
  { "video", "H263-1998", "video/x-h263, variant=(string)itu",
      { "avenc_h263p" }, NULL, "rtph263ppay", "rtph263pdepay",
      { "avdec_h263" } },
  { "video", "H263-2000", "video/x-h263, variant=(string)itu",
      { "avenc_h263p" }, NULL, "rtph263ppay", "rtph263pdepay",
      { "avdec_h263" } },
  { "video", "MP4V-ES", "video/mpeg, mpegversion=(int)4", { "avenc_mpeg4" },
      "mpeg4videoparse", "rtpmp4vpay", "rtpmp4vdepay", { "avdec_mpeg4" } },
};

/* bandwidth-efficient AMR (RFC 4867 section 4.3): the payloaders of the rs
 * plugins when they are installed, otherwise those of this plugin
 * (gstsipamrbepay.c, gstsipamrbedepay.c: AMR-NB only) */
static const CodecElements amr_bandwidth_efficient_rs = { "audio", "AMR",
  "audio/AMR", { "amrnbenc" }, NULL, "rtpamrpay2", "rtpamrdepay2",
  { "amrnbdec" } };
static const CodecElements amr_bandwidth_efficient = { "audio", "AMR",
  "audio/AMR", { "amrnbenc" }, NULL, "sipamrbepay", "sipamrbedepay",
  { "amrnbdec" } };

static gboolean
is_octet_aligned (const GstSipCodec *codec)
{
  const gchar *value = gst_sip_codec_get_fmtp_param (codec, "octet-align");

  return value && strcmp (value, "1") == 0;
}

static gboolean have_element (const gchar *factory_name);

static const CodecElements *
lookup (const GstSipCodec *codec)
{
  const gchar *name = gst_sip_codec_get_encoding_name (codec);
  const gchar *media = gst_sip_codec_get_media (codec);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (codec_elements); i++) {
    const CodecElements *e = &codec_elements[i];

    if (g_ascii_strcasecmp (e->name, name) != 0 ||
        g_ascii_strcasecmp (e->media, media) != 0)
      continue;
    if (strcmp (e->name, "AMR") == 0 && !is_octet_aligned (codec))
      return have_element (amr_bandwidth_efficient_rs.payloader) &&
              have_element (amr_bandwidth_efficient_rs.depayloader)
          ? &amr_bandwidth_efficient_rs
          : &amr_bandwidth_efficient;
    return e;
  }
  return NULL;
}

static gboolean
have_element (const gchar *factory_name)
{
  GstElementFactory *factory = gst_element_factory_find (factory_name);

  if (!factory)
    return FALSE;
  gst_object_unref (factory);
  return TRUE;
}

/* the first of @names that is installed; otherwise NULL, with @missing set
 * to the first name */
static const gchar *
first_available (const gchar *const *names, const gchar **missing)
{
  guint i;

  for (i = 0; i < MAX_ALTERNATIVES && names[i]; i++) {
    if (have_element (names[i]))
      return names[i];
  }
  if (missing)
    *missing = names[0];
  return NULL;
}

/**
 * gst_sip_codec_map_knows:
 * @codec: a codec
 *
 * Returns: whether sipcallbin knows the elements of @codec at all;
 *   telephone-event is handled by the media, not here
 */
gboolean
gst_sip_codec_map_knows (const GstSipCodec *codec)
{
  return lookup (codec) != NULL;
}

/**
 * gst_sip_codec_map_check:
 * @codec: a codec
 * @use: what the stream needs
 * @missing: (out) (optional): the name of the first element that is not
 *   installed
 *
 * Returns: whether every element @use needs for @codec is installed
 */
gboolean
gst_sip_codec_map_check (
    const GstSipCodec *codec, GstSipCodecUse use, const gchar **missing)
{
  const CodecElements *e = lookup (codec);
  const gchar *single[MAX_ALTERNATIVES] = {
    NULL,
  };

  if (missing)
    *missing = NULL;
  if (!e)
    return FALSE;

  if (use & (GST_SIP_CODEC_USE_RECEIVE | GST_SIP_CODEC_USE_DECODE)) {
    single[0] = e->depayloader;
    if (!first_available (single, missing))
      return FALSE;
    single[0] = e->parser;
    if (e->parser && !first_available (single, missing))
      return FALSE;
  }
  if ((use & GST_SIP_CODEC_USE_DECODE) &&
      !first_available (e->decoders, missing))
    return FALSE;
  if (use & (GST_SIP_CODEC_USE_SEND | GST_SIP_CODEC_USE_ENCODE)) {
    single[0] = e->payloader;
    if (!first_available (single, missing))
      return FALSE;
  }
  if ((use & GST_SIP_CODEC_USE_ENCODE) &&
      !first_available (e->encoders, missing))
    return FALSE;
  return TRUE;
}

/**
 * gst_sip_codec_map_caps_are_raw:
 * @caps: what an upstream element can give
 *
 * Returns: whether @caps are (or may be) raw audio or video, which the bin
 *   encodes; %FALSE for an encoded stream
 */
gboolean
gst_sip_codec_map_caps_are_raw (const GstCaps *caps)
{
  guint i;

  if (!caps || gst_caps_is_any (caps) || gst_caps_is_empty (caps))
    return TRUE;
  for (i = 0; i < gst_caps_get_size (caps); i++) {
    const gchar *name =
        gst_structure_get_name (gst_caps_get_structure (caps, i));

    if (g_str_has_suffix (name, "/x-raw"))
      return TRUE;
  }
  return FALSE;
}

/**
 * gst_sip_codec_map_caps_match:
 * @codec: a codec
 * @caps: the caps of an encoded input
 *
 * Returns: whether @caps can be payloaded as @codec
 */
gboolean
gst_sip_codec_map_caps_match (const GstSipCodec *codec, const GstCaps *caps)
{
  const CodecElements *e = lookup (codec);
  GstCaps *stream;
  gboolean ret;

  if (!e)
    return FALSE;
  stream = gst_caps_from_string (e->encoded_caps);
  ret = gst_caps_can_intersect (stream, caps);
  gst_caps_unref (stream);
  if (ret && strcmp (e->payloader, "rtph263pay") == 0) {
    /* RFC 2190 carries only baseline H.263 */
    GstCaps *h263 = gst_caps_from_string (
        "video/x-h263, variant=(string)itu, h263version=(string)h263");

    ret = gst_caps_can_intersect (h263, caps);
    gst_caps_unref (h263);
  } else if (ret && strcmp (e->payloader, "rtph263ppay") == 0) {
    GstCaps *h263 = gst_caps_from_string (
        "video/x-h263, variant=(string)itu, h263version=(string)h263");

    /* H.263 baseline fixed caps go to RFC 2190, the others here */
    ret = !gst_caps_is_subset (caps, h263);
    gst_caps_unref (h263);
  }
  return ret;
}

/**
 * gst_sip_codec_map_get_encoder:
 * @codec: a codec
 *
 * Returns: (nullable): the name of the encoder factory that would encode
 *   @codec, %NULL when none is installed
 */
const gchar *
gst_sip_codec_map_get_encoder (const GstSipCodec *codec)
{
  const CodecElements *e = lookup (codec);

  return e ? first_available (e->encoders, NULL) : NULL;
}

/* an avcC record (ISO/IEC 14496-15 5.2.4.1) into the sprop-parameter-sets
 * of RFC 6184 section 8.1: base64 SPS and PPS, comma-separated */
static gchar *
sprop_from_avcc (const guint8 *data, gsize size)
{
  GString *sprop = g_string_new (NULL);
  gsize pos = 5;
  guint sets, kind, i;

  if (size < 7 || data[0] != 1)
    goto invalid;
  /* the SPS count in the low 5 bits, then the PPS count in one octet */
  for (kind = 0; kind < 2; kind++) {
    if (pos >= size)
      goto invalid;
    sets = kind == 0 ? data[pos] & 0x1f : data[pos];
    pos++;
    for (i = 0; i < sets; i++) {
      guint len;
      gchar *b64;

      if (pos + 2 > size)
        goto invalid;
      len = (guint) data[pos] << 8 | data[pos + 1];
      pos += 2;
      if (len == 0 || pos + len > size)
        goto invalid;
      b64 = g_base64_encode (data + pos, len);
      g_string_append_printf (sprop, "%s%s", sprop->len ? "," : "", b64);
      g_free (b64);
      pos += len;
    }
  }
  if (sprop->len == 0)
    goto invalid;
  return g_string_free (sprop, FALSE);

  /* ERRORS */
invalid : {
  GST_WARNING ("invalid avcC of %" G_GSIZE_FORMAT " octets", size);
  g_string_free (sprop, TRUE);
  return NULL;
}
}

/**
 * gst_sip_codec_map_describe_stream:
 * @codec: a codec we offer or answer for an encoded input
 * @caps: the caps of that input
 *
 * Puts what the SDP can say of the stream in the format parameters of
 * @codec: for H.264 in the avc stream format, the parameter sets of its
 * codec_data (sprop-parameter-sets) and their profile and level
 * (profile-level-id), so that the peer's decoder has them before the first
 * key frame.
 */
void
gst_sip_codec_map_describe_stream (GstSipCodec *codec, const GstCaps *caps)
{
  const GstStructure *s;
  const GValue *value;
  GString *fmtp;
  gchar **params, *sprop;
  GstMapInfo map;
  guint i;

  if (!caps || gst_caps_get_size (caps) == 0 ||
      g_ascii_strcasecmp (gst_sip_codec_get_encoding_name (codec), "H264"))
    return;
  s = gst_caps_get_structure (caps, 0);
  value = gst_structure_get_value (s, "codec_data");
  if (!value || !GST_VALUE_HOLDS_BUFFER (value))
    return;
  if (!gst_buffer_map (gst_value_get_buffer (value), &map, GST_MAP_READ))
    return;
  sprop = sprop_from_avcc (map.data, map.size);
  if (!sprop) {
    gst_buffer_unmap (gst_value_get_buffer (value), &map);
    return;
  }

  fmtp = g_string_new (NULL);
  params = g_strsplit (
      gst_sip_codec_get_fmtp (codec) ? gst_sip_codec_get_fmtp (codec) : "", ";",
      -1);
  for (i = 0; params[i]; i++) {
    if (!*params[i] || g_str_has_prefix (params[i], "profile-level-id") ||
        g_str_has_prefix (params[i], "sprop-parameter-sets"))
      continue;
    g_string_append_printf (fmtp, "%s;", params[i]);
  }
  g_strfreev (params);
  g_string_append_printf (fmtp,
      "profile-level-id=%02x%02x%02x;sprop-parameter-sets=%s", map.data[1],
      map.data[2], map.data[3], sprop);
  gst_buffer_unmap (gst_value_get_buffer (value), &map);
  GST_DEBUG ("H.264 stream: %s", fmtp->str);
  gst_sip_codec_set_fmtp (codec, fmtp->str);
  g_string_free (fmtp, TRUE);
  g_free (sprop);
}

/* ---------------------------------------------------------------------- */
/* building */

static GstElement *
make (const gchar *factory, const gchar *name, GError **error)
{
  GstElement *element = gst_element_factory_make (factory, name);

  if (!element)
    g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
        _ ("The GStreamer element \"%s\" is not installed."), factory);
  return element;
}

/* a bin of @elements, linked in order, with ghost "sink" and "src" pads */
static GstElement *
chain (const gchar *name, GPtrArray *elements, GError **error)
{
  GstElement *bin = gst_bin_new (name);
  GstElement *first, *last;
  GstPad *pad;
  guint i;

  for (i = 0; i < elements->len; i++)
    gst_bin_add (GST_BIN (bin), g_ptr_array_index (elements, i));
  for (i = 1; i < elements->len; i++) {
    if (!gst_element_link (g_ptr_array_index (elements, i - 1),
            g_ptr_array_index (elements, i)))
      goto link_failed;
  }

  first = g_ptr_array_index (elements, 0);
  last = g_ptr_array_index (elements, elements->len - 1);
  pad = gst_element_get_static_pad (first, "sink");
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", pad));
  gst_object_unref (pad);
  pad = gst_element_get_static_pad (last, "src");
  gst_element_add_pad (bin, gst_ghost_pad_new ("src", pad));
  gst_object_unref (pad);
  return bin;

  /* ERRORS */
link_failed : {
  g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
      _ ("Could not link %s to %s."),
      GST_OBJECT_NAME (g_ptr_array_index (elements, i - 1)),
      GST_OBJECT_NAME (g_ptr_array_index (elements, i)));
  gst_object_unref (bin);
  return NULL;
}
}

static GstElement *
capsfilter (const gchar *name, GstCaps *caps)
{
  GstElement *filter = gst_element_factory_make ("capsfilter", name);

  g_object_set (filter, "caps", caps, NULL);
  gst_caps_unref (caps);
  return filter;
}

/* the largest picture size of RFC 4629 section 8.1 the fmtp allows, CIF
 * when it lists none */
static void
h263_size (const GstSipCodec *codec, gint *width, gint *height)
{
  if (gst_sip_codec_get_fmtp_param (codec, "CIF") ||
      (!gst_sip_codec_get_fmtp_param (codec, "QCIF") &&
          !gst_sip_codec_get_fmtp_param (codec, "SQCIF"))) {
    *width = 352;
    *height = 288;
  } else if (gst_sip_codec_get_fmtp_param (codec, "QCIF")) {
    *width = 176;
    *height = 144;
  } else {
    *width = 128;
    *height = 96;
  }
}

static GstCaps *
raw_caps_for (const CodecElements *e, const GstSipCodec *codec)
{
  gint width, height;

  if (strcmp (e->media, "audio") == 0)
    return gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, "S16LE",
        "rate", G_TYPE_INT, (gint) gst_sip_codec_get_clock_rate (codec),
        "channels", G_TYPE_INT, 1, NULL);

  if (g_str_has_prefix (e->name, "H263")) {
    h263_size (codec, &width, &height);
    return gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420",
        "width", G_TYPE_INT, width, "height", G_TYPE_INT, height, NULL);
  }
  if (strcmp (e->name, "MP4V-ES") == 0) {
    /* simple profile level 3 (profile-level-id=3): CIF at most */
    return gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420",
        "width", GST_TYPE_INT_RANGE, 16, 352, "height", GST_TYPE_INT_RANGE, 16,
        288, NULL);
  }
  return gst_caps_new_simple (
      "video/x-raw", "format", G_TYPE_STRING, "I420", NULL);
}

static void
configure_encoder (GstElement *encoder, const gchar *factory, guint bitrate)
{
  if (strcmp (factory, "x264enc") == 0) {
    gst_util_set_object_arg (G_OBJECT (encoder), "tune", "zerolatency");
    gst_util_set_object_arg (G_OBJECT (encoder), "speed-preset", "ultrafast");
    g_object_set (
        encoder, "key-int-max", KEY_INTERVAL, "bitrate", bitrate, NULL);
  } else if (strcmp (factory, "openh264enc") == 0) {
    g_object_set (
        encoder, "bitrate", bitrate * 1000, "gop-size", KEY_INTERVAL, NULL);
  } else if (g_str_has_prefix (factory, "avenc_")) {
    g_object_set (encoder, "bitrate", (gint) (bitrate * 1000), "gop-size",
        KEY_INTERVAL, NULL);
  }
}

/* RFC 4867 8.1: the peer decodes only the modes of its mode-set: the
 * highest of them, 7 (12.2 kbit/s) when it lists none */
static void
configure_amr_mode (GstElement *encoder, const GstSipCodec *codec)
{
  const gchar *mode_set = gst_sip_codec_get_fmtp_param (codec, "mode-set");
  gchar **modes;
  gint highest = -1;
  guint i;

  if (!mode_set ||
      !g_object_class_find_property (G_OBJECT_GET_CLASS (encoder), "band-mode"))
    return;
  modes = g_strsplit (mode_set, ",", -1);
  for (i = 0; modes[i]; i++) {
    gchar *end = NULL;
    gint64 mode = g_ascii_strtoll (g_strstrip (modes[i]), &end, 10);

    if (end != modes[i] && *end == '\0' && mode >= 0 && mode <= 7)
      highest = MAX (highest, (gint) mode);
  }
  g_strfreev (modes);
  if (highest >= 0)
    g_object_set (encoder, "band-mode", highest, NULL);
}

/* RFC 6184 6.2: packetization-mode 0 (also when absent) allows single NAL
 * units only, no fragments */
static gboolean
h264_fragments_allowed (const GstSipCodec *codec)
{
  const gchar *mode =
      gst_sip_codec_get_fmtp_param (codec, "packetization-mode");

  return mode && strcmp (mode, "0") != 0;
}

/* slices that fit in a packet, so that the payloader has nothing to
 * fragment */
static void
limit_h264_slices (GstElement *encoder, const gchar *factory)
{
  if (strcmp (factory, "x264enc") == 0) {
    gchar *options = g_strdup_printf ("slice-max-size=%u", RTP_MTU - 100);

    g_object_set (encoder, "option-string", options, NULL);
    g_free (options);
  } else {
    GST_WARNING ("%s cannot limit its slices: packetization-mode 0 may be "
                 "broken by fragments",
        factory);
  }
}

static void
configure_payloader (GstElement *pay, const CodecElements *e,
    const GstSipCodec *codec, guint ptime)
{
  g_object_set (
      pay, "pt", gst_sip_codec_get_payload_type (codec), "mtu", RTP_MTU, NULL);
  if (strcmp (e->media, "audio") == 0) {
    gint64 duration = (gint64) (ptime ? ptime : DEFAULT_PTIME) * GST_MSECOND;

    g_object_set (pay, "min-ptime", duration, "max-ptime", duration, NULL);
  } else if (strcmp (e->payloader, "rtph264pay") == 0 ||
      strcmp (e->payloader, "rtpmp4vpay") == 0) {
    /* parameter sets with every key frame: a receiver that joins late or
     * lost them decodes from the next one */
    g_object_set (pay, "config-interval", -1, NULL);
  }
  if (strcmp (e->payloader, "rtph264pay") == 0 &&
      !h264_fragments_allowed (codec)) {
    /* single NAL units: no STAP-A either, and no FU-A: what we encode is
     * sliced to fit in RTP_MTU (limit_h264_slices()), a larger NAL unit of
     * an encoded input goes whole, in a UDP datagram the IP layer
     * fragments, which mode 0 allows and the peer decodes */
    gst_util_set_object_arg (G_OBJECT (pay), "aggregate-mode", "none");
    g_object_set (pay, "mtu", H264_MODE_0_MTU, NULL);
  }
}

/**
 * gst_sip_codec_map_make_sender:
 * @codec: the codec to send, with the payload type the peer expects
 * @encode: whether the input is raw and must be encoded
 * @ptime: the packet duration the peer asked for in milliseconds, 0 for
 *   the default
 * @max_bitrate: the peer's b=AS in kbit/s, 0 when it gave none
 * @error: return location for a #GError
 *
 * Returns: (transfer floating) (nullable): a bin with "sink" and "src"
 *   pads that gives RTP packets of @codec
 */
GstElement *
gst_sip_codec_map_make_sender (const GstSipCodec *codec, gboolean encode,
    guint ptime, guint max_bitrate, GError **error)
{
  const CodecElements *e = lookup (codec);
  GPtrArray *elements = g_ptr_array_new ();
  const gchar *factory, *missing = NULL;
  GstElement *element, *bin = NULL;
  gboolean video;
  gchar *name;

  if (!e)
    goto unknown;
  video = strcmp (e->media, "video") == 0;

  if (encode) {
    guint bitrate = max_bitrate ? max_bitrate : DEFAULT_VIDEO_BITRATE;

    factory = first_available (e->encoders, &missing);
    if (!factory)
      goto missing;
    if (video) {
      if (!(element = make ("videoconvert", NULL, error)))
        goto failed;
      g_ptr_array_add (elements, element);
      if (!(element = make ("videoscale", NULL, error)))
        goto failed;
      g_ptr_array_add (elements, element);
    } else {
      if (!(element = make ("audioconvert", NULL, error)))
        goto failed;
      g_ptr_array_add (elements, element);
      if (!(element = make ("audioresample", NULL, error)))
        goto failed;
      g_ptr_array_add (elements, element);
    }
    g_ptr_array_add (elements, capsfilter (NULL, raw_caps_for (e, codec)));
    if (!(element = make (factory, "enc", error)))
      goto failed;
    configure_encoder (element, factory, bitrate);
    if (strcmp (e->name, "H264") == 0 && !h264_fragments_allowed (codec))
      limit_h264_slices (element, factory);
    if (strcmp (e->name, "AMR") == 0)
      configure_amr_mode (element, codec);
    g_ptr_array_add (elements, element);
    if (strcmp (e->name, "H264") == 0) {
      g_ptr_array_add (elements,
          capsfilter (NULL,
              gst_caps_from_string ("video/x-h264, stream-format=byte-stream, "
                                    "alignment=au, "
                                    "profile=constrained-baseline")));
    }
  } else if (e->parser) {
    if (!(element = make (e->parser, NULL, error)))
      goto failed;
    g_ptr_array_add (elements, element);
  }

  if (!(element = make (e->payloader, "pay", error)))
    goto failed;
  configure_payloader (element, e, codec, ptime);
  g_ptr_array_add (elements, element);
  /* the rtpbin gives fixed, empty caps downstream, which some payloaders
   * (rtph263ppay) read as an SDP that allows only a baseline stream: caps
   * that are not fixed let them take what their template allows */
  g_ptr_array_add (elements,
      capsfilter (NULL,
          gst_caps_new_simple ("application/x-rtp", "media", G_TYPE_STRING,
              e->media, "encoding-name", G_TYPE_STRING, e->name, "payload",
              GST_TYPE_INT_RANGE, 0, 127, NULL)));

  name = g_strdup_printf ("send-%s", e->name);
  bin = chain (name, elements, error);
  g_free (name);
  g_ptr_array_unref (elements);
  return bin;

  /* ERRORS */
unknown : {
  g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
      _ ("No GStreamer elements handle %s."),
      gst_sip_codec_get_encoding_name (codec));
  goto failed;
}
missing : {
  g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
      _ ("The GStreamer element \"%s\" is not installed."), missing);
  goto failed;
}
failed : {
  guint i;

  for (i = 0; i < elements->len; i++)
    gst_object_unref (gst_object_ref_sink (g_ptr_array_index (elements, i)));
  g_ptr_array_unref (elements);
  return NULL;
}
}

/**
 * gst_sip_codec_map_make_receiver:
 * @codec: the codec received, with our payload type
 * @decode: whether to decode to raw media
 * @error: return location for a #GError
 *
 * Returns: (transfer floating) (nullable): a bin with "sink" and "src"
 *   pads that takes RTP packets of @codec
 */
GstElement *
gst_sip_codec_map_make_receiver (
    const GstSipCodec *codec, gboolean decode, GError **error)
{
  const CodecElements *e = lookup (codec);
  GPtrArray *elements = g_ptr_array_new ();
  const gchar *factory, *missing = NULL;
  GstElement *element, *bin = NULL;
  gchar *name;

  if (!e)
    goto unknown;

  if (!(element = make (e->depayloader, "depay", error)))
    goto failed;
  if (g_object_class_find_property (
          G_OBJECT_GET_CLASS (element), "request-keyframe"))
    g_object_set (element, "request-keyframe", TRUE, NULL);
  if (g_object_class_find_property (
          G_OBJECT_GET_CLASS (element), "wait-for-keyframe"))
    g_object_set (element, "wait-for-keyframe", TRUE, NULL);
  g_ptr_array_add (elements, element);

  if (e->parser) {
    if (!(element = make (e->parser, NULL, error)))
      goto failed;
    g_ptr_array_add (elements, element);
  }
  if (decode) {
    factory = first_available (e->decoders, &missing);
    if (!factory)
      goto missing;
    if (!(element = make (factory, "dec", error)))
      goto failed;
    g_ptr_array_add (elements, element);
  }

  name = g_strdup_printf ("receive-%s", e->name);
  bin = chain (name, elements, error);
  g_free (name);
  g_ptr_array_unref (elements);
  return bin;

  /* ERRORS */
unknown : {
  g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
      _ ("No GStreamer elements handle %s."),
      gst_sip_codec_get_encoding_name (codec));
  goto failed;
}
missing : {
  g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
      _ ("The GStreamer element \"%s\" is not installed."), missing);
  goto failed;
}
failed : {
  guint i;

  for (i = 0; i < elements->len; i++)
    gst_object_unref (gst_object_ref_sink (g_ptr_array_index (elements, i)));
  g_ptr_array_unref (elements);
  return NULL;
}
}

/**
 * gst_sip_codec_map_request_key_unit:
 * @sender: a bin from gst_sip_codec_map_make_sender()
 *
 * Asks the encoder of @sender for a key frame as soon as possible.
 */
void
gst_sip_codec_map_request_key_unit (GstElement *sender)
{
  GstElement *pay = gst_bin_get_by_name (GST_BIN (sender), "pay");
  GstStructure *s;
  GstPad *pad;

  if (!pay)
    return;
  pad = gst_element_get_static_pad (pay, "sink");
  s = gst_structure_new (
      "GstForceKeyUnit", "all-headers", G_TYPE_BOOLEAN, TRUE, NULL);
  gst_pad_push_event (pad, gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM, s));
  gst_object_unref (pad);
  gst_object_unref (pay);
}
