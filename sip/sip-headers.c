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

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "sip-headers-private.h"

const GstSipHeaderInfo _gst_sip_header_info[GST_SIP_HDR_LAST] = {
  [GST_SIP_HDR_OTHER] = { NULL, 0, 0 },
  [GST_SIP_HDR_ACCEPT] = { "Accept", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_ACCEPT_CONTACT] = { "Accept-Contact", 'a',
      GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_ACCEPT_ENCODING] = { "Accept-Encoding", 0,
      GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_ACCEPT_LANGUAGE] = { "Accept-Language", 0,
      GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_ALERT_INFO] = { "Alert-Info", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_ALLOW] = { "Allow", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_ALLOW_EVENTS] = { "Allow-Events", 'u', GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_AUTHENTICATION_INFO] = { "Authentication-Info", 0, 0 },
  [GST_SIP_HDR_AUTHORIZATION] = { "Authorization", 0, 0 },
  [GST_SIP_HDR_CALL_ID] = { "Call-ID", 'i', GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_CALL_INFO] = { "Call-Info", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_CONTACT] = { "Contact", 'm', GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_CONTENT_DISPOSITION] = { "Content-Disposition", 0,
      GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_CONTENT_ENCODING] = { "Content-Encoding", 'e',
      GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_CONTENT_LANGUAGE] = { "Content-Language", 0,
      GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_CONTENT_LENGTH] = { "Content-Length", 'l',
      GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_CONTENT_TYPE] = { "Content-Type", 'c', GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_CSEQ] = { "CSeq", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_DATE] = { "Date", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_ERROR_INFO] = { "Error-Info", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_EVENT] = { "Event", 'o', GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_EXPIRES] = { "Expires", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_FROM] = { "From", 'f', GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_HISTORY_INFO] = { "History-Info", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_IDENTITY] = { "Identity", 'y', 0 },
  [GST_SIP_HDR_IDENTITY_INFO] = { "Identity-Info", 'n', 0 },
  [GST_SIP_HDR_IN_REPLY_TO] = { "In-Reply-To", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_MAX_FORWARDS] = { "Max-Forwards", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_MIME_VERSION] = { "MIME-Version", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_MIN_EXPIRES] = { "Min-Expires", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_MIN_SE] = { "Min-SE", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_ORGANIZATION] = { "Organization", 0, 0 },
  [GST_SIP_HDR_P_ASSERTED_IDENTITY] = { "P-Asserted-Identity", 0,
      GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_P_PREFERRED_IDENTITY] = { "P-Preferred-Identity", 0,
      GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_PATH] = { "Path", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_PRIORITY] = { "Priority", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_PRIVACY] = { "Privacy", 0, 0 },
  [GST_SIP_HDR_PROXY_AUTHENTICATE] = { "Proxy-Authenticate", 0, 0 },
  [GST_SIP_HDR_PROXY_AUTHORIZATION] = { "Proxy-Authorization", 0, 0 },
  [GST_SIP_HDR_PROXY_REQUIRE] = { "Proxy-Require", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_RACK] = { "RAck", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_REASON] = { "Reason", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_RECORD_ROUTE] = { "Record-Route", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_REFER_TO] = { "Refer-To", 'r', GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_REFERRED_BY] = { "Referred-By", 'b', GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_REJECT_CONTACT] = { "Reject-Contact", 'j',
      GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_REPLACES] = { "Replaces", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_REPLY_TO] = { "Reply-To", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_REQUEST_DISPOSITION] = { "Request-Disposition", 'd',
      GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_REQUIRE] = { "Require", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_RETRY_AFTER] = { "Retry-After", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_ROUTE] = { "Route", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_RSEQ] = { "RSeq", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_SERVER] = { "Server", 0, 0 },
  [GST_SIP_HDR_SERVICE_ROUTE] = { "Service-Route", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_SESSION_EXPIRES] = { "Session-Expires", 'x',
      GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_SUBJECT] = { "Subject", 's', 0 },
  [GST_SIP_HDR_SUBSCRIPTION_STATE] = { "Subscription-State", 0,
      GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_SUPPORTED] = { "Supported", 'k', GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_TIMESTAMP] = { "Timestamp", 0, GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_TO] = { "To", 't', GST_SIP_HDR_FLAG_SINGLE },
  [GST_SIP_HDR_UNSUPPORTED] = { "Unsupported", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_USER_AGENT] = { "User-Agent", 0, 0 },
  [GST_SIP_HDR_VIA] = { "Via", 'v', GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_WARNING] = { "Warning", 0, GST_SIP_HDR_FLAG_LIST },
  [GST_SIP_HDR_WWW_AUTHENTICATE] = { "WWW-Authenticate", 0, 0 },
};

/* the compact forms of RFC 3261 7.3.3 and the IANA registry, by letter */
static GstSipHeaderId compact_ids[26];

/* buckets of known headers by name length and lower-case first letter */
#define MAX_NAME_LEN 24
static guint8 buckets[MAX_NAME_LEN + 1][26][4];

static gpointer
build_index (gpointer data)
{
  guint id;

  for (id = 1; id < GST_SIP_HDR_LAST; id++) {
    const GstSipHeaderInfo *info = &_gst_sip_header_info[id];
    gsize len = strlen (info->name);
    guint letter = g_ascii_tolower (info->name[0]) - 'a';
    guint i;

    g_assert (len <= MAX_NAME_LEN && letter < 26);
    for (i = 0; i < G_N_ELEMENTS (buckets[0][0]); i++) {
      if (buckets[len][letter][i] == 0) {
        buckets[len][letter][i] = id;
        break;
      }
    }
    g_assert (i < G_N_ELEMENTS (buckets[0][0]));

    if (info->compact)
      compact_ids[info->compact - 'a'] = id;
  }

  return NULL;
}

GstSipHeaderId
_gst_sip_header_lookup (const gchar *name, gsize len)
{
  static GOnce once = G_ONCE_INIT;
  guint letter, i;

  g_once (&once, build_index, NULL);

  if (len == 0 || len > MAX_NAME_LEN || !g_ascii_isalpha (name[0]))
    return GST_SIP_HDR_OTHER;

  letter = g_ascii_tolower (name[0]) - 'a';
  if (len == 1)
    return compact_ids[letter];

  for (i = 0; i < G_N_ELEMENTS (buckets[0][0]); i++) {
    guint id = buckets[len][letter][i];

    if (id == 0)
      break;
    if (g_ascii_strncasecmp (_gst_sip_header_info[id].name, name, len) == 0)
      return id;
  }

  return GST_SIP_HDR_OTHER;
}
