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

#ifndef __GST_SIP_TASK_PRIVATE_H__
#define __GST_SIP_TASK_PRIVATE_H__

#include <gio/gio.h>

G_BEGIN_DECLS

/* called on the owner's main context when the cancellable of @task was
 * cancelled while the task was still watched */
typedef void (*GstSipTaskCancelFunc) (GObject *owner, GTask *task);

/* Watches the cancellable of @task, if it has one: when it is cancelled,
 * from any thread, @func runs later on @context with @owner and @task,
 * unless _gst_sip_task_unwatch() came first.  Owner and task are only
 * weakly referenced.  Returns FALSE, and watches nothing, when the
 * cancellable is already cancelled. */
G_GNUC_INTERNAL
gboolean _gst_sip_task_watch (GTask *task, GObject *owner,
    GMainContext *context, GstSipTaskCancelFunc func);

/* stops watching; call it before the task returns */
G_GNUC_INTERNAL
void _gst_sip_task_unwatch (GTask *task);

/* returns every task of @tasks, which it empties, with @error or else the
 * status @code, after unwatching it */
G_GNUC_INTERNAL
void _gst_sip_task_list_return (GList **tasks, guint code, const GError *error);

/* when @task is in @tasks: takes it out, fails it with
 * G_IO_ERROR_CANCELLED and returns TRUE */
G_GNUC_INTERNAL
gboolean _gst_sip_task_list_cancel (GList **tasks, GTask *task);

G_END_DECLS

#endif /* __GST_SIP_TASK_PRIVATE_H__ */
