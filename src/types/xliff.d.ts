// The parts of locize's `xliff` the translation hand-off uses (the package ships no types).
declare module 'xliff/js2xliff' {
  import type { XliffDocument } from 'xliff/xliff2js';
  export default function js2xliff(doc: XliffDocument, options?: { indent?: string }): Promise<string>;
}
declare module 'xliff/xliff2js' {
  /** An inline element: `{ GenericSpan: … }` when written, `{ Span: … }` as read back (both `<pc>` in XLIFF 2.0). */
  export type XliffInline = string | Record<string, { id: string; type?: string; contents?: XliffValue; [attribute: string]: unknown }>;
  export type XliffValue = string | XliffInline[];
  export interface XliffUnit {
    source?: XliffValue;
    target?: XliffValue;
    note?: string | string[];
    additionalAttributes?: Record<string, string | number>;
  }
  export interface XliffDocument {
    sourceLanguage: string;
    targetLanguage: string;
    /** File id → unit id → unit. */
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export default function xliff2js(xml: string): Promise<XliffDocument>;
}
