#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tools/gen-fleet.py - a generated Huawei hub-and-spoke fleet for the benchmark.

    tools/gen-fleet.py [--spokes N] [--faults K] [--seed S] DIR

Writes DIR/hub.cfg (an AR router with one `ipsec policy HUB <seq> isakmp` per
spoke, each with its own named ACL and IKE peer, all in one policy group bound
to the uplink) and DIR/spoke-NNNNN.cfg (one AR router per spoke protecting its
/24 towards the hub's 10.0.0.0/16). Every pair is clean except K spokes, which
carry one deterministic fault each, in turn: a PFS group the hub does not use,
a different IPsec SA lifetime, an ACL that is not the hub's mirror, and a DH
group the hub does not offer. Keys are fake device ciphers. Output depends on
the arguments only.
"""
import argparse
import os
import random


def spoke_addr(i):
    """The spoke's uplink: 100.64.0.0/10 (RFC 6598) has room for 4M hosts."""
    n = (100 << 24) | (64 << 16) | (i + 1)
    return "%d.%d.%d.%d" % (n >> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255)


def spoke_net(i):
    """The spoke's LAN: 10.128.0.0/9 in /24s, (i mod 32768)."""
    j = i % 32768
    return "10.%d.%d.0" % (128 + (j >> 8), j & 255)


def cipher(rng):
    chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "%^%#" + "".join(rng.choice(chars) for _ in range(32)) + "%^%#"


HUB_ADDR = "198.51.100.1"


def hub(n, rng):
    out = ["[V300R019C00SPC300]", "#", " sysname HUB", "#",
           "ipsec proposal P1", " esp authentication-algorithm sha2-256",
           " esp encryption-algorithm aes-256", "#",
           "ike proposal 10", " encryption-algorithm aes-256", " dh group14",
           " authentication-algorithm sha2-256", " authentication-method pre-share", "#"]
    for i in range(n):
        out += ["acl name S%05d advance" % i,
                " rule 5 permit ip source 10.0.0.0 0.0.255.255 destination %s 0.0.0.255" % spoke_net(i), "#",
                "ike peer S%05d" % i, " version 2", " pre-shared-key cipher " + cipher(rng),
                " ike-proposal 10", " remote-address " + spoke_addr(i), "#",
                "ipsec policy HUB %d isakmp" % (i + 1), " security acl name S%05d" % i,
                " ike-peer S%05d" % i, " proposal P1", " pfs dh-group14", "#"]
    out += ["interface GigabitEthernet0/0/0", " ip address %s 255.255.255.0" % HUB_ADDR,
            " ipsec policy HUB", "#", "interface GigabitEthernet0/0/1",
            " ip address 10.0.0.1 255.255.0.0", "#", "return", ""]
    return "\n".join(out)


def spoke(i, fault, rng):
    acl_dst = "10.0.0.0 0.0.255.255" if fault != 3 else "10.0.0.0 0.0.127.255"
    pfs = " pfs dh-group14" if fault != 1 else " pfs dh-group19"
    dh = " dh group14" if fault != 4 else " dh group19"
    out = ["[V300R019C00SPC300]", "#", " sysname SPOKE%05d" % i, "#",
           "acl number 3000",
           " rule 5 permit ip source %s 0.0.0.255 destination %s" % (spoke_net(i), acl_dst), "#",
           "ipsec proposal P1", " esp authentication-algorithm sha2-256",
           " esp encryption-algorithm aes-256", "#",
           "ike proposal 10", " encryption-algorithm aes-256", dh,
           " authentication-algorithm sha2-256", " authentication-method pre-share", "#",
           "ike peer HUB", " version 2", " pre-shared-key cipher " + cipher(rng),
           " ike-proposal 10", " remote-address " + HUB_ADDR, "#",
           "ipsec policy VPN 10 isakmp", " security acl 3000", " ike-peer HUB", " proposal P1", pfs]
    if fault == 2:
        out += [" sa duration time-based 7200"]
    out += ["#", "interface GigabitEthernet0/0/0", " ip address %s 255.192.0.0" % spoke_addr(i),
            " ipsec policy VPN", "#", "interface GigabitEthernet0/0/1",
            " ip address %s.1 255.255.255.0" % spoke_net(i).rsplit(".", 1)[0], "#",
            "return", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spokes", type=int, default=100)
    ap.add_argument("--faults", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("dir")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.dir, exist_ok=True)
    with open(os.path.join(a.dir, "hub.cfg"), "w") as f:
        f.write(hub(a.spokes, rng))
    step = max(1, a.spokes // a.faults) if a.faults else 0
    for i in range(a.spokes):
        fault = (i // step) % 4 + 1 if step and i % step == 0 and i // step < a.faults else 0
        with open(os.path.join(a.dir, "spoke-%05d.cfg" % i), "w") as f:
            f.write(spoke(i, fault, rng))


if __name__ == "__main__":
    main()
