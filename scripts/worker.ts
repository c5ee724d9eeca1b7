// `npm run worker`: the outbox worker alone, with the same database and message settings as the server
// (run the servers with OUTBOX_WORKER=off to leave the sending to it). Stops on SIGINT/SIGTERM after the
// sends under way; a message claimed by a worker that is killed goes again once its lease ends.
import { readConfig } from '../src/intake/config.ts';
import { openStore } from '../src/intake/db.ts';
import { openKeyring } from '../src/intake/keyring.ts';
import { log } from '../src/intake/log.ts';
import { OutboxWorker } from '../src/intake/worker.ts';

const config = readConfig();
const store = openStore(config, openKeyring(config));
await store.migrate();
const worker = new OutboxWorker(store, config).start();
log('worker.ready', { db: store.kind, email: config.smtpUrl ? 'smtp' : 'file', sms: config.sms.provider ?? 'file' });
// The worker's timer does not hold the process; this does, until a signal.
const alive = setInterval(() => {}, 1 << 30);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    clearInterval(alive);
    // A send that hangs past the grace is left to its lease: another worker (or this one, restarted) sends it again.
    setTimeout(() => process.exit(0), 10_000).unref();
    await worker.stop();
    await store.close();
    log('worker.stopped');
  });
}
