#pragma once
// Everything known about one run: a row per real process (lane), its state
// intervals, markers and the arrows between lanes, plus the lab's id,
// parameters and summary. Live runs append batches as they are drained;
// opened traces append all at once: both end in the same model.
//
// Rows: MainProcess first, then lanes in the order their processes appeared.
// Intervals and markers are derived from a lane's events on demand (cheap,
// cached), so events may arrive out of order across lanes.

#include "traceevent.h"

#include <QAbstractListModel>
#include <QHash>
#include <QJsonObject>
#include <optional>

namespace proclab {

struct Interval
{
    QString name;     // running, sleep, join, zombie, ...
    double t0 = 0;    // µs
    double t1 = -1;   // µs; < 0 while still open (a live run)
    int depth = 0;    // nesting level on the lane (running = 0, sleep inside it = 1)
    QJsonObject args; // Begin's args merged with End's

    bool open() const { return t1 < 0; }
    double endOr(double now) const { return open() ? now : t1; }
};

struct Marker
{
    QString name; // start, exit, terminate, ...
    double t = 0;
    QJsonObject args;
};

// The CPU a lane's process last ran on, as the runner sampled it.
struct CpuSample
{
    double t = 0; // µs
    int cpu = -1;
};

// The share of one CPU a lane's process used in a sampled window.
struct CpuShare
{
    double t0 = 0, t1 = 0; // µs
    int percent = 0;
};

struct Flow
{
    QString name; // start
    qint64 id = 0;
    qint64 fromPid = 0;
    double fromTs = 0;
    qint64 toPid = 0;
    double toTs = -1; // < 0 until the target end is known
};

struct Lane
{
    qint64 pid = 0;
    QString name;
    qint64 ppid = 0;
    bool isMain = false;
    bool daemon = false;
    bool spawned = false;
    TraceEvents events; // sorted by ts

    // Derived from events (see TraceModel::refresh).
    QVector<Interval> intervals;
    QVector<Marker> markers;
    // Sampled from /proc by the runner (`state` and `cpu` counters): one
    // interval per stretch in one state, named ev::StateRunning, ...
    // (depth 0, back to back, never overlapping; the last open until the
    // process is reaped), and every change of CPU, by time.
    QVector<Interval> states;
    QVector<CpuSample> cpuSamples;
    QVector<CpuShare> cpuShares; // `cpu_share` counters, by time
    double firstTs = 0;
    double lastTs = 0;
    std::optional<int> exitcode;
    bool reaped = false;
};

class TraceModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles
    {
        PidRole = Qt::UserRole + 1,
        NameRole,
        PpidRole,
        ExitCodeRole, // QVariant() while unknown
        DaemonRole,
        ReapedRole,
        IsMainRole,
    };
    Q_ENUM(Roles)

    explicit TraceModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void clear();
    void append(const TraceEvents &events);

    const Lane &lane(int row) const;
    int rowOfPid(qint64 pid) const; // -1 if unknown
    QString laneName(qint64 pid) const;
    const QVector<Flow> &flows() const { return m_flows; }
    TraceEvents allEvents() const; // every lane's events, lanes in row order

    // The sampled /proc state of lane `row` at time `t` (µs): ev::StateRunning,
    // ev::StateSleeping, ev::StateDisk, ev::StateZombie, ev::StateStopped, or
    // an empty string when nothing was sampled at `t` (before the first
    // sample, after the reap, or a trace without samples).
    QString sampledState(int row, double t) const;
    // The CPU lane `row` last ran on at time `t` (µs), or -1 when unknown.
    int sampledCpu(int row, double t) const;

    double endTime() const { return m_endTs; } // latest event, µs
    // A live run's "now" (µs): open intervals are drawn up to it.
    double now() const { return m_live ? std::max(m_now, m_endTs) : m_endTs; }
    void setLiveNow(double nowUs);
    void setLive(bool live);
    bool isLive() const { return m_live; }

    QString labId() const { return m_labId; }
    QJsonObject params() const { return m_params; }
    QJsonObject summary() const { return m_summary; }
    QString runStatus() const
    {
        return m_runStatus;
    } // finished, failed, stopped, timed-out, crashed
    void setRunInfo(const QString &labId, const QJsonObject &params);
    void setSummary(const QJsonObject &summary);
    void setRunStatus(const QString &status);

    int eventCount() const { return m_eventCount; }

Q_SIGNALS:
    void changed(); // after every append / status change: views repaint

private:
    int ensureLane(qint64 pid);
    void applyMeta(Lane &lane, const TraceEvent &e);
    void refresh(Lane &lane) const;

    mutable QVector<Lane> m_lanes;
    mutable QVector<bool> m_dirty;
    QHash<qint64, int> m_rowOfPid;
    QVector<Flow> m_flows;
    QHash<qint64, int> m_flowOfId;
    double m_endTs = 0;
    double m_now = 0;
    bool m_live = false;
    int m_eventCount = 0;
    QString m_labId;
    QJsonObject m_params;
    QJsonObject m_summary;
    QString m_runStatus;
};

} // namespace proclab
