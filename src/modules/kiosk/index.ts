// The kiosk module's public surface. What it contributes to the platform is in module.ts.
export * from './kiosk.js';
export * as kiosk from './kiosk.service.js';
export { contentVersion, kioskJson, updatedLabel, type KioskJson } from './kiosk.presenter.js';
