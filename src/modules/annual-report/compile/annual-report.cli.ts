import { ValidationError } from '../../../platform/errors.js';
import { agencies } from '../../agencies/index.js';
import { build as buildReport } from './report-build.service.js';
import { narrativeFor } from './annual-report.service.js';
import { render, renderFormats, type RenderFormat } from '../render/index.js';
import * as reportFigures from './report-figures.service.js';
import { createWriteStream, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../../../platform/module.js';
import type { GovernmentLevel } from '../contract/agency-level.js';
import {
  checkPublishedReport,
  readStatusLabels,
  type CheckedReport,
  type ReadStatus,
} from '../published/read-and-check.js';
import { csvHeader, csvRows, summaryOf } from '../published/published-report.presenter.js';
import type { ReportData } from '../contract/report.js';

const READABLE = /\.(md|markdown|txt|html?|docx|pdf)$/i;

function expand(paths: string[]): string[] {
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
export function registerReportCommands(program: Command, io: CliContext): void {
  const report = program.command('report').description('政府信息公开工作年度报告');
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
        let previous: ReportData | null = null;
        if (o.previous) {
          const p = await checkPublishedReport(o.previous, safeRead(o.previous));
          previous = p.data;
        }
        const results: CheckedReport[] = [];
        const many = files.length > 1;
        for (const [i, file] of files.entries()) {
          if (many) io.progress(progressBar(i, files.length, file));
          results.push(
            await checkPublishedReport(file, safeRead(file), { previous, level: o.level ?? null }),
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

  report
    .command('build')
    .description('用平台数据生成年度报告（本级或含下级机关），并运行全部勾稽检查')
    .requiredOption('--agency <idOrName>', '机构（ID、全称或简称）')
    .requiredOption('--year <year>', '报告年度')
    .option('--scope <scope>', 'self（本级，默认）或 tree（含下级机关）', 'self')
    .requiredOption('--out <file>', '输出文件：.json、.html、.md、.docx、.xlsx 或 .pdf（按扩展名）')
    .action((o: { agency: string; year: string; scope: string; out: string }) => {
      return io.withCtx(async (ctx) => {
        if (o.scope !== 'self' && o.scope !== 'tree')
          throw ValidationError.one('scope', `--scope 应为 self 或 tree，而不是“${o.scope}”`);
        const format = extname(o.out).toLowerCase().slice(1) as RenderFormat;
        if (!(renderFormats as readonly string[]).includes(format))
          throw ValidationError.one(
            'out',
            `不支持的输出格式“${extname(o.out) || o.out}”：可用 ${renderFormats.map((f) => `.${f}`).join('、')}`,
          );
        const agency = await agencies.resolve(ctx, o.agency);
        const scope = o.scope;
        const data = await buildReport(ctx, { agencyId: agency.id, year: Number(o.year), scope });
        const narrative = await narrativeFor(ctx, agency.id, data.year!, scope, data);
        const rendered = await render(
          { data, agency: scope === 'tree' ? data.agency! : agency.name, year: data.year!, narrative },
          format,
        );
        writeFileSync(o.out, rendered.bytes);
        const errors = data.findings.filter((f) => f.severity === 'error').length;
        io.out(
          `已生成 ${data.agency}${data.year}年报告（${data.format} 格式）：${o.out}；错误 ${errors} 项，提示 ${data.findings.length - errors} 项`,
        );
        for (const f of data.findings)
          io.out(`  ${f.severity === 'error' ? '错误' : '提示'}（${f.check}）${f.message}`);
        if (errors) io.setExitCode(1);
      });
    });

  const figures = report
    .command('figures')
    .description('年报第二部分中来自其他系统的数据（行政许可、处罚、强制、收费、采购）');
  figures
    .command('import <file>')
    .description(
      '导入 CSV：表头“机构,年度,项目,数值”；项目写键（licensing.decisions）或名称（行政许可·处理决定数量）；有一行出错则全部不导入',
    )
    .action((file: string) => {
      return io.withCtx(async (ctx) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          throw ValidationError.one('file', `无法读取 ${file}：文件不存在或无法打开`);
        }
        const r = await reportFigures.importFiguresCsv(ctx, text);
        io.out(`已导入 ${r.agencies} 个机构的 ${r.figures} 项数据`);
      });
    });
}

function safeRead(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch {
    return new Uint8Array();
  }
}

function progressBar(done: number, total: number, label: string): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label.slice(-40).padEnd(40)}`;
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
