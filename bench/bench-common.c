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

/* What the benchmarks share: their information output, CPU time of this
 * process, of another one and of kamailio with its workers, child set-up,
 * and clean-up of their working directories. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "bench-common.h"

FILE *bench_info_out;

void
bench_info (const gchar *format, ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (bench_info_out, format, args);
  va_end (args);
  fflush (bench_info_out);
}

void
bench_print_to_info (const gchar *string)
{
  fputs (string, bench_info_out);
  fflush (bench_info_out);
}

gdouble
bench_self_cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
      (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* The CPU time of one task (thread) in seconds: the first field of
 * /proc/PID/task/TID/schedstat (nanoseconds on the CPU), or utime + stime
 * of its stat file (clock ticks) when the kernel has no schedstat. */
static gdouble
task_cpu_s (const gchar *task_dir)
{
  gchar *path, *contents = NULL;
  gdouble cpu = 0;

  path = g_build_filename (task_dir, "schedstat", NULL);
  if (g_file_get_contents (path, &contents, NULL, NULL)) {
    cpu = g_ascii_strtoull (contents, NULL, 10) / 1e9;
  } else {
    gchar **fields = NULL;
    const gchar *after_name;

    g_free (path);
    path = g_build_filename (task_dir, "stat", NULL);
    if (g_file_get_contents (path, &contents, NULL, NULL) &&
        (after_name = strrchr (contents, ')')) != NULL) {
      /* after the name: state is field 3, utime 14, stime 15 */
      fields = g_strsplit (after_name + 2, " ", -1);
      if (g_strv_length (fields) > 12)
        cpu = (g_ascii_strtoull (fields[11], NULL, 10) +
                  g_ascii_strtoull (fields[12], NULL, 10)) /
            (gdouble) sysconf (_SC_CLK_TCK);
    }
    g_strfreev (fields);
  }
  g_free (contents);
  g_free (path);
  return cpu;
}

gdouble
bench_process_cpu_s (GPid pid)
{
  gchar *dir_path = g_strdup_printf ("/proc/%d/task", (gint) pid);
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  const gchar *name;
  gdouble cpu = 0;

  while (dir && (name = g_dir_read_name (dir)) != NULL) {
    gchar *task = g_build_filename (dir_path, name, NULL);

    cpu += task_cpu_s (task);
    g_free (task);
  }
  if (dir)
    g_dir_close (dir);
  g_free (dir_path);
  return cpu;
}

static GPid
parent_of (const gchar *pid)
{
  gchar *path = g_strdup_printf ("/proc/%s/stat", pid), *contents = NULL;
  const gchar *after_name;
  GPid parent = 0;

  /* "pid (name) state ppid ..." */
  if (g_file_get_contents (path, &contents, NULL, NULL) &&
      (after_name = strrchr (contents, ')')) != NULL && after_name[1] == ' ' &&
      after_name[2] != '\0')
    parent = atoi (after_name + 4);
  g_free (contents);
  g_free (path);
  return parent;
}

/* kamailio and its workers (its children), all threads */
gdouble
bench_kamailio_cpu_s (GstSipTestKamailio *kamailio)
{
  GPid root = gst_sip_test_kamailio_get_pid (kamailio);
  gdouble cpu = bench_process_cpu_s (root);
  GDir *dir = g_dir_open ("/proc", 0, NULL);
  const gchar *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL) {
    if (g_ascii_isdigit (name[0]) && parent_of (name) == root)
      cpu += bench_process_cpu_s (atoi (name));
  }
  if (dir)
    g_dir_close (dir);
  return cpu;
}

void
bench_child_setup (gpointer user_data)
{
  /* no sipp left behind when the benchmark dies */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

gboolean
bench_idle_a_moment (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gint
bench_compare_double (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

/* removes @path and the files in it (sipp's output, the injection file) */
void
bench_remove_dir (const gchar *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const gchar *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL) {
    gchar *file = g_build_filename (path, name, NULL);

    g_remove (file);
    g_free (file);
  }
  if (dir)
    g_dir_close (dir);
  g_rmdir (path);
}
