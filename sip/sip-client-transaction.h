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

#ifndef __GST_SIP_CLIENT_TRANSACTION_H__
#define __GST_SIP_CLIENT_TRANSACTION_H__

#include <sip/sip-transaction.h>

G_BEGIN_DECLS

#define GST_TYPE_SIP_CLIENT_TRANSACTION (gst_sip_client_transaction_get_type ())

GST_SIP_API
G_DECLARE_FINAL_TYPE (GstSipClientTransaction, gst_sip_client_transaction, GST,
    SIP_CLIENT_TRANSACTION, GstSipTransaction)

GST_SIP_API
const GError *gst_sip_client_transaction_get_error (
    GstSipClientTransaction *transaction);

GST_SIP_API
gboolean gst_sip_client_transaction_cancel (
    GstSipClientTransaction *transaction, GError **error);

G_END_DECLS

#endif /* __GST_SIP_CLIENT_TRANSACTION_H__ */
