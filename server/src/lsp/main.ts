// Entry point of the language server: `node dist/server.js --stdio` (or IPC when started by the client).
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// A stray failure is logged; the server keeps serving the other requests.
process.on('unhandledRejection', (reason) =>
  connection.console.error(`unhandled rejection: ${String(reason)}`),
);
process.on('uncaughtException', (error) =>
  connection.console.error(`uncaught exception: ${error.stack ?? error.message}`),
);

startServer(connection);
