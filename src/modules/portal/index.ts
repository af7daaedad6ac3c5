export { registerPortalRoutes } from './portal.routes.js';
