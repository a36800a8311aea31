import { useQuery } from 'urql';
import { graphql } from '../app/graphql.js';
import { useLanguage } from '../app/i18n.js';
import { formatNumber } from '../app/format.js';

const OutcomesQuery = graphql(`
  query OtherCountiesOutcomes($productId: ID!) {
    otherCountiesOutcomes(productId: $productId) {
      id
      originName
      agreementTitle
      startsOn
      endsOn
      implementations
      followUps {
        wave
        suppressed
        due
        answered
      }
    }
  }
`);

/** What other counties' nodes shared about the same product (federation), each with its origin. */
export function OtherCountiesOutcomes({ products }: { products: { id: string; name: string }[] }) {
  const { t } = useLanguage();
  return (
    <section aria-labelledby="other-counties-heading" className="card">
      <h2 id="other-counties-heading">{t('federation.otherCounties')}</h2>
      {products.map((product) => (
        <ProductOutcomes key={product.id} product={product} />
      ))}
    </section>
  );
}

function ProductOutcomes({ product }: { product: { id: string; name: string } }) {
  const { t, lang } = useLanguage();
  const [result] = useQuery({ query: OutcomesQuery, variables: { productId: product.id } });
  const outcomes = result.data?.otherCountiesOutcomes ?? [];
  return (
    <>
      <h3>{product.name}</h3>
      {!result.fetching && !outcomes.length && <p className="muted">{t('federation.otherCountiesNone')}</p>}
      <ul className="plain-list">
        {outcomes.map((o) => (
          <li key={o.id}>
            <p className="origin">{t('federation.from', { name: o.originName })}</p>
            <p>
              {t('federation.outcome', {
                agreement: o.agreementTitle,
                startsOn: o.startsOn,
                endsOn: o.endsOn,
                implementations: formatNumber(o.implementations, lang),
              })}
            </p>
            {o.followUps.map((w) => (
              <p key={w.wave} className="muted">
                {w.suppressed
                  ? t('federation.waveSuppressed', { wave: w.wave })
                  : t('federation.wave', { wave: w.wave, answered: w.answered ?? 0, due: w.due ?? 0 })}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}
