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

#include "sip-dialog-private.h"

static GstSipAddress *
without_tag (GstSipAddress *address)
{
  if (address)
    gst_sip_address_remove_param (address, "tag");
  return address;
}

static GstSipUri *
contact_of (GstSipMessage *msg)
{
  GList *contacts = gst_sip_message_get_addresses (msg, "Contact");
  GstSipUri *uri = NULL;

  if (contacts && gst_sip_address_get_uri (contacts->data))
    uri = gst_sip_uri_copy (gst_sip_address_get_uri (contacts->data));
  g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);
  return uri;
}

static GPtrArray *
record_routes (GstSipMessage *msg, gboolean reverse)
{
  GList *routes = gst_sip_message_get_addresses (msg, "Record-Route"), *l;
  GPtrArray *set =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gst_sip_address_free);

  if (reverse)
    routes = g_list_reverse (routes);
  for (l = routes; l; l = l->next)
    g_ptr_array_add (set, l->data);
  g_list_free (routes);
  return set;
}

gchar *
_gst_sip_dialog_key (
    const gchar *call_id, const gchar *local_tag, const gchar *remote_tag)
{
  return g_strconcat (call_id ? call_id : "", "\n", local_tag ? local_tag : "",
      "\n", remote_tag ? remote_tag : "", NULL);
}

gchar *
_gst_sip_dialog_key_for_request (GstSipMessage *request)
{
  /* we are the UAS of the request: its To tag is ours */
  return _gst_sip_dialog_key (gst_sip_message_get_call_id (request),
      gst_sip_message_get_to_tag (request),
      gst_sip_message_get_from_tag (request));
}

gchar *
_gst_sip_dialog_key_for_response (GstSipMessage *response)
{
  return _gst_sip_dialog_key (gst_sip_message_get_call_id (response),
      gst_sip_message_get_from_tag (response),
      gst_sip_message_get_to_tag (response));
}

GstSipDialog *
_gst_sip_dialog_new_uac (GstSipMessage *request, GstSipMessage *response)
{
  GstSipDialog *dialog = g_new0 (GstSipDialog, 1);
  const GstSipUri *ruri = gst_sip_message_get_request_uri (request);

  dialog->state =
      GST_SIP_STATUS_IS_SUCCESS (gst_sip_message_get_status_code (response))
      ? GST_SIP_DIALOG_CONFIRMED
      : GST_SIP_DIALOG_EARLY;
  dialog->call_id = g_strdup (gst_sip_message_get_call_id (request));
  dialog->local_tag = g_strdup (gst_sip_message_get_from_tag (request));
  dialog->remote_tag = g_strdup (gst_sip_message_get_to_tag (response));
  dialog->local = without_tag (gst_sip_message_get_from (request));
  dialog->remote = without_tag (gst_sip_message_get_to (response));
  dialog->remote_target = contact_of (response);
  if (!dialog->remote_target)
    dialog->remote_target = gst_sip_uri_copy (ruri);
  dialog->route_set = record_routes (response, TRUE);
  gst_sip_message_get_cseq (request, &dialog->local_cseq, NULL);
  dialog->secure = gst_sip_uri_is_secure (ruri);
  dialog->key = _gst_sip_dialog_key (
      dialog->call_id, dialog->local_tag, dialog->remote_tag);

  return dialog;
}

GstSipDialog *
_gst_sip_dialog_new_uas (GstSipMessage *request, const gchar *local_tag)
{
  GstSipDialog *dialog = g_new0 (GstSipDialog, 1);

  dialog->state = GST_SIP_DIALOG_EARLY;
  dialog->call_id = g_strdup (gst_sip_message_get_call_id (request));
  dialog->local_tag = g_strdup (local_tag);
  dialog->remote_tag = g_strdup (gst_sip_message_get_from_tag (request));
  dialog->local = without_tag (gst_sip_message_get_to (request));
  dialog->remote = without_tag (gst_sip_message_get_from (request));
  dialog->remote_target = contact_of (request);
  if (!dialog->remote_target)
    dialog->remote_target =
        gst_sip_uri_copy (gst_sip_address_get_uri (dialog->remote));
  dialog->route_set = record_routes (request, FALSE);
  gst_sip_message_get_cseq (request, &dialog->remote_cseq, NULL);
  dialog->remote_cseq_set = TRUE;
  /* our own sequence starts anywhere: somewhere a replay cannot guess */
  dialog->local_cseq = g_random_int_range (1, 1 << 16);
  dialog->secure =
      gst_sip_uri_is_secure (gst_sip_message_get_request_uri (request));
  dialog->key = _gst_sip_dialog_key (
      dialog->call_id, dialog->local_tag, dialog->remote_tag);

  return dialog;
}

void
_gst_sip_dialog_free (GstSipDialog *dialog)
{
  if (!dialog)
    return;
  g_free (dialog->call_id);
  g_free (dialog->local_tag);
  g_free (dialog->remote_tag);
  gst_sip_address_free (dialog->local);
  gst_sip_address_free (dialog->remote);
  gst_sip_uri_free (dialog->remote_target);
  g_ptr_array_unref (dialog->route_set);
  g_free (dialog->key);
  g_free (dialog);
}

GstSipMessage *
_gst_sip_dialog_create_request (
    GstSipDialog *dialog, const gchar *method, guint32 cseq)
{
  GstSipMessage *request;
  GstSipAddress *address;
  gboolean strict = dialog->route_set->len > 0 &&
      !gst_sip_uri_has_param (
          gst_sip_address_get_uri (g_ptr_array_index (dialog->route_set, 0)),
          "lr");
  guint i;

  /* a strict router becomes the Request-URI, and the remote target the
   * last Route (12.2.1.1) */
  request = gst_sip_message_new_request (method,
      strict
          ? gst_sip_address_get_uri (g_ptr_array_index (dialog->route_set, 0))
          : dialog->remote_target);
  for (i = strict ? 1 : 0; i < dialog->route_set->len; i++)
    gst_sip_message_append_address (
        request, "Route", g_ptr_array_index (dialog->route_set, i));
  if (strict) {
    GstSipAddress *target = gst_sip_address_new (dialog->remote_target, NULL);

    gst_sip_message_append_address (request, "Route", target);
    gst_sip_address_free (target);
  }

  gst_sip_message_set_max_forwards (request, 70);
  address = gst_sip_address_copy (dialog->remote);
  gst_sip_address_set_tag (address, dialog->remote_tag);
  gst_sip_message_set_to (request, address);
  gst_sip_address_free (address);
  address = gst_sip_address_copy (dialog->local);
  gst_sip_address_set_tag (address, dialog->local_tag);
  gst_sip_message_set_from (request, address);
  gst_sip_address_free (address);
  gst_sip_message_set_call_id (request, dialog->call_id);
  gst_sip_message_set_cseq (
      request, cseq ? cseq : ++dialog->local_cseq, method);

  return request;
}

gboolean
_gst_sip_dialog_check_request (GstSipDialog *dialog, GstSipMessage *request)
{
  guint32 cseq;
  GstSipMethod method;

  if (!gst_sip_message_get_cseq (request, &cseq, &method))
    return FALSE;
  /* ACK and CANCEL repeat the CSeq of their INVITE */
  if (method == GST_SIP_METHOD_ACK || method == GST_SIP_METHOD_CANCEL)
    return TRUE;
  if (dialog->remote_cseq_set && cseq <= dialog->remote_cseq)
    return FALSE;
  dialog->remote_cseq = cseq;
  dialog->remote_cseq_set = TRUE;
  return TRUE;
}

void
_gst_sip_dialog_refresh_target (GstSipDialog *dialog, GstSipMessage *msg)
{
  GstSipUri *contact = contact_of (msg);

  if (contact) {
    gst_sip_uri_free (dialog->remote_target);
    dialog->remote_target = contact;
  }
}

void
_gst_sip_dialog_confirm (GstSipDialog *dialog, GstSipMessage *response)
{
  if (dialog->state == GST_SIP_DIALOG_EARLY &&
      gst_sip_message_is_response (response)) {
    g_ptr_array_unref (dialog->route_set);
    dialog->route_set = record_routes (response, TRUE);
  }
  _gst_sip_dialog_refresh_target (dialog, response);
  dialog->state = GST_SIP_DIALOG_CONFIRMED;
}
