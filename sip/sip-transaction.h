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

#ifndef __GST_SIP_TRANSACTION_H__
#define __GST_SIP_TRANSACTION_H__

#include <sip/sip-prelude.h>
#include <sip/sip-message.h>

G_BEGIN_DECLS

#define GST_TYPE_SIP_TRANSACTION (gst_sip_transaction_get_type ())

GST_SIP_API
G_DECLARE_DERIVABLE_TYPE (
    GstSipTransaction, gst_sip_transaction, GST, SIP_TRANSACTION, GObject)

/**
 * GstSipTransactionClass:
 * @parent_class: the parent class
 *
 * The class of #GstSipTransaction.  Transactions are created by the user
 * agent; see #GstSipClientTransaction and #GstSipServerTransaction.
 *
 * Since: 0.1
 */
struct _GstSipTransactionClass
{
  GObjectClass parent_class;

  /*< private >*/
  gpointer _gst_reserved[8];
};

GST_SIP_API
GstSipMessage *gst_sip_transaction_get_request (GstSipTransaction *transaction);

GST_SIP_API
GstSipMessage *gst_sip_transaction_get_last_response (
    GstSipTransaction *transaction);

GST_SIP_API
GstSipTransactionState gst_sip_transaction_get_state (
    GstSipTransaction *transaction);

GST_SIP_API
const gchar *gst_sip_transaction_get_branch (GstSipTransaction *transaction);

GST_SIP_API
GstSipTransportProtocol gst_sip_transaction_get_protocol (
    GstSipTransaction *transaction);

G_END_DECLS

#endif /* __GST_SIP_TRANSACTION_H__ */
