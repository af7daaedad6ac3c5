import { agencyOptions } from '../agency.js';
import type { FieldError } from '../../../platform/errors.js';
import { CsrfField, ErrorSummary, SelectField, TextField } from '../../../platform/ui/components.js';
import { agencyKindLabels, agencyKinds, agencyLevelLabels, agencyLevels, type Agency } from '../agency.js';

type Values = Record<string, string | number | null | undefined>;

export function contactFields(values: Values, errors: FieldError[]) {
  return (
    <fieldset class="gk-fieldset">
      <legend>公开指南联系方式</legend>
      <TextField name="address" label="办公地址" value={values.address} errors={errors} />
      <TextField
        name="postcode"
        label="邮政编码"
        value={values.postcode}
        errors={errors}
        inputmode="numeric"
      />
      <TextField
        name="officeHours"
        label="办公时间"
        value={values.officeHours}
        errors={errors}
        hint="例如：工作日上午 8:00–12:00，下午 14:30–17:30（法定节假日除外）"
      />
      <TextField name="phone" label="联系电话" value={values.phone} errors={errors} type="tel" />
      <TextField name="fax" label="传真" value={values.fax} errors={errors} type="tel" />
      <TextField name="email" label="电子邮箱" value={values.email} errors={errors} type="email" />
      <TextField
        name="website"
        label="网站"
        value={values.website}
        errors={errors}
        hint="以 http:// 或 https:// 开头"
      />
    </fieldset>
  );
}

export function AgencyForm(p: {
  action: string;
  csrf: string;
  values: Values;
  errors: FieldError[];
  parents?: Agency[];
  mode: 'create' | 'edit';
  structural: boolean;
}) {
  const levelOptions = agencyLevels.map((v) => ({ value: v, label: agencyLevelLabels[v] }));
  const kindOptions = agencyKinds.map((v) => ({ value: v, label: agencyKindLabels[v] }));
  return (
    <form class="gk-form" method="post" action={p.action} novalidate>
      <CsrfField token={p.csrf} />
      <ErrorSummary errors={p.errors} />
      {p.mode === 'create' ? (
        <>
          <SelectField
            name="parentId"
            label="上级机构"
            value={p.values.parentId as string}
            errors={p.errors}
            options={agencyOptions(p.parents ?? [])}
            placeholder={p.parents?.length ? undefined : '（无，作为机构树的根）'}
          />
          <TextField
            name="name"
            label="机构名称"
            value={p.values.name}
            errors={p.errors}
            required
            hint="使用机构全称，例如：晋江市工业和信息化局"
          />
        </>
      ) : null}
      {p.structural ? (
        <>
          <TextField
            name="shortName"
            label="简称"
            value={p.values.shortName}
            errors={p.errors}
            hint="例如：市工信局"
          />
          <SelectField
            name="level"
            label="层级"
            value={p.values.level as string}
            errors={p.errors}
            options={levelOptions}
            required
          />
          <SelectField
            name="kind"
            label="类型"
            value={p.values.kind as string}
            errors={p.errors}
            options={kindOptions}
            required
          />
          <TextField
            name="creditCode"
            label="统一社会信用代码"
            value={p.values.creditCode}
            errors={p.errors}
            hint="18 位，见机构的统一社会信用代码证书"
          />
          <TextField
            name="regionCode"
            label="行政区划代码"
            value={p.values.regionCode}
            errors={p.errors}
            inputmode="numeric"
          />
          <TextField
            name="sortOrder"
            label="排序号"
            value={p.values.sortOrder}
            errors={p.errors}
            inputmode="numeric"
            hint="数字小的排在前面"
          />
        </>
      ) : null}
      {contactFields(p.values, p.errors)}
      <div class="gk-actions">
        <button class="gk-button" type="submit">
          保存
        </button>
      </div>
    </form>
  );
}
