import sanitizeHtml from 'sanitize-html';

/**
 * 政府信息 for 主动公开 and its metadata (legal.md §7; docs/glossary.md §4): pure rules, no I/O.
 */

export const recordStates = [
  'draft',
  'inReview',
  'returned',
  'reviewed',
  'approved',
  'published',
  'withdrawn',
] as const;
export type RecordState = (typeof recordStates)[number];
export const recordStateLabels: Record<RecordState, string> = {
  draft: '草稿',
  inReview: '待审核',
  returned: '审核退回',
  reviewed: '审核通过，待批准',
  approved: '已批准，待发布',
  published: '已发布',
  withdrawn: '已撤回',
};

/**
 * The workflow: in which states each step may be taken. Nothing reaches `published` but through
 * `reviewed` (保密审查, 条例第十七条) and `approved`; attachments change only while the text does,
 * so they pass the review with it.
 */
export const recordSteps = [
  'submit',
  'attach',
  'review',
  'approve',
  'publish',
  'schedule',
  'unschedule',
  'changeValidity',
  'withdraw',
] as const;
export type RecordStep = (typeof recordSteps)[number];
export const stepStates: Record<RecordStep, readonly RecordState[]> = {
  submit: ['draft', 'returned'],
  attach: ['draft', 'returned'],
  review: ['inReview'],
  approve: ['reviewed'],
  publish: ['approved'],
  schedule: ['approved'],
  unschedule: ['approved'],
  changeValidity: ['published'],
  withdraw: ['published'],
};

export const validities = ['inForce', 'expired', 'repealed'] as const;
export type Validity = (typeof validities)[number];
export const validityLabels: Record<Validity, string> = {
  inForce: '有效',
  expired: '失效',
  repealed: '废止',
};

/**
 * 文号: 机关代字〔YYYY〕N号 with 六角括号. The commonest mistakes — 【】, [], (), （） or 〈〉 for
 * the brackets, a leading zero in the serial — get a message that shows the right form.
 */
export function documentNumberProblem(value: string): string | null {
  const m = /^(\S+?)〔(\d{4})〕(\d+)号$/.exec(value);
  if (!m) {
    const loose = /^(\S+?)[[【(（〈［]\s*(\d{4})\s*[\]】)）〉］](\d+)号?$/.exec(value);
    if (loose) return `文号的年份应使用六角括号〔〕，应写作“${loose[1]}〔${loose[2]}〕${Number(loose[3])}号”`;
    return '文号应写作“机关代字〔年份〕序号号”，如“晋政文〔2020〕12号”';
  }
  if (m[3]!.startsWith('0')) return `文号的序号不编虚位，应写作“${m[1]}〔${m[2]}〕${Number(m[3])}号”`;
  return null;
}

export function parseDocumentNumber(
  value: string,
): { issuerCode: string; year: number; serial: number } | null {
  const m = /^(\S+?)〔(\d{4})〕(\d+)号$/.exec(value);
  return m ? { issuerCode: m[1]!, year: Number(m[2]), serial: Number(m[3]) } : null;
}

/** 索引号: `{机构代码}/{YYYY}-{NNNNN}`, the year of publication and a 5-digit serial per organ-year. */
export function indexNumber(orgCode: string, year: number, seq: number): string {
  if (seq < 1 || seq > 99999) throw new RangeError(`index serial out of range: ${seq}`);
  return `${orgCode}/${year}-${String(seq).padStart(5, '0')}`;
}

/**
 * Record bodies come from Word and old sites: keep the structure a reader needs (headings,
 * paragraphs, lists, tables, links, images) and drop scripts, styles, event handlers and
 * javascript: links.
 */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'br',
      'hr',
      'div',
      'span',
      'blockquote',
      'pre',
      'strong',
      'b',
      'em',
      'i',
      'u',
      's',
      'sub',
      'sup',
      'ul',
      'ol',
      'li',
      'a',
      'img',
      'table',
      'thead',
      'tbody',
      'tfoot',
      'tr',
      'th',
      'td',
      'caption',
      'colgroup',
      'col',
    ],
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      p: ['align'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    disallowedTagsMode: 'discard',
  });
}

/** Plain text of a sanitized body, for search and for the summary. */
export function bodyText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A body as typed or pasted: rich text (from the editor, Word or an old site) is kept and
 * sanitized; plain text becomes one paragraph per line, angle brackets shown as typed.
 */
export function bodyFromInput(input: string): string {
  if (/<(p|div|table|br|h[1-6]|ul|ol|span|strong|b|em|a|img)\b/i.test(input)) return sanitizeBody(input);
  return input
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => `<p>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('');
}
