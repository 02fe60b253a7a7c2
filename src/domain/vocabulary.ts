/** The words of DESIGN.md §3, as the one list each is checked against. */

export const ROLES = ['admin', 'manager', 'seller'] as const;
export type Role = (typeof ROLES)[number];

export const ACCOUNT_KINDS = ['company', 'person'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const BUYING_ROLES = ['decision_maker', 'economic_buyer', 'user', 'influencer', 'champion', 'gatekeeper', 'unknown'] as const;
export type BuyingRole = (typeof BUYING_ROLES)[number];

export const JOURNEY_STATUSES = ['open', 'won', 'lost', 'paused'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

export const CHANNELS = ['cold_call', 'call', 'email', 'social', 'meeting', 'demo', 'event', 'letter', 'portal', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CONCERN_TOPICS = ['price', 'risk', 'fit', 'timing', 'trust', 'other'] as const;
export type ConcernTopic = (typeof CONCERN_TOPICS)[number];

export const CONCERN_STATUSES = ['open', 'answered', 'accepted', 'withdrawn'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
