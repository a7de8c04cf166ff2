// Deferred loading: a codec's library is imported on its first frame, so importing @dcmkit/codecs stays cheap.

/** Memoises a dynamic import; a failed load is retried on the next call. */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
