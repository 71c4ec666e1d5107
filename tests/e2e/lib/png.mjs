// Minimal PNG reader for checking screenshots (8-bit RGB/RGBA/gray, non-interlaced).
// Enough to assert "this is a PNG of W×H" and "it is not a blank page".

import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** True if the buffer starts with the PNG signature. */
export function isPng(buf) {
  return Buffer.isBuffer(buf) && buf.length > 8 && buf.subarray(0, 8).equals(SIGNATURE);
}

/** Width, height, bit depth and colour type from the IHDR chunk. */
export function pngInfo(buf) {
  if (!isPng(buf)) throw new Error('not a PNG (bad signature)');
  if (buf.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    bitDepth: buf[24],
    colorType: buf[25],
    interlace: buf[28],
  };
}

/**
 * Decode to {width, height, channels, data} where data is raw 8-bit samples,
 * row-major. Throws for bit depths other than 8, palettes and interlacing.
 * @param {Buffer|string} input buffer or file path
 */
export function decodePng(input) {
  const buf = typeof input === 'string' ? readFileSync(input) : input;
  const info = pngInfo(buf);
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[info.colorType];
  if (info.bitDepth !== 8 || !channels || info.interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${info.bitDepth}, colour type ${info.colorType}, interlace ${info.interlace}`);
  }
  const idat = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    if (type === 'IEND') break;
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const { width, height } = info;
  const stride = width * channels;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = data.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? data.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0;
      const b = prev ? prev[i] : 0;
      const c = prev && i >= channels ? prev[i - channels] : 0;
      let v = src[i];
      switch (filter) {
        case 0: break;
        case 1: v += a; break;
        case 2: v += b; break;
        case 3: v += (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      row[i] = v & 0xff;
    }
  }
  return { width, height, channels, data };
}

/** [r, g, b, a] at (x, y) of a decoded image. */
export function pixel(img, x, y) {
  const i = (y * img.width + x) * img.channels;
  const d = img.data;
  switch (img.channels) {
    case 1: return [d[i], d[i], d[i], 255];
    case 2: return [d[i], d[i], d[i], d[i + 1]];
    case 3: return [d[i], d[i + 1], d[i + 2], 255];
    default: return [d[i], d[i + 1], d[i + 2], d[i + 3]];
  }
}

/** Number of distinct colours on a coarse grid: 1 means a blank (uniform) image. */
export function distinctColors(img, step = 8) {
  const seen = new Set();
  for (let y = 0; y < img.height; y += step) {
    for (let x = 0; x < img.width; x += step) seen.add(pixel(img, x, y).join(','));
  }
  return seen.size;
}
