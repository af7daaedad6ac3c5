import type { FieldError } from '../../../platform/errors.js';
import { SelectField, TextArea, TextField } from '../../../platform/ui/components.js';
import {
  audiences,
  columnLabels,
  DEFAULT_TIME_LIMIT,
  disclosureChannels,
  disclosureTiers,
  itemLevelLabels,
  itemTypes,
  methods,
  processes,
  type CatalogItem,
} from '../catalog.js';
import { cellText, detailColumns } from '../catalog.presenter.js';

/** What a form sent back, or an item's columns, as the fields show them again. */
export type Values = Record<string, unknown>;

/** A form value as the text a field shows. */
export function str(v: unknown): string {
  if (Array.isArray(v)) return v.join('、');
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return typeof v === 'string' && v ? [v] : [];
}

/** An item's name indented by its level, linked when `href` is given, with its level as a tag. */
export function Indented({ item, href }: { item: { level: number; name: string }; href?: string }) {
  return (
    <span>
      {/* Indented with ideographic spaces: the CSP allows no inline styles. */}
      {'　'.repeat((item.level - 1) * 2)}
      {href ? <a href={href}>{item.name}</a> : item.name}{' '}
      <span class="gk-tag">{itemLevelLabels[item.level as 1 | 2 | 3]}</span>
    </span>
  );
}

function Checkboxes(p: {
  name: string;
  label: string;
  options: readonly string[];
  value: unknown;
  errors: FieldError[];
}) {
  const error = p.errors.find((e) => e.field === p.name);
  const chosen = list(p.value);
  return (
    <fieldset class={`gk-fieldset${error ? ' gk-field--error' : ''}`} id={`f-${p.name}`}>
      <legend>{p.label}</legend>
      {error ? <p class="gk-error-message">{error.message}</p> : null}
      {p.options.map((o) => (
        <label class="gk-checkbox">
          <input type="checkbox" name={p.name} value={o} checked={chosen.includes(o)} /> {o}
        </label>
      ))}
    </fieldset>
  );
}

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/** The columns of an item, as one form for adding and editing. */
export function ItemFields({ values, errors }: { values: Values; errors: FieldError[] }) {
  return (
    <>
      <TextField name="name" label="事项名称" value={str(values.name)} errors={errors} required />
      <TextArea
        name="contentElements"
        label="公开内容（要素）"
        value={str(values.contentElements)}
        errors={errors}
        hint="二级、三级事项必填；一级事项仅作标题时可不填以下各栏"
      />
      <TextArea name="basis" label="公开依据" value={str(values.basis)} errors={errors} />
      <TextField
        name="timeLimit"
        label="公开时限"
        hint={`通常为“${DEFAULT_TIME_LIMIT}”`}
        value={str(values.timeLimit)}
        errors={errors}
      />
      <TextField name="subject" label="公开主体" value={str(values.subject)} errors={errors} />
      <Checkboxes
        name="channels"
        label="公开渠道和载体"
        options={disclosureChannels}
        value={values.channels}
        errors={errors}
      />
      <SelectField
        name="audience"
        label="公开对象"
        placeholder="—"
        options={opts(audiences)}
        value={str(values.audience)}
        errors={errors}
      />
      <SelectField
        name="method"
        label="公开方式"
        placeholder="—"
        options={opts(methods)}
        value={str(values.method)}
        errors={errors}
      />
      <Checkboxes
        name="tiers"
        label="公开层级"
        options={disclosureTiers}
        value={values.tiers}
        errors={errors}
      />
      <SelectField
        name="itemType"
        label="事项类型"
        placeholder="—"
        options={opts(itemTypes)}
        value={str(values.itemType)}
        errors={errors}
      />
      <SelectField
        name="process"
        label="过程"
        placeholder="—"
        options={opts(processes)}
        value={str(values.process)}
        errors={errors}
      />
    </>
  );
}

/** The catalogue's head: 序号, 公开事项, then the columns of legal.md §5.3. */
export const tableHead = ['序号', '公开事项', ...detailColumns.map((k) => columnLabels[k])];

/** The catalogue's rows, each item's name linked to `href`. */
export function ItemRows({ items, href }: { items: CatalogItem[]; href: (i: CatalogItem) => string }) {
  return (
    <>
      {items.map((it, n) => (
        <tr id={`item-${it.id}`}>
          <td class="gk-num">{n + 1}</td>
          <td>
            <Indented item={it} href={href(it)} />
          </td>
          {detailColumns.map((k) => (
            <td>{cellText(it, k)}</td>
          ))}
        </tr>
      ))}
    </>
  );
}
