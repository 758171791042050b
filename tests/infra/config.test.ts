/**
 * Deployment settings from CDK context: strings from `-c` and values from cdk.json give the same
 * configuration, and a bad value stops the synth with the key's name.
 */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { cloudConfig } from '../../infra/cloud/config.ts';

const withContext = (context: Record<string, unknown>) => cloudConfig(new App({ context }));

describe('cloud configuration', () => {
  it('defaults to the legal periods of api.md', () => {
    expect(withContext({})).toMatchObject({
      nameReservationPeriod: 'P2M',
      nameReservationPreApprovalPeriod: 'P1Y',
      nameReservationReminderLead: 'P14D',
      announcementPeriod: 'P20D',
      reviewTimeout: 'P3D',
      supplementTimeout: 'P15D',
      logLevel: 'INFO',
      alarmEmail: '',
    });
  });

  it('reads lists and throttles given as command-line strings', () => {
    const config = withContext({
      'registry:webOrigins': 'https://hall.example.gov.cn, https://ops.example.gov.cn',
      'registry:publicThrottle': '{"rateLimit": 5, "burstLimit": 10}',
    });
    expect(config.webOrigins).toEqual(['https://hall.example.gov.cn', 'https://ops.example.gov.cn']);
    expect(config.publicThrottle).toEqual({ rateLimit: 5, burstLimit: 10 });
  });

  it('refuses a period that is not an ISO 8601 duration, and an unknown log level', () => {
    expect(() => withContext({ 'registry:nameReservationPeriod': '2 months' })).toThrow(/2 months/);
    expect(() => withContext({ 'registry:logLevel': 'VERBOSE' })).toThrow(/registry:logLevel/);
    // Callback deadlines and the reminder lead are exact spans: a month has no fixed length.
    for (const key of ['reviewTimeout', 'supplementTimeout', 'nameReservationReminderLead'])
      expect(() => withContext({ [`registry:${key}`]: 'P1M' }), key).toThrow(`registry:${key}`);
    expect(withContext({ 'registry:supplementTimeout': 'PT2H' }).supplementTimeout).toBe('PT2H');
    expect(() => withContext({ 'registry:throttle': { rateLimit: 0, burstLimit: 1 } })).toThrow(
      /registry:throttle/,
    );
  });
});
