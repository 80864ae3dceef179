/* SPDX-License-Identifier: MIT */
/*
 * grammars/huawei.y - grammar of the IPsec part of a Huawei VRP
 * configuration (display current-configuration / vrpcfg.cfg of AR routers
 * and USG firewalls; formats/huawei-vrp.md).
 *
 * The input is a sequence of lines. The scanner starts every statement line
 * with a token naming its view (L_TOP for the system view, L_PEER for a line
 * inside `ike peer`, ...; see parsers/huawei.h), so the grammar is one
 * production per view and a flat list of statements per view. The view is
 * decided by the scanner from indentation alone, before the parser sees the
 * line, so no parser state or lookahead is involved: a header line's action
 * only records the object the following body lines add to.
 *
 * Actions are single calls into the builders of parsers/huawei.c. List
 * statements collect their words with hw_words_begin/hw_words_add into a
 * scratch list in the driver context and the statement's action consumes
 * it. Nothing is looked up here: references are resolved after the parse.
 *
 * Errors recover per line: `error T_NEWLINE` drops the rest of the line, so
 * one bad line is one syntax-error and the rest of the file is modelled.
 */

%require "3.8"
%define api.pure full
%define api.prefix {huawei_yy}
%define api.token.prefix {HWT_}
%define api.value.type {struct drv_tok}
%define api.location.type {struct drv_loc}
%define parse.error detailed
%locations
%expect 0

%param {yyscan_t scanner}
%parse-param {struct hw_ctx *ctx}

%code requires {
#include "parsers/huawei.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
}

%code {
int huawei_yylex(HUAWEI_YYSTYPE *lval, HUAWEI_YYLTYPE *lloc, yyscan_t scanner);

static void huawei_yyerror(HUAWEI_YYLTYPE *loc, yyscan_t scanner, struct hw_ctx *ctx,
			   const char *msg)
{
	(void)scanner;
	hw_syntax_error(ctx, loc, msg);
}
}

/* line-start tokens: the view the line belongs to */
%token L_TOP "system-view statement"
%token L_IKEP "ike proposal statement"
%token L_PEER "ike peer statement"
%token L_IPSP "ipsec proposal statement"
%token L_POL "ipsec policy statement"
%token L_ACL "acl statement"
%token L_IFACE "interface statement"

%token T_NEWLINE "end of line"
%token T_WORD "word"
%token T_NUMBER "number"
%token T_IPV4 "IPv4 address"
%token T_QUOTED "quoted string"

%token K_ACL "'acl'"
%token K_ADDRESS "'address'"
%token K_AH "'ah'"
%token K_ALIAS "'alias'"
%token K_ANY "'any'"
%token K_APPLIED_INTERFACE "'applied-interface'"
%token K_AUTHENTICATION_ALGORITHM "'authentication-algorithm'"
%token K_AUTHENTICATION_HEX "'authentication-hex'"
%token K_AUTHENTICATION_METHOD "'authentication-method'"
%token K_CIPHER "'cipher'"
%token K_DENY "'deny'"
%token K_DESTINATION "'destination'"
%token K_DESTINATION_PORT "'destination-port'"
%token K_DH "'dh'"
%token K_DSCP "'dscp'"
%token K_DURATION "'duration'"
%token K_ENABLE "'enable'"
%token K_ENCAPSULATION_MODE "'encapsulation-mode'"
%token K_ENCRYPTION_ALGORITHM "'encryption-algorithm'"
%token K_ENCRYPTION_HEX "'encryption-hex'"
%token K_EQ "'eq'"
%token K_ESP "'esp'"
%token K_EXCHANGE_MODE "'exchange-mode'"
%token K_GLOBAL_DURATION "'global-duration'"
%token K_GRE "'gre'"
%token K_GT "'gt'"
%token K_HOST_NAME "'host-name'"
%token K_ICMP "'icmp'"
%token K_ICMP_TYPE "'icmp-type'"
%token K_IGMP "'igmp'"
%token K_IKE "'ike'"
%token K_IKE_PEER "'ike-peer'"
%token K_IKE_PROPOSAL "'ike-proposal'"
%token K_INBOUND "'inbound'"
%token K_INJECT "'inject'"
%token K_INTEGRITY_ALGORITHM "'integrity-algorithm'"
%token K_INTERFACE "'interface'"
%token K_IP "'ip'"
%token K_IPINIP "'ipinip'"
%token K_IPSEC "'ipsec'"
%token K_ISAKMP "'isakmp'"
%token K_LOCAL "'local'"
%token K_LOCAL_ADDRESS "'local-address'"
%token K_LOCAL_ID "'local-id'"
%token K_LOCAL_ID_TYPE "'local-id-type'"
%token K_LOCAL_INTERFACE "'local-interface'"
%token K_LOCAL_NAME "'local-name'"
%token K_LT "'lt'"
%token K_MANUAL "'manual'"
%token K_NAME "'name'"
%token K_NAT "'nat'"
%token K_NUMBER "'number'"
%token K_OSPF "'ospf'"
%token K_OUTBOUND "'outbound'"
%token K_PEER "'peer'"
%token K_PERMIT "'permit'"
%token K_PFS "'pfs'"
%token K_POLICY "'policy'"
%token K_POLICY_TEMPLATE "'policy-template'"
%token K_PRE_SHARED_KEY "'pre-shared-key'"
%token K_PRECEDENCE "'precedence'"
%token K_PRF "'prf'"
%token K_PROFILE "'profile'"
%token K_PROPOSAL "'proposal'"
%token K_RANGE "'range'"
%token K_REMOTE "'remote'"
%token K_REMOTE_ADDRESS "'remote-address'"
%token K_REMOTE_ID "'remote-id'"
%token K_REMOTE_ID_TYPE "'remote-id-type'"
%token K_ROUTE "'route'"
%token K_RULE "'rule'"
%token K_SA "'sa'"
%token K_SECURITY "'security'"
%token K_SHARED "'shared'"
%token K_SIMPLE "'simple'"
%token K_SOURCE "'source'"
%token K_SOURCE_PORT "'source-port'"
%token K_SPI "'spi'"
%token K_STEP "'step'"
%token K_STRING_KEY "'string-key'"
%token K_SUB "'sub'"
%token K_SYSNAME "'sysname'"
%token K_TCP "'tcp'"
%token K_TEMPLATE "'template'"
%token K_TIME_BASED "'time-based'"
%token K_TIME_RANGE "'time-range'"
%token K_TOS "'tos'"
%token K_TRAFFIC_BASED "'traffic-based'"
%token K_TRANSFORM "'transform'"
%token K_TRAVERSAL "'traversal'"
%token K_TRIGGER_MODE "'trigger-mode'"
%token K_TUNNEL "'tunnel'"
%token K_TUNNEL_PROTOCOL "'tunnel-protocol'"
%token K_UDP "'udp'"
%token K_UNDO "'undo'"
%token K_VERSION "'version'"
%token K_VPN_INSTANCE "'vpn-instance'"

%%

file
	: %empty
	| file line
	;

line
	: L_TOP top_stmt T_NEWLINE
	| L_IKEP ikep_stmt T_NEWLINE
	| L_PEER peer_stmt T_NEWLINE
	| L_IPSP ipsp_stmt T_NEWLINE
	| L_POL pol_stmt T_NEWLINE
	| L_ACL acl_stmt T_NEWLINE
	| L_IFACE iface_stmt T_NEWLINE
	| error T_NEWLINE				{ yyerrok; }
	;

/* ---- system view --------------------------------------------------------- */

top_stmt
	: K_SYSNAME name				{ hw_sysname(ctx, &$2, &@2); }
	| K_IKE K_LOCAL_NAME name			{ hw_local_name(ctx, &$3, &@3); }
	| K_IKE K_PROPOSAL name				{ hw_ikep_begin(ctx, &$3, &@3, &@$); }
	| K_IKE K_PEER name				{ hw_peer_begin(ctx, &$3, &@3, NULL, NULL, &@$); }
	| K_IKE K_PEER name T_WORD			{ hw_peer_begin(ctx, &$3, &@3, &$4, &@4, &@$); }
	| K_IPSEC K_PROPOSAL name			{ hw_ipsp_begin(ctx, &$3, &@3, &@$); }
	| K_IPSEC K_POLICY name T_NUMBER		{ hw_pol_begin(ctx, HW_PK_ISAKMP, &$3, &@3, &$4, &@4, NULL, NULL, &@$); }
	| K_IPSEC K_POLICY name T_NUMBER K_ISAKMP	{ hw_pol_begin(ctx, HW_PK_ISAKMP, &$3, &@3, &$4, &@4, NULL, NULL, &@$); }
	| K_IPSEC K_POLICY name T_NUMBER K_MANUAL	{ hw_pol_begin(ctx, HW_PK_MANUAL, &$3, &@3, &$4, &@4, NULL, NULL, &@$); }
	| K_IPSEC K_POLICY name T_NUMBER K_ISAKMP K_TEMPLATE name
							{ hw_pol_begin(ctx, HW_PK_TPLREF, &$3, &@3, &$4, &@4, &$7, &@7, &@$); }
	| K_IPSEC K_POLICY name K_SHARED K_LOCAL_INTERFACE name
							{ hw_pol_shared(ctx, &$3, &@3, &$6, &@6, &@$); }
	| K_IPSEC K_POLICY_TEMPLATE name T_NUMBER	{ hw_pol_begin(ctx, HW_PK_TEMPLATE, &$3, &@3, &$4, &@4, NULL, NULL, &@$); }
	| K_IPSEC K_PROFILE name			{ hw_pol_begin(ctx, HW_PK_PROFILE, &$3, &@3, NULL, NULL, NULL, NULL, &@$); }
	| K_IPSEC K_SA K_GLOBAL_DURATION K_TIME_BASED T_NUMBER
							{ hw_global_duration(ctx, true, &$5, &@5, &@$); }
	| K_IPSEC K_SA K_GLOBAL_DURATION K_TRAFFIC_BASED T_NUMBER
							{ hw_global_duration(ctx, false, &$5, &@5, &@$); }
	| K_IPSEC K_SA T_WORD rest			{ /* other global SA settings: not modelled */ }
	| K_ACL words					{ hw_acl_begin(ctx, &@$); }
	| K_INTERFACE words				{ hw_iface_begin(ctx, &@$); }
	;

/* ---- ike proposal -------------------------------------------------------- */

ikep_stmt
	: K_ENCRYPTION_ALGORITHM words			{ hw_ikep_algs(ctx, HW_F_ENC, &@$); }
	| K_AUTHENTICATION_ALGORITHM words		{ hw_ikep_algs(ctx, HW_F_HASH, &@$); }
	| K_INTEGRITY_ALGORITHM words			{ hw_ikep_algs(ctx, HW_F_INTEG, &@$); }
	| K_PRF words					{ hw_ikep_algs(ctx, HW_F_PRF, &@$); }
	| K_AUTHENTICATION_METHOD name			{ hw_ikep_auth_method(ctx, &$2, &@2); }
	| K_DH name					{ hw_ikep_dh(ctx, &$2, &@2); }
	| K_SA K_DURATION T_NUMBER			{ hw_ikep_duration(ctx, &$3, &@3); }
	| K_SA T_WORD rest				{ hw_unknown_sub(ctx, &@1, &$2, &@2); }
	;

/* ---- ike peer ------------------------------------------------------------ */

peer_stmt
	: K_VERSION T_NUMBER				{ hw_peer_version(ctx, false, &$2, &@2, &@$); }
	| K_UNDO K_VERSION T_NUMBER			{ hw_peer_version(ctx, true, &$3, &@3, &@$); }
	| K_UNDO K_NAT K_TRAVERSAL			{ hw_peer_nat(ctx, false, &@$); }
	| K_UNDO T_WORD rest				{ hw_unknown_sub(ctx, &@1, &$2, &@2); }
	| K_EXCHANGE_MODE name				{ hw_peer_exchange(ctx, &$2, &@2); }
	| K_PRE_SHARED_KEY name				{ hw_peer_psk(ctx, HW_KF_BARE, &$2, &@2, &@$); }
	| K_PRE_SHARED_KEY K_SIMPLE name		{ hw_peer_psk(ctx, HW_KF_SIMPLE, &$3, &@3, &@$); }
	| K_PRE_SHARED_KEY K_CIPHER name		{ hw_peer_psk(ctx, HW_KF_CIPHER, &$3, &@3, &@$); }
	| K_IKE_PROPOSAL name				{ hw_peer_ike_proposal(ctx, &$2, &@2); }
	| K_PROPOSAL words				{ hw_peer_h3c_proposal(ctx, &@$); }
	| K_LOCAL_ADDRESS val				{ hw_peer_local_address(ctx, &$2, &@2); }
	| K_REMOTE_ADDRESS val				{ hw_peer_remote_address(ctx, &$2, &@2, NULL, false, &@$); }
	| K_REMOTE_ADDRESS K_VPN_INSTANCE name val	{ hw_peer_remote_address(ctx, &$4, &@4, &$3, false, &@$); }
	| K_REMOTE_ADDRESS K_HOST_NAME name		{ hw_peer_remote_address(ctx, &$3, &@3, NULL, true, &@$); }
	| K_LOCAL_ID_TYPE name				{ hw_peer_id_type(ctx, true, &$2, &@2, NULL, NULL); }
	| K_LOCAL_ID name				{ hw_peer_id(ctx, true, &$2, &@2); }
	| K_REMOTE_ID_TYPE name				{ hw_peer_id_type(ctx, false, &$2, &@2, NULL, NULL); }
	| K_REMOTE_ID_TYPE name name			{ hw_peer_id_type(ctx, false, &$2, &@2, &$3, &@3); }
	| K_REMOTE_ID name				{ hw_peer_id(ctx, false, &$2, &@2); }
	| K_NAT K_TRAVERSAL				{ hw_peer_nat(ctx, true, &@$); }
	| K_NAT T_WORD rest				{ hw_unknown_sub(ctx, &@1, &$2, &@2); }
	;

/* ---- ipsec proposal ------------------------------------------------------ */

ipsp_stmt
	: K_TRANSFORM name				{ hw_ipsp_transform(ctx, &$2, &@2); }
	| K_ENCAPSULATION_MODE name			{ hw_ipsp_mode(ctx, &$2, &@2); }
	| K_ESP K_ENCRYPTION_ALGORITHM words		{ hw_ipsp_algs(ctx, HW_F_ESP_ENC, &@$); }
	| K_ESP K_AUTHENTICATION_ALGORITHM words	{ hw_ipsp_algs(ctx, HW_F_ESP_AUTH, &@$); }
	| K_AH K_AUTHENTICATION_ALGORITHM words		{ hw_ipsp_algs(ctx, HW_F_AH_AUTH, &@$); }
	| K_ESP T_WORD rest				{ hw_unknown_sub(ctx, &@1, &$2, &@2); }
	| K_AH T_WORD rest				{ hw_unknown_sub(ctx, &@1, &$2, &@2); }
	;

/* ---- ipsec policy (isakmp, manual), policy-template, profile ------------- */

pol_stmt
	: K_SECURITY K_ACL words			{ hw_pol_acl(ctx, &@$); }
	| K_SECURITY T_WORD rest			{ hw_unknown_sub(ctx, &@1, &$2, &@2); }
	| K_IKE_PEER name				{ hw_pol_peer(ctx, &$2, &@2); }
	| K_PROPOSAL words				{ hw_pol_proposals(ctx, &@$); }
	| K_PFS name					{ hw_pol_pfs(ctx, &$2, &@2); }
	| K_SA K_DURATION K_TIME_BASED T_NUMBER		{ hw_pol_duration(ctx, true, &$4, &@4, &@$); }
	| K_SA K_DURATION K_TRAFFIC_BASED T_NUMBER	{ hw_pol_duration(ctx, false, &$4, &@4, &@$); }
	| K_SA K_TRIGGER_MODE name			{ hw_pol_trigger(ctx, &$3, &@3); }
	| K_SA K_SPI dir sproto T_NUMBER		{ hw_pol_spi(ctx, &$3, &$4, &$5, &@5); }
	| K_SA K_STRING_KEY dir sproto name		{ hw_pol_key(ctx, HW_KT_STRING, &$3, &$4, HW_KF_BARE, &$5, &@5); }
	| K_SA K_STRING_KEY dir sproto K_CIPHER name	{ hw_pol_key(ctx, HW_KT_STRING, &$3, &$4, HW_KF_CIPHER, &$6, &@6); }
	| K_SA K_AUTHENTICATION_HEX dir sproto name	{ hw_pol_key(ctx, HW_KT_AUTH_HEX, &$3, &$4, HW_KF_BARE, &$5, &@5); }
	| K_SA K_AUTHENTICATION_HEX dir sproto K_SIMPLE name
							{ hw_pol_key(ctx, HW_KT_AUTH_HEX, &$3, &$4, HW_KF_SIMPLE, &$6, &@6); }
	| K_SA K_AUTHENTICATION_HEX dir sproto K_CIPHER name
							{ hw_pol_key(ctx, HW_KT_AUTH_HEX, &$3, &$4, HW_KF_CIPHER, &$6, &@6); }
	| K_SA K_ENCRYPTION_HEX dir sproto name		{ hw_pol_key(ctx, HW_KT_ENC_HEX, &$3, &$4, HW_KF_BARE, &$5, &@5); }
	| K_SA K_ENCRYPTION_HEX dir sproto K_SIMPLE name
							{ hw_pol_key(ctx, HW_KT_ENC_HEX, &$3, &$4, HW_KF_SIMPLE, &$6, &@6); }
	| K_SA K_ENCRYPTION_HEX dir sproto K_CIPHER name
							{ hw_pol_key(ctx, HW_KT_ENC_HEX, &$3, &$4, HW_KF_CIPHER, &$6, &@6); }
	| K_SA T_WORD rest				{ hw_unknown_sub(ctx, &@1, &$2, &@2); }
	| K_LOCAL_ADDRESS val				{ hw_pol_local(ctx, false, &$2, &@2, &@$); }
	| K_LOCAL_ADDRESS K_APPLIED_INTERFACE		{ hw_pol_local(ctx, false, NULL, &@2, &@$); }
	| K_TUNNEL K_LOCAL val				{ hw_pol_local(ctx, true, &$3, &@3, &@$); }
	| K_TUNNEL K_LOCAL K_APPLIED_INTERFACE		{ hw_pol_local(ctx, true, NULL, &@3, &@$); }
	| K_TUNNEL K_REMOTE val				{ hw_pol_remote(ctx, false, &$3, &@3, &@$); }
	| K_TUNNEL T_WORD rest				{ hw_unknown_sub(ctx, &@1, &$2, &@2); }
	| K_REMOTE_ADDRESS val				{ hw_pol_remote(ctx, true, &$2, &@2, &@$); }
	| K_ALIAS words					{ /* a label for display commands */ }
	| K_UNDO K_POLICY K_ENABLE			{ hw_pol_disable(ctx, &@$); }
	| K_UNDO T_WORD rest				{ hw_unknown_sub(ctx, &@1, &$2, &@2); }
	| K_ROUTE K_INJECT rest				{ hw_pol_route_inject(ctx, &@$); }
	| K_ROUTE T_WORD rest				{ hw_unknown_sub(ctx, &@1, &$2, &@2); }
	;

dir
	: K_INBOUND
	| K_OUTBOUND
	;

sproto
	: K_ESP
	| K_AH
	;

/* ---- acl ----------------------------------------------------------------- */

acl_stmt
	: rule_head opt_proto ropts			{ hw_rule_end(ctx, &@$); }
	| K_STEP T_NUMBER				{ hw_acl_step(ctx, &$2, &@2); }
	;

rule_head
	: K_RULE T_NUMBER K_PERMIT			{ hw_rule_begin(ctx, &$2, &@2, true, &@1); }
	| K_RULE T_NUMBER K_DENY			{ hw_rule_begin(ctx, &$2, &@2, false, &@1); }
	| K_RULE K_PERMIT				{ hw_rule_begin(ctx, NULL, NULL, true, &@1); }
	| K_RULE K_DENY					{ hw_rule_begin(ctx, NULL, NULL, false, &@1); }
	;

opt_proto
	: %empty
	| proto						{ hw_rule_proto(ctx, &$1, &@1); }
	;

proto
	: K_IP | K_TCP | K_UDP | K_ICMP | K_GRE | K_IGMP | K_IPINIP | K_OSPF | T_NUMBER
	;

ropts
	: %empty
	| ropts ropt
	;

ropt
	: K_SOURCE val val				{ hw_rule_addr(ctx, true, &$2, &@2, &$3, &@3); }
	| K_SOURCE K_ANY				{ hw_rule_addr(ctx, true, NULL, &@2, NULL, NULL); }
	| K_DESTINATION val val				{ hw_rule_addr(ctx, false, &$2, &@2, &$3, &@3); }
	| K_DESTINATION K_ANY				{ hw_rule_addr(ctx, false, NULL, &@2, NULL, NULL); }
	| K_SOURCE_PORT K_EQ val			{ hw_rule_port(ctx, true, 'e', NULL, &@2, &$3, &@3, NULL, NULL); }
	| K_SOURCE_PORT K_GT val			{ hw_rule_port(ctx, true, 'g', NULL, &@2, &$3, &@3, NULL, NULL); }
	| K_SOURCE_PORT K_LT val			{ hw_rule_port(ctx, true, 'l', NULL, &@2, &$3, &@3, NULL, NULL); }
	| K_SOURCE_PORT K_RANGE val val			{ hw_rule_port(ctx, true, 'r', NULL, &@2, &$3, &@3, &$4, &@4); }
	| K_SOURCE_PORT T_WORD val			{ hw_rule_port(ctx, true, 0, &$2, &@2, &$3, &@3, NULL, NULL); }
	| K_DESTINATION_PORT K_EQ val			{ hw_rule_port(ctx, false, 'e', NULL, &@2, &$3, &@3, NULL, NULL); }
	| K_DESTINATION_PORT K_GT val			{ hw_rule_port(ctx, false, 'g', NULL, &@2, &$3, &@3, NULL, NULL); }
	| K_DESTINATION_PORT K_LT val			{ hw_rule_port(ctx, false, 'l', NULL, &@2, &$3, &@3, NULL, NULL); }
	| K_DESTINATION_PORT K_RANGE val val		{ hw_rule_port(ctx, false, 'r', NULL, &@2, &$3, &@3, &$4, &@4); }
	| K_DESTINATION_PORT T_WORD val			{ hw_rule_port(ctx, false, 0, &$2, &@2, &$3, &@3, NULL, NULL); }
	| K_VPN_INSTANCE name				{ /* the VRF of the traffic: not modelled */ }
	| K_TIME_RANGE name				{ /* time-based rule: always modelled as active */ }
	| K_DSCP val					{ /* QoS match: not part of the selector */ }
	| K_TOS val					{ }
	| K_PRECEDENCE val				{ }
	| K_ICMP_TYPE val				{ }
	| K_ICMP_TYPE val T_NUMBER			{ }
	| T_WORD					{ hw_rule_word(ctx, &$1, &@1); }
	;

/* ---- interface ----------------------------------------------------------- */

iface_stmt
	: K_IP K_ADDRESS T_IPV4 val			{ hw_if_address(ctx, &$3, &@3, &$4, &@4, false, &@$); }
	| K_IP K_ADDRESS T_IPV4 val K_SUB		{ hw_if_address(ctx, &$3, &@3, &$4, &@4, true, &@$); }
	| K_IP K_ADDRESS T_WORD rest			{ hw_if_address_other(ctx, &$3, &@3); }
	| K_IPSEC K_POLICY name rest			{ hw_if_policy(ctx, &$3, &@3, &@$); }
	| K_IPSEC K_PROFILE name			{ hw_if_profile(ctx, &$3, &@3, &@$); }
	| K_TUNNEL_PROTOCOL name			{ hw_if_tunnel_protocol(ctx, &$2, &@2); }
	| K_SOURCE val					{ hw_if_source(ctx, &$2, &@2); }
	| K_DESTINATION val				{ hw_if_destination(ctx, &$2, &@2); }
	| K_DESTINATION K_VPN_INSTANCE name val		{ hw_if_destination(ctx, &$4, &@4); }
	;

/* ---- values -------------------------------------------------------------- */

/* a value that is not a keyword (addresses, numbers, names) */
val
	: T_WORD | T_NUMBER | T_IPV4 | T_QUOTED
	;

/* any single token: object names may collide with keywords */
name
	: val | kw
	;

words
	: name						{ hw_words_begin(ctx); hw_words_add(ctx, &$1, &@1); }
	| words name					{ hw_words_add(ctx, &$2, &@2); }
	;

rest
	: %empty					{ hw_words_begin(ctx); }
	| rest name					{ hw_words_add(ctx, &$2, &@2); }
	;

kw
	: K_ACL | K_ADDRESS | K_AH | K_ALIAS | K_ANY | K_APPLIED_INTERFACE
	| K_AUTHENTICATION_ALGORITHM | K_AUTHENTICATION_HEX | K_AUTHENTICATION_METHOD | K_CIPHER
	| K_DENY | K_DESTINATION | K_DESTINATION_PORT | K_DH | K_DSCP | K_DURATION | K_ENABLE
	| K_ENCAPSULATION_MODE | K_ENCRYPTION_ALGORITHM | K_ENCRYPTION_HEX | K_EQ | K_ESP
	| K_EXCHANGE_MODE | K_GLOBAL_DURATION | K_GRE | K_GT | K_HOST_NAME | K_ICMP | K_ICMP_TYPE
	| K_IGMP | K_IKE | K_IKE_PEER | K_IKE_PROPOSAL | K_INBOUND | K_INJECT | K_INTEGRITY_ALGORITHM
	| K_INTERFACE | K_IP | K_IPINIP | K_IPSEC | K_ISAKMP | K_LOCAL | K_LOCAL_ADDRESS | K_LOCAL_ID
	| K_LOCAL_ID_TYPE | K_LOCAL_INTERFACE | K_LOCAL_NAME | K_LT | K_MANUAL | K_NAME | K_NAT
	| K_NUMBER | K_OSPF | K_OUTBOUND | K_PEER | K_PERMIT | K_PFS | K_POLICY | K_POLICY_TEMPLATE
	| K_PRE_SHARED_KEY | K_PRECEDENCE | K_PRF | K_PROFILE | K_PROPOSAL | K_RANGE | K_REMOTE
	| K_REMOTE_ADDRESS | K_REMOTE_ID | K_REMOTE_ID_TYPE | K_ROUTE | K_RULE | K_SA | K_SECURITY
	| K_SHARED | K_SIMPLE | K_SOURCE | K_SOURCE_PORT | K_SPI | K_STEP | K_STRING_KEY | K_SUB
	| K_SYSNAME | K_TCP | K_TEMPLATE | K_TIME_BASED | K_TIME_RANGE | K_TOS | K_TRAFFIC_BASED
	| K_TRANSFORM | K_TRAVERSAL | K_TRIGGER_MODE | K_TUNNEL | K_TUNNEL_PROTOCOL | K_UDP | K_UNDO
	| K_VERSION | K_VPN_INSTANCE
	;
