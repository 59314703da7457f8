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

#ifndef __GST_SIP_MESSAGE_PRIVATE_H__
#define __GST_SIP_MESSAGE_PRIVATE_H__

#include "sip-message.h"
#include "sip-headers-private.h"
#include "sip-via-private.h"

G_BEGIN_DECLS

/* what made a message invalid, for the reason phrase of a 400 */
typedef enum
{
  GST_SIP_FAULT_NONE,
  GST_SIP_FAULT_START_LINE, /* malformed Request-Line / Status-Line */
  GST_SIP_FAULT_REQUEST_URI, /* malformed Request-URI */
  GST_SIP_FAULT_HEADER_SYNTAX, /* a line that is not a header field */
  GST_SIP_FAULT_MALFORMED, /* a known header with a bad value */
  GST_SIP_FAULT_MISSING, /* a mandatory header is absent */
  GST_SIP_FAULT_DUPLICATE, /* a single-valued header appears twice */
  GST_SIP_FAULT_CSEQ_METHOD, /* CSeq method differs from the method */
  GST_SIP_FAULT_BODY, /* Content-Length disagrees with the body */
  GST_SIP_FAULT_TOO_LARGE, /* size or header-count limit */
} GstSipFaultKind;

typedef struct
{
  GstSipFaultKind kind;
  GstSipHeaderId header; /* the header at fault, if any */
} GstSipParseFault;

typedef struct
{
  gsize max_size; /* 0: no limit beyond the input */
  guint max_headers; /* 0: the default */
  gboolean stream; /* Content-Length is mandatory */
} GstSipParseOptions;

#define GST_SIP_DEFAULT_MAX_HEADERS 256

/* Parses one message.  Returns NULL when the start line or the header
 * syntax is broken; returns the message with @error set when only header
 * values are invalid, so that a UAS can still answer 400. */
G_GNUC_INTERNAL
GstSipMessage *_gst_sip_message_parse (const guint8 *data, gsize length,
    const GstSipParseOptions *options, GstSipParseFault *fault, GError **error);

typedef enum
{
  GST_SIP_FRAME_NEED_MORE,
  GST_SIP_FRAME_COMPLETE,
  GST_SIP_FRAME_ERROR,
} GstSipFrameResult;

/* Finds the extent of the first message in a stream buffer (RFC 3261
 * 18.3).  @skip is set to the number of leading CR/LF octets (keep-alives,
 * RFC 5626) to drop before the message; @msg_length to the length of the
 * message after them. */
G_GNUC_INTERNAL
GstSipFrameResult _gst_sip_message_frame (const guint8 *data, gsize length,
    gsize max_size, gsize *skip, gsize *msg_length, GError **error);

/* the reason phrase of a 400 for @fault */
G_GNUC_INTERNAL
gchar *_gst_sip_parse_fault_to_reason (const GstSipParseFault *fault);

G_GNUC_INTERNAL
gboolean _gst_sip_message_get_top_via_view (
    const GstSipMessage *msg, GstSipViaView *view);

G_GNUC_INTERNAL
void _gst_sip_message_set_origin (GstSipMessage *msg,
    GstSipTransportProtocol protocol, GObject *transport, GObject *connection,
    GSocketAddress *remote, GSocketAddress *local);

G_GNUC_INTERNAL
GObject *_gst_sip_message_get_transport (const GstSipMessage *msg);

G_GNUC_INTERNAL
GObject *_gst_sip_message_get_connection (const GstSipMessage *msg);

/* When the kernel queued a received message, in g_get_real_time() units
 * (the UDP transport reads it with each datagram); 0 when unknown. */
G_GNUC_INTERNAL
void _gst_sip_message_set_arrival (GstSipMessage *msg, gint64 arrival);

G_GNUC_INTERNAL
gint64 _gst_sip_message_get_arrival (const GstSipMessage *msg);

G_GNUC_INTERNAL
gsize _gst_sip_message_get_body_size (const GstSipMessage *msg);

G_END_DECLS

#endif /* __GST_SIP_MESSAGE_PRIVATE_H__ */
