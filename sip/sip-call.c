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

/**
 * SECTION:sip-call
 * @title: GstSipCall
 * @short_description: one INVITE dialog with SDP offer/answer
 *
 * A #GstSipCall is one call in either direction.  An outgoing call is
 * created with gst_sip_call_new() and placed with gst_sip_call_dial_async():
 * the INVITE carries an SDP offer from the call's #GstSipSdpNegotiator, or
 * none with #GstSipCall:late-offer (then the offer comes in the 2xx and the
 * answer goes in the ACK).  Provisional responses move the call to
 * #GST_SIP_CALL_STATE_PROCEEDING, #GST_SIP_CALL_STATE_RINGING or
 * #GST_SIP_CALL_STATE_EARLY (early dialogs, early media); every 2xx is
 * acknowledged, also retransmitted ones; a 2xx of a second fork is
 * acknowledged and hung up; 3xx responses are followed; 401 and 407 are
 * answered with the account's credentials; 422 raises the session interval;
 * other final responses end the call with their status and reason.
 *
 * An incoming call arrives with #GstSipUserAgent::incoming-call, is
 * answered with gst_sip_call_ring(), gst_sip_call_answer() or
 * gst_sip_call_reject(), and ends with 487 when the caller cancels.  The
 * 2xx is retransmitted until the ACK arrives and the call is hung up when
 * it never does (RFC 3261 13.3.1.4).
 *
 * In the dialog: re-INVITE and UPDATE both ways (hold and resume with
 * gst_sip_call_hold_async(), new media with
 * gst_sip_call_renegotiate_async()), 491 on glare with the RFC 3261 back-off,
 * session timers (RFC 4028), reliable provisional responses and PRACK (RFC
 * 3262), DTMF by INFO (application/dtmf-relay), MESSAGE, OPTIONS and INFO
 * with gst_sip_call_send_request_async(), and blind transfer as the
 * transferee (REFER and NOTIFY, RFC 3515).
 *
 * Every end leaves #GstSipCall:status-code and #GstSipCall:reason set.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-call-private.h"
#include "sip-dialog-private.h"
#include "sip-sdp-negotiator-private.h"
#include "sip-user-agent-private.h"
#include "sip-auth-private.h"
#include "sip-task-private.h"
#include "sip-account-private.h"
#include "sip-enumtypes.h"

GST_DEBUG_CATEGORY_STATIC (sip_call_debug);
#define GST_CAT_DEFAULT sip_call_debug

#define DEFAULT_SESSION_EXPIRES 1800
#define DEFAULT_MIN_SE 90
#define DEFAULT_INVITE_TIMEOUT 180
#define MAX_REDIRECTS 5

struct _GstSipCall
{
  GObject parent;

  GstSipUserAgent *ua;
  GstSipAccount *account;
  GstSipSdpNegotiator *negotiator;
  GstSipCallDirection direction;
  GstSipCallState state;
  guint status_code;
  gchar *reason;
  gchar *remote_uri;
  gchar *local_uri;
  gchar *call_id;
  gchar *local_tag;

  /* configuration */
  gboolean late_offer;
  guint session_expires;
  guint min_se;
  gboolean reliable_provisional;
  guint invite_timeout;

  GstSipAuthSession auth;
  GstSipDialog *dialog; /* the dialog of the call */
  GPtrArray *early; /* caller: early dialogs, by To tag */

  /* caller */
  GstSipMessage *invite;
  GstSipClientTransaction *invite_tx;
  GList *dial_tasks;
  gboolean hangup_requested;
  gboolean timer_c_expired;
  guint n_redirects;
  guint32 last_rseq;
  GstSipMessage *ack;
  GstSipTimer timer_c;

  /* callee */
  GstSipServerTransaction *invite_stx;
  GstSipMessage *remote_invite;
  gboolean offer_in_invite;
  GstSDPMessage *remote_offer; /* the INVITE's offer, until answered */
  gboolean peer_supports_100rel;
  guint32 rseq;
  GstSipMessage *reliable; /* a reliable provisional awaiting PRACK */
  GstSipTimer reliable_timer;
  guint reliable_interval;
  guint reliable_elapsed;

  /* the 2xx to an INVITE we answered, until its ACK (13.3.1.4) */
  GstSipServerTransaction *ok_stx;
  GstSipMessage *ok;
  GstSipTimer ok_timer;
  guint ok_interval;
  guint ok_elapsed;
  guint32 ok_cseq;
  gboolean ok_has_offer;

  /* a re-INVITE or UPDATE we sent */
  gboolean reoffer_pending;
  gboolean reoffer_is_update;
  GstSipMediaDirection reoffer_direction;
  GList *reoffer_tasks;
  /* offers the application asked for while another exchange was under way:
   * QueuedOffer, started one by one when the dialog is free again */
  GQueue queued_offers;
  GstSipTimer glare_timer;
  gboolean glare_use_update;
  GstSipMediaDirection previous_direction;
  /* the answer of a provisional response that we refused, which withdrew
   * our offer: no 2xx can complete the exchange any more */
  GError *early_answer_error;

  /* session timer (RFC 4028) */
  guint session_interval;
  gboolean we_refresh;
  GstSipTimer session_timer;
  gboolean peer_allows_update;
};

enum
{
  PROP_0,
  PROP_USER_AGENT,
  PROP_ACCOUNT,
  PROP_NEGOTIATOR,
  PROP_DIRECTION,
  PROP_STATE,
  PROP_STATUS_CODE,
  PROP_REASON,
  PROP_REMOTE_URI,
  PROP_LOCAL_URI,
  PROP_CALL_ID,
  PROP_LOCAL_DESCRIPTION,
  PROP_REMOTE_DESCRIPTION,
  PROP_LATE_OFFER,
  PROP_SESSION_EXPIRES,
  PROP_MIN_SE,
  PROP_RELIABLE_PROVISIONAL,
  PROP_INVITE_TIMEOUT,
  N_PROPS
};

enum
{
  SIGNAL_DTMF_RECEIVED,
  SIGNAL_MESSAGE_RECEIVED,
  SIGNAL_INFO_RECEIVED,
  SIGNAL_TRANSFER_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_CODE (GstSipCall, gst_sip_call, G_TYPE_OBJECT,
    GST_DEBUG_CATEGORY_INIT (sip_call_debug, "sipcall", 0, "SIP calls"));

static void end_call (
    GstSipCall *call, guint code, const gchar *reason, const GError *error);
static void send_bye (GstSipCall *call, const gchar *reason);
static void run_queued_offer (GstSipCall *call);
static void start_session_timer (
    GstSipCall *call, GstSipMessage *msg, gboolean uac);

/* @text (transfer full) in a block of its own size: strings built in a
 * GString keep its spare room, and a call keeps these as long as it
 * lasts */
static gchar *
compact_string (gchar *text)
{
  return g_realloc (text, strlen (text) + 1);
}

/* ---------------------------------------------------------------------- */
/* state */

static GstSipTimerQueue *
timers (GstSipCall *call)
{
  return _gst_sip_user_agent_get_timers (call->ua);
}

static guint
t1 (GstSipCall *call)
{
  guint a, b, c;

  _gst_sip_user_agent_get_timer_values (call->ua, &a, &b, &c);
  return a;
}

static guint
t2 (GstSipCall *call)
{
  guint a, b, c;

  _gst_sip_user_agent_get_timer_values (call->ua, &a, &b, &c);
  return b;
}

static void
set_state (GstSipCall *call, GstSipCallState state)
{
  if (call->state == state)
    return;
  GST_INFO ("call %s: %d -> %d", call->call_id ? call->call_id : "(new)",
      call->state, state);
  call->state = state;
  g_object_notify_by_pspec (G_OBJECT (call), properties[PROP_STATE]);
}

static void
set_status (GstSipCall *call, guint code, const gchar *reason)
{
  if (call->status_code != code) {
    call->status_code = code;
    g_object_notify_by_pspec (G_OBJECT (call), properties[PROP_STATUS_CODE]);
  }
  if (g_strcmp0 (call->reason, reason) != 0) {
    g_free (call->reason);
    call->reason = g_strdup (reason);
    g_object_notify_by_pspec (G_OBJECT (call), properties[PROP_REASON]);
  }
}

typedef struct
{
  GTask *task;
  gboolean use_update;
  gint direction; /* a GstSipMediaDirection, or -1 to keep it */
} QueuedOffer;

static void
fail_queued_offers (GstSipCall *call, const GError *error)
{
  QueuedOffer *q;

  while ((q = g_queue_pop_head (&call->queued_offers))) {
    _gst_sip_task_unwatch (q->task);
    g_task_return_error (q->task, g_error_copy (error));
    g_object_unref (q->task);
    g_free (q);
  }
}

static void
add_dialog_key (GstSipCall *call, GstSipDialog *dialog)
{
  _gst_sip_user_agent_add_dialog (call->ua, dialog->key, call);
}

static void
remove_dialog_key (GstSipCall *call, GstSipDialog *dialog)
{
  if (dialog)
    _gst_sip_user_agent_remove_dialog (call->ua, dialog->key, call);
}

static void
stop_timers (GstSipCall *call)
{
  GstSipTimerQueue *q = timers (call);

  _gst_sip_timer_queue_cancel (q, &call->timer_c);
  _gst_sip_timer_queue_cancel (q, &call->reliable_timer);
  _gst_sip_timer_queue_cancel (q, &call->ok_timer);
  _gst_sip_timer_queue_cancel (q, &call->glare_timer);
  _gst_sip_timer_queue_cancel (q, &call->session_timer);
}

static gchar *
early_key (GstSipCall *call)
{
  return _gst_sip_dialog_key (call->call_id, call->local_tag, NULL);
}

static void
drop_early_dialogs (GstSipCall *call)
{
  guint i;

  for (i = 0; i < call->early->len; i++) {
    GstSipDialog *d = g_ptr_array_index (call->early, i);

    if (d != call->dialog)
      remove_dialog_key (call, d);
  }
  g_ptr_array_set_size (call->early, 0);
}

/* the call is over: whatever is pending learns it, timers stop, the user
 * agent lets go of it */
static void
end_call (
    GstSipCall *call, guint code, const gchar *reason, const GError *error)
{
  GError *err = NULL;
  gchar *key;

  if (call->state == GST_SIP_CALL_STATE_ENDED)
    return;

  g_object_ref (call);
  stop_timers (call);
  set_status (call, code, reason ? reason : gst_sip_status_get_phrase (code));

  if (call->invite_tx) {
    _gst_sip_client_transaction_set_handler (call->invite_tx, NULL, NULL, NULL);
    g_clear_object (&call->invite_tx);
  }
  call->reoffer_pending = FALSE;
  drop_early_dialogs (call);
  remove_dialog_key (call, call->dialog);
  key = early_key (call);
  _gst_sip_user_agent_remove_dialog (call->ua, key, call);
  g_free (key);

  /* a dial that ends with a final response: a result, not an error */
  _gst_sip_task_list_return (&call->dial_tasks, code, error);
  err = g_error_new (
      GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE, _ ("The call ended"));
  _gst_sip_task_list_return (&call->reoffer_tasks, 0, err);
  fail_queued_offers (call, err);
  g_error_free (err);

  set_state (call, GST_SIP_CALL_STATE_ENDED);
  _gst_sip_user_agent_hold_call (call->ua, call, FALSE);
  g_object_unref (call);
}

/* ---------------------------------------------------------------------- */
/* helpers for messages */

static void
set_sdp_body (GstSipMessage *msg, const GstSDPMessage *sdp)
{
  gchar *text = gst_sdp_message_as_text (sdp);
  GBytes *body = g_bytes_new_take (text, strlen (text));

  gst_sip_message_set_body (msg, "application/sdp", body);
  g_bytes_unref (body);
}

/* the SDP of @msg, NULL if it has none; FALSE for a broken one */
static gboolean
get_sdp_body (GstSipMessage *msg, GstSDPMessage **sdp)
{
  GBytes *body;
  gsize len;
  const guint8 *data;

  *sdp = NULL;
  body = gst_sip_message_get_body (msg);
  if (!body)
    return TRUE;
  if (!gst_sip_message_has_content_type (msg, "application/sdp")) {
    g_bytes_unref (body);
    return TRUE;
  }
  data = g_bytes_get_data (body, &len);
  gst_sdp_message_new (sdp);
  if (gst_sdp_message_parse_buffer (data, len, *sdp) != GST_SDP_OK) {
    gst_sdp_message_free (*sdp);
    *sdp = NULL;
    g_bytes_unref (body);
    return FALSE;
  }
  g_bytes_unref (body);
  return TRUE;
}

static void
notify_descriptions (GstSipCall *call)
{
  g_object_notify_by_pspec (
      G_OBJECT (call), properties[PROP_LOCAL_DESCRIPTION]);
  g_object_notify_by_pspec (
      G_OBJECT (call), properties[PROP_REMOTE_DESCRIPTION]);
}

static void
add_capabilities (GstSipCall *call, GstSipMessage *msg)
{
  gchar **list, *value;

  g_object_get (call->ua, "supported", &list, NULL);
  value = g_strjoinv (", ", list);
  if (*value)
    gst_sip_message_set_header (msg, "Supported", value);
  g_free (value);
  g_strfreev (list);
  list = gst_sip_user_agent_get_allowed_methods (call->ua);
  value = g_strjoinv (", ", list);
  gst_sip_message_set_header (msg, "Allow", value);
  g_free (value);
  g_strfreev (list);
}

static gboolean
timers_supported (GstSipCall *call)
{
  gchar **list;
  gboolean ret;

  g_object_get (call->ua, "supported", &list, NULL);
  ret = g_strv_contains ((const gchar *const *) list, "timer");
  g_strfreev (list);
  return ret;
}

static void
add_session_expires (
    GstSipMessage *msg, guint interval, const gchar *refresher, guint min_se)
{
  gchar *value = refresher
      ? g_strdup_printf ("%u;refresher=%s", interval, refresher)
      : g_strdup_printf ("%u", interval);

  gst_sip_message_set_header (msg, "Session-Expires", value);
  g_free (value);
  if (min_se) {
    value = g_strdup_printf ("%u", min_se);
    gst_sip_message_set_header (msg, "Min-SE", value);
    g_free (value);
  }
}

static GstSipDialog *
find_early (GstSipCall *call, const gchar *tag)
{
  guint i;

  for (i = 0; i < call->early->len; i++) {
    GstSipDialog *d = g_ptr_array_index (call->early, i);

    if (g_strcmp0 (d->remote_tag, tag) == 0)
      return d;
  }
  return NULL;
}

static void
unref_transaction (GstSipClientTransaction *tx)
{
  if (tx)
    g_object_unref (tx);
}

/* sends a request of the call's dialog, with what the auth session knows */
typedef void (*InDialogDone) (GstSipCall *call, GstSipMessage *response,
    const GError *error, gpointer data);

typedef struct
{
  GstSipCall *call;
  GstSipMessage *request; /* without Via, for a retry */
  InDialogDone done;
  gpointer data;
  GDestroyNotify notify;
  guint attempts;
} InDialogRequest;

static void
in_dialog_free (InDialogRequest *r)
{
  if (r->notify)
    r->notify (r->data);
  gst_sip_message_unref (r->request);
  g_object_unref (r->call);
  g_free (r);
}

static GstSipClientTransaction *send_in_dialog_request (
    GstSipCall *call, InDialogRequest *r);
static void ack_again (GstSipCall *call, GstSipMessage *response);

static void
in_dialog_response (
    GstSipClientTransaction *tx, GstSipMessage *response, gpointer user_data)
{
  InDialogRequest *r = user_data;
  guint code = gst_sip_message_get_status_code (response);
  GError *error = NULL;

  if (code < 200)
    return;
  if (!r->done) {
    /* a retransmitted 2xx to a re-INVITE: our ACK was lost */
    if (GST_SIP_STATUS_IS_SUCCESS (code))
      ack_again (r->call, response);
    return;
  }
  /* a proxy on the route set may challenge requests in the dialog too */
  if ((code == 401 || code == 407) && r->attempts < 2 && r->call->dialog) {
    if (_gst_sip_auth_session_handle_challenge (&r->call->auth, r->call->ua,
            r->request, response, NULL, NULL,
            &error) == GST_SIP_AUTH_OUTCOME_RETRY) {
      InDialogRequest *again = g_new0 (InDialogRequest, 1);
      GstSipMethod method = gst_sip_message_get_method (r->request);

      again->call = g_object_ref (r->call);
      again->request = gst_sip_message_copy (r->request);
      /* a new CSeq: the dialog's next */
      gst_sip_message_set_cseq (again->request, ++r->call->dialog->local_cseq,
          gst_sip_method_to_string (method)
              ? gst_sip_method_to_string (method)
              : gst_sip_message_get_method_name (r->request));
      again->done = r->done;
      again->data = r->data;
      again->notify = r->notify;
      again->attempts = r->attempts + 1;
      r->notify = NULL;
      r->done = NULL;
      unref_transaction (send_in_dialog_request (again->call, again));
      return;
    }
    g_clear_error (&error);
  }
  _gst_sip_auth_session_done (&r->call->auth);
  if (r->done) {
    r->done (r->call, response, NULL, r->data);
    r->done = NULL;
  }
}

static void
in_dialog_failed (
    GstSipClientTransaction *tx, const GError *error, gpointer user_data)
{
  InDialogRequest *r = user_data;

  if (r->done) {
    r->done (r->call, NULL, error, r->data);
    r->done = NULL;
  }
}

static const GstSipClientTransactionHandler in_dialog_handler = {
  in_dialog_response, in_dialog_failed
};

static GstSipClientTransaction *
send_in_dialog_request (GstSipCall *call, InDialogRequest *r)
{
  GstSipMessage *request = gst_sip_message_copy (r->request);
  GstSipClientTransaction *tx;
  GError *error = NULL;

  _gst_sip_auth_session_authorize (&call->auth, request);
  tx = gst_sip_user_agent_send_request (call->ua, request, &error);
  gst_sip_message_unref (request);
  if (!tx) {
    if (r->done)
      r->done (call, NULL, error, r->data);
    r->done = NULL;
    g_error_free (error);
    in_dialog_free (r);
    return NULL;
  }
  _gst_sip_client_transaction_set_handler (
      tx, &in_dialog_handler, r, (GDestroyNotify) in_dialog_free);
  if (gst_sip_transaction_get_state (GST_SIP_TRANSACTION (tx)) ==
          GST_SIP_TRANSACTION_STATE_TERMINATED &&
      r->done) {
    r->done (call, NULL, gst_sip_client_transaction_get_error (tx), r->data);
    r->done = NULL;
  }
  return tx;
}

/* builds and sends @method in the call's dialog; @done gets the final
 * response or the error */
static GstSipClientTransaction *
request_in_dialog (GstSipCall *call, GstSipDialog *dialog, const gchar *method,
    const gchar *content_type, GBytes *body, InDialogDone done, gpointer data,
    GDestroyNotify notify)
{
  InDialogRequest *r = g_new0 (InDialogRequest, 1);

  r->call = g_object_ref (call);
  r->request = _gst_sip_dialog_create_request (dialog, method, 0);
  if (body)
    gst_sip_message_set_body (r->request, content_type, body);
  r->done = done;
  r->data = data;
  r->notify = notify;
  return send_in_dialog_request (call, r);
}

/* ---------------------------------------------------------------------- */
/* caller */

static void invite_response (
    GstSipClientTransaction *tx, GstSipMessage *response, gpointer user_data);
static void invite_failed (
    GstSipClientTransaction *tx, const GError *error, gpointer user_data);

static const GstSipClientTransactionHandler invite_handler = { invite_response,
  invite_failed };

static void
timer_c_fired (gpointer user_data)
{
  GstSipCall *call = user_data;

  /* RFC 3261 16.6 11, for a user agent: give up on a call that rings for
   * too long */
  GST_INFO ("call %s: no final response in %u s, cancelling", call->call_id,
      call->invite_timeout);
  g_object_ref (call);
  call->hangup_requested = TRUE;
  call->timer_c_expired = TRUE;
  if (call->invite_tx)
    gst_sip_client_transaction_cancel (call->invite_tx, NULL);
  g_object_unref (call);
}

static void
send_invite (GstSipCall *call)
{
  GstSipMessage *invite = gst_sip_message_copy (call->invite);
  GError *error = NULL;

  _gst_sip_auth_session_authorize (&call->auth, invite);
  if (call->invite_tx) {
    _gst_sip_client_transaction_set_handler (call->invite_tx, NULL, NULL, NULL);
    g_clear_object (&call->invite_tx);
  }
  call->invite_tx = gst_sip_user_agent_send_request (call->ua, invite, &error);
  gst_sip_message_unref (invite);
  if (!call->invite_tx) {
    end_call (call, 503, error->message, error);
    g_error_free (error);
    return;
  }
  _gst_sip_client_transaction_set_handler (
      call->invite_tx, &invite_handler, call, NULL);
  if (gst_sip_transaction_get_state (GST_SIP_TRANSACTION (call->invite_tx)) ==
      GST_SIP_TRANSACTION_STATE_TERMINATED)
    invite_failed (call->invite_tx,
        gst_sip_client_transaction_get_error (call->invite_tx), call);
}

/* the INVITE again, after a challenge, a 422 or a redirect: the next CSeq,
 * the same Call-ID and From tag */
static void
resend_invite (GstSipCall *call)
{
  guint32 seq = 0;

  gst_sip_message_get_cseq (call->invite, &seq, NULL);
  gst_sip_message_set_cseq (call->invite, seq + 1, "INVITE");
  send_invite (call);
}

static void
send_ack (GstSipCall *call)
{
  GError *error = NULL;

  /* 13.2.2.4: a retransmitted 2xx gets the same ACK again: the first send
   * adds the Via to call->ack, later ones keep it and its branch */
  if (!_gst_sip_user_agent_send_stateless (call->ua, call->ack, &error)) {
    GST_WARNING (
        "call %s: could not send the ACK: %s", call->call_id, error->message);
    g_error_free (error);
  }
}

/* 13.2.2.4: the ACK for the 2xx, with the answer when the 2xx offered */
static gboolean
acknowledge (GstSipCall *call, GstSipDialog *dialog, GstSipMessage *response,
    GError **error)
{
  guint32 seq = 0;
  guint i, n = gst_sip_message_get_n_headers (call->invite);
  GstSDPMessage *offer = NULL;
  gboolean ok = TRUE;

  gst_sip_message_get_cseq (call->invite, &seq, NULL);
  g_clear_pointer (&call->ack, gst_sip_message_unref);
  call->ack = _gst_sip_dialog_create_request (dialog, "ACK", seq);
  for (i = 0; i < n; i++) {
    const gchar *name, *value;

    gst_sip_message_get_nth_header (call->invite, i, &name, &value);
    if (g_ascii_strcasecmp (name, "Authorization") == 0 ||
        g_ascii_strcasecmp (name, "Proxy-Authorization") == 0)
      gst_sip_message_append_header (call->ack, name, value);
  }

  if (call->late_offer && call->negotiator &&
      !_gst_sip_sdp_negotiator_has_remote_description (call->negotiator)) {
    if (!get_sdp_body (response, &offer) || !offer) {
      g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE,
          _ ("The 2xx to an INVITE without an offer carried no offer"));
      ok = FALSE;
    } else {
      GstSDPMessage *answer =
          gst_sip_sdp_negotiator_create_answer (call->negotiator, offer, error);

      if (answer) {
        set_sdp_body (call->ack, answer);
        gst_sdp_message_free (answer);
      } else {
        ok = FALSE;
      }
      gst_sdp_message_free (offer);
    }
  }
  send_ack (call);
  return ok;
}

static void
send_prack (GstSipCall *call, GstSipDialog *dialog, GstSipMessage *response)
{
  const gchar *rseq_text = gst_sip_message_get_header (response, "RSeq");
  guint64 rseq;
  guint32 cseq = 0;
  gchar *rack;
  GstSipMessage *prack;
  InDialogRequest *r;

  if (!rseq_text ||
      !g_ascii_string_to_unsigned (
          rseq_text, 10, 1, G_MAXUINT32, &rseq, NULL) ||
      rseq <= call->last_rseq)
    return;
  call->last_rseq = rseq;

  /* RFC 3262 7.2: RAck = RSeq CSeq-number method */
  gst_sip_message_get_cseq (call->invite, &cseq, NULL);
  prack = _gst_sip_dialog_create_request (dialog, "PRACK", 0);
  rack = g_strdup_printf ("%" G_GUINT64_FORMAT " %u INVITE", rseq, cseq);
  gst_sip_message_set_header (prack, "RAck", rack);
  g_free (rack);

  /* a late offer answered in the PRACK */
  if (call->late_offer && call->negotiator &&
      !_gst_sip_sdp_negotiator_has_remote_description (call->negotiator)) {
    GstSDPMessage *offer = NULL, *answer;

    if (get_sdp_body (response, &offer) && offer) {
      answer =
          gst_sip_sdp_negotiator_create_answer (call->negotiator, offer, NULL);
      if (answer) {
        set_sdp_body (prack, answer);
        gst_sdp_message_free (answer);
        notify_descriptions (call);
      }
      gst_sdp_message_free (offer);
    }
  }

  r = g_new0 (InDialogRequest, 1);
  r->call = g_object_ref (call);
  r->request = prack;
  unref_transaction (send_in_dialog_request (call, r));
}

/* FALSE with @error set when @response has an answer we refuse */
static gboolean
apply_answer (GstSipCall *call, GstSipMessage *response, GError **error)
{
  GstSDPMessage *answer = NULL;
  GError *local_error = NULL;
  gboolean ok = TRUE;

  if (!call->negotiator ||
      !gst_sip_sdp_negotiator_has_pending_offer (call->negotiator))
    return TRUE;
  if (!get_sdp_body (response, &answer) || !answer)
    return TRUE;
  if (!gst_sip_sdp_negotiator_set_answer (
          call->negotiator, answer, &local_error)) {
    GST_WARNING (
        "call %s: unusable answer: %s", call->call_id, local_error->message);
    g_propagate_error (error, local_error);
    ok = FALSE;
  } else {
    notify_descriptions (call);
  }
  gst_sdp_message_free (answer);
  return ok;
}

/* a 2xx from a fork we did not keep: acknowledge it and hang it up
 * (RFC 3261 13.2.2.4) */
static void
refuse_fork (GstSipCall *call, GstSipMessage *response)
{
  GstSipDialog *dialog = _gst_sip_dialog_new_uac (call->invite, response);
  GstSipMessage *ack, *bye;
  guint32 seq = 0;

  GST_INFO ("call %s: hanging up a second fork", call->call_id);
  gst_sip_message_get_cseq (call->invite, &seq, NULL);
  ack = _gst_sip_dialog_create_request (dialog, "ACK", seq);
  _gst_sip_user_agent_send_stateless (call->ua, ack, NULL);
  gst_sip_message_unref (ack);
  bye = _gst_sip_dialog_create_request (dialog, "BYE", 0);
  unref_transaction (gst_sip_user_agent_send_request (call->ua, bye, NULL));
  gst_sip_message_unref (bye);
  _gst_sip_dialog_free (dialog);
}

/* the INVITE transaction of a call that was established ended (Timer M,
 * RFC 6026): no retransmission of its 2xx comes any more, so the INVITE
 * and its ACK, which only those needed, go too */
static void
invite_tx_gone (gpointer user_data)
{
  GstSipCall *call = user_data;
  guint32 invite_seq = 0, ack_seq = 0;

  if (call->invite && call->ack &&
      gst_sip_message_get_cseq (call->invite, &invite_seq, NULL) &&
      gst_sip_message_get_cseq (call->ack, &ack_seq, NULL) &&
      invite_seq == ack_seq)
    g_clear_pointer (&call->ack, gst_sip_message_unref);
  g_clear_pointer (&call->invite, gst_sip_message_unref);
  g_object_unref (call);
}

static void
established (GstSipCall *call, GstSipMessage *response)
{
  const gchar *to_tag = gst_sip_message_get_to_tag (response);
  GstSipDialog *dialog = find_early (call, to_tag);
  GError *error = NULL, *answer_error = NULL;
  gboolean answer_ok;

  if (dialog) {
    guint index;

    /* the early dialog becomes the call's; the others go */
    if (g_ptr_array_find (call->early, dialog, &index))
      g_ptr_array_steal_index (call->early, index);
    _gst_sip_dialog_confirm (dialog, response);
  } else {
    dialog = _gst_sip_dialog_new_uac (call->invite, response);
  }
  drop_early_dialogs (call);
  call->dialog = dialog;
  add_dialog_key (call, dialog);

  answer_ok = apply_answer (call, response, &answer_error);
  if (answer_ok && call->early_answer_error) {
    answer_ok = FALSE;
    answer_error = g_steal_pointer (&call->early_answer_error);
  }
  call->peer_allows_update =
      gst_sip_message_has_token (response, "Allow", "UPDATE");
  if (!acknowledge (call, dialog, response, &error)) {
    /* the peer offered nothing we can use: end the session it thinks is up */
    GST_WARNING ("call %s: %s", call->call_id, error->message);
    send_bye (call, "SIP;cause=488");
    end_call (call, 488, error->message, NULL);
    g_error_free (error);
    g_clear_error (&answer_error);
    return;
  }
  if (!answer_ok) {
    /* an answer we refuse, such as plain RTP to an SRTP-only offer: the
     * same */
    send_bye (call, "SIP;cause=488");
    end_call (call, 488, answer_error->message, NULL);
    g_error_free (answer_error);
    return;
  }
  notify_descriptions (call);
  set_status (call, gst_sip_message_get_status_code (response),
      gst_sip_message_get_reason_phrase (response));
  set_state (call, GST_SIP_CALL_STATE_ESTABLISHED);
  _gst_sip_task_list_return (
      &call->dial_tasks, gst_sip_message_get_status_code (response), NULL);
  start_session_timer (call, response, TRUE);

  /* the INVITE transaction lives on until Timer M to hand over the
   * retransmissions of the 2xx, which the call acknowledges again: it
   * holds the call for that, and the call need not hold it (with its
   * request and responses) for as long as the call lasts */
  if (call->invite_tx) {
    _gst_sip_client_transaction_set_handler (
        call->invite_tx, &invite_handler, g_object_ref (call), invite_tx_gone);
    g_clear_object (&call->invite_tx);
  }

  /* hung up while the 2xx was on its way */
  if (call->hangup_requested)
    gst_sip_call_hangup (call);
}

static void
invite_response (
    GstSipClientTransaction *tx, GstSipMessage *response, gpointer user_data)
{
  GstSipCall *call = user_data;
  guint code = gst_sip_message_get_status_code (response);
  const gchar *to_tag = gst_sip_message_get_to_tag (response);
  GError *error = NULL;
  guint32 value;

  g_object_ref (call);

  if (code < 200) {
    GstSipDialog *dialog = NULL;
    GError *answer_error = NULL;

    if (code > 100 && to_tag) {
      /* an early dialog (12.1.2) */
      dialog = find_early (call, to_tag);
      if (!dialog) {
        dialog = _gst_sip_dialog_new_uac (call->invite, response);
        g_ptr_array_add (call->early, dialog);
        add_dialog_key (call, dialog);
      } else {
        _gst_sip_dialog_refresh_target (dialog, response);
      }
      if (gst_sip_message_has_token (response, "Require", "100rel"))
        send_prack (call, dialog, response);
      /* a refused answer withdraws the offer: the 2xx then ends the call
       * with a BYE (see established()) */
      if (!apply_answer (call, response, &answer_error)) {
        if (!call->early_answer_error)
          call->early_answer_error = g_steal_pointer (&answer_error);
        g_clear_error (&answer_error);
      }
    }
    if (call->state != GST_SIP_CALL_STATE_ENDING) {
      if (code == 180)
        set_state (call, GST_SIP_CALL_STATE_RINGING);
      else if (code > 100 && call->state != GST_SIP_CALL_STATE_RINGING)
        set_state (call, GST_SIP_CALL_STATE_EARLY);
      else if (call->state == GST_SIP_CALL_STATE_CALLING)
        set_state (call, GST_SIP_CALL_STATE_PROCEEDING);
    }
    set_status (call, code, gst_sip_message_get_reason_phrase (response));
    _gst_sip_timer_queue_schedule (
        timers (call), &call->timer_c, call->invite_timeout * 1000);
    goto done;
  }

  _gst_sip_timer_queue_cancel (timers (call), &call->timer_c);

  if (code < 300) {
    _gst_sip_auth_session_done (&call->auth);
    if (!call->dialog)
      established (call, response);
    else if (g_strcmp0 (to_tag, call->dialog->remote_tag) == 0)
      send_ack (call); /* a retransmission: the ACK was lost */
    else
      refuse_fork (call, response);
    goto done;
  }

  /* the transaction acknowledged the failure; the attempt is over */
  g_clear_object (&call->invite_tx);
  drop_early_dialogs (call);
  g_clear_error (&call->early_answer_error);
  if (call->negotiator && code != 401 && code != 407 && code != 422 &&
      !(code >= 300 && code < 400))
    gst_sip_sdp_negotiator_cancel_offer (call->negotiator);

  if (call->hangup_requested) {
    /* the 487 to our own CANCEL after Timer C: the peer did not answer */
    if (code == 487 && call->timer_c_expired)
      end_call (call, 408, _ ("No answer"), NULL);
    else
      end_call (call, code, gst_sip_message_get_reason_phrase (response), NULL);
    goto done;
  }

  if (code == 401 || code == 407) {
    switch (_gst_sip_auth_session_handle_challenge (
        &call->auth, call->ua, call->invite, response, NULL, NULL, &error)) {
      case GST_SIP_AUTH_OUTCOME_RETRY:
        resend_invite (call);
        goto done;
      case GST_SIP_AUTH_OUTCOME_PENDING:
      case GST_SIP_AUTH_OUTCOME_FAILED:
        if (!error)
          g_set_error (&error, GST_SIP_ERROR, GST_SIP_ERROR_AUTH_FAILED,
              _ ("Authentication for the call failed"));
        end_call (
            call, code, gst_sip_message_get_reason_phrase (response), error);
        g_error_free (error);
        goto done;
    }
  }

  /* RFC 4028 6: the interval was too short for a proxy or the callee */
  if (code == 422 && gst_sip_message_get_min_se (response, &value) &&
      value > call->session_expires && call->session_expires > 0) {
    call->session_expires = value;
    call->min_se = MAX (call->min_se, value);
    add_session_expires (call->invite, value, NULL, call->min_se);
    resend_invite (call);
    goto done;
  }

  /* RFC 3261 8.1.3.4: follow a redirect to its first contact */
  if (code >= 300 && code < 400 && call->n_redirects < MAX_REDIRECTS) {
    GList *contacts = gst_sip_message_get_addresses (response, "Contact");

    if (contacts && gst_sip_address_get_uri (contacts->data)) {
      call->n_redirects++;
      gst_sip_message_set_request_uri (
          call->invite, gst_sip_address_get_uri (contacts->data));
      g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);
      resend_invite (call);
      goto done;
    }
    g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);
  }

  end_call (call, code, gst_sip_message_get_reason_phrase (response), NULL);

done:
  g_object_unref (call);
}

static void
invite_failed (
    GstSipClientTransaction *tx, const GError *error, gpointer user_data)
{
  GstSipCall *call = user_data;

  g_object_ref (call);
  g_clear_object (&call->invite_tx);
  if (call->negotiator)
    gst_sip_sdp_negotiator_cancel_offer (call->negotiator);
  end_call (call, error->code == GST_SIP_ERROR_TIMEOUT ? 408 : 503,
      error->message, error);
  g_object_unref (call);
}

/* ---------------------------------------------------------------------- */
/* callee */

static void
ensure_uas_dialog (GstSipCall *call)
{
  if (call->dialog)
    return;
  call->dialog = _gst_sip_dialog_new_uas (call->remote_invite, call->local_tag);
  add_dialog_key (call, call->dialog);
}

static GstSipMessage *
create_response (GstSipCall *call, GstSipServerTransaction *tx, guint code,
    const gchar *reason)
{
  GstSipMessage *request =
      gst_sip_transaction_get_request (GST_SIP_TRANSACTION (tx));
  GstSipMessage *response =
      gst_sip_server_transaction_create_response (tx, code, reason);

  /* dialog-creating and target-refreshing responses carry a Contact and
   * the Record-Route of the request (12.1.1) */
  if (code > 100 && code < 300) {
    GstSipAddress *contact =
        _gst_sip_user_agent_contact_for_request (call->ua, request);
    gchar **routes =
        gst_sip_message_get_header_values (request, "Record-Route");
    guint i;

    for (i = 0; routes[i]; i++)
      gst_sip_message_append_header (response, "Record-Route", routes[i]);
    g_strfreev (routes);
    gst_sip_message_append_address (response, "Contact", contact);
    gst_sip_address_free (contact);
  }
  return response;
}

static gboolean
respond (GstSipServerTransaction *tx, GstSipMessage *response, GError **error)
{
  return gst_sip_server_transaction_respond (tx, response, error);
}

static void
on_cancelled (GstSipServerTransaction *tx, gpointer user_data)
{
  GstSipCall *call = user_data;

  /* the user agent answered the CANCEL; the INVITE gets its 487 */
  GST_INFO ("call %s: cancelled by the caller", call->call_id);
  g_object_ref (call);
  if (call->state != GST_SIP_CALL_STATE_ENDED)
    gst_sip_server_transaction_reply (tx, 487, NULL, NULL);
  end_call (call, 487, NULL, NULL);
  g_object_unref (call);
}

static void
reliable_fired (gpointer user_data)
{
  GstSipCall *call = user_data;
  GError *error = NULL;

  if (!call->reliable)
    return;
  g_object_ref (call);
  call->reliable_elapsed += call->reliable_interval;
  if (call->reliable_elapsed >= 64 * t1 (call)) {
    /* RFC 3262 3: no PRACK in 64*T1 */
    GST_INFO (
        "call %s: no PRACK for a reliable provisional response", call->call_id);
    g_clear_pointer (&call->reliable, gst_sip_message_unref);
    gst_sip_call_reject (call, 504, "No PRACK", NULL);
  } else if (respond (call->invite_stx, call->reliable, &error)) {
    call->reliable_interval *= 2;
    _gst_sip_timer_queue_schedule (
        timers (call), &call->reliable_timer, call->reliable_interval);
  } else {
    g_error_free (error);
  }
  g_object_unref (call);
}

GstSipCall *
_gst_sip_call_new_incoming (
    GstSipUserAgent *ua, GstSipServerTransaction *tx, GstSipMessage *request)
{
  GstSipCall *call = g_object_new (GST_TYPE_SIP_CALL, "user-agent", ua, NULL);
  GstSipAddress *from, *to;
  guint32 interval;
  gchar *refresher = NULL;

  call->direction = GST_SIP_CALL_DIRECTION_INCOMING;
  call->invite_stx = g_object_ref (tx);
  call->remote_invite = gst_sip_message_ref (request);
  call->call_id = g_strdup (gst_sip_message_get_call_id (request));
  call->local_tag = g_strdup (gst_sip_server_transaction_get_local_tag (tx));
  from = gst_sip_message_get_from (request);
  to = gst_sip_message_get_to (request);
  call->remote_uri =
      compact_string (gst_sip_uri_to_string (gst_sip_address_get_uri (from)));
  call->local_uri =
      compact_string (gst_sip_uri_to_string (gst_sip_address_get_uri (to)));
  gst_sip_address_free (from);
  gst_sip_address_free (to);
  call->peer_supports_100rel =
      gst_sip_message_has_token (request, "Supported", "100rel") ||
      gst_sip_message_has_token (request, "Require", "100rel");
  call->peer_allows_update =
      gst_sip_message_has_token (request, "Allow", "UPDATE");
  g_signal_connect (tx, "cancelled", G_CALLBACK (on_cancelled), call);
  _gst_sip_user_agent_hold_call (ua, call, TRUE);
  set_state (call, GST_SIP_CALL_STATE_PROCEEDING);

  if (!get_sdp_body (request, &call->remote_offer)) {
    gst_sip_call_reject (call, 400, "Malformed SDP", NULL);
    return call;
  }
  call->offer_in_invite = call->remote_offer != NULL;

  /* RFC 4028 5: an interval below our minimum */
  if (gst_sip_message_get_session_expires (request, &interval, &refresher) &&
      interval < call->min_se) {
    GstSipMessage *response = create_response (call, tx, 422, NULL);
    gchar *value = g_strdup_printf ("%u", call->min_se);

    gst_sip_message_set_header (response, "Min-SE", value);
    respond (tx, response, NULL);
    gst_sip_message_unref (response);
    g_free (value);
    end_call (call, 422, NULL, NULL);
  }
  g_free (refresher);

  return call;
}

static gboolean
check_incoming (GstSipCall *call, GError **error)
{
  if (call->direction != GST_SIP_CALL_DIRECTION_INCOMING ||
      (call->state != GST_SIP_CALL_STATE_PROCEEDING &&
          call->state != GST_SIP_CALL_STATE_RINGING &&
          call->state != GST_SIP_CALL_STATE_EARLY)) {
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
        _ ("The call is not an incoming call waiting for an answer"));
    return FALSE;
  }
  return TRUE;
}

static gboolean
check_negotiator (GstSipCall *call, GError **error)
{
  if (!call->negotiator) {
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
        _ ("The call has no media: set a negotiator first"));
    return FALSE;
  }
  return TRUE;
}

/* our answer to the INVITE's offer, or our offer when it had none */
static GstSDPMessage *
invite_sdp (GstSipCall *call, gboolean *is_offer, GError **error)
{
  *is_offer = FALSE;
  if (call->offer_in_invite) {
    GstSDPMessage *copy;

    /* answered already, in a reliable or early-media provisional */
    if (!call->remote_offer) {
      copy = _gst_sip_sdp_negotiator_copy_local_description (call->negotiator);
      if (copy)
        return copy;
    }
    copy = gst_sip_sdp_negotiator_create_answer (
        call->negotiator, call->remote_offer, error);
    if (copy)
      g_clear_pointer (&call->remote_offer, gst_sdp_message_free);
    return copy;
  }
  *is_offer = TRUE;
  if (gst_sip_sdp_negotiator_has_pending_offer (call->negotiator))
    return _gst_sip_sdp_negotiator_copy_local_description (call->negotiator);
  return gst_sip_sdp_negotiator_create_offer (call->negotiator, error);
}

/**
 * gst_sip_call_ring:
 * @call: an incoming #GstSipCall
 * @early_media: %TRUE to send 183 Session Progress with the answer (early
 *   media), %FALSE for 180 Ringing
 * @error: return location for a #GError, or %NULL
 *
 * Tells the caller that the call is alerting.  The response is sent
 * reliably (RFC 3262) when the caller requires it, or supports it and
 * #GstSipCall:reliable-provisional is set.
 *
 * Returns: %TRUE if the response was sent
 *
 * Since: 0.1
 */
gboolean
gst_sip_call_ring (GstSipCall *call, gboolean early_media, GError **error)
{
  GstSipMessage *response;
  gboolean reliable, ret, is_offer = FALSE;

  g_return_val_if_fail (GST_IS_SIP_CALL (call), FALSE);

  if (!check_incoming (call, error))
    return FALSE;
  if (early_media &&
      (!check_negotiator (call, error) || !call->offer_in_invite)) {
    if (error && !*error)
      g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
          _ ("Early media needs an offer in the INVITE"));
    return FALSE;
  }

  response =
      create_response (call, call->invite_stx, early_media ? 183 : 180, NULL);
  if (early_media) {
    GstSDPMessage *answer = invite_sdp (call, &is_offer, error);

    if (!answer) {
      gst_sip_message_unref (response);
      return FALSE;
    }
    set_sdp_body (response, answer);
    gst_sdp_message_free (answer);
    notify_descriptions (call);
  }

  reliable =
      gst_sip_message_has_token (call->remote_invite, "Require", "100rel") ||
      (call->peer_supports_100rel && call->reliable_provisional);
  if (reliable) {
    gchar *rseq;

    if (!call->rseq)
      call->rseq = g_random_int_range (1, 1 << 20);
    rseq = g_strdup_printf ("%u", ++call->rseq);
    gst_sip_message_set_header (response, "Require", "100rel");
    gst_sip_message_set_header (response, "RSeq", rseq);
    g_free (rseq);
  }

  ensure_uas_dialog (call);
  ret = respond (call->invite_stx, response, error);
  if (ret && reliable) {
    g_clear_pointer (&call->reliable, gst_sip_message_unref);
    call->reliable = gst_sip_message_ref (response);
    call->reliable_interval = t1 (call);
    call->reliable_elapsed = 0;
    _gst_sip_timer_queue_schedule (
        timers (call), &call->reliable_timer, call->reliable_interval);
  }
  gst_sip_message_unref (response);
  if (ret)
    set_state (call,
        early_media ? GST_SIP_CALL_STATE_EARLY : GST_SIP_CALL_STATE_RINGING);
  return ret;
}

static void
ok_fired (gpointer user_data)
{
  GstSipCall *call = user_data;

  if (!call->ok)
    return;
  g_object_ref (call);
  call->ok_elapsed += call->ok_interval;
  if (call->ok_elapsed >= 64 * t1 (call)) {
    /* 13.3.1.4: the ACK never came */
    GST_INFO ("call %s: no ACK for the 2xx", call->call_id);
    g_clear_pointer (&call->ok, gst_sip_message_unref);
    g_clear_object (&call->ok_stx);
    send_bye (call, NULL);
    end_call (call, 408, _ ("No ACK"), NULL);
  } else {
    gst_sip_server_transaction_respond (call->ok_stx, call->ok, NULL);
    call->ok_interval = MIN (call->ok_interval * 2, t2 (call));
    _gst_sip_timer_queue_schedule (
        timers (call), &call->ok_timer, call->ok_interval);
  }
  g_object_unref (call);
}

/* sends a 2xx to an INVITE and retransmits it until the ACK (13.3.1.4) */
static gboolean
send_ok (GstSipCall *call, GstSipServerTransaction *tx, GstSipMessage *response,
    gboolean has_offer, GError **error)
{
  GstSipMessage *request =
      gst_sip_transaction_get_request (GST_SIP_TRANSACTION (tx));

  if (!respond (tx, response, error))
    return FALSE;
  g_clear_pointer (&call->ok, gst_sip_message_unref);
  g_set_object (&call->ok_stx, tx);
  call->ok = gst_sip_message_ref (response);
  call->ok_has_offer = has_offer;
  gst_sip_message_get_cseq (request, &call->ok_cseq, NULL);
  call->ok_interval = t1 (call);
  call->ok_elapsed = 0;
  _gst_sip_timer_queue_schedule (
      timers (call), &call->ok_timer, call->ok_interval);
  return TRUE;
}

/* RFC 4028 9: the Session-Expires of our 2xx to a request that asked for
 * one, or that supports timers when we want one */
static void
answer_session_timer (
    GstSipCall *call, GstSipMessage *request, GstSipMessage *response)
{
  gboolean peer_timer =
      gst_sip_message_has_token (request, "Supported", "timer") ||
      gst_sip_message_has_token (request, "Require", "timer");
  guint32 interval = 0;
  gchar *refresher = NULL;

  if (!timers_supported (call))
    return;
  if (!gst_sip_message_get_session_expires (request, &interval, &refresher)) {
    if (!peer_timer || !call->session_expires)
      return;
    interval = MAX (call->session_expires, call->min_se);
  }
  if (!refresher)
    refresher = g_strdup (peer_timer ? "uac" : "uas");
  add_session_expires (response, interval, refresher, 0);
  if (peer_timer)
    gst_sip_message_set_header (response, "Require", "timer");
  g_free (refresher);
}

/**
 * gst_sip_call_answer:
 * @call: an incoming #GstSipCall with a negotiator
 * @error: return location for a #GError, or %NULL
 *
 * Accepts the call with 200 OK: with the answer to the INVITE's offer, or
 * with an offer when the INVITE had none (the answer then comes in the
 * ACK).  The call is established when the ACK arrives.  When the offer has
 * nothing in common with the negotiator, the call is rejected with 488
 * and @error is %GST_SIP_ERROR_NOT_ACCEPTABLE.
 *
 * Returns: %TRUE if the 200 was sent
 *
 * Since: 0.1
 */
gboolean
gst_sip_call_answer (GstSipCall *call, GError **error)
{
  GstSipMessage *response;
  GstSDPMessage *sdp;
  gboolean is_offer, ret;
  GError *err = NULL;

  g_return_val_if_fail (GST_IS_SIP_CALL (call), FALSE);

  if (!check_incoming (call, error) || !check_negotiator (call, error))
    return FALSE;

  sdp = invite_sdp (call, &is_offer, &err);
  if (!sdp) {
    GstSipMessage *r488 = create_response (call, call->invite_stx, 488, NULL);

    respond (call->invite_stx, r488, NULL);
    gst_sip_message_unref (r488);
    end_call (call, 488, err->message, NULL);
    g_propagate_error (error, err);
    return FALSE;
  }

  response = create_response (call, call->invite_stx, 200, NULL);
  add_capabilities (call, response);
  answer_session_timer (call, call->remote_invite, response);
  set_sdp_body (response, sdp);
  gst_sdp_message_free (sdp);

  _gst_sip_timer_queue_cancel (timers (call), &call->reliable_timer);
  g_clear_pointer (&call->reliable, gst_sip_message_unref);
  ensure_uas_dialog (call);
  ret = send_ok (call, call->invite_stx, response, is_offer, error);
  gst_sip_message_unref (response);
  if (ret) {
    notify_descriptions (call);
    set_status (call, 200, NULL);
    set_state (call, GST_SIP_CALL_STATE_ANSWERING);
  }
  return ret;
}

/**
 * gst_sip_call_reject:
 * @call: an incoming #GstSipCall
 * @status_code: a final status code from 300 to 699, such as 486 or 603
 * @reason: (nullable): the reason phrase, or %NULL for the standard one
 * @error: return location for a #GError, or %NULL
 *
 * Refuses the call and ends it.
 *
 * Returns: %TRUE if the response was sent
 *
 * Since: 0.1
 */
gboolean
gst_sip_call_reject (
    GstSipCall *call, guint status_code, const gchar *reason, GError **error)
{
  GstSipMessage *response;
  gboolean ret;

  g_return_val_if_fail (GST_IS_SIP_CALL (call), FALSE);
  g_return_val_if_fail (status_code >= 300 && status_code <= 699, FALSE);

  if (!check_incoming (call, error))
    return FALSE;

  response = create_response (call, call->invite_stx, status_code, reason);
  ret = respond (call->invite_stx, response, error);
  gst_sip_message_unref (response);
  end_call (call, status_code, reason, NULL);
  return ret;
}

/* the ACK for a 2xx we sent */
void
_gst_sip_call_handle_ack (GstSipCall *call, GstSipMessage *ack)
{
  guint32 seq = 0;

  gst_sip_message_get_cseq (ack, &seq, NULL);
  if (!call->ok || seq != call->ok_cseq)
    return;

  g_object_ref (call);
  _gst_sip_timer_queue_cancel (timers (call), &call->ok_timer);
  if (call->ok_has_offer && call->negotiator) {
    GstSDPMessage *answer = NULL;
    GError *error = NULL;

    if (get_sdp_body (ack, &answer) && answer &&
        gst_sip_sdp_negotiator_set_answer (call->negotiator, answer, &error)) {
      notify_descriptions (call);
    } else {
      /* RFC 3261 13.3.1.4: no usable answer in the ACK ends the session */
      GST_WARNING ("call %s: the ACK has no usable answer", call->call_id);
      gst_sip_sdp_negotiator_cancel_offer (call->negotiator);
      g_clear_pointer (&call->ok, gst_sip_message_unref);
      g_clear_object (&call->ok_stx);
      send_bye (call, "SIP;cause=488");
      end_call (
          call, 488, error ? error->message : _ ("No answer in the ACK"), NULL);
      g_clear_error (&error);
    }
    if (answer)
      gst_sdp_message_free (answer);
  }
  if (call->ok) {
    start_session_timer (call, call->ok, FALSE);
    g_clear_pointer (&call->ok, gst_sip_message_unref);
    g_clear_object (&call->ok_stx);
    if (call->state == GST_SIP_CALL_STATE_ANSWERING) {
      /* the INVITE and its transaction are of no more use to a call that
       * is up: let them go rather than hold them as long as the call */
      if (call->invite_stx) {
        g_signal_handlers_disconnect_by_data (call->invite_stx, call);
        g_clear_object (&call->invite_stx);
      }
      g_clear_pointer (&call->remote_invite, gst_sip_message_unref);
      set_state (call, GST_SIP_CALL_STATE_ESTABLISHED);
      if (call->hangup_requested)
        gst_sip_call_hangup (call);
    }
    run_queued_offer (call);
  }
  g_object_unref (call);
}

/* a retransmitted 2xx of the dialog: the ACK we sent for it again */
static void
ack_again (GstSipCall *call, GstSipMessage *response)
{
  guint32 seq = 0, ack_seq = 0;

  gst_sip_message_get_cseq (response, &seq, NULL);
  if (call->ack && gst_sip_message_get_cseq (call->ack, &ack_seq, NULL) &&
      ack_seq == seq)
    send_ack (call);
}

/* a 2xx after its transaction ended: our ACK was lost, or another fork */
void
_gst_sip_call_handle_stray_response (GstSipCall *call, GstSipMessage *response)
{
  g_object_ref (call);
  if (call->dialog &&
      g_strcmp0 (gst_sip_message_get_to_tag (response),
          call->dialog->remote_tag) == 0) {
    ack_again (call, response);
  } else if (call->invite &&
      call->direction == GST_SIP_CALL_DIRECTION_OUTGOING) {
    refuse_fork (call, response);
  }
  g_object_unref (call);
}

/* ---------------------------------------------------------------------- */
/* session timers (RFC 4028) */

static void session_refresh (GstSipCall *call);

static void
session_timer_fired (gpointer user_data)
{
  GstSipCall *call = user_data;

  g_object_ref (call);
  if (call->we_refresh) {
    session_refresh (call);
  } else {
    /* 10: the refresher did not refresh in time */
    GST_INFO ("call %s: the session expired", call->call_id);
    send_bye (call, "SIP;cause=408;text=\"Session expired\"");
    end_call (call, 408, _ ("Session expired"), NULL);
  }
  g_object_unref (call);
}

/* starts or restarts the timer from the Session-Expires of a 2xx; @uac is
 * TRUE when we sent the request @msg answers */
static void
start_session_timer (GstSipCall *call, GstSipMessage *msg, gboolean uac)
{
  guint32 interval;
  gchar *refresher = NULL;
  guint delay;

  _gst_sip_timer_queue_cancel (timers (call), &call->session_timer);
  if (!gst_sip_message_get_session_expires (msg, &interval, &refresher) ||
      interval == 0) {
    guint32 seq = 0, invite_seq = 0;

    g_free (refresher);
    /* 7.2: a callee without session timers answers without Session-Expires;
     * the caller that asked for one refreshes by itself, with the interval
     * it asked for: the current one in a refresh, the configured one in
     * the first INVITE */
    interval = 0;
    if (uac && call->session_interval) {
      interval = call->session_interval;
    } else if (uac && call->invite && call->session_expires &&
        timers_supported (call)) {
      gst_sip_message_get_cseq (msg, &seq, NULL);
      gst_sip_message_get_cseq (call->invite, &invite_seq, NULL);
      if (seq == invite_seq)
        interval = MAX (call->session_expires, call->min_se);
    }
    if (interval == 0) {
      call->session_interval = 0;
      return;
    }
    refresher = g_strdup ("uac");
  }
  call->session_interval = interval;
  call->we_refresh = g_strcmp0 (refresher, uac ? "uac" : "uas") == 0;
  g_free (refresher);

  /* the refresher refreshes at half the interval; the other side gives up
   * a little before it runs out */
  if (call->we_refresh)
    delay = interval * 500;
  else
    delay = interval * 1000 - MIN (32000, interval * 1000 / 3);
  GST_DEBUG ("call %s: session interval %u s, %s refresh", call->call_id,
      interval, call->we_refresh ? "we" : "they");
  _gst_sip_timer_queue_schedule (timers (call), &call->session_timer, delay);
}

/* ---------------------------------------------------------------------- */
/* offers in the dialog: re-INVITE and UPDATE */

static void reoffer (GstSipCall *call, gboolean use_update);

static void
glare_fired (gpointer user_data)
{
  GstSipCall *call = user_data;

  g_object_ref (call);
  if (call->state == GST_SIP_CALL_STATE_ESTABLISHED)
    reoffer (call, call->glare_use_update);
  g_object_unref (call);
}

static void
reoffer_done (GstSipCall *call, GstSipMessage *response, const GError *error,
    gpointer data)
{
  gboolean was_update = GPOINTER_TO_INT (data);
  guint code = response ? gst_sip_message_get_status_code (response) : 0;
  GError *answer_error = NULL;
  guint32 seq = 0;

  if (call->state == GST_SIP_CALL_STATE_ENDED)
    return;
  g_object_ref (call);
  call->reoffer_pending = FALSE;

  if (response && GST_SIP_STATUS_IS_SUCCESS (code)) {
    gboolean answer_ok = apply_answer (call, response, &answer_error);

    _gst_sip_dialog_refresh_target (call->dialog, response);
    if (!was_update) {
      gst_sip_message_get_cseq (response, &seq, NULL);
      g_clear_pointer (&call->ack, gst_sip_message_unref);
      call->ack = _gst_sip_dialog_create_request (call->dialog, "ACK", seq);
      send_ack (call);
    }
    if (!answer_ok) {
      /* an answer we refuse (such as plain RTP where the m-line runs
       * SRTP): the peer applied the session of our offer and ours stays
       * as it was, so the media no longer match.  RFC 3264 leaves no way
       * to refuse an answer; rather than offer the previous session again
       * and carry on with media the peer may not send as we expect, the
       * call ends, as for a refused answer to the first INVITE */
      GST_WARNING (
          "call %s: ending the call after a refused answer", call->call_id);
      if (call->negotiator)
        gst_sip_sdp_negotiator_set_direction (
            call->negotiator, call->previous_direction);
      _gst_sip_task_list_return (&call->reoffer_tasks, 0, answer_error);
      send_bye (call, "SIP;cause=488");
      end_call (call, 488, answer_error->message, NULL);
      g_error_free (answer_error);
      goto done;
    }
    start_session_timer (call, response, TRUE);
    _gst_sip_task_list_return (&call->reoffer_tasks, code, NULL);
    run_queued_offer (call);
    goto done;
  }

  if (call->negotiator)
    gst_sip_sdp_negotiator_cancel_offer (call->negotiator);

  if (code == 491) {
    /* 14.1: glare; wait 2.1-4 s when we own the Call-ID, else 0-2 s (in
     * units of T1 / 500 ms, so that tests run fast) */
    guint lo = call->direction == GST_SIP_CALL_DIRECTION_OUTGOING ? 2100 : 0;
    guint hi = call->direction == GST_SIP_CALL_DIRECTION_OUTGOING ? 4000 : 2000;
    guint delay =
        (guint) ((guint64) g_random_int_range (lo, hi + 1) * t1 (call) / 500);

    GST_INFO ("call %s: glare, offering again in %u ms", call->call_id, delay);
    call->glare_use_update = was_update;
    _gst_sip_timer_queue_schedule (timers (call), &call->glare_timer, delay);
    goto done;
  }

  if (call->negotiator)
    gst_sip_sdp_negotiator_set_direction (
        call->negotiator, call->previous_direction);
  _gst_sip_task_list_return (
      &call->reoffer_tasks, code, response ? NULL : error);
  /* 12.2.1.2: the dialog is gone */
  if (!response || code == 481 || code == 408)
    end_call (call, code ? code : 408,
        response ? gst_sip_message_get_reason_phrase (response)
                 : error->message,
        NULL);
  else
    run_queued_offer (call);

done:
  g_object_unref (call);
}

static void
reoffer (GstSipCall *call, gboolean use_update)
{
  GstSDPMessage *offer;
  GError *error = NULL;
  GstSipMessage *request;
  InDialogRequest *r;

  offer = gst_sip_sdp_negotiator_create_offer (call->negotiator, &error);
  if (!offer) {
    _gst_sip_task_list_return (&call->reoffer_tasks, 0, error);
    g_error_free (error);
    return;
  }

  request = _gst_sip_dialog_create_request (
      call->dialog, use_update ? "UPDATE" : "INVITE", 0);
  set_sdp_body (request, offer);
  gst_sdp_message_free (offer);
  add_capabilities (call, request);
  if (call->session_interval)
    add_session_expires (request, call->session_interval, "uac", call->min_se);
  notify_descriptions (call);

  call->reoffer_pending = TRUE;
  r = g_new0 (InDialogRequest, 1);
  r->call = g_object_ref (call);
  r->request = request;
  r->done = reoffer_done;
  r->data = GINT_TO_POINTER (use_update);
  unref_transaction (send_in_dialog_request (call, r));
}

static void
session_refresh (GstSipCall *call)
{
  GstSipMessage *request;
  InDialogRequest *r;

  if (call->state != GST_SIP_CALL_STATE_ESTABLISHED)
    return;
  if (call->reoffer_pending || call->ok) {
    /* an exchange is under way: try again shortly */
    _gst_sip_timer_queue_schedule (
        timers (call), &call->session_timer, t1 (call));
    return;
  }
  /* RFC 4028 7.4: UPDATE when the peer allows it, no new offer needed */
  if (!call->peer_allows_update && call->negotiator) {
    call->previous_direction =
        gst_sip_sdp_negotiator_get_direction (call->negotiator);
    reoffer (call, FALSE);
    return;
  }
  request = _gst_sip_dialog_create_request (
      call->dialog, call->peer_allows_update ? "UPDATE" : "INVITE", 0);
  add_capabilities (call, request);
  add_session_expires (request, call->session_interval, "uac", call->min_se);
  call->reoffer_pending = TRUE;
  r = g_new0 (InDialogRequest, 1);
  r->call = g_object_ref (call);
  r->request = request;
  r->done = reoffer_done;
  r->data = GINT_TO_POINTER (call->peer_allows_update);
  unref_transaction (send_in_dialog_request (call, r));
}

/* ---------------------------------------------------------------------- */
/* requests in the dialog */

static void
reply (GstSipCall *call, GstSipServerTransaction *tx, guint code,
    const gchar *reason)
{
  GstSipMessage *response = create_response (call, tx, code, reason);

  respond (tx, response, NULL);
  gst_sip_message_unref (response);
}

/* a re-INVITE (13.3) or UPDATE (RFC 3311) from the peer */
static void
handle_offer_request (GstSipCall *call, GstSipServerTransaction *tx,
    GstSipMessage *request, gboolean is_update)
{
  GstSDPMessage *offer = NULL, *sdp = NULL;
  GstSipMessage *response;
  gboolean has_offer = FALSE;
  GError *error = NULL;

  /* 14.2 and RFC 3311 5.2: one offer at a time */
  if (call->reoffer_pending || call->ok ||
      (call->negotiator &&
          gst_sip_sdp_negotiator_has_pending_offer (call->negotiator))) {
    reply (call, tx, 491, NULL);
    return;
  }
  if (!get_sdp_body (request, &offer)) {
    reply (call, tx, 400, "Malformed SDP");
    return;
  }

  if (offer) {
    sdp = call->negotiator
        ? gst_sip_sdp_negotiator_create_answer (call->negotiator, offer, &error)
        : NULL;
    gst_sdp_message_free (offer);
    if (!sdp) {
      /* 14.2: a refused re-offer leaves the session as it was */
      reply (call, tx, 488, NULL);
      g_clear_error (&error);
      return;
    }
  } else if (!is_update && call->negotiator) {
    sdp = gst_sip_sdp_negotiator_create_offer (call->negotiator, NULL);
    has_offer = sdp != NULL;
  }

  _gst_sip_dialog_refresh_target (call->dialog, request);
  response = create_response (call, tx, 200, NULL);
  add_capabilities (call, response);
  answer_session_timer (call, request, response);
  if (sdp) {
    set_sdp_body (response, sdp);
    gst_sdp_message_free (sdp);
  }
  if (is_update) {
    respond (tx, response, NULL);
    start_session_timer (call, response, FALSE);
  } else {
    send_ok (call, tx, response, has_offer, NULL);
  }
  gst_sip_message_unref (response);
  notify_descriptions (call);
}

static void
handle_prack (
    GstSipCall *call, GstSipServerTransaction *tx, GstSipMessage *request)
{
  const gchar *rack = gst_sip_message_get_header (request, "RAck");
  guint64 rseq = 0;

  /* RFC 3262 7.2: RAck = response-num CSeq-num Method */
  if (rack) {
    gchar **parts = g_strsplit (rack, " ", 2);

    if (!parts[0] ||
        !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT32, &rseq, NULL))
      rseq = 0;
    g_strfreev (parts);
  }
  if (!call->reliable || rseq != call->rseq) {
    reply (call, tx, 481, NULL);
    return;
  }
  _gst_sip_timer_queue_cancel (timers (call), &call->reliable_timer);
  g_clear_pointer (&call->reliable, gst_sip_message_unref);
  reply (call, tx, 200, NULL);
}

/* application/dtmf-relay: "Signal=5\r\nDuration=160\r\n" */
static gboolean
parse_dtmf_relay (GBytes *body, gchar *digit, guint *duration)
{
  gsize len;
  const gchar *data = body ? g_bytes_get_data (body, &len) : NULL;
  gchar *text, **lines;
  gboolean found = FALSE;
  guint i;

  if (!data)
    return FALSE;
  text = g_strndup (data, len);
  lines = g_strsplit_set (text, "\r\n", -1);
  *duration = 250;
  for (i = 0; lines[i]; i++) {
    gchar **kv = g_strsplit (lines[i], "=", 2);

    if (kv[0] && kv[1]) {
      g_strstrip (kv[0]);
      g_strstrip (kv[1]);
      if (g_ascii_strcasecmp (kv[0], "Signal") == 0 && strlen (kv[1]) == 1 &&
          strchr ("0123456789*#ABCDabcd", kv[1][0])) {
        *digit = g_ascii_toupper (kv[1][0]);
        found = TRUE;
      } else if (g_ascii_strcasecmp (kv[0], "Duration") == 0) {
        *duration = atoi (kv[1]);
      }
    }
    g_strfreev (kv);
  }
  g_strfreev (lines);
  g_free (text);
  return found;
}

static void handle_refer (
    GstSipCall *call, GstSipServerTransaction *tx, GstSipMessage *request);

gboolean
_gst_sip_call_handle_request (
    GstSipCall *call, GstSipServerTransaction *tx, GstSipMessage *request)
{
  GstSipDialog *dialog = call->dialog;
  gboolean handled = FALSE;

  if (call->state == GST_SIP_CALL_STATE_ENDED || !dialog)
    return FALSE;

  g_object_ref (call);
  if (!_gst_sip_dialog_check_request (dialog, request)) {
    reply (call, tx, 500, "CSeq Out of Order");
    goto done;
  }

  switch (gst_sip_message_get_method (request)) {
    case GST_SIP_METHOD_BYE:
      reply (call, tx, 200, NULL);
      if (call->invite_stx && call->state != GST_SIP_CALL_STATE_ANSWERING &&
          call->state != GST_SIP_CALL_STATE_ESTABLISHED) {
        /* 15.1.2: a BYE in the early dialog ends the INVITE with 487 */
        gst_sip_server_transaction_reply (call->invite_stx, 487, NULL, NULL);
        end_call (call, 487, NULL, NULL);
      } else {
        end_call (call, 200, _ ("Hung up by the peer"), NULL);
      }
      break;
    case GST_SIP_METHOD_INVITE:
      if (call->state != GST_SIP_CALL_STATE_ESTABLISHED)
        reply (call, tx, 491, NULL);
      else
        handle_offer_request (call, tx, request, FALSE);
      break;
    case GST_SIP_METHOD_UPDATE:
      handle_offer_request (call, tx, request, TRUE);
      break;
    case GST_SIP_METHOD_PRACK:
      handle_prack (call, tx, request);
      break;
    case GST_SIP_METHOD_INFO: {
      GBytes *body = gst_sip_message_get_body (request);
      gchar digit[2] = { 0, 0 };
      guint duration;

      if (gst_sip_message_has_content_type (
              request, "application/dtmf-relay") &&
          parse_dtmf_relay (body, &digit[0], &duration)) {
        reply (call, tx, 200, NULL);
        g_signal_emit (call, signals[SIGNAL_DTMF_RECEIVED], 0, digit, duration);
      } else {
        g_signal_emit (
            call, signals[SIGNAL_INFO_RECEIVED], 0, request, &handled);
        if (handled) {
          reply (call, tx, 200, NULL);
        } else {
          /* RFC 6086 4.2.2: no such Info Package here */
          GstSipMessage *response = create_response (call, tx, 415, NULL);

          gst_sip_message_set_header (
              response, "Accept", "application/dtmf-relay");
          respond (tx, response, NULL);
          gst_sip_message_unref (response);
        }
      }
      if (body)
        g_bytes_unref (body);
      break;
    }
    case GST_SIP_METHOD_MESSAGE:
      reply (call, tx, 200, NULL);
      g_signal_emit (call, signals[SIGNAL_MESSAGE_RECEIVED], 0, request);
      break;
    case GST_SIP_METHOD_OPTIONS:
      _gst_sip_user_agent_answer_options (call->ua, tx);
      break;
    case GST_SIP_METHOD_REFER:
      handle_refer (call, tx, request);
      break;
    default:
      reply (call, tx, 501, NULL);
      break;
  }

done:
  g_object_unref (call);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* transfer (RFC 3515), as the transferee */

typedef struct
{
  GstSipCall *call;
  GstSipCall *target;
  guint32 refer_cseq;
  gulong handler;
} Transfer;

static void
transfer_free (gpointer data, GClosure *closure)
{
  Transfer *t = data;

  g_object_unref (t->call);
  g_free (t);
}

/* the transferor learnt that the new call is up: this one is over, as
 * #GstSipCall::transfer-requested promises (RFC 5589 6.1) */
static void
transfer_notified (GstSipCall *call, GstSipMessage *response,
    const GError *error, gpointer data)
{
  gst_sip_call_hangup (call);
}

static void
send_notify (GstSipCall *call, guint32 refer_cseq, guint code,
    const gchar *reason, gboolean final)
{
  GstSipMessage *notify;
  InDialogRequest *r;
  gchar *frag, *event;
  GBytes *body;

  if (call->state == GST_SIP_CALL_STATE_ENDED || !call->dialog)
    return;
  notify = _gst_sip_dialog_create_request (call->dialog, "NOTIFY", 0);
  event = g_strdup_printf ("refer;id=%u", refer_cseq);
  gst_sip_message_set_header (notify, "Event", event);
  g_free (event);
  gst_sip_message_set_header (notify, "Subscription-State",
      final ? "terminated;reason=noresource" : "active;expires=60");
  frag = g_strdup_printf ("SIP/2.0 %u %s\r\n", code,
      reason ? reason : gst_sip_status_get_phrase (code));
  body = g_bytes_new_take (frag, strlen (frag));
  gst_sip_message_set_body (notify, "message/sipfrag;version=2.0", body);
  g_bytes_unref (body);

  r = g_new0 (InDialogRequest, 1);
  r->call = g_object_ref (call);
  r->request = notify;
  if (final && GST_SIP_STATUS_IS_SUCCESS (code))
    r->done = transfer_notified;
  unref_transaction (send_in_dialog_request (call, r));
}

static void
transfer_progress (GstSipCall *target, GParamSpec *pspec, Transfer *t)
{
  switch (target->state) {
    case GST_SIP_CALL_STATE_RINGING:
      send_notify (t->call, t->refer_cseq, 180, NULL, FALSE);
      break;
    case GST_SIP_CALL_STATE_ESTABLISHED:
      send_notify (t->call, t->refer_cseq, 200, NULL, TRUE);
      g_signal_handler_disconnect (target, t->handler);
      break;
    case GST_SIP_CALL_STATE_ENDED:
      send_notify (t->call, t->refer_cseq,
          target->status_code >= 300 ? target->status_code : 487,
          target->reason, TRUE);
      g_signal_handler_disconnect (target, t->handler);
      break;
    default:
      break;
  }
}

static void
handle_refer (
    GstSipCall *call, GstSipServerTransaction *tx, GstSipMessage *request)
{
  GList *refer_to = gst_sip_message_get_addresses (request, "Refer-To");
  GstSipCall *target;
  gboolean handled = FALSE;
  gchar *uri;
  Transfer *t;

  if (!refer_to || !gst_sip_address_get_uri (refer_to->data)) {
    g_list_free_full (refer_to, (GDestroyNotify) gst_sip_address_free);
    reply (call, tx, 400, "Missing Refer-To");
    return;
  }
  uri = gst_sip_uri_to_string (gst_sip_address_get_uri (refer_to->data));
  g_list_free_full (refer_to, (GDestroyNotify) gst_sip_address_free);

  target = gst_sip_call_new (call->ua, call->account);
  g_signal_emit (
      call, signals[SIGNAL_TRANSFER_REQUESTED], 0, target, uri, &handled);
  if (!handled) {
    reply (call, tx, 603, NULL);
    g_object_unref (target);
    g_free (uri);
    return;
  }

  GST_INFO ("call %s: transferred to %s", call->call_id, uri);
  reply (call, tx, 202, NULL);
  t = g_new0 (Transfer, 1);
  t->call = g_object_ref (call);
  gst_sip_message_get_cseq (request, &t->refer_cseq, NULL);
  send_notify (call, t->refer_cseq, 100, NULL, FALSE);
  t->handler = g_signal_connect_data (target, "notify::state",
      G_CALLBACK (transfer_progress), t, transfer_free, 0);
  /* the new call has its own life in the user agent once dialed */
  if (target->state != GST_SIP_CALL_STATE_IDLE)
    transfer_progress (target, NULL, t);
  g_object_unref (target);
  g_free (uri);
}

/* ---------------------------------------------------------------------- */
/* ending */

static void
bye_done (GstSipCall *call, GstSipMessage *response, const GError *error,
    gpointer data)
{
  guint code = response ? gst_sip_message_get_status_code (response) : 0;

  /* 15.1.1: the call is over whatever the answer; the status tells whether
   * the peer confirmed the BYE */
  if (GST_SIP_STATUS_IS_SUCCESS (code))
    end_call (call, 200, _ ("Hung up"), NULL);
  else if (response)
    end_call (call, code, gst_sip_message_get_reason_phrase (response), NULL);
  else
    end_call (call, error && error->code == GST_SIP_ERROR_TIMEOUT ? 408 : 503,
        error ? error->message : NULL, NULL);
}

static void
send_bye (GstSipCall *call, const gchar *reason)
{
  GstSipMessage *bye;
  InDialogRequest *r;

  if (!call->dialog)
    return;
  bye = _gst_sip_dialog_create_request (call->dialog, "BYE", 0);
  if (reason)
    gst_sip_message_set_header (bye, "Reason", reason);
  r = g_new0 (InDialogRequest, 1);
  r->call = g_object_ref (call);
  r->request = bye;
  r->done = bye_done;
  unref_transaction (send_in_dialog_request (call, r));
}

/**
 * gst_sip_call_hangup:
 * @call: a #GstSipCall
 *
 * Ends the call whatever its state: an outgoing call that was not answered
 * yet is cancelled (a 2xx that crosses the CANCEL is acknowledged and hung
 * up), an incoming call that was not answered is declined with 603, and an
 * established call gets a BYE.
 *
 * Since: 0.1
 */
void
gst_sip_call_hangup (GstSipCall *call)
{
  g_return_if_fail (GST_IS_SIP_CALL (call));

  g_object_ref (call);
  switch (call->state) {
    case GST_SIP_CALL_STATE_IDLE:
      end_call (call, 0, _ ("Hung up"), NULL);
      break;
    case GST_SIP_CALL_STATE_CALLING:
    case GST_SIP_CALL_STATE_PROCEEDING:
    case GST_SIP_CALL_STATE_EARLY:
    case GST_SIP_CALL_STATE_RINGING:
      if (call->direction == GST_SIP_CALL_DIRECTION_INCOMING) {
        gst_sip_call_reject (call, 603, NULL, NULL);
      } else {
        call->hangup_requested = TRUE;
        set_state (call, GST_SIP_CALL_STATE_ENDING);
        if (!call->invite_tx ||
            !gst_sip_client_transaction_cancel (call->invite_tx, NULL))
          end_call (call, 487, _ ("Hung up"), NULL);
      }
      break;
    case GST_SIP_CALL_STATE_ANSWERING:
      /* 15: no BYE before the ACK of our 2xx */
      call->hangup_requested = TRUE;
      break;
    case GST_SIP_CALL_STATE_ESTABLISHED:
      set_state (call, GST_SIP_CALL_STATE_ENDING);
      send_bye (call, NULL);
      break;
    case GST_SIP_CALL_STATE_ENDING:
    case GST_SIP_CALL_STATE_ENDED:
      break;
  }
  g_object_unref (call);
}

void
_gst_sip_call_abort (GstSipCall *call)
{
  if (call->state == GST_SIP_CALL_STATE_ESTABLISHED)
    send_bye (call, NULL);
  end_call (call, 503, _ ("The user agent was closed"), NULL);
}

/* ---------------------------------------------------------------------- */
/* dialing */

static GstSipAddress *
caller_address (GstSipCall *call)
{
  GstSipAddress *from = NULL;

  if (call->account) {
    GstSipUri *aor =
        gst_sip_uri_new (gst_sip_account_get_aor (call->account), NULL);

    from = gst_sip_address_new (
        aor, _gst_sip_account_get_display_name (call->account));
    gst_sip_uri_free (aor);
  } else {
    gchar *text = NULL;

    g_object_get (call->ua, "from", &text, NULL);
    from = gst_sip_address_new_from_string (text, NULL);
    g_free (text);
  }
  return from;
}

static void
dial_cancel_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static gboolean
dial_cancelled_in_context (gpointer data)
{
  GstSipCall *call = g_weak_ref_get (data);

  if (call) {
    gst_sip_call_hangup (call);
    g_object_unref (call);
  }
  return G_SOURCE_REMOVE;
}

/* the cancellable may outlive the call (an application reuses one for
 * every dial): it holds a weak reference only.  It may be cancelled from
 * any thread: the hangup runs on the user agent's context */
static void
dial_cancelled (GCancellable *cancellable, GWeakRef *ref)
{
  GstSipCall *call = g_weak_ref_get (ref);
  GWeakRef *hangup_ref;

  if (call) {
    hangup_ref = g_new0 (GWeakRef, 1);
    g_weak_ref_init (hangup_ref, call);
    g_main_context_invoke_full (gst_sip_user_agent_get_context (call->ua),
        G_PRIORITY_DEFAULT, dial_cancelled_in_context, hangup_ref,
        (GDestroyNotify) dial_cancel_ref_free);
    g_object_unref (call);
  }
}

/**
 * gst_sip_call_dial_async:
 * @call: a new outgoing #GstSipCall with a negotiator
 * @uri: whom to call, such as `sip:bob@example.com`
 * @cancellable: (nullable): a #GCancellable; cancelling hangs up, from any
 *   thread.  Already cancelled, the call is not placed and the result is
 *   %G_IO_ERROR_CANCELLED
 * @callback: (scope async): called once the INVITE has a final answer
 * @user_data: data for @callback
 *
 * Places the call: from the account's address of record through its
 * outbound proxy and with its credentials, or, without an account, from
 * the user agent's #GstSipUserAgent:from straight to @uri.
 *
 * Since: 0.1
 */
void
gst_sip_call_dial_async (GstSipCall *call, const gchar *uri,
    GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GstSipUri *target, *to_uri;
  GstSipAddress *from, *to;
  GError *error = NULL;
  GTask *task;
  GstSDPMessage *offer = NULL;
  GstSipTransportProtocol transport = GST_SIP_TRANSPORT_PROTOCOL_UDP;

  g_return_if_fail (GST_IS_SIP_CALL (call));
  g_return_if_fail (uri != NULL);

  task = g_task_new (call, cancellable, callback, user_data);
  g_task_set_source_tag (task, gst_sip_call_dial_async);
  g_task_set_check_cancellable (task, FALSE);

  if (call->state != GST_SIP_CALL_STATE_IDLE ||
      call->direction != GST_SIP_CALL_DIRECTION_OUTGOING) {
    g_task_return_new_error (task, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
        _ ("The call was dialed already"));
    g_object_unref (task);
    return;
  }
  /* cancelled before it started: nothing is sent, the call stays idle */
  if (g_task_return_error_if_cancelled (task)) {
    g_object_unref (task);
    return;
  }
  if (!check_negotiator (call, &error) ||
      !(target = gst_sip_uri_new (uri, &error))) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  if (!call->late_offer) {
    offer = gst_sip_sdp_negotiator_create_offer (call->negotiator, &error);
    if (!offer) {
      g_task_return_error (task, error);
      g_object_unref (task);
      gst_sip_uri_free (target);
      return;
    }
  }

  if (call->account) {
    transport = _gst_sip_account_get_transport (call->account);
    _gst_sip_credentials_clear (&call->auth.credentials);
    _gst_sip_credentials_copy (&call->auth.credentials,
        _gst_sip_account_get_credentials (call->account));
  }
  if (transport != GST_SIP_TRANSPORT_PROTOCOL_UDP &&
      !gst_sip_uri_has_param (target, "transport")) {
    gchar *name =
        g_ascii_strdown (gst_sip_transport_protocol_to_string (transport), -1);

    gst_sip_uri_set_param (target, "transport", name);
    g_free (name);
  }

  call->invite = gst_sip_message_new_request ("INVITE", target);
  call->local_tag = compact_string (_gst_sip_new_token (64));
  call->call_id = compact_string (_gst_sip_new_token (128));
  from = caller_address (call);
  call->local_uri =
      compact_string (gst_sip_uri_to_string (gst_sip_address_get_uri (from)));
  gst_sip_address_set_tag (from, call->local_tag);
  gst_sip_message_set_from (call->invite, from);
  gst_sip_address_free (from);
  to_uri = gst_sip_uri_copy (target);
  gst_sip_uri_remove_param (to_uri, "transport");
  gst_sip_uri_remove_param (to_uri, "lr");
  gst_sip_uri_remove_param (to_uri, "maddr");
  to = gst_sip_address_new (to_uri, NULL);
  gst_sip_message_set_to (call->invite, to);
  call->remote_uri = compact_string (gst_sip_uri_to_string (to_uri));
  gst_sip_address_free (to);
  gst_sip_uri_free (to_uri);
  gst_sip_uri_free (target);
  gst_sip_message_set_call_id (call->invite, call->call_id);
  gst_sip_message_set_cseq (call->invite, 1, "INVITE");
  gst_sip_message_set_max_forwards (call->invite, 70);

  if (call->account && _gst_sip_account_get_proxy (call->account)) {
    GstSipUri *proxy =
        gst_sip_uri_new (_gst_sip_account_get_proxy (call->account), NULL);

    if (proxy) {
      GstSipAddress *route;

      gst_sip_uri_set_param (proxy, "lr", NULL);
      if (transport != GST_SIP_TRANSPORT_PROTOCOL_UDP &&
          !gst_sip_uri_has_param (proxy, "transport")) {
        gchar *name = g_ascii_strdown (
            gst_sip_transport_protocol_to_string (transport), -1);

        gst_sip_uri_set_param (proxy, "transport", name);
        g_free (name);
      }
      route = gst_sip_address_new (proxy, NULL);
      gst_sip_message_append_address (call->invite, "Route", route);
      gst_sip_address_free (route);
      gst_sip_uri_free (proxy);
    }
  }
  add_capabilities (call, call->invite);
  if (call->session_expires && timers_supported (call))
    add_session_expires (call->invite,
        MAX (call->session_expires, call->min_se), NULL, call->min_se);
  if (offer) {
    set_sdp_body (call->invite, offer);
    gst_sdp_message_free (offer);
    notify_descriptions (call);
  }

  {
    gchar *key = early_key (call);

    _gst_sip_user_agent_add_dialog (call->ua, key, call);
    g_free (key);
  }
  _gst_sip_user_agent_hold_call (call->ua, call, TRUE);
  call->dial_tasks = g_list_append (call->dial_tasks, task);
  if (cancellable) {
    GWeakRef *ref = g_new0 (GWeakRef, 1);

    g_weak_ref_init (ref, call);
    g_cancellable_connect (cancellable, G_CALLBACK (dial_cancelled), ref,
        (GDestroyNotify) dial_cancel_ref_free);
  }
  set_state (call, GST_SIP_CALL_STATE_CALLING);
  _gst_sip_timer_queue_schedule (
      timers (call), &call->timer_c, call->invite_timeout * 1000);
  send_invite (call);
}

/**
 * gst_sip_call_dial_finish:
 * @call: a #GstSipCall
 * @result: the #GAsyncResult
 * @error: return location for a #GError, or %NULL
 *
 * Returns: the status code of the final response: a 2xx when the call is
 *   established, or the refusal (486, 603, 487 after a hangup, ...: a result,
 *   not an error); 0 with @error set when there was no final response
 *   (%GST_SIP_ERROR_TIMEOUT, %GST_SIP_ERROR_TRANSPORT, %GST_SIP_ERROR_RESOLVE),
 *   authentication failed, or the call could not be placed
 *
 * Since: 0.1
 */
guint
gst_sip_call_dial_finish (
    GstSipCall *call, GAsyncResult *result, GError **error)
{
  gssize code;

  g_return_val_if_fail (g_task_is_valid (result, call), 0);
  code = g_task_propagate_int (G_TASK (result), error);
  return code < 0 ? 0 : (guint) code;
}

/* ---------------------------------------------------------------------- */
/* in the established call */

static gboolean
check_established (GstSipCall *call, GError **error)
{
  if (call->state != GST_SIP_CALL_STATE_ESTABLISHED || !call->dialog) {
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
        _ ("The call is not established"));
    return FALSE;
  }
  return TRUE;
}

/* an offer/answer exchange is under way: ours (including a glare back-off)
 * or the peer's, whose 2xx waits for its ACK */
static gboolean
offer_busy (GstSipCall *call)
{
  return call->reoffer_pending || call->reoffer_tasks || call->ok;
}

/* watches the task's cancellable; an already cancelled one fails the task
 * at once */
static gboolean
watch_task (GstSipCall *call, GTask *task, GstSipTaskCancelFunc func)
{
  if (_gst_sip_task_watch (task, G_OBJECT (call),
          gst_sip_user_agent_get_context (call->ua), func))
    return TRUE;
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return FALSE;
}

/* a cancelled hold or renegotiation: an offer still queued is never sent;
 * one under way goes on (RFC 3261 14.1 has no way back), only the wait
 * for its answer ends */
static void
reoffer_cancelled (GObject *owner, GTask *task)
{
  GstSipCall *call = GST_SIP_CALL (owner);
  GList *l;

  if (_gst_sip_task_list_cancel (&call->reoffer_tasks, task))
    return;
  for (l = call->queued_offers.head; l; l = l->next)
    if (((QueuedOffer *) l->data)->task == task)
      break;
  if (!l)
    return;
  g_free (l->data);
  g_queue_delete_link (&call->queued_offers, l);
  _gst_sip_task_unwatch (task);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
}

static void
start_reoffer (
    GstSipCall *call, gboolean use_update, gint direction, GTask *task)
{
  GError *error = NULL;

  if (!check_established (call, &error) || !check_negotiator (call, &error)) {
    _gst_sip_task_unwatch (task);
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  if (offer_busy (call)) {
    QueuedOffer *q = g_new0 (QueuedOffer, 1);

    GST_DEBUG (
        "call %s: an exchange is under way, the offer waits", call->call_id);
    q->task = task;
    q->use_update = use_update;
    q->direction = direction;
    g_queue_push_tail (&call->queued_offers, q);
    return;
  }
  call->previous_direction =
      gst_sip_sdp_negotiator_get_direction (call->negotiator);
  if (direction >= 0)
    gst_sip_sdp_negotiator_set_direction (
        call->negotiator, (GstSipMediaDirection) direction);
  call->reoffer_tasks = g_list_append (call->reoffer_tasks, task);
  reoffer (call, use_update);
}

/* the dialog is free again: the next offer the application queued */
static void
run_queued_offer (GstSipCall *call)
{
  QueuedOffer *q;

  if (offer_busy (call) || call->state != GST_SIP_CALL_STATE_ESTABLISHED)
    return;
  while ((q = g_queue_pop_head (&call->queued_offers))) {
    GTask *task = q->task;
    gboolean use_update = q->use_update;
    gint direction = q->direction;

    g_free (q);
    /* cancelled while it waited: its handler may not have run yet */
    if (g_task_return_error_if_cancelled (task)) {
      _gst_sip_task_unwatch (task);
      g_object_unref (task);
      continue;
    }
    start_reoffer (call, use_update, direction, task);
    break;
  }
}

/**
 * gst_sip_call_hold_async:
 * @call: an established #GstSipCall
 * @hold: %TRUE to put the call on hold (`sendonly`), %FALSE to resume
 *   (`sendrecv`)
 * @cancellable: (nullable): a #GCancellable; cancelling it ends the
 *   wait with %G_IO_ERROR_CANCELLED: an offer still waiting for another
 *   exchange is dropped, one already sent completes
 * @callback: (scope async): called with the final response
 * @user_data: data for @callback
 *
 * Sends a re-INVITE with the new direction.  While another offer/answer
 * exchange is under way (ours, or the peer's waiting for its ACK) the
 * re-INVITE waits for it to end.  A 491 (glare) is retried after the
 * RFC 3261 back-off; a refusal restores the previous direction.
 *
 * Since: 0.1
 */
void
gst_sip_call_hold_async (GstSipCall *call, gboolean hold,
    GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (GST_IS_SIP_CALL (call));

  task = g_task_new (call, cancellable, callback, user_data);
  g_task_set_source_tag (task, gst_sip_call_hold_async);
  g_task_set_check_cancellable (task, FALSE);
  if (!watch_task (call, task, reoffer_cancelled))
    return;
  start_reoffer (call, FALSE,
      hold ? GST_SIP_MEDIA_DIRECTION_SENDONLY
           : GST_SIP_MEDIA_DIRECTION_SENDRECV,
      task);
}

/**
 * gst_sip_call_hold_finish:
 * @call: a #GstSipCall
 * @result: the #GAsyncResult
 * @error: return location for a #GError, or %NULL
 *
 * Returns: the status code of the final response to the re-INVITE, or 0
 *   with @error set
 *
 * Since: 0.1
 */
guint
gst_sip_call_hold_finish (
    GstSipCall *call, GAsyncResult *result, GError **error)
{
  return gst_sip_call_dial_finish (call, result, error);
}

/**
 * gst_sip_call_renegotiate_async:
 * @call: an established #GstSipCall
 * @use_update: %TRUE to send the new offer in an UPDATE (RFC 3311),
 *   %FALSE in a re-INVITE
 * @cancellable: (nullable): a #GCancellable; cancelling it ends the
 *   wait with %G_IO_ERROR_CANCELLED: an offer still waiting for another
 *   exchange is dropped, one already sent completes
 * @callback: (scope async): called with the final response
 * @user_data: data for @callback
 *
 * Offers the negotiator's current media again, for instance after a codec,
 * address or port change.  An answer the negotiator refuses (see
 * gst_sip_sdp_negotiator_set_answer()) ends the call with a BYE (Reason
 * cause 488), and the task with that error.
 *
 * Since: 0.1
 */
void
gst_sip_call_renegotiate_async (GstSipCall *call, gboolean use_update,
    GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (GST_IS_SIP_CALL (call));

  task = g_task_new (call, cancellable, callback, user_data);
  g_task_set_source_tag (task, gst_sip_call_renegotiate_async);
  g_task_set_check_cancellable (task, FALSE);
  if (!watch_task (call, task, reoffer_cancelled))
    return;
  start_reoffer (call, use_update, -1, task);
}

/**
 * gst_sip_call_renegotiate_finish:
 * @call: a #GstSipCall
 * @result: the #GAsyncResult
 * @error: return location for a #GError, or %NULL
 *
 * Returns: the status code of the final response, or 0 with @error set
 *
 * Since: 0.1
 */
guint
gst_sip_call_renegotiate_finish (
    GstSipCall *call, GAsyncResult *result, GError **error)
{
  return gst_sip_call_dial_finish (call, result, error);
}

/**
 * gst_sip_call_send_dtmf:
 * @call: an established #GstSipCall
 * @digit: the digit, a string of one of `0`-`9`, `*`, `#` or `A`-`D`
 *   (case does not matter), as #GstSipCall::dtmf-received gives them
 * @duration_ms: the tone duration in milliseconds
 * @error: return location for a #GError, or %NULL
 *
 * Sends a DTMF digit in an INFO request (application/dtmf-relay).  RFC 4733
 * telephone events travel with the media instead (sipcallbin).  Anything
 * else in @digit fails with %GST_SIP_ERROR_INVALID_ARGUMENT.
 *
 * Returns: %TRUE if the INFO was sent
 *
 * Since: 0.1
 */
gboolean
gst_sip_call_send_dtmf (
    GstSipCall *call, const gchar *digit, guint duration_ms, GError **error)
{
  gchar *text;
  GBytes *body;

  g_return_val_if_fail (GST_IS_SIP_CALL (call), FALSE);
  g_return_val_if_fail (digit != NULL, FALSE);

  if (digit[0] == '\0' || digit[1] != '\0' ||
      !strchr ("0123456789*#ABCDabcd", digit[0])) {
    gchar *shown = g_utf8_make_valid (digit, -1);

    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_ARGUMENT,
        _ ("“%s” is not a DTMF digit"), shown);
    g_free (shown);
    return FALSE;
  }
  if (!check_established (call, error))
    return FALSE;
  text = g_strdup_printf (
      "Signal=%c\r\nDuration=%u\r\n", g_ascii_toupper (digit[0]), duration_ms);
  body = g_bytes_new_take (text, strlen (text));
  unref_transaction (request_in_dialog (call, call->dialog, "INFO",
      "application/dtmf-relay", body, NULL, NULL, NULL));
  g_bytes_unref (body);
  return TRUE;
}

#define CANCELLED_KEY "gst-sip-cancelled"

static void
send_request_cancelled (GObject *owner, GTask *task)
{
  /* the request goes on; its answer will find the task returned */
  _gst_sip_task_unwatch (task);
  g_object_set_data (G_OBJECT (task), CANCELLED_KEY, GINT_TO_POINTER (1));
  g_task_return_error_if_cancelled (task);
}

static void
send_request_done (GstSipCall *call, GstSipMessage *response,
    const GError *error, gpointer data)
{
  GTask *task = data;

  if (g_object_get_data (G_OBJECT (task), CANCELLED_KEY))
    return;
  _gst_sip_task_unwatch (task);
  if (response)
    g_task_return_pointer (task, gst_sip_message_ref (response),
        (GDestroyNotify) gst_sip_message_unref);
  else
    g_task_return_error (task, g_error_copy (error));
}

/**
 * gst_sip_call_send_request_async:
 * @call: an established #GstSipCall
 * @method: `INFO`, `MESSAGE`, `OPTIONS` or an extension method
 * @content_type: (nullable): the media type of @body
 * @body: (nullable): the body
 * @cancellable: (nullable): a #GCancellable; cancelling it ends the
 *   wait with %G_IO_ERROR_CANCELLED (the request itself goes on)
 * @callback: (scope async): called with the final response
 * @user_data: data for @callback
 *
 * Sends a request inside the call's dialog.
 *
 * Since: 0.1
 */
void
gst_sip_call_send_request_async (GstSipCall *call, const gchar *method,
    const gchar *content_type, GBytes *body, GCancellable *cancellable,
    GAsyncReadyCallback callback, gpointer user_data)
{
  GstSipMethod m;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (GST_IS_SIP_CALL (call));
  g_return_if_fail (method != NULL);
  m = gst_sip_method_from_string (method);
  g_return_if_fail (m != GST_SIP_METHOD_INVITE && m != GST_SIP_METHOD_ACK &&
      m != GST_SIP_METHOD_CANCEL && m != GST_SIP_METHOD_BYE &&
      m != GST_SIP_METHOD_PRACK);

  task = g_task_new (call, cancellable, callback, user_data);
  g_task_set_source_tag (task, gst_sip_call_send_request_async);
  g_task_set_check_cancellable (task, FALSE);
  if (!check_established (call, &error)) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  if (!watch_task (call, task, send_request_cancelled))
    return;
  unref_transaction (request_in_dialog (call, call->dialog, method,
      content_type, body, send_request_done, task, g_object_unref));
}

/**
 * gst_sip_call_send_request_finish:
 * @call: a #GstSipCall
 * @result: the #GAsyncResult
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the final response, or %NULL with
 *   @error set
 *
 * Since: 0.1
 */
GstSipMessage *
gst_sip_call_send_request_finish (
    GstSipCall *call, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, call), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* object */

static void
gst_sip_call_init (GstSipCall *call)
{
  call->state = GST_SIP_CALL_STATE_IDLE;
  call->session_expires = DEFAULT_SESSION_EXPIRES;
  call->min_se = DEFAULT_MIN_SE;
  call->invite_timeout = DEFAULT_INVITE_TIMEOUT;
  call->early =
      g_ptr_array_new_with_free_func ((GDestroyNotify) _gst_sip_dialog_free);
  _gst_sip_auth_session_init (&call->auth, G_OBJECT (call));
  _gst_sip_timer_init (&call->timer_c, timer_c_fired, call);
  _gst_sip_timer_init (&call->reliable_timer, reliable_fired, call);
  _gst_sip_timer_init (&call->ok_timer, ok_fired, call);
  _gst_sip_timer_init (&call->glare_timer, glare_fired, call);
  _gst_sip_timer_init (&call->session_timer, session_timer_fired, call);
}

static void
gst_sip_call_dispose (GObject *object)
{
  GstSipCall *call = GST_SIP_CALL (object);
  GError *error;

  if (call->ua)
    stop_timers (call);
  if (call->invite_tx) {
    _gst_sip_client_transaction_set_handler (call->invite_tx, NULL, NULL, NULL);
    g_clear_object (&call->invite_tx);
  }
  if (call->invite_stx) {
    g_signal_handlers_disconnect_by_data (call->invite_stx, call);
    g_clear_object (&call->invite_stx);
  }
  g_clear_object (&call->ok_stx);

  error = g_error_new (
      G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("The call was destroyed"));
  _gst_sip_task_list_return (&call->dial_tasks, 0, error);
  _gst_sip_task_list_return (&call->reoffer_tasks, 0, error);
  fail_queued_offers (call, error);
  g_error_free (error);

  g_clear_object (&call->negotiator);
  g_clear_object (&call->account);
  g_clear_object (&call->ua);

  G_OBJECT_CLASS (gst_sip_call_parent_class)->dispose (object);
}

static void
gst_sip_call_finalize (GObject *object)
{
  GstSipCall *call = GST_SIP_CALL (object);

  _gst_sip_auth_session_clear (&call->auth);
  g_ptr_array_unref (call->early);
  g_clear_pointer (&call->dialog, _gst_sip_dialog_free);
  g_clear_pointer (&call->invite, gst_sip_message_unref);
  g_clear_pointer (&call->ack, gst_sip_message_unref);
  g_clear_pointer (&call->ok, gst_sip_message_unref);
  g_clear_pointer (&call->reliable, gst_sip_message_unref);
  g_clear_pointer (&call->remote_invite, gst_sip_message_unref);
  g_clear_pointer (&call->remote_offer, gst_sdp_message_free);
  g_clear_error (&call->early_answer_error);
  g_free (call->reason);
  g_free (call->remote_uri);
  g_free (call->local_uri);
  g_free (call->call_id);
  g_free (call->local_tag);

  G_OBJECT_CLASS (gst_sip_call_parent_class)->finalize (object);
}

static void
gst_sip_call_set_property (
    GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstSipCall *call = GST_SIP_CALL (object);

  switch (prop_id) {
    case PROP_USER_AGENT:
      call->ua = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      g_clear_object (&call->account);
      call->account = g_value_dup_object (value);
      break;
    case PROP_NEGOTIATOR:
      gst_sip_call_set_negotiator (call, g_value_get_object (value));
      break;
    case PROP_LATE_OFFER:
      call->late_offer = g_value_get_boolean (value);
      break;
    case PROP_SESSION_EXPIRES:
      call->session_expires = g_value_get_uint (value);
      break;
    case PROP_MIN_SE:
      call->min_se = g_value_get_uint (value);
      break;
    case PROP_RELIABLE_PROVISIONAL:
      call->reliable_provisional = g_value_get_boolean (value);
      break;
    case PROP_INVITE_TIMEOUT:
      call->invite_timeout = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_call_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipCall *call = GST_SIP_CALL (object);

  switch (prop_id) {
    case PROP_USER_AGENT:
      g_value_set_object (value, call->ua);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, call->account);
      break;
    case PROP_NEGOTIATOR:
      g_value_set_object (value, call->negotiator);
      break;
    case PROP_DIRECTION:
      g_value_set_enum (value, call->direction);
      break;
    case PROP_STATE:
      g_value_set_enum (value, call->state);
      break;
    case PROP_STATUS_CODE:
      g_value_set_uint (value, call->status_code);
      break;
    case PROP_REASON:
      g_value_set_string (value, call->reason);
      break;
    case PROP_REMOTE_URI:
      g_value_set_string (value, call->remote_uri);
      break;
    case PROP_LOCAL_URI:
      g_value_set_string (value, call->local_uri);
      break;
    case PROP_CALL_ID:
      g_value_set_string (value, call->call_id);
      break;
    case PROP_LOCAL_DESCRIPTION:
      g_value_set_boxed (value, gst_sip_call_get_local_description (call));
      break;
    case PROP_REMOTE_DESCRIPTION:
      g_value_set_boxed (value, gst_sip_call_get_remote_description (call));
      break;
    case PROP_LATE_OFFER:
      g_value_set_boolean (value, call->late_offer);
      break;
    case PROP_SESSION_EXPIRES:
      g_value_set_uint (value, call->session_expires);
      break;
    case PROP_MIN_SE:
      g_value_set_uint (value, call->min_se);
      break;
    case PROP_RELIABLE_PROVISIONAL:
      g_value_set_boolean (value, call->reliable_provisional);
      break;
    case PROP_INVITE_TIMEOUT:
      g_value_set_uint (value, call->invite_timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_call_class_init (GstSipCallClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro =
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  gobject_class->dispose = gst_sip_call_dispose;
  gobject_class->finalize = gst_sip_call_finalize;
  gobject_class->set_property = gst_sip_call_set_property;
  gobject_class->get_property = gst_sip_call_get_property;

  /**
   * GstSipCall:user-agent:
   *
   * The #GstSipUserAgent the call's messages go through.
   *
   * Since: 0.1
   */
  properties[PROP_USER_AGENT] = g_param_spec_object ("user-agent", "User agent",
      "The user agent of the call", GST_TYPE_SIP_USER_AGENT,
      rw | G_PARAM_CONSTRUCT_ONLY);

  /**
   * GstSipCall:account:
   *
   * The account an outgoing call is placed as: its address of record is the
   * From, its outbound proxy the first route, its credentials answer
   * challenges.  Without one, the user agent's #GstSipUserAgent:from is used.
   *
   * Since: 0.1
   */
  properties[PROP_ACCOUNT] = g_param_spec_object ("account", "Account",
      "The account the call is placed as", GST_TYPE_SIP_ACCOUNT, rw);

  /**
   * GstSipCall:negotiator:
   *
   * The SDP offer/answer of the call.  Without one, the call carries no
   * session description (signalling only).
   *
   * Since: 0.1
   */
  properties[PROP_NEGOTIATOR] = g_param_spec_object ("negotiator", "Negotiator",
      "The SDP offer/answer of the call", GST_TYPE_SIP_SDP_NEGOTIATOR,
      rw | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GstSipCall:direction:
   *
   * Whether we placed the call or received it.
   *
   * Since: 0.1
   */
  properties[PROP_DIRECTION] =
      g_param_spec_enum ("direction", "Direction", "Outgoing or incoming",
          GST_TYPE_SIP_CALL_DIRECTION, GST_SIP_CALL_DIRECTION_OUTGOING, ro);

  /**
   * GstSipCall:state:
   *
   * Where the call is; #GST_SIP_CALL_STATE_ENDED is final.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] =
      g_param_spec_enum ("state", "State", "The state of the call",
          GST_TYPE_SIP_CALL_STATE, GST_SIP_CALL_STATE_IDLE, ro);

  /**
   * GstSipCall:status-code:
   *
   * The last final status of the call: the response that answered or ended
   * it, 200 for a call hung up normally, 487 for a cancelled one, 408 when
   * nobody answered.  When we hang up, the response to our BYE: 408 when
   * none came (the call is over all the same).
   *
   * Since: 0.1
   */
  properties[PROP_STATUS_CODE] = g_param_spec_uint ("status-code",
      "Status code", "The last final status of the call", 0, 699, 0, ro);

  /**
   * GstSipCall:reason:
   *
   * The reason phrase or error text that goes with #GstSipCall:status-code.
   *
   * Since: 0.1
   */
  properties[PROP_REASON] = g_param_spec_string (
      "reason", "Reason", "Why the call is where it is", NULL, ro);

  /**
   * GstSipCall:remote-uri:
   *
   * The URI of the other party: the request URI we dialled, or the From of
   * an incoming call.
   *
   * Since: 0.1
   */
  properties[PROP_REMOTE_URI] = g_param_spec_string (
      "remote-uri", "Remote URI", "The other party", NULL, ro);

  /**
   * GstSipCall:local-uri:
   *
   * Our URI in the call: the From of an outgoing call, the To of an incoming
   * one.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_URI] = g_param_spec_string (
      "local-uri", "Local URI", "Our address in the call", NULL, ro);

  /**
   * GstSipCall:call-id:
   *
   * The Call-ID of the call, set once it is dialled or received.
   *
   * Since: 0.1
   */
  properties[PROP_CALL_ID] = g_param_spec_string (
      "call-id", "Call-ID", "The Call-ID of the call", NULL, ro);

  /**
   * GstSipCall:local-description:
   *
   * The session description we last sent, notified whenever it changes.
   * With SRTP (#GstSipSdpNegotiator:srtp), it holds our keys: do not log
   * it.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_DESCRIPTION] = g_param_spec_boxed ("local-description",
      "Local description", "The SDP we sent last", GST_TYPE_SDP_MESSAGE, ro);

  /**
   * GstSipCall:remote-description:
   *
   * The session description the peer sent last, notified whenever it
   * changes.  With SRTP, it holds the peer's keys: do not log it.
   *
   * Since: 0.1
   */
  properties[PROP_REMOTE_DESCRIPTION] =
      g_param_spec_boxed ("remote-description", "Remote description",
          "The SDP the peer sent last", GST_TYPE_SDP_MESSAGE, ro);

  /**
   * GstSipCall:late-offer:
   *
   * Sends the INVITE without SDP: the peer offers in its 2xx and the answer
   * travels in the ACK (RFC 3261 13.2.1).
   *
   * Since: 0.1
   */
  properties[PROP_LATE_OFFER] = g_param_spec_boolean ("late-offer",
      "Late offer", "Send the INVITE without an offer", FALSE, rw);

  /**
   * GstSipCall:session-expires:
   *
   * The session interval in seconds the call asks for (RFC 4028), 0 for no
   * session timer.  The peer may lower it down to #GstSipCall:min-se, or
   * raise it with a 422.
   *
   * Since: 0.1
   */
  properties[PROP_SESSION_EXPIRES] = g_param_spec_uint ("session-expires",
      "Session expires", "Session interval in seconds (0 = no timer)", 0,
      G_MAXUINT32, DEFAULT_SESSION_EXPIRES, rw);

  /**
   * GstSipCall:min-se:
   *
   * The smallest session interval in seconds the call accepts; requests
   * with less are refused with 422.
   *
   * Since: 0.1
   */
  properties[PROP_MIN_SE] = g_param_spec_uint ("min-se", "Min-SE",
      "Smallest session interval in seconds", 1, G_MAXUINT32, DEFAULT_MIN_SE,
      rw);

  /**
   * GstSipCall:reliable-provisional:
   *
   * Sends 180 and 183 reliably (RFC 3262) when the caller supports it, and
   * not only when it requires it.
   *
   * Since: 0.1
   */
  properties[PROP_RELIABLE_PROVISIONAL] =
      g_param_spec_boolean ("reliable-provisional", "Reliable provisional",
          "Send provisional responses reliably when the caller supports 100rel",
          FALSE, rw);

  /**
   * GstSipCall:invite-timeout:
   *
   * Seconds an outgoing call waits for a final response after the last
   * provisional one (Timer C, RFC 3261 16.6) before it is cancelled.
   *
   * Since: 0.1
   */
  properties[PROP_INVITE_TIMEOUT] = g_param_spec_uint ("invite-timeout",
      "INVITE timeout", "Seconds to wait for an answer", 1, G_MAXUINT32 / 1000,
      DEFAULT_INVITE_TIMEOUT, rw);

  g_object_class_install_properties (gobject_class, N_PROPS, properties);

  /**
   * GstSipCall::dtmf-received:
   * @call: the #GstSipCall
   * @digit: the digit, `0`-`9`, `*`, `#` or `A`-`D`
   * @duration: the tone duration in milliseconds, 0 when not given
   *
   * The peer sent a DTMF digit in an INFO (application/dtmf-relay).
   *
   * Since: 0.1
   */
  signals[SIGNAL_DTMF_RECEIVED] = g_signal_new ("dtmf-received",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * GstSipCall::message-received:
   * @call: the #GstSipCall
   * @request: the MESSAGE request
   *
   * The peer sent a MESSAGE in the call's dialog; it was answered with 200.
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_RECEIVED] = g_signal_new ("message-received",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 1, GST_TYPE_SIP_MESSAGE);

  /**
   * GstSipCall::info-received:
   * @call: the #GstSipCall
   * @request: the INFO request
   *
   * The peer sent an INFO other than a DTMF digit.
   *
   * Returns: %TRUE to answer it with 200, %FALSE (no handler) for 415
   *
   * Since: 0.1
   */
  signals[SIGNAL_INFO_RECEIVED] =
      g_signal_new ("info-received", G_TYPE_FROM_CLASS (klass),
          G_SIGNAL_RUN_LAST, 0, g_signal_accumulator_true_handled, NULL, NULL,
          G_TYPE_BOOLEAN, 1, GST_TYPE_SIP_MESSAGE);

  /**
   * GstSipCall::transfer-requested:
   * @call: the #GstSipCall
   * @new_call: a new outgoing #GstSipCall to place towards @target
   * @target: the Refer-To URI
   *
   * The peer asks for a blind transfer (REFER, RFC 3515).  A handler that
   * accepts gives @new_call a negotiator, returns %TRUE and dials @target
   * with it; the peer then learns how the new call goes, and this call is
   * hung up once it is answered.  Without a handler the REFER is declined
   * with 603.
   *
   * Returns: %TRUE when the transfer is accepted
   *
   * Since: 0.1
   */
  signals[SIGNAL_TRANSFER_REQUESTED] =
      g_signal_new ("transfer-requested", G_TYPE_FROM_CLASS (klass),
          G_SIGNAL_RUN_LAST, 0, g_signal_accumulator_true_handled, NULL, NULL,
          G_TYPE_BOOLEAN, 2, GST_TYPE_SIP_CALL, G_TYPE_STRING);
}

/**
 * gst_sip_call_new:
 * @ua: the #GstSipUserAgent
 * @account: (nullable): the account to call as
 *
 * Creates an outgoing call; give it a negotiator and dial it.
 *
 * Returns: (transfer full): a new #GstSipCall
 *
 * Since: 0.1
 */
GstSipCall *
gst_sip_call_new (GstSipUserAgent *ua, GstSipAccount *account)
{
  g_return_val_if_fail (GST_IS_SIP_USER_AGENT (ua), NULL);
  g_return_val_if_fail (account == NULL || GST_IS_SIP_ACCOUNT (account), NULL);

  return g_object_new (
      GST_TYPE_SIP_CALL, "user-agent", ua, "account", account, NULL);
}

/**
 * gst_sip_call_get_user_agent:
 * @call: a #GstSipCall
 *
 * Returns: (transfer none): the user agent of the call
 *
 * Since: 0.1
 */
GstSipUserAgent *
gst_sip_call_get_user_agent (GstSipCall *call)
{
  g_return_val_if_fail (GST_IS_SIP_CALL (call), NULL);
  return call->ua;
}

/**
 * gst_sip_call_set_negotiator:
 * @call: a #GstSipCall
 * @negotiator: (nullable): the SDP offer/answer to use
 *
 * Sets the negotiator that makes and reads the call's session
 * descriptions.  Set it before dialling, answering or ringing.
 *
 * Since: 0.1
 */
void
gst_sip_call_set_negotiator (GstSipCall *call, GstSipSdpNegotiator *negotiator)
{
  g_return_if_fail (GST_IS_SIP_CALL (call));
  g_return_if_fail (
      negotiator == NULL || GST_IS_SIP_SDP_NEGOTIATOR (negotiator));

  if (g_set_object (&call->negotiator, negotiator))
    g_object_notify_by_pspec (G_OBJECT (call), properties[PROP_NEGOTIATOR]);
}

/**
 * gst_sip_call_get_negotiator:
 * @call: a #GstSipCall
 *
 * Returns: (transfer none) (nullable): the call's negotiator
 *
 * Since: 0.1
 */
GstSipSdpNegotiator *
gst_sip_call_get_negotiator (GstSipCall *call)
{
  g_return_val_if_fail (GST_IS_SIP_CALL (call), NULL);
  return call->negotiator;
}

/**
 * gst_sip_call_get_state:
 * @call: a #GstSipCall
 *
 * Returns: the #GstSipCall:state
 *
 * Since: 0.1
 */
GstSipCallState
gst_sip_call_get_state (GstSipCall *call)
{
  g_return_val_if_fail (GST_IS_SIP_CALL (call), GST_SIP_CALL_STATE_IDLE);
  return call->state;
}

/**
 * gst_sip_call_get_direction:
 * @call: a #GstSipCall
 *
 * Returns: the #GstSipCall:direction
 *
 * Since: 0.1
 */
GstSipCallDirection
gst_sip_call_get_direction (GstSipCall *call)
{
  g_return_val_if_fail (
      GST_IS_SIP_CALL (call), GST_SIP_CALL_DIRECTION_OUTGOING);
  return call->direction;
}

/**
 * gst_sip_call_get_status_code:
 * @call: a #GstSipCall
 *
 * Returns: the #GstSipCall:status-code
 *
 * Since: 0.1
 */
guint
gst_sip_call_get_status_code (GstSipCall *call)
{
  g_return_val_if_fail (GST_IS_SIP_CALL (call), 0);
  return call->status_code;
}

/**
 * gst_sip_call_get_reason:
 * @call: a #GstSipCall
 *
 * Returns: (nullable): the #GstSipCall:reason
 *
 * Since: 0.1
 */
const gchar *
gst_sip_call_get_reason (GstSipCall *call)
{
  g_return_val_if_fail (GST_IS_SIP_CALL (call), NULL);
  return call->reason;
}

/**
 * gst_sip_call_get_call_id:
 * @call: a #GstSipCall
 *
 * Returns: (nullable): the #GstSipCall:call-id
 *
 * Since: 0.1
 */
const gchar *
gst_sip_call_get_call_id (GstSipCall *call)
{
  g_return_val_if_fail (GST_IS_SIP_CALL (call), NULL);
  return call->call_id;
}

/**
 * gst_sip_call_get_remote_uri:
 * @call: a #GstSipCall
 *
 * Returns: (nullable): the #GstSipCall:remote-uri
 *
 * Since: 0.1
 */
const gchar *
gst_sip_call_get_remote_uri (GstSipCall *call)
{
  g_return_val_if_fail (GST_IS_SIP_CALL (call), NULL);
  return call->remote_uri;
}

/**
 * gst_sip_call_get_local_uri:
 * @call: a #GstSipCall
 *
 * Returns: (nullable): the #GstSipCall:local-uri
 *
 * Since: 0.1
 */
const gchar *
gst_sip_call_get_local_uri (GstSipCall *call)
{
  g_return_val_if_fail (GST_IS_SIP_CALL (call), NULL);
  return call->local_uri;
}

/**
 * gst_sip_call_get_local_description:
 * @call: a #GstSipCall
 *
 * Returns: (transfer none) (nullable): the #GstSipCall:local-description
 *
 * Since: 0.1
 */
const GstSDPMessage *
gst_sip_call_get_local_description (GstSipCall *call)
{
  g_return_val_if_fail (GST_IS_SIP_CALL (call), NULL);
  return call->negotiator
      ? gst_sip_sdp_negotiator_get_local_description (call->negotiator)
      : NULL;
}

/**
 * gst_sip_call_get_remote_description:
 * @call: a #GstSipCall
 *
 * The peer's last session description; for an incoming call not answered
 * yet, the offer of its INVITE.
 *
 * Returns: (transfer none) (nullable): the #GstSipCall:remote-description
 *
 * Since: 0.1
 */
const GstSDPMessage *
gst_sip_call_get_remote_description (GstSipCall *call)
{
  const GstSDPMessage *sdp = NULL;

  g_return_val_if_fail (GST_IS_SIP_CALL (call), NULL);
  if (call->negotiator)
    sdp = gst_sip_sdp_negotiator_get_remote_description (call->negotiator);
  return sdp ? sdp : call->remote_offer;
}
