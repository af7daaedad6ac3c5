import type { FieldError } from '../../../platform/errors.js';
import { CsrfField, ErrorSummary, SelectField, Table, TextField } from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import {
  disclosureAttributeLabels,
  withheldReasonLabels,
  type DocumentsPage as Page,
} from '../official-document.service.js';

/** 公开属性源头认定: the year's counts per agency, and the form to register a 公文. */
export function DocumentsPage(p: {
  page: Page;
  values: Record<string, string>;
  errors: FieldError[];
  csrf: string;
}) {
  const { page, values, errors } = p;
  return (
    <>
      <h1 class="gk-title">公文公开属性源头认定</h1>
      <form class="gk-form gk-filters" method="get" action="/admin/documents">
        <TextField name="year" label="年度" value={String(page.year)} inputmode="numeric" />
        <button class="gk-button gk-button--secondary" type="submit">
          查看
        </button>
      </form>
      <Table
        head={['机关', '公文总数', '主动公开', '依申请公开', '不予公开']}
        caption={`${page.year} 年（按成文日期）`}
      >
        {page.counts.map((c) => (
          <tr>
            <td>{c.agencyName}</td>
            <td class="gk-num">{c.total}</td>
            <td class="gk-num">{c.proactiveDisclosure}</td>
            <td class="gk-num">{c.disclosureOnRequest}</td>
            <td class="gk-num">{c.withheld}</td>
          </tr>
        ))}
        <tr>
          <th>合计</th>
          <td class="gk-num" id="documents-total">
            {page.totals.total}
          </td>
          <td class="gk-num">{page.totals.proactiveDisclosure}</td>
          <td class="gk-num">{page.totals.disclosureOnRequest}</td>
          <td class="gk-num">{page.totals.withheld}</td>
        </tr>
      </Table>
      <section class="gk-section">
        <h2 class="gk-section__title">登记公文</h2>
        <form class="gk-form" method="post" action="/admin/documents" novalidate>
          <CsrfField token={p.csrf} />
          <ErrorSummary errors={errors} />
          <SelectField
            name="agencyId"
            label="制发机关"
            value={values.agencyId}
            errors={errors}
            options={agencyOptions(page.agencies)}
          />
          <TextField name="title" label="公文标题" value={values.title} errors={errors} required />
          <TextField name="documentNumber" label="文号" value={values.documentNumber} errors={errors} />
          <TextField
            name="writtenDate"
            label="成文日期"
            type="date"
            value={values.writtenDate ?? page.today}
            errors={errors}
            required
          />
          <SelectField
            name="disclosureAttribute"
            label="公开属性"
            value={values.disclosureAttribute}
            errors={errors}
            options={Object.entries(disclosureAttributeLabels).map(([value, label]) => ({ value, label }))}
          />
          <SelectField
            name="withheldReason"
            label="不予公开理由（仅不予公开时选择）"
            value={values.withheldReason}
            errors={errors}
            placeholder="—"
            options={Object.entries(withheldReasonLabels).map(([value, label]) => ({ value, label }))}
          />
          <button class="gk-button" type="submit">
            登记
          </button>
        </form>
      </section>
    </>
  );
}
