import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the build writes what a static host or the node server serves. */
export const CLIENT_DIR = 'dist/client';

/** Every file under a folder of the build output, as paths relative to the repo. */
export function filesUnder(dir: string = CLIENT_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)],
  );
}
