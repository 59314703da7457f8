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

#ifndef __GST_SIP_TEST_UTILS_H__
#define __GST_SIP_TEST_UTILS_H__

#include <sip/sip.h>

/* temporary directories: gst_sip_test_make_tmp_dir(),
 * gst_sip_test_remove_tree() */
#include "peer.h"

G_BEGIN_DECLS

typedef gboolean (*GstSipTestCondition) (gpointer user_data);

/* iterates the thread-default main context until @condition holds or
 * @timeout_ms passed; returns whether it holds */
gboolean gst_sip_test_wait (
    GstSipTestCondition condition, gpointer user_data, guint timeout_ms);

/* iterates the thread-default main context for @ms milliseconds */
void gst_sip_test_run_for (guint ms);

/* parses @format (printf-style) as a message; LF line ends become CRLF */
GstSipMessage *gst_sip_test_message_new (const gchar *format, ...)
    G_GNUC_PRINTF (1, 2);

/* a send function that keeps what the user agent sends */
typedef struct
{
  GPtrArray *sent; /* GstSipMessage, copies */
  gboolean refuse; /* act as a transport error */
} GstSipTestCapture;

GstSipTestCapture *gst_sip_test_capture_new (GstSipUserAgent *ua);
guint gst_sip_test_capture_count (
    GstSipTestCapture *capture, const gchar *method_or_code);
GstSipMessage *gst_sip_test_capture_last (GstSipTestCapture *capture);
void gst_sip_test_capture_clear (GstSipTestCapture *capture);

/* a user agent on the thread-default context with short timers */
GstSipUserAgent *gst_sip_test_user_agent_new (guint t1);

/* Throwaway TLS certificates made with the openssl program in @dir (each
 * run bounded): gst_sip_test_tls_make_ca() writes @name.pem and @name.key,
 * a self-signed authority; gst_sip_test_tls_make_cert() writes @name.crt,
 * @name.key and @name.pem (the certificate then its key), signed by the
 * authority @ca, for the subjectAltName @san (such as
 * "DNS:localhost,IP:127.0.0.1"), valid for @days days from now (-1: it
 * expired yesterday).  Both abort the test on failure; check first with
 * gst_sip_test_tls_available(). */
gboolean gst_sip_test_tls_available (void);
void gst_sip_test_tls_make_ca (const gchar *dir, const gchar *name);
void gst_sip_test_tls_make_cert (const gchar *dir, const gchar *name,
    const gchar *ca, const gchar *san, gint days, guint serial);
/* @dir/@name.pem */
gchar *gst_sip_test_tls_path (const gchar *dir, const gchar *name);

G_END_DECLS

#endif /* __GST_SIP_TEST_UTILS_H__ */
