// `npm start`: build when the output is missing or older than the sources, then serve site and API.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const entry = 'dist/server/entry.mjs';
const sources = ['src', 'content', 'locales', 'public', 'astro.config.mjs', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (!existsSync(entry) || newest(entry) < Math.max(...sources.map(newest))) {
  console.log('Building the portal (sources changed or no build yet)…');
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Listens on HOST (default localhost) and PORT (default 4321).
await import('./server.mjs');
