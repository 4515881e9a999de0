import { temporalConnectionOptions } from '../../temporal/connection-options';

/** What each deployment's variables make of the connection to Temporal (the files read through a stand-in). */
const files: Record<string, string> = { '/run/cert.pem': 'CERT', '/run/key.pem': 'KEY', '/run/ca.pem': 'CA' };
const readFile = (file: string) => {
  if (!(file in files)) throw new Error(`ENOENT: ${file}`);
  return Buffer.from(files[file]!);
};

it('connects in plain gRPC to the embedded dev server', () => {
  expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: '127.0.0.1:7233' }, readFile)).toEqual({ address: '127.0.0.1:7233' });
});

it('connects with mTLS: the client pair, the cluster’s CA and the name it answers to', () => {
  const options = temporalConnectionOptions(
    {
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS_CERT_FILE: '/run/cert.pem',
      TEMPORAL_TLS_KEY_FILE: '/run/key.pem',
      TEMPORAL_TLS_CA_FILE: '/run/ca.pem',
      TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal',
    },
    readFile,
  );
  expect(options.apiKey).toBeUndefined();
  expect(Buffer.from(options.tls!.clientCertPair!.crt).toString()).toBe('CERT');
  expect(Buffer.from(options.tls!.clientCertPair!.key).toString()).toBe('KEY');
  expect(Buffer.from(options.tls!.serverRootCACertificate!).toString()).toBe('CA');
  expect(options.tls!.serverNameOverride).toBe('frontend.temporal');
});

it('connects to Temporal Cloud with an API key over TLS with the system’s CAs', () => {
  expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233', TEMPORAL_API_KEY: 'secret-key' }, readFile)).toEqual({
    address: 'eu-west-1.aws.api.temporal.io:7233',
    tls: {},
    apiKey: 'secret-key',
  });
});

it('says which file it could not read', () => {
  expect(() => temporalConnectionOptions({ TEMPORAL_ADDRESS: 'x:7233', TEMPORAL_TLS_CERT_FILE: '/run/missing.pem', TEMPORAL_TLS_KEY_FILE: '/run/key.pem' }, readFile)).toThrow('/run/missing.pem');
});
