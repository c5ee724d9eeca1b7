// `astro build`, timed into dist/build-stats.json (aim: 60 s for all locales; measured, not tested, as timings vary with the machine).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const started = performance.now();
const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
const seconds = (performance.now() - started) / 1000;
writeFileSync('dist/build-stats.json', `${JSON.stringify({ seconds, builtAt: new Date().toISOString() })}\n`);
console.log(`build: ${seconds.toFixed(1)} s`);
