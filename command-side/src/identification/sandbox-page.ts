import type { TestPersona } from '../registries/test-personas.js';

/**
 * The simulated Gosuslugi login page, self-contained: inline CSS and JS only (no CDN, no fonts),
 * so that it works offline and under a strict CSP with a per-response nonce. Every interpolated
 * value is escaped: `requestId` and `returnUrl` come straight from the query string.
 */

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** JSON that is safe inside a `<script>` element: nothing in it can close the element. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/**
 * Only a same-origin path may be followed after identification: starting with one `/`, no
 * backslash (browsers read `/\` as `//`) and no control characters (browsers drop tabs and
 * newlines, which would turn `/\t/evil` into `//evil`).
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  return value;
}

export const pageSecurityHeaders = (nonce: string): Record<string, string> => ({
  'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
});

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f1f4f8;color:#0b1f33}
header{background:#0d4cd3;color:#fff;padding:12px 16px}header b{font-size:20px;letter-spacing:.5px}header span{opacity:.85;margin-left:8px}
.banner{background:#fff4cc;border-bottom:2px solid #e5b800;padding:10px 16px;font-weight:600}
main{max-width:720px;margin:0 auto;padding:16px}section{background:#fff;border-radius:8px;padding:16px;margin:0 0 16px;box-shadow:0 1px 3px rgba(11,31,51,.12)}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:0 0 12px}p{margin:0 0 12px}
ul{list-style:none;margin:0;padding:0}li{margin:0 0 8px}
button{font:inherit;cursor:pointer;border-radius:6px;border:1px solid #0d4cd3;padding:10px 14px;min-height:44px}
button:focus-visible,input:focus-visible{outline:3px solid #e5b800;outline-offset:2px}
.persona{width:100%;text-align:left;background:#fff;color:#0b1f33}.persona:hover{background:#eef3fd}
.persona small{display:block;color:#4b5d70}.tag{font-size:13px;color:#0b7a3a}.tag.no{color:#b3261e}
.primary{background:#0d4cd3;color:#fff}.danger{background:#fff;color:#b3261e;border-color:#b3261e;width:100%}
label{display:block;margin:0 0 12px}input[type=text]{display:block;width:100%;font:inherit;padding:10px;border:1px solid #8a9bb0;border-radius:6px;margin-top:4px}
.check{display:flex;gap:8px;align-items:center}.check input{width:22px;height:22px}
#result{min-height:1.5em;font-weight:600}#result.error{color:#b3261e}#result.ok{color:#0b7a3a}
button:disabled{opacity:.6;cursor:wait}code{word-break:break-all}
`;

/** Browser code: sends the choice, follows `returnUrl` on success, shows the answer otherwise. */
const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('sandbox-data').textContent);
  var result = document.getElementById('result');
  var buttons = function () { return document.querySelectorAll('button'); };
  function show(text, ok) { result.textContent = text; result.className = ok ? 'ok' : 'error'; }
  function busy(on) { buttons().forEach(function (b) { b.disabled = on; }); }
  function send(payload) {
    busy(true);
    show('Отправляем результат…', true);
    fetch('/sandbox/esia/' + encodeURIComponent(data.requestId) + '/complete', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload)
    }).then(function (res) {
      return res.text().then(function (text) {
        var body = null; try { body = JSON.parse(text); } catch (e) { body = null; }
        if (res.ok) {
          if (data.returnUrl) { window.location.assign(data.returnUrl); return; }
          show('Готово: результат передан (ответ ' + (body && body.callbackStatus) + '). Можно закрыть страницу.', true);
          return;
        }
        var detail = body && (body.detail || body.title) ? (body.detail || body.title) : text;
        var fields = body && Array.isArray(body.errors) ? ' — ' + body.errors.map(function (e) { return e.field + ': ' + e.message; }).join('; ') : '';
        show('Ошибка ' + res.status + ': ' + detail + fields, false);
        busy(false);
      });
    }).catch(function () { show('Сервер недоступен, попробуйте ещё раз.', false); busy(false); });
  }
  document.querySelectorAll('.persona').forEach(function (button) {
    button.addEventListener('click', function () {
      var p = data.personas[Number(button.getAttribute('data-index'))];
      send({ person: { fullName: p.fullName, inn: p.inn, snils: p.snils, confirmed: p.confirmed } });
    });
  });
  document.getElementById('manual').addEventListener('submit', function (event) {
    event.preventDefault();
    var form = event.target;
    var person = { fullName: form.fullName.value.trim(), inn: form.inn.value.trim(), confirmed: form.confirmed.checked };
    if (form.snils.value.trim()) person.snils = form.snils.value.trim();
    send({ person: person });
  });
  document.getElementById('refuse').addEventListener('click', function () {
    send({ result: 'failure', reason: 'Пользователь отказался от входа на Госуслугах (песочница)' });
  });
})();
`;

const shell = (nonce: string, title: string, body: string): string => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><header><b>госуслуги</b><span>песочница</span></header>
<div class="banner" role="note">Тестовая заглушка, а не настоящие Госуслуги: люди вымышлены, вход ничего не проверяет.</div>
<main>${body}</main></body></html>`;

export function renderSandboxPage(opts: {
  nonce: string;
  requestId: string;
  returnUrl: string | null;
  personas: readonly TestPersona[];
}): string {
  const { nonce, requestId, returnUrl, personas } = opts;
  const items = personas
    .map(
      (p, i) => `<li><button type="button" class="persona" data-index="${i}"><b>${escapeHtml(p.fullName)}</b>
<small>${escapeHtml(p.label)}</small><small>ИНН ${escapeHtml(p.inn)} · СНИЛС ${escapeHtml(p.snils)}</small>
<span class="tag${p.confirmed ? '' : ' no'}">${p.confirmed ? 'учётная запись подтверждена' : 'учётная запись НЕ подтверждена'}</span></button></li>`,
    )
    .join('\n');
  const data = {
    requestId,
    returnUrl,
    personas: personas.map(({ fullName, inn, snils, confirmed }) => ({ fullName, inn, snils, confirmed })),
  };
  return shell(
    nonce,
    'Госуслуги — песочница',
    `<section><h1>Вход через Госуслуги — песочница</h1>
<p>Запрос идентификации <code>${escapeHtml(requestId)}</code>. Выберите, кем войти: результат уйдёт в E-contract подписанным, как от настоящего компонента идентификации.</p>
${returnUrl ? '' : '<p>После выбора результат будет показан здесь (адрес возврата не задан или не принят).</p>'}
<p id="result" role="status" aria-live="polite"></p></section>
<section aria-labelledby="personas-title"><h2 id="personas-title">Тестовые пользователи</h2><ul>${items}</ul></section>
<section aria-labelledby="manual-title"><h2 id="manual-title">Другой человек</h2>
<form id="manual"><label>ФИО<input type="text" name="fullName" required autocomplete="off" placeholder="Иванов Иван Иванович"></label>
<label>ИНН (12 цифр)<input type="text" name="inn" required inputmode="numeric" pattern="\\d{12}" maxlength="12" autocomplete="off"></label>
<label>СНИЛС (необязательно)<input type="text" name="snils" inputmode="numeric" autocomplete="off" placeholder="123-456-789 01"></label>
<label class="check"><input type="checkbox" name="confirmed" checked> учётная запись подтверждена</label>
<button type="submit" class="primary">Войти</button></form></section>
<section><button type="button" id="refuse" class="danger">Отказаться / ошибка идентификации</button></section>
<script type="application/json" id="sandbox-data">${scriptJson(data)}</script>
<script nonce="${nonce}">${SCRIPT}</script>`,
  );
}

export const renderBadRequestPage = (nonce: string, message: string): string =>
  shell(nonce, 'Госуслуги — песочница: ошибка', `<section><h1>Неверная ссылка</h1><p>${escapeHtml(message)}</p></section>`);
