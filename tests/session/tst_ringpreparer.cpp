// The host (TraceRing::prepareStart, then its RingPreparer thread) allocates
// trace-ring pages ahead of the writers; a writer maps prepared pages a chunk
// at a time instead of faulting each one. Checked on a
// real memfd ring and a real forked writer: which pages are resident
// (mincore), and how many page faults the writer took (getrusage).
#include "ringpreparer.h"
#include "ringreader.h"
#include "tracewriter.h"

#include <QTest>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace proclab;

namespace {
constexpr std::uint32_t kSlots = 12;
constexpr std::uint32_t kCapacity = 1u << 16; // 2 MiB a slot
constexpr std::uint64_t kPageRecords = 4096 / sizeof(Record);

struct Ring
{
    TraceRing ring;
    int fd = -1;
    Ring() { fd = TraceRing::create(kSlots, kCapacity, &ring); }
    ~Ring()
    {
        ring.unmap();
        if (fd >= 0)
            close(fd);
    }
};

// Pages of slot `slot`'s records [from, to) resident in memory (allocated).
std::size_t residentPages(const TraceRing &ring, std::uint32_t slot, std::uint64_t from,
                          std::uint64_t to)
{
    auto *start = reinterpret_cast<char *>(ring.records(slot) + from);
    const std::size_t pages = (to - from) / kPageRecords;
    std::vector<unsigned char> in(pages);
    if (mincore(start, pages * 4096, in.data()) != 0)
        return 0;
    std::size_t n = 0;
    for (unsigned char c : in)
        n += c & 1;
    return n;
}

// Runs `child` in a forked process and returns what it returned (-1 if the
// child failed).
template <class Child>
long inForkedProcess(Child child)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        const long result = child();
        _exit(write(fds[1], &result, sizeof result) == sizeof result ? 0 : 1);
    }
    close(fds[1]);
    long result = -1;
    if (pid > 0 && read(fds[0], &result, sizeof result) != sizeof result)
        result = -1;
    close(fds[0]);
    int status = 0;
    if (pid > 0)
        waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? result : -1;
}

// A forked writer binds `slot` and writes `records`; returns the page faults
// it took while writing (-1 if the child failed).
long writerFaults(const TraceRing &ring, std::uint32_t slot, std::uint64_t records)
{
    return inForkedProcess([&] {
        trace::bind(ring, slot);
        // The first record copies this process's own pages it writes (the
        // writer's state, the stack): not what is measured.
        trace::here(RecordKind::Read, 0, 1);
        rusage before{}, after{};
        getrusage(RUSAGE_SELF, &before);
        for (std::uint64_t i = 1; i < records; ++i)
            trace::here(RecordKind::Read, std::int64_t(i), 1);
        getrusage(RUSAGE_SELF, &after);
        return after.ru_minflt - before.ru_minflt;
    });
}

// Pages of slot `slot`'s records [0, upTo) that are mapped in this process
// (present in its page table: /proc/self/pagemap bit 63), -1 if unreadable.
long mappedPages(const TraceRing &ring, std::uint32_t slot, std::uint64_t upTo)
{
    const int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    const auto first = reinterpret_cast<std::uintptr_t>(ring.records(slot)) / 4096;
    const std::size_t pages = upTo / kPageRecords;
    std::vector<std::uint64_t> entries(pages);
    const ssize_t want = ssize_t(pages * sizeof(std::uint64_t));
    const bool ok = pread(fd, entries.data(), std::size_t(want), off_t(first * 8)) == want;
    close(fd);
    if (!ok)
        return -1;
    long n = 0;
    for (std::uint64_t e : entries)
        n += long(e >> 63);
    return n;
}

// A forked writer binds `slot`, writes `records` and reports how many of the
// slot's first `upTo` records' pages it has mapped (-1 if the child failed).
long pagesMappedByWriter(const TraceRing &ring, std::uint32_t slot, std::uint64_t records,
                         std::uint64_t upTo)
{
    return inForkedProcess([&] {
        trace::bind(ring, slot);
        for (std::uint64_t i = 0; i < records; ++i)
            trace::here(RecordKind::Read, std::int64_t(i), 1);
        return mappedPages(ring, slot, upTo);
    });
}
} // namespace

class TestRingPreparer : public QObject
{
    Q_OBJECT
private slots:
    void hostPreparesTheFirstSlotsBeforeTheRunner();
    void keepsAheadOfBusyWriters();
    void writerMapsPreparedPagesWithoutAFaultEach();
    void lightWriterMapsOnlyWhatItWrites();
};

void TestRingPreparer::hostPreparesTheFirstSlotsBeforeTheRunner()
{
    // What LabSession calls before it starts the runner: when it returns, the
    // first slots are allocated (the lab's first processes will not wait).
    RingReader reader;
    QVERIFY(reader.create(kSlots, kCapacity));
    const TraceRing &ring = reader.ring();
    QCOMPARE(residentPages(ring, 2, 0, kSpareRecords), std::size_t(0));
    reader.startPreparing();
    reader.stopPreparing();
    // MainProcess (slot 1) a quarter, its first kSpareSlots children whole.
    QCOMPARE(ring.slot(0)->prepared.load(), std::uint64_t(0));
    QCOMPARE(ring.slot(1)->prepared.load(), kSpareRecords / 4);
    QCOMPARE(residentPages(ring, 1, 0, kSpareRecords / 4), kSpareRecords / 4 / kPageRecords);
    for (std::uint32_t s = 2; s < 2 + kSpareSlots; ++s) {
        QCOMPARE(ring.slot(s)->prepared.load(), kSpareRecords);
        QCOMPARE(residentPages(ring, s, 0, kSpareRecords), kSpareRecords / kPageRecords);
        QCOMPARE(residentPages(ring, s, kSpareRecords, 2 * kSpareRecords), std::size_t(0));
    }
    QCOMPARE(ring.slot(2 + kSpareSlots)->prepared.load(), std::uint64_t(0));
    QCOMPARE(residentPages(ring, 2 + kSpareSlots, 0, kSpareRecords), std::size_t(0));
}

void TestRingPreparer::keepsAheadOfBusyWriters()
{
    Ring r;
    QVERIFY(r.fd >= 0);
    RingPreparer preparer(r.ring);
    // Slots 0-4 claimed: 0 bound, nothing written; 1 10,000 records in;
    // 2 40,000 in; 3 1,000 in (less than a chunk); 4 claimed, not bound.
    r.ring.header()->slotsClaimed.store(5);
    for (std::uint32_t s : {0, 1, 2, 3})
        r.ring.slot(s)->pid.store(getpid());
    r.ring.slot(1)->written.store(10'000);
    r.ring.slot(2)->written.store(40'000);
    r.ring.slot(3)->written.store(1'000);
    while (preparer.prepareOnce(16) > 0) {
    }
    // As far ahead as each has written (at most kAheadRecords), in whole
    // chunks, from the chunk it is in (what it passed exists already: not
    // allocated again); nothing for a writer that has written little.
    QCOMPARE(r.ring.slot(0)->prepared.load(), std::uint64_t(0));
    QCOMPARE(r.ring.slot(1)->prepared.load(), 10 * kPrepareChunk); // 20,000 -> 20,480
    QCOMPARE(residentPages(r.ring, 1, 4 * kPrepareChunk, 10 * kPrepareChunk),
             6 * kPrepareChunk / kPageRecords);
    QCOMPARE(residentPages(r.ring, 1, 0, 4 * kPrepareChunk), std::size_t(0));
    QCOMPARE(r.ring.slot(2)->prepared.load(),
             std::min<std::uint64_t>(kCapacity, 40'000 + RingPreparer::kAheadRecords));
    QCOMPARE(r.ring.slot(3)->prepared.load(), std::uint64_t(0));
    QCOMPARE(r.ring.slot(4)->prepared.load(), std::uint64_t(0));
    QCOMPARE(residentPages(r.ring, 4, 0, kSpareRecords), std::size_t(0));
}

void TestRingPreparer::writerMapsPreparedPagesWithoutAFaultEach()
{
    Ring r;
    QVERIFY(r.fd >= 0);
    const std::uint64_t records = kSpareRecords; // 256 pages
    const std::uint64_t pages = records / kPageRecords;
    // Unprepared: a fault for each page, whether taken one by one or by the
    // writer's own MADV_POPULATE_WRITE.
    const long alone = writerFaults(r.ring, 5, records);
    QVERIFY2(alone >= long(pages) * 3 / 4, qPrintable(QString::number(alone)));
    // Prepared (as the runner does before the lab starts): one read maps a
    // 16-page chunk (the read page itself takes a second, cheap fault when
    // first written).
    QVERIFY(r.ring.prepare(2, records));
    QCOMPARE(r.ring.slot(2)->prepared.load(), records);
    const long prepared = writerFaults(r.ring, 2, records);
    qInfo("%ld faults for %llu prepared pages, %ld unprepared", prepared, (unsigned long long)pages, alone);
    QVERIFY2(prepared >= 0 && prepared <= long(pages) / 4,
             qPrintable(QStringLiteral("%1 faults for %2 prepared pages (%3 unprepared)")
                            .arg(prepared)
                            .arg(pages)
                            .arg(alone)));
    // Every record arrived.
    QCOMPARE(r.ring.slot(2)->written.load(), records);
    QCOMPARE(r.ring.records(2)[records - 1].a, std::int64_t(records - 1));
}

void TestRingPreparer::lightWriterMapsOnlyWhatItWrites()
{
    // Most lab processes write a few records: mapping prepared chunks ahead
    // of them (32 pages or more to map, and to unmap at exit) costs more than
    // the fault of the one page they write. A writer that goes on past a
    // page's worth gets the chunks ahead of it mapped.
    Ring r;
    QVERIFY(r.fd >= 0);
    QVERIFY(r.ring.prepare(2, 4 * kPrepareChunk));
    QVERIFY(r.ring.prepare(3, 4 * kPrepareChunk));
    const long light = pagesMappedByWriter(r.ring, 2, 20, 4 * kPrepareChunk);
    QVERIFY2(light >= 1 && light <= 2, qPrintable(QString::number(light)));
    const long busy = pagesMappedByWriter(r.ring, 3, 3 * kPageRecords, 4 * kPrepareChunk);
    const long chunkPages = long(kPrepareChunk / kPageRecords);
    QVERIFY2(busy >= chunkPages + 3, qPrintable(QString::number(busy)));
}

QTEST_GUILESS_MAIN(TestRingPreparer)
#include "tst_ringpreparer.moc"
