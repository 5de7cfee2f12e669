// Renders the connection flow's snapshot (connection_flow.mjs) into the page. All texts are
// the core's view-model fields or the backend's words; the only choices made here are which
// block a state shows.
import { byId, h, showText } from './dom.mjs';

/** The candidate's verification is shown while it runs or after it ended; not while typing. */
const ATTEMPT_STATES = new Set(['validating', 'failed', 'rate_limited', 'connected']);

/** The connection's details and actions are shown while a connection exists. */
const LIVE_STATES = new Set(['connected', 'needs_reauth', 'validating', 'failed', 'rate_limited']);

function renderStages(list, stages) {
  list.replaceChildren(...stages.map((stage) => h('li', { 'data-status': stage.status, 'data-stage': stage.id },
    h('span', { class: 'stage-title' }, stage.title),
    ' ', h('code', {}, `${stage.method} ${stage.path}`),
    ' ', h('span', { class: 'stage-status' }, stage.status),
    stage.note ? h('span', { class: 'stage-note' }, ` — ${stage.note}`) : null)));
  list.hidden = stages.length === 0;
}

/** Fills the status block whose element ids start with `prefix`. */
function renderStatus(status, prefix, view) {
  status.dataset.state = view.state;
  status.dataset.reason = view.reason ?? '';
  status.dataset.retryIn = view.retry_in_s ?? '';
  showText(byId(`${prefix}-line`), view.status_line);
  showText(byId(`${prefix}-server-message`), view.server_message && `CircleCI said: “${view.server_message}”`);
  showText(byId(`${prefix}-remedy`), view.remedy);
  renderStages(byId(`${prefix}-stages`), view.stages);
}

function renderConnection(view, connection) {
  const section = byId('connection');
  section.hidden = view === null;
  if (view === null) return;
  renderStatus(byId('connection-status'), 'connection', view);
  const live = LIVE_STATES.has(view.state);
  byId('connection-facts').hidden = !live;
  byId('connection-actions').hidden = !live;
  byId('disconnect-hint').hidden = !live;
  byId('connection-orgs').replaceChildren(...(connection?.organizations ?? [])
    .map((org) => h('li', {}, org.name, ' ', h('code', {}, org.slug))));
  byId('connection-token').textContent = view.masked_token ?? '';
  byId('connection-host').textContent = connection?.host ?? '';
  byId('connection-verified').textContent = view.verified_ago ?? '';
  showText(byId('connection-expiry'), view.expiry_warning);
  const recheck = byId('recheck');
  recheck.textContent = view.button_label;
  recheck.disabled = !view.can_submit;
}

function renderCandidate(view, check) {
  const feedback = byId('token-feedback');
  feedback.dataset.verdict = check.kind === 'empty' ? 'empty' : check.verdict;
  feedback.dataset.kind = check.kind;
  feedback.dataset.code = check.code;
  showText(byId('token-summary'), check.kind === 'empty' ? '' : check.masked);
  showText(byId('token-message'), check.message);
  showText(byId('token-remedy'), check.kind === 'empty' ? '' : check.remedy);
  byId('token').setAttribute('aria-invalid', String(Boolean(view.field_error)));

  const button = byId('connect');
  button.textContent = view.button_label;
  button.disabled = !view.can_submit;

  const attempt = byId('attempt');
  attempt.hidden = !ATTEMPT_STATES.has(view.state);
  renderStatus(attempt, 'attempt', view);
  showText(byId('attempt-token'), view.masked_token && `Token: ${view.masked_token}`);
}

/** snapshot: see connection_flow.mjs; check: checkToken() of the field's current text. */
export function renderFlow(snapshot, check) {
  renderCandidate(snapshot.candidate, check);
  renderConnection(snapshot.active, snapshot.connection);
  const problem = byId('backend-problem');
  problem.hidden = snapshot.problem === null;
  showText(byId('backend-problem-message'), snapshot.problem?.message);
  showText(byId('backend-problem-remedy'), snapshot.problem?.remedy);
}
