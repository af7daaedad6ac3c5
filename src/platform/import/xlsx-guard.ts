import { crc32, inflateRawSync } from 'node:zlib';
import { ImportRefused, megabytes } from './refusal.js';
import { columnNumber, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS } from './sheet.js';
import { zipEntries, zipEntryCount, ZipDamaged } from '../zip/central-directory.js';

/**
 * An XLSX file is a ZIP of XML, and exceljs (`Workbook.xlsx.load`) inflates every entry into a
 * string and builds an object per cell before anyone can look at the size. So before exceljs
 * sees a workbook, it is opened here:
 *
 * - every entry is inflated with a hard ceiling on what it may become (zlib's
 *   `maxOutputLength`), so a small file that inflates to gigabytes stops at the ceiling, whatever
 *   its headers claim;
 * - rows are counted in the worksheets' XML, which costs a scan, not the ~700 bytes per cell
 *   exceljs spends;
 * - the parts exceljs would expand cell by cell are checked or dropped: a data validation over
 *   whole columns (a drop-down list on column C is `C1:C1048576`, a million map entries in
 *   exceljs; a few such columns exhaust memory) is dropped, as reading does not need it; column
 *   definitions (`<col max=…>`, one object per column up to max) are dropped; merged ranges are
 *   kept but their total area is bounded;
 *
 * and exceljs is given the checked entries again, stored uncompressed.
 */

export interface XlsxLimits {
  /** What all entries may inflate to together. */
  maxInflatedBytes: number;
  /** Rows across all worksheets: exceljs parses every sheet, not only the one read. */
  maxRows: number;
}

const MAX_ENTRIES = 10_000;
const MAX_MERGED_CELLS = 1_000_000;
const MAX_MERGES = 20_000;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const unreadable = '无法读取该文件：请上传 Excel 工作簿（.xlsx）或 CSV 文件';

/** The entries of a ZIP, each inflated within what is left of `maxInflatedBytes`. */
export function readZipEntries(buf: Buffer, maxInflatedBytes: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let left = maxInflatedBytes;
  const bomb = () =>
    ImportRefused.file(
      `工作簿解压后超过 ${megabytes(maxInflatedBytes)}，不像是正常的 Excel 文件：请删除无关的工作表和图片后再试，或另存为 CSV`,
    );
  try {
    if (zipEntryCount(buf) > MAX_ENTRIES) throw ImportRefused.file(unreadable);
    for (const { name, method, flags, compressed: raw } of zipEntries(buf)) {
      // Encrypted entries are not in workbooks Excel or WPS save.
      if (flags & 1) throw ImportRefused.file(unreadable);
      let data: Buffer;
      if (method === 0) data = raw;
      else if (method === 8) {
        try {
          data = inflateRawSync(raw, { maxOutputLength: Math.max(1, left) });
        } catch (e) {
          if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb();
          throw ImportRefused.file(unreadable);
        }
      } else throw ImportRefused.file(unreadable);
      left -= data.length;
      if (left < 0) throw bomb();
      entries.push({ name: name.replace(/^\//, ''), data });
    }
  } catch (e) {
    if (e instanceof ZipDamaged) throw ImportRefused.file(unreadable);
    throw e;
  }
  return entries;
}

/** `<x:row …>` or `<row …>`: SpreadsheetML may carry a namespace prefix. */
const rowTag = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
const mergeTag = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([^"]*)"/g;
const dropped = ['dataValidations', 'cols'].map(
  (tag) => new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?)${tag}\\b(?:[^>]*?/>|[^>]*>[\\s\\S]*?</\\1${tag}>)`, 'g'),
);

function cellRef(ref: string): { row: number; column: number } | null {
  const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,9})$/.exec(ref);
  return m ? { column: columnNumber(m[1]!), row: Number(m[2]) } : null;
}

/** A worksheet's XML, checked, without the parts exceljs would blow up; counts its rows into `rows`. */
function checkWorksheet(
  xml: string,
  limits: XlsxLimits,
  seen: { rows: number; merged: number; merges: number },
) {
  let rows = 0;
  rowTag.lastIndex = 0;
  while (rowTag.exec(xml)) rows++;
  seen.rows += rows;
  if (seen.rows > limits.maxRows)
    throw ImportRefused.file(`工作簿超过 ${limits.maxRows} 行的上限：请删除无关的工作表，或分成几个文件导入`);
  mergeTag.lastIndex = 0;
  for (let m = mergeTag.exec(xml); m; m = mergeTag.exec(xml)) {
    const [from, to = from] = m[1]!.split(':');
    const a = cellRef(from ?? '');
    const b = cellRef(to ?? '');
    if (!a || !b || b.row > MAX_SHEET_ROWS || b.column > MAX_SHEET_COLUMNS)
      throw ImportRefused.file(unreadable);
    seen.merged += (Math.abs(b.row - a.row) + 1) * (Math.abs(b.column - a.column) + 1);
    seen.merges++;
    if (seen.merged > MAX_MERGED_CELLS || seen.merges > MAX_MERGES)
      throw ImportRefused.file('工作簿中的合并单元格过多或范围过大：请取消不必要的合并后再试');
  }
  let out = xml;
  for (const re of dropped) out = out.replace(re, '');
  return out;
}

/** A ZIP of `entries`, uncompressed: quick for exceljs to load, as they are inflated already. */
export function storedZip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00, the ZIP epoch
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(CENTRAL_HEADER, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x800, 8);
    head.writeUInt16LE(0, 10);
    head.writeUInt32LE(0x00210000, 12);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(data.length, 20);
    head.writeUInt32LE(data.length, 24);
    head.writeUInt16LE(nameBytes.length, 28);
    head.writeUInt32LE(offset, 42);
    central.push(head, nameBytes);
    parts.push(local, nameBytes, data);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/**
 * The workbook, checked against `limits`, as a ZIP exceljs can load without surprises. Throws
 * ImportRefused (in Chinese) for anything that is not a workbook or is too large inside.
 */
export function guardXlsx(bytes: Uint8Array, limits: XlsxLimits): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readZipEntries(buf, limits.maxInflatedBytes);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw ImportRefused.file(unreadable);
  const seen = { rows: 0, merged: 0, merges: 0 };
  const checked = entries.map((e) =>
    /^xl\/worksheets\/[^/]+\.xml$/.test(e.name)
      ? { name: e.name, data: Buffer.from(checkWorksheet(e.data.toString('utf8'), limits, seen), 'utf8') }
      : e,
  );
  return storedZip(checked);
}
