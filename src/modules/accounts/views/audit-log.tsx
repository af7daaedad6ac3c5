import { ErrorSummary, Pagination, SelectField, Table, TextField } from '../../../platform/ui/components.js';
import { auditFilterSchema } from '../account.schemas.js';
import type { AuditLogPageModel } from '../audit-log.service.js';

const filter = auditFilterSchema.shape;

/** 审计日志: the filter (kept in the address, so a filtered page can be bookmarked) and the events. */
export function AuditLog({
  page,
  query,
}: {
  page: AuditLogPageModel;
  query: Record<string, string | undefined>;
}) {
  const href = (p: number) =>
    `/admin/audit?${new URLSearchParams({
      ...Object.fromEntries(
        Object.entries(query).filter((e): e is [string, string] => e[0] !== 'page' && Boolean(e[1])),
      ),
      page: String(p),
    })}`;
  return (
    <>
      <h1 class="gk-title">审计日志</h1>
      <form class="gk-form gk-filters" method="get" action="/admin/audit">
        <ErrorSummary errors={page.errors} />
        <SelectField
          name="action"
          field={filter.action}
          value={query.action}
          errors={page.errors}
          options={page.actions}
          placeholder="全部"
        />
        <TextField name="actor" field={filter.actor} value={query.actor} errors={page.errors} />
        <TextField name="from" field={filter.from} type="date" value={query.from} errors={page.errors} />
        <TextField name="to" field={filter.to} type="date" value={query.to} errors={page.errors} />
        {query.subjectId ? <input type="hidden" name="subjectId" value={query.subjectId} /> : null}
        <button class="gk-button gk-button--secondary" type="submit">
          筛选
        </button>
      </form>
      <Table head={['时间', '操作人', '操作', '对象', '机构', '地址', '变更']}>
        {page.rows.map((e) => (
          <tr>
            <td>{e.at}</td>
            <td>{e.actorLabel}</td>
            <td>{e.actionLabel}</td>
            <td>
              {e.subjectLabel}
              {e.subjectShort ? <span class="gk-muted"> {e.subjectShort}</span> : null}
            </td>
            <td>{e.agencyName}</td>
            <td>{e.ip}</td>
            <td>
              {e.changes.length ? (
                <details>
                  <summary>查看</summary>
                  <table class="gk-table gk-table--compact">
                    <thead>
                      <tr>
                        <th scope="col">项目</th>
                        {e.changes.some((c) => c.before !== null) ? <th scope="col">变更前</th> : null}
                        {e.changes.some((c) => c.after !== null) ? <th scope="col">变更后</th> : null}
                      </tr>
                    </thead>
                    <tbody>
                      {e.changes.map((c) => (
                        <tr>
                          <th scope="row">{c.label}</th>
                          {e.changes.some((x) => x.before !== null) ? <td>{c.before ?? '—'}</td> : null}
                          {e.changes.some((x) => x.after !== null) ? <td>{c.after ?? '—'}</td> : null}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
      <Pagination page={page.page} pageSize={page.pageSize} total={page.total} href={href} />
    </>
  );
}
