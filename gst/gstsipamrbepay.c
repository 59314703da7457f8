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
 * SECTION:element-sipamrbepay
 * @title: sipamrbepay
 * @see_also: sipamrbedepay, rtpamrpay, amrnbenc
 *
 * Payloads AMR-NB frames in the bandwidth-efficient mode of RFC 4867
 * (`octet-align=0`, section 4.3), the mode SIP peers use when the SDP has no
 * `octet-align=1`; rtpamrpay of the good plugins has only the
 * octet-aligned mode.  The input is the AMR storage format (audio/AMR, as
 * amrnbenc gives it): every frame of the eight speech modes, SID frames
 * and NO_DATA frames.  A packet carries as many 20 ms frames as
 * #GstRTPBasePayload:max-ptime (or #GstRTPBasePayload:min-ptime) allows,
 * one when neither is set.  The codec mode request is always 15 (none);
 * CRC, robust sorting, interleaving and AMR-WB are not supported.
 *
 * ## Example pipeline
 * |[
 * gst-launch-1.0 audiotestsrc ! audio/x-raw,rate=8000,channels=1 ! amrnbenc !
 *     sipamrbepay max-ptime=60000000 ! udpsink port=5004
 * ]|
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "gstsipamr.h"

GST_DEBUG_CATEGORY_STATIC (gst_sip_amr_be_pay_debug);
#define GST_CAT_DEFAULT gst_sip_amr_be_pay_debug

/* the codec mode request of our packets: no request */
#define CMR_NONE 15
/* the most speech bits of a frame (12.2 kbit/s) */
#define MAX_FRAME_BITS 244

struct _GstSipAmrBePay
{
  GstRTPBaseAudioPayload parent;

  /* storage-format frames waiting for a packet, one GstBuffer each */
  GPtrArray *frames;
  GstClockTime first_pts;
  gboolean marker;
};

static GstStaticPadTemplate sink_template =
    GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK, GST_PAD_ALWAYS,
        GST_STATIC_CAPS ("audio/AMR, channels = (int) 1, rate = (int) 8000"));

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS,
    GST_STATIC_CAPS ("application/x-rtp, media = (string) audio, "
                     "payload = (int) " GST_RTP_PAYLOAD_DYNAMIC_STRING ", "
                     "clock-rate = (int) 8000, encoding-name = (string) AMR, "
                     "encoding-params = (string) 1, "
                     "octet-align = (string) 0"));

G_DEFINE_TYPE (
    GstSipAmrBePay, gst_sip_amr_be_pay, GST_TYPE_RTP_BASE_AUDIO_PAYLOAD);
GST_ELEMENT_REGISTER_DEFINE (
    sipamrbepay, "sipamrbepay", GST_RANK_NONE, GST_TYPE_SIP_AMR_BE_PAY);

/**
 * gst_sip_amr_frame_bits:
 * @frame_type: the FT of a frame
 *
 * Returns: the number of speech bits of an AMR-NB frame of @frame_type
 *   (3GPP TS 26.101 table 1a, RFC 4867 section 3.6), 0 for NO_DATA, -1 for
 *   the frame types this implementation does not carry (9 to 14: the SID
 *   frames of other codecs and the reserved ones)
 */
gint
gst_sip_amr_frame_bits (guint frame_type)
{
  static const gint bits[16] = { 95, 103, 118, 134, 148, 159, 204, 244, 39, -1,
    -1, -1, -1, -1, -1, 0 };

  return frame_type < 16 ? bits[frame_type] : -1;
}

/* writes the @n low bits of @value at bit @pos of the zeroed @data */
static void
put_bits (guint8 *data, guint *pos, guint value, guint n)
{
  while (n > 0) {
    n--;
    if ((value >> n) & 1)
      data[*pos / 8] |= 0x80 >> (*pos % 8);
    (*pos)++;
  }
}

static void
clear_frames (GstSipAmrBePay *self)
{
  g_ptr_array_set_size (self->frames, 0);
  self->first_pts = GST_CLOCK_TIME_NONE;
}

/* sends the frames that wait as one packet */
static GstFlowReturn
flush_frames (GstSipAmrBePay *self)
{
  GstRTPBasePayload *payload = GST_RTP_BASE_PAYLOAD (self);
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  GstBuffer *out;
  guint8 *data;
  guint i, n = self->frames->len, bits = 4 + 6 * n, pos = 0;

  if (n == 0)
    return GST_FLOW_OK;

  for (i = 0; i < n; i++) {
    GstBuffer *frame = g_ptr_array_index (self->frames, i);
    guint8 header;

    gst_buffer_extract (frame, 0, &header, 1);
    bits += gst_sip_amr_frame_bits ((header >> 3) & 0x0f);
  }

  out = gst_rtp_base_payload_allocate_output_buffer (
      payload, (bits + 7) / 8, 0, 0);
  gst_rtp_buffer_map (out, GST_MAP_WRITE, &rtp);
  data = gst_rtp_buffer_get_payload (&rtp);
  memset (data, 0, (bits + 7) / 8);

  put_bits (data, &pos, CMR_NONE, 4);
  /* the table of contents: F, FT, Q */
  for (i = 0; i < n; i++) {
    GstBuffer *frame = g_ptr_array_index (self->frames, i);
    guint8 header;

    gst_buffer_extract (frame, 0, &header, 1);
    put_bits (data, &pos, i + 1 < n, 1);
    put_bits (data, &pos, (header >> 3) & 0x0f, 4);
    put_bits (data, &pos, (header >> 2) & 0x01, 1);
  }
  /* the speech bits, in the order of the storage format */
  for (i = 0; i < n; i++) {
    GstBuffer *frame = g_ptr_array_index (self->frames, i);
    GstMapInfo map;
    gint frame_bits, j;

    gst_buffer_map (frame, &map, GST_MAP_READ);
    frame_bits = gst_sip_amr_frame_bits ((map.data[0] >> 3) & 0x0f);
    for (j = 0; j < frame_bits; j++)
      put_bits (data, &pos, map.data[1 + j / 8] >> (7 - j % 8), 1);
    gst_buffer_unmap (frame, &map);
  }
  if (self->marker) {
    /* the first packet of a talkspurt (RFC 4867 section 4.1) */
    gst_rtp_buffer_set_marker (&rtp, TRUE);
    self->marker = FALSE;
  }
  gst_rtp_buffer_unmap (&rtp);

  GST_BUFFER_PTS (out) = self->first_pts;
  GST_BUFFER_DURATION (out) = n * GST_SIP_AMR_FRAME_DURATION;
  GST_LOG_OBJECT (self, "%u frames, %u bits", n, bits);
  clear_frames (self);
  return gst_rtp_base_payload_push (payload, out);
}

/* how many frames go in a packet: the packet duration asked for, within
 * the MTU */
static guint
frames_per_packet (GstSipAmrBePay *self)
{
  GstRTPBasePayload *payload = GST_RTP_BASE_PAYLOAD (self);
  GstClockTime ptime = GST_SIP_AMR_FRAME_DURATION;
  guint n, room;

  if (payload->max_ptime > 0)
    ptime = payload->max_ptime;
  else if (payload->min_ptime > 0)
    ptime = payload->min_ptime;
  n = MAX (1, ptime / GST_SIP_AMR_FRAME_DURATION);
  /* 12 octets of RTP header, the CMR, then at most 6 + 244 bits a frame */
  room = (GST_RTP_BASE_PAYLOAD_MTU (payload) - 12) * 8 - 4;
  return MAX (1, MIN (n, room / (6 + MAX_FRAME_BITS)));
}

static gboolean
gst_sip_amr_be_pay_set_caps (GstRTPBasePayload *payload, GstCaps *caps)
{
  gst_rtp_base_payload_set_options (payload, "audio", TRUE, "AMR", 8000);
  return gst_rtp_base_payload_set_outcaps (payload, "encoding-params",
      G_TYPE_STRING, "1", "octet-align", G_TYPE_STRING, "0", NULL);
}

static GstFlowReturn
gst_sip_amr_be_pay_handle_buffer (GstRTPBasePayload *payload, GstBuffer *buffer)
{
  GstSipAmrBePay *self = GST_SIP_AMR_BE_PAY (payload);
  GstFlowReturn ret = GST_FLOW_OK;
  GstClockTime pts = GST_BUFFER_PTS (buffer);
  guint per_packet = frames_per_packet (self);
  guint frame_type = 0;
  GstMapInfo map;
  gsize offset = 0;

  if (GST_BUFFER_IS_DISCONT (buffer)) {
    ret = flush_frames (self);
    self->marker = TRUE;
  }

  gst_buffer_map (buffer, &map, GST_MAP_READ);
  while (ret == GST_FLOW_OK && offset < map.size) {
    gint bits;
    gsize size;
    GstBuffer *frame;

    frame_type = (map.data[offset] >> 3) & 0x0f;
    bits = gst_sip_amr_frame_bits (frame_type);
    if (bits < 0)
      goto bad_frame_type;
    size = 1 + (bits + 7) / 8;
    if (offset + size > map.size)
      goto truncated;

    frame =
        gst_buffer_copy_region (buffer, GST_BUFFER_COPY_MEMORY, offset, size);
    if (self->frames->len == 0)
      self->first_pts = pts;
    g_ptr_array_add (self->frames, frame);
    if (GST_CLOCK_TIME_IS_VALID (pts))
      pts += GST_SIP_AMR_FRAME_DURATION;
    offset += size;

    if (self->frames->len >= per_packet)
      ret = flush_frames (self);
  }
  gst_buffer_unmap (buffer, &map);
  gst_buffer_unref (buffer);
  return ret;

  /* ERRORS */
bad_frame_type : {
  GST_ELEMENT_WARNING (self, STREAM, FORMAT, (NULL),
      ("AMR frame type %u cannot be sent, dropping the rest of the buffer",
          frame_type));
  gst_buffer_unmap (buffer, &map);
  gst_buffer_unref (buffer);
  return ret;
}
truncated : {
  GST_ELEMENT_WARNING (self, STREAM, FORMAT, (NULL),
      ("truncated AMR frame of type %u, dropping it", frame_type));
  gst_buffer_unmap (buffer, &map);
  gst_buffer_unref (buffer);
  return ret;
}
}

static gboolean
gst_sip_amr_be_pay_sink_event (GstRTPBasePayload *payload, GstEvent *event)
{
  GstSipAmrBePay *self = GST_SIP_AMR_BE_PAY (payload);

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_EOS:
      flush_frames (self);
      break;
    case GST_EVENT_FLUSH_STOP:
      clear_frames (self);
      self->marker = TRUE;
      break;
    default:
      break;
  }
  return GST_RTP_BASE_PAYLOAD_CLASS (gst_sip_amr_be_pay_parent_class)
      ->sink_event (payload, event);
}

static GstStateChangeReturn
gst_sip_amr_be_pay_change_state (GstElement *element, GstStateChange transition)
{
  GstSipAmrBePay *self = GST_SIP_AMR_BE_PAY (element);
  GstStateChangeReturn ret;

  if (transition == GST_STATE_CHANGE_READY_TO_PAUSED) {
    clear_frames (self);
    self->marker = TRUE;
  }
  ret = GST_ELEMENT_CLASS (gst_sip_amr_be_pay_parent_class)
            ->change_state (element, transition);
  if (transition == GST_STATE_CHANGE_PAUSED_TO_READY)
    clear_frames (self);
  return ret;
}

static void
gst_sip_amr_be_pay_finalize (GObject *object)
{
  GstSipAmrBePay *self = GST_SIP_AMR_BE_PAY (object);

  g_ptr_array_unref (self->frames);
  G_OBJECT_CLASS (gst_sip_amr_be_pay_parent_class)->finalize (object);
}

static void
gst_sip_amr_be_pay_init (GstSipAmrBePay *self)
{
  self->frames =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_buffer_unref);
  self->first_pts = GST_CLOCK_TIME_NONE;
  self->marker = TRUE;
  gst_rtp_base_audio_payload_set_frame_based (
      GST_RTP_BASE_AUDIO_PAYLOAD (self));
}

static void
gst_sip_amr_be_pay_class_init (GstSipAmrBePayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstRTPBasePayloadClass *payload_class = GST_RTP_BASE_PAYLOAD_CLASS (klass);

  object_class->finalize = gst_sip_amr_be_pay_finalize;
  element_class->change_state = gst_sip_amr_be_pay_change_state;
  payload_class->set_caps = gst_sip_amr_be_pay_set_caps;
  payload_class->handle_buffer = gst_sip_amr_be_pay_handle_buffer;
  payload_class->sink_event = gst_sip_amr_be_pay_sink_event;

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class,
      "RTP AMR payloader (bandwidth-efficient)", "Codec/Payloader/Network/RTP",
      "Payloads AMR-NB audio in the bandwidth-efficient mode of RFC 4867",
      "The gst-sip authors");

  GST_DEBUG_CATEGORY_INIT (gst_sip_amr_be_pay_debug, "sipamrbepay", 0,
      "bandwidth-efficient AMR payloader");
}
