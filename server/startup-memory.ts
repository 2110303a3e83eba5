/// Giving back what starting up took. Loading the modules, migrating and seeding allocate quickly, so
/// V8 grows its young generation to its largest (32 MiB here) and keeps it: an idle server would hold
/// that much more resident memory than it uses. V8 shrinks it on a full collection, which an idle
/// process may not run for a long time, so the server asks for one, once, 20 s after it
/// started listening (about 20 ms on a 25 MiB heap). Node only offers `gc()` behind --expose-gc; the
/// flag set at run time takes effect in a new context, which is where the function is taken from.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/// Run one full garbage collection `delay` ms from now (the timer does not keep the process alive).
export function collectAfterStartup(delay = 20_000): void {
  const timer = setTimeout(() => {
    try {
      setFlagsFromString('--expose-gc');
      (runInNewContext('gc') as () => void)();
    } catch {
      // A runtime without the flag: V8 shrinks the heap on its own schedule.
    }
  }, delay);
  timer.unref();
}
