import { describe, expect, it } from 'vitest';
import {
  licenseFieldsFrom,
  licenseValidUntil,
  UnknownScopeItemError,
} from '#domain/license/from-registration';

const scope: Record<string, string> = { I6510: '软件开发', I6560: '信息技术咨询服务' };
const context = {
  scopeName: (code: string) => scope[code],
  authorityName: '北京市海淀区市场监督管理局',
  issuedAt: new Date('2026-11-20T17:30:00Z'),
};
const source = {
  name: '北京星河数据科技有限公司',
  creditCode: '91110108MA01C3RQ6Q',
  entityType: 'limited_liability_company' as const,
  domicile: { division: '110108', address: '北京市海淀区中关村大街27号', commitment: true },
  legalRepresentative: {
    name: '张伟',
    idNumberMasked: '1101**********4477',
    idHash: 'ab12',
    phone: '13800000000',
  },
  registeredCapital: { amount: '1000000', currency: 'CNY' },
  businessScope: ['I6510', 'I6560'],
  registeredAt: new Date('2026-11-20T16:30:00Z'),
};

describe('licenseFieldsFrom', () => {
  it('takes the license fields, with dates in Beijing time and scope items by name', () => {
    const fields = licenseFieldsFrom(source, context);
    expect(fields).toEqual({
      name: source.name,
      creditCode: source.creditCode,
      entityType: 'limited_liability_company',
      domicile: '北京市海淀区中关村大街27号',
      legalRepresentative: '张伟',
      registeredCapital: { amount: '1000000', currency: 'CNY' },
      // 16:30 UTC is 00:30 the next day in Beijing.
      establishedOn: '2026-11-21',
      businessTerm: { from: '2026-11-21' },
      businessScope: ['软件开发', '信息技术咨询服务'],
      registrationAuthority: '北京市海淀区市场监督管理局',
      issuedOn: '2026-11-21',
    });
    expect(JSON.stringify(fields)).not.toMatch(/idNumber|idHash|1380/);
    expect(licenseValidUntil(fields)).toBeUndefined();
  });

  it('ends a fixed term at 24:00 Beijing time of its last day', () => {
    const fields = licenseFieldsFrom({ ...source, businessTermEnd: '2046-11-20' }, context);
    expect(fields.businessTerm).toEqual({ from: '2026-11-21', to: '2046-11-20' });
    expect(licenseValidUntil(fields)?.toISOString()).toBe('2046-11-20T16:00:00.000Z');
  });

  it('refuses a scope item the catalogue does not know', () => {
    expect(() => licenseFieldsFrom({ ...source, businessScope: ['X0000'] }, context)).toThrow(
      UnknownScopeItemError,
    );
  });
});
