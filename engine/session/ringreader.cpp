#include "ringreader.h"

#include "tracewriter.h"

#include <QFile>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/mman.h>
#include <string>
#include <unistd.h>

namespace proclab {

namespace {

constexpr std::size_t kSlotBuffer = 1u << 14; // records held per slot between passes

// The TSC can stamp records when it ticks at one rate on every CPU and the
// kernel itself trusts it as its clock.
bool tscUsable()
{
#if defined(__x86_64__) || defined(__i386__)
    if (qEnvironmentVariableIsSet("PROCLAB_TRACE_CLOCK_MONOTONIC"))
        return false;
    std::ifstream source("/sys/devices/system/clocksource/clocksource0/current_clocksource");
    std::string clock;
    source >> clock;
    if (clock != "tsc")
        return false;
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line))
        if (line.rfind("flags", 0) == 0)
            return line.find(" constant_tsc") != std::string::npos &&
                   line.find(" nonstop_tsc") != std::string::npos;
#endif
    return false;
}

// A (record clock, CLOCK_MONOTONIC) pair read as close together as possible.
void samplePair(std::uint32_t clock, std::uint64_t *ticks, std::uint64_t *ns)
{
    std::uint64_t bestGap = UINT64_MAX;
    for (int i = 0; i < 7; ++i) {
        const std::uint64_t a = trace::stampOf(clock);
        const std::uint64_t n = trace::nowNs();
        const std::uint64_t b = trace::stampOf(clock);
        if (b - a < bestGap) {
            bestGap = b - a;
            *ticks = a + (b - a) / 2;
            *ns = n;
        }
    }
}

} // namespace

RingReader::~RingReader()
{
    close();
}

bool RingReader::create(std::uint32_t slotCount, std::uint32_t capacity, const QString &spillDir,
                        bool allowTsc)
{
    close();
    m_fd = TraceRing::create(slotCount, capacity, &m_ring);
    if (m_fd < 0)
        return false;
    fcntl(m_fd, F_SETFD, FD_CLOEXEC); // only the runner gets it, not every child we start
    RingHeader *h = m_ring.header();
    h->clock = allowTsc && tscUsable() ? kClockTsc : kClockMonotonic;
    samplePair(h->clock, &m_origin, &m_t0Ns);
    h->clockOrigin = m_origin;
    h->t0Ns = m_t0Ns;
    m_spillDir = spillDir;
    const QByteArray dir = QFile::encodeName(spillDir);
    if (!spillDir.isEmpty() && std::size_t(dir.size()) < sizeof h->spillDir)
        std::memcpy(h->spillDir, dir.constData(), std::size_t(dir.size()) + 1);
    m_buffers.assign(slotCount, SlotBuffer{});
    m_adopted = std::make_unique<std::atomic<int>[]>(slotCount);
    for (std::uint32_t s = 0; s < slotCount; ++s)
        m_adopted[s].store(-1);
    return true;
}

void RingReader::startPreparing()
{
    if (!m_ring.valid())
        return;
    // The first pages of the slots of MainProcess's first children (and a few
    // of its own) are allocated now, before the runner starts: a lab process
    // writing into a new page would pay that (3-4 us a page, the time of 100
    // records) in the middle of what it shows. About 3 ms. Here, and not in
    // the runner just before it forks MainProcess: zeroing 4 MiB there left
    // the lab starting on caches full of ring pages (isolation, a 0.6 ms run,
    // took 1.27x its untraced time, 1.21x with this done here; 400 alternating rounds).
    m_ring.prepareStart();
    m_preparer = std::make_unique<RingPreparer>(m_ring);
    m_preparer->start();
}

void RingReader::stopPreparing()
{
    if (m_preparer)
        m_preparer->stop();
}

void RingReader::close()
{
    m_preparer.reset();
    for (std::size_t s = 0; s < m_buffers.size(); ++s) {
        if (m_buffers[s].spillFd >= 0)
            ::close(m_buffers[s].spillFd);
        if (const int fd = m_adopted[s].exchange(-1); fd >= 0)
            ::close(fd);
    }
    m_buffers.clear();
    m_adopted.reset();
    m_ring.unmap();
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_recordsRead = 0;
}

double RingReader::ticksPerUs() const
{
    if (!m_ring.valid() || m_ring.header()->clock != kClockTsc)
        return 1000.0;
    std::uint64_t ticks = 0, ns = 0;
    samplePair(kClockTsc, &ticks, &ns);
    if (ns <= m_t0Ns || ticks <= m_origin)
        return 1000.0;
    return double(ticks - m_origin) / (double(ns - m_t0Ns) / 1000.0);
}

bool RingReader::readSpilled(std::uint32_t s, SlotBuffer &b, std::uint64_t from, std::uint64_t to,
                             std::vector<Record> &out)
{
    if (b.spillFd < 0) {
        // Adopted (and unlinked) by then, or still under its name; adoption
        // stores the fd before it unlinks, so a name found gone means the fd
        // is there.
        b.spillFd = m_adopted[s].exchange(-1);
        if (b.spillFd < 0) {
            char path[512];
            spillPath(m_ring.header()->spillDir, s, path, sizeof path);
            b.spillFd = ::open(path, O_RDONLY | O_CLOEXEC);
            if (b.spillFd < 0)
                b.spillFd = m_adopted[s].exchange(-1);
        }
        if (b.spillFd < 0)
            return false;
    }
    const std::size_t start = out.size();
    out.resize(start + (to - from));
    char *p = reinterpret_cast<char *>(out.data() + start);
    std::size_t left = (to - from) * sizeof(Record);
    off_t at = off_t(from * sizeof(Record));
    while (left > 0) {
        const ssize_t n = ::pread(b.spillFd, p, left, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            out.resize(start);
            return false;
        }
        p += n;
        at += n;
        left -= std::size_t(n);
    }
    // What is read is gone from the disk and the page cache too.
    const std::uint64_t punchTo = to / 8192 * 8192;
    if (punchTo > b.punched + (1u << 15)) {
#ifdef FALLOC_FL_PUNCH_HOLE
        fallocate(b.spillFd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off_t(b.punched * sizeof(Record)),
                  off_t((punchTo - b.punched) * sizeof(Record)));
#endif
        b.punched = punchTo;
    }
    return true;
}

void RingReader::refill(std::uint32_t s, SlotBuffer &b, std::size_t budget)
{
    SlotHeader *slot = m_ring.slot(s);
    const Record *ring = m_ring.records(s);
    const std::uint64_t mask = m_ring.header()->slotCapacity - 1;
    // Keep what is not decoded yet at the front.
    if (b.at > 0) {
        b.records.erase(b.records.begin(), b.records.begin() + std::ptrdiff_t(b.at));
        b.at = 0;
    }
    const std::uint64_t w = slot->written.load(std::memory_order_acquire);
    std::uint64_t to = std::min<std::uint64_t>(w, b.host + budget);
    if (to <= b.host) {
        b.more = false;
        return;
    }
    std::vector<Record> &out = b.records;
    const std::size_t keep = out.size();
    // What the writer spilled first comes from its file.
    std::uint64_t spilled = slot->spilled.load(std::memory_order_acquire);
    std::uint64_t from = b.host;
    if (from < spilled) {
        const std::uint64_t end = std::min(spilled, to);
        if (!readSpilled(s, b, from, end, out))
            return; // try again next pass
        from = end;
    }
    // Then the ring; if the writer spilled (and reused) some of it while we
    // copied, those records come from the file instead.
    const std::size_t ringStart = out.size();
    for (std::uint64_t i = from; i < to;) { // up to the ring's end, then from its start
        const std::uint64_t at = i & mask;
        const std::uint64_t n = std::min(to - i, mask + 1 - at);
        out.insert(out.end(), ring + at, ring + at + n);
        i += n;
    }
    std::atomic_thread_fence(std::memory_order_seq_cst);
    spilled = slot->spilled.load(std::memory_order_acquire);
    if (spilled > from) {
        const std::uint64_t bad = std::min(spilled, to) - from;
        std::vector<Record> fresh;
        if (!readSpilled(s, b, from, from + bad, fresh)) {
            out.resize(keep);
            return;
        }
        std::copy(fresh.begin(), fresh.end(), out.begin() + std::ptrdiff_t(ringStart));
    }
    // Only whole groups (a record and its text chunks) stay in the buffer.
    std::size_t i = keep;
    while (i < out.size()) {
        const std::size_t group = 1 + out[i].textChunks;
        if (i + group > out.size())
            break;
        i += group;
    }
    const std::size_t cut = out.size() - i;
    out.resize(i);
    to -= cut;
    // The ring's pages we have read leave our resident memory (they stay the
    // writer's); a page is read again only when the writer has refilled it.
    const std::uint64_t pageRecords = 4096 / sizeof(Record);
    const std::uint64_t firstPage = (b.host + pageRecords - 1) / pageRecords;
    const std::uint64_t endPage = to / pageRecords;
    for (std::uint64_t p = firstPage; p < endPage;) {
        // Contiguous in the ring up to its end.
        const std::uint64_t ringPage = (p * pageRecords) & mask;
        const std::uint64_t n = std::min(endPage - p, (mask + 1 - ringPage) / pageRecords);
        madvise(const_cast<Record *>(&ring[ringPage]), n * 4096, MADV_DONTNEED);
        p += n;
    }
    b.host = to;
    slot->read.store(to, std::memory_order_release); // the writer may reuse it now
    b.more = to < w;
}

std::uint64_t RingReader::drainInto(RecordDecoder &decoder, EventSink &sink,
                                    std::uint64_t maxRecords)
{
    if (!m_ring.valid())
        return 0;
    const RingHeader *h = m_ring.header();
    const std::uint32_t used =
        std::min(h->slotsClaimed.load(std::memory_order_acquire), h->slotCount);
    // Slots in ascending order: a parent's slot before its children's, so a
    // reap a parent (or the runner, slot 0) recorded is never taken without
    // the exit that caused it (which was written first).
    std::vector<std::uint32_t> active;
    for (std::uint32_t s = 0; s < std::max(used, 2u); ++s) {
        SlotBuffer &b = m_buffers[s];
        if (b.records.size() - b.at < kSlotBuffer / 2)
            refill(s, b, kSlotBuffer);
        if (b.at < b.records.size())
            active.push_back(s);
    }
    // A slot with more than its buffer holds: nothing later than its last
    // buffered record may be decoded before the rest of it is read.
    std::uint64_t horizon = UINT64_MAX;
    for (std::uint32_t s : active) {
        const SlotBuffer &b = m_buffers[s];
        if (b.more) {
            // The last whole group's record time.
            std::size_t last = b.records.size() - 1;
            while (last > b.at && b.records[last].kind == RecordKind::TextChunk)
                --last;
            horizon = std::min(horizon, b.records[last].tNs);
        }
    }

    std::uint64_t count = 0;
    std::string text;
    auto decodeAt = [&](SlotBuffer &b) {
        const Record &rec = b.records[b.at];
        const std::size_t chunks = rec.textChunks;
        std::string_view view;
        if (chunks) {
            text.assign(reinterpret_cast<const char *>(&b.records[b.at + 1]),
                        chunks * kTextPerChunk);
            if (const auto nul = text.find('\0'); nul != std::string::npos)
                text.resize(nul);
            view = text;
        }
        decoder.decodeOne(rec, view, sink);
        b.at += 1 + chunks;
        ++count;
    };
    auto headTime = [&](const SlotBuffer &b) { return b.records[b.at].tNs; };
    // Time order across slots: take the slot with the earliest record, and
    // from it every record up to the next slot's earliest.
    std::vector<SlotBuffer *> live;
    for (std::uint32_t s : active)
        live.push_back(&m_buffers[s]);
    while (!live.empty() && count < maxRecords) {
        std::size_t best = 0;
        std::uint64_t bestT = headTime(*live[0]), secondT = UINT64_MAX;
        for (std::size_t i = 1; i < live.size(); ++i) {
            const std::uint64_t t = headTime(*live[i]);
            if (t < bestT) {
                secondT = bestT;
                bestT = t;
                best = i;
            } else if (t < secondT) {
                secondT = t;
            }
        }
        if (bestT > horizon)
            break;
        const std::uint64_t until = std::min(secondT, horizon);
        SlotBuffer &b = *live[best];
        do
            decodeAt(b);
        while (b.at < b.records.size() && headTime(b) <= until);
        if (b.at >= b.records.size())
            live.erase(live.begin() + std::ptrdiff_t(best));
    }
    m_recordsRead += count;
    return count;
}

std::uint64_t RingReader::backlog() const
{
    if (!m_ring.valid())
        return 0;
    std::uint64_t n = 0;
    const std::uint32_t used = std::min(m_ring.header()->slotsClaimed.load(), m_ring.header()->slotCount);
    for (std::uint32_t s = 0; s < used && s < m_buffers.size(); ++s)
        n += m_ring.slot(s)->written.load(std::memory_order_relaxed) - m_buffers[s].host +
             (m_buffers[s].records.size() - m_buffers[s].at);
    return n;
}

std::uint64_t RingReader::stallNs() const
{
    if (!m_ring.valid())
        return 0;
    std::uint64_t total = 0;
    for (std::uint32_t s = 0; s < m_ring.header()->slotCount; ++s)
        total += m_ring.slot(s)->stallNs.load(std::memory_order_relaxed);
    return total;
}

std::uint64_t RingReader::spills() const
{
    if (!m_ring.valid())
        return 0;
    std::uint64_t total = 0;
    for (std::uint32_t s = 0; s < m_ring.header()->slotCount; ++s)
        total += m_ring.slot(s)->spills.load(std::memory_order_relaxed);
    return total;
}

std::uint32_t RingReader::refusedStarts() const
{
    return m_ring.valid() ? m_ring.header()->processesRefused.load() : 0;
}

void RingReader::adoptSpillFiles()
{
    if (!m_ring.valid() || m_ring.header()->spillDir[0] == '\0')
        return;
    const std::size_t used = std::min<std::size_t>(m_ring.header()->slotsClaimed.load(), m_buffers.size());
    for (std::size_t s = 0; s < used; ++s) {
        char path[512];
        spillPath(m_ring.header()->spillDir, std::uint32_t(s), path, sizeof path);
        const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue; // this slot never spilled
        if (const int old = m_adopted[s].exchange(fd); old >= 0)
            ::close(old);
        ::unlink(path);
    }
    ::rmdir(m_ring.header()->spillDir); // fails, harmlessly, if anything else is there
}

void RingReader::removeSpillFiles()
{
    if (!m_ring.valid() || m_ring.header()->spillDir[0] == '\0')
        return;
    for (std::uint32_t s = 0; s < m_ring.header()->slotCount; ++s) {
        SlotBuffer &b = m_buffers[s];
        if (b.spillFd >= 0) {
            ::close(b.spillFd);
            b.spillFd = -1;
        }
        if (const int fd = m_adopted[s].exchange(-1); fd >= 0)
            ::close(fd);
        char path[512];
        spillPath(m_ring.header()->spillDir, s, path, sizeof path);
        ::unlink(path);
    }
}

} // namespace proclab
