#pragma once
// What the queue-depth chart shows, computed from a TraceModel without any
// Qt Charts type (so it is testable on its own): the depth of each queue as a
// step function, downsampled to at most `maxPoints` per queue while keeping
// every peak and trough, the spans when some producer was blocked on a full
// queue or some consumer on an empty one, and per-process put/get totals.

#include <QPointF>
#include <QString>
#include <QVector>

namespace proclab {

class TraceModel;

struct QueueDepthData
{
    struct Queue
    {
        QString name;
        QVector<QPointF> steps; // (µs, depth), already a step shape
        int maxDepth = 0;
        int rawSamples = 0; // counter events seen (before downsampling)
    };
    struct Span
    {
        double t0, t1;
    };
    struct Totals
    {
        QString process;
        qint64 pid;
        int puts;
        int gets;
    };
    QVector<Queue> queues;
    QVector<Span> putBlocked; // union over processes
    QVector<Span> getBlocked;
    QVector<Totals> totals; // processes that put or got anything
    double end = 0;

    static QueueDepthData from(const TraceModel &model, int maxPoints = 4000);
};

} // namespace proclab
