// The "Connect CircleCI" page: wires the DOM to the connection flow and the panels. Every
// decision comes from the core (through the JS facade) or the backend; this file only
// forwards events and renders what they return. The token leaves the field exactly once,
// on submit, for the backend, and is not kept anywhere in the page.
import { checkToken, idCatalog, init } from '/pkg/index.mjs';

import { setupAnalysisPanel } from './analysis_panel.mjs';
import { setupBuildsPanel } from './builds_panel.mjs';
import { createConnectionFlow } from './connection_flow.mjs';
import { renderFlow } from './connection_render.mjs';
import { byId, keepFocus } from './dom.mjs';
import { renderTroubleshooting } from './troubleshooting.mjs';

const TICK_MS = 1000;

const field = byId('token');
const toggle = byId('toggle-visibility');
let check;
let previous = { candidate: null, active: null };

/** Puts focus back where a keyboard user can go on when a check that disabled a button ends. */
function restoreFocus(snapshot, event) {
  if (event === 'connected') byId('connection-heading').focus();
  else if (previous.candidate?.state === 'validating' && snapshot.candidate.state !== 'validating') {
    keepFocus(snapshot.candidate.can_submit ? byId('connect') : field);
  } else if (previous.active?.state === 'validating' && snapshot.active?.state !== 'validating') {
    keepFocus(byId(snapshot.active ? 'recheck' : 'connect'));
  }
  previous = snapshot;
}

function onChange(snapshot, event) {
  renderFlow(snapshot, check);
  restoreFocus(snapshot, event);
}

function showToken(show) {
  field.type = show ? 'text' : 'password';
  toggle.textContent = show ? 'Hide' : 'Show';
  toggle.setAttribute('aria-pressed', String(show));
}

async function start() {
  await init();
  check = checkToken('');
  const flow = createConnectionFlow({ onChange });
  renderTroubleshooting(byId('troubleshooting-body'), idCatalog());

  field.addEventListener('input', () => {
    check = checkToken(field.value);
    flow.input(field.value);
  });
  toggle.addEventListener('click', () => showToken(field.type === 'password'));
  byId('connect-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!flow.canSubmit()) return undefined;
    if (field.value === '') return flow.retry();
    const token = field.value;
    field.value = '';
    showToken(false);
    check = checkToken('');
    return flow.submit(token, byId('host').value);
  });
  byId('recheck').addEventListener('click', () => flow.recheck());
  byId('disconnect').addEventListener('click', () => flow.disconnect());
  setupBuildsPanel();
  setupAnalysisPanel();

  const session = await flow.load();
  if (session) byId('host').value = session.default_host;
  setInterval(() => flow.tick(), TICK_MS);
  document.body.dataset.ready = 'true';
  performance.mark('cci-interactive');
}

start().catch((error) => {
  const alert = byId('load-error');
  alert.textContent = `This page could not start: ${error.message}`;
  alert.hidden = false;
});
