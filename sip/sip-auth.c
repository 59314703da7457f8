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
 * SECTION:sip-auth
 * @title: GstSipAuth
 * @short_description: a digest challenge and the credentials answering it
 *
 * When a registrar or proxy challenges a request (401 or 407) and the
 * account has no credentials for the realm, the user agent emits
 * #GstSipUserAgent::authenticate with a #GstSipAuth.  The handler answers
 * with gst_sip_auth_authenticate() (a password) or
 * gst_sip_auth_authenticate_ha1() (a precomputed H(A1)), at once or later
 * after returning %TRUE, or declines with gst_sip_auth_cancel().
 *
 * Credentials are kept in memory only as long as needed, never logged, and
 * wiped when released.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sip-auth-private.h"
#include "sip-user-agent-private.h"

GST_DEBUG_CATEGORY_STATIC (sip_auth_debug);
#define GST_CAT_DEFAULT sip_auth_debug

struct _GstSipAuth
{
  GObject parent;

  GObject *owner; /* not a reference */
  gboolean proxy;
  gchar *scheme;
  gchar *realm;
  gchar *nonce;
  gchar *opaque;
  gchar *qop; /* the qop options of the challenge */
  gchar *algorithm_name; /* as the challenge spelled it, or NULL */
  GstSipDigestAlgorithm algorithm;
  gboolean userhash;
  guint32 nc;

  gchar *username;
  gchar *password;
  gchar *ha1;
  gboolean authenticated;
  gboolean cancelled;
  gboolean from_application;
  gboolean tried; /* credentials went out for this nonce */

  GstSipAuthReadyFunc ready;
  gpointer ready_data;
};

enum
{
  PROP_0,
  PROP_SCHEME,
  PROP_REALM,
  PROP_ALGORITHM,
  PROP_IS_FOR_PROXY,
  PROP_IS_AUTHENTICATED,
  PROP_OWNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_CODE (GstSipAuth, gst_sip_auth, G_TYPE_OBJECT,
    GST_DEBUG_CATEGORY_INIT (
        sip_auth_debug, "sipauth", 0, "SIP authentication"));

static void
wipe_free (gchar *secret)
{
  if (secret) {
    memset (secret, 0, strlen (secret));
    g_free (secret);
  }
}

static void
gst_sip_auth_finalize (GObject *object)
{
  GstSipAuth *auth = GST_SIP_AUTH (object);

  g_free (auth->scheme);
  g_free (auth->realm);
  g_free (auth->nonce);
  g_free (auth->opaque);
  g_free (auth->qop);
  g_free (auth->algorithm_name);
  g_free (auth->username);
  wipe_free (auth->password);
  wipe_free (auth->ha1);

  G_OBJECT_CLASS (gst_sip_auth_parent_class)->finalize (object);
}

static void
gst_sip_auth_get_property (
    GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSipAuth *auth = GST_SIP_AUTH (object);

  switch (prop_id) {
    case PROP_SCHEME:
      g_value_set_string (value, auth->scheme);
      break;
    case PROP_REALM:
      g_value_set_string (value, auth->realm);
      break;
    case PROP_ALGORITHM:
      g_value_set_string (value, gst_sip_auth_get_algorithm (auth));
      break;
    case PROP_IS_FOR_PROXY:
      g_value_set_boolean (value, auth->proxy);
      break;
    case PROP_IS_AUTHENTICATED:
      g_value_set_boolean (value, auth->authenticated);
      break;
    case PROP_OWNER:
      g_value_set_object (value, auth->owner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
}

static void
gst_sip_auth_class_init (GstSipAuthClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);

  gobject_class->finalize = gst_sip_auth_finalize;
  gobject_class->get_property = gst_sip_auth_get_property;

  /**
   * GstSipAuth:scheme:
   *
   * The authentication scheme; always `Digest`: other schemes are skipped
   * and Basic is never answered.
   *
   * Since: 0.1
   */
  properties[PROP_SCHEME] =
      g_param_spec_string ("scheme", "Scheme", "The authentication scheme",
          NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipAuth:realm:
   *
   * The realm of the challenge, which names the credentials to use.
   *
   * Since: 0.1
   */
  properties[PROP_REALM] =
      g_param_spec_string ("realm", "Realm", "The realm of the challenge", NULL,
          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipAuth:algorithm:
   *
   * The digest algorithm: `MD5`, `MD5-sess`, `SHA-256`, `SHA-256-sess`,
   * `SHA-512-256` or `SHA-512-256-sess`.  The strongest one a realm offers
   * is chosen.
   *
   * Since: 0.1
   */
  properties[PROP_ALGORITHM] = g_param_spec_string ("algorithm", "Algorithm",
      "The digest algorithm", NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipAuth:is-for-proxy:
   *
   * %TRUE for a proxy's challenge (407, Proxy-Authorization), %FALSE for
   * a registrar's or user agent's (401, Authorization).
   *
   * Since: 0.1
   */
  properties[PROP_IS_FOR_PROXY] = g_param_spec_boolean ("is-for-proxy",
      "Is for proxy", "Whether a proxy asked (407)", FALSE,
      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipAuth:is-authenticated:
   *
   * Whether credentials were given, with notify.
   *
   * Since: 0.1
   */
  properties[PROP_IS_AUTHENTICATED] = g_param_spec_boolean ("is-authenticated",
      "Is authenticated", "Whether credentials were given", FALSE,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GstSipAuth:owner:
   *
   * The #GstSipAccount (or call) whose request was challenged, if any.
   *
   * Since: 0.1
   */
  properties[PROP_OWNER] = g_param_spec_object ("owner", "Owner",
      "The account or call whose request was challenged", G_TYPE_OBJECT,
      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (gobject_class, N_PROPS, properties);
}

static void
gst_sip_auth_init (GstSipAuth *auth)
{
}

static void
update_from_challenge (GstSipAuth *auth, const GstSipAuthHeader *challenge)
{
  const gchar *v;

  g_free (auth->nonce);
  auth->nonce = g_strdup (gst_sip_auth_header_get_param (challenge, "nonce"));
  g_free (auth->opaque);
  auth->opaque = g_strdup (gst_sip_auth_header_get_param (challenge, "opaque"));
  g_free (auth->qop);
  auth->qop = g_strdup (gst_sip_auth_header_get_param (challenge, "qop"));
  g_free (auth->algorithm_name);
  auth->algorithm_name =
      g_strdup (gst_sip_auth_header_get_param (challenge, "algorithm"));
  auth->algorithm =
      _gst_sip_digest_algorithm_from_string (auth->algorithm_name);
  v = gst_sip_auth_header_get_param (challenge, "userhash");
  auth->userhash = v && g_ascii_strcasecmp (v, "true") == 0;
  auth->nc = 0;
  auth->tried = FALSE;
}

GstSipAuth *
_gst_sip_auth_new (
    const GstSipAuthHeader *challenge, gboolean proxy, GObject *owner)
{
  GstSipAuth *auth = g_object_new (GST_TYPE_SIP_AUTH, NULL);

  auth->owner = owner;
  auth->proxy = proxy;
  auth->scheme = g_strdup (gst_sip_auth_header_get_scheme (challenge));
  auth->realm = g_strdup (gst_sip_auth_header_get_param (challenge, "realm"));
  update_from_challenge (auth, challenge);

  return auth;
}

void
_gst_sip_auth_set_ready_func (
    GstSipAuth *auth, GstSipAuthReadyFunc func, gpointer user_data)
{
  auth->ready = func;
  auth->ready_data = user_data;
}

gboolean
_gst_sip_auth_is_cancelled (GstSipAuth *auth)
{
  return auth->cancelled;
}

static void
set_credentials (GstSipAuth *auth, const gchar *username, const gchar *password,
    const gchar *ha1)
{
  g_free (auth->username);
  auth->username = g_strdup (username);
  wipe_free (auth->password);
  auth->password = g_strdup (password);
  wipe_free (auth->ha1);
  auth->ha1 = ha1 ? g_ascii_strdown (ha1, -1) : NULL;
  auth->authenticated = TRUE;
  auth->cancelled = FALSE;
  auth->tried = FALSE;
}

static void
answered (GstSipAuth *auth)
{
  GstSipAuthReadyFunc ready = auth->ready;

  g_object_notify_by_pspec (G_OBJECT (auth), properties[PROP_IS_AUTHENTICATED]);
  auth->ready = NULL;
  if (ready)
    ready (auth, auth->ready_data);
}

/**
 * gst_sip_auth_authenticate:
 * @auth: a #GstSipAuth
 * @username: the user name
 * @password: the password
 *
 * Answers the challenge with a password.  The request is sent again with
 * the credentials; the password is kept for later challenges of the same
 * realm and never logged.
 *
 * Since: 0.1
 */
void
gst_sip_auth_authenticate (
    GstSipAuth *auth, const gchar *username, const gchar *password)
{
  g_return_if_fail (GST_IS_SIP_AUTH (auth));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  GST_DEBUG ("credentials for user %s in realm %s", username, auth->realm);
  set_credentials (auth, username, password, NULL);
  auth->from_application = TRUE;
  answered (auth);
}

/**
 * gst_sip_auth_authenticate_ha1:
 * @auth: a #GstSipAuth
 * @username: the user name
 * @ha1: H(username:realm:password) in hex: 32 digits for MD5, 64 for
 *   SHA-256
 *
 * Answers the challenge with a precomputed H(A1), as carriers hand out.
 * It only answers challenges of the matching algorithm family.
 *
 * Since: 0.1
 */
void
gst_sip_auth_authenticate_ha1 (
    GstSipAuth *auth, const gchar *username, const gchar *ha1)
{
  g_return_if_fail (GST_IS_SIP_AUTH (auth));
  g_return_if_fail (username != NULL);
  g_return_if_fail (ha1 != NULL);

  GST_DEBUG ("H(A1) for user %s in realm %s", username, auth->realm);
  set_credentials (auth, username, NULL, ha1);
  auth->from_application = TRUE;
  answered (auth);
}

/**
 * gst_sip_auth_cancel:
 * @auth: a #GstSipAuth
 *
 * Declines the challenge: the request fails with
 * %GST_SIP_ERROR_AUTH_FAILED.
 *
 * Since: 0.1
 */
void
gst_sip_auth_cancel (GstSipAuth *auth)
{
  g_return_if_fail (GST_IS_SIP_AUTH (auth));

  auth->cancelled = TRUE;
  auth->authenticated = FALSE;
  answered (auth);
}

/**
 * gst_sip_auth_get_scheme:
 * @auth: a #GstSipAuth
 *
 * Returns: the scheme, `Digest`
 *
 * Since: 0.1
 */
const gchar *
gst_sip_auth_get_scheme (GstSipAuth *auth)
{
  g_return_val_if_fail (GST_IS_SIP_AUTH (auth), NULL);
  return auth->scheme;
}

/**
 * gst_sip_auth_get_realm:
 * @auth: a #GstSipAuth
 *
 * Returns: (nullable): the realm
 *
 * Since: 0.1
 */
const gchar *
gst_sip_auth_get_realm (GstSipAuth *auth)
{
  g_return_val_if_fail (GST_IS_SIP_AUTH (auth), NULL);
  return auth->realm;
}

/**
 * gst_sip_auth_get_algorithm:
 * @auth: a #GstSipAuth
 *
 * Returns: the digest algorithm, such as `MD5` or `SHA-256`
 *
 * Since: 0.1
 */
const gchar *
gst_sip_auth_get_algorithm (GstSipAuth *auth)
{
  g_return_val_if_fail (GST_IS_SIP_AUTH (auth), NULL);
  return _gst_sip_digest_algorithm_to_string (auth->algorithm);
}

/**
 * gst_sip_auth_is_for_proxy:
 * @auth: a #GstSipAuth
 *
 * Returns: %TRUE for a proxy's challenge (407)
 *
 * Since: 0.1
 */
gboolean
gst_sip_auth_is_for_proxy (GstSipAuth *auth)
{
  g_return_val_if_fail (GST_IS_SIP_AUTH (auth), FALSE);
  return auth->proxy;
}

/**
 * gst_sip_auth_is_authenticated:
 * @auth: a #GstSipAuth
 *
 * Returns: %TRUE once credentials were given
 *
 * Since: 0.1
 */
gboolean
gst_sip_auth_is_authenticated (GstSipAuth *auth)
{
  g_return_val_if_fail (GST_IS_SIP_AUTH (auth), FALSE);
  return auth->authenticated;
}

/* the Authorization or Proxy-Authorization value for @request
 * (RFC 7616 3.4) */
static gchar *
build_credentials (GstSipAuth *auth, GstSipMessage *request)
{
  GstSipDigestParams p = {
    0,
  };
  GstSipAuthHeader *header;
  gchar *uri, *cnonce = NULL, *response, *userhash = NULL, *value, nc[9];
  GBytes *body = NULL;
  const gchar *qop = NULL;

  uri = gst_sip_uri_to_string (gst_sip_message_get_request_uri (request));

  if (auth->qop) {
    gchar **options = g_strsplit_set (auth->qop, ", \t", -1);

    /* auth unless only auth-int is offered */
    if (g_strv_contains ((const gchar *const *) options, "auth"))
      qop = "auth";
    else if (g_strv_contains ((const gchar *const *) options, "auth-int"))
      qop = "auth-int";
    g_strfreev (options);
  }

  auth->nc++;
  g_snprintf (nc, sizeof (nc), "%08x", auth->nc);
  if (qop || _gst_sip_digest_algorithm_is_session (auth->algorithm))
    cnonce = _gst_sip_digest_new_cnonce ();

  p.algorithm = auth->algorithm;
  p.username = auth->username;
  p.realm = auth->realm;
  p.password = auth->password;
  p.ha1 = auth->ha1;
  p.nonce = auth->nonce;
  p.cnonce = cnonce;
  p.qop = qop;
  p.nc = auth->nc;
  p.method = gst_sip_message_get_method_name (request);
  p.uri = uri;
  if (qop && g_str_equal (qop, "auth-int")) {
    body = gst_sip_message_get_body (request);
    if (body)
      p.body = g_bytes_get_data (body, &p.body_len);
  }
  response = _gst_sip_digest_compute_response (&p);

  header = gst_sip_auth_header_new ("Digest");
  if (auth->userhash) {
    userhash = _gst_sip_digest_compute_userhash (
        auth->algorithm, auth->username, auth->realm);
    gst_sip_auth_header_set_param (header, "username", userhash, TRUE);
  } else {
    gst_sip_auth_header_set_param (header, "username", auth->username, TRUE);
  }
  gst_sip_auth_header_set_param (
      header, "realm", auth->realm ? auth->realm : "", TRUE);
  gst_sip_auth_header_set_param (
      header, "nonce", auth->nonce ? auth->nonce : "", TRUE);
  gst_sip_auth_header_set_param (header, "uri", uri, TRUE);
  gst_sip_auth_header_set_param (
      header, "response", response ? response : "", TRUE);
  if (auth->algorithm_name)
    gst_sip_auth_header_set_param (header, "algorithm",
        _gst_sip_digest_algorithm_to_string (auth->algorithm), FALSE);
  if (cnonce)
    gst_sip_auth_header_set_param (header, "cnonce", cnonce, TRUE);
  if (auth->opaque)
    gst_sip_auth_header_set_param (header, "opaque", auth->opaque, TRUE);
  if (qop) {
    gst_sip_auth_header_set_param (header, "qop", qop, FALSE);
    gst_sip_auth_header_set_param (header, "nc", nc, FALSE);
  }
  if (auth->userhash)
    gst_sip_auth_header_set_param (header, "userhash", "true", FALSE);

  value = gst_sip_auth_header_to_string (header);
  gst_sip_auth_header_free (header);
  if (body)
    g_bytes_unref (body);
  g_free (response);
  g_free (cnonce);
  g_free (userhash);
  g_free (uri);
  auth->tried = TRUE;

  return value;
}

/* ---------------------------------------------------------------------- */
/* credentials and sessions */

void
_gst_sip_credentials_clear (GstSipCredentials *c)
{
  g_clear_pointer (&c->username, g_free);
  g_clear_pointer (&c->password, wipe_free);
  g_clear_pointer (&c->ha1, wipe_free);
  g_clear_pointer (&c->realm, g_free);
  c->any_realm = FALSE;
}

void
_gst_sip_credentials_copy (
    GstSipCredentials *dest, const GstSipCredentials *src)
{
  dest->username = g_strdup (src->username);
  dest->password = g_strdup (src->password);
  dest->ha1 = g_strdup (src->ha1);
  dest->realm = g_strdup (src->realm);
  dest->any_realm = src->any_realm;
}

void
_gst_sip_auth_session_init (GstSipAuthSession *session, GObject *owner)
{
  memset (session, 0, sizeof (*session));
  session->auths = g_ptr_array_new_with_free_func (g_object_unref);
  session->owner = owner;
}

void
_gst_sip_auth_session_clear (GstSipAuthSession *session)
{
  guint i;

  if (session->auths) {
    for (i = 0; i < session->auths->len; i++)
      _gst_sip_auth_set_ready_func (
          g_ptr_array_index (session->auths, i), NULL, NULL);
    g_clear_pointer (&session->auths, g_ptr_array_unref);
  }
  _gst_sip_credentials_clear (&session->credentials);
}

void
_gst_sip_auth_session_set_owner (GstSipAuthSession *session, GObject *owner)
{
  guint i;

  session->owner = owner;
  for (i = 0; i < session->auths->len; i++)
    ((GstSipAuth *) g_ptr_array_index (session->auths, i))->owner = owner;
}

static gboolean
credentials_fit (const GstSipCredentials *c, GstSipDigestAlgorithm algorithm)
{
  if (c->password)
    return TRUE;
  return c->ha1 &&
      strlen (c->ha1) == _gst_sip_digest_algorithm_hex_length (algorithm);
}

static gboolean
auth_fits (GstSipAuth *auth, GstSipDigestAlgorithm algorithm)
{
  if (auth->password)
    return TRUE;
  return auth->ha1 &&
      strlen (auth->ha1) == _gst_sip_digest_algorithm_hex_length (algorithm);
}

void
_gst_sip_auth_session_authorize (
    GstSipAuthSession *session, GstSipMessage *request)
{
  guint i;

  gst_sip_message_remove_header (request, "Authorization");
  gst_sip_message_remove_header (request, "Proxy-Authorization");

  for (i = 0; i < session->auths->len; i++) {
    GstSipAuth *auth = g_ptr_array_index (session->auths, i);
    gchar *value;

    if (!auth->authenticated || auth->cancelled || !auth->nonce)
      continue;
    value = build_credentials (auth, request);
    gst_sip_message_append_header (
        request, auth->proxy ? "Proxy-Authorization" : "Authorization", value);
    g_free (value);
  }
}

void
_gst_sip_auth_session_done (GstSipAuthSession *session)
{
  guint i;

  for (i = 0; i < session->auths->len; i++)
    ((GstSipAuth *) g_ptr_array_index (session->auths, i))->tried = FALSE;
  session->attempts = 0;
}

static GstSipAuth *
find_auth (GstSipAuthSession *session, const gchar *realm, gboolean proxy)
{
  guint i;

  for (i = 0; i < session->auths->len; i++) {
    GstSipAuth *auth = g_ptr_array_index (session->auths, i);

    if (auth->proxy == proxy && g_strcmp0 (auth->realm, realm) == 0)
      return auth;
  }
  return NULL;
}

typedef struct
{
  GstSipAuthHeader *challenge; /* owned by the header list */
  GstSipDigestAlgorithm algorithm;
  gboolean proxy;
} Choice;

static gboolean
can_answer (GstSipAuthSession *session, const gchar *realm, gboolean proxy,
    GstSipDigestAlgorithm algorithm)
{
  GstSipAuth *known = find_auth (session, realm, proxy);

  /* with a precomputed H(A1), only its own algorithm family works */
  if (known && known->authenticated)
    return auth_fits (known, algorithm);
  if (session->credentials.ha1 && !session->credentials.password)
    return credentials_fit (&session->credentials, algorithm);
  return TRUE;
}

/* the strongest Digest challenge we can answer, per realm; the chosen
 * headers stay owned by @headers */
static void
choose (
    GstSipAuthSession *session, GList *headers, gboolean proxy, GArray *choices)
{
  GList *l;

  for (l = headers; l; l = l->next) {
    GstSipAuthHeader *h = l->data;
    const gchar *realm = gst_sip_auth_header_get_param (h, "realm");
    GstSipDigestAlgorithm alg;
    guint i;

    if (g_ascii_strcasecmp (gst_sip_auth_header_get_scheme (h), "Digest") !=
            0 ||
        !realm || !gst_sip_auth_header_get_param (h, "nonce")) {
      GST_DEBUG ("skipping a %s challenge", gst_sip_auth_header_get_scheme (h));
      continue;
    }
    alg = _gst_sip_digest_algorithm_from_string (
        gst_sip_auth_header_get_param (h, "algorithm"));
    if (alg == GST_SIP_DIGEST_ALGORITHM_UNKNOWN) {
      GST_DEBUG ("skipping the unknown algorithm %s for realm %s",
          gst_sip_auth_header_get_param (h, "algorithm"), realm);
      continue;
    }
    if (!can_answer (session, realm, proxy, alg))
      continue;

    for (i = 0; i < choices->len; i++) {
      Choice *c = &g_array_index (choices, Choice, i);

      if (c->proxy == proxy &&
          g_strcmp0 (gst_sip_auth_header_get_param (c->challenge, "realm"),
              realm) == 0)
        break;
    }
    if (i == choices->len) {
      Choice c = { h, alg, proxy };

      g_array_append_val (choices, c);
    } else if (_gst_sip_digest_algorithm_strength (alg) >
        _gst_sip_digest_algorithm_strength (
            g_array_index (choices, Choice, i).algorithm)) {
      g_array_index (choices, Choice, i).challenge = h;
      g_array_index (choices, Choice, i).algorithm = alg;
    }
  }
}

/* the account's own credentials, when they may answer @realm */
static gboolean
use_own_credentials (GstSipAuthSession *session, GstSipAuth *auth)
{
  GstSipCredentials *c = &session->credentials;

  if (!c->username || (!c->password && !c->ha1))
    return FALSE;
  if (!credentials_fit (c, auth->algorithm))
    return FALSE;
  if (c->realm && g_strcmp0 (c->realm, auth->realm) != 0 && !c->any_realm)
    return FALSE;
  /* credentials without a realm belong to the first realm that asks */
  if (!c->realm && !c->any_realm)
    c->realm = g_strdup (auth->realm);

  set_credentials (auth, c->username, c->password, c->ha1);
  auth->from_application = FALSE;
  return TRUE;
}

static GstSipAuthOutcome
fail_auth (GError **error, const gchar *realm, const gchar *why)
{
  g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_AUTH_FAILED,
      _ ("Authentication for realm “%s” failed: %s"), realm ? realm : "", why);
  return GST_SIP_AUTH_OUTCOME_FAILED;
}

/* the attempts of one request before giving up whatever happens */
#define MAX_ATTEMPTS 5

GstSipAuthOutcome
_gst_sip_auth_session_handle_challenge (GstSipAuthSession *session,
    GstSipUserAgent *ua, GstSipMessage *request, GstSipMessage *response,
    GstSipAuthReadyFunc ready, gpointer user_data, GError **error)
{
  GList *www, *proxy;
  GArray *choices = g_array_new (FALSE, FALSE, sizeof (Choice));
  GstSipAuthOutcome outcome = GST_SIP_AUTH_OUTCOME_RETRY;
  guint i;

  www = gst_sip_message_get_auth_headers (response, "WWW-Authenticate");
  proxy = gst_sip_message_get_auth_headers (response, "Proxy-Authenticate");
  choose (session, www, FALSE, choices);
  choose (session, proxy, TRUE, choices);

  if (choices->len == 0) {
    g_set_error (error, GST_SIP_ERROR, GST_SIP_ERROR_AUTH_FAILED,
        _ ("The server asked for authentication that cannot be answered "
           "(no digest challenge with a supported algorithm)"));
    outcome = GST_SIP_AUTH_OUTCOME_FAILED;
    goto done;
  }
  if (++session->attempts > MAX_ATTEMPTS) {
    outcome = fail_auth (error,
        gst_sip_auth_header_get_param (
            g_array_index (choices, Choice, 0).challenge, "realm"),
        _ ("too many challenges"));
    goto done;
  }

  for (i = 0; i < choices->len && outcome == GST_SIP_AUTH_OUTCOME_RETRY; i++) {
    Choice *c = &g_array_index (choices, Choice, i);
    const gchar *realm = gst_sip_auth_header_get_param (c->challenge, "realm");
    const gchar *stale = gst_sip_auth_header_get_param (c->challenge, "stale");
    GstSipAuth *auth = find_auth (session, realm, c->proxy);
    gboolean retrying = FALSE, handled = FALSE;

    if (auth) {
      gboolean is_stale = stale && g_ascii_strcasecmp (stale, "true") == 0;

      if (auth->tried && !is_stale) {
        /* our credentials went out and came back refused for a fresh
         * nonce: never loop on them */
        GST_INFO ("credentials for realm %s refused", realm);
        if (!auth->from_application) {
          outcome =
              fail_auth (error, realm, _ ("the credentials were refused"));
          break;
        }
        auth->authenticated = FALSE;
        retrying = TRUE;
      }
      if (auth->tried ||
          g_strcmp0 (auth->nonce,
              gst_sip_auth_header_get_param (c->challenge, "nonce")) != 0) {
        GST_DEBUG ("new %snonce for realm %s", is_stale ? "stale " : "", realm);
        update_from_challenge (auth, c->challenge);
        auth->algorithm = c->algorithm;
      }
    } else {
      auth = _gst_sip_auth_new (c->challenge, c->proxy, session->owner);
      auth->algorithm = c->algorithm;
      g_ptr_array_add (session->auths, auth);
    }

    if (auth->authenticated ||
        (!retrying && use_own_credentials (session, auth)))
      continue;

    /* a handler that answers at once makes this a plain retry; the ready
     * function is only for answers that come later */
    auth->cancelled = FALSE;
    _gst_sip_auth_set_ready_func (auth, NULL, NULL);
    handled = _gst_sip_user_agent_emit_authenticate (ua, auth, retrying);
    if (auth->authenticated)
      continue;
    if (handled && !auth->cancelled) {
      _gst_sip_auth_set_ready_func (auth, ready, user_data);
      outcome = GST_SIP_AUTH_OUTCOME_PENDING;
    } else {
      outcome = fail_auth (error, realm, _ ("no credentials"));
    }
  }

done:
  g_array_unref (choices);
  g_list_free_full (www, (GDestroyNotify) gst_sip_auth_header_free);
  g_list_free_full (proxy, (GDestroyNotify) gst_sip_auth_header_free);
  return outcome;
}
