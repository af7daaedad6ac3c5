// The supervision module's public surface (issue 18). What it contributes to the platform is in module.ts.
export * from './supervision.js';
export * as supervision from './supervision.service.js';
