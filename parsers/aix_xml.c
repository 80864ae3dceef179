/* SPDX-License-Identifier: MIT */
/*
 * parsers/aix_xml.c - the AIX IKE database (ikedb -g output, ikedb -p input)
 * into the common model (formats/aix-exports.md §3 and its Appendix).
 *
 * The document is read with libxml2, safely: no network (XML_PARSE_NONET),
 * no entity substitution (no XML_PARSE_NOENT), no DTD loading or validation
 * (a DOCTYPE is ignored, as ikedb ignores it), libxml2's default expansion
 * and size limits (no XML_PARSE_HUGE). Errors go to a handler of this
 * parse's own context and become findings with their line; nothing prints.
 *
 * Only five names of the format are confirmed; the rest is the reference's
 * reconstruction. Every element and attribute name therefore lives in one
 * table (xml_names below): a real AIX DTD corrects the model there. Unknown
 * names are unknown-statement warnings ("did you mean" when a known name
 * differs only in case or by a letter or two); the root element is not
 * enforced; nothing unknown stops the walk.
 *
 * The model: each IPSecTunnel is a tunnel (its identities are its
 * selectors), joined to its IKETunnel (endpoints, phase-1 identities, the
 * IKEProtection's transforms as phase-1 proposals, the pre-shared key whose
 * remote ID is the tunnel's remote identity) and to its IPSecProtection
 * (proposals, PFS, lifetimes). An IKETunnel no IPSecTunnel uses is a tunnel
 * of its own (phase 1 only). AIX lifetimes are minutes and become seconds.
 */
#include "parsers/parser.h"
#include "parsers/toolkit.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "common/hmap.h"
#include "common/util.h"
#include "model/selector.h"

/* ---- the name table --------------------------------------------------------- */

enum xel {
	X_ROOT = 0,
	X_IKEPROT,
	X_IKEXFORM,
	X_IKETUN,
	X_IKELOCAL,
	X_IKEREMOTE,
	X_PSK,
	X_PSKREMOTE,
	X_IPSPROP,
	X_ESP,
	X_AH,
	X_IPSPROT,
	X_IPSTUN,
	X_IPSLOCAL,
	X_IPSREMOTE,
	X_ID, /* an identity element: IPV4_Address, FQDN, ... */
	X__COUNT
};

struct xml_name {
	enum xel el;
	const char *name;
	const char *attrs[14]; /* NULL-terminated */
};

/* Appendix A.2/A.3 of formats/aix-exports.md; [C] names: IKEProtection, IPSecProtection,
 * IPSecTunnel, IPSec_ProtectionName, IKE_IPSecDefaultProtectionRef, IKE_IPSecDefaultAllowedTypes */
static const struct xml_name xml_names[] = {
	{X_ROOT, "AIX_VPN", {"Version", NULL}},
	{X_IKEPROT,
	 "IKEProtection",
	 {"IKE_ProtectionName", "IKE_Role", "IKE_XCHGMode", "IKE_KeyOverlap", "IKE_Flags_AllowNonHashNotify",
	  "IKE_Flags_UseCRL", "IKE_ResponderKeyRefreshMaxKB", "IKE_ResponderKeyRefreshMinKB",
	  "IKE_ResponderKeyRefreshMaxMinutes", "IKE_ResponderKeyRefreshMinMinutes",
	  "IKE_IPSecDefaultProtectionRef", "IKE_IPSecDefaultAllowedTypes", NULL}},
	{X_IKEXFORM,
	 "IKETransform",
	 {"IKE_Hash", "IKE_Encryption", "IKE_DHGroup", "IKE_KeyRefreshMinutes", "IKE_KeyRefreshKB",
	  "IKE_AuthenticationMethod", NULL}},
	{X_IKETUN, "IKETunnel", {"IKE_TunnelName", "IKE_ProtectionRef", "IKE_Flags_AutoStart", NULL}},
	{X_IKELOCAL, "IKELocalIdentity", {NULL}},
	{X_IKEREMOTE, "IKERemoteIdentity", {NULL}},
	{X_PSK, "IKEPresharedKey", {"Value", "Format", NULL}},
	{X_PSKREMOTE, "IKEPresharedKeyRemoteID", {NULL}},
	{X_IPSPROP, "IPSecProposal", {"IPSec_ProposalName", NULL}},
	{X_ESP,
	 "IPSecESPProtocol",
	 {"ESP_Encryption", "ESP_Authentication", "ESP_EncapsulationMode", "ESP_KeyLifetime",
	  "ESP_KeyLifetimeKB", NULL}},
	{X_AH,
	 "IPSecAHProtocol",
	 {"AH_Authentication", "AH_EncapsulationMode", "AH_KeyLifetime", "AH_KeyLifetimeKB", NULL}},
	{X_IPSPROT,
	 "IPSecProtection",
	 {"IPSec_ProtectionName", "IPSec_ProposalRefs", "IPSec_Role", "IPSec_InitiatorDHGroup",
	  "IPSec_ResponderDHGroup", "IPSec_KeyOverlap", NULL}},
	{X_IPSTUN,
	 "IPSecTunnel",
	 {"IKE_TunnelName", "IPSec_TunnelName", "IPSec_ProtectionRef", "IPSec_Flags_AutoStart", NULL}},
	{X_IPSLOCAL, "IPSecLocalIdentity", {NULL}},
	{X_IPSREMOTE, "IPSecRemoteIdentity", {NULL}},
	{X_ID, "IPV4_Address", {"Value", NULL}},
	{X_ID, "IPV6_Address", {"Value", NULL}},
	{X_ID, "IPV4_Subnet", {"Value", "Netmask", NULL}},
	{X_ID, "IPV6_Subnet", {"Value", "Netmask", "PrefixLength", NULL}},
	{X_ID, "IPV4_Address_Range", {"From", "To", NULL}},
	{X_ID, "IPV6_Address_Range", {"From", "To", NULL}},
	{X_ID, "FQDN", {"Value", NULL}},
	{X_ID, "User_FQDN", {"Value", NULL}},
	{X_ID, "X500_DN", {"Value", NULL}},
	{X_ID, "KEY_ID", {"Value", NULL}},
};

/* IKE_IPSecDefaultAllowedTypes tokens [C; the IPv6 remote ones by symmetry, I] */
static const char *const allowed_types[] = {
	"Local_IPV4_Address",  "Local_IPV6_Address",	   "Local_IPV4_Subnet",
	"Local_IPV6_Subnet",   "Local_IPV4_Address_Range", "Local_IPV6_Address_Range",
	"Remote_IPV4_Address", "Remote_IPV4_Subnet",	   "Remote_IPV4_Address_Range",
	"Remote_IPV6_Address", "Remote_IPV6_Subnet",	   "Remote_IPV6_Address_Range",
};

/* ---- state ------------------------------------------------------------------ */

struct ax_ident {
	const struct xml_name *kind; /* NULL: none */
	enum id_type type;
	const char *value;
	struct addrspec addr;
	struct span span;
};

struct ax_obj {
	xmlNodePtr node;
	const char *name;
	struct span span;
	struct mdef *def;
	bool used;
	bool unhashed;		       /* a PSK whose remote identity has no ident_key() */
	struct ax_ident local, remote; /* tunnels; remote only for a PSK */
	const char *ref1, *ref2;       /* IKETunnel: protection; IPSecTunnel: IKE tunnel, protection */
	struct span ref1_span, ref2_span;
};

/*
 * An open-addressing hash of object indexes (index + 1; 0 is empty), so that
 * a reference, a duplicate name or a pre-shared key is found in O(1) rather
 * than by a scan of every object: a 10,000-tunnel database would otherwise
 * cost 10^8 comparisons.
 */
struct ax_ctx {
	struct parsed_file *pf;
	struct device *dev;
	struct arena *a;
	const struct source *src;
	unsigned nerrors;
	char last_err[256]; /* libxml2 repeats an error per use of a bad entity: said once */
	uint32_t last_line;
	struct ax_obj *objs[X__COUNT];
	size_t nobjs[X__COUNT], caps[X__COUNT];
	struct hmap names[X__COUNT]; /* objs[el] by name: name -> index */
	struct hmap psks;	     /* objs[X_PSK] by remote identity (ident_key) -> the first's index */
	bool psks_built;
};

/* ---- small helpers ------------------------------------------------------------ */

#define ax_fnd(c, r, at, ...) fnd_add(&(c)->pf->fs, (r), (at), __VA_ARGS__)

static const struct xml_name *name_of(const xmlChar *n)
{
	for (size_t i = 0; i < ARRAY_SIZE(xml_names); i++)
		if (strcmp(xml_names[i].name, (const char *)n) == 0)
			return &xml_names[i];
	return NULL;
}

static const char *suggest(const char *s, bool attr, const struct xml_name *owner)
{
	const char *best = NULL;
	unsigned bd = 3;

	if (attr && owner) {
		for (size_t i = 0; owner->attrs[i]; i++) {
			unsigned d = strcasecmp(owner->attrs[i], s) == 0 ?
					     0 :
					     util_edit_distance(s, owner->attrs[i], bd);

			if (d < bd) {
				bd = d;
				best = owner->attrs[i];
			}
		}
		return best;
	}
	for (size_t i = 0; i < ARRAY_SIZE(xml_names); i++) {
		unsigned d = strcasecmp(xml_names[i].name, s) == 0 ?
				     0 :
				     util_edit_distance(s, xml_names[i].name, bd);

		if (d < bd) {
			bd = d;
			best = xml_names[i].name;
		}
	}
	return best;
}

/* The span of the whole line of node (xmlGetLineNo: the line where the start tag ends). */
static struct span node_span(const struct ax_ctx *c, xmlNodePtr n)
{
	long line = xmlGetLineNo(n);
	size_t len = 0;
	const char *text;
	uint32_t first = 1;

	if (line < 1 || line > (long)c->src->nlines)
		line = 1;
	text = source_line(c->src, (uint32_t)line, &len);
	while (text && first <= len && (text[first - 1] == ' ' || text[first - 1] == '\t'))
		first++;
	return span_make(c->src, (uint32_t)line, first, (uint32_t)line, len > first ? (uint32_t)len : first);
}

/*
 * The span of attribute name's value: searched from the node's line back to
 * the start of its tag (a start tag may span lines); the node's line when not
 * found.
 */
static struct span attr_span(const struct ax_ctx *c, xmlNodePtr n, const char *name)
{
	long line = xmlGetLineNo(n);
	size_t nl = strlen(name);

	for (long l = line; l >= 1 && l > line - 40 && l <= (long)c->src->nlines; l--) {
		size_t len = 0;
		const char *text = source_line(c->src, (uint32_t)l, &len);

		for (size_t i = 0; text && i + nl + 2 <= len; i++) {
			size_t v, e;

			if (memcmp(text + i, name, nl) != 0 ||
			    (i && (isalnum((unsigned char)text[i - 1]) || text[i - 1] == '_')))
				continue;
			v = i + nl;
			while (v < len && (text[v] == ' ' || text[v] == '='))
				v++;
			if (v >= len || (text[v] != '"' && text[v] != '\''))
				continue;
			e = v + 1;
			while (e < len && text[e] != text[v])
				e++;
			if (e == v + 1) /* empty value: point at the quotes */
				return span_make(c->src, (uint32_t)l, (uint32_t)v + 1, (uint32_t)l,
						 (uint32_t)e + 1);
			return span_make(c->src, (uint32_t)l, (uint32_t)v + 2, (uint32_t)l, (uint32_t)e);
		}
		if (text && memchr(text, '<', len) && l < line)
			break; /* reached the line the tag starts on */
	}
	return node_span(c, n);
}

/* An attribute's value, in the arena; NULL when absent. */
static const char *attr(struct ax_ctx *c, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *s;

	if (!v)
		return NULL;
	s = arena_strdup(c->a, (const char *)v);
	xmlFree(v);
	return s;
}

/* An attribute's value (NULL when absent) and, when present, its span. */
static const char *attr_at(struct ax_ctx *c, xmlNodePtr n, const char *name, struct span *at)
{
	const char *v = attr(c, n, name);

	if (v)
		*at = attr_span(c, n, name);
	return v;
}

static void obj_push(struct ax_ctx *c, enum xel el, struct ax_obj *o)
{
	VEC_GROW(c->objs[el], c->caps[el], c->nobjs[el] + 1);
	c->objs[el][c->nobjs[el]++] = *o;
	if (o->name) {
		bool added;
		uintptr_t *v = hmap_puts(&c->names[el], o->name, &added);

		if (added)
			*v = c->nobjs[el] - 1;
	}
}

/* O(1) expected: names are unique within a kind (a duplicate is never filed) */
static struct ax_obj *obj_find(struct ax_ctx *c, enum xel el, const char *name)
{
	const uintptr_t *i = name ? hmap_finds(&c->names[el], name) : NULL;

	if (i)
		return &c->objs[el][*i];
	return NULL;
}

/* ---- libxml2 errors ------------------------------------------------------------ */

static void on_xml_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr pc = user;
	struct ax_ctx *c = pc ? pc->_private : NULL;
	char msg[256];
	size_t n;
	struct span at;
	uint32_t line;

	if (!c || !e || e->level == XML_ERR_NONE)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "malformed XML");
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	line = e->line > 0 && (uint32_t)e->line <= c->src->nlines ? (uint32_t)e->line :
								    (c->src->nlines ? c->src->nlines : 1);
	if (line == c->last_line && strcmp(msg, c->last_err) == 0)
		return;
	c->last_line = line;
	snprintf(c->last_err, sizeof(c->last_err), "%s", msg);
	at = span_make(c->src, line, e->int2 > 0 ? (uint32_t)e->int2 : 1, line,
		       e->int2 > 0 ? (uint32_t)e->int2 : 1);
	if (e->level == XML_ERR_WARNING) {
		ax_fnd(c, R_UNKNOWN_STATEMENT, &at, "XML: %s", msg);
		return;
	}
	ax_fnd(c, R_SYNTAX_ERROR, &at, "XML: %s", msg);
	c->nerrors++;
}

/* ---- values ------------------------------------------------------------------- */

/* A number attribute (at most max) times scale, with the attribute's span; unit names it in errors. */
static bool number_attr(struct ax_ctx *c, xmlNodePtr n, const char *name, uint64_t max, int64_t scale,
			const char *unit, struct mint *m)
{
	const char *v;
	struct span at;
	uint64_t x;

	v = attr_at(c, n, name, &at);
	if (!v)
		return false;
	if (!drv_uint(v, strlen(v), max, &x)) {
		ax_fnd(c, R_INVALID_VALUE, &at, "%s '%s' is not a number of %s", name, v, unit);
		return false;
	}
	m->v = (int64_t)x * scale;
	m->o = origin_written(&at);
	return true;
}

/* Minutes (AIX) into seconds. */
static bool minutes(struct ax_ctx *c, xmlNodePtr n, const char *name, struct mint *m)
{
	return number_attr(c, n, name, 1000000000, 60, "minutes", m);
}

static bool kbytes(struct ax_ctx *c, xmlNodePtr n, const char *name, struct mint *m)
{
	return number_attr(c, n, name, 4294967295ULL, 1, "kilobytes", m);
}

struct tokmap {
	const char *tok;
	int v;
};

/* Look a token up case-insensitively, '-' and '_' alike; -1 when unknown. */
static int tok_lookup(const struct tokmap *t, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++) {
		const char *a = t[i].tok, *b = s;

		while (*a && *b &&
		       (tolower((unsigned char)*a) == tolower((unsigned char)*b) ||
			((*a == '-' || *a == '_') && (*b == '-' || *b == '_')))) {
			a++;
			b++;
		}
		if (!*a && !*b)
			return t[i].v;
	}
	return -1;
}

static const struct tokmap ike_encs[] = {
	{"DES-CBC", ENC_DES},	     {"3DES-CBC", ENC_3DES},	  {"AES-CBC", ENC_AES128},
	{"AES-CBC-128", ENC_AES128}, {"AES-CBC-192", ENC_AES192}, {"AES-CBC-256", ENC_AES256},
	{"AES128-CBC", ENC_AES128},  {"AES192-CBC", ENC_AES192},  {"AES256-CBC", ENC_AES256},
	{"CDMF", ENC_CDMF},
};
static const struct tokmap hashes[] = {
	{"MD5", INTEG_MD5},	    {"SHA", INTEG_SHA1},       {"SHA1", INTEG_SHA1},
	{"SHA2-256", INTEG_SHA256}, {"SHA-256", INTEG_SHA256}, {"SHA2-384", INTEG_SHA384},
	{"SHA2-512", INTEG_SHA512},
};
static const struct tokmap esp_encs[] = {
	{"ESP_DES", ENC_DES},	     {"ESP_3DES", ENC_3DES},	  {"ESP_DES_CBC_8", ENC_DES},
	{"ESP_DES_CBC_4", ENC_DES},  {"ESP_CDMF", ENC_CDMF},	  {"ESP_NULL", ENC_NULL},
	{"ESP_AES", ENC_AES128},     {"ESP_AES_CBC", ENC_AES128}, {"ESP_AES_128", ENC_AES128},
	{"ESP_AES_192", ENC_AES192}, {"ESP_AES_256", ENC_AES256}, {"ESP_AES128", ENC_AES128},
	{"ESP_AES192", ENC_AES192},  {"ESP_AES256", ENC_AES256},
};
static const struct tokmap auth_algs[] = {
	{"HMAC-MD5", INTEG_MD5},	 {"HMAC-SHA", INTEG_SHA1},	   {"HMAC-SHA1", INTEG_SHA1},
	{"KEYED-MD5", INTEG_KEYED_MD5},	 {"HMAC-SHA2-256", INTEG_SHA256},  {"HMAC-SHA2-384", INTEG_SHA384},
	{"HMAC-SHA2-512", INTEG_SHA512}, {"AES-XCBC-MAC", INTEG_AES_XCBC},
};

/* An algorithm attribute into a one-member set; an invalid-value when the token is unknown. */
static void alg_attr(struct ax_ctx *c, xmlNodePtr n, const char *name, const struct tokmap *t, size_t nt,
		     struct algset *set)
{
	const char *v;
	struct span at;
	int x;

	v = attr_at(c, n, name, &at);
	if (!v)
		return;
	x = tok_lookup(t, nt, v);
	if (x < 0) {
		ax_fnd(c, R_INVALID_VALUE, &at, "%s '%s' is not an algorithm ipseclint knows", name, v);
		return;
	}
	algset_add(set, (unsigned)x);
	set->o = origin_written(&at);
}

/* DH group: a number, or NO_PFS (0) where allowed. */
static bool dh_attr(struct ax_ctx *c, xmlNodePtr n, const char *name, bool pfs, struct mint *m)
{
	const char *v;
	struct span at;
	uint64_t x;

	v = attr_at(c, n, name, &at);
	if (!v)
		return false;
	if (pfs && (strcasecmp(v, "NO_PFS") == 0 || strcasecmp(v, "none") == 0)) {
		m->v = 0;
		m->o = origin_written(&at);
		return true;
	}
	if (!drv_uint(v, strlen(v), 31, &x) || !x) {
		ax_fnd(c, R_INVALID_VALUE, &at, "%s '%s' is not a Diffie-Hellman group%s", name, v,
		       pfs ? " or NO_PFS" : "");
		return false;
	}
	m->v = (int64_t)x;
	m->o = origin_written(&at);
	return true;
}

/* An IPV4_Address, IPV6_Subnet, ...: the address, and the subnet's Netmask or PrefixLength. */
static void read_ip_ident(struct ax_ctx *c, xmlNodePtr k, const struct xml_name *xn, const char *v,
			  struct ax_ident *id)
{
	bool subnet = strstr(xn->name, "Subnet") != NULL;
	const char *m, *pl;
	struct ip128 ip, mk;
	uint8_t fam, mf;
	uint64_t plen;

	if (!addr_parse_ip(v, &ip, &fam)) {
		struct span at = attr_span(c, k, "Value");

		ax_fnd(c, R_INVALID_VALUE, &at, "%s Value '%s' is not an IP address", xn->name, v);
		return;
	}
	id->type = subnet ? (fam == 4 ? ID_IPV4_SUBNET : ID_IPV6_SUBNET) : (fam == 4 ? ID_IPV4 : ID_IPV6);
	if (!subnet) {
		id->addr = aspec_host(&ip, fam);
		id->addr.text = v;
		return;
	}
	m = attr(c, k, "Netmask");
	pl = attr(c, k, "PrefixLength");
	if (m && addr_parse_ip(m, &mk, &mf) && mf == fam && aspec_netmask(&ip, fam, &mk, &id->addr)) {
		/* done */
	} else if (pl && drv_uint(pl, strlen(pl), fam == 4 ? 32 : 128, &plen)) {
		id->addr = aspec_prefix(&ip, fam, (unsigned)plen);
	} else if (m && fam == 6 && drv_uint(m, strlen(m), 128, &plen)) {
		id->addr = aspec_prefix(&ip, fam, (unsigned)plen);
	} else {
		struct span at = attr_span(c, k, m ? "Netmask" : "Value");

		ax_fnd(c, R_INVALID_VALUE, &at, "%s needs a contiguous Netmask", xn->name);
		id->addr = aspec_host(&ip, fam);
	}
	id->addr.text = v;
}

/* ---- identities ---------------------------------------------------------------- */

static void read_ident(struct ax_ctx *c, xmlNodePtr holder, struct ax_ident *id)
{
	for (xmlNodePtr k = holder->children; k; k = k->next) {
		const struct xml_name *xn;
		const char *v;
		struct ip128 ip, ip2;
		uint8_t fam, fam2;

		if (k->type != XML_ELEMENT_NODE)
			continue;
		xn = name_of(k->name);
		if (!xn || xn->el != X_ID)
			continue; /* reported by the walk */
		memset(id, 0, sizeof(*id));
		id->kind = xn;
		id->span = node_span(c, k);
		if (strstr(xn->name, "Range")) {
			const char *from = attr(c, k, "From"), *to = attr(c, k, "To");

			id->type = xn->name[3] == '4' ? ID_IPV4_RANGE : ID_IPV6_RANGE;
			id->value = from;
			if (from && to && addr_parse_ip(from, &ip, &fam) && addr_parse_ip(to, &ip2, &fam2) &&
			    fam == fam2)
				id->addr = aspec_range(&ip, &ip2, fam);
			else
				ax_fnd(c, R_INVALID_VALUE, &id->span, "%s needs From and To addresses",
				       xn->name);
			return;
		}
		v = attr(c, k, "Value");
		id->value = v;
		if (!v) {
			ax_fnd(c, R_MISSING_MANDATORY, &id->span, "%s has no Value", xn->name);
			return;
		}
		if (strncmp(xn->name, "IPV", 3) == 0) {
			read_ip_ident(c, k, xn, v, id);
			return;
		}
		if (strcmp(xn->name, "FQDN") == 0)
			id->type = ID_FQDN;
		else if (strcmp(xn->name, "User_FQDN") == 0)
			id->type = ID_USER_FQDN;
		else if (strcmp(xn->name, "X500_DN") == 0)
			id->type = ID_DN;
		else
			id->type = ID_KEY_ID;
		return;
	}
}

static bool ident_same(const struct ax_ident *a, const struct ax_ident *b)
{
	if (!a->kind || !b->kind || a->type != b->type)
		return false;
	if (a->addr.kind != ASPEC_NONE || b->addr.kind != ASPEC_NONE)
		return aspec_compare(&a->addr, &b->addr) == REL_EQUAL;
	return a->value && b->value && strcasecmp(a->value, b->value) == 0;
}

/* ---- the walk: names, objects, duplicates ------------------------------------------ */

static const char *const obj_kind[X__COUNT] = {
	[X_IKEPROT] = "IKE protection", [X_IKETUN] = "IKE tunnel",	  [X_PSK] = "pre-shared key",
	[X_IPSPROP] = "IPSec proposal", [X_IPSPROT] = "IPSec protection", [X_IPSTUN] = "IPSec tunnel",
};

/* The naming attribute of each named object. */
static const char *name_attr(enum xel el)
{
	switch (el) {
	case X_IKEPROT:
		return "IKE_ProtectionName";
	case X_IKETUN:
		return "IKE_TunnelName";
	case X_IPSPROP:
		return "IPSec_ProposalName";
	case X_IPSPROT:
		return "IPSec_ProtectionName";
	case X_IPSTUN:
		return "IPSec_TunnelName";
	default:
		return NULL;
	}
}

static void check_attrs(struct ax_ctx *c, xmlNodePtr n, const struct xml_name *xn)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		size_t i;
		const char *dym;
		struct span at;
		struct finding *f;

		for (i = 0; xn->attrs[i]; i++)
			if (strcmp(xn->attrs[i], (const char *)a->name) == 0)
				break;
		if (xn->attrs[i])
			continue;
		at = attr_span(c, n, (const char *)a->name);
		f = ax_fnd(c, R_UNKNOWN_STATEMENT, &at, "unknown attribute '%s' on <%s>; it is ignored",
			   a->name, xn->name);
		dym = suggest((const char *)a->name, true, xn);
		if (dym)
			fnd_set_hint(f, "did you mean '%s'? (names are case-sensitive)", dym);
		else
			fnd_set_hint(
				f,
				"ipseclint's AIX XML model is a reconstruction: report the file if AIX accepts it");
	}
}

static void check_allowed_types(struct ax_ctx *c, xmlNodePtr n)
{
	const char *v = attr(c, n, "IKE_IPSecDefaultAllowedTypes");
	char buf[512], *save = NULL;

	if (!v)
		return;
	snprintf(buf, sizeof(buf), "%s", v);
	for (char *t = strtok_r(buf, " \t\r\n", &save); t; t = strtok_r(NULL, " \t\r\n", &save)) {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(allowed_types); i++)
			if (strcmp(allowed_types[i], t) == 0)
				break;
		if (i == ARRAY_SIZE(allowed_types)) {
			struct span at = attr_span(c, n, "IKE_IPSecDefaultAllowedTypes");

			ax_fnd(c, R_INVALID_VALUE, &at,
			       "IKE_IPSecDefaultAllowedTypes: '%s' is no Local_/Remote_ ID type", t);
		}
	}
}

/* ---- inline suppressions: <!-- ipseclint disable=rule --> ------------------------ */

static const char *find_ipseclint(const char *s, size_t n)
{
	for (size_t i = 0; s && i + 9 <= n; i++)
		if (memcmp(s + i, "ipseclint", 9) == 0)
			return s + i;
	return NULL;
}

/* A comment that is a suppression: recorded; its index, or -1. */
static long supp_comment(struct ax_ctx *c, xmlNodePtr n)
{
	const char *text = (const char *)n->content, *hit;
	long line = xmlGetLineNo(n);
	size_t len = 0;
	const char *src;

	if (!text || !strstr(text, "ipseclint"))
		return -1;
	/* libxml2 may number a comment by another of its lines: the one "ipseclint" is on */
	for (long l = line; l >= 1 && l > line - 20 && l <= (long)c->src->nlines; l--) {
		src = source_line(c->src, (uint32_t)l, &len);
		if (find_ipseclint(src, len)) {
			line = l;
			break;
		}
	}
	src = line >= 1 && line <= (long)c->src->nlines ? source_line(c->src, (uint32_t)line, &len) : NULL;
	hit = find_ipseclint(src, len);
	if (!hit)
		return -1;
	return parse_supp_comment(c->pf, hit, len - (size_t)(hit - src), (uint32_t)line,
				  (uint32_t)(hit - src) + 1);
}

/*
 * The lines of element n as written: from its start tag to its end tag (or
 * the end of an empty element), found in the text from the line libxml2
 * gives (where the start tag ends), counting nested elements of the name.
 */
static void element_lines(const struct ax_ctx *c, xmlNodePtr n, uint32_t *first, uint32_t *last)
{
	long line = xmlGetLineNo(n);
	size_t nl = strlen((const char *)n->name), len = 0;
	const char *t;
	int depth = 0;

	if (line < 1 || line > (long)c->src->nlines)
		line = 1;
	*first = *last = (uint32_t)line;
	for (long l = line; l >= 1 && l > line - 40; l--) {
		t = source_line(c->src, (uint32_t)l, &len);
		for (size_t i = 0; t && i + 1 + nl <= len; i++) {
			if (t[i] == '<' && memcmp(t + i + 1, n->name, nl) == 0) {
				*first = (uint32_t)l;
				l = 0; /* found */
				break;
			}
		}
	}
	if (!n->children) {
		/* <X .../>: it ends where the start tag does */
		return;
	}
	for (uint32_t l = (uint32_t)line; l <= c->src->nlines; l++) {
		t = source_line(c->src, l, &len);
		for (size_t i = 0; t && i + 2 + nl <= len; i++) {
			if (t[i] != '<')
				continue;
			if (t[i + 1] == '/' && memcmp(t + i + 2, n->name, nl) == 0) {
				if (depth-- == 0) {
					*last = l;
					return;
				}
			} else if (memcmp(t + i + 1, n->name, nl) == 0 && l > (uint32_t)line) {
				depth++;
			}
		}
	}
	*last = c->src->nlines;
}

/* An element ipseclint does not know: unknown-statement, with the closest name. */
static void unknown_element(struct ax_ctx *c, xmlNodePtr n, const struct xml_name *pxn)
{
	struct span at = node_span(c, n);
	struct finding *f = ax_fnd(c, R_UNKNOWN_STATEMENT, &at, "unknown element <%s>%s%s%s; it is skipped",
				   n->name, pxn ? " in <" : "", pxn ? pxn->name : "", pxn ? ">" : "");
	const char *dym = suggest((const char *)n->name, false, NULL);

	if (dym)
		fnd_set_hint(f, "did you mean <%s>? (names are case-sensitive)", dym);
	else
		fnd_set_hint(f, "ipseclint's AIX XML model is a reconstruction: report the file if AIX "
				"accepts it");
}

/* The object's name attribute; false when the name is taken already (ikedb -p refuses it). */
static bool obj_name(struct ax_ctx *c, xmlNodePtr n, const struct xml_name *xn, struct ax_obj *o)
{
	const char *na = name_attr(xn->el);
	struct ax_obj *dup;
	struct finding *f;

	if (!na)
		return true;
	o->name = attr(c, n, na);
	if (!o->name) {
		ax_fnd(c, R_MISSING_MANDATORY, &o->span, "<%s> has no %s", xn->name, na);
		return true;
	}
	dup = obj_find(c, xn->el, o->name);
	o->span = attr_span(c, n, na);
	if (!dup)
		return true;
	f = ax_fnd(c, R_DUPLICATE_DEFINITION, &o->span,
		   "%s '%s' is defined twice: ikedb -p refuses it without -F", obj_kind[xn->el], o->name);
	fnd_related(f, &dup->span, "first defined here");
	fnd_fp(f, "%s|%s", obj_kind[xn->el], o->name);
	return false;
}

/* The identities among n's children: elements named local and remote (NULL: none of that side). */
static void read_idents(struct ax_ctx *c, xmlNodePtr n, const char *local, const char *remote,
			struct ax_obj *o)
{
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (local && xmlStrcmp(k->name, BAD_CAST local) == 0)
			read_ident(c, k, &o->local);
		else if (xmlStrcmp(k->name, BAD_CAST remote) == 0)
			read_ident(c, k, &o->remote);
	}
}

/* The elements under parent: each checked, named, and (the six kinds of object) recorded. */
static void walk(struct ax_ctx *c, xmlNodePtr parent, const struct xml_name *pxn)
{
	long pending = -1; /* a suppression comment waiting for the element it covers */

	for (xmlNodePtr n = parent->children; n; n = n->next) {
		const struct xml_name *xn;
		struct ax_obj o;

		if (n->type == XML_COMMENT_NODE) {
			long k = supp_comment(c, n);

			if (k >= 0)
				pending = k;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (pending >= 0) {
			element_lines(c, n, &c->pf->supp[pending].first, &c->pf->supp[pending].last);
			pending = -1;
		}
		xn = name_of(n->name);
		if (!xn) {
			unknown_element(c, n, pxn);
			continue;
		}
		check_attrs(c, n, xn);
		memset(&o, 0, sizeof(o));
		o.node = n;
		o.span = node_span(c, n);
		if (!obj_name(c, n, xn, &o))
			continue;
		switch (xn->el) {
		case X_ROOT:
			walk(c, n, xn);
			continue;
		case X_IKEPROT:
			check_allowed_types(c, n);
			break;
		case X_IKETUN:
			o.ref1 = attr(c, n, "IKE_ProtectionRef");
			o.ref1_span = attr_span(c, n, "IKE_ProtectionRef");
			read_idents(c, n, "IKELocalIdentity", "IKERemoteIdentity", &o);
			break;
		case X_PSK:
			read_idents(c, n, NULL, "IKEPresharedKeyRemoteID", &o);
			break;
		case X_IPSTUN:
			o.ref1 = attr(c, n, "IKE_TunnelName");
			o.ref1_span = attr_span(c, n, "IKE_TunnelName");
			o.ref2 = attr(c, n, "IPSec_ProtectionRef");
			o.ref2_span = attr_span(c, n, "IPSec_ProtectionRef");
			read_idents(c, n, "IPSecLocalIdentity", "IPSecRemoteIdentity", &o);
			break;
		default:
			break;
		}
		if (xn->el == X_IKEPROT || xn->el == X_IKETUN || xn->el == X_PSK || xn->el == X_IPSPROP ||
		    xn->el == X_IPSPROT || xn->el == X_IPSTUN)
			obj_push(c, xn->el, &o);
		walk(c, n, xn); /* children: names and attributes checked */
	}
}

/* ---- the model ----------------------------------------------------------------------- */

static struct ike_proposal *ike_transform(struct ax_ctx *c, struct ax_obj *prot, xmlNodePtr x, unsigned idx)
{
	struct ike_proposal *p = arena_alloc(c->a, sizeof(*p));
	const char *am;
	struct span at = node_span(c, x);

	memset(p, 0, sizeof(*p));
	p->name = arena_printf(c->a, "%s#%u", prot->name ? prot->name : "?", idx);
	p->kind = "IKE transform";
	p->span = at;
	alg_attr(c, x, "IKE_Encryption", ike_encs, ARRAY_SIZE(ike_encs), &p->enc);
	alg_attr(c, x, "IKE_Hash", hashes, ARRAY_SIZE(hashes), &p->hash);
	{
		struct mint g = {0};

		if (dh_attr(c, x, "IKE_DHGroup", false, &g)) {
			algset_add(&p->dh, (unsigned)g.v);
			p->dh.o = g.o;
		}
	}
	am = attr(c, x, "IKE_AuthenticationMethod");
	if (am) {
		static const struct tokmap methods[] = {{"Preshared_key", AUTH_PSK},
							{"RSA_signature", AUTH_RSA_SIG},
							{"ECDSA_signature", AUTH_ECDSA}};
		int v = tok_lookup(methods, ARRAY_SIZE(methods), am);
		struct span as = attr_span(c, x, "IKE_AuthenticationMethod");

		if (v < 0)
			ax_fnd(c, R_INVALID_VALUE, &as,
			       "IKE_AuthenticationMethod '%s' is not Preshared_key or RSA_signature", am);
		else {
			p->auth.v = v;
			p->auth.o = origin_written(&as);
		}
	}
	if (!minutes(c, x, "IKE_KeyRefreshMinutes", &p->lifetime_s)) {
		p->lifetime_s.v = (int64_t)480 * 60; /* the reference's example value; the default is [U] */
		p->lifetime_s.o = origin_at(&at, PROV_DEFAULT_ASSUMED);
	}
	kbytes(c, x, "IKE_KeyRefreshKB", &p->lifetime_kb);
	return p;
}

static struct ipsec_proposal *ipsec_proposal(struct ax_ctx *c, struct ax_obj *prop)
{
	struct ipsec_proposal *p = arena_alloc(c->a, sizeof(*p));
	bool esp = false, ah = false;

	memset(p, 0, sizeof(*p));
	p->name = prop->name;
	p->kind = "IPSec proposal";
	p->span = prop->span;
	for (xmlNodePtr k = prop->node->children; k; k = k->next) {
		const char *mode;
		const char *pre;
		char nm[40];

		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(k->name, BAD_CAST "IPSecESPProtocol") == 0) {
			esp = true;
			pre = "ESP";
			alg_attr(c, k, "ESP_Encryption", esp_encs, ARRAY_SIZE(esp_encs), &p->esp_enc);
			alg_attr(c, k, "ESP_Authentication", auth_algs, ARRAY_SIZE(auth_algs), &p->esp_integ);
		} else if (xmlStrcmp(k->name, BAD_CAST "IPSecAHProtocol") == 0) {
			ah = true;
			pre = "AH";
			alg_attr(c, k, "AH_Authentication", auth_algs, ARRAY_SIZE(auth_algs), &p->ah_integ);
		} else {
			continue;
		}
		snprintf(nm, sizeof(nm), "%s_EncapsulationMode", pre);
		mode = attr(c, k, nm);
		if (mode) {
			struct span ms = attr_span(c, k, nm);

			if (strcasecmp(mode, "Tunnel") == 0 || strcasecmp(mode, "Transport") == 0) {
				p->mode.v = tolower((unsigned char)mode[1]) == 'u' ? ENCAP_TUNNEL :
										     ENCAP_TRANSPORT;
				p->mode.o = origin_written(&ms);
			} else {
				ax_fnd(c, R_INVALID_VALUE, &ms, "%s '%s' is not Tunnel or Transport", nm,
				       mode);
			}
		}
		snprintf(nm, sizeof(nm), "%s_KeyLifetime", pre);
		minutes(c, k, nm, &p->lifetime_s);
		snprintf(nm, sizeof(nm), "%s_KeyLifetimeKB", pre);
		kbytes(c, k, nm, &p->lifetime_kb);
	}
	p->proto.v = esp && ah ? PROTO_AH_ESP : ah ? PROTO_AH : esp ? PROTO_ESP : PROTO_UNSET;
	p->proto.o = origin_written(&prop->span);
	if (p->mode.o.prov == PROV_UNSET) {
		p->mode.v = ENCAP_TUNNEL; /* [U] */
		p->mode.o = origin_at(&prop->span, PROV_DEFAULT_ASSUMED);
	}
	if (p->lifetime_s.o.prov == PROV_UNSET) {
		p->lifetime_s.v = (int64_t)480 * 60; /* the reference's example value [U] */
		p->lifetime_s.o = origin_at(&prop->span, PROV_DEFAULT_ASSUMED);
	}
	return p;
}

/* The key of the IKEPresharedKey whose remote ID is id; KEY_NONE when none. */
/*
 * The key of an identity such that ident_same() identities have the same
 * key: the type and the address interval, or the type and the name folded
 * to lower case. False when there is none (no identity, a wildcard with
 * holes): such an identity is compared with every key, as before the index.
 */
static bool ident_key(const struct ax_ident *id, struct strbuf *k)
{
	sb_reset(k);
	if (!id->kind)
		return false;
	sb_addn(k, (const char *)&id->type, sizeof(id->type));
	if (id->addr.kind != ASPEC_NONE) {
		struct ip128 iv[2];

		if (!aspec_interval(&id->addr, &iv[0], &iv[1]))
			return false;
		sb_addc(k, 'a');
		sb_addn(k, (const char *)&id->addr.family, 1);
		sb_addn(k, (const char *)iv, sizeof(iv));
		return true;
	}
	if (!id->value)
		return false;
	sb_addc(k, 'n');
	for (const char *p = id->value; *p; p++)
		sb_addc(k, (char)tolower((unsigned char)*p));
	return true;
}

/* The first pre-shared key (in document order) for a remote identity, O(1) expected. */
static struct ax_obj *psk_lookup(struct ax_ctx *c, const struct ax_ident *id)
{
	struct strbuf k = STRBUF_INIT;
	const uintptr_t *first;
	size_t best = SIZE_MAX;

	if (!c->psks_built) {
		/* built once every key is read; keys without an identity key are scanned */
		c->psks_built = true;
		for (size_t i = 0; i < c->nobjs[X_PSK]; i++) {
			bool added;
			uintptr_t *v;

			if (!ident_key(&c->objs[X_PSK][i].remote, &k)) {
				c->objs[X_PSK][i].unhashed = true;
				continue;
			}
			v = hmap_put(&c->psks, k.buf, k.len, &added);
			if (added)
				*v = i;
		}
	}
	if (!ident_key(id, &k)) {
		sb_free(&k);
		for (size_t i = 0; i < c->nobjs[X_PSK]; i++)
			if (ident_same(&c->objs[X_PSK][i].remote, id))
				return &c->objs[X_PSK][i];
		return NULL;
	}
	first = hmap_find(&c->psks, k.buf, k.len);
	sb_free(&k);
	if (first)
		best = *first;
	for (size_t i = 0; i < c->nobjs[X_PSK] && i < best; i++)
		if (c->objs[X_PSK][i].unhashed && ident_same(&c->objs[X_PSK][i].remote, id))
			best = i;
	return best == SIZE_MAX ? NULL : &c->objs[X_PSK][best];
}

static void find_psk(struct ax_ctx *c, const struct ax_ident *id, struct key *k)
{
	struct ax_obj *o;

	memset(k, 0, sizeof(*k));
	if ((o = psk_lookup(c, id)) != NULL) {
		const char *v, *fmt;
		struct span vs;

		o->used = true;
		v = attr(c, o->node, "Value");
		fmt = attr(c, o->node, "Format");
		vs = attr_span(c, o->node, "Value");
		k->o = origin_written(&vs);
		if (!v) {
			ax_fnd(c, R_MISSING_MANDATORY, &o->span, "<IKEPresharedKey> has no Value");
			return;
		}
		if (fmt && strcasecmp(fmt, "Hex") == 0) {
			if (model_key_hex(c->a, v, strlen(v), k))
				return;
			ax_fnd(c, R_INVALID_VALUE, &vs,
			       "the pre-shared key is declared Format=\"Hex\" but is not hex");
		} else if (!fmt || strcasecmp(fmt, "ASCII") != 0) {
			struct span fs = fmt ? attr_span(c, o->node, "Format") : o->span;

			ax_fnd(c, R_UNKNOWN_STATEMENT, &fs,
			       "pre-shared key Format %s%s%s: taken as ASCII (the reference knows ASCII and Hex)",
			       fmt ? "'" : "missing", fmt ? fmt : "", fmt ? "'" : "");
		}
		k->form = KEY_PLAIN;
		k->len = strlen(v);
		k->bytes = (uint8_t *)arena_strdup(c->a, v);
		k->hex_looking = model_key_looks_hex(v, k->len);
		return;
	}
}

static void set_ident(struct ident *dst, const struct ax_ident *src)
{
	if (!src->kind)
		return;
	dst->type = src->type;
	dst->value = src->value;
	dst->addr = src->addr;
	dst->o = origin_written(&src->span);
}

static struct ike *build_ike(struct ax_ctx *c, struct tunnel *t, struct ax_obj *ikt)
{
	struct ike *ike = arena_alloc(c->a, sizeof(*ike));
	struct ax_obj *prot = obj_find(c, X_IKEPROT, ikt->ref1);
	const struct span *at = &ikt->span;
	size_t n = 0;

	memset(ike, 0, sizeof(*ike));
	ike->peer_name = arena_printf(c->a, "IKE tunnel %s", ikt->name ? ikt->name : "?");
	ike->peer_span = ikt->span;
	ike->versions.v = IKE_V1; /* ikedb's IKEv2 attributes are not in the reference [U] */
	ike->versions.o = origin_at(at, PROV_DEFAULT_ASSUMED);
	ike->exchange.v = XCHG_MAIN;
	ike->exchange.o = origin_at(at, PROV_DEFAULT_ASSUMED);
	if (prot) {
		const char *xm = attr(c, prot->node, "IKE_XCHGMode");

		prot->used = true;
		if (xm) {
			struct span xs = attr_span(c, prot->node, "IKE_XCHGMode");

			if (strcasecmp(xm, "Main") == 0 || strcasecmp(xm, "Aggressive") == 0) {
				ike->exchange.v = (xm[0] | 0x20) == 'm' ? XCHG_MAIN : XCHG_AGGRESSIVE;
				ike->exchange.o = origin_written(&xs);
			} else {
				ax_fnd(c, R_INVALID_VALUE, &xs, "IKE_XCHGMode '%s' is not Main or Aggressive",
				       xm);
			}
		}
		for (xmlNodePtr k = prot->node->children; k; k = k->next)
			n += k->type == XML_ELEMENT_NODE && xmlStrcmp(k->name, BAD_CAST "IKETransform") == 0;
		ike->proposals = arena_alloc(c->a, (n ? n : 1) * sizeof(*ike->proposals));
		for (xmlNodePtr k = prot->node->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE && xmlStrcmp(k->name, BAD_CAST "IKETransform") == 0)
				ike->proposals[ike->nproposals] =
					ike_transform(c, prot, k, (unsigned)ike->nproposals + 1),
				ike->nproposals++;
		if (!n)
			ax_fnd(c, R_MISSING_MANDATORY, &prot->span,
			       "IKE protection '%s' has no <IKETransform>", prot->name ? prot->name : "?");
	}
	set_ident(&ike->local_id, &ikt->local);
	set_ident(&ike->remote_id, &ikt->remote);
	find_psk(c, &ikt->remote, &ike->psk);
	(void)t;
	return ike;
}

static void add_endpoints(struct ax_ctx *c, struct tunnel *t, struct ax_obj *ikt)
{
	if (ikt->local.kind && (ikt->local.type == ID_IPV4 || ikt->local.type == ID_IPV6)) {
		t->local.addr = ikt->local.addr;
		t->local.o = origin_written(&ikt->local.span);
	}
	if (ikt->remote.kind && (ikt->remote.type == ID_IPV4 || ikt->remote.type == ID_IPV6))
		model_tunnel_add_remote(t, &ikt->remote.addr,
					&(struct origin){ikt->remote.span, PROV_WRITTEN});
	(void)c;
}

static void build_ipsec(struct ax_ctx *c, struct tunnel *t, struct ax_obj *ipt)
{
	struct ax_obj *prot = obj_find(c, X_IPSPROT, ipt->ref2);
	const char *refs;
	char buf[512], *save = NULL;
	size_t n = 0;

	t->ipsec.pfs.v = 0;
	t->ipsec.pfs.o = origin_at(&ipt->span, PROV_DEFAULT_ASSUMED);
	if (!prot)
		return;
	prot->used = true;
	dh_attr(c, prot->node, "IPSec_InitiatorDHGroup", true, &t->ipsec.pfs);
	refs = attr(c, prot->node, "IPSec_ProposalRefs");
	if (!refs)
		return;
	snprintf(buf, sizeof(buf), "%s", refs);
	t->ipsec.proposals = arena_alloc(c->a, 16 * sizeof(*t->ipsec.proposals));
	for (char *r = strtok_r(buf, " \t\r\n,", &save); r && n < 16; r = strtok_r(NULL, " \t\r\n,", &save)) {
		struct ax_obj *prop = obj_find(c, X_IPSPROP, r);

		if (!prop)
			continue; /* undefined-reference */
		prop->used = true;
		t->ipsec.proposals[n++] = ipsec_proposal(c, prop);
	}
	t->ipsec.nproposals = n;
}

static void build_selectors(struct ax_ctx *c, struct tunnel *t, struct ax_obj *ipt)
{
	struct selector *r;

	if (!ipt->local.kind || !ipt->remote.kind || ipt->local.addr.kind == ASPEC_NONE ||
	    ipt->remote.addr.kind == ASPEC_NONE)
		return;
	t->selectors = model_sel_list_new(c->dev, ipt->name ? ipt->name : "?", &ipt->span);
	t->selectors->list_kind = "IPSec tunnel";
	t->selectors->refs++;
	r = model_sel_list_add(c->dev, t->selectors);
	r->action = SEL_PERMIT;
	r->proto = -1;
	r->src = ipt->local.addr;
	r->dst = ipt->remote.addr;
	r->sport = port_any();
	r->dport = port_any();
	r->rule_id = 1;
	r->line = ipt->local.span.line;
	r->col = ipt->local.span.col;
	r->end_line = ipt->remote.span.end_line;
	r->end_col = ipt->remote.span.end_col;
	r->text = ipt->name;
}

static void refs_and_defs(struct ax_ctx *c)
{
	struct device *d = c->dev;

	for (int el = 0; el < X__COUNT; el++) {
		if (!obj_kind[el] || el == X_PSK)
			continue;
		for (size_t i = 0; i < c->nobjs[el]; i++)
			if (c->objs[el][i].name)
				c->objs[el][i].def = model_def(d, obj_kind[el], c->objs[el][i].name,
							       &c->objs[el][i].span, el == X_IPSTUN);
	}
	for (size_t i = 0; i < c->nobjs[X_IKETUN]; i++) {
		struct ax_obj *o = &c->objs[X_IKETUN][i];

		if (o->ref1)
			model_ref(d, "IKE protection", o->ref1, &o->ref1_span);
	}
	for (size_t i = 0; i < c->nobjs[X_IPSTUN]; i++) {
		struct ax_obj *o = &c->objs[X_IPSTUN][i];

		if (o->ref1)
			model_ref(d, "IKE tunnel", o->ref1, &o->ref1_span);
		if (o->ref2)
			model_ref(d, "IPSec protection", o->ref2, &o->ref2_span);
	}
	for (size_t i = 0; i < c->nobjs[X_IPSPROT]; i++) {
		struct ax_obj *o = &c->objs[X_IPSPROT][i];
		const char *refs = attr(c, o->node, "IPSec_ProposalRefs");
		char buf[512], *save = NULL;
		struct span rs = attr_span(c, o->node, "IPSec_ProposalRefs");

		if (!refs)
			continue;
		snprintf(buf, sizeof(buf), "%s", refs);
		for (char *r = strtok_r(buf, " \t\r\n,", &save); r; r = strtok_r(NULL, " \t\r\n,", &save))
			model_ref(d, "IPSec proposal", r, &rs);
	}
	for (size_t i = 0; i < c->nobjs[X_IKEPROT]; i++) {
		struct ax_obj *o = &c->objs[X_IKEPROT][i];
		const char *ref = attr(c, o->node, "IKE_IPSecDefaultProtectionRef");
		struct span rs;

		if (!ref)
			continue;
		rs = attr_span(c, o->node, "IKE_IPSecDefaultProtectionRef");
		model_ref(d, "IPSec protection", ref, &rs);
		if (strncmp(ref, "_defIPSprot_", 12) != 0)
			ax_fnd(c, R_INVALID_VALUE, &rs,
			       "IKE_IPSecDefaultProtectionRef '%s': a default IPSec protection's name must start with "
			       "_defIPSprot_",
			       ref);
	}
	/* pre-shared keys, used when an IKE tunnel's remote identity matches theirs (the checker
	 * reports the others); each is its own definition, whatever its identity */
	for (size_t i = 0; i < c->nobjs[X_PSK]; i++) {
		struct ax_obj *o = &c->objs[X_PSK][i];
		const char *id = o->remote.value ? o->remote.value : "?";
		const char *name = arena_printf(c->a, "#%zu", i + 1);
		struct mdef *m = model_def(d, "pre-shared key", name, &o->span, false);

		if (o->used) /* by the IKE tunnel whose remote identity found it */
			model_ref(d, "pre-shared key", name, &o->span);
		m->unused_msg = arena_printf(
			c->a,
			"pre-shared key for remote ID '%s' matches the remote identity of no IKE tunnel", id);
		m->unused_fp = arena_printf(c->a, "psk|%s", id);
	}
}

static void build(struct ax_ctx *c)
{
	struct device *d = c->dev;

	/* phase-2 tunnels, each with its phase-1 tunnel */
	for (size_t i = 0; i < c->nobjs[X_IPSTUN]; i++) {
		struct ax_obj *ipt = &c->objs[X_IPSTUN][i];
		struct ax_obj *ikt = obj_find(c, X_IKETUN, ipt->ref1);
		struct tunnel *t = model_tunnel_new(
			d, TK_ISAKMP, arena_printf(c->a, "ipsec-tunnel:%s", ipt->name ? ipt->name : "?"),
			arena_printf(c->a, "IPSec tunnel %s", ipt->name ? ipt->name : "?"), &ipt->span);

		t->seq = (int64_t)i + 1;
		t->applied = true;
		t->applied_span = ipt->span;
		if (ikt) {
			ikt->used = true;
			add_endpoints(c, t, ikt);
			t->ike = build_ike(c, t, ikt);
		}
		build_ipsec(c, t, ipt);
		build_selectors(c, t, ipt);
	}
	/* phase-1 tunnels no phase-2 tunnel uses: paired on phase 1 alone */
	for (size_t i = 0; i < c->nobjs[X_IKETUN]; i++) {
		struct ax_obj *ikt = &c->objs[X_IKETUN][i];
		struct tunnel *t;

		if (ikt->used)
			continue;
		t = model_tunnel_new(
			d, TK_ISAKMP, arena_printf(c->a, "ike-tunnel:%s", ikt->name ? ikt->name : "?"),
			arena_printf(c->a, "IKE tunnel %s", ikt->name ? ikt->name : "?"), &ikt->span);
		t->applied = true;
		t->applied_span = ikt->span;
		add_endpoints(c, t, ikt);
		t->ike = build_ike(c, t, ikt);
	}
	for (size_t i = 0; i < c->nobjs[X_IKETUN]; i++) {
		struct ax_obj *ikt = &c->objs[X_IKETUN][i];

		if (ikt->local.kind && (ikt->local.type == ID_IPV4 || ikt->local.type == ID_IPV6))
			model_device_add_addr(d, &ikt->local.addr,
					      arena_printf(c->a, "IKE tunnel %s local identity",
							   ikt->name ? ikt->name : "?"),
					      &(struct origin){ikt->local.span, PROV_WRITTEN});
	}
	refs_and_defs(c);
	model_resolve_refs(d);
}

void aix_xml_init(void)
{
	xmlInitParser();
}

void aix_xml_cleanup(void)
{
	xmlCleanupParser();
}

void aix_xml_parse(struct parsed_file *pf)
{
	struct ax_ctx c;
	xmlParserCtxtPtr pc;
	xmlDocPtr doc;
	xmlNodePtr root;

	DRV_BEGIN(c, pf, VENDOR_AIX);
	c.dev->dialect = DIALECT_AIX_XML;
	parse_name_from_file(pf, c.dev, "aix");

	pc = xmlNewParserCtxt();
	if (!pc)
		util_die_oom();
	/* errors to this parse's handler, never to stderr: the SAX handler's structured error
	 * callback receives the context as its user data */
	pc->_private = &c;
	pc->sax->serror = on_xml_error;
	pc->sax->warning = NULL;
	pc->sax->error = NULL;
	pc->vctxt.error = NULL;
	pc->vctxt.warning = NULL;
	/* deliberately absent: XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDVALID,
	 * XML_PARSE_DTDATTR, XML_PARSE_HUGE; RECOVER keeps what precedes a
	 * well-formedness error, so the rest of a damaged file is still checked;
	 * NOBLANKS drops the whitespace between elements and COMPACT keeps short
	 * texts inside their node (the document tree is the peak of memory on a
	 * large database: 137 -> 116 MB on 10,000 tunnels) */
	doc = xmlCtxtReadMemory(pc, pf->src.text, (int)(pf->src.len > 0x7fffffff ? 0x7fffffff : pf->src.len),
				pf->src.path, NULL,
				XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_RECOVER |
					XML_PARSE_NOBLANKS | XML_PARSE_COMPACT);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root) {
		const struct xml_name *xn = name_of(root->name);

		if (!xn || xn->el != X_ROOT) {
			struct span at = node_span(&c, root);

			ax_fnd(&c, R_UNKNOWN_STATEMENT, &at,
			       "the root element is <%s>, not <AIX_VPN>: its children are read all the same",
			       root->name);
			if (xn) {
				/* a fragment: the root is itself an object; walk it from the document */
				walk(&c, (xmlNodePtr)doc, NULL);
				goto walked;
			}
		}
		walk(&c, root, xn);
	}
walked:
	build(&c);
	pf->dev = c.dev;
	pf->status = c.nerrors ? FILE_PARTIAL : FILE_OK;
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(pc);
	for (int i = 0; i < X__COUNT; i++) {
		free(c.objs[i]);
		hmap_free(&c.names[i]);
	}
	hmap_free(&c.psks);
}
