import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sibling, withThreads } from '../../platform/sandbox/index.js';
import { generator } from '../../../test/harness/search-corpus.js';
import { toRow, toRows } from './search.rows.js';

// A large rebuild cuts words in threads (search.index.ts): the rows must be those cut in process.
it('cuts the same rows in threads as in the process, in order', async () => {
  const make = generator(3);
  const docs = Array.from({ length: 600 }, (_, i) => make(i));
  docs.push({ ...make(600), title: '𠀀𪚥 Ａ１ 关于〔2020〕的通知', body: '' });
  const threaded = await withThreads(2, (threads) =>
    Promise.all(
      [0, 200, 400, 600].map((at) =>
        threads.run<ReturnType<typeof toRows>>(sibling(import.meta.url, './search.rows'), 'toRows', [
          docs.slice(at, at + 200),
        ]),
      ),
    ),
  );
  assert.deepEqual(threaded.flat(), docs.map(toRow));
});

it('reports a thread task that fails instead of hanging', async () => {
  await assert.rejects(
    withThreads(1, (threads) => threads.run(sibling(import.meta.url, './search.rows'), 'noSuchExport', [])),
    /noSuchExport/,
  );
});
