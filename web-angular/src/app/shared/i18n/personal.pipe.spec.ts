import { PersonalPipe, personalText } from './personal.pipe';

describe('personal fields for reading', () => {
  it('shows a value as it is, an erased one as «удалено», a missing one as «—»', () => {
    expect(personalText('Иванов Иван Иванович')).toBe('Иванов Иван Иванович');
    expect(personalText({ erased: true })).toBe('удалено');
    expect(personalText(null)).toBe('—');
    expect(personalText(undefined)).toBe('—');
    expect(new PersonalPipe().transform({ erased: true })).toBe('удалено');
  });
});
