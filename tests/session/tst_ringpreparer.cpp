// RingPreparer allocates trace-ring pages ahead of the writers; a writer maps
// prepared pages a chunk at a time instead of faulting each one. Checked on a
// real memfd ring and a real forked writer: which pages are resident
// (mincore), and how many page faults the writer took (getrusage).
#include "ringpreparer.h"
#include "tracewriter.h"

#include <QTest>
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

// A forked writer binds `slot` and writes `records`; returns the page faults
// it took while writing (-1 if the child failed).
long writerFaults(const TraceRing &ring, std::uint32_t slot, std::uint64_t records)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        trace::bind(ring, slot);
        // The first record copies this process's own pages it writes (the
        // writer's state, the stack): not what is measured.
        trace::here(RecordKind::Read, 0, 1);
        rusage before{}, after{};
        getrusage(RUSAGE_SELF, &before);
        for (std::uint64_t i = 1; i < records; ++i)
            trace::here(RecordKind::Read, std::int64_t(i), 1);
        getrusage(RUSAGE_SELF, &after);
        const long faults = after.ru_minflt - before.ru_minflt;
        _exit(write(fds[1], &faults, sizeof faults) == sizeof faults ? 0 : 1);
    }
    close(fds[1]);
    long faults = -1;
    if (pid > 0 && read(fds[0], &faults, sizeof faults) != sizeof faults)
        faults = -1;
    close(fds[0]);
    int status = 0;
    if (pid > 0)
        waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? faults : -1;
}
} // namespace

class TestRingPreparer : public QObject
{
    Q_OBJECT
private slots:
    void preparesTheNextSlotsBeforeAnyoneWrites();
    void keepsAheadOfEachWriter();
    void writerMapsPreparedPagesWithoutAFaultEach();
};

void TestRingPreparer::preparesTheNextSlotsBeforeAnyoneWrites()
{
    Ring r;
    QVERIFY(r.fd >= 0);
    const std::uint64_t spare = kSpareRecords;
    QCOMPARE(residentPages(r.ring, 0, 0, spare), std::size_t(0));
    RingPreparer preparer(r.ring);
    while (preparer.prepareOnce(16) > 0) {
    }
    // No slot claimed: the first kSpareSlots get their first pages, no more.
    for (std::uint32_t s = 0; s < kSlots; ++s) {
        const bool spareSlot = s < kSpareSlots;
        QCOMPARE(r.ring.slot(s)->prepared.load(), spareSlot ? spare : 0);
        QCOMPARE(residentPages(r.ring, s, 0, spare), spareSlot ? spare / kPageRecords : 0);
        QCOMPARE(residentPages(r.ring, s, spare, 2 * spare), std::size_t(0));
    }
}

void TestRingPreparer::keepsAheadOfEachWriter()
{
    Ring r;
    QVERIFY(r.fd >= 0);
    RingPreparer preparer(r.ring);
    // Slots 0-3 claimed: slot 0 bound, nothing written; slot 1 10,000
    // records in; slot 2 40,000 in; slot 3 claimed but not bound yet.
    r.ring.header()->slotsClaimed.store(4);
    for (std::uint32_t s : {0, 1, 2})
        r.ring.slot(s)->pid.store(getpid());
    r.ring.slot(1)->written.store(10'000);
    r.ring.slot(2)->written.store(40'000);
    while (preparer.prepareOnce(16) > 0) {
    }
    // As far ahead as each has written (at least a chunk, at most
    // kAheadRecords), in whole chunks.
    QCOMPARE(r.ring.slot(0)->prepared.load(), kPrepareChunk);
    QCOMPARE(r.ring.slot(1)->prepared.load(), 10 * kPrepareChunk); // 20,000 -> 20,480
    QCOMPARE(r.ring.slot(2)->prepared.load(),
             std::min<std::uint64_t>(kCapacity, 40'000 + RingPreparer::kAheadRecords));
    // The next kSpareSlots not in use: slot 3 (claimed, unbound) and 4-6.
    const std::uint64_t spare = kSpareRecords;
    for (std::uint32_t s = 3; s < 3 + kSpareSlots; ++s)
        QCOMPARE(r.ring.slot(s)->prepared.load(), spare);
    QCOMPARE(r.ring.slot(7)->prepared.load(), std::uint64_t(0));
    QCOMPARE(residentPages(r.ring, 7, 0, spare), std::size_t(0));
    QCOMPARE(residentPages(r.ring, 1, 0, 10 * kPrepareChunk), 10 * kPrepareChunk / kPageRecords);
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
    // Prepared (slots 0-3 are the spares of an unclaimed ring): one read
    // maps a 16-page chunk (the read page itself takes a second, cheap
    // fault when first written).
    RingPreparer preparer(r.ring);
    while (preparer.prepareOnce(16) > 0) {
    }
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

QTEST_GUILESS_MAIN(TestRingPreparer)
#include "tst_ringpreparer.moc"
