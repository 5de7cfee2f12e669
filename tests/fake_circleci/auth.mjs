// Who is asking and what they may do. CircleCI accepts a token as `Circle-Token: T`,
// `Authorization: Bearer T` or `Authorization: Basic base64(T:)`; a `circle-token` query
// parameter is refused outright (401). What a known token may do is its scenario's `access`.
import { MESSAGES, message } from './replies.mjs';

/**
 * The credentials a request carries: {token, header}, header being 'circle-token',
 * 'authorization-bearer', 'authorization-basic' or 'authorization-other' (token null), or
 * {token: null, header: null} when it carries none.
 */
export function credentialsOf(req) {
  const circleToken = req.headers['circle-token'];
  if (circleToken) return { token: circleToken.trim(), header: 'circle-token' };
  const authorization = req.headers.authorization;
  if (!authorization) return { token: null, header: null };
  const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return { token: value, header: 'authorization-bearer' };
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return { token: decoded.split(':')[0], header: 'authorization-basic' };
  }
  return { token: null, header: 'authorization-other' };
}

export function queryCarriesToken(searchParams) {
  return [...searchParams.keys()].some((k) => k.toLowerCase() === 'circle-token');
}

/**
 * The refusal a scenario's token gets on an endpoint of `area` ('me' | 'collaborations' |
 * 'project'), or null when the request may proceed. `tokenState.meCount` counts the token's
 * GET /api/v2/me requests (for 'revoked-after-first-me').
 */
export function accessDenial(scenario, area, tokenState) {
  switch (scenario.access) {
    case 'revoked':
      return message(401, MESSAGES.invalidToken);
    case 'legacy':
      return message(401, MESSAGES.newFormatNeeded);
    case 'project-token':
      return area === 'project' ? message(404, MESSAGES.projectNotFound) : message(401, MESSAGES.loginFirst);
    case 'collaborations-denied':
      return area === 'collaborations' ? message(403, MESSAGES.permissionDenied) : null;
    case 'revoked-after-first-me':
      if (area === 'me') tokenState.meCount += 1;
      return tokenState.meCount > 1 ? message(401, MESSAGES.invalidToken) : null;
    default:
      return null;
  }
}
