import type { Strings } from '../i18n/island-strings.ts';
import type { Rules } from './schema.ts';

/** What the island needs to show one outcome; every string is resolved at build time. */
export interface OutcomeView {
  title: string;
  /** Reason id → text, which may hold {{age}}. */
  why: Record<string, string>;
  next: { text: string; link?: { label: string; href: string; external: boolean; button: boolean } };
  services: { label: string; href: string }[];
  guide?: { label: string; href: string };
}

export interface QuestionnaireProps {
  rules: Rules;
  /** The questionnaire's UI strings in the page's language (keys of questionnaire.json). */
  strings: Strings<'questionnaire'>;
  outcomes: Record<string, OutcomeView>;
}

/** Digits as typed on any keyboard (Arabic-Indic, Persian, Ethiopic-script users' phones) to ASCII. */
export function asciiDigits(value: string): string {
  return value
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .trim();
}
