import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime, beijingDate } from '../../platform/clock.js';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  Summary,
  Table,
  TextField,
} from '../../platform/ui/components.js';
import { agencies } from '../agencies/index.js';
import { applicantTypeLabels, channelLabels, type ApplicantType, type Channel } from './request.js';
import * as cases from './request-case.service.js';
import { letterDocx, letterOf, lettersOf } from './request-letter.service.js';
import { letterTitles, type LetterKind } from './request-letter.js';
import { outcomes, replyOutcomes } from './request-outcome.js';
import * as requests from './request.service.js';
import { ApplicationForm } from './views/application-form.js';

type Body = Record<string, string>;
const RECEIPT_COOKIE = 'gk_receipt';
/** Set after a successful look-up: lets the applicant download that case's letters for a while. */
const CASE_COOKIE = 'gk_case';

const stateLabels: Record<string, string> = {
  open: '办理中',
  awaitingSupplement: '等待补正',
  inConsultation: '征求意见中',
  awaitingFee: '等待缴费',
  replied: '已答复',
  withdrawn: '已撤回',
  supplementOverdue: '逾期未补正',
  feeUnpaid: '逾期未缴费',
};

async function receivingAgencies(req: FastifyRequest) {
  return (await agencies.listPublic(req.ctx)).filter((a) => a.kind !== 'villageCommunity');
}

function sendDocx(reply: FastifyReply, title: string, bytes: Buffer) {
  return reply
    .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .header(
      'content-disposition',
      `attachment; filename="letter.docx"; filename*=UTF-8''${encodeURIComponent(`${title}.docx`)}`,
    )
    .send(bytes);
}

export interface RequestRouteOptions {
  publicFormRateLimitPerMinute: number;
  cookieSecure: boolean;
}

export function registerRequestRoutes(app: FastifyInstance, opts: RequestRouteOptions): void {
  app.nav.push(
    { href: '/apply', label: '依申请公开', area: 'portal', order: 30 },
    { href: '/admin/requests', label: '依申请公开', area: 'admin', order: 30 },
  );
  const limited = {
    config: { rateLimit: { max: opts.publicFormRateLimitPerMinute, timeWindow: '1 minute' } },
  };

  // Portal: apply.
  const renderApply = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) =>
    reply.page(
      { title: '申请公开政府信息', crumbs: [{ label: '首页', href: '/' }, { label: '依申请公开' }] },
      <>
        <h1 class="gk-title">申请公开政府信息</h1>
        <p class="gk-lead">
          依据《中华人民共和国政府信息公开条例》第二十九条提出申请。行政机关自收到申请之日起 20
          个工作日内答复；提交后您会得到受理编号和查询码，请妥善保存。
        </p>
        <p>
          已经提交过申请？<a href="/cases">查询办理进度</a>
        </p>
        <ApplicationForm
          action="/apply"
          csrf={reply.csrf()}
          values={values}
          errors={errors}
          agencies={await receivingAgencies(req)}
          clerk={false}
        />
      </>,
    );
  // The 专栏 of an agency links here with ?agencyId=, so the form starts with that agency chosen.
  app.get<{ Querystring: { agencyId?: string } }>('/apply', async (req, reply) =>
    renderApply(req, reply, req.query.agencyId ? { agencyId: req.query.agencyId } : {}, []),
  );
  app.post<{ Body: Body }>('/apply', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        const r = await requests.submitOnline(req.ctx, req.body);
        reply.setCookie(
          RECEIPT_COOKIE,
          JSON.stringify({ n: r.acceptanceNumber, c: r.lookupCode, a: r.agencyName, d: r.receivedOn }),
          { signed: true, httpOnly: true, sameSite: 'lax', path: '/apply', secure: opts.cookieSecure },
        );
        return reply.redirect('/apply/done', 303);
      },
      (errors) => renderApply(req, reply, req.body, errors),
    ),
  );
  app.get('/apply/done', async (req, reply) => {
    const raw = req.cookies[RECEIPT_COOKIE];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return reply.redirect('/cases');
    const r = JSON.parse(un.value) as { n: string; c: string; a: string; d: string };
    reply.clearCookie(RECEIPT_COOKIE, { path: '/apply' });
    return reply.page(
      {
        title: '申请已提交',
        crumbs: [
          { label: '首页', href: '/' },
          { label: '依申请公开', href: '/apply' },
          { label: '申请已提交' },
        ],
      },
      <>
        <h1 class="gk-title">申请已提交</h1>
        <div class="gk-card" id="receipt">
          <Summary
            rows={[
              ['受理机关', r.a],
              ['受理编号', <strong id="acceptance-number">{r.n}</strong>],
              ['查询码', <strong id="lookup-code">{r.c}</strong>],
              ['收到申请之日', r.d],
            ]}
          />
          <p class="gk-flash gk-flash--info">
            请记下受理编号和查询码：凭这两项可在“查询办理进度”中查看答复。查询码只显示这一次。
          </p>
        </div>
        <p>
          <a href="/cases">查询办理进度</a>
        </p>
      </>,
    );
  });

  // Portal: follow a case.
  const renderLookup = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors: FieldError[],
    found: Awaited<ReturnType<typeof requests.findForApplicant>> | null,
  ) => {
    const progress = found ? await cases.stateForApplicant(req.ctx, found.id) : null;
    const letters = found ? await lettersOf(req.ctx, found.id) : [];
    return reply.page(
      {
        title: '查询办理进度',
        crumbs: [
          { label: '首页', href: '/' },
          { label: '依申请公开', href: '/apply' },
          { label: '查询办理进度' },
        ],
      },
      <>
        <h1 class="gk-title">查询办理进度</h1>
        {found ? (
          <section class="gk-section" id="case">
            <Summary
              rows={[
                ['受理编号', found.acceptanceNumber],
                ['申请人', found.applicantName],
                ['身份证明号码', found.idNumber],
                ['收到申请之日', found.receivedOn],
                ['所需信息', found.description],
                ['办理状态', progress ? stateLabels[progress.state] : ''],
                ['答复期限', progress?.due ?? ''],
                [
                  '答复结果',
                  progress?.outcome ? (outcomes[progress.outcome as keyof typeof outcomes]?.label ?? '') : '',
                ],
              ]}
            />
            {progress?.state === 'awaitingSupplement' ? (
              <form class="gk-form" method="post" action="/cases/supplement" novalidate>
                <CsrfField token={reply.csrf()} />
                <ErrorSummary errors={errors} />
                <div class="gk-field">
                  <label class="gk-label" for="f-text">
                    补正申请内容（请按补正告知书的要求说明所需信息）
                  </label>
                  <textarea class="gk-textarea" id="f-text" name="text" rows={5}></textarea>
                </div>
                <button class="gk-button" type="submit">
                  提交补正
                </button>
              </form>
            ) : null}
            {letters.length ? (
              <>
                <h2 class="gk-section__title">告知书</h2>
                <LetterList id="letters" letters={letters} docx={(l) => `/cases/letters/${l.id}.docx`} />
              </>
            ) : null}
          </section>
        ) : (
          <form class="gk-form" method="post" action="/cases" novalidate>
            <CsrfField token={reply.csrf()} />
            <ErrorSummary errors={errors} />
            <SelectField
              name="agencyId"
              label="受理机关"
              value={values.agencyId}
              errors={errors}
              options={(await receivingAgencies(req)).map((a) => ({
                value: a.id,
                label: `${'　'.repeat(a.depth)}${a.name}`,
              }))}
              placeholder="请选择"
            />
            <TextField
              name="number"
              label="受理编号"
              value={values.number}
              errors={errors}
              hint="如〔2026〕第0007号，也可只填数字 2026 7"
            />
            <TextField
              name="code"
              label="查询码"
              value={values.code}
              errors={errors}
              hint="提交申请时显示的 10 位查询码"
            />
            <button class="gk-button" type="submit">
              查询
            </button>
          </form>
        )}
      </>,
    );
  };
  app.get('/cases', async (req, reply) => renderLookup(req, reply, {}, [], null));
  app.post<{ Body: Body }>('/cases', limited, async (req, reply) => {
    try {
      const found = await requests.findForApplicant(
        req.ctx,
        req.body.agencyId ?? '',
        req.body.number ?? '',
        req.body.code ?? '',
      );
      reply.setCookie(CASE_COOKIE, found.id, {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        path: '/cases',
        maxAge: 30 * 60,
        secure: opts.cookieSecure,
      });
      return renderLookup(req, reply, {}, [], found);
    } catch (e) {
      if (e instanceof Error && e.name === 'NotFoundError') {
        reply.status(404);
        return renderLookup(req, reply, req.body, [{ field: 'code', message: e.message }], null);
      }
      throw e;
    }
  });

  app.post<{ Body: Body }>('/cases/supplement', limited, async (req, reply) => {
    const raw = req.cookies[CASE_COOKIE];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return reply.redirect('/cases', 303);
    const requestId = un.value;
    return withForm(
      reply,
      async () => {
        await cases.supplementByApplicant(req.ctx, requestId, req.body);
        return reply.flash('success', '补正已提交，答复期限自今日起重新计算').redirect('/cases/mine', 303);
      },
      async (errors) =>
        renderLookup(req, reply, {}, errors, await requests.viewForApplicant(req.ctx, requestId)),
    );
  });
  app.get('/cases/mine', async (req, reply) => {
    const raw = req.cookies[CASE_COOKIE];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return reply.redirect('/cases');
    return renderLookup(req, reply, {}, [], await requests.viewForApplicant(req.ctx, un.value));
  });
  app.get<{ Params: { letterId: string } }>('/cases/letters/:letterId.docx', async (req, reply) => {
    const raw = req.cookies[CASE_COOKIE];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return reply.redirect('/cases');
    const letter = await letterOf(req.ctx, un.value, req.params.letterId);
    const agency = await agencies.getPublic(req.ctx, letter.agency_id);
    return sendDocx(reply, letter.title, await letterDocx(letter, agency.name));
  });

  // Back office: the queue.
  app.get<{ Querystring: { agencyId?: string; state?: string; dueBy?: string } }>(
    '/admin/requests',
    async (req, reply) => {
      requireStaff(req);
      const f = req.query;
      const all = await cases.queue(req.ctx);
      const items = all.filter(
        (i) =>
          (!f.agencyId || i.agencyId === f.agencyId) &&
          (!f.state || (f.state === 'overdue' ? i.deadline.overdue : i.deadline.state === f.state)) &&
          (!f.dueBy || (i.deadline.due !== null && i.deadline.due <= f.dueBy)),
      );
      const agenciesInQueue = [...new Map(all.map((i) => [i.agencyId, i.agencyName])).entries()];
      return reply.page(
        { title: '依申请公开', crumbs: [{ label: '工作台', href: '/admin' }, { label: '依申请公开' }] },
        <>
          <h1 class="gk-title">依申请公开：办理中的申请</h1>
          <p class="gk-actions">
            <a class="gk-button" href="/admin/requests/new">
              登记申请
            </a>
            <a class="gk-button gk-button--secondary" href="/admin/requests/approvals">
              延期审批
            </a>
          </p>
          <form class="gk-form gk-filters" method="get" action="/admin/requests">
            <SelectField
              name="agencyId"
              label="受理机关"
              value={f.agencyId}
              errors={[]}
              options={agenciesInQueue.map(([value, label]) => ({ value, label }))}
              placeholder="全部"
            />
            <SelectField
              name="state"
              label="状态"
              value={f.state}
              errors={[]}
              options={[
                { value: 'overdue', label: '已超期' },
                ...Object.entries(stateLabels)
                  .filter(([k]) =>
                    ['open', 'awaitingSupplement', 'inConsultation', 'awaitingFee'].includes(k),
                  )
                  .map(([value, label]) => ({ value, label })),
              ]}
              placeholder="全部"
            />
            <TextField name="dueBy" label="期限不晚于" type="date" value={f.dueBy} errors={[]} />
            <button class="gk-button gk-button--secondary" type="submit">
              筛选
            </button>
          </form>
          <p class="gk-muted">共 {items.length} 件</p>
          <Table head={['受理编号', '受理机关', '申请人', '收到日期', '状态', '答复期限', '剩余工作日']}>
            {items.map((i) => (
              <tr>
                <td>
                  <a href={`/admin/requests/${i.id}`}>{i.acceptanceNumber}</a>
                </td>
                <td>{i.agencyName}</td>
                <td>{i.applicantName}</td>
                <td>{i.receivedOn}</td>
                <td>{stateLabels[i.deadline.state]}</td>
                <td>
                  {i.deadline.due ?? '暂停计时'}
                  {i.deadline.provisional ? <span class="gk-tag gk-tag--warn">暂定</span> : null}
                </td>
                <td class="gk-num">
                  {i.deadline.remaining === null ? (
                    ''
                  ) : i.deadline.overdue ? (
                    <span class="gk-tag gk-tag--warn">已超期 {-i.deadline.remaining}</span>
                  ) : (
                    i.deadline.remaining
                  )}
                </td>
              </tr>
            ))}
          </Table>
        </>,
      );
    },
  );

  app.get('/admin/requests/approvals', async (req, reply) => {
    requireStaff(req);
    const items = await cases.approvals(req.ctx);
    return reply.page(
      {
        title: '延期审批',
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '依申请公开', href: '/admin/requests' },
          { label: '延期审批' },
        ],
      },
      <>
        <h1 class="gk-title">延期审批</h1>
        <p class="gk-lead">
          经办人申请延长答复期限的案件（条例第三十三条第二款：经政府信息公开工作机构负责人同意，延长不超过 20
          个工作日）。
        </p>
        <Table head={['受理编号', '受理机关', '申请日期', '拟延长', '理由', '现答复期限']}>
          {items.map((i) => (
            <tr>
              <td>
                <a href={`/admin/requests/${i.id}`}>{i.acceptanceNumber}</a>
              </td>
              <td>{i.agencyName}</td>
              <td>{i.request.date}</td>
              <td class="gk-num">{i.request.workdays} 个工作日</td>
              <td>{i.request.reason}</td>
              <td>{i.deadline.due ?? ''}</td>
            </tr>
          ))}
        </Table>
      </>,
    );
  });

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) => {
    const me = requireStaff(req);
    const scope = (await agencies.listForStaff(req.ctx)).filter(
      (a) =>
        a.kind !== 'villageCommunity' &&
        me.actor.grants.some(
          (g) => ['clerk', 'officeHead', 'admin'].includes(g.role) && a.path.startsWith(g.agencyPath),
        ),
    );
    return reply.page(
      {
        title: '登记申请',
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '依申请公开', href: '/admin/requests' },
          { label: '登记申请' },
        ],
      },
      <>
        <h1 class="gk-title">登记当面、邮寄、传真或口头提出的申请</h1>
        <ApplicationForm
          action="/admin/requests"
          csrf={reply.csrf()}
          values={values}
          errors={errors}
          agencies={scope}
          clerk
        />
      </>,
    );
  };
  app.get('/admin/requests/new', async (req, reply) => renderNew(req, reply, {}, []));
  app.post<{ Body: Body }>('/admin/requests', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const r = await requests.registerByClerk(req.ctx, req.body);
        return reply
          .flash('success', `已登记，受理编号 ${r.acceptanceNumber}，查询码 ${r.lookupCode}（请告知申请人）`)
          .redirect(`/admin/requests/${r.id}`, 303);
      },
      (errors) => renderNew(req, reply, req.body, errors),
    );
  });

  // Back office: one case.
  const renderCase = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldError[],
    personal: { idNumber: string; phone: string; address: string | null } | null,
  ) => {
    const me = requireStaff(req);
    const s = await cases.state(req.ctx, id);
    const r = s.request;
    const masked = requests.maskedView(r, (v) => req.ctx.cipher.decrypt(v));
    const csrf = reply.csrf();
    const open = ['open', 'awaitingSupplement', 'inConsultation', 'awaitingFee'].includes(s.deadline.state);
    const today = beijingDate(req.ctx.clock.now());
    const replyDraft = s.deadline.state === 'open' ? await cases.draft(req.ctx, id, 'reply') : null;
    const letters = await lettersOf(req.ctx, id);
    const earlier = await cases.sameApplicant(req.ctx, id);
    const pending = cases.pendingExtension(s.events);
    const casePath = await agencies.pathOf(req.ctx, r.agency_id);
    const isHead = me.actor.grants.some(
      (g) => (g.role === 'officeHead' || g.role === 'admin') && casePath.startsWith(g.agencyPath),
    );
    const drafts: Partial<Record<LetterKind, string>> = {};
    if (s.deadline.state === 'open') {
      for (const kind of ['supplement', 'consultation', 'extension', 'fee'] as const)
        drafts[kind] = (await cases.draft(req.ctx, id, kind)).body;
    }
    /** One step as a plain form; steps that send a letter carry its draft, editable. */
    const actForm = (action: string, title: string, fields: unknown, letter?: LetterKind) => (
      <form class="gk-form gk-filters" method="post" action={`/admin/requests/${r.id}/act`} novalidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="action" value={action} />
        <TextField name="date" label="日期" type="date" value={today} errors={[]} />
        {fields}
        {letter && drafts[letter] ? (
          <details class="gk-field">
            <summary>{letterTitles[letter]}（可修改；发出后随案保存）</summary>
            <textarea class="gk-textarea" name="letter" rows={10} aria-label={letterTitles[letter]}>
              {drafts[letter]}
            </textarea>
          </details>
        ) : null}
        <button class="gk-button gk-button--secondary" type="submit">
          {title}
        </button>
      </form>
    );
    return reply.page(
      {
        title: r.acceptance_number,
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '依申请公开', href: '/admin/requests' },
          { label: r.acceptance_number },
        ],
      },
      <>
        <h1 class="gk-title">
          {r.acceptance_number} <span class="gk-tag">{stateLabels[s.deadline.state]}</span>
        </h1>
        <ErrorSummary errors={errors} />
        <Summary
          rows={[
            ['申请方式', channelLabels[r.channel as Channel]],
            ['申请人', `${r.applicant_name}（${applicantTypeLabels[r.applicant_type as ApplicantType]}）`],
            ['身份证明号码', personal?.idNumber ?? masked.idNumber],
            ['联系电话', personal?.phone ?? masked.phone],
            ['所需信息', r.description],
            [
              '答复期限',
              s.deadline.due ? `${s.deadline.due}${s.deadline.provisional ? '（暂定）' : ''}` : '暂停计时',
            ],
            ['承办人', r.handler_id === me.user.id ? '本人' : r.handler_id ? '已指定' : '未指定'],
            [
              '办结',
              r.closed_on
                ? `${r.closed_on}：${r.outcome ? (outcomes[r.outcome as keyof typeof outcomes]?.label ?? r.outcome) : ''}`
                : '未办结',
            ],
          ]}
        />
        {r.handler_id === me.user.id && !personal ? (
          <form class="gk-inline" method="post" action={`/admin/requests/${r.id}/personal`}>
            <CsrfField token={csrf} />
            <button class="gk-button gk-button--link" type="submit">
              查看完整个人信息（将记入审计日志）
            </button>
          </form>
        ) : null}
        {r.handler_id !== me.user.id && open ? (
          <form class="gk-inline" method="post" action={`/admin/requests/${r.id}/assign`}>
            <CsrfField token={csrf} />
            <button class="gk-button gk-button--link" type="submit">
              由我承办
            </button>
          </form>
        ) : null}
        <section class="gk-section">
          <h2 class="gk-section__title">期限的计算</h2>
          <ol id="deadline-steps">
            {s.deadline.steps.map((step) => (
              <li>{step}</li>
            ))}
          </ol>
          {s.deadline.warnings.map((w) => (
            <p class="gk-flash gk-flash--error">{w}</p>
          ))}
          {s.deadline.calendar && s.deadline.calendar.skipped.length ? (
            <details>
              <summary>不计入的 {s.deadline.calendar.skipped.length} 天</summary>
              <ul>
                {s.deadline.calendar.skipped.map((d) => (
                  <li>
                    {d.date} {d.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
        {open ? (
          <section class="gk-section">
            <h2 class="gk-section__title">办理</h2>
            {s.deadline.state === 'open'
              ? actForm(
                  'supplementRequested',
                  '发出补正告知',
                  <TextField name="deadline" label="补正期限" type="date" value="" errors={[]} />,
                  'supplement',
                )
              : null}
            {s.deadline.state === 'awaitingSupplement' ? actForm('supplemented', '收到补正', null) : null}
            {s.deadline.state === 'open'
              ? actForm(
                  'consultationStarted',
                  '发出征询意见函',
                  <SelectField
                    name="party"
                    label="征询对象"
                    options={[
                      { value: 'thirdParty', label: '第三方' },
                      { value: 'coMaker', label: '共同制作机关' },
                    ]}
                    errors={[]}
                  />,
                  'consultation',
                )
              : null}
            {s.deadline.state === 'inConsultation'
              ? actForm('consultationEnded', '收到征询答复', null)
              : null}
            {s.deadline.state === 'open' && !pending
              ? actForm(
                  'extensionRequested',
                  '申请延期（报公开办负责人批准）',
                  <>
                    <TextField
                      name="workdays"
                      label="拟延长工作日数"
                      value="20"
                      errors={[]}
                      inputmode="numeric"
                    />
                    <TextField name="reason" label="延期理由" value="" errors={errors} />
                  </>,
                )
              : null}
            {s.deadline.state === 'open' && isHead
              ? actForm(
                  'extensionApproved',
                  pending
                    ? `批准延期（经办人申请 ${pending.workdays} 个工作日：${pending.reason}）`
                    : '批准延期（公开办负责人）',
                  <TextField
                    name="workdays"
                    label="延长工作日数"
                    value={String(pending?.workdays ?? 20)}
                    errors={[]}
                    inputmode="numeric"
                  />,
                  'extension',
                )
              : null}
            {s.deadline.state === 'open' && isHead && pending
              ? actForm(
                  'extensionRefused',
                  '不同意延期',
                  <TextField name="reason" label="不同意的理由" value="" errors={[]} />,
                )
              : null}
            {s.deadline.state === 'open'
              ? actForm(
                  'feeNoticeReceived',
                  '收费通知已送达',
                  <>
                    <SelectField
                      name="method"
                      label="计费方式"
                      options={[
                        { value: 'perRequest', label: '按件计收' },
                        { value: 'perPage', label: '按量计收' },
                      ]}
                      errors={[]}
                    />
                    <TextField
                      name="quantity"
                      label="本月第几件或页数"
                      value=""
                      errors={[]}
                      inputmode="numeric"
                    />
                  </>,
                  'fee',
                )
              : null}
            {s.deadline.state === 'awaitingFee' ? actForm('feePaid', '申请人已缴费', null) : null}
            {s.deadline.state === 'open'
              ? actForm(
                  'replied',
                  '答复并发出答复告知书',
                  <>
                    <SelectField
                      name="outcome"
                      label="答复结果"
                      options={replyOutcomes.map((o) => ({
                        value: o,
                        label: `${outcomes[o].label}（${outcomes[o].basis}）`,
                      }))}
                      errors={errors}
                    />
                    <TextField name="reasons" label="理由（非予以公开时必填）" value="" errors={errors} />
                    <div class="gk-field">
                      <label class="gk-label" for="f-letter">
                        答复告知书（可修改；发出后随案保存）
                      </label>
                      <textarea class="gk-textarea" id="f-letter" name="letter" rows={12}>
                        {replyDraft?.body ?? ''}
                      </textarea>
                    </div>
                  </>,
                )
              : null}
            {actForm('withdrawn', '申请人撤回', null)}
          </section>
        ) : null}
        {earlier.length ? (
          <section class="gk-section" id="same-applicant">
            <h2 class="gk-section__title">该申请人向本机关提出的其他申请（{earlier.length} 件）</h2>
            <p class="gk-hint">
              核对是否属于重复申请（第三十六条第（六）项）或无正当理由大量反复申请（第三十五条）。
            </p>
            <ul>
              {earlier.map((e) => (
                <li>
                  <a href={`/admin/requests/${e.id}`}>{e.acceptanceNumber}</a> {e.receivedOn}{' '}
                  {e.description.slice(0, 40)}
                  {e.outcome
                    ? `（${outcomes[e.outcome as keyof typeof outcomes]?.label ?? e.outcome}）`
                    : '（办理中）'}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {letters.length ? (
          <section class="gk-section">
            <h2 class="gk-section__title">告知书</h2>
            <LetterList letters={letters} docx={(l) => `/admin/requests/${r.id}/letters/${l.id}.docx`} />
          </section>
        ) : null}
        <section class="gk-section">
          <h2 class="gk-section__title">经过</h2>
          <Table head={['日期', '事项']}>
            {s.events.map((e) => (
              <tr>
                <td>{e.date}</td>
                <td>{e.type}</td>
              </tr>
            ))}
          </Table>
          <p class="gk-muted">登记时间：{formatDateTime(r.submitted_at)}</p>
        </section>
      </>,
    );
  };
  app.get<{ Params: { id: string } }>('/admin/requests/:id', async (req, reply) =>
    renderCase(req, reply, req.params.id, [], null),
  );
  app.post<{ Params: { id: string }; Body: Body }>('/admin/requests/:id/act', async (req, reply) => {
    requireStaff(req);
    const { action, ...rest } = req.body;
    return withForm(
      reply,
      async () => {
        await cases.act(req.ctx, req.params.id, action as cases.CaseAction, rest);
        return reply.flash('success', '已记录').redirect(`/admin/requests/${req.params.id}`, 303);
      },
      (errors) => renderCase(req, reply, req.params.id, errors, null),
    );
  });
  app.get<{ Params: { id: string; letterId: string } }>(
    '/admin/requests/:id/letters/:letterId.docx',
    async (req, reply) => {
      requireStaff(req);
      const s = await cases.state(req.ctx, req.params.id);
      const letter = await letterOf(req.ctx, s.request.id, req.params.letterId);
      const agency = await agencies.get(req.ctx, letter.agency_id);
      return sendDocx(reply, letter.title, await letterDocx(letter, agency.name));
    },
  );
  app.post<{ Params: { id: string } }>('/admin/requests/:id/assign', async (req, reply) => {
    const me = requireStaff(req);
    await cases.assign(req.ctx, req.params.id, me.user.id);
    return reply.flash('success', '已由您承办').redirect(`/admin/requests/${req.params.id}`, 303);
  });
  app.post<{ Params: { id: string } }>('/admin/requests/:id/personal', async (req, reply) => {
    requireStaff(req);
    const personal = await cases.personalData(req.ctx, req.params.id);
    reply.header('cache-control', 'no-store');
    return renderCase(req, reply, req.params.id, [], personal);
  });
}

/** Letters as sent: each with its Word download and, folded, its full text. */
function LetterList({
  id,
  letters,
  docx,
}: {
  id?: string;
  letters: Array<{ id: string; issued_on: string; title: string; body: string }>;
  docx: (l: { id: string }) => string;
}) {
  return (
    <ul id={id}>
      {letters.map((l) => (
        <li>
          {l.issued_on} {l.title} <a href={docx(l)}>下载 Word 文档</a>
          <details>
            <summary>查看全文</summary>
            <div class="gk-letter">
              <h3>{l.title}</h3>
              <p>{l.body}</p>
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
