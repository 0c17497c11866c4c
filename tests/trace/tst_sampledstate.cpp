// Sampled /proc states and CPUs: ring records -> `state` / `cpu` counters ->
// Lane::states, Lane::cpuSamples, TraceModel::sampledState/sampledCpu, and the
// same model again after a Chrome JSON round trip.
#include "chrometrace.h"
#include "recorddecoder.h"
#include "sampledstate.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace proclab;

namespace {

constexpr std::uint64_t kT0 = 1'000'000'000;
constexpr qint64 kRunner = 100, kMain = 101, kChild = 202;

RawRecord rec(std::uint64_t tUs, std::int32_t pid, RecordKind kind, std::int64_t a = 0,
              std::int64_t b = 0, const std::string &text = {})
{
    const auto chunks = std::uint16_t((text.size() + kTextPerChunk - 1) / kTextPerChunk);
    return RawRecord{Record{kT0 + tUs * 1000, pid, kind, chunks, a, b}, text};
}

// A child sleeps on CPU 1, moves to CPU 0, runs, exits, stays a zombie until
// MainProcess reaps it; one sample read just before the reap arrives after it.
void fillRun(TraceModel &model)
{
    RecordDecoder decoder(kT0);
    decoder.setRunnerPid(kRunner);
    const auto batch = decoder.decode({
        rec(0, kMain, RecordKind::ProcBegin, kRunner, ProcMain, "MainProcess"),
        rec(10, kMain, RecordKind::Start, kChild, 0, "Process-1"),
        rec(20, kChild, RecordKind::ProcBegin, kMain, 0, "Process-1"),
        rec(30, kChild, RecordKind::ProcState, 'S', 0),
        rec(30, kChild, RecordKind::ProcCpu, 1, 0),
        rec(40, kChild, RecordKind::ProcCpu, 0, 0),
        rec(50, kChild, RecordKind::ProcState, 'R', 0),
        rec(60, kChild, RecordKind::Affinity, 0b101, 0),
        rec(70, kChild, RecordKind::Exit, 0, 0),
        rec(80, kChild, RecordKind::ProcState, 'Z', 10'000),
        rec(90, kMain, RecordKind::JoinBegin, kChild, -1),
        rec(100, kChild, RecordKind::Reaped, kMain, 'Z'),
        rec(100, kMain, RecordKind::JoinEnd, kChild, 0),
    });
    // Drained later but stamped before nothing: a sample of a reaped lane is dropped.
    const auto late = decoder.decode({rec(110, kChild, RecordKind::ProcState, 'Z', 0)});
    QVERIFY(late.events.isEmpty());
    model.append(batch.events);
}

QStringList describe(const QVector<Interval> &states)
{
    QStringList out;
    for (const Interval &iv : states)
        out << QStringLiteral("%1 %2..%3").arg(iv.name).arg(iv.t0).arg(iv.t1);
    return out;
}

QStringList describe(const QVector<CpuSample> &samples)
{
    QStringList out;
    for (const CpuSample &s : samples)
        out << QStringLiteral("cpu%1@%2").arg(s.cpu).arg(s.t);
    return out;
}

} // namespace

class TestSampledState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void procLettersMapToStates_data();
    void procLettersMapToStates();
    void decodedStatesAndCpus();
    void stateAtTime_data();
    void stateAtTime();
    void jsonRoundTripKeepsStates();
    void exportedCountersHaveOneKey();
    void cpuSharesBecomeWindows();
};

// The sampler's CPU time per window becomes a share of one CPU per window:
// back to back while busy, a fresh window after an idle gap; a share read
// just before the reap, drained after it, is dropped; JSON keeps them.
void TestSampledState::cpuSharesBecomeWindows()
{
    RecordDecoder decoder(kT0);
    decoder.setRunnerPid(kRunner);
    const auto batch = decoder.decode({
        rec(0, kMain, RecordKind::ProcBegin, kRunner, ProcMain, "MainProcess"),
        rec(10, kMain, RecordKind::Start, kChild, 0, "Process-1"),
        rec(20, kChild, RecordKind::ProcBegin, kMain, 0, "Process-1"),
        rec(100'020, kChild, RecordKind::ProcCpuTime, 24'000, 100'000),  // 24 %
        rec(200'030, kChild, RecordKind::ProcCpuTime, 130'000, 100'010), // > 100 %: clamped
        rec(500'000, kChild, RecordKind::ProcCpuTime, 49'600, 99'200),   // after an idle gap
        rec(550'000, kChild, RecordKind::Exit, 0, 0),
        rec(560'000, kChild, RecordKind::Reaped, kMain, 'Z'),
    });
    QVERIFY(decoder.decode({rec(555'000, kChild, RecordKind::ProcCpuTime, 9'000, 100'000)})
                .events.isEmpty());
    TraceModel model;
    model.append(batch.events);
    auto describeShares = [](const Lane &l) {
        QStringList out;
        for (const CpuShare &s : l.cpuShares())
            out << QStringLiteral("%1..%2 %3%").arg(s.t0).arg(s.t1).arg(s.percent);
        return out;
    };
    const Lane &child = model.lane(model.rowOfPid(kChild));
    QCOMPARE(describeShares(child),
             (QStringList{QStringLiteral("20..100020 24%"), QStringLiteral("100020..200030 100%"),
                          QStringLiteral("400000..500000 50%")}));
    TraceModel opened;
    QString error;
    QVERIFY2(ChromeTrace::read(ChromeTrace::write(model), &opened, &error), qPrintable(error));
    QCOMPARE(describeShares(opened.lane(opened.rowOfPid(kChild))), describeShares(child));
}

void TestSampledState::procLettersMapToStates_data()
{
    QTest::addColumn<char>("letter");
    QTest::addColumn<QString>("name");
    QTest::newRow("R running") << 'R' << ev::StateRunning;
    QTest::newRow("S sleeping") << 'S' << ev::StateSleeping;
    QTest::newRow("I idle reads as sleeping") << 'I' << ev::StateSleeping;
    QTest::newRow("D disk") << 'D' << ev::StateDisk;
    QTest::newRow("Z zombie") << 'Z' << ev::StateZombie;
    QTest::newRow("T stopped") << 'T' << ev::StateStopped;
    QTest::newRow("t traced") << 't' << ev::StateStopped;
    QTest::newRow("X dead ends the track") << 'X' << QString();
}

void TestSampledState::procLettersMapToStates()
{
    QFETCH(char, letter);
    QFETCH(QString, name);
    QCOMPARE(sampledStateName(sampledStateFromProc(letter)), name);
    // The numbers are the trace format: a name survives code and back.
    const SampledState s = sampledStateFromProc(letter);
    QCOMPARE(sampledStateFromCode(int(s)), s);
}

void TestSampledState::decodedStatesAndCpus()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillRun(model);
    const Lane &child = model.lane(model.rowOfPid(kChild));
    QCOMPARE(describe(child.states()), (QStringList{QStringLiteral("state:sleeping 30..50"),
                                                  QStringLiteral("state:running 50..80"),
                                                  QStringLiteral("state:zombie 80..100")}));
    QCOMPARE(describe(child.cpuSamples()),
             (QStringList{QStringLiteral("cpu1@30"), QStringLiteral("cpu0@40")}));
    // Sampled states stay out of the interval stack (they overlap it).
    for (const Interval &iv : child.intervals())
        QVERIFY2(!iv.name.startsWith(QLatin1String("state:")), qPrintable(iv.name));
    bool affinity = false;
    for (const Marker &m : child.markers()) {
        if (m.name == ev::Affinity) {
            affinity = true;
            QCOMPARE(m.args.value(QStringLiteral("cpus")).toString(), QStringLiteral("0,2"));
            QVERIFY(m.args.value(QStringLiteral("ok")).toBool());
        }
    }
    QVERIFY(affinity);
    // MainProcess was never sampled: no states, no CPU.
    QVERIFY(model.lane(model.rowOfPid(kMain)).states().isEmpty());
}

void TestSampledState::stateAtTime_data()
{
    QTest::addColumn<double>("t");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("cpu");
    QTest::newRow("before the first sample") << 25.0 << QString() << -1;
    QTest::newRow("at the first sample") << 30.0 << ev::StateSleeping << 1;
    QTest::newRow("after the CPU changed") << 45.0 << ev::StateSleeping << 0;
    QTest::newRow("running") << 60.0 << ev::StateRunning << 0;
    QTest::newRow("zombie") << 99.0 << ev::StateZombie << 0;
    QTest::newRow("after the reap") << 100.0 << QString() << 0;
}

void TestSampledState::stateAtTime()
{
    QFETCH(double, t);
    QFETCH(QString, state);
    QFETCH(int, cpu);
    TraceModel model;
    fillRun(model);
    const int row = model.rowOfPid(kChild);
    QCOMPARE(model.sampledState(row, t), state);
    QCOMPARE(model.sampledCpu(row, t), cpu);
}

void TestSampledState::jsonRoundTripKeepsStates()
{
    TraceModel live;
    fillRun(live);
    live.setRunInfo(QStringLiteral("zombie-orphan"), {});
    TraceModel opened;
    QAbstractItemModelTester tester(&opened,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    QVERIFY2(ChromeTrace::read(ChromeTrace::write(live), &opened, &error), qPrintable(error));
    QCOMPARE(opened.rowCount(), live.rowCount());
    for (int r = 0; r < live.rowCount(); ++r) {
        const Lane &a = live.lane(r);
        const Lane &b = opened.lane(opened.rowOfPid(a.pid));
        QCOMPARE(describe(b.states()), describe(a.states()));
        QCOMPARE(describe(b.cpuSamples()), describe(a.cpuSamples()));
        for (double t : {29.0, 30.0, 55.0, 85.0, 100.0})
            QCOMPARE(opened.sampledState(opened.rowOfPid(a.pid), t), live.sampledState(r, t));
    }
}

void TestSampledState::exportedCountersHaveOneKey()
{
    TraceModel model;
    fillRun(model);
    const QJsonArray events = QJsonDocument::fromJson(ChromeTrace::write(model))
                                  .object()[QStringLiteral("traceEvents")]
                                  .toArray();
    QStringList states, cpus;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")].toString() != QLatin1String("C"))
            continue;
        const QJsonObject args = e[QStringLiteral("args")].toObject();
        QCOMPARE(args.size(), 1); // Perfetto: one key per counter event
        QCOMPARE(e[QStringLiteral("pid")].toInteger(), kChild);
        QCOMPARE(e[QStringLiteral("tid")].toInteger(), kChild);
        if (e[QStringLiteral("name")].toString() == ev::State)
            states << QString::number(args[QStringLiteral("state")].toInt());
        else if (e[QStringLiteral("name")].toString() == ev::Cpu)
            cpus << QString::number(args[QStringLiteral("cpu")].toInt());
    }
    // Only the changes, and a 0 (gone) where the reap ended the track.
    QCOMPARE(states.join(QLatin1Char(' ')), QStringLiteral("2 1 5 0"));
    QCOMPARE(cpus.join(QLatin1Char(' ')), QStringLiteral("1 0"));
}

QTEST_GUILESS_MAIN(TestSampledState)
#include "tst_sampledstate.moc"
