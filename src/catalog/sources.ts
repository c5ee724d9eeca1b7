import { z } from 'zod';
import file from '../../content/catalog/sources.json' with { type: 'json' };
import { sourceIds } from './schema.ts';

/** The seed documents by id: what a resident sees when a rule names its source. */
const sourcesSchema = z.array(
  z
    .object({
      id: z.enum(sourceIds),
      /** The document's own Swedish title, shown as it is in every language. */
      title: z.string().min(10),
      /** Who decided or wrote it. */
      by: z.string().min(3),
      year: z.number().int().min(2000).max(2100),
    })
    .strict(),
);

export const sources = sourcesSchema.parse(file.sources);

export function sourceDocument(id: string) {
  const found = sources.find((s) => s.id === id);
  if (!found) throw new Error(`no seed document ${id}`);
  return found;
}
