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

#include <string.h>

#include <sip/sip.h>

typedef struct
{
  const gchar *text;
  const gchar *scheme;
  const gchar *user;
  const gchar *password;
  const gchar *host;
  guint port;
  const gchar *param_name;
  const gchar *param_value;
  const gchar *written; /* to_string(), NULL if the same as text */
} UriValid;

static const UriValid valid_uris[] = {
  { "sip:alice@atlanta.com", "sip", "alice", NULL, "atlanta.com", 0 },
  { "SIP:Alice@Atlanta.COM:5070", "sip", "Alice", NULL, "Atlanta.COM", 5070,
      NULL, NULL, "sip:Alice@Atlanta.COM:5070" },
  { "sips:bob:secret@biloxi.com;transport=tcp", "sips", "bob", "secret",
      "biloxi.com", 0, "transport", "tcp" },
  { "sip:+1-212-555-1212:1234@gateway.com;user=phone", "sip", "+1-212-555-1212",
      "1234", "gateway.com", 0, "user", "phone" },
  { "sip:alice;day=tuesday@atlanta.com", "sip", "alice;day=tuesday", NULL,
      "atlanta.com", 0 },
  { "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com", "sip", NULL, NULL,
      "atlanta.com", 0, "method", "REGISTER" },
  { "sip:[2001:db8::10]:5061;lr", "sip", NULL, NULL, "2001:db8::10", 5061, "lr",
      NULL },
  { "sip:192.0.2.4", "sip", NULL, NULL, "192.0.2.4", 0 },
  { "sip:%61lice@atlanta.com", "sip", "alice", NULL, "atlanta.com", 0, NULL,
      NULL, "sip:alice@atlanta.com" },
  { "sip:sips%3Auser%40example.com@example.net", "sip", "sips:user@example.com",
      NULL, "example.net", 0, NULL, NULL,
      "sip:sips%3Auser%40example.com@example.net" },
  { "sip:user@host;n%61me=v%61lue", "sip", "user", NULL, "host", 0, "name",
      "value", "sip:user@host;name=value" },
  { "sip:%00@example.com", "sip", "%00", NULL, "example.com", 0 },
  { "sip:proxy.example.com.", "sip", NULL, NULL, "proxy.example.com.", 0 },
  { "sip:34020000001320000002@34020000", "sip", "34020000001320000002", NULL,
      "34020000", 0 },
  { "tel:+1-201-555-0123;ext=42", "tel", "+1-201-555-0123", NULL, NULL, 0,
      "ext", "42" },
  { "tel:7042;phone-context=example.com", "tel", "7042", NULL, NULL, 0,
      "phone-context", "example.com" },
  { "http://example.com/x?y=z", "http", NULL, NULL, NULL, 0 },
  { "soap.beep://192.0.2.103:3002", "soap.beep", NULL, NULL, NULL, 0 },
  { "urn:service:sos", "urn", NULL, NULL, NULL, 0 },
};

static void
test_valid (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (valid_uris); i++) {
    const UriValid *v = &valid_uris[i];
    GError *error = NULL;
    GstSipUri *uri, *again;
    gchar *text;

    uri = gst_sip_uri_new (v->text, &error);
    g_assert_no_error (error);
    g_assert_nonnull (uri);

    g_assert_cmpstr (gst_sip_uri_get_scheme (uri), ==, v->scheme);
    g_assert_cmpstr (gst_sip_uri_get_user (uri), ==, v->user);
    g_assert_cmpstr (gst_sip_uri_get_password (uri), ==, v->password);
    g_assert_cmpstr (gst_sip_uri_get_host (uri), ==, v->host);
    g_assert_cmpuint (gst_sip_uri_get_port (uri), ==, v->port);
    if (v->param_name) {
      g_assert_true (gst_sip_uri_has_param (uri, v->param_name));
      g_assert_cmpstr (
          gst_sip_uri_get_param (uri, v->param_name), ==, v->param_value);
    }

    text = gst_sip_uri_to_string (uri);
    g_assert_cmpstr (text, ==, v->written ? v->written : v->text);

    /* what we write parses back to an equal URI */
    again = gst_sip_uri_new (text, &error);
    g_assert_no_error (error);
    g_assert_true (gst_sip_uri_equal (uri, again));

    g_free (text);
    gst_sip_uri_free (again);
    gst_sip_uri_free (uri);
  }
}

static const gchar *const invalid_uris[] = {
  "",
  "alice@atlanta.com", /* no scheme */
  ":alice@atlanta.com",
  "1sip:alice@atlanta.com", /* a scheme starts with a letter */
  "sip:",
  "sip:alice@", /* no host */
  "sip:@atlanta.com", /* empty user */
  "sip:alice@atlanta.com:", /* empty port */
  "sip:alice@atlanta.com:0",
  "sip:alice@atlanta.com:65536",
  "sip:alice@atlanta.com:99999",
  "sip:alice@atlanta.com:50x",
  "sip:alice @atlanta.com", /* space in the user */
  "sip:alice@atlanta .com",
  "sip:alice@atlanta.com ",
  "sip:alice@atl<anta.com",
  "sip:[bob]@atlanta.com",
  "sip:bob@[atlanta.com]",
  "sip:bob@[::1", /* unterminated IPv6 reference */
  "sip:bob@[::g]",
  "sip:bob@::1", /* IPv6 without brackets */
  "sip:%4@atlanta.com", /* bad escape */
  "sip:%zz@atlanta.com",
  "sip:alice@at%41lanta.com", /* no escapes in hosts */
  "sip:alice@-atlanta.com",
  "sip:alice@atlanta..com",
  "sip:alice@999.1.1.1",
  "sip:alice@1.2.3",
  "sip:alice@atlanta.com;", /* empty parameter */
  "sip:alice@atlanta.com;=x",
  "sip:alice@atlanta.com;lr=",
  "sip:alice@atlanta.com?", /* empty URI headers */
  "sip:alice@atlanta.com?a",
  "sip:alice@atlanta.com?=b",
  "tel:",
  "tel:+1 555",
  "tel:+1555;",
  "http:",
  "http://exa mple.com",
  "http://example.com/%",
};

static void
test_invalid (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (invalid_uris); i++) {
    GError *error = NULL;
    GstSipUri *uri = gst_sip_uri_new (invalid_uris[i], &error);

    if (uri)
      g_error ("“%s” should not parse", invalid_uris[i]);
    g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
    /* the message names the URI */
    g_assert_nonnull (strstr (error->message, "URI"));
    g_clear_error (&error);
  }
}

static void
test_control_bytes (void)
{
  GError *error = NULL;
  GstSipUri *uri;

  uri = gst_sip_uri_new ("sip:al\x01ice@atlanta.com", &error);
  g_assert_null (uri);
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "0x01"));
  g_clear_error (&error);

  uri = gst_sip_uri_new ("sip:alice@atlanta.com\x7f", &error);
  g_assert_null (uri);
  g_assert_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE);
  g_clear_error (&error);
}

typedef struct
{
  const gchar *a;
  const gchar *b;
  gboolean equal;
} UriPair;

/* RFC 3261 section 19.1.4 */
static const UriPair pairs[] = {
  { "sip:%61lice@atlanta.com;transport=TCP",
      "sip:alice@AtLanTa.CoM;Transport=tcp", TRUE },
  { "sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5", TRUE },
  { "sip:carol@chicago.com", "sip:carol@chicago.com;security=on", TRUE },
  { "sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on",
      TRUE },
  { "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
      "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
      TRUE },
  { "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
      "sip:alice@atlanta.com?priority=urgent&subject=project%20x", TRUE },
  { "SIP:ALICE@AtLanTa.CoM;Transport=udp",
      "sip:alice@AtLanTa.CoM;Transport=UDP", FALSE },
  { "sip:bob@biloxi.com", "sip:bob@biloxi.com:5060", FALSE },
  { "sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp", FALSE },
  { "sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp", FALSE },
  { "sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting",
      FALSE },
  { "sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4", FALSE },
  { "sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off",
      FALSE },
  { "sip:alice@atlanta.com", "sips:alice@atlanta.com", FALSE },
  { "sip:alice:pw@atlanta.com", "sip:alice@atlanta.com", FALSE },
  { "sip:%00@example.com", "sip:%00%00@example.com", FALSE },
  { "sip:[2001:DB8::1]", "sip:[2001:db8::1]", TRUE },
  /* RFC 3966 section 4 */
  { "tel:+1-201-555-0123", "tel:+1(201)5550123", TRUE },
  { "tel:7042;phone-context=example.com", "tel:7042;phone-context=EXAMPLE.com",
      TRUE },
  { "tel:7042;phone-context=example.com", "tel:7042", FALSE },
  { "tel:+1-201-555-0123", "sip:+1-201-555-0123@example.com", FALSE },
  { "urn:service:sos", "urn:service:sos", TRUE },
  { "urn:service:sos", "urn:service:police", FALSE },
};

static void
test_equal (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (pairs); i++) {
    GstSipUri *a = gst_sip_uri_new (pairs[i].a, NULL);
    GstSipUri *b = gst_sip_uri_new (pairs[i].b, NULL);

    g_assert_nonnull (a);
    g_assert_nonnull (b);
    if (gst_sip_uri_equal (a, b) != pairs[i].equal ||
        gst_sip_uri_equal (b, a) != pairs[i].equal)
      g_error ("“%s” and “%s” should %scompare equal", pairs[i].a, pairs[i].b,
          pairs[i].equal ? "" : "not ");
    gst_sip_uri_free (a);
    gst_sip_uri_free (b);
  }
}

static void
test_build (void)
{
  GstSipUri *uri, *copy;
  gchar *text;
  gchar **names;

  uri = gst_sip_uri_new_sip (FALSE, "alice smith", "::1", 5060);
  g_assert_nonnull (uri);
  g_assert_cmpstr (gst_sip_uri_get_host (uri), ==, "::1");
  gst_sip_uri_set_param (uri, "transport", "tcp");
  gst_sip_uri_set_param (uri, "lr", NULL);
  gst_sip_uri_set_header (uri, "Subject", "hello world&more");
  text = gst_sip_uri_to_string (uri);
  g_assert_cmpstr (text, ==,
      "sip:alice%20smith@[::1]:5060;transport=tcp;lr?Subject=hello%20world%26more");
  g_free (text);

  names = gst_sip_uri_get_param_names (uri);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "transport");
  g_assert_cmpstr (names[1], ==, "lr");
  g_strfreev (names);

  copy = gst_sip_uri_copy (uri);
  g_assert_true (gst_sip_uri_equal (uri, copy));
  g_assert_true (gst_sip_uri_remove_param (copy, "transport"));
  g_assert_false (gst_sip_uri_remove_param (copy, "transport"));
  g_assert_false (gst_sip_uri_equal (uri, copy));
  g_assert_true (gst_sip_uri_remove_header (copy, "subject"));
  g_assert_null (gst_sip_uri_get_header (copy, "Subject"));

  gst_sip_uri_set_secure (copy, TRUE);
  gst_sip_uri_set_port (copy, 0);
  gst_sip_uri_set_user (copy, NULL);
  g_assert_true (gst_sip_uri_set_host (copy, "[fe80::1]"));
  g_assert_false (gst_sip_uri_set_host (copy, "not a host"));
  text = gst_sip_uri_to_string (copy);
  g_assert_cmpstr (text, ==, "sips:[fe80::1];lr");
  g_free (text);
  g_assert_true (gst_sip_uri_is_secure (copy));
  g_assert_true (gst_sip_uri_is_sip (copy));
  g_assert_false (gst_sip_uri_is_tel (copy));

  g_assert_null (gst_sip_uri_new_sip (FALSE, NULL, "bad host", 0));

  gst_sip_uri_free (copy);
  gst_sip_uri_free (uri);
}

static void
test_opaque (void)
{
  GstSipUri *uri =
      gst_sip_uri_new ("nobodyKnowsThisScheme:totallyopaquecontent", NULL);

  g_assert_nonnull (uri);
  g_assert_cmpstr (gst_sip_uri_get_scheme (uri), ==, "nobodyknowsthisscheme");
  g_assert_cmpstr (gst_sip_uri_get_opaque (uri), ==, "totallyopaquecontent");
  g_assert_false (gst_sip_uri_is_sip (uri));
  g_assert_null (gst_sip_uri_get_host (uri));
  gst_sip_uri_free (uri);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uri/valid", test_valid);
  g_test_add_func ("/uri/invalid", test_invalid);
  g_test_add_func ("/uri/control-bytes", test_control_bytes);
  g_test_add_func ("/uri/equal", test_equal);
  g_test_add_func ("/uri/build", test_build);
  g_test_add_func ("/uri/opaque", test_opaque);

  return g_test_run ();
}
