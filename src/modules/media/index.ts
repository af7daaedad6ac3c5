// The media module's public surface (政务新媒体 matrix, issue 16). What it contributes to the
// platform is in module.ts.
export * from './media.js';
export * as media from './media.service.js';
export * as mediaActivity from './media-activity.service.js';
export * as mediaFigures from './media-figures.service.js';
