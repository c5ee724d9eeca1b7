import type { Strings } from '../i18n/island-strings.ts';
import type { Rules } from './schema.ts';

/** What the island needs to show one outcome; every string is resolved at build time. */
export interface OutcomeView {
  title: string;
  /** Reason id → text, which may hold {{age}}. */
  why: Record<string, string>;
  /** The way in; absent when the outcome has no door of its own (the text names it). */
  next?: { text: string; link?: { label: string; href: string; external: boolean; button: boolean } };
  services: { label: string; href: string }[];
  guide?: { label: string; href: string };
  /** Set when the rule or its text holds a fact from outside the seeds that the city is to confirm. */
  toConfirm?: string;
}

export interface QuestionnaireProps {
  rules: Rules;
  /** The questionnaire's UI strings in the page's language (keys of questionnaire.json). */
  strings: Strings<'questionnaire'>;
  outcomes: Record<string, OutcomeView>;
  /** January … December in the page's language, for the check-your-answers list. */
  monthNames: string[];
  /** The page writes numbers in Persian digits (fa, prs). */
  persianDigits: boolean;
}
