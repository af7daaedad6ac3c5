import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { stripJpegMetadata, stripPngMetadata } from './photo-metadata.js';

// What a phone writes into a photo besides the picture is removed on upload (issue 16 §1, photos
// of places are public): the GPS position, make and comments go; a JPEG's orientation and every
// byte of the picture stay.

const seg = (marker: number, payload: number[]) => [
  0xff,
  marker,
  (payload.length + 2) >> 8,
  (payload.length + 2) & 0xff,
  ...payload,
];
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

/** An EXIF APP1 payload, little-endian, with Orientation, Make and a GPS IFD pointer. */
function exif(orientation: number): number[] {
  const le16 = (v: number) => [v & 0xff, v >> 8];
  const le32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];
  const entries = [
    [...le16(0x0112), ...le16(3), ...le32(1), ...le16(orientation), 0, 0],
    [...le16(0x010f), ...le16(2), ...le32(6), ...le32(50)], // Make at 50
    [...le16(0x8825), ...le16(4), ...le32(1), ...le32(56)], // GPS IFD at 56
  ].flat();
  const tiff = [...ascii('II'), ...le16(42), ...le32(8), ...le16(3), ...entries, ...le32(0)];
  while (tiff.length < 50) tiff.push(0);
  tiff.push(...ascii('Apple\0'), ...ascii('GPS 24.8511N 118.5053E'));
  return [...ascii('Exif\0\0'), ...tiff];
}

describe('photo metadata', () => {
  it('drops EXIF, XMP and comments from a JPEG, keeping its orientation and its picture bytes', () => {
    const picture = [0x11, 0x22, 0xff, 0x00, 0x33, 0xff, 0xd9];
    const jpeg = Uint8Array.from([
      0xff,
      0xd8,
      ...seg(0xe0, ascii('JFIF\0\x01\x01\0\0\x01\0\x01\0\0')),
      ...seg(0xe1, exif(6)),
      ...seg(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude</x:xmpmeta>')),
      ...seg(0xfe, ascii('shot by 13905951234')),
      ...seg(0xdb, [0, ...new Array(64).fill(1)]),
      ...seg(0xda, [1, 1, 0, 0, 63, 0]),
      ...picture,
    ]);
    const out = Buffer.from(stripJpegMetadata(jpeg));
    const text = out.toString('latin1');
    assert.doesNotMatch(text, /GPS|Apple|xmpmeta|13905951234/);
    assert.ok(text.includes('JFIF'));
    // The orientation survives as a minimal EXIF block: Orientation (0x0112) = 6.
    const at = out.indexOf(Buffer.from([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6]));
    assert.ok(at > 0, 'orientation kept');
    assert.deepEqual([...out.subarray(out.length - picture.length)], picture);
    assert.deepEqual([...out.subarray(0, 2)], [0xff, 0xd8]);
    // Nothing to remove: the same bytes.
    const plain = Uint8Array.from([0xff, 0xd8, ...seg(0xe0, ascii('JFIF\0')), ...seg(0xda, [0]), ...picture]);
    assert.deepEqual([...stripJpegMetadata(plain)], [...plain]);
  });

  it('drops text, time and EXIF chunks from a PNG, which still decodes to the same pixels', () => {
    const png = new PNG({ width: 2, height: 1 });
    png.data.set([255, 0, 0, 255, 0, 0, 255, 255]);
    const clean = PNG.sync.write(png);
    const chunk = (type: string, data: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      // The CRC is not checked by the stripper; a fixed value keeps the test small.
      return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
    };
    const iend = clean.length - 12;
    const tagged = Buffer.concat([
      clean.subarray(0, 33), // signature and IHDR
      chunk('tEXt', Buffer.from('Comment\0GPS 24.8511N', 'latin1')),
      chunk('zTXt', Buffer.concat([Buffer.from('Author\0\0', 'latin1'), deflateSync('13905951234')])),
      chunk('eXIf', Buffer.from(exif(1))),
      clean.subarray(33, iend),
      clean.subarray(iend),
    ]);
    const out = Buffer.from(stripPngMetadata(tagged));
    assert.deepEqual(out, clean);
    assert.deepEqual(PNG.sync.read(out).data, png.data);
  });
});
