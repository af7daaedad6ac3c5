import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPdf, sample2022, type RenderInput } from '../annual-report/index.js';
import { attachmentText } from './record-attachment.text.js';

/** A PDF attachment's text for search comes from pdf.js, with no system package (issue 11, item 6). */
describe('the text of a PDF attachment', () => {
  it('is read with the built-in reader, and a PDF without text gives none', async () => {
    const input: RenderInput = sample2022();
    const text = await attachmentText('pdf', await renderPdf(input));
    assert.ok(text?.includes('三、收到和处理政府信息公开申请情况'), text ?? 'no text');
    assert.ok(text!.includes('行政规范性文件'));
    const empty = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    assert.equal(await attachmentText('pdf', empty), null);
  });
});
