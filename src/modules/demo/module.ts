import type { GongkaiModule } from '../../platform/module.js';
import { registerDemoCommands } from './demo.cli.js';
import { registerDemoRoutes } from './demo.routes.js';

/** The 晋江市 demo dataset, loaded through the other modules' services. */
export const demoModule: GongkaiModule = {
  name: 'demo',
  label: '演示数据',
  cli: registerDemoCommands,
  routes: (app) => registerDemoRoutes(app),
};
