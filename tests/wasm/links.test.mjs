// parseCircleCiUrl() and diagnoseBuilds() through the shipped module.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadFacade } from './load.mjs';

const api = await loadFacade();

test('job links, legacy links and SLUG NUMBER', () => {
  const job = api.parseCircleCiUrl('https://app.circleci.com/pipelines/gh/acme/app/812/workflows/3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11/jobs/9557');
  assert.deepEqual(job, { ok: true, target: { kind: 'job', host: 'https://app.circleci.com', project_slug: 'gh/acme/app',
    pipeline_number: 812, workflow_id: '3f1b0c1e-9a55-4c8e-8f3a-2d6b1c0e9a11', job_number: 9557, container: null } });
  assert.equal(api.parseCircleCiUrl('https://circleci.com/gh/acme/app/12').target.job_number, 12);
  assert.equal(api.parseCircleCiUrl('gh/acme/app 7').target.host, null);
  const bad = api.parseCircleCiUrl('https://github.com/acme/app');
  assert.equal(bad.ok, false);
  assert.equal(bad.error.id, 'not_a_circleci_url');
});

test('builds not detected: a GitHub App org addressed with a gh/ slug', () => {
  const collaborations = [{ id: 'a1b2', name: 'acme', slug: 'circleci/mr17jU9wJBnXPo4vt5qdJ', vcs_type: 'circleci' }];
  const result = api.diagnoseBuilds({ collaborations, projectSlug: 'gh/acme/app', now: Date.UTC(2026, 10, 25) });
  assert.ok(['slug_form_mismatch', 'org_not_visible'].includes(result.cause), result.cause);
  assert.ok(result.message.length > 0 && result.remedy.length > 0);
  const none = api.diagnoseBuilds({ collaborations: [] });
  assert.equal(none.cause, 'no_organizations');
});
