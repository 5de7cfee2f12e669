// Where the backend may send requests: the configured CircleCI hosts and the storage hosts
// of presigned step outputs. Nothing a user pastes is fetched unless it passes here.

/** CircleCI cloud's step-output bucket (presigned S3 URLs in v1.1 job details). */
export const CIRCLECI_STORAGE_PREFIX = 'https://circle-production-action-output.s3.amazonaws.com/';

/** `text` as a bare http(s) origin ("https://circleci.com"), or null when it is anything more or less. */
export function originOf(text) {
  let url;
  try {
    url = new URL(String(text).trim());
  } catch {
    return null;
  }
  const bare = (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password;
  return bare && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : null;
}

/**
 * hosts: [{origin, upstream}] — `origin` is the CircleCI host users see and type (the first is
 * the default); `upstream` is where its API is reached (the same host, or the embedded fake
 * standing in for it). storagePrefixes: URL prefixes step outputs may be fetched from.
 */
export function createHosts({ hosts, storagePrefixes = [CIRCLECI_STORAGE_PREFIX] }) {
  const upstreams = new Map(hosts.map(({ origin, upstream }) => [originOf(origin), new URL(upstream)]));
  const storage = storagePrefixes.map((prefix) => new URL(prefix));
  return {
    defaultOrigin: originOf(hosts[0].origin),
    origins: [...upstreams.keys()],

    /** The configured origin `text` names, or null when it is not one of them. */
    allowed(text) {
      const origin = originOf(text);
      return origin !== null && upstreams.has(origin) ? origin : null;
    },

    /** The upstream URL of an API path (already checked by the caller) on a configured origin. */
    apiUrl(origin, path) {
      return new URL(path, upstreams.get(origin));
    },

    /** Whether a pasted link's scheme+host belongs to `origin` (itself or its `app.` web host). */
    inFamily(pastedOrigin, origin) {
      if (pastedOrigin === null) return true;
      const pasted = originOf(pastedOrigin);
      if (pasted === null) return false;
      const a = new URL(pasted);
      const b = new URL(origin);
      return a.protocol === b.protocol && a.port === b.port
        && (a.hostname === b.hostname || a.hostname === `app.${b.hostname}`);
    },

    /** `text` as a URL when it lies under a storage prefix (no credentials in it), else null. */
    storageUrl(text) {
      let url;
      try {
        url = new URL(text);
      } catch {
        return null;
      }
      if (url.username || url.password) return null;
      return storage.some((prefix) => url.origin === prefix.origin && url.pathname.startsWith(prefix.pathname)) ? url : null;
    },
  };
}
