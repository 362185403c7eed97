import { runService } from '@e-contract/command-side/dist/run-service.js';
import { startSystem } from './system.js';

/** `npm start`: the whole system on one port, embedded defaults unless configured otherwise. */
runService('E-contract', (config, logger) => startSystem(config, logger));
