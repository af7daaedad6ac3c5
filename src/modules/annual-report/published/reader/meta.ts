import { fold } from './normalize.js';
import type { ReportFormat } from '../../contract/report.js';

/** Year, agency and format as the report states them; null where it does not. */
export function detectYear(raw: string): number | null {
  const head = fold(raw).slice(0, 1500).replace(/\s+/g, '');
  const title = /(20\d{2})年度?([\u3400-\u9fff]{0,24}?)(政府信息公开|政务公开)(工作)?(年度)?报告/.exec(head);
  if (title) return Number(title[1]);
  const period = /统计期限?(为|自|是)?(20\d{2})年1月1日/.exec(head);
  if (period) return Number(period[2]);
  const any = /(20\d{2})年/.exec(head);
  return any ? Number(any[1]) : null;
}

export function detectAgency(raw: string): string | null {
  const lines = fold(raw)
    .split('\n')
    .map((l) => l.replace(/^[#\s*]+|[\s*]+$/g, ''))
    .filter(Boolean)
    .slice(0, 12);
  const joined = lines.join('').replace(/\s+/g, '');
  const title =
    /([\u3400-\u9fff（）()]{2,40}?)(20\d{2})年度?([\u3400-\u9fff]{0,24}?)(政府信息公开|政务公开)(工作)?(年度)?报告/.exec(
      joined,
    );
  if (!title) return null;
  // Page furniture before the title: breadcrumbs ("首页政务公开…年报"), "正文", "来源：".
  const before = title[1]!.replace(/^.*(年报|报告|正文|首页|当前位置|链接|时间|来源)[:：]?/, '');
  const after = title[3]!;
  const name = before.length >= 2 ? before : after;
  return name.length >= 2 ? name : null;
}

const markers2021 = /本年制发件数|本年废止件数|现行有效件数|本年收费金额|逾期不补正|缴纳费用/;
const markers2019 =
  /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|政府集中采购|第二十条第\s*[(（]\s*九/;

/** The layout the tables are printed in; the year decides only when the tables do not show it. */
export function detectFormat(raw: string, year: number | null): ReportFormat {
  const t = fold(raw);
  const is2021 = markers2021.test(t);
  const is2019 = markers2019.test(t);
  if (is2021 && !is2019) return '2021';
  if (is2019 && !is2021) return '2019';
  return year !== null && year <= 2020 ? '2019' : '2021';
}
