// SPDX-License-Identifier: MIT
#include "raceoutcome.h"

#include "tracemodel.h"

#include <algorithm>
#include <cmath>

namespace proclab {

RaceOutcome RaceOutcome::of(const TraceModel &model, int limit)
{
    RaceOutcome o;
    const QJsonObject s = model.summary();
    auto num = [&](const char *key) { return s.value(QLatin1String(key)).toInteger(); };
    if (s.contains(QStringLiteral("expected")) && s.contains(QStringLiteral("actual"))) {
        o.verdict = Verdict::Counter;
        o.expected = num("expected");
        o.actual = num("actual");
    } else if (s.contains(QStringLiteral("oversold"))) {
        o.verdict = Verdict::Tickets;
        o.tickets = num("tickets");
        o.sold = num("successes");
        o.oversold = num("oversold");
    }
    o.lost = LostUpdates::earliest(model.snapshot(), limit, &o.lostTotal);

    const std::uint64_t access = eventkind::bit(EventKind::Read) | eventkind::bit(EventKind::Write);
    for (int r = 0; r < model.rowCount(); ++r) {
        const Lane &lane = model.lane(r);
        o.anyAccess = o.anyAccess || (lane.kinds & access);
        if (lane.fileWrites == 0)
            continue;
        // Writes of a file (no version): a few, listed with the value written.
        const store::TrackView &v = lane.tracks.bulk;
        v.forEachBlock(-INFINITY, INFINITY,
                       [&](std::size_t first, std::size_t n, const store::BlockSummary &b) {
                           if (!(b.mask & eventkind::bit(EventKind::Write)))
                               return;
                           auto c = v.cursor(first);
                           for (std::size_t i = 0; i < n; ++i, c.next()) {
                               if (c.kind() != EventKind::Write)
                                   continue;
                               const store::Row row = c.row();
                               const QJsonObject a = lane.markerArgs(row);
                               if (a.value(QStringLiteral("version")).toInteger() != 0)
                                   continue;
                               o.fileWrites.push_back({row.t, lane.name,
                                                       a.value(QStringLiteral("object")).toString(),
                                                       a.value(QStringLiteral("value")).toInt()});
                           }
                       });
    }
    std::stable_sort(o.fileWrites.begin(), o.fileWrites.end(),
                     [](const FileWrite &a, const FileWrite &b) { return a.t < b.t; });
    return o;
}

} // namespace proclab
