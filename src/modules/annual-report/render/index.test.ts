import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateReportData } from '../contract/schema.js';
import { render, renderedFileName, renderFormats, type RenderFormat } from './index.js';
import { RenderInputError } from './render-input.js';
import { sample2020, sample2022 } from './samples.js';

/** The single entry point: each format's bytes, media type and extension. */

const expected: Record<
  RenderFormat,
  { mediaType: RegExp; extension: string; magic: (b: Buffer) => boolean }
> = {
  json: {
    mediaType: /^application\/json/,
    extension: 'json',
    magic: (b) => b.toString('utf8').startsWith('{'),
  },
  html: {
    mediaType: /^text\/html; charset=utf-8$/,
    extension: 'html',
    magic: (b) => b.toString('utf8').startsWith('<!DOCTYPE html>'),
  },
  md: {
    mediaType: /^text\/markdown; charset=utf-8$/,
    extension: 'md',
    magic: (b) => b.toString('utf8').startsWith('# '),
  },
  docx: {
    mediaType: /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document$/,
    extension: 'docx',
    magic: (b) => b.subarray(0, 2).toString('latin1') === 'PK',
  },
  xlsx: {
    mediaType: /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet$/,
    extension: 'xlsx',
    magic: (b) => b.subarray(0, 2).toString('latin1') === 'PK',
  },
  pdf: {
    mediaType: /^application\/pdf$/,
    extension: 'pdf',
    magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  },
};

describe('render(input, format)', () => {
  it('covers the six formats', () => {
    assert.deepEqual([...renderFormats].sort(), ['docx', 'html', 'json', 'md', 'pdf', 'xlsx']);
  });

  for (const format of renderFormats) {
    it(`gives ${format} bytes with their media type and extension`, async () => {
      const r = await render(sample2022(), format);
      assert.ok(Buffer.isBuffer(r.bytes) && r.bytes.length > 100);
      assert.match(r.mediaType, expected[format].mediaType);
      assert.equal(r.extension, expected[format].extension);
      assert.ok(expected[format].magic(r.bytes), `${format} content`);
    });
  }

  it('gives JSON that is valid report data with the title and narrative filled in', async () => {
    for (const input of [sample2020(), sample2022()]) {
      const doc = JSON.parse((await render(input, 'json')).bytes.toString('utf8'));
      assert.deepEqual(validateReportData(doc), { ok: true });
      assert.equal(doc.agency, input.agency);
      assert.equal(doc.year, input.year);
      assert.equal(doc.narrative.sections['一'], input.narrative.section1);
      assert.equal(doc.narrative.sections['五'], input.narrative.section5);
      assert.equal(doc.narrative.sections['六'], input.narrative.section6);
      assert.deepEqual(doc.requests, input.data.requests);
      assert.deepEqual(doc.proactive, input.data.proactive);
      assert.deepEqual(doc.appeals, input.data.appeals);
    }
  });

  it('names the download after the title', () => {
    assert.equal(renderedFileName(sample2022(), 'docx'), '丽水市人民政府2022年政府信息公开工作年度报告.docx');
  });

  it('rejects an unknown format and data in the wrong format for the year', async () => {
    await assert.rejects(render(sample2022(), 'txt' as RenderFormat), RangeError);
    const input = sample2020();
    input.year = 2021;
    for (const format of renderFormats) await assert.rejects(render(input, format), RenderInputError, format);
  });
});
