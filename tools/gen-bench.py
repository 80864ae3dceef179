#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gen-bench.py - the inputs of 'make bench', all three vendors, deterministic.

    tools/gen-bench.py fleet DIR --devices N [--seed S] [--faults K]
    tools/gen-bench.py big-huawei FILE [--policies P] [--rules R] [--seed S]
    tools/gen-bench.py aix-db FILE [--tunnels T] [--seed S]
    tools/gen-bench.py big-acl FILE [--rules R] [--seed S]

fleet: N devices, hub and spoke. ceil(N / 10000) Huawei hubs (AR-new
  saved configurations, one policy group with an isakmp policy, a named ACL
  and an ike peer per spoke: Huawei sequence numbers stop at 10000); the
  spokes, in turn, Huawei (three in five: AR-new, IKEv2), HP-UX (one in five:
  an A.03 batch file, a tunnel policy from the host to the hub's LAN, IKEv1)
  and AIX (one in five: an IKE database XML document, IKEv1). Every pair is
  consistent but for the K faulty spokes (a PFS group, a lifetime, a DH group
  the hub does not use, in turn). Keys: Huawei spokes hold fake device
  ciphers; HP-UX and AIX spokes a plain key that their hub's peer repeats.
big-huawei: one Huawei file of P isakmp policies (two policy groups on two
  interfaces), each with its own ike peer and an ACL of R rules (distinct TCP
  destination ports, so that no rule shadows another): about 50 MB for the
  defaults P = 20000, R = 21.
aix-db: one AIX IKE database XML document (the reconstructed model of
  formats/aix-exports.md) with T IKE tunnels and T IPSec tunnels, a
  pre-shared key for each remote.
big-acl: one Huawei policy whose ACL has R rules (default 20000) that overlap
  as a real firewall's do: /24 sources under a few /16s, TCP and UDP port
  ranges, every 500th rule a broader one that shadows later rules, every
  250th a repeat of an earlier rule (the shadow and overlap checks' worst
  case on one device).

The same command line writes the same bytes. Python 3 standard library only.
"""

import argparse
import ipaddress
import os
import random
import sys

CIPHER_CHARS = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "?%")
SPOKES_PER_HUB = 9999


def cipher(rng):
    return "%^%#" + "".join(rng.choice(CIPHER_CHARS) for _ in range(40)) + "%^%#"


def plain_key(rng):
    return "Bench-" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
                              for _ in range(18))


def ip(n):
    return str(ipaddress.IPv4Address(n))


IP_100_64 = int(ipaddress.IPv4Address("100.64.0.0"))
IP_10 = int(ipaddress.IPv4Address("10.0.0.0"))
IP_198_18 = int(ipaddress.IPv4Address("198.18.0.0"))


def spoke_wan(s):
    """(address, gateway) of spoke s (0-based over the fleet): a /30 in 100.64.0.0/10."""
    base = IP_100_64 + 4 * (s + 1)
    return ip(base + 2), ip(base + 1)


def spoke_lan(s):
    """A /26 in 10.0.0.0/8 (262144 of them)."""
    return ip(IP_10 + 64 * (s + 1))


def hub_wan(h):
    return ip(IP_198_18 + 256 * h + 1)


def hub_lan(h):
    return "172.%d.%d.0" % (16 + h // 256, h % 256)


def write(path, parts):
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("".join(parts))
    return os.path.getsize(path)


HUAWEI_HEAD = "[V300R019C00SPC300]\n#\n sysname %s\n#\n"
IKE_PROPOSAL_10 = ("ike proposal 10\n encryption-algorithm aes-256\n dh group14\n"
                   " authentication-algorithm sha2-256\n authentication-method pre-share\n"
                   " integrity-algorithm hmac-sha2-256\n prf hmac-sha2-256\n")
IPSEC_PROPOSAL = "ipsec proposal P1\n esp authentication-algorithm sha2-256\n esp encryption-algorithm aes-256\n"


# ---- fleet --------------------------------------------------------------------------------

def spoke_kind(s):
    return ("huawei", "hpux", "huawei", "aix", "huawei")[s % 5]


def gen_hub(d, h, spokes, keys, rng):
    out = [HUAWEI_HEAD % ("HUB-%02d" % h)]
    for s in spokes:
        out.append("acl name S%06d advance\n rule 5 permit ip source %s 0.0.0.255 destination %s %s\n#\n"
                   % (s, hub_lan(h), spoke_lan(s) if spoke_kind(s) == "huawei" else spoke_wan(s)[0],
                      "0.0.0.63" if spoke_kind(s) == "huawei" else "0"))
    out.append(IPSEC_PROPOSAL + "#\n" + IKE_PROPOSAL_10 + "#\n")
    for s in spokes:
        kind = spoke_kind(s)
        key = "cipher " + cipher(rng) if kind == "huawei" else "simple " + keys[s]
        out.append("ike peer S%06d\n %s\n pre-shared-key %s\n ike-proposal 10\n local-address %s\n"
                   " remote-address %s\n" % (s, "version 2" if kind == "huawei" else "undo version 2",
                                             key, hub_wan(h), spoke_wan(s)[0]))
    out.append("#\n")
    for seq, s in enumerate(spokes, 1):
        out.append("ipsec policy VPN %d isakmp\n security acl name S%06d\n ike-peer S%06d\n proposal P1\n"
                   " pfs dh-group14\n sa duration time-based 3600\n#\n" % (seq, s, s))
    out.append("interface GigabitEthernet0/0/0\n ip address %s 255.255.255.0\n ipsec policy VPN\n#\n"
               "interface GigabitEthernet0/0/1\n ip address %s 255.255.255.0\n#\nreturn\n"
               % (hub_wan(h), hub_lan(h)[:-1] + "1"))
    return write(os.path.join(d, "hub-%02d.cfg" % h), out)


def gen_huawei_spoke(d, h, s, fault, rng):
    wan, gw = spoke_wan(s)
    out = [HUAWEI_HEAD % ("S%06d" % s)]
    out.append("acl number 3000\n rule 5 permit ip source %s 0.0.0.63 destination %s 0.0.0.255\n#\n"
               % (spoke_lan(s), hub_lan(h)))
    out.append(IPSEC_PROPOSAL + "#\n")
    out.append((IKE_PROPOSAL_10.replace("dh group14", "dh group19") if fault == "dh" else IKE_PROPOSAL_10) + "#\n")
    out.append("ike peer HUB\n version 2\n pre-shared-key cipher %s\n ike-proposal 10\n local-address %s\n"
               " remote-address %s\n#\n" % (cipher(rng), wan, hub_wan(h)))
    out.append("ipsec policy VPN 10 isakmp\n security acl 3000\n ike-peer HUB\n proposal P1\n pfs dh-group%d\n"
               " sa duration time-based %d\n#\n" % (19 if fault == "pfs" else 14, 1800 if fault == "lifetime" else 3600))
    out.append("interface GigabitEthernet0/0/0\n ip address %s 255.255.255.252\n ipsec policy VPN\n#\n"
               "interface GigabitEthernet0/0/1\n ip address %s 255.255.255.192\n#\n"
               "ip route-static 0.0.0.0 0.0.0.0 %s\n#\nreturn\n" % (wan, ip(int(ipaddress.IPv4Address(spoke_lan(s))) + 1), gw))
    return write(os.path.join(d, "s%06d.cfg" % s), out)


def gen_hpux_spoke(d, h, s, fault, key):
    wan = spoke_wan(s)[0]
    life = 1800 if fault == "lifetime" else 3600
    group = 19 if fault == "dh" else 14
    out = ["# HP-UX host %s, to the LAN behind hub %d\n" % (wan, h),
           "add tunnel t_hub -tsource %s -tdestination %s \\\n    -source %s/32 -destination %s/24 -protocol ALL \\\n"
           "    -action ESP_AES256_HMAC_SHA2_256/%d/1843200\n" % (wan, hub_wan(h), wan, hub_lan(h), life),
           "add host h_hub -source %s/32 -destination %s/24 -priority 20 -tunnel t_hub -action PASS\n" % (wan, hub_lan(h)),
           "add ikev1 ike_hub -remote %s/32 -priority 20 -encryption AES256 -hash SHA2-256 -group %d -life 86400%s\n"
           % (hub_wan(h), group, " -pfs OFF" if fault == "pfs" else " -pfs ON"),
           "add auth auth_hub -remote %s/32 -priority 20 -kmp IKEV1 -exchange MM -preshared %s\n" % (hub_wan(h), key)]
    return write(os.path.join(d, "s%06d.batch" % s), out)


def gen_aix_spoke(d, h, s, fault, key):
    wan = spoke_wan(s)[0]
    pfs = "19" if fault == "pfs" else "14"
    out = ['<?xml version="1.0"?>\n<AIX_VPN Version="2.0">\n',
           '  <IKEProtection IKE_ProtectionName="P1Pol" IKE_Role="Both" IKE_XCHGMode="Main">\n'
           '    <IKETransform IKE_Hash="SHA2-256" IKE_Encryption="AES-CBC-256" IKE_DHGroup="%s"\n'
           '        IKE_KeyRefreshMinutes="1440" IKE_AuthenticationMethod="Preshared_key"/>\n  </IKEProtection>\n'
           % ("19" if fault == "dh" else "14"),
           '  <IKETunnel IKE_TunnelName="HUB" IKE_ProtectionRef="P1Pol" IKE_Flags_AutoStart="No">\n'
           '    <IKELocalIdentity><IPV4_Address Value="%s"/></IKELocalIdentity>\n'
           '    <IKERemoteIdentity><IPV4_Address Value="%s"/></IKERemoteIdentity>\n  </IKETunnel>\n' % (wan, hub_wan(h)),
           '  <IKEPresharedKey Value="%s" Format="ASCII">\n'
           '    <IKEPresharedKeyRemoteID><IPV4_Address Value="%s"/></IKEPresharedKeyRemoteID>\n  </IKEPresharedKey>\n'
           % (key, hub_wan(h)),
           '  <IPSecProposal IPSec_ProposalName="P2Prop">\n'
           '    <IPSecESPProtocol ESP_Encryption="ESP_AES_256" ESP_Authentication="HMAC-SHA2-256"\n'
           '        ESP_EncapsulationMode="Tunnel" ESP_KeyLifetime="%d"/>\n  </IPSecProposal>\n'
           % (30 if fault == "lifetime" else 60),
           '  <IPSecProtection IPSec_ProtectionName="P2Pol" IPSec_ProposalRefs="P2Prop" IPSec_Role="Both"\n'
           '      IPSec_InitiatorDHGroup="%s" IPSec_ResponderDHGroup="%s"/>\n' % (pfs, pfs),
           '  <IPSecTunnel IKE_TunnelName="HUB" IPSec_TunnelName="HUB-LAN" IPSec_ProtectionRef="P2Pol">\n'
           '    <IPSecLocalIdentity><IPV4_Address Value="%s"/></IPSecLocalIdentity>\n'
           '    <IPSecRemoteIdentity><IPV4_Subnet Value="%s" Netmask="255.255.255.0"/></IPSecRemoteIdentity>\n'
           '  </IPSecTunnel>\n</AIX_VPN>\n' % (wan, hub_lan(h))]
    return write(os.path.join(d, "s%06d.xml" % s), out)


def fleet(args):
    n = args.devices
    hubs = max(1, -(-n // (SPOKES_PER_HUB + 1)))
    nspokes = n - hubs
    if nspokes < 1:
        sys.exit("gen-bench: --devices must be at least 2")
    os.makedirs(args.dir, exist_ok=True)
    rng = random.Random(args.seed)
    faulty = set(rng.sample(range(nspokes), min(args.faults, nspokes)))
    kinds = ("pfs", "lifetime", "dh")
    faults = {s: kinds[k % 3] for k, s in enumerate(sorted(faulty))}
    keys = {s: plain_key(rng) for s in range(nspokes) if spoke_kind(s) != "huawei"}
    total = 0
    for h in range(hubs):
        spokes = [s for s in range(nspokes) if s % hubs == h]
        total += gen_hub(args.dir, h, spokes, keys, rng)
        for s in spokes:
            kind = spoke_kind(s)
            if kind == "huawei":
                total += gen_huawei_spoke(args.dir, h, s, faults.get(s), rng)
            elif kind == "hpux":
                total += gen_hpux_spoke(args.dir, h, s, faults.get(s), keys[s])
            else:
                total += gen_aix_spoke(args.dir, h, s, faults.get(s), keys[s])
    print("%d files, %d bytes, %d hubs, %d faulty spokes" % (n, total, hubs, len(faulty)))


# ---- one big Huawei file ---------------------------------------------------------------

def big_huawei(args):
    rng = random.Random(args.seed)
    p, r = args.policies, args.rules
    if p > 20000:
        sys.exit("gen-bench: at most 20000 policies (two groups of Huawei's 10000 sequence numbers)")
    out = [HUAWEI_HEAD % "CORE", IPSEC_PROPOSAL, "#\n", IKE_PROPOSAL_10, "#\n"]
    for i in range(p):
        out.append("acl name P%05d advance\n" % i)
        src = IP_10 + 256 * i
        for k in range(r):
            out.append(" rule %d permit tcp source %s 0.0.0.255 destination 172.16.0.0 0.15.255.255"
                       " destination-port eq %d\n" % (5 * (k + 1), ip(src), 1000 + k))
        out.append("#\n")
    for i in range(p):
        out.append("ike peer P%05d\n version 2\n pre-shared-key cipher %s\n ike-proposal 10\n"
                   " remote-address %s\n#\n" % (i, cipher(rng), ip(IP_100_64 + 4 * i + 2)))
    for i in range(p):
        out.append("ipsec policy %s %d isakmp\n security acl name P%05d\n ike-peer P%05d\n proposal P1\n"
                   " pfs dh-group14\n#\n" % ("VPN-A" if i < 10000 else "VPN-B", i % 10000 + 1, i, i))
    out.append("interface GigabitEthernet0/0/0\n ip address 198.51.100.1 255.255.255.0\n ipsec policy VPN-A\n#\n"
               "interface GigabitEthernet0/0/1\n ip address 198.51.101.1 255.255.255.0\n ipsec policy VPN-B\n#\n"
               "return\n")
    size = write(args.file, out)
    print("%d bytes, %d policies, %d ACL rules" % (size, p, p * r))


# ---- one AIX IKE database --------------------------------------------------------------

def aix_db(args):
    rng = random.Random(args.seed)
    t = args.tunnels
    out = ['<?xml version="1.0"?>\n<AIX_VPN Version="2.0">\n',
           '  <IKEProtection IKE_ProtectionName="P1Pol" IKE_Role="Both" IKE_XCHGMode="Main">\n'
           '    <IKETransform IKE_Hash="SHA2-256" IKE_Encryption="AES-CBC-256" IKE_DHGroup="14"\n'
           '        IKE_KeyRefreshMinutes="1440" IKE_AuthenticationMethod="Preshared_key"/>\n  </IKEProtection>\n',
           '  <IPSecProposal IPSec_ProposalName="P2Prop">\n'
           '    <IPSecESPProtocol ESP_Encryption="ESP_AES_256" ESP_Authentication="HMAC-SHA2-256"\n'
           '        ESP_EncapsulationMode="Tunnel" ESP_KeyLifetime="60"/>\n  </IPSecProposal>\n',
           '  <IPSecProtection IPSec_ProtectionName="P2Pol" IPSec_ProposalRefs="P2Prop" IPSec_Role="Both"\n'
           '      IPSec_InitiatorDHGroup="14" IPSec_ResponderDHGroup="14"/>\n']
    for i in range(t):
        remote = ip(IP_100_64 + 4 * i + 2)
        out.append('  <IKETunnel IKE_TunnelName="T%05d" IKE_ProtectionRef="P1Pol" IKE_Flags_AutoStart="No">\n'
                   '    <IKELocalIdentity><IPV4_Address Value="192.0.2.1"/></IKELocalIdentity>\n'
                   '    <IKERemoteIdentity><IPV4_Address Value="%s"/></IKERemoteIdentity>\n  </IKETunnel>\n'
                   % (i, remote))
        out.append('  <IKEPresharedKey Value="%s" Format="ASCII">\n'
                   '    <IKEPresharedKeyRemoteID><IPV4_Address Value="%s"/></IKEPresharedKeyRemoteID>\n'
                   '  </IKEPresharedKey>\n' % (plain_key(rng), remote))
        out.append('  <IPSecTunnel IKE_TunnelName="T%05d" IPSec_TunnelName="D%05d" IPSec_ProtectionRef="P2Pol">\n'
                   '    <IPSecLocalIdentity><IPV4_Subnet Value="10.1.0.0" Netmask="255.255.255.0"/></IPSecLocalIdentity>\n'
                   '    <IPSecRemoteIdentity><IPV4_Subnet Value="%s" Netmask="255.255.255.192"/></IPSecRemoteIdentity>\n'
                   '  </IPSecTunnel>\n' % (i, i, ip(IP_10 + (1 << 16) + 64 * i)))
    out.append("</AIX_VPN>\n")
    size = write(args.file, out)
    print("%d bytes, %d tunnels" % (size, t))


# ---- one policy, one long ACL ---------------------------------------------------------

def big_acl(args):
    rng = random.Random(args.seed)
    r = args.rules
    out = [HUAWEI_HEAD % "EDGE", "acl name LONG advance\n"]
    rules = []
    for k in range(r):
        if k % 500 == 499:
            # broader than what follows: a /16 source, any port
            rule = "permit ip source 10.%d.0.0 0.0.255.255 destination 172.16.0.0 0.15.255.255" % (k // 256 % 256)
        elif k % 250 == 249 and rules:
            rule = rules[rng.randrange(len(rules))]
        else:
            proto = ("tcp", "udp")[k % 2]
            lo = rng.randrange(1, 60000)
            rule = ("permit %s source 10.%d.%d.0 0.0.0.255 destination 172.%d.%d.0 0.0.0.255 destination-port range %d %d"
                    % (proto, k // 256 % 256, k % 256, 16 + rng.randrange(16), rng.randrange(256), lo, lo + rng.randrange(1, 500)))
        rules.append(rule)
        out.append(" rule %d %s\n" % (5 * (k + 1), rule))
    out.append("#\n" + IPSEC_PROPOSAL + "#\n" + IKE_PROPOSAL_10 + "#\n")
    out.append("ike peer CORE\n version 2\n pre-shared-key cipher %s\n ike-proposal 10\n"
               " remote-address 203.0.113.2\n#\n" % cipher(rng))
    out.append("ipsec policy VPN 1 isakmp\n security acl name LONG\n ike-peer CORE\n proposal P1\n#\n"
               "interface GigabitEthernet0/0/0\n ip address 198.51.100.1 255.255.255.0\n ipsec policy VPN\n#\n"
               "return\n")
    size = write(args.file, out)
    print("%d bytes, %d ACL rules" % (size, r))


def main():
    ap = argparse.ArgumentParser(description="generate the inputs of make bench")
    sub = ap.add_subparsers(dest="cmd", required=True)
    # command, what it writes, its help, its size options (name, default), the generator
    commands = (("fleet", "dir", "a hub-and-spoke fleet of all three vendors",
                 (("--devices", None), ("--faults", 0)), fleet),
                ("big-huawei", "file", "one Huawei file of many policies and ACLs",
                 (("--policies", 20000), ("--rules", 21)), big_huawei),
                ("aix-db", "file", "one AIX IKE database of many tunnels", (("--tunnels", 10000),), aix_db),
                ("big-acl", "file", "one Huawei policy with a long, overlapping ACL",
                 (("--rules", 20000),), big_acl))
    for name, out, helptext, opts, fn in commands:
        p = sub.add_parser(name, help=helptext)
        p.add_argument(out)
        for opt, default in opts:
            p.add_argument(opt, type=int, default=default, required=default is None)
        p.add_argument("--seed", type=int, default=1)
        p.set_defaults(fn=fn)
    args = ap.parse_args()
    args.fn(args)

if __name__ == "__main__":
    main()
