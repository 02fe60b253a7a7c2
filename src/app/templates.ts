/** Process templates: the built-in B2B and consumer processes and an org's own. */
import { templateProblems, type TemplateDef } from '../domain/process.ts';
import { toJson } from '../store/json.ts';
import { findJourneysUsingTemplate } from '../store/templates-usage.ts';
import { findTemplate, findTemplateByKey, insertTemplate, listTemplates as listTemplateRows, replaceTemplateStages } from '../store/templates.ts';
import { type Actor, type AppContext, write } from './context.ts';
import { AppError, notFound } from './errors.ts';
import { requireAdmin } from './permissions.ts';
import { templateView } from './views.ts';

export async function listTemplates(ctx: AppContext, actor: Actor) {
  return (await listTemplateRows(ctx.store.db, actor.orgId)).map(templateView);
}

export async function getTemplate(ctx: AppContext, actor: Actor, id: string) {
  const row = await findTemplate(ctx.store.db, actor.orgId, id);
  if (!row) throw notFound('process template');
  return templateView(row);
}

function checked(def: TemplateDef): void {
  const problems = templateProblems(def);
  if (problems.length > 0) {
    throw new AppError('validation', `The process is not valid: ${problems.join('; ')}.`, {
      errors: problems.map((message) => ({ field: 'body.stages', message })),
    });
  }
}

export async function createTemplate(ctx: AppContext, actor: Actor, def: TemplateDef) {
  requireAdmin(actor);
  checked(def);
  if (await findTemplateByKey(ctx.store.db, actor.orgId, def.key)) throw new AppError('conflict', `A process with the key "${def.key}" already exists.`);
  return write(ctx, actor, async (w) => {
    const row = { org_id: actor.orgId, id: w.id(), key: def.key, name_sv: def.name.sv, name_en: def.name.en, stages: toJson(def.stages), builtin: 0, created_at: w.iso };
    await insertTemplate(w.tx, row);
    await w.audit('template.create', 'process_template', row.id, null, templateView(row));
    return templateView(row);
  });
}

/**
 * Replaces a custom template's stages. A stage that an open journey stands in
 * cannot be removed: that journey would be lost in the process.
 */
export async function replaceTemplate(ctx: AppContext, actor: Actor, id: string, def: Omit<TemplateDef, 'key'>) {
  requireAdmin(actor);
  const before = await findTemplate(ctx.store.db, actor.orgId, id);
  if (!before) throw notFound('process template');
  if (before.builtin === 1) throw new AppError('conflict', 'A built-in process cannot be changed; create your own from it.');
  checked({ ...def, key: before.key });
  const keys = new Set(def.stages.map((s) => s.key));
  const inUse = await findJourneysUsingTemplate(ctx.store.db, actor.orgId, id);
  const orphaned = [...new Set(inUse.map((j) => j.stage))].filter((s) => !keys.has(s));
  if (orphaned.length > 0) throw new AppError('conflict', `Open journeys stand in the stage(s) ${orphaned.join(', ')}; keep those stages or move the journeys first.`);
  return write(ctx, actor, async (w) => {
    const set = { name_sv: def.name.sv, name_en: def.name.en, stages: toJson(def.stages) };
    await replaceTemplateStages(w.tx, actor.orgId, id, set);
    const after = { ...before, ...set };
    await w.audit('template.replace', 'process_template', id, templateView(before), templateView(after));
    return templateView(after);
  });
}

