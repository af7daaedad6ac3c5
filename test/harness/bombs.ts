import { Readable } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * Hostile files for the readers' tests: a DOCX whose document inflates to hundreds of MB, HTML
 * nested far deeper than any page, text far larger than any report. Made in memory, in a few
 * hundred milliseconds, so that no large fixture lives in the repository.
 */

/** A ZIP of deflated entries (what Word and WPS write). */
export function deflatedZip(entries: { name: string; data: Buffer }[]): Buffer {
  return zipOfPacked(
    entries.map(({ name, data }) => ({
      name,
      packed: deflateRawSync(data, { level: 9 }),
      crc: crc32(data),
      size: data.length,
    })),
  );
}

interface Packed {
  /** Stored as is (method 0) rather than deflated. */
  stored?: boolean;
  name: string;
  packed: Buffer;
  crc: number;
  size: number;
}

/** `unit` repeated `times`, deflated as a stream: the inflated text never exists in memory. */
async function packRepeated(
  name: string,
  head: Buffer,
  unit: Buffer,
  times: number,
  tail: Buffer,
): Promise<Packed> {
  let crc = crc32(head);
  const perChunk = Math.max(1, Math.floor((1024 * 1024) / unit.length));
  const chunk = Buffer.alloc(unit.length * perChunk, unit);
  async function* source() {
    yield head;
    for (let left = times; left > 0; left -= perChunk) {
      const part = left >= perChunk ? chunk : chunk.subarray(0, unit.length * left);
      crc = crc32(part, crc);
      yield part;
    }
    crc = crc32(tail, crc);
    yield tail;
  }
  const out: Buffer[] = [];
  for await (const b of Readable.from(source()).pipe(createDeflateRaw({ level: 9 }))) out.push(b as Buffer);
  return { name, packed: Buffer.concat(out), crc, size: head.length + unit.length * times + tail.length };
}

function zipOfPacked(entries: Packed[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, packed, crc, size, stored } of entries) {
    const data = { length: size };
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(0x00210000, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x800, 8);
    head.writeUInt16LE(stored ? 0 : 8, 10);
    head.writeUInt32LE(0x00210000, 12);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(packed.length, 20);
    head.writeUInt32LE(data.length, 24);
    head.writeUInt16LE(nameBytes.length, 28);
    head.writeUInt32LE(offset, 42);
    central.push(head, nameBytes);
    parts.push(local, nameBytes, packed);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const contentTypes = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);
const rels = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
);

const small = (name: string, data: Buffer): Packed => ({
  name,
  packed: deflateRawSync(data),
  crc: crc32(data),
  size: data.length,
});

/** A DOCX whose word/document.xml is `paragraphs` repeated until it reaches about `bytes`. */
export async function docxOf(paragraphs: string, bytes = paragraphs.length): Promise<Buffer> {
  const open = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
  );
  const close = Buffer.from('</w:body></w:document>');
  const unit = Buffer.from(paragraphs);
  const times = Math.max(1, Math.floor((bytes - open.length - close.length) / unit.length));
  return zipOfPacked([
    small('[Content_Types].xml', contentTypes),
    small('_rels/.rels', rels),
    await packRepeated('word/document.xml', open, unit, times, close),
  ]);
}

/** The issue's bomb: a DOCX of under 1 MB whose document inflates to `mb` MB (200 by default). */
export function docxBomb(mb = 200): Promise<Buffer> {
  return docxOf('<w:p><w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>', mb * 1024 * 1024);
}

/** A ZIP with `count` tiny entries (stored, not deflated: quick to make, and just as many). */
export function zipOfManyEntries(count: number): Buffer {
  const tiny = Buffer.from('<a/>');
  return zipOfPacked([
    small('[Content_Types].xml', contentTypes),
    ...Array.from({ length: count }, (_, i) => ({
      name: `word/media/x${i}.xml`,
      packed: tiny,
      crc: crc32(tiny),
      size: tiny.length,
      stored: true,
    })),
  ]);
}

/** HTML nested `depth` elements deep (100,000 is about 1.1 MB). */
export function deepHtml(depth = 100_000, tag = 'div'): Buffer {
  return Buffer.from(`<html><body>${`<${tag}>`.repeat(depth)}一${`</${tag}>`.repeat(depth)}</body></html>`);
}

/** Text of `mb` MB in lines of about 80 characters, or one single line. */
export function bigText(mb: number, oneLine = false): Buffer {
  const unit = oneLine
    ? '收到政府信息公开申请 123 件，'
    : '收到政府信息公开申请 123 件，办结 120 件，结转下年度继续办理 3 件。\n';
  const b = Buffer.from(unit);
  return Buffer.alloc(Math.floor((mb * 1024 * 1024) / b.length) * b.length, b);
}
