import { createHash } from 'node:crypto';
import { toStoredPosition } from '../read-store/positions.js';

/**
 * The order a webhook's deliveries go out in, as one sortable text: a fact matched live sorts at its
 * own position; the copies a replay asked at position R sort right after everything up to R (the
 * lane had enqueued those when it reached R), in the order of their facts.
 */
export const liveOrderKey = (position: string): string => `${toStoredPosition(position)}.0.${toStoredPosition(position)}`;
export const replayOrderKey = (replayPosition: string, position: string): string =>
  `${toStoredPosition(replayPosition)}.1.${toStoredPosition(position)}`;

/**
 * The `webhook-id` of a delivery (Standard Webhooks' `msg_…`): derived from the webhook, the fact's
 * position and — for a replay — the replay request, so that a lane that handles a batch again after
 * a crash makes the very same ids (and the store keeps the first), while a replay gets new ones.
 */
export function deliveryIdOf(webhookId: string, position: string, replayId: string | null = null): string {
  const digest = createHash('sha256')
    .update(`${webhookId}|${replayId ?? 'live'}|${position}`)
    .digest('hex');
  return `msg_${digest.slice(0, 32)}`;
}
