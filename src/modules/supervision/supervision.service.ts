import { beijingDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { agencies, type Agency } from '../agencies/index.js';
import { reportTimeliness, type ReportTimeliness } from '../annual-report/index.js';
import { hotline } from '../hotline/index.js';
import { siteListPage, vetoLabels } from '../inspection/index.js';
import { mediaActivity, platformLabels } from '../media/index.js';
import { gradeLabels, messages } from '../messages/index.js';
import { records } from '../records/index.js';
import { cases, dueText } from '../requests/index.js';
import {
  figureKeys,
  figureLabels,
  periodOf,
  rankByRate,
  reportYearsOf,
  type FigureKey,
  type Period,
  type RankedRate,
} from './supervision.js';
import { scopes } from './supervision.policy.js';
import { supervisionFilterSchema, type SupervisionFilter } from './supervision.schemas.js';
import { supervisionSettings } from './supervision.settings.js';

/**
 * The supervision dashboard (issue 18): over the viewer's subtree (or one agency of it) and a
 * period, each figure a number that opens its list; the rankings of agencies by 按时答复率 and
 * 按时发布率. Nothing personal: cases are listed by 受理编号/来信编号, agency, dates and state.
 */

/** Who and what the figures are read over. */
export interface Scope {
  filter: SupervisionFilter;
  period: Period;
  /** The subtrees counted: the viewer's, or the chosen agency's. */
  paths: string[];
  /** The agencies counted (the subtrees' agencies), by id. */
  ids: Set<string>;
  /** The viewer's agencies, in tree order, for the filter. */
  choices: Agency[];
  agency: Agency | null;
}

async function scopeOf(ctx: Ctx, raw: unknown): Promise<Scope> {
  const own = scopes(ctx.actor, 'view');
  if (own.length === 0) throw new ForbiddenError('您没有查看监督统计的权限');
  const filter = supervisionFilterSchema.parse(raw);
  // Dates filled in choose the range, whatever the select says: the form has both.
  const kind = filter.from || filter.to ? 'range' : (filter.period ?? 'thisYear');
  if (kind === 'range') {
    const missing = [
      ...(filter.from ? [] : [{ field: 'from', message: '请填写起始日期' }]),
      ...(filter.to ? [] : [{ field: 'to', message: '请填写截止日期' }]),
    ];
    if (missing.length) throw new ValidationError(missing);
    if (filter.from! > filter.to!) throw ValidationError.one('to', '截止日期应不早于起始日期');
  }
  const today = beijingDate(ctx.clock.now());
  const period = periodOf(kind, today, { from: filter.from ?? today, to: filter.to ?? today });
  const choices = (await agencies.listForStaff(ctx)).filter((a) => own.some((p) => a.path.startsWith(p)));
  let agency: Agency | null = null;
  if (filter.agency) {
    agency = choices.find((a) => a.id === filter.agency) ?? null;
    if (!agency) throw ValidationError.one('agency', '所选机构不在您的监督范围内');
  }
  const paths = agency ? [agency.path] : own;
  const ids = new Set(choices.filter((a) => paths.some((p) => a.path.startsWith(p))).map((a) => a.id));
  return { filter: { ...filter, period: kind }, period, paths, ids, choices, agency };
}

/** One line of a figure's list: the cells as shown and downloaded, and the case's own page. */
export interface ListRow {
  cells: string[];
  href: string | null;
}

export interface FigureList {
  key: FigureKey;
  head: string[];
  rows: ListRow[];
}

/** Loads what the figures need once per page (the 来信 queue serves two figures). */
class Loader {
  private memo = new Map<string, Promise<unknown>>();
  constructor(
    readonly ctx: Ctx,
    readonly s: Scope,
  ) {}
  private once<T>(key: string, f: () => Promise<T>): Promise<T> {
    if (!this.memo.has(key)) this.memo.set(key, f());
    return this.memo.get(key) as Promise<T>;
  }
  replied = () =>
    this.once('replied', () =>
      cases.repliedBetween(this.ctx, this.s.paths, this.s.period.from, this.s.period.to),
    );
  published = () =>
    this.once('published', () =>
      records.publicationTimeliness(this.ctx, this.s.paths, this.s.period.from, this.s.period.to),
    );
  letters = () => this.once('letters', () => messages.queue(this.ctx));
  reports = () =>
    this.once('reports', () => reportTimeliness(this.ctx, this.s.paths, reportYearsOf(this.s.period)));
}

const dueOrDash = (d: string | null) => d ?? '—';

/** Each figure's list: its columns and its rows, computed over the scope. */
const lists: Record<FigureKey, (l: Loader) => Promise<Omit<FigureList, 'key'>>> = {
  async requestsOverdue(l) {
    const open = (await cases.findOverdue(l.ctx)).filter((i) => l.s.ids.has(i.agencyId));
    return {
      head: ['受理编号', '受理机关', '收到申请日期', '答复期限', '超期工作日'],
      rows: open.map((i) => ({
        cells: [
          i.acceptanceNumber,
          i.agencyName,
          i.receivedOn,
          dueText(i.deadline) ?? '—',
          String(-(i.deadline.remaining ?? 0)),
        ],
        href: `/admin/requests/${i.id}`,
      })),
    };
  },
  async requestsLate(l) {
    const late = (await l.replied()).filter((c) => c.late);
    return {
      head: ['受理编号', '受理机关', '收到申请日期', '答复期限', '答复日期'],
      rows: late.map((c) => ({
        cells: [c.acceptanceNumber, c.agencyName, c.receivedOn, dueOrDash(c.due), c.repliedOn],
        href: `/admin/requests/${c.id}`,
      })),
    };
  },
  async recordsLate(l) {
    const { late } = await l.published();
    return {
      head: ['索引号', '标题', '发布机关', '形成或者变更日期', '应发布日期', '发布日期'],
      rows: late.map((r) => ({
        cells: [r.indexNumber ?? '—', r.title, r.agencyName, r.formedOn, r.deadline, r.publishedOn],
        href: `/admin/records/${r.id}`,
      })),
    };
  },
  async reportsLate(l) {
    const { from, to } = l.s.period;
    const late = (await l.reports()).filter((r) => r.late && r.deadline >= from && r.deadline <= to);
    return { head: reportHead, rows: late.map(reportRow) };
  },
  async reportsWithErrors(l) {
    return { head: reportHead, rows: (await l.reports()).filter((r) => r.errors > 0).map(reportRow) };
  },
  async lettersOverdue(l) {
    const q = await l.letters();
    const over = q.items.filter((i) => i.clock.overdue && l.s.ids.has(i.agencyId));
    return {
      head: ['来信编号', '办理机关', '类别', '收到日期', '办理期限', '办理阶段'],
      rows: over.map((i) => ({
        cells: [
          i.number,
          i.agencyName,
          i.regimeLabel,
          i.receivedOn,
          dueOrDash(i.clock.due?.due ?? null),
          i.stageLabel,
        ],
        href: `/admin/letters/${i.id}`,
      })),
    };
  },
  async ratingsUnfixed(l) {
    const names = new Map(l.s.choices.map((a) => [a.id, a.name]));
    const bad = (await l.letters()).badRatingsOpen.filter((r) => l.s.ids.has(r.agencyId));
    return {
      head: ['被评价机关', '评价对象', '评价等级', '评价日期', '整改期限', '是否逾期'],
      rows: bad.map((r) => ({
        cells: [
          names.get(r.agencyId) ?? '',
          r.subjectType === 'request' ? '依申请公开答复' : '来信答复',
          gradeLabels[r.grade],
          r.ratedOn,
          dueOrDash(r.fixDue),
          r.fixOverdue ? '已逾期' : '未逾期',
        ],
        href:
          r.subjectType === 'request' ? `/admin/requests/${r.subjectId}` : `/admin/letters/${r.subjectId}`,
      })),
    };
  },
  async siteVetoes(l) {
    const page = await siteListPage(l.ctx);
    const vetoed = page.rows.filter(
      (r) => r.site.active && (r.latest?.vetoCodes.length ?? 0) > 0 && l.s.ids.has(r.site.agencyId),
    );
    return {
      head: ['网站名称', '主办单位', '首页地址', '单项否决', '检查完成时间'],
      rows: vetoed.map((r) => ({
        cells: [
          r.site.name,
          r.site.agencyName,
          r.site.url,
          r.latest!.vetoCodes.map((c) => vetoLabels[c]).join('、'),
          r.latest!.finishedAt ? beijingDate(new Date(r.latest!.finishedAt)) : '—',
        ],
        href: `/admin/inspection/sites/${r.site.id}`,
      })),
    };
  },
  async mediaInactive(l) {
    const inactive = (await mediaActivity.check(l.ctx, l.s.paths)).filter((c) => c.level === 'veto');
    return {
      head: ['账号名称', '平台', '主办单位', '最近更新日期', '未更新天数'],
      rows: inactive.map((c) => ({
        cells: [
          c.account.name,
          platformLabels[c.account.platform],
          c.account.agencyName,
          c.account.lastPostOn ?? '—',
          c.days === null ? '—' : String(c.days),
        ],
        href: `/admin/media/${c.account.id}`,
      })),
    };
  },
};

const reportHead = ['机关', '报告年度', '法定发布日期', '发布日期', '检查发现的错误'];
function reportRow(r: ReportTimeliness): ListRow {
  return {
    cells: [
      r.agencyName,
      `${r.year} 年`,
      r.deadline,
      r.publishedOn ?? (r.recordedId ? '平台外发布' : '尚未发布'),
      r.errors > 0 ? `${r.errors} 处` : '—',
    ],
    href: r.recordedId ? `/admin/reports/${r.recordedId}` : null,
  };
}

export interface Figure {
  key: FigureKey;
  group: string;
  label: string;
  note: string;
  count: number;
}

export interface Dashboard {
  scope: Scope;
  figures: Figure[];
  rankings: Array<{ title: string; rows: RankedRate[] }>;
  minCases: number;
}

/** The dashboard: every figure's count over the scope, and the two rankings. */
export async function dashboard(ctx: Ctx, raw: unknown): Promise<Dashboard> {
  const s = await scopeOf(ctx, raw);
  const l = new Loader(ctx, s);
  const figures: Figure[] = [];
  for (const key of figureKeys) {
    // The records' late count is the grouped query's; the list behind it reads the same rule.
    const count =
      key === 'recordsLate'
        ? (await l.published()).byAgency.reduce((n, a) => n + a.late, 0)
        : (await lists[key](l)).rows.length;
    figures.push({ key, ...figureLabels[key], count });
  }
  const minCases = supervisionSettings.of(ctx).minCases;
  const names = new Map(s.choices.map((a) => [a.id, a.name]));
  const repliedBy = new Map<string, { cases: number; met: number }>();
  for (const c of await l.replied()) {
    const t = repliedBy.get(c.agencyId) ?? { cases: 0, met: 0 };
    t.cases++;
    if (!c.late) t.met++;
    repliedBy.set(c.agencyId, t);
  }
  const rate = (id: string, t: { cases: number; met: number }) => ({
    agencyId: id,
    agencyName: names.get(id) ?? '',
    ...t,
  });
  // 12345 工单 come as counts from the hotline's own system: a ranking, not a list of cases.
  const tickets = (await hotline.countsWithin(ctx, s.paths, s.period.from, s.period.to)).filter(
    (c) => s.ids.has(c.agencyId) && c.closed > 0,
  );
  return {
    scope: s,
    figures,
    minCases,
    rankings: [
      {
        title: '按时答复率（依申请公开）',
        rows: rankByRate(
          [...repliedBy].map(([id, t]) => rate(id, t)),
          minCases,
        ),
      },
      {
        title: '按时发布率（主动公开，20 个工作日内）',
        rows: rankByRate(
          (await l.published()).byAgency.map((a) =>
            rate(a.agencyId, { cases: a.published, met: a.published - a.late }),
          ),
          minCases,
        ),
      },
      ...(tickets.length === 0
        ? []
        : [
            {
              title: '按时办结率（12345 热线工单）',
              rows: rankByRate(
                tickets.map((c) => rate(c.agencyId, { cases: c.closed, met: c.closedOnTime })),
                minCases,
              ),
            },
          ]),
    ],
  };
}

/** One figure's list over the scope (its page and its CSV). */
export async function figureList(
  ctx: Ctx,
  key: FigureKey,
  raw: unknown,
): Promise<FigureList & { scope: Scope; label: string; note: string }> {
  const s = await scopeOf(ctx, raw);
  const list = await lists[key](new Loader(ctx, s));
  return { key, ...list, scope: s, label: figureLabels[key].label, note: figureLabels[key].note };
}

/** The figures that are not zero, this year, over the whole subtree: the 工作台 panel. */
export async function nonZeroFigures(ctx: Ctx): Promise<Figure[]> {
  if (scopes(ctx.actor, 'view').length === 0) return [];
  return (await dashboard(ctx, {})).figures.filter((f) => f.count > 0);
}
