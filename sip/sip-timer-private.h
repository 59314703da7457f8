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

#ifndef __GST_SIP_TIMER_PRIVATE_H__
#define __GST_SIP_TIMER_PRIVATE_H__

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * One GSource serves every timer of a user agent: timers live in a binary
 * min-heap ordered by deadline and the source wakes the main loop for the
 * earliest one.  Arming, re-arming and cancelling cost O(log n) and no
 * allocation (timers are embedded in their owners), so ten thousand live
 * transactions cost the same per message as ten.
 */

typedef struct _GstSipTimerQueue GstSipTimerQueue;

typedef void (*GstSipTimerFunc) (gpointer user_data);

typedef struct
{
  /*< private >*/
  gint64 deadline; /* monotonic time, in microseconds */
  guint64 seq; /* FIFO order among equal deadlines */
  guint heap_index; /* G_MAXUINT when not armed */
  GstSipTimerFunc func;
  gpointer user_data;
} GstSipTimer;

/* @owner (not referenced) is kept alive while timers fire, so that a timer
 * callback that drops the last reference to it does not free the queue
 * under the dispatch */
G_GNUC_INTERNAL
GstSipTimerQueue *_gst_sip_timer_queue_new (
    GMainContext *context, GObject *owner);

G_GNUC_INTERNAL
void _gst_sip_timer_queue_free (GstSipTimerQueue *queue);

G_GNUC_INTERNAL
void _gst_sip_timer_init (
    GstSipTimer *timer, GstSipTimerFunc func, gpointer user_data);

/* arms @timer to fire @delay_ms from now; re-arms it if it was armed */
G_GNUC_INTERNAL
void _gst_sip_timer_queue_schedule (
    GstSipTimerQueue *queue, GstSipTimer *timer, guint delay_ms);

/* arms @timer to fire @delay_ms after the deadline it last fired at, so that
 * a series of retransmissions keeps its schedule even when dispatch is late */
G_GNUC_INTERNAL
void _gst_sip_timer_queue_schedule_next (
    GstSipTimerQueue *queue, GstSipTimer *timer, guint delay_ms);

G_GNUC_INTERNAL
void _gst_sip_timer_queue_cancel (GstSipTimerQueue *queue, GstSipTimer *timer);

static inline gboolean
_gst_sip_timer_is_armed (const GstSipTimer *timer)
{
  return timer->heap_index != G_MAXUINT;
}

G_GNUC_INTERNAL
guint _gst_sip_timer_queue_get_size (GstSipTimerQueue *queue);

G_END_DECLS

#endif /* __GST_SIP_TIMER_PRIVATE_H__ */
