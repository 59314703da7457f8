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
 * transaction-bench: the cost of a SIP message must not depend on how many
 * transactions are live.  A user agent keeps every timer in one heap behind
 * one GSource (sip/sip-timer-private.h); this benchmark checks that 10,000
 * live transactions cost the same per message as 10, and shows what one
 * GSource per timer would cost instead.
 *
 * It measures, for each number N of live background transactions:
 *  - the CPU time a user agent spends per foreground message: OPTIONS
 *    requests coming in (server transaction created, answered 200 and
 *    ended by Timer J) and going out (client transaction sent, completed
 *    by an injected 200 and ended by Timer K), through the send function
 *    of gst_sip_user_agent_set_send_func() and
 *    gst_sip_user_agent_handle_message(), with one main-loop iteration per
 *    message received;
 *  - the same with one extra GSource per armed background timer attached
 *    to the user agent's main context, which is what a design with one
 *    GSource per transaction timer would add;
 *  - the timers alone: arm and cancel, and arm and fire, with N other
 *    timers armed, in the heap and as one GSource each.
 *
 * This is an on-demand benchmark, never a test: see bench/README.md.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sip/sip.h>
#include "sip/sip-user-agent-private.h"
#include "sip/sip-message-private.h"
#include "sip/sip-timer-private.h"

#ifndef BENCH_BUILDTYPE
#define BENCH_BUILDTYPE "unknown"
#endif

#define DEFAULT_SIZES "10,100,1000,10000"
#define DEFAULT_MESSAGES 200000
#define DEFAULT_NAIVE_MESSAGES 20000
#define DEFAULT_TIMER_OPS 200000
#define DEFAULT_NAIVE_TIMER_OPS 10000
#define DEFAULT_SLICES 100
#define DEFAULT_BATCH 16
#define MAX_BATCH 1024
/* instruction counts are exact, so fewer messages do */
#define INSTRUCTIONS_DIVISOR 10

/* what "the same cost" means: N = 10000 at most this much dearer than 10 */
#define TARGET_RATIO 1.2

/* the background timers, far beyond the end of any run */
#define BACKGROUND_DELAY_MS (3600 * 1000)
/* a timer armed and cancelled before it fires: Timer F at the default T1 */
#define CANCELLED_DELAY_MS (64 * 500)

/* --udp: Timer J = 64*T1 ends the server transactions of requests that
 * came over UDP about 200 ms after their 200.  (The requests the user agent
 * sends stay on TCP: over UDP, Timer E at such a T1 would retransmit them
 * whenever a batch takes longer than 3 ms.) */
#define UDP_T1 3
#define UDP_T2 (8 * UDP_T1)

typedef enum
{
  MEASURE_UA,
  MEASURE_UA_GSOURCES,
  MEASURE_HEAP_ARM_CANCEL,
  MEASURE_HEAP_ARM_FIRE,
  MEASURE_GSOURCE_ARM_CANCEL,
  MEASURE_GSOURCE_ARM_FIRE,
  N_MEASURES
} Measure;

static const struct
{
  const gchar *name;
  gboolean naive; /* one GSource per timer: fewer units */
  gboolean ua; /* needs a user agent */
} measures[N_MEASURES] = {
  { "ua", FALSE, TRUE },
  { "ua-gsources", TRUE, TRUE },
  { "heap-arm-cancel", FALSE, FALSE },
  { "heap-arm-fire", FALSE, FALSE },
  { "gsource-arm-cancel", TRUE, FALSE },
  { "gsource-arm-fire", TRUE, FALSE },
};

/* options */
static gint opt_messages = DEFAULT_MESSAGES;
static gint opt_naive_messages = DEFAULT_NAIVE_MESSAGES;
static gint opt_timer_ops = DEFAULT_TIMER_OPS;
static gint opt_naive_timer_ops = DEFAULT_NAIVE_TIMER_OPS;
static gint opt_slices = DEFAULT_SLICES;
static gint opt_batch = DEFAULT_BATCH;
static gboolean opt_udp;
static gboolean opt_csv;
static gboolean opt_instructions;
static gboolean opt_child;
static gchar **opt_sizes;
static gchar **opt_only;
static gchar *opt_valgrind;

static FILE *info_out;

static void info (const gchar *format, ...) G_GNUC_PRINTF (1, 2);

static void
info (const gchar *format, ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (info_out, format, args);
  va_end (args);
}

static gint64
cpu_time_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

typedef void (*BenchFunc) (gpointer data);

/* Everything that is timed runs inside this function, and nothing else
 * does: under callgrind, --toggle-collect='bench_collect*' counts exactly
 * the timed work (--instructions).  Warm-up calls the same functions
 * directly. */
static volatile guint collected_calls;

static G_GNUC_NO_INLINE void
bench_collect (BenchFunc func, gpointer data)
{
  func (data);
  /* not a tail call: callgrind must see the call return here */
  collected_calls++;
}

static gint64
timed (BenchFunc func, gpointer data)
{
  gint64 start = cpu_time_ns ();

  bench_collect (func, data);
  return cpu_time_ns () - start;
}

/* ------------------------------------------------------------------------ */
/* The user agent                                                           */

typedef struct
{
  GMainContext *context;
  GstSipUserAgent *ua;
  guint n_background;
  guint n_background_timers;
  guint64 n_sent; /* counted by the send function */
  guint invite_answer; /* what on_invite() answers, 0 for nothing */
  gchar *invite_tag; /* the To tag of that answer */
  GPtrArray *gsources; /* stand-ins for per-timer GSources */
} Bench;

static gboolean
count_send (GstSipUserAgent *ua, GstSipMessage *message, gpointer user_data)
{
  ((Bench *) user_data)->n_sent++;
  return TRUE;
}

static gboolean
on_invite (GstSipUserAgent *ua, GstSipServerTransaction *tx, Bench *b)
{
  GError *error = NULL;

  if (b->invite_answer == 0)
    return TRUE;

  if (!gst_sip_server_transaction_reply (tx, b->invite_answer, NULL, &error))
    g_error ("could not answer a background INVITE: %s", error->message);
  g_free (b->invite_tag);
  b->invite_tag = g_strdup (gst_sip_server_transaction_get_local_tag (tx));
  return TRUE;
}

static GstSipMessage *
parse (gchar *text)
{
  GError *error = NULL;
  GstSipMessage *msg;

  msg = gst_sip_message_new_from_bytes (
      (const guint8 *) text, strlen (text), &error);
  if (!msg)
    g_error ("a benchmark message does not parse: %s", error->message);
  g_free (text);
  return msg;
}

static GstSipMessage *
new_request (const gchar *method, const gchar *uri_text)
{
  GstSipUri *uri = gst_sip_uri_new (uri_text, NULL);
  GstSipMessage *request = gst_sip_message_new_request (method, uri);

  gst_sip_uri_free (uri);
  return request;
}

/* what the far end answers to a request the user agent sent */
static GstSipMessage *
new_response (GstSipMessage *request, guint code)
{
  GstSipMessage *response =
      gst_sip_message_new_response_for_request (request, code, NULL);

  gst_sip_message_set_to_tag (response, "peer");
  return response;
}

static void
inject (Bench *b, GstSipMessage *msg)
{
  gst_sip_user_agent_handle_message (b->ua, msg);
  gst_sip_message_unref (msg);
}

static GstSipMessage *
send_and_wait (Bench *b, const gchar *method, const gchar *uri)
{
  GstSipMessage *request = new_request (method, uri);
  GstSipClientTransaction *tx;
  GError *error = NULL;

  tx = gst_sip_user_agent_send_request (b->ua, request, &error);
  if (!tx)
    g_error ("could not send a background %s: %s", method, error->message);
  g_object_unref (tx);
  return request;
}

#define BACKGROUND_REQUEST(method)                                \
  method " sip:bench@192.0.2.2 SIP/2.0\r\n"                       \
         "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKbg%u\r\n" \
         "Max-Forwards: 70\r\n"                                   \
         "From: <sip:peer@192.0.2.1>;tag=bg%u\r\n"                \
         "To: <sip:bench@192.0.2.2>%s%s\r\n"                      \
         "Call-ID: bg%u@192.0.2.1\r\n"                            \
         "CSeq: 1 " method "\r\n"                                 \
         "Content-Length: 0\r\n\r\n"

static guint background_serial;

/* how many of @n background transactions have a timer armed */
static guint
background_timers (guint n)
{
  return n / 4 * 2 + (n % 4 > 2 ? n % 4 - 2 : 0);
}

/* The background: @n transactions that stay live without any timer firing
 * during the run, a quarter of each kind:
 *  0. an INVITE server transaction the application holds in Proceeding
 *     (the user agent sent 100 Trying): no timer;
 *  1. an INVITE client transaction that received 180: Proceeding, no
 *     timer (RFC 3261 17.1.1.2: no Timer B once a provisional arrived);
 *  2. an OPTIONS client transaction that received 200 over UDP: Completed,
 *     Timer K = T4 armed;
 *  3. an INVITE server transaction answered 486 and acknowledged over UDP:
 *     Confirmed, Timer I = T4 armed.
 * T4 is an hour while they are set up. */
static void
add_background (Bench *b, guint n)
{
  GstSipTimerQueue *timers = _gst_sip_user_agent_get_timers (b->ua);
  guint i, serial;
  GstSipMessage *request;

  g_object_set (b->ua, "t4", (guint) BACKGROUND_DELAY_MS, NULL);
  for (i = 0; i < n; i++) {
    switch (i % 4) {
      case 0:
        serial = background_serial++;
        b->invite_answer = 0;
        inject (b,
            parse (g_strdup_printf (BACKGROUND_REQUEST ("INVITE"), serial,
                serial, "", "", serial)));
        break;
      case 1:
        request = send_and_wait (b, "INVITE", "sip:peer@192.0.2.1");
        inject (b, new_response (request, 180));
        gst_sip_message_unref (request);
        break;
      case 2:
        request = send_and_wait (b, "OPTIONS", "sip:peer@192.0.2.1");
        inject (b, new_response (request, 200));
        gst_sip_message_unref (request);
        b->n_background_timers++;
        break;
      default:
        serial = background_serial++;
        b->invite_answer = 486;
        inject (b,
            parse (g_strdup_printf (BACKGROUND_REQUEST ("INVITE"), serial,
                serial, "", "", serial)));
        inject (b,
            parse (g_strdup_printf (BACKGROUND_REQUEST ("ACK"), serial, serial,
                ";tag=", b->invite_tag, serial)));
        b->n_background_timers++;
        break;
    }
  }
  b->invite_answer = 0;

  if (gst_sip_user_agent_get_n_transactions (b->ua) != n ||
      _gst_sip_timer_queue_get_size (timers) != b->n_background_timers ||
      b->n_background_timers != background_timers (n))
    g_error ("background: %u transactions and %u timers instead of %u and %u",
        gst_sip_user_agent_get_n_transactions (b->ua),
        _gst_sip_timer_queue_get_size (timers), n, b->n_background_timers);
  b->n_background = n;
}

static Bench *
bench_new (guint n)
{
  Bench *b = g_new0 (Bench, 1);

  b->context = g_main_context_new ();
  g_main_context_push_thread_default (b->context);
  b->ua = gst_sip_user_agent_new ();
  g_main_context_pop_thread_default (b->context);
  if (opt_udp)
    g_object_set (b->ua, "t1", UDP_T1, "t2", UDP_T2, NULL);
  gst_sip_user_agent_set_send_func (b->ua, count_send, b, NULL);
  gst_sip_user_agent_add_allowed_method (b->ua, "INVITE");
  g_signal_connect (
      b->ua, "incoming-request::INVITE", G_CALLBACK (on_invite), b);
  b->gsources = g_ptr_array_new ();

  add_background (b, n);
  return b;
}

static void
bench_free (Bench *b)
{
  g_assert (b->gsources->len == 0);
  g_ptr_array_unref (b->gsources);
  g_object_unref (b->ua);
  g_free (b->invite_tag);
  g_main_context_unref (b->context);
  g_free (b);
}

static gboolean
never_called (gpointer user_data)
{
  g_error ("a background timer fired");
  return G_SOURCE_REMOVE;
}

/* one GSource per armed background timer, with the same deadlines */
static void
attach_gsources (Bench *b)
{
  guint i;

  for (i = 0; i < b->n_background_timers; i++) {
    GSource *source = g_timeout_source_new (BACKGROUND_DELAY_MS + i);

    g_source_set_callback (source, never_called, NULL, NULL);
    g_source_attach (source, b->context);
    g_ptr_array_add (b->gsources, source);
  }
}

static void
detach_gsources (Bench *b)
{
  guint i;

  for (i = 0; i < b->gsources->len; i++) {
    GSource *source = g_ptr_array_index (b->gsources, i);

    g_source_destroy (source);
    g_source_unref (source);
  }
  g_ptr_array_set_size (b->gsources, 0);
}

/* the foreground, in batches: the messages from the far end are built
 * outside the timed part, and only the user agent's work is timed */
typedef struct
{
  Bench *b;
  guint n;
  GstSipMessage **out; /* OPTIONS to send, then as sent */
  GstSipMessage **in; /* OPTIONS from the far end */
  GstSipMessage **answers; /* 200 to the OPTIONS sent */
} Batch;

#define FOREGROUND_REQUEST                                \
  "OPTIONS sip:bench@192.0.2.2 SIP/2.0\r\n"               \
  "Via: SIP/2.0/%s 192.0.2.1:5060;branch=z9hG4bKfg%u\r\n" \
  "Max-Forwards: 70\r\n"                                  \
  "From: <sip:peer@192.0.2.1>;tag=fg%u\r\n"               \
  "To: <sip:bench@192.0.2.2>\r\n"                         \
  "Call-ID: fg%u@192.0.2.1\r\n"                           \
  "CSeq: 1 OPTIONS\r\n"                                   \
  "Accept: application/sdp\r\n"                           \
  "Content-Length: 0\r\n\r\n"

static guint foreground_serial;

static void
batch_prepare (Batch *batch)
{
  const gchar *transport = opt_udp ? "UDP" : "TCP";
  guint i;

  for (i = 0; i < batch->n; i++) {
    guint serial = foreground_serial++;

    batch->out[i] = new_request ("OPTIONS", "sip:peer@192.0.2.1;transport=tcp");
    batch->in[i] = parse (g_strdup_printf (
        FOREGROUND_REQUEST, transport, serial, serial, serial));
    /* where it arrived: on a stream, Timer J is zero */
    _gst_sip_message_set_origin (batch->in[i],
        opt_udp ? GST_SIP_TRANSPORT_PROTOCOL_UDP
                : GST_SIP_TRANSPORT_PROTOCOL_TCP,
        NULL, NULL, NULL, NULL);
  }
}

/* timed: the application sends its requests */
static void
batch_send (gpointer data)
{
  Batch *batch = data;
  GstSipUserAgent *ua = batch->b->ua;
  GError *error = NULL;
  guint i;

  for (i = 0; i < batch->n; i++) {
    GstSipClientTransaction *tx;

    tx = gst_sip_user_agent_send_request (ua, batch->out[i], &error);
    if (!tx)
      g_error ("could not send: %s", error->message);
    g_object_unref (tx);
  }
}

static void
batch_answer (Batch *batch)
{
  guint i;

  for (i = 0; i < batch->n; i++)
    batch->answers[i] = new_response (batch->out[i], 200);
}

/* timed: requests and responses arrive, one main-loop iteration each */
static void
batch_receive (gpointer data)
{
  Batch *batch = data;
  GstSipUserAgent *ua = batch->b->ua;
  GMainContext *context = batch->b->context;
  guint i;

  for (i = 0; i < batch->n; i++) {
    gst_sip_user_agent_handle_message (ua, batch->in[i]);
    gst_sip_message_unref (batch->in[i]);
    g_main_context_iteration (context, FALSE);

    gst_sip_user_agent_handle_message (ua, batch->answers[i]);
    gst_sip_message_unref (batch->answers[i]);
    gst_sip_message_unref (batch->out[i]);
    g_main_context_iteration (context, FALSE);
  }
}

typedef struct
{
  gdouble ns_per_message;
  gdouble live; /* mean live transactions */
  gdouble timers; /* mean armed timers in the heap */
  guint64 messages;
} UaResult;

/* @n_messages foreground messages received: half requests, half responses */
static void
run_foreground (Bench *b, guint n_messages, gboolean timing, UaResult *res)
{
  GstSipTimerQueue *timers = _gst_sip_user_agent_get_timers (b->ua);
  guint n_exchanges = MAX (n_messages / 2, 1), done = 0, n_batches = 0;
  gint64 elapsed = 0;
  gdouble live = 0, armed = 0;
  guint64 sent_before = b->n_sent;
  Batch batch;

  batch.b = b;
  batch.out = g_new (GstSipMessage *, opt_batch);
  batch.in = g_new (GstSipMessage *, opt_batch);
  batch.answers = g_new (GstSipMessage *, opt_batch);

  while (done < n_exchanges) {
    batch.n = MIN ((guint) opt_batch, n_exchanges - done);
    batch_prepare (&batch);
    if (timing)
      elapsed += timed (batch_send, &batch);
    else
      batch_send (&batch);
    batch_answer (&batch);
    if (timing)
      elapsed += timed (batch_receive, &batch);
    else
      batch_receive (&batch);
    done += batch.n;

    live += gst_sip_user_agent_get_n_transactions (b->ua);
    armed += _gst_sip_timer_queue_get_size (timers);
    n_batches++;
  }

  g_free (batch.out);
  g_free (batch.in);
  g_free (batch.answers);

  /* each exchange sends an OPTIONS and a 200, nothing else */
  if (b->n_sent - sent_before != 2 * (guint64) n_exchanges)
    g_error ("the user agent sent %" G_GUINT64_FORMAT " messages instead of %u"
             " (a retransmission?)",
        b->n_sent - sent_before, 2 * n_exchanges);
  if (gst_sip_user_agent_get_n_transactions (b->ua) < b->n_background)
    g_error ("a background transaction ended");

  if (res) {
    res->messages = 2 * (guint64) n_exchanges;
    res->ns_per_message = (gdouble) elapsed / res->messages;
    res->live = live / n_batches;
    res->timers = armed / n_batches;
  }
}

/* ------------------------------------------------------------------------ */
/* The timers alone                                                         */

typedef struct
{
  GMainContext *context;
  guint n_ops;
  guint fired;
  /* the heap */
  GstSipTimerQueue *queue;
  GstSipTimer *background;
  GstSipTimer timer;
  /* one GSource per timer */
  GPtrArray *sources;
} TimerBench;

static void
heap_never_fires (gpointer user_data)
{
  g_error ("a background timer fired");
}

static void
heap_fired (gpointer user_data)
{
  ((TimerBench *) user_data)->fired++;
}

static gboolean
gsource_fired (gpointer user_data)
{
  ((TimerBench *) user_data)->fired++;
  return G_SOURCE_REMOVE;
}

static TimerBench *
timer_bench_new (guint n, gboolean heap)
{
  TimerBench *t = g_new0 (TimerBench, 1);
  guint i;

  t->context = g_main_context_new ();
  if (heap) {
    t->queue = _gst_sip_timer_queue_new (t->context, NULL);
    t->background = g_new (GstSipTimer, MAX (n, 1));
    for (i = 0; i < n; i++) {
      _gst_sip_timer_init (&t->background[i], heap_never_fires, NULL);
      _gst_sip_timer_queue_schedule (
          t->queue, &t->background[i], BACKGROUND_DELAY_MS + i);
    }
    _gst_sip_timer_init (&t->timer, heap_fired, t);
  } else {
    t->sources = g_ptr_array_new ();
    for (i = 0; i < n; i++) {
      GSource *source = g_timeout_source_new (BACKGROUND_DELAY_MS + i);

      g_source_set_callback (source, never_called, NULL, NULL);
      g_source_attach (source, t->context);
      g_ptr_array_add (t->sources, source);
    }
  }
  return t;
}

static void
timer_bench_free (TimerBench *t)
{
  guint i;

  if (t->queue) {
    _gst_sip_timer_queue_free (t->queue);
    g_free (t->background);
  }
  if (t->sources) {
    for (i = 0; i < t->sources->len; i++) {
      GSource *source = g_ptr_array_index (t->sources, i);

      g_source_destroy (source);
      g_source_unref (source);
    }
    g_ptr_array_unref (t->sources);
  }
  g_main_context_unref (t->context);
  g_free (t);
}

/* arm a timer that would fire before all the others, and cancel it */
static void
heap_arm_cancel (gpointer data)
{
  TimerBench *t = data;
  guint i;

  for (i = 0; i < t->n_ops; i++) {
    _gst_sip_timer_queue_schedule (t->queue, &t->timer, CANCELLED_DELAY_MS);
    _gst_sip_timer_queue_cancel (t->queue, &t->timer);
  }
}

/* arm a timer that is due at once, and iterate the main context */
static void
heap_arm_fire (gpointer data)
{
  TimerBench *t = data;
  guint i;

  for (i = 0; i < t->n_ops; i++) {
    _gst_sip_timer_queue_schedule (t->queue, &t->timer, 0);
    g_main_context_iteration (t->context, FALSE);
  }
}

static void
gsource_arm_cancel (gpointer data)
{
  TimerBench *t = data;
  guint i;

  for (i = 0; i < t->n_ops; i++) {
    GSource *source = g_timeout_source_new (CANCELLED_DELAY_MS);

    g_source_set_callback (source, gsource_fired, t, NULL);
    g_source_attach (source, t->context);
    g_source_destroy (source);
    g_source_unref (source);
  }
}

static void
gsource_arm_fire (gpointer data)
{
  TimerBench *t = data;
  guint i;

  for (i = 0; i < t->n_ops; i++) {
    GSource *source = g_timeout_source_new (0);

    g_source_set_callback (source, gsource_fired, t, NULL);
    g_source_attach (source, t->context);
    g_main_context_iteration (t->context, FALSE);
    g_source_unref (source);
  }
}

static TimerBench *
timer_bench_for (Measure m, guint n)
{
  return timer_bench_new (
      n, m == MEASURE_HEAP_ARM_CANCEL || m == MEASURE_HEAP_ARM_FIRE);
}

/* one slice of @n_ops operations; returns CPU nanoseconds per operation */
static gdouble
run_timers (Measure m, TimerBench *t, guint n_ops, gboolean timing)
{
  gboolean fires = m == MEASURE_HEAP_ARM_FIRE || m == MEASURE_GSOURCE_ARM_FIRE;
  BenchFunc func;
  gint64 elapsed = 0;

  switch (m) {
    case MEASURE_HEAP_ARM_CANCEL:
      func = heap_arm_cancel;
      break;
    case MEASURE_HEAP_ARM_FIRE:
      func = heap_arm_fire;
      break;
    case MEASURE_GSOURCE_ARM_CANCEL:
      func = gsource_arm_cancel;
      break;
    default:
      func = gsource_arm_fire;
      break;
  }

  t->n_ops = n_ops;
  t->fired = 0;
  if (timing)
    elapsed = timed (func, t);
  else
    func (t);
  if (t->fired != (fires ? n_ops : 0))
    g_error ("%s: %u timers fired instead of %u", measures[m].name, t->fired,
        fires ? n_ops : 0);

  return (gdouble) elapsed / n_ops;
}

/* ------------------------------------------------------------------------ */
/* Running                                                                  */

/* One measurement for one N.  All of them live at once, and their timed
 * slices take turns, so that a change in the load of the machine hits
 * every N alike. */
typedef struct
{
  Measure m;
  guint size_index;
  guint n; /* live background transactions or timers */
  guint slice; /* messages or operations per slice */
  Bench *bench;
  TimerBench *timers;
  GArray *samples; /* gdouble: ns per unit, one per slice */
  guint64 units; /* timed messages or operations */
  gdouble live, armed; /* sums over the slices */
  guint sources;
} Subject;

typedef struct
{
  gdouble value; /* median ns (or instructions) per unit */
  gdouble min;
  gdouble live;
  gdouble timers;
  guint sources;
} Result;

static guint
units_for (Measure m)
{
  gint n;

  if (measures[m].ua)
    n = measures[m].naive ? opt_naive_messages : opt_messages;
  else
    n = measures[m].naive ? opt_naive_timer_ops : opt_timer_ops;
  if (opt_instructions)
    n = MAX (n / INSTRUCTIONS_DIVISOR, 1);
  return n;
}

static Subject *
subject_new (Measure m, guint size_index, guint n)
{
  Subject *sub = g_new0 (Subject, 1);
  guint units = units_for (m);

  sub->m = m;
  sub->size_index = size_index;
  sub->n = n;
  sub->samples = g_array_new (FALSE, FALSE, sizeof (gdouble));
  if (measures[m].ua) {
    /* whole exchanges: a request in and a response in */
    sub->slice = MAX (units / opt_slices / 2, 1) * 2;
    sub->bench = bench_new (n);
    if (m == MEASURE_UA_GSOURCES)
      attach_gsources (sub->bench);
    sub->sources = sub->bench->gsources->len;
  } else {
    sub->slice = MAX (units / opt_slices, 1);
    sub->timers = timer_bench_for (m, n);
    sub->sources = measures[m].naive ? n : 0;
  }
  return sub;
}

static void
subject_free (Subject *sub)
{
  if (sub->bench) {
    detach_gsources (sub->bench);
    bench_free (sub->bench);
  }
  if (sub->timers)
    timer_bench_free (sub->timers);
  g_array_unref (sub->samples);
  g_free (sub);
}

static void
subject_run_slice (Subject *sub, gboolean timing)
{
  gdouble ns;

  if (sub->bench) {
    UaResult res;

    run_foreground (sub->bench, sub->slice, timing, &res);
    ns = res.ns_per_message;
    sub->live += res.live;
    sub->armed += res.timers;
  } else {
    ns = run_timers (sub->m, sub->timers, sub->slice, timing);
  }
  if (timing) {
    g_array_append_val (sub->samples, ns);
    sub->units += sub->slice;
  }
}

static gint
compare_double (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

static void
subject_result (Subject *sub, Result *r)
{
  GArray *v = sub->samples;
  guint n = v->len;

  g_array_sort (v, compare_double);
  r->value = n % 2 ? g_array_index (v, gdouble, n / 2)
                   : (g_array_index (v, gdouble, n / 2 - 1) +
                         g_array_index (v, gdouble, n / 2)) /
          2;
  r->min = g_array_index (v, gdouble, 0);
  r->live = sub->live / (n + 1);
  r->timers = sub->armed / (n + 1);
  r->sources = sub->sources;
}

/* every selected measurement for every N, slices taking turns */
static void
run_all (const guint *sizes, guint n_sizes, const gboolean *selected,
    Result **results)
{
  GPtrArray *subjects = g_ptr_array_new ();
  guint s, k, j;
  Measure m;

  for (s = 0; s < n_sizes; s++) {
    for (m = 0; m < N_MEASURES; m++) {
      if (selected[m])
        g_ptr_array_add (subjects, subject_new (m, s, sizes[s]));
    }
  }

  /* an untimed slice each first, then the timed ones in rotating order */
  for (k = 0; k <= (guint) opt_slices; k++) {
    if (!opt_child && k % 10 == 0)
      info ("slice %u/%d\n", k, opt_slices);
    for (j = 0; j < subjects->len; j++) {
      Subject *sub = g_ptr_array_index (subjects, (j + k) % subjects->len);

      subject_run_slice (sub, k > 0);
    }
  }

  for (j = 0; j < subjects->len; j++) {
    Subject *sub = g_ptr_array_index (subjects, j);

    subject_result (sub, &results[sub->size_index][sub->m]);
    if (opt_child)
      g_print ("units=%" G_GUINT64_FORMAT "\n", sub->units);
    subject_free (sub);
  }
  g_ptr_array_unref (subjects);
}

static guint64
match_number (GRegex *regex, const gchar *text)
{
  GMatchInfo *match = NULL;
  guint64 n = 0;

  if (g_regex_match (regex, text, 0, &match)) {
    gchar *digits = g_match_info_fetch (match, 1);

    n = g_ascii_strtoull (digits, NULL, 10);
    g_free (digits);
  }
  g_match_info_free (match);
  return n;
}

/* The instruction counts: each measurement again, alone in its own process
 * under callgrind, which collects only inside bench_collect().  Counting
 * instructions is exact, so one pass of a tenth of the units does. */
static gboolean
run_instructions (const guint *sizes, guint n_sizes, const gboolean *selected,
    Result **results)
{
  gchar *self = g_file_read_link ("/proc/self/exe", NULL);
  GRegex *collected = g_regex_new ("Collected\\s*:\\s*([0-9]+)", 0, 0, NULL);
  GRegex *units_re = g_regex_new ("units=([0-9]+)", 0, 0, NULL);
  gboolean ok = TRUE;
  guint s;
  Measure m;

  if (!self) {
    g_printerr ("transaction-bench: cannot find its own executable\n");
    return FALSE;
  }

  for (s = 0; s < n_sizes && ok; s++) {
    for (m = 0; m < N_MEASURES && ok; m++) {
      GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
      gchar *out = NULL, *err = NULL;
      GError *error = NULL;
      gint status;
      guint64 units, ir;

      if (!selected[m])
        continue;

      g_ptr_array_add (argv, g_strdup (opt_valgrind));
      g_ptr_array_add (argv, g_strdup ("--tool=callgrind"));
      g_ptr_array_add (argv, g_strdup ("--collect-atstart=no"));
      g_ptr_array_add (argv, g_strdup ("--toggle-collect=bench_collect*"));
      g_ptr_array_add (argv, g_strdup ("--callgrind-out-file=/dev/null"));
      g_ptr_array_add (argv, g_strdup (self));
      g_ptr_array_add (argv, g_strdup ("--child"));
      g_ptr_array_add (argv, g_strdup ("--instructions"));
      g_ptr_array_add (argv, g_strdup_printf ("--only=%s", measures[m].name));
      g_ptr_array_add (argv, g_strdup_printf ("--live=%u", sizes[s]));
      g_ptr_array_add (argv, g_strdup_printf ("--messages=%d", opt_messages));
      g_ptr_array_add (
          argv, g_strdup_printf ("--naive-messages=%d", opt_naive_messages));
      g_ptr_array_add (argv, g_strdup_printf ("--timer-ops=%d", opt_timer_ops));
      g_ptr_array_add (
          argv, g_strdup_printf ("--naive-timer-ops=%d", opt_naive_timer_ops));
      g_ptr_array_add (argv, g_strdup_printf ("--batch=%d", opt_batch));
      g_ptr_array_add (argv, g_strdup_printf ("--slices=%d", opt_slices));
      if (opt_udp)
        g_ptr_array_add (argv, g_strdup ("--udp"));
      g_ptr_array_add (argv, NULL);

      info ("  %s, N = %u\n", measures[m].name, sizes[s]);
      if (!g_spawn_sync (NULL, (gchar **) argv->pdata, NULL,
              G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error)) {
        g_printerr ("transaction-bench: cannot run %s: %s\n", opt_valgrind,
            error->message);
        g_error_free (error);
        ok = FALSE;
      } else if (!g_spawn_check_wait_status (status, &error)) {
        g_printerr ("transaction-bench: %s under callgrind failed: %s\n%s",
            measures[m].name, error->message, err);
        g_error_free (error);
        ok = FALSE;
      } else {
        ir = match_number (collected, err);
        units = match_number (units_re, out);
        if (ir == 0 || units == 0) {
          g_printerr ("transaction-bench: no instruction count from "
                      "callgrind:\n%s",
              err);
          ok = FALSE;
        } else {
          results[s][m].value = results[s][m].min = (gdouble) ir / units;
          results[s][m].sources = measures[m].naive
              ? (measures[m].ua ? background_timers (sizes[s]) : sizes[s])
              : 0;
        }
      }
      g_free (out);
      g_free (err);
      g_ptr_array_unref (argv);
    }
  }

  g_regex_unref (collected);
  g_regex_unref (units_re);
  g_free (self);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Reporting                                                                */

static gdouble
ratio (Result **results, guint s, Measure m)
{
  return results[0][m].value > 0 ? results[s][m].value / results[0][m].value
                                 : 0;
}

static void
print_csv (const guint *sizes, guint n_sizes, const gboolean *selected,
    Result **results)
{
  guint s;
  Measure m;

  g_print ("measure,n,%s,min,ratio,live_transactions,heap_timers,gsources\n",
      opt_instructions ? "instructions_per_unit" : "median_ns_per_unit");
  for (m = 0; m < N_MEASURES; m++) {
    if (!selected[m])
      continue;
    for (s = 0; s < n_sizes; s++)
      g_print ("%s,%u,%.1f,%.1f,%.3f,%.0f,%.0f,%u\n", measures[m].name,
          sizes[s], results[s][m].value, results[s][m].min,
          ratio (results, s, m), results[s][m].live, results[s][m].timers,
          results[s][m].sources);
  }
}

/* "  12.34  1.00" for one measurement, or dashes */
static void
print_cell (Result **results, guint s, Measure m, const gboolean *selected,
    gdouble scale, gint digits)
{
  if (!selected[m] || results[s][m].value == 0) {
    g_print ("  %8s %5s", "-", "-");
    return;
  }
  g_print ("  %8.*f %5.2f", digits, results[s][m].value / scale,
      ratio (results, s, m));
}

static void
print_tables (const guint *sizes, guint n_sizes, const gboolean *selected,
    Result **results)
{
  /* µs per message, or instructions per message */
  gdouble ua_scale = opt_instructions ? 1 : 1000;
  gint ua_digits = opt_instructions ? 0 : 2;
  const gchar *ua_unit = opt_instructions ? "Ir/msg" : "us/msg";
  const gchar *unit = opt_instructions ? "Ir" : "ns";
  guint s, last = n_sizes - 1;

  if (selected[MEASURE_UA] || selected[MEASURE_UA_GSOURCES]) {
    g_print ("\nUser agent: %s per foreground message, N live background "
             "transactions\n",
        opt_instructions ? "instructions" : "CPU time (median of the slices)");
    g_print ("%7s %8s %6s  %14s  %8s %14s\n", "", "live", "heap", "timer heap",
        "", "GSource/timer");
    g_print ("%7s %8s %6s  %8s %5s  %8s %8s %5s\n", "N", "tx", "timers",
        ua_unit, "ratio", "GSources", ua_unit, "ratio");
    for (s = 0; s < n_sizes; s++) {
      Result *r =
          &results[s][selected[MEASURE_UA] ? MEASURE_UA : MEASURE_UA_GSOURCES];

      if (opt_instructions)
        g_print ("%7u %8s %6s", sizes[s], "", "");
      else
        g_print ("%7u %8.0f %6.0f", sizes[s], r->live, r->timers);
      print_cell (results, s, MEASURE_UA, selected, ua_scale, ua_digits);
      g_print ("  %8u", results[s][MEASURE_UA_GSOURCES].sources);
      print_cell (
          results, s, MEASURE_UA_GSOURCES, selected, ua_scale, ua_digits);
      g_print ("\n");
    }
  }

  if (selected[MEASURE_HEAP_ARM_CANCEL] || selected[MEASURE_HEAP_ARM_FIRE] ||
      selected[MEASURE_GSOURCE_ARM_CANCEL] ||
      selected[MEASURE_GSOURCE_ARM_FIRE]) {
    g_print ("\nTimers alone: %s per operation, N other timers armed\n",
        opt_instructions ? "instructions" : "CPU ns (median of the slices)");
    g_print ("%7s  %14s  %14s  %14s  %14s\n", "", "heap", "heap", "GSource",
        "GSource");
    g_print ("%7s  %14s  %14s  %14s  %14s\n", "", "arm+cancel", "arm+fire",
        "arm+cancel", "arm+fire");
    g_print ("%7s  %8s %5s  %8s %5s  %8s %5s  %8s %5s\n", "N", unit, "ratio",
        unit, "ratio", unit, "ratio", unit, "ratio");
    for (s = 0; s < n_sizes; s++) {
      g_print ("%7u", sizes[s]);
      print_cell (results, s, MEASURE_HEAP_ARM_CANCEL, selected, 1, 0);
      print_cell (results, s, MEASURE_HEAP_ARM_FIRE, selected, 1, 0);
      print_cell (results, s, MEASURE_GSOURCE_ARM_CANCEL, selected, 1, 0);
      print_cell (results, s, MEASURE_GSOURCE_ARM_FIRE, selected, 1, 0);
      g_print ("\n");
    }
  }

  if (n_sizes > 1 && selected[MEASURE_UA] && results[0][MEASURE_UA].value) {
    gdouble r = ratio (results, last, MEASURE_UA);

    g_print ("\nuser agent with %u live transactions: %.2fx the cost per "
             "message of %u (target <= %.2f): %s\n",
        sizes[last], r, sizes[0], TARGET_RATIO,
        r <= TARGET_RATIO ? "OK" : "NOT MET");
    if (!opt_instructions)
      g_print ("(medians; the fastest slices give %.2fx)\n",
          results[last][MEASURE_UA].min / results[0][MEASURE_UA].min);
    if (selected[MEASURE_UA_GSOURCES] && results[0][MEASURE_UA_GSOURCES].value)
      g_print ("with one GSource per armed timer instead: %.2fx\n",
          ratio (results, last, MEASURE_UA_GSOURCES));
  }
}

/* ------------------------------------------------------------------------ */

static gboolean
parse_sizes (GArray *sizes)
{
  gchar *joined =
      opt_sizes ? g_strjoinv (",", opt_sizes) : g_strdup (DEFAULT_SIZES);
  gchar **parts = g_strsplit (joined, ",", -1);
  gboolean ok = TRUE;
  guint i;

  for (i = 0; parts[i] && ok; i++) {
    guint64 n;

    if (!*parts[i])
      continue;
    if (!g_ascii_string_to_unsigned (parts[i], 10, 1, 1000000, &n, NULL)) {
      g_printerr ("transaction-bench: bad N '%s'\n", parts[i]);
      ok = FALSE;
    } else {
      guint v = n;

      g_array_append_val (sizes, v);
    }
  }
  g_strfreev (parts);
  g_free (joined);
  return ok && sizes->len > 0;
}

static gint
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static gboolean
parse_only (gboolean *selected)
{
  gchar *joined;
  gchar **parts;
  gboolean ok = TRUE;
  guint i;
  Measure m;

  for (m = 0; m < N_MEASURES; m++)
    selected[m] = opt_only == NULL;
  if (!opt_only)
    return TRUE;

  joined = g_strjoinv (",", opt_only);
  parts = g_strsplit (joined, ",", -1);
  for (i = 0; parts[i] && ok; i++) {
    gboolean found = FALSE;

    if (!*parts[i])
      continue;
    for (m = 0; m < N_MEASURES; m++) {
      const gchar *name = measures[m].name;
      gsize len = strlen (parts[i]);

      /* a group: "ua" is both user agent runs, "heap" both heap runs,
       * "timers" the four timer runs; a child runs exactly one */
      if (g_str_equal (parts[i], name) ||
          (!opt_child &&
              ((strncmp (parts[i], name, len) == 0 && name[len] == '-') ||
                  (g_str_equal (parts[i], "timers") && !measures[m].ua)))) {
        selected[m] = TRUE;
        found = TRUE;
      }
    }
    if (!found) {
      g_printerr ("transaction-bench: unknown measurement '%s'\n", parts[i]);
      ok = FALSE;
    }
  }
  g_strfreev (parts);
  g_free (joined);
  return ok;
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "live", 'N', 0, G_OPTION_ARG_STRING_ARRAY, &opt_sizes,
        "Numbers of live background transactions, comma-separated (default " DEFAULT_SIZES
        ")",
        "N,..." },
    { "messages", 'm', 0, G_OPTION_ARG_INT, &opt_messages,
        "Foreground messages per N, with the timer heap (default 200000)",
        "M" },
    { "naive-messages", 0, 0, G_OPTION_ARG_INT, &opt_naive_messages,
        "The same with one GSource per timer (default 20000)", "M" },
    { "timer-ops", 't', 0, G_OPTION_ARG_INT, &opt_timer_ops,
        "Operations per N on the timer heap (default 200000)", "T" },
    { "naive-timer-ops", 0, 0, G_OPTION_ARG_INT, &opt_naive_timer_ops,
        "Operations per N on GSources (default 10000)", "T" },
    { "slices", 's', 0, G_OPTION_ARG_INT, &opt_slices,
        "Split every run into this many timed slices that take turns "
        "(default 100)",
        "S" },
    { "batch", 'b', 0, G_OPTION_ARG_INT, &opt_batch,
        "Foreground exchanges prepared and timed together (default 16)", "B" },
    { "udp", 0, 0, G_OPTION_ARG_NONE, &opt_udp,
        "Requests come in over UDP: Timer J fires after about 200 ms "
        "(default: TCP, at once)",
        NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_only,
        "Only these measurements: ua, ua-gsources, heap-arm-cancel, "
        "heap-arm-fire, gsource-arm-cancel, gsource-arm-fire, or the "
        "groups ua, heap, gsource, timers",
        "NAME,..." },
    { "instructions", 0, 0, G_OPTION_ARG_NONE, &opt_instructions,
        "Count instructions under callgrind instead of timing (a tenth of "
        "the messages and operations)",
        NULL },
    { "valgrind", 0, 0, G_OPTION_ARG_FILENAME, &opt_valgrind,
        "The valgrind program for --instructions (default valgrind)", "PATH" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &opt_csv, "Print CSV instead of tables",
        NULL },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opt_child, NULL,
        NULL },
    { NULL }
  };
  GOptionContext *ctx;
  GError *error = NULL;
  GArray *sizes;
  gboolean selected[N_MEASURES];
  Result **results;
  guint s;

  ctx = g_option_context_new ("- cost per message against live transactions");
  g_option_context_set_summary (ctx,
      "Measures the CPU time a user agent spends per message with N live "
      "transactions, against one GSource per timer.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("transaction-bench: %s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);
  if (opt_messages < 2 || opt_naive_messages < 2 || opt_timer_ops < 1 ||
      opt_naive_timer_ops < 1 || opt_slices < 1 || opt_batch < 1 ||
      opt_batch > MAX_BATCH) {
    g_printerr ("transaction-bench: counts must be positive, messages at "
                "least 2, and the batch at most %d\n",
        MAX_BATCH);
    return 2;
  }
  if (!opt_valgrind)
    opt_valgrind = g_strdup ("valgrind");

  sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!parse_sizes (sizes) || !parse_only (selected))
    return 2;
  g_array_sort (sizes, compare_uint);
  info_out = opt_csv || opt_child ? stderr : stdout;

  gst_init (NULL, NULL);

  results = g_new (Result *, sizes->len);
  for (s = 0; s < sizes->len; s++)
    results[s] = g_new0 (Result, N_MEASURES);

  if (!opt_child) {
    info ("transaction-bench: buildtype %s%s, GLib %u.%u.%u\n", BENCH_BUILDTYPE,
#ifdef __OPTIMIZE__
        "",
#else
        " (NOT OPTIMISED: numbers are meaningless)",
#endif
        glib_major_version, glib_minor_version, glib_micro_version);
    info ("foreground: OPTIONS in over %s and out over TCP (Timer K fires at "
          "once), %u messages per N (%u with one GSource per timer), batches "
          "of %d\n",
        opt_udp ? "UDP (Timer J after 64*T1 = 192 ms)"
                : "TCP (Timer J fires at once)",
        units_for (MEASURE_UA), units_for (MEASURE_UA_GSOURCES), opt_batch);
    info ("background: N live transactions, a quarter each: INVITE server "
          "in Proceeding, INVITE client after 180 (no timer), OPTIONS client "
          "in Completed (Timer K), INVITE server in Confirmed (Timer I), their "
          "timers an hour away\n");
    info ("timers: %u heap operations and %u GSource operations per N\n",
        units_for (MEASURE_HEAP_ARM_CANCEL),
        units_for (MEASURE_GSOURCE_ARM_CANCEL));
    if (opt_instructions)
      info ("counting instructions under callgrind, one measurement at a "
            "time:\n");
    else
      info ("%d timed slices per measurement, taking turns\n", opt_slices);
  }

  if (opt_instructions && !opt_child) {
    if (!run_instructions (
            (guint *) sizes->data, sizes->len, selected, results))
      return 1;
  } else {
    run_all ((guint *) sizes->data, sizes->len, selected, results);
  }

  if (!opt_child) {
    if (opt_csv)
      print_csv ((guint *) sizes->data, sizes->len, selected, results);
    else
      print_tables ((guint *) sizes->data, sizes->len, selected, results);
    if (!opt_instructions && !opt_csv)
      g_print ("\nFor instruction counts, which do not depend on the load of "
               "the machine, add --instructions (runs each measurement under "
               "valgrind --tool=callgrind).\n");
  }

  for (s = 0; s < sizes->len; s++)
    g_free (results[s]);
  g_free (results);
  g_array_unref (sizes);
  g_free (opt_valgrind);
  g_strfreev (opt_sizes);
  g_strfreev (opt_only);
  return 0;
}
