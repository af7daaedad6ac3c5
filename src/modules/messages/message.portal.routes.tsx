import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { withForm } from '../../platform/http/server.js';
import { textFields } from './message.schemas.js';
import { sendFile, uploadedFiles } from '../requests/index.js';
import * as rating from './message-rating.service.js';
import * as stats from './message-stats.service.js';
import * as steps from './message-steps.service.js';
import * as views from './message-views.service.js';
import * as intake from './message.service.js';
import { messageSettings } from './message.settings.js';
import { ticketTypeLabels, ticketTypes } from './message.js';
import {
  LetterReceiptPage,
  LettersHome,
  lettersCrumbs,
  PublicListPage,
  RequestRatingPage,
  TrackPage,
  WritePage,
  type LetterReceipt,
} from './views/portal.js';
import { StatsView } from './views/stats.js';

type Body = Record<string, string>;
/** Hands the 来信编号 and 查询码 from the submission to the page that shows them, once. */
const RECEIPT = 'gk_letter_receipt';
const crumbs = (label: string) => [...lettersCrumbs, { label }];

/**
 * The portal's 领导信箱 and 网上信访: write, see the receipt once, follow the 来信 with its number
 * and 查询码, rate the reply and ask for a 复查 or 复核; the published letters and the figures. The
 * writer is an actor who proved the 来信 (reply.prove); the services decide what they may do.
 */
export function registerMessagePortalRoutes(
  app: FastifyInstance,
  opts: { publicFormRateLimitPerMinute: number },
): void {
  const limited = {
    config: { rateLimit: { max: opts.publicFormRateLimitPerMinute, timeWindow: '1 minute' } },
  };

  app.get('/letters', async (req, reply) => {
    const w = messageSettings.of(req.ctx).mailboxWorkdays;
    const days = ticketTypes.map((t) => `${ticketTypeLabels[t]} ${w[t]} 个工作日`).join('，');
    return reply.page(
      { title: '领导信箱与网上信访', crumbs: crumbs('领导信箱与网上信访').slice(0, -1) },
      <LettersHome mailboxDays={days} />,
    );
  });

  const renderWrite = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) =>
    reply.page(
      { title: values.channel === 'onlinePetition' ? '网上信访' : '给领导写信', crumbs: crumbs('写信') },
      <WritePage
        csrf={reply.csrf()}
        values={values}
        errors={errors}
        agencies={await stats.choosableAgencies(req.ctx, { villages: false })}
      />,
    );
  app.get<{ Querystring: { channel?: string; agency?: string } }>('/letters/write', async (req, reply) =>
    renderWrite(
      req,
      reply,
      {
        channel: req.query.channel === 'onlinePetition' ? 'onlinePetition' : 'leaderMailbox',
        ...(req.query.agency ? { agencyId: req.query.agency } : {}),
      },
      [],
    ),
  );
  app.post<{ Body: Record<string, unknown> }>('/letters/write', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        const { files, ...fields } = req.body;
        const w = await intake.write(req.ctx, fields, uploadedFiles(files));
        const receipt: LetterReceipt = {
          number: w.number,
          lookupCode: w.lookupCode,
          agencyName: w.agencyName,
          receivedOn: w.receivedOn,
          dueText: w.clock.due ? `${w.clock.due.due}${w.clock.provisional ? '（暂定）' : ''}` : null,
          awaiting: w.clock.awaiting,
        };
        // Shown once; the 来信 is not proven in this browser (a shared terminal at a 查阅点).
        return reply.handOver(RECEIPT, receipt, '/letters').redirect('/letters/done', 303);
      },
      (errors) => renderWrite(req, reply, textFields(req.body), errors),
    ),
  );
  app.get<{ Params: { fileId: string } }>('/letters/files/:fileId', async (req, reply) =>
    sendFile(reply, await intake.file(req.ctx, req.params.fileId, true)),
  );
  app.get('/letters/done', async (_req, reply) => {
    const r = reply.takeHandedOver<LetterReceipt>(RECEIPT, '/letters');
    if (!r) return reply.redirect('/letters/track');
    return reply.page({ title: '来信已提交', crumbs: crumbs('来信已提交') }, <LetterReceiptPage r={r} />);
  });

  const renderTrack = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors: FieldError[],
    id?: string,
  ) =>
    reply.page(
      { title: '来信办理进度', crumbs: crumbs('查询办理进度') },
      <TrackPage
        csrf={reply.csrf()}
        values={values}
        errors={errors}
        page={await views.writerPage(req.ctx, id)}
      />,
    );
  app.get('/letters/track', async (req, reply) => renderTrack(req, reply, {}, []));
  app.post<{ Body: Body }>('/letters/track', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        const { proof } = await intake.findForWriter(req.ctx, req.body);
        return reply.prove(proof).redirect('/letters/track', 303);
      },
      (errors) => {
        if (errors.some((e) => e.field === 'code')) reply.status(404);
        return renderTrack(req, reply, req.body, errors);
      },
    ),
  );
  app.post<{ Body: Body }>('/letters/rate', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        await rating.rateMessage(req.ctx, String(req.body.id ?? ''), req.body);
        return reply.flash('success', '感谢您的评价').redirect('/letters/track', 303);
      },
      (errors) => renderTrack(req, reply, {}, errors, req.body.id),
    ),
  );
  // 复查 after the reply, 复核 after the 复查意见: the page offers whichever is open.
  app.post<{ Body: Body }>('/letters/review', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        const id = String(req.body.id ?? '');
        const page = await views.writerPage(req.ctx, id);
        const action = page?.canRequestReexamine ? 'reexamineRequested' : 'recheckRequested';
        await steps.step(req.ctx, id, action, { reason: req.body.reason });
        return reply
          .flash('success', action === 'recheckRequested' ? '复查请求已提交' : '复核请求已提交')
          .redirect('/letters/track', 303);
      },
      (errors) => renderTrack(req, reply, {}, errors, req.body.id),
    ),
  );
  app.post<{ Body: Body }>('/letters/consent', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        await intake.withdrawConsent(req.ctx, String(req.body.id ?? ''));
        return reply.flash('success', '已撤回同意公开，本来信不会公开').redirect('/letters/track', 303);
      },
      (errors) => renderTrack(req, reply, {}, errors, req.body.id),
    ),
  );
  app.post('/letters/forget', async (_req, reply) =>
    reply
      .forgetProofs()
      .flash('success', '已结束查看。再次查看请输入来信编号和查询码。')
      .redirect('/letters/track', 303),
  );

  // 好差评 of a 依申请公开 答复: the applicant's proof of the application is what lets them in.
  const renderRequestRating = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldError[],
  ) =>
    reply.page(
      {
        title: '评价答复',
        crumbs: [
          { label: '首页', href: '/' },
          { label: '依申请公开', href: '/apply' },
          { label: '评价答复' },
        ],
      },
      <RequestRatingPage
        csrf={reply.csrf()}
        errors={errors}
        page={await rating.requestRatingPage(req.ctx, id)}
      />,
    );
  app.get<{ Params: { id: string } }>('/cases/rate/:id', async (req, reply) =>
    renderRequestRating(req, reply, req.params.id, []),
  );
  app.post<{ Params: { id: string }; Body: Body }>('/cases/rate/:id', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        await rating.rateRequest(req.ctx, req.params.id, req.body);
        return reply.flash('success', '感谢您的评价').redirect(`/cases/rate/${req.params.id}`, 303);
      },
      (errors) => renderRequestRating(req, reply, req.params.id, errors),
    ),
  );

  app.get<{ Querystring: { agency?: string; page?: string } }>('/letters/public', async (req, reply) => {
    const all = await stats.choosableAgencies(req.ctx, { villages: false });
    const page = Math.max(1, Number.parseInt(req.query.page ?? '1', 10) || 1);
    const agency = req.query.agency ?? all[0]?.id ?? '';
    const list = await views.publicList(req.ctx, agency, page);
    return reply.page(
      { title: '来信选登', area: 'portal', crumbs: crumbs('来信选登') },
      <PublicListPage list={list} agencies={all} />,
    );
  });

  app.get<{ Querystring: { agency?: string; year?: string; month?: string } }>(
    '/letters/stats',
    async (req, reply) => {
      const p = await stats.statsPage(req.ctx, req.query);
      return reply.page(
        { title: '来信办理情况统计', area: 'portal', crumbs: crumbs('办理情况统计') },
        <StatsView s={p.stats} action="/letters/stats" agencies={p.agencies} years={p.years} />,
      );
    },
  );
}
