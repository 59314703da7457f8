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

#ifndef __GST_SIP_TRANSACTION_PRIVATE_H__
#define __GST_SIP_TRANSACTION_PRIVATE_H__

#include "sip-transaction.h"
#include "sip-client-transaction.h"
#include "sip-server-transaction.h"
#include "sip-timer-private.h"

G_BEGIN_DECLS

typedef struct _GstSipUserAgent GstSipUserAgent;

/* State shared by client and server transactions.  The user agent owns a
 * reference to every live transaction and drops it on termination. */
typedef struct
{
  GstSipUserAgent *ua; /* not a reference: the UA outlives us */
  GstSipMessage *request;
  GstSipMessage *last_response;
  gchar *branch;
  gchar *key; /* the key in the user agent's table */
  GstSipMethod method;
  GstSipTransactionState state;
  GstSipTransportProtocol protocol;
  gboolean reliable;

  /* where messages go: a transport, an address and, on streams, the
   * connection a request arrived on */
  GObject *transport;
  GSocketAddress *remote;
  GObject *connection;

  GstSipTimer retransmit_timer; /* A, E, G */
  GstSipTimer state_timer; /* B, D, F, H, I, J, K, L, M */
  guint retransmit_interval; /* ms */
} GstSipTransactionPrivate;

G_GNUC_INTERNAL
GstSipTransactionPrivate *_gst_sip_transaction_get_private (
    GstSipTransaction *transaction);

G_GNUC_INTERNAL
void _gst_sip_transaction_set_state (
    GstSipTransaction *transaction, GstSipTransactionState state);

G_GNUC_INTERNAL
void _gst_sip_transaction_set_last_response (
    GstSipTransaction *transaction, GstSipMessage *response);

/* stops every timer and tells the user agent to forget the transaction */
G_GNUC_INTERNAL
void _gst_sip_transaction_terminate (GstSipTransaction *transaction);

/* a new branch: the RFC 3261 magic cookie and 96 random bits */
G_GNUC_INTERNAL
gchar *_gst_sip_transaction_new_branch (void);

/* table keys (RFC 3261 17.1.3 and 17.2.3) */
G_GNUC_INTERNAL
gchar *_gst_sip_transaction_client_key (
    const gchar *branch, const gchar *method);

/* the key of the server transaction @request belongs to; @method overrides
 * the request's own method (ACK and CANCEL look for their INVITE) */
G_GNUC_INTERNAL
gchar *_gst_sip_transaction_server_key (
    const GstSipMessage *request, const gchar *method);

/* client transactions (sip-client-transaction.c) */

typedef struct
{
  /* every response, provisional, final, and retransmitted 2xx to INVITE */
  void (*response) (
      GstSipClientTransaction *tx, GstSipMessage *response, gpointer user_data);
  /* no final response: timeout (Timer B/F) or a transport error */
  void (*failed) (
      GstSipClientTransaction *tx, const GError *error, gpointer user_data);
} GstSipClientTransactionHandler;

/* @server_name: the host of the next hop's URI (nullable) */
G_GNUC_INTERNAL
GstSipClientTransaction *_gst_sip_client_transaction_new (
    GstSipUserAgent *ua, GstSipMessage *request, const gchar *server_name);

G_GNUC_INTERNAL
const gchar *_gst_sip_client_transaction_get_server_name (
    GstSipClientTransaction *tx);

G_GNUC_INTERNAL
void _gst_sip_client_transaction_set_handler (GstSipClientTransaction *tx,
    const GstSipClientTransactionHandler *handler, gpointer user_data,
    GDestroyNotify notify);

/* the ordered destinations from RFC 3263 resolution; NULL when a send
 * function replaces the transports */
G_GNUC_INTERNAL
void _gst_sip_client_transaction_set_targets (
    GstSipClientTransaction *tx, GPtrArray *targets);

/* sends the request: to the next target, or when @bound to the transport and
 * destination already set (a CANCEL goes where its INVITE went) */
G_GNUC_INTERNAL
void _gst_sip_client_transaction_start (
    GstSipClientTransaction *tx, gboolean bound);

/* a transport failure reported after sending: next target, or failure */
G_GNUC_INTERNAL
void _gst_sip_client_transaction_transport_error (
    GstSipClientTransaction *tx, const GError *error);

G_GNUC_INTERNAL
void _gst_sip_client_transaction_receive (
    GstSipClientTransaction *tx, GstSipMessage *response);

G_GNUC_INTERNAL
void _gst_sip_client_transaction_fail (
    GstSipClientTransaction *tx, const GError *error);

/* server transactions (sip-server-transaction.c) */

G_GNUC_INTERNAL
GstSipServerTransaction *_gst_sip_server_transaction_new (
    GstSipUserAgent *ua, GstSipMessage *request);

/* a retransmission of the request, or an ACK for a non-2xx response */
G_GNUC_INTERNAL
void _gst_sip_server_transaction_receive (
    GstSipServerTransaction *tx, GstSipMessage *request);

G_GNUC_INTERNAL
void _gst_sip_server_transaction_cancel (GstSipServerTransaction *tx);

G_GNUC_INTERNAL
gboolean _gst_sip_server_transaction_has_responded (
    GstSipServerTransaction *tx);

G_GNUC_INTERNAL
void _gst_sip_server_transaction_fail (
    GstSipServerTransaction *tx, const GError *error);

G_END_DECLS

#endif /* __GST_SIP_TRANSACTION_PRIVATE_H__ */
