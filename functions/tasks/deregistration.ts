/** Tasks of the simple deregistration workflow (functions/app/deregistration/steps.ts): ids in, the case's state out. */
import * as z from 'zod';
import {
  checkAndAnnounce,
  closeWindow,
  deregister,
  lapse,
  openConfirmation,
  openObjectionWindow,
} from '#app/deregistration/steps';
import type { Ports } from '#ports/ports';
import { taskHandler } from './task.ts';

const Ref = z.object({ deregistrationId: z.string().min(1).max(64) });
const Callback = Ref.extend({ taskToken: z.string().min(1).max(8192) });

export function handlers(
  ports: Pick<
    Ports,
    | 'clock'
    | 'deregistrations'
    | 'enterprises'
    | 'keyring'
    | 'licenses'
    | 'licensing'
    | 'registrations'
    | 'registryLists'
    | 'workflows'
  >,
) {
  return {
    checkAndAnnounce: taskHandler('CheckAndAnnounce', Ref, (i) =>
      checkAndAnnounce(ports, i.deregistrationId),
    ),
    openObjectionWindow: taskHandler('OpenObjectionWindow', Callback, async (i) => {
      await openObjectionWindow(ports, i.deregistrationId, i.taskToken);
      return { opened: true };
    }),
    closeWindow: taskHandler('CloseWindow', Ref, (i) => closeWindow(ports, i.deregistrationId)),
    openConfirmation: taskHandler('OpenConfirmation', Callback, async (i) => {
      await openConfirmation(ports, i.deregistrationId, i.taskToken);
      return { opened: true };
    }),
    lapse: taskHandler('Lapse', Ref, (i) => lapse(ports, i.deregistrationId)),
    deregister: taskHandler('Deregister', Ref, (i) => deregister(ports, i.deregistrationId)),
  };
}
