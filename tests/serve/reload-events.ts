import { get } from 'node:http';
import { expect } from 'vitest';
import { RELOAD_EVENTS_PATH } from '../../src/serve.js';

/** Listens to the preview server's reload events, makes `change`, and waits until the server tells open pages to reload. */
export async function expectReloadAfter(port: number, change: () => Promise<void>): Promise<void> {
  const events: string[] = [];
  const stream = get({ host: '127.0.0.1', port, path: RELOAD_EVENTS_PATH }, (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => events.push(chunk));
  });
  try {
    await expect.poll(() => events.join(''), { timeout: 10_000 }).toContain(': connected');
    await change();
    await expect.poll(() => events.join(''), { timeout: 120_000, interval: 200 }).toContain('event: reload');
  } finally {
    stream.destroy();
  }
}
