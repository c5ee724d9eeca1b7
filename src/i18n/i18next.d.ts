import type booking from '../../locales/sv/booking.json';
import type common from '../../locales/sv/common.json';
import type content from '../../locales/sv/content.json';
import type home from '../../locales/sv/home.json';
import type questionnaire from '../../locales/sv/questionnaire.json';
import type search from '../../locales/sv/search.json';
import type staff from '../staff/locales/sv.json';

// Keys are typed from the Swedish source: a key that sv lacks does not compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    keySeparator: false;
    nsSeparator: false;
    resources: {
      common: typeof common;
      home: typeof home;
      content: typeof content;
      questionnaire: typeof questionnaire;
      search: typeof search;
      booking: typeof booking;
      /** The staff workspace's own strings (sv and en only, src/staff/i18n.ts). */
      staff: typeof staff;
    };
  }
}
