// Module worker: streams each failing step's output from the backend (GET
// /api/job-output/{id}) into the core's LogAnalyzer, so large logs never block the page.
// Cancelling = the page terminates the worker, which aborts the fetch in progress.
//
// in:  {steps: [{output, name, step, container, exit_code}]}
// out: {type: 'progress', index, bytes}        while a step's output streams
//      {type: 'step_failed', index, outcome}   its output could not be read (a core Outcome)
//      {type: 'done', analysis}                the core's Analysis of every step read
//      {type: 'error', message}                the core failed
import { LogAnalyzer, init } from '/pkg/index.mjs';

const PROGRESS_EVERY_BYTES = 256 * 1024;

/** Feeds one step's output; resolves to null, or the Outcome when it could not be read whole. */
async function feedStep(analyzer, step, index) {
  let response;
  try {
    response = await fetch(`/api/job-output/${encodeURIComponent(step.output)}`, { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    return { transport: 'connect', endpoint: 'step_output' };
  }
  if (!response.ok) {
    const answer = await response.json().catch(() => null);
    return answer?.outcome ?? { transport: 'other', endpoint: 'step_output' };
  }
  const reader = response.body.getReader();
  let bytes = 0;
  let reported = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      analyzer.feed(value);
      bytes += value.length;
      if (bytes - reported >= PROGRESS_EVERY_BYTES) {
        reported = bytes;
        postMessage({ type: 'progress', index, bytes });
      }
    }
  } catch {
    return { transport: 'connect', endpoint: 'step_output' };
  }
  postMessage({ type: 'progress', index, bytes });
  return null;
}

self.addEventListener('message', async ({ data: { steps } }) => {
  try {
    await init();
    const analyzer = new LogAnalyzer();
    for (const [index, step] of steps.entries()) {
      analyzer.beginStep({ name: step.name, step: step.step, container: step.container, failed: true, exit_code: step.exit_code ?? undefined });
      const outcome = await feedStep(analyzer, step, index);
      if (outcome) postMessage({ type: 'step_failed', index, outcome });
    }
    postMessage({ type: 'done', analysis: analyzer.finish() });
  } catch (error) {
    postMessage({ type: 'error', message: error?.message ?? String(error) });
  }
});
