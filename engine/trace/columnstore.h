#pragma once
// Columns of events in fixed-size chunks: the storage under EventStore.
//
// A track is a table of rows (time, optional end time and third time, two
// 64-bit values, a kind and flags) kept column by column in chunks of
// kChunkRows rows. One writer appends (TrackWriter); any number of readers
// look at snapshots (TrackView) on any thread while it does, without locks on
// the rows: a snapshot sees exactly the rows that existed when it was taken.
//
//  - Rows a snapshot can see never change under it. The one exception is the
//    last row of an interval track, which may still be open: its end time and
//    flags are copied into the snapshot when it is taken (TrackView::t1()).
//  - A change to a row a snapshot may see (a late event inserted in time
//    order, a flow's end filled in) copies the chunk first (copy on write).
//  - Every 64 rows (a block) keep a summary: first time, latest end, and one
//    bit per EventKind present. Views use it to skip or merge what is smaller
//    than a pixel without reading the rows (the timeline's level of detail).
//  - Full chunks may be written to a spill file (the run's directory on disk)
//    and dropped from memory; reading them loads them back through a small
//    cache. That is how a run too big for memory keeps every event.

#include "eventkind.h"

#include <QString>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace proclab::store {

inline constexpr int kChunkShift = 13;
inline constexpr int kChunkRows = 1 << kChunkShift; // 8192
inline constexpr int kBlockShift = 6;
inline constexpr int kBlockRows = 1 << kBlockShift; // 64
inline constexpr int kBlocksPerChunk = kChunkRows / kBlockRows;

enum Column : std::uint8_t
{
    ColT1 = 1, // end time (intervals, flows)
    ColT2 = 2, // a third time (lost updates: the read's time)
};

enum RowFlag : std::uint8_t
{
    FlagGenericArgs = 1, // arguments kept as JSON text (see EventStore::genericArgs)
    FlagComplete = 2,    // interval read as one X event, not a B/E pair
    FlagEnd1 = 4,        // set by the interval's End (join returned alive; manager call failed)
    FlagEndArgs = 8,     // the End carried arguments of its own (generic)
    FlagSentinel = 16,   // put/get of None
    FlagOwnEnd = 32,     // closed by an End of its own (not by an outer interval's)
    FlagAlt = 64,        // a marker's other variant (start: forkserver; stdout: stderr)
};

struct Row
{
    double t = 0;
    double t1 = -1;
    double t2 = 0;
    std::int64_t a = 0;
    std::int64_t b = 0;
    EventKind kind = EventKind::None;
    std::uint8_t flags = 0;
};

struct BlockSummary
{
    double tMin = 0;          // time of the block's first row
    double tMax = 0;          // latest time or end time of its rows (open: +inf)
    std::uint64_t mask = 0;   // eventkind::bit() of every row's kind
    // The writer's bookkeeping, so closing an interval updates tMax without
    // reading the block again: tMax of its closed rows (an open row counts
    // with its start) and how many rows are open (t1 == -1).
    double tMaxClosed = 0;
    std::uint32_t openRows = 0;
};

// One chunk's rows, column by column, in one allocation.
struct ChunkData
{
    int capacity = 0;
    std::uint8_t columns = 0;
    double *t = nullptr, *t1 = nullptr, *t2 = nullptr;
    std::int64_t *a = nullptr, *b = nullptr;
    EventKind *kind = nullptr;
    std::uint8_t *flags = nullptr;
    std::unique_ptr<char[]> buffer;
    std::size_t bytes = 0;

    static std::shared_ptr<ChunkData> make(std::uint8_t columns, int capacity);
    std::shared_ptr<ChunkData> copy(int capacity, int rows) const;
    void set(int i, const Row &r);
    Row get(int i) const;
};

class SpillFile;

// A chunk's stable identity: its rows are in memory, or in the spill file
// (then loaded on demand), and its block summaries are always in memory.
class ChunkRef
{
public:
    ChunkRef(std::shared_ptr<ChunkData> data, std::shared_ptr<SpillFile> spill);
    ~ChunkRef();

    std::shared_ptr<const ChunkData> data() const; // loads a spilled chunk
    std::shared_ptr<const BlockSummary[]> summaries() const;

    // Writer only. A ChunkRef's rows never change where a snapshot may read
    // them: changes go to rows no snapshot counts, to a copy (a new
    // ChunkRef), or, when the tail grows, into a bigger copy with the same
    // rows (replace()).
    ChunkData *writable() const { return m_resident.get(); }
    BlockSummary *writableSummaries() const { return m_summaries.get(); }
    void replace(std::shared_ptr<ChunkData> data, std::shared_ptr<BlockSummary[]> summaries);
    bool spillOut(); // writes the rows to the spill file and drops them from memory
    bool resident() const;
    std::size_t residentBytes() const;
    // Time of the chunk's first row (set with it; read without a lock).
    double firstTime() const { return m_firstT.load(std::memory_order_relaxed); }
    void setFirstTime(double t) { m_firstT.store(t, std::memory_order_relaxed); }

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<ChunkData> m_resident;
    std::shared_ptr<BlockSummary[]> m_summaries;
    std::shared_ptr<SpillFile> m_spill;
    std::int64_t m_fileOffset = -1;
    std::uint8_t m_columns = 0;
    int m_rows = 0;
    mutable std::weak_ptr<ChunkData> m_loaded;
    std::atomic<double> m_firstT{0};
};

using ChunkList = std::vector<std::shared_ptr<ChunkRef>>;

// The spill file of one store, plus the cache of chunks loaded back from it
// and the count of bytes the store keeps in memory. Thread-safe.
class SpillFile
{
public:
    explicit SpillFile(QString directory);
    ~SpillFile();

    std::int64_t write(const ChunkData &data, int rows); // offset, or -1 (nothing spilled)
    std::shared_ptr<ChunkData> read(std::int64_t offset, std::uint8_t columns, int rows);
    void keepLoaded(std::shared_ptr<ChunkData> chunk); // LRU, bounded

    QString directory() const { return m_directory; }
    std::int64_t bytesWritten() const { return m_written; }

    std::atomic<std::int64_t> residentBytes{0};

private:
    QString m_directory;
    int m_fd = -1;
    std::int64_t m_written = 0;
    std::mutex m_mutex;
    std::vector<std::shared_ptr<ChunkData>> m_lru; // most recent last
    std::size_t m_lruBytes = 0;
};

// A snapshot of a track.
class TrackView
{
public:
    TrackView() = default;

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    Row row(std::size_t i) const;
    double t(std::size_t i) const { return row(i).t; }
    // End time of row i: the value in the snapshot for the row that was open.
    double t1(std::size_t i) const;
    bool isOpenRow(std::size_t i) const { return std::int64_t(i) == m_openRow; }

    // First row with t >= time (size() if none). Rows are in time order.
    std::size_t lowerBound(double time) const;
    // First row with t > time.
    std::size_t upperBound(double time) const;
    // Interval tracks (disjoint rows in time order): first row whose end is >= time.
    std::size_t firstEndingAtOrAfter(double time) const;

    // Sequential reading without a lookup per row.
    class Cursor
    {
    public:
        Cursor(const TrackView &v, std::size_t at) : m_view(&v), m_at(at) {}
        bool valid() const { return m_at < m_view->size(); }
        std::size_t index() const { return m_at; }
        Row row();
        double t();
        EventKind kind();
        void next() { ++m_at; }
        void seek(std::size_t i) { m_at = i; }

    private:
        void load();
        const TrackView *m_view;
        std::size_t m_at;
        std::size_t m_chunk = std::size_t(-1);
        std::shared_ptr<const ChunkData> m_data;
    };
    Cursor cursor(std::size_t at = 0) const { return Cursor(*this, at); }

    // Random access that keeps the chunk it last touched: searches forward
    // from where it is without taking a lock (the timeline's walk over pixels).
    class Seeker
    {
    public:
        explicit Seeker(const TrackView &v) : m_view(&v) {}
        // First row >= from whose time is >= t (size() if none).
        std::size_t lowerBound(double t, std::size_t from = 0);
        double t(std::size_t i);
        double t1(std::size_t i);
        EventKind kind(std::size_t i);
        Row row(std::size_t i);
        // eventkind::bit() of every row in [i, j), from block summaries where whole.
        std::uint64_t kinds(std::size_t i, std::size_t j);

    private:
        const ChunkData &at(std::size_t i);
        const TrackView *m_view;
        std::size_t m_chunk = std::size_t(-1);
        std::shared_ptr<const ChunkData> m_data;
        std::size_t m_sumChunk = std::size_t(-1);
        std::shared_ptr<const BlockSummary[]> m_sums;
    };
    Seeker seeker() const { return Seeker(*this); }
    double chunkFirstTime(std::size_t c) const { return (*m_chunks)[c]->firstTime(); }

    // Level of detail: calls f(firstRow, rowCount, summary) for every block
    // of 64 rows that may hold rows with times in [from, to], in order.
    // Blocks not yet full are summarised on the fly.
    template <typename F> void forEachBlock(double from, double to, F f) const;

    std::size_t chunkCount() const { return m_chunks ? m_chunks->size() : 0; }
    std::shared_ptr<const ChunkData> chunk(std::size_t c) const;
    std::shared_ptr<const BlockSummary[]> summaries(std::size_t c) const;

private:
    friend class TrackWriter;
    BlockSummary partialBlock(std::size_t first, std::size_t n) const;

    std::shared_ptr<const ChunkList> m_chunks;
    std::size_t m_size = 0;
    std::int64_t m_openRow = -1;
    double m_openT1 = -1;
    std::uint8_t m_openFlags = 0;
};

// The single writer of a track.
class TrackWriter
{
public:
    TrackWriter(std::uint8_t columns, std::shared_ptr<SpillFile> spill);

    std::size_t size() const { return m_size; }
    void append(const Row &r);
    // Keeps rows in time order: a row older than the last goes where it belongs.
    void insertSorted(const Row &r);
    Row row(std::size_t i) const;
    // Changes a row (end time, values, flags). An open interval's end is set
    // in place (snapshots keep their own copy); other rows snapshots may
    // see are copied first.
    void update(std::size_t i, const Row &r);
    // New times for rows (row, t), by row: each must stay between its
    // neighbours' times (the track stays in time order).
    void retime(const std::vector<std::pair<std::size_t, double>> &rows);
    // Row i's end time and flags only (an interval closing): the fast path of update().
    void setEnd(std::size_t i, double t1, std::uint8_t flags);
    double lastTime() const { return m_lastT; } // time of the last row (size() > 0)
    // Marks row i as the open one (its end copied into snapshots), or -1.
    void setOpenRow(std::int64_t i) { m_openRow = i; }
    std::int64_t openRow() const { return m_openRow; }
    void clear();

    TrackView snapshot(); // publishes every row so far
    // Full chunks, oldest first, that may be spilled (not the tail).
    const ChunkList &chunks() const { return m_chunks; }

private:
    void ensureTail();
    void summarise(std::size_t i, const Row &r);
    void recomputeSummaries(std::size_t chunk);
    void cowChunk(std::size_t chunk);
    bool isPrivate(std::size_t chunk) const; // no snapshot sees this ChunkRef
    const ChunkData &rowsOf(std::size_t chunk) const; // writer: resident rows without a lock
    void resummariseBlock(std::size_t i);             // the block of row i, from its rows

    std::uint8_t m_columns;
    std::shared_ptr<SpillFile> m_spill;
    ChunkList m_chunks;
    std::shared_ptr<const ChunkList> m_published;
    std::size_t m_publishedChunks = std::size_t(-1);
    std::size_t m_size = 0;
    std::size_t m_publishedRows = 0;
    std::int64_t m_openRow = -1;
    double m_lastT = 0;
};

template <typename F> void TrackView::forEachBlock(double from, double to, F f) const
{
    if (m_size == 0)
        return;
    // Blocks whose summary could overlap [from, to]: tMax is not monotone in
    // general (a long interval), so start at the first block of the chunk
    // before the first row at or after `from`.
    std::size_t start = lowerBound(from);
    std::size_t firstBlock = start >> kBlockShift;
    if (firstBlock > 0)
        --firstBlock; // the block before may end inside the window
    for (std::size_t c = firstBlock >> (kChunkShift - kBlockShift); c < chunkCount(); ++c) {
        const std::size_t chunkFirst = c << kChunkShift;
        if (chunkFirst >= m_size)
            break;
        const std::size_t rowsHere = std::min<std::size_t>(kChunkRows, m_size - chunkFirst);
        const std::shared_ptr<const BlockSummary[]> sums = summaries(c);
        const std::size_t blocks = (rowsHere + kBlockRows - 1) >> kBlockShift;
        std::size_t b0 = 0;
        if (c == (firstBlock >> (kChunkShift - kBlockShift)))
            b0 = firstBlock & (kBlocksPerChunk - 1);
        for (std::size_t b = b0; b < blocks; ++b) {
            const std::size_t first = chunkFirst + (b << kBlockShift);
            const std::size_t n = std::min<std::size_t>(kBlockRows, m_size - first);
            BlockSummary s = n == kBlockRows && !(m_openRow >= std::int64_t(first) &&
                                                  m_openRow < std::int64_t(first + n))
                                 ? sums[b]
                                 : partialBlock(first, n);
            if (s.tMin > to)
                return;
            if (s.tMax < from)
                continue;
            f(first, n, s);
        }
    }
}

} // namespace proclab::store
