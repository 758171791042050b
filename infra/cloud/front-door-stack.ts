/**
 * The public front door (docs/decisions/0018-front-door.md): AWS WAF cannot attach to an HTTP API, so a
 * regional REST API with a regional web ACL stands in front of it and forwards every request, unchanged,
 * to the HTTP API. The HTTP API keeps its routes, its JWT authorizer and its payload 2.0 events, so the
 * handlers see in the cloud what the local server gives them. Both exist in the China regions.
 *
 *   client ─► REST API stage `api` (web ACL: per-address rate rules) ─HTTP_PROXY─► HTTP API ─► Lambda
 *
 * The web ACL counts requests per client address in each route class (front-door-rules.ts) and answers
 * 429 problem+json with Retry-After, as the local server does (docs/decisions/0008-rate-limits.md).
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  EndpointType,
  HttpIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { type FrontDoorLimits, webAclRules } from './front-door-rules.ts';
import { acknowledge } from './nag.ts';

/** The REST stage: the first segment of the front door's own URL (a custom domain maps it away). */
export const FRONT_DOOR_STAGE = 'api';

/** The header that carries the client's address to the HTTP API (its own sourceIp is the front door's). */
export const CLIENT_ADDRESS_HEADER = 'X-Forwarded-For';

export interface FrontDoorStackProps extends StackProps {
  /** The HTTP API's endpoint, `https://<id>.execute-api.<region>.<suffix>` (its `$default` stage). */
  httpApiEndpoint: string;
  limits: FrontDoorLimits;
}

export class FrontDoorStack extends Stack {
  readonly restApi: RestApi;
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: FrontDoorStackProps) {
    super(scope, id, props);
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.restApi = new RestApi(this, 'FrontDoor', {
      description: 'One-stop business registration: the public front door (WAF) of the online hall API',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // Bodies pass through as bytes (PDFs, uploads' answers): the HTTP API behind decides what they are.
      binaryMediaTypes: ['*/*'],
      cloudWatchRole: false,
      deploy: true,
      deployOptions: {
        stageName: FRONT_DOOR_STAGE,
        // Above the HTTP API's own stage limit: the front door never throttles what the API would serve.
        throttlingRateLimit: props.limits.stage.rateLimit,
        throttlingBurstLimit: props.limits.stage.burstLimit,
        metricsEnabled: true,
        tracingEnabled: true,
        // Execution logs need the account-wide CloudWatch role, which an app stack should not own.
        loggingLevel: MethodLoggingLevel.OFF,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        // The client's address, what it asked and how it ended: no bodies, headers or tokens.
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integration.latency',
            waf: '$context.waf.status',
            wafLatency: '$context.waf.latency',
          }),
        ),
      },
    });

    // Every path and method goes to the same path of the HTTP API, headers and query string included.
    const forward = (path: string) =>
      new HttpIntegration(`${props.httpApiEndpoint}${path}`, {
        proxy: true,
        httpMethod: 'ANY',
        options: {
          requestParameters: {
            ...(path.includes('{proxy}')
              ? { 'integration.request.path.proxy': 'method.request.path.proxy' }
              : {}),
            // Whatever the client claimed is replaced by the address the front door saw.
            [`integration.request.header.${CLIENT_ADDRESS_HEADER}`]: 'context.identity.sourceIp',
          },
        },
      });
    this.restApi.root.addMethod('ANY', forward('/'));
    this.restApi.root
      .addResource('{proxy+}')
      .addMethod('ANY', forward('/{proxy}'), { requestParameters: { 'method.request.path.proxy': true } });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      description: 'Per-address rate limits of the online hall, by route class',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: `${id}WebAcl`,
        sampledRequestsEnabled: true,
      },
      ...webAclRules(this, id, props.limits, FRONT_DOOR_STAGE),
    });
    new CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.restApi.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    this.acknowledgeFindings();
    new CfnOutput(this, 'HallUrl', {
      value: this.restApi.url,
      description: 'Base URL of the online hall API (through the front door: use this one)',
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn });
  }

  private acknowledgeFindings(): void {
    for (const method of this.restApi.methods) {
      acknowledge(
        method,
        'AwsSolutions-APIG4',
        'The front door authorizes nothing itself: it forwards every request unchanged to the HTTP API, whose JWT authorizer guards each non-public route, and whose handlers check the role and owner again (architecture.md, Security model).',
      );
      acknowledge(
        method,
        'AwsSolutions-COG4',
        'Tokens are the platform token service’s, verified by the HTTP API’s JWT authorizer behind this front door; a Cognito authorizer here would tie the app to Cognito, which does not exist in the China regions.',
      );
    }
    acknowledge(
      this.restApi,
      'AwsSolutions-APIG2',
      'The front door has no request models: it forwards every body unchanged, and the route behind validates it against the one route table’s zod schemas (422 with every finding at its path), in the cloud as on the local server.',
    );
    acknowledge(
      this.restApi.deploymentStage,
      'AwsSolutions-APIG6',
      'Execution logging needs the account-wide API Gateway CloudWatch role (AWS::ApiGateway::Account), which one app stack must not own; every request is in the access log (client address, path, status, latency, WAF outcome) and the HTTP API behind logs its own.',
    );
  }
}
