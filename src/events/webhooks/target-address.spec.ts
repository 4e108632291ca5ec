import { type LookupAddress, promises as dns } from 'node:dns';
import {
  checkWebhookUrl,
  describeNonPublicAddress,
  type HostLookup,
  isPublicAddress,
  resolvePublicAddresses,
} from './target-address';
import { WebhookTargetRefusedError, WebhookTargetUnresolvableError } from './webhook-target.errors';

const SECURE = { allowInsecure: false };
const INSECURE = { allowInsecure: true };

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.254', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['fc00::1', 'a unique-local address'],
    ['fd12:3456::1', 'a unique-local address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['0.0.0.0', 'an unspecified address'],
    ['0.1.2.3', 'an unspecified address'],
    ['::', 'an unspecified address'],
    ['255.255.255.255', 'the broadcast address'],
    ['192.0.2.10', 'a reserved address'],
    ['198.51.100.1', 'a reserved address'],
    ['203.0.113.7', 'a reserved address'],
    ['198.18.0.1', 'a reserved address'],
    ['240.0.0.1', 'a reserved address'],
    ['2001:db8::1', 'a reserved address'],
    ['fec0::1', 'a reserved address'],
    ['::ffff:127.0.0.1', 'an IPv6 address that embeds an IPv4 address'],
    ['::ffff:8.8.8.8', 'an IPv6 address that embeds an IPv4 address'],
    ['::127.0.0.1', 'an IPv6 address that embeds an IPv4 address'],
    ['64:ff9b::7f00:1', 'an IPv6 address that embeds an IPv4 address'],
    ['2002:7f00:1::1', 'an IPv6 address that embeds an IPv4 address'],
    ['2001:0:4136:e378::1', 'an IPv6 address that embeds an IPv4 address'],
    ['fe80::1%eth0', 'an address with a zone id'],
    ['2130706433', 'not an IP address'],
    ['0x7f.0.0.1', 'not an IP address'],
    ['0177.0.0.1', 'not an IP address'],
    ['127.1', 'not an IP address'],
    ['example.com', 'not an IP address'],
    ['', 'not an IP address'],
    ['[::1]', 'not an IP address'],
  ])('refuses %s as %s', (address, description) => {
    expect(isPublicAddress(address)).toBe(false);
    expect(describeNonPublicAddress(address)).toBe(description);
  });

  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2a00:1450:4001::200e'])(
    'accepts the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
      expect(describeNonPublicAddress(address)).toBeUndefined();
    },
  );
});

describe('checkWebhookUrl', () => {
  it.each([
    ['http://example.com/hook', 'the URL must use https'],
    ['ftp://example.com/hook', 'the URL must use https'],
    ['javascript:alert(1)', 'the URL must use https'],
    ['example.com/hook', 'the URL is not a valid absolute URL'],
    ['/hooks/1', 'the URL is not a valid absolute URL'],
    ['https://user:secret@example.com/hook', 'the URL must not contain a user name or password'],
    ['https://user@example.com/hook', 'the URL must not contain a user name or password'],
    ['https://localhost/hook', "the URL's host must not be localhost or a .localhost, .local or .internal name"],
    ['https://LOCALHOST./hook', "the URL's host must not be localhost or a .localhost, .local or .internal name"],
    ['https://api.localhost/hook', "the URL's host must not be localhost or a .localhost, .local or .internal name"],
    ['https://printer.local/hook', "the URL's host must not be localhost or a .localhost, .local or .internal name"],
    ['https://metadata.google.internal/computeMetadata', "the URL's host must not be localhost or a .localhost, .local or .internal name"],
    ['https://127.0.0.1/hook', "the URL's host is a loopback address"],
    ['https://10.0.0.5/hook', "the URL's host is a private address"],
    ['https://172.16.4.4/hook', "the URL's host is a private address"],
    ['https://192.168.0.10:8443/hook', "the URL's host is a private address"],
    ['https://169.254.169.254/latest/meta-data', "the URL's host is a link-local address"],
    ['https://100.64.0.1/hook', "the URL's host is a carrier-grade NAT address"],
    ['https://0.0.0.0/hook', "the URL's host is an unspecified address"],
    ['https://224.0.0.1/hook', "the URL's host is a multicast address"],
    ['https://[::1]/hook', "the URL's host is a loopback address"],
    ['https://[fe80::1]/hook', "the URL's host is a link-local address"],
    ['https://[fc00::1]/hook', "the URL's host is a unique-local address"],
    ['https://[::ffff:127.0.0.1]/hook', "the URL's host is an IPv6 address that embeds an IPv4 address"],
    ['https://[::ffff:8.8.8.8]/hook', "the URL's host is an IPv6 address that embeds an IPv4 address"],
    // Legacy IPv4 spellings: the WHATWG parser turns each into 127.0.0.1 before we look.
    ['https://2130706433/hook', "the URL's host is a loopback address"],
    ['https://0x7f.1/hook', "the URL's host is a loopback address"],
    ['https://0177.0.0.1/hook', "the URL's host is a loopback address"],
    ['https://127.1/hook', "the URL's host is a loopback address"],
  ])('refuses %s: %s', (raw, reason) => {
    expect(checkWebhookUrl(raw, SECURE)).toEqual({ ok: false, reason });
  });

  it.each([
    'https://example.com/hook',
    'https://hooks.example.com:8443/a/b?c=d',
    'https://93.184.216.34/hook',
    'https://[2606:4700::1111]/hook',
    'https://localhost.example.com/hook',
  ])('accepts %s', (raw) => {
    const verdict = checkWebhookUrl(raw, SECURE);
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(verdict.url.href).toBe(new URL(raw).href);
  });

  it('accepts a URL of 2048 characters and refuses one longer, whatever the policy', () => {
    const raw = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`;
    expect(raw).toHaveLength(2048);
    expect(checkWebhookUrl(raw, SECURE).ok).toBe(true);
    const reason = 'the URL must not be longer than 2048 characters';
    expect(checkWebhookUrl(`${raw}a`, SECURE)).toEqual({ ok: false, reason });
    expect(checkWebhookUrl(`${raw}a`, INSECURE)).toEqual({ ok: false, reason });
  });

  describe('when insecure targets are allowed (development)', () => {
    it.each(['http://localhost:3000/hook', 'http://127.0.0.1:8080/hook', 'https://10.0.0.5/hook', 'http://[::1]/hook'])(
      'accepts %s',
      (raw) => {
        expect(checkWebhookUrl(raw, INSECURE).ok).toBe(true);
      },
    );

    it.each([
      ['ftp://localhost/hook', 'the URL must use http or https'],
      ['file:///etc/passwd', 'the URL must use http or https'],
      ['http://user:pw@localhost/hook', 'the URL must not contain a user name or password'],
    ])('still refuses %s: %s', (raw, reason) => {
      expect(checkWebhookUrl(raw, INSECURE)).toEqual({ ok: false, reason });
    });
  });
});

describe('resolvePublicAddresses', () => {
  const answering =
    (addresses: LookupAddress[]): HostLookup =>
    () =>
      Promise.resolve(addresses);
  const failing =
    (code: string): HostLookup =>
    () =>
      Promise.reject(Object.assign(new Error(`getaddrinfo ${code} hooks.example.com`), { code }));

  it('returns every address when all of them are public', async () => {
    const addresses = [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ];
    await expect(resolvePublicAddresses('hooks.example.com', answering(addresses))).resolves.toEqual(addresses);
  });

  it('refuses a name when one of its addresses is private, naming that address', async () => {
    const lookup = answering([
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ]);
    const refusal = resolvePublicAddresses('hooks.example.com', lookup);
    await expect(refusal).rejects.toBeInstanceOf(WebhookTargetRefusedError);
    await expect(refusal).rejects.toMatchObject({
      kind: 'invalid',
      code: 'webhook_target_refused',
      message: "the URL's host hooks.example.com resolves to 10.0.0.7, a private address",
      refused: { host: 'hooks.example.com', address: '10.0.0.7' },
    });
  });

  it('refuses a name that resolves to the cloud metadata address', async () => {
    await expect(
      resolvePublicAddresses('rebind.example.com', answering([{ address: '169.254.169.254', family: 4 }])),
    ).rejects.toMatchObject({ code: 'webhook_target_refused' });
  });

  it('refuses a name that does not resolve, with the DNS code', async () => {
    const refusal = resolvePublicAddresses('nowhere.example.com', failing('ENOTFOUND'));
    await expect(refusal).rejects.toBeInstanceOf(WebhookTargetUnresolvableError);
    await expect(refusal).rejects.toBeInstanceOf(WebhookTargetRefusedError);
    await expect(refusal).rejects.toMatchObject({
      kind: 'invalid',
      code: 'webhook_target_unresolvable',
      message: "the URL's host nowhere.example.com does not resolve (ENOTFOUND)",
    });
  });

  it('refuses a name with no addresses at all', async () => {
    await expect(resolvePublicAddresses('empty.example.com', answering([]))).rejects.toMatchObject({
      code: 'webhook_target_unresolvable',
    });
  });

  it('checks an IP literal without asking DNS', async () => {
    const lookup = jest.fn<ReturnType<HostLookup>, Parameters<HostLookup>>();
    await expect(resolvePublicAddresses('93.184.216.34', lookup)).resolves.toEqual([{ address: '93.184.216.34', family: 4 }]);
    await expect(resolvePublicAddresses('[::1]', lookup)).rejects.toMatchObject({
      code: 'webhook_target_refused',
      message: "the URL's host ::1 is a loopback address",
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('lets a lookup that fails without an error code (a bug) surface as it is', async () => {
    const bug = new TypeError('lookup is broken');
    await expect(resolvePublicAddresses('hooks.example.com', () => Promise.reject(bug))).rejects.toBe(bug);
  });

  it('takes dns.promises.lookup as its lookup', () => {
    // A compile-time check as much as a runtime one: the real resolver fits HostLookup.
    const lookup: HostLookup = dns.lookup;
    expect(lookup).toBe(dns.lookup);
  });
});
