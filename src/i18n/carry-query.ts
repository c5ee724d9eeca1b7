/**
 * A flow's state that carries no personal data (the questionnaire's answers,
 * the booking's choices) survives a language switch: the switcher's links and
 * the Lättläst link get the same query.
 */
export function carryToLanguageLinks(search: string) {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.lang-switcher a, .easy-read-link')) {
    // Written as a path, as the server rendered it: assigning link.search would make the href absolute.
    link.setAttribute('href', `${link.pathname}${search}`);
  }
}
