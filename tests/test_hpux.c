/* SPDX-License-Identifier: MIT */
/*
 * tests/test_hpux.c - the HP-UX ipsec_config parser: operations over several
 * lines, transcripts, automatic priorities and delete, the mapping of host
 * and tunnel policies to tunnels, how the IKE policy and the auth record are
 * chosen (A.02 longest prefix, A.03 priority), defaults with provenance, key
 * handling, and diagnostics with their exact positions.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"
#include "tests/parse_helpers.h"

/* ---- helpers ---------------------------------------------------------------- */

static void parse_text(struct parsed_file *pf, const char *text)
{
	parse_buffer(pf, "hostA.batch", text, strlen(text), VENDOR_HPUX);
	cr_assert_not_null(pf->dev);
}

/* parse_text(), which must find nothing */
static void parse_clean(struct parsed_file *pf, const char *text)
{
	parse_text(pf, text);
	cr_expect_eq(pf->fs.n, 0, "findings: %zu, first: %s", pf->fs.n, pf->fs.n ? pf->fs.v[0].message : "");
}

static const struct tunnel *tunnel_named(const struct device *d, const char *name)
{
	for (size_t i = 0; i < d->ntunnels; i++)
		if (strcmp(d->tunnels[i]->name, name) == 0)
			return d->tunnels[i];
	return NULL;
}

static const char *astr(const struct addrspec *a)
{
	static char buf[128];

	return aspec_str(a, buf, sizeof(buf));
}

/* formats/hpux-ipsec_config.md 4.1, host A */
static const char ex41[] =
	"# hostA.batch\n"
	"add host hA_to_hB -source 192.0.2.10/32/0 -destination 198.51.100.20/32/0 \\\n"
	"    -protocol ALL -priority 10 \\\n"
	"    -action ESP_AES128_HMAC_SHA1/28800/0,ESP_3DES_HMAC_SHA1\n"
	"\n"
	"add ike ike_hB -remote 198.51.100.20/32 -priority 10 -auth PSK \\\n"
	"    -group 2 -hash SHA1 -encryption 3DES -maxqm 100\n"
	"\n"
	"add auth auth_hB -remote 198.51.100.20/32 -exchange MM -preshared Xq7bZ2mK9pLw4\n";

/* ---- the reference examples ---------------------------------------------------- */

Test(hpux, example_4_1_transport)
{
	struct parsed_file pf;
	const struct tunnel *t;
	const struct ike_proposal *p;

	parse_clean(&pf, ex41);
	cr_expect_eq(pf.status, FILE_OK);
	cr_expect_eq(pf.dev->dialect, DIALECT_HPUX_A02);
	cr_expect_str_eq(pf.dev->name, "hostA");
	t = only_tunnel(&pf);
	cr_expect_str_eq(t->name, "host policy hA_to_hB");
	cr_expect_eq(t->span.line, 2);
	cr_expect_eq(t->span.end_line, 4, "an operation over three lines spans them");
	cr_expect_str_eq(astr(&t->local.addr), "192.0.2.10");
	cr_assert_eq(t->nremotes, 1);
	cr_expect_str_eq(astr(&t->remotes[0].addr), "198.51.100.20");
	cr_expect_eq(t->seq, 10);

	cr_assert_eq(t->ipsec.nproposals, 2, "two transforms in preference order");
	cr_expect_str_eq(t->ipsec.proposals[0]->name, "ESP_AES128_HMAC_SHA1");
	cr_expect_eq(t->ipsec.proposals[0]->mode.v, ENCAP_TRANSPORT);
	cr_expect_eq(t->ipsec.proposals[0]->lifetime_s.v, 28800);
	cr_expect_eq(t->ipsec.proposals[0]->lifetime_s.o.prov, PROV_WRITTEN);
	cr_expect_eq(t->ipsec.proposals[1]->lifetime_s.o.prov, PROV_DEFAULT, "no /seconds: the default");
	cr_expect(algset_has(&t->ipsec.proposals[1]->esp_enc, ENC_3DES));

	cr_assert_not_null(t->ike);
	cr_expect_eq(t->ike->versions.v, IKE_V1);
	cr_expect_eq(t->ike->exchange.v, XCHG_MAIN);
	cr_expect_eq(t->ike->psk.form, KEY_PLAIN);
	cr_expect_eq(t->ike->psk.len, 13);
	cr_expect_str_eq(t->ike->peer_name, "auth record auth_hB");
	cr_assert_eq(t->ike->nproposals, 1);
	p = t->ike->proposals[0];
	cr_expect_str_eq(p->name, "ike_hB");
	cr_expect(algset_has(&p->enc, ENC_3DES));
	cr_expect(algset_has(&p->hash, INTEG_SHA1));
	cr_expect(algset_has(&p->dh, 2));
	cr_expect_eq(p->auth.v, AUTH_PSK);
	cr_expect_eq(p->auth.o.prov, PROV_WRITTEN);
	cr_expect_eq(p->lifetime_s.o.prov, PROV_DEFAULT_ASSUMED, "the A.02 IKE lifetime default is [U]");
	cr_expect_eq(t->ipsec.pfs.v, 0, "-maxqm 100 is no PFS");

	cr_assert_eq(t->selectors->n, 1);
	cr_expect_eq(t->selectors->rules[0].proto, -1);
	cr_expect_str_eq(astr(&t->selectors->rules[0].dst), "198.51.100.20");
	parsed_file_free(&pf);
}

Test(hpux, example_4_2_tunnel_to_gateway)
{
	static const char text[] =
		"add tunnel tun_gw1 -tsource 192.0.2.10 -tdestination 203.0.113.1 \\\n"
		"    -source 192.0.2.10/32/0 -destination 10.20.0.0/16/0 -protocol ALL \\\n"
		"    -action ESP_AES128_HMAC_SHA1/28800/0\n"
		"add host h_to_net20 -source 192.0.2.10/32/0 -destination 10.20.0.0/16/0 \\\n"
		"    -priority 20 -tunnel tun_gw1 -action PASS\n"
		"add ike  ike_gw1  -remote 203.0.113.1/32 -priority 20 -auth PSK -group 2 -hash SHA1 -encryption 3DES\n"
		"add auth auth_gw1 -remote 203.0.113.1/32 -exchange MM -preshared Gw1-Shared-Secret\n";
	struct parsed_file pf;
	const struct tunnel *t;

	parse_clean(&pf, text);
	t = only_tunnel(&pf);
	cr_expect_str_eq(astr(&t->local.addr), "192.0.2.10");
	cr_expect_str_eq(astr(&t->remotes[0].addr), "203.0.113.1", "the gateway, not the inner network");
	cr_expect_eq(t->ipsec.proposals[0]->mode.v, ENCAP_TUNNEL);
	cr_expect_str_eq(astr(&t->selectors->rules[0].dst), "10.20.0.0/16", "the tunnel's proxy selectors");
	cr_expect_str_eq(t->ike->proposals[0]->name, "ike_gw1", "the IKE policy keyed on the gateway");
	parsed_file_free(&pf);
}

Test(hpux, example_4_3_a03_and_defaults)
{
	static const char text[] =
		"add host  hA_to_hB -source 192.0.2.10/32/0 -destination 198.51.100.20/32/0 \\\n"
		"    -priority 10 -action ESP_AES128_HMAC_SHA1,ESP_3DES_HMAC_SHA1\n"
		"add ikev1 ike_hB -remote 198.51.100.20/32 -priority 10 -group 2 -hash SHA1 \\\n"
		"    -encryption 3DES -pfs OFF\n"
		"add auth  auth_hB -remote 198.51.100.20/32 -kmp IKEV1 -exchange MM -priority 10 \\\n"
		"    -preshared Xq7bZ2mK9pLw4\n";
	struct parsed_file pf;
	const struct tunnel *t;

	parse_clean(&pf, text);
	cr_expect_eq(pf.dev->dialect, DIALECT_HPUX_A03);
	t = pf.dev->tunnels[0];
	cr_expect_eq(t->ipsec.pfs.v, 0);
	cr_expect_eq(t->ipsec.pfs.o.prov, PROV_WRITTEN);
	cr_expect_eq(t->ike->proposals[0]->auth.v, AUTH_PSK, "A.03: PSK because -preshared is set");
	cr_expect_eq(t->ike->proposals[0]->auth.o.prov, PROV_DEFAULT);
	cr_expect_eq(t->ike->proposals[0]->lifetime_s.v, 28800);
	cr_expect_eq(t->ike->proposals[0]->lifetime_s.o.prov, PROV_DEFAULT);
	parsed_file_free(&pf);
}

/* ---- operations ---------------------------------------------------------------- */

Test(hpux, flag_line_continues_without_backslash)
{
	static const char text[] = "add host h -source 192.0.2.10\n"
				   "   -destination 198.51.100.20\n"
				   "   -action ESP_AES256_HMAC_SHA2_256\n"
				   "add host g -source 192.0.2.10 -destination 198.51.100.21 -action PASS\n";
	struct parsed_file pf;
	const struct tunnel *t;

	parse_text(&pf, text);
	cr_expect_eq(pf.status, FILE_OK);
	cr_assert_eq(pf.dev->ntunnels, 1, "g passes in clear: no tunnel");
	t = pf.dev->tunnels[0];
	cr_expect_str_eq(astr(&t->remotes[0].addr), "198.51.100.20");
	cr_expect_eq(t->span.end_line, 3);
	parsed_file_free(&pf);
}

Test(hpux, transcript_and_other_commands)
{
	static const char text[] =
		"ipsec_config show all\n"
		"/usr/sbin/ipsec_config add host h -source 192.0.2.10 -destination 198.51.100.20 "
		"-action ESP_AES128_HMAC_SHA1\n"
		"ipsec_config batch /tmp/x.batch -profile /var/adm/ipsec/.ipsec_profile\n";
	struct parsed_file pf;

	parse_text(&pf, text);
	cr_expect_eq(pf.status, FILE_OK);
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 0);
	cr_expect_eq(pf.dev->ntunnels, 1);
	cr_expect_eq(pf.dev->skipped_lines, 2, "show and batch configure nothing");
	parsed_file_free(&pf);
}

Test(hpux, automatic_priority_and_delete)
{
	static const char text[] =
		"add host a -source 192.0.2.10 -destination 198.51.100.1 -action AH_SHA1\n"
		"add host b -source 192.0.2.10 -destination 198.51.100.2 -action AH_SHA1\n"
		"add host c -source 192.0.2.10 -destination 198.51.100.3 -priority 55 -action AH_SHA1\n"
		"delete host c\n"
		"add host d -source 192.0.2.10 -destination 198.51.100.4 -action AH_SHA1\n";
	struct parsed_file pf;

	parse_text(&pf, text);
	cr_assert_eq(pf.dev->ntunnels, 3, "c was deleted");
	cr_expect_eq(tunnel_named(pf.dev, "host policy a")->seq, 10, "the first policy gets 10");
	cr_expect_eq(tunnel_named(pf.dev, "host policy b")->seq, 20);
	cr_expect_eq(tunnel_named(pf.dev, "host policy d")->seq, 30, "highest live priority + 10");
	cr_expect_null(tunnel_named(pf.dev, "host policy c"));
	parsed_file_free(&pf);
}

Test(hpux, auth_record_choice_by_version)
{
	/* A.02: the longest prefix wins whatever the order */
	static const char a02[] = "add host h -source 192.0.2.10 -destination 198.51.100.7 -action AH_SHA1\n"
				  "add ike i -remote 0.0.0.0/0 -priority 1\n"
				  "add auth wide -remote 198.51.100.0/24 -preshared WideKeyWideKeyWideKey1\n"
				  "add auth narrow -remote 198.51.100.7/32 -preshared NarrowKeyNarrowKey22\n";
	/* A.03: the first by priority */
	static const char a03[] =
		"add host h -source 192.0.2.10 -destination 198.51.100.7 -action AH_SHA1\n"
		"add auth wide -remote 198.51.100.0/24 -priority 5 -preshared WideKeyWideKeyWideKey1\n"
		"add auth narrow -remote 198.51.100.7/32 -priority 9 -kmp IKEV1 "
		"-preshared NarrowKeyNarrowKey22\n";
	struct parsed_file pf;

	parse_text(&pf, a02);
	cr_expect_eq(pf.dev->dialect, DIALECT_HPUX_A02);
	cr_expect_str_eq(pf.dev->tunnels[0]->ike->peer_name, "auth record narrow");
	parsed_file_free(&pf);
	parse_text(&pf, a03);
	cr_expect_eq(pf.dev->dialect, DIALECT_HPUX_A03);
	cr_expect_str_eq(pf.dev->tunnels[0]->ike->peer_name, "auth record wide");
	parsed_file_free(&pf);
}

Test(hpux, psk_is_ascii_even_when_hex_looking)
{
	static const char text[] = "add host h -source 192.0.2.10 -destination 198.51.100.7 -action AH_SHA1\n"
				   "add auth a -remote 198.51.100.7 -preshared 0x6a8f00aa11bb22cc\n";
	struct parsed_file pf;
	const struct key *k;

	parse_text(&pf, text);
	k = &pf.dev->tunnels[0]->ike->psk;
	cr_expect_eq(k->form, KEY_PLAIN, "HP-UX keys are always ASCII");
	cr_expect(k->hex_looking);
	cr_expect_eq(k->len, 18, "the 18 characters, not 8 decoded bytes");
	parsed_file_free(&pf);
}

Test(hpux, pfs_from_maxqm_and_pfs_flag)
{
	static const char a02[] = "add host h -source 192.0.2.10 -destination 198.51.100.7 -action AH_SHA1\n"
				  "add ike i -remote 198.51.100.7 -group 14 -maxqm 1\n";
	static const char a03[] = "add host h -source 192.0.2.10 -destination 198.51.100.7 -action AH_SHA1\n"
				  "add ikev1 i -remote 198.51.100.7 -group 5 -pfs ON\n";
	struct parsed_file pf;

	parse_text(&pf, a02);
	cr_expect_eq(pf.dev->tunnels[0]->ipsec.pfs.v, 14, "-maxqm 1: PFS with the IKE group");
	parsed_file_free(&pf);
	parse_text(&pf, a03);
	cr_expect_eq(pf.dev->tunnels[0]->ipsec.pfs.v, 5);
	parsed_file_free(&pf);
}

Test(hpux, ikev2_by_kmp)
{
	static const char text[] =
		"add host h -source 192.0.2.10 -destination 198.51.100.7 -action AH_SHA1\n"
		"add ikev2 i2 -remote 198.51.100.7 -encryption AES256 -hash SHA2-256 -group 14\n"
		"add auth a -remote 198.51.100.7 -kmp IKEV2 -preshared Abcdefghijklmnop-123\n";
	struct parsed_file pf;
	const struct ike_proposal *p;

	parse_text(&pf, text);
	cr_expect_eq(pf.dev->tunnels[0]->ike->versions.v, IKE_V2);
	p = pf.dev->tunnels[0]->ike->proposals[0];
	cr_expect_str_eq(p->name, "i2");
	cr_expect(algset_has(&p->integ, INTEG_SHA256), "IKEv2: -hash is the integrity algorithm");
	cr_expect(algset_has(&p->prf, INTEG_SHA1), "the PRF default");
	cr_expect_eq(p->prf.o.prov, PROV_DEFAULT);
	parsed_file_free(&pf);
}

Test(hpux, manual_keys_are_modelled_not_shown)
{
	static const char text[] =
		"add host h -source 192.0.2.10 -destination 198.51.100.7 -action ESP_AES128_HMAC_SHA1 \\\n"
		"  -in ESP/2600000/0x00112233445566778899aabbccddeeff00112233/"
		"0x00112233445566778899aabbccddeeff \\\n"
		"  -out ESP/2600001/0x00112233445566778899aabbccddeeff00112234/"
		"0x00112233445566778899aabbccddeef0\n";
	struct parsed_file pf;
	const struct tunnel *t;

	parse_text(&pf, text);
	cr_expect_eq(count_rule(&pf, R_INVALID_VALUE), 0);
	t = pf.dev->tunnels[0];
	cr_expect_eq(t->kind, TK_MANUAL);
	cr_assert_not_null(t->manual);
	cr_expect_eq(t->manual->h[SA_IN][SA_ESP].spi.v, 2600000);
	cr_expect_eq(t->manual->h[SA_OUT][SA_ESP].auth_key.form, KEY_HEX);
	cr_expect_eq(t->manual->h[SA_OUT][SA_ESP].auth_key.len, 20);
	for (size_t i = 0; i < pf.fs.n; i++)
		cr_expect_null(strstr(pf.fs.v[i].message, "0011"), "a key in: %s", pf.fs.v[i].message);
	parsed_file_free(&pf);
}

/* ---- diagnostics --------------------------------------------------------------- */

Test(hpux, diagnostics_positions)
{
	static const char text[] = "add host a -source 192.0.2.10 \\\n"
				   "# not allowed here\n"
				   "add host b -source 192.0.2.300\n"
				   "add host c -sorce 192.0.2.10\n"
				   "add host d -priority 7 -priority 8\n";
	struct parsed_file pf;
	const struct finding *f;

	parse_text(&pf, text);
	cr_expect_eq(pf.status, FILE_PARTIAL);
	f = rule_at(&pf, R_SYNTAX_ERROR, 2);
	cr_expect_eq(f->loc.col, 1);
	cr_expect(strstr(f->message, "comment line inside an operation") != NULL, "%s", f->message);
	f = rule_at(&pf, R_INVALID_VALUE, 3);
	cr_expect_eq(f->loc.col, 20);
	f = rule_at(&pf, R_UNKNOWN_STATEMENT, 4);
	cr_expect_eq(f->loc.col, 12);
	cr_expect_str_eq(f->hint, "did you mean '-source'?");
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR), 2, "the comment line and the second -priority");
	parsed_file_free(&pf);
}

/* The finding of rule r at line:col whose message holds words, or NULL. */
static const struct finding *finding_at(const struct parsed_file *pf, enum rule_id r, uint32_t line,
					uint32_t col, const char *words)
{
	for (size_t i = 0; i < pf->fs.n; i++) {
		const struct finding *f = &pf->fs.v[i];

		if (f->rule == r && f->loc.line == line && f->loc.col == col && strstr(f->message, words))
			return f;
	}
	return NULL;
}

static void log_findings(const struct parsed_file *pf)
{
	for (size_t i = 0; i < pf->fs.n; i++)
		cr_log_info("%u:%u %s: %s", pf->fs.v[i].loc.line, pf->fs.v[i].loc.col,
			    rule_info(pf->fs.v[i].rule)->id, pf->fs.v[i].message);
}

Test(hpux, duplicates_are_collisions)
{
	static const char text[] =
		"add host a -source 192.0.2.10 -destination 198.51.100.1 -priority 10 -action PASS\n"
		"add host a -source 192.0.2.10 -destination 198.51.100.2 -priority 20 -action PASS\n"
		"add host b -source 192.0.2.10 -destination 198.51.100.3 -priority 10 -action PASS\n";
	struct parsed_file pf;

	const struct finding *f;

	parse_text(&pf, text);
	log_findings(&pf);
	cr_expect_eq(pf.fs.n, 2, "the two collisions and nothing else");
	cr_expect_eq(count_rule(&pf, R_DUPLICATE_DEFINITION), 2);
	/* the second 'a', at its name, pointing back at the first */
	f = finding_at(&pf, R_DUPLICATE_DEFINITION, 2, 10, "host policy 'a' is defined twice");
	cr_assert_not_null(f, "duplicate name 'a' at 2:10");
	cr_expect(strstr(f->message, "ipsec_config rejects the batch as a collision") != NULL, "%s",
		  f->message);
	cr_assert_eq(f->nrelated, 1);
	cr_expect_eq(f->related[0].line, 1);
	/* 'b' at its -priority value, colliding with 'a' on line 1 */
	f = finding_at(&pf, R_DUPLICATE_DEFINITION, 3, 67,
		       "host policy 'b' has priority 10, as host policy 'a' has");
	cr_assert_not_null(f, "priority collision of 'b' at 3:67");
	cr_expect(strstr(f->message, "collision") != NULL, "%s", f->message);
	cr_assert_eq(f->nrelated, 1);
	cr_expect_eq(f->related[0].line, 1);
	parsed_file_free(&pf);
}

Test(hpux, shadowing_by_priority_and_bypass)
{
	static const char text[] =
		"add host broad -source 192.0.2.10 -destination 10.0.0.0/8 -priority 10 -action PASS\n"
		"add host specific -source 192.0.2.10 -destination 10.1.2.3 -action ESP_AES256_HMAC_SHA2_256\n"
		"add bypass 192.0.2.99\n"
		"add host bp -source 192.0.2.99 -destination 172.16.0.1 -action ESP_AES256_HMAC_SHA2_256\n"
		"add host part -source 192.0.2.10 -destination 172.0.0.0/8 -protocol TCP -priority 5 -action DISCARD\n"
		"add host web -source 192.0.2.10 -destination 172.16.0.0/12 -action ESP_AES256_HMAC_SHA2_256\n";
	struct parsed_file pf;
	const struct finding *f;

	parse_text(&pf, text);
	chk_device(pf.dev, &pf.fs);
	cr_expect_eq(count_rule(&pf, R_POLICY_SHADOWED), 2, "specific (auto priority 20) and bp (bypass)");
	f = rule_at(&pf, R_POLICY_SHADOWED, 2);
	cr_expect(strstr(f->message, "host policy 'specific' (priority 20, automatic) is never matched") !=
			  NULL,
		  "%s", f->message);
	/* part (DISCARD TCP to all of 172/8) cuts across web's traffic */
	f = rule_at(&pf, R_POLICY_ORDER_CONFLICT, 6);
	parsed_file_free(&pf);
}

/* The IKE policies' order is a list to check from two policies on; one policy orders nothing. */
static size_t ike_order_rules(const char *text)
{
	struct parsed_file pf;
	size_t n = SIZE_MAX;

	parse_text(&pf, text);
	for (size_t i = 0; i < pf.dev->nsel_lists; i++)
		if (strcmp(pf.dev->sel_lists[i]->name, "IKE policy") == 0)
			n = pf.dev->sel_lists[i]->n;
	parsed_file_free(&pf);
	return n;
}

Test(hpux, ike_policy_order_from_two_policies_on)
{
	cr_assert_eq(ike_order_rules(ex41), SIZE_MAX, "one IKE policy: no order list");
	cr_assert_eq(ike_order_rules("add ike near -remote 198.51.100.0/24 -priority 10 -auth PSK\n"
				     "add ike far -remote 0.0.0.0/0 -priority 20 -auth PSK\n"),
		     2, "two IKE policies: both in the order list");
}

/* A protecting host policy behind another is one finding, not one from the host
 * policy list and one from the tunnels of group "host". */
Test(hpux, shadowed_protecting_policy_is_said_once)
{
	static const char text[] =
		"add host broad -source 192.0.2.10 -destination 198.51.100.0/24 -priority 10 -action "
		"ESP_AES256_HMAC_SHA2_256\n"
		"add host narrow -source 192.0.2.10 -destination 198.51.100.20 -priority 20 -action "
		"ESP_AES256_HMAC_SHA2_256\n";
	struct parsed_file pf;
	const struct finding *f;

	parse_text(&pf, text);
	chk_device(pf.dev, &pf.fs);
	log_findings(&pf);
	cr_assert_eq(count_rule(&pf, R_POLICY_SHADOWED), 1);
	f = first_rule(&pf, R_POLICY_SHADOWED);
	cr_expect_eq(f->loc.line, 2);
	cr_expect(strstr(f->message, "'narrow'") && strstr(f->message, "'broad'"), "%s", f->message);
	cr_assert_eq(f->nrelated, 1);
	cr_expect_eq(f->related[0].line, 1);
	parsed_file_free(&pf);
}

Test(hpux, hostile_input_is_contained)
{
	static const char text[] = "add host \"unterminated -source\n"
				   "\x01\x02\xff add host z\n"
				   "-action PASS\n"
				   "add tunnel t -source ::/0 -destination 2001:db8::/129\n"
				   "add host h -tunnel t -action ESP_FOO\n";
	struct parsed_file pf;

	parse_text(&pf, text);
	log_findings(&pf);
	/* each broken line said once, where it breaks, and nothing else */
	cr_expect_eq(pf.fs.n, 5);
	cr_expect_not_null(
		finding_at(&pf, R_SYNTAX_ERROR, 1, 10, "the quote opened here is not closed on its line"));
	cr_expect_not_null(
		finding_at(&pf, R_INVALID_VALUE, 1, 10, "host policy name '\"unterminated -source'"));
	cr_expect_not_null(finding_at(&pf, R_SYNTAX_ERROR, 2, 1, "unexpected word"));
	cr_expect_not_null(finding_at(&pf, R_INVALID_VALUE, 4, 40,
				      "-destination '2001:db8::/129': prefix length must be 0..128"));
	cr_expect_not_null(
		finding_at(&pf, R_INVALID_VALUE, 5, 30, "-action 'ESP_FOO': unknown transform 'ESP_FOO'"));
	cr_expect_eq(pf.dev->ntunnels, 1, "h still becomes a tunnel through t");
	parsed_file_free(&pf);
}
