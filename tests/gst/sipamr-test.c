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

/* sipamrbepay and sipamrbedepay on their own, in GstHarness: the
 * bandwidth-efficient payload of RFC 4867 section 4.3 bit by bit, every
 * frame type through payloader and depayloader unchanged, several frames
 * a packet, RTP timestamps, NO_DATA frames and broken packets. */

#include <string.h>
#include <gst/check/gstcheck.h>
#include <gst/check/gstharness.h>
#include <gst/rtp/rtp.h>

#define FRAME_NS (20 * GST_MSECOND)

/* speech bits of frame types 0-8 and 15 (3GPP TS 26.101 table 1a) */
static const gint frame_bits[16] = { 95, 103, 118, 134, 148, 159, 204, 244, 39,
  -1, -1, -1, -1, -1, -1, 0 };

/* a storage-format frame (RFC 4867 section 5.3) of @frame_type whose
 * speech bits follow a pattern of @seed, the padding bits zero */
static GstBuffer *
make_frame (guint frame_type, guint seed)
{
  gint bits = frame_bits[frame_type], i;
  gsize size = 1 + (bits + 7) / 8;
  guint8 *data = g_malloc0 (size);

  data[0] = frame_type << 3 | 1 << 2;
  for (i = 0; i < bits; i++) {
    /* not periodic in octets: catches shifts of a bit */
    if (((i * 7 + seed) % 5) < 2 || i == bits - 1)
      data[1 + i / 8] |= 0x80 >> (i % 8);
  }
  return gst_buffer_new_wrapped (data, size);
}

static GstBuffer *
concat (GstBuffer *a, GstBuffer *b)
{
  return a ? gst_buffer_append (a, b) : b;
}

static GstHarness *
new_pay (gint64 max_ptime)
{
  GstHarness *h = gst_harness_new ("sipamrbepay");

  g_object_set (h->element, "pt", 97, "max-ptime", max_ptime, "min-ptime",
      max_ptime > 0 ? max_ptime : 0, NULL);
  gst_harness_set_src_caps_str (h, "audio/AMR, channels=1, rate=8000");
  return h;
}

static GstHarness *
new_depay (void)
{
  GstHarness *h = gst_harness_new ("sipamrbedepay");

  gst_harness_set_src_caps_str (h,
      "application/x-rtp, media=audio, clock-rate=8000, encoding-name=AMR, "
      "payload=97");
  return h;
}

static gboolean
buffers_equal (GstBuffer *a, GstBuffer *b)
{
  GstMapInfo ma, mb;
  gboolean ret;

  gst_buffer_map (a, &ma, GST_MAP_READ);
  gst_buffer_map (b, &mb, GST_MAP_READ);
  ret = ma.size == mb.size && memcmp (ma.data, mb.data, ma.size) == 0;
  gst_buffer_unmap (a, &ma);
  gst_buffer_unmap (b, &mb);
  return ret;
}

/* the bit @pos of @data */
static guint
bit (const guint8 *data, guint pos)
{
  return (data[pos / 8] >> (7 - pos % 8)) & 1;
}

static guint
bits_at (const guint8 *data, guint pos, guint n)
{
  guint value = 0;

  while (n-- > 0)
    value = value << 1 | bit (data, pos++);
  return value;
}

/* ---------------------------------------------------------------------- */

/* each speech mode and SID, one frame a packet: the layout of section 4.3
 * (CMR, one ToC entry, the speech bits from bit 10, zero padding), and
 * the depayloader gives the frame back as it went in */
GST_START_TEST (test_round_trip_every_mode)
{
  static const guint types[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8 };
  GstHarness *pay = new_pay (-1), *depay = new_depay ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (types); i++) {
    guint ft = types[i], j;
    gint nbits = frame_bits[ft];
    GstBuffer *in = make_frame (ft, i), *rtp, *out;
    GstRTPBuffer r = GST_RTP_BUFFER_INIT;
    const guint8 *payload, *speech;
    GstMapInfo map;
    guint len;

    GST_BUFFER_PTS (in) = i * FRAME_NS;
    fail_unless_equals_int (
        gst_harness_push (pay, gst_buffer_ref (in)), GST_FLOW_OK);
    rtp = gst_harness_pull (pay);
    fail_unless (rtp != NULL);

    fail_unless (gst_rtp_buffer_map (rtp, GST_MAP_READ, &r));
    fail_unless_equals_int (gst_rtp_buffer_get_payload_type (&r), 97);
    len = gst_rtp_buffer_get_payload_len (&r);
    /* 4 bits CMR, 6 bits ToC, the speech bits, padded to an octet */
    fail_unless_equals_int (len, (10 + nbits + 7) / 8);
    payload = gst_rtp_buffer_get_payload (&r);
    fail_unless_equals_int (bits_at (payload, 0, 4), 15); /* CMR: none */
    fail_unless_equals_int (bit (payload, 4), 0); /* F: the last frame */
    fail_unless_equals_int (bits_at (payload, 5, 4), ft);
    fail_unless_equals_int (bit (payload, 9), 1); /* Q */
    gst_buffer_map (in, &map, GST_MAP_READ);
    speech = map.data + 1;
    for (j = 0; j < (guint) nbits; j++)
      fail_unless_equals_int (bit (payload, 10 + j), bit (speech, j));
    for (j = 10 + nbits; j < len * 8; j++)
      fail_unless_equals_int (bit (payload, j), 0);
    gst_buffer_unmap (in, &map);
    /* the first packet starts a talkspurt */
    fail_unless_equals_int (gst_rtp_buffer_get_marker (&r), i == 0);
    gst_rtp_buffer_unmap (&r);

    fail_unless_equals_int (gst_harness_push (depay, rtp), GST_FLOW_OK);
    out = gst_harness_pull (depay);
    fail_unless (out != NULL);
    fail_unless (buffers_equal (in, out), "frame type %u changed", ft);
    gst_buffer_unref (out);
    gst_buffer_unref (in);
  }
  gst_harness_teardown (pay);
  gst_harness_teardown (depay);
}

GST_END_TEST;

/* 60 ms a packet: three frames of different types, F set on all entries
 * but the last, RTP timestamps 480 apart; a packet of every mode with SID
 * and NO_DATA comes back whole */
GST_START_TEST (test_several_frames)
{
  static const guint types[] = { 7, 0, 15, 8, 4, 15, 1, 2, 3, 5, 6, 7 };
  GstHarness *pay = new_pay (60 * GST_MSECOND), *depay = new_depay ();
  GstBuffer *expected[4] = { NULL, NULL, NULL, NULL };
  guint32 first_ts = 0;
  guint i, p;

  for (i = 0; i < G_N_ELEMENTS (types); i++) {
    GstBuffer *in = make_frame (types[i], i + 3);

    expected[i / 3] = concat (expected[i / 3], gst_buffer_copy (in));
    GST_BUFFER_PTS (in) = i * FRAME_NS;
    GST_BUFFER_DURATION (in) = FRAME_NS;
    fail_unless_equals_int (gst_harness_push (pay, in), GST_FLOW_OK);
  }
  fail_unless_equals_int (gst_harness_buffers_received (pay), 4);

  for (p = 0; p < 4; p++) {
    GstBuffer *rtp = gst_harness_pull (pay), *out;
    GstRTPBuffer r = GST_RTP_BUFFER_INIT;
    const guint8 *payload;

    fail_unless (gst_rtp_buffer_map (rtp, GST_MAP_READ, &r));
    payload = gst_rtp_buffer_get_payload (&r);
    for (i = 0; i < 3; i++) {
      fail_unless_equals_int (bit (payload, 4 + 6 * i), i < 2);
      fail_unless_equals_int (
          bits_at (payload, 5 + 6 * i, 4), types[p * 3 + i]);
    }
    if (p == 0)
      first_ts = gst_rtp_buffer_get_timestamp (&r);
    else
      fail_unless_equals_int (
          gst_rtp_buffer_get_timestamp (&r) - first_ts, p * 480);
    fail_unless_equals_uint64 (GST_BUFFER_PTS (rtp), p * 3 * FRAME_NS);
    gst_rtp_buffer_unmap (&r);

    fail_unless_equals_int (gst_harness_push (depay, rtp), GST_FLOW_OK);
    out = gst_harness_pull (depay);
    fail_unless (buffers_equal (out, expected[p]), "packet %u changed", p);
    fail_unless_equals_uint64 (GST_BUFFER_DURATION (out), 3 * FRAME_NS);
    fail_unless_equals_uint64 (GST_BUFFER_PTS (out), p * 3 * FRAME_NS);
    gst_buffer_unref (out);
    gst_buffer_unref (expected[p]);
  }
  gst_harness_teardown (pay);
  gst_harness_teardown (depay);
}

GST_END_TEST;

/* frames that wait for a packet go out at EOS */
GST_START_TEST (test_eos_drains)
{
  GstHarness *pay = new_pay (100 * GST_MSECOND);
  GstBuffer *rtp;
  GstRTPBuffer r = GST_RTP_BUFFER_INIT;

  fail_unless_equals_int (
      gst_harness_push (pay, make_frame (7, 1)), GST_FLOW_OK);
  fail_unless_equals_int (
      gst_harness_push (pay, make_frame (15, 0)), GST_FLOW_OK);
  fail_unless_equals_int (gst_harness_buffers_received (pay), 0);
  fail_unless (gst_harness_push_event (pay, gst_event_new_eos ()));
  rtp = gst_harness_pull (pay);
  fail_unless (gst_rtp_buffer_map (rtp, GST_MAP_READ, &r));
  /* CMR, two ToC entries, 244 bits and none for NO_DATA */
  fail_unless_equals_int (
      gst_rtp_buffer_get_payload_len (&r), (4 + 12 + 244 + 7) / 8);
  fail_unless_equals_int (
      bits_at (gst_rtp_buffer_get_payload (&r), 10, 6), 15 << 1 | 1);
  gst_rtp_buffer_unmap (&r);
  gst_buffer_unref (rtp);
  gst_harness_teardown (pay);
}

GST_END_TEST;

/* a packet written by hand after RFC 4867 section 4.3: CMR 1, two frames,
 * 4.75 kbit/s with all speech bits set then NO_DATA */
GST_START_TEST (test_depay_handmade)
{
  GstHarness *depay = new_depay ();
  GstBuffer *rtp, *out;
  GstRTPBuffer r = GST_RTP_BUFFER_INIT;
  guint8 *payload;
  GstMapInfo map;
  guint i, pos;

  /* 4 + 6 + 6 + 95 = 111 bits: 14 octets */
  rtp = gst_rtp_buffer_new_allocate (14, 0, 0);
  gst_rtp_buffer_map (rtp, GST_MAP_WRITE, &r);
  gst_rtp_buffer_set_payload_type (&r, 97);
  gst_rtp_buffer_set_timestamp (&r, 1234);
  payload = gst_rtp_buffer_get_payload (&r);
  memset (payload, 0, 14);
  /* CMR 0001, F 1 FT 0000 Q 1, F 0 FT 1111 Q 1 */
  payload[0] = 0x18;
  payload[1] = 0x5f;
  for (pos = 16; pos < 16 + 95; pos++)
    payload[pos / 8] |= 0x80 >> (pos % 8);
  gst_rtp_buffer_unmap (&r);

  fail_unless_equals_int (gst_harness_push (depay, rtp), GST_FLOW_OK);
  out = gst_harness_pull (depay);
  gst_buffer_map (out, &map, GST_MAP_READ);
  /* 4.75: header 0x04 and 12 octets, NO_DATA: header 0x7c */
  fail_unless_equals_int (map.size, 1 + 12 + 1);
  fail_unless_equals_int (map.data[0], 0x04);
  for (i = 1; i < 12; i++)
    fail_unless_equals_int (map.data[i], 0xff);
  fail_unless_equals_int (map.data[12], 0xfe); /* 95 = 11 * 8 + 7 */
  fail_unless_equals_int (map.data[13], 0x7c);
  gst_buffer_unmap (out, &map);
  gst_buffer_unref (out);
  gst_harness_teardown (depay);
}

GST_END_TEST;

/* a ToC longer than the packet, or a frame type we do not carry: dropped */
GST_START_TEST (test_depay_broken)
{
  GstHarness *depay = new_depay ();
  GstRTPBuffer r = GST_RTP_BUFFER_INIT;
  GstBuffer *rtp;
  guint8 *payload;

  /* CMR 15, FT 7 (244 bits) in 4 octets */
  rtp = gst_rtp_buffer_new_allocate (4, 0, 0);
  gst_rtp_buffer_map (rtp, GST_MAP_WRITE, &r);
  gst_rtp_buffer_set_payload_type (&r, 97);
  payload = gst_rtp_buffer_get_payload (&r);
  payload[0] = 0xf3;
  payload[1] = 0xc0;
  payload[2] = payload[3] = 0;
  gst_rtp_buffer_unmap (&r);
  fail_unless_equals_int (gst_harness_push (depay, rtp), GST_FLOW_OK);

  /* FT 12, reserved */
  rtp = gst_rtp_buffer_new_allocate (4, 0, 0);
  gst_rtp_buffer_map (rtp, GST_MAP_WRITE, &r);
  gst_rtp_buffer_set_payload_type (&r, 97);
  gst_rtp_buffer_set_seq (&r, 2);
  payload = gst_rtp_buffer_get_payload (&r);
  payload[0] = 0xf6;
  payload[1] = 0x40;
  payload[2] = payload[3] = 0;
  gst_rtp_buffer_unmap (&r);
  fail_unless_equals_int (gst_harness_push (depay, rtp), GST_FLOW_OK);

  fail_unless_equals_int (gst_harness_buffers_received (depay), 0);
  gst_harness_teardown (depay);
}

GST_END_TEST;

/* octet-aligned caps are refused: that is rtpamrdepay's job */
GST_START_TEST (test_depay_refuses_octet_aligned)
{
  GstHarness *depay = gst_harness_new ("sipamrbedepay");
  GstBuffer *rtp = gst_rtp_buffer_new_allocate (4, 0, 0);

  gst_harness_set_src_caps_str (depay,
      "application/x-rtp, media=audio, clock-rate=8000, encoding-name=AMR, "
      "payload=96, octet-align=(string)1");
  fail_if (gst_harness_push (depay, rtp) == GST_FLOW_OK);
  gst_harness_teardown (depay);
}

GST_END_TEST;

static GstPadProbeReturn
count_bytes (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  gint64 *bytes = user_data;

  *bytes += gst_buffer_get_size (GST_PAD_PROBE_INFO_BUFFER (info));
  return GST_PAD_PROBE_OK;
}

/* amrnbenc -> sipamrbepay -> sipamrbedepay -> amrnbdec: one second of
 * audio comes out as 8000 samples */
GST_START_TEST (test_codec_round_trip)
{
  GstElement *pipeline, *sink;
  GError *error = NULL;
  GstMessage *msg;
  gint64 bytes = 0;
  GstBus *bus;
  GstPad *pad;

  if (!gst_registry_check_feature_version (
          gst_registry_get (), "amrnbenc", 1, 0, 0) ||
      !gst_registry_check_feature_version (
          gst_registry_get (), "amrnbdec", 1, 0, 0)) {
    GST_INFO ("amrnbenc or amrnbdec missing");
    return;
  }
  pipeline = gst_parse_launch (
      "audiotestsrc num-buffers=50 samplesperbuffer=160 ! "
      "audio/x-raw,rate=8000,channels=1 ! amrnbenc band-mode=MR795 ! "
      "sipamrbepay max-ptime=40000000 min-ptime=40000000 ! "
      "sipamrbedepay ! amrnbdec ! fakesink name=sink sync=false",
      &error);
  fail_unless (pipeline != NULL, "%s", error ? error->message : "");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_bytes, &bytes, NULL);
  gst_object_unref (pad);
  gst_object_unref (sink);

  fail_if (gst_element_set_state (pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE);
  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_timed_pop_filtered (
      bus, 20 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  fail_unless (msg != NULL, "no EOS");
  fail_unless_equals_int (GST_MESSAGE_TYPE (msg), GST_MESSAGE_EOS);
  gst_message_unref (msg);
  gst_object_unref (bus);
  fail_unless_equals_int (gst_element_set_state (pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (pipeline);

  /* S16: two octets a sample, 160 samples a frame */
  fail_unless_equals_int64 (bytes / 2, 50 * 160);
}

GST_END_TEST;

static Suite *
sipamr_suite (void)
{
  Suite *s = suite_create ("sipamr");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_round_trip_every_mode);
  tcase_add_test (tc, test_several_frames);
  tcase_add_test (tc, test_eos_drains);
  tcase_add_test (tc, test_depay_handmade);
  tcase_add_test (tc, test_depay_broken);
  tcase_add_test (tc, test_depay_refuses_octet_aligned);
  tcase_add_test (tc, test_codec_round_trip);
  return s;
}

GST_CHECK_MAIN (sipamr);
