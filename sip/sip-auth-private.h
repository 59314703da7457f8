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

#ifndef __GST_SIP_AUTH_PRIVATE_H__
#define __GST_SIP_AUTH_PRIVATE_H__

#include "sip-auth.h"
#include "sip-message.h"
#include "sip-digest-private.h"

G_BEGIN_DECLS

typedef struct _GstSipUserAgent GstSipUserAgent;

/* called when an application answers a GstSipAuth later, from
 * gst_sip_auth_authenticate() or gst_sip_auth_cancel() */
typedef void (*GstSipAuthReadyFunc) (GstSipAuth *auth, gpointer user_data);

G_GNUC_INTERNAL
GstSipAuth *_gst_sip_auth_new (
    const GstSipAuthHeader *challenge, gboolean proxy, GObject *owner);

G_GNUC_INTERNAL
void _gst_sip_auth_set_ready_func (
    GstSipAuth *auth, GstSipAuthReadyFunc func, gpointer user_data);

G_GNUC_INTERNAL
gboolean _gst_sip_auth_is_cancelled (GstSipAuth *auth);


/* The credentials an account brings.  The secrets are never logged and are
 * wiped when freed. */
typedef struct
{
  gchar *username;
  gchar *password;
  gchar *ha1; /* H(A1) in hex: MD5 (32) or SHA-256 (64) */
  gchar *realm; /* NULL: bound to the first realm asking */
  gboolean any_realm; /* also answer other realms */
} GstSipCredentials;

G_GNUC_INTERNAL
void _gst_sip_credentials_clear (GstSipCredentials *credentials);

G_GNUC_INTERNAL
void _gst_sip_credentials_copy (
    GstSipCredentials *dest, const GstSipCredentials *src);

/* The digest state of one requester (an account, a call): the challenges it
 * met, by realm, with their nonce counts. */
typedef struct
{
  GPtrArray *auths; /* GstSipAuth */
  GstSipCredentials credentials;
  GObject *owner; /* the account or call, for the signal */
  guint attempts; /* challenged attempts of this request */
} GstSipAuthSession;

G_GNUC_INTERNAL
void _gst_sip_auth_session_init (GstSipAuthSession *session, GObject *owner);

G_GNUC_INTERNAL
void _gst_sip_auth_session_clear (GstSipAuthSession *session);

/* the object named as GstSipAuth:owner, or NULL */
G_GNUC_INTERNAL
void _gst_sip_auth_session_set_owner (
    GstSipAuthSession *session, GObject *owner);

/* adds credentials for every realm already met, with the next nonce count
 * (registrars expect them on refreshes) */
G_GNUC_INTERNAL
void _gst_sip_auth_session_authorize (
    GstSipAuthSession *session, GstSipMessage *request);

/* the request got a final response that is not a challenge */
G_GNUC_INTERNAL
void _gst_sip_auth_session_done (GstSipAuthSession *session);

typedef enum
{
  GST_SIP_AUTH_OUTCOME_RETRY, /* send the request again, authorized */
  GST_SIP_AUTH_OUTCOME_PENDING, /* an application will answer; wait */
  GST_SIP_AUTH_OUTCOME_FAILED, /* give up: the error says why */
} GstSipAuthOutcome;

/* Answers the challenges of a 401 or 407 @response to @request.  On RETRY
 * call _gst_sip_auth_session_authorize() on the next request.  On PENDING,
 * @ready is called once the application answered; call this function again
 * then. */
G_GNUC_INTERNAL
GstSipAuthOutcome _gst_sip_auth_session_handle_challenge (
    GstSipAuthSession *session, GstSipUserAgent *ua, GstSipMessage *request,
    GstSipMessage *response, GstSipAuthReadyFunc ready, gpointer user_data,
    GError **error);

G_END_DECLS

#endif /* __GST_SIP_AUTH_PRIVATE_H__ */
