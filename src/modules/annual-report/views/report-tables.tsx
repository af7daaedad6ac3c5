import type { Child } from 'hono/jsx';
import {
  appealGroups,
  appealResults,
  applicantColumns,
  otherRows2021,
  proactiveItems,
  type Finding,
  type ReportData,
  type RequestRowKey,
} from '../contract/report.js';

/**
 * The three statutory tables laid out as the national format prints them (merged headers,
 * grouped row labels), each finding marked on the cells it concerns with a numbered link to
 * its message. Used by the checker's pages and, later, the report renderer.
 */

type Marks = Map<string, number[]>;

function mark(marks: Marks, key: string, n: number): void {
  const list = marks.get(key) ?? [];
  if (!list.includes(n)) list.push(n);
  marks.set(key, list);
}

const balanceRows: RequestRowKey[] = ['received', 'carriedOver', 'total', 'carriedForward'];

/** Which cells each finding is about, from its `where`. */
export function cellMarks(data: ReportData, blank: Array<{ row: string; columns: number[] }> = []): Marks {
  const marks: Marks = new Map();
  const colIndex = (name: string) => applicantColumns.indexOf(name as (typeof applicantColumns)[number]);
  data.findings.forEach((f, i) => {
    const n = i + 1;
    let m: RegExpExecArray | null;
    if ((m = /^requests\[(\w+)\]$/.exec(f.where))) {
      for (const r of balanceRows) mark(marks, `requests.${r}.${colIndex(m[1]!)}`, n);
    } else if ((m = /^requests\.([\w.]+)\[(\w+)\]$/.exec(f.where))) {
      const row = m[1]!;
      const rows = row === 'other' && !data.requests.other ? otherRows2021 : [row];
      for (const r of rows) mark(marks, `requests.${r}.${colIndex(m[2]!)}`, n);
    } else if ((m = /^requests\.([\w.]+)$/.exec(f.where)) && data.requests[m[1] as RequestRowKey]) {
      const row = m[1]!;
      const blanks = f.check === 'blank' ? (blank.find((b) => b.row === row)?.columns ?? []) : [];
      if (blanks.length) for (const c of blanks) mark(marks, `requests.${row}.${c}`, n);
      else mark(marks, `requests.${row}.6`, n);
    } else if ((m = /^appeals\.(\w+)(?:\.(\w+))?$/.exec(f.where))) {
      mark(marks, `appeals.${m[1]}.${m[2] ?? 'total'}`, n);
    } else if ((m = /^proactive\.(\w+)(?:\.(\w+))?$/.exec(f.where))) {
      const item = proactiveItems[data.format][m[1]!];
      for (const field of m[2] ? [m[2]] : (item?.fields ?? [])) mark(marks, `proactive.${m[1]}.${field}`, n);
    }
  });
  return marks;
}

function Cell({ value, marks, findings, k }: { value: Child; marks: Marks; findings: Finding[]; k: string }) {
  const list = marks.get(k) ?? [];
  if (list.length === 0) return <td class="gk-num">{value}</td>;
  const severity = list.some((n) => findings[n - 1]?.severity === 'error') ? 'error' : 'warning';
  return (
    <td
      class={`gk-num gk-cell--${severity}`}
      title={list.map((n) => findings[n - 1]?.message).join('\n')}
      data-findings={list.join(' ')}
    >
      {value}
      {list.map((n) => (
        <sup>
          <a href={`#finding-${n}`} aria-label={`问题 ${n}`}>
            [{n}]
          </a>
        </sup>
      ))}
    </td>
  );
}

const fmt = (v: number | undefined) => (v === undefined ? '' : String(v));

export function ProactiveTable({ data, marks }: { data: ReportData; marks: Marks }) {
  const groups2019: Array<{ article: string; head: string[]; items: string[] }> = [
    {
      article: '第二十条第（一）项',
      head: ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
      items: ['rules', 'normativeDocuments'],
    },
    {
      article: '第二十条第（五）项',
      head: ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
      items: ['licensing', 'otherServices'],
    },
    {
      article: '第二十条第（六）项',
      head: ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
      items: ['penalties', 'enforcement'],
    },
    { article: '第二十条第（八）项', head: ['信息内容', '上一年项目数量', '本年增/减'], items: ['fees'] },
    {
      article: '第二十条第（九）项',
      head: ['信息内容', '采购项目数量', '采购总金额'],
      items: ['procurement'],
    },
  ];
  const groups2021: typeof groups2019 = [
    {
      article: '第二十条第（一）项',
      head: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      items: ['rules', 'normativeDocuments'],
    },
    { article: '第二十条第（五）项', head: ['信息内容', '本年处理决定数量'], items: ['licensing'] },
    {
      article: '第二十条第（六）项',
      head: ['信息内容', '本年处理决定数量'],
      items: ['penalties', 'enforcement'],
    },
    { article: '第二十条第（八）项', head: ['信息内容', '本年收费金额（单位：万元）'], items: ['fees'] },
  ];
  const groups = data.format === '2019' ? groups2019 : groups2021;
  const spec = proactiveItems[data.format];
  const values = data.proactive as Record<string, Record<string, number> | undefined>;
  return (
    <div class="gk-table-wrap">
      <table class="gk-table gk-report-table" id="table-proactive">
        <caption>二、主动公开政府信息情况</caption>
        {groups.map((g) => (
          <tbody>
            <tr>
              <th colspan={4} scope="colgroup">
                {g.article}
              </th>
            </tr>
            <tr>
              {g.head.map((h, i) => (
                <th scope="col" colspan={i === g.head.length - 1 ? 4 - g.head.length + 1 : 1}>
                  {h}
                </th>
              ))}
            </tr>
            {g.items.map((item) => (
              <tr>
                <th scope="row">{spec[item]!.label}</th>
                {spec[item]!.fields.map((field) => (
                  <Cell
                    k={`proactive.${item}.${field}`}
                    marks={marks}
                    findings={data.findings}
                    value={fmt(values[item]?.[field])}
                  />
                ))}
                {spec[item]!.fields.length < 3 ? <td colspan={3 - spec[item]!.fields.length}></td> : null}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

interface LabelRow {
  key: RequestRowKey;
  cells: Array<{ text: string; rowspan?: number; colspan?: number }>;
}

function requestLayout(format: '2019' | '2021'): LabelRow[] {
  const outcomeCount = format === '2019' ? 20 : 22; // rows under 三、本年度办理结果, with (七)总计
  const rows: LabelRow[] = [
    { key: 'received', cells: [{ text: '一、本年新收政府信息公开申请数量', colspan: 3 }] },
    { key: 'carriedOver', cells: [{ text: '二、上年结转政府信息公开申请数量', colspan: 3 }] },
    {
      key: 'granted',
      cells: [
        { text: '三、本年度办理结果', rowspan: outcomeCount },
        { text: '（一）予以公开', colspan: 2 },
      ],
    },
    {
      key: 'partiallyGranted',
      cells: [{ text: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', colspan: 2 }],
    },
  ];
  const group = (title: string, items: Array<[RequestRowKey, string]>) =>
    items.forEach(([key, text], i) =>
      rows.push({ key, cells: i === 0 ? [{ text: title, rowspan: items.length }, { text }] : [{ text }] }),
    );
  group('（三）不予公开', [
    ['withheld.stateSecret', '1.属于国家秘密'],
    ['withheld.lawProhibited', '2.其他法律行政法规禁止公开'],
    ['withheld.securityStability', '3.危及“三安全一稳定”'],
    ['withheld.thirdPartyRights', '4.保护第三方合法权益'],
    ['withheld.internalAffairs', '5.属于三类内部事务信息'],
    ['withheld.processInformation', '6.属于四类过程性信息'],
    ['withheld.enforcementFile', '7.属于行政执法案卷'],
    ['withheld.administrativeQuery', '8.属于行政查询事项'],
  ]);
  group('（四）无法提供', [
    ['unavailable.notHeld', '1.本机关不掌握相关政府信息'],
    ['unavailable.needsCreation', '2.没有现成信息需要另行制作'],
    ['unavailable.stillUnclear', '3.补正后申请内容仍不明确'],
  ]);
  group('（五）不予处理', [
    ['notProcessed.petition', '1.信访举报投诉类申请'],
    ['notProcessed.repeated', '2.重复申请'],
    ['notProcessed.publication', '3.要求提供公开出版物'],
    ['notProcessed.excessive', '4.无正当理由大量反复申请'],
    ['notProcessed.confirmation', '5.要求行政机关确认或重新出具已获取信息'],
  ]);
  if (format === '2019') rows.push({ key: 'other', cells: [{ text: '（六）其他处理', colspan: 2 }] });
  else
    group('（六）其他处理', [
      ['other.supplementOverdue', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
      ['other.feeUnpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
      ['other.other', '3.其他'],
    ]);
  rows.push({ key: 'total', cells: [{ text: '（七）总计', colspan: 2 }] });
  rows.push({ key: 'carriedForward', cells: [{ text: '四、结转下年度继续办理', colspan: 3 }] });
  return rows;
}

export function RequestsTable({ data, marks }: { data: ReportData; marks: Marks }) {
  return (
    <div class="gk-table-wrap">
      <table class="gk-table gk-report-table" id="table-requests">
        <caption>三、收到和处理政府信息公开申请情况</caption>
        <thead>
          <tr>
            <th rowspan={3} colspan={3} scope="col">
              （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
            </th>
            <th colspan={7} scope="colgroup">
              申请人情况
            </th>
          </tr>
          <tr>
            <th rowspan={2} scope="col">
              自然人
            </th>
            <th colspan={5} scope="colgroup">
              法人或其他组织
            </th>
            <th rowspan={2} scope="col">
              总计
            </th>
          </tr>
          <tr>
            {['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {requestLayout(data.format).map((row) => {
            const values = data.requests[row.key];
            return (
              <tr data-row={row.key}>
                {row.cells.map((c) => (
                  <th scope="row" rowspan={c.rowspan} colspan={c.colspan}>
                    {c.text}
                  </th>
                ))}
                {applicantColumns.map((_, i) => (
                  <Cell
                    k={`requests.${row.key}.${i}`}
                    marks={marks}
                    findings={data.findings}
                    value={values ? String(values[i]) : '—'}
                  />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function AppealsTable({ data, marks }: { data: ReportData; marks: Marks }) {
  const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return (
    <div class="gk-table-wrap">
      <table class="gk-table gk-report-table" id="table-appeals">
        <caption>四、政府信息公开行政复议、行政诉讼情况</caption>
        <thead>
          <tr>
            <th colspan={5} rowspan={2} scope="colgroup">
              行政复议
            </th>
            <th colspan={10} scope="colgroup">
              行政诉讼
            </th>
          </tr>
          <tr>
            <th colspan={5} scope="colgroup">
              未经复议直接起诉
            </th>
            <th colspan={5} scope="colgroup">
              复议后起诉
            </th>
          </tr>
          <tr>
            {[...results, ...results, ...results].map((r) => (
              <th scope="col">{r}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {appealGroups.flatMap((g) =>
              appealResults.map((r) => (
                <Cell
                  k={`appeals.${g}.${r}`}
                  marks={marks}
                  findings={data.findings}
                  value={fmt(data.appeals[g]?.[r])}
                />
              )),
            )}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function FindingList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0)
    return <p class="gk-flash gk-flash--success">未发现问题：各表的勾稽关系均成立。</p>;
  return (
    <ol class="gk-findings">
      {findings.map((f, i) => (
        <li id={`finding-${i + 1}`} class={`gk-finding gk-finding--${f.severity}`}>
          <span class={`gk-tag ${f.severity === 'error' ? 'gk-tag--warn' : ''}`}>
            {f.severity === 'error' ? '错误' : '提示'}
          </span>{' '}
          <code>{f.check}</code> <span class="gk-muted">{f.where}</span>：{f.message}
        </li>
      ))}
    </ol>
  );
}
