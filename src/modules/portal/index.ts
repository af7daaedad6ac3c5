// The portal lends nothing to other modules; what it contributes to the platform is in module.ts.
export {};
