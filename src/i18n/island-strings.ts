import type booking from '../../locales/sv/booking.json';
import type questionnaire from '../../locales/sv/questionnaire.json';
import type search from '../../locales/sv/search.json';
import { fill } from './fill';

/**
 * The strings an island gets as props, keyed as the Swedish source is (as
 * the pages' keys are typed in i18next.d.ts): a key sv lacks does not compile.
 */
export interface IslandNamespaces {
  booking: typeof booking;
  questionnaire: typeof questionnaire;
  search: typeof search;
}
export type IslandNamespace = keyof IslandNamespaces;
export type StringKey<N extends IslandNamespace> = keyof IslandNamespaces[N] & string;
export type Strings<N extends IslandNamespace> = Record<StringKey<N>, string>;

type Values = Record<string, string | number>;

/**
 * say(key, values): a typed key's string, placeholders filled. Keys built at
 * run time from content or codes (q.{question}.legend, error.{field}.{code})
 * go through say.first, which takes the first that exists, else a typed fallback.
 */
export function sayer<N extends IslandNamespace>(strings: Strings<N>) {
  const all = strings as Record<string, string>;
  const say = (key: StringKey<N>, values?: Values) => fill(all[key] ?? key, values);
  say.first = (keys: string[], fallback: StringKey<N> | '', values?: Values) => {
    const key = keys.find((k) => all[k] !== undefined);
    return fill(key ? all[key]! : fallback && all[fallback]!, values);
  };
  return say;
}
export type Say<N extends IslandNamespace> = ReturnType<typeof sayer<N>>;
