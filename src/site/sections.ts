import type { Locale } from '../i18n/locales';
import { localePath } from '../i18n/paths';

/** The portal's three doors, as shown in the menu and on the home page. */
const sections = [
  { id: 'explore', slug: 'insatser' },
  { id: 'check', slug: 'vad-passar-mig' },
  { id: 'book', slug: 'boka' },
] as const;

// Only the keys are used: a door links to its section once the section's route exists,
// so the menu never points at a page that is not built.
const routeFiles = Object.keys(import.meta.glob('/src/pages/\\[locale\\]/**/*.astro'));

export function isBuilt(slug: string, files: readonly string[] = routeFiles): boolean {
  return files.some((file) => file.startsWith(`/src/pages/[locale]/${slug}/`) || file === `/src/pages/[locale]/${slug}.astro`);
}

export function sectionLinks(locale: Locale) {
  return sections.map((s) => ({ id: s.id, href: isBuilt(s.slug) ? localePath(locale, s.slug) : undefined }));
}
