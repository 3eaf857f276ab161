/*
 * gen.c - deterministic inventory generator for the benchmark.
 *
 *   bench-gen N [FILE]
 *
 * Writes an inventory (format v1, /work/shared/spec/inventory.md) of N
 * systems to FILE, or to standard output when FILE is absent or "-". The
 * PRNG (xorshift64*) has a fixed seed and nothing else (time, locale, pid)
 * enters the output, so the same N gives a byte-identical file.
 *
 * What it covers, so that every code path of import and classify is busy:
 * every system type (a few systems carry two or three), every secret class,
 * every public-service mode and level, admin procedures, conditional business,
 * data-subject counts spread around the 10,000 and 100,000 thresholds, every
 * infrastructure scope, shared platforms, ICS grades, harm, decided levels,
 * hosting, composite systems (components refer to earlier systems of the
 * same owner only, so there is never a cycle; chains are at most three deep),
 * approvals under ND85 and ND331 (some missing), regulations, plans, 0-3
 * inspections, the four protection layers, 0-8 controls and now and then a
 * waiver. Organizations: one owner (province or ministry) per 3,000 systems,
 * its security unit, three operators, and one provider. A system averages
 * about 900 bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SYSTEMS_PER_OWNER 3000
#define OPERATORS_PER_OWNER 3
#define MAX_N 100000000UL

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: small, fast, and the same on every platform. */
static uint64_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* A uniform integer in [0, n) (n > 0; the modulo bias is irrelevant here). */
static unsigned below(unsigned n)
{
	return (unsigned)((rnd() >> 11) % n);
}

/* A uniform integer in [lo, hi]. */
static unsigned between(unsigned lo, unsigned hi)
{
	return lo + below(hi - lo + 1);
}

/* True with probability pct/1000. */
static int permille(unsigned pct)
{
	return below(1000) < pct;
}

/* Index into weights[0..n) chosen with probability proportional to weight. */
static unsigned weighted(const unsigned *weights, unsigned n)
{
	unsigned total = 0, i, r;

	for (i = 0; i < n; i++)
		total += weights[i];
	r = below(total);
	for (i = 0; i < n - 1; i++) {
		if (r < weights[i])
			return i;
		r -= weights[i];
	}
	return n - 1;
}

#define PICK(arr) ((arr)[below(sizeof(arr) / sizeof((arr)[0]))])
#define COUNT(arr) (sizeof(arr) / sizeof((arr)[0]))

static FILE *out;

/* Text with the five XML specials escaped (attribute-safe). */
static void xml_text(const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: putc(*s, out);
		}
	}
}

/* ------------------------------------------------------------------ data */

struct owner_kind {
	const char *name;	/* "tỉnh An Giang" */
	const char *code;	/* id-safe short name */
	const char *agency;	/* decision suffix: UBND, BTC ... */
	int ministry;		/* 1 = ministry, 0 = province */
};

static const struct owner_kind owner_kinds[] = {
	{ "tỉnh An Giang", "angiang", "UBND", 0 },
	{ "Bộ Tài chính", "btc", "BTC", 1 },
	{ "thành phố Hà Nội", "hanoi", "UBND", 0 },
	{ "Bộ Y tế", "byt", "BYT", 1 },
	{ "thành phố Hồ Chí Minh", "hcm", "UBND", 0 },
	{ "Bộ Giáo dục và Đào tạo", "bgddt", "BGDĐT", 1 },
	{ "tỉnh Quảng Ninh", "quangninh", "UBND", 0 },
	{ "Bộ Tư pháp", "btp", "BTP", 1 },
	{ "thành phố Đà Nẵng", "danang", "UBND", 0 },
	{ "Bộ Nông nghiệp và Môi trường", "bnnmt", "BNNMT", 1 },
	{ "tỉnh Nghệ An", "nghean", "UBND", 0 },
	{ "Bộ Xây dựng", "bxd", "BXD", 1 },
	{ "thành phố Cần Thơ", "cantho", "UBND", 0 },
	{ "Bộ Công Thương", "bct", "BCT", 1 },
	{ "tỉnh Thanh Hóa", "thanhhoa", "UBND", 0 },
	{ "Bộ Nội vụ", "bnv", "BNV", 1 },
	{ "tỉnh Đắk Lắk", "daklak", "UBND", 0 },
	{ "Bộ Khoa học và Công nghệ", "bkhcn", "BKHCN", 1 },
	{ "thành phố Hải Phòng", "haiphong", "UBND", 0 },
	{ "tỉnh Lâm Đồng", "lamdong", "UBND", 0 },
	{ "tỉnh Khánh Hòa", "khanhhoa", "UBND", 0 },
	{ "thành phố Huế", "hue", "UBND", 0 },
	{ "tỉnh Gia Lai", "gialai", "UBND", 0 },
	{ "tỉnh Đồng Tháp", "dongthap", "UBND", 0 },
};

static const char *const departments_province[] = {
	"Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tài chính", "Sở Nội vụ",
	"Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương",
	"Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
	"Sở Văn hóa, Thể thao và Du lịch", "Văn phòng UBND",
	"Ban quản lý các khu công nghiệp", "Thanh tra", "UBND phường Bến Thành",
	"UBND xã Tân Hiệp",
};

static const char *const departments_ministry[] = {
	"Văn phòng Bộ", "Cục Công nghệ thông tin", "Vụ Tổ chức cán bộ",
	"Vụ Kế hoạch - Tài chính", "Thanh tra Bộ", "Cục Quản lý chất lượng",
	"Tổng cục Thống kê", "Cục Chuyển đổi số", "Viện Chiến lược",
	"Trung tâm Thông tin",
};

/* System names by type (index = enum type below). */
static const char *const names_internal[] = {
	"Hệ thống quản lý văn bản và điều hành",
	"Hệ thống thư điện tử công vụ",
	"Phần mềm quản lý cán bộ, công chức, viên chức",
	"Hệ thống quản lý tài sản công",
	"Phần mềm kế toán hành chính sự nghiệp",
	"Hệ thống họp trực tuyến",
	"Cơ sở dữ liệu hồ sơ lưu trữ điện tử",
};

static const char *const names_citizen[] = {
	"Hệ thống thông tin giải quyết thủ tục hành chính",
	"Cổng dịch vụ công",
	"Cổng thông tin điện tử",
	"Hệ thống đặt lịch khám bệnh trực tuyến",
	"Hệ thống tuyển sinh đầu cấp trực tuyến",
	"Ứng dụng phản ánh hiện trường",
	"Hệ thống cấp giấy phép kinh doanh có điều kiện",
	"Hệ thống thanh toán trực tuyến phí, lệ phí",
};

static const char *const names_infra[] = {
	"Mạng diện rộng (WAN)", "Mạng nội bộ (LAN)",
	"Trung tâm tích hợp dữ liệu", "Nền tảng tích hợp, chia sẻ dữ liệu",
	"Hạ tầng điện toán đám mây", "Hệ thống xác thực điện tử",
	"Trung tâm giám sát an toàn thông tin (SOC)",
	"Hệ thống chữ ký số chuyên dùng",
};

static const char *const names_ics[] = {
	"Hệ thống SCADA nhà máy nước sạch", "Hệ thống điều khiển trạm bơm",
	"Hệ thống điều khiển đèn tín hiệu giao thông",
	"Hệ thống SCADA trạm biến áp", "Hệ thống điều khiển cửa đập thủy lợi",
};

static const char *const names_other[] = {
	"Kho dữ liệu số hóa lưu trữ lịch sử", "Hệ thống thử nghiệm trí tuệ nhân tạo",
	"Hệ thống camera giám sát an ninh trật tự",
	"Nền tảng bản đồ số dùng chung",
};

static const char *const descriptions[] = {
	"Hệ thống phục vụ công tác chỉ đạo, điều hành và trao đổi văn bản điện tử giữa các cơ quan, đơn vị.",
	"Triển khai theo Kế hoạch chuyển đổi số giai đoạn 2021-2025, kết nối với Cổng dịch vụ công quốc gia.",
	"Đang nâng cấp lên phiên bản mới; dữ liệu được đồng bộ hằng đêm về trung tâm dữ liệu.",
	"Thuê dịch vụ công nghệ thông tin theo hợp đồng 5 năm, nhà cung cấp vận hành & bảo trì.",
	"Cơ sở dữ liệu chuyên ngành, chia sẻ qua nền tảng tích hợp <LGSP> cho các sở, ngành.",
};

static const char *const inspectors[] = {
	"Trung tâm Kiểm định ATTT", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
	"Công ty Cổ phần An ninh mạng Việt Nam", "Trung tâm Giám sát an toàn không gian mạng quốc gia",
	"Đoàn kiểm tra liên ngành",
};

static const char *const evidences[] = {
	"Quy chế ATTT đã ban hành", "Biên bản nghiệm thu", "Nhật ký hệ thống",
	"Báo cáo đánh giá & kiểm thử xâm nhập", "Hợp đồng dịch vụ SOC",
	"Ảnh chụp cấu hình tường lửa",
};

static const char *const waiver_reasons[] = {
	"Không xử lý bí mật nhà nước; hệ thống DLP dùng chung của tỉnh đang đầu tư",
	"Hệ thống sẽ dừng hoạt động trong năm tới, không đầu tư thêm",
	"Biện pháp thay thế đã được phê duyệt: giám sát tập trung tại SOC",
	"Chưa bố trí được kinh phí, đã đưa vào kế hoạch năm sau",
};

static const char *const requirements[] = {
	"M.POL.1", "M.POL.2", "M.POL.3", "M.ORG.1", "M.ORG.2", "M.HR.1",
	"M.HR.2", "M.HR.3", "M.DES.1", "M.DES.2", "M.DES.3", "M.OPS.NET",
	"M.OPS.SRV", "M.OPS.DATA", "M.OPS.ENDPT", "M.OPS.MAL", "M.OPS.MON",
	"M.OPS.VULN", "M.OPS.INC", "M.OPS.USER", "M.RISK", "M.EOL",
	"D.VPN", "D.FW-IPS", "D.AV-BASIC", "D.WAF", "D.MAIL", "D.HA", "D.DBF",
	"D.NET-AV", "D.DDOS", "D.NAC", "D.SYSMON", "D.SIEM", "D.BACKUP",
	"D.AV-CENTRAL", "D.DLP", "D.ISP", "D.WIFI", "D.PAM", "D.GEO",
	"D.LINKS", "T.NET.DEV", "T.NET.EXT", "T.NET.INT", "T.NET.IPS",
	"T.NET.LOG", "T.NET.MAL", "T.SRV.AUTH", "T.SRV.HANDOVER", "T.APP.AUTH",
	"T.APP.CODE", "T.APP.COMMS", "T.APP.NONREP", "T.DATA.BACKUP",
	"T.DATA.CONF", "T.DATA.INTEG",
};

static const char *const approvers[] = {
	"Chủ tịch UBND tỉnh", "Giám đốc Sở KH&CN", "Bộ trưởng", "Thứ trưởng",
	"Chánh Văn phòng",
};

enum type { T_INTERNAL, T_CITIZEN, T_INFRA, T_ICS, T_OTHER, T_COUNT };
static const char *const type_names[T_COUNT] = {
	"internal", "citizen-business", "infrastructure", "industrial-control",
	"other",
};

static const char *const yn3[] = { "yes", "no", "unknown" };

/* yes/no mostly, unknown now and then. */
static const char *yesno(unsigned yes_permille)
{
	if (permille(40))
		return "unknown";
	return permille(yes_permille) ? "yes" : "no";
}

/* ----------------------------------------------------------------- dates */

/* Day number (days since 0000-03-01, proleptic Gregorian) and back. */
static long day_number(unsigned y, unsigned m, unsigned d)
{
	long yy = (long)y - (m <= 2);
	long era = yy / 400, yoe = yy - era * 400;
	long mp = ((long)m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + (long)d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe;
}

static void print_date(long n)
{
	long era = n / 146097, doe = n - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;

	fprintf(out, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

/* A random date in [from, to] (day numbers). */
static void rand_date(long from, long to)
{
	print_date(from + (long)below((unsigned)(to - from + 1)));
}

static long D_ND85_START, D_ND331_START, D_ASOF, D_PAST, D_FUTURE;

/* ------------------------------------------------------------- generator */

static unsigned long n_systems, n_owners;
static unsigned char *depth;	/* composite depth per system (0 = not composite) */

static const struct owner_kind *owner_of(unsigned long o)
{
	return &owner_kinds[o % COUNT(owner_kinds)];
}

/* The id-safe owner prefix: "hanoi" or, past the list, "hanoi2". */
static void owner_code(unsigned long o)
{
	unsigned long round = o / COUNT(owner_kinds);

	fputs(owner_of(o)->code, out);
	if (round)
		fprintf(out, "%lu", round + 1);
}

static void owner_name(unsigned long o)
{
	unsigned long round = o / COUNT(owner_kinds);

	xml_text(owner_of(o)->name);
	if (round)
		fprintf(out, " (khu vực %lu)", round + 1);
}

static void system_id(unsigned long i)
{
	fputs("s", out);
	fprintf(out, "%07lu.", i);
	owner_code(i * n_owners / n_systems);
}

static void organizations(void)
{
	static const char *const operator_names[OPERATORS_PER_OWNER] = {
		"Trung tâm Chuyển đổi số", "Văn phòng", "Trung tâm Công nghệ thông tin",
	};
	unsigned long o;
	int k;

	for (o = 0; o < n_owners; o++) {
		const struct owner_kind *ok = owner_of(o);

		fputs("  <organization id=\"", out);
		owner_code(o);
		fputs("\" role=\"owner\">\n    <name>", out);
		fputs(ok->ministry ? "" : "Ủy ban nhân dân ", out);
		owner_name(o);
		fputs("</name>\n  </organization>\n", out);

		fputs("  <organization id=\"", out);
		owner_code(o);
		fputs("-isec\" role=\"isec-unit\" parent=\"", out);
		owner_code(o);
		fputs("\">\n    <name>", out);
		fputs(ok->ministry ? "Cục Công nghệ thông tin, " : "Sở Khoa học và Công nghệ ", out);
		owner_name(o);
		fputs("</name>\n  </organization>\n", out);

		for (k = 0; k < OPERATORS_PER_OWNER; k++) {
			fputs("  <organization id=\"", out);
			owner_code(o);
			fprintf(out, "-op%d\" role=\"operator\" parent=\"", k + 1);
			owner_code(o);
			fprintf(out, "\">\n    <name>%s ", operator_names[k]);
			owner_name(o);
			fputs("</name>\n  </organization>\n", out);
		}
	}
	fputs("  <organization id=\"ncc-soc\" role=\"provider\">\n"
	      "    <name>Công ty Giám sát An ninh mạng Phương Nam</name>\n"
	      "  </organization>\n", out);
}

static void decision(unsigned long o)
{
	fprintf(out, "%u/QĐ-%s", between(12, 3200), owner_of(o)->agency);
}

static unsigned count_around_thresholds(void)
{
	static const unsigned w[] = { 30, 20, 15, 15, 20 };

	switch (weighted(w, COUNT(w))) {
	case 0: return between(0, 8999);		/* well below 10,000 */
	case 1: return between(9000, 11000);		/* near 10,000 */
	case 2: return between(11001, 89999);
	case 3: return between(90000, 110000);		/* near 100,000 */
	default: return between(110001, 5000000);
	}
}

static void system_types(unsigned *types, unsigned *ntypes)
{
	static const unsigned w[T_COUNT] = { 36, 30, 16, 8, 10 };
	unsigned want = permille(120) ? (permille(200) ? 3 : 2) : 1;

	*ntypes = 0;
	while (*ntypes < want) {
		unsigned t = weighted(w, T_COUNT), k;

		for (k = 0; k < *ntypes; k++)
			if (types[k] == t)
				break;
		if (k == *ntypes)
			types[(*ntypes)++] = t;
	}
}

static int has_type(const unsigned *types, unsigned ntypes, unsigned t)
{
	unsigned k;

	for (k = 0; k < ntypes; k++)
		if (types[k] == t)
			return 1;
	return 0;
}

static const char *system_name(unsigned t)
{
	switch (t) {
	case T_INTERNAL: return PICK(names_internal);
	case T_CITIZEN: return PICK(names_citizen);
	case T_INFRA: return PICK(names_infra);
	case T_ICS: return PICK(names_ics);
	default: return PICK(names_other);
	}
}

static void components(unsigned long i, unsigned long first_of_owner)
{
	unsigned long refs[3], j;
	unsigned nref = 0, want, tries, k, d = 0;
	unsigned long span = i - first_of_owner;
	unsigned pos = (unsigned)(i % 997);

	if (span >= 3 && pos == 994) {
		/* a fixed chain now and then: plain <- 994 <- 995 <- 996 */
		for (j = i - 1; j > first_of_owner && depth[j]; j--)
			;
		if (depth[j])
			return;
		refs[nref++] = j;
	} else if (span >= 3 && pos >= 995 && depth[i - 1] && depth[i - 1] <= 2) {
		refs[nref++] = i - 1;
	} else {
		if (span < 2 || !permille(60))
			return;
		want = between(1, 3);
		for (tries = 0; nref < want && tries < 10; tries++) {
			unsigned long r = i - 1 - below(span < 50 ? (unsigned)span : 50);

			if (depth[r] >= 2)	/* random composites stay at most two deep */
				continue;
			for (k = 0; k < nref; k++)
				if (refs[k] == r)
					break;
			if (k == nref)
				refs[nref++] = r;
		}
		if (!nref)
			return;
	}
	fputs("    <components>\n", out);
	for (k = 0; k < nref; k++) {
		if (depth[refs[k]] + 1u > d)
			d = depth[refs[k]] + 1u;
		fputs("      <component ref=\"", out);
		system_id(refs[k]);
		fputs("\"/>\n", out);
	}
	fputs("    </components>\n", out);
	depth[i] = (unsigned char)d;
}

static void controls(void)
{
	static const char *const status[] = {
		"met", "partial", "not-met", "not-applicable", "planned",
	};
	static const unsigned w[] = { 45, 20, 15, 8, 12 };
	static const unsigned count_w[] = { 30, 16, 13, 11, 9, 7, 6, 5, 3 };
	unsigned char used[COUNT(requirements)];
	unsigned n = weighted(count_w, COUNT(count_w)), k;
	unsigned waivers = permille(50) ? between(1, 2) : 0;

	if (!n && !waivers)
		return;
	memset(used, 0, sizeof(used));
	fputs("    <controls>\n", out);
	for (k = 0; k < n + waivers; k++) {
		unsigned r, s;

		do
			r = below(COUNT(requirements));
		while (used[r]);
		used[r] = 1;
		if (k >= n) {
			fprintf(out, "      <waiver ref=\"%s\" reason=\"", requirements[r]);
			xml_text(PICK(waiver_reasons));
			fputs("\" approved-by=\"", out);
			xml_text(PICK(approvers));
			fputs("\" until=\"", out);
			rand_date(D_ASOF - 200, D_FUTURE);
			fputs("\"/>\n", out);
			continue;
		}
		s = weighted(w, COUNT(w));

		fprintf(out, "      <control ref=\"%s\" status=\"%s\"", requirements[r], status[s]);
		if ((s == 1 || s == 4) && permille(700)) {
			fputs(" due=\"", out);
			rand_date(D_ASOF - 100, D_FUTURE);
			fputs("\"", out);
		}
		if (s == 0 && permille(300)) {
			fputs(" evidence=\"", out);
			xml_text(PICK(evidences));
			fputs("\"", out);
		}
		fputs("/>\n", out);
	}
	fputs("    </controls>\n", out);
}

static void one_system(unsigned long i)
{
	static const char *const statuses[] = {
		"planned", "building", "testing", "operating", "retired",
	};
	static const unsigned status_w[] = { 4, 6, 8, 76, 6 };
	static const char *const secrets[] = {
		"none", "mat", "toi-mat", "tuyet-mat", "unknown",
	};
	static const unsigned secret_w[] = { 900, 50, 20, 5, 25 };
	static const char *const modes[] = { "none", "info", "partial", "full" };
	static const char *const scopes[] = {
		"organization", "sector", "province", "provinces", "ministry",
		"national", "international",
	};
	static const unsigned scope_w[] = { 35, 15, 25, 5, 10, 8, 2 };
	static const char *const grades[] = { "none", "IV", "III", "II", "I", "special" };
	static const char *const harms[] = {
		"none", "harm", "serious", "especially-serious", "unknown",
	};
	static const char *const hostings[] = { "on-premises", "rented-dc", "cloud" };
	static const char *const plans[] = { "full", "partial", "none", "unknown" };
	static const char *const kinds[] = { "periodic", "ad-hoc", "pre-operation" };
	static const unsigned inspection_w[] = { 45, 30, 17, 8 };
	static const char *const methods[] = {
		"số tài khoản công dân đã định danh", "ước tính theo hồ sơ",
		"thống kê từ cơ sở dữ liệu",
	};
	unsigned long o = i * n_owners / n_systems;
	unsigned long first = (o * n_systems + n_owners - 1) / n_owners;
	const struct owner_kind *ok = owner_of(o);
	unsigned types[3], ntypes, k;
	const char *secret, *personal;
	int citizen, infra, internal_shared;

	system_types(types, &ntypes);
	citizen = has_type(types, ntypes, T_CITIZEN);
	infra = has_type(types, ntypes, T_INFRA);
	internal_shared = has_type(types, ntypes, T_INTERNAL) && permille(120);

	fputs("  <system id=\"", out);
	system_id(i);
	fputs("\" owner=\"", out);
	owner_code(o);
	fputs("\"", out);
	if (permille(920)) {
		fputs(" operator=\"", out);
		owner_code(o);
		fprintf(out, "-op%u\"", between(1, OPERATORS_PER_OWNER));
	}
	fprintf(out, " status=\"%s\">\n", statuses[weighted(status_w, COUNT(status_w))]);

	fprintf(out, "    <name>%s ", system_name(types[0]));
	if (permille(250)) {
		fputs("dùng chung ", out);
	} else {
		xml_text(ok->ministry ? PICK(departments_ministry) : PICK(departments_province));
		fputs(" ", out);
	}
	owner_name(o);
	fprintf(out, " số %lu</name>\n", i + 1);
	if (permille(120)) {
		fputs("    <description>", out);
		xml_text(PICK(descriptions));
		fputs("</description>\n", out);
	}
	for (k = 0; k < ntypes; k++)
		fprintf(out, "    <type>%s</type>\n", type_names[types[k]]);

	secret = secrets[weighted(secret_w, COUNT(secret_w))];
	personal = yesno(650);
	fprintf(out, "    <information public=\"%s\" private=\"%s\" personal=\"%s\""
		" secret=\"%s\" defence-security=\"%s\"/>\n",
		yesno(800), yesno(600), personal, secret, permille(960) ? "no" : PICK(yn3));

	if (citizen) {
		unsigned level = below(5);

		fprintf(out, "    <service online=\"%s\"", yesno(900));
		if (permille(750))
			fprintf(out, " public-service-level=\"%u\"", level);
		fprintf(out, " public-service-mode=\"%s\"",
			level <= 1 ? modes[below(2)] : level == 2 ? modes[1 + below(2)] : modes[2 + below(2)]);
		if (permille(900))
			fprintf(out, " admin-procedures=\"%s\"", yesno(500));
		if (permille(850))
			fprintf(out, " conditional-business=\"%s\"", yesno(150));
		if (permille(80)) {
			fputs(" conditional-ref=\"Nghị định ", out);
			fprintf(out, "%u/%u/NĐ-CP\"", between(15, 150), between(2016, 2025));
		}
		fputs("/>\n", out);
	}
	if ((citizen && permille(850)) || (!citizen && strcmp(personal, "yes") == 0 && permille(300))) {
		unsigned users = count_around_thresholds();
		unsigned basic = permille(800) ? users : count_around_thresholds();
		unsigned sensitive = permille(500) ? 0 : (permille(500) ? between(0, 20000) : count_around_thresholds());

		fprintf(out, "    <data-subjects users=\"%u\" basic=\"%u\" sensitive=\"%u\"",
			users, basic, sensitive);
		if (permille(600)) {
			fputs(" as-of=\"", out);
			rand_date(D_ASOF - 365, D_ASOF);
			fputs("\"", out);
		}
		if (permille(300))
			fprintf(out, " method=\"%s\"", PICK(methods));
		fputs("/>\n", out);
	}
	if ((infra && permille(970)) || internal_shared)
		fprintf(out, "    <scope>%s</scope>\n", scopes[weighted(scope_w, COUNT(scope_w))]);
	if (internal_shared)
		fprintf(out, "    <shared-platform agencies=\"%u\"/>\n", between(2, 80));
	if (permille(300))
		fprintf(out, "    <availability always-on=\"%s\"/>\n", yesno(400));
	if (permille(50))
		fprintf(out, "    <national e-government=\"%s\" critical-data=\"%s\""
			" security-list=\"%s\"/>\n", yesno(300), yesno(150), yesno(100));
	if (has_type(types, ntypes, T_ICS))
		fprintf(out, "    <ics work-grade=\"%s\" national-security-work=\"%s\"/>\n",
			PICK(grades), yesno(80));
	if (strcmp(secret, "none") != 0 || permille(30))
		fprintf(out, "    <harm national-security=\"%s\" strategic=\"%s\"/>\n",
			PICK(harms), yesno(150));
	if (has_type(types, ntypes, T_OTHER) ? permille(500) : permille(10)) {
		int pm = permille(300);

		fprintf(out, "    <decided-level level=\"%u\" by=\"%s\"", between(1, 5),
			pm ? "prime-minister" : "risk-assessment");
		if (permille(700)) {
			fputs(" ref=\"", out);
			if (pm)
				fprintf(out, "%u/QĐ-TTg", between(100, 2500));
			else
				decision(o);
			fputs("\"", out);
		}
		fputs("/>\n", out);
	}
	if (permille(920))
		fprintf(out, "    <hosting>%s</hosting>\n", PICK(hostings));
	components(i, first);
	if (permille(700)) {
		int nd331 = permille(200);

		fprintf(out, "    <approval level=\"%u\" rules=\"%s\" decision=\"",
			between(1, 4) + permille(30), nd331 ? "ND331" : "ND85");
		decision(o);
		fputs("\" date=\"", out);
		if (nd331)
			rand_date(D_ND331_START, D_ASOF);
		else
			rand_date(D_ND85_START, D_ND331_START - 1);
		fputs("\"", out);
		if (permille(250)) {
			fputs(" approved-by=\"", out);
			xml_text(PICK(approvers));
			fputs("\"", out);
		}
		fputs("/>\n", out);
	}
	if (permille(450)) {
		fputs("    <regulation decision=\"", out);
		decision(o);
		fputs("\" date=\"", out);
		rand_date(D_ND85_START, D_ASOF);
		fputs("\"/>\n", out);
	}
	if (permille(800))
		fprintf(out, "    <plan status=\"%s\"/>\n", PICK(plans));
	for (k = weighted(inspection_w, COUNT(inspection_w)); k > 0; k--) {
		int indep = permille(600);

		fputs("    <inspection date=\"", out);
		rand_date(D_PAST, D_ASOF);
		fprintf(out, "\" kind=\"%s\" independent=\"%s\"", PICK(kinds), indep ? "yes" : "no");
		if (indep && permille(400)) {
			fputs(" by=\"", out);
			xml_text(PICK(inspectors));
			fputs("\"", out);
		}
		if (permille(500))
			fprintf(out, " findings=\"%u\"", below(25));
		fputs("/>\n", out);
	}
	if (permille(850)) {
		const char *prov = yesno(450);

		fprintf(out, "    <protection on-site=\"%s\" provider=\"%s\""
			" independent-audit=\"%s\" national-monitoring=\"%s\"",
			yesno(850), prov, yesno(350), yesno(600));
		if (strcmp(prov, "yes") == 0 && permille(400))
			fputs(" provider-name=\"Công ty Giám sát An ninh mạng Phương Nam\"", out);
		fputs("/>\n", out);
	}
	controls();
	fputs("  </system>\n", out);
}

int main(int argc, char **argv)
{
	const char *path = argc > 2 ? argv[2] : "-";
	char *end;
	unsigned long i;
	int rc;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: bench-gen N [FILE]\n");
		return 2;
	}
	errno = 0;
	n_systems = strtoul(argv[1], &end, 10);
	if (errno || *end || end == argv[1] || argv[1][0] == '-' || n_systems > MAX_N) {
		fprintf(stderr, "bench-gen: bad system count '%s'\n", argv[1]);
		return 2;
	}
	if (strcmp(path, "-") == 0) {
		out = stdout;
	} else if (!(out = fopen(path, "w"))) {
		fprintf(stderr, "bench-gen: %s: %s\n", path, strerror(errno));
		return 1;
	}
	setvbuf(out, NULL, _IOFBF, 1 << 20);
	n_owners = n_systems ? (n_systems + SYSTEMS_PER_OWNER - 1) / SYSTEMS_PER_OWNER : 1;
	depth = calloc(n_systems ? n_systems : 1, 1);
	if (!depth) {
		fprintf(stderr, "bench-gen: out of memory\n");
		return 1;
	}
	D_ND85_START = day_number(2016, 7, 1);
	D_ND331_START = day_number(2026, 8, 19);
	D_ASOF = day_number(2026, 11, 1);
	D_PAST = day_number(2019, 1, 1);
	D_FUTURE = day_number(2028, 12, 31);

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<!-- bench-gen %lu: generated, deterministic; every name is made up -->\n",
		n_systems);
	fputs("<inventory version=\"1\" as-of=\"", out);
	print_date(D_ASOF);
	fputs("\">\n", out);
	organizations();
	for (i = 0; i < n_systems; i++)
		one_system(i);
	fputs("</inventory>\n", out);

	free(depth);
	rc = fflush(out) != 0 || ferror(out);
	if (out != stdout)
		rc |= fclose(out) != 0;
	if (rc) {
		fprintf(stderr, "bench-gen: %s: write error: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}
