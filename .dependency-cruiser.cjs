/**
 * The layering rules of ../shared/architecture.md (Layers), checked by `npm test` (npm run lint:layers):
 * every arrow points down. A change that points one up fails CI with the rule's name.
 *
 *   domain ← contract ← ports ← app ← api / tasks (through http); adapters implement ports;
 *   infra/cloud and infra/local are the composition roots, the only code that picks adapters.
 */
const SDK = '^node_modules/(@aws-sdk|@smithy|@middy|@aws-lambda-powertools)/';
const LAYERS = {
  domain: '^functions/domain/',
  contract: '^functions/contract/',
  ports: '^functions/ports/',
  app: '^functions/app/',
  adapters: '^functions/adapters/',
  http: '^functions/http/',
  api: '^functions/api/',
  tasks: '^functions/tasks/',
};
/** Cross-cutting helpers with no store behind them: the logger and the opaque list cursors. */
const CROSS_CUTTING = '^functions/adapters/(logger|cursor)[.]ts$';

module.exports = {
  forbidden: [
    {
      name: 'functions-do-not-import-infra',
      comment: 'The contract lives under functions/; infra/ holds the composition roots that use it.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^infra/' },
    },
    {
      name: 'domain-is-the-ground-floor',
      comment: 'The domain imports no SDK, adapter, port, use case, HTTP, API or task module.',
      severity: 'error',
      from: { path: LAYERS.domain },
      to: {
        path: [
          SDK,
          LAYERS.contract,
          LAYERS.ports,
          LAYERS.app,
          LAYERS.adapters,
          LAYERS.http,
          LAYERS.api,
          LAYERS.tasks,
        ],
      },
    },
    {
      name: 'contract-sits-on-the-domain',
      comment: 'Routes, schemas, settings and the workflow registry name handlers by path; they import none.',
      severity: 'error',
      from: { path: LAYERS.contract },
      to: { path: [SDK, LAYERS.ports, LAYERS.app, LAYERS.adapters, LAYERS.http, LAYERS.api, LAYERS.tasks] },
    },
    {
      name: 'ports-are-interfaces',
      comment: 'A port names what the application needs, never how it is done.',
      severity: 'error',
      from: { path: LAYERS.ports },
      to: { path: [SDK, LAYERS.app, LAYERS.adapters, LAYERS.http, LAYERS.api, LAYERS.tasks] },
    },
    {
      name: 'use-cases-know-no-transport',
      comment: 'A use case takes its ports and returns a result or a domain error: no HTTP, API or task.',
      severity: 'error',
      from: { path: LAYERS.app },
      to: { path: [SDK, LAYERS.http, LAYERS.api, LAYERS.tasks] },
    },
    {
      name: 'handlers-and-tasks-import-no-sdk',
      comment: 'API handlers, the HTTP stack and workflow tasks reach AWS only through ports.',
      severity: 'error',
      from: { path: [LAYERS.api, LAYERS.http, LAYERS.tasks] },
      to: { path: '^node_modules/@aws-sdk/' },
    },
    {
      name: 'tasks-import-no-api',
      comment: 'A workflow task shares use cases with the API, never an API module.',
      severity: 'error',
      from: { path: LAYERS.tasks },
      to: { path: [LAYERS.api, LAYERS.http] },
    },
    {
      name: 'only-composition-roots-pick-adapters',
      comment:
        'infra/cloud and infra/local wire adapters into ports; functions/ above the adapters never import one.',
      severity: 'error',
      from: {
        path: [
          LAYERS.domain,
          LAYERS.contract,
          LAYERS.ports,
          LAYERS.app,
          LAYERS.http,
          LAYERS.api,
          LAYERS.tasks,
        ],
      },
      to: { path: LAYERS.adapters, pathNot: CROSS_CUTTING },
    },
    {
      name: 'adapters-serve-ports',
      comment: 'Adapters implement ports over the SDK; they do not call use cases or handlers.',
      severity: 'error',
      from: { path: LAYERS.adapters },
      to: { path: [LAYERS.app, LAYERS.http, LAYERS.api, LAYERS.tasks] },
    },
    {
      name: 'console-is-a-browser-client',
      comment:
        'console/ runs in the browser and talks to the API over HTTP: of the server code it reads the contract alone.',
      severity: 'error',
      from: { path: '^console/' },
      to: { path: ['^functions/', '^infra/', '^seeds/', '^workflows/'], pathNot: '^functions/contract/' },
    },
    {
      name: 'console-takes-only-types-from-the-contract',
      comment:
        "The contract's types check the console's reading of each response; none of its code ships to the browser.",
      severity: 'error',
      from: { path: '^console/' },
      to: { path: '^functions/contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle of values hides which module is the lower one (a type shared both ways is no cycle at run time).',
      severity: 'error',
      from: { path: '^functions/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    exclude: { path: ['^node_modules', '^cdk[.]out', '^[.]data'] },
  },
};
