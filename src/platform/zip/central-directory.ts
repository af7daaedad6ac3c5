/**
 * The entries of a ZIP (DOCX, XLSX) as its central directory lists them, without inflating
 * anything: each entry's name, method, declared size and compressed bytes. Both guards of
 * uploaded ZIPs walk this — the readers' (sandbox/limits.ts: inflate as a stream, measure, keep
 * nothing) and the spreadsheet import's (import/xlsx-guard.ts: inflate within a ceiling and keep
 * the checked parts) — so a file is judged damaged by one set of rules.
 */
export interface ZipEntryRaw {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused by the caller. */
  method: number;
  /** What the headers claim the entry inflates to (not trusted, only a hint). */
  declaredSize: number;
  /** Bit 0 set: encrypted. */
  flags: number;
  compressed: Buffer;
}

/** A ZIP whose structure is broken: no end record, a header out of place, ZIP64 or bytes missing. */
export class ZipDamaged extends Error {
  override readonly name = 'ZipDamaged';
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/** How many entries the end record says the ZIP has (checked against a limit before walking). */
export function zipEntryCount(buf: Buffer): number {
  return buf.readUInt16LE(endOfCentralDirectory(buf) + 10);
}

function endOfCentralDirectory(buf: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  throw new ZipDamaged('no end of central directory');
}

/** The entries in directory order; folders (names ending in /) are left out. */
export function* zipEntries(buf: Buffer): Generator<ZipEntryRaw> {
  const eocd = endOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  for (let k = 0; k < count; k++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== CENTRAL_HEADER)
      throw new ZipDamaged('central header');
    const flags = buf.readUInt16LE(offset + 8);
    const method = buf.readUInt16LE(offset + 10);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const declaredSize = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const localOffset = buf.readUInt32LE(offset + 42);
    const name = buf
      .subarray(offset + 46, offset + 46 + nameLength)
      .toString(flags & 0x800 ? 'utf8' : 'latin1');
    offset += 46 + nameLength + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
    // ZIP64 (sizes of 0xFFFFFFFF) is not in documents Word, Excel or WPS save.
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) throw new ZipDamaged('zip64');
    if (name.endsWith('/')) continue;
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL_HEADER)
      throw new ZipDamaged('local header');
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (start + compressedSize > buf.length) throw new ZipDamaged('truncated');
    yield { name, method, declaredSize, flags, compressed: buf.subarray(start, start + compressedSize) };
  }
}
