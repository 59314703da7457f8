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

/* libFuzzer target for SDP offer/answer: the input is a session
 * description from a peer.  It is answered as an offer by a negotiator
 * with audio and video and every default codec, and it is applied as the
 * answer to an offer of ours.  Nothing may crash or leak, and an answer
 * must keep the offer's m-line count (RFC 3264 6) and answer each accepted
 * stream with payload types the offer had.  The SRTP mode of the
 * negotiator (disabled, optional, mandatory) comes from the input's
 * length. */

#include "fuzz-common.h"

static GstSipSdpNegotiator *
new_negotiator (GstSipSrtpMode srtp)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new ("192.0.2.1");

  g_object_set (n, "srtp", srtp, NULL);
  gst_sip_sdp_negotiator_add_media (n, "audio", 40000, NULL);
  gst_sip_sdp_negotiator_add_media (n, "video", 40002, NULL);
  return n;
}

/* RTP/AVP formats are payload type numbers: "08" offers 8 */
static gboolean
offer_has_format (const GstSDPMedia *media, const gchar *format)
{
  guint64 pt;
  guint i;

  if (!g_ascii_string_to_unsigned (format, 10, 0, 127, &pt, NULL))
    return FALSE;
  for (i = 0; i < gst_sdp_media_formats_len (media); i++) {
    guint64 offered;

    if (g_ascii_string_to_unsigned (
            gst_sdp_media_get_format (media, i), 10, 0, 127, &offered, NULL) &&
        offered == pt)
      return TRUE;
  }
  return FALSE;
}

static void
check_answer (const GstSDPMessage *offer, const GstSDPMessage *answer)
{
  guint i, j;

  FUZZ_CHECK (
      gst_sdp_message_medias_len (answer) == gst_sdp_message_medias_len (offer),
      "the answer has as many m-lines as the offer");
  for (i = 0; i < gst_sdp_message_medias_len (answer); i++) {
    const GstSDPMedia *a = gst_sdp_message_get_media (answer, i);
    const GstSDPMedia *o = gst_sdp_message_get_media (offer, i);

    if (gst_sdp_media_get_port (a) == 0)
      continue;
    for (j = 0; j < gst_sdp_media_formats_len (a); j++)
      FUZZ_CHECK (offer_has_format (o, gst_sdp_media_get_format (a, j)),
          gst_sdp_media_get_format (a, j));
  }
}

static void
answer_offer (const GstSDPMessage *offer, GstSipSrtpMode srtp)
{
  GstSipSdpNegotiator *n = new_negotiator (srtp);
  GstSDPMessage *answer;
  GList *streams;
  GError *error = NULL;

  answer = gst_sip_sdp_negotiator_create_answer (n, offer, &error);
  if (answer) {
    gchar *text = gst_sdp_message_as_text (answer);
    GstSDPMessage *reparsed = NULL;

    check_answer (offer, answer);
    /* what we write must be valid SDP */
    gst_sdp_message_new (&reparsed);
    FUZZ_CHECK (gst_sdp_message_parse_buffer ((const guint8 *) text,
                    strlen (text), reparsed) == GST_SDP_OK,
        text);
    gst_sdp_message_free (reparsed);
    g_free (text);
    gst_sdp_message_free (answer);

    streams = gst_sip_sdp_negotiator_get_streams (n);
    g_list_free_full (streams, (GDestroyNotify) gst_sip_sdp_stream_free);

    /* a second offer in the same session (a re-INVITE) */
    answer = gst_sip_sdp_negotiator_create_answer (n, offer, NULL);
    if (answer)
      gst_sdp_message_free (answer);
  } else {
    FUZZ_CHECK (error != NULL, "a refused offer sets an error");
    g_clear_error (&error);
  }
  g_object_unref (n);
}

static void
apply_answer (const GstSDPMessage *answer, GstSipSrtpMode srtp)
{
  GstSipSdpNegotiator *n = new_negotiator (srtp);
  GstSDPMessage *offer;
  GError *error = NULL;

  offer = gst_sip_sdp_negotiator_create_offer (n, NULL);
  FUZZ_CHECK (offer != NULL, "an offer of our own");
  if (gst_sip_sdp_negotiator_set_answer (n, answer, &error)) {
    GList *streams = gst_sip_sdp_negotiator_get_streams (n);

    g_list_free_full (streams, (GDestroyNotify) gst_sip_sdp_stream_free);
  } else {
    FUZZ_CHECK (error != NULL, "a refused answer sets an error");
    g_clear_error (&error);
  }
  gst_sdp_message_free (offer);
  g_object_unref (n);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GstSDPMessage *sdp = NULL;

  /* a message with an empty body has no SDP (sip-call.c) */
  if (size == 0)
    return 0;
  gst_sdp_message_new (&sdp);
  if (gst_sdp_message_parse_buffer (data, size, sdp) == GST_SDP_OK) {
    answer_offer (sdp, (GstSipSrtpMode) (size % 3));
    apply_answer (sdp, (GstSipSrtpMode) ((size + 1) % 3));
  }
  gst_sdp_message_free (sdp);
  return 0;
}
