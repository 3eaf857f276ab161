/*
 * diag.c - user-facing messages, and libxml2/libxslt errors routed to them.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlerror.h>
#include <libxslt/xsltutils.h>

#include "util.h"

static long problems;
static struct strbuf *capture;
static const char *(*place_hook)(const char *file, long line);

void diag_set_place_hook(const char *(*fn)(const char *file, long line))
{
	place_hook = fn;
}

static void emit(const char *prefix, const char *file, long line, const char *fmt,
                 va_list ap)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addstr(&sb, "assess: ");
	if (prefix)
		strbuf_addstr(&sb, prefix);
	/* names and values quoted from inventories and databases reach the
	 * terminal escaped (util.h: strbuf_add_term) */
	if (file) {
		const char *place = line > 0 && place_hook ? place_hook(file, line) : NULL;
		strbuf_add_term(&sb, file);
		if (place) {
			strbuf_addstr(&sb, ": ");
			strbuf_add_term(&sb, place);
		} else if (line > 0) {
			strbuf_addf(&sb, ":%ld", line);
		}
		strbuf_addstr(&sb, ": ");
	}
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n > 0) {
		char *msg = xmalloc((size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		/* one line per message: fold embedded newlines */
		for (char *p = msg; *p; p++)
			if (*p == '\n' || *p == '\r')
				*p = ' ';
		strbuf_add_term(&sb, msg);
		free(msg);
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	strbuf_addstr(&sb, "\n");
	if (capture)
		strbuf_add(capture, sb.buf, sb.len);
	else
		fputs(sb.buf, stderr);
	strbuf_release(&sb);
}

int error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(NULL, NULL, 0, fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit("warning: ", NULL, 0, fmt, ap);
	va_end(ap);
}

int error_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(NULL, file ? file : "-", line, fmt, ap);
	va_end(ap);
	problems++;
	return -1;
}

long diag_problem_count(void)
{
	return problems;
}

void diag_reset_problems(void)
{
	problems = 0;
}

void diag_capture(struct strbuf *sink)
{
	capture = sink;
}

/* libxml2 structured errors: one per problem, with file and line. */
static void xml_structured_error(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	if (!err || err->level == XML_ERR_NONE)
		return;
	/* libxml2 goes on without the node it could not make: a report that
	 * lost a piece must not be written (util.h) */
	if (err->code == XML_ERR_NO_MEMORY)
		die_oom(0);
	const char *msg = err->message ? err->message : "XML error";
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	if (err->level == XML_ERR_WARNING) {
		warning("%s%s%.*s", err->file ? err->file : "", err->file ? ": " : "",
		        (int)len, msg);
		return;
	}
	error_at(err->file, err->line, "%.*s", (int)len, msg);
}

/* Generic (unstructured) messages are collected until a newline. */
static struct strbuf generic_line;

static void xml_generic_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	va_list ap;
	va_start(ap, fmt);
	char buf[2048];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	strbuf_addstr(&generic_line, buf);
	char *nl;
	while ((nl = strchr(generic_line.buf, '\n'))) {
		*nl = '\0';
		if (*generic_line.buf)
			error("%s", generic_line.buf);
		size_t rest = generic_line.len - (size_t)(nl + 1 - generic_line.buf);
		memmove(generic_line.buf, nl + 1, rest + 1);
		generic_line.len = rest;
	}
}

void diag_install_xml_handlers(void)
{
	strbuf_init(&generic_line);
	diag_install_thread_handlers();
	xsltSetGenericErrorFunc(NULL, xml_generic_error);
}

void diag_install_thread_handlers(void)
{
	xmlSetStructuredErrorFunc(NULL, xml_structured_error);
	xmlSetGenericErrorFunc(NULL, xml_generic_error);
}

void trace_perf_start(struct timespec *since)
{
	clock_gettime(CLOCK_MONOTONIC, since);
}

void trace_perf(struct timespec *since, const char *what)
{
	static int enabled = -1;
	struct timespec now;
	if (enabled < 0) {
		const char *v = getenv("ASSESS_TRACE_PERF");
		enabled = v && *v && strcmp(v, "0");
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (enabled)
		fprintf(stderr, "assess: perf: %s: %.3f s\n", what,
		        (double)(now.tv_sec - since->tv_sec) +
		                (double)(now.tv_nsec - since->tv_nsec) / 1e9);
	*since = now;
}
