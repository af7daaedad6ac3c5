import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../platform/errors.js';
import { requireStaff, withForm } from '../../../platform/http/server.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import { scopeLabels, type Scope } from '../compile/annual-report.schemas.js';
import { followupPage } from './followup.page.js';
import { problemStatusLabels, trainingKindLabels } from './followup.schemas.js';
import * as problems from './problems.service.js';
import * as training from './training.service.js';

type Body = Record<string, string>;
type Query = { agencyId?: string; year?: string; scope?: string };

const base = '/admin/annual-reports/followup';
const here = (agencyId: string, year: number | string, scope: string = 'self') =>
  `${base}?agencyId=${encodeURIComponent(agencyId)}&year=${year}&scope=${scope}`;

/**
 * Back office: 培训、考核 recorded per agency and year, and the 整改 of the problems each published
 * report's section 五 stated — both offered to the next report's text.
 */
export function registerFollowupRoutes(app: FastifyInstance): void {
  const renderPage = async (
    req: FastifyRequest<{ Querystring: Query }>,
    reply: FastifyReply,
    form: { training?: Body; problem?: Body },
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const p = await followupPage(req.ctx, req.query);
    const csrf = reply.csrf();
    const agencyId = p.agency?.id ?? '';
    const t = form.training;
    return reply.page(
      {
        title: '培训考核与问题整改',
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '年度报告', href: '/admin/annual-reports' },
          { label: '培训考核与问题整改' },
        ],
      },
      <>
        <h1 class="gk-title">培训考核与问题整改</h1>
        <p class="gk-hint">
          这里登记的培训、考核和问题整改情况，会在编写下一年度报告时预填到“五、存在的主要问题及改进情况”。
        </p>
        <form class="gk-form gk-filters" method="get" action={base}>
          <SelectField
            name="agencyId"
            label="机构"
            value={agencyId}
            errors={[]}
            options={agencyOptions(p.agencies)}
          />
          <TextField name="year" label="年度" type="number" value={String(p.year)} errors={[]} />
          <SelectField
            name="scope"
            label="报告范围"
            value={p.scope}
            errors={[]}
            options={(['self', 'tree'] as const).map((s) => ({ value: s, label: scopeLabels[s] }))}
          />
          <button class="gk-button gk-button--secondary" type="submit">
            选择
          </button>
        </form>
        <ErrorSummary errors={errors} />

        <section class="gk-section" id="training">
          <h2 class="gk-section__title">{p.year}年培训和考核</h2>
          {p.facts && (p.facts.trainings > 0 || p.facts.assessments > 0) ? (
            <p>
              共组织培训 {p.facts.trainings} 场，参训 {p.facts.trainees} 人次；考核 {p.facts.assessments}{' '}
              次，参加 {p.facts.assessed} 人次。
            </p>
          ) : (
            <p class="gk-muted">本年度尚未登记培训或考核。</p>
          )}
          {p.sessions.length ? (
            <Table
              caption={`${p.year}年培训和考核`}
              head={['日期', '类别', '名称', '机构', '参加人次', '学时', '']}
            >
              {p.sessions.map((s) => (
                <tr>
                  <td>{s.heldOn}</td>
                  <td>{trainingKindLabels[s.kind]}</td>
                  <td>{s.title}</td>
                  <td>{s.agencyName}</td>
                  <td class="gk-num">{s.attendees}</td>
                  <td class="gk-num">{s.hours ?? ''}</td>
                  <td>
                    {p.canEdit ? (
                      <PostButton
                        action={`${base}/training/${s.id}/delete?back=${encodeURIComponent(here(agencyId, p.year, p.scope))}`}
                        csrf={csrf}
                        label="删除"
                        kind="link"
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </Table>
          ) : null}
          {p.canEdit && p.agency ? (
            <form
              class="gk-form"
              method="post"
              action={`${base}/training?agencyId=${encodeURIComponent(agencyId)}&year=${p.year}&scope=${p.scope}`}
              novalidate
            >
              <h3>登记一次培训或考核（{p.agency.name}）</h3>
              <CsrfField token={csrf} />
              <SelectField
                name="kind"
                label="类别"
                value={t?.kind ?? 'training'}
                errors={errors}
                options={(['training', 'assessment'] as const).map((k) => ({
                  value: k,
                  label: trainingKindLabels[k],
                }))}
              />
              <TextField name="title" label="名称" value={t?.title} errors={errors} required />
              <TextField name="heldOn" label="日期" type="date" value={t?.heldOn} errors={errors} required />
              <TextField
                name="attendees"
                label="参加人次"
                inputmode="numeric"
                value={t?.attendees}
                errors={errors}
                required
              />
              <TextField
                name="hours"
                label="学时"
                hint="可不填；可有一位小数"
                value={t?.hours}
                errors={errors}
              />
              <TextField name="note" label="备注" value={t?.note} errors={errors} />
              <button class="gk-button" type="submit">
                登记
              </button>
            </form>
          ) : null}
        </section>

        <section class="gk-section" id="problems">
          <h2 class="gk-section__title">
            {p.year}年度报告（{scopeLabels[p.scope]}）所述问题的整改
          </h2>
          {p.problems.length ? (
            <Table caption="问题和整改情况" head={['序号', '问题', '整改情况', '整改措施', '']}>
              {p.problems.map((q, i) => (
                <tr>
                  <td class="gk-num">{i + 1}</td>
                  <td>{q.text}</td>
                  <td class="gk-name">
                    {problemStatusLabels[q.status]}
                    {q.fixedOn ? `（${q.fixedOn}）` : ''}
                  </td>
                  <td>{q.measures ?? ''}</td>
                  <td class="gk-name">
                    {p.canEdit ? (
                      <a href={`${base}/problems/${q.id}`} aria-label={`修改第 ${i + 1} 个问题`}>
                        修改
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </Table>
          ) : (
            <p class="gk-muted">
              该年度报告发布（或记录历史报告）后，第五部分写明的问题会自动列在这里；没有写明问题的，可在下面补充。
            </p>
          )}
          {p.canEdit && p.agency ? (
            <form
              class="gk-form"
              method="post"
              action={`${base}/problems?agencyId=${encodeURIComponent(agencyId)}&year=${p.year}&scope=${p.scope}`}
              novalidate
            >
              <CsrfField token={csrf} />
              <TextArea
                name="text"
                label="补充一个问题"
                hint="报告第五部分写明、但上表没有列出的问题"
                value={form.problem?.text}
                errors={errors}
              />
              <button class="gk-button gk-button--secondary" type="submit">
                补充
              </button>
            </form>
          ) : null}
        </section>
      </>,
    );
  };

  app.get<{ Querystring: Query }>(base, async (req, reply) => renderPage(req, reply, {}, []));

  app.post<{ Querystring: Query; Body: Body }>(`${base}/training`, async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await training.record(req.ctx, req.query.agencyId ?? '', req.body);
        return reply
          .flash('success', '已登记')
          .redirect(`${here(req.query.agencyId ?? '', req.query.year ?? '', req.query.scope)}#training`, 303);
      },
      (errors) => renderPage(req, reply, { training: req.body }, errors),
    );
  });

  app.post<{ Params: { id: string }; Querystring: { back?: string } }>(
    `${base}/training/:id/delete`,
    async (req, reply) => {
      requireStaff(req);
      await training.remove(req.ctx, req.params.id);
      const back = req.query.back?.startsWith(`${base}?`) ? req.query.back : base;
      return reply.flash('success', '已删除').redirect(`${back}#training`, 303);
    },
  );

  app.post<{ Querystring: Query; Body: Body }>(`${base}/problems`, async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const scope: Scope = req.query.scope === 'tree' ? 'tree' : 'self';
        await problems.add(
          req.ctx,
          { agencyId: req.query.agencyId ?? '', year: Number(req.query.year), scope },
          req.body,
        );
        return reply
          .flash('success', '已补充')
          .redirect(`${here(req.query.agencyId ?? '', req.query.year ?? '', scope)}#problems`, 303);
      },
      (errors) => renderPage(req, reply, { problem: req.body }, errors),
    );
  });

  const renderProblem = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    values: Body | null,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const q = await problems.getForEdit(req.ctx, req.params.id);
    const back = `${here(q.agencyId, q.year, q.scope)}#problems`;
    return reply.page(
      {
        title: '问题整改情况',
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '年度报告', href: '/admin/annual-reports' },
          { label: '培训考核与问题整改', href: back },
          { label: '问题整改情况' },
        ],
      },
      <>
        <h1 class="gk-title">
          {q.agencyName} {q.year}年度报告所述问题（第 {q.ordinal} 个）
        </h1>
        <form class="gk-form" method="post" action={`${base}/problems/${q.id}`} novalidate>
          <CsrfField token={reply.csrf()} />
          <ErrorSummary errors={errors} />
          <TextArea name="text" label="问题" value={values ? values.text : q.text} errors={errors} rows={4} />
          <SelectField
            name="status"
            label="整改情况"
            value={values ? values.status : q.status}
            errors={errors}
            options={(['open', 'fixing', 'fixed'] as const).map((s) => ({
              value: s,
              label: problemStatusLabels[s],
            }))}
          />
          <TextArea
            name="measures"
            label="整改措施"
            hint="已整改的必须填写；会写入下一年度报告"
            value={values ? values.measures : q.measures}
            errors={errors}
            rows={4}
          />
          <TextField
            name="fixedOn"
            label="整改完成日期"
            type="date"
            hint="已整改的可填写"
            value={values ? values.fixedOn : q.fixedOn}
            errors={errors}
          />
          <button class="gk-button" type="submit">
            保存
          </button>
          <a class="gk-button gk-button--secondary" href={back}>
            返回
          </a>
        </form>
        <PostButton
          action={`${base}/problems/${q.id}/delete`}
          csrf={reply.csrf()}
          label="这不是一个问题，删除"
          kind="danger"
        />
      </>,
    );
  };

  app.get<{ Params: { id: string } }>(`${base}/problems/:id`, async (req, reply) =>
    renderProblem(req, reply, null, []),
  );

  app.post<{ Params: { id: string }; Body: Body }>(`${base}/problems/:id`, async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const q = await problems.update(req.ctx, req.params.id, req.body);
        return reply
          .flash('success', '已保存')
          .redirect(`${here(q.agencyId, q.year, q.scope)}#problems`, 303);
      },
      (errors) => renderProblem(req, reply, req.body, errors),
    );
  });

  app.post<{ Params: { id: string } }>(`${base}/problems/:id/delete`, async (req, reply) => {
    requireStaff(req);
    const q = await problems.getForEdit(req.ctx, req.params.id);
    await problems.remove(req.ctx, req.params.id);
    return reply.flash('success', '已删除').redirect(`${here(q.agencyId, q.year, q.scope)}#problems`, 303);
  });
}
