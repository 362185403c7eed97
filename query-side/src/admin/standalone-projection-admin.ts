import type { Logger } from 'pino';
import { positionsBehind } from '@e-contract/contracts';
import type { EventStore } from '@e-contract/platform/event-store';
import { projectionByName, type ReadStore } from '@e-contract/projections';
import { rebuildProjections } from '@e-contract/projections/runner';
import type { ProjectionAdmin, ProjectionStatusRow } from './admin-routes.js';

const named = (name: string, message: string): Error => Object.assign(new Error(message), { name });

/**
 * The operations port when the query side runs alone: positions come from the read store's
 * checkpoints; a rebuild runs here, into shadow tables swapped in at the end. The projections
 * service keeps applying live events meanwhile; a batch it applies between the rebuild's last page
 * and the swap is re-applied when it next restarts from its checkpoint — for a rebuild with no
 * such window, run `npm run rebuild` with the projections service stopped (docs/operations.md).
 */
export class StandaloneProjectionAdmin implements ProjectionAdmin {
  private readonly running = new Set<string>();

  constructor(
    private readonly eventStore: Pick<EventStore, 'readAll' | 'headPosition'>,
    private readonly readStore: ReadStore,
    private readonly logger: Logger,
  ) {}

  async list(): Promise<ProjectionStatusRow[]> {
    const head = await this.eventStore.headPosition();
    return (await this.readStore.checkpoints()).map((checkpoint) => ({
      name: checkpoint.name,
      position: checkpoint.position,
      lag: positionsBehind(head, checkpoint.position),
      status: this.running.has(checkpoint.name) ? 'rebuilding' : checkpoint.status,
      ...(checkpoint.progress === undefined ? {} : { progress: checkpoint.progress }),
    }));
  }

  async rebuild(name: string): Promise<void> {
    const projection = projectionByName(name);
    if (!projection) throw named('UnknownProjection', `no read model ${name}`);
    if (this.running.has(name)) throw named('RebuildInProgress', `${name} is being rebuilt`);
    this.running.add(name);
    rebuildProjections(this.eventStore, this.readStore, [projection])
      .then((report) => this.logger.info({ projection: name, report }, 'read model rebuilt'))
      .catch((error: unknown) => this.logger.error({ err: error, projection: name }, 'rebuild failed'))
      .finally(() => this.running.delete(name));
  }
}
