import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPersonalData } from '../personal-data.js';
import { attachmentText } from './attachment-text.js';
import { idNumber } from './crawl.test-support.js';

// The reader itself, in this thread (crawler.test.ts reads a .txt and a .docx through the
// reader thread). What a file is comes from its bytes, not its name.

const ole = (...parts: Buffer[]) =>
  new Uint8Array(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), ...parts]));

describe('attachmentText', () => {
  it('reads a text file in UTF-8 or GB18030', async () => {
    const id = idNumber();
    assert.match((await attachmentText('txt', new TextEncoder().encode(`名单 ${id}`)))!, new RegExp(id));
    const gbk = Buffer.concat([Buffer.from([0xc3, 0xfb, 0xb5, 0xa5]), Buffer.from(` ${id}`)]); // 名单
    assert.equal(await attachmentText('txt', new Uint8Array(gbk)), `名单 ${id}`);
  });

  it('reads HTML saved under an Office name without joining its cells', async () => {
    const id = idNumber();
    const html = `<html><body><table><tr><td>1</td><td>${id}</td><td>13800138000</td></tr></table></body></html>`;
    const text = await attachmentText('xls', new TextEncoder().encode(html));
    assert.deepEqual(
      findPersonalData(text!).map((h) => h.kind),
      ['idNumber', 'mobile'],
    );
  });

  it('pulls the text runs out of an old binary Office file (UTF-16 and 8-bit)', async () => {
    const wide = idNumber('110105', '19491231', '002');
    const narrow = idNumber('350582', '19850612', '123');
    const bytes = ole(
      Buffer.alloc(64, 0),
      Buffer.from(`身份证号：${wide}`, 'utf16le'),
      Buffer.from([0, 0, 1, 2]),
      Buffer.from(` ${narrow} `, 'latin1'),
    );
    const hits = findPersonalData((await attachmentText('doc', bytes))!);
    assert.deepEqual(
      hits.map((h) => h.masked).sort(),
      [wide, narrow].map((n) => `${n.slice(0, 6)}********${n.slice(14)}`).sort(),
    );
  });

  it('refuses a damaged document with the reason, for the record', async () => {
    const zipHeader = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    await assert.rejects(attachmentText('docx', zipHeader), { name: 'FileRefused', message: /损坏/ });
  });
});
