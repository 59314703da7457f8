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

#include "sip-enums.h"

GQuark
gst_sip_error_quark (void)
{
  return g_quark_from_static_string ("gst-sip-error-quark");
}

static const struct
{
  guint code;
  const gchar *phrase;
} status_phrases[] = {
  { 100, "Trying" },
  { 180, "Ringing" },
  { 181, "Call Is Being Forwarded" },
  { 182, "Queued" },
  { 183, "Session Progress" },
  { 199, "Early Dialog Terminated" },
  { 200, "OK" },
  { 202, "Accepted" },
  { 204, "No Notification" },
  { 300, "Multiple Choices" },
  { 301, "Moved Permanently" },
  { 302, "Moved Temporarily" },
  { 305, "Use Proxy" },
  { 380, "Alternative Service" },
  { 400, "Bad Request" },
  { 401, "Unauthorized" },
  { 402, "Payment Required" },
  { 403, "Forbidden" },
  { 404, "Not Found" },
  { 405, "Method Not Allowed" },
  { 406, "Not Acceptable" },
  { 407, "Proxy Authentication Required" },
  { 408, "Request Timeout" },
  { 410, "Gone" },
  { 412, "Conditional Request Failed" },
  { 413, "Request Entity Too Large" },
  { 414, "Request-URI Too Long" },
  { 415, "Unsupported Media Type" },
  { 416, "Unsupported URI Scheme" },
  { 417, "Unknown Resource-Priority" },
  { 420, "Bad Extension" },
  { 421, "Extension Required" },
  { 422, "Session Interval Too Small" },
  { 423, "Interval Too Brief" },
  { 424, "Bad Location Information" },
  { 428, "Use Identity Header" },
  { 429, "Provide Referrer Identity" },
  { 430, "Flow Failed" },
  { 433, "Anonymity Disallowed" },
  { 436, "Bad Identity-Info" },
  { 437, "Unsupported Certificate" },
  { 438, "Invalid Identity Header" },
  { 439, "First Hop Lacks Outbound Support" },
  { 440, "Max-Breadth Exceeded" },
  { 469, "Bad Info Package" },
  { 470, "Consent Needed" },
  { 480, "Temporarily Unavailable" },
  { 481, "Call/Transaction Does Not Exist" },
  { 482, "Loop Detected" },
  { 483, "Too Many Hops" },
  { 484, "Address Incomplete" },
  { 485, "Ambiguous" },
  { 486, "Busy Here" },
  { 487, "Request Terminated" },
  { 488, "Not Acceptable Here" },
  { 489, "Bad Event" },
  { 491, "Request Pending" },
  { 493, "Undecipherable" },
  { 494, "Security Agreement Required" },
  { 500, "Server Internal Error" },
  { 501, "Not Implemented" },
  { 502, "Bad Gateway" },
  { 503, "Service Unavailable" },
  { 504, "Server Time-out" },
  { 505, "Version Not Supported" },
  { 513, "Message Too Large" },
  { 580, "Precondition Failure" },
  { 600, "Busy Everywhere" },
  { 603, "Decline" },
  { 604, "Does Not Exist Anywhere" },
  { 606, "Not Acceptable" },
  { 607, "Unwanted" },
  { 608, "Rejected" },
};

/**
 * gst_sip_status_get_phrase:
 * @code: a status code
 *
 * Returns: the registered reason phrase for @code, or a generic phrase for
 *   its class (RFC 3261 section 21) when @code is not registered.  Reason
 *   phrases go on the wire and are never translated.
 *
 * Since: 0.1
 */
const gchar *
gst_sip_status_get_phrase (guint code)
{
  static const gchar *const class_phrases[] = { "Unknown", "Provisional",
    "Success", "Redirection", "Client Error", "Server Error",
    "Global Failure" };
  guint lo = 0, hi = G_N_ELEMENTS (status_phrases);

  while (lo < hi) {
    guint mid = (lo + hi) / 2;

    if (status_phrases[mid].code == code)
      return status_phrases[mid].phrase;
    if (status_phrases[mid].code < code)
      lo = mid + 1;
    else
      hi = mid;
  }

  if (code >= 100 && code <= 699)
    return class_phrases[code / 100];
  return class_phrases[0];
}

static const gchar *const method_names[] = {
  [GST_SIP_METHOD_UNKNOWN] = NULL,
  [GST_SIP_METHOD_INVITE] = "INVITE",
  [GST_SIP_METHOD_ACK] = "ACK",
  [GST_SIP_METHOD_BYE] = "BYE",
  [GST_SIP_METHOD_CANCEL] = "CANCEL",
  [GST_SIP_METHOD_REGISTER] = "REGISTER",
  [GST_SIP_METHOD_OPTIONS] = "OPTIONS",
  [GST_SIP_METHOD_INFO] = "INFO",
  [GST_SIP_METHOD_PRACK] = "PRACK",
  [GST_SIP_METHOD_UPDATE] = "UPDATE",
  [GST_SIP_METHOD_SUBSCRIBE] = "SUBSCRIBE",
  [GST_SIP_METHOD_NOTIFY] = "NOTIFY",
  [GST_SIP_METHOD_REFER] = "REFER",
  [GST_SIP_METHOD_MESSAGE] = "MESSAGE",
  [GST_SIP_METHOD_PUBLISH] = "PUBLISH",
};

/**
 * gst_sip_method_to_string:
 * @method: a #GstSipMethod
 *
 * Returns: (nullable): the method name, or %NULL for
 *   %GST_SIP_METHOD_UNKNOWN
 *
 * Since: 0.1
 */
const gchar *
gst_sip_method_to_string (GstSipMethod method)
{
  g_return_val_if_fail (method <= GST_SIP_METHOD_PUBLISH, NULL);
  return method_names[method];
}

/**
 * gst_sip_method_from_string:
 * @name: a method name; method names are case-sensitive
 *
 * Returns: the #GstSipMethod, or %GST_SIP_METHOD_UNKNOWN for extension
 *   methods
 *
 * Since: 0.1
 */
GstSipMethod
gst_sip_method_from_string (const gchar *name)
{
  guint i;

  g_return_val_if_fail (name != NULL, GST_SIP_METHOD_UNKNOWN);

  for (i = 1; i < G_N_ELEMENTS (method_names); i++) {
    if (strcmp (method_names[i], name) == 0)
      return i;
  }
  return GST_SIP_METHOD_UNKNOWN;
}

static const gchar *const protocol_names[] = {
  [GST_SIP_TRANSPORT_PROTOCOL_UDP] = "UDP",
  [GST_SIP_TRANSPORT_PROTOCOL_TCP] = "TCP",
  [GST_SIP_TRANSPORT_PROTOCOL_TLS] = "TLS",
  [GST_SIP_TRANSPORT_PROTOCOL_WS] = "WS",
  [GST_SIP_TRANSPORT_PROTOCOL_WSS] = "WSS",
};

/**
 * gst_sip_transport_protocol_to_string:
 * @protocol: a #GstSipTransportProtocol
 *
 * Returns: the name used in Via headers, such as `UDP`
 *
 * Since: 0.1
 */
const gchar *
gst_sip_transport_protocol_to_string (GstSipTransportProtocol protocol)
{
  g_return_val_if_fail (protocol <= GST_SIP_TRANSPORT_PROTOCOL_WSS, NULL);
  return protocol_names[protocol];
}

/**
 * gst_sip_transport_protocol_from_string:
 * @name: a transport name, compared case-insensitively (`udp`, `TCP`, ...)
 * @protocol: (out): the protocol
 *
 * Returns: %TRUE if @name is a known transport
 *
 * Since: 0.1
 */
gboolean
gst_sip_transport_protocol_from_string (
    const gchar *name, GstSipTransportProtocol *protocol)
{
  guint i;

  g_return_val_if_fail (name != NULL, FALSE);

  for (i = 0; i < G_N_ELEMENTS (protocol_names); i++) {
    if (g_ascii_strcasecmp (protocol_names[i], name) == 0) {
      if (protocol)
        *protocol = i;
      return TRUE;
    }
  }
  return FALSE;
}

/**
 * gst_sip_transport_protocol_is_reliable:
 * @protocol: a #GstSipTransportProtocol
 *
 * Returns: %TRUE for transports that deliver reliably (everything but UDP),
 *   which turns off retransmissions (RFC 3261 section 17)
 *
 * Since: 0.1
 */
gboolean
gst_sip_transport_protocol_is_reliable (GstSipTransportProtocol protocol)
{
  return protocol != GST_SIP_TRANSPORT_PROTOCOL_UDP;
}
