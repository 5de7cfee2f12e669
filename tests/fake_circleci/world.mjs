// What the fake CircleCI knows: users, orgs, projects, pipelines → workflows → jobs → steps →
// actions (one per parallel container), each action naming its step-output kind
// (step_output.mjs). Fixed data: the same ids, numbers and times on every run.
import { sampleCommand } from './fixtures.mjs';
import { fakeHex, fakeUuid, uuidToBase58 } from './ids.mjs';
import { exitCodeOf } from './step_output.mjs';

export const IDENTITIES = {
  ada: { id: fakeUuid('user:ada'), login: 'ada-acme', name: 'Ada Lovelace',
    avatar_url: 'https://avatars.githubusercontent.com/u/90000001?v=4', orgs: ['acme', 'platform'] },
  grace: { id: fakeUuid('user:grace'), login: 'grace-acme', name: 'Grace Hopper',
    avatar_url: 'https://avatars.githubusercontent.com/u/90000002?v=4', orgs: ['acme'] },
};

const PLATFORM_ORG_ID = fakeUuid('org:acme-platform');
const PLATFORM_PROJECT_ID = fakeUuid('project:acme-platform/platform-api');

/** Collaborations as /api/v2/me/collaborations lists them: one GitHub OAuth org, one GitHub-App org. */
export const ORGS = {
  acme: { id: fakeUuid('org:acme'), 'vcs-type': 'github', name: 'acme',
    avatar_url: 'https://avatars.githubusercontent.com/u/90000100?v=4', slug: 'gh/acme' },
  platform: { id: PLATFORM_ORG_ID, 'vcs-type': 'circleci', name: 'acme-platform',
    avatar_url: '', slug: `circleci/${uuidToBase58(PLATFORM_ORG_ID)}` },
};

const HOUR = 3600_000;
const LATEST_PIPELINE_AT = Date.parse('2024-05-14T09:00:00.000Z');
const STEP_MS = 20_000;

// ---- job specs -------------------------------------------------------------------------

const SPIN_UP = { step: 0, name: 'Spin up environment', command: null, kind: 'setup' };
const ENVIRONMENT = { step: 99, name: 'Preparing environment variables', command: null, kind: 'environment' };
const CHECKOUT = { step: 101, name: 'Checkout code', command: null, kind: 'checkout' };
const PREAMBLE = [SPIN_UP, ENVIRONMENT, CHECKOUT];

/** A `run` step; `kind` is an output kind or (containerIndex) => kind | null (null: did not run). */
const run = (step, name, command, kind) => ({ step, name, command: `#!/bin/bash -eo pipefail\n${command}\n`, kind });
const sampleRun = (step, name, kind) => ({ step, name, command: sampleCommand(name), kind });

const job = (number, name, steps, extra = {}) => ({ number, name, steps, parallelism: 1, ...extra });
const passing = (number, name) => job(number, name, [...PREAMBLE, run(102, 'Build and test', 'make test', 'tests-pass')]);
const failing = (number, name, stepName, command, kind) => job(number, name, [...PREAMBLE, run(102, stepName, command, kind)]);
const approval = (name) => ({ name, type: 'approval' });

/** The real 16-container job (bullet-train-co/bullet_train 3270, fixtures/ci_runner__job_parallel.json):
 *  container 2 fails "Install Google Chrome" with exit 56 and runs nothing after it. */
const PARALLEL_JOB = job(3270, 'Minitest', [
  SPIN_UP,
  ENVIRONMENT,
  sampleRun(101, 'Install Google Chrome', (i) => (i === 2 ? 'chrome-install-failed' : 'chrome-install')),
  sampleRun(112, 'Run tests with Knapsack Pro', (i) => (i === 2 ? null : 'knapsack')),
], { parallelism: 16 });

/** 4 failing steps × 16 containers (steps after the first run with `when: always`). */
const BENCHMARK_JOB = job(1300, 'matrix', [
  ...PREAMBLE,
  run(102, 'Build', 'make', 'gcc'),
  run(103, 'Unit tests', 'bundle exec rspec', 'rspec'),
  run(104, 'Web tests', 'yarn jest --ci', 'jest'),
  run(105, 'Integration tests', 'pytest -n 4 tests/integration', 'oom'),
], { parallelism: 16 });

const RSPEC_RESULTS = [
  ...Array.from({ length: 22 }, (_, i) => ({
    message: '', source: 'rspec', run_time: 0.05 + i / 100, file: `./spec/models/widget_spec.rb`,
    result: 'success', name: `Widget validates rule ${i + 1}`, classname: 'spec.models.widget_spec' })),
  { message: 'Capybara::ElementNotFound: Unable to find select box "Kind" that is not disabled',
    source: 'rspec', run_time: 2.31, file: './test/fixtures/specs/bla_spec.rb', result: 'failure',
    name: 'hermione abracadabra transforms', classname: 'test.fixtures.specs.bla_spec' },
];

const APP_PIPELINES = [
  { number: 45, subject: 'Add header parser', workflows: [
    { name: 'lint', jobs: [passing(1200, 'lint')] },
    { name: 'build-and-test', jobs: [
      passing(1201, 'build'),
      failing(1202, 'compile-strict', 'Build with -Werror', 'make', 'gcc'),
      { ...failing(1203, 'unit-tests', 'Run RSpec', 'bundle exec rspec', 'rspec'), tests: RSPEC_RESULTS },
      failing(1204, 'web-tests', 'Run Jest', 'yarn jest --ci', 'jest'),
      failing(1205, 'integration', 'Integration tests', 'pytest -n 4 tests/integration', 'oom'),
      approval('hold-deploy'),
    ] },
  ] },
  { number: 44, subject: 'Update Node.js to version 18.6.0', workflows: [{ name: 'nightly', jobs: [PARALLEL_JOB] }] },
  { number: 43, subject: 'Benchmark fixture', workflows: [{ name: 'benchmark', jobs: [BENCHMARK_JOB] }] },
  { number: 42, subject: 'Vendor all codecs', workflows: [{ name: 'release-build', jobs: [
    failing(1400, 'build-everything', 'Build all modules', 'cmake --build build -j8', 'large')] }] },
  { number: 41, subject: 'Split the suite into shards', workflows: [{ name: 'shards', jobs: Array.from({ length: 25 },
    (_, i) => (i === 16 ? failing(1500 + i, `shard-${i + 1}`, 'Build', 'make', 'gcc') : passing(1500 + i, `shard-${i + 1}`))) }] },
  { number: 40, subject: 'One workflow per platform', workflows: Array.from({ length: 7 }, (_, i) => ({
    name: `wf-${i + 1}`,
    jobs: [i === 5 ? failing(1600 + i, 'test', 'Run Jest', 'yarn jest --ci', 'jest') : passing(1600 + i, 'test')] })) },
  ...Array.from({ length: 39 }, (_, i) => ({ number: 39 - i, subject: `Routine change #${39 - i}`,
    workflows: [{ name: 'build-and-test', jobs: [passing(1000 + 39 - i, 'build')] }] })),
];

const PLATFORM_PIPELINES = [
  { number: 3, subject: 'Price rounding', workflows: [{ name: 'ci', jobs: [failing(77, 'test', 'Run Jest', 'yarn jest --ci', 'jest')] }] },
  { number: 2, subject: 'Initial API', workflows: [{ name: 'ci', jobs: [passing(76, 'test')] }] },
  { number: 1, subject: 'Initial commit', workflows: [{ name: 'ci', jobs: [passing(75, 'test')] }] },
];

// ---- building the records --------------------------------------------------------------

const PROJECTS = [
  { org: 'acme', slug: 'gh/acme/app', id: fakeUuid('project:acme/app'), name: 'app',
    vcsType: 'github', username: 'acme', reponame: 'app', externalUrl: 'https://github.com/acme/app',
    specs: APP_PIPELINES },
  { org: 'platform', slug: `circleci/${uuidToBase58(PLATFORM_ORG_ID)}/${uuidToBase58(PLATFORM_PROJECT_ID)}`,
    id: PLATFORM_PROJECT_ID, name: 'platform-api', vcsType: 'circleci', username: 'acme-platform',
    reponame: 'platform-api', externalUrl: 'https://github.com/acme-platform/platform-api',
    specs: PLATFORM_PIPELINES },
];

const pipelinesById = new Map();
const workflowsById = new Map();

function buildActions(step, spec, startMs) {
  const actions = [];
  for (let index = 0; index < spec.parallelism; index += 1) {
    const kind = typeof step.kind === 'function' ? step.kind(index) : step.kind;
    if (kind === null) continue;
    const begin = startMs + index * 137;
    actions.push({ index, kind, exitCode: exitCodeOf(kind), startMs: begin, endMs: begin + STEP_MS });
  }
  return actions;
}

function buildJob(project, spec, pipeline, workflow, createdMs) {
  const id = fakeUuid(`job:${project.slug}/${spec.name}/${spec.number ?? `${pipeline.number}/${workflow.name}`}`);
  if (spec.type === 'approval') {
    return { project, id, name: spec.name, type: 'approval', status: 'on_hold', pipeline, workflow };
  }
  const startedMs = createdMs + 2000;
  const steps = spec.steps.map((step, i) => ({
    step: step.step, name: step.name, command: step.command,
    actions: buildActions(step, spec, startedMs + i * STEP_MS),
  }));
  const failed = steps.some((s) => s.actions.some((a) => a.exitCode !== 0));
  return {
    project, id, type: 'build', number: spec.number, name: spec.name, parallelism: spec.parallelism,
    status: failed ? 'failed' : 'success', pipeline, workflow,
    createdMs, queuedMs: createdMs + 500, startedMs, stoppedMs: startedMs + steps.length * STEP_MS + 1000,
    steps, tests: spec.tests ?? [],
  };
}

function buildProject(project) {
  project.jobs = new Map();
  const latest = project.specs[0].number;
  project.pipelines = project.specs.map((pSpec) => {
    const createdMs = LATEST_PIPELINE_AT - (latest - pSpec.number) * HOUR;
    const pipeline = { project, id: fakeUuid(`pipeline:${project.slug}/${pSpec.number}`), number: pSpec.number,
      subject: pSpec.subject, createdMs, revision: fakeHex(`rev:${project.slug}/${pSpec.number}`, 40) };
    pipeline.workflows = pSpec.workflows.map((wSpec, w) => {
      const workflow = { project, pipeline, id: fakeUuid(`workflow:${project.slug}/${pSpec.number}/${wSpec.name}`),
        name: wSpec.name, createdMs: createdMs + w * 1000 };
      workflow.jobs = wSpec.jobs.map((jSpec, j) => buildJob(project, jSpec, pipeline, workflow, workflow.createdMs + 5000 + j * 1000));
      const failed = workflow.jobs.some((jb) => jb.status === 'failed');
      const held = workflow.jobs.some((jb) => jb.status === 'on_hold');
      workflow.status = failed ? 'failed' : held ? 'on_hold' : 'success';
      workflow.stoppedMs = held && !failed ? null : Math.max(...workflow.jobs.map((jb) => jb.stoppedMs ?? 0));
      for (const jb of workflow.jobs) if (jb.number !== undefined) project.jobs.set(jb.number, jb);
      workflowsById.set(workflow.id, workflow);
      return workflow;
    });
    pipelinesById.set(pipeline.id, pipeline);
    return pipeline;
  });
}

for (const project of PROJECTS) buildProject(project);

// ---- lookups ---------------------------------------------------------------------------

const VCS_SHORT = { github: 'gh', bitbucket: 'bb', gitlab: 'gl' };

/** The project for a v2 slug (`gh/…`, `github/…`, `circleci/<org-id>/<project-id>`), or null. */
export function findProject(slug) {
  const [vcs, ...rest] = slug.split('/');
  const normal = [VCS_SHORT[vcs] ?? vcs, ...rest].join('/');
  return PROJECTS.find((p) => p.slug === normal) ?? null;
}

export const findPipeline = (id) => pipelinesById.get(id) ?? null;
export const findWorkflow = (id) => workflowsById.get(id) ?? null;

export function canSee(identity, project) {
  return IDENTITIES[identity]?.orgs.includes(project.org) ?? false;
}

export function collaborationsOf(identity) {
  return IDENTITIES[identity].orgs.map((key) => ORGS[key]);
}

/** Public part of an identity, as /api/v2/me answers it. */
export function meOf(identity) {
  const { id, login, name, avatar_url: avatarUrl } = IDENTITIES[identity];
  return { avatar_url: avatarUrl, id, login, name };
}

/** Names for the records tests reach for (README.md lists what each one is). */
export const WELL_KNOWN = {
  slugs: { app: PROJECTS[0].slug, platform: PROJECTS[1].slug },
  jobs: { build: 1201, gcc: 1202, rspec: 1203, jest: 1204, oom: 1205, parallel: 3270, benchmark: 1300,
    large: 1400, shardFailed: 1516, platformJest: 77 },
  pipelines: { failing: 45, parallel: 44, benchmark: 43, large: 42, manyJobs: 41, manyWorkflows: 40 },
};
