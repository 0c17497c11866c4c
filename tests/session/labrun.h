#pragma once
// One finished lab run for a test: starts it through LabSession (the product's
// own path), waits for the end within a bound, and offers the trace queries
// the lab tests share. Also the check every "bad parameter" row makes.

#include "labsession.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace proclab::test {

using Params = QMap<QString, QString>;

struct LabRun
{
    static constexpr int kBoundMs = 60000; // a lab that should take seconds gets this long at most

    TraceModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    LabSession session{&model};
    QJsonObject summary;
    bool ok = false; // started and finished normally

    LabRun(const QString &lab, const Params &params);

    qint64 value(const char *key) const { return summary.value(QLatin1String(key)).toInteger(); }
    bool flag(const char *key) const { return summary.value(QLatin1String(key)).toBool(); }
    const Lane *mainLane() const;
    QVector<Interval> intervals(const Lane &lane, const QString &name) const;
    // Every lane's markers of these names, by time.
    QVector<Marker> markers(const QStringList &names) const;
    // How many markers (or intervals) of that name the whole run has.
    int count(const QString &name, bool intervals = false) const;
};

// Starting `lab` with `params` is refused with a message containing `message`,
// and nothing was started. Use inside a Qt Test function (it uses QVERIFY).
void verifyRefused(const QString &lab, const Params &params, const QString &message);

} // namespace proclab::test
