// Test helper for deadline_process_test: one worker process running a
// DeadlineEngine on a shared database (a store URL: SQLite or PostgreSQL)
// and Redis.
//
//   deadline_worker <store url> <redis url> <worker name> <block subject> <dir>
//
// Its handler for kind "test_kind" records an effect row (test_effects.h)
// in the firing transaction. For the deadline whose subject is <block
// subject> it first creates <dir>/<worker name>.entered and then never
// returns, so the parent can SIGKILL it mid-handler, before the commit. The
// worker exits 0 once <dir>/stop exists. Lease 1 s.

#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

#include "absl/time/clock.h"
#include "common/deadlines/deadline_engine.h"
#include "common/deadlines/test_effects.h"
#include "common/ids/id_generator.h"
#include "common/redis/redis_client.h"
#include "common/store/open.h"
#include "common/time/clock.h"

namespace {

bool Exists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

int Run(const std::string& store_url, const std::string& redis_url, const std::string& worker,
        const std::string& block_subject, const std::string& dir) {
  using namespace lawenforce;  // NOLINT: a small main.
  auto db = store::OpenDatabase(store_url);
  if (!db.ok()) {
    std::fprintf(stderr, "open %s: %s\n", store::RedactStoreUrl(store_url).c_str(),
                 db.status().ToString().c_str());
    return 2;
  }
  auto redis_options = redis::ParseRedisUrl(redis_url);
  if (!redis_options.ok()) {
    return 2;
  }
  redis_options->command_timeout = absl::Seconds(2);
  redis_options->backoff_max = absl::Milliseconds(200);
  std::unique_ptr<redis::RedisClient> redis = redis::CreateRedisClient(*redis_options);
  RealClock clock;
  RandomIdGenerator ids;
  deadlines::EngineOptions options;
  options.namespace_prefix = "le:test:v1";
  options.lease = absl::Seconds(1);
  options.poll_interval = absl::Milliseconds(20);
  options.publish_interval = absl::Milliseconds(100);
  deadlines::DeadlineEngine engine(db->get(), redis.get(), &clock, &ids, options, nullptr);
  engine.RegisterHandler(
      "test_kind", [&](store::Transaction& tx, const deadlines::Deadline& d) -> absl::Status {
        if (absl::Status s = deadlines::testing::RecordEffect(tx, d, worker); !s.ok()) {
          return s;
        }
        if (!block_subject.empty() && d.subject == block_subject) {
          std::ofstream(dir + "/" + worker + ".entered") << d.id;
          for (;;) {  // until SIGKILL
            std::this_thread::sleep_for(std::chrono::seconds(1));
          }
        }
        return absl::OkStatus();
      });
  engine.Start();
  while (!Exists(dir + "/stop")) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  engine.Stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Dies with the test that started it.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s <store url> <redis url> <worker> <block subject> <dir>\n",
                 argv[0]);
    return 2;
  }
  return Run(argv[1], argv[2], argv[3], argv[4], argv[5]);
}
