/** The verdict in plain words, Chinese then English, as a bank clerk or an auditor reads it. */
import { type Check, FAILURE_ZH } from './checks.ts';
import type { LicenseVerdict } from './verify-license.ts';

const CHECK_NAMES: Record<keyof LicenseVerdict['checks'], string> = {
  integrity: '内容完整 integrity',
  issuer: '签发机关 issuer',
  validity: '有效期限 validity',
  status: '执照状态 status',
};

function headline(verdict: LicenseVerdict): string {
  if (verdict.valid) return '有效：该营业执照真实有效 — VALID: this business license is genuine and in force';
  if (verdict.status === 'revoked')
    return '已撤销：该营业执照已被登记机关撤销，不再有效 — REVOKED: the registry has revoked this business license';
  return '无效：该营业执照未通过核验 — INVALID: this business license failed verification';
}

function line(name: string, check: Check): string {
  if (check.ok) return `  ${name}: 通过 passed`;
  const zh = check.code ? FAILURE_ZH[check.code] : '未通过';
  return `  ${name}: 未通过 failed — ${zh}; ${check.reason ?? ''}`.trimEnd();
}

export function describeVerdict(verdict: LicenseVerdict): string {
  const lines = [headline(verdict)];
  const subject = verdict.credential?.credentialSubject;
  if (subject && verdict.checks.integrity.ok)
    lines.push(
      `  ${subject.name}（统一社会信用代码 ${subject.creditCode}，第 ${subject.licenseVersion} 版）`,
    );
  for (const [key, name] of Object.entries(CHECK_NAMES))
    lines.push(line(name, verdict.checks[key as keyof LicenseVerdict['checks']]));
  return lines.join('\n');
}
