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

#ifndef __GST_SIP_DIALOG_PRIVATE_H__
#define __GST_SIP_DIALOG_PRIVATE_H__

#include "sip-message.h"

G_BEGIN_DECLS

/*
 * A dialog (RFC 3261 section 12): the state two user agents share for the
 * life of a call, and what every request inside it needs.
 */

typedef enum
{
  GST_SIP_DIALOG_EARLY,
  GST_SIP_DIALOG_CONFIRMED,
  GST_SIP_DIALOG_TERMINATED,
} GstSipDialogState;

typedef struct
{
  GstSipDialogState state;
  gchar *call_id;
  gchar *local_tag;
  gchar *remote_tag;
  GstSipAddress *local; /* our From (without tag) */
  GstSipAddress *remote; /* their To (without tag) */
  GstSipUri *remote_target; /* their Contact */
  GPtrArray *route_set; /* GstSipAddress, in order */
  guint32 local_cseq;
  guint32 remote_cseq;
  gboolean remote_cseq_set;
  gboolean secure;
  gchar *key;
} GstSipDialog;

/* 12.1.2: the dialog a UAC learns from a response (1xx with a tag, 2xx) */
G_GNUC_INTERNAL
GstSipDialog *_gst_sip_dialog_new_uac (
    GstSipMessage *request, GstSipMessage *response);

/* 12.1.1: the dialog a UAS makes with its response to @request */
G_GNUC_INTERNAL
GstSipDialog *_gst_sip_dialog_new_uas (
    GstSipMessage *request, const gchar *local_tag);

G_GNUC_INTERNAL
void _gst_sip_dialog_free (GstSipDialog *dialog);

/* the key under which a user agent files a dialog: Call-ID and both tags */
G_GNUC_INTERNAL
gchar *_gst_sip_dialog_key (
    const gchar *call_id, const gchar *local_tag, const gchar *remote_tag);

/* the key of the dialog a received request belongs to */
G_GNUC_INTERNAL
gchar *_gst_sip_dialog_key_for_request (GstSipMessage *request);

/* the key of the dialog a received response belongs to */
G_GNUC_INTERNAL
gchar *_gst_sip_dialog_key_for_response (GstSipMessage *response);

/* 12.2.1.1: a request in the dialog; @cseq 0 takes the next local one */
G_GNUC_INTERNAL
GstSipMessage *_gst_sip_dialog_create_request (
    GstSipDialog *dialog, const gchar *method, guint32 cseq);

/* 12.2.2: checks the CSeq of a request; FALSE means answer 500 */
G_GNUC_INTERNAL
gboolean _gst_sip_dialog_check_request (
    GstSipDialog *dialog, GstSipMessage *request);

/* a target refresh (re-INVITE, UPDATE, and their 2xx) changes the remote
 * target to the Contact */
G_GNUC_INTERNAL
void _gst_sip_dialog_refresh_target (GstSipDialog *dialog, GstSipMessage *msg);

/* an early dialog becomes confirmed with a 2xx: the route set is taken
 * again from it (12.1.2) */
G_GNUC_INTERNAL
void _gst_sip_dialog_confirm (GstSipDialog *dialog, GstSipMessage *response);

G_END_DECLS

#endif /* __GST_SIP_DIALOG_PRIVATE_H__ */
