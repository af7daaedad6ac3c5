import { roleLabels, roles } from '../../platform/access.js';
import { date, object, oneOf, optional, text, type Infer } from '../../platform/schema.js';

export const createUserSchema = object({
  agencyId: text('所属机构'),
  username: text('用户名', {
    min: 3,
    max: 40,
    pattern: /^[a-z0-9][a-z0-9._-]*$/i,
    patternMessage: '用户名只能包含字母、数字、点、下划线和连字符，且以字母或数字开头',
  }),
  displayName: text('姓名', { max: 40 }),
  password: text('初始密码', { max: 200 }),
  role: optional(oneOf('角色', roles, roleLabels)),
});
export type CreateUserInput = Infer<typeof createUserSchema.shape>;

export const resetPasswordSchema = object({ password: text('新密码', { max: 200 }) });

export const changePasswordSchema = object({
  currentPassword: text('当前密码', { max: 200 }),
  password: text('新密码', { max: 200 }),
  confirm: text('确认新密码', { max: 200 }),
});

export const grantRoleSchema = object({
  role: oneOf('角色', roles, roleLabels),
  agencyId: text('适用机构'),
});

export const loginSchema = object({
  username: text('用户名', { max: 40 }),
  password: text('密码', { max: 200 }),
});

export const auditFilterSchema = object({
  action: optional(text('操作', { max: 60 })),
  actor: optional(text('操作人', { max: 60 })),
  subjectId: optional(text('对象', { max: 60 })),
  from: optional(date('起始日期')),
  to: optional(date('截止日期')),
});
export type AuditFilter = Infer<typeof auditFilterSchema.shape>;
