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

/* The C examples, run as their users run them, against real peers on
 * loopback.
 *
 * examples/sip-message listens in one process and sends OPTIONS and a
 * MESSAGE to it from two others.
 *
 * examples/sip-register registers at kamailio (tests/common/kamailio.h) as
 * registrar and proxy.  The binding is proven from the outside: the test's
 * own user agent sends OPTIONS to the address of record through kamailio,
 * which must reach the example (200) while it is registered and find no
 * binding (404) once it has unregistered.
 *
 * examples/sip-call runs twice, one process waiting with --answer and one
 * placing the call with --call, directly on loopback and through kamailio
 * as registrar and record-routing proxy.  Digits written to the standard
 * input of one (a FIFO) must be printed as received by the other, both
 * must print frames received, and SIGINT to the caller must end the call
 * on both sides (BYE) and both processes with status 0.
 *
 * The sip-register and kamailio tests are skipped when kamailio is not
 * installed. */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include <sip/sip.h>

#include "kamailio.h"
#include "peer.h"
#include "test-utils.h"

#define T1 20
/* upper bound for a registration, an OPTIONS or an exit on loopback */
#define WAIT_MS 10000
/* how often the test looks at the example's output */
#define POLL_MS 10

#define ADDRESS "127.0.0.1"
#define DOMAIN "example.test"
#define AOR "sip:alice@" DOMAIN
#define PASSWORD "alice-Secret-7"
#define BOB_PASSWORD "bob-Secret-8"

static const gchar *const users[] = { "alice:" PASSWORD, NULL };
static const gchar *const call_users[] = { "alice:" PASSWORD,
  "bob:" BOB_PASSWORD, NULL };

typedef struct
{
  GstSipUserAgent *ua;
  GstSipTestKamailio *kamailio;
  gchar *registrar;
  GstSipTestPeer *example;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  GstSipTestKamailioConfig config = { 0 };
  GError *error = NULL;

  config.address = ADDRESS;
  config.domain = DOMAIN;
  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  f->kamailio = gst_sip_test_kamailio_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_clear_error (&error);
    return;
  }
  g_assert_no_error (error);
  f->registrar = gst_sip_test_kamailio_dup_uri (f->kamailio, NULL);

  /* the party that calls alice: not a user of kamailio's domain, so its
   * requests for alice are forwarded without a challenge */
  f->ua = gst_sip_test_user_agent_new (T1);
  g_object_set (f->ua, "from", "<sip:tester@elsewhere.test>", NULL);
  g_assert_nonnull (gst_sip_user_agent_add_transport (
      f->ua, GST_SIP_TRANSPORT_PROTOCOL_UDP, ADDRESS, 0, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->example) {
    if (g_test_failed ())
      g_printerr ("--- example output ---\n%s\n",
          gst_sip_test_peer_get_log (f->example));
    gst_sip_test_peer_free (f->example);
  }
  if (f->kamailio && g_test_failed ())
    g_printerr ("--- kamailio log ---\n%s\n",
        gst_sip_test_kamailio_get_log (f->kamailio));
  g_clear_pointer (&f->kamailio, gst_sip_test_kamailio_free);
  g_clear_object (&f->ua);
  g_free (f->registrar);
}

static GstSipTestPeer *
spawn_argv (const gchar *const *argv)
{
  GError *error = NULL;
  GstSipTestPeer *peer = gst_sip_test_peer_spawn (argv, NULL, &error);

  g_assert_no_error (error);
  return peer;
}

static void
spawn (Fixture *f, const gchar *const *environment, const gchar *const *extra)
{
  GPtrArray *argv = g_ptr_array_new ();
  GError *error = NULL;

  /* env(1) execs the example: the PID stays the example's */
  g_ptr_array_add (argv, (gpointer) "env");
  for (; environment && *environment; environment++)
    g_ptr_array_add (argv, (gpointer) *environment);
  g_ptr_array_add (argv, (gpointer) SIP_REGISTER_PATH);
  if (f->registrar) {
    g_ptr_array_add (argv, (gpointer) "--registrar");
    g_ptr_array_add (argv, f->registrar);
  }
  for (; extra && *extra; extra++)
    g_ptr_array_add (argv, (gpointer) *extra);
  g_ptr_array_add (argv, (gpointer) AOR);
  g_ptr_array_add (argv, NULL);

  f->example = gst_sip_test_peer_spawn (
      (const gchar *const *) argv->pdata, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (argv);
}

typedef struct
{
  GstSipTestPeer *peer;
  const gchar *text;
} LogWait;

static gboolean
log_has (gpointer user_data)
{
  LogWait *w = user_data;

  return strstr (gst_sip_test_peer_get_log (w->peer), w->text) != NULL;
}

static gboolean
poll_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_output (Fixture *f, const gchar *text)
{
  LogWait w = { f->example, text };
  GSource *tick = g_timeout_source_new (POLL_MS);
  gboolean found;

  /* the example is another process: nothing on our context says when it
   * writes, so look at its output every few milliseconds */
  g_source_set_callback (tick, poll_tick, NULL, NULL);
  g_source_attach (tick, g_main_context_get_thread_default ());
  found = gst_sip_test_wait (log_has, &w, WAIT_MS);
  g_source_destroy (tick);
  g_source_unref (tick);
  if (!found)
    g_error ("sip-register did not print \"%s\"; it said:\n%s", text,
        gst_sip_test_peer_get_log (f->example));
}

static gint
wait_exit (Fixture *f)
{
  gint status = -1;

  g_assert_true (gst_sip_test_peer_wait_exit (f->example, WAIT_MS, &status));
  return status;
}

typedef struct
{
  gboolean done;
  guint code;
} Outcome;

static void
options_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Outcome *o = user_data;
  GError *error = NULL;
  GstSipMessage *response;

  response = gst_sip_user_agent_request_finish (
      GST_SIP_USER_AGENT (source), result, &error);
  g_assert_no_error (error);
  o->code = gst_sip_message_get_status_code (response);
  gst_sip_message_unref (response);
  o->done = TRUE;
}

static gboolean
outcome_done (gpointer user_data)
{
  return ((Outcome *) user_data)->done;
}

/* OPTIONS to alice through kamailio: the status that comes back */
static guint
options_to_alice (Fixture *f)
{
  gchar *text = g_strdup_printf ("sip:alice@%s:%u", ADDRESS,
      (guint) gst_sip_test_kamailio_get_port (f->kamailio));
  GstSipUri *uri = gst_sip_uri_new (text, NULL);
  GstSipMessage *request = gst_sip_message_new_request ("OPTIONS", uri);
  Outcome o = { FALSE, 0 };

  gst_sip_user_agent_request_async (f->ua, request, NULL, options_done, &o);
  g_assert_true (gst_sip_test_wait (outcome_done, &o, WAIT_MS));
  gst_sip_message_unref (request);
  gst_sip_uri_free (uri);
  g_free (text);
  return o.code;
}

/* the lines of the example's output that start with "state: ", in order */
static gchar *
states (Fixture *f)
{
  gchar **lines = g_strsplit (gst_sip_test_peer_get_log (f->example), "\n", -1);
  GString *s = g_string_new (NULL);
  gchar **l;

  for (l = lines; *l; l++) {
    gchar *end;

    if (!g_str_has_prefix (*l, "state: "))
      continue;
    /* the state name only, not the contact and the expiration */
    end = strchr (*l + 7, ' ');
    if (end)
      *end = '\0';
    g_string_append_printf (s, "%s%s", s->len ? "," : "", *l + 7);
  }
  g_strfreev (lines);
  return g_string_free (s, FALSE);
}

static void
test_register_until_sigint (Fixture *f, gconstpointer data)
{
  const gchar *const environment[] = { "SIP_PASSWORD=" PASSWORD, NULL };
  const gchar *const extra[] = { "--expires", "60", NULL };
  gchar *seen;

  if (!f->kamailio)
    return;

  g_assert_cmpuint (options_to_alice (f), ==, 404);

  /* the password from the environment, as the example recommends */
  spawn (f, environment, extra);
  wait_output (f, "state: registered as sip:alice@" ADDRESS ":");
  g_assert_nonnull (
      strstr (gst_sip_test_peer_get_log (f->example), " for 60 s\n"));

  /* the example's user agent answers through the registrar */
  g_assert_cmpuint (options_to_alice (f), ==, 200);

  /* Ctrl-C: unregister, then exit 0 */
  g_assert_cmpint (
      kill (gst_sip_test_peer_get_pid (f->example), SIGINT), ==, 0);
  g_assert_cmpint (wait_exit (f), ==, 0);
  seen = states (f);
  g_assert_cmpstr (
      seen, ==, "registering,registered,unregistering,unregistered");
  g_free (seen);
  g_assert_nonnull (
      strstr (gst_sip_test_peer_get_log (f->example), "unregistering\n"));
  g_assert_cmpuint (options_to_alice (f), ==, 404);
}

static void
test_register_duration (Fixture *f, gconstpointer data)
{
  const gchar *const extra[] = { "--password", PASSWORD, "--duration", "1",
    NULL };
  gchar *seen;

  if (!f->kamailio)
    return;

  spawn (f, NULL, extra);
  wait_output (f, "state: registered");
  g_assert_cmpuint (options_to_alice (f), ==, 200);
  /* it leaves by itself after a second */
  g_assert_cmpint (wait_exit (f), ==, 0);
  seen = states (f);
  g_assert_cmpstr (
      seen, ==, "registering,registered,unregistering,unregistered");
  g_free (seen);
  g_assert_cmpuint (options_to_alice (f), ==, 404);
}

static void
test_register_wrong_password (Fixture *f, gconstpointer data)
{
  const gchar *const extra[] = { "--password", "not-" PASSWORD, NULL };
  const gchar *log;

  if (!f->kamailio)
    return;

  spawn (f, NULL, extra);
  g_assert_cmpint (wait_exit (f), ==, 1);
  log = gst_sip_test_peer_get_log (f->example);
  g_assert_nonnull (strstr (log, "state: failed (401 "));
  g_assert_nonnull (strstr (log, "Could not register: "));
  /* the password is never printed */
  g_assert_null (strstr (log, PASSWORD));
  g_assert_cmpuint (options_to_alice (f), ==, 404);
}

static void
test_register_usage (Fixture *f, gconstpointer data)
{
  const gchar *const extra[] = { "--transport", "carrier-pigeon", NULL };

  /* no registrar needed to refuse a bad command line */
  spawn (f, NULL, extra);
  g_assert_cmpint (wait_exit (f), ==, 2);
  g_assert_nonnull (strstr (gst_sip_test_peer_get_log (f->example),
      "Unknown transport carrier-pigeon"));
}

/* the port "sip-message listen" printed */
static guint
listening_port (GstSipTestPeer *listener)
{
  const gchar *log = gst_sip_test_peer_get_log (listener);
  const gchar *line = strstr (log, "Listening on UDP " ADDRESS ":");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (
      line + strlen ("Listening on UDP " ADDRESS ":"), NULL, 10);
}

static void
test_message_send_and_ping (Fixture *f, gconstpointer data)
{
  const gchar *const listen[] = { SIP_MESSAGE_PATH, "listen", "-n", "1", NULL };
  GstSipTestPeer *listener, *sender;
  gchar *uri;
  gint status = -1;
  const gchar *log;

  listener = spawn_argv (listen);
  f->example = listener;
  wait_output (f, "Listening on UDP " ADDRESS ":");
  uri = g_strdup_printf ("sip:bob@%s:%u", ADDRESS, listening_port (listener));

  {
    const gchar *const ping[] = { SIP_MESSAGE_PATH, "ping", uri, NULL };

    sender = spawn_argv (ping);
    g_assert_true (gst_sip_test_peer_wait_exit (sender, WAIT_MS, &status));
    g_assert_cmpint (status, ==, 0);
    log = gst_sip_test_peer_get_log (sender);
    g_assert_nonnull (strstr (log, "-> OPTIONS sip:bob@"));
    g_assert_nonnull (strstr (log, "<- 200 OK"));
    gst_sip_test_peer_free (sender);
  }
  {
    const gchar *const send[] = { SIP_MESSAGE_PATH, "send", "--from",
      "Alice <sip:alice@example.test>", uri, "Hello, Bob", NULL };

    sender = spawn_argv (send);
    g_assert_true (gst_sip_test_peer_wait_exit (sender, WAIT_MS, &status));
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (gst_sip_test_peer_get_log (sender), "<- 200 OK"));
    gst_sip_test_peer_free (sender);
  }

  /* the listener printed both and left after its one MESSAGE */
  g_assert_true (gst_sip_test_peer_wait_exit (listener, WAIT_MS, &status));
  g_assert_cmpint (status, ==, 0);
  log = gst_sip_test_peer_get_log (listener);
  g_assert_nonnull (strstr (log, "<- OPTIONS sip:bob@"));
  g_assert_nonnull (strstr (
      log, "   from sip:alice@example.test (text/plain): Hello, Bob\n"));
  g_free (uri);
}

/* ---------------------------------------------------------------------- */
/* sip-call */

/* one sip-call process, its standard input a FIFO the test writes to */
typedef struct
{
  const gchar *name;
  gchar *dir;
  gchar *fifo;
  gint fd;
  GstSipTestPeer *peer;
} Phone;

static void
phone_start (Phone *phone, const gchar *name, const gchar *const *environment,
    const gchar *const *args)
{
  GPtrArray *argv = g_ptr_array_new ();
  GError *error = NULL;

  phone->name = name;
  phone->dir = gst_sip_test_make_tmp_dir ("sip-call", &error);
  g_assert_no_error (error);
  phone->fifo = g_build_filename (phone->dir, "stdin", NULL);
  g_assert_cmpint (mkfifo (phone->fifo, 0600), ==, 0);
  /* read and write: the open returns at once, and the example's own open
   * for reading finds a writer */
  phone->fd = g_open (phone->fifo, O_RDWR | O_CLOEXEC, 0);
  g_assert_cmpint (phone->fd, >=, 0);

  /* sh reads the FIFO into the example's standard input and execs it
   * through env(1): the PID stays the example's */
  g_ptr_array_add (argv, (gpointer) "sh");
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, (gpointer) "exec env \"$@\" < \"$0\"");
  g_ptr_array_add (argv, phone->fifo);
  for (; environment && *environment; environment++)
    g_ptr_array_add (argv, (gpointer) *environment);
  g_ptr_array_add (argv, (gpointer) SIP_CALL_PATH);
  g_ptr_array_add (argv, (gpointer) "--address");
  g_ptr_array_add (argv, (gpointer) ADDRESS);
  g_ptr_array_add (argv, (gpointer) "--port");
  g_ptr_array_add (argv, (gpointer) "0");
  for (; *args; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  phone->peer = gst_sip_test_peer_spawn (
      (const gchar *const *) argv->pdata, phone->dir, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (argv);
}

static void
phone_type (Phone *phone, const gchar *text)
{
  gssize len = strlen (text);

  g_assert_cmpint (write (phone->fd, text, len), ==, len);
}

static void
phone_clear (Phone *phone)
{
  if (!phone->peer)
    return;
  if (g_test_failed ())
    g_printerr ("--- %s's sip-call output ---\n%s\n", phone->name,
        gst_sip_test_peer_get_log (phone->peer));
  gst_sip_test_peer_free (phone->peer);
  close (phone->fd);
  g_unlink (phone->fifo);
  gst_sip_test_remove_tree (phone->dir);
  g_free (phone->fifo);
  g_free (phone->dir);
  memset (phone, 0, sizeof (Phone));
}

static void
phone_wait_output (Phone *phone, const gchar *text)
{
  LogWait w = { phone->peer, text };
  GSource *tick = g_timeout_source_new (POLL_MS);
  gboolean found;

  g_source_set_callback (tick, poll_tick, NULL, NULL);
  g_source_attach (tick, g_main_context_get_thread_default ());
  found = gst_sip_test_wait (log_has, &w, WAIT_MS);
  g_source_destroy (tick);
  g_source_unref (tick);
  if (!found)
    g_error ("%s's sip-call did not print \"%s\"; it said:\n%s", phone->name,
        text, gst_sip_test_peer_get_log (phone->peer));
}

static gint
phone_wait_exit (Phone *phone)
{
  gint status = -1;

  if (!gst_sip_test_peer_wait_exit (phone->peer, WAIT_MS, &status))
    g_error ("%s's sip-call did not exit; it said:\n%s", phone->name,
        gst_sip_test_peer_get_log (phone->peer));
  return status;
}

/* the frames of the last "received: " line */
static void
phone_received (Phone *phone, gint *audio, gint *video)
{
  const gchar *log = gst_sip_test_peer_get_log (phone->peer);
  const gchar *line = NULL, *p;

  *audio = *video = 0;
  for (p = strstr (log, "received: "); p; p = strstr (p + 1, "received: ")) {
    if (p == log || p[-1] == '\n')
      line = p;
  }
  if (line)
    g_assert_cmpint (sscanf (line, "received: %d audio frames, %d video frames",
                         audio, video),
        ==, 2);
}

typedef struct
{
  Phone *phone;
  gint min_audio, min_video;
} FramesWait;

static gboolean
frames_received (gpointer user_data)
{
  FramesWait *w = user_data;
  gint audio, video;

  phone_received (w->phone, &audio, &video);
  return audio >= w->min_audio && video >= w->min_video;
}

static void
phone_wait_frames (Phone *phone, gint min_audio, gint min_video)
{
  FramesWait w = { phone, min_audio, min_video };
  GSource *tick = g_timeout_source_new (POLL_MS);
  gboolean found;

  g_source_set_callback (tick, poll_tick, NULL, NULL);
  g_source_attach (tick, g_main_context_get_thread_default ());
  found = gst_sip_test_wait (frames_received, &w, WAIT_MS);
  g_source_destroy (tick);
  g_source_unref (tick);
  if (!found)
    g_error ("%s's sip-call received too few frames; it said:\n%s", phone->name,
        gst_sip_test_peer_get_log (phone->peer));
}

/* the port "Listening on SIP port " gives */
static guint
phone_port (Phone *phone)
{
  const gchar *line;

  phone_wait_output (phone, "Listening on SIP port ");
  line = strstr (
      gst_sip_test_peer_get_log (phone->peer), "Listening on SIP port ");
  return (guint) g_ascii_strtoull (
      line + strlen ("Listening on SIP port "), NULL, 10);
}

static const gchar *
phone_log (Phone *phone)
{
  return gst_sip_test_peer_get_log (phone->peer);
}

static void
test_call_loopback (Fixture *f, gconstpointer data)
{
  const gchar *const answer_args[] = { "--answer", NULL };
  Phone bob = { 0 }, alice = { 0 };
  gchar *uri;

  phone_start (&bob, "bob", NULL, answer_args);
  uri = g_strdup_printf ("sip:bob@" ADDRESS ":%u", phone_port (&bob));
  phone_wait_output (&bob, "Waiting for a call\n");
  {
    const gchar *const call_args[] = { "--call", uri, NULL };

    phone_start (&alice, "alice", NULL, call_args);
  }
  phone_wait_output (&alice, "state: established");
  phone_wait_output (&bob, "state: established");

  /* digits typed on each side reach the other */
  phone_type (&alice, "15#\n");
  phone_type (&bob, "*9\n");
  phone_wait_output (&bob, "dtmf received: 1 ");
  phone_wait_output (&bob, "dtmf received: 5 ");
  phone_wait_output (&bob, "dtmf received: # ");
  phone_wait_output (&alice, "dtmf received: * ");
  phone_wait_output (&alice, "dtmf received: 9 ");
  g_assert_nonnull (strstr (
      phone_log (&alice), "dtmf sent: 1\ndtmf sent: 5\ndtmf sent: #\n"));
  g_assert_nonnull (strstr (phone_log (&bob), "dtmf sent: *\ndtmf sent: 9\n"));
  g_assert_null (strstr (phone_log (&alice), "dtmf received: 1"));

  /* audio and video both ways */
  phone_wait_frames (&alice, 10, 5);
  phone_wait_frames (&bob, 10, 5);

  /* Ctrl-C: alice sends BYE, bob's call ends with it, both leave with 0 */
  g_assert_cmpint (
      kill (gst_sip_test_peer_get_pid (alice.peer), SIGINT), ==, 0);
  g_assert_cmpint (phone_wait_exit (&alice), ==, 0);
  g_assert_cmpint (phone_wait_exit (&bob), ==, 0);
  g_assert_nonnull (strstr (phone_log (&alice), "Hanging up\nstate: ending"));
  g_assert_nonnull (strstr (phone_log (&alice), "\nstate: ended"));
  g_assert_nonnull (strstr (phone_log (&bob), "\nstate: ended"));
  g_assert_nonnull (strstr (phone_log (&bob), "The peer hung up\n"));
  g_assert_null (strstr (phone_log (&bob), "Hanging up"));

  phone_clear (&alice);
  phone_clear (&bob);
  g_free (uri);
}

static void
test_call_usage (Fixture *f, gconstpointer data)
{
  const gchar *const args[] = { NULL };
  Phone phone = { 0 };

  /* neither --call nor --answer */
  phone_start (&phone, "nobody", NULL, args);
  g_assert_cmpint (phone_wait_exit (&phone), ==, 2);
  g_assert_nonnull (
      strstr (phone_log (&phone), "Give either --call URI or --answer."));
  phone_clear (&phone);
}

static void
test_call_kamailio (Fixture *f, gconstpointer data)
{
  const gchar *const bob_env[] = { "SIP_PASSWORD=" BOB_PASSWORD, NULL };
  const gchar *const alice_env[] = { "SIP_PASSWORD=" PASSWORD, NULL };
  GstSipTestKamailioConfig config = { 0 };
  GError *error = NULL;
  Phone bob = { 0 }, alice = { 0 };
  gchar *server;
  gint audio, video;

  config.address = ADDRESS;
  config.domain = DOMAIN;
  config.users = call_users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  config.record_route = TRUE;
  f->kamailio = gst_sip_test_kamailio_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_clear_error (&error);
    return;
  }
  g_assert_no_error (error);
  server = gst_sip_test_kamailio_dup_uri (f->kamailio, NULL);

  /* bob registers and waits, playing the audio he receives (decoded, to
   * autoaudiosink, which falls back to a fake sink without a sound card);
   * the password comes from the environment */
  {
    const gchar *const args[] = { "--answer", "--no-video", "--display",
      "--registrar", server, "--user", "sip:bob@" DOMAIN, NULL };

    phone_start (&bob, "bob", bob_env, args);
  }
  phone_wait_output (&bob, "Registered as sip:bob@" DOMAIN "\n");
  g_assert_true (gst_sip_test_kamailio_wait_log (
      f->kamailio, "REGISTER sip:bob@" DOMAIN ": saved", WAIT_MS));

  /* alice registers too and calls bob's address of record through the
   * proxy, which challenges her INVITE; she hangs up after a second */
  {
    const gchar *const args[] = { "--call", "sip:bob@" DOMAIN, "--no-video",
      "--registrar", server, "--user", "sip:alice@" DOMAIN, "--duration", "1",
      NULL };

    phone_start (&alice, "alice", alice_env, args);
  }
  phone_wait_output (&alice, "state: established");
  phone_wait_output (&bob, "state: established");
  phone_type (&alice, "7");
  phone_wait_output (&bob, "dtmf received: 7 ");

  g_assert_cmpint (phone_wait_exit (&alice), ==, 0);
  g_assert_cmpint (phone_wait_exit (&bob), ==, 0);
  g_assert_nonnull (strstr (phone_log (&alice), "Registered as sip:alice@"));
  g_assert_nonnull (strstr (phone_log (&bob), "The peer hung up\n"));
  phone_received (&bob, &audio, &video);
  g_assert_cmpint (audio, >, 0);
  g_assert_cmpint (video, ==, 0);
  phone_received (&alice, &audio, &video);
  g_assert_cmpint (audio, >, 0);
  /* the passwords are never printed */
  g_assert_null (strstr (phone_log (&alice), PASSWORD));
  g_assert_null (strstr (phone_log (&bob), BOB_PASSWORD));

  /* the proxy challenged the INVITE, forwarded it to bob's binding, and
   * the BYE followed the record-route */
  g_assert_nonnull (strstr (gst_sip_test_kamailio_get_log (f->kamailio),
      "INVITE from sip:alice@" DOMAIN ": challenged"));
  g_assert_nonnull (strstr (gst_sip_test_kamailio_get_log (f->kamailio),
      "INVITE to sip:bob@" DOMAIN ": forwarding to"));
  g_assert_true (
      gst_sip_test_kamailio_wait_log (f->kamailio, "in-dialog BYE", WAIT_MS));

  phone_clear (&alice);
  phone_clear (&bob);
  g_free (server);
}

int
main (int argc, char **argv)
{
  gst_init (NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/examples/sip-register/until-sigint", Fixture, NULL,
      fixture_set_up, test_register_until_sigint, fixture_tear_down);
  g_test_add ("/examples/sip-register/duration", Fixture, NULL, fixture_set_up,
      test_register_duration, fixture_tear_down);
  g_test_add ("/examples/sip-register/wrong-password", Fixture, NULL,
      fixture_set_up, test_register_wrong_password, fixture_tear_down);
  g_test_add ("/examples/sip-register/usage", Fixture, NULL, NULL,
      test_register_usage, fixture_tear_down);
  g_test_add ("/examples/sip-message/send-and-ping", Fixture, NULL, NULL,
      test_message_send_and_ping, fixture_tear_down);

  g_test_add ("/examples/sip-call/loopback", Fixture, NULL, NULL,
      test_call_loopback, fixture_tear_down);
  g_test_add ("/examples/sip-call/usage", Fixture, NULL, NULL, test_call_usage,
      fixture_tear_down);
  g_test_add ("/examples/sip-call/kamailio", Fixture, NULL, NULL,
      test_call_kamailio, fixture_tear_down);

  return g_test_run ();
}
