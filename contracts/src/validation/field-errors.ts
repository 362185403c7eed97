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
    // class-validator reports a value it cannot read as a DTO (an object where a list of objects
    // belongs) as a child without a property: it names the parent field.
    const property = error.property ?? '';
    const path = !property ? parent : !parent ? property : /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      field: path,
      code,
      message: code === 'unknownValue' ? 'must have the documented shape' : message.replace(new RegExp(`^${escapeRegExp(property)} `), ''),
    }));
    return [...own, ...toFieldErrors(error.children ?? [], path)];
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
