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

#ifndef __GST_SIP_FUZZ_COMMON_H__
#define __GST_SIP_FUZZ_COMMON_H__

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sip/sip.h>

G_BEGIN_DECLS

/* the libFuzzer entry points */
int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Criticals and warnings are programming errors: a library function that
 * reaches one on some input has a bug, so they abort like a crash does.
 * (A fatal log level would raise SIGTRAP, which libFuzzer does not catch.) */
static inline void
fuzz_log_handler (const gchar *domain, GLogLevelFlags level,
    const gchar *message, gpointer user_data)
{
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

static inline void
fuzz_init (void)
{
  g_log_set_default_handler (fuzz_log_handler, NULL);
}

/* An invariant of the library does not hold.  Aborting makes libFuzzer
 * keep the input as a crash artifact; @what says which invariant. */
static inline G_GNUC_NORETURN void
fuzz_fail (const gchar *what, const gchar *detail)
{
  g_printerr ("fuzz invariant violated: %s\n", what);
  if (detail) {
    gchar *escaped = g_strescape (detail, NULL);

    g_printerr ("  %s\n", escaped);
    g_free (escaped);
  }
  abort ();
}

/* checks @cond in every build (G_DISABLE_ASSERT does not apply) */
#define FUZZ_CHECK(cond, detail)   \
  G_STMT_START                     \
  {                                \
    if (G_UNLIKELY (!(cond)))      \
      fuzz_fail (#cond, (detail)); \
  }                                \
  G_STMT_END

/* the input as a C string: up to its first NUL, if any */
static inline gchar *
fuzz_input_to_string (const uint8_t *data, size_t size)
{
  return g_strndup ((const gchar *) data, size);
}

G_END_DECLS

#endif /* __GST_SIP_FUZZ_COMMON_H__ */
