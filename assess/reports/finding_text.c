/*
 * finding_text.c - the sentences of the findings, from form and arguments.
 * findings.c decides which finding a system gets and with which facts; this
 * file says it, in Vietnamese and in English.
 */
#include "finding_text.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_ARGS 10

/*
 * The documents the sentences and the legal bases cite, as a citation
 * names them in full (Decree 30/2020: kind, "số", number and symbol).
 */
#define ND85_VI "Nghị định số 85/2016/NĐ-CP"
#define ND85_EN "Decree 85/2016/ND-CP"
#define ND331_VI "Nghị định số 331/2026/NĐ-CP"
#define ND331_EN "Decree 331/2026/ND-CP"
#define TT12_VI "Thông tư số 12/2022/TT-BTTTT"
#define TT12_EN "Circular 12/2022/TT-BTTTT"
#define L116_VI "Luật An ninh mạng số 116/2025/QH15"
#define L116_EN "Law on Cybersecurity 116/2025/QH15"
#define CT09_VI "Chỉ thị số 09/CT-TTg ngày 23/02/2024 của Thủ tướng Chính phủ"
#define CT09_EN "Directive 09/CT-TTg of 23 February 2024 of the Prime Minister"
#define CT14_VI "Chỉ thị số 14/CT-TTg năm 2019 của Thủ tướng Chính phủ"
#define CT14_EN "Directive 14/CT-TTg of 2019 of the Prime Minister"
#define CT57_VI "Chỉ thị số 57-CT/TW ngày 31/12/2025 của Ban Bí thư"
#define CT57_EN "Directive 57-CT/TW of 31 December 2025 of the Party Secretariat"

/* A rule set a finding's arguments name by its id (the approval's), as a
 * sentence names it; an id not listed is written as it is. */
static const struct {
	const char *id, *vi, *en;
} rule_documents[] = {
	{"ND85", ND85_VI, ND85_EN},
	{"ND331", ND331_VI, ND331_EN},
};

static const char *rule_document(const char *id, int english)
{
	for (size_t i = 0; i < ARRAY_SIZE(rule_documents); i++)
		if (!strcmp(rule_documents[i].id, id))
			return english ? rule_documents[i].en : rule_documents[i].vi;
	return id;
}

/* ---- collecting arguments ----------------------------------------------- */

static void args_add(struct finding_args *a, const char *s, size_t n)
{
	ALLOC_GROW(a->buf, a->len + n + 1, a->alloc);
	for (size_t i = 0; i < n; i++)
		a->buf[a->len++] = s[i] == FINDING_ARG_SEP ? '?' : s[i];
	a->buf[a->len] = '\0';
}

void finding_args_start(struct finding_args *a, const char *form)
{
	memset(a, 0, sizeof(*a));
	args_add(a, form, strlen(form));
}

void finding_args_str(struct finding_args *a, const char *s)
{
	ALLOC_GROW(a->buf, a->len + 2, a->alloc);
	a->buf[a->len++] = FINDING_ARG_SEP;
	a->buf[a->len] = '\0';
	if (s)
		args_add(a, s, strlen(s));
}

void finding_args_int(struct finding_args *a, long long v)
{
	char num[32];
	snprintf(num, sizeof(num), "%lld", v);
	finding_args_str(a, num);
}

char *finding_args_finish(struct finding_args *a)
{
	char *s = a->buf;
	memset(a, 0, sizeof(*a));
	return s;
}

/* ---- words as each language writes them -------------------------------- */

/* An integer (optionally negative) of at least four digits grouped by
 * thousands: "9.600" in Vietnamese, "9,600" in English; anything else as
 * it is. */
static void add_number(struct strbuf *out, const char *s, int english)
{
	const char *d = s + (*s == '-');
	size_t n = strlen(d);
	if (n < 4 || n > 30 || strspn(d, "0123456789") != n) {
		strbuf_addstr(out, s);
		return;
	}
	if (d != s)
		strbuf_addstr(out, "-");
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			strbuf_addstr(out, english ? "," : ".");
		strbuf_add(out, d + i, 1);
	}
}

static int is_iso_date_text(const char *s)
{
	return strlen(s) == 10 && strspn(s, "0123456789") == 4 && s[4] == '-' &&
	       strspn(s + 5, "0123456789") == 2 && s[7] == '-' && strspn(s + 8, "0123456789") == 2;
}

/*
 * The arguments of a sentence as the language writes them: a date
 * (YYYY-MM-DD) as dd/mm/yyyy in Vietnamese, a number of four digits or
 * more grouped by thousands, and in Vietnamese an article that opens with
 * "Điểm" or "Khoản" in lower case (the sentences cite it mid-sentence).
 * The texts go to words[0..n), which the caller releases.
 */
static void localise_args(const char *const *a, int n, int english, struct strbuf *words,
                          const char **out)
{
	for (int i = 0; i < n; i++) {
		struct strbuf *w = &words[i];
		strbuf_init(w);
		if (!english && is_iso_date_text(a[i]))
			strbuf_addf(w, "%.2s/%.2s/%.4s", a[i] + 8, a[i] + 5, a[i]);
		else if (!english && !strncmp(a[i], "Điểm ", strlen("Điểm ")))
			strbuf_addf(w, "điểm %s", a[i] + strlen("Điểm "));
		else if (!english && !strncmp(a[i], "Khoản ", strlen("Khoản ")))
			strbuf_addf(w, "khoản %s", a[i] + strlen("Khoản "));
		else
			add_number(w, a[i], english);
		out[i] = w->buf;
	}
}

/* ---- the sentences ------------------------------------------------------ */

/* a[0..n) are the arguments of the form, as strings. */
typedef void render_fn(const char *const *a, struct strbuf *vi, struct strbuf *en);

static void unapproved(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Hệ thống đang vận hành nhưng chưa có hồ sơ đề xuất cấp độ được phê duyệt "
	                "(cấp độ xác định: %s); hệ thống chưa bảo đảm an toàn không được đưa vào sử dụng.",
	            a[0]);
	strbuf_addf(en, "The system is in operation without an approved level dossier (computed "
	                "level: %s); a system that is not yet secured must not be put into use.",
	            a[0]);
}

static void unapproved_undetermined(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	(void)a;
	strbuf_addstr(vi, "Hệ thống đang vận hành nhưng chưa có hồ sơ đề xuất cấp độ được phê duyệt "
	                  "(chưa xác định được cấp độ); hệ thống chưa bảo đảm an toàn không được đưa vào sử dụng.");
	strbuf_addstr(en, "The system is in operation without an approved level dossier (level not "
	                  "determined); a system that is not yet secured must not be put into use.");
}

static void before_go_live(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	(void)a;
	strbuf_addstr(vi, "Hệ thống chưa có cấp độ được phê duyệt: phải phê duyệt cấp độ và triển khai "
	                  "phương án bảo đảm an toàn trước khi đưa vào vận hành.");
	strbuf_addstr(en, "The system has no approved level yet: the level must be approved and the "
	                  "security plan implemented before go-live.");
}

/* a: approved level, rules of the approval, computed level */
static void under_classified(const char *const *a, struct strbuf *vi, struct strbuf *en,
                             int or_more)
{
	strbuf_addf(vi, "Cấp độ đã phê duyệt (%s, theo %s) thấp hơn cấp độ xác định (%s%s): phải "
	                "xác định lại cấp độ.",
	            a[0], rule_document(a[1], 0), a[2], or_more ? " trở lên" : "");
	strbuf_addf(en, "The approved level (%s, under %s) is below the computed level (%s%s): the "
	                "level must be re-determined.",
	            a[0], rule_document(a[1], 1), a[2], or_more ? " or more" : "");
}

static void under_exact(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	under_classified(a, vi, en, 0);
}

static void under_or_more(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	under_classified(a, vi, en, 1);
}

/* a: approved level, rules of the approval, computed level */
static void over_classified(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Cấp độ đã phê duyệt (%s, theo %s) cao hơn cấp độ xác định (%s).", a[0],
	            rule_document(a[1], 0), a[2]);
	strbuf_addf(en, "The approved level (%s, under %s) is above the computed level (%s).", a[0],
	            rule_document(a[1], 1), a[2]);
}

/* a: approved level (under ND85), level under ND331 */
static void rules_drift(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Cấp độ %s được phê duyệt theo " ND85_VI "; theo " ND331_VI
	                " hệ thống thuộc cấp độ %s.",
	            a[0], a[1]);
	strbuf_addf(en, "Level %s was approved under " ND85_EN "; under " ND331_EN
	                " the system is at level %s.",
	            a[0], a[1]);
}

/* a: approved level, computed level, "exact" | "or-more", the approval's
 * rule set (vi, en), this rule set (vi, en), the article that keeps the
 * approval (vi, en), the approval's rule-set id */
static void rules_drift_kept(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	int more = !strcmp(a[2], "or-more");
	strbuf_addf(vi, "Cấp độ %s được phê duyệt theo %s vẫn được giữ (%s); theo %s hệ thống thuộc "
	                "cấp độ %s%s: đây là thông tin cho lần xác định lại cấp độ tiếp theo, không "
	                "phải yêu cầu xác định lại ngay.",
	            a[0], a[3], a[7], a[5], a[1], more ? " trở lên" : "");
	strbuf_addf(en, "Level %s approved under %s is kept (%s); under %s the system is at level "
	                "%s%s: information for the next re-determination, not an order to "
	                "re-determine now.",
	            a[0], a[4], a[8], a[6], a[1], more ? " or more" : "");
}

/* a: the approval's rule set (vi, en), this rule set (vi, en), the date the
 * measures are due by, its article (vi, en), days left (negative: past) */
static void transition_measures(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	if (a[7][0] != '-') {
		strbuf_addf(vi, "Cấp độ được phê duyệt theo %s: phải bảo đảm điều kiện, tiêu chuẩn, biện "
		                "pháp bảo vệ theo %s tương ứng với cấp độ trước ngày %s (%s); còn %s ngày.",
		            a[0], a[2], a[4], a[5], a[7]);
		strbuf_addf(en, "Level approved under %s: the conditions, standards and measures of %s "
		                "for the level are due by %s (%s); %s days left.",
		            a[1], a[3], a[4], a[6], a[7]);
	} else {
		strbuf_addf(vi, "Cấp độ được phê duyệt theo %s: đã quá hạn ngày %s (%s) để bảo đảm điều "
		                "kiện, tiêu chuẩn, biện pháp bảo vệ theo %s tương ứng với cấp độ; cần "
		                "kiểm tra đã đáp ứng chưa.",
		            a[0], a[4], a[5], a[2]);
		strbuf_addf(en, "Level approved under %s: the deadline of %s (%s) to meet the "
		                "conditions, standards and measures of %s for the level has passed; check "
		                "that they are met.",
		            a[1], a[4], a[6], a[3]);
	}
}

static void plan_partial(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	(void)a;
	strbuf_addstr(vi, "Hệ thống đang vận hành nhưng phương án bảo đảm an toàn mới được triển khai một phần.");
	strbuf_addstr(en, "The system is in operation but its security plan is only partly implemented.");
}

static void plan_none(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	(void)a;
	strbuf_addstr(vi, "Hệ thống đang vận hành nhưng phương án bảo đảm an toàn chưa được triển khai.");
	strbuf_addstr(en, "The system is in operation but its security plan is not implemented.");
}

static void plan_unknown(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	(void)a;
	strbuf_addstr(vi, "Chưa khai báo tình trạng triển khai phương án bảo đảm an toàn của hệ thống đang vận hành.");
	strbuf_addstr(en, "The implementation status of the security plan of this operating system is not stated.");
}

static void no_regulation(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	(void)a;
	strbuf_addstr(vi, "Hệ thống đang vận hành nhưng chưa ban hành quy chế bảo đảm an toàn.");
	strbuf_addstr(en, "The system is in operation without an issued security regulation.");
}

/* a: last counting inspection, months, level, due date */
static void inspection_overdue(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Quá hạn kiểm tra, đánh giá định kỳ: lần kiểm tra được tính gần nhất ngày %s, "
	                "chu kỳ %s tháng ở cấp độ %s, đã đến hạn ngày %s.",
	            a[0], a[1], a[2], a[3]);
	strbuf_addf(en, "Periodic inspection overdue: last counting inspection on %s, every %s months "
	                "at level %s, due on %s.",
	            a[0], a[1], a[2], a[3]);
}

/* a: due date, days left */
static void inspection_due_soon(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Sắp đến hạn kiểm tra, đánh giá định kỳ: đến hạn ngày %s (còn %s ngày).",
	            a[0], a[1]);
	strbuf_addf(en, "Periodic inspection due soon: due on %s (%s days left).", a[0], a[1]);
}

/* a: level, months[, level from which it must be independent[, inspections
 * not counted because not independent]] */
static void never_inspected(const char *const *a, struct strbuf *vi, struct strbuf *en,
                            int independent, int others)
{
	strbuf_addf(vi, "Chưa có lần kiểm tra, đánh giá nào được tính cho cấp độ %s (chu kỳ %s tháng)",
	            a[0], a[1]);
	strbuf_addf(en, "No inspection counts for level %s (every %s months)", a[0], a[1]);
	if (independent) {
		strbuf_addf(vi, "; từ cấp độ %s phải do tổ chức chuyên nghiệp, độc lập thực hiện", a[2]);
		strbuf_addf(en, "; from level %s it must be done by an independent professional "
		                "organisation", a[2]);
	}
	if (others) {
		strbuf_addf(vi, " (không tính %s lần kiểm tra không độc lập)", a[3]);
		strbuf_addf(en, " (non-independent inspections not counted: %s)", a[3]);
	}
	strbuf_addstr(vi, ".");
	strbuf_addstr(en, ".");
}

static void never_plain(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	never_inspected(a, vi, en, 0, 0);
}

static void never_independent(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	never_inspected(a, vi, en, 1, 0);
}

static void never_independent_others(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	never_inspected(a, vi, en, 1, 1);
}

/* The basis of a cadence, after "every N months at level L": a[0] law |
 * policy | reminder, a[1] the owner's decision ("" none), a[2] / a[3] the
 * article of the rule in Vietnamese / English ("" none). Only the article
 * is stored with the finding (the rule's own text stays in the rule set:
 * a run of 10^5 systems would store it 10^5 times). */
static void cadence_basis(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	int art = *a[2] || *a[3];
	if (!strcmp(a[0], "law")) {
		strbuf_addf(vi, "theo %s", art ? a[2] : "quy định pháp luật");
		strbuf_addf(en, "under %s", art ? a[3] : "the law");
		return;
	}
	if (!strcmp(a[0], "policy") && *a[1]) {
		strbuf_addf(vi, "theo quy định của chủ quản (%s", a[1]);
		strbuf_addf(en, "under the owner's policy (%s", a[1]);
	} else if (!strcmp(a[0], "policy")) {
		strbuf_addstr(vi, "(mặc định của công cụ, là chính sách chứ không phải quy định pháp "
		                  "luật: chủ quản chưa đặt chu kỳ riêng");
		strbuf_addstr(en, "(the tool's default, a policy and not the law: the owner has set no "
		                  "cadence of its own");
	} else {
		strbuf_addstr(vi, "(nhắc việc, không phải chu kỳ pháp luật quy định cho hệ thống");
		strbuf_addstr(en, "(a reminder, not an interval the law sets for the system");
	}
	if (art && !strcmp(a[0], "policy")) {
		strbuf_addf(vi, "; %s không quy định chu kỳ", a[2]);
		strbuf_addf(en, "; %s sets no interval", a[3]);
	} else if (art) {
		strbuf_addf(vi, "; %s", a[2]);
		strbuf_addf(en, "; %s", a[3]);
	}
	strbuf_addstr(vi, ")");
	strbuf_addstr(en, ")");
}

/* a: last counting inspection, due date, months, level, then cadence_basis's */
static void inspection_overdue_dated(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Quá hạn kiểm tra, đánh giá định kỳ: lần kiểm tra được tính gần nhất ngày %s; "
	                "hạn kiểm tra tiếp theo ngày %s đã qua. Chu kỳ %s tháng ở cấp độ %s ",
	            a[0], a[1], a[2], a[3]);
	strbuf_addf(en, "Periodic inspection overdue: last counting inspection on %s; the next one "
	                "was due on %s. Every %s months at level %s ",
	            a[0], a[1], a[2], a[3]);
	cadence_basis(a + 4, vi, en);
	strbuf_addstr(vi, ".");
	strbuf_addstr(en, ".");
}

/* a: due date, days left, last counting inspection, months, level, then
 * cadence_basis's */
static void inspection_due_soon_dated(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Sắp đến hạn kiểm tra, đánh giá định kỳ: hạn kiểm tra tiếp theo ngày %s "
	                "(còn %s ngày); lần kiểm tra được tính gần nhất ngày %s. Chu kỳ %s tháng ở "
	                "cấp độ %s ",
	            a[0], a[1], a[2], a[3], a[4]);
	strbuf_addf(en, "Periodic inspection due soon: the next one is due on %s (%s days left); "
	                "last counting inspection on %s. Every %s months at level %s ",
	            a[0], a[1], a[2], a[3], a[4]);
	cadence_basis(a + 5, vi, en);
	strbuf_addstr(vi, ".");
	strbuf_addstr(en, ".");
}

/* a: level, months, cadence_basis's four, inspections not counted, the
 * least independence that counts (no | internal | licensed) */
static void never_inspected_dated(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Chưa có lần kiểm tra, đánh giá nào được tính cho cấp độ %s: chu kỳ %s tháng ",
	            a[0], a[1]);
	strbuf_addf(en, "No inspection counts for level %s: every %s months ", a[0], a[1]);
	cadence_basis(a + 2, vi, en);
	if (!strcmp(a[7], "licensed")) {
		strbuf_addstr(vi, "; chỉ tính kiểm tra do tổ chức chuyên môn được cấp phép, tổ chức sự "
		                  "nghiệp nhà nước hoặc tổ chức được chỉ định thực hiện");
		strbuf_addstr(en, "; only an inspection by a licensed, state or designated "
		                  "organisation counts");
	} else if (!strcmp(a[7], "internal")) {
		strbuf_addstr(vi, "; chỉ tính kiểm tra do bộ phận độc lập với đơn vị vận hành hoặc tổ "
		                  "chức được cấp phép thực hiện");
		strbuf_addstr(en, "; only an inspection by a unit independent of the operator or a "
		                  "licensed organisation counts");
	}
	if (strcmp(a[6], "0")) {
		strbuf_addf(vi, " (không tính %s lần kiểm tra khác)", a[6]);
		strbuf_addf(en, " (other inspections not counted: %s)", a[6]);
	}
	strbuf_addstr(vi, ".");
	strbuf_addstr(en, ".");
}

/* a: the systems concerned (vi, en), the article (vi, en) */
static void licensed_uninspected(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "%s chưa được tổ chức chuyên môn được cấp phép, tổ chức sự nghiệp nhà nước "
	                "hoặc tổ chức được chỉ định kiểm tra, đánh giá (%s).",
	            a[0], a[2]);
	strbuf_addf(en, "%s has not been inspected by a licensed, state or designated organisation "
	                "(%s).",
	            a[1], a[3]);
}

static void level5_uninspected(const char *const *a, struct strbuf *vi, struct strbuf *en,
                               const char *who_vi, const char *who_en)
{
	(void)a;
	strbuf_addf(vi, "%s chưa được tổ chức chuyên nghiệp, độc lập kiểm tra, đánh giá.", who_vi);
	strbuf_addf(en, "%s has not been inspected by an independent professional organisation.",
	            who_en);
}

static void level5_level5(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	level5_uninspected(a, vi, en, "Hệ thống cấp độ 5", "A level-5 system");
}

static void level5_listed(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	level5_uninspected(a, vi, en, "Hệ thống thuộc danh mục an ninh quốc gia",
	                   "A system on the national-security list");
}

/* a: "testing" | "building", secret class word ("" when none), subjects of
 * sensitive personal data ("" when none) */
static void secrets_in_testing(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	static const struct {
		const char *word, *vi, *en;
	} classes[] = {{"mat", "Mật", "Mật (confidential)"},
	               {"toi-mat", "Tối mật", "Tối mật (secret)"},
	               {"tuyet-mat", "Tuyệt mật", "Tuyệt mật (top secret)"}};
	struct strbuf what_vi, what_en;
	int testing = !strcmp(a[0], "testing");
	strbuf_init(&what_vi);
	strbuf_init(&what_en);
	for (size_t i = 0; i < ARRAY_SIZE(classes); i++)
		if (!strcmp(a[1], classes[i].word)) {
			strbuf_addf(&what_vi, "bí mật nhà nước độ %s", classes[i].vi);
			strbuf_addf(&what_en, "state secrets of class %s", classes[i].en);
		}
	if (*a[2]) {
		strbuf_addf(&what_vi, "%sdữ liệu cá nhân nhạy cảm của %s chủ thể",
		            what_vi.len ? " và " : "", a[2]);
		strbuf_addf(&what_en, "%ssensitive personal data of %s subjects",
		            what_en.len ? " and " : "", a[2]);
	}
	strbuf_addf(vi, "Hệ thống đang trong giai đoạn %s nhưng đã xử lý %s: không được để lộ, lọt "
	                "bí mật, dữ liệu nhạy cảm kể cả khi thử nghiệm (" CT57_VI ").",
	            testing ? "thử nghiệm" : "xây dựng", what_vi.len ? what_vi.buf : "");
	strbuf_addf(en, "The system is still %s but processes %s: secrets and sensitive data must not "
	                "leak, not even during testing (" CT57_EN ").",
	            testing ? "in testing" : "being built", what_en.len ? what_en.buf : "");
	strbuf_release(&what_vi);
	strbuf_release(&what_en);
}

/* The layers of the four-layer model, as the sentences name them. */
static const struct {
	const char *vi, *en;
} layer_names[4] = {
	{"1 (lực lượng tại chỗ)", "1 (on-site security force)"},
	{"2 (tổ chức chuyên nghiệp giám sát, bảo vệ)",
	 "2 (professional monitoring and protection provider)"},
	{"3 (kiểm tra, đánh giá độc lập định kỳ)",
	 "3 (periodic independent inspection and assessment)"},
	{"4 (kết nối, chia sẻ thông tin với hệ thống giám sát quốc gia)",
	 "4 (connection to the national cyberspace monitoring system)"},
};

/* The layers whose bit is set in the decimal bitmask bits, comma-separated. */
static void layer_list(const char *bits, struct strbuf *vi, struct strbuf *en)
{
	int mask = atoi(bits);
	size_t vi0 = vi->len, en0 = en->len;
	for (int i = 0; i < 4; i++)
		if (mask & (1 << i)) {
			strbuf_addf(vi, "%s%s", vi->len > vi0 ? ", " : "", layer_names[i].vi);
			strbuf_addf(en, "%s%s", en->len > en0 ? ", " : "", layer_names[i].en);
		}
}

/* a: missing layers, layers not stated (bitmasks, bit i = layer i+1) */
static void four_layer_gap(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addstr(vi, "Chưa đủ mô hình bảo vệ 4 lớp: thiếu lớp ");
	strbuf_addstr(en, "The four-layer protection model is incomplete: missing layer ");
	layer_list(a[0], vi, en);
	if (atoi(a[1])) {
		strbuf_addstr(vi, "; chưa khai báo lớp ");
		strbuf_addstr(en, "; not stated: layer ");
		layer_list(a[1], vi, en);
	}
	strbuf_addstr(vi, ".");
	strbuf_addstr(en, ".");
}

/* a: layers not stated (bitmask) */
static void four_layer_unknown(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addstr(vi, "Chưa khai báo đủ mô hình bảo vệ 4 lớp: chưa rõ lớp ");
	strbuf_addstr(en, "The four-layer protection model is not fully stated: unknown layer ");
	layer_list(a[0], vi, en);
	strbuf_addstr(vi, ".");
	strbuf_addstr(en, ".");
}

/* a: why, in Vietnamese and in English ("" when the engine gave no reason) */
static void undetermined(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Chưa xác định được cấp độ: %s.", *a[0] ? a[0] : "thiếu thông tin");
	strbuf_addf(en, "The level could not be determined: %s.", *a[1] ? a[1] : "facts are missing");
}

/* One "FACT = N (threshold T)" of the engine's text (classify.c), in
 * words; a text of another shape as it is. */
static void threshold_item(const char *item, size_t len, int english, struct strbuf *out)
{
	char fact[64];
	long long value, limit;
	int end = 0;
	char *copy = xmalloc(len + 1);
	memcpy(copy, item, len);
	copy[len] = '\0';
	if (sscanf(copy, "%63s = %lld (threshold %lld)%n", fact, &value, &limit, &end) == 3 &&
	    (size_t)end == len) {
		char v[32], t[32];
		snprintf(v, sizeof(v), "%lld", value);
		snprintf(t, sizeof(t), "%lld", limit);
		strbuf_addf(out, "%s = ", fact);
		add_number(out, v, english);
		strbuf_addstr(out, english ? " (threshold " : " (ngưỡng ");
		add_number(out, t, english);
		strbuf_addstr(out, ")");
	} else {
		strbuf_addstr(out, copy);
	}
	free(copy);
}

/* a: the values and their thresholds, "; " between them */
static void near_threshold(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addstr(vi, "Giá trị gần ngưỡng (");
	strbuf_addstr(en, "A value is near a threshold (");
	for (const char *p = a[0];;) {
		const char *semi = strstr(p, "; ");
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		threshold_item(p, len, 0, vi);
		threshold_item(p, len, 1, en);
		if (!semi)
			break;
		strbuf_addstr(vi, "; ");
		strbuf_addstr(en, "; ");
		p = semi + 2;
	}
	strbuf_addstr(vi, "): có thể phải xác định lại cấp độ.");
	strbuf_addstr(en, "): re-determination is likely.");
}

static void national_without_24x7(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	(void)a;
	strbuf_addstr(vi, "Hệ thống phạm vi quốc gia được khai báo không phải vận hành 24/7: cần xác nhận "
	                  "yêu cầu này (nếu phải vận hành 24/7, hệ thống thuộc cấp độ 4).");
	strbuf_addstr(en, "A national-scope system is declared as not required to run 24/7: confirm this "
	                  "(if it must run 24/7, the system is at level 4).");
}

/* a: requirement, end of the waiver */
static void waiver_expired(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Miễn trừ yêu cầu %s đã hết hạn ngày %s: yêu cầu được tính là chưa đáp ứng.",
	            a[0], a[1]);
	strbuf_addf(en, "The waiver for requirement %s ended on %s: the requirement counts as not met.",
	            a[0], a[1]);
}

/* a: component, its level, the system's level */
static void component_above_parent(const char *const *a, struct strbuf *vi, struct strbuf *en)
{
	strbuf_addf(vi, "Thành phần %s có cấp độ %s, cao hơn cấp độ %s của hệ thống: hệ thống phải lấy "
	                "cấp độ cao nhất của các thành phần.",
	            a[0], a[1], a[2]);
	strbuf_addf(en, "Component %s is at level %s, above the system's level %s: a system takes the "
	                "highest level of its components.",
	            a[0], a[1], a[2]);
}

static const struct form {
	const char *name;
	int nr_args;
	render_fn *render;
} forms[] = {
	{"unapproved-in-operation", 1, unapproved},
	{"unapproved-in-operation.undetermined", 0, unapproved_undetermined},
	{"approval-before-go-live", 0, before_go_live},
	{"under-classified", 3, under_exact},
	{"under-classified.or-more", 3, under_or_more},
	{"over-classified", 3, over_classified},
	{"rules-drift", 2, rules_drift},
	{"rules-drift.kept", 10, rules_drift_kept},
	{"transition-measures", 8, transition_measures},
	{"plan-not-implemented.partial", 0, plan_partial},
	{"plan-not-implemented.none", 0, plan_none},
	{"plan-unknown", 0, plan_unknown},
	{"no-regulation", 0, no_regulation},
	{"inspection-overdue", 4, inspection_overdue},
	{"inspection-due-soon", 2, inspection_due_soon},
	{"inspection-overdue.dated", 8, inspection_overdue_dated},
	{"inspection-due-soon.dated", 9, inspection_due_soon_dated},
	{"never-inspected.dated", 8, never_inspected_dated},
	{"level5-without-independent-inspection.rule", 4, licensed_uninspected},
	{"never-inspected", 2, never_plain},
	{"never-inspected.independent", 3, never_independent},
	{"never-inspected.independent-others", 4, never_independent_others},
	{"level5-without-independent-inspection.level5", 0, level5_level5},
	{"level5-without-independent-inspection.listed", 0, level5_listed},
	{"secrets-in-testing", 3, secrets_in_testing},
	{"four-layer-gap", 2, four_layer_gap},
	{"four-layer-unknown", 1, four_layer_unknown},
	{"undetermined", 2, undetermined},
	{"near-threshold", 1, near_threshold},
	{"national-without-24x7", 0, national_without_24x7},
	{"waiver-expired", 2, waiver_expired},
	{"component-above-parent", 3, component_above_parent},
};

/*
 * Split args (a copy the caller frees) into its form and its arguments
 * a[0..*n); returns the form. *more is set when there are more than
 * MAX_ARGS arguments.
 */
static char *split_args(char *copy, const char **a, int *n, int *more)
{
	char *p = strchr(copy, FINDING_ARG_SEP);
	*n = 0;
	while (p && *n <= MAX_ARGS) {
		*p++ = '\0';
		a[(*n)++] = p;
		p = strchr(p, FINDING_ARG_SEP);
	}
	*more = p != NULL;
	return copy;
}

int finding_text_render(const char *args, char **text_vi, char **text_en)
{
	const char *a[MAX_ARGS + 1];
	int n, more;
	struct strbuf vi, en;
	char *copy = xstrdup(args ? args : "");
	char *form = split_args(copy, a, &n, &more);
	const char *p = more ? "" : NULL;
	strbuf_init(&vi);
	strbuf_init(&en);
	int ret = -1;
	for (size_t i = 0; i < ARRAY_SIZE(forms); i++)
		if (!strcmp(forms[i].name, form)) {
			if (n == forms[i].nr_args && !p) {
				/* each language from its own words: the other output is dropped */
				const char *a_vi[MAX_ARGS + 1], *a_en[MAX_ARGS + 1];
				struct strbuf w_vi[MAX_ARGS + 1], w_en[MAX_ARGS + 1], drop;
				strbuf_init(&drop);
				localise_args(a, n, 0, w_vi, a_vi);
				localise_args(a, n, 1, w_en, a_en);
				forms[i].render(a_vi, &vi, &drop);
				strbuf_reset(&drop);
				forms[i].render(a_en, &drop, &en);
				for (int k = 0; k < n; k++) {
					strbuf_release(&w_vi[k]);
					strbuf_release(&w_en[k]);
				}
				strbuf_release(&drop);
				ret = 0;
			}
			break;
		}
	if (ret < 0) {
		strbuf_addf(&vi, "(không đọc được nội dung phát hiện '%s')", form);
		strbuf_addf(&en, "(unreadable finding '%s')", form);
	}
	free(copy);
	*text_vi = strbuf_detach(&vi);
	*text_en = strbuf_detach(&en);
	return ret;
}

/* ---- the legal basis ---------------------------------------------------- */

/*
 * The basis of each code under each rule set (rules NULL: under any rule
 * set, the fallback of a rule set without an entry of its own, a
 * sector's). The words live here, with the sentences, so that a report,
 * the results and a working paper cite a finding the same way.
 */
static const struct code_basis {
	const char *code;
	const char *rules;
	const char *vi, *en;
} bases[] = {
	{"unapproved-in-operation", "ND85", "Điều 14 " ND85_VI "; " CT09_VI,
	 ND85_EN " Art. 14; " CT09_EN},
	{"unapproved-in-operation", "ND331", "Điều 20 " ND331_VI "; " CT09_VI,
	 ND331_EN " Art. 20; " CT09_EN},
	{"unapproved-in-operation", NULL, CT09_VI, CT09_EN},
	{"approval-before-go-live", "ND85", "Điều 13 " ND85_VI "; khoản 6 Điều 9 " TT12_VI "; " CT09_VI,
	 ND85_EN " Art. 13; " TT12_EN " Art. 9.6; " CT09_EN},
	{"approval-before-go-live", "ND331", "Điều 19, khoản 6 Điều 30 " ND331_VI "; " CT09_VI,
	 ND331_EN " Art. 19, 30.6; " CT09_EN},
	{"approval-before-go-live", NULL, CT09_VI, CT09_EN},
	{"under-classified", "ND85", "Điều 18 " ND85_VI, ND85_EN " Art. 18"},
	{"under-classified", "ND331", "Điều 25 " ND331_VI, ND331_EN " Art. 25"},
	{"over-classified", "ND85", "Điều 18 " ND85_VI, ND85_EN " Art. 18"},
	{"over-classified", "ND331", "Điều 25 " ND331_VI, ND331_EN " Art. 25"},
	{"near-threshold", "ND85", "Điều 18 " ND85_VI, ND85_EN " Art. 18"},
	{"near-threshold", "ND331", "Điều 25 " ND331_VI, ND331_EN " Art. 25"},
	{"undetermined", "ND85", "Điều 5 đến Điều 11 " ND85_VI, ND85_EN " Art. 5-11"},
	{"undetermined", "ND331", "Điều 8 đến Điều 16 " ND331_VI, ND331_EN " Art. 8-16"},
	{"rules-drift", NULL, "Khoản 1 Điều 45 " L116_VI, L116_EN " Art. 45.1"},
	{"transition-measures", NULL, "Khoản 1 Điều 45 " L116_VI, L116_EN " Art. 45.1"},
	{"national-without-24x7", "ND85", "Khoản 2, khoản 3 Điều 10 " ND85_VI, ND85_EN " Art. 10.2, 10.3"},
	{"national-without-24x7", "ND331", "Khoản 2 Điều 14 " ND331_VI, ND331_EN " Art. 14.2"},
	{"secrets-in-testing", NULL, CT57_VI, CT57_EN},
	{"plan-not-implemented", "ND85", "Điểm b khoản 2 Điều 20 " ND85_VI "; " CT09_VI,
	 ND85_EN " Art. 20.2(b); " CT09_EN},
	{"plan-not-implemented", "ND331", "Khoản 4 Điều 28, Điều 29 " ND331_VI,
	 ND331_EN " Art. 28.4, 29"},
	{"plan-unknown", "ND85", "Điểm b khoản 2 Điều 20 " ND85_VI, ND85_EN " Art. 20.2(b)"},
	{"plan-unknown", "ND331", "Khoản 4 Điều 28, Điều 29 " ND331_VI, ND331_EN " Art. 28.4, 29"},
	{"no-regulation", "ND85", "Khoản 7 Điều 9 " TT12_VI, TT12_EN " Art. 9.7"},
	{"no-regulation", "ND331", "Khoản 1 Điều 28, khoản 7 Điều 30 " ND331_VI,
	 ND331_EN " Art. 28.1, 30.7"},
	{"inspection-overdue", "ND85", "Điểm c khoản 2 Điều 20 " ND85_VI, ND85_EN " Art. 20.2(c)"},
	{"inspection-overdue", "ND331", "Điểm a khoản 5 Điều 28 " ND331_VI, ND331_EN " Art. 28.5(a)"},
	{"inspection-due-soon", "ND85", "Điểm c khoản 2 Điều 20 " ND85_VI, ND85_EN " Art. 20.2(c)"},
	{"inspection-due-soon", "ND331", "Điểm a khoản 5 Điều 28 " ND331_VI, ND331_EN " Art. 28.5(a)"},
	{"never-inspected", "ND85", "Điểm c khoản 2 Điều 20 " ND85_VI, ND85_EN " Art. 20.2(c)"},
	{"never-inspected", "ND331", "Điểm a khoản 5 Điều 28, điểm c khoản 2 Điều 31 " ND331_VI,
	 ND331_EN " Art. 28.5(a), 31.2(c)"},
	{"level5-without-independent-inspection", NULL, "Điểm c khoản 2 Điều 31 " ND331_VI,
	 ND331_EN " Art. 31.2(c)"},
	{"four-layer-gap", NULL, CT14_VI, CT14_EN},
	{"four-layer-unknown", NULL, CT14_VI, CT14_EN},
	{"waiver-expired", "ND85", "Điều 9, Điều 10 " TT12_VI, TT12_EN " Art. 9, 10"},
	{"waiver-expired", "ND331", "Điều 30 " ND331_VI, ND331_EN " Art. 30"},
	{"component-above-parent", "ND85", "Khoản 2 Điều 5 " ND85_VI, ND85_EN " Art. 5.2"},
	{"component-above-parent", "ND331",
	 "Khoản 2, khoản 3 Điều 8 " ND331_VI " (theo cách hiểu của công cụ: Nghị định không quy định "
	 "về hệ thống thành phần)",
	 ND331_EN " Art. 8.2, 8.3 (the tool's reading: the decree has no clause on component "
	          "systems)"},
};

/* The article a finding's arguments carry, for the forms that have one:
 * a[first..first+3] the basis of a cadence (cadence_basis), else a[vi],
 * a[en]. 1 when *vi and *en were set. */
static int own_basis(const char *form, const char *const *a, int n, struct strbuf *vi,
                     struct strbuf *en)
{
	static const struct {
		const char *form;
		int nr_args, cadence, vi, en;
	} own[] = {
		{"inspection-overdue.dated", 8, 4, 0, 0},
		{"inspection-due-soon.dated", 9, 5, 0, 0},
		{"never-inspected.dated", 8, 2, 0, 0},
		{"transition-measures", 8, -1, 5, 6},
		{"rules-drift.kept", 10, -1, 7, 8},
		{"level5-without-independent-inspection.rule", 4, -1, 2, 3},
	};
	for (size_t i = 0; i < ARRAY_SIZE(own); i++) {
		if (strcmp(own[i].form, form) || n != own[i].nr_args)
			continue;
		if (own[i].cadence < 0) {
			if (!*a[own[i].vi] || !*a[own[i].en])
				return 0;
			strbuf_addstr(vi, a[own[i].vi]);
			strbuf_addstr(en, a[own[i].en]);
			return 1;
		}
		/* the cadence: law | policy | reminder, the owner's decision, the article */
		const char *const *c = a + own[i].cadence;
		if (!*c[2] || !*c[3])
			return 0;
		if (!strcmp(c[0], "policy") && *c[1]) {
			strbuf_addf(vi, "Quyết định số %s của chủ quản hệ thống thông tin (chu kỳ kiểm tra); ",
			            c[1]);
			strbuf_addf(en, "the owner's decision %s (inspection interval); ", c[1]);
		}
		strbuf_addstr(vi, c[2]);
		strbuf_addstr(en, c[3]);
		if (!strcmp(c[0], "policy") && !*c[1]) {
			strbuf_addstr(vi, " (chu kỳ mặc định của công cụ)");
			strbuf_addstr(en, " (the tool's default interval)");
		}
		return 1;
	}
	return 0;
}

void finding_text_basis(const char *code, const char *args, const char *rules, char **basis_vi,
                        char **basis_en)
{
	struct strbuf vi, en;
	strbuf_init(&vi);
	strbuf_init(&en);
	*basis_vi = *basis_en = NULL;
	if (args) {
		const char *a[MAX_ARGS + 1];
		int n, more;
		char *copy = xstrdup(args);
		char *form = split_args(copy, a, &n, &more);
		int found = !more && own_basis(form, a, n, &vi, &en);
		free(copy);
		if (found)
			goto out;
	}
	const struct code_basis *any = NULL, *mine = NULL;
	for (size_t i = 0; code && i < ARRAY_SIZE(bases); i++) {
		if (strcmp(bases[i].code, code))
			continue;
		if (!bases[i].rules)
			any = &bases[i];
		else if (rules && !strcmp(bases[i].rules, rules))
			mine = &bases[i];
	}
	if (mine || any) {
		strbuf_addstr(&vi, (mine ? mine : any)->vi);
		strbuf_addstr(&en, (mine ? mine : any)->en);
	}
out:
	if (vi.len) {
		*basis_vi = strbuf_detach(&vi);
		*basis_en = strbuf_detach(&en);
	}
	strbuf_release(&vi);
	strbuf_release(&en);
}

void result_fill_finding_texts(struct system_result *res)
{
	for (size_t i = 0; res && i < res->nr_findings; i++) {
		struct finding *f = &res->findings[i];
		if (!f->args || f->text_vi || f->text_en)
			continue;
		finding_text_render(f->args, &f->text_vi, &f->text_en);
	}
}
