// `node --import ./hold-loop.mjs`: something left in the event loop of a run that has finished its work.
// TALOS_IRSA_HOLD_FIFO names a FIFO that is opened for reading with no writer: the open blocks a thread of
// libuv's threadpool, as a getaddrinfo that the resolver does not answer does, and holds the process until a
// writer comes (one never does). TALOS_IRSA_HOLD_TIMER=1 leaves an interval timer instead, as a stray timer or
// a keep-alive socket would. TALOS_IRSA_STREAM_BYTES writes that many tildes to process.stdout and as many
// carets to process.stderr (each and a line break), as a library that prints would: a pipe takes them
// asynchronously.
import { open } from 'node:fs';
import { setInterval } from 'node:timers';

const fifo = process.env.TALOS_IRSA_HOLD_FIFO;
if (fifo) open(fifo, 'r', () => undefined);
if (process.env.TALOS_IRSA_HOLD_TIMER === '1') setInterval(() => undefined, 60_000);
const bytes = Number(process.env.TALOS_IRSA_STREAM_BYTES ?? '0');
if (bytes > 0) {
  process.stdout.write(`${'~'.repeat(bytes)}\n`);
  process.stderr.write(`${'^'.repeat(bytes)}\n`);
}
