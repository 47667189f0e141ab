import { createReadStream } from 'node:fs';

/** One line of a JSON Lines file: its value, or why it could not be read. Line numbers are 1-based. */
export type JsonLine =
  | { readonly line: number; readonly ok: true; readonly value: unknown; readonly text: string }
  | { readonly line: number; readonly ok: false; readonly reason: string; readonly text: string };

/**
 * Streams a JSON Lines file and calls `onLine` for every non-blank line, in order, without holding the file
 * in memory: chunks are split on `\n` as bytes (a multi-byte UTF-8 character never contains 0x0A), so a line
 * that straddles two chunks is joined before it is decoded. A line that is not valid JSON is reported with
 * its line number and the parser's message instead of stopping the read. A trailing `\r` is dropped.
 */
export async function readJsonLines(filePath: string, onLine: (line: JsonLine) => void, signal?: AbortSignal): Promise<void> {
  const stream = createReadStream(filePath, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) });
  let carry: Buffer | undefined;
  let lineNo = 0;
  const emit = (buf: Buffer, start: number, end: number): void => {
    lineNo++;
    if (end > start && buf[end - 1] === 0x0d) end--;
    if (end <= start) return;
    const text = buf.toString('utf8', start, end);
    if (text.trim() === '') return;
    try {
      onLine({ line: lineNo, ok: true, value: JSON.parse(text), text });
    } catch (err) {
      onLine({ line: lineNo, ok: false, reason: err instanceof Error ? err.message : String(err), text });
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf = chunk;
    let pos = 0;
    if (carry) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const joined = Buffer.concat([carry, chunk.subarray(0, nl)]);
      carry = undefined;
      emit(joined, 0, joined.length);
      pos = nl + 1;
    }
    for (;;) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break;
      emit(buf, pos, nl);
      pos = nl + 1;
    }
    if (pos < buf.length) carry = Buffer.from(buf.subarray(pos));
  }
  if (carry && carry.length > 0) emit(carry, 0, carry.length);
}
