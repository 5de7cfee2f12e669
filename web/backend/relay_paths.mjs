// The CircleCI API requests the relay performs: GETs of a short list of read-only paths,
// with a short list of query parameters. Never `circle-token` (query authentication).

const SEGMENT = '[A-Za-z0-9_-][A-Za-z0-9_.-]*';
const SLUG = `(?:gh|github|bb|bitbucket|circleci)/${SEGMENT}/${SEGMENT}`;

/** path pattern → the core's Endpoint id of its answer. */
const ALLOWED = [
  [/^\/api\/v2\/me$/, 'me'],
  [/^\/api\/v2\/me\/collaborations$/, 'collaborations'],
  [new RegExp(`^/api/v2/project/${SLUG}$`), 'project'],
  [new RegExp(`^/api/v2/project/${SLUG}/pipeline$`), 'pipelines'],
  [new RegExp(`^/api/v2/project/${SLUG}/job/\\d+$`), 'job'],
  [new RegExp(`^/api/v1\\.1/project/${SLUG}(?:/\\d+)?$`), 'job_details_v1'],
];

const QUERY_KEYS = new Set(['branch', 'page-token', 'limit', 'shallow']);

/** `{path, endpoint}` for an allowed path-and-query, or null. */
export function relayTarget(pathAndQuery) {
  if (typeof pathAndQuery !== 'string' || pathAndQuery.length > 1024 || /[%\\#\s]/.test(pathAndQuery)) return null;
  const [path, query = ''] = pathAndQuery.split(/\?(.*)/s, 2);
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return null;
  const params = new URLSearchParams(query);
  for (const key of params.keys()) if (!QUERY_KEYS.has(key)) return null;
  const match = ALLOWED.find(([pattern]) => pattern.test(path));
  return match ? { path: query ? `${path}?${params}` : path, endpoint: match[1] } : null;
}
