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
 * SECTION:sip-server-transaction
 * @title: GstSipServerTransaction
 * @short_description: a request received and the responses to it
 *
 * The user agent creates a server transaction for every new request and
 * hands it to #GstSipUserAgent::incoming-request.  Responses go through
 * gst_sip_server_transaction_respond() or gst_sip_server_transaction_reply();
 * the transaction absorbs retransmitted requests by sending the last
 * response again, retransmits non-2xx final responses to INVITE over
 * unreliable transports until the ACK arrives (Timer G, H), and stays long
 * enough to absorb late retransmissions (Timers I, J, L).  Every response
 * but 100 Trying carries the same To tag,
 * gst_sip_server_transaction_get_local_tag().
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <glib/gi18n-lib.h>

#include "sip-transaction-private.h"
#include "sip-user-agent-private.h"

GST_DEBUG_CATEGORY_EXTERN (sip_transaction_debug);
#define GST_CAT_DEFAULT sip_transaction_debug

struct _GstSipServerTransaction
{
  GstSipTransaction parent;

  gchar *local_tag;
  GBytes *wire; /* the last response, for retransmission */
  gboolean cancelled;
};

enum
{
  SIGNAL_CANCELLED,
  SIGNAL_ACK_TIMEOUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (GstSipServerTransaction, gst_sip_server_transaction,
    GST_TYPE_SIP_TRANSACTION);

#define PRIV(tx) _gst_sip_transaction_get_private (GST_SIP_TRANSACTION (tx))

static void
gst_sip_server_transaction_finalize (GObject *object)
{
  GstSipServerTransaction *tx = GST_SIP_SERVER_TRANSACTION (object);

  g_free (tx->local_tag);
  g_clear_pointer (&tx->wire, g_bytes_unref);

  G_OBJECT_CLASS (gst_sip_server_transaction_parent_class)->finalize (object);
}

static void
gst_sip_server_transaction_class_init (GstSipServerTransactionClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  gobject_class->finalize = gst_sip_server_transaction_finalize;

  /**
   * GstSipServerTransaction::cancelled:
   * @transaction: an INVITE #GstSipServerTransaction
   *
   * Emitted when a CANCEL for this INVITE arrives before a final response
   * was sent.  The user agent has already answered the CANCEL with 200; the
   * handler should answer the INVITE with 487 Request Terminated, which the
   * user agent does itself if no final response was sent when the signal
   * returns.
   *
   * Since: 0.1
   */
  signals[SIGNAL_CANCELLED] =
      g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * GstSipServerTransaction::ack-timeout:
   * @transaction: an INVITE #GstSipServerTransaction
   *
   * Emitted when no ACK arrived for a non-2xx final response within 64*T1
   * (Timer H).
   *
   * Since: 0.1
   */
  signals[SIGNAL_ACK_TIMEOUT] =
      g_signal_new ("ack-timeout", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gst_sip_server_transaction_init (GstSipServerTransaction *tx)
{
}

static gboolean
is_invite (GstSipServerTransaction *tx)
{
  return PRIV (tx)->method == GST_SIP_METHOD_INVITE;
}

static gboolean
retransmit_last (GstSipServerTransaction *tx, GError **error)
{
  GstSipTransactionPrivate *priv = PRIV (tx);

  if (!tx->wire)
    return TRUE;
  return _gst_sip_user_agent_transmit_bytes (priv->ua, priv->transport,
      priv->remote, priv->connection, priv->last_response, tx->wire, error);
}

static void
retransmit_fired (gpointer user_data)
{
  GstSipServerTransaction *tx = user_data;
  GstSipTransactionPrivate *priv = PRIV (tx);
  GError *error = NULL;
  guint t1, t2, t4;

  if (priv->state != GST_SIP_TRANSACTION_STATE_COMPLETED)
    return;

  /* Timer G doubles up to T2 */
  _gst_sip_user_agent_get_timer_values (priv->ua, &t1, &t2, &t4);
  priv->retransmit_interval = MIN (priv->retransmit_interval * 2, t2);
  if (!retransmit_last (tx, &error)) {
    _gst_sip_server_transaction_fail (tx, error);
    g_error_free (error);
    return;
  }
  _gst_sip_timer_queue_schedule_next (_gst_sip_user_agent_get_timers (priv->ua),
      &priv->retransmit_timer, priv->retransmit_interval);
}

static void
state_timer_fired (gpointer user_data)
{
  GstSipServerTransaction *tx = user_data;
  GstSipTransactionPrivate *priv = PRIV (tx);

  g_object_ref (tx);
  if (is_invite (tx) && priv->state == GST_SIP_TRANSACTION_STATE_COMPLETED) {
    /* Timer H */
    GST_INFO ("no ACK for the final response to INVITE %s", priv->branch);
    g_signal_emit (tx, signals[SIGNAL_ACK_TIMEOUT], 0);
  }
  /* Timers H, I, J and L */
  _gst_sip_transaction_terminate (GST_SIP_TRANSACTION (tx));
  g_object_unref (tx);
}

GstSipServerTransaction *
_gst_sip_server_transaction_new (GstSipUserAgent *ua, GstSipMessage *request)
{
  GstSipServerTransaction *tx =
      g_object_new (GST_TYPE_SIP_SERVER_TRANSACTION, NULL);
  GstSipTransactionPrivate *priv = PRIV (tx);
  GstSipVia *via;

  priv->ua = ua;
  priv->request = gst_sip_message_ref (request);
  priv->method = gst_sip_message_get_method (request);
  priv->state = priv->method == GST_SIP_METHOD_INVITE
      ? GST_SIP_TRANSACTION_STATE_PROCEEDING
      : GST_SIP_TRANSACTION_STATE_TRYING;
  via = gst_sip_message_get_via (request, 0);
  if (via) {
    priv->branch = g_strdup (gst_sip_via_get_branch (via));
    gst_sip_via_free (via);
  }
  _gst_sip_timer_init (&priv->retransmit_timer, retransmit_fired, tx);
  _gst_sip_timer_init (&priv->state_timer, state_timer_fired, tx);

  return tx;
}

void
_gst_sip_server_transaction_fail (
    GstSipServerTransaction *tx, const GError *error)
{
  GST_INFO (
      "server transaction %s failed: %s", PRIV (tx)->branch, error->message);
  /* RFC 3261 17.2.4: a transport failure ends the transaction */
  _gst_sip_transaction_terminate (GST_SIP_TRANSACTION (tx));
}

gboolean
_gst_sip_server_transaction_has_responded (GstSipServerTransaction *tx)
{
  return PRIV (tx)->last_response != NULL;
}

void
_gst_sip_server_transaction_receive (
    GstSipServerTransaction *tx, GstSipMessage *request)
{
  GstSipTransactionPrivate *priv = PRIV (tx);
  GstSipTimerQueue *timers = _gst_sip_user_agent_get_timers (priv->ua);
  GError *error = NULL;
  guint t1, t2, t4;

  if (gst_sip_message_get_method (request) == GST_SIP_METHOD_ACK) {
    if (!is_invite (tx) || priv->state != GST_SIP_TRANSACTION_STATE_COMPLETED)
      return;
    /* RFC 2543 matching: the ACK must carry the tag of our response */
    if (tx->local_tag &&
        g_strcmp0 (gst_sip_message_get_to_tag (request), tx->local_tag) != 0)
      return;
    _gst_sip_user_agent_get_timer_values (priv->ua, &t1, &t2, &t4);
    _gst_sip_timer_queue_cancel (timers, &priv->retransmit_timer);
    _gst_sip_transaction_set_state (
        GST_SIP_TRANSACTION (tx), GST_SIP_TRANSACTION_STATE_CONFIRMED);
    /* Timer I */
    _gst_sip_timer_queue_schedule (
        timers, &priv->state_timer, priv->reliable ? 0 : t4);
    return;
  }

  /* a retransmitted request: answer it again with the last response */
  switch (priv->state) {
    case GST_SIP_TRANSACTION_STATE_PROCEEDING:
    case GST_SIP_TRANSACTION_STATE_COMPLETED:
      GST_LOG ("absorbing a retransmitted %s",
          gst_sip_message_get_method_name (request));
      if (!retransmit_last (tx, &error)) {
        _gst_sip_server_transaction_fail (tx, error);
        g_error_free (error);
      }
      break;
    default:
      break;
  }
}

void
_gst_sip_server_transaction_cancel (GstSipServerTransaction *tx)
{
  GError *error = NULL;

  if (tx->cancelled ||
      (_gst_sip_server_transaction_has_responded (tx) &&
          GST_SIP_STATUS_IS_FINAL (
              gst_sip_message_get_status_code (PRIV (tx)->last_response))))
    return;

  g_object_ref (tx);
  tx->cancelled = TRUE;
  g_signal_emit (tx, signals[SIGNAL_CANCELLED], 0);
  if (PRIV (tx)->state == GST_SIP_TRANSACTION_STATE_PROCEEDING &&
      !gst_sip_server_transaction_reply (tx, 487, NULL, &error)) {
    GST_WARNING ("could not answer a cancelled INVITE: %s", error->message);
    g_error_free (error);
  }
  g_object_unref (tx);
}

static const gchar *
ensure_local_tag (GstSipServerTransaction *tx)
{
  if (!tx->local_tag) {
    const gchar *tag = gst_sip_message_get_to_tag (PRIV (tx)->request);

    /* an in-dialog request already has our tag */
    tx->local_tag = tag ? g_strdup (tag) : _gst_sip_new_token (64);
  }
  return tx->local_tag;
}

/**
 * gst_sip_server_transaction_get_local_tag:
 * @transaction: a #GstSipServerTransaction
 *
 * Returns: the To tag of the responses of this transaction: the request's
 *   own To tag for an in-dialog request, otherwise a new random tag
 *
 * Since: 0.1
 */
const gchar *
gst_sip_server_transaction_get_local_tag (GstSipServerTransaction *transaction)
{
  g_return_val_if_fail (GST_IS_SIP_SERVER_TRANSACTION (transaction), NULL);
  return ensure_local_tag (transaction);
}

/**
 * gst_sip_server_transaction_is_cancelled:
 * @transaction: a #GstSipServerTransaction
 *
 * Returns: %TRUE if a CANCEL arrived for this INVITE
 *
 * Since: 0.1
 */
gboolean
gst_sip_server_transaction_is_cancelled (GstSipServerTransaction *transaction)
{
  g_return_val_if_fail (GST_IS_SIP_SERVER_TRANSACTION (transaction), FALSE);
  return transaction->cancelled;
}

/**
 * gst_sip_server_transaction_create_response:
 * @transaction: a #GstSipServerTransaction
 * @status_code: a status code from 100 to 699
 * @reason_phrase: (nullable): the reason phrase, or %NULL for the standard
 *   one
 *
 * Builds a response to the transaction's request
 * (gst_sip_message_new_response_for_request()) with the transaction's To
 * tag, ready for more headers and a body.
 *
 * Returns: (transfer full): the response
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_server_transaction_create_response (
    GstSipServerTransaction *transaction, guint status_code,
    const gchar *reason_phrase)
{
  GstSipMessage *response;

  g_return_val_if_fail (GST_IS_SIP_SERVER_TRANSACTION (transaction), NULL);
  g_return_val_if_fail (status_code >= 100 && status_code <= 699, NULL);

  response = gst_sip_message_new_response_for_request (
      PRIV (transaction)->request, status_code, reason_phrase);
  if (status_code > 100 && !gst_sip_message_get_to_tag (response))
    gst_sip_message_set_to_tag (response, ensure_local_tag (transaction));

  return response;
}

/**
 * gst_sip_server_transaction_respond:
 * @transaction: a #GstSipServerTransaction
 * @response: a response to the transaction's request
 * @error: return location for a #GError, or %NULL
 *
 * Sends @response.  A To tag is added when the request had none (except
 * to 100 Trying).  Provisional responses may be sent any number of times
 * before one final response; after a 2xx to INVITE, further 2xx responses
 * (retransmissions of it) are still sent.
 *
 * Returns: %TRUE on success; %FALSE with %GST_SIP_ERROR_INVALID_STATE when
 *   a final response was already sent, or a transport error
 *
 * Since: 0.1
 */
gboolean
gst_sip_server_transaction_respond (GstSipServerTransaction *transaction,
    GstSipMessage *response, GError **error)
{
  GstSipServerTransaction *tx = transaction;
  GstSipTransactionPrivate *priv;
  GstSipTimerQueue *timers;
  GError *err = NULL;
  guint code, t1, t2, t4;

  g_return_val_if_fail (GST_IS_SIP_SERVER_TRANSACTION (tx), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);
  g_return_val_if_fail (gst_sip_message_is_response (response), FALSE);

  priv = PRIV (tx);
  code = gst_sip_message_get_status_code (response);
  timers = _gst_sip_user_agent_get_timers (priv->ua);

  switch (priv->state) {
    case GST_SIP_TRANSACTION_STATE_TRYING:
    case GST_SIP_TRANSACTION_STATE_PROCEEDING:
      break;
    case GST_SIP_TRANSACTION_STATE_ACCEPTED:
      if (GST_SIP_STATUS_IS_SUCCESS (code))
        break;
      G_GNUC_FALLTHROUGH;
    default:
      g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
          _ ("A final response to this %s was already sent"),
          gst_sip_message_get_method_name (priv->request));
      return FALSE;
  }

  if (code > 100 && !gst_sip_message_get_to_tag (response))
    gst_sip_message_set_to_tag (response, ensure_local_tag (tx));

  g_object_ref (tx);
  _gst_sip_transaction_set_last_response (GST_SIP_TRANSACTION (tx), response);
  g_clear_pointer (&tx->wire, g_bytes_unref);
  tx->wire = gst_sip_message_to_bytes (response);
  if (!retransmit_last (tx, &err)) {
    _gst_sip_server_transaction_fail (tx, err);
    g_propagate_error (error, err);
    g_object_unref (tx);
    return FALSE;
  }

  _gst_sip_user_agent_get_timer_values (priv->ua, &t1, &t2, &t4);
  if (code < 200) {
    _gst_sip_transaction_set_state (
        GST_SIP_TRANSACTION (tx), GST_SIP_TRANSACTION_STATE_PROCEEDING);
  } else if (is_invite (tx) && code < 300) {
    if (priv->state != GST_SIP_TRANSACTION_STATE_ACCEPTED) {
      /* RFC 6026: Timer L; the TU retransmits the 2xx */
      _gst_sip_transaction_set_state (
          GST_SIP_TRANSACTION (tx), GST_SIP_TRANSACTION_STATE_ACCEPTED);
      _gst_sip_timer_queue_schedule (timers, &priv->state_timer, 64 * t1);
    }
  } else if (is_invite (tx)) {
    _gst_sip_transaction_set_state (
        GST_SIP_TRANSACTION (tx), GST_SIP_TRANSACTION_STATE_COMPLETED);
    if (!priv->reliable) {
      /* Timer G */
      priv->retransmit_interval = t1;
      _gst_sip_timer_queue_schedule (timers, &priv->retransmit_timer, t1);
    }
    /* Timer H */
    _gst_sip_timer_queue_schedule (timers, &priv->state_timer, 64 * t1);
  } else {
    _gst_sip_transaction_set_state (
        GST_SIP_TRANSACTION (tx), GST_SIP_TRANSACTION_STATE_COMPLETED);
    /* Timer J */
    _gst_sip_timer_queue_schedule (
        timers, &priv->state_timer, priv->reliable ? 0 : 64 * t1);
  }
  g_object_unref (tx);

  return TRUE;
}

/**
 * gst_sip_server_transaction_reply:
 * @transaction: a #GstSipServerTransaction
 * @status_code: a status code from 100 to 699
 * @reason_phrase: (nullable): the reason phrase, or %NULL for the standard
 *   one
 * @error: return location for a #GError, or %NULL
 *
 * Sends a response without a body: gst_sip_server_transaction_create_response()
 * then gst_sip_server_transaction_respond().
 *
 * Returns: %TRUE on success
 *
 * Since: 0.1
 */
gboolean
gst_sip_server_transaction_reply (GstSipServerTransaction *transaction,
    guint status_code, const gchar *reason_phrase, GError **error)
{
  GstSipMessage *response;
  gboolean ret;

  g_return_val_if_fail (GST_IS_SIP_SERVER_TRANSACTION (transaction), FALSE);
  g_return_val_if_fail (status_code >= 100 && status_code <= 699, FALSE);

  response = gst_sip_server_transaction_create_response (
      transaction, status_code, reason_phrase);
  ret = gst_sip_server_transaction_respond (transaction, response, error);
  gst_sip_message_unref (response);

  return ret;
}
