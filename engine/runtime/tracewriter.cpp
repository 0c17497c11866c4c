#include "tracewriter.h"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <unistd.h>

namespace proclab::trace {

namespace {
TraceRing g_ring;
std::uint32_t g_slot = 0;
bool g_bound = false;
pid_t g_pid = 0; // cached at bind(): getpid() is a system call

void pauseBriefly()
{
    const timespec ts{0, 20'000}; // 20 µs: the host drains at ~60 Hz, a slot holds far more
    nanosleep(&ts, nullptr);
}
} // namespace

std::uint64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000ull + std::uint64_t(ts.tv_nsec);
}

void bind(const TraceRing &ring, std::uint32_t slot)
{
    g_ring = ring;
    g_slot = slot;
    g_bound = ring.valid() && slot < ring.header()->slotCount;
    g_pid = getpid();
    if (g_bound)
        g_ring.slot(slot)->pid.store(g_pid, std::memory_order_relaxed);
}

bool bound()
{
    return g_bound;
}
const TraceRing &ring()
{
    return g_ring;
}
std::uint32_t boundSlot()
{
    return g_slot;
}

namespace {
bool g_messageTracing = true;

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
} // namespace

void setMessageTracing(bool on)
{
    g_messageTracing = on;
}

bool messageTracing()
{
    return g_messageTracing;
}

void write(RecordKind kind, pid_t lane, std::int64_t a, std::int64_t b, std::string_view text,
           std::uint64_t tNs)
{
    if (!g_bound || (!g_messageTracing && isMessageKind(kind)) ||
        (g_ring.header()->eventsOff && !isLifecycleKind(kind)))
        return;
    if (tNs == 0)
        tNs = nowNs();
    text = text.substr(0, kMaxTextBytes);
    const std::size_t chunks = (text.size() + kTextPerChunk - 1) / kTextPerChunk;
    const std::uint64_t need = 1 + chunks;

    SlotHeader *slot = g_ring.slot(g_slot);
    Record *records = g_ring.records(g_slot);
    const std::uint64_t capacity = g_ring.header()->slotCapacity;
    const std::uint64_t w = slot->written.load(std::memory_order_relaxed);

    if (w + need - slot->read.load(std::memory_order_acquire) > capacity) {
        if (g_ring.header()->discardWhenFull) {
            slot->stalls.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        const std::uint64_t waitStart = nowNs();
        while (w + need - slot->read.load(std::memory_order_acquire) > capacity)
            pauseBriefly();
        slot->stallNs.fetch_add(nowNs() - waitStart, std::memory_order_relaxed);
        slot->stalls.fetch_add(1, std::memory_order_relaxed);
    }

    Record &r = records[w & (capacity - 1)];
    r.tNs = tNs;
    r.pid = lane;
    r.kind = kind;
    r.textChunks = std::uint16_t(chunks);
    r.a = a;
    r.b = b;
    for (std::size_t i = 0; i < chunks; ++i) {
        Record &c = records[(w + 1 + i) & (capacity - 1)];
        std::memset(&c, 0, sizeof c);
        const std::size_t off = i * kTextPerChunk;
        std::memcpy(&c, text.data() + off, std::min(kTextPerChunk, text.size() - off));
    }
    slot->written.store(w + need, std::memory_order_release);
}

void here(RecordKind kind, std::int64_t a, std::int64_t b, std::string_view text)
{
    write(kind, g_pid, a, b, text);
}

} // namespace proclab::trace
