/* SPDX-License-Identifier: MIT */
/*
 * tests/huawei_text.h - blocks of Huawei configuration text that many test
 * devices share, to be joined with the rest of a device's text as string
 * literals. Each says how many lines it takes; each is written like a call,
 * HW_IKE_10(), so that clang-format lays a text out one piece a line.
 */
#ifndef IPSECLINT_TESTS_HUAWEI_TEXT_H
#define IPSECLINT_TESTS_HUAWEI_TEXT_H

/* ipsec proposal P1: ESP with sha2-256 and aes-256 (3 lines) */
#define HW_ESP_P1()                                \
	"ipsec proposal P1\n"                      \
	" esp authentication-algorithm sha2-256\n" \
	" esp encryption-algorithm aes-256\n"

/* ike proposal 10: aes-256, group 14, sha2-256 and a pre-shared key (5 lines) */
#define HW_IKE_10()                            \
	"ike proposal 10\n"                    \
	" encryption-algorithm aes-256\n"      \
	" dh group14\n"                        \
	" authentication-algorithm sha2-256\n" \
	" authentication-method pre-share\n"

/* ipsec policy VPN 10: acl 3000, ike peer PEER, proposal P1 (4 lines) */
#define HW_POLICY_10()                 \
	"ipsec policy VPN 10 isakmp\n" \
	" security acl 3000\n"         \
	" ike-peer PEER\n"             \
	" proposal P1\n"

/* a printf format: the interface applying policy VPN, its address a %s (3 lines) */
#define HW_IFACE_FMT()                     \
	"interface GigabitEthernet0/0/0\n" \
	" ip address %s 255.255.255.0\n"   \
	" ipsec policy VPN\n"

#endif
