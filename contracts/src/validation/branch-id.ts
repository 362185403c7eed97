/** A branch id as the employees' directory spells them (`msk`, `spb`, an IdP's group id). */
export const BRANCH_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export const isBranchId = (value: unknown): value is string => typeof value === 'string' && BRANCH_ID_PATTERN.test(value);
