/**
 * docs/example-registration.json, the body the README tells integrators to paste: with its placeholders
 * filled it passes the schema, every rule decided at submission, and the auto-approval rules.
 */
import { describe, expect, it } from 'vitest';
import { RegistrationRequest } from '#contract/schemas/registration';
import { validateApplication } from '#domain/registration/application';
import { decide } from '#domain/registration/decision';
import example from '../../../docs/example-registration.json' with { type: 'json' };
import { ESTABLISHED_ON } from './fixtures.ts';

/** Where the README reserves the name (南山区). */
const AUTHORITY = '440305';

const filled = () =>
  RegistrationRequest.parse({ ...example, reservationId: 'res_01', materials: ['mat_1', 'mat_2'] });

describe('docs/example-registration.json', () => {
  it('keeps its placeholders where the README fills them', () => {
    expect(example.reservationId).toBe('RESERVATION_ID');
    expect(example.materials).toEqual(['MATERIAL_IDS']);
  });

  it('is a complete limited liability company body that the rules approve', () => {
    const app = filled();
    expect(app.entityType).toBe('limited_liability_company');
    expect(validateApplication(app, { establishedOn: ESTABLISHED_ON, authority: AUTHORITY })).toEqual([]);
    const decision = decide(app, {
      nameVerdict: 'available',
      missingMaterials: [],
      establishedOn: ESTABLISHED_ON,
    });
    expect(decision).toMatchObject({ outcome: 'approve', failedRules: [] });
  });
});
