import { problem } from '../../testing/auth-fixtures';
import { fieldErrorText, fieldErrorsByPath, problemText } from './problem-text';

describe('problem texts', () => {
  it('translates field-error codes, the field’s own text first', () => {
    expect(fieldErrorText({ field: 'signer.inn', code: 'signer_inn' })).toBe('Неверный ИНН: проверьте контрольные цифры');
    expect(fieldErrorText({ field: 'code', code: 'matches' })).toBe('Введите 6 цифр из SMS');
    expect(fieldErrorText({ field: 'documents[0].title', code: 'something_new' })).toBe('Неверное значение');
  });

  it('collects the first text of each field by its path', () => {
    const errors = fieldErrorsByPath(
      problem(400, 'validation', {
        errors: [
          { field: 'signer.phone', message: '', code: 'russian_mobile' },
          { field: 'signer.phone', message: '', code: 'isString' },
        ],
      }),
    );
    expect(errors).toEqual({ 'signer.phone': 'Неверный номер: нужен российский мобильный, например +7 900 123-45-67' });
  });

  it('translates problems by code, then by status, with attempts and waiting time', () => {
    expect(problemText(problem(422, 'code-rejected', { attemptsLeft: 2 }))).toBe('Неверный код. Осталось попыток: 2.');
    expect(problemText(problem(409, 'something-else'))).toBe('Этот шаг сейчас недоступен: обновите страницу.');
    expect(problemText(problem(429, 'code-rate-limited', { retryAfter: 60 }))).toBe('Слишком много кодов за час, повторите через 1 мин.');
    expect(problemText(problem(0, 'network'))).toContain('Нет связи с сервером');
  });
});
