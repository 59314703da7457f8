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

#ifndef __GST_SIP_AMR_H__
#define __GST_SIP_AMR_H__

#include <gst/gst.h>
#include <gst/rtp/rtp.h>

G_BEGIN_DECLS

/* Bandwidth-efficient AMR-NB (RFC 4867 section 4.3): the payload is a
 * 4-bit codec mode request, a table of contents of 6 bits per frame (F:
 * another entry follows, FT: frame type, Q: frame quality) and the speech
 * bits of every frame one after another, without padding but at the end.
 *
 * The elementary stream on the other side is the AMR storage format of
 * RFC 4867 section 5 (audio/AMR, as amrnbenc gives and amrnbdec takes):
 * per frame one header octet (0 FT(4) Q 0 0) and the speech bits padded to
 * whole octets.  Only AMR-NB, one channel, without CRC, robust sorting and
 * interleaving. */

/* the frame types with speech bits, and NO_DATA */
#define GST_SIP_AMR_FT_SID 8
#define GST_SIP_AMR_FT_NO_DATA 15
/* samples of one frame at 8 kHz: 20 ms */
#define GST_SIP_AMR_FRAME_SAMPLES 160
#define GST_SIP_AMR_FRAME_DURATION (20 * GST_MSECOND)

G_GNUC_INTERNAL
gint gst_sip_amr_frame_bits (guint frame_type);

#define GST_TYPE_SIP_AMR_BE_PAY (gst_sip_amr_be_pay_get_type ())
G_DECLARE_FINAL_TYPE (GstSipAmrBePay, gst_sip_amr_be_pay, GST, SIP_AMR_BE_PAY,
    GstRTPBaseAudioPayload)

#define GST_TYPE_SIP_AMR_BE_DEPAY (gst_sip_amr_be_depay_get_type ())
G_DECLARE_FINAL_TYPE (GstSipAmrBeDepay, gst_sip_amr_be_depay, GST,
    SIP_AMR_BE_DEPAY, GstRTPBaseDepayload)

GST_ELEMENT_REGISTER_DECLARE (sipamrbepay);
GST_ELEMENT_REGISTER_DECLARE (sipamrbedepay);

G_END_DECLS

#endif /* __GST_SIP_AMR_H__ */
