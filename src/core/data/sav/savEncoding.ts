import { TextDecoder } from 'node:util';

/**
 * The WHATWG encoding label for a system file's character code (machine integer info record, PSPP "Machine Integer
 * Info Record": `character_code` is a Windows code page number, with 2 = 7-bit ASCII, 3 = 8-bit ASCII, 65001 = UTF-8).
 * Undefined for codes without a known label (1 = EBCDIC, 4 = DEC Kanji, unknown numbers).
 */
export function encodingOfCodePage(code: number): string | undefined {
  if (code === 65001 || code === 2) return 'utf-8';
  if (code === 3 || code === 20127) return 'windows-1252';
  if (code === 874 || (code >= 1250 && code <= 1258)) return `windows-${code}`;
  if (code >= 28591 && code <= 28606) return `iso-8859-${code - 28590}`;
  const named: Record<number, string> = { 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5', 20932: 'euc-jp', 54936: 'gb18030', 866: 'ibm866', 20866: 'koi8-r', 21866: 'koi8-u' };
  return named[code];
}

/** A decoder for `label`, or undefined when the runtime does not know the encoding. */
export function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal: false });
  } catch {
    return undefined;
  }
}
