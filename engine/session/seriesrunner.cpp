#include "seriesrunner.h"

#include "chrometrace.h"
#include "tracemodel.h"

#include <QDir>
#include <QFutureWatcher>
#include <QPromise>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>
#include <algorithm>

namespace proclab {

namespace {

struct KeptTrace
{
    QByteArray compressed; // kept in memory (qCompress'ed JSON), or
    QString path;          // written to this file as JSON, or neither
    qsizetype fileBytes = 0;
};

// Where a finished run's trace may go, decided when the run ends.
struct TracePlace
{
    qsizetype maxInMemory = -1; // compressed bytes; < 0: not in memory
    QString path;               // empty: not on disk
};

// On a worker thread: the finished run's model as JSON (compressed: JSON
// traces shrink 20-30 times), in memory or in a file.
KeptTrace serialize(const TraceModel &model, const TracePlace &place)
{
    KeptTrace kept;
    const QByteArray json = ChromeTrace::write(model);
    if (place.maxInMemory >= 0) {
        QByteArray compressed = qCompress(json, 1);
        if (compressed.size() <= place.maxInMemory) {
            kept.compressed = std::move(compressed);
            return kept;
        }
    }
    if (place.path.isEmpty())
        return kept; // no room left: not kept
    QSaveFile file(place.path);
    if (file.open(QIODevice::WriteOnly) && file.write(json) == json.size() && file.commit()) {
        kept.path = place.path;
        kept.fileBytes = json.size();
    }
    return kept; // a full disk: not kept
}

// The run's time span from the trace: its first event to its last.
double runMs(const TraceModel &model)
{
    double first = model.endTime();
    for (int r = 0; r < model.rowCount(); ++r)
        first = std::min(first, model.lane(r).firstTs);
    return (model.endTime() - first) / 1000.0;
}

} // namespace

SeriesRunner::SeriesRunner(QObject *parent) : QObject(parent) {}

SeriesRunner::~SeriesRunner()
{
    discard();
}

bool SeriesRunner::start(const SeriesRequest &request, QStringList *errors)
{
    errors->clear();
    if (m_running) {
        errors->append(tr("A series is already running: stop it first"));
        return false;
    }
    if (request.count < kMinRuns || request.count > kMaxRuns) {
        errors->append(tr("the number of runs must be %1–%2, got %3")
                           .arg(kMinRuns)
                           .arg(kMaxRuns)
                           .arg(request.count));
        return false;
    }
    discard();
    m_request = request;
    m_series.name = request.name;
    m_series.labId = request.run.labId;
    m_series.planned = request.count;
    if (request.keepTraces) {
        m_series.traceDir = std::make_shared<QTemporaryDir>(QDir::tempPath() +
                                                            QStringLiteral("/proclab-series-XXXXXX"));
        if (!m_series.traceDir->isValid()) {
            errors->append(tr("cannot create the series' directory in %1: %2")
                               .arg(QDir::tempPath(), m_series.traceDir->errorString()));
            m_series.traceDir.reset();
            return false;
        }
    }
    delete m_engine;
    m_engine = request.engine ? request.engine(this) : new LabSessionEngine(this);
    connect(m_engine, &RunEngine::finished, this, &SeriesRunner::onRunFinished);

    // The first run is started here, so that bad input is refused at once.
    m_model = std::shared_ptr<TraceModel>(new TraceModel, [](TraceModel *m) { m->deleteLater(); });
    if (!m_engine->start(m_request.run, m_model.get(), errors)) {
        m_model.reset();
        m_series = OutcomeSeries{};
        return false;
    }
    m_series.params = m_model->params();
    m_running = true;
    m_stopped = false;
    m_current = 1;
    m_lastMessage.clear();
    Q_EMIT runStarted(m_current);
    return true;
}

void SeriesRunner::startNext()
{
    if (!m_running || m_stopped)
        return;
    ++m_current;
    m_model = std::shared_ptr<TraceModel>(new TraceModel, [](TraceModel *m) { m->deleteLater(); });
    QStringList errors;
    if (!m_engine->start(m_request.run, m_model.get(), &errors)) {
        m_lastMessage = errors.join(QLatin1Char('\n'));
        m_model.reset();
        end();
        return;
    }
    Q_EMIT runStarted(m_current);
}

void SeriesRunner::onRunFinished()
{
    if (!m_running || !m_model)
        return;
    SeriesRun run;
    run.number = m_current;
    run.status = m_model->runStatus().isEmpty() ? QStringLiteral("crashed") : m_model->runStatus();
    run.runMs = runMs(*m_model);
    run.summary = m_model->summary();
    if (!run.finished())
        m_lastMessage = m_engine->message();
    m_series.runs.append(run);
    if (m_request.keepTraces)
        keepTrace(int(m_series.runs.size()) - 1, m_model);
    m_model.reset();
    Q_EMIT runFinished(run.number);
    if (m_stopped || m_current >= m_request.count)
        end();
    else if (m_pendingTraces >= kMaxPendingTraces)
        m_waitingForTraces = true; // traceKept starts the next run
    else // not from inside the engine's signal: it may still be unwinding
        QTimer::singleShot(0, this, &SeriesRunner::startNext);
}

void SeriesRunner::keepTrace(int index, std::shared_ptr<TraceModel> model)
{
    TracePlace place;
    if (m_bytesInMemory < m_limits.memoryBudget)
        place.maxInMemory = std::min(m_limits.perRunInMemory, m_limits.memoryBudget - m_bytesInMemory);
    if (m_series.traceDir && m_bytesOnDisk < m_limits.diskBudget)
        place.path = m_series.traceDir->filePath(
            QStringLiteral("run-%1.json").arg(index + 1, 4, 10, QLatin1Char('0')));
    // The job holds the model and the directory: a series discarded meanwhile
    // loses the result, and its directory goes when the job is done.
    auto promise = std::make_shared<QPromise<KeptTrace>>();
    auto *watcher = new QFutureWatcher<KeptTrace>(this);
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, index, generation] {
        watcher->deleteLater();
        if (generation != m_generation || index >= m_series.runs.size())
            return;
        --m_pendingTraces;
        const KeptTrace kept = watcher->future().resultCount() ? watcher->result() : KeptTrace{};
        SeriesRun &run = m_series.runs[index];
        run.trace = kept.compressed;
        run.tracePath = kept.path;
        run.traceDropped = kept.compressed.isEmpty() && kept.path.isEmpty();
        m_bytesInMemory += kept.compressed.size();
        m_bytesOnDisk += kept.fileBytes;
        Q_EMIT traceKept(run.number);
        if (m_waitingForTraces && m_pendingTraces < kMaxPendingTraces) {
            m_waitingForTraces = false;
            startNext();
        }
    });
    watcher->setFuture(promise->future());
    ++m_pendingTraces;
    QThreadPool::globalInstance()->start(
        [promise, model = std::move(model), dir = m_series.traceDir, place]() mutable {
            promise->start();
            promise->addResult(serialize(*model, place));
            model.reset(); // deleted on its own thread (deleteLater)
            promise->finish();
        });
}

void SeriesRunner::stop()
{
    if (!m_running)
        return;
    m_stopped = true;
    if (m_engine && m_engine->isRunning())
        m_engine->stop(); // onRunFinished() ends the series
    else
        end(); // between two runs
}

void SeriesRunner::end()
{
    m_waitingForTraces = false;
    m_running = false;
    m_current = 0;
    Q_EMIT finished();
}

void SeriesRunner::discard()
{
    if (m_running) {
        m_stopped = true;
        if (m_engine)
            m_engine->stop();
        m_running = false;
        m_current = 0;
    }
    ++m_generation;
    for (auto *w : findChildren<QFutureWatcherBase *>(Qt::FindDirectChildrenOnly))
        delete w;
    m_pendingTraces = 0;
    m_waitingForTraces = false;
    m_bytesInMemory = 0;
    m_bytesOnDisk = 0;
    m_series = OutcomeSeries{};
}

} // namespace proclab
