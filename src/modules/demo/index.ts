export * as demo from './demo.service.js';
export { DEMO_PASSWORD, demoUsers } from './demo.service.js';
export { renderSitePage, type DemoSiteSpec, type DemoColumn } from './demo-sites.js';
