#include "presentationmode.h"

#include "timelinepalette.h"
#include "timelineview.h"
#include "tracemodel.h"

#include <QApplication>
#include <QSettings>
#include <QWidget>

namespace proclab {

namespace {

const char *kKey = "view/presentation";

// The application font is one for all windows: remember the normal one once,
// and whether the large one is in use.
struct AppFont
{
    QFont normal = QApplication::font();
    bool large = false;
};

AppFont &appFont()
{
    static AppFont state;
    return state;
}

// Sets the application font, and scales the widgets that chose a size of
// their own (titles, large values) by the same ratio.
void setLargeFont(bool large)
{
    AppFont &state = appFont();
    if (state.large == large)
        return;
    const double from = QApplication::font().pointSizeF();
    QFont f = state.normal;
    if (large)
        f.setPointSizeF(state.normal.pointSizeF() * PresentationMode::kFontScale);
    QApplication::setFont(f);
    state.large = large;
    const double ratio = from > 0 ? f.pointSizeF() / from : 1.0;
    for (QWidget *w : QApplication::allWidgets()) {
        QFont own = w->font();
        if ((own.resolveMask() & QFont::SizeResolved) && own.pointSizeF() > 0) {
            own.setPointSizeF(own.pointSizeF() * ratio);
            w->setFont(own);
        }
    }
}

} // namespace

PresentationMode::PresentationMode(QObject *parent) : QObject(parent)
{
    appFont(); // captures the normal font before anything enlarges it
}

bool PresentationMode::remembered()
{
    return QSettings().value(QLatin1String(kKey), false).toBool();
}

void PresentationMode::addTimeline(TimelineView *view)
{
    m_views << view;
    connect(view, &QObject::destroyed, this, [this, view] { m_views.removeAll(view); });
    view->setPalette(m_on ? TimelinePalette::presentation() : TimelinePalette::standard());
}

void PresentationMode::setOn(bool on, bool remember)
{
    if (remember)
        QSettings().setValue(QLatin1String(kKey), on);
    const bool changedMode = on != m_on;
    m_on = on;
    setLargeFont(on);
    for (TimelineView *v : std::as_const(m_views))
        v->setPalette(on ? TimelinePalette::presentation() : TimelinePalette::standard());
    if (changedMode)
        Q_EMIT changed(on);
}

} // namespace proclab
