/** The workflow engine and the operators' view of its executions. */
import type { PortFactory } from '#ports/ports';
import { StepFunctionsEngine, StepFunctionsObserver } from '../step-functions.ts';

export const workflows: PortFactory<'workflows'> = () => new StepFunctionsEngine();
export const observer: PortFactory<'observer'> = () => new StepFunctionsObserver();
