/** Full names: at least two words of Cyrillic or Latin letters (hyphens and apostrophes inside a word). */
const WORD = "[A-Za-zА-Яа-яЁё]+(?:[-'’][A-Za-zА-Яа-яЁё]+)*";
const FULL_NAME = new RegExp(`^${WORD}(?: ${WORD})+$`);

export const normalizeFullName = (input: string): string => input.trim().replace(/\s+/g, ' ');

/** A name longer than this fits no line of a certificate: refused before any pattern runs over it. */
export const FULL_NAME_MAX_LENGTH = 300;

export const isValidFullName = (input: string): boolean => {
  const name = normalizeFullName(input);
  return name.length <= FULL_NAME_MAX_LENGTH && FULL_NAME.test(name);
};

/** Names compared as people compare them: case, ё/е and extra spaces do not matter. */
export const sameFullName = (a: string, b: string): boolean => {
  const key = (name: string) => normalizeFullName(name).toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
  return key(a) === key(b);
};
