import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import type { Frontier, FrontierCount, FrontierEntry } from './crawl/frontier.js';
import type { CrawledUrl } from './inspection.js';
import * as repo from './inspection.repository.js';

/**
 * The crawl frontier of one run in the database (inspection_url): what the run has finished and
 * what it still has to do survive a restart of the worker, so the job's next attempt resumes
 * where the last one stopped and never fetches a finished address again (crawl/frontier.ts).
 * Each call is its own statement, committed at once: a crash loses at most the fetches in flight.
 */
export class DatabaseFrontier implements Frontier {
  private seq: number | null = null;
  private doneSeq = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly runId: string,
    private readonly agencyId: string,
  ) {}

  private async counters(): Promise<void> {
    if (this.seq !== null) return;
    const max = await repo.frontierMax(this.ctx.db, this.runId);
    this.seq = max.seq;
    this.doneSeq = max.doneSeq;
  }

  async seed(entries: readonly FrontierEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.counters();
    await repo.frontierInsert(
      this.ctx.db,
      entries.map((e) => ({
        id: newId(),
        agency_id: this.agencyId,
        run_id: this.runId,
        url: e.url,
        state: 'pending',
        kind: e.kind,
        depth: e.depth,
        seq: ++this.seq!,
        done_seq: null,
        data: JSON.stringify(e),
      })),
    );
  }

  async pending(limit: number): Promise<FrontierEntry[]> {
    const rows = await repo.frontierPending(this.ctx.db, this.runId, limit);
    return rows.map((r) => JSON.parse(r.data) as FrontierEntry);
  }

  async done(result: CrawledUrl): Promise<void> {
    await this.counters();
    await repo.frontierFinish(this.ctx.db, {
      id: newId(),
      agency_id: this.agencyId,
      run_id: this.runId,
      url: result.url,
      state: 'done',
      kind: result.kind,
      depth: result.depth,
      seq: ++this.seq!,
      done_seq: ++this.doneSeq,
      data: JSON.stringify(result),
    });
  }

  async all(): Promise<CrawledUrl[]> {
    const rows = await repo.frontierDoneRows(this.ctx.db, this.runId);
    return rows.map((r) => JSON.parse(r.data) as CrawledUrl);
  }

  async count(): Promise<FrontierCount> {
    const rows = await repo.frontierCounts(this.ctx.db, this.runId);
    const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((n, r) => n + r.n, 0);
    return {
      pending: sum((r) => r.state === 'pending'),
      done: sum((r) => r.state === 'done'),
      pages: sum((r) => r.kind === 'page'),
    };
  }
}
