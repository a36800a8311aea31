import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Button } from '@midas-ds/components/button';
import { ListBoxItem } from '@midas-ds/components/list-box';
import { SearchField } from '@midas-ds/components/search-field';
import { Select } from '@midas-ds/components/select';
import { TextField } from '@midas-ds/components/textfield';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { ErrorSummary, Notice, Page } from '../ui/Page.js';
import { QueryState } from '../ui/QueryState.js';
import { ListCard, LoadMore } from '../ui/ListCard.js';
import { useConnection } from '../ui/useConnection.js';
import { useFormErrors } from '../ui/useFormErrors.js';
import { useOptional } from '../ui/optional.js';

const CatalogueQuery = graphql(`
  query Catalogue {
    suppliers {
      id
      name
      organizationNumber
    }
    standards {
      id
      key
      name
    }
    technologyCategories {
      key
      labelSv
      labelEn
    }
  }
`);

const ProductsQuery = graphql(`
  query CatalogueProducts($search: String, $first: Int, $after: String) {
    products(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        model
        currentVersion
        category {
          labelSv
          labelEn
        }
        supplier {
          name
        }
        versions {
          version
        }
      }
    }
  }
`);

const SystemsQuery = graphql(`
  query CatalogueSystems($search: String, $first: Int, $after: String) {
    systems(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        vendorName
        currentVersion
        kind {
          labelSv
          labelEn
        }
        versions {
          version
        }
      }
    }
  }
`);

const CreateSupplier = graphql(`
  mutation CreateSupplier($input: CreateSupplierInput!) {
    createSupplier(input: $input) {
      id
      name
    }
  }
`);
const CreateProduct = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      name
    }
  }
`);

const CATALOGUE_CONTEXT = { additionalTypenames: ['Supplier', 'Product'] };

/** Node staff's catalogue: suppliers, products with versions, systems with versions, standards; new suppliers and products. */
export default function CataloguePage() {
  const { t, lang } = useLanguage();
  const [params, setParams] = useSearchParams();
  const search = params.get('sok') ?? '';
  const [{ data, fetching, error }] = useQuery({ query: CatalogueQuery, context: CATALOGUE_CONTEXT });
  const listOf = { variables: { search: search || null }, context: CATALOGUE_CONTEXT };
  const products = useConnection({ query: ProductsQuery, ...listOf, pick: (d) => d.products });
  const systems = useConnection({ query: SystemsQuery, ...listOf, pick: (d) => d.systems });
  const [notice, setNotice] = useState<string | null>(null);
  const label = (c: { labelSv: string; labelEn: string }) => (lang === 'sv' ? c.labelSv : c.labelEn);
  return (
    <Page title={t('catalogue.title')}>
      <div className="narrow">
        <SearchField
          label={t('catalogue.search')}
          placeholder={t('catalogue.searchPlaceholder')}
          defaultValue={search}
          onSubmit={(v) => setParams(v.trim() ? { sok: v.trim() } : {})}
          onClear={() => setParams({})}
        />
      </div>
      {notice && <Notice>{notice}</Notice>}
      <QueryState
        fetching={fetching || products.fetching}
        error={error ?? products.error ?? systems.error}
        hasData={!!data && products.hasData && systems.hasData}
      >
        {data && (
          <>
            <ListCard
              id="products"
              title={t('catalogue.products', { count: products.totalCount ?? 0 })}
              items={products.nodes}
              rowKey={(p) => p.id}
              empty={t('app.empty')}
              scroll
              columns={[
                {
                  header: t('agreement.product'),
                  cell: (p) => (
                    <>
                      {p.name}
                      {p.model && <span className="muted"> {p.model}</span>}
                    </>
                  ),
                },
                { header: t('agreement.supplier'), cell: (p) => p.supplier.name },
                { header: t('procurement.category'), cell: (p) => label(p.category) },
                { header: t('catalogue.versions'), cell: (p) => p.versions.map((v) => v.version).join(', ') || '–' },
              ]}
              after={<LoadMore list={products} />}
            />
            <ListCard
              id="systems"
              title={t('catalogue.systems', { count: systems.totalCount ?? 0 })}
              items={systems.nodes}
              rowKey={(s) => s.id}
              empty={t('app.empty')}
              scroll
              columns={[
                { header: t('landscape.system'), cell: (s) => s.name },
                { header: t('catalogue.vendor'), cell: (s) => s.vendorName },
                { header: t('landscape.kind'), cell: (s) => label(s.kind) },
                { header: t('catalogue.versions'), cell: (s) => s.versions.map((v) => v.version).join(', ') || '–' },
              ]}
              after={<LoadMore list={systems} />}
            />
            <div className="overview-figures">
              <NewSupplier onCreated={(name) => setNotice(t('catalogue.supplierCreated', { name }))} />
              <NewProduct
                suppliers={data.suppliers}
                categories={data.technologyCategories.map((c) => ({ id: c.key, name: label(c) }))}
                onCreated={(name) => setNotice(t('catalogue.productCreated', { name }))}
              />
            </div>
            <section aria-labelledby="standards-heading" className="card">
              <h2 id="standards-heading">{t('catalogue.standards')}</h2>
              <ul className="plain-list">
                {data.standards.map((s) => (
                  <li key={s.id}>{s.name}</li>
                ))}
              </ul>
            </section>
          </>
        )}
      </QueryState>
    </Page>
  );
}

function NewSupplier({ onCreated }: { onCreated: (name: string) => void }) {
  const { t } = useLanguage();
  const [name, setName] = useState('');
  const [orgNumber, setOrgNumber] = useState('');
  const optional = useOptional();
  const form = useFormErrors(['name', 'organizationNumber'], {
    name: { label: t('catalogue.supplierName') },
    organizationNumber: { label: t('catalogue.orgNumber') },
  });
  const [state, create] = useMutation(CreateSupplier);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ input: { name: name.trim(), organizationNumber: orgNumber.trim() || null } });
    if (form.show(result.error)) return;
    onCreated(result.data!.createSupplier.name);
    setName('');
    setOrgNumber('');
  };
  return (
    <section aria-labelledby="new-supplier" className="card">
      <h2 id="new-supplier">{t('catalogue.newSupplier')}</h2>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack">
        <TextField
          label={t('catalogue.supplierName')}
          isRequired
          value={name}
          onChange={setName}
          {...form.field('name')}
        />
        <TextField
          label={optional(t('catalogue.orgNumber'))}
          value={orgNumber}
          onChange={setOrgNumber}
          {...form.field('organizationNumber')}
        />
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('catalogue.create')}
        </Button>
      </form>
    </section>
  );
}

function NewProduct({
  suppliers,
  categories,
  onCreated,
}: {
  suppliers: { id: string; name: string }[];
  categories: { id: string; name: string }[];
  onCreated: (name: string) => void;
}) {
  const { t } = useLanguage();
  const [values, setValues] = useState({ name: '', supplierId: '', category: '', version: '' });
  const optional = useOptional();
  const choose = (label: string) => ({ label, required: t('form.problem.choose', { label }) });
  const form = useFormErrors(['name', 'supplierId', 'category', 'versions'], {
    name: { label: t('catalogue.productName') },
    supplierId: choose(t('agreement.supplier')),
    category: choose(t('procurement.category')),
    versions: { label: t('catalogue.firstVersion') },
  });
  const [state, create] = useMutation(CreateProduct);
  const set = (name: keyof typeof values, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({
      input: {
        name: values.name.trim(),
        supplierId: values.supplierId,
        category: values.category,
        versions: values.version.trim() ? [{ version: values.version.trim() }] : [],
      },
    });
    if (form.show(result.error)) return;
    onCreated(result.data!.createProduct.name);
    setValues({ name: '', supplierId: '', category: '', version: '' });
  };
  return (
    <section aria-labelledby="new-product" className="card">
      <h2 id="new-product">{t('catalogue.newProduct')}</h2>
      <ErrorSummary messages={form.summary} />
      <form onSubmit={submit} noValidate className="stack">
        <TextField
          label={t('catalogue.productName')}
          isRequired
          value={values.name}
          onChange={(v) => set('name', v)}
          {...form.field('name')}
        />
        <Select
          label={t('agreement.supplier')}
          placeholder={t('app.choose')}
          isRequired
          items={suppliers}
          selectedKey={values.supplierId || null}
          onSelectionChange={(k) => k !== null && set('supplierId', String(k))}
          {...form.field('supplierId')}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
        <Select
          label={t('procurement.category')}
          placeholder={t('app.choose')}
          isRequired
          items={categories}
          selectedKey={values.category || null}
          onSelectionChange={(k) => k !== null && set('category', String(k))}
          {...form.field('category')}
        >
          {(item) => <ListBoxItem id={item.id}>{item.name}</ListBoxItem>}
        </Select>
        <TextField
          label={optional(t('catalogue.firstVersion'))}
          value={values.version}
          onChange={(v) => set('version', v)}
          {...form.field('versions')}
        />
        <Button type="submit" variant="primary" isDisabled={state.fetching}>
          {t('catalogue.create')}
        </Button>
      </form>
    </section>
  );
}
