/**
 * Politeness per host: at most `maxInFlight` requests at once, and a request starts at least
 * `spacingMs` (the crawl's delay, or robots.txt's Crawl-delay when longer) after the start of the
 * one before it and after the end of every one finished — so the server, which sees a request
 * when it arrives (a new connection arrives later than a reused one), also sees them at least
 * that far apart. Turns are given in the order they were asked for. Real time (performance.now and timers), not the
 * crawl's clock: a frozen test clock must not freeze the crawl.
 */
export class HostGate {
  private inFlight = 0;
  private nextStart = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly waiting: Array<{ grant: (release: () => void) => void }> = [];

  constructor(
    public spacingMs: number,
    public maxInFlight: number,
  ) {}

  /** Waits for a turn; resolves with the release (call it once the request is over). */
  acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: (release: () => void) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.pump();
    });
  }

  /** New limits, from the next turn on. */
  limit(spacingMs: number, maxInFlight: number): void {
    this.spacingMs = spacingMs;
    this.maxInFlight = maxInFlight;
    this.pump();
  }

  private pump(): void {
    while (this.waiting.length && this.inFlight < this.maxInFlight) {
      const now = performance.now();
      if (now < this.nextStart) {
        if (!this.timer)
          this.timer = setTimeout(
            () => {
              this.timer = null;
              this.pump();
            },
            Math.ceil(this.nextStart - now),
          );
        return;
      }
      const waiter = this.waiting.shift()!;
      this.inFlight++;
      this.nextStart = now + this.spacingMs;
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.nextStart = Math.max(this.nextStart, performance.now() + this.spacingMs);
        this.pump();
      });
    }
  }
}

/** One gate per host (`host:port`): the site's with its own limits, every other host's with one request at a time. */
export class HostGates {
  private readonly gates = new Map<string, HostGate>();

  constructor(
    private readonly otherHosts: { spacingMs: number; maxInFlight: number },
    private readonly signal?: AbortSignal,
  ) {}

  /** Sets the limits of one host (the site's); a gate already used keeps its last start. */
  set(host: string, spacingMs: number, maxInFlight: number): void {
    const existing = this.gates.get(host);
    if (existing) existing.limit(spacingMs, maxInFlight);
    else this.gates.set(host, new HostGate(spacingMs, maxInFlight));
  }

  /** For fetchUrl's `gate` option. */
  readonly acquire = (url: URL): Promise<() => void> => {
    let gate = this.gates.get(url.host);
    if (!gate) {
      gate = new HostGate(this.otherHosts.spacingMs, this.otherHosts.maxInFlight);
      this.gates.set(url.host, gate);
    }
    return gate.acquire(this.signal);
  };
}
