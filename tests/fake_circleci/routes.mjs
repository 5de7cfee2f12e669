// The endpoints the fake serves, each with its area (what authentication and scenario access
// apply: 'me', 'collaborations', 'project' need a token; 'public' and 'presigned' do not).
// Handlers take a context and the path's named groups and return a reply (replies.mjs).
// Slugs: `gh/acme/app`, `github/acme/app`, `circleci/<org-id>/<project-id>`, `/` possibly %2F.
//
// Routes that serve one step output name it (outputOf(params) → "slug/job/step/index") for the
// request log, so that even a faulted fetch counts as a fetch of that output.
//
// ctx: {identity, query (URLSearchParams), loop (page-loop scenario), largeBytes, otherHostUrl,
//       mintUrls(job) → (step, action) → output_url, presigned (the minted URL's record | null),
//       nowMs}
import { expiredUrlReply } from './faults.mjs';
import { page } from './pagination.mjs';
import { MESSAGES, json, message, redirect, s3Error, stream } from './replies.mjs';
import {
  pipelineItem, projectItem, v1BuildSummary, v1JobDetails, v2JobDetails, workflowItem, workflowJobItem,
} from './shapes.mjs';
import { isStreamed, jsonChunks, rawChunks } from './step_output.mjs';
import {
  canSee, collaborationsOf, findPipeline, findProject, findWorkflow, meOf,
} from './world.mjs';

const PAGE_SIZES = { pipelines: 20, workflows: 5, jobs: 10, tests: 10 };

const SLUG = '(?<slug>[^/]+/[^/]+/[^/]+)';

function visibleProject(ctx, slug) {
  const project = findProject(slug);
  return project && canSee(ctx.identity, project) ? project : null;
}

function visibleJob(ctx, slug, number) {
  return visibleProject(ctx, slug)?.jobs.get(Number(number)) ?? null;
}

const visible = (ctx, record) => (record && canSee(ctx.identity, record.project) ? record : null);
const pageToken = (ctx) => ctx.query.get('page-token');

function findAction(job, stepId, index) {
  const step = job?.steps.find((s) => s.step === Number(stepId));
  const action = step?.actions.find((a) => a.index === Number(index));
  return action ? { step, action } : null;
}

/** The size the large output is generated at: `?size=N` if given, else the server's option. */
function largeBytes(ctx) {
  const size = ctx.query.has('size') ? Number(ctx.query.get('size')) : NaN;
  return Number.isSafeInteger(size) && size >= 0 ? size : ctx.largeBytes;
}

function outputContext(ctx, job, action) {
  return { index: action.index, parallelism: job.parallelism, startMs: action.startMs, largeBytes: largeBytes(ctx) };
}

/** A step output's body: buffered, or streamed for outputs too large to hold. */
function outputReply(contentType, action, chunks) {
  return isStreamed(action.kind)
    ? stream(200, contentType, chunks)
    : { status: 200, headers: { 'content-type': contentType }, body: [...chunks].join('') };
}

const HANDLERS = {
  me: (ctx) => json(200, meOf(ctx.identity)),

  collaborations: (ctx) => json(200, collaborationsOf(ctx.identity)),

  project(ctx, { slug }) {
    const project = visibleProject(ctx, slug);
    return project ? json(200, projectItem(project)) : message(404, MESSAGES.projectNotFound);
  },

  pipelines(ctx, { slug }) {
    const project = visibleProject(ctx, slug);
    if (!project) return message(404, MESSAGES.projectNotFound);
    const branch = ctx.query.get('branch');
    const pipelines = branch === null || branch === 'main' ? project.pipelines : [];
    return page(pipelines.map(pipelineItem), { list: `pipelines:${project.slug}:${branch}`, size: PAGE_SIZES.pipelines, pageToken: pageToken(ctx), loop: ctx.loop });
  },

  pipelineByNumber(ctx, { slug, number }) {
    const project = visibleProject(ctx, slug);
    if (!project) return message(404, MESSAGES.projectNotFound);
    const pipeline = project.pipelines.find((p) => p.number === Number(number));
    return pipeline ? json(200, pipelineItem(pipeline)) : message(404, 'Pipeline not found');
  },

  pipeline(ctx, { id }) {
    const pipeline = visible(ctx, findPipeline(id));
    return pipeline ? json(200, pipelineItem(pipeline)) : message(404, 'Pipeline not found');
  },

  workflows(ctx, { id }) {
    const pipeline = visible(ctx, findPipeline(id));
    if (!pipeline) return message(404, 'Pipeline not found');
    return page(pipeline.workflows.map(workflowItem), { list: `workflows:${id}`, size: PAGE_SIZES.workflows, pageToken: pageToken(ctx), loop: ctx.loop });
  },

  workflow(ctx, { id }) {
    const workflow = visible(ctx, findWorkflow(id));
    return workflow ? json(200, workflowItem(workflow)) : message(404, 'Workflow not found');
  },

  workflowJobs(ctx, { id }) {
    const workflow = visible(ctx, findWorkflow(id));
    if (!workflow) return message(404, 'Workflow not found');
    return page(workflow.jobs.map(workflowJobItem), { list: `jobs:${id}`, size: PAGE_SIZES.jobs, pageToken: pageToken(ctx), loop: ctx.loop });
  },

  v2Job(ctx, { slug, number }) {
    if (!visibleProject(ctx, slug)) return message(404, MESSAGES.projectNotFound);
    const job = visibleJob(ctx, slug, number);
    return job ? json(200, v2JobDetails(job)) : message(404, 'Job not found');
  },

  tests(ctx, { slug, number }) {
    if (!visibleProject(ctx, slug)) return message(404, MESSAGES.projectNotFound);
    const job = visibleJob(ctx, slug, number);
    if (!job) return message(404, 'Job not found');
    return page(job.tests, { list: `tests:${job.project.slug}/${job.number}`, size: PAGE_SIZES.tests, pageToken: pageToken(ctx), loop: ctx.loop });
  },

  v1RecentBuilds(ctx, { slug }) {
    const project = visibleProject(ctx, slug);
    if (!project) return message(404, MESSAGES.projectNotFound);
    const limit = Math.min(Math.max(Number(ctx.query.get('limit')) || 30, 1), 100);
    const jobs = [...project.jobs.values()].sort((a, b) => b.number - a.number).slice(0, limit);
    return json(200, jobs.map(v1BuildSummary));
  },

  v1Job(ctx, { slug, number }) {
    if (!visibleProject(ctx, slug)) return message(404, MESSAGES.projectNotFound);
    const job = visibleJob(ctx, slug, number);
    return job ? json(200, v1JobDetails(job, ctx.mintUrls(job))) : message(404, 'Build not found');
  },

  rawOutput(ctx, { slug, number, stream: which, index, step: stepId }) {
    const job = visibleJob(ctx, slug, number);
    const found = findAction(job, stepId, index);
    if (!found) return message(404, MESSAGES.notFound);
    const chunks = rawChunks(found.action.kind, outputContext(ctx, job, found.action), which === 'output' ? 'out' : 'err');
    return outputReply('text/plain;charset=utf-8', found.action, chunks);
  },

  redirectToOtherHost: (ctx) => redirect(`${ctx.otherHostUrl}/landing`),

  presignedOutput(ctx) {
    const record = ctx.presigned;
    if (!record) return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    if (ctx.nowMs > record.expiresAtMs) return expiredUrlReply(record.expiresAtMs, ctx.nowMs);
    const { job, action } = record;
    return outputReply('application/json', action, jsonChunks(action.kind, outputContext(ctx, job, action)));
  },
};

const OUTPUT_OF = {
  rawOutput: ({ slug, number, index, step }) => `${findProject(slug)?.slug ?? slug}/${Number(number)}/${Number(step)}/${Number(index)}`,
};

const ROUTES = [
  ['me', 'me', '/api/v2/me'],
  ['collaborations', 'collaborations', '/api/v2/me/collaborations'],
  ['project', 'project', `/api/v2/project/${SLUG}`],
  ['pipelines', 'project', `/api/v2/project/${SLUG}/pipeline`],
  ['pipelineByNumber', 'project', `/api/v2/project/${SLUG}/pipeline/(?<number>\\d+)`],
  ['pipeline', 'project', '/api/v2/pipeline/(?<id>[^/]+)'],
  ['workflows', 'project', '/api/v2/pipeline/(?<id>[^/]+)/workflow'],
  ['workflow', 'project', '/api/v2/workflow/(?<id>[^/]+)'],
  ['workflowJobs', 'project', '/api/v2/workflow/(?<id>[^/]+)/job'],
  ['v2Job', 'project', `/api/v2/project/${SLUG}/job/(?<number>\\d+)`],
  ['tests', 'project', `/api/v2/project/${SLUG}/(?<number>\\d+)/tests`],
  ['v1RecentBuilds', 'project', `/api/v1\\.1/project/${SLUG}`],
  ['v1Job', 'project', `/api/v1\\.1/project/${SLUG}/(?<number>\\d+)`],
  ['rawOutput', 'project', `/api/private/output/raw/${SLUG}/(?<number>\\d+)/(?<stream>output|error)/(?<index>\\d+)/(?<step>\\d+)`],
  ['redirectToOtherHost', 'public', '/api/v2/redirect-to-other-host'],
  ['presignedOutput', 'presigned', '/_s3/action-output/(?<key>[^/]+)'],
].map(([name, area, pattern]) => ({ name, area, regex: new RegExp(`^${pattern}$`), handle: HANDLERS[name], outputOf: OUTPUT_OF[name] }));

/** The route for a GET of `pathname` (percent-decoded here, so %2F in slugs works), or null. */
export function matchRoute(method, pathname) {
  if (method !== 'GET') return null;
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  for (const route of ROUTES) {
    const match = route.regex.exec(path);
    if (match) return { route, params: { ...match.groups } };
  }
  return null;
}
