import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  Summary,
  TextField,
} from '../../../platform/ui/components.js';
import {
  followKindLabels,
  followKinds,
  subscriberKindLabels,
  subscriptionWording,
  type SubscriberKind,
} from '../push.js';
import type { MyPage, PolicyListItem } from '../subscriber-views.service.js';

import { ProfileFields, type Values } from './profile-fields.js';
export const pushCrumbs = [
  { label: '首页', href: '/' },
  { label: '标准化规范化专栏', href: '/standardization' },
  { label: '便民化', href: '/standardization/convenience' },
  { label: '政策精准推送', href: '/push' },
];

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

export function PushHome() {
  return (
    <>
      <h1 class="gk-title">政策精准推送</h1>
      <p class="gk-lead">
        新政策发布后，按您的企业或个人画像、或您关注的主题，通过电子邮件、站内信或订阅源第一时间送达。每条推送都写明推送原因，可随时一键退订。
      </p>
      <div class="gk-grid">
        <section class="gk-card">
          <h2 class="gk-section__title">企业订阅</h2>
          <p>填写所属行业、规模、区域和资质，接收与企业相关的惠企政策。</p>
          <p>
            <a class="gk-button" href="/push/subscribe?kind=enterprise">
              企业订阅
            </a>
          </p>
        </section>
        <section class="gk-card">
          <h2 class="gk-section__title">个人订阅</h2>
          <p>填写年龄段和所在区域，可自愿选择特定身份，接收惠民政策。</p>
          <p>
            <a class="gk-button" href="/push/subscribe?kind=citizen">
              个人订阅
            </a>
          </p>
        </section>
        <section class="gk-card">
          <h2 class="gk-section__title">只关注主题</h2>
          <p>不填写画像，只按机构、目录事项、主题分类或关键词接收推送。</p>
          <p>
            <a class="gk-button gk-button--secondary" href="/push/subscribe?kind=topics">
              关注主题
            </a>
          </p>
        </section>
      </div>
      <p>
        已经订阅？<a href="/push/login">用邮箱验证码登录“我的订阅”</a>。不想按画像接收？可查看
        <a href="/push/policies">全部已推送的政策</a>（不按任何个人特征筛选）。
      </p>
    </>
  );
}

export function SubscribePage(p: {
  kind: SubscriberKind;
  csrf: string;
  values: Values;
  errors: FieldError[];
  regions: Array<{ id: string; name: string; depth: number }>;
}) {
  return (
    <>
      <h1 class="gk-title">{subscriberKindLabels[p.kind]}订阅政策推送</h1>
      <p>
        <a href="/push/subscribe?kind=enterprise">企业</a> · <a href="/push/subscribe?kind=citizen">个人</a> ·{' '}
        <a href="/push/subscribe?kind=topics">只关注主题</a>
      </p>
      <ErrorSummary errors={p.errors} />
      <form class="gk-form" method="post" action="/push/subscribe" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="kind" value={p.kind} />
        <TextField
          name="email"
          label="电子邮箱"
          type="email"
          autocomplete="email"
          value={one(p.values.email)}
          errors={p.errors}
          hint="接收验证码和推送；确认前不会收到任何推送"
          required
        />
        <ProfileFields
          kind={p.kind}
          values={{ ...p.values, kind: one(p.values.kind) }}
          errors={p.errors}
          regions={p.regions}
        />
        {p.kind === 'topics' ? (
          <p class="gk-hint">确认邮箱后，可在“我的订阅”中添加关注的机构、目录事项、主题分类或关键词。</p>
        ) : null}
        <div class={p.errors.some((e) => e.field === 'agree') ? 'gk-field--error' : ''}>
          <label class="gk-checkbox">
            <input type="checkbox" name="agree" value="1" /> 我已阅读并同意：{subscriptionWording}
          </label>
          {p.errors.find((e) => e.field === 'agree') ? (
            <p class="gk-error-message">{p.errors.find((e) => e.field === 'agree')!.message}</p>
          ) : null}
        </div>
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            提交并获取验证码
          </button>
        </div>
      </form>
    </>
  );
}

export function VerifyPage(p: { id: string; csrf: string; code: string; errors: FieldError[] }) {
  return (
    <>
      <h1 class="gk-title">输入邮箱验证码</h1>
      <p>验证码已发送到您填写的电子邮箱，请在下面输入邮件中的 6 位数字。</p>
      <ErrorSummary errors={p.errors} />
      <form class="gk-form" method="post" action={`/push/verify/${p.id}`} novalidate>
        <CsrfField token={p.csrf} />
        <TextField
          name="code"
          label="验证码"
          value={p.code}
          errors={p.errors}
          inputmode="numeric"
          autocomplete="one-time-code"
          required
        />
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            确认
          </button>
        </div>
      </form>
      <p>
        没有收到？请检查垃圾邮件，或<a href="/push/login">重新获取</a>。
      </p>
    </>
  );
}

export function LoginPage(p: { csrf: string; email: string; errors: FieldError[] }) {
  return (
    <>
      <h1 class="gk-title">登录“我的订阅”</h1>
      <p>输入订阅时使用的电子邮箱，我们会发送一个验证码。</p>
      <ErrorSummary errors={p.errors} />
      <form class="gk-form" method="post" action="/push/login" novalidate>
        <CsrfField token={p.csrf} />
        <TextField
          name="email"
          label="电子邮箱"
          type="email"
          autocomplete="email"
          value={p.email}
          errors={p.errors}
          required
        />
        <button class="gk-button" type="submit">
          发送验证码
        </button>
      </form>
    </>
  );
}

export function StopConfirmPage(p: { csrf: string; action: string; already: boolean }) {
  if (p.already) return <StoppedPage already />;
  return (
    <>
      <h1 class="gk-title">退订政策推送</h1>
      <p>退订后，您不会再收到任何政策推送。您的订阅信息仍然保留，可以随时恢复，也可以彻底删除。</p>
      <form class="gk-form" method="post" action={p.action}>
        <CsrfField token={p.csrf} />
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            确认退订
          </button>
        </div>
      </form>
    </>
  );
}

export function StoppedPage(p: { already: boolean }) {
  return (
    <>
      <h1 class="gk-title">{p.already ? '您已退订' : '已退订政策推送'}</h1>
      <p>从现在起，您不会再收到任何政策推送。您的订阅信息仍然保留，随时可以恢复，也可以彻底删除。</p>
      <p>
        <a href="/push/login">登录“我的订阅”</a>以恢复推送、修改画像，或查看、导出、删除您的全部信息。
      </p>
    </>
  );
}

export function MyPageView(p: { page: MyPage; csrf: string; values: Values; errors: FieldError[] }) {
  const m = p.page;
  return (
    <>
      <h1 class="gk-title">我的订阅</h1>
      {m.state === 'stopped' ? (
        <div class="gk-flash gk-flash--info" id="stopped-notice" role="status">
          <p>您已退订，目前不会收到推送。</p>
          <PostButton action="/push/me/resume" csrf={p.csrf} label="恢复推送" />
        </div>
      ) : null}
      <section class="gk-section">
        <h2 class="gk-section__title">站内信（{m.inbox.length}）</h2>
        {m.inbox.length === 0 ? (
          <p class="gk-muted">还没有推送给您的政策。</p>
        ) : (
          <ul class="gk-record-list">
            {m.inbox.map((d) => (
              <li>
                <a href={d.href}>{d.title}</a> <span class="gk-muted">{d.date}</span>
                <p class="gk-hint">推送原因：{d.reason}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="gk-section">
        <h2 class="gk-section__title">我的信息</h2>
        <Summary rows={m.summary} />
        <p>
          个人订阅源地址（可添加到新闻阅读器或企业门户）：<code class="gk-break">{m.feedUrl}</code>
        </p>
        {m.webhookSecret ? (
          <p>
            企业信息系统对接：平台向您填写的地址以 HTTP POST 发送 JSON（字段
            type、id、title、url、reason、matchedAt），请求头 x-gongkai-timestamp
            为发送时间，x-gongkai-signature 为用下面的密钥对“时间.正文”计算的 HMAC-SHA256
            签名（sha256=…）。密钥：<code class="gk-break">{m.webhookSecret}</code>
          </p>
        ) : null}
      </section>
      {m.consents.length ? (
        <section class="gk-section">
          <h2 class="gk-section__title">单独同意记录</h2>
          <ul class="gk-record-list">
            {m.consents.map((c) => (
              <li>
                {c.label}：{c.givenAt} 同意{c.withdrawnAt ? `，${c.withdrawnAt} 已撤回` : ''}
                {!c.withdrawnAt && c.held ? (
                  <PostButton
                    action={`/push/me/withdraw?tag=${c.tag}`}
                    csrf={p.csrf}
                    label="撤回同意"
                    kind="link"
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="gk-section">
        <h2 class="gk-section__title">关注的主题</h2>
        {m.follows.length ? (
          <ul class="gk-record-list">
            {m.follows.map((f) => (
              <li>
                {f.kindLabel}：{f.label}{' '}
                <PostButton
                  action={`/push/me/unfollow?id=${f.id}`}
                  csrf={p.csrf}
                  label="取消关注"
                  kind="link"
                />
              </li>
            ))}
          </ul>
        ) : (
          <p class="gk-muted">还没有关注主题。</p>
        )}
        <form class="gk-form gk-filters" method="post" action="/push/me/follow" novalidate>
          <CsrfField token={p.csrf} />
          <SelectField
            name="followKind"
            label="关注类型"
            value={one(p.values.followKind) || 'keyword'}
            options={followKinds.map((k) => ({ value: k, label: followKindLabels[k] }))}
            errors={p.errors}
          />
          <TextField
            name="followValue"
            label="关注内容"
            value={one(p.values.followValue)}
            errors={p.errors}
            hint="关键词直接填写；机构、目录事项、主题分类填写名称"
          />
          <button class="gk-button gk-button--secondary" type="submit">
            添加关注
          </button>
        </form>
      </section>
      <section class="gk-section">
        <h2 class="gk-section__title">修改画像和推送方式</h2>
        <ErrorSummary errors={p.errors.filter((e) => !e.field.startsWith('follow'))} />
        <form class="gk-form" method="post" action="/push/me" novalidate>
          <CsrfField token={p.csrf} />
          <ProfileFields kind={m.kind} values={p.values} errors={p.errors} regions={m.regions} editing />
          <div class="gk-actions">
            <button class="gk-button" type="submit">
              保存
            </button>
          </div>
        </form>
      </section>
      <section class="gk-section">
        <h2 class="gk-section__title">我的个人信息</h2>
        <p>依照《个人信息保护法》第四十四条至第四十七条，您可以查阅、导出或删除本平台保存的您的全部信息。</p>
        <p>
          <a class="gk-button gk-button--secondary" href="/push/me/export">
            导出我的全部信息
          </a>
        </p>
        <div class="gk-actions">
          {m.state !== 'stopped' ? (
            <PostButton action="/push/me/stop" csrf={p.csrf} label="退订（暂停全部推送）" kind="secondary" />
          ) : null}
          <PostButton
            action="/push/me/delete"
            csrf={p.csrf}
            label="删除订阅和全部个人信息"
            kind="danger"
            confirm="删除后无法恢复，确定删除吗？"
          />
          <PostButton action="/push/me/logout" csrf={p.csrf} label="退出" kind="link" />
        </div>
      </section>
    </>
  );
}

export function PoliciesPage(p: { items: PolicyListItem[] }) {
  return (
    <>
      <h1 class="gk-title">已推送的政策</h1>
      <p>这里列出平台推送过的全部政策，不按任何个人特征筛选，任何人都可查看。</p>
      {p.items.length === 0 ? (
        <p class="gk-muted">暂无。</p>
      ) : (
        <ul class="gk-record-list">
          {p.items.map((i) => (
            <li>
              <a href={i.href}>{i.title}</a> <span class="gk-muted">{i.date}</span>
              {i.category ? <span class="gk-tag">{i.category}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** 关注 from another page: confirm (a subscriber), or subscribe to topics / sign in first. */
export function FollowPage(p: {
  csrf: string;
  signedIn: boolean;
  kind: string;
  value: string;
  label: string | null;
}) {
  if (!p.label)
    return (
      <>
        <h1 class="gk-title">关注并接收推送</h1>
        <p>没有找到要关注的内容，链接可能已失效。</p>
      </>
    );
  return (
    <>
      <h1 class="gk-title">关注并接收推送</h1>
      <p>关注“{p.label}”后，与之相关的政策发布时会推送给您。</p>
      {p.signedIn ? (
        <form class="gk-form" method="post" action="/push/me/follow">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="followKind" value={p.kind} />
          <input type="hidden" name="followValue" value={p.value} />
          <div class="gk-actions">
            <button class="gk-button" type="submit">
              确认关注
            </button>
          </div>
        </form>
      ) : (
        <>
          <p>关注需要一个接收推送的电子邮箱：</p>
          <div class="gk-actions">
            <a class="gk-button" href="/push/subscribe?kind=topics">
              用邮箱订阅（不填画像）
            </a>
            <a class="gk-button gk-button--secondary" href="/push/login">
              已订阅，登录“我的订阅”
            </a>
          </div>
          <p class="gk-hint">订阅或登录后，请回到本页面点击关注。</p>
        </>
      )}
    </>
  );
}
