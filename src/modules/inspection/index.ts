// The inspection module's public surface: what other modules (the demo) may use.
export { createSite, listSites, type InspectedSite } from './inspection-sites.service.js';
export { startRun, recordProbes } from './inspection-runs.service.js';
export { listPage as siteListPage } from './inspection-report.service.js';
export { vetoLabels } from './inspection.js';
