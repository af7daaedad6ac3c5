export * as demo from './demo.service.js';
export { DEMO_PASSWORD, demoUsers } from './demo.service.js';
