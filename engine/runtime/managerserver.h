#pragma once
// The Manager's server process body (internal to engine/runtime): serves the
// requests of every connected proxy, one at a time, until a Shutdown request.
// Args: {listening socket fd, socket path}. The socket was bound and is
// listening before the process started, so proxies may connect at once.

#include "args.h"

namespace proclab::detail {

void proclabManagerServer(const Args &args);

} // namespace proclab::detail
