export * from './forbidden-addresses.js';
export * from './webhook-url.js';
export * from './guarded-lookup.js';
export * from './outbound-post.js';
