import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { WebhookTargetRefusedError, WebhookTargetUnresolvableError } from './webhook-target.errors';

/**
 * Which webhook targets the service may call. A customer chooses the URL, so without these
 * rules a webhook could make the service POST into its own network (SSRF): the database, the
 * cloud's metadata endpoint at 169.254.169.254, a sidecar on localhost.
 */

/** The longest webhook URL accepted. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** Whether a URL can be a webhook target, with a reason an API client can read when not. */
export type WebhookUrlVerdict =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly reason: string };

export interface WebhookUrlPolicy {
  /** Development only: http and any host (localhost, private addresses) are allowed. */
  readonly allowInsecure: boolean;
}

/** The shape of `dns.promises.lookup(host, { all: true })`, injected so tests need no DNS. */
export type HostLookup = (hostname: string, options: { all: true }) => Promise<LookupAddress[]>;

// Names that never leave the machine or the site, whatever DNS says (RFC 6761, RFC 6762, and
// `.internal` as the cloud providers use it, e.g. metadata.google.internal).
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal'];

// The only IPv6 block handed out for global unicast (RFC 4291 §2.4); ipaddr.js calls every
// address it has no name for 'unicast', including unassigned space and ::a.b.c.d.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

// Forms that carry an IPv4 address inside IPv6: refused whatever the IPv4 address is, since the
// host or a translator on the way may deliver them to that IPv4 address (127.0.0.1 included).
const EMBEDS_IPV4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo']);

const RANGE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  uniqueLocal: 'a unique-local address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
};

/**
 * Why `address` is not a globally routable unicast address ('a loopback address', 'a private
 * address'…), or undefined when it is one. Anything that is not a plain IP address (a name, a
 * zone id as in fe80::1%eth0, the legacy forms 0x7f.1 or 2130706433) is refused.
 */
export function describeNonPublicAddress(address: string): string | undefined {
  if (address.includes('%')) return 'an address with a zone id';
  // net.isIP accepts only dotted-decimal IPv4 (no octal, hex or shortened forms).
  const version = isIP(address);
  if (version === 0) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  if (range === 'unicast') {
    if (version === 6 && !parsed.match(GLOBAL_UNICAST_V6)) return 'a reserved address';
    return undefined;
  }
  if (EMBEDS_IPV4.has(range)) return 'an IPv6 address that embeds an IPv4 address';
  return RANGE_DESCRIPTIONS[range] ?? 'a reserved address';
}

/** True only for a globally routable unicast IPv4 or IPv6 address. */
export function isPublicAddress(address: string): boolean {
  return describeNonPublicAddress(address) === undefined;
}

/**
 * The syntactic rules a webhook URL must pass when an endpoint is created (and again before
 * each attempt): scheme, no credentials, length, and a host that is neither a local name nor a
 * non-public IP literal. Names are resolved separately (resolvePublicAddresses).
 */
export function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy): WebhookUrlVerdict {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) {
    return refuse(`the URL must not be longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('the URL is not a valid absolute URL');
  }
  const allowedSchemes = policy.allowInsecure ? ['http:', 'https:'] : ['https:'];
  if (!allowedSchemes.includes(url.protocol)) {
    return refuse(policy.allowInsecure ? 'the URL must use http or https' : 'the URL must use https');
  }
  // Node would turn these into an Authorization header sent to whoever the host is.
  if (url.username !== '' || url.password !== '') {
    return refuse('the URL must not contain a user name or password');
  }
  if (policy.allowInsecure) return { ok: true, url };

  // The WHATWG parser has already turned 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1.
  const host = unbracket(url.hostname).replace(/\.+$/, '');
  if (host === 'localhost' || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    return refuse("the URL's host must not be localhost or a .localhost, .local or .internal name");
  }
  if (isIP(host) !== 0) {
    const description = describeNonPublicAddress(host);
    if (description !== undefined) return refuse(`the URL's host is ${description}`);
  }
  return { ok: true, url };
}

/**
 * Every address `hostname` resolves to, when all of them are public. Throws
 * WebhookTargetRefusedError when one is not (one private answer among public ones is enough
 * for a rebinding attack), WebhookTargetUnresolvableError when the name has no address.
 * `hostname` may be an IP literal, bracketed as in URL.hostname or not.
 */
export async function resolvePublicAddresses(hostname: string, lookup: HostLookup): Promise<readonly LookupAddress[]> {
  const host = unbracket(hostname);
  const version = isIP(host);
  const addresses = version !== 0 ? [{ address: host, family: version }] : await resolve(host, lookup);
  for (const { address } of addresses) {
    const description = describeNonPublicAddress(address);
    if (description !== undefined) {
      const where = version !== 0 ? `${address} is` : `${host} resolves to ${address},`;
      throw new WebhookTargetRefusedError(`the URL's host ${where} ${description}`, { host, address });
    }
  }
  return addresses;
}

async function resolve(host: string, lookup: HostLookup): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(host, { all: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    // Without a code it is not a DNS answer but a bug; let it surface.
    if (typeof code !== 'string') throw error;
    throw new WebhookTargetUnresolvableError(`the URL's host ${host} does not resolve (${code})`, { host, dnsCode: code });
  }
  if (addresses.length === 0) {
    throw new WebhookTargetUnresolvableError(`the URL's host ${host} does not resolve`, { host });
  }
  return addresses;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function refuse(reason: string): WebhookUrlVerdict {
  return { ok: false, reason };
}
