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

#ifndef __GST_SIP_USER_AGENT_H__
#define __GST_SIP_USER_AGENT_H__

#include <gio/gio.h>
#include <sip/sip-prelude.h>
#include <sip/sip-message.h>
#include <sip/sip-transport.h>
#include <sip/sip-client-transaction.h>
#include <sip/sip-server-transaction.h>
#include <sip/sip-auth.h>

G_BEGIN_DECLS

#define GST_TYPE_SIP_USER_AGENT (gst_sip_user_agent_get_type ())

GST_SIP_API
G_DECLARE_FINAL_TYPE (
    GstSipUserAgent, gst_sip_user_agent, GST, SIP_USER_AGENT, GObject)

/**
 * GstSipUserAgentSendFunc:
 * @ua: the #GstSipUserAgent
 * @message: the request or response to send, complete with its Via
 * @user_data: the data given to gst_sip_user_agent_set_send_func()
 *
 * Replaces the transports, for testing transactions and dialogs without
 * sockets: every message the user agent would put on the wire is given to
 * this function instead.
 *
 * Returns: %TRUE if the message was "sent"; %FALSE acts as a transport error
 *
 * Since: 0.1
 */
typedef gboolean (*GstSipUserAgentSendFunc) (
    GstSipUserAgent *ua, GstSipMessage *message, gpointer user_data);

GST_SIP_API
GstSipUserAgent *gst_sip_user_agent_new (void);

GST_SIP_API
GMainContext *gst_sip_user_agent_get_context (GstSipUserAgent *ua);

GST_SIP_API
GstSipTransport *gst_sip_user_agent_add_transport (GstSipUserAgent *ua,
    GstSipTransportProtocol protocol, const gchar *address, guint port,
    GError **error);

GST_SIP_API
void gst_sip_user_agent_remove_transport (
    GstSipUserAgent *ua, GstSipTransport *transport);

GST_SIP_API
GList *gst_sip_user_agent_get_transports (GstSipUserAgent *ua);

GST_SIP_API
GstSipClientTransaction *gst_sip_user_agent_send_request (
    GstSipUserAgent *ua, GstSipMessage *request, GError **error);

GST_SIP_API
void gst_sip_user_agent_request_async (GstSipUserAgent *ua,
    GstSipMessage *request, GCancellable *cancellable,
    GAsyncReadyCallback callback, gpointer user_data);

GST_SIP_API
GstSipMessage *gst_sip_user_agent_request_finish (
    GstSipUserAgent *ua, GAsyncResult *result, GError **error);

GST_SIP_API
void gst_sip_user_agent_send_message_async (GstSipUserAgent *ua,
    const gchar *uri, const gchar *content_type, GBytes *body,
    GCancellable *cancellable, GAsyncReadyCallback callback,
    gpointer user_data);

GST_SIP_API
GstSipMessage *gst_sip_user_agent_send_message_finish (
    GstSipUserAgent *ua, GAsyncResult *result, GError **error);

GST_SIP_API
void gst_sip_user_agent_add_allowed_method (
    GstSipUserAgent *ua, const gchar *method);

GST_SIP_API
gchar **gst_sip_user_agent_get_allowed_methods (GstSipUserAgent *ua);

GST_SIP_API
void gst_sip_user_agent_set_send_func (GstSipUserAgent *ua,
    GstSipUserAgentSendFunc func, gpointer user_data, GDestroyNotify notify);

GST_SIP_API
void gst_sip_user_agent_handle_message (
    GstSipUserAgent *ua, GstSipMessage *message);

GST_SIP_API
gboolean gst_sip_user_agent_set_tls_certificate_from_files (GstSipUserAgent *ua,
    const gchar *cert_file, const gchar *key_file, GError **error);

GST_SIP_API
guint gst_sip_user_agent_get_n_transactions (GstSipUserAgent *ua);

GST_SIP_API
guint gst_sip_user_agent_get_n_calls (GstSipUserAgent *ua);

G_END_DECLS

#endif /* __GST_SIP_USER_AGENT_H__ */
