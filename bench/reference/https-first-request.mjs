// A reference, not an action: one https request that trusts a given CA, as a kubeconfig's
// certificate-authority-data makes every Kubernetes request do. Its time to the first connection
// is Node's own TLS start-up (on Node 20, building the root store takes ~30 ms) plus the ESM floor:
// the floor under any action whose first request is to the Kubernetes API.
import { readFileSync } from 'node:fs';

const { request } = await import('node:https');
request(process.env.REFERENCE_URL, { ca: readFileSync(process.env.REFERENCE_CA, 'utf8') })
  .on('error', () => {
    process.exitCode = 1;
  })
  .end();
