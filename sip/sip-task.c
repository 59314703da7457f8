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

/* Cancellation of the long-running GTasks of accounts and calls.  Their
 * operations run on the user agent's main context, while an application
 * may cancel from any thread: the cancelled handler only schedules an idle
 * source on that context, which never runs inside g_cancellable_cancel()
 * (so the handler can be disconnected from there without deadlocking). */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "sip-task-private.h"

#define WATCH_KEY "gst-sip-cancel-handler"

typedef struct
{
  GWeakRef owner;
  GWeakRef task;
  GMainContext *context;
  GstSipTaskCancelFunc func;
} Watch;

static void
watch_free (Watch *w)
{
  g_weak_ref_clear (&w->owner);
  g_weak_ref_clear (&w->task);
  g_main_context_unref (w->context);
  g_free (w);
}

static Watch *
watch_copy (Watch *w)
{
  Watch *copy = g_new0 (Watch, 1);
  GObject *object;

  object = g_weak_ref_get (&w->owner);
  g_weak_ref_init (&copy->owner, object);
  g_clear_object (&object);
  object = g_weak_ref_get (&w->task);
  g_weak_ref_init (&copy->task, object);
  g_clear_object (&object);
  copy->context = g_main_context_ref (w->context);
  copy->func = w->func;
  return copy;
}

static gboolean
cancelled_in_context (gpointer data)
{
  Watch *w = data;
  GObject *owner = g_weak_ref_get (&w->owner);
  GTask *task = g_weak_ref_get (&w->task);

  /* a task that returned meanwhile is no longer watched */
  if (owner && task && g_object_get_data (G_OBJECT (task), WATCH_KEY))
    w->func (owner, task);
  g_clear_object (&task);
  g_clear_object (&owner);
  return G_SOURCE_REMOVE;
}

static void
cancelled (GCancellable *cancellable, Watch *w)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);

  g_source_set_callback (source, cancelled_in_context, watch_copy (w),
      (GDestroyNotify) watch_free);
  g_source_attach (source, w->context);
  g_source_unref (source);
}

gboolean
_gst_sip_task_watch (GTask *task, GObject *owner, GMainContext *context,
    GstSipTaskCancelFunc func)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  Watch *w;
  gulong id;

  if (!cancellable)
    return TRUE;
  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;

  w = g_new0 (Watch, 1);
  g_weak_ref_init (&w->owner, owner);
  g_weak_ref_init (&w->task, task);
  w->context = g_main_context_ref (context);
  w->func = func;
  id = g_cancellable_connect (
      cancellable, G_CALLBACK (cancelled), w, (GDestroyNotify) watch_free);
  if (id == 0)
    return FALSE;
  g_object_set_data (G_OBJECT (task), WATCH_KEY, GSIZE_TO_POINTER (id));
  return TRUE;
}

void
_gst_sip_task_unwatch (GTask *task)
{
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), WATCH_KEY));

  if (id == 0)
    return;
  g_object_set_data (G_OBJECT (task), WATCH_KEY, NULL);
  g_cancellable_disconnect (g_task_get_cancellable (task), id);
}

void
_gst_sip_task_list_return (GList **tasks, guint code, const GError *error)
{
  GList *list = g_steal_pointer (tasks), *l;

  for (l = list; l; l = l->next) {
    _gst_sip_task_unwatch (l->data);
    if (error)
      g_task_return_error (l->data, g_error_copy (error));
    else
      g_task_return_int (l->data, code);
  }
  g_list_free_full (list, g_object_unref);
}

gboolean
_gst_sip_task_list_cancel (GList **tasks, GTask *task)
{
  GList *link = g_list_find (*tasks, task);

  if (!link)
    return FALSE;
  *tasks = g_list_delete_link (*tasks, link);
  _gst_sip_task_unwatch (task);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return TRUE;
}
