import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { addressRefusal, type OutboundPolicy } from './forbidden-addresses.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** `dns.lookup`'s shape, as `net.connect` (and undici's `connect.lookup`) calls it. */
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/** The connection was refused before it was made: the name resolved to a forbidden address. */
export class ForbiddenTarget extends Error {
  override readonly name = 'ForbiddenTarget';
  readonly code = 'E_FORBIDDEN_TARGET';
  constructor(
    readonly hostname: string,
    readonly reason: string,
  ) {
    super(`refused to connect to ${hostname}: ${reason}`);
  }
}

/**
 * A `lookup` for outbound connections that resolves as `dns.lookup` does and refuses — before any
 * connection is opened — a name with any address the policy forbids. Checking at connect time, not
 * only when the URL was accepted, closes DNS rebinding: a name that resolved to a public address then
 * may resolve to 169.254.169.254 now. `resolve` is `dns.lookup` unless a spec passes another.
 */
export function guardedLookup(policy: OutboundPolicy, resolve: LookupFunction = dnsLookup as unknown as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = (Array.isArray(addresses) ? addresses : [{ address: addresses, family: 0 }]) as LookupAddress[];
      for (const { address } of list) {
        const refusal = addressRefusal(address, policy);
        if (refusal !== null) return callback(new ForbiddenTarget(hostname, refusal), []);
      }
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), []);
      if (options.all) return callback(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}
