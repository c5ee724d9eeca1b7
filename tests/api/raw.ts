import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresUrl } from './postgres';

/**
 * What an attacker with a copy of the database alone would read: the secrets
 * (names, e-mails, phones, free text) found in the raw bytes.
 */

/** Every file of a data folder (the database, its WAL and shared memory) but the key file, as bytes. */
export function foundInSqliteFiles(dataDir: string, secrets: readonly string[]): string[] {
  const files = readdirSync(dataDir).filter((f) => !f.startsWith('data-key'));
  const bytes = Buffer.concat(files.map((f) => readFileSync(join(dataDir, f))));
  return secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')));
}

/** A `pg_dump` of one schema, as an operator's nightly backup would make it. */
export function foundInPostgresDump(schema: string, secrets: readonly string[]): string[] {
  const dump = execFileSync('pg_dump', ['--schema', schema, postgresUrl], { maxBuffer: 256 * 1024 * 1024 });
  if (!dump.includes(Buffer.from('CREATE TABLE'))) throw new Error('pg_dump gave no tables');
  return secrets.filter((s) => dump.includes(Buffer.from(s, 'utf8')));
}
