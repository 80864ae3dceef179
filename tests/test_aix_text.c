/* SPDX-License-Identifier: MIT */
/*
 * tests/test_aix_text.c - the AIX text exports: lsfilt -O records become the
 * filter table (direction, interface, fragments and the rest as the
 * selector's scope), lstun -O records manual tunnels with the source fields
 * as the outbound SAs, the filter rules naming a tunnel its selectors facing
 * outbound; the human listing and the export lines read through their column
 * maps; a wrapped record joined with one diagnostic; IF/ELSE blocks left out.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "model/selector.h"
#include "parsers/aix_text.h"
#include "parsers/parser.h"
#include "tests/parse_helpers.h"

static void parse_text(struct parsed_file *pf, const char *name, const char *text)
{
	parse_buffer(pf, name, text, strlen(text), VENDOR_AIX);
	cr_assert_not_null(pf->dev);
}

static const struct sel_list *table(const struct parsed_file *pf, const char *name)
{
	for (size_t i = 0; i < pf->dev->nsel_lists; i++)
		if (strcmp(pf->dev->sel_lists[i]->name, name) == 0)
			return pf->dev->sel_lists[i];
	return NULL;
}

static const char *aspec(const struct addrspec *a, char *buf, size_t n)
{
	return aspec_str(a, buf, n);
}

/* formats/aix-exports.md §6.1, the Chinese blog's lsfilt -v4 -O */
static const char blog[] =
	"1|permit|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|no|udp|eq|4001|eq|4001|both|both|no|all packets|0|all|0|||Default "
	"Rule\n"
	"2|*** Dynamic filter placement rule for IKE tunnels ***|no\n"
	"0|permit|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|yes|all|any|0|any|0|both|both|no|all packets|0|all|0|||Default "
	"Rule\n";

Test(aix_text, lsfilt_records_are_the_filter_table)
{
	struct parsed_file pf;
	const struct sel_list *l;
	char buf[64];

	parse_text(&pf, "host.lsfilt", blog);
	cr_expect_eq(pf.status, FILE_OK);
	cr_expect_eq(pf.fs.n, 0, "a real dump: no finding, got %zu", pf.fs.n);
	cr_expect_eq(pf.dev->dialect, DIALECT_AIX_LSFILT);
	cr_expect_str_eq(pf.dev->name, "host");
	l = table(&pf, "ipv4");
	cr_assert_not_null(l);
	cr_expect_str_eq(l->list_kind, "filter table");
	cr_assert_eq(l->n, 2, "the dynamic placement line is no rule");
	cr_expect_eq(l->rules[0].rule_id, 1);
	cr_expect_eq(l->rules[0].action, SEL_PERMIT);
	cr_expect_eq(l->rules[0].proto, 17);
	cr_expect_eq(l->rules[0].sport.lo, 4001);
	cr_expect_eq(l->rules[0].dport.hi, 4001);
	cr_expect_str_eq(aspec(&l->rules[0].src, buf, sizeof(buf)), "0.0.0.0/0");
	/* source routing "no" on a permit rule leaves source-routed packets out */
	cr_expect_str_eq(l->rules[0].scope, "srcroute=no;");
	cr_expect_eq(l->rules[0].line, 1);
	cr_expect_str_eq(l->rules[0].text, "Default Rule");
	cr_expect_eq(l->rules[1].rule_id, 0);
	cr_expect_eq(l->rules[1].proto, -1);
	cr_expect_null(l->rules[1].scope);
	cr_expect_eq(l->rules[1].line, 3);
	parsed_file_free(&pf);
}

static const char tunnel[] =
	"#tunnel|source|dest|policy|dpolicy|mask|fw|emode|tunlife|sspia|dspia|aalgo|daalgo|sakey|dakey|sspie|dspie|"
	"ealgo|dealgo|sekey|dekey|eaalgo|deaalgo|seakey|deakey|replay|header\n"
	"3|192.0.2.1|198.51.100.2|encr/auth|encr/auth|||Tunnel|480|2000|2001|HMAC_SHA|HMAC_MD5|0x0a0b|0x0c0d|1000|"
	"1001|AES_CBC_256|3DES_CBC|0x6162|0x6364|HMAC_SHA256||0x0102||Y|Y\n"
	"1|permit|192.0.2.1|255.255.255.255|198.51.100.2|255.255.255.255|yes|all|any|0|any|0|both|outbound|no|all "
	"packets|3|all|0|||out\n"
	"2|permit|198.51.100.2|255.255.255.255|192.0.2.1|255.255.255.255|yes|all|any|0|any|0|both|inbound|no|all "
	"packets|3|all|0|||in\n"
	"0|deny|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|yes|all|any|0|any|0|both|both|no|all packets|0|all|0|||Default Rule\n";

/* No lifetime written: gentun's default of 480 minutes, marked as a default. */
Test(aix_text, lstun_without_a_lifetime_takes_480_minutes)
{
	char text[sizeof(tunnel)];
	char *at;
	struct parsed_file pf;
	const struct tunnel *t;

	snprintf(text, sizeof(text), "%s", tunnel);
	at = strstr(text, "|Tunnel|480|");
	cr_assert_not_null(at);
	memmove(at + 8, at + 11, strlen(at + 11) + 1); /* "|Tunnel||" */
	parse_text(&pf, "aix1.lstun", text);
	t = only_tunnel(&pf);
	cr_expect_eq(t->ipsec.lifetime_s.v, 28800);
	cr_expect_eq(t->ipsec.lifetime_s.o.prov, PROV_DEFAULT);
	parsed_file_free(&pf);
}

Test(aix_text, lstun_record_is_a_manual_tunnel_source_fields_outbound)
{
	struct parsed_file pf;
	const struct tunnel *t;
	const struct manual_sa *m;
	const struct ipsec_proposal *p;
	char buf[64];

	parse_text(&pf, "aix1.lstun", tunnel);
	cr_expect_eq(pf.status, FILE_OK);
	cr_expect_eq(pf.dev->dialect, DIALECT_AIX_LSTUN);
	t = only_tunnel(&pf);
	cr_expect_eq(t->kind, TK_MANUAL);
	cr_expect_str_eq(t->id, "aix1/manual-tunnel:3");
	cr_expect_str_eq(t->name, "manual tunnel 3");
	cr_expect_str_eq(aspec(&t->local.addr, buf, sizeof(buf)), "192.0.2.1");
	cr_assert_eq(t->nremotes, 1);
	cr_expect_str_eq(aspec(&t->remotes[0].addr, buf, sizeof(buf)), "198.51.100.2");
	cr_expect(model_device_owns(pf.dev, &t->local.addr), "the source is the host's address");
	m = t->manual;
	cr_assert_not_null(m);
	cr_expect_eq(m->h[SA_OUT][SA_ESP].spi.v, 1000);
	cr_expect_eq(m->h[SA_IN][SA_ESP].spi.v, 1001);
	cr_expect_eq(m->h[SA_OUT][SA_AH].spi.v, 2000);
	cr_expect_eq(m->h[SA_IN][SA_AH].spi.v, 2001);
	cr_expect_eq(m->h[SA_OUT][SA_ESP].alg.v, ENC_AES256);
	cr_expect_eq(m->h[SA_IN][SA_ESP].alg.v, ENC_3DES);
	cr_expect_eq(m->h[SA_OUT][SA_AH].alg.v, INTEG_SHA1);
	cr_expect_eq(m->h[SA_IN][SA_AH].alg.v, INTEG_MD5);
	cr_expect_eq(m->h[SA_OUT][SA_ESP].auth_alg.v, INTEG_SHA256);
	cr_expect_eq(m->h[SA_IN][SA_ESP].auth_alg.o.prov, PROV_UNSET);
	/* keys are hex, decoded into bytes */
	cr_expect_eq(m->h[SA_OUT][SA_ESP].enc_key.form, KEY_HEX);
	cr_expect_eq(m->h[SA_OUT][SA_ESP].enc_key.len, 2);
	cr_expect_eq(memcmp(m->h[SA_OUT][SA_ESP].enc_key.bytes, "ab", 2), 0);
	cr_expect_eq(memcmp(m->h[SA_IN][SA_ESP].enc_key.bytes, "cd", 2), 0);
	cr_expect_eq(m->h[SA_OUT][SA_ESP].auth_key.len, 2);
	cr_expect_eq(m->h[SA_IN][SA_ESP].auth_key.form, KEY_NONE);
	cr_expect_eq(m->policy[SA_OUT].v, MSA_POL_ESP_AH);
	cr_expect_eq(m->replay.v, 1);
	cr_expect_eq(m->new_header.v, 1);
	/* 480 minutes */
	cr_expect_eq(t->ipsec.lifetime_s.v, 28800);
	cr_expect_eq(t->ipsec.lifetime_s.o.prov, PROV_WRITTEN);
	cr_assert_eq(t->ipsec.nproposals, 1);
	p = t->ipsec.proposals[0];
	cr_expect_eq(p->proto.v, PROTO_AH_ESP);
	cr_expect_eq(p->mode.v, ENCAP_TUNNEL);
	cr_expect(algset_has(&p->esp_enc, ENC_AES256) && algset_has(&p->esp_enc, ENC_3DES),
		  "the proposal holds both directions' ciphers");
	parsed_file_free(&pf);
}

Test(aix_text, filter_rules_naming_a_tunnel_are_its_selectors_facing_outbound)
{
	struct parsed_file pf;
	const struct sel_list *l;
	char buf[64];

	parse_text(&pf, "aix1.lstun", tunnel);
	l = pf.dev->tunnels[0]->selectors;
	cr_assert_not_null(l);
	cr_expect(l->view, "a view: the single-device checks read the filter table");
	cr_expect_str_eq(l->list_kind, "manual tunnel");
	cr_expect_str_eq(l->name, "3");
	/* the inbound rule mirrored is the outbound one: kept once */
	cr_assert_eq(l->n, 1);
	cr_expect_str_eq(aspec(&l->rules[0].src, buf, sizeof(buf)), "192.0.2.1");
	cr_expect_str_eq(aspec(&l->rules[0].dst, buf, sizeof(buf)), "198.51.100.2");
	cr_expect_eq(l->rules[0].dirs, 0);
	l = table(&pf, "ipv4");
	cr_assert_not_null(l);
	cr_assert_eq(l->n, 3, "every rule stays in the table");
	cr_expect_eq(l->rules[1].dirs, SEL_DIR_IN);
	cr_expect_eq(l->rules[0].dirs, SEL_DIR_OUT);
	parsed_file_free(&pf);
}

Test(aix_text, wrapped_record_is_joined_with_one_diagnostic)
{
	static const char text[] =
		"    1|permit|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|no|udp|eq|4001|eq|4001|both|both|no|all\n"
		"    packets|0|all|0|||Default Rule\n";
	struct parsed_file pf;
	const struct finding *f;
	const struct sel_list *l;

	parse_text(&pf, "ibm.lsfilt", text);
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 1);
	f = rule_at(&pf, R_SYNTAX_ERROR, 1);
	cr_expect_eq(f->loc.col, 82, "at the cut field 'all', got %u", f->loc.col);
	cr_expect(strstr(f->message, "goes on at line 2") != NULL, "%s", f->message);
	l = table(&pf, "ipv4");
	cr_assert_not_null(l);
	cr_assert_eq(l->n, 1, "the record is read");
	cr_expect_eq(l->rules[0].proto, 17);
	cr_expect_str_eq(l->rules[0].scope, "srcroute=no;", "'all packets' joined: no fragment scope");
	cr_expect_str_eq(l->rules[0].text, "Default Rule");
	parsed_file_free(&pf);
}

Test(aix_text, short_record_is_a_syntax_error_and_the_rest_is_read)
{
	static const char text[] =
		"3|permit|10.0.0.0|255.0.0.0\n"
		"0|deny|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|yes|all|any|0|any|0|both|both|no|all "
		"packets|0|all|0|||Default Rule\n";
	struct parsed_file pf;
	const struct finding *f;

	parse_text(&pf, "x.lsfilt", text);
	cr_expect_eq(pf.status, FILE_PARTIAL);
	f = rule_at(&pf, R_SYNTAX_ERROR, 1);
	cr_expect_str_eq(f->message,
			 "a record of 4 fields: lsfilt -O records have 22 fields, lstun -O records 27, "
			 "the dynamic placement line 3");
	cr_expect_eq(table(&pf, "ipv4")->n, 1);
	parsed_file_free(&pf);
}

Test(aix_text, human_listing_through_its_labels)
{
	static const char text[] = "Beginning of IPv4 filter rules.\n"
				   "Rule 3:\n"
				   "Rule action         : deny\n"
				   "Source Address      : 10.0.0.0\n"
				   "Source Mask         : 255.0.255.0\n"
				   "Destination Address : 0.0.0.0\n"
				   "Destination Mask    : 0.0.0.0\n"
				   "Source Routing      : yes\n"
				   "Protocol            : icmp\n"
				   "ICMP type           : any 0\n"
				   "ICMP code           : eq  13\n"
				   "Scope               : local\n"
				   "Direction           : inbound\n"
				   "Logging control     : no\n"
				   "Fragment control    : unfragmented packets only\n"
				   "Tunnel ID number    : 0\n"
				   "Interface           : en0\n"
				   "Auto-Generated      : no\n"
				   "Expiration Time     : 0\n"
				   "Description         : \n"
				   "End of IPv4 filter rules.\n";
	struct parsed_file pf;
	const struct sel_list *l;
	const struct selector *r;
	char buf[64];

	parse_text(&pf, "stig.lsfilt", text);
	cr_expect_eq(pf.fs.n, 0, "no finding, got %zu", pf.fs.n);
	l = table(&pf, "ipv4");
	cr_assert_not_null(l);
	cr_assert_eq(l->n, 1);
	r = &l->rules[0];
	cr_expect_eq(r->rule_id, 3);
	cr_expect_eq(r->action, SEL_DENY);
	cr_expect_eq(r->proto, 1);
	/* ICMP type and code share the port fields; the type is any, the code 13 */
	cr_expect(port_is_any(&r->sport));
	cr_expect_eq(r->dport.lo, 13);
	cr_expect_eq(r->dport.hi, 13);
	cr_expect_eq(r->dirs, SEL_DIR_IN);
	cr_expect_str_eq(r->scope, "scope=L;frag=N;if=en0;");
	/* a non-contiguous mask is a bit pattern, kept exactly */
	cr_expect_str_eq(aspec(&r->src, buf, sizeof(buf)), "10.0.0.0 wildcard 0.255.0.255");
	cr_expect_eq(r->line, 2);
	cr_expect_null(r->text);
	parsed_file_free(&pf);
}

Test(aix_text, human_labels_unknown_and_outside_a_rule)
{
	static const char text[] = "Rule action         : deny\n"
				   "Rule 1:\n"
				   "Rule acton          : deny\n"
				   "rule action         : permit\n";
	struct parsed_file pf;
	const struct finding *f;

	parse_text(&pf, "h.lsfilt", text);
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 1, "a label before any 'Rule N:'");
	cr_expect_eq(first_rule(&pf, R_SYNTAX_ERROR)->loc.line, 1);
	cr_expect_eq(count_rule(&pf, R_UNKNOWN_STATEMENT), 2);
	f = first_rule(&pf, R_UNKNOWN_STATEMENT);
	cr_expect_str_eq(f->message, "'Rule acton' is not a field of an lsfilt rule");
	cr_expect_str_eq(f->hint, "did you mean 'Rule action'?");
	f = &pf.fs.v[2];
	cr_expect_str_eq(f->message,
			 "'rule action' is not a field of an lsfilt rule; read as its field all the same");
	parsed_file_free(&pf);
}

Test(aix_text, export_line_column_map)
{
	static const char text[] =
		"4 3 permit 10.199.168.154 255.255.255.255 192.0.2.10 255.255.255.255 y tcp any 0 eq  "
		"2222 en1 both  outbound     no yes 0 no 0 patt_none \n"
		"4 4 deny 0.0.0.0 0.0.0.0 192.0.2.10 255.255.255.255 y all any 0 neq 20 all both both no "
		"yes 0 no 0 Pattern GET /\n";
	struct parsed_file pf;
	const struct sel_list *l;

	parse_text(&pf, "ipsec_fltr_rule.exp", text);
	cr_expect_eq(pf.fs.n, 0, "no finding, got %zu", pf.fs.n);
	cr_expect_eq(pf.dev->dialect, DIALECT_AIX_EXP);
	l = table(&pf, "ipv4");
	cr_assert_not_null(l);
	cr_assert_eq(l->n, 2);
	cr_expect_eq(l->rules[0].rule_id, 3);
	cr_expect_eq(l->rules[0].proto, 6);
	cr_expect_eq(l->rules[0].dport.lo, 2222);
	cr_expect_eq(l->rules[0].dirs, SEL_DIR_OUT);
	cr_expect_str_eq(l->rules[0].scope, "if=en1;");
	cr_expect_not(l->rules[0].widened);
	/* neq and a content pattern: the selector holds more than the rule */
	cr_expect(l->rules[1].widened);
	parsed_file_free(&pf);
}

Test(aix_text, if_else_blocks_are_left_out_with_a_warning)
{
	static const char text[] =
		"3|if|10.1.0.0|255.255.0.0|0.0.0.0|0.0.0.0|yes|all|any|0|any|0|both|both|no|all packets|0|all|0|||\n"
		"4|permit|10.1.0.0|255.255.0.0|10.2.0.0|255.255.0.0|yes|all|any|0|any|0|both|both|no|all "
		"packets|0|all|0|||\n"
		"5|endif|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|yes|all|any|0|any|0|both|both|no|all packets|0|all|0|||\n"
		"0|deny|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|yes|all|any|0|any|0|both|both|no|all packets|0|all|0|||\n";
	struct parsed_file pf;
	const struct finding *f;

	parse_text(&pf, "if.lsfilt", text);
	f = rule_at(&pf, R_UNKNOWN_STATEMENT, 1);
	cr_expect(strstr(f->message, "rules 3 to 5 are not modelled") != NULL, "%s", f->message);
	cr_assert_eq(table(&pf, "ipv4")->n, 1, "only the rule after ENDIF");
	cr_expect_eq(table(&pf, "ipv4")->rules[0].rule_id, 0);
	parsed_file_free(&pf);
}

Test(aix_text, bad_key_is_reported_without_its_text)
{
	static const char text[] =
		"3|192.0.2.1|198.51.100.2|encr only|encr only|||Tunnel|480|0|0|||||1000|1001|"
		"AES_CBC_256|AES_CBC_256|Sup3rSecretKey!|0x0102|||||N|N\n";
	struct parsed_file pf;
	const struct finding *f;

	parse_text(&pf, "k.lstun", text);
	f = need_rule(&pf, R_INVALID_VALUE);
	cr_expect_str_eq(f->message, "source ESP key is not a hex string (AIX manual keys are hex, 0x...)");
	for (size_t i = 0; i < pf.fs.n; i++)
		cr_expect_null(strstr(pf.fs.v[i].message, "Sup3rSecret"), "%s", pf.fs.v[i].message);
	parsed_file_free(&pf);
}

Test(aix_text, mode_of_a_file)
{
	struct source s;

	source_from_buffer(&s, "x", blog, strlen(blog));
	cr_expect_eq(aixt_mode_of(&s), AIXT_PIPE);
	source_free(&s);
	source_from_buffer(&s, "x", "\n\nRule 0:\nRule action : deny\n", 29);
	cr_expect_eq(aixt_mode_of(&s), AIXT_HUMAN);
	source_free(&s);
	source_from_buffer(&s, "x", "# header\n4 3 permit 1.2.3.4\n", 28);
	cr_expect_eq(aixt_mode_of(&s), AIXT_EXP);
	source_free(&s);
}
