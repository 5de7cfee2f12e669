// CircleCI list pagination: {items, next_page_token}; the client passes the token back as
// `page-token` until it is null. Tokens are opaque to clients and bound to one list.
import { json, message } from './replies.mjs';

const encode = (list, offset) => Buffer.from(`${list}|${offset}`).toString('base64url');

function decode(list, token) {
  const [tokenList, offset] = Buffer.from(token, 'base64url').toString().split('|');
  const n = Number(offset);
  return tokenList === list && Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * The page of `items` that `pageToken` (null: the first) designates, as a 200 reply.
 * `list` names the list (a token from another list is rejected with 400); `loop`: answer every
 * token with the first page and the same next_page_token (for loop guards).
 */
export function page(items, { list, size, pageToken, loop = false }) {
  const offset = pageToken === null ? 0 : decode(list, pageToken);
  if (offset === null) return message(400, 'Invalid page-token.');
  const start = loop ? 0 : offset;
  const end = start + size;
  const next = end < items.length ? encode(list, end) : null;
  return json(200, { items: items.slice(start, end), next_page_token: next });
}
