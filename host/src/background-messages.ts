import type { Config } from '@e-contract/platform/config';
import type { MetricsSnapshot } from '@e-contract/platform/metrics';
import type { ProjectionName } from '@e-contract/projections';
import type { ProjectionPosition } from '@e-contract/projections/runner';
import type { WebhookDeliverySettings } from './background.js';

/** What starts the background thread (structured clone: plain data only). */
export interface BackgroundThreadData {
  config: Config;
  /** The request thread's log level (a spec's silent logger stays silent in the thread too). */
  logLevel: string;
  /** Webhook delivery's knobs for specs (plain data). */
  webhooks?: WebhookDeliverySettings;
}

/** From the request thread to the background thread. */
export type ToBackground =
  | { type: 'appended'; position: string }
  | { type: 'call'; id: number; method: 'positions' }
  | { type: 'call'; id: number; method: 'rebuild'; name: string }
  | { type: 'call'; id: number; method: 'metrics' }
  | { type: 'stop' };

/** From the background thread to the request thread. */
export type FromBackground =
  | { type: 'ready' }
  | { type: 'start-failed'; error: SerializedError }
  | { type: 'appended'; position: string }
  | { type: 'applied'; name: ProjectionName; position: string }
  /** A reactor took a batch in hand (`since`: when its oldest fact was recorded, ms) or is done with it (`null`). */
  | { type: 'backlog'; reactor: string; since: number | null }
  | { type: 'reply'; id: number; ok: true; value: ProjectionPosition[] | MetricsSnapshot | null }
  | { type: 'reply'; id: number; ok: false; error: SerializedError }
  | { type: 'stopped' };

/** An error as it crosses threads: its name (callers match `UnknownProjection`, `RebuildInProgress`) and message. */
export interface SerializedError {
  name: string;
  message: string;
}

export const serializeError = (error: unknown): SerializedError =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };

export function deserializeError(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  return error;
}
