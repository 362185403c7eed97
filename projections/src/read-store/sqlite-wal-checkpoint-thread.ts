import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * Checkpoints a WAL database from a thread of its own (`WalCheckpointer`): every `intervalMs` a
 * PASSIVE checkpoint, which copies what it can back into the database file and waits for no reader
 * or writer. Its fsync then blocks this thread, not the loop that writes the read models.
 */
const port = parentPort;
if (!port) throw new Error('sqlite-wal-checkpoint-thread runs as a worker thread');
const { filePath, intervalMs } = workerData as { filePath: string; intervalMs: number };
const db = new Database(filePath);
db.pragma('busy_timeout = 5000');

const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failing now: the next turn tries again.
  }
};
const timer = setInterval(checkpoint, intervalMs);
port.on('message', (message: 'close') => {
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  port.close();
});
