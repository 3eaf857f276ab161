/*
 * rx.c - PCRE2 wrapper: UTF + UCP, match and depth limits.
 *
 * PCRE2 applies its match limit afresh at every start position, so a
 * pattern that backtracks just under the limit at each of many positions
 * runs for minutes on a long subject. Patterns are therefore compiled with
 * automatic callouts, and a callout counts the steps of the whole match and
 * stops it at RX_STEP_LIMIT. Anchored patterns (one start position: the
 * identifier checks of every inventory record) need no callouts, and get
 * none, which keeps them fast.
 */
#include "rx.h"

#include <pcre2.h>
#include <string.h>

#include "util.h"

struct rx {
	pcre2_code *code;           /* compiled pattern */
	pcre2_match_context *mctx;  /* carries the limits */
};

static char *pcre_message(int code, const char *prefix, size_t offset, int with_offset)
{
	PCRE2_UCHAR buf[256];
	struct strbuf sb;
	strbuf_init(&sb);
	if (pcre2_get_error_message(code, buf, sizeof(buf)) < 0)
		strcpy((char *)buf, "unknown error");
	strbuf_addf(&sb, "%s%s", prefix, (char *)buf);
	if (with_offset)
		strbuf_addf(&sb, " at offset %zu", offset);
	return strbuf_detach(&sb);
}

/* Steps of the rx_match running on this thread: a compiled expression is
 * read-only once made, so threads may match with it at the same time. */
static _Thread_local unsigned long match_steps;

/* Count one step of the whole match; stop it past the budget. */
static int count_step(pcre2_callout_block *block, void *data)
{
	(void)block;
	(void)data;
	if (++match_steps > RX_STEP_LIMIT)
		return PCRE2_ERROR_MATCHLIMIT;
	return 0;
}

struct rx *rx_compile(const char *pattern, char **err)
{
	int code;
	PCRE2_SIZE offset;
	uint32_t options = 0;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                               PCRE2_UTF | PCRE2_UCP, &code, &offset, NULL);
	if (!re) {
		if (err)
			*err = pcre_message(code, "", offset, 1);
		return NULL;
	}
	pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &options);
	if (!(options & PCRE2_ANCHORED)) {
		pcre2_code_free(re);
		re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
		                   PCRE2_UTF | PCRE2_UCP | PCRE2_AUTO_CALLOUT, &code, &offset, NULL);
		if (!re) {
			if (err)
				*err = pcre_message(code, "", offset, 1);
			return NULL;
		}
	}
	struct rx *rx = xcalloc(1, sizeof(*rx));
	rx->code = re;
	rx->mctx = pcre2_match_context_create(NULL);
	if (!rx->mctx) {
		rx_free(rx);
		if (err)
			*err = xstrdup("out of memory");
		return NULL;
	}
	pcre2_set_match_limit(rx->mctx, RX_MATCH_LIMIT);
	pcre2_set_depth_limit(rx->mctx, RX_DEPTH_LIMIT);
	pcre2_set_callout(rx->mctx, count_step, NULL);
	return rx;
}


int rx_match(const struct rx *rx, const char *subject, size_t len, char **err)
{
	/* no memory for a match stops the process as any allocation does
	 * (die_oom): never taken for a value that does not match */
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(rx->code, NULL);
	if (!md)
		die_oom(0);
	match_steps = 0; /* the budget is per call */
	int rc = pcre2_match(rx->code, (PCRE2_SPTR)subject, len, 0, 0, md, rx->mctx);
	pcre2_match_data_free(md);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_NOMEMORY)
		die_oom(0);
	if (err)
		*err = pcre_message(rc, "pattern matching failed: ", 0, 0);
	return -1;
}

void rx_free(struct rx *rx)
{
	if (!rx)
		return;
	pcre2_code_free(rx->code);
	pcre2_match_context_free(rx->mctx);
	free(rx);
}
