import { HttpClient, HttpEventType, HttpHeaders, HttpParams, type HttpEvent } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import { filter, map, type Observable } from 'rxjs';
import type {
  BatchAccepted,
  BatchStatus,
  CabinetDocuments,
  CancelAnswer,
  CommandAnswer,
  CommandOptions,
  CompanyRecord,
  CreateIntegrationRequest,
  CreateSigningProcessRequest,
  Branch,
  Deal,
  DealListQuery,
  DealPage,
  DeclineAnswer,
  DocumentUploadEvent,
  EdoAcceptanceAnswer,
  EdoAgreement,
  EvidencePackage,
  IdentificationStartedAnswer,
  IntegrationCreatedAnswer,
  IntegrationRow,
  LoginRequest,
  LoginAnswer,
  LogPosition,
  ProjectionStatusRow,
  ReadOptions,
  RebuildStarted,
  SignatureAnswer,
  SignatureCodeAnswer,
  SignerSessionAnswer,
  EmbedSignerSessionAnswer,
  Stats,
  StatsQuery,
  TrailEntry,
  TrailVerification,
  UploadedDocument,
  WebhookDeliveryPage,
  WebhookReplayAnswer,
  WebhookSummary,
} from './api-types';

/** Where the API lives: the page's own origin by default (`npm start` serves both). */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', { factory: () => '' });

type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

/** Query parameters without the empty ones (a left-out filter or range is open). */
function paramsOf(query: Record<string, QueryValue> = {}): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) params = params.append(key, String(item));
  }
  return params;
}

function commandHeaders(options: CommandOptions = {}): HttpHeaders {
  let headers = new HttpHeaders();
  if (options.idempotencyKey) headers = headers.set('Idempotency-Key', options.idempotencyKey);
  if (options.ifMatch !== undefined) headers = headers.set('If-Match', String(options.ifMatch));
  return headers;
}

const readHeaders = (options: ReadOptions = {}): HttpHeaders =>
  options.minPosition ? new HttpHeaders({ 'X-Min-Position': options.minPosition }) : new HttpHeaders();

const id = (value: string): string => encodeURIComponent(value);

/**
 * The one place that knows the API's URLs (shared/API.md v1). Every method returns a cold
 * Observable; errors arrive as `ApiProblem` (see `problemInterceptor`). Components never call it:
 * effects do.
 */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  private url(path: string): string {
    return `${this.base}${path}`;
  }

  // ---- Authentication ----------------------------------------------------------------------

  login(body: LoginRequest): Observable<LoginAnswer> {
    return this.http.post<LoginAnswer>(this.url('/api/auth/login'), body);
  }

  openSignerSession(inviteToken: string): Observable<SignerSessionAnswer> {
    return this.http.post<SignerSessionAnswer>(this.url('/api/signer/session'), { inviteToken });
  }

  /** Asks for a new link with an old one (202 whatever the token: the answer says nothing about it). */
  requestNewLink(inviteToken: string): Observable<void> {
    return this.http.post<void>(this.url('/api/signer/link-requests'), { inviteToken });
  }

  /** The embedded page's one use of its URL's token: the signer's session and where to post messages. */
  openEmbedSession(embedToken: string): Observable<EmbedSignerSessionAnswer> {
    return this.http.post<EmbedSignerSessionAnswer>(this.url('/api/embed/session'), { embedToken });
  }

  // ---- Documents ---------------------------------------------------------------------------

  /** Uploads a PDF as an `application/pdf` body (the file name in `X-File-Name`), reporting progress. */
  uploadDocument(file: Blob, fileName = file instanceof File ? file.name : 'document.pdf'): Observable<DocumentUploadEvent> {
    const headers = new HttpHeaders({ 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent(fileName) });
    return this.http.post<UploadedDocument>(this.url('/api/documents'), file, { headers, reportProgress: true, observe: 'events' }).pipe(
      map((event: HttpEvent<UploadedDocument>): DocumentUploadEvent | null => {
        if (event.type === HttpEventType.UploadProgress) {
          const total = event.total ?? null;
          return { kind: 'progress', loaded: event.loaded, total, percent: total ? Math.round((100 * event.loaded) / total) : null };
        }
        if (event.type === HttpEventType.Response && event.body) return { kind: 'uploaded', document: event.body };
        return null;
      }),
      filter((event): event is DocumentUploadEvent => event !== null),
    );
  }

  /** The PDF's bytes (manager, auditor, admin, a signer of a process that holds it). */
  downloadDocument(documentId: string): Observable<Blob> {
    return this.http.get(this.url(`/api/documents/${id(documentId)}`), { responseType: 'blob' });
  }

  // ---- Manager's commands ------------------------------------------------------------------

  createSigningProcess(body: CreateSigningProcessRequest, options?: CommandOptions): Observable<CommandAnswer> {
    return this.http.post<CommandAnswer>(this.url('/api/signing-processes'), body, { headers: commandHeaders(options) });
  }

  /** Many requests at once: each item is the body of `createSigningProcess`; 202 before they are created. */
  createBatch(items: CreateSigningProcessRequest[], options?: CommandOptions): Observable<BatchAccepted> {
    return this.http.post<BatchAccepted>(this.url('/api/signing-processes/batch'), { items }, { headers: commandHeaders(options) });
  }

  getBatch(batchId: string): Observable<BatchStatus> {
    return this.http.get<BatchStatus>(this.url(`/api/batches/${id(batchId)}`));
  }

  reissueInvitation(processId: string, options?: CommandOptions): Observable<CommandAnswer> {
    return this.http.post<CommandAnswer>(this.url(`/api/signing-processes/${id(processId)}/invitations`), null, {
      headers: commandHeaders(options),
    });
  }

  /** A reminder by hand: the signer gets the same link again (202; 429 past 3 a day, 409 once the process no longer waits). */
  remindSigner(processId: string, options?: CommandOptions): Observable<CommandAnswer> {
    return this.http.post<CommandAnswer>(this.url(`/api/signing-processes/${id(processId)}/reminders`), null, {
      headers: commandHeaders(options),
    });
  }

  cancelSigningProcess(processId: string, reason: string, options?: CommandOptions): Observable<CancelAnswer> {
    return this.http.post<CancelAnswer>(
      this.url(`/api/signing-processes/${id(processId)}/cancel`),
      { reason },
      {
        headers: commandHeaders(options),
      },
    );
  }

  // ---- Signer's commands -------------------------------------------------------------------

  startIdentification(processId: string, options?: CommandOptions): Observable<IdentificationStartedAnswer> {
    return this.http.post<IdentificationStartedAnswer>(this.url(`/api/signing-processes/${id(processId)}/identification`), null, {
      headers: commandHeaders(options),
    });
  }

  getEdoAgreement(): Observable<EdoAgreement> {
    return this.http.get<EdoAgreement>(this.url('/api/edo-agreement'));
  }

  acceptEdoAgreement(processId: string, agreementVersion: string, options?: CommandOptions): Observable<EdoAcceptanceAnswer> {
    return this.http.post<EdoAcceptanceAnswer>(
      this.url(`/api/signing-processes/${id(processId)}/edo-agreement/acceptance`),
      { agreementVersion },
      { headers: commandHeaders(options) },
    );
  }

  requestSignatureCode(processId: string, options?: CommandOptions): Observable<SignatureCodeAnswer> {
    return this.http.post<SignatureCodeAnswer>(this.url(`/api/signing-processes/${id(processId)}/signature-code`), null, {
      headers: commandHeaders(options),
    });
  }

  submitSignature(processId: string, code: string, options?: CommandOptions): Observable<SignatureAnswer> {
    return this.http.post<SignatureAnswer>(
      this.url(`/api/signing-processes/${id(processId)}/signature`),
      { code },
      {
        headers: commandHeaders(options),
      },
    );
  }

  declineSigning(processId: string, reason: string, options?: CommandOptions): Observable<DeclineAnswer> {
    return this.http.post<DeclineAnswer>(
      this.url(`/api/signing-processes/${id(processId)}/decline`),
      { reason },
      {
        headers: commandHeaders(options),
      },
    );
  }

  // ---- Reads -------------------------------------------------------------------------------

  listDeals(query: DealListQuery = {}, options?: ReadOptions): Observable<DealPage> {
    return this.http.get<DealPage>(this.url('/api/deals'), { params: paramsOf({ ...query }), headers: readHeaders(options) });
  }

  getDeal(processId: string, options?: ReadOptions): Observable<Deal> {
    return this.http.get<Deal>(this.url(`/api/deals/${id(processId)}`), { headers: readHeaders(options) });
  }

  /** The deal as it stood after the fact at `position` (API.md: `GET /api/deals/:id?at=`). */
  getDealAt(processId: string, position: LogPosition): Observable<Deal> {
    return this.http.get<Deal>(this.url(`/api/deals/${id(processId)}`), { params: paramsOf({ at: position }) });
  }

  /**
   * The URL of the live deals stream (`text/event-stream`) for an `EventSource`, which cannot set
   * headers: the token goes in `access_token`. `after`: the list's `position`, so no change is missed.
   */
  dealStreamUrl(query: Omit<DealListQuery, 'page' | 'pageSize' | 'sort'>, accessToken: string, after?: LogPosition): string {
    const params = paramsOf({ ...query, after, access_token: accessToken }).toString();
    return this.url(`/api/deals/stream${params ? `?${params}` : ''}`);
  }

  getTrail(processId: string): Observable<TrailEntry[]> {
    return this.http.get<TrailEntry[]>(this.url(`/api/deals/${id(processId)}/trail`));
  }

  verifyTrail(processId: string): Observable<TrailVerification> {
    return this.http.get<TrailVerification>(this.url(`/api/deals/${id(processId)}/trail/verification`));
  }

  getEvidence(processId: string): Observable<EvidencePackage> {
    return this.http.get<EvidencePackage>(this.url(`/api/deals/${id(processId)}/evidence`));
  }

  /** The evidence package as a file to save (`application/json`). */
  downloadEvidenceJson(processId: string): Observable<Blob> {
    return this.http.get(this.url(`/api/deals/${id(processId)}/evidence`), { responseType: 'blob' });
  }

  /** The signing certificate (`application/pdf`, in Russian). */
  downloadEvidencePdf(processId: string): Observable<Blob> {
    return this.http.get(this.url(`/api/deals/${id(processId)}/evidence`), { params: paramsOf({ format: 'pdf' }), responseType: 'blob' });
  }

  /** The signed copy (`application/pdf`): the documents stamped on each page, then the signing certificate (409 before signing). */
  downloadSignedCopy(processId: string): Observable<Blob> {
    return this.http.get(this.url(`/api/deals/${id(processId)}/signed-copy`), { responseType: 'blob' });
  }

  getCabinet(options?: ReadOptions): Observable<CabinetDocuments> {
    return this.http.get<CabinetDocuments>(this.url('/api/cabinet/documents'), { headers: readHeaders(options) });
  }

  getStats(query: StatsQuery = {}, options?: ReadOptions): Observable<Stats> {
    return this.http.get<Stats>(this.url('/api/stats'), { params: paramsOf({ ...query }), headers: readHeaders(options) });
  }

  /** The branch catalogue: each branch's code and the name people read. */
  listBranches(): Observable<Branch[]> {
    return this.http.get<Branch[]>(this.url('/api/branches'));
  }

  /** The company registry's answer for an INN (form autofill); 404 when unknown. */
  lookupCompany(inn: string): Observable<CompanyRecord> {
    return this.http.get<CompanyRecord>(this.url(`/api/companies/${id(inn)}`));
  }

  // ---- Operations (admin) ------------------------------------------------------------------

  listProjections(): Observable<ProjectionStatusRow[]> {
    return this.http.get<ProjectionStatusRow[]>(this.url('/api/admin/projections'));
  }

  rebuildProjection(name: string): Observable<void> {
    return this.http.post<RebuildStarted>(this.url(`/api/admin/projections/${id(name)}/rebuild`), null).pipe(map(() => undefined));
  }

  // ---- Integrations (admin) ----------------------------------------------------------------

  /** Every integration, newest first, without keys. */
  listIntegrations(): Observable<IntegrationRow[]> {
    return this.http.get<IntegrationRow[]>(this.url('/api/admin/integrations'));
  }

  /** The only answer that holds the API key (`apiKey`): show it once, keep it nowhere. */
  createIntegration(body: CreateIntegrationRequest): Observable<IntegrationCreatedAnswer> {
    return this.http.post<IntegrationCreatedAnswer>(this.url('/api/admin/integrations'), body);
  }

  /** 204: the key stops working at once. */
  revokeIntegration(integrationId: string): Observable<void> {
    return this.http.delete<void>(this.url(`/api/admin/integrations/${id(integrationId)}`));
  }

  // ---- Webhooks (admin; an integration its own) ----------------------------------------------

  listWebhooks(options?: ReadOptions): Observable<WebhookSummary[]> {
    return this.http.get<WebhookSummary[]>(this.url('/api/webhooks'), { headers: readHeaders(options) });
  }

  /** A webhook's delivery log, newest first. */
  webhookDeliveries(
    webhookId: string,
    query: { page?: number; pageSize?: number } = {},
    options?: ReadOptions,
  ): Observable<WebhookDeliveryPage> {
    return this.http.get<WebhookDeliveryPage>(this.url(`/api/webhooks/${id(webhookId)}/deliveries`), {
      params: paramsOf(query),
      headers: readHeaders(options),
    });
  }

  /** Delivers again every matching fact after `after` (a log position). */
  replayWebhook(webhookId: string, after: LogPosition): Observable<WebhookReplayAnswer> {
    return this.http.post<WebhookReplayAnswer>(this.url(`/api/webhooks/${id(webhookId)}/replay`), { after });
  }
}
