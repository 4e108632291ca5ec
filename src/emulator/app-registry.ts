import { timingSafeEqual } from 'node:crypto';
import type { EmulatorApp, EmulatorRuName } from './emulator-options';

/**
 * The keysets the emulator accepts and the RuNames registered for each. Apps are
 * configuration, not state: the control API's reset leaves them alone, so a service that
 * registered its RuName at start keeps working after a test resets the emulator.
 */
export class AppRegistry {
  private readonly apps = new Map<string, EmulatorApp>();

  constructor(apps: readonly EmulatorApp[]) {
    for (const app of apps) this.register(app);
  }

  /** Adds the app or replaces the one with its clientId. Copied: the caller's object stays theirs. */
  register(app: EmulatorApp): void {
    if (app.clientId.trim() === '' || app.clientSecret === '') {
      throw new RangeError('An emulator app needs a clientId and a clientSecret');
    }
    for (const ruName of app.ruNames) assertRuName(ruName);
    this.apps.set(app.clientId, {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      ruNames: app.ruNames.map((ruName) => ({ ...ruName })),
    });
  }

  /** Adds the RuName to the app or replaces the one of that name. */
  registerRuName(clientId: string, ruName: EmulatorRuName): void {
    const app = this.apps.get(clientId);
    if (app === undefined) throw new RangeError(`No emulator app has the client id ${clientId}`);
    assertRuName(ruName);
    app.ruNames = [...app.ruNames.filter((existing) => existing.ruName !== ruName.ruName), { ...ruName }];
  }

  find(clientId: string): EmulatorApp | undefined {
    return this.apps.get(clientId);
  }

  findRuName(clientId: string, ruName: string): EmulatorRuName | undefined {
    return this.apps.get(clientId)?.ruNames.find((candidate) => candidate.ruName === ruName);
  }

  /** The app whose id and secret these are; undefined when either is wrong. */
  authenticate(clientId: string, clientSecret: string): EmulatorApp | undefined {
    const app = this.apps.get(clientId);
    if (app === undefined) return undefined;
    const expected = Buffer.from(app.clientSecret);
    const given = Buffer.from(clientSecret);
    // Constant time, as a real authorization server compares secrets.
    return expected.length === given.length && timingSafeEqual(expected, given) ? app : undefined;
  }

  list(): EmulatorApp[] {
    return [...this.apps.values()];
  }
}

function assertRuName(ruName: EmulatorRuName): void {
  if (ruName.ruName.trim() === '') throw new RangeError('A RuName needs a name');
  for (const url of [ruName.acceptUrl, ruName.declineUrl]) {
    if (!URL.canParse(url) || !['http:', 'https:'].includes(new URL(url).protocol)) {
      throw new RangeError(`RuName ${ruName.ruName}: "${url}" is not an absolute http(s) URL`);
    }
  }
}
