import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';

/** What the build writes that compresses: pages, styles, scripts, search indexes, SVG. Fonts (woff2) are compressed already. */
export const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|xml|txt)$/;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)])));
  return nested.flat();
}

/**
 * Every static file gets a .br and a .gz beside it, at the highest levels (made once, served many
 * times), which scripts/server.mjs chooses by Accept-Encoding. A variant no smaller than the file
 * is not written, so the server sends the file itself.
 */
export function precompress(): AstroIntegration {
  return {
    name: 'precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const files = (await filesUnder(fileURLToPath(dir))).filter((f) => COMPRESSIBLE.test(f));
        let before = 0;
        let after = 0;
        await Promise.all(
          files.map(async (file) => {
            const data = await readFile(file);
            const [br, gzipped] = await Promise.all([
              brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
              gz(data, { level: constants.Z_BEST_COMPRESSION }),
            ]);
            if (br.length < data.length) await writeFile(`${file}.br`, br);
            if (gzipped.length < data.length) await writeFile(`${file}.gz`, gzipped);
            before += data.length;
            after += Math.min(br.length, data.length);
          }),
        );
        logger.info(`${files.length} files precompressed: ${Math.round(before / 1024)} KB, ${Math.round(after / 1024)} KB as brotli`);
      },
    },
  };
}
