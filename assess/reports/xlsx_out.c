/*
 * xlsx_out.c - the inventory workbook written with libxlsxwriter
 * (xlsx_out.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "diag.h"
#include "facts.h"
#include "tmpfiles.h"
#include "util.h"
#include "xlsx_out.h"

#define LAST_ROW 1048575

static const char *const instructions[2][12] = {
	{
		"Danh mục hệ thống thông tin - mẫu kê khai (assess, định dạng danh mục phiên bản 1)",
		"1. Mỗi trang tính là một loại bản ghi: Cơ quan, Hệ thống (một dòng một hệ thống), "
		"Thành phần, Kiểm tra, Biện pháp, Miễn áp dụng, Chu kỳ kiểm tra; trang Danh mục ghi "
		"ngày số liệu.",
		"2. Dòng đầu là tiêu đề: không đổi tên, không xóa cột bắt buộc. Di chuột lên tiêu đề "
		"để xem ý nghĩa pháp lý của cột.",
		"3. Các ô có danh sách thả xuống: chọn một giá trị (tiếng Việt hoặc tiếng Anh, hoặc mã "
		"đều được). Loại hệ thống có thể ghi nhiều giá trị, cách nhau bởi dấu ;.",
		"4. Ngày: ô kiểu ngày, hoặc YYYY-MM-DD, hoặc DD/MM/YYYY. Số: chỉ chữ số, không dấu "
		"phân cách hàng nghìn (12400).",
		"5. Dòng in nghiêng là ví dụ: sửa lại hoặc xóa đi.",
		"6. Các trang Thành phần, Kiểm tra, Biện pháp, Miễn áp dụng bắt đầu bằng mã hệ thống; "
		"trang Chu kỳ kiểm tra bắt đầu bằng mã cơ quan chủ quản.",
		"7. Kiểm tra: assess validate kiem-ke.xlsx; đánh giá và lập báo cáo: "
		"assess review kiem-ke.xlsx. Mọi lỗi được liệt kê cùng lúc, kèm ô (Hệ thống!F12).",
		NULL,
	},
	{
		"Inventory of information systems - workbook template (assess, inventory format "
		"version 1)",
		"1. One sheet per kind of record: Organisations, Systems (one row per system), "
		"Components, Inspections, Controls, Waivers, Inspection cadences; the Inventory sheet "
		"holds the date the facts describe.",
		"2. The first row holds the headers: do not rename them or delete a required column. "
		"Hover over a header for the column's legal meaning.",
		"3. Cells with a drop-down take one value of the list (Vietnamese, English or the code). "
		"The system type may hold several, separated by ;.",
		"4. Dates: a date cell, YYYY-MM-DD or DD/MM/YYYY. Numbers: digits only, no thousands "
		"separators (12400).",
		"5. Rows in italics are the worked example: change or delete them.",
		"6. The Components, Inspections, Controls and Waivers sheets start with the system's "
		"id; Inspection cadences start with the owner's id.",
		"7. Check: assess validate kiem-ke.xlsx; assess and report: assess review "
		"kiem-ke.xlsx. Every problem is listed at once, with its cell (Systems!F12).",
		NULL,
	},
};

struct out {
	lxw_workbook *wb;
	lxw_format *header, *date, *text, *example, *example_date, *title;
	enum vocab_lang lang;
	int list_col[VL__COUNT]; /* column of each list on the Lists sheet */
	size_t list_len[VL__COUNT];
};

/* Where each list stands on the Lists sheet. */
static void place_lists(struct out *o)
{
	for (int l = 1; l < VL__COUNT; l++) {
		const struct vocab_list_def *ld = vocab_list(l);
		size_t n = 0;
		for (size_t i = 0; i < ld->nr_values; i++)
			n += ld->values[i].kind != VV_ALIAS;
		o->list_col[l] = l - 1;
		o->list_len[l] = n;
	}
}

/* The hidden sheet with the labels of every list, one column each. */
static void write_lists(struct out *o)
{
	lxw_worksheet *ws = workbook_add_worksheet(o->wb, sheet_lists_name());
	int col = 0;
	for (int l = 1; l < VL__COUNT; l++) {
		const struct vocab_list_def *ld = vocab_list(l);
		size_t row = 1;
		worksheet_write_string(ws, 0, (lxw_col_t)col, ld->name, NULL);
		for (size_t i = 0; i < ld->nr_values; i++) {
			const struct vocab_value *v = &ld->values[i];
			if (v->kind == VV_ALIAS)
				continue;
			worksheet_write_string(ws, (lxw_row_t)row++, (lxw_col_t)col,
			                       o->lang == VOCAB_EN ? v->label_en : v->label_vi, NULL);
		}
		col++;
	}
	worksheet_hide(ws);
}

static void validate_column(struct out *o, lxw_worksheet *ws, lxw_col_t col,
                            const struct vocab_field *f)
{
	lxw_data_validation dv;
	memset(&dv, 0, sizeof(dv));
	char formula[64], colname[16];
	enum vocab_list l = f->kind == VK_PRESENT ? VL_TRI : f->list;
	switch (f->kind) {
	case VK_LEVEL:
	case VK_TRI:
	case VK_ENUM:
	case VK_PRESENT:
	case VK_SET:
		lxw_col_to_name(colname, (lxw_col_t)o->list_col[l], 0);
		snprintf(formula, sizeof(formula), "=%s!$%s$2:$%s$%zu", sheet_lists_name(), colname,
		         colname, o->list_len[l] + 1);
		dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
		dv.value_formula = formula;
		/* a set takes several values: warn, do not refuse */
		dv.error_type = f->kind == VK_SET ? LXW_VALIDATION_ERROR_TYPE_WARNING
		                                  : LXW_VALIDATION_ERROR_TYPE_STOP;
		break;
	case VK_DATE:
		dv.validate = LXW_VALIDATION_TYPE_DATE;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_datetime = (lxw_datetime){1900, 1, 1, 0, 0, 0};
		dv.maximum_datetime = (lxw_datetime){9999, 12, 31, 0, 0, 0};
		dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
		break;
	case VK_COUNT:
		dv.validate = LXW_VALIDATION_TYPE_INTEGER;
		dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		dv.value_number = 0;
		dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
		break;
	default:
		return;
	}
	worksheet_data_validation_range(ws, 1, col, LAST_ROW, col, &dv);
}

static void header_cell(struct out *o, lxw_worksheet *ws, lxw_col_t col,
                        const struct vocab_field *f)
{
	const char *label = vocab_field_label(f, o->lang);
	worksheet_write_string(ws, 0, col, label, o->header);
	struct strbuf note;
	strbuf_init(&note);
	strbuf_addstr(&note, vocab_field_note(f, o->lang));
	lxw_comment_options opt;
	memset(&opt, 0, sizeof(opt));
	static char author[] = "assess";
	opt.author = author;
	opt.width = 360;
	opt.height = 140;
	worksheet_write_comment_opt(ws, 0, col, note.buf, &opt);
	strbuf_release(&note);
	double width = f->kind == VK_TEXT || f->kind == VK_LABEL ? 32 : 20;
	if (f->kind == VK_DATE)
		width = 13;
	if (f->kind == VK_COUNT || f->kind == VK_LEVEL)
		width = 14;
	worksheet_set_column(ws, col, col, width, f->kind == VK_DATE ? o->date : NULL);
	validate_column(o, ws, col, f);
}

static int parse_date(const char *s, lxw_datetime *dt)
{
	int y, m, d;
	if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	*dt = (lxw_datetime){y, (uint8_t)m, (uint8_t)d, 0, 0, 0};
	return 0;
}

static void value_cell(struct out *o, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const struct vocab_field *f, const char *v, int example)
{
	lxw_format *fmt = example ? o->example : NULL;
	if (!v)
		return;
	switch (f->kind) {
	case VK_DATE: {
		lxw_datetime dt;
		if (!parse_date(v, &dt)) {
			worksheet_write_datetime(ws, row, col, &dt, example ? o->example_date : o->date);
			return;
		}
		break;
	}
	case VK_COUNT:
		if (strlen(v) <= 15) {
			worksheet_write_number(ws, row, col, strtod(v, NULL), fmt);
			return;
		}
		break;
	case VK_LEVEL:
	case VK_TRI:
	case VK_ENUM:
		worksheet_write_string(ws, row, col, sheet_value_label(f->list, v, o->lang), fmt);
		return;
	case VK_PRESENT:
		worksheet_write_string(ws, row, col, sheet_value_label(VL_TRI, v, o->lang), fmt);
		return;
	case VK_SET: {
		struct strbuf sb;
		strbuf_init(&sb);
		char *copy = xstrdup(v), *save = NULL;
		for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
			strbuf_addf(&sb, "%s%s", sb.len ? "; " : "", sheet_value_label(f->list, w, o->lang));
		worksheet_write_string(ws, row, col, sb.buf, fmt);
		free(copy);
		strbuf_release(&sb);
		return;
	}
	default:
		break;
	}
	worksheet_write_string(ws, row, col, v, fmt ? fmt : o->text);
}

static void write_record(struct out *o, const struct sheet_book *b, enum vocab_record r,
                         int example)
{
	const struct vocab_record_def *d = vocab_record(r);
	const struct vocab_field *key = sheet_key_field(r);
	lxw_worksheet *ws = workbook_add_worksheet(o->wb, sheet_name(r, o->lang));
	lxw_col_t col = 0;
	if (key)
		header_cell(o, ws, col++, key);
	lxw_col_t first = col;
	for (size_t f = 0; f < d->nr_fields; f++)
		header_cell(o, ws, col++, &d->fields[f]);
	worksheet_set_row(ws, 0, 45, NULL);
	worksheet_freeze_panes(ws, 1, key ? 1 : 0);
	if (r == VR_SYSTEM || r == VR_ORGANIZATION)
		worksheet_freeze_panes(ws, 1, 1);
	const struct sheet_table *t = &b->t[r];
	for (size_t i = 0; i < t->nr; i++) {
		const struct sheet_rec *rec = &t->rows[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		if (key)
			value_cell(o, ws, row, 0, key, rec->key, example);
		for (size_t f = 0; f < d->nr_fields; f++)
			value_cell(o, ws, row, (lxw_col_t)(first + f), &d->fields[f], rec->v[f], example);
	}
}

int xlsx_write_book(const char *path, const struct sheet_book *b, enum vocab_lang lang,
                    int example)
{
	const char *tmpdir = getenv("TMPDIR");
	struct strbuf name;
	strbuf_init(&name);
	strbuf_addf(&name, "%s/assess-xlsx.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(name.buf);
	if (fd < 0) {
		int e = errno;
		strbuf_release(&name);
		return error("cannot write '%s': %s", path, strerror(e));
	}
	close(fd);
	int handle = tmpfiles_add(name.buf, 0); /* removed on a stopping signal */

	struct out o = {0};
	o.lang = lang;
	lxw_workbook_options wopt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	o.wb = workbook_new_opt(name.buf, &wopt);
	if (!o.wb) {
		unlink(name.buf);
		tmpfiles_forget(handle);
		strbuf_release(&name);
		return error("cannot write '%s'", path);
	}
	o.header = workbook_add_format(o.wb);
	format_set_bold(o.header);
	format_set_text_wrap(o.header);
	format_set_align(o.header, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(o.header, 0xDDEBF7);
	format_set_border(o.header, LXW_BORDER_THIN);
	o.date = workbook_add_format(o.wb);
	format_set_num_format(o.date, "yyyy-mm-dd");
	o.text = workbook_add_format(o.wb);
	format_set_num_format(o.text, "@");
	o.example = workbook_add_format(o.wb);
	format_set_italic(o.example);
	format_set_font_color(o.example, 0x595959);
	o.example_date = workbook_add_format(o.wb);
	format_set_italic(o.example_date);
	format_set_font_color(o.example_date, 0x595959);
	format_set_num_format(o.example_date, "yyyy-mm-dd");
	o.title = workbook_add_format(o.wb);
	format_set_bold(o.title);
	format_set_font_size(o.title, 13);

	lxw_worksheet *ins = workbook_add_worksheet(o.wb, sheet_instructions_name(lang));
	worksheet_set_column(ins, 0, 0, 120, NULL);
	for (int i = 0; instructions[lang == VOCAB_EN][i]; i++)
		worksheet_write_string(ins, (lxw_row_t)i, 0, instructions[lang == VOCAB_EN][i],
		                       i ? NULL : o.title);
	place_lists(&o);
	for (int i = 0; i < VR__COUNT; i++)
		write_record(&o, b, sheet_order[i], example);
	write_lists(&o);
	lxw_doc_properties props = {0};
	static char title_en[] = "Inventory of information systems",
	            title_vi[] = "Danh mục hệ thống thông tin", author[] = "assess";
	props.title = lang == VOCAB_EN ? title_en : title_vi;
	props.author = author;
	workbook_set_properties(o.wb, &props);

	lxw_error err = workbook_close(o.wb);
	if (err != LXW_NO_ERROR) {
		unlink(name.buf);
		tmpfiles_forget(handle);
		strbuf_release(&name);
		return error("cannot write '%s': %s", path, lxw_strerror(err));
	}
	/* into place whole */
	FILE *f = fopen(name.buf, "rb");
	struct strbuf data;
	strbuf_init(&data);
	int ret = -1;
	if (f) {
		char buf[65536];
		size_t n;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			strbuf_add(&data, buf, n);
		if (!ferror(f))
			ret = 0;
		fclose(f);
	}
	unlink(name.buf);
	tmpfiles_forget(handle);
	if (ret < 0)
		error("cannot write '%s': %s", path, strerror(errno));
	else
		ret = write_file_atomic(path, data.buf, data.len);
	strbuf_release(&data);
	strbuf_release(&name);
	return ret;
}
