#include "pyrun.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace proclab::test {

QString programPath(const QString &relative)
{
    if (QDir::isAbsolutePath(relative))
        return relative;
    return QStringLiteral(PROCLAB_TEST_PYTHON_DIR "/") + relative;
}

int lineOf(const QString &file, const QString &text)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i)
        if (lines[i].contains(text))
            return i + 1;
    return 0;
}

PyRun::PyRun(const QString &program, const QStringList &args, double timeoutSeconds,
             const std::function<void(PyRun &)> &whileRunning)
{
    PythonRun run;
    run.program = programPath(program);
    run.args = args;
    started = session.startPython(run, &errors, timeoutSeconds);
    if (!started)
        return;
    wait(whileRunning);
}

PyRun::PyRun(const PythonRun &run, double timeoutSeconds)
{
    started = session.startPython(run, &errors, timeoutSeconds);
    if (started)
        wait({});
}

void PyRun::wait(const std::function<void(PyRun &)> &whileRunning)
{
    QSignalSpy finished(&session, &LabSession::finished);
    if (whileRunning)
        whileRunning(*this);
    ended = !finished.isEmpty() || finished.wait(kBoundMs);
    summary = model.summary();
}

const Lane *PyRun::lane(const QString &name) const
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.lane(r).name == name)
            return &model.lane(r);
    return nullptr;
}

const Lane *PyRun::mainLane() const
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.lane(r).isMain)
            return &model.lane(r);
    return nullptr;
}

QVector<Marker> PyRun::markers(const Lane &lane, const QString &name) const
{
    QVector<Marker> out;
    for (const Marker &m : lane.markers())
        if (m.name == name)
            out.push_back(m);
    return out;
}

QVector<Interval> PyRun::intervals(const Lane &lane, const QString &name) const
{
    QVector<Interval> out;
    for (const Interval &iv : lane.intervals())
        if (iv.name == name)
            out.push_back(iv);
    return out;
}

int PyRun::count(const QString &name, bool wantIntervals) const
{
    int n = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const Lane &l = model.lane(r);
        n += wantIntervals ? int(intervals(l, name).size()) : int(markers(l, name).size());
    }
    return n;
}

QStringList PyRun::laneNames() const
{
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r)
        names << model.lane(r).name;
    return names;
}

QStringList PyRun::printed(const Lane &lane) const
{
    QStringList lines;
    for (const Marker &m : markers(lane, ev::Stdout))
        lines << m.args.value(QStringLiteral("text")).toString();
    return lines;
}

} // namespace proclab::test
