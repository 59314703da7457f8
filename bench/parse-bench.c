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
 * parse-bench: compares the SIP message parsers of gst-sip, sofia-sip and
 * libosip2 on the same corpus, in the same process.
 *
 * For every parser and every message of the corpus it measures
 *  - throughput: parse + Call-ID/CSeq accessors + free, repeated a fixed
 *    number of times after an untimed warm-up pass;
 *  - heap traffic: the number of malloc/calloc/realloc/memalign-family calls
 *    and the bytes they request during parse + accessors + free.  The
 *    counting is done by the allocator entry points defined at the end of
 *    this file, which forward to glibc and count only while a flag is set.
 *
 * This is an on-demand benchmark, never a test: see bench/README.md.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdarg.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include <osipparser2/osip_parser.h>

#include <sofia-sip/msg.h>
#include <sofia-sip/msg_addr.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/su_alloc.h>

#ifdef BENCH_HAVE_GST_SIP
#include <sip/sip.h>
#endif

#ifndef BENCH_CORPUS_DIR
#define BENCH_CORPUS_DIR "corpus"
#endif
#ifndef BENCH_BUILDTYPE
#define BENCH_BUILDTYPE "unknown"
#endif
#ifndef BENCH_OSIP_VERSION
#define BENCH_OSIP_VERSION "unknown"
#endif
#ifndef BENCH_SOFIA_VERSION
#define BENCH_SOFIA_VERSION "unknown"
#endif

#define BENCH_DEFAULT_ITERATIONS 200000
#define BENCH_DEFAULT_ROUNDS 3
/* The maximum message size an nta agent accepts by default. */
#define BENCH_SOFIA_MAXSIZE (2 * 1024 * 1024)

/* ------------------------------------------------------------------------ */
/* Allocation counter                                                       */

typedef struct
{
  guint64 fresh; /* malloc, calloc, memalign family, realloc (NULL, n) */
  guint64 resizes; /* realloc (p, n) with p != NULL and n > 0 */
  guint64 frees; /* free (p) and realloc (p, 0) with p != NULL */
  guint64 bytes; /* bytes requested by fresh and resizes */
} BenchAllocStats;

static volatile gboolean alloc_counting;
static BenchAllocStats alloc_stats;

static inline void
alloc_counter_start (void)
{
  memset (&alloc_stats, 0, sizeof (alloc_stats));
  alloc_counting = TRUE;
}

static inline void
alloc_counter_stop (BenchAllocStats *stats)
{
  alloc_counting = FALSE;
  *stats = alloc_stats;
}

/* ------------------------------------------------------------------------ */
/* Corpus                                                                   */

typedef struct
{
  gchar *kind; /* file name without ".sip" */
  gchar *path;
  guint8 *data;
  gsize length;

  /* What a plain text scan of the message finds, to check the parsers. */
  gboolean is_request;
  gchar *call_id;
  guint32 cseq;
  gchar *cseq_method;
  guint n_via;
  gboolean has_authorization;
  gboolean has_www_authenticate;
  gsize body_length;
} BenchSample;

static void
bench_sample_free (BenchSample *s)
{
  g_free (s->kind);
  g_free (s->path);
  g_free (s->data);
  g_free (s->call_id);
  g_free (s->cseq_method);
  g_free (s);
}

static gboolean
header_is (
    const gchar *name, gsize name_len, const gchar *full, const gchar *compact)
{
  if (strlen (full) == name_len &&
      g_ascii_strncasecmp (name, full, name_len) == 0)
    return TRUE;
  return compact != NULL && strlen (compact) == name_len &&
      g_ascii_strncasecmp (name, compact, name_len) == 0;
}

/* Scans the message with no parser at all: CRLF line endings, the header
 * fields the benchmark cross-checks, and a Content-Length that matches the
 * body exactly. */
static gboolean
bench_sample_scan (BenchSample *s, GError **error)
{
  const gchar *p = (const gchar *) s->data;
  const gchar *end = p + s->length;
  gboolean first = TRUE;
  gboolean have_cl = FALSE;
  guint64 cl = 0;
  gsize i;

  for (i = 0; i < s->length; i++) {
    if (s->data[i] == '\0')
      goto nul_byte;
    if (s->data[i] == '\n' && (i == 0 || s->data[i - 1] != '\r'))
      goto bare_lf;
    if (s->data[i] == '\r' && (i + 1 == s->length || s->data[i + 1] != '\n'))
      goto bare_lf;
  }

  while (TRUE) {
    const gchar *eol = g_strstr_len (p, end - p, "\r\n");
    const gchar *colon;
    gchar *value;
    gsize name_len;

    if (eol == NULL)
      goto no_separator;
    if (eol == p) {
      p = eol + 2;
      break;
    }
    if (first) {
      s->is_request = !g_str_has_prefix (p, "SIP/2.0 ");
      first = FALSE;
      p = eol + 2;
      continue;
    }
    if (*p == ' ' || *p == '\t')
      goto folded;

    colon = memchr (p, ':', eol - p);
    if (colon == NULL)
      goto bad_header;
    name_len = colon - p;
    while (name_len > 0 && (p[name_len - 1] == ' ' || p[name_len - 1] == '\t'))
      name_len--;
    value = g_strstrip (g_strndup (colon + 1, eol - colon - 1));

    if (header_is (p, name_len, "Call-ID", "i")) {
      g_free (s->call_id);
      s->call_id = g_strdup (value);
    } else if (header_is (p, name_len, "CSeq", NULL)) {
      gchar *method;
      guint64 seq = g_ascii_strtoull (value, &method, 10);

      s->cseq = (guint32) seq;
      g_free (s->cseq_method);
      s->cseq_method = g_strdup (g_strstrip (method));
    } else if (header_is (p, name_len, "Via", "v")) {
      s->n_via++;
    } else if (header_is (p, name_len, "Authorization", NULL)) {
      s->has_authorization = TRUE;
    } else if (header_is (p, name_len, "WWW-Authenticate", NULL)) {
      s->has_www_authenticate = TRUE;
    } else if (header_is (p, name_len, "Content-Length", "l")) {
      have_cl = TRUE;
      cl = g_ascii_strtoull (value, NULL, 10);
    }
    g_free (value);
    p = eol + 2;
  }

  s->body_length = end - p;
  if (s->call_id == NULL || s->cseq_method == NULL || s->n_via == 0)
    goto missing;
  if (!have_cl || cl != s->body_length)
    goto bad_length;

  return TRUE;

  /* ERRORS */
nul_byte:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
      "%s: contains a NUL byte at offset %" G_GSIZE_FORMAT, s->path, i);
  return FALSE;

bare_lf:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
      "%s: bare CR or LF at offset %" G_GSIZE_FORMAT " (corpus files "
      "must use CRLF line endings; check that nothing converted them)",
      s->path, i);
  return FALSE;

no_separator:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
      "%s: no empty line between the headers and the body", s->path);
  return FALSE;

folded:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
      "%s: folded header lines are not supported by the corpus scanner",
      s->path);
  return FALSE;

bad_header:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
      "%s: header line without a colon", s->path);
  return FALSE;

missing:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
      "%s: needs Call-ID, CSeq and Via", s->path);
  return FALSE;

bad_length:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
      "%s: Content-Length %" G_GUINT64_FORMAT " does not match the body "
      "length %" G_GSIZE_FORMAT,
      s->path, cl, s->body_length);
  return FALSE;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const gchar *const *) a, *(const gchar *const *) b);
}

static gboolean
kind_selected (const gchar *kind, gchar **filters)
{
  gchar **f;

  if (filters == NULL)
    return TRUE;
  for (f = filters; *f; f++) {
    if (g_str_has_prefix (kind, *f))
      return TRUE;
  }
  return FALSE;
}

static GPtrArray *
bench_corpus_load (const gchar *dir, gchar **filters, GError **error)
{
  GPtrArray *samples = NULL;
  GPtrArray *names;
  GDir *d;
  const gchar *name;
  guint i;

  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (d)) != NULL) {
    if (g_str_has_suffix (name, ".sip"))
      g_ptr_array_add (names, g_strdup (name));
  }
  g_dir_close (d);
  g_ptr_array_sort (names, compare_strings);

  samples = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_sample_free);
  for (i = 0; i < names->len; i++) {
    const gchar *file = g_ptr_array_index (names, i);
    BenchSample *s = g_new0 (BenchSample, 1);
    gchar *contents;

    s->kind = g_strndup (file, strlen (file) - strlen (".sip"));
    s->path = g_build_filename (dir, file, NULL);
    if (!kind_selected (s->kind, filters)) {
      bench_sample_free (s);
      continue;
    }
    g_ptr_array_add (samples, s);
    if (!g_file_get_contents (s->path, &contents, &s->length, error))
      goto failed;
    s->data = (guint8 *) contents;
    if (!bench_sample_scan (s, error))
      goto failed;
  }
  g_ptr_array_unref (names);

  if (samples->len == 0) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
        "no .sip message in %s matches the kind filter", dir);
    g_ptr_array_unref (samples);
    return NULL;
  }

  return samples;

  /* ERRORS */
failed:
  g_ptr_array_unref (names);
  g_ptr_array_unref (samples);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Parsers                                                                  */

typedef struct
{
  const gchar *name;
  /* Parses @s once and checks what the parser found against the text scan;
   * appends one line per problem to @problems. */
  void (*verify) (const BenchSample *s, GString *problems, gboolean verbose);
  /* Parse + accessors + free, @iterations times; returns a checksum of what
   * the accessors returned.  Exits on any parse failure. */
  guint64 (*run) (const BenchSample *s, guint64 iterations);
} BenchParser;

/* Keeps the checksums alive so the loops cannot be optimised away. */
static volatile guint64 bench_sink;

static guint sofia_preload;

/* Informational output: stdout for the table, stderr next to --csv. */
static FILE *info_out;

static void info (const gchar *format, ...) G_GNUC_PRINTF (1, 2);

static void
info (const gchar *format, ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (info_out ? info_out : stdout, format, args);
  va_end (args);
}

G_GNUC_NORETURN static void
bench_die (const gchar *parser, const BenchSample *s, const gchar *what)
{
  fflush (stdout);
  g_printerr ("parse-bench: %s failed on %s: %s\n", parser, s->kind, what);
  exit (EXIT_FAILURE);
}

/* -------- libosip2 -------- */

static void
osip_verify (const BenchSample *s, GString *problems, gboolean verbose)
{
  osip_message_t *msg = NULL;
  osip_call_id_t *cid;
  osip_cseq_t *cseq;
  osip_body_t *body = NULL;
  gchar *call_id = NULL;
  gint i, n;

  if (osip_message_init (&msg) != 0) {
    g_string_append (problems, "osip_message_init failed\n");
    return;
  }
  if (osip_message_parse (msg, (const char *) s->data, s->length) != 0) {
    g_string_append (problems, "osip_message_parse rejected the message\n");
    goto done;
  }

  if (MSG_IS_REQUEST (msg) != s->is_request)
    g_string_append (problems, "request/response mismatch\n");

  cid = osip_message_get_call_id (msg);
  if (cid == NULL || osip_call_id_get_number (cid) == NULL) {
    g_string_append (problems, "no Call-ID\n");
  } else {
    if (osip_call_id_get_host (cid) != NULL)
      call_id = g_strdup_printf (
          "%s@%s", osip_call_id_get_number (cid), osip_call_id_get_host (cid));
    else
      call_id = g_strdup (osip_call_id_get_number (cid));
    if (g_strcmp0 (call_id, s->call_id) != 0)
      g_string_append_printf (
          problems, "Call-ID is '%s', expected '%s'\n", call_id, s->call_id);
  }

  cseq = osip_message_get_cseq (msg);
  if (cseq == NULL || osip_cseq_get_number (cseq) == NULL ||
      osip_cseq_get_method (cseq) == NULL) {
    g_string_append (problems, "no CSeq\n");
  } else if (strtoul (osip_cseq_get_number (cseq), NULL, 10) != s->cseq ||
      strcmp (osip_cseq_get_method (cseq), s->cseq_method) != 0) {
    g_string_append_printf (problems, "CSeq is '%s %s', expected '%u %s'\n",
        osip_cseq_get_number (cseq), osip_cseq_get_method (cseq), s->cseq,
        s->cseq_method);
  }

  if ((guint) osip_list_size (&msg->vias) != s->n_via)
    g_string_append_printf (problems, "%d Via, expected %u\n",
        osip_list_size (&msg->vias), s->n_via);
  if ((osip_list_size (&msg->authorizations) > 0) != s->has_authorization)
    g_string_append (problems, "Authorization not parsed\n");
  if ((osip_list_size (&msg->www_authenticates) > 0) != s->has_www_authenticate)
    g_string_append (problems, "WWW-Authenticate not parsed\n");

  if (s->body_length > 0) {
    if (osip_message_get_body (msg, 0, &body) < 0 || body == NULL)
      g_string_append (problems, "no body\n");
    else if (body->length != s->body_length)
      g_string_append_printf (problems,
          "body of %" G_GSIZE_FORMAT " bytes, "
          "expected %" G_GSIZE_FORMAT "\n",
          (gsize) body->length, s->body_length);
  } else if (osip_list_size (&msg->bodies) != 0) {
    g_string_append (problems, "unexpected body\n");
  }

  if (verbose) {
    n = osip_list_size (&msg->headers);
    info ("  libosip2  %-18s kept as name/value only:", s->kind);
    for (i = 0; i < n; i++) {
      osip_header_t *h = osip_list_get (&msg->headers, i);

      info (" %s", h->hname);
    }
    info ("%s\n", n == 0 ? " (none)" : "");
  }

done:
  g_free (call_id);
  osip_message_free (msg);
}

static guint64
osip_run (const BenchSample *s, guint64 iterations)
{
  guint64 sum = 0;
  guint64 i;

  for (i = 0; i < iterations; i++) {
    osip_message_t *msg;
    osip_call_id_t *cid;
    osip_cseq_t *cseq;

    if (osip_message_init (&msg) != 0)
      bench_die ("libosip2", s, "osip_message_init");
    if (osip_message_parse (msg, (const char *) s->data, s->length) != 0)
      bench_die ("libosip2", s, "osip_message_parse");

    cid = osip_message_get_call_id (msg);
    cseq = osip_message_get_cseq (msg);
    if (cid == NULL || cid->number == NULL || cseq == NULL ||
        cseq->number == NULL || cseq->method == NULL)
      bench_die ("libosip2", s, "no Call-ID or CSeq");

    sum += strlen (osip_call_id_get_number (cid));
    sum += strtoul (osip_cseq_get_number (cseq), NULL, 10);
    sum += (guchar) osip_cseq_get_method (cseq)[0];

    osip_message_free (msg);
  }

  return sum;
}

/* -------- sofia-sip -------- */

/* Does what an nta agent's UDP transport does with a datagram: a message of
 * the agent's class and flags, a receive buffer of exactly the datagram's
 * size (optionally preloaded, NTATAG_PRELOAD()), the bytes committed with
 * end-of-stream, then msg_extract(), which parses every header the class
 * knows. */
static msg_t *
sofia_parse (const BenchSample *s, int *extract_result)
{
  msg_t *msg;
  msg_iovec_t iov[2];
  issize_t veclen;

  msg = msg_create (sip_default_mclass (), MSG_DO_CANONIC);
  if (msg == NULL)
    return NULL;
  msg_maxsize (msg, BENCH_SOFIA_MAXSIZE);
  if (sofia_preload > 0)
    su_home_preload (msg_home (msg), 1, s->length + sofia_preload);

  veclen = msg_recv_iovec (msg, iov, G_N_ELEMENTS (iov), s->length, 1);
  if (veclen != 1 || iov[0].mv_len != s->length) {
    msg_destroy (msg);
    return NULL;
  }
  memcpy (iov[0].mv_base, s->data, s->length);
  msg_recv_commit (msg, s->length, 1);

  *extract_result = msg_extract (msg);

  return msg;
}

static void
sofia_verify (const BenchSample *s, GString *problems, gboolean verbose)
{
  msg_t *msg;
  sip_t *sip;
  sip_via_t *v;
  int extracted = 0;
  guint n_via = 0;

  msg = sofia_parse (s, &extracted);
  if (msg == NULL) {
    g_string_append (problems, "could not set up the receive buffer\n");
    return;
  }
  if (extracted <= 0)
    g_string_append_printf (problems, "msg_extract() returned %d\n", extracted);
  if (msg_has_error (msg))
    g_string_append (problems, "the message has MSG_FLG_ERROR\n");
  if (msg_extract_errors (msg) != 0)
    g_string_append_printf (
        problems, "msg_extract_errors() is 0x%x\n", msg_extract_errors (msg));

  sip = sip_object (msg);
  if (sip == NULL) {
    g_string_append (problems, "no sip_t\n");
    goto done;
  }

  if (sip->sip_error != NULL) {
    sip_error_t *e;

    for (e = sip->sip_error; e; e = e->er_next)
      g_string_append_printf (problems, "header '%s' failed to parse\n",
          e->er_name ? e->er_name : "?");
  }
  if ((sip->sip_request != NULL) != s->is_request ||
      (sip->sip_status != NULL) == s->is_request)
    g_string_append (problems, "request/response mismatch\n");

  if (sip->sip_call_id == NULL)
    g_string_append (problems, "no Call-ID\n");
  else if (g_strcmp0 (sip->sip_call_id->i_id, s->call_id) != 0)
    g_string_append_printf (problems, "Call-ID is '%s', expected '%s'\n",
        sip->sip_call_id->i_id, s->call_id);

  if (sip->sip_cseq == NULL)
    g_string_append (problems, "no CSeq\n");
  else if (sip->sip_cseq->cs_seq != s->cseq ||
      g_strcmp0 (sip->sip_cseq->cs_method_name, s->cseq_method) != 0)
    g_string_append_printf (problems, "CSeq is '%u %s', expected '%u %s'\n",
        sip->sip_cseq->cs_seq, sip->sip_cseq->cs_method_name, s->cseq,
        s->cseq_method);

  for (v = sip->sip_via; v; v = v->v_next)
    n_via++;
  if (n_via != s->n_via)
    g_string_append_printf (problems, "%u Via, expected %u\n", n_via, s->n_via);
  if ((sip->sip_authorization != NULL) != s->has_authorization)
    g_string_append (problems, "Authorization not parsed\n");
  if ((sip->sip_www_authenticate != NULL) != s->has_www_authenticate)
    g_string_append (problems, "WWW-Authenticate not parsed\n");

  if (s->body_length > 0) {
    if (sip->sip_payload == NULL)
      g_string_append (problems, "no body\n");
    else if (sip->sip_payload->pl_len != s->body_length)
      g_string_append_printf (problems,
          "body of %" G_GSIZE_FORMAT " bytes, "
          "expected %" G_GSIZE_FORMAT "\n",
          (gsize) sip->sip_payload->pl_len, s->body_length);
  } else if (sip->sip_payload != NULL && sip->sip_payload->pl_len != 0) {
    g_string_append (problems, "unexpected body\n");
  }

  if (verbose) {
    sip_unknown_t *u;

    info ("  sofia-sip %-18s kept as unknown headers:", s->kind);
    for (u = sip->sip_unknown; u; u = u->un_next)
      info (" %s", u->un_name);
    info ("%s\n", sip->sip_unknown == NULL ? " (none)" : "");
  }

done:
  msg_destroy (msg);
}

static guint64
sofia_run (const BenchSample *s, guint64 iterations)
{
  guint64 sum = 0;
  guint64 i;

  for (i = 0; i < iterations; i++) {
    msg_t *msg;
    sip_t *sip;
    int extracted = 0;

    msg = sofia_parse (s, &extracted);
    if (msg == NULL)
      bench_die ("sofia-sip", s, "receive buffer");
    sip = sip_object (msg);
    if (extracted <= 0 || sip == NULL || sip->sip_error != NULL)
      bench_die ("sofia-sip", s, "msg_extract");
    if (sip->sip_call_id == NULL || sip->sip_cseq == NULL)
      bench_die ("sofia-sip", s, "no Call-ID or CSeq");

    sum += strlen (sip->sip_call_id->i_id);
    sum += sip->sip_cseq->cs_seq;
    sum += (guint) sip->sip_cseq->cs_method;

    msg_destroy (msg);
  }

  return sum;
}

/* -------- gst-sip -------- */

#ifdef BENCH_HAVE_GST_SIP

static GstSipMethod
method_from_name (const gchar *name)
{
  static const struct
  {
    const gchar *name;
    GstSipMethod method;
  } methods[] = {
    { "INVITE", GST_SIP_METHOD_INVITE },
    { "ACK", GST_SIP_METHOD_ACK },
    { "BYE", GST_SIP_METHOD_BYE },
    { "CANCEL", GST_SIP_METHOD_CANCEL },
    { "REGISTER", GST_SIP_METHOD_REGISTER },
    { "OPTIONS", GST_SIP_METHOD_OPTIONS },
    { "INFO", GST_SIP_METHOD_INFO },
    { "PRACK", GST_SIP_METHOD_PRACK },
    { "UPDATE", GST_SIP_METHOD_UPDATE },
    { "SUBSCRIBE", GST_SIP_METHOD_SUBSCRIBE },
    { "NOTIFY", GST_SIP_METHOD_NOTIFY },
    { "REFER", GST_SIP_METHOD_REFER },
    { "MESSAGE", GST_SIP_METHOD_MESSAGE },
    { "PUBLISH", GST_SIP_METHOD_PUBLISH },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (methods); i++) {
    if (strcmp (methods[i].name, name) == 0)
      return methods[i].method;
  }
  return GST_SIP_METHOD_UNKNOWN;
}

static void
gst_sip_verify (const BenchSample *s, GString *problems, gboolean verbose)
{
  GstSipMessage *msg;
  GError *error = NULL;
  const gchar *call_id;
  guint32 seq = 0;
  GstSipMethod method = GST_SIP_METHOD_UNKNOWN;

  msg = gst_sip_message_new_from_bytes (s->data, s->length, &error);
  if (msg == NULL) {
    g_string_append_printf (
        problems, "rejected: %s\n", error ? error->message : "(no GError)");
    g_clear_error (&error);
    return;
  }
  if (error != NULL) {
    g_string_append_printf (
        problems, "returned a message and a GError: %s\n", error->message);
    g_clear_error (&error);
  }

  call_id = gst_sip_message_get_call_id (msg);
  if (g_strcmp0 (call_id, s->call_id) != 0)
    g_string_append_printf (problems, "Call-ID is '%s', expected '%s'\n",
        call_id ? call_id : "(null)", s->call_id);

  if (!gst_sip_message_get_cseq (msg, &seq, &method))
    g_string_append (problems, "no CSeq\n");
  else if (seq != s->cseq || method != method_from_name (s->cseq_method))
    g_string_append_printf (problems,
        "CSeq is '%u' method %d, expected '%u %s'\n", seq, (gint) method,
        s->cseq, s->cseq_method);

  gst_sip_message_unref (msg);
}

static guint64
gst_sip_run (const BenchSample *s, guint64 iterations)
{
  guint64 sum = 0;
  guint64 i;

  for (i = 0; i < iterations; i++) {
    GstSipMessage *msg;
    GError *error = NULL;
    const gchar *call_id;
    guint32 seq;
    GstSipMethod method;

    msg = gst_sip_message_new_from_bytes (s->data, s->length, &error);
    if (msg == NULL)
      bench_die ("gst-sip", s, error ? error->message : "parse");

    call_id = gst_sip_message_get_call_id (msg);
    if (call_id == NULL || !gst_sip_message_get_cseq (msg, &seq, &method))
      bench_die ("gst-sip", s, "no Call-ID or CSeq");

    sum += strlen (call_id);
    sum += seq;
    sum += (guint) method;

    gst_sip_message_unref (msg);
  }

  return sum;
}

#endif /* BENCH_HAVE_GST_SIP */

static const BenchParser bench_parsers[] = {
#ifdef BENCH_HAVE_GST_SIP
  { "gst-sip", gst_sip_verify, gst_sip_run },
#endif
  { "sofia-sip", sofia_verify, sofia_run },
  { "libosip2", osip_verify, osip_run },
};

#define N_PARSERS G_N_ELEMENTS (bench_parsers)

/* ------------------------------------------------------------------------ */
/* Measurements                                                             */

typedef struct
{
  guint64 iterations; /* timed iterations of the best round */
  gint64 usec; /* time of the best round */
  gdouble rate; /* msgs/s of the best round */
  guint64 counted; /* iterations of the counting pass */
  BenchAllocStats stats; /* totals of the counting pass */
} BenchResult;

static gdouble
result_allocs (const BenchResult *r)
{
  return r->counted ? (gdouble) (r->stats.fresh + r->stats.resizes) / r->counted
                    : 0.0;
}

static gdouble
result_bytes (const BenchResult *r)
{
  return r->counted ? (gdouble) r->stats.bytes / r->counted : 0.0;
}

static gdouble
result_frees (const BenchResult *r)
{
  return r->counted ? (gdouble) r->stats.frees / r->counted : 0.0;
}

static void
measure (const BenchParser *p, const BenchSample *s, guint64 iterations,
    gboolean first_round, BenchResult *r)
{
  guint64 warmup = MAX (1, MIN (iterations / 10, 20000));
  gint64 start, usec;
  gdouble rate;

  bench_sink += p->run (s, warmup);

  if (first_round) {
    r->counted = MAX (1, MIN (iterations, 10000));
    alloc_counter_start ();
    bench_sink += p->run (s, r->counted);
    alloc_counter_stop (&r->stats);
  }

  start = g_get_monotonic_time ();
  bench_sink += p->run (s, iterations);
  usec = MAX (1, g_get_monotonic_time () - start);

  rate = (gdouble) iterations * G_USEC_PER_SEC / usec;
  if (rate > r->rate) {
    r->rate = rate;
    r->usec = usec;
    r->iterations = iterations;
  }
}

/* Combines the per-kind results of one parser: every kind ran the same number
 * of times, so the overall rate is total messages over total time. */
static void
combine (const BenchResult *results, guint n, BenchResult *all)
{
  guint i;

  memset (all, 0, sizeof (*all));
  for (i = 0; i < n; i++) {
    all->iterations += results[i].iterations;
    all->usec += results[i].usec;
    all->counted += results[i].counted;
    all->stats.fresh += results[i].stats.fresh;
    all->stats.resizes += results[i].stats.resizes;
    all->stats.frees += results[i].stats.frees;
    all->stats.bytes += results[i].stats.bytes;
  }
  all->rate = (gdouble) all->iterations * G_USEC_PER_SEC / MAX (1, all->usec);
}

/* ------------------------------------------------------------------------ */
/* Output                                                                   */

static gint
parser_index (const gchar *name)
{
  guint i;

  for (i = 0; i < N_PARSERS; i++) {
    if (strcmp (bench_parsers[i].name, name) == 0)
      return i;
  }
  return -1;
}

static void
format_ratio (gchar *buf, gsize size, gdouble num, gdouble den)
{
  if (den <= 0.0)
    g_snprintf (buf, size, "n/a");
  else if (num / den < 0.1)
    g_snprintf (buf, size, "%.3fx", num / den);
  else
    g_snprintf (buf, size, "%.2fx", num / den);
}

static void
print_ratios (
    GPtrArray *samples, BenchResult **results, BenchResult *all, gint a, gint b)
{
  gchar label[64], rate[32], allocs[32];
  guint k;

  g_snprintf (label, sizeof (label), "%s/%s", bench_parsers[a].name,
      bench_parsers[b].name);
  for (k = 0; k <= samples->len; k++) {
    const BenchResult *ra = k < samples->len ? &results[a][k] : &all[a];
    const BenchResult *rb = k < samples->len ? &results[b][k] : &all[b];
    const gchar *kind = k < samples->len
        ? ((BenchSample *) g_ptr_array_index (samples, k))->kind
        : "all";

    format_ratio (rate, sizeof (rate), ra->rate, rb->rate);
    format_ratio (
        allocs, sizeof (allocs), result_allocs (ra), result_allocs (rb));
    g_print ("%-20s %-18s %10s %12s\n", label, kind, rate, allocs);
  }
}

static void
print_summary (BenchResult *all, gint a, gint b)
{
  g_print ("%s vs %s: %.2fx msgs/s, %.1f vs %.1f allocs/msg\n",
      bench_parsers[a].name, bench_parsers[b].name,
      all[b].rate > 0 ? all[a].rate / all[b].rate : 0.0,
      result_allocs (&all[a]), result_allocs (&all[b]));
}

static void
print_table (
    GPtrArray *samples, BenchResult **results, BenchResult *all, gboolean csv)
{
  guint p, k;
  gint gst, sofia, osip;

  if (csv)
    g_print ("parser,kind,size,iterations,msgs_per_sec,allocs_per_msg,"
             "alloc_bytes_per_msg,frees_per_msg\n");
  else
    g_print ("%-10s %-18s %6s %12s %11s %10s\n", "parser", "kind", "size",
        "msgs/s", "allocs/msg", "bytes/msg");

  for (p = 0; p < N_PARSERS; p++) {
    for (k = 0; k <= samples->len; k++) {
      const BenchResult *r = k < samples->len ? &results[p][k] : &all[p];
      const BenchSample *s =
          k < samples->len ? g_ptr_array_index (samples, k) : NULL;
      gsize size = 0;

      if (s != NULL) {
        size = s->length;
      } else {
        guint i;

        for (i = 0; i < samples->len; i++)
          size += ((BenchSample *) g_ptr_array_index (samples, i))->length;
        size /= samples->len;
      }

      if (csv)
        g_print ("%s,%s,%" G_GSIZE_FORMAT ",%" G_GUINT64_FORMAT
                 ",%.1f,%.2f,%.1f,%.2f\n",
            bench_parsers[p].name, s ? s->kind : "all", size, r->iterations,
            r->rate, result_allocs (r), result_bytes (r), result_frees (r));
      else
        g_print ("%-10s %-18s %6" G_GSIZE_FORMAT " %12.0f %11.1f %10.0f\n",
            bench_parsers[p].name, s ? s->kind : "all", size, r->rate,
            result_allocs (r), result_bytes (r));
    }
  }

  if (csv)
    return;

  /* Anything allocated but not freed again within parse + free. */
  for (p = 0; p < N_PARSERS; p++) {
    if (all[p].stats.fresh != all[p].stats.frees)
      g_print ("note: %s left %.2f allocations/msg unfreed (a cache or a "
               "leak)\n",
          bench_parsers[p].name,
          ((gdouble) all[p].stats.fresh - all[p].stats.frees) / all[p].counted);
  }

  gst = parser_index ("gst-sip");
  sofia = parser_index ("sofia-sip");
  osip = parser_index ("libosip2");

  g_print ("\n");
  if (gst < 0) {
    g_print ("gst-sip is not built into this binary (gst_sip_static_dep "
             "was missing at configure time): no gst-sip ratios.\n");
    print_summary (all, sofia, osip);
    return;
  }

  g_print ("%-20s %-18s %10s %12s\n", "ratio", "kind", "msgs/s", "allocs/msg");
  print_ratios (samples, results, all, gst, sofia);
  print_ratios (samples, results, all, gst, osip);
  g_print ("\n");
  print_summary (all, gst, sofia);
  print_summary (all, gst, osip);
}

/* ------------------------------------------------------------------------ */
/* Start-up checks                                                          */

/* GLib 2.74 still has the magazine slice allocator, which would serve
 * g_slice_new() from its own chunks without calling malloc.  The setting is
 * read once, possibly by a library constructor before main() runs, so the
 * only reliable way to set it is in the environment of a fresh process. */
static void
ensure_slice_always_malloc (char **argv)
{
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") == 0)
    return;
  if (g_getenv ("PARSE_BENCH_REEXECED") != NULL)
    return;

  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_setenv ("PARSE_BENCH_REEXECED", "1", TRUE);
  execv ("/proc/self/exe", argv);
  g_printerr ("parse-bench: warning: could not re-execute with "
              "G_SLICE=always-malloc: %s\n",
      g_strerror (errno));
}

/* Makes sure the counting allocator really sits under glibc, GLib and the
 * slice allocator; a benchmark that silently counts nothing is worse than
 * none. */
static gboolean
check_alloc_counter (void)
{
  static gchar *(*volatile strdup_fn) (const gchar *) = g_strdup;
  static void *(*volatile malloc_fn) (size_t) = malloc;
  static void (*volatile free_fn) (void *) = free;
  BenchAllocStats st;
  gpointer slice;
  gchar *str;

  /* Prime the slice allocator's per-thread state. */
  g_slice_free1 (48, g_slice_alloc (48));

  alloc_counter_start ();
  free_fn (malloc_fn (24));
  str = strdup_fn ("abc");
  g_free (str);
  slice = g_slice_alloc (48);
  g_slice_free1 (48, slice);
  alloc_counter_stop (&st);

  if (st.fresh != 3 || st.frees != 3) {
    g_printerr ("parse-bench: the allocation counter saw %" G_GUINT64_FORMAT
                " allocations and %" G_GUINT64_FORMAT " frees where 3 and 3 "
                "were expected: malloc is not interposed (or G_SLICE is not "
                "always-malloc)\n",
        st.fresh, st.frees);
    return FALSE;
  }
  return TRUE;
}

static gboolean
verify_corpus (GPtrArray *samples, gboolean verbose)
{
  gboolean ok = TRUE;
  guint p, k;

  for (k = 0; k < samples->len; k++) {
    const BenchSample *s = g_ptr_array_index (samples, k);

    for (p = 0; p < N_PARSERS; p++) {
      GString *problems = g_string_new (NULL);

      bench_parsers[p].verify (s, problems, verbose);
      if (problems->len > 0) {
        gchar **lines = g_strsplit (problems->str, "\n", -1);
        gchar **l;

        for (l = lines; *l; l++) {
          if (**l)
            g_printerr ("parse-bench: %s rejects %s: %s\n",
                bench_parsers[p].name, s->path, *l);
        }
        g_strfreev (lines);
        ok = FALSE;
      }
      g_string_free (problems, TRUE);
    }
  }
  return ok;
}

/* ------------------------------------------------------------------------ */

int
main (int argc, char **argv)
{
  gint64 iterations = BENCH_DEFAULT_ITERATIONS;
  gint rounds = BENCH_DEFAULT_ROUNDS;
  gint preload = 0;
  gchar **kinds = NULL;
  gchar *corpus_dir = NULL;
  gboolean csv = FALSE;
  gboolean verbose = FALSE;
  GOptionEntry entries[] = {
    { "iterations", 'n', 0, G_OPTION_ARG_INT64, &iterations,
        "Timed iterations per parser and message (default 200000)", "N" },
    { "kind", 'k', 0, G_OPTION_ARG_STRING_ARRAY, &kinds,
        "Only messages whose kind (file name without .sip) starts with KIND;"
        " repeat or separate with commas",
        "KIND" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds,
        "Repeat the timed runs and keep the best (default 3)", "R" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, "Print CSV instead of a table",
        NULL },
    { "corpus", 'c', 0, G_OPTION_ARG_FILENAME, &corpus_dir,
        "Directory of .sip messages (default: the source tree's)", "DIR" },
    { "sofia-preload", 0, 0, G_OPTION_ARG_INT, &preload,
        "Preload sofia-sip's message home with size+BYTES like "
        "NTATAG_PRELOAD() (default 0, nta's default)",
        "BYTES" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
        "Show which headers each parser leaves unparsed", NULL },
    { NULL }
  };
  GOptionContext *ctx;
  GError *error = NULL;
  GPtrArray *samples;
  gchar **filters = NULL;
  BenchResult *results[N_PARSERS];
  BenchResult all[N_PARSERS];
  guint p, k;
  gint pass;

  ensure_slice_always_malloc (argv);

  ctx = g_option_context_new ("- compare SIP parsers");
  g_option_context_set_summary (ctx,
      "Parses the same corpus with each parser and reports messages per "
      "second and heap allocations per message.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("parse-bench: %s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);
  if (iterations < 1 || rounds < 1 || preload < 0) {
    g_printerr ("parse-bench: -n and -r must be positive, --sofia-preload "
                "must not be negative\n");
    return 2;
  }
  sofia_preload = preload;
  info_out = csv ? stderr : stdout;

  if (kinds != NULL) {
    gchar *joined = g_strjoinv (",", kinds);

    filters = g_strsplit (joined, ",", -1);
    g_free (joined);
  }

  if (!check_alloc_counter ())
    return 1;

  parser_init ();
#ifdef BENCH_HAVE_GST_SIP
  gst_init (NULL, NULL);
#endif

  samples = bench_corpus_load (
      corpus_dir ? corpus_dir : BENCH_CORPUS_DIR, filters, &error);
  if (samples == NULL) {
    g_printerr ("parse-bench: %s\n", error->message);
    return 1;
  }

  info ("parse-bench: %" G_GINT64_FORMAT " iterations per parser and "
        "message, best of %d round%s, buildtype %s%s\n",
      iterations, rounds, rounds > 1 ? "s" : "", BENCH_BUILDTYPE,
#ifdef __OPTIMIZE__
      ""
#else
      " (NOT OPTIMISED: numbers are meaningless)"
#endif
  );
  info ("libosip2 %s, sofia-sip %s (preload %u bytes), G_SLICE=%s\n",
      BENCH_OSIP_VERSION, BENCH_SOFIA_VERSION, sofia_preload,
      g_getenv ("G_SLICE"));
  if (verbose)
    info ("\n");

  if (!verify_corpus (samples, verbose)) {
    g_printerr ("parse-bench: the corpus must parse cleanly with every "
                "parser\n");
    return 1;
  }

  for (p = 0; p < N_PARSERS; p++)
    results[p] = g_new0 (BenchResult, samples->len);

  for (pass = 0; pass < rounds; pass++) {
    for (k = 0; k < samples->len; k++) {
      const BenchSample *s = g_ptr_array_index (samples, k);

      /* Rotate the order so no parser always runs right after another. */
      for (p = 0; p < N_PARSERS; p++) {
        guint i = (p + pass + k) % N_PARSERS;

        measure (&bench_parsers[i], s, iterations, pass == 0, &results[i][k]);
      }
    }
  }

  for (p = 0; p < N_PARSERS; p++)
    combine (results[p], samples->len, &all[p]);

  if (!csv)
    g_print ("\n");
  print_table (samples, results, all, csv);

  for (p = 0; p < N_PARSERS; p++)
    g_free (results[p]);
  g_ptr_array_unref (samples);
  g_strfreev (filters);
  g_strfreev (kinds);
  g_free (corpus_dir);

  return 0;
}

/* ------------------------------------------------------------------------ */
/* Counting allocator entry points                                          */

/* Defined in the executable, these take precedence over glibc's for every
 * library of the process (GLib's g_malloc, su_alloc, osip_malloc, glibc's own
 * strdup...).  They must stay visible despite -fvisibility=hidden. */
#define BENCH_EXPORT __attribute__ ((visibility ("default")))

extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t nmemb, size_t size);
extern void *__libc_realloc (void *ptr, size_t size);
extern void __libc_free (void *ptr);
extern void *__libc_memalign (size_t alignment, size_t size);
extern void *__libc_valloc (size_t size);
extern void *__libc_pvalloc (size_t size);

static inline void
count_fresh (size_t size)
{
  if (G_UNLIKELY (alloc_counting)) {
    alloc_stats.fresh++;
    alloc_stats.bytes += size;
  }
}

BENCH_EXPORT void *
malloc (size_t size)
{
  count_fresh (size);
  return __libc_malloc (size);
}

BENCH_EXPORT void *
calloc (size_t nmemb, size_t size)
{
  size_t bytes;

  if (__builtin_mul_overflow (nmemb, size, &bytes))
    bytes = G_MAXSIZE;
  count_fresh (bytes);
  return __libc_calloc (nmemb, size);
}

BENCH_EXPORT void *
realloc (void *ptr, size_t size)
{
  if (G_UNLIKELY (alloc_counting)) {
    if (ptr == NULL) {
      alloc_stats.fresh++;
      alloc_stats.bytes += size;
    } else if (size == 0) {
      alloc_stats.frees++;
    } else {
      alloc_stats.resizes++;
      alloc_stats.bytes += size;
    }
  }
  return __libc_realloc (ptr, size);
}

BENCH_EXPORT void *
reallocarray (void *ptr, size_t nmemb, size_t size)
{
  size_t bytes;

  if (__builtin_mul_overflow (nmemb, size, &bytes)) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc (ptr, bytes);
}

BENCH_EXPORT void
free (void *ptr)
{
  if (G_UNLIKELY (alloc_counting) && ptr != NULL)
    alloc_stats.frees++;
  __libc_free (ptr);
}

BENCH_EXPORT void *
memalign (size_t alignment, size_t size)
{
  count_fresh (size);
  return __libc_memalign (alignment, size);
}

BENCH_EXPORT void *
aligned_alloc (size_t alignment, size_t size)
{
  if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
    errno = EINVAL;
    return NULL;
  }
  count_fresh (size);
  return __libc_memalign (alignment, size);
}

BENCH_EXPORT int
posix_memalign (void **memptr, size_t alignment, size_t size)
{
  void *mem;

  if (alignment % sizeof (void *) != 0 || (alignment & (alignment - 1)) != 0 ||
      alignment == 0)
    return EINVAL;
  count_fresh (size);
  mem = __libc_memalign (alignment, size);
  if (mem == NULL)
    return ENOMEM;
  *memptr = mem;
  return 0;
}

BENCH_EXPORT void *
valloc (size_t size)
{
  count_fresh (size);
  return __libc_valloc (size);
}

BENCH_EXPORT void *
pvalloc (size_t size)
{
  count_fresh (size);
  return __libc_pvalloc (size);
}
