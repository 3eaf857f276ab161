/*
 * Every clause of both shipped rule sets, from the legal text: for each,
 * a system record on which it holds (H), one on which it fails (N) and,
 * where the clause can be unknown at all, one on which it is unknown (U).
 * Each group quotes the article it codes (../shared/legal/nd85-levels.md,
 * nd331-levels.md). A record is "fact=value ..." with the dotted fact names
 * of facts.h; a fact left out is not stated (unknown). The last test checks
 * that no clause of nd85.xml and nd331.xml lacks its cases, so a clause
 * added to a rule set must come with its rows here.
 */
#include <stdlib.h>

#include "classify.h"
#include "criteria.h"
#include "facts.h"
#include "harness.h"

enum { N = TRI_NO, U = TRI_UNKNOWN, H = TRI_YES };

struct row {
	const char *clause; /* clause id */
	int want;           /* H, N or U */
	const char *facts;  /* "fact=value ...", the record */
};

/* Shorthands of the records below. */
#define CB "type=citizen-business "
#define CB_ONLINE CB "service.online=yes "
#define INTERNAL "type=internal "
#define INFRA "type=infrastructure "
#define ICS "type=industrial-control "

static const struct row nd85_rows[] = {
	/* Art. 7: "hệ thống thông tin phục vụ hoạt động nội bộ của cơ quan, tổ
	 * chức và chỉ xử lý thông tin công cộng" */
	{"ND85-7", H, INTERNAL "information.private=no information.personal=no information.secret=none"},
	{"ND85-7", N, INTERNAL "information.private=yes information.personal=no information.secret=none"},
	{"ND85-7", N, CB "information.private=no information.personal=no information.secret=none"},
	{"ND85-7", U, INTERNAL "information.private=no information.secret=none"},

	/* Art. 8.1: "phục vụ hoạt động nội bộ ... có xử lý thông tin riêng,
	 * thông tin cá nhân của người sử dụng nhưng không xử lý thông tin bí
	 * mật nhà nước" */
	{"ND85-8.1", H, INTERNAL "information.private=yes information.secret=none"},
	{"ND85-8.1", N, INTERNAL "information.private=yes information.secret=mat"},
	{"ND85-8.1", U, INTERNAL "information.personal=yes"},

	/* Art. 8.2a: "cung cấp thông tin và dịch vụ công trực tuyến từ mức độ 2
	 * trở xuống" (the mode of Decree 42/2022 read as levels: a reading) */
	{"ND85-8.2a", H, CB "service.public-service-mode=info"},
	{"ND85-8.2a", H, CB "service.public-service-level=2"},
	{"ND85-8.2a", N, CB "service.public-service-mode=partial service.public-service-level=2"},
	{"ND85-8.2a", N, CB "service.public-service-level=3"},
	{"ND85-8.2a", U, CB "service.online=yes"},

	/* Art. 8.2b: "cung cấp dịch vụ trực tuyến không thuộc danh mục dịch vụ
	 * kinh doanh có điều kiện" */
	{"ND85-8.2b", H, CB_ONLINE "service.conditional-business=no"},
	{"ND85-8.2b", N, CB_ONLINE "service.conditional-business=yes"},
	{"ND85-8.2b", U, CB_ONLINE},

	/* Art. 8.2c: "dịch vụ trực tuyến khác có xử lý thông tin riêng, thông
	 * tin cá nhân của dưới 10.000 người sử dụng" */
	{"ND85-8.2c", H, CB_ONLINE "information.personal=yes data-subjects.users=9999"},
	{"ND85-8.2c", N, CB_ONLINE "information.personal=yes data-subjects.users=10000"},
	{"ND85-8.2c", U, CB_ONLINE "information.private=yes"},

	/* Art. 8.3: "hệ thống cơ sở hạ tầng thông tin phục vụ hoạt động của một
	 * cơ quan, tổ chức" (a platform shared by agencies: a reading) */
	{"ND85-8.3", H, INFRA "scope=organization"},
	{"ND85-8.3", H, INTERNAL "shared-platform.agencies=3 scope=organization"},
	{"ND85-8.3", N, INFRA "scope=province"},
	{"ND85-8.3", N, INTERNAL "scope=organization"},
	{"ND85-8.3", U, INFRA},

	/* Art. 9.1: "xử lý thông tin bí mật nhà nước hoặc hệ thống phục vụ
	 * quốc phòng, an ninh khi bị phá hoại sẽ làm tổn hại tới quốc phòng, an
	 * ninh quốc gia": the harm decides, not the secret class */
	{"ND85-9.1", H, "information.secret=mat harm.national-security=harm"},
	{"ND85-9.1", H, "information.secret=none information.defence-security=yes harm.national-security=harm"},
	{"ND85-9.1", N, "information.secret=tuyet-mat harm.national-security=none"},
	{"ND85-9.1", N, "information.secret=none information.defence-security=no harm.national-security=harm"},
	{"ND85-9.1", U, "information.secret=tuyet-mat"},

	/* Art. 9.2a: "cung cấp thông tin và dịch vụ công trực tuyến từ mức độ 3
	 * trở lên" */
	{"ND85-9.2a", H, CB "service.public-service-mode=full"},
	{"ND85-9.2a", H, CB "service.public-service-level=4"},
	{"ND85-9.2a", N, CB "service.public-service-mode=info service.public-service-level=4"},
	{"ND85-9.2a", N, CB "service.public-service-level=2"},
	{"ND85-9.2a", U, CB},

	/* Art. 9.2b: "cung cấp dịch vụ trực tuyến thuộc danh mục dịch vụ kinh
	 * doanh có điều kiện" */
	{"ND85-9.2b", H, CB_ONLINE "service.conditional-business=yes"},
	{"ND85-9.2b", N, CB "service.online=no service.conditional-business=yes"},
	{"ND85-9.2b", U, CB_ONLINE},

	/* Art. 9.2c: "dịch vụ trực tuyến khác có xử lý thông tin riêng, thông
	 * tin cá nhân của từ 10.000 người sử dụng trở lên" */
	{"ND85-9.2c", H, CB_ONLINE "information.private=yes data-subjects.users=10000"},
	{"ND85-9.2c", N, CB_ONLINE "information.private=yes data-subjects.users=9999"},
	{"ND85-9.2c", U, CB_ONLINE "information.personal=yes"},

	/* Art. 9.3: "cơ sở hạ tầng thông tin dùng chung phục vụ hoạt động của
	 * các cơ quan, tổ chức trong phạm vi một ngành, một tỉnh hoặc một số
	 * tỉnh" (a ministry as a sector, national without 24/7: readings) */
	{"ND85-9.3", H, INFRA "scope=province"},
	{"ND85-9.3", H, INFRA "scope=ministry"},
	{"ND85-9.3", H, INFRA "scope=national availability.always-on=no"},
	{"ND85-9.3", N, INFRA "scope=national availability.always-on=yes"},
	{"ND85-9.3", N, INFRA "scope=organization"},
	{"ND85-9.3", U, INFRA "scope=national"},

	/* Art. 9.4: "điều khiển công nghiệp ... công trình xây dựng cấp II, cấp
	 * III hoặc cấp IV" */
	{"ND85-9.4", H, ICS "ics.work-grade=II"},
	{"ND85-9.4", N, ICS "ics.work-grade=I"},
	{"ND85-9.4", U, ICS},

	/* Art. 10.1: "... khi bị phá hoại sẽ làm tổn hại nghiêm trọng quốc
	 * phòng, an ninh quốc gia" */
	{"ND85-10.1", H, "information.secret=toi-mat harm.national-security=serious"},
	{"ND85-10.1", N, "information.secret=tuyet-mat harm.national-security=harm"},
	{"ND85-10.1", N, "information.secret=none information.defence-security=no harm.national-security=serious"},
	{"ND85-10.1", U, "information.secret=none information.defence-security=yes"},

	/* Art. 10.2: "hệ thống thông tin quốc gia phục vụ phát triển Chính phủ
	 * điện tử, yêu cầu vận hành 24/7 và không chấp nhận ngừng vận hành mà
	 * không có kế hoạch trước" */
	{"ND85-10.2", H, "national.e-government=yes availability.always-on=yes"},
	{"ND85-10.2", N, "national.e-government=yes availability.always-on=no"},
	{"ND85-10.2", N, "availability.always-on=yes"},
	{"ND85-10.2", U, "national.e-government=yes"},

	/* Art. 10.3: "cơ sở hạ tầng thông tin dùng chung ... trên phạm vi toàn
	 * quốc, yêu cầu vận hành 24/7 ..." */
	{"ND85-10.3", H, INFRA "scope=national availability.always-on=yes"},
	{"ND85-10.3", N, INFRA "scope=province availability.always-on=yes"},
	{"ND85-10.3", U, INFRA "scope=national"},

	/* Art. 10.4: "điều khiển công nghiệp ... công trình xây dựng cấp I" */
	{"ND85-10.4", H, ICS "ics.work-grade=I"},
	{"ND85-10.4", N, ICS "ics.work-grade=special"},
	{"ND85-10.4", U, ICS},

	/* Art. 11.1: "... khi bị phá hoại sẽ làm tổn hại đặc biệt nghiêm trọng
	 * tới quốc phòng, an ninh quốc gia" (no "strategic" test in Decree 85) */
	{"ND85-11.1", H, "information.secret=mat harm.national-security=especially-serious"},
	{"ND85-11.1", H, "information.defence-security=yes harm.national-security=especially-serious harm.strategic=no"},
	{"ND85-11.1", N, "information.secret=tuyet-mat harm.national-security=serious"},
	{"ND85-11.1", U, "information.secret=tuyet-mat"},

	/* Art. 11.2: "lưu trữ dữ liệu tập trung đối với một số loại hình thông
	 * tin, dữ liệu đặc biệt quan trọng của quốc gia" (asked only when
	 * stated: never unknown) */
	{"ND85-11.2", H, "national.critical-data=yes"},
	{"ND85-11.2", N, "national.critical-data=no"},
	{"ND85-11.2", N, INTERNAL},

	/* Art. 11.3: "cơ sở hạ tầng thông tin quốc gia phục vụ kết nối liên
	 * thông hoạt động của Việt Nam với quốc tế" */
	{"ND85-11.3", H, INFRA "scope=international"},
	{"ND85-11.3", N, INFRA "scope=national"},
	{"ND85-11.3", U, "scope=international"},

	/* Art. 11.4: "... công trình xây dựng cấp đặc biệt ... hoặc công trình
	 * quan trọng liên quan đến an ninh quốc gia" */
	{"ND85-11.4", H, ICS "ics.work-grade=special"},
	{"ND85-11.4", H, ICS "ics.work-grade=II ics.national-security-work=yes"},
	{"ND85-11.4", N, ICS "ics.work-grade=I ics.national-security-work=no"},
	{"ND85-11.4", U, ICS "ics.work-grade=I"},

	/* Art. 11.5: "hệ thống thông tin khác theo quyết định của Thủ tướng
	 * Chính phủ" (level 5 only: no such clause below 5, no risk clause) */
	{"ND85-11.5", H, "decided-level.by=prime-minister decided-level.level=5"},
	{"ND85-11.5", N, "decided-level.by=prime-minister decided-level.level=4"},
	{"ND85-11.5", N, "decided-level.by=risk-assessment decided-level.level=5"},
	{"ND85-11.5", U, "decided-level.by=prime-minister"},
};

static const struct row nd331_rows[] = {
	/* Art. 10.5: "trường hợp kết quả đánh giá rủi ro an ninh mạng cho thấy
	 * mức độ rủi ro cao hơn so với cấp độ đã được xác định, chủ quản ... phải
	 * đề xuất áp dụng cấp độ cao hơn" (asked only when a decision is stated:
	 * never unknown) */
	{"ND331-10.5", H, "decided-level.by=risk-assessment decided-level.level=4"},
	{"ND331-10.5", N, "decided-level.by=prime-minister decided-level.level=4"},
	{"ND331-10.5", N, INTERNAL},

	/* Art. 11.1: "hệ thống phục vụ hoạt động nội bộ của cơ quan, tổ chức và
	 * chỉ xử lý thông tin công cộng" */
	{"ND331-11.1", H, INTERNAL "information.private=no information.personal=no information.secret=none"},
	{"ND331-11.1", N, INTERNAL "information.private=no information.personal=yes information.secret=none"},
	{"ND331-11.1", U, INTERNAL "information.private=no information.personal=no"},

	/* Art. 11.2: "hệ thống thông tin được đánh giá rủi ro an ninh mạng theo
	 * Khung quản lý rủi ro an ninh mạng" (at level 1; no Prime Minister) */
	{"ND331-11.2", H, "decided-level.by=risk-assessment decided-level.level=1"},
	{"ND331-11.2", N, "decided-level.by=prime-minister decided-level.level=1"},
	{"ND331-11.2", N, "decided-level.by=risk-assessment decided-level.level=2"},
	{"ND331-11.2", U, "decided-level.by=risk-assessment"},

	/* Art. 12.1: "phục vụ hoạt động nội bộ ... có xử lý thông tin riêng,
	 * thông tin cá nhân của người sử dụng nhưng không xử lý thông tin bí mật
	 * nhà nước" */
	{"ND331-12.1", H, INTERNAL "information.personal=yes information.secret=none"},
	{"ND331-12.1", N, INTERNAL "information.personal=yes information.secret=toi-mat"},
	{"ND331-12.1", U, INTERNAL "information.private=no information.secret=none"},

	/* Art. 12.2a: "cung cấp dịch vụ trực tuyến không thuộc danh mục ngành,
	 * nghề đầu tư kinh doanh có điều kiện" */
	{"ND331-12.2a", H, CB_ONLINE "service.conditional-business=no"},
	{"ND331-12.2a", N, CB_ONLINE "service.conditional-business=yes"},
	{"ND331-12.2a", U, CB "service.conditional-business=no"},

	/* Art. 12.2b: "... thông tin cá nhân của dưới 100.000 chủ thể dữ liệu
	 * đối với dữ liệu cá nhân cơ bản hoặc dưới 10.000 chủ thể dữ liệu đối
	 * với dữ liệu cá nhân nhạy cảm" (either one) */
	{"ND331-12.2b", H, CB_ONLINE "information.personal=yes data-subjects.basic=99999 data-subjects.sensitive=20000"},
	{"ND331-12.2b", H, CB_ONLINE "information.personal=yes data-subjects.basic=200000 data-subjects.sensitive=9999"},
	{"ND331-12.2b", N, CB_ONLINE "information.personal=yes data-subjects.basic=100000 data-subjects.sensitive=10000"},
	{"ND331-12.2b", U, CB_ONLINE "information.personal=yes data-subjects.basic=100000"},

	/* Art. 12.3: "cơ sở hạ tầng thông tin phục vụ hoạt động của một cơ
	 * quan, tổ chức" */
	{"ND331-12.3", H, INFRA "scope=organization"},
	{"ND331-12.3", N, INFRA "scope=sector"},
	{"ND331-12.3", U, "scope=organization"},

	/* Art. 12.4: "hệ thống thông tin khác do Thủ tướng Chính phủ quyết định
	 * hoặc được đánh giá rủi ro an ninh mạng ..." (either, at level 2) */
	{"ND331-12.4", H, "decided-level.by=prime-minister decided-level.level=2"},
	{"ND331-12.4", H, "decided-level.by=risk-assessment decided-level.level=2"},
	{"ND331-12.4", N, "decided-level.by=risk-assessment decided-level.level=3"},
	{"ND331-12.4", U, "decided-level.by=risk-assessment"},

	/* Art. 13.1: "hệ thống xử lý thông tin bí mật nhà nước hoặc hệ thống
	 * phục vụ quốc phòng, an ninh khi bị phá hoại sẽ làm tổn hại tới an ninh
	 * quốc gia": only such systems (a portal's stated harm decides nothing) */
	{"ND331-13.1", H, "information.secret=mat harm.national-security=harm"},
	{"ND331-13.1", N, CB_ONLINE "information.secret=none information.defence-security=no harm.national-security=harm"},
	{"ND331-13.1", N, "information.secret=mat harm.national-security=none"},
	{"ND331-13.1", U, "information.defence-security=yes"},

	/* Art. 13.2a: "cung cấp dịch vụ trực tuyến thuộc danh mục ngành, nghề
	 * đầu tư kinh doanh có điều kiện" */
	{"ND331-13.2a", H, CB_ONLINE "service.conditional-business=yes"},
	{"ND331-13.2a", N, CB_ONLINE "service.conditional-business=no"},
	{"ND331-13.2a", U, CB "service.conditional-business=yes"},

	/* Art. 13.2b: "hệ thống thông tin giải quyết thủ tục hành chính" */
	{"ND331-13.2b", H, CB "service.admin-procedures=yes"},
	{"ND331-13.2b", N, CB "service.admin-procedures=no"},
	{"ND331-13.2b", U, CB},

	/* Art. 13.2c: "... từ 100.000 chủ thể dữ liệu đối với dữ liệu cá nhân cơ
	 * bản trở lên hoặc từ 10.000 chủ thể dữ liệu đối với dữ liệu cá nhân
	 * nhạy cảm trở lên" */
	{"ND331-13.2c", H, CB_ONLINE "information.personal=yes data-subjects.basic=100000 data-subjects.sensitive=0"},
	{"ND331-13.2c", H, CB_ONLINE "information.personal=yes data-subjects.basic=10 data-subjects.sensitive=10000"},
	{"ND331-13.2c", N, CB_ONLINE "information.personal=yes data-subjects.basic=99999 data-subjects.sensitive=9999"},
	{"ND331-13.2c", U, CB_ONLINE "information.personal=yes data-subjects.basic=99999"},

	/* Art. 13.3: "cơ sở hạ tầng thông tin phục vụ hoạt động của các cơ quan,
	 * tổ chức trong phạm vi một bộ, một ngành, một tỉnh hoặc một số tỉnh"
	 * (national without 24/7: a reading) */
	{"ND331-13.3", H, INFRA "scope=ministry"},
	{"ND331-13.3", H, INTERNAL "shared-platform.agencies=2 scope=provinces"},
	{"ND331-13.3", H, INFRA "scope=national availability.always-on=no"},
	{"ND331-13.3", N, INFRA "scope=organization"},
	{"ND331-13.3", U, INFRA "scope=national"},

	/* Art. 13.4: "điều khiển công nghiệp ... công trình xây dựng cấp II, cấp
	 * III hoặc cấp IV" */
	{"ND331-13.4", H, ICS "ics.work-grade=IV"},
	{"ND331-13.4", N, ICS "ics.work-grade=none"},
	{"ND331-13.4", U, "ics.work-grade=III"},

	/* Art. 13.5: "hệ thống thông tin khác do Thủ tướng Chính phủ quyết định
	 * hoặc được đánh giá rủi ro ..." (level 3) */
	{"ND331-13.5", H, "decided-level.by=prime-minister decided-level.level=3"},
	{"ND331-13.5", N, "decided-level.by=prime-minister decided-level.level=4"},
	{"ND331-13.5", U, "decided-level.by=prime-minister"},

	/* Art. 14.1: "... khi bị phá hoại sẽ làm tổn hại nghiêm trọng tới an
	 * ninh quốc gia" (especially serious without "strategic": a reading) */
	{"ND331-14.1", H, "information.secret=toi-mat harm.national-security=serious"},
	{"ND331-14.1", H, "information.defence-security=yes harm.national-security=especially-serious harm.strategic=no"},
	{"ND331-14.1", N, CB_ONLINE "information.secret=none information.defence-security=no harm.national-security=serious"},
	{"ND331-14.1", N, "information.secret=toi-mat harm.national-security=harm"},
	{"ND331-14.1", U, "information.secret=toi-mat"},

	/* Art. 14.2: "hệ thống thông tin quốc gia phục vụ phát triển Chính phủ
	 * điện tử hoặc hệ thống cơ sở hạ tầng thông tin ... trên phạm vi toàn
	 * quốc, yêu cầu vận hành 24/7 ..." */
	{"ND331-14.2", H, "national.e-government=yes availability.always-on=yes"},
	{"ND331-14.2", H, INFRA "scope=national availability.always-on=yes"},
	{"ND331-14.2", N, INFRA "scope=national availability.always-on=no"},
	{"ND331-14.2", U, INFRA "scope=national"},

	/* Art. 14.3: "điều khiển công nghiệp ... công trình xây dựng cấp I" */
	{"ND331-14.3", H, ICS "ics.work-grade=I"},
	{"ND331-14.3", N, ICS "ics.work-grade=II"},
	{"ND331-14.3", U, ICS},

	/* Art. 14.4: "hệ thống thông tin khác do Thủ tướng Chính phủ quyết định
	 * hoặc được đánh giá rủi ro ..." (level 4) */
	{"ND331-14.4", H, "decided-level.by=risk-assessment decided-level.level=4"},
	{"ND331-14.4", N, "decided-level.by=risk-assessment decided-level.level=5"},
	{"ND331-14.4", U, "decided-level.by=risk-assessment"},

	/* Art. 15.1: "... phục vụ quốc phòng, an ninh, mang tính chiến lược khi
	 * bị phá hoại sẽ làm tổn hại đặc biệt nghiêm trọng tới an ninh quốc
	 * gia" */
	{"ND331-15.1", H, "information.secret=tuyet-mat harm.national-security=especially-serious harm.strategic=yes"},
	{"ND331-15.1", N, "information.secret=tuyet-mat harm.national-security=especially-serious harm.strategic=no"},
	{"ND331-15.1", N, "information.secret=none information.defence-security=no harm.national-security=especially-serious harm.strategic=yes"},
	{"ND331-15.1", U, "information.secret=tuyet-mat harm.national-security=especially-serious"},

	/* Art. 15.2: "lưu trữ dữ liệu tập trung đối với một số loại hình thông
	 * tin, dữ liệu đặc biệt quan trọng của quốc gia" (never unknown) */
	{"ND331-15.2", H, "national.critical-data=yes"},
	{"ND331-15.2", N, "national.critical-data=no"},
	{"ND331-15.2", N, INFRA},

	/* Art. 15.3: "cơ sở hạ tầng thông tin quốc gia phục vụ kết nối liên
	 * thông hoạt động của Việt Nam với quốc tế" */
	{"ND331-15.3", H, INFRA "scope=international"},
	{"ND331-15.3", N, INFRA "scope=province"},
	{"ND331-15.3", U, INFRA},

	/* Art. 15.4: "... công trình xây dựng cấp đặc biệt ... hoặc công trình
	 * quan trọng liên quan đến an ninh quốc gia" */
	{"ND331-15.4", H, ICS "ics.work-grade=I ics.national-security-work=yes"},
	{"ND331-15.4", N, ICS "ics.work-grade=I ics.national-security-work=no"},
	{"ND331-15.4", U, ICS "ics.national-security-work=no"},

	/* Art. 15.5: "hệ thống thông tin khác do Thủ tướng Chính phủ quyết định
	 * hoặc được đánh giá rủi ro ..." (level 5) */
	{"ND331-15.5", H, "decided-level.by=risk-assessment decided-level.level=5"},
	{"ND331-15.5", N, "decided-level.by=prime-minister decided-level.level=2"},
	{"ND331-15.5", U, "decided-level.by=prime-minister"},
};

/* Clauses that can never be unknown: they are asked only when their fact
 * is stated (<known> in the rule set). */
static const char *const never_unknown[] = {"ND85-11.2", "ND331-10.5", "ND331-15.2"};

static const char *const tri_name[] = {"fails", "unknown", "holds"};

/* Fill rec from "fact=value ..."; 0, or -1 (reported) on a bad fact. */
static int record_from(struct system_record *rec, const char *facts)
{
	char buf[512];
	system_record_init(rec);
	if (strlen(facts) >= sizeof(buf)) {
		harness_fail(__FILE__, __LINE__, "record too long: %s", facts);
		return -1;
	}
	strcpy(buf, facts);
	for (char *save = NULL, *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(w, '=');
		int id;
		if (!eq || (*eq = '\0', (id = fact_lookup(w)) < 0)) {
			harness_fail(__FILE__, __LINE__, "'%s' in \"%s\" is not fact=value", w, facts);
			return -1;
		}
		system_record_set(rec, (enum fact_id)id, eq + 1);
	}
	return 0;
}

static void check_rows(const char *file, const struct row *rows, size_t n)
{
	struct ruleset *rs = NULL;
	CHECK_INT(criteria_load(file, &rs), 0);
	if (!rs)
		return;
	for (size_t i = 0; i < n; i++) {
		struct system_record rec;
		int c = ruleset_clause_index(rs, rows[i].clause);
		if (c < 0) {
			harness_fail(__FILE__, __LINE__, "%s: no clause %s", file, rows[i].clause);
			continue;
		}
		if (record_from(&rec, rows[i].facts) == 0) {
			int got = (int)classify_condition(&rs->clauses[c].cond, &rec);
			if (got != rows[i].want)
				harness_fail(__FILE__, __LINE__, "%s %s on \"%s\", want it %s", rows[i].clause,
				             tri_name[got], rows[i].facts, tri_name[rows[i].want]);
		}
		system_record_release(&rec);
	}
	/* every clause has its cases */
	for (size_t c = 0; c < rs->nr_clauses; c++) {
		int seen[3] = {0, 0, 0};
		for (size_t i = 0; i < n; i++)
			if (!strcmp(rows[i].clause, rs->clauses[c].id))
				seen[rows[i].want] = 1;
		for (size_t k = 0; k < sizeof(never_unknown) / sizeof(*never_unknown); k++)
			if (!strcmp(never_unknown[k], rs->clauses[c].id))
				seen[U] = 1;
		if (!seen[H] || !seen[N] || !seen[U])
			harness_fail(__FILE__, __LINE__, "%s: clause %s has no case where it %s", file,
			             rs->clauses[c].id, tri_name[!seen[H] ? H : !seen[N] ? N : U]);
	}
	ruleset_free(rs);
}

TEST(clauses_nd85_each_side_of_every_clause)
{
	check_rows("../../criteria/nd85.xml", nd85_rows, sizeof(nd85_rows) / sizeof(*nd85_rows));
}

TEST(clauses_nd331_each_side_of_every_clause)
{
	check_rows("../../criteria/nd331.xml", nd331_rows, sizeof(nd331_rows) / sizeof(*nd331_rows));
}
