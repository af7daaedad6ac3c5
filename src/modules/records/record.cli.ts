import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { importRecords } from './record-import.js';

export interface RecordCliIo {
  out(line: string): void;
  withCtx(fn: (ctx: Ctx) => Promise<void>): Promise<void>;
}

/** `gongkai records import`. */
export function registerRecordCommands(program: Command, io: RecordCliIo): void {
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
}
