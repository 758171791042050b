import * as z from 'zod';
import { ENTITY_TYPES } from '#domain/entity-types';
import { DivisionCode } from './common.ts';

export const EntityType = z.enum(ENTITY_TYPES);

/** An enterprise name: Chinese text, bounded so a huge body cannot make a check slow. */
export const EnterpriseName = z.string().trim().min(2, 'a name has at least 2 characters').max(100);

export const NameCheckRequest = z
  .object({ name: EnterpriseName, division: DivisionCode })
  .meta({ id: 'NameCheckRequest' });

export const Finding = z
  .object({
    rule: z.string(),
    severity: z.enum(['block', 'warn', 'info']),
    message: z.string(),
    messageEn: z.string(),
    basis: z.string(),
    conflictsWith: z
      .object({ name: z.string(), status: z.string(), creditCode: z.string().optional() })
      .optional(),
  })
  .meta({ id: 'Finding' });

export const NameCheckResult = z
  .object({
    name: z.string(),
    verdict: z.enum(['available', 'similar', 'unavailable']),
    parts: z.object({
      region: z.string().nullable(),
      tradeName: z.string(),
      industry: z.string().nullable(),
      organizationForm: z.string().nullable(),
    }),
    findings: z.array(Finding),
    ruleVersion: z.string(),
  })
  .meta({ id: 'NameCheckResult' });

const IdNumber = z.string().trim().min(5).max(32);

export const ReservationRequest = z
  .object({
    name: EnterpriseName,
    division: DivisionCode,
    entityType: EntityType,
    preApprovalRequired: z.boolean().default(false),
    holder: z.object({ name: z.string().trim().min(1).max(100), idNumber: IdNumber }).optional(),
  })
  .meta({ id: 'ReservationRequest' });

export const ReservationStatus = z.enum(['reserved', 'consumed', 'released', 'expired']);

export const Reservation = z
  .object({
    id: z.string(),
    name: z.string(),
    division: z.string(),
    entityType: EntityType,
    status: ReservationStatus,
    reservedAt: z.string(),
    expiresAt: z.string(),
    holderName: z.string().optional(),
  })
  .meta({ id: 'Reservation' });

export const ReservationParams = z.object({
  id: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'not a reservation id'),
});

export const NameSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'search with at least two characters of a trade name, or its pinyin')
    .max(50)
    .regex(/^(\p{Script=Han}+|[A-Za-z]+)$/u, 'a trade name in Chinese characters, or its pinyin in letters'),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const NameSearchHit = z
  .object({
    name: z.string(),
    status: z.enum(['registered', 'reserved']),
    creditCode: z.string().optional(),
  })
  .meta({ id: 'NameSearchHit', description: 'A reserved name shows as reserved, never with its holder' });
