/**
 * POST /v1/materials: records what the uploader declares and answers with a presigned PUT bound to it.
 * The file never passes through the API (no body limit, no Lambda time spent on bytes); the workflow
 * verifies the object later, by its SHA-256.
 */
import { MaterialService } from '#adapters/materials';
import { toCstIso } from '#domain/legal-time';
import { httpRoute, json } from '#http/route';
import { ROUTE } from '#shared/routes';

let service: MaterialService | undefined;

export const create = httpRoute(ROUTE.CreateMaterial, async ({ body, caller }) => {
  service ??= new MaterialService();
  const { record, upload } = await service.request(body, caller);
  return json(201, {
    materialId: record.id,
    kind: record.kind,
    status: record.status,
    uploadUrl: upload.url,
    expiresAt: toCstIso(upload.expiresAt),
    requiredHeaders: upload.headers,
  });
});
