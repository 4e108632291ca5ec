import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import type { OAuthState } from './entities/oauth-state.entity';
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

  async issue(userId: string, intent: ConnectIntent): Promise<IssuedState> {
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
    });
    return { state, expiresAt };
  }

  /**
   * Uses up a state and answers what it was issued for. `callerId` is the user of a JWT sent
   * along with the callback, if any: it must be the state's user.
   */
  async consume(state: string | undefined, callerId: string | undefined): Promise<OAuthState> {
    if (state === undefined || state === '') throw InvalidStateError.missing();
    const stored = await this.states.findByHash(hashState(state));
    if (stored === null) throw InvalidStateError.unknown();
    if (callerId !== undefined && callerId !== stored.userId) throw InvalidStateError.otherUser();
    if (stored.consumedAt !== null) throw InvalidStateError.used();
    const now = this.clock.now();
    if (stored.expiresAt.getTime() <= now.getTime()) throw InvalidStateError.expired();
    if (!(await this.states.consume(stored.id, now))) throw InvalidStateError.used();
    return stored;
  }
}

function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}
