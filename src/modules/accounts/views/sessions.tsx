import { PostButton, Table } from '../../../platform/ui/components.js';
import type { sessionsPage } from '../account-pages.service.js';

/** 在线会话: who is signed in, and a button to end each session the viewer may end. */
export function SessionList({
  page,
  csrf,
}: {
  page: Awaited<ReturnType<typeof sessionsPage>>;
  csrf: string;
}) {
  return (
    <>
      <h1 class="gk-title">在线会话</h1>
      <p class="gk-lead">
        空闲超过 {page.idleMinutes} 分钟或登录超过 {page.maxHours} 小时的会话自动结束。
      </p>
      <Table head={['账号', '所属机构', '登录时间', '最近活动', '地址', '']}>
        {page.sessions.map((s) => (
          <tr>
            <td>
              {s.who}
              {s.current ? <span class="gk-tag">当前会话</span> : null}
            </td>
            <td>{s.agencyName}</td>
            <td>{s.signedInAt}</td>
            <td>{s.lastSeenAt}</td>
            <td>{s.ip}</td>
            <td>
              {s.revocable ? (
                <PostButton
                  action={`/admin/sessions/${s.id}/revoke`}
                  csrf={csrf}
                  label="强制下线"
                  kind="link"
                />
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
