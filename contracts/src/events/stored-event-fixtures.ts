import { signingStreamName } from '../streams.js';
import { PROCESS_ID, codeIssued, created, recorded, v1DataOf, v2DataOf } from '../testing/index.js';
import type { RecordedEvent } from './event-metadata.js';

/** Stored events as a log hands them out, for the specs of the readers (specs only). */
export const STREAM_ID = signingStreamName(PROCESS_ID);

/** Any payload under any type and any stored schema version, as a reader may meet it. */
export const stored = (type: string, data: unknown, schemaVersion: unknown = 1, revision = 3): RecordedEvent =>
  recorded(type, data, { revision, schemaVersion: schemaVersion as number });

/** `SignatureCodeIssued` as v1 wrote it: no issue time, no allowance. */
export const codeIssuedV1 = v1DataOf(codeIssued());

/** `SigningProcessCreated` as v1 wrote it: no identification tries. */
export const createdV1 = v1DataOf(created());

/** Runs `body` and answers what it threw (specs assert on the error's fields, not its message). */
export function thrownBy(body: () => unknown): unknown {
  try {
    body();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** `SigningProcessCreated` as v2 wrote it: no `externalId`. */
export const createdV2 = v2DataOf(created());
