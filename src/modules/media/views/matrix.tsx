import { SelectField } from '../../../platform/ui/components.js';
import { platformLabels } from '../media.js';
import type { MatrixGroup, matrix } from '../media.service.js';

type Matrix = Awaited<ReturnType<typeof matrix>>;

/** One account's card: name, platform, QR code (inline SVG), its address or ID, the PNG to save. */
function AccountCard({ a }: { a: MatrixGroup['accounts'][number] }) {
  return (
    <article class="gk-card">
      <h3 class="gk-card__title">{a.name}</h3>
      <p class="gk-muted">{platformLabels[a.platform]}</p>
      {a.qr ? <div dangerouslySetInnerHTML={{ __html: a.qr }} /> : null}
      {a.url ? (
        <p class="gk-break">
          <a href={a.url} rel="noopener">
            访问“{a.name}”
          </a>
        </p>
      ) : a.accountRef ? (
        <p class="gk-break">
          账号：<code>{a.accountRef}</code>
        </p>
      ) : null}
      {a.qr ? (
        <p>
          <a href={`/media/${a.id}/qr.png`} download={`${a.name}.png`}>
            保存“{a.name}”的二维码图片
          </a>
        </p>
      ) : null}
    </article>
  );
}

/** The portal's 政务新媒体矩阵: the open accounts by 主办单位, each with its QR code. Works without JavaScript. */
export function MatrixPage({ m }: { m: Matrix }) {
  return (
    <>
      <h1 class="gk-title">政务新媒体矩阵</h1>
      <p class="gk-lead">
        {m.platform ? `${platformLabels[m.platform]}：` : ''}共 {m.total}{' '}
        个政务新媒体账号，按主办单位排列。用手机扫描二维码即可关注，也可保存二维码图片后在相应平台中识别。
      </p>
      <form class="gk-form gk-filters" method="get" action="/media">
        <SelectField
          name="platform"
          label="平台"
          value={m.platform ?? ''}
          placeholder="全部平台"
          options={m.platforms.map((p) => ({ value: p, label: platformLabels[p] }))}
        />
        <button class="gk-button gk-button--secondary" type="submit">
          筛选
        </button>
      </form>
      {m.groups.length === 0 ? <p>暂无已开设的政务新媒体账号。</p> : null}
      {m.groups.length > 1 ? (
        <nav aria-label="主办单位">
          <ul class="gk-link-list">
            {m.groups.map((g) => (
              <li>
                <a href={`#agency-${g.agency.id}`}>
                  {g.agency.name}（{g.accounts.length} 个）
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {m.groups.map((g) => (
        <section class="gk-section" id={`agency-${g.agency.id}`}>
          <h2 class="gk-section__title">{g.agency.name}</h2>
          <div class="gk-grid">
            {g.accounts.map((a) => (
              <AccountCard a={a} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
