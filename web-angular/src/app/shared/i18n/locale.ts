import { registerLocaleData } from '@angular/common';
import localeRu from '@angular/common/locales/ru';
import { LOCALE_ID, makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';

/** Russian for Angular's own pipes (`date`, `number`, `currency`), whatever the browser's language. */
export function provideRussianLocale(): EnvironmentProviders {
  registerLocaleData(localeRu);
  return makeEnvironmentProviders([{ provide: LOCALE_ID, useValue: 'ru' }]);
}
