#include "mainwindow.h"

#include "chrometrace.h"
#include "traceopener.h"
#include "exportactions.h"
#include "labcatalogue.h"
#include "labpage.h"
#include "labs.h"
#include "language.h"
#include "presentationmode.h"
#include "timelineview.h"
#include "tracemodel.h"
#include "windowlayout.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QSettings>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>

namespace proclab {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("ProcLab — watch real processes"));
    m_catalogue = new LabCatalogue(this);
    m_page = new LabPage(this);
    m_presentation = new PresentationMode(this);
    m_presentation->addTimeline(m_page->timeline());
    auto *split = new QSplitter(this);
    split->addWidget(m_catalogue);
    split->addWidget(m_page);
    split->setStretchFactor(1, 1);
    split->setSizes({200, 1080});
    setCentralWidget(split);
    m_export = new ExportActions(m_page, this);
    m_export->attachButtons();
    m_opener = new TraceOpener(this);
    connect(m_opener, &TraceOpener::done, this, &MainWindow::showOpened);
    connect(m_export, &ExportActions::saved, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    m_layout = new WindowLayout(this, split, m_catalogue, m_page, m_presentation);
    createMenus();

    connect(m_catalogue, &LabCatalogue::labSelected, m_page, &LabPage::setLab);
    connect(m_page, &LabPage::runningChanged, m_catalogue,
            [this](bool running) { m_catalogue->setEnabled(!running); });
    m_catalogue->select(QStringLiteral("start-processes"));
    // 1280×720 (a projector), or what a smaller screen has room for.
    const QSize room = screen() ? screen()->availableGeometry().size() : QSize(1280, 720);
    resize(QSize(1280, 720).boundedTo(room));
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open trace…"), QKeySequence::Open, this, &MainWindow::openTraceDialog);
    file->addAction(tr("Open &Python program…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                    this, &MainWindow::openProgramDialog);
    m_export->populate(file->addMenu(tr("&Export")));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(tr("&Run lab"), QKeySequence(Qt::CTRL | Qt::Key_R), m_page, &LabPage::run);
    run->addAction(tr("&Stop"), QKeySequence(Qt::Key_Escape), m_page, &LabPage::stop);
    run->addSeparator();
    QAction *asPython = run->addAction(tr("Run as &Python"));
    asPython->setCheckable(true);
    asPython->setChecked(m_page->runsAsPython());
    connect(asPython, &QAction::triggered, m_page, [this](bool on) { m_page->setRunAsPython(on); });
    connect(m_page, &LabPage::runAsPythonChanged, asPython, &QAction::setChecked);
    run->addAction(tr("Python &interpreter…"), this, &MainWindow::chooseInterpreter);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Fit whole run"), QKeySequence(Qt::CTRL | Qt::Key_0), m_page->timeline(),
                    &TimelineView::fitAll);
    // Projector mode: large type, bold timeline; remembered for next time.
    QAction *present = view->addAction(tr("&Presentation"));
    present->setObjectName(QStringLiteral("presentation"));
    present->setCheckable(true);
    present->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    present->setToolTip(tr("Larger text, markers and lines for a projector"));
    // The remembered mode at the start (menus are rebuilt for a new language:
    // that keeps the mode as it is, also a --presentation one).
    if (!m_menusBuilt)
        m_presentation->setOn(PresentationMode::remembered(), false);
    m_menusBuilt = true;
    present->setChecked(m_presentation->isOn());
    connect(present, &QAction::triggered, m_presentation,
            [this](bool on) { m_presentation->setOn(on); });
    connect(m_presentation, &PresentationMode::changed, present, &QAction::setChecked);
    connect(m_presentation, &PresentationMode::changed, m_page, &LabPage::setTimelineFirst);
    // What shares the window with the timeline (projector mode: a toolbar).
    m_layout->retranslate();
    view->addSeparator();
    view->addActions(m_layout->panelActions());
    view->addAction(m_layout->timelineOnlyAction());
    view->addSeparator();
    view->addMenu(Language::createMenu(view));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About ProcLab"), this, [this] {
        QMessageBox::about(this, tr("About ProcLab"),
                           tr("ProcLab %1\nA visual lab for multiprocessing: every lab runs real "
                              "processes and shows what really happened.")
                               .arg(QStringLiteral(PROCLAB_VERSION)));
    });
}

bool MainWindow::openTrace(const QString &path, QString *error)
{
    if (m_page->isRunning()) {
        *error = tr("Stop the running lab before opening a trace");
        return false;
    }
    if (!ChromeTrace::readFile(path, m_page->model(), error))
        return false;
    m_catalogue->blockSignals(true);
    m_catalogue->select(m_page->model()->labId());
    m_catalogue->blockSignals(false);
    m_page->showOpenedTrace();
    return true;
}

bool MainWindow::openFile(const QString &path, QString *error)
{
    if (path.endsWith(QLatin1String(".py"), Qt::CaseInsensitive))
        return openProgram(path, error);
    return openTrace(path, error);
}

bool MainWindow::openProgram(const QString &path, QString *error)
{
    return m_page->openProgram(path, error);
}

void MainWindow::openProgramDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Python program"), {},
                                                      tr("Python program (*.py)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openProgram(path, &error))
        QMessageBox::warning(this, tr("Cannot open the program"), error);
}

void MainWindow::chooseInterpreter()
{
    QSettings settings;
    bool ok = false;
    const QString chosen = QInputDialog::getText(
        this, tr("Python interpreter"),
        tr("The Python that runs programs (a path, or a name on PATH; empty: python3):"),
        QLineEdit::Normal, settings.value(QStringLiteral("python/interpreter")).toString(), &ok);
    if (ok)
        settings.setValue(QStringLiteral("python/interpreter"), chosen.trimmed());
}

void MainWindow::openTraceDialog()
{
    if (m_page->isRunning()) {
        QMessageBox::warning(this, tr("Cannot open trace"),
                             tr("Stop the running lab before opening a trace"));
        return;
    }
    if (m_opener->busy())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open trace"), {},
                                                      tr("ProcLab trace (*.json *.json.gz)"));
    if (path.isEmpty())
        return;
    // Read on a thread of its own, with a progress bar and Cancel.
    m_opener->open(path);
}

void MainWindow::showOpened(bool ok, const TraceFile &file, const QString &error)
{
    if (!ok) {
        if (!m_opener->cancelled())
            QMessageBox::warning(this, tr("Cannot open trace"), error);
        return;
    }
    if (m_page->isRunning())
        return;
    file.applyTo(m_page->model());
    m_catalogue->blockSignals(true);
    m_catalogue->select(m_page->model()->labId());
    m_catalogue->blockSignals(false);
    m_page->showOpenedTrace();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // Menus are rebuilt rather than retranslated one action at a time.
        const auto menus = menuBar()->findChildren<QMenu *>(Qt::FindDirectChildrenOnly);
        menuBar()->clear();
        for (QMenu *m : menus)
            m->deleteLater();
        setWindowTitle(tr("ProcLab — watch real processes"));
        createMenus();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_page->stop(); // the session's destructor finishes the job if the runner is slow
    m_layout->saveWindow();
    event->accept();
}

} // namespace proclab
