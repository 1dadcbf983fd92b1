// moto runs in its own process group (detached), so an interrupted bench would leave it running.
// Whatever the bench starts registers its stop here; Ctrl-C or SIGTERM runs them before exiting.
const stops = new Set<() => Promise<void>>();

/** Registers a stop for an interrupt; returns the stop wrapped to unregister itself when called. */
export function stopOnInterrupt(stop: () => Promise<void>): () => Promise<void> {
  const once = async (): Promise<void> => {
    stops.delete(once);
    await stop();
  };
  stops.add(once);
  return once;
}

let installed = false;

export function installInterruptHandler(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      console.error(`\n[bench] ${signal}: stopping what the bench started`);
      void Promise.allSettled([...stops].map((stop) => stop())).then(() => process.exit(130));
    });
}
