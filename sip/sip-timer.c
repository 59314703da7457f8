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

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "sip-timer-private.h"

typedef struct
{
  GSource source;
  GstSipTimerQueue *queue;
} TimerSource;

struct _GstSipTimerQueue
{
  GstSipTimer **heap;
  guint len;
  guint alloc;
  guint64 next_seq;
  GSource *source;
  GObject *owner; /* kept alive while timers fire */
};

static inline gboolean
earlier (const GstSipTimer *a, const GstSipTimer *b)
{
  return a->deadline < b->deadline ||
      (a->deadline == b->deadline && a->seq < b->seq);
}

static inline void
place (GstSipTimerQueue *q, guint i, GstSipTimer *t)
{
  q->heap[i] = t;
  t->heap_index = i;
}

static void
sift_up (GstSipTimerQueue *q, guint i)
{
  GstSipTimer *t = q->heap[i];

  while (i > 0) {
    guint parent = (i - 1) / 2;

    if (!earlier (t, q->heap[parent]))
      break;
    place (q, i, q->heap[parent]);
    i = parent;
  }
  place (q, i, t);
}

static void
sift_down (GstSipTimerQueue *q, guint i)
{
  GstSipTimer *t = q->heap[i];

  while (TRUE) {
    guint child = 2 * i + 1;

    if (child >= q->len)
      break;
    if (child + 1 < q->len && earlier (q->heap[child + 1], q->heap[child]))
      child++;
    if (!earlier (q->heap[child], t))
      break;
    place (q, i, q->heap[child]);
    i = child;
  }
  place (q, i, t);
}

static void
heap_remove (GstSipTimerQueue *q, GstSipTimer *t)
{
  guint i = t->heap_index;
  GstSipTimer *last;

  t->heap_index = G_MAXUINT;
  last = q->heap[--q->len];
  if (i == q->len)
    return;

  place (q, i, last);
  if (i > 0 && earlier (last, q->heap[(i - 1) / 2]))
    sift_up (q, i);
  else
    sift_down (q, i);
}

/* The main loop asks the heap for its earliest deadline each iteration
 * instead of being told with g_source_set_ready_time(), which would write
 * to the context's wakeup fd on every change of the earliest timer. */
static gboolean
timer_source_prepare (GSource *source, gint *timeout)
{
  GstSipTimerQueue *q = ((TimerSource *) source)->queue;
  gint64 remaining;

  if (q->len == 0) {
    *timeout = -1;
    return FALSE;
  }
  remaining = q->heap[0]->deadline - g_source_get_time (source);
  if (remaining <= 0) {
    *timeout = 0;
    return TRUE;
  }
  /* round up: waking a little late is fine, early is a wasted iteration */
  *timeout = MIN ((remaining + 999) / 1000, G_MAXINT);
  return FALSE;
}

static gboolean
timer_source_check (GSource *source)
{
  GstSipTimerQueue *q = ((TimerSource *) source)->queue;

  return q->len > 0 && q->heap[0]->deadline <= g_source_get_time (source);
}

static gboolean
timer_source_dispatch (
    GSource *source, GSourceFunc callback, gpointer user_data)
{
  GstSipTimerQueue *q = ((TimerSource *) source)->queue;
  gint64 now = g_source_get_time (source);
  guint64 last_seq = q->next_seq;
  GObject *owner = q->owner ? g_object_ref (q->owner) : NULL;

  /* fire what is due; timers armed by the callbacks wait for the next
   * iteration, so that a zero delay cannot loop here forever.  The owner
   * (the user agent) cannot go away in the middle. */
  while (
      q->len > 0 && q->heap[0]->deadline <= now && q->heap[0]->seq < last_seq) {
    GstSipTimer *t = q->heap[0];

    heap_remove (q, t);
    t->func (t->user_data);
  }

  /* this may free the queue: nothing touches it afterwards */
  if (owner)
    g_object_unref (owner);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs timer_source_funcs = { timer_source_prepare,
  timer_source_check, timer_source_dispatch, NULL, NULL, NULL };

GstSipTimerQueue *
_gst_sip_timer_queue_new (GMainContext *context, GObject *owner)
{
  GstSipTimerQueue *q = g_new0 (GstSipTimerQueue, 1);

  q->owner = owner;
  q->source = g_source_new (&timer_source_funcs, sizeof (TimerSource));
  ((TimerSource *) q->source)->queue = q;
  g_source_set_name (q->source, "GstSipTimerQueue");
  g_source_attach (q->source, context);

  return q;
}

void
_gst_sip_timer_queue_free (GstSipTimerQueue *q)
{
  guint i;

  for (i = 0; i < q->len; i++)
    q->heap[i]->heap_index = G_MAXUINT;
  g_source_destroy (q->source);
  g_source_unref (q->source);
  g_free (q->heap);
  g_free (q);
}

void
_gst_sip_timer_init (
    GstSipTimer *timer, GstSipTimerFunc func, gpointer user_data)
{
  timer->deadline = 0;
  timer->seq = 0;
  timer->heap_index = G_MAXUINT;
  timer->func = func;
  timer->user_data = user_data;
}

static void
schedule_at (GstSipTimerQueue *q, GstSipTimer *timer, gint64 deadline)
{
  if (_gst_sip_timer_is_armed (timer))
    heap_remove (q, timer);

  timer->deadline = deadline;
  timer->seq = q->next_seq++;

  if (q->len == q->alloc) {
    q->alloc = MAX (64, q->alloc * 2);
    q->heap = g_renew (GstSipTimer *, q->heap, q->alloc);
  }
  place (q, q->len++, timer);
  sift_up (q, timer->heap_index);
}

void
_gst_sip_timer_queue_schedule (
    GstSipTimerQueue *q, GstSipTimer *timer, guint delay_ms)
{
  schedule_at (q, timer, g_get_monotonic_time () + (gint64) delay_ms * 1000);
}

void
_gst_sip_timer_queue_schedule_next (
    GstSipTimerQueue *q, GstSipTimer *timer, guint delay_ms)
{
  schedule_at (q, timer, timer->deadline + (gint64) delay_ms * 1000);
}

void
_gst_sip_timer_queue_cancel (GstSipTimerQueue *q, GstSipTimer *timer)
{
  if (_gst_sip_timer_is_armed (timer))
    heap_remove (q, timer);
}

guint
_gst_sip_timer_queue_get_size (GstSipTimerQueue *q)
{
  return q->len;
}
