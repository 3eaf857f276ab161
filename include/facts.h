/*
 * facts.h - the facts of one system, as the inventory states them.
 *
 * Every scalar fact of inventory format v1 has a stable dotted name
 * ("information.secret", "data-subjects.users"), a kind, and is held as the
 * literal text of the inventory. NULL means unknown: an attribute left out
 * and the literal value "unknown" are the same thing (inventory.md), and no
 * module may turn NULL into "no". Criteria refer to facts by these names;
 * the store keeps one column per fact. Repeated children (components,
 * inspections, controls, waivers) are arrays beside the scalars.
 */
#ifndef ASSESS_FACTS_H
#define ASSESS_FACTS_H

#include <stddef.h>

enum fact_kind {
	FACT_TEXT,  /* free text (names, decisions) */
	FACT_ID,    /* an identifier */
	FACT_TRI,   /* yes | no ; NULL = unknown */
	FACT_ENUM,  /* one word out of fact_def.values */
	FACT_SET,   /* space-separated words out of fact_def.values (type) */
	FACT_COUNT, /* non-negative integer */
	FACT_DATE   /* YYYY-MM-DD */
};

/* X-macro: id, dotted name, kind, allowed values (ENUM/SET), SQL column. */
#define FACT_LIST(X)                                                              \
	X(F_ID, "id", FACT_ID, NULL, "id")                                            \
	X(F_OWNER, "owner", FACT_ID, NULL, "owner")                                   \
	X(F_OPERATOR, "operator", FACT_ID, NULL, "operator")                          \
	X(F_STATUS, "status", FACT_ENUM, "planned building testing operating retired", "status") \
	X(F_NAME, "name", FACT_TEXT, NULL, "name")                                    \
	X(F_DESCRIPTION, "description", FACT_TEXT, NULL, "description")               \
	X(F_TYPE, "type", FACT_SET,                                                   \
	  "internal citizen-business infrastructure industrial-control other", "type") \
	X(F_INFO_PUBLIC, "information.public", FACT_TRI, NULL, "info_public")         \
	X(F_INFO_PRIVATE, "information.private", FACT_TRI, NULL, "info_private")      \
	X(F_INFO_PERSONAL, "information.personal", FACT_TRI, NULL, "info_personal")   \
	X(F_INFO_SECRET, "information.secret", FACT_ENUM, "none mat toi-mat tuyet-mat", "info_secret") \
	X(F_INFO_DEFENCE, "information.defence-security", FACT_TRI, NULL, "info_defence_security") \
	X(F_SVC_PRESENT, "service", FACT_TRI, NULL, "svc_present")                    \
	X(F_SVC_ONLINE, "service.online", FACT_TRI, NULL, "svc_online")               \
	X(F_SVC_PSL, "service.public-service-level", FACT_COUNT, NULL, "svc_public_service_level") \
	X(F_SVC_MODE, "service.public-service-mode", FACT_ENUM, "none info partial full", "svc_public_service_mode") \
	X(F_SVC_ADMIN, "service.admin-procedures", FACT_TRI, NULL, "svc_admin_procedures") \
	X(F_SVC_COND, "service.conditional-business", FACT_TRI, NULL, "svc_conditional_business") \
	X(F_SVC_COND_REF, "service.conditional-ref", FACT_TEXT, NULL, "svc_conditional_ref") \
	X(F_DS_USERS, "data-subjects.users", FACT_COUNT, NULL, "ds_users")            \
	X(F_DS_BASIC, "data-subjects.basic", FACT_COUNT, NULL, "ds_basic")            \
	X(F_DS_SENSITIVE, "data-subjects.sensitive", FACT_COUNT, NULL, "ds_sensitive") \
	X(F_DS_AS_OF, "data-subjects.as-of", FACT_DATE, NULL, "ds_as_of")             \
	X(F_DS_METHOD, "data-subjects.method", FACT_TEXT, NULL, "ds_method")          \
	X(F_SCOPE, "scope", FACT_ENUM,                                                \
	  "organization sector province provinces ministry national international", "scope") \
	X(F_SHARED_AGENCIES, "shared-platform.agencies", FACT_COUNT, NULL, "shared_agencies") \
	X(F_ALWAYS_ON, "availability.always-on", FACT_TRI, NULL, "always_on")         \
	X(F_NAT_EGOV, "national.e-government", FACT_TRI, NULL, "nat_e_government")   \
	X(F_NAT_CRITICAL, "national.critical-data", FACT_TRI, NULL, "nat_critical_data") \
	X(F_NAT_SECLIST, "national.security-list", FACT_TRI, NULL, "nat_security_list") \
	X(F_ICS_GRADE, "ics.work-grade", FACT_ENUM, "none IV III II I special", "ics_work_grade") \
	X(F_ICS_NATSEC, "ics.national-security-work", FACT_TRI, NULL, "ics_national_security_work") \
	X(F_HARM_NATSEC, "harm.national-security", FACT_ENUM,                         \
	  "none harm serious especially-serious", "harm_national_security")           \
	X(F_HARM_STRATEGIC, "harm.strategic", FACT_TRI, NULL, "harm_strategic")       \
	X(F_DECIDED_LEVEL, "decided-level.level", FACT_COUNT, NULL, "decided_level")  \
	X(F_DECIDED_BY, "decided-level.by", FACT_ENUM, "prime-minister risk-assessment", "decided_by") \
	X(F_DECIDED_REF, "decided-level.ref", FACT_TEXT, NULL, "decided_ref")         \
	X(F_PROJECT_STARTED, "project.started", FACT_DATE, NULL, "project_started")   \
	X(F_HOSTING, "hosting", FACT_ENUM, "on-premises rented-dc cloud", "hosting")  \
	X(F_APPR_LEVEL, "approval.level", FACT_COUNT, NULL, "appr_level")             \
	X(F_APPR_RULES, "approval.rules", FACT_ID, NULL, "appr_rules")                \
	X(F_APPR_DECISION, "approval.decision", FACT_TEXT, NULL, "appr_decision")     \
	X(F_APPR_DATE, "approval.date", FACT_DATE, NULL, "appr_date")                 \
	X(F_APPR_BY, "approval.approved-by", FACT_TEXT, NULL, "appr_approved_by")     \
	X(F_REG_DECISION, "regulation.decision", FACT_TEXT, NULL, "reg_decision")     \
	X(F_REG_DATE, "regulation.date", FACT_DATE, NULL, "reg_date")                 \
	X(F_PLAN_STATUS, "plan.status", FACT_ENUM, "full partial none", "plan_status") \
	X(F_PROT_ONSITE, "protection.on-site", FACT_TRI, NULL, "prot_on_site")        \
	X(F_PROT_PROVIDER, "protection.provider", FACT_TRI, NULL, "prot_provider")    \
	X(F_PROT_AUDIT, "protection.independent-audit", FACT_TRI, NULL, "prot_independent_audit") \
	X(F_PROT_MONITOR, "protection.national-monitoring", FACT_TRI, NULL, "prot_national_monitoring") \
	X(F_PROT_PROVIDER_NAME, "protection.provider-name", FACT_TEXT, NULL, "prot_provider_name")

#define FACT_ENUM_ID(id, name, kind, values, column) id,
enum fact_id { FACT_LIST(FACT_ENUM_ID) F__COUNT };
#undef FACT_ENUM_ID

struct fact_def {
	enum fact_id id;     /* index into system_record.value */
	const char *name;    /* dotted name used by criteria ("information.secret") */
	enum fact_kind kind; /* how the text is to be read */
	const char *values;  /* allowed words for ENUM and SET, space-separated */
	const char *column;  /* column of the store's system table */
};

/* The definition of fact id (0 <= id < F__COUNT). */
const struct fact_def *fact_def(enum fact_id id);
/* Look a fact up by dotted name; returns its id or -1. */
int fact_lookup(const char *name);
/* 1 if word is one of the space-separated words of list, else 0. */
int word_in_list(const char *list, const char *word, size_t word_len);

/* Three-valued truth. Ordered so that AND is min and OR is max. */
enum tri { TRI_NO = 0, TRI_UNKNOWN = 1, TRI_YES = 2 };

struct component_ref {
	char *ref;  /* the component's system id */
	long line;  /* line of <component> in the inventory */
};

struct inspection {
	char *date;        /* YYYY-MM-DD */
	char *kind;        /* periodic | ad-hoc | pre-operation */
	char *independent; /* "yes" | "no"; NULL = unknown */
	char *by;          /* who inspected; may be NULL */
	long long findings;/* number of findings; -1 when not given */
	long line;
};

struct control {
	char *ref;      /* requirement id (M.POL.1, D.WAF ...) */
	char *status;   /* met | partial | not-met | not-applicable | planned */
	char *due;      /* date or NULL */
	char *evidence; /* text or NULL */
	long line;
};

struct waiver {
	char *ref;         /* requirement id */
	char *reason;      /* why */
	char *approved_by; /* who */
	char *until;       /* YYYY-MM-DD */
	long line;
};

/* One system of an inventory, with where it was read. */
struct system_record {
	char *file;               /* inventory file it came from */
	long line;                /* line of its <system> element */
	char *value[F__COUNT];    /* fact texts; NULL = unknown/absent */
	struct component_ref *components;
	size_t nr_components, alloc_components;
	struct inspection *inspections;
	size_t nr_inspections, alloc_inspections;
	struct control *controls;
	size_t nr_controls, alloc_controls;
	struct waiver *waivers;
	size_t nr_waivers, alloc_waivers;
};

/* Prepare an empty record / free everything it owns (not rec itself). */
void system_record_init(struct system_record *rec);
void system_record_release(struct system_record *rec);
/* Replace fact id's text with a copy of text (NULL allowed). */
void system_record_set(struct system_record *rec, enum fact_id id, const char *text);

/* Typed readers over a record. tri: "yes"/"no" else unknown.
 * count: the number, or -1 when unknown. */
enum tri fact_tri(const struct system_record *rec, enum fact_id id);
long long fact_count(const struct system_record *rec, enum fact_id id);
/* 1 if the SET/ENUM fact contains word, 0 if not, -1 if unknown. */
int fact_has_word(const struct system_record *rec, enum fact_id id, const char *word);

/*
 * An owner's own inspection cadence for one level (<inspection-policy> of an
 * owner organization): used where the rule set leaves the interval to the
 * owner (criteria <inspection basis="policy">, Decree 331 Art. 28.5a).
 */
struct inspection_policy {
	int level;        /* 1..5 */
	int months;       /* the interval the owner set */
	char *decision;   /* the owner's decision that set it, or NULL */
	long line;        /* line of <inspection-policy> */
};

/* One organization of an inventory. */
struct organization {
	char *id;     /* identifier */
	char *role;   /* owner | isec-unit | operator | provider */
	char *parent; /* parent organization id or NULL */
	char *name;   /* display name */
	char *file;
	long line;
	struct inspection_policy *policies; /* an owner's cadences, in file order */
	size_t nr_policies, alloc_policies;
};

void organization_release(struct organization *org);

#endif
