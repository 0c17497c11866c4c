// SPDX-License-Identifier: MIT
#include "coursecase.h"
#include "pythonsummary.h"

#include <QDir>
#include <QRegularExpression>
#include <algorithm>

namespace proclab::test {

QString coursePath(const QString &program)
{
    return QDir::cleanPath(programPath(QStringLiteral("course/") + program));
}

int eventCount(const PyRun &r, const Lane &lane, const QString &name)
{
    return int(r.markers(lane, name).size() + r.intervals(lane, name).size());
}

QJsonObject printedKeys(const PyRun &r, const Lane &lane)
{
    QJsonObject keys;
    for (const QString &line : r.printed(lane)) {
        QString key;
        QJsonValue value;
        if (PythonSummary::parseLine(line, &key, &value))
            keys.insert(key, value);
    }
    return keys;
}

QVector<const Lane *> lanesMatching(const PyRun &r, const QString &pattern)
{
    QVector<const Lane *> out;
    if (!pattern.startsWith(QLatin1Char('^'))) {
        if (const Lane *l = r.lane(pattern))
            out.push_back(l);
        return out;
    }
    const QRegularExpression re(pattern + QLatin1Char('$'));
    for (int row = 0; row < r.model.rowCount(); ++row)
        if (re.match(r.model.lane(row).name).hasMatch())
            out.push_back(&r.model.lane(row));
    return out;
}

int writerSwitches(const PyRun &r, const QVector<const Lane *> &lanes)
{
    QVector<QPair<double, const Lane *>> lines;
    for (const Lane *l : lanes)
        for (const Marker &m : r.markers(*l, ev::Stdout))
            lines.push_back({m.t, l});
    std::stable_sort(lines.begin(), lines.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    int switches = 0;
    for (int i = 1; i < lines.size(); ++i)
        switches += lines[i].second != lines[i - 1].second;
    return switches;
}

bool disjoint(QVector<Interval> intervals)
{
    std::sort(intervals.begin(), intervals.end(),
              [](const Interval &a, const Interval &b) { return a.t0 < b.t0; });
    for (int i = 1; i < intervals.size(); ++i)
        if (intervals[i - 1].open() || intervals[i].t0 < intervals[i - 1].t1)
            return false;
    return true;
}

double timeOf(const PyRun &r, const Lane &lane, const QString &marker)
{
    const auto found = r.markers(lane, marker);
    return found.isEmpty() ? -1 : found.first().t;
}

QStringList getsBeforeTheirPut(const PyRun &r)
{
    QHash<QString, double> put;
    QVector<Marker> gets;
    for (int row = 0; row < r.model.rowCount(); ++row) {
        const Lane &l = r.model.lane(row);
        for (const Marker &m : l.markers()) {
            const QJsonValue item = m.args.value(QStringLiteral("item"));
            if (item.isNull() || item.isUndefined())
                continue;
            if (m.name == ev::Put && !put.contains(item.toVariant().toString()))
                put.insert(item.toVariant().toString(), m.t);
            else if (m.name == ev::Get)
                gets << m;
        }
    }
    QStringList early;
    for (const Marker &g : gets) {
        const QString item = g.args.value(QStringLiteral("item")).toVariant().toString();
        if (!put.contains(item) || g.t < put.value(item))
            early << item;
    }
    return early;
}

} // namespace proclab::test
