// Independent reads run at once, but a failing run must report the same error every time: the one
// the first of them would have met had they run one after the other, not whichever failed sooner.

/** Both results once both are in; if both fail, `first`'s error is the one thrown. */
export async function inOrder<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  // Kept from counting as unhandled while `first` is awaited; awaited below all the same.
  second.catch(() => undefined);
  const a = await first;
  return [a, await second];
}
