import type { Clock } from '../domain/ports.js';

/** The real clock: `new Date().toISOString()`. */
export const systemClock: Clock = { now: () => new Date().toISOString() };
