/**
 * Business metrics in the cloud: embedded metric format through Powertools Metrics (metrics-emf.ts).
 * The local runtime wires the log-only adapter instead (aws-ports.ts).
 */
import type { PortFactory } from '#ports/ports';
import { EmfMetrics } from '../metrics-emf.ts';

export const metrics: PortFactory<'metrics'> = () => new EmfMetrics();
