/**
 * Pricing (issue 6): the org's demand, cost and discount rules, each kind in
 * its own table with the label the buyer reads beside it, and the policy that
 * caps them all. Admins and managers add, change, (de)activate and delete
 * rules; sellers read. The price simulator is one link away.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth.tsx';
import { PolicySummary } from '../pricing/policy-summary.tsx';
import '../pricing/pricing.css';
import { allProductsQuery, policyQuery, rulesQuery } from '../pricing/queries.ts';
import { RuleSection } from '../pricing/rule-section.tsx';
import { RULE_KINDS } from '../pricing/types.ts';
import { ErrorMessage } from '../ui/problem.tsx';

export function PricingPage() {
  const { t } = useTranslation('pricing');
  const tc = useTranslation().t;
  const me = useMe();
  const role = me.data?.user.role;
  const mayWrite = role === 'admin' || role === 'manager';
  const rules = useQuery(rulesQuery);
  const policy = useQuery(policyQuery);
  const products = useQuery(allProductsQuery);
  const [said, setSaid] = useState('');

  const failed = rules.error ?? policy.error ?? products.error;
  return (
    <section className="page pricing-page" aria-labelledby="pricing-title">
      <div className="page-head">
        <div>
          <h1 id="pricing-title">{t('title')}</h1>
          <p className="muted intro">{t('intro')}</p>
        </div>
        <Link className="button" to="/pricing/simulator">
          {t('simulator.link')}
        </Link>
      </div>
      {!mayWrite && me.data && <p className="read-only muted">{t('onlyRead')}</p>}
      <p className="said" role="status">
        {said}
      </p>
      {failed ? (
        <>
          <ErrorMessage error={failed} />
          <button
            type="button"
            onClick={() => {
              void rules.refetch();
              void policy.refetch();
              void products.refetch();
            }}
          >
            {tc('retry')}
          </button>
        </>
      ) : !rules.data || !policy.data || !products.data ? (
        <p className="loading" role="status">
          {tc('loading')}
        </p>
      ) : (
        <div className="pricing-grid">
          <div>
            {RULE_KINDS.map((kind) => (
              <RuleSection
                key={kind}
                kind={kind}
                rules={rules.data.filter((r) => r.kind === kind)}
                products={products.data}
                timeZone={policy.data.timeZone}
                mayWrite={mayWrite}
                onSaid={setSaid}
              />
            ))}
          </div>
          <PolicySummary policy={policy.data} admin={role === 'admin'} />
        </div>
      )}
    </section>
  );
}
