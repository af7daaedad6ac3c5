import { defineSettings, integerBetween } from '../config/settings.js';

/**
 * The public page cache (http/page-cache.ts, ADR 0013): how many pages one process keeps, how long
 * browsers and proxies may reuse a page without asking, and how often a process looks at the
 * version stamp other processes change.
 */
export const pageCacheSettings = defineSettings({
  entries: {
    env: 'GONGKAI_PAGE_CACHE_ENTRIES',
    doc: 'Public pages one server process keeps rendered in memory (0: no page cache; ETag and 304 still work).',
    default: '5000',
    parse: integerBetween(0, 1_000_000),
  },
  megabytes: {
    env: 'GONGKAI_PAGE_CACHE_MB',
    doc: 'Memory those pages may take in one process, in MB (the least recently used go first).',
    default: '64',
    parse: integerBetween(1, 4096),
  },
  maxAgeSeconds: {
    env: 'GONGKAI_PAGE_MAX_AGE',
    doc: 'Seconds a browser or a reverse proxy may reuse a public page without asking (Cache-Control max-age); 0: they ask every time and get 304 while it is unchanged. A withdrawn record stays visible that long in their copies.',
    default: '0',
    parse: integerBetween(0, 3600),
  },
  ttlSeconds: {
    env: 'GONGKAI_PAGE_CACHE_TTL',
    doc: 'Seconds a rendered page is kept at most, for what changes with time alone (a scheduled date passing), not by a write.',
    default: '300',
    parse: integerBetween(1, 86_400),
  },
  versionCheckMs: {
    env: 'GONGKAI_PAGE_VERSION_CHECK_MS',
    doc: 'Milliseconds between two reads of the pages’ version stamp in the database: how long another process’s publication may take to reach this one’s cache.',
    default: '1000',
    parse: integerBetween(0, 60_000),
  },
});
