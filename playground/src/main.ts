// The page's entry: the frame is already on screen (index.html); this loads the spreadsheet
// (Univer, a few MB) as a separate chunk, and answers the sidebar's server calls once it is open.

type Handler = (value: unknown) => void;

const globals = window as unknown as Record<string, unknown>;
let markReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => (markReady = resolve));

/** `google.script.run` for the sidebar iframe: calls the bundle's top-level server functions. */
function scriptRun(success?: Handler, failure?: (error: Error) => void): unknown {
  return new Proxy(
    {},
    {
      get: (_, name: string) => {
        if (name === 'withSuccessHandler') return (handler: Handler) => scriptRun(handler, failure);
        if (name === 'withFailureHandler') return (handler: (error: Error) => void) => scriptRun(success, handler);
        return (...args: unknown[]) => {
          void ready.then(() =>
            setTimeout(() => {
              const fn = globals[name];
              try {
                if (typeof fn !== 'function' || name.endsWith('_'))
                  throw new Error(`Script function not found: ${name}`);
                // As google.script.run does: plain data in, plain data out.
                const result = (fn as (...a: unknown[]) => unknown)(...JSON.parse(JSON.stringify(args)));
                success?.(result === undefined ? undefined : JSON.parse(JSON.stringify(result)));
              } catch (error) {
                failure?.(new Error(error instanceof Error ? error.message : String(error)));
              }
            }, 0),
          );
        };
      },
    },
  );
}

globals.playgroundScriptRun = () => scriptRun();
const started = performance.now();
import('./app')
  .then(({ startPlayground }) => startPlayground())
  .then(() => {
    globals.playgroundLoadMs = Math.round(performance.now() - started);
    // From the start of the navigation: what a user waits for, the page's own script included.
    globals.playgroundReadyMs = Math.round(performance.now());
    markReady();
  })
  .catch((error: unknown) => {
    console.error(error);
    const loading = document.getElementById('loading');
    if (loading)
      loading.textContent = `The playground could not start: ${error instanceof Error ? error.message : String(error)}`;
  });
