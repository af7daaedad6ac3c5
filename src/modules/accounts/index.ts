import { describeAudit } from '../../platform/audit.js';
export * from './account.js';
export * as accounts from './account.service.js';
export * as auth from './auth.service.js';
export * as auditLog from './audit-log.service.js';
export type { AuthSettings, Authenticated } from './auth.service.js';
export { can as canOnAccount } from './account.policy.js';
export { staffUserView } from './account.presenter.js';
export { hashPassword } from './password.js';
export { registerAccountRoutes, type AccountRouteOptions } from './account.routes.js';

describeAudit({
  actions: {
    'account.create': '新增账号',
    'account.grant': '授予角色',
    'account.revokeGrant': '撤销角色',
    'account.resetPassword': '重置密码',
    'account.changePassword': '修改本人密码',
    'account.disable': '停用账号',
    'account.enable': '启用账号',
    'account.unlock': '解除锁定',
    'account.login': '登录',
    'account.loginFailed': '登录失败',
    'account.lock': '账号锁定',
    'account.logout': '退出登录',
    'account.revokeSession': '强制下线',
  },
  subjects: { staffUser: '账号' },
});
