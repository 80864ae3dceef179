/* SPDX-License-Identifier: MIT */
/*
 * tests/test_report.c - the renderers: secret masking of quoted lines, the
 * text report, the JSON report, dump, and the rule catalogue.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parsers/parser.h"
#include "report/report.h"

/* ---- redaction -------------------------------------------------------------- */

struct redact_case {
	const char *in;
	const char *want;
	const char *why;
};

static const struct redact_case redact_cases[] = {
	{" pre-shared-key simple EXAMPLEkey-1234", " pre-shared-key simple ***************",
	 "simple key (AR-old)"},
	{" pre-shared-key cipher %^%#JvZxR2g8c;a9~FPN~n'$7`DEV&=G(=Et02P/%\\*!%^%#",
	 " pre-shared-key cipher %^%#****************************************%^%#",
	 "AR cipher with backquote, backslash, quotes"},
	{" pre-shared-key %$%$~))(1AH)p1jT7(+$Z;C)\\>5,%$%$",
	 " pre-shared-key %$%$************************%$%$", "USG cipher, no keyword"},
	{" pre-shared-key cipher EXAMPLEplain9", " pre-shared-key cipher *************",
	 "plain text typed after cipher"},
	{" pre-shared-key EXAMPLEbare77", " pre-shared-key *************", "USG bare key"},
	{" pre-shared-key simple \"two words key\"", " pre-shared-key simple ***************",
	 "quoted key with spaces"},
	{" pre-shared-key simple \"unterminated key text", " pre-shared-key simple **********************",
	 "unterminated quote"},
	{" pre-shared-key", " pre-shared-key", "keyword alone"},
	{" pre-shared-key simple   ", " pre-shared-key simple   ", "keyword and form, no key"},
	{" pre-shared-keyGLUED!!x", " pre-shared-key********", "key glued to the keyword"},
	{" pre-shared-key ### %% junk {", " pre-shared-key *************", "garbage after the keyword"},
	{" PRE-SHARED-KEY SIMPLE EXAMPLEupper", " PRE-SHARED-KEY SIMPLE ************", "upper case"},
	{"\tpre-shared-key\tsimple\tEXAMPLEtab\t", "\tpre-shared-key\tsimple\t**********\t", "tabs kept"},
	{" pre-shared-key cipher %^%#JvZxR2g8c;a9~FPN~n'$", " pre-shared-key cipher %^%#********************",
	 "cipher cut off"},
	{" sa string-key inbound esp cipher %^%#JvZxR2g8c;a9~FPN~n'$7`DEV&=G(=Et02P/%\\*!%^%#",
	 " sa string-key inbound esp cipher %^%#****************************************%^%#",
	 "manual key cipher"},
	{" sa string-key outbound ah EXAMPLEsak1", " sa string-key outbound ah ***********",
	 "manual plain key"},
	{" sa string-key inbound esp \"quoted manual\"", " sa string-key inbound esp ***************",
	 "manual quoted key"},
	{" sa authentication-hex inbound esp simple 0a1b2c3d4e5f60718293a4b5c6d7e8f9",
	 " sa authentication-hex inbound esp simple ********************************", "authentication-hex"},
	{" sa encryption-hex outbound esp cipher %@%@abc`'\"\\x%@%@",
	 " sa encryption-hex outbound esp cipher %@%@********%@%@", "encryption-hex cipher"},
	{"Pre-shared-key : %^%#G7(t:%yFw/PVF>Jsva;\"zx]oL!sw-8z\\C;I}%%RY%^%# Local ID type : IP",
	 "Pre-shared-key *********************************************************************",
	 "display output"},
	{" description %#%#abc def%#%# and @%@%xyz@%@%", " description %#%#*******%#%# and @%@%***@%@%",
	 "ciphers anywhere, with a blank"},
	{" x %^%#ab%^%#cd%^%#", " x %^%#********%^%#", "delimiter inside a cipher body"},
	{"local-user admin password irreversible-cipher %^%#JvZxR2g8c;a9~FPN~n'$7`DEV&=G(=Et02P/%\\*!%^%#",
	 "local-user admin password irreversible-cipher %^%#****************************************%^%#",
	 "password"},
	{"add auth auth_hB -remote 198.51.100.20/32 -exchange MM -preshared EXAMPLEhpux1",
	 "add auth auth_hB -remote 198.51.100.20/32 -exchange MM -preshared ************",
	 "HP-UX -preshared"},
	{"add auth a1 -preshared \"two words\" -remote 10.0.0.1/32",
	 "add auth a1 -preshared \"*********\" -remote 10.0.0.1/32", "HP-UX quoted, later flags kept"},
	{"add auth a1 -remote 10.0.0.1/32 -preshared", "add auth a1 -remote 10.0.0.1/32 -preshared",
	 "HP-UX flag at end of line"},
	{"add host h1 -source 10.1.1.1 -in ESP/300/0x0123456789abcdef0123456789abcdef/0xfedcba9876543210 -out ESP/301/0x11/0x22 -priority 5",
	 "add host h1 -source 10.1.1.1 -in ESP/300/***************************************************** -out ESP/301/********* -priority 5",
	 "HP-UX manual SAs"},
	{"  <IKEPresharedKey Value=\"0x6162636465666768\" Format=\"Hex\">",
	 "  <IKEPresharedKey Value=\"******************\" Format=\"Hex\">", "AIX hex PSK"},
	{"  <IKEPresharedKey Format=\"ASCII\" Value='my \"key\"'>",
	 "  <IKEPresharedKey Format=\"ASCII\" Value='********'>", "AIX single quotes"},
	{"      Value=\"EXAMPLEcont\" Format=\"ASCII\">", "      Value=\"***********\" Format=\"ASCII\">",
	 "AIX continuation line"},
	{"  <IKEPresharedKey Value=\"EXAMPLEaix\" Format=\"ASCII\"><IKEPresharedKeyRemoteID><IPV4_Address Value=\"198.51.100.2\"/></IKEPresharedKeyRemoteID>",
	 "  <IKEPresharedKey Value=\"**********\" Format=\"ASCII\"><IKEPresharedKeyRemoteID><IPV4_Address Value=\"198.51.100.2\"/></IKEPresharedKeyRemoteID>",
	 "AIX key and identity on one line"},
	{"gentun -s 10.0.0.1 -d 10.0.0.2 -k 0x0123456789abcdef -h EXAMPLEahkey -n 300 -v 4",
	 "gentun -s 10.0.0.1 -d 10.0.0.2 -k ****************** -h ************ -n 300 -v 4",
	 "AIX gentun keys"},
	{"1|10.0.0.1|10.0.0.2|encr/auth|encr/auth|||Tunnel|480|300|301|HMAC_MD5|HMAC_MD5|0xaaaa|0xbbbb|302|303|DES_CBC_8|DES_CBC_8|0xcccc|0xdddd|HMAC_MD5|HMAC_MD5|0xeeee|0xffff|Y|Y",
	 "1|10.0.0.1|10.0.0.2|encr/auth|encr/auth|||Tunnel|480|300|301|HMAC_MD5|HMAC_MD5|******|******|302|303|DES_CBC_8|DES_CBC_8|******|******|HMAC_MD5|HMAC_MD5|******|******|Y|Y",
	 "AIX lstun -O record"},
	{" key 0x00112233445566778899aabbccddeeff", " key 0x********************************",
	 "long hex anywhere"},
	{" authentication-method pre-share", " authentication-method pre-share",
	 "unchanged: pre-share is a method"},
	{"ike peer rut v1", "ike peer rut v1", "unchanged: peer"},
	{" remote-address 60.1.1.1", " remote-address 60.1.1.1", "unchanged: address"},
	{" pfs dh-group14", " pfs dh-group14", "unchanged: pfs"},
	{" rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.1.2.0 0.0.0.255",
	 " rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.1.2.0 0.0.0.255", "unchanged: acl rule"},
	{" esp authentication-algorithm sha2-256", " esp authentication-algorithm sha2-256",
	 "unchanged: algorithm"},
	{"add host h1 -source 10.0.0.1/32 -destination 10.0.0.2/32 -priority 10 -action ESP_AES128_HMAC_SHA1",
	 "add host h1 -source 10.0.0.1/32 -destination 10.0.0.2/32 -priority 10 -action ESP_AES128_HMAC_SHA1",
	 "unchanged: HP-UX host"},
	{"  <IPV4_Address Value=\"192.0.2.1\"/>", "  <IPV4_Address Value=\"192.0.2.1\"/>",
	 "unchanged: AIX identity"},
	{"<IKEProtection IKE_KeyOverlap=\"10\" IKE_ResponderKeyRefreshMaxKB=\"200\">",
	 "<IKEProtection IKE_KeyOverlap=\"10\" IKE_ResponderKeyRefreshMaxKB=\"200\">",
	 "unchanged: AIX key-ish attribute names"},
	{" description 100% up, 50%% down", " description 100% up, 50%% down", "unchanged: percent signs"},
	{"add auth a -remote 198.51.100.8 -presharedd Sekr1t-Key-12",
	 "add auth a -remote 198.51.100.8 -preshared* *************", "HP-UX: a misspelt -preshared"},
	{"add auth a -remote 198.51.100.8 -pre Sekr1t-Key-12",
	 "add auth a -remote 198.51.100.8 -pre *************", "HP-UX: an abbreviated -preshared"},
	{"add auth a -remote 198.51.100.8 -espky 0x00112233",
	 "add auth a -remote 198.51.100.8 -espky **********", "HP-UX: a misspelt -espkey"},
	{"4|192.0.2.1|198.51.100.3|encr only|encr only|||Tunnel|480|0|0|||||1100|1101|AES_CBC_256|AES_CBC_256|Sekr1t-A|B-Sekr1t|||",
	 "4|192.0.2.1|198.51.100.3|encr only|encr only|||Tunnel|480|0|0|||||1100|1101|AES_CBC_256|AES_CBC_256|********|********|||",
	 "AIX: an lstun record cut to 22 fields"},
	{"1|permit|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|no|udp|eq|4001|eq|4001|both|both|no|all packets|0|all|0|||Default Rule",
	 "1|permit|0.0.0.0|0.0.0.0|0.0.0.0|0.0.0.0|no|udp|eq|4001|eq|4001|both|both|no|all packets|0|all|0|||Default Rule",
	 "unchanged: lsfilt record"},
	{"add host h -source 10.0.0.1 -destination 10.0.0.2 -action PASS",
	 "add host h -source 10.0.0.1 -destination 10.0.0.2 -action PASS",
	 "unchanged: HP-UX flags that hold no key"},
	{" sa spi inbound esp 54321", " sa spi inbound esp 54321", "unchanged: spi"},
	{"", "", "unchanged: empty line"},
	{" undo pre-shared-key", " undo pre-shared-key", "unchanged: undo without key"},
	{" sa duration time-based 0x10", " sa duration time-based 0x10", "unchanged: short hex"},
	{"ssh user admin authentication-type password", "ssh user admin authentication-type password",
	 "unchanged: password as a word"},
	{" password-recovery enable", " password-recovery enable", "unchanged: password- prefix"},
};

/* One test over the whole table, so every wrong line is reported at once. */
Test(redact, table)
{
	for (size_t i = 0; i < ARRAY_SIZE(redact_cases); i++) {
		const struct redact_case *c = &redact_cases[i];
		char *got = parse_masker.text(c->in, strlen(c->in));

		cr_expect_str_eq(got, c->want, "%s:\n  in   '%s'\n  got  '%s'\n  want '%s'", c->why, c->in,
				 got, c->want);
		free(got);
	}
}

Test(redact, table_is_big_enough)
{
	size_t unchanged = 0;

	for (size_t i = 0; i < ARRAY_SIZE(redact_cases); i++)
		unchanged += strcmp(redact_cases[i].in, redact_cases[i].want) == 0;
	cr_assert_geq(ARRAY_SIZE(redact_cases) - unchanged, 25);
	cr_assert_geq(unchanged, 10);
}

Test(redact, length_and_embedded_nul)
{
	static const char line[] = " pre-shared-key simple EXAMPLE\0key tail";
	size_t len = sizeof(line) - 1;
	char *got = parse_masker.text(line, len);

	cr_assert_eq(memcmp(got, " pre-shared-key simple ", 23), 0);
	for (size_t i = 23; i < len; i++)
		cr_assert_eq(got[i], '*', "byte %zu not masked", i);
	cr_assert_eq(got[len], '\0');
	free(got);

	/* only the first len bytes are read */
	got = parse_masker.text(" pre-shared-key simple EXAMPLEkey", 15);
	cr_assert_str_eq(got, " pre-shared-key");
	free(got);
}

/* ---- model fixtures ------------------------------------------------------------ */

static const char hq_text[] = "#\n"
			      " sysname HQ\n"
			      "ike peer branch\n"
			      " pre-shared-key simple EXAMPLEkey99\n"
			      " pfs dh-group14\n";
static const char br_text[] = "#\n"
			      "ipsec policy p 10 isakmp\n"
			      " security acl 3000\n";

struct fixture {
	struct parsed_file hq, br;
	struct parsed_file *files[2];
	struct findings fs;
	struct report_input in;
};

static struct addrspec host(const char *ip)
{
	struct ip128 a;
	uint8_t fam;

	cr_assert(addr_parse_ip(ip, &a, &fam), "%s", ip);
	return aspec_host(&a, fam);
}

static struct tunnel *add_tunnel(struct parsed_file *pf, const char *suffix, const char *name, uint32_t line,
				 const char *local, const char *remote, enum encap_mode mode)
{
	struct device *d = pf->dev;
	struct span sp = span_make(&pf->src, line, 1, line, 10);
	struct origin o = {sp, PROV_WRITTEN};
	struct tunnel *t = model_tunnel_new(d, TK_ISAKMP, suffix, name, &sp);
	struct ipsec_proposal *p;

	if (local) {
		t->local.addr = host(local);
		t->local.o = o;
	}
	if (remote) {
		struct addrspec r = host(remote);

		model_tunnel_add_remote(t, &r, &o);
	}
	p = ARENA_NEW(pf->arena, struct ipsec_proposal);
	p->name = "prop";
	p->mode.v = mode;
	p->mode.o.prov = PROV_DEFAULT;
	t->ipsec.proposals = ARENA_NEWV(pf->arena, struct ipsec_proposal *, 1);
	t->ipsec.proposals[0] = p;
	t->ipsec.nproposals = 1;
	return t;
}

static void file_init(struct parsed_file *pf, const char *path, const char *text, size_t len,
		      const char *devname, enum dialect dialect)
{
	memset(pf, 0, sizeof(*pf));
	source_from_buffer(&pf->src, path, text, len);
	pf->src.masker = &parse_masker;
	pf->arena = arena_new();
	pf->dev = model_device_new(pf->arena, &pf->src);
	pf->dev->name = arena_strdup(pf->arena, devname);
	pf->dev->vendor = VENDOR_HUAWEI;
	pf->dev->dialect = dialect;
	pf->dev->skipped_lines = 1;
	pf->vendor = VENDOR_HUAWEI;
	pf->src.vendor = VENDOR_HUAWEI; /* as parse_file() records it */
	pf->status = FILE_OK;
}

static void fixture_init(struct fixture *fx)
{
	struct span s;
	struct finding *f;

	memset(fx, 0, sizeof(*fx));
	file_init(&fx->hq, "hq.cfg", hq_text, sizeof(hq_text) - 1, "HQ", DIALECT_HW_AR_NEW);
	file_init(&fx->br, "branch.cfg", br_text, sizeof(br_text) - 1, "BR", DIALECT_HW_AR_OLD);
	add_tunnel(&fx->hq, "ipsec-policy:map1:10", "ipsec policy map1 10", 5, "198.51.100.1", "203.0.113.7",
		   ENCAP_TUNNEL);
	add_tunnel(&fx->br, "ipsec-policy:p:10", "ipsec policy p 10", 2, NULL, "198.51.100.1",
		   ENCAP_TRANSPORT);

	s = span_make(&fx->hq.src, 4, 24, 4, 35);
	f = fnd_add(&fx->fs, R_PSK_PLAINTEXT, &s, "pre-shared key of ike peer 'branch' is stored in clear");
	fnd_set_devices(f, "HQ", NULL);

	s = span_make(&fx->hq.src, 5, 2, 5, 15);
	f = fnd_add(&fx->fs, R_PFS_MISMATCH, &s, "PFS dh-group14 here, none on BR");
	fnd_set_devices(f, "HQ", "BR");
	f->pair_a = "HQ/ipsec-policy:map1:10";
	f->pair_b = "BR/ipsec-policy:p:10";
	s = span_make(&fx->br.src, 2, 1, 3, 18);
	fnd_related(f, &s, "peer side: no pfs in 'ipsec policy p 10'");

	fx->files[0] = &fx->hq;
	fx->files[1] = &fx->br;
	fx->in.files = fx->files;
	fx->in.nfiles = 2;
	fx->in.fs = &fx->fs;
	fx->in.ndevices = 2;
	fx->in.ntunnels = 2;
	fx->in.npairs = 1;
}

static void fixture_fini(struct fixture *fx)
{
	fnd_free(&fx->fs);
	parsed_file_free(&fx->hq);
	parsed_file_free(&fx->br);
}

/* Run a renderer into a string. */
#define CAPTURE(buf, expr)                                     \
	do {                                                   \
		size_t cap_len_;                               \
		FILE *out = open_memstream(&(buf), &cap_len_); \
		cr_assert_not_null(out);                       \
		cr_assert_eq((expr), 0, "%s failed", #expr);   \
		fclose(out);                                   \
	} while (0)

/* ---- symptoms ------------------------------------------------------------------- */

/* A finding shows what the devices of its files would log: not the other vendors'. */
Test(text, symptoms_only_of_the_vendors_of_the_files_involved)
{
	struct fixture fx;
	struct report_opts o = {0};
	char *buf = NULL;

	fixture_init(&fx);
	fx.br.src.vendor = VENDOR_HPUX; /* the peer side's file is an HP-UX host's */
	CAPTURE(buf, report_text(out, &fx.in, &o));
	cr_assert_not_null(strstr(buf, "  symptom: Huawei 'phase2 proposal or pfs mismatch'; "
				       "HP-UX 'QM negotiation timeout'\n"),
			   "%s", buf);
	cr_assert_null(strstr(buf, "AIX"), "%s", buf);
	free(buf);
	/* files of no known vendor: every vendor's symptom */
	fx.hq.src.vendor = VENDOR_UNKNOWN;
	fx.br.src.vendor = VENDOR_UNKNOWN;
	CAPTURE(buf, report_text(out, &fx.in, &o));
	cr_assert_not_null(strstr(buf,
				  "  symptom: Huawei 'phase2 proposal or pfs mismatch'; "
				  "HP-UX 'QM negotiation timeout'; AIX 'isakmpd: proposal not accepted'\n"),
			   "%s", buf);
	free(buf);
	fixture_fini(&fx);
}

/* ---- text ----------------------------------------------------------------------- */

Test(text, findings_quotes_carets_notes_symptoms_summary)
{
	static const char want[] =
		"hq.cfg:4:24: warning: pre-shared key of ike peer 'branch' is stored in clear [psk-plaintext]\n"
		" pre-shared-key simple ************\n"
		"                       ^~~~~~~~~~~~\n"
		"  hint: store the key in the device's cipher form and rotate it: the repository has disclosed it\n"
		"hq.cfg:5:2: error: PFS dh-group14 here, none on BR [pfs-mismatch]\n"
		" pfs dh-group14\n"
		" ^~~~~~~~~~~~~~\n"
		"branch.cfg:2:1: note: peer side: no pfs in 'ipsec policy p 10'\n"
		"ipsec policy p 10 isakmp\n"
		"^~~~~~~~~~~~~~~~~~~~~~~~\n"
		"  symptom: Huawei 'phase2 proposal or pfs mismatch'\n"
		"  hint: set the same PFS group on both ends\n"
		"summary: 2 files, 2 devices, 1 tunnel pair: 1 error, 1 warning, 0 infos\n";
	struct fixture fx;
	struct report_opts o = {0};
	char *buf = NULL;

	fixture_init(&fx);
	CAPTURE(buf, report_text(out, &fx.in, &o));
	cr_assert_str_eq(buf, want);
	cr_assert_null(strstr(buf, "EXAMPLEkey99"));
	free(buf);

	o.quiet = true;
	CAPTURE(buf, report_text(out, &fx.in, &o));
	cr_assert_null(strstr(buf, "summary:"));
	free(buf);
	fixture_fini(&fx);
}

Test(text, colour_like_gcc)
{
	struct fixture fx;
	struct report_opts o = {.color = true};
	char *buf = NULL;

	fixture_init(&fx);
	CAPTURE(buf, report_text(out, &fx.in, &o));
	cr_assert(strstr(buf, "\033[1mhq.cfg:5:2:\033[0m \033[1;31merror:\033[0m PFS"), "%s", buf);
	cr_assert(strstr(buf, "\033[1;35mwarning:\033[0m"));
	cr_assert(strstr(buf, "\033[1;36mnote:\033[0m"));
	cr_assert(strstr(buf, "\033[1;32m^~~~~~~~~~~~~~\033[0m"));
	free(buf);
	o.color = false;
	CAPTURE(buf, report_text(out, &fx.in, &o));
	cr_assert_null(strchr(buf, '\033'));
	free(buf);
	fixture_fini(&fx);
}

Test(text, singular_summary_and_fileless_finding)
{
	struct findings fs = {0};
	struct report_input in = {0};
	struct report_opts o = {0};
	char *buf = NULL;

	fnd_add(&fs, R_UNKNOWN_FORMAT, NULL, "no input");
	in.fs = &fs;
	in.nfiles = 1;
	in.ndevices = 1;
	CAPTURE(buf, report_text(out, &in, &o));
	cr_assert_str_eq(buf, "ipseclint: error: no input [unknown-format]\n"
			      "  hint: name the vendor with --vendor, or exclude the file in .ipseclint\n"
			      "summary: 1 file, 1 device, 0 tunnel pairs: 1 error, 0 warnings, 0 infos\n");
	free(buf);
	fnd_free(&fs);
}

Test(text, tabs_kept_controls_masked_long_lines_cut)
{
	struct parsed_file pf;
	struct findings fs = {0};
	struct report_input in = {0};
	struct report_opts o = {.quiet = true};
	struct parsed_file *files[1] = {&pf};
	char text[600], *buf = NULL;
	struct span s;

	/* line 1: a tab before the span, an escape byte after it */
	/* line 2: 500 characters with the span at column 301 */
	memset(text, 'a', sizeof(text));
	memcpy(text, "\tpfs x\033[2J\n", 11);
	memcpy(text + 11 + 300, "KEY", 3);
	text[11 + 500] = '\n';
	memset(&pf, 0, sizeof(pf));
	source_from_buffer(&pf.src, "t.cfg", text, 11 + 501);
	pf.src.masker = &parse_masker;
	s = span_make(&pf.src, 1, 2, 1, 4);
	fnd_add(&fs, R_PFS_MISMATCH, &s, "tab\tand \033[31mescape");
	s = span_make(&pf.src, 2, 301, 2, 303);
	fnd_add(&fs, R_SYNTAX_ERROR, &s, "long");
	in.files = files;
	in.nfiles = 1;
	in.fs = &fs;
	CAPTURE(buf, report_text(out, &in, &o));
	cr_assert(strstr(buf, "t.cfg:1:2: error: tab?and ?[31mescape [pfs-mismatch]\n"
			      "\tpfs x?[2J\n"
			      "\t^~~\n"),
		  "%s", buf);
	cr_assert_null(strchr(buf, '\033'));
	{
		/* 200 characters around the caret, "..." on both cut ends */
		const char *q = strstr(buf, "t.cfg:2:301: error: long [syntax-error]\n");
		const char *l1, *l2;

		cr_assert_not_null(q);
		l1 = strchr(q, '\n') + 1;
		l2 = strchr(l1, '\n') + 1;
		cr_assert_eq(strncmp(l1, "...", 3), 0);
		cr_assert_eq(strchr(l1, '\n') - l1, 3 + 200 + 3);
		cr_assert_eq(strncmp(l1 + 3 + 100, "KEY", 3), 0, "%.*s", 210, l1);
		cr_assert_eq(strspn(l2, " "), 3 + 100);
		cr_assert_eq(strncmp(l2 + 103, "^~~\n", 4), 0);
	}
	free(buf);
	fnd_free(&fs);
	source_free(&pf.src);
}

/* A key on the line after its keyword is masked too. */
Test(text, continuation_lines_are_masked)
{
	static const char text[] = "add auth a1 -remote 10.0.0.1/32 -preshared \\\n"
				   "    EXAMPLEcontkey -exchange MM\n"
				   "<IKEPresharedKey Format=\"ASCII\"\n"
				   "    Value=\"EXAMPLExmlkey\">\n"
				   "add host h1 -source 10.0.0.1 \\\n"
				   "    -priority 10\n"
				   " pre-shared-key cipher %^%#ab<cd\\%^%#\n"
				   " ike-proposal 10\n";
	struct parsed_file pf;
	struct findings fs = {0};
	struct report_input in = {0};
	struct report_opts o = {.quiet = true};
	struct parsed_file *files[1] = {&pf};
	char *buf = NULL;
	struct span s;

	memset(&pf, 0, sizeof(pf));
	source_from_buffer(&pf.src, "c.batch", text, sizeof(text) - 1);
	pf.src.masker = &parse_masker;
	s = span_make(&pf.src, 2, 20, 2, 28);
	fnd_add(&fs, R_SYNTAX_ERROR, &s, "a");
	s = span_make(&pf.src, 4, 5, 4, 25);
	fnd_add(&fs, R_SYNTAX_ERROR, &s, "b");
	s = span_make(&pf.src, 6, 5, 6, 13);
	fnd_add(&fs, R_SYNTAX_ERROR, &s, "c");
	s = span_make(&pf.src, 8, 2, 8, 13);
	fnd_add(&fs, R_SYNTAX_ERROR, &s, "d");
	in.files = files;
	in.nfiles = 1;
	in.fs = &fs;
	CAPTURE(buf, report_text(out, &in, &o));
	cr_assert_null(strstr(buf, "EXAMPLE"), "%s", buf);
	cr_assert(strstr(buf, "\n    ************** -exchange MM\n"), "%s", buf);
	cr_assert(strstr(buf, "\n    Value=\"*************\">\n"), "%s", buf);
	cr_assert(strstr(buf, "\n    -priority 10\n"), "%s", buf);
	/* a '<' or '\\' inside a cipher joins nothing */
	cr_assert(strstr(buf, "\n ike-proposal 10\n"), "%s", buf);
	free(buf);
	fnd_free(&fs);
	source_free(&pf.src);
}

/* ---- JSON ---------------------------------------------------------------------- */

static bool have_jq(void)
{
	return system("command -v jq >/dev/null 2>&1") == 0;
}

/* Does jq -e FILTER hold on doc? Both go through files: no shell quoting. */
static bool jq_holds(const char *doc, const char *filter)
{
	char dpath[] = "/tmp/ipseclint-test-doc-XXXXXX", fpath[] = "/tmp/ipseclint-test-jq-XXXXXX";
	char cmd[256];
	int dfd = mkstemp(dpath), ffd = mkstemp(fpath), st;
	FILE *d, *f;

	cr_assert(dfd >= 0 && ffd >= 0);
	d = fdopen(dfd, "w");
	f = fdopen(ffd, "w");
	fputs(doc, d);
	fputs(filter, f);
	fclose(d);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "jq -e -f %s %s >/dev/null 2>&1", fpath, dpath);
	st = system(cmd);
	unlink(dpath);
	unlink(fpath);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

#define JQ(doc, filter) cr_expect(jq_holds((doc), (filter)), "jq -e '%s' fails on:\n%s", (filter), (doc))

Test(json, report_contract)
{
	struct fixture fx;
	struct report_opts o = {0};
	char *buf = NULL;

	fixture_init(&fx);
	fnd_add(&fx.fs, R_UNUSED_SUPPRESSION, NULL, "a \"quoted\"\tname\\ and \001");
	CAPTURE(buf, report_json(out, &fx.in, &o));
	cr_assert_null(strstr(buf, "EXAMPLEkey99"));
	cr_assert_eq(strncmp(buf, "{\n  \"version\": 1,\n  \"tool\": {\n    \"name\": \"ipseclint\",", 52), 0,
		     "%s", buf);
	cr_assert(strstr(buf, "\"pairs\": [],") || strstr(buf, "\"pairs\": [\n"));
	if (!have_jq()) {
		cr_skip_test("jq is not installed: structure checked by substrings only");
		free(buf);
		fixture_fini(&fx);
		return;
	}
	JQ(buf,
	   "keys_unsorted == [\"version\",\"tool\",\"files\",\"tunnels\",\"pairs\",\"findings\",\"summary\"]");
	JQ(buf, ".tool == {\"name\": \"ipseclint\", \"version\": \"" IPSECLINT_VERSION "\"}");
	JQ(buf, ".files[0] == {\"path\": \"hq.cfg\", \"vendor\": \"huawei\", \"dialect\": \"ar-new\", "
		"\"device\": \"HQ\", \"status\": \"ok\", \"lines\": 5, \"skipped_lines\": 1}");
	JQ(buf, ".files[1].dialect == \"ar-old\" and .files[1].lines == 3");
	JQ(buf, ".tunnels[0] == {\"id\": \"HQ/ipsec-policy:map1:10\", \"device\": \"HQ\", "
		"\"file\": \"hq.cfg\", \"line\": 5, \"local\": \"198.51.100.1\", "
		"\"remote\": [\"203.0.113.7\"], \"mode\": \"tunnel\", \"peer\": null}");
	JQ(buf, ".tunnels[1].local == null and .tunnels[1].mode == \"transport\"");
	JQ(buf, ".pairs == []");
	JQ(buf, "[.findings[].rule] == [\"psk-plaintext\", \"pfs-mismatch\", \"unused-suppression\"]");
	JQ(buf, ".findings[0] | keys_unsorted == [\"rule\",\"severity\",\"message\",\"location\",\"related\","
		"\"devices\",\"pair\",\"symptoms\",\"hint\",\"fingerprint\"]");
	JQ(buf, ".findings[0].location == {\"file\": \"hq.cfg\", \"line\": 4, \"column\": 24, "
		"\"end_line\": 4, \"end_column\": 35}");
	JQ(buf,
	   ".findings[0].pair == null and .findings[0].devices == [\"HQ\"] and .findings[0].symptoms == {}");
	JQ(buf, ".findings[1].pair == {\"a\": \"HQ/ipsec-policy:map1:10\", \"b\": \"BR/ipsec-policy:p:10\"}");
	JQ(buf, ".findings[1].devices == [\"HQ\", \"BR\"]");
	JQ(buf,
	   ".findings[1].related == [{\"file\": \"branch.cfg\", \"line\": 2, \"column\": 1, "
	   "\"end_line\": 3, \"end_column\": 18, \"message\": \"peer side: no pfs in 'ipsec policy p 10'\"}]");
	JQ(buf, ".findings[1].symptoms == {\"huawei\": \"phase2 proposal or pfs mismatch\"}");
	JQ(buf, ".findings[1].hint == \"set the same PFS group on both ends\"");
	JQ(buf, "[.findings[].fingerprint | test(\"^[0-9a-f]{16}$\")] | all");
	JQ(buf, ".findings[2].location == {\"file\": \"\", \"line\": 1, \"column\": 1, \"end_line\": 1, "
		"\"end_column\": 1}");
	JQ(buf, ".findings[2].message == \"a \\\"quoted\\\"\\tname\\\\ and \\u0001\"");
	JQ(buf, ".summary == {\"files\": 2, \"devices\": 2, \"tunnels\": 2, \"pairs\": 1, \"errors\": 1, "
		"\"warnings\": 1, \"infos\": 1}");
	free(buf);
	fixture_fini(&fx);
}

Test(json, pairs_once_with_status)
{
	struct fixture fx;
	struct report_opts o = {0};
	char *buf = NULL;

	struct tunnel_pair tp;
	struct pair_list pl = {&tp, 1, 1};

	fixture_init(&fx);
	tp.a = fx.hq.dev->tunnels[0];
	tp.b = fx.br.dev->tunnels[0];
	tp.has_finding = true;
	tp.status = SEV_ERROR;
	fx.in.pairs = &pl;
	CAPTURE(buf, report_json(out, &fx.in, &o));
	/* without jq, what substrings can tell; the test is then reported skipped */
	cr_assert(strstr(buf, "\"status\": \"error\""), "%s", buf);
	if (have_jq()) {
		JQ(buf, ".pairs == [{\"a\": \"HQ/ipsec-policy:map1:10\", \"b\": \"BR/ipsec-policy:p:10\", "
			"\"status\": \"error\"}]");
		JQ(buf,
		   ".tunnels[0].peer == \"BR/ipsec-policy:p:10\" and .tunnels[1].peer == \"HQ/ipsec-policy:map1:10\"");
	}
	free(buf);

	/* the verdict follows the findings reported, after configured severities */
	fx.fs.v[1].sev = SEV_WARNING;
	CAPTURE(buf, report_json(out, &fx.in, &o));
	cr_assert(strstr(buf, "\"status\": \"warning\""), "%s", buf);
	if (have_jq())
		JQ(buf, ".pairs[0].status == \"warning\"");
	free(buf);
	fixture_fini(&fx);
	if (!have_jq())
		cr_skip_test("jq is not installed: .pairs and .tunnels[].peer checked by substrings only");
}

/* ---- dump ------------------------------------------------------------------------ */

Test(dump, model_with_provenance_and_no_key)
{
	struct fixture fx;
	struct tunnel *t;
	struct ike *ike;
	struct ike_proposal *p;
	struct span sp;
	char *buf = NULL;

	fixture_init(&fx);
	t = fx.hq.dev->tunnels[0];
	ike = ARENA_NEW(fx.hq.arena, struct ike);
	t->ike = ike;
	ike->peer_name = "branch";
	ike->peer_span = span_make(&fx.hq.src, 3, 1, 3, 15);
	ike->versions.v = IKE_V1 | IKE_V2;
	ike->versions.o.prov = PROV_DEFAULT_ASSUMED;
	ike->exchange.v = XCHG_MAIN;
	ike->exchange.o.prov = PROV_DEFAULT;
	sp = span_make(&fx.hq.src, 4, 24, 4, 34);
	ike->psk.form = KEY_PLAIN;
	ike->psk.bytes = (uint8_t *)arena_strdup(fx.hq.arena, "EXAMPLEkey99");
	ike->psk.len = 12;
	ike->psk.o.span = sp;
	ike->psk.o.prov = PROV_WRITTEN;
	p = ARENA_NEW(fx.hq.arena, struct ike_proposal);
	p->name = "5";
	algset_add(&p->enc, ENC_AES256);
	algset_add(&p->enc, ENC_AES128);
	p->enc.o.prov = PROV_WRITTEN;
	p->enc.o.span = span_make(&fx.hq.src, 2, 2, 2, 30);
	algset_add(&p->dh, 14);
	p->dh.o.prov = PROV_DEFAULT;
	p->lifetime_s.v = 86400;
	p->lifetime_s.o.prov = PROV_DEFAULT;
	ike->proposals = ARENA_NEWV(fx.hq.arena, struct ike_proposal *, 1);
	ike->proposals[0] = p;
	ike->nproposals = 1;
	t->ipsec.pfs.v = 14;
	t->ipsec.pfs.o.prov = PROV_WRITTEN;
	t->ipsec.pfs.o.span = span_make(&fx.hq.src, 5, 2, 5, 15);
	t->manual = ARENA_NEW(fx.hq.arena, struct manual_sa);
	t->manual->h[SA_IN][SA_ESP].spi.v = 54321;
	t->manual->h[SA_IN][SA_ESP].spi.o.prov = PROV_WRITTEN;
	t->manual->h[SA_IN][SA_ESP].enc_key.form = KEY_HEX;
	t->manual->h[SA_IN][SA_ESP].enc_key.bytes = (uint8_t *)arena_strdup(fx.hq.arena, "EXAMPLEhexkeyAB");
	t->manual->h[SA_IN][SA_ESP].enc_key.len = 16;
	t->manual->h[SA_IN][SA_ESP].enc_key.o.prov = PROV_WRITTEN;

	CAPTURE(buf, report_dump(out, &fx.hq));
	cr_assert_null(strstr(buf, "EXAMPLEkey99"));
	cr_assert_null(strstr(buf, "EXAMPLEhexkey"));
	cr_assert(strstr(buf, "<psk: ascii, 12 chars>"), "%s", buf);
	if (!have_jq()) {
		free(buf);
		fixture_fini(&fx);
		cr_skip_test("jq is not installed");
		return;
	}
	JQ(buf, ".file == \"hq.cfg\" and .vendor == \"huawei\" and .status == \"ok\"");
	JQ(buf, ".device.name.value == \"HQ\" and .device.dialect == \"ar-new\"");
	JQ(buf, ".tunnels[0].local == {\"value\": \"198.51.100.1\", \"line\": 5, \"source\": \"written\"}");
	JQ(buf, ".tunnels[0].remotes[0].value == \"203.0.113.7\"");
	JQ(buf, ".tunnels[0].enabled.value == true and .tunnels[0].enabled.source == \"default\"");
	JQ(buf,
	   ".tunnels[0].ike.versions == {\"value\": [1, 2], \"line\": null, \"source\": \"assumed-default\"}");
	JQ(buf, ".tunnels[0].ike.exchange.value == \"main\"");
	JQ(buf,
	   ".tunnels[0].ike.psk == {\"value\": \"<psk: ascii, 12 chars>\", \"line\": 4, \"source\": \"written\"}");
	JQ(buf, ".tunnels[0].ike.proposals[0].encryption == {\"value\": [\"aes-256\", \"aes-128\"], "
		"\"line\": 2, \"source\": \"written\"}");
	JQ(buf,
	   ".tunnels[0].ike.proposals[0].dh.value == [14] and .tunnels[0].ike.proposals[0].hash == null");
	JQ(buf, ".tunnels[0].ike.proposals[0].lifetime_s.value == 86400");
	JQ(buf, ".tunnels[0].ipsec.pfs == {\"value\": 14, \"line\": 5, \"source\": \"written\"}");
	JQ(buf,
	   ".tunnels[0].ipsec.proposals[0].mode == {\"value\": \"tunnel\", \"line\": null, \"source\": \"default\"}");
	JQ(buf, ".tunnels[0].manual_sa.inbound.esp.spi.value == 54321");
	JQ(buf, ".tunnels[0].manual_sa.inbound.esp.enc_key.value | test(\"^<key: hex, 16 bytes>$\")");
	JQ(buf, ".tunnels[0].manual_sa.outbound.ah.spi == null");
	JQ(buf, "(.selector_lists | type) == \"array\" and (.definitions | type) == \"array\"");
	free(buf);
	fixture_fini(&fx);
}

/* ---- rules and explain ------------------------------------------------------------ */

Test(rules_report, text_table_and_json)
{
	char *buf = NULL;

	CAPTURE(buf, report_rules(out, false));
	cr_assert(strstr(buf, "pfs-mismatch"));
	cr_assert(strstr(buf, "PFS groups differ, or PFS on one side only"));
	for (size_t i = 0; i < R__COUNT; i++)
		cr_assert(strstr(buf, rule_info((enum rule_id)i)->id));
	free(buf);

	CAPTURE(buf, report_rules(out, true));
	for (size_t i = 0; i < R__COUNT; i++) {
		char q[64];

		snprintf(q, sizeof(q), "\"%s\"", rule_info((enum rule_id)i)->id);
		cr_assert(strstr(buf, q), "%s missing", q);
	}
	if (!have_jq()) {
		free(buf);
		cr_skip_test("jq is not installed: the JSON catalogue checked by its rule IDs only");
		return;
	}
	{
		char filter[64];

		snprintf(filter, sizeof(filter), ".rules | length == %d", (int)R__COUNT);
		JQ(buf, filter);
		JQ(buf, ".rules[] | select(.id == \"pfs-mismatch\") | .severity == \"error\" and "
			".symptoms.hpux == \"QM negotiation timeout\" and .hint != \"\"");
		JQ(buf, ".rules[] | select(.id == \"syntax-error\") | .symptoms == {}");
	}
	free(buf);
}

Test(rules_report, explain_prints_header_and_page)
{
	char *buf = NULL;

	CAPTURE(buf, report_explain(out, R_PFS_MISMATCH));
	cr_assert_eq(strncmp(buf, "pfs-mismatch (error): PFS groups differ, or PFS on one side only\n\n", 66),
		     0, "%s", buf);
	cr_assert(strstr(buf, "phase2 proposal or pfs mismatch"));
	cr_assert(strstr(buf, "## How to fix"));
	free(buf);
}
