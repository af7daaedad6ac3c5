import type { Ctx } from '../../platform/context.js';
import type { Agency } from '../agencies/index.js';
import { hotline } from '../hotline/index.js';

// A year of 12345 工单 for the demo city (2020, the year of its annual report): about a hundred a
// month, spread over the departments and towns, as the hotline's own system would export them,
// imported through the same path as a real export. The seed reports 办结率 and 反馈率 of 100%:
// every valid ticket here is closed and visited; a few are late, a few rated 不满意.

const departments = [
  '晋江市公安局',
  '晋江市人力资源和社会保障局',
  '晋江市住房和城乡建设局',
  '晋江市城市管理局',
  '晋江市市场监督管理局',
  '晋江市教育局',
  '晋江市交通运输局',
  '晋江市卫生健康局',
  '晋江市民政局',
];
const townships = ['磁灶镇人民政府', '安海镇人民政府', '陈埭镇人民政府', '青阳街道办事处', '新塘街道办事处'];

const subjects: Array<[type: string, text: string, days: number]> = [
  ['咨询', '咨询社保关系转移需要哪些材料', 3],
  ['咨询', '咨询新生儿落户办理流程', 3],
  ['咨询', '咨询公租房申请条件', 3],
  ['求助', '老旧小区停水，请求尽快抢修', 3],
  ['求助', '路灯损坏多日，夜间出行不便', 3],
  ['投诉', '夜间施工噪音扰民', 15],
  ['投诉', '店铺占道经营影响通行', 15],
  ['投诉', '物业收费不合理', 15],
  ['举报', '举报无证经营餐饮', 15],
  ['建议', '建议在学校周边增设人行横道', 15],
  ['表扬', '表扬窗口工作人员服务热情', 15],
];

/** A small deterministic generator, so every demo shows the same figures. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function loadHotline(ctx: Ctx, made: Record<string, Agency>): Promise<void> {
  const next = random(2020);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const lines = ['工单编号,受理时间,诉求类型,诉求内容,承办单位,办理时限,办结时间,回访时间,满意度,是否有效'];
  const hour = 3_600_000;
  for (let month = 1; month <= 12; month++) {
    for (let k = 1; k <= 100; k++) {
      const day = 1 + Math.floor(next() * 28);
      // Beijing wall-clock time, written as UTC fields (the export has no time zone).
      const received = Date.UTC(2020, month - 1, day, 8 + Math.floor(next() * 10), Math.floor(next() * 60));
      const [type, text, days] = pick(subjects);
      const agency = next() < 0.6 ? pick(departments) : pick(townships);
      if (!made[agency]) throw new Error(`demo: unknown agency ${agency}`);
      const due = received + days * 24 * hour;
      const valid = next() < 0.97;
      const late = next() < 0.03;
      const closed = late ? due + 26 * hour : received + (4 + next() * (days * 24 - 8)) * hour;
      const visited = closed + 20 * hour;
      const r = next();
      const grade =
        r < 0.06
          ? '未评价'
          : r < 0.58
            ? '非常满意'
            : r < 0.9
              ? '满意'
              : r < 0.96
                ? '基本满意'
                : r < 0.99
                  ? '不满意'
                  : '非常不满意';
      lines.push(
        [
          `GD2020${pad(month)}${String(k).padStart(4, '0')}`,
          at(received),
          type,
          `${text}（${agency.replace(/人民政府|办事处/, '')}）`,
          agency,
          at(due),
          valid ? at(closed) : '',
          valid ? at(visited) : '',
          valid ? grade : '未评价',
          valid ? '是' : '否',
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  await hotline.importTickets(ctx, Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
}
