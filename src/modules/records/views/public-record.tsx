import { formatDateTime } from '../../../platform/clock.js';
import type { RecordLinks } from '../record-public.service.js';
import type { AttachmentLine, PublicRecord as PublicRecordView } from '../record.presenter.js';

/** The portal's page of a record, with the metadata block of legal.md §7. */
export function PublicRecord({
  r,
  files,
  links,
}: {
  r: PublicRecordView;
  files: AttachmentLine[];
  links: RecordLinks;
}) {
  return (
    <article class="gk-record">
      <table class="gk-record-meta">
        <tbody>
          <tr>
            <th>索引号</th>
            <td>{r.indexNumber}</td>
            <th>主题分类</th>
            <td>{r.subjectCategory ?? ''}</td>
          </tr>
          <tr>
            <th>发布机构</th>
            <td>{r.agencyName}</td>
            <th>成文日期</th>
            <td>{r.writtenDate ?? ''}</td>
          </tr>
          <tr>
            <th>文号</th>
            <td>{r.documentNumber ?? ''}</td>
            <th>发布日期</th>
            <td>{formatDateTime(r.publishedAt)}</td>
          </tr>
          <tr>
            <th>标题</th>
            <td colspan={3}>{r.title}</td>
          </tr>
          <tr>
            <th>有效性</th>
            <td id="validity">
              {r.validityLabel}
              {r.validityDate}
            </td>
            <th>主题词</th>
            <td>{r.keywords ?? ''}</td>
          </tr>
        </tbody>
      </table>
      <h1 class="gk-title">{r.title}</h1>
      {links.repealedBy.length || links.amendedBy.length ? (
        <p class="gk-record-link" id="changed-by">
          {links.repealedBy.map((l) => (
            <>
              本文件已被<a href={`/records/${l.id}`}>{l.title}</a>废止。
            </>
          ))}
          {links.amendedBy.map((l) => (
            <>
              本文件已被<a href={`/records/${l.id}`}>{l.title}</a>修改。
            </>
          ))}
        </p>
      ) : null}
      {links.repeals || links.amends ? (
        <p class="gk-record-link">
          {links.repeals ? (
            <>
              废止的文件：<a href={`/records/${links.repeals.id}`}>{links.repeals.title}</a>
            </>
          ) : null}
          {links.amends ? (
            <>
              修改的文件：<a href={`/records/${links.amends.id}`}>{links.amends.title}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {links.interprets ? (
        <p class="gk-record-link">
          解读的文件：<a href={`/records/${links.interprets.id}`}>{links.interprets.title}</a>
        </p>
      ) : null}
      <div class="gk-record-body" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
      {files.length ? (
        <section class="gk-record-files">
          <h2>附件</h2>
          <ol>
            {files.map((f) => (
              <li>
                <a href={`/attachments/${f.id}`}>{f.fileName}</a>（{f.size}）
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {links.interpretations.length ? (
        <section class="gk-record-files" id="interpretations">
          <h2>政策解读</h2>
          <ul>
            {links.interpretations.map((i) => (
              <li>
                <a href={`/records/${i.id}`}>{i.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
