import { processIo } from './io.js';
import { main } from './main.js';

// The bin. The exit code is set rather than forced, so that pending writes to a pipe finish.
process.exitCode = await main(process.argv.slice(2), processIo());
