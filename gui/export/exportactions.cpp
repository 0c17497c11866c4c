#include "exportactions.h"

#include "labpage.h"
#include "queuedepthchart.h"
#include "racepanel.h"
#include "timelineview.h"

#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStyle>
#include <QToolButton>

namespace proclab {

namespace {

// Keeps a button in its view's top right corner. A timeline keeps its title
// clear of it (TimelineView::setCornerKept).
class CornerKeeper : public QObject
{
public:
    CornerKeeper(QWidget *view, QToolButton *button) : QObject(button), m_button(button)
    {
        m_timeline = qobject_cast<TimelineView *>(view);
        view->installEventFilter(this);
        place(view);
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            place(static_cast<QWidget *>(watched));
        return false;
    }

private:
    void place(QWidget *view)
    {
        m_button->adjustSize();
        m_button->move(view->width() - m_button->width() - 2, 2);
        m_button->raise();
        if (m_timeline)
            m_timeline->setCornerKept(
                QSizeF(view->width() - m_button->x(), m_button->y() + m_button->height() + 1));
    }
    QToolButton *m_button;
    TimelineView *m_timeline = nullptr;
};

// A new file named without an extension gets the chosen filter's; an
// existing file (or device) is written as named.
bool needsSuffix(const QString &path)
{
    const QFileInfo info(path);
    return info.suffix().isEmpty() && !info.exists();
}

} // namespace

ExportActions::ExportActions(LabPage *page, QWidget *window)
    : QObject(window), m_page(page), m_window(window)
{
}

QStringList ExportActions::imageFilters()
{
    return {tr("PNG image (*.png)"), tr("PNG image, 2× pixels for print (*.png)"),
            tr("SVG vector image (*.svg)")};
}

QStringList ExportActions::traceFilters()
{
    return {tr("Chrome/Perfetto trace (*.json)"), tr("CSV, one row per event (*.csv)")};
}

QWidget *ExportActions::viewWidget(ExportView view) const
{
    switch (view) {
    case ExportView::Timeline:
        return m_page->timeline();
    case ExportView::Chart:
        return m_page->queueChart();
    case ExportView::Race:
        return m_page->racePanel();
    case ExportView::Page:
        return m_page;
    }
    return nullptr;
}

bool ExportActions::available(ExportView view) const
{
    switch (view) {
    case ExportView::Chart:
        return m_page->queueChart()->hasQueues();
    case ExportView::Race:
        return m_page->racePanel()->hasContent();
    default:
        return true;
    }
}

void ExportActions::populate(QMenu *menu)
{
    menu->addAction(tr("&Trace (JSON or CSV)…"), this, &ExportActions::exportTraceDialog);
    menu->addSeparator();
    struct Entry
    {
        ExportView view;
        QString text;
    };
    const QList<Entry> entries{{ExportView::Timeline, tr("Time&line (PNG or SVG)…")},
                               {ExportView::Chart, tr("&Queue depth chart (PNG or SVG)…")},
                               {ExportView::Race, tr("&Race panel (PNG or SVG)…")},
                               {ExportView::Page, tr("Whole lab &page (PNG or SVG)…")}};
    QList<QPair<QAction *, ExportView>> viewActions;
    for (const Entry &e : entries) {
        QAction *a = menu->addAction(e.text, this, [this, v = e.view] { exportViewDialog(v); });
        a->setObjectName(QStringLiteral("export-") + ViewRenderer::name(e.view));
        viewActions << qMakePair(a, e.view);
    }
    // Views with nothing to show are greyed out.
    connect(menu, &QMenu::aboutToShow, this, [this, viewActions] {
        for (const auto &[action, view] : viewActions)
            action->setEnabled(available(view));
    });
}

void ExportActions::attachButtons()
{
    for (ExportView view : {ExportView::Timeline, ExportView::Chart, ExportView::Race}) {
        QWidget *w = viewWidget(view);
        auto *b = new QToolButton(w);
        b->setObjectName(QString::fromLatin1(ViewRenderer::kExportButtonName));
        b->setIcon(w->style()->standardIcon(QStyle::SP_DialogSaveButton));
        b->setAutoRaise(true);
        b->setToolTip(tr("Export this view as PNG or SVG…"));
        b->setAccessibleName(tr("Export view"));
        connect(b, &QToolButton::clicked, this, [this, view] { exportViewDialog(view); });
        new CornerKeeper(w, b);
    }
}

QString ExportActions::defaultName(const QString &suffix) const
{
    const QString lab = m_page->labId().isEmpty() ? QStringLiteral("proclab") : m_page->labId();
    return lab + suffix;
}

void ExportActions::exportViewDialog(ExportView view)
{
    QString filter = imageFilters().first();
    // No extension: the chosen filter adds it (saveView()).
    const QString name = defaultName(QLatin1Char('-') + ViewRenderer::name(view));
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export view"), name, imageFilters().join(QStringLiteral(";;")), &filter);
    if (!path.isEmpty())
        saveView(view, path, filter);
}

void ExportActions::exportTraceDialog()
{
    QString filter = traceFilters().first();
    const QString path =
        QFileDialog::getSaveFileName(m_window, tr("Export trace"), defaultName({}),
                                     traceFilters().join(QStringLiteral(";;")), &filter);
    if (!path.isEmpty())
        saveTrace(path, filter);
}

QString ExportActions::displayName(ExportView view)
{
    switch (view) {
    case ExportView::Timeline:
        return tr("timeline");
    case ExportView::Chart:
        return tr("queue depth chart");
    case ExportView::Race:
        return tr("race panel");
    case ExportView::Page:
        return tr("lab page");
    }
    return {};
}

bool ExportActions::saveView(ExportView view, const QString &givenPath, const QString &filter)
{
    const QStringList filters = imageFilters();
    QString path = givenPath;
    if (needsSuffix(path)) // a new file without extension: the filter chooses
        path += filter == filters[2] ? QStringLiteral(".svg") : QStringLiteral(".png");
    const bool svg = QFileInfo(path).suffix().toLower() == QLatin1String("svg");
    const qreal scale = !svg && filter == filters[1] ? 2.0 : 1.0;
    QString error;
    bool ok = false;
    if (!available(view))
        error = tr("the %1 has nothing to show for this run").arg(displayName(view));
    else
        ok = Exporter::writeImage(*viewWidget(view), path,
                                  svg ? ImageFormat::Svg : ImageFormat::Png, scale, {}, &error);
    return report(ok, displayName(view), path, error);
}

bool ExportActions::saveTrace(const QString &givenPath, const QString &filter)
{
    QString path = givenPath;
    if (needsSuffix(path))
        path += filter == traceFilters()[1] ? QStringLiteral(".csv") : QStringLiteral(".json");
    const bool csv = QFileInfo(path).suffix().toLower() == QLatin1String("csv");
    QString error;
    const bool ok = csv ? Exporter::writeCsv(*m_page->model(), path, &error)
                        : Exporter::writeTrace(*m_page->model(), path, &error);
    return report(ok, tr("trace"), path, error);
}

bool ExportActions::report(bool ok, const QString &what, const QString &path, const QString &error)
{
    if (ok) {
        Q_EMIT saved(tr("Exported the %1 to %2").arg(what, path));
        return true;
    }
    // Every failure names the path (Exporter's messages do; others get it here).
    const QString message = error.contains(path) ? error : Exporter::cannotWrite(path, error);
    Q_EMIT failed(message);
    if (m_window) { // not modal to the event loop: the user (or a test) closes it
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Export failed"), message,
                                    QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("exportFailed"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    return false;
}

} // namespace proclab
