import { date, integer, object, oneOf, optional, patterns, text, type Infer } from '../../platform/schema.js';
import { agencyKindLabels, agencyKinds, agencyLevelLabels, agencyLevels } from './agency.js';
import { checkCreditCode } from './credit-code.js';

const creditCode = text('统一社会信用代码', {
  check: (v) => {
    const r = checkCreditCode(v);
    return r.ok ? null : r.message;
  },
});

/** The 公开指南 contact block: the office head keeps these current. */
export const contactShape = {
  address: optional(text('办公地址', { max: 200 })),
  postcode: optional(
    text('邮政编码', { pattern: patterns.postcode, patternMessage: '邮政编码应为 6 位数字' }),
  ),
  officeHours: optional(text('办公时间', { max: 200 })),
  phone: optional(
    text('联系电话', {
      pattern: patterns.phone,
      patternMessage: '联系电话应为至少 5 位的号码，只含数字、括号、连字符和“转”',
    }),
  ),
  fax: optional(text('传真', { pattern: patterns.phone, patternMessage: '传真只能包含数字、括号和连字符' })),
  email: optional(
    text('电子邮箱', {
      pattern: patterns.email,
      patternMessage: '电子邮箱格式不正确，例如 gkzx@example.gov.cn',
    }),
  ),
  website: optional(
    text('网站', { pattern: /^https?:\/\/\S+$/, patternMessage: '网站应以 http:// 或 https:// 开头' }),
  ),
};

/** What places and identifies an agency: the administrator's. */
export const structureShape = {
  shortName: optional(text('简称', { max: 30 })),
  level: oneOf('层级', agencyLevels, agencyLevelLabels),
  kind: oneOf('类型', agencyKinds, agencyKindLabels),
  creditCode: optional(creditCode),
  regionCode: optional(
    text('行政区划代码', {
      pattern: /^\d{6}(\d{3}|\d{6})?$/,
      patternMessage: '行政区划代码应为 6、9 或 12 位数字',
    }),
  ),
  sortOrder: optional(integer('排序号', 0, 100000)),
};

export const contactKeys = Object.keys(contactShape) as Array<keyof typeof contactShape>;
export const structureKeys = Object.keys(structureShape) as Array<keyof typeof structureShape>;

export const createAgencySchema = object({
  parentId: optional(text('上级机构')),
  name: text('机构名称', { max: 100 }),
  establishedDate: optional(date('设立日期')),
  ...structureShape,
  ...contactShape,
});
export type CreateAgencyInput = Infer<typeof createAgencySchema.shape>;

/** Updates carry the whole record: fields left out keep their current values. */
export const updateAgencySchema = object({ ...structureShape, ...contactShape });
export type UpdateAgencyInput = Infer<typeof updateAgencySchema.shape>;

export const renameAgencySchema = object({
  name: text('新名称', { max: 100 }),
  shortName: optional(text('简称', { max: 30 })),
  effectiveDate: date('生效日期'),
  reason: optional(text('依据或原因', { max: 500 })),
});

export const moveAgencySchema = object({
  parentId: text('新的上级机构'),
  effectiveDate: date('生效日期'),
  reason: optional(text('依据或原因', { max: 500 })),
});

export const dissolveAgencySchema = object({
  effectiveDate: date('撤销日期'),
  reason: text('依据或原因', { max: 500 }),
});
