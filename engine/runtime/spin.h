#pragma once
// Looking again before going to sleep, for as long as it has been paying off.
//
// A waiter whose partner runs on another core (a queue's consumer, a manager's
// proxy waiting for its server) usually sees its answer within microseconds;
// sleeping instead costs a wake system call on the other side and, on an idle
// virtual CPU, tens of microseconds before the sleeper runs again. But when
// both share one busy core, every microsecond spent looking is taken from the
// partner that would answer. So the budget adapts, as glibc's adaptive mutex
// does: a look that ended in the answer doubles it (up to maxNs), one that ran
// out halves it (down to minNs). One budget per call site and thread.
// A partner last seen on the caller's own CPU cannot be running while the
// caller looks: then there is no look at all.

#include "futex.h"
#include "tracewriter.h"

#include <algorithm>
#include <cstdint>
#include <sched.h>

namespace proclab::detail {

// The CPU this process runs on now (glibc reads it from rseq: no system call).
inline int currentCpu()
{
    return sched_getcpu();
}

class SpinBudget
{
public:
    constexpr SpinBudget(std::uint64_t minNs, std::uint64_t maxNs)
        : m_min(minNs), m_max(maxNs), m_ns(maxNs)
    {
    }

    // Calls ready() until it is true or the budget is spent; its last answer.
    // Nothing (false) when the partner was last seen on this CPU (`partnerCpu`;
    // -1: not known). The clock is read every `callsPerClockRead` calls: 64
    // for a memory word (ready() pauses), 1 for a system call such as poll().
    template <typename Ready>
    bool lookAgain(int partnerCpu, Ready ready, int callsPerClockRead = 64)
    {
        if (partnerCpu >= 0 && partnerCpu == currentCpu())
            return false;
        bool ok = ready();
        for (const std::uint64_t until = trace::nowNs() + m_ns; !ok;) {
            for (int i = 0; i < callsPerClockRead && !ok; ++i)
                ok = ready();
            if (!ok && trace::nowNs() >= until)
                break;
        }
        m_ns = ok ? std::min(m_ns * 2, m_max) : std::max(m_ns / 2, m_min);
        return ok;
    }

private:
    std::uint64_t m_min, m_max, m_ns;
};

} // namespace proclab::detail
