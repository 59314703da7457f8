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
 * SECTION:sip-account
 * @title: GstSipAccount
 * @short_description: registration with digest authentication
 *
 * A #GstSipAccount is an address of record with its credentials and its
 * registrar.  gst_sip_account_register_async() registers a contact for
 * the user agent's transport, answers 401 and 407 challenges with digest
 * authentication (the strongest algorithm each realm offers; `stale=true`
 * is retried at once with the new nonce; credentials refused for a fresh
 * nonce end in failure, never in a loop), and refreshes the binding before
 * it expires, using what the registrar granted.
 *
 * A 423 Interval Too Brief is retried with the Min-Expires asked for.  403,
 * 404 and other rejections end in %GST_SIP_ACCOUNT_STATE_FAILED; timeouts,
 * transport errors and 5xx responses too, but they are retried later, after
 * Retry-After when the registrar gave one, otherwise with an interval that
 * doubles up to #GstSipAccount:max-retry-interval.
 *
 * When the registrar sees the request come from another address than the
 * Contact says (the Via `received` and `rport`, RFC 3581), the account
 * registers again with that address.
 *
 * gst_sip_account_unregister_async() removes the binding (`Expires: 0`),
 * and so does dropping the last reference to a registered account.
 *
 * Passwords and H(A1) values are write-only properties, never logged.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-account-private.h"
#include "sip-task-private.h"
#include "sip-user-agent-private.h"
#include "sip-auth-private.h"
#include "sip-transport-private.h"
#include "sip-enumtypes.h"

GST_DEBUG_CATEGORY_STATIC (sip_account_debug);
#define GST_CAT_DEFAULT sip_account_debug

#define DEFAULT_EXPIRES 3600
#define DEFAULT_RETRY_INTERVAL 30
#define DEFAULT_MAX_RETRY_INTERVAL 1800
/* 423 answers followed before giving up */
#define MAX_INTERVAL_TOO_BRIEF 3

struct _GstSipAccount
{
  GObject parent;

  GstSipUserAgent *ua;
  GstSipUri *aor;
  gchar *aor_text;
  gchar *display_name;
  gchar *registrar;
  gchar *proxy;
  gchar *contact_params;
  GstSipTransportProtocol transport;
  guint requested_expires;
  guint retry_interval;
  guint max_retry_interval;

  GstSipAuthSession auth;

  /* the registration: one Call-ID and From tag for its whole life */
  gchar *call_id;
  gchar *from_tag;
  guint32 cseq;
  GstSipUri *nat_contact; /* the address the registrar saw */
  GstSipUri *old_contact; /* to remove after a NAT rewrite */
  guint current_expires; /* what the next REGISTER asks for */
  guint n_too_brief;
  guint failures;
  gboolean enabled;

  GstSipClientTransaction *tx;
  GstSipMessage *request;
  GstSipTimer timer; /* refresh or retry */
  /* the transport whose lost connections make us register again */
  GstSipTransport *watched;
  gulong lost_handler;
  /* where the last successful REGISTER went: the registrar's (or the
   * outbound proxy's) end of the flow */
  GSocketAddress *flow;
  /* the path of a ws:// or wss:// registrar or proxy */
  gchar *ws_path;
  GList *register_tasks;
  GList *unregister_tasks;

  GstSipAccountState state;
  guint status_code;
  gchar *reason;
  guint expires;
  gchar *contact;
};

enum
{
  PROP_0,
  PROP_USER_AGENT,
  PROP_AOR,
  PROP_DISPLAY_NAME,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_HA1,
  PROP_REALM,
  PROP_ANY_REALM,
  PROP_REGISTRAR,
  PROP_PROXY,
  PROP_TRANSPORT,
  PROP_REQUESTED_EXPIRES,
  PROP_CONTACT_PARAMS,
  PROP_RETRY_INTERVAL,
  PROP_MAX_RETRY_INTERVAL,
  PROP_STATE,
  PROP_STATUS_CODE,
  PROP_REASON,
  PROP_EXPIRES,
  PROP_CONTACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_CODE (GstSipAccount, gst_sip_account, G_TYPE_OBJECT,
    GST_DEBUG_CATEGORY_INIT (
        sip_account_debug, "sipaccount", 0, "SIP accounts"));

static void send_register (GstSipAccount *account);
static void timer_fired (gpointer user_data);

/* ---------------------------------------------------------------------- */
/* state */

static void
set_state (GstSipAccount *account, GstSipAccountState state, guint code,
    const gchar *reason)
{
  GObject *object = G_OBJECT (account);

  g_object_freeze_notify (object);
  if (account->status_code != code) {
    account->status_code = code;
    g_object_notify_by_pspec (object, properties[PROP_STATUS_CODE]);
  }
  if (g_strcmp0 (account->reason, reason) != 0) {
    g_free (account->reason);
    account->reason = g_strdup (reason);
    g_object_notify_by_pspec (object, properties[PROP_REASON]);
  }
  if (account->state != state) {
    GST_INFO ("%s: %d -> %d (%u %s)", account->aor_text, account->state, state,
        code, reason ? reason : "");
    account->state = state;
    g_object_notify_by_pspec (object, properties[PROP_STATE]);
  }
  g_object_thaw_notify (object);
}

static void
set_expires (GstSipAccount *account, guint expires, const gchar *contact)
{
  if (account->expires != expires) {
    account->expires = expires;
    g_object_notify_by_pspec (G_OBJECT (account), properties[PROP_EXPIRES]);
  }
  if (g_strcmp0 (account->contact, contact) != 0) {
    g_free (account->contact);
    account->contact = g_strdup (contact);
    g_object_notify_by_pspec (G_OBJECT (account), properties[PROP_CONTACT]);
  }
}

static void
drop_transaction (GstSipAccount *account)
{
  if (account->tx) {
    _gst_sip_client_transaction_set_handler (account->tx, NULL, NULL, NULL);
    g_clear_object (&account->tx);
  }
  g_clear_pointer (&account->request, gst_sip_message_unref);
}

static void
schedule (GstSipAccount *account, guint seconds)
{
  _gst_sip_timer_queue_schedule (_gst_sip_user_agent_get_timers (account->ua),
      &account->timer, seconds * 1000);
}

static void
unschedule (GstSipAccount *account)
{
  _gst_sip_timer_queue_cancel (
      _gst_sip_user_agent_get_timers (account->ua), &account->timer);
}

/* a failure that may go away: try again later while enabled */
static void
schedule_retry (GstSipAccount *account, guint retry_after)
{
  guint delay;

  if (!account->enabled)
    return;
  if (retry_after) {
    delay = retry_after;
  } else {
    guint shift = MIN (account->failures, 16);

    delay = MIN ((guint64) account->retry_interval << shift,
        account->max_retry_interval);
  }
  account->failures++;
  GST_INFO ("%s: registering again in %u s", account->aor_text, delay);
  schedule (account, MAX (delay, 1));
}

/* ---------------------------------------------------------------------- */
/* the REGISTER */

static GstSipTransport *
pick_transport (GstSipAccount *account)
{
  GList *transports = gst_sip_user_agent_get_transports (account->ua), *l;
  GstSipTransport *found = NULL;

  for (l = transports; l && !found; l = l->next) {
    if (gst_sip_transport_get_protocol (l->data) == account->transport)
      found = l->data;
  }
  g_list_free (transports);
  return found;
}

/* RFC 7118: a WebSocket server given by its URL becomes the SIP URI of
 * that server, with ;transport=ws or wss; the path of the URL goes to the
 * WebSocket transport when the account uses it */
static void
convert_ws_url (GstSipAccount *account, gchar **slot)
{
  GstSipUri *uri;
  gchar *path = NULL;

  if (*slot == NULL ||
      (!g_str_has_prefix (*slot, "ws://") &&
          !g_str_has_prefix (*slot, "wss://")))
    return;
  uri = _gst_sip_ws_url_to_uri (*slot, &path);
  if (uri == NULL)
    return;
  g_free (*slot);
  *slot = gst_sip_uri_to_string (uri);
  g_free (account->ws_path);
  account->ws_path = path;
  gst_sip_uri_free (uri);
}

static void
apply_ws_path (GstSipAccount *account)
{
  GstSipTransport *transport;

  if (account->ws_path == NULL || account->ua == NULL)
    return;
  transport = pick_transport (account);
  if (transport && GST_IS_SIP_TRANSPORT_WS (transport))
    g_object_set (transport, "path", account->ws_path, NULL);
}

static void
set_transport_param (GstSipAccount *account, GstSipUri *uri)
{
  gchar *name = g_ascii_strdown (
      gst_sip_transport_protocol_to_string (account->transport), -1);

  gst_sip_uri_set_param (uri, "transport", name);
  g_free (name);
}

static GstSipUri *
contact_uri (GstSipAccount *account)
{
  GstSipTransport *transport;
  GstSipUri *uri;
  gchar *name = NULL;

  if (account->nat_contact)
    return gst_sip_uri_copy (account->nat_contact);

  transport = pick_transport (account);
  if (account->transport != GST_SIP_TRANSPORT_PROTOCOL_UDP)
    name = g_ascii_strdown (
        gst_sip_transport_protocol_to_string (account->transport), -1);
  if (transport && GST_IS_SIP_TRANSPORT_WS (transport)) {
    /* RFC 7118 section 5: a WebSocket client is reached through the
     * connection it registers over, never at an address of its own */
    uri = _gst_sip_contact_uri_new (FALSE, gst_sip_uri_get_user (account->aor),
        _gst_sip_transport_ws_get_flow_host (GST_SIP_TRANSPORT_WS (transport)),
        0, name);
  } else {
    uri = _gst_sip_contact_uri_new (
        account->transport == GST_SIP_TRANSPORT_PROTOCOL_TLS,
        gst_sip_uri_get_user (account->aor),
        transport ? gst_sip_transport_get_host (transport) : "invalid",
        transport ? gst_sip_transport_get_port (transport) : 0, name);
  }
  g_free (name);
  return uri;
}

static void
append_contact (
    GstSipMessage *request, GstSipUri *uri, const gchar *extra, gint expires)
{
  GstSipAddress *address = gst_sip_address_new (uri, NULL);
  gchar *value = gst_sip_address_to_string (address);
  GString *s = g_string_new (value);

  if (extra)
    g_string_append (s, extra);
  if (expires >= 0)
    g_string_append_printf (s, ";expires=%d", expires);
  gst_sip_message_append_header (request, "Contact", s->str);
  g_string_free (s, TRUE);
  g_free (value);
  gst_sip_address_free (address);
}

static GstSipUri *
target_uri (GstSipAccount *account, const gchar *text)
{
  GstSipUri *uri = gst_sip_uri_new (text, NULL);

  if (uri && account->transport != GST_SIP_TRANSPORT_PROTOCOL_UDP &&
      !gst_sip_uri_has_param (uri, "transport"))
    set_transport_param (account, uri);
  return uri;
}

static GstSipMessage *
build_register (GstSipAccount *account, guint expires, GError **error)
{
  GstSipUri *registrar, *contact;
  GstSipMessage *request;
  GstSipAddress *aor;
  gchar **allowed, *value;

  registrar = target_uri (account, account->registrar);
  if (!registrar) {
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
        _ ("Invalid registrar URI “%s”"), account->registrar);
    return NULL;
  }
  request = gst_sip_message_new_request ("REGISTER", registrar);
  gst_sip_uri_free (registrar);

  if (account->proxy) {
    GstSipUri *proxy = target_uri (account, account->proxy);
    GstSipAddress *route;

    if (!proxy) {
      g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
          _ ("Invalid proxy URI “%s”"), account->proxy);
      gst_sip_message_unref (request);
      return NULL;
    }
    /* an outbound proxy is a pre-loaded route (RFC 3261 8.1.2) */
    gst_sip_uri_set_param (proxy, "lr", NULL);
    route = gst_sip_address_new (proxy, NULL);
    value = gst_sip_address_to_string (route);
    gst_sip_message_append_header (request, "Route", value);
    g_free (value);
    gst_sip_address_free (route);
    gst_sip_uri_free (proxy);
  }

  aor = gst_sip_address_new (account->aor, account->display_name);
  gst_sip_message_set_to (request, aor);
  gst_sip_address_set_tag (aor, account->from_tag);
  gst_sip_message_set_from (request, aor);
  gst_sip_address_free (aor);
  gst_sip_message_set_call_id (request, account->call_id);
  gst_sip_message_set_cseq (request, ++account->cseq, "REGISTER");

  contact = contact_uri (account);
  append_contact (request, contact, account->contact_params, -1);
  if (account->old_contact && expires > 0)
    append_contact (request, account->old_contact, NULL, 0);
  gst_sip_uri_free (contact);
  gst_sip_message_set_expires (request, expires);

  allowed = gst_sip_user_agent_get_allowed_methods (account->ua);
  value = g_strjoinv (", ", allowed);
  gst_sip_message_append_header (request, "Allow", value);
  g_free (value);
  g_strfreev (allowed);

  /* the realms we know get their credentials at once, nonce count + 1 */
  _gst_sip_auth_session_authorize (&account->auth, request);

  return request;
}

static void register_response (
    GstSipClientTransaction *tx, GstSipMessage *response, gpointer user_data);
static void register_failed (
    GstSipClientTransaction *tx, const GError *error, gpointer user_data);

static const GstSipClientTransactionHandler register_handler = {
  register_response, register_failed
};

static void
finish_with_error (GstSipAccount *account, const GError *error, gboolean retry,
    guint retry_after)
{
  gboolean unregistering =
      account->state == GST_SIP_ACCOUNT_STATE_UNREGISTERING;

  drop_transaction (account);
  set_expires (account, 0, NULL);
  set_state (account, GST_SIP_ACCOUNT_STATE_FAILED, account->status_code,
      error->message);
  if (unregistering) {
    _gst_sip_task_list_return (&account->unregister_tasks, 0, error);
  } else {
    _gst_sip_task_list_return (&account->register_tasks, 0, error);
    if (retry)
      schedule_retry (account, retry_after);
  }
}

static void
unwatch_transport (GstSipAccount *account)
{
  if (account->watched) {
    g_signal_handler_disconnect (account->watched, account->lost_handler);
    g_object_remove_weak_pointer (
        G_OBJECT (account->watched), (gpointer *) &account->watched);
    account->watched = NULL;
    account->lost_handler = 0;
  }
}

static gboolean
same_address (GSocketAddress *a, GSocketAddress *b)
{
  GInetSocketAddress *ia, *ib;

  if (!G_IS_INET_SOCKET_ADDRESS (a) || !G_IS_INET_SOCKET_ADDRESS (b))
    return FALSE;
  ia = G_INET_SOCKET_ADDRESS (a);
  ib = G_INET_SOCKET_ADDRESS (b);
  return g_inet_socket_address_get_port (ia) ==
      g_inet_socket_address_get_port (ib) &&
      g_inet_address_equal (g_inet_socket_address_get_address (ia),
          g_inet_socket_address_get_address (ib));
}

/* the connection the binding goes through closed (a WebSocket flow, RFC
 * 7118): register again, which opens a new one, so that the registrar
 * routes requests over it.  Through the retry timer, never from inside the
 * transport: a server that accepts and drops connections gets a REGISTER
 * every retry interval, not a loop. */
static void
on_connection_lost (GstSipTransport *transport, GInetSocketAddress *remote,
    const GError *error, gpointer user_data)
{
  GstSipAccount *account = user_data;

  if (!account->enabled || account->tx || account->flow == NULL ||
      !same_address (G_SOCKET_ADDRESS (remote), account->flow))
    return;
  GST_INFO ("%s: the connection to the registrar closed (%s), registering "
            "again",
      account->aor_text, error ? error->message : "");
  g_clear_object (&account->flow);
  schedule_retry (account, 0);
}

static void
watch_transport (GstSipAccount *account)
{
  GstSipTransport *transport = pick_transport (account);

  if (transport == account->watched)
    return;
  unwatch_transport (account);
  if (transport == NULL)
    return;
  account->watched = transport;
  g_object_add_weak_pointer (
      G_OBJECT (transport), (gpointer *) &account->watched);
  account->lost_handler = g_signal_connect (
      transport, "connection-lost", G_CALLBACK (on_connection_lost), account);
}

static void
send_register (GstSipAccount *account)
{
  gboolean unregistering = !account->enabled;
  GError *error = NULL;
  GstSipMessage *request;

  drop_transaction (account);
  unschedule (account);
  watch_transport (account);
  apply_ws_path (account);

  request = build_register (
      account, unregistering ? 0 : account->current_expires, &error);
  if (!request) {
    finish_with_error (account, error, FALSE, 0);
    g_error_free (error);
    return;
  }

  /* a refresh keeps the account registered: the binding still holds */
  if (unregistering || account->state != GST_SIP_ACCOUNT_STATE_REGISTERED)
    set_state (account,
        unregistering ? GST_SIP_ACCOUNT_STATE_UNREGISTERING
                      : GST_SIP_ACCOUNT_STATE_REGISTERING,
        account->status_code, account->reason);
  account->request = request;
  account->tx = gst_sip_user_agent_send_request (account->ua, request, &error);
  if (!account->tx) {
    finish_with_error (account, error, TRUE, 0);
    g_error_free (error);
    return;
  }
  _gst_sip_client_transaction_set_handler (
      account->tx, &register_handler, account, NULL);
  if (gst_sip_transaction_get_state (GST_SIP_TRANSACTION (account->tx)) ==
      GST_SIP_TRANSACTION_STATE_TERMINATED)
    register_failed (account->tx,
        gst_sip_client_transaction_get_error (account->tx), account);
}

static void
auth_ready (GstSipAuth *auth, gpointer user_data)
{
  GstSipAccount *account = user_data;
  GError *error = NULL;

  if (_gst_sip_auth_is_cancelled (auth)) {
    g_set_error (&error, GST_SIP_ERROR, GST_SIP_ERROR_AUTH_FAILED,
        _ ("Authentication for realm “%s” was cancelled"),
        gst_sip_auth_get_realm (auth));
    finish_with_error (account, error, FALSE, 0);
    g_error_free (error);
    return;
  }
  send_register (account);
}

/* the binding the registrar granted us (RFC 3261 10.2.4) */
static guint
granted_expires (GstSipAccount *account, GstSipMessage *response)
{
  GList *contacts = gst_sip_message_get_addresses (response, "Contact"), *l;
  GstSipUri *ours = contact_uri (account);
  guint32 expires = 0;
  gboolean found = FALSE;
  guint64 v;

  for (l = contacts; l && !found; l = l->next) {
    const GstSipUri *uri = gst_sip_address_get_uri (l->data);
    const gchar *param = gst_sip_address_get_param (l->data, "expires");

    if (uri && gst_sip_uri_equal (uri, ours) && param &&
        g_ascii_string_to_unsigned (param, 10, 0, G_MAXUINT32, &v, NULL)) {
      expires = v;
      found = TRUE;
    }
  }
  if (!found && !gst_sip_message_get_expires (response, &expires))
    expires = account->current_expires;

  g_list_free_full (contacts, (GDestroyNotify) gst_sip_address_free);
  gst_sip_uri_free (ours);
  return expires;
}

/* RFC 3581: the registrar saw us at another address than our Contact */
static gboolean
learn_public_address (GstSipAccount *account, GstSipMessage *response)
{
  GstSipVia *via = gst_sip_message_get_via (response, 0);
  GstSipUri *current = contact_uri (account), *public;
  const gchar *received;
  gint rport;
  gboolean changed = FALSE;

  /* over TCP and TLS the registrar sees the port of our connection, which
   * nobody listens on: requests reach us through that connection or our
   * own Contact, never through the source port */
  if (!via || account->transport != GST_SIP_TRANSPORT_PROTOCOL_UDP)
    goto done;
  received = gst_sip_via_get_received (via);
  rport = gst_sip_via_get_rport (via);
  if (!received && rport <= 0)
    goto done;

  public = gst_sip_uri_copy (current);
  if (received)
    gst_sip_uri_set_host (public, received);
  if (rport > 0)
    gst_sip_uri_set_port (public, rport);
  if (!gst_sip_uri_equal (public, current)) {
    GST_INFO ("%s: the registrar sees us at %s:%d", account->aor_text,
        received ? received : gst_sip_uri_get_host (current), rport);
    g_clear_pointer (&account->old_contact, gst_sip_uri_free);
    account->old_contact = gst_sip_uri_copy (current);
    g_clear_pointer (&account->nat_contact, gst_sip_uri_free);
    account->nat_contact = gst_sip_uri_copy (public);
    changed = TRUE;
  }
  gst_sip_uri_free (public);

done:
  if (via)
    gst_sip_via_free (via);
  gst_sip_uri_free (current);
  return changed;
}

static void
registered (GstSipAccount *account, GstSipMessage *response)
{
  guint code = gst_sip_message_get_status_code (response);
  guint expires, refresh;
  GstSipUri *contact;
  gchar *text;

  if (learn_public_address (account, response)) {
    /* register the public address, and drop the private one */
    send_register (account);
    return;
  }
  g_clear_pointer (&account->old_contact, gst_sip_uri_free);

  expires = granted_expires (account, response);
  contact = contact_uri (account);
  text = gst_sip_uri_to_string (contact);
  set_expires (account, expires, text);
  g_free (text);
  gst_sip_uri_free (contact);

  account->failures = 0;
  account->n_too_brief = 0;
  g_set_object (&account->flow, gst_sip_message_get_remote_address (response));
  drop_transaction (account);
  set_state (account, GST_SIP_ACCOUNT_STATE_REGISTERED, code,
      gst_sip_message_get_reason_phrase (response));
  _gst_sip_task_list_return (&account->register_tasks, code, NULL);

  /* refresh 32 s before the binding expires, or at half of a shorter one:
   * registrars count in whole seconds, so a margin of a fraction of a second
   * lets short bindings lapse */
  if (expires > 0) {
    guint64 lifetime = (guint64) expires * 1000;

    refresh = MIN (lifetime - MIN (32000, lifetime / 2), G_MAXUINT);
    GST_DEBUG (
        "%s: refreshing in %u ms of %u s", account->aor_text, refresh, expires);
    _gst_sip_timer_queue_schedule (
        _gst_sip_user_agent_get_timers (account->ua), &account->timer, refresh);
  }
}

static void
register_response (
    GstSipClientTransaction *tx, GstSipMessage *response, gpointer user_data)
{
  GstSipAccount *account = user_data;
  guint code = gst_sip_message_get_status_code (response);
  const gchar *reason = gst_sip_message_get_reason_phrase (response);
  GError *error = NULL;
  guint32 value;

  if (code < 200)
    return;

  g_object_ref (account);
  if (code == 401 || code == 407) {
    switch (_gst_sip_auth_session_handle_challenge (&account->auth, account->ua,
        account->request, response, auth_ready, account, &error)) {
      case GST_SIP_AUTH_OUTCOME_RETRY:
        send_register (account);
        break;
      case GST_SIP_AUTH_OUTCOME_PENDING:
        drop_transaction (account);
        break;
      case GST_SIP_AUTH_OUTCOME_FAILED:
        account->status_code = code;
        finish_with_error (account, error, FALSE, 0);
        g_error_free (error);
        break;
    }
    goto done;
  }

  _gst_sip_auth_session_done (&account->auth);

  if (code == 423 && gst_sip_message_get_min_expires (response, &value) &&
      value > account->current_expires &&
      account->n_too_brief++ < MAX_INTERVAL_TOO_BRIEF) {
    GST_INFO (
        "%s: the registrar wants at least %u s", account->aor_text, value);
    account->current_expires = value;
    send_register (account);
    goto done;
  }

  if (code < 300) {
    if (account->state == GST_SIP_ACCOUNT_STATE_UNREGISTERING) {
      drop_transaction (account);
      set_expires (account, 0, NULL);
      set_state (account, GST_SIP_ACCOUNT_STATE_UNREGISTERED, code, reason);
      _gst_sip_task_list_return (&account->unregister_tasks, code, NULL);
    } else {
      registered (account, response);
    }
    goto done;
  }

  /* a final refusal is a result, not an error */
  drop_transaction (account);
  set_expires (account, 0, NULL);
  set_state (account, GST_SIP_ACCOUNT_STATE_FAILED, code, reason);
  if (account->unregister_tasks) {
    _gst_sip_task_list_return (&account->unregister_tasks, code, NULL);
  } else {
    _gst_sip_task_list_return (&account->register_tasks, code, NULL);
    /* 403, 404 and the like are final; server trouble is retried */
    if (code == 408 || (code >= 500 && code < 600)) {
      if (!gst_sip_message_get_retry_after (response, &value))
        value = 0;
      schedule_retry (account, value);
    }
  }

done:
  g_object_unref (account);
}

static void
register_failed (
    GstSipClientTransaction *tx, const GError *error, gpointer user_data)
{
  GstSipAccount *account = user_data;

  g_object_ref (account);
  account->status_code = error->code == GST_SIP_ERROR_TIMEOUT ? 408 : 503;
  finish_with_error (account, error, TRUE, 0);
  g_object_unref (account);
}

static void
timer_fired (gpointer user_data)
{
  GstSipAccount *account = user_data;

  if (account->enabled)
    send_register (account);
}

/* ---------------------------------------------------------------------- */
/* unregistering a dropped account */

typedef struct
{
  gint refcount;
  GstSipUserAgent *ua;
  GstSipAuthSession auth;
  GstSipMessage *request;
  gboolean retried;
} FarewellJob;

static void
farewell_unref (FarewellJob *job)
{
  if (--job->refcount > 0)
    return;
  _gst_sip_auth_session_clear (&job->auth);
  gst_sip_message_unref (job->request);
  g_object_unref (job->ua);
  g_free (job);
}

static void farewell_response (
    GstSipClientTransaction *tx, GstSipMessage *response, gpointer user_data);

static const GstSipClientTransactionHandler farewell_handler = {
  farewell_response, NULL
};

/* sends job->request; the transaction holds a reference to the job */
static void
farewell_send (FarewellJob *job)
{
  GstSipClientTransaction *tx;

  tx = gst_sip_user_agent_send_request (job->ua, job->request, NULL);
  if (!tx)
    return;
  job->refcount++;
  _gst_sip_client_transaction_set_handler (
      tx, &farewell_handler, job, (GDestroyNotify) farewell_unref);
  g_object_unref (tx);
}

static void
farewell_response (
    GstSipClientTransaction *tx, GstSipMessage *response, gpointer user_data)
{
  FarewellJob *job = user_data;
  guint code = gst_sip_message_get_status_code (response);
  GstSipMessage *again;
  guint32 seq = 0;

  /* one challenge is answered; whatever comes next ends it */
  if ((code != 401 && code != 407) || job->retried)
    return;
  job->retried = TRUE;
  if (_gst_sip_auth_session_handle_challenge (&job->auth, job->ua, job->request,
          response, NULL, NULL, NULL) != GST_SIP_AUTH_OUTCOME_RETRY)
    return;

  /* the same REGISTER without our Via, with the next CSeq */
  again = gst_sip_message_copy (job->request);
  gst_sip_message_remove_header (again, "Via");
  gst_sip_message_get_cseq (again, &seq, NULL);
  gst_sip_message_set_cseq (again, seq + 1, "REGISTER");
  _gst_sip_auth_session_authorize (&job->auth, again);
  gst_sip_message_unref (job->request);
  job->request = again;
  farewell_send (job);
}

/* the account is going away while registered: remove the binding on our
 * own, with what the account knew of the realms */
static void
farewell (GstSipAccount *account)
{
  FarewellJob *job;
  GstSipMessage *request;

  account->enabled = FALSE;
  request = build_register (account, 0, NULL);
  if (!request)
    return;

  GST_INFO ("%s: unregistering as the account goes away", account->aor_text);
  job = g_new0 (FarewellJob, 1);
  job->refcount = 1;
  job->ua = g_object_ref (account->ua);
  job->request = request;
  /* take over the digest state: the realms, nonces and credentials */
  job->auth = account->auth;
  _gst_sip_auth_session_set_owner (&job->auth, NULL);
  _gst_sip_auth_session_init (&account->auth, G_OBJECT (account));
  farewell_send (job);
  farewell_unref (job);
}

/* ---------------------------------------------------------------------- */
/* object */

static void
gst_sip_account_init (GstSipAccount *account)
{
  _gst_sip_auth_session_init (&account->auth, G_OBJECT (account));
  _gst_sip_timer_init (&account->timer, timer_fired, account);
  account->transport = GST_SIP_TRANSPORT_PROTOCOL_UDP;
  account->requested_expires = DEFAULT_EXPIRES;
  account->retry_interval = DEFAULT_RETRY_INTERVAL;
  account->max_retry_interval = DEFAULT_MAX_RETRY_INTERVAL;
  account->call_id = _gst_sip_new_token (128);
  account->from_tag = _gst_sip_new_token (64);
}

static void
gst_sip_account_dispose (GObject *object)
{
  GstSipAccount *account = GST_SIP_ACCOUNT (object);
  GError *error;

  if (account->ua) {
    if (account->enabled &&
        (account->state == GST_SIP_ACCOUNT_STATE_REGISTERED ||
            account->state == GST_SIP_ACCOUNT_STATE_REGISTERING))
      farewell (account);
    drop_transaction (account);
    unschedule (account);
  }
  unwatch_transport (account);

  error = g_error_new (
      G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("The account was destroyed"));
  _gst_sip_task_list_return (&account->register_tasks, 0, error);
  _gst_sip_task_list_return (&account->unregister_tasks, 0, error);
  g_error_free (error);

  g_clear_object (&account->ua);

  G_OBJECT_CLASS (gst_sip_account_parent_class)->dispose (object);
}

static void
gst_sip_account_finalize (GObject *object)
{
  GstSipAccount *account = GST_SIP_ACCOUNT (object);

  _gst_sip_auth_session_clear (&account->auth);
  gst_sip_uri_free (account->aor);
  g_free (account->aor_text);
  g_free (account->display_name);
  g_free (account->registrar);
  g_free (account->proxy);
  g_free (account->contact_params);
  g_free (account->ws_path);
  g_free (account->call_id);
  g_free (account->from_tag);
  gst_sip_uri_free (account->nat_contact);
  gst_sip_uri_free (account->old_contact);
  g_clear_object (&account->flow);
  g_free (account->reason);
  g_free (account->contact);

  G_OBJECT_CLASS (gst_sip_account_parent_class)->finalize (object);
}

static void
set_aor (GstSipAccount *account, const gchar *aor)
{
  GstSipUri *uri = aor ? gst_sip_uri_new (aor, NULL) : NULL;

  if (!uri || !gst_sip_uri_is_sip (uri)) {
    g_warning ("“%s” is not a SIP address of record", aor ? aor : "(null)");
    if (uri)
      gst_sip_uri_free (uri);
    uri = gst_sip_uri_new ("sip:anonymous@anonymous.invalid", NULL);
  }
  account->aor = uri;
  account->aor_text = gst_sip_uri_to_string (uri);
  if (!account->registrar)
    account->registrar = g_strdup_printf (
        "%s:%s", gst_sip_uri_get_scheme (uri), gst_sip_uri_get_host (uri));
  if (!account->auth.credentials.username)
    account->auth.credentials.username = g_strdup (gst_sip_uri_get_user (uri));
}

static void
replace_string (gchar **slot, const GValue *value)
{
  g_free (*slot);
  *slot = g_value_dup_string (value);
  if (*slot && !**slot)
    g_clear_pointer (slot, g_free);
}

static void
gst_sip_account_set_property (
    GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstSipAccount *account = GST_SIP_ACCOUNT (object);
  GstSipCredentials *c = &account->auth.credentials;

  switch (prop_id) {
    case PROP_USER_AGENT:
      account->ua = g_value_dup_object (value);
      break;
    case PROP_AOR:
      set_aor (account, g_value_get_string (value));
      break;
    case PROP_DISPLAY_NAME:
      replace_string (&account->display_name, value);
      break;
    case PROP_USERNAME:
      if (g_value_get_string (value))
        replace_string (&c->username, value);
      break;
    case PROP_PASSWORD:
      gst_sip_account_set_password (account, g_value_get_string (value));
      break;
    case PROP_HA1:
      gst_sip_account_set_ha1 (account, g_value_get_string (value));
      break;
    case PROP_REALM:
      replace_string (&c->realm, value);
      break;
    case PROP_ANY_REALM:
      c->any_realm = g_value_get_boolean (value);
      break;
    case PROP_REGISTRAR:
      if (g_value_get_string (value)) {
        replace_string (&account->registrar, value);
        convert_ws_url (account, &account->registrar);
      }
      break;
    case PROP_PROXY:
      replace_string (&account->proxy, value);
      convert_ws_url (account, &account->proxy);
      break;
    case PROP_TRANSPORT:
      account->transport = g_value_get_enum (value);
      break;
    case PROP_REQUESTED_EXPIRES:
      account->requested_expires = g_value_get_uint (value);
      break;
    case PROP_CONTACT_PARAMS:
      replace_string (&account->contact_params, value);
      break;
    case PROP_RETRY_INTERVAL:
      account->retry_interval = g_value_get_uint (value);
      break;
    case PROP_MAX_RETRY_INTERVAL:
      account->max_retry_interval = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_account_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipAccount *account = GST_SIP_ACCOUNT (object);
  GstSipCredentials *c = &account->auth.credentials;

  switch (prop_id) {
    case PROP_USER_AGENT:
      g_value_set_object (value, account->ua);
      break;
    case PROP_AOR:
      g_value_set_string (value, account->aor_text);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, account->display_name);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, c->username);
      break;
    case PROP_REALM:
      g_value_set_string (value, c->realm);
      break;
    case PROP_ANY_REALM:
      g_value_set_boolean (value, c->any_realm);
      break;
    case PROP_REGISTRAR:
      g_value_set_string (value, account->registrar);
      break;
    case PROP_PROXY:
      g_value_set_string (value, account->proxy);
      break;
    case PROP_TRANSPORT:
      g_value_set_enum (value, account->transport);
      break;
    case PROP_REQUESTED_EXPIRES:
      g_value_set_uint (value, account->requested_expires);
      break;
    case PROP_CONTACT_PARAMS:
      g_value_set_string (value, account->contact_params);
      break;
    case PROP_RETRY_INTERVAL:
      g_value_set_uint (value, account->retry_interval);
      break;
    case PROP_MAX_RETRY_INTERVAL:
      g_value_set_uint (value, account->max_retry_interval);
      break;
    case PROP_STATE:
      g_value_set_enum (value, account->state);
      break;
    case PROP_STATUS_CODE:
      g_value_set_uint (value, account->status_code);
      break;
    case PROP_REASON:
      g_value_set_string (value, account->reason);
      break;
    case PROP_EXPIRES:
      g_value_set_uint (value, account->expires);
      break;
    case PROP_CONTACT:
      g_value_set_string (value, account->contact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_account_class_init (GstSipAccountClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro =
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  gobject_class->dispose = gst_sip_account_dispose;
  gobject_class->finalize = gst_sip_account_finalize;
  gobject_class->set_property = gst_sip_account_set_property;
  gobject_class->get_property = gst_sip_account_get_property;

  /**
   * GstSipAccount:user-agent:
   *
   * The user agent that sends the account's requests.
   *
   * Since: 0.1
   */
  properties[PROP_USER_AGENT] = g_param_spec_object ("user-agent", "User agent",
      "The user agent that sends the requests", GST_TYPE_SIP_USER_AGENT,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipAccount:aor:
   *
   * The address of record, such as `sip:alice@example.com`: the From and To
   * of the REGISTER.
   *
   * Since: 0.1
   */
  properties[PROP_AOR] = g_param_spec_string ("aor", "Address of record",
      "The address of record, such as sip:alice@example.com", NULL,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipAccount:display-name:
   *
   * The display name of the From and To headers.
   *
   * Since: 0.1
   */
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name",
      "Display name", "The display name of the address of record", NULL, rw);

  /**
   * GstSipAccount:username:
   *
   * The authentication user name; the user part of the address of record
   * when unset.
   *
   * Since: 0.1
   */
  properties[PROP_USERNAME] = g_param_spec_string (
      "username", "User name", "The authentication user name", NULL, rw);

  /**
   * GstSipAccount:password:
   *
   * The password, write-only.  It is never logged.
   *
   * Since: 0.1
   */
  properties[PROP_PASSWORD] =
      g_param_spec_string ("password", "Password", "The password (write-only)",
          NULL, G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipAccount:ha1:
   *
   * Instead of a password, H(username:realm:password) in hex, as carriers
   * hand it out: 32 digits for MD5, 64 for SHA-256.  Write-only, never
   * logged.  Set #GstSipAccount:realm with it.
   *
   * Since: 0.1
   */
  properties[PROP_HA1] = g_param_spec_string ("ha1", "HA1",
      "Precomputed H(username:realm:password) in hex (write-only)", NULL,
      G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipAccount:realm:
   *
   * The realm the credentials belong to.  Unset, they belong to the first
   * realm that challenges a request.  Challenges of other realms are
   * answered only with #GstSipAccount:any-realm, or through
   * #GstSipUserAgent::authenticate.
   *
   * Since: 0.1
   */
  properties[PROP_REALM] = g_param_spec_string (
      "realm", "Realm", "The realm the credentials belong to", NULL, rw);

  /**
   * GstSipAccount:any-realm:
   *
   * Whether the credentials may answer any realm.
   *
   * Since: 0.1
   */
  properties[PROP_ANY_REALM] = g_param_spec_boolean ("any-realm", "Any realm",
      "Whether the credentials may answer any realm", FALSE, rw);

  /**
   * GstSipAccount:registrar:
   *
   * The registrar's URI; the domain of the address of record when unset.
   * A WebSocket URL (RFC 7118), `ws://host:port/path` or `wss://...`,
   * stands for `sip:host:port;transport=ws` (or `wss`, port 80 or 443 by
   * default), which is what the property then reads; the path goes to
   * the WebSocket transport (#GstSipTransport:path).  Set
   * #GstSipAccount:transport to match.
   *
   * Since: 0.1
   */
  properties[PROP_REGISTRAR] = g_param_spec_string ("registrar", "Registrar",
      "The registrar URI (default: the domain of the address of record)", NULL,
      rw);

  /**
   * GstSipAccount:proxy:
   *
   * An outbound proxy, such as `sip:proxy.example.com:5080`: every request
   * of the account is routed through it (a pre-loaded `Route` with `lr`).
   * A WebSocket URL is taken as for #GstSipAccount:registrar.
   *
   * Since: 0.1
   */
  properties[PROP_PROXY] = g_param_spec_string (
      "proxy", "Outbound proxy", "The outbound proxy URI", NULL, rw);

  /**
   * GstSipAccount:transport:
   *
   * The transport for the registrar and the Contact.  The user agent needs
   * a transport of that protocol.
   *
   * Since: 0.1
   */
  properties[PROP_TRANSPORT] = g_param_spec_enum ("transport", "Transport",
      "The transport protocol for the registrar and the Contact",
      GST_TYPE_SIP_TRANSPORT_PROTOCOL, GST_SIP_TRANSPORT_PROTOCOL_UDP, rw);

  /**
   * GstSipAccount:requested-expires:
   *
   * How long to ask the registrar to keep the binding, in seconds.
   *
   * Since: 0.1
   */
  properties[PROP_REQUESTED_EXPIRES] = g_param_spec_uint ("requested-expires",
      "Requested expires", "How long the binding should last, in seconds", 1,
      G_MAXUINT32, DEFAULT_EXPIRES, rw);

  /**
   * GstSipAccount:contact-params:
   *
   * Extra Contact header parameters, with their leading `;`, such as
   * `;+sip.instance="<urn:uuid:...>"`.
   *
   * Since: 0.1
   */
  properties[PROP_CONTACT_PARAMS] =
      g_param_spec_string ("contact-params", "Contact parameters",
          "Extra parameters for the Contact header", NULL, rw);

  /**
   * GstSipAccount:retry-interval:
   *
   * The first delay, in seconds, before registering again after a timeout,
   * a transport error or a server error without Retry-After; it doubles on
   * each failure.
   *
   * Since: 0.1
   */
  properties[PROP_RETRY_INTERVAL] =
      g_param_spec_uint ("retry-interval", "Retry interval",
          "First delay before registering again after a "
          "failure, in seconds",
          1, G_MAXUINT32, DEFAULT_RETRY_INTERVAL, rw);

  /**
   * GstSipAccount:max-retry-interval:
   *
   * The cap of the retry delay, in seconds.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_RETRY_INTERVAL] =
      g_param_spec_uint ("max-retry-interval", "Maximum retry interval",
          "The longest delay between registration attempts, in seconds", 1,
          G_MAXUINT32, DEFAULT_MAX_RETRY_INTERVAL, rw);

  /**
   * GstSipAccount:state:
   *
   * The registration state, with notify.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] =
      g_param_spec_enum ("state", "State", "The registration state",
          GST_TYPE_SIP_ACCOUNT_STATE, GST_SIP_ACCOUNT_STATE_UNREGISTERED, ro);

  /**
   * GstSipAccount:status-code:
   *
   * The status code of the last final response to a REGISTER; 408 after a
   * timeout, 503 after a transport error; 0 before any.
   *
   * Since: 0.1
   */
  properties[PROP_STATUS_CODE] = g_param_spec_uint ("status-code",
      "Status code", "The status of the last REGISTER", 0, 699, 0, ro);

  /**
   * GstSipAccount:reason:
   *
   * The reason phrase of the last final response, or why the registration
   * failed.
   *
   * Since: 0.1
   */
  properties[PROP_REASON] = g_param_spec_string ("reason", "Reason",
      "The reason of the last final response or failure", NULL, ro);

  /**
   * GstSipAccount:expires:
   *
   * How long the registrar keeps the binding, in seconds, as it granted
   * it; 0 when not registered.
   *
   * Since: 0.1
   */
  properties[PROP_EXPIRES] = g_param_spec_uint ("expires", "Expires",
      "The binding lifetime granted by the registrar, in seconds", 0,
      G_MAXUINT32, 0, ro);

  /**
   * GstSipAccount:contact:
   *
   * The registered Contact URI, or %NULL.
   *
   * Since: 0.1
   */
  properties[PROP_CONTACT] = g_param_spec_string (
      "contact", "Contact", "The registered contact URI", NULL, ro);

  g_object_class_install_properties (gobject_class, N_PROPS, properties);
}

/**
 * gst_sip_account_new:
 * @ua: the #GstSipUserAgent that sends the requests
 * @aor: the address of record, such as `sip:alice@example.com`
 * @error: return location for a #GError, or %NULL
 *
 * Creates an account.  Set its credentials (#GstSipAccount:password or
 * #GstSipAccount:ha1) and, when it is not the domain of @aor, its
 * #GstSipAccount:registrar before registering.
 *
 * Returns: (transfer full) (nullable): the new account, or %NULL with
 *   @error set when @aor is not a SIP URI
 *
 * Since: 0.1
 */
GstSipAccount *
gst_sip_account_new (GstSipUserAgent *ua, const gchar *aor, GError **error)
{
  GstSipUri *uri;

  g_return_val_if_fail (GST_IS_SIP_USER_AGENT (ua), NULL);
  g_return_val_if_fail (aor != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = gst_sip_uri_new (aor, error);
  if (!uri)
    return NULL;
  if (!gst_sip_uri_is_sip (uri) || !gst_sip_uri_get_user (uri)) {
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
        _ ("“%s” is not a SIP address of record (sip:user@domain)"), aor);
    gst_sip_uri_free (uri);
    return NULL;
  }
  gst_sip_uri_free (uri);

  return g_object_new (
      GST_TYPE_SIP_ACCOUNT, "user-agent", ua, "aor", aor, NULL);
}

/**
 * gst_sip_account_get_user_agent:
 * @account: a #GstSipAccount
 *
 * Returns: (transfer none): the user agent of the account
 *
 * Since: 0.1
 */
GstSipUserAgent *
gst_sip_account_get_user_agent (GstSipAccount *account)
{
  g_return_val_if_fail (GST_IS_SIP_ACCOUNT (account), NULL);
  return account->ua;
}

/**
 * gst_sip_account_get_aor:
 * @account: a #GstSipAccount
 *
 * Returns: the address of record
 *
 * Since: 0.1
 */
const gchar *
gst_sip_account_get_aor (GstSipAccount *account)
{
  g_return_val_if_fail (GST_IS_SIP_ACCOUNT (account), NULL);
  return account->aor_text;
}

/**
 * gst_sip_account_set_password:
 * @account: a #GstSipAccount
 * @password: (nullable): the password
 *
 * Since: 0.1
 */
void
gst_sip_account_set_password (GstSipAccount *account, const gchar *password)
{
  GstSipCredentials *c;

  g_return_if_fail (GST_IS_SIP_ACCOUNT (account));

  c = &account->auth.credentials;
  if (c->password) {
    memset (c->password, 0, strlen (c->password));
    g_free (c->password);
  }
  c->password = g_strdup (password);
}

/**
 * gst_sip_account_set_ha1:
 * @account: a #GstSipAccount
 * @ha1: (nullable): H(username:realm:password) in hex
 *
 * Since: 0.1
 */
void
gst_sip_account_set_ha1 (GstSipAccount *account, const gchar *ha1)
{
  GstSipCredentials *c;

  g_return_if_fail (GST_IS_SIP_ACCOUNT (account));

  c = &account->auth.credentials;
  if (c->ha1) {
    memset (c->ha1, 0, strlen (c->ha1));
    g_free (c->ha1);
  }
  c->ha1 = ha1 ? g_ascii_strdown (ha1, -1) : NULL;
}

/**
 * gst_sip_account_get_state:
 * @account: a #GstSipAccount
 *
 * Returns: the registration state
 *
 * Since: 0.1
 */
GstSipAccountState
gst_sip_account_get_state (GstSipAccount *account)
{
  g_return_val_if_fail (
      GST_IS_SIP_ACCOUNT (account), GST_SIP_ACCOUNT_STATE_UNREGISTERED);
  return account->state;
}

/**
 * gst_sip_account_get_status_code:
 * @account: a #GstSipAccount
 *
 * Returns: the status of the last final response to a REGISTER
 *
 * Since: 0.1
 */
guint
gst_sip_account_get_status_code (GstSipAccount *account)
{
  g_return_val_if_fail (GST_IS_SIP_ACCOUNT (account), 0);
  return account->status_code;
}

/**
 * gst_sip_account_get_reason:
 * @account: a #GstSipAccount
 *
 * Returns: (nullable): the reason of the last final response or failure
 *
 * Since: 0.1
 */
const gchar *
gst_sip_account_get_reason (GstSipAccount *account)
{
  g_return_val_if_fail (GST_IS_SIP_ACCOUNT (account), NULL);
  return account->reason;
}

/**
 * gst_sip_account_get_expires:
 * @account: a #GstSipAccount
 *
 * Returns: the granted binding lifetime in seconds, 0 when not registered
 *
 * Since: 0.1
 */
guint
gst_sip_account_get_expires (GstSipAccount *account)
{
  g_return_val_if_fail (GST_IS_SIP_ACCOUNT (account), 0);
  return account->expires;
}

/**
 * gst_sip_account_get_contact:
 * @account: a #GstSipAccount
 *
 * Returns: (nullable): the registered Contact URI
 *
 * Since: 0.1
 */
const gchar *
gst_sip_account_get_contact (GstSipAccount *account)
{
  g_return_val_if_fail (GST_IS_SIP_ACCOUNT (account), NULL);
  return account->contact;
}

static void
register_cancelled (GObject *owner, GTask *task)
{
  GstSipAccount *account = GST_SIP_ACCOUNT (owner);

  /* nobody waits for the registration any more: stop it, and remove a
   * binding it may already have made */
  if (_gst_sip_task_list_cancel (&account->register_tasks, task) &&
      !account->register_tasks && account->enabled)
    gst_sip_account_unregister_async (account, NULL, NULL, NULL);
}

static void
unregister_cancelled (GObject *owner, GTask *task)
{
  GstSipAccount *account = GST_SIP_ACCOUNT (owner);

  /* the REGISTER with Expires: 0 was sent; only the wait ends */
  _gst_sip_task_list_cancel (&account->unregister_tasks, task);
}

/**
 * gst_sip_account_register_async:
 * @account: a #GstSipAccount
 * @cancellable: (nullable): a #GCancellable; cancelling it, from any
 *   thread, stops the registration as gst_sip_account_unregister_async()
 *   does, and the result is %G_IO_ERROR_CANCELLED
 * @callback: (scope async): called once the registrar answered finally
 * @user_data: data for @callback
 *
 * Registers the account and keeps it registered: the binding is refreshed
 * before it expires, and registration is retried after timeouts and server
 * errors, until gst_sip_account_unregister_async().
 *
 * Since: 0.1
 */
void
gst_sip_account_register_async (GstSipAccount *account,
    GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (GST_IS_SIP_ACCOUNT (account));

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, gst_sip_account_register_async);
  g_task_set_check_cancellable (task, FALSE);
  if (!_gst_sip_task_watch (task, G_OBJECT (account),
          gst_sip_user_agent_get_context (account->ua), register_cancelled)) {
    g_task_return_error_if_cancelled (task);
    g_object_unref (task);
    return;
  }

  account->enabled = TRUE;
  account->current_expires = account->requested_expires;
  account->n_too_brief = 0;
  account->failures = 0;
  _gst_sip_auth_session_done (&account->auth);

  if (account->state == GST_SIP_ACCOUNT_STATE_REGISTERED) {
    /* already there: refresh now and report the outcome */
    account->register_tasks = g_list_append (account->register_tasks, task);
    send_register (account);
    return;
  }
  account->register_tasks = g_list_append (account->register_tasks, task);
  if (account->state != GST_SIP_ACCOUNT_STATE_REGISTERING || !account->tx)
    send_register (account);
}

/**
 * gst_sip_account_register_finish:
 * @account: a #GstSipAccount
 * @result: the #GAsyncResult
 * @error: return location for a #GError, or %NULL
 *
 * Returns: the status code of the registrar's final response: a 2xx when
 *   the account is registered, or the refusal (403, 404, ...; a refusal is
 *   a result, not an error).  0 with @error set when there was no final
 *   answer (%GST_SIP_ERROR_TIMEOUT, %GST_SIP_ERROR_TRANSPORT,
 *   %GST_SIP_ERROR_RESOLVE) or authentication failed
 *   (%GST_SIP_ERROR_AUTH_FAILED).
 *
 * Since: 0.1
 */
guint
gst_sip_account_register_finish (
    GstSipAccount *account, GAsyncResult *result, GError **error)
{
  gssize code;

  g_return_val_if_fail (g_task_is_valid (result, account), 0);
  g_return_val_if_fail (
      g_async_result_is_tagged (result, gst_sip_account_register_async), 0);

  code = g_task_propagate_int (G_TASK (result), error);
  return code < 0 ? 0 : (guint) code;
}

/**
 * gst_sip_account_unregister_async:
 * @account: a #GstSipAccount
 * @cancellable: (nullable): a #GCancellable; cancelling it ends the wait
 *   for the registrar's answer with %G_IO_ERROR_CANCELLED (the account is
 *   unregistered anyway)
 * @callback: (scope async): called once the registrar answered finally
 * @user_data: data for @callback
 *
 * Stops refreshing and removes the binding with `Expires: 0`.
 *
 * Since: 0.1
 */
void
gst_sip_account_unregister_async (GstSipAccount *account,
    GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;
  GError *error;

  g_return_if_fail (GST_IS_SIP_ACCOUNT (account));

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, gst_sip_account_unregister_async);
  g_task_set_check_cancellable (task, FALSE);
  _gst_sip_task_watch (task, G_OBJECT (account),
      gst_sip_user_agent_get_context (account->ua), unregister_cancelled);

  account->enabled = FALSE;
  unschedule (account);

  /* a registration under way will not be needed */
  error = g_error_new (GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
      _ ("The account was unregistered"));
  _gst_sip_task_list_return (&account->register_tasks, 0, error);
  g_error_free (error);

  if (account->state == GST_SIP_ACCOUNT_STATE_UNREGISTERED ||
      (account->state == GST_SIP_ACCOUNT_STATE_FAILED && !account->tx)) {
    drop_transaction (account);
    set_state (account, GST_SIP_ACCOUNT_STATE_UNREGISTERED,
        account->status_code, account->reason);
    _gst_sip_task_unwatch (task);
    g_task_return_int (task, 0);
    g_object_unref (task);
    return;
  }

  account->unregister_tasks = g_list_append (account->unregister_tasks, task);
  _gst_sip_auth_session_done (&account->auth);
  send_register (account);
}

/**
 * gst_sip_account_unregister_finish:
 * @account: a #GstSipAccount
 * @result: the #GAsyncResult
 * @error: return location for a #GError, or %NULL
 *
 * Returns: the status code of the final response to the REGISTER with
 *   `Expires: 0`; 0 without an error when the account was not registered;
 *   0 with @error set when there was no final answer
 *
 * Since: 0.1
 */
guint
gst_sip_account_unregister_finish (
    GstSipAccount *account, GAsyncResult *result, GError **error)
{
  gssize code;

  g_return_val_if_fail (g_task_is_valid (result, account), 0);
  g_return_val_if_fail (
      g_async_result_is_tagged (result, gst_sip_account_unregister_async), 0);

  code = g_task_propagate_int (G_TASK (result), error);
  return code < 0 ? 0 : (guint) code;
}

const GstSipCredentials *
_gst_sip_account_get_credentials (GstSipAccount *account)
{
  return &account->auth.credentials;
}

const gchar *
_gst_sip_account_get_proxy (GstSipAccount *account)
{
  /* a call through a ws:// proxy opens its connection with the path */
  apply_ws_path (account);
  return account->proxy;
}

const gchar *
_gst_sip_account_get_display_name (GstSipAccount *account)
{
  return account->display_name;
}

GstSipTransportProtocol
_gst_sip_account_get_transport (GstSipAccount *account)
{
  return account->transport;
}
