// "Analyse a failed job": the backend lists the job's failing step outputs (POST /api/jobs);
// a module worker (analysis-worker.mjs) streams them into the core's LogAnalyzer; the page
// shows the failing step, the category and the culprit lines. Cancel terminates the worker,
// which aborts its fetch.
import { classify, idCatalog } from '/pkg/index.mjs';

import { backend, toOutcome } from './backend_client.mjs';
import { byId, h, keepFocus, showText } from './dom.mjs';
import { logView } from './log_view.mjs';

/** How many ranked findings get a log excerpt. */
const SHOWN_FINDINGS = 3;

let worker = null;
/** Bumped by every start and every cancel: a listing that returns to an older run is dropped. */
let generation = 0;

function status(message, remedy = null, state = '') {
  byId('analysis-status').dataset.state = state;
  byId('analysis-status').dataset.empty = 'false';
  showText(byId('analysis-line'), message);
  showText(byId('analysis-remedy'), remedy);
}

function setRunning(running) {
  byId('analysis-run').disabled = running;
  byId('analysis-cancel').disabled = !running;
  byId('analysis-status').setAttribute('aria-busy', String(running));
  keepFocus(byId(running ? 'analysis-cancel' : 'analysis-run'));
}

function stop() {
  generation += 1;
  worker?.terminate();
  worker = null;
  setRunning(false);
}

const where = (step) => `${step.name} (container ${step.container})`;

function renderAnalysis(analysis, steps, failures) {
  const description = idCatalog().category.find((category) => category.id === analysis.category)?.description ?? '';
  const culprit = analysis.findings[0];
  byId('analysis-step').textContent = culprit
    ? `${culprit.step ?? where(steps[0])}${culprit.container === null ? '' : ` (container ${culprit.container})`}`
    : steps.map(where).join(', ');
  byId('analysis-category').textContent = `${analysis.category} — ${description} (confidence ${Math.round(analysis.confidence * 100)} %)`;
  byId('analysis-category').dataset.category = analysis.category;
  byId('analysis-stats').textContent = `${analysis.stats.lines} lines, ${analysis.stats.bytes} bytes from ${steps.length - failures.length} of ${steps.length} step outputs`;
  byId('analysis-problems').replaceChildren(...failures.map(({ step, diagnosis }) => h('li', {},
    `${where(step)}: ${diagnosis.message} ${diagnosis.remedy}`)));
  byId('analysis-findings').replaceChildren(...analysis.findings.slice(0, SHOWN_FINDINGS).map((finding, rank) => {
    const location = [finding.file, finding.line, finding.column].filter((part) => part !== null).join(':');
    const title = `${rank === 0 ? 'Culprit' : `Finding ${rank + 1}`}: ${finding.step ?? ''} line ${finding.line_no}`;
    return h('article', { class: 'finding', 'data-rule': finding.rule, 'data-category': finding.category },
      h('h3', {}, title),
      h('p', {}, h('span', { class: 'badge' }, finding.category), ' ', h('span', { class: 'badge' }, finding.severity),
        location ? [' ', h('code', {}, location)] : null, finding.count > 1 ? ` · seen ${finding.count} times` : null),
      logView(finding, `${title}, log excerpt`));
  }));
  byId('analysis-result').hidden = false;
}

async function analyse(url) {
  byId('analysis-result').hidden = true;
  status('Listing the failed steps…', null, 'listing');
  setRunning(true);
  const run = ++generation;
  const listed = await backend.jobs(url);
  if (run !== generation) return undefined;
  if (!listed.ok) {
    const diagnosis = listed.transport === undefined ? { message: listed.message, remedy: null } : classify({ transport: listed.transport });
    stop();
    return status(diagnosis.message, diagnosis.remedy, 'failed');
  }
  if (listed.value.outcome) {
    const diagnosis = classify(toOutcome(listed.value.outcome));
    stop();
    return status(diagnosis.message, diagnosis.remedy, 'failed');
  }
  const steps = listed.value.steps.filter((step) => step.output !== null);
  if (steps.length === 0) {
    stop();
    return status('This job has no failed step whose output can be read.', null, 'failed');
  }
  const failures = [];
  worker = new Worker('/analysis-worker.mjs', { type: 'module' });
  worker.addEventListener('message', ({ data }) => {
    if (data.type === 'progress') status(`Reading ${where(steps[data.index])}: ${Math.round(data.bytes / 1024)} KiB…`, null, 'reading');
    if (data.type === 'step_failed') failures.push({ step: steps[data.index], diagnosis: classify(toOutcome(data.outcome)) });
    if (data.type === 'done') {
      stop();
      status(`Analysed ${steps.length} failing step output${steps.length === 1 ? '' : 's'}.`, null, 'done');
      renderAnalysis(data.analysis, steps, failures);
    }
    if (data.type === 'error') {
      stop();
      status(data.message, null, 'failed');
    }
  });
  worker.addEventListener('error', (event) => {
    stop();
    status(event.message, null, 'failed');
  });
  status(`Reading ${steps.length} failing step output${steps.length === 1 ? '' : 's'}…`, null, 'reading');
  worker.postMessage({ steps });
  return undefined;
}

export function setupAnalysisPanel() {
  byId('analysis-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!worker) analyse(byId('analysis-url').value.trim());
  });
  byId('analysis-cancel').addEventListener('click', () => {
    stop();
    status('Cancelled: the analysis was stopped.', null, 'cancelled');
  });
}
