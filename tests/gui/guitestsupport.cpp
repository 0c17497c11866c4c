#include "guitestsupport.h"

#include "labpage.h"
#include "labsession.h"
#include "parameterform.h"
#include "processcensus.h"
#include "timelinelayout.h"
#include "timelineview.h"

#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <unistd.h>

namespace proclab::test {

namespace {

QStringList s_warnings;
QtMessageHandler s_previousHandler = nullptr;
OffscreenNoise s_offscreenNoise = OffscreenNoise::Ignore;

bool isOffscreenPluginNoise(const QString &msg)
{
    return msg == QLatin1String("This plugin does not support propagateSizeHints()");
}

void recordWarnings(QtMsgType type, const QMessageLogContext &context, const QString &msg)
{
    if ((type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg) &&
        !(s_offscreenNoise == OffscreenNoise::Ignore && isOffscreenPluginNoise(msg)))
        s_warnings << msg;
    if (s_previousHandler)
        s_previousHandler(type, context, msg);
}

} // namespace

void installWarningRecorder(OffscreenNoise noise)
{
    s_offscreenNoise = noise;
    s_previousHandler = qInstallMessageHandler(recordWarnings);
}

void uninstallWarningRecorder()
{
    qInstallMessageHandler(s_previousHandler);
    s_previousHandler = nullptr;
}

void clearRecordedWarnings()
{
    s_warnings.clear();
}

QStringList recordedWarnings()
{
    return s_warnings;
}

QString describeDescendants()
{
    return describe(descendantsOf(getpid()));
}

TraceEvent meta(qint64 pid, const QString &name, qint64 ppid, bool isMain)
{
    return {0, pid, TraceEvent::Meta, ev::ProcessName,
            QJsonObject{{"name", name}, {"ppid", ppid}, {"main", isMain}}};
}

TraceEvent begin(double ts, qint64 pid, const QString &name, const QJsonObject &args)
{
    return {ts, pid, TraceEvent::Begin, name, args};
}

TraceEvent end(double ts, qint64 pid, const QString &name)
{
    return {ts, pid, TraceEvent::End, name, {}};
}

TraceEvent instant(double ts, qint64 pid, const QString &name, const QJsonObject &args)
{
    return {ts, pid, TraceEvent::Instant, name, args};
}

int longestRun(const QImage &image, const QRectF &area, const QColor &c)
{
    const QRect r = area.toAlignedRect().intersected(image.rect());
    int best = 0;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        int run = 0;
        for (int x = r.left(); x <= r.right(); ++x) {
            run = QColor(image.pixel(x, y)).rgb() == c.rgb() ? run + 1 : 0;
            best = std::max(best, run);
        }
    }
    return best;
}

RenderedTimeline renderModel(const TraceModel &model, QSize size)
{
    TimelineView view;
    view.resize(size);
    view.setModel(const_cast<TraceModel *>(&model)); // the view only reads it
    RenderedTimeline r;
    r.image = renderTimeline(view, size);
    r.layout = view.layoutFor(QRectF(r.image.rect()));
    r.map = view.mapping();
    return r;
}

TraceEvent counter(double ts, qint64 pid, const QString &name, int value)
{
    return {ts, pid, TraceEvent::Counter, name, {{name, value}}, 0};
}

QImage renderTimeline(const TimelineView &view, QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::magenta); // renderTo must paint every pixel itself
    QPainter p(&image);
    view.renderTo(p, QRectF(QPointF(0, 0), size));
    p.end();
    return image;
}

double barMiddle(const TimelineLayout &layout, int row)
{
    return layout.barTop(row, 0) + layout.barHeight(0) / 2;
}

QColor pixelAt(const QImage &image, double x, double y)
{
    return QColor(image.pixel(int(std::floor(x)), int(std::floor(y))));
}

bool lineHasColour(const QImage &image, double y, double x0, double x1, const QColor &c)
{
    const double dpr = image.devicePixelRatio();
    const int py = int(y * dpr);
    for (int px = int(x0 * dpr); px < int(x1 * dpr) && px < image.width(); ++px)
        if (QColor(image.pixel(px, py)).rgb() == c.rgb())
            return true;
    return false;
}

bool showLab(LabPage &page, const QString &labId, QSize size)
{
    page.resize(size);
    page.show();
    if (!QTest::qWaitForWindowExposed(&page))
        return false;
    page.setLab(labId);
    return true;
}

void setParameters(LabPage &page,
                   std::initializer_list<std::pair<const char *, const char *>> values)
{
    for (const auto &[name, value] : values)
        page.form()->setValue(QString::fromLatin1(name), QString::fromLatin1(value));
}

bool runToEnd(LabPage &page, int boundMs, QString *why)
{
    QSignalSpy finished(page.session(), &LabSession::finished);
    if (!page.run()) {
        *why = QStringLiteral("run() refused: ") + page.statusText();
        return false;
    }
    if (!finished.wait(boundMs)) {
        *why = QStringLiteral("no end within %1 ms").arg(boundMs);
        return false;
    }
    const auto state = finished.first().first().value<LabSession::State>();
    if (state != LabSession::State::Finished) {
        *why = QStringLiteral("ended with: ") + page.statusText();
        return false;
    }
    return true;
}

} // namespace proclab::test
