import { holdsSealedField, type TrailEntry } from '@e-contract/contracts';
import type { PersonalDataVault } from '@e-contract/platform/personal-data';

/**
 * The trail entries with `plain` (API.md, "Operations": erasure): every entry's `data`, `ip` and
 * `userAgent` for reading — sealed personal fields opened, `{"erased": true}` where the person's key
 * is gone; an entry with nothing sealed reads as stored. The stored fields stay exactly as hashed.
 */
export async function withPlain(entries: readonly TrailEntry[], vault: Pick<PersonalDataVault, 'openForReading'>): Promise<TrailEntry[]> {
  const sealed = entries.filter((entry) => holdsSealedField([entry.data, entry.ip, entry.userAgent]));
  const opened = sealed.length === 0 ? [] : await vault.openForReading(sealed.map(({ data, ip, userAgent }) => ({ data, ip, userAgent })));
  const plainOf = new Map(sealed.map((entry, index) => [entry, opened[index]!]));
  // Nothing sealed: the stored values are the readable ones.
  const asStored = (entry: TrailEntry): NonNullable<TrailEntry['plain']> => ({
    data: entry.data,
    ip: entry.ip as string | null,
    userAgent: entry.userAgent as string | null,
  });
  return entries.map((entry) => ({ ...entry, plain: plainOf.get(entry) ?? asStored(entry) }));
}
