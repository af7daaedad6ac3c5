// The operations module lends nothing to other modules; what it contributes is in module.ts.
export {};
