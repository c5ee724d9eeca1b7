// Static imports with attributes: the outbox worker runs in the server's bundle and, alone, under plain Node
// (`npm run worker`), where Vite's import.meta.glob (src/i18n/translate.ts) does not exist.
import sv_messages from '../../locales/sv/messages.json' with { type: 'json' };
import lattlast_messages from '../../locales/lattlast/messages.json' with { type: 'json' };
import en_messages from '../../locales/en/messages.json' with { type: 'json' };
import ar_messages from '../../locales/ar/messages.json' with { type: 'json' };
import fa_messages from '../../locales/fa/messages.json' with { type: 'json' };
import prs_messages from '../../locales/prs/messages.json' with { type: 'json' };
import so_messages from '../../locales/so/messages.json' with { type: 'json' };
import ti_messages from '../../locales/ti/messages.json' with { type: 'json' };
import fi_messages from '../../locales/fi/messages.json' with { type: 'json' };
import uk_messages from '../../locales/uk/messages.json' with { type: 'json' };
import ku_messages from '../../locales/ku/messages.json' with { type: 'json' };
import ru_messages from '../../locales/ru/messages.json' with { type: 'json' };
import sv_booking from '../../locales/sv/booking.json' with { type: 'json' };
import lattlast_booking from '../../locales/lattlast/booking.json' with { type: 'json' };
import en_booking from '../../locales/en/booking.json' with { type: 'json' };
import ar_booking from '../../locales/ar/booking.json' with { type: 'json' };
import fa_booking from '../../locales/fa/booking.json' with { type: 'json' };
import prs_booking from '../../locales/prs/booking.json' with { type: 'json' };
import so_booking from '../../locales/so/booking.json' with { type: 'json' };
import ti_booking from '../../locales/ti/booking.json' with { type: 'json' };
import fi_booking from '../../locales/fi/booking.json' with { type: 'json' };
import uk_booking from '../../locales/uk/booking.json' with { type: 'json' };
import ku_booking from '../../locales/ku/booking.json' with { type: 'json' };
import ru_booking from '../../locales/ru/booking.json' with { type: 'json' };
import sv_content from '../../locales/sv/content.json' with { type: 'json' };
import lattlast_content from '../../locales/lattlast/content.json' with { type: 'json' };
import en_content from '../../locales/en/content.json' with { type: 'json' };
import ar_content from '../../locales/ar/content.json' with { type: 'json' };
import fa_content from '../../locales/fa/content.json' with { type: 'json' };
import prs_content from '../../locales/prs/content.json' with { type: 'json' };
import so_content from '../../locales/so/content.json' with { type: 'json' };
import ti_content from '../../locales/ti/content.json' with { type: 'json' };
import fi_content from '../../locales/fi/content.json' with { type: 'json' };
import uk_content from '../../locales/uk/content.json' with { type: 'json' };
import ku_content from '../../locales/ku/content.json' with { type: 'json' };
import ru_content from '../../locales/ru/content.json' with { type: 'json' };
import { defaultLocale, isLocale, type Locale } from '../i18n/locales.ts';

type Strings = Record<string, string>;
const messages: Record<Locale, Strings> = { sv: sv_messages, lattlast: lattlast_messages, en: en_messages, ar: ar_messages, fa: fa_messages, prs: prs_messages, so: so_messages, ti: ti_messages, fi: fi_messages, uk: uk_messages, ku: ku_messages, ru: ru_messages };
const booking: Record<Locale, Strings> = { sv: sv_booking, lattlast: lattlast_booking, en: en_booking, ar: ar_booking, fa: fa_booking, prs: prs_booking, so: so_booking, ti: ti_booking, fi: fi_booking, uk: uk_booking, ku: ku_booking, ru: ru_booking };
const content: Record<Locale, Strings> = { sv: sv_content, lattlast: lattlast_content, en: en_content, ar: ar_content, fa: fa_content, prs: prs_content, so: so_content, ti: ti_content, fi: fi_content, uk: uk_content, ku: ku_content, ru: ru_content };

/** The strings a message is written with: its own templates, and the booking pages' and content's words it shares. */
export type MessageKey = keyof typeof sv_messages | `booking:${keyof typeof sv_booking}` | `content:${keyof typeof sv_content}`;

/**
 * A message's string in the locale, Swedish where the locale lacks it (the
 * parity test keeps that rare), and an error rather than a raw key.
 */
export function messageString(locale: string, key: MessageKey, values: Record<string, string> = {}): string {
  const [ns, name] = key.includes(':') ? (key.split(':') as [string, string]) : ['messages', key];
  const table = ns === 'booking' ? booking : ns === 'content' ? content : messages;
  const lang = isLocale(locale) ? locale : defaultLocale;
  const template = table[lang][name] ?? table[defaultLocale][name];
  if (template === undefined) throw new Error(`message string missing in every locale: ${key}`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, v: string) => values[v] ?? '');
}
