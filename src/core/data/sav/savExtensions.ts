import type { ByteCursor } from './byteCursor';
import { SavError } from './SavError';
import type { RawVariable, SlotRun } from './readSavDictionary';
import type { SavValue, SavVariable } from './savTypes';

/** Extension records (type 7) as read: subtype, element size and count, payload and file offset. */
export interface RawExtensions {
  records?: { subtype: number; size: number; count: number; payload: Uint8Array; offset: number }[];
}

/** A variable after very long strings are merged: its first raw record, its width and where its bytes sit. */
export interface MergedVariable {
  readonly first: number;
  readonly width: number;
  readonly runs: SlotRun[];
}

/** What the extension records say, applied lazily once the encoding is known. */
export interface AppliedExtensions {
  readonly encoding?: string;
  readonly codePage?: number;
  readonly sysmis?: number;
  readonly highest?: number;
  readonly lowest?: number;
  readonly caseCount?: number;
  /** Measurement level per raw variable index. */
  readonly measures: Record<number, 'nominal' | 'ordinal' | 'scale'>;
  mergeVeryLongStrings(text: (b: Uint8Array) => string): MergedVariable[];
  /** Upper-cased short name → long name. */
  longNames(text: (b: Uint8Array) => string): Map<string, string>;
  /** Long string value labels (subtype 21) and missing values (subtype 22), added to `variables` in place. */
  applyLongStringRecords(text: (b: Uint8Array) => string, named: ReadonlyMap<string, number>, variables: { valueLabels: SavVariable['valueLabels']; missing: SavVariable['missing'] }[]): void;
}

/** Width covered by each very long string segment (PSPP "Very Long String Record": one 255-byte segment per 252 bytes). */
const VLS_CHUNK = 252;
const SLOT = 8;

/** Sequential reader over one extension record's payload; errors name the record and the byte offset. */
class PayloadReader {
  pos = 0;
  private readonly view: DataView;
  constructor(
    private readonly cur: ByteCursor,
    private readonly rec: { payload: Uint8Array; offset: number; subtype: number },
  ) {
    this.view = new DataView(rec.payload.buffer, rec.payload.byteOffset, rec.payload.byteLength);
  }
  get atEnd(): boolean {
    return this.pos >= this.rec.payload.length;
  }
  private need(n: number): void {
    if (n < 0 || this.pos + n > this.rec.payload.length) throw this.corrupt(`a length of ${n} runs past the end of the record`);
  }
  int32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, this.cur.littleEndian);
    this.pos += 4;
    return v;
  }
  uint8(): number {
    this.need(1);
    return this.rec.payload[this.pos++]!;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const b = this.rec.payload.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  corrupt(detail: string): SavError {
    const at = this.rec.offset + 16 + this.pos;
    return new SavError('corrupt', `${this.cur.source}: corrupt extension record subtype ${this.rec.subtype} (byte ${this.rec.offset}) at byte ${at}: ${detail}`, this.cur.source, at);
  }
}

/**
 * Interprets the extension records the reader uses (PSPP "System File Format"): 3 machine integer info, 4 machine
 * floating-point info, 11 variable display parameters, 13 long variable names, 14 very long strings, 16 64-bit case
 * count, 20 character encoding, 21 long string value labels, 22 long string missing values. Others are skipped.
 */
export function applyExtensions(cur: ByteCursor, ext: RawExtensions, raws: readonly RawVariable[], warnings: string[]): AppliedExtensions {
  const bySubtype = new Map<number, NonNullable<RawExtensions['records']>[number]>();
  for (const r of ext.records ?? []) if (!bySubtype.has(r.subtype)) bySubtype.set(r.subtype, r);
  const view = (p: Uint8Array): DataView => new DataView(p.buffer, p.byteOffset, p.byteLength);
  const out: { -readonly [K in keyof AppliedExtensions]?: AppliedExtensions[K] } = {};

  const intInfo = bySubtype.get(3);
  if (intInfo && intInfo.size === 4 && intInfo.count >= 8) {
    const v = view(intInfo.payload);
    const floatRep = v.getInt32(16, cur.littleEndian);
    if (floatRep !== 1) throw new SavError('unsupported', `${cur.source}: the file stores numbers as ${floatRep === 2 ? 'IBM 370' : floatRep === 3 ? 'DEC VAX' : `format ${floatRep}`} floating point (extension record 3 at byte ${intInfo.offset}); only IEEE 754 files are read. Re-save the file in current SPSS or PSPP`, cur.source, intInfo.offset);
    out.codePage = v.getInt32(28, cur.littleEndian);
  }
  const floatInfo = bySubtype.get(4);
  if (floatInfo && floatInfo.size === 8 && floatInfo.count === 3) {
    const v = view(floatInfo.payload);
    out.sysmis = v.getFloat64(0, cur.littleEndian);
    out.highest = v.getFloat64(8, cur.littleEndian);
    out.lowest = v.getFloat64(16, cur.littleEndian);
  }
  const cases64 = bySubtype.get(16);
  if (cases64 && cases64.size === 8 && cases64.count === 2) {
    const n = view(cases64.payload).getBigInt64(8, cur.littleEndian);
    if (n >= 0n && n <= BigInt(Number.MAX_SAFE_INTEGER)) out.caseCount = Number(n);
  }
  const enc = bySubtype.get(20);
  if (enc) out.encoding = Buffer.from(enc.payload).toString('latin1').replace(/\0+$/, '').trim();

  const measures: Record<number, 'nominal' | 'ordinal' | 'scale'> = {};
  const display = bySubtype.get(11);
  if (display && display.size === 4) {
    const per = display.count === raws.length * 3 ? 3 : display.count === raws.length * 2 ? 2 : 0;
    if (per === 0) warnings.push(`the display parameter record (byte ${display.offset}) has ${display.count} values for ${raws.length} variables; measurement levels are not read`);
    else {
      const v = view(display.payload);
      raws.forEach((_, i) => {
        const m = v.getInt32(i * per * 4, cur.littleEndian);
        if (m === 1) measures[i] = 'nominal';
        else if (m === 2) measures[i] = 'ordinal';
        else if (m === 3) measures[i] = 'scale';
      });
    }
  }
  out.measures = measures;

  const shortOf = (text: (b: Uint8Array) => string, r: RawVariable): string => text(r.shortName).replace(/[ \0]+$/, '').toUpperCase();

  out.longNames = (text) => {
    const map = new Map<string, string>();
    const rec = bySubtype.get(13);
    if (!rec) return map;
    for (const pair of text(rec.payload).split('\t')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      map.set(pair.slice(0, eq).toUpperCase(), pair.slice(eq + 1).replace(/\0+$/, ''));
    }
    return map;
  };

  out.mergeVeryLongStrings = (text) => {
    const widths = new Map<string, number>();
    const rec = bySubtype.get(14);
    if (rec) {
      for (const entry of text(rec.payload).split('\t')) {
        const clean = entry.replace(/\0/g, '');
        const eq = clean.indexOf('=');
        if (eq <= 0) continue;
        const w = Number(clean.slice(eq + 1));
        if (!Number.isInteger(w) || w < 256 || w > 32767) throw new PayloadReader(cur, rec).corrupt(`"${clean}" does not give a width of 256–32767 bytes`);
        widths.set(clean.slice(0, eq).toUpperCase(), w);
      }
    }
    const merged: MergedVariable[] = [];
    for (let i = 0; i < raws.length; i++) {
      const raw = raws[i]!;
      const vls = widths.get(shortOf(text, raw));
      if (vls === undefined) {
        merged.push({ first: i, width: raw.width, runs: [{ slot: raw.slot, slots: raw.width === 0 ? 1 : Math.ceil(raw.width / SLOT), used: raw.width === 0 ? SLOT : raw.width }] });
        continue;
      }
      const segments = Math.ceil(vls / VLS_CHUNK);
      if (i + segments > raws.length) throw new PayloadReader(cur, rec!).corrupt(`variable ${shortOf(text, raw)} of width ${vls} needs ${segments} segments but only ${raws.length - i} variables are left`);
      const runs: SlotRun[] = [];
      let remaining = vls;
      for (let s = 0; s < segments; s++) {
        const seg = raws[i + s]!;
        const last = s === segments - 1;
        const expect = last ? vls - s * VLS_CHUNK : 255;
        if (seg.width !== expect && !(last && Math.ceil(seg.width / SLOT) === Math.ceil(expect / SLOT))) {
          throw new PayloadReader(cur, rec!).corrupt(`segment ${s + 1} of the ${vls}-byte string ${shortOf(text, raw)} is ${seg.width} bytes wide, not ${expect} (variable record at byte ${seg.offset})`);
        }
        // the data is packed 255 bytes per segment; what the last segments do not need is ignored
        const used = Math.max(0, Math.min(seg.width, remaining));
        remaining -= used;
        runs.push({ slot: seg.slot, slots: Math.ceil(seg.width / SLOT), used });
      }
      merged.push({ first: i, width: vls, runs });
      i += segments - 1;
    }
    return merged;
  };

  out.applyLongStringRecords = (text, named, variables) => {
    const lookup = (name: string, what: string): number | undefined => {
      const i = named.get(name.toUpperCase());
      if (i === undefined) warnings.push(`${what} names "${name}", which is not a variable; ignored`);
      return i;
    };
    const labels = bySubtype.get(21);
    if (labels) {
      const r = new PayloadReader(cur, labels);
      while (!r.atEnd) {
        const name = text(r.bytes(r.int32()));
        r.int32(); // the variable's width
        const n = r.int32();
        if (n < 0) throw r.corrupt(`label count ${n} is negative`);
        const i = lookup(name, 'the long string value label record');
        const list: { value: SavValue; label: string }[] = [];
        for (let k = 0; k < n; k++) {
          const value = text(r.bytes(r.int32())).replace(/ +$/, '');
          const label = text(r.bytes(r.int32()));
          list.push({ value, label });
        }
        if (i === undefined) continue;
        const v = variables[i]!;
        const seen = new Set(v.valueLabels.map((l) => l.value));
        v.valueLabels = [...v.valueLabels, ...list.filter((l) => !seen.has(l.value) && seen.add(l.value))];
      }
    }
    const missing = bySubtype.get(22);
    if (missing) {
      const r = new PayloadReader(cur, missing);
      while (!r.atEnd) {
        const name = text(r.bytes(r.int32()));
        const n = r.uint8();
        if (n < 1 || n > 3) throw r.corrupt(`variable "${name}" has ${n} missing values; 1 to 3 are allowed`);
        const len = r.int32();
        const values: string[] = [];
        for (let k = 0; k < n; k++) values.push(text(r.bytes(len)).replace(/ +$/, ''));
        const i = lookup(name, 'the long string missing value record');
        if (i !== undefined) variables[i]!.missing = { values };
      }
    }
  };
  return out as AppliedExtensions;
}
