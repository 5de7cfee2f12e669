// "Builds not detected?": the core's diagnosis (diagnoseBuilds) from the organizations the
// connected token sees and, when the core asks for it, a probe of the project's pipelines,
// both fetched through the backend's relay (slot "active").
import { classify, diagnoseBuilds } from '/pkg/index.mjs';

import { backend, toOutcome } from './backend_client.mjs';
import { byId, keepFocus, showText } from './dom.mjs';

function show({ message, remedy, detail = null, cause = '' }) {
  byId('builds-result').dataset.cause = cause;
  byId('builds-result').dataset.empty = 'false';
  showText(byId('builds-message'), message);
  showText(byId('builds-remedy'), remedy);
  showText(byId('builds-detail'), detail);
}

/** A relayed GET as an Outcome, or the words to show when it could not be made. */
async function relayed(path) {
  const answer = await backend.relay('active', { method: 'GET', path });
  if (answer.ok) return { outcome: toOutcome(answer.value) };
  if (answer.transport !== undefined) return { failure: classify({ transport: answer.transport }) };
  return { failure: { message: answer.message, remedy: null } };
}

async function diagnose(slug) {
  const orgs = await relayed('/api/v2/me/collaborations');
  if (orgs.failure) return show(orgs.failure);
  const refused = classify(orgs.outcome);
  if (refused.reason !== 'ok') return show({ ...refused, cause: refused.reason });
  const collaborations = orgs.outcome.body;
  let diagnosis = diagnoseBuilds({ collaborations, projectSlug: slug, now: Date.now() });
  if (diagnosis.cause === 'project_not_probed') {
    const probe = await relayed(`/api/v2/project/${slug}/pipeline`);
    if (probe.failure) return show(probe.failure);
    diagnosis = diagnoseBuilds({ collaborations, projectSlug: slug, probe: probe.outcome, now: Date.now() });
  }
  const organization = diagnosis.organization && `Organization: ${diagnosis.organization.name} (${diagnosis.organization.slug})`;
  const probe = diagnosis.probe?.server_message && `CircleCI said: “${diagnosis.probe.server_message}”`;
  return show({ ...diagnosis, detail: [organization, probe].filter(Boolean).join(' · ') || null });
}

export function setupBuildsPanel() {
  const form = byId('builds-form');
  const run = byId('builds-run');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    run.disabled = true;
    byId('builds-result').setAttribute('aria-busy', 'true');
    try {
      await diagnose(byId('builds-slug').value.trim());
    } finally {
      run.disabled = false;
      keepFocus(run);
      byId('builds-result').removeAttribute('aria-busy');
    }
  });
}
