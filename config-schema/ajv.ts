// Schema validation with ajv: checks types, fills defaults, and keeps the wizard's annotations legal.
// `validate` uses a validator precompiled at build time (scripts/build-validator.mjs): loading ajv
// and compiling the schema would cost ~180 ms on every run. The wizard compiles small pieces live.
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import * as formats from './formats.js';
import { type SchemaNode } from './schema.js';

export const ANNOTATIONS = ['x-menu', 'x-prompt', 'x-depends-on', 'x-default-from', 'x-wizard'];
export const AJV_OPTIONS: Options = { allErrors: true, useDefaults: true, strict: true, allowUnionTypes: true };

export function newAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format as never);
  for (const keyword of ANNOTATIONS) ajv.addKeyword({ keyword, schemaType: ['string', 'object'] });
  return ajv;
}

/** A validator for one value in isolation (the wizard checks each answer as it is typed). */
export function validatorFor(node: SchemaNode): (value: unknown) => ErrorObject[] {
  const fn: ValidateFunction = newAjv().compile({ ...node, default: undefined });
  return (value) => (fn(value) ? [] : [...(fn.errors ?? [])]);
}
