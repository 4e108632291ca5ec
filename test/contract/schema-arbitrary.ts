import fc from 'fast-check';
import type { JsonSchema } from './contract-operations';

/**
 * Values a JSON schema (of the OpenAPI 3.0 kind our document uses) accepts, as a fast-check
 * arbitrary: the "valid" half of the contract test's requests. Covers what @nestjs/swagger
 * writes: enum, string formats and lengths, integer and number bounds, booleans, objects with
 * required and optional properties, arrays, allOf, oneOf/anyOf, nullable.
 */
export function valuesOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  const value = baseValuesOf(schema);
  return schema.nullable === true ? fc.oneof(value, fc.constant(null)) : value;
}

function baseValuesOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum !== undefined) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.allOf !== undefined) return valuesOf(Object.assign({}, ...(schema.allOf as JsonSchema[])) as JsonSchema);
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map(valuesOf));
  switch (schema.type) {
    case 'string':
      return stringsOf(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valuesOf((schema.items ?? {}) as JsonSchema), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object':
    case undefined:
      return objectsOf(schema);
    default:
      return fc.anything();
  }
}

function stringsOf(schema: JsonSchema): fc.Arbitrary<string> {
  const examples: fc.Arbitrary<string>[] = schema.example === undefined ? [] : [fc.constant(String(schema.example))];
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
  const strings = fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 200) });
  // The example is a value the API takes; random text mostly meets the validation.
  return examples.length > 0 ? fc.oneof({ weight: 3, arbitrary: examples[0] }, { weight: 1, arbitrary: strings }) : strings;
}

function objectsOf(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valuesOf(property)]));
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((name) => name in model) });
}
