// `node --import ./record-loads.mjs`: every module file the process loads (bundle chunks included,
// since ncc's ESM chunks are imported through Node's loader) is appended, one URL per line, to the
// file named by TALOS_IRSA_RECORD_LOADS. Used to check which chunks a run of a bundle loads.
import { register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url);
