// The token → scenario table (documented in README.md; keep the two in step).
// Tokens are well-formed fakes from make_token.mjs, never real credentials.
//
// Fields:
// - identity: which user /api/v2/me answers with (see world.mjs), null when it never answers.
// - access: what the token may do —
//     'ok'                      everything the identity's orgs can see
//     'project-token'           401 "You must log in first." on /me*, 404 "Project not found" elsewhere
//     'revoked'                 401 "Invalid token provided." everywhere
//     'revoked-after-first-me'  'ok' until its second GET /api/v2/me; that one and all later → 'revoked'
//     'legacy'                  401 "New format tokens are needed…" everywhere
//     'collaborations-denied'   'ok' except 403 "Permission denied." on /api/v2/me/collaborations
// - fault: a misbehaviour layered on top, or null —
//     name:   'rate-limit-text' | 'rate-limit-http-date' | 'bad-gateway' | 'reset' | 'slow' |
//             'truncated' | 'expired-url' | 'page-loop'
//     target: 'api' (token-authenticated requests) | 'output' (presigned step-output URLs minted
//             for this token) | 'all'
//     times:  how many requests get it before the token behaves: counted per token for 'api',
//             per step output (job, step, container) for 'output'; for 'expired-url', per job
//             details fetch (the first v1.1 job details of each job carry expired URLs).

export const SCENARIOS = [
  { name: 'valid', token: 'CCIPAT_PdkdRWYYaU9CHpTdrNnBid_3910eb1484318e1b695f266adf4c35cfc76322da',
    identity: 'ada', access: 'ok', fault: null,
    summary: 'Personal token; Ada sees gh/acme (GitHub OAuth) and circleci/<org> (GitHub App).' },
  { name: 'validSecondUser', token: 'CCIPAT_bRAdZEfhSJz34gmdEo5yh_7161b243c1c94c8b672ef588ecbbb4d7272b3b62',
    identity: 'grace', access: 'ok', fault: null,
    summary: 'Personal token with a 21-char middle; Grace sees gh/acme only (GitHub-App project → 404).' },
  { name: 'projectToken', token: 'CCIPRJ_8FzmCSXfW9aXbC49wABgVG_5a4501dceb211dc6ecd1f7afecf679315d7069c9',
    identity: null, access: 'project-token', fault: null,
    summary: 'Project token: 401 "You must log in first." on /me*, 404 "Project not found" elsewhere.' },
  { name: 'revoked', token: 'CCIPAT_Em8Um8x4x56yFrtrcjpKU3_0dff7e9c5cf0011d19be5e9e34489662b8d79c47',
    identity: null, access: 'revoked', fault: null,
    summary: '401 {"message":"Invalid token provided."} on every endpoint.' },
  { name: 'revokedAfterFirstMe', token: 'CCIPAT_8HBKQkBurMTwkCjAgSSc93_a2caa764b66c23493b56331e5f020f6dd5afc3de',
    identity: 'ada', access: 'revoked-after-first-me', fault: null,
    summary: 'Works until its second GET /api/v2/me (the re-check); from then on 401 "Invalid token provided.".' },
  { name: 'legacy', token: '87ba89bef00a5334ad44173018e3275aa4c69e36',
    identity: null, access: 'legacy', fault: null,
    summary: 'Legacy 40-hex token: 401 "New format tokens are needed…" on every endpoint.' },
  { name: 'permissionDenied', token: 'CCIPAT_JwWRXRUCzMpS3TKCT8axMZ_ad49b0d8634ca08b579da1e74763e45d5b7976d4',
    identity: 'ada', access: 'collaborations-denied', fault: null,
    summary: '/me works; /me/collaborations → 403 {"message":"Permission denied."}.' },
  { name: 'rateLimitedText', token: 'CCIPAT_VWA1DyqaVW5MycQnRkeg2z_f05421078b208678015f3adcbf2c782778e076f3',
    identity: 'ada', access: 'ok', fault: { name: 'rate-limit-text', target: 'api', times: 1 },
    summary: 'First request: 429, text/plain body "Rate limited.", Retry-After: 2; then valid.' },
  { name: 'rateLimitedHttpDate', token: 'CCIPAT_LHqqfRYSE15cn8cQpdYfKF_00305d7954e6496e962722731716744108453ece',
    identity: 'ada', access: 'ok', fault: { name: 'rate-limit-http-date', target: 'api', times: 1 },
    summary: 'First request: 429, body {}, Retry-After = Date + 2 s as an HTTP-date; then valid.' },
  { name: 'badGateway', token: 'CCIPAT_4ozoeLYikP4g2VYQ67P3YP_4a3a4b2a7d80b8f703523db092795620d953da20',
    identity: 'ada', access: 'ok', fault: { name: 'bad-gateway', target: 'api', times: Infinity },
    summary: 'Every API request: 502 Cloudflare/nginx HTML page.' },
  { name: 'badGatewayOnce', token: 'CCIPAT_2ZUZGQhD9nZt3HhMUuJYvA_15bd23692d788bc24959dead896d4f6c2dba4a50',
    identity: 'ada', access: 'ok', fault: { name: 'bad-gateway', target: 'api', times: 1 },
    summary: 'First request: 502 HTML; then valid.' },
  { name: 'connectionReset', token: 'CCIPAT_H7L9gZkgoykLjyc6dz7ytL_bb0c4db27713b015b76417d33ed065ab916104ea',
    identity: 'ada', access: 'ok', fault: { name: 'reset', target: 'api', times: Infinity },
    summary: 'Every API request: the connection is reset (TCP RST) before any response.' },
  { name: 'connectionResetOnce', token: 'CCIPAT_WWxMikSPh81UG9AdGJQrw8_f99ad407c96d28e32934ad20f440e1ad6071ff34',
    identity: 'ada', access: 'ok', fault: { name: 'reset', target: 'api', times: 1 },
    summary: 'First request: connection reset; then valid.' },
  { name: 'slow', token: 'CCIPAT_P21ei13Jh8vWFpvQTzJtKd_a4f99303add0029c7d43dd1ee8577d788f3e14e3',
    identity: 'ada', access: 'ok', fault: { name: 'slow', target: 'all', times: Infinity },
    summary: 'Every response (API and its step outputs) starts after slowMs (default 3000 ms).' },
  { name: 'truncatedOnce', token: 'CCIPAT_XbcP6y5CbQyeZqGkASLCoS_98367f66a51dd5b5885a1f8ccaa512d6e82be60a',
    identity: 'ada', access: 'ok', fault: { name: 'truncated', target: 'api', times: 1 },
    summary: 'First API response: Content-Length larger than what is sent, then the connection closes.' },
  { name: 'truncatedOutput', token: 'CCIPAT_UaC2mgqrqjxYGPxqD1gj9n_0373b5543f0167b22dffac8346897f98fb615281',
    identity: 'ada', access: 'ok', fault: { name: 'truncated', target: 'output', times: Infinity },
    summary: 'API fine; every step output is cut short on every fetch.' },
  { name: 'truncatedOutputOnce', token: 'CCIPAT_XuJbXAt92hktsXzDZ4biyM_104441beb73dddfc5dac7bb49746b65f3bd61001',
    identity: 'ada', access: 'ok', fault: { name: 'truncated', target: 'output', times: 1 },
    summary: 'API fine; each step output is cut short on its first fetch, complete on the next.' },
  { name: 'expiredOutputUrl', token: 'CCIPAT_F4jtzVWPxwARkoHq327Jvb_157eef32312f45f1bf74e02913f756454cb12ba6',
    identity: 'ada', access: 'ok', fault: { name: 'expired-url', target: 'output', times: 1 },
    summary: 'First v1.1 job details of each job carry expired output URLs (S3 403 AccessDenied "Request has expired"); re-fetched details carry working ones.' },
  { name: 'pageLoop', token: 'CCIPAT_9CubH8oLzgkaZnDmtdJaXh_285716f650da87d0439df4a06fab73566b0764df',
    identity: 'ada', access: 'ok', fault: { name: 'page-loop', target: 'api', times: Infinity },
    summary: 'Paginated lists answer every page-token with page 1 and the same next_page_token (loop guard).' },
];

/** Scenario name → token, e.g. TOKENS.valid. */
export const TOKENS = Object.fromEntries(SCENARIOS.map((s) => [s.name, s.token]));

const BY_TOKEN = new Map(SCENARIOS.map((s) => [s.token, s]));

export function scenarioForToken(token) {
  return BY_TOKEN.get(token) ?? null;
}
