// Loader hooks for record-loads.mjs: note each file: URL as it loads, then load it as usual.
import { appendFileSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  const file = process.env.TALOS_IRSA_RECORD_LOADS;
  if (file && url.startsWith('file:')) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
