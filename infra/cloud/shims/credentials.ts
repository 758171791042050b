/**
 * The SDK's default credential chain as a Lambda function runs it. Lambda hands the execution role's
 * credentials to the function in its environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), which is the chain's first link and the only one ever reached there. The Lambda
 * bundles alias `@aws-sdk/credential-provider-node` here (../bundling.ts), leaving out the other links
 * (shared config files, SSO, processes, web identity, instance metadata) and the STS and SSO clients they
 * carry: about 115 KB of every bundle. The local runtime runs from source and keeps the whole chain.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
