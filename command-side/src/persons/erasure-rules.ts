import { isSealedValue, processIdOfStream, type RecordedEvent } from '@e-contract/contracts';
import { parseSigningEvent } from '@e-contract/contracts/events';
import { foldSigningEvents, hasEnded } from '../signing/signing-state.js';

/** Whether a process of the person has ended, and when (its last fact before any erasure). */
export interface ProcessEnding {
  processId: string;
  ended: boolean;
  endedAt: string | null;
}

/** Why an erasure must wait: a process still open, or one that ended inside the retention period. */
export type ErasureRefusal = { kind: 'open'; processId: string } | { kind: 'retention'; processId: string; erasableFrom: string };

const DAY_MS = 86_400_000;

/**
 * A process's ending as its facts tell it. Signed but not yet archived counts as open (API.md,
 * "Operations"): the archive still needs the signer's data.
 */
export function endingOf(processId: string, events: readonly RecordedEvent[]): ProcessEnding {
  const facts = events.filter((event) => event.type !== 'PersonalDataErased');
  const state = foldSigningEvents(facts.map(parseSigningEvent));
  const ended = state.status !== 'none' && state.status !== 'signed' && hasEnded(state);
  return { processId, ended, endedAt: ended ? (facts.at(-1)?.metadata.occurredAt ?? null) : null };
}

/** The first reason the erasure must wait, or `null` when every process ended at least `retentionDays` ago. */
export function erasureRefusal(processes: readonly ProcessEnding[], now: Date, retentionDays: number): ErasureRefusal | null {
  for (const process of processes) if (!process.ended) return { kind: 'open', processId: process.processId };
  let latest: ProcessEnding | null = null;
  for (const process of processes) if (!latest || Date.parse(process.endedAt ?? '') > Date.parse(latest.endedAt ?? '')) latest = process;
  if (!latest?.endedAt) return null;
  const erasableFrom = new Date(Date.parse(latest.endedAt) + retentionDays * DAY_MS);
  return erasableFrom.getTime() > now.getTime()
    ? { kind: 'retention', processId: latest.processId, erasableFrom: erasableFrom.toISOString() }
    : null;
}

/** How many facts of these streams hold a value sealed under one of `persons` (what the erasure makes unreadable). */
export function sealedFactCount(events: readonly RecordedEvent[], persons: ReadonlySet<string>): number {
  return events.filter((event) => event.stored && sealedFor([event.stored.data, event.stored.ip, event.stored.userAgent], persons)).length;
}

function sealedFor(values: readonly unknown[], persons: ReadonlySet<string>): boolean {
  const walk = (value: unknown): boolean => {
    if (isSealedValue(value)) return persons.has(value.person);
    if (Array.isArray(value)) return value.some(walk);
    if (typeof value === 'object' && value !== null) return Object.values(value).some(walk);
    return false;
  };
  return values.some(walk);
}

/** The personal INNs a fact written before sealing holds in plain text (the signer's, the identified person's). */
export function plainInnsOf(event: RecordedEvent): string[] {
  if (event.stored || processIdOfStream(event.streamId) === null) return [];
  const data = event.data as Record<string, Record<string, unknown> | string | undefined>;
  const inns: unknown[] = [];
  switch (event.type) {
    case 'SigningProcessCreated':
      inns.push((data['signer'] as Record<string, unknown> | undefined)?.['inn']);
      break;
    case 'SignerIdentified':
      inns.push((data['person'] as Record<string, unknown> | undefined)?.['inn']);
      break;
    case 'EdoAgreementAccepted':
      inns.push(data['personInn']);
      break;
    case 'DocumentsSigned':
      inns.push((data['identification'] as Record<string, unknown> | undefined)?.['inn']);
      break;
    default:
      break;
  }
  return inns.filter((inn): inn is string => typeof inn === 'string');
}
