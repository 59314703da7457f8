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

/* The signalling side of sipcallbin, with real peers on 127.0.0.1: two
 * sipcallbins calling each other directly, or through kamailio
 * (tests/common/kamailio.h) as registrar and authenticating proxy.
 *
 * - the progress messages of register, invite and hangup, in order, with
 *   their types (start, complete, canceled, error) and texts;
 * - new-manager, and rtpbin settings made in its handler that hold for the
 *   call;
 * - registrar, proxy, username, password and ha1 (digest authentication at
 *   kamailio, a call by address of record, an outbound call through the
 *   proxy), and the error of refused credentials;
 * - SIP over TCP, directly and through kamailio;
 * - DTMF in SIP INFO (application/dtmf-relay) when the answer has no
 *   telephone-event, both ways, between two bins and with sipp
 *   (tests/interop/scenarios/call-dtmf-info-uas.xml);
 * - media-timeout not ending a call on hold;
 * - the documentation of every property, signal and pad template.
 *
 * The kamailio and sipp tests pass without doing anything when their peer
 * is not installed. */

#include <stdio.h>
#include <string.h>
#include <gst/check/gstcheck.h>
#include <sip/sip.h>

#include "kamailio.h"

#define T1 20
#define WAIT_MS 20000

#define DOMAIN "example.test"
#define ALICE_PASSWORD "alice-secret"
#define BOB_PASSWORD "bob:secret"

typedef struct
{
  const gchar *name;
  GstElement *pipeline;
  GstElement *bin;
  GstBus *bus;
  GMutex lock; /* dtmf, jitterbuffers */
  gint audio_buffers;
  gchar *audio_caps; /* the first caps seen */
  GString *progress; /* "code:type" of each progress message */
  GPtrArray *progress_texts;
  GString *dtmf;
  GPtrArray *jitterbuffers;
  GstSipCallState state;
  gboolean established;
  gboolean registered;
  gboolean register_failed;
  GError *error; /* the first error message */
  gint media_timeouts;
  gint managers;
  gint incoming;
} Endpoint;

typedef struct
{
  Endpoint alice, bob;
  GstSipTestKamailio *kamailio;
} Test;

/* ---------------------------------------------------------------------- */
/* the sipcallbins */

static GstPadProbeReturn
count_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Endpoint *ep = user_data;

  /* one writer: the streaming thread of the pad */
  if (!ep->audio_caps) {
    GstCaps *caps = gst_pad_get_current_caps (pad);

    if (caps) {
      ep->audio_caps = gst_caps_to_string (caps);
      gst_caps_unref (caps);
    }
  }
  g_atomic_int_inc (&ep->audio_buffers);
  return GST_PAD_PROBE_OK;
}

static void
on_pad_added (GstElement *bin, GstPad *pad, Endpoint *ep)
{
  GstElement *sink;
  GstPad *sinkpad;

  if (GST_PAD_IS_SINK (pad))
    return;
  fail_unless (g_str_has_prefix (GST_PAD_NAME (pad), "audio_src_"));
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (ep->pipeline), sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (
      sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer, ep, NULL);
  fail_unless_equals_int (gst_pad_link (pad, sinkpad), GST_PAD_LINK_OK);
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

static void
on_incoming_call (
    GstElement *bin, const gchar *from, GstSDPMessage *offer, Endpoint *ep)
{
  g_atomic_int_inc (&ep->incoming);
}

static void
on_dtmf (GstElement *bin, const gchar *digit, guint duration, Endpoint *ep)
{
  g_mutex_lock (&ep->lock);
  g_string_append (ep->dtmf, digit);
  g_mutex_unlock (&ep->lock);
}

static void
on_media_timeout (GstElement *bin, Endpoint *ep)
{
  g_atomic_int_inc (&ep->media_timeouts);
}

/* a pipeline with a sipcallbin that sends a tone and decodes what it
 * receives, in PCMU */
static void
endpoint_init (Endpoint *ep, const gchar *name, const gchar *local_uri)
{
  GError *error = NULL;
  GstElement *src;

  ep->name = name;
  g_mutex_init (&ep->lock);
  ep->progress = g_string_new (NULL);
  ep->progress_texts = g_ptr_array_new_with_free_func (g_free);
  ep->dtmf = g_string_new (NULL);
  ep->jitterbuffers = g_ptr_array_new_with_free_func (gst_object_unref);
  ep->pipeline = gst_pipeline_new (name);
  ep->bin = gst_element_factory_make ("sipcallbin", name);
  fail_unless (ep->bin != NULL);
  g_object_set (ep->bin, "sip-port", 0, "address", "127.0.0.1", "decode", TRUE,
      "latency", 50, "codecs", "PCMU", NULL);
  if (local_uri)
    g_object_set (ep->bin, "local-uri", local_uri, NULL);
  gst_bin_add (GST_BIN (ep->pipeline), ep->bin);
  g_signal_connect (ep->bin, "pad-added", G_CALLBACK (on_pad_added), ep);
  g_signal_connect (
      ep->bin, "incoming-call", G_CALLBACK (on_incoming_call), ep);
  g_signal_connect (ep->bin, "dtmf-received", G_CALLBACK (on_dtmf), ep);
  g_signal_connect (
      ep->bin, "media-timeout", G_CALLBACK (on_media_timeout), ep);
  src = gst_parse_bin_from_description (
      "audiotestsrc is-live=true wave=sine freq=660", TRUE, &error);
  fail_unless (src != NULL, "%s", error ? error->message : "");
  gst_bin_add (GST_BIN (ep->pipeline), src);
  fail_unless (gst_element_link_pads (src, "src", ep->bin, "audio_sink"));
  ep->bus = gst_element_get_bus (ep->pipeline);
}

/* to READY (the user agent starts), with short timers, then PLAYING */
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

static guint
endpoint_sip_port (Endpoint *ep)
{
  guint port = 0;

  g_object_get (ep->bin, "sip-port", &port, NULL);
  fail_unless (port != 0);
  return port;
}

static void
endpoint_clear (Endpoint *ep)
{
  if (!ep->pipeline)
    return;
  fail_unless_equals_int (gst_element_set_state (ep->pipeline, GST_STATE_NULL),
      GST_STATE_CHANGE_SUCCESS);
  gst_object_unref (ep->bus);
  gst_object_unref (ep->pipeline);
  g_free (ep->audio_caps);
  g_string_free (ep->progress, TRUE);
  g_ptr_array_unref (ep->progress_texts);
  g_string_free (ep->dtmf, TRUE);
  g_ptr_array_unref (ep->jitterbuffers);
  g_clear_error (&ep->error);
  g_mutex_clear (&ep->lock);
  memset (ep, 0, sizeof (*ep));
}

static const gchar *
progress_type_name (GstProgressType type)
{
  switch (type) {
    case GST_PROGRESS_TYPE_START:
      return "start";
    case GST_PROGRESS_TYPE_CONTINUE:
      return "continue";
    case GST_PROGRESS_TYPE_COMPLETE:
      return "complete";
    case GST_PROGRESS_TYPE_CANCELED:
      return "canceled";
    case GST_PROGRESS_TYPE_ERROR:
      return "error";
  }
  return "?";
}

static void
poll_bus (Endpoint *ep)
{
  GstMessage *msg;

  if (!ep->bus)
    return;
  while ((msg = gst_bus_pop (ep->bus))) {
    const GstStructure *s = gst_message_get_structure (msg);

    switch (GST_MESSAGE_TYPE (msg)) {
      case GST_MESSAGE_ELEMENT:
        if (gst_structure_has_name (s, "sip-call-state")) {
          fail_unless (gst_structure_get_enum (
              s, "state", GST_TYPE_SIP_CALL_STATE, (gint *) &ep->state));
          if (ep->state == GST_SIP_CALL_STATE_ESTABLISHED)
            ep->established = TRUE;
        }
        break;
      case GST_MESSAGE_PROGRESS: {
        GstProgressType type;
        gchar *code = NULL, *text = NULL;

        fail_unless (GST_MESSAGE_SRC (msg) == GST_OBJECT (ep->bin));
        gst_message_parse_progress (msg, &type, &code, &text);
        GST_INFO ("%s: progress %s %s: %s", ep->name, code,
            progress_type_name (type), text);
        fail_unless (text != NULL && *text);
        if (ep->progress->len)
          g_string_append_c (ep->progress, ' ');
        g_string_append_printf (
            ep->progress, "%s:%s", code, progress_type_name (type));
        g_ptr_array_add (ep->progress_texts, text);
        if (g_strcmp0 (code, "register") == 0) {
          if (type == GST_PROGRESS_TYPE_COMPLETE)
            ep->registered = TRUE;
          else if (type == GST_PROGRESS_TYPE_ERROR)
            ep->register_failed = TRUE;
        }
        g_free (code);
        break;
      }
      case GST_MESSAGE_ERROR: {
        GError *error = NULL;
        gchar *debug = NULL;

        gst_message_parse_error (msg, &error, &debug);
        GST_INFO ("%s: error: %s (%s)", ep->name, error->message, debug);
        if (!ep->error)
          ep->error = g_steal_pointer (&error);
        g_clear_error (&error);
        g_free (debug);
        break;
      }
      default:
        break;
    }
    gst_message_unref (msg);
  }
}

typedef gboolean (*Condition) (Test *test);

/* polls the buses and iterates the default context, where the kamailio
 * harness reads its log, until @condition holds or @timeout_ms passed */
static gboolean
wait_for (Test *test, Condition condition, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  do {
    poll_bus (&test->alice);
    poll_bus (&test->bob);
    if (condition (test))
      return TRUE;
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_usleep (10 * 1000);
  } while (g_get_monotonic_time () < end);
  return FALSE;
}

static gboolean
nothing (Test *test)
{
  return FALSE;
}

static void
run_for (Test *test, guint ms)
{
  wait_for (test, nothing, ms);
}

static gboolean
both_established (Test *test)
{
  return test->alice.established && test->bob.established;
}

static gboolean
both_ended (Test *test)
{
  return test->alice.state == GST_SIP_CALL_STATE_ENDED &&
      test->bob.state == GST_SIP_CALL_STATE_ENDED;
}

static gboolean
alice_established (Test *test)
{
  return test->alice.established;
}

static gboolean
alice_ended (Test *test)
{
  return test->alice.state == GST_SIP_CALL_STATE_ENDED;
}

static gboolean
alice_ringing (Test *test)
{
  return test->alice.state == GST_SIP_CALL_STATE_RINGING;
}

static gboolean
audio_both_ways (Test *test)
{
  return g_atomic_int_get (&test->alice.audio_buffers) >= 25 &&
      g_atomic_int_get (&test->bob.audio_buffers) >= 25;
}

static gboolean
alice_registered (Test *test)
{
  return test->alice.registered || test->alice.register_failed ||
      test->alice.error;
}

static gboolean
bob_registered (Test *test)
{
  return test->bob.registered || test->bob.register_failed || test->bob.error;
}

static gboolean
alice_failed (Test *test)
{
  return test->alice.error && test->alice.state == GST_SIP_CALL_STATE_ENDED;
}

static gboolean
bob_failed (Test *test)
{
  return test->bob.error && test->bob.register_failed;
}

static void
hang_up (Test *test, Endpoint *by)
{
  gboolean ret = FALSE;

  g_signal_emit_by_name (by->bin, "hangup", &ret);
  fail_unless (ret);
  fail_unless (wait_for (test, both_ended, WAIT_MS), "the call did not end");
}

static void
dial (Endpoint *ep, const gchar *uri)
{
  gboolean ret = FALSE;

  g_signal_emit_by_name (ep->bin, "dial", uri, &ret);
  fail_unless (ret);
}

/* bob waits in PLAYING and answers; alice dials him directly */
static void
start_direct_call (Test *test, gboolean auto_answer)
{
  gchar *uri;

  g_object_set (test->bob.bin, "auto-answer", auto_answer, NULL);
  endpoint_start (&test->bob);
  endpoint_start (&test->alice);
  uri =
      g_strdup_printf ("sip:bob@127.0.0.1:%u", endpoint_sip_port (&test->bob));
  dial (&test->alice, uri);
  g_free (uri);
}

static void
check_decoded_audio (Endpoint *ep)
{
  fail_unless (ep->audio_caps != NULL);
  fail_unless (g_str_has_prefix (ep->audio_caps, "audio/x-raw"), "%s: %s",
      ep->name, ep->audio_caps);
}

static const gchar *
progress_text (Endpoint *ep, guint i)
{
  fail_unless (i < ep->progress_texts->len);
  return g_ptr_array_index (ep->progress_texts, i);
}

/* ---------------------------------------------------------------------- */
/* kamailio */

/* kamailio as registrar and record-routing proxy with alice and bob, or
 * NULL when it is not installed */
static GstSipTestKamailio *
start_kamailio (gboolean use_received)
{
  static const gchar *const users[] = { "alice:" ALICE_PASSWORD,
    "bob:" BOB_PASSWORD, NULL };
  GstSipTestKamailioConfig config = { 0 };
  GstSipTestKamailio *kamailio;
  GError *error = NULL;

  config.address = "127.0.0.1";
  config.domain = DOMAIN;
  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  config.record_route = TRUE;
  /* over TCP: requests for a user on the connection of its REGISTER */
  config.use_received = use_received;
  kamailio = gst_sip_test_kamailio_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    GST_WARNING ("skipped: %s", error->message);
    g_error_free (error);
    return NULL;
  }
  fail_unless (kamailio != NULL, "%s", error ? error->message : "");
  return kamailio;
}

static const gchar *
kamailio_log (Test *test)
{
  return gst_sip_test_kamailio_get_log (test->kamailio);
}

static void
check_log (Test *test, const gchar *text)
{
  fail_unless (gst_sip_test_kamailio_wait_log (test->kamailio, text, WAIT_MS),
      "no \"%s\" in:\n%s", text, kamailio_log (test));
}

/* a sipcallbin of @name@DOMAIN with kamailio as its proxy (over
 * @transport, "udp" or "tcp"), and as its registrar when @registrar */
static void
kamailio_endpoint_init (Test *test, Endpoint *ep, const gchar *name,
    const gchar *transport, gboolean registrar)
{
  gchar *aor = g_strdup_printf ("sip:%s@" DOMAIN, name);
  gchar *server = gst_sip_test_kamailio_dup_uri (test->kamailio, transport);

  endpoint_init (ep, name, aor);
  g_object_set (ep->bin, "proxy", server, "username", name, NULL);
  if (registrar)
    g_object_set (ep->bin, "registrar", server, NULL);
  if (g_strcmp0 (transport, "tcp") == 0)
    g_object_set (ep->bin, "transport", GST_SIP_TRANSPORT_PROTOCOL_TCP, NULL);
  g_free (server);
  g_free (aor);
}

/* ---------------------------------------------------------------------- */
/* progress messages */

GST_START_TEST (test_progress_direct_call)
{
  Test test = { { 0 } };

  endpoint_init (&test.alice, "alice", NULL);
  endpoint_init (&test.bob, "bob", NULL);
  start_direct_call (&test, TRUE);
  fail_unless (wait_for (&test, both_established, WAIT_MS),
      "not established: alice %d, bob %d", test.alice.state, test.bob.state);
  fail_unless (wait_for (&test, audio_both_ways, WAIT_MS));
  hang_up (&test, &test.alice);
  run_for (&test, 100);
  fail_if (test.alice.error != NULL, "%s", test.alice.error->message);
  fail_if (test.bob.error != NULL, "%s", test.bob.error->message);

  /* no registrar: no register messages */
  fail_unless_equals_string (test.alice.progress->str,
      "invite:start invite:complete hangup:start hangup:complete");
  fail_unless (g_str_has_prefix (progress_text (&test.alice, 0), "Calling "));
  fail_unless (strstr (progress_text (&test.alice, 1), "established") != NULL);
  /* the callee: the incoming call and its answer; the caller hung up */
  fail_unless_equals_string (
      test.bob.progress->str, "invite:start invite:complete");
  fail_unless (strstr (progress_text (&test.bob, 0), "sip:") != NULL);

  endpoint_clear (&test.alice);
  endpoint_clear (&test.bob);
}

GST_END_TEST;

static void
on_incoming_reject (
    GstElement *bin, const gchar *from, GstSDPMessage *offer, Endpoint *ep)
{
  gboolean ret = FALSE;

  g_signal_emit_by_name (bin, "reject", 486, NULL, &ret);
  fail_unless (ret);
}

GST_START_TEST (test_progress_refused_call)
{
  Test test = { { 0 } };
  guint status = 0;

  endpoint_init (&test.alice, "alice", NULL);
  endpoint_init (&test.bob, "bob", NULL);
  g_signal_connect (
      test.bob.bin, "incoming-call", G_CALLBACK (on_incoming_reject), NULL);
  start_direct_call (&test, FALSE);
  fail_unless (wait_for (&test, both_ended, WAIT_MS));
  run_for (&test, 100);
  g_object_get (test.alice.bin, "status-code", &status, NULL);
  fail_unless_equals_int (status, 486);
  /* a refusal is the end of the invite, not an error of the element */
  fail_unless_equals_string (
      test.alice.progress->str, "invite:start invite:error");
  fail_unless (strstr (progress_text (&test.alice, 1), "486") != NULL, "%s",
      progress_text (&test.alice, 1));
  fail_if (test.alice.error != NULL, "%s", test.alice.error->message);

  endpoint_clear (&test.alice);
  endpoint_clear (&test.bob);
}

GST_END_TEST;

GST_START_TEST (test_progress_cancelled_call)
{
  Test test = { { 0 } };
  gboolean ret = FALSE;
  guint status = 0;

  endpoint_init (&test.alice, "alice", NULL);
  endpoint_init (&test.bob, "bob", NULL);
  start_direct_call (&test, FALSE);
  fail_unless (wait_for (&test, alice_ringing, WAIT_MS));

  /* alice gives up while bob's phone rings: CANCEL, 487 */
  g_signal_emit_by_name (test.alice.bin, "hangup", &ret);
  fail_unless (ret);
  fail_unless (wait_for (&test, both_ended, WAIT_MS));
  run_for (&test, 100);
  g_object_get (test.alice.bin, "status-code", &status, NULL);
  fail_unless_equals_int (status, 487);
  fail_unless_equals_string (test.alice.progress->str,
      "invite:start hangup:start invite:canceled hangup:complete");
  fail_unless_equals_string (test.bob.progress->str, "invite:start");
  fail_if (test.alice.error != NULL, "%s", test.alice.error->message);
  fail_if (test.bob.error != NULL, "%s", test.bob.error->message);

  endpoint_clear (&test.alice);
  endpoint_clear (&test.bob);
}

GST_END_TEST;

/* the bin stops while its REGISTER waits for an answer (a registrar that
 * never answers): the registration is cancelled, which is no error */
GST_START_TEST (test_progress_cancelled_registration)
{
  GInetAddress *loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *address = g_inet_socket_address_new (loopback, 0), *bound;
  GString *progress = g_string_new (NULL);
  GSocket *registrar;
  GstElement *bin;
  GstMessage *msg;
  GstBus *bus;
  gchar buffer[4096], *uri;
  gssize len;

  registrar = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
      G_SOCKET_PROTOCOL_UDP, NULL);
  fail_unless (registrar != NULL);
  fail_unless (g_socket_bind (registrar, address, FALSE, NULL));
  bound = g_socket_get_local_address (registrar, NULL);
  uri = g_strdup_printf ("sip:127.0.0.1:%u",
      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  /* a bin of its own, with a bus that never flushes */
  bin = gst_element_factory_make ("sipcallbin", NULL);
  fail_unless (bin != NULL);
  bus = gst_bus_new ();
  gst_element_set_bus (bin, bus);
  g_object_set (bin, "sip-port", 0, "address", "127.0.0.1", "local-uri",
      "sip:carol@" DOMAIN, "registrar", uri, "username", "carol", "password",
      "carol-secret", NULL);
  fail_unless_equals_int (gst_element_set_state (bin, GST_STATE_PAUSED),
      GST_STATE_CHANGE_NO_PREROLL);
  fail_unless (g_socket_condition_timed_wait (
      registrar, G_IO_IN, WAIT_MS * (gint64) 1000, NULL, NULL));
  len = g_socket_receive (registrar, buffer, sizeof (buffer) - 1, NULL, NULL);
  fail_unless (len > 0);
  buffer[len] = '\0';
  fail_unless (g_str_has_prefix (buffer, "REGISTER "), "%s", buffer);
  fail_unless_equals_int (
      gst_element_set_state (bin, GST_STATE_NULL), GST_STATE_CHANGE_SUCCESS);

  while ((msg = gst_bus_pop (bus))) {
    GstProgressType type;
    gchar *code = NULL, *text = NULL;

    fail_if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR);
    if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_PROGRESS) {
      gst_message_parse_progress (msg, &type, &code, &text);
      g_string_append_printf (progress, "%s%s:%s", progress->len ? " " : "",
          code, progress_type_name (type));
      g_free (code);
      g_free (text);
    }
    gst_message_unref (msg);
  }
  fail_unless_equals_string (progress->str, "register:start register:canceled");

  gst_element_set_bus (bin, NULL);
  gst_object_unref (bus);
  gst_object_unref (bin);
  g_string_free (progress, TRUE);
  g_free (uri);
  g_object_unref (bound);
  g_object_unref (registrar);
  g_object_unref (address);
  g_object_unref (loopback);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* new-manager */

static void
on_new_jitterbuffer (GstElement *rtpbin, GstElement *jitterbuffer,
    guint session, guint ssrc, Endpoint *ep)
{
  g_mutex_lock (&ep->lock);
  g_ptr_array_add (ep->jitterbuffers, gst_object_ref (jitterbuffer));
  g_mutex_unlock (&ep->lock);
}

static void
on_new_manager (GstElement *bin, GstElement *manager, Endpoint *ep)
{
  GstElementFactory *factory = gst_element_get_factory (manager);
  GstElement *child;

  fail_unless (factory != NULL);
  fail_unless_equals_string (
      gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)), "rtpbin");
  /* the rtpbin of the bin itself */
  child = gst_bin_get_by_name (GST_BIN (bin), GST_OBJECT_NAME (manager));
  fail_unless (child == manager);
  gst_object_unref (child);
  g_atomic_int_inc (&ep->managers);
  /* the bin asks for lost-packet events: the application does not */
  g_object_set (manager, "do-lost", FALSE, NULL);
  g_signal_connect (
      manager, "new-jitterbuffer", G_CALLBACK (on_new_jitterbuffer), ep);
}

GST_START_TEST (test_new_manager)
{
  Test test = { { 0 } };
  gboolean do_lost = TRUE;
  guint i;

  endpoint_init (&test.alice, "alice", NULL);
  endpoint_init (&test.bob, "bob", NULL);
  g_signal_connect (
      test.alice.bin, "new-manager", G_CALLBACK (on_new_manager), &test.alice);
  start_direct_call (&test, TRUE);
  fail_unless_equals_int (g_atomic_int_get (&test.alice.managers), 1);
  fail_unless (wait_for (&test, both_established, WAIT_MS));
  fail_unless (wait_for (&test, audio_both_ways, WAIT_MS));

  /* the session's jitterbuffer has the application's setting */
  g_mutex_lock (&test.alice.lock);
  fail_unless (test.alice.jitterbuffers->len >= 1);
  for (i = 0; i < test.alice.jitterbuffers->len; i++) {
    g_object_get (g_ptr_array_index (test.alice.jitterbuffers, i), "do-lost",
        &do_lost, NULL);
    fail_if (do_lost);
  }
  g_mutex_unlock (&test.alice.lock);

  hang_up (&test, &test.alice);
  endpoint_clear (&test.alice);
  endpoint_clear (&test.bob);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* registrar, proxy and credentials */

/* bob registers with @ha1 or @password; alice, with kamailio as proxy and,
 * when @alice_registers, registrar, calls his address of record */
static void
run_kamailio_call (
    const gchar *transport, gboolean bob_ha1, gboolean alice_registers)
{
  Test test = { { 0 } };
  gchar *ha1;

  test.kamailio = start_kamailio (g_strcmp0 (transport, "tcp") == 0);
  if (!test.kamailio)
    return;

  kamailio_endpoint_init (&test, &test.bob, "bob", transport, TRUE);
  if (bob_ha1) {
    ha1 = g_compute_checksum_for_string (
        G_CHECKSUM_MD5, "bob:" DOMAIN ":" BOB_PASSWORD, -1);
    g_object_set (test.bob.bin, "ha1", ha1, NULL);
    g_free (ha1);
  } else {
    g_object_set (test.bob.bin, "password", BOB_PASSWORD, NULL);
  }
  g_object_set (test.bob.bin, "auto-answer", TRUE, NULL);
  endpoint_start (&test.bob);
  fail_unless (
      wait_for (&test, bob_registered, WAIT_MS), "%s", kamailio_log (&test));
  fail_unless (test.bob.registered, "%s: %s", test.bob.progress->str,
      kamailio_log (&test));
  check_log (&test, "REGISTER sip:bob@" DOMAIN ": challenged");
  check_log (&test, "REGISTER sip:bob@" DOMAIN ": saved");

  kamailio_endpoint_init (
      &test, &test.alice, "alice", transport, alice_registers);
  g_object_set (test.alice.bin, "password", ALICE_PASSWORD, NULL);
  endpoint_start (&test.alice);
  if (alice_registers) {
    fail_unless (wait_for (&test, alice_registered, WAIT_MS), "%s",
        kamailio_log (&test));
    fail_unless (test.alice.registered, "%s", kamailio_log (&test));
  }
  dial (&test.alice, "sip:bob@" DOMAIN);

  fail_unless (wait_for (&test, both_established, WAIT_MS),
      "not established: alice %d, bob %d\n%s", test.alice.state, test.bob.state,
      kamailio_log (&test));
  fail_unless_equals_int (g_atomic_int_get (&test.bob.incoming), 1);
  /* the outbound proxy challenged the INVITE and forwarded the answered
   * one to bob's registered contact */
  check_log (&test, "INVITE from sip:alice@" DOMAIN ": challenged");
  check_log (&test, "INVITE to sip:bob@" DOMAIN ": forwarding to");
  if (g_strcmp0 (transport, "tcp") == 0) {
    check_log (&test, "over tcp");
    fail_unless (strstr (kamailio_log (&test), "over udp") == NULL, "%s",
        kamailio_log (&test));
  }
  fail_unless (wait_for (&test, audio_both_ways, WAIT_MS),
      "media: alice got %d, bob %d", test.alice.audio_buffers,
      test.bob.audio_buffers);
  check_decoded_audio (&test.alice);
  check_decoded_audio (&test.bob);

  hang_up (&test, &test.alice);
  check_log (&test, "in-dialog BYE");
  run_for (&test, 100);
  fail_if (test.alice.error != NULL, "%s", test.alice.error->message);
  fail_if (test.bob.error != NULL, "%s", test.bob.error->message);

  fail_unless_equals_string (test.bob.progress->str,
      "register:start register:complete invite:start invite:complete");
  fail_unless (
      g_str_has_prefix (progress_text (&test.bob, 0), "Registering at sip:"));
  fail_unless_equals_string (test.alice.progress->str,
      alice_registers
          ? "register:start register:complete invite:start invite:complete "
            "hangup:start hangup:complete"
          : "invite:start invite:complete hangup:start hangup:complete");

  endpoint_clear (&test.alice);
  endpoint_clear (&test.bob);
  gst_sip_test_kamailio_free (test.kamailio);
}

/* bob registers with his password, alice registers too and calls */
GST_START_TEST (test_kamailio_password)
{
  run_kamailio_call ("udp", FALSE, TRUE);
}

GST_END_TEST;

/* bob registers with H(A1) instead of his password; alice only has the
 * proxy: an outbound call by address of record */
GST_START_TEST (test_kamailio_ha1_outbound_proxy)
{
  run_kamailio_call ("udp", TRUE, FALSE);
}

GST_END_TEST;

/* both register and call over TCP */
GST_START_TEST (test_kamailio_tcp)
{
  run_kamailio_call ("tcp", FALSE, TRUE);
}

GST_END_TEST;

static void
check_auth_error (Endpoint *ep, const gchar *uri)
{
  gchar *expected;

  fail_unless (ep->error != NULL);
  fail_unless (ep->error->domain == GST_RESOURCE_ERROR, "%s",
      g_quark_to_string (ep->error->domain));
  fail_unless_equals_int (ep->error->code, GST_RESOURCE_ERROR_NOT_AUTHORIZED);
  /* the C locale: the text of the message catalogue's msgid */
  expected = g_strdup_printf ("Authentication with %s failed.", uri);
  fail_unless_equals_string (ep->error->message, expected);
  g_free (expected);
}

GST_START_TEST (test_kamailio_wrong_password)
{
  Test test = { { 0 } };
  GstSipCallState state = GST_SIP_CALL_STATE_IDLE;
  gchar *reason = NULL;
  guint status = 0;

  test.kamailio = start_kamailio (FALSE);
  if (!test.kamailio)
    return;

  /* bob's REGISTER is refused */
  kamailio_endpoint_init (&test, &test.bob, "bob", NULL, TRUE);
  g_object_set (test.bob.bin, "password", "not-" BOB_PASSWORD, NULL);
  endpoint_start (&test.bob);
  fail_unless (
      wait_for (&test, bob_failed, WAIT_MS), "%s", kamailio_log (&test));
  check_auth_error (&test.bob, "sip:bob@" DOMAIN);
  fail_unless_equals_string (
      test.bob.progress->str, "register:start register:error");
  fail_if (test.bob.registered);

  /* so is alice's INVITE at the proxy */
  kamailio_endpoint_init (&test, &test.alice, "alice", NULL, FALSE);
  g_object_set (test.alice.bin, "password", "not-" ALICE_PASSWORD, NULL);
  endpoint_start (&test.alice);
  dial (&test.alice, "sip:bob@" DOMAIN);
  fail_unless (
      wait_for (&test, alice_failed, WAIT_MS), "%s", kamailio_log (&test));
  check_auth_error (&test.alice, "sip:bob@" DOMAIN);
  check_log (&test, "INVITE from sip:alice@" DOMAIN ": challenged");
  fail_unless_equals_string (
      test.alice.progress->str, "invite:start invite:error");
  g_object_get (test.alice.bin, "call-state", &state, "status-code", &status,
      "reason", &reason, NULL);
  fail_unless_equals_int (state, GST_SIP_CALL_STATE_ENDED);
  fail_unless_equals_int (status, 407);
  fail_unless (reason != NULL && *reason);
  g_free (reason);
  fail_unless_equals_int (g_atomic_int_get (&test.bob.incoming), 0);

  endpoint_clear (&test.alice);
  endpoint_clear (&test.bob);
  gst_sip_test_kamailio_free (test.kamailio);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* TCP */

GST_START_TEST (test_tcp_direct_call)
{
  Test test = { { 0 } };
  GstSipUserAgent *ua = NULL;
  GList *transports;

  endpoint_init (&test.alice, "alice", NULL);
  endpoint_init (&test.bob, "bob", NULL);
  g_object_set (
      test.alice.bin, "transport", GST_SIP_TRANSPORT_PROTOCOL_TCP, NULL);
  g_object_set (
      test.bob.bin, "transport", GST_SIP_TRANSPORT_PROTOCOL_TCP, NULL);
  start_direct_call (&test, TRUE);

  /* bob listens on TCP only */
  g_object_get (test.bob.bin, "user-agent", &ua, NULL);
  transports = gst_sip_user_agent_get_transports (ua);
  fail_unless_equals_int (g_list_length (transports), 1);
  fail_unless_equals_int (gst_sip_transport_get_protocol (transports->data),
      GST_SIP_TRANSPORT_PROTOCOL_TCP);
  g_list_free (transports);
  g_object_unref (ua);

  fail_unless (wait_for (&test, both_established, WAIT_MS),
      "not established: alice %d, bob %d", test.alice.state, test.bob.state);
  fail_unless (wait_for (&test, audio_both_ways, WAIT_MS),
      "media: alice got %d, bob %d", test.alice.audio_buffers,
      test.bob.audio_buffers);
  check_decoded_audio (&test.alice);
  check_decoded_audio (&test.bob);
  hang_up (&test, &test.bob);
  fail_if (test.alice.error != NULL, "%s", test.alice.error->message);
  fail_if (test.bob.error != NULL, "%s", test.bob.error->message);

  endpoint_clear (&test.alice);
  endpoint_clear (&test.bob);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* DTMF in SIP INFO */

static GstPluginFeature *hidden_feature;

/* alice's offer is made (the bus of her pipeline hears of it on her
 * signalling thread, before the INVITE leaves): from now on, no
 * rtpdtmfdepay, so bob answers without telephone-event */
static GstBusSyncReply
hide_dtmf_depayloader (GstBus *bus, GstMessage *msg, gpointer user_data)
{
  GstProgressType type;
  gchar *code = NULL;

  if (GST_MESSAGE_TYPE (msg) != GST_MESSAGE_PROGRESS)
    return GST_BUS_PASS;
  gst_message_parse_progress (msg, &type, &code, NULL);
  if (g_strcmp0 (code, "invite") == 0 && type == GST_PROGRESS_TYPE_START &&
      !hidden_feature) {
    hidden_feature =
        gst_registry_lookup_feature (gst_registry_get (), "rtpdtmfdepay");
    fail_unless (hidden_feature != NULL);
    gst_registry_remove_feature (gst_registry_get (), hidden_feature);
  }
  g_free (code);
  return GST_BUS_PASS;
}

static gboolean
dtmf_done (Test *test)
{
  gboolean ret;

  g_mutex_lock (&test->bob.lock);
  ret = test->bob.dtmf->len >= 3;
  g_mutex_unlock (&test->bob.lock);
  g_mutex_lock (&test->alice.lock);
  ret &= test->alice.dtmf->len >= 2;
  g_mutex_unlock (&test->alice.lock);
  return ret;
}

static gboolean
sdp_has_telephone_event (GstElement *bin, const gchar *property)
{
  GstSDPMessage *sdp = NULL;
  gboolean found = FALSE;
  guint i, j;

  g_object_get (bin, property, &sdp, NULL);
  fail_unless (sdp != NULL);
  for (i = 0; i < gst_sdp_message_medias_len (sdp); i++) {
    const GstSDPMedia *m = gst_sdp_message_get_media (sdp, i);

    for (j = 0; j < gst_sdp_media_attributes_len (m); j++) {
      const GstSDPAttribute *a = gst_sdp_media_get_attribute (m, j);

      if (g_strcmp0 (a->key, "rtpmap") == 0 && a->value &&
          strstr (a->value, "telephone-event"))
        found = TRUE;
    }
  }
  gst_sdp_message_free (sdp);
  return found;
}

GST_START_TEST (test_dtmf_info)
{
  Test test = { { 0 } };
  gboolean ret = FALSE;

  endpoint_init (&test.alice, "alice", NULL);
  endpoint_init (&test.bob, "bob", NULL);
  gst_bus_set_sync_handler (test.alice.bus, hide_dtmf_depayloader, NULL, NULL);
  start_direct_call (&test, TRUE);
  fail_unless (wait_for (&test, both_established, WAIT_MS));
  fail_unless (wait_for (&test, audio_both_ways, WAIT_MS));
  fail_unless (hidden_feature != NULL);
  /* alice offered telephone-event, bob's answer has none */
  fail_unless (sdp_has_telephone_event (test.alice.bin, "local-description"));
  fail_if (sdp_has_telephone_event (test.alice.bin, "remote-description"));
  fail_if (sdp_has_telephone_event (test.bob.bin, "local-description"));

  /* so the digits go in INFO requests, both ways */
  g_signal_emit_by_name (test.alice.bin, "send-dtmf", "1", 80, &ret);
  fail_unless (ret);
  g_signal_emit_by_name (test.alice.bin, "send-dtmf", "#", 80, &ret);
  fail_unless (ret);
  g_signal_emit_by_name (test.alice.bin, "send-dtmf", "9", 80, &ret);
  fail_unless (ret);
  g_signal_emit_by_name (test.bob.bin, "send-dtmf", "A", 120, &ret);
  fail_unless (ret);
  g_signal_emit_by_name (test.bob.bin, "send-dtmf", "*", 120, &ret);
  fail_unless (ret);
  fail_unless (wait_for (&test, dtmf_done, WAIT_MS),
      "bob got \"%s\", alice \"%s\"", test.bob.dtmf->str, test.alice.dtmf->str);
  fail_unless_equals_string (test.bob.dtmf->str, "1#9");
  fail_unless_equals_string (test.alice.dtmf->str, "A*");

  gst_registry_add_feature (gst_registry_get (), hidden_feature);
  gst_object_unref (hidden_feature);
  hidden_feature = NULL;
  hang_up (&test, &test.alice);
  fail_if (test.alice.error != NULL, "%s", test.alice.error->message);
  fail_if (test.bob.error != NULL, "%s", test.bob.error->message);
  gst_bus_set_sync_handler (test.alice.bus, NULL, NULL, NULL);
  endpoint_clear (&test.alice);
  endpoint_clear (&test.bob);
}

GST_END_TEST;

static gboolean
alice_got_dtmf (Test *test)
{
  gboolean ret;

  g_mutex_lock (&test->alice.lock);
  ret = test->alice.dtmf->len >= 1;
  g_mutex_unlock (&test->alice.lock);
  return ret;
}

/* sipp (scenarios/call-dtmf-info-uas.xml) answers without telephone-event,
 * checks the INFO of the bin's digit and sends one of its own */
GST_START_TEST (test_dtmf_info_sipp)
{
  GstSipTestPeer *peer;
  Test test = { { 0 } };
  GPtrArray *argv;
  GError *error = NULL;
  gchar *sipp, *uri, *errors, *messages;
  gboolean ret = FALSE, exited;
  gint status = G_MININT;
  guint16 port;

  sipp = gst_sip_test_find_program ("sipp");
  if (!sipp) {
    GST_WARNING ("skipped: sipp is not installed");
    return;
  }
  port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_INVALID, G_SOCKET_TYPE_INVALID, "127.0.0.1");
  fail_unless (port != 0);
  argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, sipp);
  g_ptr_array_add (argv, g_strdup ("-sf"));
  g_ptr_array_add (argv,
      g_build_filename (GST_SIP_SCENARIO_DIR, "call-dtmf-info-uas.xml", NULL));
  g_ptr_array_add (argv, g_strdup ("-t"));
  g_ptr_array_add (argv, g_strdup ("u1"));
  g_ptr_array_add (argv, g_strdup ("-i"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  g_ptr_array_add (argv, g_strdup ("-m"));
  g_ptr_array_add (argv, g_strdup ("1"));
  g_ptr_array_add (argv, g_strdup ("-nostdin"));
  g_ptr_array_add (argv, g_strdup ("-timeout"));
  g_ptr_array_add (argv, g_strdup ("30s"));
  g_ptr_array_add (argv, g_strdup ("-timeout_error"));
  g_ptr_array_add (argv, g_strdup ("-recv_timeout"));
  g_ptr_array_add (argv, g_strdup ("25000"));
  g_ptr_array_add (argv, g_strdup ("-trace_err"));
  g_ptr_array_add (argv, g_strdup ("-error_file"));
  g_ptr_array_add (argv, g_strdup (GST_SIP_TEST_SIPP_ERROR_FILE));
  g_ptr_array_add (argv, g_strdup ("-trace_msg"));
  g_ptr_array_add (argv, g_strdup ("-message_file"));
  g_ptr_array_add (argv, g_strdup (GST_SIP_TEST_SIPP_MESSAGE_FILE));
  g_ptr_array_add (argv, NULL);
  peer = gst_sip_test_peer_spawn (
      (const gchar *const *) argv->pdata, NULL, &error);
  fail_unless (peer != NULL, "%s", error ? error->message : "");
  g_ptr_array_unref (argv);
  fail_unless (gst_sip_test_peer_wait_udp_port (peer, "127.0.0.1", port, 10000),
      "%s", gst_sip_test_peer_get_log (peer));

  endpoint_init (&test.alice, "alice", "sip:alice@127.0.0.1");
  endpoint_start (&test.alice);
  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", port);
  dial (&test.alice, uri);
  g_free (uri);
  fail_unless (wait_for (&test, alice_established, WAIT_MS), "state %d",
      test.alice.state);
  fail_unless (sdp_has_telephone_event (test.alice.bin, "local-description"));
  fail_if (sdp_has_telephone_event (test.alice.bin, "remote-description"));

  /* sipp checks the INFO, answers it and sends "7" */
  g_signal_emit_by_name (test.alice.bin, "send-dtmf", "5", 100, &ret);
  fail_unless (ret);
  fail_unless (wait_for (&test, alice_got_dtmf, WAIT_MS));
  fail_unless_equals_string (test.alice.dtmf->str, "7");
  g_signal_emit_by_name (test.alice.bin, "hangup", &ret);
  fail_unless (ret);
  fail_unless (wait_for (&test, alice_ended, WAIT_MS));

  exited = gst_sip_test_peer_wait_exit (peer, 40000, &status);
  if (!exited || status != 0) {
    errors = gst_sip_test_peer_read_file (peer, GST_SIP_TEST_SIPP_ERROR_FILE);
    messages =
        gst_sip_test_peer_read_file (peer, GST_SIP_TEST_SIPP_MESSAGE_FILE);
    fail ("sipp: %s %d\n%s\n--- errors ---\n%s\n--- messages ---\n%s",
        exited ? "exit status" : "still running", status,
        gst_sip_test_peer_get_log (peer), errors, messages);
    g_free (errors);
    g_free (messages);
  }
  fail_if (test.alice.error != NULL, "%s", test.alice.error->message);
  gst_sip_test_peer_free (peer);
  endpoint_clear (&test.alice);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* media timeout on hold */

static gboolean
has_flag (const GArray *attributes, const gchar *key)
{
  guint i;

  for (i = 0; i < attributes->len; i++)
    if (g_strcmp0 (g_array_index (attributes, GstSDPAttribute, i).key, key) ==
        0)
      return TRUE;
  return FALSE;
}

/* a=sendonly in alice's description, for the m-line or the session */
static gboolean
alice_holds (Test *test)
{
  GstSDPMessage *sdp = NULL;
  gboolean ret = FALSE;

  g_object_get (test->alice.bin, "local-description", &sdp, NULL);
  if (sdp) {
    ret =
        has_flag (gst_sdp_message_get_media (sdp, 0)->attributes, "sendonly") ||
        has_flag (sdp->attributes, "sendonly");
    gst_sdp_message_free (sdp);
  }
  return ret;
}

static gboolean
alice_resumed (Test *test)
{
  return !alice_holds (test);
}

GST_START_TEST (test_media_timeout_on_hold)
{
  Test test = { { 0 } };
  gboolean ret = FALSE;
  gchar *reason = NULL;

  endpoint_init (&test.alice, "alice", NULL);
  endpoint_init (&test.bob, "bob", NULL);
  g_object_set (test.alice.bin, "media-timeout", 1, NULL);
  start_direct_call (&test, TRUE);
  fail_unless (wait_for (&test, both_established, WAIT_MS));
  fail_unless (wait_for (&test, audio_both_ways, WAIT_MS));

  /* alice holds, and bob falls silent (no RTP, no RTCP) */
  g_signal_emit_by_name (test.alice.bin, "hold", TRUE, &ret);
  fail_unless (ret);
  fail_unless (wait_for (&test, alice_holds, WAIT_MS));
  gst_element_set_state (test.bob.pipeline, GST_STATE_PAUSED);
  run_for (&test, 2500);
  fail_unless_equals_int (test.alice.state, GST_SIP_CALL_STATE_ESTABLISHED);
  fail_unless_equals_int (g_atomic_int_get (&test.alice.media_timeouts), 0);

  /* resumed, the silence ends the call */
  g_signal_emit_by_name (test.alice.bin, "hold", FALSE, &ret);
  fail_unless (ret);
  fail_unless (wait_for (&test, alice_resumed, WAIT_MS));
  fail_unless (wait_for (&test, alice_ended, 5000));
  fail_unless_equals_int (g_atomic_int_get (&test.alice.media_timeouts), 1);
  g_object_get (test.alice.bin, "reason", &reason, NULL);
  fail_unless_equals_string (reason, "Media timeout");
  g_free (reason);
  fail_unless (wait_for (&test, both_ended, WAIT_MS));
  fail_unless (g_str_has_suffix (
      test.alice.progress->str, "hangup:start hangup:complete"));

  endpoint_clear (&test.alice);
  endpoint_clear (&test.bob);
}

GST_END_TEST;

/* ---------------------------------------------------------------------- */
/* documentation */

static gchar *
read_source (void)
{
  gchar *path, *text = NULL;

  path = g_build_filename (GST_SIP_SOURCE_ROOT, "gst", "gstsipcallbin.c", NULL);
  fail_unless (g_file_get_contents (path, &text, NULL, NULL), "%s", path);
  g_free (path);
  return text;
}

GST_START_TEST (test_documented)
{
  GstElement *bin = gst_element_factory_make ("sipcallbin", NULL);
  GObjectClass *klass;
  GParamSpec **pspecs;
  const GList *templates, *l;
  guint n, i, n_own = 0, *ids;
  gchar *source = read_source ();
  GType type;

  fail_unless (bin != NULL);
  type = G_OBJECT_TYPE (bin);
  klass = G_OBJECT_GET_CLASS (bin);

  /* every property: a nick, a blurb that says more, a gtk-doc comment */
  pspecs = g_object_class_list_properties (klass, &n);
  for (i = 0; i < n; i++) {
    const gchar *nick = g_param_spec_get_nick (pspecs[i]);
    const gchar *blurb = g_param_spec_get_blurb (pspecs[i]);
    gchar *doc;

    fail_unless (nick && *nick, "%s has no nick", pspecs[i]->name);
    fail_unless (blurb && *blurb, "%s has no blurb", pspecs[i]->name);
    fail_unless (
        strcmp (blurb, nick) != 0, "%s: blurb = nick", pspecs[i]->name);
    if (pspecs[i]->owner_type != type)
      continue;
    n_own++;
    doc = g_strdup_printf ("* GstSipCallBin:%s:\n", pspecs[i]->name);
    fail_unless (
        strstr (source, doc) != NULL, "%s is not documented", pspecs[i]->name);
    g_free (doc);
  }
  g_free (pspecs);
  fail_unless (n_own >= 20);

  /* credentials are write-only */
  fail_if (g_object_class_find_property (klass, "password")->flags &
      G_PARAM_READABLE);
  fail_unless (g_object_class_find_property (klass, "password")->flags &
      G_PARAM_WRITABLE);
  fail_if (
      g_object_class_find_property (klass, "ha1")->flags & G_PARAM_READABLE);
  fail_unless (
      g_object_class_find_property (klass, "ha1")->flags & G_PARAM_WRITABLE);
  fail_unless (g_object_class_find_property (klass, "username")->flags &
      G_PARAM_READABLE);

  /* every signal */
  ids = g_signal_list_ids (type, &n);
  fail_unless (n >= 12);
  for (i = 0; i < n; i++) {
    const gchar *name = g_signal_name (ids[i]);
    gchar *doc = g_strdup_printf ("* GstSipCallBin::%s:\n", name);

    fail_unless (strstr (source, doc) != NULL, "%s is not documented", name);
    g_free (doc);
  }
  g_free (ids);

  /* the pads named in the element's documentation */
  templates =
      gst_element_class_get_pad_template_list (GST_ELEMENT_GET_CLASS (bin));
  fail_unless_equals_int (g_list_length ((GList *) templates), 4);
  for (l = templates; l; l = l->next) {
    const gchar *name = GST_PAD_TEMPLATE_NAME_TEMPLATE (l->data);
    gchar *doc = g_strdup_printf ("`%s`", name);

    fail_unless (strstr (source, doc) != NULL, "%s is not documented", name);
    g_free (doc);
  }

  g_free (source);
  gst_object_unref (bin);
}

GST_END_TEST;

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

/* what gst-inspect-1.0 shows of the plugin in the build directory */
GST_START_TEST (test_gst_inspect)
{
  GstElement *bin;
  GParamSpec **pspecs;
  gchar *argv[] = { (gchar *) "gst-inspect-1.0", (gchar *) "sipcallbin", NULL };
  gchar *out = NULL, *err = NULL, *program;
  GError *error = NULL;
  const GList *l;
  gint status = -1;
  guint n, i, *ids;

#ifdef HAVE_ASAN
  /* an uninstrumented gst-inspect-1.0 cannot load the plugin */
  GST_WARNING ("skipped: the plugin is built with AddressSanitizer");
  return;
#endif
  program = g_find_program_in_path ("gst-inspect-1.0");
  if (!program) {
    GST_WARNING ("skipped: no gst-inspect-1.0");
    return;
  }
  g_free (program);
  fail_unless (g_getenv ("GST_PLUGIN_PATH_1_0") != NULL);
  fail_unless (g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                   &out, &err, &status, &error),
      "%s", error ? error->message : "");
  fail_unless (g_spawn_check_wait_status (status, NULL), "%s", err);

  bin = gst_element_factory_make ("sipcallbin", NULL);
  fail_unless (bin != NULL);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (bin), &n);
  for (i = 0; i < n; i++) {
    gchar *line = g_strdup_printf ("%s ", g_param_spec_get_name (pspecs[i]));
    gchar *blurb =
        g_strdup_printf (": %s\n", g_param_spec_get_blurb (pspecs[i]));

    fail_unless (strstr (out, line) != NULL, "no %s in\n%s", line, out);
    fail_unless (strstr (out, blurb) != NULL, "no %s in\n%s", blurb, out);
    g_free (line);
    g_free (blurb);
  }
  g_free (pspecs);
  ids = g_signal_list_ids (G_OBJECT_TYPE (bin), &n);
  for (i = 0; i < n; i++) {
    gchar *quoted = g_strdup_printf ("\"%s\"", g_signal_name (ids[i]));

    fail_unless (strstr (out, quoted) != NULL, "no %s in\n%s", quoted, out);
    g_free (quoted);
  }
  g_free (ids);
  for (l = gst_element_class_get_pad_template_list (
           GST_ELEMENT_GET_CLASS (bin));
       l; l = l->next) {
    gchar *name =
        g_strdup_printf ("'%s'", GST_PAD_TEMPLATE_NAME_TEMPLATE (l->data));

    fail_unless (strstr (out, name) != NULL, "no %s in\n%s", name, out);
    g_free (name);
  }
  fail_unless (strstr (out, "Places and takes SIP audio and video calls"));
  gst_object_unref (bin);
  g_free (out);
  g_free (err);
}

GST_END_TEST;

static Suite *
sipcallbin_signalling_suite (void)
{
  Suite *s = suite_create ("sipcallbin-signalling");
  TCase *tc = tcase_create ("signalling");

  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_progress_direct_call);
  tcase_add_test (tc, test_progress_refused_call);
  tcase_add_test (tc, test_progress_cancelled_call);
  tcase_add_test (tc, test_progress_cancelled_registration);
  tcase_add_test (tc, test_new_manager);
  tcase_add_test (tc, test_kamailio_password);
  tcase_add_test (tc, test_kamailio_ha1_outbound_proxy);
  tcase_add_test (tc, test_kamailio_tcp);
  tcase_add_test (tc, test_kamailio_wrong_password);
  tcase_add_test (tc, test_tcp_direct_call);
  tcase_add_test (tc, test_dtmf_info);
  tcase_add_test (tc, test_dtmf_info_sipp);
  tcase_add_test (tc, test_media_timeout_on_hold);
  tcase_add_test (tc, test_documented);
  tcase_add_test (tc, test_gst_inspect);
  return s;
}

GST_CHECK_MAIN (sipcallbin_signalling);
