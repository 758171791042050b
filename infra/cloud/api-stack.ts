/**
 * The online hall: an HTTP API made from the one route table (functions/contract/routes.ts), one Lambda
 * function per cloud route, granted exactly the route's `grants`, behind a JWT authorizer that trusts the
 * platform's own token service (identity.ts). The gateway checks the token; every handler checks the role
 * and the resource's owner itself (architecture.md, Security model).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { routeTableGrant } from '#contract/item-families';
import { CLOUD_ROUTES, type RouteSchema } from '#contract/routes';
import { servesHead } from '#contract/routes/types';
import { WORKFLOWS } from '#contract/workflows';
import { reserveConcurrency } from './capacity.ts';
import type { CloudConfig } from './config.ts';
import { consoleDirectories } from './console-assets.ts';
import { runtimeEnvironment } from './environment.ts';
import { routeClass } from './front-door-rules.ts';
import {
  type DataRefs,
  grantDocumentsBucket,
  grantLicenseDocuments,
  grantLicenseKey,
  grantObserveExecutions,
  grantSealing,
  grantStartExecution,
  grantStatusListRefresh,
  grantStopExecution,
  grantTaskResponse,
} from './grants.ts';
import { PlatformIdentity } from './identity.ts';
import { acknowledge } from './nag.ts';
import { stateMachineName } from './naming.ts';
import { registryFunction } from './nodejs-function.ts';
import { grantRegistryTable } from './table-grants.ts';

export interface ApiStackProps extends StackProps {
  config: CloudConfig;
  data: DataRefs;
  /** The stack that owns the state machines, whose names (naming.ts) the grants are made of. */
  workflowStackName: string;
}

export interface DeployedRoute {
  route: RouteSchema;
  fn: NodejsFunction;
}

export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly routes: DeployedRoute[] = [];
  readonly identity: PlatformIdentity;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    const environment = runtimeEnvironment(this, config, data, props.workflowStackName);
    const machineName = (workflow: string) => {
      const schema = WORKFLOWS.find((w) => w.name === workflow);
      if (!schema) throw new Error(`a route grant names the unknown workflow '${workflow}'`);
      return stateMachineName(props.workflowStackName, schema);
    };

    this.api = new HttpApi(this, 'Api', {
      description: 'One-stop business registration: the online hall API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: config.webOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        exposeHeaders: ['retry-after', 'location'],
        maxAge: Duration.hours(1),
      },
    });

    // The platform is the one issuer the authorizer trusts; providers are exchanged for it (identity.ts).
    this.identity = new PlatformIdentity(this, 'Tokens', {
      config: config.identity,
      api: this.api,
      logLevel: config.logLevel,
    });
    const authorizer = this.identity.authorizer;

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttle,
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No bodies, headers or claims: only what tells an operator which request went where, and how.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of CLOUD_ROUTES) {
      const fn = registryFunction(this, route.id, {
        handler: route.handler,
        description: `${route.method} ${route.path}: ${route.summary}`.slice(0, 256),
        environment,
        directories: consoleDirectories(route),
      });
      reserveConcurrency(fn, route.id);
      const grants = route.grants ?? {};
      // The item families it declares, and an idempotent route's own idempotency records.
      grantRegistryTable(fn, data, routeTableGrant(route), { routeId: route.id });
      if (grants.documentsBucket) grantDocumentsBucket(fn, data, grants.documentsBucket);
      if (grants.startWorkflows) grantStartExecution(fn, grants.startWorkflows.map(machineName));
      if (grants.observeWorkflows)
        grantObserveExecutions(
          fn,
          WORKFLOWS.map((w) => machineName(w.name)),
        );
      if (grants.answerWorkflows) {
        grants.answerWorkflows.forEach(machineName); // an unknown workflow fails the synth
        grantTaskResponse(fn, grants.answerWorkflows);
      }
      if (grants.stopWorkflows) grantStopExecution(fn, grants.stopWorkflows.map(machineName));
      // A route seals what it submits, and may read it back: RouteGrants.sealing is both.
      if (grants.sealing) grantSealing(fn, data.sealingKey, 'seal');
      if (grants.licenseDocuments) grantLicenseDocuments(fn, data, grants.licenseDocuments);
      // The JWKS and the verification read the public key only; the status list alone signs (a list
      // past half its life is signed again when read: docs/decisions/0013-e-license.md).
      if (grants.statusListRefresh) grantStatusListRefresh(fn, data);
      else if (grants.licensePublicKey) grantLicenseKey(fn, data.licenseSigningKey, 'publicKey');
      if (grants.platformTokens) this.identity.grant(fn, grants.platformTokens);

      const isPublic = route.access === 'public';
      // The name check and search carry the province's 2,000 checks/s (docs/capacity.md).
      const classThrottle = routeClass(route) === 'nameChecks' ? config.nameThrottle : config.publicThrottle;
      // A public GET answers HEAD too (servesHead): an HTTP API matches by method, so HEAD needs its own route.
      const methods = servesHead(route) ? [HttpMethod.GET, HttpMethod.HEAD] : [HttpMethod[route.method]];
      const httpRoutes = this.api.addRoutes({
        path: route.path,
        methods,
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
        authorizer: isPublic ? undefined : authorizer,
      });
      httpRoutes.forEach((httpRoute, i) => {
        const key = `${methods[i]} ${route.path}`;
        if (isPublic)
          acknowledge(
            httpRoute,
            'AwsSolutions-APIG4',
            `${key} is public by the API contract (api.md): it needs no identity and answers nothing that belongs to a caller; the front door limits it per client address (front-door-rules.ts)${route.rateLimited ? ', and it is throttled per route at the stage' : ''}.`,
          );
        if (route.rateLimited) {
          // The stage's route settings name the route by key: it must exist first.
          this.stage.node.addDependency(httpRoute);
          routeSettings[key] = {
            ThrottlingRateLimit: classThrottle.rateLimit,
            ThrottlingBurstLimit: classThrottle.burstLimit,
          };
        }
      });
      this.routes.push({ route, fn });
    }
    // HttpStage has no per-route throttling property; the stage resource does.
    (this.stage.node.defaultChild as CfnStage).addPropertyOverride('RouteSettings', routeSettings);

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Base URL of the online hall API' });
    new CfnOutput(this, 'JwtIssuer', { value: this.identity.issuer, description: 'iss of accepted tokens' });
    new CfnOutput(this, 'JwtAudience', {
      value: this.identity.audience,
      description: 'aud of accepted tokens',
    });
    new CfnOutput(this, 'TokenSigningKeyArn', {
      value: this.identity.tokenKey.keyArn,
      description: 'KMS key (RSA_2048, SIGN_VERIFY) that signs platform tokens',
    });
    const pool = this.identity.userPool;
    if (pool) {
      new CfnOutput(this, 'UserPoolId', { value: pool.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: pool.client.userPoolClientId });
    }
  }
}
