import type { Plugin } from 'vite';

/**
 * lunr-languages' Arabic stemmer keeps its state on `this` inside a plain
 * function call (`var self = this;`). In a browser ES module that code runs in
 * strict mode, `this` is undefined, and loading the stemmer throws "Cannot set
 * properties of undefined (setting 'result')" (Chromium 14x, lunr-languages
 * 1.22). The stemmer only needs an object of its own, so it gets one.
 */
export function lunrArabicStrictMode(): Plugin {
  return {
    name: 'jobbtorg:lunr-ar-strict-mode',
    transform(code, id) {
      if (!id.includes('lunr-languages/lunr.ar.js')) return null;
      if (!code.includes('var self = this;')) throw new Error('lunr.ar.js changed: check whether the strict-mode fix is still needed');
      return { code: code.replace('var self = this;', 'var self = {};'), map: null };
    },
  };
}
