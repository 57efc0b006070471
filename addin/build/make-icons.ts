/**
 * Draws the add-in's icons (a white envelope on the brand's blue tile) at every size the manifest
 * names, as PNG files in addin/assets. Run once after changing the drawing:
 * `npx tsx addin/build/make-icons.ts`. Drawn here rather than downloaded, so nothing is fetched.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every size the manifest asks for (16, 32, 80 on the ribbon; 32 and 64 for the add-in; 128 for a store listing). */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

const TILE: [number, number, number] = [0x0f, 0x6c, 0xbd]; // Fluent's brand blue
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];

/** How much of the unit square's point (x, y) is covered: 0 outside, 1 tile, 2 envelope. */
function shapeAt(x: number, y: number): 0 | 1 | 2 {
  const r = 0.18; // the tile's corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 0;
  const [left, right, top, bottom] = [0.2, 0.8, 0.3, 0.72];
  if (x < left || x > right || y < top || y > bottom) return 1;
  const stroke = 0.07;
  const edge = x - left < stroke || right - x < stroke || y - top < stroke || bottom - y < stroke;
  // The flap: two lines from the top corners to the middle.
  const middle = (left + right) / 2;
  const flapY = top + (Math.abs(x - middle) / (middle - left)) * -(bottom - top) * 0.55 + (bottom - top) * 0.55;
  const flap = Math.abs(y - flapY) < stroke * 0.8 && y < top + (bottom - top) * 0.6;
  return edge || flap ? 2 : 1;
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** One icon as an RGBA PNG, each pixel sampled 4 × 4 so the edges are smooth. */
export function iconPng(size: number): Buffer {
  const samples = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const shape = shapeAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (shape === 0) continue;
          const colour = shape === 2 ? WHITE : TILE;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const at = 1 + px * 4;
      if (a > 0) row.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / samples ** 2) * 255)], at);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folder = join(dirname(fileURLToPath(import.meta.url)), '../assets');
  for (const size of ICON_SIZES) writeFileSync(join(folder, `icon-${size}.png`), iconPng(size));
}
