import type { EmployeeRole, ProcessKind, ProcessStatus, SignerType } from '@e-contract/contracts/validation';

/**
 * The one message catalogue: every text the UI shows, in Russian whatever the browser's language.
 * Components expose it to templates (`protected readonly t = MESSAGES`); parameterised texts are
 * functions. Field-error and problem texts are looked up by their stable codes (see `problem-text.ts`).
 */
export const MESSAGES = {
  app: {
    name: 'E-contract',
    tagline: 'Дистанционное подписание документов простой электронной подписью',
    skipToContent: 'Перейти к содержимому',
    mainNavigation: 'Основная навигация',
    loading: 'Загрузка…',
    saving: 'Сохранение…',
    empty: 'Ничего не найдено',
    notAvailable: '—',
    placeholder: 'Раздел готовится',
  },

  nav: {
    board: 'Сделки',
    allDeals: 'Все сделки',
    newDeal: 'Новый запрос',
    kpi: 'Показатели',
    projections: 'Проекции',
    cabinet: 'Мои документы',
  },

  role: {
    manager: 'Менеджер',
    auditor: 'Аудитор',
    admin: 'Администратор',
    signer: 'Подписант',
    system: 'Система',
  } satisfies Record<EmployeeRole | 'signer' | 'system', string>,

  status: {
    created: 'Создан',
    invited: 'Приглашение отправлено',
    identifying: 'Идёт идентификация',
    identification_failed: 'Идентификация не пройдена',
    identified: 'Идентифицирован',
    edo_accepted: 'Соглашение об ЭДО принято',
    code_sent: 'Код отправлен',
    signed: 'Подписан',
    archived: 'В архиве',
    declined: 'Отклонён',
    cancelled: 'Отменён',
    expired: 'Срок истёк',
  } satisfies Record<ProcessStatus, string>,

  kind: {
    contract: 'Договор',
    act: 'Акт',
    supplementary_agreement: 'Дополнительное соглашение',
  } satisfies Record<ProcessKind, string>,

  signerType: {
    legal_entity: 'Юридическое лицо',
    sole_proprietor: 'Индивидуальный предприниматель',
    self_employed: 'Самозанятый',
    individual: 'Физическое лицо',
  } satisfies Record<SignerType, string>,

  /** Cabinet buckets. */
  cabinetBucket: {
    awaiting: 'Ожидают подписания',
    signed: 'Подписанные',
    closed: 'Закрытые',
  },

  action: {
    login: 'Войти',
    logout: 'Выйти',
    save: 'Сохранить',
    cancel: 'Отмена',
    close: 'Закрыть',
    back: 'Назад',
    next: 'Далее',
    retry: 'Повторить',
    search: 'Найти',
    reset: 'Сбросить',
    create: 'Создать',
    send: 'Отправить',
    upload: 'Загрузить',
    download: 'Скачать',
    open: 'Открыть',
    sign: 'Подписать',
    decline: 'Отказаться от подписания',
    cancelDeal: 'Отменить процесс',
    reinvite: 'Отправить приглашение повторно',
    startIdentification: 'Пройти идентификацию на Госуслугах',
    acceptEdo: 'Принять соглашение',
    requestCode: 'Получить код',
    requestNewCode: 'Получить новый код',
    downloadEvidenceJson: 'Скачать доказательства (JSON)',
    downloadEvidencePdf: 'Скачать сертификат (PDF)',
    verifyChain: 'Проверить цепочку',
    rebuild: 'Перестроить',
    toHome: 'На главную',
  },

  field: {
    login: 'Логин',
    password: 'Пароль',
    title: 'Название',
    kind: 'Вид документа',
    documents: 'Документы',
    documentTitle: 'Название документа',
    signerType: 'Тип подписанта',
    fullName: 'ФИО',
    directorFullName: 'ФИО руководителя',
    inn: 'ИНН',
    ogrn: 'ОГРН',
    ogrnip: 'ОГРНИП',
    companyName: 'Наименование организации',
    phone: 'Мобильный телефон',
    email: 'Электронная почта',
    expiresAt: 'Срок подписания',
    reason: 'Причина',
    code: 'Код из SMS',
    status: 'Статус',
    branch: 'Филиал',
    manager: 'Менеджер',
    createdAt: 'Создан',
    updatedAt: 'Изменён',
    signedAt: 'Подписан',
    query: 'Поиск',
    createdFrom: 'Создан с',
    createdTo: 'Создан по',
  },

  login: {
    heading: 'Вход для сотрудников',
    hint: 'Подписанту не нужен вход: откройте ссылку из SMS или письма.',
    submitting: 'Вход…',
    wrongCredentials: 'Неверный логин или пароль',
    sessionExpired: 'Сеанс истёк, войдите снова.',
    loggedOut: 'Вы вышли из системы.',
  },

  sessionEnded: {
    heading: 'Сеанс завершён',
    text: 'Чтобы вернуться к документам, откройте ссылку из SMS или письма ещё раз.',
  },

  notFound: {
    heading: 'Страница не найдена',
    text: 'Такой страницы нет. Проверьте адрес или вернитесь на главную.',
  },

  /** Texts of client-side checks and of the server's field-error codes (`errors[].code`). */
  fieldError: {
    required: 'Заполните поле',
    minlength: 'Слишком коротко',
    maxlength: 'Слишком длинно',
    email: 'Неверный адрес электронной почты',
    pattern: 'Неверный формат',
    // server-side (class-validator constraint names and the contracts' own rules)
    isString: 'Заполните поле',
    isNotEmpty: 'Заполните поле',
    length: 'Недопустимая длина',
    isIn: 'Выберите значение из списка',
    isEmail: 'Неверный адрес электронной почты',
    isUuid: 'Неверный идентификатор',
    isISO8601: 'Неверная дата',
    isArray: 'Неверный список',
    arrayMinSize: 'Добавьте хотя бы один документ',
    arrayMaxSize: 'Не больше 20 документов',
    matches: 'Неверный формат',
    nestedValidation: 'Проверьте заполнение',
    full_name: 'Укажите фамилию и имя (не меньше двух слов, кириллица или латиница)',
    russian_mobile: 'Неверный номер: нужен российский мобильный, например +7 900 123-45-67',
    company_inn: 'Неверный ИНН организации: 10 цифр, проверьте контрольную цифру',
    personal_inn: 'Неверный ИНН физического лица: 12 цифр, проверьте контрольные цифры',
    signer_inn: 'Неверный ИНН: проверьте контрольные цифры',
    signer_ogrn: 'Неверный ОГРН (13 цифр) или ОГРНИП (15 цифр): проверьте контрольную цифру',
    ogrn: 'Неверный ОГРН: 13 цифр, проверьте контрольную цифру',
    ogrnip: 'Неверный ОГРНИП: 15 цифр, проверьте контрольную цифру',
    invalid: 'Неверное значение',
  } as Record<string, string>,

  /** A field's own text for a code, where the general one would be vague (`field` → `code` → text). */
  fieldErrorOf: {
    code: { matches: 'Введите 6 цифр из SMS', pattern: 'Введите 6 цифр из SMS' },
    login: { required: 'Введите логин' },
    password: { required: 'Введите пароль' },
  } as Record<string, Record<string, string>>,

  /** Texts of API problems by their `code` (the last segment of the problem `type`). */
  problem: {
    network: 'Нет связи с сервером. Проверьте подключение и повторите.',
    'client-error': 'Что-то пошло не так. Обновите страницу и повторите.',
    validation: 'Проверьте выделенные поля.',
    'malformed-json': 'Сервер не понял запрос. Обновите страницу и повторите.',
    unauthorized: 'Нужно войти заново.',
    forbidden: 'Недостаточно прав для этого действия.',
    'not-found': 'Не найдено.',
    'too-large': 'Файл слишком большой: не больше 20 МБ.',
    'unsupported-media-type': 'Это не PDF. Загрузите документ в формате PDF.',
    'rate-limited': 'Слишком много попыток. Повторите позже.',
    'process-not-found': 'Процесс подписания не найден.',
    'process-exists': 'Такой процесс уже создан.',
    'step-out-of-order': 'Этот шаг сейчас недоступен: обновите страницу.',
    'process-ended': 'Процесс подписания завершён.',
    'edo-already-accepted': 'Соглашение об ЭДО уже принято.',
    'edo-version-not-current': 'Соглашение обновилось: прочитайте новую редакцию.',
    'identification-tries-exhausted': 'Попытки идентификации исчерпаны: процесс закрыт.',
    'identification-request-reused': 'Результат этой идентификации уже получен.',
    'identity-provider-unavailable': 'Сервис идентификации недоступен. Повторите позже.',
    'code-rejected': 'Неверный код.',
    'code-expired': 'Код истёк или попытки исчерпаны: запросите новый код.',
    'code-rate-limited': 'Слишком много кодов за час. Повторите позже.',
    'code-not-sent': 'Сначала запросите код.',
    'concurrency-conflict': 'Процесс только что изменился: обновите страницу и повторите.',
    'revision-mismatch': 'Процесс изменился, пока вы смотрели: обновите страницу.',
    'idempotency-key-reused': 'Запрос уже отправлен с другими данными.',
    'registry-unavailable': 'Реестр не отвечает. Повторите позже.',
    'rebuild-in-progress': 'Проекция уже перестраивается.',
  } as Record<string, string>,

  /** By HTTP status, when the code has no text of its own. */
  problemByStatus: {
    400: 'Проверьте введённые данные.',
    401: 'Нужно войти заново.',
    403: 'Недостаточно прав для этого действия.',
    404: 'Не найдено.',
    409: 'Этот шаг сейчас недоступен: обновите страницу.',
    412: 'Процесс изменился: обновите страницу.',
    413: 'Файл слишком большой.',
    415: 'Неподдерживаемый формат файла.',
    422: 'Запрос отклонён.',
    429: 'Слишком много попыток. Повторите позже.',
    500: 'Ошибка сервера. Повторите позже.',
    503: 'Сервис временно недоступен. Повторите позже.',
    504: 'Сервер не успел ответить. Повторите.',
  } as Record<number, string>,

  /** 429 with `retryAfter`: the first half of «…, повторите через N мин.» by problem code. */
  rateLimited: {
    'rate-limited': 'Слишком много попыток',
    'code-rate-limited': 'Слишком много кодов за час',
  } as Record<string, string>,
  retryIn: (what: string, minutes: number) => `${what}, повторите через ${minutes} мин.`,
  attemptsLeft: (n: number) => `Осталось попыток: ${n}.`,
} as const;

export type Messages = typeof MESSAGES;
