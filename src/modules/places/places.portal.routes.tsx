import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as places from './places.service.js';
import { PlaceView, PlacesPageView } from './views/portal.js';

const crumbs = [
  { label: '首页', href: '/' },
  { label: '标准化规范化专栏', href: '/standardization' },
  { label: '信息化', href: '/standardization/digital' },
];

const require = createRequire(import.meta.url);

/**
 * The map's files, served by the platform itself (no CDN): MapLibre GL JS from its npm package,
 * in its CSP build (the worker is a file of this site, not a blob), and the module's own script
 * and styles. Read once, kept in memory; a day in the browser's cache.
 */
const assets: Record<string, { path: () => string; type: string }> = {
  'maplibre-gl.js': {
    path: () => require.resolve('maplibre-gl/dist/maplibre-gl-csp.js'),
    type: 'text/javascript',
  },
  'maplibre-gl-csp-worker.js': {
    path: () => require.resolve('maplibre-gl/dist/maplibre-gl-csp-worker.js'),
    type: 'text/javascript',
  },
  'maplibre-gl.css': { path: () => require.resolve('maplibre-gl/dist/maplibre-gl.css'), type: 'text/css' },
  'places-map.js': {
    path: () => new URL('./assets/places-map.js', import.meta.url).pathname,
    type: 'text/javascript',
  },
  'places.css': { path: () => new URL('./assets/places.css', import.meta.url).pathname, type: 'text/css' },
};
const loaded = new Map<string, Buffer>();

/** 天地图's tile and geocoder hosts, allowed on the pages that show its map (services.md §6.3). */
export const tiandituHosts = 'https://*.tianditu.gov.cn';

/** The site's policy (server.tsx) with 天地图 allowed for tiles and requests, when its key is set. */
export function mapCsp(reply: FastifyReply, tianditu: boolean): void {
  if (!tianditu) return;
  const csp = String(reply.getHeader('content-security-policy') ?? '');
  reply.header(
    'content-security-policy',
    `${csp.replace(/img-src ([^;]*)/, `img-src $1 ${tiandituHosts} blob:`)};connect-src 'self' ${tiandituHosts}`,
  );
}

/** The public list and map of places, each place's page, its photos and the map's files. */
export function registerPlacesPortalRoutes(app: FastifyInstance): void {
  app.get<{ Params: { file: string } }>('/places/assets/:file', async (req, reply) => {
    const a = assets[req.params.file];
    if (!a) return reply.code(404).type('text/plain; charset=utf-8').send('没有这个文件');
    let body = loaded.get(req.params.file);
    if (!body) {
      body = readFileSync(a.path());
      loaded.set(req.params.file, body);
    }
    return reply.header('cache-control', 'public, max-age=86400').type(`${a.type}; charset=utf-8`).send(body);
  });

  app.get<{ Querystring: places.PublicListQuery }>('/places', async (req, reply) => {
    const p = await places.publicList(req.ctx, req.query);
    // "今天开放" and "开放中" change with the hour: rendered for each visit, not kept.
    reply.header('cache-control', 'no-cache');
    mapCsp(reply, p.basemap.kind === 'tianditu');
    return reply.page(
      { title: '政务公开查阅点和公开栏', area: 'portal', crumbs: [...crumbs, { label: '查阅点和公开栏' }] },
      <PlacesPageView p={p} />,
    );
  });

  app.get<{ Params: { id: string } }>('/places/:id', async (req, reply) => {
    const p = await places.publicPlace(req.ctx, req.params.id);
    reply.header('cache-control', 'no-cache');
    return reply.page(
      {
        title: p.name,
        area: 'portal',
        crumbs: [...crumbs, { label: '查阅点和公开栏', href: '/places' }, { label: p.name }],
      },
      <PlaceView p={p} />,
    );
  });

  app.get<{ Params: { id: string } }>('/places/photos/:id', async (req, reply) => {
    const f = await places.photoFile(req.ctx, req.params.id);
    return reply.header('cache-control', 'public, max-age=3600').type(f.mediaType).send(f.content);
  });
}
