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

#ifndef __GST_SIP_MESSAGE_H__
#define __GST_SIP_MESSAGE_H__

#include <gio/gio.h>
#include <sip/sip-prelude.h>
#include <sip/sip-enums.h>
#include <sip/sip-uri.h>
#include <sip/sip-via.h>
#include <sip/sip-address.h>
#include <sip/sip-auth-header.h>

G_BEGIN_DECLS

/**
 * GstSipMessage:
 *
 * A SIP request or response: start line, header fields in order, and a
 * body of bytes.  #GstSipMessage is reference counted.
 *
 * Since: 0.1
 */
typedef struct _GstSipMessage GstSipMessage;

#define GST_TYPE_SIP_MESSAGE (gst_sip_message_get_type ())

/**
 * GST_SIP_MAX_DATAGRAM_SIZE:
 *
 * The largest message one UDP datagram can carry.
 *
 * Since: 0.1
 */
#define GST_SIP_MAX_DATAGRAM_SIZE 65507

/**
 * GST_SIP_MAX_MESSAGE_SIZE:
 *
 * The default limit on the size of one message.
 *
 * Since: 0.1
 */
#define GST_SIP_MAX_MESSAGE_SIZE 65535

GST_SIP_API
GType gst_sip_message_get_type (void);

GST_SIP_API
GstSipMessage *gst_sip_message_new_request (
    const gchar *method, const GstSipUri *request_uri);

GST_SIP_API
GstSipMessage *gst_sip_message_new_response (
    guint status_code, const gchar *reason_phrase);

GST_SIP_API
GstSipMessage *gst_sip_message_new_response_for_request (
    const GstSipMessage *request, guint status_code,
    const gchar *reason_phrase);

GST_SIP_API
GstSipMessage *gst_sip_message_new_from_bytes (
    const guint8 *data, gsize length, GError **error);

GST_SIP_API
GstSipMessage *gst_sip_message_ref (GstSipMessage *msg);

GST_SIP_API
void gst_sip_message_unref (GstSipMessage *msg);

GST_SIP_API
GstSipMessage *gst_sip_message_copy (const GstSipMessage *msg);

GST_SIP_API
GBytes *gst_sip_message_to_bytes (const GstSipMessage *msg);

GST_SIP_API
gchar *gst_sip_message_to_string (const GstSipMessage *msg);

/* start line */

GST_SIP_API
GstSipMessageType gst_sip_message_get_message_type (const GstSipMessage *msg);

GST_SIP_API
gboolean gst_sip_message_is_request (const GstSipMessage *msg);

GST_SIP_API
gboolean gst_sip_message_is_response (const GstSipMessage *msg);

GST_SIP_API
GstSipMethod gst_sip_message_get_method (const GstSipMessage *msg);

GST_SIP_API
const gchar *gst_sip_message_get_method_name (const GstSipMessage *msg);

GST_SIP_API
const GstSipUri *gst_sip_message_get_request_uri (const GstSipMessage *msg);

GST_SIP_API
void gst_sip_message_set_request_uri (GstSipMessage *msg, const GstSipUri *uri);

GST_SIP_API
const gchar *gst_sip_message_get_version (const GstSipMessage *msg);

GST_SIP_API
guint gst_sip_message_get_status_code (const GstSipMessage *msg);

GST_SIP_API
const gchar *gst_sip_message_get_reason_phrase (const GstSipMessage *msg);

GST_SIP_API
void gst_sip_message_set_status (
    GstSipMessage *msg, guint status_code, const gchar *reason_phrase);

/* generic headers */

GST_SIP_API
guint gst_sip_message_get_n_headers (const GstSipMessage *msg);

GST_SIP_API
gboolean gst_sip_message_get_nth_header (const GstSipMessage *msg, guint index,
    const gchar **name, const gchar **value);

GST_SIP_API
const gchar *gst_sip_message_get_header (
    const GstSipMessage *msg, const gchar *name);

GST_SIP_API
gchar **gst_sip_message_get_header_values (
    const GstSipMessage *msg, const gchar *name);

GST_SIP_API
guint gst_sip_message_count_headers (
    const GstSipMessage *msg, const gchar *name);

GST_SIP_API
void gst_sip_message_append_header (
    GstSipMessage *msg, const gchar *name, const gchar *value);

GST_SIP_API
void gst_sip_message_prepend_header (
    GstSipMessage *msg, const gchar *name, const gchar *value);

GST_SIP_API
void gst_sip_message_set_header (
    GstSipMessage *msg, const gchar *name, const gchar *value);

GST_SIP_API
gboolean gst_sip_message_remove_header (GstSipMessage *msg, const gchar *name);

GST_SIP_API
gchar **gst_sip_message_get_tokens (
    const GstSipMessage *msg, const gchar *name);

GST_SIP_API
gboolean gst_sip_message_has_token (
    const GstSipMessage *msg, const gchar *name, const gchar *token);

/* typed headers */

GST_SIP_API
guint gst_sip_message_get_n_vias (const GstSipMessage *msg);

GST_SIP_API
GstSipVia *gst_sip_message_get_via (const GstSipMessage *msg, guint index);

GST_SIP_API
void gst_sip_message_prepend_via (GstSipMessage *msg, const GstSipVia *via);

GST_SIP_API
void gst_sip_message_set_top_via (GstSipMessage *msg, const GstSipVia *via);

GST_SIP_API
GstSipAddress *gst_sip_message_get_from (const GstSipMessage *msg);

GST_SIP_API
void gst_sip_message_set_from (GstSipMessage *msg, const GstSipAddress *from);

GST_SIP_API
const gchar *gst_sip_message_get_from_tag (const GstSipMessage *msg);

GST_SIP_API
GstSipAddress *gst_sip_message_get_to (const GstSipMessage *msg);

GST_SIP_API
void gst_sip_message_set_to (GstSipMessage *msg, const GstSipAddress *to);

GST_SIP_API
const gchar *gst_sip_message_get_to_tag (const GstSipMessage *msg);

GST_SIP_API
void gst_sip_message_set_to_tag (GstSipMessage *msg, const gchar *tag);

GST_SIP_API
const gchar *gst_sip_message_get_call_id (const GstSipMessage *msg);

GST_SIP_API
void gst_sip_message_set_call_id (GstSipMessage *msg, const gchar *call_id);

GST_SIP_API
gboolean gst_sip_message_get_cseq (
    const GstSipMessage *msg, guint32 *seq, GstSipMethod *method);

GST_SIP_API
const gchar *gst_sip_message_get_cseq_method_name (const GstSipMessage *msg);

GST_SIP_API
void gst_sip_message_set_cseq (
    GstSipMessage *msg, guint32 seq, const gchar *method);

GST_SIP_API
gint gst_sip_message_get_max_forwards (const GstSipMessage *msg);

GST_SIP_API
void gst_sip_message_set_max_forwards (GstSipMessage *msg, guint max_forwards);

GST_SIP_API
GList *gst_sip_message_get_addresses (
    const GstSipMessage *msg, const gchar *name);

GST_SIP_API
void gst_sip_message_append_address (
    GstSipMessage *msg, const gchar *name, const GstSipAddress *address);

GST_SIP_API
gboolean gst_sip_message_get_expires (
    const GstSipMessage *msg, guint32 *expires);

GST_SIP_API
void gst_sip_message_set_expires (GstSipMessage *msg, guint32 expires);

GST_SIP_API
gboolean gst_sip_message_get_min_expires (
    const GstSipMessage *msg, guint32 *min_expires);

GST_SIP_API
gboolean gst_sip_message_get_retry_after (
    const GstSipMessage *msg, guint32 *seconds);

GST_SIP_API
gboolean gst_sip_message_get_session_expires (
    const GstSipMessage *msg, guint32 *delta, gchar **refresher);

GST_SIP_API
gboolean gst_sip_message_get_min_se (const GstSipMessage *msg, guint32 *delta);

GST_SIP_API
gchar *gst_sip_message_get_event (const GstSipMessage *msg, gchar **id);

GST_SIP_API
gchar *gst_sip_message_get_subscription_state (
    const GstSipMessage *msg, gchar **reason, gint *expires);

GST_SIP_API
GList *gst_sip_message_get_auth_headers (
    const GstSipMessage *msg, const gchar *name);

/* body */

GST_SIP_API
const gchar *gst_sip_message_get_content_type (const GstSipMessage *msg);

GST_SIP_API
gboolean gst_sip_message_has_content_type (
    const GstSipMessage *msg, const gchar *media_type);

GST_SIP_API
GBytes *gst_sip_message_get_body (const GstSipMessage *msg);

GST_SIP_API
void gst_sip_message_set_body (
    GstSipMessage *msg, const gchar *content_type, GBytes *body);

/* where a received message came from */

GST_SIP_API
GstSipTransportProtocol gst_sip_message_get_transport_protocol (
    const GstSipMessage *msg);

GST_SIP_API
GSocketAddress *gst_sip_message_get_remote_address (const GstSipMessage *msg);

GST_SIP_API
GSocketAddress *gst_sip_message_get_local_address (const GstSipMessage *msg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipMessage, gst_sip_message_unref)

G_END_DECLS

#endif /* __GST_SIP_MESSAGE_H__ */
