import { validate } from 'class-validator';
import { toFieldErrors } from '../validation/field-errors.js';
import { CreateSigningProcessDto, ReasonDto, TEXT_LIMITS } from './signing-commands.dto.js';

const signer = { type: 'individual', fullName: 'Морозов Сергей Николаевич', inn: '770512345019', phone: '+79001234567' };
const body = {
  kind: 'contract',
  title: 'Договор ГПХ № 42',
  documents: [{ documentId: '6f1c2a9e-3b7d-4c1e-9a55-0d2b7c9e4f10', title: 'Договор' }],
  signer,
};

async function badFields(dto: object): Promise<string[]> {
  return toFieldErrors(await validate(dto, { forbidUnknownValues: true })).map((error) => error.field);
}

describe('the texts of a signing request', () => {
  it('accepts the request as written', async () => {
    expect(await badFields(CreateSigningProcessDto.fromPlain(body))).toEqual([]);
  });

  it('trims titles and company names, and validates what is left', async () => {
    const dto = CreateSigningProcessDto.fromPlain({
      ...body,
      title: '  Договор  ',
      documents: [{ ...body.documents[0], title: ' Акт ' }],
      signer: { ...signer, type: 'legal_entity', companyName: '  ООО «Ромашка» ' },
    });
    expect([dto.title, dto.documents[0]!.title, dto.signer.companyName]).toEqual(['Договор', 'Акт', 'ООО «Ромашка»']);
    const blank = CreateSigningProcessDto.fromPlain({ ...body, title: '   ', documents: [{ ...body.documents[0], title: '\t' }] });
    expect(await badFields(blank)).toEqual(['title', 'documents[0].title']);
  });

  it('refuses control characters, bidi overrides and lone surrogates in a title', async () => {
    for (const title of ['Дог\u0000овор', 'Договор\u0007', 'Договор \u202eрукопись', 'Договор \ud800', 'Договор\nвторая строка'])
      expect(await badFields(CreateSigningProcessDto.fromPlain({ ...body, title })))
        .withContext(JSON.stringify(title))
        .toEqual(['title']);
  });

  it('holds names and titles to 300 characters, company names to 500', async () => {
    const long = (length: number) => 'я'.repeat(length);
    expect(await badFields(CreateSigningProcessDto.fromPlain({ ...body, title: long(TEXT_LIMITS.title) }))).toEqual([]);
    expect(await badFields(CreateSigningProcessDto.fromPlain({ ...body, title: long(301) }))).toEqual(['title']);
    const company = (companyName: string) => CreateSigningProcessDto.fromPlain({ ...body, signer: { ...signer, companyName } });
    expect(await badFields(company(long(500)))).toEqual([]);
    expect(await badFields(company(long(501)))).toEqual(['signer.companyName']);
    // One 22 kB word made the certificate's line wrapping take 13 s: refused at the door.
    const name = (fullName: string) => CreateSigningProcessDto.fromPlain({ ...body, signer: { ...signer, fullName } });
    expect(await badFields(name(`Морозов ${'я'.repeat(22_000)}`))).toEqual(['signer.fullName']);
    expect(await badFields(name(`Морозов ${'я'.repeat(292)}`))).toEqual([]);
  });

  it('refuses the all-zero INN, which passes every check digit', async () => {
    expect(await badFields(CreateSigningProcessDto.fromPlain({ ...body, signer: { ...signer, inn: '000000000000' } }))).toEqual([
      'signer.inn',
    ]);
  });

  it('lets a reason run to 2,000 characters over several lines, trimmed', async () => {
    const reason = ReasonDto.fromPlain({ reason: ` Ошибка в реквизитах.\nИсправим и пришлём снова.${'.'.repeat(1950)} ` });
    expect(reason.reason.startsWith('Ошибка')).toBeTrue();
    expect(await badFields(reason)).toEqual([]);
    expect(await badFields(ReasonDto.fromPlain({ reason: 'x'.repeat(TEXT_LIMITS.reason + 1) }))).toEqual(['reason']);
    expect(await badFields(ReasonDto.fromPlain({ reason: '  ' }))).toEqual(['reason']);
    expect(await badFields(ReasonDto.fromPlain({ reason: 'нет\u202e' }))).toEqual(['reason']);
  });
});
