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

/**
 * SECTION:sip-user-agent
 * @title: GstSipUserAgent
 * @short_description: transports, transactions and dispatch
 *
 * #GstSipUserAgent owns the transports and the transactions of one SIP
 * endpoint.  It completes and sends requests
 * (gst_sip_user_agent_send_request()), matches responses to client
 * transactions and requests to server transactions, and checks new
 * requests the way RFC 3261 section 8.2 says before handing them to
 * #GstSipUserAgent::incoming-request: unsupported URI schemes get 416,
 * unknown Require option tags 420, unsupported bodies 415, unknown methods
 * 501 (known ones that nobody handles 405), requests for unknown dialogs
 * 481, other SIP versions 505, malformed requests 400 with a reason phrase
 * naming the fault; malformed responses are dropped.  OPTIONS is answered
 * with Allow, Accept and Supported; MESSAGE is delivered through
 * #GstSipUserAgent::incoming-message.
 *
 * Everything runs on the #GMainContext that was thread-default when the
 * user agent was created, and every signal is emitted there.  The library
 * starts no thread.
 *
 * For tests, gst_sip_user_agent_set_send_func() and
 * gst_sip_user_agent_handle_message() replace the transports.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-user-agent-private.h"
#include "sip-transport-private.h"
#include "sip-message-private.h"
#include "sip-uri-private.h"
#include "sip-enumtypes.h"
#include "sip-call-private.h"
#include "sip-dialog-private.h"

GST_DEBUG_CATEGORY_STATIC (sip_ua_debug);
#define GST_CAT_DEFAULT sip_ua_debug

#define DEFAULT_T1 500
#define DEFAULT_T2 4000
#define DEFAULT_T4 5000
#define DEFAULT_USER_AGENT "gst-sip/" PACKAGE_VERSION
#define DEFAULT_FROM "\"Anonymous\" <sip:anonymous@anonymous.invalid>"
/* RFC 3261 18.1.1: larger requests go over a congestion-controlled
 * transport when the path MTU is unknown */
#define UDP_SIZE_LIMIT 1300
/* what a Via says when a send function replaces the transports */
#define SEAM_HOST "gst-sip.invalid"
/* seconds a caller refused with 503 under GstSipUserAgent:max-calls or
 * GstSipUserAgent:max-queue-delay waits */
#define OVERLOAD_RETRY_AFTER "5"
/* GstSipUserAgent:max-queue-delay: the wait must stay above the limit this
 * long (microseconds) before new requests are refused */
#define OVERLOAD_INTERVAL (100 * G_TIME_SPAN_MILLISECOND)

static const gchar *const default_accept[] = { "application/sdp", "text/plain",
  "application/dtmf-relay", NULL };

static const gchar *const core_methods[] = { "INVITE", "ACK", "BYE", "CANCEL",
  "OPTIONS", "UPDATE", "INFO", "PRACK", "REFER", "MESSAGE", NULL };

static const gchar *const default_supported[] = { "100rel", "timer", NULL };

struct _GstSipUserAgent
{
  GObject parent;

  GMainContext *context;
  GstSipTimerQueue *timers;
  GResolver *resolver;
  GPtrArray *transports;

  GHashTable *client_transactions; /* key -> GstSipClientTransaction */
  GHashTable *server_transactions; /* key -> GstSipServerTransaction */
  GHashTable *merge_keys; /* RFC 3261 8.2.2.2 -> server transaction */
  GHashTable *resolving; /* client transactions waiting for DNS */

  guint t1, t2, t4;
  gchar *user_agent;
  gchar *from;
  gchar **accept;
  gchar **supported;
  GPtrArray *allowed;

  GHashTable *dialogs; /* dialog key -> GstSipCall (not referenced) */
  GHashTable *calls; /* GstSipCall that are not over, referenced */
  gboolean auto_answer;
  guint max_calls;
  guint max_queue_delay; /* milliseconds, 0: no overload control */
  /* the shortest wait of the messages read in the current interval, and
   * whether it stayed above the limit in the last one */
  gint64 wait_interval_end;
  gint64 wait_min;
  gboolean overloaded;
  guint32 tag_salt; /* of the To tags of stateless responses */

  GstSipUserAgentSendFunc send_func;
  gpointer send_data;
  GDestroyNotify send_notify;

  /* TLS: NULL database for the system's */
  gchar *tls_ca_file;
  GTlsDatabase *tls_database;
  GError *tls_database_error;
  GTlsCertificate *tls_certificate;
  GTlsAuthenticationMode tls_authentication_mode;
};

enum
{
  PROP_0,
  PROP_USER_AGENT,
  PROP_FROM,
  PROP_T1,
  PROP_T2,
  PROP_T4,
  PROP_ACCEPT,
  PROP_SUPPORTED,
  PROP_RESOLVER,
  PROP_CONTEXT,
  PROP_AUTO_ANSWER,
  PROP_MAX_CALLS,
  PROP_MAX_QUEUE_DELAY,
  PROP_TLS_CA_FILE,
  PROP_TLS_CERTIFICATE,
  PROP_TLS_AUTHENTICATION_MODE,
  N_PROPS
};

enum
{
  SIGNAL_INCOMING_REQUEST,
  SIGNAL_INCOMING_MESSAGE,
  SIGNAL_AUTHENTICATE,
  SIGNAL_INCOMING_CALL,
  SIGNAL_MESSAGE_SENT,
  SIGNAL_MESSAGE_RECEIVED,
  SIGNAL_ACCEPT_CERTIFICATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_CODE (GstSipUserAgent, gst_sip_user_agent, G_TYPE_OBJECT,
    GST_DEBUG_CATEGORY_INIT (sip_ua_debug, "sipua", 0, "SIP user agent"));

#define PRIV(tx) _gst_sip_transaction_get_private (GST_SIP_TRANSACTION (tx))

gchar *
_gst_sip_new_token (guint bits)
{
  GString *s = g_string_sized_new (bits / 4 + 1);
  guint i;

  for (i = 0; i < bits; i += 32)
    g_string_append_printf (s, "%08x", g_random_int ());
  g_string_truncate (s, MAX (bits / 4, 1));
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------------- */
/* object */

/* the values of the resolving table: the table owns the cancellable */
static void
cancel_and_unref (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  g_object_unref (cancellable);
}

static void
gst_sip_user_agent_init (GstSipUserAgent *ua)
{
  guint i;

  ua->context = g_main_context_ref_thread_default ();
  ua->timers = _gst_sip_timer_queue_new (ua->context, G_OBJECT (ua));
  ua->resolver = g_resolver_get_default ();
  ua->transports = g_ptr_array_new_with_free_func (g_object_unref);
  ua->client_transactions =
      g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  ua->server_transactions =
      g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  ua->merge_keys =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ua->resolving =
      g_hash_table_new_full (NULL, NULL, g_object_unref, cancel_and_unref);
  ua->t1 = DEFAULT_T1;
  ua->t2 = DEFAULT_T2;
  ua->t4 = DEFAULT_T4;
  ua->user_agent = g_strdup (DEFAULT_USER_AGENT);
  ua->from = g_strdup (DEFAULT_FROM);
  ua->accept = g_strdupv ((gchar **) default_accept);
  ua->supported = g_strdupv ((gchar **) default_supported);
  ua->dialogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ua->calls = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  ua->tag_salt = g_random_int ();
  ua->allowed = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; core_methods[i]; i++)
    g_ptr_array_add (ua->allowed, g_strdup (core_methods[i]));
}

static void
terminate_all (GHashTable *table)
{
  GList *txs = g_hash_table_get_values (table), *l;

  for (l = txs; l; l = l->next)
    g_object_ref (l->data);
  for (l = txs; l; l = l->next)
    _gst_sip_transaction_terminate (l->data);
  g_list_free_full (txs, g_object_unref);
}

static void
gst_sip_user_agent_dispose (GObject *object)
{
  GstSipUserAgent *ua = GST_SIP_USER_AGENT (object);
  guint i;

  {
    GList *calls = g_hash_table_get_keys (ua->calls), *l;

    for (l = calls; l; l = l->next)
      g_object_ref (l->data);
    for (l = calls; l; l = l->next)
      _gst_sip_call_abort (l->data);
    g_list_free_full (calls, g_object_unref);
    g_hash_table_remove_all (ua->calls);
  }
  g_hash_table_remove_all (ua->resolving);
  terminate_all (ua->client_transactions);
  terminate_all (ua->server_transactions);
  for (i = 0; i < ua->transports->len; i++)
    _gst_sip_transport_stop (g_ptr_array_index (ua->transports, i));
  g_ptr_array_set_size (ua->transports, 0);
  if (ua->send_notify)
    ua->send_notify (ua->send_data);
  ua->send_func = NULL;
  ua->send_notify = NULL;

  G_OBJECT_CLASS (gst_sip_user_agent_parent_class)->dispose (object);
}

static void
gst_sip_user_agent_finalize (GObject *object)
{
  GstSipUserAgent *ua = GST_SIP_USER_AGENT (object);

  g_hash_table_unref (ua->resolving);
  g_hash_table_unref (ua->dialogs);
  g_hash_table_unref (ua->calls);
  g_hash_table_unref (ua->client_transactions);
  g_hash_table_unref (ua->server_transactions);
  g_hash_table_unref (ua->merge_keys);
  g_ptr_array_unref (ua->transports);
  g_ptr_array_unref (ua->allowed);
  _gst_sip_timer_queue_free (ua->timers);
  g_object_unref (ua->resolver);
  g_main_context_unref (ua->context);
  g_free (ua->user_agent);
  g_free (ua->from);
  g_strfreev (ua->accept);
  g_strfreev (ua->supported);
  g_free (ua->tls_ca_file);
  g_clear_object (&ua->tls_database);
  g_clear_error (&ua->tls_database_error);
  g_clear_object (&ua->tls_certificate);

  G_OBJECT_CLASS (gst_sip_user_agent_parent_class)->finalize (object);
}

/* ---------------------------------------------------------------------- */
/* TLS settings */

static gboolean
on_accept_certificate (GstSipTransport *transport, GTlsConnection *connection,
    GTlsCertificate *certificate, GTlsCertificateFlags errors,
    gpointer user_data)
{
  GstSipUserAgent *ua = user_data;
  gboolean accepted = FALSE;

  g_signal_emit (ua, signals[SIGNAL_ACCEPT_CERTIFICATE], 0, connection,
      certificate, errors, &accepted);
  return accepted;
}

static void
configure_tls (GstSipUserAgent *ua, GstSipTransport *transport)
{
  /* WSS: libsoup checks the certificates of servers */
  if (GST_IS_SIP_TRANSPORT_WS (transport)) {
    _gst_sip_transport_ws_configure_tls (GST_SIP_TRANSPORT_WS (transport),
        ua->tls_database, ua->tls_database_error, ua->tls_certificate,
        on_accept_certificate, ua);
    return;
  }
  if (!GST_IS_SIP_TRANSPORT_TLS (transport))
    return;
  _gst_sip_transport_tls_configure (GST_SIP_TRANSPORT_TLS (transport),
      ua->tls_database, ua->tls_database_error, ua->tls_certificate,
      ua->tls_authentication_mode, on_accept_certificate, ua);
}

static void
configure_tls_transports (GstSipUserAgent *ua)
{
  guint i;

  for (i = 0; i < ua->transports->len; i++)
    configure_tls (ua, g_ptr_array_index (ua->transports, i));
}

static void
set_tls_ca_file (GstSipUserAgent *ua, const gchar *file)
{
  GError *err = NULL;

  g_free (ua->tls_ca_file);
  ua->tls_ca_file = g_strdup (file);
  g_clear_object (&ua->tls_database);
  g_clear_error (&ua->tls_database_error);

  if (file) {
    ua->tls_database = g_tls_file_database_new (file, &err);
    if (ua->tls_database == NULL) {
      GST_WARNING_OBJECT (
          ua, "cannot load the CA file %s: %s", file, err->message);
      /* fail every handshake rather than fall back to other authorities */
      ua->tls_database_error =
          g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
              _ ("Could not load the certificate authorities from %s: %s"),
              file, err->message);
      g_error_free (err);
    }
  }
  configure_tls_transports (ua);
}

static void
gst_sip_user_agent_set_property (
    GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstSipUserAgent *ua = GST_SIP_USER_AGENT (object);

  switch (prop_id) {
    case PROP_USER_AGENT:
      g_free (ua->user_agent);
      ua->user_agent = g_value_dup_string (value);
      break;
    case PROP_FROM: {
      const gchar *from = g_value_get_string (value);
      GstSipAddress *address = NULL;

      if (from)
        address = gst_sip_address_new_from_string (from, NULL);
      if (from && (!address || gst_sip_address_is_wildcard (address))) {
        g_warning ("“%s” is not a valid From address", from);
      } else {
        g_free (ua->from);
        ua->from = g_strdup (from ? from : DEFAULT_FROM);
      }
      if (address)
        gst_sip_address_free (address);
      break;
    }
    case PROP_T1:
      ua->t1 = g_value_get_uint (value);
      break;
    case PROP_T2:
      ua->t2 = g_value_get_uint (value);
      break;
    case PROP_T4:
      ua->t4 = g_value_get_uint (value);
      break;
    case PROP_ACCEPT:
      g_strfreev (ua->accept);
      ua->accept = g_value_dup_boxed (value);
      if (!ua->accept)
        ua->accept = g_new0 (gchar *, 1);
      break;
    case PROP_SUPPORTED:
      g_strfreev (ua->supported);
      ua->supported = g_value_dup_boxed (value);
      if (!ua->supported)
        ua->supported = g_strdupv ((gchar **) default_supported);
      break;
    case PROP_RESOLVER:
      g_object_unref (ua->resolver);
      ua->resolver = g_value_dup_object (value);
      if (!ua->resolver)
        ua->resolver = g_resolver_get_default ();
      break;
    case PROP_AUTO_ANSWER:
      ua->auto_answer = g_value_get_boolean (value);
      break;
    case PROP_MAX_CALLS:
      ua->max_calls = g_value_get_uint (value);
      break;
    case PROP_MAX_QUEUE_DELAY:
      ua->max_queue_delay = g_value_get_uint (value);
      break;
    case PROP_TLS_CA_FILE:
      set_tls_ca_file (ua, g_value_get_string (value));
      break;
    case PROP_TLS_CERTIFICATE:
      g_set_object (&ua->tls_certificate, g_value_get_object (value));
      configure_tls_transports (ua);
      break;
    case PROP_TLS_AUTHENTICATION_MODE:
      ua->tls_authentication_mode = g_value_get_enum (value);
      configure_tls_transports (ua);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_user_agent_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipUserAgent *ua = GST_SIP_USER_AGENT (object);

  switch (prop_id) {
    case PROP_USER_AGENT:
      g_value_set_string (value, ua->user_agent);
      break;
    case PROP_FROM:
      g_value_set_string (value, ua->from);
      break;
    case PROP_T1:
      g_value_set_uint (value, ua->t1);
      break;
    case PROP_T2:
      g_value_set_uint (value, ua->t2);
      break;
    case PROP_T4:
      g_value_set_uint (value, ua->t4);
      break;
    case PROP_ACCEPT:
      g_value_set_boxed (value, ua->accept);
      break;
    case PROP_SUPPORTED:
      g_value_set_boxed (value, ua->supported);
      break;
    case PROP_RESOLVER:
      g_value_set_object (value, ua->resolver);
      break;
    case PROP_CONTEXT:
      g_value_set_boxed (value, ua->context);
      break;
    case PROP_AUTO_ANSWER:
      g_value_set_boolean (value, ua->auto_answer);
      break;
    case PROP_MAX_CALLS:
      g_value_set_uint (value, ua->max_calls);
      break;
    case PROP_MAX_QUEUE_DELAY:
      g_value_set_uint (value, ua->max_queue_delay);
      break;
    case PROP_TLS_CA_FILE:
      g_value_set_string (value, ua->tls_ca_file);
      break;
    case PROP_TLS_CERTIFICATE:
      g_value_set_object (value, ua->tls_certificate);
      break;
    case PROP_TLS_AUTHENTICATION_MODE:
      g_value_set_enum (value, ua->tls_authentication_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_user_agent_class_init (GstSipUserAgentClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  /* registers the transport and sipwire debug categories, which even a
   * user agent without transports logs to */
  g_type_ensure (GST_TYPE_SIP_TRANSPORT);

  gobject_class->dispose = gst_sip_user_agent_dispose;
  gobject_class->finalize = gst_sip_user_agent_finalize;
  gobject_class->set_property = gst_sip_user_agent_set_property;
  gobject_class->get_property = gst_sip_user_agent_get_property;

  /**
   * GstSipUserAgent:user-agent:
   *
   * The value of the User-Agent header of requests and the Server header of
   * responses; %NULL or empty to send neither.
   *
   * Since: 0.1
   */
  properties[PROP_USER_AGENT] = g_param_spec_string ("user-agent", "User-Agent",
      "The User-Agent and Server header value", DEFAULT_USER_AGENT,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:from:
   *
   * The From address of requests sent without one, such as
   * `"Alice" <sip:alice@example.com>`.  The default is the anonymous
   * address of RFC 3261 section 8.1.1.3.
   *
   * Since: 0.1
   */
  properties[PROP_FROM] = g_param_spec_string ("from", "From",
      "The From address of requests sent without one", DEFAULT_FROM,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:t1:
   *
   * RFC 3261 timer T1, the round-trip estimate, in milliseconds.  Most
   * transaction timers are multiples of it; tests use a short value.
   *
   * Since: 0.1
   */
  properties[PROP_T1] = g_param_spec_uint ("t1", "T1",
      "RFC 3261 timer T1 (round-trip estimate) in milliseconds", 1,
      G_MAXUINT / 64, DEFAULT_T1, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:t2:
   *
   * RFC 3261 timer T2, the longest retransmission interval of non-INVITE
   * requests and INVITE responses, in milliseconds.
   *
   * Since: 0.1
   */
  properties[PROP_T2] = g_param_spec_uint ("t2", "T2",
      "RFC 3261 timer T2 (maximum retransmission interval) in milliseconds", 1,
      G_MAXUINT, DEFAULT_T2, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:t4:
   *
   * RFC 3261 timer T4, how long a message may stay in the network, in
   * milliseconds.
   *
   * Since: 0.1
   */
  properties[PROP_T4] = g_param_spec_uint ("t4", "T4",
      "RFC 3261 timer T4 (maximum message lifetime) in milliseconds", 0,
      G_MAXUINT, DEFAULT_T4, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:accept:
   *
   * The media types accepted in request bodies, for the Accept header and
   * the 415 check.  Entries may use `type/ *` and `*&#47;*` wildcards.
   * The default is `application/sdp`, `text/plain` and
   * `application/dtmf-relay` (DTMF in INFO).
   * Applications that receive other MESSAGE bodies, such as GB28181's
   * `Application/MANSCDP+xml`, add them here.
   *
   * Since: 0.1
   */
  properties[PROP_ACCEPT] = g_param_spec_boxed ("accept", "Accept",
      "The media types accepted in request bodies", G_TYPE_STRV,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:supported:
   *
   * The option tags this endpoint supports (Supported header); requests
   * that Require others are refused with 420.  The default, `100rel` and
   * `timer`, are the extensions calls implement (RFC 3262, RFC 4028).
   *
   * Since: 0.1
   */
  properties[PROP_SUPPORTED] = g_param_spec_boxed ("supported", "Supported",
      "The option tags this endpoint supports", G_TYPE_STRV,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:resolver:
   *
   * The #GResolver for RFC 3263 server location; the default resolver when
   * unset.
   *
   * Since: 0.1
   */
  properties[PROP_RESOLVER] = g_param_spec_object ("resolver", "Resolver",
      "The resolver for RFC 3263 server location", G_TYPE_RESOLVER,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:main-context:
   *
   * The #GMainContext the user agent runs on: the thread-default one when
   * it was created.
   *
   * Since: 0.1
   */
  properties[PROP_CONTEXT] = g_param_spec_boxed ("main-context", "Main context",
      "The main context the user agent runs on", G_TYPE_MAIN_CONTEXT,
      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:auto-answer:
   *
   * Answer every incoming call that no #GstSipUserAgent::incoming-call
   * handler takes at once with 200 OK, instead of 480.  The answer accepts
   * the offered audio and video with the default codecs
   * (gst_sip_codec_list_defaults()) on the discard port 9 and the address
   * the INVITE arrived on: the calls carry signalling only.  It serves
   * load tests and signalling-only endpoints; applications with media
   * answer in the signal handler, or use sipcallbin's auto-answer.
   *
   * Since: 0.1
   */
  properties[PROP_AUTO_ANSWER] =
      g_param_spec_boolean ("auto-answer", "Auto-answer",
          "Answer incoming calls nobody handles at once, with signalling only",
          FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:max-calls:
   *
   * The most calls the user agent holds at once; an INVITE for a new call
   * beyond it is answered 503 Service Unavailable with Retry-After
   * (RFC 3261 21.5.4), so that an overloaded endpoint sheds new calls
   * instead of letting every call fail.  0 means no limit.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_CALLS] = g_param_spec_uint ("max-calls", "Maximum calls",
      "The most calls held at once; more are refused with 503 (0 = no limit)",
      0, G_MAXUINT, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:max-queue-delay:
   *
   * Overload control: the longest time in milliseconds a request that
   * starts new work (an INVITE or another request outside any dialog,
   * except ACK and CANCEL) may have waited in the receive queue of its
   * transport before the user agent reads it.  The wait is the time from
   * when the kernel queued the datagram to when the user agent reads it:
   * it grows as soon as the user agent cannot keep up with what arrives,
   * whatever the cause.
   *
   * When even the messages that waited least over the last 100 ms waited
   * longer than this, a queue has formed that does not drain: the user
   * agent is overloaded, and until that changes it refuses every new
   * request that waited longer with 503 Service Unavailable and
   * Retry-After (RFC 3261 21.5.4).  It answers statelessly (RFC 3261
   * 8.2.7), before any transaction, call or signal, which costs a small
   * part of what taking the call would.  A burst, or a moment the process
   * did not get the CPU, drains within the interval and refuses nothing.
   * Requests inside dialogs (ACK, BYE, re-INVITE) and retransmissions of
   * requests already taken always go through, so that the calls in
   * progress finish while new ones wait outside.
   *
   * Under a load beyond its capacity the user agent thus refuses just
   * enough new calls to keep the wait near this value, and keeps answering
   * the others; without it, the queue grows until callers retransmit and
   * give up, and few calls succeed.  A fraction of T1, such as 100, keeps
   * the wait below the first retransmission of the callers (T1, 500 ms).
   * #GstSipUserAgent:max-calls limits the calls held at once instead,
   * which measures the load only while calls are short.
   *
   * Only UDP transports know the wait, and only on systems with
   * `SO_TIMESTAMPNS` (Linux); requests over TCP are never refused.  0 (the
   * default) disables the check.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_QUEUE_DELAY] = g_param_spec_uint ("max-queue-delay",
      "Maximum queue delay",
      "Refuse new requests that waited longer than this in the receive queue "
      "with 503, in milliseconds (0 = never)",
      0, G_MAXUINT, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:tls-ca-file:
   *
   * A PEM file with the certificate authorities that TLS peers'
   * certificates must chain to, instead of the system's (the default
   * #GTlsDatabase of the TLS backend).  When the file cannot be loaded,
   * every TLS handshake, and every WSS connection the user agent opens,
   * fails with %GST_SIP_ERROR_CERTIFICATE rather than trust other
   * authorities.  %NULL (the default) uses the system's.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_CA_FILE] =
      g_param_spec_string ("tls-ca-file", "TLS CA file",
          "PEM file of the certificate authorities to trust for TLS "
          "(NULL = the system's)",
          NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:tls-certificate:
   *
   * The certificate, with its private key, that TLS transports present:
   * to clients of incoming connections (a TLS transport without one
   * refuses them) and, when a server asks for one, as the client
   * certificate of outgoing connections.  See
   * gst_sip_user_agent_set_tls_certificate_from_files().
   *
   * A WSS transport listens only when it has a certificate as it is added;
   * one without becomes a client only and stays one when the certificate
   * comes later (remove it and add it again to listen).  WSS connections
   * opened by the user agent present no client certificate.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_CERTIFICATE] =
      g_param_spec_object ("tls-certificate", "TLS certificate",
          "The certificate and private key TLS transports present",
          G_TYPE_TLS_CERTIFICATE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipUserAgent:tls-authentication-mode:
   *
   * Whether incoming TLS connections are asked for a client certificate:
   * %G_TLS_AUTHENTICATION_NONE (the default) does not ask,
   * %G_TLS_AUTHENTICATION_REQUESTED asks and checks one if given,
   * %G_TLS_AUTHENTICATION_REQUIRED refuses clients without a valid one.
   * Client certificates are checked against the same authorities as
   * servers' (#GstSipUserAgent:tls-ca-file), and go to
   * #GstSipUserAgent::accept-certificate when they fail.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_AUTHENTICATION_MODE] =
      g_param_spec_enum ("tls-authentication-mode", "TLS authentication mode",
          "Whether incoming TLS connections must present a client certificate",
          G_TYPE_TLS_AUTHENTICATION_MODE, G_TLS_AUTHENTICATION_NONE,
          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (gobject_class, N_PROPS, properties);

  /**
   * GstSipUserAgent::incoming-request:
   * @ua: the #GstSipUserAgent
   * @transaction: the server transaction of a new request
   *
   * Emitted for a new request that passed the checks of RFC 3261 section
   * 8.2, with the method name as detail, so that
   * `incoming-request::SUBSCRIBE` sees only SUBSCRIBE.  A handler that will
   * answer (now or later, through @transaction) returns %TRUE; otherwise the
   * user agent answers: OPTIONS with 200, MESSAGE with 200 after
   * #GstSipUserAgent::incoming-message, other methods with 501.  Methods
   * other than OPTIONS and MESSAGE must be added with
   * gst_sip_user_agent_add_allowed_method() to reach this signal.
   *
   * Returns: %TRUE if the handler answers the request
   *
   * Since: 0.1
   */
  signals[SIGNAL_INCOMING_REQUEST] = g_signal_new ("incoming-request",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0,
      g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 1,
      GST_TYPE_SIP_SERVER_TRANSACTION);

  /**
   * GstSipUserAgent::incoming-message:
   * @ua: the #GstSipUserAgent
   * @request: a MESSAGE request (RFC 3428) outside a dialog
   *
   * Emitted for every MESSAGE that #GstSipUserAgent::incoming-request did
   * not handle.  The user agent answers 200 OK when the signal returns.
   * Read the content with gst_sip_message_get_content_type() and
   * gst_sip_message_get_body().
   *
   * Since: 0.1
   */
  signals[SIGNAL_INCOMING_MESSAGE] = g_signal_new ("incoming-message",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 1, GST_TYPE_SIP_MESSAGE);

  /**
   * GstSipUserAgent::authenticate:
   * @ua: the #GstSipUserAgent
   * @auth: the challenge to answer
   * @retrying: %TRUE when credentials given for this realm were refused
   *
   * Emitted when a request was challenged (401 or 407) for a realm the
   * requester (see #GstSipAuth:owner) has no credentials for.  Call
   * gst_sip_auth_authenticate() in the handler, or return %TRUE and call
   * it (or gst_sip_auth_cancel()) later.  When nobody answers, the request
   * fails with %GST_SIP_ERROR_AUTH_FAILED.
   *
   * Returns: %TRUE if the handler answers the challenge, now or later
   *
   * Since: 0.1
   */
  signals[SIGNAL_AUTHENTICATE] =
      g_signal_new ("authenticate", G_TYPE_FROM_CLASS (klass),
          G_SIGNAL_RUN_LAST, 0, g_signal_accumulator_true_handled, NULL, NULL,
          G_TYPE_BOOLEAN, 2, GST_TYPE_SIP_AUTH, G_TYPE_BOOLEAN);

  /**
   * GstSipUserAgent::incoming-call:
   * @ua: the #GstSipUserAgent
   * @call: the new incoming #GstSipCall
   *
   * Emitted for an INVITE outside any dialog.  @call is in the proceeding
   * state: give it a #GstSipSdpNegotiator and call gst_sip_call_ring(),
   * gst_sip_call_answer() or gst_sip_call_reject(), now or later, and
   * return %TRUE.  When no handler returns %TRUE the call is answered
   * 480 Temporarily Unavailable.  The user agent keeps a reference to the
   * call until it ends.
   *
   * Returns: %TRUE if the handler takes the call
   *
   * Since: 0.1
   */
  signals[SIGNAL_INCOMING_CALL] =
      g_signal_new ("incoming-call", G_TYPE_FROM_CLASS (klass),
          G_SIGNAL_RUN_LAST, 0, g_signal_accumulator_true_handled, NULL, NULL,
          G_TYPE_BOOLEAN, 1, GST_TYPE_SIP_CALL);

  /**
   * GstSipUserAgent::message-sent:
   * @ua: the #GstSipUserAgent
   * @message: the request or response, which the handler must not change
   *
   * Emitted for every message the user agent put on the wire (or gave to
   * the send function of gst_sip_user_agent_set_send_func()),
   * retransmissions included, to follow a call flow or log it.
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_SENT] = g_signal_new ("message-sent",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 1, GST_TYPE_SIP_MESSAGE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * GstSipUserAgent::message-received:
   * @ua: the #GstSipUserAgent
   * @message: the request or response, which the handler must not change
   *
   * Emitted for every well-formed message that arrived, retransmissions
   * included, before the user agent handles it.
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_RECEIVED] = g_signal_new ("message-received",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 1, GST_TYPE_SIP_MESSAGE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * GstSipUserAgent::accept-certificate:
   * @ua: the #GstSipUserAgent
   * @connection: (nullable): the #GTlsConnection being set up, or %NULL
   *   for a WSS connection (libsoup does not expose it)
   * @certificate: the peer's certificate
   * @errors: why @certificate failed validation
   *
   * Emitted during a TLS handshake (TLS or WSS) when the peer's certificate
   * failed validation: a server's (for its chain, its dates or because it
   * is not for the host of the URI the request goes to, RFC 5922), or a
   * client certificate (see #GstSipUserAgent:tls-authentication-mode).  A
   * handler that vouches for @certificate returns %TRUE and the handshake
   * goes on; otherwise the connection is closed without sending anything,
   * and the requests that waited for it fail with
   * %GST_SIP_ERROR_CERTIFICATE, whose message says what was wrong.  Emitted
   * on the context of @ua.
   *
   * Returns: %TRUE to accept @certificate
   *
   * Since: 0.1
   */
  signals[SIGNAL_ACCEPT_CERTIFICATE] =
      g_signal_new ("accept-certificate", G_TYPE_FROM_CLASS (klass),
          G_SIGNAL_RUN_LAST, 0, g_signal_accumulator_true_handled, NULL, NULL,
          G_TYPE_BOOLEAN, 3, G_TYPE_TLS_CONNECTION, G_TYPE_TLS_CERTIFICATE,
          G_TYPE_TLS_CERTIFICATE_FLAGS);
}

/* the message-sent and message-received signals, only when watched */
static void
emit_message_signal (GstSipUserAgent *ua, guint signal, GstSipMessage *msg)
{
  if (msg && g_signal_has_handler_pending (ua, signals[signal], 0, FALSE))
    g_signal_emit (ua, signals[signal], 0, msg);
}

gboolean
_gst_sip_user_agent_emit_authenticate (
    GstSipUserAgent *ua, GstSipAuth *auth, gboolean retrying)
{
  gboolean handled = FALSE;

  g_signal_emit (ua, signals[SIGNAL_AUTHENTICATE], 0, auth, retrying, &handled);
  return handled;
}

/**
 * gst_sip_user_agent_new:
 *
 * Creates a user agent bound to the thread-default #GMainContext, with no
 * transports.
 *
 * Returns: (transfer full): a new #GstSipUserAgent
 *
 * Since: 0.1
 */
GstSipUserAgent *
gst_sip_user_agent_new (void)
{
  return g_object_new (GST_TYPE_SIP_USER_AGENT, NULL);
}

/**
 * gst_sip_user_agent_get_context:
 * @ua: a #GstSipUserAgent
 *
 * Returns: (transfer none): the #GMainContext the user agent runs on
 *
 * Since: 0.1
 */
GMainContext *
gst_sip_user_agent_get_context (GstSipUserAgent *ua)
{
  g_return_val_if_fail (GST_IS_SIP_USER_AGENT (ua), NULL);
  return ua->context;
}

GstSipTimerQueue *
_gst_sip_user_agent_get_timers (GstSipUserAgent *ua)
{
  return ua->timers;
}

void
_gst_sip_user_agent_get_timer_values (
    GstSipUserAgent *ua, guint *t1, guint *t2, guint *t4)
{
  *t1 = ua->t1;
  *t2 = ua->t2;
  *t4 = ua->t4;
}

/**
 * gst_sip_user_agent_get_n_transactions:
 * @ua: a #GstSipUserAgent
 *
 * Returns: the number of live client and server transactions
 *
 * Since: 0.1
 */
guint
gst_sip_user_agent_get_n_transactions (GstSipUserAgent *ua)
{
  g_return_val_if_fail (GST_IS_SIP_USER_AGENT (ua), 0);

  return g_hash_table_size (ua->client_transactions) +
      g_hash_table_size (ua->server_transactions) +
      g_hash_table_size (ua->resolving);
}

/* ---------------------------------------------------------------------- */
/* transports */

static void on_transport_receive (GstSipTransport *transport,
    GstSipMessage *msg, const GstSipParseFault *fault, const GError *error,
    gpointer user_data);
static void on_transport_error (GstSipTransport *transport,
    GSocketAddress *remote, const GError *error, gpointer user_data);

/**
 * gst_sip_user_agent_add_transport:
 * @ua: a #GstSipUserAgent
 * @protocol: %GST_SIP_TRANSPORT_PROTOCOL_UDP, %GST_SIP_TRANSPORT_PROTOCOL_TCP,
 *   %GST_SIP_TRANSPORT_PROTOCOL_TLS, %GST_SIP_TRANSPORT_PROTOCOL_WS or
 *   %GST_SIP_TRANSPORT_PROTOCOL_WSS
 * @address: the local address to listen on, such as `127.0.0.1`, `::1`,
 *   `0.0.0.0` or `::`
 * @port: the port, or 0 for an ephemeral one (read it back with
 *   gst_sip_transport_get_port())
 * @error: return location for a #GError, or %NULL
 *
 * Binds (UDP) or listens (TCP, TLS) on @address and @port.  Add one
 * transport per protocol and address family the endpoint should use.
 *
 * A TLS transport (RFC 3261 section 26.2; `sips:` URIs and
 * `;transport=tls` use it, on port 5061 by default) checks servers'
 * certificates against #GstSipUserAgent:tls-ca-file or the system's
 * authorities, and against the host of the URI each request goes to.  It
 * needs #GstSipUserAgent:tls-certificate to accept connections.
 *
 * A WS or WSS transport (SIP over WebSocket, RFC 7118; `;transport=ws` and
 * `;transport=wss` URIs use it) listens for WebSocket connections with the
 * `sip` subprotocol (WSS only with #GstSipUserAgent:tls-certificate) and
 * opens connections to `ws://address:port/` (#GstSipTransport:path) on
 * demand, as a WebSocket client: its Via and Contact then name a random
 * `.invalid` host, and the server sends its requests back over the same
 * connection.  Connections it opened send pings
 * (#GstSipTransport:keepalive-interval) and are opened again when they
 * drop (#GstSipTransport::connection-lost).
 *
 * Returns: (transfer none) (nullable): the new transport, owned by @ua, or
 *   %NULL with @error set
 *
 * Since: 0.1
 */
GstSipTransport *
gst_sip_user_agent_add_transport (GstSipUserAgent *ua,
    GstSipTransportProtocol protocol, const gchar *address, guint port,
    GError **error)
{
  GstSipTransport *transport;

  g_return_val_if_fail (GST_IS_SIP_USER_AGENT (ua), NULL);
  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (port <= 65535, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_main_context_push_thread_default (ua->context);
  transport = _gst_sip_transport_new (protocol, address, port, error);
  if (transport) {
    _gst_sip_transport_set_callbacks (
        transport, on_transport_receive, on_transport_error, ua);
    configure_tls (ua, transport);
    if (!_gst_sip_transport_start (transport, error))
      g_clear_object (&transport);
  }
  g_main_context_pop_thread_default (ua->context);

  if (!transport)
    return NULL;

  GST_INFO_OBJECT (NULL, "listening on %s %s:%u",
      gst_sip_transport_protocol_to_string (protocol),
      gst_sip_transport_get_host (transport),
      gst_sip_transport_get_port (transport));
  g_ptr_array_add (ua->transports, transport);
  return transport;
}

/**
 * gst_sip_user_agent_set_tls_certificate_from_files:
 * @ua: a #GstSipUserAgent
 * @cert_file: a PEM file with the certificate, possibly followed by its
 *   chain of intermediate certificates
 * @key_file: (nullable): a PEM file with the private key, or %NULL when it
 *   is in @cert_file
 * @error: return location for a #GError, or %NULL
 *
 * Loads a certificate and its private key and makes it
 * #GstSipUserAgent:tls-certificate.
 *
 * Returns: %TRUE on success, %FALSE with @error set (the certificate in use
 *   does not change)
 *
 * Since: 0.1
 */
gboolean
gst_sip_user_agent_set_tls_certificate_from_files (GstSipUserAgent *ua,
    const gchar *cert_file, const gchar *key_file, GError **error)
{
  GTlsCertificate *certificate;
  GError *err = NULL;

  g_return_val_if_fail (GST_IS_SIP_USER_AGENT (ua), FALSE);
  g_return_val_if_fail (cert_file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (key_file)
    certificate = g_tls_certificate_new_from_files (cert_file, key_file, &err);
  else
    certificate = g_tls_certificate_new_from_file (cert_file, &err);
  if (certificate == NULL)
    goto load_failed;

  g_object_set (ua, "tls-certificate", certificate, NULL);
  g_object_unref (certificate);
  return TRUE;

  /* ERRORS */
load_failed : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_CERTIFICATE,
      _ ("Could not load the TLS certificate from %s: %s"), cert_file,
      err->message);
  g_error_free (err);
  return FALSE;
}
}

/**
 * gst_sip_user_agent_remove_transport:
 * @ua: a #GstSipUserAgent
 * @transport: one of its transports
 *
 * Stops @transport and forgets it.  Transactions using it fail with a
 * transport error when they next send.
 *
 * Since: 0.1
 */
void
gst_sip_user_agent_remove_transport (
    GstSipUserAgent *ua, GstSipTransport *transport)
{
  g_return_if_fail (GST_IS_SIP_USER_AGENT (ua));
  g_return_if_fail (GST_IS_SIP_TRANSPORT (transport));

  _gst_sip_transport_stop (transport);
  g_ptr_array_remove (ua->transports, transport);
}

/**
 * gst_sip_user_agent_get_transports:
 * @ua: a #GstSipUserAgent
 *
 * Returns: (transfer container) (element-type GstSipTransport): the
 *   transports, in the order they were added
 *
 * Since: 0.1
 */
GList *
gst_sip_user_agent_get_transports (GstSipUserAgent *ua)
{
  GList *list = NULL;
  guint i;

  g_return_val_if_fail (GST_IS_SIP_USER_AGENT (ua), NULL);

  for (i = ua->transports->len; i > 0; i--)
    list = g_list_prepend (list, g_ptr_array_index (ua->transports, i - 1));
  return list;
}

static GSocketFamily
address_family (GSocketAddress *address)
{
  return address ? g_socket_address_get_family (address)
                 : G_SOCKET_FAMILY_INVALID;
}

static GstSipTransport *
find_transport (
    GstSipUserAgent *ua, GstSipTransportProtocol protocol, GSocketFamily family)
{
  guint i;

  for (i = 0; i < ua->transports->len; i++) {
    GstSipTransport *t = g_ptr_array_index (ua->transports, i);
    GInetSocketAddress *local;

    if (gst_sip_transport_get_protocol (t) != protocol)
      continue;
    local = gst_sip_transport_get_local_address (t);
    if (family == G_SOCKET_FAMILY_INVALID ||
        g_socket_address_get_family (G_SOCKET_ADDRESS (local)) == family)
      return t;
  }
  return NULL;
}

/* RFC 7118: a WebSocket client that connected to us named itself with an
 * .invalid host; requests to it go over its connection */
static GInetSocketAddress *
ws_flow_address (
    GstSipUserAgent *ua, GstSipTransportProtocol protocol, const gchar *host)
{
  guint i;

  if (host == NULL ||
      (protocol != GST_SIP_TRANSPORT_PROTOCOL_WS &&
          protocol != GST_SIP_TRANSPORT_PROTOCOL_WSS))
    return NULL;
  for (i = 0; i < ua->transports->len; i++) {
    GstSipTransport *t = g_ptr_array_index (ua->transports, i);
    GSocketAddress *remote;

    if (gst_sip_transport_get_protocol (t) != protocol ||
        !GST_IS_SIP_TRANSPORT_WS (t))
      continue;
    remote = _gst_sip_transport_ws_lookup_flow (GST_SIP_TRANSPORT_WS (t), host);
    if (remote)
      return G_INET_SOCKET_ADDRESS (remote);
  }
  return NULL;
}

static GstSipProtocolMask
protocol_mask (GstSipUserAgent *ua)
{
  GstSipProtocolMask mask = 0;
  guint i;

  if (ua->send_func)
    return ~0u;
  for (i = 0; i < ua->transports->len; i++)
    mask |= 1 << gst_sip_transport_get_protocol (
                g_ptr_array_index (ua->transports, i));
  return mask;
}

static gboolean
socket_addresses_equal (GSocketAddress *a, GSocketAddress *b)
{
  GInetSocketAddress *ia, *ib;

  if (a == b)
    return TRUE;
  if (!G_IS_INET_SOCKET_ADDRESS (a) || !G_IS_INET_SOCKET_ADDRESS (b))
    return FALSE;
  ia = G_INET_SOCKET_ADDRESS (a);
  ib = G_INET_SOCKET_ADDRESS (b);
  return g_inet_socket_address_get_port (ia) ==
      g_inet_socket_address_get_port (ib) &&
      g_inet_address_equal (g_inet_socket_address_get_address (ia),
          g_inet_socket_address_get_address (ib));
}

static void
on_transport_error (GstSipTransport *transport, GSocketAddress *remote,
    const GError *error, gpointer user_data)
{
  GstSipUserAgent *ua = user_data;
  GList *clients = NULL, *servers = NULL, *l;
  GHashTableIter iter;
  gpointer value;

  GST_INFO ("transport error towards a peer: %s", error->message);

  /* collect first: failing a transaction changes the tables */
  g_hash_table_iter_init (&iter, ua->client_transactions);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    GstSipTransactionPrivate *priv = PRIV (value);

    if (priv->transport == G_OBJECT (transport) &&
        socket_addresses_equal (priv->remote, remote))
      clients = g_list_prepend (clients, g_object_ref (value));
  }
  g_hash_table_iter_init (&iter, ua->server_transactions);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    GstSipTransactionPrivate *priv = PRIV (value);

    if (priv->transport == G_OBJECT (transport) &&
        socket_addresses_equal (priv->remote, remote))
      servers = g_list_prepend (servers, g_object_ref (value));
  }

  for (l = clients; l; l = l->next)
    _gst_sip_client_transaction_transport_error (l->data, error);
  for (l = servers; l; l = l->next)
    _gst_sip_server_transaction_fail (l->data, error);
  g_list_free_full (clients, g_object_unref);
  g_list_free_full (servers, g_object_unref);
}

/* ---------------------------------------------------------------------- */
/* sending */

/* RFC 5922 section 4: the name a TLS server must prove, the host of the
 * URI the request is sent to (the first Route, or the Request-URI); for a
 * response, the sent-by of the top Via.  NULL if there is none.  Requests
 * sent through a transaction use the host of the hop they went to
 * instead: next_hop() rewrites a request for a strict router. */
static gchar *
dup_server_name (GstSipMessage *msg)
{
  gchar *host = NULL;

  if (gst_sip_message_is_request (msg)) {
    GList *routes = gst_sip_message_get_addresses (msg, "Route");
    const GstSipUri *uri = routes ? gst_sip_address_get_uri (routes->data)
                                  : gst_sip_message_get_request_uri (msg);

    if (uri)
      host = g_strdup (gst_sip_uri_get_host (uri));
    g_list_free_full (routes, (GDestroyNotify) gst_sip_address_free);
  } else {
    GstSipVia *via = gst_sip_message_get_via (msg, 0);

    if (via) {
      host = g_strdup (gst_sip_via_get_host (via));
      gst_sip_via_free (via);
    }
  }
  return host;
}

gboolean
_gst_sip_user_agent_transmit_bytes (GstSipUserAgent *ua, GObject *transport,
    GSocketAddress *remote, GObject *connection, GstSipMessage *msg,
    GBytes *bytes, GError **error)
{
  return _gst_sip_user_agent_transmit_bytes_to_host (
      ua, transport, remote, connection, msg, bytes, NULL, error);
}

gboolean
_gst_sip_user_agent_transmit_bytes_to_host (GstSipUserAgent *ua,
    GObject *transport, GSocketAddress *remote, GObject *connection,
    GstSipMessage *msg, GBytes *bytes, const gchar *server_name, GError **error)
{
  if (ua->send_func) {
    _gst_sip_wire_log (NULL, TRUE, NULL, g_bytes_get_data (bytes, NULL),
        g_bytes_get_size (bytes));
    if (!ua->send_func (ua, msg, ua->send_data)) {
      g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
          _ ("The send function refused the message"));
      return FALSE;
    }
    emit_message_signal (ua, SIGNAL_MESSAGE_SENT, msg);
    return TRUE;
  }

  if (!transport || !remote) {
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("No transport to send the message on"));
    return FALSE;
  }
  if (msg &&
      (GST_IS_SIP_TRANSPORT_TLS (transport) ||
          GST_IS_SIP_TRANSPORT_WS (transport))) {
    gchar *name = server_name ? g_strdup (server_name) : dup_server_name (msg);
    gboolean sent = _gst_sip_transport_send_to_host (
        GST_SIP_TRANSPORT (transport), bytes, remote, connection, name, error);

    g_free (name);
    if (!sent)
      return FALSE;
  } else if (!_gst_sip_transport_send (GST_SIP_TRANSPORT (transport), bytes,
                 remote, connection, error)) {
    return FALSE;
  }
  emit_message_signal (ua, SIGNAL_MESSAGE_SENT, msg);
  return TRUE;
}

gboolean
_gst_sip_user_agent_transmit (GstSipUserAgent *ua, GObject *transport,
    GSocketAddress *remote, GObject *connection, GstSipMessage *msg,
    GError **error)
{
  GBytes *bytes = gst_sip_message_to_bytes (msg);
  gboolean ret;

  ret = _gst_sip_user_agent_transmit_bytes (
      ua, transport, remote, connection, msg, bytes, error);
  g_bytes_unref (bytes);
  return ret;
}

/* RFC 3261 18.2.2: where the responses to @request go */
static void
route_response (GstSipUserAgent *ua, GstSipMessage *request,
    GObject **transport, GSocketAddress **remote, GObject **connection)
{
  GSocketAddress *source = gst_sip_message_get_remote_address (request);
  GstSipTransportProtocol protocol;
  GstSipViaView via;
  GInetAddress *ip = NULL;
  guint port;
  gchar *host;

  *transport = _gst_sip_message_get_transport (request);
  *connection = _gst_sip_message_get_connection (request);
  *remote = NULL;

  if (!_gst_sip_message_get_top_via_view (request, &via))
    return;

  host = g_strndup (via.transport.ptr, via.transport.len);
  if (!gst_sip_transport_protocol_from_string (host, &protocol))
    protocol = GST_SIP_TRANSPORT_PROTOCOL_UDP;
  g_free (host);
  if (*transport)
    protocol = gst_sip_transport_get_protocol (GST_SIP_TRANSPORT (*transport));
  port = via.port ? via.port
                  : (protocol == GST_SIP_TRANSPORT_PROTOCOL_TLS ? 5061 : 5060);

  if (via.maddr.ptr) {
    host = g_strndup (via.maddr.ptr, via.maddr.len);
    ip = g_inet_address_new_from_string (host);
    g_free (host);
  } else if (source && G_IS_INET_SOCKET_ADDRESS (source)) {
    /* the received parameter, which is the source address */
    ip = g_object_ref (
        g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (source)));
    /* RFC 3581: back to the source port when rport was asked for */
    if (via.rport > 0 && !gst_sip_transport_protocol_is_reliable (protocol))
      port = via.rport;
  } else {
    host = g_strndup (via.received.ptr ? via.received.ptr : via.host.ptr,
        via.received.ptr ? via.received.len : via.host.len);
    ip = g_inet_address_new_from_string (host);
    g_free (host);
  }

  if (ip) {
    *remote = g_inet_socket_address_new (ip, port);
    g_object_unref (ip);
  }
  if (!*transport)
    *transport =
        G_OBJECT (find_transport (ua, protocol, address_family (*remote)));
}

static gboolean
respond_statelessly (
    GstSipUserAgent *ua, GstSipMessage *request, GstSipMessage *response)
{
  GObject *transport, *connection;
  GSocketAddress *remote;
  GError *error = NULL;
  gboolean ret;

  route_response (ua, request, &transport, &remote, &connection);
  ret = _gst_sip_user_agent_transmit (
      ua, transport, remote, connection, response, &error);
  if (!ret) {
    GST_INFO ("could not send a %u: %s",
        gst_sip_message_get_status_code (response), error->message);
    g_error_free (error);
  }
  g_clear_object (&remote);
  return ret;
}

static void
file_transaction (
    GstSipUserAgent *ua, GHashTable *table, GstSipTransaction *tx, gchar *key)
{
  GstSipTransactionPrivate *priv = PRIV (tx);

  if (priv->key)
    g_hash_table_remove (table, priv->key);
  g_free (priv->key);
  priv->key = key;
  g_hash_table_insert (table, priv->key, g_object_ref (tx));
}

static gchar *
merge_key (GstSipMessage *request)
{
  guint32 cseq = 0;

  gst_sip_message_get_cseq (request, &cseq, NULL);
  return g_strdup_printf ("%s\n%s\n%u\n%s",
      gst_sip_message_get_from_tag (request),
      gst_sip_message_get_call_id (request), cseq,
      gst_sip_message_get_method_name (request));
}

void
_gst_sip_user_agent_forget_transaction (
    GstSipUserAgent *ua, GstSipTransaction *tx)
{
  GstSipTransactionPrivate *priv = PRIV (tx);
  GHashTable *table = GST_IS_SIP_CLIENT_TRANSACTION (tx)
      ? ua->client_transactions
      : ua->server_transactions;

  if (GST_IS_SIP_SERVER_TRANSACTION (tx) && priv->request &&
      gst_sip_message_get_from_tag (priv->request) &&
      !gst_sip_message_get_to_tag (priv->request)) {
    gchar *key = merge_key (priv->request);

    if (g_hash_table_lookup (ua->merge_keys, key) == tx)
      g_hash_table_remove (ua->merge_keys, key);
    g_free (key);
  }

  g_hash_table_remove (ua->resolving, tx);
  if (priv->key && g_hash_table_lookup (table, priv->key) == tx)
    g_hash_table_remove (table, priv->key);
}

/* methods whose requests need a Contact (RFC 3261 8.1.1.8, RFC 3311,
 * RFC 3515, RFC 6665) */
static gboolean
needs_contact (GstSipMessage *request)
{
  switch (gst_sip_message_get_method (request)) {
    case GST_SIP_METHOD_INVITE:
    case GST_SIP_METHOD_UPDATE:
    case GST_SIP_METHOD_SUBSCRIBE:
    case GST_SIP_METHOD_NOTIFY:
    case GST_SIP_METHOD_REFER:
      return TRUE;
    default:
      return FALSE;
  }
}

/* the transport parameter of a Contact: none for UDP, and for TLS, which
 * a sips: URI implies */
static gchar *
contact_transport_param (GstSipTransportProtocol protocol)
{
  if (protocol == GST_SIP_TRANSPORT_PROTOCOL_UDP ||
      protocol == GST_SIP_TRANSPORT_PROTOCOL_TLS)
    return NULL;
  return g_ascii_strdown (gst_sip_transport_protocol_to_string (protocol), -1);
}

static void
add_contact (GstSipMessage *request, GstSipTransportProtocol protocol,
    const gchar *host, guint port)
{
  GstSipAddress *from = gst_sip_message_get_from (request), *contact;
  const GstSipUri *from_uri = from ? gst_sip_address_get_uri (from) : NULL;
  GstSipUri *uri;
  gchar *name = contact_transport_param (protocol);

  uri = _gst_sip_contact_uri_new (protocol == GST_SIP_TRANSPORT_PROTOCOL_TLS,
      from_uri && gst_sip_uri_is_sip (from_uri)
          ? gst_sip_uri_get_user (from_uri)
          : NULL,
      host, port, name);
  g_free (name);
  if (uri) {
    contact = gst_sip_address_new (uri, NULL);
    gst_sip_message_append_address (request, "Contact", contact);
    gst_sip_address_free (contact);
    gst_sip_uri_free (uri);
  }
  if (from)
    gst_sip_address_free (from);
}

/* picks the transport for @target (NULL with a send function), then writes
 * a fresh top Via with a new branch and, when the method needs one and the
 * request has none, a Contact for that transport */
static gboolean
stamp_request (GstSipUserAgent *ua, GstSipMessage *request,
    const GstSipTarget *target, gboolean replace_via,
    GstSipTransport **transport_out, GstSipTransportProtocol *protocol_out,
    gchar **branch_out, GError **error)
{
  GstSipTransportProtocol protocol;
  GstSipTransport *transport;
  GSocketAddress *remote = NULL;
  gchar *host, *branch;
  guint port = 0;
  GstSipVia *via;

  if (target) {
    protocol = target->protocol;
    remote = G_SOCKET_ADDRESS (target->address);
    transport = find_transport (ua, protocol, address_family (remote));

    /* RFC 3261 18.1.1: large requests leave UDP for TCP */
    if (protocol == GST_SIP_TRANSPORT_PROTOCOL_UDP) {
      GBytes *bytes = gst_sip_message_to_bytes (request);
      GstSipTransport *tcp = find_transport (
          ua, GST_SIP_TRANSPORT_PROTOCOL_TCP, address_family (remote));

      if (g_bytes_get_size (bytes) + 64 > UDP_SIZE_LIMIT && tcp) {
        GST_DEBUG ("%" G_GSIZE_FORMAT " byte request: using TCP",
            g_bytes_get_size (bytes));
        protocol = GST_SIP_TRANSPORT_PROTOCOL_TCP;
        transport = tcp;
      }
      g_bytes_unref (bytes);
    }
    if (!transport) {
      g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_UNSUPPORTED,
          _ ("No %s transport for this destination"),
          gst_sip_transport_protocol_to_string (protocol));
      return FALSE;
    }
    {
      GInetSocketAddress *local =
          _gst_sip_transport_get_local_address_for (transport, remote);

      if (!local) {
        g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
            _ ("The %s transport is stopped"),
            gst_sip_transport_protocol_to_string (protocol));
        return FALSE;
      }
      host =
          g_inet_address_to_string (g_inet_socket_address_get_address (local));
      port = g_inet_socket_address_get_port (local);
      g_object_unref (local);
    }
    /* RFC 7118 section 5: a WebSocket client names itself with an
     * .invalid host */
    if (GST_IS_SIP_TRANSPORT_WS (transport)) {
      const gchar *flow_host = _gst_sip_transport_ws_get_via_host (
          GST_SIP_TRANSPORT_WS (transport), remote, NULL);

      if (flow_host) {
        g_free (host);
        host = g_strdup (flow_host);
        port = 0;
      }
    }
  } else {
    /* a send function stands in for the transports */
    const GstSipUri *uri = gst_sip_message_get_request_uri (request);
    GList *routes = gst_sip_message_get_addresses (request, "Route");
    guint dport;

    if (routes)
      uri = gst_sip_address_get_uri (routes->data);
    if (!_gst_sip_resolve_protocol (uri, ~0u, &protocol, &dport))
      protocol = GST_SIP_TRANSPORT_PROTOCOL_UDP;
    g_list_free_full (routes, (GDestroyNotify) gst_sip_address_free);
    transport = find_transport (ua, protocol, G_SOCKET_FAMILY_INVALID);
    if (transport) {
      host = g_strdup (gst_sip_transport_get_host (transport));
      port = gst_sip_transport_get_port (transport);
    } else {
      host = g_strdup (SEAM_HOST);
    }
  }

  branch = _gst_sip_transaction_new_branch ();
  via = gst_sip_via_new (
      gst_sip_transport_protocol_to_string (protocol), host, port);
  gst_sip_via_set_branch (via, branch);
  /* RFC 3581: ask for responses to come back to our source port */
  gst_sip_via_set_rport (via, 0);
  if (replace_via)
    gst_sip_message_set_top_via (request, via);
  else
    gst_sip_message_prepend_via (request, via);
  gst_sip_via_free (via);

  if (needs_contact (request) &&
      !gst_sip_message_get_header (request, "Contact"))
    add_contact (request, protocol, host, port);
  g_free (host);

  *transport_out = transport;
  *protocol_out = protocol;
  *branch_out = branch;
  return TRUE;
}

gboolean
_gst_sip_user_agent_bind_target (GstSipUserAgent *ua,
    GstSipClientTransaction *tx, const GstSipTarget *target, GError **error)
{
  GstSipTransactionPrivate *priv = PRIV (tx);
  GstSipTransportProtocol protocol;
  GstSipTransport *transport;
  gchar *branch;

  if (!stamp_request (ua, priv->request, target, priv->branch != NULL,
          &transport, &protocol, &branch, error))
    return FALSE;

  g_set_object (&priv->transport, G_OBJECT (transport));
  g_clear_object (&priv->remote);
  if (target)
    priv->remote = g_object_ref (G_SOCKET_ADDRESS (target->address));
  priv->protocol = protocol;
  priv->reliable = gst_sip_transport_protocol_is_reliable (protocol);
  g_free (priv->branch);
  priv->branch = branch;

  file_transaction (ua, ua->client_transactions, GST_SIP_TRANSACTION (tx),
      _gst_sip_transaction_client_key (
          priv->branch, gst_sip_message_get_method_name (priv->request)));
  return TRUE;
}

GstSipClientTransaction *
_gst_sip_user_agent_send_cancel (
    GstSipUserAgent *ua, GstSipClientTransaction *invite, GstSipMessage *cancel)
{
  GstSipTransactionPrivate *ipriv = PRIV (invite), *priv;
  GstSipClientTransaction *tx;
  GstSipVia *via;

  via = gst_sip_message_get_via (ipriv->request, 0);
  gst_sip_message_prepend_via (cancel, via);
  gst_sip_via_free (via);
  if (ua->user_agent && *ua->user_agent)
    gst_sip_message_set_header (cancel, "User-Agent", ua->user_agent);

  /* to the same hop as the INVITE */
  tx = _gst_sip_client_transaction_new (
      ua, cancel, _gst_sip_client_transaction_get_server_name (invite));
  priv = PRIV (tx);
  g_set_object (&priv->transport, ipriv->transport);
  g_set_object (&priv->remote, ipriv->remote);
  priv->protocol = ipriv->protocol;
  priv->reliable = ipriv->reliable;
  priv->branch = g_strdup (ipriv->branch);
  file_transaction (ua, ua->client_transactions, GST_SIP_TRANSACTION (tx),
      _gst_sip_transaction_client_key (priv->branch, "CANCEL"));
  _gst_sip_client_transaction_start (tx, TRUE);

  return tx;
}

/* RFC 3261 8.1.1: the headers every request needs */
static void
complete_request (GstSipUserAgent *ua, GstSipMessage *request)
{
  const gchar *method = gst_sip_message_get_method_name (request);

  if (gst_sip_message_get_max_forwards (request) < 0)
    gst_sip_message_set_max_forwards (request, 70);

  if (!gst_sip_message_get_header (request, "From"))
    gst_sip_message_set_header (request, "From", ua->from);
  if (!gst_sip_message_get_from_tag (request)) {
    GstSipAddress *from = gst_sip_message_get_from (request);
    gchar *tag = _gst_sip_new_token (64);

    gst_sip_address_set_tag (from, tag);
    gst_sip_message_set_from (request, from);
    gst_sip_address_free (from);
    g_free (tag);
  }

  if (!gst_sip_message_get_header (request, "To")) {
    GstSipUri *uri =
        gst_sip_uri_copy (gst_sip_message_get_request_uri (request));
    GstSipAddress *to;

    /* the To of an out-of-dialog request is the target, without the
     * parameters that only make sense in a Request-URI */
    gst_sip_uri_remove_param (uri, "transport");
    gst_sip_uri_remove_param (uri, "lr");
    gst_sip_uri_remove_param (uri, "maddr");
    to = gst_sip_address_new (uri, NULL);
    gst_sip_message_set_to (request, to);
    gst_sip_address_free (to);
    gst_sip_uri_free (uri);
  }

  if (!gst_sip_message_get_call_id (request)) {
    gchar *call_id = _gst_sip_new_token (128);

    gst_sip_message_set_call_id (request, call_id);
    g_free (call_id);
  }

  if (!gst_sip_message_get_cseq (request, NULL, NULL))
    gst_sip_message_set_cseq (request, 1, method);

  if (ua->user_agent && *ua->user_agent &&
      !gst_sip_message_get_header (request, "User-Agent"))
    gst_sip_message_set_header (request, "User-Agent", ua->user_agent);
}

/* RFC 3261 8.1.2 and 12.2.1.1: the next hop is the first Route, or the
 * Request-URI; a strict router in front gets the Request-URI rewritten */
static GstSipUri *
next_hop (GstSipMessage *request)
{
  GList *routes = gst_sip_message_get_addresses (request, "Route");
  GstSipUri *hop;

  if (!routes)
    return gst_sip_uri_copy (gst_sip_message_get_request_uri (request));

  hop = gst_sip_uri_copy (gst_sip_address_get_uri (routes->data));
  if (!gst_sip_uri_has_param (hop, "lr")) {
    GstSipAddress *last =
        gst_sip_address_new (gst_sip_message_get_request_uri (request), NULL);
    GList *l;

    gst_sip_message_set_request_uri (request, hop);
    gst_sip_message_remove_header (request, "Route");
    for (l = routes->next; l; l = l->next)
      gst_sip_message_append_address (request, "Route", l->data);
    gst_sip_message_append_address (request, "Route", last);
    gst_sip_address_free (last);
  }
  g_list_free_full (routes, (GDestroyNotify) gst_sip_address_free);

  return hop;
}

static void
on_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GstSipClientTransaction *tx = user_data;
  GstSipTransactionPrivate *priv = PRIV (tx);
  GError *error = NULL;
  GPtrArray *targets;

  targets = _gst_sip_resolve_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    /* the user agent is going away */
    g_error_free (error);
    g_object_unref (tx);
    return;
  }
  g_hash_table_remove (priv->ua->resolving, tx);

  if (!targets) {
    _gst_sip_client_transaction_fail (tx, error);
    g_error_free (error);
  } else {
    _gst_sip_client_transaction_set_targets (tx, targets);
    _gst_sip_client_transaction_start (tx, FALSE);
    g_ptr_array_unref (targets);
  }
  g_object_unref (tx);
}

/**
 * gst_sip_user_agent_send_request:
 * @ua: a #GstSipUserAgent
 * @request: a request other than ACK and CANCEL
 * @error: return location for a #GError, or %NULL
 *
 * Starts a client transaction for @request.  What RFC 3261 section 8.1.1
 * requires and @request lacks is added in place: Max-Forwards, From (the
 * #GstSipUserAgent:from address) with a tag, To (the Request-URI), Call-ID,
 * CSeq 1 and User-Agent; then the next hop (the first Route, or the
 * Request-URI) is located with RFC 3263, a Via with a new branch and
 * `rport` is added, and the request is sent.  Follow the transaction with
 * #GstSipClientTransaction::response and its #GstSipTransaction:state.
 *
 * To cancel an INVITE, use gst_sip_client_transaction_cancel().
 *
 * Returns: (transfer full) (nullable): the transaction, or %NULL with
 *   @error set when the request cannot be sent (no transport for its
 *   destination)
 *
 * Since: 0.1
 */
GstSipClientTransaction *
gst_sip_user_agent_send_request (
    GstSipUserAgent *ua, GstSipMessage *request, GError **error)
{
  GstSipClientTransaction *tx;
  GstSipTransportProtocol protocol;
  GInetSocketAddress *flow;
  GstSipUri *hop;
  guint port;
  const gchar *host;

  g_return_val_if_fail (GST_IS_SIP_USER_AGENT (ua), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (gst_sip_message_is_request (request), NULL);
  g_return_val_if_fail (
      gst_sip_message_get_method (request) != GST_SIP_METHOD_ACK, NULL);
  g_return_val_if_fail (
      gst_sip_message_get_method (request) != GST_SIP_METHOD_CANCEL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  complete_request (ua, request);
  hop = next_hop (request);

  if (!ua->send_func &&
      !_gst_sip_resolve_protocol (hop, protocol_mask (ua), &protocol, &port)) {
    gchar *text = gst_sip_uri_to_string (hop);

    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_UNSUPPORTED,
        _ ("No transport can reach “%s”"), text);
    g_free (text);
    gst_sip_uri_free (hop);
    return NULL;
  }

  tx = _gst_sip_client_transaction_new (
      ua, request, ua->send_func ? NULL : gst_sip_uri_get_host (hop));
  host = gst_sip_uri_get_param (hop, "maddr");
  if (!host)
    host = gst_sip_uri_get_host (hop);
  flow = ua->send_func ? NULL : ws_flow_address (ua, protocol, host);

  if (ua->send_func) {
    _gst_sip_client_transaction_start (tx, FALSE);
  } else if (flow || (host && g_hostname_is_ip_address (host))) {
    GPtrArray *targets =
        g_ptr_array_new_with_free_func ((GDestroyNotify) _gst_sip_target_free);
    GstSipTarget *target = g_new0 (GstSipTarget, 1);

    target->protocol = protocol;
    target->address = flow
        ? g_steal_pointer (&flow)
        : G_INET_SOCKET_ADDRESS (
              g_inet_socket_address_new_from_string (host, port));
    g_ptr_array_add (targets, target);
    _gst_sip_client_transaction_set_targets (tx, targets);
    g_ptr_array_unref (targets);
    _gst_sip_client_transaction_start (tx, FALSE);
  } else {
    GCancellable *cancellable = g_cancellable_new ();

    g_hash_table_insert (ua->resolving, g_object_ref (tx), cancellable);
    g_main_context_push_thread_default (ua->context);
    _gst_sip_resolve_async (ua->resolver, hop, protocol_mask (ua), cancellable,
        on_resolved, g_object_ref (tx));
    g_main_context_pop_thread_default (ua->context);
  }

  gst_sip_uri_free (hop);
  return tx;
}

typedef struct
{
  GTask *task;
  GstSipClientTransaction *tx;
  GSource *cancel_source;
} RequestData;

static void
request_data_free (RequestData *data)
{
  if (data->cancel_source) {
    g_source_destroy (data->cancel_source);
    g_source_unref (data->cancel_source);
  }
  g_object_unref (data->task);
  g_free (data);
}

static void
request_done (GstSipClientTransaction *tx)
{
  /* drops the RequestData */
  _gst_sip_client_transaction_set_handler (tx, NULL, NULL, NULL);
}

static void
request_response (
    GstSipClientTransaction *tx, GstSipMessage *response, gpointer user_data)
{
  RequestData *data = user_data;

  if (gst_sip_message_get_status_code (response) < 200)
    return;
  g_task_return_pointer (data->task, gst_sip_message_ref (response),
      (GDestroyNotify) gst_sip_message_unref);
  request_done (tx);
}

static void
request_failed (
    GstSipClientTransaction *tx, const GError *error, gpointer user_data)
{
  RequestData *data = user_data;

  g_task_return_error (data->task, g_error_copy (error));
  request_done (tx);
}

static const GstSipClientTransactionHandler request_handler = {
  request_response, request_failed
};

static gboolean
request_cancelled (GCancellable *cancellable, gpointer user_data)
{
  RequestData *data = user_data;
  GstSipClientTransaction *tx = data->tx;

  /* a non-INVITE transaction cannot be stopped on the wire: stop waiting
   * and let it run its course */
  g_task_return_error_if_cancelled (data->task);
  request_done (tx);
  return G_SOURCE_REMOVE;
}

/**
 * gst_sip_user_agent_request_async:
 * @ua: a #GstSipUserAgent
 * @request: a request other than INVITE, ACK and CANCEL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the final response
 * @user_data: data for @callback
 *
 * Sends @request like gst_sip_user_agent_send_request() and waits for the
 * final response.  A final response of any status is a success: read its
 * status code.  INVITE belongs to calls, which acknowledge 2xx responses.
 *
 * Since: 0.1
 */
void
gst_sip_user_agent_request_async (GstSipUserAgent *ua, GstSipMessage *request,
    GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GstSipClientTransaction *tx;
  RequestData *data;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (GST_IS_SIP_USER_AGENT (ua));
  g_return_if_fail (request != NULL);
  g_return_if_fail (
      gst_sip_message_get_method (request) != GST_SIP_METHOD_INVITE);

  task = g_task_new (ua, cancellable, callback, user_data);
  g_task_set_source_tag (task, gst_sip_user_agent_request_async);

  tx = gst_sip_user_agent_send_request (ua, request, &error);
  if (!tx) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  if (gst_sip_transaction_get_state (GST_SIP_TRANSACTION (tx)) ==
      GST_SIP_TRANSACTION_STATE_TERMINATED) {
    /* it failed at once */
    g_task_return_error (
        task, g_error_copy (gst_sip_client_transaction_get_error (tx)));
    g_object_unref (task);
    g_object_unref (tx);
    return;
  }

  data = g_new0 (RequestData, 1);
  data->task = task;
  data->tx = tx;
  if (cancellable) {
    data->cancel_source = g_cancellable_source_new (cancellable);
    g_source_set_callback (
        data->cancel_source, G_SOURCE_FUNC (request_cancelled), data, NULL);
    g_source_attach (data->cancel_source, ua->context);
  }
  _gst_sip_client_transaction_set_handler (
      tx, &request_handler, data, (GDestroyNotify) request_data_free);
  g_object_unref (tx);
}

/**
 * gst_sip_user_agent_request_finish:
 * @ua: a #GstSipUserAgent
 * @result: the #GAsyncResult
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the final response, or %NULL with
 *   @error set (%GST_SIP_ERROR_TIMEOUT, %GST_SIP_ERROR_TRANSPORT,
 *   %GST_SIP_ERROR_RESOLVE, %G_IO_ERROR_CANCELLED)
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_user_agent_request_finish (
    GstSipUserAgent *ua, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, ua), NULL);
  g_return_val_if_fail (
      g_async_result_is_tagged (result, gst_sip_user_agent_request_async) ||
          g_async_result_is_tagged (
              result, gst_sip_user_agent_send_message_async),
      NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gst_sip_user_agent_send_message_async:
 * @ua: a #GstSipUserAgent
 * @uri: the recipient, such as `sip:34020000001320000001@3402000000`
 * @content_type: the media type of @body, such as `text/plain`
 * @body: the content
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the final response
 * @user_data: data for @callback
 *
 * Sends a MESSAGE (RFC 3428) outside any dialog, from the
 * #GstSipUserAgent:from address.
 *
 * Since: 0.1
 */
void
gst_sip_user_agent_send_message_async (GstSipUserAgent *ua, const gchar *uri,
    const gchar *content_type, GBytes *body, GCancellable *cancellable,
    GAsyncReadyCallback callback, gpointer user_data)
{
  GstSipMessage *request;
  GstSipUri *target;
  GError *error = NULL;

  g_return_if_fail (GST_IS_SIP_USER_AGENT (ua));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (content_type != NULL);
  g_return_if_fail (body != NULL);

  target = gst_sip_uri_new (uri, &error);
  if (!target) {
    g_task_report_error (
        ua, callback, user_data, gst_sip_user_agent_send_message_async, error);
    return;
  }
  request = gst_sip_message_new_request ("MESSAGE", target);
  gst_sip_message_set_body (request, content_type, body);
  gst_sip_user_agent_request_async (
      ua, request, cancellable, callback, user_data);
  gst_sip_message_unref (request);
  gst_sip_uri_free (target);
}

/**
 * gst_sip_user_agent_send_message_finish:
 * @ua: a #GstSipUserAgent
 * @result: the #GAsyncResult
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the final response (a 2xx means the
 *   message was delivered), or %NULL with @error set
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_user_agent_send_message_finish (
    GstSipUserAgent *ua, GAsyncResult *result, GError **error)
{
  return gst_sip_user_agent_request_finish (ua, result, error);
}

/* ---------------------------------------------------------------------- */
/* receiving */

static gboolean
method_is_allowed (GstSipUserAgent *ua, const gchar *method)
{
  guint i;

  for (i = 0; i < ua->allowed->len; i++) {
    if (strcmp (g_ptr_array_index (ua->allowed, i), method) == 0)
      return TRUE;
  }
  return FALSE;
}

static gchar *
allow_value (GstSipUserAgent *ua)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < ua->allowed->len; i++) {
    if (i)
      g_string_append (s, ", ");
    g_string_append (s, g_ptr_array_index (ua->allowed, i));
  }
  return g_string_free (s, FALSE);
}

static void
add_capabilities (GstSipUserAgent *ua, GstSipMessage *response, gboolean allow,
    gboolean accept, gboolean supported)
{
  gchar *value;

  if (allow) {
    value = allow_value (ua);
    gst_sip_message_append_header (response, "Allow", value);
    g_free (value);
  }
  if (accept) {
    value = g_strjoinv (", ", ua->accept);
    gst_sip_message_append_header (response, "Accept", value);
    g_free (value);
    gst_sip_message_append_header (response, "Accept-Encoding", "identity");
    gst_sip_message_append_header (response, "Accept-Language", "en");
  }
  if (supported) {
    value = g_strjoinv (", ", ua->supported);
    gst_sip_message_append_header (response, "Supported", value);
    g_free (value);
  }
}

static gboolean
reply (GstSipServerTransaction *tx, GstSipMessage *response)
{
  GError *error = NULL;

  if (!gst_sip_server_transaction_respond (tx, response, &error)) {
    GST_INFO ("could not answer: %s", error->message);
    g_error_free (error);
    return FALSE;
  }
  return TRUE;
}

static GstSipMessage *
create_response (GstSipUserAgent *ua, GstSipServerTransaction *tx, guint code,
    const gchar *reason)
{
  GstSipMessage *response =
      gst_sip_server_transaction_create_response (tx, code, reason);

  if (ua->user_agent && *ua->user_agent)
    gst_sip_message_append_header (response, "Server", ua->user_agent);
  return response;
}

static void
reply_simple (GstSipUserAgent *ua, GstSipServerTransaction *tx, guint code,
    const gchar *reason)
{
  GstSipMessage *response = create_response (ua, tx, code, reason);

  reply (tx, response);
  gst_sip_message_unref (response);
}

static gboolean
media_type_matches (const gchar *pattern, const gchar *type, gsize len)
{
  gsize plen = strlen (pattern);

  if (strcmp (pattern, "*/*") == 0)
    return TRUE;
  if (plen > 2 && g_str_has_suffix (pattern, "/*"))
    return len > plen - 1 && g_ascii_strncasecmp (pattern, type, plen - 1) == 0;
  return plen == len && g_ascii_strncasecmp (pattern, type, len) == 0;
}

static gboolean
body_is_acceptable (GstSipUserAgent *ua, GstSipMessage *request)
{
  const gchar *ct = gst_sip_message_get_content_type (request);
  gsize len;
  guint i;

  if (!ct)
    return FALSE;
  len = strcspn (ct, "; \t");
  for (i = 0; ua->accept[i]; i++) {
    if (media_type_matches (ua->accept[i], ct, len))
      return TRUE;
  }
  return FALSE;
}

/* RFC 3261 8.2.2.3: option tags we do not support */
static gchar *
unsupported_requirements (GstSipUserAgent *ua, GstSipMessage *request)
{
  gchar **required = gst_sip_message_get_tokens (request, "Require");
  GString *unsupported = NULL;
  guint i;

  for (i = 0; required[i]; i++) {
    if (g_strv_contains ((const gchar *const *) ua->supported, required[i]))
      continue;
    if (!unsupported)
      unsupported = g_string_new (required[i]);
    else
      g_string_append_printf (unsupported, ", %s", required[i]);
  }
  g_strfreev (required);
  return unsupported ? g_string_free (unsupported, FALSE) : NULL;
}

static void
handle_cancel (
    GstSipUserAgent *ua, GstSipServerTransaction *tx, GstSipMessage *request)
{
  GstSipServerTransaction *invite;
  gchar *key = _gst_sip_transaction_server_key (request, "INVITE");

  invite = key ? g_hash_table_lookup (ua->server_transactions, key) : NULL;
  g_free (key);

  /* RFC 3261 9.2 */
  if (!invite) {
    reply_simple (ua, tx, 481, NULL);
    return;
  }
  g_object_ref (invite);
  reply_simple (ua, tx, 200, NULL);
  _gst_sip_server_transaction_cancel (invite);
  g_object_unref (invite);
}

static void
handle_options (GstSipUserAgent *ua, GstSipServerTransaction *tx)
{
  GstSipMessage *response = create_response (ua, tx, 200, NULL);

  /* RFC 3261 11.2 */
  add_capabilities (ua, response, TRUE, TRUE, TRUE);
  reply (tx, response);
  gst_sip_message_unref (response);
}

/* RFC 3261 8.2: the checks in order, then the application */
/* whether the SDP offer of @request has an m-line of @media, or no offer:
 * the answer to an offer only has its m-lines, so a stream it does not
 * offer need not be set up */
static gboolean
offers_media (GstSipMessage *request, const gchar *media)
{
  GBytes *body = gst_sip_message_get_body (request);
  gchar *line;
  gsize size;
  const gchar *data;
  gboolean ret;

  if (!body)
    return TRUE;
  data = g_bytes_get_data (body, &size);
  line = g_strdup_printf ("\nm=%s ", media);
  ret = size == 0 || g_strstr_len (data, size, line) != NULL;
  g_free (line);
  g_bytes_unref (body);
  return ret;
}

/* GstSipUserAgent:auto-answer: signalling only, on the discard port */
static void
auto_answer (GstSipCall *call, GstSipMessage *request)
{
  GSocketAddress *local = gst_sip_message_get_local_address (request);
  GstSipSdpNegotiator *negotiator;
  gchar *address = NULL;
  GError *error = NULL;

  if (local && G_IS_INET_SOCKET_ADDRESS (local))
    address = g_inet_address_to_string (
        g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  negotiator = gst_sip_sdp_negotiator_new (address ? address : "127.0.0.1");
  if (offers_media (request, "audio"))
    gst_sip_sdp_negotiator_add_media (negotiator, "audio", 9, NULL);
  if (offers_media (request, "video"))
    gst_sip_sdp_negotiator_add_media (negotiator, "video", 9, NULL);
  gst_sip_call_set_negotiator (call, negotiator);
  if (!gst_sip_call_answer (call, &error)) {
    GST_INFO ("auto-answer failed: %s", error->message);
    g_clear_error (&error);
  }
  g_object_unref (negotiator);
  g_free (address);
}

static void
dispatch_request (
    GstSipUserAgent *ua, GstSipServerTransaction *tx, GstSipMessage *request)
{
  const gchar *method = gst_sip_message_get_method_name (request);
  GstSipMethod method_id = gst_sip_message_get_method (request);
  const GstSipUri *ruri = gst_sip_message_get_request_uri (request);
  GstSipMessage *response;
  gboolean handled = FALSE;
  gchar **names, *unsupported;

  if (method_id == GST_SIP_METHOD_CANCEL) {
    handle_cancel (ua, tx, request);
    return;
  }

  /* 8.2.1: methods */
  if (!method_is_allowed (ua, method)) {
    response = create_response (
        ua, tx, method_id == GST_SIP_METHOD_UNKNOWN ? 501 : 405, NULL);
    add_capabilities (ua, response, TRUE, FALSE, FALSE);
    reply (tx, response);
    gst_sip_message_unref (response);
    return;
  }

  /* 8.2.2.1: the Request-URI */
  if (!gst_sip_uri_is_sip (ruri) && !gst_sip_uri_is_tel (ruri)) {
    reply_simple (ua, tx, 416, NULL);
    return;
  }
  names = gst_sip_uri_get_header_names (ruri);
  if (names[0]) {
    g_strfreev (names);
    reply_simple (ua, tx, 400, "Request-URI Has Headers");
    return;
  }
  g_strfreev (names);

  /* 8.2.2.2: a request that reached us twice through forking proxies */
  if (!gst_sip_message_get_to_tag (request) &&
      gst_sip_message_get_from_tag (request)) {
    gchar *key = merge_key (request);
    GstSipServerTransaction *other = g_hash_table_lookup (ua->merge_keys, key);

    if (other && other != tx) {
      g_free (key);
      reply_simple (ua, tx, 482, NULL);
      return;
    }
    g_hash_table_insert (ua->merge_keys, key, tx);
  }

  /* 8.2.2.3: extensions */
  unsupported = unsupported_requirements (ua, request);
  if (unsupported) {
    response = create_response (ua, tx, 420, NULL);
    gst_sip_message_append_header (response, "Unsupported", unsupported);
    reply (tx, response);
    gst_sip_message_unref (response);
    g_free (unsupported);
    return;
  }

  /* 8.2.3: content */
  if (_gst_sip_message_get_body_size (request) > 0) {
    const gchar *encoding =
        gst_sip_message_get_header (request, "Content-Encoding");

    if (!gst_sip_message_get_content_type (request)) {
      reply_simple (ua, tx, 400, "Missing Content-Type Header");
      return;
    }
    if (!body_is_acceptable (ua, request) ||
        (encoding && g_ascii_strcasecmp (encoding, "identity") != 0)) {
      response = create_response (ua, tx, 415, NULL);
      add_capabilities (ua, response, FALSE, TRUE, FALSE);
      reply (tx, response);
      gst_sip_message_unref (response);
      return;
    }
  }

  /* 12.2.2: a request inside a dialog: its call, or 481 */
  if (gst_sip_message_get_to_tag (request)) {
    gchar *key = _gst_sip_dialog_key_for_request (request);
    GstSipCall *call = g_hash_table_lookup (ua->dialogs, key);
    gboolean known = FALSE;

    g_free (key);
    if (call) {
      g_object_ref (call);
      known = _gst_sip_call_handle_request (call, tx, request);
      g_object_unref (call);
    }
    if (!known && !_gst_sip_server_transaction_has_responded (tx))
      reply_simple (ua, tx, 481, NULL);
    return;
  }

  g_signal_emit (ua, signals[SIGNAL_INCOMING_REQUEST],
      g_quark_from_string (method), tx, &handled);
  if (handled)
    return;

  switch (method_id) {
    case GST_SIP_METHOD_OPTIONS:
      handle_options (ua, tx);
      break;
    case GST_SIP_METHOD_INVITE: {
      GstSipCall *call;

      if (ua->max_calls && g_hash_table_size (ua->calls) >= ua->max_calls) {
        GstSipMessage *r503 =
            gst_sip_server_transaction_create_response (tx, 503, NULL);

        GST_INFO ("%u calls, refusing one more", ua->max_calls);
        gst_sip_message_append_header (
            r503, "Retry-After", OVERLOAD_RETRY_AFTER);
        gst_sip_server_transaction_respond (tx, r503, NULL);
        gst_sip_message_unref (r503);
        break;
      }

      call = _gst_sip_call_new_incoming (ua, tx, request);
      if (gst_sip_call_get_state (call) != GST_SIP_CALL_STATE_ENDED) {
        g_signal_emit (ua, signals[SIGNAL_INCOMING_CALL], 0, call, &handled);
        if (!handled &&
            gst_sip_call_get_state (call) == GST_SIP_CALL_STATE_PROCEEDING) {
          if (ua->auto_answer)
            auto_answer (call, request);
          else
            gst_sip_call_reject (call, 480, NULL, NULL);
        }
      }
      g_object_unref (call);
      break;
    }
    case GST_SIP_METHOD_MESSAGE:
      g_signal_emit (ua, signals[SIGNAL_INCOMING_MESSAGE], 0, request);
      if (!_gst_sip_server_transaction_has_responded (tx))
        reply_simple (ua, tx, 200, NULL);
      break;
    default:
      reply_simple (ua, tx, 501, NULL);
      break;
  }
}

/* RFC 3261 18.2.1 and RFC 3581: note where the request came from */
static void
stamp_via (GstSipMessage *request)
{
  GSocketAddress *source = gst_sip_message_get_remote_address (request);
  GstSipViaView view;
  GstSipVia *via;
  gchar *ip;
  gboolean changed = FALSE;

  if (!source || !G_IS_INET_SOCKET_ADDRESS (source))
    return;

  ip = g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (source)));
  /* the common case, a Via without rport that names the source address:
   * nothing to add, and no need to parse and rewrite it */
  if (_gst_sip_message_get_top_via_view (request, &view) && view.rport != 0 &&
      view.host.len == strlen (ip) &&
      strncmp (view.host.ptr, ip, view.host.len) == 0) {
    g_free (ip);
    return;
  }

  via = gst_sip_message_get_via (request, 0);
  if (gst_sip_via_get_rport (via) == 0) {
    gst_sip_via_set_rport (
        via, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (source)));
    gst_sip_via_set_received (via, ip);
    changed = TRUE;
  } else if (g_strcmp0 (gst_sip_via_get_host (via), ip) != 0) {
    gst_sip_via_set_received (via, ip);
    changed = TRUE;
  }
  if (changed)
    gst_sip_message_set_top_via (request, via);
  g_free (ip);
  gst_sip_via_free (via);
}

/* how long @msg waited in the receive queue before the user agent read it,
 * in microseconds; -1 when unknown */
static gint64
queue_wait (GstSipMessage *msg, gint64 now)
{
  gint64 arrival = _gst_sip_message_get_arrival (msg);

  return arrival > 0 ? MAX (now - arrival, 0) : -1;
}

/* GstSipUserAgent:max-queue-delay: the user agent is overloaded when even
 * the shortest wait of the messages it read in an interval exceeded the
 * limit, that is when a standing queue formed; a burst, or a moment the
 * process did not get the CPU, drains within the interval */
static void
note_queue_wait (GstSipUserAgent *ua, GstSipMessage *msg)
{
  gint64 now, waited;

  if (!ua->max_queue_delay)
    return;
  now = g_get_real_time ();
  waited = queue_wait (msg, now);
  if (waited < 0)
    return;

  if (now >= ua->wait_interval_end) {
    gboolean overloaded = ua->wait_interval_end > 0 &&
        ua->wait_min > (gint64) ua->max_queue_delay * G_TIME_SPAN_MILLISECOND;

    if (overloaded != ua->overloaded)
      GST_INFO ("messages waited at least %" G_GINT64_FORMAT " ms to be "
                "read: %s",
          ua->wait_min / G_TIME_SPAN_MILLISECOND,
          overloaded ? "overloaded, refusing new requests that waited too "
                       "long with 503"
                     : "no longer overloaded");
    ua->overloaded = overloaded;
    ua->wait_min = waited;
    ua->wait_interval_end = now + OVERLOAD_INTERVAL;
  } else if (waited < ua->wait_min) {
    ua->wait_min = waited;
  }
}

/* GstSipUserAgent:max-queue-delay: whether to refuse @request, which would
 * start new work: while overloaded, when it waited longer than the limit */
static gboolean
is_overloaded (GstSipUserAgent *ua, GstSipMessage *request)
{
  if (!ua->overloaded || !ua->max_queue_delay ||
      gst_sip_message_get_to_tag (request))
    return FALSE;
  return queue_wait (request, g_get_real_time ()) >
      (gint64) ua->max_queue_delay * G_TIME_SPAN_MILLISECOND;
}

/* FNV-1a over @len bytes of @p (all of it when @len is -1), then a
 * separator */
static guint64
hash_text (guint64 hash, const gchar *p, gssize len)
{
  gsize n = p ? (len < 0 ? strlen (p) : (gsize) len) : 0;

  while (n--) {
    hash ^= (guchar) *p++;
    hash *= G_GUINT64_CONSTANT (1099511628211);
  }
  hash ^= 0xff;
  return hash * G_GUINT64_CONSTANT (1099511628211);
}

/* RFC 3261 8.2.7: the To tag of a stateless response is the same for every
 * retransmission of the request: a hash of what identifies it */
static gchar *
stateless_tag (GstSipUserAgent *ua, GstSipMessage *request)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037) ^ ua->tag_salt;
  GstSipViaView via;

  hash = hash_text (hash, gst_sip_message_get_call_id (request), -1);
  hash = hash_text (hash, gst_sip_message_get_from_tag (request), -1);
  if (_gst_sip_message_get_top_via_view (request, &via) && via.branch.ptr)
    hash = hash_text (hash, via.branch.ptr, via.branch.len);
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", hash);
}

/* GstSipUserAgent:max-queue-delay: 503 with Retry-After, with no
 * transaction; the ACK of a 503 to INVITE then matches nothing and is
 * dropped, as a stateless UAS does */
static void
refuse_overloaded (GstSipUserAgent *ua, GstSipMessage *request)
{
  GstSipMessage *response =
      gst_sip_message_new_response_for_request (request, 503, NULL);
  gchar *tag = stateless_tag (ua, request);

  gst_sip_message_set_to_tag (response, tag);
  gst_sip_message_append_header (response, "Retry-After", OVERLOAD_RETRY_AFTER);
  respond_statelessly (ua, request, response);
  gst_sip_message_unref (response);
  g_free (tag);
}

static void
handle_request (GstSipUserAgent *ua, GstSipMessage *request)
{
  GstSipServerTransaction *tx;
  GstSipMethod method = gst_sip_message_get_method (request);
  GstSipTransactionPrivate *priv;
  gchar *key;
  GObject *transport, *connection;
  GSocketAddress *remote;

  stamp_via (request);

  /* 17.2.3: a retransmission, or an ACK for a non-2xx response */
  key = _gst_sip_transaction_server_key (
      request, method == GST_SIP_METHOD_ACK ? "INVITE" : NULL);
  tx = key ? g_hash_table_lookup (ua->server_transactions, key) : NULL;
  /* RFC 6026 7.1: an ACK that reuses the branch of an INVITE we answered
   * with a 2xx (as some RFC 2543 era gateways send it) is not part of the
   * transaction: it goes to the dialog */
  if (tx && method == GST_SIP_METHOD_ACK &&
      gst_sip_transaction_get_state (GST_SIP_TRANSACTION (tx)) ==
          GST_SIP_TRANSACTION_STATE_ACCEPTED)
    tx = NULL;
  if (tx) {
    g_free (key);
    _gst_sip_server_transaction_receive (tx, request);
    return;
  }
  if (method == GST_SIP_METHOD_ACK) {
    /* an ACK for a 2xx belongs to a dialog */
    gchar *dkey = _gst_sip_dialog_key_for_request (request);
    GstSipCall *call = g_hash_table_lookup (ua->dialogs, dkey);

    g_free (dkey);
    g_free (key);
    if (call) {
      g_object_ref (call);
      _gst_sip_call_handle_ack (call, request);
      g_object_unref (call);
    } else {
      GST_DEBUG ("ACK outside any transaction or dialog: dropped");
    }
    return;
  }
  if (!key) {
    g_free (key);
    return;
  }
  if (method != GST_SIP_METHOD_CANCEL && is_overloaded (ua, request)) {
    g_free (key);
    refuse_overloaded (ua, request);
    return;
  }

  tx = _gst_sip_server_transaction_new (ua, request);
  priv = PRIV (tx);
  route_response (ua, request, &transport, &remote, &connection);
  g_set_object (&priv->transport, transport);
  g_set_object (&priv->connection, connection);
  priv->remote = remote;
  priv->protocol = transport
      ? gst_sip_transport_get_protocol (GST_SIP_TRANSPORT (transport))
      : gst_sip_message_get_transport_protocol (request);
  priv->reliable = gst_sip_transport_protocol_is_reliable (priv->protocol);
  file_transaction (ua, ua->server_transactions, GST_SIP_TRANSACTION (tx), key);

  /* 5.1: only SIP/2.0 */
  if (g_ascii_strcasecmp (gst_sip_message_get_version (request), "SIP/2.0") !=
      0) {
    reply_simple (ua, tx, 505, NULL);
  } else {
    dispatch_request (ua, tx, request);
    /* 17.2.1: a 100 Trying unless the TU answered already */
    if (method == GST_SIP_METHOD_INVITE &&
        !_gst_sip_server_transaction_has_responded (tx))
      reply_simple (ua, tx, 100, NULL);
  }
  g_object_unref (tx);
}

static gboolean
via_is_ours (GstSipUserAgent *ua, GstSipMessage *response)
{
  GstSipViaView via;
  guint i;

  if (!_gst_sip_message_get_top_via_view (response, &via))
    return FALSE;
  if (ua->send_func)
    return TRUE;

  /* 18.1.2: the sent-by of the top Via must be one of ours */
  for (i = 0; i < ua->transports->len; i++) {
    GstSipTransport *t = g_ptr_array_index (ua->transports, i);

    if (via.port == gst_sip_transport_get_port (t))
      return TRUE;
    /* the .invalid host of a WebSocket client, without a port */
    if (GST_IS_SIP_TRANSPORT_WS (t) && via.host.ptr &&
        via.host.len ==
            strlen (_gst_sip_transport_ws_get_flow_host (
                GST_SIP_TRANSPORT_WS (t))) &&
        g_ascii_strncasecmp (via.host.ptr,
            _gst_sip_transport_ws_get_flow_host (GST_SIP_TRANSPORT_WS (t)),
            via.host.len) == 0)
      return TRUE;
  }
  return FALSE;
}

static void
handle_response (GstSipUserAgent *ua, GstSipMessage *response)
{
  GstSipClientTransaction *tx;
  GstSipViaView via;
  gchar *branch, *key;

  if (!via_is_ours (ua, response) ||
      !_gst_sip_message_get_top_via_view (response, &via) || !via.branch.ptr) {
    GST_DEBUG ("dropping a response that is not for us");
    return;
  }

  branch = g_strndup (via.branch.ptr, via.branch.len);
  key = _gst_sip_transaction_client_key (
      branch, gst_sip_message_get_cseq_method_name (response));
  tx = g_hash_table_lookup (ua->client_transactions, key);
  g_free (key);
  g_free (branch);

  if (!tx) {
    GstSipCall *call = NULL;
    gchar *dkey;

    /* a 2xx to INVITE after its transaction: the dialog's, or a fork's */
    if (gst_sip_message_get_method (response) == GST_SIP_METHOD_INVITE &&
        GST_SIP_STATUS_IS_SUCCESS (
            gst_sip_message_get_status_code (response))) {
      dkey = _gst_sip_dialog_key_for_response (response);
      call = g_hash_table_lookup (ua->dialogs, dkey);
      g_free (dkey);
      if (!call) {
        dkey = _gst_sip_dialog_key (gst_sip_message_get_call_id (response),
            gst_sip_message_get_from_tag (response), NULL);
        call = g_hash_table_lookup (ua->dialogs, dkey);
        g_free (dkey);
      }
    }
    if (call) {
      g_object_ref (call);
      _gst_sip_call_handle_stray_response (call, response);
      g_object_unref (call);
    } else {
      GST_DEBUG ("a %u that matches no transaction: dropped",
          gst_sip_message_get_status_code (response));
    }
    return;
  }
  g_object_ref (tx);
  _gst_sip_client_transaction_receive (tx, response);
  g_object_unref (tx);
}

static void
handle_message (GstSipUserAgent *ua, GstSipMessage *msg,
    const GstSipParseFault *fault, const GError *error)
{
  note_queue_wait (ua, msg);
  if (!error)
    emit_message_signal (ua, SIGNAL_MESSAGE_RECEIVED, msg);
  if (gst_sip_message_is_response (msg)) {
    if (error) {
      /* 18.1.2: malformed responses are dropped */
      GST_INFO ("dropping a malformed response: %s", error->message);
      return;
    }
    handle_response (ua, msg);
    return;
  }

  if (error) {
    GstSipMessage *response;
    gchar *reason;

    GST_INFO ("malformed request: %s", error->message);
    /* a 400 needs the headers a response copies */
    if (fault && fault->kind == GST_SIP_FAULT_MISSING)
      return;
    if (fault &&
        (fault->header == GST_SIP_HDR_VIA ||
            fault->header == GST_SIP_HDR_FROM ||
            fault->header == GST_SIP_HDR_TO ||
            fault->header == GST_SIP_HDR_CALL_ID ||
            (fault->header == GST_SIP_HDR_CSEQ &&
                fault->kind != GST_SIP_FAULT_CSEQ_METHOD)))
      return;
    if (gst_sip_message_get_method (msg) == GST_SIP_METHOD_ACK)
      return;

    reason = fault ? _gst_sip_parse_fault_to_reason (fault)
                   : g_strdup ("Bad Request");
    stamp_via (msg);
    response = gst_sip_message_new_response_for_request (msg, 400, reason);
    if (!gst_sip_message_get_to_tag (response)) {
      gchar *tag = _gst_sip_new_token (64);

      gst_sip_message_set_to_tag (response, tag);
      g_free (tag);
    }
    respond_statelessly (ua, msg, response);
    gst_sip_message_unref (response);
    g_free (reason);
    return;
  }

  handle_request (ua, msg);
}

static void
on_transport_receive (GstSipTransport *transport, GstSipMessage *msg,
    const GstSipParseFault *fault, const GError *error, gpointer user_data)
{
  GstSipUserAgent *ua = user_data;

  if (!msg) {
    GST_INFO ("dropping unreadable input: %s",
        error ? error->message : "unknown error");
    return;
  }
  g_object_ref (ua);
  handle_message (ua, msg, fault, error);
  g_object_unref (ua);
}

/**
 * gst_sip_user_agent_add_allowed_method:
 * @ua: a #GstSipUserAgent
 * @method: a method name
 *
 * Lists @method in the Allow header and lets requests with it reach
 * #GstSipUserAgent::incoming-request, instead of being refused with 405
 * (methods the library knows) or 501 (extension methods).
 *
 * Since: 0.1
 */
void
gst_sip_user_agent_add_allowed_method (GstSipUserAgent *ua, const gchar *method)
{
  g_return_if_fail (GST_IS_SIP_USER_AGENT (ua));
  g_return_if_fail (method != NULL && *method != '\0');

  if (!method_is_allowed (ua, method))
    g_ptr_array_add (ua->allowed, g_strdup (method));
}

/**
 * gst_sip_user_agent_get_allowed_methods:
 * @ua: a #GstSipUserAgent
 *
 * Returns: (transfer full) (array zero-terminated=1): the methods of the
 *   Allow header
 *
 * Since: 0.1
 */
gchar **
gst_sip_user_agent_get_allowed_methods (GstSipUserAgent *ua)
{
  gchar **methods;
  guint i;

  g_return_val_if_fail (GST_IS_SIP_USER_AGENT (ua), NULL);

  methods = g_new (gchar *, ua->allowed->len + 1);
  for (i = 0; i < ua->allowed->len; i++)
    methods[i] = g_strdup (g_ptr_array_index (ua->allowed, i));
  methods[i] = NULL;
  return methods;
}

/**
 * gst_sip_user_agent_set_send_func:
 * @ua: a #GstSipUserAgent
 * @func: (nullable) (scope notified): the function that receives every
 *   outgoing message, or %NULL to use the transports again
 * @user_data: data for @func
 * @notify: (nullable): frees @user_data
 *
 * Replaces the transports with @func: requests are not resolved, and every
 * message, with its Via, is given to @func.  With
 * gst_sip_user_agent_handle_message() this runs transactions and dialogs
 * without sockets.
 *
 * Since: 0.1
 */
void
gst_sip_user_agent_set_send_func (GstSipUserAgent *ua,
    GstSipUserAgentSendFunc func, gpointer user_data, GDestroyNotify notify)
{
  g_return_if_fail (GST_IS_SIP_USER_AGENT (ua));

  if (ua->send_notify)
    ua->send_notify (ua->send_data);
  ua->send_func = func;
  ua->send_data = user_data;
  ua->send_notify = notify;
}

/**
 * gst_sip_user_agent_handle_message:
 * @ua: a #GstSipUserAgent
 * @message: a request or response, as if it had just been received
 *
 * Processes @message like one that arrived on a transport.  With
 * gst_sip_user_agent_set_send_func() this is how tests feed messages.
 *
 * Since: 0.1
 */
void
gst_sip_user_agent_handle_message (GstSipUserAgent *ua, GstSipMessage *message)
{
  g_return_if_fail (GST_IS_SIP_USER_AGENT (ua));
  g_return_if_fail (message != NULL);

  if (ua->send_func) {
    GBytes *bytes = gst_sip_message_to_bytes (message);

    _gst_sip_wire_log (NULL, FALSE, NULL, g_bytes_get_data (bytes, NULL),
        g_bytes_get_size (bytes));
    g_bytes_unref (bytes);
  }
  g_object_ref (ua);
  handle_message (ua, message, NULL, NULL);
  g_object_unref (ua);
}

/* ---------------------------------------------------------------------- */
/* calls */

void
_gst_sip_user_agent_add_dialog (
    GstSipUserAgent *ua, const gchar *key, GstSipCall *call)
{
  g_hash_table_replace (ua->dialogs, g_strdup (key), call);
}

void
_gst_sip_user_agent_remove_dialog (
    GstSipUserAgent *ua, const gchar *key, GstSipCall *call)
{
  if (g_hash_table_lookup (ua->dialogs, key) == call)
    g_hash_table_remove (ua->dialogs, key);
}

void
_gst_sip_user_agent_hold_call (
    GstSipUserAgent *ua, GstSipCall *call, gboolean active)
{
  if (active && !g_hash_table_contains (ua->calls, call))
    g_hash_table_add (ua->calls, g_object_ref (call));
  else if (!active)
    g_hash_table_remove (ua->calls, call);
}

/**
 * gst_sip_user_agent_get_n_calls:
 * @ua: a #GstSipUserAgent
 *
 * Returns: the number of calls that are not over
 *
 * Since: 0.1
 */
guint
gst_sip_user_agent_get_n_calls (GstSipUserAgent *ua)
{
  g_return_val_if_fail (GST_IS_SIP_USER_AGENT (ua), 0);
  return g_hash_table_size (ua->calls);
}

guint
_gst_sip_user_agent_get_n_dialogs (GstSipUserAgent *ua)
{
  return g_hash_table_size (ua->dialogs);
}

void
_gst_sip_user_agent_answer_options (
    GstSipUserAgent *ua, GstSipServerTransaction *tx)
{
  handle_options (ua, tx);
}

GstSipAddress *
_gst_sip_user_agent_contact_for_request (
    GstSipUserAgent *ua, GstSipMessage *request)
{
  GObject *origin = _gst_sip_message_get_transport (request);
  GSocketAddress *remote = gst_sip_message_get_remote_address (request);
  GstSipTransport *transport = origin ? GST_SIP_TRANSPORT (origin) : NULL;
  GstSipTransportProtocol protocol;
  const GstSipUri *ruri = gst_sip_message_get_request_uri (request);
  GstSipAddress *contact;
  GstSipUri *uri;
  gchar *host, *transport_param;
  guint port;

  if (!transport)
    transport =
        find_transport (ua, gst_sip_message_get_transport_protocol (request),
            G_SOCKET_FAMILY_INVALID);
  if (transport && remote) {
    GInetSocketAddress *local =
        _gst_sip_transport_get_local_address_for (transport, remote);

    host = g_inet_address_to_string (g_inet_socket_address_get_address (local));
    port = g_inet_socket_address_get_port (local);
    g_object_unref (local);
  } else if (transport) {
    host = g_strdup (gst_sip_transport_get_host (transport));
    port = gst_sip_transport_get_port (transport);
  } else {
    host = g_strdup (SEAM_HOST);
    port = 0;
  }
  protocol = transport ? gst_sip_transport_get_protocol (transport)
                       : gst_sip_message_get_transport_protocol (request);
  /* RFC 7118 section 5: over a connection we opened we are a WebSocket
   * client, reached through that connection */
  if (transport && GST_IS_SIP_TRANSPORT_WS (transport)) {
    const gchar *flow_host =
        _gst_sip_transport_ws_get_via_host (GST_SIP_TRANSPORT_WS (transport),
            remote, _gst_sip_message_get_connection (request));

    if (flow_host) {
      g_free (host);
      host = g_strdup (flow_host);
      port = 0;
    }
  }

  transport_param = contact_transport_param (protocol);
  uri = _gst_sip_contact_uri_new (protocol == GST_SIP_TRANSPORT_PROTOCOL_TLS,
      ruri && gst_sip_uri_is_sip (ruri) ? gst_sip_uri_get_user (ruri) : NULL,
      host, port, transport_param);
  g_free (transport_param);
  contact = gst_sip_address_new (uri, NULL);
  gst_sip_uri_free (uri);
  g_free (host);
  return contact;
}

typedef struct
{
  GstSipUserAgent *ua;
  GstSipMessage *request;
  gchar *server_name;
} StatelessSend;

/* @server_name: the host of the hop */
static void
stateless_send_to (GstSipUserAgent *ua, GstSipMessage *request,
    const GstSipTarget *target, const gchar *server_name)
{
  GstSipTransportProtocol protocol;
  GstSipTransport *transport = NULL;
  GError *error = NULL;
  gchar *branch = NULL;
  gboolean sent = FALSE;

  if (stamp_request (ua, request, target,
          gst_sip_message_get_n_vias (request) > 0, &transport, &protocol,
          &branch, &error)) {
    GBytes *bytes = gst_sip_message_to_bytes (request);

    sent = _gst_sip_user_agent_transmit_bytes_to_host (ua, G_OBJECT (transport),
        target ? G_SOCKET_ADDRESS (target->address) : NULL, NULL, request,
        bytes, server_name, &error);
    g_bytes_unref (bytes);
  }
  if (!sent) {
    GST_INFO ("could not send %s: %s",
        gst_sip_message_get_method_name (request), error->message);
    g_error_free (error);
  }
  g_free (branch);
}

static void
stateless_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  StatelessSend *send = user_data;
  GPtrArray *targets = _gst_sip_resolve_finish (result, NULL);

  if (targets && targets->len > 0)
    stateless_send_to (send->ua, send->request, g_ptr_array_index (targets, 0),
        send->server_name);
  else
    GST_INFO ("could not resolve the destination of %s",
        gst_sip_message_get_method_name (send->request));
  if (targets)
    g_ptr_array_unref (targets);
  gst_sip_message_unref (send->request);
  g_object_unref (send->ua);
  g_free (send->server_name);
  g_free (send);
}

gboolean
_gst_sip_user_agent_send_stateless (
    GstSipUserAgent *ua, GstSipMessage *request, GError **error)
{
  GstSipTransportProtocol protocol;
  GstSipTarget target = { 0, NULL };
  GInetSocketAddress *flow;
  GstSipUri *hop;
  const gchar *host;
  guint port;

  complete_request (ua, request);
  hop = next_hop (request);

  if (ua->send_func) {
    gst_sip_uri_free (hop);
    stateless_send_to (ua, request, NULL, NULL);
    return TRUE;
  }
  if (!_gst_sip_resolve_protocol (hop, protocol_mask (ua), &protocol, &port)) {
    gchar *text = gst_sip_uri_to_string (hop);

    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_UNSUPPORTED,
        _ ("No transport can reach “%s”"), text);
    g_free (text);
    gst_sip_uri_free (hop);
    return FALSE;
  }

  host = gst_sip_uri_get_param (hop, "maddr");
  if (!host)
    host = gst_sip_uri_get_host (hop);
  flow = ws_flow_address (ua, protocol, host);
  if (flow || (host && g_hostname_is_ip_address (host))) {
    target.protocol = protocol;
    target.address = flow
        ? flow
        : G_INET_SOCKET_ADDRESS (
              g_inet_socket_address_new_from_string (host, port));
    stateless_send_to (ua, request, &target, gst_sip_uri_get_host (hop));
    g_object_unref (target.address);
  } else {
    StatelessSend *send = g_new0 (StatelessSend, 1);

    send->ua = g_object_ref (ua);
    send->request = gst_sip_message_ref (request);
    send->server_name = g_strdup (gst_sip_uri_get_host (hop));
    g_main_context_push_thread_default (ua->context);
    _gst_sip_resolve_async (
        ua->resolver, hop, protocol_mask (ua), NULL, stateless_resolved, send);
    g_main_context_pop_thread_default (ua->context);
  }
  gst_sip_uri_free (hop);
  return TRUE;
}
