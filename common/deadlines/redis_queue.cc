#include "common/deadlines/redis_queue.h"

#include <algorithm>

#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"

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

// KEYS: due, lease. ARGV[1]: "1" to leave leased members alone on 'a'; then
// (op, member, score) triples: 'a' add or lower the due score, 'r' remove
// from due, 'q' like 'a' then remove from lease, 'd' remove from lease.
// Returns how many members 'a' added to the due set.
constexpr absl::string_view kEditLua = R"lua(
local skip_leased = ARGV[1] == '1'
local added = 0
local function add_if_earlier(m, s)
  local cur = redis.call('ZSCORE', KEYS[1], m)
  if not cur then
    redis.call('ZADD', KEYS[1], s, m)
    return 1
  end
  if tonumber(s) < tonumber(cur) then
    redis.call('ZADD', KEYS[1], s, m)
  end
  return 0
end
for i = 2, #ARGV, 3 do
  local op, m, s = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if op == 'a' then
    if not (skip_leased and redis.call('ZSCORE', KEYS[2], m)) then
      added = added + add_if_earlier(m, s)
    end
  elseif op == 'r' then
    redis.call('ZREM', KEYS[1], m)
  elseif op == 'q' then
    add_if_earlier(m, s)
    redis.call('ZREM', KEYS[2], m)
  elseif op == 'd' then
    redis.call('ZREM', KEYS[2], m)
  end
end
return added
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

absl::StatusOr<int64_t> QueueEdits::Apply(redis::RedisClient& redis, const Keys& keys,
                                          bool skip_leased) const {
  int64_t added = 0;
  for (size_t begin = 0; begin < ops_.size(); begin += 3 * kOpsPerScript) {
    const size_t end = std::min(ops_.size(), begin + 3 * kOpsPerScript);
    std::vector<std::string> args;
    args.reserve(1 + end - begin);
    args.push_back(skip_leased ? "1" : "0");
    args.insert(args.end(), ops_.begin() + begin, ops_.begin() + end);
    absl::StatusOr<redis::Reply> reply = redis.Eval(EditScript(), {keys.due, keys.lease}, args);
    if (!reply.ok()) {
      return reply.status();
    }
    if (reply->type != redis::Reply::Type::kInteger) {
      return Malformed("edit");
    }
    added += reply->integer;
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
