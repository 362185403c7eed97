import type { AuthUser } from './auth-context.js';

/**
 * The integration an authenticated caller acts for (API.md, "Integrations"): an API key's
 * `integrationId`, or the id in its actor id `integration:<integrationId>`; `null` for anyone else.
 */
export function integrationIdOf(caller: AuthUser): string | null {
  if (caller.role !== 'integration') return null;
  const named = (caller as AuthUser & { integrationId?: string }).integrationId;
  if (named) return named;
  return caller.id.startsWith('integration:') ? caller.id.slice('integration:'.length) : null;
}
