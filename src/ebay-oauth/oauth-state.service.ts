import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import type { OAuthState } from './entities/oauth-state.entity';
import { isBoundTo } from './browser-binding';
import { InvalidStateError } from './ebay-oauth.errors';
import { OAuthStateRepository } from './oauth-state.repository';

const STATE_BYTES = 32;
export const STATE_LIFETIME_SECONDS = 600;
/** Ended states are kept a day for support questions, then forgotten. */
const KEEP_ENDED_SECONDS = 24 * 3600;

export interface ConnectIntent {
  readonly houseName?: string;
  readonly purpose?: string;
  readonly marketplaceId?: string;
  readonly prompt?: string;
}

export interface IssuedState {
  readonly state: string;
  readonly expiresAt: Date;
}

/**
 * OAuth `state` values: random, bound to the user who started the connect and to what they
 * asked for, single use, short-lived. Only a hash is stored: a database leak cannot replay
 * a pending connect.
 */
@Injectable()
export class OAuthStateService {
  constructor(
    private readonly states: OAuthStateRepository,
    private readonly clock: Clock,
  ) {}

  /** With `browserBindingHash`, the state is usable only by the browser holding its secret. */
  async issue(userId: string, intent: ConnectIntent, browserBindingHash: string | null = null): Promise<IssuedState> {
    const now = this.clock.now();
    const state = randomBytes(STATE_BYTES).toString('base64url');
    const expiresAt = new Date(now.getTime() + STATE_LIFETIME_SECONDS * 1000);
    await this.states.deleteEndedBefore(new Date(now.getTime() - KEEP_ENDED_SECONDS * 1000));
    await this.states.insert({
      stateHash: hashState(state),
      userId,
      houseName: intent.houseName ?? null,
      purpose: intent.purpose ?? null,
      marketplaceId: intent.marketplaceId ?? null,
      prompt: intent.prompt ?? null,
      expiresAt,
      browserBindingHash,
    });
    return { state, expiresAt };
  }

  /**
   * Uses up a state and answers what it was issued for. `callerId` is the user of a JWT sent
   * along with the callback, if any: it must be the state's user. A browser-bound state needs
   * its browser's secret; without it the state is refused and stays unused.
   */
  async consume(state: string | undefined, callerId: string | undefined, browserSecret?: string): Promise<OAuthState> {
    const stored = await this.usable(state, browserSecret, callerId);
    if (!(await this.states.consume(stored.id, this.clock.now()))) throw InvalidStateError.used();
    return stored;
  }

  /** A state that could complete now, from this browser; refused as `consume` would refuse it. */
  async usable(state: string | undefined, browserSecret?: string, callerId?: string): Promise<OAuthState> {
    if (state === undefined || state === '') throw InvalidStateError.missing();
    const stored = await this.states.findByHash(hashState(state));
    if (stored === null) throw InvalidStateError.unknown();
    if (callerId !== undefined && callerId !== stored.userId) throw InvalidStateError.otherUser();
    if (stored.browserBindingHash !== null && !isBoundTo(browserSecret, stored.browserBindingHash)) {
      throw InvalidStateError.otherBrowser();
    }
    if (stored.consumedAt !== null) throw InvalidStateError.used();
    if (stored.expiresAt.getTime() <= this.clock.now().getTime()) throw InvalidStateError.expired();
    return stored;
  }

  /** Whether a state was started by a browser (the console); undefined for one unknown here. */
  async isBrowserBound(state: string | undefined): Promise<boolean | undefined> {
    if (state === undefined || state === '') return undefined;
    const stored = await this.states.findByHash(hashState(state));
    return stored === null ? undefined : stored.browserBindingHash !== null;
  }
}

function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}
