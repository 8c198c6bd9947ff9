// The eligibility hot path against the ceiling of its own stack, measured in
// one run (docs/benchmarks.md, ARCHITECTURE.md section 6: "a small fraction
// of a bare gRPC round trip").
//
// In one process, on loopback:
//   echo-raw     a bare sync gRPC echo service on a plain grpc::ServerBuilder
//   echo         the same echo service on common/server (interceptor,
//                metrics, health, reflection: what every service pays);
//                the denominator of every ratio
//   echo-raw + RpcObserver  diagnostic: the bare builder with the suite's
//                interceptor only
//   elig-cached  personnel-service assembled by the kit as main() assembles it
//                (flags, SQLite file, real redis-server, VersionedCache +
//                InvalidationJournal, DeadlineEngine running, HS256 tokens)
//   elig-nocache the same service over the same SQLite file, cache = null
// driven by one closed-loop load generator: N client threads over C
// channels (distinct HTTP/2 connections), synchronous unary calls, a warm-up
// then a fixed measured window; calls/s and p50/p99 per target and N.
// Also in-process: the handler's own cost (token verification HS256 and
// RS256, the app call with and without the cache), and the Redis ceiling of
// the cache read (VersionedCache hits vs PING / GET / MGET / EVALSHA on the
// same RedisClient, and the JSON parse of a cached value).
//
//   eligibility_bench [--duration=5] [--warmup=1] [--threads=1,4,16]
//                     [--channels=4] [--officers=20]
//                     [--only=SUBSTRING] [--skip_in_process]    (ad hoc runs)
//                     [--serve_for=SECONDS --h2load_dir=DIR]   (h2load mode)
//
// With --serve_for the program sets everything up, writes gRPC request
// bodies, the token and the ports into DIR, serves until DIR/stop exists or
// the time is up, then prints the servers' grpc_server_handled_total.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "bench/bench_support.h"
#include "common/auth/token.h"
#include "common/grpc/rpc_observer.h"
#include "common/grpc/server_metrics.h"
#include "common/log/log.h"
#include "common/server/server.h"
#include "common/testing/id_numbers.h"
#include "common/testing/redis_server.h"
#include "common/testing/service_fixture.h"
#include "common/testing/temp_dir.h"
#include "grpcpp/grpcpp.h"
#include "lawenforce/bench/v1/echo.grpc.pb.h"
#include "lawenforce/personnel/v1/personnel.grpc.pb.h"
#include "prometheus/registry.h"
#include "services/personnel/api/personnel_grpc_service.h"
#include "services/personnel/app/eligibility_source.h"
#include "services/personnel/app/personnel_app.h"
#include "services/personnel/personnel_module.h"
#include "services/personnel/store/cache_keys.h"
#include "services/personnel/store/certificate_deadlines.h"

namespace lawenforce::bench {
namespace {

namespace bv1 = ::lawenforce::bench::v1;
namespace pv1 = ::lawenforce::personnel::v1;

constexpr const char* kSecret = testing::kTestJwtSecret;
constexpr char kDomain[] = "market_regulation";

// ------------------------------------------------------------------ echo

class EchoService final : public bv1::BenchEchoService::Service {
 public:
  ::grpc::Status Echo(::grpc::ServerContext* /*ctx*/, const bv1::EchoRequest* req,
                      bv1::EchoResponse* resp) override {
    resp->set_payload(req->payload());
    return ::grpc::Status::OK;
  }
};

// ------------------------------------------------------------------ load

// A distinct HTTP/2 connection per channel: a local subchannel pool and a
// per-channel argument keep gRPC from sharing one connection among them.
std::shared_ptr<::grpc::Channel> NewChannel(int port, int index) {
  ::grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("lawenforce.bench.channel_index", index);
  auto channel = ::grpc::CreateCustomChannel(absl::StrFormat("127.0.0.1:%d", port),
                                             ::grpc::InsecureChannelCredentials(), args);
  channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(5));
  return channel;
}

struct ErrorSink {
  std::mutex mu;
  std::string first;
  std::atomic<int64_t> count{0};
  void Note(const std::string& what) {
    count.fetch_add(1);
    std::lock_guard<std::mutex> lock(mu);
    if (first.empty()) first = what;
  }
};

// One call; false (after noting why in the sink) on failure.
using Call = std::function<bool(uint64_t iteration, ErrorSink& errors)>;
// Makes the call a client thread uses on `channel`.
using CallFactory = std::function<Call(std::shared_ptr<::grpc::Channel> channel)>;

struct LoadResult {
  Summary summary;
  int64_t errors = 0;
  std::string first_error;
};

LoadResult RunLoad(int port, int threads, int channels, absl::Duration warmup,
                   absl::Duration measure, const CallFactory& factory) {
  std::vector<std::shared_ptr<::grpc::Channel>> chans;
  for (int c = 0; c < std::min(channels, threads); ++c) chans.push_back(NewChannel(port, c));
  std::atomic<int> phase{0};  // 0 warm-up, 1 measured, 2 stop
  std::atomic<int> ready{0};
  ErrorSink errors;
  std::vector<std::vector<int64_t>> latencies(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      Call call = factory(chans[t % chans.size()]);
      std::vector<int64_t>& mine = latencies[t];
      mine.reserve(1 << 19);
      uint64_t i = static_cast<uint64_t>(t) * 7919;
      ready.fetch_add(1);
      for (;;) {
        const int p = phase.load(std::memory_order_relaxed);
        if (p == 2) break;
        const int64_t start = NowNanos();
        const bool ok = call(i++, errors);
        const int64_t end = NowNanos();
        if (p == 1 && ok) mine.push_back(end - start);
      }
    });
  }
  while (ready.load() < threads) std::this_thread::yield();
  absl::SleepFor(warmup);
  const int64_t errors_before = errors.count.load();
  const int64_t t0 = NowNanos();
  phase.store(1);
  absl::SleepFor(measure);
  phase.store(2);
  const int64_t t1 = NowNanos();
  const int64_t measured_errors = errors.count.load() - errors_before;
  for (std::thread& w : workers) w.join();
  std::vector<int64_t> all;
  for (auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  LoadResult r;
  r.summary = Summarize(all, static_cast<double>(t1 - t0) / 1e9);
  r.errors = measured_errors;
  r.first_error = errors.first;
  return r;
}

std::unique_ptr<::grpc::ClientContext> NewContext(const std::string& authorization) {
  auto ctx = std::make_unique<::grpc::ClientContext>();
  ctx->AddMetadata("authorization", authorization);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return ctx;
}

CallFactory EchoCalls(const std::string& authorization) {
  return [authorization](std::shared_ptr<::grpc::Channel> channel) -> Call {
    std::shared_ptr<bv1::BenchEchoService::Stub> stub = bv1::BenchEchoService::NewStub(channel);
    auto req = std::make_shared<bv1::EchoRequest>();
    req->set_payload(std::string(64, 'x'));
    return [stub, req, authorization](uint64_t, ErrorSink& errors) {
      std::unique_ptr<::grpc::ClientContext> ctx = NewContext(authorization);
      bv1::EchoResponse resp;
      ::grpc::Status s = stub->Echo(ctx.get(), *req, &resp);
      if (!s.ok()) {
        errors.Note(absl::StrCat("echo: ", s.error_code(), " ", s.error_message()));
        return false;
      }
      return true;
    };
  };
}

// Requests rotating over `officer_ids`, `per_call` officers each.
std::shared_ptr<std::vector<pv1::CheckEnforcementEligibilityRequest>> EligibilityRequests(
    const std::vector<std::string>& officer_ids, int per_call) {
  auto reqs = std::make_shared<std::vector<pv1::CheckEnforcementEligibilityRequest>>();
  for (size_t i = 0; i < officer_ids.size(); ++i) {
    pv1::CheckEnforcementEligibilityRequest req;
    for (int k = 0; k < per_call; ++k) {
      req.add_officer_ids(officer_ids[(i + static_cast<size_t>(k)) % officer_ids.size()]);
    }
    req.set_domain(kDomain);
    reqs->push_back(std::move(req));
  }
  return reqs;
}

CallFactory EligibilityCalls(const std::string& authorization,
                             const std::vector<std::string>& officer_ids, int per_call) {
  auto reqs = EligibilityRequests(officer_ids, per_call);
  return [authorization, reqs, per_call](std::shared_ptr<::grpc::Channel> channel) -> Call {
    std::shared_ptr<pv1::PersonnelService::Stub> stub = pv1::PersonnelService::NewStub(channel);
    return [stub, reqs, per_call, authorization](uint64_t i, ErrorSink& errors) {
      std::unique_ptr<::grpc::ClientContext> ctx = NewContext(authorization);
      pv1::CheckEnforcementEligibilityResponse resp;
      ::grpc::Status s =
          stub->CheckEnforcementEligibility(ctx.get(), (*reqs)[i % reqs->size()], &resp);
      if (!s.ok()) {
        errors.Note(absl::StrCat("eligibility: ", s.error_code(), " ", s.error_message()));
        return false;
      }
      if (resp.verdicts_size() != per_call) {
        errors.Note("eligibility: wrong number of verdicts");
        return false;
      }
      for (const pv1::EligibilityVerdict& v : resp.verdicts()) {
        if (!v.eligible()) {
          errors.Note(absl::StrCat("eligibility: officer not eligible: ", v.detail()));
          return false;
        }
      }
      return true;
    };
  };
}

// ------------------------------------------------------------------ setup

// A valid GB 11643 identity number whose first 17 digits end with `serial`.
std::string IdNumber(int serial) { return lawenforce::testing::TestIdNumber(serial); }

[[noreturn]] void Die(absl::string_view what, const absl::Status& status) {
  std::fprintf(stderr, "eligibility_bench: %s: %s\n", std::string(what).c_str(),
               status.ToString().c_str());
  std::exit(1);
}

template <typename T>
T Must(absl::string_view what, absl::StatusOr<T> v) {
  if (!v.ok()) Die(what, v.status());
  return *std::move(v);
}

// An RSA-2048 key pair as (private PEM, public PEM), for the RS256 figures.
std::pair<std::string, std::string> RsaKeyPair() {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  auto pem = [](auto write) {
    BIO* bio = BIO_new(BIO_s_mem());
    write(bio);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<size_t>(n));
    BIO_free(bio);
    return out;
  };
  std::string priv =
      pem([&](BIO* b) { PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr); });
  std::string pub = pem([&](BIO* b) { PEM_write_bio_PUBKEY(b, key); });
  EVP_PKEY_free(key);
  return {priv, pub};
}

std::string MintFor(auth::Algorithm alg, const std::string& key, const Clock& clock) {
  auth::MintOptions m;
  m.algorithm = alg;
  m.key = key;
  m.subject = "case-service";
  m.roles = {auth::Role::kSystem};
  m.division_code = "640000";
  m.issued_at = clock.Now();
  m.lifetime = absl::Hours(2);
  return Must("mint token", auth::MintToken(m));
}

void PrintLoop(const std::string& name, const Summary& s, const std::string& note = "") {
  Print(absl::StrFormat("| %-44s | %10.0f | %8.2f | %8.2f | %8.2f | %s", name, s.per_second,
                        s.mean_us, s.p50_us, s.p99_us, note));
}

// The gRPC framing of a message: flag byte 0, big-endian length, bytes.
std::string GrpcFrame(const google::protobuf::Message& m) {
  std::string bytes = m.SerializeAsString();
  std::string out(5, '\0');
  const uint32_t n = static_cast<uint32_t>(bytes.size());
  out[1] = static_cast<char>((n >> 24) & 0xff);
  out[2] = static_cast<char>((n >> 16) & 0xff);
  out[3] = static_cast<char>((n >> 8) & 0xff);
  out[4] = static_cast<char>(n & 0xff);
  return out + bytes;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

void PrintHandled(const std::string& server, prometheus::Registry& registry) {
  for (const prometheus::MetricFamily& f : registry.Collect()) {
    if (f.name != "grpc_server_handled_total") continue;
    for (const prometheus::ClientMetric& m : f.metric) {
      if (m.counter.value == 0) continue;
      std::string labels;
      for (const auto& l : m.label) {
        if (l.name == "grpc_method" || l.name == "grpc_code") {
          absl::StrAppend(&labels, l.name, "=", l.value, " ");
        }
      }
      Print(absl::StrFormat("  %s: grpc_server_handled_total{%s} %.0f", server, labels,
                            m.counter.value));
    }
  }
}

double CacheCounter(prometheus::Registry& registry, const std::string& result) {
  for (const prometheus::MetricFamily& f : registry.Collect()) {
    if (f.name != "lawenforce_cache_requests_total") continue;
    for (const prometheus::ClientMetric& m : f.metric) {
      for (const auto& l : m.label) {
        if (l.name == "result" && l.value == result) return m.counter.value;
      }
    }
  }
  return 0;
}

int Run(int argc, char** argv) {
  const Args args(argc, argv);
  const absl::Duration duration = absl::Seconds(args.GetDouble("duration", 5));
  const absl::Duration warmup = absl::Seconds(args.GetDouble("warmup", 1));
  const std::vector<int> thread_counts = args.GetIntList("threads", {1, 4, 16});
  const int channels = static_cast<int>(args.GetInt("channels", 4));
  const int officer_count = static_cast<int>(args.GetInt("officers", 20));
  const int serve_for = static_cast<int>(args.GetInt("serve_for", 0));
  const std::string h2load_dir = args.Get("h2load_dir", "");
  log::SetMinLevel(log::Level::kWarn);

  testing::TempDir dir;
  // The suite's Redis as the tests start it: appendonly yes (fsync always),
  // maxmemory-policy noeviction, no RDB snapshots.
  std::unique_ptr<testing::RedisServer> redis_server =
      Must("start redis-server", testing::RedisServer::Start());

  // echo-raw first: common/server switches on gRPC's process-wide health
  // and reflection plugins, which a builder started before it does not get.
  EchoService raw_echo;
  int raw_port = 0;
  ::grpc::ServerBuilder raw_builder;
  raw_builder.AddListeningPort("127.0.0.1:0", ::grpc::InsecureServerCredentials(), &raw_port);
  raw_builder.RegisterService(&raw_echo);
  std::unique_ptr<::grpc::Server> raw_server = raw_builder.BuildAndStart();
  if (raw_server == nullptr || raw_port == 0) Die("raw echo server", absl::UnknownError("start"));
  // echo-raw plus the suite's RpcObserver interceptor alone: separates the
  // interceptor's cost from the rest of common/server's settings.
  EchoService observed_echo;
  int observed_port = 0;
  auto observed_registry = std::make_shared<prometheus::Registry>();
  ::grpc::ServerBuilder observed_builder;
  observed_builder.AddListeningPort("127.0.0.1:0", ::grpc::InsecureServerCredentials(),
                                    &observed_port);
  observed_builder.RegisterService(&observed_echo);
  {
    std::vector<std::unique_ptr<::grpc::experimental::ServerInterceptorFactoryInterface>> obs;
    obs.push_back(std::make_unique<grpc_edge::RpcObserverFactory>(
        std::make_shared<grpc_edge::GrpcServerMetrics>(*observed_registry)));
    observed_builder.experimental().SetInterceptorCreators(std::move(obs));
  }
  std::unique_ptr<::grpc::Server> observed_server = observed_builder.BuildAndStart();
  if (observed_server == nullptr || observed_port == 0) {
    Die("observed echo server", absl::UnknownError("start"));
  }

  server::ServerOptions echo_options;
  echo_options.service_name = "bench-echo";
  echo_options.listen = "127.0.0.1:0";
  echo_options.metrics_listen = "";
  echo_options.log_level = log::Level::kWarn;
  EchoService echo;
  auto echo_registry = std::make_shared<prometheus::Registry>();
  std::unique_ptr<server::Server> echo_server =
      Must("echo server", server::Server::Start(echo_options, {&echo}, echo_registry));

  // personnel-service, assembled by the kit as main() assembles it
  // (common/kit/runtime.h), on a SQLite file and the redis-server above;
  // the same service without the cache (an empty --redis-url) over the
  // same file.
  RealClock clock;
  std::unique_ptr<testing::InProcessService> cached_service =
      Must("personnel service",
           testing::InProcessService::Start(
               personnel::PersonnelSpec(), dir,
               {{"--db=" + dir.File("personnel.db"), "--redis-url=" + redis_server->url(),
                 "--log-level=warn", "--max-threads=16"}}));
  std::unique_ptr<testing::InProcessService> nocache_service =
      Must("uncached personnel service",
           testing::InProcessService::Start(
               personnel::PersonnelSpec(), dir,
               {{"--db=" + dir.File("personnel.db"), "--log-level=warn", "--max-threads=16"}}));
  kit::Runtime& runtime = cached_service->runtime();
  const kit::Env& env = runtime.env();
  prometheus::Registry& registry = *runtime.registry();
  personnel::PersonnelApp& app = cached_service->module<personnel::PersonnelModule>().app();
  personnel::PersonnelApp& app_nocache =
      nocache_service->module<personnel::PersonnelModule>().app();
  if (absl::Status s = env.journal->Flush(); !s.ok()) Die("journal flush", s);
  runtime.StartBackground();

  // Data: one county agency, officers each holding an ACTIVE certificate.
  auth::Principal admin;
  admin.subject = "bench-admin";
  admin.roles = {auth::Role::kSupervisor, auth::Role::kSystem};
  admin.division_code = "640000";
  personnel::Agency agency;
  agency.name = "兴庆区市场监督管理局";
  agency.division_code = "640104";
  agency.domains = {kDomain};
  personnel::Agency created = Must("create agency", app.agencies().Create(admin, agency, {}));
  std::vector<std::string> officer_ids;
  for (int i = 0; i < officer_count; ++i) {
    personnel::Officer officer;
    officer.agency_id = created.id;
    officer.name = absl::StrCat("执法人员", i);
    officer.roles = {personnel::OfficerRole::kOfficer};
    personnel::Officer o =
        Must("create officer", app.officers().Create(admin, officer, IdNumber(i + 1), {}));
    personnel::Certificate c;
    c.number = absl::StrFormat("NX-BENCH-%04d", i);
    c.officer_id = o.id;
    c.kind = personnel::CertificateKind::kEnforcement;
    c.domains = {kDomain};
    c.valid_from = absl::CivilDay(2025, 1, 1);
    c.valid_until = absl::CivilDay(2030, 12, 31);
    Must("issue certificate", app.certificates().Issue(admin, c, {}));
    officer_ids.push_back(o.id);
  }
  auth::Principal caller = Must(
      "verify token", env.calls.verifier->Verify(MintFor(auth::Algorithm::kHs256, kSecret, clock)));
  const std::string token = MintFor(auth::Algorithm::kHs256, kSecret, clock);
  const std::string authorization = "Bearer " + token;
  // Warm the cache with every officer (each key's first read is a miss).
  for (const std::string& id : officer_ids) {
    auto v = app.eligibility().Check(caller, {id}, kDomain, std::optional<absl::Time>());
    if (!v.ok() || !(*v)[0].eligible)
      Die("warm cache", v.ok() ? absl::UnknownError("ineligible") : v.status());
  }

  if (serve_for > 0) {
    // h2load mode: bodies, token and ports for an outside load generator.
    if (h2load_dir.empty()) Die("--serve_for", absl::InvalidArgumentError("needs --h2load_dir"));
    bv1::EchoRequest echo_req;
    echo_req.set_payload(std::string(64, 'x'));
    WriteFile(h2load_dir + "/echo.bin", GrpcFrame(echo_req));
    WriteFile(h2load_dir + "/elig1.bin", GrpcFrame((*EligibilityRequests(officer_ids, 1))[0]));
    WriteFile(h2load_dir + "/elig10.bin", GrpcFrame((*EligibilityRequests(officer_ids, 10))[0]));
    WriteFile(h2load_dir + "/token", token);
    WriteFile(
        h2load_dir + "/ports.tmp",
        absl::StrFormat("ECHO_RAW_PORT=%d\nECHO_PORT=%d\nELIG_PORT=%d\nNOCACHE_PORT=%d\n", raw_port,
                        echo_server->port(), cached_service->port(), nocache_service->port()));
    std::rename((h2load_dir + "/ports.tmp").c_str(), (h2load_dir + "/ports").c_str());
    Print(absl::StrFormat("serving for up to %d s (touch %s/stop to end)", serve_for, h2load_dir));
    const absl::Time until = absl::Now() + absl::Seconds(serve_for);
    struct stat st;
    while (absl::Now() < until && stat((h2load_dir + "/stop").c_str(), &st) != 0) {
      absl::SleepFor(absl::Milliseconds(100));
    }
    Print(
        "calls answered, by method and code, non-zero only (h2load counts HTTP 200; the gRPC "
        "status is here; a few non-OK are streams h2load reset when its time was up):");
    PrintHandled("echo", *echo_registry);
    PrintHandled("elig-cached", registry);
    PrintHandled("elig-nocache", *nocache_service->runtime().registry());
    Print(absl::StrFormat("  cache: hit=%.0f miss=%.0f error=%.0f bypass=%.0f",
                          CacheCounter(registry, "hit"), CacheCounter(registry, "miss"),
                          CacheCounter(registry, "error"), CacheCounter(registry, "bypass")));
    runtime.StopBackground();
    return 0;
  }

  Print(absl::StrFormat(
      "eligibility_bench: %d officers (1 agency, county 640104, 1 ACTIVE certificate each), "
      "measure %s after %s warm-up per row, channels=min(threads,%d), log level warn",
      officer_count, absl::FormatDuration(duration), absl::FormatDuration(warmup), channels));

  const bool skip_in_process = args.Get("skip_in_process", "") == "true";
  // ---------------------------------------------------- in-process pieces
  if (!skip_in_process) {
    const absl::Duration micro = absl::Seconds(1);
    const absl::Duration micro_warm = absl::Milliseconds(200);
    Print("");
    Print("## In-process costs (1 thread, no gRPC)");
    Print(absl::StrFormat("| %-44s | %10s | %8s | %8s | %8s |", "operation", "ops/s", "mean us",
                          "p50 us", "p99 us"));
    int64_t errs = 0;
    {
      RealClock clock;
      auth::VerifierOptions hs;
      hs.algorithm = auth::Algorithm::kHs256;
      hs.key = kSecret;
      std::unique_ptr<auth::TokenVerifier> cached =
          Must("verifier", auth::CreateTokenVerifier(hs, &clock));
      hs.cache_capacity = 0;
      std::unique_ptr<auth::TokenVerifier> uncached =
          Must("verifier", auth::CreateTokenVerifier(hs, &clock));
      auto [rsa_priv, rsa_pub] = RsaKeyPair();
      auth::VerifierOptions rs;
      rs.algorithm = auth::Algorithm::kRs256;
      rs.key = rsa_pub;
      std::unique_ptr<auth::TokenVerifier> rs_cached =
          Must("verifier", auth::CreateTokenVerifier(rs, &clock));
      rs.cache_capacity = 0;
      std::unique_ptr<auth::TokenVerifier> rs_uncached =
          Must("verifier", auth::CreateTokenVerifier(rs, &clock));
      const std::string rs_token = MintFor(auth::Algorithm::kRs256, rsa_priv, clock);
      auto verify = [&](auth::TokenVerifier& v, const std::string& t) {
        return [&v, &t] { return v.Verify(t).ok(); };
      };
      PrintLoop("token verify HS256, verified-token cache hit",
                TimeLoop(verify(*cached, token), micro_warm, micro, &errs));
      PrintLoop("token verify HS256, no cache",
                TimeLoop(verify(*uncached, token), micro_warm, micro, &errs));
      PrintLoop("token verify RS256-2048, verified-token cache hit",
                TimeLoop(verify(*rs_cached, rs_token), micro_warm, micro, &errs));
      PrintLoop("token verify RS256-2048, no cache",
                TimeLoop(verify(*rs_uncached, rs_token), micro_warm, micro, &errs));
    }
    auto in_process = [&](personnel::PersonnelApp& a, int per_call) {
      auto reqs = EligibilityRequests(officer_ids, per_call);
      std::vector<std::vector<std::string>> id_lists;
      for (const auto& r : *reqs)
        id_lists.emplace_back(r.officer_ids().begin(), r.officer_ids().end());
      auto i = std::make_shared<size_t>(0);
      return [&a, &caller, id_lists, i] {
        auto v = a.eligibility().Check(caller, id_lists[(*i)++ % id_lists.size()], kDomain,
                                       std::optional<absl::Time>());
        return v.ok() && !v->empty() && (*v)[0].eligible;
      };
    };
    Summary app_cached_1 = TimeLoop(in_process(app, 1), micro_warm, micro, &errs);
    Summary app_cached_10 = TimeLoop(in_process(app, 10), micro_warm, micro, &errs);
    Summary app_nocache_1 = TimeLoop(in_process(app_nocache, 1), micro_warm, micro, &errs);
    Summary app_nocache_10 = TimeLoop(in_process(app_nocache, 10), micro_warm, micro, &errs);
    PrintLoop("PersonnelApp::CheckEligibility cached, 1 officer", app_cached_1);
    PrintLoop("PersonnelApp::CheckEligibility cached, 10 officers", app_cached_10);
    PrintLoop("PersonnelApp::CheckEligibility no cache, 1 officer", app_nocache_1);
    PrintLoop("PersonnelApp::CheckEligibility no cache, 10 officers", app_nocache_10);

    // Redis: the cache read against the bare round trip on the same client.
    std::vector<std::string> cache_keys;
    std::vector<std::string> value_keys;
    for (const std::string& id : officer_ids) {
      cache_keys.push_back(personnel::EligibilityCacheKey(id));
      value_keys.push_back(absl::StrCat("le:", personnel::kPersonnelCacheNamespace,
                                        ":val:", personnel::EligibilityCacheKey(id)));
    }
    int64_t loader_calls = 0;
    auto cache_read = [&](int n) {
      std::vector<std::string> keys(cache_keys.begin(), cache_keys.begin() + n);
      return [&, keys] {
        auto r = env.cache->GetOrLoadMany(keys,
                                          [&](const std::vector<std::string>& missing)
                                              -> absl::StatusOr<std::vector<std::string>> {
                                            ++loader_calls;
                                            return std::vector<std::string>(missing.size(), "{}");
                                          });
        return r.ok();
      };
    };
    redis::RedisClient& rc = *runtime.redis();
    auto command = [&](std::vector<std::string> argv) {
      return [&rc, argv] { return rc.Command(argv).ok(); };
    };
    std::vector<std::string> mget = {"MGET"};
    mget.insert(mget.end(), value_keys.begin(), value_keys.begin() + 10);
    Summary ping = TimeLoop(command({"PING"}), micro_warm, micro, &errs);
    Summary get1 = TimeLoop(command({"GET", value_keys[0]}), micro_warm, micro, &errs);
    Summary mget10 = TimeLoop(command(mget), micro_warm, micro, &errs);
    Summary hit1 = TimeLoop(cache_read(1), micro_warm, micro, &errs);
    Summary hit10 = TimeLoop(cache_read(10), micro_warm, micro, &errs);
    PrintLoop("redis PING (RedisClient::Command)", ping);
    PrintLoop("redis GET of one cached value (~0.5 KB)", get1);
    PrintLoop("redis MGET of 10 cached values", mget10);
    PrintLoop("VersionedCache::GetOrLoadMany hit, 1 key", hit1,
              "ratio to PING: " + Ratio(hit1.mean_us, ping.mean_us));
    PrintLoop("VersionedCache::GetOrLoadMany hit, 10 keys", hit10,
              "ratio to MGET10: " + Ratio(hit10.mean_us, mget10.mean_us));
    // Where a hit's time goes: EVALSHA itself, the read script's restart
    // check (INFO server parsed in Lua on every read), and parsing the JSON.
    const redis::LuaScript noop_script("return 1");
    const redis::LuaScript info_script(
        "local run = string.match(redis.call('INFO', 'server'), 'run_id:(%x+)') return 1");
    Summary eval_noop =
        TimeLoop([&] { return rc.Eval(noop_script, {}, {}).ok(); }, micro_warm, micro, &errs);
    Summary eval_info =
        TimeLoop([&] { return rc.Eval(info_script, {}, {}).ok(); }, micro_warm, micro, &errs);
    PrintLoop("redis EVALSHA 'return 1'", eval_noop);
    PrintLoop("redis EVALSHA of INFO server + run_id match", eval_info);
    std::string cached_bytes;
    if (absl::StatusOr<redis::Reply> v = rc.Command({"GET", value_keys[0]}); v.ok()) {
      cached_bytes = v->str.substr(v->str.find('\n') + 1);
    }
    PrintLoop("personnel::ParseFacts of one cached value",
              TimeLoop([&] { return personnel::ParseFacts(cached_bytes).ok(); }, micro_warm, micro,
                       &errs));
    absl::StatusOr<redis::Reply> value = rc.Command({"STRLEN", value_keys[0]});
    Print(
        absl::StrFormat("(cached value size: %d bytes; loader calls during the hit loops: %d; "
                        "in-process errors: %d)",
                        value.ok() ? value->integer : -1, loader_calls, errs));
  }

  // ---------------------------------------------------- over gRPC
  struct Target {
    std::string name;
    int port;
    CallFactory calls;
  };
  std::vector<Target> targets = {
      {"echo-raw (grpc::ServerBuilder)", raw_port, EchoCalls(authorization)},
      {"echo (common/server)", echo_server->port(), EchoCalls(authorization)},
      {"echo-raw + RpcObserver interceptor", observed_port, EchoCalls(authorization)},
      {"eligibility cached, 1 officer", cached_service->port(),
       EligibilityCalls(authorization, officer_ids, 1)},
      {"eligibility cached, 10 officers", cached_service->port(),
       EligibilityCalls(authorization, officer_ids, 10)},
      {"eligibility no cache, 1 officer", nocache_service->port(),
       EligibilityCalls(authorization, officer_ids, 1)},
      {"eligibility no cache, 10 officers", nocache_service->port(),
       EligibilityCalls(authorization, officer_ids, 10)},
  };
  const std::string only = args.Get("only", "");
  if (!only.empty()) {
    std::vector<Target> kept;
    for (Target& t : targets) {
      if (t.name.find("echo (common/server)") == 0 || t.name.find(only) != std::string::npos) {
        kept.push_back(std::move(t));
      }
    }
    targets = std::move(kept);
  }
  Print("");
  Print("## Over gRPC on loopback (closed loop; targets interleaved per thread count)");
  Print(absl::StrFormat("| %-7s | %-36s | %10s | %8s | %8s | %8s | %9s | %9s | %9s |", "threads",
                        "target", "calls/s", "mean us", "p50 us", "p99 us", "tput/echo", "p99/echo",
                        "p50/echo"));
  for (int n : thread_counts) {
    std::vector<LoadResult> results;
    for (const Target& t : targets) {
      results.push_back(RunLoad(t.port, n, channels, warmup, duration, t.calls));
    }
    size_t base_index = 0;
    for (size_t i = 0; i < targets.size(); ++i) {
      if (targets[i].name == "echo (common/server)") base_index = i;
    }
    const Summary& base = results[base_index].summary;  // echo on common/server
    for (size_t i = 0; i < targets.size(); ++i) {
      const Summary& s = results[i].summary;
      Print(absl::StrFormat("| %-7d | %-36s | %10.0f | %8.1f | %8.1f | %8.1f | %9s | %9s | %9s |%s",
                            n, targets[i].name, s.per_second, s.mean_us, s.p50_us, s.p99_us,
                            Ratio(s.per_second, base.per_second), Ratio(s.p99_us, base.p99_us),
                            Ratio(s.p50_us, base.p50_us),
                            results[i].errors > 0 ? absl::StrCat(" errors=", results[i].errors,
                                                                 " first: ", results[i].first_error)
                                                  : ""));
    }
  }
  Print("");
  Print(absl::StrFormat(
      "cache counters (whole run, incl. warm-up and in-process loops): hit=%.0f miss=%.0f "
      "error=%.0f bypass=%.0f",
      CacheCounter(registry, "hit"), CacheCounter(registry, "miss"),
      CacheCounter(registry, "error"), CacheCounter(registry, "bypass")));

  runtime.StopBackground();
  nocache_service->Shutdown();
  cached_service->Shutdown();
  echo_server->Shutdown();
  observed_server->Shutdown();
  raw_server->Shutdown();
  return 0;
}

}  // namespace
}  // namespace lawenforce::bench

int main(int argc, char** argv) { return lawenforce::bench::Run(argc, argv); }
