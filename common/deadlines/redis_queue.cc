#include "common/deadlines/redis_queue.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace lawenforce::deadlines::internal {
namespace {

constexpr absl::string_view kReminderPrefix = "r:";

// KEYS: due, lease. ARGV: now, lease_until, batch (micros, micros, count).
// Returns {lease_expiries, {member...}} with members in due order.
constexpr absl::string_view kClaimLua = R"lua(
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[3])
for i = 1, #expired, 2 do
  redis.call('ZADD', KEYS[1], 'NX', expired[i + 1], expired[i])
  redis.call('ZREM', KEYS[2], expired[i])
end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, m in ipairs(due) do
  redis.call('ZREM', KEYS[1], m)
  redis.call('ZADD', KEYS[2], ARGV[2], m)
end
return {#expired / 2, due}
)lua";

// KEYS: due, lease. ARGV: (op, member, score) triples: 'a' add or lower the
// due score, 'r' remove from due, 'q' like 'a' then remove from lease, 'd'
// remove from lease.
constexpr absl::string_view kEditLua = R"lua(
local function add_if_earlier(m, s)
  local cur = redis.call('ZSCORE', KEYS[1], m)
  if not cur or tonumber(s) < tonumber(cur) then
    redis.call('ZADD', KEYS[1], s, m)
  end
end
for i = 1, #ARGV, 3 do
  local op, m, s = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if op == 'a' then
    add_if_earlier(m, s)
  elseif op == 'r' then
    redis.call('ZREM', KEYS[1], m)
  elseif op == 'q' then
    add_if_earlier(m, s)
    redis.call('ZREM', KEYS[2], m)
  elseif op == 'd' then
    redis.call('ZREM', KEYS[2], m)
  end
end
return 0
)lua";

const redis::LuaScript& ClaimScript() {
  static const auto* const kScript = new redis::LuaScript(std::string(kClaimLua));
  return *kScript;
}

const redis::LuaScript& EditScript() {
  static const auto* const kScript = new redis::LuaScript(std::string(kEditLua));
  return *kScript;
}

std::string Score(absl::Time t) { return absl::StrCat(absl::ToUnixMicros(t)); }

absl::Status Malformed(absl::string_view what) {
  return absl::InternalError(absl::StrCat("deadlines: unexpected reply to ", what));
}

}  // namespace

Keys KeysFor(absl::string_view prefix) {
  return Keys{absl::StrCat(prefix, ":dl:due"), absl::StrCat(prefix, ":dl:lease"),
              absl::StrCat(prefix, ":dl:reconciled")};
}

std::string EventMember(absl::string_view id) { return std::string(id); }

std::string ReminderMember(absl::string_view id) { return absl::StrCat(kReminderPrefix, id); }

Member ParseMember(absl::string_view member) {
  if (absl::ConsumePrefix(&member, kReminderPrefix)) {
    return Member{std::string(member), true};
  }
  return Member{std::string(member), false};
}

absl::StatusOr<ClaimResult> Claim(redis::RedisClient& redis, const Keys& keys, absl::Time now,
                                  absl::Time lease_until, int batch) {
  absl::StatusOr<redis::Reply> reply = redis.Eval(
      ClaimScript(), {keys.due, keys.lease}, {Score(now), Score(lease_until), absl::StrCat(batch)});
  if (!reply.ok()) {
    return reply.status();
  }
  using Type = redis::Reply::Type;
  if (reply->type != Type::kArray || reply->elements.size() != 2 ||
      reply->elements[0].type != Type::kInteger) {
    return Malformed("claim");
  }
  ClaimResult result;
  result.lease_expiries = reply->elements[0].integer;
  const redis::Reply& members = reply->elements[1];
  // An empty Lua table comes back as an empty array (or, in some
  // versions, nil).
  if (members.type != Type::kArray && members.type != Type::kNil) {
    return Malformed("claim");
  }
  for (const redis::Reply& m : members.elements) {
    if (m.type != Type::kString) {
      return Malformed("claim");
    }
    result.members.push_back(m.str);
  }
  return result;
}

void QueueEdits::AddIfEarlier(absl::string_view member, absl::Time at) {
  ops_.insert(ops_.end(), {"a", std::string(member), Score(at)});
}

void QueueEdits::RemoveDue(absl::string_view member) {
  ops_.insert(ops_.end(), {"r", std::string(member), "0"});
}

void QueueEdits::Requeue(absl::string_view member, absl::Time at) {
  ops_.insert(ops_.end(), {"q", std::string(member), Score(at)});
}

void QueueEdits::Release(absl::string_view member) {
  ops_.insert(ops_.end(), {"d", std::string(member), "0"});
}

absl::Status QueueEdits::Apply(redis::RedisClient& redis, const Keys& keys) const {
  for (size_t begin = 0; begin < ops_.size(); begin += 3 * kOpsPerScript) {
    const size_t end = std::min(ops_.size(), begin + 3 * kOpsPerScript);
    std::vector<std::string> args(ops_.begin() + begin, ops_.begin() + end);
    absl::StatusOr<redis::Reply> reply = redis.Eval(EditScript(), {keys.due, keys.lease}, args);
    if (!reply.ok()) {
      return reply.status();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> AddAllIfEarlier(
    redis::RedisClient& redis, const Keys& keys,
    const std::vector<std::pair<std::string, absl::Time>>& members) {
  std::vector<std::vector<std::string>> commands;
  for (size_t begin = 0; begin < members.size(); begin += kMembersPerZadd) {
    const size_t end = std::min(members.size(), begin + kMembersPerZadd);
    std::vector<std::string>& zadd = commands.emplace_back();
    zadd.reserve(3 + 2 * (end - begin));
    zadd.insert(zadd.end(), {"ZADD", keys.due, "LT"});
    for (size_t i = begin; i < end; ++i) {
      zadd.push_back(Score(members[i].second));
      zadd.push_back(members[i].first);
    }
  }
  if (commands.empty()) {
    return 0;
  }
  absl::StatusOr<std::vector<redis::Reply>> replies = redis.Pipeline(commands);
  if (!replies.ok()) {
    return replies.status();
  }
  int64_t added = 0;
  for (const redis::Reply& reply : *replies) {
    if (reply.type != redis::Reply::Type::kInteger) {
      return Malformed("ZADD");
    }
    added += reply.integer;
  }
  return added;
}

absl::Status SetMarker(redis::RedisClient& redis, const Keys& keys, absl::Time now) {
  return redis.Command({"SET", keys.marker, Score(now)}).status();
}

absl::StatusOr<bool> MarkerExists(redis::RedisClient& redis, const Keys& keys) {
  absl::StatusOr<redis::Reply> reply = redis.Command({"EXISTS", keys.marker});
  if (!reply.ok()) {
    return reply.status();
  }
  if (reply->type != redis::Reply::Type::kInteger) {
    return Malformed("EXISTS");
  }
  return reply->integer > 0;
}

}  // namespace lawenforce::deadlines::internal
