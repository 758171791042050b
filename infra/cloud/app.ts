/**
 * The CDK app (cdk.json: `npx tsx infra/cloud/app.ts`). Deploy with `npm run deploy`; docs/deploy.md.
 */
import { App } from 'aws-cdk-lib';
import { buildRegistryCloud } from './registry-app.ts';

const app = new App();
buildRegistryCloud(app);
app.synth();
