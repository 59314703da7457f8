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

#ifndef __GST_SIP_CALL_PRIVATE_H__
#define __GST_SIP_CALL_PRIVATE_H__

#include "sip-call.h"
#include "sip-server-transaction.h"

G_BEGIN_DECLS

/* a new INVITE outside any dialog: the user agent offers it with
 * GstSipUserAgent::incoming-call */
G_GNUC_INTERNAL
GstSipCall *_gst_sip_call_new_incoming (
    GstSipUserAgent *ua, GstSipServerTransaction *tx, GstSipMessage *request);

/* a request inside one of the call's dialogs; FALSE when the call no
 * longer knows the dialog (the user agent answers 481) */
G_GNUC_INTERNAL
gboolean _gst_sip_call_handle_request (
    GstSipCall *call, GstSipServerTransaction *tx, GstSipMessage *request);

/* an ACK for a 2xx, which has no transaction */
G_GNUC_INTERNAL
void _gst_sip_call_handle_ack (GstSipCall *call, GstSipMessage *ack);

/* a 2xx to INVITE that matched no transaction: a retransmission after the
 * transaction ended, or another fork */
G_GNUC_INTERNAL
void _gst_sip_call_handle_stray_response (
    GstSipCall *call, GstSipMessage *response);

/* the user agent goes away */
G_GNUC_INTERNAL
void _gst_sip_call_abort (GstSipCall *call);

G_END_DECLS

#endif /* __GST_SIP_CALL_PRIVATE_H__ */
