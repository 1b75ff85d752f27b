import { startServers } from './servers';

export default async function globalSetup(): Promise<void> {
  const state = await startServers();
  process.stdout.write(`\nweb e2e: web app ${state.webUrl}, API ${state.apiUrl}\n`);
}
