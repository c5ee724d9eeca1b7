import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/**
 * Long-form pages (accessibility statement, personal data): one Markdown file
 * per locale under `content/pages/<locale>/<slug>.md`; the id is `<locale>/<slug>`.
 */
const pages = defineCollection({
  loader: glob({ pattern: '*/*.md', base: './content/pages' }),
  schema: z.object({
    /** The page's h1 and the first part of its <title>. */
    title: z.string().min(3),
    /** The meta description: what the page answers, in one or two sentences. */
    description: z.string().min(40).max(260),
    /** Id of the Swedish source entry; absent only on the Swedish source itself. */
    translationOf: z
      .string()
      .regex(/^sv\/[a-z0-9-]+$/, 'translationOf names a Swedish entry, like sv/tillganglighet')
      .optional(),
    /** True only when a person has reviewed this text; machine or unchecked work stays false. */
    reviewed: z.boolean(),
    /** When the content was last checked against the facts. */
    lastReviewed: z.coerce.date(),
  }),
});

export const collections = { pages };
