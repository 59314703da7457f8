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

/* One stream of a call.  The elements, for session N of the rtpbin:
 *
 *   input valve ! sender (encoder, payloader) ! [rtpdtmfmux] ! send_rtp_sink_N
 *   rtpdtmfsrc ! rtpdtmfmux (audio with telephone-event)
 *   send_rtp_src_N ! udpsink (RTP socket)    send_rtcp_src_N ! udpsink (RTCP)
 *   udpsrc (RTP socket) ! recv_rtp_sink_N    udpsrc (RTCP) ! recv_rtcp_sink_N
 *   recv_rtp_src_N_ssrc_pt ! receiver (depayloader, parser, decoder)
 *   recv_rtp_src_N_ssrc_te ! rtpdtmfdepay ! fakesink
 *
 * With SRTP, the rtpbin asks for an srtpenc (send_rtp_sink_N and
 * send_rtcp_src_N go through it) and an srtpdec (recv_rtp_sink_N and
 * recv_rtcp_sink_N) when the pads are requested; the keys come from the
 * negotiated stream and change in place when an exchange rekeys: srtpenc
 * takes its new key on the next packet, srtpdec forgets its keys and asks
 * for the new ones.  Keys are never logged.
 *
 * The sockets are bound before the offer or answer is written, and the
 * udpsrc and udpsink of each one share it, so that we send from the port we
 * receive on (symmetric RTP).  Packets from anywhere else than the
 * negotiated peer address and port are dropped at the udpsrc.
 *
 * Everything but gst_sip_media_link_rtp_pad() (a streaming thread) and the
 * probes runs on the signalling thread, or in a state change while nothing
 * streams. */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gst/net/gstnetaddressmeta.h>
#include <gst/rtp/gstrtpbuffer.h>
#include <gst/rtp/gstrtpdefs.h>

#include "gstsipmedia.h"
#include "gstsipcodecmap.h"

GST_DEBUG_CATEGORY_EXTERN (gst_sip_call_bin_debug);
#define GST_CAT_DEFAULT gst_sip_call_bin_debug

/* attempts at an even/odd pair of ephemeral ports */
#define BIND_ATTEMPTS 100
/* the volume of the telephone-events we send, -dBm0 */
#define DTMF_VOLUME 10

/* a peer's address as the udpsrc probes compare it, without a GObject call
 * on our side */
typedef struct
{
  guint16 port;
  guint8 size; /* 0: none */
  guint8 bytes[16];
} Endpoint;

struct _GstSipMedia
{
  GstObject parent;

  GstBin *bin; /* not referenced: the bin owns us */
  GstElement *rtpbin;
  gchar *media;
  guint session;
  GstSipMediaDtmfFunc dtmf_func;
  gpointer user_data;

  GSocket *rtp_socket, *rtcp_socket;
  guint port;

  /* the input: a valve, closed while there is nowhere to send */
  GstElement *valve;
  gint input_raw; /* atomic: read by a probe */

  /* transport */
  GstElement *rtp_src, *rtcp_src, *rtp_sink, *rtcp_sink;
  GstPad *recv_rtp_sink, *recv_rtcp_sink, *send_rtcp_src;

  /* sending */
  GstElement *sender;
  GstSipCodec *sender_codec;
  GstElement *dtmf_mux, *dtmf_src;
  GstPad *send_rtp_sink; /* of the rtpbin */
  GstPad *send_entry; /* where the sender's src pad links */

  /* receiving, under lock (pad-added comes from streaming threads) */
  GMutex lock;
  GstElement *receiver;
  guint receiver_pt;
  GstElement *dtmf_receiver;
  guint32 last_dtmf_timestamp;
  gboolean dtmf_seen;

  /* negotiated; under the object lock */
  GstSipSdpStream *stream;
  GInetSocketAddress *remote_rtp, *remote_rtcp;
  Endpoint expected_rtp, expected_rtcp; /* the same */
  gboolean sending, receiving, decode;
  gint telephone_event_pt; /* to send */
  gint64 last_activity;
  guint packets_seen; /* what last_activity was taken at */
  /* atomic: packets from the peer, counted by the udpsrc probes, so that a
   * packet costs no clock read; last_activity follows it when read */
  guint packets;
  /* the key frame requests the peer's description has (a=rtcp-fb) */
  gboolean feedback; /* any rtcp-fb at all */
  gboolean feedback_pli, feedback_fir;

  /* SRTP: the suite and keys under the object lock; the elements are made
   * on the signalling thread when the rtpbin asks for them */
  GstSipSrtpSuite srtp_suite;
  GBytes *srtp_send_key, *srtp_receive_key;
  gboolean secure_transport;
  GstElement *srtpenc, *srtpdec;
};

G_DEFINE_TYPE (GstSipMedia, gst_sip_media, GST_TYPE_OBJECT);

static void
gst_sip_media_init (GstSipMedia *media)
{
  g_mutex_init (&media->lock);
  media->telephone_event_pt = -1;
}

static void
gst_sip_media_finalize (GObject *object)
{
  GstSipMedia *media = GST_SIP_MEDIA (object);

  gst_sip_media_stop (media, FALSE);
  if (media->valve) {
    gst_element_set_state (media->valve, GST_STATE_NULL);
    gst_bin_remove (media->bin, media->valve);
    gst_object_unref (media->valve);
  }
  if (media->rtp_socket)
    g_socket_close (media->rtp_socket, NULL);
  if (media->rtcp_socket)
    g_socket_close (media->rtcp_socket, NULL);
  g_clear_object (&media->rtp_socket);
  g_clear_object (&media->rtcp_socket);
  g_clear_pointer (&media->srtp_send_key, g_bytes_unref);
  g_clear_pointer (&media->srtp_receive_key, g_bytes_unref);
  gst_object_unref (media->rtpbin);
  g_free (media->media);
  g_mutex_clear (&media->lock);

  G_OBJECT_CLASS (gst_sip_media_parent_class)->finalize (object);
}

static void
gst_sip_media_class_init (GstSipMediaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gst_sip_media_finalize;
}

/**
 * gst_sip_media_new:
 * @bin: the bin the elements go into; it must outlive the media
 * @rtpbin: the rtpbin in @bin
 * @media: `audio` or `video`
 * @session: the rtpbin session of the stream
 * @dtmf_func: called for telephone-events received
 * @user_data: for @dtmf_func
 *
 * Returns: (transfer full): a new #GstSipMedia
 */
GstSipMedia *
gst_sip_media_new (GstBin *bin, GstElement *rtpbin, const gchar *media,
    guint session, GstSipMediaDtmfFunc dtmf_func, gpointer user_data)
{
  GstSipMedia *self = g_object_new (GST_TYPE_SIP_MEDIA, NULL);
  gchar *name = g_strdup_printf ("%s%u", media, session);

  gst_object_ref_sink (self);
  gst_object_set_name (GST_OBJECT (self), name);
  g_free (name);
  self->bin = bin;
  self->rtpbin = gst_object_ref (rtpbin);
  self->media = g_strdup (media);
  self->session = session;
  self->dtmf_func = dtmf_func;
  self->user_data = user_data;
  return self;
}

const gchar *
gst_sip_media_get_media (GstSipMedia *media)
{
  return media->media;
}

guint
gst_sip_media_get_session (GstSipMedia *media)
{
  return media->session;
}

/* ---------------------------------------------------------------------- */
/* sockets */

static GSocket *
bind_udp (GInetAddress *address, guint port, GError **error)
{
  GSocketAddress *sa;
  GSocket *socket;

  socket = g_socket_new (g_inet_address_get_family (address),
      G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, error);
  if (!socket)
    return NULL;
  sa = g_inet_socket_address_new (address, port);
  if (!g_socket_bind (socket, sa, FALSE, error)) {
    g_object_unref (sa);
    g_object_unref (socket);
    return NULL;
  }
  g_object_unref (sa);
  return socket;
}

static guint
socket_port (GSocket *socket)
{
  GSocketAddress *sa = g_socket_get_local_address (socket, NULL);
  guint port = 0;

  if (sa) {
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (sa));
    g_object_unref (sa);
  }
  return port;
}

static void
close_socket (GSocket *socket)
{
  g_socket_close (socket, NULL);
  g_object_unref (socket);
}

/* an even RTP port and the next one for RTCP, on @rtp_port (0 for an
 * ephemeral one) */
static gboolean
bind_pair_at (GInetAddress *address, guint rtp_port, GSocket **rtp,
    GSocket **rtcp, GError **error)
{
  GSocket *a, *b;
  guint port;

  a = bind_udp (address, rtp_port, error);
  if (!a)
    return FALSE;
  port = socket_port (a);
  if (port % 2 != 0 || port >= 65535) {
    close_socket (a);
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
        _ ("port %u is odd"), port);
    return FALSE;
  }
  b = bind_udp (address, port + 1, error);
  if (!b) {
    close_socket (a);
    return FALSE;
  }
  *rtp = a;
  *rtcp = b;
  return TRUE;
}

/**
 * gst_sip_media_bind:
 * @media: a #GstSipMedia
 * @address: the local address to bind, such as `0.0.0.0`
 * @port_min: the lowest port, 0 for ephemeral ports
 * @port_max: the highest port
 * @error: return location for a #GError
 *
 * Binds the RTP and RTCP sockets, unless they are bound already.
 *
 * Returns: whether the media has its sockets
 */
gboolean
gst_sip_media_bind (GstSipMedia *media, const gchar *address, guint port_min,
    guint port_max, GError **error)
{
  GInetAddress *inet;
  GError *err = NULL;
  gboolean ok = FALSE;
  guint port, i;

  if (media->rtp_socket)
    return TRUE;

  inet = g_inet_address_new_from_string (address);
  if (!inet)
    goto bad_address;

  if (port_min == 0) {
    for (i = 0; i < BIND_ATTEMPTS && !ok; i++) {
      g_clear_error (&err);
      ok =
          bind_pair_at (inet, 0, &media->rtp_socket, &media->rtcp_socket, &err);
    }
  } else {
    for (port = port_min + (port_min % 2); port + 1 <= port_max && !ok;
         port += 2) {
      g_clear_error (&err);
      ok = bind_pair_at (
          inet, port, &media->rtp_socket, &media->rtcp_socket, &err);
    }
  }
  g_object_unref (inet);
  if (!ok)
    goto no_ports;

  media->port = socket_port (media->rtp_socket);
  GST_DEBUG_OBJECT (
      media, "RTP on %s:%u, RTCP on %u", address, media->port, media->port + 1);
  return TRUE;

  /* ERRORS */
bad_address : {
  g_set_error (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS,
      _ ("\"%s\" is not an IP address."), address);
  return FALSE;
}
no_ports : {
  g_set_error (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_OPEN_READ_WRITE,
      _ ("Could not bind an RTP and RTCP port pair: %s"),
      err ? err->message : _ ("the port range is too small"));
  g_clear_error (&err);
  return FALSE;
}
}

guint
gst_sip_media_get_port (GstSipMedia *media)
{
  return media->port;
}

/**
 * gst_sip_media_unbind:
 * @media: a stopped #GstSipMedia
 *
 * Closes the RTP and RTCP sockets; the next call binds new ones.
 */
void
gst_sip_media_unbind (GstSipMedia *media)
{
  g_return_if_fail (media->rtp_src == NULL);

  if (media->rtp_socket)
    close_socket (g_steal_pointer (&media->rtp_socket));
  if (media->rtcp_socket)
    close_socket (g_steal_pointer (&media->rtcp_socket));
  media->port = 0;
}

/* ---------------------------------------------------------------------- */
/* input */

/* The sender converts whatever raw format comes in: upstream need not
 * renegotiate when a sender is linked or replaced.  Some live sources
 * (audiotestsrc) would restart their timestamps at a new rate.  An encoded
 * input renegotiates with the payloader. */
static GstPadProbeReturn
keep_upstream_format (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GstSipMedia *media = user_data;

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) ==
          GST_EVENT_RECONFIGURE &&
      g_atomic_int_get (&media->input_raw))
    return GST_PAD_PROBE_DROP;
  return GST_PAD_PROBE_OK;
}

/**
 * gst_sip_media_get_input:
 * @media: a #GstSipMedia
 *
 * Returns: (transfer full): the pad the input of the stream goes into; the
 *   bin ghosts it as its request sink pad
 */
GstPad *
gst_sip_media_get_input (GstSipMedia *media)
{
  if (!media->valve) {
    gchar *name = g_strdup_printf ("%s-input", media->media);
    GstPad *pad;

    media->valve = gst_element_factory_make ("valve", name);
    g_free (name);
    g_object_set (media->valve, "drop", TRUE, NULL);
    pad = gst_element_get_static_pad (media->valve, "sink");
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_UPSTREAM,
        keep_upstream_format, media, NULL);
    gst_object_unref (pad);
    gst_bin_add (media->bin, gst_object_ref (media->valve));
    gst_element_sync_state_with_parent (media->valve);
  }
  return gst_element_get_static_pad (media->valve, "sink");
}

gboolean
gst_sip_media_has_input (GstSipMedia *media)
{
  return media->valve != NULL;
}

/**
 * gst_sip_media_set_input_raw:
 * @media: a #GstSipMedia
 * @raw: whether the input is raw media, to encode
 *
 * Tells how the input is to be sent; the bin finds it out from the caps of
 * the element linked to its sink pad.
 */
void
gst_sip_media_set_input_raw (GstSipMedia *media, gboolean raw)
{
  g_atomic_int_set (&media->input_raw, raw);
}

/* ---------------------------------------------------------------------- */
/* transport */

static void
set_endpoint (Endpoint *endpoint, GInetSocketAddress *address)
{
  GInetAddress *inet;
  gsize size;

  memset (endpoint, 0, sizeof *endpoint);
  if (!address)
    return;
  inet = g_inet_socket_address_get_address (address);
  size = g_inet_address_get_native_size (inet);
  if (size > sizeof endpoint->bytes)
    return;
  endpoint->port = g_inet_socket_address_get_port (address);
  endpoint->size = (guint8) size;
  memcpy (endpoint->bytes, g_inet_address_to_bytes (inet), size);
}

/* on every packet: the port first, then the address bytes */
static gboolean
same_address (const Endpoint *expected, GSocketAddress *got)
{
  GInetSocketAddress *inet;
  GInetAddress *address;

  if (!expected->size || !G_IS_INET_SOCKET_ADDRESS (got))
    return FALSE;
  inet = (GInetSocketAddress *) got;
  if (g_inet_socket_address_get_port (inet) != expected->port)
    return FALSE;
  address = g_inet_socket_address_get_address (inet);
  return g_inet_address_get_native_size (address) == expected->size &&
      memcmp (g_inet_address_to_bytes (address), expected->bytes,
          expected->size) == 0;
}

/* drops what does not come from the negotiated peer */
static GstPadProbeReturn
filter_source (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GstSipMedia *media = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstNetAddressMeta *meta = gst_buffer_get_net_address_meta (buffer);
  gboolean rtcp = GST_PAD_PARENT (pad) == media->rtcp_src;
  gboolean ok;

  if (!meta)
    return GST_PAD_PROBE_OK;

  GST_OBJECT_LOCK (media);
  ok = same_address (
      rtcp ? &media->expected_rtcp : &media->expected_rtp, meta->addr);
  GST_OBJECT_UNLOCK (media);
  if (ok)
    g_atomic_int_inc ((gint *) &media->packets);

  if (!ok) {
    GST_LOG_OBJECT (
        media, "dropping %s from an unexpected source", rtcp ? "RTCP" : "RTP");
    return GST_PAD_PROBE_DROP;
  }
  return GST_PAD_PROBE_OK;
}

static GstElement *
make_udpsrc (GstSipMedia *media, GSocket *socket, const gchar *what)
{
  gchar *name = g_strdup_printf ("%s-%s-src", media->media, what);
  GstElement *src = gst_element_factory_make ("udpsrc", name);
  GstCaps *caps;
  GstPad *pad;

  g_free (name);
  if (strcmp (what, "rtp") == 0)
    caps = gst_caps_new_simple (
        media->secure_transport ? "application/x-srtp" : "application/x-rtp",
        "media", G_TYPE_STRING, media->media, NULL);
  else
    caps = gst_caps_new_empty_simple (
        media->secure_transport ? "application/x-srtcp" : "application/x-rtcp");
  g_object_set (
      src, "socket", socket, "close-socket", FALSE, "caps", caps, NULL);
  gst_caps_unref (caps);
  pad = gst_element_get_static_pad (src, "src");
  gst_pad_add_probe (
      pad, GST_PAD_PROBE_TYPE_BUFFER, filter_source, media, NULL);
  gst_object_unref (pad);
  return src;
}

static GstElement *
make_udpsink (GstSipMedia *media, GSocket *socket, const gchar *what)
{
  gchar *name = g_strdup_printf ("%s-%s-sink", media->media, what);
  GstElement *sink = gst_element_factory_make ("udpsink", name);
  gboolean v6 = g_socket_get_family (socket) == G_SOCKET_FAMILY_IPV6;

  g_free (name);
  g_object_set (sink, v6 ? "socket-v6" : "socket", socket, "close-socket",
      FALSE, "sync", FALSE, "async", FALSE, NULL);
  /* not the default localhost:5004 */
  g_signal_emit_by_name (sink, "clear");
  return sink;
}

static GstPad *
request_rtpbin_pad (GstSipMedia *media, const gchar *prefix)
{
  gchar *name = g_strdup_printf ("%s%u", prefix, media->session);
  GstPad *pad = gst_element_request_pad_simple (media->rtpbin, name);

  g_free (name);
  return pad;
}

static gboolean
link_pads (GstPad *src, GstPad *sink)
{
  GstPadLinkReturn ret = gst_pad_link (src, sink);

  if (GST_PAD_LINK_FAILED (ret)) {
    GST_WARNING ("linking %" GST_PTR_FORMAT " to %" GST_PTR_FORMAT ": %s", src,
        sink, gst_pad_link_get_name (ret));
    return FALSE;
  }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* SRTP */

static void
srtp_params (GstSipSrtpSuite suite, const gchar **cipher, const gchar **auth,
    const gchar **rtcp_auth)
{
  *auth = *rtcp_auth = "hmac-sha1-80";
  switch (suite) {
    case GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32:
      *auth = "hmac-sha1-32";
      G_GNUC_FALLTHROUGH;
    case GST_SIP_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80:
      *cipher = "aes-128-icm";
      break;
    case GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_32:
      *auth = "hmac-sha1-32";
      G_GNUC_FALLTHROUGH;
    case GST_SIP_SRTP_SUITE_AES_256_CM_HMAC_SHA1_80:
      *cipher = "aes-256-icm";
      break;
    case GST_SIP_SRTP_SUITE_AEAD_AES_128_GCM:
      *cipher = "aes-128-gcm";
      *auth = *rtcp_auth = "null";
      break;
    case GST_SIP_SRTP_SUITE_AEAD_AES_256_GCM:
      *cipher = "aes-256-gcm";
      *auth = *rtcp_auth = "null";
      break;
    default:
      *cipher = *auth = *rtcp_auth = "null";
      break;
  }
}

/* the memory of a key buffer: overwritten before it is freed */
static void
free_key_copy (gpointer data)
{
  gsize *block = data;

  explicit_bzero (block, sizeof (gsize) + block[0]);
  g_free (block);
}

/* a buffer with a copy of @key, wiped when the element lets it go */
static GstBuffer *
key_buffer (GBytes *key)
{
  gsize size, *block;
  gconstpointer data = g_bytes_get_data (key, &size);

  /* the size first, for free_key_copy() */
  block = g_malloc (sizeof (gsize) + size);
  block[0] = size;
  memcpy (block + 1, data, size);
  return gst_buffer_new_wrapped_full (
      GST_MEMORY_FLAG_READONLY, block + 1, size, 0, size, block, free_key_copy);
}

/* with the object lock */
static void
set_encoder_key (GstSipMedia *media)
{
  const gchar *cipher, *auth, *rtcp_auth;
  GstBuffer *key;

  srtp_params (media->srtp_suite, &cipher, &auth, &rtcp_auth);
  gst_util_set_object_arg (G_OBJECT (media->srtpenc), "rtp-cipher", cipher);
  gst_util_set_object_arg (G_OBJECT (media->srtpenc), "rtp-auth", auth);
  gst_util_set_object_arg (G_OBJECT (media->srtpenc), "rtcp-cipher", cipher);
  gst_util_set_object_arg (G_OBJECT (media->srtpenc), "rtcp-auth", rtcp_auth);
  key = key_buffer (media->srtp_send_key);
  g_object_set (media->srtpenc, "key", key, NULL);
  gst_buffer_unref (key);
}

/* srtpdec's request-key, from a streaming thread */
static GstCaps *
on_request_key (GstElement *srtpdec, guint ssrc, GstSipMedia *media)
{
  const gchar *cipher, *auth, *rtcp_auth;
  GstCaps *caps = NULL;
  GstBuffer *key;

  GST_OBJECT_LOCK (media);
  if (media->srtp_receive_key) {
    srtp_params (media->srtp_suite, &cipher, &auth, &rtcp_auth);
    key = key_buffer (media->srtp_receive_key);
    caps = gst_caps_new_simple ("application/x-srtp", "srtp-key",
        GST_TYPE_BUFFER, key, "srtp-cipher", G_TYPE_STRING, cipher, "srtp-auth",
        G_TYPE_STRING, auth, "srtcp-cipher", G_TYPE_STRING, cipher,
        "srtcp-auth", G_TYPE_STRING, rtcp_auth, NULL);
    gst_buffer_unref (key);
  }
  GST_OBJECT_UNLOCK (media);
  GST_DEBUG_OBJECT (
      media, "key for SSRC %08x: %s", ssrc, caps ? "given" : "none");
  return caps;
}

/**
 * gst_sip_media_request_srtp_encoder:
 * @media: a #GstSipMedia
 * @rtcp: whether the rtpbin asks for its RTCP encoder
 *
 * Answers the rtpbin's request-rtp-encoder and request-rtcp-encoder: one
 * srtpenc for both, keyed with our key, when the stream uses SRTP.  The
 * rtpbin looks for the source pad first: the sink pad it goes with is
 * requested here.
 *
 * Returns: (transfer full) (nullable): the srtpenc, or %NULL for plain RTP
 */
GstElement *
gst_sip_media_request_srtp_encoder (GstSipMedia *media, gboolean rtcp)
{
  GstElement *enc = NULL;
  GstPad *pad;
  gchar *name;

  GST_OBJECT_LOCK (media);
  if (!media->secure_transport || !media->srtp_send_key)
    goto done;
  if (!media->srtpenc) {
    name = g_strdup_printf ("srtpenc_%s", media->media);
    enc = gst_element_factory_make ("srtpenc", name);
    g_free (name);
    if (!enc)
      goto done;
    media->srtpenc = gst_object_ref_sink (enc);
    set_encoder_key (media);
  }
  enc = gst_object_ref (media->srtpenc);
  name = g_strdup_printf ("%s_sink_%u", rtcp ? "rtcp" : "rtp", media->session);
  pad = gst_element_get_static_pad (enc, name);
  if (!pad)
    pad = gst_element_request_pad_simple (enc, name);
  g_free (name);
  if (pad)
    gst_object_unref (pad);

done:
  GST_OBJECT_UNLOCK (media);
  return enc;
}

/**
 * gst_sip_media_request_srtp_decoder:
 * @media: a #GstSipMedia
 *
 * Answers the rtpbin's request-rtp-decoder and request-rtcp-decoder: one
 * srtpdec for both, which asks @media for the peer's key, when the stream
 * uses SRTP.
 *
 * Returns: (transfer full) (nullable): the srtpdec, or %NULL for plain RTP
 */
GstElement *
gst_sip_media_request_srtp_decoder (GstSipMedia *media)
{
  GstElement *dec = NULL;
  gchar *name;

  GST_OBJECT_LOCK (media);
  if (!media->secure_transport)
    goto done;
  if (!media->srtpdec) {
    name = g_strdup_printf ("srtpdec_%s", media->media);
    dec = gst_element_factory_make ("srtpdec", name);
    g_free (name);
    if (!dec)
      goto done;
    media->srtpdec = gst_object_ref_sink (dec);
    g_signal_connect (dec, "request-key", G_CALLBACK (on_request_key), media);
  }
  dec = gst_object_ref (media->srtpdec);

done:
  GST_OBJECT_UNLOCK (media);
  return dec;
}

/* after an exchange: the new keys to the elements that exist */
static void
update_srtp (
    GstSipMedia *media, gboolean send_changed, gboolean receive_changed)
{
  GstElement *dec = NULL;

  GST_OBJECT_LOCK (media);
  if (send_changed && media->srtpenc && media->srtp_send_key) {
    GST_DEBUG_OBJECT (media, "new send key");
    set_encoder_key (media);
  }
  if (receive_changed && media->srtpdec)
    dec = gst_object_ref (media->srtpdec);
  GST_OBJECT_UNLOCK (media);
  if (dec) {
    GST_DEBUG_OBJECT (media, "new receive key");
    g_signal_emit_by_name (dec, "clear-keys");
    gst_object_unref (dec);
  }
}

static gboolean
keys_equal (GBytes *a, GBytes *b)
{
  if (!a || !b)
    return a == b;
  return g_bytes_equal (a, b);
}

static gboolean
create_transport (GstSipMedia *media, GError **error)
{
  GstPad *pad;

  GST_OBJECT_LOCK (media);
  media->secure_transport = media->srtp_suite != GST_SIP_SRTP_SUITE_NONE;
  GST_OBJECT_UNLOCK (media);
  if (media->secure_transport) {
    GstElementFactory *enc = gst_element_factory_find ("srtpenc");
    GstElementFactory *dec = gst_element_factory_find ("srtpdec");

    if (enc)
      gst_object_unref (enc);
    if (dec)
      gst_object_unref (dec);
    if (!enc || !dec)
      goto no_srtp;
  }

  media->rtp_src =
      gst_object_ref (make_udpsrc (media, media->rtp_socket, "rtp"));
  media->rtcp_src =
      gst_object_ref (make_udpsrc (media, media->rtcp_socket, "rtcp"));
  media->rtp_sink =
      gst_object_ref (make_udpsink (media, media->rtp_socket, "rtp"));
  media->rtcp_sink =
      gst_object_ref (make_udpsink (media, media->rtcp_socket, "rtcp"));
  gst_bin_add_many (media->bin, media->rtp_src, media->rtcp_src,
      media->rtp_sink, media->rtcp_sink, NULL);

  media->recv_rtp_sink = request_rtpbin_pad (media, "recv_rtp_sink_");
  media->recv_rtcp_sink = request_rtpbin_pad (media, "recv_rtcp_sink_");
  media->send_rtcp_src = request_rtpbin_pad (media, "send_rtcp_src_");
  if (!media->recv_rtp_sink || !media->recv_rtcp_sink || !media->send_rtcp_src)
    goto link_failed;

  pad = gst_element_get_static_pad (media->rtp_src, "src");
  if (!link_pads (pad, media->recv_rtp_sink)) {
    gst_object_unref (pad);
    goto link_failed;
  }
  gst_object_unref (pad);
  pad = gst_element_get_static_pad (media->rtcp_src, "src");
  if (!link_pads (pad, media->recv_rtcp_sink)) {
    gst_object_unref (pad);
    goto link_failed;
  }
  gst_object_unref (pad);
  pad = gst_element_get_static_pad (media->rtcp_sink, "sink");
  if (!link_pads (media->send_rtcp_src, pad)) {
    gst_object_unref (pad);
    goto link_failed;
  }
  gst_object_unref (pad);

  gst_element_sync_state_with_parent (media->rtp_sink);
  gst_element_sync_state_with_parent (media->rtcp_sink);
  gst_element_sync_state_with_parent (media->rtp_src);
  gst_element_sync_state_with_parent (media->rtcp_src);
  return TRUE;

  /* ERRORS */
link_failed : {
  g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_PAD,
      _ ("Could not link the RTP session %u."), media->session);
  return FALSE;
}
no_srtp : {
  g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
      _ ("The GStreamer element \"%s\" is not installed."), "srtpenc");
  return FALSE;
}
}

static void
set_destination (GstElement *sink, GInetSocketAddress *address)
{
  gchar *host;

  g_signal_emit_by_name (sink, "clear");
  if (!address)
    return;
  host = g_inet_address_to_string (g_inet_socket_address_get_address (address));
  g_signal_emit_by_name (
      sink, "add", host, (gint) g_inet_socket_address_get_port (address));
  g_free (host);
}

/* ---------------------------------------------------------------------- */
/* sending */

static void
remove_element (GstSipMedia *media, GstElement **element)
{
  if (!*element)
    return;
  gst_element_set_locked_state (*element, TRUE);
  gst_element_set_state (*element, GST_STATE_NULL);
  if (GST_OBJECT_PARENT (*element) == GST_OBJECT (media->bin))
    gst_bin_remove (media->bin, *element);
  gst_clear_object (element);
}

static gboolean
codecs_equal (const GstSipCodec *a, const GstSipCodec *b)
{
  if (!a || !b)
    return a == b;
  return g_ascii_strcasecmp (gst_sip_codec_get_encoding_name (a),
             gst_sip_codec_get_encoding_name (b)) == 0 &&
      gst_sip_codec_get_payload_type (a) ==
      gst_sip_codec_get_payload_type (b) &&
      g_strcmp0 (gst_sip_codec_get_fmtp (a), gst_sip_codec_get_fmtp (b)) == 0;
}

/* the rtpbin's send pad and, for audio, the telephone-event mux before it */
static gboolean
ensure_send_entry (GstSipMedia *media, GError **error)
{
  GstPad *pad, *rtp_src, *sink;
  gchar *name;

  if (media->send_entry)
    return TRUE;

  media->send_rtp_sink = request_rtpbin_pad (media, "send_rtp_sink_");
  if (!media->send_rtp_sink)
    goto link_failed;
  name = g_strdup_printf ("send_rtp_src_%u", media->session);
  rtp_src = gst_element_get_static_pad (media->rtpbin, name);
  g_free (name);
  sink = gst_element_get_static_pad (media->rtp_sink, "sink");
  if (!rtp_src || !link_pads (rtp_src, sink)) {
    gst_clear_object (&rtp_src);
    gst_object_unref (sink);
    goto link_failed;
  }
  gst_object_unref (rtp_src);
  gst_object_unref (sink);

  if (strcmp (media->media, "audio") == 0) {
    GstElementFactory *f = gst_element_factory_find ("rtpdtmfmux");

    if (f) {
      gst_object_unref (f);
      media->dtmf_mux = gst_object_ref (
          gst_element_factory_make ("rtpdtmfmux", "audio-dtmf-mux"));
      gst_bin_add (media->bin, media->dtmf_mux);
      pad = gst_element_get_static_pad (media->dtmf_mux, "src");
      if (!link_pads (pad, media->send_rtp_sink)) {
        gst_object_unref (pad);
        goto link_failed;
      }
      gst_object_unref (pad);
      gst_element_sync_state_with_parent (media->dtmf_mux);
      media->send_entry =
          gst_element_request_pad_simple (media->dtmf_mux, "sink_%u");
      return TRUE;
    }
  }
  media->send_entry = gst_object_ref (media->send_rtp_sink);
  return TRUE;

  /* ERRORS */
link_failed : {
  g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_PAD,
      _ ("Could not link the RTP session %u."), media->session);
  return FALSE;
}
}

typedef struct
{
  GstSipMedia *media;
  GstElement *old_sender;
  GstElement *new_sender;
  gboolean open;
} SwapData;

/* relinks the valve to the new sender while the valve does not push */
static GstPadProbeReturn
swap_sender (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  SwapData *data = user_data;
  GstSipMedia *media = data->media;
  GstPad *sink, *src;
  gboolean linked;

  if (data->old_sender) {
    src = gst_element_get_static_pad (data->old_sender, "src");
    gst_pad_unlink (src, media->send_entry);
    gst_object_unref (src);
    sink = gst_element_get_static_pad (data->old_sender, "sink");
    gst_pad_unlink (pad, sink);
    gst_object_unref (sink);
    remove_element (media, &data->old_sender);
  }
  if (data->new_sender) {
    sink = gst_element_get_static_pad (data->new_sender, "sink");
    src = gst_element_get_static_pad (data->new_sender, "src");
    linked = link_pads (src, media->send_entry) && link_pads (pad, sink);
    gst_object_unref (sink);
    gst_object_unref (src);
    if (!linked) {
      /* the valve stays closed: nothing is sent, the rest goes on */
      GST_ELEMENT_ERROR (media->bin, CORE, NEGOTIATION,
          (_ ("Could not send the %s of the call."), media->media),
          ("%s cannot take the input", GST_OBJECT_NAME (data->new_sender)));
      return GST_PAD_PROBE_REMOVE;
    }
  }
  g_object_set (media->valve, "drop", !data->open, NULL);
  return GST_PAD_PROBE_REMOVE;
}

static void
swap_data_free (gpointer user_data)
{
  SwapData *data = user_data;

  gst_clear_object (&data->old_sender);
  g_free (data);
}

/* puts @sender (may be NULL) after the valve, in place of the current one */
static void
replace_sender (GstSipMedia *media, GstElement *sender, gboolean open)
{
  SwapData *data = g_new0 (SwapData, 1);
  GstPad *pad = gst_element_get_static_pad (media->valve, "src");

  g_object_set (media->valve, "drop", TRUE, NULL);
  data->media = media;
  data->old_sender = media->sender;
  data->new_sender = sender;
  data->open = open;
  media->sender = sender ? gst_object_ref (sender) : NULL;
  gst_pad_add_probe (
      pad, GST_PAD_PROBE_TYPE_IDLE, swap_sender, data, swap_data_free);
  gst_object_unref (pad);
}

static gboolean
update_sender (
    GstSipMedia *media, const GstSipCodec *codec, gboolean send, GError **error)
{
  GstElement *sender;
  guint ptime, max_bitrate;

  if (!media->valve)
    return TRUE;

  if (!codec || !gst_sip_codec_map_knows (codec)) {
    g_object_set (media->valve, "drop", TRUE, NULL);
    return TRUE;
  }
  if (media->sender && codecs_equal (codec, media->sender_codec)) {
    g_object_set (media->valve, "drop", !send, NULL);
    return TRUE;
  }

  if (!ensure_send_entry (media, error))
    return FALSE;

  GST_OBJECT_LOCK (media);
  ptime = gst_sip_sdp_stream_get_ptime (media->stream);
  max_bitrate = gst_sip_sdp_stream_get_max_bitrate (media->stream) / 1000;
  GST_OBJECT_UNLOCK (media);

  sender = gst_sip_codec_map_make_sender (
      codec, media->input_raw, ptime, max_bitrate, error);
  if (!sender)
    return FALSE;
  GST_INFO_OBJECT (media, "sending %s (payload type %u)",
      gst_sip_codec_get_encoding_name (codec),
      gst_sip_codec_get_payload_type (codec));
  gst_bin_add (media->bin, sender);
  gst_element_sync_state_with_parent (sender);
  g_clear_pointer (&media->sender_codec, gst_sip_codec_free);
  media->sender_codec = gst_sip_codec_copy (codec);
  replace_sender (media, sender, send);
  return TRUE;
}

static void
update_dtmf_source (GstSipMedia *media, gint pt)
{
  GstPad *src, *sink;

  if (!media->dtmf_mux || pt < 0)
    return;
  if (media->dtmf_src) {
    g_object_set (media->dtmf_src, "pt", (guint) pt, NULL);
    return;
  }
  media->dtmf_src = gst_element_factory_make ("rtpdtmfsrc", "audio-dtmf-src");
  if (!media->dtmf_src)
    return;
  gst_object_ref (media->dtmf_src);
  g_object_set (media->dtmf_src, "pt", (guint) pt, "clock-rate", 8000, NULL);
  gst_bin_add (media->bin, media->dtmf_src);
  src = gst_element_get_static_pad (media->dtmf_src, "src");
  sink = gst_element_request_pad_simple (media->dtmf_mux, "priority_sink_%u");
  link_pads (src, sink);
  gst_object_unref (src);
  gst_object_unref (sink);
  gst_element_sync_state_with_parent (media->dtmf_src);
}

/* the RTP profile of our session: AVPF (RFC 4585) when the peer takes key
 * frame requests, so that the session sends them at once (early RTCP)
 * instead of with the next regular report */
static void
apply_rtp_profile (GstSipMedia *media)
{
  GObject *session = NULL;
  gboolean feedback;

  GST_OBJECT_LOCK (media);
  feedback = media->feedback_pli || media->feedback_fir;
  GST_OBJECT_UNLOCK (media);
  g_signal_emit_by_name (
      media->rtpbin, "get-internal-session", media->session, &session);
  if (!session)
    return;
  g_object_set (session, "rtp-profile",
      feedback ? GST_RTP_PROFILE_AVPF : GST_RTP_PROFILE_AVP, NULL);
  g_object_unref (session);
}

/**
 * gst_sip_media_set_remote_feedback:
 * @media: a #GstSipMedia
 * @remote: (nullable): the peer's m-line of @media in the last exchange
 *
 * Reads the key frame requests the peer takes (`a=rtcp-fb` with `nack pli`
 * or `ccm fir`); call before gst_sip_media_configure().  Our video offers
 * and answers have them (the library writes them), so what the peer has is
 * what was negotiated.  A peer without any `a=rtcp-fb` still gets PLI, in
 * regular RTCP: many phones honour it without announcing it.
 */
void
gst_sip_media_set_remote_feedback (
    GstSipMedia *media, const GstSDPMedia *remote)
{
  GST_OBJECT_LOCK (media);
  media->feedback = remote && gst_sip_sdp_media_has_rtcp_fb (remote, NULL);
  media->feedback_pli =
      remote && gst_sip_sdp_media_has_rtcp_fb (remote, "nack pli");
  media->feedback_fir =
      remote && gst_sip_sdp_media_has_rtcp_fb (remote, "ccm fir");
  GST_DEBUG_OBJECT (media, "peer feedback: PLI %d, FIR %d", media->feedback_pli,
      media->feedback_fir);
  GST_OBJECT_UNLOCK (media);
}

/**
 * gst_sip_media_configure:
 * @media: a #GstSipMedia
 * @stream: what was negotiated for the m-line of @media
 * @decode: whether receivers decode to raw media
 * @error: return location for a #GError
 *
 * Builds or updates the elements after an offer/answer exchange: the
 * transport the first time, then the destinations, the sender (relinked
 * without stopping the rest when the codec changed) and the direction.
 *
 * Returns: whether the stream is set up
 */
gboolean
gst_sip_media_configure (GstSipMedia *media, const GstSipSdpStream *stream,
    gboolean decode, GError **error)
{
  GstSipMediaDirection direction = gst_sip_sdp_stream_get_direction (stream);
  gboolean enabled = gst_sip_sdp_stream_is_enabled (stream);
  gboolean send, receive, send_changed = FALSE, receive_changed = FALSE;
  GInetSocketAddress *rtp, *rtcp;
  GstSipSrtpSuite suite = gst_sip_sdp_stream_get_srtp_suite (stream);
  GBytes *send_key = gst_sip_sdp_stream_get_srtp_send_key (stream);
  GBytes *receive_key = gst_sip_sdp_stream_get_srtp_receive_key (stream);

  send = enabled &&
      (direction == GST_SIP_MEDIA_DIRECTION_SENDRECV ||
          direction == GST_SIP_MEDIA_DIRECTION_SENDONLY);
  receive = enabled &&
      (direction == GST_SIP_MEDIA_DIRECTION_SENDRECV ||
          direction == GST_SIP_MEDIA_DIRECTION_RECVONLY);
  rtp = gst_sip_sdp_stream_get_remote_rtp_address (stream);
  rtcp = gst_sip_sdp_stream_get_remote_rtcp_address (stream);

  GST_OBJECT_LOCK (media);
  g_clear_pointer (&media->stream, gst_sip_sdp_stream_free);
  media->stream = gst_sip_sdp_stream_copy (stream);
  g_set_object (&media->remote_rtp, rtp);
  g_set_object (&media->remote_rtcp, rtcp);
  set_endpoint (&media->expected_rtp, rtp);
  set_endpoint (&media->expected_rtcp, rtcp);
  media->sending = send;
  media->receiving = receive;
  media->decode = decode;
  media->telephone_event_pt =
      gst_sip_sdp_stream_get_telephone_event_pt (stream);
  if (media->last_activity == 0) {
    media->last_activity = g_get_monotonic_time ();
    media->packets_seen = (guint) g_atomic_int_get ((gint *) &media->packets);
  }
  if (enabled && media->rtp_src &&
      media->secure_transport != (suite != GST_SIP_SRTP_SUITE_NONE)) {
    GST_OBJECT_UNLOCK (media);
    goto srtp_switch;
  }
  if (enabled) {
    send_changed = !keys_equal (media->srtp_send_key, send_key);
    receive_changed = !keys_equal (media->srtp_receive_key, receive_key);
    media->srtp_suite = suite;
    g_clear_pointer (&media->srtp_send_key, g_bytes_unref);
    g_clear_pointer (&media->srtp_receive_key, g_bytes_unref);
    media->srtp_send_key = send_key ? g_bytes_ref (send_key) : NULL;
    media->srtp_receive_key = receive_key ? g_bytes_ref (receive_key) : NULL;
  }
  GST_OBJECT_UNLOCK (media);

  GST_DEBUG_OBJECT (
      media, "enabled %d, send %d, receive %d", enabled, send, receive);
  if (!enabled) {
    if (media->valve)
      g_object_set (media->valve, "drop", TRUE, NULL);
    return TRUE;
  }

  if (!media->rtp_src) {
    if (!create_transport (media, error))
      return FALSE;
  } else if (send_changed || receive_changed) {
    update_srtp (media, send_changed, receive_changed);
  }
  apply_rtp_profile (media);
  set_destination (media->rtp_sink, send ? rtp : NULL);
  set_destination (media->rtcp_sink, rtcp);

  if (send && media->valve && !ensure_send_entry (media, error))
    return FALSE;
  update_dtmf_source (media, send ? media->telephone_event_pt : -1);
  return update_sender (
      media, gst_sip_sdp_stream_get_send_codec (stream), send, error);

  /* ERRORS */
srtp_switch : {
  g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED,
      _ ("SRTP cannot be turned on or off during a call."));
  return FALSE;
}
}

gboolean
gst_sip_media_is_configured (GstSipMedia *media)
{
  return media->rtp_src != NULL;
}

gboolean
gst_sip_media_receives (GstSipMedia *media)
{
  gboolean ret;

  GST_OBJECT_LOCK (media);
  ret = media->receiving;
  GST_OBJECT_UNLOCK (media);
  return ret;
}

const GstSipCodec *
gst_sip_media_get_send_codec (GstSipMedia *media)
{
  return media->sender_codec;
}

/* ---------------------------------------------------------------------- */
/* receiving */

static GstSipCodec *
find_receive_codec (GstSipMedia *media, guint pt)
{
  GstSipCodec *found = NULL;
  GList *l;

  GST_OBJECT_LOCK (media);
  if (media->stream) {
    for (l = gst_sip_sdp_stream_get_receive_codecs (media->stream); l;
         l = l->next) {
      if (gst_sip_codec_get_payload_type (l->data) == pt) {
        found = gst_sip_codec_copy (l->data);
        break;
      }
    }
  }
  GST_OBJECT_UNLOCK (media);
  return found;
}

/**
 * gst_sip_media_get_caps_for_pt:
 * @media: a #GstSipMedia
 * @pt: a payload type received
 *
 * Answers the rtpbin's request-pt-map from the negotiated codecs.
 *
 * Returns: (transfer full) (nullable): the RTP caps of @pt
 */
GstCaps *
gst_sip_media_get_caps_for_pt (GstSipMedia *media, guint pt)
{
  GstSipCodec *codec;
  GstCaps *caps;

  codec = find_receive_codec (media, pt);
  if (!codec)
    return NULL;
  caps = gst_sip_codec_to_caps (codec);
  if (strcmp (media->media, "video") == 0) {
    gboolean feedback, pli, fir;

    GST_OBJECT_LOCK (media);
    feedback = media->feedback;
    pli = media->feedback_pli;
    fir = media->feedback_fir;
    GST_OBJECT_UNLOCK (media);
    caps = gst_caps_make_writable (caps);
    /* lets the session turn the depayloader's key unit requests into PLI
     * or, when they ask for all headers, FIR; the session looks at the
     * presence of the fields only */
    if (pli || !feedback)
      gst_caps_set_simple (
          caps, "rtcp-fb-nack-pli", G_TYPE_BOOLEAN, TRUE, NULL);
    if (fir)
      gst_caps_set_simple (caps, "rtcp-fb-ccm-fir", G_TYPE_BOOLEAN, TRUE, NULL);
  }
  gst_sip_codec_free (codec);
  return caps;
}

static const gchar dtmf_digits[] = "0123456789*#ABCD";

/* the end of an RFC 4733 event: its digit and duration */
static GstPadProbeReturn
parse_telephone_event (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GstSipMedia *media = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  const guint8 *payload;
  guint32 timestamp;
  guint duration;
  gchar digit[2] = { 0, 0 };
  gboolean report = FALSE;

  if (!gst_rtp_buffer_map (buffer, GST_MAP_READ, &rtp))
    return GST_PAD_PROBE_OK;
  payload = gst_rtp_buffer_get_payload (&rtp);
  if (gst_rtp_buffer_get_payload_len (&rtp) >= 4 && (payload[1] & 0x80) &&
      payload[0] < strlen (dtmf_digits)) {
    timestamp = gst_rtp_buffer_get_timestamp (&rtp);
    duration = ((guint) payload[2] << 8 | payload[3]) / 8;
    g_mutex_lock (&media->lock);
    /* the end packet is sent three times (RFC 4733 2.5.1.4) */
    if (!media->dtmf_seen || media->last_dtmf_timestamp != timestamp) {
      media->dtmf_seen = TRUE;
      media->last_dtmf_timestamp = timestamp;
      report = TRUE;
    }
    g_mutex_unlock (&media->lock);
    digit[0] = dtmf_digits[payload[0]];
    if (report && media->dtmf_func)
      media->dtmf_func (media, digit, duration, media->user_data);
  }
  gst_rtp_buffer_unmap (&rtp);
  return GST_PAD_PROBE_OK;
}

static GstElement *
make_dtmf_receiver (GstSipMedia *media)
{
  GstElement *bin = gst_bin_new ("audio-dtmf-receiver");
  GstElement *depay = gst_element_factory_make ("rtpdtmfdepay", NULL);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  GstPad *pad;

  if (!depay || !sink) {
    gst_clear_object (&depay);
    gst_clear_object (&sink);
    gst_object_unref (bin);
    return NULL;
  }
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add_many (GST_BIN (bin), depay, sink, NULL);
  gst_element_link (depay, sink);
  pad = gst_element_get_static_pad (depay, "sink");
  gst_pad_add_probe (
      pad, GST_PAD_PROBE_TYPE_BUFFER, parse_telephone_event, media, NULL);
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", pad));
  gst_object_unref (pad);
  return bin;
}

static gboolean
link_to (GstPad *rtp_pad, GstElement *element)
{
  GstPad *sink = gst_element_get_static_pad (element, "sink");
  gboolean ret;

  if (gst_pad_is_linked (sink)) {
    GstPad *peer = gst_pad_get_peer (sink);

    gst_pad_unlink (peer, sink);
    gst_object_unref (peer);
  }
  ret = link_pads (rtp_pad, sink);
  gst_object_unref (sink);
  return ret;
}

/* a decoder starting in the middle of a stream waits for a key frame: at
 * the first packet the receiver asks for one upstream, the session asks the
 * sender (RTCP PLI), and the sender's session forces its encoder to make
 * one */
static GstPadProbeReturn
request_key_unit (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GstStructure *s = gst_structure_new (
      "GstForceKeyUnit", "all-headers", G_TYPE_BOOLEAN, TRUE, NULL);

  gst_pad_push_event (pad, gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM, s));
  return GST_PAD_PROBE_REMOVE;
}

/**
 * gst_sip_media_link_rtp_pad:
 * @media: a #GstSipMedia
 * @rtp_pad: a new recv_rtp_src pad of the rtpbin session
 * @pt: its payload type
 * @error: return location for a #GError
 *
 * Links @rtp_pad to a receiver for @pt, or to the telephone-event
 * receiver.  Called from the streaming thread that added @rtp_pad.
 *
 * Returns: (transfer full) (nullable): the pad the bin exposes for the
 *   stream; %NULL without @error when the bin's pad stays as it is
 */
GstPad *
gst_sip_media_link_rtp_pad (
    GstSipMedia *media, GstPad *rtp_pad, guint pt, GError **error)
{
  GstElement *receiver = NULL, *old = NULL;
  GstSipCodec *codec;
  GstPad *src = NULL;
  gboolean decode;

  codec = find_receive_codec (media, pt);
  if (!codec)
    goto unknown_pt;

  g_mutex_lock (&media->lock);
  if (gst_sip_codec_is_telephone_event (codec)) {
    gst_sip_codec_free (codec);
    if (!media->dtmf_receiver) {
      media->dtmf_receiver = make_dtmf_receiver (media);
      if (media->dtmf_receiver) {
        gst_object_ref (media->dtmf_receiver);
        gst_bin_add (media->bin, media->dtmf_receiver);
        gst_element_sync_state_with_parent (media->dtmf_receiver);
      }
    }
    if (media->dtmf_receiver)
      link_to (rtp_pad, media->dtmf_receiver);
    g_mutex_unlock (&media->lock);
    return NULL;
  }

  if (media->receiver && media->receiver_pt == pt) {
    /* a new SSRC with the same format */
    gst_sip_codec_free (codec);
    link_to (rtp_pad, media->receiver);
    g_mutex_unlock (&media->lock);
    return NULL;
  }

  GST_OBJECT_LOCK (media);
  decode = media->decode;
  GST_OBJECT_UNLOCK (media);
  receiver = gst_sip_codec_map_make_receiver (codec, decode, error);
  if (!receiver) {
    gst_sip_codec_free (codec);
    g_mutex_unlock (&media->lock);
    return NULL;
  }
  GST_INFO_OBJECT (media, "receiving %s (payload type %u)%s",
      gst_sip_codec_get_encoding_name (codec), pt, decode ? ", decoded" : "");
  gst_sip_codec_free (codec);

  old = media->receiver;
  media->receiver = gst_object_ref (receiver);
  media->receiver_pt = pt;
  gst_bin_add (media->bin, receiver);
  gst_element_sync_state_with_parent (receiver);
  link_to (rtp_pad, receiver);
  src = gst_element_get_static_pad (receiver, "src");
  g_mutex_unlock (&media->lock);
  if (strcmp (media->media, "video") == 0) {
    GstPad *sink = gst_element_get_static_pad (receiver, "sink");

    gst_pad_add_probe (
        sink, GST_PAD_PROBE_TYPE_BUFFER, request_key_unit, NULL, NULL);
    gst_object_unref (sink);
  }

  if (old)
    remove_element (media, &old);
  return src;

  /* ERRORS */
unknown_pt : {
  g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_CODEC_NOT_FOUND,
      _ ("The peer sent payload type %u, which was not negotiated."), pt);
  return NULL;
}
}

/**
 * gst_sip_media_unlink_rtp_pad:
 * @media: a #GstSipMedia
 * @rtp_pad: a recv_rtp_src pad the rtpbin removes
 */
void
gst_sip_media_unlink_rtp_pad (GstSipMedia *media, GstPad *rtp_pad)
{
  GstPad *peer = gst_pad_get_peer (rtp_pad);

  if (peer) {
    gst_pad_unlink (rtp_pad, peer);
    gst_object_unref (peer);
  }
}

const GstSipCodec *
gst_sip_media_get_receive_codec (GstSipMedia *media)
{
  const GstSipCodec *found = NULL;
  GList *l;

  g_mutex_lock (&media->lock);
  GST_OBJECT_LOCK (media);
  if (media->stream && media->receiver) {
    for (l = gst_sip_sdp_stream_get_receive_codecs (media->stream); l;
         l = l->next) {
      if (gst_sip_codec_get_payload_type (l->data) == media->receiver_pt) {
        found = l->data;
        break;
      }
    }
  }
  GST_OBJECT_UNLOCK (media);
  g_mutex_unlock (&media->lock);
  return found;
}

/* ---------------------------------------------------------------------- */
/* telephone-events */

gboolean
gst_sip_media_can_send_dtmf (GstSipMedia *media)
{
  gboolean ret;

  GST_OBJECT_LOCK (media);
  ret = media->dtmf_src && media->sending;
  GST_OBJECT_UNLOCK (media);
  return ret;
}

static gboolean
dtmf_event (GstSipMedia *media, gint event, gboolean start)
{
  GstStructure *s;
  GstPad *pad;
  gboolean ret;

  if (!media->dtmf_src)
    return FALSE;
  s = gst_structure_new ("dtmf-event", "type", G_TYPE_INT, 1, "start",
      G_TYPE_BOOLEAN, start, NULL);
  if (start)
    gst_structure_set (s, "number", G_TYPE_INT, event, "volume", G_TYPE_INT,
        DTMF_VOLUME, NULL);
  /* as if it came from downstream: basesrc's send_event would push it */
  pad = gst_element_get_static_pad (media->dtmf_src, "src");
  ret = gst_pad_send_event (
      pad, gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM, s));
  gst_object_unref (pad);
  return ret;
}

/**
 * gst_sip_media_start_dtmf:
 * @media: a #GstSipMedia
 * @event: the RFC 4733 event number, 0-15
 *
 * Starts sending a telephone-event; gst_sip_media_stop_dtmf() ends it.
 *
 * Returns: whether the event started
 */
gboolean
gst_sip_media_start_dtmf (GstSipMedia *media, gint event)
{
  return dtmf_event (media, event, TRUE);
}

void
gst_sip_media_stop_dtmf (GstSipMedia *media)
{
  dtmf_event (media, 0, FALSE);
}

/* ---------------------------------------------------------------------- */

/**
 * gst_sip_media_get_last_activity:
 * @media: a #GstSipMedia
 *
 * Returns: the monotonic time of the first call that found RTP or RTCP
 *   packets from the peer since the previous call (the packets are
 *   counted, not timed: call this periodically), or of the negotiation
 *   when none came yet; 0 before
 */
gint64
gst_sip_media_get_last_activity (GstSipMedia *media)
{
  guint packets = (guint) g_atomic_int_get ((gint *) &media->packets);
  gint64 t;

  GST_OBJECT_LOCK (media);
  if (media->last_activity && packets != media->packets_seen) {
    media->packets_seen = packets;
    media->last_activity = g_get_monotonic_time ();
  }
  t = media->last_activity;
  GST_OBJECT_UNLOCK (media);
  return t;
}

static void
add_source_stats (GstStructure *out, const GstStructure *source)
{
  gboolean internal = FALSE;
  guint64 packets = 0, octets = 0;
  guint jitter = 0, rtt = 0;
  gint lost = 0;

  gst_structure_get_boolean (source, "internal", &internal);
  if (internal) {
    gst_structure_get_uint64 (source, "packets-sent", &packets);
    gst_structure_get_uint64 (source, "octets-sent", &octets);
    gst_structure_set (out, "packets-sent", G_TYPE_UINT64, packets,
        "bytes-sent", G_TYPE_UINT64, octets, NULL);
    if (gst_structure_get_uint (source, "rb-round-trip", &rtt))
      gst_structure_set (
          out, "round-trip-time", G_TYPE_DOUBLE, rtt / 65536.0, NULL);
    return;
  }
  gst_structure_get_uint64 (source, "packets-received", &packets);
  gst_structure_get_uint64 (source, "octets-received", &octets);
  gst_structure_get_uint (source, "jitter", &jitter);
  gst_structure_get_int (source, "packets-lost", &lost);
  if (packets == 0)
    return;
  gst_structure_set (out, "packets-received", G_TYPE_UINT64, packets,
      "bytes-received", G_TYPE_UINT64, octets, "jitter", G_TYPE_UINT, jitter,
      "packets-lost", G_TYPE_INT, lost, NULL);
}

/* the suite and the packets srtpdec dropped; never the keys */
static void
add_srtp_stats (GstSipMedia *media, GstStructure *out)
{
  GstElement *dec = NULL;
  GstStructure *stats = NULL;
  GstSipSrtpSuite suite;
  const GValue *v;
  GValue drops = G_VALUE_INIT;

  GST_OBJECT_LOCK (media);
  suite = media->secure_transport ? media->srtp_suite : GST_SIP_SRTP_SUITE_NONE;
  if (media->srtpdec)
    dec = gst_object_ref (media->srtpdec);
  GST_OBJECT_UNLOCK (media);
  if (suite == GST_SIP_SRTP_SUITE_NONE) {
    if (dec)
      gst_object_unref (dec);
    return;
  }
  gst_structure_set (out, "srtp-suite", G_TYPE_STRING,
      gst_sip_srtp_suite_to_string (suite), NULL);
  if (!dec)
    return;
  g_object_get (dec, "stats", &stats, NULL);
  gst_object_unref (dec);
  if (!stats)
    return;
  v = gst_structure_get_value (stats, "recv-drop-count");
  g_value_init (&drops, G_TYPE_UINT64);
  if (v && g_value_transform (v, &drops))
    gst_structure_set (out, "srtp-packets-dropped", G_TYPE_UINT64,
        g_value_get_uint64 (&drops), NULL);
  g_value_unset (&drops);
  gst_structure_free (stats);
}

/**
 * gst_sip_media_get_stats:
 * @media: a #GstSipMedia
 *
 * Returns: (transfer full): the statistics of the stream: media, codecs,
 *   packets and bytes each way, jitter (in clock rate units), packets lost
 *   and round-trip time (seconds), as far as they are known
 */
GstStructure *
gst_sip_media_get_stats (GstSipMedia *media)
{
  GstStructure *out = gst_structure_new ("application/x-sip-stream-stats",
      "media", G_TYPE_STRING, media->media, "session", G_TYPE_UINT,
      media->session, "packets-sent", G_TYPE_UINT64, (guint64) 0, "bytes-sent",
      G_TYPE_UINT64, (guint64) 0, "packets-received", G_TYPE_UINT64,
      (guint64) 0, "bytes-received", G_TYPE_UINT64, (guint64) 0, NULL);
  const GstSipCodec *codec;
  GObject *session = NULL;
  GstStructure *stats = NULL;
  const GValue *sources;
  guint i;

  if (media->sender_codec)
    gst_structure_set (out, "send-codec", G_TYPE_STRING,
        gst_sip_codec_get_encoding_name (media->sender_codec), NULL);
  codec = gst_sip_media_get_receive_codec (media);
  if (codec)
    gst_structure_set (out, "receive-codec", G_TYPE_STRING,
        gst_sip_codec_get_encoding_name (codec), NULL);
  if (!media->rtp_src)
    return out;
  add_srtp_stats (media, out);

  g_signal_emit_by_name (
      media->rtpbin, "get-internal-session", media->session, &session);
  if (!session)
    return out;
  g_object_get (session, "stats", &stats, NULL);
  g_object_unref (session);
  if (!stats)
    return out;
  sources = gst_structure_get_value (stats, "source-stats");
  if (sources && G_VALUE_HOLDS_BOXED (sources)) {
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    GValueArray *array = g_value_get_boxed (sources);

    for (i = 0; array && i < array->n_values; i++) {
      const GValue *v = &array->values[i];

      if (GST_VALUE_HOLDS_STRUCTURE (v))
        add_source_stats (out, gst_value_get_structure (v));
    }
    G_GNUC_END_IGNORE_DEPRECATIONS
  }
  gst_structure_free (stats);
  return out;
}

/**
 * gst_sip_media_stop:
 * @media: a #GstSipMedia
 * @playing: whether the bin is in PLAYING, with no state change under way
 *
 * Removes every element of the stream but the input valve, which stays
 * for the bin's sink pad.  The sockets stay bound for the next call.
 */
void
gst_sip_media_stop (GstSipMedia *media, gboolean playing)
{
  GstPad *pad;

  /* Below PLAYING, a packet in flight waits in a udpsink for PLAYING, and
   * holds the stream locks of everything upstream of it: the sinks go
   * first, which lets it go.  In PLAYING the elements go from upstream
   * down, so that no flushing pad answers the application's source. */
  if (!playing) {
    remove_element (media, &media->rtp_sink);
    remove_element (media, &media->rtcp_sink);
  }

  if (media->valve) {
    g_object_set (media->valve, "drop", TRUE, NULL);
    pad = gst_element_get_static_pad (media->valve, "src");
    if (gst_pad_is_linked (pad)) {
      GstPad *peer = gst_pad_get_peer (pad);

      gst_pad_unlink (pad, peer);
      gst_object_unref (peer);
    }
    gst_object_unref (pad);
  }
  remove_element (media, &media->sender);
  g_clear_pointer (&media->sender_codec, gst_sip_codec_free);
  remove_element (media, &media->dtmf_src);
  if (media->send_entry && media->dtmf_mux)
    gst_element_release_request_pad (media->dtmf_mux, media->send_entry);
  gst_clear_object (&media->send_entry);
  remove_element (media, &media->dtmf_mux);

  g_mutex_lock (&media->lock);
  remove_element (media, &media->receiver);
  remove_element (media, &media->dtmf_receiver);
  media->dtmf_seen = FALSE;
  g_mutex_unlock (&media->lock);

  remove_element (media, &media->rtp_src);
  remove_element (media, &media->rtcp_src);
  remove_element (media, &media->rtp_sink);
  remove_element (media, &media->rtcp_sink);
  if (media->send_rtp_sink)
    gst_element_release_request_pad (media->rtpbin, media->send_rtp_sink);
  if (media->recv_rtp_sink)
    gst_element_release_request_pad (media->rtpbin, media->recv_rtp_sink);
  if (media->recv_rtcp_sink)
    gst_element_release_request_pad (media->rtpbin, media->recv_rtcp_sink);
  if (media->send_rtcp_src)
    gst_element_release_request_pad (media->rtpbin, media->send_rtcp_src);
  gst_clear_object (&media->send_rtp_sink);
  gst_clear_object (&media->recv_rtp_sink);
  gst_clear_object (&media->recv_rtcp_sink);
  gst_clear_object (&media->send_rtcp_src);

  GST_OBJECT_LOCK (media);
  if (media->srtpdec)
    g_signal_handlers_disconnect_by_data (media->srtpdec, media);
  gst_clear_object (&media->srtpenc);
  gst_clear_object (&media->srtpdec);
  media->secure_transport = FALSE;
  media->srtp_suite = GST_SIP_SRTP_SUITE_NONE;
  g_clear_pointer (&media->srtp_send_key, g_bytes_unref);
  g_clear_pointer (&media->srtp_receive_key, g_bytes_unref);
  g_clear_pointer (&media->stream, gst_sip_sdp_stream_free);
  g_clear_object (&media->remote_rtp);
  g_clear_object (&media->remote_rtcp);
  set_endpoint (&media->expected_rtp, NULL);
  set_endpoint (&media->expected_rtcp, NULL);
  media->sending = media->receiving = FALSE;
  media->telephone_event_pt = -1;
  media->last_activity = 0;
  media->packets_seen = (guint) g_atomic_int_get ((gint *) &media->packets);
  GST_OBJECT_UNLOCK (media);
}
