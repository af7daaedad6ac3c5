import { agencyOptions } from '../agency.js';
import type { FieldError } from '../../../platform/errors.js';
import type { SchemaFieldLike } from '../../../platform/ui/components.js';
import { CsrfField, ErrorSummary, SelectField, TextField } from '../../../platform/ui/components.js';
import type { Agency } from '../agency.js';
import { dissolveAgencySchema, moveAgencySchema, renameAgencySchema } from '../agency.schemas.js';

type Values = Record<string, string | undefined>;

/**
 * When a change to the tree takes effect and on what authority: every change to the tree
 * (更名, 隶属关系调整, 撤销) is dated and kept in the agency's history (沿革) with its basis.
 */
export function EffectiveChangeFields(p: {
  fields: { effectiveDate: SchemaFieldLike; reason: SchemaFieldLike };
  values: Values;
  errors: FieldError[];
}) {
  return (
    <>
      <TextField
        name="effectiveDate"
        field={p.fields.effectiveDate}
        type="date"
        value={p.values.effectiveDate}
        errors={p.errors}
        hint="格式：YYYY-MM-DD"
      />
      <TextField
        name="reason"
        field={p.fields.reason}
        value={p.values.reason}
        errors={p.errors}
        hint="例如：机构改革方案文号"
      />
    </>
  );
}

const rename = renameAgencySchema.shape;

/** 更名: the new name; the old one stays in the history with the dates it was in use. */
export function RenameForm(p: { agency: Agency; csrf: string; values: Values; errors: FieldError[] }) {
  return (
    <>
      <h1 class="gk-title">更名：{p.agency.name}</h1>
      <p class="gk-lead">原名称保留在机构沿革中，历年数据和年度报告仍按当时的名称显示。</p>
      <form class="gk-form" method="post" action={`/admin/agencies/${p.agency.id}/rename`} novalidate>
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <TextField name="name" field={rename.name} value={p.values.name} errors={p.errors} />
        <TextField name="shortName" field={rename.shortName} value={p.values.shortName} errors={p.errors} />
        <EffectiveChangeFields fields={rename} values={p.values} errors={p.errors} />
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            确认更名
          </button>
        </div>
      </form>
    </>
  );
}

/** 调整隶属关系: a new parent among those the viewer may move agencies under. */
export function MoveForm(p: {
  agency: Agency;
  parents: Agency[];
  csrf: string;
  values: Values;
  errors: FieldError[];
}) {
  return (
    <>
      <h1 class="gk-title">调整隶属关系：{p.agency.name}</h1>
      <form class="gk-form" method="post" action={`/admin/agencies/${p.agency.id}/move`} novalidate>
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <SelectField
          name="parentId"
          field={moveAgencySchema.shape.parentId}
          value={p.values.parentId}
          errors={p.errors}
          options={agencyOptions(p.parents)}
        />
        <EffectiveChangeFields fields={moveAgencySchema.shape} values={p.values} errors={p.errors} />
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            确认调整
          </button>
        </div>
      </form>
    </>
  );
}

/** 撤销: the agency leaves the directory; its records and history stay. */
export function DissolveForm(p: { agency: Agency; csrf: string; values: Values; errors: FieldError[] }) {
  return (
    <>
      <h1 class="gk-title">撤销：{p.agency.name}</h1>
      <p class="gk-lead">
        撤销后，该机构不再出现在机构导航中，其历史数据和沿革保留。下级机构须先撤销或调整。
      </p>
      <form class="gk-form" method="post" action={`/admin/agencies/${p.agency.id}/dissolve`} novalidate>
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <EffectiveChangeFields fields={dissolveAgencySchema.shape} values={p.values} errors={p.errors} />
        <div class="gk-actions">
          <button class="gk-button gk-button--danger" type="submit">
            确认撤销
          </button>
        </div>
      </form>
    </>
  );
}
