import type { GongkaiModule } from '../../platform/module.js';
import { roleLabels } from '../../platform/access.js';
import { registerAccountAdminRoutes } from './account.admin.routes.js';
import { accountSettings } from './account.settings.js';
import { registerAccountApi } from './account.api.js';
import { registerAccountCommands } from './account.cli.js';
import { registerAuditLogRoutes } from './audit-log.routes.js';
import { registerAuthRoutes } from './auth.routes.js';
import * as auth from './auth.service.js';
import * as foundation from './migrations/0001-foundation-accounts.js';
import * as notices from './migrations/0008-notification-jobs.js';

/** Staff accounts, role grants, login and sessions, notices on the 工作台, and the audit log's pages. */
export const accountsModule: GongkaiModule = {
  name: 'accounts',
  label: '账号与权限',
  tables: {
    staff_user: { backup: { orderBy: 'id' } },
    role_assignment: { backup: { orderBy: 'id' } },
    staff_session: { notBackedUp: '会话不备份：恢复后所有人重新登录，已结束的登录不会复活' },
    staff_notification: { backup: { orderBy: 'id' } },
  },
  migrations: { '0001-foundation-accounts': foundation, '0008-notification-jobs': notices },
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
    },
    subjects: { staffUser: '账号' },
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
  },
  api: registerAccountApi,
  cli: registerAccountCommands,
  provides: () => ({
    authenticateStaff: async (ctx, token) => {
      const a = await auth.authenticate(ctx, token, accountSettings.of(ctx));
      return a && { actor: a.actor, user: a.user, sessionId: a.session.id };
    },
  }),
};
