import { createHmac, randomUUID } from 'node:crypto';
import type { ChannelSender, OutboundMessage, SendResult } from './adapters';
import { DeliveryRefused } from './adapters';

export interface AliyunSmsConfig {
  /** e.g. https://dysmsapi.aliyuncs.com/ */
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** An approved template with the parameters `title` and `content`. */
  templateCode: string;
  timeoutMs?: number;
}

/** RFC 3986 encoding as Aliyun's RPC signature wants it (also ! ' ( ) *; space as %20; ~ kept). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The sorted, encoded query string of the request (every parameter but Signature). */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

/**
 * Aliyun RPC signature (SignatureVersion 1.0, HMAC-SHA1): base64(HMAC-SHA1(secret + "&",
 * method + "&" + encode("/") + "&" + encode(canonical query))).
 */
export function aliyunSignature(
  method: 'GET' | 'POST',
  params: Record<string, string>,
  secret: string,
): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

/** Error codes that a retry cannot fix (the number, the template, the signature name, the account). */
const FINAL_CODES =
  /^isv\.(MOBILE_NUMBER_ILLEGAL|TEMPLATE_MISSING_PARAMETERS|SMS_TEMPLATE_ILLEGAL|SMS_SIGNATURE_ILLEGAL|INVALID_PARAMETERS|BLACK_KEY_CONTROL_LIMIT|PARAM_LENGTH_LIMIT|AMOUNT_NOT_ENOUGH|ACCOUNT_NOT_EXISTS)$|^InvalidAccessKeyId|^SignatureDoesNotMatch/;

/** Template parameters are short: the title and the start of the text. */
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** SMS through Aliyun's SendSms API (dysmsapi 2017-05-25), signed; the answer's BizId and Code are kept. */
export class AliyunSmsSender implements ChannelSender {
  readonly channel = 'sms' as const;

  constructor(
    private readonly cfg: AliyunSmsConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The request's parameters, signed. */
  signedParams(m: OutboundMessage): Record<string, string> {
    const params: Record<string, string> = {
      AccessKeyId: this.cfg.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: m.deliveryId,
      PhoneNumbers: m.address,
      RegionId: 'cn-hangzhou',
      SignName: this.cfg.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: this.cfg.templateCode,
      TemplateParam: JSON.stringify({ title: clip(m.title, 30), content: clip(m.body, 60) }),
      Timestamp: this.now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    return { ...params, Signature: aliyunSignature('GET', params, this.cfg.accessKeySecret) };
  }

  async send(m: OutboundMessage): Promise<SendResult> {
    const params = this.signedParams(m);
    const url = `${this.cfg.endpoint.replace(/\/?$/, '/')}?Signature=${percentEncode(params['Signature']!)}&${canonicalQuery(params)}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(this.cfg.timeoutMs ?? 10_000) });
    const text = await res.text();
    let answer: { Code?: string; Message?: string; BizId?: string } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new Error(`短信网关应答无法解析（HTTP ${res.status}）`);
    }
    const code = answer.Code ?? `HTTP_${res.status}`;
    if (res.ok && code === 'OK') return { providerId: answer.BizId, providerStatus: code };
    if (FINAL_CODES.test(code))
      throw new DeliveryRefused(`短信网关拒绝：${code} ${answer.Message ?? ''}`, code);
    throw new Error(`短信网关暂时失败：${code} ${answer.Message ?? ''}`);
  }
}
