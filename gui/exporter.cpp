#include "exporter.h"

#include "chrometrace.h"
#include "timelineview.h"

#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>

namespace proclab {

bool Exporter::writeTrace(const TraceModel &model, const QString &path, QString *error)
{
    QSaveFile f(path); // written whole or not at all
    if (!f.open(QIODevice::WriteOnly)) {
        *error = QObject::tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    f.write(ChromeTrace::write(model));
    if (!f.commit()) {
        *error = QObject::tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool Exporter::writeTimelinePng(const TimelineView &view, const QString &path, QSize size,
                                qreal scale, QString *error)
{
    if (size.isEmpty() || size.width() > 16384 || size.height() > 16384) {
        *error = QObject::tr("Image size must be between 1x1 and 16384x16384, got %1x%2")
                     .arg(size.width())
                     .arg(size.height());
        return false;
    }
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        view.renderTo(p, QRectF(QPointF(0, 0), QSizeF(size)));
    }
    QImageWriter writer(path, "png");
    if (!writer.write(image)) {
        *error = QObject::tr("Cannot write %1: %2").arg(path, writer.errorString());
        return false;
    }
    return true;
}

} // namespace proclab
