import { controlErrors } from './control-errors';
import { userIdFor } from './ebay-ids';
import type { EbayAccountType, EbayUser, EbayUserStatus } from './ebay-wire.types';
import type { EmulatorUserSeed } from './emulator-options';

export interface UserChanges {
  /** A new username; like a username change on eBay, it revokes the user's refresh tokens. */
  username?: string;
  accountType?: EbayAccountType;
  registrationMarketplaceId?: string;
  status?: EbayUserStatus;
}

// eBay user ids never change; usernames are what a seller picks (letters, digits, . _ - *).
const USERNAME = /^[A-Za-z0-9._*-]{1,64}$/;

/** The sellers who can sign in on the consent page, findable by username or eBay user id. */
export class TestUsers {
  private readonly byId = new Map<string, EbayUser>();

  /** `changed` hears of every added, changed or removed user; reads never call it. */
  constructor(private readonly changed: () => void) {}

  add(seed: EmulatorUserSeed): EbayUser {
    assertUsername(seed.username);
    if (this.findByUsername(seed.username) !== undefined) {
      throw controlErrors.conflict(`A test user named ${seed.username} exists already`);
    }
    const user: EbayUser = {
      userId: seed.userId ?? userIdFor(seed.username),
      username: seed.username,
      accountType: seed.accountType ?? 'INDIVIDUAL',
      registrationMarketplaceId: seed.registrationMarketplaceId ?? 'EBAY_US',
      status: seed.status ?? 'CONFIRMED',
    };
    if (this.byId.has(user.userId)) throw controlErrors.conflict(`A test user with id ${user.userId} exists already`);
    this.byId.set(user.userId, user);
    this.changed();
    return user;
  }

  findById(userId: string): EbayUser | undefined {
    return this.byId.get(userId);
  }

  findByUsername(username: string): EbayUser | undefined {
    for (const user of this.byId.values()) if (user.username === username) return user;
    return undefined;
  }

  /** The user, or the control API's 404. */
  get(username: string): EbayUser {
    const user = this.findByUsername(username);
    if (user === undefined) throw controlErrors.notFound(`No test user is named ${username}`);
    return user;
  }

  list(): EbayUser[] {
    return [...this.byId.values()];
  }

  update(username: string, changes: UserChanges): EbayUser {
    const user = this.get(username);
    if (changes.username !== undefined && changes.username !== user.username) {
      assertUsername(changes.username);
      if (this.findByUsername(changes.username) !== undefined) {
        throw controlErrors.conflict(`A test user named ${changes.username} exists already`);
      }
      user.username = changes.username;
    }
    if (changes.accountType !== undefined) user.accountType = changes.accountType;
    if (changes.registrationMarketplaceId !== undefined) {
      user.registrationMarketplaceId = changes.registrationMarketplaceId;
    }
    if (changes.status !== undefined) user.status = changes.status;
    this.changed();
    return user;
  }

  clear(): void {
    this.byId.clear();
    this.changed();
  }
}

function assertUsername(username: string): void {
  if (!USERNAME.test(username)) {
    throw controlErrors.invalid(`"${username}" is not a valid eBay username (1-64 letters, digits, . _ - *)`);
  }
}
