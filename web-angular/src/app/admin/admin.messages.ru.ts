/** The projections page's texts the shared catalogue lacks. */
export const ADMIN_MESSAGES = {
  heading: 'Проекции (модели чтения)',
  intro: 'Положение каждой модели чтения в журнале событий. Перестройка идёт, пока система продолжает работать.',
  column: {
    name: 'Модель чтения',
    position: 'Позиция',
    lag: 'Отставание',
    status: 'Состояние',
    actions: 'Действия',
  },
  lag: (n: number) => `${n} соб.`,
  progress: (percent: number) => `Перестройка: ${percent} %`,
  projection: {
    deals: 'Сделки',
    audit_trail: 'Журнал событий',
    cabinet: 'Кабинет подписанта',
    stats: 'Показатели',
  } as Record<string, string>,
  status: {
    catching_up: 'Догоняет',
    live: 'В работе',
    running: 'В работе',
    idle: 'Не запущена',
    retrying: 'Повтор после ошибки',
    rebuilding: 'Перестраивается',
    stopped: 'Остановлена',
  } as Record<string, string>,
} as const;
