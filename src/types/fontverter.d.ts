declare module 'fontverter' {
  /** Converts between font containers: woff2 to TrueType for HarfBuzz, which reads no woff2. */
  export function convert(font: Uint8Array, toFormat: 'truetype' | 'sfnt' | 'woff' | 'woff2'): Promise<Buffer>;
}
