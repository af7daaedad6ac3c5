/** What `gongkai report import` prints: a line per file, then the summary, in Chinese. */
import { refusalLabels, type ImportOutcome, type RefusalKind } from './report-import.service.js';

const fromLabels = { file: '文件', option: '命令选项' } as const;

export function importLine(o: ImportOutcome): string {
  if (!o.recorded) return `✖ 未导入 ${o.file}：${o.reason}`;
  const source =
    o.agencyFrom === o.yearFrom
      ? `机构和年度取自${fromLabels[o.agencyFrom]}`
      : `机构取自${fromLabels[o.agencyFrom]}，年度取自${fromLabels[o.yearFrom]}`;
  const replaced = o.replaced ? `；替换了原记录“${o.replaced}”` : '';
  return `✔ 已记录 ${o.file} → ${o.agency} ${o.year} 年度（${source}；检查发现错误 ${o.errors} 处、提示 ${o.warnings} 处${replaced}）`;
}

/** 共 5 个文件：已记录 3 份，未导入 2 份（未写明机构 1，未写明年度 1）. */
export function importSummary(outcomes: ImportOutcome[], replace: boolean): string {
  const recorded = outcomes.filter((o) => o.recorded).length;
  const byWhy = new Map<RefusalKind, number>();
  for (const o of outcomes) if (!o.recorded) byWhy.set(o.why, (byWhy.get(o.why) ?? 0) + 1);
  const refused = outcomes.length - recorded;
  const why = [...byWhy].map(([k, n]) => `${refusalLabels[k]} ${n}`).join('，');
  const replacedCount = outcomes.filter((o) => o.recorded && o.replaced).length;
  return [
    `共 ${outcomes.length} 个文件：已记录 ${recorded} 份${replacedCount ? `（其中替换原记录 ${replacedCount} 份）` : ''}，未导入 ${refused} 份${refused ? `（${why}）` : ''}`,
    replace
      ? '同一机构同一年度已有记录的，已用本次导入的报告替换（原记录保留在年报检查中）'
      : '同一机构同一年度已有记录的不导入；如需替换，请加 --replace',
  ].join('\n');
}
