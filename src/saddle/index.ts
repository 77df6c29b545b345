export * from './report.js';
export * from './fixed-point.js';
export * from './newton.js';
export * from './continuation.js';
export * from './transitions.js';
export * from './stability.js';
export * from './boundary.js';
