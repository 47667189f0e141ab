import { createHash } from 'node:crypto';
import { sha256x4Kernel } from '../src/core/stats/sha256x4Kernel';
const k = sha256x4Kernel();
if (!k) throw new Error('no kernel');
if (k.memory.buffer.byteLength < 1 << 20) k.memory.grow(32);
const u = new Uint32Array(k.memory.buffer);
const msgs = ['0:0', '1:1', '99:123456', 'abc', '5:7', '12:2097151', '', '7:0'];
for (let g = 0; g < 2; g++) for (let l = 0; l < 4; l++) {
  const m = msgs[g * 4 + l]!; const bytes = new Uint8Array(64); for (let i = 0; i < m.length; i++) bytes[i] = m.charCodeAt(i); bytes[m.length] = 0x80; bytes[63] = (m.length * 8) & 0xff; bytes[62] = (m.length * 8) >> 8;
  for (let t = 0; t < 16; t++) u[g * 64 + t * 4 + l] = ((bytes[4 * t]! << 24) | (bytes[4 * t + 1]! << 16) | (bytes[4 * t + 2]! << 8) | bytes[4 * t + 3]!) >>> 0;
}
k.hash(0, 1 << 16, 2);
for (let g = 0; g < 2; g++) for (let l = 0; l < 4; l++) {
  let hex = ''; for (let w = 0; w < 8; w++) hex += u[(1 << 14) + g * 32 + w * 4 + l]!.toString(16).padStart(8, '0');
  const m = msgs[g * 4 + l]!;
  console.log(hex === createHash('sha256').update(m).digest('hex') ? 'ok' : 'BAD', m);
}
