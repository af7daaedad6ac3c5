import type { LetterView } from '../request.presenter.js';

/** Letters as sent: each with its Word download and, folded, its full text. */
export function LetterList({
  id,
  letters,
  docx,
}: {
  id?: string;
  letters: LetterView[];
  docx: (l: LetterView) => string;
}) {
  return (
    <ul id={id}>
      {letters.map((l) => (
        <li>
          {l.issuedOn} {l.title} <a href={docx(l)}>下载 Word 文档</a>
          <details>
            <summary>查看全文</summary>
            <div class="gk-letter">
              <h3>{l.title}</h3>
              <p>{l.body}</p>
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
