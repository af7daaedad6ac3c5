import type { FastifyInstance } from 'fastify';
import { agencies } from '../agencies/index.js';
import { registerColumnRoutes } from './column.routes.js';

/** The portal's front page: the site's 政府信息公开 columns that exist so far (no empty columns). */
export function registerPortalRoutes(app: FastifyInstance): void {
  app.nav.push({ href: '/', label: '首页', area: 'portal', order: 10 });
  registerColumnRoutes(app);
  app.get('/', async (req, reply) => {
    const root = await agencies.root(req.ctx);
    const all = await agencies.listPublic(req.ctx);
    return reply.page(
      { title: '政府信息公开' },
      <>
        <h1 class="gk-title">{root ? `${root.name}信息公开` : '政府信息公开'}</h1>
        <p class="gk-lead">依据《中华人民共和国政府信息公开条例》，公开政府信息，提供依申请公开服务。</p>
        <form method="get" action="/search" role="search" class="gk-home-search">
          <label class="gk-label" for="home-q">
            检索政府信息
          </label>
          <input
            class="gk-input"
            id="home-q"
            name="q"
            type="search"
            placeholder="标题、正文词句、文号或索引号"
          />
          <button class="gk-button" type="submit">
            检索
          </button>
        </form>
        <div class="gk-grid">
          {root ? (
            <section class="gk-card">
              <h2 class="gk-card__title">
                <a href={`/xxgk/${root.id}`}>政府信息公开</a>
              </h2>
              <p>公开指南、公开制度、法定主动公开内容、年度报告和依申请公开。</p>
            </section>
          ) : null}
          <section class="gk-card">
            <h2 class="gk-card__title">
              <a href="/agencies">机构导航</a>
            </h2>
            <p>共 {all.length} 个机构：政府部门、镇（街道）和村（社区）。</p>
          </section>
        </div>
      </>,
    );
  });
}
