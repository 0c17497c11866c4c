#include "processtree.h"

#include "sampledstate.h"
#include "tracemodel.h"

#include <cmath>

namespace proclab {

namespace {
bool isBlocking(const Lane &lane, const store::Row &r)
{
    return eventkind::isBlocking(r.kind) ||
           (r.kind == EventKind::Other && lane.rowName(r).startsWith(QLatin1String("wait:")));
}

// Notable markers of `lane` at or before t, in time order.
template <typename F> void notableUpTo(const Lane &lane, double t, F f)
{
    const store::TrackView &v = lane.tracks.notable;
    const std::size_t end = v.upperBound(t);
    for (std::size_t i = 0; i < end; ++i)
        if (!f(v.row(i)))
            return;
}
} // namespace

ProcessStateAt ProcessTree::stateAt(const Lane &lane, double t)
{
    const ProcessStateAt traced = tracedStateAt(lane, t);
    // What the runner read in /proc at t, if it sampled this process then: it
    // sees what the trace cannot (a worker runnable but waiting for a CPU is
    // R; one blocked in a read is S; an unreaped child is Z). The trace wins
    // for exits and reaps, which samples can only see late.
    const int code = lane.stateCodeAt(t, INFINITY);
    if (code < 0 || traced.state == ProcessState::NotStarted ||
        traced.state == ProcessState::Reaped || traced.state == ProcessState::Exited)
        return traced;
    const QString sampled = sampledStateName(sampledStateFromCode(code));
    if (sampled == ev::StateZombie)
        return {ProcessState::Zombie, {}};
    if (sampled == ev::StateRunning)
        return {ProcessState::Running, {}};
    if (sampled == ev::StateSleeping || sampled == ev::StateDisk)
        return {ProcessState::Sleeping,
                traced.state == ProcessState::Sleeping ? traced.waitingIn : sampled};
    return traced;
}

ProcessStateAt ProcessTree::tracedStateAt(const Lane &lane, double t)
{
    if (!lane.hasEvents || t < lane.firstTs)
        return {ProcessState::NotStarted, {}};
    bool exited = false, reaped = false;
    notableUpTo(lane, t, [&](const store::Row &r) {
        if (r.kind == EventKind::Reaped)
            reaped = true;
        if (r.kind == EventKind::Exit)
            exited = true;
        return !reaped;
    });
    if (reaped)
        return {ProcessState::Reaped, {}};
    bool running = false, ranBefore = false;
    // Depth 0: the process's life (running, then zombie): a few rows.
    if (!lane.tracks.depths.empty()) {
        const store::TrackView &top = lane.tracks.depths[0];
        const std::size_t end = top.upperBound(t);
        for (std::size_t i = 0; i < end; ++i) {
            const store::Row r = top.row(i);
            const double t1 = top.t1(i);
            const bool covers = t1 < 0 || t < t1;
            if (!covers) {
                ranBefore = ranBefore || r.kind == EventKind::Running;
                continue;
            }
            if (r.kind == EventKind::Zombie)
                return {ProcessState::Zombie, {}};
            if (r.kind == EventKind::Running)
                running = true;
        }
    }
    // Deeper: at most one interval per depth covers t; the deepest blocking one wins.
    QString blocked;
    for (std::size_t d = 1; d < lane.tracks.depths.size(); ++d) {
        const store::TrackView &v = lane.tracks.depths[d];
        const std::size_t up = v.upperBound(t);
        if (up == 0)
            continue;
        const store::Row r = v.row(up - 1);
        const double t1 = v.t1(up - 1);
        if (!(t1 < 0 || t < t1))
            continue;
        if (r.kind == EventKind::Zombie)
            return {ProcessState::Zombie, {}};
        if (isBlocking(lane, r))
            blocked = lane.rowName(r);
    }
    if (exited || (ranBefore && !running))
        return {ProcessState::Exited, {}};
    if (!blocked.isEmpty())
        return {ProcessState::Sleeping, blocked};
    return {ProcessState::Running, {}};
}

std::optional<Reparenting> ProcessTree::reparentingAt(const TraceModel &model, int row, double t)
{
    const Lane &l = model.lane(row);
    // Reported re-parenting (`reparent` events) wins; the last one by t counts.
    std::optional<Reparenting> reported;
    bool anyReported = false;
    const store::TrackView &notable = l.tracks.notable;
    for (std::size_t i = 0; i < notable.size(); ++i) {
        const store::Row r = notable.row(i);
        if (r.kind != EventKind::Reparent)
            continue;
        anyReported = true;
        if (r.t <= t) {
            const QJsonObject a = l.markerArgs(r);
            reported = Reparenting{a.value(QStringLiteral("old_ppid")).toInteger(),
                                   a.value(QStringLiteral("new_ppid")).toInteger(), r.t, false};
        }
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
    notableUpTo(parent, INFINITY, [&](const store::Row &r) {
        if (r.kind == EventKind::Exit) {
            parentExit = r.t;
            return false;
        }
        return true;
    });
    if (parentExit < 0 || parentExit > t || !l.hasEvents || l.firstTs > parentExit)
        return std::nullopt;
    bool goneBefore = false;
    notableUpTo(l, parentExit, [&](const store::Row &r) {
        goneBefore = goneBefore || r.kind == EventKind::Reaped;
        return !goneBefore;
    });
    if (goneBefore)
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
        notableUpTo(l, at, [&](const store::Row &r) {
            if (r.kind == EventKind::Exit)
                n.exitcode = (r.flags & store::FlagGenericArgs)
                                 ? l.markerArgs(r).value(QStringLiteral("exitcode")).toInt()
                                 : int(r.a);
            return true;
        });
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

bool ProcessTree::sameNodes(const ProcessTree &o) const
{
    if (!sameShape(o))
        return false;
    auto sameReparenting = [](const std::optional<Reparenting> &a,
                              const std::optional<Reparenting> &b) {
        return a.has_value() == b.has_value() &&
               (!a || (a->fromPid == b->fromPid && a->toPid == b->toPid && a->t == b->t &&
                       a->inferred == b->inferred));
    };
    for (int i = 0; i < m_nodes.size(); ++i) {
        const ProcessNode &a = m_nodes[i], &b = o.m_nodes[i];
        if (a.name != b.name || a.isRunner != b.isRunner || a.isMain != b.isMain ||
            a.daemon != b.daemon || a.laneRow != b.laneRow || !(a.state == b.state) ||
            a.exitcode != b.exitcode || !sameReparenting(a.reparented, b.reparented))
            return false;
    }
    return true;
}

} // namespace proclab
