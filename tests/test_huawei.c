/* SPDX-License-Identifier: MIT */
/*
 * tests/test_huawei.c - the Huawei VRP parser: every example of
 * formats/huawei-vrp.md section 4 (fixtures/huawei/examples/) and every
 * real-world file (../shared/realworld/huawei*) parses and yields the right
 * tunnels and endpoints; the annotated files give their precise diagnostics
 * and are still modelled; dialects, defaults and their provenance, key
 * forms, ACL selectors, references, recovery and hostile input.
 *
 * The tests run from the repository root.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/parser.h"
#include "tests/parse_helpers.h"
#include "tests/shared_dir.h"

#define EX "fixtures/huawei/examples/"
#define RULES "fixtures/huawei/rules/"

/* ---- helpers ---------------------------------------------------------------- */

static void parse_path(struct parsed_file *pf, const char *path)
{
	char *err = NULL;
	int rc = parse_file(pf, path, VENDOR_UNKNOWN, &err);

	cr_assert_eq(rc, 0, "%s: %s", path, err ? err : "?");
	free(err);
	cr_assert_eq(pf->vendor, VENDOR_HUAWEI, "%s: not detected as Huawei", path);
	cr_assert_not_null(pf->dev, "%s: no model", path);
}

static void parse_text(struct parsed_file *pf, const char *text)
{
	parse_buffer(pf, "test.cfg", text, strlen(text), VENDOR_HUAWEI);
	cr_assert_not_null(pf->dev);
}

/* The finding of rule r at line:col, or NULL. */
static const struct finding *finding_at(const struct parsed_file *pf, enum rule_id r, uint32_t line,
					uint32_t col)
{
	for (size_t i = 0; i < pf->fs.n; i++) {
		const struct finding *f = &pf->fs.v[i];
		if (f->rule == r && f->loc.line == line && f->loc.col == col)
			return f;
	}
	return NULL;
}

static void dump_findings(const struct parsed_file *pf)
{
	for (size_t i = 0; i < pf->fs.n; i++)
		cr_log_info("%u:%u %s: %s", pf->fs.v[i].loc.line, pf->fs.v[i].loc.col,
			    rule_info(pf->fs.v[i].rule)->id, pf->fs.v[i].message);
}

static const struct tunnel *tunnel_by_id(const struct device *d, const char *id)
{
	for (size_t i = 0; i < d->ntunnels; i++) {
		if (strcmp(d->tunnels[i]->id, id) == 0)
			return d->tunnels[i];
	}
	return NULL;
}

/* parse_path(), and the one tunnel */
static const struct tunnel *path_tunnel(struct parsed_file *pf, const char *path)
{
	parse_path(pf, path);
	return only_tunnel(pf);
}

/* An endpoint as dotted text ("-" when unknown). */
static const char *ep(const struct addrspec *a, char *buf, size_t n)
{
	if (a->kind == ASPEC_NONE) {
		snprintf(buf, n, "-");
		return buf;
	}
	return aspec_str(a, buf, n);
}

static void expect_endpoints(const struct tunnel *t, const char *local, const char *r1, const char *r2)
{
	char b[64];

	cr_expect_str_eq(ep(&t->local.addr, b, sizeof(b)), local, "%s: local endpoint", t->id);
	cr_expect_eq(t->nremotes, (size_t)(r1 ? 1 : 0) + (r2 ? 1 : 0), "%s: %zu remotes", t->id, t->nremotes);
	if (r1 && t->nremotes > 0)
		cr_expect_str_eq(ep(&t->remotes[0].addr, b, sizeof(b)), r1, "%s: first remote", t->id);
	if (r2 && t->nremotes > 1)
		cr_expect_str_eq(ep(&t->remotes[1].addr, b, sizeof(b)), r2, "%s: second remote", t->id);
}

static const char *sel_src(const struct selector *s, char *buf, size_t n)
{
	return aspec_str(&s->src, buf, n);
}

static const char *sel_dst(const struct selector *s, char *buf, size_t n)
{
	return aspec_str(&s->dst, buf, n);
}

/* Does any finding message (or hint) contain text? */
static bool messages_contain(const struct parsed_file *pf, const char *text)
{
	for (size_t i = 0; i < pf->fs.n; i++) {
		if (strstr(pf->fs.v[i].message, text) || (pf->fs.v[i].hint && strstr(pf->fs.v[i].hint, text)))
			return true;
	}
	return false;
}

static const struct mdef *def_of(const struct device *d, const char *kind, const char *name)
{
	return model_find_def(d, kind, name);
}

/* ---- section 4 examples: one file per device -------------------------------- */

/* Criterion runs each parameter in a new process: the strings are held inline, not as pointers. */
struct example {
	char file[32];
	char device[24];
	enum dialect dialect;
	char id[64]; /* the tunnel to check (the file has exactly ntunnels) */
	size_t ntunnels;
	enum tunnel_kind kind;
	char local[20], r1[20], r2[20]; /* "" when none */
};

static struct example examples[] = {
	{"4.1-routera.cfg", "RouterA", DIALECT_HW_AR_NEW, "RouterA/ipsec-policy:policy1:10", 1, TK_ISAKMP,
	 "1.1.1.1", "60.1.1.1", ""},
	{"4.1-routerb.cfg", "RouterB", DIALECT_HW_AR_NEW, "RouterB/ipsec-policy:policy1:10", 1, TK_ISAKMP,
	 "60.1.1.1", "1.1.1.1", ""},
	{"4.2-routera.cfg", "RouterA", DIALECT_HW_AR_NEW, "RouterA/ipsec-policy:policy1:10", 1, TK_ISAKMP,
	 "192.168.0.2", "1.2.0.1", ""},
	{"4.2-routerb.cfg", "RouterB", DIALECT_HW_AR_NEW, "RouterB/ipsec-policy:policy1:10", 1, TK_TEMPLATE,
	 "1.2.0.1", "", ""},
	{"4.3-routera.cfg", "RouterA", DIALECT_HW_AR_NEW, "RouterA/ipsec-policy:policy1:10", 1, TK_TEMPLATE,
	 "60.1.1.1", "", ""},
	{"4.3-routerb.cfg", "RouterB", DIALECT_HW_AR_NEW, "RouterB/ipsec-policy:policy1:10", 1, TK_TEMPLATE,
	 "60.1.2.1", "", ""},
	{"4.3-routerc.cfg", "RouterC", DIALECT_HW_AR_NEW, "RouterC/ipsec-policy:policy1:10", 1, TK_ISAKMP,
	 "70.1.1.1", "60.1.1.1", "60.1.2.1"},
	{"4.4-fw1.cfg", "4.4-fw1", DIALECT_HW_USG, "4.4-fw1/ipsec-policy:xm137:1", 1, TK_ISAKMP, "20.0.0.1",
	 "30.0.0.2", ""},
	{"4.4-fw2.cfg", "4.4-fw2", DIALECT_HW_USG, "4.4-fw2/ipsec-policy:xm137:1", 1, TK_ISAKMP, "30.0.0.2",
	 "20.0.0.1", ""},
	{"4.5-border01-hq01.cfg", "Border01-HQ01", DIALECT_HW_AR_NEW,
	 "Border01-HQ01/ipsec-profile:BR-02-PROF", 2, TK_PROFILE, "14.1.2.1", "195.147.98.1", ""},
	{"4.5-border01-br01.cfg", "Border01-BR01", DIALECT_HW_AR_NEW,
	 "Border01-BR01/ipsec-profile:HQ-01-PROF", 1, TK_PROFILE, "2.58.17.1", "14.1.2.1", ""},
	{"4.6-ar1220f.cfg", "4.6-ar1220f", DIALECT_HW_AR_OLD, "4.6-ar1220f/ipsec-policy:ipsec-vpn:10", 1,
	 TK_ISAKMP, "80.0.0.2", "172.31.255.10", ""},
	{"4.6-r1.cfg", "R1", DIALECT_HW_AR_OLD, "R1/ipsec-policy:mypolicy:10", 1, TK_ISAKMP, "200.1.1.1",
	 "200.2.2.2", ""},
	{"4.6-r3.cfg", "R3", DIALECT_HW_AR_OLD, "R3/ipsec-policy:mypolicy:10", 1, TK_ISAKMP, "200.2.2.2",
	 "200.1.1.1", ""},
	{"4.7-usg6300.cfg", "4.7-usg6300", DIALECT_HW_USG, "4.7-usg6300/ipsec-policy:ipsec3110105236:1", 1,
	 TK_ISAKMP, "124.204.49.90", "111.202.106.114", ""},
};

ParameterizedTestParameters(huawei_examples, parses_and_models)
{
	return cr_make_param_array(struct example, examples, sizeof(examples) / sizeof(examples[0]));
}

ParameterizedTest(struct example *e, huawei_examples, parses_and_models)
{
	struct parsed_file pf;
	char path[256];
	const struct tunnel *t;

	snprintf(path, sizeof(path), EX "%s", e->file);
	parse_path(&pf, path);
	dump_findings(&pf);
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 0, "%s: syntax errors", e->file);
	cr_expect_eq(count_rule(&pf, R_UNKNOWN_STATEMENT), 0, "%s: unknown statements", e->file);
	cr_expect_eq(count_rule(&pf, R_INVALID_VALUE), 0, "%s: invalid values", e->file);
	cr_expect_eq(count_rule(&pf, R_MISSING_MANDATORY), 0, "%s: missing parts", e->file);
	cr_expect_eq(count_rule(&pf, R_FOREIGN_DIALECT), 0, "%s: flagged as a lookalike", e->file);
	cr_expect_eq(pf.status, FILE_OK);
	cr_expect_str_eq(pf.dev->name, e->device);
	cr_expect_eq(pf.dev->dialect, e->dialect, "%s: dialect %s", e->file,
		     model_dialect_name(pf.dev->dialect));
	cr_assert_eq(pf.dev->ntunnels, e->ntunnels, "%s: %zu tunnels", e->file, pf.dev->ntunnels);
	t = tunnel_by_id(pf.dev, e->id);
	cr_assert_not_null(t, "%s: no tunnel %s", e->file, e->id);
	cr_expect_eq(t->kind, e->kind);
	cr_expect(t->applied, "%s: not bound to an interface", e->id);
	expect_endpoints(t, e->local, e->r1[0] ? e->r1 : NULL, e->r2[0] ? e->r2 : NULL);
	for (size_t i = 0; i < pf.dev->nrefs; i++)
		cr_expect_not_null(pf.dev->refs[i]->target, "%s: '%s %s' names nothing", e->file,
				   pf.dev->refs[i]->kind, pf.dev->refs[i]->name);
	parsed_file_free(&pf);
}

Test(huawei_examples, shared_local_interface_is_the_local_endpoint)
{
	struct parsed_file pf;
	const struct tunnel *t;

	/* 4.1: the branch's group is bound to two uplinks and shared on LoopBack0 */
	t = path_tunnel(&pf, EX "4.1-routera.cfg");
	expect_endpoints(t, "1.1.1.1", "60.1.1.1", NULL);
	cr_expect_eq(t->local.o.prov, PROV_WRITTEN);
	cr_expect_eq(t->applied_span.line, 34, "first binding line");
	cr_expect(model_device_owns(pf.dev, &t->local.addr));
	parsed_file_free(&pf);
}

Test(huawei_examples, aggressive_fqdn_identities)
{
	struct parsed_file pf;
	const struct tunnel *t;

	t = path_tunnel(&pf, EX "4.2-routera.cfg");
	cr_assert_not_null(t->ike);
	cr_expect_eq(t->ike->exchange.v, XCHG_AGGRESSIVE);
	cr_expect_eq(t->ike->exchange.o.prov, PROV_WRITTEN);
	cr_expect_eq(t->ike->versions.v, IKE_V1);
	cr_expect_eq(t->ike->local_id.type, ID_FQDN);
	cr_expect_str_eq(t->ike->local_id.value, "rta", "local-id-type fqdn takes the ike local-name");
	cr_expect_eq(t->ike->remote_id.type, ID_FQDN);
	cr_expect_str_eq(t->ike->remote_id.value, "rtb");
	parsed_file_free(&pf);

	/* the responder: a template, no ACL, no remote-address */
	t = path_tunnel(&pf, EX "4.2-routerb.cfg");
	cr_expect_eq(t->kind, TK_TEMPLATE);
	cr_expect_null(t->selectors);
	cr_expect_eq(t->nremotes, 0);
	cr_assert_not_null(t->ike);
	cr_expect_str_eq(t->ike->peer_name, "ike peer rtb");
	cr_expect_eq(t->ipsec.nproposals, 1);
	cr_expect_eq(count_rule(&pf, R_MISSING_MANDATORY), 0, "a template needs no ACL");
	cr_expect_gt(def_of(pf.dev, "ipsec policy-template", "temp1")->refs, 0);
	parsed_file_free(&pf);
}

Test(huawei_examples, usg_disabled_policy_and_values)
{
	struct parsed_file pf;
	const struct tunnel *t;
	char b[64];

	t = path_tunnel(&pf, EX "4.7-usg6300.cfg");
	cr_expect_eq(t->enabled.v, 0, "undo policy enable");
	cr_expect_eq(t->enabled.o.prov, PROV_WRITTEN);
	cr_expect_eq(t->enabled.o.span.line, 29);
	cr_assert_not_null(t->ike);
	cr_expect_eq(t->ike->versions.v, IKE_V1, "undo version 2 leaves IKEv1");
	cr_expect_eq(t->ike->versions.o.prov, PROV_WRITTEN);
	cr_expect_eq(t->ike->exchange.v, XCHG_AGGRESSIVE);
	cr_expect_eq(t->ike->psk.form, KEY_DEVICE_CIPHER);
	cr_expect_eq(t->ike->remote_id.type, ID_IPV4);
	cr_expect_str_eq(aspec_str(&t->ike->remote_id.addr, b, sizeof(b)), "111.202.106.114");
	cr_expect_eq(t->ipsec.pfs.v, 2);
	cr_expect_eq(t->ipsec.pfs.o.prov, PROV_WRITTEN);
	cr_expect_eq(t->ipsec.lifetime_s.v, 3600);
	cr_expect_eq(t->ipsec.lifetime_s.o.prov, PROV_WRITTEN);
	cr_expect_eq(t->ipsec.lifetime_kb.v, 200000000);
	cr_assert_eq(t->ipsec.nproposals, 1);
	cr_expect_eq(t->ipsec.proposals[0]->mode.v, ENCAP_AUTO);
	cr_assert_not_null(t->selectors);
	cr_expect_eq(t->selectors->n, 3);
	parsed_file_free(&pf);
}

/* ---- real-world dumps ------------------------------------------------------- */

Test(huawei_realworld, hub_profiles_over_gre)
{
	struct parsed_file pf;
	const struct tunnel *t1, *t2;
	const struct mdef *def;

	NEED_REALWORLD();
	parse_path(&pf, RW "huawei/luschaev-ar1000v-hub-hq01.cfg");
	dump_findings(&pf);
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 0);
	cr_expect_eq(pf.fs.n, 0, "a clean real dump yields no input-level finding");
	cr_expect_str_eq(pf.dev->name, "Border01-HQ01");
	cr_expect_eq(pf.dev->dialect, DIALECT_HW_AR_NEW);
	cr_expect_eq(pf.dev->lines, 197);
	cr_expect_gt(pf.dev->skipped_lines, 50, "aaa, bgp, ospf, ... are skipped and counted");
	cr_assert_eq(pf.dev->ntunnels, 2);
	t1 = tunnel_by_id(pf.dev, "Border01-HQ01/ipsec-profile:BR-01-PROF");
	t2 = tunnel_by_id(pf.dev, "Border01-HQ01/ipsec-profile:BR-02-PROF");
	cr_assert_not_null(t1);
	cr_assert_not_null(t2);
	cr_expect_eq(t1->kind, TK_PROFILE);
	expect_endpoints(t1, "14.1.2.1", "2.58.17.1", NULL);
	expect_endpoints(t2, "14.1.2.1", "195.147.98.1", NULL);
	cr_expect(t1->applied);
	cr_expect_eq(t1->applied_span.line, 135);
	cr_expect_null(t1->selectors, "route-based: no ACL");
	cr_assert_not_null(t1->ike);
	cr_expect_eq(t1->ike->versions.v, IKE_V1 | IKE_V2);
	cr_expect_eq(t1->ike->versions.o.prov, PROV_DEFAULT_ASSUMED, "AR version default is [U]");
	cr_expect_eq(t1->ike->psk.form, KEY_DEVICE_CIPHER);
	cr_assert_eq(t1->ike->nproposals, 1);
	cr_expect_str_eq(t1->ike->proposals[0]->name, "10");
	/* the printed default proposal is the device's own: never unused */
	def = def_of(pf.dev, "ike proposal", "default");
	cr_assert_not_null(def);
	cr_expect(def->builtin);
	/* acl 2000 is used by `nat outbound 2000` */
	def = def_of(pf.dev, "acl", "2000");
	cr_assert_not_null(def);
	cr_expect_gt(def->refs, 0);
	parsed_file_free(&pf);
}

Test(huawei_realworld, spokes)
{
	static const struct {
		const char *file, *id, *local;
	} spokes[] = {
		{RW "huawei/luschaev-ar1000v-spoke-br01.cfg", "Border01-BR01/ipsec-profile:HQ-01-PROF",
		 "2.58.17.1"},
		{RW "huawei/luschaev-ar1000v-spoke-br02.cfg", "Border01-BR02/ipsec-profile:HQ-01-PROF",
		 "195.147.98.1"},
	};

	NEED_REALWORLD();
	for (size_t i = 0; i < sizeof(spokes) / sizeof(spokes[0]); i++) {
		struct parsed_file pf;
		const struct tunnel *t;

		parse_path(&pf, spokes[i].file);
		cr_expect_eq(pf.fs.n, 0, "%s: findings", spokes[i].file);
		cr_expect_eq(pf.dev->dialect, DIALECT_HW_AR_NEW);
		t = only_tunnel(&pf);
		cr_expect_str_eq(t->id, spokes[i].id);
		expect_endpoints(t, spokes[i].local, "14.1.2.1", NULL);
		parsed_file_free(&pf);
	}
}

Test(huawei_realworld, ar1220f_policy_based)
{
	struct parsed_file pf;
	const struct tunnel *t;
	const struct ike_proposal *p;
	const struct selector *s;
	char b[64];
	char rt[128];

	NEED_REALWORLD();
	parse_path(&pf, RW "huawei/saidvandeklundert-ar1220f-to-juniper-mx104.cfg");
	dump_findings(&pf);
	cr_expect_eq(pf.fs.n, 0);
	cr_expect_str_eq(pf.dev->name, "saidvandeklundert-ar1220f-to-juniper-mx104",
			 "no sysname: the file stem");
	cr_expect_eq(pf.dev->dialect, DIALECT_HW_AR_OLD);
	t = only_tunnel(&pf);
	cr_expect_str_eq(t->id, "saidvandeklundert-ar1220f-to-juniper-mx104/ipsec-policy:ipsec-vpn:10");
	cr_expect_str_eq(t->name, "ipsec policy ipsec-vpn 10");
	cr_expect_str_eq(t->group, "ipsec-vpn");
	cr_expect_eq(t->seq, 10);
	cr_expect_eq(t->kind, TK_ISAKMP);
	expect_endpoints(t, "80.0.0.2", "172.31.255.10", NULL);
	cr_expect_eq(t->local.o.prov, PROV_WRITTEN, "the applied interface's address");
	cr_assert_not_null(t->ike);
	cr_expect_eq(t->ike->versions.v, IKE_V1, "ike peer mx104 v1");
	cr_expect_eq(t->ike->versions.o.prov, PROV_WRITTEN);
	cr_expect_eq(t->ike->psk.form, KEY_PLAIN, "pre-shared-key simple");
	cr_expect_eq(t->ike->psk.len, strlen("ar1220fmx104"));
	cr_expect_eq(t->ike->psk.o.span.line, 16);
	cr_expect_eq(t->ike->psk.o.span.col, 24);
	cr_assert_eq(t->ike->nproposals, 1);
	p = t->ike->proposals[0];
	cr_expect(algset_has(&p->enc, ENC_AES256), "aes-cbc-256 is aes-256");
	cr_expect_eq(p->enc.o.prov, PROV_WRITTEN);
	cr_expect(algset_has(&p->dh, 2));
	cr_expect_eq(p->lifetime_s.v, 12000);
	cr_expect_eq(p->lifetime_s.o.prov, PROV_WRITTEN);
	/* no authentication-algorithm: a created AR-old proposal hashes with SHA-256 [C:S3] */
	cr_expect(algset_has(&p->hash, INTEG_SHA256));
	cr_expect_eq(p->hash.n, 1);
	cr_expect_eq(p->hash.o.prov, PROV_DEFAULT);
	cr_expect_eq(p->hash.o.span.line, 10, "a default points at the proposal's view line");
	cr_expect_eq(p->auth.v, AUTH_PSK);
	cr_expect_eq(t->ipsec.lifetime_s.v, 3600);
	cr_expect_eq(t->ipsec.lifetime_s.o.prov, PROV_DEFAULT);
	cr_expect_eq(t->ipsec.lifetime_kb.v, 1843200);
	cr_assert_not_null(t->selectors);
	cr_assert_eq(t->selectors->n, 1);
	s = &t->selectors->rules[0];
	cr_expect_eq(s->rule_id, 10);
	cr_expect_eq(s->action, SEL_PERMIT);
	cr_expect_eq(s->proto, -1);
	cr_expect_str_eq(sel_src(s, b, sizeof(b)), "192.168.168.0/24");
	cr_expect_str_eq(sel_dst(s, b, sizeof(b)), "192.168.167.0/24");
	cr_expect_str_eq(s->src.text, "192.168.168.0 0.0.0.255");
	cr_expect_str_eq(
		model_sel_text(s, &pf.src, rt, sizeof(rt)),
		"rule 10 permit ip source 192.168.168.0 0.0.0.255 destination 192.168.167.0 0.0.0.255");
	cr_expect_eq(s->line, 4);
	cr_expect_eq(s->col, 2);
	cr_expect_eq(s->end_col, 85);
	parsed_file_free(&pf);
}

Test(huawei_realworld, manual_sa_notes_keep_spis)
{
	static const struct {
		const char *file, *local, *remote;
		uint32_t comments[5][2];
		size_t ncomments;
		uint32_t rule_line;
	} notes[] = {
		{RW "huawei-annotated/notes-manual-sa-r1.cfg",
		 "1.1.1.1",
		 "2.1.1.1",
		 {{1, 1}, {7, 23}, {11, 30}, {17, 85}, {19, 86}},
		 5,
		 3},
		{RW "huawei-annotated/notes-manual-sa-r2.cfg",
		 "2.1.1.1",
		 "1.1.1.1",
		 {{5, 23}, {11, 30}, {17, 85}, {19, 86}},
		 4,
		 2},
	};

	NEED_REALWORLD();
	for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
		struct parsed_file pf;
		const struct tunnel *t;
		const struct manual_sa_half *in, *out;

		parse_path(&pf, notes[i].file);
		dump_findings(&pf);
		/* each annotation: one precise diagnostic */
		cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), notes[i].ncomments, "%s", notes[i].file);
		for (size_t k = 0; k < notes[i].ncomments; k++)
			cr_expect_not_null(finding_at(&pf, R_SYNTAX_ERROR, notes[i].comments[k][0],
						      notes[i].comments[k][1]),
					   "%s: '//' at %u:%u", notes[i].file, notes[i].comments[k][0],
					   notes[i].comments[k][1]);
		cr_expect_eq(count_rule(&pf, R_UNKNOWN_STATEMENT), 1, "the unindented rule");
		cr_expect_not_null(finding_at(&pf, R_UNKNOWN_STATEMENT, notes[i].rule_line, 1));
		cr_expect_eq(pf.fs.n, notes[i].ncomments + 1, "nothing else");
		cr_expect_eq(pf.status, FILE_PARTIAL);
		/* and everything is still modelled */
		t = only_tunnel(&pf);
		cr_expect_eq(t->kind, TK_MANUAL);
		cr_expect_null(t->ike);
		expect_endpoints(t, notes[i].local, notes[i].remote, NULL);
		cr_assert_not_null(t->manual);
		in = &t->manual->h[SA_IN][SA_ESP];
		out = &t->manual->h[SA_OUT][SA_ESP];
		cr_expect_eq(in->spi.v, 54321);
		cr_expect_eq(in->spi.o.prov, PROV_WRITTEN);
		cr_expect_eq(out->spi.v, 12345);
		cr_expect_eq(in->auth_key.form, KEY_DEVICE_CIPHER);
		cr_expect_eq(out->auth_key.form, KEY_DEVICE_CIPHER);
		cr_expect_eq(t->manual->h[SA_IN][SA_AH].spi.o.prov, PROV_UNSET);
		cr_assert_not_null(t->selectors);
		cr_expect_eq(t->selectors->n, 1, "the unindented rule belongs to acl 3101");
		cr_assert_eq(t->ipsec.nproposals, 1);
		cr_expect_str_eq(t->ipsec.proposals[0]->name, "tran1");
		cr_expect(algset_has(&t->ipsec.proposals[0]->esp_enc, ENC_AES128),
			  "trailing comment stripped");
		cr_expect(!messages_contain(&pf, "%^%#"), "no cipher text in any message");
		parsed_file_free(&pf);
	}
}

Test(huawei_realworld, jdcloud_snippet_masked_addresses)
{
	struct parsed_file pf;
	const struct tunnel *t;
	const struct finding *f;

	NEED_REALWORLD();
	parse_path(&pf, RW "huawei-annotated/jdcloud-usg6530-doc-snippet.cfg");
	dump_findings(&pf);
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 0, "two-space top level, # comments");
	cr_expect_eq(count_rule(&pf, R_INVALID_VALUE), 2);
	f = finding_at(&pf, R_INVALID_VALUE, 21, 20);
	cr_assert_not_null(f, "remote-address 116.xxx.xxx.10");
	cr_expect_eq(f->loc.end_col, 33);
	cr_expect_not_null(strstr(f->message, "116.xxx.xxx.10"));
	cr_expect_not_null(finding_at(&pf, R_INVALID_VALUE, 35, 18), "tunnel local 220.xxx.xxx.150");
	cr_expect_eq(pf.fs.n, 2);
	cr_expect_eq(pf.dev->dialect, DIALECT_HW_USG_E, "exchange-mode auto");
	t = only_tunnel(&pf);
	cr_expect(t->applied);
	cr_expect_eq(t->local.addr.kind, ASPEC_NONE,
		     "masked tunnel local: unknown, not the interface address");
	cr_expect_eq(t->nremotes, 0);
	cr_assert_not_null(t->ike);
	cr_expect_eq(t->ike->versions.v, IKE_V2, "undo version 1");
	cr_expect_eq(t->ike->exchange.v, XCHG_AUTO);
	cr_expect_eq(t->ike->psk.form, KEY_PLAIN, "bare pre-shared-key secret");
	cr_assert_eq(t->ike->nproposals, 1);
	cr_expect_eq(t->ike->proposals[0]->lifetime_s.v, 14400);
	cr_expect(algset_has(&t->ike->proposals[0]->dh, 19));
	cr_expect_eq(t->ipsec.pfs.v, 14);
	cr_expect_eq(t->ipsec.lifetime_kb.v, 0);
	cr_expect_eq(t->ipsec.lifetime_kb.o.prov, PROV_WRITTEN);
	cr_assert_not_null(t->selectors, "acl 3002 defined after the policy");
	cr_expect_eq(t->selectors->n, 1);
	cr_expect_eq(t->selectors->rules[0].col, 5);
	cr_expect(!messages_contain(&pf, "secret"));
	parsed_file_free(&pf);
}

/* ---- vendor detection ------------------------------------------------------- */

static enum vendor detect_file(const char *path, const char **why)
{
	struct source s;
	char *err = NULL;
	enum vendor v;

	cr_assert_eq(source_load(&s, path, &err), 0, "%s", path);
	v = detect_vendor(&s, why);
	source_free(&s);
	return v;
}

Test(huawei_detect, realworld_files)
{
	static const struct {
		const char *path;
		enum vendor v;
	} files[] = {
		{RW "huawei/luschaev-ar1000v-hub-hq01.cfg", VENDOR_HUAWEI},
		{RW "huawei/luschaev-ar1000v-spoke-br01.cfg", VENDOR_HUAWEI},
		{RW "huawei/luschaev-ar1000v-spoke-br02.cfg", VENDOR_HUAWEI},
		{RW "huawei/saidvandeklundert-ar1220f-to-juniper-mx104.cfg", VENDOR_HUAWEI},
		{RW "huawei-annotated/jdcloud-usg6530-doc-snippet.cfg", VENDOR_HUAWEI},
		{RW "huawei-annotated/notes-manual-sa-r1.cfg", VENDOR_HUAWEI},
		{RW "huawei-annotated/notes-manual-sa-r2.cfg", VENDOR_HUAWEI},
		{RW "aix/badorius-aix61-lsfilt-a-v4-O-after-genfilt.lsfilt", VENDOR_AIX},
		{RW "aix/badorius-aix61-lsfilt-a-v4-O-default-deny.lsfilt", VENDOR_AIX},
		{RW "aix/blog-aix-lsfilt-v4-O-default-rules.lsfilt", VENDOR_AIX},
		{RW "aix/disa-stig-aix7-sv215429-lsfilt-human.lsfilt", VENDOR_AIX},
		{RW "aix/disa-stig-aix7-sv219057-lsfilt-rule0-v4-v6-human.lsfilt", VENDOR_AIX},
		{RW "aix-annotated/ibm-ansible-power-aix-mkfilt-docstring.lsfilt", VENDOR_AIX},
	};

	NEED_REALWORLD();
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		const char *why = NULL;
		cr_expect_eq(detect_file(files[i].path, &why), files[i].v, "%s: %s", files[i].path,
			     why ? why : "");
	}
}

/* the repository's own files: this test runs without ../shared */
Test(huawei_detect, fixture_files)
{
	static const struct {
		const char *path;
		enum vendor v;
		const char *why; /* NULL: not checked */
	} files[] = {
		{"fixtures/unknown/unknown-format--notes.txt", VENDOR_UNKNOWN,
		 "no Huawei, HP-UX or AIX statement found"},
		{EX "4.1-routera.cfg", VENDOR_HUAWEI, NULL},
		{"fixtures/hpux/examples/4.1-hostA.batch", VENDOR_HPUX, NULL},
		{"fixtures/aix/text/duplicate-definition--fires-tunnel.lstun", VENDOR_AIX, NULL},
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		const char *why = NULL;

		cr_expect_eq(detect_file(files[i].path, &why), files[i].v, "%s: %s", files[i].path,
			     why ? why : "");
		if (files[i].why)
			cr_expect_str_eq(why ? why : "(none)", files[i].why, "%s: why", files[i].path);
	}
}

static enum vendor detect_text(const char *text, size_t len, const char **why)
{
	struct source s;
	enum vendor v;

	source_from_buffer(&s, "x.txt", text, len);
	v = detect_vendor(&s, why);
	source_free(&s);
	return v;
}

Test(huawei_detect, other_vendors_and_binary)
{
	static const char hpux[] =
		"add host h1 -source 10.0.0.1 -destination 10.0.0.2 -action ESP_AES128_HMAC_SHA1 "
		"-priority 10\n";
	static const char aixml[] =
		"<?xml version=\"1.0\"?>\n<AIX_VPN>\n <IKETunnel IKE_TunnelName=\"t\"/>\n</AIX_VPN>\n";
	static const char lstun[] =
		"3|10.10.11.72|10.10.11.98|encr/auth|encr/auth|||Tunnel|480|1000|1001|HMAC_MD5|"
		"HMAC_MD5|0x1|0x2|1002|1003|DES_CBC_8|DES_CBC_8|0x3|0x4|||||N|Y\n";
	static const char exp[] =
		"4 3 permit 10.199.168.154 255.255.255.255 192.0.2.10 255.255.255.255 y all any 0 "
		"eq  2222 all both  both     no yes 0 no 0 patt_none \n";
	static const char bin[] = "ike peer x\n\0\0\0\x01\x02 binary";
	const char *why = NULL;

	cr_expect_eq(detect_text(hpux, strlen(hpux), &why), VENDOR_HPUX);
	cr_expect_eq(detect_text(aixml, strlen(aixml), &why), VENDOR_AIX);
	cr_expect_eq(detect_text(lstun, strlen(lstun), &why), VENDOR_AIX);
	cr_expect_eq(detect_text(exp, strlen(exp), &why), VENDOR_AIX);
	cr_expect_eq(detect_text(bin, sizeof(bin) - 1, &why), VENDOR_UNKNOWN);
	cr_expect_str_eq(why, "binary data");
	cr_expect_eq(detect_text("", 0, &why), VENDOR_UNKNOWN);
	cr_expect_eq(detect_text("hello world\nthis is prose\n", 26, &why), VENDOR_UNKNOWN);
	cr_expect_str_eq(why, "no Huawei, HP-UX or AIX statement found");
}

/* ---- dialects and lookalikes ------------------------------------------------ */

Test(huawei_dialect, rule_fixtures)
{
	static const struct {
		const char *file;
		enum dialect d;
		bool foreign;
	} files[] = {
		{RULES "foreign-dialect--fires-h3c-comware5.cfg", DIALECT_NONE, true},
		{RULES "foreign-dialect--fires-h3c-comware7.cfg", DIALECT_NONE, true},
		{RULES "foreign-dialect--fires-vrp8-saved.cfg", DIALECT_NONE, true},
		{RULES "foreign-dialect--fires-vrp8-transcript.cfg", DIALECT_NONE, true},
		{RULES "foreign-dialect--near-miss-ar-old.cfg", DIALECT_HW_AR_OLD, false},
		{RULES "foreign-dialect--near-miss-usg.cfg", DIALECT_HW_USG, false},
		{RULES "foreign-dialect--near-miss.cfg", DIALECT_HW_AR_NEW, false},
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct parsed_file pf;

		parse_path(&pf, files[i].file);
		cr_expect_eq(count_rule(&pf, R_FOREIGN_DIALECT), files[i].foreign ? 1 : 0, "%s",
			     files[i].file);
		if (files[i].d != DIALECT_NONE)
			cr_expect_eq(pf.dev->dialect, files[i].d, "%s: %s", files[i].file,
				     model_dialect_name(pf.dev->dialect));
		cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 0, "%s: lookalikes parse best-effort",
			     files[i].file);
		parsed_file_free(&pf);
	}
}

Test(huawei_dialect, foreign_points_at_first_evidence)
{
	struct parsed_file pf;
	const struct finding *f;

	parse_path(&pf, RULES "foreign-dialect--fires-vrp8-transcript.cfg");
	f = nth_rule(&pf, R_FOREIGN_DIALECT, 0);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, 3, "the first [~HUAWEI] prompt");
	cr_expect_not_null(strstr(f->message, "VRP8"));
	/* the transcript is still modelled: prompts decide the views */
	cr_assert_eq(pf.dev->ntunnels, 1);
	cr_expect_str_eq(pf.dev->tunnels[0]->id,
			 "foreign-dialect--fires-vrp8-transcript/ipsec-policy:VPN:10");
	cr_assert_not_null(pf.dev->tunnels[0]->selectors);
	cr_expect_eq(pf.dev->tunnels[0]->selectors->n, 1);
	parsed_file_free(&pf);

	parse_path(&pf, RULES "foreign-dialect--fires-h3c-comware5.cfg");
	f = nth_rule(&pf, R_FOREIGN_DIALECT, 0);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, 2);
	cr_expect_not_null(strstr(f->message, "H3C"));
	cr_expect(!messages_contain(&pf, "Qm8vR2"), "the $c$3$ key is never quoted");
	parsed_file_free(&pf);
}

Test(huawei_dialect, markers)
{
	static const struct {
		const char *text;
		enum dialect d;
	} cases[] = {
		{"ike peer A v2\n remote-address 1.1.1.1\n", DIALECT_HW_AR_OLD},
		{"ike proposal 1\n encryption-algorithm aes-cbc-128\n", DIALECT_HW_AR_OLD},
		{"[V300R019C00SPC300]\n#\nike peer A\n", DIALECT_HW_AR_NEW},
		{"ike peer A\n version 2\n", DIALECT_HW_AR_NEW},
		{"ike peer A\n pre-shared-key Key-12345678\n", DIALECT_HW_USG},
		{"interface GigabitEthernet1/0/0\n ipsec policy P auto-neg\n", DIALECT_HW_USG},
		{"ike peer A\n exchange-mode auto\n undo version 1\n", DIALECT_HW_USG_E},
		{"interface GigabitEthernet1/0/0\n ipsec policy P master\n", DIALECT_HW_USG_E},
		{"sysname X\n", DIALECT_HW_AR_NEW},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed_file pf;

		parse_text(&pf, cases[i].text);
		cr_expect_eq(pf.dev->dialect, cases[i].d, "case %zu: %s", i,
			     model_dialect_name(pf.dev->dialect));
		/* only USG-E refuses weak algorithms (unless WEAKEA is loaded) */
		if (cases[i].d == DIALECT_HW_USG_E) {
			cr_expect_str_eq(pf.dev->weak_refused_by, "USG-E", "case %zu", i);
			cr_expect_str_eq(pf.dev->weak_allowed_by, "the WEAKEA module", "case %zu", i);
		} else {
			cr_expect_null(pf.dev->weak_refused_by, "case %zu", i);
		}
		parsed_file_free(&pf);
	}
}

/* ---- defaults and their provenance ------------------------------------------ */

static const char base_policy[] =
	"acl number 3000\n"
	" rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255\n"
	"ipsec policy P 10 isakmp\n"
	" security acl 3000\n"
	" ike-peer A\n"
	" proposal T\n"
	"interface GigabitEthernet0/0/1\n"
	" ip address 203.0.113.2 255.255.255.0\n"
	" ipsec policy P\n";

static void parse_with(struct parsed_file *pf, const char *extra)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s%s", extra, base_policy);
	parse_text(pf, buf);
}

/* parse_with(), and the one tunnel, which has an IKE side */
static const struct tunnel *ike_tunnel_with(struct parsed_file *pf, const char *extra)
{
	const struct tunnel *t;

	parse_with(pf, extra);
	t = only_tunnel(pf);
	cr_assert_not_null(t->ike);
	return t;
}

Test(huawei_defaults, ipsec_proposal_without_transform_is_esp)
{
	struct parsed_file pf;
	const struct ipsec_proposal *p;

	parse_with(&pf,
		   "ike peer A\n pre-shared-key cipher Secret-Key-1234567\n remote-address 198.51.100.1\n"
		   "ipsec proposal T\n");
	cr_assert_eq(pf.dev->ntunnels, 1);
	cr_assert_eq(pf.dev->tunnels[0]->ipsec.nproposals, 1);
	p = pf.dev->tunnels[0]->ipsec.proposals[0];
	cr_expect_eq(p->proto.v, PROTO_ESP);
	cr_expect_eq(p->proto.o.prov, PROV_DEFAULT);
	cr_expect_eq(p->proto.o.span.line, 4, "the default points at the proposal's line");
	cr_expect_eq(p->mode.v, ENCAP_TUNNEL);
	cr_expect_eq(p->mode.o.prov, PROV_DEFAULT);
	cr_expect(algset_has(&p->esp_enc, ENC_AES256));
	cr_expect(algset_has(&p->esp_integ, INTEG_SHA256));
	cr_expect_eq(p->esp_enc.o.prov, PROV_DEFAULT_ASSUMED, "AR: ESP algorithm defaults are [U]");
	cr_expect_eq(p->ah_integ.n, 0, "no AH in an ESP proposal");
	parsed_file_free(&pf);

	/* USG-E documents them [C:S1] */
	parse_with(&pf, "ike peer A\n pre-shared-key Secret-Key-1234567\n exchange-mode auto\n"
			" remote-address 198.51.100.1\nipsec proposal T\n transform ah-esp\n");
	cr_assert_eq(pf.dev->dialect, DIALECT_HW_USG_E);
	p = pf.dev->tunnels[0]->ipsec.proposals[0];
	cr_expect_eq(p->proto.v, PROTO_AH_ESP);
	cr_expect_eq(p->proto.o.prov, PROV_WRITTEN);
	cr_expect_eq(p->esp_enc.o.prov, PROV_DEFAULT);
	cr_expect(algset_has(&p->ah_integ, INTEG_SHA256));
	cr_expect_eq(p->ah_integ.o.prov, PROV_DEFAULT);
	parsed_file_free(&pf);
}

Test(huawei_defaults, ike_proposals_versions_lifetimes)
{
	struct parsed_file pf;
	const struct tunnel *t;
	const struct ike_proposal *p;

	/* no ike-proposal: every proposal in number order, then the built-in default */
	t = ike_tunnel_with(
		&pf, "ike proposal 20\n encryption-algorithm aes-128\nike proposal 5\n"
		     "ike peer A\n pre-shared-key cipher Secret-Key-1234567\n remote-address 198.51.100.1\n"
		     "ipsec proposal T\nipsec sa global-duration time-based 7200\n");
	cr_assert_eq(t->ike->nproposals, 3);
	cr_expect_str_eq(t->ike->proposals[0]->name, "5");
	cr_expect_str_eq(t->ike->proposals[1]->name, "20");
	cr_expect_str_eq(t->ike->proposals[2]->name, "default");
	cr_expect(t->ike->proposals[2]->builtin);
	/* AR-new: created proposals are as printed, probably the defaults [I] */
	p = t->ike->proposals[0];
	cr_expect(algset_has(&p->enc, ENC_AES256));
	cr_expect(algset_has(&p->dh, 14));
	cr_expect_eq(p->enc.o.prov, PROV_DEFAULT_ASSUMED);
	cr_expect_eq(p->lifetime_s.v, 86400);
	p = t->ike->proposals[1];
	cr_expect(algset_has(&p->enc, ENC_AES128));
	cr_expect_eq(p->enc.o.prov, PROV_WRITTEN);
	/* the unprinted default proposal of AR-new offers three AES sizes */
	p = t->ike->proposals[2];
	cr_expect_eq(p->enc.n, 3);
	cr_expect_eq(p->enc.o.prov, PROV_DEFAULT);
	/* versions: none written, AR default assumed */
	cr_expect_eq(t->ike->versions.v, IKE_V1 | IKE_V2);
	cr_expect_eq(t->ike->versions.o.prov, PROV_DEFAULT_ASSUMED);
	cr_expect_eq(t->ike->exchange.v, XCHG_MAIN);
	cr_expect_eq(t->ike->exchange.o.prov, PROV_DEFAULT_ASSUMED);
	/* lifetime: the global duration, traffic default confirmed for AR */
	cr_expect_eq(t->ipsec.lifetime_s.v, 7200);
	cr_expect_eq(t->ipsec.lifetime_s.o.prov, PROV_WRITTEN);
	cr_expect_eq(t->ipsec.lifetime_kb.v, 1843200);
	cr_expect_eq(t->ipsec.lifetime_kb.o.prov, PROV_DEFAULT);
	cr_expect_eq(t->ipsec.pfs.v, 0);
	cr_expect_eq(t->ipsec.pfs.o.prov, PROV_DEFAULT_ASSUMED);
	/* every proposal is referenced (implicitly): none is unused */
	cr_expect_gt(def_of(pf.dev, "ike proposal", "20")->refs, 0);
	cr_expect_gt(def_of(pf.dev, "ike proposal", "5")->refs, 0);
	parsed_file_free(&pf);

	/* AR-old: the created and the default proposal are documented [C:S3] */
	t = ike_tunnel_with(&pf, "ike proposal 1\nike peer A v1\n pre-shared-key simple Secret-Key-1234567\n"
				 " remote-address 198.51.100.1\nipsec proposal T\n");
	cr_assert_eq(pf.dev->dialect, DIALECT_HW_AR_OLD);
	cr_assert_eq(t->ike->nproposals, 2);
	p = t->ike->proposals[0];
	cr_expect(algset_has(&p->dh, 2));
	cr_expect_eq(p->dh.o.prov, PROV_DEFAULT);
	p = t->ike->proposals[1];
	cr_expect(algset_has(&p->enc, ENC_DES));
	cr_expect(algset_has(&p->dh, 1));
	cr_expect_eq(p->enc.o.prov, PROV_DEFAULT);
	parsed_file_free(&pf);

	/* USG: both versions observed [O:E6]; undo version removes one */
	t = ike_tunnel_with(&pf,
			    "ike peer A\n pre-shared-key Secret-Key-1234567\n remote-address 198.51.100.1\n"
			    "ipsec proposal T\n");
	cr_assert_eq(pf.dev->dialect, DIALECT_HW_USG);
	cr_expect_eq(t->ike->versions.v, IKE_V1 | IKE_V2);
	cr_expect_eq(t->ike->versions.o.prov, PROV_DEFAULT);
	cr_expect_eq(t->ike->exchange.o.prov, PROV_DEFAULT);
	cr_expect_eq(t->ipsec.lifetime_kb.v, 10485760);
	cr_expect_eq(t->ipsec.lifetime_kb.o.prov, PROV_DEFAULT_ASSUMED);
	parsed_file_free(&pf);
}

/* ---- keys --------------------------------------------------------------------- */

Test(huawei_keys, forms)
{
	static const struct {
		const char *line;
		enum key_form form;
		size_t len;
		bool hex_looking;
	} cases[] = {
		{" pre-shared-key simple Abc-123-xyz\n", KEY_PLAIN, 11, false},
		{" pre-shared-key cipher Huawei123\n", KEY_PLAIN, 9, false},
		{" pre-shared-key cipher %^%#JvZxR2g8c;a9~FPN~n'$7`DEV&=G(=Et02P/%\\*!%^%#\n",
		 KEY_DEVICE_CIPHER, 0, false},
		{" pre-shared-key %$%$~))(1AH)p1jT7(+$Z;C)\\>5,%$%$\n", KEY_DEVICE_CIPHER, 0, false},
		{" pre-shared-key simple %@%@abcdefghijklmnop%@%@\n", KEY_DEVICE_CIPHER, 0, false},
		{" pre-shared-key Bare-Key-9\n", KEY_PLAIN, 10, false},
		{" pre-shared-key simple \"two words key\"\n", KEY_PLAIN, 13, false},
		{" pre-shared-key simple 0x6a8f00ff\n", KEY_PLAIN, 10, true},
		{" pre-shared-key simple 6a8f00ff\n", KEY_PLAIN, 8, true},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed_file pf;
		char buf[512];
		const struct tunnel *t;

		snprintf(buf, sizeof(buf), "ike peer A\n%s remote-address 198.51.100.1\nipsec proposal T\n",
			 cases[i].line);
		t = ike_tunnel_with(&pf, buf);
		cr_expect_eq(t->ike->psk.form, cases[i].form, "case %zu", i);
		if (cases[i].len)
			cr_expect_eq(t->ike->psk.len, cases[i].len, "case %zu", i);
		cr_expect_eq(t->ike->psk.hex_looking, cases[i].hex_looking, "case %zu", i);
		cr_expect_eq(t->ike->psk.o.prov, PROV_WRITTEN);
		cr_expect_eq(t->ike->psk.o.span.line, 2);
		parsed_file_free(&pf);
	}
}

Test(huawei_keys, manual_keys_and_messages_never_hold_them)
{
	struct parsed_file pf;
	const struct tunnel *t;
	const struct manual_sa_half *h;

	parse_text(&pf,
		   "acl number 3000\n rule 5 permit ip\n"
		   "ipsec proposal T\n transform ah\n"
		   "ipsec policy M 10 manual\n security acl 3000\n proposal T\n tunnel local 10.0.0.1\n"
		   " tunnel remote 10.0.0.2\n sa spi inbound ah 300\n sa spi outbound ah 400\n"
		   " sa authentication-hex inbound ah simple 00112233445566778899aabbccddeeff\n"
		   " sa authentication-hex outbound ah simple 00112233zz\n"
		   " sa string-key outbound esp Plain-Text-Key\n"
		   "interface GigabitEthernet0/0/1\n ip address 10.0.0.1 255.255.255.0\n ipsec policy M\n");
	dump_findings(&pf);
	t = only_tunnel(&pf);
	cr_expect_eq(t->kind, TK_MANUAL);
	h = &t->manual->h[SA_IN][SA_AH];
	cr_expect_eq(h->spi.v, 300);
	cr_expect_eq(h->auth_key.form, KEY_HEX);
	cr_expect_eq(h->auth_key.len, 16);
	cr_expect_eq(h->auth_key.bytes[15], 0xff);
	cr_expect_eq(t->manual->h[SA_OUT][SA_ESP].auth_key.form, KEY_PLAIN);
	/* a malformed hex key is an invalid value, and the message does not repeat it */
	cr_expect_eq(count_rule(&pf, R_INVALID_VALUE), 1);
	cr_expect_not_null(finding_at(&pf, R_INVALID_VALUE, 13, 43));
	cr_expect(!messages_contain(&pf, "00112233"));
	cr_expect(!messages_contain(&pf, "Plain-Text-Key"));
	/* outbound AH has an SPI but its key was malformed */
	cr_expect_eq(count_rule(&pf, R_MISSING_MANDATORY), 1);
	cr_expect_not_null(strstr(nth_rule(&pf, R_MISSING_MANDATORY, 0)->message, "outbound ah key"));
	parsed_file_free(&pf);
}

/* ---- ACLs ------------------------------------------------------------------- */

/* a rule ID written again replaces its rule in place; IDs above every one so far are new rules */
Test(huawei_acl, rule_written_again_replaces_it)
{
	struct parsed_file pf;
	const struct sel_list *l;
	char b[64];

	parse_text(&pf, "acl number 3001\n"
			" rule 10 permit ip source 10.0.0.0 0.0.0.255\n"
			" rule 20 permit ip source 10.0.1.0 0.0.0.255\n"
			" rule 10 deny ip source 10.0.2.0 0.0.0.255\n"
			" rule permit ip source 10.0.3.0 0.0.0.255\n"
			" rule 20 permit ip source 10.0.4.0 0.0.0.255\n");
	cr_assert_eq(pf.dev->nsel_lists, 1);
	l = pf.dev->sel_lists[0];
	cr_assert_eq(l->n, 3, "rules 10, 20 and 25");
	cr_expect_eq(l->rules[0].rule_id, 10);
	cr_expect_eq(l->rules[0].action, SEL_DENY, "the second rule 10 replaced the first");
	cr_expect_eq(l->rules[0].line, 4);
	cr_expect_str_eq(sel_src(&l->rules[0], b, sizeof(b)), "10.0.2.0/24");
	cr_expect_eq(l->rules[1].rule_id, 20);
	cr_expect_str_eq(sel_src(&l->rules[1], b, sizeof(b)), "10.0.4.0/24");
	cr_expect_eq(l->rules[2].rule_id, 25, "the next multiple of the step above 20");
	cr_expect_str_eq(l->rules[2].src.text, "10.0.3.0 0.0.0.255");
	parsed_file_free(&pf);
}

Test(huawei_acl, reentered_after_its_view_closed)
{
	struct parsed_file pf;
	const struct sel_list *l;
	char b[64];

	/* the ACL's rules are shrunk to fit when its view closes; entered again,
	 * it grows from there, and the first rules are intact */
	parse_text(&pf, "acl number 3001\n"
			" rule 5 permit ip source 10.0.0.0 0.0.0.255\n"
			" rule 10 permit ip source 10.0.1.0 0.0.0.255\n"
			" rule 15 permit ip source 10.0.2.0 0.0.0.255\n"
			"#\n"
			"acl number 3002\n"
			" rule 5 permit ip source 10.9.0.0 0.0.0.255\n"
			"#\n"
			"acl number 3001\n"
			" rule 20 permit ip source 10.0.3.0 0.0.0.255\n"
			" rule 5 deny ip source 10.0.4.0 0.0.0.255\n"
			"#\n");
	cr_assert_eq(pf.dev->nsel_lists, 2);
	l = pf.dev->sel_lists[0];
	cr_assert_str_eq(l->name, "3001");
	cr_assert_eq(l->n, 4);
	cr_expect_eq(l->cap, l->n, "no slack left once the view closed");
	cr_expect_eq(l->rules[0].action, SEL_DENY, "rule 5, written again after the re-entry");
	cr_expect_eq(l->rules[0].line, 11);
	cr_expect_str_eq(sel_src(&l->rules[0], b, sizeof(b)), "10.0.4.0/24");
	cr_expect_str_eq(sel_src(&l->rules[1], b, sizeof(b)), "10.0.1.0/24");
	cr_expect_str_eq(sel_src(&l->rules[2], b, sizeof(b)), "10.0.2.0/24");
	cr_expect_eq(l->rules[3].rule_id, 20);
	cr_expect_eq(l->rules[3].line, 10);
	cr_expect_str_eq(sel_src(&l->rules[3], b, sizeof(b)), "10.0.3.0/24");
	cr_expect_str_eq(sel_src(&pf.dev->sel_lists[1]->rules[0], b, sizeof(b)), "10.9.0.0/24");
	parsed_file_free(&pf);
}

Test(huawei_acl, wildcards_ports_and_rule_ids)
{
	struct parsed_file pf;
	const struct sel_list *l;
	char b[64];
	char rt[128];

	parse_text(&pf,
		   "acl number 3000\n"
		   " rule permit ip source 10.1.1.0 0.0.0.255 destination 10.2.0.0 0.0.255.255\n"
		   " rule 7 deny tcp source 10.1.1.1 0 destination any destination-port eq 443\n"
		   " rule permit udp source any destination 10.3.0.0 0.0.255.0 source-port range 1000 2000\n"
		   " rule 2 permit icmp\n"
		   " rule permit tcp destination-port gt 1023 source-port lt 1024\n"
		   " rule permit 47 destination-port eq www\n"
		   "acl number 2000\n rule 5 permit source 192.168.110.0 0.0.0.255\n rule 20 deny\n"
		   "ipsec policy P 10 isakmp\n security acl 3000\n"
		   "interface Vlanif1\n traffic-filter inbound acl 2000\n");
	dump_findings(&pf);
	cr_expect_eq(pf.fs.n, 2, "two missing parts of the policy, nothing else");
	cr_assert_eq(pf.dev->nsel_lists, 2);
	l = pf.dev->sel_lists[0];
	cr_assert_eq(l->n, 6);
	/* in rule ID order: 2, 5, 7, 10, 15, 20 */
	cr_expect_eq(l->rules[0].rule_id, 2);
	cr_expect_eq(l->rules[0].proto, 1);
	cr_expect_eq(l->rules[1].rule_id, 5, "first auto ID is the step");
	cr_expect_str_eq(sel_src(&l->rules[1], b, sizeof(b)), "10.1.1.0/24");
	cr_expect_str_eq(sel_dst(&l->rules[1], b, sizeof(b)), "10.2.0.0/16");
	cr_expect_str_eq(l->rules[1].dst.text, "10.2.0.0 0.0.255.255");
	cr_expect_eq(l->rules[2].rule_id, 7);
	cr_expect_eq(l->rules[2].action, SEL_DENY);
	cr_expect_eq(l->rules[2].proto, 6);
	cr_expect_str_eq(sel_src(&l->rules[2], b, sizeof(b)), "10.1.1.1", "wildcard 0 is a host");
	cr_expect_eq(l->rules[2].dst.kind, ASPEC_ANY);
	cr_expect_str_eq(l->rules[2].dst.text, "any");
	cr_expect_eq(l->rules[2].dport.lo, 443);
	cr_expect_eq(l->rules[2].dport.hi, 443);
	cr_expect_eq(l->rules[3].rule_id, 10, "the next multiple of 5 above 7");
	cr_expect_str_eq(sel_dst(&l->rules[3], b, sizeof(b)), "10.3.0.0 wildcard 0.0.255.0",
			 "non-contiguous");
	cr_expect_eq(l->rules[3].sport.lo, 1000);
	cr_expect_eq(l->rules[3].sport.hi, 2000);
	cr_expect_eq(l->rules[4].rule_id, 15);
	cr_expect_eq(l->rules[4].dport.lo, 1024);
	cr_expect_eq(l->rules[4].dport.hi, 65535);
	cr_expect_eq(l->rules[4].sport.hi, 1023);
	cr_expect_eq(l->rules[5].proto, 47);
	cr_expect_eq(l->rules[5].dport.lo, 80, "service name www");
	cr_expect_eq(l->rules[4].line, 6);
	cr_expect_eq(l->rules[4].col, 2);
	cr_expect_null(l->rules[4].text, "a Huawei rule's text is read from its line, not copied");
	cr_expect_str_eq(model_sel_text(&l->rules[4], &pf.src, rt, sizeof(rt)),
			 "rule permit tcp destination-port gt 1023 source-port lt 1024");
	/* the basic ACL: no protocol, deny-all as written */
	l = pf.dev->sel_lists[1];
	cr_assert_eq(l->n, 2);
	cr_expect_eq(l->rules[1].action, SEL_DENY);
	cr_expect_eq(l->rules[1].src.kind, ASPEC_ANY);
	cr_expect_gt(def_of(pf.dev, "acl", "2000")->refs, 0, "used by traffic-filter");
	parsed_file_free(&pf);
}

/* ---- diagnostics ------------------------------------------------------------- */

Test(huawei_diag, one_syntax_error_per_bad_line)
{
	struct parsed_file pf;
	const struct finding *f;

	parse_path(&pf, RULES "syntax-error--fires-dh-no-group.cfg");
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 1);
	f = nth_rule(&pf, R_SYNTAX_ERROR, 0);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, 13);
	cr_expect_eq(f->loc.col, 4, "right after 'dh'");
	cr_expect_eq(pf.status, FILE_PARTIAL);
	cr_expect_eq(pf.dev->ntunnels, 1, "the rest is modelled");
	parsed_file_free(&pf);

	parse_path(&pf, RULES "syntax-error--fires-acl-wildcard.cfg");
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 1);
	f = nth_rule(&pf, R_SYNTAX_ERROR, 0);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.line, 5);
	cr_expect_eq(f->loc.col, 35, "at 'destination'");
	parsed_file_free(&pf);

	parse_path(&pf, RULES "syntax-error--near-miss.cfg");
	cr_expect_eq(pf.fs.n, 0);
	cr_expect_eq(pf.status, FILE_OK);
	parsed_file_free(&pf);
}

Test(huawei_diag, unknown_statements_with_hints)
{
	struct parsed_file pf;
	const struct finding *f;

	parse_path(&pf, RULES "unknown-statement--fires-esp.cfg");
	cr_expect_eq(pf.fs.n, 1);
	f = nth_rule(&pf, R_UNKNOWN_STATEMENT, 0);
	cr_assert_not_null(f);
	cr_expect_not_null(strstr(f->message, "esp encryption-algoritm"));
	cr_assert_not_null(f->hint);
	cr_expect_not_null(strstr(f->hint, "esp encryption-algorithm"));
	parsed_file_free(&pf);

	parse_path(&pf, RULES "unknown-statement--fires-ike-proposal.cfg");
	f = nth_rule(&pf, R_UNKNOWN_STATEMENT, 0);
	cr_assert_not_null(f);
	cr_expect_eq(f->loc.col, 2);
	cr_assert_not_null(f->hint);
	cr_expect_not_null(strstr(f->hint, "'encryption-algorithm'"));
	parsed_file_free(&pf);

	/* non-IPsec views are skipped silently */
	parse_path(&pf, RULES "unknown-statement--near-miss-non-ipsec-views.cfg");
	cr_expect_eq(pf.fs.n, 0);
	cr_expect_gt(pf.dev->skipped_lines, 10);
	parsed_file_free(&pf);
}

Test(huawei_diag, invalid_values)
{
	static const struct {
		const char *file;
		uint32_t line, col;
	} files[] = {
		{RULES "invalid-value--fires-dh-group99.cfg", 14, 5},
		{RULES "invalid-value--fires-esp-aes-512.cfg", 10, 27},
		{RULES "invalid-value--fires-ip-address.cfg", 38, 13},
		{RULES "invalid-value--fires-port.cfg", 6, 91},
		{RULES "invalid-value--fires-sa-duration-0.cfg", 30, 25},
		{RULES "invalid-value--fires-sa-duration-10.cfg", 30, 25},
	};
	struct parsed_file pf;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		parse_path(&pf, files[i].file);
		cr_expect_eq(pf.fs.n, 1, "%s", files[i].file);
		cr_expect_not_null(finding_at(&pf, R_INVALID_VALUE, files[i].line, files[i].col), "%s",
				   files[i].file);
		parsed_file_free(&pf);
	}
	parse_path(&pf, RULES "invalid-value--near-miss.cfg");
	cr_expect_eq(pf.fs.n, 0);
	parsed_file_free(&pf);

	parse_text(
		&pf,
		"ipsec policy P 0 isakmp\nipsec policy P 10001 isakmp\nacl number 1000\n"
		"ike proposal 1\n sa duration 59\n dh group5\n"
		"interface GigabitEthernet0/0/1\n ip address 10.1.1.1 33\n ip address 10.1.1.1 255.0.255.0\n");
	cr_expect_not_null(finding_at(&pf, R_INVALID_VALUE, 1, 16), "seq 0");
	cr_expect_not_null(finding_at(&pf, R_INVALID_VALUE, 2, 16), "seq 10001");
	cr_expect_not_null(finding_at(&pf, R_INVALID_VALUE, 3, 12), "acl number 1000");
	cr_expect_not_null(finding_at(&pf, R_INVALID_VALUE, 5, 14), "IKE lifetime 59 s");
	cr_expect_not_null(finding_at(&pf, R_INVALID_VALUE, 8, 22), "prefix 33");
	cr_expect_not_null(finding_at(&pf, R_INVALID_VALUE, 9, 22), "non-contiguous mask");
	cr_expect_eq(count_rule(&pf, R_INVALID_VALUE), 6);
	parsed_file_free(&pf);
}

Test(huawei_diag, missing_mandatory)
{
	static const struct {
		const char *file;
		const char *what;
	} files[] = {
		{RULES "missing-mandatory--fires-no-acl.cfg", "'security acl'"},
		{RULES "missing-mandatory--fires-no-ike-peer.cfg", "'ike-peer'"},
		{RULES "missing-mandatory--fires-no-proposal.cfg", "'proposal'"},
		{RULES "missing-mandatory--fires-manual-no-keys.cfg", "inbound esp SPI"},
	};
	struct parsed_file pf;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		const struct finding *f;
		parse_path(&pf, files[i].file);
		cr_expect_eq(count_rule(&pf, R_MISSING_MANDATORY), 1, "%s", files[i].file);
		f = nth_rule(&pf, R_MISSING_MANDATORY, 0);
		cr_assert_not_null(f, "%s", files[i].file);
		cr_expect_not_null(strstr(f->message, files[i].what), "%s: %s", files[i].file, f->message);
		cr_expect_not_null(strstr(f->message, "'VPN 10'"), "%s names the object", files[i].file);
		parsed_file_free(&pf);
	}
	static const char *const near[] = {RULES "missing-mandatory--near-miss.cfg",
					   RULES "missing-mandatory--near-miss-manual.cfg",
					   RULES "missing-mandatory--near-miss-template-no-acl.cfg"};
	for (size_t i = 0; i < sizeof(near) / sizeof(near[0]); i++) {
		parse_path(&pf, near[i]);
		cr_expect_eq(count_rule(&pf, R_MISSING_MANDATORY), 0, "%s", near[i]);
		parsed_file_free(&pf);
	}
	/* a peer used with pre-shared-key authentication but without a key */
	parse_with(&pf, "ike peer A\n remote-address 198.51.100.1\nipsec proposal T\n");
	cr_expect_eq(count_rule(&pf, R_MISSING_MANDATORY), 1);
	cr_expect_str_eq(nth_rule(&pf, R_MISSING_MANDATORY, 0)->message,
			 "ike peer 'A' has no pre-shared-key");
	parsed_file_free(&pf);
}

Test(huawei_diag, references)
{
	struct parsed_file pf;
	size_t undefined = 0;

	parse_path(&pf, RULES "undefined-reference--fires-template.cfg");
	for (size_t i = 0; i < pf.dev->nrefs; i++) {
		if (!pf.dev->refs[i]->target) {
			undefined++;
			cr_expect_str_eq(pf.dev->refs[i]->kind, "ipsec policy-template");
			cr_expect_str_eq(pf.dev->refs[i]->name, "MISSING-TPL");
		}
	}
	cr_expect_eq(undefined, 1);
	parsed_file_free(&pf);

	parse_path(&pf, RULES "unused-definition--near-miss-acl-nat.cfg");
	cr_expect_gt(def_of(pf.dev, "acl", "3001")->refs, 0, "nat outbound 3001");
	parsed_file_free(&pf);

	parse_path(&pf, RULES "policy-not-applied--fires-profile.cfg");
	cr_assert_eq(pf.dev->ntunnels, 1);
	cr_expect_eq(pf.dev->tunnels[0]->kind, TK_PROFILE);
	cr_expect(!pf.dev->tunnels[0]->applied, "an unbound profile is a tunnel that is not applied");
	parsed_file_free(&pf);
}

/* ---- structure -------------------------------------------------------------- */

Test(huawei_structure, views_merge_and_tunnels_sort)
{
	struct parsed_file pf;
	const struct device *d;

	parse_text(&pf, "ike peer A\n pre-shared-key cipher Secret-Key-1234567\n"
			"ipsec policy Z 20 isakmp\n security acl 3000\n ike-peer A\n proposal T\n"
			"ipsec policy Z 5 isakmp\n security acl 3000\n ike-peer A\n proposal T\n"
			"ipsec policy B 10 isakmp\n security acl 3000\n ike-peer A\n proposal T\n"
			"ike peer A\n remote-address 198.51.100.1\n"
			"acl number 3000\n rule 5 permit ip\nipsec proposal T\n");
	d = pf.dev;
	cr_expect_eq(pf.fs.n, 0);
	cr_assert_eq(d->ntunnels, 3);
	cr_expect_str_eq(d->tunnels[0]->id, "test/ipsec-policy:B:10");
	cr_expect_str_eq(d->tunnels[1]->id, "test/ipsec-policy:Z:5");
	cr_expect_str_eq(d->tunnels[2]->id, "test/ipsec-policy:Z:20");
	/* the re-entered peer view added its remote-address to the same peer */
	cr_expect_eq(d->tunnels[0]->nremotes, 1);
	cr_expect_eq(d->tunnels[0]->ike->psk.form, KEY_PLAIN);
	cr_expect(!d->tunnels[0]->applied);
	parsed_file_free(&pf);
}

Test(huawei_structure, indentation_relative_to_the_view)
{
	struct parsed_file pf;

	/* a space-indented line right after '#' is a system-view line */
	parse_text(
		&pf,
		"ike peer A\n pre-shared-key cipher Secret-Key-1234567\n#\n sysname Indented\n#\n"
		"  ike proposal 7\n    dh group19\n  # a comment\n  ike peer B\n    pre-shared-key cipher X-Key-12345678\n");
	cr_expect_eq(pf.fs.n, 0);
	cr_expect_str_eq(pf.dev->name, "Indented");
	cr_expect_not_null(def_of(pf.dev, "ike proposal", "7"));
	cr_expect_not_null(def_of(pf.dev, "ike peer", "B"));
	parsed_file_free(&pf);
}

Test(huawei_structure, artefacts_are_dropped)
{
	struct parsed_file pf;

	parse_text(&pf, "<USG6300>di cu\n14:38:43  2017/08/02\n"
			"  ---- More ----\x1b[16D                \x1b[16D sysname Paged\n"
			"!Software Version V500R001\nreturn\nquit\n#\n");
	cr_expect_eq(pf.fs.n, 0);
	cr_expect_str_eq(pf.dev->name, "Paged");
	cr_expect_eq(pf.dev->dialect, DIALECT_HW_USG, "the <USG...> prompt");
	cr_expect_eq(pf.dev->skipped_lines, 0, "artefacts are not configuration");
	parsed_file_free(&pf);

	parse_text(&pf, "[V300R019C00SPC300]\n#\n sysname V300\n#\nreturn\n");
	cr_expect_eq(pf.fs.n, 0);
	cr_expect_str_eq(pf.dev->name, "V300");
	cr_expect_eq(pf.dev->dialect, DIALECT_HW_AR_NEW);
	parsed_file_free(&pf);
}

/*
 * The scanner reads a file in chunks of about 1 MiB, takes the first word of a
 * line and lets the driver read the rest from the source: statements after a
 * prompt or pager text, on either side of a chunk boundary, keep their line
 * and column.
 */
Test(huawei_structure, lines_keep_their_place_across_scanner_chunks)
{
	struct parsed_file pf;
	const struct tunnel *t;
	const struct finding *f;
	size_t fill = 1200000, n = 0;
	char *text = malloc(fill + 1024);
	uint32_t line = 1;

	cr_assert_not_null(text);
	n += (size_t)sprintf(text + n, "sysname CHUNKS\n#\n");
	line += 2;
	while (n < fill) {
		n += (size_t)sprintf(text + n, "info-center loghost 192.0.2.%u\n", line % 250);
		line++;
	}
	/* past the first chunk: a pager line before a statement, a prompt and blanks before one
	 * (the scanner steps over both to the statement), an error */
	n += (size_t)sprintf(text + n,
			     "  ---- More ----\x1b[16D                \x1b[16D"
			     "acl number 3000\n"
			     " rule 5 permit ip source 10.1.0.0 0.0.255.255\n"
			     "[CHUNKS]  ike peer P\n"
			     " version 2\n"
			     " remote-address 203.0.113.9\n"
			     " dpd-bogus 7\n"
			     "#\n"
			     "ipsec proposal T\n"
			     "ipsec policy M 10 isakmp\n security acl 3000\n ike-peer P\n proposal T\n"
			     "#\nreturn\n");
	parse_buffer(&pf, "test.cfg", text, n, VENDOR_HUAWEI);
	cr_assert_not_null(pf.dev);
	cr_expect_str_eq(pf.dev->name, "CHUNKS");
	cr_assert_eq(pf.dev->nsel_lists, 1);
	cr_expect_eq(pf.dev->sel_lists[0]->span.line, line, "the ACL after the pager text");
	cr_expect_eq(pf.dev->sel_lists[0]->rules[0].line, line + 1);
	cr_expect_eq(pf.dev->sel_lists[0]->rules[0].col, 2);
	f = finding_at(&pf, R_UNKNOWN_STATEMENT, line + 5, 2);
	cr_expect_not_null(f, "the unknown peer statement at its line and column");
	if (!f)
		dump_findings(&pf);
	t = only_tunnel(&pf);
	cr_expect_eq(t->selectors, pf.dev->sel_lists[0]);
	cr_assert_eq(t->nremotes, 1, "the peer after the prompt and its blanks was read");
	cr_expect_eq(t->remotes[0].o.span.line, line + 4);
	cr_expect_eq(t->remotes[0].o.span.col, 17, "remote-address 203.0.113.9: the address");
	parsed_file_free(&pf);
	free(text);
}

Test(huawei_structure, cli_transcript_prompts_decide_views)
{
	struct parsed_file pf;
	const struct tunnel *t;
	static const char tr[] =
		"<Huawei>system-view\n"
		"Enter system view, return user view with Ctrl+Z.\n"
		"[Huawei]sysname R1\n"
		"[R1]acl 3000\n"
		"[R1-acl-adv-3000]rule permit ip source 192.168.1.0 0.0.0.255 destination 192.168.2.0 0.0.0.255\n"
		"[R1-acl-adv-3000]quit\n"
		"[R1]ike peer R3 v1\n"
		"[R1-ike-peer-r3]pre-shared-key cipher Huawei123\n"
		"[R1-ike-peer-r3]remote-address 200.2.2.2\n"
		"[R1]ipsec proposal myset\n"
		"[R1]ipsec policy mypolicy 10 isakmp\n"
		"[R1-ipsec-policy-isakmp-mypolicy-10]security acl 3000\n"
		"[R1-ipsec-policy-isakmp-mypolicy-10]ike-peer R3\n"
		"[R1-ipsec-policy-isakmp-mypolicy-10]proposal myset\n"
		"[R1]interface GigabitEthernet0/0/0\n"
		"[R1-GigabitEthernet0/0/0]ip address 200.1.1.1 24\n"
		"[R1-GigabitEthernet0/0/0]ipsec policy mypolicy\n";

	parse_buffer(&pf, "r1.txt", tr, strlen(tr), VENDOR_UNKNOWN);
	cr_assert_eq(pf.vendor, VENDOR_HUAWEI, "a VRP transcript is detected");
	cr_assert_not_null(pf.dev);
	dump_findings(&pf);
	cr_expect_eq(pf.fs.n, 0);
	cr_expect_str_eq(pf.dev->name, "R1");
	t = only_tunnel(&pf);
	expect_endpoints(t, "200.1.1.1", "200.2.2.2", NULL);
	cr_assert_not_null(t->selectors);
	cr_expect_eq(t->selectors->n, 1);
	cr_expect_eq(t->selectors->rules[0].col, 18, "columns count the prompt");
	parsed_file_free(&pf);
}

/* ---- hostile input ---------------------------------------------------------- */

Test(huawei_input, crlf_and_bom_model_the_same)
{
	static const char lf[] =
		"#\n sysname CRLF\n#\nacl number 3000\n rule 5 permit ip source 10.1.1.0 0.0.0.255\n"
		"ike peer A\n pre-shared-key simple \"a key with spaces\"\n remote-address 1.2.3.4\n"
		"ipsec proposal T\nipsec policy P 10 isakmp\n security acl 3000\n ike-peer A\n proposal T\n"
		"interface GigabitEthernet0/0/1\n ip address 5.6.7.8 24\n ipsec policy P\nreturn";
	char crlf[2048], bom[2048 + 8];
	size_t o = 0;
	struct parsed_file a, b, c;

	for (const char *p = lf; *p; p++) {
		if (*p == '\n')
			crlf[o++] = '\r';
		crlf[o++] = *p;
	}
	crlf[o] = '\0';
	snprintf(bom, sizeof(bom), "\xEF\xBB\xBF%s", crlf);
	parse_text(&a, lf);
	parse_text(&b, crlf);
	parse_text(&c, bom);
	cr_expect_eq(a.fs.n, 0);
	cr_expect_eq(b.fs.n, 0);
	cr_expect_eq(c.fs.n, 0);
	for (struct parsed_file *pf = &a; pf; pf = pf == &a ? &b : pf == &b ? &c : NULL) {
		const struct tunnel *t = only_tunnel(pf);
		expect_endpoints(t, "5.6.7.8", "1.2.3.4", NULL);
		cr_expect_str_eq(pf->dev->name, "CRLF");
		cr_expect_eq(t->ike->psk.len, 17, "quoted key, no CR");
		cr_expect_eq(t->selectors->rules[0].end_col, 43, "no CR in the span");
	}
	parsed_file_free(&a);
	parsed_file_free(&b);
	parsed_file_free(&c);
}

Test(huawei_input, garbage_empty_nul_never_crash)
{
	static const char nul[] =
		"ike peer A\n pre-shared-key \0simple\n\0\0\0\nipsec policy P 10 isakmp\n ike-peer A\n";
	char garbage[8192];
	struct parsed_file pf;
	unsigned x = 12345;

	parse_buffer(&pf, "empty.cfg", "", 0, VENDOR_HUAWEI);
	cr_assert_not_null(pf.dev);
	cr_expect_eq(pf.dev->ntunnels, 0);
	cr_expect_eq(pf.fs.n, 0);
	cr_expect_eq(pf.status, FILE_OK);
	cr_expect_str_eq(pf.dev->name, "empty");
	parsed_file_free(&pf);

	parse_buffer(&pf, "nul.cfg", nul, sizeof(nul) - 1, VENDOR_HUAWEI);
	cr_assert_not_null(pf.dev);
	dump_findings(&pf);
	/* the NUL is said where it is; the policy cut short still misses its parts */
	cr_expect_eq(pf.fs.n, 3);
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 1);
	cr_assert_not_null(finding_at(&pf, R_SYNTAX_ERROR, 2, 17));
	cr_expect(strstr(finding_at(&pf, R_SYNTAX_ERROR, 2, 17)->message,
			 "a NUL byte is no configuration text") != NULL);
	cr_expect_eq(count_rule(&pf, R_MISSING_MANDATORY), 2);
	cr_expect(messages_contain(&pf, "ipsec policy 'P 10' has no 'security acl'"));
	cr_expect(messages_contain(&pf, "ipsec policy 'P 10' has no 'proposal'"));
	cr_expect_not_null(finding_at(&pf, R_MISSING_MANDATORY, 4, 1));
	parsed_file_free(&pf);

	for (size_t i = 0; i < sizeof(garbage); i++) {
		x = x * 1103515245u + 12345u;
		garbage[i] = (char)(x >> 16);
	}
	parse_buffer(&pf, "garbage.cfg", garbage, sizeof(garbage), VENDOR_HUAWEI);
	cr_assert_not_null(pf.dev);
	dump_findings(&pf);
	/* the first NUL byte of the garbage (line 3, byte 138) stops the reading: one finding */
	cr_expect_eq(pf.status, FILE_PARTIAL);
	cr_expect_eq(pf.fs.n, 1);
	cr_assert_not_null(finding_at(&pf, R_SYNTAX_ERROR, 3, 138));
	cr_expect(strstr(finding_at(&pf, R_SYNTAX_ERROR, 3, 138)->message, "a NUL byte") != NULL);
	parsed_file_free(&pf);

	/* keyword soup: every statement shape cut at every place */
	parse_text(
		&pf,
		"ipsec policy\nipsec policy P\nipsec policy P x\nike peer\nike proposal\nacl\ninterface\n"
		"ike peer A v3\n version\n undo\n pre-shared-key\n remote-address\nipsec policy P 1 manual\n"
		" sa spi inbound\n sa string-key outbound ah\n tunnel\nacl 3000\n rule\n rule 5\n rule 5 permit ip source\n"
		" rule 5 permit tcp source-port eq\n\"unterminated\n ike peer \"x y\"\n");
	cr_assert_not_null(pf.dev);
	dump_findings(&pf);
	/* every cut statement is a syntax error at its end, naming the statement */
	{
		static const struct {
			uint32_t line, col;
			const char *words;
		} soup[] = {
			{1, 13, "bad 'ipsec' statement: unexpected end of line"},
			{2, 15,
			 "bad 'ipsec' statement: unexpected end of line, expecting number or 'shared'"},
			{3, 16, "bad 'ipsec' statement: unexpected word"},
			{4, 9, "bad 'ike' statement"},
			{5, 13, "bad 'ike' statement"},
			{6, 4, "bad 'acl' statement"},
			{7, 10, "bad 'interface' statement"},
			{9, 9, "bad 'version' statement"},
			{10, 6, "bad 'undo' statement"},
			{11, 16, "bad 'pre-shared-key' statement"},
			{12, 16, "bad 'remote-address' statement"},
			{14, 16, "bad 'sa' statement: unexpected end of line, expecting 'ah' or 'esp'"},
			{15, 27, "bad 'sa' statement"},
			{16, 8, "bad 'tunnel' statement"},
			{18, 6, "bad 'rule' statement"},
			{19, 8, "bad 'rule' statement: unexpected end of line, expecting 'deny' or 'permit'"},
			{20, 25, "bad 'rule' statement"},
			{21, 34, "bad 'rule' statement"},
		};
		const struct finding *f;

		cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), sizeof(soup) / sizeof(soup[0]));
		for (size_t i = 0; i < sizeof(soup) / sizeof(soup[0]); i++) {
			f = finding_at(&pf, R_SYNTAX_ERROR, soup[i].line, soup[i].col);
			cr_expect_not_null(f, "no syntax-error at %u:%u", soup[i].line, soup[i].col);
			if (f)
				cr_expect(strstr(f->message, soup[i].words) != NULL, "%u: %s", soup[i].line,
					  f->message);
		}
		f = finding_at(&pf, R_INVALID_VALUE, 8, 12);
		cr_assert_not_null(f, "'v3' is not an IKE version");
		cr_expect(strstr(f->message, "'v3' after ike peer 'A' is not an IKE version") != NULL, "%s",
			  f->message);
		cr_expect_eq(count_rule(&pf, R_INVALID_VALUE), 1);
		cr_expect(messages_contain(&pf, "manual ipsec policy 'P 1' has no inbound esp SPI"));
		cr_expect(messages_contain(&pf, "ike peer 'A' has no pre-shared-key"));
		cr_expect_eq(pf.fs.n, sizeof(soup) / sizeof(soup[0]) + 5, "and nothing else");
	}
	parsed_file_free(&pf);
}
