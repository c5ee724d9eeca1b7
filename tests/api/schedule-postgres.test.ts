import { freshSchema, postgresUrl } from './postgres';
import { scheduleSuite } from './schedule-suite';

const available = await freshSchema();
if (!available && process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true and ${postgresUrl} does not answer`);

if (available) scheduleSuite('postgres', async () => ({ DATABASE_URL: postgresUrl, DATABASE_SCHEMA: available }));
else (await import('vitest')).it.skip('PostgreSQL schedule suite (no server reachable)', () => {});
