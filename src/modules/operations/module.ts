import type { GongkaiModule } from '../../platform/module.js';
import { registerOperationRoutes } from './operation.routes.js';

/** 系统运行: the back office's view of the platform's background jobs, with retry and discard. */
export const operationsModule: GongkaiModule = {
  name: 'operations',
  label: '系统运行',
  routes: registerOperationRoutes,
};
