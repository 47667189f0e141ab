import { StatsError } from '../stats/StatsError';
import { sapScanKernel } from './sapScanKernel';

/** Options of {@link linearSumAssignment}. */
export interface LinearSumAssignmentOptions {
  /** Maximise the total instead of minimising it. @default false */
  readonly maximize?: boolean;
  /** Passes of augmenting row reduction before the shortest-path phase (0 = plain Crouse/scipy). @default 8 */
  readonly reductionPasses?: number;
  /** Let long shortest-path phases run their scan in the WebAssembly kernel (same arithmetic, same result). @default true */
  readonly wasm?: boolean;
}

/** An optimal assignment: `colForRow[i]` is row i's column (−1 for rows left over when rows > columns). */
export interface Assignment {
  readonly colForRow: Int32Array;
  /** Σ cost[i, colForRow[i]] over the assigned rows. */
  readonly total: number;
}

/**
 * Exact rectangular linear sum assignment, the problem of `scipy.optimize.linear_sum_assignment`: every row of the
 * smaller side gets a distinct column and the total cost is minimal (or maximal). Jonker–Volgenant's augmenting row
 * reduction (started from zero column prices, which keeps free columns at the maximal price, so it is valid for
 * rectangular problems) assigns most rows cheaply; the rest go through Crouse's shortest augmenting path (the
 * algorithm of scipy's `rectangular_lsap.cpp`) over Float64Array data.
 * @param cost row-major `nRows × nCols` costs (finite; NaN is rejected)
 * @throws StatsError `invalidValue` for NaN or infinite costs, `shapeMismatch` for a wrong length
 */
export function linearSumAssignment(cost: Float64Array, nRows: number, nCols: number, options: LinearSumAssignmentOptions = {}): Assignment {
  if (!Number.isInteger(nRows) || !Number.isInteger(nCols) || nRows < 0 || nCols < 0 || cost.length !== nRows * nCols) {
    throw new StatsError('shapeMismatch', `cost has ${cost.length} entries, expected ${nRows} × ${nCols}`);
  }
  const sign = options.maximize ? -1 : 1;
  const transpose = nRows > nCols;
  const nr = transpose ? nCols : nRows;
  const nc = transpose ? nRows : nCols;
  for (let i = 0; i < cost.length; i++) {
    const v = cost[i]!;
    if (v - v !== 0) throw new StatsError('invalidValue', `cost[${Math.floor(i / nCols)}, ${i % nCols}] = ${v} is not finite`);
  }
  // the solver reads costs only; a copy is made just to negate (maximise) or transpose (more rows than columns)
  let c = cost;
  if (transpose || sign < 0) {
    c = new Float64Array(nr * nc);
    for (let i = 0; i < nRows; i++) {
      for (let j = 0; j < nCols; j++) {
        const v = sign * cost[i * nCols + j]!;
        if (transpose) c[j * nc + i] = v;
        else c[i * nc + j] = v;
      }
    }
  }
  const colForRowT = solveRectangular(c, nr, nc, options.reductionPasses ?? 8, options.wasm ?? true);
  const colForRow = new Int32Array(nRows).fill(-1);
  if (transpose) colForRowT.forEach((col, row) => (colForRow[col] = row));
  else colForRow.set(colForRowT);
  let total = 0;
  for (let i = 0; i < nRows; i++) if (colForRow[i]! >= 0) total += cost[i * nCols + colForRow[i]!]!;
  return { colForRow, total };
}

/** Minimum-cost assignment of every row of an nr × nc matrix (nr ≤ nc). */
function solveRectangular(c: Float64Array, nr: number, nc: number, passes: number, wasm: boolean): Int32Array {
  const colForRow = new Int32Array(nr).fill(-1);
  if (nr === 0) return colForRow;
  // square problems spend their time in row scans from the start: run those in the kernel (costs copied in once)
  const early = wasm && nr === nc && nc >= 64 ? wasmWorkspace(c, nr, nc) : undefined;
  const rowForCol = early ? early.rowForCol.fill(-1) : new Int32Array(nc).fill(-1);
  const v = early ? early.v.fill(0) : new Float64Array(nc);
  const u = new Float64Array(nr);
  const free = new Int32Array(nr);
  for (let i = 0; i < nr; i++) free[i] = i;
  let numFree = nr;
  if (nr === nc && nc > 1) numFree = columnReduction(c, nr, v, colForRow, rowForCol, free);
  if (nc > 1) numFree = augmentingRowReduction(c, nr, nc, v, colForRow, rowForCol, free, numFree, passes, early);
  for (let i = 0; i < nr; i++) if (colForRow[i]! >= 0) u[i] = c[i * nc + colForRow[i]!]! - v[colForRow[i]!]!;
  shortestAugmentingPaths(c, nr, nc, u, v, colForRow, rowForCol, free.subarray(0, numFree), wasm, early);
  return colForRow;
}

/**
 * Jonker–Volgenant column reduction with reduction transfer (square problems only: it prices columns at their minimum,
 * which is only valid when every column ends up assigned). Returns the number of free rows, listed in `free`.
 */
function columnReduction(c: Float64Array, n: number, v: Float64Array, colForRow: Int32Array, rowForCol: Int32Array, free: Int32Array): number {
  const argmin = new Int32Array(n);
  v.fill(Infinity);
  for (let i = 0; i < n; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const x = c[base + j]!;
      if (x < v[j]!) {
        v[j] = x;
        argmin[j] = i;
      }
    }
  }
  const matches = new Int32Array(n);
  for (let j = n - 1; j >= 0; j--) {
    const i = argmin[j]!;
    if (++matches[i]! === 1) {
      colForRow[i] = j;
      rowForCol[j] = i;
    } else if (v[j]! < v[colForRow[i]!]!) {
      rowForCol[colForRow[i]!] = -1;
      colForRow[i] = j;
      rowForCol[j] = i;
    }
  }
  let numFree = 0;
  for (let i = 0; i < n; i++) {
    if (matches[i] === 0) free[numFree++] = i;
    else if (matches[i] === 1) {
      const j1 = colForRow[i]!;
      const base = i * n;
      let min = Infinity;
      for (let j = 0; j < n; j++) {
        if (j === j1) continue;
        const h = c[base + j]! - v[j]!;
        if (h < min) min = h;
      }
      v[j1] = v[j1]! - min;
    }
  }
  return numFree;
}

/**
 * Jonker–Volgenant augmenting row reduction: each free row takes its cheapest column (reduced by v), lowering that
 * column's price to the row's second-cheapest value and bumping the previous owner. Keeps x(i) = argmin_j c_ij − v_j
 * for every assigned row and v = 0 on every free column. Returns the number of rows still free (listed in `free`).
 */
function augmentingRowReduction(
  c: Float64Array, nr: number, nc: number, v: Float64Array, colForRow: Int32Array, rowForCol: Int32Array, free: Int32Array, numFree: number, passes: number,
  kernel: Workspace | undefined,
): number {
  let budget = 10 * nr + 1000;
  for (let pass = 0; pass < passes && numFree > 0; pass++) {
    let k = 0;
    const prev = numFree;
    numFree = 0;
    while (k < prev) {
      const i = free[k++]!;
      if (--budget < 0) {
        free[numFree++] = i;
        continue;
      }
      let umin: number;
      let usub: number;
      let j1: number;
      let j2: number;
      if (kernel) {
        kernel.min2(i);
        umin = kernel.min2Values[0]!;
        usub = kernel.min2Values[1]!;
        j1 = kernel.min2Columns[0]!;
        j2 = kernel.min2Columns[1]!;
      } else {
        const base = i * nc;
        umin = c[base]! - v[0]!;
        j1 = 0;
        usub = Infinity;
        j2 = -1;
        for (let j = 1; j < nc; j++) {
          const h = c[base + j]! - v[j]!;
          if (h < usub) {
            if (h >= umin) {
              usub = h;
              j2 = j;
            } else {
              usub = umin;
              umin = h;
              j2 = j1;
              j1 = j;
            }
          }
        }
      }
      let i0 = rowForCol[j1]!;
      if (umin < usub) v[j1] = v[j1]! - (usub - umin);
      else if (i0 >= 0 && j2 >= 0) {
        j1 = j2;
        i0 = rowForCol[j2]!;
      }
      if (i0 >= 0) colForRow[i0] = -1;
      colForRow[i] = j1;
      rowForCol[j1] = i;
      if (i0 >= 0) {
        if (umin < usub) free[--k] = i0;
        else free[numFree++] = i0;
      }
    }
  }
  return numFree;
}

/** Crouse's shortest augmenting path (scipy rectangular_lsap.cpp) for each row in `rows`, keeping duals u, v. */
function shortestAugmentingPaths(
  c: Float64Array, nr: number, nc: number, u: Float64Array, v: Float64Array, colForRow: Int32Array, rowForCol: Int32Array, rows: Int32Array, wasm: boolean,
  early: Workspace | undefined,
): void {
  if (rows.length === 0) return;
  // start in JavaScript; once the scans have cost about one pass over the matrix, copying the costs into the
  // WebAssembly kernel's memory pays for itself
  let ws = early ?? jsWorkspace(c, nc);
  let inWasm = early !== undefined;
  let work = 0;
  // the scan reads prices and owners from the workspace, so work on its copies and write them back at the end
  if (ws.v !== v) ws.v.set(v);
  if (ws.rowForCol !== rowForCol) ws.rowForCol.set(rowForCol);
  const scannedRows = new Int32Array(nr);
  const scannedCols = new Int32Array(nc);
  for (const curRow of Array.from(rows)) {
    if (wasm && !inWasm && work > nr * nc) {
      inWasm = true;
      const fast = wasmWorkspace(c, nr, nc);
      if (fast) {
        fast.v.set(ws.v);
        fast.rowForCol.set(ws.rowForCol);
        ws = fast;
      }
    }
    const { shortest, path, remaining, scan } = ws;
    const vv = ws.v;
    const owner = ws.rowForCol;
    shortest.fill(Infinity);
    for (let it = 0; it < nc; it++) remaining[it] = it;
    let numRemaining = nc;
    let nSR = 0;
    let nSC = 0;
    let minVal = 0;
    let i = curRow;
    let sink = -1;
    while (sink === -1) {
      scannedRows[nSR++] = i;
      work += numRemaining;
      const index = scan(i, minVal - u[i]!, numRemaining);
      if (index < 0) throw new StatsError('infeasible', 'the assignment problem is infeasible');
      const j = remaining[index]!;
      minVal = shortest[j]!;
      if (minVal === Infinity) throw new StatsError('infeasible', 'the assignment problem is infeasible');
      scannedCols[nSC++] = j;
      if (owner[j] === -1) sink = j;
      else i = owner[j]!;
      // keep `remaining` ascending so the next scan reads the cost row in memory order
      remaining.copyWithin(index, index + 1, numRemaining--);
    }
    u[curRow] = u[curRow]! + minVal;
    for (let t = 1; t < nSR; t++) {
      const r = scannedRows[t]!;
      u[r] = u[r]! + minVal - shortest[colForRow[r]!]!;
    }
    for (let t = 0; t < nSC; t++) {
      const j = scannedCols[t]!;
      vv[j] = vv[j]! - (minVal - shortest[j]!);
    }
    let j = sink;
    for (;;) {
      const r = path[j]!;
      owner[j] = r;
      const prev = colForRow[r]!;
      colForRow[r] = j;
      if (r === curRow) break;
      j = prev;
    }
  }
  if (ws.v !== v) v.set(ws.v);
  if (ws.rowForCol !== rowForCol) rowForCol.set(ws.rowForCol);
}

/** Arrays of the shortest-path phase and its scan step (see {@link SapScanKernel.scan}). */
interface Workspace {
  readonly v: Float64Array;
  readonly rowForCol: Int32Array;
  readonly shortest: Float64Array;
  readonly path: Int32Array;
  readonly remaining: Int32Array;
  scan(i: number, ui: number, numRemaining: number): number;
  /** Kernel only: min and second min of row i − v into `min2Values` / `min2Columns`. */
  min2(i: number): void;
  readonly min2Values: Float64Array;
  readonly min2Columns: Int32Array;
}

function jsWorkspace(c: Float64Array, nc: number): Workspace {
  const ws = { v: new Float64Array(nc), rowForCol: new Int32Array(nc), shortest: new Float64Array(nc), path: new Int32Array(nc), remaining: new Int32Array(nc) };
  const { v, rowForCol, shortest, path, remaining } = ws;
  const scan = (i: number, ui: number, numRemaining: number): number => {
    const base = i * nc;
    let lowest = Infinity;
    let index = -1;
    for (let it = 0; it < numRemaining; it++) {
      const j = remaining[it]!;
      const r = ui + c[base + j]! - v[j]!;
      let s = shortest[j]!;
      if (r < s) {
        path[j] = i;
        shortest[j] = s = r;
      }
      if (s < lowest || (s === lowest && rowForCol[j] === -1)) {
        lowest = s;
        index = it;
      }
    }
    return index;
  };
  const unused = (): void => {
    throw new Error('min2 is only used with the WebAssembly kernel');
  };
  return { ...ws, scan, min2: unused, min2Values: new Float64Array(2), min2Columns: new Int32Array(2) };
}

/** The same arrays in a fresh WebAssembly kernel's memory (costs copied in), or undefined if unavailable or too big. */
function wasmWorkspace(c: Float64Array, nr: number, nc: number): Workspace | undefined {
  const costBytes = nr * nc * 8;
  const total = costBytes + nc * (8 + 8 + 4 + 4 + 4) + 96;
  if (nc < 32 || total > 2 ** 31 - 2 ** 20) return undefined;
  const kernel = sapScanKernel();
  if (!kernel) return undefined;
  try {
    const have = kernel.memory.buffer.byteLength;
    if (total > have) kernel.memory.grow(Math.ceil((total - have) / 65536));
  } catch {
    return undefined;
  }
  const buf = kernel.memory.buffer;
  const vAt = costBytes;
  const shAt = vAt + nc * 8;
  const pathAt = shAt + nc * 8;
  const ownerAt = pathAt + nc * 4;
  const remAt = ownerAt + nc * 4;
  const outAt = (remAt + nc * 4 + 7) & ~7;
  new Float64Array(buf, 0, nr * nc).set(c);
  const scanKernel = kernel.scan;
  const min2Kernel = kernel.min2;
  const rowBytes = nc * 8;
  return {
    min2: (i) => min2Kernel(i * rowBytes, vAt, nc, outAt),
    min2Values: new Float64Array(buf, outAt, 2),
    min2Columns: new Int32Array(buf, outAt + 16, 2),
    v: new Float64Array(buf, vAt, nc),
    shortest: new Float64Array(buf, shAt, nc),
    path: new Int32Array(buf, pathAt, nc),
    rowForCol: new Int32Array(buf, ownerAt, nc),
    remaining: new Int32Array(buf, remAt, nc),
    scan: (i, ui, numRemaining) => scanKernel(i * rowBytes, remAt, numRemaining, vAt, shAt, pathAt, ownerAt, i, ui),
  };
}
