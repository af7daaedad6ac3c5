import { jobStateLabels, jobStates } from '../../../platform/jobs/index.js';
import { Pagination, PostButton, Table } from '../../../platform/ui/components.js';
import type { JobsPage } from '../operation.service.js';

/** 后台任务: what the platform does by itself (期限检查、提醒、定时发布…), and what failed. */
export function JobsView({ p, csrf }: { p: JobsPage; csrf: string }) {
  const href = (state: string | null, page = 1) =>
    `/admin/jobs?${new URLSearchParams({ ...(state ? { state } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;
  return (
    <>
      <h1 class="gk-title">后台任务</h1>
      <p class="gk-muted">
        期限检查与提醒、定时发布等由平台自动执行。失败的任务会按间隔自动重试，多次仍失败的列为“已失败”，
        可在排除原因后重新运行。
      </p>
      <nav class="gk-tabs" aria-label="按状态筛选">
        <ul>
          <li>
            <a href={href(null)} aria-current={p.state === null ? 'page' : undefined}>
              全部
            </a>
          </li>
          {jobStates.map((s) => (
            <li>
              <a href={href(s)} aria-current={p.state === s ? 'page' : undefined}>
                {jobStateLabels[s]}（{p.counts[s]}）
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {p.rows.length === 0 ? (
        <p class="gk-muted">没有{p.state ? jobStateLabels[p.state] : ''}的任务。</p>
      ) : (
        <Table head={['任务', '状态', '运行次数', '时间', '结果或失败原因', '操作']} numeric={[2]}>
          {p.rows.map((r) => (
            <tr>
              <td>{r.label}</td>
              <td>
                <span class={`gk-tag${r.state === 'dead' ? ' gk-tag--warn' : ''}`}>{r.stateLabel}</span>
              </td>
              <td class="gk-num">{r.attempts}</td>
              <td>{r.when}</td>
              <td>{r.lastError ?? r.result ?? '—'}</td>
              <td>
                {r.state === 'dead' && p.allowed.includes('retryJob') ? (
                  <PostButton
                    action={`/admin/jobs/${r.id}/retry`}
                    csrf={csrf}
                    label="重新运行"
                    kind="secondary"
                  />
                ) : null}
                {(r.state === 'dead' || r.state === 'queued') && p.allowed.includes('discardJob') ? (
                  <PostButton
                    action={`/admin/jobs/${r.id}/discard`}
                    csrf={csrf}
                    label="放弃"
                    kind="link"
                    confirm="放弃后该任务不再运行，确定吗？"
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} href={(n) => href(p.state, n)} />
    </>
  );
}
