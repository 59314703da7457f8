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

#ifndef __GST_SIP_USER_AGENT_PRIVATE_H__
#define __GST_SIP_USER_AGENT_PRIVATE_H__

#include "sip-user-agent.h"
#include "sip-transaction-private.h"
#include "sip-resolver-private.h"
#include "sip-auth-private.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL
GstSipTimerQueue *_gst_sip_user_agent_get_timers (GstSipUserAgent *ua);

G_GNUC_INTERNAL
void _gst_sip_user_agent_get_timer_values (
    GstSipUserAgent *ua, guint *t1, guint *t2, guint *t4);

/* sends @msg through @transport to @remote (or on @connection), or hands it
 * to the send function when one is set */
G_GNUC_INTERNAL
gboolean _gst_sip_user_agent_transmit (GstSipUserAgent *ua, GObject *transport,
    GSocketAddress *remote, GObject *connection, GstSipMessage *msg,
    GError **error);

/* the same, with the bytes of @msg already written */
G_GNUC_INTERNAL
gboolean _gst_sip_user_agent_transmit_bytes (GstSipUserAgent *ua,
    GObject *transport, GSocketAddress *remote, GObject *connection,
    GstSipMessage *msg, GBytes *bytes, GError **error);

/* the same, for a request sent to a hop whose host is @server_name (RFC
 * 5922: the name a TLS or WSS server must prove to be); NULL takes it from
 * @msg, which is wrong for a request rewritten for a strict router */
G_GNUC_INTERNAL
gboolean _gst_sip_user_agent_transmit_bytes_to_host (GstSipUserAgent *ua,
    GObject *transport, GSocketAddress *remote, GObject *connection,
    GstSipMessage *msg, GBytes *bytes, const gchar *server_name,
    GError **error);

/* starts the CANCEL of @invite; it goes where the INVITE went, with the
 * same top Via */
G_GNUC_INTERNAL
GstSipClientTransaction *_gst_sip_user_agent_send_cancel (GstSipUserAgent *ua,
    GstSipClientTransaction *invite, GstSipMessage *cancel);

/* prepares a client transaction for @target (NULL with a send function):
 * picks the transport, writes a fresh top Via and branch, and files the
 * transaction under its new key */
G_GNUC_INTERNAL
gboolean _gst_sip_user_agent_bind_target (GstSipUserAgent *ua,
    GstSipClientTransaction *tx, const GstSipTarget *target, GError **error);

G_GNUC_INTERNAL
void _gst_sip_user_agent_forget_transaction (
    GstSipUserAgent *ua, GstSipTransaction *tx);

/* calls (sip-call.c): the dialogs they answer for, and a reference to
 * every call that is not over */
typedef struct _GstSipCall GstSipCall;

G_GNUC_INTERNAL
void _gst_sip_user_agent_add_dialog (
    GstSipUserAgent *ua, const gchar *key, GstSipCall *call);

G_GNUC_INTERNAL
void _gst_sip_user_agent_remove_dialog (
    GstSipUserAgent *ua, const gchar *key, GstSipCall *call);

/* the number of dialog keys filed: confirmed and early dialogs of calls
 * that are not over */
G_GNUC_INTERNAL
guint _gst_sip_user_agent_get_n_dialogs (GstSipUserAgent *ua);

G_GNUC_INTERNAL
void _gst_sip_user_agent_hold_call (
    GstSipUserAgent *ua, GstSipCall *call, gboolean active);

/* sends a request outside any transaction (an ACK for a 2xx) */
G_GNUC_INTERNAL
gboolean _gst_sip_user_agent_send_stateless (
    GstSipUserAgent *ua, GstSipMessage *request, GError **error);

/* the Contact for our responses to @request: the transport it came in on */
G_GNUC_INTERNAL
GstSipAddress *_gst_sip_user_agent_contact_for_request (
    GstSipUserAgent *ua, GstSipMessage *request);

/* answers an OPTIONS request with our capabilities (RFC 3261 11.2) */
G_GNUC_INTERNAL
void _gst_sip_user_agent_answer_options (
    GstSipUserAgent *ua, GstSipServerTransaction *tx);

/* emits GstSipUserAgent::authenticate */
G_GNUC_INTERNAL
gboolean _gst_sip_user_agent_emit_authenticate (
    GstSipUserAgent *ua, GstSipAuth *auth, gboolean retrying);

/* a random token for tags and Call-IDs */
G_GNUC_INTERNAL
gchar *_gst_sip_new_token (guint bits);

G_END_DECLS

#endif /* __GST_SIP_USER_AGENT_PRIVATE_H__ */
