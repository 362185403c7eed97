/** Full names: at least two words of Cyrillic or Latin letters (hyphens and apostrophes inside a word). */
const WORD = "[A-Za-zА-Яа-яЁё]+(?:[-'’][A-Za-zА-Яа-яЁё]+)*";
const FULL_NAME = new RegExp(`^${WORD}(?: ${WORD})+$`);

export const normalizeFullName = (input: string): string => input.trim().replace(/\s+/g, ' ');

export const isValidFullName = (input: string): boolean => FULL_NAME.test(normalizeFullName(input));

/** Names compared as people compare them: case, ё/е and extra spaces do not matter. */
export const sameFullName = (a: string, b: string): boolean => {
  const key = (name: string) => normalizeFullName(name).toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
  return key(a) === key(b);
};
