import { columns, list } from '../../platform/import/index.js';
import { isId } from '../../platform/ids.js';
import { date, integer, object, oneOf, optional, text, type Field } from '../../platform/schema.js';
import { documentNumberProblem, validities, validityLabels } from './record.js';
import { subjectCategoryProblem } from './subject-category.js';

/** Input schemas of the records module, shared by the pages, the API and the CLI. */

export const draftSchema = object({
  agencyId: text('发布机构'),
  title: text('标题', { max: 300 }),
  documentNumber: optional(text('文号', { max: 60, check: documentNumberProblem })),
  writtenDate: optional(date('成文日期')),
  dateFormedOrChanged: date('形成（变更）日期'),
  subjectCategory: optional(text('主题分类', { max: 60, check: subjectCategoryProblem })),
  genre: optional(text('体裁分类', { max: 30 })),
  validity: optional(oneOf('有效性', validities, validityLabels)),
  keywords: optional(text('主题词', { max: 200 })),
  summary: optional(text('内容概述', { max: 1000 })),
  body: text('正文', { max: 2_000_000 }),
  interprets: optional(text('解读的文件（索引号或文号）', { max: 80 })),
  repeals: optional(text('废止的文件（索引号或文号）', { max: 80 })),
  amends: optional(text('修改的文件（索引号或文号）', { max: 80 })),
  catalogItemId: optional(
    text('目录事项', { max: 40, check: (v) => (isId(v) ? null : '请从列表中选择目录事项') }),
  ),
});

export const reviewSchema = object({
  result: oneOf('审核结论', ['passed', 'returned'] as const, { passed: '通过', returned: '退回修改' }),
  note: optional(text('审核意见', { max: 2000 })),
});

export const scheduleSchema = object({
  at: text('定时发布时间', {
    pattern: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/,
    patternMessage: '定时发布时间应为 YYYY-MM-DD HH:MM（北京时间）',
  }),
});

export const validitySchema = object({
  validity: oneOf('有效性', validities, validityLabels),
  date: date('失效或废止日期'),
  note: optional(text('说明（如废止它的文件）', { max: 500 })),
});

export const withdrawSchema = object({ reason: text('撤回理由', { max: 2000 }) });

export const searchSchema = object({
  q: text('检索词', { max: 100 }),
  agency: optional(text('发布机构', { max: 100 })),
  domain: optional(text('目录领域', { max: 60 })),
  subject: optional(text('主题分类', { max: 60 })),
  year: optional(integer('年份', 1949, 2100)),
  validity: optional(oneOf('有效性', validities, validityLabels)),
  sort: optional(oneOf('排序', ['relevance', 'date'] as const, { relevance: '相关度', date: '发布日期' })),
  page: optional(integer('页码', 1, 1000)),
  pageSize: optional(integer('每页条数', 1, 100)),
});

const keywordText = optional(text('keywords（主题词）', { max: 200 }));
const keywordList = list('keywords（主题词）', { min: 0 });

/**
 * 主题词 as an old site exports them: one text as it was written (kept as is), or a JSON array
 * of words (stored space-separated, as the form writes them).
 */
const keywords: Field<string | null> = {
  label: keywordText.label,
  optional: true,
  json: { anyOf: [{ type: 'string', maxLength: 200 }, keywordList.json], description: keywordText.label },
  parse(raw, l) {
    return keywordText.parse(Array.isArray(raw) ? keywordList.parse(raw, l).join(' ') : raw, l);
  },
};

/**
 * One line of an archive moved from an old site (`gongkai records import`, JSON lines). The
 * labels name the JSON key and what it is, as problems are reported by them.
 */
export const archiveColumns = columns({
  title: text('title（标题）', { max: 300 }),
  body: text('body（正文）', { max: 2_000_000 }),
  docNumber: optional(text('docNumber（文号）', { max: 60, check: documentNumberProblem })),
  writtenAt: optional(date('writtenAt（成文日期）')),
  publishedAt: text('publishedAt（发布日期）', {
    pattern: /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/,
    patternMessage: 'publishedAt（发布日期）应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM',
  }),
  subject: optional(text('subject（主题分类）', { max: 60, check: subjectCategoryProblem })),
  genre: optional(text('genre（体裁分类）', { max: 30 })),
  // 有效 / 失效 / 废止 are read as well as the keys.
  validity: optional(oneOf('validity（有效性）', validities, validityLabels)),
  keywords,
});
