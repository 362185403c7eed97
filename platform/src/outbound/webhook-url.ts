import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { WEBHOOK_RULES } from '@e-contract/contracts';
import { addressRefusal, type OutboundPolicy } from './forbidden-addresses.js';

/** Resolves a host name to every address it has (`dns.lookup` with `all`; specs pass their own). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const resolveWithDns: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** The host of a URL as `net` wants it: IPv6 literals without their brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');

/**
 * Why a webhook URL is refused, or `null` (API.md: in production `https:` and not resolving to a
 * loopback, private or link-local address; the embedded default also allows `http://127.0.0.1`).
 * Every address the name resolves to must be allowed; the delivery checks again when it connects
 * (a name may resolve elsewhere later), see `guardedLookup`.
 */
export async function webhookUrlRefusal(
  text: string,
  policy: OutboundPolicy,
  resolve: ResolveHost = resolveWithDns,
): Promise<string | null> {
  if (text.length > WEBHOOK_RULES.maxUrlLength) return `must be at most ${WEBHOOK_RULES.maxUrlLength} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not hold credentials';
  if (url.hash) return 'must not have a fragment';
  const host = hostOf(url);
  const loopbackHttp = policy.allowLoopback && url.protocol === 'http:' && host === '127.0.0.1';
  if (url.protocol !== 'https:' && !loopbackHttp) {
    return policy.allowLoopback ? 'must be an https: URL (or http://127.0.0.1)' : 'must be an https: URL';
  }
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      return `${host} does not resolve`;
    }
    if (addresses.length === 0) return `${host} does not resolve`;
  }
  for (const address of addresses) {
    const refusal = addressRefusal(address, policy);
    if (refusal !== null) return `must not resolve to a loopback, private or link-local address (${refusal})`;
  }
  return null;
}
