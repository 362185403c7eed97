import { earlierPosition, type HealthReport, type LogPosition } from '@e-contract/contracts';
import type { EventStore } from '@e-contract/platform/event-store';
import type { ReadStore } from '@e-contract/projections';

/** What health needs of the read models' runner, wherever it runs: each read model's checkpoint and lag. */
export interface ProjectionPositions {
  positions(): Promise<{ position: LogPosition | null; lag: number }[]>;
}

/** API.md's health: 200 when the system can serve, 503 naming what is down. */
export async function systemHealth(
  eventStore: EventStore,
  readStore: ReadStore,
  projections: ProjectionPositions | null,
): Promise<HealthReport> {
  const [eventStoreUp, readStoreUp] = await Promise.all([eventStore.ping().catch(() => false), readStore.ping().catch(() => false)]);
  return {
    status: eventStoreUp && readStoreUp ? 'ok' : 'degraded',
    eventStore: eventStoreUp ? 'ok' : 'down',
    readStore: readStoreUp ? 'ok' : 'down',
    projections: projections ? await projectionsHealth(projections) : null,
  };
}

/** The lowest checkpoint (`null` until every read model has one) and the largest lag. */
async function projectionsHealth(projections: ProjectionPositions): Promise<NonNullable<HealthReport['projections']>> {
  const positions = await projections.positions().catch(() => []);
  const position = positions.length > 0 ? positions.map((p) => p.position).reduce((a, b) => earlierPosition(a, b)) : null;
  return { position, lag: positions.reduce((max, p) => Math.max(max, p.lag), 0) };
}
