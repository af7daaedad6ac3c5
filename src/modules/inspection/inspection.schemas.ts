import { FieldProblem, integer, object, optional, text, type Field } from '../../platform/schema.js';
import { columnClassLabels, columnClasses, type ColumnClass } from './inspection.js';

/** A per-site column rule: columns whose title (or address) contains `match` are of `class`, or not checked. */
export interface ColumnRule {
  match: string;
  class: ColumnClass | 'ignore';
}

const ruleWords: Record<string, ColumnRule['class']> = {
  ...Object.fromEntries(columnClasses.map((c) => [columnClassLabels[c], c])),
  动态: 'dynamic',
  要闻: 'dynamic',
  通知: 'noticePolicy',
  政策: 'noticePolicy',
  通知公告: 'noticePolicy',
  政策文件: 'noticePolicy',
  其他: 'other',
  不检查: 'ignore',
};

/** The words a column rule may end with, for the form's hint. */
export const columnRuleHint = '每行一条：栏目名称或地址 = 动态、通知公告、政策文件、其他 或 不检查';

/** Parses the form's column rules ("工作动态 = 动态", one a line). */
export function parseColumnRules(raw: string, label = '栏目规则'): ColumnRule[] {
  const out: ColumnRule[] = [];
  raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (!line) return;
      const m = /^(.+?)\s*[=＝]\s*(.+)$/.exec(line);
      const cls = m ? ruleWords[m[2]!.trim()] : undefined;
      if (!m || !cls)
        throw new FieldProblem(
          `${label}第 ${i + 1} 行“${line}”应写成：栏目名称或地址 = 动态、通知公告、政策文件、其他 或 不检查`,
        );
      out.push({ match: m[1]!.trim(), class: cls });
    });
  return out;
}

export function columnRulesText(rules: readonly ColumnRule[]): string {
  const word: Record<ColumnRule['class'], string> = {
    dynamic: '动态',
    noticePolicy: '通知公告',
    other: '其他',
    ignore: '不检查',
  };
  return rules.map((r) => `${r.match} = ${word[r.class]}`).join('\n');
}

function siteUrl(label: string): Field<string> {
  return {
    label,
    optional: false,
    json: { type: 'string', format: 'uri', description: `${label}，例如 https://www.jinjiang.gov.cn/` },
    parse(raw, l) {
      const v = raw === undefined || raw === null ? '' : String(raw).normalize('NFKC').trim();
      if (!v) throw new FieldProblem(`请填写${l}，例如 https://www.jinjiang.gov.cn/`);
      let u: URL;
      try {
        u = new URL(v);
      } catch {
        throw new FieldProblem(`${l}“${v}”不是完整的网址，应以 http:// 或 https:// 开头`);
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:')
        throw new FieldProblem(`${l}应以 http:// 或 https:// 开头`);
      if (u.username || u.password) throw new FieldProblem(`${l}不能包含用户名或密码`);
      u.hash = '';
      return u.href;
    },
  };
}

function columnRulesField(label: string): Field<ColumnRule[]> {
  return {
    label,
    optional: true,
    json: { type: 'string', description: `${label}，${columnRuleHint}` },
    parse(raw, l) {
      const v = raw === undefined || raw === null ? '' : String(raw);
      return parseColumnRules(v, l);
    },
  };
}

function checkbox(label: string): Field<boolean> {
  return {
    label,
    optional: true,
    json: { type: 'boolean', description: label },
    parse: (raw) => raw === true || raw === 'on' || raw === '1' || raw === 'true',
  };
}

export const siteSchema = object({
  agencyId: text('主办单位', { max: 40 }),
  name: text('网站名称', { max: 100 }),
  url: siteUrl('首页地址'),
  siteCode: optional(
    text('网站标识码', {
      max: 20,
      pattern: /^[0-9A-Za-z]{6,20}$/,
      patternMessage: '网站标识码应为 6 到 20 位数字或字母，如 3505820001',
    }),
  ),
  ownPortal: checkbox('本平台门户'),
  pageLimit: integer('每次最多检查页面数', 1, 20_000),
  columnRules: columnRulesField('栏目规则'),
});
