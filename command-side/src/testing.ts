/** What specs outside the command side need to act as a signer's device or the identification component. */
export { processIdOfInviteToken, createInviteToken } from './auth/invite-token.js';
export { signCallback } from './identification/callback-signature.js';
export { uuidFromKey } from './signing/manager-routes.js';
