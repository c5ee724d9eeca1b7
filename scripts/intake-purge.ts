// `npm run intake:purge`: deletes bookings whose meeting ended more than RETENTION_DAYS (default 30) ago,
// and the messages written under DATA_DIR/outbox/ (no SMTP/SMS provider) older than that.
// Run it daily (cron, systemd timer); it uses the same database settings as the server.
import { readConfig } from '../src/intake/config.ts';
import { openStore } from '../src/intake/db.ts';
import { openKeyring } from '../src/intake/keyring.ts';
import { log } from '../src/intake/log.ts';
import { purgeExpired, purgeOutboxFiles } from '../src/intake/purge.ts';

const config = readConfig();
const store = openStore(config, openKeyring(config));
try {
  await store.migrate();
  const now = new Date();
  const deleted = await purgeExpired(store, config.retentionDays, now);
  const files = await purgeOutboxFiles(config.dataDir, config.retentionDays, now);
  log('purge.done', { db: store.kind, retentionDays: config.retentionDays, deleted, outboxFiles: files });
} catch (error) {
  log('purge.failed', { db: store.kind, error: error instanceof Error ? error.name : 'unknown' });
  process.exitCode = 1;
} finally {
  await store.close();
}
