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

#include "baresip.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

/* Environment variables that override where baresip and its modules
 * are. */
#define BARESIP_ENV "GST_SIP_TEST_BARESIP"
#define MODULES_ENV "GST_SIP_TEST_BARESIP_MODULES"

/* How often the log and the control connection are looked at while
 * waiting. */
#define POLL_INTERVAL_MS 10

/* How many times the harness looks for a SIP port (UDP and TCP), the TLS
 * port after it and a control port that are all free. */
#define RESERVE_ATTEMPTS 32

/* How many times gst_sip_test_baresip_start() starts baresip on new ports
 * when one it was given was taken meanwhile. */
#define START_ATTEMPTS 3

/* A netstring longer than this is a broken control connection. */
#define MAX_NETSTRING 65536

#define DEFAULT_ADDRESS "127.0.0.1"
#define DEFAULT_USER "baresip"
#define DEFAULT_ANSWER_MODE "auto"
#define DEFAULT_AUDIO_CODECS "PCMU/8000/1,PCMA/8000/1"

/* The modules the configuration loads: G.711, a sine wave as the audio
 * source (it only runs at 48 kHz in stereo), aubridge as the player (and
 * the alert device), menu for the call commands ("dial", "hangup",
 * "accept") and ctrl_tcp as the control channel. */
static const gchar *const required_modules[] = { "g711", "ausine", "aubridge",
  "account", "menu", "ctrl_tcp", NULL };

/* The modules of GstSipTestBaresipConfig.video: the video codecs of FFmpeg
 * and a test picture as the camera, which is also the display. */
static const gchar *const video_modules[] = { "avcodec", "fakevideo", NULL };

/* Where distributions install them when MODULES_ENV is not set. */
static const gchar *const module_dirs[] = {
  "/usr/lib/baresip/modules",
  "/usr/lib64/baresip/modules",
  "/usr/local/lib/baresip/modules",
  "/usr/local/lib64/baresip/modules",
  NULL,
};

/* A response to a command. */
typedef struct
{
  gchar *token;
  gboolean ok;
  gchar *data;
} Response;

struct _GstSipTestBaresip
{
  GstSipTestPeer *peer;
  GMainContext *context;

  gchar *workdir;
  gchar *address;
  guint16 port;
  guint16 control_port;
  gchar *user;

  /* the ctrl_tcp connection: what arrived and is not parsed yet, every
   * message as received, the parsed events and responses */
  GSocket *control;
  GByteArray *input;
  gboolean control_closed;
  GString *control_log;
  GPtrArray *events;
  guint n_events_taken;
  GPtrArray *responses;
  guint next_token;

  gboolean stopped;
};

typedef gboolean (*CheckFunc) (GstSipTestBaresip *baresip, gpointer user_data);

/* Files */

/* Events and responses */

static void
event_free (GstSipTestBaresipEvent *event)
{
  g_free (event->type);
  g_free (event->klass);
  g_free (event->direction);
  g_free (event->peer_uri);
  g_free (event->call_id);
  g_free (event->param);
  g_free (event->json);
  g_free (event);
}

static void
response_free (Response *response)
{
  g_free (response->token);
  g_free (response->data);
  g_free (response);
}

/* JSON: baresip sends flat objects of strings, booleans and numbers, with
 * the odd nested object (RTCP statistics).  The members are read into a
 * table of strings: strings decoded, other values as they are written. */

static void
skip_blanks (const gchar **p, const gchar *end)
{
  while (*p < end && g_ascii_isspace (**p))
    (*p)++;
}

static gboolean
parse_hex4 (const gchar *p, const gchar *end, gunichar *value)
{
  guint i;

  if (end - p < 4)
    return FALSE;
  *value = 0;
  for (i = 0; i < 4; i++) {
    gint digit = g_ascii_xdigit_value (p[i]);

    if (digit < 0)
      return FALSE;
    *value = (*value << 4) | (gunichar) digit;
  }
  return TRUE;
}

/* Reads the string at @p (at its opening quote) into @out (if not %NULL)
 * and moves @p past its closing quote. */
static gboolean
parse_string (const gchar **p, const gchar *end, GString *out)
{
  const gchar *s = *p;

  if (s >= end || *s != '"')
    return FALSE;
  s++;

  while (s < end && *s != '"') {
    gunichar c;

    if (*s != '\\') {
      if (out != NULL)
        g_string_append_c (out, *s);
      s++;
      continue;
    }

    s++;
    if (s >= end)
      return FALSE;
    switch (*s) {
      case 'b':
        c = '\b';
        break;
      case 'f':
        c = '\f';
        break;
      case 'n':
        c = '\n';
        break;
      case 'r':
        c = '\r';
        break;
      case 't':
        c = '\t';
        break;
      case 'u':
        if (!parse_hex4 (s + 1, end, &c))
          return FALSE;
        s += 4;
        if (c >= 0xd800 && c < 0xdc00 && end - s > 6 && s[1] == '\\' &&
            s[2] == 'u') {
          gunichar low;

          if (parse_hex4 (s + 3, end, &low) && low >= 0xdc00 && low < 0xe000) {
            c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
            s += 6;
          }
        }
        if (c >= 0xd800 && c < 0xe000)
          c = 0xfffd;
        break;
      default:
        /* '"', '\\' and '/' stand for themselves */
        c = (guchar) *s;
        break;
    }
    if (out != NULL)
      g_string_append_unichar (out, c);
    s++;
  }

  if (s >= end)
    return FALSE;
  *p = s + 1;
  return TRUE;
}

/* Moves @p past the value at @p: a string, an object or array (with
 * whatever they contain), or a literal. */
static gboolean
skip_value (const gchar **p, const gchar *end)
{
  guint depth = 0;

  skip_blanks (p, end);
  if (*p >= end)
    return FALSE;

  if (**p == '"')
    return parse_string (p, end, NULL);

  if (**p != '{' && **p != '[') {
    const gchar *start = *p;

    while (*p < end && (g_ascii_isalnum (**p) || strchr ("+-.", **p) != NULL))
      (*p)++;
    return *p > start;
  }

  while (*p < end) {
    if (**p == '"') {
      if (!parse_string (p, end, NULL))
        return FALSE;
      continue;
    }
    if (**p == '{' || **p == '[') {
      depth++;
    } else if (**p == '}' || **p == ']') {
      if (depth == 0)
        return FALSE;
      depth--;
      if (depth == 0) {
        (*p)++;
        return TRUE;
      }
    }
    (*p)++;
  }
  return FALSE;
}

/* The members of the JSON object in @text, or %NULL when it is none. */
static GHashTable *
parse_object (const gchar *text, gsize len)
{
  GHashTable *members;
  const gchar *p = text, *end = text + len;
  GString *name = g_string_new (NULL);

  members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  skip_blanks (&p, end);
  if (p >= end || *p != '{')
    goto invalid;
  p++;
  skip_blanks (&p, end);
  if (p < end && *p == '}')
    goto done;

  for (;;) {
    gchar *value;

    g_string_truncate (name, 0);
    skip_blanks (&p, end);
    if (!parse_string (&p, end, name))
      goto invalid;
    skip_blanks (&p, end);
    if (p >= end || *p != ':')
      goto invalid;
    p++;
    skip_blanks (&p, end);

    if (p < end && *p == '"') {
      GString *string = g_string_new (NULL);

      if (!parse_string (&p, end, string)) {
        g_string_free (string, TRUE);
        goto invalid;
      }
      value = g_string_free (string, FALSE);
    } else {
      const gchar *start = p;

      if (!skip_value (&p, end))
        goto invalid;
      value = g_strndup (start, p - start);
    }
    g_hash_table_insert (members, g_strdup (name->str), value);

    skip_blanks (&p, end);
    if (p < end && *p == ',') {
      p++;
      continue;
    }
    if (p < end && *p == '}')
      break;
    goto invalid;
  }

done:
  g_string_free (name, TRUE);
  return members;

invalid:
  g_hash_table_unref (members);
  members = NULL;
  goto done;
}

static void
append_json_string (GString *out, const gchar *text)
{
  const gchar *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++) {
    switch (*p) {
      case '"':
        g_string_append (out, "\\\"");
        break;
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      default:
        if ((guchar) *p < 0x20)
          g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
        else
          g_string_append_c (out, *p);
        break;
    }
  }
  g_string_append_c (out, '"');
}

/* The control connection */

static void
handle_control_message (
    GstSipTestBaresip *baresip, const gchar *json, gsize len)
{
  GHashTable *members;
  const gchar *flag;

  g_string_append_len (baresip->control_log, json, len);
  g_string_append_c (baresip->control_log, '\n');

  members = parse_object (json, len);
  if (members == NULL) {
    g_test_message ("baresip (pid %d): no JSON object on the control "
                    "connection: %.*s",
        (gint) gst_sip_test_peer_get_pid (baresip->peer), (gint) len, json);
    return;
  }

  flag = g_hash_table_lookup (members, "event");
  if (g_strcmp0 (flag, "true") == 0) {
    GstSipTestBaresipEvent *event = g_new0 (GstSipTestBaresipEvent, 1);
    gpointer key = NULL, value = NULL;

    /* steal the values, free the names */
#define TAKE(field, name)                                          \
  if (g_hash_table_steal_extended (members, name, &key, &value)) { \
    event->field = value;                                          \
    g_free (key);                                                  \
  }
    TAKE (type, "type");
    TAKE (klass, "class");
    TAKE (direction, "direction");
    TAKE (peer_uri, "peeruri");
    TAKE (call_id, "id");
    TAKE (param, "param");
#undef TAKE
    if (event->type == NULL)
      event->type = g_strdup ("");
    event->json = g_strndup (json, len);
    g_ptr_array_add (baresip->events, event);
  }

  flag = g_hash_table_lookup (members, "response");
  if (g_strcmp0 (flag, "true") == 0) {
    Response *response = g_new0 (Response, 1);

    response->token = g_strdup (g_hash_table_lookup (members, "token"));
    response->ok = g_strcmp0 (g_hash_table_lookup (members, "ok"), "true") == 0;
    response->data = g_strdup (g_hash_table_lookup (members, "data"));
    g_ptr_array_add (baresip->responses, response);
  }

  g_hash_table_unref (members);
}

/* Splits the netstrings ("LENGTH:DATA,") that arrived so far into
 * messages. */
static void
parse_control_input (GstSipTestBaresip *baresip)
{
  GByteArray *input = baresip->input;

  while (input->len > 0) {
    const gchar *data = (const gchar *) input->data;
    gsize i, length = 0, total;

    for (i = 0; i < input->len && g_ascii_isdigit (data[i]); i++) {
      length = length * 10 + (data[i] - '0');
      if (length > MAX_NETSTRING)
        goto broken;
    }
    if (i == input->len)
      return;
    if (i == 0 || data[i] != ':')
      goto broken;

    total = i + 1 + length + 1;
    if (input->len < total)
      return;
    if (data[total - 1] != ',')
      goto broken;

    handle_control_message (baresip, data + i + 1, length);
    g_byte_array_remove_range (input, 0, total);
  }
  return;

broken : {
  g_test_message ("baresip (pid %d): no netstring on the control connection "
                  "(%u bytes left)",
      (gint) gst_sip_test_peer_get_pid (baresip->peer), input->len);
  g_byte_array_set_size (input, 0);
  baresip->control_closed = TRUE;
}
}

/* Reads whatever the control connection has, without blocking. */
static void
pump_control (GstSipTestBaresip *baresip)
{
  guint8 buffer[4096];

  while (baresip->control != NULL && !baresip->control_closed) {
    GError *error = NULL;
    gssize n;

    n = g_socket_receive (
        baresip->control, (gchar *) buffer, sizeof (buffer), NULL, &error);
    if (n < 0) {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
        g_test_message ("baresip control connection: %s", error->message);
        baresip->control_closed = TRUE;
      }
      g_error_free (error);
      break;
    }
    if (n == 0) {
      baresip->control_closed = TRUE;
      break;
    }
    g_byte_array_append (baresip->input, buffer, n);
    parse_control_input (baresip);
  }
}

/* Waiting */

static gboolean
on_poll_tick (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
has_exited (GstSipTestBaresip *baresip)
{
  return gst_sip_test_peer_wait_exit (baresip->peer, 0, NULL);
}

/* Calls @func until it returns %TRUE or @timeout_ms passed, reading the
 * control connection before each call and iterating the context of
 * @baresip in between (at least every POLL_INTERVAL_MS). */
static gboolean
wait_for (GstSipTestBaresip *baresip, CheckFunc func, gpointer user_data,
    guint timeout_ms)
{
  gint64 deadline;

  deadline =
      g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  for (;;) {
    GSource *tick;
    gboolean fired = FALSE;
    gint64 remaining;

    pump_control (baresip);
    if (func (baresip, user_data))
      return TRUE;

    remaining = deadline - g_get_monotonic_time ();
    if (remaining <= 0)
      return FALSE;

    remaining =
        (remaining + G_TIME_SPAN_MILLISECOND - 1) / G_TIME_SPAN_MILLISECOND;
    tick = g_timeout_source_new (MIN ((gint64) POLL_INTERVAL_MS, remaining));
    g_source_set_callback (tick, on_poll_tick, &fired, NULL);
    g_source_attach (tick, baresip->context);
    while (!fired)
      g_main_context_iteration (baresip->context, TRUE);
    g_source_destroy (tick);
    g_source_unref (tick);
  }
}

typedef struct
{
  const gchar *text;
  gboolean found;
} LogQuery;

static gboolean
check_log (GstSipTestBaresip *baresip, gpointer user_data)
{
  LogQuery *query = user_data;
  gboolean exited = has_exited (baresip);

  query->found =
      strstr (gst_sip_test_peer_get_log (baresip->peer), query->text) != NULL;

  /* the log was read after the exit: the line may be the last one */
  return query->found || exited;
}

typedef struct
{
  const gchar *token;
  Response *response;
} ResponseQuery;

static gboolean
check_response (GstSipTestBaresip *baresip, gpointer user_data)
{
  ResponseQuery *query = user_data;
  guint i;

  for (i = 0; i < baresip->responses->len; i++) {
    Response *response = g_ptr_array_index (baresip->responses, i);

    if (g_strcmp0 (response->token, query->token) == 0) {
      query->response = g_ptr_array_steal_index (baresip->responses, i);
      return TRUE;
    }
  }
  return baresip->control_closed;
}

typedef struct
{
  const gchar *type;
  GstSipTestBaresipEvent *event;
} EventQuery;

static gboolean
check_event (GstSipTestBaresip *baresip, gpointer user_data)
{
  EventQuery *query = user_data;
  guint i;

  for (i = baresip->n_events_taken; i < baresip->events->len; i++) {
    GstSipTestBaresipEvent *event = g_ptr_array_index (baresip->events, i);

    if (strcmp (event->type, query->type) != 0)
      continue;

    /* events before it are passed over for good */
    query->event = event;
    baresip->n_events_taken = i + 1;
    return TRUE;
  }
  return baresip->control_closed;
}

/* Configuration */

/* The first of @modules that is not in @dir, or %NULL. */
static const gchar *
missing_module (const gchar *dir, const gchar *const *modules)
{
  guint i;

  for (i = 0; modules[i] != NULL; i++) {
    gchar *name = g_strconcat (modules[i], ".so", NULL);
    gchar *path = g_build_filename (dir, name, NULL);
    gboolean found = g_file_test (path, G_FILE_TEST_EXISTS);

    g_free (path);
    g_free (name);
    if (!found)
      return modules[i];
  }
  return NULL;
}

/* Text that can go into a line of baresip's configuration or accounts. */
static gboolean
is_config_safe (const gchar *text)
{
  const gchar *p;

  if (*text == '\0')
    return FALSE;
  for (p = text; *p != '\0'; p++) {
    if (g_ascii_iscntrl (*p) || strchr (" #;<>\"", *p) != NULL)
      return FALSE;
  }
  return TRUE;
}

static gboolean
check_config (const GstSipTestBaresipConfig *config, GError **error)
{
  const gchar *texts[3];
  guint i;

  if (config->address != NULL) {
    GInetAddress *inet = g_inet_address_new_from_string (config->address);
    gboolean ipv4 = inet != NULL &&
        g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV4;

    g_clear_object (&inet);
    if (!ipv4) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          "Invalid baresip address \"%s\": not an IPv4 address",
          config->address);
      return FALSE;
    }
  }

  if (config->port == G_MAXUINT16) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "Invalid baresip port %u: the TLS port after it must exist",
        config->port);
    return FALSE;
  }

  texts[0] = config->user;
  texts[1] = config->answer_mode;
  texts[2] = config->audio_codecs;
  for (i = 0; i < G_N_ELEMENTS (texts); i++) {
    if (texts[i] != NULL &&
        (!is_config_safe (texts[i]) || strpbrk (texts[i], "@:=") != NULL)) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          "Invalid baresip setting \"%s\"", texts[i]);
      return FALSE;
    }
  }

  return TRUE;
}

/* Whether TCP @port is free on @address right now. */
static gboolean
tcp_port_free (const gchar *address, guint16 port)
{
  GInetAddress *inet = g_inet_address_new_from_string (address);
  GSocketAddress *socket_address = g_inet_socket_address_new (inet, port);
  GSocket *socket;
  gboolean free_port = FALSE;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
      G_SOCKET_PROTOCOL_DEFAULT, NULL);
  if (socket != NULL) {
    free_port = g_socket_bind (socket, socket_address, FALSE, NULL);
    g_socket_close (socket, NULL);
    g_object_unref (socket);
  }
  g_object_unref (socket_address);
  g_object_unref (inet);

  return free_port;
}

/* Finds the ports baresip needs: SIP on UDP and TCP (unless @baresip has
 * one already), TLS on the next TCP port, and a TCP port for ctrl_tcp. */
static gboolean
reserve_ports (GstSipTestBaresip *baresip)
{
  gboolean fixed = baresip->port != 0;
  guint attempt;

  for (attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
    guint16 control;

    if (!fixed) {
      baresip->port = gst_sip_test_reserve_port (
          G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_INVALID, baresip->address);
      if (baresip->port == 0 || baresip->port == G_MAXUINT16 ||
          !tcp_port_free (baresip->address, baresip->port + 1))
        continue;
    }

    control = gst_sip_test_reserve_port (
        G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, baresip->address);
    if (control == 0 || control == baresip->port ||
        control == baresip->port + 1)
      continue;

    baresip->control_port = control;
    return TRUE;
  }

  return FALSE;
}

static gboolean
write_file (
    const gchar *dir, const gchar *name, const gchar *contents, GError **error)
{
  gchar *path = g_build_filename (dir, name, NULL);
  gboolean ok = g_file_set_contents (path, contents, -1, error);

  g_free (path);
  return ok;
}

/* Writes config, accounts and contacts into the work directory. */
static gboolean
write_config (GstSipTestBaresip *baresip, const GstSipTestBaresipConfig *config,
    const gchar *modules_dir, GError **error)
{
  GString *text;
  gboolean ok;
  guint i;

  text = g_string_new ("# Written by the gst-sip test harness "
                       "(tests/common/baresip.c).\n");
  g_string_append_printf (text,
      "poll_method\tepoll\n"
      "sip_listen\t%s:%u\n"
      /* the address of SDP and of the Contact: the loopback address, not
       * the address of the first network interface */
      "net_interface\t%s\n"
      "call_local_timeout\t120\n"
      "call_max_calls\t4\n"
      "audio_player\taubridge,gstsip\n"
      "audio_alert\taubridge,gstsip\n"
      "audio_source\tausine,440\n"
      "ausrc_srate\t48000\n"
      "ausrc_channels\t2\n"
      "audio_level\tno\n"
      "rtp_stats\tno\n"
      "module_path\t%s\n",
      baresip->address, baresip->port, baresip->address, modules_dir);
  if (config->video) {
    g_string_append (text,
        "video_source\tfakevideo,nil\n"
        "video_display\tfakevideo,nil\n"
        "video_size\t320x240\n"
        "video_bitrate\t300000\n"
        "video_fps\t15\n");
    for (i = 0; video_modules[i] != NULL; i++)
      g_string_append_printf (text, "module\t%s.so\n", video_modules[i]);
  }
  for (i = 0; required_modules[i] != NULL; i++) {
    const gchar *kind = "module";

    if (strcmp (required_modules[i], "account") == 0)
      kind = "module_tmp";
    else if (strcmp (required_modules[i], "menu") == 0 ||
        strcmp (required_modules[i], "ctrl_tcp") == 0)
      kind = "module_app";
    g_string_append_printf (text, "%s\t%s.so\n", kind, required_modules[i]);
  }
  if (config->media_encryption)
    g_string_append (text, "module\tsrtp.so\n");
  g_string_append_printf (text,
      "ctrl_tcp_listen\t%s:%u\n"
      /* no call statistics on the output every few milliseconds */
      "statmode_default\toff\n",
      baresip->address, baresip->control_port);
  ok = write_file (baresip->workdir, "config", text->str, error);
  g_string_truncate (text, 0);
  if (!ok)
    goto done;

  /* no registration, no NAT traversal, media encryption when asked */
  g_string_append_printf (text,
      "<sip:%s@%s>;regint=0;answermode=%s;audio_codecs=%s%s%s\n", baresip->user,
      baresip->address,
      config->answer_mode ? config->answer_mode : DEFAULT_ANSWER_MODE,
      config->audio_codecs ? config->audio_codecs : DEFAULT_AUDIO_CODECS,
      config->media_encryption ? ";mediaenc=" : "",
      config->media_encryption ? config->media_encryption : "");
  ok = write_file (baresip->workdir, "accounts", text->str, error) &&
      write_file (baresip->workdir, "contacts", "", error);

done:
  g_string_free (text, TRUE);
  return ok;
}

static gboolean
connect_control (GstSipTestBaresip *baresip, GError **error)
{
  GInetAddress *inet;
  GSocketAddress *address;
  gboolean ok;

  baresip->control = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
      G_SOCKET_PROTOCOL_DEFAULT, error);
  if (baresip->control == NULL)
    return FALSE;

  /* a connection to a listening socket on loopback does not block */
  inet = g_inet_address_new_from_string (baresip->address);
  address = g_inet_socket_address_new (inet, baresip->control_port);
  ok = g_socket_connect (baresip->control, address, NULL, error);
  g_object_unref (address);
  g_object_unref (inet);
  if (!ok)
    return FALSE;

  g_socket_set_blocking (baresip->control, FALSE);
  return TRUE;
}

/* Sends all of @data, waiting at most @timeout_ms for room to write. */
static gboolean
send_all (GstSipTestBaresip *baresip, const gchar *data, gsize len,
    guint timeout_ms, GError **error)
{
  gint64 deadline =
      g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (len > 0) {
    gssize n = g_socket_send (baresip->control, data, len, NULL, error);

    if (n < 0) {
      gint64 remaining = deadline - g_get_monotonic_time ();

      if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK) ||
          remaining <= 0)
        return FALSE;
      g_clear_error (error);
      g_socket_condition_timed_wait (
          baresip->control, G_IO_OUT, remaining, NULL, NULL);
      continue;
    }
    data += n;
    len -= n;
  }
  return TRUE;
}

/* Waits until the baresip just started listens for SIP on UDP and TCP and
 * for control connections and is ready, then connects to its control
 * port; on failure, @what says what it did not do. */
static gboolean
wait_ready (GstSipTestBaresip *baresip, const gchar **what)
{
  LogQuery ready = { GST_SIP_TEST_BARESIP_READY, FALSE };
  gchar *control;
  gboolean listens;

  *what = "listen on UDP";
  if (!gst_sip_test_peer_wait_udp_port (baresip->peer, baresip->address,
          baresip->port, GST_SIP_TEST_BARESIP_START_TIMEOUT_MS))
    return FALSE;
  *what = "listen on TCP";
  if (!gst_sip_test_peer_wait_tcp_port (baresip->peer, baresip->address,
          baresip->port, GST_SIP_TEST_BARESIP_START_TIMEOUT_MS))
    return FALSE;
  *what = "get ready";
  if (!wait_for (
          baresip, check_log, &ready, GST_SIP_TEST_BARESIP_START_TIMEOUT_MS) ||
      !ready.found || has_exited (baresip))
    return FALSE;

  /* baresip goes on without a module that failed to load: the control
   * port must be its own, not another process' */
  *what = "listen for control connections";
  control = g_strdup_printf ("ctrl_tcp: TCP socket listening on %s:%u",
      baresip->address, baresip->control_port);
  listens = strstr (gst_sip_test_peer_get_log (baresip->peer), control) != NULL;
  g_free (control);
  if (!listens)
    return FALSE;

  *what = "accept a control connection";
  return connect_control (baresip, NULL);
}

/* Public API */

/**
 * gst_sip_test_baresip_start:
 * @config: how to set baresip up; see #GstSipTestBaresipConfig
 * @error: return location for a #GError
 *
 * Starts baresip as described in baresip.h and waits until it listens for
 * SIP on UDP and TCP, listens for control connections and says it is ready
 * (%GST_SIP_TEST_BARESIP_READY), at most
 * %GST_SIP_TEST_BARESIP_START_TIMEOUT_MS for each step, then connects to
 * its control port.  When the harness chose the ports and another process
 * took one before baresip could bind it, baresip starts again on other
 * ones, up to START_ATTEMPTS times.
 *
 * Returns: (transfer full) (nullable): the running baresip, or %NULL with
 *     @error set: %G_IO_ERROR_NOT_FOUND when baresip or one of its modules
 *     is not installed (tests skip then), %G_IO_ERROR_INVALID_ARGUMENT for
 *     a bad @config, another error with baresip's output in the message
 *     when it did not start.
 */
GstSipTestBaresip *
gst_sip_test_baresip_start (
    const GstSipTestBaresipConfig *config, GError **error)
{
  GstSipTestBaresip *baresip;
  const gchar *program;
  gchar *modules_dir = NULL, *found = NULL;
  const gchar *what = NULL;
  guint attempt;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_config (config, error))
    return NULL;

  program = g_getenv (BARESIP_ENV);
  if (program == NULL || *program == '\0')
    program = "baresip";
  found = gst_sip_test_find_program (program);
  if (found == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
        "baresip not found (set %s to its path)", BARESIP_ENV);
    return NULL;
  }

  modules_dir = gst_sip_test_find_modules_dir (
      "baresip", MODULES_ENV, module_dirs, required_modules, error);
  if (modules_dir == NULL) {
    g_free (found);
    return NULL;
  }
  if (config->video && (what = missing_module (modules_dir, video_modules))) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
        "baresip module %s not found in %s", what, modules_dir);
    g_free (modules_dir);
    g_free (found);
    return NULL;
  }
  if (!is_config_safe (modules_dir)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "Cannot put \"%s\" into a baresip configuration", modules_dir);
    g_free (modules_dir);
    g_free (found);
    return NULL;
  }

  baresip = g_new0 (GstSipTestBaresip, 1);
  baresip->context = g_main_context_ref_thread_default ();
  baresip->address =
      g_strdup (config->address ? config->address : DEFAULT_ADDRESS);
  baresip->user = g_strdup (config->user ? config->user : DEFAULT_USER);
  baresip->port = config->port;
  baresip->input = g_byte_array_new ();
  baresip->control_log = g_string_new (NULL);
  baresip->events =
      g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  baresip->responses =
      g_ptr_array_new_with_free_func ((GDestroyNotify) response_free);

  baresip->workdir = gst_sip_test_make_tmp_dir ("baresip", error);
  if (baresip->workdir == NULL)
    goto failed;

  for (attempt = 1;; attempt++) {
    /* -v: say what happens to calls; -s: trace every SIP message */
    const gchar *argv[] = { found, "-f", baresip->workdir, "-v", "-s", NULL };

    if (!reserve_ports (baresip))
      goto no_port;
    if (!write_config (baresip, config, modules_dir, error))
      goto failed;

    baresip->peer = gst_sip_test_peer_spawn (argv, baresip->workdir, error);
    if (baresip->peer == NULL)
      goto failed;

    if (wait_ready (baresip, &what))
      break;

    /* another process took a port between the reservation and baresip's
     * bind: try other ones */
    if (config->port != 0 || attempt == START_ATTEMPTS ||
        strstr (gst_sip_test_peer_get_log (baresip->peer),
            "Address already in use") == NULL)
      goto not_started;
    g_test_message ("baresip (pid %d) found a port taken, trying others",
        (gint) gst_sip_test_peer_get_pid (baresip->peer));
    g_clear_pointer (&baresip->peer, gst_sip_test_peer_free);
    if (baresip->control != NULL) {
      g_socket_close (baresip->control, NULL);
      g_clear_object (&baresip->control);
    }
    baresip->port = 0;
  }

  g_test_message ("baresip (pid %d) listens on %s port %u (control port %u), "
                  "in %s",
      (gint) gst_sip_test_peer_get_pid (baresip->peer), baresip->address,
      baresip->port, baresip->control_port, baresip->workdir);

done:
  g_free (modules_dir);
  g_free (found);
  return baresip;

  /* ERRORS */
no_port : {
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
      "No free ports for baresip on %s", baresip->address);
  goto failed;
}
not_started : {
  gint status = G_MININT;
  gchar *outcome;

  gst_sip_test_baresip_stop (baresip);
  if (gst_sip_test_peer_wait_exit (baresip->peer, 0, &status))
    outcome = g_strdup_printf ("exit status %d", status);
  else
    outcome = g_strdup ("still running");
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
      "baresip (pid %d) did not %s on %s port %u (control port %u) within "
      "%u ms (%s)\n--- baresip log ---\n%s",
      (gint) gst_sip_test_peer_get_pid (baresip->peer), what, baresip->address,
      baresip->port, baresip->control_port,
      GST_SIP_TEST_BARESIP_START_TIMEOUT_MS, outcome,
      gst_sip_test_peer_get_log (baresip->peer));
  g_free (outcome);
  goto failed;
}
failed : {
  gst_sip_test_baresip_free (baresip);
  baresip = NULL;
  goto done;
}
}

/**
 * gst_sip_test_baresip_get_port:
 * @baresip: a #GstSipTestBaresip
 *
 * Returns: the port baresip listens on for SIP over UDP and TCP.
 */
guint16
gst_sip_test_baresip_get_port (GstSipTestBaresip *baresip)
{
  g_return_val_if_fail (baresip != NULL, 0);

  return baresip->port;
}

/**
 * gst_sip_test_baresip_get_address:
 * @baresip: a #GstSipTestBaresip
 *
 * Returns: the address baresip listens on, such as "127.0.0.1".
 */
const gchar *
gst_sip_test_baresip_get_address (GstSipTestBaresip *baresip)
{
  g_return_val_if_fail (baresip != NULL, NULL);

  return baresip->address;
}

/**
 * gst_sip_test_baresip_dup_uri:
 * @baresip: a #GstSipTestBaresip
 * @transport: (nullable): "udp", "tcp", or %NULL for no transport
 *     parameter
 *
 * Returns: (transfer full): the SIP URI of baresip's account at the
 *     address and port it listens on, such as
 *     "sip:baresip@127.0.0.1:5062;transport=tcp", to call it.
 */
gchar *
gst_sip_test_baresip_dup_uri (
    GstSipTestBaresip *baresip, const gchar *transport)
{
  g_return_val_if_fail (baresip != NULL, NULL);

  return g_strdup_printf ("sip:%s@%s:%u%s%s", baresip->user, baresip->address,
      baresip->port, transport ? ";transport=" : "",
      transport ? transport : "");
}

/**
 * gst_sip_test_baresip_get_pid:
 * @baresip: a #GstSipTestBaresip
 *
 * Returns: the process ID of baresip (see gst_sip_test_peer_get_pid()).
 */
GPid
gst_sip_test_baresip_get_pid (GstSipTestBaresip *baresip)
{
  g_return_val_if_fail (baresip != NULL, 0);

  return gst_sip_test_peer_get_pid (baresip->peer);
}

/**
 * gst_sip_test_baresip_get_workdir:
 * @baresip: a #GstSipTestBaresip
 *
 * Returns: the temporary directory with baresip's configuration and its
 *     log; removed by gst_sip_test_baresip_free() unless
 *     GST_SIP_TEST_KEEP_PEER_DIRS is set.
 */
const gchar *
gst_sip_test_baresip_get_workdir (GstSipTestBaresip *baresip)
{
  g_return_val_if_fail (baresip != NULL, NULL);

  return baresip->workdir;
}

/**
 * gst_sip_test_baresip_get_log:
 * @baresip: a #GstSipTestBaresip
 *
 * Reads what baresip printed so far: what happened to its calls and every
 * SIP message it sent and received.
 *
 * Returns: the log; valid until the next call or
 *     gst_sip_test_baresip_free().
 */
const gchar *
gst_sip_test_baresip_get_log (GstSipTestBaresip *baresip)
{
  g_return_val_if_fail (baresip != NULL, NULL);

  return gst_sip_test_peer_get_log (baresip->peer);
}

/**
 * gst_sip_test_baresip_wait_log:
 * @baresip: a #GstSipTestBaresip
 * @text: the text to wait for
 * @timeout_ms: how long to wait at most
 *
 * Waits until baresip's log contains @text, iterating the context baresip
 * was started from.
 *
 * Returns: %TRUE when the log contains @text, %FALSE after @timeout_ms or
 *     when baresip exited without printing it.
 */
gboolean
gst_sip_test_baresip_wait_log (
    GstSipTestBaresip *baresip, const gchar *text, guint timeout_ms)
{
  LogQuery query = { NULL, FALSE };

  g_return_val_if_fail (baresip != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  query.text = text;
  wait_for (baresip, check_log, &query, timeout_ms);

  return query.found;
}

/**
 * gst_sip_test_baresip_command:
 * @baresip: a #GstSipTestBaresip
 * @command: a command of baresip's menu, such as "dial", "accept" or
 *     "hangup"
 * @params: (nullable): its parameters, such as the URI to dial
 * @data: (out) (optional) (transfer full): what baresip answered
 * @error: return location for a #GError
 *
 * Sends @command on the control connection and waits for baresip's
 * response, at most %GST_SIP_TEST_BARESIP_COMMAND_TIMEOUT_MS, iterating
 * the context baresip was started from.  The events it causes are
 * recorded for gst_sip_test_baresip_wait_event().
 *
 * Returns: %TRUE when baresip carried the command out, %FALSE with @error
 *     set when it refused it (%G_IO_ERROR_FAILED, with its reason), did not
 *     answer in time (%G_IO_ERROR_TIMED_OUT) or the connection broke.
 */
gboolean
gst_sip_test_baresip_command (GstSipTestBaresip *baresip, const gchar *command,
    const gchar *params, gchar **data, GError **error)
{
  ResponseQuery query = { NULL, NULL };
  GString *json, *message;
  gchar *token;
  gboolean ok = FALSE;

  g_return_val_if_fail (baresip != NULL, FALSE);
  g_return_val_if_fail (command != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data != NULL)
    *data = NULL;

  if (baresip->control == NULL || baresip->control_closed) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
        "The control connection of baresip (pid %d) is closed",
        (gint) gst_sip_test_peer_get_pid (baresip->peer));
    return FALSE;
  }

  token = g_strdup_printf ("gst-sip-%u", ++baresip->next_token);
  json = g_string_new ("{\"command\":");
  append_json_string (json, command);
  if (params != NULL) {
    g_string_append (json, ",\"params\":");
    append_json_string (json, params);
  }
  g_string_append (json, ",\"token\":");
  append_json_string (json, token);
  g_string_append_c (json, '}');
  message = g_string_new (NULL);
  g_string_append_printf (
      message, "%" G_GSIZE_FORMAT ":%s,", json->len, json->str);

  if (!send_all (baresip, message->str, message->len,
          GST_SIP_TEST_BARESIP_COMMAND_TIMEOUT_MS, error))
    goto done;

  query.token = token;
  if (!wait_for (baresip, check_response, &query,
          GST_SIP_TEST_BARESIP_COMMAND_TIMEOUT_MS)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
        "baresip did not answer %s within %u ms", json->str,
        GST_SIP_TEST_BARESIP_COMMAND_TIMEOUT_MS);
    goto done;
  }
  if (query.response == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
        "The control connection of baresip closed before it answered %s",
        json->str);
    goto done;
  }
  if (!query.response->ok) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "baresip refused %s: %s",
        json->str, query.response->data ? query.response->data : "");
    goto done;
  }

  if (data != NULL)
    *data = g_steal_pointer (&query.response->data);
  ok = TRUE;

done:
  g_clear_pointer (&query.response, response_free);
  g_string_free (message, TRUE);
  g_string_free (json, TRUE);
  g_free (token);
  return ok;
}

/**
 * gst_sip_test_baresip_wait_event:
 * @baresip: a #GstSipTestBaresip
 * @type: the type of event, such as "CALL_ESTABLISHED"
 * @timeout_ms: how long to wait at most
 *
 * Waits for baresip to report an event of @type on the control connection,
 * iterating the context baresip was started from.  Events are taken in
 * the order they came: this returns the first event of @type after the
 * event the previous call returned, and passes over the events in
 * between for good.  Those stay in gst_sip_test_baresip_get_control_log()
 * and gst_sip_test_baresip_count_events().
 *
 * Returns: (transfer none) (nullable): the event, owned by @baresip; %NULL
 *     after @timeout_ms or when the control connection closed.
 */
const GstSipTestBaresipEvent *
gst_sip_test_baresip_wait_event (
    GstSipTestBaresip *baresip, const gchar *type, guint timeout_ms)
{
  EventQuery query = { NULL, NULL };

  g_return_val_if_fail (baresip != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);

  query.type = type;
  wait_for (baresip, check_event, &query, timeout_ms);

  return query.event;
}

/**
 * gst_sip_test_baresip_count_events:
 * @baresip: a #GstSipTestBaresip
 * @type: the type of event, such as "CALL_CLOSED"
 *
 * Reads what arrived on the control connection, without waiting.
 *
 * Returns: how many events of @type baresip reported so far.
 */
guint
gst_sip_test_baresip_count_events (
    GstSipTestBaresip *baresip, const gchar *type)
{
  guint i, count = 0;

  g_return_val_if_fail (baresip != NULL, 0);
  g_return_val_if_fail (type != NULL, 0);

  pump_control (baresip);
  for (i = 0; i < baresip->events->len; i++) {
    GstSipTestBaresipEvent *event = g_ptr_array_index (baresip->events, i);

    if (strcmp (event->type, type) == 0)
      count++;
  }
  return count;
}

/**
 * gst_sip_test_baresip_get_control_log:
 * @baresip: a #GstSipTestBaresip
 *
 * Reads what arrived on the control connection, without waiting.
 *
 * Returns: every event and response baresip sent on the control
 *     connection, one JSON object per line, for failure reports; valid
 *     until the next call to a function of @baresip.
 */
const gchar *
gst_sip_test_baresip_get_control_log (GstSipTestBaresip *baresip)
{
  g_return_val_if_fail (baresip != NULL, NULL);

  pump_control (baresip);
  return baresip->control_log->str;
}

/**
 * gst_sip_test_baresip_stop:
 * @baresip: a #GstSipTestBaresip
 *
 * Closes the control connection and stops baresip with
 * gst_sip_test_peer_stop() (SIGTERM, then SIGKILL, each bounded).  baresip
 * ends its calls on SIGTERM.  Its log stays readable.
 */
void
gst_sip_test_baresip_stop (GstSipTestBaresip *baresip)
{
  g_return_if_fail (baresip != NULL);

  if (baresip->peer == NULL || baresip->stopped)
    return;
  baresip->stopped = TRUE;

  if (baresip->control != NULL) {
    pump_control (baresip);
    g_socket_close (baresip->control, NULL);
    g_clear_object (&baresip->control);
  }
  gst_sip_test_peer_stop (baresip->peer);
}

/**
 * gst_sip_test_baresip_free:
 * @baresip: (nullable): a #GstSipTestBaresip
 *
 * Stops baresip (see gst_sip_test_baresip_stop()) and frees it, removing
 * its work directory unless GST_SIP_TEST_KEEP_PEER_DIRS is set.
 */
void
gst_sip_test_baresip_free (GstSipTestBaresip *baresip)
{
  if (baresip == NULL)
    return;

  if (baresip->peer != NULL) {
    gst_sip_test_baresip_stop (baresip);
    gst_sip_test_peer_free (baresip->peer);
  }
  if (baresip->control != NULL) {
    g_socket_close (baresip->control, NULL);
    g_object_unref (baresip->control);
  }

  if (baresip->workdir != NULL &&
      g_getenv ("GST_SIP_TEST_KEEP_PEER_DIRS") == NULL)
    gst_sip_test_remove_tree (baresip->workdir);

  g_clear_pointer (&baresip->context, g_main_context_unref);
  g_byte_array_unref (baresip->input);
  g_string_free (baresip->control_log, TRUE);
  g_ptr_array_unref (baresip->events);
  g_ptr_array_unref (baresip->responses);
  g_free (baresip->workdir);
  g_free (baresip->address);
  g_free (baresip->user);
  g_free (baresip);
}
