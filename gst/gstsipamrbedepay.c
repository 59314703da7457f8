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
 * SECTION:element-sipamrbedepay
 * @title: sipamrbedepay
 * @see_also: sipamrbepay, rtpamrdepay, amrnbdec
 *
 * Takes AMR-NB frames out of RTP packets in the bandwidth-efficient mode of
 * RFC 4867 (`octet-align=0`, section 4.3), which rtpamrdepay of the good
 * plugins does not read, and gives them in the AMR storage format
 * (audio/AMR) that amrnbdec decodes: every frame of a packet, speech, SID
 * or NO_DATA, in one buffer.  The codec mode request of the peer is
 * ignored.  Packets with frame types 9 to 14, or shorter than their table
 * of contents says, are dropped; CRC, robust sorting, interleaving and
 * AMR-WB are not supported.
 *
 * ## Example pipeline
 * |[
 * gst-launch-1.0 udpsrc port=5004 caps="application/x-rtp,media=audio,
 *     clock-rate=8000,encoding-name=AMR" ! rtpjitterbuffer ! sipamrbedepay !
 *     amrnbdec ! autoaudiosink
 * ]|
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "gstsipamr.h"

GST_DEBUG_CATEGORY_STATIC (gst_sip_amr_be_depay_debug);
#define GST_CAT_DEFAULT gst_sip_amr_be_depay_debug

struct _GstSipAmrBeDepay
{
  GstRTPBaseDepayload parent;
};

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS,
    GST_STATIC_CAPS ("application/x-rtp, media = (string) audio, "
                     "clock-rate = (int) 8000, encoding-name = (string) AMR"));

static GstStaticPadTemplate src_template =
    GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC, GST_PAD_ALWAYS,
        GST_STATIC_CAPS ("audio/AMR, channels = (int) 1, rate = (int) 8000"));

G_DEFINE_TYPE (
    GstSipAmrBeDepay, gst_sip_amr_be_depay, GST_TYPE_RTP_BASE_DEPAYLOAD);
GST_ELEMENT_REGISTER_DEFINE (
    sipamrbedepay, "sipamrbedepay", GST_RANK_NONE, GST_TYPE_SIP_AMR_BE_DEPAY);

typedef struct
{
  const guint8 *data;
  guint size; /* in bits */
  guint pos;
} BitReader;

static guint
get_bits (BitReader *reader, guint n)
{
  guint value = 0;

  while (n-- > 0) {
    value = (value << 1) |
        ((reader->data[reader->pos / 8] >> (7 - reader->pos % 8)) & 1);
    reader->pos++;
  }
  return value;
}

/* a fmtp parameter of the caps that must not be 1 */
static gboolean
flag_is_set (const GstStructure *s, const gchar *name)
{
  const gchar *value = gst_structure_get_string (s, name);

  return value && strcmp (value, "0") != 0;
}

static gboolean
gst_sip_amr_be_depay_set_caps (GstRTPBaseDepayload *depay, GstCaps *caps)
{
  const GstStructure *s = gst_caps_get_structure (caps, 0);
  const gchar *params = gst_structure_get_string (s, "encoding-params");
  GstCaps *src_caps;
  gboolean ret;

  if (flag_is_set (s, "octet-align") || flag_is_set (s, "crc") ||
      flag_is_set (s, "robust-sorting") || flag_is_set (s, "interleaving"))
    goto not_bandwidth_efficient;
  if (params && strcmp (params, "1") != 0)
    goto channels;

  depay->clock_rate = 8000;
  src_caps = gst_caps_new_simple (
      "audio/AMR", "channels", G_TYPE_INT, 1, "rate", G_TYPE_INT, 8000, NULL);
  ret = gst_pad_set_caps (GST_RTP_BASE_DEPAYLOAD_SRCPAD (depay), src_caps);
  gst_caps_unref (src_caps);
  return ret;

  /* ERRORS */
not_bandwidth_efficient : {
  GST_ERROR_OBJECT (depay,
      "only the bandwidth-efficient mode without CRC, robust sorting and "
      "interleaving: %" GST_PTR_FORMAT,
      caps);
  return FALSE;
}
channels : {
  GST_ERROR_OBJECT (depay, "only one channel: %" GST_PTR_FORMAT, caps);
  return FALSE;
}
}

static GstBuffer *
gst_sip_amr_be_depay_process (GstRTPBaseDepayload *depay, GstRTPBuffer *rtp)
{
  BitReader reader;
  guint8 toc[256];
  guint n = 0, i, speech_bits = 0, out_size = 0, pos;
  gboolean more = TRUE;
  GstBuffer *out;
  GstMapInfo map;

  reader.data = gst_rtp_buffer_get_payload (rtp);
  reader.size = gst_rtp_buffer_get_payload_len (rtp) * 8;
  reader.pos = 0;
  if (reader.size < 4 + 6)
    goto too_short;

  get_bits (&reader, 4); /* the mode the peer would like to receive */
  while (more) {
    guint frame_type, quality;
    gint bits;

    if (reader.pos + 6 > reader.size || n == G_N_ELEMENTS (toc))
      goto too_short;
    more = get_bits (&reader, 1);
    frame_type = get_bits (&reader, 4);
    quality = get_bits (&reader, 1);
    bits = gst_sip_amr_frame_bits (frame_type);
    if (bits < 0)
      goto bad_frame_type;
    toc[n++] = frame_type << 3 | quality << 2;
    speech_bits += bits;
    out_size += 1 + (bits + 7) / 8;
  }
  if (reader.pos + speech_bits > reader.size)
    goto too_short;

  out = gst_buffer_new_allocate (NULL, out_size, NULL);
  gst_buffer_map (out, &map, GST_MAP_WRITE);
  memset (map.data, 0, map.size);
  pos = 0;
  for (i = 0; i < n; i++) {
    gint bits = gst_sip_amr_frame_bits (toc[i] >> 3), j;

    map.data[pos++] = toc[i];
    for (j = 0; j < bits; j++) {
      if (get_bits (&reader, 1))
        map.data[pos + j / 8] |= 0x80 >> (j % 8);
    }
    pos += (bits + 7) / 8;
  }
  gst_buffer_unmap (out, &map);
  GST_BUFFER_DURATION (out) = n * GST_SIP_AMR_FRAME_DURATION;
  if (gst_rtp_buffer_get_marker (rtp))
    GST_BUFFER_FLAG_SET (out, GST_BUFFER_FLAG_RESYNC);
  GST_LOG_OBJECT (depay, "%u frames", n);
  return out;

  /* ERRORS */
too_short : {
  GST_ELEMENT_WARNING (depay, STREAM, DECODE, (NULL),
      ("AMR packet shorter than its table of contents, dropping it"));
  return NULL;
}
bad_frame_type : {
  GST_ELEMENT_WARNING (depay, STREAM, DECODE, (NULL),
      ("unsupported AMR frame type in a packet, dropping it"));
  return NULL;
}
}

static void
gst_sip_amr_be_depay_init (GstSipAmrBeDepay *self)
{
}

static void
gst_sip_amr_be_depay_class_init (GstSipAmrBeDepayClass *klass)
{
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstRTPBaseDepayloadClass *depay_class = GST_RTP_BASE_DEPAYLOAD_CLASS (klass);

  depay_class->set_caps = gst_sip_amr_be_depay_set_caps;
  depay_class->process_rtp_packet = gst_sip_amr_be_depay_process;

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "RTP AMR depayloader (bandwidth-efficient)",
      "Codec/Depayloader/Network/RTP",
      "Extracts AMR-NB audio from RTP packets in the bandwidth-efficient mode "
      "of RFC 4867",
      "The gst-sip authors");

  GST_DEBUG_CATEGORY_INIT (gst_sip_amr_be_depay_debug, "sipamrbedepay", 0,
      "bandwidth-efficient AMR depayloader");
}
