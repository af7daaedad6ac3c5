import type { GongkaiModule } from '../../platform/module.js';
import { registerSupervisionAdminRoutes } from './supervision.admin.routes.js';
import { supervisionSettings } from './supervision.settings.js';
import { supervisionWorkbench } from './supervision-workbench.js';

/**
 * The supervision dashboard (issue 18): for 监督员, office heads and higher offices over their
 * subtree — requests overdue or answered late, records published after 20 working days, annual
 * reports late or with errors, letters overdue and 差评 not fixed, site vetoes and inactive
 * new-media accounts — each a number that opens its list (and CSV); the rankings of agencies; a
 * panel on the 工作台. No table of its own: it reads the other modules through their index.ts.
 */
export const supervisionModule: GongkaiModule = {
  name: 'supervision',
  label: '监督统计',
  settings: supervisionSettings,
  routes: (app) => registerSupervisionAdminRoutes(app),
  workbench: supervisionWorkbench,
};
