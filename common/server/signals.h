#ifndef LAWENFORCE_COMMON_SERVER_SIGNALS_H_
#define LAWENFORCE_COMMON_SERVER_SIGNALS_H_

// SIGTERM (Kubernetes) and SIGINT (Ctrl-C) handling without a signal
// handler: the signals are blocked in every thread and one thread takes them
// synchronously with sigwait(2), so shutdown runs as ordinary code rather
// than in an async-signal context.

#include "common/server/server.h"

namespace lawenforce::server {

// Blocks SIGTERM and SIGINT in the calling thread. Threads inherit the mask
// of their creator, so main() calls this first, before anything (gRPC,
// prometheus, a store pool) starts a thread; a thread started earlier would
// still receive the signal and die with the default action.
void BlockTerminationSignals();

// Waits for SIGTERM or SIGINT, then logs event=shutdown_started, runs
// server.Shutdown() (see Server::Shutdown for the order), logs
// event=shutdown_complete and returns 0, the process's exit status.
// Precondition: BlockTerminationSignals() was called before any thread
// started (it is called again here for the calling thread).
int RunUntilSignal(Server& server);

}  // namespace lawenforce::server

#endif  // LAWENFORCE_COMMON_SERVER_SIGNALS_H_
