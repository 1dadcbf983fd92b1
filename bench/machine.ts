// What the figures were measured on. Timings on a shared machine move with its load, so the load
// average before and after the run is printed next to them rather than left out.
import { cpus, loadavg } from 'node:os';
import { command } from './command.js';

async function versionOf(file: string, args: string[]): Promise<string> {
  const out = await command(file, args, {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp'
  }).catch(() => 'not found');
  return out.split('\n')[0]?.trim() ?? 'unknown';
}

export const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');

export async function machineLines(node24: string | undefined): Promise<string[]> {
  const cpu = cpus();
  return [
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
    `Node: ${process.version}${node24 ? `, ${await versionOf(node24, ['--version'])}` : ''}`,
    `Tools: ${await versionOf('terraform', ['version'])}; ${await versionOf('aws', ['--version'])}; kubectl ${(
      await versionOf('kubectl', ['version', '--client'])
    ).replace(/^Client Version:\s*/, '')}`
  ];
}
