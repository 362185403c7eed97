import { integrationActor, integrationStreamName } from '@e-contract/contracts';
import { parseIntegrationEvent } from '@e-contract/contracts/events';
import type { Logger } from 'pino';
import type { EventStore } from '../../event-store/event-store.js';
import type { AuthUser } from '../../http/auth-context.js';
import { tooManyRequests, unauthorized } from '../../http/problem.js';
import { threadMetrics } from '../../metrics/thread-metrics.js';
import type { TokenVerifier } from '../tokens.js';
import { apiKeyMatches, integrationIdOfApiKey, looksLikeApiKey } from './api-key.js';
import { ApiKeyUsageLog } from './api-key-usage.js';
import { foldIntegration, integrationStatusAt } from './integration-state.js';
import { KeyRateLimiter } from './key-rate-limiter.js';

export interface ApiKeyVerifierOptions {
  clock?: () => Date;
  limiter?: KeyRateLimiter;
  usage?: ApiKeyUsageLog;
  logger?: Pick<Logger, 'warn'>;
}

/**
 * Authenticates `Authorization: Bearer ec_…` (api-key.ts): reads the integration's stream named by
 * the key — one or two events — on every request, so that a key revoked or expired a moment ago is
 * refused by every process at once, with nothing cached and nothing to invalidate. Then counts the
 * request against the key's rate limit (429) and notes the use for `lastUsedAt`. The caller is the
 * integration acting as a manager of its branch: role `integration`, id `integration:<id>`.
 */
export class ApiKeyVerifier implements TokenVerifier {
  private readonly clock: () => Date;
  private readonly limiter: KeyRateLimiter;
  private readonly usage: ApiKeyUsageLog;
  private readonly refusals = threadMetrics().rateLimitRefusals.labels('api_key');

  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'appendToStream'>,
    options: ApiKeyVerifierOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.limiter = options.limiter ?? new KeyRateLimiter(undefined, () => this.clock().getTime());
    this.usage = options.usage ?? new ApiKeyUsageLog(store, { clock: this.clock, ...(options.logger ? { logger: options.logger } : {}) });
    this.refusals.inc(0);
  }

  async verify(token: string): Promise<AuthUser> {
    const integrationId = integrationIdOfApiKey(token);
    if (!integrationId) throw unauthorized('The API key is invalid, revoked or expired');
    const events = await this.store.readStream(integrationStreamName(integrationId));
    const state = foldIntegration(events.map(parseIntegrationEvent));
    // One answer for every refusal: which check failed is not the caller's business.
    if (state.status === 'none' || !apiKeyMatches(token, state.keySha256) || integrationStatusAt(state, this.clock()) !== 'active') {
      throw unauthorized('The API key is invalid, revoked or expired');
    }
    const retryAfter = this.limiter.take(integrationId);
    if (retryAfter !== null) {
      this.refusals.inc();
      throw tooManyRequests('This API key made too many requests this minute; try again later', retryAfter);
    }
    await this.usage.used(integrationId);
    return {
      id: integrationActor(integrationId).id,
      name: state.name,
      role: 'integration',
      branchId: state.branchId,
      integrationId,
    };
  }
}

/**
 * The one verifier the routes use: `ec_…` goes to the API keys, anything else to the session tokens
 * (JWTs, which never start so).
 */
export function withApiKeys(sessions: TokenVerifier, apiKeys: TokenVerifier): TokenVerifier {
  return { verify: (token) => (looksLikeApiKey(token) ? apiKeys.verify(token) : sessions.verify(token)) };
}
