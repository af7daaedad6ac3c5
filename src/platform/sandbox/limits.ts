import { inflateRawSync } from 'node:zlib';

/**
 * A file refused by a reader, with a message for the person who sent it (Chinese, naming the
 * limit or the damage). It crosses from the worker thread to the caller by its message alone.
 */
export class FileRefused extends Error {
  override readonly name: string = 'FileRefused';
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

/** A text file larger than the limit is refused before it is decoded. */
export function checkTextSize(bytes: Uint8Array, maxTextMb: number): void {
  if (bytes.length > maxTextMb * MB)
    throw new FileRefused(
      `文件有 ${(bytes.length / MB).toFixed(1)} MB，超过 ${maxTextMb} MB 的上限，不像是一份报告：请只提交报告本身`,
    );
}

/**
 * Opens a ZIP (DOCX, XLSX) and inflates every entry within what is left of `maxUnzippedMb`
 * (zlib's maxOutputLength stops a bomb at the ceiling whatever its headers claim), counting the
 * entries, without keeping any: the parser that reads the file afterwards is only given files
 * already known to be small inside.
 */
export function checkZip(bytes: Uint8Array, limits: { maxUnzippedMb: number; maxZipEntries: number }): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = () => new FileRefused('文件已损坏，或不是 Word/Excel 文档（ZIP 结构不完整）');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw damaged();
  const count = buf.readUInt16LE(eocd + 10);
  if (count > limits.maxZipEntries)
    throw new FileRefused(
      `文件内含 ${count} 个部件，超过 ${limits.maxZipEntries} 个的上限，不像是正常的文档`,
    );
  const ceiling = limits.maxUnzippedMb * MB;
  const tooLarge = () =>
    new FileRefused(`文件解压后超过 ${mb(ceiling)}，不像是正常的文档（可能是“压缩炸弹”）`);
  let left = ceiling;
  let offset = buf.readUInt32LE(eocd + 16);
  for (let k = 0; k < count; k++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) throw damaged();
    const method = buf.readUInt16LE(offset + 10);
    const compressed = buf.readUInt32LE(offset + 20);
    const declared = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const localOffset = buf.readUInt32LE(offset + 42);
    offset += 46 + nameLength + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== 0x04034b50) throw damaged();
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (compressed === 0xffffffff || start + compressed > buf.length) throw damaged();
    if (method === 0) left -= compressed;
    else if (method === 8) {
      // A declared size over what is left is refused without inflating anything.
      if (declared > left) throw tooLarge();
      try {
        left -= inflateRawSync(buf.subarray(start, start + compressed), {
          maxOutputLength: Math.max(1, left),
        }).length;
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        throw damaged();
      }
    } else throw damaged();
    if (left < 0) throw tooLarge();
  }
}

const voidTags = new Set(
  'area base br col embed hr img input link meta param source track wbr basefont frame keygen'.split(' '),
);
/** What opening a tag closes, when still open (HTML's optional end tags), as browsers do. */
const closedBy: Record<string, string[]> = {
  p: ['p'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  tr: ['tr', 'td', 'th'],
  tbody: ['tbody', 'thead', 'tr', 'td', 'th'],
  thead: ['tbody', 'thead', 'tr', 'td', 'th'],
  tfoot: ['tbody', 'thead', 'tr', 'td', 'th'],
  option: ['option'],
  optgroup: ['option', 'optgroup'],
  rt: ['rt', 'rp'],
  rp: ['rt', 'rp'],
};
const closesP = new Set(
  'address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol pre section table ul'.split(
    ' ',
  ),
);
const rawText = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noscript']);

/**
 * How deep an HTML page nests, stopping as soon as it is deeper than `max`: one pass over the
 * tags with browsers' rules for the end tags pages leave out (an unclosed `<p>` or `<li>` does
 * not nest the next one). HTML parsers slow down with depth (parse5 takes 100 s for 100,000
 * nested elements), so a page is measured before it is parsed.
 */
export function checkNesting(html: string, max: number): void {
  const open: string[] = [];
  const count = new Map<string, number>();
  const push = (t: string) => {
    open.push(t);
    count.set(t, (count.get(t) ?? 0) + 1);
  };
  const pop = () => {
    const t = open.pop()!;
    count.set(t, count.get(t)! - 1);
  };
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (!m[2]) continue;
    const name = m[2].toLowerCase();
    if (m[1]) {
      if (!count.get(name)) continue;
      while (open.length && open[open.length - 1] !== name) pop();
      pop();
      continue;
    }
    if (voidTags.has(name) || m[3]) continue;
    const closes = closedBy[name];
    if (closes) while (open.length && closes.includes(open[open.length - 1]!)) pop();
    if (closesP.has(name) && open[open.length - 1] === 'p') pop();
    if (rawText.has(name)) {
      // Their content is text, not tags: skip to the end tag.
      const end = new RegExp(`</${name}`, 'ig');
      end.lastIndex = tag.lastIndex;
      tag.lastIndex = end.exec(html)?.index ?? html.length;
      push(name);
      continue;
    }
    push(name);
    if (open.length > max)
      throw new FileRefused(`网页嵌套过深（超过 ${max} 层），不像是正常的网页，无法读取`);
  }
}
