import { ROUTE } from '#contract/routes';
import { checkCreditCode } from '#domain/credit-code';
import { httpRoute, json } from '#http/route';

/** Any input up to 64 characters gets an answer: an invalid code is `valid:false` with its reason. */
export const check = httpRoute(ROUTE.CheckCreditCode, async ({ params }) =>
  json(200, checkCreditCode(params.code)),
);

/** A pure route: no port is needed, but every handler module is wired the same way. */
export const handlers = (_ports?: unknown) => ({ check });
