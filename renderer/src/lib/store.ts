/// A value that changes over time and tells its listeners: the one way state flows from the editor and
/// the sync connection to the panels, without a framework-wide store.
import { useEffect, useState } from 'preact/hooks';

/// A value that can be read and watched.
export interface ReadableStore<T> {
  /// The current value.
  get(): T;
  /// Call `listener` with every new value until the returned function is called.
  subscribe(listener: (value: T) => void): () => void;
}

/// A store holding one value. Setting a value identical (`Object.is`) to the current one notifies nobody.
/// Exceptions from listeners are logged, not rethrown, so one bad panel cannot break the editor.
export class Store<T> implements ReadableStore<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  /// Replace the value and notify the listeners.
  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('lifa: store listener failed', error);
      }
    }
  }

  /// Replace the value with `fn(current)`.
  update(fn: (value: T) => T): void {
    this.set(fn(this.value));
  }

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/// The current value of `store` in a Preact component, re-rendering when it changes.
export function useStore<T>(store: ReadableStore<T>): T {
  const [, setTick] = useState(0);
  const value = store.get();
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setTick((n) => n + 1));
    // A change between rendering and subscribing would otherwise be missed.
    if (!Object.is(store.get(), value)) setTick((n) => n + 1);
    return unsubscribe;
  }, [store]);
  return value;
}
