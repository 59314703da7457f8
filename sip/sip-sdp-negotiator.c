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
 * SECTION:sip-sdp-negotiator
 * @title: GstSipSdpNegotiator
 * @short_description: SDP offer/answer (RFC 3264)
 *
 * A #GstSipSdpNegotiator holds the media of one session (one call) and
 * runs its offer/answer exchanges on #GstSDPMessage:
 *
 * - gst_sip_sdp_negotiator_add_media() declares each local stream: media
 *   type, local RTP port (RTCP on the next port) and codecs in the order of
 *   preference;
 * - as offerer, gst_sip_sdp_negotiator_create_offer() writes the offer and
 *   gst_sip_sdp_negotiator_set_answer() takes the answer, or
 *   gst_sip_sdp_negotiator_cancel_offer() forgets the offer when it was
 *   refused (a 488 or 491 to a re-INVITE, a failed request);
 * - as answerer, gst_sip_sdp_negotiator_create_answer() answers an offer
 *   in one step;
 * - after each complete exchange, gst_sip_sdp_negotiator_get_streams()
 *   tells, for each m-line, where to send, which codec to send with which
 *   payload type, and which payload types to expect.
 *
 * Offers have one m-line per media, a=rtpmap for every codec (static
 * payload types too), a=fmtp, a=ptime when set with
 * gst_sip_sdp_negotiator_set_ptime(), a direction attribute, and for video
 * `a=rtcp-fb:* nack pli` and `a=rtcp-fb:* ccm fir` (key frame requests of
 * RFC 4585 and RFC 5104; answers keep those the offer has); `c=` is at
 * session level and `o=` has a random session id and a version that grows
 * by one whenever the description differs from the previous one we sent
 * (RFC 3264 section 8).  Codecs without a static payload type get dynamic
 * ones from 96.  Later offers keep the m-lines, their order and the payload
 * types of the previous exchange (section 8.3.2); m-lines that were
 * rejected keep port 0; media added since are appended.
 *
 * Answers keep the m-lines of the offer and its payload type numbers.  An
 * m-line is rejected (port 0) when its port is 0, its media type or
 * transport is not one we have (`RTP/AVP`, and `RTP/SAVP` with
 * #GstSipSdpNegotiator:srtp), its `a=crypto` lines do not meet
 * #GstSipSdpNegotiator:srtp (see #GstSipSrtpMode), it has no usable
 * connection address, or no codec in common.  Accepted m-lines list the
 * common codecs in our order of preference, with the format parameters
 * that the rules of each format give (see #GstSipCodec), then
 * telephone-event when both sides have it.  The direction answers the
 * offered one (sendonly gets recvonly, recvonly sendonly, inactive
 * inactive), combined with our own (gst_sip_sdp_negotiator_set_direction()
 * for hold).  When nothing is accepted the answer fails with
 * %GST_SIP_ERROR_NOT_ACCEPTABLE, to be sent as a 488.
 *
 * A connection address of `0.0.0.0` (RFC 2543 hold) is read as a peer that
 * does not receive.  Connection addresses must be IP literals.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-sdp-negotiator-private.h"
#include "sip-codec-private.h"
#include "sip-sdp-crypto-private.h"
#include "sip-enumtypes.h"

GST_DEBUG_CATEGORY_STATIC (sip_sdp_debug);
#define GST_CAT_DEFAULT sip_sdp_debug

#define DIR_SEND 1
#define DIR_RECV 2

/* ---------------------------------------------------------------------- */
/* GstSipSdpStream */

struct _GstSipSdpStream
{
  guint index;
  gchar *media;
  gboolean enabled;
  GstSipMediaDirection direction;
  guint local_port;
  GInetSocketAddress *rtp_address;
  GInetSocketAddress *rtcp_address;
  GstSipCodec *send_codec;
  GList *receive_codecs;
  gint telephone_event_pt;
  guint ptime;
  guint max_bitrate;
  GstSipSdpCrypto *crypto; /* NULL for plain RTP */
};

G_DEFINE_BOXED_TYPE (GstSipSdpStream, gst_sip_sdp_stream,
    gst_sip_sdp_stream_copy, gst_sip_sdp_stream_free);

static gpointer
copy_codec (gconstpointer codec, gpointer user_data)
{
  return gst_sip_codec_copy (codec);
}

static GstSipSdpStream *
stream_new (guint index, const gchar *media)
{
  GstSipSdpStream *stream = g_new0 (GstSipSdpStream, 1);

  stream->index = index;
  stream->media = g_strdup (media);
  stream->direction = GST_SIP_MEDIA_DIRECTION_INACTIVE;
  stream->telephone_event_pt = -1;
  return stream;
}

/**
 * gst_sip_sdp_stream_copy:
 * @stream: a #GstSipSdpStream
 *
 * Returns: (transfer full): a copy of @stream
 *
 * Since: 0.1
 */
GstSipSdpStream *
gst_sip_sdp_stream_copy (const GstSipSdpStream *stream)
{
  GstSipSdpStream *copy;

  g_return_val_if_fail (stream != NULL, NULL);

  copy = g_new0 (GstSipSdpStream, 1);
  *copy = *stream;
  copy->media = g_strdup (stream->media);
  if (stream->rtp_address)
    g_object_ref (stream->rtp_address);
  if (stream->rtcp_address)
    g_object_ref (stream->rtcp_address);
  if (stream->send_codec)
    copy->send_codec = gst_sip_codec_copy (stream->send_codec);
  copy->receive_codecs =
      g_list_copy_deep (stream->receive_codecs, copy_codec, NULL);
  if (stream->crypto)
    copy->crypto = _gst_sip_sdp_crypto_copy (stream->crypto);
  return copy;
}

/**
 * gst_sip_sdp_stream_free:
 * @stream: (transfer full): a #GstSipSdpStream
 *
 * Frees @stream.
 *
 * Since: 0.1
 */
void
gst_sip_sdp_stream_free (GstSipSdpStream *stream)
{
  g_return_if_fail (stream != NULL);

  g_free (stream->media);
  g_clear_object (&stream->rtp_address);
  g_clear_object (&stream->rtcp_address);
  g_clear_pointer (&stream->send_codec, gst_sip_codec_free);
  g_list_free_full (
      stream->receive_codecs, (GDestroyNotify) gst_sip_codec_free);
  g_clear_pointer (&stream->crypto, _gst_sip_sdp_crypto_free);
  g_free (stream);
}

const GstSipSdpCrypto *
_gst_sip_sdp_stream_get_crypto (const GstSipSdpStream *stream)
{
  return stream->crypto;
}

/**
 * gst_sip_sdp_stream_get_index:
 * @stream: a #GstSipSdpStream
 *
 * Returns: the index of the m-line in the session descriptions, from 0
 *
 * Since: 0.1
 */
guint
gst_sip_sdp_stream_get_index (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, 0);

  return stream->index;
}

/**
 * gst_sip_sdp_stream_get_media:
 * @stream: a #GstSipSdpStream
 *
 * Returns: the media type of the m-line, such as `audio`, `video` or, for
 *   a rejected m-line, any type the offer had
 *
 * Since: 0.1
 */
const gchar *
gst_sip_sdp_stream_get_media (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, NULL);

  return stream->media;
}

/**
 * gst_sip_sdp_stream_is_enabled:
 * @stream: a #GstSipSdpStream
 *
 * Returns: %TRUE when both sides accepted the m-line (a port other than 0
 *   on both sides) with a codec in common; %FALSE for a rejected m-line,
 *   whose other fields carry nothing
 *
 * Since: 0.1
 */
gboolean
gst_sip_sdp_stream_is_enabled (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, FALSE);

  return stream->enabled;
}

/**
 * gst_sip_sdp_stream_get_direction:
 * @stream: a #GstSipSdpStream
 *
 * Returns: the direction of the media seen from this endpoint:
 *   %GST_SIP_MEDIA_DIRECTION_SENDONLY means that we send and do not
 *   receive; %GST_SIP_MEDIA_DIRECTION_INACTIVE for a disabled stream
 *
 * Since: 0.1
 */
GstSipMediaDirection
gst_sip_sdp_stream_get_direction (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, GST_SIP_MEDIA_DIRECTION_INACTIVE);

  return stream->direction;
}

/**
 * gst_sip_sdp_stream_get_local_port:
 * @stream: a #GstSipSdpStream
 *
 * Returns: our RTP port for the m-line, 0 when rejected
 *
 * Since: 0.1
 */
guint
gst_sip_sdp_stream_get_local_port (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, 0);

  return stream->local_port;
}

/**
 * gst_sip_sdp_stream_get_remote_rtp_address:
 * @stream: a #GstSipSdpStream
 *
 * Returns: (transfer none) (nullable): where to send RTP: the peer's
 *   connection address (of the m-line, or else of the session) and the port
 *   of its m-line; %NULL for a disabled stream
 *
 * Since: 0.1
 */
GInetSocketAddress *
gst_sip_sdp_stream_get_remote_rtp_address (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, NULL);

  return stream->rtp_address;
}

/**
 * gst_sip_sdp_stream_get_remote_rtcp_address:
 * @stream: a #GstSipSdpStream
 *
 * Returns: (transfer none) (nullable): where to send RTCP: the port and
 *   address of the peer's `a=rtcp` attribute (RFC 3605) when it has one,
 *   otherwise the RTP address with the next port; %NULL for a disabled
 *   stream
 *
 * Since: 0.1
 */
GInetSocketAddress *
gst_sip_sdp_stream_get_remote_rtcp_address (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, NULL);

  return stream->rtcp_address;
}

/**
 * gst_sip_sdp_stream_get_send_codec:
 * @stream: a #GstSipSdpStream
 *
 * The codec to send: the first one in the answer that both sides have,
 * with the payload type and the format parameters of the peer (the payload
 * type of the answer when we offered, that of the offer when we answered).
 *
 * Returns: (transfer none) (nullable): the codec to send, or %NULL for a
 *   disabled stream
 *
 * Since: 0.1
 */
const GstSipCodec *
gst_sip_sdp_stream_get_send_codec (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, NULL);

  return stream->send_codec;
}

/**
 * gst_sip_sdp_stream_get_receive_codecs:
 * @stream: a #GstSipSdpStream
 *
 * The codecs the peer may send: every codec both sides have, with the
 * payload types and format parameters of our description, and the
 * parameters that describe the peer's stream for its decoder (H.264
 * `sprop-parameter-sets`, MPEG-4 `config` and `profile-level-id`).
 * telephone-event is among them when negotiated.
 *
 * Returns: (transfer none) (element-type GstSipCodec): the codecs to
 *   receive, owned by @stream
 *
 * Since: 0.1
 */
GList *
gst_sip_sdp_stream_get_receive_codecs (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, NULL);

  return stream->receive_codecs;
}

/**
 * gst_sip_sdp_stream_get_telephone_event_pt:
 * @stream: a #GstSipSdpStream
 *
 * Returns: the payload type to send telephone-event (RFC 4733 DTMF) with,
 *   as the peer numbered it, or -1 when it was not negotiated
 *
 * Since: 0.1
 */
gint
gst_sip_sdp_stream_get_telephone_event_pt (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, -1);

  return stream->telephone_event_pt;
}

/**
 * gst_sip_sdp_stream_get_ptime:
 * @stream: a #GstSipSdpStream
 *
 * Returns: the packet duration in milliseconds the peer asked for
 *   (`a=ptime`, at most its `a=maxptime`), or 0 when it asked for none
 *
 * Since: 0.1
 */
guint
gst_sip_sdp_stream_get_ptime (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, 0);

  return stream->ptime;
}

/**
 * gst_sip_sdp_stream_get_max_bitrate:
 * @stream: a #GstSipSdpStream
 *
 * Returns: the bandwidth in bits per second the peer allows for the m-line
 *   (`b=TIAS`, or `b=AS` times 1000, of the m-line or else of the session),
 *   or 0 when it gave none
 *
 * Since: 0.1
 */
guint
gst_sip_sdp_stream_get_max_bitrate (const GstSipSdpStream *stream)
{
  g_return_val_if_fail (stream != NULL, 0);

  return stream->max_bitrate;
}

/* ---------------------------------------------------------------------- */
/* GstSipSdpNegotiator */

typedef struct
{
  gchar *media;
  guint port;
  guint ptime;
  GList *templates; /* GstSipCodec: what we handle, in our order */
  gboolean shared_templates; /* templates are the library's shared defaults */
  /* what the next offer lists, with payload types (see
   * get_current_codecs()): computed when needed from m-line current_slot
   * of the last exchange, or else the GstSipCodec list current; neither
   * until an offer or answer gave them */
  gint current_slot;
  GList *current;
  gint slot; /* m-line in the session, -1 when none */
  gboolean declined; /* an answer we gave left it out */
} LocalMedia;

/* the security of an m-line, fixed once it was accepted */
typedef enum
{
  SLOT_SRTP_NONE, /* not accepted yet: #GstSipSdpNegotiator:srtp decides */
  SLOT_SRTP_OFF, /* plain RTP */
  SLOT_SRTP_ON, /* SRTP */
} SlotSrtp;

typedef struct
{
  gchar *media;
  gchar *proto;
  gchar *formats; /* for a rejected m-line */
  gint local; /* LocalMedia index, -1 when none */
  gboolean rejected;
  SlotSrtp srtp;
} Slot;

struct _GstSipSdpNegotiator
{
  GObject parent;

  gchar *local_address;
  GstSipMediaDirection direction;
  GstSipSrtpMode srtp;
  /* new SRTP keys of ours in the next exchange */
  gboolean renew_keys;
  GPtrArray *medias; /* LocalMedia */

  guint64 session_id;
  guint64 version;
  /* the offer we wrote last when it was withdrawn; otherwise the last
   * description we wrote is the pending offer, or else local_text */
  gchar *last_text;

  /* the last complete exchange: its descriptions are kept as text, which
   * takes a fraction of the memory of a GstSDPMessage, for as long as the
   * session lasts; the streams are computed from them when asked for */
  GPtrArray *slots; /* Slot */
  gchar *local_text;
  gchar *remote_text;
  gboolean we_offered;
  /* local_text and remote_text parsed, once the application asked for
   * them, until the next exchange */
  GstSDPMessage *local;
  GstSDPMessage *remote;

  /* our offer, until its answer */
  GstSDPMessage *pending;
  GPtrArray *pending_slots;
};

enum
{
  PROP_0,
  PROP_LOCAL_ADDRESS,
  PROP_DIRECTION,
  PROP_SRTP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_CODE (GstSipSdpNegotiator, gst_sip_sdp_negotiator,
    G_TYPE_OBJECT,
    GST_DEBUG_CATEGORY_INIT (
        sip_sdp_debug, "sipsdp", 0, "SIP SDP offer/answer"));

static GList *get_current_codecs (GstSipSdpNegotiator *self, LocalMedia *lm);

static void
local_media_free (LocalMedia *lm)
{
  g_free (lm->media);
  if (!lm->shared_templates)
    g_list_free_full (lm->templates, (GDestroyNotify) gst_sip_codec_free);
  g_list_free_full (lm->current, (GDestroyNotify) gst_sip_codec_free);
  g_free (lm);
}

static void
slot_free (Slot *slot)
{
  g_free (slot->media);
  g_free (slot->proto);
  g_free (slot->formats);
  g_free (slot);
}

static Slot *
slot_copy (const Slot *slot)
{
  Slot *copy = g_new0 (Slot, 1);

  *copy = *slot;
  copy->media = g_strdup (slot->media);
  copy->proto = g_strdup (slot->proto);
  copy->formats = g_strdup (slot->formats);
  return copy;
}

static GPtrArray *
slots_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
}

static GPtrArray *
slots_copy (GPtrArray *slots)
{
  GPtrArray *copy = slots_new ();
  guint i;

  for (i = 0; i < slots->len; i++)
    g_ptr_array_add (copy, slot_copy (g_ptr_array_index (slots, i)));
  return copy;
}

static void
gst_sip_sdp_negotiator_init (GstSipSdpNegotiator *self)
{
  self->direction = GST_SIP_MEDIA_DIRECTION_SENDRECV;
  self->medias =
      g_ptr_array_new_with_free_func ((GDestroyNotify) local_media_free);
  self->slots = slots_new ();
  self->session_id = (guint64) g_random_int_range (1, G_MAXINT32);
  self->version = self->session_id;
}

static void
gst_sip_sdp_negotiator_finalize (GObject *object)
{
  GstSipSdpNegotiator *self = GST_SIP_SDP_NEGOTIATOR (object);

  g_free (self->local_address);
  g_ptr_array_unref (self->medias);
  _gst_sip_sdp_crypto_free_text (self->last_text);
  g_ptr_array_unref (self->slots);
  _gst_sip_sdp_crypto_free_text (self->local_text);
  _gst_sip_sdp_crypto_free_text (self->remote_text);
  g_clear_pointer (&self->local, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&self->remote, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&self->pending, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&self->pending_slots, g_ptr_array_unref);

  G_OBJECT_CLASS (gst_sip_sdp_negotiator_parent_class)->finalize (object);
}

static void
gst_sip_sdp_negotiator_set_property (
    GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstSipSdpNegotiator *self = GST_SIP_SDP_NEGOTIATOR (object);

  switch (prop_id) {
    case PROP_LOCAL_ADDRESS: {
      const gchar *address = g_value_get_string (value);

      g_free (self->local_address);
      self->local_address = g_strdup (address ? address : "0.0.0.0");
      break;
    }
    case PROP_DIRECTION:
      gst_sip_sdp_negotiator_set_direction (self, g_value_get_enum (value));
      break;
    case PROP_SRTP:
      self->srtp = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_sdp_negotiator_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipSdpNegotiator *self = GST_SIP_SDP_NEGOTIATOR (object);

  switch (prop_id) {
    case PROP_LOCAL_ADDRESS:
      g_value_set_string (value, self->local_address);
      break;
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;
    case PROP_SRTP:
      g_value_set_enum (value, self->srtp);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_sdp_negotiator_class_init (GstSipSdpNegotiatorClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  gobject_class->finalize = gst_sip_sdp_negotiator_finalize;
  gobject_class->set_property = gst_sip_sdp_negotiator_set_property;
  gobject_class->get_property = gst_sip_sdp_negotiator_get_property;

  /**
   * GstSipSdpNegotiator:local-address:
   *
   * The address of our media, an IPv4 or IPv6 address as text, written in
   * the `c=` and `o=` lines.  A change applies to the next offer or
   * answer.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_ADDRESS] =
      g_param_spec_string ("local-address", "Local address",
          "The address of our media, for the c= and o= lines", "0.0.0.0",
          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipSdpNegotiator:direction:
   *
   * The direction we want for every stream: sendonly to put the call on
   * hold, sendrecv to resume it.  A change applies to the next offer or
   * answer.
   *
   * Since: 0.1
   */
  properties[PROP_DIRECTION] = g_param_spec_enum ("direction", "Direction",
      "The direction we want for every stream", GST_TYPE_SIP_MEDIA_DIRECTION,
      GST_SIP_MEDIA_DIRECTION_SENDRECV,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipSdpNegotiator:srtp:
   *
   * Whether the streams use SRTP keyed with `a=crypto` (RFC 4568); see
   * #GstSipSrtpMode and [SRTP](srtp.html).  A change applies to the next
   * offer or answer, for new m-lines: an m-line of the session keeps the
   * security it was accepted with (SRTP or plain RTP), and an offer of
   * the peer that would switch it has that m-line rejected.  With SRTP,
   * the session descriptions hold the keys.
   *
   * Since: 0.1
   */
  properties[PROP_SRTP] = g_param_spec_enum ("srtp", "SRTP",
      "Whether the streams use SRTP (SDES keys)", GST_TYPE_SIP_SRTP_MODE,
      GST_SIP_SRTP_MODE_DISABLED, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (gobject_class, N_PROPS, properties);
}

/**
 * gst_sip_sdp_negotiator_new: (constructor)
 * @local_address: the address of our media, IPv4 or IPv6, as text
 *
 * Creates a negotiator without media; add them with
 * gst_sip_sdp_negotiator_add_media().
 *
 * Returns: (transfer full): a new #GstSipSdpNegotiator
 *
 * Since: 0.1
 */
GstSipSdpNegotiator *
gst_sip_sdp_negotiator_new (const gchar *local_address)
{
  g_return_val_if_fail (local_address != NULL, NULL);

  return g_object_new (
      GST_TYPE_SIP_SDP_NEGOTIATOR, "local-address", local_address, NULL);
}

static LocalMedia *
get_media (GstSipSdpNegotiator *self, guint index)
{
  if (index >= self->medias->len)
    return NULL;
  return g_ptr_array_index (self->medias, index);
}

static GList *
copy_codecs (GList *codecs, const gchar *media)
{
  GList *copy = NULL, *l;

  for (l = codecs; l; l = l->next) {
    const GstSipCodec *codec = l->data;

    if (g_ascii_strcasecmp (gst_sip_codec_get_media (codec), media) != 0) {
      GST_WARNING ("ignoring %s codec %s for %s",
          gst_sip_codec_get_media (codec),
          gst_sip_codec_get_encoding_name (codec), media);
      continue;
    }
    copy = g_list_prepend (copy, gst_sip_codec_copy (codec));
  }
  return g_list_reverse (copy);
}

/* the templates of @lm: copies of @codecs, or the shared defaults of its
 * media when @codecs is NULL (never changed, so shared by every call) */
static void
set_templates (LocalMedia *lm, GList *codecs)
{
  if (!lm->shared_templates)
    g_list_free_full (lm->templates, (GDestroyNotify) gst_sip_codec_free);
  lm->shared_templates = codecs == NULL;
  if (codecs)
    lm->templates = copy_codecs (codecs, lm->media);
  else
    lm->templates = _gst_sip_codec_get_shared_defaults (lm->media);
}

/**
 * gst_sip_sdp_negotiator_add_media:
 * @negotiator: a #GstSipSdpNegotiator
 * @media: `audio` or `video`
 * @port: our RTP port; RTCP uses the next one.  0 offers the m-line
 *   rejected.
 * @codecs: (element-type GstSipCodec) (transfer none) (nullable): the
 *   codecs, in the order of preference, or %NULL for
 *   gst_sip_codec_list_defaults()
 *
 * Adds a local stream.  The next offer carries it, after the m-lines the
 * session has already.  An offer we answer uses it for the first m-line of
 * the same media type that no other stream took.
 *
 * Returns: the index of the media, for gst_sip_sdp_negotiator_set_ptime()
 *   and the like; it is also its m-line when it is offered before any other
 *   negotiation
 *
 * Since: 0.1
 */
guint
gst_sip_sdp_negotiator_add_media (GstSipSdpNegotiator *negotiator,
    const gchar *media, guint port, GList *codecs)
{
  LocalMedia *lm;

  g_return_val_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator), 0);
  g_return_val_if_fail (media != NULL && *media != '\0', 0);
  g_return_val_if_fail (port <= 65535, 0);

  lm = g_new0 (LocalMedia, 1);
  lm->media = g_ascii_strdown (media, -1);
  lm->port = port;
  lm->slot = -1;
  lm->current_slot = -1;
  set_templates (lm, codecs);
  g_ptr_array_add (negotiator->medias, lm);
  return negotiator->medias->len - 1;
}

/**
 * gst_sip_sdp_negotiator_set_media_port:
 * @negotiator: a #GstSipSdpNegotiator
 * @index: the index gst_sip_sdp_negotiator_add_media() returned
 * @port: the new RTP port, or 0 to reject the m-line in the next offer or
 *   answer
 *
 * Changes the port of a local stream; the next offer or answer carries it.
 *
 * Since: 0.1
 */
void
gst_sip_sdp_negotiator_set_media_port (
    GstSipSdpNegotiator *negotiator, guint index, guint port)
{
  LocalMedia *lm;

  g_return_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator));
  g_return_if_fail (port <= 65535);
  lm = get_media (negotiator, index);
  g_return_if_fail (lm != NULL);

  lm->port = port;
}

/* whether the codec @codec (with a payload type) is a configuration of
 * the template @template */
static gboolean
codec_from_template (const GstSipCodec *template, const GstSipCodec *codec)
{
  gchar *fmtp = NULL;
  gboolean ok = _gst_sip_codec_answer (template, codec, &fmtp);

  g_free (fmtp);
  return ok;
}

/* gives @codec a payload type not in @used and marks it there; FALSE when
 * there is none left */
static gboolean
assign_pt (GstSipCodec *codec, gboolean *used)
{
  guint pt = gst_sip_codec_get_payload_type (codec);
  gint static_pt = _gst_sip_codec_get_static_payload_type (codec);

  if (!used[pt] &&
      (pt >= GST_SIP_CODEC_FIRST_DYNAMIC_PT || (gint) pt == static_pt)) {
    used[pt] = TRUE;
    return TRUE;
  }
  if (static_pt >= 0 && !used[static_pt]) {
    gst_sip_codec_set_payload_type (codec, static_pt);
    used[static_pt] = TRUE;
    return TRUE;
  }
  for (pt = GST_SIP_CODEC_FIRST_DYNAMIC_PT; pt <= GST_SIP_CODEC_LAST_DYNAMIC_PT;
       pt++) {
    if (!used[pt]) {
      gst_sip_codec_set_payload_type (codec, pt);
      used[pt] = TRUE;
      return TRUE;
    }
  }
  return FALSE;
}

/* The codecs to offer, in the order of @templates: the configurations in
 * @previous that come from each template, keeping their payload types, or
 * else the template with a payload type that is free (not in @reserved,
 * 128 entries, and not used yet). */
static GList *
build_codecs (GList *templates, GList *previous, const gboolean *reserved)
{
  gboolean used[128];
  GList *result = NULL, *taken = NULL, *t, *p;

  if (reserved)
    memcpy (used, reserved, sizeof (used));
  else
    memset (used, 0, sizeof (used));
  for (p = previous; p; p = p->next)
    used[gst_sip_codec_get_payload_type (p->data)] = TRUE;

  for (t = templates; t; t = t->next) {
    gboolean found = FALSE;

    for (p = previous; p; p = p->next) {
      if (g_list_find (taken, p->data) ||
          !codec_from_template (t->data, p->data))
        continue;
      taken = g_list_prepend (taken, p->data);
      result = g_list_prepend (result, gst_sip_codec_copy (p->data));
      found = TRUE;
    }
    if (!found) {
      GstSipCodec *codec = gst_sip_codec_copy (t->data);

      if (assign_pt (codec, used)) {
        result = g_list_prepend (result, codec);
      } else {
        GST_WARNING ("no payload type left for %s",
            gst_sip_codec_get_encoding_name (codec));
        gst_sip_codec_free (codec);
      }
    }
  }
  g_list_free (taken);
  return g_list_reverse (result);
}

/**
 * gst_sip_sdp_negotiator_set_media_codecs:
 * @negotiator: a #GstSipSdpNegotiator
 * @index: the index gst_sip_sdp_negotiator_add_media() returned
 * @codecs: (element-type GstSipCodec) (transfer none) (nullable): the
 *   codecs, in the order of preference, or %NULL for
 *   gst_sip_codec_list_defaults()
 *
 * Replaces the codecs of a local stream for the next offers and answers.
 * The codecs that were negotiated already keep their payload types.
 *
 * Since: 0.1
 */
void
gst_sip_sdp_negotiator_set_media_codecs (
    GstSipSdpNegotiator *negotiator, guint index, GList *codecs)
{
  LocalMedia *lm;
  GList *previous;

  g_return_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator));
  lm = get_media (negotiator, index);
  g_return_if_fail (lm != NULL);

  /* the codecs of the old templates, before they go */
  previous = get_current_codecs (negotiator, lm);
  set_templates (lm, codecs);

  g_list_free_full (lm->current, (GDestroyNotify) gst_sip_codec_free);
  lm->current = NULL;
  lm->current_slot = -1;
  if (previous) {
    gboolean reserved[128];
    GList *l;

    /* a payload type keeps its meaning for the whole session */
    memset (reserved, 0, sizeof (reserved));
    for (l = previous; l; l = l->next)
      reserved[gst_sip_codec_get_payload_type (l->data)] = TRUE;
    lm->current = build_codecs (lm->templates, previous, reserved);
    g_list_free_full (previous, (GDestroyNotify) gst_sip_codec_free);
  }
}

/**
 * gst_sip_sdp_negotiator_set_ptime:
 * @negotiator: a #GstSipSdpNegotiator
 * @index: the index gst_sip_sdp_negotiator_add_media() returned
 * @ptime: the packet duration in milliseconds we want to receive, or 0 to
 *   write no `a=ptime`
 *
 * Sets the `a=ptime` attribute of a local stream in the next offers and
 * answers.  Without it, none is written.
 *
 * Since: 0.1
 */
void
gst_sip_sdp_negotiator_set_ptime (
    GstSipSdpNegotiator *negotiator, guint index, guint ptime)
{
  LocalMedia *lm;

  g_return_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator));
  lm = get_media (negotiator, index);
  g_return_if_fail (lm != NULL);

  lm->ptime = ptime;
}

/**
 * gst_sip_sdp_negotiator_set_direction:
 * @negotiator: a #GstSipSdpNegotiator
 * @direction: the direction we want for every stream
 *
 * Sets #GstSipSdpNegotiator:direction: %GST_SIP_MEDIA_DIRECTION_SENDONLY
 * puts the call on hold, %GST_SIP_MEDIA_DIRECTION_SENDRECV resumes it.
 * The next offer or answer reflects it.
 *
 * Since: 0.1
 */
void
gst_sip_sdp_negotiator_set_direction (
    GstSipSdpNegotiator *negotiator, GstSipMediaDirection direction)
{
  g_return_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator));
  g_return_if_fail (direction <= GST_SIP_MEDIA_DIRECTION_INACTIVE);

  if (negotiator->direction == direction)
    return;
  negotiator->direction = direction;
  g_object_notify_by_pspec (G_OBJECT (negotiator), properties[PROP_DIRECTION]);
}

/**
 * gst_sip_sdp_negotiator_get_direction:
 * @negotiator: a #GstSipSdpNegotiator
 *
 * Returns: the direction we want, see
 *   gst_sip_sdp_negotiator_set_direction()
 *
 * Since: 0.1
 */
GstSipMediaDirection
gst_sip_sdp_negotiator_get_direction (GstSipSdpNegotiator *negotiator)
{
  g_return_val_if_fail (
      GST_IS_SIP_SDP_NEGOTIATOR (negotiator), GST_SIP_MEDIA_DIRECTION_SENDRECV);

  return negotiator->direction;
}

/* ---------------------------------------------------------------------- */
/* reading SDP */

static guint
direction_flags (GstSipMediaDirection direction)
{
  switch (direction) {
    case GST_SIP_MEDIA_DIRECTION_SENDONLY:
      return DIR_SEND;
    case GST_SIP_MEDIA_DIRECTION_RECVONLY:
      return DIR_RECV;
    case GST_SIP_MEDIA_DIRECTION_INACTIVE:
      return 0;
    default:
      return DIR_SEND | DIR_RECV;
  }
}

static GstSipMediaDirection
direction_from_flags (guint flags)
{
  switch (flags) {
    case DIR_SEND:
      return GST_SIP_MEDIA_DIRECTION_SENDONLY;
    case DIR_RECV:
      return GST_SIP_MEDIA_DIRECTION_RECVONLY;
    case 0:
      return GST_SIP_MEDIA_DIRECTION_INACTIVE;
    default:
      return GST_SIP_MEDIA_DIRECTION_SENDRECV;
  }
}

/* the other side's view */
static guint
reverse_flags (guint flags)
{
  return ((flags & DIR_SEND) ? DIR_RECV : 0) |
      ((flags & DIR_RECV) ? DIR_SEND : 0);
}

static const gchar *
direction_attribute (guint flags)
{
  switch (flags) {
    case DIR_SEND:
      return "sendonly";
    case DIR_RECV:
      return "recvonly";
    case 0:
      return "inactive";
    default:
      return "sendrecv";
  }
}

static gboolean
direction_from_attributes (const GstSDPAttribute *(*get) (gconstpointer, guint),
    gconstpointer owner, guint n, guint *flags)
{
  guint i;

  for (i = 0; i < n; i++) {
    const GstSDPAttribute *attr = get (owner, i);

    if (!attr->key)
      continue;
    if (strcmp (attr->key, "sendrecv") == 0)
      *flags = DIR_SEND | DIR_RECV;
    else if (strcmp (attr->key, "sendonly") == 0)
      *flags = DIR_SEND;
    else if (strcmp (attr->key, "recvonly") == 0)
      *flags = DIR_RECV;
    else if (strcmp (attr->key, "inactive") == 0)
      *flags = 0;
    else
      continue;
    return TRUE;
  }
  return FALSE;
}

static const GstSDPAttribute *
media_attribute (gconstpointer media, guint i)
{
  return gst_sdp_media_get_attribute (media, i);
}

static const GstSDPAttribute *
message_attribute (gconstpointer msg, guint i)
{
  return gst_sdp_message_get_attribute (msg, i);
}

/* the direction the writer of @msg gives @media: that of the m-line, else
 * that of the session, else sendrecv */
static guint
read_direction (const GstSDPMessage *msg, const GstSDPMedia *media)
{
  guint flags = DIR_SEND | DIR_RECV;

  if (!direction_from_attributes (
          media_attribute, media, gst_sdp_media_attributes_len (media), &flags))
    direction_from_attributes (
        message_attribute, msg, gst_sdp_message_attributes_len (msg), &flags);
  return flags;
}

/* the connection address of @media, or of the session */
static const gchar *
read_connection (const GstSDPMessage *msg, const GstSDPMedia *media)
{
  if (gst_sdp_media_connections_len (media) > 0) {
    const GstSDPConnection *c = gst_sdp_media_get_connection (media, 0);

    if (c && c->address && *c->address)
      return c->address;
  }
  if (msg->connection.address && *msg->connection.address)
    return msg->connection.address;
  return NULL;
}

static GInetAddress *
read_address (const GstSDPMessage *msg, const GstSDPMedia *media)
{
  const gchar *text = read_connection (msg, media);

  return text ? g_inet_address_new_from_string (text) : NULL;
}

/* RFC 2543 hold: c=IN IP4 0.0.0.0 */
static gboolean
is_hold_address (GInetAddress *address)
{
  return g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4 &&
      g_inet_address_get_is_any (address);
}

/* the port of an m-line, or -1 when it is not a port */
static gint
read_port (const GstSDPMedia *media)
{
  guint port = gst_sdp_media_get_port (media);

  return port <= 65535 ? (gint) port : -1;
}

static guint
read_uint_attribute (
    const GstSDPMessage *msg, const GstSDPMedia *media, const gchar *name)
{
  const gchar *text = gst_sdp_media_get_attribute_val (media, name);
  guint64 value;

  if (!text && msg)
    text = gst_sdp_message_get_attribute_val (msg, name);
  if (!text)
    return 0;
  while (g_ascii_isspace (*text))
    text++;
  value = g_ascii_strtoull (text, NULL, 10);
  return value > G_MAXUINT ? 0 : (guint) value;
}

static guint
read_bandwidth (guint n, const GstSDPBandwidth *(*get) (gconstpointer, guint),
    gconstpointer owner)
{
  guint i, as = 0;

  for (i = 0; i < n; i++) {
    const GstSDPBandwidth *bw = get (owner, i);

    if (!bw->bwtype)
      continue;
    if (g_ascii_strcasecmp (bw->bwtype, "TIAS") == 0)
      return bw->bandwidth;
    if (g_ascii_strcasecmp (bw->bwtype, "AS") == 0)
      as = bw->bandwidth;
  }
  return as > G_MAXUINT / 1000 ? G_MAXUINT : as * 1000;
}

static const GstSDPBandwidth *
media_bandwidth (gconstpointer media, guint i)
{
  return gst_sdp_media_get_bandwidth (media, i);
}

static const GstSDPBandwidth *
message_bandwidth (gconstpointer msg, guint i)
{
  return gst_sdp_message_get_bandwidth (msg, i);
}

/* the RTCP address of an m-line: a=rtcp (RFC 3605), else the next port */
static GInetSocketAddress *
read_rtcp (const GstSDPMedia *media, GInetAddress *rtp_address, guint port)
{
  const gchar *text = gst_sdp_media_get_attribute_val (media, "rtcp");
  GInetSocketAddress *result = NULL;

  if (text) {
    gchar *value_text = g_strstrip (g_strdup (text));
    gchar **parts = g_strsplit_set (value_text, " \t", -1);
    guint64 value;
    guint i, n = 0;

    g_free (value_text);
    /* "port [nettype addrtype address]", the spaces repeated or not */
    for (i = 0; parts[i]; i++) {
      if (*parts[i])
        parts[n++] = parts[i];
      else
        g_free (parts[i]);
    }
    parts[n] = NULL;
    if (parts[0] &&
        g_ascii_string_to_unsigned (parts[0], 10, 1, 65535, &value, NULL)) {
      GInetAddress *address = NULL;

      if (g_strv_length (parts) >= 4)
        address = g_inet_address_new_from_string (parts[3]);
      result = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (
          address ? address : rtp_address, (guint16) value));
      g_clear_object (&address);
    }
    g_strfreev (parts);
    if (result)
      return result;
  }
  return G_INET_SOCKET_ADDRESS (
      g_inet_socket_address_new (rtp_address, (guint16) MIN (port + 1, 65535)));
}

/* the codecs of an m-line, in its order */
static GList *
read_codecs (const GstSDPMedia *media)
{
  GList *codecs = NULL;
  guint i;

  for (i = 0; i < gst_sdp_media_formats_len (media); i++) {
    GstSipCodec *codec = _gst_sip_codec_new_from_sdp_media (
        media, gst_sdp_media_get_format (media, i));

    if (codec)
      codecs = g_list_prepend (codecs, codec);
  }
  return g_list_reverse (codecs);
}

static GstSipCodec *
find_pt (GList *codecs, guint pt)
{
  GList *l;

  for (l = codecs; l; l = l->next) {
    if (gst_sip_codec_get_payload_type (l->data) == pt)
      return l->data;
  }
  return NULL;
}

/* @sdp as text, in a block of its own size: the text of
 * gst_sdp_message_as_text() keeps the spare room of the string it was
 * built in, and a session keeps its descriptions as long as it lasts */
static gchar *
description_text (const GstSDPMessage *sdp)
{
  gchar *text = gst_sdp_message_as_text (sdp), *copy;

  /* a copy rather than g_realloc(), which would free the keys unwiped */
  copy = g_strdup (text);
  _gst_sip_sdp_crypto_free_text (text);
  return copy;
}

/* a description we kept as text, or NULL */
static GstSDPMessage *
parse_description (const gchar *text)
{
  GstSDPMessage *sdp = NULL;

  if (text && gst_sdp_message_new_from_text (text, &sdp) != GST_SDP_OK)
    g_clear_pointer (&sdp, _gst_sip_sdp_crypto_free_message);
  return sdp;
}

/* The codecs the next offer lists for @lm, with their payload types (a
 * new list; NULL before an exchange gave them): those of our m-line in the
 * last exchange that gave them, in the order of the templates, and the
 * other templates with payload types that neither side used there. */
static GList *
get_current_codecs (GstSipSdpNegotiator *self, LocalMedia *lm)
{
  GstSDPMessage *local, *remote = NULL;
  GList *ours, *current = NULL;
  gboolean reserved[128];
  guint i, index;

  if (lm->current_slot < 0)
    return g_list_copy_deep (lm->current, copy_codec, NULL);

  index = (guint) lm->current_slot;
  memset (reserved, 0, sizeof (reserved));
  if (!self->we_offered)
    remote = parse_description (self->remote_text);
  if (remote && index < gst_sdp_message_medias_len (remote)) {
    const GstSDPMedia *offered = gst_sdp_message_get_media (remote, index);

    /* a payload type of the offer keeps its meaning for the session */
    for (i = 0; i < gst_sdp_media_formats_len (offered); i++) {
      guint64 pt;

      if (g_ascii_string_to_unsigned (
              gst_sdp_media_get_format (offered, i), 10, 0, 127, &pt, NULL))
        reserved[pt] = TRUE;
    }
  }
  local = parse_description (self->local_text);
  if (local && index < gst_sdp_message_medias_len (local)) {
    ours = read_codecs (gst_sdp_message_get_media (local, index));
    current = build_codecs (lm->templates, ours, reserved);
    g_list_free_full (ours, (GDestroyNotify) gst_sip_codec_free);
  }
  g_clear_pointer (&local, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&remote, _gst_sip_sdp_crypto_free_message);
  return current;
}

static gboolean
is_rtp_avp (const GstSDPMedia *media)
{
  const gchar *proto = gst_sdp_media_get_proto (media);

  return proto && g_ascii_strcasecmp (proto, "RTP/AVP") == 0;
}

static const gchar *
media_type (const GstSDPMedia *media)
{
  const gchar *type = gst_sdp_media_get_media (media);

  return type ? type : "";
}

/* ---------------------------------------------------------------------- */
/* the negotiated streams */

/* The stream of m-line @index, from our description @ours and the peer's
 * @theirs of the same m-line; @we_offered tells which one is the offer. */
static GstSipSdpStream *
compute_stream (guint index, const GstSDPMessage *our_msg,
    const GstSDPMedia *ours, const GstSDPMessage *their_msg,
    const GstSDPMedia *theirs, gboolean we_offered)
{
  GstSipSdpStream *stream = stream_new (index, media_type (ours));
  GList *our_codecs = NULL, *their_codecs = NULL, *l, *m;
  GInetAddress *address = NULL;
  gint our_port = read_port (ours), their_port = read_port (theirs);
  guint flags, maxptime;

  stream->local_port = our_port > 0 ? (guint) our_port : 0;
  if (our_port <= 0 || their_port <= 0)
    goto disabled;
  address = read_address (their_msg, theirs);
  if (!address) {
    GST_WARNING ("m-line %u: no usable connection address", index);
    goto disabled;
  }

  our_codecs = read_codecs (ours);
  their_codecs = read_codecs (theirs);

  if (we_offered) {
    /* the answer's order, with its payload types */
    for (l = their_codecs; l; l = l->next) {
      GstSipCodec *answered = l->data, *offered;

      offered = find_pt (our_codecs, gst_sip_codec_get_payload_type (answered));
      if (!offered || !_gst_sip_codec_accepts_answer (offered, answered)) {
        offered = NULL;
        for (m = our_codecs; m; m = m->next) {
          if (_gst_sip_codec_accepts_answer (m->data, answered)) {
            offered = m->data;
            break;
          }
        }
      }
      if (!offered) {
        GST_DEBUG ("m-line %u: ignoring answered %s %u, not offered", index,
            gst_sip_codec_get_encoding_name (answered),
            gst_sip_codec_get_payload_type (answered));
        continue;
      }
      if (gst_sip_codec_is_telephone_event (answered)) {
        if (stream->telephone_event_pt < 0)
          stream->telephone_event_pt =
              gst_sip_codec_get_payload_type (answered);
      } else if (!stream->send_codec) {
        stream->send_codec =
            _gst_sip_codec_for_sending (answered, offered, FALSE);
      }
      if (!find_pt (
              stream->receive_codecs, gst_sip_codec_get_payload_type (offered)))
        stream->receive_codecs = g_list_append (stream->receive_codecs,
            _gst_sip_codec_for_receiving (offered, answered));
    }
  } else {
    /* our answer's order; its payload types are those of the offer */
    for (l = our_codecs; l; l = l->next) {
      GstSipCodec *answered = l->data, *offered;

      offered =
          find_pt (their_codecs, gst_sip_codec_get_payload_type (answered));
      if (!offered || !_gst_sip_codec_same_format (offered, answered))
        continue;
      if (gst_sip_codec_is_telephone_event (answered)) {
        if (stream->telephone_event_pt < 0)
          stream->telephone_event_pt = gst_sip_codec_get_payload_type (offered);
      } else if (!stream->send_codec) {
        stream->send_codec =
            _gst_sip_codec_for_sending (offered, answered, TRUE);
      }
      stream->receive_codecs = g_list_append (stream->receive_codecs,
          _gst_sip_codec_for_receiving (answered, offered));
    }
  }

  if (!stream->send_codec) {
    GST_WARNING ("m-line %u: no codec in common", index);
    goto disabled;
  }

  flags = read_direction (our_msg, ours);
  if (we_offered)
    flags &= reverse_flags (read_direction (their_msg, theirs));
  if (is_hold_address (address))
    flags &= ~DIR_SEND;
  stream->direction = direction_from_flags (flags);
  stream->enabled = TRUE;
  stream->rtp_address = G_INET_SOCKET_ADDRESS (
      g_inet_socket_address_new (address, (guint16) their_port));
  stream->rtcp_address = read_rtcp (theirs, address, (guint) their_port);
  stream->crypto = _gst_sip_sdp_crypto_for_stream (ours, theirs, we_offered);

  stream->ptime = read_uint_attribute (NULL, theirs, "ptime");
  maxptime = read_uint_attribute (NULL, theirs, "maxptime");
  if (maxptime && stream->ptime > maxptime)
    stream->ptime = maxptime;
  stream->max_bitrate = read_bandwidth (
      gst_sdp_media_bandwidths_len (theirs), media_bandwidth, theirs);
  if (!stream->max_bitrate)
    stream->max_bitrate =
        read_bandwidth (gst_sdp_message_bandwidths_len (their_msg),
            message_bandwidth, their_msg);

done:
  g_clear_object (&address);
  g_list_free_full (our_codecs, (GDestroyNotify) gst_sip_codec_free);
  g_list_free_full (their_codecs, (GDestroyNotify) gst_sip_codec_free);
  return stream;

disabled : {
  g_clear_pointer (&stream->send_codec, gst_sip_codec_free);
  g_list_free_full (
      stream->receive_codecs, (GDestroyNotify) gst_sip_codec_free);
  stream->receive_codecs = NULL;
  stream->telephone_event_pt = -1;
  stream->enabled = FALSE;
  stream->direction = GST_SIP_MEDIA_DIRECTION_INACTIVE;
  goto done;
}
}

/* the streams of the exchange of our description @local and the peer's
 * @remote, in m-line order */
static GList *
compute_streams (const GstSDPMessage *local, const GstSDPMessage *remote,
    gboolean we_offered)
{
  GList *streams = NULL;
  guint i, n = gst_sdp_message_medias_len (local);

  for (i = 0; i < n; i++) {
    GstSipSdpStream *stream =
        compute_stream (i, local, gst_sdp_message_get_media (local, i), remote,
            gst_sdp_message_get_media (remote, i), we_offered);

    GST_DEBUG ("m-line %u (%s): %s, direction %d, send %s/%u, te %d", i,
        stream->media, stream->enabled ? "enabled" : "disabled",
        stream->direction,
        stream->send_codec
            ? gst_sip_codec_get_encoding_name (stream->send_codec)
            : "-",
        stream->send_codec ? gst_sip_codec_get_payload_type (stream->send_codec)
                           : 0,
        stream->telephone_event_pt);
    streams = g_list_prepend (streams, stream);
  }
  return g_list_reverse (streams);
}

/* ---------------------------------------------------------------------- */
/* writing SDP */

static gboolean
address_is_ipv6 (const gchar *address)
{
  return strchr (address, ':') != NULL;
}

static GstSDPMessage *
new_description (GstSipSdpNegotiator *self)
{
  GstSDPMessage *sdp;
  const gchar *addrtype = address_is_ipv6 (self->local_address) ? "IP6" : "IP4";

  gst_sdp_message_new (&sdp);
  gst_sdp_message_set_version (sdp, "0");
  gst_sdp_message_set_origin (
      sdp, "-", "0", "0", "IN", addrtype, self->local_address);
  gst_sdp_message_set_session_name (sdp, "-");
  gst_sdp_message_set_connection (
      sdp, "IN", addrtype, self->local_address, 0, 0);
  gst_sdp_message_add_time (sdp, "0", "0", NULL);
  return sdp;
}

/* writes the o= line: the version grows when the description differs
 * from the last one we wrote (RFC 3264 section 8) */
static void
finish_description (GstSipSdpNegotiator *self, GstSDPMessage *sdp)
{
  const GstSDPOrigin *origin = gst_sdp_message_get_origin (sdp);
  gchar *id = g_strdup_printf ("%" G_GUINT64_FORMAT, self->session_id);
  gchar *version, *text, *addrtype, *pending_text = NULL;
  const gchar *previous;

  /* the last description we wrote has the current version: @sdp keeps it
   * when it is the same */
  if (self->pending)
    previous = pending_text = gst_sdp_message_as_text (self->pending);
  else if (self->last_text)
    previous = self->last_text;
  else
    previous = self->local_text;

  addrtype = g_strdup (origin->addrtype);
  version = g_strdup_printf ("%" G_GUINT64_FORMAT, self->version);
  gst_sdp_message_set_origin (
      sdp, "-", id, version, "IN", addrtype, self->local_address);
  g_free (version);
  text = gst_sdp_message_as_text (sdp);
  if (previous && strcmp (text, previous) != 0) {
    self->version++;
    version = g_strdup_printf ("%" G_GUINT64_FORMAT, self->version);
    gst_sdp_message_set_origin (
        sdp, "-", id, version, "IN", addrtype, self->local_address);
    g_free (version);
  }
  _gst_sip_sdp_crypto_free_text (text);
  _gst_sip_sdp_crypto_free_text (pending_text);
  g_free (addrtype);
  g_free (id);
}

static void
add_rejected_media (GstSDPMessage *sdp, const gchar *media, const gchar *proto,
    const gchar *formats)
{
  GstSDPMedia *m;
  gchar **items;
  guint i, n = 0;

  gst_sdp_media_new (&m);
  gst_sdp_media_set_media (m, media && *media ? media : "audio");
  gst_sdp_media_set_port_info (m, 0, 1);
  gst_sdp_media_set_proto (m, proto && *proto ? proto : "RTP/AVP");
  items = g_strsplit (formats ? formats : "", " ", -1);
  for (i = 0; items[i]; i++) {
    if (*items[i]) {
      gst_sdp_media_add_format (m, items[i]);
      n++;
    }
  }
  g_strfreev (items);
  if (n == 0)
    gst_sdp_media_add_format (m, "0");
  gst_sdp_message_add_media (sdp, m);
  gst_sdp_media_free (m);
}

static gchar *
media_formats (const GstSDPMedia *media)
{
  GString *s = g_string_new (NULL);
  gsize len;
  guint i;

  for (i = 0; i < gst_sdp_media_formats_len (media); i++) {
    const gchar *format = gst_sdp_media_get_format (media, i);

    if (!format)
      continue;
    if (s->len)
      g_string_append_c (s, ' ');
    g_string_append (s, format);
  }
  len = s->len;
  /* in a block of its own size: the session keeps it */
  return g_realloc (g_string_free (s, FALSE), len + 1);
}

/* an accepted m-line of ours */
static GstSDPMedia *
new_media (LocalMedia *lm, GList *codecs, guint flags)
{
  GstSDPMedia *m;
  GList *l;

  gst_sdp_media_new (&m);
  gst_sdp_media_set_media (m, lm->media);
  gst_sdp_media_set_port_info (m, lm->port, 1);
  gst_sdp_media_set_proto (m, "RTP/AVP");
  for (l = codecs; l; l = l->next)
    _gst_sip_codec_add_to_sdp_media (l->data, m);
  if (lm->ptime) {
    gchar *text = g_strdup_printf ("%u", lm->ptime);

    gst_sdp_media_add_attribute (m, "ptime", text);
    g_free (text);
  }
  gst_sdp_media_add_attribute (m, direction_attribute (flags), NULL);
  return m;
}

/**
 * gst_sip_sdp_media_has_rtcp_fb:
 * @media: an m-line
 * @type: (nullable): a feedback type with its parameter, such as
 *   `nack pli` or `ccm fir` (compared without case), or %NULL for any
 *
 * Whether @media has an `a=rtcp-fb` line (RFC 4585) of @type, for any of
 * its payload types or for all (`*`): for instance the key frame requests
 * the peer's m-line takes.
 *
 * Returns: %TRUE when @media has such a line
 *
 * Since: 0.1
 */
gboolean
gst_sip_sdp_media_has_rtcp_fb (const GstSDPMedia *media, const gchar *type)
{
  guint i;

  g_return_val_if_fail (media != NULL, FALSE);

  for (i = 0; i < gst_sdp_media_attributes_len (media); i++) {
    const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, i);
    const gchar *value;

    if (g_strcmp0 (a->key, "rtcp-fb") != 0 || !a->value)
      continue;
    if (!type)
      return TRUE;
    value = strchr (a->value, ' ');
    while (value && *value == ' ')
      value++;
    if (value && g_ascii_strcasecmp (value, type) == 0)
      return TRUE;
  }
  return FALSE;
}

/* key frame requests of video (RFC 4585 PLI, RFC 5104 FIR): in offers, and
 * in answers those the offer has */
static void
add_rtcp_fb (GstSDPMedia *m, const GstSDPMedia *offered)
{
  static const gchar *const types[] = { "nack pli", "ccm fir" };
  guint i;

  if (g_ascii_strcasecmp (gst_sdp_media_get_media (m), "video") != 0)
    return;
  for (i = 0; i < G_N_ELEMENTS (types); i++) {
    gchar *value;

    if (offered && !gst_sip_sdp_media_has_rtcp_fb (offered, types[i]))
      continue;
    value = g_strdup_printf ("* %s", types[i]);
    gst_sdp_media_add_attribute (m, "rtcp-fb", value);
    g_free (value);
  }
}

/* the SRTP mode of an m-line: that of the session once it was accepted
 * (SRTP required, or left out), so that neither side can switch it */
static GstSipSrtpMode
slot_mode (GstSipSdpNegotiator *self, const Slot *slot)
{
  switch (slot ? slot->srtp : SLOT_SRTP_NONE) {
    case SLOT_SRTP_ON:
      return GST_SIP_SRTP_MODE_MANDATORY;
    case SLOT_SRTP_OFF:
      return GST_SIP_SRTP_MODE_DISABLED;
    case SLOT_SRTP_NONE:
    default:
      return self->srtp;
  }
}

/* our a=crypto value for m-line @index in the last exchange (@local and
 * @remote parsed), to repeat in the next offer or answer so that the keys
 * stay; NULL for new keys */
static const gchar *
slot_keep (GstSipSdpNegotiator *self, const Slot *slot, guint index,
    const GstSDPMessage *local, const GstSDPMessage *remote)
{
  if (!slot || slot->srtp != SLOT_SRTP_ON || self->renew_keys || !local ||
      !remote || index >= gst_sdp_message_medias_len (local) ||
      index >= gst_sdp_message_medias_len (remote))
    return NULL;
  return _gst_sip_sdp_crypto_current (gst_sdp_message_get_media (local, index),
      gst_sdp_message_get_media (remote, index), self->we_offered);
}

/* the local media an offered m-line @index of type @type goes to, or -1 */
static gint
choose_local (GstSipSdpNegotiator *self, guint index, const gchar *type,
    const gboolean *taken)
{
  guint i;

  if (index < self->slots->len) {
    const Slot *slot = g_ptr_array_index (self->slots, index);

    if (slot->local >= 0 && !taken[slot->local]) {
      LocalMedia *lm = get_media (self, slot->local);

      if (g_ascii_strcasecmp (lm->media, type) == 0)
        return slot->local;
    }
  }
  for (i = 0; i < self->medias->len; i++) {
    LocalMedia *lm = get_media (self, i);

    if (taken[i] || (lm->slot >= 0 && (guint) lm->slot != index))
      continue;
    if (g_ascii_strcasecmp (lm->media, type) == 0)
      return i;
  }
  return -1;
}

/* ---------------------------------------------------------------------- */
/* offer */

/**
 * gst_sip_sdp_negotiator_create_offer:
 * @negotiator: a #GstSipSdpNegotiator
 * @error: return location for a #GError, or %NULL
 *
 * Writes an offer with the media of the session and those added since the
 * last exchange.  The offer is pending until
 * gst_sip_sdp_negotiator_set_answer() or gst_sip_sdp_negotiator_cancel_offer();
 * calling this function again meanwhile replaces it.
 *
 * Returns: (transfer full) (nullable): the offer, or %NULL with @error set
 *   to %GST_SIP_ERROR_INVALID_STATE when there is no media to offer
 *
 * Since: 0.1
 */
GstSDPMessage *
gst_sip_sdp_negotiator_create_offer (
    GstSipSdpNegotiator *negotiator, GError **error)
{
  GstSipSdpNegotiator *self = negotiator;
  GstSDPMessage *sdp, *copy, *local, *remote;
  GPtrArray *slots;
  guint i, flags;

  g_return_val_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  slots = slots_copy (self->slots);
  for (i = 0; i < self->medias->len; i++) {
    LocalMedia *lm = get_media (self, i);
    Slot *slot;

    if (lm->slot >= 0 || lm->declined)
      continue;
    slot = g_new0 (Slot, 1);
    slot->media = g_strdup (lm->media);
    slot->proto = g_strdup ("RTP/AVP");
    slot->local = i;
    g_ptr_array_add (slots, slot);
  }
  if (slots->len == 0)
    goto no_media;

  flags = direction_flags (self->direction);
  local = parse_description (self->local_text);
  remote = parse_description (self->remote_text);
  sdp = new_description (self);
  for (i = 0; i < slots->len; i++) {
    Slot *slot = g_ptr_array_index (slots, i);
    LocalMedia *lm = slot->local >= 0 ? get_media (self, slot->local) : NULL;
    GList *codecs = NULL;
    GstSDPMedia *m;
    gboolean savp;

    if (lm && !slot->rejected && lm->port) {
      GList *current = get_current_codecs (self, lm);

      codecs = build_codecs (lm->templates, current, NULL);
      g_list_free_full (current, (GDestroyNotify) gst_sip_codec_free);
    }
    if (!codecs) {
      if (lm && !slot->formats) {
        /* nothing to offer on a new m-line: reject it, with the formats
         * we would have */
        GList *all = build_codecs (lm->templates, NULL, NULL), *l;
        GString *s = g_string_new (NULL);

        for (l = all; l; l = l->next)
          g_string_append_printf (s, "%s%u", s->len ? " " : "",
              gst_sip_codec_get_payload_type (l->data));
        slot->formats = g_string_free (s, FALSE);
        g_list_free_full (all, (GDestroyNotify) gst_sip_codec_free);
      }
      add_rejected_media (sdp, slot->media, slot->proto, slot->formats);
      continue;
    }
    m = new_media (lm, codecs, flags);
    add_rtcp_fb (m, NULL);
    /* an m-line with SRTP keeps its transport */
    if (slot->srtp == SLOT_SRTP_ON && local &&
        i < gst_sdp_message_medias_len (local))
      savp = _gst_sip_sdp_crypto_is_savp (gst_sdp_message_get_media (local, i));
    else
      savp = self->srtp == GST_SIP_SRTP_MODE_MANDATORY;
    _gst_sip_sdp_crypto_offer (slot_mode (self, slot), savp,
        slot_keep (self, slot, i, local, remote), m);
    g_free (slot->formats);
    slot->formats = media_formats (m);
    gst_sdp_message_add_media (sdp, m);
    gst_sdp_media_free (m);
    g_list_free_full (codecs, (GDestroyNotify) gst_sip_codec_free);
  }
  finish_description (self, sdp);
  g_clear_pointer (&local, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&remote, _gst_sip_sdp_crypto_free_message);

  g_clear_pointer (&self->pending, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&self->pending_slots, g_ptr_array_unref);
  self->pending = sdp;
  self->pending_slots = slots;

  gst_sdp_message_copy (sdp, &copy);
  return copy;

  /* ERRORS */
no_media : {
  g_ptr_array_unref (slots);
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
      _ ("There is no media to offer"));
  return NULL;
}
}

/**
 * gst_sip_sdp_negotiator_has_pending_offer:
 * @negotiator: a #GstSipSdpNegotiator
 *
 * Returns: %TRUE when an offer of ours waits for its answer
 *
 * Since: 0.1
 */
gboolean
gst_sip_sdp_negotiator_has_pending_offer (GstSipSdpNegotiator *negotiator)
{
  g_return_val_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator), FALSE);

  return negotiator->pending != NULL;
}

/**
 * gst_sip_sdp_negotiator_cancel_offer:
 * @negotiator: a #GstSipSdpNegotiator
 *
 * Forgets the pending offer, when it was refused (488, or 491 for glare)
 * or its request failed: the session goes back to the last complete
 * exchange.  Does nothing without a pending offer.
 *
 * Since: 0.1
 */
void
gst_sip_sdp_negotiator_cancel_offer (GstSipSdpNegotiator *negotiator)
{
  g_return_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator));

  if (negotiator->pending) {
    GST_DEBUG_OBJECT (negotiator, "offer withdrawn");
    /* still the last description we wrote */
    _gst_sip_sdp_crypto_free_text (negotiator->last_text);
    negotiator->last_text = description_text (negotiator->pending);
  }
  g_clear_pointer (&negotiator->pending, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&negotiator->pending_slots, g_ptr_array_unref);
}

/**
 * gst_sip_sdp_negotiator_renew_keys:
 * @negotiator: a #GstSipSdpNegotiator
 *
 * Asks for new SRTP keys of ours in the next offer or answer.  Otherwise
 * the m-lines that run SRTP repeat our current `a=crypto` line (same tag,
 * suite and key, RFC 4568 section 7.1.4) as long as the suite stays the
 * same, so that session refreshes and hold do not rekey the session; keys
 * the peer changes are taken in any case.  The request holds until an
 * exchange completes.  Does nothing for plain RTP.
 *
 * Since: 0.1
 */
void
gst_sip_sdp_negotiator_renew_keys (GstSipSdpNegotiator *negotiator)
{
  g_return_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator));

  negotiator->renew_keys = TRUE;
}

/* after an exchange: the m-lines of the session, and for each local
 * media, its m-line and the codecs of our description */
static void
commit_slots (GstSipSdpNegotiator *self, GPtrArray *slots,
    const GstSDPMessage *local, const GstSDPMessage *remote,
    gboolean we_offered)
{
  guint i;

  for (i = 0; i < self->medias->len; i++) {
    LocalMedia *lm = get_media (self, i);

    /* the codecs computed from the last exchange, which this one replaces:
     * kept as a list for the media whose codecs it leaves as they were */
    if (lm->current_slot >= 0) {
      lm->current = get_current_codecs (self, lm);
      lm->current_slot = -1;
    }
    lm->slot = -1;
  }

  for (i = 0; i < slots->len; i++) {
    Slot *slot = g_ptr_array_index (slots, i);
    const GstSDPMedia *ours = gst_sdp_message_get_media (local, i);
    const GstSDPMedia *theirs = gst_sdp_message_get_media (remote, i);
    LocalMedia *lm;
    GList *codecs;

    slot->rejected = read_port (ours) <= 0 || read_port (theirs) <= 0;
    /* an accepted m-line keeps its security for the session */
    if (slot->rejected)
      slot->srtp = SLOT_SRTP_NONE;
    else if (_gst_sip_sdp_crypto_current (ours, theirs, we_offered))
      slot->srtp = SLOT_SRTP_ON;
    else
      slot->srtp = SLOT_SRTP_OFF;
    if (slot->local < 0)
      continue;
    lm = get_media (self, slot->local);
    lm->slot = i;
    lm->declined = FALSE;
    if (read_port (ours) <= 0)
      continue;
    codecs = read_codecs (ours);
    if (codecs) {
      /* computed again from our description when needed */
      g_list_free_full (lm->current, (GDestroyNotify) gst_sip_codec_free);
      lm->current = NULL;
      lm->current_slot = i;
      g_list_free_full (codecs, (GDestroyNotify) gst_sip_codec_free);
    }
  }
  g_ptr_array_unref (self->slots);
  self->slots = g_ptr_array_ref (slots);
}

/* keeps the descriptions of a complete exchange */
static void
commit_descriptions (GstSipSdpNegotiator *self, const GstSDPMessage *local,
    const GstSDPMessage *remote, gboolean we_offered)
{
  g_clear_pointer (&self->local, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&self->remote, _gst_sip_sdp_crypto_free_message);
  _gst_sip_sdp_crypto_free_text (self->local_text);
  _gst_sip_sdp_crypto_free_text (self->remote_text);
  self->local_text = description_text (local);
  self->remote_text = description_text (remote);
  /* the last description we wrote is local_text again */
  g_clear_pointer (&self->last_text, _gst_sip_sdp_crypto_free_text);
  self->we_offered = we_offered;
  self->renew_keys = FALSE;
}

/**
 * gst_sip_sdp_negotiator_set_answer:
 * @negotiator: a #GstSipSdpNegotiator
 * @answer: the answer to our pending offer
 * @error: return location for a #GError, or %NULL
 *
 * Completes the exchange of our pending offer.  The answer must have the
 * m-lines of the offer, in the same order and of the same media types;
 * answered codecs that were not offered are ignored, and an m-line left
 * without a codec in common is disabled.
 *
 * On error the offer is withdrawn as by
 * gst_sip_sdp_negotiator_cancel_offer().
 *
 * Returns: %TRUE when the answer was taken; %FALSE with @error set to
 *   %GST_SIP_ERROR_INVALID_STATE without a pending offer, or to
 *   %GST_SIP_ERROR_PARSE when @answer does not answer it
 *
 * Since: 0.1
 */
gboolean
gst_sip_sdp_negotiator_set_answer (GstSipSdpNegotiator *negotiator,
    const GstSDPMessage *answer, GError **error)
{
  GstSipSdpNegotiator *self = negotiator;
  guint i, n;

  g_return_val_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator), FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->pending)
    goto no_offer;
  n = gst_sdp_message_medias_len (self->pending);
  if (gst_sdp_message_medias_len (answer) != n)
    goto wrong_count;
  for (i = 0; i < n; i++) {
    const GstSDPMedia *offered = gst_sdp_message_get_media (self->pending, i);
    const GstSDPMedia *answered = gst_sdp_message_get_media (answer, i);

    if (g_ascii_strcasecmp (media_type (offered), media_type (answered)) != 0)
      goto wrong_media;
  }
  for (i = 0; i < n; i++) {
    const Slot *slot = g_ptr_array_index (self->pending_slots, i);

    if (!_gst_sip_sdp_crypto_check_answer (slot_mode (self, slot),
            gst_sdp_message_get_media (self->pending, i),
            gst_sdp_message_get_media (answer, i), i, error)) {
      gst_sip_sdp_negotiator_cancel_offer (self);
      return FALSE;
    }
  }

  commit_slots (self, self->pending_slots, self->pending, answer, TRUE);
  commit_descriptions (self, self->pending, answer, TRUE);
  g_clear_pointer (&self->pending, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&self->pending_slots, g_ptr_array_unref);
  return TRUE;

  /* ERRORS */
no_offer : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
      _ ("There is no offer to answer"));
  return FALSE;
}
wrong_count : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
      _ ("The answer has %u media lines; the offer has %u"),
      gst_sdp_message_medias_len (answer), n);
  gst_sip_sdp_negotiator_cancel_offer (self);
  return FALSE;
}
wrong_media : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_PARSE,
      _ ("Media line %u of the answer is not of the offered type"), i);
  gst_sip_sdp_negotiator_cancel_offer (self);
  return FALSE;
}
}

/* ---------------------------------------------------------------------- */
/* answer */

/* our answer to the offered m-line @offered of @offer for the local media
 * @lm, with SRTP as @mode requires and the a=crypto value @keep to repeat
 * (see slot_keep()), or NULL to reject it */
static GstSDPMedia *
answer_media (GstSipSdpNegotiator *self, const GstSDPMessage *offer,
    const GstSDPMedia *offered, guint index, LocalMedia *lm,
    GstSipSrtpMode mode, const gchar *keep)
{
  GList *offered_codecs, *answer = NULL, *t, *o;
  gboolean used[128];
  GInetAddress *address;
  GstSDPMedia *m = NULL;
  guint flags, i, rate = 0;

  if (read_port (offered) <= 0) {
    GST_DEBUG ("m-line %u: port 0 in the offer", index);
    return NULL;
  }
  if (!lm || lm->port == 0) {
    GST_DEBUG ("m-line %u: no local %s stream", index, media_type (offered));
    return NULL;
  }
  if (!is_rtp_avp (offered) && !_gst_sip_sdp_crypto_is_savp (offered)) {
    GST_DEBUG ("m-line %u: transport %s not supported", index,
        GST_STR_NULL (gst_sdp_media_get_proto (offered)));
    return NULL;
  }
  address = read_address (offer, offered);
  if (!address) {
    GST_DEBUG ("m-line %u: no usable connection address", index);
    return NULL;
  }

  /* the common codecs in our order, with the offered payload types */
  memset (used, 0, sizeof (used));
  offered_codecs = read_codecs (offered);
  for (t = lm->templates; t; t = t->next) {
    if (gst_sip_codec_is_telephone_event (t->data))
      continue;
    for (o = offered_codecs; o; o = o->next) {
      GstSipCodec *codec = o->data;
      guint pt = gst_sip_codec_get_payload_type (codec);
      gchar *fmtp = NULL;

      if (used[pt] || gst_sip_codec_is_telephone_event (codec) ||
          !_gst_sip_codec_answer (t->data, codec, &fmtp))
        continue;
      used[pt] = TRUE;
      codec = gst_sip_codec_copy (codec);
      gst_sip_codec_set_fmtp (codec, fmtp);
      g_free (fmtp);
      answer = g_list_append (answer, codec);
      if (!rate)
        rate = gst_sip_codec_get_clock_rate (codec);
    }
  }
  if (!answer) {
    for (o = offered_codecs; o; o = o->next)
      GST_DEBUG ("m-line %u: declining %s/%u (pt %u)", index,
          gst_sip_codec_get_encoding_name (o->data),
          gst_sip_codec_get_clock_rate (o->data),
          gst_sip_codec_get_payload_type (o->data));
    GST_DEBUG ("m-line %u: no codec in common", index);
    goto done;
  }

  /* telephone-event, at the rate of the first codec if possible */
  for (i = 0; i < 2; i++) {
    GstSipCodec *te = NULL;

    for (t = lm->templates; t && !te; t = t->next) {
      if (!gst_sip_codec_is_telephone_event (t->data))
        continue;
      for (o = offered_codecs; o && !te; o = o->next) {
        gchar *fmtp = NULL;

        if (!gst_sip_codec_is_telephone_event (o->data) ||
            (i == 0 && gst_sip_codec_get_clock_rate (o->data) != rate) ||
            !_gst_sip_codec_answer (t->data, o->data, &fmtp))
          continue;
        te = gst_sip_codec_copy (o->data);
        gst_sip_codec_set_fmtp (te, fmtp);
        g_free (fmtp);
      }
    }
    if (te) {
      answer = g_list_append (answer, te);
      break;
    }
  }

  flags = read_direction (offer, offered);
  if (is_hold_address (address))
    flags &= ~DIR_RECV;
  flags = reverse_flags (flags) & direction_flags (self->direction);
  m = new_media (lm, answer, flags);
  add_rtcp_fb (m, offered);

  /* the offer's limits hold for both directions */
  for (i = 0; i < gst_sdp_media_bandwidths_len (offered); i++) {
    const GstSDPBandwidth *bw = gst_sdp_media_get_bandwidth (offered, i);

    if (bw->bwtype &&
        (g_ascii_strcasecmp (bw->bwtype, "AS") == 0 ||
            g_ascii_strcasecmp (bw->bwtype, "TIAS") == 0))
      gst_sdp_media_add_bandwidth (m, bw->bwtype, bw->bandwidth);
  }
  if (!_gst_sip_sdp_crypto_answer (mode, keep, offered, m)) {
    GST_DEBUG ("m-line %u: no SRTP in common", index);
    g_clear_pointer (&m, gst_sdp_media_free);
  }

done:
  g_object_unref (address);
  g_list_free_full (offered_codecs, (GDestroyNotify) gst_sip_codec_free);
  g_list_free_full (answer, (GDestroyNotify) gst_sip_codec_free);
  return m;
}

/**
 * gst_sip_sdp_negotiator_create_answer:
 * @negotiator: a #GstSipSdpNegotiator
 * @offer: the peer's offer
 * @error: return location for a #GError, or %NULL
 *
 * Answers @offer and completes the exchange: the answer has the m-lines of
 * the offer, with port 0 for those rejected, and the offered payload type
 * numbers.  The session is left as it was when this function fails.
 *
 * Returns: (transfer full) (nullable): the answer, or %NULL with @error set
 *   to %GST_SIP_ERROR_NOT_ACCEPTABLE when no m-line can be accepted (answer
 *   with a 488) or the offer removes m-lines of the session, or to
 *   %GST_SIP_ERROR_INVALID_STATE while an offer of ours is pending
 *
 * Since: 0.1
 */
GstSDPMessage *
gst_sip_sdp_negotiator_create_answer (
    GstSipSdpNegotiator *negotiator, const GstSDPMessage *offer, GError **error)
{
  GstSipSdpNegotiator *self = negotiator;
  GstSDPMessage *sdp = NULL, *local = NULL, *remote = NULL;
  GPtrArray *slots = NULL;
  gboolean *taken = NULL;
  guint i, n, accepted = 0;

  g_return_val_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator), NULL);
  g_return_val_if_fail (offer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->pending)
    goto pending;
  n = gst_sdp_message_medias_len (offer);
  if (n == 0)
    goto not_acceptable;
  if (n < self->slots->len)
    goto fewer_media;

  taken = g_new0 (gboolean, self->medias->len + 1);
  slots = slots_new ();
  local = parse_description (self->local_text);
  remote = parse_description (self->remote_text);
  sdp = new_description (self);
  for (i = 0; i < n; i++) {
    const GstSDPMedia *offered = gst_sdp_message_get_media (offer, i);
    const gchar *type = media_type (offered);
    gint index = choose_local (self, i, type, taken);
    const Slot *old =
        i < self->slots->len ? g_ptr_array_index (self->slots, i) : NULL;
    Slot *slot = g_new0 (Slot, 1);
    GstSDPMedia *m;

    slot->media = g_strdup (type);
    slot->proto = g_strdup (gst_sdp_media_get_proto (offered));
    slot->formats = media_formats (offered);
    slot->local = -1;
    g_ptr_array_add (slots, slot);

    m = answer_media (self, offer, offered, i,
        index >= 0 ? get_media (self, index) : NULL, slot_mode (self, old),
        slot_keep (self, old, i, local, remote));
    if (!m) {
      add_rejected_media (sdp, type, slot->proto, slot->formats);
      continue;
    }
    slot->local = index;
    taken[index] = TRUE;
    gst_sdp_message_add_media (sdp, m);
    gst_sdp_media_free (m);
    accepted++;
  }
  g_clear_pointer (&local, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&remote, _gst_sip_sdp_crypto_free_message);
  if (accepted == 0)
    goto not_acceptable;

  finish_description (self, sdp);
  commit_slots (self, slots, sdp, offer, FALSE);
  commit_descriptions (self, sdp, offer, FALSE);
  for (i = 0; i < self->medias->len; i++) {
    LocalMedia *lm = get_media (self, i);

    /* left out of the session: not offered later on our own */
    if (lm->slot < 0)
      lm->declined = TRUE;
  }

  g_ptr_array_unref (slots);
  g_free (taken);
  return sdp;

  /* ERRORS */
pending : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_INVALID_STATE,
      _ ("An offer of ours is waiting for its answer"));
  return NULL;
}
fewer_media : {
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE,
      _ ("The offer has %u media lines; the session has %u"), n,
      self->slots->len);
  return NULL;
}
not_acceptable : {
  g_clear_pointer (&sdp, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&slots, g_ptr_array_unref);
  g_free (taken);
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE,
      _ ("The offer has no media or codec in common with ours"));
  return NULL;
}
}

/* ---------------------------------------------------------------------- */
/* results */

/**
 * gst_sip_sdp_negotiator_get_local_description:
 * @negotiator: a #GstSipSdpNegotiator
 *
 * Returns: (transfer none) (nullable): our pending offer, or else our side
 *   of the last complete exchange (offer or answer), or %NULL before the
 *   first offer or answer
 *
 * Since: 0.1
 */
const GstSDPMessage *
gst_sip_sdp_negotiator_get_local_description (GstSipSdpNegotiator *negotiator)
{
  g_return_val_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator), NULL);

  if (negotiator->pending)
    return negotiator->pending;
  if (!negotiator->local)
    negotiator->local = parse_description (negotiator->local_text);
  return negotiator->local;
}

/**
 * gst_sip_sdp_negotiator_get_remote_description:
 * @negotiator: a #GstSipSdpNegotiator
 *
 * Returns: (transfer none) (nullable): the peer's side of the last complete
 *   exchange (its offer or its answer), or %NULL before the first one
 *
 * Since: 0.1
 */
const GstSDPMessage *
gst_sip_sdp_negotiator_get_remote_description (GstSipSdpNegotiator *negotiator)
{
  g_return_val_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator), NULL);

  if (!negotiator->remote)
    negotiator->remote = parse_description (negotiator->remote_text);
  return negotiator->remote;
}

gboolean
_gst_sip_sdp_negotiator_has_remote_description (GstSipSdpNegotiator *negotiator)
{
  return negotiator->remote_text != NULL;
}

GstSDPMessage *
_gst_sip_sdp_negotiator_copy_local_description (GstSipSdpNegotiator *negotiator)
{
  GstSDPMessage *copy;

  if (negotiator->pending) {
    gst_sdp_message_copy (negotiator->pending, &copy);
    return copy;
  }
  return parse_description (negotiator->local_text);
}

/**
 * gst_sip_sdp_negotiator_get_streams:
 * @negotiator: a #GstSipSdpNegotiator
 *
 * The result of the last complete exchange, one #GstSipSdpStream per
 * m-line, rejected ones included (see gst_sip_sdp_stream_is_enabled()).
 * A pending offer does not change it.
 *
 * Returns: (transfer full) (element-type GstSipSdpStream): the streams in
 *   m-line order, empty before the first complete exchange; free with
 *   `g_list_free_full (list, (GDestroyNotify) gst_sip_sdp_stream_free)`
 *
 * Since: 0.1
 */
GList *
gst_sip_sdp_negotiator_get_streams (GstSipSdpNegotiator *negotiator)
{
  GstSDPMessage *local, *remote;
  GList *list = NULL;

  g_return_val_if_fail (GST_IS_SIP_SDP_NEGOTIATOR (negotiator), NULL);

  local = parse_description (negotiator->local_text);
  remote = parse_description (negotiator->remote_text);
  if (local && remote)
    list = compute_streams (local, remote, negotiator->we_offered);
  g_clear_pointer (&local, _gst_sip_sdp_crypto_free_message);
  g_clear_pointer (&remote, _gst_sip_sdp_crypto_free_message);
  return list;
}
