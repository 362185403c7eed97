// Append rate of SqliteEventStore beside raw better-sqlite3 inserts of the same rows, in one run.
//
// The store receives single events to distinct streams, as commands append them (each `no_stream`
// to its own stream), with bounded concurrency; the raw baselines insert the same event and stream
// rows into equivalent tables, one row pair per transaction and 100 per transaction. All three run
// in WAL mode with synchronous=FULL on temp files that are deleted afterwards.
//
//   npm run build --workspace command-side && node bench/append.mjs [appends] [concurrency]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';

const APPENDS = Number(process.argv[2] ?? 20_000);
const CONCURRENCY = Number(process.argv[3] ?? 64);
const FLOOR = 0.7; // the floor: store ≥ 0.7 × raw one-per-transaction

/** A signing-process-created-like event: Cyrillic names, document hashes, full metadata. */
function makeEvent(i) {
  const data = {
    processId: randomUUID(),
    kind: 'contract',
    title: `Договор оказания услуг № ${i}/2025 с приложением`,
    branch: 'Новосибирский филиал',
    signer: { type: 'legal_entity', fullName: 'Иванов Иван Иванович', inn: '7707083893', phone: '+79001234567' },
    company: { name: 'ООО «Ромашка»', inn: '7707083893', ogrn: '1027700132195' },
    documents: [{ documentId: randomUUID(), fileName: 'dogovor.pdf', sha256: 'a'.repeat(64), size: 183_412 }],
    deadline: '2025-02-01T00:00:00.000Z',
  };
  const metadata = {
    actor: { id: 'manager-17', role: 'manager' },
    occurredAt: new Date().toISOString(),
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };
  return { eventId: randomUUID(), type: 'SigningProcessCreated', data, metadata };
}

const folder = mkdtempSync(join(tmpdir(), 'e-contract-bench-append-'));
try {
  const events = Array.from({ length: APPENDS }, (_, i) => makeEvent(i));
  const dataBytes = Buffer.byteLength(JSON.stringify(events[0].data));
  const metadataBytes = Buffer.byteLength(JSON.stringify(events[0].metadata));
  const store = await benchStore(events);
  const raw1 = benchRaw(events, 1);
  const raw100 = benchRaw(events, 100);
  console.log(`${APPENDS} appends of one event (data ${dataBytes} B + metadata ${metadataBytes} B), WAL, synchronous=FULL, ${tmpdir()}`);
  console.table([
    { what: `SqliteEventStore, concurrency ${CONCURRENCY}`, 'appends/s': store.rate, commits: store.commits },
    { what: 'raw better-sqlite3, 1 per transaction', 'appends/s': raw1.rate, commits: raw1.commits },
    { what: 'raw better-sqlite3, 100 per transaction', 'appends/s': raw100.rate, commits: raw100.commits },
  ]);
  const ratio1 = store.rate / raw1.rate;
  console.log(
    `append: store ${store.rate}/s, raw(1/tx) ${raw1.rate}/s, raw(100/tx) ${raw100.rate}/s, ` +
      `store/raw1 ${ratio1.toFixed(2)}x (floor ${FLOOR}x), store/raw100 ${(store.rate / raw100.rate).toFixed(2)}x` +
      (ratio1 >= FLOOR ? '' : '  BELOW FLOOR'),
  );
  process.exitCode = ratio1 >= FLOOR ? 0 : 1;
} finally {
  rmSync(folder, { recursive: true, force: true });
}

async function benchStore(events) {
  const store = SqliteEventStore.open(join(folder, 'store.db'));
  let commits = 0;
  store.onAppended(() => (commits += 1)); // called once per group commit
  let next = 0;
  const worker = async () => {
    while (next < events.length) {
      const i = next++;
      await store.appendToStream(`signing-${i}`, [events[i]], 'no_stream');
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const rate = rateOf(events.length, started);
  await store.close();
  return { rate, commits };
}

function benchRaw(events, perTransaction) {
  const db = new Database(join(folder, `raw-${perTransaction}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
      stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
      metadata TEXT NOT NULL, UNIQUE (stream_id, revision));
    CREATE TABLE streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID;
  `);
  const insertEvent = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, 0, ?, ?, ?)');
  const insertStream = db.prepare('INSERT INTO streams (stream_id, revision) VALUES (?, 0)');
  const insertMany = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const e = events[i];
      insertEvent.run(e.eventId, `signing-${i}`, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
      insertStream.run(`signing-${i}`);
    }
  });
  const started = process.hrtime.bigint();
  for (let from = 0; from < events.length; from += perTransaction) {
    insertMany.immediate(from, Math.min(from + perTransaction, events.length));
  }
  const rate = rateOf(events.length, started);
  db.close();
  return { rate, commits: Math.ceil(events.length / perTransaction) };
}

function rateOf(count, started) {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return Math.round(count / seconds);
}
