#include "labrun.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

namespace proclab::test {

LabRun::LabRun(const QString &lab, const Params &params)
{
    QSignalSpy finished(&session, &LabSession::finished);
    QStringList errors;
    if (!session.start(lab, params, &errors)) {
        qWarning("%s", qPrintable(errors.join('\n')));
        return;
    }
    ok = finished.wait(kBoundMs) && session.state() == LabSession::State::Finished;
    if (!ok)
        qWarning("run ended in state %d: %s", int(session.state()), qPrintable(session.message()));
    summary = model.summary();
}

const Lane *LabRun::mainLane() const
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.lane(r).isMain)
            return &model.lane(r);
    return nullptr;
}

QVector<Interval> LabRun::intervals(const Lane &lane, const QString &name) const
{
    QVector<Interval> out;
    for (const Interval &iv : lane.intervals())
        if (iv.name == name)
            out.push_back(iv);
    return out;
}

QVector<Marker> LabRun::markers(const QStringList &names) const
{
    QVector<Marker> out;
    for (int r = 0; r < model.rowCount(); ++r)
        for (const Marker &m : model.lane(r).markers())
            if (names.contains(m.name))
                out.push_back(m);
    std::stable_sort(out.begin(), out.end(),
                     [](const Marker &a, const Marker &b) { return a.t < b.t; });
    return out;
}

int LabRun::count(const QString &name, bool intervals) const
{
    int n = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const Lane &l = model.lane(r);
        if (intervals) {
            for (const Interval &iv : l.intervals())
                n += iv.name == name;
        } else {
            for (const Marker &m : l.markers())
                n += m.name == name;
        }
    }
    return n;
}

void verifyRefused(const QString &lab, const Params &params, const QString &message)
{
    TraceModel model;
    QAbstractItemModelTester tester(&model);
    LabSession session(&model);
    QStringList errors;
    QVERIFY(!session.start(lab, params, &errors));
    QVERIFY2(errors.join('\n').contains(message), qPrintable(errors.join('\n')));
    QCOMPARE(session.runnerPid(), 0);
}

} // namespace proclab::test
