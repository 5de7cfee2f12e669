// World records (world.mjs) → CircleCI response bodies, in the shapes of openapi-v2.json
// (v2) and of the real v1.1 build-details sample (fixtures/ci_runner__job_parallel.json).
import { PARALLEL_BUILD } from './fixtures.mjs';
import { fakeHex } from './ids.mjs';
import { IDENTITIES, ORGS } from './world.mjs';

const iso = (ms) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const actor = IDENTITIES.ada;

export function projectItem(project) {
  const org = ORGS[project.org];
  return {
    slug: project.slug, name: project.name, id: project.id, organization_name: org.name, organization_slug: org.slug,
    organization_id: org.id, vcs_info: { vcs_url: project.externalUrl, provider: 'GitHub', default_branch: 'main' },
  };
}

export function pipelineItem(p) {
  const repo = p.project.externalUrl;
  return {
    id: p.id, errors: [], project_slug: p.project.slug, updated_at: iso(p.createdMs + 60_000), number: p.number,
    trigger_parameters: {}, state: 'created', created_at: iso(p.createdMs),
    trigger: { received_at: iso(p.createdMs - 800), type: 'webhook', actor: { login: actor.login, avatar_url: actor.avatar_url } },
    vcs: { origin_repository_url: repo, target_repository_url: repo, revision: p.revision, provider_name: 'GitHub',
      commit: { body: '', subject: p.subject }, branch: 'main' },
  };
}

export function workflowItem(w) {
  return {
    pipeline_id: w.pipeline.id, id: w.id, name: w.name, project_slug: w.project.slug, status: w.status,
    started_by: actor.id, pipeline_number: w.pipeline.number, created_at: iso(w.createdMs), stopped_at: iso(w.stoppedMs),
  };
}

/** A /workflow/{id}/job item; approval jobs have no job_number (as on CircleCI). */
export function workflowJobItem(job) {
  if (job.type === 'approval') {
    const others = job.workflow.jobs.filter((j) => j.type !== 'approval').map((j) => j.id);
    return { dependencies: others, id: job.id, name: job.name, project_slug: job.project.slug, status: job.status,
      type: 'approval', approval_request_id: job.id, started_at: null, stopped_at: null };
  }
  return { dependencies: [], job_number: job.number, id: job.id, started_at: iso(job.startedMs), name: job.name,
    project_slug: job.project.slug, status: job.status, type: 'build', stopped_at: iso(job.stoppedMs) };
}

function webUrl(job) {
  const { project } = job;
  return project.vcsType === 'github'
    ? `https://circleci.com/gh/${project.username}/${project.reponame}/${job.number}`
    : `https://app.circleci.com/pipelines/${project.slug}/${job.pipeline.number}/workflows/${job.workflow.id}/jobs/${job.number}`;
}

const containerFailed = (job, index) => job.steps.some((s) => s.actions.some((a) => a.index === index && a.exitCode !== 0));

/** GET /api/v2/project/{slug}/job/{n}: no steps, no output (those live in v1.1). */
export function v2JobDetails(job) {
  const { project } = job;
  return {
    web_url: webUrl(job),
    project: { external_url: project.externalUrl, id: project.id, name: project.name, slug: project.slug },
    parallel_runs: Array.from({ length: job.parallelism }, (_, index) => ({ index, status: containerFailed(job, index) ? 'failed' : 'success' })),
    started_at: iso(job.startedMs), latest_workflow: { id: job.workflow.id, name: job.workflow.name }, name: job.name,
    executor: { resource_class: 'large', type: 'docker' }, parallelism: job.parallelism, status: job.status,
    number: job.number, pipeline: { id: job.pipeline.id }, duration: job.stoppedMs - job.startedMs,
    created_at: iso(job.createdMs), messages: [], contexts: [], organization: { name: project.username },
    queued_at: iso(job.queuedMs), stopped_at: iso(job.stoppedMs),
  };
}

const { steps: SAMPLE_STEPS, circle_yml: _config, ...BUILD_TEMPLATE } = PARALLEL_BUILD;
const { bash_command: _command, ...ACTION_TEMPLATE } = SAMPLE_STEPS[0].actions[0];

/** One entry of GET /api/v1.1/project/{vcs}/{org}/{repo} (recent builds, `shallow=true`). */
export function v1BuildSummary(job) {
  return {
    build_num: job.number, status: job.status, outcome: job.status, lifecycle: 'finished',
    build_url: webUrl(job), vcs_revision: job.pipeline.revision, branch: 'main',
    reponame: job.project.reponame, username: job.project.username, vcs_type: job.project.vcsType,
    workflows: { job_name: job.name, job_id: job.id, workflow_id: job.workflow.id, workflow_name: job.workflow.name },
    queued_at: iso(job.queuedMs), start_time: iso(job.startedMs), stop_time: iso(job.stoppedMs),
  };
}

/**
 * GET /api/v1.1/project/{vcs}/{org}/{repo}/{n}: build details with steps[].actions[], one action
 * per container that ran the step. `outputUrl(step, action)` mints each action's output_url.
 */
export function v1JobDetails(job, outputUrl) {
  const { project } = job;
  const failed = job.status === 'failed';
  const allocation = fakeHex(`allocation:${job.id}`, 24);
  return {
    ...BUILD_TEMPLATE,
    oss: false,
    body: '', subject: job.pipeline.subject, branch: 'main', vcs_revision: job.pipeline.revision,
    reponame: project.reponame, username: project.username, vcs_type: project.vcsType, vcs_url: project.externalUrl,
    build_url: webUrl(job), build_num: job.number, parallel: job.parallelism, job_name: null,
    status: job.status, outcome: job.status, failed, lifecycle: 'finished',
    user: { is_user: true, login: actor.login, avatar_url: actor.avatar_url, name: actor.name, vcs_type: 'github', id: 90000001 },
    owners: [actor.login], author_name: actor.name, author_email: 'ada@acme.example', author_date: iso(job.pipeline.createdMs - 60_000),
    committer_name: 'GitHub', committer_email: 'noreply@github.com', committer_date: iso(job.pipeline.createdMs - 60_000),
    all_commit_details: [], previous: null, previous_successful_build: null,
    workflows: { job_name: job.name, job_id: job.id, workflow_id: job.workflow.id, workspace_id: job.workflow.id,
      upstream_job_ids: [], upstream_concurrency_map: {}, workflow_name: job.workflow.name },
    queued_at: iso(job.queuedMs), usage_queued_at: iso(job.queuedMs), start_time: iso(job.startedMs),
    stop_time: iso(job.stoppedMs), build_time_millis: job.stoppedMs - job.startedMs,
    steps: job.steps.map((step) => ({
      name: step.name,
      actions: step.actions.map((action) => ({
        ...ACTION_TEMPLATE,
        index: action.index, step: step.step, name: step.name, bash_command: step.command,
        status: action.exitCode === 0 ? 'success' : 'failed', failed: action.exitCode === 0 ? null : true,
        exit_code: step.command === null && action.exitCode === 0 ? null : action.exitCode, start_time: iso(action.startMs), end_time: iso(action.endMs),
        run_time_millis: action.endMs - action.startMs, allocation_id: `${allocation}-${action.index}-build/${allocation.slice(0, 8).toUpperCase()}`,
        has_output: true, output_url: outputUrl(step, action),
      })),
    })),
  };
}
