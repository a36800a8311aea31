import { defineErrors } from '#core';

export const CatalogError = defineErrors('CATALOG', {
  CATEGORY_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Teknikområdet finns inte.', en: 'Technology category not found.' },
  SUPPLIER_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Leverantören finns inte.', en: 'Supplier not found.' },
  PRODUCT_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Produkten finns inte.', en: 'Product not found.' },
  SUPPLIER_EXISTS: {
    code: 'CONFLICT',
    sv: 'Det finns redan en leverantör med namnet {name}.',
    en: 'A supplier named {name} already exists.',
  },
  PRODUCT_EXISTS: {
    code: 'CONFLICT',
    sv: 'Leverantören har redan en produkt {name} {model}.',
    en: 'The supplier already has a product {name} {model}.',
  },
  VERSION_EXISTS: {
    code: 'CONFLICT',
    sv: 'Version {version} finns redan för produkten.',
    en: 'Version {version} already exists for the product.',
  },
  SYSTEM_KIND_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Systemtypen finns inte.', en: 'System kind not found.' },
  SYSTEM_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Systemet finns inte.', en: 'System not found.' },
  STANDARD_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Standarden finns inte.', en: 'Standard not found.' },
  ORGANIZATION_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Organisationen finns inte.', en: 'Organisation not found.' },
  STATEMENT_NOT_FOUND: {
    code: 'NOT_FOUND',
    sv: 'Kompatibilitetsuppgiften finns inte.',
    en: 'Compatibility statement not found.',
  },
  SYSTEM_NOT_RUN: {
    code: 'NOT_FOUND',
    sv: 'Organisationen har inte systemet i sitt systemlandskap.',
    en: 'The organisation does not run this system.',
  },
  SYSTEM_EXISTS: {
    code: 'CONFLICT',
    sv: 'Det finns redan ett system {name} från {vendor}.',
    en: 'There already is a system {name} from {vendor}.',
  },
  SYSTEM_VERSION_EXISTS: {
    code: 'CONFLICT',
    sv: 'Version {version} finns redan för systemet.',
    en: 'Version {version} already exists for the system.',
  },
  RANGE_EMPTY: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: ange ett versionsintervall, t.ex. ">=2.1 <3", "2.x" eller "*".',
    en: 'Field {field}: give a version range, e.g. ">=2.1 <3", "2.x" or "*".',
  },
  RANGE_UNPARSABLE: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: "{range}" är inget versionsintervall. Skriv t.ex. ">=2.1 <3", "2.x" eller "*".',
    en: 'Field {field}: "{range}" is not a version range. Write e.g. ">=2.1 <3", "2.x" or "*".',
  },
  RANGE_UNSATISFIABLE: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: ingen version ryms i "{range}" (är gränserna omkastade?).',
    en: 'Field {field}: no version satisfies "{range}" (are the bounds inverted?).',
  },
  INVALID_VERSION: {
    code: 'BAD_USER_INPUT',
    sv: 'Fältet {field}: "{version}" är ingen version (t.ex. 2, 2.1 eller 2.1.3).',
    en: 'Field {field}: "{version}" is not a version (e.g. 2, 2.1 or 2.1.3).',
  },
  TARGET_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Ange antingen ett system eller en standard, inte båda.',
    en: 'Give either a system or a standard, not both.',
  },
  SYSTEM_VERSIONS_WITHOUT_SYSTEM: {
    code: 'BAD_USER_INPUT',
    sv: 'Systemversioner kan bara anges tillsammans med ett system.',
    en: 'System versions can only be given with a system.',
  },
  NOTE_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Beskriv i en anteckning vad som fungerar när stödet är partiellt.',
    en: 'A note is required for PARTIAL: describe what works.',
  },
  TEST_PROTOCOL_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'Testat i länet kräver ett testprotokoll.',
    en: 'COUNTY_TESTED requires a test protocol.',
  },
  VALIDITY_INVERTED: {
    code: 'BAD_USER_INPUT',
    sv: 'Giltigt till ligger före giltigt från.',
    en: 'Valid to is before valid from.',
  },
});
