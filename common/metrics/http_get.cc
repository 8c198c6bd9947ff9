#include "common/metrics/http_get.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace lawenforce::metrics {
namespace {

// Closes the socket on scope exit.
class Socket {
 public:
  Socket() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {}
  ~Socket() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

absl::Status IoError(absl::string_view what, int error) {
  if (error == EAGAIN || error == EWOULDBLOCK) {
    return absl::DeadlineExceededError(absl::StrCat(what, ": timed out"));
  }
  return absl::UnavailableError(absl::StrCat(what, ": ", std::strerror(error)));
}

}  // namespace

absl::StatusOr<HttpResponse> HttpGet(int port, absl::string_view path, absl::Duration timeout) {
  Socket socket;
  if (socket.fd() < 0) {
    return IoError("socket", errno);
  }
  timeval tv = absl::ToTimeval(timeout);
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  ::setsockopt(socket.fd(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));

  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
    return IoError(absl::StrCat("connect to 127.0.0.1:", port), errno);
  }

  std::string request = absl::StrCat("GET ", path, " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(socket.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return IoError("send", errno);
    }
    sent += static_cast<size_t>(n);
  }

  // HTTP/1.0: the server closes the connection after the body.
  std::string raw;
  char buffer[8192];
  for (;;) {
    ssize_t n = ::recv(socket.fd(), buffer, sizeof(buffer), 0);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return IoError("recv", errno);
    }
    if (n == 0) {
      break;
    }
    raw.append(buffer, static_cast<size_t>(n));
  }

  // "HTTP/1.x NNN reason\r\n...headers...\r\n\r\nbody"
  size_t header_end = raw.find("\r\n\r\n");
  if (raw.compare(0, 5, "HTTP/") != 0 || raw.size() < 12 || header_end == std::string::npos) {
    return absl::InternalError("answer is not HTTP");
  }
  HttpResponse response;
  if (!absl::SimpleAtoi(absl::string_view(raw).substr(9, 3), &response.status_code)) {
    return absl::InternalError("answer has no HTTP status code");
  }
  response.body = raw.substr(header_end + 4);
  return response;
}

}  // namespace lawenforce::metrics
