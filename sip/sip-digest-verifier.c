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
 * SECTION:sip-digest-verifier
 * @title: GstSipDigestVerifier
 * @short_description: server-side digest authentication
 *
 * #GstSipDigestVerifier challenges requests and checks their credentials
 * with HTTP Digest authentication (RFC 2617, RFC 7616 and RFC 8760), the
 * way a registrar or a proxy does (RFC 3261 section 22).  It offers MD5,
 * SHA-256 and SHA-512-256, each with its `-sess` variant, qop `auth` and
 * `auth-int` or the RFC 2069 form without qop, and RFC 7616 user name
 * hashing.
 *
 * A typical request handler calls gst_sip_digest_verifier_verify(), serves
 * the request on %GST_SIP_DIGEST_RESULT_OK and otherwise answers with
 * gst_sip_digest_verifier_challenge(), with `stale` set for
 * %GST_SIP_DIGEST_RESULT_STALE:
 * |[<!-- language="C" -->
 * static gboolean
 * on_register (GstSipUserAgent * ua, GstSipServerTransaction * tx,
 *     GstSipDigestVerifier * verifier)
 * {
 *   GstSipMessage *request =
 *       gst_sip_transaction_get_request (GST_SIP_TRANSACTION (tx));
 *   gchar *user = NULL;
 *
 *   switch (gst_sip_digest_verifier_verify (verifier, request, &user)) {
 *     case GST_SIP_DIGEST_RESULT_OK:
 *       gst_sip_server_transaction_reply (tx, 200, NULL, NULL);
 *       break;
 *     case GST_SIP_DIGEST_RESULT_STALE:
 *       gst_sip_digest_verifier_challenge (verifier, tx, TRUE, NULL);
 *       break;
 *     default:
 *       gst_sip_digest_verifier_challenge (verifier, tx, FALSE, NULL);
 *       break;
 *   }
 *   g_free (user);
 *   return TRUE;
 * }
 * ]|
 *
 * Nonces are stateless and unforgeable: a nonce is the base64url encoding
 * of its issue time (64 bits: seconds on a monotonic clock with a random
 * origin, which neither jumps with the wall clock nor tells the host's
 * uptime), 64 random bits and an HMAC-SHA256 over both and the realm, keyed
 * with a random secret of the verifier.  The verifier therefore needs no table
 * of the nonces it issued, tells an expired nonce (%GST_SIP_DIGEST_RESULT_STALE
 * when the credentials are otherwise right) from a forged one
 * (%GST_SIP_DIGEST_RESULT_FAILED), and rejects the nonces of other
 * verifiers and of earlier runs.  To stop replays it remembers, for each
 * nonce that authenticated a request with qop, the highest nonce count
 * seen; a request whose nonce count is not higher fails.  Those entries
 * are dropped when their nonce expires.  Without qop (RFC 2069) a nonce
 * may be used again until it expires.
 *
 * A verifier may be used from several threads; set the lookup function
 * before it is.  Passwords and H(A1) values are never logged.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "sip-digest-verifier-private.h"
#include "sip-digest-private.h"
#include "sip-auth-header.h"
#include "sip-uri.h"

GST_DEBUG_CATEGORY_STATIC (sip_digest_debug);
#define GST_CAT_DEFAULT sip_digest_debug

#define DEFAULT_REALM NULL
#define DEFAULT_PROXY FALSE
#define DEFAULT_QOP "auth"
#define DEFAULT_NONCE_LIFETIME 300
#define DEFAULT_USERHASH FALSE

static const gchar *const default_algorithms[] = { "SHA-256", "MD5", NULL };

/* the nonce: issue time (big-endian seconds), random octets, HMAC-SHA256 */
#define NONCE_TIME_LEN 8
#define NONCE_RANDOM_LEN 8
#define NONCE_HEAD_LEN (NONCE_TIME_LEN + NONCE_RANDOM_LEN)
#define NONCE_MAC_LEN 32
#define NONCE_RAW_LEN (NONCE_HEAD_LEN + NONCE_MAC_LEN)
/* 48 octets are 64 base64 characters, without padding */
#define NONCE_TEXT_LEN (NONCE_RAW_LEN / 3 * 4)
#define SECRET_LEN 32

typedef enum
{
  QOP_AUTH = 1 << 0,
  QOP_AUTH_INT = 1 << 1,
} QopFlags;

typedef struct
{
  gint64 issued;
  guint32 nc;
} NonceState;

struct _GstSipDigestVerifier
{
  GObject parent;

  /* protects everything below but the construct-only realm, the secret
   * and the lookup function */
  GMutex lock;

  gchar *realm;
  gboolean proxy;
  GArray *algorithms; /* GstSipDigestAlgorithm, strongest first */
  guint qop; /* QopFlags */
  guint nonce_lifetime;
  gboolean userhash;

  GHashTable *users; /* user name -> password */
  GHashTable *nonces; /* nonce -> NonceState */
  gint64 last_prune;

  GstSipDigestLookupFunc lookup_func;
  gpointer lookup_data;
  GDestroyNotify lookup_notify;

  GstSipDigestClockFunc clock_func;
  gpointer clock_data;
  /* a random offset of the default clock, so that nonces do not tell the
   * host's uptime */
  gint64 epoch;

  guint8 secret[SECRET_LEN];
};

enum
{
  PROP_0,
  PROP_REALM,
  PROP_PROXY,
  PROP_ALGORITHMS,
  PROP_QOP,
  PROP_NONCE_LIFETIME,
  PROP_USERHASH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_CODE (GstSipDigestVerifier, gst_sip_digest_verifier,
    G_TYPE_OBJECT,
    GST_DEBUG_CATEGORY_INIT (
        sip_digest_debug, "sipauth", 0, "SIP digest authentication"));

static void
free_secret (gchar *secret)
{
  if (secret) {
    memset (secret, 0, strlen (secret));
    g_free (secret);
  }
}

/* ---------------------------------------------------------------------- */
/* configuration */

static gint
compare_strength (gconstpointer a, gconstpointer b)
{
  guint sa =
      _gst_sip_digest_algorithm_strength (*(const GstSipDigestAlgorithm *) a);
  guint sb =
      _gst_sip_digest_algorithm_strength (*(const GstSipDigestAlgorithm *) b);

  return sa < sb ? 1 : sa > sb ? -1 : 0;
}

/* known algorithms of @names, without duplicates, strongest first */
static GArray *
parse_algorithms (const gchar *const *names)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (GstSipDigestAlgorithm));
  guint i, j;

  for (i = 0; names && names[i]; i++) {
    GstSipDigestAlgorithm algorithm =
        _gst_sip_digest_algorithm_from_string (names[i]);
    gboolean seen = FALSE;

    if (algorithm == GST_SIP_DIGEST_ALGORITHM_UNKNOWN) {
      g_warning ("Unknown digest algorithm “%s”", names[i]);
      continue;
    }
    for (j = 0; j < array->len; j++)
      seen |= g_array_index (array, GstSipDigestAlgorithm, j) == algorithm;
    if (!seen)
      g_array_append_val (array, algorithm);
  }
  g_array_sort (array, compare_strength);

  return array;
}

static gchar **
algorithms_to_strv (GArray *array)
{
  gchar **names = g_new0 (gchar *, array->len + 1);
  guint i;

  for (i = 0; i < array->len; i++)
    names[i] = g_strdup (_gst_sip_digest_algorithm_to_string (
        g_array_index (array, GstSipDigestAlgorithm, i)));
  return names;
}

static guint
parse_qop (const gchar *text)
{
  gchar **tokens;
  guint i, flags = 0;

  if (!text)
    return 0;

  tokens = g_strsplit (text, ",", -1);
  for (i = 0; tokens[i]; i++) {
    const gchar *token = g_strstrip (tokens[i]);

    if (*token == '\0')
      continue;
    else if (strcmp (token, "auth") == 0)
      flags |= QOP_AUTH;
    else if (strcmp (token, "auth-int") == 0)
      flags |= QOP_AUTH_INT;
    else
      g_warning ("Unknown digest qop “%s”", token);
  }
  g_strfreev (tokens);

  return flags;
}

static const gchar *
qop_to_string (guint flags)
{
  switch (flags & (QOP_AUTH | QOP_AUTH_INT)) {
    case QOP_AUTH:
      return "auth";
    case QOP_AUTH_INT:
      return "auth-int";
    case QOP_AUTH | QOP_AUTH_INT:
      return "auth,auth-int";
    default:
      return "";
  }
}

static gint64
now_seconds (GstSipDigestVerifier *verifier)
{
  GstSipDigestClockFunc func;
  gpointer data;

  g_mutex_lock (&verifier->lock);
  func = verifier->clock_func;
  data = verifier->clock_data;
  g_mutex_unlock (&verifier->lock);

  if (func)
    return func (data);
  return verifier->epoch + g_get_monotonic_time () / G_USEC_PER_SEC;
}

/* ---------------------------------------------------------------------- */
/* nonces */

static void
nonce_mac (GstSipDigestVerifier *verifier, const guint8 *head, guint8 *mac)
{
  GHmac *hmac = g_hmac_new (G_CHECKSUM_SHA256, verifier->secret, SECRET_LEN);
  gsize len = NONCE_MAC_LEN;

  g_hmac_update (hmac, head, NONCE_HEAD_LEN);
  g_hmac_update (
      hmac, (const guchar *) verifier->realm, strlen (verifier->realm));
  g_hmac_get_digest (hmac, mac, &len);
  g_hmac_unref (hmac);
  g_assert (len == NONCE_MAC_LEN);
}

/* base64url (RFC 4648 section 5), which needs no quoting or escaping */
static gchar *
nonce_encode (const guint8 *raw)
{
  gchar *text = g_base64_encode (raw, NONCE_RAW_LEN), *p;

  for (p = text; *p; p++) {
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  }
  return text;
}

static gchar *
nonce_new (GstSipDigestVerifier *verifier, gint64 now)
{
  guint8 raw[NONCE_RAW_LEN];
  guint i;

  for (i = 0; i < NONCE_TIME_LEN; i++)
    raw[i] = (guint8) ((guint64) now >> (56 - 8 * i));
  _gst_sip_digest_random_bytes (raw + NONCE_TIME_LEN, NONCE_RANDOM_LEN);
  nonce_mac (verifier, raw, raw + NONCE_HEAD_LEN);

  return nonce_encode (raw);
}

/* whether @nonce is one this verifier issued; sets @issued */
static gboolean
nonce_check (GstSipDigestVerifier *verifier, const gchar *nonce, gint64 *issued)
{
  gchar text[NONCE_TEXT_LEN + 1];
  guint8 *raw = NULL;
  gchar *expected = NULL;
  gboolean ok = FALSE;
  gsize len, i;
  guint64 t = 0;

  if (strlen (nonce) != NONCE_TEXT_LEN)
    return FALSE;

  for (i = 0; i < NONCE_TEXT_LEN; i++) {
    gchar c = nonce[i];

    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
    else if (!g_ascii_isalnum (c))
      return FALSE;
    text[i] = c;
  }
  text[NONCE_TEXT_LEN] = '\0';

  raw = g_base64_decode (text, &len);
  if (len != NONCE_RAW_LEN)
    goto done;

  /* the encoding is one-to-one: compare the nonce with the one we would
   * have issued, in constant time */
  nonce_mac (verifier, raw, raw + NONCE_HEAD_LEN);
  expected = nonce_encode (raw);
  ok = _gst_sip_digest_equal (expected, nonce);

  for (i = 0; i < NONCE_TIME_LEN; i++)
    t = (t << 8) | raw[i];
  *issued = (gint64) t;

done:
  g_free (raw);
  g_free (expected);
  return ok;
}

static gboolean
nonce_state_expired (gpointer key, gpointer value, gpointer user_data)
{
  const NonceState *state = value;
  const gint64 *limit = user_data;

  return state->issued < *limit;
}

/* with the lock: forgets the nonce counts of expired nonces */
static void
prune_nonces (GstSipDigestVerifier *verifier, gint64 now)
{
  gint64 limit = now - verifier->nonce_lifetime;

  if (now == verifier->last_prune)
    return;
  verifier->last_prune = now;
  g_hash_table_foreach_remove (verifier->nonces, nonce_state_expired, &limit);
}

/* ---------------------------------------------------------------------- */
/* object */

static void
gst_sip_digest_verifier_init (GstSipDigestVerifier *verifier)
{
  guint8 epoch[4];

  g_mutex_init (&verifier->lock);
  verifier->algorithms = parse_algorithms (default_algorithms);
  verifier->qop = parse_qop (DEFAULT_QOP);
  verifier->nonce_lifetime = DEFAULT_NONCE_LIFETIME;
  verifier->userhash = DEFAULT_USERHASH;
  verifier->users = g_hash_table_new_full (
      g_str_hash, g_str_equal, g_free, (GDestroyNotify) free_secret);
  verifier->nonces =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  verifier->last_prune = G_MININT64;
  _gst_sip_digest_random_bytes (verifier->secret, SECRET_LEN);
  _gst_sip_digest_random_bytes (epoch, sizeof (epoch));
  verifier->epoch = ((gint64) (epoch[0] & 0x3f) << 24) | (epoch[1] << 16) |
      (epoch[2] << 8) | epoch[3];
}

static void
gst_sip_digest_verifier_constructed (GObject *object)
{
  GstSipDigestVerifier *verifier = GST_SIP_DIGEST_VERIFIER (object);

  G_OBJECT_CLASS (gst_sip_digest_verifier_parent_class)->constructed (object);

  if (!verifier->realm) {
    g_warning ("GstSipDigestVerifier created without a realm");
    verifier->realm = g_strdup ("");
  }
}

static void
gst_sip_digest_verifier_finalize (GObject *object)
{
  GstSipDigestVerifier *verifier = GST_SIP_DIGEST_VERIFIER (object);

  if (verifier->lookup_notify)
    verifier->lookup_notify (verifier->lookup_data);
  g_hash_table_unref (verifier->users);
  g_hash_table_unref (verifier->nonces);
  g_array_unref (verifier->algorithms);
  g_free (verifier->realm);
  memset (verifier->secret, 0, SECRET_LEN);
  g_mutex_clear (&verifier->lock);

  G_OBJECT_CLASS (gst_sip_digest_verifier_parent_class)->finalize (object);
}

static void
gst_sip_digest_verifier_set_property (
    GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstSipDigestVerifier *verifier = GST_SIP_DIGEST_VERIFIER (object);

  g_mutex_lock (&verifier->lock);
  switch (prop_id) {
    case PROP_REALM:
      g_free (verifier->realm);
      verifier->realm = g_value_dup_string (value);
      break;
    case PROP_PROXY:
      verifier->proxy = g_value_get_boolean (value);
      break;
    case PROP_ALGORITHMS: {
      const gchar *const *names = g_value_get_boxed (value);
      GArray *array = parse_algorithms (names ? names : default_algorithms);

      if (array->len == 0) {
        g_warning ("No known digest algorithm given, using the default");
        g_array_unref (array);
        array = parse_algorithms (default_algorithms);
      }
      g_array_unref (verifier->algorithms);
      verifier->algorithms = array;
      break;
    }
    case PROP_QOP:
      verifier->qop = parse_qop (g_value_get_string (value));
      break;
    case PROP_NONCE_LIFETIME:
      verifier->nonce_lifetime = g_value_get_uint (value);
      break;
    case PROP_USERHASH:
      verifier->userhash = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  g_mutex_unlock (&verifier->lock);
}

static void
gst_sip_digest_verifier_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipDigestVerifier *verifier = GST_SIP_DIGEST_VERIFIER (object);

  g_mutex_lock (&verifier->lock);
  switch (prop_id) {
    case PROP_REALM:
      g_value_set_string (value, verifier->realm);
      break;
    case PROP_PROXY:
      g_value_set_boolean (value, verifier->proxy);
      break;
    case PROP_ALGORITHMS:
      g_value_take_boxed (value, algorithms_to_strv (verifier->algorithms));
      break;
    case PROP_QOP:
      g_value_set_string (value, qop_to_string (verifier->qop));
      break;
    case PROP_NONCE_LIFETIME:
      g_value_set_uint (value, verifier->nonce_lifetime);
      break;
    case PROP_USERHASH:
      g_value_set_boolean (value, verifier->userhash);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  g_mutex_unlock (&verifier->lock);
}

static void
gst_sip_digest_verifier_class_init (GstSipDigestVerifierClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  gobject_class->constructed = gst_sip_digest_verifier_constructed;
  gobject_class->finalize = gst_sip_digest_verifier_finalize;
  gobject_class->set_property = gst_sip_digest_verifier_set_property;
  gobject_class->get_property = gst_sip_digest_verifier_get_property;

  /**
   * GstSipDigestVerifier:realm:
   *
   * The protection space (RFC 7616 section 3.3), usually the domain of the
   * registrar or proxy, such as `example.com`.  Challenges carry it, and
   * gst_sip_digest_verifier_verify() only considers credentials for it.
   *
   * Since: 0.1
   */
  properties[PROP_REALM] = g_param_spec_string ("realm", "Realm",
      "The realm challenges name and credentials must be for", DEFAULT_REALM,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipDigestVerifier:proxy:
   *
   * Whether to authenticate as a proxy: challenge with 407 and
   * Proxy-Authenticate, and read Proxy-Authorization.  Otherwise the
   * verifier acts as a user agent server or registrar: 401,
   * WWW-Authenticate and Authorization.
   *
   * Since: 0.1
   */
  properties[PROP_PROXY] = g_param_spec_boolean ("proxy", "Proxy",
      "Challenge with 407 and Proxy-Authenticate instead of 401 and "
      "WWW-Authenticate",
      DEFAULT_PROXY, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipDigestVerifier:algorithms:
   *
   * The algorithms to offer and accept: `MD5`, `MD5-sess`, `SHA-256`,
   * `SHA-256-sess`, `SHA-512-256` and `SHA-512-256-sess`.  A challenge
   * carries one header per algorithm, strongest first, so that clients
   * pick the strongest they know (RFC 7616 section 3.7).  Unknown names
   * are ignored with a warning; %NULL restores the default, SHA-256 and
   * MD5.  Reading the property gives the canonical names in challenge
   * order.
   *
   * Since: 0.1
   */
  properties[PROP_ALGORITHMS] = g_param_spec_boxed ("algorithms", "Algorithms",
      "The digest algorithms to offer and accept", G_TYPE_STRV,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipDigestVerifier:qop:
   *
   * The qualities of protection to offer and accept, comma-separated:
   * `auth`, `auth-int` (which also protects the body) or `auth,auth-int`.
   * %NULL or an empty string offers none, for RFC 2069 clients: such
   * credentials carry neither nonce count nor client nonce, and a nonce may
   * be used again until it expires.  Credentials must use a qop that was
   * offered.
   *
   * Since: 0.1
   */
  properties[PROP_QOP] = g_param_spec_string ("qop", "Qop",
      "The qualities of protection to offer, such as auth or auth,auth-int",
      DEFAULT_QOP, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipDigestVerifier:nonce-lifetime:
   *
   * How long a nonce stays valid, in seconds.  Right credentials with an
   * older nonce give %GST_SIP_DIGEST_RESULT_STALE.
   *
   * Since: 0.1
   */
  properties[PROP_NONCE_LIFETIME] =
      g_param_spec_uint ("nonce-lifetime", "Nonce lifetime",
          "How long a nonce stays valid, in seconds", 1, G_MAXUINT32,
          DEFAULT_NONCE_LIFETIME, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipDigestVerifier:userhash:
   *
   * Whether challenges ask for a hashed user name (`userhash=true`, RFC
   * 7616 section 3.4.4), and credentials with `userhash=true` are accepted.
   * Such credentials name the user by H(username ":" realm); users added
   * with gst_sip_digest_verifier_add_user() are found by that hash, while a
   * #GstSipDigestLookupFunc receives the hash as the user name.
   *
   * Since: 0.1
   */
  properties[PROP_USERHASH] = g_param_spec_boolean ("userhash", "Userhash",
      "Whether to ask for and accept hashed user names", DEFAULT_USERHASH,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (gobject_class, N_PROPS, properties);
}

/**
 * gst_sip_digest_verifier_new:
 * @realm: the realm, such as `example.com`
 *
 * Creates a verifier that challenges with 401, offers SHA-256 and MD5 with
 * qop `auth`, and issues nonces valid for five minutes.
 *
 * Returns: (transfer full): a new #GstSipDigestVerifier
 *
 * Since: 0.1
 */
GstSipDigestVerifier *
gst_sip_digest_verifier_new (const gchar *realm)
{
  g_return_val_if_fail (realm != NULL, NULL);

  return g_object_new (GST_TYPE_SIP_DIGEST_VERIFIER, "realm", realm, NULL);
}

/**
 * gst_sip_digest_verifier_set_lookup_func:
 * @verifier: a #GstSipDigestVerifier
 * @func: (nullable) (scope notified) (closure user_data) (destroy notify):
 *   the function that looks users up, or %NULL to use the users added with
 *   gst_sip_digest_verifier_add_user() again
 * @user_data: data for @func
 * @notify: (nullable): frees @user_data
 *
 * Makes @func the source of passwords: when set, it is asked instead of the
 * users added with gst_sip_digest_verifier_add_user().  Instead of a
 * password it may give H(A1) = H(username ":" realm ":" password) in hex
 * for the hash function of the algorithm; for the `-sess` algorithms that
 * is the value before the session step.
 *
 * Since: 0.1
 */
void
gst_sip_digest_verifier_set_lookup_func (GstSipDigestVerifier *verifier,
    GstSipDigestLookupFunc func, gpointer user_data, GDestroyNotify notify)
{
  GDestroyNotify old_notify;
  gpointer old_data;

  g_return_if_fail (GST_IS_SIP_DIGEST_VERIFIER (verifier));

  g_mutex_lock (&verifier->lock);
  old_notify = verifier->lookup_notify;
  old_data = verifier->lookup_data;
  verifier->lookup_func = func;
  verifier->lookup_data = user_data;
  verifier->lookup_notify = notify;
  g_mutex_unlock (&verifier->lock);

  if (old_notify)
    old_notify (old_data);
}

/**
 * gst_sip_digest_verifier_add_user:
 * @verifier: a #GstSipDigestVerifier
 * @username: a user name
 * @password: (nullable): the user's password, or %NULL to remove the user
 *
 * Adds a user, or changes the password of one.  The table is not used
 * while a lookup function is set.
 *
 * Since: 0.1
 */
void
gst_sip_digest_verifier_add_user (GstSipDigestVerifier *verifier,
    const gchar *username, const gchar *password)
{
  g_return_if_fail (GST_IS_SIP_DIGEST_VERIFIER (verifier));
  g_return_if_fail (username != NULL);

  g_mutex_lock (&verifier->lock);
  if (password)
    g_hash_table_insert (
        verifier->users, g_strdup (username), g_strdup (password));
  else
    g_hash_table_remove (verifier->users, username);
  g_mutex_unlock (&verifier->lock);
}

/* ---------------------------------------------------------------------- */
/* verification */

static gboolean
uri_matches (GstSipMessage *request, const gchar *digest_uri)
{
  const GstSipUri *ruri = gst_sip_message_get_request_uri (request);
  GstSipUri *parsed;
  gboolean match;
  gchar *text;

  if (!ruri)
    return FALSE;

  text = gst_sip_uri_to_string (ruri);
  match = g_strcmp0 (text, digest_uri) == 0;
  g_free (text);
  if (match)
    return TRUE;

  parsed = gst_sip_uri_new (digest_uri, NULL);
  if (!parsed)
    return FALSE;
  match = gst_sip_uri_equal (parsed, ruri);
  gst_sip_uri_free (parsed);

  return match;
}

/* RFC 8187 ext-value: charset "'" [ language ] "'" value-chars; only
 * UTF-8 */
static gchar *
decode_ext_value (const gchar *value)
{
  const gchar *quote1, *quote2;
  gchar *decoded;

  quote1 = strchr (value, '\'');
  if (!quote1 || quote1 - value != 5 ||
      g_ascii_strncasecmp (value, "UTF-8", 5) != 0)
    return NULL;
  quote2 = strchr (quote1 + 1, '\'');
  if (!quote2)
    return NULL;

  decoded = g_uri_unescape_string (quote2 + 1, NULL);
  if (decoded && (*decoded == '\0' || !g_utf8_validate (decoded, -1, NULL))) {
    g_free (decoded);
    decoded = NULL;
  }
  return decoded;
}

static gboolean
param_is_true (const GstSipAuthHeader *creds, const gchar *name)
{
  const gchar *value = gst_sip_auth_header_get_param (creds, name);

  return value && g_ascii_strcasecmp (value, "true") == 0;
}

/* with the lock: the added user whose userhash is @hash */
static gchar *
find_user_by_hash (GstSipDigestVerifier *verifier,
    GstSipDigestAlgorithm algorithm, const gchar *hash)
{
  GHashTableIter iter;
  gpointer key;
  gchar *lower = g_ascii_strdown (hash, -1), *found = NULL;

  g_hash_table_iter_init (&iter, verifier->users);
  while (!found && g_hash_table_iter_next (&iter, &key, NULL)) {
    gchar *userhash =
        _gst_sip_digest_compute_userhash (algorithm, key, verifier->realm);

    if (g_strcmp0 (userhash, lower) == 0)
      found = g_strdup (key);
    g_free (userhash);
  }
  g_free (lower);

  return found;
}

/* the user name of @creds (username, username* or userhash); NULL when the
 * credentials name no user properly or an unknown hashed one */
static gchar *
resolve_username (GstSipDigestVerifier *verifier, const GstSipAuthHeader *creds,
    GstSipDigestAlgorithm algorithm, gboolean use_lookup,
    gboolean allow_userhash)
{
  const gchar *plain = gst_sip_auth_header_get_param (creds, "username");
  const gchar *ext = gst_sip_auth_header_get_param (creds, "username*");
  gboolean hashed = param_is_true (creds, "userhash");
  gchar *user = NULL;

  /* RFC 7616 3.4.4: never both; username* never with userhash */
  if ((plain && ext) || (!plain && !ext))
    return NULL;
  if (ext)
    return hashed ? NULL : decode_ext_value (ext);
  if (!hashed)
    return g_strdup (plain);

  if (!allow_userhash)
    return NULL;
  if (use_lookup)
    return g_strdup (plain);
  g_mutex_lock (&verifier->lock);
  user = find_user_by_hash (verifier, algorithm, plain);
  g_mutex_unlock (&verifier->lock);

  return user;
}

/* the password or H(A1) of @user; FALSE for unknown users */
static gboolean
lookup_user (GstSipDigestVerifier *verifier, GstSipDigestLookupFunc func,
    gpointer data, const gchar *user, GstSipDigestAlgorithm algorithm,
    gchar **password, gchar **ha1)
{
  gboolean found;

  if (func) {
    found = func (verifier, user, verifier->realm,
        _gst_sip_digest_algorithm_to_string (algorithm), password, ha1, data);
    if (!found) {
      free_secret (*password);
      free_secret (*ha1);
      *password = *ha1 = NULL;
    }
    return found && (*password || *ha1);
  }

  g_mutex_lock (&verifier->lock);
  *password = g_strdup (g_hash_table_lookup (verifier->users, user));
  g_mutex_unlock (&verifier->lock);

  return *password != NULL;
}

/* nc-value = 8LHEX */
static gboolean
parse_nc (const gchar *text, guint32 *nc)
{
  guint i;

  if (!text || strlen (text) != 8)
    return FALSE;
  for (i = 0; i < 8; i++) {
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  }
  *nc = (guint32) g_ascii_strtoull (text, NULL, 16);
  return TRUE;
}

static GstSipDigestResult
verify_credentials (GstSipDigestVerifier *verifier, GstSipMessage *request,
    const GstSipAuthHeader *creds, gchar **username)
{
  const gchar *nonce, *uri, *response, *qop, *cnonce;
  GstSipDigestAlgorithm algorithm;
  GstSipDigestParams params = {
    0,
  };
  GstSipDigestLookupFunc lookup_func;
  gpointer lookup_data;
  GstSipDigestResult result = GST_SIP_DIGEST_RESULT_FAILED;
  gchar *user = NULL, *password = NULL, *ha1 = NULL;
  gchar *expected = NULL, *given = NULL;
  GBytes *body = NULL;
  const gchar *why = NULL;
  gboolean offered = FALSE, allow_userhash;
  guint offered_qop, lifetime, i;
  gint64 issued = 0, now;
  guint32 nc = 0;

  g_mutex_lock (&verifier->lock);
  algorithm = _gst_sip_digest_algorithm_from_string (
      gst_sip_auth_header_get_param (creds, "algorithm"));
  for (i = 0; i < verifier->algorithms->len; i++)
    offered |= g_array_index (verifier->algorithms, GstSipDigestAlgorithm, i) ==
        algorithm;
  offered_qop = verifier->qop;
  lifetime = verifier->nonce_lifetime;
  allow_userhash = verifier->userhash;
  lookup_func = verifier->lookup_func;
  lookup_data = verifier->lookup_data;
  g_mutex_unlock (&verifier->lock);

  nonce = gst_sip_auth_header_get_param (creds, "nonce");
  uri = gst_sip_auth_header_get_param (creds, "uri");
  response = gst_sip_auth_header_get_param (creds, "response");
  qop = gst_sip_auth_header_get_param (creds, "qop");
  cnonce = gst_sip_auth_header_get_param (creds, "cnonce");

  if (!nonce || !uri || !response) {
    why = "incomplete credentials";
    goto done;
  }
  if (!offered) {
    why = "an algorithm that was not offered";
    goto done;
  }
  if (qop) {
    if (!((strcmp (qop, "auth") == 0 && (offered_qop & QOP_AUTH)) ||
            (strcmp (qop, "auth-int") == 0 && (offered_qop & QOP_AUTH_INT)))) {
      why = "a qop that was not offered";
      goto done;
    }
    if (!cnonce ||
        !parse_nc (gst_sip_auth_header_get_param (creds, "nc"), &nc)) {
      why = "a qop without cnonce or nc";
      goto done;
    }
  } else if (offered_qop != 0) {
    why = "no qop";
    goto done;
  }
  if (!uri_matches (request, uri)) {
    why = "a digest-uri that is not the Request-URI";
    goto done;
  }
  if (!nonce_check (verifier, nonce, &issued)) {
    why = "a nonce that is not ours";
    goto done;
  }

  user = resolve_username (
      verifier, creds, algorithm, lookup_func != NULL, allow_userhash);
  if (!user) {
    why = "no valid user name";
    goto done;
  }
  if (!lookup_user (verifier, lookup_func, lookup_data, user, algorithm,
          &password, &ha1)) {
    why = "an unknown user";
    goto done;
  }

  params.algorithm = algorithm;
  params.username = user;
  params.realm = verifier->realm;
  params.password = password;
  params.ha1 = password ? NULL : ha1;
  params.nonce = nonce;
  params.cnonce = cnonce;
  params.qop = qop;
  params.nc = nc;
  params.method = gst_sip_message_get_method_name (request);
  params.uri = uri;
  if (qop && strcmp (qop, "auth-int") == 0) {
    body = gst_sip_message_get_body (request);
    if (body)
      params.body = g_bytes_get_data (body, &params.body_len);
  }
  expected = _gst_sip_digest_compute_response (&params);
  given = g_ascii_strdown (response, -1);
  if (!expected || !_gst_sip_digest_equal (expected, given)) {
    why = "a wrong response";
    goto done;
  }

  now = now_seconds (verifier);
  if (now < issued || now - issued > (gint64) lifetime) {
    why = "an expired nonce";
    result = GST_SIP_DIGEST_RESULT_STALE;
    goto done;
  }

  if (qop) {
    NonceState *state;

    g_mutex_lock (&verifier->lock);
    prune_nonces (verifier, now);
    state = g_hash_table_lookup (verifier->nonces, nonce);
    if (state && nc <= state->nc) {
      why = "a replayed nonce count";
    } else if (nc == 0) {
      why = "nonce count 0";
    } else {
      if (!state) {
        state = g_new0 (NonceState, 1);
        state->issued = issued;
        g_hash_table_insert (verifier->nonces, g_strdup (nonce), state);
      }
      state->nc = nc;
      why = NULL;
    }
    g_mutex_unlock (&verifier->lock);
    if (why)
      goto done;
  }

  why = "valid credentials";
  result = GST_SIP_DIGEST_RESULT_OK;

done:
  GST_DEBUG_OBJECT (verifier, "%s in realm \"%s\" from \"%s\": %s",
      gst_sip_message_get_method_name (request), verifier->realm,
      GST_STR_NULL (
          user ? user : gst_sip_auth_header_get_param (creds, "username")),
      why);
  if (result == GST_SIP_DIGEST_RESULT_OK && username)
    *username = g_steal_pointer (&user);
  free_secret (password);
  free_secret (ha1);
  g_free (user);
  g_free (expected);
  g_free (given);
  if (body)
    g_bytes_unref (body);

  return result;
}

/**
 * gst_sip_digest_verifier_verify:
 * @verifier: a #GstSipDigestVerifier
 * @request: a request
 * @username: (out) (optional) (nullable) (transfer full): the authenticated
 *   user name, set on %GST_SIP_DIGEST_RESULT_OK
 *
 * Checks the credentials of @request for the verifier's realm: the
 * Authorization header, or Proxy-Authorization with
 * #GstSipDigestVerifier:proxy.  Credentials of other schemes and realms
 * are skipped; of several for the realm, the first counts.  The user must
 * be known, the digest-uri must be the Request-URI, the algorithm and qop
 * must have been offered, and the nonce must be one the verifier issued.
 *
 * Returns: %GST_SIP_DIGEST_RESULT_OK if the credentials are valid,
 *   %GST_SIP_DIGEST_RESULT_MISSING if there are none for the realm,
 *   %GST_SIP_DIGEST_RESULT_STALE if they are right but their nonce
 *   expired, %GST_SIP_DIGEST_RESULT_FAILED otherwise
 *
 * Since: 0.1
 */
GstSipDigestResult
gst_sip_digest_verifier_verify (
    GstSipDigestVerifier *verifier, GstSipMessage *request, gchar **username)
{
  GstSipAuthHeader *creds = NULL;
  GstSipDigestResult result;
  GList *headers, *l;
  gboolean proxy;

  if (username)
    *username = NULL;
  g_return_val_if_fail (
      GST_IS_SIP_DIGEST_VERIFIER (verifier), GST_SIP_DIGEST_RESULT_FAILED);
  g_return_val_if_fail (request != NULL, GST_SIP_DIGEST_RESULT_FAILED);
  g_return_val_if_fail (
      gst_sip_message_is_request (request), GST_SIP_DIGEST_RESULT_FAILED);

  g_mutex_lock (&verifier->lock);
  proxy = verifier->proxy;
  g_mutex_unlock (&verifier->lock);

  headers = gst_sip_message_get_auth_headers (
      request, proxy ? "Proxy-Authorization" : "Authorization");
  for (l = headers; l && !creds; l = l->next) {
    GstSipAuthHeader *header = l->data;

    if (g_ascii_strcasecmp (
            gst_sip_auth_header_get_scheme (header), "Digest") == 0 &&
        g_strcmp0 (gst_sip_auth_header_get_param (header, "realm"),
            verifier->realm) == 0)
      creds = header;
  }

  if (creds) {
    result = verify_credentials (verifier, request, creds, username);
  } else {
    GST_DEBUG_OBJECT (verifier, "%s without credentials for realm \"%s\"",
        gst_sip_message_get_method_name (request), verifier->realm);
    result = GST_SIP_DIGEST_RESULT_MISSING;
  }
  g_list_free_full (headers, (GDestroyNotify) gst_sip_auth_header_free);

  return result;
}

/**
 * gst_sip_digest_verifier_add_challenge:
 * @verifier: a #GstSipDigestVerifier
 * @response: a 401 response, or a 407 one with #GstSipDigestVerifier:proxy
 * @stale: whether to add `stale=true`, after %GST_SIP_DIGEST_RESULT_STALE
 *
 * Adds a challenge with a fresh nonce to @response: one WWW-Authenticate
 * header (Proxy-Authenticate with #GstSipDigestVerifier:proxy) per
 * algorithm, strongest first, such as
 * `Digest realm="example.com", nonce="...", algorithm=SHA-256, qop="auth"`.
 *
 * Since: 0.1
 */
void
gst_sip_digest_verifier_add_challenge (
    GstSipDigestVerifier *verifier, GstSipMessage *response, gboolean stale)
{
  GArray *algorithms;
  gchar *nonce;
  const gchar *qop;
  gboolean proxy, userhash;
  guint i;

  g_return_if_fail (GST_IS_SIP_DIGEST_VERIFIER (verifier));
  g_return_if_fail (response != NULL);

  nonce = nonce_new (verifier, now_seconds (verifier));

  g_mutex_lock (&verifier->lock);
  algorithms = g_array_ref (verifier->algorithms);
  qop = qop_to_string (verifier->qop);
  proxy = verifier->proxy;
  userhash = verifier->userhash;
  g_mutex_unlock (&verifier->lock);

  for (i = 0; i < algorithms->len; i++) {
    GstSipAuthHeader *header = gst_sip_auth_header_new ("Digest");
    gchar *text;

    gst_sip_auth_header_set_param (header, "realm", verifier->realm, TRUE);
    gst_sip_auth_header_set_param (header, "nonce", nonce, TRUE);
    gst_sip_auth_header_set_param (header, "algorithm",
        _gst_sip_digest_algorithm_to_string (
            g_array_index (algorithms, GstSipDigestAlgorithm, i)),
        FALSE);
    if (*qop)
      gst_sip_auth_header_set_param (header, "qop", qop, TRUE);
    if (stale)
      gst_sip_auth_header_set_param (header, "stale", "true", FALSE);
    if (userhash)
      gst_sip_auth_header_set_param (header, "userhash", "true", FALSE);

    text = gst_sip_auth_header_to_string (header);
    gst_sip_message_append_header (
        response, proxy ? "Proxy-Authenticate" : "WWW-Authenticate", text);
    g_free (text);
    gst_sip_auth_header_free (header);
  }

  GST_DEBUG_OBJECT (verifier, "challenged for realm \"%s\"%s", verifier->realm,
      stale ? " (stale)" : "");
  g_array_unref (algorithms);
  g_free (nonce);
}

/**
 * gst_sip_digest_verifier_challenge:
 * @verifier: a #GstSipDigestVerifier
 * @transaction: the server transaction of the request to challenge
 * @stale: whether to add `stale=true`, after %GST_SIP_DIGEST_RESULT_STALE
 * @error: return location for a #GError, or %NULL
 *
 * Answers the request of @transaction with 401 Unauthorized (407 Proxy
 * Authentication Required with #GstSipDigestVerifier:proxy) carrying the
 * challenge of gst_sip_digest_verifier_add_challenge().
 *
 * Returns: %TRUE if the response was sent; %FALSE with @error set as by
 *   gst_sip_server_transaction_respond()
 *
 * Since: 0.1
 */
gboolean
gst_sip_digest_verifier_challenge (GstSipDigestVerifier *verifier,
    GstSipServerTransaction *transaction, gboolean stale, GError **error)
{
  GstSipMessage *response;
  gboolean proxy, ret;

  g_return_val_if_fail (GST_IS_SIP_DIGEST_VERIFIER (verifier), FALSE);
  g_return_val_if_fail (GST_IS_SIP_SERVER_TRANSACTION (transaction), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&verifier->lock);
  proxy = verifier->proxy;
  g_mutex_unlock (&verifier->lock);

  response = gst_sip_server_transaction_create_response (transaction,
      proxy ? GST_SIP_STATUS_PROXY_AUTHENTICATION_REQUIRED
            : GST_SIP_STATUS_UNAUTHORIZED,
      NULL);
  gst_sip_digest_verifier_add_challenge (verifier, response, stale);
  ret = gst_sip_server_transaction_respond (transaction, response, error);
  gst_sip_message_unref (response);

  return ret;
}

/* ---------------------------------------------------------------------- */
/* for tests */

void
_gst_sip_digest_verifier_set_clock (GstSipDigestVerifier *verifier,
    GstSipDigestClockFunc func, gpointer user_data)
{
  g_return_if_fail (GST_IS_SIP_DIGEST_VERIFIER (verifier));

  g_mutex_lock (&verifier->lock);
  verifier->clock_func = func;
  verifier->clock_data = user_data;
  g_mutex_unlock (&verifier->lock);
}

guint
_gst_sip_digest_verifier_get_n_nonces (GstSipDigestVerifier *verifier)
{
  guint n;

  g_return_val_if_fail (GST_IS_SIP_DIGEST_VERIFIER (verifier), 0);

  g_mutex_lock (&verifier->lock);
  n = g_hash_table_size (verifier->nonces);
  g_mutex_unlock (&verifier->lock);

  return n;
}
