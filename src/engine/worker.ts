/// <reference lib="webworker" />
/**
 * The engine's Web Worker: owns TensorFlow.js and every tensor. Messages in (ToEngine) go to the
 * dispatcher, which runs REGISTRY's handlers one at a time; results, progress and errors go back as
 * plain data (FromEngine). Started by src/app/engine.ts.
 */
import { Dispatcher } from './dispatcher.ts';
import type { FromEngine, ToEngine } from './protocol.ts';
import { REGISTRY, resetAllCaches } from './registry.ts';
import { runtime } from './runtime.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const post = (msg: FromEngine) => scope.postMessage(msg);

/**
 * One turn of the event loop through a MessageChannel: unlike setTimeout it is not clamped to 4 ms
 * when loops yield often, and it still lets queued messages (a cancel) in first.
 */
function makeTick(): () => Promise<void> {
  if (typeof MessageChannel === 'undefined') return () => new Promise((r) => setTimeout(r, 0));
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
}

const dispatcher = new Dispatcher({
  handlers: REGISTRY,
  post,
  models: () => runtime.models,
  tick: makeTick(),
  mapError: (e) => runtime.mapError(e),
});

runtime.configure({
  post,
  runInternal: (work) => dispatcher.runInternal(work),
  resetCaches: resetAllCaches,
});

scope.onmessage = (e: MessageEvent<ToEngine>) => dispatcher.handle(e.data);
