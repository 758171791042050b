/** The registration catalogue as the public reads it: checklists per entity type, and the business scope. */
import * as z from 'zod';
import { ENTITY_TYPES } from '#domain/entity-types';
import { MATERIAL_CONDITIONS } from '#domain/registration/catalogue';

export const ChecklistParams = z.object({ entityType: z.enum(ENTITY_TYPES) });

export const Checklist = z
  .object({
    entityType: z.enum(ENTITY_TYPES),
    version: z.string(),
    items: z.array(
      z.object({
        kind: z.string(),
        required: z.boolean(),
        description: z.string(),
        descriptionEn: z.string(),
        requiredWhen: z
          .enum(MATERIAL_CONDITIONS)
          .optional()
          .meta({ description: 'Required only when the application shows this condition' }),
      }),
    ),
  })
  .meta({ id: 'Checklist' });

export const ScopeQuery = z.object({
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ScopeItem = z
  .object({
    code: z.string(),
    name: z.string(),
    section: z.string().meta({ description: 'GB/T 4754-2017 section letter' }),
    preApproval: z.boolean().optional(),
    licensed: z.boolean().optional(),
    importExport: z.boolean().optional(),
  })
  .meta({ id: 'ScopeItem' });

export const ScopeResult = z.object({ items: z.array(ScopeItem) }).meta({ id: 'ScopeResult' });
