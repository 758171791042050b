/**
 * Who files the application. An applicant filing online files for themselves; a bank clerk at the
 * counter files for the applicant, as their agent, so the checklist's `agent` materials (the applicant's
 * authorization of the agent, seeds/registration/checklists.json) are required and checked at once: the
 * clerk has them in hand, and without them nobody may file in the applicant's name.
 */
import type { EntityType } from '../entity-types.ts';
import { checklistFor, missingMaterials } from './catalogue.ts';
import { type Reason, reason } from './types.ts';

const AGENT_BASIS = '《市场主体登记管理条例》第十六条、第十八条';

/** The kinds the checklist requires of a filing by an agent that `provided` lacks, as findings. */
export function checkAgentFiling(
  entityType: EntityType,
  provided: ReadonlyArray<{ kind: string }>,
): Reason[] {
  const always = new Set(missingMaterials(entityType, provided));
  const items = new Map(checklistFor(entityType).map((i) => [i.kind, i]));
  return missingMaterials(entityType, provided, ['agent'])
    .filter((kind) => !always.has(kind))
    .map((kind) =>
      reason(
        'agent-material-missing',
        'block',
        'materials',
        `代为申请的，应当提交：${items.get(kind)?.description ?? kind}`,
        `A filing by an agent includes: ${items.get(kind)?.descriptionEn ?? kind}`,
        AGENT_BASIS,
      ),
    );
}
