/**
 * A strict reader of Prometheus' text exposition format (version 0.0.4), for tests: every line
 * is a HELP, a TYPE or a sample of a family declared before it, or the read throws.
 */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface PrometheusFamily {
  readonly help: string;
  readonly type: string;
}

export interface PrometheusScrape {
  readonly families: ReadonlyMap<string, PrometheusFamily>;
  readonly samples: readonly PrometheusSample[];
  /** The value of the sample with exactly these labels, 0 when there is none yet. */
  value(name: string, labels?: Readonly<Record<string, string>>): number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const HELP = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

export function parsePrometheusText(text: string): PrometheusScrape {
  const help = new Map<string, string>();
  const families = new Map<string, PrometheusFamily>();
  const samples: PrometheusSample[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const fail = (why: string): never => {
      throw new Error(`Line ${index + 1} ${why}: ${line}`);
    };
    if (line === '') continue;
    const helpLine = HELP.exec(line);
    if (helpLine !== null) {
      help.set(helpLine[1]!, helpLine[2]!);
      continue;
    }
    const typeLine = TYPE.exec(line);
    if (typeLine !== null) {
      const name = typeLine[1]!;
      if (families.has(name)) fail('declares a family twice');
      families.set(name, { help: help.get(name) ?? fail('has a TYPE without a HELP before it'), type: typeLine[2]! });
      continue;
    }
    const sample = SAMPLE.exec(line) ?? fail('is neither a comment nor a sample');
    const name = sample[1]!;
    if (familyOf(name, families) === undefined) fail('is a sample of no declared family');
    const value = parseValue(sample[3]!) ?? fail('has no number');
    samples.push({ name, labels: parseLabels(sample[2] ?? '', fail), value });
  }
  return {
    families,
    samples,
    value(name, labels = {}) {
      const wanted = JSON.stringify(Object.entries(labels).sort());
      const found = samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted);
      return found?.value ?? 0;
    },
  };
}

/** A float as Go's ParseFloat reads it, which Prometheus uses: NaN and ±Inf in any case too. */
function parseValue(text: string): number | undefined {
  const special: Readonly<Record<string, number>> = { nan: NaN, inf: Infinity, '+inf': Infinity, '-inf': -Infinity };
  const value = special[text.toLowerCase()] ?? Number(text);
  return Number.isNaN(value) && text.toLowerCase() !== 'nan' ? undefined : value;
}

function familyOf(sampleName: string, families: ReadonlyMap<string, PrometheusFamily>): string | undefined {
  if (families.has(sampleName)) return sampleName;
  for (const [family, { type }] of families) {
    if ((SUFFIXES[type] ?? []).some((suffix) => suffix !== '' && sampleName === family + suffix)) return family;
  }
  return undefined;
}

function parseLabels(text: string, fail: (why: string) => never): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const label = LABEL.exec(text) ?? fail('has malformed labels');
    labels[label[1]!] = label[2]!.replace(/\\(.)/g, (_all, escaped: string) => (escaped === 'n' ? '\n' : escaped));
  }
  return labels;
}
