import { moscowDay, type NpdRegistry } from './npd-registry.js';
import { FIXTURE_SELF_EMPLOYED, type SelfEmployedRecord } from './registry-fixtures.js';

/** The embedded stand-in for the tax service's NPD registry. */
export class FixtureNpdRegistry implements NpdRegistry {
  constructor(private readonly records: readonly SelfEmployedRecord[] = FIXTURE_SELF_EMPLOYED) {}

  isSelfEmployed(inn: string, on: Date): Promise<boolean> {
    // The tax service answers per calendar day, so compare days, not instants.
    const day = moscowDay(on);
    return Promise.resolve(
      this.records.some((record) => record.inn === inn && record.since <= day && (record.until === undefined || day < record.until)),
    );
  }
}
