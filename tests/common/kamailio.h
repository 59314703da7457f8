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
 * Test support: a kamailio SIP server on a loopback address, as the
 * registrar and proxy of tests that need a real one.
 *
 * gst_sip_test_kamailio_start() writes a configuration (the template
 * kamailio.cfg next to this file, see there), a db_text database with the
 * users and their passwords, and starts kamailio in the foreground in a
 * temporary directory, listening on one UDP and one TCP port.  The server
 * challenges every REGISTER with 401 (WWW-Authenticate) and, as a proxy,
 * every request from a user of its domain with 407 (Proxy-Authenticate),
 * and forwards requests for its users to their registered contacts.
 *
 * Like a #GstSipTestPeer, a #GstSipTestKamailio belongs to the thread and
 * the thread-default #GMainContext it was started from: its waits iterate
 * that context.  kamailio runs as several processes; the harness stops all
 * of them, and kamailio stops its workers itself when the test dies.
 *
 * This module only depends on GLib, GIO and peer.h.
 */

#ifndef __GST_SIP_TEST_KAMAILIO_H__
#define __GST_SIP_TEST_KAMAILIO_H__

#include "peer.h"

G_BEGIN_DECLS

/**
 * GstSipTestKamailio:
 *
 * One running kamailio.  Opaque; free with gst_sip_test_kamailio_free().
 */
typedef struct _GstSipTestKamailio GstSipTestKamailio;

/**
 * GstSipTestKamailioMode:
 * @GST_SIP_TEST_KAMAILIO_MODE_REGISTRAR: a registrar only: REGISTER is
 *     challenged with 401 and saved; OPTIONS to the server itself gets 200;
 *     any other request that starts a transaction gets 405
 * @GST_SIP_TEST_KAMAILIO_MODE_PROXY: the registrar and a proxy: requests
 *     from users of the domain are challenged with 407; requests to users of
 *     the domain are forwarded to their registered contacts (404 without
 *     one), requests to other hosts are forwarded to their Request-URI
 * @GST_SIP_TEST_KAMAILIO_MODE_FORWARD: a plain stateful proxy, for load
 *     tests: after the basic checks (Max-Forwards, sanity) every request is
 *     relayed with t_relay() to @forward_to over UDP, whatever its
 *     Request-URI, without authentication, registrar or per-request log
 *     lines; a CANCEL follows its INVITE
 *
 * What the server does besides registration.
 */
typedef enum
{
  GST_SIP_TEST_KAMAILIO_MODE_REGISTRAR,
  GST_SIP_TEST_KAMAILIO_MODE_PROXY,
  GST_SIP_TEST_KAMAILIO_MODE_FORWARD,
} GstSipTestKamailioMode;

/**
 * GstSipTestKamailioConfig:
 * @address: the address to listen on; %NULL for "127.0.0.1" ("::1" works
 *     too)
 * @port: the UDP and TCP port; 0 to reserve one that is free for both
 * @domain: the domain of the users, which is also the digest realm and an
 *     alias of the server; %NULL for "example.test"
 * @users: (array zero-terminated=1) (nullable): the users, each as
 *     "name:password" (the password may contain colons, not be empty)
 * @mode: registrar only, or registrar and proxy
 * @record_route: whether the proxy record-routes (rr module, loose
 *     routing) the requests it forwards, to stay on the path of dialogs
 * @use_received: whether requests for a user go to the source address of
 *     its REGISTER (nathelper's fix_nated_register(): over TCP the
 *     connection the REGISTER came on) instead of its Contact
 * @min_expires: the registrar's minimum expiration in seconds; 0 for 1, so
 *     that tests can register for a few seconds
 * @default_expires: the expiration of a REGISTER without any; 0 for 3600
 * @max_expires: the maximum expiration, longer ones are shortened; 0 for
 *     none
 * @reject_brief: %TRUE to reject an expiration below @min_expires with 423
 *     Interval Too Brief and Min-Expires; %FALSE to raise it to @min_expires
 * @algorithm: the digest algorithm of the challenges, "MD5" or "SHA-256";
 *     %NULL for "MD5"
 * @qop: the qop of the challenges: "auth", "auth-int", or "" for none (RFC
 *     2069 style); %NULL for "auth"
 * @nonce_expire: how long a nonce stays valid, in seconds; 0 for kamailio's
 *     default, 300.  Credentials with an expired nonce get a new challenge
 *     with stale=true
 * @forward_to: where %GST_SIP_TEST_KAMAILIO_MODE_FORWARD relays requests,
 *     as "address:port" (an IPv6 address in brackets); required in that
 *     mode, ignored in the others
 * @workers: the number of UDP worker processes, and of TCP ones; 0 for 2.
 *     With more than one, replies to one transaction may overtake each
 *     other between workers (a 200 before the 180 it followed)
 * @shm_mb: kamailio's shared memory in megabytes; 0 for 64.  A stateful
 *     proxy keeps each transaction there until a few seconds after it
 *     ended, so thousands of calls per second need several hundred
 *
 * @memory_manager: kamailio's memory manager (its -x option): "qm", "fm"
 *     or "tlsf"; %NULL for kamailio's default, qm, which checks the most
 *     and is the slowest (load tests use "tlsf")
 * @tls_certificate: a PEM certificate file: kamailio then also listens for
 *     TLS (its tls module, which must be installed) on a port of its own,
 *     gst_sip_test_kamailio_get_tls_port(), presenting this certificate,
 *     and connects to TLS user agents without checking theirs; %NULL for
 *     no TLS
 * @tls_private_key: the PEM private key of @tls_certificate
 * @websocket: also listen for SIP over WebSocket (RFC 7118, its xhttp and
 *     websocket modules, which must be installed) on a TCP port of its own,
 *     gst_sip_test_kamailio_get_ws_port(), with the `sip` subprotocol on
 *     any path.  Clients over WebSocket are reached through their
 *     connection: REGISTER gets the source address (fix_nated_register()),
 *     dialogs the alias of add_contact_alias()
 *
 * How gst_sip_test_kamailio_start() sets kamailio up.  Initialise it with
 * zeros: every zero or %NULL member selects the default.
 */
typedef struct
{
  const gchar *address;
  guint16 port;
  const gchar *domain;
  const gchar *const *users;
  GstSipTestKamailioMode mode;
  gboolean record_route;
  gboolean use_received;
  guint min_expires;
  guint default_expires;
  guint max_expires;
  gboolean reject_brief;
  const gchar *algorithm;
  const gchar *qop;
  guint nonce_expire;
  const gchar *forward_to;
  guint workers;
  guint shm_mb;
  const gchar *memory_manager;
  const gchar *tls_certificate;
  const gchar *tls_private_key;
  gboolean websocket;
} GstSipTestKamailioConfig;

/* How long gst_sip_test_kamailio_start() waits for kamailio to listen and
 * start its workers. */
#define GST_SIP_TEST_KAMAILIO_START_TIMEOUT_MS 10000

/* The line kamailio logs when its first worker is ready. */
#define GST_SIP_TEST_KAMAILIO_READY "gst-sip test kamailio ready"

GstSipTestKamailio *gst_sip_test_kamailio_start (
    const GstSipTestKamailioConfig *config, GError **error);

guint16 gst_sip_test_kamailio_get_port (GstSipTestKamailio *kamailio);

guint16 gst_sip_test_kamailio_get_tls_port (GstSipTestKamailio *kamailio);

guint16 gst_sip_test_kamailio_get_ws_port (GstSipTestKamailio *kamailio);

const gchar *gst_sip_test_kamailio_get_address (GstSipTestKamailio *kamailio);

const gchar *gst_sip_test_kamailio_get_domain (GstSipTestKamailio *kamailio);

gchar *gst_sip_test_kamailio_dup_uri (
    GstSipTestKamailio *kamailio, const gchar *transport);

GPid gst_sip_test_kamailio_get_pid (GstSipTestKamailio *kamailio);

const gchar *gst_sip_test_kamailio_get_workdir (GstSipTestKamailio *kamailio);

const gchar *gst_sip_test_kamailio_get_log (GstSipTestKamailio *kamailio);

gboolean gst_sip_test_kamailio_wait_log (
    GstSipTestKamailio *kamailio, const gchar *text, guint timeout_ms);

void gst_sip_test_kamailio_stop (GstSipTestKamailio *kamailio);

void gst_sip_test_kamailio_free (GstSipTestKamailio *kamailio);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipTestKamailio, gst_sip_test_kamailio_free)

G_END_DECLS

#endif /* __GST_SIP_TEST_KAMAILIO_H__ */
