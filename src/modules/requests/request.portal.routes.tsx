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

type Body = Record<string, string>;
/** Hands the 受理编号 and 查询码 from the submission to the page that shows them, once. */
const RECEIPT = 'gk_receipt';

export interface RequestPortalOptions {
  publicFormRateLimitPerMinute: number;
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
