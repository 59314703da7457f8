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
 * Test support: baresip, an independent SIP user agent, on a loopback
 * address, as the far end of real calls.
 *
 * gst_sip_test_baresip_start() writes a configuration directory (config,
 * accounts, contacts) into a temporary directory and starts baresip there
 * with `baresip -f DIR -v -s`: headless (no console user interface, the
 * control channel is the ctrl_tcp module), without sound hardware (the
 * ausine module is the audio source, aubridge the player), without video
 * unless asked for (then fakevideo is camera and display), NAT traversal
 * or media encryption.  It has one account without registration,
 * <sip:USER@ADDRESS>;regint=0, that answers calls by itself unless told
 * otherwise, and it listens for SIP on UDP and TCP on one port
 * (and, as baresip always does, for TLS on the next port).
 *
 * The harness keeps a connection to baresip's ctrl_tcp port: commands
 * ("dial", "hangup", ...) are sent as netstrings with a JSON object, and
 * the events baresip reports there (CALL_INCOMING, CALL_ESTABLISHED,
 * CALL_CLOSED, ...) are recorded for the test to wait for.  baresip's
 * output, with a trace of every SIP message it sends and receives, goes to
 * a log for failure reports.
 *
 * Like a #GstSipTestPeer, a #GstSipTestBaresip belongs to the thread and
 * the thread-default #GMainContext it was started from: its waits iterate
 * that context, so a user agent under test keeps running meanwhile.
 *
 * This module only depends on GLib, GIO and peer.h.
 */

#ifndef __GST_SIP_TEST_BARESIP_H__
#define __GST_SIP_TEST_BARESIP_H__

#include "peer.h"

G_BEGIN_DECLS

/**
 * GstSipTestBaresip:
 *
 * One running baresip.  Opaque; free with gst_sip_test_baresip_free().
 */
typedef struct _GstSipTestBaresip GstSipTestBaresip;

/**
 * GstSipTestBaresipConfig:
 * @address: the IPv4 address to listen on; %NULL for "127.0.0.1"
 * @port: the SIP port, for UDP and TCP (TLS takes @port + 1); 0 to reserve
 *     free ones
 * @user: the user part of the account; %NULL for "baresip"
 * @answer_mode: what the account does with an incoming call: "auto" to
 *     answer at once, "manual" to ring until told to answer (the "accept"
 *     command), "early" for early media; %NULL for "auto"
 * @audio_codecs: the audio codecs of the account, in the order of
 *     preference, as baresip names them ("PCMU/8000/1,PCMA/8000/1"); %NULL
 *     for PCMU then PCMA
 * @video: %TRUE to send and receive video as well: the avcodec module
 *     (H.264, H.263, MPEG-4) and the fakevideo module as the camera (a
 *     moving test picture, 320x240 at 15 frames per second) and the
 *     display; gst_sip_test_baresip_start() fails with
 *     %G_IO_ERROR_NOT_FOUND when they are not installed
 * @media_encryption: the account's `mediaenc`, such as "srtp" (SDES on
 *     RTP/AVP, best effort) or "srtp-mand" (RTP/SAVP only), with the srtp
 *     module; %NULL for none
 *
 * How gst_sip_test_baresip_start() sets baresip up.  Initialise it with
 * zeros: every zero or %NULL member selects the default.
 */
typedef struct
{
  const gchar *address;
  guint16 port;
  const gchar *user;
  const gchar *answer_mode;
  const gchar *audio_codecs;
  gboolean video;
  const gchar *media_encryption;
} GstSipTestBaresipConfig;

/**
 * GstSipTestBaresipEvent:
 * @type: what happened, such as "CALL_ESTABLISHED" or "CALL_CLOSED"
 * @klass: (nullable): the class of the event, such as "call"
 * @direction: (nullable): "incoming" or "outgoing", for call events
 * @peer_uri: (nullable): the URI of the far end of the call
 * @call_id: (nullable): the Call-ID of the call
 * @param: (nullable): the details: the reason a call closed, the URI of an
 *     established call, ...
 * @json: the event as baresip sent it
 *
 * One event baresip reported on its control connection.  The harness owns
 * it.
 */
typedef struct
{
  gchar *type;
  gchar *klass;
  gchar *direction;
  gchar *peer_uri;
  gchar *call_id;
  gchar *param;
  gchar *json;
} GstSipTestBaresipEvent;

/* How long gst_sip_test_baresip_start() waits for baresip to listen and be
 * ready. */
#define GST_SIP_TEST_BARESIP_START_TIMEOUT_MS 10000

/* How long gst_sip_test_baresip_command() waits for the response. */
#define GST_SIP_TEST_BARESIP_COMMAND_TIMEOUT_MS 5000

/* The line baresip prints once it has loaded its modules and accounts. */
#define GST_SIP_TEST_BARESIP_READY "baresip is ready."

GstSipTestBaresip *gst_sip_test_baresip_start (
    const GstSipTestBaresipConfig *config, GError **error);

guint16 gst_sip_test_baresip_get_port (GstSipTestBaresip *baresip);

const gchar *gst_sip_test_baresip_get_address (GstSipTestBaresip *baresip);

gchar *gst_sip_test_baresip_dup_uri (
    GstSipTestBaresip *baresip, const gchar *transport);

GPid gst_sip_test_baresip_get_pid (GstSipTestBaresip *baresip);

const gchar *gst_sip_test_baresip_get_workdir (GstSipTestBaresip *baresip);

const gchar *gst_sip_test_baresip_get_log (GstSipTestBaresip *baresip);

gboolean gst_sip_test_baresip_wait_log (
    GstSipTestBaresip *baresip, const gchar *text, guint timeout_ms);

gboolean gst_sip_test_baresip_command (GstSipTestBaresip *baresip,
    const gchar *command, const gchar *params, gchar **data, GError **error);

const GstSipTestBaresipEvent *gst_sip_test_baresip_wait_event (
    GstSipTestBaresip *baresip, const gchar *type, guint timeout_ms);

guint gst_sip_test_baresip_count_events (
    GstSipTestBaresip *baresip, const gchar *type);

const gchar *gst_sip_test_baresip_get_control_log (GstSipTestBaresip *baresip);

void gst_sip_test_baresip_stop (GstSipTestBaresip *baresip);

void gst_sip_test_baresip_free (GstSipTestBaresip *baresip);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipTestBaresip, gst_sip_test_baresip_free)

G_END_DECLS

#endif /* __GST_SIP_TEST_BARESIP_H__ */
