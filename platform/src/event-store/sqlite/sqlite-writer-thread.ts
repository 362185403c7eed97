import { parentPort, workerData } from 'node:worker_threads';
import { SqliteBatchWriter, type AppendRequest } from './sqlite-batch-writer.js';
import { openLogDatabase } from './sqlite-log-schema.js';
import { serializeError, type WriterReply, type WriterRequest } from './sqlite-writer-messages.js';

/**
 * The writer thread of a `SqliteEventStore` opened with `writer: 'thread'`: it owns the one writing
 * connection, so that the fsync of every group commit blocks this thread, not the event loop that
 * answers HTTP. It commits each batch it is sent and answers with each append's outcome.
 */
const port = parentPort;
if (!port) throw new Error('sqlite-writer-thread runs as a worker thread');
const db = openLogDatabase((workerData as { filePath: string }).filePath);
const writer = new SqliteBatchWriter(db);

port.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: WriterReply;
  try {
    const outcomes = writer.commit(request.batch as AppendRequest[]);
    reply = {
      type: 'committed',
      id: request.id,
      outcomes: outcomes.map((outcome) => (outcome.ok ? outcome : { ok: false, error: serializeError(outcome.error) })),
    };
  } catch (error) {
    reply = { type: 'failed', id: request.id, error: serializeError(error) };
  }
  port.postMessage(reply);
});
