/**
 * The text layer of a PDF with pdf.js (`pdfjs-dist`, its legacy build for Node), laid out the way
 * `pdftotext -layout` lays it out, closely enough for the report reader: the text runs of a page
 * are grouped into lines by their baselines, ordered top to bottom and left to right, and the
 * horizontal gaps between runs become spaces in proportion to their width, so the cells of a
 * table row stay on one line, apart. No system package is needed.
 */

export class PdfTextError extends Error {
  constructor(
    message: string,
    /** 'damaged' | 'encrypted' */
    readonly reason: 'damaged' | 'encrypted',
  ) {
    super(message);
  }
}

/** One text run placed on its page: baseline y grows downwards from the top. */
export interface PlacedRun {
  text: string;
  x: number;
  /** Right edge. */
  x1: number;
  y: number;
  size: number;
}

interface PdfjsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<Pdfjs> | null = null;

/** pdf.js, loaded once per process on first use. */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** The runs of every page, in the order pdf.js gives them. */
export async function pdfRuns(bytes: Uint8Array): Promise<PlacedRun[][]> {
  const { getDocument } = await loadPdfjs();
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfTextError('PDF 受密码保护', 'encrypted');
    throw new PdfTextError('PDF 已损坏', 'damaged');
  }
  try {
    const pages: PlacedRun[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: PlacedRun[] = [];
      for (const item of content.items as PdfjsTextItem[]) {
        if (typeof item.str !== 'string' || item.str === '') continue;
        const [a, b, c, d, e, f] = item.transform as [number, number, number, number, number, number];
        // Horizontal text only (as pdftotext's layout mode keeps it); rotated runs go to their own line.
        const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
        const [x, y] = viewport.convertToViewportPoint(e, f) as [number, number];
        runs.push({
          text: foldRadicals(item.str),
          x,
          x1: x + (item.width || size * item.str.length),
          y,
          size,
        });
      }
      pages.push(runs);
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

const isBlank = (s: string) => /^\s*$/.test(s);

// CJK Radicals Supplement → the ideograph a simplified-Chinese font draws with the same glyph.
// Chromium (and other writers) map shared glyphs back to the radical code points; poppler
// answers with the ideograph, and so must we (labels are matched on ideographs).
const RADICALS_FROM = '⺌⺍⺗⺠⺧⺫⺮⺳⺶⻄⻅⻆⻈⻉⻋⻍⻑⻓⻔⻖⻗⻘⻙⻚⻛⻜⻝⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳⼾';
const RADICALS_TO = '小小心民牛目竹网羊西见角讠贝车辶長长门阝雨青韦页风飞食饣马骨鬼鱼鸟卤麦黄黾齐齿龙龟户';
const radicals = new Map([...RADICALS_FROM].map((ch, i) => [ch, [...RADICALS_TO][i]!]));

/** Kangxi radicals (U+2F00–U+2FDF) by compatibility decomposition, supplement radicals by the table. */
export function foldRadicals(text: string): string {
  if (!/[\u2e80-\u2fdf]/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x2e80 || code > 0x2fdf) out += ch;
    else out += radicals.get(ch) ?? (code >= 0x2f00 ? ch.normalize('NFKC') : ch);
  }
  return out;
}

/**
 * The runs of one page as lines of text: runs whose baselines lie within a third of their size
 * of each other share a line; within a line the runs go left to right, a gap wider than a fifth of
 * the font size becomes one space per half em (at least one).
 */
export function layoutLines(runs: PlacedRun[]): string[] {
  const sorted = runs.filter((r) => !isBlank(r.text)).sort((p, q) => p.y - q.y || p.x - q.x);
  const lines: PlacedRun[][] = [];
  let current: PlacedRun[] = [];
  let baseline = Number.NEGATIVE_INFINITY;
  let size = 0;
  for (const r of sorted) {
    if (current.length && Math.abs(r.y - baseline) <= Math.max(size, r.size) * 0.35) {
      current.push(r);
      continue;
    }
    if (current.length) lines.push(current);
    current = [r];
    baseline = r.y;
    size = r.size;
  }
  if (current.length) lines.push(current);
  const em = median(sorted.map((r) => r.size)) || 10;
  // Where the page's text starts on the left: indentation is counted from there.
  const left = Math.min(...sorted.map((r) => r.x));
  return lines.map((line) => {
    line.sort((p, q) => p.x - q.x);
    let out = ' '.repeat(Math.max(0, Math.round((line[0]!.x - left) / (em * 0.5))));
    let end = line[0]!.x;
    for (const r of line) {
      const gap = r.x - end;
      if (out.trim() !== '' && gap > r.size * 0.2)
        out += ' '.repeat(Math.max(1, Math.round(gap / (r.size * 0.5))));
      out += r.text.replace(/\s+/g, ' ');
      end = Math.max(end, r.x1);
    }
    return out.replace(/\s+$/, '');
  });
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The text of a PDF as `pdftotext -layout` would give it (pages separated by an empty line). */
export async function pdfLayoutText(bytes: Uint8Array): Promise<string> {
  const pages = await pdfRuns(bytes);
  return pages.map((runs) => layoutLines(runs).join('\n')).join('\n\n');
}
