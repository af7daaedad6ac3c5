import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { holdsRoleOver } from '../../platform/access.js';
import { formatDateTime } from '../../platform/clock.js';
import { ValidationError, type FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  Summary,
  Table,
  TextArea,
  TextField,
} from '../../platform/ui/components.js';
import { agencies, agencyOptions } from '../agencies/index.js';
import {
  audiences,
  catalogKindLabels,
  columnKeys,
  columnLabels,
  DEFAULT_TIME_LIMIT,
  disclosureChannels,
  disclosureTiers,
  domainTemplates,
  itemLevelLabels,
  itemTypes,
  methods,
  processes,
  VILLAGE_DOMAIN,
  type CatalogItem,
  type ItemColumns,
  type SnapshotItem,
} from './catalog.js';
import * as catalogs from './catalog.service.js';

type Values = Record<string, unknown>;
type Params = { id: string };

const editorRoles = ['admin', 'officeHead', 'clerk'] as const;

const adminCrumbs = (...rest: Array<{ label: string; href?: string }>) => [
  { label: '工作台', href: '/admin' },
  { label: '标准目录', href: '/admin/catalogs' },
  ...rest,
];

function str(v: unknown): string {
  if (Array.isArray(v)) return v.join('、');
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  return typeof v === 'string' && v ? [v] : [];
}

/** What a cell of the catalogue shows for a column. */
function cell(item: ItemColumns, key: keyof ItemColumns): string {
  const v = item[key];
  if (Array.isArray(v)) return v.join('、');
  return v ?? '';
}

function Indented({ item, href }: { item: { level: number; name: string }; href?: string }) {
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
function ItemFields({ values, errors }: { values: Values; errors: FieldError[] }) {
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

const tableHead = ['序号', '公开事项', ...columnKeys.filter((k) => k !== 'name').map((k) => columnLabels[k])];

function ItemRows({ items, href }: { items: CatalogItem[]; href: (i: CatalogItem) => string }) {
  return (
    <>
      {items.map((it, n) => (
        <tr id={`item-${it.id}`}>
          <td class="gk-num">{n + 1}</td>
          <td>
            <Indented item={it} href={href(it)} />
          </td>
          {columnKeys
            .filter((k) => k !== 'name')
            .map((k) => (
              <td>{cell(it, k)}</td>
            ))}
        </tr>
      ))}
    </>
  );
}

function uploaded(body: Values): Uint8Array | null {
  const file = body.file as { bytes?: Buffer } | undefined;
  return file?.bytes && file.bytes.length > 0 ? file.bytes : null;
}

export function registerCatalogRoutes(app: FastifyInstance): void {
  app.nav.push(
    { href: '/admin/catalogs', label: '标准目录', area: 'admin', order: 27 },
    { href: '/catalogs', label: '标准目录', area: 'portal', order: 25 },
  );

  const editable = async (req: FastifyRequest) =>
    (await agencies.listForStaff(req.ctx)).filter(
      (a) => !a.dissolvedAt && holdsRoleOver(req.ctx.actor, editorRoles, a.path),
    );

  const renderIndex = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const items = await catalogs.list(req.ctx);
    const mine = await editable(req);
    const offices = mine.filter((a) => a.kind !== 'villageCommunity');
    const villages = mine.filter((a) => a.kind === 'villageCommunity');
    const { townships, sources } = await catalogs.derivationSources(req.ctx);
    const csrf = reply.csrf();
    return reply.page(
      { title: '标准目录', crumbs: adminCrumbs() },
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
              <td>
                {catalogKindLabels[c.kind]}
                {c.derivedFromCatalogId ? '（派生）' : ''}
              </td>
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
      </>,
    );
  };
  app.get('/admin/catalogs', async (req, reply) => renderIndex(req, reply, {}, []));

  const indexAction = (
    path: string,
    run: (req: FastifyRequest<{ Body: Values }>) => Promise<{ id: string }>,
    done: string,
  ) =>
    app.post<{ Body: Values }>(path, async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          const c = await run(req);
          return reply.flash('success', done).redirect(`/admin/catalogs/${c.id}`, 303);
        },
        (errors) => renderIndex(req, reply, req.body, errors),
      );
    });
  indexAction(
    '/admin/catalogs/adopt',
    (req) => catalogs.adoptTemplate(req.ctx, str(req.body.agencyId), str(req.body.domainCode)),
    '已采用标准指引模板，请按本地实际修改',
  );
  indexAction(
    '/admin/catalogs/local',
    (req) => catalogs.addLocalDomain(req.ctx, str(req.body.agencyId), req.body),
    '已新增本地领域',
  );
  indexAction(
    '/admin/catalogs/derive',
    (req) => catalogs.deriveTownship(req.ctx, str(req.body.agencyId), str(req.body.fromCatalogId)),
    '已从上级目录派生本级目录',
  );

  const renderCatalog = async (
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    values: Values,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const v = await catalogs.get(req.ctx, req.params.id);
    const versions = await catalogs.listVersions(req.ctx, v.catalog.id);
    const csrf = reply.csrf();
    const c = v.catalog;
    const title = `${v.agency.name} · ${c.domainName}`;
    const townships = v.canEdit
      ? (await editable(req)).filter(
          (a) => a.level === 'township' && a.path.startsWith(v.agency.path) && a.id !== v.agency.id,
        )
      : [];
    const importErrors = errors.filter((e) => e.field === 'file');
    const itemErrors = errors.filter((e) => e.field !== 'file');
    return reply.page(
      { title, crumbs: adminCrumbs({ label: title }) },
      <>
        <h1 class="gk-title">{title}</h1>
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
        {v.canEdit ? (
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
                  .map((i) => ({ value: i.id, label: `${'　'.repeat(i.level - 1)}${i.name}` }))}
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
        {v.canEdit ? (
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
                  <h2>工作簿有 {importErrors.length} 处错误，未导入任何内容</h2>
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
        {townships.length && c.kind !== 'village' ? (
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
      </>,
    );
  };
  app.get<{ Params: Params }>('/admin/catalogs/:id', async (req, reply) => renderCatalog(req, reply, {}, []));

  app.post<{ Params: Params; Body: Values }>('/admin/catalogs/:id/items', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const item = await catalogs.addItem(req.ctx, req.params.id, req.body);
        return reply
          .flash('success', `已新增“${item.name}”`)
          .redirect(`/admin/catalogs/${req.params.id}`, 303);
      },
      (errors) => renderCatalog(req, reply, req.body, errors),
    );
  });

  app.get<{ Params: Params }>('/admin/catalogs/:id/export.xlsx', async (req, reply) => {
    requireStaff(req);
    const { filename, bytes } = await catalogs.exportExcel(req.ctx, req.params.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="catalog.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      )
      .send(bytes);
  });

  app.post<{ Params: Params; Body: Values }>('/admin/catalogs/:id/import', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const bytes = uploaded(req.body ?? {});
        if (!bytes) throw ValidationError.one('file', '请选择要导入的 Excel 工作簿');
        const { diff } = await catalogs.importExcel(req.ctx, req.params.id, bytes);
        const changes = [
          diff.added.length ? `新增 ${diff.added.length} 项` : '',
          diff.removed.length ? `删除 ${diff.removed.length} 项` : '',
          diff.changed.length ? `修改 ${diff.changed.length} 项` : '',
        ].filter(Boolean);
        return reply
          .flash(
            'success',
            changes.length ? `已导入：${changes.join('，')}` : '已导入：与现有目录相同，无变化',
          )
          .redirect(`/admin/catalogs/${req.params.id}`, 303);
      },
      (errors) => renderCatalog(req, reply, {}, errors),
    );
  });

  app.get<{ Params: Params; Querystring: { from?: string; to?: string } }>(
    '/admin/catalogs/:id/compare',
    async (req, reply) => {
      requireStaff(req);
      const v = await catalogs.get(req.ctx, req.params.id);
      const from = Number(req.query.from);
      const to = Number(req.query.to);
      if (!Number.isInteger(from) || !Number.isInteger(to))
        throw ValidationError.one('version', '请选择要比较的两个版本');
      const diff = await catalogs.compare(req.ctx, v.catalog.id, from, to);
      const [a, b] = from <= to ? [from, to] : [to, from];
      const title = `${v.agency.name} · ${v.catalog.domainName}`;
      const Items = ({ items }: { items: SnapshotItem[] }) => (
        <Table head={['公开事项', '公开内容（要素）', '公开时限', '公开主体']}>
          {items.map((i) => (
            <tr>
              <td>
                <Indented item={i} />
              </td>
              <td>{i.contentElements}</td>
              <td>{i.timeLimit}</td>
              <td>{i.subject}</td>
            </tr>
          ))}
        </Table>
      );
      const keyOf = Object.fromEntries(columnKeys.map((k) => [columnLabels[k], k])) as Record<
        string,
        keyof ItemColumns
      >;
      return reply.page(
        {
          title: `版本比较 - ${title}`,
          crumbs: adminCrumbs(
            { label: title, href: `/admin/catalogs/${v.catalog.id}` },
            { label: '版本比较' },
          ),
        },
        <>
          <h1 class="gk-title">
            第 {a} 版与第 {b} 版比较
          </h1>
          <p class="gk-lead">{title}</p>
          <section class="gk-section" id="diff-added">
            <h2 class="gk-section__title">新增事项（{diff.added.length}）</h2>
            <Items items={diff.added} />
          </section>
          <section class="gk-section" id="diff-removed">
            <h2 class="gk-section__title">删除事项（{diff.removed.length}）</h2>
            <Items items={diff.removed} />
          </section>
          <section class="gk-section" id="diff-changed">
            <h2 class="gk-section__title">修改事项（{diff.changed.length}）</h2>
            <Table head={['公开事项', '修改的栏目', `第 ${a} 版`, `第 ${b} 版`]}>
              {diff.changed.flatMap((ch) =>
                ch.columns.map((label, n) => {
                  const key = keyOf[label];
                  return (
                    <tr>
                      <td>{n === 0 ? <Indented item={ch.after} /> : ''}</td>
                      <td>{label}</td>
                      <td>{key ? cell(ch.before, key) : ''}</td>
                      <td>{key ? cell(ch.after, key) : ''}</td>
                    </tr>
                  );
                }),
              )}
            </Table>
          </section>
        </>,
      );
    },
  );

  const renderItem = async (
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    values: Values | null,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const { item, catalog, canEdit, parents } = await catalogs.getItem(req.ctx, req.params.id);
    const linked = await catalogs.publishedRecordsForItem(req.ctx, item.id);
    const linkable = canEdit ? await catalogs.linkableRecords(req.ctx, catalog.id) : [];
    const csrf = reply.csrf();
    const back = `/admin/catalogs/${catalog.id}`;
    return reply.page(
      {
        title: item.name,
        crumbs: adminCrumbs({ label: catalog.domainName, href: back }, { label: item.name }),
      },
      <>
        <h1 class="gk-title">
          {item.name} <span class="gk-tag">{itemLevelLabels[item.level]}</span>
        </h1>
        <ErrorSummary errors={errors} />
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
                  options={parents.map((p) => ({
                    value: p.id,
                    label: `${'　'.repeat(p.level - 1)}${p.name}`,
                  }))}
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
          <Summary rows={columnKeys.map((k) => [columnLabels[k], cell(item, k)] as [string, string])} />
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
                  {canEdit ? (
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
          {canEdit && linkable.length ? (
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
      </>,
    );
  };
  app.get<{ Params: Params }>('/admin/catalogs/items/:id', async (req, reply) =>
    renderItem(req, reply, null, []),
  );

  const itemAction = (
    action: string,
    run: (req: FastifyRequest<{ Params: Params; Body: Values }>) => Promise<unknown>,
    done: string,
    to: 'item' | 'catalog',
  ) =>
    app.post<{ Params: Params; Body: Values }>(`/admin/catalogs/items/:id${action}`, async (req, reply) => {
      requireStaff(req);
      const catalogId = to === 'catalog' ? (await catalogs.getItem(req.ctx, req.params.id)).catalog.id : null;
      return withForm(
        reply,
        async () => {
          await run(req);
          return reply
            .flash('success', done)
            .redirect(
              catalogId ? `/admin/catalogs/${catalogId}` : `/admin/catalogs/items/${req.params.id}`,
              303,
            );
        },
        (errors) => renderItem(req, reply, action === '' ? req.body : null, errors),
      );
    });
  itemAction('', (req) => catalogs.updateItem(req.ctx, req.params.id, req.body), '已保存修改', 'item');
  itemAction('/move', (req) => catalogs.moveItem(req.ctx, req.params.id, req.body), '已调整位置', 'catalog');
  itemAction('/remove', (req) => catalogs.removeItem(req.ctx, req.params.id), '已删除', 'catalog');
  itemAction(
    '/link',
    (req) => catalogs.linkRecord(req.ctx, req.params.id, req.body.recordId),
    '已关联',
    'item',
  );
  itemAction(
    '/unlink',
    (req) => catalogs.unlinkRecord(req.ctx, req.params.id, str(req.body.recordId)),
    '已取消关联',
    'item',
  );

  // The portal: who has a catalog, an agency's catalogs, one item with its records.
  app.get('/catalogs', async (req, reply) => {
    const list = await catalogs.publicIndex(req.ctx);
    return reply.page(
      {
        title: '基层政务公开标准目录',
        area: 'portal',
        crumbs: [{ label: '首页', href: '/' }, { label: '标准目录' }],
      },
      <>
        <h1 class="gk-title">基层政务公开标准目录</h1>
        <Table head={['机关', '领域']}>
          {list.map((a) => (
            <tr>
              <td>
                <a href={`/catalogs/${a.agencyId}`}>{a.agencyName}</a>
              </td>
              <td>{a.domains.join('、')}</td>
            </tr>
          ))}
        </Table>
      </>,
    );
  });

  app.get<{ Params: { agencyId: string } }>('/catalogs/:agencyId', async (req, reply) => {
    const { agency, catalogs: list } = await catalogs.publicCatalogs(req.ctx, req.params.agencyId);
    return reply.page(
      {
        title: `${agency.name}标准目录`,
        area: 'portal',
        crumbs: [
          { label: '首页', href: '/' },
          { label: '标准目录', href: '/catalogs' },
          { label: agency.name },
        ],
      },
      <>
        <h1 class="gk-title">{agency.name}基层政务公开标准目录</h1>
        {list.length === 0 ? <p class="gk-muted">该机关尚未发布标准目录。</p> : null}
        {list.map(({ catalog, items }) => (
          <section class="gk-section" id={`catalog-${catalog.id}`}>
            <h2 class="gk-section__title">{catalog.domainName}</h2>
            <Table head={['公开事项', '公开内容（要素）', '公开时限', '公开主体', '公开方式', '公开层级']}>
              {items.map((i) => (
                <tr>
                  <td>
                    <Indented item={i} href={`/catalogs/item/${i.id}`} />
                  </td>
                  <td>{i.contentElements}</td>
                  <td>{i.timeLimit}</td>
                  <td>{i.subject}</td>
                  <td>{i.method ?? ''}</td>
                  <td>{i.tiers.join('、')}</td>
                </tr>
              ))}
            </Table>
          </section>
        ))}
      </>,
    );
  });

  app.get<{ Params: { itemId: string } }>('/catalogs/item/:itemId', async (req, reply) => {
    const p = await catalogs.publicItem(req.ctx, req.params.itemId);
    return reply.page(
      {
        title: p.item.name,
        area: 'portal',
        crumbs: [
          { label: '首页', href: '/' },
          { label: '标准目录', href: '/catalogs' },
          { label: `${p.agency.name} · ${p.catalog.domainName}`, href: `/catalogs/${p.agency.id}` },
          ...p.ancestors.map((a) => ({ label: a.name, href: `/catalogs/item/${a.id}` })),
          { label: p.item.name },
        ],
      },
      <>
        <h1 class="gk-title">{p.item.name}</h1>
        <Summary
          rows={[
            [
              '公开事项',
              `${itemLevelLabels[p.item.level]}${p.ancestors.length ? `（属于${p.ancestors.map((a) => a.name).join(' › ')}）` : ''}`,
            ],
            ...columnKeys
              .filter((k) => k !== 'name')
              .map((k) => [columnLabels[k], cell(p.item, k)] as [string, string]),
          ]}
        />
        {p.children.length ? (
          <section class="gk-section">
            <h2 class="gk-section__title">下级事项</h2>
            <ul>
              {p.children.map((c) => (
                <li>
                  <a href={`/catalogs/item/${c.id}`}>{c.name}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section class="gk-section" id="item-records">
          <h2 class="gk-section__title">已公开的信息</h2>
          {p.records.length === 0 ? <p class="gk-muted">暂无关联的公开信息。</p> : null}
          <ul>
            {p.records.map((r) => (
              <li>
                <a href={`/records/${r.id}`}>{r.title}</a>{' '}
                <span class="gk-muted">
                  {r.agencyName} {formatDateTime(r.publishedAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </>,
    );
  });
}
