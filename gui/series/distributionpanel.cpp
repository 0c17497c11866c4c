#include "distributionpanel.h"

#include "enginetext.h"
#include "exporter.h"
#include "labs.h"
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
#include <QSplitter>
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

DistributionPanel::DistributionPanel(QWidget *parent)
    : QWidget(parent), m_runner(new SeriesRunner(this))
{
    m_status = new QLabel(this);
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
    m_list->setColumnCount(3);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_progress);
    top->addWidget(m_keyLabel);
    top->addWidget(m_key);
    top->addWidget(m_saveImage);
    top->addWidget(m_saveCsv);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_chart);
    split->addWidget(m_list);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    split->setChildrenCollapsible(false);
    split->setSizes({760, 220});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_runner, &SeriesRunner::runStarted, this, [this] { refreshStatus(); });
    connect(m_runner, &SeriesRunner::runFinished, this, &DistributionPanel::onRunFinished);
    connect(m_runner, &SeriesRunner::finished, this, [this] {
        openMedianRun();
        refreshStatus();
        Q_EMIT busyChanged(false);
    });
    connect(m_runner, &SeriesRunner::traceKept, this, [this](int number) {
        if (number == m_openWhenKept)
            openRun(number);
    });
    connect(m_key, &QComboBox::currentIndexChanged, this, [this] {
        m_chosenKey = m_key->currentData().toString(); // (refreshKeys() blocks this)
        refreshChart();
        refreshRunValues();
    });
    connect(m_chart, &OutcomeHistogram::barClicked, this, &DistributionPanel::onBarClicked);
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        openRun(item->data(0, Qt::UserRole).toInt());
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        openRun(item->data(0, Qt::UserRole).toInt());
    });
    connect(m_saveImage, &QPushButton::clicked, this, &DistributionPanel::saveImageDialog);
    connect(m_saveCsv, &QPushButton::clicked, this, &DistributionPanel::saveCsvDialog);
    retranslateUi();
}

bool DistributionPanel::start(const QString &labId, const QMap<QString, QString> &values,
                              int runs, QStringList *errors)
{
    SeriesRequest request;
    request.name = QString(); // one series: the C++ lab (a second engine names both)
    request.run.labId = labId;
    request.run.assignments = values;
    request.count = runs;
    m_problem.clear();
    m_shown = 0;
    m_openWhenKept = 0;
    if (!m_runner->start(request, errors)) {
        refreshStatus();
        return false;
    }
    m_list->clear();
    refreshKeys();
    refreshChart();
    refreshRunValues();
    refreshStatus();
    Q_EMIT busyChanged(true);
    return true;
}

void DistributionPanel::stop()
{
    m_runner->stop();
}

void DistributionPanel::discard()
{
    const bool wasRunning = isRunning();
    m_runner->discard();
    m_list->clear();
    m_problem.clear();
    m_chosenKey.clear();
    m_shown = 0;
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
    return key.isEmpty() ? OutcomeSeries::keyOutcome(m_runner->series().labId) : key;
}

void DistributionPanel::onRunFinished(int number)
{
    const OutcomeSeries &series = m_runner->series();
    if (number < 1 || number > series.runs.size())
        return;
    if (m_key->count() != series.numericKeys().size()) {
        refreshKeys();
        refreshRunValues();
    }
    addRunRow(series.runs[number - 1]);
    refreshChart();
    refreshStatus();
}

void DistributionPanel::refreshKeys()
{
    const OutcomeSeries &series = m_runner->series();
    const QStringList keys = series.numericKeys();
    m_key->blockSignals(true);
    m_key->clear();
    for (const QString &k : keys)
        m_key->addItem(OutcomeSeries::keyTitle(series.labId, k), k);
    const int keep = m_key->findData(m_chosenKey);
    const int key = m_key->findData(OutcomeSeries::keyOutcome(series.labId));
    m_key->setCurrentIndex(keep >= 0 ? keep : std::max(0, key));
    m_key->blockSignals(false);
}

void DistributionPanel::refreshChart()
{
    const OutcomeSeries &series = m_runner->series();
    if (series.labId.isEmpty()) {
        m_chart->setSubtitle(QString());
        m_chart->setData(
            tr("Press Run ×N to run the lab many times and see how its outcome varies"),
            QString(), {});
    } else {
        showInChart(m_chart, {&series}, chartedKey());
    }
    const bool any = !series.runs.isEmpty();
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

void DistributionPanel::addRunRow(const SeriesRun &run)
{
    auto *item = new QTreeWidgetItem(m_list);
    item->setData(0, Qt::UserRole, run.number);
    item->setText(0, QString::number(run.number));
    item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    item->setText(2, statusName(run.status));
    if (!run.finished())
        item->setForeground(2, QColor(0xb0, 0x3a, 0x00));
    const auto v = run.value(chartedKey());
    item->setText(1, v ? OutcomeHistogram::formatValue(*v) : QString());
}

void DistributionPanel::refreshRunValues()
{
    const OutcomeSeries &series = m_runner->series();
    const QString key = chartedKey();
    // The key's short name: the column must leave room for the status.
    m_list->headerItem()->setText(1, key == QLatin1String(OutcomeSeries::kRunMs)
                                         ? OutcomeSeries::keyTitle(series.labId, key)
                                         : engineText::summaryKey(key));
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const int index = item->data(0, Qt::UserRole).toInt() - 1;
        const auto v = index >= 0 && index < series.runs.size() ? series.runs[index].value(key)
                                                                  : std::nullopt;
        item->setText(1, v ? OutcomeHistogram::formatValue(*v) : QString());
    }
}

void DistributionPanel::onBarClicked(int series, int bin)
{
    if (series != 0)
        return; // one series here; a second engine's runs open from its own list
    QVector<int> runIndex;
    m_runner->series().values(chartedKey(), &runIndex);
    const QVector<int> inBin = m_chart->indicesInBin(series, bin);
    if (inBin.isEmpty())
        return;
    // Select every run of the bar in the list; open the first.
    m_list->clearSelection();
    QTreeWidgetItem *first = nullptr;
    for (int i : inBin) {
        QTreeWidgetItem *item = m_list->topLevelItem(runIndex.value(i, -1));
        if (!item)
            continue;
        item->setSelected(true);
        if (!first)
            first = item;
    }
    if (first) {
        m_list->scrollToItem(first);
        openRun(first->data(0, Qt::UserRole).toInt());
    }
}

void DistributionPanel::openMedianRun()
{
    QVector<int> runIndex;
    const QVector<double> values = m_runner->series().values(chartedKey(), &runIndex);
    if (values.isEmpty() || !m_target)
        return;
    const double median = OutcomeStats::of(values).median;
    int best = 0;
    for (int i = 1; i < values.size(); ++i)
        if (std::abs(values[i] - median) < std::abs(values[best] - median))
            best = i;
    const int number = m_runner->series().runs[runIndex[best]].number;
    if (m_runner->series().runs[runIndex[best]].hasTrace())
        openRun(number);
    else
        m_openWhenKept = number; // its trace is still being saved
}

bool DistributionPanel::openRun(int number)
{
    m_openWhenKept = 0;
    if (!m_target)
        return false;
    QString error;
    if (!m_runner->series().loadTrace(number - 1, m_target, &error)) {
        m_problem = error;
        refreshStatus();
        return false;
    }
    m_problem.clear();
    m_shown = number;
    refreshStatus();
    Q_EMIT runOpened(number, m_runner->series().planned);
    return true;
}

QString DistributionPanel::statusText() const
{
    const OutcomeSeries &series = m_runner->series();
    if (!m_problem.isEmpty())
        return m_problem;
    if (m_runner->isRunning())
        return tr("Run %1 of %2… (Stop ends this run and the series)")
            .arg(m_runner->currentRun())
            .arg(series.planned);
    if (series.runs.isEmpty())
        return tr("Run the lab many times (Run ×N) to see how its outcome varies.");
    // (The chart's title says how many runs there were.)
    const int made = int(series.runs.size());
    const int done = series.completed();
    QStringList text;
    if (m_runner->wasStopped())
        text << tr("Stopped after %1 of %2 runs.").arg(made).arg(series.planned);
    if (done < made)
        text << tr("%1 did not finish (see the list).").arg(made - done);
    if (m_shown > 0)
        text << tr("The timeline shows run %1.").arg(m_shown);
    text << tr("Click a bar or a run to show its timeline.");
    return text.join(QLatin1Char(' '));
}

void DistributionPanel::refreshStatus()
{
    m_status->setText(statusText());
    m_status->setStyleSheet(m_problem.isEmpty() ? QString()
                                                : QStringLiteral("color: #b03a00;"));
    const OutcomeSeries &series = m_runner->series();
    m_progress->setVisible(m_runner->isRunning());
    m_progress->setRange(0, std::max(1, series.planned));
    m_progress->setValue(int(series.runs.size()));
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
    return Exporter::writeFile(path, OutcomeSeries::toCsv({&m_runner->series()}), error);
}

void DistributionPanel::saveImageDialog()
{
    const QString name = m_runner->series().labId + QStringLiteral("-distribution.png");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the distribution chart"), name, tr("PNG image (*.png);;SVG image (*.svg)"));
    QString error;
    if (!path.isEmpty() && !saveImage(path, &error))
        QMessageBox::warning(this, tr("Cannot save the chart"), error);
}

void DistributionPanel::saveCsvDialog()
{
    const QString name = m_runner->series().labId + QStringLiteral("-runs.csv");
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
    m_list->setHeaderLabels({tr("Run"), QString(), tr("Status")});
    // Key titles, statuses and the chart's text follow the language.
    refreshKeys();
    refreshRunValues();
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const int index = item->data(0, Qt::UserRole).toInt() - 1;
        if (index >= 0 && index < m_runner->series().runs.size())
            item->setText(2, statusName(m_runner->series().runs[index].status));
    }
    refreshChart();
    refreshStatus();
}

} // namespace proclab
