import { defineConfig } from 'vitest/config';

// Five tiers, named as style.md asks: unit (no I/O), scenarios (each workflow in-process on the in-memory
// ports), integration (the embedded engines, started once
// per run by the global setup), infra (CDK assertions, cdk-nag, ASL validation) and e2e (`npm start`
// as a user runs it, driven over HTTP).
export default defineConfig({
  test: {
    passWithNoTests: false,
    allowOnly: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Unit tests talk to no engine: blank the endpoints the integration tier's runtime set in this
          // process, which workers started after it would otherwise inherit.
          env: {
            AWS_ENDPOINT_URL_DYNAMODB: '',
            AWS_ENDPOINT_URL_S3: '',
            AWS_ENDPOINT_URL_SFN: '',
            AWS_ENDPOINT_URL_KMS: '',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'scenarios',
          include: ['tests/scenarios/**/*.test.ts'],
          environment: 'node',
          // Each workflow in-process on the in-memory ports: no engine, so no endpoint either.
          env: {
            AWS_ENDPOINT_URL_DYNAMODB: '',
            AWS_ENDPOINT_URL_S3: '',
            AWS_ENDPOINT_URL_SFN: '',
            AWS_ENDPOINT_URL_KMS: '',
          },
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
