/** `h2h loyalty recompute` (every tier now) and `h2h loyalty model` (the BG/NBD fit on the org's orders, for a person or as JSON). */
import { Command, Option } from 'commander';
import { loyaltyModel, loyaltySummary, recomputeLoyalty } from '../app/loyalty.ts';
import { CliError, openConfigured, resolveOrg } from './open.ts';

export function loyaltyCommand(program: Command): void {
  const loyalty = program.command('loyalty').description('loyalty figures from the org’s orders');

  loyalty
    .command('recompute')
    .description('recompute every account’s figures and tier, and refit the quintile cuts and the model, now')
    .option('--org <id>', 'the org id (needed when the database has more than one org)')
    .action(async (opts: { org?: string }) => {
      const { ctx, close } = await openConfigured();
      try {
        const org = await resolveOrg(ctx, opts.org);
        const r = await recomputeLoyalty(ctx, { orgId: org.id, userId: null, role: 'admin', kind: 'system' }, 'recompute');
        const s = await loyaltySummary(ctx, { orgId: org.id, userId: null, role: 'admin', kind: 'system' }, {});
        console.log(`Recomputed loyalty for ${r.accounts.toLocaleString('en-US')} accounts with orders in ${(r.durationMs / 1000).toFixed(1)} s; ${r.changed.toLocaleString('en-US')} changed tier.`);
        console.log(`  ${s.tiers.map((t) => `${t.tier} ${t.accounts.toLocaleString('en-US')}`).join(' · ')}`);
        if (!s.model) console.log('  no model yet: the orders are too few or too even to tell who has left');
      } finally {
        await close();
      }
    });

  loyalty
    .command('model')
    .description('fit the BG/NBD model (who is still a customer) on the orders up to --as-of, by maximum likelihood')
    .requiredOption('--as-of <date>', 'the last day of history to fit on (YYYY-MM-DD)')
    .addOption(new Option('--unit <unit>', 'the time unit of the fit').choices(['week', 'day']).default('week'))
    .option('--json', 'print the fit as JSON')
    .option('--org <id>', 'the org id (needed when the database has more than one org)')
    .action(async (opts: { asOf: string; unit: 'week' | 'day'; json?: boolean; org?: string }) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf) || Number.isNaN(Date.parse(`${opts.asOf}T00:00:00Z`))) throw new CliError(`--as-of must be a date as YYYY-MM-DD, not "${opts.asOf}"`);
      const { ctx, close } = await openConfigured();
      try {
        const org = await resolveOrg(ctx, opts.org);
        const fit = await loyaltyModel(ctx, { orgId: org.id, userId: null, role: 'admin', kind: 'system' }, { asOf: opts.asOf, unit: opts.unit });
        if (opts.json) {
          console.log(JSON.stringify(fit, null, 2));
          return;
        }
        const p = (n: number) => n.toPrecision(6);
        console.log(`BG/NBD on ${fit.customers.toLocaleString('en-US')} customers' orders up to ${fit.asOf}, in ${fit.unit}s:`);
        console.log(`  r ${p(fit.r)}  alpha ${p(fit.alpha)}  a ${p(fit.a)}  b ${p(fit.b)}  log-likelihood ${fit.logLikelihood.toFixed(2)}`);
        if (!fit.converged) console.log('  the fit did not settle: the history may be too short or too even to tell who has left');
      } finally {
        await close();
      }
    });
}
