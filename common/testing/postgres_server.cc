#include "common/testing/postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/testing/child_process.h"

namespace lawenforce::testing {
namespace {

constexpr int kLaunchAttempts = 5;
constexpr absl::Duration kInitDbTimeout = absl::Seconds(60);
constexpr absl::Duration kStartTimeout = absl::Seconds(60);
constexpr absl::Duration kStopTimeout = absl::Seconds(30);
constexpr absl::Duration kPollInterval = absl::Milliseconds(10);
constexpr uid_t kNobody = 65534;

// A port that was free a moment ago (bind 127.0.0.1:0, read it, close).
absl::StatusOr<int> PickFreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
    const int saved_errno = errno;
    close(fd);
    return absl::InternalError(absl::StrCat("bind 127.0.0.1:0: ", std::strerror(saved_errno)));
  }
  close(fd);
  return ntohs(addr.sin_port);
}

bool IsExecutable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

absl::StatusOr<std::string> FindBinDir() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("LAWENFORCE_POSTGRES_BINDIR"); env != nullptr && *env) {
    candidates.emplace_back(env);
  }
  candidates.emplace_back("/usr/lib/postgresql/15/bin");
  std::error_code error;
  std::vector<std::string> others;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
    others.push_back(entry.path().string() + "/bin");
  }
  std::sort(others.rbegin(), others.rend());  // newest major version first
  candidates.insert(candidates.end(), others.begin(), others.end());
  for (const std::string& dir : candidates) {
    if (IsExecutable(dir + "/initdb") && IsExecutable(dir + "/postgres")) {
      return dir;
    }
  }
  return absl::FailedPreconditionError(
      absl::StrCat("PostgreSQL server binaries (initdb, postgres) not found in ",
                   absl::StrJoin(candidates, ", "),
                   "; install the Debian package postgresql-15 or set LAWENFORCE_POSTGRES_BINDIR"));
}

// A log from byte `offset` on (its end only, when long), for errors.
std::string ReadLog(const std::string& path, size_t offset = 0) {
  constexpr size_t kMaxLog = 4000;
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  offset = std::min(offset, all.size());
  return all.size() - offset <= kMaxLog ? all.substr(offset) : all.substr(all.size() - kMaxLog);
}

// SIGKILL to the process group `pid` leads (the postmaster and its
// backends), then reaps the postmaster and waits (bounded) for the rest.
void KillGroup(int pid) {
  kill(-pid, SIGKILL);
  KillAndReap(pid);
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (kill(-pid, 0) == 0 && absl::Now() < deadline) {
    absl::SleepFor(kPollInterval);
  }
}

// Forks and execs `args` in a process group of its own with stdout and
// stderr appended to `log`; as `uid`/`gid` when `drop` is set. Dies with
// this thread (PR_SET_PDEATHSIG, set after the change of user, which would
// clear it).
absl::StatusOr<int> Spawn(std::vector<std::string> args, const std::string& log, bool drop,
                          uid_t uid, gid_t gid) {
  std::vector<char*> argv;
  for (std::string& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    // Only async-signal-safe calls until exec.
    setpgid(0, 0);
    if (drop && (setgroups(0, nullptr) != 0 || setgid(gid) != 0 || setuid(uid) != 0)) {
      _exit(125);
    }
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) {
      _exit(126);
    }
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (in >= 0) {
      dup2(in, STDIN_FILENO);
    }
    if (out >= 0) {
      dup2(out, STDOUT_FILENO);
      dup2(out, STDERR_FILENO);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

std::string ConnInfo(int port, absl::string_view dbname) {
  return absl::StrCat("host=127.0.0.1 port=", port, " dbname=", dbname,
                      " user=", PostgresServer::kUser, " connect_timeout=5");
}

// Runs `sql` on a private connection; rows as text.
absl::StatusOr<std::string> RunSql(int port, absl::string_view dbname, absl::string_view sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(ConnInfo(port, dbname).c_str()),
                                                    &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return absl::UnavailableError(PQerrorMessage(conn.get()));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), std::string(sql).c_str()),
                                                       &PQclear);
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return absl::InternalError(PQresultErrorMessage(result.get()));
  }
  std::vector<std::string> rows;
  for (int r = 0; r < PQntuples(result.get()); ++r) {
    std::vector<std::string> columns;
    for (int c = 0; c < PQnfields(result.get()); ++c) {
      columns.emplace_back(PQgetvalue(result.get(), r, c));
    }
    rows.push_back(absl::StrJoin(columns, "|"));
  }
  return absl::StrJoin(rows, "\n");
}

}  // namespace

absl::StatusOr<std::unique_ptr<PostgresServer>> PostgresServer::Start(Options options) {
  absl::StatusOr<std::string> bin_dir = FindBinDir();
  if (!bin_dir.ok()) {
    return bin_dir.status();
  }
  std::unique_ptr<PostgresServer> server(new PostgresServer());
  server->bin_dir_ = *bin_dir;
  server->options_ = std::move(options);
  if (geteuid() == 0) {
    const passwd* nobody = getpwnam("nobody");
    server->drop_privileges_ = true;
    server->uid_ = nobody != nullptr ? nobody->pw_uid : kNobody;
    server->gid_ = nobody != nullptr ? nobody->pw_gid : kNobody;
    if (chown(server->dir_.path().c_str(), server->uid_, server->gid_) != 0) {
      return absl::InternalError(
          absl::StrCat("chown ", server->dir_.path(), " to nobody: ", std::strerror(errno)));
    }
  }
  if (absl::Status s = server->InitDb(); !s.ok()) {
    return s;
  }
  absl::Status status;
  // Another process may take the port between PickFreePort and the bind.
  for (int attempt = 0; attempt < kLaunchAttempts; ++attempt) {
    absl::StatusOr<int> port = PickFreePort();
    if (!port.ok()) {
      return port.status();
    }
    server->port_ = *port;
    status = server->Launch();
    if (status.ok() || !absl::StrContains(status.message(), "already in use")) {
      break;
    }
  }
  if (!status.ok()) {
    return status;
  }
  absl::StatusOr<std::string> created =
      RunSql(server->port_, "postgres",
             absl::StrCat("CREATE DATABASE ", kDatabase,
                          " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' "
                          "TEMPLATE template0"));
  if (!created.ok()) {
    return created.status();
  }
  return server;
}

PostgresServer::~PostgresServer() {
  if (pid_ > 0 && !Stop().ok() && pid_ > 0) {
    KillGroup(pid_);
  }
  ReleasePort();
}

std::string PostgresServer::url(absl::string_view schema) const {
  std::string url = absl::StrCat("postgres://", kUser, "@127.0.0.1:", port_, "/", kDatabase);
  if (!schema.empty()) {
    absl::StrAppend(&url, "?schema=", schema);
  }
  return url;
}

absl::Status PostgresServer::InitDb() {
  const std::string log = dir_.File("initdb.log");
  absl::StatusOr<int> pid =
      Spawn({bin_dir_ + "/initdb", "-D", dir_.File("data"), "--locale=C", "--encoding=UTF8",
             "--auth=trust", absl::StrCat("--username=", kUser), "--no-sync", "--no-instructions"},
            log, drop_privileges_, uid_, gid_);
  if (!pid.ok()) {
    return pid.status();
  }
  int status = 0;
  if (!WaitForExit(*pid, kInitDbTimeout, &status)) {
    KillGroup(*pid);
    return absl::DeadlineExceededError(absl::StrCat("initdb did not finish; log:\n", ReadLog(log)));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(absl::StrCat(
        "initdb failed (status ", status, ") in ", dir_.path(),
        drop_privileges_ ? " as nobody (each parent directory must be searchable by it)" : "",
        "; log:\n", ReadLog(log)));
  }
  return absl::OkStatus();
}

absl::Status PostgresServer::Launch() {
  const std::string log = dir_.File("postgres.log");
  const std::string data = dir_.File("data");
  std::vector<std::string> args = {bin_dir_ + "/postgres", "-D", data};
  std::vector<std::pair<std::string, std::string>> settings = {
      {"listen_addresses", "127.0.0.1"},
      {"port", absl::StrCat(port_)},
      {"unix_socket_directories", dir_.path()},
      {"fsync", "on"},
      {"synchronous_commit", "on"},
      {"max_connections", "200"},
      {"logging_collector", "off"},
  };
  settings.insert(settings.end(), options_.settings.begin(), options_.settings.end());
  for (const auto& [name, value] : settings) {
    args.push_back("-c");
    args.push_back(absl::StrCat(name, "=", value));
  }
  std::error_code no_log;  // the first launch
  const uintmax_t log_size = std::filesystem::file_size(log, no_log);
  const size_t log_offset = no_log ? 0 : log_size;
  absl::StatusOr<int> pid = Spawn(args, log, drop_privileges_, uid_, gid_);
  if (!pid.ok()) {
    return pid.status();
  }
  pid_ = *pid;
  // Ready when this server (not another one that took the port) answers.
  const std::string info = ConnInfo(port_, "postgres");
  const absl::Time deadline = absl::Now() + kStartTimeout;
  while (absl::Now() < deadline) {
    int wait_status = 0;
    if (waitpid(pid_, &wait_status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::UnavailableError(absl::StrCat("postgres exited at start (status ", wait_status,
                                                 "); log:\n", ReadLog(log, log_offset)));
    }
    if (PQping(info.c_str()) == PQPING_OK) {
      absl::StatusOr<std::string> dir = RunSql(port_, "postgres", "SHOW data_directory");
      std::error_code error;
      if (dir.ok() && std::filesystem::equivalent(*dir, data, error)) {
        return absl::OkStatus();
      }
    }
    absl::SleepFor(kPollInterval);
  }
  KillGroup(pid_);
  pid_ = -1;
  return absl::DeadlineExceededError(absl::StrCat("postgres did not answer on port ", port_,
                                                  "; log:\n", ReadLog(log, log_offset)));
}

void PostgresServer::HoldPort() {
  ReleasePort();
  port_holder_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (port_holder_ < 0) return;
  int one = 1;
  setsockopt(port_holder_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port_));
  // Best effort: the port may still be in TIME_WAIT use by the old server.
  bind(port_holder_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
}

void PostgresServer::ReleasePort() {
  if (port_holder_ >= 0) close(port_holder_);
  port_holder_ = -1;
}

absl::Status PostgresServer::Kill() {
  if (pid_ <= 0) {
    return absl::FailedPreconditionError("postgres is not running");
  }
  KillGroup(pid_);
  pid_ = -1;
  HoldPort();
  return absl::OkStatus();
}

absl::Status PostgresServer::Stop() {
  if (pid_ <= 0) {
    return absl::FailedPreconditionError("postgres is not running");
  }
  kill(pid_, SIGINT);  // fast shutdown: roll back sessions, checkpoint, exit
  absl::Status status;
  if (!WaitForExit(pid_, kStopTimeout)) {
    status = absl::DeadlineExceededError("postgres did not exit after SIGINT");
    KillGroup(pid_);
  }
  pid_ = -1;
  HoldPort();
  return status;
}

absl::Status PostgresServer::Restart() {
  if (pid_ > 0) {
    return absl::FailedPreconditionError("postgres is still running");
  }
  ReleasePort();
  return Launch();
}

absl::StatusOr<std::string> PostgresServer::Query(absl::string_view sql) const {
  return RunSql(port_, kDatabase, sql);
}

absl::StatusOr<PostgresServer*> SharedPostgresServer() {
  static absl::Mutex mu(absl::kConstInit);
  static PostgresServer* server = nullptr;  // guarded by mu
  static absl::Status* failure = nullptr;   // guarded by mu
  absl::MutexLock lock(&mu);
  if (server != nullptr) {
    return server;
  }
  if (failure != nullptr) {
    return *failure;
  }
  absl::StatusOr<std::unique_ptr<PostgresServer>> started = PostgresServer::Start();
  if (!started.ok()) {
    failure = new absl::Status(started.status());
    return *failure;
  }
  server = started->release();
  std::atexit([] {
    absl::MutexLock lock(&mu);
    delete server;
    server = nullptr;
  });
  return server;
}

std::string StoreBackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param == StoreBackend::kSqlite ? "Sqlite" : "Postgres";
}

absl::StatusOr<std::string> FreshStoreUrl(StoreBackend backend, const TempDir& dir) {
  static std::atomic<int> counter{0};
  const int n = ++counter;
  if (backend == StoreBackend::kSqlite) {
    return absl::StrCat("sqlite://", dir.File(absl::StrCat("store-", n, ".db")));
  }
  absl::StatusOr<PostgresServer*> server = SharedPostgresServer();
  if (!server.ok()) {
    return server.status();
  }
  return (*server)->url(absl::StrCat("t", n));
}

}  // namespace lawenforce::testing
