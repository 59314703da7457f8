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

/* Calls over a lossy network: alice places many calls to bob, who answers
 * each at once; every call is INVITE, 200, ACK, a short wait, BYE, 200.
 *
 * The test runs in a network namespace of its own (it needs root, or
 * CAP_SYS_ADMIN and CAP_NET_ADMIN, and is skipped without them), where an
 * nftables rule on the input hook of loopback drops 30% of all UDP
 * datagrams: requests and responses both ways.  The retransmissions of the
 * transactions and of the 2xx must carry almost every call through, and
 * once the timers ran nothing may be left: no transaction, call or dialog
 * in either user agent.  The same with calls that ring (reliably, RFC
 * 3262) and are cancelled; TCP in the same namespace loses nothing.  Last,
 * a callee that rang and vanished: the CANCEL of its call is never
 * answered. */

/* unshare() */
#define _GNU_SOURCE

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "test-utils.h"
#include "sip/sip-user-agent-private.h"

#define T1 20
/* how long an established call is held before alice hangs up */
#define HOLD_MS (5 * T1)
/* each call needs at most 64*T1 per transaction; the whole run is bounded
 * by far more than it takes */
#define RUN_TIMEOUT_MS 180000
#define QUIET_TIMEOUT_MS 20000
#define NFT_TABLE "gst_sip_loss"
#define LOSS_TENTHS 3 /* 30% */

/* what main() could set up before any thread started */
static gchar *skip_reason;
static GError *setup_error;
static gchar *nft_path;

typedef struct
{
  GstSipTransportProtocol protocol;
  guint n_calls;
  guint in_flight;
  guint min_complete;
  /* bob rings instead of answering; alice cancels once she hears it */
  gboolean cancel;
} LossParams;

typedef struct _Loss Loss;

typedef struct
{
  Loss *loss;
  GstSipCall *call;
  gboolean established;
  gboolean ringing;
  gboolean hung_up;
  gboolean ended;
  guint hold_source;
} Caller;

struct _Loss
{
  const LossParams *params;
  GstSipUserAgent *alice, *bob;
  gchar *bob_uri;
  GPtrArray *callers; /* Caller */
  GHashTable *bob_calls; /* Call-ID -> GstSipCall */
  guint n_started, n_ended, n_active, n_duplicates;
};

/* ---------------------------------------------------------------------- */
/* the namespace and its packet filter */

static gboolean
run_nft (const gchar *const *args, const gchar *input, gchar **output,
    GError **error)
{
  GPtrArray *argv = g_ptr_array_new ();
  GSubprocess *proc;
  gchar *out = NULL, *err = NULL;
  gboolean ok = FALSE;
  guint i;

  g_ptr_array_add (argv, nft_path);
  for (i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gchar *) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const gchar *const *) argv->pdata,
      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
          G_SUBPROCESS_FLAGS_STDERR_PIPE,
      error);
  g_ptr_array_unref (argv);
  if (!proc)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (proc, input, NULL, &out, &err, error))
    goto done;
  if (!g_subprocess_get_successful (proc)) {
    g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "nft failed: %s",
        err ? g_strstrip (err) : "");
    goto done;
  }
  ok = TRUE;
  if (output)
    *output = g_steal_pointer (&out);

done:
  g_free (out);
  g_free (err);
  g_object_unref (proc);
  return ok;
}

static gboolean
bring_up_loopback (GError **error)
{
  struct ifreq ifr;
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int saved;

  if (fd < 0)
    goto failed;
  memset (&ifr, 0, sizeof (ifr));
  g_strlcpy (ifr.ifr_name, "lo", sizeof (ifr.ifr_name));
  if (ioctl (fd, SIOCGIFFLAGS, &ifr) < 0)
    goto failed;
  ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
  if (ioctl (fd, SIOCSIFFLAGS, &ifr) < 0)
    goto failed;
  close (fd);
  return TRUE;

  /* ERRORS */
failed:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
      "cannot bring up lo: %s", g_strerror (saved));
  return FALSE;
}

/* a network namespace of our own, with loopback up and 30% of the UDP
 * datagrams it carries dropped; before any thread starts, as threads stay
 * in the namespace they were created in */
static void
set_up_lossy_network (void)
{
  static const gchar *const load[] = { "-f", "-", NULL };
  gchar *ruleset;

  nft_path = g_find_program_in_path ("nft");
  if (!nft_path && g_file_test ("/usr/sbin/nft", G_FILE_TEST_IS_EXECUTABLE))
    nft_path = g_strdup ("/usr/sbin/nft");
  if (!nft_path) {
    skip_reason = g_strdup ("nft not found: install nftables "
                            "(scripts/install-deps.sh does)");
    return;
  }

  if (unshare (CLONE_NEWNET) < 0) {
    skip_reason = g_strdup_printf ("cannot create a network namespace (%s): "
                                   "the loss test needs root",
        g_strerror (errno));
    return;
  }
  if (!bring_up_loopback (&setup_error))
    return;

  ruleset = g_strdup_printf ("table inet " NFT_TABLE " {\n"
                             "  chain input {\n"
                             "    type filter hook input priority 0;\n"
                             "    meta l4proto udp counter\n"
                             "    meta l4proto udp numgen random mod 10 < %d "
                             "counter drop\n"
                             "  }\n"
                             "}\n",
      LOSS_TENTHS);
  run_nft (load, ruleset, NULL, &setup_error);
  g_free (ruleset);
}

/* the UDP datagrams loopback delivered or dropped so far */
static void
read_counters (guint64 *seen, guint64 *dropped)
{
  static const gchar *const list[] = { "list", "chain", "inet", NFT_TABLE,
    "input", NULL };
  GError *error = NULL;
  gchar *out = NULL;
  GRegex *regex;
  GMatchInfo *match;
  guint64 values[2] = { 0, 0 };
  guint n = 0;

  g_assert_true (run_nft (list, NULL, &out, &error));
  g_assert_no_error (error);
  regex = g_regex_new ("counter packets ([0-9]+)", 0, 0, NULL);
  g_regex_match (regex, out, 0, &match);
  while (g_match_info_matches (match) && n < 2) {
    gchar *number = g_match_info_fetch (match, 1);

    values[n++] = g_ascii_strtoull (number, NULL, 10);
    g_free (number);
    g_match_info_next (match, NULL);
  }
  g_match_info_free (match);
  g_regex_unref (regex);
  g_free (out);
  g_assert_cmpuint (n, ==, 2);
  *seen = values[0];
  *dropped = values[1];
}

/* ---------------------------------------------------------------------- */
/* bob: answers every call, or rings */

static GstSipSdpNegotiator *
new_negotiator (void)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new ("127.0.0.1");

  gst_sip_sdp_negotiator_add_media (n, "audio", 40000, NULL);
  return n;
}

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, Loss *loss)
{
  GstSipSdpNegotiator *n = new_negotiator ();
  const gchar *call_id = gst_sip_call_get_call_id (call);
  GError *error = NULL;

  /* a retransmitted INVITE must never make a second call */
  if (g_hash_table_contains (loss->bob_calls, call_id))
    loss->n_duplicates++;
  else
    g_hash_table_insert (
        loss->bob_calls, g_strdup (call_id), g_object_ref (call));

  gst_sip_call_set_negotiator (call, n);
  g_object_unref (n);
  if (loss->params->cancel) {
    /* a 180 sent once per INVITE is lost often enough at 30% for alice to
     * give up on 1% of the calls (Timer B): RFC 3262 makes it reliable */
    g_object_set (call, "reliable-provisional", TRUE, NULL);
    g_assert_true (gst_sip_call_ring (call, FALSE, &error));
  } else {
    g_assert_true (gst_sip_call_answer (call, &error));
  }
  g_assert_no_error (error);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* alice: places the calls and hangs each up after a while */

static gboolean
hold_done (gpointer user_data)
{
  Caller *c = user_data;

  c->hold_source = 0;
  c->hung_up = TRUE;
  gst_sip_call_hangup (c->call);
  return G_SOURCE_REMOVE;
}

static void
on_caller_state (GstSipCall *call, GParamSpec *pspec, Caller *c)
{
  switch (gst_sip_call_get_state (call)) {
    case GST_SIP_CALL_STATE_RINGING:
      if (!c->ringing) {
        c->ringing = TRUE;
        c->hold_source = g_timeout_add (HOLD_MS, hold_done, c);
      }
      break;
    case GST_SIP_CALL_STATE_ESTABLISHED:
      if (!c->established) {
        c->established = TRUE;
        c->hold_source = g_timeout_add (HOLD_MS, hold_done, c);
      }
      break;
    case GST_SIP_CALL_STATE_ENDED:
      if (!c->ended) {
        c->ended = TRUE;
        c->loss->n_ended++;
        c->loss->n_active--;
        if (c->hold_source) {
          g_source_remove (c->hold_source);
          c->hold_source = 0;
        }
      }
      break;
    default:
      break;
  }
}

static void
dial_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError *error = NULL;

  /* the outcome shows in the call's state and status */
  gst_sip_call_dial_finish (GST_SIP_CALL (source), result, &error);
  g_clear_error (&error);
}

static void
caller_free (Caller *c)
{
  g_signal_handlers_disconnect_by_data (c->call, c);
  g_object_unref (c->call);
  g_free (c);
}

static void
start_call (Loss *loss)
{
  GstSipSdpNegotiator *n = new_negotiator ();
  Caller *c = g_new0 (Caller, 1);

  c->loss = loss;
  c->call = gst_sip_call_new (loss->alice, NULL);
  gst_sip_call_set_negotiator (c->call, n);
  g_object_unref (n);
  g_signal_connect (c->call, "notify::state", G_CALLBACK (on_caller_state), c);
  g_ptr_array_add (loss->callers, c);
  loss->n_started++;
  loss->n_active++;
  gst_sip_call_dial_async (c->call, loss->bob_uri, NULL, dial_done, NULL);
}

/* ---------------------------------------------------------------------- */

static GstSipUserAgent *
new_user_agent (
    GstSipTransportProtocol protocol, const gchar *from, guint *port)
{
  GstSipUserAgent *ua = gst_sip_test_user_agent_new (T1);
  GstSipTransport *transport;
  GError *error = NULL;

  g_object_set (ua, "from", from, NULL);
  transport =
      gst_sip_user_agent_add_transport (ua, protocol, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  if (port)
    *port = gst_sip_transport_get_port (transport);
  return ua;
}

static gboolean
all_quiet (gpointer user_data)
{
  Loss *loss = user_data;
  GstSipUserAgent *uas[2] = { loss->alice, loss->bob };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (uas); i++) {
    if (gst_sip_user_agent_get_n_transactions (uas[i]) ||
        gst_sip_user_agent_get_n_calls (uas[i]) ||
        _gst_sip_user_agent_get_n_dialogs (uas[i]))
      return FALSE;
  }
  return TRUE;
}

static gboolean
bob_calls_ended (gpointer user_data)
{
  Loss *loss = user_data;
  GHashTableIter iter;
  gpointer call;

  g_hash_table_iter_init (&iter, loss->bob_calls);
  while (g_hash_table_iter_next (&iter, NULL, &call)) {
    if (gst_sip_call_get_state (call) != GST_SIP_CALL_STATE_ENDED)
      return FALSE;
  }
  return TRUE;
}

static const gchar *
describe (GstSipCall *call, gchar *buf, gsize len)
{
  if (!call)
    return "never arrived";
  g_snprintf (buf, len, "state %d, %u %s", gst_sip_call_get_state (call),
      gst_sip_call_get_status_code (call),
      gst_sip_call_get_reason (call) ? gst_sip_call_get_reason (call) : "");
  return buf;
}

/* a call is complete when alice saw it established, hung it up, and both
 * ended it with the 200 to the BYE; a cancelled one when alice heard it
 * ring, cancelled it, and both ended it with the 487 to the INVITE */
static gboolean
call_completed (Loss *loss, Caller *c)
{
  GstSipCall *theirs =
      g_hash_table_lookup (loss->bob_calls, gst_sip_call_get_call_id (c->call));
  gboolean cancel = loss->params->cancel;
  guint code = cancel ? 487 : 200;
  gchar a[128], b[128];

  if ((cancel ? c->ringing && !c->established : c->established) && c->hung_up &&
      gst_sip_call_get_state (c->call) == GST_SIP_CALL_STATE_ENDED &&
      gst_sip_call_get_status_code (c->call) == code && theirs &&
      gst_sip_call_get_state (theirs) == GST_SIP_CALL_STATE_ENDED &&
      gst_sip_call_get_status_code (theirs) == code)
    return TRUE;

  g_test_message ("call %s incomplete: alice %s%s, bob %s",
      gst_sip_call_get_call_id (c->call), describe (c->call, a, sizeof (a)),
      c->established ? " (was established)" : "",
      describe (theirs, b, sizeof (b)));
  return FALSE;
}

static void
test_loss (gconstpointer data)
{
  const LossParams *params = data;
  gboolean udp = params->protocol == GST_SIP_TRANSPORT_PROTOCOL_UDP;
  Loss loss = { params };
  guint64 seen0, dropped0, seen, dropped;
  gint64 start, end, deadline;
  guint bob_port, completed = 0, i;

  if (skip_reason) {
    g_test_skip (skip_reason);
    return;
  }
  g_assert_no_error (setup_error);

  loss.alice = new_user_agent (
      params->protocol, "\"Alice\" <sip:alice@127.0.0.1>", NULL);
  loss.bob =
      new_user_agent (params->protocol, "<sip:bob@127.0.0.1>", &bob_port);
  loss.bob_uri = g_strdup_printf (
      "sip:bob@127.0.0.1:%u%s", bob_port, udp ? "" : ";transport=tcp");
  loss.callers = g_ptr_array_new_with_free_func ((GDestroyNotify) caller_free);
  loss.bob_calls =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_signal_connect (
      loss.bob, "incoming-call", G_CALLBACK (on_incoming_call), &loss);

  read_counters (&seen0, &dropped0);
  start = g_get_monotonic_time ();
  deadline = start + RUN_TIMEOUT_MS * 1000;

  /* params->in_flight calls at a time until all were placed and ended */
  while (loss.n_ended < params->n_calls && g_get_monotonic_time () < deadline) {
    while (
        loss.n_started < params->n_calls && loss.n_active < params->in_flight)
      start_call (&loss);
    g_main_context_iteration (NULL, TRUE);
  }
  end = g_get_monotonic_time ();
  g_assert_cmpuint (loss.n_ended, ==, params->n_calls);
  if (!gst_sip_test_wait (bob_calls_ended, &loss, QUIET_TIMEOUT_MS)) {
    GHashTableIter iter;
    gpointer call;
    gchar b[128];

    g_hash_table_iter_init (&iter, loss.bob_calls);
    while (g_hash_table_iter_next (&iter, NULL, &call)) {
      if (gst_sip_call_get_state (call) != GST_SIP_CALL_STATE_ENDED)
        g_test_message ("bob's call %s did not end: %s",
            gst_sip_call_get_call_id (call), describe (call, b, sizeof (b)));
    }
    g_error ("calls of bob did not end");
  }

  for (i = 0; i < loss.callers->len; i++) {
    if (call_completed (&loss, g_ptr_array_index (loss.callers, i)))
      completed++;
  }
  read_counters (&seen, &dropped);
  seen -= seen0;
  dropped -= dropped0;

  g_test_message ("%s: %u of %u calls completed (%.1f%%) in %.1f s, %u at a "
                  "time",
      udp ? (params->cancel ? "UDP, cancelled" : "UDP") : "TCP", completed,
      params->n_calls, 100.0 * completed / params->n_calls, (end - start) / 1e6,
      params->in_flight);
  g_test_message ("UDP datagrams on loopback: %" G_GUINT64_FORMAT
                  ", dropped %" G_GUINT64_FORMAT " (%.1f%%)",
      seen, dropped, seen ? 100.0 * dropped / seen : 0.0);

  g_assert_cmpuint (loss.n_duplicates, ==, 0);
  g_assert_cmpuint (completed, >=, params->min_complete);
  if (udp) {
    /* the filter saw every datagram, at least INVITE, 100, 200, ACK, BYE
     * and 200 per call, and dropped about 30% of them */
    g_assert_cmpuint (seen, >=, 6 * params->n_calls);
    g_assert_cmpfloat ((gdouble) dropped / seen, >, 0.2);
    g_assert_cmpfloat ((gdouble) dropped / seen, <, 0.4);
  } else {
    g_assert_cmpuint (seen, ==, 0);
  }

  /* once the timers ran, nothing is left on either side */
  if (!gst_sip_test_wait (all_quiet, &loss, QUIET_TIMEOUT_MS)) {
    g_error ("left over: alice %u transactions, %u calls, %u dialogs; "
             "bob %u transactions, %u calls, %u dialogs",
        gst_sip_user_agent_get_n_transactions (loss.alice),
        gst_sip_user_agent_get_n_calls (loss.alice),
        _gst_sip_user_agent_get_n_dialogs (loss.alice),
        gst_sip_user_agent_get_n_transactions (loss.bob),
        gst_sip_user_agent_get_n_calls (loss.bob),
        _gst_sip_user_agent_get_n_dialogs (loss.bob));
  }

  g_ptr_array_unref (loss.callers);
  g_hash_table_unref (loss.bob_calls);
  g_object_unref (loss.alice);
  g_object_unref (loss.bob);
  g_free (loss.bob_uri);
}

static gboolean
ring_only (GstSipUserAgent *ua, GstSipCall *call, gpointer user_data)
{
  GstSipSdpNegotiator *n = new_negotiator ();

  gst_sip_call_set_negotiator (call, n);
  g_object_unref (n);
  g_assert_true (gst_sip_call_ring (call, FALSE, NULL));
  return TRUE;
}

typedef struct
{
  GstSipCall *call;
  GstSipCallState state;
} StateWait;

static gboolean
has_state (gpointer user_data)
{
  StateWait *w = user_data;

  return gst_sip_call_get_state (w->call) == w->state;
}

static gboolean
alice_quiet (gpointer user_data)
{
  GstSipUserAgent *ua = user_data;

  return gst_sip_user_agent_get_n_transactions (ua) == 0 &&
      gst_sip_user_agent_get_n_calls (ua) == 0 &&
      _gst_sip_user_agent_get_n_dialogs (ua) == 0;
}

/* everything is lost once the callee rang: it vanished.  Neither the
 * CANCEL nor the INVITE get a final response, and the call must still end
 * 64*T1 after the CANCEL (RFC 3261 9.1) instead of waiting for ever.  Runs
 * without the namespace too: nothing is dropped on purpose. */
static void
test_cancel_unanswered (void)
{
  GstSipUserAgent *alice, *bob;
  GstSipSdpNegotiator *n = new_negotiator ();
  StateWait w;
  gchar *uri;
  guint port;
  gint64 hung_up;

  g_assert_no_error (setup_error);
  alice = new_user_agent (
      GST_SIP_TRANSPORT_PROTOCOL_UDP, "<sip:alice@127.0.0.1>", NULL);
  bob = new_user_agent (
      GST_SIP_TRANSPORT_PROTOCOL_UDP, "<sip:bob@127.0.0.1>", &port);
  g_signal_connect (bob, "incoming-call", G_CALLBACK (ring_only), NULL);
  uri = g_strdup_printf ("sip:bob@127.0.0.1:%u", port);

  w.call = gst_sip_call_new (alice, NULL);
  gst_sip_call_set_negotiator (w.call, n);
  g_object_unref (n);
  gst_sip_call_dial_async (w.call, uri, NULL, dial_done, NULL);
  w.state = GST_SIP_CALL_STATE_RINGING;
  g_assert_true (gst_sip_test_wait (has_state, &w, QUIET_TIMEOUT_MS));

  /* bob vanishes without a word: his calls and transactions go, and his
   * socket closes */
  g_object_run_dispose (G_OBJECT (bob));
  g_clear_object (&bob);
  hung_up = g_get_monotonic_time ();
  gst_sip_call_hangup (w.call);
  w.state = GST_SIP_CALL_STATE_ENDED;
  g_assert_true (gst_sip_test_wait (has_state, &w, QUIET_TIMEOUT_MS));
  g_assert_cmpint (g_get_monotonic_time () - hung_up, >=, 64 * T1 * 1000);
  g_assert_cmpuint (gst_sip_call_get_status_code (w.call), ==, 408);
  g_assert_true (gst_sip_test_wait (alice_quiet, alice, QUIET_TIMEOUT_MS));

  g_object_unref (w.call);
  g_object_unref (alice);
  g_free (uri);
}

int
main (int argc, char **argv)
{
  /* 200 calls, 20 at a time; at least 99% must go through */
  static const LossParams udp = { GST_SIP_TRANSPORT_PROTOCOL_UDP, 200, 20, 198,
    FALSE };
  /* and 200 calls cancelled while ringing: the reliable 180, PRACK,
   * CANCEL, their 200s, the 487 and its ACK are lost too */
  static const LossParams udp_cancel = { GST_SIP_TRANSPORT_PROTOCOL_UDP, 200,
    20, 198, TRUE };
  /* TCP in the same namespace: the filter leaves it alone, all must pass */
  static const LossParams tcp = { GST_SIP_TRANSPORT_PROTOCOL_TCP, 50, 10, 50,
    FALSE };
  int ret;

  g_test_init (&argc, &argv, NULL);
  set_up_lossy_network ();
  gst_init (NULL, NULL);

  g_test_add_data_func ("/loss/udp/calls", &udp, test_loss);
  g_test_add_data_func ("/loss/udp/cancel", &udp_cancel, test_loss);
  g_test_add_data_func ("/loss/tcp/calls", &tcp, test_loss);
  g_test_add_func ("/loss/udp/cancel-unanswered", test_cancel_unanswered);

  ret = g_test_run ();
  g_free (skip_reason);
  g_clear_error (&setup_error);
  g_free (nft_path);
  return ret;
}
