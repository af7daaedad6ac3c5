// The portal's public surface: its page models, for the demo's checks that every list is filled.
// What it contributes to the platform is in module.ts.
export * as portalPages from './portal.service.js';
export type { PortalColumnEntry } from './portal.js';
