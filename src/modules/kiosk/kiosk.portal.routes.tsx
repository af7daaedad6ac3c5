import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { renderDocument } from '../../platform/http/server.js';
import { periodOf, slidesOf, type KioskContent } from './kiosk.js';
import { contentVersion, kioskJson, updatedLabel } from './kiosk.presenter.js';
import * as kiosk from './kiosk.service.js';
import { KioskPage, ScreenIndex, Slides } from './views/kiosk-page.js';

/**
 * The village screens (issue 16 §3): /kiosk lists them, /kiosk/<agency> is the screen (by id,
 * full name or short name), /kiosk/<agency>/content.json what its background refresh reads.
 * Screens and their content are answered `no-cache`: the public page cache would otherwise keep
 * a screen's page, and a screen must see a new record at its next refresh.
 */

type Params = { agency: string };
type Query = { rotate?: string; refresh?: string };

const slidesHtml = async (c: KioskContent) => String(await (<Slides slides={slidesOf(c)} />));

export function registerKioskRoutes(app: FastifyInstance): void {
  // The screens' service worker, under /kiosk/ so that its scope is the screens (assets/kiosk-sw.js).
  let worker: Buffer | null = null;
  app.get('/kiosk/sw.js', async (_req, reply) => {
    worker ??= readFileSync(new URL('./assets/kiosk-sw.js', import.meta.url));
    return reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(worker);
  });

  app.get('/kiosk', async (req, reply) =>
    reply.page(
      {
        title: '村（社区）信息公开屏',
        area: 'portal',
        crumbs: [{ label: '首页', href: '/' }, { label: '信息公开屏' }],
      },
      <ScreenIndex groups={await kiosk.screenIndex(req.ctx)} />,
    ),
  );

  app.get<{ Params: Params; Querystring: Query }>('/kiosk/:agency', async (req, reply) => {
    const c = await kiosk.screenContent(req.ctx, req.params.agency);
    const html = await renderDocument(
      <KioskPage
        agency={c.agency}
        slides={slidesOf(c)}
        version={contentVersion(c)}
        generatedAt={c.generatedAt}
        updatedLabel={updatedLabel(c.generatedAt)}
        rotate={periodOf(req.query.rotate, 'rotate')}
        refresh={periodOf(req.query.refresh, 'refresh')}
      />,
    );
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  });

  app.get<{ Params: Params }>('/kiosk/:agency/content.json', async (req, reply) => {
    const c = await kiosk.screenContent(req.ctx, req.params.agency);
    const body = kioskJson(c, await slidesHtml(c));
    const etag = `"${body.version}"`;
    reply.header('cache-control', 'no-cache').header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(body);
  });
}
