#include "columnstore.h"

#include <QDir>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace proclab::store {

namespace {

constexpr std::size_t kLoadedCacheBytes = 64u << 20; // chunks read back from the spill file

std::size_t rowBytes(std::uint8_t columns)
{
    std::size_t n = sizeof(double) + 2 * sizeof(std::int64_t) + 2; // t, a, b, kind, flags
    if (columns & ColT1)
        n += sizeof(double);
    if (columns & ColT2)
        n += sizeof(double);
    return n;
}

double endOf(const Row &r)
{
    return r.t1 < 0 ? (r.t1 == -1 ? INFINITY : r.t) : std::max(r.t, r.t1);
}

} // namespace

// ---- ChunkData ----

std::shared_ptr<ChunkData> ChunkData::make(std::uint8_t columns, int capacity)
{
    auto d = std::make_shared<ChunkData>();
    d->capacity = capacity;
    d->columns = columns;
    d->bytes = rowBytes(columns) * std::size_t(capacity);
    d->buffer.reset(new char[d->bytes]);
    char *p = d->buffer.get();
    auto take = [&](auto *&ptr, std::size_t size) {
        ptr = reinterpret_cast<std::remove_reference_t<decltype(ptr)>>(p);
        p += size * std::size_t(capacity);
    };
    take(d->t, sizeof(double));
    if (columns & ColT1)
        take(d->t1, sizeof(double));
    if (columns & ColT2)
        take(d->t2, sizeof(double));
    take(d->a, sizeof(std::int64_t));
    take(d->b, sizeof(std::int64_t));
    take(d->kind, 1);
    take(d->flags, 1);
    return d;
}

std::shared_ptr<ChunkData> ChunkData::copy(int newCapacity, int rows) const
{
    auto d = make(columns, newCapacity);
    std::memcpy(d->t, t, sizeof(double) * std::size_t(rows));
    if (t1)
        std::memcpy(d->t1, t1, sizeof(double) * std::size_t(rows));
    if (t2)
        std::memcpy(d->t2, t2, sizeof(double) * std::size_t(rows));
    std::memcpy(d->a, a, sizeof(std::int64_t) * std::size_t(rows));
    std::memcpy(d->b, b, sizeof(std::int64_t) * std::size_t(rows));
    std::memcpy(d->kind, kind, std::size_t(rows));
    std::memcpy(d->flags, flags, std::size_t(rows));
    return d;
}

void ChunkData::set(int i, const Row &r)
{
    t[i] = r.t;
    if (t1)
        t1[i] = r.t1;
    if (t2)
        t2[i] = r.t2;
    a[i] = r.a;
    b[i] = r.b;
    kind[i] = r.kind;
    flags[i] = r.flags;
}

Row ChunkData::get(int i) const
{
    Row r;
    r.t = t[i];
    r.t1 = t1 ? t1[i] : -1;
    r.t2 = t2 ? t2[i] : 0;
    r.a = a[i];
    r.b = b[i];
    r.kind = kind[i];
    r.flags = flags[i];
    return r;
}

// ---- SpillFile ----

namespace {

// A file without a name (O_TMPFILE; else created and unlinked at once) in
// `directory`, or in the temp directory if that is gone: whatever happens to
// the process, nothing of it stays on disk.
int openNameless(const QString &directory)
{
    for (const QString &dir : {directory, QDir::tempPath()}) {
        if (dir.isEmpty())
            continue;
        const QByteArray d = QFile::encodeName(dir);
        int fd = ::open(d.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (fd >= 0)
            return fd;
        QByteArray name = d + "/store-XXXXXX";
        fd = ::mkostemp(name.data(), O_CLOEXEC);
        if (fd >= 0) {
            ::unlink(name.constData());
            return fd;
        }
    }
    return -1;
}

} // namespace

SpillFile::SpillFile(QString directory) : m_directory(std::move(directory)) {}

SpillFile::~SpillFile()
{
    if (m_fd >= 0)
        ::close(m_fd); // the file has no name: closing it frees it
}

std::int64_t SpillFile::write(const ChunkData &data, int rows)
{
    std::lock_guard lock(m_mutex);
    if (m_directory.isEmpty())
        return -1;
    if (m_fd < 0) {
        m_fd = openNameless(m_directory);
        if (m_fd < 0)
            return -1;
    }
    const std::int64_t offset = m_written;
    // Column by column, only the rows that exist.
    auto put = [&](const void *p, std::size_t n) {
        const char *c = static_cast<const char *>(p);
        while (n > 0) {
            const ssize_t w = ::pwrite(m_fd, c, n, off_t(m_written));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                return false;
            c += w;
            n -= std::size_t(w);
            m_written += w;
        }
        return true;
    };
    const std::size_t r = std::size_t(rows);
    bool ok = put(data.t, r * sizeof(double));
    if (data.t1)
        ok = ok && put(data.t1, r * sizeof(double));
    if (data.t2)
        ok = ok && put(data.t2, r * sizeof(double));
    ok = ok && put(data.a, r * 8) && put(data.b, r * 8) && put(data.kind, r) && put(data.flags, r);
    if (!ok) {
        m_written = offset;
        return -1;
    }
    return offset;
}

std::shared_ptr<ChunkData> SpillFile::read(std::int64_t offset, std::uint8_t columns, int rows)
{
    auto d = ChunkData::make(columns, rows);
    std::int64_t at = offset;
    auto get = [&](void *p, std::size_t n) {
        char *c = static_cast<char *>(p);
        while (n > 0) {
            const ssize_t g = ::pread(m_fd, c, n, off_t(at));
            if (g < 0 && errno == EINTR)
                continue;
            if (g <= 0)
                return false;
            c += g;
            n -= std::size_t(g);
            at += g;
        }
        return true;
    };
    const std::size_t r = std::size_t(rows);
    bool ok = get(d->t, r * sizeof(double));
    if (d->t1)
        ok = ok && get(d->t1, r * sizeof(double));
    if (d->t2)
        ok = ok && get(d->t2, r * sizeof(double));
    ok = ok && get(d->a, r * 8) && get(d->b, r * 8) && get(d->kind, r) && get(d->flags, r);
    if (!ok) // the disk failed us: an empty chunk rather than garbage
        std::memset(d->buffer.get(), 0, d->bytes);
    return d;
}

void SpillFile::keepLoaded(std::shared_ptr<ChunkData> chunk)
{
    std::lock_guard lock(m_mutex);
    m_lruBytes += chunk->bytes;
    m_lru.push_back(std::move(chunk));
    std::size_t drop = 0;
    while (m_lruBytes > kLoadedCacheBytes && drop + 1 < m_lru.size())
        m_lruBytes -= m_lru[drop++]->bytes;
    m_lru.erase(m_lru.begin(), m_lru.begin() + std::ptrdiff_t(drop));
}

// ---- ChunkRef ----

ChunkRef::ChunkRef(std::shared_ptr<ChunkData> data, std::shared_ptr<SpillFile> spill)
    : m_resident(std::move(data)), m_spill(std::move(spill))
{
    m_columns = m_resident->columns;
    m_summaries.reset(new BlockSummary[kBlocksPerChunk]());
    if (m_spill)
        m_spill->residentBytes += std::int64_t(m_resident->bytes);
}

ChunkRef::~ChunkRef()
{
    if (m_spill && m_resident)
        m_spill->residentBytes -= std::int64_t(m_resident->bytes);
}

std::shared_ptr<const ChunkData> ChunkRef::data() const
{
    std::unique_lock lock(m_mutex);
    if (m_resident)
        return m_resident;
    if (auto loaded = m_loaded.lock())
        return loaded;
    auto d = m_spill->read(m_fileOffset, m_columns, m_rows);
    m_loaded = d;
    lock.unlock();
    m_spill->keepLoaded(d);
    return d;
}

std::shared_ptr<const BlockSummary[]> ChunkRef::summaries() const
{
    std::lock_guard lock(m_mutex);
    return m_summaries;
}

void ChunkRef::replace(std::shared_ptr<ChunkData> data, std::shared_ptr<BlockSummary[]> summaries)
{
    std::lock_guard lock(m_mutex);
    if (m_spill) {
        if (m_resident)
            m_spill->residentBytes -= std::int64_t(m_resident->bytes);
        m_spill->residentBytes += std::int64_t(data->bytes);
    }
    m_resident = std::move(data);
    m_summaries = std::move(summaries);
    m_fileOffset = -1;
    m_loaded.reset();
}

bool ChunkRef::spillOut()
{
    std::shared_ptr<ChunkData> d;
    {
        std::lock_guard lock(m_mutex);
        if (!m_resident || !m_spill)
            return false;
        d = m_resident;
    }
    const int rows = d->capacity;
    const std::int64_t offset = m_spill->write(*d, rows);
    if (offset < 0)
        return false;
    std::lock_guard lock(m_mutex);
    if (m_resident != d)
        return false; // replaced meanwhile
    m_fileOffset = offset;
    m_rows = rows;
    m_spill->residentBytes -= std::int64_t(d->bytes);
    m_resident.reset();
    return true;
}

bool ChunkRef::resident() const
{
    std::lock_guard lock(m_mutex);
    return m_resident != nullptr;
}

std::size_t ChunkRef::residentBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_resident ? m_resident->bytes : 0;
}

// ---- TrackView ----

std::shared_ptr<const ChunkData> TrackView::chunk(std::size_t c) const
{
    return (*m_chunks)[c]->data();
}

std::shared_ptr<const BlockSummary[]> TrackView::summaries(std::size_t c) const
{
    return (*m_chunks)[c]->summaries();
}

Row TrackView::row(std::size_t i) const
{
    const auto d = chunk(i >> kChunkShift);
    Row r = d->get(int(i & (kChunkRows - 1)));
    if (std::int64_t(i) == m_openRow) {
        r.t1 = m_openT1;
        r.flags = m_openFlags;
    }
    return r;
}

double TrackView::t1(std::size_t i) const
{
    if (std::int64_t(i) == m_openRow)
        return m_openT1;
    return row(i).t1;
}

std::size_t TrackView::lowerBound(double time) const
{
    // Chunks by their first row, then rows.
    std::size_t lo = 0, hi = m_size;
    const std::size_t chunks = (m_size + kChunkRows - 1) >> kChunkShift;
    std::size_t c0 = 0, c1 = chunks;
    while (c0 < c1) { // first chunk whose first row is >= time
        const std::size_t mid = (c0 + c1) / 2;
        if (chunkFirstTime(mid) < time)
            c0 = mid + 1;
        else
            c1 = mid;
    }
    // The answer is in chunk c0 - 1 (or is the first row of chunk c0).
    if (c0 == 0)
        return 0;
    lo = (c0 - 1) << kChunkShift;
    hi = std::min(m_size, c0 << kChunkShift);
    const auto d = chunk(c0 - 1);
    const double *t = d->t;
    const std::size_t base = lo;
    std::size_t a = 0, b = hi - lo;
    while (a < b) {
        const std::size_t mid = (a + b) / 2;
        if (t[mid] < time)
            a = mid + 1;
        else
            b = mid;
    }
    return base + a;
}

std::size_t TrackView::upperBound(double time) const
{
    const std::size_t chunks = (m_size + kChunkRows - 1) >> kChunkShift;
    std::size_t c0 = 0, c1 = chunks;
    while (c0 < c1) {
        const std::size_t mid = (c0 + c1) / 2;
        if (chunkFirstTime(mid) <= time)
            c0 = mid + 1;
        else
            c1 = mid;
    }
    if (c0 == 0)
        return 0;
    const std::size_t lo = (c0 - 1) << kChunkShift;
    const std::size_t hi = std::min(m_size, c0 << kChunkShift);
    const auto d = chunk(c0 - 1);
    std::size_t a = 0, b = hi - lo;
    while (a < b) {
        const std::size_t mid = (a + b) / 2;
        if (d->t[mid] <= time)
            a = mid + 1;
        else
            b = mid;
    }
    return lo + a;
}

std::size_t TrackView::firstEndingAtOrAfter(double time) const
{
    // Disjoint rows in order: the row before the first starting after `time`
    // is the only earlier one that may still be running at `time`.
    const std::size_t up = upperBound(time);
    if (up == 0)
        return 0;
    const double end = t1(up - 1);
    return (end < 0 || end >= time) ? up - 1 : up;
}

BlockSummary TrackView::partialBlock(std::size_t first, std::size_t n) const
{
    BlockSummary s;
    s.tMin = INFINITY;
    s.tMax = -INFINITY;
    const auto d = chunk(first >> kChunkShift);
    for (std::size_t i = first; i < first + n; ++i) {
        Row r = d->get(int(i & (kChunkRows - 1)));
        if (std::int64_t(i) == m_openRow)
            r.t1 = m_openT1;
        if (i == first)
            s.tMin = r.t;
        s.tMax = std::max(s.tMax, d->t1 ? endOf(r) : r.t);
        s.mask |= eventkind::bit(r.kind);
    }
    return s;
}

// ---- Cursor ----

void TrackView::Cursor::load()
{
    const std::size_t c = m_at >> kChunkShift;
    if (c != m_chunk) {
        m_data = m_view->chunk(c);
        m_chunk = c;
    }
}

Row TrackView::Cursor::row()
{
    load();
    Row r = m_data->get(int(m_at & (kChunkRows - 1)));
    if (m_view->isOpenRow(m_at)) {
        r.t1 = m_view->m_openT1;
        r.flags = m_view->m_openFlags;
    }
    return r;
}

double TrackView::Cursor::t()
{
    load();
    return m_data->t[m_at & (kChunkRows - 1)];
}

EventKind TrackView::Cursor::kind()
{
    load();
    return m_data->kind[m_at & (kChunkRows - 1)];
}

// ---- Seeker ----

const ChunkData &TrackView::Seeker::at(std::size_t i)
{
    const std::size_t c = i >> kChunkShift;
    if (c != m_chunk) {
        m_data = m_view->chunk(c);
        m_chunk = c;
    }
    return *m_data;
}

double TrackView::Seeker::t(std::size_t i)
{
    return at(i).t[i & (kChunkRows - 1)];
}

double TrackView::Seeker::t1(std::size_t i)
{
    if (m_view->isOpenRow(i))
        return m_view->m_openT1;
    const ChunkData &d = at(i);
    return d.t1 ? d.t1[i & (kChunkRows - 1)] : -1;
}

EventKind TrackView::Seeker::kind(std::size_t i)
{
    return at(i).kind[i & (kChunkRows - 1)];
}

Row TrackView::Seeker::row(std::size_t i)
{
    Row r = at(i).get(int(i & (kChunkRows - 1)));
    if (m_view->isOpenRow(i)) {
        r.t1 = m_view->m_openT1;
        r.flags = m_view->m_openFlags;
    }
    return r;
}

std::size_t TrackView::Seeker::lowerBound(double time, std::size_t from)
{
    const std::size_t size = m_view->size();
    if (from >= size)
        return size;
    std::size_t c = from >> kChunkShift;
    // Past this chunk? Find the chunk by first times (no lock).
    const std::size_t chunks = (size + kChunkRows - 1) >> kChunkShift;
    if (c + 1 < chunks && m_view->chunkFirstTime(c + 1) < time) {
        std::size_t lo = c + 1, hi = chunks;
        while (lo < hi) { // first chunk whose first row is >= time
            const std::size_t mid = (lo + hi) / 2;
            if (m_view->chunkFirstTime(mid) < time)
                lo = mid + 1;
            else
                hi = mid;
        }
        c = lo - 1;
        from = std::max(from, c << kChunkShift);
    }
    const ChunkData &d = at(from);
    const std::size_t base = c << kChunkShift;
    std::size_t a = from - base, b = std::min<std::size_t>(kChunkRows, size - base);
    // Gallop: the answer is usually near.
    std::size_t step = 1;
    while (a + step < b && d.t[a + step] < time) {
        a += step;
        step *= 2;
    }
    b = std::min(b, a + step + 1);
    while (a < b) {
        const std::size_t mid = (a + b) / 2;
        if (d.t[mid] < time)
            a = mid + 1;
        else
            b = mid;
    }
    return base + a;
}

std::uint64_t TrackView::Seeker::kinds(std::size_t i, std::size_t j)
{
    std::uint64_t mask = 0;
    const std::size_t size = m_view->size();
    j = std::min(j, size);
    while (i < j) {
        const std::size_t blockStart = i & ~std::size_t(kBlockRows - 1);
        const std::size_t blockEnd = blockStart + kBlockRows;
        const bool whole = i == blockStart && blockEnd <= j && blockEnd <= size &&
                           !(m_view->m_openRow >= std::int64_t(blockStart) &&
                             m_view->m_openRow < std::int64_t(blockEnd));
        if (whole) {
            const std::size_t c = i >> kChunkShift;
            if (c != m_sumChunk) {
                m_sums = m_view->summaries(c);
                m_sumChunk = c;
            }
            mask |= m_sums[(i & (kChunkRows - 1)) >> kBlockShift].mask;
            i = blockEnd;
            continue;
        }
        const std::size_t stop = std::min(j, blockEnd);
        const ChunkData &d = at(i);
        for (; i < stop; ++i)
            mask |= eventkind::bit(d.kind[i & (kChunkRows - 1)]);
    }
    return mask;
}

// ---- TrackWriter ----

TrackWriter::TrackWriter(std::uint8_t columns, std::shared_ptr<SpillFile> spill)
    : m_columns(columns), m_spill(std::move(spill))
{
}

void TrackWriter::clear()
{
    m_lastT = 0;
    m_chunks.clear();
    m_published.reset();
    m_publishedChunks = std::size_t(-1);
    m_size = 0;
    m_publishedRows = 0;
    m_openRow = -1;
}

void TrackWriter::ensureTail()
{
    const std::size_t c = m_size >> kChunkShift;
    const int inChunk = int(m_size & (kChunkRows - 1));
    if (c == m_chunks.size()) {
        // A track's first chunk starts small (most tracks of a short run
        // hold a few rows) and grows; a track past one chunk gets whole ones.
        m_chunks.push_back(std::make_shared<ChunkRef>(
            ChunkData::make(m_columns, c == 0 ? kBlockRows : kChunkRows), m_spill));
        return;
    }
    ChunkRef &ref = *m_chunks[c];
    ChunkData *d = ref.writable();
    if (inChunk < d->capacity)
        return;
    // Grow by copying: snapshots keep reading the old copy.
    auto bigger = d->copy(std::min(kChunkRows, d->capacity * 4), inChunk);
    std::shared_ptr<BlockSummary[]> sums(new BlockSummary[kBlocksPerChunk]);
    std::copy(ref.writableSummaries(), ref.writableSummaries() + kBlocksPerChunk, sums.get());
    ref.replace(std::move(bigger), std::move(sums));
}

void TrackWriter::summarise(std::size_t i, const Row &r)
{
    BlockSummary &s = m_chunks[i >> kChunkShift]->writableSummaries()[(i & (kChunkRows - 1)) >>
                                                                      kBlockShift];
    const bool first = (i & (kBlockRows - 1)) == 0;
    const bool open = (m_columns & ColT1) && r.t1 == -1;
    const double closedEnd = (m_columns & ColT1) && !open ? endOf(r) : r.t;
    if (first) {
        s.tMin = r.t;
        s.tMaxClosed = closedEnd;
        s.openRows = open;
        s.mask = eventkind::bit(r.kind);
    } else {
        s.tMaxClosed = std::max(s.tMaxClosed, closedEnd);
        s.openRows += open;
        s.mask |= eventkind::bit(r.kind);
    }
    s.tMax = s.openRows ? INFINITY : s.tMaxClosed;
}

void TrackWriter::resummariseBlock(std::size_t i)
{
    const std::size_t c = i >> kChunkShift;
    const ChunkData &d = *m_chunks[c]->writable();
    BlockSummary &s = m_chunks[c]->writableSummaries()[(i & (kChunkRows - 1)) >> kBlockShift];
    const std::size_t b0 = i & ~std::size_t(kBlockRows - 1);
    const int k0 = int(b0 & (kChunkRows - 1));
    const int k1 = k0 + int(std::min<std::size_t>(m_size - b0, kBlockRows));
    double m = -INFINITY;
    std::uint32_t open = 0;
    std::uint64_t mask = 0;
    for (int k = k0; k < k1; ++k) {
        double end = d.t[k];
        if (d.t1) {
            const double t1 = d.t1[k];
            if (t1 == -1)
                ++open;
            else if (t1 > end)
                end = t1;
        }
        m = std::max(m, end);
        mask |= eventkind::bit(d.kind[k]);
    }
    s.tMin = d.t[k0];
    s.tMaxClosed = m;
    s.openRows = open;
    s.tMax = open ? INFINITY : m;
    s.mask = mask;
}

const ChunkData &TrackWriter::rowsOf(std::size_t c) const
{
    // Only the writer changes which rows a ChunkRef holds: its own resident
    // rows need no lock. A spilled chunk is loaded (kept by the LRU).
    if (const ChunkData *d = m_chunks[c]->writable())
        return *d;
    return *m_chunks[c]->data();
}

void TrackWriter::append(const Row &r)
{
    ensureTail();
    if ((m_size & (kChunkRows - 1)) == 0)
        m_chunks[m_size >> kChunkShift]->setFirstTime(r.t);
    m_chunks[m_size >> kChunkShift]->writable()->set(int(m_size & (kChunkRows - 1)), r);
    summarise(m_size, r);
    ++m_size;
    m_lastT = r.t;
}

Row TrackWriter::row(std::size_t i) const
{
    const std::size_t c = i >> kChunkShift;
    if (const ChunkData *d = m_chunks[c]->writable())
        return d->get(int(i & (kChunkRows - 1)));
    const auto d = m_chunks[c]->data();
    return d->get(int(i & (kChunkRows - 1)));
}

bool TrackWriter::isPrivate(std::size_t c) const
{
    return !m_published || c >= m_published->size() || (*m_published)[c] != m_chunks[c];
}

void TrackWriter::recomputeSummaries(std::size_t c)
{
    // Only on a chunk no snapshot sees (isPrivate).
    ChunkRef &ref = *m_chunks[c];
    const ChunkData *d = ref.writable();
    BlockSummary *sums = ref.writableSummaries();
    const std::size_t first = c << kChunkShift;
    const std::size_t n = std::min<std::size_t>(kChunkRows, m_size - first);
    if (n > 0)
        ref.setFirstTime(d->t[0]);
    (void)sums;
    for (std::size_t i = 0; i < n; i += kBlockRows)
        resummariseBlock(first + i);
}

void TrackWriter::cowChunk(std::size_t c)
{
    // A fresh ChunkRef: snapshots keep the old one, rows and all.
    const std::shared_ptr<ChunkRef> &old = m_chunks[c];
    const auto d = old->data();
    const int rows = int(std::min<std::size_t>(kChunkRows, m_size - (c << kChunkShift)));
    auto fresh = std::make_shared<ChunkRef>(d->copy(d->capacity, rows), m_spill);
    fresh->setFirstTime(old->firstTime());
    const auto sums = old->summaries();
    std::copy(sums.get(), sums.get() + kBlocksPerChunk, fresh->writableSummaries());
    m_chunks[c] = std::move(fresh);
    m_published.reset();
}

void TrackWriter::update(std::size_t i, const Row &r)
{
    const std::size_t c = i >> kChunkShift;
    if (i + 1 == m_size)
        m_lastT = r.t;
    if (std::int64_t(i) == m_openRow || i >= m_publishedRows) {
        // Invisible to every snapshot (or copied into them: the open row).
        if (!m_chunks[c]->resident())
            cowChunk(c);
        ChunkData *d = m_chunks[c]->writable();
        const int k = int(i & (kChunkRows - 1));
        const Row old = d->get(k);
        d->set(k, r);
        if ((i & (kChunkRows - 1)) == 0)
            m_chunks[c]->setFirstTime(r.t);
        // Only the end changed (an interval closing, a later end): the
        // block's summary follows without reading the block.
        BlockSummary &s = m_chunks[c]->writableSummaries()[k >> kBlockShift];
        if (old.t == r.t && old.kind == r.kind && (m_columns & ColT1) && r.t1 != -1 &&
            (old.t1 == -1 || endOf(r) >= endOf(old))) {
            if (old.t1 == -1)
                --s.openRows;
            s.tMaxClosed = std::max(s.tMaxClosed, endOf(r));
            s.tMax = s.openRows ? INFINITY : s.tMaxClosed;
            return;
        }
        resummariseBlock(i);
        return;
    }
    if (!isPrivate(c))
        cowChunk(c);
    m_chunks[c]->writable()->set(int(i & (kChunkRows - 1)), r);
    recomputeSummaries(c);
}

void TrackWriter::retime(const std::vector<std::pair<std::size_t, double>> &rows)
{
    for (std::size_t at = 0; at < rows.size();) {
        const std::size_t c = rows[at].first >> kChunkShift;
        if (!isPrivate(c) || !m_chunks[c]->resident())
            cowChunk(c);
        ChunkData *d = m_chunks[c]->writable();
        for (; at < rows.size() && (rows[at].first >> kChunkShift) == c; ++at) {
            d->t[int(rows[at].first & (kChunkRows - 1))] = rows[at].second;
            if (rows[at].first + 1 == m_size)
                m_lastT = rows[at].second;
        }
        recomputeSummaries(c);
    }
}

void TrackWriter::setEnd(std::size_t i, double t1, std::uint8_t flags)
{
    const std::size_t c = i >> kChunkShift;
    const int k = int(i & (kChunkRows - 1));
    if ((std::int64_t(i) == m_openRow || i >= m_publishedRows) && (m_columns & ColT1)) {
        if (ChunkData *d = m_chunks[c]->writable()) {
            const double oldT1 = d->t1[k];
            const double t = d->t[k];
            const double newEnd = t1 < 0 ? (t1 == -1 ? INFINITY : t) : std::max(t, t1);
            const double oldEnd = oldT1 < 0 ? (oldT1 == -1 ? INFINITY : t) : std::max(t, oldT1);
            if (t1 != -1 && (oldT1 == -1 || newEnd >= oldEnd)) {
                d->t1[k] = t1;
                d->flags[k] = flags;
                BlockSummary &s = m_chunks[c]->writableSummaries()[k >> kBlockShift];
                if (oldT1 == -1)
                    --s.openRows;
                s.tMaxClosed = std::max(s.tMaxClosed, newEnd);
                s.tMax = s.openRows ? INFINITY : s.tMaxClosed;
                return;
            }
        }
    }
    Row r = row(i);
    r.t1 = t1;
    r.flags = flags;
    update(i, r);
}

void TrackWriter::insertSorted(const Row &r)
{
    if (m_size == 0 || m_lastT <= r.t) {
        append(r);
        return;
    }
    // Where it goes: after every row at or before its time.
    std::size_t lo = 0, hi = m_size;
    {
        // Usually close to the end: gallop back first.
        std::size_t step = 1, at = m_size;
        while (at > 0) {
            const std::size_t probe = at > step ? at - step : 0;
            if (row(probe).t <= r.t) {
                lo = probe + 1;
                hi = at;
                break;
            }
            at = probe;
            step *= 2;
            if (probe == 0) {
                lo = 0;
                hi = at + 1;
                break;
            }
        }
    }
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (row(mid).t <= r.t)
            lo = mid + 1;
        else
            hi = mid;
    }
    const std::size_t pos = lo;
    // Shift the rows after `pos` by one, chunk by chunk from the end, copying
    // every chunk a snapshot may see.
    append(row(m_size - 1)); // grows the track by one (duplicate of the last row)
    const std::size_t firstChunk = pos >> kChunkShift;
    for (std::size_t c = firstChunk; c < m_chunks.size(); ++c)
        if (!isPrivate(c) || !m_chunks[c]->resident())
            cowChunk(c);
    for (std::size_t i = m_size - 1; i > pos; --i) {
        const Row prev = row(i - 1);
        m_chunks[i >> kChunkShift]->writable()->set(int(i & (kChunkRows - 1)), prev);
    }
    m_chunks[pos >> kChunkShift]->writable()->set(int(pos & (kChunkRows - 1)), r);
    if (m_openRow >= std::int64_t(pos))
        ++m_openRow;
    for (std::size_t c = firstChunk; c < m_chunks.size(); ++c)
        recomputeSummaries(c);
}

TrackView TrackWriter::snapshot()
{
    if (m_publishedChunks != m_chunks.size() || !m_published) {
        m_published = std::make_shared<const ChunkList>(m_chunks);
        m_publishedChunks = m_chunks.size();
    } else {
        // The same chunks, but one may have been replaced (grown, copied):
        // ChunkRefs are shared, so the list still names them.
    }
    TrackView v;
    v.m_chunks = m_published;
    v.m_size = m_size;
    v.m_openRow = m_openRow;
    if (m_openRow >= 0) {
        const Row r = row(std::size_t(m_openRow));
        v.m_openT1 = r.t1;
        v.m_openFlags = r.flags;
    }
    m_publishedRows = m_size;
    return v;
}

} // namespace proclab::store
