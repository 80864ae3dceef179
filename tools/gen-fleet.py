#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gen-fleet.py - generate a Huawei VRP hub-and-spoke IPsec fleet for the report tests (tests/reports.sh).

    tools/gen-fleet.py [--spokes N] [--seed S] [--faults K] [--hub policy|template] [-v] DIR

Writes DIR/hub.cfg and DIR/spoke-NNNNN.cfg (N of them) in the AR-new saved
configuration form of formats/huawei-vrp.md: section 4.1 for the site-to-site
policy, section 4.5 for the V300R019 dump layout and the printed
'ike proposal default'.

hub.cfg (sysname HUB, WAN 198.51.100.1, LAN 10.0.0.0/16):
  --hub policy (default): one policy group VPN with one isakmp policy per
    spoke (sequence 1..N, so N <= 10000), an ACL and an 'ike peer' per spoke.
    ACLs are numbered 3000..3999 while they fit (N <= 1000), else named
    ('acl name SPK-NNNNN advance').
  --hub template: one 'ipsec policy-template' responder, no ACL, no peer
    addresses (section 3.4).
  --hub profile: route-based as in section 4.5, an 'ike peer', an 'ipsec
    profile' and a GRE interface Tunnel0/0/N (its own /30 in 172.16.0.0/12)
    per spoke; the spokes use a profile and a tunnel interface too.
spoke-NNNNN.cfg (sysname SPK-NNNNN, WAN a /30 in 100.64.0.0/10, LAN a /24
  from 10.1.0.0 on): ACL 3000 mirroring the hub's, an ike proposal, an ike
  peer HUB with a fake 'pre-shared-key cipher %^%#...%^%#', an ipsec
  proposal, policy VPN 10 and the interface binding.

--faults K turns K distinct spokes (chosen by --seed) into near misses, in
turn: a PFS group the hub does not use (pfs-mismatch), a shorter phase-2
lifetime (lifetime-mismatch), an ACL that is not the hub's mirror
(flow-narrowed with these IKEv2 peers; policy hubs only: template and
profile hubs have no ACL to mirror) and a phase-1 DH group the hub does not
offer (dh-group-mismatch).

Everything, the fake cipher strings included, is a function of the
arguments: the same command line writes the same bytes. Python 3 standard
library only.
"""

import argparse
import ipaddress
import os
import random
import sys

HUB_WAN = "198.51.100.1"
HUB_GW = "198.51.100.254"
HUB_LAN = ("10.0.0.0", "0.0.255.255")
MAX_SPOKES = 10000  # Huawei ipsec policy sequence numbers run 1-10000
# printable ASCII of Huawei cipher bodies (section 3.5), minus space and '?'
CIPHER_CHARS = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "?")
FAULT_KINDS = ("pfs", "lifetime", "acl", "dh")
FAULT_KINDS_NO_ACL = ("pfs", "lifetime", "dh")  # template and profile hubs

IKE_PROPOSAL_DEFAULT = """\
ike proposal default
 encryption-algorithm aes-256 aes-192 aes-128
 dh group14
 authentication-algorithm sha2-512 sha2-384 sha2-256
 authentication-method pre-share
 integrity-algorithm hmac-sha2-256
 prf hmac-sha2-256
"""

IKE_PROPOSAL_10 = """\
ike proposal 10
 encryption-algorithm aes-256
 dh group14
 authentication-algorithm sha2-256
 authentication-method pre-share
 integrity-algorithm hmac-sha2-256
 prf hmac-sha2-256
"""

IPSEC_PROPOSAL = """\
ipsec proposal PROP-AES256
 esp authentication-algorithm sha2-256
 esp encryption-algorithm aes-256
"""


def cipher(rng):
    """A fake Huawei device cipher: %^%# + 40 printable characters + %^%#."""
    while True:
        body = "".join(rng.choice(CIPHER_CHARS) for _ in range(40))
        if "%^%#" not in body and not body.endswith(("%", "%^", "%^%")):
            return "%^%#" + body + "%^%#"


def spoke_name(i):
    return "SPK-%05d" % i  # 9 characters: ike peer names are 1-15


def spoke_wan(i):
    """(address, gateway) of spoke i: the /30 link 100.64.0.0 + 4i."""
    base = int(ipaddress.IPv4Address("100.64.0.0")) + 4 * i
    return str(ipaddress.IPv4Address(base + 2)), str(ipaddress.IPv4Address(base + 1))


def spoke_lan(i):
    """The /24 behind spoke i, 10.1.0.0 onwards (the hub has 10.0.0.0/16)."""
    return "10.%d.%d.0" % (1 + (i - 1) // 256, (i - 1) % 256)


def tunnel_addr(i, end):
    """Inside address of the GRE tunnel to spoke i: end 1 is the hub, 2 the spoke."""
    base = int(ipaddress.IPv4Address("172.16.0.0")) + 4 * i
    return str(ipaddress.IPv4Address(base + end))


def header(out, sysname):
    out.append("[V300R019C00SPC300]\n#\n sysname %s\n#\n" % sysname)
    out.append(" clock timezone UTC add 00:00:00\n#\n")
    out.append("aaa\n authentication-scheme default\n authorization-scheme default\n"
               " domain default\n#\n")


def write(path, parts):
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("".join(parts))
    return os.path.getsize(path)


def hub_peers(out, n, rng):
    """The hub's ike peer for each of the n spokes."""
    for i in range(1, n + 1):
        out.append("ike peer %s\n version 2\n pre-shared-key cipher %s\n"
                   " ike-proposal 10\n local-address %s\n remote-address %s\n"
                   % (spoke_name(i), cipher(rng), HUB_WAN, spoke_wan(i)[0]))
    out.append("#\n")


def gen_hub(args, rng, acl_names):
    n = args.spokes
    out = []
    header(out, "HUB")
    if args.hub == "policy":
        for i in range(1, n + 1):
            acl = acl_names[i]
            if acl.isdigit():
                out.append("acl number %s\n" % acl)
            else:
                out.append("acl name %s advance\n" % acl)
            out.append(" rule 5 permit ip source %s %s destination %s 0.0.0.255\n#\n"
                       % (HUB_LAN[0], HUB_LAN[1], spoke_lan(i)))
    out.append(IPSEC_PROPOSAL + "#\n")
    out.append(IKE_PROPOSAL_DEFAULT + IKE_PROPOSAL_10 + "#\n")
    if args.hub == "policy":
        hub_peers(out, n, rng)
        for i in range(1, n + 1):
            acl = acl_names[i]
            out.append("ipsec policy VPN %d isakmp\n security acl %s%s\n ike-peer %s\n"
                       " proposal PROP-AES256\n pfs dh-group14\n#\n"
                       % (i, "" if acl.isdigit() else "name ", acl, spoke_name(i)))
    elif args.hub == "profile":
        hub_peers(out, n, rng)
        for i in range(1, n + 1):
            out.append("ipsec profile %s\n ike-peer %s\n proposal PROP-AES256\n"
                       " pfs dh-group14\n" % (spoke_name(i), spoke_name(i)))
        out.append("#\n")
    else:
        out.append("ike peer SPOKES\n version 2\n pre-shared-key cipher %s\n"
                   " ike-proposal 10\n local-address %s\n#\n" % (cipher(rng), HUB_WAN))
        out.append("ipsec policy-template SPOKES 10\n ike-peer SPOKES\n"
                   " proposal PROP-AES256\n pfs dh-group14\n#\n")
        out.append("ipsec policy VPN 10 isakmp template SPOKES\n#\n")
    out.append("interface GigabitEthernet0/0/0\n description to ISP\n"
               " ip address %s 255.255.255.0\n%s#\n"
               % (HUB_WAN, "" if args.hub == "profile" else " ipsec policy VPN\n"))
    out.append("interface GigabitEthernet0/0/1\n description HQ LAN\n"
               " ip address 10.0.0.1 255.255.0.0\n#\n")
    out.append("interface LoopBack0\n ip address 192.0.2.1 255.255.255.255\n#\n")
    if args.hub == "profile":
        for i in range(1, n + 1):
            out.append("interface Tunnel0/0/%d\n description to %s\n"
                       " ip address %s 255.255.255.252\n tunnel-protocol gre\n"
                       " source %s\n destination %s\n ipsec profile %s\n#\n"
                       % (i, spoke_name(i), tunnel_addr(i, 1), HUB_WAN, spoke_wan(i)[0],
                          spoke_name(i)))
    out.append("ip route-static 0.0.0.0 0.0.0.0 %s\n#\n" % HUB_GW)
    if args.hub == "profile":
        for i in range(1, n + 1):
            out.append("ip route-static %s 255.255.255.0 Tunnel0/0/%d\n" % (spoke_lan(i), i))
        out.append("#\n")
    out.append("return\n")
    return write(os.path.join(args.dir, "hub.cfg"), out)


def gen_spoke(args, rng, i, fault):
    name = spoke_name(i)
    wan, gw = spoke_wan(i)
    lan = spoke_lan(i)
    hub_lan, hub_wc = HUB_LAN
    if fault == "acl":  # the hub protects 10.0.0.0/16, this spoke only a /24 of it
        hub_wc = "0.0.0.255"
    out = []
    header(out, name)
    if args.hub != "profile":
        out.append("acl number 3000\n rule 5 permit ip source %s 0.0.0.255 destination %s %s\n#\n"
                   % (lan, hub_lan, hub_wc))
    out.append(IPSEC_PROPOSAL + "#\n")
    ike10 = IKE_PROPOSAL_10
    if fault == "dh":
        ike10 = ike10.replace(" dh group14", " dh group19")
    out.append(IKE_PROPOSAL_DEFAULT + ike10 + "#\n")
    out.append("ike peer HUB\n version 2\n pre-shared-key cipher %s\n ike-proposal 10\n"
               " local-address %s\n remote-address %s\n#\n" % (cipher(rng), wan, HUB_WAN))
    if args.hub == "profile":
        out.append("ipsec profile HUB\n ike-peer HUB\n proposal PROP-AES256\n")
    else:
        out.append("ipsec policy VPN 10 isakmp\n security acl 3000\n ike-peer HUB\n"
                   " proposal PROP-AES256\n")
    out.append(" pfs dh-group%d\n" % (19 if fault == "pfs" else 14))
    if fault == "lifetime":
        out.append(" sa duration time-based 1800\n")
    out.append("#\n")
    out.append("interface GigabitEthernet0/0/0\n description to ISP\n"
               " ip address %s 255.255.255.252\n%s#\n"
               % (wan, "" if args.hub == "profile" else " ipsec policy VPN\n"))
    out.append("interface GigabitEthernet0/0/1\n description %s LAN\n"
               " ip address %s 255.255.255.0\n#\n" % (name, lan[:-1] + "1"))
    if args.hub == "profile":
        out.append("interface Tunnel0/0/1\n description to HUB\n"
                   " ip address %s 255.255.255.252\n tunnel-protocol gre\n"
                   " source %s\n destination %s\n ipsec profile HUB\n#\n"
                   % (tunnel_addr(i, 2), wan, HUB_WAN))
    out.append("ip route-static 0.0.0.0 0.0.0.0 %s\n#\n" % gw)
    if args.hub == "profile":
        out.append("ip route-static %s %s Tunnel0/0/1\n#\n"
                   % (hub_lan, "255.255.0.0"))
    out.append("return\n")
    return write(os.path.join(args.dir, "spoke-%05d.cfg" % i), out)


def main():
    ap = argparse.ArgumentParser(
                                 description="generate a Huawei VRP hub-and-spoke IPsec fleet (hub.cfg + spoke-NNNNN.cfg)")
    ap.add_argument("dir", help="output directory (created if missing)")
    ap.add_argument("-n", "--spokes", type=int, default=100, help="number of spokes (default 100)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--faults", type=int, default=0, metavar="K",
                    help="make K spokes near misses: PFS group, lifetime, ACL, DH group in turn")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list the files and the spoke that carries each fault on stderr")
    ap.add_argument("--hub", choices=("policy", "template", "profile"), default="policy",
                    help="hub with one isakmp policy per spoke (default), one template, "
                    "or one ipsec profile and tunnel interface per spoke")
    args = ap.parse_args()

    if not 1 <= args.spokes <= MAX_SPOKES:
        ap.error("--spokes must be 1-%d (Huawei policy sequence numbers)" % MAX_SPOKES)
    if not 0 <= args.faults <= args.spokes:
        ap.error("--faults must be 0-%d" % args.spokes)
    os.makedirs(args.dir, exist_ok=True)

    rng = random.Random(args.seed)
    faulty = sorted(rng.sample(range(1, args.spokes + 1), args.faults))
    kinds = FAULT_KINDS if args.hub == "policy" else FAULT_KINDS_NO_ACL
    faults = {s: kinds[k % len(kinds)] for k, s in enumerate(faulty)}
    numbered = args.spokes <= 1000  # advanced ACLs are 3000-3999
    acl_names = {i: str(2999 + i) if numbered else spoke_name(i)
                 for i in range(1, args.spokes + 1)}

    total = gen_hub(args, rng, acl_names)
    for i in range(1, args.spokes + 1):
        total += gen_spoke(args, rng, i, faults.get(i))
    if not args.verbose:
        return 0
    sys.stderr.write("gen-fleet: %d files, %d bytes, %d faults in %s\n"
                     % (args.spokes + 1, total, len(faults), args.dir))
    for s in faulty:
        sys.stderr.write("gen-fleet: fault %s in spoke-%05d.cfg\n" % (faults[s], s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
