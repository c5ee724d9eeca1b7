import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { purgeOutboxFiles } from '../../src/intake/purge';

describe('the retention purge of messages written to DATA_DIR/outbox/', () => {
  it('deletes the files older than the retention and keeps the newer ones', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobbtorg-outbox-'));
    const folder = join(dataDir, 'outbox');
    mkdirSync(folder);
    const now = new Date('2026-03-31T12:00:00Z');
    const written = (name: string, daysAgo: number) => {
      const file = join(folder, name);
      writeFileSync(file, 'To: someone@example.se\n');
      const at = new Date(now.getTime() - daysAgo * 86_400_000);
      utimesSync(file, at, at);
      return file;
    };
    const old = written('a.eml', 31);
    const oldSms = written('b.sms.txt', 45);
    const recent = written('c.eml', 29);
    expect(await purgeOutboxFiles(dataDir, 30, now)).toBe(2);
    expect([existsSync(old), existsSync(oldSms), existsSync(recent)]).toEqual([false, false, true]);
  });

  it('does nothing where no message was ever written', async () => {
    expect(await purgeOutboxFiles(mkdtempSync(join(tmpdir(), 'jobbtorg-outbox-')), 30, new Date())).toBe(0);
  });
});
