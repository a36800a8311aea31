import { defineErrors } from '#core';

export const CatalogError = defineErrors('CATALOG', {
  CATEGORY_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Teknikområdet finns inte.', en: 'Technology category not found.' },
  SUPPLIER_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Leverantören finns inte.', en: 'Supplier not found.' },
  PRODUCT_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Produkten finns inte.', en: 'Product not found.' },
  SUPPLIER_EXISTS: { code: 'CONFLICT', sv: 'Det finns redan en leverantör med namnet {name}.', en: 'A supplier named {name} already exists.' },
  PRODUCT_EXISTS: { code: 'CONFLICT', sv: 'Leverantören har redan en produkt {name} {model}.', en: 'The supplier already has a product {name} {model}.' },
  VERSION_EXISTS: { code: 'CONFLICT', sv: 'Version {version} finns redan för produkten.', en: 'Version {version} already exists for the product.' },
});
