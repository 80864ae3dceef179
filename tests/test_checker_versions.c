/* SPDX-License-Identifier: MIT */
/*
 * tests/test_checker_versions.c - sm-algorithm-ikev2 says why a tunnel
 * negotiates with IKEv2: written (IKEv2 alone, or preferred over IKEv1 when
 * both are written, with the version line as a related location) or an
 * assumed default (then only a warning). A Huawei device parsed from text,
 * checked by chk_device().
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker/checker.h"
#include "parsers/parser.h"
#include "tests/huawei_text.h"

/* fixtures/huawei/rules/sm-algorithm-ikev2--fires.cfg, its "version 2" line (20) given as %s */
static const char dev_fmt[] =
	"#\n"										/* 1 */
	" sysname SM-ALGORITHM-IKEV2-FIRES\n"						/* 2 */
	"#\n"										/* 3 */
	"acl number 3000\n"								/* 4 */
	" rule 5 permit ip source 10.1.1.0 0.0.0.255 destination 10.2.1.0 0.0.0.255\n"	/* 5 */
	"#\n"										/* 6 */
	"ipsec proposal PROP-AES256\n"							/* 7 */
	" esp authentication-algorithm sha2-256\n"					/* 8 */
	" esp encryption-algorithm sm4\n"						/* 9 */
	"#\n"										/* 10 */
	HW_IKE_10()									/* 11-15 */
	" integrity-algorithm hmac-sha2-256\n"						/* 16 */
	" prf hmac-sha2-256\n"								/* 17 */
	"#\n"										/* 18 */
	"ike peer HQ\n"									/* 19 */
	"%s\n"										/* 20 */
	" pre-shared-key cipher %%^%%#}00dVYnmsGNeU<QFS5Ec*StaK(nwYYwN$XS8Rb>4%%^%%#\n" /* 21 */
	" ike-proposal 10\n"								/* 22 */
	" remote-address 198.51.100.1\n"						/* 23 */
	"#\n"										/* 24 */
	"ipsec policy VPN 10 isakmp\n"							/* 25 */
	" security acl 3000\n"								/* 26 */
	" ike-peer HQ\n"								/* 27 */
	" proposal PROP-AES256\n"							/* 28 */
	"#\n"										/* 29 */
	"interface GigabitEthernet0/0/1\n"						/* 30 */
	" ip address 203.0.113.2 255.255.255.0\n"					/* 31 */
	" ipsec policy VPN\n"								/* 32 */
	"#\n"										/* 33 */
	"interface GigabitEthernet0/0/2\n"						/* 34 */
	" ip address 10.1.1.1 255.255.255.0\n"						/* 35 */
	"#\n"										/* 36 */
	"ip route-static 0.0.0.0 0.0.0.0 203.0.113.1\n"					/* 37 */
	"#\n"										/* 38 */
	"return\n" /* 39 */;
#define LN_SM 9u
#define LN_VERSION 20u
#define LN_POLICY 25u /* when the version is one line */

struct checked {
	struct parsed_file pf;
	struct findings fs;
	char text[4096];
};

static const struct finding *sm_finding(struct checked *c, const char *versions)
{
	const struct finding *f = NULL;

	memset(c, 0, sizeof(*c));
	snprintf(c->text, sizeof(c->text), dev_fmt, versions);
	parse_buffer(&c->pf, "A.cfg", c->text, strlen(c->text), VENDOR_HUAWEI);
	cr_assert_not_null(c->pf.dev);
	chk_device(c->pf.dev, &c->fs);
	for (size_t i = 0; i < c->fs.n; i++) {
		if (c->fs.v[i].rule != R_SM_ALGORITHM_IKEV2)
			continue;
		cr_expect_null(f, "one sm-algorithm-ikev2");
		f = &c->fs.v[i];
	}
	return f;
}

static void checked_free(struct checked *c)
{
	fnd_free(&c->fs);
	parsed_file_free(&c->pf);
}

#define MSG(note)                                          \
	"ipsec policy 'VPN 10' negotiates with IKEv2" note \
	", which does not support sm algorithms: sm4 in ipsec proposal 'PROP-AES256'"

Test(sm_ikev2, written_ikev2_alone_is_an_error_with_the_version_line)
{
	struct checked c;
	const struct finding *f = sm_finding(&c, " version 2");

	cr_assert_not_null(f);
	cr_expect_eq(f->sev, SEV_ERROR);
	cr_expect_eq(f->loc.line, LN_POLICY);
	cr_expect_str_eq(f->message, MSG(""));
	cr_assert_eq(f->nrelated, 2);
	cr_expect_eq(f->related[0].line, LN_SM);
	cr_expect_str_eq(f->related[0].message, "sm algorithm set here");
	cr_expect_eq(f->related[1].line, LN_VERSION);
	cr_expect_str_eq(f->related[1].message, "ike version set here");
	checked_free(&c);
}

Test(sm_ikev2, both_versions_written_ikev2_is_preferred)
{
	struct checked c;
	const struct finding *f = sm_finding(&c, " version 1\n version 2");

	cr_assert_not_null(f);
	cr_expect_eq(f->sev, SEV_ERROR);
	cr_expect_eq(f->loc.line, LN_POLICY + 1);
	cr_expect_str_eq(f->message, MSG(" (preferred over IKEv1)"));
	checked_free(&c);
}

Test(sm_ikev2, assumed_default_is_only_a_warning)
{
	struct checked c;
	const struct finding *f = sm_finding(&c, "#");

	cr_assert_not_null(f);
	cr_expect_eq(f->sev, SEV_WARNING, "an assumed default is not certain");
	cr_expect_eq(f->loc.line, LN_POLICY);
	cr_expect_str_eq(f->message, MSG(" (assumed default; preferred over IKEv1)"));
	cr_assert_eq(f->nrelated, 1, "no version line to show");
	cr_expect_eq(f->related[0].line, LN_SM);
	checked_free(&c);
}

Test(sm_ikev2, ikev1_alone_does_not_fire)
{
	struct checked c;

	cr_expect_null(sm_finding(&c, " version 1"));
	checked_free(&c);
}
