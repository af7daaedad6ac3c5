import type { GongkaiModule } from '../../platform/module.js';
import { portalSettings } from './portal.settings.js';
import { registerPortalRoutes } from './portal.routes.js';

/**
 * The portal: the home page, each agency's 政府信息公开 专栏 with its feeds, the
 * 标准化规范化专栏 with its five columns, the 网站地图 and the 隐私声明.
 */
export const portalModule: GongkaiModule = {
  name: 'portal',
  label: '门户',
  routes: registerPortalRoutes,
  settings: portalSettings,
};
