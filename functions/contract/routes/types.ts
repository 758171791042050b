/**
 * The shape of the route table. The CDK API stack makes one Lambda and one HTTP API route of each entry, the
 * local server serves the same entries with the same handlers, and GET /openapi.json is generated from
 * the same schemas. Roles here are documentation and the gateway's first line; every handler checks the
 * caller's role and the resource's owner again itself.
 */
import type { z } from 'zod';
import type { Role } from '#domain/caller';
import type { TableGrant } from '../item-families.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteSchema {
  /** Stable id: the Lambda's logical id in CDK and the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/names/reservations/{id}`. */
  path: string;
  handler: { entry: string; export: string };
  /** `public` needs no token; otherwise the roles the gateway lets through. */
  access: 'public' | readonly Role[];
  /** Served by the local runtime only (the dev token issuer); absent in the cloud. */
  localOnly?: boolean;
  /** Public routes are rate-limited per client address. */
  rateLimited?: boolean;
  /** Honours the Idempotency-Key header. */
  idempotent?: boolean;
  /** What the handler touches, so that CDK grants exactly that (least privilege). */
  grants?: RouteGrants;
  summary: string;
  request?: { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType };
  responses: Readonly<Record<number, { description: string; schema?: z.ZodType }>>;
}

export interface RouteGrants {
  /** The registry table's item families the handler reads and writes, and the index partitions it queries. */
  registryTable?: TableGrant;
  /**
   * Materials (`materials/` of the documents bucket): `write` is PutObject only (a presigned upload is
   * signed with the function's own credentials), `read` GetObject with ListBucket on the prefix.
   */
  documentsBucket?: 'read' | 'write' | 'readWrite';
  /** Workflows (by name) the handler starts executions of. */
  startWorkflows?: readonly string[];
  /** Reads the executions and histories of every workflow (the operators' view). */
  observeWorkflows?: boolean;
  /** Workflows (by name) whose callback tasks the handler answers (SendTaskSuccess/Failure). */
  answerWorkflows?: readonly string[];
  /** Workflows (by name) whose executions the handler stops (a withdrawal). */
  stopWorkflows?: readonly string[];
  /** Seals and unseals personal data with the sealing key (KMS in AWS). */
  sealing?: boolean;
  /** Reads the license PDFs (`licenses/` of the documents bucket). */
  licenseDocuments?: 'read';
  /** Reads the license signing key's public half (kms:GetPublicKey), for the JWKS; never signs. */
  licensePublicKey?: boolean;
  /**
   * Signs a status list again and writes it back: kms:Sign with the license key (and GetPublicKey for
   * its kid), and UpdateItem on status-list items only. The status-list route, which signs a list read
   * past half its life (docs/decisions/0013-e-license.md).
   */
  statusListRefresh?: boolean;
  /**
   * The platform's token service (docs/decisions/0017-identity.md): `sign` issues platform tokens
   * (kms:Sign and GetPublicKey on the token key only, and the providers), `publicKey` publishes the key
   * (GetPublicKey), `issuer` serves the discovery document (the issuer's URL, no key at all).
   */
  platformTokens?: 'sign' | 'publicKey' | 'issuer';
}

/**
 * HEAD is answered wherever a public route is GET: the same handler, the same status and headers, no
 * body (http/route.ts `forMethod`). The local server routes HEAD to it; the cloud deploys a HEAD route
 * beside it, since an HTTP API matches routes by method and answers HEAD 404 where none is declared.
 */
export const servesHead = (route: Pick<RouteSchema, 'method' | 'access'>) =>
  route.method === 'GET' && route.access === 'public';

/** Where the API handler modules live. */
export const API = 'functions/api';
