/**
 * `npm run bench` (license part): the e-license's costs on the local runtime's engines.
 *   - issuance per license: sign (ES256, local key) + render the PDF + store it (s3rver) + claim a status
 *     slot and write the license with its event (DynamoDB Local, in memory), p50/p99;
 *   - verification throughput: the offline verifier in-process, and POST /v1/licenses/verify over HTTP;
 *   - the PDF's size.
 * BENCH_LICENSES (default 40) licenses are issued after 3 warm-up ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsAdapters } from '#adapters/aws-ports';
import { LocalFileSealer } from '#adapters/sealer';
import { LocalKeyring } from '#adapters/signer-local';
import { ensureStatusList } from '#app/license/status-lists';
import { buildLicenseCredential, licenseCredentialUrl } from '#domain/license/credential';
import type { LicenseFields } from '#domain/license/fields';
import { signVcJwt } from '#domain/license/jws';
import { licenseIssuedEvent, licenseIssuedNotice } from '#domain/license/notice';
import { issueCreditCode } from '#domain/registration/credit-code-issuance';
import { startRuntime } from '#local/runtime';
import { verifyLicense } from '../functions/verifier/index.ts';

const FIELDS: LicenseFields = {
  name: '北京星河数据科技有限公司',
  creditCode: '91110108MA01C3RQ6Q',
  entityType: 'limited_liability_company',
  domicile: '北京市海淀区中关村大街27号11层1101室',
  legalRepresentative: '张伟',
  registeredCapital: { amount: '1000000', currency: 'CNY' },
  establishedOn: '2026-11-20',
  businessTerm: { from: '2026-11-20' },
  businessScope: ['软件开发', '信息技术咨询服务', '数据处理和存储支持服务'],
  registrationAuthority: '北京市海淀区市场监督管理局',
  issuedOn: '2026-11-20',
};

process.env.LOG_LEVEL ??= 'WARN';
const N = Number(process.env.BENCH_LICENSES ?? 40);
const WARM_UP = 3;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-license-'));
const runtime = await startRuntime({ port: 0, dataDir, persistent: false, rateLimitPerSecond: 0 });
try {
  const ports = awsAdapters(() => new LocalFileSealer(join(dataDir, 'keys', 'sealing-key')), {
    keyring: () => new LocalKeyring(join(dataDir, 'keys', 'license')),
    baseUrl: () => runtime.url,
  });
  const times: number[] = [];
  let pdfBytes = 0;
  let last = '';
  for (let i = 0; i < N + WARM_UP; i++) {
    const creditCode = issueCreditCode({
      entityType: 'limited_liability_company',
      authorityDivision: '110108',
      sequence: 900_000 + i,
    });
    await ports.enterprises.seed({
      creditCode,
      name: FIELDS.name,
      entityType: FIELDS.entityType,
      status: 'active',
      establishedOn: FIELDS.establishedOn,
      registrationAuthority: '110108',
      registrationId: `bench-${i}`,
      ownerSub: 'bench',
      eventSeq: 1,
    });
    const started = performance.now();
    const at = new Date();
    const claim = await ports.licenses.claimIssuance(creditCode, 1, at);
    await ensureStatusList(ports, claim.statusListId, at);
    const fields = { ...FIELDS, creditCode };
    const signer = await ports.keyring.current();
    const jws = await signVcJwt(
      signer,
      buildLicenseCredential({ fields, version: 1, ...claim, baseUrl: runtime.url, validFrom: at }),
    );
    const url = licenseCredentialUrl(runtime.url, creditCode);
    const pdf = await ports.licenseDocuments.put(
      creditCode,
      1,
      await ports.licensePdf.render(fields, { verificationUrl: url }),
    );
    const license = {
      creditCode,
      version: 1,
      registrationId: `bench-${i}`,
      credential: jws,
      kid: signer.kid,
      ...claim,
      status: 'active' as const,
      pdf,
      reason: 'registered',
    };
    const outcome = await ports.licenses.issue({
      license,
      event: licenseIssuedEvent({ ...license, seq: 2, at }),
      expectedEventSeq: 1,
      notice: licenseIssuedNotice(
        { registrationId: `bench-${i}`, name: fields.name, ownerSub: 'bench' },
        { creditCode, version: 1, url },
        at,
      ),
    });
    if (outcome !== 'created') throw new Error(`issue: ${outcome}`);
    if (i >= WARM_UP) times.push(performance.now() - started);
    pdfBytes = pdf.size;
    last = jws;
  }

  const jwks = await ports.keyring.jwks();
  const list = (await ports.licenses.statusList('1'))!;
  const offline = async (ms: number) => {
    let n = 0;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      const v = await verifyLicense(last, { jwks, statusList: list.jws, now: new Date() });
      if (!v.valid) throw new Error('bench license did not verify');
      n++;
    }
    return (n * 1000) / ms;
  };
  const online = async (ms: number, concurrency: number) => {
    let n = 0;
    const end = performance.now() + ms;
    const worker = async () => {
      while (performance.now() < end) {
        const res = await fetch(`${runtime.url}/v1/licenses/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ credential: last }),
        });
        if (!((await res.json()) as { valid: boolean }).valid)
          throw new Error('bench license did not verify online');
        n++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return (n * 1000) / ms;
  };

  console.log(
    `\nE-license (${new Date().toISOString()}, Node ${process.version}, DynamoDB Local in memory, s3rver)\n`,
  );
  console.log(
    `  issuance per license (sign + PDF + store), n=${N}: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
  );
  console.log(`  license PDF size: ${(pdfBytes / 1024).toFixed(1)} KB; credential ${last.length} characters`);
  console.log(
    `  verification, offline verifier in-process (signed status list): ${(await offline(2000)).toFixed(0)} /s`,
  );
  console.log(
    `  verification, POST /v1/licenses/verify over HTTP, 8 concurrent: ${(await online(3000, 8)).toFixed(0)} /s\n`,
  );
} finally {
  await runtime.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
