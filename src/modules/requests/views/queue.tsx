import { Pagination, SelectField, Table, TextField } from '../../../platform/ui/components.js';
import { openStates } from '../request-deadline.js';
import type { Approval, QueueItem, QueuePage } from '../request-queue.service.js';
import { stateLabels } from '../request.presenter.js';
import { queueFilterSchema } from '../request.schemas.js';

const f = queueFilterSchema.shape;

/** The back office's queue of open cases, soonest due first. */
export function QueueView({ q }: { q: QueuePage }) {
  const query = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q.filter, page }))
      if (v !== null && v !== undefined && v !== '') params.set(k, String(v));
    return `/admin/requests?${params.toString()}`;
  };
  return (
    <>
      <h1 class="gk-title">依申请公开：办理中的申请</h1>
      <p class="gk-actions">
        {q.allowed.includes('register') ? (
          <a class="gk-button" href="/admin/requests/new">
            登记申请
          </a>
        ) : null}
        {q.allowed.includes('decideExtension') ? (
          <a class="gk-button gk-button--secondary" href="/admin/requests/approvals">
            延期审批
          </a>
        ) : null}
      </p>
      <form class="gk-form gk-filters" method="get" action="/admin/requests">
        <SelectField
          name="agencyId"
          label={f.agencyId.label}
          value={q.filter.agencyId ?? undefined}
          errors={[]}
          options={q.agencies.map((a) => ({ value: a.id, label: a.name }))}
          placeholder="全部"
        />
        <SelectField
          name="state"
          label={f.state.label}
          value={q.filter.state ?? undefined}
          errors={[]}
          options={(['overdue', ...openStates] as const).map((value) => ({
            value,
            label: value === 'overdue' ? '已超期' : stateLabels[value],
          }))}
          placeholder="全部"
        />
        <TextField
          name="dueBy"
          label={f.dueBy.label}
          type="date"
          value={q.filter.dueBy ?? undefined}
          errors={[]}
        />
        <SelectField
          name="handler"
          label={f.handler.label}
          value={q.filter.handler ?? undefined}
          errors={[]}
          options={[
            { value: 'none', label: '尚未指定' },
            { value: 'me', label: '我承办的' },
          ]}
          placeholder="全部"
        />
        {q.filter.within ? (
          <p class="gk-muted">
            仅显示 {q.filter.within} 个工作日内到期（未超期）的申请。
            <input type="hidden" name="within" value={String(q.filter.within)} />{' '}
            <a href="/admin/requests">显示全部</a>
          </p>
        ) : null}
        <button class="gk-button gk-button--secondary" type="submit">
          筛选
        </button>
      </form>
      {q.total === 0 ? (
        <p class="gk-muted">没有符合条件的办理中申请。</p>
      ) : (
        <>
          <p class="gk-muted">共 {q.total} 件</p>
          <Table head={['受理编号', '受理机关', '申请人', '收到日期', '状态', '答复期限', '剩余工作日']}>
            {q.items.map((i) => (
              <QueueRow i={i} />
            ))}
          </Table>
        </>
      )}
      {q.total > q.pageSize ? (
        <Pagination page={q.page} pageSize={q.pageSize} total={q.total} href={query} />
      ) : null}
    </>
  );
}

function QueueRow({ i }: { i: QueueItem }) {
  return (
    <tr>
      <td>
        <a href={`/admin/requests/${i.id}`}>{i.acceptanceNumber}</a>
      </td>
      <td>{i.agencyName}</td>
      <td>{i.applicantName}</td>
      <td>{i.receivedOn}</td>
      <td>{stateLabels[i.deadline.state]}</td>
      <td>
        {i.deadline.due ?? '暂停计时'}
        {i.deadline.provisional ? <span class="gk-tag gk-tag--warn">暂定</span> : null}
      </td>
      <td class="gk-num">
        {i.deadline.remaining === null ? (
          ''
        ) : i.deadline.overdue ? (
          <span class="gk-tag gk-tag--warn">已超期 {-i.deadline.remaining}</span>
        ) : (
          i.deadline.remaining
        )}
      </td>
    </tr>
  );
}

/** The office head's approvals of extensions (第三十三条第二款). */
export function ApprovalsView({ items }: { items: Approval[] }) {
  return (
    <>
      <h1 class="gk-title">延期审批</h1>
      <p class="gk-lead">
        经办人申请延长答复期限的案件（条例第三十三条第二款：经政府信息公开工作机构负责人同意，延长不超过 20
        个工作日）。
      </p>
      <Table head={['受理编号', '受理机关', '申请日期', '拟延长', '理由', '现答复期限']}>
        {items.map((i) => (
          <tr>
            <td>
              <a href={`/admin/requests/${i.id}`}>{i.acceptanceNumber}</a>
            </td>
            <td>{i.agencyName}</td>
            <td>{i.request.date}</td>
            <td class="gk-num">{i.request.workdays} 个工作日</td>
            <td>{i.request.reason}</td>
            <td>
              {i.deadline.due ?? ''}
              {i.deadline.due && i.deadline.provisional ? (
                <span class="gk-tag gk-tag--warn">暂定</span>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
