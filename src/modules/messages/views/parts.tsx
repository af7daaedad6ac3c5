import type { MessageClock } from '../message-clock.js';
import type { HistoryEntry } from '../message-views.service.js';

/** The step awaited and its due date, how it was counted, and the windows still open. */
export function ClockNote({ clock }: { clock: MessageClock }) {
  return (
    <div class="gk-clock" id="clock">
      {clock.due ? (
        <p>
          {clock.awaiting}期限：
          <strong id="clock-due">
            {clock.due.due}
            {clock.provisional ? '（暂定）' : ''}
          </strong>
          {clock.overdue ? (
            <span class="gk-tag gk-tag--warn">已超期</span>
          ) : clock.remaining !== null ? (
            <span class="gk-muted">
              （还有 {clock.remaining} {clock.remainingUnit}）
            </span>
          ) : null}
          {clock.due.skipped.length ? (
            <span class="gk-muted">；期限最后一日为节假日或休息日的，顺延至 {clock.due.due}</span>
          ) : null}
        </p>
      ) : null}
      {clock.unansweredOver3Months ? <p class="gk-tag gk-tag--warn">收到已超过三个月仍未答复</p> : null}
      {clock.objectionUntil ? (
        <p>不属于本机关职权范围的，可在 {clock.objectionUntil} 前退单（提出异议）。</p>
      ) : null}
      {clock.requestUntil ? <p>可在 {clock.requestUntil} 前请求上一级机关复查或复核。</p> : null}
      <details>
        <summary>期限如何计算</summary>
        <ol>
          {clock.steps.map((s) => (
            <li>{s}</li>
          ))}
        </ol>
        {clock.late.length ? <p class="gk-muted">超过期限的步骤：{clock.late.join('；')}</p> : null}
      </details>
    </div>
  );
}

export function History({ entries }: { entries: HistoryEntry[] }) {
  return (
    <ol class="gk-history" id="history">
      {entries.map((e) => (
        <li>
          <strong>{e.on}</strong> {e.label}
          {e.detail ? `：${e.detail}` : ''}
          {e.text ? <p class="gk-prewrap">{e.text}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function FileList(p: {
  files: Array<{ id: string; name: string; size: string }>;
  href: (id: string) => string;
}) {
  if (p.files.length === 0) return null;
  return (
    <ul id="files">
      {p.files.map((f) => (
        <li>
          <a href={p.href(f.id)}>
            附件：{f.name}（{f.size}）
          </a>
        </li>
      ))}
    </ul>
  );
}
