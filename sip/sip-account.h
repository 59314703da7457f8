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

#ifndef __GST_SIP_ACCOUNT_H__
#define __GST_SIP_ACCOUNT_H__

#include <gio/gio.h>
#include <sip/sip-prelude.h>
#include <sip/sip-enums.h>
#include <sip/sip-user-agent.h>

G_BEGIN_DECLS

#define GST_TYPE_SIP_ACCOUNT (gst_sip_account_get_type ())

GST_SIP_API
G_DECLARE_FINAL_TYPE (GstSipAccount, gst_sip_account, GST, SIP_ACCOUNT, GObject)

GST_SIP_API
GstSipAccount *gst_sip_account_new (
    GstSipUserAgent *ua, const gchar *aor, GError **error);

GST_SIP_API
GstSipUserAgent *gst_sip_account_get_user_agent (GstSipAccount *account);

GST_SIP_API
const gchar *gst_sip_account_get_aor (GstSipAccount *account);

GST_SIP_API
void gst_sip_account_set_password (
    GstSipAccount *account, const gchar *password);

GST_SIP_API
void gst_sip_account_set_ha1 (GstSipAccount *account, const gchar *ha1);

GST_SIP_API
GstSipAccountState gst_sip_account_get_state (GstSipAccount *account);

GST_SIP_API
guint gst_sip_account_get_status_code (GstSipAccount *account);

GST_SIP_API
const gchar *gst_sip_account_get_reason (GstSipAccount *account);

GST_SIP_API
guint gst_sip_account_get_expires (GstSipAccount *account);

GST_SIP_API
const gchar *gst_sip_account_get_contact (GstSipAccount *account);

GST_SIP_API
void gst_sip_account_register_async (GstSipAccount *account,
    GCancellable *cancellable, GAsyncReadyCallback callback,
    gpointer user_data);

GST_SIP_API
guint gst_sip_account_register_finish (
    GstSipAccount *account, GAsyncResult *result, GError **error);

GST_SIP_API
void gst_sip_account_unregister_async (GstSipAccount *account,
    GCancellable *cancellable, GAsyncReadyCallback callback,
    gpointer user_data);

GST_SIP_API
guint gst_sip_account_unregister_finish (
    GstSipAccount *account, GAsyncResult *result, GError **error);

G_END_DECLS

#endif /* __GST_SIP_ACCOUNT_H__ */
