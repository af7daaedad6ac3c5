import { expand, tablesOf, type LayoutPart, type LayoutTable } from './layout.js';
import {
  formatOf,
  narrativeOf,
  openingParagraph,
  sectionHeadings,
  titleOf,
  type RenderInput,
} from './render-input.js';

/**
 * The report as Markdown with pipe tables (GFM). Pipe tables cannot merge cells, so multi-level
 * column headings are flattened into one heading row with the levels joined by "·"
 * (申请人情况·法人或其他组织·商业企业), and a label merged down several rows is printed in its
 * first row only, as converted reports print it. The project's reader reads it back.
 */

/** Escapes text for a paragraph: Markdown syntax characters, and a line start that would be a block. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|~])/g, '\\$1')
    .replace(/^(\s*)([#>+-]|\d+[.)])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)(=+|-+)\s*$/, '$1\\$2');
}

const cellText = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s+/g, ' ');

const pipeRow = (cells: string[]) => `| ${cells.map(cellText).join(' | ')} |`;

/** A part of a table as a pipe table: flattened heading row, then one line per grid row. */
function partMarkdown(part: LayoutPart, columns: number): string[] {
  const grid = expand(part.rows, columns);
  // Columns that only continue a span in every row (the unused width of a short sub-table of
  // section 二) are left out.
  const kept = Array.from({ length: columns }, (_, c) => c).filter((c) => grid.some((row) => row[c]!.origin));
  const headGrid = grid.slice(0, part.headRows);
  const bodyGrid = grid.slice(part.headRows);
  let previous = '';
  const heading = kept.map((c) => {
    const levels: string[] = [];
    for (const row of headGrid) {
      const t = row[c]!.cell.text;
      if (levels[levels.length - 1] !== t) levels.push(t);
    }
    const label = levels.join('·');
    // A heading block merged across several columns (the 勾稽 note) is printed once.
    const out = label === previous ? '' : label;
    previous = label;
    return out;
  });
  const lines = [pipeRow(heading), `|${kept.map(() => ' --- ').join('|')}|`];
  for (const row of bodyGrid) lines.push(pipeRow(kept.map((c) => (row[c]!.origin ? row[c]!.cell.text : ''))));
  return lines;
}

export function tableMarkdown(t: LayoutTable): string {
  const blocks: string[] = [];
  for (const part of t.parts) {
    const lines: string[] = [];
    if (part.caption) lines.push(`**${part.caption}**`, '');
    lines.push(...partMarkdown(part, t.columns));
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}

const paragraphs = (list: string[]) => list.map(escapeMarkdown).join('\n\n');

export function renderMarkdown(input: RenderInput): string {
  formatOf(input);
  const tables = tablesOf(input.data);
  const h = sectionHeadings;
  return [
    `# ${escapeMarkdown(titleOf(input))}`,
    escapeMarkdown(openingParagraph(input)),
    `## ${h.一}`,
    paragraphs(narrativeOf(input, '一')),
    `## ${h.二}`,
    tableMarkdown(tables.proactive),
    `## ${h.三}`,
    tableMarkdown(tables.requests),
    `## ${h.四}`,
    tableMarkdown(tables.appeals),
    `## ${h.五}`,
    paragraphs(narrativeOf(input, '五')),
    `## ${h.六}`,
    paragraphs(narrativeOf(input, '六')),
    '',
  ].join('\n\n');
}
