import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { deepHtml, docxBomb, docxOf, zipOfManyEntries } from '../../../test/harness/bombs.js';
import {
  checkDocx,
  checkNesting,
  checkZip,
  closeReaders,
  FileRefused,
  readerLimits,
  ReaderFailed,
  sandboxed,
} from './index.js';

const tasks = new URL('../../../test/fixtures/sandbox/tasks.ts', import.meta.url);
const limits = { ...readerLimits({}), timeoutSeconds: 10, memoryMb: 96 };

after(closeReaders);

describe('reader threads', () => {
  it('return what the task returns, bytes included', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    assert.deepEqual(await sandboxed(tasks, 'echo', [{ a: '甲', bytes }], limits), { a: '甲', bytes });
  });

  it('stop a task over the time limit, say so in Chinese, and go on with the next', async () => {
    const t0 = Date.now();
    await assert.rejects(sandboxed(tasks, 'spin', [60_000], { ...limits, timeoutSeconds: 1 }), (e: Error) => {
      assert.ok(e instanceof FileRefused);
      assert.match(e.message, /超过 1 秒的时限/);
      return true;
    });
    assert.ok(Date.now() - t0 < 10_000);
    assert.equal(await sandboxed(tasks, 'echo', ['next'], limits), 'next');
  });

  it('stop a task over the memory limit without harm to this process', async () => {
    await assert.rejects(sandboxed(tasks, 'hog', [], limits), (e: Error) => {
      assert.ok(e instanceof FileRefused, String(e));
      assert.match(e.message, /内存超过 96 MB/);
      return true;
    });
    assert.equal(await sandboxed(tasks, 'echo', [1], limits), 1);
  });

  it('keep a refusal’s message; hide any other error’s', async () => {
    await assert.rejects(sandboxed(tasks, 'refuse', ['文件已损坏'], limits), (e: Error) => {
      assert.ok(e instanceof FileRefused);
      assert.equal(e.message, '文件已损坏');
      return true;
    });
    await assert.rejects(sandboxed(tasks, 'fail', [], limits), ReaderFailed);
    await assert.rejects(sandboxed(tasks, 'recurse', [10_000_000], limits), ReaderFailed);
  });

  it('run no more tasks at once than READER_WORKERS; the rest wait their turn', async () => {
    const one = { ...limits, workers: 1 };
    const t0 = Date.now();
    await Promise.all([300, 300, 300].map((ms) => sandboxed(tasks, 'spin', [ms], one)));
    assert.ok(Date.now() - t0 >= 900, 'three 300 ms tasks on one thread take at least 900 ms');
    // Queueing, not the time limit, is what this checks: a generous limit, so that a worker
    // started while the machine is busy (test files run side by side) is not cut short.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sandboxed(tasks, 'echo', [i], { ...limits, timeoutSeconds: 60 })),
    );
    assert.deepEqual(
      results,
      Array.from({ length: 20 }, (_, i) => i),
    );
  });
});

describe('ZIP limits', () => {
  it('refuse the issue’s bomb (a DOCX inflating to 200 MB) by its inflated size', async () => {
    const bomb = await docxBomb(200);
    assert.ok(bomb.length < 1024 * 1024, `the bomb is small: ${bomb.length} bytes`);
    await assert.rejects(
      checkZip(bomb, { maxUnzippedMb: 100, maxZipEntries: 2000 }),
      /文件解压后超过 100 MB/,
    );
  });

  it('refuse a bomb whose headers claim small sizes, by what it inflates to', async () => {
    const bomb = await docxBomb(120);
    // Every entry's declared size set to 100 bytes, in the central directory and the local headers.
    for (let i = bomb.indexOf('PK\u0001\u0002'); i >= 0; i = bomb.indexOf('PK\u0001\u0002', i + 4)) {
      bomb.writeUInt32LE(100, i + 24);
      bomb.writeUInt32LE(100, bomb.readUInt32LE(i + 42) + 22);
    }
    await assert.rejects(
      checkZip(bomb, { maxUnzippedMb: 100, maxZipEntries: 2000 }),
      /文件解压后超过 100 MB/,
    );
  });

  it('refuse a document of 100,000 tiny paragraphs before mammoth sees it', async () => {
    await assert.rejects(
      checkDocx(await docxBomb(5), { maxUnzippedMb: 100, maxZipEntries: 2000 }),
      /文档超过 5 万段/,
    );
    const report = await docxOf(
      `<w:p><w:pPr/><w:r><w:t>${'一'.repeat(200)}</w:t></w:r></w:p>`,
      2 * 1024 * 1024,
    );
    await checkDocx(report, { maxUnzippedMb: 100, maxZipEntries: 2000 });
  });

  it('refuse too many entries, and damage, each with its own message', async () => {
    await assert.rejects(
      checkZip(zipOfManyEntries(3000), { maxUnzippedMb: 100, maxZipEntries: 2000 }),
      /3001 个部件/,
    );
    const ok = await docxOf('<w:p><w:r><w:t>一</w:t></w:r></w:p>', 10_000);
    await checkZip(ok, { maxUnzippedMb: 1, maxZipEntries: 10 });
    await assert.rejects(
      checkZip(ok.subarray(0, ok.length - 30), { maxUnzippedMb: 1, maxZipEntries: 10 }),
      /已损坏/,
    );
    await assert.rejects(checkZip(new Uint8Array(100), { maxUnzippedMb: 1, maxZipEntries: 10 }), /已损坏/);
  });
});

describe('HTML nesting', () => {
  it('refuses the issue’s page (100,000 elements deep) at once', () => {
    const t0 = Date.now();
    assert.throws(() => checkNesting(deepHtml(100_000).toString(), 400), /网页嵌套过深（超过 400 层）/);
    assert.ok(Date.now() - t0 < 2000);
  });

  it('counts unclosed <p>, <li>, <td> and <tr> as browsers do, not as nesting', () => {
    const sloppy = `<html><body>${'<p>段落'.repeat(5000)}<ul>${'<li>项'.repeat(5000)}</ul><table>${'<tr><td>1<td>2'.repeat(3000)}</table><script>${'<div>'.repeat(1000)}</script><img><br></body></html>`;
    checkNesting(sloppy, 50);
  });

  it('accepts any page within the limit and refuses any deeper one', () => {
    const tags = fc.constantFrom('div', 'span', 'table', 'td', 'section', 'b', 'font');
    fc.assert(
      fc.property(
        fc.array(tags, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 120 }),
        (path, max) => {
          const html = `${path.map((t) => `<${t} class="x">`).join('')}文${[...path]
            .reverse()
            .map((t) => `</${t}>`)
            .join('')}`;
          // A <td> directly inside a <td> closes it, as in browsers; the rest nest.
          let depth = 0;
          const open: string[] = [];
          for (const t of path) {
            if (t === 'td' && open.at(-1) === 'td') open.pop();
            open.push(t);
            depth = Math.max(depth, open.length);
          }
          if (depth > max) assert.throws(() => checkNesting(html, max), /网页嵌套过深/);
          else checkNesting(html, max);
        },
      ),
    );
  });
});
