import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveDelayMs, MAX_CRAWL_DELAY_MS, MAX_SKIPPED, robotsFrom, robotsUrl } from './robots.js';

const url = 'https://www.site.test/robots.txt';
const home = 'https://www.site.test/';

describe('robots.txt', () => {
  it('is looked for at the root of the home page’s origin', () => {
    assert.equal(
      robotsUrl('https://www.site.test:8443/demo-sites/edu/index.html'),
      'https://www.site.test:8443/robots.txt',
    );
  });

  it('without rules (404, or no answer) lets everything be fetched, and says it was absent', () => {
    for (const status of [404, 503, null]) {
      const r = robotsFrom(url, status, null, home);
      assert.equal(r.decision.decision, 'absent');
      assert.equal(r.decision.status, status);
      assert.equal(r.allows('https://www.site.test/anything'), true);
      assert.equal(r.decision.crawlDelayMs, null);
    }
  });

  it('applies the group for GongkaiInspector when there is one, else the * group', () => {
    const both = robotsFrom(
      url,
      200,
      'User-agent: *\nDisallow: /\n\nUser-agent: GongkaiInspector\nDisallow: /admin/\nCrawl-delay: 2\n',
      home,
    );
    assert.equal(both.decision.decision, 'allowed');
    assert.equal(both.allows('https://www.site.test/news/1.html'), true);
    assert.equal(both.allows('https://www.site.test/admin/login'), false);
    assert.equal(both.decision.crawlDelayMs, 2000);

    const starOnly = robotsFrom(url, 200, 'User-agent: *\nDisallow: /search\n', home);
    assert.equal(starOnly.allows('https://www.site.test/search?q=1'), false);
    assert.equal(starOnly.allows('https://www.site.test/news/'), true);
  });

  it('decides “disallowed” when the home page itself is forbidden, and says nothing of other origins', () => {
    const r = robotsFrom(url, 200, 'User-agent: GongkaiInspector\nDisallow: /\n', home);
    assert.equal(r.decision.decision, 'disallowed');
    assert.equal(r.allows('https://other.test/page'), true);
  });

  it('keeps a few skipped addresses as evidence, each once', () => {
    const r = robotsFrom(url, 200, 'User-agent: *\nDisallow: /x/\n', home);
    for (let i = 0; i < MAX_SKIPPED + 5; i++) r.skip(`https://www.site.test/x/${i % (MAX_SKIPPED + 2)}`);
    assert.equal(r.decision.skipped.length, MAX_SKIPPED);
    assert.equal(new Set(r.decision.skipped).size, MAX_SKIPPED);
  });

  it('waits the longer of our delay and Crawl-delay, up to a cap', () => {
    const d = (crawlDelayMs: number | null) => ({
      url,
      status: 200,
      decision: 'allowed' as const,
      crawlDelayMs,
      skipped: [],
    });
    assert.equal(effectiveDelayMs(500, d(null)), 500);
    assert.equal(effectiveDelayMs(500, d(100)), 500);
    assert.equal(effectiveDelayMs(500, d(2000)), 2000);
    assert.equal(effectiveDelayMs(500, d(3_600_000)), MAX_CRAWL_DELAY_MS);
  });
});
