import { freshSchema, postgresUrl } from './postgres';
import { staffActionsSuite } from './staff-actions-suite';

const available = await freshSchema();
if (!available && process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true and ${postgresUrl} does not answer`);

if (available) staffActionsSuite('postgres', async () => ({ DATABASE_URL: postgresUrl, DATABASE_SCHEMA: available }));
else (await import('vitest')).it.skip('PostgreSQL staff actions suite (no server reachable)', () => {});
