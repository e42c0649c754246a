/** feeds: partner feeds (特殊行业联网) — partner keys, signed event batches matched by blind index into alerts. */
export { FeedsService } from './feeds.service.ts';
export { feedsRoutes } from './feeds.routes.ts';
export { feedSignature } from './feed-signature.ts';
