import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { zipEntries, zipEntryCount, ZipDamaged } from '../zip/central-directory.js';

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

/** Reads one entry's inflated bytes as they come, in chunks of at most 64 KB. */
export type ZipVisitor = (name: string) => ((chunk: Buffer) => void) | undefined;

/**
 * Opens a ZIP (DOCX, XLSX) and inflates every entry as a stream, stopping as soon as the entries
 * together pass `maxUnzippedMb` (whatever their headers claim), and counts the entries. Nothing
 * is kept: an entry is never whole in memory (a visitor sees its chunks), so measuring a bomb
 * costs time in proportion to the limit and no memory; the parser that reads the file afterwards
 * is only given files already known to be small inside.
 */
export async function checkZip(
  bytes: Uint8Array,
  limits: { maxUnzippedMb: number; maxZipEntries: number },
  visit?: ZipVisitor,
): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = () => new FileRefused('文件已损坏，或不是 Word/Excel 文档（ZIP 结构不完整）');
  const count = guarded(() => zipEntryCount(buf), damaged);
  if (count > limits.maxZipEntries)
    throw new FileRefused(
      `文件内含 ${count} 个部件，超过 ${limits.maxZipEntries} 个的上限，不像是正常的文档`,
    );
  const ceiling = limits.maxUnzippedMb * MB;
  const tooLarge = () =>
    new FileRefused(`文件解压后超过 ${mb(ceiling)}，不像是正常的文档（可能是“压缩炸弹”）`);
  let left = ceiling;
  const entries = zipEntries(buf);
  for (;;) {
    const next = guarded(() => entries.next(), damaged);
    if (next.done) break;
    const { name, method, declaredSize, compressed: raw } = next.value;
    const sink = visit?.(name);
    if (method === 0) {
      left -= raw.length;
      if (left < 0) throw tooLarge();
      sink?.(raw);
    } else if (method === 8) {
      // A declared size over what is left is refused without inflating anything.
      if (declaredSize > left) throw tooLarge();
      const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
      try {
        for await (const chunk of Readable.from([raw]).pipe(inflater) as AsyncIterable<Buffer>) {
          left -= chunk.length;
          if (left < 0) throw tooLarge();
          sink?.(chunk);
        }
      } catch (e) {
        inflater.destroy();
        if (e instanceof FileRefused) throw e;
        throw damaged();
      }
    } else throw damaged();
  }
}

/** Runs a step of the ZIP walk, turning a damaged structure into the user's refusal. */
function guarded<T>(step: () => T, damaged: () => FileRefused): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof ZipDamaged) throw damaged();
    throw e;
  }
}

/**
 * Paragraphs a Word document may have: a 100-page report has about 3,000 (each table cell is
 * one), and mammoth spends about 2.5 KB of memory per paragraph, so a document of 100,000 tiny
 * paragraphs (a few MB inflated) would exhaust a reader thread slowly instead of being refused.
 */
export const MAX_DOCX_PARAGRAPHS = 50_000;

/** checkZip for a DOCX, counting the paragraphs of its document as they are inflated. */
export function checkDocx(
  bytes: Uint8Array,
  limits: { maxUnzippedMb: number; maxZipEntries: number },
): Promise<void> {
  return checkZip(bytes, limits, (name) => {
    if (!/^word\/(document|footnotes|endnotes)\d*\.xml$/.test(name)) return undefined;
    let paragraphs = 0;
    // The last bytes of the previous chunk, so that a tag split between chunks is counted once.
    let carry = Buffer.alloc(0);
    return (chunk) => {
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const stop = data.length - 4;
      for (let i = data.indexOf('<w:p'); i >= 0 && i < stop; i = data.indexOf('<w:p', i + 4)) {
        const next = data[i + 4];
        // <w:p> or <w:p …>, not <w:pPr> or <w:proofErr>.
        if (next === 0x3e || next === 0x20 || next === 0x2f) paragraphs++;
      }
      carry = Buffer.from(data.subarray(Math.max(0, stop)));
      if (paragraphs > MAX_DOCX_PARAGRAPHS)
        throw new FileRefused(
          `文档超过 ${MAX_DOCX_PARAGRAPHS / 10_000} 万段，不像是正常的报告（一份 100 页的报告约 3000 段）`,
        );
    };
  });
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
