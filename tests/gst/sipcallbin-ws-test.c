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

/* Two sipcallbins with transport=ws on 127.0.0.1: bob listens for
 * WebSocket connections and answers, alice dials him as a WebSocket client,
 * audio flows both ways, and bob hangs up over alice's connection. */

#include <gst/check/gstcheck.h>
#include <sip/sip.h>

#define T1 20
#define WAIT_MS 20000

typedef struct
{
  GstElement *pipeline;
  GstElement *bin;
  gint audio_buffers;
} Endpoint;

static GstPadProbeReturn
count_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Endpoint *ep = user_data;

  g_atomic_int_inc (&ep->audio_buffers);
  return GST_PAD_PROBE_OK;
}

static void
on_pad_added (GstElement *bin, GstPad *pad, Endpoint *ep)
{
  GstElement *sink;
  GstPad *sinkpad;

  /* the request sink pads come here too */
  if (GST_PAD_DIRECTION (pad) != GST_PAD_SRC)
    return;
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "async", FALSE, "sync", FALSE, NULL);
  gst_bin_add (GST_BIN (ep->pipeline), sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (
      sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer, ep, NULL);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

static void
endpoint_init (Endpoint *ep, const gchar *name, const gchar *local_uri)
{
  GError *error = NULL;
  GstElement *src;

  ep->pipeline = gst_pipeline_new (name);
  ep->bin = gst_element_factory_make ("sipcallbin", name);
  fail_unless (ep->bin != NULL);
  /* the enum by its nick, as gst-launch-1.0 sets it */
  gst_util_set_object_arg (G_OBJECT (ep->bin), "transport", "ws");
  g_object_set (ep->bin, "sip-port", 0, "address", "127.0.0.1", "decode", TRUE,
      "latency", 50, "codecs", "PCMU", "local-uri", local_uri, NULL);
  gst_bin_add (GST_BIN (ep->pipeline), ep->bin);
  g_signal_connect (ep->bin, "pad-added", G_CALLBACK (on_pad_added), ep);
  src = gst_parse_bin_from_description (
      "audiotestsrc is-live=true wave=sine freq=660", TRUE, &error);
  fail_unless (src != NULL, "%s", error ? error->message : "");
  gst_bin_add (GST_BIN (ep->pipeline), src);
  fail_unless (gst_element_link_pads (src, "src", ep->bin, "audio_sink"));
}

static void
endpoint_start (Endpoint *ep)
{
  GstSipUserAgent *ua = NULL;

  fail_unless_equals_int (gst_element_set_state (ep->pipeline, GST_STATE_READY),
      GST_STATE_CHANGE_SUCCESS);
  g_object_get (ep->bin, "user-agent", &ua, NULL);
  fail_unless (ua != NULL);
  g_object_set (ua, "t1", T1, NULL);
  g_object_unref (ua);
  fail_unless (gst_element_set_state (ep->pipeline, GST_STATE_PLAYING) !=
      GST_STATE_CHANGE_FAILURE);
}

static void
endpoint_clear (Endpoint *ep)
{
  fail_unless_equals_int (gst_element_set_state (ep->pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (ep->pipeline);
}

static GstSipCallState
call_state (Endpoint *ep)
{
  GstSipCallState state;

  g_object_get (ep->bin, "call-state", &state, NULL);
  return state;
}

/* the bins run their own threads: poll, bounded */
static gboolean
wait_state (Endpoint *ep, GstSipCallState state)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (call_state (ep) != state) {
    if (g_get_monotonic_time () > end)
      return FALSE;
    g_usleep (10 * 1000);
  }
  return TRUE;
}

static gboolean
wait_media (Endpoint *ep)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_atomic_int_get (&ep->audio_buffers) < 10) {
    if (g_get_monotonic_time () > end)
      return FALSE;
    g_usleep (10 * 1000);
  }
  return TRUE;
}

GST_START_TEST (test_ws_call)
{
  Endpoint alice = { 0 }, bob = { 0 };
  gboolean ret = FALSE;
  guint port = 0;
  gchar *uri;

  endpoint_init (&bob, "bob", "sip:bob@127.0.0.1");
  endpoint_init (&alice, "alice", "sip:alice@127.0.0.1");
  g_object_set (bob.bin, "auto-answer", TRUE, NULL);
  endpoint_start (&bob);
  endpoint_start (&alice);

  g_object_get (bob.bin, "sip-port", &port, NULL);
  fail_unless (port != 0);
  /* the bin adds ;transport=ws */
  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", port);
  g_signal_emit_by_name (alice.bin, "dial", uri, &ret);
  fail_unless (ret);
  g_free (uri);

  fail_unless (wait_state (&alice, GST_SIP_CALL_STATE_ESTABLISHED),
      "alice's call is %d", call_state (&alice));
  fail_unless (wait_state (&bob, GST_SIP_CALL_STATE_ESTABLISHED),
      "bob's call is %d", call_state (&bob));
  fail_unless (wait_media (&alice), "alice received no audio");
  fail_unless (wait_media (&bob), "bob received no audio");

  /* bob's BYE goes to alice's .invalid Contact, over her connection */
  ret = FALSE;
  g_signal_emit_by_name (bob.bin, "hangup", &ret);
  fail_unless (ret);
  fail_unless (wait_state (&bob, GST_SIP_CALL_STATE_ENDED));
  fail_unless (wait_state (&alice, GST_SIP_CALL_STATE_ENDED));

  endpoint_clear (&alice);
  endpoint_clear (&bob);
}

GST_END_TEST;

static Suite *
sipcallbin_ws_suite (void)
{
  Suite *s = suite_create ("sipcallbin-ws");
  TCase *tc = tcase_create ("general");

  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_ws_call);
  return s;
}

GST_CHECK_MAIN (sipcallbin_ws);
