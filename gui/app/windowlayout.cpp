// SPDX-License-Identifier: MIT
#include "windowlayout.h"

#include "labcatalogue.h"
#include "presentationmode.h"
#include "timelinepalette.h"
#include "timelineview.h"

#include <QAction>
#include <QEvent>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <algorithm>

namespace proclab {

namespace {

constexpr LabPage::Panel kPanels[] = {LabPage::Panel::Parameters, LabPage::Panel::Summary,
                                      LabPage::Panel::Processes, LabPage::Panel::Notes};

QString splitterKey(const QSplitter *s)
{
    return QStringLiteral("window/splitter/") + s->objectName();
}

} // namespace

WindowLayout::WindowLayout(QMainWindow *window, QSplitter *main, LabCatalogue *catalogue,
                           LabPage *page, PresentationMode *presentation)
    : QObject(window), m_window(window), m_main(main), m_catalogue(catalogue), m_page(page)
{
    m_main->setObjectName(QStringLiteral("mainSplitter"));
    m_bar = new QToolBar(window);
    m_bar->setObjectName(QStringLiteral("panelBar"));
    m_bar->setMovable(false);
    m_bar->setFloatable(false);
    m_bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_bar->hide();
    window->addToolBar(Qt::TopToolBarArea, m_bar);

    m_run = m_bar->addAction(QString(), page, [this] { m_page->run(); });
    m_stop = m_bar->addAction(QString(), page, &LabPage::stop);
    m_stop->setEnabled(false);
    m_fit = m_bar->addAction(QString(), page->timeline(), &TimelineView::fitAll);
    m_bar->addSeparator();
    m_labs = m_bar->addAction(QString());
    m_labs->setCheckable(true);
    m_labs->setObjectName(QStringLiteral("showLabs"));
    connect(m_labs, &QAction::triggered, this, [this](bool on) { m_catalogue->setVisible(on); });
    const char *names[] = {"showParameters", "showSummary", "showProcesses", "showNotes"};
    for (LabPage::Panel panel : kPanels) {
        QAction *a = m_bar->addAction(QString());
        a->setCheckable(true);
        a->setObjectName(QLatin1String(names[int(panel)]));
        connect(a, &QAction::triggered, this,
                [this, panel](bool on) { m_page->setPanelShown(panel, on); });
        m_panels.insert(int(panel), a);
    }
    m_bar->addSeparator();
    m_timelineOnly = new QAction(window);
    m_timelineOnly->setObjectName(QStringLiteral("timelineOnly"));
    m_timelineOnly->setCheckable(true);
    m_timelineOnly->setShortcut(QKeySequence(Qt::Key_F11));
    m_timelineOnly->setShortcutContext(Qt::ApplicationShortcut);
    window->addAction(m_timelineOnly); // works with the toolbar and the menus hidden
    m_bar->addAction(m_timelineOnly);
    connect(m_timelineOnly, &QAction::triggered, this, &WindowLayout::setTimelineOnly);

    connect(page, &LabPage::panelsChanged, this, &WindowLayout::syncActions);
    connect(page, &LabPage::runningChanged, this, [this](bool running) {
        m_run->setEnabled(!running);
        m_stop->setEnabled(running);
    });
    connect(presentation, &PresentationMode::changed, this, &WindowLayout::setPresentation);
    window->installEventFilter(this); // resizes: the projector's type follows
    retranslate();
    syncActions();
}

double WindowLayout::presentationScale(int windowHeight)
{
    return std::clamp(windowHeight / 720.0, 1.0, 1.25);
}

void WindowLayout::scalePresentation()
{
    if (m_presenting)
        m_page->timeline()->setPalette(TimelinePalette::presentation(
            presentationScale(m_window->height())));
}

bool WindowLayout::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Resize)
        scalePresentation();
    return QObject::eventFilter(watched, event);
}

QList<QAction *> WindowLayout::panelActions() const
{
    QList<QAction *> out{m_labs};
    for (LabPage::Panel panel : kPanels)
        out << m_panels.value(int(panel));
    return out;
}

void WindowLayout::retranslate()
{
    m_run->setText(tr("Run"));
    m_stop->setText(tr("Stop"));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Show the whole run"));
    m_labs->setText(tr("Labs"));
    m_labs->setToolTip(tr("Show or hide the list of labs"));
    const QString texts[] = {tr("Parameters"), tr("Summary"), tr("Processes"), tr("Notes")};
    const QString tips[] = {tr("Show or hide the lab's parameters"),
                            tr("Show or hide the run's summary"),
                            tr("Show or hide the process tree"),
                            tr("Show or hide the notes, the output and the charts")};
    for (LabPage::Panel panel : kPanels) {
        m_panels.value(int(panel))->setText(texts[int(panel)]);
        m_panels.value(int(panel))->setToolTip(tips[int(panel)]);
    }
    m_timelineOnly->setText(tr("Timeline only"));
    m_timelineOnly->setToolTip(
        tr("Show only the timeline (F11); press F11 again to bring everything back"));
}

WindowLayout::Shown WindowLayout::current() const
{
    Shown s;
    s.catalogue = !m_catalogue->isHidden();
    s.header = m_page->headerShown();
    s.toolBar = !m_bar->isHidden();
    for (LabPage::Panel panel : kPanels)
        s.panels.insert(int(panel), m_page->panelShown(panel));
    return s;
}

void WindowLayout::apply(const Shown &shown)
{
    m_catalogue->setVisible(shown.catalogue);
    m_page->setHeaderShown(shown.header);
    m_bar->setVisible(shown.toolBar);
    for (LabPage::Panel panel : kPanels)
        m_page->setPanelShown(panel, shown.panels.value(int(panel), true));
    syncActions();
}

void WindowLayout::syncActions()
{
    const QSignalBlocker b(m_labs);
    m_labs->setChecked(!m_catalogue->isHidden());
    for (LabPage::Panel panel : kPanels) {
        QAction *a = m_panels.value(int(panel));
        const QSignalBlocker quiet(a);
        a->setChecked(m_page->panelShown(panel));
    }
    const QSignalBlocker quiet(m_timelineOnly);
    m_timelineOnly->setChecked(m_only.active);
}

void WindowLayout::setPresentation(bool on)
{
    if (on == m_presenting)
        return;
    if (m_only.active)
        setTimelineOnly(false);
    if (on) {
        // Keep the normal mode's layout, then give the timeline the room.
        if (m_window->isVisible())
            saveWindow();
        m_normal = current();
        Shown collapsed;
        collapsed.catalogue = false;
        collapsed.header = false;
        collapsed.toolBar = true;
        for (LabPage::Panel panel : kPanels)
            collapsed.panels.insert(int(panel), false);
        m_presenting = true;
        apply(collapsed);
        scalePresentation();
    } else {
        m_presenting = false;
        Shown normal = m_normal;
        normal.toolBar = false;
        apply(normal);
    }
}

void WindowLayout::setTimelineOnly(bool on)
{
    if (on == m_only.active) {
        syncActions();
        return;
    }
    if (on) {
        m_only.before = current();
        m_only.statusBar = m_window->statusBar()->isVisible();
        Shown nothing;
        nothing.catalogue = false;
        nothing.header = false;
        nothing.toolBar = false;
        for (LabPage::Panel panel : kPanels)
            nothing.panels.insert(int(panel), false);
        m_only.active = true;
        apply(nothing);
        m_window->statusBar()->hide();
    } else {
        m_only.active = false;
        apply(m_only.before);
        m_window->statusBar()->setVisible(m_only.statusBar);
    }
    syncActions();
}

QList<QSplitter *> WindowLayout::splitters() const
{
    return QList<QSplitter *>{m_main} + m_page->splitters();
}

void WindowLayout::restoreWindow()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !m_window->restoreGeometry(geometry)) {
        // First start: the screen's room; below 1600 px wide all of it.
        const QRect room = m_window->screen() ? m_window->screen()->availableGeometry()
                                              : QRect(0, 0, 1280, 720);
        if (room.width() < 1600) {
            m_window->resize(room.size());
            m_window->setWindowState(m_window->windowState() | Qt::WindowMaximized);
        } else {
            const QSize size(room.width() * 9 / 10, room.height() * 9 / 10);
            m_window->resize(size);
            m_window->move(room.center() - QPoint(size.width() / 2, size.height() / 2));
        }
    }
    for (QSplitter *s : splitters()) {
        const QByteArray state = settings.value(splitterKey(s)).toByteArray();
        if (!state.isEmpty())
            s->restoreState(state);
    }
}

void WindowLayout::saveWindow()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), m_window->saveGeometry());
    if (m_presenting || m_only.active)
        return; // collapsed: the normal positions are kept as they were
    for (QSplitter *s : splitters())
        settings.setValue(splitterKey(s), s->saveState());
}

} // namespace proclab
