/** The ports with no store behind them: the system clock, time-ordered ids and the settings the environment gives. */
import { readSettings } from '#contract/settings';
import { systemClock } from '#ports/clock';
import type { PortFactory } from '#ports/ports';
import { idFromKey, newId } from '../ids.ts';

export const clock: PortFactory<'clock'> = () => systemClock;

export const ids: PortFactory<'ids'> = () => ({
  newId: (at: Date) => newId(at.getTime()),
  fromKey: idFromKey,
});

export const settings: PortFactory<'settings'> = () => readSettings(process.env);
