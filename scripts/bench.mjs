// `npm run bench`: a clean build of every locale, timed, and the bytes a visitor downloads.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

rmSync('dist', { recursive: true, force: true });
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);
const { seconds } = JSON.parse(readFileSync('dist/build-stats.json', 'utf8'));

const root = 'dist/client';
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
const files = walk(root);
const pages = files.filter((f) => f.endsWith('.html'));
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const linked = (page, rel) =>
  [...readFileSync(page, 'utf8').matchAll(new RegExp(`<link rel="${rel}" href="([^"]+)"`, 'g'))].map((m) => join(root, m[1]));
const fontFilesOf = (css) => [...readFileSync(css, 'utf8').matchAll(/url\(([^)]+)\)/g)].map((m) => join(root, m[1]));

function pageWeight(path) {
  const page = join(root, path, 'index.html');
  const css = linked(page, 'stylesheet');
  const fonts = css.flatMap(fontFilesOf);
  const scripts = [...readFileSync(page, 'utf8').matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => join(root, m[1]));
  return {
    page: `/${path}`,
    'HTML gzip': gz(page),
    'CSS gzip': css.reduce((s, f) => s + gz(f), 0),
    'HTML+CSS gzip': gz(page) + css.reduce((s, f) => s + gz(f), 0),
    'JS gzip': scripts.reduce((s, f) => s + gz(f), 0),
    'fonts (woff2, max)': fonts.reduce((s, f) => s + statSync(f).size, 0),
  };
}

const largest = pages.map((p) => ({ p, size: gz(p) })).sort((a, b) => b.size - a.size)[0];
console.log(`build: ${seconds.toFixed(1)} s for ${pages.length} pages (${(seconds / pages.length * 1000).toFixed(0)} ms a page)`);
console.log(`largest page: ${largest.p.replace(root, '')} ${largest.size} B gzip`);
console.table(['sv/', 'ar/', 'ti/', 'sv/tillganglighet/', ''].map(pageWeight));
console.log('fonts: woff2 bytes are the most a page can fetch; unicode-range means only used subsets download.');
