#include "labpage.h"

#include "consoleview.h"
#include "distributionpanel.h"
#include "enginetext.h"
#include "ipccomparechart.h"
#include "labnotespanel.h"
#include "labs.h"
#include "parameterform.h"
#include "processtreeview.h"
#include "queuedepthchart.h"
#include "racepanel.h"
#include "raceverdict.h"
#include "repeatcontrol.h"
#include "summarypanel.h"
#include "timecursor.h"
#include "timelineview.h"
#include "tracemodel.h"

#include <QCheckBox>
#include <QEvent>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalBlocker>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace proclab {

LabPage::LabPage(QWidget *parent)
    : QWidget(parent), m_model(new TraceModel(this)), m_session(new LabSession(m_model, this))
{
    m_title = new QLabel(this);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.5);
    tf.setBold(true);
    m_title->setFont(tf);
    m_blurb = new QLabel(this);
    m_blurb->setWordWrap(true);

    m_form = new ParameterForm(this);
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("run"));
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_run->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stop"));
    m_stop->setEnabled(false);
    m_fit = new QPushButton(tr("Fit"), this);
    m_fit->setToolTip(tr("Show the whole run (or double-click the timeline)"));
    m_asPython = new QCheckBox(tr("Run as Python"), this);
    m_asPython->setObjectName(QStringLiteral("runAsPython"));
    m_asPython->setToolTip(tr("Run the lab's own Python program (see Notes) under CPython with "
                              "these parameters, instead of the C++ lab: the same views, the "
                              "real interpreter"));
    m_asPython->setChecked(QSettings().value(QStringLiteral("engine/python"), false).toBool());
    connect(m_asPython, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("engine/python"), on);
        m_repeat->setPythonOnly(on);
        updateCaption();
        Q_EMIT runAsPythonChanged(on);
    });
    m_programArgs = new QLineEdit(this);
    m_programArgs->setObjectName(QStringLiteral("programArgs"));
    m_programArgs->setPlaceholderText(tr("arguments for the program (optional)"));
    m_programArgs->hide();
    m_summary = new SummaryPanel(this);
    m_summary->setModel(m_model);
    m_timeline = new TimelineView(this);
    m_timeline->setModel(m_model);
    m_console = new ConsoleView(this);
    m_console->setModel(m_model);
    m_cursor = new TimeCursor(this);
    m_chart = new QueueDepthChart(this);
    m_chart->hide(); // shown only as the "Queue depth" tab, for labs with a queue
    m_chart->setModel(m_model);
    m_chart->setCursor(m_cursor);
    connect(m_timeline, &TimelineView::rangeChanged, m_chart, &QueueDepthChart::setTimeWindow);
    connect(m_timeline, &TimelineView::hovered, m_cursor, &TimeCursor::setTime);
    connect(m_cursor, &TimeCursor::moved, m_timeline, &TimelineView::setCursorTime);
    m_ipcChart = new IpcCompareChart(this);
    m_ipcChart->hide(); // shown only as the "IPC comparison" tab, once a run has measured
    m_ipcChart->setModel(m_model);
    m_race = new RacePanel(this);
    m_race->setModel(m_model);
    m_race->setTimeline(m_timeline);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_fit);
    m_repeat = new RepeatControl(this); // Run ×N, under Run
    m_repeat->setPythonOnly(m_asPython->isChecked());
    m_distribution = new DistributionPanel(this);
    m_distribution->hide(); // the "Distribution" tab, once a series has run
    m_distribution->setTarget(m_model);

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    m_paramsBox = new QWidget(side);
    auto *paramsLayout = new QVBoxLayout(m_paramsBox);
    paramsLayout->setContentsMargins(0, 0, 0, 0);
    paramsLayout->addWidget(m_form);
    paramsLayout->addWidget(m_programArgs);
    paramsLayout->addLayout(buttons);
    paramsLayout->addWidget(m_asPython);
    paramsLayout->addWidget(m_repeat);
    m_summaryBox = new QWidget(side);
    auto *summaryLayout = new QVBoxLayout(m_summaryBox);
    summaryLayout->setContentsMargins(0, 0, 0, 0);
    summaryLayout->addWidget(m_summary);
    summaryLayout->addWidget(m_race, 1);
    sideLayout->addWidget(m_paramsBox);
    sideLayout->addWidget(m_summaryBox, 1);
    sideLayout->addStretch(0);
    // When the column is short (a small screen at 200 %) it scrolls: the form
    // and the summary keep their rows whole instead of squeezing the text.
    m_form->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_summary->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    auto *sideScroll = new QScrollArea(this);
    sideScroll->setWidget(side);
    sideScroll->setWidgetResizable(true);
    sideScroll->setMinimumWidth(280);
    sideScroll->setFrameShape(QFrame::NoFrame);
    m_sideScroll = sideScroll;
    // The verdict's number in view once a run has ended: the form, the
    // summary and the verdict do not always fit the column at 1280x720.
    connect(m_race, &RacePanel::verdictShown, this, [this, sideScroll] {
        QTimer::singleShot(0, this, [this, sideScroll] {
            QWidget *verdict = m_race->verdict();
            if (!verdict->isVisible())
                return;
            sideScroll->widget()->layout()->activate();
            sideScroll->ensureWidgetVisible(verdict, 0, 4);
        });
    });

    auto *right = new QSplitter(Qt::Vertical, this);
    m_split = right;
    // Below the timeline: what the processes printed and, for queue labs,
    // the queue's depth (shown first when there is a queue).
    m_bottom = new QTabWidget(this);
    // Its pages scroll; the timeline may take the room (projector mode).
    m_bottom->setMinimumHeight(140);
    m_bottom->addTab(m_console, tr("Output"));
    // Notes: explanation, a question to predict, the Python the lab mirrors.
    m_notes = new LabNotesPanel(this);
    m_notes->setModel(m_model);
    m_bottom->insertTab(0, m_notes, tr("Notes"));
    connect(m_timeline, &TimelineView::eventSelected, m_notes, &LabNotesPanel::selectEvent);
    connect(m_chart, &QueueDepthChart::hasQueuesChanged, this, [this](bool has) {
        const int at = m_bottom->indexOf(m_chart);
        if (has && at < 0)
            m_bottom->setCurrentIndex(m_bottom->insertTab(0, m_chart, tr("Queue depth")));
        else if (!has && at >= 0) {
            m_bottom->removeTab(at);
            m_chart->hide();
        }
    });
    connect(m_ipcChart, &IpcCompareChart::hasDataChanged, this, [this](bool has) {
        const int at = m_bottom->indexOf(m_ipcChart);
        if (has && at < 0)
            m_bottom->setCurrentIndex(m_bottom->insertTab(0, m_ipcChart, tr("IPC comparison")));
        else if (!has && at >= 0) {
            m_bottom->removeTab(at);
            m_ipcChart->hide();
        }
    });
    // Left, under the parameters and the summary: the process tree at the
    // hovered time (or now); selecting a process frames its lane. (Beside the
    // timeline or the tabs it would squeeze them at 1280x720.)
    m_processTree = new ProcessTreeView(this);
    m_processTree->setModel(m_model);
    m_processTree->setTimeCursor(m_cursor);
    connect(m_processTree, &ProcessTreeView::processSelected, m_timeline,
            &TimelineView::setHighlightedPid);
    auto *left = new QSplitter(Qt::Vertical, this);
    m_left = left;
    left->setObjectName(QStringLiteral("leftSplitter"));
    right->setObjectName(QStringLiteral("timelineSplitter"));
    left->addWidget(sideScroll);
    left->addWidget(m_processTree);
    left->setChildrenCollapsible(false);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    left->setSizes({470, 190});
    right->addWidget(m_timeline);
    right->addWidget(m_bottom);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setSizes({400, 260});

    auto *body = new QSplitter(Qt::Horizontal, this);
    m_body = body;
    body->setObjectName(QStringLiteral("bodySplitter"));
    body->addWidget(left);
    body->addWidget(right);
    body->setStretchFactor(0, 0);
    body->setStretchFactor(1, 1);
    body->setSizes({320, 960});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_blurb);
    layout->addWidget(body, 1);

    connect(m_run, &QPushButton::clicked, this, &LabPage::run);
    connect(m_stop, &QPushButton::clicked, this, &LabPage::stop);
    connect(m_fit, &QPushButton::clicked, m_timeline, &TimelineView::fitAll);
    connect(m_form, &ParameterForm::validityChanged, this,
            [this](bool ok) { m_run->setEnabled((ok || !m_program.isEmpty()) && !isRunning()); });
    // The question to predict asks about the values set now.
    connect(m_form, &ParameterForm::valuesChanged, this,
            [this] { m_notes->setParameters(m_form->values()); });
    connect(m_session, &LabSession::finished, this, &LabPage::onFinished);

    connect(m_repeat, &RepeatControl::runRequested, this, &LabPage::runSeries);
    connect(this, &LabPage::runningChanged, m_repeat,
            [this](bool running) { m_repeat->setEnabled(!running && m_form->valid()); });
    connect(m_form, &ParameterForm::validityChanged, m_repeat,
            [this](bool ok) { m_repeat->setEnabled(ok && !isRunning()); });
    connect(m_distribution, &DistributionPanel::busyChanged, this, [this](bool busy) {
        m_run->setEnabled(!busy && m_form->valid());
        m_stop->setEnabled(busy);
        m_form->setEnabled(!busy);
        if (!busy && m_distribution->shownRun() == 0) // (else runOpened said which run)
            showStatus([] { return tr("Done: the Distribution tab shows the runs."); }, false);
        Q_EMIT runningChanged(busy);
    });
    connect(m_distribution, &DistributionPanel::runOpened, this,
            [this](int number, int total, const QString &series) {
                showRun([this, number, total, series] {
                    const QString text = tr("Run %1 of %2: %3")
                                             .arg(number)
                                             .arg(total)
                                             .arg(DistributionPanel::statusName(m_model->runStatus()));
                    return series.isEmpty() ? text : series + QStringLiteral(" — ") + text;
                });
            });
}

void LabPage::dropSeries()
{
    m_distribution->discard();
    if (const int at = m_bottom->indexOf(m_distribution); at >= 0)
        m_bottom->removeTab(at);
}

bool LabPage::runSeries(int runs)
{
    QStringList errors;
    // Run as Python: CPython's runs; "Compare with Python": the lab's, then CPython's.
    const auto engines = m_asPython->isChecked() ? DistributionPanel::Engines::Python
                         : m_repeat->compareWithPython() ? DistributionPanel::Engines::LabAndPython
                                                    : DistributionPanel::Engines::Lab;
    if (isRunning() ||
        !m_distribution->start(m_labId, m_form->values(), runs, &errors, engines)) {
        if (!errors.isEmpty())
            showStatus([errors] { return errors.join(QLatin1Char('\n')); }, true);
        return false;
    }
    if (m_bottom->indexOf(m_distribution) < 0)
        m_bottom->insertTab(0, m_distribution, tr("Distribution"));
    m_bottom->setCurrentWidget(m_distribution);
    const int total = m_split->height(); // the chart gets the larger share
    m_split->setSizes({total * 2 / 5, total - total * 2 / 5});
    showStatus([] { return tr("Running the lab many times… (Stop ends the series)"); }, false);
    return true;
}

void LabPage::setTimelineFirst(bool on)
{
    if (!m_split->isVisible()) {
        // Not laid out yet (a --presentation start): once the window is shown.
        QTimer::singleShot(0, this, [this, on] {
            if (m_split->isVisible())
                setTimelineFirst(on);
        });
        return;
    }
    const int total = m_split->height();
    const int top = int(total * (on ? 0.72 : 0.6));
    m_split->setSizes({top, total - top});
}

void LabPage::setPanelShown(Panel panel, bool on)
{
    switch (panel) {
    case Panel::Parameters:
        m_paramsBox->setVisible(on);
        break;
    case Panel::Summary:
        m_summaryBox->setVisible(on);
        break;
    case Panel::Processes:
        m_processTree->setVisible(on);
        break;
    case Panel::Notes:
        m_bottom->setVisible(on);
        break;
    }
    const bool side = !m_paramsBox->isHidden() || !m_summaryBox->isHidden();
    m_sideScroll->setVisible(side);
    m_left->setVisible(side || !m_processTree->isHidden());
    Q_EMIT panelsChanged();
}

bool LabPage::panelShown(Panel panel) const
{
    switch (panel) {
    case Panel::Parameters:
        return !m_paramsBox->isHidden() && !m_left->isHidden();
    case Panel::Summary:
        return !m_summaryBox->isHidden() && !m_left->isHidden();
    case Panel::Processes:
        return !m_processTree->isHidden() && !m_left->isHidden();
    case Panel::Notes:
        return !m_bottom->isHidden();
    }
    return false;
}

void LabPage::setHeaderShown(bool on)
{
    m_title->setVisible(on);
    m_blurb->setVisible(on);
}

bool LabPage::headerShown() const
{
    return !m_title->isHidden();
}

QList<QSplitter *> LabPage::splitters() const
{
    return {m_body, m_left, m_split};
}

void LabPage::setProgramMode(bool on)
{
    m_form->setVisible(!on);
    m_asPython->setVisible(!on);
    m_repeat->setProgramMode(on); // (Run ×N is for labs; it says so)
    if (on)
        dropSeries();
    m_programArgs->setVisible(on);
    if (!on)
        m_program.clear();
}

bool LabPage::openProgram(const QString &path, QString *error)
{
    if (isRunning()) {
        *error = tr("Stop the running lab before opening a program");
        return false;
    }
    if (!m_notes->showProgram(path, error))
        return false;
    m_program = QFileInfo(path).absoluteFilePath();
    m_labId.clear();
    setProgramMode(true);
    m_title->setText(QFileInfo(path).fileName());
    m_blurb->setText(tr("Your Python program, run under CPython: every process it starts, every "
                        "lock, queue, pipe and shared value it uses, drawn live. (%1)")
                         .arg(m_program));
    m_bottom->setCurrentWidget(m_notes);
    m_model->clear();
    m_run->setEnabled(true);
    showStatus([] { return tr("Press Run to run your program."); }, false);
    updateCaption();
    return true;
}

void LabPage::setRunAsPython(bool on, bool remember)
{
    {
        const QSignalBlocker quiet(remember ? nullptr : m_asPython);
        m_asPython->setChecked(on);
    }
    m_repeat->setPythonOnly(on);
    updateCaption();
    Q_EMIT runAsPythonChanged(on);
}

bool LabPage::runsAsPython() const
{
    return m_asPython->isChecked();
}

void LabPage::setLab(const QString &labId)
{
    const LabInfo *lab = labs::find(labId.toStdString());
    if (!lab || isRunning())
        return;
    setProgramMode(false);
    m_labId = labId;
    m_title->setText(engineText::lab(lab->title));
    m_blurb->setText(engineText::lab(lab->blurb));
    m_form->setLab(lab);
    m_notes->setLab(labId);
    m_repeat->setLab(labId);
    dropSeries(); // another lab's series
    m_bottom->setCurrentWidget(m_notes);
    m_model->clear();
    showStatus([] { return tr("Set the parameters and press Run."); }, false);
    updateCaption();
}

bool LabPage::isRunning() const
{
    return m_session->isRunning() || m_distribution->isRunning();
}

bool LabPage::startRun(QStringList *errors)
{
    const QString interpreter = QSettings().value(QStringLiteral("python/interpreter")).toString();
    if (!m_program.isEmpty()) {
        PythonRun run;
        run.program = m_program;
        run.args = QProcess::splitCommand(m_programArgs->text());
        run.interpreter = interpreter;
        return m_session->startPython(run, errors);
    }
    if (m_asPython->isChecked()) {
        QJsonObject params;
        if (!LabSession::resolveLab(m_labId, m_form->values(), &params, errors))
            return false;
        PythonRun run = PythonRun::forLab(m_labId, params);
        run.interpreter = interpreter;
        if (run.programText.isEmpty()) {
            errors->append(tr("this lab has no Python program"));
            return false;
        }
        return m_session->startPython(run, errors);
    }
    return m_session->start(m_labId, m_form->values(), errors);
}

bool LabPage::run()
{
    QStringList errors;
    if (m_distribution->isRunning())
        return false;
    if (!startRun(&errors)) {
        showStatus([errors] { return errors.join(QLatin1Char('\n')); }, true);
        return false;
    }
    showStatus([] { return tr("Running… (Stop ends every process of the lab)"); }, false);
    m_run->setEnabled(false);
    m_stop->setEnabled(true);
    m_form->setEnabled(false);
    m_asPython->setEnabled(false);
    m_programArgs->setEnabled(false);
    updateCaption();
    m_timeline->fitAll();
    Q_EMIT runningChanged(true);
    return true;
}

void LabPage::stop()
{
    m_session->stop();
    m_distribution->stop();
}

QString LabPage::statusText() const
{
    switch (m_session->state()) {
    case LabSession::State::Finished:
        return tr("Finished: %n process(es) ran", nullptr, m_model->rowCount());
    case LabSession::State::Stopped:
        return tr("Stopped: every lab process was ended");
    case LabSession::State::TimedOut:
        return tr("Timed out: every lab process was ended");
    case LabSession::State::LabFailed:
        return tr("The lab failed: see the errors in the timeline");
    default:
        return m_session->message();
    }
}

void LabPage::onFinished(LabSession::State state)
{
    const bool problem = state != LabSession::State::Finished;
    showStatus([this] { return statusText(); }, problem && state != LabSession::State::Stopped);
    m_run->setEnabled(m_form->valid() || !m_program.isEmpty());
    m_stop->setEnabled(false);
    m_form->setEnabled(true);
    m_asPython->setEnabled(true);
    m_programArgs->setEnabled(true);
    m_timeline->fitAll();
    Q_EMIT runningChanged(false);
}

void LabPage::showOpenedTrace()
{
    showRun([this] { return tr("Opened a saved run (%1)").arg(m_model->runStatus()); });
}

void LabPage::showRun(std::function<QString()> status)
{
    const QString lab = m_model->labId();
    const QJsonObject params = m_model->params();
    if (const LabInfo *info = labs::find(lab.toStdString())) {
        setProgramMode(false);
        if (lab != m_labId) { // (the same lab keeps its form and notes: a run of a series)
            m_labId = lab;
            m_title->setText(engineText::lab(info->title));
            m_blurb->setText(engineText::lab(info->blurb));
            m_form->setLab(info);
            m_notes->setLab(lab);
        }
        for (auto it = params.begin(); it != params.end(); ++it)
            m_form->setValue(it.key(), SummaryPanel::formatValue(it.value()).toLower());
    } else if (const QString program = params.value(QStringLiteral("program")).toString();
               !program.isEmpty()) {
        // A user's Python program: its source beside the run, if it is still there.
        QString error;
        setProgramMode(true);
        m_program = QFileInfo(program).absoluteFilePath();
        m_labId.clear();
        m_programArgs->setText(params.value(QStringLiteral("args")).toString());
        m_title->setText(QFileInfo(program).fileName());
        m_blurb->setText(m_program);
        if (!m_notes->showProgram(program, &error))
            m_blurb->setText(error);
    }
    showStatus(status, false);
    updateCaption();
    m_timeline->fitAll();
}

void LabPage::showStatus(std::function<QString()> text, bool problem)
{
    m_status = std::move(text);
    m_statusProblem = problem;
    m_summary->setStatus(m_status(), problem);
}

void LabPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LabPage::retranslateUi()
{
    m_run->setText(tr("Run"));
    m_stop->setText(tr("Stop"));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Show the whole run (or double-click the timeline)"));
    m_asPython->setText(tr("Run as Python"));
    m_asPython->setToolTip(tr("Run the lab's own Python program (see Notes) under CPython with "
                              "these parameters, instead of the C++ lab: the same views, the "
                              "real interpreter"));
    m_programArgs->setPlaceholderText(tr("arguments for the program (optional)"));
    m_bottom->setTabText(m_bottom->indexOf(m_console), tr("Output"));
    if (const int at = m_bottom->indexOf(m_chart); at >= 0)
        m_bottom->setTabText(at, tr("Queue depth"));
    if (const int at = m_bottom->indexOf(m_distribution); at >= 0)
        m_bottom->setTabText(at, tr("Distribution"));
    if (const LabInfo *lab = labs::find(m_labId.toStdString())) {
        m_title->setText(engineText::lab(lab->title));
        m_blurb->setText(engineText::lab(lab->blurb));
    }
    if (m_status)
        m_summary->setStatus(m_status(), m_statusProblem);
    updateCaption();
}

void LabPage::updateCaption()
{
    if (!m_program.isEmpty()) {
        const QString caption =
            QFileInfo(m_program).fileName() + QLatin1Char(' ') + m_programArgs->text();
        m_timeline->setCaption(caption.trimmed(), m_program);
        return;
    }
    const LabInfo *lab = labs::find(m_labId.toStdString());
    const QString engine = m_asPython->isChecked() ? tr(" (Python)") : QString();
    if (!lab) {
        m_timeline->setCaption(m_labId + engine);
        return;
    }
    // The title: the lab and what defines the run (the lab says which), then
    // what differs from the defaults, up to four; the tooltip: everything.
    const auto values = m_form->values();
    QStringList named, changed, all;
    for (const ParamSpec &spec : lab->params) {
        const QString key = QString::fromStdString(spec.name);
        const QString entry = key + QLatin1Char('=') + values.value(key);
        all << entry;
        if (spec.defining)
            named << entry;
        else if (values.value(key) != QString::fromStdString(spec.defaultValue))
            changed << entry;
    }
    const int room = std::max(0, 4 - int(named.size()));
    named += changed.mid(0, room);
    m_timeline->setCaption(engineText::lab(lab->title) + engine,
                           m_labId + engine + QLatin1Char('\n') + all.join(QLatin1Char('\n')),
                           named);
}

} // namespace proclab
