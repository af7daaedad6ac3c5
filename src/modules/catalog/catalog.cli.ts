import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.js';
import { ValidationError } from '../../platform/errors.js';
import * as catalogs from './catalog-use-cases.js';

/** `gongkai catalog export` and `gongkai catalog import`: the standard workbook in and out. */
export function registerCatalogCommands(program: Command, io: CliContext): void {
  const cmd = program.command('catalog').description('基层政务公开标准目录');
  cmd
    .command('export')
    .description('把机构某一领域的标准目录导出为 Excel 工作簿（标准格式：标题行、两行表头）')
    .requiredOption('--agency <name>', '机构（名称、简称或编号）')
    .requiredOption('--domain <code>', '领域代码（如 majorProjects）或领域名称（如 重大建设项目）')
    .requiredOption('--out <file>', '输出文件，如 目录.xlsx')
    .action((o: { agency: string; domain: string; out: string }) =>
      io.withCtx(async (ctx) => {
        const { bytes, agencyName, catalog } = await catalogs.exportExcelForAgency(ctx, o.agency, o.domain);
        writeFileSync(o.out, bytes);
        io.out(
          `已导出 ${agencyName} ${catalog.domainName}目录（${catalog.itemCount} 项，第 ${catalog.version} 版）到 ${o.out}`,
        );
      }),
    );
  cmd
    .command('import <file>')
    .description(
      '从 Excel 工作簿导入标准目录（领域按标题行识别，或用 --domain 指定）；有一处错误则整表不导入',
    )
    .requiredOption('--agency <name>', '机构（名称、简称或编号）')
    .option('--domain <code>', '领域代码，如 majorProjects')
    .action((file: string, o: { agency: string; domain?: string }) =>
      io.withCtx(async (ctx) => {
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch {
          throw ValidationError.one('file', `无法读取 ${file}：文件不存在或无法打开`);
        }
        const r = await catalogs.importExcelForAgency(ctx, o.agency, bytes, o.domain);
        const d = r.diff;
        if (!r.created && !d.added.length && !d.removed.length && !d.changed.length)
          return io.out(`“${r.catalog.domainName}”目录与工作簿相同，未作改动（第 ${r.catalog.version} 版）`);
        io.out(
          `${r.created ? '已新建' : '已更新'}“${r.catalog.domainName}”目录（第 ${r.catalog.version} 版）：新增 ${d.added.length} 项，删除 ${d.removed.length} 项，修改 ${d.changed.length} 项`,
        );
      }),
    );
}
