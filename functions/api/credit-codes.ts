import { checkCreditCode } from '#domain/credit-code';
import { httpRoute, json } from '#http/route';
import { ROUTE } from '#shared/routes';

/** Any input up to 64 characters gets an answer: an invalid code is `valid:false` with its reason. */
export const check = httpRoute(ROUTE.CheckCreditCode, async ({ params }) =>
  json(200, checkCreditCode(params.code)),
);
