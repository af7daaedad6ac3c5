import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../../../platform/errors.js';
import type { CliContext } from '../../../platform/module.js';
import { reportSettings } from '../annual-report.settings.js';
import { findingLine } from '../contract/finding-labels.js';
import { pdfOptionsOf, render, renderFormats, type RenderFormat } from '../render/index.js';
import { renderInputOf } from './annual-report.presenter.js';
import * as annualReports from './annual-report.service.js';
import * as reportFigures from './report-figures.service.js';

/** `gongkai report build` and `gongkai report figures import`: the agency's own report. */
export function registerAnnualReportCommands(report: Command, io: CliContext): void {
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
        const doc = await annualReports.documentFor(ctx, { agency: o.agency, year: o.year, scope: o.scope });
        const rendered = await render(renderInputOf(doc), format, {
          pdf: pdfOptionsOf(reportSettings.of(ctx)),
        });
        writeFileSync(o.out, rendered.bytes);
        const errors = doc.findings.filter((f) => f.severity === 'error').length;
        io.out(
          `已生成 ${doc.data.agency}${doc.year}年报告（${doc.data.format} 格式）：${o.out}；错误 ${errors} 项，提示 ${doc.findings.length - errors} 项`,
        );
        for (const f of doc.findings) io.out(`  ${findingLine(f)}`);
        if (errors) io.setExitCode(1);
      });
    });

  const figures = report
    .command('figures')
    .description('年报第二部分中来自其他系统的数据（行政许可、处罚、强制、收费、采购）');
  figures
    .command('import <file>')
    .description(
      '导入 CSV 或 Excel 工作簿：列为“机构、年度、项目、数值”；项目写键（licensing.decisions）或名称（行政许可·处理决定数量）；有一行出错则全部不导入',
    )
    .action((file: string) => {
      return io.withCtx(async (ctx) => {
        // The file's bytes as saved: the import kit tells the encoding (UTF-8, GB18030) and XLSX from CSV.
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(file);
        } catch {
          throw ValidationError.one('file', `无法读取 ${file}：文件不存在或无法打开`);
        }
        const r = await reportFigures.importFigures(ctx, bytes);
        io.out(`已导入 ${r.agencies} 个机构的 ${r.figures} 项数据`);
      });
    });
}
