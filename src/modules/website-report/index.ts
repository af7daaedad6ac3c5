// The website-report module's public surface: what other modules (the demo) may use. What it
// contributes to the platform is in module.ts.
export * as websiteReports from './website-report.service.js';
