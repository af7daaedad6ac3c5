import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { withForm } from '../../platform/http/server.js';
import * as deliveries from './delivery.service.js';
import { subscriberKinds, type SubscriberKind } from './push.js';
import { subscriberProof } from './push.policy.js';
import * as views from './subscriber-views.service.js';
import * as subscribers from './subscriber.service.js';
import {
  FollowPage,
  LoginPage,
  MyPageView,
  PoliciesPage,
  PushHome,
  pushCrumbs,
  StopConfirmPage,
  StoppedPage,
  SubscribePage,
  VerifyPage,
} from './views/portal.js';

type Body = Record<string, string | string[]>;
const crumbs = (label: string) => [...pushCrumbs, { label }];
/** The subscriber this browser proved (the newest proof of a push subscriber). */
const proven = (req: FastifyRequest): string | null => {
  const p = [...(req.ctx.actor.proofs ?? [])].reverse().find((x) => x.startsWith('push:'));
  return p ? p.slice(5) : null;
};

/**
 * The portal's 精准推送: subscribe with a profile (or topics only), confirm the e-mail with a
 * code, “我的订阅” (inbox, profile, consents, follows, export, delete), the stop link that works
 * without signing in, the personal feed, and the list of every policy pushed.
 */
export function registerPushPortalRoutes(
  app: FastifyInstance,
  opts: { publicFormRateLimitPerMinute: number },
): void {
  const limited = {
    config: { rateLimit: { max: opts.publicFormRateLimitPerMinute, timeWindow: '1 minute' } },
  };

  app.get('/push', async (_req, reply) =>
    reply.page({ title: '政策精准推送', crumbs: crumbs('政策精准推送').slice(0, -1) }, <PushHome />),
  );

  const renderSubscribe = async (
    req: FastifyRequest,
    reply: FastifyReply,
    kind: SubscriberKind,
    values: Body,
    errors: FieldError[],
  ) =>
    reply.page(
      { title: '订阅政策推送', crumbs: crumbs('订阅') },
      <SubscribePage
        kind={kind}
        csrf={reply.csrf()}
        values={values}
        errors={errors}
        regions={(await subscribers.regionChoices(req.ctx)).map((r) => ({
          id: r.id,
          name: r.name,
          depth: r.depth,
        }))}
      />,
    );
  const kindOf = (v: unknown): SubscriberKind =>
    subscriberKinds.includes(v as SubscriberKind) ? (v as SubscriberKind) : 'enterprise';
  app.get<{ Querystring: { kind?: string } }>('/push/subscribe', async (req, reply) =>
    renderSubscribe(req, reply, kindOf(req.query.kind), {}, []),
  );
  app.post<{ Body: Body }>('/push/subscribe', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        const { id } = await subscribers.subscribe(req.ctx, req.body);
        return reply.redirect(`/push/verify/${id}`, 303);
      },
      (errors) => renderSubscribe(req, reply, kindOf(req.body.kind), req.body, errors),
    ),
  );

  const renderVerify = (reply: FastifyReply, id: string, code: string, errors: FieldError[]) =>
    reply.page(
      { title: '输入邮箱验证码', crumbs: crumbs('邮箱验证') },
      <VerifyPage id={id} csrf={reply.csrf()} code={code} errors={errors} />,
    );
  app.get<{ Params: { id: string }; Querystring: { code?: string } }>(
    '/push/verify/:id',
    async (req, reply) =>
      renderVerify(reply, req.params.id, /^\d{6}$/.test(req.query.code ?? '') ? req.query.code! : '', []),
  );
  app.post<{ Params: { id: string }; Body: Body }>('/push/verify/:id', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        const r = await subscribers.verify(req.ctx, req.params.id, req.body.code);
        reply.prove(subscriberProof(r.id));
        return reply
          .flash(
            'success',
            r.first ? '订阅成功。有与您相关的新政策时，会按您选择的方式推送。' : '已登录“我的订阅”',
          )
          .redirect('/push/me', 303);
      },
      (errors) => renderVerify(reply, req.params.id, '', errors),
    ),
  );

  const renderLogin = (reply: FastifyReply, email: string, errors: FieldError[]) =>
    reply.page(
      { title: '登录“我的订阅”', crumbs: crumbs('登录') },
      <LoginPage csrf={reply.csrf()} email={email} errors={errors} />,
    );
  app.get('/push/login', async (_req, reply) => renderLogin(reply, '', []));
  app.post<{ Body: Body }>('/push/login', limited, async (req, reply) =>
    withForm(
      reply,
      async () => {
        // The same answer whether or not the address subscribed.
        const r = await subscribers.requestSignIn(req.ctx, req.body);
        return reply.redirect(`/push/verify/${r.id}`, 303);
      },
      (errors) => renderLogin(reply, String(req.body.email ?? ''), errors),
    ),
  );

  const renderMe = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body | null,
    errors: FieldError[],
  ) => {
    const id = proven(req);
    if (!id) return reply.redirect('/push/login');
    const page = await views.myPage(req.ctx, id);
    return reply.page(
      { title: '我的订阅', crumbs: crumbs('我的订阅') },
      <MyPageView page={page} csrf={reply.csrf()} values={values ?? page.values} errors={errors} />,
    );
  };
  app.get('/push/me', async (req, reply) => renderMe(req, reply, null, []));
  app.post<{ Body: Body }>('/push/me', async (req, reply) =>
    withForm(
      reply,
      async () => {
        await subscribers.updateProfile(req.ctx, proven(req) ?? '', req.body);
        return reply.flash('success', '已保存').redirect('/push/me', 303);
      },
      (errors) => renderMe(req, reply, req.body, errors),
    ),
  );
  app.post<{ Body: Body }>('/push/me/follow', async (req, reply) =>
    withForm(
      reply,
      async () => {
        await views.follow(req.ctx, proven(req) ?? '', req.body);
        return reply.flash('success', '已添加关注').redirect('/push/me', 303);
      },
      (errors) => renderMe(req, reply, null, errors),
    ),
  );
  // 关注 from another page (a 标准目录 item's “订阅本事项的政策推送”): confirm as a subscriber, or
  // subscribe to topics first.
  app.get<{ Querystring: { kind?: string; value?: string } }>('/push/follow', async (req, reply) => {
    const id = proven(req);
    const kind = String(req.query.kind ?? '');
    const value = String(req.query.value ?? '');
    return reply.page(
      { title: '关注并接收推送', crumbs: crumbs('关注') },
      <FollowPage
        csrf={reply.csrf()}
        signedIn={!!id}
        kind={kind}
        value={value}
        label={await views.followLabel(req.ctx, kind, value)}
      />,
    );
  });
  app.post<{ Querystring: { id?: string } }>('/push/me/unfollow', async (req, reply) => {
    await views.unfollow(req.ctx, proven(req) ?? '', req.query.id ?? '');
    return reply.flash('success', '已取消关注').redirect('/push/me', 303);
  });
  app.post<{ Querystring: { tag?: string } }>('/push/me/withdraw', async (req, reply) => {
    await subscribers.withdrawTag(req.ctx, proven(req) ?? '', req.query.tag ?? '');
    return reply.flash('success', '已撤回同意，该身份信息已删除，不再据此推送').redirect('/push/me', 303);
  });
  app.post('/push/me/stop', async (req, reply) => {
    await subscribers.stopOwn(req.ctx, proven(req) ?? '');
    return reply.flash('success', '已退订').redirect('/push/me', 303);
  });
  app.post('/push/me/resume', async (req, reply) => {
    await subscribers.resume(req.ctx, proven(req) ?? '');
    return reply.flash('success', '已恢复推送').redirect('/push/me', 303);
  });
  app.post('/push/me/delete', async (req, reply) => {
    await subscribers.remove(req.ctx, proven(req) ?? '');
    reply.forgetProofs();
    return reply.flash('success', '您的订阅和全部个人信息已删除').redirect('/push', 303);
  });
  app.post('/push/me/logout', async (_req, reply) => reply.forgetProofs().redirect('/push', 303));
  app.get('/push/me/export', async (req, reply) => {
    const data = await views.exportData(req.ctx, proven(req) ?? '');
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent('我的订阅信息.json')}`,
      )
      .send(JSON.stringify(data, null, 2));
  });

  // The stop link of every message: one click, no sign-in (GET shows, POST does; mail clients'
  // one-click unsubscribe POSTs to the same address, RFC 8058).
  app.get<{ Params: { id: string; token: string }; Querystring: { d?: string } }>(
    '/push/stop/:id/:token',
    async (req, reply) => {
      // Showing the link does nothing (a mail gateway's link checker opens it too): the button does.
      const state = await subscribers.stopLinkState(req.ctx, req.params.id, req.params.token);
      return reply.page(
        { title: '退订政策推送', crumbs: crumbs('退订') },
        <StopConfirmPage csrf={reply.csrf()} action={req.url} already={state === 'stopped'} />,
      );
    },
  );
  app.post<{ Params: { id: string; token: string }; Querystring: { d?: string } }>(
    '/push/stop/:id/:token',
    { config: { csrf: false } },
    async (req, reply) => {
      await subscribers.stop(req.ctx, req.params.id, req.params.token, req.query.d);
      return reply.page({ title: '已退订', crumbs: crumbs('退订') }, <StoppedPage already={false} />);
    },
  );
  app.get<{ Params: { id: string; token: string } }>('/push/o/:id/:token', async (req, reply) => {
    const url = await deliveries.open(req.ctx, req.params.id, req.params.token);
    return reply.redirect(url ? new URL(url).pathname : '/push/policies');
  });
  app.get<{ Params: { id: string; token: string } }>('/push/feed/:id/:token', async (req, reply) => {
    const xml = await views.feed(req.ctx, req.params.id, req.params.token.replace(/\.atom$/, ''));
    // Personal: never kept by the page cache or a proxy.
    return reply
      .header('content-type', 'application/atom+xml; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .send(xml);
  });
  app.get('/push/policies', async (req, reply) =>
    reply.page(
      { title: '已推送的政策', crumbs: crumbs('已推送的政策') },
      <PoliciesPage items={await views.policies(req.ctx)} />,
    ),
  );
}
