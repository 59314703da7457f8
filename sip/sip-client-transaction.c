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
 * SECTION:sip-client-transaction
 * @title: GstSipClientTransaction
 * @short_description: a request sent and the responses to it
 *
 * gst_sip_user_agent_send_request() starts a client transaction.  It
 * retransmits the request over unreliable transports, emits
 * #GstSipClientTransaction::response for every response, acknowledges
 * non-2xx final responses to INVITE, and gives up after 64*T1 without a
 * final response (Timer B or F), setting #GstSipClientTransaction:error.
 * When a target fails at the transport level, or does not answer at all,
 * the next target of the RFC 3263 resolution is tried with a new branch.
 *
 * An INVITE transaction that received a 2xx stays in the accepted state for
 * 64*T1 and passes retransmitted 2xx responses on, so that the caller can
 * acknowledge each of them (RFC 6026).
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <glib/gi18n-lib.h>

#include "sip-transaction-private.h"
#include "sip-user-agent-private.h"

GST_DEBUG_CATEGORY_EXTERN (sip_transaction_debug);
#define GST_CAT_DEFAULT sip_transaction_debug

struct _GstSipClientTransaction
{
  GstSipTransaction parent;

  GError *error;
  GBytes *wire; /* the request as sent, for retransmission */
  GPtrArray *targets; /* GstSipTarget, NULL with a send function */
  guint next_target;
  gboolean got_response;

  const GstSipClientTransactionHandler *handler;
  gpointer handler_data;
  GDestroyNotify handler_notify;

  /* CANCEL (RFC 3261 9.1): asked for before any provisional response */
  gboolean cancel_pending;
  GstSipClientTransaction *cancel;

  /* the host of the URI of the next hop, which a TLS or WSS server proves
   * to be (RFC 5922) */
  gchar *server_name;
};

enum
{
  PROP_0,
  PROP_ERROR,
};

enum
{
  SIGNAL_RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (GstSipClientTransaction, gst_sip_client_transaction,
    GST_TYPE_SIP_TRANSACTION);

#define PRIV(tx) _gst_sip_transaction_get_private (GST_SIP_TRANSACTION (tx))

static void
gst_sip_client_transaction_finalize (GObject *object)
{
  GstSipClientTransaction *tx = GST_SIP_CLIENT_TRANSACTION (object);

  if (tx->handler_notify)
    tx->handler_notify (tx->handler_data);
  g_clear_error (&tx->error);
  g_clear_pointer (&tx->wire, g_bytes_unref);
  g_clear_pointer (&tx->targets, g_ptr_array_unref);
  g_clear_object (&tx->cancel);
  g_free (tx->server_name);

  G_OBJECT_CLASS (gst_sip_client_transaction_parent_class)->finalize (object);
}

static void
gst_sip_client_transaction_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipClientTransaction *tx = GST_SIP_CLIENT_TRANSACTION (object);

  switch (prop_id) {
    case PROP_ERROR:
      g_value_set_boxed (value, tx->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_client_transaction_class_init (GstSipClientTransactionClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  gobject_class->finalize = gst_sip_client_transaction_finalize;
  gobject_class->get_property = gst_sip_client_transaction_get_property;

  /**
   * GstSipClientTransaction:error:
   *
   * Why the transaction ended without a final response: a
   * %GST_SIP_ERROR_TIMEOUT, %GST_SIP_ERROR_TRANSPORT or
   * %GST_SIP_ERROR_RESOLVE error.  %NULL otherwise.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_ERROR,
      g_param_spec_boxed ("error", "Error",
          "Why the transaction ended without a final response", G_TYPE_ERROR,
          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GstSipClientTransaction::response:
   * @transaction: the #GstSipClientTransaction
   * @response: the response
   *
   * Emitted for every provisional and final response, and for each
   * retransmission of a 2xx response to INVITE.
   *
   * Since: 0.1
   */
  signals[SIGNAL_RESPONSE] = g_signal_new ("response",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 1, GST_TYPE_SIP_MESSAGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gst_sip_client_transaction_init (GstSipClientTransaction *tx)
{
}

static gboolean
is_invite (GstSipClientTransaction *tx)
{
  return PRIV (tx)->method == GST_SIP_METHOD_INVITE;
}

static void
notify_response (GstSipClientTransaction *tx, GstSipMessage *response)
{
  if (tx->handler && tx->handler->response)
    tx->handler->response (tx, response, tx->handler_data);
  if (g_signal_has_handler_pending (tx, signals[SIGNAL_RESPONSE], 0, FALSE))
    g_signal_emit (tx, signals[SIGNAL_RESPONSE], 0, response);
}

static gboolean
transmit (GstSipClientTransaction *tx, GBytes *wire, GError **error)
{
  GstSipTransactionPrivate *priv = PRIV (tx);

  return _gst_sip_user_agent_transmit_bytes_to_host (priv->ua, priv->transport,
      priv->remote, NULL, priv->request, wire, tx->server_name, error);
}

static void retransmit_fired (gpointer user_data);
static void state_timer_fired (gpointer user_data);

/* sends the request to the bound destination and starts the timers */
static gboolean
send_first (GstSipClientTransaction *tx, GError **error)
{
  GstSipTransactionPrivate *priv = PRIV (tx);
  GstSipTimerQueue *timers = _gst_sip_user_agent_get_timers (priv->ua);
  guint t1, t2, t4;

  g_clear_pointer (&tx->wire, g_bytes_unref);
  tx->wire = gst_sip_message_to_bytes (priv->request);
  if (!transmit (tx, tx->wire, error))
    return FALSE;

  _gst_sip_user_agent_get_timer_values (priv->ua, &t1, &t2, &t4);
  _gst_sip_transaction_set_state (GST_SIP_TRANSACTION (tx),
      is_invite (tx) ? GST_SIP_TRANSACTION_STATE_CALLING
                     : GST_SIP_TRANSACTION_STATE_TRYING);
  if (!priv->reliable) {
    priv->retransmit_interval = t1;
    _gst_sip_timer_queue_schedule (timers, &priv->retransmit_timer, t1);
  }
  /* Timer B or F */
  _gst_sip_timer_queue_schedule (timers, &priv->state_timer, 64 * t1);
  return TRUE;
}

static gboolean
send_to_next_target (GstSipClientTransaction *tx, GError **error)
{
  GstSipTransactionPrivate *priv = PRIV (tx);
  GstSipTimerQueue *timers = _gst_sip_user_agent_get_timers (priv->ua);
  GError *last_error = NULL;

  _gst_sip_timer_queue_cancel (timers, &priv->retransmit_timer);
  _gst_sip_timer_queue_cancel (timers, &priv->state_timer);

  while (TRUE) {
    const GstSipTarget *target = NULL;
    GError *err = NULL;

    if (tx->targets) {
      if (tx->next_target >= tx->targets->len)
        break;
      target = g_ptr_array_index (tx->targets, tx->next_target++);
    } else if (tx->next_target++ > 0) {
      break;
    }

    if (_gst_sip_user_agent_bind_target (priv->ua, tx, target, &err) &&
        send_first (tx, &err)) {
      g_clear_error (&last_error);
      return TRUE;
    }
    GST_INFO ("target %u of %s failed: %s", tx->next_target,
        gst_sip_message_get_method_name (priv->request), err->message);
    g_clear_error (&last_error);
    last_error = err;
  }

  if (!last_error)
    last_error = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("No destination left to send the request to"));
  g_propagate_error (error, last_error);
  return FALSE;
}

GstSipClientTransaction *
_gst_sip_client_transaction_new (
    GstSipUserAgent *ua, GstSipMessage *request, const gchar *server_name)
{
  GstSipClientTransaction *tx =
      g_object_new (GST_TYPE_SIP_CLIENT_TRANSACTION, NULL);
  GstSipTransactionPrivate *priv = PRIV (tx);

  tx->server_name = g_strdup (server_name);
  priv->ua = ua;
  priv->request = gst_sip_message_ref (request);
  priv->method = gst_sip_message_get_method (request);
  priv->state = priv->method == GST_SIP_METHOD_INVITE
      ? GST_SIP_TRANSACTION_STATE_CALLING
      : GST_SIP_TRANSACTION_STATE_TRYING;
  _gst_sip_timer_init (&priv->retransmit_timer, retransmit_fired, tx);
  _gst_sip_timer_init (&priv->state_timer, state_timer_fired, tx);

  return tx;
}

const gchar *
_gst_sip_client_transaction_get_server_name (GstSipClientTransaction *tx)
{
  return tx->server_name;
}

void
_gst_sip_client_transaction_set_handler (GstSipClientTransaction *tx,
    const GstSipClientTransactionHandler *handler, gpointer user_data,
    GDestroyNotify notify)
{
  if (tx->handler_notify)
    tx->handler_notify (tx->handler_data);
  tx->handler = handler;
  tx->handler_data = user_data;
  tx->handler_notify = notify;
}

void
_gst_sip_client_transaction_set_targets (
    GstSipClientTransaction *tx, GPtrArray *targets)
{
  g_clear_pointer (&tx->targets, g_ptr_array_unref);
  tx->targets = targets ? g_ptr_array_ref (targets) : NULL;
  tx->next_target = 0;
}

void
_gst_sip_client_transaction_start (GstSipClientTransaction *tx, gboolean bound)
{
  GError *error = NULL;

  if (bound ? !send_first (tx, &error) : !send_to_next_target (tx, &error)) {
    _gst_sip_client_transaction_fail (tx, error);
    g_error_free (error);
  }
}

void
_gst_sip_client_transaction_fail (
    GstSipClientTransaction *tx, const GError *error)
{
  GstSipTransactionPrivate *priv = PRIV (tx);

  if (priv->state == GST_SIP_TRANSACTION_STATE_TERMINATED)
    return;

  GST_INFO ("%s %s failed: %s", gst_sip_message_get_method_name (priv->request),
      priv->branch, error->message);

  g_object_ref (tx);
  g_clear_error (&tx->error);
  tx->error = g_error_copy (error);
  g_object_notify (G_OBJECT (tx), "error");
  if (tx->handler && tx->handler->failed)
    tx->handler->failed (tx, error, tx->handler_data);
  _gst_sip_transaction_terminate (GST_SIP_TRANSACTION (tx));
  g_object_unref (tx);
}

void
_gst_sip_client_transaction_transport_error (
    GstSipClientTransaction *tx, const GError *error)
{
  GError *err = NULL;
  gboolean more =
      tx->targets ? tx->next_target < tx->targets->len : tx->next_target == 0;

  /* RFC 3263 4.3: a transport failure moves on to the next target; with
   * none left, @error is the reason */
  if (!tx->got_response && more && send_to_next_target (tx, &err))
    return;

  _gst_sip_client_transaction_fail (tx, err ? err : error);
  g_clear_error (&err);
}

static void
retransmit_fired (gpointer user_data)
{
  GstSipClientTransaction *tx = user_data;
  GstSipTransactionPrivate *priv = PRIV (tx);
  GError *error = NULL;
  guint t1, t2, t4;

  _gst_sip_user_agent_get_timer_values (priv->ua, &t1, &t2, &t4);

  switch (priv->state) {
    case GST_SIP_TRANSACTION_STATE_CALLING:
      /* Timer A doubles without a cap */
      priv->retransmit_interval *= 2;
      break;
    case GST_SIP_TRANSACTION_STATE_TRYING:
      /* Timer E doubles up to T2 */
      priv->retransmit_interval = MIN (priv->retransmit_interval * 2, t2);
      break;
    case GST_SIP_TRANSACTION_STATE_PROCEEDING:
      /* Timer E at T2 once a provisional response arrived */
      priv->retransmit_interval = t2;
      break;
    default:
      return;
  }

  GST_LOG ("retransmitting %s %s",
      gst_sip_message_get_method_name (priv->request), priv->branch);
  if (!transmit (tx, tx->wire, &error)) {
    _gst_sip_client_transaction_transport_error (tx, error);
    g_error_free (error);
    return;
  }
  _gst_sip_timer_queue_schedule_next (_gst_sip_user_agent_get_timers (priv->ua),
      &priv->retransmit_timer, priv->retransmit_interval);
}

static void
state_timer_fired (gpointer user_data)
{
  GstSipClientTransaction *tx = user_data;
  GstSipTransactionPrivate *priv = PRIV (tx);
  GError *error;
  guint t1, t2, t4;

  switch (priv->state) {
    case GST_SIP_TRANSACTION_STATE_CALLING:
    case GST_SIP_TRANSACTION_STATE_TRYING:
    case GST_SIP_TRANSACTION_STATE_PROCEEDING:
      /* Timer B or F: no final response.  A target that never answered
       * at all is skipped for the next one (RFC 3263 4.3). */
      if (!tx->got_response && tx->targets &&
          tx->next_target < tx->targets->len) {
        GError *err = NULL;

        if (send_to_next_target (tx, &err))
          return;
        _gst_sip_client_transaction_fail (tx, err);
        g_error_free (err);
        return;
      }
      _gst_sip_user_agent_get_timer_values (priv->ua, &t1, &t2, &t4);
      error = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_TIMEOUT,
          _ ("No final response to %s within %u ms"),
          gst_sip_message_get_method_name (priv->request), 64 * t1);
      _gst_sip_client_transaction_fail (tx, error);
      g_error_free (error);
      break;
    default:
      /* Timers D, K and M */
      _gst_sip_transaction_terminate (GST_SIP_TRANSACTION (tx));
      break;
  }
}

/* RFC 3261 17.1.1.3: the ACK for a non-2xx final response */
static GstSipMessage *
build_ack (GstSipClientTransaction *tx, GstSipMessage *response)
{
  GstSipMessage *request = PRIV (tx)->request;
  GstSipMessage *ack;
  GstSipVia *via;
  guint32 seq = 0;
  guint i, n = gst_sip_message_get_n_headers (request);

  ack = gst_sip_message_new_request (
      "ACK", gst_sip_message_get_request_uri (request));
  via = gst_sip_message_get_via (request, 0);
  gst_sip_message_prepend_via (ack, via);
  gst_sip_via_free (via);
  gst_sip_message_set_max_forwards (ack, 70);
  gst_sip_message_append_header (
      ack, "From", gst_sip_message_get_header (request, "From"));
  gst_sip_message_append_header (
      ack, "To", gst_sip_message_get_header (response, "To"));
  gst_sip_message_append_header (
      ack, "Call-ID", gst_sip_message_get_call_id (request));
  gst_sip_message_get_cseq (request, &seq, NULL);
  gst_sip_message_set_cseq (ack, seq, "ACK");
  for (i = 0; i < n; i++) {
    const gchar *name, *value;

    gst_sip_message_get_nth_header (request, i, &name, &value);
    if (g_ascii_strcasecmp (name, "Route") == 0)
      gst_sip_message_append_header (ack, "Route", value);
  }

  return ack;
}

static void
send_ack (GstSipClientTransaction *tx, GstSipMessage *response)
{
  GstSipTransactionPrivate *priv = PRIV (tx);
  GstSipMessage *ack = build_ack (tx, response);
  GBytes *bytes = gst_sip_message_to_bytes (ack);
  GError *error = NULL;

  /* the ACK goes where the request went */
  if (!_gst_sip_user_agent_transmit_bytes_to_host (priv->ua, priv->transport,
          priv->remote, NULL, ack, bytes, tx->server_name, &error)) {
    GST_WARNING ("could not send ACK: %s", error->message);
    g_error_free (error);
  }
  g_bytes_unref (bytes);
  gst_sip_message_unref (ack);
}

static void
send_cancel (GstSipClientTransaction *tx)
{
  GstSipTransactionPrivate *priv = PRIV (tx);
  GstSipMessage *request = priv->request, *cancel;
  GstSipClientTransaction *ctx;
  guint32 seq = 0, t1, t2, t4;
  guint i, n = gst_sip_message_get_n_headers (request);

  /* RFC 3261 9.1: same Request-URI, Call-ID, To, From, CSeq number, top
   * Via and Route as the INVITE */
  cancel = gst_sip_message_new_request (
      "CANCEL", gst_sip_message_get_request_uri (request));
  for (i = 0; i < n; i++) {
    const gchar *name, *value;

    gst_sip_message_get_nth_header (request, i, &name, &value);
    if (g_ascii_strcasecmp (name, "Route") == 0)
      gst_sip_message_append_header (cancel, "Route", value);
  }
  gst_sip_message_set_max_forwards (cancel, 70);
  gst_sip_message_append_header (
      cancel, "From", gst_sip_message_get_header (request, "From"));
  gst_sip_message_append_header (
      cancel, "To", gst_sip_message_get_header (request, "To"));
  gst_sip_message_append_header (
      cancel, "Call-ID", gst_sip_message_get_call_id (request));
  gst_sip_message_get_cseq (request, &seq, NULL);
  gst_sip_message_set_cseq (cancel, seq, "CANCEL");

  ctx = _gst_sip_user_agent_send_cancel (priv->ua, tx, cancel);
  g_set_object (&tx->cancel, ctx);
  g_clear_object (&ctx);
  gst_sip_message_unref (cancel);

  /* 9.1: an INVITE without a final response 64*T1 after its CANCEL is
   * given up, as if Timer B fired */
  _gst_sip_user_agent_get_timer_values (priv->ua, &t1, &t2, &t4);
  _gst_sip_timer_queue_schedule (
      _gst_sip_user_agent_get_timers (priv->ua), &priv->state_timer, 64 * t1);
}

void
_gst_sip_client_transaction_receive (
    GstSipClientTransaction *tx, GstSipMessage *response)
{
  GstSipTransactionPrivate *priv = PRIV (tx);
  GstSipTimerQueue *timers = _gst_sip_user_agent_get_timers (priv->ua);
  guint code = gst_sip_message_get_status_code (response);
  guint t1, t2, t4;

  _gst_sip_user_agent_get_timer_values (priv->ua, &t1, &t2, &t4);
  g_object_ref (tx);
  tx->got_response = TRUE;

  switch (priv->state) {
    case GST_SIP_TRANSACTION_STATE_CALLING:
    case GST_SIP_TRANSACTION_STATE_TRYING:
    case GST_SIP_TRANSACTION_STATE_PROCEEDING:
      _gst_sip_transaction_set_last_response (
          GST_SIP_TRANSACTION (tx), response);
      if (code < 200) {
        if (is_invite (tx)) {
          /* no more retransmissions and no Timer B (17.1.1.2), unless a
           * CANCEL was sent (9.1) */
          _gst_sip_timer_queue_cancel (timers, &priv->retransmit_timer);
          if (!tx->cancel)
            _gst_sip_timer_queue_cancel (timers, &priv->state_timer);
        }
        _gst_sip_transaction_set_state (
            GST_SIP_TRANSACTION (tx), GST_SIP_TRANSACTION_STATE_PROCEEDING);
        notify_response (tx, response);
        if (tx->cancel_pending &&
            priv->state == GST_SIP_TRANSACTION_STATE_PROCEEDING) {
          tx->cancel_pending = FALSE;
          send_cancel (tx);
        }
        break;
      }

      _gst_sip_timer_queue_cancel (timers, &priv->retransmit_timer);
      _gst_sip_timer_queue_cancel (timers, &priv->state_timer);
      if (is_invite (tx) && code < 300) {
        /* RFC 6026: Timer M */
        _gst_sip_transaction_set_state (
            GST_SIP_TRANSACTION (tx), GST_SIP_TRANSACTION_STATE_ACCEPTED);
        _gst_sip_timer_queue_schedule (timers, &priv->state_timer, 64 * t1);
      } else if (is_invite (tx)) {
        send_ack (tx, response);
        _gst_sip_transaction_set_state (
            GST_SIP_TRANSACTION (tx), GST_SIP_TRANSACTION_STATE_COMPLETED);
        /* Timer D: at least 32 s at the default T1 */
        _gst_sip_timer_queue_schedule (
            timers, &priv->state_timer, priv->reliable ? 0 : 64 * t1);
      } else {
        _gst_sip_transaction_set_state (
            GST_SIP_TRANSACTION (tx), GST_SIP_TRANSACTION_STATE_COMPLETED);
        /* Timer K */
        _gst_sip_timer_queue_schedule (
            timers, &priv->state_timer, priv->reliable ? 0 : t4);
      }
      notify_response (tx, response);
      break;

    case GST_SIP_TRANSACTION_STATE_COMPLETED:
      /* a retransmitted final response: the ACK was lost */
      if (is_invite (tx) && code >= 300)
        send_ack (tx, response);
      break;

    case GST_SIP_TRANSACTION_STATE_ACCEPTED:
      /* retransmitted 2xx go to the TU, which acknowledges each */
      if (code >= 200 && code < 300)
        notify_response (tx, response);
      break;

    default:
      break;
  }

  g_object_unref (tx);
}

/**
 * gst_sip_client_transaction_get_error:
 * @transaction: a #GstSipClientTransaction
 *
 * Returns: (transfer none) (nullable): why the transaction ended without a
 *   final response, if it did
 *
 * Since: 0.1
 */
const GError *
gst_sip_client_transaction_get_error (GstSipClientTransaction *transaction)
{
  g_return_val_if_fail (GST_IS_SIP_CLIENT_TRANSACTION (transaction), NULL);
  return transaction->error;
}

/**
 * gst_sip_client_transaction_cancel:
 * @transaction: an INVITE #GstSipClientTransaction
 * @error: return location for a #GError, or %NULL
 *
 * Cancels a pending INVITE (RFC 3261 section 9.1).  The CANCEL is sent as
 * soon as a provisional response has arrived; a final response that
 * crosses it still completes the INVITE.
 *
 * Returns: %TRUE if the CANCEL was sent or will be, %FALSE with
 *   %GST_SIP_ERROR_INVALID_STATE if the INVITE already has a final response
 *
 * Since: 0.1
 */
gboolean
gst_sip_client_transaction_cancel (
    GstSipClientTransaction *transaction, GError **error)
{
  GstSipTransactionPrivate *priv;

  g_return_val_if_fail (GST_IS_SIP_CLIENT_TRANSACTION (transaction), FALSE);
  priv = PRIV (transaction);
  g_return_val_if_fail (priv->method == GST_SIP_METHOD_INVITE, FALSE);

  switch (priv->state) {
    case GST_SIP_TRANSACTION_STATE_CALLING:
      transaction->cancel_pending = TRUE;
      return TRUE;
    case GST_SIP_TRANSACTION_STATE_PROCEEDING:
      if (!transaction->cancel && !transaction->cancel_pending)
        send_cancel (transaction);
      return TRUE;
    default:
      g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
          _ ("The INVITE already has a final response"));
      return FALSE;
  }
}
