/* SPDX-License-Identifier: MIT */
/*
 * tests/test_aix_xml.c - the AIX IKE XML reader: the reference's model
 * document becomes the right tunnel, proposals, key and selectors; lines and
 * columns of attribute values; unknown names with suggestions; a wrong root;
 * and libxml2 used safely (no external entity is read, no expansion bomb
 * runs away, errors are findings).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"
#include "tests/aix_xml_text.h"
#include "tests/parse_helpers.h"

static void parse_text(struct parsed_file *pf, const char *text)
{
	parse_buffer(pf, "aix1.xml", text, strlen(text), VENDOR_AIX);
	cr_assert_not_null(pf->dev);
}

/* formats/aix-exports.md, Appendix A.2 */
static const char model[] = {
	"<?xml version=\"1.0\"?>\n"								     /* 1 */
	"<AIX_VPN Version=\"2.0\">\n"								     /* 2 */
	"  <IKEProtection IKE_ProtectionName=\"P1Pol\" IKE_Role=\"Both\" IKE_XCHGMode=\"Main\"\n"    /* 3 */
	"      IKE_KeyOverlap=\"10\" IKE_Flags_AllowNonHashNotify=\"No\" IKE_Flags_UseCRL=\"No\"\n"  /* 4 */
	"      IKE_ResponderKeyRefreshMaxKB=\"200\" IKE_ResponderKeyRefreshMinKB=\"1\"\n"	     /* 5 */
	"      IKE_ResponderKeyRefreshMaxMinutes=\"480\" IKE_ResponderKeyRefreshMinMinutes=\"1\">\n" /* 6 */
	"    <IKETransform IKE_Hash=\"SHA\" IKE_Encryption=\"3DES-CBC\" IKE_DHGroup=\"2\"\n"	     /* 7 */
	"        IKE_KeyRefreshMinutes=\"480\" IKE_AuthenticationMethod=\"Preshared_key\"/>\n"	     /* 8 */
	"  </IKEProtection>\n"									     /* 9 */
	AIX_IKE_TUNNEL_P1()			 /* 10-13 */
	AIX_HEX_KEY("0x6162636465666768")	 /* 14-16 */
	AIX_ESP_PROPOSAL("ESP_3DES", "HMAC-SHA") /* 17-20 */
	AIX_IPSEC_TUNNEL_P2_FROM_10_1()		 /* 21-24 */
	"    <IPSecRemoteIdentity><IPV4_Subnet Value=\"10.2.0.0\" Netmask=\"255.255.255.0\"/></IPSecRemoteIdentity>\n" /* 25 */
	"  </IPSecTunnel>\n" /* 26 */
	"</AIX_VPN>\n"};

Test(aix_xml, appendix_model)
{
	struct parsed_file pf;
	const struct tunnel *t;
	const struct ike_proposal *p;
	const struct ipsec_proposal *q;
	char buf[64];

	parse_text(&pf, model);
	cr_expect_eq(pf.status, FILE_OK);
	cr_expect_eq(count_rule(&pf, R_SYNTAX_ERROR) + count_rule(&pf, R_UNKNOWN_STATEMENT), 0);
	cr_expect_eq(pf.dev->dialect, DIALECT_AIX_XML);
	t = only_tunnel(&pf);
	cr_expect_str_eq(t->name, "IPSec tunnel P2");
	cr_expect_str_eq(aspec_str(&t->local.addr, buf, sizeof(buf)), "192.0.2.1");
	cr_assert_eq(t->nremotes, 1);
	cr_expect_str_eq(aspec_str(&t->remotes[0].addr, buf, sizeof(buf)), "198.51.100.2");
	cr_assert_not_null(t->ike);
	cr_expect_eq(t->ike->exchange.v, XCHG_MAIN);
	cr_expect_eq(t->ike->exchange.o.span.line, 3);
	cr_assert_eq(t->ike->nproposals, 1);
	p = t->ike->proposals[0];
	cr_expect(algset_has(&p->enc, ENC_3DES));
	cr_expect(algset_has(&p->hash, INTEG_SHA1));
	cr_expect(algset_has(&p->dh, 2));
	cr_expect_eq(p->auth.v, AUTH_PSK);
	cr_expect_eq(p->lifetime_s.v, 28800, "480 minutes");
	cr_expect_eq(p->lifetime_s.o.prov, PROV_WRITTEN);
	cr_expect_eq(p->lifetime_s.o.span.line, 8, "the attribute's own line in a multi-line tag");
	cr_expect_eq(t->ike->psk.form, KEY_HEX);
	cr_assert_eq(t->ike->psk.len, 8);
	cr_expect_eq(memcmp(t->ike->psk.bytes, "abcdefgh", 8), 0, "0x6162636465666768 is 'abcdefgh'");
	cr_expect_eq(t->ike->psk.o.span.line, 14);
	cr_expect_eq(t->ike->psk.o.span.col, 27, "the key's first character");
	cr_expect_eq(t->ipsec.pfs.v, 0);
	cr_expect_eq(t->ipsec.pfs.o.prov, PROV_WRITTEN);
	cr_assert_eq(t->ipsec.nproposals, 1);
	q = t->ipsec.proposals[0];
	cr_expect_eq(q->proto.v, PROTO_ESP);
	cr_expect(algset_has(&q->esp_enc, ENC_3DES));
	cr_expect(algset_has(&q->esp_integ, INTEG_SHA1));
	cr_expect_eq(q->mode.v, ENCAP_TUNNEL);
	cr_expect_eq(q->lifetime_s.v, 28800);
	cr_assert_not_null(t->selectors);
	cr_assert_eq(t->selectors->n, 1);
	cr_expect_str_eq(aspec_str(&t->selectors->rules[0].src, buf, sizeof(buf)), "10.1.0.0/24");
	cr_expect_str_eq(aspec_str(&t->selectors->rules[0].dst, buf, sizeof(buf)), "10.2.0.0/24");
	parsed_file_free(&pf);
}

Test(aix_xml, unknown_names_and_references)
{
	static const char text[] = "<AIX_VPN>\n"
				   "  <IKEProtection IKE_ProtectionName=\"P\" ike_xchgmode=\"Main\"/>\n"
				   "  <IKETunel IKE_TunnelName=\"T\"/>\n"
				   "  <IKETunnel IKE_TunnelName=\"T\" IKE_ProtectionRef=\"Q\"/>\n"
				   "  <IKETunnel IKE_TunnelName=\"T\" IKE_ProtectionRef=\"P\"/>\n"
				   "</AIX_VPN>\n";
	struct parsed_file pf;
	const struct finding *f;

	parse_text(&pf, text);
	f = rule_at(&pf, R_UNKNOWN_STATEMENT, 2);
	cr_expect_str_eq(f->hint, "did you mean 'IKE_XCHGMode'? (names are case-sensitive)");
	cr_expect_eq(count_rule(&pf, R_UNKNOWN_STATEMENT), 2, "the attribute and <IKETunel>");
	cr_expect_eq(count_rule(&pf, R_DUPLICATE_DEFINITION), 1);
	parsed_file_free(&pf);
}

static const struct tunnel *tunnel_named(const struct device *d, const char *name)
{
	for (size_t i = 0; i < d->ntunnels; i++)
		if (strcmp(d->tunnels[i]->name, name) == 0)
			return d->tunnels[i];
	cr_assert_fail("no tunnel %s", name);
	return NULL;
}

static void expect_key(const struct tunnel *t, const char *key)
{
	cr_assert_not_null(t->ike);
	cr_assert_eq(t->ike->psk.len, strlen(key), "%s: key length %zu", t->name, t->ike->psk.len);
	cr_expect_eq(memcmp(t->ike->psk.bytes, key, strlen(key)), 0, "%s: not the key for its remote",
		     t->name);
}

#define IKT(n, id)                                                                                          \
	"  <IKETunnel IKE_TunnelName=\"" n "\"><IKERemoteIdentity>" id "</IKERemoteIdentity></IKETunnel>\n" \
	"  <IPSecTunnel IKE_TunnelName=\"" n "\" IPSec_TunnelName=\"S" n "\"/>\n"
#define PSK(v, id)                                                        \
	"  <IKEPresharedKey Value=\"" v "\"><IKEPresharedKeyRemoteID>" id \
	"</IKEPresharedKeyRemoteID></IKEPresharedKey>\n"

/* the key index: same answers as comparing every key with every tunnel */
Test(aix_xml, keys_are_found_by_remote_identity)
{
	static const char text[] = "<AIX_VPN>\n" IKT("1", "<FQDN Value=\"VPN.Example.COM\"/>") IKT(
		"2",
		"<IPV4_Address Value=\"198.51.100.7\"/>") IKT("3",
							      "<IPV6_Address_Range From=\"::1\" To=\"::ffff:1.2.3.4\"/>")
		IKT("4", "<IPV4_Address_Range From=\"192.0.2.0\" To=\"192.0.2.127\"/>") PSK(
			"k-range6", "<IPV6_Address_Range From=\"::ffff:1.2.3.4\" To=\"::1\"/>")
			PSK("k-first", "<IPV4_Address Value=\"198.51.100.7\"/>") PSK(
				"k-subnet",
				"<IPV4_Subnet Value=\"198.51.100.7\" Netmask=\"255.255.255.255\"/>")
				PSK("k-second", "<IPV4_Address Value=\"198.51.100.7\"/>") PSK(
					"k-fqdn", "<FQDN Value=\"vpn.example.com\"/>")
					PSK("k-range4",
					    "<IPV4_Address_Range From=\"192.0.2.127\" To=\"192.0.2.0\"/>") "</AIX_VPN>\n";
	struct parsed_file pf;
	struct findings dev_fs = {0};
	size_t unused = 0;

	parse_text(&pf, text);
	expect_key(tunnel_named(pf.dev, "IPSec tunnel S1"), "k-fqdn");
	expect_key(tunnel_named(pf.dev, "IPSec tunnel S2"), "k-first");
	expect_key(tunnel_named(pf.dev, "IPSec tunnel S3"), "k-range6");
	expect_key(tunnel_named(pf.dev, "IPSec tunnel S4"), "k-range4");
	/* the driver records which keys were found; the checker reports the others */
	chk_device(pf.dev, &dev_fs);
	for (size_t i = 0; i < dev_fs.n; i++) {
		const struct finding *f = &dev_fs.v[i];

		if (f->rule != R_UNUSED_DEFINITION || !strstr(f->message, "pre-shared key"))
			continue;
		unused++;
		cr_expect(f->loc.line == 12 || f->loc.line == 13, "line %u: the subnet and the second key",
			  f->loc.line);
	}
	cr_expect_eq(unused, 2, "the Subnet-typed key and the repeated one match no tunnel");
	fnd_free(&dev_fs);
	parsed_file_free(&pf);
}

Test(aix_xml, other_root_is_read)
{
	static const char text[] = "<ikedb><IPSecProposal IPSec_ProposalName=\"A\"/></ikedb>\n";
	struct parsed_file pf;
	const struct finding *f;

	parse_text(&pf, text);
	f = need_rule(&pf, R_UNKNOWN_STATEMENT);
	cr_expect(strstr(f->message, "root element is <ikedb>") != NULL, "%s", f->message);
	cr_expect_eq(pf.dev->ndefs, 1, "the proposal under the unknown root is still read");
	parsed_file_free(&pf);
}

Test(aix_xml, external_entities_are_not_read)
{
	static const char text[] = "<?xml version=\"1.0\"?>\n"
				   "<!DOCTYPE AIX_VPN [<!ENTITY e SYSTEM \"/etc/passwd\">]>\n"
				   "<AIX_VPN><IKETunnel IKE_TunnelName=\"&e;\"/></AIX_VPN>\n";
	struct parsed_file pf;

	parse_text(&pf, text);
	for (size_t i = 0; i < pf.dev->ndefs; i++)
		cr_expect_null(strstr(pf.dev->defs[i]->name, "root:"), "the entity was expanded");
	for (size_t i = 0; i < pf.fs.n; i++)
		cr_expect_null(strstr(pf.fs.v[i].message, "root:"), "%s", pf.fs.v[i].message);
	parsed_file_free(&pf);
}

Test(aix_xml, expansion_bomb_is_refused, .timeout = 20)
{
	static const char text[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		"<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
		"<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
		"<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>\n"
		"<AIX_VPN><IKETunnel IKE_TunnelName=\"&i;\"/></AIX_VPN>\n";
	struct parsed_file pf;

	parse_text(&pf, text);
	for (size_t i = 0; i < pf.dev->ndefs; i++)
		cr_expect_lt(strlen(pf.dev->defs[i]->name), 100000, "the bomb was expanded");
	parsed_file_free(&pf);
}

Test(aix_xml, malformed_is_a_finding_with_a_line)
{
	static const char text[] = "<AIX_VPN>\n<IKETunnel IKE_TunnelName=\"T\">\n</AIX_VPN>\n";
	struct parsed_file pf;
	const struct finding *f;

	parse_text(&pf, text);
	cr_expect_eq(pf.status, FILE_PARTIAL);
	f = rule_at(&pf, R_SYNTAX_ERROR, 3);
	cr_expect(strncmp(f->message, "XML: ", 5) == 0, "%s", f->message);
	parsed_file_free(&pf);
}
