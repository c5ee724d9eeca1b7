import type { PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/**
 * A content body cut into what a translator translates: one segment per
 * heading, paragraph and list item, its inline Markdown (links, bold,
 * italics) as spans a translation tool shows as tags. The translator never
 * sees Markdown syntax or a link target; the targets come back from the
 * Swedish source by the span's id, so they cannot be broken in translation.
 */
export type Inline = string | Span;
export interface Span {
  /** `l1`, `l2` … for links, `b1` … for bold, `i1` … for italics, numbered in reading order. */
  id: string;
  kind: 'link' | 'strong' | 'emphasis';
  /** The link target, for links. */
  href?: string;
  children: Inline[];
}

export type BlockKind = { type: 'heading'; depth: number } | { type: 'paragraph' } | { type: 'item'; list: number };
export interface Block {
  kind: BlockKind;
  content: Inline[];
}

const sameKind = (a: BlockKind, b: BlockKind) => JSON.stringify(a) === JSON.stringify(b);

/** The blocks of a Markdown body. Anything but headings, paragraphs and bullet lists stops the hand-off, named. */
export function segment(body: string): Block[] {
  const blocks: Block[] = [];
  let lists = 0;
  for (const node of fromMarkdown(body).children) {
    if (node.type === 'heading') blocks.push({ kind: { type: 'heading', depth: node.depth }, content: inline(node.children) });
    else if (node.type === 'paragraph') blocks.push({ kind: { type: 'paragraph' }, content: inline(node.children) });
    else if (node.type === 'list' && !node.ordered) {
      lists += 1;
      for (const item of node.children) {
        const [only, ...rest] = item.children;
        if (only?.type !== 'paragraph' || rest.length > 0) throw new Error(`A list item holds more than one paragraph: ${excerpt(node)}`);
        blocks.push({ kind: { type: 'item', list: lists }, content: inline(only.children) });
      }
    } else throw new Error(`The hand-off handles headings, paragraphs and bullet lists, not ${node.type}: ${excerpt(node)}`);
  }
  return blocks;
}

function excerpt(node: RootContent): string {
  return `line ${node.position?.start.line ?? '?'}`;
}

function inline(nodes: PhrasingContent[]): Inline[] {
  const counters = { link: 0, strong: 0, emphasis: 0 };
  const prefix = { link: 'l', strong: 'b', emphasis: 'i' } as const;
  const walk = (list: PhrasingContent[]): Inline[] =>
    list.map((node): Inline => {
      if (node.type === 'text') return node.value.replace(/\s*\n\s*/g, ' ');
      if (node.type === 'link' || node.type === 'strong' || node.type === 'emphasis') {
        counters[node.type] += 1;
        const id = `${prefix[node.type]}${counters[node.type]}`;
        return { id, kind: node.type, ...(node.type === 'link' ? { href: node.url } : {}), children: walk(node.children) };
      }
      throw new Error(`The hand-off handles text, links, bold and italics, not ${node.type} (line ${node.position?.start.line ?? '?'})`);
    });
  return walk(nodes);
}

/** The spans of a segment, depth first: what a translation must keep. */
export function spans(content: readonly Inline[]): Span[] {
  return content.flatMap((part) => (typeof part === 'string' ? [] : [part, ...spans(part.children)]));
}

/** Plain text of a segment, as a reader sees it. */
export function plain(content: readonly Inline[]): string {
  return content.map((part) => (typeof part === 'string' ? part : plain(part.children))).join('');
}

const marker = { strong: '**', emphasis: '*' } as const;

/** A segment as Markdown again. */
export function toMarkdown(content: readonly Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      const inner = toMarkdown(part.children);
      return part.kind === 'link' ? `[${inner}](${part.href})` : `${marker[part.kind]}${inner}${marker[part.kind]}`;
    })
    .join('')
    .trim();
}

/** A body from blocks: blank lines between blocks, items of one list on consecutive lines. */
export function joinBlocks(blocks: readonly Block[]): string {
  return blocks
    .map((block, i) => {
      const text = toMarkdown(block.content);
      const { kind } = block;
      if (kind.type === 'heading') return `\n${'#'.repeat(kind.depth)} ${text}`;
      if (kind.type === 'paragraph') return `\n${text}`;
      const previous = blocks[i - 1]?.kind;
      return `${previous && sameKind(previous, kind) ? '' : '\n'}- ${text}`;
    })
    .join('\n')
    .trim();
}

/**
 * A translation's blocks lined up with the Swedish source's: the same kinds
 * in the same order, each link where the source has one to the same target.
 * Undefined when the translation has drifted from the source's structure,
 * so its segments cannot be offered or replaced one by one.
 */
export function align(source: readonly Block[], translation: readonly Block[]): Block[] | undefined {
  if (source.length !== translation.length || source.some((b, i) => !sameKind(b.kind, translation[i]!.kind))) return undefined;
  const aligned: Block[] = [];
  for (const [i, block] of translation.entries()) {
    const wanted = spans(source[i]!.content);
    const ids = matchSpans(wanted, spans(block.content));
    if (!ids) return undefined;
    aligned.push({ kind: block.kind, content: renumber(block.content, ids) });
  }
  return aligned;
}

/** Each translated span paired with the source span of the same kind (and target), by source id. */
function matchSpans(source: readonly Span[], translated: readonly Span[]): Map<Span, string> | undefined {
  if (source.length !== translated.length) return undefined;
  const free = [...source];
  const ids = new Map<Span, string>();
  for (const span of translated) {
    const i = free.findIndex((s) => s.kind === span.kind && s.href === span.href);
    if (i < 0) return undefined;
    ids.set(span, free[i]!.id);
    free.splice(i, 1);
  }
  return ids;
}

function renumber(content: readonly Inline[], ids: Map<Span, string>): Inline[] {
  return content.map((part) => (typeof part === 'string' ? part : { ...part, id: ids.get(part)!, children: renumber(part.children, ids) }));
}
