import type { ApiFieldError, ApiProblem } from '../api/api-problem';
import { MESSAGES } from './messages.ru';

/** Minutes to wait, rounded up (at least 1), from a `retryAfter` in seconds. */
export const minutesToWait = (retryAfterSeconds: number | undefined): number => Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60));

/** The Russian text of one field error: the field's own text for the code, else the code's, else a general one. */
export function fieldErrorText(error: Pick<ApiFieldError, 'field' | 'code'>): string {
  const field =
    error.field
      .replace(/\[\d+\]/g, '')
      .split('.')
      .pop() ?? error.field;
  return MESSAGES.fieldErrorOf[field]?.[error.code] ?? MESSAGES.fieldError[error.code] ?? MESSAGES.fieldError['invalid']!;
}

/** Field errors by path (`signer.inn`): the first text of each field, for showing under the inputs. */
export function fieldErrorsByPath(problem: ApiProblem | null): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const error of problem?.errors ?? []) texts[error.field] ??= fieldErrorText(error);
  return texts;
}

/** The Russian text of a problem, for a message above a form or in a notice. */
export function problemText(problem: ApiProblem): string {
  if (problem.status === 429 && problem.retryAfter !== undefined) {
    return MESSAGES.retryIn(MESSAGES.rateLimited[problem.code] ?? MESSAGES.rateLimited['rate-limited']!, minutesToWait(problem.retryAfter));
  }
  const base = MESSAGES.problem[problem.code] ?? MESSAGES.problemByStatus[problem.status] ?? MESSAGES.problemByStatus[500]!;
  if (problem.attemptsLeft !== undefined && problem.attemptsLeft > 0) return `${base} ${MESSAGES.attemptsLeft(problem.attemptsLeft)}`;
  return base;
}
