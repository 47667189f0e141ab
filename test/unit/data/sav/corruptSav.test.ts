// Bad .sav files: cut off anywhere, or with bytes changed, the reader either reads the file or throws a SavError
// whose one-line message names the file, what is wrong and the byte offset; never another exception, never a hang.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bufferByteSource, openSavBytes, openSavSource, savTable, SavError, type SavErrorReason, type SavFile } from '../../../../src/core/data/sav/index';
import { SAV_DIR } from './readSav.test';

const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(path.join(SAV_DIR, file)));

/** Reads every case; returns the error, or undefined when the file read cleanly. */
function readAll(bytes: Uint8Array, source = 'bad.sav'): unknown {
  try {
    savTable(openSavBytes(bytes, source), { text: 'all' });
    return undefined;
  } catch (err) {
    return err;
  }
}

function assertSavError(err: unknown, reason: SavErrorReason | readonly SavErrorReason[], what: string): SavError {
  assert.ok(err instanceof SavError, `${what}: expected a SavError, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  const reasons = typeof reason === 'string' ? [reason] : reason;
  assert.ok(reasons.includes(err.savReason), `${what}: reason ${err.savReason}, expected ${reasons.join(' or ')} (${err.message})`);
  assert.ok(err.message.startsWith('bad.sav: '), `${what}: the message names the file: ${err.message}`);
  assert.ok(!err.message.includes('\n'), `${what}: one line`);
  assert.match(err.message, /byte \d+|shorter than 4 bytes|it starts with/, `${what}: says where`);
  return err;
}

/** A small deterministic generator (mulberry32) so the fuzz cases are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('data/sav: truncated files', () => {
  for (const file of ['survey.sav', 'survey-uncompressed.sav', 'survey.zsav', 'survey-haven.sav', 'survey-haven.zsav']) {
    it(`${file}: cut off anywhere is a one-line truncated error, or loses nothing`, () => {
      const bytes = bytesOf(file);
      const full = savTable(openSavBytes(bytes, 'bad.sav'), { text: 'all' });
      // every cut in the header and first records and at the end, and ~400 spread over the rest
      const stride = Math.max(1, Math.ceil(bytes.length / 400));
      for (let len = 0; len < bytes.length; len += len < 400 || len > bytes.length - 80 ? 1 : stride) {
        const cut = bytes.subarray(0, len);
        const err = readAll(cut);
        if (err === undefined) {
          // only the padding after the last case was cut (bytecode blocks end with 0 codes): every case is there
          assert.deepEqual(savTable(openSavBytes(cut, 'bad.sav'), { text: 'all' }).text, full.text, `${file} cut to ${len}`);
          assert.ok(len > bytes.length - 8, `${file} cut to ${len} of ${bytes.length} read without error`);
          continue;
        }
        // the first 4 bytes decide notSav; a cut ZSAV loses its trailer, whose offsets then point past the end
        assertSavError(err, len < 4 ? 'notSav' : 'truncated', `${file} cut to ${len} of ${bytes.length} bytes`);
      }
    });
  }

  it('a cut inside the cases says which case and how many the header promised', () => {
    const bytes = bytesOf('bfi.sav');
    const err = assertSavError(readAll(bytes.subarray(0, bytes.length - 5000)), 'truncated', 'bfi.sav cut');
    assert.match(err.message, /header says 2800 cases but the data ends after \d+|inside case \d+/);
  });
});

describe('data/sav: corrupt files', () => {
  const survey = bytesOf('survey.sav');
  const patched = (at: number, ...b: number[]): Uint8Array => {
    const copy = survey.slice();
    copy.set(b, at);
    return copy;
  };
  const int32le = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

  it('not a system file', () => {
    const err = assertSavError(readAll(new TextEncoder().encode('id,a\n1,2\n'.repeat(30))), 'notSav', 'a CSV');
    assert.match(err.message, /not an SPSS system file/);
  });

  it('an impossible layout code', () => {
    assertSavError(readAll(patched(64, ...int32le(7))), 'notSav', 'layout 7');
  });

  it('an unknown compression code names the byte', () => {
    const err = assertSavError(readAll(patched(72, ...int32le(9))), 'corrupt', 'compression 9');
    assert.match(err.message, /compression code 9 .* at byte 72|at byte 72: compression code 9/);
  });

  it('an unknown record type names the record and byte', () => {
    // the first variable record starts right after the 176-byte header
    const err = assertSavError(readAll(patched(176, ...int32le(5))), 'corrupt', 'record type 5');
    assert.match(err.message, /unknown record type 5/);
    assert.match(err.message, /byte 176/);
    assert.equal(err.offset, 176);
  });

  it('an impossible string width', () => {
    const err = assertSavError(readAll(patched(180, ...int32le(300))), 'corrupt', 'width 300');
    assert.match(err.message, /variable record 1 .*width 300/);
  });

  it('a damaged zlib block', () => {
    const z = bytesOf('survey.zsav');
    // the first block starts 24 bytes after the zlib header, which follows the dictionary termination record
    const copy = z.slice();
    const dv = new DataView(copy.buffer);
    // zheader_ofs is the first field of the zlib header and equals its own offset: scan for it
    let zheader = -1;
    for (let i = 176; i + 8 <= copy.length; i += 1) {
      if (Number(dv.getBigInt64(i, true)) === i) {
        zheader = i;
        break;
      }
    }
    assert.ok(zheader > 0, 'found the zlib header');
    for (let i = zheader + 26; i < zheader + 40; i++) copy[i] = copy[i]! ^ 0x5a;
    const err = assertSavError(readAll(copy), 'corrupt', 'zlib block');
    assert.match(err.message, /zlib block 1/);
  });

  for (const file of ['survey.sav', 'survey-uncompressed.sav', 'survey.zsav', 'survey-haven.sav']) {
    it(`${file}: 200 random byte changes each read or fail with a SavError`, () => {
      const bytes = bytesOf(file);
      const rand = rng(file.length * 7919);
      for (let k = 0; k < 200; k++) {
        const copy = bytes.slice();
        const changes = 1 + Math.floor(rand() * 4);
        for (let c = 0; c < changes; c++) copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
        const err = readAll(copy);
        if (err !== undefined) assertSavError(err, ['notSav', 'truncated', 'corrupt', 'unsupported'], `${file} fuzz ${k}`);
      }
    });
  }
});

describe('data/sav: streaming', () => {
  it('reads a file through small windows, never the whole file at once', () => {
    const bytes = bytesOf('bfi.sav');
    const inner = bufferByteSource(bytes);
    let largest = 0;
    let total = 0;
    const src = {
      size: inner.size,
      read(position: number, target: Uint8Array) {
        largest = Math.max(largest, target.length);
        const n = inner.read(position, target);
        total += n;
        return n;
      },
      close() {},
    };
    const file: SavFile = openSavSource(src, 'bfi.sav');
    const table = savTable(file, { columns: ['A1'] });
    assert.equal(table.rows, 2800);
    assert.equal(file.bytesRead, bytes.length);
    assert.ok(largest <= 1 << 16, `largest read ${largest} bytes`);
    assert.ok(bytes.length > 1 << 16, 'the file is larger than one window');
    assert.ok(total >= bytes.length - 8, 'every byte was read');
  });
});
