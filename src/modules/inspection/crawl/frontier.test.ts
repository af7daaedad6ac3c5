import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CrawledUrl } from '../inspection.js';
import { MemoryFrontier, type FrontierEntry } from './frontier.js';

const entry = (url: string, depth: number, kind: FrontierEntry['kind'] = 'page'): FrontierEntry => ({
  url: `http://site.test${url}`,
  kind,
  depth,
  foundOn: depth === 0 ? null : 'http://site.test/',
  anchorText: depth === 0 ? null : url,
});

const result = (e: FrontierEntry, status = 200): CrawledUrl => ({
  ...e,
  status,
  error: null,
  fetchedAt: '2026-01-05T02:00:00.000Z',
  facts: null,
});

describe('MemoryFrontier', () => {
  it('hands out pending entries breadth first, in the order they were seeded', async () => {
    const f = new MemoryFrontier();
    await f.seed([entry('/deep', 2), entry('/a', 1), entry('/', 0), entry('/b', 1)]);
    assert.deepEqual(
      (await f.pending(10)).map((e) => e.url.slice(16)),
      ['/', '/a', '/b', '/deep'],
    );
    assert.deepEqual(
      (await f.pending(2)).map((e) => e.url.slice(16)),
      ['/', '/a'],
    );
  });

  it('keeps the first finding of an address and never hands out one that is done', async () => {
    const f = new MemoryFrontier();
    const home = entry('/', 0);
    await f.seed([home, entry('/a', 1)]);
    await f.seed([{ ...entry('/a', 3, 'link'), anchorText: '后来的链接' }]);
    assert.deepEqual(await f.pending(10), [home, entry('/a', 1)]);
    await f.done(result(home));
    await f.seed([home]);
    assert.deepEqual(
      (await f.pending(10)).map((e) => e.url),
      ['http://site.test/a'],
    );
    assert.deepEqual(await f.count(), { pending: 1, done: 1, pages: 2 });
  });

  it('returns results in the order they were finished, as copies', async () => {
    const f = new MemoryFrontier();
    const [a, b, c] = [entry('/a', 1), entry('/b', 1, 'link'), entry('/c', 1, 'attachment')];
    await f.seed([a!, b!, c!]);
    await f.done(result(c!));
    await f.done(result(a!, 404));
    await f.done(result(b!));
    const all = await f.all();
    assert.deepEqual(
      all.map((r) => [r.url.slice(16), r.status]),
      [
        ['/c', 200],
        ['/a', 404],
        ['/b', 200],
      ],
    );
    all[0]!.status = 500;
    assert.equal((await f.all())[0]!.status, 200);
    assert.deepEqual(await f.count(), { pending: 0, done: 3, pages: 1 });
  });
});
