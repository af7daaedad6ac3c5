import type { GongkaiModule } from '../../platform/module.js';
import { roleLabels } from '../../platform/access.js';
import { registerAccountAdminRoutes } from './account.admin.routes.js';
import { accountSettings } from './account.settings.js';
import { registerAccountApi } from './account.api.js';
import { registerAccountCommands } from './account.cli.js';
import { registerServiceAccountCommands } from './service-account.cli.js';
import { registerAuditLogRoutes } from './audit-log.routes.js';
import { registerServiceAccountRoutes } from './service-account.routes.js';
import { registerAuthRoutes } from './auth.routes.js';
import * as auth from './auth.service.js';
import * as foundation from './migrations/0001-foundation-accounts.js';
import * as notices from './migrations/0008-notification-jobs.js';
import * as serviceAccounts from './migrations/0042-service-accounts.js';
import { authenticateToken } from './service-account.service.js';

/** Staff accounts, role grants, login and sessions, notices on the 工作台, and the audit log's pages. */
export const accountsModule: GongkaiModule = {
  name: 'accounts',
  label: '账号与权限',
  apiScopes: {
    'audit:read': { label: '读取审计日志', labelEn: 'read the audit log', roles: ['supervisor'] },
  },
  tables: {
    staff_user: { backup: { orderBy: 'id' } },
    role_assignment: { backup: { orderBy: 'id' } },
    staff_session: { notBackedUp: '会话不备份：恢复后所有人重新登录，已结束的登录不会复活' },
    staff_notification: { backup: { orderBy: 'id' } },
    api_token: { backup: { orderBy: 'id' } },
  },
  migrations: {
    '0001-foundation-accounts': foundation,
    '0008-notification-jobs': notices,
    '0042-service-accounts': serviceAccounts,
  },
  audit: {
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
      'serviceAccount.create': '新增服务账号',
      'apiToken.issue': '签发接口令牌',
      'apiToken.revoke': '吊销接口令牌',
    },
    subjects: { staffUser: '账号', serviceAccount: '服务账号' },
    fields: {
      username: '用户名',
      displayName: '姓名',
      agencyId: '',
      agencyName: '机构',
      role: '角色',
      lockedUntil: '锁定至',
      disabledAt: '停用时间',
      mustChangePassword: '须修改密码',
      failures: '连续失败次数',
      sessionId: '',
      tokenId: '',
      hint: '令牌末四位',
      scopes: '权限范围',
      expiresAt: '有效期至',
      count: '数量',
    },
    values: { role: roleLabels },
  },
  settings: accountSettings,
  routes: (app, web) => {
    const settings: auth.AuthSettings = web.settingsOf(accountSettings);
    registerAuthRoutes(app, {
      settings,
      cookieSecure: web.config.cookieSecure,
      loginRateLimitPerMinute: web.settingsOf(accountSettings).loginRateLimitPerMinute,
    });
    registerAccountAdminRoutes(app, { settings });
    registerAuditLogRoutes(app);
    registerServiceAccountRoutes(app);
  },
  api: registerAccountApi,
  cli: (program, cli) => {
    registerAccountCommands(program, cli);
    registerServiceAccountCommands(program, cli);
  },
  provides: () => ({
    authenticateStaff: async (ctx, token) => {
      const a = await auth.authenticate(ctx, token, accountSettings.of(ctx));
      return a && { actor: a.actor, user: a.user, sessionId: a.session.id };
    },
    authenticateToken,
  }),
};
