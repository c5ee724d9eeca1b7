/**
 * Digits as typed on any keyboard to ASCII: Arabic-Indic (Arabic), Extended
 * Arabic-Indic (Persian and Dari, whose pages write numbers that way). Every
 * number or phone field reads typed text through this, so a resident can type
 * the digits their page shows.
 */
export function asciiDigits(value: string): string {
  return value
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .trim();
}

/** ASCII digits as Persian digits (۰–۹); the text is otherwise unchanged. */
export function persianDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}
