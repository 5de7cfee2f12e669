// How an outbound request failed before (or while) CircleCI answered, as the core's
// Transport ids: the backend reports it, the core in the page turns it into a reason.

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'HOSTNAME_MISMATCH',
  'EPROTO', // OpenSSL's handshake failures (e.g. "wrong version number": not a TLS server)
]);

const BY_CODE = {
  ECONNREFUSED: 'connect',
  ECONNRESET: 'connect',
  ECONNABORTED: 'connect',
  EHOSTUNREACH: 'connect',
  ENETUNREACH: 'connect',
  EPIPE: 'connect',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
};

/** A Node network error → `connect` | `dns` | `timeout` | `tls` | `aborted` | `other`. */
export function transportOf(error) {
  const code = error?.code ?? '';
  if (error?.name === 'TimeoutError' || code === 'ERR_UPSTREAM_TIMEOUT') return 'timeout';
  if (error?.name === 'AbortError' || code === 'ABORT_ERR') return 'aborted';
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_')
      || code.startsWith('ERR_OSSL_') || error?.library === 'SSL routines') return 'tls';
  return BY_CODE[code] ?? 'other';
}
