#pragma once
// Helpers the GUI test suites share: a recorder of Qt warnings (a test fails
// on any), builders of hand-made trace events, pixel probes of rendered
// timelines, and running a lab in a LabPage to its end.

#include "timelinelayout.h"
#include "traceevent.h"

#include <QColor>
#include <QImage>
#include <QJsonObject>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QStringList>
#include <initializer_list>
#include <utility>

namespace proclab {
class LabPage;
class TimelineView;
class TraceModel;
struct TimelineLayout;
} // namespace proclab

namespace proclab::test {

// --- Warning recorder -------------------------------------------------------

// Whether the offscreen plugin's "This plugin does not support
// propagateSizeHints()" (it warns when a window with a layout is shown, which
// says nothing about ProcLab) is let through or recorded like any warning.
enum class OffscreenNoise
{
    Ignore,
    Record
};

// Installs a message handler that records warnings, criticals and fatals and
// forwards every message to the handler installed before it.
void installWarningRecorder(OffscreenNoise noise = OffscreenNoise::Ignore);
// Puts the previous handler back.
void uninstallWarningRecorder();
void clearRecordedWarnings();
QStringList recordedWarnings();

// "1234 S proclab-runner, ..." for the processes this test process has started.
QString describeDescendants();

// --- Hand-built trace events (times in µs) -------------------------------------

TraceEvent meta(qint64 pid, const QString &name, qint64 ppid, bool isMain = false);
TraceEvent begin(double ts, qint64 pid, const QString &name, const QJsonObject &args = {});
TraceEvent end(double ts, qint64 pid, const QString &name);
TraceEvent instant(double ts, qint64 pid, const QString &name, const QJsonObject &args = {});
// Longest horizontal run of exactly colour `c` in `area` of `image`: a legend
// swatch is 26 px wide, strokes of the other glyphs are a few pixels.
int longestRun(const QImage &image, const QRectF &area, const QColor &c);
// A one-key counter {name: value}, e.g. a sampled /proc state (ev::State).
TraceEvent counter(double ts, qint64 pid, const QString &name, int value);

// --- Pixels -------------------------------------------------------------------

// The view rendered into a `size` image prefilled with magenta, so a pixel the
// view does not paint itself shows.
QImage renderTimeline(const TimelineView &view, QSize size);
// `model` drawn by a TimelineView of `size`, with where things went.
struct RenderedTimeline
{
    QImage image;
    TimelineLayout layout;
    TimelineMapping map;
};
RenderedTimeline renderModel(const TraceModel &model, QSize size);
// Vertical middle of the lane's bars (every depth is centred on it).
double barMiddle(const TimelineLayout &layout, int row);
// The colour of the image pixel containing (x, y).
QColor pixelAt(const QImage &image, double x, double y);
// Whether a horizontal line of a widget grab at widget y crosses colour `c`
// somewhere in [x0, x1): a scan, so no single pixel position is relied on.
bool lineHasColour(const QImage &image, double y, double x0, double x1, const QColor &c);

// --- Labs in a LabPage ------------------------------------------------------------

// Resizes and shows the page, waits until it is exposed, then opens lab `labId`.
// False when the window was never exposed.
bool showLab(LabPage &page, const QString &labId, QSize size = QSize(1280, 720));
// Sets the lab's parameters in the page's form, in the given order.
void setParameters(LabPage &page,
                   std::initializer_list<std::pair<const char *, const char *>> values);
// Runs the page's lab and waits at most `boundMs` for LabSession::finished;
// true when it ended in LabSession::State::Finished, else false with the reason
// in `why`.
bool runToEnd(LabPage &page, int boundMs, QString *why);

} // namespace proclab::test
