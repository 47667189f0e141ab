import type { ByteCursor } from './byteCursor';
import { SavError } from './SavError';
import { decoderFor, encodingOfCodePage } from './savEncoding';
import { applyExtensions, type RawExtensions } from './savExtensions';
import type { SavCompression, SavDictionary, SavFormat, SavValue, SavVariable } from './savTypes';

/** Where a variable's bytes sit in a case: runs of 8-byte slots, and how many bytes of each run hold text. */
export interface SlotRun {
  readonly slot: number;
  readonly slots: number;
  readonly used: number;
}

/** What the case decoder needs besides the dictionary. */
export interface SavLayout {
  /** Number of 8-byte slots in one case. */
  readonly slotsPerCase: number;
  /** Per variable of the dictionary, in order. */
  readonly runs: readonly (readonly SlotRun[])[];
  /** File offset where the case data (or, for zlib, the zlib header) starts. */
  readonly dataOffset: number;
  /** The system-missing value of this file (normally -DBL_MAX). */
  readonly sysmis: number;
}

/** A variable record as read, before very long strings are merged (PSPP "Variable Record"). */
export interface RawVariable {
  /** 0-based slot of the record; continuation records occupy the slots up to the next variable. */
  readonly slot: number;
  readonly offset: number;
  /** 0 numeric, 1–255 string width. */
  readonly width: number;
  readonly shortName: Uint8Array;
  readonly label?: Uint8Array;
  /** n_missing_values of the record: 0–3 discrete, -2 a range, -3 a range and one value. */
  readonly nMissing: number;
  readonly missing: readonly Uint8Array[];
  readonly print: SavFormat;
  readonly valueLabels: { value: Uint8Array; label: Uint8Array }[];
}

const SLOT = 8;
/** -DBL_MAX, the system-missing value PSPP and SPSS write (PSPP "System File Format", flt64 conventions). */
export const DEFAULT_SYSMIS = -Number.MAX_VALUE;
/** The largest value below -DBL_MAX's neighbour: PSPP's LOWEST, used for `LO THRU x` ranges. */
const LOWEST = -1.7976931348623155e308;

const formatOf = (v: number): SavFormat => ({ type: (v >>> 16) & 0xff, width: (v >>> 8) & 0xff, decimals: v & 0xff });
const ascii = (b: Uint8Array): string => String.fromCharCode(...b);

/**
 * Reads the file header and every dictionary record up to the dictionary termination record (PSPP "System File
 * Format": File Header, Variable, Value Labels, Document, extension records and Dictionary Termination Record).
 * Leaves the cursor at the first byte after the termination record.
 * @throws SavError `notSav`, `truncated`, `corrupt` or `unsupported`, naming the record and byte offset
 */
export function readSavDictionary(cur: ByteCursor): { dictionary: SavDictionary; layout: SavLayout } {
  const source = cur.source;
  cur.context = 'the file header';
  if (cur.size < 176) {
    if (cur.size < 4 || !/^\$FL[23]$/.test(ascii(cur.bytes(Math.min(4, cur.size))))) throw notSav(source, cur.size < 4 ? 'the file is shorter than 4 bytes' : 'it does not start with "$FL2" or "$FL3"');
    throw cur.truncated(176 - cur.size, cur.size);
  }
  const magic = ascii(cur.bytes(4));
  if (magic !== '$FL2' && magic !== '$FL3') {
    if (magic[0] === '\x5b') throw new SavError('unsupported', `${source}: EBCDIC system files are not read; re-save the file in SPSS or PSPP on a current machine`, source, 0);
    throw notSav(source, `it starts with ${JSON.stringify(magic)} instead of "$FL2" or "$FL3"`);
  }
  const product = ascii(cur.bytes(60)).replace(/\s+$/, '');
  const layoutAt = cur.pos;
  let layout = cur.int32();
  if (layout !== 2 && layout !== 3) {
    cur.pos = layoutAt;
    cur.littleEndian = false;
    layout = cur.int32();
    if (layout !== 2 && layout !== 3) throw notSav(source, `the layout code at byte ${layoutAt} is neither 2 nor 3 in either byte order`);
  }
  const nominalCaseSize = cur.int32();
  const compressionCode = cur.int32();
  const compressionAt = cur.pos - 4;
  const weightIndex = cur.int32();
  const headerCases = cur.int32();
  const bias = cur.float64();
  const creationDate = `${ascii(cur.bytes(9))} ${ascii(cur.bytes(8))}`;
  const fileLabelBytes = cur.bytes(64);
  cur.skip(3);
  const compression: SavCompression | undefined = compressionCode === 0 ? 'none' : compressionCode === 1 ? 'bytecode' : compressionCode === 2 ? 'zlib' : undefined;
  if (!compression) throw cur.corrupt(`compression code ${compressionCode} is not 0, 1 or 2`, compressionAt);
  if ((compression === 'zlib') !== (magic === '$FL3')) throw cur.corrupt(`compression code ${compressionCode} does not match the "${magic}" signature`, compressionAt);

  const raws: RawVariable[] = [];
  let slots = 0;
  /** Slots still expected to be continuation records of the last string variable. */
  let pendingContinuations = 0;
  const slotOwner: number[] = []; // slot -> index in raws of the variable starting there, -1 for continuations
  const documents: Uint8Array[] = [];
  const ext: RawExtensions = {};
  const warnings: string[] = [];
  let recordNo = 0;
  for (;;) {
    const recordAt = cur.pos;
    cur.context = `the record after record ${recordNo} (the dictionary ends without a termination record)`;
    const type = cur.int32();
    recordNo++;
    if (type === 2) {
      cur.context = `variable record ${raws.length + 1} (record ${recordNo}, byte ${recordAt})`;
      const width = cur.int32();
      const hasLabel = cur.int32();
      const nMissing = cur.int32();
      const print = formatOf(cur.int32());
      cur.int32(); // write format
      const shortName = cur.bytes(8);
      if (width === -1) {
        if (pendingContinuations === 0) throw cur.corrupt('a string continuation record follows no string variable (or one already complete)', recordAt);
        pendingContinuations--;
        slotOwner.push(-1);
        slots++;
        if (hasLabel !== 0 || nMissing !== 0) throw cur.corrupt('a string continuation record has a label or missing values', recordAt);
        continue;
      }
      if (pendingContinuations > 0) throw cur.corrupt(`the string variable before it needs ${pendingContinuations} more continuation record(s)`, recordAt);
      if (width < 0 || width > 255) throw cur.corrupt(`variable width ${width} is not 0 (numeric) or 1–255 (string)`, recordAt + 4);
      if (hasLabel !== 0 && hasLabel !== 1) throw cur.corrupt(`has_var_label is ${hasLabel}, not 0 or 1`, recordAt + 8);
      let label: Uint8Array | undefined;
      if (hasLabel === 1) {
        const len = cur.int32();
        if (len < 0 || len > 65535) throw cur.corrupt(`variable label length ${len} is out of range`, cur.pos - 4);
        label = cur.bytes(len);
        cur.skip((4 - (len % 4)) % 4);
      }
      const okMissing = width === 0 ? nMissing >= -3 && nMissing <= 3 && nMissing !== -1 : nMissing >= 0 && nMissing <= 3;
      if (!okMissing) throw cur.corrupt(`n_missing_values ${nMissing} is not allowed for a ${width === 0 ? 'numeric' : 'string'} variable`, recordAt + 12);
      const missing: Uint8Array[] = [];
      for (let i = 0; i < Math.abs(nMissing); i++) missing.push(cur.bytes(SLOT));
      slotOwner.push(raws.length);
      raws.push({ slot: slots, offset: recordAt, width, shortName, ...(label ? { label } : {}), nMissing, missing, print, valueLabels: [] });
      slots++;
      pendingContinuations = width > 0 ? Math.ceil(width / SLOT) - 1 : 0;
    } else if (type === 3) {
      readValueLabels(cur, recordNo, recordAt, raws, slotOwner, warnings, product);
      recordNo++;
    } else if (type === 4) {
      cur.context = `record ${recordNo} (byte ${recordAt})`;
      throw cur.corrupt('a value label variables record (type 4) without the value label record (type 3) before it', recordAt);
    } else if (type === 6) {
      cur.context = `the document record (record ${recordNo}, byte ${recordAt})`;
      const lines = cur.int32();
      if (lines < 0 || lines * 80 > cur.size) throw cur.corrupt(`line count ${lines} is out of range`, recordAt + 4);
      for (let i = 0; i < lines; i++) documents.push(cur.bytes(80));
    } else if (type === 7) {
      const subtype = cur.int32();
      cur.context = `extension record subtype ${subtype} (record ${recordNo}, byte ${recordAt})`;
      const size = cur.int32();
      const count = cur.int32();
      if (size < 0 || count < 0) throw cur.corrupt(`size ${size} × count ${count} is negative`, recordAt + 8);
      if (size * count > cur.size - cur.pos) throw cur.truncated(size * count);
      const payload = cur.bytes(size * count);
      (ext.records ??= []).push({ subtype, size, count, payload, offset: recordAt });
    } else if (type === 999) {
      cur.context = `the dictionary termination record (byte ${recordAt})`;
      cur.int32();
      if (pendingContinuations > 0) throw cur.corrupt(`the last string variable needs ${pendingContinuations} more continuation record(s)`, recordAt);
      break;
    } else {
      cur.context = `record ${recordNo}`;
      throw cur.corrupt(`unknown record type ${type} (expected 2, 3, 6, 7 or 999)`, recordAt);
    }
  }
  if (raws.length === 0) throw new SavError('corrupt', `${source}: corrupt dictionary: the file has no variables`, source, cur.pos);
  if (nominalCaseSize !== -1 && nominalCaseSize !== slots) warnings.push(`the header says ${nominalCaseSize} slots per case but the variable records have ${slots}; using ${slots}`);

  // Encoding, float and integer info, then names, very long strings, labels and missing values.
  const applied = applyExtensions(cur, ext, raws, warnings);
  let encoding = applied.encoding ?? (applied.codePage !== undefined ? encodingOfCodePage(applied.codePage) : undefined) ?? 'windows-1252';
  let decoder = decoderFor(encoding);
  if (!decoder) {
    warnings.push(`the file's character encoding "${encoding}" is not known here; text is read as windows-1252`);
    encoding = 'windows-1252';
    decoder = decoderFor(encoding)!;
  }
  const text = (b: Uint8Array): string => decoder.decode(b);
  const sysmis = applied.sysmis ?? DEFAULT_SYSMIS;
  const lowest = applied.lowest ?? LOWEST;
  const highest = applied.highest ?? Number.MAX_VALUE;
  const numberOf = (b: Uint8Array): number => new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, cur.littleEndian);
  const stringOf = (b: Uint8Array): string => text(b).replace(/ +$/, '');

  const merged = applied.mergeVeryLongStrings(text);
  const longNames = applied.longNames(text);
  const variables: SavVariable[] = [];
  const runs: SlotRun[][] = [];
  const byShort = new Map<number, string>(); // raw index -> final name
  const used = new Set<string>();
  for (const m of merged) {
    const raw = raws[m.first]!;
    const short = text(raw.shortName).replace(/[ \0]+$/, '');
    const name = longNames.get(short.toUpperCase()) ?? short;
    if (used.has(name.toUpperCase())) throw new SavError('corrupt', `${source}: corrupt dictionary: two variables are named "${name}" (variable record at byte ${raw.offset})`, source, raw.offset);
    used.add(name.toUpperCase());
    byShort.set(m.first, name);
    const isString = m.width > 0;
    const valueOf = (b: Uint8Array): SavValue => (isString ? stringOf(b.subarray(0, Math.min(SLOT, m.width))) : numberOf(b));
    const seen = new Set<SavValue>();
    const valueLabels = [];
    for (const vl of raw.valueLabels) {
      const value = valueOf(vl.value);
      if (seen.has(value)) continue;
      seen.add(value);
      valueLabels.push({ value, label: text(vl.label) });
    }
    let range: { low: number; high: number } | undefined;
    const values: SavValue[] = [];
    if (raw.nMissing < 0) {
      const low = numberOf(raw.missing[0]!);
      const high = numberOf(raw.missing[1]!);
      range = { low: low <= lowest ? -Infinity : low, high: high >= highest ? Infinity : high };
      if (raw.nMissing === -3) values.push(numberOf(raw.missing[2]!));
    } else {
      for (const b of raw.missing) values.push(valueOf(b));
    }
    variables.push({
      name,
      shortName: short,
      type: isString ? 'string' : 'numeric',
      width: m.width,
      ...(raw.label ? { label: text(raw.label) } : {}),
      valueLabels,
      missing: { values, ...(range ? { range } : {}) },
      printFormat: raw.print,
      ...(applied.measures[m.first] ? { measure: applied.measures[m.first]! } : {}),
    });
    runs.push(m.runs);
  }
  const named = new Map(variables.map((v, i) => [v.name.toUpperCase(), i] as const));
  applied.applyLongStringRecords(text, named, variables as { -readonly [K in keyof SavVariable]: SavVariable[K] }[]);

  let weight: string | undefined;
  if (weightIndex !== 0) {
    const owner = slotOwner[weightIndex - 1];
    const w = owner !== undefined && owner >= 0 ? byShort.get(owner) : undefined;
    const wv = w !== undefined ? variables.find((v) => v.name === w) : undefined;
    if (!wv || wv.type !== 'numeric') warnings.push(`the header names slot ${weightIndex} as the weight, which is not a numeric variable; the file is read unweighted`);
    else weight = wv.name;
  }
  const caseCount = headerCases >= 0 ? headerCases : applied.caseCount;
  const dictionary: SavDictionary = {
    source,
    product,
    fileLabel: text(fileLabelBytes).replace(/\s+$/, ''),
    creationDate,
    compression,
    bias,
    ...(caseCount !== undefined ? { caseCount } : {}),
    variables,
    ...(weight !== undefined ? { weight } : {}),
    encoding,
    documents: documents.map((d) => text(d).replace(/\s+$/, '')),
    littleEndian: cur.littleEndian,
    warnings,
  };
  return { dictionary, layout: { slotsPerCase: slots, runs, dataOffset: cur.pos, sysmis } };
}

function notSav(source: string, why: string): SavError {
  return new SavError('notSav', `${source}: not an SPSS system file (.sav): ${why}`, source, 0);
}

/** Value label record (type 3) and the variable index record (type 4) that must follow it. */
function readValueLabels(cur: ByteCursor, recordNo: number, recordAt: number, raws: RawVariable[], slotOwner: number[], warnings: string[], product: string): void {
  cur.context = `the value label record (record ${recordNo}, byte ${recordAt})`;
  const count = cur.int32();
  if (count < 0 || count * 16 > cur.size) throw cur.corrupt(`label count ${count} is out of range`, recordAt + 4);
  const labels: { value: Uint8Array; label: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    const value = cur.bytes(SLOT);
    const len = cur.uint8();
    const label = cur.bytes(len);
    cur.skip((SLOT - ((len + 1) % SLOT)) % SLOT);
    labels.push({ value, label });
  }
  const varsAt = cur.pos;
  cur.context = `the value label variables record (record ${recordNo + 1}, byte ${varsAt})`;
  const type = cur.int32();
  if (type !== 4) throw cur.corrupt(`record type ${type} where the value label variables record (type 4) must follow the value label record`, varsAt);
  const n = cur.int32();
  if (n < 0 || n > slotOwner.length) throw cur.corrupt(`variable count ${n} is out of range (the file has ${slotOwner.length} slots)`, varsAt + 4);
  let width: number | undefined;
  for (let i = 0; i < n; i++) {
    const at = cur.pos;
    const index = cur.int32();
    const owner = slotOwner[index - 1];
    if (owner === undefined || owner < 0) throw cur.corrupt(`variable index ${index} is not the first slot of a variable (1–${slotOwner.length})`, at);
    const raw = raws[owner]!;
    if (raw.width > 8) throw cur.corrupt(`value labels for the ${raw.width}-byte string variable at slot ${index}; long strings take their labels from extension record 21`, at);
    if (width !== undefined && (width === 0) !== (raw.width === 0)) throw cur.corrupt('one value label record names both numeric and string variables', at);
    width = raw.width;
    raw.valueLabels.push(...labels);
  }
  if (n === 0 && !/ReadStat/i.test(product)) warnings.push(`value label record ${recordNo} at byte ${recordAt} names no variables; its labels are ignored`);
}
