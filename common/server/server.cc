#include "common/server/server.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "absl/base/call_once.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/grpc/rpc_observer.h"
#include "common/grpc/server_metrics.h"
#include "common/log/log.h"
#include "common/server/tls.h"
#include "grpc/grpc.h"
#include "grpc/support/log.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/generic/async_generic_service.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/impl/server_builder_option.h"
#include "grpcpp/impl/server_builder_plugin.h"
#include "grpcpp/impl/server_initializer.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace lawenforce::server {
namespace {

// gRPC's own diagnostics, as structured lines like everything else.
void LogGrpcMessage(gpr_log_func_args* args) {
  log::Level level = args->severity == GPR_LOG_SEVERITY_ERROR  ? log::Level::kError
                     : args->severity == GPR_LOG_SEVERITY_INFO ? log::Level::kInfo
                                                               : log::Level::kDebug;
  if (!log::IsEnabled(level)) {
    return;
  }
  log::Log(level, "grpc_internal",
           {{"file", args->file != nullptr ? args->file : ""},
            {"line", args->line},
            {"message", args->message != nullptr ? args->message : ""}});
}

// Process-wide gRPC switches; ServerBuilder reads them when building.
void ConfigureGrpcOnce() {
  static absl::once_flag once;
  absl::call_once(once, [] {
    gpr_set_log_function(&LogGrpcMessage);
    ::grpc::EnableDefaultHealthCheckService(true);
    ::grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  });
}

// gRPC keeps the names of registered services private to the server and its
// builder plugins; this plugin copies them out once the services are
// registered, so health can be set per service.
class ServiceNamesPlugin final : public ::grpc::ServerBuilderPlugin {
 public:
  explicit ServiceNamesPlugin(std::vector<std::string>* names) : names_(names) {}
  std::string name() override { return "lawenforce_service_names"; }
  void InitServer(::grpc::ServerInitializer* si) override { *names_ = *si->GetServiceList(); }
  void Finish(::grpc::ServerInitializer* /*si*/) override {}
  void ChangeArguments(const std::string& /*name*/, void* /*value*/) override {}

 private:
  std::vector<std::string>* names_;
};

// The per-builder way to add a plugin.
class CollectServiceNames final : public ::grpc::ServerBuilderOption {
 public:
  explicit CollectServiceNames(std::vector<std::string>* names) : names_(names) {}
  void UpdateArguments(::grpc::ChannelArguments* /*args*/) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<::grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->push_back(std::make_unique<ServiceNamesPlugin>(names_));
  }

 private:
  std::vector<std::string>* names_;
};

// Keeps a builder from adding server reflection (a process-wide plugin):
// the plaintext health port serves health and nothing else.
class WithoutReflection final : public ::grpc::ServerBuilderOption {
 public:
  void UpdateArguments(::grpc::ChannelArguments* /*args*/) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<::grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->erase(std::remove_if(plugins->begin(), plugins->end(),
                                  [](const std::unique_ptr<::grpc::ServerBuilderPlugin>& p) {
                                    return p->name() == "proto_server_reflection";
                                  }),
                   plugins->end());
  }
};

// The plaintext health-only server, or null without --health-listen.
// `nothing_else` must outlive the server.
absl::StatusOr<std::unique_ptr<::grpc::Server>> StartHealthServer(
    const ServerOptions& options, ::grpc::CallbackGenericService* nothing_else, int* port) {
  if (options.health_listen.empty()) return nullptr;
  ::grpc::ServerBuilder builder;
  builder.AddListeningPort(options.health_listen, ::grpc::InsecureServerCredentials(), port);
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetOption(std::make_unique<WithoutReflection>());
  // Every other method is UNIMPLEMENTED (the generic service's default);
  // it also gives the server the callback queue the health service needs.
  builder.RegisterCallbackGenericService(nothing_else);
  std::unique_ptr<::grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || *port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.health_listen,
                                               " (health port in use or not local?)"));
  }
  return server;
}

void SetHealth(::grpc::Server* server, const std::vector<std::string>& names) {
  if (server == nullptr) return;
  ::grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus("", true);
  for (const std::string& name : names) health->SetServingStatus(name, true);
}

// A duration as a channel argument: whole milliseconds, clamped to int.
int Milliseconds(absl::Duration d) {
  return static_cast<int>(
      std::clamp<int64_t>(absl::ToInt64Milliseconds(d), 0, std::numeric_limits<int>::max()));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const ServerOptions& options, std::vector<::grpc::Service*> services,
    std::shared_ptr<prometheus::Registry> registry) {
  if (registry == nullptr) {
    return absl::InvalidArgumentError("server needs a metrics registry");
  }
  for (::grpc::Service* service : services) {
    if (service == nullptr) {
      return absl::InvalidArgumentError("server given a null service");
    }
  }
  log::SetMinLevel(options.log_level);
  ConfigureGrpcOnce();

  // Metrics first: a taken metrics port fails before the gRPC port is bound.
  std::unique_ptr<metrics::MetricsServer> metrics;
  if (!options.metrics_listen.empty()) {
    absl::StatusOr<std::unique_ptr<metrics::MetricsServer>> started =
        metrics::MetricsServer::Start(options.metrics_listen, registry);
    if (!started.ok()) {
      return started.status();
    }
    metrics = *std::move(started);
  }

  absl::StatusOr<std::shared_ptr<::grpc::ServerCredentials>> credentials =
      MakeServerCredentials(options.tls);
  if (!credentials.ok()) {
    return credentials.status();
  }
  int health_port = 0;
  auto nothing_else = std::make_unique<::grpc::CallbackGenericService>();
  absl::StatusOr<std::unique_ptr<::grpc::Server>> health_server =
      StartHealthServer(options, nothing_else.get(), &health_port);
  if (!health_server.ok()) {
    return health_server.status();
  }

  ::grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.listen, *credentials, &port);
  for (::grpc::Service* service : services) {
    builder.RegisterService(service);
  }
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, Milliseconds(options.keepalive_time));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
                             Milliseconds(options.keepalive_timeout));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
                             Milliseconds(options.min_client_ping_interval));
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  // Bounded memory and threads (docs/adr/0006): past the quota gRPC stops
  // reading rather than growing; the thread limit bounds what a synchronous
  // service may use (the suite's services run on the CallExecutor).
  ::grpc::ResourceQuota quota(absl::StrCat("lawenforce-", options.service_name));
  quota.Resize(static_cast<size_t>(options.memory_quota_bytes));
  quota.SetMaxThreads(std::max(options.handler_threads, 2));
  builder.SetResourceQuota(quota);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, options.max_concurrent_streams);

  std::vector<std::unique_ptr<::grpc::experimental::ServerInterceptorFactoryInterface>> observers;
  observers.push_back(std::make_unique<grpc_edge::RpcObserverFactory>(
      std::make_shared<grpc_edge::GrpcServerMetrics>(*registry)));
  builder.experimental().SetInterceptorCreators(std::move(observers));

  std::vector<std::string> service_names;
  builder.SetOption(std::make_unique<CollectServiceNames>(&service_names));

  std::unique_ptr<::grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen, " (address in use or not local?)"));
  }

  SetHealth(server.get(), service_names);
  SetHealth(health_server->get(), service_names);

  log::Info("server_started", {{"service", options.service_name},
                               {"listen", options.listen},
                               {"port", port},
                               {"metrics_port", metrics == nullptr ? 0 : metrics->port()},
                               {"services", absl::StrJoin(service_names, ",")}});
  auto started =
      std::unique_ptr<Server>(new Server(options, std::move(registry), std::move(server), port,
                                         std::move(service_names), std::move(metrics)));
  started->health_nothing_else_ = std::move(nothing_else);
  started->health_server_ = *std::move(health_server);
  started->health_port_ = health_port;
  return started;
}

Server::Server(ServerOptions options, std::shared_ptr<prometheus::Registry> registry,
               std::unique_ptr<::grpc::Server> server, int port,
               std::vector<std::string> service_names,
               std::unique_ptr<metrics::MetricsServer> metrics)
    : options_(std::move(options)),
      registry_(std::move(registry)),
      metrics_(std::move(metrics)),
      server_(std::move(server)),
      port_(port),
      service_names_(std::move(service_names)) {}

Server::~Server() {
  Shutdown();
  Wait();
}

void Server::Shutdown() {
  absl::MutexLock lock(&shutdown_mu_);
  if (shut_down_) {
    return;
  }
  for (::grpc::Server* server : {server_.get(), health_server_.get()}) {
    if (server == nullptr) continue;
    if (::grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService()) {
      health->Shutdown();
    }
  }
  if (options_.unready_delay > absl::ZeroDuration()) {
    absl::SleepFor(options_.unready_delay);
  }
  server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.shutdown_grace));
  shut_down_ = true;
}

void Server::Wait() {
  server_->Wait();
  absl::MutexLock lock(&shutdown_mu_);
  if (health_server_ != nullptr && shut_down_) {
    // The probes' port closes with the last call of the main port.
    health_server_->Shutdown(absl::ToChronoTime(absl::Now()));
    health_server_->Wait();
    health_server_.reset();
  }
}

void Server::AddCollectable(std::shared_ptr<prometheus::Collectable> collectable) {
  if (metrics_ != nullptr) {
    metrics_->AddCollectable(std::move(collectable));
  }
}

}  // namespace lawenforce::server
