import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Request } from 'express';
import { parseAddressRange } from '../config/address-ranges.js';
import type { Config } from '../config/config.js';

/** Who may read `/metrics` (API.md, "Operations"): `METRICS_TOKEN` and `METRICS_ALLOW`. */
export type MetricsAccessSettings = Pick<Config, 'metricsToken' | 'metricsAllow'>;

/** `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 9110). */
const BEARER = /^bearer +(\S+)$/i;
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * Decides whether a request may read `/metrics`: when the caller's address — `req.ip`, as Express's
 * `trust proxy` (`TRUST_PROXY`) resolves it — is loopback or within `METRICS_ALLOW`, or when it
 * carries `Authorization: Bearer <METRICS_TOKEN>`. Behind a proxy that `TRUST_PROXY` does not
 * trust, `req.ip` is the proxy's address, and a forwarded header changes nothing.
 */
export function metricsAccess(settings: MetricsAccessSettings): (req: Request) => boolean {
  const loopback = new BlockList();
  loopback.addSubnet('127.0.0.0', 8, 'ipv4');
  loopback.addAddress('::1', 'ipv6');
  const allowed = new BlockList();
  for (const entry of settings.metricsAllow) {
    const range = parseAddressRange(entry);
    if (range) allowed.addSubnet(range.address, range.prefix, range.family);
  }
  const expected = settings.metricsToken === null ? null : digest(settings.metricsToken);

  return (req) => {
    const address = callerAddress(req.ip);
    if (address && (loopback.check(address.address, address.family) || allowed.check(address.address, address.family))) return true;
    const given = BEARER.exec(req.get('authorization') ?? '')?.[1];
    // Compared as digests of equal length, in constant time: the answer time tells nothing of the token.
    return expected !== null && given !== undefined && timingSafeEqual(digest(given), expected);
  };
}

/** The caller's address in the family it belongs to (`::ffff:10.0.0.5` is the IPv4 address 10.0.0.5). */
function callerAddress(ip: string | undefined): { address: string; family: 'ipv4' | 'ipv6' } | null {
  if (ip === undefined) return null;
  const mapped = IPV4_MAPPED.exec(ip)?.[1];
  const address = mapped ?? ip;
  const version = isIP(address);
  return version === 0 ? null : { address, family: version === 4 ? 'ipv4' : 'ipv6' };
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
