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
 * Test support: run independent peer programs (sipp, kamailio, baresip, ...)
 * next to a test on loopback addresses.
 *
 * A #GstSipTestPeer is one child process started with GSubprocess.  Its
 * standard output and standard error go to one log file, so that a failing
 * test can print what the peer said.  Every wait is bounded by a timeout and
 * iterates the GMainContext that was thread-default when the peer was
 * spawned, so the caller's sources (for instance a user agent under test)
 * keep running while the test waits for the peer.  Use a peer from the
 * thread that spawned it.
 *
 * On Linux the child gets SIGKILL (or the signal given to
 * gst_sip_test_peer_spawn_full()) when the thread that spawned it exits, so
 * a test that aborts on a failed assertion leaves no peer behind.
 *
 * This module only depends on GLib and GIO.
 */

#ifndef __GST_SIP_TEST_PEER_H__
#define __GST_SIP_TEST_PEER_H__

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * GstSipTestPeer:
 *
 * One spawned peer process.  Opaque; free with gst_sip_test_peer_free().
 */
typedef struct _GstSipTestPeer GstSipTestPeer;

/* How long gst_sip_test_peer_stop() waits after SIGTERM, and again after
 * SIGKILL, before giving up. */
#define GST_SIP_TEST_PEER_STOP_TIMEOUT_MS 5000

guint16 gst_sip_test_reserve_port (
    GSocketFamily family, GSocketType type, const gchar *address);

gchar *gst_sip_test_find_program (const gchar *name);

gchar *gst_sip_test_make_tmp_dir (const gchar *name, GError **error);

void gst_sip_test_remove_tree (const gchar *path);

gchar *gst_sip_test_find_modules_dir (const gchar *program, const gchar *env,
    const gchar *const *candidates, const gchar *const *required,
    GError **error);

GstSipTestPeer *gst_sip_test_peer_spawn (
    const gchar *const *argv, const gchar *workdir, GError **error);

GstSipTestPeer *gst_sip_test_peer_spawn_full (const gchar *const *argv,
    const gchar *workdir, gint death_signal, GError **error);

GPid gst_sip_test_peer_get_pid (GstSipTestPeer *peer);

const gchar *gst_sip_test_peer_get_workdir (GstSipTestPeer *peer);

const gchar *gst_sip_test_peer_get_log_path (GstSipTestPeer *peer);

const gchar *gst_sip_test_peer_get_log (GstSipTestPeer *peer);

gboolean gst_sip_test_peer_wait_udp_port (
    GstSipTestPeer *peer, const gchar *address, guint16 port, guint timeout_ms);

gboolean gst_sip_test_peer_wait_tcp_port (
    GstSipTestPeer *peer, const gchar *address, guint16 port, guint timeout_ms);

gboolean gst_sip_test_peer_wait_exit (
    GstSipTestPeer *peer, guint timeout_ms, gint *exit_status);

void gst_sip_test_peer_stop (GstSipTestPeer *peer);

void gst_sip_test_peer_free (GstSipTestPeer *peer);

gchar *gst_sip_test_peer_read_file (GstSipTestPeer *peer, const gchar *name);

/* The files a sipp peer writes its errors and message trace to, in its
 * working directory (-trace_err -error_file, -trace_msg -message_file). */
#define GST_SIP_TEST_SIPP_ERROR_FILE "errors.log"
#define GST_SIP_TEST_SIPP_MESSAGE_FILE "messages.log"

void gst_sip_test_sipp_assert_succeeds (
    GstSipTestPeer *peer, const gchar *what, guint timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GstSipTestPeer, gst_sip_test_peer_free)

G_END_DECLS

#endif /* __GST_SIP_TEST_PEER_H__ */
