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

/* Every gst-launch-1.0 recipe of docs/gst-launch-recipes.md (the
 * ```gst-launch blocks), run as gst-launch-1.0 processes against a
 * sipcallbin of the test on loopback, one test case per recipe, in the
 * order of the page and in one working directory (a recipe may use the
 * file an earlier one wrote).
 *
 * The page's conventions tell what a recipe needs:
 * - it calls sip:bob@127.0.0.1:5070: the test answers there (a free port
 *   instead of 5070);
 * - it waits with sip-port=5080: the test calls it (a free port instead);
 * - it registers at sip:pbx.example.com: kamailio (tests/common/kamailio.h)
 *   is the registrar and proxy of example.com, with alice's password
 *   "secret", and the test calls alice through it (skipped when kamailio
 *   is not installed);
 * - it has no sipcallbin: it runs to its end by itself.
 *
 * The recipes run headless: autoaudiosink and autovideosink become
 * fakesinks, every fakesink prints its buffers (silent=false with -v), and
 * playbin gets such fakesinks.  A recipe passes when it exits with 0 after
 * media flowed: the call was established, the test's sipcallbin received
 * what the recipe sends, the recipe's fakesinks received buffers, the
 * files it writes are not empty, the digits the test sends are printed by
 * a recipe with -m; and SIGINT, with -e, stops it and ends the call with
 * BYE. */

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include <gst/gst.h>
#include <sip/sip.h>

#include "kamailio.h"
#include "peer.h"
#include "test-utils.h"

#define T1 20
/* upper bound for a call to be up, media to flow, a recipe to exit */
#define WAIT_MS 20000
/* how often the test looks at a recipe's output */
#define POLL_MS 50
/* what the test's sipcallbin must have received from a recipe */
#define MIN_AUDIO 10
#define MIN_VIDEO 5

#define RECIPE_PEER "127.0.0.1:5070"
#define RECIPE_PORT "sip-port=5080"
#define RECIPE_REGISTRAR "sip:pbx.example.com"
#define DOMAIN "example.com"

static const gchar *const users[] = { "alice:secret", NULL };

/* the working directory of every recipe */
static gchar *workdir;

/* ---------------------------------------------------------------------- */
/* the page */

/* the commands of the ```gst-launch blocks, each on one line */
static GPtrArray *
read_recipes (void)
{
  GPtrArray *recipes = g_ptr_array_new_with_free_func (g_free);
  GString *current = NULL;
  gboolean in_block = FALSE;
  gchar *text = NULL, **lines;
  GError *error = NULL;
  guint i;

  g_file_get_contents (RECIPES_PATH, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; lines[i]; i++) {
    gchar *line = g_strstrip (lines[i]);
    gboolean more;

    if (!in_block) {
      in_block = strcmp (line, "```gst-launch") == 0;
      continue;
    }
    if (g_str_has_prefix (line, "```")) {
      g_assert_null (current);
      in_block = FALSE;
      continue;
    }
    if (!*line)
      continue;
    more = g_str_has_suffix (line, "\\");
    if (more)
      line[strlen (line) - 1] = '\0';
    if (!current) {
      /* every command of a block is a gst-launch-1.0 line */
      g_assert_true (g_str_has_prefix (line, "gst-launch-1.0 "));
      current = g_string_new (NULL);
    }
    g_string_append_printf (current, "%s%s", current->len ? " " : "", line);
    if (!more) {
      g_ptr_array_add (recipes, g_strstrip (g_string_free (current, FALSE)));
      current = NULL;
    }
  }
  g_assert_false (in_block);
  g_strfreev (lines);
  g_free (text);
  return recipes;
}

static gchar *
replace (const gchar *text, const gchar *pattern, const gchar *with)
{
  GRegex *regex = g_regex_new (pattern, 0, 0, NULL);
  gchar *result = g_regex_replace (regex, text, -1, 0, with, 0, NULL);

  g_regex_unref (regex);
  return result;
}

static gchar *
replace_take (gchar *text, const gchar *pattern, const gchar *with)
{
  gchar *result = replace (text, pattern, with);

  g_free (text);
  return result;
}

/* the recipe, headless, with a printing fakesink for every sink */
static gchar *
headless (const gchar *recipe)
{
  gchar *line = replace (recipe, "\\bauto(audio|video)sink\\b", "fakesink");

  line = replace_take (line, "\\bfakesink\\b", "fakesink silent=false");
  if (strstr (line, " playbin ") && !strstr (line, "video-sink="))
    line = replace_take (line, "$",
        " video-sink=\"fakesink silent=false\""
        " audio-sink=\"fakesink silent=false\"");
  if (strstr (line, "fakesink"))
    line = replace_take (line, "^gst-launch-1.0 ", "gst-launch-1.0 -v ");
  return line;
}

/* the file a filesink of @recipe writes, or NULL */
static gchar *
output_file (const gchar *recipe)
{
  GRegex *regex = g_regex_new ("filesink location=(\\S+)", 0, 0, NULL);
  GMatchInfo *match = NULL;
  gchar *file = NULL;

  if (g_regex_match (regex, recipe, 0, &match))
    file = g_match_info_fetch (match, 1);
  g_match_info_free (match);
  g_regex_unref (regex);
  return file;
}

/* ---------------------------------------------------------------------- */
/* the test's end of the call: a sipcallbin in this process */

typedef struct
{
  GstElement *pipeline;
  GstElement *bin;
  gint audio, video;
  GstBus *bus;
  gchar *error;
} Party;

static GstPadProbeReturn
count_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  g_atomic_int_inc ((gint *) user_data);
  return GST_PAD_PROBE_OK;
}

static void
on_pad_added (GstElement *bin, GstPad *pad, Party *party)
{
  GstElement *sink;
  GstPad *sinkpad;

  if (!GST_PAD_IS_SRC (pad))
    return;
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (party->pipeline), sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sinkpad, GST_PAD_PROBE_TYPE_BUFFER, count_buffer,
      g_str_has_prefix (GST_PAD_NAME (pad), "video_") ? &party->video
                                                      : &party->audio,
      NULL);
  g_assert_cmpint (gst_pad_link (pad, sinkpad), ==, GST_PAD_LINK_OK);
  gst_object_unref (sinkpad);
  gst_element_sync_state_with_parent (sink);
}

/* bob, who answers, or tester, who calls; @props are sipcallbin's */
static Party *
party_new (const gchar *props)
{
  Party *party = g_new0 (Party, 1);
  GError *error = NULL;
  gchar *description;
  GstSipUserAgent *ua = NULL;

  description = g_strdup_printf (
      "sipcallbin name=peer address=127.0.0.1 latency=50 %s "
      "audiotestsrc is-live=true ! peer.audio_sink "
      "videotestsrc is-live=true ! "
      "video/x-raw,width=352,height=288,framerate=15/1 ! peer.video_sink",
      props);
  party->pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  g_free (description);
  party->bin = gst_bin_get_by_name (GST_BIN (party->pipeline), "peer");
  g_signal_connect (party->bin, "pad-added", G_CALLBACK (on_pad_added), party);
  party->bus = gst_element_get_bus (party->pipeline);
  g_assert_cmpint (gst_element_set_state (party->pipeline, GST_STATE_READY), ==,
      GST_STATE_CHANGE_SUCCESS);
  g_object_get (party->bin, "user-agent", &ua, NULL);
  g_object_set (ua, "t1", T1, "t2", 8 * T1, "t4", 10 * T1, NULL);
  g_object_unref (ua);
  return party;
}

static guint
party_port (Party *party)
{
  guint port = 0;

  g_object_get (party->bin, "sip-port", &port, NULL);
  return port;
}

static void
party_play (Party *party)
{
  g_assert_cmpint (gst_element_set_state (party->pipeline, GST_STATE_PLAYING),
      !=, GST_STATE_CHANGE_FAILURE);
}

static GstSipCallState
party_state (Party *party)
{
  GstSipCallState state;
  GstMessage *msg;

  /* an error of the test's own pipeline fails the test */
  while ((msg = gst_bus_pop_filtered (party->bus, GST_MESSAGE_ERROR))) {
    GError *error = NULL;

    gst_message_parse_error (msg, &error, NULL);
    g_error ("the test's sipcallbin failed: %s", error->message);
  }
  g_object_get (party->bin, "call-state", &state, NULL);
  return state;
}

static void
party_free (Party *party)
{
  gst_element_set_state (party->pipeline, GST_STATE_NULL);
  gst_object_unref (party->bus);
  gst_object_unref (party->bin);
  gst_object_unref (party->pipeline);
  g_free (party);
}

/* ---------------------------------------------------------------------- */
/* waiting */

typedef struct
{
  Party *party;
  GstSipTestPeer *recipe;
  GstSipCallState state;
  gint audio, video;
  const gchar *text;
} Wait;

static gboolean
poll_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* gst_sip_test_wait() with a tick: the recipe is another process and the
 * sipcallbin has threads of its own, nothing on our context says when
 * they change */
static gboolean
wait_polling (GstSipTestCondition condition, Wait *w)
{
  GSource *tick = g_timeout_source_new (POLL_MS);
  gboolean found;

  g_source_set_callback (tick, poll_tick, NULL, NULL);
  g_source_attach (tick, g_main_context_get_thread_default ());
  found = gst_sip_test_wait (condition, w, WAIT_MS);
  g_source_destroy (tick);
  g_source_unref (tick);
  return found;
}

static gboolean
state_is (gpointer user_data)
{
  Wait *w = user_data;

  return party_state (w->party) == w->state;
}

static gboolean
media_received (gpointer user_data)
{
  Wait *w = user_data;

  return g_atomic_int_get (&w->party->audio) >= w->audio &&
      g_atomic_int_get (&w->party->video) >= w->video;
}

static gboolean
output_has (gpointer user_data)
{
  Wait *w = user_data;

  return strstr (gst_sip_test_peer_get_log (w->recipe), w->text) != NULL;
}

static void
fail_recipe (GstSipTestPeer *recipe, const gchar *line, const gchar *what)
{
  g_error ("%s\nrecipe: %s\nit said:\n%s", what, line,
      recipe ? gst_sip_test_peer_get_log (recipe) : "");
}

/* ---------------------------------------------------------------------- */
/* the recipes */

static GstSipTestPeer *
spawn_recipe (const gchar *line)
{
  GError *error = NULL;
  gchar **argv = NULL;
  GstSipTestPeer *recipe;

  g_test_message ("running: %s", line);
  g_assert_true (g_shell_parse_argv (line, NULL, &argv, &error));
  g_assert_no_error (error);
  recipe =
      gst_sip_test_peer_spawn ((const gchar *const *) argv, workdir, &error);
  g_assert_no_error (error);
  g_strfreev (argv);
  return recipe;
}

static void
check_file (const gchar *recipe)
{
  gchar *name = output_file (recipe);
  gchar *path;
  GStatBuf st;

  if (!name)
    return;
  path = g_build_filename (workdir, name, NULL);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("%s: %" G_GINT64_FORMAT " bytes", name, (gint64) st.st_size);
  g_assert_cmpint (st.st_size, >, 10000);
  g_free (path);
  g_free (name);
}

/* a recipe without sipcallbin: it ends by itself */
static void
run_standalone (const gchar *recipe)
{
  gchar *line = headless (recipe);
  GstSipTestPeer *process = spawn_recipe (line);
  gint status = -1;

  if (!gst_sip_test_peer_wait_exit (process, WAIT_MS, &status))
    fail_recipe (process, line, "the recipe did not end");
  if (status != 0)
    fail_recipe (process, line, "the recipe failed");
  check_file (recipe);
  gst_sip_test_peer_free (process);
  g_free (line);
}

/* the recipe and the test's party are in a call: media, DTMF, then
 * Ctrl-C */
static void
run_call (const gchar *recipe, const gchar *line, GstSipTestPeer *process,
    Party *party)
{
  /* what the recipe sends, the test must receive */
  gboolean sends_audio = strstr (recipe, ".audio_sink") != NULL;
  gboolean sends_video = strstr (recipe, ".video_sink") != NULL;
  Wait w = { party, process, GST_SIP_CALL_STATE_ESTABLISHED, 0, 0, NULL };
  gint status = -1;

  if (!wait_polling (state_is, &w))
    fail_recipe (process, line, "no call");
  w.audio = sends_audio ? MIN_AUDIO : 0;
  w.video = sends_video ? MIN_VIDEO : 0;
  if (!wait_polling (media_received, &w))
    fail_recipe (process, line, "the test received too little media");

  /* the recipe's sinks received buffers */
  if (strstr (line, "fakesink")) {
    w.text = "last-message = chain";
    if (!wait_polling (output_has, &w))
      fail_recipe (process, line, "the recipe's fakesinks received nothing");
  }

  /* digits, for a recipe that prints the bus messages */
  if (strstr (recipe, " -m ")) {
    gboolean queued = FALSE;

    g_signal_emit_by_name (party->bin, "send-dtmf", "1", 100, &queued);
    g_assert_true (queued);
    g_signal_emit_by_name (party->bin, "send-dtmf", "#", 100, &queued);
    g_assert_true (queued);
    w.text = "dtmf-event, number=(int)1,";
    if (!wait_polling (output_has, &w))
      fail_recipe (process, line, "the recipe printed no digit 1");
    w.text = "dtmf-event, number=(int)11,";
    if (!wait_polling (output_has, &w))
      fail_recipe (process, line, "the recipe printed no #");
  }

  /* Ctrl-C: EOS (-e), then the bin hangs up while it stops */
  g_assert_cmpint (kill (gst_sip_test_peer_get_pid (process), SIGINT), ==, 0);
  if (!gst_sip_test_peer_wait_exit (process, WAIT_MS, &status))
    fail_recipe (process, line, "the recipe did not stop on SIGINT");
  if (status != 0)
    fail_recipe (process, line, "the recipe failed");
  w.state = GST_SIP_CALL_STATE_ENDED;
  if (!wait_polling (state_is, &w))
    fail_recipe (process, line, "the call did not end (no BYE)");
  check_file (recipe);
}

/* a recipe that calls bob */
static void
run_caller (const gchar *recipe)
{
  Party *bob = party_new ("sip-port=0 auto-answer=true");
  gchar *peer = g_strdup_printf ("127.0.0.1:%u", party_port (bob));
  gchar *headless_line = headless (recipe);
  gchar *line = replace (headless_line, RECIPE_PEER, peer);
  GstSipTestPeer *process;

  party_play (bob);
  process = spawn_recipe (line);
  run_call (recipe, line, process, bob);
  gst_sip_test_peer_free (process);
  party_free (bob);
  g_free (line);
  g_free (headless_line);
  g_free (peer);
}

/* a recipe that waits on its port */
static void
run_callee (const gchar *recipe)
{
  guint16 port = gst_sip_test_reserve_port (
      G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, "127.0.0.1");
  gchar *sip_port = g_strdup_printf ("sip-port=%u", port);
  gchar *uri = g_strdup_printf ("sip:phone@127.0.0.1:%u", port);
  gchar *headless_line = headless (recipe);
  gchar *line = replace (headless_line, RECIPE_PORT, sip_port);
  gchar *props = g_strdup_printf ("sip-port=0 remote-uri=%s", uri);
  GstSipTestPeer *process;
  Party *tester;

  process = spawn_recipe (line);
  if (!gst_sip_test_peer_wait_udp_port (process, NULL, port, WAIT_MS))
    fail_recipe (process, line, "the recipe does not listen");
  tester = party_new (props);
  party_play (tester);
  run_call (recipe, line, process, tester);
  gst_sip_test_peer_free (process);
  party_free (tester);
  g_free (props);
  g_free (line);
  g_free (headless_line);
  g_free (uri);
  g_free (sip_port);
}

/* a recipe that registers, then waits */
static void
run_registered (const gchar *recipe)
{
  GstSipTestKamailioConfig config = { 0 };
  GstSipTestKamailio *kamailio;
  GError *error = NULL;
  gchar *server, *headless_line, *line, *props;
  GstSipTestPeer *process;
  Party *tester;

  config.address = "127.0.0.1";
  config.domain = DOMAIN;
  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  kamailio = gst_sip_test_kamailio_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_error_free (error);
    return;
  }
  g_assert_no_error (error);
  server = gst_sip_test_kamailio_dup_uri (kamailio, NULL);
  headless_line = headless (recipe);
  line = replace (headless_line, RECIPE_REGISTRAR, server);
  process = spawn_recipe (line);
  if (!gst_sip_test_kamailio_wait_log (
          kamailio, "REGISTER sip:alice@" DOMAIN ": saved", WAIT_MS))
    fail_recipe (process, line, gst_sip_test_kamailio_get_log (kamailio));

  /* not a user of example.com: kamailio forwards without a challenge */
  props = g_strdup_printf ("sip-port=0 proxy=%s "
                           "local-uri=sip:tester@elsewhere.test "
                           "remote-uri=sip:alice@" DOMAIN,
      server);
  tester = party_new (props);
  party_play (tester);
  run_call (recipe, line, process, tester);

  gst_sip_test_peer_free (process);
  party_free (tester);
  gst_sip_test_kamailio_free (kamailio);
  g_free (props);
  g_free (line);
  g_free (headless_line);
  g_free (server);
}

static void
test_recipe (gconstpointer data)
{
  const gchar *recipe = data;

  if (strstr (recipe, "registrar=" RECIPE_REGISTRAR))
    run_registered (recipe);
  else if (strstr (recipe, RECIPE_PORT))
    run_callee (recipe);
  else if (strstr (recipe, RECIPE_PEER))
    run_caller (recipe);
  else if (!strstr (recipe, "sipcallbin"))
    run_standalone (recipe);
  else
    g_error ("a recipe the test cannot run: %s", recipe);
}

/* the recipes the page must have */
static void
test_page (gconstpointer data)
{
  const GPtrArray *recipes = data;
  const gchar *const needed[] = { "remote-uri=sip:bob@", "auto-answer=true",
    "playbin uri=sip:", "registrar=", "codecs=H263",
    "filesrc location=", "filesink location=call.mkv", " -m ", NULL };
  guint i, j;

  for (i = 0; needed[i]; i++) {
    gboolean found = FALSE;

    for (j = 0; j < recipes->len; j++)
      found |= strstr (g_ptr_array_index (recipes, j), needed[i]) != NULL;
    if (!found)
      g_error ("no recipe with \"%s\"", needed[i]);
  }
}

int
main (int argc, char **argv)
{
  GPtrArray *recipes;
  GError *error = NULL;
  guint i;
  gint ret;

  gst_init (NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  recipes = read_recipes ();
  workdir = gst_sip_test_make_tmp_dir ("gst-launch-recipes", &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/gst-launch-recipes/page", recipes, test_page);
  for (i = 0; i < recipes->len; i++) {
    gchar *path = g_strdup_printf ("/gst-launch-recipes/%02u", i + 1);

    g_test_add_data_func (path, g_ptr_array_index (recipes, i), test_recipe);
    g_free (path);
  }

  ret = g_test_run ();
  gst_sip_test_remove_tree (workdir);
  g_free (workdir);
  g_ptr_array_unref (recipes);
  return ret;
}
