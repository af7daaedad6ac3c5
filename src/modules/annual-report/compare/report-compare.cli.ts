import type { Command } from 'commander';
import { progressBar } from '../../../platform/import/index.js';
import { ValidationError } from '../../../platform/errors.js';
import type { CliContext } from '../../../platform/module.js';
import { reportSettings } from '../annual-report.settings.js';
import { expand, readOrWhy } from '../published/published-report.cli.js';
import { checkPublishedReport } from '../published/read-and-check.js';
import { compare, type ComparedReport } from './compare.js';
import { comparisonText } from './compare.presenter.js';
import { importLine, importSummary } from './report-import.presenter.js';
import { importReports } from './report-import.service.js';

/**
 * `gongkai report compare <files…>` (no database: reads the files, prints indicators and the
 * cross-year findings) and `gongkai report import <dir|files…>` (records each as an agency's
 * published report for a year).
 */
export function registerCompareCommands(report: Command, io: CliContext): void {
  report
    .command('compare <paths...>')
    .description(
      '比较已发布的年度报告（可给目录）：各机构各年度的公开率等指标，以及相邻年度之间的年度衔接、存量检查',
    )
    .option('--json', '输出 JSON：reports、indicators、findings')
    .action(async (paths: string[], o: { json?: boolean }) => {
      const files = expand(paths);
      if (files.length === 0) {
        io.err('没有找到可比较的报告文件（Markdown、HTML、DOCX、PDF、纯文本）');
        io.setExitCode(2);
        return;
      }
      const { pdfTextEngine, compareMinCases } = io.settings(reportSettings);
      const many = files.length > 1;
      const read: ComparedReport[] = [];
      const unreadable: string[] = [];
      for (const [i, file] of files.entries()) {
        if (many) io.progress(progressBar(i, files.length, file));
        const bytes = readOrWhy(file);
        const checked =
          typeof bytes === 'string' ? null : await checkPublishedReport(file, bytes, { pdfTextEngine });
        if (checked?.data && checked.status !== 'none') read.push({ file, data: checked.data });
        else
          unreadable.push(`无法读取 ${file}：${typeof bytes === 'string' ? bytes : (checked?.error ?? '')}`);
      }
      if (many) io.progress(`${progressBar(files.length, files.length, '完成')}\n`);
      const { comparison, findings } = compare(read);
      for (const line of unreadable) io.err(line);
      io.out(o.json ? JSON.stringify(comparison, null, 2) : comparisonText(read, findings, compareMinCases));
      const errors = findings.some((f) => f.severity === 'error');
      io.setExitCode(unreadable.length ? 2 : errors ? 1 : 0);
    });

  report
    .command('import <paths...>')
    .description(
      '导入已发布的年度报告（可给目录）：读取并检查每个文件，记为该机构该年度的年度报告；机构、年度以文件写明的为准',
    )
    .option('--agency <idOrName>', '文件未写明机构时所属的机构（ID、全称或简称）')
    .option('--year <year>', '文件未写明年度时的报告年度')
    .option('--replace', '同一机构同一年度已有记录时，用本次导入的报告替换（默认不导入该文件）')
    .addHelpText(
      'after',
      [
        '',
        '机构的认定：报告写明的机构名称先与本平台机构的全称、简称比对，再去掉末尾的“人民政府”比对',
        '（如“磁灶镇人民政府”对应“磁灶镇”）；不做模糊匹配。写明的机构不在本平台、或对应多个机构的，',
        '不导入，即使给了 --agency；--agency 只用于未写明机构的文件。',
      ].join('\n'),
    )
    .action((paths: string[], o: { agency?: string; year?: string; replace?: boolean }) => {
      return io.withCtx(async (ctx) => {
        if (o.year !== undefined && !/^\d{4}$/.test(o.year.trim()))
          throw ValidationError.one('year', `--year 应为四位年份，而不是“${o.year}”`);
        const files = expand(paths).map((name) => ({
          name,
          read: () => {
            const bytes = readOrWhy(name);
            return typeof bytes === 'string' ? { unreadable: bytes } : bytes;
          },
        }));
        if (files.length === 0) throw ValidationError.one('paths', '没有找到可导入的报告文件');
        const many = files.length > 1;
        const outcomes = await importReports(
          ctx,
          files,
          { agency: o.agency, year: o.year === undefined ? undefined : Number(o.year), replace: !!o.replace },
          (done, total, file) => {
            if (many) io.progress(progressBar(done, total, done === total ? '完成' : file));
          },
        );
        if (many) io.progress('\n');
        for (const outcome of outcomes) io.out(importLine(outcome));
        io.out(importSummary(outcomes, !!o.replace));
        io.setExitCode(outcomes.every((x) => x.recorded) ? 0 : 1);
      });
    });
}
