// The inspection module's public surface: what other modules (the demo) may use.
export { createSite, listSites, type InspectedSite } from './inspection-sites.service.js';
export { startRun, recordProbes } from './inspection-runs.service.js';
