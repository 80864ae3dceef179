/* SPDX-License-Identifier: MIT */
/*
 * tests/test_checker_manual.c - manual SAs set per direction
 * (checker/pair_ipsec.c check_manual_algs): an AIX manual tunnel, which
 * writes its policy ("encr only", "auth/encr", ...) and its algorithms for
 * each direction, against a Huawei manual policy, whose protocols come from
 * its ipsec proposal's transform (a synthesized, order-less policy), or
 * against another AIX tunnel. Devices parsed from text, paired by
 * chk_pairs(); each case checks the rule, the lines on both sides, the
 * message and that nothing else fired.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"
#include "tests/fleet.h"
#include "tests/parse_helpers.h"

#define K1 "3f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f1"
#define K2 "7a6b5c4d3e2f10011223344556677889a9b8c7d6e5f4a3b2c1d0e0f1a2b3c4d5"
#define K3 "11aa22bb33cc44dd55ee66ff77008899aabbccddeeff00112233445566778899"
#define K4 "99887766554433221100ffeeddccbbaa99887766554433221100ffeeddccbbaa"
#define K5 "5566778899aabbccddeeff00112233445566778899aabbccddeeff0011223344"
#define K6 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* lstun -O of AIX host 192.0.2.1: manual tunnel 3 on line 2 */
static const char aix_hdr[] =
	"#tunnel|source|dest|policy|dpolicy|mask|fw|emode|tunlife|sspia|dspia|aalgo|daalgo|sakey|dakey|"
	"sspie|dspie|ealgo|dealgo|sekey|dekey|eaalgo|deaalgo|seakey|deakey|replay|header\n";
static const char aix_filters[] =
	"1|permit|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|no|udp|eq|4001|eq|4001|both|both|no|all packets|0|all|0|||"
	"Default Rule\n"
	"2|*** Dynamic filter placement rule for IKE tunnels ***|no\n"
	"3|permit|192.0.2.1|255.255.255.255|198.51.100.2|255.255.255.255|yes|all|any|0|any|0|both|outbound|"
	"no|all packets|3|all|0|||tunnel 3 out\n"
	"4|permit|198.51.100.2|255.255.255.255|192.0.2.1|255.255.255.255|yes|all|any|0|any|0|both|inbound|"
	"no|all packets|3|all|0|||tunnel 3 in\n"
	"0|deny|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|yes|all|any|0|any|0|both|both|no|all packets|0|all|0|||"
	"Default Rule\n";

/* the AIX side of the tunnel with AH (2000 out, 2001 in) and ESP (1000 out, 1001 in) */
#define AIX_AH "2000|2001|HMAC_SHA256|HMAC_SHA256|0x" K5 "|0x" K6
#define AIX_NO_AH "0|0||||"
#define AIX_ESP "1000|1001|AES_CBC_256|AES_CBC_256|0x" K1 "|0x" K2 "|HMAC_SHA256|HMAC_SHA256|0x" K3 "|0x" K4

/* Huawei manual policy on 198.51.100.2, mirroring AIX_AH and AIX_ESP; %s: the proposal's lines */
static const char hw_fmt[] = "#\n"								 /* 1 */
			     " sysname HW\n"							 /* 2 */
			     "#\n"								 /* 3 */
			     "acl number 3101\n"						 /* 4 */
			     " rule 5 permit ip source 198.51.100.2 0 destination 192.0.2.1 0\n" /* 5 */
			     "#\n"								 /* 6 */
			     "ipsec proposal tran1\n"						 /* 7 */
			     "%s" /* 8-: transform, ah/esp algorithms (three or four lines) */
			     "#\n"
			     "ipsec policy map1 10 manual\n" /* 13 after four lines */
			     " security acl 3101\n"
			     " proposal tran1\n"
			     " tunnel local 198.51.100.2\n"
			     " tunnel remote 192.0.2.1\n"
			     "%s" /* the SAs */
			     "#\n"
			     "interface GigabitEthernet0/0/1\n"
			     " ip address 198.51.100.2 255.255.255.0\n"
			     " ipsec policy map1\n"
			     "#\n"
			     "return\n";
#define LN_HW_TRANSFORM 8u
#define LN_HW_POLICY4 13u /* the ipsec policy after a proposal of four lines */

#define HW_AH_ESP_PROP                             \
	" transform ah-esp\n"                      \
	" ah authentication-algorithm sha2-256\n"  \
	" esp authentication-algorithm sha2-256\n" \
	" esp encryption-algorithm aes-256\n"
#define HW_ESP_PROP                                \
	" transform esp\n"                         \
	" esp authentication-algorithm sha2-256\n" \
	" esp encryption-algorithm aes-256\n"
#define HW_ESP_SAS                                            \
	" sa spi inbound esp 1000\n"                          \
	" sa spi outbound esp 1001\n"                         \
	" sa authentication-hex inbound esp simple " K3 "\n"  \
	" sa authentication-hex outbound esp simple " K4 "\n" \
	" sa encryption-hex inbound esp simple " K1 "\n"      \
	" sa encryption-hex outbound esp simple " K2 "\n"
#define HW_AH_SAS                                           \
	" sa spi inbound ah 2000\n"                         \
	" sa spi outbound ah 2001\n"                        \
	" sa authentication-hex inbound ah simple " K5 "\n" \
	" sa authentication-hex outbound ah simple " K6 "\n"

/* Device i has no parse finding but psk-plaintext and the one f->parse_note allows. */
static void parsed_clean(struct fleet *f, size_t i)
{
	for (size_t k = 0; k < f->pf[i].fs.n; k++) {
		const char *m = f->pf[i].fs.v[k].message;

		if (f->pf[i].fs.v[k].rule == R_PSK_PLAINTEXT)
			continue;
		cr_assert(f->parse_note && strstr(m, f->parse_note), "%s: a parse finding: %s", f->path[i],
			  m);
		f->parse_note = NULL; /* once */
	}
}

/* The AIX tunnel 3: policy (outbound), dpolicy (inbound), the AH and the ESP fields. */
static void add_aix(struct fleet *f, const char *path, const char *pol, const char *dpol, const char *ah,
		    const char *esp)
{
	parsed_clean(f, fleet_addf(f, path, VENDOR_AIX,
				   "%s3|192.0.2.1|198.51.100.2|%s|%s|||Tunnel|480|%s|%s|Y|Y\n%s", aix_hdr,
				   pol, dpol, ah, esp, aix_filters));
}

static void add_hw(struct fleet *f, const char *prop, const char *sas)
{
	parsed_clean(f, fleet_addf(f, "hw.cfg", VENDOR_HUAWEI, hw_fmt, prop, sas));
}

/* Nothing but the psk-plaintext warnings, and no manual-sa-mismatch. */
static void assert_clean(const struct fleet *f)
{
	for (size_t i = 0; i < f->fs.n; i++)
		cr_assert(f->fs.v[i].rule == R_PSK_PLAINTEXT, "unexpected: %s", f->fs.v[i].message);
}

/*
 * Exactly one finding besides the psk-plaintext warnings: manual-sa-mismatch
 * at line (path) with a related note at rel_line (rel_path), its message
 * holding each of the words.
 */
static const struct finding *assert_one(const struct fleet *f, const char *path, uint32_t line,
					const char *rel_path, uint32_t rel_line, const char *const *words)
{
	const struct finding *g = NULL;

	for (size_t i = 0; i < f->fs.n; i++) {
		if (f->fs.v[i].rule == R_PSK_PLAINTEXT)
			continue;
		cr_assert_null(g, "a second finding: %s", f->fs.v[i].message);
		g = &f->fs.v[i];
	}
	cr_assert_not_null(g, "no finding");
	fleet_assert_finding(g, R_MANUAL_SA_MISMATCH, path, line, rel_path, rel_line, words);
	cr_assert_eq(g->sev, SEV_ERROR);
	return g;
}

/*
 * "auth/encr" written on AIX against a Huawei ah-esp transform: Huawei's
 * policy is only synthesized from the transform and says nothing of the
 * order, so two AH+ESP policies agree, whichever device is A.
 */
Test(manual, aix_ah_esp_against_synthesized_huawei_ah_esp_agree)
{
	struct fleet f = {0};

	add_aix(&f, "aix1.lstun", "auth/encr", "auth/encr", AIX_AH, AIX_ESP);
	add_hw(&f, HW_AH_ESP_PROP, HW_ESP_SAS HW_AH_SAS);
	fleet_run(&f);
	assert_clean(&f);
	fleet_free(&f);
}

Test(manual, huawei_ah_esp_against_written_aix_ah_esp_agree)
{
	struct fleet f = {0};

	add_hw(&f, HW_AH_ESP_PROP, HW_ESP_SAS HW_AH_SAS);
	add_aix(&f, "aix1.lstun", "encr/auth", "auth/encr", AIX_AH, AIX_ESP);
	fleet_run(&f);
	assert_clean(&f);
	fleet_free(&f);
}

/* the mirror of the above with AH left out on both sides: still nothing */
Test(manual, aix_esp_only_against_huawei_esp_agree)
{
	struct fleet f = {0};

	add_aix(&f, "aix1.lstun", "encr only", "encr only", AIX_NO_AH, AIX_ESP);
	add_hw(&f, HW_ESP_PROP, HW_ESP_SAS);
	fleet_run(&f);
	assert_clean(&f);
	fleet_free(&f);
}

/*
 * AIX sends with ESP only, Huawei's transform applies AH and ESP: one
 * finding per direction at AIX's policy fields, the transform line as the
 * peer side; Huawei's AH SAs present on one side only are not reported
 * again (the policy says it).
 */
Test(manual, aix_esp_against_huawei_ah_esp_policy_differs)
{
	struct fleet f = {0};
	const struct finding *g;
	size_t n = 0;

	add_aix(&f, "aix1.lstun", "encr only", "encr only", AIX_NO_AH, AIX_ESP);
	add_hw(&f, HW_AH_ESP_PROP, HW_ESP_SAS HW_AH_SAS);
	fleet_run(&f);
	for (size_t i = 0; i < f.fs.n; i++) {
		g = &f.fs.v[i];
		if (g->rule == R_PSK_PLAINTEXT)
			continue;
		cr_assert_eq(g->rule, R_MANUAL_SA_MISMATCH, "%s", g->message);
		cr_assert_eq(g->loc.line, 2u);
		cr_assert_str_eq(g->loc.src->path, "aix1.lstun");
		cr_assert_not_null(strstr(g->message, "policy encr only here, but 'HW' applies"), "%s",
				   g->message);
		cr_assert_not_null(strstr(g->message, "encr/auth"), "%s", g->message);
		cr_assert_eq(g->nrelated, 1);
		cr_assert_eq(g->related[0].line, LN_HW_TRANSFORM, "%s", g->related[0].message);
		n++;
	}
	cr_assert_eq(n, 2, "one finding a direction, got %zu", n);
	cr_assert_eq(fs_count(&f.fs, R_MANUAL_SA_MISMATCH), 2);
	fleet_free(&f);
}

/* AIX applies AH only outbound, Huawei AH and ESP on what it receives */
Test(manual, aix_auth_only_outbound_against_huawei_ah_esp)
{
	struct fleet f = {0};
	static const char *const w[] = {"outbound policy auth only here, but 'HW' applies inbound encr/auth",
					NULL};

	add_aix(&f, "aix1.lstun", "auth only", "encr/auth", AIX_AH, AIX_ESP);
	add_hw(&f, HW_AH_ESP_PROP, HW_ESP_SAS HW_AH_SAS);
	fleet_run(&f);
	assert_one(&f, "aix1.lstun", 2, "hw.cfg", LN_HW_TRANSFORM, w);
	fleet_free(&f);
}

/*
 * Two AIX tunnels, both written: "encr/auth" against "auth/encr" is a real
 * difference of order (neither side's policy is a synthesized one).
 */
#define AIX2_LINE_RH(pol, dpol, replay, header)                                                          \
	"5|198.51.100.2|192.0.2.1|" pol "|" dpol "|||Tunnel|480|2001|2000|HMAC_SHA256|HMAC_SHA256|0x" K6 \
	"|0x" K5 "|1001|1000|AES_CBC_256|AES_CBC_256|0x" K2 "|0x" K1 "|HMAC_SHA256|HMAC_SHA256|0x" K4    \
	"|0x" K3 "|" replay "|" header "\n"
#define AIX2_LINE(pol, dpol) AIX2_LINE_RH(pol, dpol, "Y", "Y")

static void add_aix2(struct fleet *f, const char *line)
{
	static const char filters[] =
		"1|permit|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|no|udp|eq|4001|eq|4001|both|both|no|all packets|0|"
		"all|0|||Default Rule\n"
		"3|permit|198.51.100.2|255.255.255.255|192.0.2.1|255.255.255.255|yes|all|any|0|any|0|both|"
		"outbound|no|all packets|5|all|0|||tunnel 5 out\n"
		"4|permit|192.0.2.1|255.255.255.255|198.51.100.2|255.255.255.255|yes|all|any|0|any|0|both|"
		"inbound|no|all packets|5|all|0|||tunnel 5 in\n"
		"0|deny|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|yes|all|any|0|any|0|both|both|no|all packets|0|all|0|"
		"||Default Rule\n";

	parsed_clean(f, fleet_addf(f, "aix2.lstun", VENDOR_AIX, "%s%s%s", aix_hdr, line, filters));
}

Test(manual, aix_ah_esp_orders_differ_when_both_written)
{
	struct fleet f = {0};
	static const char *const w[] = {
		"outbound policy encr/auth here, but 'aix2' applies inbound auth/encr", NULL};

	add_aix(&f, "aix1.lstun", "encr/auth", "auth/encr", AIX_AH, AIX_ESP);
	add_aix2(&f, AIX2_LINE("auth/encr", "auth/encr"));
	fleet_run(&f);
	assert_one(&f, "aix1.lstun", 2, "aix2.lstun", 2, w);
	fleet_free(&f);
}

Test(manual, aix_ah_esp_same_order_when_both_written)
{
	struct fleet f = {0};

	add_aix(&f, "aix1.lstun", "encr/auth", "auth/encr", AIX_AH, AIX_ESP);
	add_aix2(&f, AIX2_LINE("auth/encr", "encr/auth"));
	fleet_run(&f);
	assert_clean(&f);
	fleet_free(&f);
}

/* ---- per-direction algorithms -------------------------------------------------------- */

struct want {
	const char *path;
	uint32_t line;
	const char *words; /* in the message */
	uint32_t rel_line; /* of the one related note */
};

/* The findings besides psk-plaintext are manual-sa-mismatch errors, one for each of w[0..n). */
static void assert_set(const struct fleet *f, const struct want *w, size_t n)
{
	size_t got = 0;

	for (size_t i = 0; i < f->fs.n; i++) {
		const struct finding *g = &f->fs.v[i];
		size_t hits = 0;

		if (g->rule == R_PSK_PLAINTEXT)
			continue;
		got++;
		cr_assert_eq(g->rule, R_MANUAL_SA_MISMATCH, "rule %d: %s", (int)g->rule, g->message);
		for (size_t k = 0; k < n; k++) {
			if (strcmp(g->loc.src->path, w[k].path) || g->loc.line != w[k].line ||
			    !strstr(g->message, w[k].words))
				continue;
			cr_assert_eq(g->nrelated, 1, "%s", g->message);
			cr_assert_eq(g->related[0].line, w[k].rel_line, "related line %u: %s",
				     g->related[0].line, g->message);
			hits++;
		}
		cr_assert_eq(hits, 1, "unexpected (%s:%u): %s", g->loc.src->path, g->loc.line, g->message);
	}
	cr_assert_eq(got, n, "%zu findings, %zu expected", got, n);
}

/* The pair checks over f, whose findings are w[0..n) (assert_set()). */
static void run_set(struct fleet *f, const struct want *w, size_t n)
{
	fleet_run(f);
	assert_set(f, w, n);
}

/* Huawei's proposal with another AH algorithm (line 9) */
#define HW_AH_SHA1_PROP                            \
	" transform ah-esp\n"                      \
	" ah authentication-algorithm sha1\n"      \
	" esp authentication-algorithm sha2-256\n" \
	" esp encryption-algorithm aes-256\n"
#define LN_HW_AH_ALG 9u

/*
 * AIX's AH algorithm, written for each direction, against the one of
 * Huawei's proposal: one finding for both directions, at AIX's line, the
 * proposal's algorithm line as the peer side; the policies agree.
 */
Test(manual, aix_ah_algorithm_against_huawei_proposal_in_both_directions)
{
	struct fleet f = {0};
	static const struct want w[] = {
		{"aix1.lstun", 2,
		 "ah authentication algorithm sha2-256 here in both directions, but 'HW' uses sha1",
		 LN_HW_AH_ALG},
	};

	add_aix(&f, "aix1.lstun", "encr/auth", "encr/auth", AIX_AH, AIX_ESP);
	add_hw(&f, HW_AH_SHA1_PROP, HW_ESP_SAS HW_AH_SAS);
	run_set(&f, w, 1);
	fleet_free(&f);
}

/*
 * Huawei's one algorithm of proto (ah, esp) against AIX's other one written
 * for each direction: one finding a direction, at Huawei's line, AIX's line
 * 2 the peer side.
 */
#define HW_ALG_MSG(dir, back, proto, alg, here, there) \
	dir " " proto " " alg " " here " here, but 'aix1' uses " there " for " back " " proto
#define HW_ALG_WANT(line, dir, back, proto, alg, here, there)                     \
	{                                                                         \
		"hw.cfg", line, HW_ALG_MSG(dir, back, proto, alg, here, there), 2 \
	}
#define HW_ALG_PER_DIRECTION(line, proto, alg, here, there)                \
	HW_ALG_WANT(line, "outbound", "inbound", proto, alg, here, there), \
		HW_ALG_WANT(line, "inbound", "outbound", proto, alg, here, there)
#define HW_AH_SHA1_PER_DIRECTION \
	HW_ALG_PER_DIRECTION(LN_HW_AH_ALG, "ah", "authentication algorithm", "sha1", "sha2-256")

/*
 * The same pair with Huawei as A: Huawei's one algorithm against AIX's two
 * written values (two places): one finding a direction.
 */
Test(manual, huawei_ah_algorithm_against_aix_per_direction)
{
	struct fleet f = {0};
	static const struct want w[] = {
		HW_AH_SHA1_PER_DIRECTION,
	};

	add_hw(&f, HW_AH_SHA1_PROP, HW_ESP_SAS HW_AH_SAS);
	add_aix(&f, "aix1.lstun", "encr/auth", "encr/auth", AIX_AH, AIX_ESP);
	run_set(&f, w, 2);
	fleet_free(&f);
}

/*
 * AIX with its policy fields empty and no AH: the ESP cipher written for
 * each direction still makes it a per-direction side, so Huawei's one
 * cipher is held against each of AIX's directions: one finding each.
 */
#define HW_ESP_AES128_PROP                         \
	" transform esp\n"                         \
	" esp authentication-algorithm sha2-256\n" \
	" esp encryption-algorithm aes-128\n"
#define LN_HW_ESP_ENC3 10u /* the third line of a three-line proposal */

Test(manual, esp_cipher_written_per_direction_without_policy_fields)
{
	struct fleet f = {0};
	static const struct want w[] = {
		HW_ALG_PER_DIRECTION(LN_HW_ESP_ENC3, "esp", "encryption algorithm", "aes-128", "aes-256"),
	};

	add_hw(&f, HW_ESP_AES128_PROP, HW_ESP_SAS);
	add_aix(&f, "aix1.lstun", "", "", AIX_NO_AH, AIX_ESP);
	run_set(&f, w, 2);
	fleet_free(&f);
}

/*
 * AIX applies AH only, with another ESP cipher written in its unused ESP
 * fields: the policy findings say it all, the ESP cipher is not compared.
 */
#define AIX_ESP_128 \
	"1000|1001|AES_CBC_128|AES_CBC_128|0x" K1 "|0x" K2 "|HMAC_SHA256|HMAC_SHA256|0x" K3 "|0x" K4

Test(manual, esp_cipher_not_compared_where_aix_applies_ah_only)
{
	struct fleet f = {0};
	static const struct want w[] = {
		{"aix1.lstun", 2, "outbound policy auth only here, but 'HW' applies inbound encr/auth",
		 LN_HW_TRANSFORM},
		{"aix1.lstun", 2, "inbound policy auth only here, but 'HW' applies outbound encr/auth",
		 LN_HW_TRANSFORM},
	};

	add_aix(&f, "aix1.lstun", "auth only", "auth only", AIX_AH, AIX_ESP_128);
	add_hw(&f, HW_AH_ESP_PROP, HW_ESP_SAS HW_AH_SAS);
	run_set(&f, w, 2);
	fleet_free(&f);
}

/*
 * Huawei (A) applies AH by its transform but has no AH SAs; AIX's written
 * AH SAs and algorithm: the SAs on one side only and the algorithm, each
 * direction.
 */
Test(manual, huawei_without_ah_sas_against_aix_ah)
{
	struct fleet f = {0};
	static const struct want w[] = {
		{"hw.cfg", LN_HW_POLICY4,
		 "inbound ah SA on one side only: here missing, on 'aix1' outbound set", 2},
		{"hw.cfg", LN_HW_POLICY4,
		 "outbound ah SA on one side only: here missing, on 'aix1' inbound set", 2},
		HW_AH_SHA1_PER_DIRECTION,
	};

	f.parse_note =
		"manual ipsec policy 'map1 10' has no inbound ah SPI, inbound ah key, outbound ah SPI, "
		"outbound ah key";
	add_hw(&f, HW_AH_SHA1_PROP, HW_ESP_SAS);
	cr_assert_null(f.parse_note, "the missing AH SAs are a parse finding");
	add_aix(&f, "aix1.lstun", "encr/auth", "encr/auth", AIX_AH, AIX_ESP);
	run_set(&f, w, 4);
	fleet_free(&f);
}

/* ---- header options ----------------------------------------------------------------- */

/* replay prevention and the new header format on here, off there: one finding each, on and off named */
Test(manual, replay_and_new_header_on_here_off_there)
{
	struct fleet f = {0};
	static const struct want w[] = {
		{"aix1.lstun", 2, "replay prevention on here, off on 'aix2'", 2},
		{"aix1.lstun", 2, "new header format on here, off on 'aix2'", 2},
	};

	add_aix(&f, "aix1.lstun", "encr/auth", "encr/auth", AIX_AH, AIX_ESP);
	add_aix2(&f, AIX2_LINE_RH("encr/auth", "encr/auth", "N", "N"));
	run_set(&f, w, 2);
	for (size_t i = 0; i < f.fs.n; i++) {
		const struct finding *g = &f.fs.v[i];
		const char *want = strstr(g->message, "replay") ? "peer side: replay prevention off" :
								  "peer side: new header format off";

		cr_assert_str_eq(g->related[0].message, want);
	}
	fleet_free(&f);
}

/* The mirror of hw_fmt: HW2 at 192.0.2.1, its SAs the other way round. */
static const char hw2_fmt[] = "#\n"
			      " sysname HW2\n"
			      "#\n"
			      "acl number 3101\n"
			      " rule 5 permit ip source 192.0.2.1 0 destination 198.51.100.2 0\n"
			      "#\n"
			      "ipsec proposal tran1\n"
			      "%s"
			      "#\n"
			      "ipsec policy map1 10 manual\n"
			      " security acl 3101\n"
			      " proposal tran1\n"
			      " tunnel local 192.0.2.1\n"
			      " tunnel remote 198.51.100.2\n"
			      " sa spi inbound esp 1001\n"
			      " sa spi outbound esp 1000\n"
			      " sa authentication-hex inbound esp simple " K4 "\n"
			      " sa authentication-hex outbound esp simple " K3 "\n"
			      " sa encryption-hex inbound esp simple " K2 "\n"
			      " sa encryption-hex outbound esp simple " K1 "\n"
			      "#\n"
			      "interface GigabitEthernet0/0/1\n"
			      " ip address 192.0.2.1 255.255.255.0\n"
			      " ipsec policy map1\n"
			      "#\n"
			      "return\n";

/*
 * Two Huawei manual policies: their algorithms are the proposals', not set
 * per direction, so the proposals are compared as they are for IKE.
 */
Test(manual, huawei_manual_pair_compares_its_proposals)
{
	struct fleet f = {0};
	const struct finding *g = NULL;

	add_hw(&f, HW_ESP_PROP, HW_ESP_SAS);
	parsed_clean(&f, fleet_addf(&f, "hw2.cfg", VENDOR_HUAWEI, hw2_fmt,
				    " transform esp\n"
				    " esp authentication-algorithm sha2-256\n"
				    " esp encryption-algorithm aes-128\n"));
	fleet_run(&f);
	for (size_t i = 0; i < f.fs.n; i++) {
		if (f.fs.v[i].rule == R_PSK_PLAINTEXT)
			continue;
		cr_assert_null(g, "a second finding: %s", f.fs.v[i].message);
		g = &f.fs.v[i];
	}
	cr_assert_not_null(g, "the proposals differ: one finding");
	cr_assert_eq(g->rule, R_IPSEC_PROPOSAL_MISMATCH, "%s", g->message);
	cr_assert_str_eq(g->loc.src->path, "hw.cfg");
	cr_assert_eq(g->loc.line, 10, "at the encryption line: %u", g->loc.line);
	cr_assert_not_null(strstr(g->message, "aes-256 here, aes-128 there"), "%s", g->message);
	fleet_free(&f);
}
