import type Database from 'better-sqlite3';
import type { WebhookDeliveryStatus } from '@e-contract/contracts';
import type {
  AttemptOutcome,
  DeliveryRecord,
  LanePosition,
  NewDelivery,
  RegistryChange,
  WebhookRecord,
  WebhookStore,
} from '../webhooks/webhook-store.js';
import { fromStoredPosition, toStoredPosition } from './positions.js';

/** The registry lane's checkpoint is a reactor checkpoint of this name. */
export const WEBHOOK_REGISTRY = 'webhooks';

export const WEBHOOK_SCHEMA = `
  CREATE TABLE IF NOT EXISTS webhook_integrations (
    integration_id TEXT PRIMARY KEY,
    branch_id      TEXT NOT NULL,
    revoked        INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS webhooks (
    webhook_id       TEXT PRIMARY KEY,
    integration_id   TEXT NOT NULL,
    branch_id        TEXT NOT NULL,
    url              TEXT NOT NULL,
    events           TEXT NOT NULL,      -- JSON array
    secret_sealed    TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    created_position TEXT NOT NULL,      -- zero-padded, as every position below
    deleted          INTEGER NOT NULL DEFAULT 0,
    lane_position    TEXT,
    last_matched     TEXT
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS webhooks_by_integration ON webhooks (integration_id);
  CREATE TABLE IF NOT EXISTS webhook_deliveries (
    delivery_id       TEXT PRIMARY KEY,
    webhook_id        TEXT NOT NULL,
    order_key         TEXT NOT NULL,
    type              TEXT NOT NULL,
    position          TEXT NOT NULL,
    previous_position TEXT,
    body              TEXT NOT NULL,
    replay            INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    status            TEXT NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_status       INTEGER,
    last_error        TEXT,
    last_attempt_at   TEXT,
    first_attempt_at  TEXT,
    next_attempt_at   TEXT
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS webhook_deliveries_queue ON webhook_deliveries (webhook_id, status, order_key);
  CREATE INDEX IF NOT EXISTS webhook_deliveries_log ON webhook_deliveries (webhook_id, order_key);
  CREATE INDEX IF NOT EXISTS webhook_deliveries_first ON webhook_deliveries (webhook_id, replay, position);
  CREATE INDEX IF NOT EXISTS webhook_deliveries_pending ON webhook_deliveries (status, created_at);
`;

interface WebhookRow {
  webhook_id: string;
  integration_id: string;
  branch_id: string;
  url: string;
  events: string;
  secret_sealed: string;
  created_at: string;
  created_position: string;
  deleted: number;
  lane_position: string | null;
  last_matched: string | null;
}

interface DeliveryRow {
  delivery_id: string;
  webhook_id: string;
  order_key: string;
  type: string;
  position: string;
  previous_position: string | null;
  body: string;
  replay: number;
  created_at: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  first_attempt_at: string | null;
  next_attempt_at: string | null;
}

const stored = (position: string | null): string | null => (position === null ? null : toStoredPosition(position));
const loaded = (position: string | null): string | null => (position === null ? null : fromStoredPosition(position));

/** The webhook tables of the embedded read store, on its connection (`SqliteReadStore.webhooks`). */
export class SqliteWebhookStore implements WebhookStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  async registryCheckpoint(): Promise<string | null> {
    const row = this.statement(`SELECT position FROM reactor_checkpoints WHERE name = ?`).get(WEBHOOK_REGISTRY) as
      { position: string } | undefined;
    return row ? fromStoredPosition(row.position) : null;
  }

  async applyRegistry(changes: readonly RegistryChange[], checkpoint: string): Promise<void> {
    this.db.transaction(() => {
      for (const change of changes) this.applyChange(change);
      this.statement(
        `INSERT INTO reactor_checkpoints (name, position) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET position = max(position, excluded.position)`,
      ).run(WEBHOOK_REGISTRY, toStoredPosition(checkpoint));
    })();
  }

  private applyChange(change: RegistryChange): void {
    switch (change.kind) {
      case 'integration':
        this.statement(
          `INSERT INTO webhook_integrations (integration_id, branch_id) VALUES (?, ?) ON CONFLICT (integration_id) DO NOTHING`,
        ).run(change.integrationId, change.branchId);
        return;
      case 'integration-revoked':
        this.statement(`UPDATE webhook_integrations SET revoked = 1 WHERE integration_id = ?`).run(change.integrationId);
        this.statement(`UPDATE webhooks SET deleted = 1 WHERE integration_id = ?`).run(change.integrationId);
        return;
      case 'webhook-created': {
        const w = change.webhook;
        this.statement(
          `INSERT INTO webhooks (webhook_id, integration_id, branch_id, url, events, secret_sealed, created_at, created_position)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (webhook_id) DO NOTHING`,
        ).run(
          w.webhookId,
          w.integrationId,
          w.branchId,
          w.url,
          JSON.stringify(w.events),
          w.secretSealed,
          w.createdAt,
          toStoredPosition(w.createdPosition),
        );
        return;
      }
      case 'webhook-deleted':
        this.statement(`UPDATE webhooks SET deleted = 1 WHERE webhook_id = ?`).run(change.webhookId);
        return;
      default: {
        const unhandled: never = change;
        return unhandled;
      }
    }
  }

  async integration(integrationId: string): Promise<{ branchId: string; revoked: boolean } | null> {
    const row = this.statement(`SELECT branch_id, revoked FROM webhook_integrations WHERE integration_id = ?`).get(integrationId) as
      { branch_id: string; revoked: number } | undefined;
    return row ? { branchId: row.branch_id, revoked: row.revoked === 1 } : null;
  }

  async webhook(webhookId: string): Promise<WebhookRecord | null> {
    const row = this.statement(`SELECT * FROM webhooks WHERE webhook_id = ?`).get(webhookId) as WebhookRow | undefined;
    return row ? webhookOf(row) : null;
  }

  async activeWebhooks(integrationId?: string): Promise<WebhookRecord[]> {
    const rows = (
      integrationId === undefined
        ? this.statement(`SELECT * FROM webhooks WHERE deleted = 0 ORDER BY created_position`).all()
        : this.statement(`SELECT * FROM webhooks WHERE deleted = 0 AND integration_id = ? ORDER BY created_position`).all(integrationId)
    ) as WebhookRow[];
    return rows.map(webhookOf);
  }

  async enqueue(webhookId: string, deliveries: readonly NewDelivery[], lane: LanePosition): Promise<void> {
    const insert = this.statement(
      `INSERT INTO webhook_deliveries
         (delivery_id, webhook_id, order_key, type, position, previous_position, body, replay, created_at, status, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (delivery_id) DO NOTHING`,
    );
    this.db.transaction(() => {
      for (const d of deliveries) {
        insert.run(
          d.deliveryId,
          d.webhookId,
          d.orderKey,
          d.type,
          toStoredPosition(d.position),
          stored(d.previousPosition),
          d.body,
          d.replay ? 1 : 0,
          d.createdAt,
          d.createdAt,
        );
      }
      this.statement(
        `UPDATE webhooks SET lane_position = ?, last_matched = ? WHERE webhook_id = ? AND (lane_position IS NULL OR lane_position < ?)`,
      ).run(toStoredPosition(lane.position), stored(lane.lastMatched), webhookId, toStoredPosition(lane.position));
    })();
  }

  async nextPending(webhookId: string): Promise<DeliveryRecord | null> {
    const row = this.statement(
      `SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND status = 'pending' ORDER BY order_key LIMIT 1`,
    ).get(webhookId) as DeliveryRow | undefined;
    return row ? deliveryOf(row) : null;
  }

  async recordAttempt(deliveryId: string, outcome: AttemptOutcome): Promise<void> {
    this.statement(
      `UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, last_attempt_at = ?,
         first_attempt_at = ?, next_attempt_at = ? WHERE delivery_id = ? AND status = 'pending'`,
    ).run(
      outcome.status,
      outcome.attempts,
      outcome.lastStatus,
      outcome.lastError,
      outcome.lastAttemptAt,
      outcome.firstAttemptAt,
      outcome.nextAttemptAt,
      deliveryId,
    );
  }

  async deliveries(webhookId: string, page: { page: number; pageSize: number }): Promise<{ items: DeliveryRecord[]; total: number }> {
    const rows = this.statement(`SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY order_key DESC LIMIT ? OFFSET ?`).all(
      webhookId,
      page.pageSize,
      (page.page - 1) * page.pageSize,
    ) as DeliveryRow[];
    const { total } = this.statement(`SELECT count(*) AS total FROM webhook_deliveries WHERE webhook_id = ?`).get(webhookId) as {
      total: number;
    };
    return { items: rows.map(deliveryOf), total };
  }

  async firstDeliveriesBetween(webhookId: string, after: string, upTo: string): Promise<DeliveryRecord[]> {
    const rows = this.statement(
      `SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND replay = 0 AND position > ? AND position <= ? ORDER BY position`,
    ).all(webhookId, toStoredPosition(after), toStoredPosition(upTo)) as DeliveryRow[];
    return rows.map(deliveryOf);
  }

  async countByStatus(webhookId: string): Promise<Record<WebhookDeliveryStatus, number>> {
    const rows = this.statement(`SELECT status, count(*) AS n FROM webhook_deliveries WHERE webhook_id = ? GROUP BY status`).all(
      webhookId,
    ) as { status: WebhookDeliveryStatus; n: number }[];
    const counts: Record<WebhookDeliveryStatus, number> = { pending: 0, succeeded: 0, failed: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  async oldestPendingSince(): Promise<string | null> {
    // Deliveries of a deleted webhook (or of a revoked integration's) stay pending for good: not a backlog.
    const row = this.statement(
      `SELECT min(d.created_at) AS since FROM webhook_deliveries d
         JOIN webhooks w ON w.webhook_id = d.webhook_id AND w.deleted = 0
       WHERE d.status = 'pending'`,
    ).get() as { since: string | null };
    return row.since;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function webhookOf(row: WebhookRow): WebhookRecord {
  return {
    webhookId: row.webhook_id,
    integrationId: row.integration_id,
    branchId: row.branch_id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    secretSealed: row.secret_sealed,
    createdAt: row.created_at,
    createdPosition: fromStoredPosition(row.created_position),
    deleted: row.deleted === 1,
    lane: row.lane_position === null ? null : { position: fromStoredPosition(row.lane_position), lastMatched: loaded(row.last_matched) },
  };
}

function deliveryOf(row: DeliveryRow): DeliveryRecord {
  return {
    deliveryId: row.delivery_id,
    webhookId: row.webhook_id,
    orderKey: row.order_key,
    type: row.type,
    position: fromStoredPosition(row.position),
    previousPosition: loaded(row.previous_position),
    body: row.body,
    replay: row.replay === 1,
    createdAt: row.created_at,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.last_status,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    firstAttemptAt: row.first_attempt_at,
    nextAttemptAt: row.next_attempt_at,
  };
}
