/**
 * Photos of places are public: what a phone writes into them besides the picture (the EXIF GPS
 * position, the phone's make and serial, the time, comments) is removed when they are uploaded.
 * A JPEG keeps only its orientation (a phone photo would otherwise show sideways), rewritten as a
 * minimal EXIF block; a PNG loses its text, time and EXIF chunks. Pure byte surgery: the picture
 * itself is copied as it is, never decoded or re-encoded.
 */

const JPEG_SOS = 0xda;
const JPEG_EOI = 0xd9;

/** The EXIF orientation (1–8) in an APP1 payload, or null. */
function exifOrientation(app1: Uint8Array): number | null {
  // "Exif\0\0" then a TIFF header.
  if (app1.length < 14 || String.fromCharCode(...app1.subarray(0, 4)) !== 'Exif') return null;
  const t = app1.subarray(6);
  const little = t[0] === 0x49 && t[1] === 0x49;
  const view = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const u16 = (o: number) => view.getUint16(o, little);
  const u32 = (o: number) => view.getUint32(o, little);
  try {
    const ifd = u32(4);
    const n = u16(ifd);
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      if (u16(e) === 0x0112) {
        const v = u16(e + 8);
        return v >= 1 && v <= 8 ? v : null;
      }
    }
  } catch {
    // A truncated block: no orientation.
  }
  return null;
}

/** An APP1 segment holding only an orientation tag (big-endian TIFF, one IFD entry). */
function orientationSegment(o: number): Uint8Array {
  const payload = [
    ...[0x45, 0x78, 0x69, 0x66, 0, 0], // Exif\0\0
    ...[0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], // MM, 42, IFD0 at 8
    ...[0, 1], // one entry
    ...[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0], // Orientation, SHORT, 1, value
    ...[0, 0, 0, 0], // no next IFD
  ];
  const len = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, len >> 8, len & 0xff, ...payload]);
}

export function stripJpegMetadata(b: Uint8Array): Uint8Array {
  if (b[0] !== 0xff || b[1] !== 0xd8) return b;
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let orientation: number | null = null;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return b; // not a marker where one must be: leave the file as it came
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === JPEG_EOI) break;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    const seg = b.subarray(i, i + 2 + len);
    if (marker === 0xe1 && orientation === null) orientation = exifOrientation(seg.subarray(4));
    // APP1–APP15 (EXIF, XMP, ICC, maker notes) and COM go; APP0 (JFIF) and the picture stay.
    const metadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!metadata) out.push(seg);
    i += 2 + len;
    if (marker === JPEG_SOS) {
      out.push(b.subarray(i)); // entropy-coded data to the end
      i = b.length;
      break;
    }
  }
  if (i < b.length) out.push(b.subarray(i));
  if (orientation !== null && orientation !== 1) out.splice(1, 0, orientationSegment(orientation));
  const total = out.reduce((n, x) => n + x.length, 0);
  const r = new Uint8Array(total);
  let at = 0;
  for (const x of out) {
    r.set(x, at);
    at += x.length;
  }
  return r;
}

const PNG_DROPPED = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

export function stripPngMetadata(b: Uint8Array): Uint8Array {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((x, k) => b[k] === x)) return b;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const keep: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const len = view.getUint32(i);
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    const end = i + 12 + len;
    if (end > b.length) return b;
    if (!PNG_DROPPED.has(type)) keep.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(keep);
}

export function stripMetadata(bytes: Uint8Array, mediaType: string): Uint8Array {
  if (mediaType === 'image/jpeg') return stripJpegMetadata(bytes);
  if (mediaType === 'image/png') return stripPngMetadata(bytes);
  return bytes;
}
