/* SPDX-License-Identifier: MIT */
/*
 * tests/planted_gen.h - a seeded generator of mirror-image configuration
 * pairs written as real text for Huawei VRP (AR-new saved configuration),
 * HP-UX A.03 ipsec_config batch files and AIX IKE database XML, and of
 * single planted faults in them (tests/test_planted.c).
 *
 * The values come from each vendor's value set in the references (../shared/formats/),
 * only those both ends of a pair can express. The writer records, per side,
 * the line every compared parameter is written on (or the line a rule points
 * at when the parameter is a default), so that a test can ask for a finding
 * on exactly that line.
 */
#ifndef IPSECLINT_TESTS_PLANTED_GEN_H
#define IPSECLINT_TESTS_PLANTED_GEN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/util.h"
#include "model/vocab.h"

enum pv { PV_HW, PV_HP, PV_AIX, PV__COUNT };

static const char *const pv_name[PV__COUNT] = {"huawei", "hpux", "aix"};

/* The parameters a line is recorded for. */
enum pl {
	L_FLOW,	    /* the selector list (ACL, tunnel policy, IPSecTunnel) */
	L_ENCAP,    /* encapsulation mode */
	L_ESP_ENC,  /* ESP encryption */
	L_ESP_AUTH, /* ESP integrity */
	L_IKE_ENC,  /* IKE encryption */
	L_DH,	    /* IKE DH group */
	L_HASH,	    /* IKEv1 hash / IKEv2 integrity */
	L_PRF,	    /* IKEv2 PRF */
	L_AUTH,	    /* authentication method */
	L_IKE_LIFE, /* IKE SA lifetime */
	L_VER,	    /* IKE version set */
	L_XCHG,	    /* exchange mode */
	L_PSK,	    /* pre-shared key */
	L_ID,	    /* what the identity check points at on this side */
	L_PFS,	    /* PFS (the policy line when none is written) */
	L_P2_LIFE,  /* IPsec SA lifetime, seconds */
	L_P2_KB,    /* IPsec SA lifetime, kilobytes */
	L__COUNT
};

/* One side's configuration, from its own point of view. */
struct pside {
	enum pv v;
	const char *name; /* device name (sysname, file stem) */
	int ver;	  /* 1 or 2 */
	bool aggressive;
	int ike_enc, hash, prf, dh; /* enum enc, enum integ (hash or integrity), enum integ, group */
	int ike_life;		    /* seconds, a multiple of 60 */
	char psk[40];
	bool psk_cipher; /* Huawei: an irreversible device cipher */
	bool rsa;	 /* authentication by RSA signature */
	int esp_enc, esp_auth;
	bool transport;
	int pfs; /* 0: none, else the group */
	int p2_life, p2_kb;
	uint32_t self, peer; /* tunnel endpoints */
	uint32_t lnet, rnet; /* protected networks */
	int llen, rlen;
	uint32_t rid; /* an explicit remote identity (IPv4), 0: none */
};

/* ---- random numbers: splitmix64, fixed seeds ------------------------------------------- */

static inline uint64_t pg_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline int pg_pick(uint64_t *s, const int *v, size_t n)
{
	return v[pg_next(s) % n];
}

/* ---- the vendors' value sets ---------------------------------------------------------- */

/*
 * The tokens of an algorithm on each vendor, in enum pv order (Huawei, HP-UX,
 * AIX); NULL where the vendor cannot express the value. An encryption
 * algorithm: its IKE and its ESP token; HP-UX has no AES-192 in IKE (not
 * among the documented values) nor in ESP (no transform).
 */
enum { TOK_IKE, TOK_ESP, TOK__ENC };
static const char *const enc_toks[ENC__COUNT][TOK__ENC][PV__COUNT] = {
	[ENC_3DES] = {{"3des", "3DES", "3DES-CBC"}, {"3des", "3DES", "ESP_3DES"}},
	[ENC_AES128] = {{"aes-128", "AES128", "AES-CBC-128"}, {"aes-128", "AES128", "ESP_AES_128"}},
	[ENC_AES192] = {{"aes-192", NULL, "AES-CBC-192"}, {"aes-192", NULL, "ESP_AES_192"}},
	[ENC_AES256] = {{"aes-256", "AES256", "AES-CBC-256"}, {"aes-256", "AES256", "ESP_AES_256"}},
};

/* A hash algorithm: its IKEv1 hash, IKEv2 integrity and PRF (AIX: IKEv1 only) and ESP authentication token. */
enum { TOK_HASH, TOK_INTEG, TOK_PRF, TOK_ESP_AUTH, TOK__INTEG };
static const char *const integ_toks[INTEG__COUNT][TOK__INTEG][PV__COUNT] = {
	[INTEG_MD5] = {{"md5", "MD5", "MD5"}, {NULL}, {NULL}, {"md5", "MD5", "HMAC-MD5"}},
	[INTEG_SHA1] = {{"sha1", "SHA1", "SHA"},
			{"hmac-sha1-96", "HMAC-SHA1", NULL},
			{"hmac-sha1", "HMAC-SHA1", NULL},
			{"sha1", "SHA1", "HMAC-SHA"}},
	[INTEG_SHA256] = {{"sha2-256", "SHA2-256", "SHA2-256"},
			  {"hmac-sha2-256", "HMAC-SHA2-256", NULL},
			  {"hmac-sha2-256", "HMAC-SHA2-256", NULL},
			  {"sha2-256", "SHA2_256", "HMAC-SHA2-256"}},
	[INTEG_SHA384] = {{"sha2-384", "SHA2-384", "SHA2-384"},
			  {"hmac-sha2-384", "HMAC-SHA2-384", NULL},
			  {"hmac-sha2-384", "HMAC-SHA2-384", NULL},
			  {"sha2-384", "SHA2_384", "HMAC-SHA2-384"}},
	[INTEG_SHA512] = {{"sha2-512", "SHA2-512", "SHA2-512"},
			  {"hmac-sha2-512", "HMAC-SHA2-512", NULL},
			  {"hmac-sha2-512", "HMAC-SHA2-512", NULL},
			  {"sha2-512", "SHA2_512", "HMAC-SHA2-512"}},
};

/* The token of encryption algorithm e (enum enc), as use (TOK_IKE, TOK_ESP) on vendor v. */
static inline const char *tok_enc(int use, enum pv v, int e)
{
	return e >= 0 && e < ENC__COUNT ? enc_toks[e][use][v] : NULL;
}

/* The token of hash algorithm h (enum integ), as use (TOK_HASH ... TOK_ESP_AUTH) on vendor v. */
static inline const char *tok_of_integ(int use, enum pv v, int h)
{
	return h >= 0 && h < INTEG__COUNT ? integ_toks[h][use][v] : NULL;
}

/* the picks of test_planted.c take these as functions */
static inline const char *tok_ike_enc(enum pv v, int e)
{
	return tok_enc(TOK_IKE, v, e);
}

static inline const char *tok_esp_enc(enum pv v, int e)
{
	return tok_enc(TOK_ESP, v, e);
}

static inline const char *tok_hash(enum pv v, int h)
{
	return tok_of_integ(TOK_HASH, v, h);
}

static inline const char *tok_integ(enum pv v, int h)
{
	return tok_of_integ(TOK_INTEG, v, h);
}

static inline const char *tok_prf(enum pv v, int h)
{
	return tok_of_integ(TOK_PRF, v, h);
}

static inline const char *tok_esp_auth(enum pv v, int h)
{
	return tok_of_integ(TOK_ESP_AUTH, v, h);
}

/* DH groups: Huawei 2, 5, 14, 19 seen; HP-UX and AIX 2, 5, 14 (1 is not offered: DES-era). */
static inline bool can_dh(enum pv v, int g)
{
	return g == 2 || g == 5 || g == 14 || (g == 19 && v == PV_HW);
}

/* ---- text ----------------------------------------------------------------------------- */

struct pdoc {
	char buf[8192];
	size_t n;
	unsigned line; /* the line the next output starts on */
	unsigned ln[L__COUNT];
};

/* One line of text; returns its line number. */
static inline unsigned pg_line(struct pdoc *d, const char *fmt, ...) PRINTF_LIKE(2, 3);

static inline unsigned pg_line(struct pdoc *d, const char *fmt, ...)
{
	va_list ap;
	unsigned at = d->line;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(d->buf + d->n, sizeof(d->buf) - d->n - 1, fmt, ap);
	va_end(ap);
	if (w > 0 && (size_t)w < sizeof(d->buf) - d->n - 1)
		d->n += (size_t)w;
	d->buf[d->n++] = '\n';
	d->buf[d->n] = '\0';
	d->line++;
	return at;
}

static inline const char *pg_ip(uint32_t a, char *b)
{
	snprintf(b, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
	return b;
}

static inline uint32_t pg_mask(int len)
{
	return len ? ~0u << (32 - len) : 0;
}

/* Huawei (AR-new dialect, formats/huawei-vrp.md 4.1) */
static inline void pg_write_huawei(struct pdoc *d, const struct pside *p)
{
	char a[16], b[16], c[16], e[16];

	pg_line(d, "#");
	pg_line(d, " sysname %s", p->name);
	pg_line(d, "#");
	d->ln[L_FLOW] = pg_line(d, "acl number 3000");
	pg_line(d, " rule 5 permit ip source %s %s destination %s %s", pg_ip(p->lnet, a),
		pg_ip(~pg_mask(p->llen), b), pg_ip(p->rnet, c), pg_ip(~pg_mask(p->rlen), e));
	pg_line(d, "#");
	pg_line(d, "ipsec proposal P1");
	pg_line(d, " transform esp");
	d->ln[L_ENCAP] = pg_line(d, " encapsulation-mode %s", p->transport ? "transport" : "tunnel");
	d->ln[L_ESP_AUTH] = pg_line(d, " esp authentication-algorithm %s", tok_esp_auth(PV_HW, p->esp_auth));
	d->ln[L_ESP_ENC] = pg_line(d, " esp encryption-algorithm %s", tok_esp_enc(PV_HW, p->esp_enc));
	pg_line(d, "#");
	pg_line(d, "ike proposal 10");
	d->ln[L_IKE_ENC] = pg_line(d, " encryption-algorithm %s", tok_ike_enc(PV_HW, p->ike_enc));
	d->ln[L_DH] = pg_line(d, " dh group%d", p->dh);
	if (p->ver == 1)
		d->ln[L_HASH] = pg_line(d, " authentication-algorithm %s", tok_hash(PV_HW, p->hash));
	d->ln[L_AUTH] = pg_line(d, " authentication-method %s", p->rsa ? "rsa-signature" : "pre-share");
	if (p->ver == 2) {
		d->ln[L_HASH] = pg_line(d, " integrity-algorithm %s", tok_integ(PV_HW, p->hash));
		d->ln[L_PRF] = pg_line(d, " prf %s", tok_prf(PV_HW, p->prf));
	}
	d->ln[L_IKE_LIFE] = pg_line(d, " sa duration %d", p->ike_life);
	pg_line(d, "#");
	d->ln[L_ID] = pg_line(d, "ike peer PEER");
	d->ln[L_VER] = pg_line(d, " undo version %d", p->ver == 1 ? 2 : 1);
	if (p->ver == 1)
		d->ln[L_XCHG] = pg_line(d, " exchange-mode %s", p->aggressive ? "aggressive" : "main");
	if (p->psk_cipher) /* a device cipher of the documentation's shape (section 3.5): 40 characters */
		d->ln[L_PSK] = pg_line(
			d, " pre-shared-key cipher %%^%%#K{JG:rWVHPMnf;5\\|,GW(Luq'qi8BT4nOj%%5W5=)%%^%%#");
	else
		d->ln[L_PSK] = pg_line(d, " pre-shared-key simple %s", p->psk);
	pg_line(d, " ike-proposal 10");
	if (p->rid)
		d->ln[L_ID] = pg_line(d, " remote-id %s", pg_ip(p->rid, a));
	pg_line(d, " remote-address %s", pg_ip(p->peer, a));
	pg_line(d, "#");
	d->ln[L_PFS] = pg_line(d, "ipsec policy VPN 10 isakmp");
	pg_line(d, " security acl 3000");
	pg_line(d, " ike-peer PEER");
	pg_line(d, " proposal P1");
	if (p->pfs)
		d->ln[L_PFS] = pg_line(d, " pfs dh-group%d", p->pfs);
	d->ln[L_P2_LIFE] = pg_line(d, " sa duration time-based %d", p->p2_life);
	d->ln[L_P2_KB] = pg_line(d, " sa duration traffic-based %d", p->p2_kb);
	pg_line(d, "#");
	pg_line(d, "interface GigabitEthernet0/0/0");
	pg_line(d, " ip address %s 255.255.255.0", pg_ip(p->self, a));
	pg_line(d, " ipsec policy VPN");
	pg_line(d, "#");
	pg_line(d, "interface GigabitEthernet0/0/1");
	pg_line(d, " ip address %s %s", pg_ip(p->lnet + 1, a), pg_ip(pg_mask(p->llen), b));
	pg_line(d, "#");
	pg_line(d, "return");
}

/* HP-UX A.03 batch file (formats/hpux-ipsec_config.md 4.2, 4.3), one flag a line where it matters */
static inline void pg_write_hpux(struct pdoc *d, const struct pside *p)
{
	char a[16], b[16], c[16];

	pg_line(d, "# %s: HP-UX host %s, tunnel to %s", p->name, pg_ip(p->self, a), pg_ip(p->peer, b));
	d->ln[L_FLOW] = pg_line(d, "add tunnel tun1 -tsource %s -tdestination %s \\", a, b);
	pg_line(d, "    -source %s/%d \\", pg_ip(p->lnet, c), p->llen);
	pg_line(d, "    -destination %s/%d \\", pg_ip(p->rnet, c), p->rlen);
	pg_line(d, "    -protocol ALL \\");
	d->ln[L_ESP_ENC] = d->ln[L_ESP_AUTH] = d->ln[L_P2_LIFE] = d->ln[L_P2_KB] =
		pg_line(d, "    -action ESP_%s_HMAC_%s/%d/%d", tok_esp_enc(PV_HP, p->esp_enc),
			tok_esp_auth(PV_HP, p->esp_auth), p->p2_life, p->p2_kb);
	d->ln[L_ENCAP] = d->ln[L_FLOW];
	pg_line(d, "add host h1 -source %s/%d -destination %s/%d \\", pg_ip(p->lnet, a), p->llen,
		pg_ip(p->rnet, c), p->rlen);
	pg_line(d, "    -priority 20 -tunnel tun1 -action PASS");
	pg_line(d, "add ikev%d ike1 -remote %s/32 -priority 20 \\", p->ver, pg_ip(p->peer, a));
	d->ln[L_IKE_ENC] = pg_line(d, "    -encryption %s \\", tok_ike_enc(PV_HP, p->ike_enc));
	d->ln[L_HASH] = pg_line(d, "    -hash %s \\",
				p->ver == 1 ? tok_hash(PV_HP, p->hash) : tok_integ(PV_HP, p->hash));
	if (p->ver == 2)
		d->ln[L_PRF] = pg_line(d, "    -prf %s \\", tok_prf(PV_HP, p->prf));
	d->ln[L_DH] = pg_line(d, "    -group %d \\", p->dh);
	d->ln[L_IKE_LIFE] = pg_line(d, "    -life %d \\", p->ike_life);
	d->ln[L_PFS] = pg_line(d, "    -pfs %s", p->pfs ? "ON" : "OFF");
	d->ln[L_ID] = d->ln[L_AUTH] = pg_line(d, "add auth auth1 -remote %s/32 -priority 20 \\", a);
	d->ln[L_VER] = pg_line(d, "    -kmp IKEV%d \\", p->ver);
	if (p->ver == 1)
		d->ln[L_XCHG] = pg_line(d, "    -exchange %s \\", p->aggressive ? "AM" : "MM");
	if (p->rid)
		d->ln[L_ID] = pg_line(d, "    -rtype IPV4 -rid %s \\", pg_ip(p->rid, a));
	d->ln[L_PSK] = pg_line(d, "    -preshared %s", p->psk);
}

/* AIX IKE database XML (formats/aix-exports.md A.2), one compared attribute a line */
static inline void pg_write_aix(struct pdoc *d, const struct pside *p)
{
	char a[16], b[16];
	int g;

	pg_line(d, "<?xml version=\"1.0\"?>");
	pg_line(d, "<!-- %s -->", p->name);
	pg_line(d, "<AIX_VPN Version=\"2.0\">");
	pg_line(d, "  <IKEProtection IKE_ProtectionName=\"P1Pol\" IKE_Role=\"Both\"");
	d->ln[L_XCHG] = pg_line(d, "      IKE_XCHGMode=\"%s\">", p->aggressive ? "Aggressive" : "Main");
	pg_line(d, "    <IKETransform");
	d->ln[L_HASH] = pg_line(d, "        IKE_Hash=\"%s\"", tok_hash(PV_AIX, p->hash));
	d->ln[L_IKE_ENC] = pg_line(d, "        IKE_Encryption=\"%s\"", tok_ike_enc(PV_AIX, p->ike_enc));
	d->ln[L_DH] = pg_line(d, "        IKE_DHGroup=\"%d\"", p->dh);
	d->ln[L_IKE_LIFE] = pg_line(d, "        IKE_KeyRefreshMinutes=\"%d\"", p->ike_life / 60);
	d->ln[L_AUTH] = pg_line(d, "        IKE_AuthenticationMethod=\"%s\"/>",
				p->rsa ? "RSA_signature" : "Preshared_key");
	pg_line(d, "  </IKEProtection>");
	d->ln[L_VER] = pg_line(
		d,
		"  <IKETunnel IKE_TunnelName=\"P1\" IKE_ProtectionRef=\"P1Pol\" IKE_Flags_AutoStart=\"No\">");
	d->ln[L_ID] = pg_line(d, "    <IKELocalIdentity><IPV4_Address Value=\"%s\"/></IKELocalIdentity>",
			      pg_ip(p->self, a));
	pg_line(d, "    <IKERemoteIdentity><IPV4_Address Value=\"%s\"/></IKERemoteIdentity>",
		pg_ip(p->peer, b));
	pg_line(d, "  </IKETunnel>");
	d->ln[L_PSK] = pg_line(d, "  <IKEPresharedKey Value=\"%s\" Format=\"ASCII\">", p->psk);
	pg_line(d, "    <IKEPresharedKeyRemoteID><IPV4_Address Value=\"%s\"/></IKEPresharedKeyRemoteID>", b);
	pg_line(d, "  </IKEPresharedKey>");
	pg_line(d, "  <IPSecProposal IPSec_ProposalName=\"P2Prop\">");
	pg_line(d, "    <IPSecESPProtocol");
	d->ln[L_ESP_ENC] = pg_line(d, "        ESP_Encryption=\"%s\"", tok_esp_enc(PV_AIX, p->esp_enc));
	d->ln[L_ESP_AUTH] =
		pg_line(d, "        ESP_Authentication=\"%s\"", tok_esp_auth(PV_AIX, p->esp_auth));
	d->ln[L_ENCAP] =
		pg_line(d, "        ESP_EncapsulationMode=\"%s\"", p->transport ? "Transport" : "Tunnel");
	d->ln[L_P2_LIFE] = pg_line(d, "        ESP_KeyLifetime=\"%d\"", p->p2_life / 60);
	d->ln[L_P2_KB] = pg_line(d, "        ESP_KeyLifetimeKB=\"%d\"/>", p->p2_kb);
	pg_line(d, "  </IPSecProposal>");
	pg_line(d,
		"  <IPSecProtection IPSec_ProtectionName=\"P2Pol\" IPSec_ProposalRefs=\"P2Prop\" IPSec_Role=\"Both\"");
	g = p->pfs;
	if (g)
		d->ln[L_PFS] =
			pg_line(d, "      IPSec_InitiatorDHGroup=\"%d\" IPSec_ResponderDHGroup=\"%d\"", g, g);
	else
		d->ln[L_PFS] = pg_line(
			d, "      IPSec_InitiatorDHGroup=\"NO_PFS\" IPSec_ResponderDHGroup=\"NO_PFS\"");
	pg_line(d, "      IPSec_KeyOverlap=\"10\"/>");
	d->ln[L_FLOW] = pg_line(
		d,
		"  <IPSecTunnel IKE_TunnelName=\"P1\" IPSec_TunnelName=\"P2\" IPSec_ProtectionRef=\"P2Pol\" "
		"IPSec_Flags_AutoStart=\"No\">");
	pg_line(d, "    <IPSecLocalIdentity><IPV4_Subnet Value=\"%s\" Netmask=\"%s\"/></IPSecLocalIdentity>",
		pg_ip(p->lnet, a), pg_ip(pg_mask(p->llen), b));
	pg_line(d,
		"    <IPSecRemoteIdentity><IPV4_Subnet Value=\"%s\" Netmask=\"%s\"/></IPSecRemoteIdentity>",
		pg_ip(p->rnet, a), pg_ip(pg_mask(p->rlen), b));
	pg_line(d, "  </IPSecTunnel>");
	pg_line(d, "</AIX_VPN>");
}

static inline void pg_write(struct pdoc *d, const struct pside *p)
{
	memset(d, 0, sizeof(*d));
	d->line = 1;
	if (p->v == PV_HW)
		pg_write_huawei(d, p);
	else if (p->v == PV_HP)
		pg_write_hpux(d, p);
	else
		pg_write_aix(d, p);
}

#endif
