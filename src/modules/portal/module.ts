import type { GongkaiModule } from '../../platform/module.js';
import { registerPortalRoutes } from './portal.routes.js';

/** The portal's front page and each agency's 政府信息公开 专栏 with its feeds. */
export const portalModule: GongkaiModule = {
  name: 'portal',
  label: '门户',
  routes: registerPortalRoutes,
};
