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
 * The UDP transport: one non-blocking socket, one datagram per message
 * (RFC 3261 section 18).  Datagrams are read until the socket would block,
 * at most MAX_DATAGRAMS_PER_DISPATCH at a time so that a flood cannot starve
 * the other sources of the main context.
 *
 * Where the kernel has SO_TIMESTAMPNS, each message carries the time its
 * datagram was queued (_gst_sip_message_get_arrival()), from which the user
 * agent learns how long requests wait before it reads them
 * (GstSipUserAgent:max-queue-delay).  The socket asks for a receive buffer
 * of RECEIVE_BUFFER_SIZE, so that bursts and that wait are queued rather
 * than dropped by the kernel.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gnetworking.h>

#include "sip-transport-private.h"

GST_DEBUG_CATEGORY_STATIC (sip_transport_debug);
#define GST_CAT_DEFAULT sip_transport_debug

#define MAX_DATAGRAMS_PER_DISPATCH 64

/* a few hundred milliseconds of signalling at thousands of calls per
 * second; the kernel caps it at net.core.rmem_max (and doubles it) */
#define RECEIVE_BUFFER_SIZE (4 * 1024 * 1024)

#if defined(G_OS_UNIX) && defined(SO_TIMESTAMPNS)
#define HAVE_ARRIVAL_TIMES 1
#endif

struct _GstSipTransportUdp
{
  GstSipTransport parent;

  GSocket *socket;
  GSource *source;
  /* one datagram and one byte more, to see truncation */
  guint8 *buffer;
  /* the kernel timestamps datagrams (SO_TIMESTAMPNS) */
  gboolean arrival_times;
#ifdef HAVE_ARRIVAL_TIMES
  /* the source of the last datagram: the next one mostly comes from the
   * same peer, and its GSocketAddress can be shared */
  struct sockaddr_storage last_from;
  socklen_t last_from_len;
  GSocketAddress *last_remote;
#endif
};

G_DEFINE_TYPE_WITH_CODE (GstSipTransportUdp, _gst_sip_transport_udp,
    GST_TYPE_SIP_TRANSPORT,
    GST_DEBUG_CATEGORY_INIT (
        sip_transport_debug, "siptransport", 0, "SIP transports"));

#define BUFFER_SIZE (GST_SIP_MAX_DATAGRAM_SIZE + 1)

static gboolean gst_sip_transport_udp_start (
    GstSipTransport *transport, GError **error);
static void gst_sip_transport_udp_stop (GstSipTransport *transport);
static gboolean gst_sip_transport_udp_send (GstSipTransport *transport,
    GBytes *data, GSocketAddress *destination, GObject *connection,
    GError **error);
static void gst_sip_transport_udp_dispose (GObject *object);

static void
_gst_sip_transport_udp_class_init (GstSipTransportUdpClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstSipTransportClass *transport_class = GST_SIP_TRANSPORT_CLASS (klass);

  gobject_class->dispose = gst_sip_transport_udp_dispose;

  transport_class->start = gst_sip_transport_udp_start;
  transport_class->stop = gst_sip_transport_udp_stop;
  transport_class->send = gst_sip_transport_udp_send;
}

static void
_gst_sip_transport_udp_init (GstSipTransportUdp *udp)
{
}

static void
gst_sip_transport_udp_dispose (GObject *object)
{
  _gst_sip_transport_stop (GST_SIP_TRANSPORT (object));

  G_OBJECT_CLASS (_gst_sip_transport_udp_parent_class)->dispose (object);
}

static gboolean
is_keep_alive (const guint8 *data, gsize len)
{
  gsize i;

  for (i = 0; i < len; i++) {
    if (data[i] != '\r' && data[i] != '\n')
      return FALSE;
  }
  return TRUE;
}

static void
handle_datagram (GstSipTransportUdp *udp, GSocketAddress *remote,
    const guint8 *data, gsize len, gint64 arrival)
{
  GstSipTransport *transport = GST_SIP_TRANSPORT (udp);
  GstSipParseOptions options = {
    0,
  };
  GstSipParseFault fault;
  GstSipMessage *msg;
  GInetSocketAddress *local;
  GError *err = NULL;

  /* RFC 5626 section 3.5.1: CRLF keep-alives need no answer on UDP */
  if (is_keep_alive (data, len)) {
    GST_LOG_OBJECT (udp, "keep-alive of %" G_GSIZE_FORMAT " bytes", len);
    return;
  }

  _gst_sip_wire_log (transport, FALSE, remote, data, len);

  options.max_size = _gst_sip_transport_get_max_message_size (transport);
  options.stream = FALSE;
  msg = _gst_sip_message_parse (data, len, &options, &fault, &err);

  if (msg) {
    local = _gst_sip_transport_get_local_address_for (transport, remote);
    _gst_sip_message_set_origin (msg, GST_SIP_TRANSPORT_PROTOCOL_UDP,
        G_OBJECT (transport), NULL, remote, G_SOCKET_ADDRESS (local));
    _gst_sip_message_set_arrival (msg, arrival);
    g_clear_object (&local);
  }
  if (err)
    GST_DEBUG_OBJECT (udp, "invalid datagram: %s", err->message);

  _gst_sip_transport_deliver (transport, msg, &fault, err);

  g_clear_error (&err);
  if (msg)
    gst_sip_message_unref (msg);
}

/* Reads one datagram into the buffer, like g_socket_receive_from(); with
 * arrival times, @arrival is when the kernel queued it, in
 * g_get_real_time() units, otherwise 0. */
static gssize
receive_datagram (GstSipTransportUdp *udp, GSocketAddress **remote,
    gint64 *arrival, GError **error)
{
#ifdef HAVE_ARRIVAL_TIMES
  if (udp->arrival_times) {
    struct sockaddr_storage from;
    union
    {
      struct cmsghdr align;
      guint8 data[CMSG_SPACE (sizeof (struct timespec))];
    } control;
    struct iovec iov;
    struct msghdr header;
    struct cmsghdr *cmsg;
    gssize len;

    iov.iov_base = udp->buffer;
    iov.iov_len = BUFFER_SIZE;
    memset (&header, 0, sizeof (header));
    header.msg_name = &from;
    header.msg_namelen = sizeof (from);
    header.msg_iov = &iov;
    header.msg_iovlen = 1;
    header.msg_control = &control;
    header.msg_controllen = sizeof (control);
    do {
      len = recvmsg (g_socket_get_fd (udp->socket), &header, 0);
    } while (len < 0 && errno == EINTR);
    if (len < 0) {
      gint errsv = errno;

      g_set_error_literal (
          error, G_IO_ERROR, g_io_error_from_errno (errsv), g_strerror (errsv));
      return -1;
    }

    *arrival = 0;
    for (cmsg = CMSG_FIRSTHDR (&header); cmsg;
         cmsg = CMSG_NXTHDR (&header, cmsg)) {
      if (cmsg->cmsg_level == SOL_SOCKET &&
          cmsg->cmsg_type == SCM_TIMESTAMPNS) {
        struct timespec ts;

        memcpy (&ts, CMSG_DATA (cmsg), sizeof (ts));
        *arrival = (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
      }
    }
    if (udp->last_remote && header.msg_namelen == udp->last_from_len &&
        memcmp (&from, &udp->last_from, header.msg_namelen) == 0) {
      *remote = g_object_ref (udp->last_remote);
    } else {
      *remote = g_socket_address_new_from_native (&from, header.msg_namelen);
      g_clear_object (&udp->last_remote);
      if (*remote && header.msg_namelen <= sizeof (udp->last_from)) {
        udp->last_remote = g_object_ref (*remote);
        memcpy (&udp->last_from, &from, header.msg_namelen);
        udp->last_from_len = header.msg_namelen;
      }
    }
    return len;
  }
#endif

  *arrival = 0;
  return g_socket_receive_from (
      udp->socket, remote, (gchar *) udp->buffer, BUFFER_SIZE, NULL, error);
}

static gboolean
on_socket_readable (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  GstSipTransportUdp *udp = user_data;
  guint i;

  g_object_ref (udp);
  for (i = 0; i < MAX_DATAGRAMS_PER_DISPATCH && udp->socket; i++) {
    GSocketAddress *remote = NULL;
    GError *err = NULL;
    gint64 arrival;
    gssize len;

    len = receive_datagram (udp, &remote, &arrival, &err);
    if (len < 0) {
      if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
        g_clear_error (&err);
        break;
      }
      /* an ICMP error from an earlier send (port unreachable) shows up
       * here; it says nothing about the datagrams still queued */
      GST_DEBUG_OBJECT (udp, "receive error: %s", err->message);
      g_clear_error (&err);
      g_clear_object (&remote);
      continue;
    }
    if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote)) {
      g_clear_object (&remote);
      continue;
    }

    if (len >= BUFFER_SIZE) {
      GST_WARNING_OBJECT (udp, "dropping an oversized datagram");
    } else {
      handle_datagram (udp, remote, udp->buffer, len, arrival);
    }
    g_object_unref (remote);
  }
  g_object_unref (udp);

  return G_SOURCE_CONTINUE;
}

static gboolean
gst_sip_transport_udp_start (GstSipTransport *transport, GError **error)
{
  GstSipTransportUdp *udp = GST_SIP_TRANSPORT_UDP (transport);
  GError *err = NULL;
  gboolean bad_address;

  udp->socket = _gst_sip_transport_open_socket (
      transport, G_SOCKET_TYPE_DATAGRAM, &bad_address, &err);
  if (udp->socket == NULL)
    goto bind_failed;

  if (!g_socket_set_option (
          udp->socket, SOL_SOCKET, SO_RCVBUF, RECEIVE_BUFFER_SIZE, &err)) {
    GST_DEBUG_OBJECT (udp, "could not set SO_RCVBUF: %s", err->message);
    g_clear_error (&err);
  }
#ifdef HAVE_ARRIVAL_TIMES
  udp->arrival_times =
      g_socket_set_option (udp->socket, SOL_SOCKET, SO_TIMESTAMPNS, 1, NULL);
#endif

  udp->buffer = g_malloc (BUFFER_SIZE);
  udp->source = g_socket_create_source (udp->socket, G_IO_IN, NULL);
  g_source_set_callback (
      udp->source, G_SOURCE_FUNC (on_socket_readable), udp, NULL);
  g_source_set_static_name (udp->source, "GstSipTransportUdp");
  g_source_attach (udp->source, _gst_sip_transport_get_context (transport));
  return TRUE;

  /* ERRORS */
bind_failed : {
  const gchar *address = _gst_sip_transport_get_address (transport);
  guint port;

  g_object_get (transport, "port", &port, NULL);
  if (bad_address)
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("\"%s\" is not an IP address"), address);
  else
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
        _ ("Could not bind UDP to %s port %u: %s"), address, port,
        err->message);
  g_clear_error (&err);
  return FALSE;
}
}

static void
gst_sip_transport_udp_stop (GstSipTransport *transport)
{
  GstSipTransportUdp *udp = GST_SIP_TRANSPORT_UDP (transport);

  if (udp->source) {
    g_source_destroy (udp->source);
    g_clear_pointer (&udp->source, g_source_unref);
  }
  if (udp->socket) {
    g_socket_close (udp->socket, NULL);
    g_clear_object (&udp->socket);
  }
  g_clear_pointer (&udp->buffer, g_free);
#ifdef HAVE_ARRIVAL_TIMES
  g_clear_object (&udp->last_remote);
#endif
}

static gboolean
gst_sip_transport_udp_send (GstSipTransport *transport, GBytes *data,
    GSocketAddress *destination, GObject *connection, GError **error)
{
  GstSipTransportUdp *udp = GST_SIP_TRANSPORT_UDP (transport);
  const guint8 *bytes;
  gsize len;
  gssize sent;
  GError *err = NULL;
  gchar *where;

  if (destination == NULL)
    goto no_destination;

  bytes = g_bytes_get_data (data, &len);
  if (len > GST_SIP_MAX_DATAGRAM_SIZE)
    goto too_large;

  _gst_sip_wire_log (transport, TRUE, destination, bytes, len);

  sent = g_socket_send_to (
      udp->socket, destination, (const gchar *) bytes, len, NULL, &err);
  if (sent < 0) {
    /* a full send buffer loses the datagram like the network would;
     * retransmissions take care of it */
    if (g_error_matches (err, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
      GST_WARNING_OBJECT (udp, "send buffer full, datagram dropped");
      g_clear_error (&err);
      return TRUE;
    }
    goto send_failed;
  }

  return TRUE;

  /* ERRORS */
no_destination : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("No destination to send a UDP datagram to"));
  return FALSE;
}
too_large : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TOO_LARGE,
      _ ("A message of %zu bytes does not fit in a UDP datagram"), len);
  return FALSE;
}
send_failed : {
  where = _gst_sip_socket_address_to_string (destination);
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_TRANSPORT,
      _ ("Could not send a UDP datagram to %s: %s"), where, err->message);
  g_free (where);
  g_clear_error (&err);
  return FALSE;
}
}
