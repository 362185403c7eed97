import { createHash, randomUUID } from 'node:crypto';
import { signingStreamName, type Actor, type EventContext, type ProcessKind, type SigningEvent } from '@e-contract/contracts';
import { signingProcess, usualActorOf } from '@e-contract/contracts/testing';
import { chainEvents, type EventStore, type NewEvent } from '@e-contract/platform/event-store';

/**
 * Writes realistic signing processes straight into an event store, for the rebuild bench and the
 * kill test (not a production path: the command handler is the only writer of a real system).
 * The facts come from the one builder of `@e-contract/contracts/testing`, with the values of process
 * number `i`; they are hash-chained by `chainEvents` exactly as the command handler chains them.
 */

/** How far a seeded process goes. `full` is the 8-event happy path up to `DocumentsArchived`. */
export type SeedOutcome = 'full' | 'created' | 'cancelled' | 'declined' | 'identification_failed' | 'code_sent';

export interface SeedOptions {
  processes: number;
  /** Which outcome process number `i` gets (default: every process `full`). */
  outcomeOf?: (i: number) => SeedOutcome;
  /** Processes appended per round of concurrent appends (they group-commit; default 1,000). */
  concurrency?: number;
  /** Creation time of the first process; the next ones follow a few minutes apart (default 2026-01-05). */
  startAt?: Date;
  /** Deadline of every process (default: 30 days after its creation). */
  lifetimeMs?: number;
  onProgress?: (processesWritten: number) => void;
}

export interface SeedReport {
  processes: number;
  events: number;
  seconds: number;
  processIds: string[];
}

const BRANCHES = ['msk', 'spb', 'ekb', 'nsk', 'kzn', 'nnv', 'sam', 'krd'];
const KINDS: ProcessKind[] = ['contract', 'act', 'supplementary_agreement'];
const EDO = { version: '2026-01', sha256: sha256('edo-2026-01') };
const IP = '203.0.113.20';
const UA = 'Mozilla/5.0 (seed)';

export async function seedSigningLog(store: Pick<EventStore, 'appendToStream'>, options: SeedOptions): Promise<SeedReport> {
  const concurrency = options.concurrency ?? 1_000;
  const startAt = (options.startAt ?? new Date('2026-01-05T07:00:00.000Z')).getTime();
  const started = process.hrtime.bigint();
  const processIds: string[] = [];
  let events = 0;
  for (let from = 0; from < options.processes; from += concurrency) {
    const round: Promise<unknown>[] = [];
    for (let i = from; i < Math.min(options.processes, from + concurrency); i += 1) {
      const processId = randomUUID();
      processIds.push(processId);
      const outcome = options.outcomeOf?.(i) ?? 'full';
      const createdAt = startAt + i * 37_000 + (i % 7) * 1_000;
      const streamId = signingStreamName(processId);
      const newEvents = seededProcess(streamId, processId, i, outcome, createdAt, options.lifetimeMs ?? 30 * 86_400_000);
      events += newEvents.length;
      round.push(store.appendToStream(streamId, newEvents, 'no_stream'));
    }
    await Promise.all(round);
    options.onProgress?.(processIds.length);
  }
  return { processes: options.processes, events, seconds: Number(process.hrtime.bigint() - started) / 1e9, processIds };
}

/** The events of one process, chained; `i` varies the branch, kind, signer and timing. */
function seededProcess(
  streamId: string,
  processId: string,
  i: number,
  outcome: SeedOutcome,
  createdAt: number,
  lifetimeMs: number,
): NewEvent[] {
  const inn = innOf(i);
  const fullName = `Тестов${i % 2 ? 'а' : ''} Тест ${i}`;
  const phone = `+79${String(100_000_000 + (i % 900_000_000)).padStart(9, '0')}`;
  const documentId = uuidFrom(`doc-${processId}`);
  const invitationId = randomUUID();
  const codeId = randomUUID();
  const manager: Actor = { id: `manager-${i % 20}`, role: 'manager' };
  const process = signingProcess({
    processId,
    kind: KINDS[i % KINDS.length]!,
    title: `Договор оказания услуг № ${i}`,
    documents: [
      { documentId, title: 'Договор', fileName: `contract-${i}.pdf`, sha256: sha256(`document-${i}`), size: 40_000 + (i % 1000) },
    ],
    signer: { type: 'individual', fullName, inn, phone, ...(i % 3 === 0 ? { email: `signer${i}@example.ru` } : {}) },
    manager: { id: manager.id, name: `Менеджер ${i % 20}` },
    branchId: BRANCHES[i % BRANCHES.length]!,
    expiresAt: new Date(createdAt + lifetimeMs).toISOString(),
    invitation: { invitationId, tokenSha256: sha256(`token-${invitationId}`) },
    provider: 'sandbox',
    requestId: randomUUID(),
    checks: [
      { check: 'confirmed_account', passed: true },
      { check: 'inn_matches', passed: true },
    ],
    edo: EDO,
    codeId,
    archiveRef: sha256(`manifest-${processId}`),
  });
  const step = 20_000 + (i % 13) * 15_000; // 20 s .. 3 min between steps: time-to-sign varies
  let clock = createdAt;
  const facts: { type: string; data: unknown; context: EventContext }[] = [];
  const add = (fact: SigningEvent, actor: Actor = usualActorOf(fact, processId), seconds = step) => {
    facts.push({
      type: fact.type,
      data: fact.data,
      context: {
        actor,
        occurredAt: new Date(clock).toISOString(),
        ip: actor.role === 'system' ? null : IP,
        userAgent: actor.role === 'system' ? null : UA,
        correlationId: randomUUID(),
        causationId: null,
      },
    });
    clock += seconds;
  };
  const chained = () => chainEvents(streamId, null, facts);

  add(process.created(), manager);
  if (outcome === 'created') return chained();
  add(process.invited);
  if (outcome === 'cancelled') {
    add(process.cancelled('условия изменились'), manager);
    return chained();
  }
  add(process.identificationStarted());
  if (outcome === 'identification_failed') {
    add(process.identificationFailed(undefined, 1, { reason: 'учётная запись не подтверждена' }));
    return chained();
  }
  add(process.identified);
  if (outcome === 'declined') {
    add(process.declined());
    return chained();
  }
  add(process.edoAccepted);
  add(process.codeIssued(codeId, new Date(clock + 5 * 60_000).toISOString(), { codeHmac: sha256(`code-${codeId}`) }));
  if (outcome === 'code_sent') return chained();
  add(process.signed, undefined, 2_000);
  add(process.archived);
  return chained();
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function uuidFrom(text: string): string {
  const hex = sha256(text).slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = '8';
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A 12-digit personal INN with valid check digits, different for each `i`. */
function innOf(i: number): string {
  const digits = String(7_700_000_000 + i)
    .padStart(10, '0')
    .slice(0, 10)
    .split('')
    .map(Number);
  const check = (weights: number[], values: number[]) => (weights.reduce((sum, w, k) => sum + w * values[k]!, 0) % 11) % 10;
  const d11 = check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8], digits);
  const d12 = check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], [...digits, d11]);
  return [...digits, d11, d12].join('');
}
