import { BlockList, isIP } from 'node:net';

/**
 * Where the system's outbound requests (webhooks) may not go (SSRF): loopback, private, link-local
 * and the other special-purpose ranges a receiver on the internet never has. The embedded default
 * (development) also allows loopback, so that a receiver on 127.0.0.1 can be tried out.
 */
export interface OutboundPolicy {
  /** Whether loopback targets (127.0.0.0/8, ::1) are allowed: the embedded default only. */
  allowLoopback: boolean;
}

export const outboundPolicyOf = (production: boolean): OutboundPolicy => ({ allowLoopback: !production });

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const special = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  special.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['fc00::', 7], // unique local (private)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard
] as const) {
  special.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address an IPv6 one carries (`::ffff:10.0.0.1`, NAT64 `64:ff9b::a00:1`), if any. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const mapped = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return mapped[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * Why `address` (an IP address) may not be a target under `policy`, or `null` when it may. Anything
 * that is not an IP address is refused.
 */
export function addressRefusal(address: string, policy: OutboundPolicy): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return `${address} is not an IP address`;
  const inner = family === 6 ? embeddedIpv4(bare) : null;
  if (inner !== null) return addressRefusal(inner, policy);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (loopback.check(bare, type)) return policy.allowLoopback ? null : `${address} is a loopback address`;
  if (special.check(bare, type)) return `${address} is a private, link-local or reserved address`;
  return null;
}
