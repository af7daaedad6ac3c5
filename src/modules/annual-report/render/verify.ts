import { checkPublishedReport, type CheckedReport } from '../published/read-and-check.js';
import { figuresOf } from './layout.js';
import type { PdfTextEngine } from './pdf-engines.js';
import type { RenderInput } from './render-input.js';

/**
 * Reads a rendered report back with the project's reader and checker (as anyone checking the
 * published file would) and lists where it differs from what was rendered: the title
 * information, the format, and every figure of the three tables.
 */
export interface ReadBack {
  checked: CheckedReport;
  /** Empty when every figure was read back as rendered. */
  differences: string[];
}

export async function readBack(
  input: RenderInput,
  fileName: string,
  bytes: Uint8Array,
  opts: { pdfTextEngine?: PdfTextEngine } = {},
): Promise<ReadBack> {
  const checked = await checkPublishedReport(fileName, bytes, opts);
  const differences: string[] = [];
  const got = checked.data;
  if (!got) return { checked, differences: [`无法读取：${checked.error ?? ''}`] };
  if (got.agency !== input.agency) differences.push(`机关名称：读到 ${got.agency}，应为 ${input.agency}`);
  if (got.year !== input.year) differences.push(`年度：读到 ${got.year}，应为 ${input.year}`);
  if (got.format !== input.data.format)
    differences.push(`格式：读到 ${got.format}，应为 ${input.data.format}`);
  const read = figuresOf(got);
  const rendered = figuresOf(input.data);
  for (const [path, value] of rendered) {
    const v = read.get(path);
    if (v !== value) differences.push(`${path}：读到 ${v ?? '（无）'}，应为 ${value}`);
  }
  for (const path of read.keys())
    if (!rendered.has(path)) differences.push(`${path}：多读到 ${read.get(path)}`);
  return { checked, differences };
}
