import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime, beijingDate } from '../../platform/clock.js';
import { NotFoundError, type FieldError } from '../../platform/errors.js';
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
import * as docs from './official-document.service.js';
import { disclosureAttributeLabels, withheldReasonLabels } from './official-document.service.js';
import { recordStateLabels, recordStates, sanitizeBody, validityLabels, type RecordState } from './record.js';
import * as records from './record.service.js';
import * as attachments from './record-attachment.service.js';
import { registerRecordSearchRoutes } from './record-search.routes.js';
import { subjectCategoryTree } from './subject-category.js';

type Body = Record<string, string>;

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const eventLabels: Record<string, string> = {
  drafted: '起草',
  submitted: '送审',
  reviewPassed: '保密审查通过',
  reviewReturned: '保密审查退回',
  approved: '批准发布',
  published: '发布',
  withdrawn: '撤回',
  imported: '迁移导入',
  validityChanged: '修改有效性',
  scheduled: '设定定时发布',
  amended: '被修改',
  unscheduled: '取消定时发布',
};

/** Catalog items a record may be filed under, grouped per catalog (the catalog module provides them). */
export interface RecordRouteOptions {
  catalogItemChoices?: (
    ctx: FastifyRequest['ctx'],
  ) => Promise<Array<{ label: string; items: Array<{ id: string; label: string }> }>>;
  /** The catalog domains search can filter by (code and name). */
  searchDomains?: ReadonlyArray<{ value: string; label: string }>;
}

export function registerRecordRoutes(app: FastifyInstance, opts: RecordRouteOptions = {}): void {
  registerRecordSearchRoutes(app, opts.searchDomains ?? []);
  app.nav.push({ href: '/admin/records', label: '主动公开', area: 'admin', order: 25 });

  const today = (req: FastifyRequest) => beijingDate(req.ctx.clock.now());
  const writableAgencies = async (req: FastifyRequest) =>
    (await agencies.listForStaff(req.ctx)).filter((a) => a.kind !== 'villageCommunity');

  app.get<{ Querystring: { state?: string } }>('/admin/records', async (req, reply) => {
    requireStaff(req);
    const state = recordStates.includes(req.query.state as RecordState)
      ? (req.query.state as RecordState)
      : undefined;
    const items = await records.list(req.ctx, state ? { state } : {});
    return reply.page(
      { title: '主动公开', crumbs: [{ label: '工作台', href: '/admin' }, { label: '主动公开' }] },
      <>
        <h1 class="gk-title">主动公开信息</h1>
        <p>
          <a class="gk-button" href="/admin/records/new">
            起草新信息
          </a>{' '}
          <a class="gk-button gk-button--secondary" href="/admin/documents">
            公文公开属性登记
          </a>
        </p>
        <form class="gk-form gk-filters" method="get" action="/admin/records">
          <SelectField
            name="state"
            label="状态"
            value={state ?? ''}
            placeholder="全部"
            options={recordStates.map((s) => ({ value: s, label: recordStateLabels[s] }))}
          />
          <button class="gk-button gk-button--secondary" type="submit">
            筛选
          </button>
        </form>
        <Table
          head={['标题', '发布机构', '文号', '索引号', '状态', '更新时间']}
          caption={`共 ${items.length} 条`}
        >
          {items.map((r) => (
            <tr>
              <td>
                <a href={`/admin/records/${r.id}`}>{r.title}</a>
              </td>
              <td>{r.agencyName}</td>
              <td>{r.documentNumber ?? ''}</td>
              <td>{r.indexNumber ?? ''}</td>
              <td>{recordStateLabels[r.state]}</td>
              <td>{formatDateTime(r.updatedAt)}</td>
            </tr>
          ))}
        </Table>
      </>,
    );
  });

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) => {
    requireStaff(req);
    const scope = await writableAgencies(req);
    const choices = opts.catalogItemChoices ? await opts.catalogItemChoices(req.ctx) : [];
    const itemError = errors.find((e) => e.field === 'catalogItemId');
    return reply.page(
      {
        title: '起草主动公开信息',
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '主动公开', href: '/admin/records' },
          { label: '起草' },
        ],
      },
      <>
        <h1 class="gk-title">起草主动公开信息</h1>
        <form class="gk-form" method="post" action="/admin/records" novalidate>
          <CsrfField token={reply.csrf()} />
          <ErrorSummary errors={errors} />
          <SelectField
            name="agencyId"
            label="发布机构"
            value={values.agencyId}
            errors={errors}
            options={agencyOptions(scope)}
          />
          <TextField name="title" label="标题" value={values.title} errors={errors} required />
          <TextField
            name="documentNumber"
            label="文号"
            hint="如 晋政文〔2020〕12号；非公文可不填"
            value={values.documentNumber}
            errors={errors}
          />
          <TextField
            name="writtenDate"
            label="成文日期"
            type="date"
            value={values.writtenDate}
            errors={errors}
          />
          <TextField
            name="dateFormedOrChanged"
            label="形成（变更）日期"
            hint="条例第二十六条：自形成或者变更之日起 20 个工作日内公开"
            type="date"
            value={values.dateFormedOrChanged ?? today(req)}
            errors={errors}
            required
          />
          <SelectField
            name="subjectCategory"
            label="主题分类"
            value={values.subjectCategory}
            errors={errors}
            placeholder="（不分类）"
            options={subjectCategoryTree.flatMap((c) =>
              c.children.length
                ? c.children.map((sub) => ({ value: `${c.name}\\${sub}`, label: `${c.name} › ${sub}` }))
                : [{ value: c.name, label: c.name }],
            )}
          />
          <TextField
            name="genre"
            label="体裁分类"
            hint="如 通知、公告、规范性文件"
            value={values.genre}
            errors={errors}
          />
          <SelectField
            name="validity"
            label="有效性"
            value={values.validity ?? 'inForce'}
            errors={errors}
            options={Object.entries(validityLabels).map(([value, label]) => ({ value, label }))}
          />
          {choices.length ? (
            <div class={`gk-field${itemError ? ' gk-field--error' : ''}`}>
              <label class="gk-label" for="f-catalogItemId">
                目录事项
              </label>
              <p class="gk-hint">按基层政务公开标准目录归类；发布后信息列在门户该事项之下</p>
              {itemError ? <p class="gk-error-message">{itemError.message}</p> : null}
              <select class="gk-select" id="f-catalogItemId" name="catalogItemId">
                <option value="">（不归入标准目录）</option>
                {choices.map((g) => (
                  <optgroup label={g.label}>
                    {g.items.map((i) => (
                      <option value={i.id} selected={i.id === values.catalogItemId}>
                        {i.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
          ) : null}
          <TextField
            name="interprets"
            label="解读的文件"
            hint="发布政策解读时填写所解读文件的索引号或文号，两者将互相链接"
            value={values.interprets}
            errors={errors}
          />
          <TextField
            name="repeals"
            label="废止的文件"
            hint="本文件废止此前发布的文件时填写其索引号或文号；本文件发布时，原文件自动标为废止"
            value={values.repeals}
            errors={errors}
          />
          <TextField
            name="amends"
            label="修改的文件"
            hint="本文件修改此前发布的文件时填写其索引号或文号；两者将互相链接"
            value={values.amends}
            errors={errors}
          />
          <TextField name="keywords" label="主题词" value={values.keywords} errors={errors} />
          <TextField name="summary" label="内容概述" value={values.summary} errors={errors} />
          <TextArea
            name="body"
            label="正文"
            hint="可直接粘贴 Word 中的文字；格式会保留标题、段落、列表和表格"
            value={values.body}
            errors={errors}
            rows={14}
            required
          />
          <button class="gk-button" type="submit">
            保存草稿
          </button>
        </form>
      </>,
    );
  };
  app.get('/admin/records/new', async (req, reply) => renderNew(req, reply, {}, []));
  app.post<{ Body: Body }>('/admin/records', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const r = await records.createDraft(req.ctx, req.body);
        return reply.flash('success', '草稿已保存').redirect(`/admin/records/${r.id}`, 303);
      },
      (errors) => renderNew(req, reply, req.body, errors),
    );
  });

  const renderRecord = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    errors: FieldError[],
  ) => {
    const me = requireStaff(req);
    const { record: r, events } = await records.get(req.ctx, req.params.id);
    const path = await agencies.pathOf(req.ctx, r.agency_id);
    const holds = (roles: string[]) =>
      me.actor.grants.some((g) => roles.includes(g.role) && path.startsWith(g.agencyPath));
    const csrf = reply.csrf();
    const state = r.state as RecordState;
    const act = (action: string, label: string) => (
      <PostButton action={`/admin/records/${r.id}/${action}`} csrf={csrf} label={label} kind="secondary" />
    );
    const files = await attachments.list(req.ctx, r.id);
    const editable = (state === 'draft' || state === 'returned') && holds(['clerk', 'officeHead', 'admin']);
    return reply.page(
      {
        title: r.title,
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '主动公开', href: '/admin/records' },
          { label: r.title },
        ],
      },
      <>
        <h1 class="gk-title">{r.title}</h1>
        <ErrorSummary errors={errors} />
        <p>
          状态：<strong id="record-state">{recordStateLabels[state]}</strong>
          {state === 'published' ? (
            <>
              {' '}
              <a href={`/records/${r.id}`}>在门户查看</a>
            </>
          ) : null}
        </p>
        <Summary
          rows={[
            ['索引号', r.index_number ?? '发布时生成'],
            ['文号', r.document_number],
            ['成文日期', r.written_date],
            ['形成（变更）日期', r.date_formed_or_changed],
            ['发布日期', r.published_at ? formatDateTime(r.published_at) : ''],
            ['主题分类', r.subject_category],
            ['体裁分类', r.genre],
            ['有效性', validityLabels[r.validity as keyof typeof validityLabels]],
            ['主题词', r.keywords],
            ['内容概述', r.summary],
          ]}
        />
        <section class="gk-section">
          <h2 class="gk-section__title">办理</h2>
          {(state === 'draft' || state === 'returned') && holds(['clerk', 'officeHead', 'admin'])
            ? act('submit', '送保密审查')
            : null}
          {state === 'inReview' && holds(['reviewer', 'admin']) ? (
            <form
              class="gk-form gk-filters"
              method="post"
              action={`/admin/records/${r.id}/review`}
              novalidate
            >
              <CsrfField token={csrf} />
              <SelectField
                name="result"
                label="审核结论"
                value="passed"
                errors={errors}
                options={[
                  { value: 'passed', label: '通过（不涉及国家秘密等不予公开内容）' },
                  { value: 'returned', label: '退回修改' },
                ]}
              />
              <TextField name="note" label="审核意见" value="" errors={errors} />
              <button class="gk-button gk-button--secondary" type="submit">
                提交审核结论
              </button>
            </form>
          ) : null}
          {state === 'reviewed' && holds(['officeHead', 'admin']) ? act('approve', '批准发布') : null}
          {state === 'approved' && holds(['clerk', 'officeHead', 'admin']) ? (
            <>
              {act('publish', '立即发布')}
              {r.scheduled_at ? (
                <p id="record-scheduled">
                  定于 {formatDateTime(r.scheduled_at)} 自动发布。{act('unschedule', '取消定时发布')}
                </p>
              ) : null}
              <form
                class="gk-form gk-filters"
                method="post"
                action={`/admin/records/${r.id}/schedule`}
                novalidate
              >
                <CsrfField token={csrf} />
                <TextField
                  name="at"
                  label="定时发布（北京时间）"
                  type="datetime-local"
                  value={r.scheduled_at ? formatDateTime(r.scheduled_at).replace(' ', 'T') : ''}
                  errors={errors}
                />
                <button class="gk-button gk-button--secondary" type="submit">
                  {r.scheduled_at ? '修改定时' : '定时发布'}
                </button>
              </form>
            </>
          ) : null}
          {state === 'published' && holds(['clerk', 'officeHead', 'admin']) ? (
            <form
              class="gk-form gk-filters"
              method="post"
              action={`/admin/records/${r.id}/validity`}
              novalidate
            >
              <CsrfField token={csrf} />
              <SelectField
                name="validity"
                label="有效性"
                value={r.validity === 'inForce' ? 'repealed' : 'inForce'}
                errors={errors}
                options={Object.entries(validityLabels).map(([value, label]) => ({ value, label }))}
              />
              <TextField name="date" label="失效或废止日期" type="date" value={today(req)} errors={errors} />
              <TextField name="note" label="说明（如废止它的文件）" value="" errors={errors} />
              <button class="gk-button gk-button--secondary" type="submit">
                修改有效性
              </button>
            </form>
          ) : null}
          {state === 'published' && holds(['officeHead', 'admin']) ? (
            <form
              class="gk-form gk-filters"
              method="post"
              action={`/admin/records/${r.id}/withdraw`}
              novalidate
            >
              <CsrfField token={csrf} />
              <TextField name="reason" label="撤回理由" value="" errors={errors} />
              <button class="gk-button gk-button--danger" type="submit">
                撤回
              </button>
            </form>
          ) : null}
        </section>
        <section class="gk-section" id="attachments">
          <h2 class="gk-section__title">附件</h2>
          {files.length ? (
            <Table head={['文件', '大小', '可检索文字', '']}>
              {files.map((f) => (
                <tr>
                  <td>
                    <a href={`/attachments/${f.id}`}>{f.file_name}</a>
                  </td>
                  <td>{formatSize(f.byte_size)}</td>
                  <td>{f.text ? `${f.text.length} 字` : '无'}</td>
                  <td>
                    {editable ? (
                      <PostButton
                        action={`/admin/records/${r.id}/attachments/${f.id}/remove`}
                        csrf={csrf}
                        label="删除"
                        kind="secondary"
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </Table>
          ) : (
            <p>没有附件。</p>
          )}
          {editable ? (
            <form
              class="gk-form gk-filters"
              method="post"
              action={`/admin/records/${r.id}/attachments`}
              enctype="multipart/form-data"
              novalidate
            >
              <CsrfField token={csrf} />
              <div class={`gk-field${errors.some((e) => e.field === 'file') ? ' gk-field--error' : ''}`}>
                <label class="gk-label" for="f-file">
                  上传附件
                </label>
                <p class="gk-hint">
                  PDF、DOCX、XLSX 不超过 20 MB，PNG、JPG 图片不超过 5 MB；附件随正文一并保密审查
                </p>
                {errors.find((e) => e.field === 'file') ? (
                  <p class="gk-error-message">{errors.find((e) => e.field === 'file')!.message}</p>
                ) : null}
                <input
                  class="gk-input"
                  id="f-file"
                  type="file"
                  name="file"
                  accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
                />
              </div>
              <button class="gk-button gk-button--secondary" type="submit">
                上传
              </button>
            </form>
          ) : null}
        </section>
        <section class="gk-section">
          <h2 class="gk-section__title">办理记录</h2>
          <Table head={['时间', '环节', '办理人', '意见']}>
            {events.map((e) => (
              <tr>
                <td>{formatDateTime(e.at)}</td>
                <td>{eventLabels[e.type] ?? e.type}</td>
                <td>{e.actor_label}</td>
                <td>{e.note ?? ''}</td>
              </tr>
            ))}
          </Table>
        </section>
        <section class="gk-section">
          <h2 class="gk-section__title">正文</h2>
          <div class="gk-record-body" dangerouslySetInnerHTML={{ __html: sanitizeBody(r.body_html) }} />
        </section>
      </>,
    );
  };
  app.get<{ Params: { id: string } }>('/admin/records/:id', async (req, reply) =>
    renderRecord(req, reply, []),
  );

  const step = (
    action: string,
    run: (req: FastifyRequest<{ Params: { id: string }; Body: Body }>) => Promise<unknown>,
    done: string,
  ) =>
    app.post<{ Params: { id: string }; Body: Body }>(`/admin/records/:id/${action}`, async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          const result = (await run(req)) as { late?: boolean; publishDeadline?: string };
          const message = result.late
            ? `${done}。注意：已超过公开时限（${result.publishDeadline}），条例第二十六条要求自形成或变更之日起 20 个工作日内公开`
            : done;
          return reply
            .flash(result.late ? 'info' : 'success', message)
            .redirect(`/admin/records/${req.params.id}`, 303);
        },
        (errors) => renderRecord(req, reply, errors),
      );
    });
  step('submit', (req) => records.submitForReview(req.ctx, req.params.id), '已送保密审查');
  step('review', (req) => records.review(req.ctx, req.params.id, req.body), '已提交审核结论');
  step('approve', (req) => records.approve(req.ctx, req.params.id), '已批准发布');
  step('publish', (req) => records.publish(req.ctx, req.params.id), '已发布');
  step('schedule', (req) => records.schedule(req.ctx, req.params.id, req.body), '已设定定时发布');
  step('unschedule', (req) => records.unschedule(req.ctx, req.params.id), '已取消定时发布');
  step('validity', (req) => records.changeValidity(req.ctx, req.params.id, req.body), '已修改有效性');
  step('withdraw', (req) => records.withdraw(req.ctx, req.params.id, req.body.reason ?? ''), '已撤回');

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/admin/records/:id/attachments',
    async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          const file = req.body.file as { filename?: string; bytes?: Buffer } | undefined;
          const added = await attachments.add(req.ctx, req.params.id, {
            name: file?.filename ?? '',
            bytes: file?.bytes ?? new Uint8Array(),
          });
          return reply
            .flash('success', `已上传附件“${added.file_name}”`)
            .redirect(`/admin/records/${req.params.id}#attachments`, 303);
        },
        (errors) => renderRecord(req, reply, errors),
      );
    },
  );
  app.post<{ Params: { id: string; file: string } }>(
    '/admin/records/:id/attachments/:file/remove',
    async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          await attachments.remove(req.ctx, req.params.id, req.params.file);
          return reply
            .flash('success', '已删除附件')
            .redirect(`/admin/records/${req.params.id}#attachments`, 303);
        },
        (errors) => renderRecord(req, reply, errors),
      );
    },
  );
  app.get<{ Params: { id: string } }>('/attachments/:id', async (req, reply) => {
    const f = await attachments.download(req.ctx, req.params.id);
    return reply
      .type(f.mediaType)
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-disposition',
        `${f.mediaType.startsWith('image/') || f.mediaType === 'application/pdf' ? 'inline' : 'attachment'}; filename="file.${f.fileName.split('.').at(-1)}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      )
      .send(Buffer.from(f.content));
  });

  // The portal's record page, with the metadata block of legal.md §7.
  app.get<{ Params: { id: string } }>('/records/:id', async (req, reply) => {
    const r = await records.publicView(req.ctx, req.params.id);
    if (!r) throw new NotFoundError('未找到该信息，可能已撤回');
    const files = await attachments.list(req.ctx, r.id);
    const links = await records.linksOf(req.ctx, r);
    return reply.page(
      {
        title: r.title,
        area: 'portal',
        crumbs: [{ label: '首页', href: '/' }, { label: '政府信息公开' }, { label: r.title }],
      },
      <article class="gk-record">
        <table class="gk-record-meta">
          <tbody>
            <tr>
              <th>索引号</th>
              <td>{r.index_number}</td>
              <th>主题分类</th>
              <td>{r.subject_category ?? ''}</td>
            </tr>
            <tr>
              <th>发布机构</th>
              <td>{r.agencyName}</td>
              <th>成文日期</th>
              <td>{r.written_date ?? ''}</td>
            </tr>
            <tr>
              <th>文号</th>
              <td>{r.document_number ?? ''}</td>
              <th>发布日期</th>
              <td>{formatDateTime(r.published_at)}</td>
            </tr>
            <tr>
              <th>标题</th>
              <td colspan={3}>{r.title}</td>
            </tr>
            <tr>
              <th>有效性</th>
              <td id="validity">
                {validityLabels[r.validity as keyof typeof validityLabels]}
                {r.validity_date
                  ? `（${r.validity === 'repealed' ? '废止' : '失效'}日期：${r.validity_date}）`
                  : ''}
              </td>
              <th>主题词</th>
              <td>{r.keywords ?? ''}</td>
            </tr>
          </tbody>
        </table>
        <h1 class="gk-title">{r.title}</h1>
        {links.repealedBy.length || links.amendedBy.length ? (
          <p class="gk-record-link" id="changed-by">
            {links.repealedBy.map((l) => (
              <>
                本文件已被<a href={`/records/${l.id}`}>{l.title}</a>废止。
              </>
            ))}
            {links.amendedBy.map((l) => (
              <>
                本文件已被<a href={`/records/${l.id}`}>{l.title}</a>修改。
              </>
            ))}
          </p>
        ) : null}
        {links.repeals || links.amends ? (
          <p class="gk-record-link">
            {links.repeals ? (
              <>
                废止的文件：<a href={`/records/${links.repeals.id}`}>{links.repeals.title}</a>
              </>
            ) : null}
            {links.amends ? (
              <>
                修改的文件：<a href={`/records/${links.amends.id}`}>{links.amends.title}</a>
              </>
            ) : null}
          </p>
        ) : null}
        {links.interprets ? (
          <p class="gk-record-link">
            解读的文件：<a href={`/records/${links.interprets.id}`}>{links.interprets.title}</a>
          </p>
        ) : null}
        <div class="gk-record-body" dangerouslySetInnerHTML={{ __html: sanitizeBody(r.body_html) }} />
        {files.length ? (
          <section class="gk-record-files">
            <h2>附件</h2>
            <ol>
              {files.map((f) => (
                <li>
                  <a href={`/attachments/${f.id}`}>{f.file_name}</a>（{formatSize(f.byte_size)}）
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        {links.interpretations.length ? (
          <section class="gk-record-files" id="interpretations">
            <h2>政策解读</h2>
            <ul>
              {links.interpretations.map((i) => (
                <li>
                  <a href={`/records/${i.id}`}>{i.title}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>,
    );
  });

  // 公开属性源头认定: register each 公文 with its attribute; the year's counts per agency.
  const renderDocs = async (
    req: FastifyRequest<{ Querystring: { year?: string } }>,
    reply: FastifyReply,
    values: Body,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const year = /^\d{4}$/.test(req.query.year ?? '')
      ? Number(req.query.year)
      : Number(today(req).slice(0, 4));
    const counts = await docs.yearlyCounts(req.ctx, year);
    const scope = await writableAgencies(req);
    const sum = (k: 'total' | 'proactiveDisclosure' | 'disclosureOnRequest' | 'withheld') =>
      counts.reduce((s, c) => s + c[k], 0);
    return reply.page(
      {
        title: '公文公开属性登记',
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '主动公开', href: '/admin/records' },
          { label: '公文公开属性登记' },
        ],
      },
      <>
        <h1 class="gk-title">公文公开属性源头认定</h1>
        <form class="gk-form gk-filters" method="get" action="/admin/documents">
          <TextField name="year" label="年度" value={String(year)} inputmode="numeric" />
          <button class="gk-button gk-button--secondary" type="submit">
            查看
          </button>
        </form>
        <Table
          head={['机关', '公文总数', '主动公开', '依申请公开', '不予公开']}
          caption={`${year} 年（按成文日期）`}
        >
          {counts.map((c) => (
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
              {sum('total')}
            </td>
            <td class="gk-num">{sum('proactiveDisclosure')}</td>
            <td class="gk-num">{sum('disclosureOnRequest')}</td>
            <td class="gk-num">{sum('withheld')}</td>
          </tr>
        </Table>
        <section class="gk-section">
          <h2 class="gk-section__title">登记公文</h2>
          <form class="gk-form" method="post" action="/admin/documents" novalidate>
            <CsrfField token={reply.csrf()} />
            <ErrorSummary errors={errors} />
            <SelectField
              name="agencyId"
              label="制发机关"
              value={values.agencyId}
              errors={errors}
              options={agencyOptions(scope)}
            />
            <TextField name="title" label="公文标题" value={values.title} errors={errors} required />
            <TextField name="documentNumber" label="文号" value={values.documentNumber} errors={errors} />
            <TextField
              name="writtenDate"
              label="成文日期"
              type="date"
              value={values.writtenDate ?? today(req)}
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
      </>,
    );
  };
  app.get<{ Querystring: { year?: string } }>('/admin/documents', async (req, reply) =>
    renderDocs(req, reply, {}, []),
  );
  app.post<{ Querystring: { year?: string }; Body: Body }>('/admin/documents', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await docs.register(req.ctx, req.body);
        return reply.flash('success', '已登记').redirect('/admin/documents', 303);
      },
      (errors) => renderDocs(req, reply, req.body, errors),
    );
  });
}
