import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiClient } from './api-client';
import type { DocumentUploadEvent } from './api-types';

describe('ApiClient', () => {
  let api: ApiClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(ApiClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('logs in with POST /api/auth/login', () => {
    let answer: unknown;
    api.login({ login: 'manager', password: 'pw' }).subscribe((a) => (answer = a));
    const request = http.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ login: 'manager', password: 'pw' });
    request.flush({ token: 't', user: { id: 'u', name: 'Мария', role: 'manager', branchId: 'msk' } });
    expect(answer).toEqual({ token: 't', user: { id: 'u', name: 'Мария', role: 'manager', branchId: 'msk' } });
  });

  it("opens a signer's session with the invitation token", () => {
    api.openSignerSession('tok').subscribe();
    const request = http.expectOne({ method: 'POST', url: '/api/signer/session' });
    expect(request.request.body).toEqual({ inviteToken: 'tok' });
    request.flush({ token: 's', processId: 'p' });
  });

  it('uploads a PDF as an application/pdf body, reporting progress, then the stored document', () => {
    const events: DocumentUploadEvent[] = [];
    const file = new File(['%PDF-1.4'], 'Договор №1.pdf', { type: 'application/pdf' });
    api.uploadDocument(file).subscribe((e) => events.push(e));

    const request = http.expectOne({ method: 'POST', url: '/api/documents' });
    expect(request.request.body).toBe(file);
    expect(request.request.reportProgress).toBeTrue();
    expect(request.request.headers.get('Content-Type')).toBe('application/pdf');
    expect(decodeURIComponent(request.request.headers.get('X-File-Name') ?? '')).toBe('Договор №1.pdf');

    request.event({ type: HttpEventType.Sent });
    request.event({ type: HttpEventType.UploadProgress, loaded: 4, total: 8 });
    const stored = { documentId: 'd1', sha256: 'a'.repeat(64), size: 8, fileName: 'Договор №1.pdf' };
    request.flush(stored, { status: 201, statusText: 'Created' });

    expect(events).toEqual([
      { kind: 'progress', loaded: 4, total: 8, percent: 50 },
      { kind: 'uploaded', document: stored },
    ]);
  });

  it('sends Idempotency-Key and If-Match with commands', () => {
    api
      .createSigningProcess(
        {
          kind: 'contract',
          title: 'Договор поставки',
          documents: [{ documentId: 'd1', title: 'Договор' }],
          signer: { type: 'individual', fullName: 'Иван Иванов', inn: '500100732259', phone: '+79001234567' },
        },
        { idempotencyKey: 'key-1' },
      )
      .subscribe();
    const create = http.expectOne({ method: 'POST', url: '/api/signing-processes' });
    expect(create.request.headers.get('Idempotency-Key')).toBe('key-1');
    expect(create.request.headers.has('If-Match')).toBeFalse();
    create.flush({ processId: 'p1', revision: 0, position: '10' }, { status: 201, statusText: 'Created' });

    api.cancelSigningProcess('p 1', 'Клиент передумал', { ifMatch: 3 }).subscribe();
    const cancel = http.expectOne({ method: 'POST', url: '/api/signing-processes/p%201/cancel' });
    expect(cancel.request.body).toEqual({ reason: 'Клиент передумал' });
    expect(cancel.request.headers.get('If-Match')).toBe('3');
    cancel.flush({ processId: 'p 1', revision: 4, position: '11' });
  });

  it("calls the signer's steps at their paths", () => {
    api.startIdentification('p1').subscribe();
    http.expectOne({ method: 'POST', url: '/api/signing-processes/p1/identification' }).flush({});
    api.acceptEdoAgreement('p1', '2026-01').subscribe();
    const accept = http.expectOne({ method: 'POST', url: '/api/signing-processes/p1/edo-agreement/acceptance' });
    expect(accept.request.body).toEqual({ agreementVersion: '2026-01' });
    accept.flush({});
    api.requestSignatureCode('p1').subscribe();
    http.expectOne({ method: 'POST', url: '/api/signing-processes/p1/signature-code' }).flush({});
    api.submitSignature('p1', '123456').subscribe();
    expect(http.expectOne({ method: 'POST', url: '/api/signing-processes/p1/signature' }).request.body).toEqual({ code: '123456' });
    api.declineSigning('p1', 'Не согласен').subscribe();
    expect(http.expectOne({ method: 'POST', url: '/api/signing-processes/p1/decline' }).request.body).toEqual({ reason: 'Не согласен' });
    api.reissueInvitation('p1').subscribe();
    http.expectOne({ method: 'POST', url: '/api/signing-processes/p1/invitations' }).flush(null, { status: 202, statusText: 'Accepted' });
    api.getEdoAgreement().subscribe();
    http.expectOne({ method: 'GET', url: '/api/edo-agreement' }).flush({ version: '1', sha256: 'x', text: 'Текст' });
  });

  it('lists deals with only the filters given, and reads a deal after a write with X-Min-Position', () => {
    api.listDeals({ status: ['signed', 'archived'], q: 'Ромашка', kind: undefined, page: 2, pageSize: 50, sort: '-createdAt' }).subscribe();
    const list = http.expectOne((r) => r.url === '/api/deals');
    expect(list.request.params.getAll('status')).toEqual(['signed', 'archived']);
    expect(list.request.params.get('q')).toBe('Ромашка');
    expect(list.request.params.has('kind')).toBeFalse();
    expect(list.request.params.get('page')).toBe('2');
    expect(list.request.params.get('sort')).toBe('-createdAt');
    list.flush({ items: [], total: 0, page: 2, pageSize: 50, position: '7' });

    api.getDeal('p1', { minPosition: '42' }).subscribe();
    const deal = http.expectOne('/api/deals/p1');
    expect(deal.request.headers.get('X-Min-Position')).toBe('42');
    deal.flush({});
  });

  it('builds the live stream URL with the token and the position to resume after', () => {
    expect(api.dealStreamUrl({ status: 'invited' }, 'tok/+', '15')).toBe('/api/deals/stream?status=invited&after=15&access_token=tok/%2B');
    expect(api.dealStreamUrl({}, 't')).toBe('/api/deals/stream?access_token=t');
  });

  it('reads the trail, its verification and the evidence; downloads the evidence and documents as Blobs', () => {
    api.getTrail('p1').subscribe();
    http.expectOne('/api/deals/p1/trail').flush([]);
    api.verifyTrail('p1').subscribe();
    http.expectOne('/api/deals/p1/trail/verification').flush({ valid: true, events: 0, head: '' });
    api.getEvidence('p1').subscribe();
    http.expectOne((r) => r.url === '/api/deals/p1/evidence' && r.responseType === 'json').flush({});

    let pdf: Blob | undefined;
    api.downloadEvidencePdf('p1').subscribe((b) => (pdf = b));
    const pdfRequest = http.expectOne((r) => r.url === '/api/deals/p1/evidence' && r.params.get('format') === 'pdf');
    expect(pdfRequest.request.responseType).toBe('blob');
    pdfRequest.flush(new Blob(['%PDF'], { type: 'application/pdf' }));
    expect(pdf?.type).toBe('application/pdf');

    api.downloadEvidenceJson('p1').subscribe();
    expect(http.expectOne((r) => r.url === '/api/deals/p1/evidence' && !r.params.has('format')).request.responseType).toBe('blob');
    api.downloadDocument('d1').subscribe();
    expect(http.expectOne('/api/documents/d1').request.responseType).toBe('blob');
  });

  it('reads the cabinet, the stats, a company and the projections; rebuilds one', () => {
    api.getCabinet().subscribe();
    http.expectOne('/api/cabinet/documents').flush({ awaiting: [], signed: [], closed: [] });
    api.getStats({ from: '2026-01-01', branchId: 'msk' }).subscribe();
    const stats = http.expectOne((r) => r.url === '/api/stats');
    expect(stats.request.params.toString()).toBe('from=2026-01-01&branchId=msk');
    stats.flush({});
    api.lookupCompany('7707083893').subscribe();
    http.expectOne('/api/companies/7707083893').flush({});
    api.listProjections().subscribe();
    http.expectOne('/api/admin/projections').flush([]);
    let rebuilt = false;
    api.rebuildProjection('deals').subscribe(() => (rebuilt = true));
    http
      .expectOne({ method: 'POST', url: '/api/admin/projections/deals/rebuild' })
      .flush({ name: 'deals', status: 'rebuilding' }, { status: 202, statusText: 'Accepted' });
    expect(rebuilt).toBeTrue();
  });
});
