import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback that keeps what it receives, parsed by
 * mailparser; `listen` can come later than creating it (a server that is down
 * at first).
 */
export interface TestSmtp {
  url: string;
  received: ParsedMail[];
  listen: () => Promise<void>;
  stop: () => Promise<void>;
}

export function testSmtp(port: number): TestSmtp {
  const received: ParsedMail[] = [];
  const state: TestSmtp = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    listen: () => new Promise((resolve, reject) => server.listen(port, '127.0.0.1', () => resolve()).once('error', reject)),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  server.on('error', () => {});
  return state;
}

/** Waits until `check` holds, looking every 50 ms; fails after `ms` with what it waited for. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
