import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, type FieldError } from '../../platform/errors.js';
import { withForm } from '../../platform/http/server.js';
import * as applicant from './request-applicant.service.js';
import type { ApplicantCasePage } from './request-applicant.service.js';
import * as requests from './request.service.js';
import { uploadedFiles } from './request-file.js';
import { sendDocx, sendFile } from './views/docx.js';
import { receiptView, type Receipt } from './request.presenter.js';
import { ApplyPage, applyCrumbs, LookupPage, ReceiptPage } from './views/portal.js';
import * as recovery from './request-recovery.service.js';
import {
  RECOVER_CODE_PATH,
  RECOVER_PATH,
  RecoverPage,
  RecoveredPage,
  RecoveryCodePage,
} from './views/recovery.js';

type Body = Record<string, string>;
/** Hands the 受理编号 and 查询码 from the submission to the page that shows them, once. */
const RECEIPT = 'gk_receipt';
/** Hands what a 找回码 opened (受理编号 and new 查询码) to the page that shows them, once. */
const RECOVERED = 'gk_recovered';

export interface RequestPortalOptions {
  publicFormRateLimitPerMinute: number;
  /** 找回受理编号: requests one client address may make per hour (REQUEST_RECOVERY_PER_IP_PER_HOUR). */
  recoveryPerIpPerHour: number;
  /** PUBLIC_URL: the messages link to the page for the 找回码 only from it, never from the Host. */
  publicUrl: string | null;
}

/**
 * The portal's 依申请公开: apply, see the receipt once, open one's case with the 受理编号 and
 * 查询码, send a 补正, download the letters. Who may see a case is the services' question: the
 * person is an actor who proved it (reply.prove), never a cookie read here.
 */
export function registerRequestPortalRoutes(app: FastifyInstance, opts: RequestPortalOptions): void {
  app.nav.push({ href: '/apply', label: '依申请公开', area: 'portal', order: 30 });
  const limited = {
    config: { rateLimit: { max: opts.publicFormRateLimitPerMinute, timeWindow: '1 minute' } },
  };

  const renderApply = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) =>
    reply.page(
      { title: '申请公开政府信息', crumbs: [{ label: '首页', href: '/' }, { label: '依申请公开' }] },
      <ApplyPage
        csrf={reply.csrf()}
        values={values}
        errors={errors}
        agencies={await requests.receivingAgencies(req.ctx)}
      />,
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
        const receipt = receiptView(r);
        // The receipt shows the 查询码 once; the case is not proven in this browser, so the next
        // person at a shared computer (a 查阅点's terminal) cannot open it.
        return reply.handOver(RECEIPT, receipt, '/apply').redirect('/apply/done', 303);
      },
      (errors) => renderApply(req, reply, req.body, errors),
    ),
  );
  app.get('/apply/done', async (_req, reply) => {
    const r = reply.takeHandedOver<Receipt>(RECEIPT, '/apply');
    if (!r) return reply.redirect('/cases');
    return reply.page(
      { title: '申请已提交', crumbs: [...applyCrumbs, { label: '申请已提交' }] },
      <ReceiptPage r={r} />,
    );
  });

  const renderLookup = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors: FieldError[],
    page: ApplicantCasePage | null,
  ) =>
    reply.page(
      { title: '查询办理进度', crumbs: [...applyCrumbs, { label: '查询办理进度' }] },
      <LookupPage
        csrf={reply.csrf()}
        values={values}
        errors={errors}
        page={page}
        agencies={page ? [] : await requests.receivingAgencies(req.ctx)}
      />,
    );
  app.get('/cases', async (req, reply) => renderLookup(req, reply, {}, [], null));
  app.post<{ Body: Body }>('/cases', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        try {
          const { proof, page } = await requests.findForApplicant(req.ctx, req.body);
          return await renderLookup(req, reply.prove(proof), {}, [], page);
        } catch (e) {
          if (!(e instanceof NotFoundError)) throw e;
          // Whichever of the two is wrong, the same words: the form does not tell whether a
          // 受理编号 exists to someone without its 查询码.
          reply.status(404);
          return renderLookup(req, reply, req.body, [{ field: 'lookupCode', message: e.message }], null);
        }
      },
      (errors) => renderLookup(req, reply, req.body, errors, null),
    ),
  );
  app.post<{ Body: Record<string, unknown> }>('/cases/supplement', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        const { files, ...fields } = req.body;
        const requestId = typeof fields.requestId === 'string' ? fields.requestId : undefined;
        const done = await applicant.supplementByApplicant(req.ctx, requestId, fields, uploadedFiles(files));
        if (!done) return reply.redirect('/cases', 303);
        return reply.flash('success', '补正已提交，答复期限自今日起重新计算').redirect('/cases/mine', 303);
      },
      async (errors) =>
        renderLookup(
          req,
          reply,
          {},
          errors,
          await applicant.applicantCasePage(
            req.ctx,
            typeof req.body.requestId === 'string' ? req.body.requestId : undefined,
          ),
        ),
    ),
  );
  // 结束查看: this browser forgets what its user proved (a shared computer, a borrowed phone).
  app.post('/cases/forget', async (_req, reply) =>
    reply
      .forgetProofs()
      .flash('success', '已结束查看。再次查看请输入受理编号和查询码。')
      .redirect('/cases', 303),
  );
  app.get('/cases/mine', async (req, reply) => {
    const page = await applicant.applicantCasePage(req.ctx);
    if (!page) return reply.redirect('/cases');
    return renderLookup(req, reply, {}, [], page);
  });
  registerRecoveryRoutes(app, opts, limited);

  // A file sent with the reply: only for the person who proved the case with its 查询码.
  app.get<{ Params: { fileId: string } }>('/cases/files/:fileId', async (req, reply) => {
    const file = await applicant.applicantFile(req.ctx, req.params.fileId);
    if (!file) return reply.redirect('/cases');
    return sendFile(reply, file);
  });
  app.get<{ Params: { letterId: string } }>('/cases/letters/:letterId.docx', async (req, reply) => {
    const letter = await applicant.applicantLetter(req.ctx, req.params.letterId);
    if (!letter) return reply.redirect('/cases');
    return sendDocx(reply, letter.title, letter.docx);
  });
}

/**
 * 找回受理编号: the contact (one answer for every well-formed request, so the page never tells
 * whether an application gave it), then the 找回码 from the message, then the 受理编号 and new
 * 查询码 shown once.
 */
function registerRecoveryRoutes(
  app: FastifyInstance,
  opts: RequestPortalOptions,
  limited: { config: { rateLimit: { max: number; timeWindow: string } } },
): void {
  const crumbs = (label: string) => [...applyCrumbs, { label: '查询办理进度', href: '/cases' }, { label }];
  const renderRecover = (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) =>
    reply.page(
      { title: '找回受理编号和查询码', crumbs: crumbs('找回受理编号') },
      <RecoverPage
        csrf={reply.csrf()}
        values={values}
        errors={errors}
        offered={recovery.recoveryOffered(req.ctx)}
      />,
    );
  const renderCode = (reply: FastifyReply, values: Body, errors: FieldError[]) =>
    reply.page(
      { title: '输入找回码', crumbs: crumbs('输入找回码') },
      <RecoveryCodePage csrf={reply.csrf()} values={values} errors={errors} />,
    );

  app.get(RECOVER_PATH, async (req, reply) => renderRecover(req, reply, {}, []));
  app.post<{ Body: Body }>(
    RECOVER_PATH,
    { config: { rateLimit: { max: opts.recoveryPerIpPerHour, timeWindow: '1 hour' } } },
    async (req, reply) =>
      withForm(
        reply,
        async () => {
          await recovery.requestRecovery(req.ctx, req.body, {
            pageUrl: opts.publicUrl ? `${opts.publicUrl}${RECOVER_CODE_PATH}` : null,
          });
          return reply.flash('info', recovery.RECOVERY_ANSWER).redirect(RECOVER_CODE_PATH, 303);
        },
        (errors) => renderRecover(req, reply, req.body, errors),
      ),
  );
  app.get(RECOVER_CODE_PATH, async (_req, reply) => renderCode(reply, {}, []));
  app.post<{ Body: Body }>(RECOVER_CODE_PATH, limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        try {
          const receipts = await recovery.redeemRecovery(req.ctx, req.body);
          return reply.handOver(RECOVERED, receipts, RECOVER_PATH).redirect(`${RECOVER_PATH}/done`, 303);
        } catch (e) {
          if (!(e instanceof NotFoundError)) throw e;
          reply.status(404);
          return renderCode(reply, req.body, [{ field: 'code', message: e.message }]);
        }
      },
      (errors) => renderCode(reply, req.body, errors),
    ),
  );
  app.get(`${RECOVER_PATH}/done`, async (_req, reply) => {
    const receipts = reply.takeHandedOver<recovery.RecoveredReceipt[]>(RECOVERED, RECOVER_PATH);
    if (!receipts) return reply.redirect(RECOVER_CODE_PATH);
    return reply.page(
      { title: '已找回受理编号和查询码', crumbs: crumbs('已找回') },
      <RecoveredPage receipts={receipts} />,
    );
  });
}
