import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, type Repository } from 'typeorm';
import { OAuthState } from './entities/oauth-state.entity';

export type NewOAuthState = Pick<
  OAuthState,
  'stateHash' | 'userId' | 'houseName' | 'purpose' | 'marketplaceId' | 'prompt' | 'expiresAt' | 'browserBindingHash'
>;

@Injectable()
export class OAuthStateRepository {
  constructor(@InjectRepository(OAuthState) private readonly states: Repository<OAuthState>) {}

  async insert(state: NewOAuthState): Promise<void> {
    await this.states.insert(state);
  }

  findByHash(stateHash: string): Promise<OAuthState | null> {
    return this.states.findOneBy({ stateHash });
  }

  /** Marks the state used; false when another request used it first. */
  async consume(id: string, at: Date): Promise<boolean> {
    const result = await this.states.update({ id, consumedAt: IsNull() }, { consumedAt: at });
    return result.affected === 1;
  }

  /** Forgets states that ended before `before`; they can only ever be refused. */
  async deleteEndedBefore(before: Date): Promise<void> {
    await this.states.delete({ expiresAt: LessThan(before) });
  }
}
