import { ALL_WEBHOOK_EVENTS, isWebhookEventType, parseLogPosition, type FieldError } from '@e-contract/contracts';
import { validationFailed } from '@e-contract/platform/http';

/** The body of `POST /api/webhooks`, checked. */
export interface CreateWebhookRequest {
  url: string;
  /** Each type once, in the order given; `["*"]` for every type. */
  events: string[];
  integrationId: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** 400 naming each bad field (`url`, `events`, `events[1]`, `integrationId`). */
export function createWebhookRequestOf(body: unknown): CreateWebhookRequest {
  const errors: FieldError[] = [];
  const input = isRecord(body) ? body : {};
  if (!isRecord(body)) errors.push({ field: 'body', code: 'isObject', message: 'must be a JSON object' });
  const url = typeof input['url'] === 'string' ? input['url'].trim() : '';
  if (url === '') errors.push({ field: 'url', code: 'isUrl', message: 'must be a URL' });
  const events: string[] = [];
  const given = input['events'];
  if (!Array.isArray(given) || given.length === 0) {
    errors.push({ field: 'events', code: 'webhook_events', message: 'must list event types (deal.<status>) or be ["*"]' });
  } else {
    given.forEach((type, index) => {
      if (typeof type !== 'string' || (type !== ALL_WEBHOOK_EVENTS && !isWebhookEventType(type))) {
        errors.push({ field: `events[${index}]`, code: 'webhook_event', message: 'must be deal.<status> or "*"' });
      } else if (!events.includes(type)) events.push(type);
    });
  }
  const integrationId = input['integrationId'];
  if (integrationId !== undefined && integrationId !== null && (typeof integrationId !== 'string' || integrationId.trim() === '')) {
    errors.push({ field: 'integrationId', code: 'isString', message: 'must be an integration id' });
  }
  if (errors.length > 0) throw validationFailed(errors);
  return {
    url,
    events: events.includes(ALL_WEBHOOK_EVENTS) ? [ALL_WEBHOOK_EVENTS] : events,
    integrationId: typeof integrationId === 'string' ? integrationId.trim() : null,
  };
}

/** The body of `POST /api/webhooks/:id/replay`: `{after: <position>}` (a decimal string; a whole number is taken too). */
export function replayAfterOf(body: unknown): string {
  const after = isRecord(body) ? body['after'] : undefined;
  const text = typeof after === 'number' && Number.isSafeInteger(after) && after >= 0 ? String(after) : after;
  const position = typeof text === 'string' ? parseLogPosition(text) : null;
  if (position === null) {
    throw validationFailed([{ field: 'after', code: 'isLogPosition', message: 'must be a log position: a decimal string such as "42"' }]);
  }
  return position;
}
