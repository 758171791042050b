/** The entity types in scope (domain.md, Registration): one list for the API, the names rules and registration. */
export const ENTITY_TYPES = [
  'limited_liability_company',
  'joint_stock_company',
  'sole_proprietorship',
  'partnership',
  'individual_business',
  'farmer_cooperative',
  'foreign_invested_company',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];
