// SPDX-License-Identifier: MIT
// stress_lock: a lock holder terminated at a random moment, ROUNDS times. In
// each round a child loops "acquire, hold a random while, release" on a fresh
// Lock (or RLock, taken twice); the parent waits a random 0-5 ms, then
// terminate()s or kill()s it, whatever it is doing (holding, acquiring,
// releasing, between), and joins it. The next acquirer (the parent, or a new
// child) must then get the lock within kRecoverBoundS: never a hang. Whether
// the holder died holding it is read from the trace (`wait:lock` ending with
// the dead owner's pid); otherwise the lock was free when the holder died.
//
// A single-threaded client of the runtime (no Qt; it forks): it makes its own
// trace ring and becomes MainProcess, as the runner's child would. Each round
// is a small run of its own: once its processes are reaped, their ring slots
// are claimed afresh, so the 128-process limit of a run does not end the loop.
//
//   stress_lock ROUNDS [SEED]    prints one JSON object; exit 0 when no round hung
#include "bootstrap.h"
#include "lock.h"
#include "runtime.h"
#include "tracewriter.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

using namespace proclab;

namespace {

constexpr double kRecoverBoundS = 10.0; // far above the ~50 ms the lock needs
constexpr std::uint32_t kSlotCapacity = 1u << 12;

void holderLoop(const Args &a)
{
    const bool reentrant = a.at(1).toInt() != 0;
    std::mt19937 rng(std::uint32_t(a.at(2).toInt()));
    std::uniform_int_distribution<int> holdUs(0, 300);
    if (reentrant) {
        RLock lock = RLock::fromHandle(a.at(0).toInt());
        for (;;) {
            lock.acquire();
            lock.acquire();
            spin_us(holdUs(rng));
            lock.release();
            lock.release();
        }
    }
    Lock lock = Lock::fromHandle(a.at(0).toInt());
    for (;;) {
        lock.acquire();
        spin_us(holdUs(rng));
        lock.release();
        spin_us(holdUs(rng) / 4);
    }
}

void nextAcquirer(const Args &a)
{
    const bool reentrant = a.at(1).toInt() != 0;
    const bool got = reentrant ? RLock::fromHandle(a.at(0).toInt()).acquire(true, kRecoverBoundS)
                               : Lock::fromHandle(a.at(0).toInt()).acquire(true, kRecoverBoundS);
    proclab::exit(got ? 0 : 1);
}

// `wait:lock` intervals that ended by taking over a dead owner's lock, in
// every slot since the last call. The slots are consumed here: nobody else
// reads this ring.
int recoveriesInTrace(const TraceRing &ring)
{
    int n = 0;
    const std::uint64_t mask = ring.header()->slotCapacity - 1;
    for (std::uint32_t s = kMainSlot; s < ring.header()->slotCount; ++s) {
        SlotHeader *slot = ring.slot(s);
        const Record *records = ring.records(s);
        const std::uint64_t w = slot->written.load();
        for (std::uint64_t r = slot->read.load(); r < w; r += 1 + records[r & mask].textChunks)
            n += records[r & mask].kind == RecordKind::LockWaitEnd && records[r & mask].b != 0;
        slot->read.store(w);
    }
    return n;
}

double msSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

int main(int argc, char **argv)
{
    if (isSpawnedChild(argc, argv))
        return runSpawnedChild(argc, argv);
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 100;
    std::mt19937 rng(argc > 2 ? std::uint32_t(std::atoi(argv[2])) : 1u);

    TraceRing ring;
    const int ringFd = TraceRing::create(kRingSlots, kSlotCapacity, &ring);
    if (ringFd < 0) {
        std::perror("stress_lock: trace ring");
        return 2;
    }
    ring.header()->discardWhenFull = 1;
    ring.header()->t0Ns = trace::nowNs();
    ring.header()->slotsClaimed.store(kMainSlot + 1);
    initMainProcess(ring, ringFd);

    int hangs = 0, diedHolding = 0, terminated = 0, killed = 0, byChild = 0, reentrant = 0;
    double slowestMs = 0;
    std::uniform_int_distribution<int> delayUs(0, 5000);
    for (int i = 0; i < rounds; ++i) {
        const bool useRLock = rng() % 3 == 0;
        reentrant += useRLock;
        const std::int64_t handle = useRLock ? RLock("r").handle() : Lock("l").handle();
        Process holder(holderLoop, Args{handle, useRLock ? 1 : 0, std::int64_t(rng() & 0xffff)});
        holder.start();
        spin_us(delayUs(rng));
        if (rng() % 2) {
            holder.terminate();
            ++terminated;
        } else {
            holder.kill();
            ++killed;
        }
        holder.join();

        const auto t = std::chrono::steady_clock::now();
        bool got;
        if (rng() % 2) { // the next acquirer is a new process
            ++byChild;
            Process next(nextAcquirer, Args{handle, useRLock ? 1 : 0});
            next.start();
            next.join(2 * kRecoverBoundS);
            got = next.exitcode() == 0;
            if (!next.exitcode()) {
                next.kill();
                next.join();
            }
        } else if (useRLock) {
            RLock lock = RLock::fromHandle(handle);
            got = lock.acquire(true, kRecoverBoundS);
            if (got)
                lock.release();
        } else {
            Lock lock = Lock::fromHandle(handle);
            got = lock.acquire(true, kRecoverBoundS);
            if (got)
                lock.release();
        }
        slowestMs = std::max(slowestMs, msSince(t));
        hangs += !got;
        if (!got)
            std::fprintf(stderr, "stress_lock: round %d: the next acquirer did not get the lock\n",
                         i);
        diedHolding += recoveriesInTrace(ring);
        // Every process of the round is reaped: the next round is a run of its own.
        ring.header()->slotsClaimed.store(kMainSlot + 1);
    }
    std::printf("{\"rounds\":%d,\"terminated\":%d,\"killed\":%d,\"rlock_rounds\":%d,"
                "\"next_acquirer_a_new_process\":%d,\"holder_died_holding_it\":%d,"
                "\"hangs\":%d,\"slowest_next_acquire_ms\":%.1f}\n",
                rounds, terminated, killed, reentrant, byChild, diedHolding, hangs, slowestMs);
    return hangs == 0 ? 0 : 1;
}
