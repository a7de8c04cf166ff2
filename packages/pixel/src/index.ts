export * from './codec.js';
export * from './pixel-frame.js';
