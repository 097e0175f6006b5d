#!/usr/bin/env node
// Draws the Teams app icons and writes them as PNG files next to manifest.json:
//   color.png    192×192, full colour: a white speech bubble with a check mark on the accent colour;
//   outline.png   32×32, white on transparent, as Teams requires for the app bar.
// Run `node manifests/teams/generate-icons.mjs` after changing the drawing; the PNGs are committed.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const ACCENT = [0x2e, 0x7d, 0x6b];
const WHITE = [0xff, 0xff, 0xff];
const here = dirname(fileURLToPath(import.meta.url));

// --- shapes, in a unit square (0..1), as signed distances: negative inside -------------------

function roundedRect(x, y, cx, cy, halfW, halfH, r) {
  const qx = Math.abs(x - cx) - halfW + r;
  const qy = Math.abs(y - cy) - halfH + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(x, y, ax, ay, bx, by, halfWidth) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - halfWidth;
}

function triangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const side = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = side(ax, ay, bx, by);
  const d2 = side(bx, by, cx, cy);
  const d3 = side(cx, cy, ax, ay);
  const inside = !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  return inside ? -1 : 1;
}

/** The speech bubble: a rounded rectangle with a tail at the bottom left. */
function bubble(x, y) {
  const body = roundedRect(x, y, 0.5, 0.45, 0.32, 0.24, 0.1);
  const tail = triangle(x, y, [0.27, 0.6], [0.42, 0.66], [0.24, 0.82]);
  return Math.min(body, tail < 0 ? -0.001 : 1);
}

function check(x, y, halfWidth) {
  return Math.min(segment(x, y, 0.36, 0.45, 0.46, 0.55, halfWidth), segment(x, y, 0.46, 0.55, 0.65, 0.35, halfWidth));
}

// --- pixels ------------------------------------------------------------------------------------

/** Renders `shade(x, y) → [r, g, b, a]` with 4×4 supersampling for smooth edges. */
function render(size, shade) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [r, g, b, a] = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = sum[3] / (n * n);
      rgba[i] = alpha > 0 ? Math.round(sum[0] / sum[3]) : 0;
      rgba[i + 1] = alpha > 0 ? Math.round(sum[1] / sum[3]) : 0;
      rgba[i + 2] = alpha > 0 ? Math.round(sum[2] / sum[3]) : 0;
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return rgba;
}

function colorIcon(x, y) {
  if (check(x, y, 0.035) < 0) return [...ACCENT, 1];
  if (bubble(x, y) < 0) return [...WHITE, 1];
  return [...ACCENT, 1];
}

function outlineIcon(x, y) {
  // A ring of the bubble (inside it, but not deep inside) plus the check, in white.
  const b = bubble(x, y);
  const ring = b < 0 && b > -0.075;
  const tick = check(x, y, 0.055) < 0;
  return ring || tick ? [...WHITE, 1] : [0, 0, 0, 0];
}

// --- PNG encoding --------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

writeFileSync(join(here, "color.png"), png(192, render(192, colorIcon)));
writeFileSync(join(here, "outline.png"), png(32, render(32, outlineIcon)));
console.log("wrote manifests/teams/color.png (192×192) and manifests/teams/outline.png (32×32)");
