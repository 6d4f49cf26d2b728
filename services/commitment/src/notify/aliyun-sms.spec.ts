import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryRefused, type OutboundMessage } from './adapters';
import { AliyunSmsSender, aliyunSignature } from './aliyun-sms';

const SECRET = 'test-secret-中文';

/**
 * The provider's side, written apart from the adapter: rebuilds the string to sign from the query as received and
 * checks the HMAC-SHA1 signature, the timestamp and that each nonce is used once (Aliyun RPC, SignatureVersion 1.0).
 */
function verifyAliyun(query: URLSearchParams, secret: string, seen: Set<string>): string | null {
  const enc = (s: string) =>
    encodeURIComponent(s)
      .replace(/!/g, '%21')
      .replace(/'/g, '%27')
      .replace(/\(/g, '%28')
      .replace(/\)/g, '%29')
      .replace(/\*/g, '%2A');
  const pairs = [...query.entries()].filter(([k]) => k !== 'Signature');
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  const expected = createHmac('sha1', `${secret}&`)
    .update(`GET&${enc('/')}&${enc(canonical)}`)
    .digest('base64');
  if (query.get('Signature') !== expected) return 'SignatureDoesNotMatch';
  const at = Date.parse(query.get('Timestamp') ?? '');
  if (!(Math.abs(Date.now() - at) < 15 * 60_000)) return 'InvalidTimeStamp.Expired';
  const nonce = query.get('SignatureNonce') ?? '';
  if (!nonce || seen.has(nonce)) return 'SignatureNonceUsed';
  seen.add(nonce);
  return null;
}

describe('Aliyun SMS adapter against a local provider that checks the signature', () => {
  let server: Server;
  let endpoint = '';
  const received: URLSearchParams[] = [];
  const nonces = new Set<string>();
  /** What the provider answers next when the signature is right. */
  let next: { status: number; body: Record<string, string> } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const q = new URL(req.url!, 'http://x').searchParams;
      received.push(q);
      const bad = verifyAliyun(q, SECRET, nonces);
      const answer = bad
        ? { status: 400, body: { Code: bad, Message: 'Specified signature is not matched.' } }
        : next;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sender = (secret = SECRET) =>
    new AliyunSmsSender({
      endpoint,
      accessKeyId: 'LTAI-test',
      accessKeySecret: secret,
      signName: '评议平台',
      templateCode: 'SMS_123456',
    });
  const msg: OutboundMessage = {
    deliveryId: '6f1c2b1e-1111-4222-8333-444455556666',
    personId: 'p',
    channel: 'sms',
    address: '13912345678',
    kind: 'overdue',
    title: '“定诺”已逾期',
    body: "“党员W”的承诺在“定诺”阶段已超过期限（2026年11月30日 10:00 北京时间），请尽快办理（含 !'()* 与空格）。",
  };

  it('a signed SendSms request is accepted; the BizId and code are the message status', async () => {
    next = {
      status: 200,
      body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'r1' },
    };
    await expect(sender().send(msg)).resolves.toEqual({
      providerId: '900619746936498440^0',
      providerStatus: 'OK',
    });
    const q = received.at(-1)!;
    expect(q.get('Action')).toBe('SendSms');
    expect(q.get('PhoneNumbers')).toBe('13912345678');
    expect(q.get('OutId')).toBe(msg.deliveryId);
    expect(JSON.parse(q.get('TemplateParam')!)).toEqual({
      title: '“定诺”已逾期',
      content: expect.stringMatching(/^“党员W”的承诺.*…$/),
    });
  });

  it('each request has its own nonce: sending twice is not refused as a replay', async () => {
    next = { status: 200, body: { Code: 'OK', BizId: 'b2' } };
    await sender().send(msg);
    await sender().send(msg);
    expect(new Set(received.slice(-2).map((q) => q.get('SignatureNonce'))).size).toBe(2);
  });

  it('a wrong secret fails the signature check and is not retried (refused for good)', async () => {
    const e = await sender('wrong')
      .send(msg)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DeliveryRefused);
    expect((e as DeliveryRefused).providerStatus).toBe('SignatureDoesNotMatch');
  });

  it('throttling is a temporary failure (retried later); a bad number is final', async () => {
    next = { status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' } };
    const throttled = await sender()
      .send(msg)
      .catch((x: unknown) => x);
    expect(throttled).toBeInstanceOf(Error);
    expect(throttled).not.toBeInstanceOf(DeliveryRefused);
    next = { status: 200, body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' } };
    await expect(sender().send(msg)).rejects.toBeInstanceOf(DeliveryRefused);
  });

  it('matches the signature of the provider documentation example', () => {
    // Aliyun SMS API documentation, "签名机制" example (AccessKeySecret testSecret).
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(aliyunSignature('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });
});
