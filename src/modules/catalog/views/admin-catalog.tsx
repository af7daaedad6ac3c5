import { formatDateTime } from '../../../platform/clock.js';
import type { FieldError } from '../../../platform/errors.js';
import { CsrfField, ErrorSummary, SelectField, Summary, Table } from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import { catalogKindLabels } from '../catalog.js';
import { indentedName, problemCount } from '../catalog.presenter.js';
import type { CatalogPage } from '../catalog-staff.service.js';
import { ItemFields, ItemRows, str, tableHead, type Values } from './catalog-parts.js';

/** One catalog in the back office: its items, the forms its keepers may use, its versions. */
export function CatalogPageView(p: {
  page: CatalogPage;
  values: Values;
  errors: FieldError[];
  csrf: string;
}) {
  const v = p.page;
  const { values, errors, csrf } = p;
  const c = v.catalog;
  const { versions, townships } = v;
  const importErrors = errors.filter((e) => e.field === 'file');
  const itemErrors = errors.filter((e) => e.field !== 'file');
  return (
    <>
      <h1 class="gk-title">{`${v.agency.name} · ${c.domainName}`}</h1>
      <Summary
        rows={[
          ['类型', catalogKindLabels[c.kind]],
          ['当前版本', <span id="catalog-version">{c.version}</span>],
          ['事项数', String(v.items.length)],
          [
            '派生自',
            c.derivedFromCatalogId ? (
              <a href={`/admin/catalogs/${c.derivedFromCatalogId}`}>上级目录</a>
            ) : null,
          ],
          ['更新时间', formatDateTime(c.updatedAt)],
        ]}
      />
      <p>
        <a class="gk-button gk-button--secondary" href={`/admin/catalogs/${c.id}/export.xlsx`}>
          导出 Excel
        </a>{' '}
        <a href={`/catalogs/${v.agency.id}`}>在门户查看</a>
      </p>
      <Table head={tableHead} caption="目录事项（点击事项名称修改）">
        <ItemRows items={v.items} href={(i) => `/admin/catalogs/items/${i.id}`} />
      </Table>
      {v.allowed.includes('edit') ? (
        <section class="gk-section">
          <h2 class="gk-section__title">新增事项</h2>
          <form class="gk-form" method="post" action={`/admin/catalogs/${c.id}/items`} novalidate>
            <CsrfField token={csrf} />
            <ErrorSummary errors={itemErrors} />
            <SelectField
              name="parentId"
              label="上级事项"
              placeholder="（无，作为一级事项）"
              options={v.items
                .filter((i) => i.level < 3)
                .map((i) => ({ value: i.id, label: indentedName(i) }))}
              value={str(values.parentId)}
              errors={itemErrors}
            />
            <ItemFields values={values} errors={itemErrors} />
            <button class="gk-button" type="submit">
              新增事项
            </button>
          </form>
        </section>
      ) : null}
      {v.allowed.includes('import') ? (
        <section class="gk-section">
          <h2 class="gk-section__title">从 Excel 导入</h2>
          <p class="gk-hint">
            按导出的格式填写：第 1 行为标题，第 2、3 行为表头，事项从第 4
            行起；两项选择的栏目在选中的一栏填“✓”。
            导入后目录以表格为准：表中没有的事项将被删除。有任何一处错误则整表不导入。
          </p>
          <form
            class="gk-form"
            method="post"
            action={`/admin/catalogs/${c.id}/import`}
            enctype="multipart/form-data"
            novalidate
          >
            <CsrfField token={csrf} />
            {importErrors.length ? (
              <div class="gk-error-summary" role="alert" id="import-errors">
                <h2>工作簿有 {problemCount(importErrors)} 处错误，未导入任何内容</h2>
                <ul>
                  {importErrors.map((e) => (
                    <li>{e.message}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div class="gk-field">
              <label class="gk-label" for="f-file">
                目录工作簿（.xlsx）
              </label>
              <input class="gk-input" id="f-file" name="file" type="file" accept=".xlsx" />
            </div>
            <button class="gk-button gk-button--secondary" type="submit">
              导入
            </button>
          </form>
        </section>
      ) : null}
      {townships.length ? (
        <section class="gk-section">
          <h2 class="gk-section__title">派生乡镇（街道）目录</h2>
          <form class="gk-form gk-filters" method="post" action="/admin/catalogs/derive" novalidate>
            <CsrfField token={csrf} />
            <input type="hidden" name="fromCatalogId" value={c.id} />
            <SelectField name="agencyId" label="乡镇（街道）" options={agencyOptions(townships)} />
            <button class="gk-button gk-button--secondary" type="submit">
              派生
            </button>
          </form>
        </section>
      ) : null}
      <section class="gk-section">
        <h2 class="gk-section__title">版本记录</h2>
        <Table head={['版本', '时间', '修改人', '说明']}>
          {versions.map((ver) => (
            <tr>
              <td class="gk-num">{ver.version}</td>
              <td>{formatDateTime(ver.changedAt)}</td>
              <td>{ver.actorLabel}</td>
              <td>{ver.summary}</td>
            </tr>
          ))}
        </Table>
        {versions.length > 1 ? (
          <form class="gk-form gk-filters" method="get" action={`/admin/catalogs/${c.id}/compare`}>
            <SelectField
              name="from"
              label="比较版本"
              options={versions.map((x) => ({ value: String(x.version), label: `第 ${x.version} 版` }))}
              value={String(versions[1]!.version)}
            />
            <SelectField
              name="to"
              label="与"
              options={versions.map((x) => ({ value: String(x.version), label: `第 ${x.version} 版` }))}
              value={String(versions[0]!.version)}
            />
            <button class="gk-button gk-button--secondary" type="submit">
              比较
            </button>
          </form>
        ) : null}
      </section>
    </>
  );
}
