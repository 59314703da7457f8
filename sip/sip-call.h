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

#ifndef __GST_SIP_CALL_H__
#define __GST_SIP_CALL_H__

#include <gio/gio.h>
#include <gst/sdp/sdp.h>
#include <sip/sip-prelude.h>
#include <sip/sip-enums.h>
#include <sip/sip-user-agent.h>
#include <sip/sip-account.h>
#include <sip/sip-sdp-negotiator.h>

G_BEGIN_DECLS

#define GST_TYPE_SIP_CALL (gst_sip_call_get_type ())

GST_SIP_API
G_DECLARE_FINAL_TYPE (GstSipCall, gst_sip_call, GST, SIP_CALL, GObject)

GST_SIP_API
GstSipCall *gst_sip_call_new (GstSipUserAgent *ua, GstSipAccount *account);

GST_SIP_API
GstSipUserAgent *gst_sip_call_get_user_agent (GstSipCall *call);

GST_SIP_API
void gst_sip_call_set_negotiator (
    GstSipCall *call, GstSipSdpNegotiator *negotiator);

GST_SIP_API
GstSipSdpNegotiator *gst_sip_call_get_negotiator (GstSipCall *call);

GST_SIP_API
GstSipCallState gst_sip_call_get_state (GstSipCall *call);

GST_SIP_API
GstSipCallDirection gst_sip_call_get_direction (GstSipCall *call);

GST_SIP_API
guint gst_sip_call_get_status_code (GstSipCall *call);

GST_SIP_API
const gchar *gst_sip_call_get_reason (GstSipCall *call);

GST_SIP_API
const gchar *gst_sip_call_get_call_id (GstSipCall *call);

GST_SIP_API
const gchar *gst_sip_call_get_remote_uri (GstSipCall *call);

GST_SIP_API
const gchar *gst_sip_call_get_local_uri (GstSipCall *call);

GST_SIP_API
const GstSDPMessage *gst_sip_call_get_local_description (GstSipCall *call);

GST_SIP_API
const GstSDPMessage *gst_sip_call_get_remote_description (GstSipCall *call);

GST_SIP_API
void gst_sip_call_dial_async (GstSipCall *call, const gchar *uri,
    GCancellable *cancellable, GAsyncReadyCallback callback,
    gpointer user_data);

GST_SIP_API
guint gst_sip_call_dial_finish (
    GstSipCall *call, GAsyncResult *result, GError **error);

GST_SIP_API
gboolean gst_sip_call_ring (
    GstSipCall *call, gboolean early_media, GError **error);

GST_SIP_API
gboolean gst_sip_call_answer (GstSipCall *call, GError **error);

GST_SIP_API
gboolean gst_sip_call_reject (
    GstSipCall *call, guint status_code, const gchar *reason, GError **error);

GST_SIP_API
void gst_sip_call_hangup (GstSipCall *call);

GST_SIP_API
void gst_sip_call_hold_async (GstSipCall *call, gboolean hold,
    GCancellable *cancellable, GAsyncReadyCallback callback,
    gpointer user_data);

GST_SIP_API
guint gst_sip_call_hold_finish (
    GstSipCall *call, GAsyncResult *result, GError **error);

GST_SIP_API
void gst_sip_call_renegotiate_async (GstSipCall *call, gboolean use_update,
    GCancellable *cancellable, GAsyncReadyCallback callback,
    gpointer user_data);

GST_SIP_API
guint gst_sip_call_renegotiate_finish (
    GstSipCall *call, GAsyncResult *result, GError **error);

GST_SIP_API
gboolean gst_sip_call_send_dtmf (
    GstSipCall *call, const gchar *digit, guint duration_ms, GError **error);

GST_SIP_API
void gst_sip_call_send_request_async (GstSipCall *call, const gchar *method,
    const gchar *content_type, GBytes *body, GCancellable *cancellable,
    GAsyncReadyCallback callback, gpointer user_data);

GST_SIP_API
GstSipMessage *gst_sip_call_send_request_finish (
    GstSipCall *call, GAsyncResult *result, GError **error);

G_END_DECLS

#endif /* __GST_SIP_CALL_H__ */
