import PDFDocument from 'pdfkit';
import type { TrailVerification } from './chain-verification.js';
import {
  PROCESS_KIND_RU,
  SIGNER_TYPE_RU,
  actorRu,
  bothTimesRu,
  bytesRu,
  chainFaultRu,
  checkRu,
  eventTypeRu,
  moscowRu,
  printable,
  utcRu,
} from './certificate-wording.js';
import type { EvidencePackage } from './evidence-package.js';
import { PdfLayout, registerFonts } from './pdf-layout.js';

/**
 * The signing certificate ("Лист подписания"): the evidence package's facts in Russian, for a
 * lawyer to read and a court to file (API.md, "Evidence package"). Every hash is printed in full.
 * Times are given in UTC and in Moscow time (UTC+3).
 */
export function renderCertificatePdf(stated: EvidencePackage, verification: TrailVerification): Promise<Buffer> {
  const pkg = printable(stated);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 56, left: 50, right: 50 },
    bufferPages: true,
    info: {
      Title: `Лист подписания — процесс ${pkg.processId}`,
      Subject: 'Сертификат подписания документов простой электронной подписью',
      Creator: 'E-contract',
      CreationDate: validDate(pkg.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  registerFonts(doc);
  const layout = new PdfLayout(doc);
  header(layout, pkg);
  documentsSection(layout, pkg);
  signerSection(layout, pkg);
  identificationSection(layout, pkg);
  edoSection(layout, pkg);
  signatureSection(layout, pkg);
  eventsSection(layout, pkg);
  chainSection(layout, pkg, verification);
  erasureSection(layout, pkg);
  legalStatement(layout, pkg);
  pageNumbers(layout, pkg);
  doc.end();
  return done;
}

function header(layout: PdfLayout, pkg: EvidencePackage): void {
  layout.title('Лист подписания', 17);
  layout.space(2);
  layout.paragraph('Сертификат подписания документов простой электронной подписью', { font: 'bold', size: 11 }, { align: 'center' });
  layout.space(10);
  layout.fields([
    { label: 'Процесс подписания', value: pkg.processId, style: { font: 'mono', size: 9 } },
    ...(pkg.title !== null ? [{ label: 'Наименование', value: pkg.title }] : []),
    ...(pkg.kind !== null ? [{ label: 'Вид', value: PROCESS_KIND_RU[pkg.kind] }] : []),
    { label: 'Сертификат сформирован', value: bothTimesRu(pkg.generatedAt) },
  ]);
}

function documentsSection(layout: PdfLayout, pkg: EvidencePackage): void {
  layout.heading('1. Подписываемые документы');
  if (pkg.documents.length === 0) {
    layout.paragraph('Документы в журнале не указаны.');
    return;
  }
  const rest = layout.width - 22 - 190 - 90;
  layout.table(
    [
      { header: '№', width: 22 },
      { header: 'Наименование', width: 190 },
      { header: 'Имя файла', width: rest },
      { header: 'Размер', width: 90 },
    ],
    pkg.documents.map((d, i) => ({
      cells: [String(i + 1), d.title, d.fileName, bytesRu(d.size)],
      below: { label: 'SHA-256:', value: d.sha256 },
    })),
  );
  layout.paragraph(
    'SHA-256 — хеш содержимого файла, зафиксированный при создании процесса: подписан ровно тот файл, хеш которого совпадает с указанным.',
    { size: 8, color: 'muted' },
  );
}

function signerSection(layout: PdfLayout, pkg: EvidencePackage): void {
  const { signer } = pkg;
  layout.heading('2. Подписант');
  const company = signer.type === 'legal_entity';
  layout.fields([
    { label: 'Тип подписанта', value: SIGNER_TYPE_RU[signer.type] },
    ...(signer.companyName !== undefined ? [{ label: 'Организация', value: signer.companyName }] : []),
    { label: company ? 'Руководитель (ФИО)' : 'ФИО', value: signer.fullName },
    { label: company ? 'ИНН организации' : 'ИНН', value: signer.inn },
    ...(signer.ogrn !== undefined ? [{ label: signer.type === 'sole_proprietor' ? 'ОГРНИП' : 'ОГРН', value: signer.ogrn }] : []),
  ]);
}

function identificationSection(layout: PdfLayout, pkg: EvidencePackage): void {
  layout.heading('3. Идентификация подписанта');
  const id = pkg.identification;
  if (!id) {
    layout.paragraph('Подписант не идентифицирован: в журнале нет события успешной идентификации.');
    return;
  }
  const sandbox = /sandbox/i.test(id.provider);
  layout.fields([
    {
      label: 'Способ',
      value: `Единая система идентификации и аутентификации (ЕСИА, «Госуслуги») через компонент идентификации «${id.provider}»`,
    },
    { label: 'Идентификатор запроса', value: id.requestId, style: { font: 'mono', size: 8.5 } },
    { label: 'Время идентификации', value: bothTimesRu(id.identifiedAt) },
    { label: 'Результат', value: 'успешно: личность подтверждена' },
    { label: 'Подтверждённое лицо', value: `${id.person.fullName}, ИНН ${id.person.inn}` },
    ...(id.checks.length > 0
      ? [{ label: 'Проверки', value: id.checks.map((c) => `${c.passed ? '✓' : '✗'} ${checkRu(c.check)}`).join('\n') }]
      : []),
  ]);
  if (sandbox) {
    layout.paragraph(
      'Внимание: идентификация выполнена в тестовой среде (имитация «Госуслуг»); такой лист подписания не подтверждает личность подписанта.',
      { size: 8.5, color: 'alert' },
    );
  }
}

function edoSection(layout: PdfLayout, pkg: EvidencePackage): void {
  layout.heading('4. Соглашение об электронном документообороте (ЭДО)');
  const edo = pkg.edoAgreement;
  if (!edo) {
    layout.paragraph('Соглашение об ЭДО подписантом не принято.');
    return;
  }
  layout.fields([
    { label: 'Версия соглашения', value: edo.version },
    { label: 'SHA-256 текста', value: edo.sha256, style: { font: 'mono', size: 8.5 } },
    { label: 'Принято', value: bothTimesRu(edo.acceptedAt) },
    ...(edo.reusedFrom
      ? [
          {
            label: 'Основание',
            value:
              `Принятие перенесено из более раннего процесса ${edo.reusedFrom.processId} (событие № ${edo.reusedFrom.revision}): ` +
              'подписант, идентифицированный по тому же ИНН, уже принимал эту версию соглашения.',
          },
        ]
      : [{ label: 'Основание', value: 'принято подписантом в этом процессе' }]),
  ]);
}

function signatureSection(layout: PdfLayout, pkg: EvidencePackage): void {
  layout.heading('5. Подписание одноразовым кодом');
  const sig = pkg.signature;
  if (!sig) {
    layout.paragraph('Документы не подписаны: в журнале нет события подписания.');
    return;
  }
  layout.fields([
    { label: 'Код отправлен', value: sig.codeIssuedAt !== null ? bothTimesRu(sig.codeIssuedAt) : 'время не найдено в журнале' },
    { label: 'Канал и номер', value: `${sig.channel === 'sms' ? 'SMS' : String(sig.channel)}, ${sig.destination} (номер скрыт частично)` },
    { label: 'Код введён верно (подписано)', value: bothTimesRu(sig.signedAt) },
    { label: 'IP-адрес подписанта', value: sig.ip ?? 'не записан', style: { font: 'mono', size: 8.5 } },
    { label: 'Программа (User-Agent)', value: sig.userAgent ?? 'не записана', style: { font: 'mono', size: 8 } },
  ]);
}

function legalStatement(layout: PdfLayout, pkg: EvidencePackage): void {
  const text = legalText(pkg);
  const style = { size: 9.5 };
  layout.heading('Заключение', layout.paragraphHeight(text, style));
  layout.paragraph(text, style);
}

function legalText({ signature, edoAgreement }: EvidencePackage): string {
  if (!signature) {
    return 'На момент формирования листа документы простой электронной подписью не подписаны. Лист подтверждает только события, перечисленные выше.';
  }
  const acceptedBefore = edoAgreement !== null && Date.parse(edoAgreement.acceptedAt) <= Date.parse(signature.signedAt);
  const edoSentence = acceptedBefore
    ? 'До подписания подписант принял соглашение об электронном документообороте (раздел 4), которое устанавливает порядок его ' +
      'идентификации и обязанность сохранять код в тайне (ст. 9 Федерального закона от 06.04.2011 № 63-ФЗ «Об электронной подписи»).'
    : 'Внимание: в журнале нет принятия соглашения об ЭДО до момента подписания.';
  return (
    'Документы, указанные в разделе 1, подписаны простой электронной подписью лицом, указанным в разделах 2 и 3: одноразовый ' +
    'код, направленный ему по SMS, введён верно (раздел 5). ' +
    edoSentence +
    ' В соответствии с частью 2 статьи 6 Федерального закона № 63-ФЗ информация в электронной форме, подписанная простой ' +
    'электронной подписью, признаётся электронным документом, равнозначным документу на бумажном носителе, подписанному ' +
    'собственноручной подписью, в случаях, установленных соглашением между участниками электронного взаимодействия; таким ' +
    'соглашением является указанное соглашение об ЭДО. Документы, указанные в разделе 1, равнозначны документам на бумажном ' +
    'носителе, подписанным собственноручной подписью подписанта.'
  );
}

function eventsSection(layout: PdfLayout, pkg: EvidencePackage): void {
  layout.heading('6. Журнал событий процесса');
  const fixed = 22 + 96 + 96;
  const typeWidth = Math.round((layout.width - fixed) * 0.55);
  layout.table(
    [
      { header: '№', width: 22 },
      { header: 'Время (UTC)', width: 96 },
      { header: 'Время (МСК)', width: 96 },
      { header: 'Событие', width: typeWidth },
      { header: 'Инициатор', width: layout.width - fixed - typeWidth },
    ],
    pkg.events.map((e) => ({
      cells: [
        String(e.revision),
        utcRu(e.occurredAt).replace(/ UTC$/, ''),
        moscowRu(e.occurredAt).replace(/ МСК$/, ''),
        eventTypeRu(e.type),
        actorRu(e.actor),
      ],
    })),
  );
  layout.paragraph(
    '№ — номер события в потоке процесса (с нуля). Полные данные каждого события и его хеш — в пакете доказательств (JSON).',
    {
      size: 8,
      color: 'muted',
    },
  );
}

function chainSection(layout: PdfLayout, pkg: EvidencePackage, verification: TrailVerification): void {
  layout.heading('7. Целостность журнала (хеш-цепочка)');
  const verdict = verification.valid
    ? `цепочка цела: пересчитаны хеши всех ${verification.events} событий`
    : `ЦЕПОЧКА НАРУШЕНА на событии № ${verification.brokenAt ?? '?'}${verification.reason ? `: ${chainFaultRu(verification.reason)}` : ''}`;
  layout.fields([
    { label: 'Алгоритм', value: `${pkg.chain.algorithm}: SHA-256 от канонического JSON (RFC 8785)` },
    { label: 'Число событий', value: String(pkg.chain.length) },
    { label: 'Хеш последнего события (вершина цепочки)', value: pkg.chain.head, style: { font: 'mono', size: 8.5 } },
    {
      label: 'Проверка при формировании',
      value: verdict,
      style: verification.valid ? { font: 'sans', size: 9 } : { font: 'bold', size: 9, color: 'alert' },
    },
  ]);
  layout.space(4);
  layout.paragraph(
    'Хеш каждого события = SHA-256(хеш предыдущего события + перевод строки + канонический JSON тела события); у первого ' +
      'события хеш предыдущего — 64 нуля. Изменение, удаление или добавление любого события, в том числе отсечение последних, ' +
      'меняет вершину цепочки. Цепочку можно пересчитать независимо по пакету доказательств ' +
      `(evidence-${pkg.processId}.json), например командой «npm run verify -- evidence-${pkg.processId}.json».`,
    { size: 8, color: 'muted' },
  );
}

/** What was erased, when, by whom and why (API.md, "Operations"): only when something was. */
function erasureSection(layout: PdfLayout, pkg: EvidencePackage): void {
  if (!pkg.erasures?.length) return;
  layout.heading('8. Удаление персональных данных');
  layout.paragraph(
    'Персональные данные, отмеченные выше как «удалено», хранились в журнале в зашифрованном виде, каждое лицо — своим ключом. ' +
      'По истечении срока хранения ключ лица уничтожен (ч. 7 ст. 5 и ст. 21 Федерального закона от 27.07.2006 № 152-ФЗ ' +
      '«О персональных данных»): прочитать эти данные больше нельзя. Хеш-цепочка вычислена по зашифрованным значениям, которые ' +
      'сохранены, поэтому она по-прежнему проверяется (раздел 7).',
    { size: 9 },
  );
  layout.space(4);
  for (const erasure of pkg.erasures) {
    layout.fields([
      { label: 'Удалено', value: bothTimesRu(erasure.erasedAt) },
      { label: 'Кем', value: `Администратор (id ${erasure.erasedBy})` },
      { label: 'Основание', value: erasure.reason },
      { label: 'Идентификатор лица', value: erasure.personRef, style: { font: 'mono', size: 8.5 } },
    ]);
    layout.space(4);
  }
}

function pageNumbers(layout: PdfLayout, pkg: EvidencePackage): void {
  const { doc } = layout;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const y = doc.page.height - 36;
    const half = layout.width / 2;
    layout.marginText(`Лист подписания · процесс ${pkg.processId}`, layout.left, y, half + 60, { size: 7, color: 'muted' }, 'left');
    layout.marginText(
      `Страница ${i - range.start + 1} из ${range.count}`,
      layout.left + half + 60,
      y,
      half - 60,
      { size: 7, color: 'muted' },
      'right',
    );
  }
}

function validDate(iso: string): Date {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? new Date(0) : new Date(ms);
}
