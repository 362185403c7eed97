// Query latency of the deals read model at 1,000,000 deals: SqliteReadStore (the embedded default)
// behind HTTP, measured from outside the server's process.
//
// Seeds 1M realistic deals (64 branches, every status, Russian titles, names and company names,
// INNs with valid check digits) through SqliteReadStore.bulkLoad — applyBatch per batch of 20,000,
// the write path of the projection runner, with the secondary indexes built once at the end — into
// a file under os.tmpdir() named by SEED_VERSION; a later run finds it and skips seeding (delete the
// file, or change SEED_VERSION, to seed again). A file of an older search index is re-indexed when
// the server opens it (about a minute, once).
//
// The server is a child process (this file with --serve): Express 5 with the query side's own
// `GET /api/deals` (`createDealRoutes` of @e-contract/query-side, called as an auditor) when it is built,
// else a small route answering `GET /api/deals?status=&branchId=&q=&sort=&page=` from findDeals.
// Each scenario sends its requests one at a time over one keep-alive connection (a different query
// per request) and reports p50/p99 latency as the client sees it, beside the time findDeals took in
// the server. The floors of the issues: p99 under 20 ms for the filtered list (pages 1 and 10), for
// the search (INN prefix, company name) and for the board typed into letter by letter (`q=ооо`, one
// letter); the exit code is 1 above them. The manager's board (the same within one branch) and a
// company name typed letter by letter are measured beside them.
//
//   npm run build --workspace projections && node bench/query.mjs [requests=1000] [deals=1000000]
import { fork } from 'node:child_process';
import http from 'node:http';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { identificationNotStarted, timelineFrom } from '@e-contract/projections';

const FLOOR_MS = 20;
const SEED_VERSION = 'v2';
const REQUESTS = Number(process.argv[2] ?? 1000);
const DEALS = Number(process.argv[3] ?? 1_000_000);
const BATCH = 20_000;

const STORE_MODULE = '@e-contract/projections/read-store';

// ---------------------------------------------------------------------------------------------
// Deterministic realistic data
// ---------------------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so every run (and the parent and the seed) sees the same data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (random, list) => list[Math.floor(random() * list.length)];
const digits = (random, n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

const INN10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const check = (body, weights) => (weights.reduce((sum, w, i) => sum + w * Number(body[i]), 0) % 11) % 10;
const REGIONS = ['77', '78', '50', '54', '66', '16', '23', '52', '63', '74', '02', '24', '61', '59', '36', '38', '55', '72', '25', '39'];
function companyInn(random) {
  const body = pick(random, REGIONS) + digits(random, 7);
  return body + check(body, INN10);
}
function personalInn(random) {
  const body = pick(random, REGIONS) + digits(random, 8);
  const eleven = body + check(body, INN11);
  return eleven + check(eleven, INN12);
}

const SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Ковалёв',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
  'Жуков',
  'Баранов',
  'Филиппов',
  'Комаров',
  'Давыдов',
  'Беляев',
  'Герасимов',
  'Богданов',
  'Осипов',
  'Сидоров',
  'Матвеев',
  'Титов',
  'Марков',
  'Миронов',
  'Крылов',
  'Куликов',
  'Карпов',
  'Власов',
  'Мельников',
  'Денисов',
  'Гаврилов',
  'Тихонов',
  'Казаков',
  'Афанасьев',
  'Данилов',
  'Савельев',
  'Тимофеев',
  'Фомин',
  'Чернов',
  'Абрамов',
  'Мартынов',
  'Ефимов',
  'Федотов',
  'Щербаков',
  'Назаров',
  'Калинин',
  'Исаев',
  'Чернышёв',
  'Быков',
  'Маслов',
];
const MALE = [
  'Александр',
  'Сергей',
  'Дмитрий',
  'Андрей',
  'Алексей',
  'Максим',
  'Евгений',
  'Иван',
  'Михаил',
  'Артём',
  'Николай',
  'Владимир',
  'Павел',
  'Роман',
  'Олег',
  'Игорь',
  'Юрий',
  'Виктор',
  'Пётр',
  'Константин',
];
const FEMALE = [
  'Анна',
  'Мария',
  'Елена',
  'Ольга',
  'Наталья',
  'Татьяна',
  'Ирина',
  'Светлана',
  'Екатерина',
  'Юлия',
  'Алёна',
  'Анастасия',
  'Дарья',
  'Марина',
  'Людмила',
  'Галина',
  'Ксения',
  'Виктория',
  'Вера',
  'Надежда',
];
const PATRONYMIC_ROOTS = [
  'Александров',
  'Сергеев',
  'Дмитриев',
  'Андреев',
  'Алексеев',
  'Иванов',
  'Михайлов',
  'Николаев',
  'Владимиров',
  'Павлов',
  'Викторов',
  'Петров',
  'Юрьев',
  'Олегов',
  'Игорев',
];
function fullName(random) {
  const male = random() < 0.55;
  const surname = pick(random, SURNAMES);
  const root = pick(random, PATRONYMIC_ROOTS);
  return male ? `${surname} ${pick(random, MALE)} ${root}ич` : `${surname}а ${pick(random, FEMALE)} ${root}на`;
}

const ADJECTIVES = [
  'Северный',
  'Южный',
  'Восточный',
  'Западный',
  'Центральный',
  'Сибирский',
  'Уральский',
  'Волжский',
  'Балтийский',
  'Приморский',
  'Новый',
  'Первый',
  'Главный',
  'Региональный',
  'Федеральный',
  'Объединённый',
  'Технический',
  'Промышленный',
  'Торговый',
  'Строительный',
  'Инженерный',
  'Транспортный',
  'Энергетический',
  'Аграрный',
  'Медицинский',
  'Цифровой',
  'Логистический',
  'Финансовый',
  'Химический',
  'Лесной',
  'Морской',
  'Горный',
  'Речной',
  'Городской',
  'Столичный',
  'Невский',
  'Донской',
  'Кубанский',
  'Алтайский',
  'Камский',
];
const NOUNS = [
  'Вектор',
  'Альянс',
  'Ресурс',
  'Партнёр',
  'Стандарт',
  'Капитал',
  'Проект',
  'Сервис',
  'Импульс',
  'Горизонт',
  'Меридиан',
  'Гарант',
  'Монолит',
  'Форпост',
  'Континент',
  'Синтез',
  'Базис',
  'Прогресс',
  'Союз',
  'Профиль',
  'Спектр',
  'Квант',
  'Атлант',
  'Легион',
  'Магистраль',
  'Регион',
  'Терминал',
  'Фактор',
  'Элемент',
  'Эталон',
  'Оптима',
  'Велес',
  'Ладога',
  'Байкал',
  'Енисей',
  'Ангара',
  'Таймыр',
  'Кристалл',
  'Гранит',
  'Янтарь',
  'Аврора',
  'Заря',
  'Рассвет',
  'Берёзка',
  'Ромашка',
  'Сокол',
  'Беркут',
  'Орион',
  'Полюс',
  'Арсенал',
];
const FORMS = ['ООО', 'ООО', 'ООО', 'АО', 'ПАО'];
const COMPANIES = 50_000;

/** The company pool: shared by the seed and by the parent, which picks search terms from it. */
function companies() {
  const random = prng(1);
  return Array.from({ length: COMPANIES }, () => {
    const adjective = pick(random, ADJECTIVES);
    const noun = pick(random, NOUNS);
    return {
      name: `${pick(random, FORMS)} «${noun} ${adjective}»`,
      words: `${noun} ${adjective}`,
      inn: companyInn(random),
      director: fullName(random),
    };
  });
}

const STATUSES = [
  ['created', 2],
  ['invited', 10],
  ['identifying', 3],
  ['identification_failed', 2],
  ['identified', 3],
  ['edo_accepted', 2],
  ['code_sent', 3],
  ['signed', 15],
  ['archived', 40],
  ['declined', 5],
  ['cancelled', 7],
  ['expired', 8],
];
const STATUS_WHEEL = STATUSES.flatMap(([status, weight]) => Array(weight).fill(status));
const BRANCHES = Array.from({ length: 64 }, (_, i) => `branch-${String(i + 1).padStart(2, '0')}`);
const KINDS = ['contract', 'contract', 'contract', 'act', 'act', 'supplementary_agreement'];
const TITLES = {
  contract: ['Договор поставки', 'Договор оказания услуг', 'Договор подряда', 'Договор аренды', 'Договор купли-продажи', 'Договор займа'],
  act: ['Акт выполненных работ', 'Акт сверки взаимных расчётов', 'Акт приёма-передачи', 'Акт оказанных услуг'],
  supplementary_agreement: ['Дополнительное соглашение', 'Соглашение о расторжении', 'Дополнительное соглашение об изменении цены'],
};
const EPOCH = Date.parse('2024-01-01T00:00:00.000Z');
const SPAN = 2 * 365 * 86_400_000;

function dealAt(i, random, pool) {
  const createdMs = EPOCH + Math.floor((i / DEALS) * SPAN) + Math.floor(random() * 3_600_000);
  const updatedMs = createdMs + Math.floor(random() * 3 * 86_400_000);
  const created = new Date(createdMs).toISOString();
  const kind = pick(random, KINDS);
  const roll = random();
  const company = pick(random, pool);
  let signer;
  if (roll < 0.6)
    signer = {
      type: 'legal_entity',
      fullName: company.director,
      inn: company.inn,
      companyName: company.name,
      phone: `+79${digits(random, 9)}`,
    };
  else {
    const name = fullName(random);
    const [surname, first, patronymic] = name.split(' ');
    const type = roll < 0.75 ? 'sole_proprietor' : roll < 0.85 ? 'self_employed' : 'individual';
    signer = { type, fullName: name, inn: personalInn(random), phone: `+79${digits(random, 9)}` };
    if (type === 'sole_proprietor') signer.companyName = `ИП ${surname} ${first[0]}. ${patronymic[0]}.`;
  }
  const branchId = pick(random, BRANCHES);
  const managerId = `${branchId}-manager-${1 + Math.floor(random() * 6)}`;
  const status = pick(random, STATUS_WHEEL);
  const number = `${1 + Math.floor(random() * 9999)}/${created.slice(2, 4)}`;
  const processId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    processId,
    status,
    kind,
    title: `${pick(random, TITLES[kind])} № ${number}`,
    signer,
    manager: { id: managerId, name: fullName(random) },
    branchId,
    documents: [{ documentId: `doc-${i}`, title: 'Основной документ', fileName: 'document.pdf', sha256: 'a'.repeat(64), size: 183_412 }],
    createdAt: created,
    updatedAt: new Date(updatedMs).toISOString(),
    expiresAt: new Date(createdMs + 7 * 86_400_000).toISOString(),
    timeline: { ...timelineFrom(created), invited: created },
    identification: identificationNotStarted(),
    edoAgreement: null,
    signature: null,
    archive: null,
    endReason: null,
    revision: 1,
    position: String(i + 1),
  };
}

/** The seed goes through applyBatch with this fold: each event carries its deal whole. */
const seedProjection = {
  name: 'deals',
  handles: ['BenchDealSeeded'],
  keyOf: (event) => event.data.processId,
  evolve: (_view, event) => event.data,
};

async function seed(path) {
  const { SqliteReadStore } = await import(STORE_MODULE);
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  const store = new SqliteReadStore(partial);
  const pool = companies();
  const random = prng(2);
  const started = process.hrtime.bigint();
  function* batches() {
    for (let from = 0; from < DEALS; from += BATCH) {
      const events = [];
      for (let i = from; i < Math.min(from + BATCH, DEALS); i++) {
        const deal = dealAt(i, random, pool);
        events.push({
          eventId: `e-${i}`,
          streamId: `signing-${deal.processId}`,
          revision: 1,
          position: deal.position,
          type: 'BenchDealSeeded',
          data: deal,
          metadata: {},
        });
      }
      yield events;
      if ((from / BATCH) % 10 === 9) process.stdout.write(`  seeded ${from + events.length} deals, ${seconds(started).toFixed(0)} s\n`);
    }
  }
  // bulkLoad: applyBatch per batch, with the secondary indexes built once at the end.
  await store.bulkLoad(seedProjection, batches());
  process.stdout.write(`  indexes built, ${seconds(started).toFixed(0)} s\n`);
  await store.close(); // checkpoints the WAL into the file
  renameSync(partial, path);
  return seconds(started);
}

const seconds = (started) => Number(process.hrtime.bigint() - started) / 1e9;

// ---------------------------------------------------------------------------------------------
// The server (child process)
// ---------------------------------------------------------------------------------------------

async function serve(path) {
  const { SqliteReadStore } = await import(STORE_MODULE);
  const store = new SqliteReadStore(path);
  const { default: express } = await import('express');
  // Requests come one at a time: the last findDeals' duration is that request's.
  let dbMs = 0;
  const timed = {
    checkpoint: (name) => store.checkpoint(name),
    findDeals: async (query) => {
      const started = process.hrtime.bigint();
      try {
        return await store.findDeals(query);
      } finally {
        dbMs = Number(process.hrtime.bigint() - started) / 1e6;
      }
    },
  };
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body) => {
      res.set('Server-Timing', `db;dur=${dbMs.toFixed(3)}`);
      if (typeof body?.total === 'number') res.set('X-Total', String(body.total));
      if (body?.totalIsEstimate === true) res.set('X-Total-Is-Estimate', 'true');
      return json(body);
    };
    next();
  });
  const routes = await import('@e-contract/query-side').catch(() => null);
  let served;
  if (routes) {
    // The query side's own GET /api/deals (parameter parsing, branch scope, position), called as an
    // auditor; the bench replaces only the authentication in front of it.
    app.use((_req, res, next) => {
      res.locals.auth = { id: 'bench-auditor', name: 'Bench Auditor', role: 'auditor' };
      next();
    });
    const progress = { checkpoint: (name) => store.checkpoint(name), waitFor: async () => true };
    app.use(routes.createDealRoutes({ readStore: timed, progress }));
    served = 'query-side createDealRoutes';
  } else {
    const list = (value) => (typeof value === 'string' && value.length > 0 ? value.split(',') : undefined);
    const text = (value) => (typeof value === 'string' && value.length > 0 ? value : undefined);
    app.get('/api/deals', async (req, res) => {
      const sort = text(req.query.sort) ?? '-updatedAt';
      const page = Number(req.query.page ?? 1);
      const pageSize = Number(req.query.pageSize ?? 20);
      const position = (await store.checkpoint('deals')) ?? '0';
      const query = { sort: { field: sort.replace(/^-/, ''), descending: sort.startsWith('-') }, page, pageSize };
      for (const [key, value] of [
        ['status', list(req.query.status)],
        ['branchId', text(req.query.branchId)],
        ['q', text(req.query.q)],
      ]) {
        if (value !== undefined) query[key] = value;
      }
      const answer = await timed.findDeals(query);
      res.json({
        items: answer.items,
        total: answer.total,
        ...(answer.totalIsEstimate ? { totalIsEstimate: true } : {}),
        page,
        pageSize,
        position,
      });
    });
    served = 'the bench route';
  }
  const server = app.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port, served }));
  process.on('message', async (message) => {
    if (message === 'stop') {
      server.close();
      await store.close();
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The measurement (parent)
// ---------------------------------------------------------------------------------------------

/**
 * Sends the requests one at a time over one keep-alive connection and times each from the first
 * byte sent to the last byte received (process.hrtime, so sub-millisecond). The server adds a
 * `Server-Timing: db;dur=…` header with the time findDeals took.
 */
async function measure(port, name, paths) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path) =>
    new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      http
        .get({ host: '127.0.0.1', port, path, agent }, (res) => {
          let bytes = 0;
          res.on('data', (chunk) => (bytes += chunk.length));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const db = Number(/dur=([\d.]+)/.exec(res.headers['server-timing'] ?? '')?.[1] ?? NaN);
            const total = Number(res.headers['x-total'] ?? NaN);
            resolve({ ms, db, ok: res.statusCode === 200, bytes, total, estimate: res.headers['x-total-is-estimate'] === 'true' });
          });
        })
        .on('error', reject);
    });
  for (const path of paths.slice(0, 100)) await get(path); // warm-up
  const samples = [];
  for (let i = 0; i < REQUESTS; i++) samples.push(await get(paths[i % paths.length]));
  agent.destroy();
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const db = samples.map((s) => s.db).sort((a, b) => a - b);
  const totals = samples.map((s) => s.total).sort((a, b) => a - b);
  return {
    scenario: name,
    requests: samples.length,
    'p50 ms': round(percentile(ms, 50)),
    'p99 ms': round(percentile(ms, 99)),
    'max ms': round(ms.at(-1)),
    'db p50': round(percentile(db, 50)),
    'db p99': round(percentile(db, 99)),
    'median total': percentile(totals, 50),
    'total ≥ cap': samples.filter((s) => s.estimate).length,
    'KiB/answer': round(samples.reduce((sum, s) => sum + s.bytes, 0) / samples.length / 1024, 1),
    failures: samples.filter((s) => !s.ok).length,
  };
}
/** Nearest-rank percentile of sorted values. */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const round = (value, digits = 2) => Number(value.toFixed(digits));

function scenarios() {
  const random = prng(3);
  const pool = companies();
  const statuses = STATUSES.map(([status]) => status);
  const query = (params) => `/api/deals?${new URLSearchParams(params)}`;
  const n = Math.max(REQUESTS, 200);
  const filtered = (page) =>
    Array.from({ length: n }, () =>
      query({ status: pick(random, statuses), branchId: pick(random, BRANCHES), sort: '-updatedAt', page: String(page) }),
    );
  return [
    ['(a) status + branch, -updatedAt, page 1', filtered(1)],
    ['(b) status + branch, -updatedAt, page 10', filtered(10)],
    ['(c) q = INN prefix (6 digits)', Array.from({ length: n }, () => query({ q: pick(random, pool).inn.slice(0, 6) }))],
    ['(d) q = company name (2 words)', Array.from({ length: n }, () => query({ q: pick(random, pool).words }))],
    ['(e) q = full INN', Array.from({ length: n }, () => query({ q: pick(random, pool).inn }))],
    ['(f) q = surname + first name', Array.from({ length: n }, () => query({ q: fullName(random).split(' ').slice(0, 2).join(' ') }))],
    [
      '(g) q = one common word + branch',
      Array.from({ length: n }, () => query({ q: pick(random, NOUNS), branchId: pick(random, BRANCHES) })),
    ],
    // The board typed into letter by letter: the legal form almost every company has, and the first
    // letter of any word (rare letters match a few thousand deals, common ones most of them).
    ['(h) q = ооо', Array.from({ length: n }, () => query({ q: 'ооо', page: String(1 + Math.floor(random() * 3)) }))],
    ['(i) q = one letter', Array.from({ length: n }, () => query({ q: pick(random, LETTERS) }))],
    ['(j) q = ооо + branch', Array.from({ length: n }, () => query({ q: 'ооо', branchId: pick(random, BRANCHES) }))],
    ['(k) q = one letter + branch', Array.from({ length: n }, () => query({ q: pick(random, LETTERS), branchId: pick(random, BRANCHES) }))],
    [
      '(l) company name typed + branch',
      Array.from({ length: n }, () => {
        const words = pick(random, pool).words.toLowerCase();
        return query({ q: words.slice(0, 1 + Math.floor(random() * words.length)), branchId: pick(random, BRANCHES) });
      }),
    ],
  ];
}

/** First letters a search box sees (ё, й, ъ, ы, ь start no word here). */
const LETTERS = [...'абвгдежзиклмнопрстуфхцчшщэюя'];

async function main() {
  const path = join(tmpdir(), `e-contract-bench-query-${SEED_VERSION}-${DEALS}.sqlite`);
  if (existsSync(path)) console.log(`seed: reusing ${path} (${(statSync(path).size / 2 ** 20).toFixed(0)} MiB)`);
  else {
    console.log(`seed: ${DEALS} deals into ${path} …`);
    const took = await seed(path);
    console.log(
      `seed: ${DEALS} deals in ${took.toFixed(1)} s (${Math.round(DEALS / took)}/s), ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`,
    );
  }

  const server = fork(fileURLToPath(import.meta.url), ['--serve', path], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port, served } = await new Promise((resolve, reject) => {
    server.once('message', resolve);
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  const rows = [];
  const loadBefore = loadavg();
  try {
    for (const [name, paths] of scenarios()) rows.push(await measure(port, name, paths));
  } finally {
    server.send('stop');
  }
  const loadAfter = loadavg();
  console.log(
    `${DEALS} deals, SqliteReadStore behind Express 5 and ${served}, ${REQUESTS} sequential requests per scenario (latency: client-side; db: findDeals + checkpoint in the server)`,
  );
  console.log(
    `${cpus().length} CPUs, load average (1/5/15 min) ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after`,
  );
  console.table(rows);
  const p99 = (prefix) => rows.find((row) => row.scenario.startsWith(prefix))['p99 ms'];
  const q = Math.max(p99('(c)'), p99('(d)'));
  const board = Math.max(p99('(h)'), p99('(i)'));
  const worst = Math.max(p99('(a)'), p99('(b)'), q, board);
  const failures = rows.reduce((sum, row) => sum + row.failures, 0);
  console.log(
    `query: p99 page1 ${p99('(a)')} ms, page10 ${p99('(b)')} ms, q ${q} ms, ооо ${p99('(h)')} ms, one letter ${p99('(i)')} ms (floor ${FLOOR_MS} ms)` +
      (worst < FLOOR_MS ? '' : '  ABOVE FLOOR') +
      (failures > 0 ? `  ${failures} FAILED REQUESTS` : ''),
  );
  process.exitCode = worst < FLOOR_MS && failures === 0 ? 0 : 1;
}

if (process.argv[2] === '--serve') await serve(process.argv[3]);
else await main();
