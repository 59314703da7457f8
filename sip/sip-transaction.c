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
 * SECTION:sip-transaction
 * @title: GstSipTransaction
 * @short_description: the base of client and server transactions
 *
 * A transaction is a request and the responses to it (RFC 3261 section
 * 17).  The user agent creates, matches and times them;
 * #GstSipClientTransaction and #GstSipServerTransaction are what
 * applications see.  Every transaction runs on the user agent's
 * #GMainContext and its state is readable with notify.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "sip-transaction-private.h"
#include "sip-user-agent-private.h"
#include "sip-enumtypes.h"
#include "sip-via-private.h"
#include "sip-message-private.h"

GST_DEBUG_CATEGORY (sip_transaction_debug);
#define GST_CAT_DEFAULT sip_transaction_debug

enum
{
  PROP_0,
  PROP_REQUEST,
  PROP_LAST_RESPONSE,
  PROP_STATE,
  PROP_BRANCH,
  PROP_PROTOCOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (
    GstSipTransaction, gst_sip_transaction, G_TYPE_OBJECT,
    G_ADD_PRIVATE (GstSipTransaction);
    GST_DEBUG_CATEGORY_INIT (
        sip_transaction_debug, "siptransaction", 0, "SIP transactions"));

GstSipTransactionPrivate *
_gst_sip_transaction_get_private (GstSipTransaction *transaction)
{
  return gst_sip_transaction_get_instance_private (transaction);
}

static void
gst_sip_transaction_finalize (GObject *object)
{
  GstSipTransactionPrivate *priv =
      _gst_sip_transaction_get_private (GST_SIP_TRANSACTION (object));

  g_assert (!_gst_sip_timer_is_armed (&priv->retransmit_timer));
  g_assert (!_gst_sip_timer_is_armed (&priv->state_timer));

  g_clear_pointer (&priv->request, gst_sip_message_unref);
  g_clear_pointer (&priv->last_response, gst_sip_message_unref);
  g_free (priv->branch);
  g_free (priv->key);
  g_clear_object (&priv->transport);
  g_clear_object (&priv->remote);
  g_clear_object (&priv->connection);

  G_OBJECT_CLASS (gst_sip_transaction_parent_class)->finalize (object);
}

static void
gst_sip_transaction_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipTransactionPrivate *priv =
      _gst_sip_transaction_get_private (GST_SIP_TRANSACTION (object));

  switch (prop_id) {
    case PROP_REQUEST:
      g_value_set_boxed (value, priv->request);
      break;
    case PROP_LAST_RESPONSE:
      g_value_set_boxed (value, priv->last_response);
      break;
    case PROP_STATE:
      g_value_set_enum (value, priv->state);
      break;
    case PROP_BRANCH:
      g_value_set_string (value, priv->branch);
      break;
    case PROP_PROTOCOL:
      g_value_set_enum (value, priv->protocol);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_transaction_class_init (GstSipTransactionClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  gobject_class->finalize = gst_sip_transaction_finalize;
  gobject_class->get_property = gst_sip_transaction_get_property;

  /**
   * GstSipTransaction:request:
   *
   * The request that started the transaction.
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST] = g_param_spec_boxed ("request", "Request",
      "The request that started the transaction", GST_TYPE_SIP_MESSAGE,
      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipTransaction:last-response:
   *
   * The last response sent (server) or received (client), if any.
   *
   * Since: 0.1
   */
  properties[PROP_LAST_RESPONSE] = g_param_spec_boxed ("last-response",
      "Last response", "The last response sent or received",
      GST_TYPE_SIP_MESSAGE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipTransaction:state:
   *
   * The state of the RFC 3261 state machine, with notify.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] =
      g_param_spec_enum ("state", "State", "The state of the transaction",
          GST_TYPE_SIP_TRANSACTION_STATE, GST_SIP_TRANSACTION_STATE_TRYING,
          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipTransaction:branch:
   *
   * The branch parameter of the top Via, which identifies the transaction.
   *
   * Since: 0.1
   */
  properties[PROP_BRANCH] = g_param_spec_string ("branch", "Branch",
      "The branch that identifies the transaction", NULL,
      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipTransaction:protocol:
   *
   * The transport protocol the transaction uses.
   *
   * Since: 0.1
   */
  properties[PROP_PROTOCOL] = g_param_spec_enum ("protocol", "Protocol",
      "The transport protocol the transaction uses",
      GST_TYPE_SIP_TRANSPORT_PROTOCOL, GST_SIP_TRANSPORT_PROTOCOL_UDP,
      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (gobject_class, N_PROPS, properties);
}

static void
gst_sip_transaction_init (GstSipTransaction *transaction)
{
}

void
_gst_sip_transaction_set_state (
    GstSipTransaction *transaction, GstSipTransactionState state)
{
  GstSipTransactionPrivate *priv =
      _gst_sip_transaction_get_private (transaction);
  GEnumClass *klass;

  if (priv->state == state)
    return;

  if (gst_debug_category_get_threshold (GST_CAT_DEFAULT) >= GST_LEVEL_DEBUG) {
    klass = g_type_class_peek (GST_TYPE_SIP_TRANSACTION_STATE);
    GST_DEBUG_OBJECT (NULL, "%s %s %s: %s -> %s",
        G_OBJECT_TYPE_NAME (transaction),
        gst_sip_method_to_string (priv->method)
            ? gst_sip_method_to_string (priv->method)
            : gst_sip_message_get_method_name (priv->request),
        priv->branch, g_enum_get_value (klass, priv->state)->value_nick,
        g_enum_get_value (klass, state)->value_nick);
  }

  priv->state = state;
  g_object_notify_by_pspec (G_OBJECT (transaction), properties[PROP_STATE]);
}

void
_gst_sip_transaction_set_last_response (
    GstSipTransaction *transaction, GstSipMessage *response)
{
  GstSipTransactionPrivate *priv =
      _gst_sip_transaction_get_private (transaction);

  if (priv->last_response == response)
    return;
  if (priv->last_response)
    gst_sip_message_unref (priv->last_response);
  priv->last_response = gst_sip_message_ref (response);
}

void
_gst_sip_transaction_terminate (GstSipTransaction *transaction)
{
  GstSipTransactionPrivate *priv =
      _gst_sip_transaction_get_private (transaction);
  GstSipTimerQueue *timers = _gst_sip_user_agent_get_timers (priv->ua);

  _gst_sip_timer_queue_cancel (timers, &priv->retransmit_timer);
  _gst_sip_timer_queue_cancel (timers, &priv->state_timer);

  if (priv->state == GST_SIP_TRANSACTION_STATE_TERMINATED)
    return;

  /* keep ourselves alive while the user agent drops its reference and
   * handlers of notify::state run */
  g_object_ref (transaction);
  _gst_sip_transaction_set_state (
      transaction, GST_SIP_TRANSACTION_STATE_TERMINATED);
  _gst_sip_user_agent_forget_transaction (priv->ua, transaction);
  g_object_unref (transaction);
}

gchar *
_gst_sip_transaction_new_branch (void)
{
  return g_strdup_printf (GST_SIP_BRANCH_MAGIC "%08x%08x%08x", g_random_int (),
      g_random_int (), g_random_int ());
}

gchar *
_gst_sip_transaction_client_key (const gchar *branch, const gchar *method)
{
  return g_strconcat (branch, "\n", method, NULL);
}

gchar *
_gst_sip_transaction_server_key (
    const GstSipMessage *request, const gchar *method)
{
  GstSipViaView via;
  const gchar *cseq_method;
  guint32 cseq;

  if (!method)
    method = gst_sip_message_get_method_name (request);
  if (!_gst_sip_message_get_top_via_view (request, &via))
    return NULL;

  /* RFC 3261 17.2.3: branch, sent-by and method */
  if (via.branch.len > strlen (GST_SIP_BRANCH_MAGIC) &&
      strncmp (via.branch.ptr, GST_SIP_BRANCH_MAGIC,
          strlen (GST_SIP_BRANCH_MAGIC)) == 0)
    return g_strdup_printf ("%.*s\n%.*s:%u\n%s", (gint) via.branch.len,
        via.branch.ptr, (gint) via.host.len, via.host.ptr, via.port, method);

  /* RFC 2543 fallback: Request-URI, From tag, Call-ID, CSeq number and the
   * top Via; the To tag of an ACK is checked by the transaction */
  if (!gst_sip_message_get_cseq (request, &cseq, NULL))
    return NULL;
  cseq_method = method;
  {
    gchar *uri =
        gst_sip_uri_to_string (gst_sip_message_get_request_uri (request));
    gchar *key = g_strdup_printf ("2543\n%s\n%s\n%s\n%u\n%s\n%.*s/%.*s %.*s:%u"
                                  "\n%.*s",
        uri,
        gst_sip_message_get_from_tag (request)
            ? gst_sip_message_get_from_tag (request)
            : "",
        gst_sip_message_get_call_id (request), cseq, cseq_method,
        (gint) via.protocol.len, via.protocol.ptr, (gint) via.transport.len,
        via.transport.ptr, (gint) via.host.len, via.host.ptr, via.port,
        (gint) via.branch.len, via.branch.ptr ? via.branch.ptr : "");

    g_free (uri);
    return key;
  }
}

/**
 * gst_sip_transaction_get_request:
 * @transaction: a #GstSipTransaction
 *
 * Returns: (transfer none): the request of the transaction
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_transaction_get_request (GstSipTransaction *transaction)
{
  g_return_val_if_fail (GST_IS_SIP_TRANSACTION (transaction), NULL);
  return _gst_sip_transaction_get_private (transaction)->request;
}

/**
 * gst_sip_transaction_get_last_response:
 * @transaction: a #GstSipTransaction
 *
 * Returns: (transfer none) (nullable): the last response sent or received
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_transaction_get_last_response (GstSipTransaction *transaction)
{
  g_return_val_if_fail (GST_IS_SIP_TRANSACTION (transaction), NULL);
  return _gst_sip_transaction_get_private (transaction)->last_response;
}

/**
 * gst_sip_transaction_get_state:
 * @transaction: a #GstSipTransaction
 *
 * Returns: the state of the transaction
 *
 * Since: 0.1
 */
GstSipTransactionState
gst_sip_transaction_get_state (GstSipTransaction *transaction)
{
  g_return_val_if_fail (GST_IS_SIP_TRANSACTION (transaction),
      GST_SIP_TRANSACTION_STATE_TERMINATED);
  return _gst_sip_transaction_get_private (transaction)->state;
}

/**
 * gst_sip_transaction_get_branch:
 * @transaction: a #GstSipTransaction
 *
 * Returns: (nullable): the branch of the transaction's Via
 *
 * Since: 0.1
 */
const gchar *
gst_sip_transaction_get_branch (GstSipTransaction *transaction)
{
  g_return_val_if_fail (GST_IS_SIP_TRANSACTION (transaction), NULL);
  return _gst_sip_transaction_get_private (transaction)->branch;
}

/**
 * gst_sip_transaction_get_protocol:
 * @transaction: a #GstSipTransaction
 *
 * Returns: the transport protocol the transaction uses
 *
 * Since: 0.1
 */
GstSipTransportProtocol
gst_sip_transaction_get_protocol (GstSipTransaction *transaction)
{
  g_return_val_if_fail (
      GST_IS_SIP_TRANSACTION (transaction), GST_SIP_TRANSPORT_PROTOCOL_UDP);
  return _gst_sip_transaction_get_private (transaction)->protocol;
}
