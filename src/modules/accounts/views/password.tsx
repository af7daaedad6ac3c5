import type { FieldError } from '../../../platform/errors.js';
import { CsrfField, ErrorSummary, TextField } from '../../../platform/ui/components.js';
import { changePasswordSchema } from '../account.schemas.js';

const fields = changePasswordSchema.shape;

/** 修改密码: the signed-in member's own password. */
export function ChangePasswordForm(p: { csrf: string; errors: FieldError[] }) {
  return (
    <>
      <h1 class="gk-title">修改密码</h1>
      <form class="gk-form" method="post" action="/admin/account/password" novalidate>
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <TextField
          name="currentPassword"
          field={fields.currentPassword}
          type="password"
          errors={p.errors}
          autocomplete="current-password"
        />
        <TextField
          name="password"
          field={fields.password}
          type="password"
          errors={p.errors}
          autocomplete="new-password"
          hint="至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类"
        />
        <TextField
          name="confirm"
          field={fields.confirm}
          type="password"
          errors={p.errors}
          autocomplete="new-password"
        />
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            保存新密码
          </button>
        </div>
      </form>
    </>
  );
}
