/* SPDX-License-Identifier: MIT */
/*
 * tests/aix_xml_text.h - pieces of the AIX IKE XML document that test
 * devices share (host 192.0.2.1 facing 198.51.100.2, after the reference's
 * model document), to be joined with the rest of a document as string
 * literals. Each says how many lines it takes; each is written like a call,
 * AIX_IKE_TUNNEL_P1(), so that clang-format lays a text out one piece a line.
 */
#ifndef IPSECLINT_TESTS_AIX_XML_TEXT_H
#define IPSECLINT_TESTS_AIX_XML_TEXT_H

/* IKE tunnel P1 of protection P1Pol, from 192.0.2.1 to 198.51.100.2 (4 lines) */
#define AIX_IKE_TUNNEL_P1()                                                                            \
	"  <IKETunnel IKE_TunnelName=\"P1\" IKE_ProtectionRef=\"P1Pol\" IKE_Flags_AutoStart=\"No\">\n" \
	"    <IKELocalIdentity><IPV4_Address Value=\"192.0.2.1\"/></IKELocalIdentity>\n"               \
	"    <IKERemoteIdentity><IPV4_Address Value=\"198.51.100.2\"/></IKERemoteIdentity>\n"          \
	"  </IKETunnel>\n"

/* the hex pre-shared key value (a string literal) for 198.51.100.2 (3 lines) */
#define AIX_HEX_KEY(value)                                                                                \
	"  <IKEPresharedKey Value=\"" value "\" Format=\"Hex\">\n"                                        \
	"    <IKEPresharedKeyRemoteID><IPV4_Address Value=\"198.51.100.2\"/></IKEPresharedKeyRemoteID>\n" \
	"  </IKEPresharedKey>\n"

/* IPsec proposal P2Prop: ESP with the cipher enc and the integrity auth, tunnel mode, 480 minutes (4 lines) */
#define AIX_ESP_PROPOSAL(enc, auth)                                                                    \
	"  <IPSecProposal IPSec_ProposalName=\"P2Prop\">\n"                                            \
	"    <IPSecESPProtocol ESP_Encryption=\"" enc "\" ESP_Authentication=\"" auth "\"\n"           \
	"        ESP_EncapsulationMode=\"Tunnel\" ESP_KeyLifetime=\"480\" ESP_KeyLifetimeKB=\"0\"/>\n" \
	"  </IPSecProposal>\n"

/*
 * IPsec protection P2Pol (P2Prop, no PFS) and the opening of IPsec tunnel
 * P2 over IKE tunnel P1, from 10.1.0.0/24 (4 lines): its remote identity and
 * "  </IPSecTunnel>\n" follow.
 */
#define AIX_IPSEC_TUNNEL_P2_FROM_10_1()                                                                         \
	"  <IPSecProtection IPSec_ProtectionName=\"P2Pol\" IPSec_ProposalRefs=\"P2Prop\" IPSec_Role=\"Both\"\n" \
	"      IPSec_InitiatorDHGroup=\"NO_PFS\" IPSec_ResponderDHGroup=\"NO_PFS\" IPSec_KeyOverlap=\"10\"/>\n" \
	"  <IPSecTunnel IKE_TunnelName=\"P1\" IPSec_TunnelName=\"P2\" IPSec_ProtectionRef=\"P2Pol\" "           \
	"IPSec_Flags_AutoStart=\"No\">\n"                                                                       \
	"    <IPSecLocalIdentity><IPV4_Subnet Value=\"10.1.0.0\" Netmask=\"255.255.255.0\"/></IPSecLocalIdentity>\n"

#endif
