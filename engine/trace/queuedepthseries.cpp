#include "queuedepthseries.h"

#include "tracemodel.h"

#include <QMap>
#include <cmath>
#include <algorithm>

namespace proclab {

namespace {

QVector<QueueDepthData::Span> unite(QVector<QueueDepthData::Span> spans)
{
    std::sort(spans.begin(), spans.end(), [](const auto &a, const auto &b) { return a.t0 < b.t0; });
    QVector<QueueDepthData::Span> out;
    for (const auto &s : spans) {
        if (!out.isEmpty() && s.t0 <= out.last().t1)
            out.last().t1 = std::max(out.last().t1, s.t1);
        else
            out.push_back(s);
    }
    return out;
}

// Step shape, then at most maxPoints: per time bucket keep first, min, max
// and last, so no peak disappears when zoomed out.
QVector<QPointF> shape(const QVector<QPointF> &samples, double end, int maxPoints)
{
    QVector<QPointF> steps;
    steps.reserve(samples.size() * 2 + 1);
    for (int i = 0; i < samples.size(); ++i) {
        if (i > 0)
            steps.push_back(QPointF(samples[i].x(), samples[i - 1].y()));
        steps.push_back(samples[i]);
    }
    if (!samples.isEmpty())
        steps.push_back(QPointF(std::max(end, samples.last().x()), samples.last().y()));
    if (steps.size() <= maxPoints || maxPoints < 8)
        return steps;
    const int buckets = maxPoints / 4;
    const double t0 = steps.first().x(), span = std::max(1.0, steps.last().x() - t0);
    QVector<QPointF> out;
    out.reserve(maxPoints);
    int i = 0;
    for (int b = 0; b < buckets && i < steps.size(); ++b) {
        const double limit = t0 + span * (b + 1) / buckets;
        const int first = i;
        int lo = i, hi = i;
        while (i < steps.size() && (steps[i].x() <= limit || b == buckets - 1)) {
            if (steps[i].y() < steps[lo].y())
                lo = i;
            if (steps[i].y() > steps[hi].y())
                hi = i;
            ++i;
        }
        const int last = i - 1;
        QVector<int> keep{first, lo, hi, last};
        std::sort(keep.begin(), keep.end());
        keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
        for (int k : keep)
            out.push_back(steps[k]);
    }
    return out;
}

} // namespace

QueueDepthData QueueDepthData::from(const TraceModel &model, int maxPoints)
{
    QueueDepthData d;
    d.end = model.now();
    QMap<QString, QVector<QPointF>> samples;
    QVector<Span> put, get;
    const std::uint64_t waits =
        eventkind::bit(EventKind::WaitPut) | eventkind::bit(EventKind::WaitGet);
    const std::uint64_t ops = eventkind::bit(EventKind::Put) | eventkind::bit(EventKind::Get);
    for (int r = 0; r < model.rowCount(); ++r) {
        const Lane &l = model.lane(r);
        const store::TrackView &q = l.tracks.queues;
        QHash<qint64, QVector<QPointF> *> byName;
        for (auto c = q.cursor(); c.valid(); c.next()) {
            const store::Row row = c.row();
            auto it = byName.find(row.b);
            if (it == byName.end())
                it = byName.insert(row.b, &samples[l.context->text(quint32(row.b))]);
            (*it)->push_back(QPointF(row.t, double(row.a)));
        }
        for (const store::TrackView &v : l.tracks.depths)
            v.forEachBlock(-INFINITY, INFINITY, [&](std::size_t first, std::size_t n,
                                                    const store::BlockSummary &s) {
                if (!(s.mask & waits))
                    return;
                for (std::size_t i = first; i < first + n; ++i) {
                    const store::Row row = v.row(i);
                    const double t1 = v.t1(i);
                    if (row.kind == EventKind::WaitPut)
                        put.push_back({row.t, t1 < 0 ? d.end : t1});
                    else if (row.kind == EventKind::WaitGet)
                        get.push_back({row.t, t1 < 0 ? d.end : t1});
                }
            });
        int puts = 0, gets = 0;
        for (const store::TrackView *v : {&l.tracks.bulk, &l.tracks.notable})
            v->forEachBlock(-INFINITY, INFINITY, [&](std::size_t first, std::size_t n,
                                                     const store::BlockSummary &s) {
                if (!(s.mask & ops))
                    return;
                auto c = v->cursor(first);
                for (std::size_t i = 0; i < n; ++i, c.next()) {
                    const EventKind k = c.kind();
                    puts += k == EventKind::Put;
                    gets += k == EventKind::Get;
                }
            });
        if (puts || gets)
            d.totals.push_back({l.name, l.pid, puts, gets});
    }
    for (auto it = samples.begin(); it != samples.end(); ++it) {
        QVector<QPointF> &s = it.value();
        // Counters of several processes arrive per lane: order them in time.
        std::stable_sort(s.begin(), s.end(),
                         [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
        Queue q;
        q.name = it.key();
        q.rawSamples = int(s.size());
        for (const QPointF &p : s)
            q.maxDepth = std::max(q.maxDepth, int(p.y()));
        q.steps = shape(s, d.end, maxPoints);
        d.queues.push_back(q);
    }
    d.putBlocked = unite(put);
    d.getBlocked = unite(get);
    return d;
}

} // namespace proclab
