import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { Db } from '../database/db.service.js';
import type { SignedInUser } from './authenticator.js';
import { listenOn, roundTrip } from './auth.queries.js';

const CHANNEL = 'noden_signed_in';
const MAX_ENTRIES = 10_000;
/** A safety net only: a change is forgotten at once through NOTIFY; this bounds what a lost notification costs. */
const MAX_AGE_MS = 5 * 60_000;
const RECONNECT_MS = 1_000;

interface Entry {
  value: SignedInUser;
  readAt: number;
}

/**
 * The signed-in users this process has read, so that a request costs no statement for its user. Every change
 * reaches every api process at once: triggers on users, user_roles and organizations send `NOTIFY noden_signed_in`
 * (migration 1791000400000), which this process LISTENs to on a connection of its own, opened when the api starts. While that connection is not listening (starting, lost, reconnecting), nothing is cached and every
 * request reads its user, as before. A read that raced with a change is not kept (the generation moved on).
 */
@Injectable()
export class SignedInUsers implements OnModuleDestroy {
  private readonly logger = new Logger(SignedInUsers.name);
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private listening = false;
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  /**
   * The cached user, or undefined, once every change committed before this call has been heard: a notification is
   * sent after its commit, so without this a request that follows a change on another process by microseconds
   * could still find the user. Requests arriving together share one `SELECT 1` on the listening connection, which
   * Postgres answers after delivering the notifications already queued for it.
   */
  async get(userId: string): Promise<SignedInUser | undefined> {
    if (!this.listening) {
      this.listen();
      return undefined;
    }
    if (!this.entries.has(userId)) return undefined;
    try {
      await this.heard();
    } catch {
      return undefined;
    }
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    if (performance.now() - entry.readAt > MAX_AGE_MS) {
      this.entries.delete(userId);
      return undefined;
    }
    return entry.value;
  }

  private running: Promise<unknown> | null = null;
  private queued: Promise<unknown> | null = null;

  /** Resolves when a round trip on the listening connection that started after this call has ended. */
  private heard(): Promise<unknown> {
    if (this.queued) return this.queued;
    const trip = () => {
      const client = this.client;
      if (!client || !this.listening) return Promise.reject(new Error('not listening'));
      const running = roundTrip(client).finally(() => {
        if (this.running === running) this.running = null;
      });
      this.running = running;
      return running;
    };
    if (!this.running) return trip();
    const queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return trip();
      });
    this.queued = queued;
    return queued;
  }

  /** Call before reading a user; pass the answer to `remember` with the user read. */
  readStarts(): number {
    return this.generation;
  }

  remember(userId: string, value: SignedInUser, generation: number): void {
    if (!this.listening || generation !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(userId, { value, readAt: performance.now() });
  }

  /** This process changed the user: forget them now, before the notification comes back. */
  forget(userId: string): void {
    this.generation += 1;
    this.entries.delete(userId);
  }

  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** The api listens from its start (a second later at most), so that its first requests are cached too. */
  async start(): Promise<void> {
    this.listen();
    for (let i = 0; i < 20 && !this.listening && this.client; i++) await new Promise((r) => setTimeout(r, 50));
  }

  private listen(): void {
    if (this.client || this.closed) return;
    const client = new pg.Client({ ...this.db.pool.options, keepAlive: true });
    this.client = client;
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      if (error && !this.closed) this.logger.warn(`signed-in user notifications lost: ${error.message}`);
      this.listening = false;
      this.client = null;
      this.forgetAll();
      client.end().catch(() => undefined);
      if (!this.closed && !this.retry)
        this.retry = setTimeout(() => {
          this.retry = null;
          this.listen();
        }, RECONNECT_MS).unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', ({ payload }) => {
      if (!payload || payload === '*') this.forgetAll();
      else this.forget(payload);
    });
    client
      .connect()
      .then(() => listenOn(client, CHANNEL))
      .then(() => {
        if (this.client !== client) return;
        this.forgetAll();
        this.listening = true;
      })
      .catch((error: Error) => lost(error));
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
