import type { ProcessingFeeFacts, ReportData, ReportFacts } from '../contract/report.js';
import { extractFigures } from '../published/reader/narrative.js';
import type { Scope } from './annual-report.schemas.js';

/**
 * The narrative of the agency's own report (sections 一, 五, 六): the template the platform fills
 * with the figures the tables will show, so the text cannot contradict them, and the text as
 * written joined to the tables so the contract's checks read both.
 */

export interface NarrativeText {
  section1: string;
  section5: string;
  section6: string;
}

const noFees: ProcessingFeeFacts = { notices: 0, noticedYuan: 0, paid: 0, collectedYuan: 0 };

/** People as the seed's report counts them: 387 万人次 for 3,870,000, 886 人次 below ten thousand. */
function personTimes(n: number): string {
  return n < 10_000 ? `${n} 人次` : `${Math.round(n / 1_000) / 10} 万人次`;
}

/** 本年度组织政务公开培训 3 场，参训 120 人次；开展政务公开考核 1 次，参加 40 人次。 */
function trainingSentence(t: TemplateTraining | null | undefined): string | null {
  if (!t || (t.trainings === 0 && t.assessments === 0)) return null;
  const parts = [
    t.trainings > 0 ? `组织政务公开培训 ${t.trainings} 场，参训 ${t.trainees} 人次` : null,
    t.assessments > 0 ? `开展政务公开考核 ${t.assessments} 次，参加 ${t.assessed} 人次` : null,
  ].filter((p) => p !== null);
  return `本年度${parts.join('；')}。`;
}

type TemplateTraining = { trainings: number; trainees: number; assessments: number; assessed: number };

/** The template of sections 一, 五, 六, filled with the figures the tables will show. */
export function template(opts: {
  agencyName: string;
  scope: Scope;
  year: number;
  data: ReportData;
  /** 信息处理费 of the year, from the requests module's contribution (条例第四十二条). */
  fees: ProcessingFeeFacts | undefined;
  /** Last year's section 五, whose problems this year's report says how it addressed. */
  previousProblems: string | null;
  /**
   * Last year's problems as tracked since, with their 整改 (followup/problems.service.ts
   * `problemsText`); when given, section 五 (一) states them instead of last year's text.
   */
  trackedProblems?: { text: string; allFixed: boolean } | null;
  /** 培训、考核 of the year (followup/training.service.ts), when any were recorded. */
  training?: TemplateTraining | null;
  /** 精准推送 of the year, from the push module's contribution, when it pushed anything. */
  push?: { policies: number; delivered: number; people: number } | undefined;
  /** 政务新媒体 of the year, from the media module's contribution, when it has accounts. */
  newMedia?: ReportFacts['newMedia'] | undefined;
}): NarrativeText {
  const { year, data, previousProblems } = opts;
  const col = (key: keyof ReportData['requests']) => data.requests[key]?.[6] ?? 0;
  const who = opts.scope === 'tree' ? `${opts.agencyName}及所属各级各部门` : opts.agencyName;
  const fee = opts.fees ?? noFees;
  return {
    section1: [
      `${year}年，${who}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，推进政府信息公开工作。`,
      opts.push && opts.push.policies > 0
        ? `（一）主动公开。（请填写主动公开的主要内容和渠道。）通过政策精准推送向订阅的企业和群众推送政策 ${opts.push.policies} 条，送达 ${opts.push.delivered} 人次（${opts.push.people} 个订阅用户）。`
        : '（一）主动公开。（请填写主动公开的主要内容和渠道。）',
      `（二）依申请公开。全年共收到政府信息公开申请 ${col('received')} 件，上年结转 ${col('carriedOver')} 件，办结 ${col('total')} 件，结转下年度继续办理 ${col('carriedForward')} 件。`,
      '（三）政府信息管理。（请填写公开属性认定、保密审查、动态更新等情况。）',
      opts.newMedia && opts.newMedia.accounts > 0
        ? `（四）平台建设。（请填写政府网站等平台建设情况。）${who}共开设政务新媒体账号 ${opts.newMedia.accounts} 个，全年发布信息 ${opts.newMedia.posts} 条，转载推送上级和本级资讯 ${opts.newMedia.reposts} 条，总关注粉丝人数达 ${personTimes(opts.newMedia.followers)}，阅读总量 ${personTimes(opts.newMedia.reads)}。`
        : '（四）平台建设。（请填写政府网站、政务新媒体等平台建设情况。）',
      '（五）监督保障。（请填写培训、考核、社会评议等情况。）',
    ].join('\n'),
    section5: [
      opts.trackedProblems
        ? `（一）上年度报告所述问题的改进情况。${opts.trackedProblems.text}${opts.trackedProblems.allFixed ? '' : '（请说明尚未整改完成的问题的进展。）'}`
        : previousProblems
          ? `（一）上年度报告所述问题的改进情况。上年度报告所述问题：${previousProblems.replace(/\s+/g, ' ').slice(0, 500)}（请说明改进情况。）`
          : '（一）上年度报告所述问题的改进情况。（请说明。）',
      '（二）本年度存在的主要问题。（请填写。）',
      trainingSentence(opts.training)
        ? `（三）改进措施。${trainingSentence(opts.training)}（请填写其他改进措施。）`
        : '（三）改进措施。（请填写。）',
    ].join('\n'),
    section6:
      fee.notices === 0 && fee.paid === 0
        ? `依据《政府信息公开信息处理费管理办法》，本年度${who}未发出收费通知，未收取信息处理费。`
        : `依据《政府信息公开信息处理费管理办法》，本年度${who}发出收费通知 ${fee.notices} 件，总金额 ${fee.noticedYuan} 元；实际收取信息处理费 ${fee.collectedYuan} 元（${fee.paid} 件）。`,
  };
}

/** The tables with the narrative as written: its sections, and the figures its sentences state. */
export function withNarrative(data: ReportData, narrative: NarrativeText): ReportData {
  return {
    ...data,
    narrative: {
      sections: { 一: narrative.section1, 五: narrative.section5, 六: narrative.section6 },
      figures: [...extractFigures(narrative.section1, '一'), ...extractFigures(narrative.section6, '六')],
    },
  };
}

/** A narrative read back from the database: three texts, or the row is damaged. */
export function parseNarrative(json: string, where: string): NarrativeText {
  const n = JSON.parse(json) as Partial<Record<keyof NarrativeText, unknown>> | null;
  if (
    !n ||
    typeof n.section1 !== 'string' ||
    typeof n.section5 !== 'string' ||
    typeof n.section6 !== 'string'
  )
    throw new Error(`${where}：保存的年度报告文字部分不完整`);
  return { section1: n.section1, section5: n.section5, section6: n.section6 };
}
