#pragma once
// Paints one view of a lab page (the timeline, the queue-depth chart, the race
// panel or the whole page) into any QPainter: a PNG image at 1x or 2x, an SVG
// generator, the screen. The same code serves the GUI's export and
// proclab-run, so a file shows what the window shows.
//
// The timeline is drawn by its painter at any size (text stays text). Other
// views are drawn with QWidget::render at their current size, without the
// small export buttons that sit on them.

#include <QSize>
#include <QString>

class QPainter;
class QWidget;

namespace proclab {

enum class ExportView
{
    Timeline,
    Chart,
    Race,
    Page,
};

namespace ViewRenderer {

// "timeline", "chart", "race", "page": the CLI's --view names.
QString name(ExportView view);
bool fromName(const QString &name, ExportView *view);
QStringList names();

// The size `widget` renders at when no size is asked for (its own size).
QSize naturalSize(const QWidget &widget);
// Paints `widget` into `painter` over (0,0)-`size` in logical pixels. For the
// timeline any size works; other widgets render at their own size (resize them
// first; see prepareOffscreen()).
void render(QWidget &widget, QPainter &painter, QSize size);

// For views built without a window (proclab-run): gives `widget` `size`,
// shows it without putting it on a screen and lets its layouts settle.
void prepareOffscreen(QWidget &widget, QSize size);

// Object name of the export buttons render() leaves out.
inline constexpr const char *kExportButtonName = "exportButton";

} // namespace ViewRenderer

} // namespace proclab
