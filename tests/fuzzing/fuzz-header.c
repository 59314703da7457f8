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

/* libFuzzer target for the header value parsers: Via, name-addr/addr-spec
 * (From, To, Contact, Route, ...) and the authentication headers, each on
 * the input as a C string.  A value that parses must write itself as text
 * that parses again, and writing the result must give the same text. */

#include "fuzz-common.h"

/* every parameter name listed is found, whatever its case */
#define CHECK_PARAM_NAMES(obj, prefix)                           \
  G_STMT_START                                                   \
  {                                                              \
    gchar **names = prefix##_get_param_names (obj);              \
    guint i;                                                     \
                                                                 \
    for (i = 0; names && names[i]; i++) {                        \
      gchar *upper = g_ascii_strup (names[i], -1);               \
                                                                 \
      FUZZ_CHECK (prefix##_has_param (obj, names[i]), names[i]); \
      FUZZ_CHECK (prefix##_has_param (obj, upper), upper);       \
      (void) prefix##_get_param (obj, names[i]);                 \
      g_free (upper);                                            \
    }                                                            \
    g_strfreev (names);                                          \
  }                                                              \
  G_STMT_END

static void
fuzz_via (const gchar *text)
{
  GstSipVia *via, *reparsed, *copy;
  GError *error = NULL;
  gchar *written, *rewritten;

  via = gst_sip_via_new_from_string (text, &error);
  if (!via) {
    FUZZ_CHECK (error != NULL, text);
    g_clear_error (&error);
    return;
  }

  (void) gst_sip_via_get_protocol (via);
  (void) gst_sip_via_get_transport (via);
  (void) gst_sip_via_get_host (via);
  (void) gst_sip_via_get_port (via);
  (void) gst_sip_via_get_branch (via);
  (void) gst_sip_via_get_received (via);
  (void) gst_sip_via_get_rport (via);
  (void) gst_sip_via_get_maddr (via);
  (void) gst_sip_via_get_ttl (via);
  CHECK_PARAM_NAMES (via, gst_sip_via);

  written = gst_sip_via_to_string (via);
  reparsed = gst_sip_via_new_from_string (written, &error);
  if (!reparsed)
    fuzz_fail ("a written Via parses again", written);
  rewritten = gst_sip_via_to_string (reparsed);
  if (strcmp (written, rewritten) != 0)
    fuzz_fail ("a written Via is written again unchanged", rewritten);
  g_free (rewritten);

  /* what a UAS transport does to the top Via of a request (RFC 3581) */
  copy = gst_sip_via_copy (reparsed);
  gst_sip_via_set_received (copy, "192.0.2.1");
  gst_sip_via_set_rport (copy, 5060);
  rewritten = gst_sip_via_to_string (copy);
  gst_sip_via_free (copy);
  copy = gst_sip_via_new_from_string (rewritten, &error);
  if (!copy)
    fuzz_fail ("a Via with received and rport parses again", rewritten);
  gst_sip_via_free (copy);
  g_free (rewritten);

  gst_sip_via_free (reparsed);
  g_free (written);
  gst_sip_via_free (via);
}

static void
fuzz_address (const gchar *text)
{
  GstSipAddress *address, *reparsed;
  GError *error = NULL;
  gchar *written, *rewritten;
  const GstSipUri *uri;

  address = gst_sip_address_new_from_string (text, &error);
  if (!address) {
    FUZZ_CHECK (error != NULL, text);
    g_clear_error (&error);
    return;
  }

  (void) gst_sip_address_is_wildcard (address);
  (void) gst_sip_address_get_display_name (address);
  (void) gst_sip_address_get_tag (address);
  (void) gst_sip_address_get_param (address, "expires");
  CHECK_PARAM_NAMES (address, gst_sip_address);
  uri = gst_sip_address_get_uri (address);
  FUZZ_CHECK ((uri == NULL) == gst_sip_address_is_wildcard (address), text);
  if (uri)
    g_free (gst_sip_uri_to_string (uri));

  written = gst_sip_address_to_string (address);
  reparsed = gst_sip_address_new_from_string (written, &error);
  if (!reparsed)
    fuzz_fail ("a written address parses again", written);
  if (uri && !gst_sip_uri_equal (uri, gst_sip_address_get_uri (reparsed)))
    fuzz_fail ("a written address keeps its URI", written);
  rewritten = gst_sip_address_to_string (reparsed);
  if (strcmp (written, rewritten) != 0)
    fuzz_fail ("a written address is written again unchanged", rewritten);
  g_free (rewritten);

  gst_sip_address_free (reparsed);
  g_free (written);
  gst_sip_address_free (address);
}

static void
fuzz_auth_header (const gchar *text)
{
  GstSipAuthHeader *header, *reparsed, *copy;
  GError *error = NULL;
  gchar *written, *rewritten;

  header = gst_sip_auth_header_new_from_string (text, &error);
  if (!header) {
    FUZZ_CHECK (error != NULL, text);
    g_clear_error (&error);
    return;
  }

  (void) gst_sip_auth_header_get_scheme (header);
  (void) gst_sip_auth_header_get_token68 (header);
  (void) gst_sip_auth_header_get_param (header, "realm");
  (void) gst_sip_auth_header_get_param (header, "nonce");
  (void) gst_sip_auth_header_has_param (header, "qop");
  CHECK_PARAM_NAMES (header, gst_sip_auth_header);

  copy = gst_sip_auth_header_copy (header);
  written = gst_sip_auth_header_to_string (header);
  rewritten = gst_sip_auth_header_to_string (copy);
  if (strcmp (written, rewritten) != 0)
    fuzz_fail ("a copied authentication header is written the same", written);
  gst_sip_auth_header_free (copy);
  g_free (rewritten);

  reparsed = gst_sip_auth_header_new_from_string (written, &error);
  if (!reparsed)
    fuzz_fail ("a written authentication header parses again", written);
  rewritten = gst_sip_auth_header_to_string (reparsed);
  if (strcmp (written, rewritten) != 0)
    fuzz_fail ("a written authentication header is written again unchanged",
        rewritten);
  g_free (rewritten);

  gst_sip_auth_header_free (reparsed);
  g_free (written);
  gst_sip_auth_header_free (header);
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
  gchar *text = fuzz_input_to_string (data, size);

  fuzz_via (text);
  fuzz_address (text);
  fuzz_auth_header (text);

  g_free (text);
  return 0;
}
