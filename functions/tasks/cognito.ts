/**
 * The Cognito user pool's pre-token-generation trigger (the global regions' option, off by default:
 * docs/decisions/0017-identity.md). Not a workflow task: it lives with the tasks because it has their
 * shape, an event in and a result out, no HTTP and no port. The claims are the domain's.
 */
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { cognitoTokenClaims } from '#domain/identity/cognito';

export const handlers = (_ports?: unknown) => ({
  preTokenGeneration: async (event: PreTokenGenerationTriggerEvent) => {
    event.response = { claimsOverrideDetails: cognitoTokenClaims(event.request.userAttributes) };
    return event;
  },
});
