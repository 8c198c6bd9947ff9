#ifndef LAWENFORCE_COMMON_TESTING_CHILD_PROCESS_H_
#define LAWENFORCE_COMMON_TESTING_CHILD_PROCESS_H_

// What the server fixtures (redis_server.h, postgres_server.h) do with the
// processes they start: wait for one to exit, kill and reap it.

#include "absl/time/time.h"

namespace lawenforce::testing {

// Waits (polling) up to `timeout` for child `pid` to exit. True when it has
// been reaped (or was not our child any more); its wait status in `status`.
bool WaitForExit(int pid, absl::Duration timeout, int* status = nullptr);

// SIGKILL to `pid` and reap it.
void KillAndReap(int pid);

}  // namespace lawenforce::testing

#endif  // LAWENFORCE_COMMON_TESTING_CHILD_PROCESS_H_
