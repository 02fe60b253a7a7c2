/** Zod pieces shared by the routes: ids, bounded text, the vocabulary. */
import { z } from 'zod';
import {
  ACCOUNT_KINDS,
  BUYING_ROLES,
  CHANNELS,
  CONCERN_TOPICS,
  DIRECTIONS,
  JOURNEY_STATUSES,
  ROLES,
} from '../domain/vocabulary.ts';

/** An id; in a path, an unknown or malformed one is simply not found (route.ts). */
export const id = z.string().min(1).max(64);
export const idParams = z.strictObject({ id });

/** Text a person typed: trimmed length 1..max. */
export const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => s.trim().length > 0, 'must not be empty');

export const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullish();

export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const cursor = z.string().max(500).optional();

export const role = z.enum(ROLES);
export const accountKind = z.enum(ACCOUNT_KINDS);
export const buyingRole = z.enum(BUYING_ROLES);
export const journeyStatus = z.enum(JOURNEY_STATUSES);
export const channel = z.enum(CHANNELS);
export const direction = z.enum(DIRECTIONS);
export const concernTopic = z.enum(CONCERN_TOPICS);
export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as SEK');
export const email = z.email('must be an e-mail address').max(254);
export const password = z.string().min(8, 'must be at least 8 characters').max(200);
export const isoDate = z.iso.date('must be a date as YYYY-MM-DD');
export const isoDateTime = z.iso
  .datetime({ offset: true, message: 'must be a date and time as ISO 8601, e.g. 2026-11-29T09:30:00Z' })
  .refine((s) => {
    const year = new Date(s).getUTCFullYear();
    return year >= 1900 && year <= 2200;
  }, 'must be between the years 1900 and 2200');
export const moneyMinor = z.number().int('must be whole minor units (öre)').min(0).max(Number.MAX_SAFE_INTEGER);
export const key = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lower-case letters, digits and _ , starting with a letter');
export const localizedText = (max: number) => z.strictObject({ sv: text(max), en: text(max) });

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
