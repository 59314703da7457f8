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

/*
 * sip-call: a small softphone on the sipcallbin element.
 *
 *   sip-call [OPTIONS] --call URI     place a call
 *   sip-call [OPTIONS] --answer       wait for a call and answer it
 *
 * It sends a test tone and, unless --no-video, a test picture.  What the
 * peer sends is counted (headless, the default) or played (--display).
 * Digits typed on the standard input (0-9, *, #, A-D) are sent as DTMF;
 * the digits the peer sends are printed.  Ctrl-C hangs up (BYE) and exits
 * once the call has ended; so does the end of the call by the peer.
 *
 * With --registrar, the program registers --user there first, with the
 * password of --password or of the SIP_PASSWORD environment variable, and
 * sends its requests through --proxy (by default the registrar).  For
 * example:
 *
 *   SIP_PASSWORD=secret sip-call --registrar sip:pbx.example.com \
 *       --user sip:alice@example.com --call sip:bob@example.com
 *
 * Without --registrar, it calls the URI directly:
 *
 *   sip-call --address 127.0.0.1 --port 5070 --answer
 *   sip-call --address 127.0.0.1 --call sip:bob@127.0.0.1:5070
 *
 * The lines starting with "state:", "dtmf sent:", "dtmf received:" and
 * "received:" are meant for scripts and are never translated.  The exit
 * status is 0 when a call took place and ended (or Ctrl-C ended the wait),
 * 1 when it failed, 2 on a bad command line.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include <gst/gst.h>
#include <sip/sip.h>

/* how long a hang-up may take before the program leaves anyway */
#define HANGUP_TIMEOUT_S 5
/* how often the frame counts are printed */
#define REPORT_INTERVAL_S 1

static gchar *call_uri = NULL;
static gboolean answer = FALSE;
static gchar *registrar = NULL;
static gchar *proxy = NULL;
static gchar *user = NULL;
static gchar *password = NULL;
static gchar *address = NULL;
static gint port = -1;
static gchar *codecs = NULL;
static gboolean no_video = FALSE;
static gboolean display = FALSE;
static gint duration = 0;

static GOptionEntry entries[] = {
  { "call", 'c', 0, G_OPTION_ARG_STRING, &call_uri,
      N_ ("Call this SIP URI, such as sip:bob@example.com"), N_ ("URI") },
  { "answer", 'a', 0, G_OPTION_ARG_NONE, &answer,
      N_ ("Wait for a call and answer it at once"), NULL },
  { "registrar", 'r', 0, G_OPTION_ARG_STRING, &registrar,
      N_ ("Register at this registrar first, such as sip:example.com"),
      N_ ("URI") },
  { "proxy", 'x', 0, G_OPTION_ARG_STRING, &proxy,
      N_ ("Send the requests through this proxy (default: the registrar)"),
      N_ ("URI") },
  { "user", 'u', 0, G_OPTION_ARG_STRING, &user,
      N_ ("Our SIP address, such as sip:alice@example.com"), N_ ("URI") },
  { "password", 'P', 0, G_OPTION_ARG_STRING, &password,
      N_ ("Password for the registrar and proxy (default: $SIP_PASSWORD)"),
      N_ ("PASSWORD") },
  { "address", 'A', 0, G_OPTION_ARG_STRING, &address,
      N_ ("Local IP address to use (default: all)"), N_ ("ADDRESS") },
  { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_ ("Local SIP port, 0 for any free one (default 5060, or any free "
          "one when it is taken)"),
      N_ ("PORT") },
  { "codecs", 'C', 0, G_OPTION_ARG_STRING, &codecs,
      N_ ("Codecs in the order of preference, such as H263,PCMA (default: "
          "all installed)"),
      N_ ("CODECS") },
  { "no-video", 'n', 0, G_OPTION_ARG_NONE, &no_video, N_ ("Audio only"), NULL },
  { "display", 'd', 0, G_OPTION_ARG_NONE, &display,
      N_ ("Play what the peer sends instead of counting it"), NULL },
  { "duration", 't', 0, G_OPTION_ARG_INT, &duration,
      N_ ("Hang up after this many seconds of call (default: on Ctrl-C)"),
      N_ ("SECONDS") },
  { NULL }
};

typedef struct
{
  GMainLoop *loop;
  GstElement *pipeline;
  GstElement *bin;

  GstSipCallState state;
  gboolean established;
  gboolean hanging_up;
  gboolean failed;
  GString *pending_dtmf; /* typed before the call was up */
  guint stdin_watch;

  /* counted on the streaming threads */
  gint audio_frames;
  gint video_frames;
  gint reported_audio, reported_video;
} App;

static const gchar *
state_name (GstSipCallState state)
{
  GEnumClass *klass = g_type_class_ref (GST_TYPE_SIP_CALL_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);
  const gchar *name = value ? value->value_nick : "?";

  g_type_class_unref (klass);
  return name;
}

/* ---------------------------------------------------------------------- */
/* what the peer sends */

static GstPadProbeReturn
count_frame (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  g_atomic_int_inc ((gint *) user_data);
  return GST_PAD_PROBE_OK;
}

static gboolean
add_chain (
    GstElement *pipeline, GstPad *pad, const gchar *description, gint *counter)
{
  GError *error = NULL;
  GstElement *chain;
  GstPad *sinkpad;

  chain = gst_parse_bin_from_description (description, TRUE, &error);
  if (!chain) {
    g_printerr (_ ("Could not play the media: %s\n"), error->message);
    g_error_free (error);
    return FALSE;
  }
  gst_bin_add (GST_BIN (pipeline), chain);
  sinkpad = gst_element_get_static_pad (chain, "sink");
  gst_pad_add_probe (
      sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_frame, counter, NULL);
  gst_pad_link (pad, sinkpad);
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (chain);
  return TRUE;
}

/* a source pad of the bin: what the peer sends, counted, and played with
 * --display */
static void
on_pad_added (GstElement *bin, GstPad *pad, App *app)
{
  gboolean video = g_str_has_prefix (GST_PAD_NAME (pad), "video_src_");
  const gchar *description;

  if (!GST_PAD_IS_SRC (pad))
    return;
  if (!display)
    description = "fakesink sync=false async=false";
  else if (video)
    description = "queue ! videoconvert ! autovideosink";
  else
    description = "queue ! audioconvert ! audioresample ! autoaudiosink";
  add_chain (app->pipeline, pad, description,
      video ? &app->video_frames : &app->audio_frames);
}

static void
print_counts (App *app)
{
  gint audio = g_atomic_int_get (&app->audio_frames);
  gint video = g_atomic_int_get (&app->video_frames);

  g_print ("received: %d audio frames, %d video frames\n", audio, video);
  app->reported_audio = audio;
  app->reported_video = video;
}

static gboolean
report_tick (gpointer user_data)
{
  App *app = user_data;

  if (g_atomic_int_get (&app->audio_frames) != app->reported_audio ||
      g_atomic_int_get (&app->video_frames) != app->reported_video)
    print_counts (app);
  return G_SOURCE_CONTINUE;
}

/* emitted from the signalling thread of the bin */
static void
on_dtmf_received (
    GstElement *bin, const gchar *digit, guint duration_ms, App *app)
{
  g_print ("dtmf received: %s (%u ms)\n", digit, duration_ms);
}

/* ---------------------------------------------------------------------- */
/* DTMF from the standard input */

static void
send_digits (App *app, const gchar *digits)
{
  for (; *digits; digits++) {
    gchar digit[2] = { g_ascii_toupper (*digits), '\0' };
    gboolean queued = FALSE;

    if (!strchr ("0123456789*#ABCD", digit[0]))
      continue;
    if (!app->established || app->hanging_up) {
      g_string_append_c (app->pending_dtmf, digit[0]);
      continue;
    }
    g_signal_emit_by_name (app->bin, "send-dtmf", digit, 0, &queued);
    if (queued)
      g_print ("dtmf sent: %s\n", digit);
    else
      g_printerr (_ ("Could not send the digit %s\n"), digit);
  }
}

static gboolean
on_stdin (GIOChannel *channel, GIOCondition condition, gpointer user_data)
{
  App *app = user_data;
  gchar buffer[256];
  gsize length = 0;
  GIOStatus status;

  status = g_io_channel_read_chars (
      channel, buffer, sizeof (buffer) - 1, &length, NULL);
  if (length > 0) {
    buffer[length] = '\0';
    send_digits (app, buffer);
  }
  if (status == G_IO_STATUS_EOF || status == G_IO_STATUS_ERROR ||
      (length == 0 && (condition & (G_IO_HUP | G_IO_ERR)))) {
    /* nothing more to read: the call goes on */
    app->stdin_watch = 0;
    return G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

static void
watch_stdin (App *app)
{
  GIOChannel *channel = g_io_channel_unix_new (0);

  g_io_channel_set_encoding (channel, NULL, NULL);
  g_io_channel_set_flags (channel, G_IO_FLAG_NONBLOCK, NULL);
  app->stdin_watch =
      g_io_add_watch (channel, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, app);
  g_io_channel_unref (channel);
}

/* ---------------------------------------------------------------------- */
/* the call */

static gboolean
hangup_timeout (gpointer user_data)
{
  App *app = user_data;

  g_printerr (_ ("The call did not end in time.\n"));
  app->failed = TRUE;
  g_main_loop_quit (app->loop);
  return G_SOURCE_REMOVE;
}

static void
hang_up (App *app)
{
  gboolean queued = FALSE;

  if (app->hanging_up)
    return;
  app->hanging_up = TRUE;
  if (app->state == GST_SIP_CALL_STATE_IDLE ||
      app->state == GST_SIP_CALL_STATE_ENDED) {
    /* no call: just leave */
    g_main_loop_quit (app->loop);
    return;
  }
  g_print ("%s\n", _ ("Hanging up"));
  g_signal_emit_by_name (app->bin, "hangup", &queued);
  if (!queued) {
    g_main_loop_quit (app->loop);
    return;
  }
  g_timeout_add_seconds (HANGUP_TIMEOUT_S, hangup_timeout, app);
}

static gboolean
on_signal (gpointer user_data)
{
  App *app = user_data;

  if (app->hanging_up) {
    /* a second Ctrl-C: leave at once */
    g_main_loop_quit (app->loop);
    return G_SOURCE_CONTINUE;
  }
  hang_up (app);
  return G_SOURCE_CONTINUE;
}

static gboolean
duration_over (gpointer user_data)
{
  hang_up (user_data);
  return G_SOURCE_REMOVE;
}

static void
call_state_changed (
    App *app, GstSipCallState state, guint code, const gchar *reason)
{
  if (state == app->state)
    return;
  app->state = state;
  if (code && reason)
    g_print ("state: %s (%u %s)\n", state_name (state), code, reason);
  else if (code)
    g_print ("state: %s (%u)\n", state_name (state), code);
  else
    g_print ("state: %s\n", state_name (state));

  switch (state) {
    case GST_SIP_CALL_STATE_ESTABLISHED:
      if (!app->established) {
        gchar *pending = g_strdup (app->pending_dtmf->str);

        app->established = TRUE;
        if (duration > 0)
          g_timeout_add_seconds (duration, duration_over, app);
        g_string_truncate (app->pending_dtmf, 0);
        send_digits (app, pending);
        g_free (pending);
      }
      break;
    case GST_SIP_CALL_STATE_ENDED:
      /* a call that never came up failed, unless we gave up on it */
      if (!app->established && !app->hanging_up)
        app->failed = TRUE;
      else if (app->established && !app->hanging_up)
        g_print ("%s\n", _ ("The peer hung up"));
      g_main_loop_quit (app->loop);
      break;
    default:
      break;
  }
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *msg, gpointer user_data)
{
  App *app = user_data;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ERROR: {
      GError *error = NULL;
      gchar *debug = NULL;

      gst_message_parse_error (msg, &error, &debug);
      g_printerr (_ ("Error: %s\n"), error->message);
      if (debug)
        g_printerr ("%s\n", debug);
      g_error_free (error);
      g_free (debug);
      app->failed = TRUE;
      g_main_loop_quit (app->loop);
      break;
    }
    case GST_MESSAGE_PROGRESS: {
      GstProgressType type;
      gchar *code = NULL, *text = NULL;

      gst_message_parse_progress (msg, &type, &code, &text);
      if (g_strcmp0 (code, "register") == 0 &&
          type == GST_PROGRESS_TYPE_COMPLETE)
        g_print (_ ("Registered as %s\n"), user);
      g_free (code);
      g_free (text);
      break;
    }
    case GST_MESSAGE_ELEMENT: {
      const GstStructure *s = gst_message_get_structure (msg);
      gint state;
      guint code = 0;

      if (GST_MESSAGE_SRC (msg) == GST_OBJECT (app->bin) &&
          gst_structure_has_name (s, "sip-call-state") &&
          gst_structure_get_enum (
              s, "state", GST_TYPE_SIP_CALL_STATE, &state)) {
        gst_structure_get_uint (s, "status-code", &code);
        call_state_changed (app, (GstSipCallState) state, code,
            gst_structure_get_string (s, "reason"));
      }
      break;
    }
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

static GstElement *
make_pipeline (App *app, GError **error)
{
  GString *desc = g_string_new ("sipcallbin name=phone ");
  GstElement *pipeline;

  g_string_append (desc,
      "audiotestsrc is-live=true wave=sine freq=440 volume=0.2 ! "
      "phone.audio_sink ");
  if (!no_video)
    g_string_append (desc,
        "videotestsrc is-live=true pattern=ball ! "
        "video/x-raw,width=352,height=288,framerate=15/1 ! phone.video_sink");
  pipeline = gst_parse_launch (desc->str, error);
  g_string_free (desc, TRUE);
  if (!pipeline)
    return NULL;

  app->bin = gst_bin_get_by_name (GST_BIN (pipeline), "phone");
  g_object_set (app->bin, "decode", display, NULL);
  if (address)
    g_object_set (app->bin, "address", address, NULL);
  if (port >= 0)
    g_object_set (app->bin, "sip-port", (guint) port, NULL);
  if (user)
    g_object_set (app->bin, "local-uri", user, NULL);
  if (registrar)
    g_object_set (app->bin, "registrar", registrar, "proxy",
        proxy ? proxy : registrar, NULL);
  else if (proxy)
    g_object_set (app->bin, "proxy", proxy, NULL);
  if (password)
    g_object_set (app->bin, "password", password, NULL);
  if (codecs)
    g_object_set (app->bin, "codecs", codecs, NULL);
  if (answer)
    g_object_set (app->bin, "auto-answer", TRUE, NULL);
  if (call_uri)
    g_object_set (app->bin, "remote-uri", call_uri, NULL);
  g_signal_connect (app->bin, "pad-added", G_CALLBACK (on_pad_added), app);
  g_signal_connect (
      app->bin, "dtmf-received", G_CALLBACK (on_dtmf_received), app);
  return pipeline;
}

int
main (int argc, char **argv)
{
  GOptionContext *context;
  GError *error = NULL;
  GstElementFactory *factory;
  App app = { 0 };
  GstBus *bus;
  guint sigint, sigterm, report;
  guint bound_port = 0;
  gint status;

  setlocale (LC_ALL, "");
#ifdef ENABLE_NLS
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
#endif
  /* every line as soon as it is written, also into a pipe or a file */
  setvbuf (stdout, NULL, _IOLBF, 0);

  context = g_option_context_new (_ ("- a SIP softphone"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    g_printerr ("%s\n", error->message);
    g_error_free (error);
    g_option_context_free (context);
    return 2;
  }
  g_option_context_free (context);
  if ((call_uri != NULL) == answer) {
    g_printerr ("%s\n", _ ("Give either --call URI or --answer."));
    return 2;
  }
  if (registrar && !user) {
    g_printerr ("%s\n", _ ("--registrar needs --user."));
    return 2;
  }
  if (!password && g_getenv ("SIP_PASSWORD"))
    password = g_strdup (g_getenv ("SIP_PASSWORD"));

#ifdef GST_SIP_PLUGIN_DIR
  /* run from the build directory: the plugin sits next to us */
  factory = gst_element_factory_find ("sipcallbin");
  if (!factory)
    gst_registry_scan_path (gst_registry_get (), GST_SIP_PLUGIN_DIR);
  else
    gst_object_unref (factory);
#endif
  factory = gst_element_factory_find ("sipcallbin");
  if (!factory) {
    g_printerr ("%s\n", _ ("The sipcallbin element is not installed."));
    return 1;
  }
  gst_object_unref (factory);

  app.loop = g_main_loop_new (NULL, FALSE);
  app.pending_dtmf = g_string_new (NULL);
  app.pipeline = make_pipeline (&app, &error);
  if (!app.pipeline) {
    g_printerr (_ ("Could not build the pipeline: %s\n"), error->message);
    g_error_free (error);
    return 1;
  }
  bus = gst_element_get_bus (app.pipeline);
  gst_bus_add_watch (bus, on_bus_message, &app);

  if (gst_element_set_state (app.pipeline, GST_STATE_READY) ==
      GST_STATE_CHANGE_FAILURE) {
    g_printerr ("%s\n", _ ("Could not start the SIP user agent."));
    status = 1;
    goto done;
  }
  g_object_get (app.bin, "sip-port", &bound_port, NULL);
  g_print (_ ("Listening on SIP port %u\n"), bound_port);
  if (answer)
    g_print ("%s\n", _ ("Waiting for a call"));
  else
    g_print (_ ("Calling %s\n"), call_uri);

  sigint = g_unix_signal_add (SIGINT, on_signal, &app);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &app);
  report = g_timeout_add_seconds (REPORT_INTERVAL_S, report_tick, &app);
  watch_stdin (&app);

  if (gst_element_set_state (app.pipeline, GST_STATE_PLAYING) ==
      GST_STATE_CHANGE_FAILURE)
    app.failed = TRUE;
  else
    g_main_loop_run (app.loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_source_remove (report);
  if (app.stdin_watch)
    g_source_remove (app.stdin_watch);
  print_counts (&app);
  status = app.failed ? 1 : 0;

done:
  gst_element_set_state (app.pipeline, GST_STATE_NULL);
  gst_bus_remove_watch (bus);
  gst_object_unref (bus);
  gst_object_unref (app.bin);
  gst_object_unref (app.pipeline);
  g_string_free (app.pending_dtmf, TRUE);
  g_main_loop_unref (app.loop);
  g_free (call_uri);
  g_free (registrar);
  g_free (proxy);
  g_free (user);
  g_free (password);
  g_free (address);
  g_free (codecs);
  return status;
}
