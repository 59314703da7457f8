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

#ifndef __GST_SIP_HEADERS_PRIVATE_H__
#define __GST_SIP_HEADERS_PRIVATE_H__

#include <glib.h>

G_BEGIN_DECLS

/* Header fields the library knows by name, with their compact forms. */
typedef enum
{
  GST_SIP_HDR_OTHER = 0,
  GST_SIP_HDR_ACCEPT,
  GST_SIP_HDR_ACCEPT_CONTACT,
  GST_SIP_HDR_ACCEPT_ENCODING,
  GST_SIP_HDR_ACCEPT_LANGUAGE,
  GST_SIP_HDR_ALERT_INFO,
  GST_SIP_HDR_ALLOW,
  GST_SIP_HDR_ALLOW_EVENTS,
  GST_SIP_HDR_AUTHENTICATION_INFO,
  GST_SIP_HDR_AUTHORIZATION,
  GST_SIP_HDR_CALL_ID,
  GST_SIP_HDR_CALL_INFO,
  GST_SIP_HDR_CONTACT,
  GST_SIP_HDR_CONTENT_DISPOSITION,
  GST_SIP_HDR_CONTENT_ENCODING,
  GST_SIP_HDR_CONTENT_LANGUAGE,
  GST_SIP_HDR_CONTENT_LENGTH,
  GST_SIP_HDR_CONTENT_TYPE,
  GST_SIP_HDR_CSEQ,
  GST_SIP_HDR_DATE,
  GST_SIP_HDR_ERROR_INFO,
  GST_SIP_HDR_EVENT,
  GST_SIP_HDR_EXPIRES,
  GST_SIP_HDR_FROM,
  GST_SIP_HDR_HISTORY_INFO,
  GST_SIP_HDR_IDENTITY,
  GST_SIP_HDR_IDENTITY_INFO,
  GST_SIP_HDR_IN_REPLY_TO,
  GST_SIP_HDR_MAX_FORWARDS,
  GST_SIP_HDR_MIME_VERSION,
  GST_SIP_HDR_MIN_EXPIRES,
  GST_SIP_HDR_MIN_SE,
  GST_SIP_HDR_ORGANIZATION,
  GST_SIP_HDR_P_ASSERTED_IDENTITY,
  GST_SIP_HDR_P_PREFERRED_IDENTITY,
  GST_SIP_HDR_PATH,
  GST_SIP_HDR_PRIORITY,
  GST_SIP_HDR_PRIVACY,
  GST_SIP_HDR_PROXY_AUTHENTICATE,
  GST_SIP_HDR_PROXY_AUTHORIZATION,
  GST_SIP_HDR_PROXY_REQUIRE,
  GST_SIP_HDR_RACK,
  GST_SIP_HDR_REASON,
  GST_SIP_HDR_RECORD_ROUTE,
  GST_SIP_HDR_REFER_TO,
  GST_SIP_HDR_REFERRED_BY,
  GST_SIP_HDR_REJECT_CONTACT,
  GST_SIP_HDR_REPLACES,
  GST_SIP_HDR_REPLY_TO,
  GST_SIP_HDR_REQUEST_DISPOSITION,
  GST_SIP_HDR_REQUIRE,
  GST_SIP_HDR_RETRY_AFTER,
  GST_SIP_HDR_ROUTE,
  GST_SIP_HDR_RSEQ,
  GST_SIP_HDR_SERVER,
  GST_SIP_HDR_SERVICE_ROUTE,
  GST_SIP_HDR_SESSION_EXPIRES,
  GST_SIP_HDR_SUBJECT,
  GST_SIP_HDR_SUBSCRIPTION_STATE,
  GST_SIP_HDR_SUPPORTED,
  GST_SIP_HDR_TIMESTAMP,
  GST_SIP_HDR_TO,
  GST_SIP_HDR_UNSUPPORTED,
  GST_SIP_HDR_USER_AGENT,
  GST_SIP_HDR_VIA,
  GST_SIP_HDR_WARNING,
  GST_SIP_HDR_WWW_AUTHENTICATE,
  GST_SIP_HDR_LAST
} GstSipHeaderId;

enum
{
  GST_SIP_HDR_FLAG_LIST = 1 << 0, /* comma-separated list of values */
  GST_SIP_HDR_FLAG_SINGLE = 1 << 1, /* at most once in a message */
};

typedef struct
{
  const gchar *name;
  gchar compact;
  guint8 flags;
} GstSipHeaderInfo;

G_GNUC_INTERNAL extern const GstSipHeaderInfo
    _gst_sip_header_info[GST_SIP_HDR_LAST];

G_GNUC_INTERNAL
GstSipHeaderId _gst_sip_header_lookup (const gchar *name, gsize len);

static inline const gchar *
_gst_sip_header_canonical_name (GstSipHeaderId id)
{
  return _gst_sip_header_info[id].name;
}

G_END_DECLS

#endif /* __GST_SIP_HEADERS_PRIVATE_H__ */
