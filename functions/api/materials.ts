/**
 * POST /v1/materials: records what the uploader declares and answers with a presigned PUT bound to it.
 * The file never passes through the API; the workflow verifies the object by its SHA-256.
 */

import { requestMaterial } from '#app/materials/materials';
import { ROUTE } from '#contract/routes';
import { toCstIso } from '#domain/legal-time';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function handlers(ports: Pick<Ports, 'clock' | 'documents' | 'idempotency' | 'ids' | 'materials'>) {
  return {
    create: httpRoute(
      ROUTE.CreateMaterial,
      async ({ body, caller }) => {
        const { record, upload } = await requestMaterial(ports, body, caller);
        return json(201, {
          materialId: record.id,
          kind: record.kind,
          status: record.status,
          uploadUrl: upload.url,
          expiresAt: toCstIso(upload.expiresAt),
          requiredHeaders: upload.headers,
        });
      },
      ports,
    ),
  };
}
