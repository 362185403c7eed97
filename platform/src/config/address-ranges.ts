import { isIP } from 'node:net';

/** One entry of an address list such as `METRICS_ALLOW`: an address, or a CIDR range. */
export interface AddressRange {
  address: string;
  family: 'ipv4' | 'ipv6';
  /** Bits of the network part; the whole address (32 or 128) for a single address. */
  prefix: number;
}

/** `10.0.0.5`, `10.0.0.0/8`, `fd00::/8`, `::1` → the range; `null` when the text is none of these. */
export function parseAddressRange(text: string): AddressRange | null {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const bits = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, family, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return null;
  return { address, family, prefix: Number(prefixText) };
}

/** A comma-separated list of addresses and ranges; the entries that are neither are returned as `invalid`. */
export function parseAddressList(text: string): { ranges: AddressRange[]; invalid: string[] } {
  const ranges: AddressRange[] = [];
  const invalid: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const range = parseAddressRange(entry);
    if (range) ranges.push(range);
    else invalid.push(entry);
  }
  return { ranges, invalid };
}
