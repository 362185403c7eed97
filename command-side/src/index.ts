export { buildCommandSide, commandSideHealth, startServer, type CommandSide, type RunningServer } from './server.js';
export { createApp, createCommandRouter, type AppDeps } from './http/app.js';
export { problemOfError } from './http/domain-problems.js';
export type { SignerReach } from './signing/signing-deps.js';
export { startReactors, type ReactorsDeps, type ReactorsSettings, type RunningReactors } from './reactors/reactors-service.js';
export type { DueProcesses } from './reactors/expiry-reactor.js';
export type { ReactorCheckpoints, ReactorStatus } from './reactors/reactor.js';
export { openApiDocument, openApiPathOf } from './openapi/openapi-document.js';
export { OPERATIONS, type Operation } from './openapi/operations.js';
