/* SPDX-License-Identifier: MIT */
/*
 * tests/test_object.c - the vendor object a line belongs to: what a
 * [suppress] entry of the config file names.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "parsers/parser.h"

static const char cfg[] = "#\n"
			  "sysname HQ\n"
			  "#\n"
			  "acl number 3000 match-order auto\n"
			  " rule 5 permit ip source 10.1.1.0 0.0.0.255\n"
			  "#\n"
			  "ike peer legacy v1\n"
			  " pre-shared-key cipher %^%#x%^%#\n"
			  " remote-address 192.0.2.1\n"
			  "#\n"
			  "ipsec policy VPN 10 isakmp template tpl\n"
			  " pfs dh-group14\n"
			  "\n"
			  "interface GigabitEthernet0/0/1\n"
			  " ipsec policy VPN\n";

static const char *object_at(struct parsed_file *pf, uint32_t line)
{
	static char buf[128];

	if (!parse_object_at(pf, line, buf, sizeof(buf)))
		return NULL;
	return buf;
}

Test(object, huawei_view_headers)
{
	struct parsed_file pf;

	parse_buffer(&pf, "hq.cfg", cfg, sizeof(cfg) - 1, VENDOR_HUAWEI);
	cr_assert_eq(pf.vendor, VENDOR_HUAWEI);
	cr_assert_str_eq(object_at(&pf, 5), "acl 3000");
	cr_assert_str_eq(object_at(&pf, 4), "acl 3000", "the header line is its own object");
	cr_assert_str_eq(object_at(&pf, 8), "ike peer legacy", "without the v1 suffix");
	cr_assert_str_eq(object_at(&pf, 12), "ipsec policy VPN 10", "without the mode words");
	cr_assert_str_eq(object_at(&pf, 15), "interface GigabitEthernet0/0/1");
	cr_assert_str_eq(object_at(&pf, 2), "sysname HQ");
	cr_assert_null(object_at(&pf, 1), "a '#' line before any view belongs to none");
	cr_assert_null(object_at(&pf, 0));
	cr_assert_null(object_at(&pf, 999));
	parsed_file_free(&pf);
}

Test(object, small_buffer_is_cut_not_overrun)
{
	struct parsed_file pf;
	char buf[12];

	parse_buffer(&pf, "hq.cfg", cfg, sizeof(cfg) - 1, VENDOR_HUAWEI);
	memset(buf, 'x', sizeof(buf));
	cr_assert(parse_object_at(&pf, 8, buf, sizeof(buf)));
	cr_assert_str_eq(buf, "ike peer");
	parsed_file_free(&pf);
}
