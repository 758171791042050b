/** The e-license's public routes (api.md, Enterprises and licenses): parse, call the use case, map. */
import { getLicense, getLicensePdf, getStatusList, jwks } from '#app/license/read';
import { verifyCredential } from '#app/license/verify';
import { ROUTE } from '#contract/routes';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

/** Licenses change only by reissue or revocation: short caches keep a revocation visible within minutes. */
const SHORT_CACHE = { 'cache-control': 'public, max-age=60' };

export function handlers(
  ports: Pick<Ports, 'clock' | 'keyring' | 'licenseDocuments' | 'licenses' | 'licensing'>,
) {
  return {
    getOne: httpRoute(ROUTE.GetLicense, async ({ params }) =>
      json(200, await getLicense(ports, params.creditCode), SHORT_CACHE),
    ),

    getVersion: httpRoute(ROUTE.GetLicenseVersion, async ({ params }) =>
      json(200, await getLicense(ports, params.creditCode, params.version), SHORT_CACHE),
    ),

    pdf: httpRoute(ROUTE.GetLicensePdf, async ({ params }) => {
      const pdf = await getLicensePdf(ports, params.creditCode);
      return {
        status: 200,
        binary: pdf.bytes,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `inline; filename="license-${params.creditCode}-v${pdf.version}.pdf"`,
          'x-content-sha256': pdf.sha256,
          ...SHORT_CACHE,
        },
      };
    }),

    verify: httpRoute(ROUTE.VerifyLicense, async ({ body }) =>
      json(200, await verifyCredential(ports, body.credential), { 'cache-control': 'no-store' }),
    ),

    jwks: httpRoute(ROUTE.Jwks, async () =>
      json(200, await jwks(ports), { 'cache-control': 'public, max-age=3600' }),
    ),

    statusList: httpRoute(ROUTE.GetStatusList, async ({ params }) =>
      json(200, await getStatusList(ports, params.listId), { 'cache-control': 'public, max-age=300' }),
    ),
  };
}
