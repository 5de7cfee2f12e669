// The failing step outputs of one job, from its v1.1 job details: the core decides which
// steps failed and on which containers; each such action's `output_url` is kept only when
// it lies on a storage host (hosts.storageUrl), so the backend never fetches anything else.

function actionOf(details, step, container) {
  for (const entry of Array.isArray(details?.steps) ? details.steps : []) {
    for (const action of Array.isArray(entry?.actions) ? entry.actions : []) {
      if (action?.step === step && action?.index === container) return action;
    }
  }
  return null;
}

/**
 * `[{name, step, container, exit_code, status, timedout, infrastructure_fail, url}]`, one per
 * failing container of each failed step; `url` (a URL) is null when the output is not on a
 * storage host or the job details name none.
 */
export function failingOutputs(core, detailsText, hosts) {
  let details;
  try {
    details = JSON.parse(detailsText);
  } catch {
    return [];
  }
  const { failed_steps: failed } = core.analyzeLog(detailsText, { format: 'job_details' });
  return failed.flatMap((step) => step.containers.map((container) => {
    const outputUrl = actionOf(details, step.step, container)?.output_url;
    return {
      name: step.name, step: step.step, container, exit_code: step.exit_code, status: step.status,
      timedout: step.timedout, infrastructure_fail: step.infrastructure_fail,
      url: typeof outputUrl === 'string' ? hosts.storageUrl(outputUrl) : null,
    };
  }));
}
