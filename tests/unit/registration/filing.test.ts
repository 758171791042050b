import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '#domain/entity-types';
import { checklistFor } from '#domain/registration/catalogue';
import { checkAgentFiling } from '#domain/registration/filing';

const kinds = (...list: string[]) => list.map((kind) => ({ kind }));

describe('checkAgentFiling (市场主体登记管理条例 第十六条、第十八条)', () => {
  it("wants the agent's authorization of every entity type's checklist, as versioned data", () => {
    for (const entityType of ENTITY_TYPES)
      expect(checklistFor(entityType)).toContainEqual(
        expect.objectContaining({ kind: 'agent_authorization', required: false, requiredWhen: 'agent' }),
      );
  });

  it('refuses a filing by an agent without the authorization, with the article', () => {
    expect(checkAgentFiling('limited_liability_company', kinds('application_form'))).toEqual([
      expect.objectContaining({
        code: 'agent-material-missing',
        severity: 'block',
        path: 'materials',
        basis: '《市场主体登记管理条例》第十六条、第十八条',
      }),
    ]);
  });

  it('says nothing of the materials every filing needs: the workflow asks for those (补正)', () => {
    expect(checkAgentFiling('limited_liability_company', kinds('agent_authorization'))).toEqual([]);
    expect(checkAgentFiling('individual_business', kinds('agent_authorization'))).toEqual([]);
  });
});
