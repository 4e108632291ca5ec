import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { WORST_REFRESH_SECONDS } from '../src/config/refresh-timing';
import { type EnvironmentSource, loadConfiguration } from '../src/config/load-configuration';
import { startTestApp, TEST_ENCRYPTION_KEYS, TEST_JWT_SECRET } from './support/test-app';

const DIRECTORY = join(__dirname, '..', 'deploy', 'kubernetes');

interface Manifest {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly annotations?: Record<string, string>; readonly labels?: Record<string, string> };
  readonly spec: Record<string, unknown>;
  readonly stringData?: Record<string, string>;
}

interface Probe {
  readonly httpGet: { readonly path: string; readonly port: string | number };
  readonly periodSeconds?: number;
  readonly failureThreshold?: number;
}

interface Container {
  readonly ports: readonly { readonly name: string; readonly containerPort: number }[];
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly envFrom: readonly { readonly secretRef: { readonly name: string } }[];
  readonly startupProbe: Probe;
  readonly livenessProbe: Probe;
  readonly readinessProbe: Probe;
  readonly lifecycle: { readonly preStop: { readonly exec: { readonly command: readonly string[] } } };
  readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
  readonly securityContext: { readonly readOnlyRootFilesystem: boolean; readonly allowPrivilegeEscalation: boolean };
  readonly volumeMounts: readonly { readonly name: string; readonly mountPath: string }[];
}

interface PodTemplate {
  readonly metadata: { readonly labels: Record<string, string>; readonly annotations: Record<string, string> };
  readonly spec: {
    readonly terminationGracePeriodSeconds: number;
    readonly securityContext: { readonly runAsNonRoot: boolean; readonly runAsUser: number };
    readonly containers: readonly Container[];
    readonly volumes: readonly { readonly name: string; readonly emptyDir?: object }[];
  };
}

function manifestsIn(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(DIRECTORY, file), 'utf8')).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
    return document.toJS() as Manifest;
  });
}

/** Valid values for the variables of the Secret, in place of its placeholders. */
const REAL_SECRET_VALUES: Readonly<Record<string, string>> = {
  DATABASE_URL: 'postgres://ebay_connect:s3cret@postgres:5432/ebay_connect',
  JWT_SECRET: TEST_JWT_SECRET,
  TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
  EBAY_ENVIRONMENT: 'production',
  EBAY_CLIENT_ID: 'Company-App-PRD-0123456789',
  EBAY_CLIENT_SECRET: 'PRD-0123456789abcdef',
  EBAY_RUNAME: 'Company-App-PRD-runame',
};

describe('deploy/kubernetes', () => {
  const kustomization = parse(readFileSync(join(DIRECTORY, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  const applied = kustomization.resources.flatMap(manifestsIn);
  const deployment = applied.find((manifest) => manifest.kind === 'Deployment')!;
  const template = deployment.spec.template as PodTemplate;
  const [container] = template.spec.containers;
  const secret = manifestsIn('secret.example.yaml')[0]!;
  const plainEnv = Object.fromEntries(container!.env.map(({ name, value }) => [name, value]));
  const http = container!.ports.find((port) => port.name === 'http')!;

  it('applies every YAML file of the folder but the Secret example', () => {
    const files = readdirSync(DIRECTORY).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.filter((file) => file !== 'secret.example.yaml').sort());
    expect(applied.map((manifest) => manifest.kind).sort()).toEqual(['Deployment', 'PodDisruptionBudget', 'Service']);
  });

  it('runs three replicas on the port the service listens on by default, reachable from other pods', () => {
    const production = loadConfiguration({ NODE_ENV: 'production', ...REAL_SECRET_VALUES }, mkdtempSync(join(tmpdir(), 'k8s-')));

    expect(deployment.spec.replicas).toBe(3);
    expect(http.containerPort).toBe(production.app.port);
    expect(plainEnv.PORT).toBe(String(production.app.port));
    expect(production.app.host).toBe('0.0.0.0');
    expect(readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8')).toContain(`PORT=${production.app.port}`);
  });

  it('probes and scrapes paths the service answers, on its port', async () => {
    const { startupProbe, livenessProbe, readinessProbe } = container!;
    expect(livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    const annotations = template.metadata.annotations;
    expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(http.containerPort) });

    const t = await startTestApp();
    try {
      for (const probe of [startupProbe, livenessProbe, readinessProbe]) await t.http.get(probe.httpGet.path).expect(200);
      const metrics = await t.http.get(annotations['prometheus.io/path']!).expect(200);
      expect(metrics.text).toContain('# TYPE ebay_connect_http_requests_total counter');
    } finally {
      await t.close();
    }
  });

  it('gives a stopping pod longer than its drain before SIGKILL', () => {
    const [sleep, seconds] = container!.lifecycle.preStop.exec.command;
    expect(sleep).toBe('sleep');
    // The refresher's refreshes in flight, then the requests in flight (a forced refresh at worst).
    const drainSeconds = Number(seconds) + WORST_REFRESH_SECONDS + WORST_REFRESH_SECONDS;
    expect(template.spec.terminationGracePeriodSeconds).toBeGreaterThan(drainSeconds);
  });

  it('runs as non-root on a read-only root, writing only to DATA_DIR (an emptyDir)', () => {
    expect(template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container!.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    const data = container!.volumeMounts.find((mount) => mount.mountPath === plainEnv.DATA_DIR);
    expect(template.spec.volumes.find((volume) => volume.name === data?.name)).toMatchObject({ emptyDir: expect.any(Object) });
    expect(container!.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container!.resources.limits).toMatchObject({ memory: expect.any(String) });
  });

  it('selects its pods from the Service and the disruption budget, keeping two of three up', () => {
    const podLabels = template.metadata.labels;
    const service = applied.find((manifest) => manifest.kind === 'Service')!;
    const budget = applied.find((manifest) => manifest.kind === 'PodDisruptionBudget')!;

    expect(podLabels).toMatchObject((deployment.spec.selector as { matchLabels: object }).matchLabels);
    expect(podLabels).toMatchObject(service.spec.selector as object);
    expect(service.spec.ports).toEqual([expect.objectContaining({ targetPort: 'http' })]);
    expect(podLabels).toMatchObject((budget.spec.selector as { matchLabels: object }).matchLabels);
    const keptUp = budget.spec.minAvailable ?? 3 - (budget.spec.maxUnavailable as number);
    expect(keptUp).toBe(2);
  });

  it('lists in the Secret example exactly what production requires, with placeholders it refuses', () => {
    expect(container!.envFrom).toEqual([{ secretRef: { name: secret.metadata.name } }]);
    const keys = Object.keys(secret.stringData!);
    const env = (variables: EnvironmentSource): EnvironmentSource => ({ ...plainEnv, ...variables });
    const cwd = mkdtempSync(join(tmpdir(), 'k8s-'));
    const filledIn = Object.fromEntries(keys.map((key) => [key, REAL_SECRET_VALUES[key]]));

    expect(keys.sort()).toEqual(Object.keys(REAL_SECRET_VALUES).sort());
    expect(() => loadConfiguration(env(filledIn), cwd)).not.toThrow();
    for (const key of keys) {
      const { [key]: _left, ...without } = filledIn;
      expect({ key, refused: refuses(() => loadConfiguration(env(without), cwd)) }).toEqual({ key, refused: true });
    }
    expect(refuses(() => loadConfiguration(env(secret.stringData!), cwd))).toBe(true);
  });
});

function refuses(load: () => unknown): boolean {
  try {
    load();
    return false;
  } catch {
    return true;
  }
}
