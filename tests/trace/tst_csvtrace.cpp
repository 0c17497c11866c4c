// CsvTrace: one row per event, in time order, RFC 4180 quoting (commas,
// quotes, line breaks in what processes print), and the file parses back to
// the model's events: times, pids, names, phases and args.

#include "csvtrace.h"
#include "tracemodel.h"

#include <QJsonDocument>
#include <QTest>
#include <cmath>

using namespace proclab;

namespace {

constexpr qint64 kMain = 100;
constexpr qint64 kChild = 201;

TraceEvent meta(qint64 pid, const QString &name, bool isMain)
{
    return {0, pid, TraceEvent::Meta, ev::ProcessName,
            QJsonObject{{"name", name}, {"ppid", 1}, {"main", isMain}}};
}

TraceEvent event(double ts, qint64 pid, TraceEvent::Phase ph, const QString &name,
                 const QJsonObject &args = {}, qint64 id = 0, double dur = -1)
{
    return {ts, pid, ph, name, args, id, dur};
}

// What processes print is the hard part: every character CSV cares about.
const QString kNasty = QStringLiteral("a, \"quoted\" word\nsecond line\r\nthird; 中文 ✓");

void fill(TraceModel &model)
{
    model.setRunInfo(QStringLiteral("queue-basics"), {{QStringLiteral("maxsize"), 2}});
    model.append({
        meta(kMain, QStringLiteral("MainProcess"), true),
        meta(kChild, QStringLiteral("Process-1, the \"worker\""), false),
        event(0, kMain, TraceEvent::Begin, ev::Running),
        event(1000.25, kMain, TraceEvent::Instant, ev::Start,
              {{"child", "Process-1"}, {"child_pid", kChild}, {"method", "fork"}}),
        event(1000.25, kMain, TraceEvent::FlowStart, ev::Start, {}, kChild),
        event(1500, kChild, TraceEvent::FlowEnd, ev::Start, {}, kChild),
        event(1500, kChild, TraceEvent::Begin, ev::Running),
        event(1600.5, kChild, TraceEvent::Instant, ev::Stdout, {{"text", kNasty}}),
        event(1700, kChild, TraceEvent::Counter, QStringLiteral("queue q"), {{"depth", 3}}),
        event(1800, kChild, TraceEvent::Complete, ev::Sleep, {{"ms", 200}}, 0, 200000),
        event(201800, kChild, TraceEvent::End, ev::Running),
        event(201801, kChild, TraceEvent::Instant, ev::Exit, {{"exitcode", 0}}),
        event(250000.125, kMain, TraceEvent::End, ev::Running),
    });
    model.setRunStatus(QStringLiteral("finished"));
}

// An RFC 4180 reader, written apart from the writer so the test can catch it.
QList<QStringList> parseCsv(const QString &text, QString *problem)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false, afterQuote = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.isEmpty() && !afterQuote) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            afterQuote = false;
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == '\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            afterQuote = false;
            ++i;
        } else if (afterQuote || c == QLatin1Char('\n') || c == QLatin1Char('\r') ||
                   c == QLatin1Char('"')) {
            *problem = QStringLiteral("unquoted special character at %1").arg(i);
            return {};
        } else {
            field += c;
        }
    }
    if (quoted)
        *problem = QStringLiteral("unterminated quote");
    else if (!field.isEmpty() || !row.isEmpty())
        *problem = QStringLiteral("last row has no CRLF");
    return rows;
}

TraceEvents eventsOf(const TraceModel &m)
{
    TraceEvents out;
    for (const TraceEvent &e : m.allEvents())
        if (e.ph != TraceEvent::Meta)
            out += e;
    std::stable_sort(out.begin(), out.end(),
                     [](const TraceEvent &a, const TraceEvent &b) { return a.ts < b.ts; });
    return out;
}

} // namespace

class TestCsvTrace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldQuoting_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << "MainProcess"
                               << "MainProcess";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("newline") << "a\nb"
                                 << "\"a\nb\"";
        QTest::newRow("carriage return") << "a\rb"
                                         << "\"a\rb\"";
        QTest::newRow("semicolon and unicode") << "a;中"
                                               << "a;中";
    }
    void fieldQuoting()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(CsvTrace::field(in), out);
    }

    void parsesBackToTheModel()
    {
        TraceModel model;
        fill(model);
        const QByteArray bytes = CsvTrace::write(model);
        QVERIFY(!bytes.startsWith("\xEF\xBB\xBF")); // no BOM
        QString problem;
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(bytes), &problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(!rows.isEmpty());
        QCOMPARE(rows.first(), CsvTrace::columns());
        QCOMPARE(rows.first().first(), QStringLiteral("time_ms")); // the unit is in the header

        const TraceEvents events = eventsOf(model);
        QCOMPARE(events.size(), qsizetype(model.eventCount()));
        QCOMPARE(rows.size() - 1, events.size()); // one row per event, metadata excluded
        double previous = -1e300;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const TraceEvent &e = events[i];
            const QStringList &row = rows[i + 1];
            const QByteArray where = QByteArray::number(i + 1) + ": " + e.name.toUtf8();
            QVERIFY2(row.size() == CsvTrace::columns().size(), where);
            bool ok = false;
            const double ms = row[0].toDouble(&ok);
            QVERIFY2(ok, where);
            QVERIFY2(std::abs(ms * 1000 - e.ts) <= 0.5, where + " time " + row[0].toUtf8());
            QVERIFY2(ms >= previous, where + " not in time order");
            previous = ms;
            QCOMPARE(row[1].toLongLong(), e.pid);
            QCOMPARE(row[2], model.laneName(e.pid));
            QCOMPARE(row[3], e.name);
            QCOMPARE(row[4], CsvTrace::phaseName(e.ph));
            if (e.ph == TraceEvent::Complete)
                QVERIFY2(std::abs(row[5].toDouble() * 1000 - e.dur) <= 0.5, where);
            else
                QVERIFY2(row[5].isEmpty(), where);
            QJsonObject expected = e.args;
            if (e.ph == TraceEvent::FlowStart || e.ph == TraceEvent::FlowEnd)
                expected.insert(QStringLiteral("id"), e.id);
            if (expected.isEmpty()) {
                QVERIFY2(row[6].isEmpty(), where);
            } else {
                QJsonParseError err{};
                const QJsonDocument d = QJsonDocument::fromJson(row[6].toUtf8(), &err);
                QVERIFY2(d.isObject(), where + " details: " + err.errorString().toUtf8());
                QCOMPARE(d.object(), expected);
            }
        }
        // The printed text survived commas, quotes and line breaks.
        bool sawNasty = false;
        for (const QStringList &row : rows)
            if (row[3] == ev::Stdout)
                sawNasty = QJsonDocument::fromJson(row[6].toUtf8())
                               .object()
                               .value(QStringLiteral("text"))
                               .toString() == kNasty;
        QVERIFY(sawNasty);
        // A process name with a comma and quotes stays one field.
        QVERIFY(bytes.contains("\"Process-1, the \"\"worker\"\"\""));
    }

    void emptyModelIsJustTheHeader()
    {
        TraceModel model;
        QCOMPARE(CsvTrace::write(model),
                 QByteArray("time_ms,pid,process,event,phase,duration_ms,details\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestCsvTrace)
#include "tst_csvtrace.moc"
