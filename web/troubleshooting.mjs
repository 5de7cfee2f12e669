// The troubleshooting section, generated from the core's id tables (idCatalog()): every
// connection failure reason, every token-check refusal or warning, every "builds not
// detected" cause — each with the core's message and remedy. No text here names a reason.
import { h } from './dom.mjs';

function entries(rows, message = (row) => row.message) {
  return h('dl', { class: 'catalog' }, rows.flatMap((row) => [
    h('dt', { 'data-id': row.id }, message(row)),
    h('dd', {}, row.remedy),
  ]));
}

function group(id, title, intro, content) {
  return h('details', { id },
    h('summary', {}, title),
    h('p', {}, intro),
    content);
}

/** Fills `container` from `catalog` (the result of idCatalog()). */
export function renderTroubleshooting(container, catalog) {
  const vendors = catalog.vendor.map((vendor) => vendor.name).join('; ');
  const tokenRows = catalog.token_code.filter((code) => code.verdict !== 'ok');
  container.replaceChildren(
    group('troubleshooting-connection', 'If the connection fails',
      'What CircleCI’s answer means, and what to do about it:',
      entries(catalog.reason.filter((reason) => reason.id !== 'ok'))),
    group('troubleshooting-token', 'If the token is refused before connecting',
      'The token field checks the shape of what you paste before anything is sent:',
      entries(tokenRows, (row) => row.message.replace('{vendor}', vendors))),
    group('troubleshooting-builds', 'If builds are not detected',
      'What the “Builds not detected?” check can find:',
      entries(catalog.builds_cause)));
}
