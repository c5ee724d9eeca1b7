import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/free-port.ts';

/** A running portal server (the built one, as in production) with its captured log. */
export interface TestServer {
  url: string;
  log: () => string;
  stop: () => Promise<void>;
  /** Sends a signal without waiting; `exited` settles with the exit code when the process ends. */
  signal: (signal: NodeJS.Signals) => void;
  exited: Promise<number | null>;
}

export { freePort };

export async function startServer(env: Record<string, string>): Promise<TestServer> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/server.mjs'], {
    // No drain pause on stop (a test that wants one sets SHUTDOWN_DRAIN_SECONDS).
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'jobbtorg-')), SHUTDOWN_DRAIN_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  // A safety net, not a timing check: several servers starting at once on two busy cores take a while.
  const deadline = Date.now() + 60_000;
  while (!output.includes('"server.ready"')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    signal: (signal) => void child.kill(signal),
    exited,
  };
}
