#include "distributionpanel.h"

#include "enginetext.h"
#include "exporter.h"
#include "labs.h"
#include "labsession.h"
#include "pythonrun.h"
#include "outcomehistogram.h"
#include "summarypanel.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>

namespace proclab {

QString DistributionPanel::statusName(const QString &status)
{
    if (status == QLatin1String("finished"))
        return tr("finished");
    if (status == QLatin1String("failed"))
        return tr("failed");
    if (status == QLatin1String("stopped"))
        return tr("stopped");
    if (status == QLatin1String("timed-out"))
        return tr("timed out");
    if (status == QLatin1String("crashed"))
        return tr("crashed");
    return status;
}

namespace {

QString paramsText(const QJsonObject &params)
{
    QStringList parts;
    for (auto it = params.begin(); it != params.end(); ++it)
        parts << it.key() + QLatin1Char('=') + SummaryPanel::formatValue(it.value()).toLower();
    return parts.join(QStringLiteral("  "));
}

} // namespace

DistributionPanel::DistributionPanel(QWidget *parent) : QWidget(parent)
{
    m_runners[0] = new SeriesRunner(this);
    m_runners[1] = new SeriesRunner(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("seriesStatus"));
    m_status->setWordWrap(true);
    QFont sf = m_status->font();
    sf.setBold(true);
    m_status->setFont(sf);
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(true);
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_keyLabel = new QLabel(this);
    m_key = new QComboBox(this);
    m_key->setObjectName(QStringLiteral("seriesKey"));
    m_key->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_keyLabel->setBuddy(m_key);
    m_saveImage = new QPushButton(this);
    m_saveImage->setObjectName(QStringLiteral("saveSeriesImage"));
    m_saveCsv = new QPushButton(this);
    m_saveCsv->setObjectName(QStringLiteral("saveSeriesCsv"));

    m_chart = new OutcomeHistogram(this);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("seriesRuns"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setColumnCount(4);
    m_list->setColumnHidden(3, true); // the engine, with two series
    // The columns fit the list's width, never a sideways scroll bar: run,
    // status and engine as wide as their text, the value takes the rest
    // (its header is cut short when it must; its tooltip names it whole).
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->header()->setTextElideMode(Qt::ElideRight);

    // The status heads the runs' list: beside the controls, on a 1024-wide
    // screen, it wrapped into a column a word wide, and on a row of its own
    // it took the chart's height (its legend and axis names need it).
    auto *top = new QHBoxLayout;
    top->addWidget(m_progress);
    top->addStretch(1);
    top->addWidget(m_keyLabel);
    top->addWidget(m_key);
    top->addWidget(m_saveImage);
    top->addWidget(m_saveCsv);
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *runs = new QWidget(this);
    auto *runsLayout = new QVBoxLayout(runs);
    runsLayout->setContentsMargins(0, 0, 0, 0);
    runsLayout->addWidget(m_status);
    runsLayout->addWidget(m_list, 1);
    split->addWidget(m_chart);
    split->addWidget(runs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    split->setChildrenCollapsible(false);
    split->setSizes({760, 220});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    for (int i = 0; i < 2; ++i) {
        SeriesRunner *runner = m_runners[i];
        connect(runner, &SeriesRunner::runStarted, this, [this] { refreshStatus(); });
        connect(runner, &SeriesRunner::runFinished, this,
                [this, i](int number) { onRunFinished(i, number); });
        connect(runner, &SeriesRunner::finished, this, [this, i] { onSeriesFinished(i); });
        connect(runner, &SeriesRunner::traceKept, this, [this, i](int number) {
            if (i == 0 && number == m_openWhenKept)
                openRun(0, number);
        });
    }
    connect(m_key, &QComboBox::currentIndexChanged, this, [this] {
        m_chosenKey = m_key->currentData().toString(); // (refreshKeys() blocks this)
        refreshChart();
        refreshRunValues();
    });
    connect(m_chart, &OutcomeHistogram::barClicked, this, &DistributionPanel::onBarClicked);
    const auto openItem = [this](QTreeWidgetItem *item) {
        openRun(item->data(0, Qt::UserRole + 1).toInt(), item->data(0, Qt::UserRole).toInt());
    };
    connect(m_list, &QTreeWidget::itemClicked, this, openItem);
    connect(m_list, &QTreeWidget::itemActivated, this, openItem);
    connect(m_saveImage, &QPushButton::clicked, this, &DistributionPanel::saveImageDialog);
    connect(m_saveCsv, &QPushButton::clicked, this, &DistributionPanel::saveCsvDialog);
    retranslateUi();
}

QList<const OutcomeSeries *> DistributionPanel::allSeries() const
{
    QList<const OutcomeSeries *> out;
    for (int i = 0; i < m_count; ++i)
        if (!m_runners[i]->series().labId.isEmpty())
            out << &m_runners[i]->series();
    return out;
}

bool DistributionPanel::start(const QString &labId, const QMap<QString, QString> &values,
                              int runs, QStringList *errors, Engines engines)
{
    if (isRunning()) {
        errors->append(tr("A series is already running: stop it first"));
        return false;
    }
    discard();
    const auto python = [](QObject *parent) -> RunEngine * { return new PythonLabEngine(parent); };
    const QString interpreter = QSettings().value(QStringLiteral("python/interpreter")).toString();
    SeriesRequest first;
    first.run.labId = labId;
    first.run.assignments = values;
    first.run.interpreter = interpreter;
    first.count = runs;
    SeriesRequest second = first;
    m_count = engines == Engines::LabAndPython ? 2 : 1;
    if (engines == Engines::Python) {
        first.name = QStringLiteral("CPython");
        first.engine = python;
    } else if (engines == Engines::LabAndPython) {
        first.name = QStringLiteral("C++");
        second.name = QStringLiteral("CPython");
        second.engine = python;
        // CPython's series starts once the lab's has ended; its program and
        // interpreter are checked now, so a missing python3 is said at once.
        QJsonObject params;
        if (LabSession::resolveLab(labId, values, &params, errors)) {
            PythonRun check = PythonRun::forLab(labId, params);
            check.interpreter = interpreter;
            if (check.programText.isEmpty())
                errors->append(tr("this lab has no Python program"));
            else
                errors->append(check.check());
        }
        if (!errors->isEmpty()) {
            refreshStatus();
            return false;
        }
    }
    m_pending = second;
    m_stopped = false;
    if (!m_runners[0]->start(first, errors)) {
        m_count = 1;
        refreshStatus();
        return false;
    }
    m_active = 0;
    m_list->setColumnHidden(3, m_count < 2);
    refreshKeys();
    refreshChart();
    refreshRunValues();
    refreshStatus();
    Q_EMIT busyChanged(true);
    return true;
}

void DistributionPanel::onSeriesFinished(int series)
{
    if (series != m_active)
        return;
    if (series + 1 < m_count && !m_stopped) {
        // The next engine's series, once this one's signal has returned.
        QTimer::singleShot(0, this, [this, series] {
            if (m_active != series)
                return; // discarded meanwhile
            QStringList errors;
            if (m_runners[series + 1]->start(m_pending, &errors)) {
                m_active = series + 1;
                refreshStatus();
                return;
            }
            m_problem = errors.join(QLatin1Char('\n'));
            onSeriesFinished(m_count); // ends the whole
        });
        return;
    }
    m_active = -1;
    openMedianRun();
    refreshStatus();
    Q_EMIT busyChanged(false);
}

void DistributionPanel::stop()
{
    if (!isRunning())
        return;
    m_stopped = true;
    m_runners[m_active]->stop();
}

void DistributionPanel::discard()
{
    const bool wasRunning = isRunning();
    m_active = -1;
    for (SeriesRunner *r : m_runners)
        r->discard();
    m_count = 1;
    m_list->clear();
    m_list->setColumnHidden(3, true);
    m_problem.clear();
    m_chosenKey.clear();
    m_shown = 0;
    m_shownSeries = 0;
    m_openWhenKept = 0;
    refreshKeys();
    refreshChart();
    refreshStatus();
    if (wasRunning)
        Q_EMIT busyChanged(false);
}

QString DistributionPanel::chartedKey() const
{
    const QString key = m_key->currentData().toString();
    return key.isEmpty() ? OutcomeSeries::keyOutcome(m_runners[0]->series().labId) : key;
}

void DistributionPanel::onRunFinished(int series, int number)
{
    const OutcomeSeries &s = m_runners[series]->series();
    if (number < 1 || number > s.runs.size())
        return;
    refreshKeys();
    addRunRow(series, s.runs[number - 1]);
    refreshRunValues();
    refreshChart();
    refreshStatus();
}

void DistributionPanel::refreshKeys()
{
    // The first series' keys (key outcome first), then any only the other has.
    QStringList keys;
    for (const OutcomeSeries *s : allSeries())
        for (const QString &k : s->numericKeys())
            if (!keys.contains(k))
                keys << k;
    const QString labId = m_runners[0]->series().labId;
    if (keys.isEmpty())
        keys << QString::fromLatin1(OutcomeSeries::kRunMs);
    m_key->blockSignals(true);
    m_key->clear();
    for (const QString &k : keys)
        m_key->addItem(OutcomeSeries::keyTitle(labId, k), k);
    const int keep = m_key->findData(m_chosenKey);
    const int key = m_key->findData(OutcomeSeries::keyOutcome(labId));
    m_key->setCurrentIndex(keep >= 0 ? keep : std::max(0, key));
    m_key->blockSignals(false);
}

void DistributionPanel::refreshChart()
{
    const QList<const OutcomeSeries *> series = allSeries();
    if (series.isEmpty()) {
        m_chart->setSubtitle(QString());
        m_chart->setData(
            tr("Press Run ×N to run the lab many times and see how its outcome varies"),
            QString(), {});
    } else {
        showInChart(m_chart, series, chartedKey());
    }
    bool any = false;
    for (const OutcomeSeries *s : series)
        any = any || !s->runs.isEmpty();
    m_saveImage->setEnabled(any);
    m_saveCsv->setEnabled(any);
    m_key->setEnabled(any);
}

void DistributionPanel::showInChart(OutcomeHistogram *chart,
                                    const QList<const OutcomeSeries *> &series, const QString &key)
{
    QList<HistogramSeries> data;
    int runs = 0;
    for (const OutcomeSeries *s : series) {
        data << HistogramSeries{s->name, s->values(key)};
        runs = std::max(runs, int(s->runs.size()));
    }
    const OutcomeSeries *first = series.isEmpty() ? nullptr : series.first();
    const QString labId = first ? first->labId : QString();
    const LabInfo *lab = labs::find(labId.toStdString());
    const QString labTitle = lab ? engineText::lab(lab->title) : labId;
    chart->setSubtitle(labId + QStringLiteral("  ") +
                       paramsText(first ? first->params : QJsonObject()));
    chart->setData(tr("%1 — %2 runs").arg(labTitle).arg(runs), OutcomeSeries::keyTitle(labId, key),
                   data);
}

void DistributionPanel::addRunRow(int series, const SeriesRun &run)
{
    auto *item = new QTreeWidgetItem(m_list);
    item->setData(0, Qt::UserRole, run.number);
    item->setData(0, Qt::UserRole + 1, series);
    item->setText(0, QString::number(run.number));
    item->setText(3, m_runners[series]->series().name);
    item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    item->setText(2, statusName(run.status));
    if (!run.finished())
        item->setForeground(2, QColor(0xb0, 0x3a, 0x00));
}

void DistributionPanel::refreshRunValues()
{
    const QString labId = m_runners[0]->series().labId;
    const QString key = chartedKey();
    // The key's short name: the column must leave room for the status.
    m_list->headerItem()->setText(1, key == QLatin1String(OutcomeSeries::kRunMs)
                                         ? OutcomeSeries::keyTitle(labId, key)
                                         : engineText::summaryKey(key));
    m_list->headerItem()->setToolTip(1, OutcomeSeries::keyTitle(labId, key));
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const OutcomeSeries &s = m_runners[item->data(0, Qt::UserRole + 1).toInt()]->series();
        const int index = item->data(0, Qt::UserRole).toInt() - 1;
        const auto v = index >= 0 && index < s.runs.size() ? s.runs[index].value(key)
                                                           : std::nullopt;
        item->setText(1, v ? OutcomeHistogram::formatValue(*v) : QString());
    }
}

void DistributionPanel::onBarClicked(int series, int bin)
{
    if (series < 0 || series >= m_count)
        return;
    QVector<int> runIndex;
    m_runners[series]->series().values(chartedKey(), &runIndex);
    const QVector<int> inBin = m_chart->indicesInBin(series, bin);
    if (inBin.isEmpty())
        return;
    // Select every run of the bar in the list; open the first.
    m_list->clearSelection();
    QTreeWidgetItem *first = nullptr;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(0, Qt::UserRole + 1).toInt() != series)
            continue;
        const int index = item->data(0, Qt::UserRole).toInt() - 1;
        for (int v : inBin) {
            if (runIndex.value(v, -1) == index) {
                item->setSelected(true);
                if (!first)
                    first = item;
            }
        }
    }
    if (first) {
        m_list->scrollToItem(first);
        openRun(series, first->data(0, Qt::UserRole).toInt());
    }
}

void DistributionPanel::openMedianRun()
{
    const OutcomeSeries &s = m_runners[0]->series();
    QVector<int> runIndex;
    const QVector<double> values = s.values(chartedKey(), &runIndex);
    if (values.isEmpty() || !m_target)
        return;
    const double median = OutcomeStats::of(values).median;
    int best = 0;
    for (int i = 1; i < values.size(); ++i)
        if (std::abs(values[i] - median) < std::abs(values[best] - median))
            best = i;
    const SeriesRun &run = s.runs[runIndex[best]];
    if (run.hasTrace())
        openRun(0, run.number);
    else if (!run.traceDropped)
        m_openWhenKept = run.number; // its trace is still being saved
}

bool DistributionPanel::openRun(int series, int number)
{
    m_openWhenKept = 0;
    if (!m_target || series < 0 || series >= m_count)
        return false;
    const OutcomeSeries &s = m_runners[series]->series();
    QString error;
    if (!s.loadTrace(number - 1, m_target, &error)) {
        m_problem = error;
        refreshStatus();
        return false;
    }
    m_problem.clear();
    m_shown = number;
    m_shownSeries = series;
    refreshStatus();
    Q_EMIT runOpened(number, s.planned, s.name);
    return true;
}

QString DistributionPanel::statusText() const
{
    if (!m_problem.isEmpty())
        return m_problem;
    if (isRunning()) {
        const SeriesRunner *r = m_runners[m_active];
        const QString text = tr("Run %1 of %2… (Stop ends this run and the series)")
                                 .arg(std::max(1, r->currentRun()))
                                 .arg(r->series().planned);
        return r->series().name.isEmpty() ? text : r->series().name + QStringLiteral(": ") + text;
    }
    const QList<const OutcomeSeries *> series = allSeries();
    int made = 0, done = 0, planned = 0;
    for (const OutcomeSeries *s : series) {
        made += int(s->runs.size());
        done += s->completed();
        planned += s->planned;
    }
    if (made == 0)
        return tr("Run the lab many times (Run ×N) to see how its outcome varies.");
    // (The chart's title says how many runs there were.)
    QStringList text;
    if (m_stopped)
        text << tr("Stopped after %1 of %2 runs.").arg(made).arg(planned);
    if (done < made)
        text << tr("%1 did not finish (see the list).").arg(made - done);
    if (m_shown > 0) {
        const QString name = m_runners[m_shownSeries]->series().name;
        text << (name.isEmpty() || m_count < 2
                     ? tr("The timeline shows run %1.").arg(m_shown)
                     : tr("The timeline shows run %1 (%2).").arg(m_shown).arg(name));
    }
    text << tr("Click a bar or a run to show its timeline.");
    return text.join(QLatin1Char(' '));
}

void DistributionPanel::refreshStatus()
{
    m_status->setText(statusText());
    m_status->setStyleSheet(m_problem.isEmpty() ? QString()
                                                : QStringLiteral("color: #b03a00;"));
    int made = 0;
    for (int i = 0; i < m_count; ++i)
        made += int(m_runners[i]->series().runs.size());
    const int planned = m_runners[0]->series().planned * m_count; // (the second starts later)
    m_progress->setVisible(isRunning());
    m_progress->setRange(0, std::max(1, planned));
    m_progress->setValue(made);
    m_progress->setFormat(tr("%v of %m"));
}

bool DistributionPanel::saveImage(const QString &path, QString *error)
{
    const ImageFormat format = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)
                                   ? ImageFormat::Svg
                                   : ImageFormat::Png;
    return Exporter::writeImage(*m_chart, path, format, 1, QSize(), error);
}

bool DistributionPanel::saveCsv(const QString &path, QString *error)
{
    return Exporter::writeFile(path, OutcomeSeries::toCsv(allSeries()), error);
}

void DistributionPanel::saveImageDialog()
{
    const QString name = m_runners[0]->series().labId + QStringLiteral("-distribution.png");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the distribution chart"), name, tr("PNG image (*.png);;SVG image (*.svg)"));
    QString error;
    if (!path.isEmpty() && !saveImage(path, &error))
        QMessageBox::warning(this, tr("Cannot save the chart"), error);
}

void DistributionPanel::saveCsvDialog()
{
    const QString name = m_runners[0]->series().labId + QStringLiteral("-runs.csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save one row per run"), name,
                                                      tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !saveCsv(path, &error))
        QMessageBox::warning(this, tr("Cannot save the runs"), error);
}

void DistributionPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DistributionPanel::retranslateUi()
{
    m_keyLabel->setText(tr("&Chart:"));
    m_key->setToolTip(tr("Which number of the runs' summaries the histogram counts"));
    m_saveImage->setText(tr("Save image…"));
    m_saveImage->setToolTip(tr("The chart as PNG or SVG"));
    m_saveCsv->setText(tr("Save CSV…"));
    m_saveCsv->setToolTip(tr("One row per run: its number, every number of its summary, status"));
    m_list->setHeaderLabels({tr("Run"), QString(), tr("Status"), tr("Engine")});
    QTreeWidgetItem *header = m_list->headerItem();
    header->setToolTip(0, tr("The run's number in its series (click a run to see its timeline)"));
    header->setToolTip(2, tr("How the run ended"));
    header->setToolTip(3, tr("C++: the lab; CPython: the lab's Python program"));
    // Key titles, statuses and the chart's text follow the language.
    refreshKeys();
    refreshRunValues();
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const OutcomeSeries &s = m_runners[item->data(0, Qt::UserRole + 1).toInt()]->series();
        const int index = item->data(0, Qt::UserRole).toInt() - 1;
        if (index >= 0 && index < s.runs.size())
            item->setText(2, statusName(s.runs[index].status));
    }
    refreshChart();
    refreshStatus();
}

} // namespace proclab
