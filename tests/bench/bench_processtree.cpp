// How much one process-tree rebuild costs next to what a live frame already
// pays: refreshing the lanes (TraceModel::lane) of a counter race with many
// read/write markers. Prints the ratio build / refresh; run by hand.
#include "processtree.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <cstdio>

using namespace proclab;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int perLane = argc > 1 ? std::atoi(argv[1]) : 200000;
    TraceModel model;
    TraceEvents e;
    e.push_back({0,
                 10,
                 TraceEvent::Meta,
                 ev::ProcessName,
                 {{QStringLiteral("name"), QStringLiteral("MainProcess")},
                  {QStringLiteral("ppid"), 1},
                  {QStringLiteral("main"), true}}});
    e.push_back({0, 10, TraceEvent::Begin, ev::Running, {}});
    for (int w = 0; w < 4; ++w) {
        const qint64 pid = 11 + w;
        e.push_back({1,
                     pid,
                     TraceEvent::Meta,
                     ev::ProcessName,
                     {{QStringLiteral("name"), QStringLiteral("Process-%1").arg(w + 1)},
                      {QStringLiteral("ppid"), 10}}});
        e.push_back({1, pid, TraceEvent::Begin, ev::Running, {}});
        for (int i = 0; i < perLane; ++i)
            e.push_back({2.0 + i, pid, TraceEvent::Instant, i % 2 ? ev::Write : ev::Read, {}});
    }
    model.append(e);
    QElapsedTimer t;
    t.start();
    for (int r = 0; r < model.rowCount(); ++r)
        model.lane(r); // the refresh a frame pays for changed lanes
    const double refreshNs = double(t.nsecsElapsed());
    t.restart();
    constexpr int kReps = 20;
    for (int i = 0; i < kReps; ++i)
        ProcessTree::build(model, perLane / 2.0);
    const double buildNs = double(t.nsecsElapsed()) / kReps;
    std::printf("markers/lane %d: tree build %.3f ms, lane refresh %.3f ms, ratio %.3f\n", perLane,
                buildNs / 1e6, refreshNs / 1e6, buildNs / refreshNs);
    return 0;
}
