#pragma once
// The run's processes as a parent/child tree at one instant: who is whose
// child (orphans re-parented to the runner included), each process's state
// and exit code. Built from a TraceModel as plain values, so tests and the
// Qt item model (ProcessTreeModel) read the same thing.
//
// The state comes from ONE function, stateAt(): the runner's /proc samples
// (R/S/D/Z) where the trace has them, else the lane's events (intervals and
// markers); exits and reaps always come from the events.

#include "tracemodel.h"

#include <QVector>
#include <optional>

namespace proclab {

enum class ProcessState
{
    NotStarted, // no event of the process yet at that instant
    Running,
    Sleeping, // blocked: sleep(), join(), waiting for a lock or a queue
    Zombie,   // exited, not yet reaped
    Exited,   // exited, zombie not confirmed
    Reaped,
};

struct ProcessStateAt
{
    ProcessState state = ProcessState::NotStarted;
    QString waitingIn; // Sleeping only: the interval it is blocked in (sleep, join, wait:lock, ...)
    bool operator==(const ProcessStateAt &) const = default;
};

struct Reparenting
{
    qint64 fromPid = 0;    // the parent that died
    qint64 toPid = 0;      // the adoptive parent (the runner, a subreaper)
    double t = 0;          // µs
    bool inferred = false; // from the parent's exit, not a `reparent` event
};

struct ProcessNode
{
    qint64 pid = 0;
    QString name;
    bool isRunner = false; // proclab-runner, the subreaper: the root
    bool isMain = false;
    bool daemon = false;
    int laneRow = -1; // TraceModel row; -1 for the runner
    ProcessStateAt state;
    std::optional<int> exitcode;
    std::optional<Reparenting> reparented;
    int parent = -1; // index into ProcessTree::nodes(); -1 for the root
    QVector<int> children;
};

class ProcessTree
{
public:
    // The tree at `t` µs (the model's now() when t < 0).
    static ProcessTree build(const TraceModel &model, double t = -1);

    // THE state of `lane` at `t` µs: sampled /proc state first (keeping what
    // the events say it waits in), then the events.
    static ProcessStateAt stateAt(const Lane &lane, double t);
    // The state from the lane's events alone.
    static ProcessStateAt tracedStateAt(const Lane &lane, double t);
    // Whether and how the process of row `row` had been re-parented by `t`.
    static std::optional<Reparenting> reparentingAt(const TraceModel &model, int row, double t);

    const QVector<ProcessNode> &nodes() const { return m_nodes; }
    int indexOfPid(qint64 pid) const; // -1 if absent
    double time() const { return m_t; }
    // Same nodes under the same parents in the same order (a view may then
    // update values in place instead of resetting).
    bool sameShape(const ProcessTree &other) const;
    // The same shape and every node's values the same (what a view shows).
    bool sameNodes(const ProcessTree &other) const;

private:
    QVector<ProcessNode> m_nodes; // [0] is the runner
    double m_t = 0;
};

} // namespace proclab
