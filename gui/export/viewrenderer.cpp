#include "viewrenderer.h"

#include "timelineview.h"
#include "tracemodel.h"

#include <QApplication>
#include <QPainter>
#include <QStringList>
#include <QWidget>

namespace proclab::ViewRenderer {

namespace {
struct Named
{
    ExportView view;
    const char *name;
};
constexpr Named kNames[] = {{ExportView::Timeline, "timeline"},
                            {ExportView::Chart, "chart"},
                            {ExportView::Race, "race"},
                            {ExportView::Page, "page"}};
} // namespace

QString name(ExportView view)
{
    for (const Named &n : kNames)
        if (n.view == view)
            return QString::fromLatin1(n.name);
    return {};
}

bool fromName(const QString &text, ExportView *view)
{
    for (const Named &n : kNames) {
        if (text == QLatin1String(n.name)) {
            *view = n.view;
            return true;
        }
    }
    return false;
}

QStringList names()
{
    QStringList out;
    for (const Named &n : kNames)
        out << QString::fromLatin1(n.name);
    return out;
}

QSize naturalSize(const QWidget &widget)
{
    return widget.size();
}

void render(QWidget &widget, QPainter &painter, QSize size)
{
    if (const auto *timeline = qobject_cast<const TimelineView *>(&widget)) {
        timeline->renderTo(painter, QRectF(QPointF(0, 0), QSizeF(size)));
        return;
    }
    // The export buttons are for the screen only.
    QList<QWidget *> hidden;
    const auto buttons = widget.findChildren<QWidget *>(QString::fromLatin1(kExportButtonName));
    for (QWidget *b : buttons) {
        if (b->isVisibleTo(&widget)) {
            b->setVisible(false);
            hidden << b;
        }
    }
    painter.fillRect(QRect(QPoint(0, 0), size), widget.palette().window());
    widget.render(&painter, QPoint(), QRegion(QRect(QPoint(0, 0), size)),
                  QWidget::DrawWindowBackground | QWidget::DrawChildren);
    for (QWidget *b : std::as_const(hidden))
        b->setVisible(true);
}

void prepareOffscreen(QWidget &widget, QSize size)
{
    widget.setAttribute(Qt::WA_DontShowOnScreen);
    widget.resize(size);
    widget.show();
    // Layouts, chart geometry and posted updates settle in the event loop.
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
}

} // namespace proclab::ViewRenderer
