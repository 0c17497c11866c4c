#include "processtree.h"

namespace proclab {

namespace {
bool isBlocking(const QString &interval)
{
    return interval == ev::Sleep || interval == ev::Join || interval == ev::ManagerCall ||
           interval.startsWith(QLatin1String("wait:"));
}

bool covers(const Interval &iv, double t)
{
    return iv.t0 <= t && (iv.open() || t < iv.t1);
}
} // namespace

ProcessStateAt ProcessTree::stateAt(const Lane &lane, double t)
{
    const ProcessStateAt traced = tracedStateAt(lane, t);
    // What the runner read in /proc at t, if it sampled this process then: it
    // sees what the trace cannot (a worker runnable but waiting for a CPU is
    // R; one blocked in a read is S; an unreaped child is Z). The trace wins
    // for exits and reaps, which samples can only see late.
    const Interval *sampled = nullptr;
    for (const Interval &st : lane.states) {
        if (st.t0 > t)
            break;
        if (covers(st, t))
            sampled = &st;
    }
    if (!sampled || traced.state == ProcessState::NotStarted ||
        traced.state == ProcessState::Reaped || traced.state == ProcessState::Exited)
        return traced;
    if (sampled->name == ev::StateZombie)
        return {ProcessState::Zombie, {}};
    if (sampled->name == ev::StateRunning)
        return {ProcessState::Running, {}};
    if (sampled->name == ev::StateSleeping || sampled->name == ev::StateDisk)
        return {ProcessState::Sleeping,
                traced.state == ProcessState::Sleeping ? traced.waitingIn : sampled->name};
    return traced;
}

ProcessStateAt ProcessTree::tracedStateAt(const Lane &lane, double t)
{
    if (lane.events.isEmpty() || t < lane.firstTs)
        return {ProcessState::NotStarted, {}};
    bool exited = false;
    for (const Marker &m : lane.markers) {
        if (m.t > t)
            break;
        if (m.name == ev::Reaped)
            return {ProcessState::Reaped, {}};
        if (m.name == ev::Exit)
            exited = true;
    }
    const Interval *blocked = nullptr;
    bool running = false, ranBefore = false;
    for (const Interval &iv : lane.intervals) {
        if (iv.t0 > t)
            break;
        if (!covers(iv, t)) {
            ranBefore = ranBefore || iv.name == ev::Running;
            continue;
        }
        if (iv.name == ev::Zombie)
            return {ProcessState::Zombie, {}};
        if (iv.name == ev::Running)
            running = true;
        else if (isBlocking(iv.name) && (!blocked || iv.depth >= blocked->depth))
            blocked = &iv;
    }
    if (exited || (ranBefore && !running))
        return {ProcessState::Exited, {}};
    if (blocked)
        return {ProcessState::Sleeping, blocked->name};
    return {ProcessState::Running, {}};
}

std::optional<Reparenting> ProcessTree::reparentingAt(const TraceModel &model, int row, double t)
{
    const Lane &l = model.lane(row);
    // Reported re-parenting (`reparent` events) wins; the last one by t counts.
    std::optional<Reparenting> reported;
    bool anyReported = false;
    for (const Marker &m : l.markers) {
        if (m.name != ev::Reparent)
            continue;
        anyReported = true;
        if (m.t <= t)
            reported =
                Reparenting{m.args.value(QStringLiteral("old_ppid")).toInteger(),
                            m.args.value(QStringLiteral("new_ppid")).toInteger(), m.t, false};
    }
    if (anyReported)
        return reported;
    // Otherwise inferred: the parent exited while this process was not yet
    // reaped, so the kernel handed it to the nearest subreaper, the runner.
    const int prow = model.rowOfPid(l.ppid);
    if (prow < 0 || l.isMain)
        return std::nullopt;
    const Lane &parent = model.lane(prow);
    double parentExit = -1;
    for (const Marker &m : parent.markers)
        if (m.name == ev::Exit) {
            parentExit = m.t;
            break;
        }
    if (parentExit < 0 || parentExit > t || l.events.isEmpty() || l.firstTs > parentExit)
        return std::nullopt;
    for (const Marker &m : l.markers)
        if (m.name == ev::Reaped && m.t <= parentExit)
            return std::nullopt; // gone before its parent
    qint64 runner = 0;
    if (model.rowCount() > 0 && model.lane(0).isMain)
        runner = model.lane(0).ppid;
    return Reparenting{l.ppid, runner, parentExit, true};
}

ProcessTree ProcessTree::build(const TraceModel &model, double t)
{
    ProcessTree tree;
    tree.m_t = t < 0 ? model.now() : t;
    const double at = tree.m_t;

    ProcessNode runner;
    runner.isRunner = true;
    runner.pid = model.rowCount() > 0 && model.lane(0).isMain ? model.lane(0).ppid : 0;
    runner.name = QStringLiteral("proclab-runner");
    runner.state = {ProcessState::Running, {}};
    tree.m_nodes.push_back(runner);

    QVector<qint64> parentPid;
    for (int row = 0; row < model.rowCount(); ++row) {
        const Lane &l = model.lane(row);
        ProcessNode n;
        n.pid = l.pid;
        n.name = l.name;
        n.isMain = l.isMain;
        n.daemon = l.daemon;
        n.laneRow = row;
        n.state = stateAt(l, at);
        for (const Marker &m : l.markers) {
            if (m.t > at)
                break;
            if (m.name == ev::Exit)
                n.exitcode = m.args.value(QStringLiteral("exitcode")).toInt();
        }
        n.reparented = reparentingAt(model, row, at);
        parentPid.push_back(n.reparented ? n.reparented->toPid : l.ppid);
        tree.m_nodes.push_back(n);
    }
    for (int i = 1; i < tree.m_nodes.size(); ++i) {
        const qint64 pp = parentPid[i - 1];
        const int p = pp == tree.m_nodes[i].pid ? -1 : tree.indexOfPid(pp);
        tree.m_nodes[i].parent = p < 0 ? 0 : p; // unknown parents: under the runner
    }
    // A cycle cannot come from a real trace, but a hand-edited one must not hang a view.
    for (int i = 1; i < tree.m_nodes.size(); ++i) {
        int p = tree.m_nodes[i].parent, steps = 0;
        while (p > 0 && p != i && steps++ < tree.m_nodes.size())
            p = tree.m_nodes[p].parent;
        if (p == i || steps > tree.m_nodes.size())
            tree.m_nodes[i].parent = 0;
    }
    for (int i = 1; i < tree.m_nodes.size(); ++i)
        tree.m_nodes[tree.m_nodes[i].parent].children.push_back(i);
    return tree;
}

int ProcessTree::indexOfPid(qint64 pid) const
{
    for (int i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i].pid == pid)
            return i;
    return -1;
}

bool ProcessTree::sameShape(const ProcessTree &o) const
{
    if (m_nodes.size() != o.m_nodes.size())
        return false;
    for (int i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i].pid != o.m_nodes[i].pid || m_nodes[i].parent != o.m_nodes[i].parent ||
            m_nodes[i].children != o.m_nodes[i].children)
            return false;
    return true;
}

} // namespace proclab
