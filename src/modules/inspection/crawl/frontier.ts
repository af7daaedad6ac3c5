import type { CrawledUrl } from '../inspection.js';

/**
 * The crawl frontier: every address one run met, pending or done. The crawler keeps nothing of
 * importance in memory — what it has finished, and what it still has to do, is in the store —
 * so a run cut short (the job's time limit, a restart of the worker) is resumed by calling
 * `crawlSite` again over the same store: addresses already done are never fetched again.
 *
 * One row per address and run, unique (run, url), in one of two states:
 *
 * - `pending`: seeded with what the crawler decided when it met the address (fetch it as a page,
 *   or only check it as a link or an attachment), its depth and where it was first found;
 * - `done`: the `CrawledUrl` the crawler recorded (the facts of a page included).
 *
 * The crawler runs one process per run (the job kit claims a job once), so there is no `claimed`
 * state: an address being fetched stays `pending` until `done`, and one whose fetch was cut short
 * is simply fetched again by the next attempt.
 *
 * A database store needs only these queries (run = the crawl run's id):
 *
 * - `seed`: `insert … on conflict (run, url) do nothing`, one row per entry, with a sequence
 *   number (or insertion id) that keeps the order entries were seeded in;
 * - `pending(limit)`: `select … where run = ? and state = 'pending' order by depth, seq limit ?`;
 * - `done(result)`: `update … set state = 'done', result = ? where run = ? and url = ?` (an upsert
 *   when the row is missing is fine as well);
 * - `all()`: `select result … where run = ? and state = 'done' order by seq`;
 * - `count()`: `select state, kind, count(*) … where run = ? group by state, kind`.
 */
export interface Frontier {
  /**
   * Adds addresses as pending. An address already known (pending or done) is left as it is: the
   * first finding (its kind, depth, page and anchor text) wins.
   */
  seed(entries: readonly FrontierEntry[]): Promise<void>;
  /** Up to `limit` pending entries, breadth first: by depth, then in the order they were seeded. */
  pending(limit: number): Promise<FrontierEntry[]>;
  /** Records a finished address: its entry becomes done with this result (same `url`). */
  done(result: CrawledUrl): Promise<void>;
  /** Every finished address's result, in the order they were finished. */
  all(): Promise<CrawledUrl[]>;
  /** How many entries are pending and done, and how many of all of them are pages (`kind: 'page'`). */
  count(): Promise<FrontierCount>;
}

/** An address the crawler met and what it means to do with it. */
export interface FrontierEntry {
  /** Absolute URL without the fragment: the key of the entry within its run. */
  url: string;
  /** `page`: fetch and read it; `link`: check its status only; `attachment`: fetch it and search its text. */
  kind: CrawledUrl['kind'];
  /** Depth from the home page (0). */
  depth: number;
  /** The page the address was first found on, and the link's anchor text there; null for the home page. */
  foundOn: string | null;
  anchorText: string | null;
}

export interface FrontierCount {
  pending: number;
  done: number;
  /** Entries of kind `page`, pending or done: the pages the run has spent of its page limit. */
  pages: number;
}

/** A frontier in memory: for the command line (one run, no restart) and for tests. */
export class MemoryFrontier implements Frontier {
  private readonly entries = new Map<string, FrontierEntry>();
  private readonly results = new Map<string, CrawledUrl>();
  /** Pending URLs per depth, in seeding order; done ones are skipped when read. */
  private readonly byDepth = new Map<number, string[]>();

  async seed(entries: readonly FrontierEntry[]): Promise<void> {
    for (const e of entries) {
      if (this.entries.has(e.url)) continue;
      this.entries.set(e.url, { ...e });
      const queue = this.byDepth.get(e.depth) ?? [];
      queue.push(e.url);
      this.byDepth.set(e.depth, queue);
    }
  }

  async pending(limit: number): Promise<FrontierEntry[]> {
    const out: FrontierEntry[] = [];
    for (const depth of [...this.byDepth.keys()].sort((a, b) => a - b)) {
      const queue = this.byDepth.get(depth)!;
      // Drop the done entries at the head once, so reading stays cheap on a long run.
      while (queue.length && this.results.has(queue[0]!)) queue.shift();
      for (const url of queue) {
        if (out.length >= limit) return out;
        if (!this.results.has(url)) out.push({ ...this.entries.get(url)! });
      }
    }
    return out;
  }

  async done(result: CrawledUrl): Promise<void> {
    if (!this.entries.has(result.url))
      this.entries.set(result.url, {
        url: result.url,
        kind: result.kind,
        depth: result.depth,
        foundOn: result.foundOn,
        anchorText: result.anchorText,
      });
    this.results.delete(result.url);
    this.results.set(result.url, structuredClone(result));
  }

  async all(): Promise<CrawledUrl[]> {
    return [...this.results.values()].map((r) => structuredClone(r));
  }

  async count(): Promise<FrontierCount> {
    let pages = 0;
    for (const e of this.entries.values()) if (e.kind === 'page') pages++;
    return { pending: this.entries.size - this.results.size, done: this.results.size, pages };
  }
}
