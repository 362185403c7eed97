import { deal } from '@e-contract/contracts/testing';
import { identificationAdvice } from './identification-advice';

describe('identificationAdvice', () => {
  const failed = (lastFailureCheck: string | null, lastFailureReason: string | null) => {
    const base = deal({ status: 'identification_failed' });
    return { identification: { ...base.identification, lastFailureCheck, lastFailureReason } };
  };

  it('tells the signer what to do for the identity check that failed', () => {
    expect(identificationAdvice(failed('esia_account_confirmed', 'the ESIA account is not confirmed'))).toContain('Подтвердите её');
    expect(identificationAdvice(failed('inn_matches', "the identified person's INN differs from the request"))).toContain('ИНН');
    expect(identificationAdvice(failed('npd_registered', 'x'))).toContain('«Мой налог»');
  });

  it("quotes the identification component's own Russian reason, and never an English one", () => {
    expect(identificationAdvice(failed(null, 'Пользователь отказался от входа'))).toContain('Пользователь отказался от входа');
    const english = identificationAdvice(failed(null, 'identification failed'));
    expect(english).not.toContain('identification failed');
    expect(english).toContain('Попробуйте ещё раз');
  });
});
