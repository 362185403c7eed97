/**
 * The NPD registry port (tax service): is a person registered as self-employed (налог на
 * профессиональный доход) on a given day. The embedded default answers from fixtures.
 */
export interface NpdRegistry {
  /** Rejects with `RegistryUnavailable` when the registry cannot tell (never a silent `false`). */
  isSelfEmployed(inn: string, on: Date): Promise<boolean>;
}

/**
 * The calendar day (YYYY-MM-DD) of an instant in Moscow time (UTC+3, no DST since 2014): NPD
 * registration is by Russian calendar days, so 23:30 UTC on the 1st is already the 2nd.
 */
export const moscowDay = (on: Date): string => new Date(on.getTime() + 3 * 60 * 60 * 1000).toISOString().slice(0, 10);
