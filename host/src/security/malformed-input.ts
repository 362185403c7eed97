import fc from 'fast-check';

/**
 * Generators of input no endpoint may accept: each value breaks at least one rule of API.md, so a
 * request carrying it must be refused (4xx) and record nothing.
 */

/** Text that validates as nothing: empty, blank, control and bidi characters, lone surrogates, far too long. */
export const badText = fc.oneof(
  fc.constant(''),
  fc.constantFrom('   ', '\t\n', '\u0000', 'a\u0007b', 'Договор \u202eрукопись', 'x\ud800', '\u2066\u2069'),
  fc.string({ minLength: 1, maxLength: 8 }).map((s) => `${s}\u0000${s}`),
  fc.integer({ min: 2_001, max: 20_000 }).map((n) => 'я'.repeat(n)),
  fc.constant('x'.repeat(1_000_000)),
);

/** A value of the wrong JSON type for a string field. */
export const notAString = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

export const badString = fc.oneof(badText, notAString);

/** Identifiers of the registries that look right but are not: bad check digits, all zeros, wrong lengths, letters. */
export const badInn = fc.oneof(
  fc.constantFrom(
    '000000000000',
    '0000000000',
    '770512345018',
    '7707083890',
    '77051234501',
    '7705123450190',
    '77O512345019',
    '+770512345019',
  ),
  fc.stringMatching(/^\d{1,9}$/),
  fc.stringMatching(/^\d{13,20}$/),
  notAString,
);
export const badPhone = fc.oneof(
  fc.constantFrom('123', '+1 212 555 0100', '8 800 555 35 35 5', '+7 (900) 123-45-6', 'телефон', '+79001234567\u0000'),
  fc.stringMatching(/^[a-z]{1,12}$/),
  notAString,
);
export const badUuid = fc.oneof(
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', "' OR 1=1 --", '00000000-0000-0000-0000-00000000000g', '{}', '%00'),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/^[0-9a-f-]{36}$/i.test(s)),
);

/** Keys that poison objects or prototypes, as a parser that merges would meet them. */
export const poisonKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', '$gt', 'toString');

/** JSON nested far deeper than any body needs. */
export const deepNesting = fc.integer({ min: 200, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);

/** Text that is not JSON, sent as JSON. */
export const notJson = fc.oneof(
  fc.constantFrom('{', '{"a":', "{'a': 1}", '[1,]', 'NaN', 'undefined', '{"a":1}{"b":2}', '\u0000', '{"a": 1e400}'),
  fc.string({ maxLength: 30 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

/** Query values for search, sort and dates that a careless query builder would pass on. */
export const hostileQueryValue = fc.oneof(
  fc.constantFrom(
    '"unclosed',
    'a OR b AND',
    'NEAR(a b)',
    '*',
    "'; DROP TABLE deals; --",
    '(?:a+)+$',
    '[[[',
    '\\',
    '%',
    '{"$ne": null}',
    '2026-02-30',
    '99999-01-01',
    '-271821-04-19T00:00:00Z',
    '2026-11-25T24:00:00Z',
    '1e400',
    '-1',
    '0',
    '18446744073709551616',
    'NaN',
  ),
  badText,
  fc.string({ maxLength: 50 }),
);
