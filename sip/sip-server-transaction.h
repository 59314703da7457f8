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

#ifndef __GST_SIP_SERVER_TRANSACTION_H__
#define __GST_SIP_SERVER_TRANSACTION_H__

#include <sip/sip-transaction.h>

G_BEGIN_DECLS

#define GST_TYPE_SIP_SERVER_TRANSACTION (gst_sip_server_transaction_get_type ())

GST_SIP_API
G_DECLARE_FINAL_TYPE (GstSipServerTransaction, gst_sip_server_transaction, GST,
    SIP_SERVER_TRANSACTION, GstSipTransaction)

GST_SIP_API
gboolean gst_sip_server_transaction_respond (
    GstSipServerTransaction *transaction, GstSipMessage *response,
    GError **error);

GST_SIP_API
gboolean gst_sip_server_transaction_reply (GstSipServerTransaction *transaction,
    guint status_code, const gchar *reason_phrase, GError **error);

GST_SIP_API
GstSipMessage *gst_sip_server_transaction_create_response (
    GstSipServerTransaction *transaction, guint status_code,
    const gchar *reason_phrase);

GST_SIP_API
const gchar *gst_sip_server_transaction_get_local_tag (
    GstSipServerTransaction *transaction);

GST_SIP_API
gboolean gst_sip_server_transaction_is_cancelled (
    GstSipServerTransaction *transaction);

G_END_DECLS

#endif /* __GST_SIP_SERVER_TRANSACTION_H__ */
