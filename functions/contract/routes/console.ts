/**
 * The operators' web console (docs/console.md): a page and its two assets, public like any web page (the
 * console asks for an operator token itself and sends it only to the ops API). The API serves them in
 * both runtimes from files built beside the handler (infra/shared/console-bundle.ts).
 */
import * as z from 'zod';
import { API, type RouteSchema } from './types.ts';

const HANDLER = `${API}/console.ts`;

export const ConsoleAssetParams = z.object({
  file: z.string().regex(/^[a-z]{1,16}\.[a-z]{1,8}$/, 'not a console file'),
});

/** `v` is the content hash the page names the asset with: a match may be cached for good. */
export const ConsoleAssetQuery = z.object({ v: z.string().max(64).optional() });

export const CONSOLE_ROUTES = {
  ConsolePage: {
    id: 'ConsolePage',
    method: 'GET',
    path: '/console',
    handler: { entry: HANDLER, export: 'page' },
    access: 'public',
    summary: "The operators' web console (HTML; sign in with an operator token)",
    responses: { 200: { description: 'the console page (text/html)' } },
  },

  ConsoleAsset: {
    id: 'ConsoleAsset',
    method: 'GET',
    path: '/console/{file}',
    handler: { entry: HANDLER, export: 'asset' },
    access: 'public',
    summary: "The operators' console's script and style sheet",
    request: { params: ConsoleAssetParams, query: ConsoleAssetQuery },
    responses: {
      200: { description: 'the asset (application/javascript or text/css)' },
      404: { description: 'no such file' },
    },
  },
} as const satisfies Record<string, RouteSchema>;
