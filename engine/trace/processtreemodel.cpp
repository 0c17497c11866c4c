#include "processtreemodel.h"

namespace proclab {

ProcessTreeModel::ProcessTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void ProcessTreeModel::setSource(TraceModel *model)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = model;
    if (m_source)
        connect(m_source, &TraceModel::changed, this, &ProcessTreeModel::rebuild);
    rebuild();
}

void ProcessTreeModel::setTime(double us)
{
    if (us == m_t)
        return;
    m_t = us;
    rebuild();
}

void ProcessTreeModel::rebuild()
{
    ProcessTree next = m_source ? ProcessTree::build(*m_source, m_t) : ProcessTree();
    if (next.sameNodes(m_tree)) {
        // Nothing a view shows changed (most live updates: the same
        // processes in the same states): no dataChanged, no re-layout.
        m_tree = std::move(next);
        return;
    }
    if (next.sameShape(m_tree)) {
        m_tree = std::move(next);
        if (!m_tree.nodes().isEmpty()) {
            // Every row's values may have changed: tell the view per parent.
            for (int i = 0; i < m_tree.nodes().size(); ++i) {
                const auto &kids = m_tree.nodes()[i].children;
                if (i == 0)
                    Q_EMIT dataChanged(index(0, 0), index(0, ColumnCount - 1));
                if (!kids.isEmpty())
                    Q_EMIT dataChanged(indexOfNode(kids.first(), 0),
                                       indexOfNode(kids.last(), ColumnCount - 1));
            }
        }
        return;
    }
    beginResetModel();
    m_tree = std::move(next);
    endResetModel();
}

QModelIndex ProcessTreeModel::indexOfNode(int node, int column) const
{
    if (node < 0 || node >= m_tree.nodes().size())
        return {};
    const int p = m_tree.nodes()[node].parent;
    const int row = p < 0 ? 0 : int(m_tree.nodes()[p].children.indexOf(node));
    return createIndex(row, column, quintptr(node));
}

QModelIndex ProcessTreeModel::indexOfPid(qint64 pid, int column) const
{
    const int node = m_tree.indexOfPid(pid);
    return node < 0 ? QModelIndex() : indexOfNode(node, column);
}

QModelIndex ProcessTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || m_tree.nodes().isEmpty())
        return {};
    if (!parent.isValid())
        return row == 0 ? createIndex(0, column, quintptr(0)) : QModelIndex();
    const auto &kids = m_tree.nodes()[int(parent.internalId())].children;
    return row < kids.size() ? createIndex(row, column, quintptr(kids[row])) : QModelIndex();
}

QModelIndex ProcessTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(m_tree.nodes()[int(child.internalId())].parent, 0);
}

int ProcessTreeModel::rowCount(const QModelIndex &parent) const
{
    if (m_tree.nodes().isEmpty())
        return 0;
    if (!parent.isValid())
        return 1;
    if (parent.column() != 0)
        return 0;
    return int(m_tree.nodes()[int(parent.internalId())].children.size());
}

int ProcessTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString ProcessTreeModel::stateText(const ProcessStateAt &s)
{
    switch (s.state) {
    case ProcessState::NotStarted:
        return tr("not started");
    case ProcessState::Running:
        return tr("running");
    case ProcessState::Sleeping:
        if (s.waitingIn == ev::StateDisk) // sampled, not an event
            return tr("disk wait (D)");
        switch (eventkind::fromName(s.waitingIn)) {
        case EventKind::Sleep:
            return tr("sleeping: sleep()");
        case EventKind::Join:
            return tr("sleeping: join()");
        case EventKind::WaitLock:
            return tr("sleeping: lock");
        case EventKind::WaitPut:
            return tr("sleeping: put()");
        case EventKind::WaitGet:
            return tr("sleeping: get()");
        case EventKind::WaitJoinQueue:
            return tr("sleeping: queue.join()");
        case EventKind::WaitRecv:
            return tr("sleeping: recv()");
        case EventKind::ManagerCall:
            return tr("sleeping: manager");
        default:
            break;
        }
        return tr("sleeping");
    case ProcessState::Zombie:
        return tr("zombie");
    case ProcessState::Exited:
        return tr("exited");
    case ProcessState::Reaped:
        return tr("reaped");
    }
    return {};
}

QString ProcessTreeModel::exitCodeText(int code)
{
    return QString::number(code); // compact: the tooltip names the signal
}

QString ProcessTreeModel::exitCodeToolTip(int code)
{
    if (code == -15)
        return tr("-15: ended by SIGTERM (terminate())");
    if (code == -9)
        return tr("-9: ended by SIGKILL (kill())");
    if (code < 0)
        return tr("%1: ended by signal %2").arg(code).arg(-code);
    return tr("%1: the process exited with code %1").arg(code);
}

QString ProcessTreeModel::nameText(const ProcessNode &n) const
{
    if (n.isRunner)
        return tr("proclab-runner\n(subreaper)");
    QString s = n.name;
    if (n.daemon)
        s = tr("%1 (daemon)").arg(s);
    if (n.reparented)
        s += QLatin1Char('\n') + tr("\u21b3 re-parented from %1").arg(n.reparented->fromPid);
    return s;
}

QVariant ProcessTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || int(index.internalId()) >= m_tree.nodes().size())
        return {};
    const ProcessNode &n = m_tree.nodes()[int(index.internalId())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return nameText(n);
        case PidColumn:
            return n.pid > 0 ? QVariant(QString::number(n.pid)) : QVariant(QString());
        case StateColumn:
            return n.isRunner ? QString() : stateText(n.state);
        case ExitCodeColumn:
            return n.exitcode ? exitCodeText(*n.exitcode) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ExitCodeColumn && n.exitcode)
            return exitCodeToolTip(*n.exitcode);
        if (n.isRunner)
            return tr("The runner supervises the lab. As a subreaper it adopts every "
                      "orphan whose parent died, and reaps it.");
        if (n.reparented)
            return tr("%1's parent %2 died at %3 ms; the kernel gave %1 to the subreaper "
                      "(pid %4).")
                .arg(n.name)
                .arg(n.reparented->fromPid)
                .arg(n.reparented->t / 1000.0, 0, 'f', 1)
                .arg(n.reparented->toPid);
        return {};
    case PidRole:
        return n.pid;
    case StateRole:
        return int(n.state.state);
    case WaitingInRole:
        return n.state.waitingIn;
    case ReparentedRole:
        return n.reparented.has_value();
    case IsRunnerRole:
        return n.isRunner;
    case LaneRowRole:
        return n.laneRow;
    }
    return {};
}

QVariant ProcessTreeModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Process");
    case PidColumn:
        return tr("PID");
    case StateColumn:
        return tr("State");
    case ExitCodeColumn:
        return tr("Exit");
    }
    return {};
}

} // namespace proclab
