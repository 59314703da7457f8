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
 * SECTION:element-sipcallbin
 * @title: sipcallbin
 * @see_also: rtpbin, #GstSipCall, #GstSipUserAgent
 *
 * sipcallbin places or takes one SIP call and carries its audio and video
 * over RTP.  It runs a #GstSipUserAgent on a signalling thread of its own
 * (started on NULL to READY, stopped on READY to NULL) and builds the media
 * side from the negotiated SDP: for each stream, a pair of even/odd UDP
 * sockets bound before the offer or answer is written (from
 * #GstSipCallBin:rtp-port-range), a udpsrc and a udpsink sharing each
 * socket (symmetric RTP), an rtpbin session with a jitterbuffer of
 * #GstSipCallBin:latency milliseconds, and the payloaders, depayloaders,
 * encoders and decoders of the negotiated codecs.
 *
 * ## Pads
 *
 * The request sink pads `audio_sink` and `video_sink` take raw media,
 * which the bin converts, scales and encodes with the negotiated codec
 * (x264enc or openh264enc for H.264, avenc_h263 at CIF or QCIF for H.263,
 * avenc_h263p, avenc_mpeg4, mulawenc, alawenc, amrnbenc), or an encoded
 * stream, which goes to the payloader untouched and limits the offer to its
 * format.  A stream is offered only when its sink pad was requested, or,
 * when no sink pad was requested at all, both are offered receive-only.
 *
 * The sometimes source pads `audio_src_%u` and `video_src_%u` give what the
 * peer sends: depayloaded, parsed and timestamped, or raw media with
 * #GstSipCallBin:decode.  `no-more-pads` is emitted once every stream the
 * peer sends has its pad.
 *
 * ## Payload formats
 *
 * AMR is offered in both modes of RFC 4867: octet-aligned (rtpamrpay) and
 * bandwidth-efficient, with rtpamrpay2 when it is installed and otherwise
 * with this plugin's sipamrbepay and sipamrbedepay (AMR-NB only); an
 * answer takes the mode of the offer.  H.264 is offered in packetization
 * mode 1 and, when the bin only receives or encodes with x264enc, in mode 0
 * too (payload type 102): x264enc then slices its pictures to fit in a
 * packet, and rtph264pay neither aggregates nor fragments (the NAL units of
 * an encoded input go whole, the large ones in IP fragments).  Parameter
 * sets go in band before every key frame and, for an encoded input in the
 * avc stream format with codec_data, in the `sprop-parameter-sets` and
 * `profile-level-id` of the SDP.
 *
 * Video offers and answers have `a=rtcp-fb:* nack pli` and
 * `a=rtcp-fb:* ccm fir`.  The receiver asks for a key frame when a stream
 * starts and when its depayloader or decoder needs one (an upstream
 * GstForceKeyUnit event on the source pad does the same): with FIR when the
 * peer has it, otherwise with PLI, at once in the AVPF profile when the
 * peer has a=rtcp-fb.  A request of the peer makes the encoder, in the bin
 * or upstream of an encoded input, give a key frame.
 *
 * ## Calls
 *
 * With #GstSipCallBin:remote-uri set, the bin dials when it goes to
 * PLAYING; the `dial` action signal dials later.  An incoming call is
 * announced with #GstSipCallBin::incoming-call and answered at once with
 * #GstSipCallBin:auto-answer, or with the `answer` and `reject` action
 * signals.  `hangup` ends the call, `hold` puts it on hold and resumes it
 * (the media are relinked, not rebuilt), `send-dtmf` sends telephone-events
 * (RFC 4733) or, when the peer has none, SIP INFO.
 *
 * ## SRTP
 *
 * With #GstSipCallBin:srtp, the media are protected with SRTP keyed by
 * `a=crypto` lines (RFC 4568): the rtpbin gets an srtpenc and an srtpdec
 * per stream (its request-rtp-encoder and request-rtp-decoder signals), and
 * a re-INVITE that changes a key (the peer's new keys) gives it to them
 * without rebuilding anything; re-INVITEs keep our keys (RFC 4568 section
 * 7.1.4), and a stream keeps SRTP, or plain RTP, for the whole call.  The
 * `get-stats` structure of a protected stream has `srtp-suite` and
 * `srtp-packets-dropped` (packets srtpdec refused: forged, replayed, or
 * plain RTP).  The keys are in #GstSipCallBin:local-description and
 * #GstSipCallBin:remote-description, and GStreamer shows srtpenc's key
 * in its caps: `gst-launch-1.0 -v`, pipeline graphs and `GST_DEBUG` caps
 * logging print it.
 *
 * ## Messages
 *
 * Every change of #GstSipCallBin:call-state is posted as an element message
 * named `sip-call-state` with the fields `state` (#GstSipCallState),
 * `status-code` (guint) and `reason` (string).  Registration, the INVITE
 * and the hang-up are reported with progress messages (codes `register`,
 * `invite` and `hangup`): `start`, then `complete`, `error` (a refusal or
 * a failure), or `canceled` (a hang-up before the answer, or the bin
 * stopping before the registrar answered).  A peer that cannot be reached,
 * refused credentials and the lack of a common codec are errors.  A codec left
 * out of an offer or answer because an element it needs is not installed gives
 * a missing-plugin message, with a `sip-reason` field telling which codec
 * was dropped.
 *
 * ## Example launch lines
 *
 * The callee, with audio and video, on port 5070:
 * |[
 * gst-launch-1.0 sipcallbin name=bob sip-port=5070 \
 *     auto-answer=true decode=true \
 *     audiotestsrc is-live=true ! bob.audio_sink \
 *     videotestsrc is-live=true ! bob.video_sink \
 *     bob.audio_src_0 ! queue ! audioconvert ! autoaudiosink \
 *     bob.video_src_0 ! queue ! videoconvert ! autovideosink
 * ]| Waits for a call and answers it, sending a test tone and a test
 * picture, playing what the caller sends.
 * |[
 * gst-launch-1.0 sipcallbin name=alice sip-port=0 decode=true \
 *     remote-uri=sip:bob@127.0.0.1:5070 \
 *     audiotestsrc is-live=true wave=ticks ! alice.audio_sink \
 *     videotestsrc is-live=true pattern=ball ! alice.video_sink \
 *     alice.audio_src_0 ! queue ! audioconvert ! autoaudiosink \
 *     alice.video_src_0 ! queue ! videoconvert ! autovideosink
 * ]| Calls bob, with audio and video both ways.
 * |[
 * gst-launch-1.0 sipcallbin name=alice sip-port=0 codecs=H263,PCMA \
 *     remote-uri=sip:bob@127.0.0.1:5070 \
 *     audiotestsrc is-live=true ! alice.audio_sink \
 *     videotestsrc is-live=true ! video/x-raw,width=352,height=288 ! \
 *     avenc_h263 ! alice.video_sink \
 *     alice.audio_src_0 ! fakesink alice.video_src_0 ! fakesink
 * ]| Sends H.263 that an encoder upstream made (RFC 2190), which limits
 * the offer to H.263, and receives the streams without decoding them.
 *
 * `gst-play-1.0 sip:bob@127.0.0.1:5070` calls bob receive-only: the bin
 * handles `sip:` and `sips:` URIs.
 *
 * Since: 0.1
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gst/pbutils/pbutils.h>
#include <sip/sip.h>

#include "gstsipcallbin.h"
#include "gstsipmedia.h"
#include "gstsipcodecmap.h"

GST_DEBUG_CATEGORY (gst_sip_call_bin_debug);
#define GST_CAT_DEFAULT gst_sip_call_bin_debug

#define DEFAULT_REMOTE_URI NULL
#define DEFAULT_LOCAL_URI NULL
#define DEFAULT_TRANSPORT GST_SIP_TRANSPORT_PROTOCOL_UDP
#define DEFAULT_SIP_PORT 5060
#define DEFAULT_ADDRESS "0.0.0.0"
#define DEFAULT_RTP_PORT_RANGE NULL
#define DEFAULT_AUTO_ANSWER FALSE
#define DEFAULT_LATENCY 200
#define DEFAULT_DECODE FALSE
#define DEFAULT_MEDIA_TIMEOUT 30
#define DEFAULT_CODECS NULL

/* consecutive packets after which a jitterbuffer starts */
#define FASTSTART_PACKETS 2

/* the telephone-events we send: pause between two digits */
#define DTMF_GAP_MS 60
#define DEFAULT_DTMF_DURATION 100

typedef enum
{
  MEDIA_AUDIO,
  MEDIA_VIDEO,
  N_MEDIA
} MediaKind;

static const gchar *const media_names[N_MEDIA] = { "audio", "video" };

struct _GstSipCallBin
{
  GstBin parent;

  /* properties, under the object lock */
  gchar *remote_uri;
  gchar *local_uri;
  gchar *username;
  gchar *password;
  gchar *ha1;
  gchar *registrar;
  gchar *proxy;
  GstSipTransportProtocol transport;
  guint sip_port;
  gboolean sip_port_set;
  gchar *address;
  guint port_min, port_max;
  gboolean auto_answer;
  guint latency;
  gboolean decode;
  guint media_timeout;
  gchar *codecs;
  GstSipSrtpMode srtp;
  GstSipCall *app_call;

  /* mirrored call state, under the object lock */
  GstSipCallState call_state;
  guint status_code;
  gchar *reason;
  GstSDPMessage *local_description;
  GstSDPMessage *remote_description;
  guint bound_sip_port;

  /* the signalling thread; sig_context is where the call lives: our own
   * context, or the one of the user agent of #GstSipCallBin:call */
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GMainContext *sig_context;

  /* owned by the signalling thread */
  GstSipUserAgent *ua;
  GstSipAccount *account;
  GstSipCall *call;
  GCancellable *cancellable;
  gboolean update_pending;
  gboolean hangup_requested;
  gboolean hung_up; /* we hung the call up, for the end of its INVITE */
  gboolean media_stale; /* of an ended call, under the object lock */
  gboolean media_timed_out;
  GSource *timeout_source;
  GQueue dtmf_queue; /* digits to send, as GINT_TO_POINTER (event + 1) */
  GQueue dtmf_durations;
  GSource *dtmf_source;
  gboolean dtmf_playing;

  /* the media and pads, under media_lock; media_lock is never held while
   * calling into a media or an element (rtpbin signals come back with
   * their own locks held) */
  GMutex media_lock;
  GstElement *rtpbin;
  GstSipMedia *media[N_MEDIA];
  GstPad *sink_pads[N_MEDIA];
  GstPad *src_pads[N_MEDIA];
  guint n_src_pads[N_MEDIA];
  gboolean no_more_pads;
};

enum
{
  PROP_0,
  PROP_REMOTE_URI,
  PROP_LOCAL_URI,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_HA1,
  PROP_REGISTRAR,
  PROP_PROXY,
  PROP_TRANSPORT,
  PROP_SIP_PORT,
  PROP_ADDRESS,
  PROP_RTP_PORT_RANGE,
  PROP_AUTO_ANSWER,
  PROP_LATENCY,
  PROP_DECODE,
  PROP_MEDIA_TIMEOUT,
  PROP_CODECS,
  PROP_CALL,
  PROP_USER_AGENT,
  PROP_CALL_STATE,
  PROP_STATUS_CODE,
  PROP_REASON,
  PROP_LOCAL_DESCRIPTION,
  PROP_REMOTE_DESCRIPTION,
  PROP_SRTP,
  N_PROPS
};

enum
{
  SIGNAL_DIAL,
  SIGNAL_ANSWER,
  SIGNAL_REJECT,
  SIGNAL_HANGUP,
  SIGNAL_HOLD,
  SIGNAL_SEND_DTMF,
  SIGNAL_GET_STATS,
  SIGNAL_INCOMING_CALL,
  SIGNAL_CALL_STATE_CHANGED,
  SIGNAL_DTMF_RECEIVED,
  SIGNAL_MEDIA_TIMEOUT,
  SIGNAL_NEW_MANAGER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GstStaticPadTemplate audio_sink_template = GST_STATIC_PAD_TEMPLATE (
    "audio_sink", GST_PAD_SINK, GST_PAD_REQUEST,
    GST_STATIC_CAPS ("audio/x-raw; audio/x-mulaw; audio/x-alaw; audio/AMR"));

static GstStaticPadTemplate video_sink_template =
    GST_STATIC_PAD_TEMPLATE ("video_sink", GST_PAD_SINK, GST_PAD_REQUEST,
        GST_STATIC_CAPS ("video/x-raw; video/x-h264; video/x-h263, "
                         "variant=(string)itu; video/mpeg, mpegversion=(int)4, "
                         "systemstream=(boolean)false"));

static GstStaticPadTemplate audio_src_template = GST_STATIC_PAD_TEMPLATE (
    "audio_src_%u", GST_PAD_SRC, GST_PAD_SOMETIMES,
    GST_STATIC_CAPS ("audio/x-raw; audio/x-mulaw; audio/x-alaw; audio/AMR"));

static GstStaticPadTemplate video_src_template =
    GST_STATIC_PAD_TEMPLATE ("video_src_%u", GST_PAD_SRC, GST_PAD_SOMETIMES,
        GST_STATIC_CAPS ("video/x-raw; video/x-h264; video/x-h263, "
                         "variant=(string)itu; video/mpeg, mpegversion=(int)4, "
                         "systemstream=(boolean)false"));

static void gst_sip_call_bin_uri_handler_init (
    gpointer g_iface, gpointer iface_data);

#define gst_sip_call_bin_parent_class parent_class
G_DEFINE_TYPE_WITH_CODE (GstSipCallBin, gst_sip_call_bin, GST_TYPE_BIN,
                         G_IMPLEMENT_INTERFACE (GST_TYPE_URI_HANDLER,
                             gst_sip_call_bin_uri_handler_init);
                         GST_DEBUG_CATEGORY_INIT (gst_sip_call_bin_debug,
                             "sipcallbin", 0, "SIP call bin"));

static void
sipcallbin_element_init (GstPlugin *plugin)
{
  static gsize done = 0;

  if (g_once_init_enter (&done)) {
#ifdef ENABLE_NLS
    bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
    bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
#endif
    gst_pb_utils_init ();
    g_once_init_leave (&done, 1);
  }
}

GST_ELEMENT_REGISTER_DEFINE_WITH_CODE (sipcallbin, "sipcallbin", GST_RANK_NONE,
    GST_TYPE_SIP_CALL_BIN, sipcallbin_element_init (plugin));

static void schedule_update (GstSipCallBin *bin);

static void post_progress (GstSipCallBin *bin, GstProgressType type,
    const gchar *code, const gchar *format, ...) G_GNUC_PRINTF (4, 5);

/* progress messages for register, invite and hangup */
static void
post_progress (GstSipCallBin *bin, GstProgressType type, const gchar *code,
    const gchar *format, ...)
{
  va_list args;
  gchar *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  gst_element_post_message (GST_ELEMENT (bin),
      gst_message_new_progress (GST_OBJECT (bin), type, code, text));
  g_free (text);
}
static void stop_media (GstSipCallBin *bin);

/* ---------------------------------------------------------------------- */
/* the signalling thread */

static gpointer
signalling_thread (gpointer user_data)
{
  GstSipCallBin *bin = user_data;

  g_main_context_push_thread_default (bin->context);
  g_main_loop_run (bin->loop);
  g_main_context_pop_thread_default (bin->context);
  return NULL;
}

static void
start_thread (GstSipCallBin *bin)
{
  gchar *name;

  bin->context = g_main_context_new ();
  bin->loop = g_main_loop_new (bin->context, FALSE);
  bin->sig_context = g_main_context_ref (bin->context);
  name = g_strdup_printf ("%s:sip", GST_OBJECT_NAME (bin));
  bin->thread = g_thread_new (name, signalling_thread, bin);
  g_free (name);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
stop_thread (GstSipCallBin *bin)
{
  if (bin->thread) {
    g_main_context_invoke (bin->context, quit_loop, bin->loop);
    g_thread_join (bin->thread);
    bin->thread = NULL;
    /* what was queued after the loop stopped is dropped here */
    while (g_main_context_pending (bin->context))
      g_main_context_iteration (bin->context, FALSE);
    g_main_loop_unref (bin->loop);
    bin->loop = NULL;
    g_main_context_unref (bin->context);
    bin->context = NULL;
  }
  g_clear_pointer (&bin->sig_context, g_main_context_unref);
}

typedef gboolean (*SyncFunc) (GstSipCallBin *bin, gpointer data);

typedef struct
{
  GstSipCallBin *bin;
  SyncFunc func;
  gpointer data;
  GMutex lock;
  GCond cond;
  gboolean done;
  gboolean ret;
} SyncTask;

static gboolean
run_sync_task (gpointer user_data)
{
  SyncTask *task = user_data;
  gboolean ret = task->func (task->bin, task->data);

  g_mutex_lock (&task->lock);
  task->ret = ret;
  task->done = TRUE;
  g_cond_signal (&task->cond);
  g_mutex_unlock (&task->lock);
  return G_SOURCE_REMOVE;
}

/* runs @func on the signalling context and waits for it */
static gboolean
run_sync (GstSipCallBin *bin, SyncFunc func, gpointer data)
{
  SyncTask task = { bin, func, data };

  if (!bin->sig_context)
    return FALSE;
  g_mutex_init (&task.lock);
  g_cond_init (&task.cond);
  g_main_context_invoke (bin->sig_context, run_sync_task, &task);
  g_mutex_lock (&task.lock);
  while (!task.done)
    g_cond_wait (&task.cond, &task.lock);
  g_mutex_unlock (&task.lock);
  g_mutex_clear (&task.lock);
  g_cond_clear (&task.cond);
  return task.ret;
}

typedef void (*TaskFunc) (GstSipCallBin *bin, gpointer data);

typedef struct
{
  GstSipCallBin *bin;
  TaskFunc func;
  gpointer data;
  GDestroyNotify notify;
} Task;

static gboolean
run_task (gpointer user_data)
{
  Task *task = user_data;

  task->func (task->bin, task->data);
  return G_SOURCE_REMOVE;
}

static void
task_free (gpointer user_data)
{
  Task *task = user_data;

  if (task->notify)
    task->notify (task->data);
  gst_object_unref (task->bin);
  g_free (task);
}

/* queues @func on the signalling context; action signals only do this */
static gboolean
enqueue (
    GstSipCallBin *bin, TaskFunc func, gpointer data, GDestroyNotify notify)
{
  Task *task;
  GMainContext *context;

  GST_OBJECT_LOCK (bin);
  context = bin->sig_context ? g_main_context_ref (bin->sig_context) : NULL;
  GST_OBJECT_UNLOCK (bin);
  if (!context) {
    GST_WARNING_OBJECT (bin, "not started: the element is in the NULL state");
    if (notify)
      notify (data);
    return FALSE;
  }
  task = g_new0 (Task, 1);
  task->bin = gst_object_ref (bin);
  task->func = func;
  task->data = data;
  task->notify = notify;
  g_main_context_invoke_full (
      context, G_PRIORITY_DEFAULT, run_task, task, task_free);
  g_main_context_unref (context);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* helpers */

static const gchar *
state_name (GstSipCallState state)
{
  GEnumClass *klass = g_type_class_ref (GST_TYPE_SIP_CALL_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  g_type_class_unref (klass);
  return value ? value->value_nick : "unknown";
}

static gboolean
is_wildcard (const gchar *address)
{
  GInetAddress *inet = g_inet_address_new_from_string (address);
  gboolean ret = !inet || g_inet_address_get_is_any (inet);

  if (inet)
    g_object_unref (inet);
  return ret;
}

/* the address of the interface that routes to @host: connecting a UDP
 * socket sends nothing but picks it */
static gchar *
local_address_towards (const gchar *host)
{
  GInetAddress *remote = NULL;
  GSocketAddress *sa, *local;
  GSocket *socket;
  gchar *text = NULL;

  if (!host)
    return NULL;
  remote = g_inet_address_new_from_string (host);
  if (!remote) {
    GResolver *resolver = g_resolver_get_default ();
    GList *list = g_resolver_lookup_by_name (resolver, host, NULL, NULL);

    if (list)
      remote = g_object_ref (list->data);
    g_resolver_free_addresses (list);
    g_object_unref (resolver);
  }
  if (!remote)
    return NULL;

  socket = g_socket_new (g_inet_address_get_family (remote),
      G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  sa = g_inet_socket_address_new (remote, 9);
  if (socket && g_socket_connect (socket, sa, NULL, NULL)) {
    local = g_socket_get_local_address (socket, NULL);
    if (local) {
      text = g_inet_address_to_string (
          g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
      g_object_unref (local);
    }
  }
  g_object_unref (sa);
  if (socket) {
    g_socket_close (socket, NULL);
    g_object_unref (socket);
  }
  g_object_unref (remote);
  return text;
}

/* the address of our media for the c= line */
static gchar *
pick_local_address (GstSipCallBin *bin, const gchar *peer_host)
{
  gchar *address, *picked;

  GST_OBJECT_LOCK (bin);
  address = g_strdup (bin->address);
  GST_OBJECT_UNLOCK (bin);
  if (!is_wildcard (address))
    return address;
  picked = local_address_towards (peer_host);
  if (!picked)
    picked = g_strdup (strchr (address, ':') ? "::1" : "127.0.0.1");
  g_free (address);
  return picked;
}

static gchar *
host_of_uri (const gchar *text)
{
  GstSipUri *uri;
  gchar *host = NULL;

  if (!text)
    return NULL;
  uri = gst_sip_uri_new (text, NULL);
  if (!uri)
    return NULL;
  if (gst_sip_uri_get_host (uri)) {
    const gchar *h = gst_sip_uri_get_host (uri);
    gsize len = strlen (h);

    if (len > 2 && h[0] == '[' && h[len - 1] == ']')
      host = g_strndup (h + 1, len - 2);
    else
      host = g_strdup (h);
  }
  gst_sip_uri_free (uri);
  return host;
}

static const gchar *
sdp_connection_address (const GstSDPMessage *sdp)
{
  const GstSDPConnection *c;
  guint i;

  if (!sdp)
    return NULL;
  c = gst_sdp_message_get_connection (sdp);
  if (c && c->address)
    return c->address;
  for (i = 0; i < gst_sdp_message_medias_len (sdp); i++) {
    const GstSDPMedia *m = gst_sdp_message_get_media (sdp, i);

    if (gst_sdp_media_connections_len (m) > 0)
      return gst_sdp_media_get_connection (m, 0)->address;
  }
  return NULL;
}

static MediaKind
kind_of (const gchar *media)
{
  return g_ascii_strcasecmp (media, "video") == 0 ? MEDIA_VIDEO : MEDIA_AUDIO;
}

/* ---------------------------------------------------------------------- */
/* media */

static void on_media_dtmf (
    GstSipMedia *media, const gchar *digit, guint duration, gpointer user_data);

/* with media_lock */
static GstSipMedia *
ensure_media (GstSipCallBin *bin, MediaKind kind)
{
  if (!bin->media[kind])
    bin->media[kind] = gst_sip_media_new (GST_BIN (bin), bin->rtpbin,
        media_names[kind], kind, on_media_dtmf, bin);
  return bin->media[kind];
}

/* a reference to the media of @kind (a session number), or NULL */
static GstSipMedia *
get_media (GstSipCallBin *bin, guint kind)
{
  GstSipMedia *media = NULL;

  if (kind >= N_MEDIA)
    return NULL;
  g_mutex_lock (&bin->media_lock);
  if (bin->media[kind])
    media = gst_object_ref (bin->media[kind]);
  g_mutex_unlock (&bin->media_lock);
  return media;
}

static gboolean
have_factory (const gchar *name)
{
  GstElementFactory *f = gst_element_factory_find (name);

  if (f)
    gst_object_unref (f);
  return f != NULL;
}

static void
post_missing (GstSipCallBin *bin, const gchar *factory, const gchar *codec)
{
  GstMessage *msg =
      gst_missing_element_message_new (GST_ELEMENT (bin), factory);
  gchar *reason = g_strdup_printf (
      _ ("%s was left out of the offer or answer: the GStreamer element "
         "\"%s\" is not installed."),
      codec, factory);

  GST_WARNING_OBJECT (bin, "%s", reason);
  gst_structure_set (gst_message_writable_structure (msg), "sip-reason",
      G_TYPE_STRING, reason, NULL);
  g_free (reason);
  gst_element_post_message (GST_ELEMENT (bin), msg);
}

typedef struct
{
  gchar *codec;
  const gchar *factory;
} Dropped;

/* whether @codec is what an item of #GstSipCallBin:codecs names: an
 * encoding name, optionally with format parameters it must have
 * ("AMR;octet-align=0"); a parameter the codec does not carry counts as 0,
 * the default of octet-align and packetization-mode */
static gboolean
codec_matches_preference (const GstSipCodec *codec, const gchar *item)
{
  gchar **parts = g_strsplit (item, ";", -1);
  gboolean ret;
  guint i;

  ret = *parts[0] &&
      g_ascii_strcasecmp (parts[0], gst_sip_codec_get_encoding_name (codec)) ==
          0;
  for (i = 1; ret && parts[i]; i++) {
    gchar **kv = g_strsplit (parts[i], "=", 2);
    const gchar *value = gst_sip_codec_get_fmtp_param (codec, kv[0]);

    ret = kv[1] && strcmp (value ? value : "0", kv[1]) == 0;
    g_strfreev (kv);
  }
  g_strfreev (parts);
  return ret;
}

/* the payload type of H.264 in packetization mode 0, next to the library's
 * defaults (96-101) */
#define H264_MODE_0_PT 102

/* RFC 6184 packetization mode 0 (single NAL units) besides the library's
 * mode 1: for peers that handle nothing else.  Offered only when we can
 * keep to it: receiving, or encoding with an encoder that slices its
 * pictures to fit in a packet */
static GList *
add_h264_mode_0 (GList *defaults, gboolean input, gboolean raw)
{
  GList *l;

  if (input && !(raw && have_factory ("x264enc")))
    return defaults;
  for (l = defaults; l; l = l->next) {
    GstSipCodec *codec = l->data;
    const gchar *mode =
        gst_sip_codec_get_fmtp_param (codec, "packetization-mode");
    GString *fmtp;
    gchar **params;
    guint i;

    if (g_ascii_strcasecmp (gst_sip_codec_get_encoding_name (codec), "H264") ||
        g_strcmp0 (mode, "1") != 0)
      continue;
    codec = gst_sip_codec_copy (codec);
    gst_sip_codec_set_payload_type (codec, H264_MODE_0_PT);
    fmtp = g_string_new (NULL);
    params = g_strsplit (gst_sip_codec_get_fmtp (codec), ";", -1);
    for (i = 0; params[i]; i++) {
      if (!*params[i] || g_str_has_prefix (params[i], "packetization-mode"))
        continue;
      g_string_append_printf (fmtp, "%s%s", fmtp->len ? ";" : "", params[i]);
    }
    g_string_append_printf (
        fmtp, "%spacketization-mode=0", fmtp->len ? ";" : "");
    g_strfreev (params);
    gst_sip_codec_set_fmtp (codec, fmtp->str);
    g_string_free (fmtp, TRUE);
    return g_list_insert_before (defaults, l->next, codec);
  }
  return defaults;
}

/* the codecs of one stream, in the order of preference: the library's
 * defaults, ordered and limited by #GstSipCallBin:codecs, limited to what
 * an encoded input carries, without those whose elements are missing */
static GList *
select_codecs (
    GstSipCallBin *bin, MediaKind kind, GstSipMedia *media, GstPad *input)
{
  GList *defaults = gst_sip_codec_list_defaults (media_names[kind]);
  GList *ordered = NULL, *result = NULL, *l;
  GArray *dropped = g_array_new (FALSE, FALSE, sizeof (Dropped));
  GstCaps *caps = NULL;
  gboolean raw = TRUE, decode;
  gchar **preference = NULL;
  GstSipCodecUse use;
  guint i;

  GST_OBJECT_LOCK (bin);
  if (bin->codecs && *bin->codecs)
    preference = g_strsplit_set (bin->codecs, ", ", -1);
  decode = bin->decode;
  GST_OBJECT_UNLOCK (bin);

  if (input) {
    caps = gst_pad_peer_query_caps (input, NULL);
    raw = gst_sip_codec_map_caps_are_raw (caps);
    gst_sip_media_set_input_raw (media, raw);
    GST_DEBUG_OBJECT (
        bin, "%s input: %" GST_PTR_FORMAT, media_names[kind], caps);
  }
  if (kind == MEDIA_VIDEO)
    defaults = add_h264_mode_0 (defaults, input != NULL, raw);

  if (preference) {
    for (i = 0; preference[i]; i++) {
      for (l = defaults; l; l = l->next) {
        if (*preference[i] && codec_matches_preference (l->data, preference[i]))
          ordered = g_list_append (ordered, gst_sip_codec_copy (l->data));
      }
    }
    for (l = defaults; l; l = l->next) {
      if (gst_sip_codec_is_telephone_event (l->data))
        ordered = g_list_append (ordered, gst_sip_codec_copy (l->data));
    }
    g_strfreev (preference);
    g_list_free_full (defaults, (GDestroyNotify) gst_sip_codec_free);
  } else {
    ordered = defaults;
  }

  use = GST_SIP_CODEC_USE_RECEIVE;
  if (decode)
    use |= GST_SIP_CODEC_USE_DECODE;
  if (input)
    use |= raw ? GST_SIP_CODEC_USE_ENCODE : GST_SIP_CODEC_USE_SEND;

  for (l = ordered; l; l = l->next) {
    GstSipCodec *codec = l->data;
    const gchar *missing = NULL;

    if (gst_sip_codec_is_telephone_event (codec)) {
      if (have_factory ("rtpdtmfdepay") &&
          (!input ||
              (have_factory ("rtpdtmfsrc") && have_factory ("rtpdtmfmux"))))
        result = g_list_append (result, gst_sip_codec_copy (codec));
      continue;
    }
    if (!gst_sip_codec_map_knows (codec))
      continue;
    if (input && !raw && !gst_sip_codec_map_caps_match (codec, caps))
      continue;
    if (!gst_sip_codec_map_check (codec, use, &missing)) {
      Dropped d = { g_strdup (gst_sip_codec_get_encoding_name (codec)),
        missing };

      g_array_append_val (dropped, d);
      continue;
    }
    codec = gst_sip_codec_copy (codec);
    /* the parameter sets of an encoded input go in the SDP */
    if (input && !raw)
      gst_sip_codec_map_describe_stream (codec, caps);
    result = g_list_append (result, codec);
  }
  g_list_free_full (ordered, (GDestroyNotify) gst_sip_codec_free);
  if (caps)
    gst_caps_unref (caps);

  /* a codec is reported missing only when no other configuration of it
   * (octet-aligned AMR for bandwidth-efficient AMR) stays */
  for (i = 0; i < dropped->len; i++) {
    Dropped *d = &g_array_index (dropped, Dropped, i);
    gboolean kept = FALSE;

    for (l = result; l; l = l->next)
      kept |= g_ascii_strcasecmp (
                  d->codec, gst_sip_codec_get_encoding_name (l->data)) == 0;
    if (!kept && d->factory)
      post_missing (bin, d->factory, d->codec);
    else
      GST_INFO_OBJECT (
          bin, "one configuration of %s needs %s", d->codec, d->factory);
    g_free (d->codec);
  }
  g_array_unref (dropped);

  /* telephone-event alone is no codec */
  if (result && !result->next &&
      gst_sip_codec_is_telephone_event (result->data))
    g_list_free_full (
        g_steal_pointer (&result), (GDestroyNotify) gst_sip_codec_free);
  return result;
}

static void
clear_refs (GstSipMedia **medias, GstPad **pads)
{
  guint i;

  for (i = 0; i < N_MEDIA; i++) {
    gst_clear_object (&medias[i]);
    gst_clear_object (&pads[i]);
  }
}

/* a negotiator with one m-line per stream we have, on sockets bound now */
static GstSipSdpNegotiator *
make_negotiator (GstSipCallBin *bin, const gchar *peer_host, GError **error)
{
  GstSipSdpNegotiator *negotiator;
  gchar *local, *bind_address;
  gboolean any_input = FALSE, added = FALSE;
  GstSipMedia *medias[N_MEDIA] = { NULL, NULL };
  GstPad *inputs[N_MEDIA] = { NULL, NULL };
  guint port_min, port_max;
  MediaKind kind;

  local = pick_local_address (bin, peer_host);
  GST_OBJECT_LOCK (bin);
  bind_address = g_strdup (bin->address);
  port_min = bin->port_min;
  port_max = bin->port_max;
  GST_OBJECT_UNLOCK (bin);
  if (is_wildcard (bind_address)) {
    g_free (bind_address);
    bind_address = g_strdup (strchr (local, ':') ? "::" : "0.0.0.0");
  }
  negotiator = gst_sip_sdp_negotiator_new (local);
  GST_OBJECT_LOCK (bin);
  g_object_set (negotiator, "srtp", bin->srtp, NULL);
  GST_OBJECT_UNLOCK (bin);
  GST_DEBUG_OBJECT (bin, "media address %s", local);

  g_mutex_lock (&bin->media_lock);
  for (kind = 0; kind < N_MEDIA; kind++) {
    any_input |= bin->sink_pads[kind] != NULL;
    inputs[kind] =
        bin->sink_pads[kind] ? gst_object_ref (bin->sink_pads[kind]) : NULL;
  }
  for (kind = 0; kind < N_MEDIA; kind++) {
    if (!any_input || inputs[kind])
      medias[kind] = gst_object_ref (ensure_media (bin, kind));
  }
  g_mutex_unlock (&bin->media_lock);

  for (kind = 0; kind < N_MEDIA; kind++) {
    GList *codecs;

    if (!medias[kind])
      continue;
    codecs = select_codecs (bin, kind, medias[kind], inputs[kind]);
    if (!codecs) {
      GST_WARNING_OBJECT (
          bin, "no usable %s codec: not offered", media_names[kind]);
      continue;
    }
    if (!gst_sip_media_bind (
            medias[kind], bind_address, port_min, port_max, error)) {
      g_list_free_full (codecs, (GDestroyNotify) gst_sip_codec_free);
      goto failed;
    }
    gst_sip_sdp_negotiator_add_media (negotiator, media_names[kind],
        gst_sip_media_get_port (medias[kind]), codecs);
    g_list_free_full (codecs, (GDestroyNotify) gst_sip_codec_free);
    added = TRUE;
  }
  clear_refs (medias, inputs);
  g_free (bind_address);
  g_free (local);

  if (!added)
    goto no_codecs;
  gst_sip_sdp_negotiator_set_direction (negotiator,
      any_input ? GST_SIP_MEDIA_DIRECTION_SENDRECV
                : GST_SIP_MEDIA_DIRECTION_RECVONLY);
  return negotiator;

  /* ERRORS */
failed : {
  clear_refs (medias, inputs);
  g_free (bind_address);
  g_free (local);
  g_object_unref (negotiator);
  return NULL;
}
no_codecs : {
  g_set_error (error, GST_STREAM_ERROR, GST_STREAM_ERROR_CODEC_NOT_FOUND,
      _ ("No codec can be offered: the GStreamer elements they need are "
         "not installed."));
  g_object_unref (negotiator);
  return NULL;
}
}

/* applies the last offer/answer exchange to the media */
static void
update_media (GstSipCallBin *bin)
{
  GstSipSdpNegotiator *negotiator;
  const GstSDPMessage *remote;
  GList *streams, *l;
  gboolean seen[N_MEDIA] = { FALSE, FALSE };
  gboolean decode;
  GError *error = NULL;

  if (!bin->call)
    return;
  negotiator = gst_sip_call_get_negotiator (bin->call);
  if (!negotiator || gst_sip_sdp_negotiator_has_pending_offer (negotiator))
    return;
  streams = gst_sip_sdp_negotiator_get_streams (negotiator);
  remote = gst_sip_sdp_negotiator_get_remote_description (negotiator);

  GST_OBJECT_LOCK (bin);
  decode = bin->decode;
  GST_OBJECT_UNLOCK (bin);

  for (l = streams; l && !error; l = l->next) {
    const GstSipSdpStream *stream = l->data;
    MediaKind kind = kind_of (gst_sip_sdp_stream_get_media (stream));
    GstSipMedia *media;

    if (seen[kind])
      continue;
    seen[kind] = TRUE;
    media = get_media (bin, kind);
    if (!media)
      continue;
    if (remote &&
        gst_sip_sdp_stream_get_index (stream) <
            gst_sdp_message_medias_len (remote))
      gst_sip_media_set_remote_feedback (media,
          gst_sdp_message_get_media (
              remote, gst_sip_sdp_stream_get_index (stream)));
    if (gst_sip_sdp_stream_is_enabled (stream) ||
        gst_sip_media_is_configured (media))
      gst_sip_media_configure (media, stream, decode, &error);
    gst_object_unref (media);
  }
  g_list_free_full (streams, (GDestroyNotify) gst_sip_sdp_stream_free);

  if (error) {
    GST_ELEMENT_ERROR (bin, CORE, NEGOTIATION,
        (_ ("Could not set up the media of the call.")),
        ("%s", error->message));
    g_error_free (error);
  }
}

static gboolean
update_media_idle (gpointer user_data)
{
  GstSipCallBin *bin = user_data;

  bin->update_pending = FALSE;
  update_media (bin);
  return G_SOURCE_REMOVE;
}

/* coalesces the notifications of one exchange into one update */
static void
schedule_update (GstSipCallBin *bin)
{
  GSource *source;

  if (bin->update_pending)
    return;
  bin->update_pending = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (
      source, update_media_idle, gst_object_ref (bin), gst_object_unref);
  g_source_attach (source, bin->sig_context);
  g_source_unref (source);
}

/* removes the media elements and the source pads of the call */
static void
stop_media (GstSipCallBin *bin)
{
  GstPad *pads[N_MEDIA] = { NULL, NULL };
  gboolean playing;
  MediaKind kind;

  /* a state change under way (to PAUSED or below) counts as not playing;
   * PLAYING to PAUSED waits for this function to return before the sinks
   * of the bin pause */
  GST_OBJECT_LOCK (bin);
  playing = GST_STATE (bin) == GST_STATE_PLAYING &&
      GST_STATE_PENDING (bin) == GST_STATE_VOID_PENDING;
  GST_OBJECT_UNLOCK (bin);

  g_mutex_lock (&bin->media_lock);
  for (kind = 0; kind < N_MEDIA; kind++) {
    pads[kind] = bin->src_pads[kind];
    bin->src_pads[kind] = NULL;
  }
  bin->no_more_pads = FALSE;
  g_mutex_unlock (&bin->media_lock);

  /* the streams are over: muxers and files downstream can finish */
  for (kind = 0; kind < N_MEDIA && playing; kind++) {
    if (pads[kind])
      gst_pad_push_event (pads[kind], gst_event_new_eos ());
  }

  for (kind = 0; kind < N_MEDIA; kind++) {
    GstSipMedia *media = get_media (bin, kind);

    if (media) {
      gst_sip_media_stop (media, playing);
      gst_object_unref (media);
    }
  }

  for (kind = 0; kind < N_MEDIA; kind++) {
    if (pads[kind]) {
      gst_pad_set_active (pads[kind], FALSE);
      gst_element_remove_pad (GST_ELEMENT (bin), pads[kind]);
      gst_object_unref (pads[kind]);
    }
  }
}

/* ---------------------------------------------------------------------- */
/* rtpbin */

static GstCaps *
on_request_pt_map (
    GstElement *rtpbin, guint session, guint pt, GstSipCallBin *bin)
{
  GstSipMedia *media = get_media (bin, session);
  GstCaps *caps = NULL;

  if (media) {
    caps = gst_sip_media_get_caps_for_pt (media, pt);
    gst_object_unref (media);
  }
  GST_DEBUG_OBJECT (
      bin, "session %u, payload type %u: %" GST_PTR_FORMAT, session, pt, caps);
  return caps;
}

/* the rtpbin's request-rtp-encoder and request-rtcp-encoder */
static GstElement *
request_encoder (GstSipCallBin *bin, guint session, gboolean rtcp)
{
  GstSipMedia *media = get_media (bin, session);
  GstElement *element = NULL;

  if (media) {
    element = gst_sip_media_request_srtp_encoder (media, rtcp);
    gst_object_unref (media);
  }
  return element;
}

static GstElement *
on_request_rtp_encoder (GstElement *rtpbin, guint session, GstSipCallBin *bin)
{
  return request_encoder (bin, session, FALSE);
}

static GstElement *
on_request_rtcp_encoder (GstElement *rtpbin, guint session, GstSipCallBin *bin)
{
  return request_encoder (bin, session, TRUE);
}

/* the rtpbin's request-rtp-decoder and request-rtcp-decoder */
static GstElement *
on_request_decoder (GstElement *rtpbin, guint session, GstSipCallBin *bin)
{
  GstSipMedia *media = get_media (bin, session);
  GstElement *element = NULL;

  if (media) {
    element = gst_sip_media_request_srtp_decoder (media);
    gst_object_unref (media);
  }
  return element;
}

/* with media_lock */
static void
check_no_more_pads (GstSipCallBin *bin)
{
  MediaKind kind;

  if (bin->no_more_pads)
    return;
  for (kind = 0; kind < N_MEDIA; kind++) {
    if (bin->media[kind] && gst_sip_media_receives (bin->media[kind]) &&
        !bin->src_pads[kind])
      return;
  }
  bin->no_more_pads = TRUE;
}

static void
expose_pad (GstSipCallBin *bin, MediaKind kind, GstPad *target)
{
  GstElementClass *klass = GST_ELEMENT_GET_CLASS (bin);
  GstPadTemplate *templ;
  GstPad *ghost;
  gchar *name;
  gboolean all;

  g_mutex_lock (&bin->media_lock);
  if (bin->src_pads[kind]) {
    gst_ghost_pad_set_target (GST_GHOST_PAD (bin->src_pads[kind]), target);
    g_mutex_unlock (&bin->media_lock);
    return;
  }
  templ = gst_element_class_get_pad_template (
      klass, kind == MEDIA_AUDIO ? "audio_src_%u" : "video_src_%u");
  name =
      g_strdup_printf ("%s_src_%u", media_names[kind], bin->n_src_pads[kind]++);
  ghost = gst_ghost_pad_new_from_template (name, target, templ);
  g_free (name);
  bin->src_pads[kind] = gst_object_ref (ghost);
  all = bin->no_more_pads;
  check_no_more_pads (bin);
  all = !all && bin->no_more_pads;
  g_mutex_unlock (&bin->media_lock);

  gst_pad_set_active (ghost, TRUE);
  gst_element_add_pad (GST_ELEMENT (bin), ghost);
  if (all)
    gst_element_no_more_pads (GST_ELEMENT (bin));
}

static void
on_rtpbin_pad_added (GstElement *rtpbin, GstPad *pad, GstSipCallBin *bin)
{
  guint session, ssrc, pt;
  GstSipMedia *media = NULL;
  GError *error = NULL;
  GstPad *target;

  if (sscanf (GST_PAD_NAME (pad), "recv_rtp_src_%u_%u_%u", &session, &ssrc,
          &pt) != 3)
    return;
  GST_DEBUG_OBJECT (bin, "new stream: session %u, SSRC %08x, payload type %u",
      session, ssrc, pt);

  media = get_media (bin, session);
  if (!media)
    return;

  target = gst_sip_media_link_rtp_pad (media, pad, pt, &error);
  if (target) {
    expose_pad (bin, session, target);
    gst_object_unref (target);
  } else if (error) {
    GST_ELEMENT_WARNING (bin, STREAM, CODEC_NOT_FOUND,
        (_ ("Could not receive the %s of the call."), media_names[session]),
        ("%s", error->message));
    g_error_free (error);
  }
  gst_object_unref (media);
}

static void
on_rtpbin_pad_removed (GstElement *rtpbin, GstPad *pad, GstSipCallBin *bin)
{
  guint session, ssrc, pt;
  GstSipMedia *media = NULL;

  if (sscanf (GST_PAD_NAME (pad), "recv_rtp_src_%u_%u_%u", &session, &ssrc,
          &pt) != 3)
    return;
  media = get_media (bin, session);
  if (media) {
    gst_sip_media_unlink_rtp_pad (media, pad);
    gst_object_unref (media);
  }
}

/* a jitterbuffer waits #GstSipCallBin:latency before it lets the first
 * packet of a stream go; a call starts as soon as a few packets came in
 * order (the first picture sooner by the whole latency), and the latency
 * still applies to the timestamps and to what comes later */
static void
on_new_jitterbuffer (
    GstElement *rtpbin, GstElement *jitterbuffer, guint session, guint ssrc)
{
  if (g_object_class_find_property (
          G_OBJECT_GET_CLASS (jitterbuffer), "faststart-min-packets"))
    g_object_set (
        jitterbuffer, "faststart-min-packets", FASTSTART_PACKETS, NULL);
}

/* ---------------------------------------------------------------------- */
/* the call */

static void
mirror_descriptions (GstSipCallBin *bin)
{
  const GstSDPMessage *local = gst_sip_call_get_local_description (bin->call);
  const GstSDPMessage *remote = gst_sip_call_get_remote_description (bin->call);
  GstSDPMessage *local_copy = NULL, *remote_copy = NULL;

  if (local)
    gst_sdp_message_copy (local, &local_copy);
  if (remote)
    gst_sdp_message_copy (remote, &remote_copy);
  GST_OBJECT_LOCK (bin);
  g_clear_pointer (&bin->local_description, gst_sdp_message_free);
  g_clear_pointer (&bin->remote_description, gst_sdp_message_free);
  bin->local_description = local_copy;
  bin->remote_description = remote_copy;
  GST_OBJECT_UNLOCK (bin);
}

static void
on_descriptions (GstSipCall *call, GParamSpec *pspec, GstSipCallBin *bin)
{
  mirror_descriptions (bin);
  g_object_notify_by_pspec (G_OBJECT (bin),
      strcmp (pspec->name, "local-description") == 0
          ? properties[PROP_LOCAL_DESCRIPTION]
          : properties[PROP_REMOTE_DESCRIPTION]);
  schedule_update (bin);
}

static gboolean check_media_timeout (gpointer user_data);

static void
start_timeout_check (GstSipCallBin *bin)
{
  if (bin->timeout_source)
    return;
  /* once a second: the timeout is in seconds, and a call's signalling
   * thread wakes no more often than that; the udpsrc probes only count the
   * packets, gst_sip_media_get_last_activity() takes the time when the
   * count moved */
  bin->timeout_source = g_timeout_source_new_seconds (1);
  g_source_set_callback (bin->timeout_source, check_media_timeout, bin, NULL);
  g_source_attach (bin->timeout_source, bin->sig_context);
}

static void
stop_timeout_check (GstSipCallBin *bin)
{
  if (bin->timeout_source) {
    g_source_destroy (bin->timeout_source);
    g_clear_pointer (&bin->timeout_source, g_source_unref);
  }
}

static void stop_dtmf (GstSipCallBin *bin);

static void
on_call_state (GstSipCall *call, GParamSpec *pspec, GstSipCallBin *bin)
{
  GstSipCallState state = gst_sip_call_get_state (call);
  guint code = gst_sip_call_get_status_code (call);
  const gchar *reason = gst_sip_call_get_reason (call);
  gboolean playing;
  GstStructure *s;

  GST_INFO_OBJECT (bin, "call %s: %s (%u %s)", gst_sip_call_get_call_id (call),
      state_name (state), code, GST_STR_NULL (reason));

  if (bin->media_timed_out && state >= GST_SIP_CALL_STATE_ENDING)
    reason = _ ("Media timeout");
  GST_OBJECT_LOCK (bin);
  bin->call_state = state;
  bin->status_code = code;
  g_free (bin->reason);
  bin->reason = g_strdup (reason);
  GST_OBJECT_UNLOCK (bin);

  s = gst_structure_new ("sip-call-state", "state", GST_TYPE_SIP_CALL_STATE,
      state, "status-code", G_TYPE_UINT, code, "reason", G_TYPE_STRING, reason,
      "call-id", G_TYPE_STRING, gst_sip_call_get_call_id (call), NULL);
  gst_element_post_message (
      GST_ELEMENT (bin), gst_message_new_element (GST_OBJECT (bin), s));
  g_object_notify_by_pspec (G_OBJECT (bin), properties[PROP_CALL_STATE]);
  g_signal_emit (
      bin, signals[SIGNAL_CALL_STATE_CHANGED], 0, state, code, reason);

  switch (state) {
    case GST_SIP_CALL_STATE_ESTABLISHED:
      if (gst_sip_call_get_direction (call) == GST_SIP_CALL_DIRECTION_INCOMING)
        post_progress (bin, GST_PROGRESS_TYPE_COMPLETE, "invite",
            "Call with %s established", gst_sip_call_get_remote_uri (call));
      start_timeout_check (bin);
      schedule_update (bin);
      break;
    case GST_SIP_CALL_STATE_ENDED:
      stop_timeout_check (bin);
      stop_dtmf (bin);
      if (bin->hangup_requested)
        post_progress (bin, GST_PROGRESS_TYPE_COMPLETE, "hangup", "Call ended");
      bin->hangup_requested = FALSE;
      /* below PLAYING, the PLAYING or READY transition does it, while no
       * sink of the application waits for PLAYING */
      GST_OBJECT_LOCK (bin);
      playing = GST_STATE (bin) == GST_STATE_PLAYING &&
          GST_STATE_PENDING (bin) == GST_STATE_VOID_PENDING;
      bin->media_stale = !playing;
      GST_OBJECT_UNLOCK (bin);
      if (playing)
        stop_media (bin);
      break;
    default:
      break;
  }
}

static void
on_call_dtmf (
    GstSipCall *call, const gchar *digit, guint duration, GstSipCallBin *bin)
{
  g_signal_emit (bin, signals[SIGNAL_DTMF_RECEIVED], 0, digit, duration);
}

static void
adopt_call (GstSipCallBin *bin, GstSipCall *call)
{
  bin->call = g_object_ref (call);
  bin->media_timed_out = FALSE;
  bin->hung_up = FALSE;
  g_signal_connect (call, "notify::state", G_CALLBACK (on_call_state), bin);
  g_signal_connect (
      call, "notify::local-description", G_CALLBACK (on_descriptions), bin);
  g_signal_connect (
      call, "notify::remote-description", G_CALLBACK (on_descriptions), bin);
  g_signal_connect (call, "dtmf-received", G_CALLBACK (on_call_dtmf), bin);
}

static void
drop_call (GstSipCallBin *bin)
{
  if (!bin->call)
    return;
  g_signal_handlers_disconnect_by_data (bin->call, bin);
  g_clear_object (&bin->call);
}

static gboolean
call_is_active (GstSipCallBin *bin)
{
  return bin->call &&
      gst_sip_call_get_state (bin->call) != GST_SIP_CALL_STATE_ENDED;
}

static void
post_call_error (
    GstSipCallBin *bin, guint code, const GError *error, const gchar *uri)
{
  if (error &&
      g_error_matches (error, GST_SIP_ERROR, GST_SIP_ERROR_AUTH_FAILED)) {
    GST_ELEMENT_ERROR (bin, RESOURCE, NOT_AUTHORIZED,
        (_ ("Authentication with %s failed."), uri), ("%s", error->message));
  } else if (code == 401 || code == 407) {
    GST_ELEMENT_ERROR (bin, RESOURCE, NOT_AUTHORIZED,
        (_ ("Authentication with %s failed."), uri), ("status %u", code));
  } else if (code == 488 || code == 606) {
    GST_ELEMENT_ERROR (bin, STREAM, CODEC_NOT_FOUND,
        (_ ("%s has no codec in common with us."), uri), ("status %u", code));
  } else if (error) {
    GST_ELEMENT_ERROR (bin, RESOURCE, OPEN_READ_WRITE,
        (_ ("Could not reach %s."), uri), ("%s", error->message));
  }
}

static void
dial_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GstSipCallBin *bin = user_data;
  GstSipCall *call = GST_SIP_CALL (source);
  GError *error = NULL;
  guint code;

  code = gst_sip_call_dial_finish (call, result, &error);
  if (call == bin->call) {
    const gchar *uri = gst_sip_call_get_remote_uri (call);

    if (code >= 200 && code < 300) {
      post_progress (bin, GST_PROGRESS_TYPE_COMPLETE, "invite",
          "Call with %s established", uri);
    } else if (bin->hung_up && (code == 487 || code == 0)) {
      /* our own hangup before the answer (CANCEL): no failure */
      post_progress (bin, GST_PROGRESS_TYPE_CANCELED, "invite",
          "Call with %s cancelled", uri);
    } else {
      if (error)
        post_progress (bin, GST_PROGRESS_TYPE_ERROR, "invite",
            "Call with %s failed: %s", uri, error->message);
      else
        post_progress (bin, GST_PROGRESS_TYPE_ERROR, "invite",
            "Call with %s failed: %u", uri, code);
      post_call_error (bin, code, error, uri);
    }
  }
  g_clear_error (&error);
  gst_object_unref (bin);
}

static void
do_dial (GstSipCallBin *bin, gpointer data)
{
  const gchar *uri = data;
  GstSipSdpNegotiator *negotiator;
  GError *error = NULL;
  GstSipCall *call;
  gchar *host, *target;

  if (!bin->ua) {
    GST_WARNING_OBJECT (bin, "cannot dial %s: no user agent", uri);
    return;
  }
  if (call_is_active (bin)) {
    GST_WARNING_OBJECT (bin, "cannot dial %s: a call is under way", uri);
    return;
  }
  drop_call (bin);
  stop_media (bin);

  GST_OBJECT_LOCK (bin);
  target = g_strdup (bin->proxy ? bin->proxy : uri);
  if (bin->transport == GST_SIP_TRANSPORT_PROTOCOL_TCP &&
      !strstr (uri, "transport="))
    uri = g_strdup_printf ("%s;transport=tcp", uri);
  else if (bin->transport == GST_SIP_TRANSPORT_PROTOCOL_TLS &&
      g_str_has_prefix (uri, "sip:") && !strstr (uri, "transport="))
    uri = g_strdup_printf ("%s;transport=tls", uri);
  else if ((bin->transport == GST_SIP_TRANSPORT_PROTOCOL_WS ||
               bin->transport == GST_SIP_TRANSPORT_PROTOCOL_WSS) &&
      !strstr (uri, "transport="))
    uri = g_strdup_printf ("%s;transport=%s", uri,
        bin->transport == GST_SIP_TRANSPORT_PROTOCOL_WS ? "ws" : "wss");
  else
    uri = g_strdup (uri);
  GST_OBJECT_UNLOCK (bin);
  host = host_of_uri (target);
  g_free (target);

  negotiator = make_negotiator (bin, host, &error);
  g_free (host);
  if (!negotiator)
    goto no_media;

  call = gst_sip_call_new (bin->ua, bin->account);
  adopt_call (bin, call);
  gst_sip_call_set_negotiator (call, negotiator);
  g_object_unref (negotiator);
  post_progress (bin, GST_PROGRESS_TYPE_START, "invite", "Calling %s", uri);
  gst_sip_call_dial_async (
      call, uri, bin->cancellable, dial_done, gst_object_ref (bin));
  g_object_unref (call);
  g_free ((gchar *) uri);
  return;

  /* ERRORS */
no_media : {
  GST_ELEMENT_ERROR (bin, STREAM, CODEC_NOT_FOUND,
      (_ ("Could not call %s."), uri), ("%s", error->message));
  g_error_free (error);
  g_free ((gchar *) uri);
  return;
}
}

static gboolean
answer_call (GstSipCallBin *bin)
{
  GError *error = NULL;

  if (!bin->call)
    return FALSE;
  if (!gst_sip_call_answer (bin->call, &error)) {
    if (g_error_matches (error, GST_SIP_ERROR, GST_SIP_ERROR_NOT_ACCEPTABLE))
      GST_ELEMENT_ERROR (bin, STREAM, CODEC_NOT_FOUND,
          (_ ("%s has no codec in common with us."),
              gst_sip_call_get_remote_uri (bin->call)),
          ("%s", error->message));
    else
      GST_WARNING_OBJECT (bin, "could not answer: %s", error->message);
    g_error_free (error);
    return FALSE;
  }
  return TRUE;
}

/* a call of an application's own user agent (#GstSipCallBin:call), or one
 * that came to ours */
static gboolean
take_incoming (GstSipCallBin *bin, GstSipCall *call)
{
  const GstSDPMessage *offer = gst_sip_call_get_remote_description (call);
  GstSipSdpNegotiator *negotiator;
  GError *error = NULL;
  gchar *host = NULL;
  const gchar *address;
  gboolean auto_answer;

  address = sdp_connection_address (offer);
  host = address ? g_strdup (address)
                 : host_of_uri (gst_sip_call_get_remote_uri (call));
  drop_call (bin);
  stop_media (bin);
  negotiator = make_negotiator (bin, host, &error);
  g_free (host);
  if (!negotiator) {
    GST_WARNING_OBJECT (bin, "refusing a call: %s", error->message);
    gst_sip_call_reject (call, 488, NULL, NULL);
    g_error_free (error);
    return TRUE;
  }

  adopt_call (bin, call);
  gst_sip_call_set_negotiator (call, negotiator);
  g_object_unref (negotiator);
  mirror_descriptions (bin);
  post_progress (bin, GST_PROGRESS_TYPE_START, "invite",
      "Incoming call from %s", gst_sip_call_get_remote_uri (call));
  /* the state so far (proceeding) */
  on_call_state (call, NULL, bin);

  g_signal_emit (bin, signals[SIGNAL_INCOMING_CALL], 0,
      gst_sip_call_get_remote_uri (call), offer);

  GST_OBJECT_LOCK (bin);
  auto_answer = bin->auto_answer;
  GST_OBJECT_UNLOCK (bin);
  if (bin->call != call ||
      gst_sip_call_get_state (call) != GST_SIP_CALL_STATE_PROCEEDING)
    return TRUE;
  if (auto_answer)
    answer_call (bin);
  else
    gst_sip_call_ring (call, FALSE, NULL);
  return TRUE;
}

static gboolean
on_incoming_call (GstSipUserAgent *ua, GstSipCall *call, GstSipCallBin *bin)
{
  if (call_is_active (bin)) {
    GST_INFO_OBJECT (bin, "busy: refusing a second call");
    gst_sip_call_reject (call, 486, NULL, NULL);
    return TRUE;
  }
  return take_incoming (bin, call);
}

/* ---------------------------------------------------------------------- */
/* media timeout */

static gboolean
check_media_timeout (gpointer user_data)
{
  GstSipCallBin *bin = user_data;
  gint64 now = g_get_monotonic_time (), oldest = G_MAXINT64;
  gboolean any = FALSE;
  guint timeout;
  MediaKind kind;

  GST_OBJECT_LOCK (bin);
  timeout = bin->media_timeout;
  GST_OBJECT_UNLOCK (bin);
  if (!timeout || !call_is_active (bin) ||
      gst_sip_call_get_state (bin->call) != GST_SIP_CALL_STATE_ESTABLISHED)
    return G_SOURCE_CONTINUE;
  /* on hold (ours or the peer's): nothing is expected */
  if (gst_sip_sdp_negotiator_get_direction (gst_sip_call_get_negotiator (
          bin->call)) != GST_SIP_MEDIA_DIRECTION_SENDRECV)
    return G_SOURCE_CONTINUE;

  for (kind = 0; kind < N_MEDIA; kind++) {
    GstSipMedia *media = get_media (bin, kind);
    gint64 last;

    if (!media)
      continue;
    last = gst_sip_media_receives (media)
        ? gst_sip_media_get_last_activity (media)
        : 0;
    if (last) {
      oldest = MIN (oldest, last);
      any = TRUE;
    }
    gst_object_unref (media);
  }

  if (any && now - oldest > (gint64) timeout * G_USEC_PER_SEC) {
    GST_WARNING_OBJECT (bin, "no media for %u s: hanging up", (guint) timeout);
    bin->media_timed_out = TRUE;
    g_signal_emit (bin, signals[SIGNAL_MEDIA_TIMEOUT], 0);
    bin->hangup_requested = TRUE;
    post_progress (bin, GST_PROGRESS_TYPE_START, "hangup", "Media timeout");
    gst_sip_call_hangup (bin->call);
  }
  return G_SOURCE_CONTINUE;
}

/* ---------------------------------------------------------------------- */
/* DTMF */

typedef struct
{
  gchar digit[2];
  guint duration;
} DtmfData;

static void
emit_dtmf (GstSipCallBin *bin, gpointer data)
{
  DtmfData *d = data;

  g_signal_emit (bin, signals[SIGNAL_DTMF_RECEIVED], 0, d->digit, d->duration);
}

static void
on_media_dtmf (
    GstSipMedia *media, const gchar *digit, guint duration, gpointer user_data)
{
  GstSipCallBin *bin = user_data;
  DtmfData *d = g_new0 (DtmfData, 1);

  d->digit[0] = digit[0];
  d->duration = duration;
  enqueue (bin, emit_dtmf, d, g_free);
}

static gint
dtmf_event_number (gchar digit)
{
  static const gchar digits[] = "0123456789*#ABCD";
  const gchar *p = strchr (digits, g_ascii_toupper (digit));

  return digit && p ? (gint) (p - digits) : -1;
}

static gboolean play_next_dtmf (gpointer user_data);

static gboolean
end_dtmf (gpointer user_data)
{
  GstSipCallBin *bin = user_data;
  GstSipMedia *media;

  media = get_media (bin, MEDIA_AUDIO);
  if (media) {
    gst_sip_media_stop_dtmf (media);
    gst_object_unref (media);
  }
  g_clear_pointer (&bin->dtmf_source, g_source_unref);
  bin->dtmf_source = g_timeout_source_new (DTMF_GAP_MS);
  g_source_set_callback (bin->dtmf_source, play_next_dtmf, bin, NULL);
  g_source_attach (bin->dtmf_source, bin->sig_context);
  return G_SOURCE_REMOVE;
}

static gboolean
play_next_dtmf (gpointer user_data)
{
  GstSipCallBin *bin = user_data;
  GstSipMedia *media;
  gint event;
  guint duration;
  gboolean started = FALSE;

  g_clear_pointer (&bin->dtmf_source, g_source_unref);
  if (g_queue_is_empty (&bin->dtmf_queue)) {
    bin->dtmf_playing = FALSE;
    return G_SOURCE_REMOVE;
  }
  event = GPOINTER_TO_INT (g_queue_pop_head (&bin->dtmf_queue)) - 1;
  duration = GPOINTER_TO_UINT (g_queue_pop_head (&bin->dtmf_durations));
  media = get_media (bin, MEDIA_AUDIO);
  if (media) {
    started = gst_sip_media_start_dtmf (media, event);
    gst_object_unref (media);
  }
  if (!started)
    GST_WARNING_OBJECT (bin, "could not send telephone-event %d", event);
  bin->dtmf_playing = TRUE;
  bin->dtmf_source = g_timeout_source_new (duration);
  g_source_set_callback (bin->dtmf_source, end_dtmf, bin, NULL);
  g_source_attach (bin->dtmf_source, bin->sig_context);
  return G_SOURCE_REMOVE;
}

static void
stop_dtmf (GstSipCallBin *bin)
{
  if (bin->dtmf_source) {
    g_source_destroy (bin->dtmf_source);
    g_clear_pointer (&bin->dtmf_source, g_source_unref);
  }
  g_queue_clear (&bin->dtmf_queue);
  g_queue_clear (&bin->dtmf_durations);
  bin->dtmf_playing = FALSE;
}

static void
do_send_dtmf (GstSipCallBin *bin, gpointer data)
{
  DtmfData *d = data;
  GstSipMedia *media;
  gboolean rtp = FALSE;
  GError *error = NULL;

  if (!call_is_active (bin))
    return;
  media = get_media (bin, MEDIA_AUDIO);
  if (media) {
    rtp = gst_sip_media_can_send_dtmf (media);
    gst_object_unref (media);
  }

  if (!rtp) {
    /* no telephone-event: SIP INFO (application/dtmf-relay) */
    if (!gst_sip_call_send_dtmf (bin->call, d->digit, d->duration, &error)) {
      GST_WARNING_OBJECT (bin, "could not send DTMF: %s", error->message);
      g_error_free (error);
    }
    return;
  }
  g_queue_push_tail (
      &bin->dtmf_queue, GINT_TO_POINTER (dtmf_event_number (d->digit[0]) + 1));
  g_queue_push_tail (&bin->dtmf_durations, GUINT_TO_POINTER (d->duration));
  if (!bin->dtmf_playing)
    play_next_dtmf (bin);
}

/* ---------------------------------------------------------------------- */
/* action signals */

static void
do_dial_task (GstSipCallBin *bin, gpointer data)
{
  do_dial (bin, data);
}

static gboolean
gst_sip_call_bin_dial (GstSipCallBin *bin, const gchar *uri)
{
  if (!uri || !g_str_has_prefix (uri, "sip"))
    return FALSE;
  return enqueue (bin, do_dial_task, g_strdup (uri), g_free);
}

static void
do_answer (GstSipCallBin *bin, gpointer data)
{
  if (bin->call &&
      gst_sip_call_get_direction (bin->call) ==
          GST_SIP_CALL_DIRECTION_INCOMING &&
      gst_sip_call_get_state (bin->call) < GST_SIP_CALL_STATE_ANSWERING)
    answer_call (bin);
}

static gboolean
gst_sip_call_bin_answer (GstSipCallBin *bin)
{
  return enqueue (bin, do_answer, NULL, NULL);
}

typedef struct
{
  guint code;
  gchar *reason;
} RejectData;

static void
reject_data_free (gpointer data)
{
  RejectData *r = data;

  g_free (r->reason);
  g_free (r);
}

static void
do_reject (GstSipCallBin *bin, gpointer data)
{
  RejectData *r = data;
  GError *error = NULL;

  if (!bin->call ||
      gst_sip_call_get_direction (bin->call) !=
          GST_SIP_CALL_DIRECTION_INCOMING ||
      gst_sip_call_get_state (bin->call) >= GST_SIP_CALL_STATE_ANSWERING)
    return;
  if (!gst_sip_call_reject (bin->call, r->code, r->reason, &error)) {
    GST_WARNING_OBJECT (bin, "could not reject: %s", error->message);
    g_error_free (error);
  }
}

static gboolean
gst_sip_call_bin_reject (GstSipCallBin *bin, guint code, const gchar *reason)
{
  RejectData *r;

  if (code < 300 || code > 699)
    return FALSE;
  r = g_new0 (RejectData, 1);
  r->code = code;
  r->reason = g_strdup (reason && *reason ? reason : NULL);
  return enqueue (bin, do_reject, r, reject_data_free);
}

static void
do_hangup (GstSipCallBin *bin, gpointer data)
{
  if (!call_is_active (bin))
    return;
  bin->hangup_requested = TRUE;
  bin->hung_up = TRUE;
  post_progress (bin, GST_PROGRESS_TYPE_START, "hangup", "Hanging up");
  gst_sip_call_hangup (bin->call);
}

static gboolean
gst_sip_call_bin_hangup (GstSipCallBin *bin)
{
  return enqueue (bin, do_hangup, NULL, NULL);
}

static void
hold_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GstSipCallBin *bin = user_data;
  GError *error = NULL;
  guint code;

  code = gst_sip_call_hold_finish (GST_SIP_CALL (source), result, &error);
  if (error) {
    GST_WARNING_OBJECT (bin, "hold: %s", error->message);
    g_error_free (error);
  } else if (code >= 300) {
    GST_WARNING_OBJECT (bin, "hold refused with %u", code);
  }
  gst_object_unref (bin);
}

static void
do_hold (GstSipCallBin *bin, gpointer data)
{
  if (!call_is_active (bin))
    return;
  gst_sip_call_hold_async (
      bin->call, GPOINTER_TO_INT (data), NULL, hold_done, gst_object_ref (bin));
}

static gboolean
gst_sip_call_bin_hold (GstSipCallBin *bin, gboolean on)
{
  return enqueue (bin, do_hold, GINT_TO_POINTER (on), NULL);
}

static gboolean
gst_sip_call_bin_send_dtmf (
    GstSipCallBin *bin, const gchar *digit, guint duration)
{
  DtmfData *d;

  if (!digit || dtmf_event_number (digit[0]) < 0)
    return FALSE;
  d = g_new0 (DtmfData, 1);
  d->digit[0] = g_ascii_toupper (digit[0]);
  d->duration = duration ? duration : DEFAULT_DTMF_DURATION;
  return enqueue (bin, do_send_dtmf, d, g_free);
}

static GstStructure *
gst_sip_call_bin_get_stats (GstSipCallBin *bin)
{
  GstStructure *stats = gst_structure_new_empty ("application/x-sip-stats");
  MediaKind kind;

  GST_OBJECT_LOCK (bin);
  gst_structure_set (
      stats, "call-state", GST_TYPE_SIP_CALL_STATE, bin->call_state, NULL);
  GST_OBJECT_UNLOCK (bin);
  for (kind = 0; kind < N_MEDIA; kind++) {
    GstSipMedia *media = get_media (bin, kind);

    if (!media)
      continue;
    if (gst_sip_media_is_configured (media)) {
      GstStructure *s = gst_sip_media_get_stats (media);

      gst_structure_set (stats, media_names[kind], GST_TYPE_STRUCTURE, s, NULL);
      gst_structure_free (s);
    }
    gst_object_unref (media);
  }
  return stats;
}

/* ---------------------------------------------------------------------- */
/* state changes */

static void
account_registered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GstSipCallBin *bin = user_data;
  GError *error = NULL;
  guint code;

  code = gst_sip_account_register_finish (
      GST_SIP_ACCOUNT (source), result, &error);
  if (code >= 200 && code < 300) {
    post_progress (bin, GST_PROGRESS_TYPE_COMPLETE, "register", "Registered");
  } else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    /* the bin stopped before the registrar answered: no failure */
    post_progress (
        bin, GST_PROGRESS_TYPE_CANCELED, "register", "Registration cancelled");
  } else if (error) {
    post_progress (bin, GST_PROGRESS_TYPE_ERROR, "register",
        "Registration failed: %s", error->message);
  } else {
    post_progress (bin, GST_PROGRESS_TYPE_ERROR, "register",
        "Registration failed: %u", code);
  }
  if ((code < 200 || code >= 300) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
    post_call_error (bin, code,
        error && error->domain == GST_SIP_ERROR ? error : NULL,
        gst_sip_account_get_aor (GST_SIP_ACCOUNT (source)));
    if (error &&
        !g_error_matches (error, GST_SIP_ERROR, GST_SIP_ERROR_AUTH_FAILED) &&
        code != 401 && code != 407)
      GST_ELEMENT_ERROR (bin, RESOURCE, OPEN_READ_WRITE,
          (_ ("Could not register at the registrar.")), ("%s", error->message));
  }
  g_clear_error (&error);
  gst_object_unref (bin);
}

static gboolean
start_user_agent (GstSipCallBin *bin, gpointer data)
{
  GError **error = data;
  GstSipTransportProtocol protocol;
  GstSipTransport *transport;
  gchar *address, *local_uri, *username, *password, *ha1, *registrar, *proxy;
  gboolean port_set;
  guint port;

  GST_OBJECT_LOCK (bin);
  address = g_strdup (bin->address);
  port = bin->sip_port;
  port_set = bin->sip_port_set;
  protocol = bin->transport;
  local_uri = g_strdup (bin->local_uri);
  username = g_strdup (bin->username);
  password = g_strdup (bin->password);
  ha1 = g_strdup (bin->ha1);
  registrar = g_strdup (bin->registrar);
  proxy = g_strdup (bin->proxy);
  GST_OBJECT_UNLOCK (bin);

  bin->ua = gst_sip_user_agent_new ();
  if (local_uri)
    g_object_set (bin->ua, "from", local_uri, NULL);
  g_signal_connect (
      bin->ua, "incoming-call", G_CALLBACK (on_incoming_call), bin);
  transport = gst_sip_user_agent_add_transport (
      bin->ua, protocol, address, port, error);
  if (!transport && port == DEFAULT_SIP_PORT && !port_set) {
    /* 5060 is taken (another endpoint on this host): any port does for
     * calling out, and incoming calls can use the port read back */
    GST_WARNING_OBJECT (bin, "%s; using an ephemeral port", (*error)->message);
    g_clear_error (error);
    transport =
        gst_sip_user_agent_add_transport (bin->ua, protocol, address, 0, error);
  }
  if (!transport)
    goto done;
  GST_OBJECT_LOCK (bin);
  bin->bound_sip_port = gst_sip_transport_get_port (transport);
  GST_OBJECT_UNLOCK (bin);

  if (local_uri && (username || registrar || proxy)) {
    bin->account = gst_sip_account_new (bin->ua, local_uri, error);
    if (!bin->account)
      goto done;
    if (username)
      g_object_set (bin->account, "username", username, NULL);
    if (password)
      gst_sip_account_set_password (bin->account, password);
    if (ha1)
      gst_sip_account_set_ha1 (bin->account, ha1);
    if (registrar)
      g_object_set (bin->account, "registrar", registrar, NULL);
    if (proxy)
      g_object_set (bin->account, "proxy", proxy, NULL);
    g_object_set (bin->account, "transport", protocol, NULL);
  }
  bin->cancellable = g_cancellable_new ();

done:
  g_free (address);
  g_free (local_uri);
  g_free (username);
  if (password)
    memset (password, 0, strlen (password));
  g_free (password);
  if (ha1)
    memset (ha1, 0, strlen (ha1));
  g_free (ha1);
  g_free (registrar);
  g_free (proxy);
  return *error == NULL;
}

static gboolean
start_registration (GstSipCallBin *bin, gpointer data)
{
  gchar *registrar;

  GST_OBJECT_LOCK (bin);
  registrar = g_strdup (bin->registrar);
  GST_OBJECT_UNLOCK (bin);
  if (bin->account && registrar &&
      gst_sip_account_get_state (bin->account) ==
          GST_SIP_ACCOUNT_STATE_UNREGISTERED) {
    post_progress (bin, GST_PROGRESS_TYPE_START, "register",
        "Registering at %s", registrar);
    gst_sip_account_register_async (bin->account, bin->cancellable,
        account_registered, gst_object_ref (bin));
  }
  g_free (registrar);
  return TRUE;
}

static gboolean
take_app_call (GstSipCallBin *bin, gpointer data)
{
  GstSipCall *call = data;

  if (bin->call == call)
    return TRUE;
  if (gst_sip_call_get_direction (call) == GST_SIP_CALL_DIRECTION_INCOMING &&
      gst_sip_call_get_state (call) == GST_SIP_CALL_STATE_PROCEEDING)
    return take_incoming (bin, call);
  GST_WARNING_OBJECT (bin, "the call is not an incoming call to answer");
  return FALSE;
}

static gboolean
hangup_for_stop (GstSipCallBin *bin, gpointer data)
{
  stop_dtmf (bin);
  stop_timeout_check (bin);
  if (call_is_active (bin)) {
    bin->hangup_requested = TRUE;
    bin->hung_up = TRUE;
    post_progress (bin, GST_PROGRESS_TYPE_START, "hangup", "Hanging up");
    gst_sip_call_hangup (bin->call);
  }
  return TRUE;
}

static gboolean
sync_point (GstSipCallBin *bin, gpointer data)
{
  return TRUE;
}

static gboolean
stop_media_sync (GstSipCallBin *bin, gpointer data)
{
  GST_OBJECT_LOCK (bin);
  bin->media_stale = FALSE;
  GST_OBJECT_UNLOCK (bin);
  stop_media (bin);
  return TRUE;
}

/* the media of a call that ended while the bin was paused */
static gboolean
stop_stale_media (GstSipCallBin *bin, gpointer data)
{
  gboolean stale;

  GST_OBJECT_LOCK (bin);
  stale = bin->media_stale;
  bin->media_stale = FALSE;
  GST_OBJECT_UNLOCK (bin);
  if (stale)
    stop_media (bin);
  return TRUE;
}

static gboolean
stop_user_agent (GstSipCallBin *bin, gpointer data)
{
  MediaKind kind;

  drop_call (bin);
  /* the ports are free again in the NULL state */
  for (kind = 0; kind < N_MEDIA; kind++) {
    GstSipMedia *media = get_media (bin, kind);

    if (media) {
      gst_sip_media_stop (media, FALSE);
      gst_sip_media_unbind (media);
      gst_object_unref (media);
    }
  }
  if (bin->cancellable)
    g_cancellable_cancel (bin->cancellable);
  g_clear_object (&bin->cancellable);
  g_clear_object (&bin->account);
  if (bin->ua) {
    g_signal_handlers_disconnect_by_data (bin->ua, bin);
    g_clear_object (&bin->ua);
  }
  return TRUE;
}

/* The bin is a live source to its parent whatever its udpsinks (see
 * gst_sip_call_bin_init()), but below PAUSED, with a sink pad, it is a sink
 * too.  The parent then takes it, and the elements upstream of its sink
 * pads, to PAUSED before the elements that are linked to nothing yet, such
 * as a demuxer whose source pads come once it reads its input: started
 * first, such an element streams into a parser that is not activated yet,
 * gets FLUSHING back and, when it is not live, stops for good.  In PAUSED
 * and PLAYING the bin is a source only, so that the pipeline's EOS does not
 * wait for one from the bin. */
static void
update_sink_flag (GstSipCallBin *bin, gboolean below_paused)
{
  gboolean sink;

  g_mutex_lock (&bin->media_lock);
  sink = below_paused &&
      (bin->sink_pads[MEDIA_AUDIO] || bin->sink_pads[MEDIA_VIDEO]);
  g_mutex_unlock (&bin->media_lock);

  GST_OBJECT_LOCK (bin);
  if (sink)
    GST_OBJECT_FLAG_SET (bin, GST_ELEMENT_FLAG_SINK);
  else
    GST_OBJECT_FLAG_UNSET (bin, GST_ELEMENT_FLAG_SINK);
  GST_OBJECT_UNLOCK (bin);
}

static GstStateChangeReturn
gst_sip_call_bin_change_state (GstElement *element, GstStateChange transition)
{
  GstSipCallBin *bin = GST_SIP_CALL_BIN (element);
  GstStateChangeReturn ret;
  GError *error = NULL;
  GstSipCall *app_call;
  gchar *uri;

  switch (transition) {
    case GST_STATE_CHANGE_NULL_TO_READY:
      if (!bin->rtpbin)
        goto no_rtpbin;
      GST_OBJECT_LOCK (bin);
      app_call = bin->app_call ? g_object_ref (bin->app_call) : NULL;
      GST_OBJECT_UNLOCK (bin);
      if (app_call) {
        GMainContext *context = gst_sip_user_agent_get_context (
            gst_sip_call_get_user_agent (app_call));

        GST_OBJECT_LOCK (bin);
        bin->sig_context = g_main_context_ref (context);
        GST_OBJECT_UNLOCK (bin);
        g_object_unref (app_call);
      } else {
        GST_OBJECT_LOCK (bin);
        start_thread (bin);
        GST_OBJECT_UNLOCK (bin);
        if (!run_sync (bin, start_user_agent, &error))
          goto no_user_agent;
      }
      g_signal_emit (bin, signals[SIGNAL_NEW_MANAGER], 0, bin->rtpbin);
      break;
    case GST_STATE_CHANGE_PLAYING_TO_PAUSED:
      /* lets a stop_media() that started in PLAYING end before the sinks
       * of the bin pause */
      run_sync (bin, sync_point, NULL);
      break;
    case GST_STATE_CHANGE_PAUSED_TO_READY:
      run_sync (bin, hangup_for_stop, NULL);
      break;
    default:
      break;
  }

  ret = GST_ELEMENT_CLASS (parent_class)->change_state (element, transition);
  if (ret == GST_STATE_CHANGE_FAILURE)
    return ret;

  switch (transition) {
    case GST_STATE_CHANGE_NULL_TO_READY:
      update_sink_flag (bin, TRUE);
      break;
    case GST_STATE_CHANGE_READY_TO_PAUSED:
      update_sink_flag (bin, FALSE);
      run_sync (bin, start_registration, NULL);
      ret = GST_STATE_CHANGE_NO_PREROLL;
      break;
    case GST_STATE_CHANGE_PLAYING_TO_PAUSED:
      ret = GST_STATE_CHANGE_NO_PREROLL;
      break;
    case GST_STATE_CHANGE_PAUSED_TO_PLAYING:
      GST_OBJECT_LOCK (bin);
      uri = g_strdup (bin->remote_uri);
      app_call = bin->app_call ? g_object_ref (bin->app_call) : NULL;
      GST_OBJECT_UNLOCK (bin);
      run_sync (bin, stop_stale_media, NULL);
      if (app_call) {
        run_sync (bin, take_app_call, app_call);
        g_object_unref (app_call);
      } else if (uri) {
        enqueue (bin, do_dial_task, g_strdup (uri), g_free);
      }
      g_free (uri);
      break;
    case GST_STATE_CHANGE_PAUSED_TO_READY:
      run_sync (bin, stop_media_sync, NULL);
      update_sink_flag (bin, TRUE);
      break;
    case GST_STATE_CHANGE_READY_TO_NULL:
      run_sync (bin, stop_user_agent, NULL);
      GST_OBJECT_LOCK (bin);
      bin->call_state = GST_SIP_CALL_STATE_IDLE;
      bin->bound_sip_port = 0;
      GST_OBJECT_UNLOCK (bin);
      stop_thread (bin);
      break;
    default:
      break;
  }
  return ret;

  /* ERRORS */
no_rtpbin : {
  gst_element_post_message (
      element, gst_missing_element_message_new (element, "rtpbin"));
  GST_ELEMENT_ERROR (bin, CORE, MISSING_PLUGIN,
      (_ ("The GStreamer element \"%s\" is not installed."), "rtpbin"), (NULL));
  return GST_STATE_CHANGE_FAILURE;
}
no_user_agent : {
  GST_ELEMENT_ERROR (bin, RESOURCE, OPEN_READ_WRITE,
      (_ ("Could not start the SIP user agent.")), ("%s", error->message));
  g_error_free (error);
  run_sync (bin, stop_user_agent, NULL);
  stop_thread (bin);
  return GST_STATE_CHANGE_FAILURE;
}
}

/* ---------------------------------------------------------------------- */
/* pads */

static GstPad *
gst_sip_call_bin_request_new_pad (GstElement *element, GstPadTemplate *templ,
    const gchar *name, const GstCaps *caps)
{
  GstSipCallBin *bin = GST_SIP_CALL_BIN (element);
  const gchar *template_name = GST_PAD_TEMPLATE_NAME_TEMPLATE (templ);
  MediaKind kind;
  GstSipMedia *media;
  GstPad *target, *ghost;

  if (strcmp (template_name, "audio_sink") == 0)
    kind = MEDIA_AUDIO;
  else if (strcmp (template_name, "video_sink") == 0)
    kind = MEDIA_VIDEO;
  else
    return NULL;

  g_mutex_lock (&bin->media_lock);
  if (bin->sink_pads[kind]) {
    g_mutex_unlock (&bin->media_lock);
    GST_WARNING_OBJECT (bin, "%s is taken already", template_name);
    return NULL;
  }
  media = ensure_media (bin, kind);
  target = gst_sip_media_get_input (media);
  ghost = gst_ghost_pad_new_from_template (template_name, target, templ);
  gst_object_unref (target);
  bin->sink_pads[kind] = ghost;
  g_mutex_unlock (&bin->media_lock);

  if (GST_STATE (bin) < GST_STATE_PAUSED)
    update_sink_flag (bin, TRUE);
  if (GST_STATE (bin) > GST_STATE_NULL)
    gst_pad_set_active (ghost, TRUE);
  gst_element_add_pad (element, ghost);
  return ghost;
}

static void
gst_sip_call_bin_release_pad (GstElement *element, GstPad *pad)
{
  GstSipCallBin *bin = GST_SIP_CALL_BIN (element);
  MediaKind kind;

  g_mutex_lock (&bin->media_lock);
  for (kind = 0; kind < N_MEDIA; kind++) {
    if (bin->sink_pads[kind] == pad)
      bin->sink_pads[kind] = NULL;
  }
  g_mutex_unlock (&bin->media_lock);
  if (GST_STATE (bin) < GST_STATE_PAUSED)
    update_sink_flag (bin, TRUE);
  gst_element_remove_pad (element, pad);
}

/* ---------------------------------------------------------------------- */
/* GstURIHandler */

static GstURIType
uri_get_type (GType type)
{
  return GST_URI_SRC;
}

static const gchar *const *
uri_get_protocols (GType type)
{
  static const gchar *const protocols[] = { "sip", "sips", NULL };

  return protocols;
}

static gchar *
uri_get_uri (GstURIHandler *handler)
{
  GstSipCallBin *bin = GST_SIP_CALL_BIN (handler);
  gchar *uri;

  GST_OBJECT_LOCK (bin);
  uri = g_strdup (bin->remote_uri);
  GST_OBJECT_UNLOCK (bin);
  return uri;
}

static gboolean
uri_set_uri (GstURIHandler *handler, const gchar *uri, GError **error)
{
  GstSipCallBin *bin = GST_SIP_CALL_BIN (handler);
  GstSipUri *parsed = gst_sip_uri_new (uri, NULL);

  if (!parsed) {
    g_set_error (error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI,
        _ ("\"%s\" is not a SIP URI."), uri);
    return FALSE;
  }
  gst_sip_uri_free (parsed);
  g_object_set (bin, "remote-uri", uri, NULL);
  return TRUE;
}

static void
gst_sip_call_bin_uri_handler_init (gpointer g_iface, gpointer iface_data)
{
  GstURIHandlerInterface *iface = g_iface;

  iface->get_type = uri_get_type;
  iface->get_protocols = uri_get_protocols;
  iface->get_uri = uri_get_uri;
  iface->set_uri = uri_set_uri;
}

/* ---------------------------------------------------------------------- */
/* GObject */

static void
gst_sip_call_bin_init (GstSipCallBin *bin)
{
  g_mutex_init (&bin->media_lock);
  bin->transport = DEFAULT_TRANSPORT;
  bin->sip_port = DEFAULT_SIP_PORT;
  bin->address = g_strdup (DEFAULT_ADDRESS);
  bin->auto_answer = DEFAULT_AUTO_ANSWER;
  bin->latency = DEFAULT_LATENCY;
  bin->decode = DEFAULT_DECODE;
  bin->media_timeout = DEFAULT_MEDIA_TIMEOUT;
  bin->call_state = GST_SIP_CALL_STATE_IDLE;
  g_queue_init (&bin->dtmf_queue);
  g_queue_init (&bin->dtmf_durations);

  bin->rtpbin = gst_element_factory_make ("rtpbin", "rtpbin");
  if (bin->rtpbin) {
    gst_object_ref (bin->rtpbin);
    g_object_set (bin->rtpbin, "latency", bin->latency, "do-lost", TRUE, NULL);
    g_signal_connect (
        bin->rtpbin, "request-pt-map", G_CALLBACK (on_request_pt_map), bin);
    g_signal_connect (bin->rtpbin, "request-rtp-encoder",
        G_CALLBACK (on_request_rtp_encoder), bin);
    g_signal_connect (bin->rtpbin, "request-rtcp-encoder",
        G_CALLBACK (on_request_rtcp_encoder), bin);
    g_signal_connect (bin->rtpbin, "request-rtp-decoder",
        G_CALLBACK (on_request_decoder), bin);
    g_signal_connect (bin->rtpbin, "request-rtcp-decoder",
        G_CALLBACK (on_request_decoder), bin);
    g_signal_connect (
        bin->rtpbin, "pad-added", G_CALLBACK (on_rtpbin_pad_added), bin);
    g_signal_connect (
        bin->rtpbin, "pad-removed", G_CALLBACK (on_rtpbin_pad_removed), bin);
    g_signal_connect (bin->rtpbin, "new-jitterbuffer",
        G_CALLBACK (on_new_jitterbuffer), NULL);
    gst_bin_add (GST_BIN (bin), bin->rtpbin);
  }

  /* a live source for the pipeline, whatever its udpsinks say */
  GST_OBJECT_FLAG_SET (bin, GST_ELEMENT_FLAG_SOURCE);
  gst_bin_set_suppressed_flags (
      GST_BIN (bin), GST_ELEMENT_FLAG_SOURCE | GST_ELEMENT_FLAG_SINK);
}

static void
gst_sip_call_bin_dispose (GObject *object)
{
  GstSipCallBin *bin = GST_SIP_CALL_BIN (object);
  MediaKind kind;

  for (kind = 0; kind < N_MEDIA; kind++)
    gst_clear_object (&bin->media[kind]);
  if (bin->rtpbin) {
    g_signal_handlers_disconnect_by_data (bin->rtpbin, bin);
    gst_clear_object (&bin->rtpbin);
  }
  G_OBJECT_CLASS (parent_class)->dispose (object);
}

static void
gst_sip_call_bin_finalize (GObject *object)
{
  GstSipCallBin *bin = GST_SIP_CALL_BIN (object);

  g_free (bin->remote_uri);
  g_free (bin->local_uri);
  g_free (bin->username);
  if (bin->password)
    memset (bin->password, 0, strlen (bin->password));
  g_free (bin->password);
  if (bin->ha1)
    memset (bin->ha1, 0, strlen (bin->ha1));
  g_free (bin->ha1);
  g_free (bin->registrar);
  g_free (bin->proxy);
  g_free (bin->address);
  g_free (bin->codecs);
  g_free (bin->reason);
  g_clear_object (&bin->app_call);
  g_clear_pointer (&bin->local_description, gst_sdp_message_free);
  g_clear_pointer (&bin->remote_description, gst_sdp_message_free);
  g_mutex_clear (&bin->media_lock);

  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static gboolean
parse_port_range (const gchar *text, guint *min, guint *max)
{
  guint64 a, b;
  gchar **parts;
  gboolean ok;

  if (!text || !*text || strcmp (text, "0") == 0) {
    *min = *max = 0;
    return TRUE;
  }
  parts = g_strsplit (text, "-", 2);
  ok = parts[0] && parts[1] &&
      g_ascii_string_to_unsigned (parts[0], 10, 1, 65535, &a, NULL) &&
      g_ascii_string_to_unsigned (parts[1], 10, 1, 65535, &b, NULL) && a < b;
  g_strfreev (parts);
  if (ok) {
    *min = a;
    *max = b;
  }
  return ok;
}

static void
replace_string (GstSipCallBin *bin, gchar **field, const GValue *value)
{
  const gchar *text = g_value_get_string (value);

  GST_OBJECT_LOCK (bin);
  if (*field)
    memset (*field, 0, strlen (*field));
  g_free (*field);
  *field = text && *text ? g_strdup (text) : NULL;
  GST_OBJECT_UNLOCK (bin);
}

static void
gst_sip_call_bin_set_property (
    GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstSipCallBin *bin = GST_SIP_CALL_BIN (object);

  switch (prop_id) {
    case PROP_REMOTE_URI:
      replace_string (bin, &bin->remote_uri, value);
      break;
    case PROP_LOCAL_URI:
      replace_string (bin, &bin->local_uri, value);
      break;
    case PROP_USERNAME:
      replace_string (bin, &bin->username, value);
      break;
    case PROP_PASSWORD:
      replace_string (bin, &bin->password, value);
      break;
    case PROP_HA1:
      replace_string (bin, &bin->ha1, value);
      break;
    case PROP_REGISTRAR:
      replace_string (bin, &bin->registrar, value);
      break;
    case PROP_PROXY:
      replace_string (bin, &bin->proxy, value);
      break;
    case PROP_TRANSPORT:
      GST_OBJECT_LOCK (bin);
      bin->transport = g_value_get_enum (value);
      GST_OBJECT_UNLOCK (bin);
      break;
    case PROP_SIP_PORT:
      GST_OBJECT_LOCK (bin);
      bin->sip_port = g_value_get_uint (value);
      bin->sip_port_set = TRUE;
      GST_OBJECT_UNLOCK (bin);
      break;
    case PROP_ADDRESS: {
      const gchar *text = g_value_get_string (value);
      GInetAddress *inet = text ? g_inet_address_new_from_string (text) : NULL;

      if (!inet) {
        GST_WARNING_OBJECT (bin, "\"%s\" is not an IP address", text);
        break;
      }
      g_object_unref (inet);
      replace_string (bin, &bin->address, value);
      break;
    }
    case PROP_RTP_PORT_RANGE: {
      guint min, max;

      if (!parse_port_range (g_value_get_string (value), &min, &max)) {
        GST_WARNING_OBJECT (
            bin, "bad port range \"%s\"", g_value_get_string (value));
        break;
      }
      GST_OBJECT_LOCK (bin);
      bin->port_min = min;
      bin->port_max = max;
      GST_OBJECT_UNLOCK (bin);
      break;
    }
    case PROP_AUTO_ANSWER:
      GST_OBJECT_LOCK (bin);
      bin->auto_answer = g_value_get_boolean (value);
      GST_OBJECT_UNLOCK (bin);
      break;
    case PROP_LATENCY:
      GST_OBJECT_LOCK (bin);
      bin->latency = g_value_get_uint (value);
      GST_OBJECT_UNLOCK (bin);
      if (bin->rtpbin)
        g_object_set (bin->rtpbin, "latency", g_value_get_uint (value), NULL);
      break;
    case PROP_DECODE:
      GST_OBJECT_LOCK (bin);
      bin->decode = g_value_get_boolean (value);
      GST_OBJECT_UNLOCK (bin);
      break;
    case PROP_MEDIA_TIMEOUT:
      GST_OBJECT_LOCK (bin);
      bin->media_timeout = g_value_get_uint (value);
      GST_OBJECT_UNLOCK (bin);
      break;
    case PROP_CODECS:
      replace_string (bin, &bin->codecs, value);
      break;
    case PROP_SRTP:
      GST_OBJECT_LOCK (bin);
      bin->srtp = g_value_get_enum (value);
      GST_OBJECT_UNLOCK (bin);
      break;
    case PROP_CALL:
      GST_OBJECT_LOCK (bin);
      g_clear_object (&bin->app_call);
      bin->app_call = g_value_dup_object (value);
      GST_OBJECT_UNLOCK (bin);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_call_bin_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipCallBin *bin = GST_SIP_CALL_BIN (object);

  GST_OBJECT_LOCK (bin);
  switch (prop_id) {
    case PROP_REMOTE_URI:
      g_value_set_string (value, bin->remote_uri);
      break;
    case PROP_LOCAL_URI:
      g_value_set_string (value, bin->local_uri);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, bin->username);
      break;
    case PROP_REGISTRAR:
      g_value_set_string (value, bin->registrar);
      break;
    case PROP_PROXY:
      g_value_set_string (value, bin->proxy);
      break;
    case PROP_TRANSPORT:
      g_value_set_enum (value, bin->transport);
      break;
    case PROP_SIP_PORT:
      g_value_set_uint (
          value, bin->bound_sip_port ? bin->bound_sip_port : bin->sip_port);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, bin->address);
      break;
    case PROP_RTP_PORT_RANGE:
      if (bin->port_min)
        g_value_take_string (
            value, g_strdup_printf ("%u-%u", bin->port_min, bin->port_max));
      else
        g_value_set_string (value, NULL);
      break;
    case PROP_AUTO_ANSWER:
      g_value_set_boolean (value, bin->auto_answer);
      break;
    case PROP_LATENCY:
      g_value_set_uint (value, bin->latency);
      break;
    case PROP_DECODE:
      g_value_set_boolean (value, bin->decode);
      break;
    case PROP_MEDIA_TIMEOUT:
      g_value_set_uint (value, bin->media_timeout);
      break;
    case PROP_CODECS:
      g_value_set_string (value, bin->codecs);
      break;
    case PROP_SRTP:
      g_value_set_enum (value, bin->srtp);
      break;
    case PROP_CALL:
      g_value_set_object (value, bin->app_call);
      break;
    case PROP_USER_AGENT:
      if (bin->app_call)
        g_value_set_object (value, gst_sip_call_get_user_agent (bin->app_call));
      else
        g_value_set_object (value, bin->ua);
      break;
    case PROP_CALL_STATE:
      g_value_set_enum (value, bin->call_state);
      break;
    case PROP_STATUS_CODE:
      g_value_set_uint (value, bin->status_code);
      break;
    case PROP_REASON:
      g_value_set_string (value, bin->reason);
      break;
    case PROP_LOCAL_DESCRIPTION:
      g_value_set_boxed (value, bin->local_description);
      break;
    case PROP_REMOTE_DESCRIPTION:
      g_value_set_boxed (value, bin->remote_description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (bin);
}

static void
gst_sip_call_bin_class_init (GstSipCallBinClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags wo = G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS;

  gobject_class->dispose = gst_sip_call_bin_dispose;
  gobject_class->finalize = gst_sip_call_bin_finalize;
  gobject_class->set_property = gst_sip_call_bin_set_property;
  gobject_class->get_property = gst_sip_call_bin_get_property;

  element_class->change_state = gst_sip_call_bin_change_state;
  element_class->request_new_pad = gst_sip_call_bin_request_new_pad;
  element_class->release_pad = gst_sip_call_bin_release_pad;

  /**
   * GstSipCallBin:remote-uri:
   *
   * The SIP URI to call, such as `sip:bob@example.com`; the bin dials it
   * when it goes to PLAYING.  Unset, the bin waits for calls.
   *
   * Since: 0.1
   */
  properties[PROP_REMOTE_URI] = g_param_spec_string ("remote-uri", "Remote URI",
      "The SIP URI to call when going to PLAYING", DEFAULT_REMOTE_URI, rw);

  /**
   * GstSipCallBin:local-uri:
   *
   * Our address, such as `sip:alice@example.com`: the From of the calls
   * we place and the address of record we register.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_URI] = g_param_spec_string ("local-uri", "Local URI",
      "Our SIP address (From, address of record)", DEFAULT_LOCAL_URI, rw);

  /**
   * GstSipCallBin:username:
   *
   * The user name to authenticate with (digest authentication), when it is
   * not the user part of #GstSipCallBin:local-uri.
   *
   * Since: 0.1
   */
  properties[PROP_USERNAME] = g_param_spec_string ("username", "User name",
      "The user name for digest authentication", NULL, rw);

  /**
   * GstSipCallBin:password:
   *
   * The password for digest authentication.  Write-only; it never appears
   * in logs.
   *
   * Since: 0.1
   */
  properties[PROP_PASSWORD] = g_param_spec_string ("password", "Password",
      "The password for digest authentication (write-only)", NULL, wo);

  /**
   * GstSipCallBin:ha1:
   *
   * The precomputed digest HA1 (MD5 of `username:realm:password`), instead
   * of #GstSipCallBin:password.  Write-only.
   *
   * Since: 0.1
   */
  properties[PROP_HA1] = g_param_spec_string ("ha1", "HA1",
      "The precomputed digest HA1, instead of the password (write-only)", NULL,
      wo);

  /**
   * GstSipCallBin:registrar:
   *
   * The registrar URI, such as `sip:example.com`.  When set, the bin
   * registers #GstSipCallBin:local-uri there on READY to PAUSED, so that
   * calls to it reach the bin.
   *
   * Since: 0.1
   */
  properties[PROP_REGISTRAR] = g_param_spec_string ("registrar", "Registrar",
      "The registrar to register the local URI at", NULL, rw);

  /**
   * GstSipCallBin:proxy:
   *
   * The outbound proxy URI every request goes through.
   *
   * Since: 0.1
   */
  properties[PROP_PROXY] = g_param_spec_string ("proxy", "Proxy",
      "The outbound proxy every request goes through", NULL, rw);

  /**
   * GstSipCallBin:transport:
   *
   * The transport of the SIP messages.  With %GST_SIP_TRANSPORT_PROTOCOL_TLS
   * a `sip:` remote URI gets `;transport=tls`; the certificates are those
   * of the user agent (#GstSipCallBin:user-agent, see
   * #GstSipUserAgent:tls-ca-file and #GstSipUserAgent:tls-certificate).
   * With %GST_SIP_TRANSPORT_PROTOCOL_WS or %GST_SIP_TRANSPORT_PROTOCOL_WSS
   * (SIP over WebSocket, RFC 7118) the remote URI gets `;transport=ws` or
   * `;transport=wss`, and the bin is a WebSocket client of its proxy or
   * of the remote end.
   *
   * Since: 0.1
   */
  properties[PROP_TRANSPORT] = g_param_spec_enum ("transport", "Transport",
      "The transport of the SIP messages", GST_TYPE_SIP_TRANSPORT_PROTOCOL,
      DEFAULT_TRANSPORT, rw);

  /**
   * GstSipCallBin:sip-port:
   *
   * The local port of the SIP messages, 0 for an ephemeral one.  When it
   * is left at the default and 5060 is taken, the bin takes an ephemeral
   * port.  Once the bin is in READY, reading it gives the port bound.
   *
   * Since: 0.1
   */
  properties[PROP_SIP_PORT] = g_param_spec_uint ("sip-port", "SIP port",
      "The local SIP port (0 = ephemeral); the bound one once in READY", 0,
      65535, DEFAULT_SIP_PORT, rw);

  /**
   * GstSipCallBin:address:
   *
   * The local IP address the SIP and RTP sockets are bound to.  With the
   * wildcard address, the address written in the SDP is the one of the
   * interface that reaches the peer.
   *
   * Since: 0.1
   */
  properties[PROP_ADDRESS] = g_param_spec_string ("address", "Address",
      "The local IP address to bind", DEFAULT_ADDRESS, rw);

  /**
   * GstSipCallBin:rtp-port-range:
   *
   * The UDP ports for RTP and RTCP, as `min-max`: each stream takes an even
   * port for RTP and the next one for RTCP.  Unset, ephemeral ports.
   *
   * Since: 0.1
   */
  properties[PROP_RTP_PORT_RANGE] =
      g_param_spec_string ("rtp-port-range", "RTP port range",
          "The UDP ports for RTP and RTCP, as min-max (unset = ephemeral)",
          DEFAULT_RTP_PORT_RANGE, rw);

  /**
   * GstSipCallBin:auto-answer:
   *
   * Answers incoming calls at once instead of ringing and waiting for the
   * `answer` action signal.
   *
   * Since: 0.1
   */
  properties[PROP_AUTO_ANSWER] = g_param_spec_boolean ("auto-answer",
      "Auto-answer", "Answer incoming calls at once", DEFAULT_AUTO_ANSWER, rw);

  /**
   * GstSipCallBin:latency:
   *
   * The size of the jitterbuffers in milliseconds.  A stream starts as
   * soon as its first packets arrived in order, without waiting for the
   * latency; the latency applies to the timestamps and to what comes later.
   *
   * Since: 0.1
   */
  properties[PROP_LATENCY] = g_param_spec_uint ("latency", "Latency",
      "The jitterbuffer size in milliseconds", 0, G_MAXUINT, DEFAULT_LATENCY,
      rw);

  /**
   * GstSipCallBin:decode:
   *
   * Decodes what the peer sends: the source pads give raw audio and video
   * instead of the parsed encoded streams.
   *
   * Since: 0.1
   */
  properties[PROP_DECODE] = g_param_spec_boolean ("decode", "Decode",
      "Give raw media on the source pads", DEFAULT_DECODE, rw);

  /**
   * GstSipCallBin:media-timeout:
   *
   * Seconds without RTP or RTCP from the peer after which the call is hung
   * up, unless it is on hold; 0 never.  The media are checked once a
   * second: the call ends up to two seconds after that.
   *
   * Since: 0.1
   */
  properties[PROP_MEDIA_TIMEOUT] = g_param_spec_uint ("media-timeout",
      "Media timeout", "Seconds without media before hanging up (0 = never)", 0,
      G_MAXUINT / 2, DEFAULT_MEDIA_TIMEOUT, rw);

  /**
   * GstSipCallBin:codecs:
   *
   * The encoding names to offer and accept, in the order of preference and
   * separated by commas, such as `H263-1998,PCMA`; telephone-event is
   * always added.  A name may carry format parameters the codec must have,
   * after semicolons: `AMR;octet-align=0` is bandwidth-efficient AMR only,
   * `H264;packetization-mode=0` H.264 in single NAL unit mode only (a
   * parameter the codec lacks counts as 0).  Unset, every codec whose
   * elements are installed, in the library's order
   * (gst_sip_codec_list_defaults()), with H.264 in packetization mode 0
   * after mode 1.
   *
   * Since: 0.1
   */
  properties[PROP_CODECS] = g_param_spec_string ("codecs", "Codecs",
      "Encoding names in the order of preference (unset = all available)",
      DEFAULT_CODECS, rw);

  /**
   * GstSipCallBin:call:
   *
   * An incoming #GstSipCall of an application's own #GstSipUserAgent, not
   * answered yet, for the bin to carry: set it in the NULL state, before
   * PLAYING.  The bin then runs on that user agent's main context and
   * answers the call with #GstSipCallBin:auto-answer or the `answer`
   * action signal.
   *
   * Since: 0.1
   */
  properties[PROP_CALL] = g_param_spec_object ("call", "Call",
      "An incoming call of the application's own user agent", GST_TYPE_SIP_CALL,
      rw);

  /**
   * GstSipCallBin:user-agent:
   *
   * The #GstSipUserAgent of the bin, from READY on, for its settings (such
   * as its timers) and signals.  It lives on the bin's signalling thread.
   *
   * Since: 0.1
   */
  properties[PROP_USER_AGENT] = g_param_spec_object ("user-agent", "User agent",
      "The SIP user agent of the bin", GST_TYPE_SIP_USER_AGENT, ro);

  /**
   * GstSipCallBin:call-state:
   *
   * The state of the call, notified on every change.
   *
   * Since: 0.1
   */
  properties[PROP_CALL_STATE] =
      g_param_spec_enum ("call-state", "Call state", "The state of the call",
          GST_TYPE_SIP_CALL_STATE, GST_SIP_CALL_STATE_IDLE, ro);

  /**
   * GstSipCallBin:status-code:
   *
   * The last final status of the call, such as 200, 486 or 487.
   *
   * Since: 0.1
   */
  properties[PROP_STATUS_CODE] = g_param_spec_uint ("status-code",
      "Status code", "The last final status of the call", 0, 699, 0, ro);

  /**
   * GstSipCallBin:reason:
   *
   * The reason phrase or error text of #GstSipCallBin:status-code.
   *
   * Since: 0.1
   */
  properties[PROP_REASON] = g_param_spec_string (
      "reason", "Reason", "The reason of the last status", NULL, ro);

  /**
   * GstSipCallBin:local-description:
   *
   * The SDP we sent last.  With #GstSipCallBin:srtp, it holds our SRTP
   * keys in its `a=crypto` lines: do not log it or show it.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_DESCRIPTION] = g_param_spec_boxed ("local-description",
      "Local description", "The SDP we sent last", GST_TYPE_SDP_MESSAGE, ro);

  /**
   * GstSipCallBin:remote-description:
   *
   * The SDP the peer sent last.  With SRTP, it holds the peer's keys in
   * its `a=crypto` lines: do not log it or show it.
   *
   * Since: 0.1
   */
  properties[PROP_REMOTE_DESCRIPTION] =
      g_param_spec_boxed ("remote-description", "Remote description",
          "The SDP the peer sent last", GST_TYPE_SDP_MESSAGE, ro);

  /**
   * GstSipCallBin:srtp:
   *
   * Whether the media is protected with SRTP, keyed with `a=crypto` lines
   * in the SDP (SDES, RFC 4568): `disabled` for plain RTP, `optional` to
   * offer `RTP/AVP` with keys and take SRTP when the peer answers with
   * them (plain RTP otherwise), `mandatory` to offer `RTP/SAVP` and refuse
   * calls without SRTP (a 488).  Re-INVITEs keep our keys and take the
   * peer's new ones, which the bin gives to its srtpenc and srtpdec
   * without stopping the media.  Set it before a call; it needs
   * the srtpenc and srtpdec elements (gst-plugins-bad).  The keys are only
   * as private as the signalling: use it with a TLS transport.
   *
   * Since: 0.1
   */
  properties[PROP_SRTP] = g_param_spec_enum ("srtp", "SRTP",
      "Whether the media uses SRTP (SDES keys)", GST_TYPE_SIP_SRTP_MODE,
      GST_SIP_SRTP_MODE_DISABLED, rw);

  g_object_class_install_properties (gobject_class, N_PROPS, properties);

  /**
   * GstSipCallBin::dial:
   * @bin: the #GstSipCallBin
   * @uri: the SIP URI to call
   *
   * Places a call, when none is under way.
   *
   * Returns: %TRUE if the call is being placed
   *
   * Since: 0.1
   */
  signals[SIGNAL_DIAL] = g_signal_new_class_handler ("dial",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (gst_sip_call_bin_dial), NULL, NULL, NULL, G_TYPE_BOOLEAN, 1,
      G_TYPE_STRING);

  /**
   * GstSipCallBin::answer:
   * @bin: the #GstSipCallBin
   *
   * Answers the incoming call.
   *
   * Returns: %TRUE if the answer is queued
   *
   * Since: 0.1
   */
  signals[SIGNAL_ANSWER] = g_signal_new_class_handler ("answer",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (gst_sip_call_bin_answer), NULL, NULL, NULL, G_TYPE_BOOLEAN,
      0);

  /**
   * GstSipCallBin::reject:
   * @bin: the #GstSipCallBin
   * @code: a final status code from 300 to 699, such as 486 or 603
   * @reason: (nullable): the reason phrase, %NULL for the standard one
   *
   * Refuses the incoming call.
   *
   * Returns: %TRUE if the refusal is queued
   *
   * Since: 0.1
   */
  signals[SIGNAL_REJECT] = g_signal_new_class_handler ("reject",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (gst_sip_call_bin_reject), NULL, NULL, NULL, G_TYPE_BOOLEAN, 2,
      G_TYPE_UINT, G_TYPE_STRING);

  /**
   * GstSipCallBin::hangup:
   * @bin: the #GstSipCallBin
   *
   * Ends the call: BYE when it is up, CANCEL while it rings.
   *
   * Returns: %TRUE if the hang-up is queued
   *
   * Since: 0.1
   */
  signals[SIGNAL_HANGUP] = g_signal_new_class_handler ("hangup",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (gst_sip_call_bin_hangup), NULL, NULL, NULL, G_TYPE_BOOLEAN,
      0);

  /**
   * GstSipCallBin::hold:
   * @bin: the #GstSipCallBin
   * @on: %TRUE to put the call on hold, %FALSE to resume it
   *
   * Sends a re-INVITE with the new direction; the media follow without
   * being rebuilt.
   *
   * Returns: %TRUE if the re-INVITE is queued
   *
   * Since: 0.1
   */
  signals[SIGNAL_HOLD] = g_signal_new_class_handler ("hold",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (gst_sip_call_bin_hold), NULL, NULL, NULL, G_TYPE_BOOLEAN, 1,
      G_TYPE_BOOLEAN);

  /**
   * GstSipCallBin::send-dtmf:
   * @bin: the #GstSipCallBin
   * @digit: `0`-`9`, `*`, `#` or `A`-`D`
   * @duration: the tone duration in milliseconds, 0 for 100
   *
   * Sends a DTMF digit as a telephone-event (RFC 4733) when the peer
   * accepted them, or else in a SIP INFO.  Digits sent in a row are played
   * one after the other.
   *
   * Returns: %TRUE if the digit is queued
   *
   * Since: 0.1
   */
  signals[SIGNAL_SEND_DTMF] = g_signal_new_class_handler ("send-dtmf",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (gst_sip_call_bin_send_dtmf), NULL, NULL, NULL, G_TYPE_BOOLEAN,
      2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * GstSipCallBin::get-stats:
   * @bin: the #GstSipCallBin
   *
   * The statistics of the call: a structure with the `call-state`, and for
   * each stream (`audio`, `video`) a structure with `send-codec`,
   * `receive-codec`, `packets-sent`, `bytes-sent`, `packets-received`,
   * `bytes-received`, and when known `jitter` (clock rate units),
   * `packets-lost` and `round-trip-time` (seconds).
   *
   * Returns: (transfer full): the statistics
   *
   * Since: 0.1
   */
  signals[SIGNAL_GET_STATS] = g_signal_new_class_handler ("get-stats",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (gst_sip_call_bin_get_stats), NULL, NULL, NULL,
      GST_TYPE_STRUCTURE, 0);

  /**
   * GstSipCallBin::incoming-call:
   * @bin: the #GstSipCallBin
   * @from: the URI of the caller
   * @offer: (nullable): the SDP offer of the INVITE, %NULL for a late offer
   *
   * A call arrived.  Emitted from the signalling thread; the handler may
   * emit `answer` or `reject`.  Without #GstSipCallBin:auto-answer and
   * without either, the call rings until answered.
   *
   * Since: 0.1
   */
  signals[SIGNAL_INCOMING_CALL] = g_signal_new ("incoming-call",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 2, G_TYPE_STRING, GST_TYPE_SDP_MESSAGE);

  /**
   * GstSipCallBin::call-state-changed:
   * @bin: the #GstSipCallBin
   * @state: the new #GstSipCallState
   * @status_code: the last final status
   * @reason: (nullable): its reason
   *
   * The call changed state.  Emitted from the signalling thread.
   *
   * Since: 0.1
   */
  signals[SIGNAL_CALL_STATE_CHANGED] = g_signal_new ("call-state-changed",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 3, GST_TYPE_SIP_CALL_STATE, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * GstSipCallBin::dtmf-received:
   * @bin: the #GstSipCallBin
   * @digit: the digit, `0`-`9`, `*`, `#` or `A`-`D`
   * @duration: its duration in milliseconds, 0 when not known
   *
   * The peer sent a DTMF digit, as a telephone-event or in a SIP INFO.
   * Emitted from the signalling thread.
   *
   * Since: 0.1
   */
  signals[SIGNAL_DTMF_RECEIVED] = g_signal_new ("dtmf-received",
      G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * GstSipCallBin::media-timeout:
   * @bin: the #GstSipCallBin
   *
   * Nothing came from the peer for #GstSipCallBin:media-timeout seconds;
   * the call is being hung up.  Emitted from the signalling thread.
   *
   * Since: 0.1
   */
  signals[SIGNAL_MEDIA_TIMEOUT] =
      g_signal_new ("media-timeout", G_TYPE_FROM_CLASS (klass),
          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * GstSipCallBin::new-manager:
   * @bin: the #GstSipCallBin
   * @manager: the rtpbin
   *
   * Gives the rtpbin of the bin, on NULL to READY, for its settings and
   * signals.
   *
   * Since: 0.1
   */
  signals[SIGNAL_NEW_MANAGER] =
      g_signal_new ("new-manager", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
          0, NULL, NULL, NULL, G_TYPE_NONE, 1, GST_TYPE_ELEMENT);

  gst_element_class_add_static_pad_template (
      element_class, &audio_sink_template);
  gst_element_class_add_static_pad_template (
      element_class, &video_sink_template);
  gst_element_class_add_static_pad_template (
      element_class, &audio_src_template);
  gst_element_class_add_static_pad_template (
      element_class, &video_src_template);

  gst_element_class_set_static_metadata (element_class, "SIP call bin",
      "Generic/Bin/Network/RTP", "Places and takes SIP audio and video calls",
      "The gst-sip authors");

  gst_type_mark_as_plugin_api (GST_TYPE_SIP_CALL_STATE, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_SIP_TRANSPORT_PROTOCOL, 0);
}
