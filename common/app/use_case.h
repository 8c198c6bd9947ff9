#ifndef LAWENFORCE_COMMON_APP_USE_CASE_H_
#define LAWENFORCE_COMMON_APP_USE_CASE_H_

// The steps every service's use cases share, each one call (ADR 0001,
// docs/api.md "Conventions"). No gRPC, protobuf or SQL types here.
//
//   absl::StatusOr<Page<Case>> Cases::List(const Principal& who, const CaseQuery& q,
//                                          const PageQuery& page) {
//     LE_RETURN_IF_ERROR(authorizer_.RequireRole(who, kReaders, kAction));
//     LE_ASSIGN_OR_RETURN(std::string scope,
//                         authorizer_.ScopeForList(who, "division_code", q.division, kAction));
//     return app::ListPage<Case>(page, absl::StrCat("cases|", scope),
//         [&](const store::PageRequest& r) { return store_.ListCases(scope, r); });
//   }

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/authorize.h"
#include "common/auth/principal.h"
#include "common/crypto/pii.h"
#include "common/ids/id_generator.h"
#include "common/paging/page_token.h"
#include "common/store/audit.h"
#include "common/store/idempotency.h"
#include "common/store/record_store.h"

namespace lawenforce::app {

// ------------------------------------------------------------------ paging

struct PageQuery {
  int page_size = 0;       // 0: default 50; > 500 is lowered to 500
  std::string page_token;  // opaque, from a previous page
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;  // empty on the last page
};

// One page of a list whose rows are ordered by id: checks page_size
// (INVALID_ARGUMENT "page_size: ...") and that the token was minted for this
// `filter` (INVALID_ARGUMENT "page_token: ..."), fetches size + 1 rows after
// the token's id, and mints the next token when there are more.
// `fetch(const store::PageRequest&)` returns absl::StatusOr<std::vector<T>>.
template <typename T, typename Fetch>
absl::StatusOr<Page<T>> ListPage(const PageQuery& query, absl::string_view filter, Fetch fetch) {
  absl::StatusOr<int> size = paging::EffectivePageSize("page_size", query.page_size);
  if (!size.ok()) return size.status();
  absl::StatusOr<std::string> after =
      paging::DecodePageToken("page_token", query.page_token, filter);
  if (!after.ok()) return after.status();
  absl::StatusOr<std::vector<T>> rows = fetch(store::PageRequest{*after, *size + 1});
  if (!rows.ok()) return rows.status();
  Page<T> out;
  if (static_cast<int>(rows->size()) > *size) {
    rows->resize(*size);
    out.next_page_token = paging::EncodePageToken(rows->back().id, filter);
  }
  out.items = *std::move(rows);
  return out;
}

// The same with signed page tokens (common/paging/page_token.h): a token
// edited by hand is INVALID_ARGUMENT "page_token: malformed page token".
template <typename T, typename Fetch>
absl::StatusOr<Page<T>> ListPage(const PageQuery& query, absl::string_view filter,
                                 const crypto::PiiProtector& keys, Fetch fetch) {
  absl::StatusOr<int> size = paging::EffectivePageSize("page_size", query.page_size);
  if (!size.ok()) return size.status();
  absl::StatusOr<std::string> after =
      paging::DecodePageToken("page_token", query.page_token, filter, keys);
  if (!after.ok()) return after.status();
  absl::StatusOr<std::vector<T>> rows = fetch(store::PageRequest{*after, *size + 1});
  if (!rows.ok()) return rows.status();
  Page<T> out;
  if (static_cast<int>(rows->size()) > *size) {
    rows->resize(*size);
    out.next_page_token = paging::EncodePageToken(rows->back().id, filter, keys);
  }
  out.items = *std::move(rows);
  return out;
}

// ------------------------------------------------------------------ lookup

// A record `who` must be allowed to see, named by `field` in the request:
// INVALID_ARGUMENT naming `field` for a malformed id; for a missing record
// the Authorizer's RecordNotFound (NOT_FOUND "<what> not found" only to a
// region-wide caller); PERMISSION_DENIED, the same as for a missing record,
// when the record's division is outside the caller's jurisdiction.
// `load(id)` returns absl::StatusOr<T> (NOT_FOUND when absent); T has a
// `division_code`.
template <typename T, typename Load>
absl::StatusOr<T> FindVisible(const auth::Authorizer& authorizer, const auth::Principal& who,
                              absl::string_view field, const std::string& id,
                              absl::string_view what, absl::string_view action, Load load) {
  if (absl::Status s = ValidateId(field, id); !s.ok()) return s;
  absl::StatusOr<T> record = load(id);
  if (record.status().code() == absl::StatusCode::kNotFound) {
    return authorizer.RecordNotFound(who, what, action);
  }
  if (!record.ok()) return record.status();
  if (absl::Status s = authorizer.RequireWithin(who, record->division_code, action); !s.ok()) {
    return s;
  }
  return record;
}

// ------------------------------------------------------------------ etags

// The etag of a record version as sent to clients: the version in quotes.
std::string Etag(int64_t version);

// The version an etag a client sent stands for; nullopt for an empty etag
// ("whatever the current version is"). INVALID_ARGUMENT naming `field` when
// it is not exactly one this service issued (Etag(n), n >= 1: no sign,
// leading zero or blank inside the quotes).
absl::StatusOr<std::optional<int64_t>> ParseEtag(absl::string_view field, absl::string_view etag);

// ABORTED naming `field` when `expected` is set and differs from `current`.
absl::Status CheckEtag(absl::string_view field, const std::optional<int64_t>& expected,
                       int64_t current);

// ------------------------------------------------------------------ creates

// Idempotency of a create: the client's request_id (empty: none) and a
// digest of the rest of the request (api/ computes it; for a request that
// carries a protected value, over a copy without it). The digest itself is
// never stored: KeyFor keys it.
struct CreateOptions {
  std::string request_id;
  std::string request_hash;
};

// The key of a create by `who`, or nullopt without a request_id.
// INVALID_ARGUMENT naming request_id when it is malformed. The key belongs
// to its caller: the stored request_id is scoped by `who.subject`, so two
// callers choosing the same request_id never meet. The stored hash is
// keys.RequestHash over the method, the digest and `protected_form` (e.g.
// the blind index of an identity-card number left out of the digest), so
// that the idempotency record confirms nothing to a reader of the database.
absl::StatusOr<std::optional<store::IdempotencyKey>> KeyFor(absl::string_view method,
                                                            const auth::Principal& who,
                                                            const CreateOptions& options,
                                                            const crypto::PiiProtector& keys,
                                                            absl::string_view protected_form = "");

// The legacy key: global across callers, with the digest stored as given
// (an unkeyed digest confirms a guessed request). Kept for services not yet
// moved to the keyed overload above; do not use in new code.
absl::StatusOr<std::optional<store::IdempotencyKey>> KeyFor(absl::string_view method,
                                                            const CreateOptions& options);

// The audit row of an action by `who`.
store::AuditEntry AuditOf(const auth::Principal& who, absl::string_view action,
                          std::string resource_id, absl::Time now, std::string detail = "");

// The same, listable (store::ListAuditRows): through RPC `method`, about a
// record of `division_code`, with the fields it changed (masked values).
store::AuditEntry AuditOf(const auth::Principal& who, absl::string_view method,
                          absl::string_view action, std::string resource_id,
                          std::string division_code, absl::Time now, std::string detail = "",
                          std::vector<store::FieldChange> changes = {});

}  // namespace lawenforce::app

#endif  // LAWENFORCE_COMMON_APP_USE_CASE_H_
