export { buildCommandSide, commandSideHealth, startServer, type CommandSide, type RunningServer } from './server.js';
export { createApp, createCommandRouter, type AppDeps } from './http/app.js';
export { problemOfError } from './http/domain-problems.js';
export type { SignerReach } from './signing/signing-deps.js';
export { startReactors, type ReactorsDeps, type ReactorsSettings, type RunningReactors } from './reactors/reactors-service.js';
export type { DueProcesses } from './reactors/expiry-reactor.js';
export type { RemindableProcesses } from './reactors/reminder-reactor.js';
export type { BacklogListener, ReactorCheckpoints, ReactorStatus } from './reactors/reactor.js';
export {
  BacklogAdmission,
  CreationsPaused,
  loadBacklogAdmissionSettings,
  type BacklogAdmissionSettings,
  type CreateAdmission,
} from './signing/create-admission.js';
export type { SignedCopySource } from './reactors/signed-notice-reactor.js';
export { renderEmbedDemoPage, embedDemoHeaders } from './embedding/embed-demo-page.js';
export { openApiDocument, openApiPathOf } from './openapi/openapi-document.js';
export { OPERATIONS, type Operation } from './openapi/operations.js';
