/**
 * Latin-script runs (Jobbtorg Unga, SFI, Arbetsförmedlingen) inside Arabic,
 * Persian and Dari text, each wrapped in <bdi>, so neighbouring punctuation
 * and numbers stay on the right side of the name whatever the bidi algorithm
 * guesses. Works on rendered HTML: only text between tags is touched.
 */
const WORD = "[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9'’]*";
const RUN = new RegExp(`(?<![&#\\w])${WORD}(?:[ \\-–]${WORD})*`, 'g');

export function isolateLatinRuns(html: string): string {
  return html.replace(/>([^<]+)</g, (_whole, text: string) => `>${text.replace(RUN, (run) => `<bdi>${run}</bdi>`)}<`);
}
