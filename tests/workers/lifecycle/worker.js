import * as os from 'os';
// a worker with nothing to do: its thread ends at once
