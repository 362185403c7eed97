// The baseline of the throughput benches (commands.mjs, system.mjs), run as a child process:
// Express 5 + express.json(), one durable better-sqlite3 INSERT per request (WAL, synchronous=FULL),
// 201 JSON — the least a service that stores each request before answering can do.
//
//   PORT=… BASELINE_DB=… node bench/lib/baseline-server.mjs
import { randomUUID } from 'node:crypto';

const PATH = '/api/signing-processes';

async function baselineServer() {
  const { default: express } = await import('express');
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(process.env.BASELINE_DB);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS processes (id TEXT PRIMARY KEY, payload TEXT NOT NULL) WITHOUT ROWID');
  const insert = db.prepare('INSERT INTO processes (id, payload) VALUES (?, ?)');

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  app.get('/api/health', (_req, res) => res.json({ status: 'ok', readStore: 'ok' }));
  app.post(PATH, (req, res) => {
    const processId = randomUUID();
    const now = new Date();
    // A row of about the size of a SigningProcessCreated event's data (~650 bytes).
    const payload = JSON.stringify({
      processId,
      ...req.body,
      manager: { id: 'manager', name: 'Мария Соколова' },
      branchId: 'msk',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
      invitation: { invitationId: randomUUID(), tokenSha256: 'e'.repeat(64) },
    });
    insert.run(processId, payload);
    res.status(201).location(`/api/deals/${processId}`).json({ processId, revision: 0 });
  });
  const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ ready: true, port: server.address().port })}\n`);
  });
  const stop = () => server.close(() => (db.close(), process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// ---------------------------------------------------------------------------------------------
// The bench (parent).
// ---------------------------------------------------------------------------------------------

await baselineServer();
