/**
 * Each workflow's state machine as a graph, for the operators' console to draw an execution's path on:
 * the ASL files themselves, bundled into the function that serves them (no file read at run time), cut
 * down to what a drawing needs (types, transitions, comments).
 */
import deregistration from '../../workflows/deregistration.asl.json' with { type: 'json' };
import licenseReissue from '../../workflows/license-reissue.asl.json' with { type: 'json' };
import nameReservation from '../../workflows/name-reservation.asl.json' with { type: 'json' };
import registration from '../../workflows/registration.asl.json' with { type: 'json' };
import { WORKFLOWS } from './workflows.ts';

interface AslState {
  Type: string;
  Comment?: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
}

interface Asl {
  StartAt: string;
  States: Record<string, unknown>;
}

const DEFINITIONS: Record<string, Asl> = {
  'name-reservation': nameReservation,
  registration,
  deregistration,
  'license-reissue': licenseReissue,
};

function graphState(state: AslState) {
  return {
    Type: state.Type,
    ...(state.Comment ? { Comment: state.Comment } : {}),
    ...(state.Next ? { Next: state.Next } : {}),
    ...(state.End ? { End: true } : {}),
    ...(state.Default ? { Default: state.Default } : {}),
    ...(state.Choices ? { Choices: state.Choices.map((c) => ({ Next: c.Next })) } : {}),
    ...(state.Catch ? { Catch: state.Catch.map((c) => ({ ErrorEquals: c.ErrorEquals, Next: c.Next })) } : {}),
  };
}

/** Every workflow's graph, in the registry's order; a workflow without its definition here fails loudly. */
export function workflowGraphs() {
  return WORKFLOWS.map((w) => {
    const asl = DEFINITIONS[w.name];
    if (!asl) throw new Error(`no definition bundled for workflow ${w.name}`);
    return {
      name: w.name,
      startAt: asl.StartAt,
      states: Object.fromEntries(
        Object.entries(asl.States).map(([name, s]) => [name, graphState(s as AslState)]),
      ),
    };
  });
}
