/**
 * Debian's Chromium, the optional engine of the annual report's PDF (ADR 0010), the site
 * inspector's accessibility checks (ADR 0017) and the browser tests: where it usually is, and the
 * flags it needs in a container without a GPU, a user namespace sandbox or a large /dev/shm, on a
 * machine whose outbound network may be closed (no background requests, updates or sync).
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
