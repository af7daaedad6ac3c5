import { formatDateTime } from '../../../platform/clock.js';
import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  Summary,
  Table,
  TextField,
} from '../../../platform/ui/components.js';
import { validityLabels, type RecordStep } from '../record.js';
import type { AttachmentLine, HistoryLine, StaffRecord } from '../record.presenter.js';

const validityOptions = Object.entries(validityLabels).map(([value, label]) => ({ value, label }));

/**
 * The back office's page of one record: its metadata, the steps the viewer may take now (and no
 * others), its attachments, its history and its body.
 */
export function RecordPage(p: {
  record: StaffRecord;
  history: HistoryLine[];
  attachments: AttachmentLine[];
  allowed: RecordStep[];
  links?: Array<{ label: string; href: string; note?: string }>;
  today: string;
  errors: FieldError[];
  csrf: string;
}) {
  const { record: r, errors, csrf } = p;
  const may = (step: RecordStep) => p.allowed.includes(step);
  const act = (action: string, label: string) => (
    <PostButton action={`/admin/records/${r.id}/${action}`} csrf={csrf} label={label} kind="secondary" />
  );
  const fileError = errors.find((e) => e.field === 'file');
  return (
    <>
      <h1 class="gk-title">{r.title}</h1>
      <ErrorSummary errors={errors} />
      <p>
        状态：<strong id="record-state">{r.stateLabel}</strong>
        {r.state === 'published' ? (
          <>
            {' '}
            <a href={`/records/${r.id}`}>在门户查看</a>
          </>
        ) : null}
      </p>
      <Summary
        rows={[
          ['索引号', r.indexNumber ?? '发布时生成'],
          ['文号', r.documentNumber],
          ['成文日期', r.writtenDate],
          ['形成（变更）日期', r.dateFormedOrChanged],
          ['发布日期', r.publishedAt ? formatDateTime(r.publishedAt) : ''],
          ['主题分类', r.subjectCategory],
          ['体裁分类', r.genre],
          ['有效性', r.validityLabel],
          ['主题词', r.keywords],
          ['内容概述', r.summary],
        ]}
      />
      <section class="gk-section">
        <h2 class="gk-section__title">办理</h2>
        {may('submit') ? act('submit', '送保密审查') : null}
        {may('review') ? (
          <form class="gk-form gk-filters" method="post" action={`/admin/records/${r.id}/review`} novalidate>
            <CsrfField token={csrf} />
            <SelectField
              name="result"
              label="审核结论"
              value="passed"
              errors={errors}
              options={[
                { value: 'passed', label: '通过（不涉及国家秘密等不予公开内容）' },
                { value: 'returned', label: '退回修改' },
              ]}
            />
            <TextField name="note" label="审核意见" value="" errors={errors} />
            <button class="gk-button gk-button--secondary" type="submit">
              提交审核结论
            </button>
          </form>
        ) : null}
        {may('approve') ? act('approve', '批准发布') : null}
        {may('publish') ? act('publish', '立即发布') : null}
        {may('unschedule') ? (
          <p id="record-scheduled">
            定于 {formatDateTime(r.scheduledAt!)} 自动发布。{act('unschedule', '取消定时发布')}
          </p>
        ) : null}
        {may('schedule') ? (
          <form
            class="gk-form gk-filters"
            method="post"
            action={`/admin/records/${r.id}/schedule`}
            novalidate
          >
            <CsrfField token={csrf} />
            <TextField
              name="at"
              label="定时发布（北京时间）"
              type="datetime-local"
              value={r.scheduledAt ? formatDateTime(r.scheduledAt).replace(' ', 'T') : ''}
              errors={errors}
            />
            <button class="gk-button gk-button--secondary" type="submit">
              {r.scheduledAt ? '修改定时' : '定时发布'}
            </button>
          </form>
        ) : null}
        {may('changeValidity') ? (
          <form
            class="gk-form gk-filters"
            method="post"
            action={`/admin/records/${r.id}/validity`}
            novalidate
          >
            <CsrfField token={csrf} />
            <SelectField
              name="validity"
              label="有效性"
              value={r.validity === 'inForce' ? 'repealed' : 'inForce'}
              errors={errors}
              options={validityOptions}
            />
            <TextField name="date" label="失效或废止日期" type="date" value={p.today} errors={errors} />
            <TextField name="note" label="说明（如废止它的文件）" value="" errors={errors} />
            <button class="gk-button gk-button--secondary" type="submit">
              修改有效性
            </button>
          </form>
        ) : null}
        {may('withdraw') ? (
          <form
            class="gk-form gk-filters"
            method="post"
            action={`/admin/records/${r.id}/withdraw`}
            novalidate
          >
            <CsrfField token={csrf} />
            <TextField name="reason" label="撤回理由" value="" errors={errors} />
            <button class="gk-button gk-button--danger" type="submit">
              撤回
            </button>
          </form>
        ) : null}
      </section>
      {p.links?.length ? (
        <section class="gk-section" id="links">
          <h2 class="gk-section__title">相关服务</h2>
          <ul class="gk-link-list">
            {p.links.map((l) => (
              <li>
                <a href={l.href}>{l.label}</a>
                {l.note ? <span class="gk-muted">（{l.note}）</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="gk-section" id="attachments">
        <h2 class="gk-section__title">附件</h2>
        {p.attachments.length ? (
          <Table head={['文件', '大小', '可检索文字', '']}>
            {p.attachments.map((f) => (
              <tr>
                <td>
                  <a href={`/attachments/${f.id}`}>{f.fileName}</a>
                </td>
                <td>{f.size}</td>
                <td>{f.textLength !== null ? `${f.textLength} 字` : '无'}</td>
                <td>
                  {may('attach') ? (
                    <PostButton
                      action={`/admin/records/${r.id}/attachments/${f.id}/remove`}
                      csrf={csrf}
                      label="删除"
                      kind="secondary"
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <p>没有附件。</p>
        )}
        {may('attach') ? (
          <form
            class="gk-form gk-filters"
            method="post"
            action={`/admin/records/${r.id}/attachments`}
            enctype="multipart/form-data"
            novalidate
          >
            <CsrfField token={csrf} />
            <div class={`gk-field${fileError ? ' gk-field--error' : ''}`}>
              <label class="gk-label" for="f-file">
                上传附件
              </label>
              <p class="gk-hint">
                PDF、DOCX、XLSX 不超过 20 MB，PNG、JPG 图片不超过 5 MB；附件随正文一并保密审查
              </p>
              {fileError ? <p class="gk-error-message">{fileError.message}</p> : null}
              <input
                class="gk-input"
                id="f-file"
                type="file"
                name="file"
                accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
              />
            </div>
            <button class="gk-button gk-button--secondary" type="submit">
              上传
            </button>
          </form>
        ) : null}
      </section>
      <section class="gk-section">
        <h2 class="gk-section__title">办理记录</h2>
        <Table head={['时间', '环节', '办理人', '意见']}>
          {p.history.map((e) => (
            <tr>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.step}</td>
              <td>{e.actor}</td>
              <td>{e.note ?? ''}</td>
            </tr>
          ))}
        </Table>
      </section>
      <section class="gk-section">
        <h2 class="gk-section__title">正文</h2>
        <div class="gk-record-body" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
      </section>
    </>
  );
}
