// Reply values: what to answer, before delivery decides how (gzip, truncation, delays).
// A reply is {status, headers, body} (string or Buffer, sent with Content-Length) or
// {status, headers, chunks} (an iterable of strings, streamed chunked, never held whole).

/** Bodies as CircleCI sends them (docs/circleci-api.md §3). */
export const MESSAGES = {
  loginFirst: 'You must log in first.',
  invalidToken: 'Invalid token provided.',
  newFormatNeeded: 'New format tokens are needed to authenticate this API endpoint. Create a new API token for access.',
  queryAuth: 'Support for query parameter authentication has been deprecated to improve security. Please use a supported authentication method such as header-based, or basic authentication.',
  permissionDenied: 'Permission denied.',
  projectNotFound: 'Project not found',
  notFound: 'Not found',
  rateLimited: 'Rate limit exceeded.',
  internalError: 'Internal server error.',
};

const JSON_TYPE = 'application/json;charset=utf-8';

export function json(status, value, headers = {}) {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function message(status, text) {
  return json(status, { message: text });
}

export function text(status, body, headers = {}) {
  return { status, headers: { 'content-type': 'text/plain;charset=utf-8', ...headers }, body };
}

export function stream(status, contentType, chunks) {
  return { status, headers: { 'content-type': contentType }, chunks };
}

export function redirect(location) {
  return { status: 302, headers: { location }, body: '' };
}

const STATUS_TEXT = { 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

/** The HTML error page a Cloudflare/nginx front answers with when the API behind it is down. */
export function proxyErrorPage(status) {
  const title = `${status} ${STATUS_TEXT[status]}`;
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`;
  return { status, headers: { 'content-type': 'text/html', server: 'cloudflare', 'cf-ray': '8831f1c0de2a5e3b-FRA' }, body };
}

const xmlEscape = (s) => String(s).replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' }[c]));

/** An S3 error document, as a presigned URL answers it. `fields` become extra elements. */
export function s3Error(status, code, text, fields = {}) {
  const extra = Object.entries(fields).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(text)}</Message>${extra}<RequestId>4Q2XKQ1Z7D3M9W8B</RequestId><HostId>ZmFrZS1jaXJjbGVjaS1ob3N0LWlk</HostId></Error>`;
  return { status, headers: { 'content-type': 'application/xml', server: 'AmazonS3' }, body };
}
