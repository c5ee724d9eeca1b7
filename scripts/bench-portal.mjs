// What the browser benchmarks share: the page templates they visit and a portal of their own.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One page of each template, by its path under /{locale}/. */
export const TEMPLATES = {
  home: '',
  service: 'insatser/praktik/',
  guide: 'sfi/',
  search: 'sok/',
  questionnaire: 'vad-passar-mig/',
  booking: 'boka/',
};

/** `node scripts/server.mjs` on a port with an empty database; resolves when it is ready, to a stop function. */
export async function startPortal(port) {
  const child = spawn(process.execPath, ['scripts/server.mjs'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-portal-')) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  while (!out.includes('server.ready')) {
    if (child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  child.stdout.removeAllListeners('data');
  child.stdout.resume();
  return () => new Promise((resolve) => child.once('exit', resolve) && child.kill('SIGTERM'));
}
