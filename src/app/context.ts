/**
 * What every use case gets: the store, a clock, and who is acting.
 * Time is a parameter everywhere, so tests can move the clock.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { formatId } from '../domain/ids.ts';
import type { Role } from '../domain/vocabulary.ts';
import type { Store } from '../store/connect.ts';
import { insertAudit, insertTimelineEvent } from '../store/events.ts';
import { toJson } from '../store/json.ts';
import type { Mailer } from './mail.ts';
import type { Database } from '../store/schema.ts';

/** A change that listeners (live pages, later the portal) may want to hear of after commit. */
export interface ChangeEvent {
  orgId: string;
  journeyId: string;
  kind: string;
}

export interface AppContext {
  store: Store;
  now(): Date;
  /** Called after a transaction commits, with what it changed. */
  onCommit?: ((events: readonly ChangeEvent[]) => void) | undefined;
  /** Sends invitations; absent, mail is off and the seller passes links on. */
  mailer?: Mailer | undefined;
}

export interface Actor {
  orgId: string;
  userId: string | null;
  role: Role;
  /** `portal`: a buyer in the room (userId null; the contact is named in what they write) */
  kind: 'user' | 'token' | 'system' | 'portal';
  /** the buyer, when kind is `portal`: their timeline entries say `buyer` with this contact */
  contact?: { id: string; name: string } | undefined;
}

let lastMs = -1;
let lastRandom = new Uint8Array(10);

/**
 * A new sortable id. Ids made in one process sort in the order they were
 * made, even within one millisecond: then the last 48 bits count up.
 */
export function newId(at: Date = new Date()): string {
  const ms = at.getTime();
  if (ms > lastMs) {
    lastMs = ms;
    lastRandom = randomBytes(10);
  } else {
    for (let i = 9; i >= 4; i--) {
      lastRandom[i] = ((lastRandom[i] ?? 0) + 1) & 0xff;
      if (lastRandom[i] !== 0) break;
    }
  }
  return formatId(lastMs, lastRandom);
}

/** The handle a use case writes through: one transaction, its audit entries and timeline. */
export class Writer {
  readonly events: ChangeEvent[] = [];
  /** `at` as stored: ISO 8601 in UTC */
  readonly iso: string;

  constructor(
    readonly tx: Transaction<Database>,
    readonly actor: Actor,
    readonly at: Date,
  ) {
    this.iso = at.toISOString();
  }

  id(): string {
    return newId(this.at);
  }

  async audit(action: string, entity: string, entityId: string, before: unknown, after: unknown): Promise<void> {
    await insertAudit(this.tx, {
      org_id: this.actor.orgId,
      id: this.id(),
      at: this.iso,
      actor_id: this.actor.userId,
      actor_kind: this.actor.kind,
      action,
      entity,
      entity_id: entityId,
      before: before === null || before === undefined ? null : toJson(before),
      after: after === null || after === undefined ? null : toJson(after),
    });
  }

  async timeline(journeyId: string, kind: string, entityId: string | null, data: Record<string, unknown>, at: string = this.iso): Promise<void> {
    await insertTimelineEvent(this.tx, {
      org_id: this.actor.orgId,
      id: this.id(),
      journey_id: journeyId,
      at,
      kind,
      entity_id: entityId,
      actor_id: this.actor.userId,
      // What a buyer did in the room is marked as theirs, whatever the use case.
      data: toJson(this.actor.contact ? { ...data, buyer: { contactId: this.actor.contact.id, name: this.actor.contact.name } } : data),
    });
    this.events.push({ orgId: this.actor.orgId, journeyId, kind });
  }

  /**
   * A change to a journey that leaves no timeline entry (a new title, value or
   * owner): open pages should still hear of it after commit.
   */
  changed(journeyId: string, kind: string): void {
    this.events.push({ orgId: this.actor.orgId, journeyId, kind });
  }
}

/** Runs a use case's writes in one transaction: all of it, audit included, or nothing. */
export async function write<T>(ctx: AppContext, actor: Actor, fn: (w: Writer) => Promise<T>): Promise<T> {
  let writer: Writer | undefined;
  const result = await ctx.store.db.transaction().execute(async (tx) => {
    writer = new Writer(tx, actor, ctx.now());
    return fn(writer);
  });
  if (writer && writer.events.length > 0) ctx.onCommit?.(writer.events);
  return result;
}

export type Db = Kysely<Database>;
