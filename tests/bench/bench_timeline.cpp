// The timeline at scale (goal 4 of issue 12). Not a test: numbers are
// reported, never checked.
//
//   bench_timeline paint [events]   (default 10,000,000)
//       A counter-race-like run of `events` events on 8 lanes (read, write and
//       hold:lock per increment, decoded from real ring records) painted at
//       1600x900 offscreen: the whole run, a 1/1000 zoom and a pan; best of 5.
//   bench_timeline live [LAB key=value...]   (default counter-race, 2 workers x 1,000,000)
//       The GUI's lab page runs the lab live (real processes); a 2 ms timer
//       measures how late the GUI's event loop answers while events arrive.
//       events/s = events in the page's model when the session reports the
//       run finished (everything decoded, lost updates found) / seconds from
//       start() to then. Also: how many of them the model held when the
//       runner (every lab process) ended, i.e. shown while the run went on.
//
// Prints "RESULT bench=paint ..." / "RESULT bench=live ..." lines.
#include "bootstrap.h"
#include "labpage.h"
#include "labsession.h"
#include "ringreader.h"
#include "timelinelayout.h"
#include "timelinemapping.h"
#include "timelinepainter.h"
#include "timelinepalette.h"
#include "timelineview.h"
#include "tracemodel.h"
#include "tracewriter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <utility>
#include <vector>

using namespace proclab;

namespace {

constexpr std::uint32_t kSlotCapacity = 1u << 15;
constexpr int kLanes = 8;

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Fills `model` with about `events` events, decoded from real ring records.
void fill(TraceModel &model, long events)
{
    RingReader reader;
    reader.create(kRingSlots, kSlotCapacity);
    RingHeader *h = reader.ring().header();
    h->t0Ns = trace::nowNs();
    h->slotsClaimed.store(2 + kLanes);
    RecordDecoder decoder(h->t0Ns);
    auto store = std::make_unique<EventStore>();
    StoreSink sink(*store);
    const std::int64_t counterId = 4096, lockId = 8192;
    const pid_t mainPid = 1000;
    std::uint64_t t = h->t0Ns;
    trace::bind(reader.ring(), kMainSlot);
    trace::write(RecordKind::ProcBegin, mainPid, 1, ProcMain, "MainProcess", ++t);
    trace::write(RecordKind::ObjectDecl, mainPid, counterId, std::int64_t(ObjectType::Value),
                 "counter", ++t);
    trace::write(RecordKind::ObjectDecl, mainPid, lockId, std::int64_t(ObjectType::Lock),
                 "counter.lock", ++t);
    for (int l = 0; l < kLanes; ++l) {
        trace::bind(reader.ring(), std::uint32_t(2 + l));
        trace::write(RecordKind::ProcBegin, mainPid + 1 + l, mainPid, 0,
                     "Process-" + std::to_string(l + 1), ++t);
    }
    // Lanes take turns in 5 ms slices (as on a busy machine); 100 ns per record.
    std::uint32_t version = 0;
    long written = 0;
    std::vector<std::uint64_t> laneT(kLanes, h->t0Ns + 1000);
    while (written < events) {
        for (int l = 0; l < kLanes && written < events; ++l) {
            trace::bind(reader.ring(), std::uint32_t(2 + l));
            const pid_t pid = mainPid + 1 + l;
            std::uint64_t &lt = laneT[l];
            for (long i = 0; i + 4 <= kSlotCapacity - 64 && written < events; i += 4) {
                trace::write(RecordKind::LockHoldBegin, pid, lockId, 0, {}, lt += 100);
                trace::write(RecordKind::Read, pid, packValue(std::int32_t(version), version),
                             counterId, {}, lt += 100);
                ++version;
                trace::write(RecordKind::Write, pid, packValue(std::int32_t(version), version),
                             counterId, {}, lt += 100);
                trace::write(RecordKind::LockHoldEnd, pid, lockId, 0, {}, lt += 100);
                written += 4;
            }
            for (std::uint64_t &other : laneT)
                other = std::max(other, lt);
        }
        // Everything written so far (the drain may hold back what a slot read
        // in part could still precede; the writers here never spill).
        while (reader.backlog() > 0 && reader.drainInto(decoder, sink) > 0) {
        }
    }
    model.adopt(store->snapshot());
}

int paint(long events)
{
    TraceModel model;
    QElapsedTimer fillTimer;
    fillTimer.start();
    fill(model, events);
    std::printf("model: %d lanes, %d events (built in %.1f s)\n", model.rowCount(),
                model.eventCount(), fillTimer.elapsed() / 1000.0);
    const TimelinePalette palette = TimelinePalette::standard();
    const QRectF bounds(0, 0, 1600, 900);
    QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
    const TimelineLayout layout =
        TimelineLayout::compute(bounds, model.rowCount(), 0, palette, true,
                                TimelinePainter::featuresOf(model));
    const double end = model.now();
    // Best of 15 (the machine is shared): wall time, and the painting
    // thread's CPU time (what the paint costs when nothing else runs).
    double bestCpu = 1e9;
    auto time = [&](const TimelineMapping &map) {
        double best = 1e9;
        bestCpu = 1e9;
        for (int i = 0; i < 15; ++i) {
            image.fill(Qt::white);
            QPainter p(&image);
            QElapsedTimer t;
            const double c0 = threadCpuMs();
            t.start();
            TimelinePainter(model, palette).paint(p, layout, map, QStringLiteral("bench"));
            p.end();
            best = std::min(best, t.nsecsElapsed() / 1e6);
            bestCpu = std::min(bestCpu, threadCpuMs() - c0);
        }
        return best;
    };
    const double left = layout.lanes.left() + 4, right = layout.lanes.right() - 70;
    const double whole = time(TimelineMapping(0, end * 1.03, left, right));
    const double wholeCpu = bestCpu;
    image.save(QStringLiteral("bench_timeline_whole.png"));
    const double zoom = time(TimelineMapping(end / 2, end / 2 + end / 1000, left, right));
    const double zoomCpu = bestCpu;
    const double pan =
        time(TimelineMapping(end / 2 + end / 3000, end / 2 + end / 1000 + end / 3000, left, right));
    const double panCpu = bestCpu;
    image.save(QStringLiteral("bench_timeline.png"));
    std::printf("paint 1600x900, %d events: whole run %.1f ms, 1/1000 zoom %.1f ms, pan %.1f ms "
                "(CPU of the painting thread: %.1f, %.1f, %.1f ms) (images: "
                "bench_timeline_whole.png, bench_timeline.png: the pan)\n",
                model.eventCount(), whole, zoom, pan, wholeCpu, zoomCpu, panCpu);
    std::printf("RESULT bench=paint events=%d whole_ms=%.2f zoom_ms=%.2f pan_ms=%.2f "
                "whole_cpu_ms=%.2f zoom_cpu_ms=%.2f pan_cpu_ms=%.2f\n",
                model.eventCount(), whole, zoom, pan, wholeCpu, zoomCpu, panCpu);
    return 0;
}

double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

int live(const QString &lab, const QMap<QString, QString> &params)
{
    LabPage page;
    page.resize(1600, 900);
    page.show();
    page.setLab(lab);
    QStringList errors;
    LabSession *session = page.session();
    QVector<double> lateness, latenessRunning;
    QElapsedTimer clock;
    qint64 expected = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(2);
    // The runner's end: every lab process has exited; what the model holds
    // then was decoded and shown while the run went on.
    double runnerEndS = -1;
    int eventsAtRunnerEnd = 0;
    int updates = 0;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        const double late = std::max<qint64>(0, now - expected) / 1e6;
        lateness.push_back(late);
        if (runnerEndS < 0)
            latenessRunning.push_back(late);
        expected = now + 2'000'000;
    });
    int shownEvents = -1;
    QObject::connect(page.model(), &TraceModel::changed, [&] {
        if (std::exchange(shownEvents, page.model()->eventCount()) != shownEvents)
            ++updates; // a new snapshot with more events (not the "now" line moving)
    });
    bool done = false;
    QObject::connect(session, &LabSession::finished, [&] { done = true; });
    const double cpu0 = processCpuMs(), guiCpu0 = threadCpuMs();
    if (!session->start(lab, params, &errors)) {
        std::fprintf(stderr, "bench_timeline: %s\n", qPrintable(errors.join(QLatin1Char(' '))));
        return 2;
    }
    clock.start();
    expected = 2'000'000;
    tick.start();
    // PROCLAB_BENCH_SHOTS=DIR: the page as it looks 100, 200, 300 and 400 ms
    // into the run (DIR/live-100ms.png ...), to see the live drawing.
    const QString shots = qEnvironmentVariable("PROCLAB_BENCH_SHOTS");
    for (int ms : {100, 200, 300, 400})
        if (!shots.isEmpty())
            QTimer::singleShot(ms, &page, [&page, shots, ms] {
                page.grab().save(QStringLiteral("%1/live-%2ms.png").arg(shots).arg(ms));
            });
    if (auto *runner = session->findChild<QProcess *>())
        QObject::connect(runner, &QProcess::finished, [&] {
            runnerEndS = clock.nsecsElapsed() / 1e9;
            eventsAtRunnerEnd = page.model()->eventCount();
        });
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const double seconds = clock.nsecsElapsed() / 1e9;
    const double cpu = processCpuMs() - cpu0, guiCpu = threadCpuMs() - guiCpu0;
    tick.stop();
    auto pct = [](QVector<double> &v, double p) {
        std::sort(v.begin(), v.end());
        return v.isEmpty() ? 0.0 : v[qsizetype((v.size() - 1) * p)];
    };
    const double p50 = pct(lateness, 0.5), p99 = pct(lateness, 0.99), max = pct(lateness, 1.0);
    const double p99Running = pct(latenessRunning, 0.99);
    const int events = page.model()->eventCount();
    const double records = double(session->recordsRead());
    std::printf("live %s: %d events in %.2f s (%.2f M events/s); event loop lateness p50 %.1f ms, "
                "p99 %.1f ms, max %.1f ms\n",
                qPrintable(lab), events, seconds, events / seconds / 1e6, p50, p99, max);
    std::printf("  the runner ended at %.2f s with %d events shown (%.2f M events/s shown while "
                "the run went on; p99 then %.1f ms); %d model updates; CPU: GUI thread %.2f s, "
                "whole host %.2f s; %.0f trace records decoded (%.2f M records/s)\n",
                runnerEndS, eventsAtRunnerEnd,
                runnerEndS > 0 ? eventsAtRunnerEnd / runnerEndS / 1e6 : 0.0, p99Running, updates,
                guiCpu / 1e3, cpu / 1e3, records, records / seconds / 1e6);
    std::printf("RESULT bench=live events=%d seconds=%.3f events_per_s=%.0f p50_ms=%.2f "
                "p99_ms=%.2f max_ms=%.2f runner_end_s=%.3f events_at_runner_end=%d "
                "p99_running_ms=%.2f updates=%d gui_cpu_s=%.3f host_cpu_s=%.3f records=%.0f "
                "records_per_s=%.0f\n",
                events, seconds, events / seconds, p50, p99, max, runnerEndS, eventsAtRunnerEnd,
                p99Running, updates, guiCpu / 1e3, cpu / 1e3, records, records / seconds);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (isSpawnedChild(argc, argv))
        return runSpawnedChild(argc, argv);
    QApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const QString mode = args.value(0, QStringLiteral("paint"));
    if (mode == QLatin1String("paint"))
        return paint(args.size() > 1 ? args[1].toLong() : 10'000'000);
    if (mode == QLatin1String("live")) {
        QString lab = QStringLiteral("counter-race");
        QMap<QString, QString> params{{QStringLiteral("workers"), QStringLiteral("2")},
                                      {QStringLiteral("increments"), QStringLiteral("1000000")},
                                      {QStringLiteral("window_us"), QStringLiteral("0")}};
        if (args.size() > 1) {
            lab = args[1];
            params.clear();
            for (const QString &kv : args.mid(2))
                params.insert(kv.section(QLatin1Char('='), 0, 0),
                              kv.section(QLatin1Char('='), 1));
        }
        return live(lab, params);
    }
    std::fprintf(stderr, "usage: bench_timeline paint [events] | live [LAB key=value...]\n");
    return 2;
}
