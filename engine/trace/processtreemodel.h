#pragma once
// ProcessTree as a Qt item model for a QTreeView: one row per process under
// its parent at the chosen instant (the live "now" by default, or a time the
// user points at). Rebuilt on TraceModel::changed(); values change in place
// while the shape stays, the model resets when a process appears or moves.

#include "processtree.h"

#include <QAbstractItemModel>
#include <QPointer>

namespace proclab {

class ProcessTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        PidColumn,
        StateColumn,
        ExitCodeColumn,
        ColumnCount
    };
    enum Roles
    {
        PidRole = Qt::UserRole + 1,
        StateRole,     // int(ProcessState)
        WaitingInRole, // interval name while Sleeping
        ReparentedRole,
        IsRunnerRole,
        LaneRowRole,
    };
    Q_ENUM(Roles)

    explicit ProcessTreeModel(QObject *parent = nullptr);

    void setSource(TraceModel *model);
    // The instant shown, µs; < 0 follows the model's now().
    void setTime(double us);
    double time() const { return m_t; }
    const ProcessTree &tree() const { return m_tree; }
    QModelIndex indexOfPid(qint64 pid, int column = 0) const;

    static QString stateText(const ProcessStateAt &s);
    static QString exitCodeText(int code);
    static QString exitCodeToolTip(int code);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void rebuild();

private:
    QModelIndex indexOfNode(int node, int column) const;
    QString nameText(const ProcessNode &n) const;

    QPointer<TraceModel> m_source;
    ProcessTree m_tree;
    double m_t = -1;
};

} // namespace proclab
