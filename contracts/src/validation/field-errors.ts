import type { ValidationError } from 'class-validator';

/** One bad field of a request body, named by its path (`signer.inn`, `documents[0].documentId`). */
export interface FieldError {
  field: string;
  message: string;
  /** The rule that failed (e.g. `signer_inn`, `isUuid`): stable, for clients that translate. */
  code: string;
}

/** Flattens class-validator's nested errors into a list of paths. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = !parent ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      field: path,
      code,
      message: message.replace(new RegExp(`^${escapeRegExp(error.property)} `), ''),
    }));
    return [...own, ...toFieldErrors(error.children ?? [], path)];
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
