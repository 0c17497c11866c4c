#include "tracewriter.h"

#include "futex.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace proclab::trace {

detail::Writer detail::g_writer;

namespace {

using detail::Writer;
Writer &g = detail::g_writer;
bool g_messageTracing = true;

void pauseBriefly()
{
    const timespec ts{0, 20'000}; // 20 µs
    nanosleep(&ts, nullptr);
}

// A page of the slot this process writes for the first time costs a page
// fault: 3 us a page on a VM (allocating and zeroing shared memory, about the
// time of 100 records) when the page is new, 1.4 us when it exists but is
// not mapped here yet (a forked child does not inherit the parent's mappings
// of shared memory). So pages are mapped ahead of the writer, a 64 KiB chunk
// at a time (the kernel's fault-around window):
// - pages the host has allocated ahead (RingPreparer, SlotHeader::prepared)
//   or that earlier writers of the slot touched: one read maps the chunk's
//   16 pages at once, writable (a shared memory mapping needs no write
//   notification), about 3 us the chunk;
// - other pages: MADV_POPULATE_WRITE allocates and maps the chunk in one
//   system call (no trap per page), but only once the process has written
//   a chunk: most processes write a few records and a handful of faults.
// Nothing is mapped ahead before a process has written a page's worth: the
// 32 or more pages a read maps (and exit unmaps) cost more than the one or
// two faults of a process that writes a few records. (Mapping ahead from the
// first record, isolation's two processes took 1.165x their untraced time,
// 1.11x like this; counter-race's busy writers the same 1.21x; 400 and 800
// alternating rounds.)
constexpr std::uint64_t kChunkBytes = kPrepareChunkBytes;
constexpr std::uint64_t kChunk = kPrepareChunk;
constexpr std::uint64_t kLightRecords = 4096 / sizeof(Record);
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 // Linux 5.14; older kernels refuse it (EINVAL): faults as before
#endif
// Records up to `upTo` are about to be written: map the chunks up to one
// past it, and say at which position to look again (lookAt).
void mapAhead(std::uint64_t upTo)
{
    const bool wroteAChunk = upTo - g.mapFrom >= kChunk;
    bool allMapped = true;
    while (g.mappedUpTo < upTo + kChunk) {
        if (g.mappedUpTo - g.mapFrom >= g.capacity) {
            g.mappedUpTo = g.lookAt = ~0ull; // the whole slot is mapped
            return;
        }
        const std::uint64_t pos = g.mappedUpTo & g.mask;
        char *chunk = reinterpret_cast<char *>(&g.records[pos]);
        const std::uint64_t ready = std::max(
            g.header->prepared.load(std::memory_order_acquire), g.existedUpTo);
        if (pos + kChunk <= ready) {
            // The fault-around window is 64 KiB-aligned in the address space,
            // the chunk need not be: a read at each end maps both windows.
            // In the chunk being written, the pages already written are
            // mapped (a read there maps nothing): read the next one too.
            (void)*static_cast<volatile const char *>(chunk);
            if (g.mappedUpTo < upTo)
                (void)*reinterpret_cast<volatile const char *>(&g.records[(upTo - 1) & g.mask]);
            (void)*static_cast<volatile const char *>(chunk + kChunkBytes - 1);
        } else if (wroteAChunk) {
            if (g.selfPopulate && ::madvise(chunk, kChunkBytes, MADV_POPULATE_WRITE) != 0)
                g.selfPopulate = false; // not supported: let the faults happen
        } else if (g.mappedUpTo >= upTo) {
            // A chunk ahead that nobody prepared, for a process that has
            // written little: maybe later (the host may prepare it, or the
            // process prove it writes that much).
            allMapped = false;
            break;
        }
        // (Else the chunk being written, unprepared, by a process that has
        // written little: its pages fault one at a time, as most processes'
        // few pages do.)
        g.mappedUpTo += kChunk;
    }
    g.lookAt = allMapped ? g.mappedUpTo - kChunk : std::min(g.mappedUpTo, g.mapFrom + kChunk);
}

// What is still recorded with tracing off: enough to draw each process's
// life and to read the lab's result.
bool isLifecycleKind(RecordKind k)
{
    switch (k) {
    case RecordKind::ProcBegin:
    case RecordKind::Start:
    case RecordKind::Exit:
    case RecordKind::Reaped:
    case RecordKind::DaemonTerminated:
    case RecordKind::Error:
    case RecordKind::Stdout:
    case RecordKind::Summary:
    case RecordKind::RunEnd:
    case RecordKind::ObjectDecl:
    case RecordKind::Terminate:
    case RecordKind::Kill:
    case RecordKind::ProcRename:
    case RecordKind::OutputCut:
    case RecordKind::SharedName: // the host removes what a killed program left in /dev/shm
        return true;
    default:
        return false;
    }
}

bool isMessageKind(RecordKind k)
{
    switch (k) {
    case RecordKind::QueuePut:
    case RecordKind::QueueGet:
    case RecordKind::QueueWaitBegin:
    case RecordKind::QueueWaitEnd:
    case RecordKind::QueueTaskDone:
    case RecordKind::PipeSend:
    case RecordKind::PipeRecv:
    case RecordKind::PipeWait:
    case RecordKind::ManagerCallBegin:
    case RecordKind::ManagerCallEnd:
    case RecordKind::ManagerServe:
        return true;
    default:
        return false;
    }
}

void computeEnabled()
{
    const bool off = g.bound && g.ring.header()->eventsOff;
    for (int k = 0; k < 256; ++k) {
        const RecordKind kind = RecordKind(k);
        g.enabled[k] = g.bound && (!off || isLifecycleKind(kind)) &&
                       (g_messageTracing || !isMessageKind(kind));
    }
}

// Writes the oldest quarter of the slot still in the ring to the spill file
// and frees it. Async-signal-safe (open, pwrite). False if it cannot.
bool spillOldest(std::uint64_t written)
{
    const RingHeader *h = g.ring.header();
    if (g.spillFailed || h->spillDir[0] == '\0')
        return false;
    const std::uint64_t quarter = g.capacity / 4;
    const std::uint64_t oldest = std::max(g.header->read.load(std::memory_order_acquire),
                                          g.header->spilled.load(std::memory_order_relaxed));
    const std::uint64_t base = oldest / quarter * quarter;
    if (base + quarter > written)
        return false; // not a full quarter to spill (cannot happen when the slot is full)
    if (g.spillFd < 0) {
        char path[512];
        spillPath(h->spillDir, g.slot, path, sizeof path);
        g.spillFd = ::open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        if (g.spillFd < 0) {
            g.spillFailed = true;
            return false;
        }
    }
    // The quarter is contiguous in the ring (quarters never wrap) and goes to
    // its own place in the file: writing it twice (a signal handler's write
    // interrupting this one) writes the same bytes.
    const char *from = reinterpret_cast<const char *>(&g.records[base & g.mask]);
    std::size_t left = quarter * sizeof(Record);
    off_t at = off_t(base * sizeof(Record));
    while (left > 0) {
        const ssize_t n = ::pwrite(g.spillFd, from, left, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            g.spillFailed = true;
            return false;
        }
        from += n;
        at += n;
        left -= std::size_t(n);
    }
    // Published before the space is reused: a host that copied these records
    // from the ring meanwhile sees `spilled` moved and reads the file instead.
    g.header->spilled.store(base + quarter, std::memory_order_release);
    std::atomic_thread_fence(std::memory_order_seq_cst);
    g.header->spills.fetch_add(1, std::memory_order_relaxed);
    return true;
}

// Makes room for `need` records at `w`, never waiting for the host unless the
// spill file cannot be written. False: drop the record (standalone runs).
bool makeRoom(std::uint64_t w, std::uint64_t need)
{
    auto refresh = [&] {
        g.freeUpTo = std::max(g.header->read.load(std::memory_order_acquire),
                              g.header->spilled.load(std::memory_order_relaxed));
    };
    refresh();
    if (w + need - g.freeUpTo <= g.capacity)
        return true;
    if (g.ring.header()->discardWhenFull) {
        g.header->stalls.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    std::uint64_t waitStart = 0;
    while (w + need - g.freeUpTo > g.capacity) {
        if (!spillOldest(w)) {
            if (!waitStart)
                waitStart = nowNs();
            pauseBriefly();
        }
        refresh();
    }
    if (waitStart) {
        g.header->stallNs.fetch_add(nowNs() - waitStart, std::memory_order_relaxed);
        g.header->stalls.fetch_add(1, std::memory_order_relaxed);
    }
    return true;
}

} // namespace

std::uint64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000ull + std::uint64_t(ts.tv_nsec);
}

std::uint64_t stampOf(std::uint32_t clock)
{
#if defined(__x86_64__) || defined(__i386__)
    if (clock == kClockTsc)
        return __rdtsc();
#endif
    (void)clock;
    return nowNs();
}

namespace {
inline std::uint64_t stampInline()
{
#if defined(__x86_64__) || defined(__i386__)
    if (g.tsc) [[likely]]
        return __rdtsc();
#endif
    return nowNs();
}
} // namespace

std::uint64_t stamp()
{
    return stampInline();
}

std::uint64_t stampInOrder(RecordKind kind)
{
    if (!g.enabled[std::uint16_t(kind) & 0xff])
        return 0;
#if defined(__x86_64__) || defined(__i386__)
    _mm_lfence();
#endif
    return stampInline();
}

void bind(const TraceRing &ring, std::uint32_t slot)
{
    if (g.spillFd >= 0) // a forked child: the parent's spill file is not ours
        ::close(g.spillFd);
    g.spillFd = -1;
    g.spillFailed = false;
    g.ring = ring;
    g.slot = slot;
    g.bound = ring.valid() && slot < ring.header()->slotCount;
    g.pid = proclab::detail::selfPid(); // becomeProcess() has just set it
    if (g.bound) {
        g.header = g.ring.slot(slot);
        g.records = g.ring.records(slot);
        g.capacity = g.ring.header()->slotCapacity;
        g.mask = g.capacity - 1;
        g.tsc = g.ring.header()->clock == kClockTsc;
        g.header->pid.store(g.pid, std::memory_order_relaxed);
        g.freeUpTo = std::max(g.header->read.load(), g.header->spilled.load());
        // A forked child does not inherit the parent's page mappings of the slot
        // (shared mappings are faulted afresh after fork): start from its position.
        const std::uint64_t w = g.header->written.load(std::memory_order_relaxed);
        g.mapFrom = w & ~(kChunk - 1);
        const bool mapsAhead = g.capacity >= 2 * kChunk;
        g.mappedUpTo = mapsAhead ? g.mapFrom : ~0ull;
        g.lookAt = mapsAhead ? g.mapFrom + kLightRecords : ~0ull;
        g.existedUpTo = std::min(w, g.capacity);
        g.selfPopulate = true;
    }
    computeEnabled();
}

bool bound()
{
    return g.bound;
}
const TraceRing &ring()
{
    return g.ring;
}
std::uint32_t boundSlot()
{
    return g.slot;
}
pid_t boundPid()
{
    return g.pid;
}

void setMessageTracing(bool on)
{
    g_messageTracing = on;
    computeEnabled();
}

bool messageTracing()
{
    return g_messageTracing;
}

void write(RecordKind kind, pid_t lane, std::int64_t a, std::int64_t b, std::string_view text,
           std::uint64_t tNs)
{
    if (!g.enabled[std::uint16_t(kind) & 0xff])
        return;
    if (tNs == 0)
        tNs = stampInline();
    text = text.substr(0, kMaxTextBytes);
    const std::size_t chunks = (text.size() + kTextPerChunk - 1) / kTextPerChunk;
    const std::uint64_t need = 1 + chunks;

    const std::uint64_t w = g.header->written.load(std::memory_order_relaxed);
    if (w + need - g.freeUpTo > g.capacity && !makeRoom(w, need))
        return;
    if (w + need > g.lookAt) [[unlikely]]
        mapAhead(w + need);

    Record &r = g.records[w & g.mask];
    r.tNs = tNs;
    r.pid = lane;
    r.kind = kind;
    r.textChunks = std::uint16_t(chunks);
    r.a = a;
    r.b = b;
    for (std::size_t i = 0; i < chunks; ++i) {
        Record &c = g.records[(w + 1 + i) & g.mask];
        std::memset(&c, 0, sizeof c);
        const std::size_t off = i * kTextPerChunk;
        std::memcpy(&c, text.data() + off, std::min(kTextPerChunk, text.size() - off));
    }
    g.header->written.store(w + need, std::memory_order_release);
}

void here(RecordKind kind, std::int64_t a, std::int64_t b, std::string_view text)
{
    write(kind, g.pid, a, b, text);
}


} // namespace proclab::trace
