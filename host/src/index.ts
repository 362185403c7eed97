export { startSystem, type RunningSystem } from './system.js';
export { startBackground, reactorsEnabled, reactorsSettings, type BackgroundDeps, type RunningBackground } from './background.js';
export { startBackgroundService, type RunningBackgroundService } from './background-service.js';
