// The real CircleCI samples under fixtures/ (provenance and licence: fixtures/SOURCES.md).
import { readFileSync } from 'node:fs';

const load = (name) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

/** v1.1 build details of a real 16-container job; the template for every v1.1 body we serve. */
export const PARALLEL_BUILD = load('ci_runner__job_parallel.json');
/** output_url body of a real "Spin up environment" step. */
export const SETUP_OUTPUT = load('ci_runner__job_setup_output.json');
/** output_url body of a real failing rspec step. */
export const RSPEC_OUTPUT = load('ci_runner__job_test_output.json');

/** The bash_command the real parallel job ran for `stepName`. */
export function sampleCommand(stepName) {
  return PARALLEL_BUILD.steps.find((s) => s.name === stepName).actions[0].bash_command;
}
