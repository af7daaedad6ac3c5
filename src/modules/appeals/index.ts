// The appeals module's public surface. What it contributes to the platform is in module.ts.
export * as appeals from './appeal.service.js';
export { appealKindLabels, appealResultLabels } from './appeal.presenter.js';
