import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type DataConverter, METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/**
 * Encrypts every workflow payload (inputs, update arguments, results, activity arguments) with
 * AES-256-GCM before it reaches the Temporal server, so histories and the Web UI never show a
 * person's name or identity number in clear (DESIGN.md decision 8). Payloads recorded before
 * encryption was switched on still decode: only payloads marked as encrypted are decrypted.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKeys {
  /** The key new payloads are encrypted with. */
  current: { id: string; key: Buffer };
  /** Older keys, still able to decrypt what they encrypted (key rotation). */
  previous?: ReadonlyArray<{ id: string; key: Buffer }>;
}

export class PayloadEncryptionCodec implements PayloadCodec {
  // Private fields (#): the SDK logs the worker's options, codec included, at debug level; these
  // are never enumerated, so no serialiser (pino, JSON, util.inspect) can print a key.
  readonly #current: { id: string; key: Buffer };
  readonly #keys: Map<string, Buffer>;

  constructor(payloadKeys: PayloadKeys) {
    const all = [payloadKeys.current, ...(payloadKeys.previous ?? [])];
    for (const { id, key } of all) {
      if (key.length !== 32) throw new Error(`payload key "${id}" must be 32 bytes, got ${key.length}`);
    }
    this.#current = payloadKeys.current;
    this.#keys = new Map(all.map(({ id, key }) => [id, key]));
  }

  /** What a log line shows of the codec: the key ids, never the keys. */
  toJSON(): { encoding: string; currentKeyId: string; keyIds: string[] } {
    return { encoding: ENCRYPTED_ENCODING, currentKeyId: this.#current.id, keyIds: [...this.#keys.keys()] };
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.#current;
    return payloads.map((payload) => {
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(id),
        },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || Buffer.from(encoding).toString() !== ENCRYPTED_ENCODING) return payload;
      const keyId = Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString();
      const key = this.#keys.get(keyId);
      if (!key) throw new Error(`no payload key "${keyId}" is configured to decrypt this payload`);
      const sealed = Buffer.from(payload.data ?? []);
      const iv = sealed.subarray(0, IV_BYTES);
      const tag = sealed.subarray(sealed.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** Parses "id:base64key" as written in PAYLOAD_ENCRYPTION_KEY / PAYLOAD_PREVIOUS_KEYS. */
export function parsePayloadKey(text: string): { id: string; key: Buffer } {
  const separator = text.indexOf(':');
  if (separator <= 0) throw new Error('a payload key is written "id:base64-of-32-bytes"');
  return { id: text.slice(0, separator), key: Buffer.from(text.slice(separator + 1), 'base64') };
}

/** The module whose failure converter hides failure messages; pre-built workflow bundles must include it. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** What clients and workers pass as `dataConverter`: every process must use the same keys. */
export function encryptedDataConverter(keys: PayloadKeys): DataConverter {
  return { payloadCodecs: [new PayloadEncryptionCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/** The data converter for the configured keys (PAYLOAD_ENCRYPTION_KEY, PAYLOAD_PREVIOUS_KEYS). */
export function dataConverterFor(config: {
  PAYLOAD_ENCRYPTION_KEY: string;
  PAYLOAD_PREVIOUS_KEYS: readonly string[];
}): DataConverter {
  return encryptedDataConverter({
    current: parsePayloadKey(config.PAYLOAD_ENCRYPTION_KEY),
    previous: config.PAYLOAD_PREVIOUS_KEYS.map(parsePayloadKey),
  });
}
