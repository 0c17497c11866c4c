#include "tracemodel.h"

#include "eventargs.h"
#include "laneevents.h"
#include "sampledstate.h"

#include <algorithm>
#include <cmath>

namespace proclab {

TraceModel::TraceModel(QObject *parent) : QAbstractListModel(parent) {}

TraceModel::~TraceModel() = default;

int TraceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snap.lanes.size());
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
    m_writer.reset();
    m_snap = {};
    m_rowOfPid.clear();
    m_flows.reset();
    m_now = 0;
    m_live = false;
    m_labId.clear();
    m_params = {};
    m_summary = {};
    m_runStatus.clear();
    endResetModel();
    Q_EMIT changed();
}

void TraceModel::append(const TraceEvents &events)
{
    if (events.isEmpty())
        return;
    if (!m_writer) {
        if (!m_snap.lanes.isEmpty())
            qWarning("TraceModel::append: this model shows another store; events ignored");
        if (!m_snap.lanes.isEmpty())
            return;
        m_writer = std::make_unique<EventStore>();
    }
    m_writer->appendGeneric(events);
    adopt(m_writer->snapshot());
}

void TraceModel::adopt(StoreSnapshot s)
{
    // Announce row changes one by one so that every step is consistent.
    QVector<Lane> cur = m_snap.lanes;
    auto indexOf = [&](qint64 pid) {
        for (int i = 0; i < cur.size(); ++i)
            if (cur[i].pid == pid)
                return i;
        return -1;
    };
    auto commit = [&] {
        m_snap.lanes = cur;
        m_rowOfPid.clear();
        for (int r = 0; r < cur.size(); ++r)
            m_rowOfPid.insert(cur[r].pid, r);
    };
    // MainProcess moved to the top.
    if (!s.lanes.isEmpty()) {
        const int p = indexOf(s.lanes.first().pid);
        if (p > 0) {
            beginMoveRows({}, p, p, {}, 0);
            cur.move(p, 0);
            commit();
            endMoveRows();
        }
    }
    // New lanes where the snapshot has them.
    for (int i = 0; i < s.lanes.size(); ++i) {
        if (indexOf(s.lanes[i].pid) >= 0)
            continue;
        const int at = std::min(i, int(cur.size()));
        beginInsertRows({}, at, at);
        cur.insert(at, s.lanes[i]);
        commit();
        endInsertRows();
    }
    // Any other reordering (not expected): a reset keeps views consistent.
    bool same = cur.size() == s.lanes.size();
    for (int i = 0; same && i < cur.size(); ++i)
        same = cur[i].pid == s.lanes[i].pid;
    const QVector<qint64> touched = s.touched;
    if (!same) {
        beginResetModel();
        m_snap = std::move(s);
        m_rowOfPid.clear();
        for (int r = 0; r < m_snap.lanes.size(); ++r)
            m_rowOfPid.insert(m_snap.lanes[r].pid, r);
        m_flows.reset();
        endResetModel();
    } else {
        m_snap = std::move(s);
        m_flows.reset();
        for (qint64 pid : touched) {
            const int r = m_rowOfPid.value(pid, -1);
            if (r >= 0) {
                const QModelIndex i = index(r);
                Q_EMIT dataChanged(i, i);
            }
        }
    }
    Q_EMIT changed();
}

void TraceModel::copyFrom(const TraceModel &other)
{
    clear();
    setRunInfo(other.labId(), other.params());
    StoreSnapshot s = other.m_snap;
    s.touched.clear();
    adopt(std::move(s));
    m_summary = other.m_summary;
    m_runStatus = other.m_runStatus;
    Q_EMIT changed();
}

const Lane &TraceModel::lane(int row) const
{
    return m_snap.lanes[row];
}

int TraceModel::rowOfPid(qint64 pid) const
{
    return m_rowOfPid.value(pid, -1);
}

QString TraceModel::laneName(qint64 pid) const
{
    const int row = rowOfPid(pid);
    return row < 0 ? QStringLiteral("pid %1").arg(pid) : m_snap.lanes[row].name;
}

const QVector<Flow> &TraceModel::flows() const
{
    if (!m_flows)
        m_flows = m_snap.flowList();
    return *m_flows;
}

TraceEvents TraceModel::allEvents() const
{
    TraceEvents out;
    out.reserve(eventCount() + 2 * rowCount());
    for (int r = 0; r < rowCount(); ++r) {
        const Lane &l = m_snap.lanes[r];
        QJsonObject meta{{QStringLiteral("name"), l.name},
                         {QStringLiteral("ppid"), l.ppid},
                         {QStringLiteral("main"), l.isMain},
                         {QStringLiteral("daemon"), l.daemon},
                         {QStringLiteral("spawned"), l.spawned}};
        out.push_back(TraceEvent{0, l.pid, TraceEvent::Meta, ev::ProcessName, meta, 0});
        LaneEvents events(l, m_snap.flows);
        TraceEvent e;
        while (events.next(&e))
            out.push_back(e);
    }
    return out;
}

QString TraceModel::sampledState(int row, double t) const
{
    const int code = lane(row).stateCodeAt(t, now());
    return code < 0 ? QString() : sampledStateName(sampledStateFromCode(code));
}

int TraceModel::sampledCpu(int row, double t) const
{
    return lane(row).cpuAt(t);
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
