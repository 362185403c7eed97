import { SIGNING_RULES } from '../domain-values.js';

type RuleChanges = Partial<Record<keyof typeof SIGNING_RULES, number>>;

/**
 * Runs `body` while today's rules differ (specs only): `SIGNING_RULES` is a plain object, so a spec
 * can change it for a moment to prove that a fold or an upcaster never reads it. The rules come
 * back when `body` returns, or when the promise it returns settles.
 */
export function underChangedRules(changes: RuleChanges, body: () => void): void;
export function underChangedRules(changes: RuleChanges, body: () => Promise<void>): Promise<void>;
export function underChangedRules(changes: RuleChanges, body: () => void | Promise<void>): void | Promise<void> {
  const rules = SIGNING_RULES as Record<string, number>;
  const before = { ...rules };
  const restore = () => void Object.assign(rules, before);
  Object.assign(rules, changes);
  let result: void | Promise<void>;
  try {
    result = body();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) return result.finally(restore);
  restore();
}
