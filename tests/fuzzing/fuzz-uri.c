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

/* libFuzzer target for the URI parser: gst_sip_uri_new() on the input as
 * a C string.  A URI that parses must write itself as text that parses
 * again into an equal URI, and writing that second URI must give the same
 * text (the written form is canonical). */

#include "fuzz-common.h"

static void
exercise_params (const GstSipUri *uri)
{
  gchar **names;
  guint i;

  names = gst_sip_uri_get_param_names (uri);
  for (i = 0; names && names[i]; i++) {
    FUZZ_CHECK (gst_sip_uri_has_param (uri, names[i]), names[i]);
    (void) gst_sip_uri_get_param (uri, names[i]);
  }
  g_strfreev (names);

  names = gst_sip_uri_get_header_names (uri);
  for (i = 0; names && names[i]; i++)
    (void) gst_sip_uri_get_header (uri, names[i]);
  g_strfreev (names);
}

static void
exercise_uri (const GstSipUri *uri)
{
  (void) gst_sip_uri_get_scheme (uri);
  (void) gst_sip_uri_is_sip (uri);
  (void) gst_sip_uri_is_secure (uri);
  (void) gst_sip_uri_is_tel (uri);
  (void) gst_sip_uri_get_user (uri);
  (void) gst_sip_uri_get_password (uri);
  (void) gst_sip_uri_get_host (uri);
  (void) gst_sip_uri_get_port (uri);
  (void) gst_sip_uri_get_opaque (uri);
  (void) gst_sip_uri_get_param (uri, "transport");
  (void) gst_sip_uri_get_param (uri, "maddr");
  (void) gst_sip_uri_has_param (uri, "lr");
  exercise_params (uri);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  gchar *text, *written, *rewritten;
  GstSipUri *uri, *copy, *reparsed;
  GError *error = NULL;

  text = fuzz_input_to_string (data, size);
  uri = gst_sip_uri_new (text, &error);
  if (!uri) {
    FUZZ_CHECK (error != NULL, text);
    g_clear_error (&error);
    g_free (text);
    return 0;
  }
  FUZZ_CHECK (error == NULL, text);

  exercise_uri (uri);

  copy = gst_sip_uri_copy (uri);
  FUZZ_CHECK (gst_sip_uri_equal (uri, copy), text);
  gst_sip_uri_free (copy);

  written = gst_sip_uri_to_string (uri);
  reparsed = gst_sip_uri_new (written, &error);
  if (!reparsed)
    fuzz_fail ("a written URI parses again", written);
  FUZZ_CHECK (gst_sip_uri_equal (uri, reparsed), written);
  FUZZ_CHECK (gst_sip_uri_equal (reparsed, uri), written);

  rewritten = gst_sip_uri_to_string (reparsed);
  if (strcmp (written, rewritten) != 0)
    fuzz_fail ("a written URI is written again unchanged", rewritten);

  g_free (rewritten);
  gst_sip_uri_free (reparsed);
  g_free (written);
  gst_sip_uri_free (uri);
  g_free (text);

  return 0;
}
