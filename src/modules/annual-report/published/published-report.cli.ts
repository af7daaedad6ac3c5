import { readdirSync, readFileSync, statSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { progressBar } from '../../../platform/import/index.js';
import type { CliContext } from '../../../platform/module.js';
import { reportSettings } from '../annual-report.settings.js';
import type { GovernmentLevel } from '../contract/agency-level.js';
import type { ReportData } from '../contract/report.js';
import { csvHeader, csvRows, summaryOf } from './published-report.presenter.js';
import {
  checkPublishedReport,
  readStatusLabels,
  type CheckedReport,
  type ReadStatus,
} from './read-and-check.js';

const READABLE = /\.(md|markdown|txt|html?|docx|pdf)$/i;

/** Files and directories (searched recursively for readable reports) as a list of files. */
export function expand(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      files.push(p); // reported as unreadable
      continue;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const full = join(p, name);
        if (statSync(full).isDirectory()) files.push(...expand([full]));
        else if (READABLE.test(name)) files.push(full);
      }
    } else files.push(p);
  }
  return files;
}

/** `gongkai report check <file|dir>…`: read published reports and check them. */
export function registerCheckCommand(report: Command, io: CliContext): void {
  report
    .command('check <paths...>')
    .description('读取并检查已发布的年度报告（Markdown、HTML、DOCX、PDF、纯文本；可给目录）')
    .option('--json', '输出年度报告数据（JSON，多个文件时为数组）')
    .option('--csv <file>', '把读到的每个数字写入 CSV 文件')
    .option(
      '--level <level>',
      '机构层级（provincial、prefectural、county、township），用于合理性检查；默认按机构名称判断',
    )
    .option('--previous <file>', '上一年度的报告，用于年度衔接（year-chain）和存量（stock）检查')
    .action(
      async (
        paths: string[],
        o: { json?: boolean; csv?: string; level?: GovernmentLevel; previous?: string },
      ) => {
        const files = expand(paths);
        // Reading files needs no database: the settings come from the environment alone.
        const { pdfTextEngine } = io.settings(reportSettings);
        let previous: ReportData | null = null;
        if (o.previous) {
          const bytes = readOrWhy(o.previous);
          if (typeof bytes === 'string') {
            io.err(`上一年度的报告 ${o.previous}：${bytes}`);
            io.setExitCode(2);
            return;
          }
          previous = (await checkPublishedReport(o.previous, bytes, { pdfTextEngine })).data;
        }
        const results: CheckedReport[] = [];
        const many = files.length > 1;
        for (const [i, file] of files.entries()) {
          if (many) io.progress(progressBar(i, files.length, file));
          const bytes = readOrWhy(file);
          results.push(
            typeof bytes === 'string'
              ? { file, status: 'none', data: null, info: null, error: bytes }
              : await checkPublishedReport(file, bytes, { previous, level: o.level ?? null, pdfTextEngine }),
          );
        }
        if (many) io.progress(`${progressBar(files.length, files.length, '完成')}\n`);

        if (o.json) {
          const docs = results.map((r) => r.data ?? { file: r.file, error: r.error });
          io.out(JSON.stringify(many ? docs : docs[0], null, 2));
        } else {
          for (const r of results) {
            io.out(summaryOf(r));
            io.out('');
          }
          if (many) io.out(summaryTable(results));
        }
        if (o.csv) {
          const stream = createWriteStream(o.csv);
          stream.write(`${csvHeader.join(',')}\n`);
          for (const r of results) for (const row of csvRows(r)) stream.write(`${row}\n`);
          await new Promise<void>((resolve, reject) =>
            stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
          );
        }
        const unreadable = results.some((r) => r.status === 'none');
        const errors = results.some((r) => r.data?.findings.some((f) => f.severity === 'error'));
        io.setExitCode(unreadable ? 2 : errors ? 1 : 0);
      },
    );
}

/** The file's bytes, or why they cannot be read (a missing file is not an empty one). */
export function readOrWhy(file: string): Uint8Array | string {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? '找不到该文件' : code === 'EACCES' ? '没有读取该文件的权限' : '无法打开该文件';
  }
}

/** The directory summary: how many read fully, partly, not at all; findings by check. */
export function summaryTable(results: CheckedReport[]): string {
  const byStatus: Record<ReadStatus, number> = { full: 0, partial: 0, none: 0 };
  const byCheck = new Map<string, { error: number; warning: number }>();
  for (const r of results) {
    byStatus[r.status]++;
    for (const f of r.data?.findings ?? []) {
      const c = byCheck.get(f.check) ?? { error: 0, warning: 0 };
      c[f.severity]++;
      byCheck.set(f.check, c);
    }
  }
  const lines = [
    `共 ${results.length} 份报告：${(Object.keys(byStatus) as ReadStatus[]).map((s) => `${readStatusLabels[s]} ${byStatus[s]}`).join('，')}`,
  ];
  if (byCheck.size) {
    lines.push('检查项         错误   提示');
    for (const [check, c] of [...byCheck].sort())
      lines.push(`${check.padEnd(14)} ${String(c.error).padStart(4)}   ${String(c.warning).padStart(4)}`);
  }
  return lines.join('\n');
}
