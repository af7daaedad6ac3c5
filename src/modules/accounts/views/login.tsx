import type { FieldError } from '../../../platform/errors.js';
import { CsrfField, ErrorSummary, TextField } from '../../../platform/ui/components.js';
import { loginSchema } from '../account.schemas.js';

/** 工作人员登录. `next` is where to go afterwards (a back-office path). */
export function LoginForm(p: {
  csrf: string;
  values: { username?: string; next?: string };
  errors: FieldError[];
  lock: { maxFailures: number; minutes: number };
}) {
  return (
    <div class="gk-login">
      <h1 class="gk-title">工作人员登录</h1>
      <form
        class="gk-form"
        method="post"
        action={`/admin/login${p.values.next ? `?next=${encodeURIComponent(p.values.next)}` : ''}`}
        novalidate
      >
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <TextField
          name="username"
          field={loginSchema.shape.username}
          value={p.values.username}
          errors={p.errors}
          autocomplete="username"
        />
        <TextField
          name="password"
          field={loginSchema.shape.password}
          type="password"
          errors={p.errors}
          autocomplete="current-password"
        />
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            登录
          </button>
        </div>
        <p class="gk-hint">
          连续 {p.lock.maxFailures} 次输入错误密码，账号将锁定 {p.lock.minutes} 分钟。
        </p>
      </form>
    </div>
  );
}
