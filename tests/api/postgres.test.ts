import { intakeSuite } from './intake-suite';
import { postgresUrl, freshSchema } from './postgres';

const available = await freshSchema();
if (!available) {
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is required under CI=true and ${postgresUrl} does not answer`);
  console.warn(`PostgreSQL at ${postgresUrl} does not answer: the PostgreSQL API suite is skipped.`);
}

if (available) intakeSuite('postgres', async () => ({ DATABASE_URL: postgresUrl, DATABASE_SCHEMA: available }));
else (await import('vitest')).it.skip('PostgreSQL suite (no server reachable)', () => {});

