#include "tracemodel.h"

#include "sampledstate.h"

#include <QSet>
#include <algorithm>
#include <cmath>

namespace proclab {

TraceModel::TraceModel(QObject *parent) : QAbstractListModel(parent) {}

int TraceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lanes.size());
}

QVariant TraceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Lane &l = lane(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 (%2)").arg(l.name).arg(l.pid);
    case NameRole:
        return l.name;
    case PidRole:
        return l.pid;
    case PpidRole:
        return l.ppid;
    case ExitCodeRole:
        return l.exitcode ? QVariant(*l.exitcode) : QVariant();
    case DaemonRole:
        return l.daemon;
    case ReapedRole:
        return l.reaped;
    case IsMainRole:
        return l.isMain;
    }
    return {};
}

QHash<int, QByteArray> TraceModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{PidRole, "pid"},
                  {NameRole, "name"},
                  {PpidRole, "ppid"},
                  {ExitCodeRole, "exitcode"},
                  {DaemonRole, "daemon"},
                  {ReapedRole, "reaped"},
                  {IsMainRole, "isMain"}});
    return names;
}

void TraceModel::clear()
{
    beginResetModel();
    m_lanes.clear();
    m_dirty.clear();
    m_rowOfPid.clear();
    m_flows.clear();
    m_flowOfId.clear();
    m_endTs = m_now = 0;
    m_live = false;
    m_eventCount = 0;
    m_labId.clear();
    m_params = {};
    m_summary = {};
    m_runStatus.clear();
    endResetModel();
    Q_EMIT changed();
}

int TraceModel::ensureLane(qint64 pid)
{
    const auto it = m_rowOfPid.constFind(pid);
    if (it != m_rowOfPid.constEnd())
        return *it;
    const int row = int(m_lanes.size());
    beginInsertRows({}, row, row);
    Lane l;
    l.pid = pid;
    l.name = QStringLiteral("pid %1").arg(pid);
    m_lanes.push_back(l);
    m_dirty.push_back(true);
    m_rowOfPid.insert(pid, row);
    endInsertRows();
    return row;
}

void TraceModel::applyMeta(Lane &l, const TraceEvent &e)
{
    if (e.name != ev::ProcessName)
        return;
    l.name = e.args.value(QStringLiteral("name")).toString(l.name);
    l.ppid = e.args.value(QStringLiteral("ppid")).toInteger(l.ppid);
    l.isMain = e.args.value(QStringLiteral("main")).toBool(l.isMain);
    l.daemon = e.args.value(QStringLiteral("daemon")).toBool(l.daemon);
    l.spawned = e.args.value(QStringLiteral("spawned")).toBool(l.spawned);
}

void TraceModel::append(const TraceEvents &events)
{
    if (events.isEmpty())
        return;
    QVector<bool> touched(m_lanes.size(), false);
    QHash<qint64, int> firstNew; // pid -> index of its first event from this batch
    QSet<qint64> unsorted;
    for (const TraceEvent &e : events) {
        const int row = ensureLane(e.pid);
        touched.resize(m_lanes.size());
        touched[row] = true;
        Lane &l = m_lanes[row];
        if (e.ph == TraceEvent::Meta) {
            applyMeta(l, e);
            if (l.isMain && row != 0) {
                // MainProcess always heads the list.
                beginMoveRows({}, row, row, {}, 0);
                m_lanes.move(row, 0);
                m_dirty.move(row, 0);
                touched.move(row, 0);
                for (int r = 0; r < m_lanes.size(); ++r)
                    m_rowOfPid[m_lanes[r].pid] = r;
                endMoveRows();
            }
            continue;
        }
        if (e.ph == TraceEvent::FlowStart || e.ph == TraceEvent::FlowEnd) {
            auto it = m_flowOfId.find(e.id);
            if (it == m_flowOfId.end()) {
                it = m_flowOfId.insert(e.id, int(m_flows.size()));
                m_flows.push_back(Flow{e.name, e.id, 0, 0, 0, -1});
            }
            Flow &f = m_flows[*it];
            if (e.ph == TraceEvent::FlowStart) {
                f.fromPid = e.pid;
                f.fromTs = e.ts;
            } else {
                f.toPid = e.pid;
                f.toTs = e.ts;
            }
        }
        // Lanes stay sorted by time. Records mostly arrive in order (append);
        // a batch that reaches back in time is merged once, below.
        if (!firstNew.contains(e.pid))
            firstNew.insert(e.pid, int(l.events.size()));
        if (!l.events.isEmpty() && e.ts < l.events.last().ts)
            unsorted.insert(e.pid);
        l.events.push_back(e);
        m_endTs = std::max(m_endTs, e.ts);
        ++m_eventCount;
    }
    const auto byTime = [](const TraceEvent &a, const TraceEvent &b) { return a.ts < b.ts; };
    for (qint64 pid : std::as_const(unsorted)) {
        TraceEvents &ev = m_lanes[m_rowOfPid.value(pid)].events;
        const auto mid = ev.begin() + firstNew.value(pid);
        std::stable_sort(mid, ev.end(), byTime);
        std::inplace_merge(ev.begin(), mid, ev.end(), byTime);
    }
    for (int r = 0; r < m_lanes.size(); ++r) {
        if (r < touched.size() && touched[r]) {
            m_dirty[r] = true;
            const QModelIndex i = index(r);
            Q_EMIT dataChanged(i, i);
        }
    }
    Q_EMIT changed();
}

void TraceModel::refresh(Lane &l) const
{
    l.intervals.clear();
    l.markers.clear();
    l.states.clear();
    l.cpuSamples.clear();
    l.cpuShares.clear();
    l.exitcode.reset();
    l.reaped = false;
    QVector<int> open; // indexes into l.intervals
    for (const TraceEvent &e : std::as_const(l.events)) {
        switch (e.ph) {
        case TraceEvent::Begin:
            l.intervals.push_back(Interval{e.name, e.ts, -1, 0, e.args});
            open.push_back(int(l.intervals.size()) - 1);
            break;
        case TraceEvent::Complete:
            l.intervals.push_back(Interval{e.name, e.ts, e.ts + std::max(0.0, e.dur), 0, e.args});
            break;
        case TraceEvent::End: {
            // Close the innermost interval of that name and everything opened
            // inside it: a process that dies while sleeping ends both.
            int k = int(open.size()) - 1;
            while (k >= 0 && l.intervals[open[k]].name != e.name)
                --k;
            if (k < 0)
                break;
            while (int(open.size()) > k) {
                Interval &iv = l.intervals[open.back()];
                iv.t1 = e.ts;
                if (iv.name == e.name)
                    for (auto it = e.args.begin(); it != e.args.end(); ++it)
                        iv.args.insert(it.key(), it.value());
                open.pop_back();
            }
            break;
        }
        case TraceEvent::Counter:
            if (e.name == ev::State) {
                if (!l.states.isEmpty() && l.states.last().open())
                    l.states.last().t1 = e.ts;
                const QString name = sampledStateName(
                    sampledStateFromCode(e.args.value(QStringLiteral("state")).toInteger()));
                if (!name.isEmpty())
                    l.states.push_back(Interval{name, e.ts, -1, 0, {}});
            } else if (e.name == ev::Cpu) {
                l.cpuSamples.push_back(
                    CpuSample{e.ts, e.args.value(QStringLiteral("cpu")).toInt(-1)});
            } else if (e.name == ev::CpuShare) {
                // The window ends here; it began where the previous one
                // ended, unless an idle stretch (not recorded) came between.
                double t0 = e.ts - ev::kShareWindowUs;
                if (!l.cpuShares.isEmpty() &&
                    e.ts - l.cpuShares.last().t1 < 1.5 * ev::kShareWindowUs)
                    t0 = l.cpuShares.last().t1;
                l.cpuShares.push_back(CpuShare{
                    t0, e.ts,
                    std::clamp(e.args.value(QStringLiteral("cpu_share")).toInt(), 0, 100)});
            }
            break;
        case TraceEvent::Instant:
            l.markers.push_back(Marker{e.name, e.ts, e.args});
            if (e.name == ev::Exit)
                l.exitcode = e.args.value(QStringLiteral("exitcode")).toInt();
            else if (e.name == ev::Reaped)
                l.reaped = true;
            break;
        default:
            break;
        }
    }
    // Nesting depth from the intervals themselves (outer first at equal start),
    // so live Begin/End pairs and opened Complete events nest alike.
    std::stable_sort(l.intervals.begin(), l.intervals.end(),
                     [](const Interval &a, const Interval &b) {
                         if (a.t0 != b.t0)
                             return a.t0 < b.t0;
                         return (a.open() ? INFINITY : a.t1) > (b.open() ? INFINITY : b.t1);
                     });
    // An opened trace's end is ts + dur, which can land an ulp past the start
    // of the next interval; the clock has 1 ns resolution, so closer is "at".
    constexpr double kSameTimeUs = 1e-4;
    QVector<double> ends;
    for (Interval &iv : l.intervals) {
        while (!ends.isEmpty() && ends.last() <= iv.t0 + kSameTimeUs && ends.last() >= 0)
            ends.pop_back();
        iv.depth = int(ends.size());
        ends.push_back(iv.open() ? -1 : iv.t1);
        if (ends.last() < 0)
            ends.last() = INFINITY;
    }
    l.firstTs = l.events.isEmpty() ? 0 : l.events.first().ts;
    l.lastTs = l.events.isEmpty() ? 0 : l.events.last().ts;
}

const Lane &TraceModel::lane(int row) const
{
    if (m_dirty[row]) {
        refresh(m_lanes[row]);
        m_dirty[row] = false;
    }
    return m_lanes[row];
}

int TraceModel::rowOfPid(qint64 pid) const
{
    return m_rowOfPid.value(pid, -1);
}

QString TraceModel::laneName(qint64 pid) const
{
    const int row = rowOfPid(pid);
    return row < 0 ? QStringLiteral("pid %1").arg(pid) : m_lanes[row].name;
}

TraceEvents TraceModel::allEvents() const
{
    TraceEvents out;
    out.reserve(m_eventCount + 2 * m_lanes.size());
    for (int r = 0; r < m_lanes.size(); ++r) {
        const Lane &l = m_lanes[r];
        QJsonObject meta{{QStringLiteral("name"), l.name},
                         {QStringLiteral("ppid"), l.ppid},
                         {QStringLiteral("main"), l.isMain},
                         {QStringLiteral("daemon"), l.daemon},
                         {QStringLiteral("spawned"), l.spawned}};
        out.push_back(TraceEvent{0, l.pid, TraceEvent::Meta, ev::ProcessName, meta, 0});
        out += l.events;
    }
    return out;
}

QString TraceModel::sampledState(int row, double t) const
{
    const QVector<Interval> &states = lane(row).states;
    // The last span starting at or before t.
    auto it = std::upper_bound(states.cbegin(), states.cend(), t,
                               [](double v, const Interval &iv) { return v < iv.t0; });
    if (it == states.cbegin())
        return {};
    --it;
    return t < it->endOr(now()) || (it->open() && t <= now()) ? it->name : QString();
}

int TraceModel::sampledCpu(int row, double t) const
{
    const QVector<CpuSample> &samples = lane(row).cpuSamples;
    auto it = std::upper_bound(samples.cbegin(), samples.cend(), t,
                               [](double v, const CpuSample &s) { return v < s.t; });
    return it == samples.cbegin() ? -1 : std::prev(it)->cpu;
}

void TraceModel::setLiveNow(double nowUs)
{
    m_now = nowUs;
    Q_EMIT changed();
}

void TraceModel::setLive(bool live)
{
    m_live = live;
    Q_EMIT changed();
}

void TraceModel::setRunInfo(const QString &labId, const QJsonObject &params)
{
    m_labId = labId;
    m_params = params;
}

void TraceModel::setSummary(const QJsonObject &summary)
{
    m_summary = summary;
    Q_EMIT changed();
}

void TraceModel::setRunStatus(const QString &status)
{
    m_runStatus = status;
    Q_EMIT changed();
}

} // namespace proclab
