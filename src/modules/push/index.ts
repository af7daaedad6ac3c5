// The push module's public surface. What it contributes to the platform is in module.ts.
export * from './push.js';
export { computeScale, SCALE_TABLE, type ScaleResult } from './enterprise-scale.js';
export { industryByCode, industryLabel, searchIndustries } from './industry.js';
export { describeRule, type AudienceRule } from './audience-rule.js';
export * as pushSubscribers from './subscriber.service.js';
export * as pushRules from './rule.service.js';
export * as pushViews from './subscriber-views.service.js';
export { follow } from './subscriber-views.service.js';
export { figures as pushFigures } from './push-stats.service.js';
