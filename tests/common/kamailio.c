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

#include "kamailio.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <glib/gstdio.h>

/* The configuration template, kamailio.cfg in this directory. */
#ifndef GST_SIP_TEST_KAMAILIO_CFG
#error "GST_SIP_TEST_KAMAILIO_CFG must name the kamailio.cfg template"
#endif

/* Environment variables that override where kamailio and its modules
 * are. */
#define KAMAILIO_ENV "GST_SIP_TEST_KAMAILIO"
#define MODULES_ENV "GST_SIP_TEST_KAMAILIO_MODULES"

/* Shared and private memory of kamailio, in megabytes, and its worker
 * processes per transport. */
#define DEFAULT_SHM_MB 64
#define PKG_MB "8"
#define DEFAULT_WORKERS 2

/* How often the log and the worker processes are looked at while
 * waiting. */
#define POLL_INTERVAL_MS 20

/* How long gst_sip_test_kamailio_stop() waits for the workers to exit
 * after the main process did, and again after SIGKILL. */
#define WORKERS_STOP_TIMEOUT_MS 5000

#define DEFAULT_ADDRESS "127.0.0.1"
#define DEFAULT_DOMAIN "example.test"
#define DEFAULT_MIN_EXPIRES 1
#define DEFAULT_DEFAULT_EXPIRES 3600
#define DEFAULT_NONCE_EXPIRE 300

/* The modules kamailio.cfg loads. */
static const gchar *const required_modules[] = { "db_text", "tm", "sl", "rr",
  "pv", "maxfwd", "usrloc", "registrar", "textops", "siputils", "xlog",
  "sanity", "nathelper", "auth", "auth_db", NULL };

/* Where distributions install them when MODULES_ENV is not set. */
static const gchar *const module_dirs[] = {
  "/usr/lib/x86_64-linux-gnu/kamailio/modules",
  "/usr/lib/aarch64-linux-gnu/kamailio/modules",
  "/usr/lib/i386-linux-gnu/kamailio/modules",
  "/usr/lib64/kamailio/modules",
  "/usr/lib/kamailio/modules",
  "/usr/local/lib64/kamailio/modules",
  "/usr/local/lib/kamailio/modules",
  NULL,
};

typedef struct
{
  GPid pid;
  guint64 start_time;
} Worker;

struct _GstSipTestKamailio
{
  GstSipTestPeer *peer;
  GMainContext *context;

  gchar *workdir;
  gchar *address;
  guint16 port;
  guint16 tls_port; /* 0 without TLS */
  guint16 ws_port; /* 0 without WebSocket */
  gchar *domain;

  gboolean stopped;
};

typedef gboolean (*CheckFunc) (
    GstSipTestKamailio *kamailio, gpointer user_data);

/* Files */

/* Appends @text to @out as a db_text string field: backslash, colon and
 * the control characters db_text uses are escaped. */
static void
append_dbtext_field (GString *out, const gchar *text, gsize len)
{
  gsize i;

  for (i = 0; i < len; i++) {
    switch (text[i]) {
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case ':':
        g_string_append (out, "\\:");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      default:
        g_string_append_c (out, text[i]);
        break;
    }
  }
}

/* Writes the db_text tables "subscriber" (one row per user, plain text
 * passwords) and "version" into @dir. */
static gboolean
write_database (const gchar *dir, const gchar *domain,
    const gchar *const *users, GError **error)
{
  GString *subscriber;
  gchar *path = NULL;
  gboolean ok = FALSE;
  guint i;

  if (g_mkdir_with_parents (dir, 0700) != 0) {
    gint errsv = errno;

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
        "Cannot create directory \"%s\": %s", dir, g_strerror (errsv));
    return FALSE;
  }

  subscriber = g_string_new ("id(int,auto) username(str) domain(str,null) "
                             "password(str) ha1(str,null) ha1b(str,null)\n");
  for (i = 0; users != NULL && users[i] != NULL; i++) {
    const gchar *colon = strchr (users[i], ':');

    g_string_append_printf (subscriber, "%u:", i + 1);
    append_dbtext_field (subscriber, users[i], colon - users[i]);
    g_string_append_c (subscriber, ':');
    append_dbtext_field (subscriber, domain, strlen (domain));
    g_string_append_c (subscriber, ':');
    append_dbtext_field (subscriber, colon + 1, strlen (colon + 1));
    g_string_append (subscriber, "::\n");
  }

  path = g_build_filename (dir, "subscriber", NULL);
  if (!g_file_set_contents_full (path, subscriber->str, subscriber->len,
          G_FILE_SET_CONTENTS_NONE, 0600, error))
    goto done;
  g_free (path);

  /* auth_db checks the version of the subscriber table. */
  path = g_build_filename (dir, "version", NULL);
  if (!g_file_set_contents (path,
          "table_name(str) table_version(int)\nsubscriber:7\n", -1, error))
    goto done;

  ok = TRUE;

done:
  g_free (path);
  g_string_free (subscriber, TRUE);
  return ok;
}

/* Configuration */

static gboolean
is_domain (const gchar *domain)
{
  const gchar *p;

  if (*domain == '\0')
    return FALSE;
  for (p = domain; *p != '\0'; p++) {
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
      return FALSE;
  }
  return TRUE;
}

/* Text that a #!substdef can carry: no delimiter, quote or backslash. */
static gboolean
is_substdef_safe (const gchar *text)
{
  return strpbrk (text, "!\"\\\n") == NULL;
}

/* The auth_challenge() flags of @qop, or -1. */
static gint
challenge_flags (const gchar *qop)
{
  if (qop == NULL || g_ascii_strcasecmp (qop, "auth") == 0)
    return 1;
  if (*qop == '\0')
    return 0;
  if (g_ascii_strcasecmp (qop, "auth-int") == 0)
    return 2;
  if (g_ascii_strcasecmp (qop, "auth,auth-int") == 0)
    return 3;
  return -1;
}

static gboolean
check_config (const GstSipTestKamailioConfig *config, GError **error)
{
  GInetAddress *inet;
  guint i;

  if (config->address != NULL) {
    inet = g_inet_address_new_from_string (config->address);
    if (inet == NULL) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          "Invalid kamailio address \"%s\": not an IP address",
          config->address);
      return FALSE;
    }
    g_object_unref (inet);
  }

  if (config->domain != NULL && !is_domain (config->domain)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "Invalid kamailio domain \"%s\"", config->domain);
    return FALSE;
  }

  for (i = 0; config->users != NULL && config->users[i] != NULL; i++) {
    const gchar *user = config->users[i];
    const gchar *colon = strchr (user, ':');

    /* never print the password */
    if (colon == NULL || colon == user || colon[1] == '\0') {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          "Invalid kamailio user %u: not \"name:password\" with a name and "
          "a password",
          i);
      return FALSE;
    }
  }

  if (config->algorithm != NULL &&
      g_ascii_strcasecmp (config->algorithm, "MD5") != 0 &&
      g_ascii_strcasecmp (config->algorithm, "SHA-256") != 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "Unsupported kamailio digest algorithm \"%s\"", config->algorithm);
    return FALSE;
  }

  if (challenge_flags (config->qop) < 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "Unsupported kamailio qop \"%s\"", config->qop);
    return FALSE;
  }

  if (config->memory_manager != NULL &&
      !g_str_equal (config->memory_manager, "qm") &&
      !g_str_equal (config->memory_manager, "fm") &&
      !g_str_equal (config->memory_manager, "tlsf")) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "Unknown kamailio memory manager \"%s\"", config->memory_manager);
    return FALSE;
  }

  if ((config->tls_certificate != NULL) != (config->tls_private_key != NULL) ||
      (config->tls_certificate != NULL &&
          (!is_substdef_safe (config->tls_certificate) ||
              !is_substdef_safe (config->tls_private_key)))) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "kamailio's TLS needs both a certificate and a private key file");
    return FALSE;
  }

  if (config->mode == GST_SIP_TEST_KAMAILIO_MODE_FORWARD &&
      (config->forward_to == NULL || *config->forward_to == '\0' ||
          !is_substdef_safe (config->forward_to) ||
          strpbrk (config->forward_to, " \t;>") != NULL)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "The forwarding kamailio needs forward_to as \"address:port\"");
    return FALSE;
  }

  return TRUE;
}

/* The kamailio.cfg to run: the definitions for @config, then the
 * template. */
static gchar *
build_config (GstSipTestKamailio *kamailio,
    const GstSipTestKamailioConfig *config, const gchar *modules_dir,
    const gchar *db_dir, GError **error)
{
  GString *cfg;
  gchar *template = NULL;
  gchar *listen;

  if (!g_file_get_contents (GST_SIP_TEST_KAMAILIO_CFG, &template, NULL, error))
    return NULL;

  if (!is_substdef_safe (modules_dir) || !is_substdef_safe (db_dir)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
        "Cannot put \"%s\" or \"%s\" into a kamailio configuration",
        modules_dir, db_dir);
    g_free (template);
    return NULL;
  }

  if (strchr (kamailio->address, ':') != NULL)
    listen = g_strdup_printf ("[%s]:%u", kamailio->address, kamailio->port);
  else
    listen = g_strdup_printf ("%s:%u", kamailio->address, kamailio->port);

  cfg = g_string_new ("#!KAMAILIO\n"
                      "# Written by the gst-sip test harness "
                      "(tests/common/kamailio.c).\n");
#define SUBSTDEF(name, format, ...) \
  g_string_append_printf (          \
      cfg, "#!substdef \"!" name "!" format "!\"\n", __VA_ARGS__)
  SUBSTDEF ("KAM_LISTEN", "%s", listen);
  SUBSTDEF ("KAM_DOMAIN", "%s", kamailio->domain);
  SUBSTDEF ("KAM_MODULES", "%s", modules_dir);
  SUBSTDEF ("KAM_DB", "%s", db_dir);
  SUBSTDEF ("KAM_MIN_EXPIRES", "%u",
      config->min_expires ? config->min_expires : DEFAULT_MIN_EXPIRES);
  SUBSTDEF ("KAM_DEFAULT_EXPIRES", "%u",
      config->default_expires ? config->default_expires
                              : DEFAULT_DEFAULT_EXPIRES);
  SUBSTDEF ("KAM_MAX_EXPIRES", "%u", config->max_expires);
  SUBSTDEF ("KAM_BRIEF_MODE", "%d", config->reject_brief ? 1 : 0);
  SUBSTDEF ("KAM_ALGORITHM", "%s",
      config->algorithm != NULL &&
              g_ascii_strcasecmp (config->algorithm, "SHA-256") == 0
          ? "SHA-256"
          : "MD5");
  SUBSTDEF ("KAM_CHALLENGE_FLAGS", "%d", challenge_flags (config->qop));
  SUBSTDEF ("KAM_NONCE_EXPIRE", "%u",
      config->nonce_expire ? config->nonce_expire : DEFAULT_NONCE_EXPIRE);
  SUBSTDEF (
      "KAM_WORKERS", "%u", config->workers ? config->workers : DEFAULT_WORKERS);
  if (config->mode == GST_SIP_TEST_KAMAILIO_MODE_FORWARD)
    SUBSTDEF ("KAM_FORWARD_TO", "%s", config->forward_to);
  if (kamailio->tls_port != 0) {
    if (strchr (kamailio->address, ':') != NULL)
      SUBSTDEF (
          "KAM_TLS_LISTEN", "[%s]:%u", kamailio->address, kamailio->tls_port);
    else
      SUBSTDEF (
          "KAM_TLS_LISTEN", "%s:%u", kamailio->address, kamailio->tls_port);
    SUBSTDEF ("KAM_TLS_CERTIFICATE", "%s", config->tls_certificate);
    SUBSTDEF ("KAM_TLS_PRIVATE_KEY", "%s", config->tls_private_key);
  }
  if (kamailio->ws_port != 0) {
    if (strchr (kamailio->address, ':') != NULL)
      SUBSTDEF (
          "KAM_WS_LISTEN", "[%s]:%u", kamailio->address, kamailio->ws_port);
    else
      SUBSTDEF ("KAM_WS_LISTEN", "%s:%u", kamailio->address, kamailio->ws_port);
    SUBSTDEF ("KAM_WS_PORT", "%u", kamailio->ws_port);
  }
#undef SUBSTDEF
  if (config->mode == GST_SIP_TEST_KAMAILIO_MODE_PROXY)
    g_string_append (cfg, "#!define WITH_PROXY\n");
  if (config->mode == GST_SIP_TEST_KAMAILIO_MODE_FORWARD)
    g_string_append (cfg, "#!define WITH_FORWARD\n");
  if (config->record_route)
    g_string_append (cfg, "#!define WITH_RECORD_ROUTE\n");
  if (config->use_received)
    g_string_append (cfg, "#!define WITH_RECEIVED\n");
  if (kamailio->tls_port != 0)
    g_string_append (cfg, "#!define WITH_TLS\n");
  if (kamailio->ws_port != 0)
    g_string_append (cfg, "#!define WITH_WEBSOCKET\n");
  g_string_append (cfg, "\n");
  g_string_append (cfg, template);

  g_free (listen);
  g_free (template);

  return g_string_free (cfg, FALSE);
}

/* Waiting */

static gboolean
on_poll_tick (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Calls @func until it returns %TRUE or @timeout_ms passed, iterating the
 * context of @kamailio in between (at least every POLL_INTERVAL_MS). */
static gboolean
wait_for (GstSipTestKamailio *kamailio, CheckFunc func, gpointer user_data,
    guint timeout_ms)
{
  gint64 deadline;

  deadline =
      g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!func (kamailio, user_data)) {
    GSource *tick;
    gboolean fired = FALSE;
    gint64 remaining = deadline - g_get_monotonic_time ();

    if (remaining <= 0)
      return FALSE;

    remaining =
        (remaining + G_TIME_SPAN_MILLISECOND - 1) / G_TIME_SPAN_MILLISECOND;
    tick = g_timeout_source_new (MIN ((gint64) POLL_INTERVAL_MS, remaining));
    g_source_set_callback (tick, on_poll_tick, &fired, NULL);
    g_source_attach (tick, kamailio->context);
    while (!fired)
      g_main_context_iteration (kamailio->context, TRUE);
    g_source_destroy (tick);
    g_source_unref (tick);
  }

  return TRUE;
}

static gboolean
has_exited (GstSipTestKamailio *kamailio)
{
  return gst_sip_test_peer_wait_exit (kamailio->peer, 0, NULL);
}

typedef struct
{
  const gchar *text;
  gboolean found;
} LogQuery;

static gboolean
check_log (GstSipTestKamailio *kamailio, gpointer user_data)
{
  LogQuery *query = user_data;

  query->found =
      strstr (gst_sip_test_peer_get_log (kamailio->peer), query->text) != NULL;

  /* read the log once more after an exit: the line may be the last one */
  return query->found || has_exited (kamailio);
}

/* Worker processes */

/* Reads the parent and the start time (in clock ticks since boot) of
 * process @pid from /proc/PID/stat, and whether it still runs (is no
 * zombie). */
static gboolean
read_proc_stat (GPid pid, GPid *parent, guint64 *start_time, gboolean *alive)
{
  gchar *path, *contents = NULL;
  gchar **fields = NULL;
  const gchar *after_name;
  gboolean ok = FALSE;

  path = g_strdup_printf ("/proc/%d/stat", (gint) pid);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    goto done;

  /* "pid (name) state ppid ...": the name may contain blanks and
   * parentheses, the fields after the last ')' do not. */
  after_name = strrchr (contents, ')');
  if (after_name == NULL)
    goto done;
  fields = g_strsplit_set (after_name + 1, " \n", -1);
  /* fields[0] is empty; state is stat field 3, ppid 4, starttime 22 */
  if (g_strv_length (fields) < 21)
    goto done;

  if (parent != NULL)
    *parent = (GPid) atoi (fields[2]);
  if (start_time != NULL)
    *start_time = g_ascii_strtoull (fields[20], NULL, 10);
  if (alive != NULL)
    *alive = fields[1][0] != 'Z' && fields[1][0] != 'X';
  ok = TRUE;

done:
  g_strfreev (fields);
  g_free (contents);
  g_free (path);
  return ok;
}

/* The processes whose parent is @pid: kamailio's workers. */
static GArray *
list_workers (GPid pid)
{
  GArray *workers = g_array_new (FALSE, FALSE, sizeof (Worker));
  GDir *dir;
  const gchar *name;

  dir = g_dir_open ("/proc", 0, NULL);
  if (dir == NULL)
    return workers;

  while ((name = g_dir_read_name (dir)) != NULL) {
    Worker worker;
    GPid parent = 0;
    gboolean alive = FALSE;

    if (!g_ascii_isdigit (name[0]))
      continue;
    worker.pid = (GPid) atoi (name);
    if (read_proc_stat (worker.pid, &parent, &worker.start_time, &alive) &&
        parent == pid && alive)
      g_array_append_val (workers, worker);
  }
  g_dir_close (dir);

  return workers;
}

/* Whether @worker still runs: the same process (same start time), not a
 * zombie. */
static gboolean
worker_runs (const Worker *worker)
{
  guint64 start_time = 0;
  gboolean alive = FALSE;

  return read_proc_stat (worker->pid, NULL, &start_time, &alive) &&
      start_time == worker->start_time && alive;
}

static gboolean
check_workers_gone (GstSipTestKamailio *kamailio, gpointer user_data)
{
  GArray *workers = user_data;
  guint i;

  for (i = 0; i < workers->len; i++) {
    if (worker_runs (&g_array_index (workers, Worker, i)))
      return FALSE;
  }
  return TRUE;
}

/* Public API */

/**
 * gst_sip_test_kamailio_start:
 * @config: how to set kamailio up; see #GstSipTestKamailioConfig
 * @error: return location for a #GError
 *
 * Starts kamailio as described in kamailio.h and waits until it listens
 * on its UDP and TCP port and its first worker is ready, at most
 * %GST_SIP_TEST_KAMAILIO_START_TIMEOUT_MS.
 *
 * Returns: (transfer full) (nullable): the running kamailio, or %NULL with
 *     @error set: %G_IO_ERROR_NOT_FOUND when kamailio or one of its modules
 *     is not installed (tests skip then), %G_IO_ERROR_INVALID_ARGUMENT for
 *     a bad @config, another error with kamailio's log in the message when
 *     it did not start.
 */
GstSipTestKamailio *
gst_sip_test_kamailio_start (
    const GstSipTestKamailioConfig *config, GError **error)
{
  GstSipTestKamailio *kamailio;
  const gchar *program;
  gchar *modules_dir = NULL, *db_dir = NULL, *run_dir = NULL;
  gchar *cfg = NULL, *cfg_path = NULL, *found = NULL, *shm_mb = NULL;
  LogQuery ready = { GST_SIP_TEST_KAMAILIO_READY, FALSE };
  const gchar *what;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_config (config, error))
    return NULL;

  program = g_getenv (KAMAILIO_ENV);
  if (program == NULL || *program == '\0')
    program = "kamailio";
  found = gst_sip_test_find_program (program);
  if (found == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
        "kamailio not found (set %s to its path)", KAMAILIO_ENV);
    return NULL;
  }

  modules_dir = gst_sip_test_find_modules_dir (
      "kamailio", MODULES_ENV, module_dirs, required_modules, error);
  if (modules_dir == NULL) {
    g_free (found);
    return NULL;
  }

  if (config->tls_certificate != NULL) {
    gchar *tls_module = g_build_filename (modules_dir, "tls.so", NULL);
    gboolean have_tls = g_file_test (tls_module, G_FILE_TEST_EXISTS);

    g_free (tls_module);
    if (!have_tls) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
          "kamailio's tls module is not installed in %s", modules_dir);
      g_free (modules_dir);
      g_free (found);
      return NULL;
    }
  }

  if (config->websocket) {
    gboolean have_ws = TRUE;
    guint i;

    for (i = 0; i < 2 && have_ws; i++) {
      gchar *module = g_strdup_printf (
          "%s/%s.so", modules_dir, i == 0 ? "xhttp" : "websocket");

      have_ws = g_file_test (module, G_FILE_TEST_EXISTS);
      g_free (module);
    }
    if (!have_ws) {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
          "kamailio's xhttp and websocket modules are not installed in %s",
          modules_dir);
      g_free (modules_dir);
      g_free (found);
      return NULL;
    }
  }

  kamailio = g_new0 (GstSipTestKamailio, 1);
  kamailio->context = g_main_context_ref_thread_default ();
  kamailio->address =
      g_strdup (config->address ? config->address : DEFAULT_ADDRESS);
  kamailio->domain =
      g_strdup (config->domain ? config->domain : DEFAULT_DOMAIN);
  kamailio->port = config->port;
  if (kamailio->port == 0) {
    kamailio->port = gst_sip_test_reserve_port (
        G_SOCKET_FAMILY_INVALID, G_SOCKET_TYPE_INVALID, kamailio->address);
    if (kamailio->port == 0)
      goto no_port;
  }
  if (config->tls_certificate != NULL) {
    kamailio->tls_port = gst_sip_test_reserve_port (
        G_SOCKET_FAMILY_INVALID, G_SOCKET_TYPE_STREAM, kamailio->address);
    if (kamailio->tls_port == 0 || kamailio->tls_port == kamailio->port)
      goto no_port;
  }
  if (config->websocket) {
    kamailio->ws_port = gst_sip_test_reserve_port (
        G_SOCKET_FAMILY_INVALID, G_SOCKET_TYPE_STREAM, kamailio->address);
    if (kamailio->ws_port == 0 || kamailio->ws_port == kamailio->port ||
        kamailio->ws_port == kamailio->tls_port)
      goto no_port;
  }

  kamailio->workdir = gst_sip_test_make_tmp_dir ("kamailio", error);
  if (kamailio->workdir == NULL)
    goto failed;
  db_dir = g_build_filename (kamailio->workdir, "db", NULL);
  run_dir = g_build_filename (kamailio->workdir, "run", NULL);
  if (g_mkdir (run_dir, 0700) != 0)
    goto no_run_dir;
  if (!write_database (db_dir, kamailio->domain, config->users, error))
    goto failed;

  cfg = build_config (kamailio, config, modules_dir, db_dir, error);
  if (cfg == NULL)
    goto failed;
  cfg_path = g_build_filename (kamailio->workdir, "kamailio.cfg", NULL);
  if (!g_file_set_contents (cfg_path, cfg, -1, error))
    goto failed;

  {
    /* -DD: stay in the foreground (but fork the workers); -E: log to
     * stderr; -Y: runtime files in the work directory; -w: so are core
     * files. */
    const gchar *argv[] = { found, "-f", cfg_path, "-DD", "-E", "-m", NULL,
      "-M", PKG_MB, "-L", modules_dir, "-Y", run_dir, "-w", kamailio->workdir,
      NULL, NULL, NULL };

    shm_mb = g_strdup_printf (
        "%u", config->shm_mb ? config->shm_mb : DEFAULT_SHM_MB);
    argv[6] = shm_mb;
    if (config->memory_manager != NULL) {
      argv[G_N_ELEMENTS (argv) - 3] = "-x";
      argv[G_N_ELEMENTS (argv) - 2] = config->memory_manager;
    }
    /* SIGTERM when the test dies: kamailio then stops its workers, which
     * SIGKILL would leave running. */
    kamailio->peer =
        gst_sip_test_peer_spawn_full (argv, kamailio->workdir, SIGTERM, error);
  }
  if (kamailio->peer == NULL)
    goto failed;

  what = "listen on UDP";
  if (!gst_sip_test_peer_wait_udp_port (kamailio->peer, kamailio->address,
          kamailio->port, GST_SIP_TEST_KAMAILIO_START_TIMEOUT_MS))
    goto not_started;
  what = "listen on TCP";
  if (!gst_sip_test_peer_wait_tcp_port (kamailio->peer, kamailio->address,
          kamailio->port, GST_SIP_TEST_KAMAILIO_START_TIMEOUT_MS))
    goto not_started;
  what = "listen on TLS";
  if (kamailio->tls_port != 0 &&
      !gst_sip_test_peer_wait_tcp_port (kamailio->peer, kamailio->address,
          kamailio->tls_port, GST_SIP_TEST_KAMAILIO_START_TIMEOUT_MS))
    goto not_started;
  what = "listen for WebSocket";
  if (kamailio->ws_port != 0 &&
      !gst_sip_test_peer_wait_tcp_port (kamailio->peer, kamailio->address,
          kamailio->ws_port, GST_SIP_TEST_KAMAILIO_START_TIMEOUT_MS))
    goto not_started;
  what = "start its workers";
  if (!wait_for (kamailio, check_log, &ready,
          GST_SIP_TEST_KAMAILIO_START_TIMEOUT_MS) ||
      !ready.found)
    goto not_started;

  g_test_message ("kamailio (pid %d) listens on %s port %u, in %s",
      (gint) gst_sip_test_peer_get_pid (kamailio->peer), kamailio->address,
      kamailio->port, kamailio->workdir);

done:
  g_free (shm_mb);
  g_free (cfg_path);
  g_free (cfg);
  g_free (run_dir);
  g_free (db_dir);
  g_free (modules_dir);
  g_free (found);
  return kamailio;

  /* ERRORS */
no_port : {
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
      "No free UDP and TCP port for kamailio on %s", kamailio->address);
  goto failed;
}
no_run_dir : {
  gint errsv = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
      "Cannot create directory \"%s\": %s", run_dir, g_strerror (errsv));
  goto failed;
}
not_started : {
  gint status = G_MININT;
  gchar *outcome;

  gst_sip_test_kamailio_stop (kamailio);
  if (gst_sip_test_peer_wait_exit (kamailio->peer, 0, &status))
    outcome = g_strdup_printf ("exit status %d", status);
  else
    outcome = g_strdup ("still running");
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
      "kamailio (pid %d) did not %s on %s port %u within %u ms (%s)\n"
      "--- kamailio log ---\n%s",
      (gint) gst_sip_test_peer_get_pid (kamailio->peer), what,
      kamailio->address, kamailio->port, GST_SIP_TEST_KAMAILIO_START_TIMEOUT_MS,
      outcome, gst_sip_test_peer_get_log (kamailio->peer));
  g_free (outcome);
  goto failed;
}
failed : {
  gst_sip_test_kamailio_free (kamailio);
  kamailio = NULL;
  goto done;
}
}

/**
 * gst_sip_test_kamailio_get_port:
 * @kamailio: a #GstSipTestKamailio
 *
 * Returns: the UDP and TCP port kamailio listens on.
 */
guint16
gst_sip_test_kamailio_get_port (GstSipTestKamailio *kamailio)
{
  g_return_val_if_fail (kamailio != NULL, 0);

  return kamailio->port;
}

/**
 * gst_sip_test_kamailio_get_tls_port:
 * @kamailio: a #GstSipTestKamailio
 *
 * Returns: the TLS port kamailio listens on, 0 when it was started without
 *     a TLS certificate.
 */
guint16
gst_sip_test_kamailio_get_tls_port (GstSipTestKamailio *kamailio)
{
  g_return_val_if_fail (kamailio != NULL, 0);

  return kamailio->tls_port;
}

/**
 * gst_sip_test_kamailio_get_ws_port:
 * @kamailio: a #GstSipTestKamailio
 *
 * Returns: the port kamailio accepts WebSocket connections on (ws://), 0
 *     when it was started without @websocket.
 */
guint16
gst_sip_test_kamailio_get_ws_port (GstSipTestKamailio *kamailio)
{
  g_return_val_if_fail (kamailio != NULL, 0);

  return kamailio->ws_port;
}

/**
 * gst_sip_test_kamailio_get_address:
 * @kamailio: a #GstSipTestKamailio
 *
 * Returns: the address kamailio listens on, such as "127.0.0.1".
 */
const gchar *
gst_sip_test_kamailio_get_address (GstSipTestKamailio *kamailio)
{
  g_return_val_if_fail (kamailio != NULL, NULL);

  return kamailio->address;
}

/**
 * gst_sip_test_kamailio_get_domain:
 * @kamailio: a #GstSipTestKamailio
 *
 * Returns: the domain of the users, which is also the digest realm.
 */
const gchar *
gst_sip_test_kamailio_get_domain (GstSipTestKamailio *kamailio)
{
  g_return_val_if_fail (kamailio != NULL, NULL);

  return kamailio->domain;
}

/**
 * gst_sip_test_kamailio_dup_uri:
 * @kamailio: a #GstSipTestKamailio
 * @transport: (nullable): "udp", "tcp", "tls" (the TLS port), "ws" (the
 *     WebSocket port), or %NULL
 *     for no transport parameter
 *
 * Returns: (transfer full): the SIP URI of the server, such as
 *     "sip:127.0.0.1:5062;transport=tcp", for a registrar or an outbound
 *     proxy.
 */
gchar *
gst_sip_test_kamailio_dup_uri (
    GstSipTestKamailio *kamailio, const gchar *transport)
{
  GString *uri;

  g_return_val_if_fail (kamailio != NULL, NULL);

  uri = g_string_new ("sip:");
  if (strchr (kamailio->address, ':') != NULL)
    g_string_append_printf (uri, "[%s]", kamailio->address);
  else
    g_string_append (uri, kamailio->address);
  g_string_append_printf (uri, ":%u",
      g_strcmp0 (transport, "tls") == 0      ? kamailio->tls_port
          : g_strcmp0 (transport, "ws") == 0 ? kamailio->ws_port
                                             : kamailio->port);
  if (transport != NULL)
    g_string_append_printf (uri, ";transport=%s", transport);

  return g_string_free (uri, FALSE);
}

/**
 * gst_sip_test_kamailio_get_pid:
 * @kamailio: a #GstSipTestKamailio
 *
 * Returns: the process ID of kamailio's main process (see
 *     gst_sip_test_peer_get_pid()).
 */
GPid
gst_sip_test_kamailio_get_pid (GstSipTestKamailio *kamailio)
{
  g_return_val_if_fail (kamailio != NULL, 0);

  return gst_sip_test_peer_get_pid (kamailio->peer);
}

/**
 * gst_sip_test_kamailio_get_workdir:
 * @kamailio: a #GstSipTestKamailio
 *
 * Returns: the temporary directory with kamailio.cfg, the database (db/)
 *     and the log; removed by gst_sip_test_kamailio_free() unless
 *     GST_SIP_TEST_KEEP_PEER_DIRS is set.
 */
const gchar *
gst_sip_test_kamailio_get_workdir (GstSipTestKamailio *kamailio)
{
  g_return_val_if_fail (kamailio != NULL, NULL);

  return kamailio->workdir;
}

/**
 * gst_sip_test_kamailio_get_log:
 * @kamailio: a #GstSipTestKamailio
 *
 * Reads what kamailio logged so far: every request it received, each
 * challenge with the CSeq of the request and the result of the
 * authentication check, each saved binding, each forwarded request and
 * each request it routed inside a dialog along a Record-Route (see
 * kamailio.cfg).
 *
 * Returns: the log; valid until the next call or
 *     gst_sip_test_kamailio_free().
 */
const gchar *
gst_sip_test_kamailio_get_log (GstSipTestKamailio *kamailio)
{
  g_return_val_if_fail (kamailio != NULL, NULL);

  return gst_sip_test_peer_get_log (kamailio->peer);
}

/**
 * gst_sip_test_kamailio_wait_log:
 * @kamailio: a #GstSipTestKamailio
 * @text: the text to wait for
 * @timeout_ms: how long to wait at most
 *
 * Waits until kamailio's log contains @text, iterating the context
 * kamailio was started from.
 *
 * Returns: %TRUE when the log contains @text, %FALSE after @timeout_ms or
 *     when kamailio exited without logging it.
 */
gboolean
gst_sip_test_kamailio_wait_log (
    GstSipTestKamailio *kamailio, const gchar *text, guint timeout_ms)
{
  LogQuery query = { NULL, FALSE };

  g_return_val_if_fail (kamailio != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  query.text = text;
  wait_for (kamailio, check_log, &query, timeout_ms);

  return query.found;
}

/**
 * gst_sip_test_kamailio_stop:
 * @kamailio: a #GstSipTestKamailio
 *
 * Stops kamailio: its main process with gst_sip_test_peer_stop() (SIGTERM,
 * then SIGKILL, each bounded), which stops its workers; then waits up to
 * WORKERS_STOP_TIMEOUT_MS for each worker to exit and kills those that
 * still run, by process ID.  Afterwards the port is free again.
 */
void
gst_sip_test_kamailio_stop (GstSipTestKamailio *kamailio)
{
  GArray *workers;
  guint i;

  g_return_if_fail (kamailio != NULL);

  if (kamailio->peer == NULL || kamailio->stopped)
    return;
  kamailio->stopped = TRUE;

  /* Find the workers while their parent runs. */
  workers = list_workers (gst_sip_test_peer_get_pid (kamailio->peer));
  if (has_exited (kamailio))
    g_array_set_size (workers, 0);

  gst_sip_test_peer_stop (kamailio->peer);

  if (!wait_for (
          kamailio, check_workers_gone, workers, WORKERS_STOP_TIMEOUT_MS)) {
    for (i = 0; i < workers->len; i++) {
      Worker *worker = &g_array_index (workers, Worker, i);

      if (!worker_runs (worker))
        continue;
      g_test_message ("kamailio worker (pid %d) still runs, killing it",
          (gint) worker->pid);
      kill (worker->pid, SIGKILL);
    }
    if (!wait_for (
            kamailio, check_workers_gone, workers, WORKERS_STOP_TIMEOUT_MS))
      g_test_message ("kamailio workers survived SIGKILL for %u ms",
          WORKERS_STOP_TIMEOUT_MS);
  }

  g_array_unref (workers);
}

/**
 * gst_sip_test_kamailio_free:
 * @kamailio: (nullable): a #GstSipTestKamailio
 *
 * Stops kamailio (see gst_sip_test_kamailio_stop()) and frees it, removing
 * its work directory unless GST_SIP_TEST_KEEP_PEER_DIRS is set.
 */
void
gst_sip_test_kamailio_free (GstSipTestKamailio *kamailio)
{
  if (kamailio == NULL)
    return;

  if (kamailio->peer != NULL) {
    gst_sip_test_kamailio_stop (kamailio);
    gst_sip_test_peer_free (kamailio->peer);
  }

  if (kamailio->workdir != NULL &&
      g_getenv ("GST_SIP_TEST_KEEP_PEER_DIRS") == NULL)
    gst_sip_test_remove_tree (kamailio->workdir);

  g_clear_pointer (&kamailio->context, g_main_context_unref);
  g_free (kamailio->workdir);
  g_free (kamailio->address);
  g_free (kamailio->domain);
  g_free (kamailio);
}
