import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { isApiProblem, type ApiProblem } from '../../shared/api/api-problem';
import { problemInterceptor } from './problem.interceptor';

describe('problemInterceptor', () => {
  let http: HttpClient;
  let controller: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([problemInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => controller.verify());

  const failure = (request: Promise<unknown>): Promise<ApiProblem> =>
    request.then(
      () => fail('expected an error') as never,
      (error: unknown) => {
        expect(isApiProblem(error)).withContext('an ApiProblem').toBeTrue();
        return error as ApiProblem;
      },
    );

  it('maps a validation problem with its field errors', async () => {
    const pending = failure(firstValueFrom(http.post('/api/signing-processes', {})));
    controller.expectOne('/api/signing-processes').flush(
      {
        type: 'https://e-contract.dev/problems/validation',
        title: 'Invalid request',
        status: 400,
        detail: '1 field(s) failed validation: signer.inn',
        errors: [{ field: 'signer.inn', message: 'must be a valid INN', code: 'signer_inn' }],
      },
      { status: 400, statusText: 'Bad Request', headers: { 'Content-Type': 'application/problem+json' } },
    );
    expect(await pending).toEqual({
      status: 400,
      type: 'https://e-contract.dev/problems/validation',
      code: 'validation',
      title: 'Invalid request',
      detail: '1 field(s) failed validation: signer.inn',
      errors: [{ field: 'signer.inn', message: 'must be a valid INN', code: 'signer_inn' }],
    });
  });

  it('keeps attemptsLeft and expired of a rejected code', async () => {
    const pending = failure(firstValueFrom(http.post('/api/signing-processes/p/signature', { code: '000000' })));
    controller.expectOne('/api/signing-processes/p/signature').flush(
      {
        type: 'https://e-contract.dev/problems/code-rejected',
        title: 'Wrong code',
        status: 422,
        detail: 'x',
        attemptsLeft: 0,
        expired: true,
      },
      { status: 422, statusText: 'Unprocessable' },
    );
    const problem = await pending;
    expect(problem.code).toBe('code-rejected');
    expect(problem.attemptsLeft).toBe(0);
    expect(problem.expired).toBeTrue();
  });

  it('reads Retry-After when the body does not say', async () => {
    const pending = failure(firstValueFrom(http.post('/api/auth/login', {})));
    controller.expectOne('/api/auth/login').flush(
      { type: 'https://e-contract.dev/problems/rate-limited', status: 429, title: '', detail: '' },
      {
        status: 429,
        statusText: 'Too Many Requests',
        headers: { 'Retry-After': '540' },
      },
    );
    expect((await pending).retryAfter).toBe(540);
  });

  it('reads the problem of a download (a Blob body)', async () => {
    const pending = failure(firstValueFrom(http.get('/api/deals/p/evidence', { responseType: 'blob' })));
    const body = new Blob(
      [JSON.stringify({ type: 'https://e-contract.dev/problems/forbidden', status: 403, title: 'Forbidden', detail: 'no' })],
      {
        type: 'application/problem+json',
      },
    );
    controller.expectOne('/api/deals/p/evidence').flush(body, { status: 403, statusText: 'Forbidden' });
    const problem = await pending;
    expect(problem.status).toBe(403);
    expect(problem.code).toBe('forbidden');
  });

  it('names a network failure and a body that is not problem+json', async () => {
    const offline = failure(firstValueFrom(http.get('/api/deals')));
    controller.expectOne('/api/deals').error(new ProgressEvent('error'), { status: 0, statusText: '' });
    expect((await offline).code).toBe('network');

    const proxy = failure(firstValueFrom(http.get('/api/stats')));
    controller.expectOne('/api/stats').flush('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    const problem = await proxy;
    expect(problem.status).toBe(502);
    expect(problem.code).toBe('http-502');
  });
});
