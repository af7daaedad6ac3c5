import { formatDateTime } from '../../../platform/clock.js';
import type { FieldError } from '../../../platform/errors.js';
import { CsrfField, ErrorSummary, SelectField, Table, TextField } from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import { VILLAGE_DOMAIN } from '../catalog.js';
import { catalogKindText } from '../catalog.presenter.js';
import type { IndexPage } from '../catalog-staff.service.js';
import { domainTemplates } from '../templates/index.js';
import { str, type Values } from './catalog-parts.js';

/** The back office's list of catalogs, with the forms to adopt, add and derive new ones. */
export function CatalogIndex(p: { page: IndexPage; values: Values; errors: FieldError[]; csrf: string }) {
  const { catalogs: items, offices, villages, townships, sources } = p.page;
  const { values, errors, csrf } = p;
  return (
    <>
      <h1 class="gk-title">基层政务公开标准目录</h1>
      <p class="gk-lead">
        按国办发〔2019〕54号，对照 26
        个试点领域的基层政务公开标准指引编制本级目录；乡镇（街道）从上级目录中公开层级含“乡级”的事项派生本级目录。
      </p>
      <ErrorSummary errors={errors} />
      <Table
        head={['机构', '领域', '类型', '事项数', '版本', '更新时间']}
        caption={`共 ${items.length} 个目录`}
      >
        {items.map((c) => (
          <tr>
            <td>{c.agencyName}</td>
            <td>
              <a href={`/admin/catalogs/${c.id}`}>{c.domainName}</a>
            </td>
            <td>{catalogKindText(c)}</td>
            <td class="gk-num">{c.itemCount}</td>
            <td class="gk-num">{c.version}</td>
            <td>{formatDateTime(c.updatedAt)}</td>
          </tr>
        ))}
      </Table>
      {offices.length ? (
        <section class="gk-section">
          <h2 class="gk-section__title">采用标准指引模板</h2>
          <form class="gk-form" method="post" action="/admin/catalogs/adopt" novalidate>
            <CsrfField token={csrf} />
            <SelectField
              name="agencyId"
              label="机构"
              options={agencyOptions(offices)}
              value={str(values.agencyId)}
              errors={errors}
            />
            <SelectField
              name="domainCode"
              label="试点领域"
              options={domainTemplates.map((d, i) => ({
                value: d.code,
                label: `${i + 1}. ${d.name}（${d.ministry}）`,
              }))}
              value={str(values.domainCode)}
              errors={errors}
            />
            <button class="gk-button" type="submit">
              采用模板
            </button>
          </form>
        </section>
      ) : null}
      {offices.length ? (
        <section class="gk-section">
          <h2 class="gk-section__title">新增本地领域</h2>
          <form class="gk-form" method="post" action="/admin/catalogs/local" novalidate>
            <CsrfField token={csrf} />
            <SelectField
              name="agencyId"
              label="机构"
              options={agencyOptions(offices)}
              value={str(values.agencyId)}
              errors={errors}
            />
            <TextField
              name="name"
              label="领域名称"
              hint="26 个试点领域以外本地需要公开的领域，如“海洋渔业”"
              value={str(values.name)}
              errors={errors}
            />
            <button class="gk-button gk-button--secondary" type="submit">
              新增领域
            </button>
          </form>
        </section>
      ) : null}
      {townships.length && sources.length ? (
        <section class="gk-section">
          <h2 class="gk-section__title">乡镇（街道）从上级目录派生</h2>
          <form class="gk-form" method="post" action="/admin/catalogs/derive" novalidate>
            <CsrfField token={csrf} />
            <SelectField
              name="agencyId"
              label="乡镇（街道）"
              options={agencyOptions(townships)}
              value={str(values.agencyId)}
              errors={errors}
            />
            <SelectField
              name="fromCatalogId"
              label="上级目录"
              options={sources.map((s) => ({ value: s.id, label: `${s.agencyName} · ${s.domainName}` }))}
              value={str(values.fromCatalogId)}
              errors={errors}
            />
            <button class="gk-button gk-button--secondary" type="submit">
              派生
            </button>
          </form>
        </section>
      ) : null}
      {villages.length ? (
        <section class="gk-section">
          <h2 class="gk-section__title">村（社区）事务公开目录</h2>
          <form class="gk-form" method="post" action="/admin/catalogs/adopt" novalidate>
            <CsrfField token={csrf} />
            <input type="hidden" name="domainCode" value={VILLAGE_DOMAIN} />
            <SelectField
              name="agencyId"
              label="村（社区）"
              options={agencyOptions(villages)}
              value={str(values.agencyId)}
              errors={errors}
            />
            <button class="gk-button gk-button--secondary" type="submit">
              建立村（社区）事务公开目录
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
