import { describe, expect, it } from 'vitest';
import { lazyPorts, type Ports } from '#ports/ports';

describe('lazyPorts', () => {
  it('makes each wired port on first use, once', () => {
    let made = 0;
    const at = new Date('2026-01-01T00:00:00Z');
    const ports = lazyPorts({
      clock: () => {
        made++;
        return { now: () => at };
      },
    });
    expect(made).toBe(0);
    expect(ports.clock.now()).toBe(at);
    expect(ports.clock.now()).toBe(at);
    expect(made).toBe(1);
  });

  it('names a port that is not wired when it is read, and lists only the wired ones', () => {
    // Read through the whole record's type, as a module typed over `Ports` would.
    const ports = lazyPorts({ clock: () => ({ now: () => new Date() }) }) as Ports;
    expect(() => ports.sealer).toThrow('configuration error: port sealer is not wired into this function');
    expect(Object.keys(ports)).toEqual(['clock']);
    expect({ ...ports }).toHaveProperty('clock');
  });
});
