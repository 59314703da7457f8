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

/* Calls through kamailio (tests/common/kamailio.h) as registrar and
 * record-routing proxy with digest authentication, over UDP and TCP on
 * 127.0.0.1.
 *
 * alice and bob are two user agents, each with an account registered at
 * kamailio.  alice calls bob by his address of record through kamailio,
 * her outbound proxy: kamailio challenges the INVITE with 407, alice
 * answers with credentials, kamailio finds bob's binding and forwards the
 * INVITE with a Record-Route.  Both ends must then keep kamailio in their
 * route set: the ACK, a MESSAGE in the call from the end that does not
 * hang up and the BYE of the other carry a Route to kamailio, which routes
 * them on (loose routing), and they reach the other end with kamailio's
 * Via on top.  What the user agents send and receive is taken from the
 * "sipwire" debug category; kamailio's log shows what it routed.
 *
 * Also: a call to a user without a binding ends with kamailio's 404, a
 * wrong password ends the call with the second 407 (one retry, no loop),
 * and a CANCEL of a ringing call goes through kamailio (487 on both ends).
 *
 * Skipped when kamailio is not installed. */

#include <string.h>

#include <sip/sip.h>

#include "kamailio.h"
#include "test-utils.h"

#define T1 20
/* Upper bound for a registration, a call setup or a hang-up on loopback */
#define WAIT_MS 10000
#define LOG_TIMEOUT_MS 5000
/* How long nothing more may happen after a call failed */
#define QUIET_MS 300

#define ADDRESS "127.0.0.1"
/* kamailio's domain and realm */
#define DOMAIN "example.test"
#define ALICE_PASSWORD "alice-secret"
#define BOB_PASSWORD "bob:secret"

#define ALICE_RTP_PORT 40000
#define BOB_RTP_PORT 40010

typedef struct
{
  GstSipTransportProtocol protocol;
} Params;

/* One message a user agent sent or received, from the sipwire log. */
typedef struct
{
  gboolean sent;
  gchar *peer; /* "address:port" it went to or came from */
  gchar *text;
  GstSipMessage *message; /* NULL when it did not parse */
} WireMessage;

typedef enum
{
  BOB_ANSWER,
  BOB_RING_THEN_ANSWER,
  BOB_RING,
} BobMode;

/* One user agent with its account and call. */
typedef struct
{
  const gchar *name;
  GstSipUserAgent *ua;
  GstSipTransport *transport;
  GstSipAccount *account;
  gboolean registered;
  /* the last register_async() or unregister_async() */
  gboolean done;
  guint code;
  GError *error;
  GstSipCall *call;
  GArray *states; /* GstSipCallState */
  GPtrArray *wire; /* WireMessage */
  guint n_messages; /* MESSAGEs its call received */
  /* the last gst_sip_call_send_request_async() */
  gboolean request_done;
  GstSipMessage *request_response;
} Party;

typedef struct
{
  const Params *params;
  GstSipTestKamailio *kamailio;
  Party alice;
  Party bob;
  GMutex lock; /* the wire logs, which the log function fills */
  BobMode bob_mode;

  gboolean dialed;
  guint dial_status;
  GError *dial_error;
} Fixture;

/* The fixture of the test that runs, for the log function; and its lock */
static Fixture *current;
static GMutex current_lock;

static const gchar *const users[] = { "alice:" ALICE_PASSWORD,
  "bob:" BOB_PASSWORD, NULL };

static gboolean
params_tcp (const Params *p)
{
  return p->protocol == GST_SIP_TRANSPORT_PROTOCOL_TCP;
}

static const gchar *
enum_nick (GType type, gint value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);
  const gchar *nick = v ? v->value_nick : "?";

  g_type_class_unref (klass);
  return nick;
}

/* Wire log */

static void
wire_message_free (WireMessage *w)
{
  g_free (w->peer);
  g_free (w->text);
  g_clear_pointer (&w->message, gst_sip_message_unref);
  g_free (w);
}

/* Keeps the sipwire lines of the transports of alice and bob of the
 * current test: "sent N bytes UDP to ADDRESS:PORT:\n" or "received ...
 * from ADDRESS:PORT:\n", then the message.  Installed once for all tests
 * (GStreamer leaks a little with every change of its log functions). */
static void
log_function (GstDebugCategory *category, GstDebugLevel level,
    const gchar *file, const gchar *function, gint line, GObject *object,
    GstDebugMessage *message, gpointer user_data)
{
  Fixture *f;
  const gchar *text, *nl, *where;
  Party *party = NULL;
  WireMessage *w;

  if (level != GST_LEVEL_LOG ||
      g_strcmp0 (gst_debug_category_get_name (category), "sipwire") != 0 ||
      object == NULL)
    return;

  text = gst_debug_message_get (message);
  nl = strchr (text, '\n');
  if (nl == NULL || nl == text || nl[-1] != ':')
    return;

  g_mutex_lock (&current_lock);
  f = current;
  if (f != NULL && object == (GObject *) f->alice.transport)
    party = &f->alice;
  else if (f != NULL && object == (GObject *) f->bob.transport)
    party = &f->bob;
  if (party == NULL) {
    g_mutex_unlock (&current_lock);
    return;
  }

  w = g_new0 (WireMessage, 1);
  w->sent = g_str_has_prefix (text, "sent ");
  where = g_strstr_len (text, nl - text, w->sent ? " to " : " from ");
  if (where != NULL) {
    where += w->sent ? 4 : 6;
    w->peer = g_strndup (where, nl - 1 - where);
  }
  w->text = g_strdup (nl + 1);
  w->message = gst_sip_message_new_from_bytes (
      (const guint8 *) w->text, strlen (w->text), NULL);

  g_mutex_lock (&f->lock);
  g_ptr_array_add (party->wire, w);
  g_mutex_unlock (&f->lock);
  g_mutex_unlock (&current_lock);
}

/* Failure reports */

static void
append_party (GString *report, Party *p)
{
  guint i;

  g_string_append_printf (report, "--- %s ---\n", p->name);
  if (p->account != NULL)
    g_string_append_printf (report, "account %s: %s, status %u\n",
        gst_sip_account_get_aor (p->account),
        enum_nick (
            GST_TYPE_SIP_ACCOUNT_STATE, gst_sip_account_get_state (p->account)),
        gst_sip_account_get_status_code (p->account));
  if (p->call != NULL) {
    g_string_append_printf (report, "call: %s, status %u (%s), states",
        enum_nick (GST_TYPE_SIP_CALL_STATE, gst_sip_call_get_state (p->call)),
        gst_sip_call_get_status_code (p->call),
        gst_sip_call_get_reason (p->call) ? gst_sip_call_get_reason (p->call)
                                          : "");
    for (i = 0; i < p->states->len; i++)
      g_string_append_printf (report, " %s",
          enum_nick (GST_TYPE_SIP_CALL_STATE,
              g_array_index (p->states, GstSipCallState, i)));
    g_string_append_c (report, '\n');
  }
  if (p->ua != NULL)
    g_string_append_printf (report, "%u calls, %u transactions\n",
        gst_sip_user_agent_get_n_calls (p->ua),
        gst_sip_user_agent_get_n_transactions (p->ua));
  for (i = 0; i < p->wire->len; i++) {
    WireMessage *w = g_ptr_array_index (p->wire, i);

    g_string_append_printf (report, "%s %s %s:\n%s\n", p->name,
        w->sent ? "sent to" : "received from", w->peer ? w->peer : "?",
        w->text);
  }
}

/* Fails the test with @problem, what alice and bob sent and received, and
 * kamailio's log. */
static void
fail_with_logs (Fixture *f, const gchar *file, gint line, const gchar *func,
    const gchar *problem)
{
  GString *report = g_string_new (problem);
  gchar **lines;
  gchar *text;

  g_string_append_c (report, '\n');
  g_mutex_lock (&f->lock);
  append_party (report, &f->alice);
  append_party (report, &f->bob);
  g_mutex_unlock (&f->lock);
  if (f->dial_error != NULL)
    g_string_append_printf (report, "dial error: %s\n", f->dial_error->message);
  if (f->kamailio != NULL)
    g_string_append_printf (report, "--- kamailio log ---\n%s",
        gst_sip_test_kamailio_get_log (f->kamailio));

  /* the assertion message goes to a TAP "Bail out!" line: make the lines
   * after the first TAP comments */
  lines = g_strsplit (report->str, "\n", -1);
  text = g_strjoinv ("\n# ", lines);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, text);
  g_free (text);
  g_strfreev (lines);
  g_string_free (report, TRUE);
}

#define CHECK(f, expr)                                                   \
  G_STMT_START                                                           \
  {                                                                      \
    if (!(expr))                                                         \
      fail_with_logs (                                                   \
          f, __FILE__, __LINE__, G_STRFUNC, "assertion failed: " #expr); \
  }                                                                      \
  G_STMT_END

#define CHECK_CMPUINT(f, a, op, b)                                             \
  G_STMT_START                                                                 \
  {                                                                            \
    guint64 check_a = (a), check_b = (b);                                      \
    if (!(check_a op check_b)) {                                               \
      gchar *check_s = g_strdup_printf ("assertion failed: " #a " " #op " " #b \
                                        " (%" G_GUINT64_FORMAT " " #op         \
                                        " %" G_GUINT64_FORMAT ")",             \
          check_a, check_b);                                                   \
      fail_with_logs (f, __FILE__, __LINE__, G_STRFUNC, check_s);              \
      g_free (check_s);                                                        \
    }                                                                          \
  }                                                                            \
  G_STMT_END

static void fail_printf (Fixture *f, const gchar *file, gint line,
    const gchar *func, const gchar *format, ...) G_GNUC_PRINTF (5, 6);

static void
fail_printf (Fixture *f, const gchar *file, gint line, const gchar *func,
    const gchar *format, ...)
{
  va_list args;
  gchar *problem;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  fail_with_logs (f, file, line, func, problem);
  g_free (problem);
}

#define FAIL(f, ...) fail_printf (f, __FILE__, __LINE__, G_STRFUNC, __VA_ARGS__)

/* kamailio's log */

static guint
count_occurrences (const gchar *haystack, const gchar *needle)
{
  guint n = 0;
  const gchar *p = haystack;

  while ((p = strstr (p, needle)) != NULL) {
    n++;
    p += strlen (needle);
  }
  return n;
}

static guint
count_log (Fixture *f, const gchar *text)
{
  return count_occurrences (gst_sip_test_kamailio_get_log (f->kamailio), text);
}

static void
assert_log_contains (Fixture *f, const gchar *text)
{
  if (!gst_sip_test_kamailio_wait_log (f->kamailio, text, LOG_TIMEOUT_MS))
    FAIL (f, "kamailio did not log \"%s\"", text);
}

/* Accounts */

static void
registered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Party *p = user_data;

  p->code = gst_sip_account_register_finish (
      GST_SIP_ACCOUNT (source), result, &p->error);
  p->done = TRUE;
}

static void
unregistered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Party *p = user_data;

  p->code = gst_sip_account_unregister_finish (
      GST_SIP_ACCOUNT (source), result, &p->error);
  p->done = TRUE;
}

static gboolean
party_done (gpointer user_data)
{
  return ((Party *) user_data)->done;
}

/* A user agent with one transport of the test's protocol, and an account
 * @user@DOMAIN registering at kamailio, which is also its outbound proxy;
 * not registered yet. */
static void
party_init (Fixture *f, Party *p, const gchar *name, const gchar *password)
{
  GError *error = NULL;
  gchar *aor, *server;

  p->name = name;
  p->states = g_array_new (FALSE, FALSE, sizeof (GstSipCallState));
  p->wire = g_ptr_array_new_with_free_func ((GDestroyNotify) wire_message_free);

  p->ua = gst_sip_test_user_agent_new (T1);
  g_mutex_lock (&f->lock);
  p->transport = gst_sip_user_agent_add_transport (
      p->ua, f->params->protocol, ADDRESS, 0, &error);
  g_mutex_unlock (&f->lock);
  g_assert_no_error (error);
  g_assert_nonnull (p->transport);

  aor = g_strdup_printf ("sip:%s@" DOMAIN, name);
  p->account = gst_sip_account_new (p->ua, aor, &error);
  g_assert_no_error (error);
  g_assert_nonnull (p->account);
  server = gst_sip_test_kamailio_dup_uri (f->kamailio, NULL);
  g_object_set (p->account, "transport", f->params->protocol, "registrar",
      server, "proxy", server, "password", password, NULL);
  g_free (server);
  g_free (aor);
}

static void
party_register (Fixture *f, Party *p)
{
  gchar *saved;

  p->done = FALSE;
  g_clear_error (&p->error);
  gst_sip_account_register_async (p->account, NULL, registered_cb, p);
  CHECK (f, gst_sip_test_wait (party_done, p, WAIT_MS));
  if (p->error != NULL)
    FAIL (f, "%s did not register: %s", p->name, p->error->message);
  CHECK_CMPUINT (f, p->code, ==, 200);
  CHECK_CMPUINT (f, gst_sip_account_get_state (p->account), ==,
      GST_SIP_ACCOUNT_STATE_REGISTERED);
  p->registered = TRUE;

  saved = g_strdup_printf ("REGISTER sip:%s@" DOMAIN ": saved", p->name);
  assert_log_contains (f, saved);
  g_free (saved);
}

static void
party_unregister (Fixture *f, Party *p)
{
  p->done = FALSE;
  g_clear_error (&p->error);
  gst_sip_account_unregister_async (p->account, NULL, unregistered_cb, p);
  CHECK (f, gst_sip_test_wait (party_done, p, WAIT_MS));
  if (p->error != NULL)
    FAIL (f, "%s did not unregister: %s", p->name, p->error->message);
  CHECK_CMPUINT (f, p->code, ==, 200);
  p->registered = FALSE;
}

static void
party_clear (Fixture *f, Party *p)
{
  g_clear_object (&p->call);
  g_clear_object (&p->account);
  g_mutex_lock (&f->lock);
  p->transport = NULL;
  g_mutex_unlock (&f->lock);
  g_clear_object (&p->ua);
  g_clear_error (&p->error);
  g_clear_pointer (&p->request_response, gst_sip_message_unref);
  g_array_unref (p->states);
  g_ptr_array_unref (p->wire);
}

/* Calls */

static GstSipSdpNegotiator *
new_negotiator (guint port)
{
  GstSipSdpNegotiator *n = gst_sip_sdp_negotiator_new (ADDRESS);

  gst_sip_sdp_negotiator_add_media (n, "audio", port, NULL);
  return n;
}

static void
on_state (GstSipCall *call, GParamSpec *pspec, GArray *states)
{
  GstSipCallState state = gst_sip_call_get_state (call);

  g_array_append_val (states, state);
}

static void
on_message (GstSipCall *call, GstSipMessage *request, Party *p)
{
  p->n_messages++;
}

static void
watch_call (Party *p)
{
  g_signal_connect (p->call, "notify::state", G_CALLBACK (on_state), p->states);
  g_signal_connect (p->call, "message-received", G_CALLBACK (on_message), p);
}

static gboolean
answer_later (gpointer user_data)
{
  Fixture *f = user_data;

  if (f->bob.call != NULL &&
      gst_sip_call_get_state (f->bob.call) == GST_SIP_CALL_STATE_RINGING)
    g_assert_true (gst_sip_call_answer (f->bob.call, NULL));
  return G_SOURCE_REMOVE;
}

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, Fixture *f)
{
  GstSipSdpNegotiator *n;
  GError *error = NULL;

  g_assert_null (f->bob.call);
  f->bob.call = g_object_ref (call);
  watch_call (&f->bob);

  n = new_negotiator (BOB_RTP_PORT);
  gst_sip_call_set_negotiator (call, n);
  g_object_unref (n);

  switch (f->bob_mode) {
    case BOB_ANSWER:
      g_assert_true (gst_sip_call_answer (call, &error));
      break;
    case BOB_RING_THEN_ANSWER:
      g_assert_true (gst_sip_call_ring (call, FALSE, &error));
      g_timeout_add (5 * T1, answer_later, f);
      break;
    case BOB_RING:
      g_assert_true (gst_sip_call_ring (call, FALSE, &error));
      break;
  }
  g_assert_no_error (error);
  return TRUE;
}

static void
dial_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->dial_status =
      gst_sip_call_dial_finish (GST_SIP_CALL (source), result, &f->dial_error);
  f->dialed = TRUE;
}

static gboolean
is_dialed (gpointer user_data)
{
  return ((Fixture *) user_data)->dialed;
}

/* alice calls sip:USER@DOMAIN as her account. */
static void
dial (Fixture *f, const gchar *user)
{
  GstSipSdpNegotiator *n = new_negotiator (ALICE_RTP_PORT);
  gchar *uri = g_strdup_printf ("sip:%s@" DOMAIN, user);

  f->alice.call = gst_sip_call_new (f->alice.ua, f->alice.account);
  watch_call (&f->alice);
  gst_sip_call_set_negotiator (f->alice.call, n);
  g_object_unref (n);
  gst_sip_call_dial_async (f->alice.call, uri, NULL, dial_done, f);
  g_free (uri);
}

typedef struct
{
  Party *party;
  GstSipCallState state;
} StateWait;

static gboolean
has_state (gpointer user_data)
{
  StateWait *w = user_data;

  return w->party->call != NULL &&
      gst_sip_call_get_state (w->party->call) == w->state;
}

static void
wait_state (Fixture *f, Party *p, GstSipCallState state)
{
  StateWait w = { p, state };

  if (!gst_sip_test_wait (has_state, &w, WAIT_MS))
    FAIL (f, "the call of %s did not become %s within %u ms", p->name,
        enum_nick (GST_TYPE_SIP_CALL_STATE, state), WAIT_MS);
}

static gboolean
states_contain (GArray *states, GstSipCallState state)
{
  guint i;

  for (i = 0; i < states->len; i++)
    if (g_array_index (states, GstSipCallState, i) == state)
      return TRUE;
  return FALSE;
}

static gboolean
all_quiet (gpointer user_data)
{
  Fixture *f = user_data;

  return gst_sip_user_agent_get_n_calls (f->alice.ua) == 0 &&
      gst_sip_user_agent_get_n_calls (f->bob.ua) == 0 &&
      gst_sip_user_agent_get_n_transactions (f->alice.ua) == 0 &&
      gst_sip_user_agent_get_n_transactions (f->bob.ua) == 0;
}

/* Wire checks */

/* The @index-th message (0 for the first) @p sent (@sent) or received
 * that is a @method request, or a response with @code to @method when
 * @code is not 0; with @to_tag, only those with that To tag. */
static GstSipMessage *
find_wire (Fixture *f, Party *p, gboolean sent, const gchar *method, guint code,
    const gchar *to_tag, guint index, gchar **peer)
{
  GstSipMessage *found = NULL;
  guint i;

  g_mutex_lock (&f->lock);
  for (i = 0; i < p->wire->len && found == NULL; i++) {
    WireMessage *w = g_ptr_array_index (p->wire, i);
    GstSipMessage *m = w->message;

    if (w->sent != sent || m == NULL)
      continue;
    if (code == 0 &&
        (!gst_sip_message_is_request (m) ||
            g_strcmp0 (gst_sip_message_get_method_name (m), method) != 0))
      continue;
    if (code != 0 &&
        (!gst_sip_message_is_response (m) ||
            gst_sip_message_get_status_code (m) != code ||
            g_strcmp0 (gst_sip_message_get_cseq_method_name (m), method) != 0))
      continue;
    if (to_tag != NULL &&
        g_strcmp0 (gst_sip_message_get_to_tag (m), to_tag) != 0)
      continue;
    if (index-- > 0)
      continue;
    found = gst_sip_message_ref (m);
    if (peer != NULL)
      *peer = g_strdup (w->peer);
  }
  g_mutex_unlock (&f->lock);

  return found;
}

/* How many @method requests @p sent (@sent) or received: retransmissions
 * (with T1 = 20 ms there may be some) count once. */
static guint
count_wire (Fixture *f, Party *p, gboolean sent, const gchar *method)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);
  GstSipMessage *m;
  guint32 seq;
  guint i = 0, n;

  while ((m = find_wire (f, p, sent, method, 0, NULL, i++, NULL)) != NULL) {
    seq = 0;
    gst_sip_message_get_cseq (m, &seq, NULL);
    g_hash_table_add (seen, GUINT_TO_POINTER (seq));
    gst_sip_message_unref (m);
  }
  n = g_hash_table_size (seen);
  g_hash_table_unref (seen);
  return n;
}

/* The first @method request with CSeq @seq that @p sent (@sent) or
 * received, or NULL. */
static GstSipMessage *
find_wire_cseq (Fixture *f, Party *p, gboolean sent, const gchar *method,
    guint32 seq, gchar **peer)
{
  GstSipMessage *m;
  gchar *where = NULL;
  guint32 value;
  guint i = 0;

  while ((m = find_wire (f, p, sent, method, 0, NULL, i++, &where)) != NULL) {
    value = 0;
    gst_sip_message_get_cseq (m, &value, NULL);
    if (value == seq)
      break;
    gst_sip_message_unref (m);
    g_clear_pointer (&where, g_free);
  }
  if (peer != NULL)
    *peer = where;
  else
    g_free (where);
  return m;
}

typedef struct
{
  Fixture *f;
  Party *party;
  gboolean sent;
  const gchar *method;
  guint code;
  const gchar *to_tag;
} WireWait;

static gboolean
has_wire (gpointer user_data)
{
  WireWait *w = user_data;
  GstSipMessage *m = find_wire (
      w->f, w->party, w->sent, w->method, w->code, w->to_tag, 0, NULL);

  if (m == NULL)
    return FALSE;
  gst_sip_message_unref (m);
  return TRUE;
}

/* The first message like find_wire() describes, waiting for it. */
static GstSipMessage *
wait_wire (Fixture *f, Party *p, gboolean sent, const gchar *method, guint code,
    const gchar *to_tag, gchar **peer)
{
  WireWait w = { f, p, sent, method, code, to_tag };
  GstSipMessage *m;

  if (!gst_sip_test_wait (has_wire, &w, WAIT_MS))
    FAIL (f, "%s %s no %s %u within %u ms", p->name, sent ? "sent" : "received",
        method, code, WAIT_MS);
  m = find_wire (f, p, sent, method, code, to_tag, 0, peer);
  g_assert_nonnull (m);
  return m;
}

/* Whether @uri is kamailio's, for loose routing. */
static gboolean
is_kamailio_uri (Fixture *f, const GstSipUri *uri)
{
  return uri != NULL &&
      g_strcmp0 (gst_sip_uri_get_host (uri),
          gst_sip_test_kamailio_get_address (f->kamailio)) == 0 &&
      gst_sip_uri_get_port (uri) ==
      gst_sip_test_kamailio_get_port (f->kamailio) &&
      gst_sip_uri_has_param (uri, "lr");
}

/* @m carries exactly one @name (Route or Record-Route) header address, and
 * it is kamailio's. */
static void
check_kamailio_route (Fixture *f, GstSipMessage *m, const gchar *name)
{
  GList *addresses = gst_sip_message_get_addresses (m, name);
  gchar *text = gst_sip_message_to_string (m);

  if (g_list_length (addresses) != 1 ||
      !is_kamailio_uri (f, gst_sip_address_get_uri (addresses->data)))
    FAIL (f, "expected one %s of kamailio (port %u) in:\n%s", name,
        gst_sip_test_kamailio_get_port (f->kamailio), text);
  g_free (text);
  g_list_free_full (addresses, (GDestroyNotify) gst_sip_address_free);
}

static gchar *
kamailio_peer (Fixture *f)
{
  return g_strdup_printf ("%s:%u",
      gst_sip_test_kamailio_get_address (f->kamailio),
      gst_sip_test_kamailio_get_port (f->kamailio));
}

/* @m's Request-URI is @p's contact: its user at its transport. */
static void
check_request_uri (Fixture *f, GstSipMessage *m, Party *p)
{
  const GstSipUri *ruri = gst_sip_message_get_request_uri (m);

  if (g_strcmp0 (gst_sip_uri_get_user (ruri), p->name) != 0 ||
      g_strcmp0 (gst_sip_uri_get_host (ruri), ADDRESS) != 0 ||
      gst_sip_uri_get_port (ruri) !=
          gst_sip_transport_get_port (p->transport)) {
    gchar *text = gst_sip_uri_to_string (ruri);

    FAIL (f, "%s %s is not for the contact of %s",
        gst_sip_message_get_method_name (m), text, p->name);
    g_free (text);
  }
}

/* @from sent a @method in the dialog to kamailio, with kamailio's
 * Record-Route as its Route and @to's contact as its Request-URI; @to
 * received it from kamailio, with kamailio's Via on top of @from's and
 * no Route left; kamailio loose-routed it. */
static void
check_routed (Fixture *f, Party *from, Party *to, const gchar *method)
{
  GstSipMessage *ok, *sent, *received;
  const gchar *to_tag;
  GstSipVia *via, *sent_via;
  gchar *peer = NULL, *expected_peer = kamailio_peer (f);
  gchar *logged;

  /* in the dialog: the To tag is the peer's (the ACK of the 407 has
   * kamailio's) */
  ok = wait_wire (f, &f->alice, FALSE, "INVITE", 200, NULL, NULL);
  to_tag = from == &f->alice ? gst_sip_message_get_to_tag (ok)
                             : gst_sip_message_get_from_tag (ok);
  sent = wait_wire (f, from, TRUE, method, 0, to_tag, &peer);
  check_kamailio_route (f, sent, "Route");
  check_request_uri (f, sent, to);
  if (g_strcmp0 (peer, expected_peer) != 0)
    FAIL (f, "%s sent the %s to %s, not to kamailio at %s", from->name, method,
        peer, expected_peer);
  CHECK_CMPUINT (f, gst_sip_message_get_n_vias (sent), ==, 1);

  received = wait_wire (f, to, FALSE, method, 0, to_tag, NULL);
  CHECK (f,
      g_strcmp0 (gst_sip_message_get_call_id (received),
          gst_sip_message_get_call_id (sent)) == 0);
  CHECK_CMPUINT (f, gst_sip_message_get_n_vias (received), ==, 2);
  via = gst_sip_message_get_via (received, 0);
  CHECK (f, g_strcmp0 (gst_sip_via_get_host (via), ADDRESS) == 0);
  CHECK_CMPUINT (f, gst_sip_via_get_port (via), ==,
      gst_sip_test_kamailio_get_port (f->kamailio));
  CHECK (f,
      g_ascii_strcasecmp (gst_sip_via_get_transport (via),
          params_tcp (f->params) ? "TCP" : "UDP") == 0);
  gst_sip_via_free (via);
  /* the second is the sender's own */
  via = gst_sip_message_get_via (received, 1);
  sent_via = gst_sip_message_get_via (sent, 0);
  CHECK (f,
      g_strcmp0 (gst_sip_via_get_branch (via),
          gst_sip_via_get_branch (sent_via)) == 0);
  gst_sip_via_free (sent_via);
  gst_sip_via_free (via);
  CHECK_CMPUINT (f, gst_sip_message_count_headers (received, "Route"), ==, 0);
  CHECK_CMPUINT (f, gst_sip_message_get_max_forwards (received), ==,
      gst_sip_message_get_max_forwards (sent) - 1);

  logged = g_strdup_printf ("in-dialog %s to sip:%s@" ADDRESS ":%u", method,
      to->name, gst_sip_transport_get_port (to->transport));
  assert_log_contains (f, logged);

  g_free (logged);
  g_free (expected_peer);
  g_free (peer);
  gst_sip_message_unref (received);
  gst_sip_message_unref (sent);
  gst_sip_message_unref (ok);
}

/* The INVITE went through kamailio: alice sent it twice (the second time
 * with credentials for the 407) to kamailio, bob got it once, from kamailio,
 * with kamailio's Record-Route; the 2xx reached alice with it too. */
static void
check_invite_path (Fixture *f, gboolean answered)
{
  GstSipMessage *m;
  gchar *peer = NULL, *expected_peer = kamailio_peer (f);

  m = wait_wire (f, &f->alice, FALSE, "INVITE", 407, NULL, NULL);
  CHECK_CMPUINT (
      f, gst_sip_message_count_headers (m, "Proxy-Authenticate"), ==, 1);
  gst_sip_message_unref (m);

  m = find_wire_cseq (f, &f->alice, TRUE, "INVITE", 2, &peer);
  CHECK (f, m != NULL);
  CHECK (f, g_strcmp0 (peer, expected_peer) == 0);
  check_kamailio_route (f, m, "Route");
  /* the log masks the credentials */
  CHECK_CMPUINT (
      f, gst_sip_message_count_headers (m, "Proxy-Authorization"), ==, 1);
  gst_sip_message_unref (m);
  CHECK_CMPUINT (f, count_wire (f, &f->alice, TRUE, "INVITE"), ==, 2);

  m = wait_wire (f, &f->bob, FALSE, "INVITE", 0, NULL, NULL);
  check_request_uri (f, m, &f->bob);
  check_kamailio_route (f, m, "Record-Route");
  CHECK_CMPUINT (f, gst_sip_message_get_n_vias (m), ==, 2);
  CHECK_CMPUINT (
      f, gst_sip_message_count_headers (m, "Proxy-Authorization"), ==, 0);
  gst_sip_message_unref (m);
  CHECK_CMPUINT (f, count_wire (f, &f->bob, FALSE, "INVITE"), ==, 1);

  if (answered) {
    /* bob's 2xx echoes the Record-Route; alice's route set comes from it */
    m = wait_wire (f, &f->bob, TRUE, "INVITE", 200, NULL, NULL);
    check_kamailio_route (f, m, "Record-Route");
    gst_sip_message_unref (m);
    m = wait_wire (f, &f->alice, FALSE, "INVITE", 200, NULL, NULL);
    check_kamailio_route (f, m, "Record-Route");
    gst_sip_message_unref (m);
  }

  /* the first INVITE was challenged, the second forwarded */
  assert_log_contains (
      f, "INVITE from sip:alice@" DOMAIN ": challenged CSeq 1 (");
  assert_log_contains (f, "INVITE to sip:bob@" DOMAIN ": forwarding to");
  CHECK_CMPUINT (f, count_log (f, ": challenged CSeq 2 ("), ==, 0);

  g_free (expected_peer);
  g_free (peer);
}

/* Fixture */

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  memset (f, 0, sizeof (*f));
  f->params = data;
  g_mutex_init (&f->lock);
}

/* Starts kamailio as registrar and record-routing proxy, alice and bob
 * with their accounts; registers bob, and alice unless @alice_password is
 * wrong.  FALSE when the test is skipped. */
static gboolean
start (Fixture *f, const gchar *alice_password)
{
  GstSipTestKamailioConfig config = { 0 };
  GError *error = NULL;

  config.address = ADDRESS;
  config.domain = DOMAIN;
  config.users = users;
  config.mode = GST_SIP_TEST_KAMAILIO_MODE_PROXY;
  config.record_route = TRUE;
  f->kamailio = gst_sip_test_kamailio_start (&config, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)) {
    g_test_skip (error->message);
    g_clear_error (&error);
    return FALSE;
  }
  g_assert_no_error (error);
  g_assert_nonnull (f->kamailio);

  /* what the user agents send and receive */
  g_mutex_lock (&current_lock);
  current = f;
  g_mutex_unlock (&current_lock);

  party_init (f, &f->alice, "alice", alice_password);
  party_init (f, &f->bob, "bob", BOB_PASSWORD);
  g_signal_connect (
      f->bob.ua, "incoming-call", G_CALLBACK (on_incoming_call), f);

  party_register (f, &f->bob);
  if (g_strcmp0 (alice_password, ALICE_PASSWORD) == 0)
    party_register (f, &f->alice);
  return TRUE;
}

/* No call and no transaction left on either side, then the bindings go. */
static void
finish (Fixture *f)
{
  if (!gst_sip_test_wait (all_quiet, f, WAIT_MS))
    FAIL (f, "calls or transactions left after %u ms", WAIT_MS);
  if (f->alice.registered)
    party_unregister (f, &f->alice);
  if (f->bob.registered)
    party_unregister (f, &f->bob);
  /* the REGISTER transactions wait for retransmissions for a while (T4) */
  CHECK (f, gst_sip_test_wait (all_quiet, f, WAIT_MS));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->alice.ua != NULL) {
    party_clear (f, &f->alice);
    party_clear (f, &f->bob);
  }
  g_mutex_lock (&current_lock);
  current = NULL;
  g_mutex_unlock (&current_lock);
  g_clear_pointer (&f->kamailio, gst_sip_test_kamailio_free);
  g_clear_error (&f->dial_error);
  g_mutex_clear (&f->lock);
}

/* Tests */

static void
request_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Party *p = user_data;
  GError *error = NULL;

  p->request_response =
      gst_sip_call_send_request_finish (GST_SIP_CALL (source), result, &error);
  g_assert_no_error (error);
  p->request_done = TRUE;
}

static gboolean
is_request_done (gpointer user_data)
{
  return ((Party *) user_data)->request_done;
}

/* @from sends a MESSAGE in the call to @to, along its route set. */
static void
send_message (Fixture *f, Party *from, Party *to)
{
  GBytes *body = g_bytes_new_static ("hello", 5);

  gst_sip_call_send_request_async (
      from->call, "MESSAGE", "text/plain", body, NULL, request_done, from);
  g_bytes_unref (body);
  CHECK (f, gst_sip_test_wait (is_request_done, from, WAIT_MS));
  CHECK (f, from->request_response != NULL);
  CHECK_CMPUINT (
      f, gst_sip_message_get_status_code (from->request_response), ==, 200);
  CHECK_CMPUINT (f, to->n_messages, ==, 1);
  check_routed (f, from, to, "MESSAGE");
}

/* alice calls bob, who answers at once or after ringing; the route sets
 * of both contain kamailio; @hangs_up ends the call with a BYE through
 * kamailio. */
static void
run_call (Fixture *f, BobMode mode, gboolean alice_hangs_up)
{
  Party *by, *other;

  f->bob_mode = mode;
  dial (f, "bob");
  CHECK (f, gst_sip_test_wait (is_dialed, f, WAIT_MS));
  if (f->dial_error != NULL)
    FAIL (f, "the call failed: %s", f->dial_error->message);
  CHECK_CMPUINT (f, f->dial_status, ==, 200);
  wait_state (f, &f->alice, GST_SIP_CALL_STATE_ESTABLISHED);
  wait_state (f, &f->bob, GST_SIP_CALL_STATE_ESTABLISHED);

  CHECK (f,
      g_strcmp0 (gst_sip_call_get_call_id (f->alice.call),
          gst_sip_call_get_call_id (f->bob.call)) == 0);
  CHECK (f, gst_sip_call_get_remote_description (f->alice.call) != NULL);
  CHECK (f, gst_sip_call_get_remote_description (f->bob.call) != NULL);
  CHECK (f,
      g_strcmp0 (
          gst_sip_call_get_remote_uri (f->alice.call), "sip:bob@" DOMAIN) == 0);
  if (mode == BOB_RING_THEN_ANSWER)
    CHECK (f, states_contain (f->alice.states, GST_SIP_CALL_STATE_RINGING));

  check_invite_path (f, TRUE);
  /* alice's route set: the ACK goes through kamailio */
  check_routed (f, &f->alice, &f->bob, "ACK");

  by = alice_hangs_up ? &f->alice : &f->bob;
  other = alice_hangs_up ? &f->bob : &f->alice;
  /* the route set of the other one: a MESSAGE in the call */
  send_message (f, other, by);

  gst_sip_call_hangup (by->call);
  wait_state (f, by, GST_SIP_CALL_STATE_ENDED);
  wait_state (f, other, GST_SIP_CALL_STATE_ENDED);
  CHECK_CMPUINT (f, gst_sip_call_get_status_code (by->call), ==, 200);
  CHECK (f, states_contain (by->states, GST_SIP_CALL_STATE_ENDING));

  /* the route set of the one who hangs up: the BYE goes through kamailio,
   * and its 200 comes back through it */
  check_routed (f, by, other, "BYE");
  {
    GstSipMessage *ok = wait_wire (f, by, FALSE, "BYE", 200, NULL, NULL);

    CHECK_CMPUINT (f, gst_sip_message_get_n_vias (ok), ==, 1);
    gst_sip_message_unref (ok);
  }

  finish (f);
}

static void
test_caller_hangs_up (Fixture *f, gconstpointer data)
{
  if (!start (f, ALICE_PASSWORD))
    return;
  run_call (f, BOB_ANSWER, TRUE);
}

static void
test_callee_hangs_up (Fixture *f, gconstpointer data)
{
  if (!start (f, ALICE_PASSWORD))
    return;
  run_call (f, BOB_RING_THEN_ANSWER, FALSE);
}

/* bob is a user of the domain without a binding: kamailio answers the
 * authenticated INVITE with 404, which ends the call. */
static void
test_not_registered (Fixture *f, gconstpointer data)
{
  if (!start (f, ALICE_PASSWORD))
    return;
  party_unregister (f, &f->bob);
  CHECK (f,
      gst_sip_account_get_state (f->bob.account) ==
          GST_SIP_ACCOUNT_STATE_UNREGISTERED);

  dial (f, "bob");
  CHECK (f, gst_sip_test_wait (is_dialed, f, WAIT_MS));
  /* a final response is a result, not an error */
  CHECK (f, f->dial_error == NULL);
  CHECK_CMPUINT (f, f->dial_status, ==, 404);
  wait_state (f, &f->alice, GST_SIP_CALL_STATE_ENDED);
  CHECK_CMPUINT (f, gst_sip_call_get_status_code (f->alice.call), ==, 404);
  /* the Request-URI, which has the transport of alice's account */
  assert_log_contains (f,
      params_tcp (f->params) ? "INVITE to sip:bob@" DOMAIN
                               ";transport=tcp: no binding"
                             : "INVITE to sip:bob@" DOMAIN ": no binding");
  /* one challenge, answered */
  assert_log_contains (
      f, "INVITE from sip:alice@" DOMAIN ": challenged CSeq 1 (");
  CHECK_CMPUINT (f, count_log (f, ": challenged CSeq 2 ("), ==, 0);
  CHECK_CMPUINT (f, count_wire (f, &f->alice, TRUE, "INVITE"), ==, 2);

  gst_sip_test_run_for (QUIET_MS);
  CHECK (f, f->bob.call == NULL);
  CHECK_CMPUINT (f, count_wire (f, &f->bob, FALSE, "INVITE"), ==, 0);
  CHECK_CMPUINT (f, count_wire (f, &f->alice, TRUE, "INVITE"), ==, 2);
  finish (f);
}

/* alice's password is wrong: the INVITE is challenged, sent once more with
 * credentials, challenged again, and the call ends with that 407. */
static void
test_wrong_password (Fixture *f, gconstpointer data)
{
  if (!start (f, "wrong-secret"))
    return;

  dial (f, "bob");
  CHECK (f, gst_sip_test_wait (is_dialed, f, WAIT_MS));
  CHECK (f,
      g_error_matches (
          f->dial_error, GST_SIP_ERROR, GST_SIP_ERROR_AUTH_FAILED));
  wait_state (f, &f->alice, GST_SIP_CALL_STATE_ENDED);
  CHECK_CMPUINT (f, gst_sip_call_get_status_code (f->alice.call), ==, 407);

  /* no loop: two INVITEs, two challenges, and nothing more; the second
   * check failed on the password (auth_check() -2), not the nonce */
  assert_log_contains (
      f, "INVITE from sip:alice@" DOMAIN ": challenged CSeq 1 (");
  assert_log_contains (f,
      "INVITE from sip:alice@" DOMAIN
      ": challenged CSeq 2 (auth_check returned -2)");
  gst_sip_test_run_for (QUIET_MS);
  CHECK_CMPUINT (f, count_wire (f, &f->alice, TRUE, "INVITE"), ==, 2);
  CHECK_CMPUINT (f, count_log (f, ": challenged CSeq 3 ("), ==, 0);
  CHECK (f, f->bob.call == NULL);
  CHECK_CMPUINT (f, count_wire (f, &f->bob, FALSE, "INVITE"), ==, 0);
  finish (f);
}

/* bob rings; alice hangs up: the CANCEL goes through kamailio, bob ends
 * with 487 and so does alice, with the 487 kamailio relays. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  GstSipMessage *m;
  GstSipVia *via;
  gchar *peer = NULL, *expected_peer;

  if (!start (f, ALICE_PASSWORD))
    return;

  f->bob_mode = BOB_RING;
  dial (f, "bob");
  wait_state (f, &f->alice, GST_SIP_CALL_STATE_RINGING);
  wait_state (f, &f->bob, GST_SIP_CALL_STATE_RINGING);
  check_invite_path (f, FALSE);

  gst_sip_call_hangup (f->alice.call);
  wait_state (f, &f->alice, GST_SIP_CALL_STATE_ENDED);
  wait_state (f, &f->bob, GST_SIP_CALL_STATE_ENDED);
  CHECK (f, gst_sip_test_wait (is_dialed, f, WAIT_MS));
  CHECK (f, f->dial_error == NULL);
  CHECK_CMPUINT (f, f->dial_status, ==, 487);
  CHECK_CMPUINT (f, gst_sip_call_get_status_code (f->alice.call), ==, 487);
  CHECK_CMPUINT (f, gst_sip_call_get_status_code (f->bob.call), ==, 487);

  /* alice's CANCEL went to kamailio with the INVITE's Route, kamailio sent
   * its own to bob */
  expected_peer = kamailio_peer (f);
  m = wait_wire (f, &f->alice, TRUE, "CANCEL", 0, NULL, &peer);
  check_kamailio_route (f, m, "Route");
  CHECK (f, g_strcmp0 (peer, expected_peer) == 0);
  gst_sip_message_unref (m);
  m = wait_wire (f, &f->bob, FALSE, "CANCEL", 0, NULL, NULL);
  CHECK_CMPUINT (f, gst_sip_message_get_n_vias (m), ==, 1);
  via = gst_sip_message_get_via (m, 0);
  CHECK_CMPUINT (f, gst_sip_via_get_port (via), ==,
      gst_sip_test_kamailio_get_port (f->kamailio));
  gst_sip_via_free (via);
  gst_sip_message_unref (m);
  assert_log_contains (f, "request CANCEL");
  m = wait_wire (f, &f->alice, FALSE, "CANCEL", 200, NULL, NULL);
  gst_sip_message_unref (m);
  m = wait_wire (f, &f->alice, FALSE, "INVITE", 487, NULL, NULL);
  gst_sip_message_unref (m);

  g_free (expected_peer);
  g_free (peer);
  finish (f);
}

int
main (int argc, char **argv)
{
  static const Params udp = { GST_SIP_TRANSPORT_PROTOCOL_UDP };
  static const Params tcp = { GST_SIP_TRANSPORT_PROTOCOL_TCP };

  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);

  /* what the user agents send and receive, from the sipwire category;
   * printed too only with GST_DEBUG */
  gst_debug_set_threshold_for_name ("sipwire", GST_LEVEL_LOG);
  gst_debug_add_log_function (log_function, NULL, NULL);
  if (g_getenv ("GST_DEBUG") == NULL)
    gst_debug_remove_log_function (gst_debug_log_default);

#define ADD(path, params, func)                                                \
  g_test_add ("/interop/call-kamailio/" path, Fixture, &params, fixture_setup, \
      func, fixture_teardown)
  ADD ("udp/caller-hangs-up", udp, test_caller_hangs_up);
  ADD ("tcp/caller-hangs-up", tcp, test_caller_hangs_up);
  ADD ("udp/callee-hangs-up", udp, test_callee_hangs_up);
  ADD ("tcp/callee-hangs-up", tcp, test_callee_hangs_up);
  ADD ("udp/not-registered", udp, test_not_registered);
  ADD ("tcp/not-registered", tcp, test_not_registered);
  ADD ("udp/wrong-password", udp, test_wrong_password);
  ADD ("tcp/wrong-password", tcp, test_wrong_password);
  ADD ("udp/cancel", udp, test_cancel);
  ADD ("tcp/cancel", tcp, test_cancel);
#undef ADD

  return g_test_run ();
}
