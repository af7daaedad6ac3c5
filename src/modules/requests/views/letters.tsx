import type { LetterView } from '../request.presenter.js';

/**
 * Letters as sent: each with its Word download and, folded, its full text as the Word document
 * lays it out — title, paragraphs, 落款 (the agency) and 成文日期.
 */
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
          {l.issuedOnText} {l.title} <a href={docx(l)}>下载 Word 文档</a>
          <details>
            <summary>查看全文</summary>
            <div class="gk-letter">
              <h3 class="gk-letter__title">{l.title}</h3>
              {l.paragraphs.map((p, i) => (
                <p class={i === 0 && p.endsWith('：') ? 'gk-letter__to' : 'gk-letter__para'}>{p}</p>
              ))}
              <p class="gk-letter__sign">{l.signature}</p>
              <p class="gk-letter__sign">{l.issuedOnText}</p>
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
