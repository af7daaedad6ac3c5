import type { GovernmentLevel } from '../contract/agency-level.js';
import { checked } from '../contract/checks.js';
import type { ReadInfo } from '../contract/read-info.js';
import { requestRows, type ReportData } from '../contract/report.js';
import type { PdfTextEngine } from '../render/pdf-engines.js';
import {
  checkTextSize,
  FileRefused,
  readerLimits,
  sandboxed,
  sibling,
  type ReaderLimits,
} from '../../../platform/sandbox/index.js';
import { detectKind } from './reader/file-kind.js';
import type { readPublishedFile } from './reader/read-file.js';

/** How much of a published report could be read. */
export type ReadStatus = 'full' | 'partial' | 'none';
export const readStatusLabels: Record<ReadStatus, string> = {
  full: '完整读取',
  partial: '部分读取',
  none: '无法读取',
};

export interface CheckedReport {
  file: string;
  status: ReadStatus;
  /** Present unless nothing could be read; `findings` filled in. */
  data: ReportData | null;
  info: ReadInfo | null;
  /** Why nothing could be read. */
  error: string | null;
}

export interface CheckOptions {
  previous?: ReportData | null;
  level?: GovernmentLevel | null;
  /** Who reads a PDF's text layer (PDF_TEXT_ENGINE); built in unless configured. */
  pdfTextEngine?: PdfTextEngine;
  /** Limits on reading the file (READER_*); the configured ones unless given. */
  limits?: ReaderLimits;
}

const readFile = sibling(import.meta.url, './reader/read-file');

/** Every check of the contract (allChecks), on a report read from its text. */
export function checkRead(data: ReportData, info: ReadInfo | null, opts: CheckOptions = {}): ReportData {
  return checked(data, { previous: opts.previous ?? null, level: opts.level ?? null, read: info });
}

function orderRequests(data: ReportData): ReportData {
  const requests: ReportData['requests'] = {};
  for (const r of requestRows) if (data.requests[r.key]) requests[r.key] = data.requests[r.key];
  return { ...data, requests };
}

/** Reads a published report (any supported kind) and checks it. Never throws for bad input. */
export async function checkPublishedReport(
  file: string,
  bytes: Uint8Array,
  opts: CheckOptions = {},
): Promise<CheckedReport> {
  try {
    if (bytes.length === 0) return { file, status: 'none', data: null, info: null, error: '文件为空' };
    // Read in a reader thread, within the limits: a hostile file costs that thread, not the server.
    const limits = opts.limits ?? readerLimits();
    // A text too large is refused here, without copying it to a reader thread.
    if (!['pdf', 'docx'].includes(detectKind(file, bytes))) checkTextSize(bytes, limits.maxTextMb);
    const { data, info } = await sandboxed<Awaited<ReturnType<typeof readPublishedFile>>>(
      readFile,
      'readPublishedFile',
      [file, bytes, { pdfTextEngine: opts.pdfTextEngine, limits }],
      limits,
    );
    const figures =
      Object.keys(data.requests).length +
      Object.keys(data.proactive).length +
      Object.keys(data.appeals).length;
    if (figures === 0) {
      return {
        file,
        status: 'none',
        data: checkRead(orderRequests(data), info, opts),
        info,
        error: '未找到年度报告的统计表（表二、表三、表四）',
      };
    }
    const complete =
      Object.values(info.sections).every(Boolean) &&
      info.missingRows.length === 0 &&
      info.unreadable.length === 0 &&
      Object.keys(data.appeals).length > 0;
    return {
      file,
      status: complete ? 'full' : 'partial',
      data: checkRead(orderRequests(data), info, opts),
      info,
      error: null,
    };
  } catch (e) {
    if (e instanceof FileRefused) return { file, status: 'none', data: null, info: null, error: e.message };
    // Anything else is a fault of ours, not of the file: its text (a stack overflow, a library's
    // own words) means nothing to a clerk and is for the operator's log (stderr) only: no logger
    // reaches this reader, which the web server, the CLI and the jobs all call.
    // eslint-disable-next-line no-console
    console.error('年报检查：读取文件时出错', e);
    return { file, status: 'none', data: null, info: null, error: '读取时出错，无法核对该文件' };
  }
}
