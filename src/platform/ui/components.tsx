import type { Child } from 'hono/jsx';
import { formatDateTime } from '../clock.js';
import type { FieldError } from '../errors.js';

/** Small building blocks of the design system; their classes are styled in static/gongkai.css. */

export interface Crumb {
  label: string;
  href?: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav class="gk-breadcrumbs" aria-label="当前位置">
      <ol>
        {items.map((c, i) =>
          c.href && i < items.length - 1 ? (
            <li>
              <a href={c.href}>{c.label}</a>
            </li>
          ) : (
            <li aria-current="page">{c.label}</li>
          ),
        )}
      </ol>
    </nav>
  );
}

/**
 * When an item was published, as lists print it beside the item: `<time datetime="YYYY-MM-DD">`
 * (Beijing), the date a site inspector reads to judge whether a column is kept up to date.
 */
export function PubDate({ at, withTime = false }: { at: string | null | undefined; withTime?: boolean }) {
  if (!at) return null;
  const shown = formatDateTime(at);
  return <time datetime={shown.slice(0, 10)}>{withTime ? shown : shown.slice(0, 10)}</time>;
}

export interface Flash {
  kind: 'success' | 'error' | 'info';
  message: string;
}

export function FlashMessage({ flash }: { flash: Flash | null }) {
  if (!flash) return null;
  return (
    <div class={`gk-flash gk-flash--${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.message}
    </div>
  );
}

/**
 * Lists a form's errors at its top, each linking to its field (GOV.UK pattern). The browser puts
 * the focus on it when the page loads (`autofocus`, no script needed), so a keyboard or screen
 * reader user starts from what went wrong.
 */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="gk-error-summary" role="alert" tabindex={-1} autofocus>
      <h2>提交的内容有 {errors.length} 处需要修改</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#f-${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a schema field (platform/schema.ts) lends a form control: its label, and whether it may be left empty. */
export interface SchemaFieldLike {
  label: string;
  optional: boolean;
}

/**
 * Where a control's label comes from: written by the page (`label`), or the schema field the
 * input is parsed with (`field`), so the page and the error message name the box alike. With
 * `field`, `required` follows the schema unless given.
 */
export type Labelled =
  { label: string; field?: SchemaFieldLike } | { label?: undefined; field: SchemaFieldLike };

export type FieldFrameProps = Labelled & {
  name: string;
  errors?: FieldError[] | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
};

/** What a control inside <Field> carries, so its label, hint and error refer to it. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

function errorFor(errors: FieldError[] | undefined, name: string): string | undefined {
  return errors?.find((e) => e.field === name)?.message;
}

/** Whether the field is marked required: as given, else as its schema field says. */
function isRequired(p: FieldFrameProps): boolean {
  return p.required ?? (p.field ? !p.field.optional : false);
}

/**
 * One form field's frame: label, hint and error message around a control, wired for screen
 * readers (the label's `for`, `aria-invalid`, and `aria-describedby` naming the hint and the
 * error). The control is the child, given the props it must carry:
 *
 *   <Field name="file" label="上传附件" hint="…" errors={errors}>
 *     {(c) => <input class="gk-input" type="file" {...c} />}
 *   </Field>
 */
export function Field(p: FieldFrameProps & { children: (control: ControlProps) => Child }) {
  const error = errorFor(p.errors, p.name);
  const label = p.label ?? p.field?.label;
  const describedBy = [p.hint ? `h-${p.name}` : '', error ? `e-${p.name}` : ''].filter(Boolean).join(' ');
  return (
    <div class={`gk-field${error ? ' gk-field--error' : ''}`}>
      <label class="gk-label" for={`f-${p.name}`}>
        {label}
        {isRequired(p) ? <span aria-hidden="true"> *</span> : null}
      </label>
      {p.hint ? (
        <p class="gk-hint" id={`h-${p.name}`}>
          {p.hint}
        </p>
      ) : null}
      {error ? (
        <p class="gk-error-message" id={`e-${p.name}`}>
          {error}
        </p>
      ) : null}
      {p.children({
        id: `f-${p.name}`,
        name: p.name,
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
    </div>
  );
}

export type FieldProps = FieldFrameProps & {
  value?: string | number | null | undefined;
  type?: 'text' | 'password' | 'email' | 'tel' | 'date' | 'number' | 'search' | 'datetime-local';
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'tel' | 'email';
};

export function TextField(p: FieldProps) {
  return (
    <Field {...p}>
      {(c) => (
        <input
          class="gk-input"
          id={c.id}
          name={c.name}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          required={isRequired(p) || undefined}
          autocomplete={p.autocomplete}
          inputmode={p.inputmode}
          aria-invalid={c['aria-invalid']}
          aria-describedby={c['aria-describedby']}
        />
      )}
    </Field>
  );
}

export type SelectProps = FieldFrameProps & {
  options: Array<{ value: string; label: string }>;
  value?: string | null | undefined;
  placeholder?: string;
};

export function SelectField(p: SelectProps) {
  return (
    <Field {...p}>
      {(c) => (
        <select class="gk-select" {...c}>
          {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
          {p.options.map((o) => (
            <option value={o.value} selected={o.value === p.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A button that POSTs (logout, revoke, unlock …): works without JavaScript. */
export function PostButton(p: {
  action: string;
  csrf: string;
  label: string;
  kind?: 'secondary' | 'danger' | 'link';
  confirm?: string;
}) {
  return (
    <form class="gk-inline" method="post" action={p.action}>
      <CsrfField token={p.csrf} />
      <button class={`gk-button${p.kind ? ` gk-button--${p.kind}` : ''}`} type="submit">
        {p.label}
      </button>
    </form>
  );
}

export function Table({
  caption,
  head,
  children,
  numeric = [],
}: {
  caption?: string;
  head: string[];
  children: Child;
  numeric?: number[];
}) {
  // A table wider than the screen scrolls inside its frame, which keyboard users reach with Tab.
  return (
    <div class="gk-table-wrap" tabindex={0} role="region" aria-label={caption ?? '表格'}>
      <table class="gk-table">
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            {head.map((h, i) => (
              <th scope="col" class={numeric.includes(i) ? 'gk-num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Pagination({
  page,
  pageSize,
  total,
  href,
}: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return <p class="gk-muted">共 {total} 条</p>;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="gk-pagination" aria-label="分页">
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              上一页
            </a>
          </li>
        ) : null}
        {shown.map((p) =>
          p === page ? (
            <li>
              <span aria-current="page">{p}</span>
            </li>
          ) : (
            <li>
              <a href={href(p)}>{p}</a>
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              下一页
            </a>
          </li>
        ) : null}
      </ul>
      <span class="gk-pagination__info">
        共 {total} 条，第 {page}/{pages} 页
      </span>
    </nav>
  );
}

export function Summary({ rows }: { rows: Array<[string, Child]> }) {
  return (
    <dl class="gk-summary">
      {rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? <span class="gk-muted">未填写</span> : v}</dd>
        </>
      ))}
    </dl>
  );
}

/** A multi-line text field with its label, hint and error, like TextField. */
export function TextArea(
  p: FieldFrameProps & {
    value: string | null | undefined;
    rows?: number;
  },
) {
  return (
    <Field {...p}>
      {(c) => (
        <textarea
          class="gk-textarea"
          id={c.id}
          name={c.name}
          rows={p.rows ?? 3}
          aria-invalid={c['aria-invalid']}
          aria-describedby={c['aria-describedby']}
        >
          {p.value ?? ''}
        </textarea>
      )}
    </Field>
  );
}

/**
 * The filter of a statistics page: an agency of the tree (indented by depth), a year, and a month
 * or the whole year. A GET form, so it works without JavaScript and the address can be shared.
 */
export function PeriodFilter(p: {
  action: string;
  agencies: Array<{ value: string; label: string }>;
  agency: string;
  years: number[];
  year: number;
  month?: number | undefined;
}) {
  return (
    <form class="gk-form gk-filters" method="get" action={p.action}>
      <SelectField name="agency" label="机构" value={p.agency} options={p.agencies} />
      <SelectField
        name="year"
        label="年度"
        value={String(p.year)}
        options={p.years.map((y) => ({ value: String(y), label: `${y} 年` }))}
      />
      <SelectField
        name="month"
        label="月份"
        value={p.month ? String(p.month) : ''}
        placeholder="全年"
        options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `${i + 1} 月` }))}
      />
      <button class="gk-button gk-button--secondary" type="submit">
        查看
      </button>
    </form>
  );
}

/**
 * The upload form of a spreadsheet import (CSV or XLSX, read by the import kit): one file field
 * and 导入, with the refusal's problems above it. The page says above it what the columns are.
 */
export function SpreadsheetUpload(p: { action: string; csrf: string; errors: FieldError[]; label: string }) {
  return (
    <form class="gk-form" method="post" action={p.action} enctype="multipart/form-data" novalidate>
      <CsrfField token={p.csrf} />
      <ErrorSummary errors={p.errors} />
      <label class="gk-label" for="f-file">
        {p.label}
      </label>
      <input class="gk-input" id="f-file" type="file" name="file" accept=".csv,.xlsx,text/csv" />
      <p>
        <button class="gk-button" type="submit">
          导入
        </button>
      </p>
    </form>
  );
}
