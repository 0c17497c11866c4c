#pragma once
// Everything known about one run, as the views see it: a row per real
// process (lane), plus the lab's id, parameters and summary. The events
// themselves live in a compact EventStore (eventstore.h); the model shows
// one snapshot of it at a time.
//
// Rows: MainProcess first, then lanes in the order their processes appeared.
// A live run's store is written by the host's drain thread, which hands the
// model a new snapshot about 60 times a second (adopt()); a model can also
// build its own store from TraceEvents (append(), for hand-built runs and
// tests), and an opened trace is read into a store of its own. All three end
// in the same model.

#include "eventstore.h"
#include "traceevent.h"

#include <QAbstractListModel>
#include <QHash>
#include <QJsonObject>
#include <memory>
#include <optional>

namespace proclab {

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
    ~TraceModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void clear();
    // Hand-built or converted events, in any order: the model keeps a store
    // of its own for them (not for a model that shows someone else's store).
    void append(const TraceEvents &events);
    // A newer snapshot of the store this model shows (rows are announced as
    // inserted, moved or changed).
    void adopt(StoreSnapshot snapshot);
    // Shows what `other` shows (the same immutable snapshot), run info included.
    void copyFrom(const TraceModel &other);

    const StoreSnapshot &snapshot() const { return m_snap; }
    const Lane &lane(int row) const;
    int rowOfPid(qint64 pid) const; // -1 if unknown
    QString laneName(qint64 pid) const;
    const QVector<Flow> &flows() const; // materialised: tests and small runs
    TraceEvents allEvents() const;      // every lane's events, lanes in row order (small runs)

    // The sampled /proc state of lane `row` at time `t` (µs): ev::StateRunning,
    // ev::StateSleeping, ev::StateDisk, ev::StateZombie, ev::StateStopped, or
    // an empty string when nothing was sampled at `t` (before the first
    // sample, after the reap, or a trace without samples).
    QString sampledState(int row, double t) const;
    // The CPU lane `row` last ran on at time `t` (µs), or -1 when unknown.
    int sampledCpu(int row, double t) const;

    double endTime() const { return m_snap.endTs; } // latest event, µs
    // A live run's "now" (µs): open intervals are drawn up to it.
    double now() const { return m_live ? std::max(m_now, m_snap.endTs) : m_snap.endTs; }
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

    int eventCount() const { return int(m_snap.eventCount); }

Q_SIGNALS:
    void changed(); // after every append / status change: views repaint

private:
    std::unique_ptr<EventStore> m_writer; // append()'s own store
    StoreSnapshot m_snap;
    QHash<qint64, int> m_rowOfPid;
    mutable std::optional<QVector<Flow>> m_flows;
    double m_now = 0;
    bool m_live = false;
    QString m_labId;
    QJsonObject m_params;
    QJsonObject m_summary;
    QString m_runStatus;
};

} // namespace proclab
