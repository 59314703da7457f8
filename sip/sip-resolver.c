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

/*
 * Locating SIP servers (RFC 3263 section 4), client side.
 *
 * GResolver cannot query NAPTR records, so the NAPTR step of RFC 3263
 * 4.1 is skipped: without a transport parameter the client looks up SRV
 * records for each transport it supports, in the order UDP, TCP, TLS, and
 * uses the first that has records (what 4.1 prescribes when a domain has
 * no NAPTR records).  Each SRV target is resolved to its A/AAAA addresses,
 * in the priority and weight order GResolver sorted the records in
 * (RFC 2782).  A domain without SRV records is reached through its A/AAAA
 * records on the default port of the transport.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-resolver-private.h"

GST_DEBUG_CATEGORY_STATIC (sip_resolver_debug);
#define GST_CAT_DEFAULT sip_resolver_debug

#define DEFAULT_PORT 5060
#define DEFAULT_SECURE_PORT 5061

#define PROTOCOL_BIT(p) (1u << (p))

typedef struct
{
  GResolver *resolver;
  gchar *host;
  guint port; /* 0: not in the URI */
  GstSipTransportProtocol protocol;
  gboolean explicit_protocol;

  /* the SRV transports still to try */
  GstSipTransportProtocol candidates[3];
  guint n_candidates;
  guint next_candidate;

  /* the SRV records of the transport found, and the next to resolve */
  GstSipTransportProtocol srv_protocol;
  GList *srv_targets;
  GList *srv_next;

  GPtrArray *targets;
  GError *error; /* the first lookup error */
} ResolveData;

static void resolve_next_candidate (GTask *task);
static void resolve_next_srv_target (GTask *task);

static void
ensure_debug_category (void)
{
#ifndef GST_DISABLE_GST_DEBUG
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized)) {
    GST_DEBUG_CATEGORY_INIT (
        sip_resolver_debug, "sipresolver", 0, "SIP server location (RFC 3263)");
    g_once_init_leave (&initialized, 1);
  }
#endif
}

void
_gst_sip_target_free (GstSipTarget *target)
{
  if (target == NULL)
    return;
  g_clear_object (&target->address);
  g_free (target);
}

static void
resolve_data_free (ResolveData *data)
{
  g_object_unref (data->resolver);
  g_free (data->host);
  g_resolver_free_targets (data->srv_targets);
  g_ptr_array_unref (data->targets);
  g_clear_error (&data->error);
  g_free (data);
}

static guint
default_port (GstSipTransportProtocol protocol)
{
  switch (protocol) {
    case GST_SIP_TRANSPORT_PROTOCOL_TLS:
    case GST_SIP_TRANSPORT_PROTOCOL_WSS:
      return DEFAULT_SECURE_PORT;
    default:
      return DEFAULT_PORT;
  }
}

gboolean
_gst_sip_resolve_protocol (const GstSipUri *uri, GstSipProtocolMask supported,
    GstSipTransportProtocol *protocol, guint *port)
{
  GstSipTransportProtocol proto;
  const gchar *param;
  gboolean secure;

  g_return_val_if_fail (uri != NULL, FALSE);

  if (!gst_sip_uri_is_sip (uri))
    return FALSE;

  secure = gst_sip_uri_is_secure (uri);
  param = gst_sip_uri_get_param (uri, "transport");
  if (param) {
    if (!gst_sip_transport_protocol_from_string (param, &proto))
      return FALSE;
    /* sips: TCP means TLS (RFC 3261 26.2.2); there is no sips over UDP */
    if (secure) {
      if (proto == GST_SIP_TRANSPORT_PROTOCOL_TCP)
        proto = GST_SIP_TRANSPORT_PROTOCOL_TLS;
      else if (proto == GST_SIP_TRANSPORT_PROTOCOL_WS)
        proto = GST_SIP_TRANSPORT_PROTOCOL_WSS;
      else if (proto == GST_SIP_TRANSPORT_PROTOCOL_UDP)
        return FALSE;
    }
  } else if (secure) {
    proto = GST_SIP_TRANSPORT_PROTOCOL_TLS;
  } else if (supported & PROTOCOL_BIT (GST_SIP_TRANSPORT_PROTOCOL_UDP)) {
    proto = GST_SIP_TRANSPORT_PROTOCOL_UDP;
  } else if (supported & PROTOCOL_BIT (GST_SIP_TRANSPORT_PROTOCOL_TCP)) {
    proto = GST_SIP_TRANSPORT_PROTOCOL_TCP;
  } else {
    proto = GST_SIP_TRANSPORT_PROTOCOL_TLS;
  }

  if (!(supported & PROTOCOL_BIT (proto)))
    return FALSE;

  if (protocol)
    *protocol = proto;
  if (port)
    *port = gst_sip_uri_get_port (uri) ? gst_sip_uri_get_port (uri)
                                       : default_port (proto);
  return TRUE;
}

static void
add_target (ResolveData *data, GstSipTransportProtocol protocol,
    GInetAddress *address, guint port)
{
  GstSipTarget *target = g_new0 (GstSipTarget, 1);

  target->protocol = protocol;
  target->address =
      G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (address, port));
  g_ptr_array_add (data->targets, target);

#ifndef GST_DISABLE_GST_DEBUG
  if (gst_debug_category_get_threshold (sip_resolver_debug) >=
      GST_LEVEL_DEBUG) {
    gchar *text = g_inet_address_to_string (address);

    GST_DEBUG ("%s: target %s %s port %u", data->host,
        gst_sip_transport_protocol_to_string (protocol), text, port);
    g_free (text);
  }
#endif
}

static void
return_targets (GTask *task)
{
  ResolveData *data = g_task_get_task_data (task);

  if (data->targets->len == 0)
    goto no_targets;

  g_task_return_pointer (task, g_ptr_array_ref (data->targets),
      (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
  return;

  /* ERRORS */
no_targets : {
  if (data->error &&
      g_error_matches (data->error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    g_task_return_error (task, g_steal_pointer (&data->error));
  } else {
    g_task_return_new_error (task, GST_SIP_ERROR, GST_SIP_ERROR_RESOLVE,
        _ ("Could not resolve the SIP server \"%s\": %s"), data->host,
        data->error ? data->error->message : _ ("no address found"));
  }
  g_object_unref (task);
}
}

static void
keep_error (ResolveData *data, GError *error)
{
  GST_DEBUG ("%s: lookup failed: %s", data->host, error->message);
  if (data->error == NULL)
    data->error = error;
  else
    g_error_free (error);
}

/* A/AAAA, for a name with a port or without SRV records */
static void
on_addresses (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ResolveData *data = g_task_get_task_data (task);
  GError *err = NULL;
  GList *addresses, *l;

  addresses =
      g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &err);
  if (addresses == NULL) {
    keep_error (data, err);
  } else {
    for (l = addresses; l; l = l->next)
      add_target (data, data->protocol, l->data, data->port);
    g_resolver_free_addresses (addresses);
  }

  return_targets (task);
}

static void
resolve_addresses (GTask *task)
{
  ResolveData *data = g_task_get_task_data (task);

  GST_DEBUG ("%s: looking up addresses, %s port %u", data->host,
      gst_sip_transport_protocol_to_string (data->protocol), data->port);
  g_resolver_lookup_by_name_async (data->resolver, data->host,
      g_task_get_cancellable (task), on_addresses, task);
}

/* the addresses of one SRV target */
static void
on_srv_target_addresses (
    GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ResolveData *data = g_task_get_task_data (task);
  GSrvTarget *srv = data->srv_next->data;
  GError *err = NULL;
  GList *addresses, *l;

  addresses =
      g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &err);
  if (addresses == NULL) {
    if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
      g_clear_error (&data->error);
      keep_error (data, err);
      return_targets (task);
      return;
    }
    keep_error (data, err);
  } else {
    for (l = addresses; l; l = l->next)
      add_target (
          data, data->srv_protocol, l->data, g_srv_target_get_port (srv));
    g_resolver_free_addresses (addresses);
  }

  data->srv_next = data->srv_next->next;
  resolve_next_srv_target (task);
}

static void
resolve_next_srv_target (GTask *task)
{
  ResolveData *data = g_task_get_task_data (task);
  GSrvTarget *srv;

  if (data->srv_next == NULL) {
    return_targets (task);
    return;
  }

  srv = data->srv_next->data;
  GST_DEBUG ("%s: SRV target %s port %u priority %u weight %u", data->host,
      g_srv_target_get_hostname (srv), g_srv_target_get_port (srv),
      g_srv_target_get_priority (srv), g_srv_target_get_weight (srv));
  g_resolver_lookup_by_name_async (data->resolver,
      g_srv_target_get_hostname (srv), g_task_get_cancellable (task),
      on_srv_target_addresses, task);
}

static void
on_srv (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ResolveData *data = g_task_get_task_data (task);
  GError *err = NULL;
  GList *srv;

  srv = g_resolver_lookup_service_finish (G_RESOLVER (source), result, &err);
  if (srv == NULL) {
    GST_DEBUG ("%s: no SRV records for %s: %s", data->host,
        gst_sip_transport_protocol_to_string (data->srv_protocol),
        err->message);
    if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
      g_clear_error (&data->error);
      keep_error (data, err);
      return_targets (task);
      return;
    }
    g_error_free (err);
    resolve_next_candidate (task);
    return;
  }

  data->srv_targets = srv;
  data->srv_next = srv;
  resolve_next_srv_target (task);
}

static void
resolve_next_candidate (GTask *task)
{
  ResolveData *data = g_task_get_task_data (task);
  GstSipTransportProtocol protocol;
  gboolean secure;

  if (data->next_candidate == data->n_candidates) {
    /* RFC 3263 4.2: no SRV records, A/AAAA on the default port */
    data->port = default_port (data->protocol);
    resolve_addresses (task);
    return;
  }

  protocol = data->candidates[data->next_candidate++];
  secure = protocol == GST_SIP_TRANSPORT_PROTOCOL_TLS;
  data->srv_protocol = protocol;
  GST_DEBUG ("%s: looking up SRV records for %s", data->host,
      gst_sip_transport_protocol_to_string (protocol));
  g_resolver_lookup_service_async (data->resolver, secure ? "sips" : "sip",
      protocol == GST_SIP_TRANSPORT_PROTOCOL_UDP ? "udp" : "tcp", data->host,
      g_task_get_cancellable (task), on_srv, task);
}

void
_gst_sip_resolve_async (GResolver *resolver, const GstSipUri *uri,
    GstSipProtocolMask supported, GCancellable *cancellable,
    GAsyncReadyCallback callback, gpointer user_data)
{
  static const GstSipTransportProtocol srv_order[] = {
    GST_SIP_TRANSPORT_PROTOCOL_UDP,
    GST_SIP_TRANSPORT_PROTOCOL_TCP,
    GST_SIP_TRANSPORT_PROTOCOL_TLS,
  };
  ResolveData *data;
  const gchar *host;
  GInetAddress *inet;
  GTask *task;
  gchar *text;
  guint i;

  g_return_if_fail (resolver == NULL || G_IS_RESOLVER (resolver));
  g_return_if_fail (uri != NULL);

  ensure_debug_category ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _gst_sip_resolve_async);

  data = g_new0 (ResolveData, 1);
  data->resolver =
      resolver ? g_object_ref (resolver) : g_resolver_get_default ();
  data->targets =
      g_ptr_array_new_with_free_func ((GDestroyNotify) _gst_sip_target_free);
  g_task_set_task_data (task, data, (GDestroyNotify) resolve_data_free);

  if (!gst_sip_uri_is_sip (uri))
    goto not_sip;

  /* RFC 3263 4: maddr replaces the host */
  host = gst_sip_uri_get_param (uri, "maddr");
  if (host == NULL || *host == '\0')
    host = gst_sip_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    goto no_host;
  /* an IPv6 maddr keeps its brackets */
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    data->host = g_strndup (host + 1, strlen (host) - 2);
  else
    data->host = g_strdup (host);

  if (!_gst_sip_resolve_protocol (uri, supported, &data->protocol, &data->port))
    goto unsupported;
  data->explicit_protocol = gst_sip_uri_get_param (uri, "transport") != NULL ||
      gst_sip_uri_is_secure (uri);

  /* an IP address needs no lookup */
  inet = g_inet_address_new_from_string (data->host);
  if (inet) {
    add_target (data, data->protocol, inet, data->port);
    g_object_unref (inet);
    return_targets (task);
    return;
  }

  /* RFC 3263 4.2: a port in the URI means A/AAAA */
  if (gst_sip_uri_get_port (uri) != 0) {
    resolve_addresses (task);
    return;
  }

  if (data->explicit_protocol) {
    if (data->protocol == GST_SIP_TRANSPORT_PROTOCOL_UDP ||
        data->protocol == GST_SIP_TRANSPORT_PROTOCOL_TCP ||
        data->protocol == GST_SIP_TRANSPORT_PROTOCOL_TLS)
      data->candidates[data->n_candidates++] = data->protocol;
  } else {
    for (i = 0; i < G_N_ELEMENTS (srv_order); i++) {
      if (supported & PROTOCOL_BIT (srv_order[i]))
        data->candidates[data->n_candidates++] = srv_order[i];
    }
  }
  resolve_next_candidate (task);
  return;

  /* ERRORS */
not_sip : {
  text = gst_sip_uri_to_string (uri);
  g_task_return_new_error (task, GST_SIP_ERROR, GST_SIP_ERROR_UNSUPPORTED,
      _ ("\"%s\" is not a SIP URI"), text);
  g_free (text);
  g_object_unref (task);
  return;
}
no_host : {
  text = gst_sip_uri_to_string (uri);
  g_task_return_new_error (task, GST_SIP_ERROR, GST_SIP_ERROR_RESOLVE,
      _ ("\"%s\" has no host to send to"), text);
  g_free (text);
  g_object_unref (task);
  return;
}
unsupported : {
  text = gst_sip_uri_to_string (uri);
  g_task_return_new_error (task, GST_SIP_ERROR, GST_SIP_ERROR_UNSUPPORTED,
      _ ("No supported transport can reach \"%s\""), text);
  g_free (text);
  g_object_unref (task);
  return;
}
}

GPtrArray *
_gst_sip_resolve_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (
      g_async_result_is_tagged (result, _gst_sip_resolve_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
