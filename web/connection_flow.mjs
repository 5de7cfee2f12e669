// Drives the page's two connection machines; every decision is the core's.
// - `candidate`: the token field. It verifies a newly submitted token through the relay
//   (slot "candidate"); the backend keeps the previous connection until this one passes.
// - `active`: the connection the backend holds, restored from its health record (it never
//   sees the token). Re-checks go through the relay with slot "active".
// This module performs the request a machine asks for (`currentRequest()`), feeds back what
// came of it (`stageResult`), and reports every new view model through `onChange`.
import { ConnectionMachine, classify } from '/pkg/index.mjs';

import { backend, toOutcome } from './backend_client.mjs';

/**
 * onChange(snapshot, event): snapshot = {candidate, active (view models or null), connection
 * (the backend's connection summary or null), problem ({message, remedy} or null)};
 * event: 'connected' once a new token replaced the connection, else null.
 */
export function createConnectionFlow({ onChange }) {
  const machines = { candidate: new ConnectionMachine(), active: null };
  const views = { candidate: machines.candidate.view(), active: null };
  const busy = { candidate: false, active: false };
  let connection = null;
  let problem = null;

  const changed = (event = null) => onChange({ ...views, connection, problem }, event);

  /** A backend refusal in its words, or an unreachable backend in the core's. */
  function problemOf(answer) {
    if (answer.transport === undefined) return { message: answer.message, remedy: null };
    const diagnosis = classify({ transport: answer.transport });
    return { message: diagnosis.message, remedy: diagnosis.remedy };
  }

  function freshCandidate() {
    machines.candidate.dispose();
    machines.candidate = new ConnectionMachine();
    views.candidate = machines.candidate.view();
  }

  function adopt(summary) {
    connection = summary;
    machines.active?.dispose();
    machines.active = null;
    views.active = null;
    if (summary?.record) {
      const machine = new ConnectionMachine();
      if (machine.restore(summary.record)) {
        machines.active = machine;
        views.active = machine.view();
      } else {
        machine.dispose();
      }
    }
  }

  async function finished(slot) {
    const machine = machines[slot];
    if (slot === 'candidate' && views.candidate.state === 'connected') {
      const answer = await backend.promote(machine.healthRecordJson());
      if (!answer.ok) {
        problem = problemOf(answer);
        return changed();
      }
      adopt(answer.value.connection);
      freshCandidate();
      return changed('connected');
    }
    if (slot === 'active') {
      const answer = await backend.saveRecord(machine.healthRecordJson());
      problem = answer.ok ? null : problemOf(answer);
      if (answer.ok) connection = answer.value.connection;
      return changed();
    }
    return undefined;
  }

  /** Performs the machine's requests one after another until it asks for none. */
  async function drive(slot) {
    if (busy[slot]) return;
    busy[slot] = true;
    try {
      for (let request = machines[slot]?.currentRequest(); request; request = machines[slot]?.currentRequest()) {
        const machine = machines[slot];
        const answer = await backend.relay(slot, request);
        if (machines[slot] !== machine) return;
        if (!answer.ok) problem = problemOf(answer);
        const outcome = answer.ok ? toOutcome(answer.value) : { transport: answer.transport ?? 'other' };
        views[slot] = machine.stageResult(request.attempt, request.stage, outcome, Date.now());
        changed();
        if (!machine.currentRequest()) await finished(slot);
      }
    } finally {
      busy[slot] = false;
    }
  }

  return {
    /** Starts from the backend's session (the connection it holds, if any). */
    async load() {
      const answer = await backend.session();
      if (!answer.ok) {
        problem = problemOf(answer);
        changed();
        return null;
      }
      adopt(answer.value.connection);
      changed();
      return answer.value;
    },

    /** Whether the candidate's button may act now (the core's `can_submit`). */
    canSubmit: () => views.candidate.can_submit,

    /** The token field changed. Also returns the new view model. */
    input(text) {
      views.candidate = machines.candidate.input(text);
      changed();
      return views.candidate;
    },

    /** Hands `token` to the backend as the candidate and verifies it; the caller has cleared the field. */
    async submit(token, host) {
      problem = null;
      const sent = await backend.candidate(token, host);
      if (!sent.ok && sent.transport === undefined) {
        problem = problemOf(sent);
        freshCandidate();
        return changed();
      }
      const machine = machines.candidate;
      views.candidate = machine.submit({ now: Date.now() });
      if (!sent.ok) {
        const request = machine.currentRequest();
        views.candidate = machine.stageResult(request.attempt, request.stage, { transport: sent.transport }, Date.now());
        return changed();
      }
      changed();
      return drive('candidate');
    },

    /** "Try again" / "Retry now" on the candidate (the backend still holds its token). */
    retry() {
      views.candidate = machines.candidate.submit({ now: Date.now() });
      changed();
      return drive('candidate');
    },

    recheck() {
      if (!machines.active || !views.active.can_submit) return undefined;
      problem = null;
      views.active = machines.active.recheck(Date.now());
      changed();
      return drive('active');
    },

    async disconnect() {
      const answer = await backend.disconnect();
      if (!answer.ok) {
        problem = problemOf(answer);
        return changed();
      }
      problem = null;
      connection = null;
      if (machines.active) views.active = machines.active.disconnect();
      freshCandidate();
      return changed();
    },

    /** Advances both machines' clocks (countdowns, "verified N min ago", automatic retries). */
    tick() {
      const now = Date.now();
      for (const slot of ['candidate', 'active']) {
        if (!machines[slot]) continue;
        views[slot] = machines[slot].tick(now);
        if (machines[slot].currentRequest()) drive(slot);
      }
      changed();
    },
  };
}
