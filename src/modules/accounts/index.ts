// The accounts module's public surface. What it contributes to the platform is in module.ts.
export * from './account.js';
export * as accounts from './account.service.js';
export * as auth from './auth.service.js';
export * as auditLog from './audit-log.service.js';
export type { AuthSettings, Authenticated } from './auth.service.js';
export { can as canOnAccount } from './account.policy.js';
export { staffUserView } from './account.presenter.js';
export { hashPassword } from './password.js';
export * as notifications from './notification.service.js';
export { accountSettings } from './account.settings.js';
export {
  workbenchPanels,
  type WorkbenchContribution,
  type WorkbenchItem,
  type WorkbenchPanel,
} from './workbench.js';
