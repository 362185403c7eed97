import { formatSignDuration } from './sign-duration';

describe('formatSignDuration', () => {
  it('says minutes under an hour, hours and minutes above it', () => {
    expect(formatSignDuration(30)).toBe('<1 мин');
    expect(formatSignDuration(420)).toBe('7 мин');
    expect(formatSignDuration(7500)).toBe('2 ч 05 мин');
    expect(formatSignDuration(90_000)).toBe('1 д 1 ч');
  });

  it('shows a dash while nothing is signed', () => {
    expect(formatSignDuration(null)).toBe('—');
  });
});
