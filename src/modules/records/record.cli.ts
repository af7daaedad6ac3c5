import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.js';
import { ValidationError } from '../../platform/errors.js';
import { snippetText } from '../search/index.js';
import { importRecords } from './record-import.service.js';
import { searchResultJson } from './record.presenter.js';
import { ensureSearchIndex, searchRecords } from './record-search.service.js';

/** `gongkai records import`, `gongkai search`, `gongkai search-index rebuild`. */
export function registerRecordCommands(program: Command, io: CliContext): void {
  const records = program.command('records').description('主动公开信息');
  records
    .command('import <file>')
    .description(
      '从原网站迁移已发布的信息（JSONL，每行 {title, body, docNumber, writtenAt, publishedAt, subject, genre, validity, keywords}）；有一行出错则全部不导入',
    )
    .requiredOption('--agency <name>', '发布机构（名称、简称或编号）')
    .option('--json', '以 JSON 输出结果')
    .action((file: string, o: { agency: string; json?: boolean }) =>
      io.withCtx(async (ctx) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          throw ValidationError.one('file', `无法读取 ${file}：文件不存在或无法打开`);
        }
        const r = await importRecords(ctx, o.agency, text);
        if (o.json) return io.out(JSON.stringify(r, null, 2));
        io.out(`已导入 ${r.imported} 条信息，索引号 ${r.first} 至 ${r.last}`);
      }),
    );

  program
    .command('search <query...>')
    .description('检索已发布的政府信息（完全匹配的短语、文号、索引号在前）')
    .option('--agency <name>', '只检索该机构及其下级机构发布的信息（名称或编号）')
    .option('--subject <class>', '主题分类（一级类目，或“一级类目\\二级类目”）')
    .option('--year <year>', '发布年份')
    .option('--validity <validity>', '有效性：inForce | expired | repealed')
    .option('--sort <sort>', 'relevance（相关度，默认）| date（发布日期）')
    .option('--page <n>', '页码', '1')
    .option('--page-size <n>', '每页条数', '10')
    .option(
      '--json',
      '以 JSON 输出：{"total", "totalApproximate", "hits": [{"indexNumber","title","docNumber","snippet","score"}]}',
    )
    .action((words: string[], o: Record<string, string | boolean | undefined>) =>
      io.withCtx(async (ctx) => {
        const r = await searchRecords(ctx, {
          q: words.join(' '),
          agency: o.agency,
          subject: o.subject,
          year: o.year,
          validity: o.validity,
          sort: o.sort,
          page: o.page,
          pageSize: o.pageSize,
        });
        if (o.json) return io.out(JSON.stringify(searchResultJson(r), null, 2));
        io.out(`共${r.totalApproximate ? '约' : ''} ${r.total} 条，第 ${r.page} 页`);
        for (const h of r.hits) {
          io.out('');
          io.out(`${h.title}${h.docNumber ? `  ${h.docNumber}` : ''}`);
          io.out(`  ${h.indexNumber}  ${h.agencyName}  ${h.publishedAt.slice(0, 10)}  得分 ${h.score}`);
          io.out(`  ${snippetText(h.snippet)}`);
        }
      }),
    );

  program
    .command('search-index')
    .description('检索索引')
    .command('rebuild')
    .description('从已发布的信息重建检索索引（恢复备份或升级后；启动时索引不全也会自动重建）')
    .action(() =>
      io.withCtx(async (ctx) => {
        const r = await ensureSearchIndex(ctx, { force: true });
        io.out(`已重建检索索引：${r.indexed} 条已发布信息`);
      }),
    );
}
