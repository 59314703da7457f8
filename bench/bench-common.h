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

#ifndef __GST_SIP_BENCH_COMMON_H__
#define __GST_SIP_BENCH_COMMON_H__

#include <stdio.h>
#include <glib.h>

#include "kamailio.h"

G_BEGIN_DECLS

/* where bench_info() writes: stdout, or stderr when the results are CSV */
extern FILE *bench_info_out;

void bench_info (const gchar *format, ...) G_GNUC_PRINTF (1, 2);

void bench_print_to_info (const gchar *string);

/* CPU time (user + system) in seconds of this process, of every thread of
 * process @pid, and of kamailio and its worker processes */
gdouble bench_self_cpu_s (void);

gdouble bench_process_cpu_s (GPid pid);

gdouble bench_kamailio_cpu_s (GstSipTestKamailio *kamailio);

/* a GSpawnChildSetupFunc: the child dies with the benchmark */
void bench_child_setup (gpointer user_data);

/* a GSourceFunc setting the gboolean at @user_data */
gboolean bench_idle_a_moment (gpointer user_data);

gint bench_compare_double (gconstpointer a, gconstpointer b);

/* removes @path and the files in it */
void bench_remove_dir (const gchar *path);

G_END_DECLS

#endif /* __GST_SIP_BENCH_COMMON_H__ */
