import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import { CsrfField, ErrorSummary, SelectField, Table, TextField } from '../../platform/ui/components.js';
import { agencyOptions } from '../agencies/index.js';
import { appealKindLabels, decidedResultLabels } from './appeal.presenter.js';
import { recordAppealSchema } from './appeal.schemas.js';
import * as appeals from './appeal.service.js';
import { scopeFor } from './appeal.policy.js';

const f = recordAppealSchema.shape;

type Body = Record<string, string>;

export function registerAppealRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/appeals',
    label: '复议诉讼',
    area: 'admin',
    order: 35,
    visibleTo: (actor) => scopeFor(actor, 'read').length > 0,
  });

  const render = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) => {
    requireStaff(req);
    const { appeals: list, agencies, today } = await appeals.listPage(req.ctx);
    const csrf = reply.csrf();
    return reply.page(
      { title: '行政复议、行政诉讼', crumbs: [{ label: '工作台', href: '/admin' }, { label: '复议诉讼' }] },
      <>
        <h1 class="gk-title">政府信息公开行政复议、行政诉讼</h1>
        <Table head={['机关', '类型', '相关申请', '案号', '复议或起诉日', '结果', '']}>
          {list.map((a) => (
            <tr>
              <td>{a.agencyName}</td>
              <td>{a.kindLabel}</td>
              <td>
                {a.requestId ? <a href={`/admin/requests/${a.requestId}`}>{a.acceptanceNumber}</a> : ''}
              </td>
              <td>{a.caseNumber ?? ''}</td>
              <td>{a.filedOn}</td>
              <td>
                {a.resultLabel}
                {a.decidedOn ? `（${a.decidedOn}）` : ''}
              </td>
              <td>
                {a.pending ? (
                  <form class="gk-inline" method="post" action={`/admin/appeals/${a.id}/decide`}>
                    <CsrfField token={csrf} />
                    <select class="gk-select" name="result" aria-label="结果">
                      {Object.entries(decidedResultLabels).map(([value, label]) => (
                        <option value={value}>{label}</option>
                      ))}
                    </select>
                    <input
                      class="gk-input"
                      type="date"
                      name="decidedOn"
                      value={today}
                      aria-label="决定或判决之日"
                    />
                    <button class="gk-button gk-button--link" type="submit">
                      登记结果
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
        <section class="gk-section">
          <h2 class="gk-section__title">登记新的复议或诉讼</h2>
          <form class="gk-form" method="post" action="/admin/appeals" novalidate>
            <CsrfField token={csrf} />
            <ErrorSummary errors={errors} />
            <SelectField
              name="agencyId"
              label={f.agencyId.label}
              value={values.agencyId}
              errors={errors}
              options={agencyOptions(agencies)}
            />
            <SelectField
              name="kind"
              label={f.kind.label}
              value={values.kind}
              errors={errors}
              options={Object.entries(appealKindLabels).map(([value, label]) => ({ value, label }))}
            />
            <TextField
              name="filedOn"
              label={f.filedOn.label}
              type="date"
              value={values.filedOn ?? today}
              errors={errors}
            />
            <TextField
              name="requestId"
              label={f.requestId.label}
              hint="可选，填写申请页地址中的编号"
              value={values.requestId}
              errors={errors}
            />
            <TextField
              name="caseNumber"
              label={f.caseNumber.label}
              value={values.caseNumber}
              errors={errors}
            />
            <button class="gk-button" type="submit">
              登记
            </button>
          </form>
        </section>
      </>,
    );
  };
  app.get('/admin/appeals', async (req, reply) => render(req, reply, {}, []));
  app.post<{ Body: Body }>('/admin/appeals', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await appeals.record(req.ctx, req.body);
        return reply.flash('success', '已登记').redirect('/admin/appeals', 303);
      },
      (errors) => render(req, reply, req.body, errors),
    );
  });
  app.post<{ Params: { id: string }; Body: Body }>('/admin/appeals/:id/decide', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await appeals.decide(req.ctx, req.params.id, req.body);
        return reply.flash('success', '已登记结果').redirect('/admin/appeals', 303);
      },
      (errors) => render(req, reply, {}, errors),
    );
  });
}
