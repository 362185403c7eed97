/** Stream names. Every fact of one signing process lives in `signing-<processId>`. */
export const SIGNING_STREAM_PREFIX = 'signing-';
export const EVIDENCE_ACCESS_STREAM = 'evidence-access';

export const signingStreamName = (processId: string): string => `${SIGNING_STREAM_PREFIX}${processId}`;

export const processIdOfStream = (streamId: string): string | null =>
  streamId.startsWith(SIGNING_STREAM_PREFIX) ? streamId.slice(SIGNING_STREAM_PREFIX.length) : null;

/**
 * An index stream, one per identified person, named by a keyed lookup of the personal INN (an HMAC
 * under a server key), so that no personal data nor an unkeyed hash of it sits in a stream name. It points at the process events where that person accepted
 * an EDO agreement version, so that a later process can reuse the acceptance.
 */
export const edoPersonStreamName = (innLookup: string): string => `edo-person-${innLookup}`;

/**
 * Other systems (API.md, "Integrations"): each integration's facts (created, revoked) live in
 * `integration-<integrationId>`, each webhook's (created, deleted, replays asked) in
 * `webhook-<webhookId>`.
 */
export const INTEGRATION_STREAM_PREFIX = 'integration-';
export const WEBHOOK_STREAM_PREFIX = 'webhook-';
export const integrationStreamName = (integrationId: string): string => `${INTEGRATION_STREAM_PREFIX}${integrationId}`;
export const webhookStreamName = (webhookId: string): string => `${WEBHOOK_STREAM_PREFIX}${webhookId}`;

/**
 * When each integration's key was last used (`IntegrationUsed`, at most one per 5 minutes per key),
 * apart from `integration-<id>` so that authentication reads a stream of one or two events. Not
 * under the `integration-` prefix: that names an integration's own stream.
 */
export const apiKeyUsageStreamName = (integrationId: string): string => `api-key-usage-${integrationId}`;

/** The index of every integration ever created (`IntegrationListed`): what the admin's list walks. */
export const INTEGRATIONS_INDEX_STREAM = 'integrations';

/**
 * The uniqueness index of one `externalId` within its scope (an integration, or a branch for a
 * manager's requests): `ExternalIdClaimed` names the process that holds it. `keyedSha256` is an HMAC
 * of the scope and the id under a server key, never the id itself nor its plain hash: another
 * system's reference may be a personal number (an INN, a contract number).
 */
export const externalIdStreamName = (keyedSha256: string): string => `external-id-${keyedSha256}`;

/** Each embed session's facts (created, opened): `embed-session-<embedSessionId>`. */
export const embedSessionStreamName = (embedSessionId: string): string => `embed-session-${embedSessionId}`;

/**
 * Where an invitation token of the current (32-character) scheme points: `InviteTokenIndexed` names
 * its process. Named by the token's SHA-256, which the process's own event records already.
 */
export const inviteTokenStreamName = (tokenSha256: string): string => `invite-token-${tokenSha256}`;
