/* SPDX-License-Identifier: MIT */
/*
 * model/model.h - the common model every vendor parser produces.
 *
 * spec/model.md fixes what must be expressible; this is its C form. The
 * checker and the renderers read only this, never vendor text. Everything a
 * device owns lives in the arena of the file it came from.
 *
 * Every value the checker compares carries a struct origin: where it was
 * written, or that it is a vendor default (and whether the reference marks
 * that default certain or assumed).
 */
#ifndef IPSECLINT_MODEL_MODEL_H
#define IPSECLINT_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/hmap.h"
#include "model/addr.h"
#include "model/arena.h"
#include "model/source.h"
#include "model/vocab.h"

/* ---- provenance ---------------------------------------------------------- */

struct span {
	const struct source *src;   /* NULL: no location (e.g. a value from the config file) */
	uint32_t line, col;	    /* 1-based, first character */
	uint32_t end_line, end_col; /* 1-based, last character (inclusive) */
};

enum prov {
	PROV_UNSET = 0,	     /* no value at all */
	PROV_WRITTEN,	     /* written in the file at span */
	PROV_DEFAULT,	     /* vendor default the reference confirms ([C]/[O]) */
	PROV_DEFAULT_ASSUMED /* vendor default the reference only infers ([I]/[U]) */
};

/*
 * For a default, span points at the object the default was applied to (the
 * view line of the proposal or peer), so a finding still has a place.
 */
struct origin {
	struct span span;
	enum prov prov;
};

/* What a driver read at s, and a value it filled in for s (p: PROV_DEFAULT...). */
static inline struct origin origin_written(const struct span *s)
{
	struct origin o = {*s, PROV_WRITTEN};
	return o;
}

static inline struct origin origin_at(const struct span *s, enum prov p)
{
	struct origin o = {*s, p};
	return o;
}

static inline bool origin_is_default(const struct origin *o)
{
	return o->prov == PROV_DEFAULT || o->prov == PROV_DEFAULT_ASSUMED;
}

struct mint {
	int64_t v;
	struct origin o;
};

/* An algorithm set: bits for set algebra, order as written (preference). */
#define ALGSET_MAX 16
struct algset {
	uint32_t bits;		   /* bit (1u << value) for each member */
	uint8_t n;		   /* members in order[] */
	uint8_t order[ALGSET_MAX]; /* values in the order written */
	struct origin o;
};

/* ---- vendors ------------------------------------------------------------- */

enum vendor { VENDOR_UNKNOWN = 0, VENDOR_HUAWEI, VENDOR_HPUX, VENDOR_AIX, VENDOR__COUNT };

enum dialect {
	DIALECT_NONE = 0,
	DIALECT_HW_AR_OLD,
	DIALECT_HW_AR_NEW,
	DIALECT_HW_USG,
	DIALECT_HW_USG_E,
	DIALECT_HPUX_A02,
	DIALECT_HPUX_A03,
	DIALECT_AIX_XML,
	DIALECT_AIX_LSTUN,
	DIALECT_AIX_LSFILT,
	DIALECT_AIX_EXP,
};

const char *model_vendor_name(enum vendor v);	 /* "huawei", "hpux", "aix", "unknown" */
const char *model_vendor_display(enum vendor v); /* "Huawei", "HP-UX", "AIX", "unknown" */
const char *model_dialect_name(enum dialect d);	 /* "ar-old", "ar-new", "usg", "usg-e", "a.02", ... */
/* "main", "aggressive", "auto"; "esp", "ah", "ah-esp"; "tunnel", "transport", "auto": NULL when unset */
const char *model_exchange_name(int64_t x);
const char *model_proto_name(int64_t p);
const char *model_mode_name(int64_t m);
bool model_vendor_parse(const char *s, enum vendor *out);

/* ---- keys ---------------------------------------------------------------- */

/*
 * A secret. Never printed: reports describe it with model_key_describe()
 * ("<psk: ascii, 12 chars>"). bytes holds the decoded key for plain and hex
 * forms, the raw cipher text for device ciphers (compared only for identity).
 */
enum key_form {
	KEY_NONE = 0,
	KEY_PLAIN,	   /* text the device uses as is (ASCII) */
	KEY_HEX,	   /* hex digits decoded into bytes */
	KEY_DEVICE_CIPHER, /* irreversible here: Huawei %^%#..%^%#, %$%$..%$%$ */
};

struct key {
	enum key_form form;
	uint8_t *bytes; /* arena; not NUL-terminated */
	size_t len;
	bool hex_looking; /* KEY_PLAIN text that would also read as hex (0x..., [0-9a-f]{2n}) */
	struct origin o;  /* span covers the key token itself */
};

/*
 * Hex digits (an optional 0x / 0X prefix, then an even number of digits, at
 * least one byte) decoded into k->bytes in arena a: k->form KEY_HEX. false,
 * and k untouched, when s is not that. k->o is the caller's.
 */
bool model_key_hex(struct arena *a, const char *s, size_t n, struct key *k);
/* Would the n bytes at s read as hex, as model_key_hex() reads them (an optional 0x/0X,
 * then an even number of hex digits, at least two)? What key.hex_looking records of a
 * key taken as text. */
bool model_key_looks_hex(const char *s, size_t n);

/* "<psk: ascii, 12 chars>", "<psk: hex, 16 bytes>", "<psk: huawei-cipher>" (the only device
 * cipher of the vendors read), "<psk: none>" */
const char *model_key_describe(const struct key *k, const char *what, char *buf, size_t bufsz);

/* ---- identities ---------------------------------------------------------- */

struct ident {
	enum id_type type;    /* ID_NONE: not set (use the default) */
	const char *value;    /* textual value as written ("rtb", "10.0.0.1") */
	struct addrspec addr; /* for address types */
	struct origin o;
};

/* ---- traffic selectors ----------------------------------------------------- */

/* One ACL / filter list: ordered, first match wins. */
struct sel_list {
	const char *name;	/* "3000", filter set name */
	const char *list_kind;	/* how messages name the list: NULL "acl"; "filter table" */
	const char *rule_kind;	/* NULL: ACL rules ("rule 5 of acl '3000'"); else a policy list
				 * ("host policy") whose rules are named by their text */
	struct span span;	/* the defining line (acl number 3000) */
	struct selector *rules; /* model/addr.h; each has its own span and rule_id */
	size_t n, cap;
	bool view;		  /* the rules are copies of another list's, which the single-device
				   * checks read: this one is for the pairwise comparison only */
	bool permits_are_tunnels; /* a policy list whose permit rules are also tunnels of one group
				   * in this order: shadowing among those is the tunnels' finding */
	unsigned refs;		  /* how many tunnels use it */
};

/* ---- phase 1 ------------------------------------------------------------- */

struct ike_proposal {
	const char *name;    /* "10", "default" */
	const char *kind;    /* what the vendor calls it; NULL: "ike proposal" (HP-UX "IKE policy") */
	struct span span;    /* the view line */
	bool builtin;	     /* printed by the device itself (Huawei "ike proposal default") */
	struct algset enc;   /* enum enc */
	struct algset hash;  /* enum integ: IKEv1 hash (Huawei authentication-algorithm) */
	struct algset integ; /* enum integ: IKEv2 integrity */
	struct algset prf;   /* enum integ: IKEv2 PRF */
	struct algset dh;    /* DH group numbers (0..31 fit the bits) */
	struct mint auth;    /* enum auth_method */
	struct mint lifetime_s;
	struct mint lifetime_kb;
};

enum exchange_mode {
	XCHG_UNSET = 0,
	XCHG_MAIN,
	XCHG_AGGRESSIVE,
	XCHG_AUTO,
};

#define IKE_V1 1u
#define IKE_V2 2u

struct ike {
	const char *peer_name; /* vendor object that carries phase 1 ("ike peer rut") */
	struct span peer_span;
	struct mint versions;		 /* bitmask IKE_V1 | IKE_V2 */
	struct mint exchange;		 /* enum exchange_mode */
	struct ike_proposal **proposals; /* ordered, the ones this tunnel offers/accepts */
	size_t nproposals;
	struct key psk;
	struct ident local_id;	   /* type/value; default: local endpoint address */
	struct ident remote_id;	   /* ID_ANY when any remote identity is accepted */
	struct mint nat_traversal; /* bool */
};

static inline const char *ike_proposal_kind(const struct ike_proposal *p)
{
	return p->kind ? p->kind : "ike proposal";
}

/* ---- phase 2 ------------------------------------------------------------- */

enum ipsec_proto {
	PROTO_UNSET = 0,
	PROTO_ESP,
	PROTO_AH,
	PROTO_AH_ESP,
};

enum encap_mode {
	ENCAP_UNSET = 0,
	ENCAP_TUNNEL,
	ENCAP_TRANSPORT,
	ENCAP_AUTO, /* USG: either, as the peer proposes */
};

struct ipsec_proposal {
	const char *name;
	const char *kind; /* NULL: "ipsec proposal" (HP-UX "transform") */
	struct span span;
	struct mint proto; /* enum ipsec_proto */
	struct algset esp_enc;
	struct algset esp_integ;
	struct algset ah_integ;
	struct mint mode;	/* enum encap_mode */
	struct mint lifetime_s; /* per-transform lifetime (HP-UX); PROV_UNSET when per tunnel */
	struct mint lifetime_kb;
};

static inline const char *ipsec_proposal_kind(const struct ipsec_proposal *p)
{
	return p->kind ? p->kind : "ipsec proposal";
}

struct ipsec {
	struct ipsec_proposal **proposals;
	size_t nproposals;
	struct mint pfs; /* DH group, 0 = none */
	struct mint lifetime_s;
	struct mint lifetime_kb;
};

/* ---- manual SAs -------------------------------------------------------- */

enum sa_dir { SA_IN = 0, SA_OUT = 1 };
enum sa_proto { SA_ESP = 0, SA_AH = 1 };

struct manual_sa_half {
	struct mint spi; /* PROV_UNSET when absent */
	struct key auth_key;
	struct key enc_key;
	/*
	 * Algorithms of this direction, where the vendor sets them per direction
	 * (AIX manual tunnels); PROV_UNSET when the tunnel's proposal holds them
	 * for both directions. alg: enum enc (ESP) or enum integ (AH);
	 * auth_alg: enum integ of ESP authentication.
	 */
	struct mint alg;
	struct mint auth_alg;
};

/* The protocols a manual SA applies, and in which order (AIX -p / -P). */
enum msa_policy {
	MSA_POL_UNSET = 0,
	MSA_POL_AH,	/* "auth only" */
	MSA_POL_ESP,	/* "encr only" */
	MSA_POL_ESP_AH, /* "encr/auth": encrypted before authentication */
	MSA_POL_AH_ESP, /* "auth/encr": encrypted after authentication */
};

const char *model_msa_policy_name(enum msa_policy p); /* "auth only", "encr/auth", ... */

struct manual_sa {
	struct manual_sa_half h[2][2]; /* [enum sa_dir][enum sa_proto] */
	struct mint policy[2];	       /* [enum sa_dir]: enum msa_policy; PROV_UNSET: per proposal */
	struct mint replay;	       /* bool: replay prevention */
	struct mint new_header;	       /* bool: RFC 2402/2406 headers (AIX -z) */
};

/* ---- tunnels and devices ------------------------------------------------- */

enum tunnel_kind {
	TK_ISAKMP = 0,
	TK_MANUAL,
	TK_TEMPLATE, /* responder only: accepts any (or a listed) remote */
	TK_PROFILE,  /* route-based, on a tunnel interface */
};

const char *model_tunnel_kind_name(enum tunnel_kind k); /* "isakmp", "manual", ... */

struct endpoint {
	struct addrspec addr; /* ASPEC_NONE when unknown */
	struct origin o;
};

struct device;

struct tunnel {
	const char *id;	  /* "HQ/ipsec-policy:map1:10" - stable and readable */
	const char *name; /* vendor object as the user knows it: "ipsec policy map1 10" */
	struct device *dev;
	enum tunnel_kind kind;
	struct span span; /* the defining line */

	/* evaluation order within the device: group, then seq ascending */
	const char *group; /* policy group / category ("map1") */
	int64_t seq;	   /* sequence number / priority */

	struct endpoint local;
	struct endpoint *remotes; /* primary first, then backups */
	size_t nremotes;

	struct mint enabled;	  /* bool; Huawei "undo policy enable" */
	bool applied;		  /* bound to an interface (or otherwise active) */
	struct span applied_span; /* the binding line, when applied */

	struct ike *ike; /* NULL for manual */
	struct ipsec ipsec;
	struct manual_sa *manual;   /* manual tunnels only */
	struct sel_list *selectors; /* NULL: none (template without ACL, route-based profile) */
};

/* Definitions and references, recorded by drivers for structural rules. */
/* What a definition nothing refers to means. */
enum def_unused {
	DEF_UNUSED_OBJECT = 0, /* an object never used (unused-definition) */
	DEF_UNUSED_POLICY,     /* a policy that never protects anything (policy-not-applied) */
};

struct mdef {
	const char *kind; /* "ike proposal", "ike peer", "ipsec proposal", "acl", ... */
	const char *name;
	struct span span;
	bool builtin; /* printed by the device itself: never "unused" */
	unsigned refs;
	/* the checker's finding when refs stays 0: the driver may say what it means and word it
	 * (message and fingerprint material; NULL: "KIND 'NAME' is never used", "KIND|NAME") */
	enum def_unused unused_means;
	const char *unused_msg, *unused_fp;
};

struct mref {
	const char *kind; /* kind of the object referred to */
	const char *name;
	struct span span;    /* the referring token */
	struct mdef *target; /* NULL when it names nothing */
};

struct dev_addr {
	struct addrspec addr; /* a host address (/32 or /128) */
	const char *where;    /* "GigabitEthernet0/0/1", "local-address", "config file" */
	struct origin o;
	uint32_t same_next; /* index + 1 of the next address with the same index key; 0: none */
};

struct device {
	const char *name; /* sysname / hostname / file stem */
	struct origin name_o;
	enum vendor vendor;
	enum dialect dialect;
	/* A device that refuses weak algorithms unless an option is loaded (USG-E and its
	 * WEAKEA module): who refuses and what allows them, for weak-algorithm's message.
	 * NULL when the device accepts what it is given. */
	const char *weak_refused_by, *weak_allowed_by;
	const struct source *src;
	struct arena *arena;

	struct dev_addr *addrs;
	size_t naddrs, addrs_cap;
	struct hmap addr_index;	 /* address value -> index + 1 of the newest of addrs with that
				 * value (same_next links the others): model_device_add_addr,
				 * model_device_find_addr */
	struct tunnel **tunnels; /* the device's own evaluation order */
	size_t ntunnels, tunnels_cap;
	struct sel_list **sel_lists; /* every ACL / filter list, used or not */
	size_t nsel_lists, sel_lists_cap;
	struct mdef **defs;
	size_t ndefs, defs_cap;
	struct hmap def_index; /* (kind, name) -> struct mdef *: model_find_def */
	struct mref **refs;
	size_t nrefs, refs_cap;

	/* line accounting for the JSON "files" entry */
	uint32_t lines;
	uint32_t skipped_lines; /* lines outside IPsec-relevant views */
};

/* Builders: arrays grow inside the device's arena. */
struct device *model_device_new(struct arena *a, const struct source *src);
void model_device_add_addr(struct device *d, const struct addrspec *addr, const char *where,
			   const struct origin *o);
struct tunnel *model_tunnel_new(struct device *d, enum tunnel_kind kind, const char *id_suffix,
				const char *name, const struct span *span);
void model_tunnel_add_remote(struct tunnel *t, const struct addrspec *addr, const struct origin *o);
struct sel_list *model_sel_list_new(struct device *d, const char *name, const struct span *span);
struct selector *model_sel_list_add(struct device *d, struct sel_list *l);
/*
 * Shrink l's rules to exactly its n (the spare slots of the last doubling go
 * back to the arena for the next list to grow into). Pointers to its rules
 * are invalidated; rules can still be added afterwards.
 */
void model_sel_list_fit(struct device *d, struct sel_list *l);
/*
 * A rule as written: s->text, or else (a Huawei ACL rule keeps no copy) the
 * columns it spans on its line of src, copied into buf. NULL when neither.
 */
const char *model_sel_text(const struct selector *s, const struct source *src, char *buf, size_t n);
struct mdef *model_def(struct device *d, const char *kind, const char *name, const struct span *span,
		       bool builtin);
/* Look a definition up by kind and name (NULL when none). */
struct mdef *model_find_def(const struct device *d, const char *kind, const char *name);
struct mref *model_ref(struct device *d, const char *kind, const char *name, const struct span *span);
/* Resolve every reference to its definition and count refs; call once after parsing. */
void model_resolve_refs(struct device *d);
/* Does the device own this address (exact host match)? O(1): a hash probe. */
bool model_device_owns(const struct device *d, const struct addrspec *a);
/* The first of the device's host addresses that a (a host) names, or NULL. */
const struct dev_addr *model_device_find_addr(const struct device *d, const struct addrspec *a);

void algset_add(struct algset *s, unsigned v);
static inline bool algset_has(const struct algset *s, unsigned v)
{
	return v < 32 && (s->bits >> v) & 1u;
}

struct span span_make(const struct source *src, uint32_t line, uint32_t col, uint32_t end_line,
		      uint32_t end_col);

#endif
