// Regression inputs on disk. Text inputs are JavaScript strings, which may hold lone UTF-16
// surrogates that UTF-8 cannot carry; they are stored as WTF-8 (UTF-8 that also encodes a lone
// surrogate as its three-byte form), so every string the fuzzer made comes back exactly. Files
// with valid UTF-8 are ordinary text files. Capture inputs are stored as they are. An input
// larger than GZIP_ABOVE bytes (the slow cases need size to be slow) is stored gzipped, `.gz`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export const REGRESSIONS_DIR = path.join(__dirname, 'regressions');

/** WTF-8 bytes of a string (lone surrogates encoded as themselves). */
export function encodeWtf8(text: string): Uint8Array {
  const out: number[] = [];
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    if (out.length >= 1 << 16) {
      chunks.push(Uint8Array.from(out));
      out.length = 0;
    }
  }
  chunks.push(Uint8Array.from(out));
  return Buffer.concat(chunks);
}

/** Decodes WTF-8 (and so UTF-8); a byte that starts no valid sequence becomes U+FFFD. */
export function decodeWtf8(bytes: Uint8Array): string {
  const parts: string[] = [];
  let units: number[] = [];
  const flush = () => {
    parts.push(String.fromCharCode(...units));
    units = [];
  };
  const cont = (i: number) => i < bytes.length && (bytes[i]! & 0xc0) === 0x80;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units.push(b);
      i++;
    } else if (b >= 0xc2 && b < 0xe0 && cont(i + 1)) {
      units.push(((b & 31) << 6) | (bytes[i + 1]! & 63));
      i += 2;
    } else if (b >= 0xe0 && b < 0xf0 && cont(i + 1) && cont(i + 2)) {
      const c = ((b & 15) << 12) | ((bytes[i + 1]! & 63) << 6) | (bytes[i + 2]! & 63);
      units.push(c >= 0x800 ? c : 0xfffd);
      i += 3;
    } else if (b >= 0xf0 && b < 0xf5 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      const c =
        ((b & 7) << 18) |
        ((bytes[i + 1]! & 63) << 12) |
        ((bytes[i + 2]! & 63) << 6) |
        (bytes[i + 3]! & 63);
      if (c >= 0x10000 && c <= 0x10ffff) {
        units.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 1023));
      } else units.push(0xfffd);
      i += 4;
    } else {
      units.push(0xfffd);
      i++;
    }
    if (units.length >= 8192) flush();
  }
  flush();
  return parts.join('');
}

export type RegressionKind = 'text' | 'capture';

export interface Regression {
  file: string;
  name: string;
  kind: RegressionKind;
  text: string | null;
  bytes: Uint8Array | null;
}

const CAPTURE_EXTENSIONS = ['.pcap', '.pcapng', '.bin'];
const GZIP_ABOVE = 256 * 1024;

export function listRegressions(dir = REGRESSIONS_DIR): Regression[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => {
      const plain = f.replace(/\.gz$/, '');
      return plain.endsWith('.txt') || CAPTURE_EXTENSIONS.some((e) => plain.endsWith(e));
    })
    .sort()
    .map((f) => {
      const raw = fs.readFileSync(path.join(dir, f));
      const bytes = new Uint8Array(f.endsWith('.gz') ? gunzipSync(raw) : raw);
      const text = f.replace(/\.gz$/, '').endsWith('.txt');
      return {
        file: path.join(dir, f),
        name: f,
        kind: text ? 'text' : 'capture',
        text: text ? decodeWtf8(bytes) : null,
        bytes: text ? null : bytes,
      };
    });
}

/** A regression file's name without its extension (`.txt`, `.pcap`…, and `.gz`). */
export function regressionBase(file: string): string {
  return file.replace(/\.gz$/, '').replace(/\.(txt|pcap|pcapng|bin)$/, '');
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Writes a regression input under a name that says where it came from; returns the path. */
export function writeRegression(
  base: string,
  input: string | Uint8Array,
  dir = REGRESSIONS_DIR,
): string {
  fs.mkdirSync(dir, { recursive: true });
  const isText = typeof input === 'string';
  let ext = '.txt';
  if (!isText) {
    const magic = input.length >= 4 ? Buffer.from(input.subarray(0, 4)).readUInt32BE(0) : 0;
    ext = [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(magic)
      ? '.pcap'
      : magic === 0x0a0d0d0a
        ? '.pcapng'
        : '.bin';
  }
  const bytes = isText ? encodeWtf8(input) : input;
  const gzip = bytes.length > GZIP_ABOVE;
  const file = path.join(dir, `${sanitize(base)}${ext}${gzip ? '.gz' : ''}`);
  fs.writeFileSync(file, gzip ? gzipSync(bytes, { level: 9 }) : bytes);
  return file;
}
