import { formatDateTime } from '../../../platform/clock.js';
import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  Summary,
  Table,
  TextField,
} from '../../../platform/ui/components.js';
import { columnKeys, columnLabels, itemLevelLabels } from '../catalog.js';
import { cellText, indentedName } from '../catalog.presenter.js';
import type { ItemPage } from '../catalog-staff.service.js';
import { ItemFields, type Values } from './catalog-parts.js';

/** One item in the back office: its columns (a form for its keepers), its place, its records. */
export function ItemPageView(p: {
  page: ItemPage;
  values: Values | null;
  errors: FieldError[];
  csrf: string;
}) {
  const { item, allowed, parents, linked, linkable } = p.page;
  const { values, errors, csrf } = p;
  const canEdit = allowed.includes('edit');
  const canLink = allowed.includes('link');
  return (
    <>
      <h1 class="gk-title">
        {item.name} <span class="gk-tag">{itemLevelLabels[item.level]}</span>
      </h1>
      <ErrorSummary errors={errors} />
      {p.page.links.length ? (
        <section class="gk-section" id="links">
          <h2 class="gk-section__title">相关服务</h2>
          <ul class="gk-link-list">
            {p.page.links.map((l) => (
              <li>
                <a href={l.href}>{l.label}</a>
                {l.note ? <span class="gk-muted">（{l.note}）</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canEdit ? (
        <>
          <section class="gk-section">
            <h2 class="gk-section__title">修改事项</h2>
            <form class="gk-form" method="post" action={`/admin/catalogs/items/${item.id}`} novalidate>
              <CsrfField token={csrf} />
              <ItemFields values={values ?? (item as unknown as Values)} errors={errors} />
              <button class="gk-button" type="submit">
                保存修改
              </button>
            </form>
          </section>
          <section class="gk-section">
            <h2 class="gk-section__title">调整位置</h2>
            <form
              class="gk-form gk-filters"
              method="post"
              action={`/admin/catalogs/items/${item.id}/move`}
              novalidate
            >
              <CsrfField token={csrf} />
              <SelectField
                name="parentId"
                label="上级事项"
                placeholder="（无，作为一级事项）"
                options={parents.map((x) => ({ value: x.id, label: indentedName(x) }))}
                value={item.parentId ?? ''}
              />
              <TextField name="position" label="排列序号" value={item.position} inputmode="numeric" />
              <button class="gk-button gk-button--secondary" type="submit">
                移动
              </button>
            </form>
            <PostButton
              action={`/admin/catalogs/items/${item.id}/remove`}
              csrf={csrf}
              label="删除该事项（含下级事项）"
              kind="danger"
            />
          </section>
        </>
      ) : (
        <Summary rows={columnKeys.map((k) => [columnLabels[k], cellText(item, k)] as [string, string])} />
      )}
      <section class="gk-section">
        <h2 class="gk-section__title">关联的主动公开信息</h2>
        <Table head={['标题', '索引号', '发布日期', '']}>
          {linked.map((r) => (
            <tr>
              <td>
                <a href={`/records/${r.id}`}>{r.title}</a>
              </td>
              <td>{r.indexNumber ?? ''}</td>
              <td>{formatDateTime(r.publishedAt)}</td>
              <td>
                {canLink ? (
                  <form class="gk-inline" method="post" action={`/admin/catalogs/items/${item.id}/unlink`}>
                    <CsrfField token={csrf} />
                    <input type="hidden" name="recordId" value={r.id} />
                    <button class="gk-button gk-button--link" type="submit">
                      取消关联
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
        {canLink && linkable.length ? (
          <form
            class="gk-form gk-filters"
            method="post"
            action={`/admin/catalogs/items/${item.id}/link`}
            novalidate
          >
            <CsrfField token={csrf} />
            <SelectField
              name="recordId"
              label="已发布的信息"
              options={linkable.map((r) => ({ value: r.id, label: r.title }))}
            />
            <button class="gk-button gk-button--secondary" type="submit">
              关联
            </button>
          </form>
        ) : null}
      </section>
    </>
  );
}
