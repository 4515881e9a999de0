import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';

/** The variables that say how to reach Temporal (config/env.ts checks them). */
export interface TemporalConnectionSettings {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TLS_CERT_FILE?: string | undefined;
  TEMPORAL_TLS_KEY_FILE?: string | undefined;
  TEMPORAL_TLS_CA_FILE?: string | undefined;
  TEMPORAL_TLS_SERVER_NAME?: string | undefined;
  TEMPORAL_API_KEY?: string | undefined;
}

/**
 * How the API and the worker connect to Temporal: plain gRPC to the embedded dev server; mTLS to
 * a self-hosted cluster or Temporal Cloud (a client certificate and key, and the cluster's CA
 * when it is not publicly trusted); or an API key to Temporal Cloud (TLS, with the system's CAs).
 */
export function temporalConnectionOptions(
  settings: TemporalConnectionSettings,
  readFile: (file: string) => Buffer = (file) => fs.readFileSync(file),
): { address: string; tls?: TLSConfig; apiKey?: string } {
  const tls: TLSConfig = {
    ...(settings.TEMPORAL_TLS_CERT_FILE && settings.TEMPORAL_TLS_KEY_FILE
      ? { clientCertPair: { crt: readFile(settings.TEMPORAL_TLS_CERT_FILE), key: readFile(settings.TEMPORAL_TLS_KEY_FILE) } }
      : {}),
    ...(settings.TEMPORAL_TLS_CA_FILE ? { serverRootCACertificate: readFile(settings.TEMPORAL_TLS_CA_FILE) } : {}),
    ...(settings.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: settings.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
  const secured = Object.keys(tls).length > 0 || Boolean(settings.TEMPORAL_API_KEY);
  return {
    address: settings.TEMPORAL_ADDRESS,
    ...(secured ? { tls } : {}),
    ...(settings.TEMPORAL_API_KEY ? { apiKey: settings.TEMPORAL_API_KEY } : {}),
  };
}
